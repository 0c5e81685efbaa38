// Every Apex class the preview stands in for, one module each. An LWC importing `@salesforce/apex/C.m`
// needs `m` in C's `methods` here: preview/test/apexHandlers.test.ts fails otherwise.
import { RelayEventResource } from './RelayEventResource';
import type { ApexClassPreview } from './types';

export const APEX_CLASSES: ApexClassPreview[] = [RelayEventResource];
