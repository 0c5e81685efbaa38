// Mixed-type arithmetic, comparison, conversion and printing. Sources: Apex Developer Guide "Rules of
// Conversion" (hierarchy Integer < Long < Double < Decimal; "Loss of Fractions in Divisions"), "Expression
// Operators" (== compares values; bitwise operators), "Primitive Data Types" (`Double pi = 3.14159;`);
// RoseSilverSoftware/IlluminatedCloud issue #818 for Decimal op Double being a Decimal.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
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
    numericTypeOf
} from '../../src/runtime/numbers/promotion';
import { assertDecimal, assertDouble, assertLong, assertThrowsApex, dbl, dec, lng } from './helpers';

describe('type of a numeric value', () => {
    test('numericTypeOf names Integer, Long, Double and Decimal values', () => {
        assert.deepEqual([5, lng(5), dbl(5), dec('5')].map(numericTypeOf), ['Integer', 'Long', 'Double', 'Decimal']);
    });

    test('strings, booleans and null are not numbers', () => {
        assert.deepEqual(['5', true, null].map(isNumber), [false, false, false]);
    });
});

describe('arithmetic promotion (Rules of Conversion hierarchy)', () => {
    test('Integer + Integer is an Integer', () => {
        assert.equal(arith('+', 2, 3), 5);
    });

    test('Integer + Long is a Long', () => {
        assertLong(arith('+', 2147483647, lng(1)), 2147483648n);
    });

    test('Long * Integer is a Long', () => {
        assertLong(arith('*', lng(3), 4), 12n);
    });

    test('Integer * Double is a Double', () => {
        assertDouble(arith('*', 2, dbl(1.5)), 3);
    });

    test('Long / Double is a Double', () => {
        assertDouble(arith('/', lng(5), dbl(2)), 2.5);
    });

    test('Integer + Decimal is a Decimal at the Decimal scale: 1 + 1.50 is 2.50', () => {
        assertDecimal(arith('+', 1, dec('1.50')), '2.50');
    });

    test('Long - Decimal is a Decimal', () => {
        assertDecimal(arith('-', lng(10), dec('0.25')), '9.75');
    });

    test('Double + Decimal is a Decimal, the Double read as its String form: 0.1d + 0.2 is 0.3', () => {
        assertDecimal(arith('+', dbl(0.1), dec('0.2')), '0.3');
    });

    test('Decimal / Double is a Decimal: 1.0 / 4.0d is 0.25', () => {
        assertDecimal(arith('/', dec('1.0'), dbl(4)), '0.25');
    });

    test('5 / 3 between Integers is 1 before any conversion (Loss of Fractions in Divisions)', () => {
        assert.equal(arith('/', 5, 3), 1);
    });

    test('5L / 0 raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => arith('/', lng(5), 0), 'MathException', 'Divide by 0');
    });

    test('5.0 / 0 (a Decimal) raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => arith('/', dec('5.0'), 0), 'MathException', 'Divide by 0');
    });

    test('arithmetic on a non-number raises TypeException', () => {
        assertThrowsApex(() => arith('+', 'a', 1), 'TypeException', /numeric operands/);
    });
});

describe('unary minus', () => {
    test('-Integer.MIN_VALUE wraps to itself', () => {
        assert.equal(negate(-2147483648), -2147483648);
    });

    test('negating a Long, a Double and a Decimal keeps their types', () => {
        assertLong(negate(lng(7)), -7n);
        assertDouble(negate(dbl(1.5)), -1.5);
        assertDecimal(negate(dec('1.50')), '-1.50');
    });
});

describe('bitwise operators across Integer and Long (Expression Operators)', () => {
    test('Integer & Long is a Long', () => {
        assertLong(bitwise('&', 6, lng(3)), 2n);
    });

    test('a shift keeps the left operand type: 1 << 40L is the Integer 256 (distance mod 32)', () => {
        assert.equal(bitwise('<<', 1, lng(40)), 256);
    });

    test('1L << 40 is a Long', () => {
        assertLong(bitwise('<<', lng(1), 40), 1099511627776n);
    });

    test('~5 is -6 and ~5L is -6L', () => {
        assert.equal(bitNot(5), -6);
        assertLong(bitNot(lng(5)), -6n);
    });

    test('& | ^ on Booleans evaluate both sides as logical operators; ~ toggles a Boolean', () => {
        assert.deepEqual(
            [bitwise('&', true, false), bitwise('|', true, false), bitwise('^', true, true)],
            [false, true, false]
        );
        assert.equal(bitNot(true), false);
    });

    test('a bitwise operator on a Decimal raises TypeException', () => {
        assertThrowsApex(() => bitwise('&', dec('1.5'), 1), 'TypeException', /Integer or Long/);
    });
});

describe('comparison and equality across types (Expression Operators)', () => {
    test('Integer 1 equals Decimal 1.0', () => {
        assert.equal(numbersEqual(1, dec('1.0')), true);
    });

    test('Decimal 1.0 equals Decimal 1.00', () => {
        assert.equal(numbersEqual(dec('1.0'), dec('1.00')), true);
    });

    test('Integer 1 equals Long 1 and Double 1.0', () => {
        assert.equal(numbersEqual(1, lng(1)), true);
        assert.equal(numbersEqual(1, dbl(1)), true);
    });

    test('Double 0.1 equals Decimal 0.1 (the Double is read as its String form)', () => {
        assert.equal(numbersEqual(dbl(0.1), dec('0.1')), true);
    });

    test('compareNumbers orders across types', () => {
        assert.equal(compareNumbers(2, dec('1.99')), 1);
        assert.equal(compareNumbers(lng(-1), dbl(0.5)), -1);
        assert.equal(compareNumbers(dec('3.0'), 3), 0);
    });

    test('Long values beyond 2^53 compare exactly with each other', () => {
        assert.equal(compareNumbers(lng(9007199254740993n), lng(9007199254740992n)), 1);
    });

    test('NaN is unordered: it is neither less than, greater than nor equal to anything', () => {
        const order = compareNumbers(dbl(NaN), 1);
        assert.equal(order < 0 || order > 0 || order === 0, false);
        assert.equal(numbersEqual(dbl(NaN), dbl(NaN)), false);
    });

    test('Infinity compares above any Decimal', () => {
        assert.equal(compareNumbers(dbl(Infinity), dec('1E+400')), 1);
    });
});

describe('implicit conversion on assignment (Rules of Conversion)', () => {
    test('an Integer assigned to a Long, a Double or a Decimal is converted', () => {
        assertLong(convertNumber(5, 'Long'), 5n);
        assertDouble(convertNumber(5, 'Double'), 5);
        assertDecimal(convertNumber(5, 'Decimal'), '5');
    });

    test('a Long assigned to a Decimal keeps all its digits', () => {
        assertDecimal(convertNumber(lng(9223372036854775807n), 'Decimal'), '9223372036854775807');
    });

    test('a Double assigned to a Decimal goes through its String form: 1.5d becomes 1.5', () => {
        assertDecimal(convertNumber(dbl(1.5), 'Decimal'), '1.5');
    });

    test('a Decimal assigned to a Double is converted (Primitive Data Types: Double pi = 3.14159;)', () => {
        assertDouble(convertNumber(dec('3.14159'), 'Double'), 3.14159);
    });

    test('a Long assigned to an Integer is rejected with "Illegal assignment from Long to Integer"', () => {
        assertThrowsApex(
            () => convertNumber(lng(1), 'Integer'),
            'TypeException',
            'Illegal assignment from Long to Integer'
        );
    });

    test('a value already of the target type is returned as it is', () => {
        const value = dec('1.50');
        assert.equal(convertNumber(value, 'Decimal'), value);
    });
});

describe('explicit casts of numbers held in an Object', () => {
    test('(Decimal) of an Integer converts it', () => {
        assertDecimal(castNumber(10, 'Decimal'), '10');
    });

    test('(Double) of a Long converts it', () => {
        assertDouble(castNumber(lng(3), 'Double'), 3);
    });

    test("(Integer) of a Long raises TypeException 'Invalid conversion from runtime type Long to Integer'", () => {
        assertThrowsApex(
            () => castNumber(lng(3), 'Integer'),
            'TypeException',
            'Invalid conversion from runtime type Long to Integer'
        );
    });

    test("(Integer) of a Decimal raises TypeException 'Invalid conversion from runtime type Decimal to Integer'", () => {
        assertThrowsApex(
            () => castNumber(dec('1.5'), 'Integer'),
            'TypeException',
            'Invalid conversion from runtime type Decimal to Integer'
        );
    });
});

describe('String.valueOf of each numeric type', () => {
    test('Integer and Long print plain digits (no L suffix)', () => {
        assert.equal(numberToString(-42), '-42');
        assert.equal(numberToString(lng(2147483648n)), '2147483648');
    });

    test("a Double prints as Java's Double.toString: 10.0 and 1.0E10", () => {
        assert.equal(numberToString(dbl(10)), '10.0');
        assert.equal(numberToString(dbl(1e10)), '1.0E10');
    });

    test('a Decimal prints with its scale: 1.50', () => {
        assert.equal(numberToString(dec('1.50')), '1.50');
    });
});
