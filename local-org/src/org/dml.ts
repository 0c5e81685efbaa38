// DML: insert, update, upsert, delete, undelete on the org's records, with the platform's save rules
// (Apex Developer Guide, "DML Operations", "DML Exceptions and Error Handling", "Enforce User Mode for
// Database Operations"; SOAP API, "StatusCode"): required fields, text lengths, restricted picklists, lookups
// to records that exist, unique and external id fields, validation rules, fields the platform sets itself,
// object and field permissions in user mode, and record sharing for the records changed.
import { evaluateValidationRules } from '../data/schema/formula';
import type { FieldDescribe, ObjectDescribe, StoredRecord } from '../data/schemaTypes';
import { ApexPlatformError } from '../runtime/errors';
import { ApexDatetime, ApexDecimal, ApexList, SObjectValue, type ApexValue } from '../runtime/values';
import type { DmlFailure } from '../interpreter/classes';
import { fieldValueType } from '../interpreter/sobjects';
import { isIdForm, normalizeId } from '../interpreter/ids';
import { decimalToPlainString } from '../runtime/numbers';
import type { LocalOrg } from './org';
import { recordErrors } from './natives/sobject';
import { runTriggers } from './triggers';
import { afterContentVersionInsert } from './files';

export type DmlOp = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

export interface DmlOptions {
    /** Database methods with allOrNone false save what they can; statements and allOrNone true save all or nothing. */
    readonly allOrNone: boolean;
    readonly userMode: boolean;
    readonly enforceSharing: boolean;
    /** upsert: the external id field to match on (the Id when null). */
    readonly upsertField?: string | null;
}

export interface DmlOutcome {
    readonly record: SObjectValue;
    readonly id: string | null;
    readonly failure: DmlFailure | null;
    readonly created?: boolean;
}

class SaveError extends Error {
    constructor(
        readonly statusCode: string,
        message: string,
        readonly fields: readonly string[] = []
    ) {
        super(message);
    }
}

const VERB: Record<DmlOp, string> = {
    insert: 'Insert',
    update: 'Update',
    upsert: 'Upsert',
    delete: 'Delete',
    undelete: 'Undelete'
};

/** Apex's message for a failed DML statement: "Insert failed. First exception on row 0; first error: CODE, message: [fields]". */
export function dmlMessage(op: DmlOp, failure: DmlFailure): string {
    const withId = failure.id ? ` with id ${failure.id}` : '';
    return `${VERB[op]} failed. First exception on row ${failure.index}${withId}; first error: ${failure.statusCode}, ${failure.message}: [${failure.fields.join(', ')}]`;
}

export function runDml(org: LocalOrg, op: DmlOp, input: ApexValue, options: DmlOptions): DmlOutcome[] {
    const records = recordsOf(input);
    const tx = org.tx!;
    tx.limits.add('dmlStatements', 1, 'DML statements');
    tx.limits.add('dmlRows', records.length, 'DML rows');
    if (records.length === 0) return [];
    for (const record of records) checkDmlAllowed(org, record, op);
    tx.uncommittedWork = true;
    const mark = org.store.mark();
    const outcomes: DmlOutcome[] = [];
    records.forEach((record, index) => {
        try {
            outcomes.push(saveOne(org, op, record, options));
        } catch (error) {
            if (!(error instanceof SaveError)) throw error;
            const id = (record.get('Id') as string | null) ?? null;
            outcomes.push({
                record,
                id,
                failure: {
                    index,
                    id: op === 'insert' ? null : id,
                    statusCode: error.statusCode,
                    message: error.message,
                    fields: error.fields
                }
            });
        }
    });
    org.version++;
    const failed = outcomes.find((o) => o.failure);
    if (failed && options.allOrNone) {
        org.store.rollback(mark);
        for (const outcome of outcomes) if (op === 'insert' && !outcome.failure) outcome.record.delete('Id');
        const failure = failed.failure!;
        const error = new ApexPlatformError('DmlException', dmlMessage(op, failure)) as ApexPlatformError & {
            dml: DmlFailure[];
        };
        error.dml = outcomes.filter((o) => o.failure).map((o) => o.failure!);
        throw error;
    }
    return outcomes;
}

function recordsOf(input: ApexValue): SObjectValue[] {
    if (input === null || input === undefined)
        throw new ApexPlatformError('NullPointerException', 'Attempt to de-reference a null object');
    if (input instanceof SObjectValue) return [input];
    if (input instanceof ApexList) {
        return input.items.map((item) => {
            if (!(item instanceof SObjectValue))
                throw new ApexPlatformError('DmlException', 'DML requires SObject or SObject list type');
            return item;
        });
    }
    throw new ApexPlatformError('TypeException', 'DML requires SObject or SObject list type');
}

/** Objects that never take DML: custom metadata (use the Metadata API), aggregates (Apex Developer Guide, "Custom Metadata Types"). */
function checkDmlAllowed(org: LocalOrg, record: SObjectValue, op: DmlOp): void {
    const object = org.schema.object(record.objectName);
    if (!object || object.kind === 'customMetadata' || object.kind === 'aggregate' || object.kind === 'platformEvent') {
        throw new ApexPlatformError(
            'TypeException',
            `DML operation ${op.toUpperCase()} not allowed on ${record.objectName}`
        );
    }
}

function saveOne(org: LocalOrg, op: DmlOp, record: SObjectValue, options: DmlOptions): DmlOutcome {
    const object = org.schema.object(record.objectName)!;
    switch (op) {
        case 'insert':
            return insertOne(org, object, record, options);
        case 'update':
            return updateOne(org, object, record, options);
        case 'upsert':
            return upsertOne(org, object, record, options);
        case 'delete':
            return deleteOne(org, object, record, options);
        case 'undelete':
            return undeleteOne(org, object, record, options);
    }
}

/**
 * The record's own field values (relationships and subquery lists are not saved). An empty string saved in a
 * text field is stored as null: a record read back has null there, never '' (the platform stores no empty
 * strings; SOAP API Developer Guide, "Core Data Types Used in API Calls": "empty strings are treated as null").
 */
function fieldValues(object: ObjectDescribe, record: SObjectValue): Map<string, ApexValue> {
    const values = new Map<string, ApexValue>();
    for (const [key, field] of record.fields) {
        const describe = object.fields.get(key);
        if (!describe) continue;
        values.set(key, storedForm(describe, field.value));
    }
    return values;
}

/**
 * A value as the database keeps it: '' in a text field as null, and a Datetime to the second ("dateTime fields
 * are full timestamps with a precision of one second": SOAP API Developer Guide, "Primitive Data Types").
 */
function storedForm(field: FieldDescribe, value: ApexValue): ApexValue {
    if (value === '' && fieldValueType(field) === 'String') return null;
    if (value instanceof ApexDatetime) return truncateToSecond(value);
    return value;
}

function truncateToSecond(value: ApexDatetime): ApexDatetime {
    return new ApexDatetime(Math.floor(value.epochMs / 1000) * 1000);
}

function unableToUpdate(fields: string[]): SaveError {
    return new SaveError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${fields.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields
    );
}

function insertOne(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, options: DmlOptions): DmlOutcome {
    if (record.get('Id') !== null)
        throw new SaveError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
    checkUserMessages(record);
    const access = org.checker();
    const given = fieldValues(object, record);
    if (options.userMode && !access.objectAccess(object.name, 'create')) {
        throw new SaveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    const notCreateable = [...given.entries()]
        .filter(([, value]) => value !== null)
        .map(([k]) => object.fields.get(k)!)
        .filter((f) => !f.createable && f.name !== 'Id');
    if (notCreateable.length > 0) throw unableToUpdate(notCreateable.map((f) => f.name));
    if (options.userMode) {
        const denied = [...given.keys()]
            .map((k) => object.fields.get(k)!)
            .filter((f) => f.permissionable && !access.fieldAccess(object.name, f.name, 'edit'));
        if (denied.length > 0) throw unableToUpdate(denied.map((f) => f.name));
    }
    runTriggers(org, object.name, 'before insert', [record], null);
    const values = fieldValues(object, record);
    for (const field of object.fields.values()) {
        const key = field.name.toLowerCase();
        if (!values.has(key) && field.defaultValue !== undefined) values.set(key, field.defaultValue);
    }
    const now = truncateToSecond(new ApexDatetime(org.now()));
    const userId = org.runningUserId;
    const id = org.ids.next(object.keyPrefix);
    values.set('id', id);
    setIfField(object, values, 'createddate', now);
    setIfField(object, values, 'createdbyid', userId);
    setIfField(object, values, 'lastmodifieddate', now);
    setIfField(object, values, 'lastmodifiedbyid', userId);
    setIfField(object, values, 'systemmodstamp', now);
    setIfField(object, values, 'isdeleted', false);
    if (object.fields.has('ownerid') && (values.get('ownerid') ?? null) === null) values.set('ownerid', userId);
    computeNames(org, object, values);
    validate(org, object, values, null);
    org.store.put({ id, objectName: object.name, values });
    record.set('Id', id);
    if (object.name === 'ContentVersion') afterContentVersionInsert(org, id);
    runTriggers(org, object.name, 'after insert', [record], null);
    return { record, id, failure: null };
}

function setIfField(object: ObjectDescribe, values: Map<string, ApexValue>, key: string, value: ApexValue): void {
    if (object.fields.has(key)) values.set(key, value);
}

/** Auto-numbers and the compound Name of people (User, Contact, Lead: FirstName LastName). */
function computeNames(org: LocalOrg, object: ObjectDescribe, values: Map<string, ApexValue>): void {
    for (const field of object.fields.values()) {
        if (!field.autoNumber) continue;
        const key = field.name.toLowerCase();
        const counter = (org.autoNumbers.get(`${object.name}.${key}`) ?? 0) + 1;
        org.autoNumbers.set(`${object.name}.${key}`, counter);
        values.set(key, formatAutoNumber(field, counter));
    }
    if (['user', 'contact', 'lead'].includes(object.name.toLowerCase())) {
        const first = values.get('firstname');
        const last = values.get('lastname');
        values.set('name', [first, last].filter((p) => typeof p === 'string' && p !== '').join(' '));
    }
}

/** An auto-number's display format, e.g. RI-{00000000} (Salesforce Help, "Custom Field Types", Auto Number). */
function formatAutoNumber(field: FieldDescribe, n: number): string {
    const format = (field as FieldDescribe & { displayFormat?: string }).displayFormat ?? '{0}';
    return format.replace(/\{(0+)\}/, (_, zeros: string) => String(n).padStart(zeros.length, '0'));
}

function updateOne(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, options: DmlOptions): DmlOutcome {
    const stored = existing(org, object, record, 'update');
    checkUserMessages(record);
    const access = org.checker();
    if (options.userMode && !access.objectAccess(object.name, 'edit')) {
        throw new SaveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    if (
        (options.enforceSharing || options.userMode) &&
        !org.recordAccess.canAccess(stored, org.runningUserId, access, 'edit')
    ) {
        throw new SaveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    runTriggers(org, object.name, 'before update', [record], [toSObject(stored)]);
    const given = fieldValues(object, record);
    given.delete('id');
    const changed = new Map<string, ApexValue>();
    for (const [key, value] of given) {
        const field = object.fields.get(key)!;
        if (field.calculated) continue;
        if (sameValue(stored.values.get(key) ?? null, value)) continue;
        changed.set(key, value);
    }
    const readOnly = [...changed.keys()].map((k) => object.fields.get(k)!).filter((f) => !f.updateable);
    if (readOnly.length > 0) throw unableToUpdate(readOnly.map((f) => f.name));
    if (options.userMode) {
        const denied = [...changed.keys()]
            .map((k) => object.fields.get(k)!)
            .filter((f) => f.permissionable && !access.fieldAccess(object.name, f.name, 'edit'));
        if (denied.length > 0) throw unableToUpdate(denied.map((f) => f.name));
    }
    const values = new Map(stored.values);
    for (const [k, v] of changed) values.set(k, v);
    const now = truncateToSecond(new ApexDatetime(org.now()));
    setIfField(object, values, 'lastmodifieddate', now);
    setIfField(object, values, 'lastmodifiedbyid', org.runningUserId);
    setIfField(object, values, 'systemmodstamp', now);
    if (changed.has('firstname') || changed.has('lastname')) computeNamesOnly(object, values);
    validate(org, object, values, stored.values);
    org.store.put({ id: stored.id, objectName: object.name, values });
    runTriggers(org, object.name, 'after update', [record], [toSObject(stored)]);
    return { record, id: stored.id, failure: null };
}

function computeNamesOnly(object: ObjectDescribe, values: Map<string, ApexValue>): void {
    if (['user', 'contact', 'lead'].includes(object.name.toLowerCase())) {
        values.set(
            'name',
            [values.get('firstname'), values.get('lastname')].filter((p) => typeof p === 'string' && p !== '').join(' ')
        );
    }
}

function sameValue(a: ApexValue, b: ApexValue): boolean {
    if (a === b) return true;
    if (a instanceof ApexDecimal && b instanceof ApexDecimal)
        return decimalToPlainString(a) === decimalToPlainString(b);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
    if (
        a !== null &&
        b !== null &&
        typeof a === 'object' &&
        typeof b === 'object' &&
        'epochDay' in a &&
        'epochDay' in b
    ) {
        return (a as { epochDay: number }).epochDay === (b as { epochDay: number }).epochDay;
    }
    return false;
}

function existing(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, op: string): StoredRecord {
    const id = record.get('Id');
    if (id === null) throw new SaveError('MISSING_ARGUMENT', `Id not specified in an ${op} call`);
    const stored = org.store.get(id as string);
    if (!stored || stored.objectName !== object.name)
        throw new SaveError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
    if (stored.values.get('isdeleted') === true && op !== 'undelete')
        throw new SaveError('ENTITY_IS_DELETED', 'entity is deleted');
    return stored;
}

function upsertOne(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, options: DmlOptions): DmlOutcome {
    const keyField = options.upsertField
        ? object.fields.get(options.upsertField.toLowerCase())
        : object.fields.get('id');
    if (!keyField)
        throw new SaveError(
            'INVALID_FIELD',
            `Invalid field for upsert, must be an External Id custom or standard indexed field: ${options.upsertField}`
        );
    if (keyField.name !== 'Id') {
        const key = record.get(keyField.name);
        if (key === null) throw new SaveError('MISSING_ARGUMENT', `${keyField.name} not specified`);
        const matches = [...org.store.records(object.name)].filter(
            (r) =>
                r.values.get('isdeleted') !== true &&
                textEquals(r.values.get(keyField.name.toLowerCase()), key, !!keyField.caseSensitive)
        );
        if (matches.length > 1)
            throw new SaveError('DUPLICATE_VALUE', `Duplicate external id specified: ${String(key)}`, [keyField.name]);
        if (matches.length === 1) {
            record.set('Id', matches[0].id);
            return { ...updateOne(org, object, record, options), created: false };
        }
        return { ...insertOne(org, object, record, options), created: true };
    }
    if (record.get('Id') !== null) return { ...updateOne(org, object, record, options), created: false };
    return { ...insertOne(org, object, record, options), created: true };
}

function textEquals(a: ApexValue, b: ApexValue, caseSensitive: boolean): boolean {
    if (typeof a === 'string' && typeof b === 'string')
        return caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
    return sameValue(a, b);
}

function deleteOne(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, options: DmlOptions): DmlOutcome {
    const stored = existing(org, object, record, 'delete');
    const access = org.checker();
    if (options.userMode && !access.objectAccess(object.name, 'delete')) {
        throw new SaveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    if (
        (options.enforceSharing || options.userMode) &&
        !org.recordAccess.canAccess(stored, org.runningUserId, access, 'edit')
    ) {
        throw new SaveError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    if (!object.deleteable) throw new SaveError('DELETE_FAILED', `entity type cannot be deleted: ${object.name}`);
    runTriggers(org, object.name, 'before delete', null, [toSObject(stored)]);
    markDeleted(org, object, stored);
    runTriggers(org, object.name, 'after delete', null, [toSObject(stored)]);
    return { record, id: stored.id, failure: null };
}

/** Deletes a record and its master-detail children (Salesforce Help, "Relationships Among Objects": cascade delete). */
function markDeleted(org: LocalOrg, object: ObjectDescribe, stored: StoredRecord): void {
    const values = new Map(stored.values);
    values.set('isdeleted', true);
    org.store.put({ id: stored.id, objectName: object.name, values });
    for (const child of object.childRelationships) {
        if (!child.cascadeDelete) continue;
        const childObject = org.schema.object(child.childObject);
        if (!childObject) continue;
        for (const row of [...org.store.records(child.childObject)]) {
            if (row.values.get(child.field.toLowerCase()) === stored.id && row.values.get('isdeleted') !== true)
                markDeleted(org, childObject, row);
        }
    }
}

function undeleteOne(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, options: DmlOptions): DmlOutcome {
    const stored = existing(org, object, record, 'undelete');
    void options;
    if (stored.values.get('isdeleted') !== true)
        throw new SaveError('UNDELETE_FAILED', 'Entity is not in the recycle bin');
    const values = new Map(stored.values);
    values.set('isdeleted', false);
    org.store.put({ id: stored.id, objectName: object.name, values });
    return { record, id: stored.id, failure: null };
}

/** Errors added with SObject.addError (in a before trigger, or on the record itself) fail the save. */
function checkUserMessages(record: SObjectValue): void {
    const errors = recordErrors.get(record);
    if (errors && errors.length > 0) {
        throw new SaveError(
            'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            errors[0].message,
            errors[0].field ? [errors[0].field] : []
        );
    }
}

function toSObject(stored: StoredRecord): SObjectValue {
    const record = new SObjectValue(stored.objectName, false);
    for (const [k, v] of stored.values) record.fields.set(k, { name: k, value: v });
    return record;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The platform's checks before a record is saved. */
function validate(
    org: LocalOrg,
    object: ObjectDescribe,
    values: Map<string, ApexValue>,
    prior: ReadonlyMap<string, ApexValue> | null
): void {
    const missing: string[] = [];
    for (const field of object.fields.values()) {
        const key = field.name.toLowerCase();
        const value = values.get(key) ?? null;
        if (value === null) {
            if (
                !field.nillable &&
                !field.calculated &&
                !field.autoNumber &&
                field.createable &&
                field.type !== 'boolean'
            )
                missing.push(field.name);
            continue;
        }
        checkValue(org, object, field, value);
    }
    if (missing.length > 0)
        throw new SaveError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
    checkUnique(org, object, values);
    const rules = org.project.validationRules.get(object.name.toLowerCase()) ?? [];
    if (rules.length > 0) {
        const failures = evaluateValidationRules(rules, {
            field: (path) => values.get(path.toLowerCase()) ?? null,
            prior: prior ? (path) => prior.get(path.toLowerCase()) ?? null : undefined,
            isNew: prior === null,
            now: () => new ApexDatetime(org.now())
        });
        if (failures.length > 0) {
            const first = failures[0];
            throw new SaveError('FIELD_CUSTOM_VALIDATION_EXCEPTION', first.message, first.field ? [first.field] : []);
        }
    }
}

function checkValue(org: LocalOrg, object: ObjectDescribe, field: FieldDescribe, value: ApexValue): void {
    const type = fieldValueType(field);
    if (type === 'String' && typeof value === 'string') {
        if (field.length && value.length > field.length) {
            throw new SaveError(
                'STRING_TOO_LONG',
                `${field.label}: data value too large: ${value.slice(0, 100)} (max length=${field.length})`,
                [field.name]
            );
        }
        if (
            field.type === 'picklist' &&
            field.restrictedPicklist &&
            field.picklistValues &&
            !field.picklistValues.includes(value)
        ) {
            throw new SaveError(
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                `${field.label}: bad value for restricted picklist field: ${value}`,
                [field.name]
            );
        }
        if (field.type === 'multipicklist' && field.restrictedPicklist && field.picklistValues) {
            const bad = value.split(';').find((v) => !field.picklistValues!.includes(v));
            if (bad !== undefined) {
                throw new SaveError(
                    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                    `${field.label}: bad value for restricted picklist field: ${bad}`,
                    [field.name]
                );
            }
        }
        if (field.type === 'email' && !EMAIL.test(value)) {
            throw new SaveError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${value}`, [
                field.name
            ]);
        }
    }
    if (field.type === 'reference' && typeof value === 'string' && field.name.toLowerCase() !== 'id') {
        checkReference(org, object, field, value);
    }
    if (value instanceof ApexDecimal && field.precision !== undefined && field.precision > 0) {
        const digits = decimalToPlainString(value).replace('-', '').split('.')[0].replace(/^0+/, '').length;
        if (digits > field.precision - (field.scale ?? 0)) {
            throw new SaveError(
                'NUMBER_OUTSIDE_VALID_RANGE',
                `${field.label}: value outside of valid range on numeric field: ${decimalToPlainString(value)}`,
                [field.name]
            );
        }
    }
}

/** A lookup must name a record of an object the field points to, that exists (FIELD_INTEGRITY_EXCEPTION otherwise). */
function checkReference(org: LocalOrg, object: ObjectDescribe, field: FieldDescribe, id: string): void {
    if (!isIdForm(id))
        throw new SaveError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${id}`, [field.name]);
    const target = org.store.get(normalizeId(id));
    const allowed = field.referenceTo ?? [];
    if (!target || target.values.get('isdeleted') === true) {
        throw new SaveError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
    }
    if (allowed.length > 0 && !allowed.some((name) => name.toLowerCase() === target.objectName.toLowerCase())) {
        throw new SaveError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${id}`, [
            field.name
        ]);
    }
    void object;
}

function checkUnique(org: LocalOrg, object: ObjectDescribe, values: Map<string, ApexValue>): void {
    for (const field of object.fields.values()) {
        if (!field.unique) continue;
        const key = field.name.toLowerCase();
        const value = values.get(key) ?? null;
        if (value === null) continue;
        for (const other of org.store.records(object.name)) {
            if (other.id === values.get('id') || other.values.get('isdeleted') === true) continue;
            if (textEquals(other.values.get(key) ?? null, value, !!field.caseSensitive)) {
                throw new SaveError(
                    'DUPLICATE_VALUE',
                    `duplicate value found: ${field.name} duplicates value on record with id: ${other.id}`,
                    [field.name]
                );
            }
        }
    }
}
