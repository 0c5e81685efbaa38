// Numbers through the interpreter. Sources: Apex Developer Guide, "Primitive Data Types", "Rules of
// Conversion" (the hierarchy Integer < Long < Double < Decimal; "Integer i = 2147483647 + 1" is -2147483648;
// Long literals need L), "Expression Operators"; Apex Reference, "Math Class" (round and roundToLong of a
// Decimal round half-even; the Reference's examples), "Decimal Class" (scale), "String Class" (valueOf).
import { describe, test } from 'node:test';
import { expectDebug, expectThrows } from './helpers';

describe('Integer (Primitive Data Types, Rules of Conversion)', () => {
    test('overflow wraps around: 2147483647 + 1 is -2147483648, and ++ and -- wrap too', () => {
        expectDebug(
            `System.debug(2147483647 + 1);
             Integer i = 2147483647; i++; System.debug(i);
             Integer j = -2147483648; j--; System.debug(j);
             System.debug(65536 * 65536);`,
            ['-2147483648', '-2147483648', '2147483647', '0']
        );
    });

    test('-2147483648 is an Integer literal', () => {
        expectDebug(`Integer min = -2147483648; System.debug(min); System.debug(min - 1);`, [
            '-2147483648',
            '2147483647'
        ]);
    });

    test('division truncates toward zero; Math.mod keeps the sign of the dividend', () => {
        expectDebug(`System.debug(7 / 2); System.debug(-7 / 2); System.debug(Math.mod(-7, 2));`, ['3', '-3', '-1']);
    });

    test('an Integer expression overflows before it is assigned to a Long (the MillsPerYear example)', () => {
        expectDebug(
            `Long wrong = 365 * 24 * 60 * 60 * 1000;
             Long right = 365 * 24 * 60 * 60 * 1000L;
             System.debug(wrong); System.debug(right);`,
            ['1471228928', '31536000000']
        );
    });

    test('Integer division by zero is a MathException', () => {
        expectThrows(`Integer zero = 0; Integer x = 5 / zero;`, 'System.MathException', 'Divide by 0');
    });
});

describe('Long', () => {
    test('Long literals take L; Long arithmetic does not overflow at the Integer range', () => {
        expectDebug(
            `Long l = 2147483648L; System.debug(l);
             System.debug(2147483647L + 1);
             System.debug((3 + 4L) instanceof Long);`,
            ['2147483648', '2147483648', 'true']
        );
    });

    test('Long overflow wraps at 64 bits', () => {
        expectDebug(`System.debug(9223372036854775807L + 1);`, ['-9223372036854775808']);
    });
});

describe('Decimal', () => {
    test('a literal keeps its scale: 1.50 prints 1.50 and has scale 2', () => {
        expectDebug(`Decimal d = 1.50; System.debug(d); System.debug(d.scale());`, ['1.50', '2']);
    });

    test('addition keeps the larger scale; multiplication adds the scales', () => {
        expectDebug(`System.debug(1.50 + 1.5); System.debug(1.50 * 2); System.debug(1.10 * 1.10);`, [
            '3.00',
            '3.00',
            '1.2100'
        ]);
    });

    test('Decimal arithmetic is exact: 0.1 + 0.2 is 0.3', () => {
        expectDebug(`System.debug(0.1 + 0.2); System.debug(0.1 + 0.2 == 0.3);`, ['0.3', 'true']);
    });

    test('division: exact quotients stay exact, others have 33 significant digits', () => {
        expectDebug(`System.debug(10.0 / 4); System.debug(1.0 / 3);`, ['2.5', '0.333333333333333333333333333333333']);
    });

    test('an Integer operand makes a Decimal result; compound division on a Decimal', () => {
        expectDebug(
            `Object o = 3 + 4.0;
             System.debug(o instanceof Decimal);
             System.debug((5 / 2) * 2.0);
             Decimal dx = 10; dx /= 4; System.debug(dx);
             Integer ix = 10; ix /= 4; System.debug(ix);`,
            ['true', '4.0', '2.5', '2']
        );
    });

    test('setScale rounds half-even by default', () => {
        expectDebug(`System.debug(Decimal.valueOf('2.345').setScale(2)); System.debug((2.355).setScale(2));`, [
            '2.34',
            '2.36'
        ]);
    });

    test('Decimal division by zero is a MathException', () => {
        expectThrows(`Decimal x = 1.5 / 0;`, 'System.MathException', 'Divide by 0');
    });
});

describe('implicit widening (Rules of Conversion)', () => {
    test('an Integer assigned to Decimal, Long and Double variables becomes that type', () => {
        expectDebug(
            `Decimal d = 5; Long l = 5; Double x = 5;
             System.debug((d instanceof Decimal) + ' ' + (l instanceof Long) + ' ' + (x instanceof Double));
             System.debug(d + ' ' + l + ' ' + x);`,
            ['true true true', '5 5 5.0']
        );
    });

    test('Integer arguments widen to Decimal, Long and Double parameters', () => {
        expectDebug(`System.debug(LangOverloads.widened(1, 2, 3));`, ['true true true 1 2 3.0']);
    });

    test('a Double literal takes d; a Double operand makes a Double result', () => {
        expectDebug(`Object o = 3 + 4.0d; System.debug(o instanceof Double); System.debug(o);`, ['true', '7.0']);
    });

    test('narrowing takes a method: Long.intValue() keeps the low 32 bits (Long Class)', () => {
        expectDebug(`Long big = 2147483648L; System.debug(big.intValue()); System.debug((7.9).intValue());`, [
            '-2147483648',
            '7'
        ]);
    });
});

describe('Math methods (Math Class)', () => {
    test('abs, max, min, pow, sqrt', () => {
        expectDebug(
            `System.debug(Math.abs(-3) + ' ' + Math.max(2, 5) + ' ' + Math.min(2.5, 1.5) + ' ' + Math.max(1L, 2L));
             System.debug(Math.pow(2, 10) + ' ' + Math.sqrt(16));`,
            ['3 5 1.5 2', '1024.0 4.0']
        );
    });

    test('round and roundToLong of a Decimal round half-even (the Reference: 4.5 -> 4, 5.5 -> 6)', () => {
        expectDebug(
            `System.debug(Math.round(4.5) + ' ' + Math.round(5.5) + ' ' + Math.roundToLong(4.5) + ' ' + Math.round(-4.5));`,
            ['4 6 4 -4']
        );
    });

    test('round of a Double rounds half up', () => {
        expectDebug(`Double x = 4.5; System.debug(Math.round(x)); System.debug(Math.round(4.5d));`, ['5', '5']);
    });

    test('floor and ceil', () => {
        expectDebug(`Double x = 2.7; System.debug(Math.floor(x) + ' ' + Math.ceil(x));`, ['2.0 3.0']);
    });
});

describe('String.valueOf of each numeric type (String Class)', () => {
    test('Integer, Long, Decimal (scale kept), Double (Java form)', () => {
        expectDebug(
            `System.debug(String.valueOf(5));
             System.debug(String.valueOf(5L));
             System.debug(String.valueOf(5.0));
             System.debug(String.valueOf(1.500));
             System.debug(String.valueOf(Double.valueOf(5)));
             Double big = 10000000000.0; System.debug(String.valueOf(big));
             Double small = 0.0001; System.debug(String.valueOf(small));
             Decimal negative = -0.50; System.debug(String.valueOf(negative));`,
            ['5', '5', '5.0', '1.500', '5.0', '1.0E10', '1.0E-4', '-0.50']
        );
    });

    test('Integer.valueOf and Decimal.valueOf parse strings; a bad number is a TypeException', () => {
        expectDebug(`System.debug(Integer.valueOf('42') + 1); System.debug(Decimal.valueOf('1.10') * 2);`, [
            '43',
            '2.20'
        ]);
        expectThrows(`Integer i = Integer.valueOf('4x2');`, 'System.TypeException', 'Invalid integer: 4x2');
    });
});
