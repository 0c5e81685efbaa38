// How Apex values are represented while Apex runs here. Every module of the runtime (interpreter, native
// members, SOQL, DML, JSON) uses these and nothing else:
//
//   Apex type        JavaScript value
//   null             null
//   Boolean          boolean
//   Integer          number (always an integer in the 32-bit range)
//   Long             ApexLong       (bigint in the 64-bit range)
//   Double           ApexDouble     (a JS number, boxed so it is never mistaken for an Integer)
//   Decimal          ApexDecimal    (unscaled bigint and scale, like java.math.BigDecimal)
//   String, Id       string         (an Id is always held in its 18-character form)
//   Date             ApexDate       (days since 1970-01-01)
//   Datetime         ApexDatetime   (milliseconds since the epoch, UTC)
//   Time             ApexTime       (milliseconds since midnight)
//   Blob             ApexBlob       (bytes)
//   List, Set, Map   ApexList, ApexSet, ApexMap (an array, `String[]`, is a List)
//   SObject          SObjectValue
//   anything else    an instance the interpreter or a native type owns (ApexObject, NativeObject, enum values)
//
// The runtime type of every number is therefore known from its value, which is what Apex's arithmetic
// promotion (Integer -> Long -> Decimal/Double), `instanceof` and String.valueOf need.

export type ApexValue = unknown;

/** A reference to an Apex type: `Map<String, List<Id>>` is {name: 'Map', args: [String, {List, [Id]}]}. */
export interface TypeRef {
    /** Canonical name: 'String', 'List', 'Account', 'Relay_Interaction__c', 'RelayFoo', 'RelayFoo.Inner', 'HttpRequest'. */
    readonly name: string;
    readonly args: readonly TypeRef[];
}

export function typeRef(name: string, ...args: TypeRef[]): TypeRef {
    return { name, args };
}

/** Common type references, for native members that build collections. */
export const T = {
    Object: typeRef('Object'),
    String: typeRef('String'),
    Id: typeRef('Id'),
    Integer: typeRef('Integer'),
    Long: typeRef('Long'),
    Double: typeRef('Double'),
    Decimal: typeRef('Decimal'),
    Boolean: typeRef('Boolean'),
    Date: typeRef('Date'),
    Datetime: typeRef('Datetime'),
    Time: typeRef('Time'),
    Blob: typeRef('Blob'),
    SObject: typeRef('SObject'),
    list: (element: TypeRef): TypeRef => typeRef('List', element),
    set: (element: TypeRef): TypeRef => typeRef('Set', element),
    map: (key: TypeRef, value: TypeRef): TypeRef => typeRef('Map', key, value)
};

export function typeName(type: TypeRef): string {
    return type.args.length === 0 ? type.name : `${type.name}<${type.args.map(typeName).join(', ')}>`;
}

export class ApexLong {
    constructor(readonly value: bigint) {}
}

export class ApexDouble {
    constructor(readonly value: number) {}
}

/** value = unscaled × 10^-scale, as in java.math.BigDecimal (whose semantics Apex's Decimal follows). */
export class ApexDecimal {
    constructor(
        readonly unscaled: bigint,
        readonly scale: number
    ) {}
}

export class ApexDate {
    /** Days since 1970-01-01 (negative before it). */
    constructor(readonly epochDay: number) {}
}

export class ApexDatetime {
    /** Milliseconds since 1970-01-01T00:00:00Z. */
    constructor(readonly epochMs: number) {}
}

export class ApexTime {
    /** Milliseconds since midnight, 0 to 86,399,999. */
    constructor(readonly msOfDay: number) {}
}

export class ApexBlob {
    constructor(readonly bytes: Uint8Array) {}
}

/**
 * An SObject. Field values are held by lower-cased API name (a relationship by its lower-cased relationship
 * name, holding an SObjectValue or null; a child relationship of a subquery holds an ApexList).
 * `fromQuery` marks a record built by SOQL: reading a field it does not hold throws SObjectException
 * ("SObject row was retrieved via SOQL without querying the requested field"), as in an org. A record built
 * with `new` reads an absent field as null.
 */
export class SObjectValue {
    readonly fields = new Map<string, { name: string; value: ApexValue }>();
    /** Trigger.new in an after trigger, and Trigger.old: changing a field is FinalException "Record is read-only". */
    readOnly = false;
    constructor(
        /** Canonical API name of the object, e.g. 'Relay_Interaction__c', or 'AggregateResult'. */
        readonly objectName: string,
        public fromQuery = false
    ) {}

    has(field: string): boolean {
        return this.fields.has(field.toLowerCase());
    }

    get(field: string): ApexValue {
        return this.fields.get(field.toLowerCase())?.value ?? null;
    }

    /** Sets a field; `name` is kept as written for serialisation (use the canonical API name). */
    set(name: string, value: ApexValue): void {
        this.fields.set(name.toLowerCase(), { name, value });
    }

    delete(field: string): void {
        this.fields.delete(field.toLowerCase());
    }
}

// ---------------------------------------------------------------------------------------------------------
// Equality and hashing, as Apex collections use them (Apex Developer Guide, "Using Custom Types in Map Keys and
// Sets"; "Expression Operators" for ==). Strings are case-sensitive as keys; SObjects compare by field values;
// lists element by element; a user-defined type by its equals/hashCode when it declares them, otherwise by
// identity. The interpreter installs the hooks for user-defined types.

export interface EqualityHooks {
    /** The hashCode() of an object that declares one, else undefined (identity). */
    hashCode(value: object): number | undefined;
    /** equals() of an object that declares one; called only for objects whose hashCode() was defined. */
    equals(a: object, b: object): boolean;
}

let hooks: EqualityHooks = { hashCode: () => undefined, equals: (a, b) => a === b };

export function setEqualityHooks(next: EqualityHooks): void {
    hooks = next;
}

function decimalKey(d: ApexDecimal): string {
    // 1.0 and 1.00 are the same key: strip trailing zeros of the unscaled value.
    let unscaled = d.unscaled;
    let scale = d.scale;
    while (unscaled !== 0n && unscaled % 10n === 0n) {
        unscaled /= 10n;
        scale -= 1;
    }
    return `${unscaled}e${unscaled === 0n ? 0 : -scale}`;
}

/** A key that is equal for equal Apex values: a string for values compared by content, else the object. */
export function keyOf(value: ApexValue): unknown {
    if (value === null || value === undefined) return 'null';
    switch (typeof value) {
        case 'string':
            return `s:${value}`;
        case 'number':
            return `n:${value}`;
        case 'boolean':
            return value ? 'true' : 'false';
        default:
            break;
    }
    if (value instanceof ApexLong) return `n:${value.value}`;
    if (value instanceof ApexDouble) return `f:${value.value}`;
    if (value instanceof ApexDecimal) return `d:${decimalKey(value)}`;
    if (value instanceof ApexDate) return `D:${value.epochDay}`;
    if (value instanceof ApexDatetime) return `T:${value.epochMs}`;
    if (value instanceof ApexTime) return `t:${value.msOfDay}`;
    if (value instanceof ApexBlob) return `b:${Buffer.from(value.bytes).toString('base64')}`;
    if (value instanceof SObjectValue) {
        const parts = [...value.fields.entries()]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([name, field]) => `${name}=${String(keyText(keyOf(field.value)))}`);
        return `o:${value.objectName.toLowerCase()}{${parts.join(',')}}`;
    }
    if (value instanceof ApexList) return `l[${value.items.map((item) => String(keyText(keyOf(item)))).join(',')}]`;
    if (value instanceof ApexSet) {
        return `S{${[...value.values()].map((item) => String(keyText(keyOf(item)))).join(',')}}`;
    }
    if (value instanceof ApexMap) {
        return `M{${[...value.entries()].map(([k, v]) => `${String(keyText(keyOf(k)))}:${String(keyText(keyOf(v)))}`).join(',')}}`;
    }
    const hash = hooks.hashCode(value as object);
    return hash === undefined ? value : `h:${hash}`;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 1;
function keyText(key: unknown): string {
    if (typeof key === 'string') return key;
    const object = key as object;
    let id = identities.get(object);
    if (id === undefined) {
        id = nextIdentity++;
        identities.set(object, id);
    }
    return `#${id}`;
}

function sameKey(a: ApexValue, b: ApexValue): boolean {
    const keyA = keyOf(a);
    if (typeof keyA === 'string' && keyA.startsWith('h:')) return hooks.equals(a as object, b as object);
    return true;
}

type Bucket = Array<[ApexValue, ApexValue]>;

/**
 * Map<K, V>. Iterates in insertion order, as Apex maps and sets do. `ignoreCase` makes String keys
 * case-insensitive, as in the maps the platform's describe methods return (Apex Developer Guide, "Accessing
 * All sObjects": Schema.getGlobalDescribe() and fields.getMap() keys are case-insensitive).
 */
export class ApexMap {
    private readonly buckets = new Map<unknown, Bucket>();
    private count = 0;

    constructor(
        readonly keyType: TypeRef,
        readonly valueType: TypeRef,
        readonly ignoreCase = false
    ) {}

    get size(): number {
        return this.count;
    }

    private find(key: ApexValue): { bucket: Bucket | undefined; index: number; k: unknown } {
        const k = keyOf(this.ignoreCase && typeof key === 'string' ? key.toLowerCase() : key);
        const bucket = this.buckets.get(k);
        if (!bucket) return { bucket, index: -1, k };
        const index = bucket.findIndex(([existing]) => sameKey(existing, key));
        return { bucket, index, k };
    }

    has(key: ApexValue): boolean {
        return this.find(key).index >= 0;
    }

    get(key: ApexValue): ApexValue {
        const { bucket, index } = this.find(key);
        return bucket && index >= 0 ? bucket[index][1] : null;
    }

    /** Puts a value; returns the value it replaced, or null. */
    set(key: ApexValue, value: ApexValue): ApexValue {
        const { bucket, index, k } = this.find(key);
        if (bucket && index >= 0) {
            const previous = bucket[index][1];
            bucket[index][1] = value;
            return previous;
        }
        if (bucket) bucket.push([key, value]);
        else this.buckets.set(k, [[key, value]]);
        this.count++;
        return null;
    }

    /** Removes a key; returns its value, or null. */
    delete(key: ApexValue): ApexValue {
        const { bucket, index, k } = this.find(key);
        if (!bucket || index < 0) return null;
        const [, previous] = bucket.splice(index, 1)[0];
        if (bucket.length === 0) this.buckets.delete(k);
        this.count--;
        return previous;
    }

    clear(): void {
        this.buckets.clear();
        this.count = 0;
    }

    *entries(): IterableIterator<[ApexValue, ApexValue]> {
        for (const bucket of this.buckets.values()) for (const entry of bucket) yield [entry[0], entry[1]];
    }

    *keys(): IterableIterator<ApexValue> {
        for (const [key] of this.entries()) yield key;
    }

    *values(): IterableIterator<ApexValue> {
        for (const [, value] of this.entries()) yield value;
    }
}

/** Set<T>. Iterates in insertion order. */
export class ApexSet {
    private readonly map: ApexMap;

    constructor(
        readonly elementType: TypeRef,
        items: Iterable<ApexValue> = []
    ) {
        this.map = new ApexMap(elementType, T.Boolean);
        for (const item of items) this.add(item);
    }

    get size(): number {
        return this.map.size;
    }

    has(value: ApexValue): boolean {
        return this.map.has(value);
    }

    /** Adds a value; true when it was not there before. */
    add(value: ApexValue): boolean {
        if (this.map.has(value)) return false;
        this.map.set(value, true);
        return true;
    }

    /** Removes a value; true when it was there. */
    delete(value: ApexValue): boolean {
        if (!this.map.has(value)) return false;
        this.map.delete(value);
        return true;
    }

    clear(): void {
        this.map.clear();
    }

    values(): IterableIterator<ApexValue> {
        return this.map.keys();
    }
}

/** List<T>, and arrays T[]. */
export class ApexList {
    constructor(
        readonly elementType: TypeRef,
        public items: ApexValue[] = []
    ) {}
}

/**
 * A value of an enum: a user-defined one or one of the platform's (System.RoundingMode, System.AccessLevel...).
 * Each value exists once, so enum values compare by identity (see `enumValue`).
 */
export class ApexEnumValue {
    constructor(
        /** Canonical name of the enum type, e.g. 'RoundingMode', 'RelayFoo.State'. */
        readonly enumName: string,
        /** The value's name as declared, e.g. 'HALF_UP'. */
        readonly name: string,
        readonly ordinal: number
    ) {}
}

const enumValues = new Map<string, ApexEnumValue>();

/** The one ApexEnumValue of `enumName.name`; `ordinal` is used the first time it is asked for. */
export function enumValue(enumName: string, name: string, ordinal: number): ApexEnumValue {
    const key = `${enumName.toLowerCase()}.${name.toLowerCase()}`;
    let value = enumValues.get(key);
    if (!value) {
        value = new ApexEnumValue(enumName, name, ordinal);
        enumValues.set(key, value);
    }
    return value;
}
