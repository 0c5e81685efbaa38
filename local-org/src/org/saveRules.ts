// The platform's checks before a record is saved (SOAP API Developer Guide, "StatusCode"; Salesforce Help,
// "Custom Field Attributes", "Validation Rules"): required fields, text lengths, restricted picklists, email
// format, number precision, lookups to records that exist, unique fields and the object's validation rules.
// A failed check is a SaveError: DML reports it on the record's SaveResult, or throws it as a DmlException.
import { evaluateValidationRules } from '../data/schema/formula';
import type { FieldDescribe, ObjectDescribe } from '../data/schemaTypes';
import { ApexDatetime, ApexDecimal, type ApexValue } from '../runtime/values';
import { fieldValueType } from '../interpreter/sobjects';
import { isIdForm, normalizeId } from '../interpreter/ids';
import { decimalToPlainString } from '../runtime/numbers';
import type { LocalOrg } from './org';

/** A record's save failed: the status code, message and fields of its Database.Error. */
export class SaveError extends Error {
    constructor(
        readonly statusCode: string,
        message: string,
        readonly fields: readonly string[] = []
    ) {
        super(message);
    }
}

export function sameValue(a: ApexValue, b: ApexValue): boolean {
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

export function textEquals(a: ApexValue, b: ApexValue, caseSensitive: boolean): boolean {
    if (typeof a === 'string' && typeof b === 'string')
        return caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
    return sameValue(a, b);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The platform's checks before a record is saved. */
export function validate(
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
