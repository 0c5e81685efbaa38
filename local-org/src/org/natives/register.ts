// Registers every platform type the local org provides with the interpreter: the numbers, text and time
// natives, System and friends, Database, Test, Trigger, the platform classes and enums.
import { numberEnums, numberTypes } from '../../runtime/numbers';
import { textTypes } from '../../runtime/text';
import { timeTypes } from '../../runtime/time';
import type { LocalOrg } from '../org';
import { databaseNatives } from './database';
import { definePlatformClasses, type PlatformClasses } from './platformClasses';
import { platformEnums, systemNatives } from './system';
import { testingNatives } from './testing';
import { jsonNative } from './json';
import { triggerNative, triggerOperationEnum } from './triggerContext';

export function registerPlatform(org: LocalOrg): PlatformClasses {
    for (const native of [
        ...numberTypes,
        ...textTypes,
        ...timeTypes,
        ...systemNatives(org),
        ...testingNatives(org),
        ...databaseNatives(org),
        jsonNative(org),
        triggerNative
    ]) {
        org.host.addNative(native);
    }
    for (const nativeEnum of [...numberEnums, ...platformEnums, triggerOperationEnum])
        org.interp.registry.addNativeEnum(nativeEnum);
    return definePlatformClasses(org);
}
