// Exact decimal arithmetic for formulas. Salesforce formulas compute numbers as decimals (a Number field is an Apex
// Decimal), so 0.1 + 0.2 must be 0.3, not a binary double's 0.30000000000000004.
import { ApexDecimal, ApexDouble, ApexLong } from '../../../runtime/values';
import { parseDecimal } from '../literals';

/** Digits kept after the point by a division that does not end (a formula's result is rounded by its field). */
const DIVISION_SCALE = 18;

export function isNumeric(value: unknown): boolean {
    return (
        typeof value === 'number' ||
        value instanceof ApexDecimal ||
        value instanceof ApexDouble ||
        value instanceof ApexLong
    );
}

/** An Apex number of any kind (Integer, Long, Double, Decimal) as a decimal. */
export function toDecimal(value: unknown): ApexDecimal {
    if (value instanceof ApexDecimal) return value;
    if (value instanceof ApexLong) return new ApexDecimal(value.value, 0);
    const n = value instanceof ApexDouble ? value.value : (value as number);
    if (Number.isInteger(n) && Math.abs(n) < Number.MAX_SAFE_INTEGER) return new ApexDecimal(BigInt(n), 0);
    const parsed = parseDecimal(String(n));
    if (!parsed) throw new Error(`Not a finite number: ${n}`);
    return parsed;
}

function align(a: ApexDecimal, b: ApexDecimal): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.unscaled * 10n ** BigInt(scale - a.scale), b.unscaled * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
    const [x, y, scale] = align(a, b);
    return new ApexDecimal(x + y, scale);
}

export function subtract(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
    const [x, y, scale] = align(a, b);
    return new ApexDecimal(x - y, scale);
}

export function multiply(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
    return new ApexDecimal(a.unscaled * b.unscaled, a.scale + b.scale);
}

/** Drops trailing zeros after the point: 1.500 -> 1.5, 2.0 -> 2. */
export function normalize(value: ApexDecimal): ApexDecimal {
    let { unscaled, scale } = value;
    while (scale > 0 && unscaled % 10n === 0n) {
        unscaled /= 10n;
        scale -= 1;
    }
    return new ApexDecimal(unscaled, scale);
}

/** a / b rounded half up to 18 digits after the point, trailing zeros dropped; undefined when b is zero. */
export function divide(a: ApexDecimal, b: ApexDecimal): ApexDecimal | undefined {
    if (b.unscaled === 0n) return undefined;
    // a/b = (ua * 10^(S + sb - sa)) / ub * 10^-S, computed with one extra digit for rounding.
    const shift = DIVISION_SCALE + 1 + b.scale - a.scale;
    const numerator = shift >= 0 ? a.unscaled * 10n ** BigInt(shift) : a.unscaled / 10n ** BigInt(-shift);
    let quotient = numerator / b.unscaled;
    const negative = quotient < 0n;
    if (negative) quotient = -quotient;
    quotient = (quotient + 5n) / 10n;
    return normalize(new ApexDecimal(negative ? -quotient : quotient, DIVISION_SCALE));
}

export function compare(a: ApexDecimal, b: ApexDecimal): number {
    const [x, y] = align(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
}

export function toNumber(value: ApexDecimal): number {
    return Number(toPlainString(value));
}

/** The decimal written out without an exponent: '-12.50'. */
export function toPlainString(value: ApexDecimal): string {
    const negative = value.unscaled < 0n;
    const digits = (negative ? -value.unscaled : value.unscaled).toString();
    if (value.scale <= 0) return `${negative ? '-' : ''}${digits}${'0'.repeat(-value.scale)}`;
    const padded = digits.padStart(value.scale + 1, '0');
    const point = padded.length - value.scale;
    return `${negative ? '-' : ''}${padded.slice(0, point)}.${padded.slice(point)}`;
}

/** base ^ exponent: exact for whole exponents, through doubles otherwise (as a formula's ^ is rarely fractional). */
export function power(base: ApexDecimal, exponent: ApexDecimal): ApexDecimal | undefined {
    const whole = normalize(exponent);
    if (whole.scale === 0 && whole.unscaled >= -64n && whole.unscaled <= 64n) {
        let result = new ApexDecimal(1n, 0);
        const count = whole.unscaled < 0n ? -whole.unscaled : whole.unscaled;
        for (let i = 0n; i < count; i++) result = multiply(result, base);
        return whole.unscaled < 0n ? divide(new ApexDecimal(1n, 0), result) : result;
    }
    const approximate = Math.pow(toNumber(base), toNumber(exponent));
    return Number.isFinite(approximate) ? toDecimal(approximate) : undefined;
}
