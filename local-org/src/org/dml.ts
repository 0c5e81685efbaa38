// DML: insert, update, upsert, delete, undelete on the org's records, with the platform's save rules
// (Apex Developer Guide, "DML Operations", "DML Exceptions and Error Handling", "Enforce User Mode for
// Database Operations"; SOAP API, "StatusCode"): fields the platform sets itself, object and field permissions
// in user mode, record sharing for the records changed, and the checks of saveRules.ts. Triggers run once per
// operation for all its records of one object, as the platform runs them in bulk (Apex Developer Guide,
// "Triggers and Order of Execution", "Bulk Triggers").
import type { ObjectDescribe, StoredRecord } from '../data/schemaTypes';
import { ApexPlatformError } from '../runtime/errors';
import { ApexDatetime, ApexList, SObjectValue, type ApexValue } from '../runtime/values';
import type { DmlFailure } from '../interpreter/classes';
import type { LocalOrg } from './org';
import { TriggerFailure } from './triggers';
import { afterContentVersionInsert } from './files';
import { SaveError, textEquals, validate } from './saveRules';
import {
    attempt,
    changedValues,
    checkUserMessages,
    checkWritable,
    existing,
    fieldValues,
    fire,
    insufficientAccess,
    live,
    setIfField,
    toSObject,
    truncateToSecond,
    unableToUpdate,
    type Item
} from './dmlRecords';
import { routeToOwningQueue } from './omniQueueRouting';

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

/**
 * Saves `input` (a record or a list). With allOrNone a failure undoes the whole operation and throws
 * DmlException. Without it the platform saves what it can: records that failed are set aside and the others
 * are saved again, triggers firing again on them, up to three attempts (Apex Developer Guide, "Bulk DML
 * Exception Handling").
 */
export function runDml(org: LocalOrg, op: DmlOp, input: ApexValue, options: DmlOptions): DmlOutcome[] {
    const records = recordsOf(input);
    const tx = org.tx!;
    tx.limits.add('dmlStatements', 1, 'DML statements');
    tx.limits.add('dmlRows', records.length, 'DML rows');
    if (records.length === 0) return [];
    for (const record of records) checkDmlAllowed(org, record, op);
    tx.uncommittedWork = true;
    const mark = org.store.mark();
    const failures = new Map<number, DmlFailure>();
    let outcomes: DmlOutcome[] = [];
    for (let round = 1; ; round++) {
        const items = records.map((record, index) => ({ index, record, op: op === 'upsert' ? 'update' : op }) as Item);
        for (const item of items) if (failures.has(item.index)) item.failed = new SaveError('', '');
        try {
            outcomes = saveAll(org, op, items, options, failures);
        } catch (error) {
            // The statement fails as a whole: nothing it saved, nor its triggers' work, is kept.
            org.store.rollback(mark);
            org.version++;
            for (const item of items) if (item.op === 'insert' && item.id) item.record.delete('Id');
            throw error instanceof TriggerFailure ? triggerDmlException(org, op, error) : error;
        }
        org.version++;
        const newlyFailed = items.filter((item) => item.failed && !failures.has(item.index));
        for (const item of newlyFailed) failures.set(item.index, failureOf(op, item));
        if (newlyFailed.length === 0) break;
        org.store.rollback(mark);
        org.version++;
        for (const item of items) if (item.op === 'insert' && item.id) item.record.delete('Id');
        if (options.allOrNone) {
            const first = [...failures.values()].sort((a, b) => a.index - b.index);
            const error = new ApexPlatformError('DmlException', dmlMessage(op, first[0])) as ApexPlatformError & {
                dml: DmlFailure[];
            };
            error.dml = first;
            throw error;
        }
        if (round === 3) {
            throw new ApexPlatformError(
                'DmlException',
                'Too many batch retries in the presence of Apex triggers and partial failures.'
            );
        }
        if (failures.size === records.length) {
            outcomes = records.map((record, index) => ({ record, id: null, failure: failures.get(index)! }));
            break;
        }
    }
    return outcomes.map((outcome, index) =>
        failures.has(index) ? { record: outcome.record, id: null, failure: failures.get(index)! } : outcome
    );
}

/**
 * An uncaught exception in a trigger fails the DML with CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, naming the
 * trigger, its event and the cause ("WidgetTrigger: execution of BeforeInsert caused by: ..."). Limit and
 * assertion exceptions, which nothing catches, pass through as they are.
 * unconfirmed: the exact layout of the message (community answers quote it with blank lines and the trigger's
 * line and column, which are left out here).
 */
function triggerDmlException(org: LocalOrg, op: DmlOp, failure: TriggerFailure): unknown {
    const thrown = org.executor.asApex(failure.thrown);
    if (!thrown || /^System\.(LimitException|AssertException)$/.test(thrown.typeName)) return failure.thrown;
    const event = failure.event.replace(/(^|\s)(\w)/g, (_, _space: string, c: string) => c.toUpperCase());
    const detail = `${failure.trigger}: execution of ${event}\n\ncaused by: ${thrown.typeName}: ${thrown.message ?? ''}`;
    const dml: DmlFailure = {
        index: 0,
        id: null,
        statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        message: detail,
        fields: []
    };
    const error = new ApexPlatformError('DmlException', dmlMessage(op, dml)) as ApexPlatformError & {
        dml: DmlFailure[];
    };
    error.dml = [dml];
    return error;
}

function failureOf(op: DmlOp, item: Item): DmlFailure {
    const error = item.failed!;
    const id = (item.record.get('Id') as string | null) ?? null;
    return {
        index: item.index,
        id: item.op === 'insert' || op === 'insert' ? null : id,
        statusCode: error.statusCode,
        message: error.message,
        fields: error.fields
    };
}

/** One attempt: every record through its operation's phases, in chunks of one object at a time. */
function saveAll(
    org: LocalOrg,
    op: DmlOp,
    items: Item[],
    options: DmlOptions,
    failures: ReadonlyMap<number, DmlFailure>
): DmlOutcome[] {
    for (const chunk of chunksByObject(items)) {
        const object = org.schema.object(chunk[0].record.objectName)!;
        if (op === 'upsert') {
            for (const item of chunk) attempt(item, () => resolveUpsert(org, object, item, options));
            const live = chunk.filter((item) => !item.failed);
            saveChunk(
                org,
                object,
                live.filter((item) => item.op === 'insert'),
                options
            );
            saveChunk(
                org,
                object,
                live.filter((item) => item.op === 'update'),
                options
            );
        } else {
            saveChunk(org, object, chunk, options);
        }
    }
    return items.map((item) => ({
        record: item.record,
        id: item.failed ? null : (item.id ?? null),
        failure: failures.get(item.index) ?? null,
        created: op === 'upsert' ? item.op === 'insert' : undefined
    }));
}

/** Consecutive records of the same object (a List<SObject> may mix objects; each chunk saves on its own). */
function chunksByObject(items: Item[]): Item[][] {
    const chunks: Item[][] = [];
    for (const item of items) {
        const last = chunks[chunks.length - 1];
        if (last && last[0].record.objectName === item.record.objectName) last.push(item);
        else chunks.push([item]);
    }
    return chunks;
}

function saveChunk(org: LocalOrg, object: ObjectDescribe, items: Item[], options: DmlOptions): void {
    if (items.length === 0) return;
    switch (items[0].op) {
        case 'insert':
            return insertChunk(org, object, items, options);
        case 'update':
            return updateChunk(org, object, items, options);
        case 'delete':
            return deleteChunk(org, object, items, options);
        case 'undelete':
            return undeleteChunk(org, object, items);
    }
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

// --- insert -------------------------------------------------------------------------------------------------

function insertChunk(org: LocalOrg, object: ObjectDescribe, items: Item[], options: DmlOptions): void {
    const access = org.checker();
    for (const item of items) {
        attempt(item, () => {
            if (item.record.get('Id') !== null)
                throw new SaveError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
            checkUserMessages(item.record);
            if (options.userMode && !access.objectAccess(object.name, 'create')) throw insufficientAccess();
            const given = new Map([...fieldValues(object, item.record)].filter(([, value]) => value !== null));
            checkWritable(object, given, access, options, (f) => f.createable);
        });
    }
    fire(org, object, 'before insert', items, (item) => item.record, null);
    for (const item of items) attempt(item, () => insertOne(org, object, item));
    fire(org, object, 'after insert', items, (item) => item.record, null);
}

function insertOne(org: LocalOrg, object: ObjectDescribe, item: Item): void {
    const record = item.record;
    checkUserMessages(record);
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
    // A hierarchy custom setting record saved without an owner is the organization's default.
    // unconfirmed: community answers say so; the Apex Reference only shows records with SetupOwnerId set.
    if (object.customSettingType === 'Hierarchy' && (values.get('setupownerid') ?? null) === null)
        values.set('setupownerid', org.orgId);
    computeNames(org, object, values);
    validate(org, object, values, null);
    org.store.put({ id, objectName: object.name, values });
    record.set('Id', id);
    item.id = id;
    if (object.name === 'ContentVersion') afterContentVersionInsert(org, id);
    routeToOwningQueue(org, object.name, id, values.get('ownerid') ?? null, null);
}

/** Auto-numbers and the compound Name of people (User, Contact, Lead: FirstName LastName). */
function computeNames(org: LocalOrg, object: ObjectDescribe, values: Map<string, ApexValue>): void {
    for (const field of object.fields.values()) {
        if (!field.autoNumber) continue;
        const key = field.name.toLowerCase();
        const counter = (org.autoNumbers.get(`${object.name}.${key}`) ?? 0) + 1;
        org.autoNumbers.set(`${object.name}.${key}`, counter);
        values.set(key, formatAutoNumber(field as typeof field & { displayFormat?: string }, counter));
    }
    computePersonName(object, values);
}

function computePersonName(object: ObjectDescribe, values: Map<string, ApexValue>): void {
    if (['user', 'contact', 'lead'].includes(object.name.toLowerCase())) {
        values.set(
            'name',
            [values.get('firstname'), values.get('lastname')].filter((p) => typeof p === 'string' && p !== '').join(' ')
        );
    }
}

/** An auto-number's display format, e.g. RI-{00000000} (Salesforce Help, "Custom Field Types", Auto Number). */
function formatAutoNumber(field: { displayFormat?: string }, n: number): string {
    const format = field.displayFormat ?? '{0}';
    return format.replace(/\{(0+)\}/, (_, zeros: string) => String(n).padStart(zeros.length, '0'));
}

// --- update -------------------------------------------------------------------------------------------------

function updateChunk(org: LocalOrg, object: ObjectDescribe, items: Item[], options: DmlOptions): void {
    const access = org.checker();
    for (const item of items) {
        attempt(item, () => {
            const stored = existing(org, object, item.record, 'update');
            item.stored = stored;
            item.id = stored.id;
            checkUserMessages(item.record);
            if (options.userMode && !access.objectAccess(object.name, 'edit')) throw insufficientAccess();
            if (
                (options.enforceSharing || options.userMode) &&
                !org.recordAccess.canAccess(stored, org.runningUserId, access, 'edit')
            )
                throw insufficientAccess();
            checkWritable(object, changedValues(object, stored, item.record), access, options, (f) => f.updateable);
            item.full = toSObject(org, object.name, stored.values);
            for (const field of item.record.fields.values()) item.full.set(field.name, field.value);
        });
    }
    const old = (item: Item) => toSObject(org, object.name, item.stored!.values);
    fire(org, object, 'before update', items, (item) => item.full!, old);
    for (const item of items) attempt(item, () => updateOne(org, object, item));
    const saved = (item: Item) => toSObject(org, object.name, org.store.get(item.id!)!.values);
    const after = new Map(live(items).map((item) => [item, saved(item)]));
    fire(org, object, 'after update', items, (item) => after.get(item) ?? saved(item), old);
}

function updateOne(org: LocalOrg, object: ObjectDescribe, item: Item): void {
    const stored = item.stored!;
    checkUserMessages(item.full!);
    const changed = changedValues(object, stored, item.full!);
    const readOnly = [...changed.keys()].map((k) => object.fields.get(k)!).filter((f) => !f.updateable);
    if (readOnly.length > 0) throw unableToUpdate(readOnly.map((f) => f.name));
    const values = new Map(stored.values);
    for (const [k, v] of changed) values.set(k, v);
    const now = truncateToSecond(new ApexDatetime(org.now()));
    setIfField(object, values, 'lastmodifieddate', now);
    setIfField(object, values, 'lastmodifiedbyid', org.runningUserId);
    setIfField(object, values, 'systemmodstamp', now);
    if (changed.has('firstname') || changed.has('lastname')) computePersonName(object, values);
    validate(org, object, values, stored.values);
    org.store.put({ id: stored.id, objectName: object.name, values });
    routeToOwningQueue(
        org,
        object.name,
        stored.id,
        values.get('ownerid') ?? null,
        stored.values.get('ownerid') ?? null
    );
}

// --- upsert -------------------------------------------------------------------------------------------------

/** Upsert: an update when the Id, or the external id field, matches a record; otherwise an insert. */
function resolveUpsert(org: LocalOrg, object: ObjectDescribe, item: Item, options: DmlOptions): void {
    const record = item.record;
    // `upsert records Widget__c.Code__c;` names the field with its object; Database.upsert gives the token's field.
    const keyField = options.upsertField
        ? object.fields.get(options.upsertField.toLowerCase().replace(`${object.name.toLowerCase()}.`, ''))
        : object.fields.get('id');
    if (!keyField)
        throw new SaveError(
            'INVALID_FIELD',
            `Invalid field for upsert, must be an External Id custom or standard indexed field: ${options.upsertField}`
        );
    if (keyField.name === 'Id') {
        item.op = record.get('Id') !== null ? 'update' : 'insert';
        return;
    }
    const key = record.get(keyField.name);
    if (key === null) throw new SaveError('MISSING_ARGUMENT', `${keyField.name} not specified`);
    const matches = [...org.store.records(object.name)].filter(
        (r) =>
            r.values.get('isdeleted') !== true &&
            textEquals(r.values.get(keyField.name.toLowerCase()) ?? null, key, !!keyField.caseSensitive)
    );
    if (matches.length > 1)
        throw new SaveError('DUPLICATE_VALUE', `Duplicate external id specified: ${String(key)}`, [keyField.name]);
    if (matches.length === 1) record.set('Id', matches[0].id);
    item.op = matches.length === 1 ? 'update' : 'insert';
}

// --- delete and undelete ------------------------------------------------------------------------------------

function deleteChunk(org: LocalOrg, object: ObjectDescribe, items: Item[], options: DmlOptions): void {
    const access = org.checker();
    for (const item of items) {
        attempt(item, () => {
            const stored = existing(org, object, item.record, 'delete');
            item.stored = stored;
            item.id = stored.id;
            if (options.userMode && !access.objectAccess(object.name, 'delete')) throw insufficientAccess();
            if (
                (options.enforceSharing || options.userMode) &&
                !org.recordAccess.canAccess(stored, org.runningUserId, access, 'delete')
            )
                throw insufficientAccess();
            if (!object.deleteable)
                throw new SaveError('DELETE_FAILED', `entity type cannot be deleted: ${object.name}`);
        });
    }
    const old = new Map(
        items.map((item) => [item, item.stored ? toSObject(org, object.name, item.stored.values) : null])
    );
    fire(org, object, 'before delete', items, null, (item) => old.get(item)!);
    for (const item of items) {
        attempt(item, () => {
            checkUserMessages(old.get(item)!);
            markDeleted(org, object, item.stored!);
        });
    }
    fire(org, object, 'after delete', items, null, (item) => old.get(item)!);
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

function undeleteChunk(org: LocalOrg, object: ObjectDescribe, items: Item[]): void {
    for (const item of items) {
        attempt(item, () => {
            const stored = existing(org, object, item.record, 'undelete');
            if (stored.values.get('isdeleted') !== true)
                throw new SaveError('UNDELETE_FAILED', 'Entity is not in the recycle bin');
            const values = new Map(stored.values);
            values.set('isdeleted', false);
            org.store.put({ id: stored.id, objectName: object.name, values });
            item.id = stored.id;
        });
    }
    const restored = new Map(
        live(items).map((item) => [item, toSObject(org, object.name, org.store.get(item.id!)!.values)])
    );
    fire(org, object, 'after undelete', items, (item) => restored.get(item)!, null);
}
