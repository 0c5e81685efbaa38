// Mixed-type arithmetic, comparison and conversion: what the interpreter calls for + - * /, unary minus, the
// bitwise operators, == < >, assignment and casts on numbers.
//
// Apex Developer Guide, "Rules of Conversion"
// (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_rules_of_conversion.htm):
// "Numbers form a hierarchy of types... Integer, Long, Double, Decimal"; a lower type is assigned to a higher
// one implicitly and "the value is converted to the higher type". An operation on two numbers is therefore
// done in the higher of their types: Integer op Integer is an Integer, a Long makes it Long, a Double Double,
// and a Decimal makes it Decimal, Decimal op Double included (Decimal is above Double; an org compiles
// `(aDouble / 36.5).setScale(0)`, a Decimal method, see RoseSilverSoftware/IlluminatedCloud issue #818).
// Decimal -> Double is implicit too: the Reference's own example `Double pi = 3.14159;` assigns a Decimal
// literal (Primitive Data Types, "Double data type declaration").
// "Expression Operators" (langCon_apex_expressions_operators_understanding.htm): == compares values, so
// Integer 1 == Decimal 1.0 and 1.0 == 1.00 are true (BigDecimal.compareTo, not equals).
import { raise } from '../errors';
import { ApexDecimal, ApexDouble, ApexLong, type ApexValue } from '../values';
import {
    compareDecimals,
    decimal,
    decimalAdd,
    decimalDivideOperator,
    decimalDoubleValue,
    decimalFromDouble,
    decimalMultiply,
    decimalNegate,
    decimalSubtract,
    decimalToString
} from './decimal';
import { doubleArith, javaDoubleToString } from './double';
import { integerArith, integerBitwise, longArith, longBitwise, toInt32, toInt64, type BitwiseOp } from './integer';

export type NumericType = 'Integer' | 'Long' | 'Double' | 'Decimal';
export type ArithOp = '+' | '-' | '*' | '/';
export type { BitwiseOp };

const RANK: Record<NumericType, number> = { Integer: 0, Long: 1, Double: 2, Decimal: 3 };

export function isNumber(value: ApexValue): boolean {
    return numericTypeOf(value) !== null;
}

export function numericTypeOf(value: ApexValue): NumericType | null {
    if (typeof value === 'number') return 'Integer';
    if (value instanceof ApexLong) return 'Long';
    if (value instanceof ApexDouble) return 'Double';
    if (value instanceof ApexDecimal) return 'Decimal';
    return null;
}

function typeOfOperand(value: ApexValue, what: string): NumericType {
    const type = numericTypeOf(value);
    if (type === null) return raise('TypeException', `${what} needs numeric operands, got ${describe(value)}`);
    return type;
}

function describe(value: ApexValue): string {
    if (value === null || value === undefined) return 'null';
    return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}

function higher(a: NumericType, b: NumericType): NumericType {
    return RANK[a] >= RANK[b] ? a : b;
}

// Raw values of each type, for an operand already known to be at or below that type.
function asBigInt(value: ApexValue): bigint {
    return typeof value === 'number' ? BigInt(value) : (value as ApexLong).value;
}

function asDouble(value: ApexValue): number {
    if (typeof value === 'number') return value;
    if (value instanceof ApexLong) return Number(value.value); // rounds to nearest, as Java's long -> double
    if (value instanceof ApexDouble) return value.value;
    return decimalDoubleValue(value as ApexDecimal);
}

function asDecimal(value: ApexValue): ApexDecimal {
    if (typeof value === 'number') return decimal(value);
    if (value instanceof ApexLong) return decimal(value.value);
    if (value instanceof ApexDouble) return decimalFromDouble(value.value);
    return value as ApexDecimal;
}

/** a op b with Apex's promotion. Division by zero raises MathException 'Divide by 0' for every type. */
export function arith(op: ArithOp, a: ApexValue, b: ApexValue): ApexValue {
    const type = higher(typeOfOperand(a, op), typeOfOperand(b, op));
    switch (type) {
        case 'Integer':
            return integerArith(op, a as number, b as number);
        case 'Long':
            return new ApexLong(longArith(op, asBigInt(a), asBigInt(b)));
        case 'Double':
            return new ApexDouble(doubleArith(op, asDouble(a), asDouble(b)));
        case 'Decimal': {
            const x = asDecimal(a);
            const y = asDecimal(b);
            if (op === '+') return decimalAdd(x, y);
            if (op === '-') return decimalSubtract(x, y);
            if (op === '*') return decimalMultiply(x, y);
            return decimalDivideOperator(x, y);
        }
    }
}

/** Unary minus; -Integer.MIN_VALUE wraps to itself, as in Java. */
export function negate(value: ApexValue): ApexValue {
    switch (typeOfOperand(value, 'unary -')) {
        case 'Integer':
            return toInt32(-(value as number));
        case 'Long':
            return new ApexLong(toInt64(-(value as ApexLong).value));
        case 'Double':
            return new ApexDouble(-(value as ApexDouble).value);
        case 'Decimal':
            return decimalNegate(value as ApexDecimal);
    }
}

/**
 * & | ^ << >> >>> ("Expression Operators"). On two Booleans & | ^ are the non-short-circuit logical operators
 * (`x &= y` on Booleans is documented there). On numbers only Integer and Long take part; & | ^ are done in the
 * higher of the two types, a shift in the left operand's type with the distance masked as in Java.
 */
export function bitwise(op: BitwiseOp, a: ApexValue, b: ApexValue): ApexValue {
    if (typeof a === 'boolean' && typeof b === 'boolean' && (op === '&' || op === '|' || op === '^')) {
        return op === '&' ? a && b : op === '|' ? a || b : a !== b;
    }
    const left = integralType(a, op);
    const right = integralType(b, op);
    const shift = op === '<<' || op === '>>' || op === '>>>';
    const type = shift ? left : higher(left, right);
    if (type === 'Integer') {
        const distance = right === 'Long' ? Number(BigInt.asIntN(32, (b as ApexLong).value)) : (b as number);
        return integerBitwise(op, a as number, distance);
    }
    return new ApexLong(longBitwise(op, asBigInt(a), asBigInt(b)));
}

function integralType(value: ApexValue, op: string): 'Integer' | 'Long' {
    const type = typeOfOperand(value, op);
    if (type !== 'Integer' && type !== 'Long')
        return raise('TypeException', `${op} needs Integer or Long operands, got ${type}`);
    return type;
}

/** ~x: bitwise complement of an Integer or Long; on a Boolean it toggles ("Expression Operators"). */
export function bitNot(value: ApexValue): ApexValue {
    if (typeof value === 'boolean') return !value;
    if (integralType(value, '~') === 'Integer') return ~(value as number);
    return new ApexLong(~(value as ApexLong).value);
}

/**
 * -1, 0 or 1 comparing two numbers of any types by value, in the higher of the two types (Long vs Double
 * compares as doubles, as Java does; Double vs Decimal as Decimals, the Double read as its String form).
 * NaN is unordered: the result is then NaN, so `< 0`, `> 0` and `=== 0` are all false, as Java's < > == are.
 */
export function compareNumbers(a: ApexValue, b: ApexValue): number {
    const type = higher(typeOfOperand(a, 'comparison'), typeOfOperand(b, 'comparison'));
    switch (type) {
        case 'Integer':
            return Math.sign((a as number) - (b as number));
        case 'Long': {
            const x = asBigInt(a);
            const y = asBigInt(b);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        case 'Double':
            return compareDoubles(asDouble(a), asDouble(b));
        case 'Decimal':
            // NaN and the infinities have no Decimal; against them any finite value acts as 0.
            if (isNonFinite(a) || isNonFinite(b)) return compareDoubles(nonFiniteOrZero(a), nonFiniteOrZero(b));
            return compareDecimals(asDecimal(a), asDecimal(b));
    }
}

function isNonFinite(value: ApexValue): value is ApexDouble {
    return value instanceof ApexDouble && !Number.isFinite(value.value);
}

function nonFiniteOrZero(value: ApexValue): number {
    return isNonFinite(value) ? value.value : 0;
}

function compareDoubles(x: number, y: number): number {
    if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
    return x < y ? -1 : x > y ? 1 : 0;
}

/** Apex == on two numbers: Integer 1 == Long 1 == Double 1.0 == Decimal 1.00. */
export function numbersEqual(a: ApexValue, b: ApexValue): boolean {
    return compareNumbers(a, b) === 0;
}

/** The implicit conversions of assignment and parameter passing: up the hierarchy, and Decimal -> Double. */
export function convertNumber(value: ApexValue, to: NumericType): ApexValue {
    const from = typeOfOperand(value, `conversion to ${to}`);
    if (!canConvert(from, to)) return raise('TypeException', `Illegal assignment from ${from} to ${to}`);
    return widen(value, from, to);
}

/**
 * An explicit cast `(T) value` of a value whose runtime type is numeric, e.g. `(Decimal) anObject`. The
 * conversions assignment allows succeed and convert; any other raises TypeException 'Invalid conversion from
 * runtime type Long to Integer', the message an org gives for a failed cast.
 */
export function castNumber(value: ApexValue, to: NumericType): ApexValue {
    const from = typeOfOperand(value, `cast to ${to}`);
    if (!canConvert(from, to)) return raise('TypeException', `Invalid conversion from runtime type ${from} to ${to}`);
    return widen(value, from, to);
}

function canConvert(from: NumericType, to: NumericType): boolean {
    return RANK[from] <= RANK[to] || (from === 'Decimal' && to === 'Double');
}

function widen(value: ApexValue, from: NumericType, to: NumericType): ApexValue {
    if (from === to) return value;
    switch (to) {
        case 'Long':
            return new ApexLong(asBigInt(value));
        case 'Double':
            return new ApexDouble(asDouble(value));
        case 'Decimal':
            return asDecimal(value);
        case 'Integer':
            return value;
    }
}

/**
 * String.valueOf for a number: Integer and Long in plain digits, Double as Java's Double.toString ('10.0',
 * '1.0E10'), Decimal as BigDecimal.toString (plain, except scientific notation below 10^-6 or for a negative
 * scale: '1E-7', '4E+3'; Decimal.toPlainString never uses it).
 */
export function numberToString(value: ApexValue): string {
    switch (typeOfOperand(value, 'String.valueOf')) {
        case 'Integer':
            return String(value as number);
        case 'Long':
            return (value as ApexLong).value.toString();
        case 'Double':
            return javaDoubleToString((value as ApexDouble).value);
        case 'Decimal':
            return decimalToString(value as ApexDecimal);
    }
}
