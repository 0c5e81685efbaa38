// String.valueOf and string concatenation of any value (Apex Reference, "String Class", valueOf): numbers
// and dates in their Apex forms, collections as (a, b) / {a, b} / {k=v}, an SObject as Type:{Field=value},
// a user object through its toString() or as Class:[field=value].
import { numberToString, numericTypeOf } from '../runtime/numbers';
import { concatStringOfDate, stringOfDate, stringOfDatetime, stringOfDatetimeGmt, stringOfTime } from '../runtime/time';
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexEnumValue,
    ApexList,
    ApexMap,
    ApexSet,
    ApexTime,
    SObjectValue,
    type ApexValue
} from '../runtime/values';
import { ApexObject } from './classes';
import type { Interpreter } from './interpreter';
import { ApexTypeValue } from './typeValues';

/**
 * `mode` 'valueOf' is String.valueOf; 'concat' is string concatenation and System.debug, which print a Date
 * with a midnight time and a Datetime in GMT (see runtime/time/strings.ts for the sources).
 */
export function stringOf(interp: Interpreter, value: ApexValue, mode: 'valueOf' | 'concat' = 'valueOf'): string {
    if (value === null || value === undefined) return 'null';
    switch (typeof value) {
        case 'string':
            return value;
        case 'boolean':
            return value ? 'true' : 'false';
        case 'number':
            return String(value);
        default:
            break;
    }
    if (numericTypeOf(value)) return numberToString(value);
    if (value instanceof ApexDate) return mode === 'concat' ? concatStringOfDate(value) : stringOfDate(value);
    if (value instanceof ApexDatetime) {
        return mode === 'concat'
            ? stringOfDatetimeGmt(value)
            : stringOfDatetime(value, interp.nativeContext().userTimeZone);
    }
    if (value instanceof ApexTime) return stringOfTime(value);
    if (value instanceof ApexBlob) return `Blob[${value.bytes.length}]`;
    if (value instanceof ApexEnumValue) return value.name;
    if (value instanceof ApexList) return `(${value.items.map((v) => stringOf(interp, v, mode)).join(', ')})`;
    if (value instanceof ApexSet) return `{${[...value.values()].map((v) => stringOf(interp, v, mode)).join(', ')}}`;
    if (value instanceof ApexMap) {
        return `{${[...value.entries()].map(([k, v]) => `${stringOf(interp, k, mode)}=${stringOf(interp, v, mode)}`).join(', ')}}`;
    }
    if (value instanceof SObjectValue) {
        const fields = [...value.fields.values()].map((f) => `${f.name}=${stringOf(interp, f.value, mode)}`);
        return `${value.objectName}:{${fields.join(', ')}}`;
    }
    if (value instanceof ApexObject) {
        const method = interp.selectOverload(value.cls.methodsNamed('tostring'), []);
        if (method) return String(interp.invoke(method, value, [], 0));
        const fields = [...value.cls.fields.values()]
            .filter((f) => !f.isStatic)
            .map((f) => `${f.name}=${stringOf(interp, value.fields.get(f.key) ?? null, mode)}`);
        return `${value.cls.name}:[${fields.join(', ')}]`;
    }
    if (value instanceof ApexTypeValue) return value.name;
    const custom = value as { toApexString?: () => string };
    if (typeof custom.toApexString === 'function') return custom.toApexString();
    return `[${interp.registry.typeNameOf(value)}]`;
}
