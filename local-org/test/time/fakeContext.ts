// A small stand-in for the interpreter: a NativeContext with a fixed user and clock, and calls into NativeType
// tables that pick overloads the way the interpreter does (first spec whose params accept the arguments, an
// Integer passed to a Long parameter converted to a Long).
import assert from 'node:assert/strict';
import { ApexPlatformError, type PlatformExceptionName, UnsupportedError } from '../../src/runtime/errors';
import type { NativeContext, NativeMethod, NativeType } from '../../src/runtime/native';
import { type ApexValue, ApexDate, ApexDatetime, ApexLong, ApexTime } from '../../src/runtime/values';
import { timeTypes } from '../../src/runtime/time';

export interface FakeUser {
    userTimeZone?: string;
    userLocale?: string;
    /** The clock, in epoch ms. */
    now?: number;
}

export function fakeContext(user: FakeUser = {}): NativeContext {
    return {
        userTimeZone: user.userTimeZone ?? 'America/Los_Angeles',
        userLocale: user.userLocale ?? 'en_US',
        userLanguage: 'en_US',
        now: () => user.now ?? Date.UTC(2024, 0, 15, 12, 0, 0),
        invoke: () => assert.fail('invoke is not used by the time types'),
        stringOf: (value) => String(value),
        convert: (value) => value
    };
}

function accepts(value: ApexValue, param: string): boolean {
    if (value === null) return true;
    switch (param) {
        case 'Object':
            return true;
        case 'String':
            return typeof value === 'string';
        case 'Integer':
            return typeof value === 'number';
        case 'Long':
            return typeof value === 'number' || value instanceof ApexLong;
        case 'Date':
            return value instanceof ApexDate;
        case 'Datetime':
            return value instanceof ApexDatetime;
        case 'Time':
            return value instanceof ApexTime;
        default:
            return typeof value === 'object';
    }
}

function pick(specs: readonly NativeMethod[] | undefined, args: ApexValue[], what: string): NativeMethod {
    const spec = specs?.find(
        (s) => s.params !== null && s.params.length === args.length && s.params.every((p, i) => accepts(args[i], p))
    );
    if (!spec) assert.fail(`no overload of ${what} accepts ${args.length} argument(s)`);
    return spec;
}

function convert(spec: NativeMethod, args: ApexValue[]): ApexValue[] {
    return args.map((arg, i) =>
        spec.params?.[i] === 'Long' && typeof arg === 'number' ? new ApexLong(BigInt(arg)) : arg
    );
}

export function typeNamed(name: string): NativeType {
    const type = timeTypes.find((t) => t.name === name);
    if (!type) assert.fail(`no native type ${name}`);
    return type;
}

/** `Type.name(args)` as Apex calls it. */
export function callStatic(ctx: NativeContext, typeName: string, name: string, ...args: ApexValue[]): ApexValue {
    const spec = pick(typeNamed(typeName).staticMethods?.[name], args, `${typeName}.${name}`);
    return spec.call(convert(spec, args), ctx, null);
}

/** `self.name(args)` as Apex calls it on a value of `typeName`. */
export function callInstance(
    ctx: NativeContext,
    typeName: string,
    self: ApexValue,
    name: string,
    ...args: ApexValue[]
): ApexValue {
    const type = typeNamed(typeName);
    assert.ok(type.isInstance?.(self), `${String(self)} is not a ${typeName}`);
    const spec = pick(type.instanceMethods?.[name], args, `${typeName}.${name}`);
    return spec.call(convert(spec, args), ctx, self);
}

/** Asserts that `fn` throws the Apex platform exception `name` with `message`. */
export function assertApexError(fn: () => unknown, name: PlatformExceptionName, message: string): void {
    assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof ApexPlatformError, `expected ${name}, got ${String(error)}`);
        assert.equal(error.exceptionName, name);
        assert.equal(error.message, message);
        return true;
    });
}

export function assertUnsupported(fn: () => unknown, pattern: RegExp): void {
    assert.throws(fn, (error: unknown) => error instanceof UnsupportedError && pattern.test(error.message));
}

export const gmt = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): ApexDatetime =>
    new ApexDatetime(Date.UTC(y, mo - 1, d, h, mi, s, ms));

export const day = (y: number, mo: number, d: number): ApexDate =>
    new ApexDate(Math.floor(Date.UTC(y, mo - 1, d) / 86_400_000));
