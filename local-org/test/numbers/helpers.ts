// Shared helpers for the number tests: building values, checking Decimals by their exact text (BigDecimal's
// toString names unscaled value and scale exactly), expecting platform exceptions, and calling native methods
// the way the interpreter will (first overload whose parameters accept the arguments, narrower numbers widened).
import assert from 'node:assert/strict';
import { ApexPlatformError, type PlatformExceptionName } from '../../src/runtime/errors';
import type { NativeContext, NativeMethod, NativeType } from '../../src/runtime/native';
import {
    ApexDecimal,
    ApexDouble,
    ApexEnumValue,
    ApexLong,
    type ApexValue,
    type TypeRef
} from '../../src/runtime/values';
import { decimalToString, parseDecimal } from '../../src/runtime/numbers/decimal';
import { convertNumber, numericTypeOf, type NumericType } from '../../src/runtime/numbers/promotion';

export const dec = (text: string): ApexDecimal => parseDecimal(text);
export const dbl = (value: number): ApexDouble => new ApexDouble(value);
export const lng = (value: bigint | number): ApexLong => new ApexLong(BigInt(value));

/** Asserts `actual` is a Decimal whose BigDecimal.toString is `expected` ('1.50' is 150 at scale 2). */
export function assertDecimal(actual: ApexValue, expected: string): void {
    assert.ok(actual instanceof ApexDecimal, `expected a Decimal, got ${String(actual)}`);
    assert.equal(decimalToString(actual), expected);
}

export function assertDouble(actual: ApexValue, expected: number): void {
    assert.ok(actual instanceof ApexDouble, `expected a Double, got ${String(actual)}`);
    assert.equal(actual.value, expected);
}

export function assertLong(actual: ApexValue, expected: bigint): void {
    assert.ok(actual instanceof ApexLong, `expected a Long, got ${String(actual)}`);
    assert.equal(actual.value, expected);
}

export function assertThrowsApex(fn: () => unknown, name: PlatformExceptionName, message: string | RegExp): void {
    assert.throws(fn, (error: unknown) => {
        assert.ok(error instanceof ApexPlatformError, `expected ${name}, got ${String(error)}`);
        assert.equal(error.exceptionName, name);
        if (typeof message === 'string') assert.equal(error.message, message);
        else assert.match(error.message, message);
        return true;
    });
}

export const ctx: NativeContext = {
    userTimeZone: 'America/Los_Angeles',
    userLocale: 'en_US',
    userLanguage: 'en_US',
    now: () => 0,
    invoke: () => null,
    stringOf: (value) => String(value),
    convert: (value: ApexValue, to: TypeRef) => value ?? to
};

const NUMERIC_RANK: Record<NumericType, number> = { Integer: 0, Long: 1, Double: 2, Decimal: 3 };

function accepts(param: string, value: ApexValue): boolean {
    if (param === 'Object' || value === null) return true;
    if (param === 'String') return typeof value === 'string';
    if (param === 'RoundingMode') return value instanceof ApexEnumValue && value.enumName === 'RoundingMode';
    const type = numericTypeOf(value);
    return type !== null && param in NUMERIC_RANK && NUMERIC_RANK[type] <= NUMERIC_RANK[param as NumericType];
}

function pick(methods: readonly NativeMethod[] | undefined, args: ApexValue[], label: string): NativeMethod {
    const found = methods?.find(
        (m) => m.params === null || (m.params.length === args.length && m.params.every((p, i) => accepts(p, args[i])))
    );
    assert.ok(found, `no overload of ${label} accepts the arguments`);
    return found;
}

function widenArgs(spec: NativeMethod, args: ApexValue[]): ApexValue[] {
    return args.map((arg, i) => {
        const param = spec.params?.[i];
        return param && param in NUMERIC_RANK && arg !== null ? convertNumber(arg, param as NumericType) : arg;
    });
}

/** Calls a static method as the interpreter would; returns the result and the chosen overload's return type. */
export function callStatic(
    type: NativeType,
    name: string,
    ...args: ApexValue[]
): { value: ApexValue; returns: string } {
    const spec = pick(type.staticMethods?.[name], args, `${type.name}.${name}`);
    return { value: spec.call(widenArgs(spec, args), ctx, null), returns: spec.returns };
}

export function callInstance(type: NativeType, self: ApexValue, name: string, ...args: ApexValue[]): ApexValue {
    const spec = pick(type.instanceMethods?.[name], args, `${type.name}.${name}`);
    return spec.call(widenArgs(spec, args), ctx, self);
}
