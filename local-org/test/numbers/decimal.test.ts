// Decimal: construction, scale, rounding, printing and conversion. Source: Apex Reference "Decimal Class"
// (apex_methods_system_decimal.htm; the examples there are reproduced here) and Apex Developer Guide
// "Primitive Data Types"; java.math.BigDecimal where the Reference is silent (noted per test).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    compareDecimals,
    decimal,
    decimalAbs,
    decimalAdd,
    decimalDoubleValue,
    decimalFromDouble,
    decimalIntValue,
    decimalLongValue,
    decimalMultiply,
    decimalPow,
    decimalPrecision,
    decimalRound,
    decimalSubtract,
    decimalToPlainString,
    decimalToString,
    parseDecimal,
    setScale,
    stripTrailingZeros
} from '../../src/runtime/numbers/decimal';
import type { RoundingMode } from '../../src/runtime/numbers/rounding';
import { assertDecimal, assertThrowsApex, dec } from './helpers';

describe('Decimal scale (Primitive Data Types: a Decimal made from a String keeps its fraction digits)', () => {
    test("Decimal.valueOf('1.50') has scale 2", () => {
        assert.equal(parseDecimal('1.50').scale, 2);
    });

    test("Decimal.valueOf('12.4567') is 12.4567 (Reference example)", () => {
        assertDecimal(parseDecimal('12.4567'), '12.4567');
    });

    test('9.27400968 has scale 8 (Reference scale() example)', () => {
        assert.equal(dec('9.27400968').scale, 8);
    });

    test("Decimal.valueOf('abc') raises TypeException 'Invalid decimal: abc'", () => {
        assertThrowsApex(() => parseDecimal('abc'), 'TypeException', 'Invalid decimal: abc');
    });

    test("Decimal.valueOf('') raises TypeException 'Invalid decimal: '", () => {
        assertThrowsApex(() => parseDecimal(''), 'TypeException', 'Invalid decimal: ');
    });

    test("Decimal.valueOf('1.5E3') reads an exponent, as BigDecimal(String) does", () => {
        assertDecimal(parseDecimal('1.5E3'), '1.5E+3');
    });

    test('Decimal.valueOf(Double 2.718281828459045) is 2.718281828459045 (Reference example)', () => {
        assertDecimal(decimalFromDouble(2.718281828459045), '2.718281828459045');
    });

    test('a Decimal made from Double 10.0 has scale 1: the Double is converted to a String first', () => {
        assertDecimal(decimalFromDouble(10), '10.0');
    });

    test('a Decimal made from Double 1.0E10 is 1.0E+10, BigDecimal.valueOf(double)', () => {
        assertDecimal(decimalFromDouble(1e10), '1.0E+10');
    });

    test('a Decimal cannot be made from NaN', () => {
        assertThrowsApex(() => decimalFromDouble(NaN), 'TypeException', 'Infinite or NaN');
    });
});

describe('Decimal arithmetic (BigDecimal: exact; sum at the larger scale, product at the sum of scales)', () => {
    test('1.10 + 2.205 is 3.305', () => {
        assertDecimal(decimalAdd(dec('1.10'), dec('2.205')), '3.305');
    });

    test('1.50 - 1.5 is 0.00', () => {
        assertDecimal(decimalSubtract(dec('1.50'), dec('1.5')), '0.00');
    });

    test('1.5 * 1.5 is 2.25 and 1.50 * 2 is 3.00', () => {
        assertDecimal(decimalMultiply(dec('1.5'), dec('1.5')), '2.25');
        assertDecimal(decimalMultiply(dec('1.50'), decimal(2)), '3.00');
    });

    test('abs of -6.02214129 is 6.02214129 (Reference example)', () => {
        assertDecimal(decimalAbs(dec('-6.02214129')), '6.02214129');
    });

    test('4.12.pow(2) is 16.9744 (Reference example)', () => {
        assertDecimal(decimalPow(dec('4.12'), 2), '16.9744');
    });

    test('pow(0) is 1 (Reference: "If you use MyDecimal.pow(0), 1 is returned")', () => {
        assertDecimal(decimalPow(dec('4.12'), 0), '1');
    });

    test('pow outside 0..32767 raises MathException (Java: "Invalid operation")', () => {
        assertThrowsApex(() => decimalPow(dec('2'), -1), 'MathException', 'Invalid operation');
    });
});

describe('Decimal comparison (Expression Operators: == compares values)', () => {
    test('1.0 and 1.00 compare equal', () => {
        assert.equal(compareDecimals(dec('1.0'), dec('1.00')), 0);
    });

    test('-1.5 is less than 1', () => {
        assert.equal(compareDecimals(dec('-1.5'), decimal(1)), -1);
    });
});

describe('setScale (Reference: half-even by default; scale between -33 and 33)', () => {
    test('8.987551787.setScale(3) is 8.988 (Reference example)', () => {
        assertDecimal(setScale(dec('8.987551787'), 3), '8.988');
    });

    test('5.245.setScale(2) is 5.24: the default rounding is half-even', () => {
        assertDecimal(setScale(dec('5.245'), 2), '5.24');
    });

    test('5.235.setScale(2) is 5.24', () => {
        assertDecimal(setScale(dec('5.235'), 2), '5.24');
    });

    test('setScale to a larger scale appends zeros: 1.5.setScale(3) is 1.500', () => {
        assertDecimal(setScale(dec('1.5'), 3), '1.500');
    });

    test('4000.setScale(-3) is 4*10^3 (Reference example), printed 4E+3', () => {
        assertDecimal(setScale(decimal(4000), -3), '4E+3');
    });

    test('setScale(1, UNNECESSARY) on 1.25 raises MathException "Rounding necessary"', () => {
        assertThrowsApex(() => setScale(dec('1.25'), 1, 'UNNECESSARY'), 'MathException', 'Rounding necessary');
    });

    test('setScale(1, UNNECESSARY) on 1.20 is 1.2: no rounding was needed', () => {
        assertDecimal(setScale(dec('1.20'), 1, 'UNNECESSARY'), '1.2');
    });

    test('setScale(2, HALF_UP) on -1.005 is -1.01', () => {
        assertDecimal(setScale(dec('-1.005'), 2, 'HALF_UP'), '-1.01');
    });
});

describe('round(roundingMode): the Reference Rounding Mode examples for 5.5, 1.1, -1.1, -2.7', () => {
    const inputs = ['5.5', '1.1', '-1.1', '-2.7'];
    const expected: Record<Exclude<RoundingMode, 'UNNECESSARY'>, bigint[]> = {
        CEILING: [6n, 2n, -1n, -2n],
        DOWN: [5n, 1n, -1n, -2n],
        FLOOR: [5n, 1n, -2n, -3n],
        HALF_DOWN: [5n, 1n, -1n, -3n],
        HALF_EVEN: [6n, 1n, -1n, -3n],
        HALF_UP: [6n, 1n, -1n, -3n],
        UP: [6n, 2n, -2n, -3n]
    };
    for (const [mode, results] of Object.entries(expected)) {
        test(`${mode} rounds 5.5, 1.1, -1.1, -2.7 to ${results.join(', ')}`, () => {
            assert.deepEqual(
                inputs.map((input) => decimalRound(dec(input), mode as RoundingMode)),
                results
            );
        });
    }

    test('UNNECESSARY rounds 1.0 to 1 and raises MathException for 5.5 (Reference example)', () => {
        assert.equal(decimalRound(dec('1.0'), 'UNNECESSARY'), 1n);
        assertThrowsApex(() => decimalRound(dec('5.5'), 'UNNECESSARY'), 'MathException', 'Rounding necessary');
    });

    test('HALF_DOWN rounds 2.5 down to 2 and HALF_EVEN rounds 2.5 to 2', () => {
        assert.equal(decimalRound(dec('2.5'), 'HALF_DOWN'), 2n);
        assert.equal(decimalRound(dec('2.5'), 'HALF_EVEN'), 2n);
    });
});

describe('round() (Reference: half-even to zero places, a Long)', () => {
    test('4.5 rounds to 4, 5.5 to 6, 5.2 to 5 and -5.7 to -6 (Reference example)', () => {
        assert.deepEqual(
            ['4.5', '5.5', '5.2', '-5.7'].map((text) => decimalRound(dec(text))),
            [4n, 6n, 5n, -6n]
        );
    });
});

describe('precision, stripTrailingZeros', () => {
    test('precision of 123.45 is 5 and of 123.123 is 6 (Reference example)', () => {
        assert.equal(decimalPrecision(dec('123.45')), 5);
        assert.equal(decimalPrecision(dec('123.123')), 6);
    });

    test('precision of 0 is 1, as BigDecimal counts it', () => {
        assert.equal(decimalPrecision(decimal(0)), 1);
    });

    test('1.10000.stripTrailingZeros() equals 1.1 (Reference example)', () => {
        assertDecimal(stripTrailingZeros(dec('1.10000')), '1.1');
    });

    test('100.stripTrailingZeros() is 1E+2, as in Java', () => {
        assertDecimal(stripTrailingZeros(decimal(100)), '1E+2');
    });

    test('0.000.stripTrailingZeros() is 0 with scale 0 (Java 8 and later)', () => {
        assertDecimal(stripTrailingZeros(dec('0.000')), '0');
    });
});

describe('String.valueOf(Decimal) is BigDecimal.toString; toPlainString never uses scientific notation', () => {
    test("toPlainString of 12345.6789 is '12345.6789' (Reference example)", () => {
        assert.equal(decimalToPlainString(dec('12345.6789')), '12345.6789');
    });

    test('String.valueOf keeps the scale: 1.50 prints 1.50', () => {
        assert.equal(decimalToString(dec('1.50')), '1.50');
    });

    test('String.valueOf prints 0.000001 plainly and 0.0000001 as 1E-7 (BigDecimal.toString)', () => {
        assert.equal(decimalToString(dec('0.000001')), '0.000001');
        assert.equal(decimalToString(dec('0.0000001')), '1E-7');
    });

    test('toPlainString prints 1E-7 as 0.0000001 and 4E+3 as 4000', () => {
        assert.equal(decimalToPlainString(dec('1E-7')), '0.0000001');
        assert.equal(decimalToPlainString(setScale(decimal(4000), -3)), '4000');
    });

    test('a negative Decimal prints with its sign: -0.05', () => {
        assert.equal(decimalToString(dec('-0.05')), '-0.05');
    });
});

describe('intValue, longValue, doubleValue (Reference examples; truncation as BigDecimal)', () => {
    test('1.602176565.intValue() is 1', () => {
        assert.equal(decimalIntValue(dec('1.602176565')), 1);
    });

    test('-1.9.intValue() is -1: the fraction is truncated toward zero', () => {
        assert.equal(decimalIntValue(dec('-1.9')), -1);
    });

    test('intValue keeps the low 32 bits of a larger value, as BigDecimal.intValue does', () => {
        assert.equal(decimalIntValue(dec('2147483648')), -2147483648);
    });

    test('376.730313461.longValue() is 376', () => {
        assert.equal(decimalLongValue(dec('376.730313461')), 376n);
    });

    test('6.62606957.doubleValue() is 6.62606957', () => {
        assert.equal(decimalDoubleValue(dec('6.62606957')), 6.62606957);
    });

    test('doubleValue of 1E+400 is Infinity and of 0.1 is the nearest double', () => {
        assert.equal(decimalDoubleValue(dec('1E+400')), Infinity);
        assert.equal(decimalDoubleValue(dec('0.1')), 0.1);
    });
});
