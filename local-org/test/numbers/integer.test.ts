// Integer and Long arithmetic. Sources: Apex Developer Guide "Rules of Conversion" (overflow wraps, division
// drops the fraction), "Expression Operators" (bitwise operators), Apex Reference "Integer Class" / "Long Class"
// (valueOf parses as Java does); Java's rules where those pages are silent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    integerArith,
    integerBitwise,
    integerMod,
    longArith,
    longBitwise,
    parseInteger,
    parseLong
} from '../../src/runtime/numbers/integer';
import { assertThrowsApex } from './helpers';

const LONG_MAX = 9223372036854775807n;
const LONG_MIN = -9223372036854775808n;

describe('Integer arithmetic (Rules of Conversion)', () => {
    test('2147483647 + 1 wraps to -2147483648, as the Rules of Conversion example says', () => {
        assert.equal(integerArith('+', 2147483647, 1), -2147483648);
    });

    test('-2147483648 - 1 wraps to 2147483647', () => {
        assert.equal(integerArith('-', -2147483648, 1), 2147483647);
    });

    test('365 * 24 * 60 * 60 * 1000 in Integers overflows to 1471228928 (the Rules of Conversion pitfall)', () => {
        const product = [24, 60, 60, 1000].reduce((acc, n) => integerArith('*', acc, n), 365);
        assert.equal(product, 1471228928);
    });

    test('multiplication keeps the exact low 32 bits beyond 2^53', () => {
        assert.equal(integerArith('*', 2147483647, 2147483647), 1);
    });

    test('5 / 3 is 1: Integer division drops the fraction', () => {
        assert.equal(integerArith('/', 5, 3), 1);
    });

    test('-7 / 2 is -3: the quotient is truncated toward zero, as in Java', () => {
        assert.equal(integerArith('/', -7, 2), -3);
    });

    test('Integer division by zero raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => integerArith('/', 5, 0), 'MathException', 'Divide by 0');
    });

    test('-2147483648 / -1 wraps to -2147483648, as in Java', () => {
        assert.equal(integerArith('/', -2147483648, -1), -2147483648);
    });

    test('Integer remainder takes the sign of the dividend (Math.mod is Java %)', () => {
        assert.equal(integerMod(-7, 3), -1);
        assert.equal(integerMod(7, -3), 1);
    });

    test('Integer remainder by zero raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => integerMod(7, 0), 'MathException', 'Divide by 0');
    });
});

describe('Long arithmetic (Rules of Conversion)', () => {
    test('365L * 24L * 60L * 60L * 1000L is 31536000000, the Rules of Conversion example', () => {
        const product = [24n, 60n, 60n, 1000n].reduce((acc, n) => longArith('*', acc, n), 365n);
        assert.equal(product, 31536000000n);
    });

    test('Long.MAX + 1 wraps to Long.MIN', () => {
        assert.equal(longArith('+', LONG_MAX, 1n), LONG_MIN);
    });

    test('Long.MIN * -1 wraps to Long.MIN', () => {
        assert.equal(longArith('*', LONG_MIN, -1n), LONG_MIN);
    });

    test('Long division truncates toward zero', () => {
        assert.equal(longArith('/', -7n, 2n), -3n);
    });

    test('Long division by zero raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => longArith('/', 1n, 0n), 'MathException', 'Divide by 0');
    });
});

describe('Integer bitwise operators (Expression Operators, Java semantics)', () => {
    test('& | ^ work bit by bit', () => {
        assert.equal(integerBitwise('&', 12, 10), 8);
        assert.equal(integerBitwise('|', 12, 10), 14);
        assert.equal(integerBitwise('^', 12, 10), 6);
    });

    test('1 << 31 is -2147483648: high-order bits are lost', () => {
        assert.equal(integerBitwise('<<', 1, 31), -2147483648);
    });

    test('a shift distance is taken modulo 32 for an Integer, so 1 << 32 is 1', () => {
        assert.equal(integerBitwise('<<', 1, 32), 1);
    });

    test('-16 >> 2 is -4: the signed shift fills with the sign bit', () => {
        assert.equal(integerBitwise('>>', -16, 2), -4);
    });

    test('-1 >>> 28 is 15: the unsigned shift fills with zeros', () => {
        assert.equal(integerBitwise('>>>', -1, 28), 15);
    });

    test('-1 >>> 0 stays -1 (an Integer, not 4294967295)', () => {
        assert.equal(integerBitwise('>>>', -1, 0), -1);
    });
});

describe('Long bitwise operators (Expression Operators, Java semantics)', () => {
    test('1L << 63 is Long.MIN', () => {
        assert.equal(longBitwise('<<', 1n, 63n), LONG_MIN);
    });

    test('a shift distance is taken modulo 64 for a Long, so 1L << 64 is 1', () => {
        assert.equal(longBitwise('<<', 1n, 64n), 1n);
    });

    test('-1L >>> 60 is 15', () => {
        assert.equal(longBitwise('>>>', -1n, 60n), 15n);
    });

    test('-16L >> 2 is -4', () => {
        assert.equal(longBitwise('>>', -16n, 2n), -4n);
    });
});

describe('Integer.valueOf(String) and Long.valueOf(String) (Integer Class, Long Class: "As in Java")', () => {
    test("Integer.valueOf('123') is 123", () => {
        assert.equal(parseInteger('123'), 123);
    });

    test("Integer.valueOf('-2147483648') reads the minimum Integer", () => {
        assert.equal(parseInteger('-2147483648'), -2147483648);
    });

    test("Integer.valueOf('NotAnInteger') raises TypeException 'Invalid integer: NotAnInteger'", () => {
        assertThrowsApex(() => parseInteger('NotAnInteger'), 'TypeException', 'Invalid integer: NotAnInteger');
    });

    test("Integer.valueOf('2147483648') is out of range and raises TypeException", () => {
        assertThrowsApex(() => parseInteger('2147483648'), 'TypeException', 'Invalid integer: 2147483648');
    });

    test("Integer.valueOf(' 5') raises: Java's parseInt takes no blanks", () => {
        assertThrowsApex(() => parseInteger(' 5'), 'TypeException', 'Invalid integer:  5');
    });

    test("Long.valueOf('123456789') is 123456789 (Long Class example)", () => {
        assert.equal(parseLong('123456789'), 123456789n);
    });

    test("Long.valueOf('-9223372036854775808') reads the minimum Long", () => {
        assert.equal(parseLong('-9223372036854775808'), LONG_MIN);
    });

    test("Long.valueOf('12L') raises TypeException 'Invalid long: 12L'", () => {
        assertThrowsApex(() => parseLong('12L'), 'TypeException', 'Invalid long: 12L');
    });
});
