// Apex numbers: Integer, Long, Double, Decimal arithmetic and conversion, literals, and the native bindings of
// Integer, Long, Double, Decimal, Math and System.RoundingMode. The interpreter needs only what this exports.
export {
    arith,
    bitNot,
    bitwise,
    castNumber,
    compareNumbers,
    convertNumber,
    isNumber,
    negate,
    numberToString,
    numbersEqual,
    numericTypeOf,
    type ArithOp,
    type BitwiseOp,
    type NumericType
} from './promotion';
export { parseIntegerLiteral, parseLongLiteral, parseNumberLiteral, parseNumericLiteral } from './literals';
export { decimalFromDouble, decimalToPlainString, decimalToString, parseDecimal } from './decimal';
export { javaDoubleToString, parseDouble } from './double';
export { parseInteger, parseLong } from './integer';
export { ROUNDING_MODES, type RoundingMode } from './rounding';
export { numberEnums, numberTypes, roundingModeValue } from './bindings';
