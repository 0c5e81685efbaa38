// Enums, switch statements and loops. Sources: Apex Developer Guide, "Enums", "Switch Statements", "Loops"
// ("Traditional For Loops", "List or Set Iteration For Loops", "While Loops", "Do-While Loops", "SOQL For
// Loops"); Apex Reference, "Enum Methods".
import { describe, test } from 'node:test';
import { expectDebug, expectThrows, expectUnsupported } from './helpers';

describe('enums (Enums; Enum Methods)', () => {
    test('values() lists the values in declaration order; name() and ordinal()', () => {
        expectDebug(
            `System.debug(LangSeason.values());
             System.debug(LangSeason.SUMMER.name());
             System.debug(LangSeason.SUMMER.ordinal());
             System.debug(LangSeason.values().size());`,
            ['(WINTER, SPRING, SUMMER, FALL)', 'SUMMER', '2', '4']
        );
    });

    test("valueOf(String) converts a name to its value, ignoring case (the reference's 'delete_failed' example)", () => {
        expectDebug(`System.debug(LangSeason.valueOf('fall') == LangSeason.FALL);`, ['true']);
    });

    test('valueOf of an unknown name is refused loudly (the exception type an org throws is not emulated)', () => {
        expectUnsupported(`LangSeason s = LangSeason.valueOf('MONSOON');`, /MONSOON/);
    });

    test('a platform enum works the same way: StatusCode.valueOf, name and ordinal', () => {
        expectDebug(`System.debug(StatusCode.valueOf('delete_failed').name());`, ['DELETE_FAILED']);
    });

    test('enum values compare with ==, print as their name, and are instances of their enum', () => {
        expectDebug(
            `LangSeason s = LangSeason.SPRING;
             Object o = s;
             System.debug(s == LangSeason.SPRING);
             System.debug(s != LangSeason.WINTER);
             System.debug('in ' + s);
             System.debug(o instanceof LangSeason);
             System.debug((LangSeason) o == LangSeason.SPRING);`,
            ['true', 'true', 'in SPRING', 'true', 'true']
        );
    });

    test('enums as Map keys and Set members', () => {
        expectDebug(
            `Map<LangSeason, Integer> temps = new Map<LangSeason, Integer>{ LangSeason.WINTER => 1 };
             temps.put(LangSeason.SUMMER, 25);
             System.debug(temps.get(LangSeason.SUMMER));
             System.debug(temps.containsKey(LangSeason.FALL));
             System.debug(temps.keySet().contains(LangSeason.WINTER));
             Set<LangSeason> seasons = new Set<LangSeason>(LangSeason.values());
             seasons.remove(LangSeason.WINTER);
             System.debug(seasons.contains(LangSeason.WINTER) + ' ' + seasons.size());`,
            ['25', 'false', 'true', 'false 3']
        );
    });
});

describe('switch (Switch Statements)', () => {
    const classify = (value: string) =>
        `Integer i = ${value};
         switch on i {
             when 1 { System.debug('one'); }
             when 2, 3, 4 { System.debug('few'); }
             when -1 { System.debug('minus one'); }
             when null { System.debug('null'); }
             when else { System.debug('else ' + i); }
         }`;

    test('Integer literals, a list of values, a negative literal, null and when else', () => {
        expectDebug(classify('1'), ['one']);
        expectDebug(classify('3'), ['few']);
        expectDebug(classify('-1'), ['minus one']);
        expectDebug(classify('null'), ['null']);
        expectDebug(classify('9'), ['else 9']);
    });

    test('without a matching value and without when else, nothing runs', () => {
        expectDebug(`switch on 'x' { when 'y' { System.debug('y'); } } System.debug('after');`, ['after']);
    });

    test('String values match case-sensitively', () => {
        expectDebug(
            `switch on 'Orange' { when 'orange' { System.debug('lower'); } when 'Orange' { System.debug('exact'); } }`,
            ['exact']
        );
    });

    test('a Long expression matches Integer and Long literals', () => {
        expectDebug(
            `Long l = 5L;
             switch on l { when 5 { System.debug('five'); } when else { System.debug('else'); } }
             switch on l { when 4L, 5L { System.debug('long five'); } }`,
            ['five', 'long five']
        );
    });

    test('switch on an enum by value names; a null enum matches when null', () => {
        const season = (value: string) =>
            `LangSeason s = ${value};
             switch on s {
                 when WINTER, FALL { System.debug('cold'); }
                 when SPRING { System.debug('mild'); }
                 when null { System.debug('none'); }
                 when else { System.debug('else'); }
             }`;
        expectDebug(season('LangSeason.FALL'), ['cold']);
        expectDebug(season('LangSeason.SPRING'), ['mild']);
        expectDebug(season('LangSeason.SUMMER'), ['else']);
        expectDebug(season('null'), ['none']);
    });

    test('switch on an sObject: when Account a binds the typed record', () => {
        const which = (record: string) =>
            `SObject rec = ${record};
             switch on rec {
                 when Account a { System.debug('account ' + a.Name); }
                 when Contact c { System.debug('contact ' + c.LastName); }
                 when null { System.debug('null'); }
                 when else { System.debug('other'); }
             }`;
        expectDebug(which(`new Account(Name = 'Acme')`), ['account Acme']);
        expectDebug(which(`new Contact(LastName = 'Doe')`), ['contact Doe']);
        expectDebug(which(`new Lead(LastName = 'Roe')`), ['other']);
        expectDebug(which('null'), ['null']);
    });

    test('there is no fall-through, and the switch expression may be a method call', () => {
        expectDebug(
            `switch on 'abc'.length() { when 3 { System.debug('three'); } when else { System.debug('else'); } }`,
            ['three']
        );
    });
});

describe('loops (Loops)', () => {
    test('a traditional for loop with two variables, continue and an empty update', () => {
        expectDebug(
            `List<Integer> evens = new List<Integer>();
             for (Integer k = 0, j = 10; k < j; k++, j--) {
                 if (Math.mod(k, 2) == 1) continue;
                 evens.add(k);
             }
             System.debug(evens);
             Integer n = 0;
             for (; n < 3; ) n++;
             System.debug(n);`,
            ['(0, 2, 4)', '3']
        );
    });

    test('for-each over a List and over a Set (in insertion order)', () => {
        expectDebug(
            `Integer sum = 0;
             for (Integer i : new List<Integer>{ 1, 2, 3 }) sum += i;
             String joined = '';
             for (String s : new Set<String>{ 'b', 'a', 'b' }) joined += s;
             System.debug(sum + ' ' + joined);`,
            ['6 ba']
        );
    });

    test('for-each over a null list is a NullPointerException', () => {
        expectThrows(`List<Integer> none; for (Integer i : none) { System.debug(i); }`, 'System.NullPointerException');
    });

    test('while with break, and do-while runs its body at least once', () => {
        expectDebug(
            `Integer w = 0;
             while (true) { w++; if (w > 3) break; }
             Integer d = 10;
             do { d++; } while (d < 5);
             Integer c = 0; Integer skipped = 0;
             do { c++; if (c == 2) { skipped++; continue; } } while (c < 5);
             System.debug(w + ' ' + d + ' ' + c + ' ' + skipped);`,
            ['4 11 5 1']
        );
    });

    test('break leaves only the innermost loop', () => {
        expectDebug(
            `String out = '';
             for (Integer a = 0; a < 3; a++) {
                 for (Integer b = 0; b < 3; b++) {
                     if (b > a) break;
                     out += a + '' + b + ' ';
                 }
             }
             System.debug(out.trim());`,
            ['00 10 11 20 21 22']
        );
    });

    test('a while condition that is null is a NullPointerException', () => {
        expectThrows(`Boolean b; while (b) { }`, 'System.NullPointerException');
    });

    test('SOQL for loops: one record at a time, and List<...> batches of 200', () => {
        expectDebug(
            `List<Account> accounts = new List<Account>();
             for (Integer i = 0; i < 450; i++) accounts.add(new Account(Name = 'A' + String.valueOf(i).leftPad(3, '0')));
             insert accounts;
             List<Integer> sizes = new List<Integer>();
             for (List<Account> batch : [SELECT Id, Name FROM Account ORDER BY Name]) sizes.add(batch.size());
             System.debug(sizes);
             Integer count = 0;
             String last;
             for (Account a : [SELECT Name FROM Account WHERE Name LIKE 'A00%' ORDER BY Name DESC]) {
                 count++;
                 last = a.Name;
             }
             System.debug(count + ' ' + last);`,
            ['(200, 200, 50)', '10 A000'],
            { asTest: true }
        );
    });
});
