// Every standard object the local org declares. Relay touches no others; an object missing here is unknown to
// the runtime, as an object would be in an org without the feature.
import type { StandardObject } from './define';
import { APEX_OBJECTS } from './apex';
import { CRM_OBJECTS } from './crm';
import { FILE_OBJECTS } from './files';
import { IDENTITY_OBJECTS } from './identity';
import { MESSAGING_OBJECTS } from './messaging';
import { OMNI_OBJECTS } from './omni';

export const STANDARD_OBJECTS: readonly StandardObject[] = [
    ...IDENTITY_OBJECTS,
    ...CRM_OBJECTS,
    ...FILE_OBJECTS,
    ...OMNI_OBJECTS,
    ...MESSAGING_OBJECTS,
    ...APEX_OBJECTS
];

export type { StandardField, StandardObject } from './define';
