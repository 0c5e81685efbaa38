// Strings through the interpreter. Sources: Apex Developer Guide, "Expression Operators" (== on Strings is
// case-insensitive; comparisons with null: "A non-null String or ID value is always greater than a null String or
// ID value", and with a null number the expression is false), "Primitive Data Types" (String escape sequences),
// "Rules of Conversion"; Apex Reference, "String Class" (equals is case-sensitive, equalsIgnoreCase, format,
// join, valueOf and the instance methods used here).
import { describe, test } from 'node:test';
import { expectDebug, expectThrows } from './helpers';

describe('equality and comparison (Expression Operators)', () => {
    test('== and != ignore case; equals() does not; equalsIgnoreCase() does', () => {
        expectDebug(
            `System.debug('abc' == 'ABC');
             System.debug('abc' != 'ABC');
             System.debug('abc'.equals('ABC'));
             System.debug('abc'.equals('abc'));
             System.debug('abc'.equalsIgnoreCase('ABC'));`,
            ['true', 'false', 'false', 'true', 'true']
        );
    });

    test('<, >, <=, >= compare Strings', () => {
        expectDebug(
            `System.debug(('a' < 'b') + ' ' + ('b' > 'a') + ' ' + ('b' >= 'b') + ' ' + ('A' < 'b') + ' ' + ('abc' <= 'abd'));`,
            ['true true true true true']
        );
    });

    test('a non-null String is greater than a null String', () => {
        expectDebug(
            `String n = null;
             System.debug(('a' > n) + ' ' + ('a' < n) + ' ' + (n < 'a') + ' ' + (n == null));`,
            ['true false true true']
        );
    });

    test('a comparison with a null number is false whatever the operator', () => {
        expectDebug(`Integer n = null; System.debug((n < 1) + ' ' + (n > 1) + ' ' + (n >= 1) + ' ' + (n <= 1));`, [
            'false false false false'
        ]);
    });

    test('compareTo compares by Unicode value (String Class)', () => {
        expectDebug(`System.debug('abc'.compareTo('abd') + ' ' + 'b'.compareTo('a') + ' ' + 'a'.compareTo('a'));`, [
            '-1 1 0'
        ]);
    });
});

describe('concatenation', () => {
    test('null concatenates as "null"', () => {
        expectDebug(`String s; System.debug('a' + null); System.debug(s + 'x');`, ['anull', 'nullx']);
    });

    test('numbers: left to right, so 1 + 2 + "x" is "3x" and "x" + 1 + 2 is "x12"; Decimals keep their scale', () => {
        expectDebug(
            `System.debug('x' + 1 + 2);
             System.debug(1 + 2 + 'x');
             System.debug('d ' + 1.50 + ' ' + 2L + ' ' + true);`,
            ['x12', '3x', 'd 1.50 2 true']
        );
    });

    test('a Date concatenates with a midnight time, a Datetime in GMT; String.valueOf(Date) has no time', () => {
        expectDebug(
            `System.debug('d ' + Date.newInstance(2024, 1, 5));
             System.debug(String.valueOf(Date.newInstance(2024, 1, 5)));
             System.debug('t ' + Datetime.newInstanceGmt(2024, 1, 5, 10, 30, 0));`,
            ['d 2024-01-05 00:00:00', '2024-01-05', 't 2024-01-05 10:30:00']
        );
    });

    test('+= appends', () => {
        expectDebug(`String st = 'a'; st += 'b'; st += 1; System.debug(st);`, ['ab1']);
    });

    test('collections and records print in their Apex form', () => {
        expectDebug(
            `System.debug('' + new List<Integer>{ 1, 2 });
             System.debug('' + new Set<String>{ 'a' });
             System.debug('' + new Map<String, Integer>{ 'k' => 1 });
             System.debug('' + new Account(Name = 'Acme'));`,
            ['(1, 2)', '{a}', '{k=1}', 'Account:{Name=Acme}']
        );
    });
});

describe('String methods called from Apex (String Class)', () => {
    test('substring, indexOf, contains, split, replace, trim, toUpperCase, left, right', () => {
        expectDebug(
            `System.debug('Hello World'.substring(6) + '|' + 'Hello'.substring(1, 3) + '|' + 'Hello'.indexOf('l')
                 + '|' + 'Hello'.contains('ell') + '|' + 'a,b,,c'.split(',') + '|' + 'aXbX'.replace('X', '-')
                 + '|' + '  t  '.trim() + '|' + 'abc'.toUpperCase() + '|' + 'Hello'.left(2) + '|' + 'Hello'.right(2));`,
            ['World|el|2|true|(a, b, , c)|a-b-|t|ABC|He|lo']
        );
    });

    test('static isBlank, isEmpty, isNotBlank, join; instance startsWith, endsWith (case-sensitive)', () => {
        expectDebug(
            `System.debug(String.isBlank('  ') + ' ' + String.isEmpty('  ') + ' ' + String.isNotBlank(null)
                 + ' ' + 'abc'.startsWith('ab') + ' ' + 'abc'.endsWith('C') + ' ' + 'abc'.containsIgnoreCase('B'));
             System.debug(String.join(new List<String>{ 'a', 'b' }, '-') + ' ' + 'abc'.reverse() + ' ' + 'ab'.repeat(3)
                 + ' ' + 'hello'.capitalize() + ' ' + 'abcabc'.countMatches('b') + ' ' + 'abc'.length());`,
            ['true false false true false true', 'a-b cba ababab Hello 2 3']
        );
    });

    test('String.format fills {0}, {1} from a list', () => {
        expectDebug(
            `System.debug(String.format('{0} is {1}', new List<Object>{ 'x', 1 }));
             System.debug(String.format('{0} costs {1}', new List<String>{ 'tea', '5' }));`,
            ['x is 1', 'tea costs 5']
        );
    });

    test('a method called on a null String is a NullPointerException', () => {
        expectThrows(`String s; Integer n = s.length();`, 'System.NullPointerException');
    });

    test('substring beyond the end is a StringException', () => {
        expectThrows(`String s = 'abc'.substring(5);`, 'System.StringException');
    });
});

describe('escape sequences in literals (Primitive Data Types)', () => {
    test("\\n, \\t, \\\\, \\', \\u0041 and an unescaped double quote", () => {
        expectDebug(
            String.raw`System.debug('a\nb'.length());
             System.debug('tab\there');
             System.debug('back\\slash');
             System.debug('it\'s');
             System.debug('\u0041');
             System.debug('"q"');`,
            ['3', 'tab\there', 'back\\slash', "it's", 'A', '"q"']
        );
    });
});
