// Numeric literals as they appear in Apex source.
//
// Apex Developer Guide, "Rules of Conversion" > "Data Types of Numeric Values"
// (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_rules_of_conversion.htm):
// a number is an Integer unless it ends in L (Long) or has a decimal point; a literal over the Integer range
// is a compile error unless it carries the L. "Primitive Data Types" shows `Double e = 2.7182818284D;`: a
// point and a d/D suffix make a Double; a point alone makes a Decimal whose scale is its fraction's length
// (1.50 has scale 2). Scientific notation is not Apex ("Scientific notation (e) for Doubles isn't supported").
// The lexer this project parses with (@apexdevtools/apex-parser) agrees: IntegerLiteral = digits,
// LongLiteral = digits [lL], NumberLiteral = digits? '.' digits [dD]?; no hexadecimal, octal or exponent forms
// (leading zeros are plain decimal digits).
import { raise } from '../errors';
import { ApexDecimal, ApexDouble, ApexLong } from '../values';
import { parseDecimal } from './decimal';
import { INTEGER_MAX, LONG_MAX } from './integer';

const INTEGER_LITERAL = /^\d+$/;
const LONG_LITERAL = /^(\d+)[lL]$/;
const NUMBER_LITERAL = /^(\d*\.\d+)([dD]?)$/;

/** '42' -> 42. Over 2147483647 is Apex's compile error 'Invalid Integer: <digits>', raised here as TypeException. */
export function parseIntegerLiteral(text: string): number {
    if (!INTEGER_LITERAL.test(text)) return raise('TypeException', `Invalid Integer: ${text}`);
    const value = BigInt(text);
    if (value > BigInt(INTEGER_MAX)) return raise('TypeException', `Invalid Integer: ${text}`);
    return Number(value);
}

/** '42L' -> Long 42. */
export function parseLongLiteral(text: string): ApexLong {
    const match = LONG_LITERAL.exec(text);
    if (!match || BigInt(match[1]) > LONG_MAX) return raise('TypeException', `Invalid Long: ${text}`);
    return new ApexLong(BigInt(match[1]));
}

/** '1.50' -> Decimal 1.50 (scale 2); '1.5d' -> Double 1.5. */
export function parseNumberLiteral(text: string): ApexDecimal | ApexDouble {
    const match = NUMBER_LITERAL.exec(text);
    if (!match) return raise('TypeException', `Invalid number: ${text}`);
    return match[2] ? new ApexDouble(Number(match[1])) : parseDecimal(match[1]);
}

/** Any numeric literal token, typed by its form: Integer, Long, Double or Decimal. */
export function parseNumericLiteral(text: string): number | ApexLong | ApexDouble | ApexDecimal {
    if (INTEGER_LITERAL.test(text)) return parseIntegerLiteral(text);
    if (LONG_LITERAL.test(text)) return parseLongLiteral(text);
    return parseNumberLiteral(text);
}
