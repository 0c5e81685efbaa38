// A record created through the REST API's sObject Basic Information resource (REST API Developer Guide,
// "Create a Record", https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm;
// "Insert or Update Blob Data", https://developer.salesforce.com/docs/platform/api-rest/guide/dome-sobject-insert-update-blob.html):
// `POST /services/data/vXX.X/sobjects/<Object>` as the calling user. The API always runs in user mode: the
// object's create permission and the fields' field-level security apply, and the new record is owned by the
// user. The save is the platform's DML (dml.ts: triggers, validation rules, the save rules, a ContentVersion's
// ContentDocument), in a transaction of its own, so its commit is reported like any other.
//
// Answers: 201 `{"id":..., "success":true, "errors":[]}`, or a list of `{message, errorCode, fields}` (REST API
// Developer Guide, "Status Codes and Error Responses",
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm: 400 "usually because the
// JSON or XML body contains an error", 404 "The requested resource couldn't be found").
import type { FieldDescribe, ObjectDescribe } from '../../data/schemaTypes';
import { isIdForm, normalizeId } from '../../interpreter/ids';
import type { DmlFailure } from '../../interpreter/classes';
import { ApexPlatformError } from '../../runtime/errors';
import { parseDecimal } from '../../runtime/numbers';
import { parseJsonDate, parseJsonDatetime, parseJsonTime } from '../../runtime/time';
import { ApexBlob, ApexLong, SObjectValue, type ApexValue } from '../../runtime/values';
import { runDml } from '../dml';
import type { LocalOrg } from '../org';

/** One error of a failed create, as the REST API lists them. */
export interface CreateError {
    readonly message: string;
    readonly errorCode: string;
    readonly fields: readonly string[];
}

export type CreateResult =
    | { readonly ok: true; readonly id: string }
    | { readonly ok: false; readonly status: number; readonly errors: readonly CreateError[] };

/** A request the API refuses before anything is saved. */
class Refused extends Error {
    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string,
        readonly fields: readonly string[] = []
    ) {
        super(message);
    }
}

const refused = (error: Refused): CreateResult => ({
    ok: false,
    status: error.status,
    errors: [{ message: error.message, errorCode: error.errorCode, fields: error.fields }]
});

/**
 * Inserts one `objectName` record as `userId`: `fields` as the request's JSON body holds them (strings, numbers,
 * booleans, ISO dates, base64 for a blob field), `blobFields` the binary parts of a multipart request by field.
 */
export function createRecord(
    org: LocalOrg,
    objectName: string,
    fields: Readonly<Record<string, unknown>>,
    userId: string,
    blobFields: Readonly<Record<string, Uint8Array>> = {}
): CreateResult {
    try {
        const object = createableObject(org, objectName, userId);
        const record = new SObjectValue(object.name, false);
        for (const [name, value] of Object.entries(fields)) {
            // The sObject's "attributes" ({"type": ...}) may come with the fields; it is not a field.
            if (name === 'attributes' && typeof value === 'object') continue;
            const field = fieldOf(org, object, name);
            record.set(field.name, fromJson(field, value));
        }
        for (const [name, bytes] of Object.entries(blobFields)) {
            const field = fieldOf(org, object, name);
            if (field.type !== 'base64')
                throw new Refused(400, 'INVALID_FIELD', `${field.name} is not a blob field of ${object.name}`, [
                    field.name
                ]);
            record.set(field.name, new ApexBlob(bytes));
        }
        checkReferences(org, object, record, userId);
        if (object.kind === 'platformEvent') {
            // Publishing a platform event is a create of the event (REST API Developer Guide, "Create a Record").
            const [id] = org.executor.transaction({ userId }, () => org.events.publish([record]));
            return { ok: true, id };
        }
        const id = org.executor.transaction({ userId }, () => {
            const [outcome] = runDml(org, 'insert', record, { allOrNone: true, userMode: true, enforceSharing: true });
            return outcome.id!;
        });
        return { ok: true, id };
    } catch (error) {
        if (error instanceof Refused) return refused(error);
        const failures = (error as { dml?: DmlFailure[] }).dml;
        if (error instanceof ApexPlatformError && failures) {
            return {
                ok: false,
                status: 400,
                errors: failures.map((f) => ({ message: f.message, errorCode: f.statusCode, fields: [...f.fields] }))
            };
        }
        throw error;
    }
}

/**
 * The object, if the user may create its records. An object the user cannot see at all is not there for them
 * ("404 The requested resource couldn't be found"); one they may read but not create is
 * INSUFFICIENT_ACCESS_OR_READONLY (the DML's own check, SOAP API "StatusCode").
 * unconfirmed: that the API answers 404 NOT_FOUND "The requested resource does not exist" for an object the user
 * has no access to, and INVALID_TYPE_FOR_OPERATION for an object that takes no create (e.g. ContentDocument).
 */
function createableObject(org: LocalOrg, objectName: string, userId: string): ObjectDescribe {
    const object = org.schema.object(objectName);
    const access = org.checker(userId);
    const notFound = new Refused(404, 'NOT_FOUND', 'The requested resource does not exist');
    if (!object || object.kind === 'aggregate' || object.kind === 'share') throw notFound;
    if (!access.objectAccess(object.name, 'read') && !access.objectAccess(object.name, 'create')) throw notFound;
    if (object.kind === 'customMetadata' || (!object.createable && object.kind !== 'platformEvent'))
        throw new Refused(400, 'INVALID_TYPE_FOR_OPERATION', `entity type cannot be inserted: ${object.label}`);
    if (object.kind === 'platformEvent' && !access.objectAccess(object.name, 'create'))
        throw new Refused(400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    return object;
}

/**
 * A field of the object by its API name in any case. The Id is refused as the guide shows: `[{"message":"The Id
 * field should not be specified in the sobject data.", "errorCode":"INVALID_FIELD"}]` ("Create a Record").
 * unconfirmed: the message for an unknown field (the wording of JSON.deserialize, "No such column ... on sobject
 * of type ...", is used).
 */
function fieldOf(org: LocalOrg, object: ObjectDescribe, name: string): FieldDescribe {
    const field = org.schema.field(object.name, name);
    if (!field) {
        throw new Refused(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, []);
    }
    if (field.name === 'Id')
        throw new Refused(400, 'INVALID_FIELD', 'The Id field should not be specified in the sobject data.');
    return field;
}

/**
 * A JSON value in its field's Apex type, as the API reads it: numbers from JSON numbers or numeric strings, Dates
 * and Datetimes from ISO 8601 strings, blobs from base64, text from strings (a number or boolean as its text).
 * An Id that is no Id is MALFORMED_ID naming the field, as the blob guide's error example shows: `{"fields" :
 * ["FolderId"], "message" : "Folder ID: id value of incorrect type: 005D0000001GiU7", "errorCode" : "MALFORMED_ID"}`
 * (http://www.salesforce.com/us/developer/docs/api_rest/Content/dome_sobject_insert_update_blob.htm).
 * unconfirmed: the exact JSON_PARSER_ERROR message (the API adds the position, "at [line:1, column:N]").
 */
function fromJson(field: FieldDescribe, value: unknown): ApexValue {
    if (value === null) return null;
    const token =
        typeof value === 'string'
            ? 'VALUE_STRING'
            : typeof value === 'number'
              ? 'VALUE_NUMBER'
              : typeof value === 'boolean'
                ? value
                    ? 'VALUE_TRUE'
                    : 'VALUE_FALSE'
                : Array.isArray(value)
                  ? 'START_ARRAY'
                  : 'START_OBJECT';
    const mismatch = (type: string): never => {
        const shown = typeof value === 'object' ? '' : ` value ${String(value)}`;
        throw new Refused(
            400,
            'JSON_PARSER_ERROR',
            `Cannot deserialize instance of ${type} from ${token}${shown} or request may be missing a required field`,
            [field.name]
        );
    };
    const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
    try {
        switch (field.type) {
            case 'id':
            case 'reference':
                if (typeof value !== 'string') return mismatch('id');
                if (!isIdForm(value))
                    throw new Refused(400, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [
                        field.name
                    ]);
                return normalizeId(value);
            case 'boolean':
                if (typeof value === 'boolean') return value;
                if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
                return mismatch('boolean');
            case 'integer':
            case 'long':
            case 'double':
            case 'currency':
            case 'percent': {
                if (text === null || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return mismatch('double');
                if (field.type === 'integer') {
                    const n = Number(text);
                    return Number.isInteger(n) && Math.abs(n) <= 2147483647 ? n : mismatch('int');
                }
                if (field.type === 'long')
                    return /^[+-]?\d+$/.test(text) ? new ApexLong(BigInt(text)) : mismatch('long');
                return parseDecimal(text);
            }
            case 'date':
                return typeof value === 'string' ? parseJsonDate(value) : mismatch('date');
            case 'datetime':
                return typeof value === 'string' ? parseJsonDatetime(value) : mismatch('datetime');
            case 'time':
                return typeof value === 'string' ? parseJsonTime(value) : mismatch('time');
            case 'base64':
                if (typeof value !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value)) return mismatch('base64');
                return new ApexBlob(new Uint8Array(Buffer.from(value, 'base64')));
            default:
                if (typeof value === 'string') return value;
                return typeof value === 'number' || typeof value === 'boolean' ? String(value) : mismatch('String');
        }
    } catch (error) {
        if (error instanceof ApexPlatformError)
            throw new Refused(400, 'JSON_PARSER_ERROR', error.message, [field.name]);
        throw error;
    }
}

/**
 * A lookup to a record the user may not see fails: "insufficient access rights on cross-reference id" (SOAP API
 * Developer Guide, "StatusCode", INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY). The API checks it as the user
 * (a file published to a record the integration user cannot see is refused). Lookups to no record are left to
 * the save rules (INVALID_CROSS_REFERENCE_KEY).
 * unconfirmed: that the error lists no fields.
 */
function checkReferences(org: LocalOrg, object: ObjectDescribe, record: SObjectValue, userId: string): void {
    const access = org.checker(userId);
    for (const [key, entry] of record.fields) {
        const field = object.fields.get(key);
        if (field?.type !== 'reference' || typeof entry.value !== 'string') continue;
        const target = org.store.get(entry.value);
        if (!target || target.values.get('isdeleted') === true) continue;
        if (!org.recordAccess.canAccess(target, userId, access, 'read')) {
            throw new Refused(
                400,
                'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
                `insufficient access rights on cross-reference id: ${entry.value}`
            );
        }
    }
}
