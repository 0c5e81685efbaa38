// System.Math through its native binding, overloads chosen as the interpreter chooses them. Source: Apex
// Reference "Math Class" (apex_methods_system_math.htm; its examples are reproduced); java.lang.Math where
// the Reference only restates Java's descriptions.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mathType } from '../../src/runtime/numbers/math';
import { ApexDouble } from '../../src/runtime/values';
import { assertDecimal, assertDouble, assertLong, assertThrowsApex, callStatic, ctx, dbl, dec, lng } from './helpers';

const math = (name: string, ...args: unknown[]) => callStatic(mathType, name, ...args);

describe('Math.abs', () => {
    test('Math.abs(-42) is the Integer 42 (Reference example)', () => {
        assert.deepEqual(math('abs', -42), { value: 42, returns: 'Integer' });
    });

    test('Math.abs(Integer.MIN_VALUE) is MIN_VALUE, as in Java', () => {
        assert.equal(math('abs', -2147483648).value, -2147483648);
    });

    test('Math.abs of a Long, a Double and a Decimal keeps the type', () => {
        assertLong(math('abs', lng(-5)).value, 5n);
        assertDouble(math('abs', dbl(-1.5)).value, 1.5);
        assertDecimal(math('abs', dec('-6.02')).value, '6.02');
    });
});

describe('Math.max and Math.min: one overload per type', () => {
    test('Math.max(Integer, Integer) returns an Integer', () => {
        assert.deepEqual(math('max', 3, 7), { value: 7, returns: 'Integer' });
    });

    test('Math.max(Integer, Long) widens to the Long overload', () => {
        const result = math('max', 3, lng(2));
        assert.equal(result.returns, 'Long');
        assertLong(result.value, 3n);
    });

    test('Math.max(Double, Double) returns a Double', () => {
        assert.equal(math('max', dbl(1.5), dbl(2.5)).returns, 'Double');
    });

    test('Math.max(12.3, 156.6) is 156.6 and Math.min(12.3, 156.6) is 12.3 (Reference examples, Decimals)', () => {
        assertDecimal(math('max', dec('12.3'), dec('156.6')).value, '156.6');
        assertDecimal(math('min', dec('12.3'), dec('156.6')).value, '12.3');
    });

    test('Math.max(Decimal, Double) takes the Decimal overload (Decimal is above Double)', () => {
        const result = math('max', dec('1.5'), dbl(2.5));
        assert.equal(result.returns, 'Decimal');
        assertDecimal(result.value, '2.5');
    });

    test('Math.min of equal Decimals returns the first, keeping its scale (BigDecimal.min)', () => {
        assertDecimal(math('min', dec('1.0'), dec('1.00')).value, '1.0');
    });
});

describe('Math.mod (Java %: the sign of the dividend)', () => {
    test('Math.mod(12, 2) is 0 and Math.mod(8, 3) is 2 (Reference examples)', () => {
        assert.equal(math('mod', 12, 2).value, 0);
        assert.equal(math('mod', 8, 3).value, 2);
    });

    test('Math.mod(-8, 3) is -2', () => {
        assert.equal(math('mod', -8, 3).value, -2);
    });

    test('Math.mod(8L, 3) takes the Long overload', () => {
        assertLong(math('mod', lng(8), 3).value, 2n);
    });

    test('Math.mod(5, 0) raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => math('mod', 5, 0), 'MathException', 'Divide by 0');
    });
});

describe('Math.round and Math.roundToLong', () => {
    test('Math.round(4.5) is 4 and Math.round(5.5) is 6 for Decimals: half-even (Reference example)', () => {
        assert.deepEqual(math('round', dec('4.5')), { value: 4, returns: 'Integer' });
        assert.equal(math('round', dec('5.5')).value, 6);
    });

    test('Math.roundToLong(4.5) is 4L for a Decimal (Reference example)', () => {
        assertLong(math('roundToLong', dec('4.5')).value, 4n);
    });

    test('Math.round(Double 4.5) is 5: the Double overload is Java Math.round', () => {
        assert.deepEqual(math('round', dbl(4.5)), { value: 5, returns: 'Integer' });
    });

    test('Math.roundToLong(Double -4.5) is -4', () => {
        assertLong(math('roundToLong', dbl(-4.5)).value, -4n);
    });

    test('Math.round of a Decimal beyond the Long range raises too, rather than wrapping', () => {
        assertThrowsApex(
            () => math('round', dec('18446744073709551621')),
            'MathException',
            /outside the Integer range/
        );
    });

    test('Math.round of a value beyond the Integer range raises MathException (the Reference: "an error")', () => {
        assertThrowsApex(() => math('round', dbl(3e9)), 'MathException', /outside the Integer range/);
    });
});

describe('Math functions of Double and Decimal', () => {
    test('Math.sqrt(Double 2.0) is the Double 1.4142135623730951', () => {
        assertDouble(math('sqrt', dbl(2)).value, 1.4142135623730951);
    });

    test('Math.sqrt(Decimal 4) is the Decimal 2.0 (the double result read as a String)', () => {
        assertDecimal(math('sqrt', dec('4')).value, '2.0');
    });

    test('Math.sqrt(Integer 16) widens to the Double overload', () => {
        assert.deepEqual(math('sqrt', 16), { value: new ApexDouble(4), returns: 'Double' });
    });

    test('Math.pow(2, 10) is the Double 1024.0', () => {
        assertDouble(math('pow', 2, 10).value, 1024);
    });

    test('Math.ceil and Math.floor of -1.5d are -1.0 and -2.0', () => {
        assertDouble(math('ceil', dbl(-1.5)).value, -1);
        assertDouble(math('floor', dbl(-1.5)).value, -2);
    });

    test('Math.rint(2.5d) is 2.0 and Math.rint(3.5d) is 4.0: ties to even', () => {
        assertDouble(math('rint', dbl(2.5)).value, 2);
        assertDouble(math('rint', dbl(3.5)).value, 4);
    });

    test('Math.signum(-3.2) is -1.0 for a Decimal and a Double', () => {
        assertDecimal(math('signum', dec('-3.2')).value, '-1.0');
        assertDouble(math('signum', dbl(-3.2)).value, -1);
    });

    test('Math.log(Math.E) is 1.0 and Math.log10(1000) is 3.0', () => {
        assertDouble(math('log', dbl(Math.E)).value, 1);
        assertDouble(math('log10', dbl(1000)).value, 3);
    });

    test('Math.exp, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh and cbrt compute on Doubles', () => {
        assertDouble(math('exp', dbl(0)).value, 1);
        assertDouble(math('sin', dbl(0)).value, 0);
        assertDouble(math('cos', dbl(0)).value, 1);
        assertDouble(math('tan', dbl(0)).value, 0);
        assertDouble(math('asin', dbl(1)).value, Math.PI / 2);
        assertDouble(math('acos', dbl(1)).value, 0);
        assertDouble(math('atan', dbl(0)).value, 0);
        assertDouble(math('sinh', dbl(0)).value, 0);
        assertDouble(math('cosh', dbl(0)).value, 1);
        assertDouble(math('tanh', dbl(0)).value, 0);
        assertDouble(math('cbrt', dbl(-27)).value, -3);
    });

    test('Math.atan2(xCoordinate, yCoordinate) is java.lang.Math.atan2(x, y)', () => {
        assertDouble(math('atan2', dbl(1), dbl(1)).value, Math.PI / 4);
    });

    test('Math.sqrt of a negative Decimal raises: NaN has no Decimal', () => {
        assertThrowsApex(() => math('sqrt', dec('-1')), 'TypeException', 'Infinite or NaN');
    });

    test('Math.random() is a Double in [0, 1)', () => {
        const { value } = math('random');
        assert.ok(value instanceof ApexDouble && value.value >= 0 && value.value < 1);
    });

    test('Math.abs(null) raises NullPointerException', () => {
        assertThrowsApex(() => math('abs', null), 'NullPointerException', 'Argument cannot be null.');
    });
});

describe('Math.E and Math.PI (static Double fields)', () => {
    test('Math.PI is the Double 3.141592653589793 and Math.E the Double 2.718281828459045', () => {
        assertDouble(mathType.staticProperties?.pi(ctx) ?? null, Math.PI);
        assertDouble(mathType.staticProperties?.e(ctx) ?? null, Math.E);
    });
});
