// A stand-in for the interpreter in tests of the text natives: a NativeContext with fixed user settings and a
// simple String.valueOf, and overload selection by the declared parameter types.
import assert from 'node:assert/strict';
import { ApexPlatformError, type PlatformExceptionName } from '../../src/runtime/errors';
import type { NativeContext, NativeMethod, NativeType } from '../../src/runtime/native';
import {
    ApexBlob,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexList,
    ApexLong,
    ApexMap,
    ApexSet,
    type ApexValue
} from '../../src/runtime/values';

export function fakeContext(overrides: Partial<NativeContext> = {}): NativeContext {
    const ctx: NativeContext = {
        userTimeZone: 'America/Los_Angeles',
        userLocale: 'en_US',
        userLanguage: 'en_US',
        now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
        invoke: () => assert.fail('invoke is not expected in these tests'),
        stringOf: (value: ApexValue): string => {
            if (value === null || value === undefined) return 'null';
            if (value instanceof ApexLong || value instanceof ApexDouble) return String(value.value);
            if (value instanceof ApexBlob) return `Blob[${value.bytes.length}]`;
            if (value instanceof ApexList) return `(${value.items.map((v) => ctx.stringOf(v)).join(', ')})`;
            return String(value);
        },
        convert: (value: ApexValue) => value,
        ...overrides
    };
    return ctx;
}

function accepts(param: string, value: ApexValue): boolean {
    if (value === null) return true;
    const name = param.replace(/<.*$/, '');
    switch (name) {
        case 'Object':
            return true;
        case 'String':
            return typeof value === 'string';
        case 'Integer':
            return typeof value === 'number';
        case 'Long':
            return typeof value === 'number' || value instanceof ApexLong;
        case 'Decimal':
            return typeof value === 'number' || value instanceof ApexLong || value instanceof ApexDecimal;
        case 'Boolean':
            return typeof value === 'boolean';
        case 'Blob':
            return value instanceof ApexBlob;
        case 'Datetime':
            return value instanceof ApexDatetime;
        case 'List':
            return value instanceof ApexList;
        case 'Set':
            return value instanceof ApexSet;
        case 'Map':
            return value instanceof ApexMap;
        default:
            return true;
    }
}

function pick(overloads: readonly NativeMethod[] | undefined, args: ApexValue[], what: string): NativeMethod {
    const found = overloads?.find(
        (o) => o.params === null || (o.params.length === args.length && o.params.every((p, i) => accepts(p, args[i])))
    );
    if (!found) assert.fail(`no overload of ${what} accepts ${args.length} argument(s)`);
    return found;
}

/** Calls a static method, e.g. callStatic(stringType, 'isBlank', [' ']). */
export function callStatic(type: NativeType, name: string, args: ApexValue[] = [], ctx = fakeContext()): ApexValue {
    return pick(type.staticMethods?.[name], args, `${type.name}.${name}`).call(args, ctx, null);
}

/** Calls an instance method on `self`, e.g. call(stringType, 'abc', 'substring', [1]). */
export function call(
    type: NativeType,
    self: ApexValue,
    name: string,
    args: ApexValue[] = [],
    ctx = fakeContext()
): ApexValue {
    return pick(type.instanceMethods?.[name], args, `${type.name}.${name}`).call(args, ctx, self);
}

/** Asserts that `fn` throws the Apex platform exception `name`, with `message` when given. */
export function assertApexError(fn: () => unknown, name: PlatformExceptionName, message?: string | RegExp): void {
    assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof ApexPlatformError, `expected System.${name}, got ${String(error)}`);
        assert.equal(error.exceptionName, name);
        if (typeof message === 'string') assert.equal(error.message, message);
        else if (message) assert.match(error.message, message);
        return true;
    });
}

/** Asserts that `fn` stops with the runtime's UnsupportedError. */
export function assertUnsupported(fn: () => unknown, what?: RegExp): void {
    assert.throws(fn, (error: unknown) => {
        assert.equal((error as Error).name, 'UnsupportedError');
        if (what) assert.match((error as Error).message, what);
        return true;
    });
}

export const items = (value: ApexValue): ApexValue[] => (value as ApexList).items;
