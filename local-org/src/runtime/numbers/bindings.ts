// Native bindings of Integer, Long, Double, Decimal (and Math, from math.ts) and the System.RoundingMode enum.
// Each group cites its Apex Reference page; methods a page does not list are not provided.
import { raise } from '../errors';
import { method, type NativeEnum, type NativeMethod, type NativeType } from '../native';
import { ApexDecimal, ApexDouble, ApexLong, enumValue, type ApexEnumValue, type ApexValue } from '../values';
import { decimalArg, doubleArg, integerArg, longArg, roundingModeArg } from './args';
import {
    decimal,
    decimalAbs,
    decimalDivide,
    decimalDoubleValue,
    decimalFromDouble,
    decimalIntValue,
    decimalLongValue,
    decimalPow,
    decimalPrecision,
    decimalRound,
    decimalToPlainString,
    parseDecimal,
    setScale,
    stripTrailingZeros
} from './decimal';
import { doubleToInteger, doubleToLong, parseDouble, roundDoubleToLong } from './double';
import { formatDecimal, formatDouble, formatInteger } from './format';
import { parseInteger, parseLong } from './integer';
import { mathType } from './math';
import { numericTypeOf } from './promotion';
import { ROUNDING_MODES, type RoundingMode } from './rounding';

/** The System.RoundingMode value of a mode name. */
export function roundingModeValue(mode: RoundingMode): ApexEnumValue {
    return enumValue('RoundingMode', mode, ROUNDING_MODES.indexOf(mode));
}

/** Apex Reference, "Decimal Class" > "Rounding Mode". Ordinals follow java.math.RoundingMode (an assumption). */
export const roundingModeEnum: NativeEnum = { name: 'RoundingMode', namespace: 'System', values: ROUNDING_MODES };

function stringArg(value: ApexValue, what: string): string | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') return raise('TypeException', `${what} expects a String`);
    return value;
}

/**
 * valueOf(Object) of Integer and Double: "Converts the specified object ... Use this method to convert a history
 * tracking field value or an object that represents" a number. A String is parsed, a number converted as by its
 * intValue()/doubleValue(), null gives null; anything else is a failed conversion.
 */
function objectToNumber<T>(
    value: ApexValue,
    target: 'Integer' | 'Double',
    parse: (text: string) => T,
    convert: (n: ApexValue) => T
): T | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'string') return parse(value);
    const type = numericTypeOf(value);
    if (type === null)
        return raise('TypeException', `Invalid conversion from runtime type ${describe(value)} to ${target}`);
    return convert(value);
}

function describe(value: ApexValue): string {
    if (typeof value === 'boolean') return 'Boolean';
    return typeof value === 'object' && value !== null ? value.constructor.name : typeof value;
}

function toInteger(value: ApexValue): number {
    if (typeof value === 'number') return value;
    if (value instanceof ApexLong) return Number(BigInt.asIntN(32, value.value));
    if (value instanceof ApexDouble) return doubleToInteger(value.value);
    return decimalIntValue(value as ApexDecimal);
}

function toDouble(value: ApexValue): number {
    if (typeof value === 'number') return value;
    if (value instanceof ApexLong) return Number(value.value);
    if (value instanceof ApexDouble) return value.value;
    return decimalDoubleValue(value as ApexDecimal);
}

const formatMethod = (format: (self: ApexValue, locale: string) => string): NativeMethod =>
    method([], 'String', (_args, ctx, self) => format(self, ctx.userLocale));

/** Apex Reference, "Integer Class" (apex_methods_system_integer.htm): format(), valueOf(String), valueOf(Object). */
export const integerType: NativeType = {
    name: 'Integer',
    namespace: 'System',
    isInstance: (value) => typeof value === 'number',
    staticMethods: {
        valueOf: [
            method(['String'], 'Integer', ([text]) => {
                const value = stringArg(text, 'Integer.valueOf');
                return value === null ? null : parseInteger(value);
            }),
            method(['Object'], 'Integer', ([value]) => objectToNumber(value, 'Integer', parseInteger, toInteger))
        ]
    },
    instanceMethods: {
        format: [formatMethod((self, locale) => formatInteger(self as number, locale))]
    }
};

/** Apex Reference, "Long Class" (apex_methods_system_long.htm): format(), intValue(), valueOf(String). */
export const longType: NativeType = {
    name: 'Long',
    namespace: 'System',
    isInstance: (value) => value instanceof ApexLong,
    staticMethods: {
        valueOf: [
            method(['String'], 'Long', ([text]) => {
                const value = stringArg(text, 'Long.valueOf');
                return value === null ? null : new ApexLong(parseLong(value));
            })
        ]
    },
    instanceMethods: {
        format: [formatMethod((self, locale) => formatInteger((self as ApexLong).value, locale))],
        // Java's Long.intValue: the low 32 bits.
        intValue: [method([], 'Integer', (_args, _ctx, self) => Number(BigInt.asIntN(32, longArg(self))))]
    }
};

/**
 * Apex Reference, "Double Class" (apex_methods_system_double.htm): format(), intValue(), longValue(), round(),
 * valueOf(String), valueOf(Object).
 */
export const doubleType: NativeType = {
    name: 'Double',
    namespace: 'System',
    isInstance: (value) => value instanceof ApexDouble,
    staticMethods: {
        valueOf: [
            method(['String'], 'Double', ([text]) => {
                const value = stringArg(text, 'Double.valueOf');
                return value === null ? null : new ApexDouble(parseDouble(value));
            }),
            method(['Object'], 'Double', ([value]) => {
                const result = objectToNumber(value, 'Double', parseDouble, toDouble);
                return result === null ? null : new ApexDouble(result);
            })
        ]
    },
    instanceMethods: {
        format: [formatMethod((self, locale) => formatDouble(doubleArg(self), locale))],
        intValue: [method([], 'Integer', (_args, _ctx, self) => doubleToInteger(doubleArg(self)))],
        longValue: [method([], 'Long', (_args, _ctx, self) => new ApexLong(doubleToLong(doubleArg(self))))],
        round: [method([], 'Long', (_args, _ctx, self) => new ApexLong(roundDoubleToLong(doubleArg(self))))]
    }
};

const decimalSelf = (self: ApexValue): ApexDecimal => decimalArg(self);

/**
 * Apex Reference, "Decimal Class" (apex_methods_system_decimal.htm): abs, divide(2 forms), doubleValue, format,
 * intValue, longValue, pow, precision, round(2 forms), scale, setScale(2 forms), stripTrailingZeros,
 * toPlainString; static valueOf(Double|Long|String). valueOf(Long) is listed before valueOf(Double) so an
 * Integer argument widens to Long and keeps scale 0 (Decimal.valueOf(5) is 5, not 5.0).
 */
export const decimalType: NativeType = {
    name: 'Decimal',
    namespace: 'System',
    isInstance: (value) => value instanceof ApexDecimal,
    staticMethods: {
        valueOf: [
            method(['String'], 'Decimal', ([text]) => {
                const value = stringArg(text, 'Decimal.valueOf');
                return value === null ? null : parseDecimal(value);
            }),
            method(['Long'], 'Decimal', ([value]) => (value === null ? null : decimal(longArg(value)))),
            method(['Double'], 'Decimal', ([value]) => (value === null ? null : decimalFromDouble(doubleArg(value))))
        ]
    },
    instanceMethods: {
        abs: [method([], 'Decimal', (_args, _ctx, self) => decimalAbs(decimalSelf(self)))],
        divide: [
            method(['Decimal', 'Integer'], 'Decimal', ([divisor, scale], _ctx, self) =>
                decimalDivide(decimalSelf(self), decimalArg(divisor), integerArg(scale))
            ),
            method(['Decimal', 'Integer', 'RoundingMode'], 'Decimal', ([divisor, scale, mode], _ctx, self) =>
                decimalDivide(decimalSelf(self), decimalArg(divisor), integerArg(scale), roundingModeArg(mode))
            )
        ],
        doubleValue: [
            method([], 'Double', (_args, _ctx, self) => new ApexDouble(decimalDoubleValue(decimalSelf(self))))
        ],
        format: [formatMethod((self, locale) => formatDecimal(decimalSelf(self), locale))],
        intValue: [method([], 'Integer', (_args, _ctx, self) => decimalIntValue(decimalSelf(self)))],
        longValue: [method([], 'Long', (_args, _ctx, self) => new ApexLong(decimalLongValue(decimalSelf(self))))],
        pow: [
            method(['Integer'], 'Decimal', ([exponent], _ctx, self) =>
                decimalPow(decimalSelf(self), integerArg(exponent))
            )
        ],
        precision: [method([], 'Integer', (_args, _ctx, self) => decimalPrecision(decimalSelf(self)))],
        round: [
            method([], 'Long', (_args, _ctx, self) => new ApexLong(decimalRound(decimalSelf(self)))),
            method(
                ['RoundingMode'],
                'Long',
                ([mode], _ctx, self) => new ApexLong(decimalRound(decimalSelf(self), roundingModeArg(mode)))
            )
        ],
        scale: [method([], 'Integer', (_args, _ctx, self) => decimalSelf(self).scale)],
        setScale: [
            method(['Integer'], 'Decimal', ([scale], _ctx, self) => setScale(decimalSelf(self), integerArg(scale))),
            method(['Integer', 'RoundingMode'], 'Decimal', ([scale, mode], _ctx, self) =>
                setScale(decimalSelf(self), integerArg(scale), roundingModeArg(mode))
            )
        ],
        stripTrailingZeros: [method([], 'Decimal', (_args, _ctx, self) => stripTrailingZeros(decimalSelf(self)))],
        toPlainString: [method([], 'String', (_args, _ctx, self) => decimalToPlainString(decimalSelf(self)))]
    }
};

export const numberTypes: NativeType[] = [integerType, longType, doubleType, decimalType, mathType];
export const numberEnums: NativeEnum[] = [roundingModeEnum];
