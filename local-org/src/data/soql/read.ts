// Reading field paths from stored rows and placing them into result SObjects. A parent relationship is an outer
// join: an empty lookup, or a parent the user cannot see, reads as null and the row is still returned ("null
// Values in Lookup Relationships and Outer Joins",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_lookup.htm).
// A polymorphic lookup (Owner: User or Group; Queue on QueueSobject) resolves to whatever object the stored Id's
// record is, so the path continues on that object's fields.
import { SObjectValue, type ApexValue } from '../../runtime/values';
import type { StoredRecord } from '../schemaTypes';
import type { Run } from './context';
import { storedValue } from './paths';

/** The record at the end of the relationship hops of `segments` (all but the last), or null. */
function holder(run: Run, record: StoredRecord, segments: readonly string[]): StoredRecord | null {
    let current: StoredRecord | null = record;
    for (let i = 0; i < segments.length - 1 && current; i++) {
        const lookup = run.schema.parentRelationship(current.objectName, segments[i]);
        current = lookup ? run.parent(storedValue(current, lookup.name.toLowerCase())) : null;
    }
    return current;
}

export function readPath(run: Run, record: StoredRecord, segments: readonly string[]): ApexValue {
    const current = holder(run, record, segments);
    if (!current) return null;
    const field = run.schema.field(current.objectName, segments[segments.length - 1]);
    return field ? storedValue(current, field.name.toLowerCase()) : null;
}

/**
 * Sets `segments` of `record` into `row`: a plain field under its API name, a parent field inside a nested
 * SObject under the relationship name (null when the lookup is empty). The lookup field and the parent's Id come
 * along, as they do in an org's query results.
 */
export function placePath(run: Run, row: SObjectValue, record: StoredRecord, segments: readonly string[]): void {
    let target = row;
    let current = record;
    for (let i = 0; i < segments.length - 1; i++) {
        const lookup = run.schema.parentRelationship(current.objectName, segments[i]);
        if (!lookup) return;
        const foreignKey = storedValue(current, lookup.name.toLowerCase());
        if (!target.has(lookup.name)) target.set(lookup.name, foreignKey);
        const relationship = lookup.relationshipName ?? segments[i];
        const parent = run.parent(foreignKey);
        if (!parent) {
            if (!target.has(relationship)) target.set(relationship, null);
            return;
        }
        let nested = target.get(relationship);
        if (!(nested instanceof SObjectValue)) {
            nested = new SObjectValue(parent.objectName, true);
            (nested as SObjectValue).set('Id', parent.id);
            target.set(relationship, nested);
        }
        target = nested as SObjectValue;
        current = parent;
    }
    const field = run.schema.field(current.objectName, segments[segments.length - 1]);
    if (field) target.set(field.name, storedValue(current, field.name.toLowerCase()));
}
