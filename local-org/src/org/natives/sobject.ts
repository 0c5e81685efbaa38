// SObject instance members (Apex Reference, "SObject Class"): get/put by name or token, getSObject(s),
// getPopulatedFieldsAsMap, clone, addError, getSObjectType.
import { UnsupportedError } from '../../runtime/errors';
import { ApexList, ApexMap, SObjectValue, T, typeRef, type ApexValue } from '../../runtime/values';
import type { Interpreter } from '../../interpreter/interpreter';
import { readSObjectField, writeSObjectField } from '../../interpreter/sobjects';
import { stringOf } from '../../interpreter/strings';
import { SObjectFieldToken, type SchemaTokens } from './schema';

/** A shallow or deep copy of a record; without preserveId the copy has no Id (Apex Reference, "SObject Class", clone). */
export function cloneSObject(record: SObjectValue, preserveId: boolean, deep: boolean): SObjectValue {
    const copy = new SObjectValue(record.objectName, false);
    for (const [key, field] of record.fields) {
        if (key === 'id' && !preserveId) continue;
        let value = field.value;
        if (deep && value instanceof SObjectValue) value = cloneSObject(value, true, true);
        copy.fields.set(key, { name: field.name, value });
    }
    return copy;
}

/** Errors added with addError, kept on the record for DML to report (Apex Reference, "SObject Class", addError). */
export const recordErrors = new WeakMap<SObjectValue, { field: string | null; message: string }[]>();

function fieldName(arg: ApexValue): string {
    if (arg instanceof SObjectFieldToken) return arg.field.name;
    if (typeof arg === 'string') return arg;
    throw new UnsupportedError('Not supported by the local org: an SObject field named by a non-String');
}

export function callSObject(
    interp: Interpreter,
    tokens: SchemaTokens,
    record: SObjectValue,
    name: string,
    args: ApexValue[]
): ApexValue {
    switch (`${name.toLowerCase()}/${args.length}`) {
        case 'get/1':
            return readByPath(interp, record, fieldName(args[0]));
        case 'put/2': {
            const previous = record.get(fieldName(args[0]));
            writeSObjectField(interp, record, fieldName(args[0]), args[1]);
            return previous;
        }
        case 'getsobject/1':
        case 'getsobjects/1':
            return readSObjectField(interp, record, fieldName(args[0]));
        case 'putsobject/2':
            writeSObjectField(interp, record, fieldName(args[0]), args[1]);
            return null;
        case 'getsobjecttype/0':
            return tokens.objectToken(record.objectName);
        case 'getpopulatedfieldsasmap/0': {
            const map = new ApexMap(T.String, T.Object);
            for (const field of record.fields.values()) map.set(field.name, field.value);
            return map;
        }
        case 'isset/1':
            return record.has(fieldName(args[0]));
        case 'clone/0':
            return cloneSObject(record, false, false);
        case 'clone/1':
            return cloneSObject(record, args[0] === true, false);
        case 'clone/2':
        case 'clone/3':
        case 'clone/4':
            return cloneSObject(record, args[0] === true, args[1] === true);
        case 'clear/0':
            record.fields.clear();
            return null;
        case 'adderror/1':
        case 'adderror/2': {
            const list = recordErrors.get(record) ?? [];
            const [first, second] = args;
            list.push(
                args.length === 1
                    ? { field: null, message: stringOf(interp, first) }
                    : { field: fieldName(first), message: stringOf(interp, second) }
            );
            recordErrors.set(record, list);
            return null;
        }
        case 'haserrors/0':
            return (recordErrors.get(record)?.length ?? 0) > 0;
        case 'equals/1':
        case 'hashcode/0':
        case 'tostring/0':
            return undefined;
        default:
            throw new UnsupportedError(
                `Not supported by the local org: SObject.${name} with ${args.length} argument(s)`
            );
    }
}

/** get('Interaction__r.Name') reads through relationships, as SObject.get does for a dotted path it was queried with. */
function readByPath(interp: Interpreter, record: SObjectValue, path: string): ApexValue {
    const parts = path.split('.');
    let current: ApexValue = record;
    for (const part of parts) {
        if (current === null) return null;
        if (!(current instanceof SObjectValue)) return null;
        current = readSObjectField(interp, current, part);
    }
    return current;
}

export { ApexList, typeRef };
