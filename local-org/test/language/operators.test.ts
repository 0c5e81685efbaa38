// Operators. Sources: Apex Developer Guide, "Expression Operators" (safe navigation ?., null coalescing ??,
// ternary, compound assignment, ++/--, bitwise and shift operators, && and || short-circuit, instanceof),
// "Safe Navigation Operator" (if the left-hand side of the chain is null, the rest of the chain is not
// evaluated and the expression is null), "Null Coalescing Operator".
import { describe, test } from 'node:test';
import { expectDebug, expectThrows } from './helpers';

describe('safe navigation ?. (Safe Navigation Operator)', () => {
    test('a null on the left makes the whole chain null, however long it is', () => {
        expectDebug(
            `Account a = null;
             System.debug(a?.Name);
             System.debug(a?.Name.toUpperCase().length());
             LangOverloads o = null;
             System.debug(o?.field.length());
             List<Account> l = null;
             System.debug(l?.size());
             System.debug(a?.Name == null);`,
            ['null', 'null', 'null', 'null', 'true']
        );
    });

    test('the arguments of a short-circuited call are not evaluated', () => {
        expectDebug(
            `LangOverloads o = null;
             Integer calls = 0;
             String r = o?.instancePick(calls++);
             System.debug(r + ' ' + calls);`,
            ['null 0']
        );
    });

    test('on a map lookup that finds nothing', () => {
        expectDebug(
            `Map<String, Account> m = new Map<String, Account>();
             System.debug(m.get('x')?.Name);
             m.put('x', new Account(Name = 'X'));
             System.debug(m.get('x')?.Name);`,
            ['null', 'X']
        );
    });

    test('without ?., the same chain is a NullPointerException', () => {
        expectThrows(`Account a = null; String n = a.Name;`, 'System.NullPointerException');
    });
});

describe('?? and the ternary operator', () => {
    test('?? gives the right side only when the left is null, and evaluates it only then', () => {
        expectDebug(
            `String s = null;
             System.debug(s ?? 'default');
             System.debug('v' ?? 'default');
             Integer calls = 0;
             String r = 'left' ?? String.valueOf(calls++);
             System.debug(r + ' ' + calls);`,
            ['default', 'v', 'left 0']
        );
    });

    test('the ternary operator evaluates one branch', () => {
        expectDebug(
            `Integer t = 5;
             System.debug(t > 3 ? t * 2 : t);
             Integer calls = 0;
             Integer r = true ? 1 : calls++;
             System.debug(r + ' ' + calls);`,
            ['10', '1 0']
        );
    });

    test('a null condition is a NullPointerException', () => {
        expectThrows(`Boolean b; Integer r = b ? 1 : 2;`, 'System.NullPointerException');
    });
});

describe('assignment operators', () => {
    test('+=, -=, *=, /= on Integers', () => {
        expectDebug(`Integer x = 10; x += 5; x -= 3; x *= 2; x /= 5; System.debug(x);`, ['4']);
    });

    test('prefix and postfix ++ and --', () => {
        expectDebug(
            `Integer i = 5; Integer j = i++; Integer k = ++i;
             System.debug(i + ' ' + j + ' ' + k);
             Integer d = 5; Integer e = d--; Integer f = --d;
             System.debug(d + ' ' + e + ' ' + f);`,
            ['7 5 7', '3 5 3']
        );
    });

    test('++ on a field, a list element and a map value read back', () => {
        expectDebug(
            `LangOverloads o = new LangOverloads(); o.count = 1; o.count++;
             List<Integer> li = new List<Integer>{ 1 }; li[0]++; li[0] += 10;
             System.debug(o.count + ' ' + li[0]);`,
            ['2 12']
        );
    });

    test('++ on a null Integer is a NullPointerException', () => {
        expectThrows(`Integer i; i++;`, 'System.NullPointerException');
    });
});

describe('bitwise and shift operators', () => {
    test('&, |, ^, ~ and the shifts on Integers and Longs', () => {
        expectDebug(
            `System.debug((5 & 3) + ' ' + (5 | 3) + ' ' + (5 ^ 3) + ' ' + (~5));
             System.debug((1 << 4) + ' ' + (-16 >> 2) + ' ' + (-16 >>> 28) + ' ' + (-1L >>> 60) + ' ' + (1 << 31));`,
            ['1 7 6 -6', '16 -4 15 15 -2147483648']
        );
    });

    test('compound bitwise assignment', () => {
        expectDebug(
            `Integer bits = 12;
             bits &= 10; System.debug(bits);
             bits |= 1; System.debug(bits);
             bits ^= 3; System.debug(bits);
             bits <<= 2; System.debug(bits);
             bits >>= 1; System.debug(bits);`,
            ['8', '9', '10', '40', '20']
        );
    });

    test('& | ^ on Booleans evaluate both sides', () => {
        expectDebug(`System.debug((true & false) + ' ' + (true | false) + ' ' + (true ^ true));`, ['false true false']);
    });

    test('&& and || short-circuit', () => {
        expectDebug(
            `Boolean f = false;
             if (f && (1 / 0 == 0)) { System.debug('no'); }
             if (true || (1 / 0 == 0)) { System.debug('or ok'); }
             System.debug('and ok');`,
            ['or ok', 'and ok']
        );
    });
});

describe('instanceof with generics', () => {
    test('a List<Account> is a List<SObject> and a List<Object>, not a List<Contact>', () => {
        expectDebug(
            `List<Account> accs = new List<Account>();
             Object obj = accs;
             System.debug(accs instanceof List<SObject>);
             System.debug(obj instanceof List<Account>);
             System.debug(obj instanceof List<Object>);
             System.debug(obj instanceof List<Contact>);`,
            ['true', 'true', 'true', 'false']
        );
    });

    test('lists, sets and maps by their element types', () => {
        expectDebug(
            `Object strs = new List<String>{ 'a' };
             Object mp = new Map<String, Integer>();
             Object st = new Set<Id>();
             System.debug((strs instanceof List<String>) + ' ' + (strs instanceof List<Integer>));
             System.debug((mp instanceof Map<String, Integer>) + ' ' + (mp instanceof Map<String, Object>));
             System.debug((st instanceof Set<Id>) + ' ' + (st instanceof List<Id>));`,
            ['true false', 'true true', 'true false']
        );
    });

    test('null is an instance of nothing', () => {
        expectDebug(`Object nothing = null; System.debug(nothing instanceof Object);`, ['false']);
    });
});
