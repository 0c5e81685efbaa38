// Decimal division: the `/` operator and Decimal.divide. The Apex Reference gives no precision for `/`; the
// behaviour tested here is the one observed in orgs (octoberswimmer/aer-dist issue #345: 1/31 in an org is
// 0.0322580645161290322580645161290323, scale 34; force201.wordpress.com "Decimal scale": 1.0/3.0 equals
// 0.333333333333333333333333333333333 whatever the operands' scales), i.e. BigDecimal.divide with a
// MathContext of 33 digits, half-up. divide(divisor, scale[, mode]) examples are the Reference's.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decimal, decimalDivide, decimalDivideOperator } from '../../src/runtime/numbers/decimal';
import { assertDecimal, assertThrowsApex, dec } from './helpers';

describe('the / operator on Decimals (33 significant digits, half-up, exact quotients kept exact)', () => {
    test('1 / 31 is 0.0322580645161290322580645161290323, scale 34, as measured in an org', () => {
        const quotient = decimalDivideOperator(decimal(1), decimal(31));
        assertDecimal(quotient, '0.0322580645161290322580645161290323');
        assert.equal(quotient.scale, 34);
    });

    test('1.0 / 3.0 is 0.333333333333333333333333333333333 (33 threes)', () => {
        assertDecimal(decimalDivideOperator(dec('1.0'), dec('3.0')), '0.333333333333333333333333333333333');
    });

    test("the operands' scales do not change a non-terminating quotient: 1.0000 / 3.00 is the same", () => {
        assertDecimal(decimalDivideOperator(dec('1.0000'), dec('3.00')), '0.333333333333333333333333333333333');
    });

    test('2 / 3 rounds its last digit half-up: 0.666666666666666666666666666666667', () => {
        assertDecimal(decimalDivideOperator(decimal(2), decimal(3)), '0.666666666666666666666666666666667');
    });

    test('200 / 3 keeps 33 significant digits: 66.6666666666666666666666666666667', () => {
        assertDecimal(decimalDivideOperator(decimal(200), decimal(3)), '66.6666666666666666666666666666667');
    });

    test('10.0 / 4 is exactly 2.5', () => {
        assertDecimal(decimalDivideOperator(dec('10.0'), decimal(4)), '2.5');
    });

    test('1.0 / 4.0 is 0.25', () => {
        assertDecimal(decimalDivideOperator(dec('1.0'), dec('4.0')), '0.25');
    });

    test('an exact quotient takes the scale dividend scale − divisor scale when it can: 10.00 / 5 is 2.00', () => {
        assertDecimal(decimalDivideOperator(dec('10.00'), decimal(5)), '2.00');
    });

    test('6.0 / 2.0 is 3 (preferred scale 0), as in Java', () => {
        assertDecimal(decimalDivideOperator(dec('6.0'), dec('2.0')), '3');
    });

    test('0.00 / 3 is 0.00', () => {
        assertDecimal(decimalDivideOperator(dec('0.00'), decimal(3)), '0.00');
    });

    test('-1 / 3 rounds away from zero at the last digit like +1 / 3', () => {
        assertDecimal(decimalDivideOperator(decimal(-2), decimal(3)), '-0.666666666666666666666666666666667');
    });

    test('a quotient that rounds up into a new digit still has 33 digits: 0.99…95 / 1 at 34 digits', () => {
        const nines = `0.${'9'.repeat(33)}5`;
        assertDecimal(decimalDivideOperator(dec(nines), decimal(1)), '1.00000000000000000000000000000000');
    });

    test('dividing a Decimal by zero raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => decimalDivideOperator(dec('5.0'), decimal(0)), 'MathException', 'Divide by 0');
    });
});

describe('Decimal.divide(divisor, scale[, roundingMode]) (Reference "Decimal Class")', () => {
    test('19.divide(100, 3) is 0.190', () => {
        assertDecimal(decimalDivide(decimal(19), decimal(100), 3), '0.190');
    });

    test('12.4567.divide(7, 2, UP) is 1.78', () => {
        assertDecimal(decimalDivide(dec('12.4567'), decimal(7), 2, 'UP'), '1.78');
    });

    test('5.divide(3, 30) is 1.666666666666666666666666666667 (Salesforce Stack Exchange 154543)', () => {
        assertDecimal(decimalDivide(decimal(5), decimal(3), 30), '1.666666666666666666666666666667');
    });

    test('19.23.divide(100, 3) is 0.192 (Apex Workbook example)', () => {
        assertDecimal(decimalDivide(dec('19.23'), decimal(100), 3), '0.192');
    });

    test('without a rounding mode a tie rounds half-up (assumed): 1.divide(8, 2) is 0.13', () => {
        assertDecimal(decimalDivide(decimal(1), decimal(8), 2), '0.13');
    });

    test('divide with UNNECESSARY raises MathException when the quotient is inexact', () => {
        assertThrowsApex(
            () => decimalDivide(decimal(1), decimal(3), 2, 'UNNECESSARY'),
            'MathException',
            'Rounding necessary'
        );
    });

    test('divide by zero raises MathException "Divide by 0"', () => {
        assertThrowsApex(() => decimalDivide(decimal(1), decimal(0), 2), 'MathException', 'Divide by 0');
    });

    test('a negative scale rounds to tens: 1234.divide(1, -2) is 1.2E+3', () => {
        assertDecimal(decimalDivide(decimal(1234), decimal(1), -2), '1.2E+3');
    });
});
