// Ordering and arithmetic on the Apex values SOQL compares, sorts and aggregates. Kept in one file so it can
// be swapped for the runtime's numbers module once that exists. Numbers of every Apex type (Integer, Long,
// Double, Decimal) are compared as exact decimals, as the database compares number fields.
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexLong,
    ApexTime,
    type ApexValue
} from '../../runtime/values';

/** An exact decimal: unscaled × 10^-scale. */
export interface Num {
    readonly unscaled: bigint;
    readonly scale: number;
}

export function isNumber(value: ApexValue): boolean {
    return (
        typeof value === 'number' ||
        value instanceof ApexLong ||
        value instanceof ApexDouble ||
        value instanceof ApexDecimal
    );
}

/** Parses '12', '-1.50', '1e-7', '2.5E3' exactly; null when `text` is not a finite number. */
export function numFromText(text: string): Num | null {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?[dD]?$/i.exec(text.trim());
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
    const fraction = m[3] ?? '';
    let scale = fraction.length - (m[4] ? Number(m[4]) : 0);
    let unscaled = BigInt(`${m[2] || '0'}${fraction}`);
    if (scale < 0) {
        unscaled *= 10n ** BigInt(-scale);
        scale = 0;
    }
    return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale };
}

/** The exact value of an Apex number, or null for anything else. */
export function toNum(value: ApexValue): Num | null {
    if (typeof value === 'number') {
        return Number.isInteger(value) ? { unscaled: BigInt(value), scale: 0 } : numFromText(String(value));
    }
    if (value instanceof ApexLong) return { unscaled: value.value, scale: 0 };
    if (value instanceof ApexDecimal) return { unscaled: value.unscaled, scale: value.scale };
    if (value instanceof ApexDouble) return Number.isFinite(value.value) ? numFromText(String(value.value)) : null;
    return null;
}

function align(a: Num, b: Num): [bigint, bigint, number] {
    const scale = Math.max(a.scale, b.scale);
    return [a.unscaled * 10n ** BigInt(scale - a.scale), b.unscaled * 10n ** BigInt(scale - b.scale), scale];
}

export function compareNum(a: Num, b: Num): number {
    const [x, y] = align(a, b);
    return x < y ? -1 : x > y ? 1 : 0;
}

export function addNum(a: Num, b: Num): Num {
    const [x, y, scale] = align(a, b);
    return { unscaled: x + y, scale };
}

/** a / n rounded half-up to `scale` digits, trailing zeros beyond `minScale` dropped (for AVG). */
export function divideNum(a: Num, n: number, minScale: number, scale = 12): Num {
    const shifted = a.unscaled * 10n ** BigInt(Math.max(0, scale - a.scale));
    const divisor = BigInt(n);
    let quotient = shifted / divisor;
    const remainder = shifted % divisor;
    if ((remainder < 0n ? -remainder : remainder) * 2n >= divisor) quotient += shifted < 0n ? -1n : 1n;
    let result: Num = { unscaled: quotient, scale: Math.max(scale, a.scale) };
    while (result.scale > minScale && result.unscaled % 10n === 0n) {
        result = { unscaled: result.unscaled / 10n, scale: result.scale - 1 };
    }
    return result;
}

export function numToDecimal(n: Num): ApexDecimal {
    return new ApexDecimal(n.unscaled, n.scale);
}

// Text ordering: SOQL sorts and compares text case-insensitively, by upper-cased UTF-16 values in English
// locales ("ORDER BY", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm).
export function compareText(a: string, b: string): number {
    const x = a.toUpperCase();
    const y = b.toUpperCase();
    return x < y ? -1 : x > y ? 1 : 0;
}

export function sameText(a: string, b: string): boolean {
    return a === b || a.toUpperCase() === b.toUpperCase();
}

/**
 * Orders two non-null values of the same kind (both numbers, both strings, both dates...). Values of different
 * kinds order by kind, so a sort never throws on mixed data.
 */
export function compareValues(a: ApexValue, b: ApexValue): number {
    const x = toNum(a);
    const y = toNum(b);
    if (x && y) return compareNum(x, y);
    if (typeof a === 'string' && typeof b === 'string') return compareText(a, b);
    if (a instanceof ApexDate && b instanceof ApexDate) return Math.sign(a.epochDay - b.epochDay);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return Math.sign(a.epochMs - b.epochMs);
    if (a instanceof ApexTime && b instanceof ApexTime) return Math.sign(a.msOfDay - b.msOfDay);
    if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
    const rank = (v: ApexValue): number => (isNumber(v) ? 0 : typeof v === 'string' ? 1 : 2);
    return Math.sign(rank(a) - rank(b));
}
