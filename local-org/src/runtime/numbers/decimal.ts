// Decimal arithmetic on ApexDecimal (unscaled bigint × 10^-scale), with java.math.BigDecimal's semantics.
//
// Apex Developer Guide, "Primitive Data Types" > Decimal
// (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_primitives.htm):
// "an arbitrary precision number"; its scale comes from what it was made from: a String keeps the digits after
// its point (so does a literal: 1.50 has scale 2), a non-decimal number is "first converted to a String".
// Apex Reference, "Decimal Class" (apex_methods_system_decimal.htm): the method semantics below. Where the
// Reference is silent (result scales of + - *, toString, comparison) Apex is BigDecimal, so Java's rules apply.
import { raise } from '../errors';
import { ApexDecimal } from '../values';
import { javaDoubleToString } from './double';
import { abs, digitCount, divideRounded, pow10, type RoundingMode } from './rounding';

export function decimal(unscaled: bigint | number, scale = 0): ApexDecimal {
    return new ApexDecimal(BigInt(unscaled), scale);
}

export const DECIMAL_ZERO = decimal(0);

// ---------------------------------------------------------------------------------------------------------
// Construction and printing

// new BigDecimal(String): optional sign, digits with an optional point, optional exponent. No blanks.
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Decimal.valueOf(String) (Reference: "As in Java, the string is interpreted as representing a signed Decimal"). */
export function parseDecimal(text: string): ApexDecimal {
    const match = DECIMAL_TEXT.exec(text);
    if (!match || (match[2] === '' && (match[3] ?? '') === ''))
        return raise('TypeException', `Invalid decimal: ${text}`);
    const [, sign, integerPart, fraction = '', exponent = '0'] = match;
    return new ApexDecimal(BigInt(sign + integerPart + fraction), fraction.length - Number(exponent));
}

/**
 * Decimal.valueOf(Double) and Double -> Decimal conversion: "the number is first converted to a String", i.e.
 * BigDecimal.valueOf(double), so 1.5 keeps scale 1, 10.0 scale 1 and 1.0E10 becomes 1.0E+10 (scale -9).
 * NaN and the infinities have no Decimal; Java's message for them is 'Infinite or NaN'.
 */
export function decimalFromDouble(d: number): ApexDecimal {
    if (!Number.isFinite(d)) return raise('TypeException', 'Infinite or NaN');
    return parseDecimal(javaDoubleToString(d === 0 ? 0 : d));
}

/** BigDecimal.toString: plain unless the scale is negative or the number is below 10^-6, then 1.5E-7 / 4E+3. */
export function decimalToString(d: ApexDecimal): string {
    const sign = d.unscaled < 0n ? '-' : '';
    const digits = abs(d.unscaled).toString();
    const adjusted = digits.length - 1 - d.scale;
    if (d.scale >= 0 && adjusted >= -6) return sign + insertPoint(digits, d.scale);
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponent = adjusted === 0 ? '' : `E${adjusted > 0 ? '+' : ''}${adjusted}`;
    return `${sign}${mantissa}${exponent}`;
}

/** Decimal.toPlainString(): never scientific notation (Reference: 12345.6789 -> '12345.6789'). */
export function decimalToPlainString(d: ApexDecimal): string {
    const sign = d.unscaled < 0n ? '-' : '';
    const digits = abs(d.unscaled).toString();
    if (d.scale <= 0) return d.unscaled === 0n ? '0' : sign + digits + '0'.repeat(-d.scale);
    return sign + insertPoint(digits, d.scale);
}

function insertPoint(digits: string, scale: number): string {
    if (scale === 0) return digits;
    if (digits.length > scale)
        return `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    return `0.${'0'.repeat(scale - digits.length)}${digits}`;
}

// ---------------------------------------------------------------------------------------------------------
// Arithmetic (BigDecimal.add/subtract/multiply/negate/abs: exact; the scale of a sum is the larger scale, of a
// product the sum of the scales)

function rescaled(d: ApexDecimal, scale: number): bigint {
    return d.unscaled * pow10(scale - d.scale);
}

export function decimalAdd(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
    const scale = Math.max(a.scale, b.scale);
    return new ApexDecimal(rescaled(a, scale) + rescaled(b, scale), scale);
}

export function decimalSubtract(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
    return decimalAdd(a, decimalNegate(b));
}

export function decimalMultiply(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
    return new ApexDecimal(a.unscaled * b.unscaled, a.scale + b.scale);
}

export function decimalNegate(d: ApexDecimal): ApexDecimal {
    return new ApexDecimal(-d.unscaled, d.scale);
}

export function decimalAbs(d: ApexDecimal): ApexDecimal {
    return d.unscaled < 0n ? decimalNegate(d) : d;
}

/** BigDecimal.compareTo: by value, so 1.0 and 1.00 compare equal (and Apex's == uses this). */
export function compareDecimals(a: ApexDecimal, b: ApexDecimal): number {
    const scale = Math.max(a.scale, b.scale);
    const x = rescaled(a, scale);
    const y = rescaled(b, scale);
    return x < y ? -1 : x > y ? 1 : 0;
}

export function decimalSignum(d: ApexDecimal): number {
    return d.unscaled < 0n ? -1 : d.unscaled > 0n ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Division

/**
 * Significant digits the `/` operator keeps for a quotient that does not terminate. The Reference does not
 * say. Observed in orgs: `Decimal a = 31; 1/a` is 0.0322580645161290322580645161290323 (scale 34, 33
 * significant digits, last digit rounded up; octoberswimmer/aer-dist issue #345, measured against a real org),
 * and 1.0/3.0 equals 0.333333333333333333333333333333333 (33 threes, whatever the operands' scales;
 * force201.wordpress.com "Decimal scale", 2010). Both fit BigDecimal.divide with a MathContext of 33 digits,
 * half-up: an exact quotient keeps its exact value (10.0/4 is 2.5), at the scale closest to
 * dividend scale − divisor scale, as in Java.
 */
export const DIVISION_PRECISION = 33;

/** The `/` operator on Decimals. A zero divisor raises MathException 'Divide by 0', as in an org. */
export function decimalDivideOperator(a: ApexDecimal, b: ApexDecimal): ApexDecimal {
    return divideToPrecision(a, b, DIVISION_PRECISION, 'HALF_UP');
}

/** BigDecimal.divide(divisor, MathContext(precision, mode)). */
export function divideToPrecision(a: ApexDecimal, b: ApexDecimal, precision: number, mode: RoundingMode): ApexDecimal {
    if (b.unscaled === 0n) raise('MathException', 'Divide by 0');
    const preferredScale = a.scale - b.scale;
    if (a.unscaled === 0n) return new ApexDecimal(0n, preferredScale);
    // The quotient's leading digit sits at 10^(adjA - adjB) or one place lower; aim for `precision` digits
    // assuming the higher place, and take one scale less when that yields one digit too many.
    const adjustedA = digitCount(a.unscaled) - 1 - a.scale;
    const adjustedB = digitCount(b.unscaled) - 1 - b.scale;
    let scale = precision - 1 - (adjustedA - adjustedB - 1);
    if (digitCount(quotientAtScale(a, b, scale, 'DOWN')) > precision) scale -= 1;
    let unscaled = quotientAtScale(a, b, scale, mode);
    if (digitCount(unscaled) > precision) {
        // Rounding carried into a new digit (9.99… -> 10.0…): the last digit is a zero to drop.
        unscaled /= 10n;
        scale -= 1;
    }
    if (!isExactAtScale(a, b, scale)) return new ApexDecimal(unscaled, scale);
    // An exact quotient takes the scale closest to the preferred one that still holds it exactly.
    while (scale > preferredScale && unscaled % 10n === 0n) {
        unscaled /= 10n;
        scale -= 1;
    }
    if (scale < preferredScale) {
        const grow = Math.min(preferredScale - scale, precision - digitCount(unscaled));
        if (grow > 0) {
            unscaled *= pow10(grow);
            scale += grow;
        }
    }
    return new ApexDecimal(unscaled, scale);
}

/** The quotient's numerator and denominator as integers for a result of the given scale. */
function quotientTerms(a: ApexDecimal, b: ApexDecimal, scale: number): [bigint, bigint] {
    const shift = scale - a.scale + b.scale;
    return shift >= 0 ? [a.unscaled * pow10(shift), b.unscaled] : [a.unscaled, b.unscaled * pow10(-shift)];
}

function quotientAtScale(a: ApexDecimal, b: ApexDecimal, scale: number, mode: RoundingMode): bigint {
    const [numerator, denominator] = quotientTerms(a, b, scale);
    return divideRounded(numerator, denominator, mode);
}

function isExactAtScale(a: ApexDecimal, b: ApexDecimal, scale: number): boolean {
    const [numerator, denominator] = quotientTerms(a, b, scale);
    return numerator % denominator === 0n;
}

/**
 * Decimal.divide(divisor, scale[, roundingMode]) (Reference: 19.divide(100, 3) is 0.190; 12.4567.divide(7, 2,
 * UP) is 1.78). The Reference names no rounding mode for the two-argument form; half-up is assumed, the
 * rounding the `/` operator is observed to use (see DIVISION_PRECISION).
 */
export function decimalDivide(
    a: ApexDecimal,
    b: ApexDecimal,
    scale: number,
    mode: RoundingMode = 'HALF_UP'
): ApexDecimal {
    if (b.unscaled === 0n) raise('MathException', 'Divide by 0');
    return new ApexDecimal(quotientAtScale(a, b, scale, mode), scale);
}

// ---------------------------------------------------------------------------------------------------------
// Scale and rounding (Reference: setScale "using half-even rounding, if necessary"; round() "half-even")

export function setScale(d: ApexDecimal, scale: number, mode: RoundingMode = 'HALF_EVEN'): ApexDecimal {
    if (scale >= d.scale) return new ApexDecimal(d.unscaled * pow10(scale - d.scale), scale);
    return new ApexDecimal(divideRounded(d.unscaled, pow10(d.scale - scale), mode), scale);
}

/** BigDecimal.stripTrailingZeros (Java 8+: zero becomes 0 with scale 0; 100 becomes 1E+2). */
export function stripTrailingZeros(d: ApexDecimal): ApexDecimal {
    if (d.unscaled === 0n) return DECIMAL_ZERO;
    let { unscaled, scale } = d;
    while (unscaled % 10n === 0n) {
        unscaled /= 10n;
        scale -= 1;
    }
    return new ApexDecimal(unscaled, scale);
}

/** Decimal.precision(): digits of the unscaled value (Reference: 123.45 -> 5, 123.123 -> 6). */
export function decimalPrecision(d: ApexDecimal): number {
    return digitCount(d.unscaled);
}

/**
 * Decimal.pow(exponent): exact, scale × exponent (Reference: 4.12.pow(2) is 16.9744; "The value of exponent
 * must be between 0 and 32,767"). Outside that range Java's BigDecimal.pow answers 'Invalid operation'.
 */
export function decimalPow(d: ApexDecimal, exponent: number): ApexDecimal {
    if (!Number.isInteger(exponent) || exponent < 0 || exponent > 32767) raise('MathException', 'Invalid operation');
    return new ApexDecimal(d.unscaled ** BigInt(exponent), d.scale * exponent);
}

// ---------------------------------------------------------------------------------------------------------
// Conversion (BigDecimal.intValue/longValue: the integer part, truncated, keeping its low 32/64 bits)

export function decimalToBigInt(d: ApexDecimal): bigint {
    return d.scale <= 0 ? d.unscaled * pow10(-d.scale) : d.unscaled / pow10(d.scale);
}

export function decimalIntValue(d: ApexDecimal): number {
    return Number(BigInt.asIntN(32, decimalToBigInt(d)));
}

export function decimalLongValue(d: ApexDecimal): bigint {
    return BigInt.asIntN(64, decimalToBigInt(d));
}

/** BigDecimal.doubleValue: the nearest double (JS's string-to-number conversion is correctly rounded too). */
export function decimalDoubleValue(d: ApexDecimal): number {
    return Number(decimalToString(d));
}

/** The integer nearest `d` under `mode` (default half-even), unbounded. */
export function decimalRoundToInteger(d: ApexDecimal, mode: RoundingMode = 'HALF_EVEN'): bigint {
    return decimalToBigInt(setScale(d, 0, mode));
}

/**
 * Decimal.round([mode]): to zero places (default half-even) as a Long (Reference: 4.5 -> 4, 5.5 -> 6), keeping
 * the low 64 bits of a larger result as BigDecimal.longValue does.
 */
export function decimalRound(d: ApexDecimal, mode: RoundingMode = 'HALF_EVEN'): bigint {
    return BigInt.asIntN(64, decimalRoundToInteger(d, mode));
}
