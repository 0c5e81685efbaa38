// Double: printing, parsing, division and conversion. Sources: Apex Reference "Double Class" (valueOf "as in
// Java", intValue, longValue, round examples), Apex Developer Guide "Rules of Conversion" (5.0/3.0 is
// 1.6666666666666667); Java's Double.toString / parseDouble / casts where the docs are silent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    doubleArith,
    doubleToInteger,
    doubleToLong,
    javaDoubleToString,
    parseDouble,
    roundDoubleToLong
} from '../../src/runtime/numbers/double';
import { assertThrowsApex } from './helpers';

describe('String.valueOf(Double) is Java Double.toString', () => {
    const cases: Array<[number, string]> = [
        [10, '10.0'],
        [1.5, '1.5'],
        [1e10, '1.0E10'],
        [1e-5, '1.0E-5'],
        [0.001, '0.001'],
        [1234567, '1234567.0'],
        [12345678, '1.2345678E7'],
        [0.1 + 0.2, '0.30000000000000004'],
        [-2.5, '-2.5'],
        [0, '0.0'],
        [-0, '-0.0'],
        [NaN, 'NaN'],
        [Infinity, 'Infinity'],
        [-Infinity, '-Infinity'],
        [5e-324, '4.9E-324'],
        [1.7976931348623157e308, '1.7976931348623157E308']
    ];
    for (const [value, text] of cases) {
        test(`${value} prints as ${text}`, () => {
            assert.equal(javaDoubleToString(value), text);
        });
    }

    test('5.0 / 3.0 in Doubles is 1.6666666666666667 (Rules of Conversion)', () => {
        assert.equal(javaDoubleToString(doubleArith('/', 5, 3)), '1.6666666666666667');
    });
});

describe('Double.valueOf(String) (Double Class: "As in Java")', () => {
    test("Double.valueOf('3.14159') is 3.14159 (Reference example)", () => {
        assert.equal(parseDouble('3.14159'), 3.14159);
    });

    test("Double.valueOf('1e3') reads scientific notation, as Java's parseDouble does", () => {
        assert.equal(parseDouble('1e3'), 1000);
    });

    test("Double.valueOf(' 2.5d ') ignores surrounding blanks and a d suffix, as Java does", () => {
        assert.equal(parseDouble(' 2.5d '), 2.5);
    });

    test("Double.valueOf('NaN') and ('-Infinity') read Java's special values", () => {
        assert.ok(Number.isNaN(parseDouble('NaN')));
        assert.equal(parseDouble('-Infinity'), -Infinity);
    });

    test("Double.valueOf('abc') raises TypeException 'Invalid double: abc'", () => {
        assertThrowsApex(() => parseDouble('abc'), 'TypeException', 'Invalid double: abc');
    });

    test("Double.valueOf('1,5') raises TypeException: no locale-dependent parsing", () => {
        assertThrowsApex(() => parseDouble('1,5'), 'TypeException', 'Invalid double: 1,5');
    });
});

describe('Double arithmetic', () => {
    test('0.1 + 0.2 is the binary64 sum 0.30000000000000004', () => {
        assert.equal(doubleArith('+', 0.1, 0.2), 0.30000000000000004);
    });

    test('dividing a Double by zero raises MathException "Divide by 0" (this runtime, see double.ts)', () => {
        assertThrowsApex(() => doubleArith('/', 1, 0), 'MathException', 'Divide by 0');
    });

    test('NaN propagates through arithmetic', () => {
        assert.ok(Number.isNaN(doubleArith('*', NaN, 2)));
    });
});

describe('Double conversions (Double Class examples; Java casts)', () => {
    test("Double.valueOf('3.14159').intValue() is 3", () => {
        assert.equal(doubleToInteger(3.14159), 3);
    });

    test('-3.9 intValue is -3: truncation toward zero', () => {
        assert.equal(doubleToInteger(-3.9), -3);
    });

    test('intValue saturates at the Integer range and sends NaN to 0, as a Java (int) cast', () => {
        assert.equal(doubleToInteger(1e20), 2147483647);
        assert.equal(doubleToInteger(-1e20), -2147483648);
        assert.equal(doubleToInteger(NaN), 0);
    });

    test('421994.longValue() is 421994', () => {
        assert.equal(doubleToLong(421994), 421994n);
    });

    test('longValue saturates at the Long range', () => {
        assert.equal(doubleToLong(1e30), 9223372036854775807n);
    });

    test('round() of 4.5 is 5, of 4.2 is 4, of -4.7 is -5 (Reference example)', () => {
        assert.deepEqual([4.5, 4.2, -4.7].map(roundDoubleToLong), [5n, 4n, -5n]);
    });

    test('round() of -4.5 is -4: ties go toward positive infinity (Java Math.round)', () => {
        assert.equal(roundDoubleToLong(-4.5), -4n);
    });

    test('round() of 0.49999999999999994 is 0, not 1 (Java 7+ Math.round)', () => {
        assert.equal(roundDoubleToLong(0.49999999999999994), 0n);
    });
});
