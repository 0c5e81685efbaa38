// Double: an IEEE 754 binary64 (a JS number, boxed as ApexDouble).
//
// Apex Developer Guide, "Primitive Data Types" > Double: "A 64-bit number that includes a decimal point"
// (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_primitives.htm).
// Apex Reference, "Double Class": valueOf(String) reads the text "as in Java", intValue() casts "as in Java".
// Where the docs say nothing, Apex follows Java: String.valueOf(Double) is Double.toString, the casts to
// Integer/Long saturate and send NaN to 0, round() is Math.round (ties toward positive infinity).
//
// Division by zero: the docs are silent. Integer and Decimal division by zero raise MathException
// 'Divide by 0' (an org's own message, not Java's), which shows Apex checks the divisor itself rather than
// leaving it to the JVM; this runtime applies the same check to Double so that a zero divisor never yields a
// silent Infinity. Infinity and NaN still arise from Math (sqrt(-1), exp(1000)) and from Double.valueOf.
import { raise } from '../errors';
import { INTEGER_MAX, INTEGER_MIN, LONG_MAX, LONG_MIN } from './integer';

export type DoubleOp = '+' | '-' | '*' | '/';

export function doubleArith(op: DoubleOp, a: number, b: number): number {
    switch (op) {
        case '+':
            return a + b;
        case '-':
            return a - b;
        case '*':
            return a * b;
        case '/':
            if (b === 0) raise('MathException', 'Divide by 0');
            return a / b;
    }
}

/**
 * Java's Double.toString: the shortest digits that read back as the same double (JS and Java agree on them),
 * plain between 10^-3 and 10^7 with at least one fractional digit ('10.0', '0.001'), otherwise computerized
 * scientific notation ('1.0E10', '1.0E-5', '1.2345E7').
 */
export function javaDoubleToString(d: number): string {
    if (Number.isNaN(d)) return 'NaN';
    if (d === Infinity) return 'Infinity';
    if (d === -Infinity) return '-Infinity';
    if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
    const sign = d < 0 ? '-' : '';
    const magnitude = Math.abs(d);
    // Java writes at least two significant digits and, when the shortest form has one, picks the two-digit
    // decimal nearest the exact value: the same d.0 for normal numbers, but 4.9E-324 for Double.MIN_VALUE.
    let [mantissa, exponentText] = magnitude.toExponential().split('e');
    if (mantissa.length === 1) [mantissa, exponentText] = magnitude.toExponential(1).split('e');
    const digits = mantissa.replace('.', '').replace(/(?<=.)0+$/, '');
    const exponent = Number(exponentText);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
        const integerDigits = exponent + 1;
        if (integerDigits <= 0) return `${sign}0.${'0'.repeat(-integerDigits)}${digits}`;
        if (integerDigits >= digits.length) return `${sign}${digits}${'0'.repeat(integerDigits - digits.length)}.0`;
        return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
    }
    return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
}

// Java's Double.parseDouble grammar (FloatingDecimal.readJavaFormatString) without hexadecimal floats: blanks
// around the text are ignored, an optional sign, NaN or Infinity or digits with an optional point and exponent,
// and an optional float/double suffix.
const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;

/** Double.valueOf(String); a bad string raises TypeException 'Invalid double: <text>'. */
export function parseDouble(text: string): number {
    // Java's String.trim removes every char up to U+0020, not only whitespace.
    const trimmed = text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    if (!DOUBLE_TEXT.test(trimmed)) return raise('TypeException', `Invalid double: ${text}`);
    return Number(trimmed.replace(/[fFdD]$/, '').replace(/^\+/, ''));
}

/** Java's (int) cast of a double: truncation, saturating at the Integer range, NaN to 0. */
export function doubleToInteger(d: number): number {
    if (Number.isNaN(d)) return 0;
    if (d <= INTEGER_MIN) return INTEGER_MIN;
    if (d >= INTEGER_MAX) return INTEGER_MAX;
    return Math.trunc(d);
}

/** Java's (long) cast of a double: truncation, saturating at the Long range, NaN to 0. */
export function doubleToLong(d: number): bigint {
    if (Number.isNaN(d)) return 0n;
    if (d <= -(2 ** 63)) return LONG_MIN;
    if (d >= 2 ** 63) return LONG_MAX;
    return BigInt(Math.trunc(d));
}

/**
 * Java's Math.round(double): the closest long, ties toward positive infinity (4.5 -> 5, -4.5 -> -4), as the
 * Apex Reference "Double Class" round() examples show (4.5 -> 5, -4.7 -> -5).
 */
export function roundDoubleToLong(d: number): bigint {
    if (Number.isNaN(d)) return 0n;
    const floor = Math.floor(d);
    // d - floor is exact for doubles, so the tie test does not suffer from d + 0.5 rounding up.
    return doubleToLong(d - floor >= 0.5 ? floor + 1 : floor);
}
