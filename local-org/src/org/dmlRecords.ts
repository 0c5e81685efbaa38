// The records of a DML operation as they go through its phases (dml.ts): the values the database keeps, the
// permission checks of user mode, the errors added with addError, and the triggers run on all the records of
// one object at once.
import type { FieldDescribe, ObjectDescribe, StoredRecord } from '../data/schemaTypes';
import { withScale } from '../data/schema/literals';
import { ApexDatetime, ApexDecimal, SObjectValue, type ApexValue } from '../runtime/values';
import { fieldValueType } from '../interpreter/sobjects';
import type { DmlOp, DmlOptions } from './dml';
import type { LocalOrg } from './org';
import { recordErrors } from './natives/sobject';
import { runTriggers } from './triggers';
import { SaveError, sameValue } from './saveRules';
import type { AccessChecker } from './security';

/** One record of an operation as it goes through the phases of the save. */
export interface Item {
    readonly index: number;
    readonly record: SObjectValue;
    op: Exclude<DmlOp, 'upsert'>;
    failed?: SaveError;
    /** update, delete, undelete: the record as stored before the operation. */
    stored?: StoredRecord;
    /** update: the whole record with the changes, as Trigger.new holds it in a before update trigger. */
    full?: SObjectValue;
    id?: string;
}

export function attempt(item: Item, step: () => void): void {
    if (item.failed) return;
    try {
        step();
    } catch (error) {
        if (!(error instanceof SaveError)) throw error;
        item.failed = error;
    }
}

export const live = (items: Item[]): Item[] => items.filter((item) => !item.failed);

/**
 * The record's own field values (relationships and subquery lists are not saved). An empty string saved in a
 * text field is stored as null: a record read back has null there, never '' (the platform stores no empty
 * strings; SOAP API Developer Guide, "Core Data Types Used in API Calls": "empty strings are treated as null").
 */
export function fieldValues(object: ObjectDescribe, record: SObjectValue): Map<string, ApexValue> {
    const values = new Map<string, ApexValue>();
    for (const [key, field] of record.fields) {
        const describe = object.fields.get(key);
        if (!describe) continue;
        values.set(key, storedForm(describe, field.value));
    }
    return values;
}

/**
 * A value as the database keeps it: '' in a text field as null, a Datetime to the second ("dateTime fields
 * are full timestamps with a precision of one second": SOAP API Developer Guide, "Primitive Data Types"), and a
 * number with its field's scale, rounded half up ("If the Decimal is created as part of a query, the scale is
 * based on the scale of the field returned from the query": Apex Reference, "Decimal Class", setScale).
 */
export function storedForm(field: FieldDescribe, value: ApexValue): ApexValue {
    if (value === '' && fieldValueType(field) === 'String') return null;
    if (value instanceof ApexDatetime) return truncateToSecond(value);
    if (value instanceof ApexDecimal && field.scale !== undefined && fieldValueType(field) === 'Decimal')
        return withScale(value, field.scale);
    return value;
}

export function truncateToSecond(value: ApexDatetime): ApexDatetime {
    return new ApexDatetime(Math.floor(value.epochMs / 1000) * 1000);
}

export function unableToUpdate(fields: string[]): SaveError {
    return new SaveError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields
    );
}

export const insufficientAccess = (): SaveError =>
    new SaveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');

/** Fields given a value that the user may not edit (user mode) or that nobody may set. */
export function checkWritable(
    object: ObjectDescribe,
    fields: ReadonlyMap<string, ApexValue>,
    access: AccessChecker,
    options: DmlOptions,
    allowed: (field: { createable: boolean; updateable: boolean }) => boolean
): void {
    const given = [...fields.keys()].map((k) => object.fields.get(k)!).filter((f) => f.name !== 'Id');
    const readOnly = given.filter((f) => !allowed(f));
    if (readOnly.length > 0) throw unableToUpdate(readOnly.map((f) => f.name));
    if (options.userMode) {
        const denied = given.filter((f) => f.permissionable && !access.fieldAccess(object.name, f.name, 'edit'));
        if (denied.length > 0) throw unableToUpdate(denied.map((f) => f.name));
    }
}

/** Errors added with SObject.addError (in a before trigger, or on the record itself) fail the save. */
export function checkUserMessages(record: SObjectValue): void {
    const errors = recordErrors.get(record);
    if (errors && errors.length > 0) {
        throw new SaveError(
            'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            errors[0].message,
            errors[0].field ? [errors[0].field] : []
        );
    }
}

/** Runs the object's triggers for `event` on the records still being saved, all at once. */
export function fire(
    org: LocalOrg,
    object: ObjectDescribe,
    event: string,
    items: Item[],
    newRecord: ((item: Item) => SObjectValue) | null,
    oldRecord: ((item: Item) => SObjectValue) | null
): void {
    const saving = live(items);
    if (saving.length === 0) return;
    runTriggers(org, object.name, event, newRecord && saving.map(newRecord), oldRecord && saving.map(oldRecord));
    // An error added in an after trigger fails its record too; the attempt is then undone (runDml).
    if (event.startsWith('after'))
        for (const item of saving)
            attempt(item, () => checkUserMessages(newRecord ? newRecord(item) : oldRecord!(item)));
}

export function setIfField(
    object: ObjectDescribe,
    values: Map<string, ApexValue>,
    key: string,
    value: ApexValue
): void {
    if (object.fields.has(key)) values.set(key, value);
}

/** The given fields whose values differ from the stored ones (formula fields never count). */
export function changedValues(
    object: ObjectDescribe,
    stored: StoredRecord,
    record: SObjectValue
): Map<string, ApexValue> {
    const changed = new Map<string, ApexValue>();
    for (const [key, value] of fieldValues(object, record)) {
        if (key === 'id' || object.fields.get(key)!.calculated) continue;
        if (!sameValue(stored.values.get(key) ?? null, value)) changed.set(key, value);
    }
    return changed;
}

export function existing(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, op: string): StoredRecord {
    const id = record.get('Id');
    if (id === null) throw new SaveError('MISSING_ARGUMENT', `Id not specified in an ${op} call`);
    const stored = org.store.get(id as string);
    if (!stored || stored.objectName !== object.name)
        throw new SaveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    if (stored.values.get('isdeleted') === true && op !== 'undelete')
        throw new SaveError('ENTITY_IS_DELETED', 'entity is deleted');
    return stored;
}

/** A record as Apex sees it in a trigger: every stored field, by its API name. */
export function toSObject(org: LocalOrg, objectName: string, values: ReadonlyMap<string, ApexValue>): SObjectValue {
    const record = new SObjectValue(objectName, false);
    for (const [k, v] of values) record.set(org.schema.field(objectName, k)?.name ?? k, v);
    return record;
}
