// Apex values to and from the JSON a Lightning component exchanges with the server (Lightning Web Components
// Developer Guide, "Apex Types Supported for LWC"; "Return Values from Apex"): numbers as numbers, Dates as
// 'yyyy-MM-dd', Datetimes in ISO 8601 UTC, Ids as strings, SObjects as objects of their populated fields
// (relationships nested), Apex objects with their @AuraEnabled fields and properties only.
import { decimalToString, numberToString, numericTypeOf } from '../../runtime/numbers';
import { dateToJson, datetimeToJson, timeToJson } from '../../runtime/time';
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexEnumValue,
    ApexList,
    ApexMap,
    ApexSet,
    ApexTime,
    SObjectValue,
    type ApexValue,
    type TypeRef
} from '../../runtime/values';
import { ApexObject, type ClassInfo } from '../../interpreter/classes';
import { stringOf } from '../../interpreter/strings';
import { UnsupportedError } from '../../runtime/errors';
import { JsonNumber, type JsonValue } from '../natives/jsonParse';
import { typedFromJson } from '../natives/json';
import type { LocalOrg } from '../org';

/** A parameter as the component sent it (parsed JSON), converted to the parameter's declared type. */
export function fromPlainJson(org: LocalOrg, value: unknown, type: TypeRef, context: ClassInfo): ApexValue {
    return typedFromJson(org, toJsonValue(value), type, context);
}

function toJsonValue(value: unknown): JsonValue {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return new JsonNumber(String(value));
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    if (Array.isArray(value)) return value.map(toJsonValue);
    if (typeof value === 'object') {
        return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonValue(v)]));
    }
    throw new UnsupportedError(`An Apex parameter of JavaScript type ${typeof value}`);
}

function isAuraEnabled(member: { modifiers: { annotations: readonly { key: string }[] } }): boolean {
    return member.modifiers.annotations.some((a) => a.key === 'auraenabled');
}

/** A result as the component receives it. */
export function toAuraJson(org: LocalOrg, value: ApexValue): unknown {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return value;
    if (value instanceof ApexDecimal) return Number(decimalToString(value));
    if (numericTypeOf(value)) return Number(numberToString(value));
    if (value instanceof ApexDate) return dateToJson(value);
    if (value instanceof ApexDatetime) return datetimeToJson(value);
    if (value instanceof ApexTime) return timeToJson(value);
    if (value instanceof ApexBlob) return Buffer.from(value.bytes).toString('base64');
    if (value instanceof ApexEnumValue) return value.name;
    if (value instanceof ApexList) return value.items.map((item) => toAuraJson(org, item));
    if (value instanceof ApexSet) return [...value.values()].map((item) => toAuraJson(org, item));
    if (value instanceof ApexMap) {
        const out: Record<string, unknown> = {};
        for (const [k, v] of value.entries()) out[stringOf(org.interp, k)] = toAuraJson(org, v);
        return out;
    }
    if (value instanceof SObjectValue) {
        const out: Record<string, unknown> = {};
        for (const field of value.fields.values()) out[field.name] = toAuraJson(org, field.value);
        return out;
    }
    if (value instanceof ApexObject && value.cls.decl) {
        const out: Record<string, unknown> = {};
        const chain: ClassInfo[] = [];
        for (let c: ClassInfo | null = value.cls; c && c.decl; c = c.superclass) chain.unshift(c);
        for (const cls of chain) {
            for (const member of cls.memberInits) {
                if (member.kind === 'initializer' || member.isStatic || !isAuraEnabled(member)) continue;
                out[member.name] = toAuraJson(org, value.fields.get(member.key) ?? null);
            }
        }
        return out;
    }
    throw new UnsupportedError(`Returning a ${org.interp.registry.typeNameOf(value)} to a Lightning component`);
}
