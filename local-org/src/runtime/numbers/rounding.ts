// Rounding of exact quotients, shared by Decimal (setScale, divide, round) and Math.
//
// Apex Reference, "Decimal Class" > "Rounding Mode"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_decimal.htm):
// the eight System.RoundingMode values behave as java.math.RoundingMode's, and UNNECESSARY throws a
// MathException when the result is inexact. Java's message for that case is 'Rounding necessary'; the Apex
// docs do not quote one, so Java's is used.
import { raise } from '../errors';

/** System.RoundingMode value names, in java.math.RoundingMode's declaration order (their ordinals). */
export const ROUNDING_MODES = [
    'UP',
    'DOWN',
    'CEILING',
    'FLOOR',
    'HALF_UP',
    'HALF_DOWN',
    'HALF_EVEN',
    'UNNECESSARY'
] as const;

export type RoundingMode = (typeof ROUNDING_MODES)[number];

export function isRoundingMode(name: string): name is RoundingMode {
    return (ROUNDING_MODES as readonly string[]).includes(name);
}

const powers: bigint[] = [1n];

/** 10^n for n >= 0, cached because Decimal arithmetic asks for the same few powers over and over. */
export function pow10(n: number): bigint {
    if (n < 0) throw new RangeError(`pow10(${n})`);
    while (powers.length <= n) powers.push(powers[powers.length - 1] * 10n);
    return powers[n];
}

export function abs(n: bigint): bigint {
    return n < 0n ? -n : n;
}

/** Number of decimal digits of |n|; 1 for zero, as BigDecimal.precision() counts it. */
export function digitCount(n: bigint): number {
    return n === 0n ? 1 : abs(n).toString().length;
}

/**
 * numerator / denominator rounded to an integer with `mode`. The denominator must be non-zero; the sign of the
 * result follows the exact quotient's, which is what every mode but CEILING/FLOOR is defined against.
 */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
    if (denominator === 0n) raise('MathException', 'Divide by 0');
    if (denominator < 0n) {
        numerator = -numerator;
        denominator = -denominator;
    }
    const quotient = numerator / denominator; // truncates toward zero
    const remainder = numerator - quotient * denominator;
    if (remainder === 0n) return quotient;
    const negative = numerator < 0n;
    const awayFromZero = negative ? quotient - 1n : quotient + 1n;
    const twiceRemainder = abs(remainder) * 2n;
    switch (mode) {
        case 'UP':
            return awayFromZero;
        case 'DOWN':
            return quotient;
        case 'CEILING':
            return negative ? quotient : awayFromZero;
        case 'FLOOR':
            return negative ? awayFromZero : quotient;
        case 'HALF_UP':
            return twiceRemainder >= denominator ? awayFromZero : quotient;
        case 'HALF_DOWN':
            return twiceRemainder > denominator ? awayFromZero : quotient;
        case 'HALF_EVEN':
            if (twiceRemainder !== denominator) return twiceRemainder > denominator ? awayFromZero : quotient;
            return quotient % 2n === 0n ? quotient : awayFromZero;
        case 'UNNECESSARY':
            return raise('MathException', 'Rounding necessary');
    }
}
