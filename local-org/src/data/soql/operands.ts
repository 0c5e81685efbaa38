// Converting literals and bind values to the type of the field they are compared with, with the platform's
// errors for a value of the wrong type. Comparisons follow the field's type: numbers as numbers, text and
// picklists as text (case-insensitively), dates as dates ("Comparison Operators",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm).
import { raise, unsupported } from '../../runtime/errors';
import { soqlDateLiteralDays } from '../../runtime/time/soqlLiterals';
import { epochToWall, wallToEpoch } from '../../runtime/time/zones';
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexList,
    ApexLong,
    ApexSet,
    ApexTime,
    SObjectValue,
    type ApexValue
} from '../../runtime/values';
import type { FieldDescribe, FieldType } from '../schemaTypes';
import type { SoqlValue } from './ast';
import { numFromText, toNum, type Num } from './compare';
import type { Run } from './context';
import { normalizeId } from './ids';

const DAY_MS = 86_400_000;

export type Domain = 'id' | 'text' | 'multi' | 'bool' | 'number' | 'date' | 'datetime' | 'time';

export function domainOf(field: FieldDescribe): Domain {
    const type: FieldType = field.type;
    switch (type) {
        case 'id':
        case 'reference':
            return 'id';
        case 'multipicklist':
            return 'multi';
        case 'boolean':
            return 'bool';
        case 'integer':
        case 'long':
        case 'double':
        case 'currency':
        case 'percent':
            return 'number';
        case 'date':
            return 'date';
        case 'datetime':
            return 'datetime';
        case 'time':
            return 'time';
        case 'address':
        case 'location':
            return unsupported(`SOQL filters on compound field ${field.name}`);
        default:
            return 'text';
    }
}

/** A value in the field's domain: string (Id, text), Num, boolean, or a number of days / ms. */
export type Comparable = string | Num | boolean | number | null;

/** One operand: a value, or the range of days/instants a date literal covers ([start, end)). */
export type Operand =
    | { readonly kind: 'value'; readonly value: Comparable }
    | { readonly kind: 'range'; readonly start: number; readonly end: number };

/** A stored field value in its domain. Booleans are never null: null reads as false (see lookup outer joins,
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_lookup.htm). */
export function comparableOf(domain: Domain, value: ApexValue): Comparable {
    if (domain === 'bool') return value === true;
    if (value === null || value === undefined) return null;
    switch (domain) {
        case 'id':
            return typeof value === 'string' ? (normalizeId(value) ?? value) : null;
        case 'number':
            return toNum(value);
        case 'date':
            return value instanceof ApexDate ? value.epochDay : null;
        case 'datetime':
            return value instanceof ApexDatetime ? value.epochMs : null;
        case 'time':
            return value instanceof ApexTime ? value.msOfDay : null;
        default:
            return typeof value === 'string' ? value : String(value);
    }
}

const FILTER_TYPE: Readonly<Record<Domain, string>> = {
    id: 'id',
    text: 'string',
    multi: 'string',
    bool: 'boolean',
    number: 'double',
    date: 'date',
    datetime: 'dateTime',
    time: 'time'
};

// The platform's INVALID_FIELD message for a literal of the wrong type.
function wrongLiteral(field: FieldDescribe, domain: Domain): never {
    const type = field.type === 'integer' ? 'integer' : FILTER_TYPE[domain];
    const quotes =
        domain === 'text' || domain === 'multi' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    return raise(
        'QueryException',
        `value of filter criterion for field '${field.name}' must be of type ${type} and ${quotes}`
    );
}

function invalidId(text: string): never {
    return raise('QueryException', `invalid ID field: ${text}`);
}

function literalOperand(run: Run, value: SoqlValue, field: FieldDescribe, domain: Domain): Operand {
    const of = (v: Comparable): Operand => ({ kind: 'value', value: v });
    if (domain === 'id' && value.kind !== 'null' && value.kind !== 'string') {
        return invalidId(value.kind === 'number' || value.kind === 'date' ? value.text : value.kind);
    }
    switch (value.kind) {
        case 'null':
            return of(null);
        case 'boolean':
            return domain === 'bool' ? of(value.value) : wrongLiteral(field, domain);
        case 'number':
            return domain === 'number' ? of(numFromText(value.text)) : wrongLiteral(field, domain);
        case 'string':
            if (domain === 'id') return of(normalizeId(value.value) ?? invalidId(value.value));
            return domain === 'text' || domain === 'multi' ? of(value.value) : wrongLiteral(field, domain);
        case 'date':
            return domain === 'date' ? of(value.epochDay) : wrongLiteral(field, domain);
        case 'datetime':
            return domain === 'datetime' ? of(value.epochMs) : wrongLiteral(field, domain);
        case 'time': {
            const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?z$/i.exec(value.text);
            if (domain !== 'time' || !m) return wrongLiteral(field, domain);
            return of(((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1000 + Number((m[4] ?? '0').padEnd(3, '0')));
        }
        case 'dateLiteral': {
            if (domain !== 'date' && domain !== 'datetime') return wrongLiteral(field, domain);
            const zone = run.options.userTimeZone;
            const today = Math.floor(epochToWall(zone, run.options.nowMs) / DAY_MS);
            const [start, end] = soqlDateLiteralDays(value.name, value.n, today, 'en_US');
            if (domain === 'date') return { kind: 'range', start, end };
            return { kind: 'range', start: wallToEpoch(zone, start * DAY_MS), end: wallToEpoch(zone, end * DAY_MS) };
        }
        default:
            return raise('QueryException', `unexpected value in filter on field '${field.name}'`);
    }
}

/** Apex's name for the runtime type of a bound value, for the bind type error. */
function apexTypeName(value: ApexValue): string {
    if (typeof value === 'string') return 'String';
    if (typeof value === 'number') return 'Integer';
    if (typeof value === 'boolean') return 'Boolean';
    if (value instanceof ApexLong) return 'Long';
    if (value instanceof ApexDouble) return 'Double';
    if (value instanceof ApexDecimal) return 'Decimal';
    if (value instanceof ApexDate) return 'Date';
    if (value instanceof ApexDatetime) return 'Datetime';
    if (value instanceof ApexTime) return 'Time';
    if (value instanceof SObjectValue) return value.objectName;
    return 'Object';
}

const COLUMN_TYPE: Readonly<Record<Domain, string>> = {
    id: 'Id',
    text: 'String',
    multi: 'String',
    bool: 'Boolean',
    number: 'Decimal',
    date: 'Date',
    datetime: 'Datetime',
    time: 'Time'
};

// The compile-time error Apex gives for a bind of the wrong type; dynamic SOQL raises it when the query runs.
function wrongBind(value: ApexValue, domain: Domain): never {
    return raise(
        'QueryException',
        `Invalid bind expression type of ${apexTypeName(value)} for column of type ${COLUMN_TYPE[domain]}`
    );
}

function bindOperand(value: ApexValue, domain: Domain): Comparable {
    if (value === null || value === undefined) return null;
    switch (domain) {
        case 'id':
            // A bound SObject stands for its Id ("Using Apex Variables in SOQL and SOSL Queries",
            // https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_SOQL_variables.htm).
            if (value instanceof SObjectValue) return bindOperand(value.get('Id'), domain);
            if (typeof value !== 'string') return wrongBind(value, domain);
            return normalizeId(value) ?? invalidId(value);
        case 'text':
        case 'multi':
            return typeof value === 'string' ? value : wrongBind(value, domain);
        case 'bool':
            return typeof value === 'boolean' ? value : wrongBind(value, domain);
        case 'number':
            return toNum(value) ?? wrongBind(value, domain);
        case 'date':
            return value instanceof ApexDate ? value.epochDay : wrongBind(value, domain);
        case 'datetime':
            // A Date bound to a dateTime field is that day's midnight GMT.
            if (value instanceof ApexDate) return value.epochDay * DAY_MS;
            return value instanceof ApexDatetime ? value.epochMs : wrongBind(value, domain);
        case 'time':
            return value instanceof ApexTime ? value.msOfDay : wrongBind(value, domain);
    }
}

/** The elements of a bound collection (List, Set), or null when the value is not one. */
export function collectionItems(value: ApexValue): ApexValue[] | null {
    if (value instanceof ApexList) return value.items;
    if (value instanceof ApexSet) return [...value.values()];
    return null;
}

/**
 * The operands of a comparison: one for a single value, several for a literal list or a bound List or Set
 * (with = and != too, which then behave as IN and NOT IN).
 */
export function operandsOf(run: Run, value: SoqlValue, field: FieldDescribe, domain: Domain): Operand[] {
    if (value.kind === 'list') return value.values.flatMap((v) => operandsOf(run, v, field, domain));
    if (value.kind !== 'bind') return [literalOperand(run, value, field, domain)];
    const bound = run.bind(value);
    const items = collectionItems(bound);
    return (items ?? [bound]).map((item) => ({ kind: 'value', value: bindOperand(item, domain) }));
}

/** Whether the bound or literal value is a collection, so that = means IN. */
export function isCollection(run: Run, value: SoqlValue): boolean {
    return value.kind === 'list' || (value.kind === 'bind' && collectionItems(run.bind(value)) !== null);
}
