// Apex's == and comparison operators (Apex Developer Guide, "Expression Operators"): == compares values,
// not references, for primitives, SObjects and collections; Strings compare case-insensitively; a user
// type uses its equals() when it declares one. A comparison never yields null: with a null number, Date or
// Datetime operand it is false, and a non-null String is greater than null.
import { UnsupportedError } from '../runtime/errors';
import { compareNumbers, numbersEqual, numericTypeOf } from '../runtime/numbers';
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexEnumValue,
    ApexList,
    ApexMap,
    ApexSet,
    ApexTime,
    SObjectValue,
    keyOf,
    setEqualityHooks,
    type ApexValue
} from '../runtime/values';
import { ApexObject } from './classes';
import { isIdForm, sameId } from './ids';
import type { Interpreter } from './interpreter';

let active: Interpreter | null = null;

/** Lets Map and Set keys use the equals/hashCode of user classes, through the running interpreter. */
export function installEqualityHooks(interp: Interpreter): void {
    active = interp;
    setEqualityHooks({
        hashCode: (value) => {
            if (!(value instanceof ApexObject) || !active) return undefined;
            const method = active.selectOverload(value.cls.methodsNamed('hashcode'), []);
            return method && !method.builtin ? (active.invoke(method, value, [], 0) as number) : undefined;
        },
        equals: (a, b) => (active ? apexEquals(active, a, b) : a === b)
    });
}

export function referenceEquals(a: ApexValue, b: ApexValue): boolean {
    if (a === null || a === undefined) return b === null || b === undefined;
    if (typeof a !== 'object') return apexEqualsPrimitive(a, b);
    return a === b;
}

function apexEqualsPrimitive(a: ApexValue, b: ApexValue): boolean {
    if (typeof a === 'string' && typeof b === 'string') return stringsEqual(a, b);
    return a === b;
}

function stringsEqual(a: string, b: string): boolean {
    if (a.length !== b.length && isIdForm(a) && isIdForm(b)) return sameId(a, b);
    return a === b || a.toLowerCase() === b.toLowerCase();
}

export function apexEquals(interp: Interpreter, a: ApexValue, b: ApexValue, caseSensitive = false): boolean {
    if (a === null || a === undefined) return b === null || b === undefined;
    if (b === null || b === undefined) return false;
    if (typeof a === 'string') return typeof b === 'string' && (caseSensitive ? a === b : stringsEqual(a, b));
    if (typeof a === 'boolean') return a === b;
    if (numericTypeOf(a)) return !!numericTypeOf(b) && numbersEqual(a, b);
    if (a instanceof ApexObject) {
        const method = interp.selectOverload(a.cls.methodsNamed('equals'), [b]);
        if (method && !method.builtin) return interp.invoke(method, a, [b], 0) === true;
        return a === b;
    }
    if (a instanceof ApexList) {
        if (!(b instanceof ApexList) || a.items.length !== b.items.length) return false;
        return a.items.every((item, i) => apexEquals(interp, item, b.items[i], caseSensitive));
    }
    if (a instanceof ApexSet) {
        if (!(b instanceof ApexSet) || a.size !== b.size) return false;
        for (const item of a.values()) if (!b.has(item)) return false;
        return true;
    }
    if (a instanceof ApexMap) {
        if (!(b instanceof ApexMap) || a.size !== b.size) return false;
        for (const [k, v] of a.entries())
            if (!b.has(k) || !apexEquals(interp, v, b.get(k), caseSensitive)) return false;
        return true;
    }
    if (a instanceof SObjectValue) {
        if (!(b instanceof SObjectValue) || a.objectName.toLowerCase() !== b.objectName.toLowerCase()) return false;
        return keyOf(a) === keyOf(b);
    }
    if (a instanceof ApexEnumValue) return a === b;
    if (a instanceof ApexBlob || a instanceof ApexDate || a instanceof ApexDatetime || a instanceof ApexTime)
        return keyOf(a) === keyOf(b);
    return a === b;
}

const identities = new WeakMap<object, number>();
let nextIdentity = 7;

/** hashCode() as Apex answers it: Java's String.hashCode for strings, a user class's own, else identity. */
export function hashCodeOf(interp: Interpreter, value: ApexValue): number {
    if (value === null || value === undefined) return 0;
    if (typeof value === 'string') {
        let h = 0;
        for (let i = 0; i < value.length; i++) h = (Math.imul(31, h) + value.charCodeAt(i)) | 0;
        return h;
    }
    if (typeof value === 'number') return value | 0;
    if (typeof value === 'boolean') return value ? 1231 : 1237;
    if (value instanceof ApexObject) {
        const method = interp.selectOverload(value.cls.methodsNamed('hashcode'), []);
        if (method && !method.builtin) return interp.invoke(method, value, [], 0) as number;
    }
    const key = keyOf(value);
    if (typeof key === 'string') return hashCodeOf(interp, key);
    const object = value as object;
    let id = identities.get(object);
    if (id === undefined) {
        id = nextIdentity++ * 2654435761;
        identities.set(object, id | 0);
    }
    return id | 0;
}

const collator = new Intl.Collator('en', { sensitivity: 'accent' });

/** <, >, <=, >= on two values. */
export function compareForOperator(
    interp: Interpreter,
    op: '<' | '>' | '<=' | '>=',
    a: ApexValue,
    b: ApexValue
): boolean {
    const cmp = compareValues(interp, a, b);
    if (cmp === null) return false;
    switch (op) {
        case '<':
            return cmp < 0;
        case '>':
            return cmp > 0;
        case '<=':
            return cmp <= 0;
        case '>=':
            return cmp >= 0;
    }
}

/** -1/0/1, or null when the operator is false whatever it is (a null number or date operand). */
export function compareValues(interp: Interpreter, a: ApexValue, b: ApexValue): number | null {
    const aNull = a === null || a === undefined;
    const bNull = b === null || b === undefined;
    if (typeof a === 'string' || typeof b === 'string') {
        if (aNull) return bNull ? 0 : -1;
        if (bNull) return 1;
        return Math.sign(collator.compare(a as string, b as string));
    }
    if (aNull || bNull) return null;
    if (numericTypeOf(a) && numericTypeOf(b)) return compareNumbers(a, b);
    if (a instanceof ApexDate && b instanceof ApexDate) return Math.sign(a.epochDay - b.epochDay);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return Math.sign(a.epochMs - b.epochMs);
    if (a instanceof ApexTime && b instanceof ApexTime) return Math.sign(a.msOfDay - b.msOfDay);
    throw new UnsupportedError(
        `Comparison arguments must be compatible types: ${interp.registry.typeNameOf(a)}, ${interp.registry.typeNameOf(b)}`
    );
}
