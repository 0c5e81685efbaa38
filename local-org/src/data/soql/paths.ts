// Resolving the names a query uses against the schema, the platform's errors for names it does not know, and the
// object and field permission checks of WITH USER_MODE and WITH SECURITY_ENFORCED.
import { raise } from '../../runtime/errors';
import type { ApexValue } from '../../runtime/values';
import type { FieldDescribe, ObjectDescribe, OrgSchema, StoredRecord } from '../schemaTypes';
import type { SoqlPath, SoqlSecurityMode } from './ast';

// Wording of the platform's INVALID_TYPE / INVALID_FIELD errors, as orgs return them; the docs do not list them,
// they are quoted from org responses in https://github.com/jsforce/jsforce/issues/1404 (sObject type),
// https://github.com/beyond-the-cloud-dev/soql-lib/issues/255 (No such column) and
// https://github.com/octoberswimmer/aer-dist/issues/217, plus client code matching "Didn't understand relationship".
export function unknownObject(name: string): never {
    return raise(
        'QueryException',
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`
    );
}

export function unknownField(name: string, objectName: string): never {
    return raise(
        'QueryException',
        `No such column '${name}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`
    );
}

export function unknownRelationship(name: string, where: 'field path' | 'FROM part of query call'): never {
    return raise(
        'QueryException',
        `Didn't understand relationship '${name}' in ${where}. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`
    );
}

export type Clause = 'select' | 'filter';

export interface AccessOptions {
    canReadField(objectName: string, fieldName: string): boolean;
    canReadObject(objectName: string): boolean;
}

/**
 * Object and field permission checks, and the list of objects read. User mode checks every clause and reports an
 * inaccessible field or object as if it did not exist ("Set an Access Mode for Database Operations",
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm; the
 * org's message is "No such column ..." as reported in https://github.com/beyond-the-cloud-dev/soql-lib/issues/255).
 * WITH SECURITY_ENFORCED checks only SELECT and FROM ("Filter SOQL Queries Using WITH SECURITY_ENFORCED",
 * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_with_security_enforced.htm)
 * and fails with one message for all.
 */
export class Access {
    readonly objectsRead = new Set<string>();

    constructor(
        private readonly options: AccessOptions,
        private readonly mode: SoqlSecurityMode
    ) {}

    private applies(clause: Clause): boolean {
        return this.mode === 'USER_MODE' || (this.mode === 'SECURITY_ENFORCED' && clause === 'select');
    }

    object(object: ObjectDescribe, clause: Clause): void {
        this.objectsRead.add(object.name);
        if (!this.applies(clause) || this.options.canReadObject(object.name)) return;
        if (this.mode === 'USER_MODE') unknownObject(object.name);
        raise('QueryException', 'Insufficient permissions: secure query included inaccessible field');
    }

    field(object: ObjectDescribe, field: FieldDescribe, clause: Clause): void {
        if (!field.permissionable || !this.applies(clause) || this.options.canReadField(object.name, field.name)) {
            return;
        }
        if (this.mode === 'USER_MODE') unknownField(field.name, object.name);
        raise('QueryException', 'Insufficient permissions: secure query included inaccessible field');
    }

    /** Fields FIELDS(...) may return: in user mode only those the user can read (FIELDS() respects FLS). */
    readable(object: ObjectDescribe, field: FieldDescribe): boolean {
        return this.mode !== 'USER_MODE' || !field.permissionable || this.options.canReadField(object.name, field.name);
    }
}

export function objectOf(schema: OrgSchema, name: string): ObjectDescribe {
    return schema.object(name) ?? unknownObject(name);
}

/** A field path checked against the schema: its segments and the describe of its last field. */
export interface ResolvedPath {
    readonly segments: readonly string[];
    /** The final field's describe, from the first object that has it when the path crosses a polymorphic lookup. */
    readonly field: FieldDescribe;
    /** The name to show in errors and to key aggregate results by: the final field's API name. */
    readonly name: string;
}

/**
 * Drops a leading FROM alias or object name (`a.Name` for `FROM Account a`, `Contact.FirstName` for
 * `FROM Contact`), as "SOQL SELECT Syntax" allows, unless that segment is a relationship of the object.
 */
export function stripPrefix(schema: OrgSchema, object: ObjectDescribe, path: SoqlPath, alias?: string): string[] {
    const [first, ...rest] = path;
    if (rest.length === 0 || schema.parentRelationship(object.name, first)) return [...path];
    const lower = first.toLowerCase();
    return lower === alias?.toLowerCase() || lower === object.name.toLowerCase() ? rest : [...path];
}

/**
 * Resolves `path` from `object`, checking each name and its access. A polymorphic lookup (Owner: User or Group)
 * continues on every object it may point to; a name missing on all of them is an error.
 */
export function resolvePath(
    schema: OrgSchema,
    object: ObjectDescribe,
    path: readonly string[],
    access: Access,
    clause: Clause
): ResolvedPath {
    let objects: ObjectDescribe[] = [object];
    for (let i = 0; i < path.length - 1; i++) {
        const next: ObjectDescribe[] = [];
        for (const current of objects) {
            const lookup = schema.parentRelationship(current.name, path[i]);
            if (!lookup) continue;
            access.field(current, lookup, clause);
            for (const target of lookup.referenceTo ?? []) {
                const parent = schema.object(target);
                if (parent && !next.includes(parent)) next.push(parent);
            }
        }
        if (next.length === 0) unknownRelationship(path[i], 'field path');
        for (const parent of next) access.object(parent, clause);
        objects = next;
    }
    const last = path[path.length - 1];
    let found: FieldDescribe | undefined;
    for (const current of objects) {
        const field = schema.field(current.name, last);
        if (!field) continue;
        access.field(current, field, clause);
        found ??= field;
    }
    if (!found) unknownField(last, objects[0].name);
    return { segments: path, field: found, name: found.name };
}

/** A stored field value; Id is the record's own Id. */
export function storedValue(record: StoredRecord, lowerName: string): ApexValue {
    if (lowerName === 'id') return record.id;
    return record.values.get(lowerName) ?? null;
}
