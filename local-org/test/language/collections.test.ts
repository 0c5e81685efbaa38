// Lists, Sets and Maps with generics, sorting and equality. Sources: Apex Developer Guide, "Lists", "Sets",
// "Maps", "List Sorting", "Sorting Lists of sObjects", "Lists of Custom Types and Sorting", "Using Custom Types in
// Map Keys and Sets", "Expression Operators" (== and ===); Apex Reference, "List Class", "Set Class", "Map Class",
// "Comparable Interface", "Comparator Interface"; Apex Workbook, "Built-In Exceptions and Common Methods"
// (ListException "List index out of bounds: 1").
import { describe, test } from 'node:test';
import { expectDebug, expectThrows } from './helpers';

describe('List methods (List Class)', () => {
    test('add, add at an index, remove, indexOf, contains, isEmpty, size, clear', () => {
        expectDebug(
            `List<Integer> li = new List<Integer>{ 1, 2, 3 };
             System.debug(li.remove(0));
             li.add(0, 9);
             li.add(4);
             System.debug(li + ' ' + li.indexOf(3) + ' ' + li.indexOf(7) + ' ' + li.contains(2) + ' ' + li.isEmpty());
             li.clear();
             System.debug(li.size() + ' ' + li.isEmpty());`,
            ['1', '(9, 2, 3, 4) 2 -1 true false', '0 true']
        );
    });

    test('contains and indexOf find Strings case-sensitively, as Sets do (peterknolle.com, "Apex List Contains")', () => {
        expectDebug(
            `List<String> li = new List<String>{ 'a', 'B' };
             System.debug(li.contains('A') + ' ' + li.contains('a') + ' ' + li.indexOf('b') + ' ' + li.indexOf('B'));`,
            ['false true -1 1']
        );
    });

    test('clone() is a shallow copy; a copy constructor copies a List or a Set', () => {
        expectDebug(
            `List<Integer> li = new List<Integer>{ 1 };
             List<Integer> copy = li.clone();
             copy.add(2);
             List<Integer> fromSet = new List<Integer>(new Set<Integer>{ 4, 5 });
             System.debug(li.size() + ' ' + copy.size() + ' ' + fromSet.size());`,
            ['1 2 2']
        );
    });

    test('arrays are lists: new T[n] holds n nulls, T[]{...} lists its elements', () => {
        expectDebug(
            `Integer[] arr = new Integer[3];
             String[] sa = new String[]{ 'x', 'y' };
             List<String> same = sa;
             System.debug(arr + ' ' + same.size() + ' ' + sa[1]);`,
            ['(null, null, null) 2 y']
        );
    });

    test('an Integer added to a List<Decimal> is stored as a Decimal', () => {
        expectDebug(`List<Decimal> ds = new List<Decimal>(); ds.add(1); System.debug(ds[0] instanceof Decimal);`, [
            'true'
        ]);
    });

    test('nested generic collections', () => {
        expectDebug(
            `List<List<Integer>> nested = new List<List<Integer>>{ new List<Integer>{ 1 }, new List<Integer>{ 2, 3 } };
             Map<String, List<String>> ml = new Map<String, List<String>>();
             ml.put('k', new List<String>());
             ml.get('k').add('v');
             System.debug(nested[1][1] + ' ' + ml);`,
            ['3 {k=(v)}']
        );
    });

    test('an Iterator walks the list', () => {
        expectDebug(
            `Iterator<Integer> it = new List<Integer>{ 7, 8 }.iterator();
             Integer sum = 0;
             while (it.hasNext()) sum += it.next();
             System.debug(sum);`,
            ['15']
        );
    });
});

describe('ListException: List index out of bounds: n', () => {
    for (const [what, code, index] of [
        ['reading li[5]', 'Integer x = li[5];', '5'],
        ['get(-1)', 'li.get(-1);', '-1'],
        ['remove(3)', 'li.remove(3);', '3'],
        ['set(3, 1)', 'li.set(3, 1);', '3'],
        ['assigning li[3]', 'li[3] = 4;', '3'],
        ['add(7, 4)', 'li.add(7, 4);', '7']
    ]) {
        test(what, () => {
            expectThrows(
                `List<Integer> li = new List<Integer>{ 1, 2, 3 }; ${code}`,
                'System.ListException',
                `List index out of bounds: ${index}`
            );
        });
    }

    test('a ListException can be caught as ListException and as Exception', () => {
        expectDebug(
            `List<Integer> li = new List<Integer>();
             try { li.get(0); } catch (ListException e) { System.debug('list: ' + e.getMessage()); }
             try { li.get(1); } catch (Exception e) { System.debug(e.getTypeName()); }`,
            ['list: List index out of bounds: 0', 'System.ListException']
        );
    });
});

describe('Set methods (Set Class)', () => {
    test('duplicates are dropped; retainAll, removeAll, containsAll', () => {
        expectDebug(
            `Set<Integer> si = new Set<Integer>{ 1, 2, 3, 3 };
             System.debug(si.size());
             System.debug(si.add(3) + ' ' + si.add(4));
             si.retainAll(new List<Integer>{ 2, 3, 4 });
             System.debug(si);
             si.removeAll(new Set<Integer>{ 3 });
             System.debug(si + ' ' + si.containsAll(new List<Integer>{ 2, 4 }) + ' ' + si.contains(3));`,
            ['3', 'false true', '{2, 3, 4}', '{2, 4} true false']
        );
    });

    test('String members are case-sensitive', () => {
        expectDebug(`Set<String> s = new Set<String>{ 'a', 'A' }; System.debug(s.size() + ' ' + s.contains('b'));`, [
            '2 false'
        ]);
    });
});

describe('Map methods (Map Class)', () => {
    test('put returns the previous value; remove returns the removed value', () => {
        expectDebug(
            `Map<String, Integer> m = new Map<String, Integer>();
             System.debug(m.put('a', 1));
             System.debug(m.put('a', 2));
             System.debug(m.remove('a'));
             System.debug(m.isEmpty() + ' ' + m.get('missing'));`,
            ['null', '1', '2', 'true null']
        );
    });

    test('String keys are case-sensitive: two keys differing only by case are distinct', () => {
        expectDebug(
            `Map<String, Integer> m = new Map<String, Integer>{ 'a' => 1 };
             System.debug(m.get('A') + ' ' + m.containsKey('A'));
             m.put('A', 2);
             System.debug(m.size() + ' ' + m.keySet().contains('a') + ' ' + m.keySet().contains('B'));`,
            ['null false', '2 true false']
        );
    });

    test('a null key is allowed', () => {
        expectDebug(
            `Map<String, Integer> m = new Map<String, Integer>();
             m.put(null, 5);
             System.debug(m.get(null) + ' ' + m.containsKey(null));`,
            ['5 true']
        );
    });

    test('the copy constructor, values() and putAll', () => {
        expectDebug(
            `Map<String, Integer> src = new Map<String, Integer>{ 'a' => 1 };
             Map<String, Integer> copy = new Map<String, Integer>(src);
             copy.put('b', 2);
             Map<String, Integer> all = new Map<String, Integer>();
             all.putAll(copy);
             System.debug(src.size() + ' ' + copy.size() + ' ' + all.values().size() + ' ' + all.get('b'));`,
            ['1 2 2 2']
        );
    });

    test('Map<Id, SObject> from a list of records keys them by Id', () => {
        expectDebug(
            `List<Account> accounts = new List<Account>{ new Account(Name = 'A'), new Account(Name = 'B') };
             insert accounts;
             Map<Id, Account> byId = new Map<Id, Account>(accounts);
             System.debug(byId.size() + ' ' + byId.get(accounts[1].Id).Name);`,
            ['2 B'],
            { asTest: true }
        );
    });
});

describe('sorting (List Sorting, Sorting Lists of sObjects)', () => {
    test("primitives sort ascending (the guide's colors example)", () => {
        expectDebug(
            `List<String> colors = new List<String>{ 'Yellow', 'Red', 'Green' };
             colors.sort();
             List<Integer> ints = new List<Integer>{ 3, -1, 2 };
             ints.sort();
             List<Decimal> ds = new List<Decimal>{ 2.5, 1, 1.25 };
             ds.sort();
             System.debug(colors + ' ' + ints + ' ' + ds);`,
            ['(Green, Red, Yellow) (-1, 2, 3) (1, 1.25, 2.5)']
        );
    });

    test('Comparable objects sort by compareTo', () => {
        expectDebug(
            `List<LangCollections.Money> ms = new List<LangCollections.Money>{
                 new LangCollections.Money(5), new LangCollections.Money(1.5), new LangCollections.Money(3) };
             ms.sort();
             System.debug(ms);`,
            ['($1.5, $3, $5)']
        );
    });

    test('sort(Comparator) orders by compare', () => {
        expectDebug(
            `List<String> words = new List<String>{ 'ccc', 'a', 'bb', 'aa' };
             words.sort(new LangCollections.ByLength());
             System.debug(words);`,
            ['(a, aa, bb, ccc)']
        );
    });

    test('sObjects sort by Name, then by the standard fields in alphabetical order', () => {
        // The guide's example uses Industry and Site; Phone stands in for Site (after Industry alphabetically).
        expectDebug(
            `Account[] acctList = new List<Account>();
             acctList.add(new Account(Name = 'sForce', Industry = 'Biotechnology', Phone = '1'));
             acctList.add(new Account(Name = 'sForce', Industry = 'Agriculture', Phone = '2'));
             acctList.add(new Account(Name = 'Acme'));
             acctList.sort();
             System.debug(acctList[0].Name + ' ' + acctList[1].Industry + ' ' + acctList[2].Industry);`,
            ['Acme Agriculture Biotechnology']
        );
    });

    test('sObject sorting ignores the Id field, and empty fields come first', () => {
        expectDebug(
            `insert new Account(Name = 'sForce', Industry = 'Biotechnology');
             insert new Account(Name = 'sForce', Industry = 'Agriculture');
             insert new Account(Name = 'sForce');
             List<Account> accounts = [SELECT Id, Name, Industry FROM Account ORDER BY CreatedDate];
             accounts.sort();
             System.debug(accounts[0].Industry + ' ' + accounts[1].Industry + ' ' + accounts[2].Industry);`,
            ['null Agriculture Biotechnology'],
            { asTest: true }
        );
    });

    test('sObjects of different types sort by the label of their type', () => {
        expectDebug(
            `List<SObject> records = new List<SObject>{ new Contact(LastName = 'a'), new Account(Name = 'z') };
             records.sort();
             System.debug(records[0] instanceof Account);`,
            ['true']
        );
    });
});

describe('equality of collections and objects (Expression Operators; Using Custom Types in Map Keys and Sets)', () => {
    test('user types with equals and hashCode are the same Map key and Set member', () => {
        expectDebug(
            `Map<LangCollections.Point, String> pm = new Map<LangCollections.Point, String>();
             pm.put(new LangCollections.Point(1, 2), 'first');
             pm.put(new LangCollections.Point(1, 2), 'second');
             System.debug(pm.size() + ' ' + pm.get(new LangCollections.Point(1, 2)));
             Set<LangCollections.Point> ps = new Set<LangCollections.Point>{
                 new LangCollections.Point(1, 2), new LangCollections.Point(1, 2), new LangCollections.Point(2, 1) };
             System.debug(ps.size() + ' ' + ps.contains(new LangCollections.Point(2, 1)));
             System.debug(new LangCollections.Point(3, 4) == new LangCollections.Point(3, 4));`,
            ['1 second', '2 true', 'true']
        );
    });

    test('without equals and hashCode, objects are distinct by reference', () => {
        expectDebug(
            `LangCollections.Plain p = new LangCollections.Plain(1);
             Set<LangCollections.Plain> s = new Set<LangCollections.Plain>{ p, new LangCollections.Plain(1), p };
             System.debug(s.size() + ' ' + (p == new LangCollections.Plain(1)) + ' ' + (p == p));`,
            ['2 false true']
        );
    });

    test('== compares lists, sets and maps by content', () => {
        expectDebug(
            `System.debug(new List<Integer>{ 1, 2 } == new List<Integer>{ 1, 2 });
             System.debug(new List<Integer>{ 1, 2 } == new List<Integer>{ 2, 1 });
             System.debug(new Set<String>{ 'a', 'b' } == new Set<String>{ 'b', 'a' });
             System.debug(new Map<String, Integer>{ 'a' => 1 } == new Map<String, Integer>{ 'a' => 1 });
             System.debug(new Map<String, Integer>{ 'a' => 1 } != new Map<String, Integer>{ 'a' => 2 });`,
            ['true', 'false', 'true', 'true', 'true']
        );
    });

    test('== compares sObjects field by field; === compares references', () => {
        expectDebug(
            `Account a1 = new Account(Name = 'x');
             Account a2 = new Account(Name = 'x');
             Account a3 = new Account(Name = 'x', Phone = '1');
             System.debug((a1 == a2) + ' ' + (a1 == a3) + ' ' + (a1 === a2) + ' ' + (a1 === a1));
             List<Integer> l1 = new List<Integer>{ 1 };
             List<Integer> l2 = new List<Integer>{ 1 };
             System.debug((l1 == l2) + ' ' + (l1 === l2) + ' ' + (l1 !== l2));`,
            ['true false false true', 'true false true']
        );
    });
});
