// Reading and writing SObject fields as Apex does: a record from SOQL holds only what was queried, and
// reading anything else is SObjectException (Apex Developer Guide, "Accessing SObject Fields"; the message
// is the platform's: "SObject row was retrieved via SOQL without querying the requested field: X.Y").
// Values are stored in the field's Apex type: Number, Currency and Percent fields hold Decimals, lookups Ids.
import type { FieldDescribe, ObjectDescribe } from '../data/schemaTypes';
import { ApexPlatformError } from '../runtime/errors';
import { convertNumber, numericTypeOf } from '../runtime/numbers';
import { ApexBlob, ApexDate, ApexDatetime, ApexList, ApexTime, SObjectValue, type ApexValue } from '../runtime/values';
import { normalizeId } from './ids';
import type { Interpreter } from './interpreter';
import { ApexCompileError, runtimeTypeName, type PrimitiveName } from './types';

/** The Apex type a field's values have (Apex Developer Guide, "Primitive Data Types" and sObject field types). */
export function fieldValueType(field: FieldDescribe): PrimitiveName {
    switch (field.type) {
        case 'id':
        case 'reference':
            return 'Id';
        case 'boolean':
            return 'Boolean';
        case 'integer':
            return 'Integer';
        case 'long':
            return 'Long';
        case 'double':
        case 'currency':
        case 'percent':
            return 'Decimal';
        case 'date':
            return 'Date';
        case 'datetime':
            return 'Datetime';
        case 'time':
            return 'Time';
        case 'base64':
            return 'Blob';
        default:
            return 'String';
    }
}

function describeOf(interp: Interpreter, record: SObjectValue): ObjectDescribe | undefined {
    return interp.host.schema.object(record.objectName);
}

export function notQueried(record: SObjectValue, name: string): ApexPlatformError {
    return new ApexPlatformError(
        'SObjectException',
        `SObject row was retrieved via SOQL without querying the requested field: ${record.objectName}.${name}`
    );
}

type Member =
    | { kind: 'field'; field: FieldDescribe }
    | { kind: 'parent'; field: FieldDescribe; name: string }
    | { kind: 'children'; name: string };

function memberOf(interp: Interpreter, record: SObjectValue, name: string): Member | undefined {
    const schema = interp.host.schema;
    const field = schema.field(record.objectName, name);
    if (field) return { kind: 'field', field };
    const parent = schema.parentRelationship(record.objectName, name);
    if (parent) return { kind: 'parent', field: parent, name: parent.relationshipName ?? name };
    const children = schema.childRelationship(record.objectName, name);
    if (children) return { kind: 'children', name: children.relationshipName };
    return undefined;
}

export function readSObjectField(interp: Interpreter, record: SObjectValue, name: string): ApexValue {
    const describe = describeOf(interp, record);
    if (!describe) return record.get(name);
    const member = memberOf(interp, record, name);
    if (!member) throw new ApexCompileError(`Invalid field ${name} for ${record.objectName}`);
    const canonical = member.kind === 'field' ? member.field.name : member.name;
    if (!record.has(canonical)) {
        if (record.fromQuery && !(member.kind === 'field' && member.field.name.toLowerCase() === 'id')) {
            interp.throwPlatform(notQueried(record, canonical));
        }
        return null;
    }
    return record.get(canonical);
}

/** Converts a value for a field, or raises SObjectException "Illegal assignment from X to Y". */
export function coerceFieldValue(
    interp: Interpreter,
    record: SObjectValue,
    field: FieldDescribe,
    value: ApexValue
): ApexValue {
    if (value === null || value === undefined) return null;
    const type = fieldValueType(field);
    const illegal = (): never =>
        interp.throwPlatform(
            new ApexPlatformError('SObjectException', `Illegal assignment from ${runtimeTypeName(value)} to ${type}`)
        );
    switch (type) {
        case 'Id':
            if (typeof value !== 'string') illegal();
            try {
                return normalizeId(value as string);
            } catch {
                return interp.throwPlatform(new ApexPlatformError('StringException', `Invalid id: ${String(value)}`));
            }
        case 'String':
            return typeof value === 'string' ? value : illegal();
        case 'Boolean':
            return typeof value === 'boolean' ? value : illegal();
        case 'Integer':
        case 'Long':
        case 'Decimal': {
            const numeric = numericTypeOf(value);
            if (!numeric) illegal();
            return convertNumber(value, type === 'Decimal' && numeric === 'Double' ? 'Decimal' : type);
        }
        case 'Date':
            return value instanceof ApexDate ? value : illegal();
        case 'Datetime':
            return value instanceof ApexDatetime ? value : illegal();
        case 'Time':
            return value instanceof ApexTime ? value : illegal();
        case 'Blob':
            return value instanceof ApexBlob ? value : illegal();
        default:
            return value;
    }
    void record;
}

export function writeSObjectField(interp: Interpreter, record: SObjectValue, name: string, value: ApexValue): void {
    if (record.readOnly) {
        // Apex Developer Guide, "Trigger Context Variables": records in after triggers and Trigger.old are read-only.
        interp.throwPlatform(new ApexPlatformError('FinalException', 'Record is read-only'));
    }
    const describe = describeOf(interp, record);
    if (!describe) {
        record.set(name, value);
        return;
    }
    const member = memberOf(interp, record, name);
    if (!member) throw new ApexCompileError(`Invalid field ${name} for ${record.objectName}`);
    if (member.kind === 'field') {
        record.set(member.field.name, coerceFieldValue(interp, record, member.field, value));
        return;
    }
    if (member.kind === 'parent') {
        if (value !== null && !(value instanceof SObjectValue)) {
            interp.throwPlatform(
                new ApexPlatformError(
                    'SObjectException',
                    `Illegal assignment from ${runtimeTypeName(value)} to SObject`
                )
            );
        }
        record.set(member.name, value);
        return;
    }
    if (value !== null && !(value instanceof ApexList)) {
        interp.throwPlatform(new ApexPlatformError('SObjectException', `Illegal assignment to ${member.name}`));
    }
    record.set(member.name, value);
}

/** A new SObject of `objectName` with the platform's defaults for a record built in Apex (none: fields read null). */
export function newSObject(objectName: string): SObjectValue {
    return new SObjectValue(objectName, false);
}
