// JSON (Apex Reference, "JSON Class"): serialize Apex values (objects by their non-static, non-transient
// fields and properties in declaration order; SObjects with their "attributes"; Dates and Datetimes in ISO
// form), deserialize into a given type (lenient, or strict about unknown fields), and deserializeUntyped into
// Map<String, Object> / List<Object>, keeping numbers exact (integers as Integer or Long, others as Decimal).
import { ApexPlatformError, UnsupportedError } from '../../runtime/errors';
import { method, type NativeType } from '../../runtime/native';
import { decimalToString, numberToString, numericTypeOf, parseDecimal } from '../../runtime/numbers';
import {
    dateToJson,
    datetimeToJson,
    parseJsonDate,
    parseJsonDatetime,
    parseJsonTime,
    timeToJson
} from '../../runtime/time';
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexEnumValue,
    ApexList,
    ApexLong,
    ApexMap,
    ApexSet,
    ApexTime,
    SObjectValue,
    T,
    typeRef,
    type ApexValue,
    type TypeRef
} from '../../runtime/values';
import { ApexObject, type ClassInfo } from '../../interpreter/classes';
import { normalizeId } from '../../interpreter/ids';
import type { Interpreter } from '../../interpreter/interpreter';
import { stringOf } from '../../interpreter/strings';
import type { ApexTypeValue } from '../../interpreter/typeValues';
import type { LocalOrg } from '../org';
import { parseJson, type JsonValue, JsonNumber } from './jsonParse';
import { set } from './builtinClass';
import { coerceFieldValue } from '../../interpreter/sobjects';

const any = (call: (args: ApexValue[]) => ApexValue) => [method(null, 'Object', (args) => call(args))];

function jsonError(message: string): never {
    throw new ApexPlatformError('JSONException', message);
}

export function jsonNative(org: LocalOrg): NativeType {
    const interp = org.interp;
    const serialize = (value: ApexValue, suppressNulls: boolean, pretty: boolean): string =>
        write(toJson(org, value, suppressNulls, new Set()), pretty, 0);
    return {
        name: 'JSON',
        namespace: 'System',
        staticMethods: {
            serialize: any((args) => serialize(args[0], args[1] === true, false)),
            serializePretty: any((args) => serialize(args[0], args[1] === true, true)),
            deserializeUntyped: any((args) => untyped(parseText(args[0]))),
            deserialize: any((args) =>
                typed(
                    org,
                    parseText(args[0]),
                    (args[1] as ApexTypeValue).ref,
                    (args[1] as ApexTypeValue).context,
                    false
                )
            ),
            deserializeStrict: any((args) =>
                typed(org, parseText(args[0]), (args[1] as ApexTypeValue).ref, (args[1] as ApexTypeValue).context, true)
            ),
            createParser: any(() => unsupported('JSON.createParser (JSONParser)')),
            createGenerator: any(() => unsupported('JSON.createGenerator (JSONGenerator)'))
        }
    };
    function parseText(text: ApexValue): JsonValue {
        if (text === null || text === undefined)
            throw new ApexPlatformError('NullPointerException', 'Argument cannot be null.');
        return parseJson(String(text));
    }
    void interp;
}

function unsupported(what: string): never {
    throw new UnsupportedError(`Not supported by the local org: ${what}`);
}

/**
 * What serialize builds before writing it: objects as Maps, so keys keep their order even when they look like
 * numbers (a JavaScript object would put '10' before 'a'), and numbers as their text, so Decimals and Longs keep
 * every digit.
 */
type Plain = null | boolean | string | JsonNumber | Plain[] | Map<string, Plain>;

function num(text: string): JsonNumber {
    return new JsonNumber(text);
}

/**
 * Writes JSON compactly, or as serializePretty does: the platform's pretty printer (Jackson's default) puts
 * each object entry on its own line, indented by two spaces, as `"key" : value`, and keeps an array on one
 * line as `[ 1, 2, 3 ]` (Apex Developer Guide, "JSON Generator" sample: `"abc" : 1.21`, `"aaa" : [ 1, 2, 3 ]`).
 */
function write(value: Plain, pretty: boolean, depth: number): string {
    if (value instanceof JsonNumber) return value.text;
    if (Array.isArray(value)) {
        if (!pretty) return `[${value.map((v) => write(v, false, depth)).join(',')}]`;
        return value.length === 0 ? '[ ]' : `[ ${value.map((v) => write(v, true, depth)).join(', ')} ]`;
    }
    if (value instanceof Map) {
        const entries = [...value].map(([k, v]) => [JSON.stringify(k), write(v, pretty, depth + 1)]);
        if (!pretty) return `{${entries.map(([k, v]) => `${k}:${v}`).join(',')}}`;
        if (entries.length === 0) return '{ }';
        const indent = `\n${'  '.repeat(depth + 1)}`;
        return `{${entries.map(([k, v]) => `${indent}${k} : ${v}`).join(',')}\n${'  '.repeat(depth)}}`;
    }
    return JSON.stringify(value);
}

function toJson(org: LocalOrg, value: ApexValue, suppressNulls: boolean, seen: Set<object>): Plain {
    const interp = org.interp;
    if (value === null || value === undefined) return null;
    if (typeof value === 'string' || typeof value === 'boolean') return value;
    if (typeof value === 'number') return num(String(value));
    if (value instanceof ApexDecimal) return num(decimalToString(value));
    if (numericTypeOf(value)) return num(numberToString(value));
    if (value instanceof ApexDate) return dateToJson(value);
    if (value instanceof ApexDatetime) return datetimeToJson(value);
    if (value instanceof ApexTime) return timeToJson(value);
    if (value instanceof ApexBlob) return Buffer.from(value.bytes).toString('base64');
    if (value instanceof ApexEnumValue) return value.name;
    if (typeof value === 'object') {
        if (seen.has(value)) jsonError('Loop detected while serializing the object');
        seen.add(value);
    }
    try {
        if (value instanceof ApexList) return value.items.map((item) => toJson(org, item, suppressNulls, seen));
        if (value instanceof ApexSet) return [...value.values()].map((item) => toJson(org, item, suppressNulls, seen));
        if (value instanceof ApexMap) {
            const out = new Map<string, Plain>();
            for (const [k, v] of value.entries()) {
                if (suppressNulls && (v === null || v === undefined)) continue;
                out.set(stringOf(interp, k), toJson(org, v, suppressNulls, seen));
            }
            return out;
        }
        if (value instanceof SObjectValue) return sobjectJson(org, value, suppressNulls, seen);
        if (value instanceof ApexObject) {
            if (value.cls.decl === null) return builtinJson(value, org, suppressNulls, seen);
            const out = new Map<string, Plain>();
            for (const [key, field] of serializableFields(value.cls)) {
                const v = value.fields.get(key) ?? null;
                if (suppressNulls && v === null) continue;
                out.set(field, toJson(org, v, suppressNulls, seen));
            }
            return out;
        }
    } finally {
        if (typeof value === 'object') seen.delete(value);
    }
    return unsupported(`JSON.serialize of ${interp.registry.typeNameOf(value)}`);
}

/** Instance fields and properties, superclass first, in declaration order; transient ones are skipped. */
function serializableFields(cls: ClassInfo): [string, string][] {
    const chain: ClassInfo[] = [];
    for (let c: ClassInfo | null = cls; c && c.decl; c = c.superclass) chain.unshift(c);
    const fields: [string, string][] = [];
    for (const c of chain) {
        for (const member of c.memberInits) {
            if (member.kind === 'initializer' || member.isStatic || member.modifiers.keywords.has('transient'))
                continue;
            fields.push([member.key, member.name]);
        }
    }
    return fields;
}

function sobjectJson(org: LocalOrg, record: SObjectValue, suppressNulls: boolean, seen: Set<object>): Plain {
    const id = record.get('Id');
    const version = org.project.sourceApiVersion ?? '65.0';
    const attributes = new Map<string, Plain>([['type', record.objectName]]);
    if (typeof id === 'string') attributes.set('url', `/services/data/v${version}/sobjects/${record.objectName}/${id}`);
    const out = new Map<string, Plain>([['attributes', attributes]]);
    for (const field of record.fields.values()) {
        const v = field.value;
        if (v instanceof ApexList) {
            out.set(
                field.name,
                new Map<string, Plain>([
                    ['totalSize', num(String(v.items.length))],
                    ['done', true],
                    ['records', v.items.map((r) => toJson(org, r, suppressNulls, seen))]
                ])
            );
        } else {
            out.set(field.name, toJson(org, v, suppressNulls, seen));
        }
    }
    return out;
}

/** Database.SaveResult and friends serialize as the platform writes them: id, success, errors. */
function builtinJson(value: ApexObject, org: LocalOrg, suppressNulls: boolean, seen: Set<object>): Plain {
    const json = (key: string) => toJson(org, value.fields.get(key) ?? null, suppressNulls, seen);
    if (value.fields.has('$success')) {
        return new Map<string, Plain>([
            ['id', json('$id')],
            ['success', value.fields.get('$success') === true],
            ['errors', json('$errors')]
        ]);
    }
    if (value.fields.has('$statuscode') || value.fields.has('$message')) {
        return new Map<string, Plain>([
            ['statusCode', json('$statusCode')],
            ['message', json('$message')],
            ['fields', json('$fields')]
        ]);
    }
    return unsupported(`JSON.serialize of ${value.cls.name}`);
}

// ---------------------------------------------------------------------------------------------------------

/** deserializeUntyped: objects as Map<String, Object>, arrays as List<Object>, exact numbers. */
export function untyped(value: JsonValue): ApexValue {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
    if (value instanceof JsonNumber) return numberOf(value.text);
    if (Array.isArray(value)) return new ApexList(T.Object, value.map(untyped));
    const map = new ApexMap(T.String, T.Object);
    for (const [k, v] of value) map.set(k, untyped(v));
    return map;
}

function numberOf(text: string): ApexValue {
    if (/^-?\d+$/.test(text)) {
        const big = BigInt(text);
        if (big >= -2147483648n && big <= 2147483647n) return Number(big);
        if (big >= -(2n ** 63n) && big < 2n ** 63n) return new ApexLong(big);
    }
    return parseDecimal(text);
}

/** JSON already parsed, converted to a declared type as JSON.deserialize does (lenient about unknown fields). */
export function typedFromJson(org: LocalOrg, value: JsonValue, ref: TypeRef, context: ClassInfo | null): ApexValue {
    return typed(org, value, ref, context, false);
}

function typed(org: LocalOrg, value: JsonValue, ref: TypeRef, context: ClassInfo | null, strict: boolean): ApexValue {
    const interp = org.interp;
    if (value === null) return null;
    const type = interp.resolveType(ref, context);
    const mismatch = (): never => jsonError(`Cannot deserialize instance of ${ref.name} from ${describe(value)} value`);
    switch (type.kind) {
        case 'object':
            return untyped(value);
        case 'primitive':
            return primitive(type.name, value, mismatch);
        case 'list':
        case 'set': {
            if (!Array.isArray(value)) return mismatch();
            const element = ref.args[0] ?? T.Object;
            const items = value.map((v) => typed(org, v, element, context, strict));
            return type.kind === 'list' ? new ApexList(element, items) : new ApexSet(element, items);
        }
        case 'map': {
            if (!(value instanceof Map)) return mismatch();
            const [keyType, valueType] = [ref.args[0] ?? T.String, ref.args[1] ?? T.Object];
            const map = new ApexMap(keyType, valueType);
            for (const [k, v] of value)
                map.set(typed(org, k, keyType, context, strict), typed(org, v, valueType, context, strict));
            return map;
        }
        case 'sobject':
            if (!(value instanceof Map)) return mismatch();
            return sobjectFrom(org, value, type.name, strict);
        case 'class':
            if (type.cls.kind === 'enum') {
                if (typeof value !== 'string') return mismatch();
                return type.cls.enumValue(value) ?? null;
            }
            if (!(value instanceof Map)) return mismatch();
            return objectFrom(org, value, type.cls, strict);
        case 'nativeEnum': {
            if (typeof value !== 'string') return mismatch();
            const index = type.nativeEnum.values.findIndex((v) => v.toLowerCase() === value.toLowerCase());
            return index < 0
                ? null
                : (interp.host.staticProperty(
                      interp,
                      type,
                      type.nativeEnum.values[index],
                      interp.currentFrame!
                  ) as ApexValue);
        }
        default:
            return unsupported(`JSON.deserialize into ${ref.name}`);
    }
}

function describe(value: JsonValue): string {
    if (Array.isArray(value)) return 'START_ARRAY';
    if (value instanceof Map) return 'START_OBJECT';
    if (value instanceof JsonNumber) return 'VALUE_NUMBER';
    if (typeof value === 'string') return 'VALUE_STRING';
    return 'VALUE_TRUE';
}

function primitive(name: string, value: JsonValue, mismatch: () => never): ApexValue {
    const text = value instanceof JsonNumber ? value.text : typeof value === 'string' ? value : null;
    switch (name) {
        case 'String':
            return typeof value === 'string'
                ? value
                : value instanceof JsonNumber
                  ? value.text
                  : typeof value === 'boolean'
                    ? String(value)
                    : mismatch();
        case 'Id':
            return typeof value === 'string' ? normalizeId(value) : mismatch();
        case 'Boolean':
            return typeof value === 'boolean'
                ? value
                : typeof value === 'string'
                  ? value.toLowerCase() === 'true'
                  : mismatch();
        case 'Integer':
        case 'Long':
        case 'Decimal':
        case 'Double': {
            if (text === null || !/^-?\d*\.?\d+(?:[eE][+-]?\d+)?$/.test(text)) return mismatch();
            const decimal = parseDecimal(text);
            if (name === 'Decimal') return decimal;
            const converted = numberOf(text);
            if (name === 'Integer') return typeof converted === 'number' ? converted : mismatch();
            if (name === 'Long')
                return typeof converted === 'number'
                    ? new ApexLong(BigInt(converted))
                    : converted instanceof ApexLong
                      ? converted
                      : mismatch();
            return new ApexDouble(Number(text));
        }
        case 'Date':
            return typeof value === 'string' ? parseJsonDate(value) : mismatch();
        case 'Datetime':
            return typeof value === 'string' ? parseJsonDatetime(value) : mismatch();
        case 'Time':
            return typeof value === 'string' ? parseJsonTime(value) : mismatch();
        case 'Blob':
            return typeof value === 'string' ? new ApexBlob(new Uint8Array(Buffer.from(value, 'base64'))) : mismatch();
        default:
            return mismatch();
    }
}

function sobjectFrom(
    org: LocalOrg,
    value: Map<string, JsonValue>,
    objectName: string | null,
    strict: boolean
): SObjectValue {
    const attributes = value.get('attributes');
    const name =
        objectName ??
        (attributes instanceof Map && typeof attributes.get('type') === 'string'
            ? (attributes.get('type') as string)
            : null);
    if (!name) jsonError('Cannot deserialize an SObject without its type');
    const record = new SObjectValue(name, false);
    for (const [key, v] of value) {
        if (key === 'attributes') continue;
        const field = org.schema.field(name, key);
        if (field) {
            const raw =
                field.type === 'reference' || field.type === 'id'
                    ? typeof v === 'string'
                        ? v
                        : null
                    : primitiveFor(org, field.type, v);
            record.set(field.name, coerceFieldValue(org.interp, record, field, raw));
            continue;
        }
        const parent = org.schema.parentRelationship(name, key);
        if (parent && v instanceof Map) {
            record.set(parent.relationshipName ?? key, sobjectFrom(org, v, parent.referenceTo?.[0] ?? null, strict));
            continue;
        }
        const children = org.schema.childRelationship(name, key);
        if (children && v instanceof Map && Array.isArray(v.get('records'))) {
            const rows = (v.get('records') as JsonValue[]).map((r) =>
                sobjectFrom(org, r as Map<string, JsonValue>, children.childObject, strict)
            );
            record.set(children.relationshipName, new ApexList(typeRef(children.childObject), rows));
            continue;
        }
        jsonError(`No such column '${key}' on sobject of type ${name}`);
    }
    return record;
}

function primitiveFor(org: LocalOrg, fieldType: string, value: JsonValue): ApexValue {
    const map: Record<string, string> = {
        boolean: 'Boolean',
        integer: 'Integer',
        long: 'Long',
        double: 'Decimal',
        currency: 'Decimal',
        percent: 'Decimal',
        date: 'Date',
        datetime: 'Datetime',
        time: 'Time',
        base64: 'Blob'
    };
    void org;
    if (value === null) return null;
    return primitive(map[fieldType] ?? 'String', value, () =>
        jsonError(`Cannot deserialize ${describe(value)} into a ${fieldType} field`)
    );
}

function objectFrom(org: LocalOrg, value: Map<string, JsonValue>, cls: ClassInfo, strict: boolean): ApexObject {
    const interp: Interpreter = org.interp;
    if (!cls.decl) return builtinFrom(org, value, cls);
    if (cls.isAbstract) jsonError(`Cannot deserialize into the abstract type ${cls.name}`);
    // JSON.deserialize creates the object without running its constructor.
    const obj = new ApexObject(cls);
    for (let c: ClassInfo | null = cls; c; c = c.superclass)
        for (const f of c.fields.values()) if (!f.isStatic) obj.fields.set(f.key, null);
    for (const [key, v] of value) {
        const field = cls.findField(key.toLowerCase());
        if (!field || field.isStatic) {
            if (strict) jsonError(`Unknown field: ${cls.name}.${key}`);
            continue;
        }
        obj.fields.set(
            field.key,
            interp.registry.coerce(
                typed(org, v, field.type, field.owner, strict),
                interp.resolveType(field.type, field.owner)
            )
        );
    }
    return obj;
}

/** Database.SaveResult / Database.Error from their JSON form (the platform's own field names). */
function builtinFrom(org: LocalOrg, value: Map<string, JsonValue>, cls: ClassInfo): ApexObject {
    const obj = org.interp.instantiate(cls, [], 0);
    if (cls === org.platform.error) {
        set(obj, '$statusCode', value.get('statusCode') ?? null);
        set(obj, '$message', value.get('message') ?? null);
        const fields = value.get('fields');
        set(obj, '$fields', new ApexList(T.String, Array.isArray(fields) ? fields.map(String) : []));
        return obj;
    }
    if (
        [
            org.platform.saveResult,
            org.platform.upsertResult,
            org.platform.deleteResult,
            org.platform.undeleteResult
        ].includes(cls)
    ) {
        const id = value.get('id');
        set(obj, '$id', typeof id === 'string' ? normalizeId(id) : null);
        set(obj, '$success', value.get('success') === true);
        const errors = value.get('errors');
        set(
            obj,
            '$errors',
            new ApexList(
                typeRef('Database.Error'),
                Array.isArray(errors)
                    ? errors.map((e) => builtinFrom(org, e as Map<string, JsonValue>, org.platform.error))
                    : []
            )
        );
        return obj;
    }
    return unsupported(`JSON.deserialize into ${cls.name}`);
}
