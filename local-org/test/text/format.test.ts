// String.format: the Apex Reference "String Class" (format: "the same as apex:outputText and the Java
// MessageFormat class"), java.text.MessageFormat for the pattern rules, and Salesforce Stack Exchange 38643 /
// 239123 for how Apex reports errors and treats quotes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringType } from '../../src/runtime/text';
import { ApexDate, ApexDecimal, ApexDouble, ApexList, ApexLong, T, type ApexValue } from '../../src/runtime/values';
import { assertApexError, assertUnsupported, callStatic, fakeContext } from './fakeContext';

const format = (pattern: string, ...args: ApexValue[]) =>
    callStatic(stringType, 'format', [pattern, new ApexList(T.Object, args)]);

describe('String.format (String Class; java.text.MessageFormat)', () => {
    it('substitutes {n} with the n-th argument', () => {
        assert.equal(
            format('Hello {0}, Good to see you in {1}', 'Ram', 'India'),
            'Hello Ram, Good to see you in India'
        );
        assert.equal(format('{1}{0}{1}', 'a', 'b'), 'bab');
    });

    it('leaves a placeholder without an argument as it is and prints null as "null"', () => {
        assert.equal(format('{0} and {3}', 'a'), 'a and {3}');
        assert.equal(format('value: {0}', null), 'value: null');
    });

    it('treats single quotes as MessageFormat quoting: two for one quote, one quotes braces', () => {
        assert.equal(format("Don''t forget {0}", 'x'), "Don't forget x");
        assert.equal(format("Don't forget {0}", 'x'), 'Dont forget {0}');
        assert.equal(format("'{'braces'}' and {0}", 'x'), '{braces} and x');
    });

    it('raises StringException for unmatched braces or a bad argument number', () => {
        assertApexError(() => format('{0', 'x'), 'StringException', 'Unmatched braces in the pattern.');
        assertApexError(() => format('{x}', 'x'), 'StringException', "can't parse argument number: x");
    });

    it('formats numbers as MessageFormat does for the locale: grouping, at most three decimals, half-even', () => {
        assert.equal(format('{0}', 1000), '1,000');
        assert.equal(format('{0}', new ApexLong(-1234567n)), '-1,234,567');
        assert.equal(format('{0}', new ApexDecimal(123456789n, 4)), '12,345.679');
        assert.equal(format('{0}', new ApexDecimal(12125n, 4)), '1.212');
        assert.equal(format('{0}', new ApexDecimal(100n, 2)), '1');
        assert.equal(format('{0}', new ApexDouble(0.5)), '0.5');
        assert.equal(format('{0,number,integer}', new ApexDecimal(25n, 1)), '2');
    });

    it('raises StringException formatting a String as a number (Stack Exchange 38643)', () => {
        assertApexError(() => format('{0,number}', '12'), 'StringException', 'Cannot format given Object as a Number');
    });

    it('stops on what it does not emulate: other locales, dates, choice formats', () => {
        const args = new ApexList(T.Object, [1000]);
        assertUnsupported(
            () => callStatic(stringType, 'format', ['{0}', args], fakeContext({ userLocale: 'de_DE' })),
            /locale de_DE/
        );
        assertUnsupported(() => format('{0}', new ApexDate(0)), /Date/);
        assertUnsupported(() => format('{0,choice,0#none|1#one}', 1), /choice/);
    });

    it('prints other values as String.valueOf does', () => {
        assert.equal(format('{0} {1}', true, new ApexList(T.Integer, [1, 2])), 'true (1, 2)');
    });
});
