// Native bindings of Integer, Long, Double, Decimal and System.RoundingMode, called as the interpreter calls
// them. Sources: Apex Reference "Integer Class", "Long Class", "Double Class", "Decimal Class" (examples
// reproduced; format() examples are en_US).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    decimalType,
    doubleType,
    integerType,
    longType,
    numberEnums,
    numberTypes,
    roundingModeValue
} from '../../src/runtime/numbers/bindings';
import { ApexEnumValue } from '../../src/runtime/values';
import {
    assertDecimal,
    assertDouble,
    assertLong,
    assertThrowsApex,
    callInstance,
    callStatic,
    ctx,
    dbl,
    dec,
    lng
} from './helpers';

describe('the bindings exported to the interpreter', () => {
    test('numberTypes declares Integer, Long, Double, Decimal and Math in the System namespace', () => {
        assert.deepEqual(
            numberTypes.map((type) => `${type.namespace}.${type.name}`),
            ['System.Integer', 'System.Long', 'System.Double', 'System.Decimal', 'System.Math']
        );
    });

    test('numberEnums declares System.RoundingMode with its eight values', () => {
        assert.deepEqual(numberEnums, [
            {
                name: 'RoundingMode',
                namespace: 'System',
                values: ['UP', 'DOWN', 'CEILING', 'FLOOR', 'HALF_UP', 'HALF_DOWN', 'HALF_EVEN', 'UNNECESSARY']
            }
        ]);
    });

    test('roundingModeValue gives the one enum value of a mode, with its ordinal', () => {
        const value = roundingModeValue('HALF_UP');
        assert.ok(value instanceof ApexEnumValue);
        assert.equal(value.ordinal, 4);
        assert.equal(roundingModeValue('HALF_UP'), value);
    });

    test('isInstance tells the four numeric types apart', () => {
        const values = [1, lng(1), dbl(1), dec('1')];
        assert.deepEqual(
            [integerType, longType, doubleType, decimalType].map((type) => values.map((v) => type.isInstance?.(v))),
            [
                [true, false, false, false],
                [false, true, false, false],
                [false, false, true, false],
                [false, false, false, true]
            ]
        );
    });
});

describe('Integer (Integer Class)', () => {
    test("Integer.valueOf('123') is 123", () => {
        assert.equal(callStatic(integerType, 'valueOf', '123').value, 123);
    });

    test("Integer.valueOf('NotAnInteger') raises TypeException", () => {
        assertThrowsApex(
            () => callStatic(integerType, 'valueOf', 'NotAnInteger'),
            'TypeException',
            'Invalid integer: NotAnInteger'
        );
    });

    test('Integer.valueOf(Object) converts numbers: 1.0 -> 1, 4L -> 4, 3 -> 3', () => {
        assert.equal(callStatic(integerType, 'valueOf', dec('1.0')).value, 1);
        assert.equal(callStatic(integerType, 'valueOf', lng(4)).value, 4);
        assert.equal(callStatic(integerType, 'valueOf', 3).value, 3);
    });

    test('Integer.valueOf(null) is null', () => {
        assert.equal(callStatic(integerType, 'valueOf', null).value, null);
    });

    test("22.format() is '22' and 1234567.format() is '1,234,567' (en_US)", () => {
        assert.equal(callInstance(integerType, 22, 'format'), '22');
        assert.equal(callInstance(integerType, 1234567, 'format'), '1,234,567');
    });

    test("format() follows the user's locale: 1234567 in de_DE is '1.234.567'", () => {
        const spec = integerType.instanceMethods?.format[0];
        assert.equal(spec?.call([], { ...ctx, userLocale: 'de_DE' }, 1234567), '1.234.567');
    });
});

describe('Long (Long Class)', () => {
    test("Long.valueOf('123456789') is 123456789L", () => {
        assertLong(callStatic(longType, 'valueOf', '123456789').value, 123456789n);
    });

    test("4271990L.format() is '4,271,990'", () => {
        assert.equal(callInstance(longType, lng(4271990), 'format'), '4,271,990');
    });

    test('7191991L.intValue() is 7191991; a Long beyond the Integer range keeps its low 32 bits', () => {
        assert.equal(callInstance(longType, lng(7191991), 'intValue'), 7191991);
        assert.equal(callInstance(longType, lng(2147483648), 'intValue'), -2147483648);
    });
});

describe('Double (Double Class)', () => {
    test("Double.valueOf('3.14159') is the Double 3.14159", () => {
        assertDouble(callStatic(doubleType, 'valueOf', '3.14159').value, 3.14159);
    });

    test('Double.valueOf(Object) converts an Integer to a Double', () => {
        assertDouble(callStatic(doubleType, 'valueOf', 7).value, 7);
    });

    test("1261992.0.format() is '1,261,992'", () => {
        assert.equal(callInstance(doubleType, dbl(1261992), 'format'), '1,261,992');
    });

    test("format() keeps at most three fraction digits, half-even: 1.23456 -> '1.235', 0.0005 -> '0'", () => {
        assert.equal(callInstance(doubleType, dbl(1.23456), 'format'), '1.235');
        assert.equal(callInstance(doubleType, dbl(0.0005), 'format'), '0');
    });

    test('3.14159.intValue() is 3, 421994.0.longValue() is 421994L, 4.5.round() is 5L', () => {
        assert.equal(callInstance(doubleType, dbl(3.14159), 'intValue'), 3);
        assertLong(callInstance(doubleType, dbl(421994), 'longValue'), 421994n);
        assertLong(callInstance(doubleType, dbl(4.5), 'round'), 5n);
    });
});

describe('Decimal (Decimal Class)', () => {
    test('Decimal.valueOf(String), (Long) and (Double) build Decimals', () => {
        assertDecimal(callStatic(decimalType, 'valueOf', '12.4567').value, '12.4567');
        assertDecimal(callStatic(decimalType, 'valueOf', lng(299792458)).value, '299792458');
        assertDecimal(callStatic(decimalType, 'valueOf', dbl(2.718281828459045)).value, '2.718281828459045');
    });

    test('Decimal.valueOf(Integer 5) takes the Long overload and keeps scale 0', () => {
        assertDecimal(callStatic(decimalType, 'valueOf', 5).value, '5');
    });

    test("Decimal.valueOf('abc') raises TypeException 'Invalid decimal: abc'", () => {
        assertThrowsApex(() => callStatic(decimalType, 'valueOf', 'abc'), 'TypeException', 'Invalid decimal: abc');
    });

    test('abs, pow, precision and scale', () => {
        assertDecimal(callInstance(decimalType, dec('-6.02214129'), 'abs'), '6.02214129');
        assertDecimal(callInstance(decimalType, dec('4.12'), 'pow', 2), '16.9744');
        assert.equal(callInstance(decimalType, dec('123.45'), 'precision'), 5);
        assert.equal(callInstance(decimalType, dec('9.27400968'), 'scale'), 8);
    });

    test('divide(100, 3) of 19 is 0.190 and divide(7, 2, UP) of 12.4567 is 1.78', () => {
        assertDecimal(callInstance(decimalType, dec('19'), 'divide', 100, 3), '0.190');
        assertDecimal(callInstance(decimalType, dec('12.4567'), 'divide', 7, 2, roundingModeValue('UP')), '1.78');
    });

    test('setScale(3) of 8.987551787 is 8.988; setScale(2, FLOOR) of 1.239 is 1.23', () => {
        assertDecimal(callInstance(decimalType, dec('8.987551787'), 'setScale', 3), '8.988');
        assertDecimal(callInstance(decimalType, dec('1.239'), 'setScale', 2, roundingModeValue('FLOOR')), '1.23');
    });

    test('setScale(1, UNNECESSARY) of 1.25 raises MathException', () => {
        assertThrowsApex(
            () => callInstance(decimalType, dec('1.25'), 'setScale', 1, roundingModeValue('UNNECESSARY')),
            'MathException',
            'Rounding necessary'
        );
    });

    test('round() of 4.5 is 4L; round(CEILING) of 1.1 is 2L', () => {
        assertLong(callInstance(decimalType, dec('4.5'), 'round'), 4n);
        assertLong(callInstance(decimalType, dec('1.1'), 'round', roundingModeValue('CEILING')), 2n);
    });

    test('intValue, longValue and doubleValue truncate or convert', () => {
        assert.equal(callInstance(decimalType, dec('1.602176565'), 'intValue'), 1);
        assertLong(callInstance(decimalType, dec('376.730313461'), 'longValue'), 376n);
        assertDouble(callInstance(decimalType, dec('6.62606957'), 'doubleValue'), 6.62606957);
    });

    test("stripTrailingZeros of 1.10000 is 1.1; toPlainString of 12345.6789 is '12345.6789'", () => {
        assertDecimal(callInstance(decimalType, dec('1.10000'), 'stripTrailingZeros'), '1.1');
        assert.equal(callInstance(decimalType, dec('12345.6789'), 'toPlainString'), '12345.6789');
    });

    test("12345.6789.format() is '12,345.679' (Reference example, en_US)", () => {
        assert.equal(callInstance(decimalType, dec('12345.6789'), 'format'), '12,345.679');
    });

    test('format() keeps every integer digit of a large Decimal', () => {
        assert.equal(
            callInstance(decimalType, dec('123456789012345678901234567890.5'), 'format'),
            '123,456,789,012,345,678,901,234,567,890.5'
        );
    });

    test('a rounding mode argument that is not a RoundingMode raises TypeException', () => {
        const spec = decimalType.instanceMethods?.round[1];
        assertThrowsApex(
            () => spec?.call(['HALF_UP'], ctx, dec('1.5')),
            'TypeException',
            'Expected a System.RoundingMode value'
        );
    });
});
