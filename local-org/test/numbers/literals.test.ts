// Numeric literals. Sources: Apex Developer Guide "Rules of Conversion" > "Data Types of Numeric Values"
// (Integer unless L or a decimal point; an Integer literal over the range is a compile error) and "Primitive
// Data Types" (`Double e = 2.7182818284D;`; no scientific notation); the apex-parser lexer's token forms.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseIntegerLiteral, parseNumericLiteral } from '../../src/runtime/numbers/literals';
import { ApexDecimal, ApexDouble, ApexLong } from '../../src/runtime/values';
import { assertDecimal, assertDouble, assertLong, assertThrowsApex } from './helpers';

describe('numeric literals', () => {
    test("'42' is the Integer 42", () => {
        assert.equal(parseNumericLiteral('42'), 42);
    });

    test("'2147483647' is the largest Integer literal", () => {
        assert.equal(parseIntegerLiteral('2147483647'), 2147483647);
    });

    test("'2147483648' without L is rejected with 'Invalid Integer: 2147483648'", () => {
        assertThrowsApex(() => parseNumericLiteral('2147483648'), 'TypeException', 'Invalid Integer: 2147483648');
    });

    test("'2147483648L' is a Long", () => {
        assertLong(parseNumericLiteral('2147483648L'), 2147483648n);
    });

    test("'42l' (lower-case l) is a Long too", () => {
        assert.ok(parseNumericLiteral('42l') instanceof ApexLong);
    });

    test("'9223372036854775808L' is out of the Long range and rejected", () => {
        assertThrowsApex(
            () => parseNumericLiteral('9223372036854775808L'),
            'TypeException',
            'Invalid Long: 9223372036854775808L'
        );
    });

    test("'1.50' is a Decimal with scale 2", () => {
        const value = parseNumericLiteral('1.50');
        assertDecimal(value, '1.50');
        assert.equal((value as ApexDecimal).scale, 2);
    });

    test("'.5' is the Decimal 0.5", () => {
        assertDecimal(parseNumericLiteral('.5'), '0.5');
    });

    test("'2.7182818284D' is a Double (Primitive Data Types example)", () => {
        assertDouble(parseNumericLiteral('2.7182818284D'), 2.7182818284);
    });

    test("'1.5d' is a Double", () => {
        assert.ok(parseNumericLiteral('1.5d') instanceof ApexDouble);
    });

    test("'007' is the Integer 7: leading zeros are not octal", () => {
        assert.equal(parseNumericLiteral('007'), 7);
    });

    test("'1.5e3' is not an Apex literal (no scientific notation)", () => {
        assertThrowsApex(() => parseNumericLiteral('1.5e3'), 'TypeException', 'Invalid number: 1.5e3');
    });
});
