// System.Math. Apex Reference, "Math Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_math.htm):
// every method is static; overloads by Integer, Long, Double and Decimal as listed there.
//
// Overload order: the interpreter takes the first overload whose parameters accept the arguments, widening a
// narrower number to the declared type. Apex's numeric hierarchy is Integer < Long < Double < Decimal
// ("Rules of Conversion"), so overloads are listed in that order: an Integer argument then binds to the
// Integer overload, a Double to the Double one (not to Decimal, which is above Double), and max(Integer, Long)
// to the Long one, as Apex's compile-time choice of the most specific overload does.
//
// The Reference's descriptions of the Double functions are java.lang.Math's word for word (ceil: "the
// smallest (closest to negative infinity) ... equal to a mathematical integer"; signum: "0 ... 1.0 ... -1.0"),
// and the Decimal overloads say the same: they are taken to evaluate java.lang.Math on the Decimal's double
// value and convert the result back with Decimal.valueOf(Double), so Math.sqrt(4.0) is 2.0 (scale 1).
// abs, max and min on Decimals are BigDecimal's exact operations; round and roundToLong on Decimals round
// half-even (the Reference says so).
import { raise } from '../errors';
import { method, type NativeMethod, type NativeType } from '../native';
import { ApexDouble, ApexLong } from '../values';
import { decimalArg, doubleArg, integerArg, longArg } from './args';
import {
    compareDecimals,
    decimalAbs,
    decimalDoubleValue,
    decimalFromDouble,
    decimalRound,
    decimalRoundToInteger
} from './decimal';
import { roundDoubleToLong } from './double';
import { INTEGER_MAX, INTEGER_MIN, integerMod, longMod, toInt32, toInt64 } from './integer';

type DoubleFunction = (x: number) => number;

/** A function of one number, for Double and (through the double value) Decimal. */
function unary(fn: DoubleFunction): NativeMethod[] {
    return [
        method(['Double'], 'Double', ([x]) => new ApexDouble(fn(doubleArg(x)))),
        method(['Decimal'], 'Decimal', ([x]) => decimalFromDouble(fn(decimalDoubleValue(decimalArg(x)))))
    ];
}

/**
 * Math.round's Integer result: "If the result is less than -2,147,483,648 or greater than 2,147,483,647, Apex
 * generates an error." The Reference does not name it; a MathException is raised.
 */
function toIntegerResult(value: bigint): number {
    if (value < BigInt(INTEGER_MIN) || value > BigInt(INTEGER_MAX)) {
        return raise('MathException', `Math.round result ${value} is outside the Integer range`);
    }
    return Number(value);
}

function extremum(pick: 1 | -1): NativeMethod[] {
    const longPick = (a: bigint, b: bigint): bigint => ((a > b ? 1 : -1) === pick ? a : b);
    return [
        method(['Integer', 'Integer'], 'Integer', ([a, b]) => {
            const x = integerArg(a);
            const y = integerArg(b);
            return pick === 1 ? Math.max(x, y) : Math.min(x, y);
        }),
        method(['Long', 'Long'], 'Long', ([a, b]) => new ApexLong(longPick(longArg(a), longArg(b)))),
        method(['Double', 'Double'], 'Double', ([a, b]) => {
            const x = doubleArg(a);
            const y = doubleArg(b);
            return new ApexDouble(pick === 1 ? Math.max(x, y) : Math.min(x, y));
        }),
        // BigDecimal.max/min: the first operand when the two compare equal, keeping its scale.
        method(['Decimal', 'Decimal'], 'Decimal', ([a, b]) => {
            const x = decimalArg(a);
            const y = decimalArg(b);
            const order = compareDecimals(x, y);
            return order === 0 || order === pick ? x : y;
        })
    ];
}

const mathMethods: Record<string, readonly NativeMethod[]> = {
    abs: [
        // Java's Math.abs: the absolute value of MIN_VALUE is MIN_VALUE itself.
        method(['Integer'], 'Integer', ([x]) => toInt32(Math.abs(integerArg(x)))),
        method(['Long'], 'Long', ([x]) => {
            const value = longArg(x);
            return new ApexLong(toInt64(value < 0n ? -value : value));
        }),
        method(['Double'], 'Double', ([x]) => new ApexDouble(Math.abs(doubleArg(x)))),
        method(['Decimal'], 'Decimal', ([x]) => decimalAbs(decimalArg(x)))
    ],
    acos: unary(Math.acos),
    asin: unary(Math.asin),
    atan: unary(Math.atan),
    // atan2(xCoordinate, yCoordinate) is java.lang.Math.atan2(y, x) under the Reference's parameter names.
    atan2: [
        method(['Double', 'Double'], 'Double', ([x, y]) => new ApexDouble(Math.atan2(doubleArg(x), doubleArg(y)))),
        method(['Decimal', 'Decimal'], 'Decimal', ([x, y]) =>
            decimalFromDouble(Math.atan2(decimalDoubleValue(decimalArg(x)), decimalDoubleValue(decimalArg(y))))
        )
    ],
    cbrt: unary(Math.cbrt),
    ceil: unary(Math.ceil),
    cos: unary(Math.cos),
    cosh: unary(Math.cosh),
    exp: unary(Math.exp),
    floor: unary(Math.floor),
    log: unary(Math.log),
    log10: unary(Math.log10),
    max: extremum(1),
    min: extremum(-1),
    // "Returns the remainder of integerValue1 divided by integerValue2": Java's %, the sign of the dividend.
    mod: [
        method(['Integer', 'Integer'], 'Integer', ([a, b]) => integerMod(integerArg(a), integerArg(b))),
        method(['Long', 'Long'], 'Long', ([a, b]) => new ApexLong(longMod(longArg(a), longArg(b))))
    ],
    // Java's Math.pow and JS's ** agree on every special case (1 to the power Infinity is NaN in both).
    pow: [method(['Double', 'Double'], 'Double', ([x, y]) => new ApexDouble(Math.pow(doubleArg(x), doubleArg(y))))],
    random: [method([], 'Double', () => new ApexDouble(Math.random()))],
    rint: unary(rint),
    round: [
        method(['Double'], 'Integer', ([x]) => toIntegerResult(roundDoubleToLong(doubleArg(x)))),
        method(['Decimal'], 'Integer', ([x]) => toIntegerResult(decimalRoundToInteger(decimalArg(x))))
    ],
    roundToLong: [
        method(['Double'], 'Long', ([x]) => new ApexLong(roundDoubleToLong(doubleArg(x)))),
        method(['Decimal'], 'Long', ([x]) => new ApexLong(decimalRound(decimalArg(x))))
    ],
    signum: unary(Math.sign),
    sin: unary(Math.sin),
    sinh: unary(Math.sinh),
    sqrt: unary(Math.sqrt),
    tan: unary(Math.tan),
    tanh: unary(Math.tanh)
};

/** java.lang.Math.rint: the closest integer value, ties to the even one, keeping the sign of a zero. */
function rint(x: number): number {
    if (!Number.isFinite(x)) return x;
    const floor = Math.floor(x);
    const fraction = x - floor;
    const nearest = fraction < 0.5 ? floor : fraction > 0.5 ? floor + 1 : floor % 2 === 0 ? floor : floor + 1;
    return nearest === 0 && (x < 0 || Object.is(x, -0)) ? -0 : nearest;
}

export const mathType: NativeType = {
    name: 'Math',
    namespace: 'System',
    staticMethods: mathMethods,
    staticProperties: {
        e: () => new ApexDouble(Math.E),
        pi: () => new ApexDouble(Math.PI)
    }
};
