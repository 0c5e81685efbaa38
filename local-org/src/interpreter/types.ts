// Apex types at run time: resolving a written type name in the class it appears in, `instanceof`, the
// conversions assignment makes (Integer -> Decimal, String -> Id), casts, and the runtime type name
// messages print. Apex Developer Guide: "Data Types", "Rules of Conversion", "Classes, Objects, and Interfaces".
import type { OrgSchema } from '../data/schemaTypes';
import { raise, UnsupportedError } from '../runtime/errors';
import type { NativeEnum, NativeType } from '../runtime/native';
import { castNumber, convertNumber, numericTypeOf } from '../runtime/numbers';
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
    typeName,
    typeRef,
    type ApexValue,
    type TypeRef
} from '../runtime/values';
import { ApexObject, ClassInfo } from './classes';
import { normalizeId } from './ids';

export type PrimitiveName =
    'Boolean' | 'Integer' | 'Long' | 'Double' | 'Decimal' | 'String' | 'Id' | 'Date' | 'Datetime' | 'Time' | 'Blob';

export type RType =
    | { readonly kind: 'void' }
    | { readonly kind: 'object' }
    | { readonly kind: 'primitive'; readonly name: PrimitiveName }
    | { readonly kind: 'list'; readonly ref: TypeRef }
    | { readonly kind: 'set'; readonly ref: TypeRef }
    | { readonly kind: 'map'; readonly ref: TypeRef }
    /** `name` null for the generic SObject. */
    | { readonly kind: 'sobject'; readonly name: string | null }
    | { readonly kind: 'class'; readonly cls: ClassInfo }
    | { readonly kind: 'native'; readonly native: NativeType }
    | { readonly kind: 'nativeEnum'; readonly nativeEnum: NativeEnum };

const PRIMITIVES = new Map<string, PrimitiveName>(
    (
        ['Boolean', 'Integer', 'Long', 'Double', 'Decimal', 'String', 'Id', 'Date', 'Datetime', 'Time', 'Blob'] as const
    ).map((name) => [name.toLowerCase(), name])
);

const OBJECT: RType = { kind: 'object' };
const VOID: RType = { kind: 'void' };

/** A type name that does not resolve: in an org this is the compile error "Invalid type: X". */
export class ApexCompileError extends UnsupportedError {
    constructor(message: string) {
        super(message);
        this.name = 'ApexCompileError';
    }
}

export class TypeRegistry {
    /** User classes and built-in classes, by lower-cased full name. */
    readonly classes = new Map<string, ClassInfo>();
    readonly natives = new Map<string, NativeType>();
    readonly nativeEnums = new Map<string, NativeEnum>();
    private readonly cache = new WeakMap<TypeRef, Map<ClassInfo | null, RType>>();

    constructor(readonly schema: OrgSchema) {}

    addNative(native: NativeType): void {
        this.natives.set(native.name.toLowerCase(), native);
        this.natives.set(`${native.namespace}.${native.name}`.toLowerCase(), native);
    }

    addNativeEnum(nativeEnum: NativeEnum): void {
        this.nativeEnums.set(nativeEnum.name.toLowerCase(), nativeEnum);
        this.nativeEnums.set(`${nativeEnum.namespace}.${nativeEnum.name}`.toLowerCase(), nativeEnum);
    }

    addClass(cls: ClassInfo, ...aliases: string[]): void {
        this.classes.set(cls.key, cls);
        for (const alias of aliases) this.classes.set(alias.toLowerCase(), cls);
    }

    /** Resolves a written type in the class it is written in; throws ApexCompileError when unknown. */
    resolve(ref: TypeRef, context: ClassInfo | null): RType {
        let byContext = this.cache.get(ref);
        const cached = byContext?.get(context);
        if (cached) return cached;
        const resolved = this.tryResolve(ref.name, context);
        if (!resolved) throw new ApexCompileError(`Invalid type: ${typeName(ref)}${where(context)}`);
        const type: RType =
            resolved.kind === 'list' || resolved.kind === 'set' || resolved.kind === 'map'
                ? { kind: resolved.kind, ref }
                : resolved;
        if (!byContext) {
            byContext = new Map();
            this.cache.set(ref, byContext);
        }
        byContext.set(context, type);
        return type;
    }

    /** Resolves a (possibly dotted) type name, or returns undefined. */
    tryResolve(name: string, context: ClassInfo | null): RType | undefined {
        const key = name.toLowerCase();
        const cls = this.findClass(key, context);
        if (cls) return { kind: 'class', cls };
        const bare = key.startsWith('system.') ? key.slice(7) : key.startsWith('schema.') ? key.slice(7) : key;
        if (bare === 'object') return OBJECT;
        if (bare === 'void') return VOID;
        const primitive = PRIMITIVES.get(bare);
        if (primitive) return { kind: 'primitive', name: primitive };
        if (bare === 'list' || bare === 'set' || bare === 'map') return { kind: bare, ref: typeRef(name) };
        if (bare === 'sobject') return { kind: 'sobject', name: null };
        const object = this.schema.object(bare);
        if (object) return { kind: 'sobject', name: object.name };
        const native = this.natives.get(key) ?? this.natives.get(bare);
        if (native) return { kind: 'native', native };
        const nativeEnum = this.nativeEnums.get(key) ?? this.nativeEnums.get(bare);
        if (nativeEnum) return { kind: 'nativeEnum', nativeEnum };
        return undefined;
    }

    /** A user or built-in class named `key` as seen from `context`: inner classes first, then top level. */
    findClass(key: string, context: ClassInfo | null): ClassInfo | undefined {
        if (!key.includes('.')) {
            for (let scope = context; scope; scope = scope.outer) {
                for (let cls: ClassInfo | null = scope; cls; cls = cls.superclass) {
                    const inner = cls.inner.get(key);
                    if (inner) return inner;
                }
            }
        }
        return this.classes.get(key);
    }

    /** The type of a runtime value, as `instanceof` and getTypeName see it. */
    typeNameOf(value: ApexValue): string {
        return runtimeTypeName(value);
    }

    isInstance(value: ApexValue, type: RType): boolean {
        if (value === null || value === undefined) return false;
        switch (type.kind) {
            case 'object':
                return true;
            case 'void':
                return false;
            case 'primitive':
                return isPrimitiveInstance(value, type.name);
            case 'list':
                return (
                    value instanceof ApexList &&
                    (type.ref.args.length === 0 || this.elementCompatible(value.elementType, type.ref.args[0]))
                );
            case 'set':
                return (
                    value instanceof ApexSet &&
                    (type.ref.args.length === 0 || this.elementCompatible(value.elementType, type.ref.args[0]))
                );
            case 'map':
                return (
                    value instanceof ApexMap &&
                    (type.ref.args.length < 2 ||
                        (this.elementCompatible(value.keyType, type.ref.args[0]) &&
                            this.elementCompatible(value.valueType, type.ref.args[1])))
                );
            case 'sobject':
                return (
                    value instanceof SObjectValue &&
                    (type.name === null || value.objectName.toLowerCase() === type.name.toLowerCase())
                );
            case 'class':
                // A user enum's values are ApexEnumValues named after the enum (`o instanceof Season`).
                if (value instanceof ApexEnumValue) return value.enumName.toLowerCase() === type.cls.key;
                return value instanceof ApexObject && value.cls.isSubclassOf(type.cls);
            case 'native':
                if (type.native.isInstance) return type.native.isInstance(value);
                return value instanceof ApexObject && implementsPlatform(value.cls, type.native);
            case 'nativeEnum':
                return (
                    value instanceof ApexEnumValue &&
                    value.enumName.toLowerCase() === type.nativeEnum.name.toLowerCase()
                );
        }
    }

    /** Whether a collection declared with element type `actual` is one of element type `wanted` (List<Account> is a List<SObject>). */
    private elementCompatible(actual: TypeRef, wanted: TypeRef): boolean {
        const a = actual.name.toLowerCase();
        const w = wanted.name.toLowerCase();
        if (w === 'object' || a === w) return true;
        if (w === 'sobject') return !!this.schema.object(a) || a === 'sobject';
        if (w === 'string' && a === 'id') return true;
        const actualClass = this.classes.get(a);
        const wantedClass = this.classes.get(w);
        return !!actualClass && !!wantedClass && actualClass.isSubclassOf(wantedClass);
    }

    /**
     * The value assignment stores in a variable of `type`: numbers widen, a String becomes an Id (validated),
     * everything else is stored as it is (Apex's compiler has already checked the types).
     */
    coerce(value: ApexValue, type: RType): ApexValue {
        if (value === null || value === undefined) return null;
        if (type.kind === 'sobject' && value instanceof ApexList) return singleRow(value);
        if (type.kind === 'native' && type.native.name === 'AggregateResult' && value instanceof ApexList)
            return singleRow(value);
        if (type.kind !== 'primitive') return value;
        switch (type.name) {
            case 'Integer':
            case 'Long':
            case 'Double':
            case 'Decimal':
                return numericTypeOf(value) ? convertNumber(value, type.name) : value;
            case 'Id':
                return typeof value === 'string' ? normalizeId(value) : value;
            default:
                return value;
        }
    }

    /** An explicit cast `(T) value`: checks the runtime type (TypeException), converting numbers. */
    cast(value: ApexValue, type: RType): ApexValue {
        if (value === null || value === undefined) return null;
        if (type.kind === 'primitive') {
            if (numericTypeOf(value) && isNumericName(type.name)) return castNumber(value, type.name);
            if (type.name === 'Id' && typeof value === 'string') return normalizeId(value);
            if (type.name === 'String' && typeof value === 'string') return value;
        }
        if (this.isInstance(value, type)) return value;
        if (type.kind === 'sobject' && value instanceof SObjectValue) {
            raise(
                'TypeException',
                `Invalid conversion from runtime type ${value.objectName} to ${type.name ?? 'SObject'}`
            );
        }
        return raise(
            'TypeException',
            `Invalid conversion from runtime type ${runtimeTypeName(value)} to ${rtypeName(type)}`
        );
    }
}

/**
 * Whether a user class implements a platform interface (Comparable, Comparator<T>, Queueable...), directly or
 * through a superclass or an interface it extends: `o instanceof Comparable` and `(Comparable) o`.
 */
function implementsPlatform(cls: ClassInfo, native: NativeType): boolean {
    const names = new Set([native.name.toLowerCase(), `${native.namespace}.${native.name}`.toLowerCase()]);
    for (let c: ClassInfo | null = cls; c; c = c.superclass) {
        if (c.decl?.implements.some((i) => names.has(i.name.toLowerCase()))) return true;
        if (c.interfaces.some((i) => implementsPlatform(i, native))) return true;
    }
    return false;
}

/**
 * A query assigned to a single SObject (Apex Developer Guide, "Working with SOQL and SOSL Query Results"): one
 * row, else QueryException "List has no rows for assignment to SObject" / "...more than 1 row...".
 */
function singleRow(list: ApexList): ApexValue {
    if (list.items.length === 0) raise('QueryException', 'List has no rows for assignment to SObject');
    if (list.items.length > 1) raise('QueryException', 'List has more than 1 row for assignment to SObject');
    return list.items[0];
}

function isNumericName(name: PrimitiveName): name is 'Integer' | 'Long' | 'Double' | 'Decimal' {
    return name === 'Integer' || name === 'Long' || name === 'Double' || name === 'Decimal';
}

function where(context: ClassInfo | null): string {
    return context ? ` (in ${context.name}, ${context.file})` : '';
}

const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

function isPrimitiveInstance(value: ApexValue, name: PrimitiveName): boolean {
    switch (name) {
        case 'Boolean':
            return typeof value === 'boolean';
        case 'String':
            return typeof value === 'string';
        case 'Id':
            return typeof value === 'string' && ID_PATTERN.test(value);
        case 'Integer':
            return typeof value === 'number';
        case 'Long':
            return value instanceof ApexLong;
        case 'Double':
            return value instanceof ApexDouble;
        case 'Decimal':
            return value instanceof ApexDecimal;
        case 'Date':
            return value instanceof ApexDate;
        case 'Datetime':
            return value instanceof ApexDatetime;
        case 'Time':
            return value instanceof ApexTime;
        case 'Blob':
            return value instanceof ApexBlob;
    }
}

export function rtypeName(type: RType): string {
    switch (type.kind) {
        case 'void':
            return 'void';
        case 'object':
            return 'Object';
        case 'primitive':
            return type.name;
        case 'list':
        case 'set':
        case 'map':
            return typeName(type.ref);
        case 'sobject':
            return type.name ?? 'SObject';
        case 'class':
            return type.cls.displayName;
        case 'native':
            return type.native.name;
        case 'nativeEnum':
            return type.nativeEnum.name;
    }
}

/** The name of a value's runtime type, as Apex prints it in conversion errors. */
export function runtimeTypeName(value: ApexValue): string {
    if (value === null || value === undefined) return 'null';
    switch (typeof value) {
        case 'string':
            return 'String';
        case 'number':
            return 'Integer';
        case 'boolean':
            return 'Boolean';
        default:
            break;
    }
    const numeric = numericTypeOf(value);
    if (numeric) return numeric;
    if (value instanceof ApexDate) return 'Date';
    if (value instanceof ApexDatetime) return 'Datetime';
    if (value instanceof ApexTime) return 'Time';
    if (value instanceof ApexBlob) return 'Blob';
    if (value instanceof ApexList) return `List<${typeName(value.elementType)}>`;
    if (value instanceof ApexSet) return `Set<${typeName(value.elementType)}>`;
    if (value instanceof ApexMap) return `Map<${typeName(value.keyType)},${typeName(value.valueType)}>`;
    if (value instanceof SObjectValue) return value.objectName;
    if (value instanceof ApexObject) return value.cls.displayName;
    if (value instanceof ApexEnumValue) return value.enumName;
    const named = value as { apexTypeName?: string };
    return named.apexTypeName ?? 'Object';
}
