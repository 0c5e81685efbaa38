// Records the Interaction Service writes as the platform does: not through Apex DML (no object or field
// permissions; platform-only fields such as Conversation's or IsFullyOptedIn are set), but with the save rules every
// record passes (lengths, restricted picklists, lookups: saveRules.validate), the audit fields of the API user and
// the org's ids, inside the request's transaction so a failure leaves nothing and the commit is reported
// (LocalOrgOptions.onCommit) like any other.
// unconfirmed: whether Apex triggers on these objects fire for the Interaction Service's writes (Relay has none).
import type { StoredRecord } from '../data/schemaTypes';
import { setIfField, truncateToSecond } from '../org/dmlRecords';
import type { LocalOrg } from '../org/org';
import { validate } from '../org/saveRules';
import { ApexDatetime, type ApexValue } from '../runtime/values';

export function now(org: LocalOrg): ApexDatetime {
    return truncateToSecond(new ApexDatetime(org.now()));
}

/** Inserts a record as the running user (the API user); returns its Id. */
export function platformInsert(org: LocalOrg, objectName: string, fields: Record<string, ApexValue>): string {
    const object = org.schema.object(objectName);
    if (!object) throw new Error(`Unknown object ${objectName}`);
    const values = new Map<string, ApexValue>();
    for (const [name, value] of Object.entries(fields)) values.set(name.toLowerCase(), value);
    for (const field of object.fields.values()) {
        const key = field.name.toLowerCase();
        if (!values.has(key) && field.defaultValue !== undefined) values.set(key, field.defaultValue);
        if (field.autoNumber) {
            // The same counter Apex inserts use (dml.ts), so numbers never repeat.
            const counter = (org.autoNumbers.get(`${object.name}.${key}`) ?? 0) + 1;
            org.autoNumbers.set(`${object.name}.${key}`, counter);
            values.set(key, String(counter));
        }
    }
    const id = org.ids.next(object.keyPrefix);
    const stamp = now(org);
    values.set('id', id);
    setIfField(object, values, 'createddate', stamp);
    setIfField(object, values, 'createdbyid', org.runningUserId);
    setIfField(object, values, 'lastmodifieddate', stamp);
    setIfField(object, values, 'lastmodifiedbyid', org.runningUserId);
    setIfField(object, values, 'systemmodstamp', stamp);
    setIfField(object, values, 'isdeleted', false);
    if (object.fields.has('ownerid') && (values.get('ownerid') ?? null) === null)
        values.set('ownerid', org.runningUserId);
    validate(org, object, values, null);
    org.store.put({ id, objectName: object.name, values });
    org.version++;
    return id;
}

/** Changes fields of a record, stamping LastModified* as any save does. */
export function platformUpdate(org: LocalOrg, id: string, fields: Record<string, ApexValue>): void {
    const current = org.store.get(id);
    if (!current) throw new Error(`No record ${id}`);
    const object = org.schema.object(current.objectName)!;
    const values = new Map(current.values);
    for (const [name, value] of Object.entries(fields)) values.set(name.toLowerCase(), value);
    const stamp = now(org);
    setIfField(object, values, 'lastmodifieddate', stamp);
    setIfField(object, values, 'lastmodifiedbyid', org.runningUserId);
    setIfField(object, values, 'systemmodstamp', stamp);
    // A lookup left unchanged is not checked again: AgentWork keeps its PendingServiceRoutingId after the PSR is
    // deleted on acceptance, and a later change of the AgentWork must still save.
    // unconfirmed: that the platform keeps (rather than clears) such a lookup.
    const changed = new Set(Object.keys(fields).map((name) => name.toLowerCase()));
    const checked = new Map(values);
    for (const [key, value] of current.values) {
        if (changed.has(key) || object.fields.get(key)?.type !== 'reference' || typeof value !== 'string') continue;
        if (org.store.get(value)?.values.get('isdeleted') === true) checked.delete(key);
    }
    validate(org, object, checked, current.values);
    org.store.put({ id, objectName: current.objectName, values });
    org.version++;
}

/**
 * Deletes a record to the Recycle Bin (IsDeleted true), as a delete of an object that supports undelete does
 * (PendingServiceRouting: "Supported Calls ... delete(), ... undelete()").
 */
export function platformDelete(org: LocalOrg, id: string): void {
    platformUpdate(org, id, { IsDeleted: true });
}

/** The live (not deleted) records of an object that match `where` (field names in lower case). */
export function live(
    org: LocalOrg,
    objectName: string,
    where: (values: ReadonlyMap<string, ApexValue>) => boolean = () => true
): StoredRecord[] {
    return [...org.store.records(objectName)].filter((r) => r.values.get('isdeleted') !== true && where(r.values));
}

export function get(record: StoredRecord, field: string): ApexValue {
    return record.values.get(field.toLowerCase()) ?? null;
}
