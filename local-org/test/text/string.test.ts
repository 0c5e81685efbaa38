// Apex String methods through the native String type. Expected values are the examples of the Apex Reference,
// "String Class" (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm)
// where it gives one; otherwise java.lang.String / Commons Lang StringUtils behaviour, as noted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringType } from '../../src/runtime/text';
import { ApexDatetime, ApexList, ApexMap, ApexSet, T } from '../../src/runtime/values';
import { assertApexError, call, callStatic, fakeContext, items } from './fakeContext';

const s = (self: string, name: string, ...args: unknown[]) => call(stringType, self, name, args);
const st = (name: string, ...args: unknown[]) => callStatic(stringType, name, args);

describe('String: substrings and indexes (String Class; java.lang.String)', () => {
    it('substring returns the characters between the indexes, as in the Reference example', () => {
        assert.equal(s('hamburger', 'substring', 4, 8), 'urge');
        assert.equal(s('smiles', 'substring', 1, 5), 'mile');
        assert.equal(s('unhappy', 'substring', 2), 'happy');
    });

    it('substring past the end raises StringException "Ending position out of bounds"', () => {
        assertApexError(() => s('abc', 'substring', 0, 4), 'StringException', 'Ending position out of bounds: 4');
        assertApexError(() => s('abc', 'substring', 0, -1), 'StringException', 'Ending position out of bounds: -1');
        assertApexError(() => s('abc', 'substring', 2, 1), 'StringException', 'Ending position out of bounds: 1');
    });

    it('substring from outside the string raises StringException "Starting position out of bounds"', () => {
        assertApexError(() => s('abc', 'substring', 4), 'StringException', 'Starting position out of bounds: 4');
        assertApexError(() => s('abc', 'substring', -1, 2), 'StringException', 'Starting position out of bounds: -1');
    });

    it('indexOf and lastIndexOf follow Java, including a negative lastIndexOf position finding nothing', () => {
        assert.equal(s('Salesforce and force.com', 'indexOf', 'force'), 5);
        assert.equal(s('Salesforce and force.com', 'indexOf', 'force', 6), 15);
        assert.equal(s('abc', 'indexOf', 'a', -5), 0);
        assert.equal(s('abc', 'indexOf', '', 10), 3);
        assert.equal(s('Salesforce and force.com', 'lastIndexOf', 'force'), 15);
        assert.equal(s('Salesforce and force.com', 'lastIndexOf', 'force', 14), 5);
        assert.equal(s('abc', 'lastIndexOf', 'a', -1), -1);
    });

    it('indexOf with a null substring raises NullPointerException', () => {
        assertApexError(() => s('abc', 'indexOf', null), 'NullPointerException', 'Argument cannot be null.');
    });

    it('indexOfChar and lastIndexOfChar take code points, supplementary ones included', () => {
        assert.equal(s('\u03A9 is Ω (Omega)', 'indexOfChar', 937), 0);
        assert.equal(s('\u03A9 is Ω (Omega)', 'indexOfChar', 937, 1), 5);
        assert.equal(s('a😀b😀', 'indexOfChar', 0x1f600), 1);
        assert.equal(s('a😀b😀', 'lastIndexOfChar', 0x1f600), 4);
        assert.equal(s('abc', 'lastIndexOfChar', 97, -1), -1);
    });

    it('indexOfIgnoreCase and lastIndexOfIgnoreCase compare as StringUtils does', () => {
        assert.equal(s('Salesforce and FORCE.com', 'indexOfIgnoreCase', 'force', 6), 15);
        assert.equal(s('aAbB', 'lastIndexOfIgnoreCase', 'B'), 3);
        assert.equal(s('abc', 'indexOfIgnoreCase', null), -1);
    });

    it('charAt returns the code unit; codePointAt the whole code point', () => {
        assert.equal(s('Ω', 'charAt', 0), 937);
        assert.equal(s('😀', 'charAt', 0), 0xd83d);
        assert.equal(s('😀', 'codePointAt', 0), 0x1f600);
        assert.equal(s('a😀', 'codePointBefore', 3), 0x1f600);
        assert.equal(s('a😀b', 'codePointCount', 0, 4), 3);
        assert.equal(s('a😀b', 'offsetByCodePoints', 0, 2), 3);
        assertApexError(() => s('abc', 'charAt', 3), 'StringException');
    });

    it('length counts UTF-16 code units, as Java does', () => {
        assert.equal(s('a😀', 'length'), 3);
    });
});

describe('String: comparison (String Class; java.lang.String)', () => {
    it('compareTo returns the difference of the first differing characters', () => {
        assert.equal(s('hello', 'compareTo', 'hello'), 0);
        assert.equal(s('hello', 'compareTo', 'Hello'), 32);
        assert.equal(s('ab', 'compareTo', 'abcd'), -2);
    });

    it('equals is case-sensitive and false for null; equalsIgnoreCase ignores case', () => {
        assert.equal(s('abc', 'equals', 'abc'), true);
        assert.equal(s('abc', 'equals', 'ABC'), false);
        assert.equal(s('abc', 'equals', null), false);
        assert.equal(s('Hello', 'equalsIgnoreCase', 'hELLO'), true);
        assert.equal(s('Hello', 'equalsIgnoreCase', null), false);
    });

    it('hashCode is Java String.hashCode', () => {
        assert.equal(s('hello', 'hashCode'), 99162322);
        assert.equal(s('', 'hashCode'), 0);
        assert.equal(
            s('Salesforce Apex hash code overflow', 'hashCode'),
            'Salesforce Apex hash code overflow'.split('').reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 0)
        );
    });

    it('contains, startsWith and endsWith raise NullPointerException for null, their IgnoreCase forms return false', () => {
        assert.equal(s('Salesforce and force.com', 'contains', 'force'), true);
        assertApexError(() => s('abc', 'contains', null), 'NullPointerException');
        assertApexError(() => s('abc', 'startsWith', null), 'NullPointerException');
        assert.equal(s('Salesforce', 'startsWithIgnoreCase', 'SALES'), true);
        assert.equal(s('Salesforce', 'endsWithIgnoreCase', 'FORCE'), true);
        assert.equal(s('Salesforce', 'containsIgnoreCase', null), false);
    });
});

describe('String: static helpers (String Class)', () => {
    it('isBlank treats Java whitespace as blank, but not the no-break space', () => {
        assert.equal(st('isBlank', null), true);
        assert.equal(st('isBlank', ' \t\n\u2003'), true);
        assert.equal(st('isBlank', '\u00a0'), false);
        assert.equal(st('isNotBlank', 'a'), true);
        assert.equal(st('isEmpty', ' '), false);
        assert.equal(st('isNotEmpty', null), false);
    });

    it('join prints each List or Set element as String.valueOf does', () => {
        assert.equal(st('join', new ApexList(T.Integer, [10, 20, 30]), '/'), '10/20/30');
        assert.equal(st('join', new ApexSet(T.String, ['a', 'b']), ', '), 'a, b');
        assert.equal(st('join', new ApexList(T.String, ['a', null, 'b']), ','), 'a,,b');
    });

    it('valueOf delegates to String.valueOf of the runtime; valueOfGmt prints GMT', () => {
        const ctx = fakeContext({ stringOf: () => 'printed' });
        assert.equal(callStatic(stringType, 'valueOf', [42], ctx), 'printed');
        assert.equal(st('valueOfGmt', new ApexDatetime(Date.UTC(2024, 1, 29, 13, 5, 9))), '2024-02-29 13:05:09');
    });

    it('getCommonPrefix and fromCharArray, as in the Reference examples', () => {
        assert.equal(st('getCommonPrefix', new ApexList(T.String, ['SFDCApex', 'SFDCVisualforce'])), 'SFDC');
        assert.equal(st('getCommonPrefix', new ApexList(T.String, ['a', null])), '');
        assert.equal(st('fromCharArray', new ApexList(T.Integer, [115, 102, 100, 99, 0x1f600])), 'sfdc😀');
    });

    it('escapeSingleQuotes puts a backslash before each single quote only', () => {
        assert.equal(st('escapeSingleQuotes', "'Hello Jane' \\"), "\\'Hello Jane\\' \\");
    });
});

describe('String: case (String Class)', () => {
    it('toUpperCase and toLowerCase follow the user locale, Turkish included', () => {
        assert.equal(s('title', 'toUpperCase'), 'TITLE');
        assert.equal(call(stringType, 'title', 'toUpperCase', [], fakeContext({ userLocale: 'tr_TR' })), 'TİTLE');
        assert.equal(s('TITLE', 'toLowerCase', 'tr'), 'tıtle');
        assert.equal(s('straße', 'toUpperCase'), 'STRASSE');
    });

    it('capitalize uses title case, uncapitalize and swapCase work on the first/every letter', () => {
        assert.equal(s('hello maximillian', 'capitalize'), 'Hello maximillian');
        assert.equal(s('ǆemal', 'capitalize'), 'ǅemal');
        assert.equal(s('Hello', 'uncapitalize'), 'hello');
        assert.equal(s('Force.com', 'swapCase'), 'fORCE.COM');
    });

    it('isAllLowerCase, isAllUpperCase are false for an empty string', () => {
        assert.equal(s('hello', 'isAllLowerCase'), true);
        assert.equal(s('HELLO', 'isAllUpperCase'), true);
        assert.equal(s('', 'isAllLowerCase'), false);
    });
});

describe('String: StringUtils methods (String Class; Commons Lang StringUtils)', () => {
    it('abbreviate shortens with an ellipsis, as in the Reference examples', () => {
        assert.equal(s('Hello Maximillian', 'abbreviate', 8), 'Hello...');
        assert.equal(s('Hello Maximillian', 'abbreviate', 9, 6), '...Max...');
        assert.equal(s('Hello', 'abbreviate', 5), 'Hello');
        assert.equal(s('', 'abbreviate', 2), '');
    });

    it('abbreviate below four characters raises StringException', () => {
        assertApexError(
            () => s('Hello Maximillian', 'abbreviate', 3),
            'StringException',
            'Minimum abbreviation width is 4'
        );
        assertApexError(
            () => s('Hello Maximillian', 'abbreviate', 5, 8),
            'StringException',
            'Minimum abbreviation width with offset is 7'
        );
    });

    it('center, leftPad and rightPad pad with spaces or the given string', () => {
        assert.equal(s('hello', 'center', 9), '  hello  ');
        assert.equal(s('hello', 'center', 10, '-'), '--hello---');
        assert.equal(s('abc', 'leftPad', 5), '  abc');
        assert.equal(s('abc', 'leftPad', 8, 'xy'), 'xyxyxabc');
        assert.equal(s('abc', 'rightPad', 5, ''), 'abc  ');
        assertApexError(() => s('abc', 'leftPad', 5, null), 'NullPointerException');
    });

    it('left, right and mid never fail on out-of-range lengths', () => {
        assert.equal(s('abcd', 'left', 2), 'ab');
        assert.equal(s('abcd', 'left', -1), '');
        assert.equal(s('abcd', 'right', 10), 'abcd');
        assert.equal(s('abcdef', 'mid', -1, 2), 'ab');
        assert.equal(s('abcdef', 'mid', 2, 10), 'cdef');
    });

    it('remove, removeStart and removeEnd drop substrings; a null argument changes nothing', () => {
        assert.equal(s('Salesforce and force.com', 'remove', 'force'), 'Sales and .com');
        assert.equal(s('Salesforce and force.com', 'removeEnd', '.com'), 'Salesforce and force');
        assert.equal(s('Salesforce and force.com', 'removeStartIgnoreCase', 'SALES'), 'force and force.com');
        assert.equal(s('Salesforce', 'removeEndIgnoreCase', 'FORCE'), 'Sales');
        assert.equal(s('abc', 'removeStart', null), 'abc');
    });

    it('repeat, with and without a separator', () => {
        assert.equal(s('sfdc', 'repeat', 2), 'sfdcsfdc');
        assert.equal(s('sfdc', 'repeat', '-', 2), 'sfdc-sfdc');
        assert.equal(s('sfdc', 'repeat', -1), '');
    });

    it('replace is literal, even for $ in the replacement', () => {
        assert.equal(s('abcdbca', 'replace', 'bc', 'xy'), 'axydxya');
        assert.equal(s('a.b', 'replace', '.', '$&'), 'a$&b');
        assert.equal(s('abc', 'replace', '', '-'), '-a-b-c-');
        assertApexError(() => s('abc', 'replace', null, 'x'), 'NullPointerException');
    });

    it('countMatches, difference, indexOfDifference and getLevenshteinDistance', () => {
        assert.equal(s('Hello Jane Hello', 'countMatches', 'Hello'), 2);
        assert.equal(s('Hello Jane', 'difference', 'Hello Max'), 'Max');
        assert.equal(s('abcd', 'indexOfDifference', 'abxc'), 2);
        assert.equal(s('abc', 'indexOfDifference', 'abc'), -1);
        assert.equal(s('cat', 'getLevenshteinDistance', 'hat'), 1);
        assert.equal(s('kitten', 'getLevenshteinDistance', 'sitting', 2), -1);
    });

    it('containsAny, containsNone, containsOnly, indexOfAny and indexOfAnyBut treat the argument as characters', () => {
        assert.equal(s('hello', 'containsAny', 'hx'), true);
        assert.equal(s('abcde', 'containsNone', 'fg'), true);
        assert.equal(s('abba', 'containsOnly', 'ab'), true);
        assert.equal(s('abbc', 'containsOnly', 'ab'), false);
        assert.equal(s('Hello Jane', 'indexOfAny', 'Jane'), 1);
        assert.equal(s('pineapple', 'indexOfAnyBut', 'apple'), 1);
    });

    it('whitespace methods use Java whitespace', () => {
        assert.equal(s(' Hello\tJane ', 'deleteWhitespace'), 'HelloJane');
        assert.equal(s('Salesforce \t     force.com', 'normalizeSpace'), 'Salesforce force.com');
        assert.equal(s('  a \u00a0 b  ', 'normalizeSpace'), 'a   b');
        assert.equal(s('a b', 'containsWhitespace'), true);
        assert.equal(s(' \u0001 x\u0000', 'trim'), 'x');
        assert.equal(s('', 'isWhitespace'), true);
    });

    it('isAlpha, isNumeric and friends check every code unit; empty is not alphabetic', () => {
        assert.equal(s('abcé', 'isAlpha'), true);
        assert.equal(s('', 'isAlpha'), false);
        assert.equal(s('ab c', 'isAlphaSpace'), true);
        assert.equal(s('1234', 'isNumeric'), true);
        assert.equal(s('1.2', 'isNumeric'), false);
        assert.equal(s('12 3', 'isNumericSpace'), true);
        assert.equal(s('a1', 'isAlphanumeric'), true);
        assert.equal(s('a\u0007', 'isAsciiPrintable'), false);
    });

    it('substringAfter/Before/Between follow StringUtils, including missing separators', () => {
        assert.equal(s('Force.com', 'substringAfter', '.'), 'com');
        assert.equal(s('Force.com.platform', 'substringAfterLast', '.'), 'platform');
        assert.equal(s('Force.com', 'substringBefore', '.'), 'Force');
        assert.equal(s('Force.com.platform', 'substringBeforeLast', '.'), 'Force.com');
        assert.equal(s('abc', 'substringAfter', 'x'), '');
        assert.equal(s('abc', 'substringBefore', 'x'), 'abc');
        assert.equal(s('tagYellowtag', 'substringBetween', 'tag'), 'Yellow');
        assert.equal(s('xYellowy', 'substringBetween', 'x', 'y'), 'Yellow');
        assert.equal(s('abc', 'substringBetween', 'x', 'y'), null);
    });

    it('splitByCharacterType splits at changes of character type; the CamelCase form keeps words together', () => {
        assert.deepEqual(items(s('Lightning.platform', 'splitByCharacterType')), ['L', 'ightning', '.', 'platform']);
        assert.deepEqual(items(s('Lightning.platform', 'splitByCharacterTypeCamelCase')), [
            'Lightning',
            '.',
            'platform'
        ]);
        assert.deepEqual(items(s('ASFRules', 'splitByCharacterTypeCamelCase')), ['ASF', 'Rules']);
    });

    it('reverse keeps surrogate pairs; getChars lists code units', () => {
        assert.equal(s('Hello😀', 'reverse'), '😀olleH');
        assert.deepEqual(items(s('ab', 'getChars')), [97, 98]);
    });
});

describe('String: regular-expression methods (String Class; java.lang.String.split)', () => {
    it('split removes trailing empty strings and honours a limit', () => {
        assert.deepEqual(items(s('a,b,,c,,', 'split', ',')), ['a', 'b', '', 'c']);
        assert.deepEqual(items(s('a,b,,c,,', 'split', ',', -1)), ['a', 'b', '', 'c', '', '']);
        assert.deepEqual(items(s('a,b,c', 'split', ',', 2)), ['a', 'b,c']);
        assert.deepEqual(items(s('', 'split', ',')), ['']);
        assert.deepEqual(items(s('abc', 'split', '')), ['a', 'b', 'c']);
        assert.deepEqual(items(s('/services/data', 'split', '/')), ['', 'services', 'data']);
    });

    it('replaceAll and replaceFirst use Java replacement syntax', () => {
        assert.equal(s('a1b22', 'replaceAll', '[0-9]+', '#'), 'a#b#');
        assert.equal(s('John Smith', 'replaceFirst', '(\\w+) (\\w+)', '$2, $1'), 'Smith, John');
        assert.equal(s('cost', 'replaceAll', 'cost', '\\$5'), '$5');
    });
});

describe('String.template (Summer ’26 release notes)', () => {
    it('replaces ${name} placeholders from the map', () => {
        const values = new ApexMap(T.String, T.Object);
        values.set('firstName', 'Ada');
        values.set('count', 3);
        assert.equal(s('Hello ${firstName}, ${count} items', 'template', values), 'Hello Ada, 3 items');
    });
});
