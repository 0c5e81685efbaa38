// Integer (32-bit, a JS number) and Long (64-bit, ApexLong) arithmetic.
//
// Apex Developer Guide, "Rules of Conversion" > "Overflow and Underflow of Data Type Values"
// (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_rules_of_conversion.htm):
// Apex throws nothing on overflow; `2147483647 + 1` wraps to -2147483648, as Java's int and long do.
// "Loss of Fractions in Divisions" there: Integer and Long division drop the fraction (Java truncates toward
// zero). Division by zero raises System.MathException 'Divide by 0' (the message an org gives; Java's would be
// '/ by zero'). Where the docs are silent (MIN_VALUE / -1, shift distances) Apex follows Java: the quotient
// wraps, and a shift distance is taken modulo 32 for Integer and 64 for Long.
import { raise } from '../errors';
import { ApexLong } from '../values';

export const INTEGER_MIN = -2147483648;
export const INTEGER_MAX = 2147483647;
export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;

export type IntegerOp = '+' | '-' | '*' | '/';
export type BitwiseOp = '&' | '|' | '^' | '<<' | '>>' | '>>>';

/** Wraps any integral JS number to Java's int range. */
export function toInt32(n: number): number {
    return n | 0;
}

/** Wraps any bigint to Java's long range. */
export function toInt64(n: bigint): bigint {
    return BigInt.asIntN(64, n);
}

export function long(n: bigint | number): ApexLong {
    return new ApexLong(toInt64(typeof n === 'number' ? BigInt(n) : n));
}

export function integerArith(op: IntegerOp, a: number, b: number): number {
    switch (op) {
        case '+':
            return toInt32(a + b);
        case '-':
            return toInt32(a - b);
        case '*':
            // Math.imul keeps the low 32 bits exactly; a * b in doubles would lose them past 2^53.
            return Math.imul(a, b);
        case '/':
            if (b === 0) raise('MathException', 'Divide by 0');
            return toInt32(Math.trunc(a / b));
    }
}

export function longArith(op: IntegerOp, a: bigint, b: bigint): bigint {
    switch (op) {
        case '+':
            return toInt64(a + b);
        case '-':
            return toInt64(a - b);
        case '*':
            return toInt64(a * b);
        case '/':
            if (b === 0n) raise('MathException', 'Divide by 0');
            return toInt64(a / b); // bigint division truncates toward zero, as Java's does
    }
}

/** Remainder with the sign of the dividend (Java's %), which Math.mod returns. */
export function integerMod(a: number, b: number): number {
    if (b === 0) raise('MathException', 'Divide by 0');
    return toInt32(a % b);
}

export function longMod(a: bigint, b: bigint): bigint {
    if (b === 0n) raise('MathException', 'Divide by 0');
    return a % b;
}

export function integerBitwise(op: BitwiseOp, a: number, distanceOrOperand: number): number {
    const b = distanceOrOperand;
    switch (op) {
        case '&':
            return a & b;
        case '|':
            return a | b;
        case '^':
            return a ^ b;
        case '<<':
            return a << (b & 31);
        case '>>':
            return a >> (b & 31);
        case '>>>':
            return toInt32(a >>> (b & 31));
    }
}

export function longBitwise(op: BitwiseOp, a: bigint, b: bigint): bigint {
    switch (op) {
        case '&':
            return a & b;
        case '|':
            return a | b;
        case '^':
            return a ^ b;
        case '<<':
            return toInt64(a << (b & 63n));
        case '>>':
            return a >> (b & 63n); // bigint >> is arithmetic (sign-propagating), like Java's
        case '>>>':
            return toInt64(BigInt.asUintN(64, a) >> (b & 63n));
    }
}

const INTEGER_TEXT = /^[+-]?\d+$/;

/**
 * Integer.valueOf(String): "As in Java, the String is interpreted as representing a signed decimal integer"
 * (Apex Reference, "Integer Class"), so Integer.parseInt's grammar: an optional sign and ASCII digits, no
 * blanks, no decimal point. A bad string raises TypeException 'Invalid integer: <text>', the message an org gives.
 */
export function parseInteger(text: string): number {
    if (INTEGER_TEXT.test(text)) {
        const value = Number(text);
        if (Number.isSafeInteger(value) && value >= INTEGER_MIN && value <= INTEGER_MAX) return value;
    }
    return raise('TypeException', `Invalid integer: ${text}`);
}

/** Long.valueOf(String), Java's Long.parseLong grammar (Apex Reference, "Long Class"). */
export function parseLong(text: string): bigint {
    if (INTEGER_TEXT.test(text)) {
        const value = BigInt(text);
        if (value >= LONG_MIN && value <= LONG_MAX) return value;
    }
    return raise('TypeException', `Invalid long: ${text}`);
}
