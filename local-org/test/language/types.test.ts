// Types at run time, overloads, and what the runtime refuses. Sources: Apex Reference, "Type Class" (forName,
// newInstance, getName); Apex Developer Guide, "Classes, Objects, and Interfaces" (Foo.class), "Class Methods"
// and "Rules of Conversion" (overloads; an Id is a String), "SOQL and SOSL Queries", "Using Batch Apex".
import { describe, test } from 'node:test';
import { expectDebug, expectUnsupported } from './helpers';

describe('Type (Type Class)', () => {
    test('Type.forName finds a class, an inner class, and answers null for an unknown name', () => {
        expectDebug(
            `System.debug(Type.forName('LangProps'));
             System.debug(Type.forName('LangCollections.Plain').getName());
             System.debug(Type.forName('langprops') == LangProps.class);
             System.debug(Type.forName('NoSuchClass'));
             System.debug(Type.forName('', 'LangProps').getName());`,
            ['LangProps', 'LangCollections.Plain', 'true', 'null', 'LangProps']
        );
    });

    test('newInstance runs the no-argument constructor', () => {
        expectDebug(
            `Object inst = Type.forName('LangProps').newInstance();
             System.debug(inst instanceof LangProps);
             System.debug(((LangProps) inst).readOnly);
             System.debug(Type.forName('Account').newInstance() instanceof Account);`,
            ['true', '7', 'true']
        );
    });

    test('Foo.class and getName for classes, primitives, sObjects, enums and collections', () => {
        expectDebug(
            `System.debug(LangProps.class.getName());
             System.debug(String.class.getName());
             System.debug(Account.class.getName());
             System.debug(LangSeason.class.getName());
             System.debug(List<String>.class.getName());
             System.debug(LangShapes.Square.class.getName());`,
            ['LangProps', 'String', 'Account', 'LangSeason', 'List<String>', 'LangShapes.Square']
        );
    });

    test('isAssignableFrom', () => {
        expectDebug(
            `System.debug(LangShapes.Rect.class.isAssignableFrom(LangShapes.Square.class));
             System.debug(LangShapes.Square.class.isAssignableFrom(LangShapes.Rect.class));`,
            ['true', 'false']
        );
    });
});

describe('platform interfaces (Comparable Interface, Comparator Interface)', () => {
    test('a class implementing Comparable or Comparator<T> is an instance of it and can be cast to it', () => {
        expectDebug(
            `Object m = new LangCollections.Money(1);
             Object byLength = new LangCollections.ByLength();
             System.debug((m instanceof Comparable) + ' ' + (byLength instanceof Comparator<String>));
             System.debug((m instanceof Comparator<String>) + ' ' + (new LangCollections.Plain(1) instanceof Comparable));
             Comparable c = (Comparable) m;
             System.debug(c.compareTo(new LangCollections.Money(2)));`,
            ['true true', 'false false', '-1']
        );
    });
});

describe('overloads chosen by argument type (Class Methods)', () => {
    test('by the runtime type of a value', () => {
        expectDebug(
            `System.debug(LangOverloads.pick(1) + ' ' + LangOverloads.pick(1L) + ' ' + LangOverloads.pick(1.5)
                 + ' ' + LangOverloads.pick('s') + ' ' + LangOverloads.pick(Date.today()));
             System.debug(LangOverloads.pick(new Account()) + ' ' + LangOverloads.pick(new Contact())
                 + ' ' + LangOverloads.pick(new List<String>()));`,
            ['Integer Long Decimal String Object', 'Account SObject List<String>']
        );
    });

    test('a null argument takes the overload of the variable’s declared type', () => {
        expectDebug(
            `String s = null; Integer i = null; Decimal d = null; Long l = null;
             Account a = null; SObject so = null; Object o = null; List<String> ls = null;
             System.debug(LangOverloads.pick(s) + ' ' + LangOverloads.pick(i) + ' ' + LangOverloads.pick(d)
                 + ' ' + LangOverloads.pick(l) + ' ' + LangOverloads.pick(a) + ' ' + LangOverloads.pick(so)
                 + ' ' + LangOverloads.pick(o) + ' ' + LangOverloads.pick(ls));`,
            ['String Integer Decimal Long Account SObject Object List<String>']
        );
    });

    test('a null from a cast or a field takes the overload of that type', () => {
        expectDebug(
            `LangOverloads obj = new LangOverloads();
             System.debug(LangOverloads.pick((String) null) + ' ' + LangOverloads.pick((Account) null));
             System.debug(LangOverloads.pick(obj.field) + ' ' + LangOverloads.pick(obj.count));
             String s = null; Integer i = null;
             System.debug(obj.instancePick(s) + ' / ' + obj.instancePick(i));`,
            ['String Account', 'String Integer', 'instance String / instance Integer']
        );
    });

    test('a null from a static field, a field chain, an SObject field or a method call takes its declared type', () => {
        expectDebug(
            `LangOverloads o = new LangOverloads();
             o.child = new LangOverloads();
             Account acc = new Account();
             System.debug(LangOverloads.pick(LangOverloads.staticText) + ' ' + LangOverloads.pick(o.child.field)
                 + ' ' + LangOverloads.pick(o.self().count) + ' ' + LangOverloads.pick(LangOverloads.nullText()));
             System.debug(LangOverloads.pick(acc.Name) + ' ' + LangOverloads.pick(acc.NumberOfEmployees)
                 + ' ' + LangOverloads.pick(acc.AnnualRevenue));`,
            ['String String Integer String', 'String Integer Decimal']
        );
    });

    test('a null from a list element, a map value, a ternary or ?? takes the declared element or branch type', () => {
        expectDebug(
            `List<String> names = new List<String>{ null };
             Map<String, Decimal> amounts = new Map<String, Decimal>();
             Boolean flag = true;
             String s;
             System.debug(LangOverloads.pick(names[0]) + ' ' + LangOverloads.pick(names.get(0))
                 + ' ' + LangOverloads.pick(amounts.get('x')) + ' ' + LangOverloads.pick(flag ? s : null)
                 + ' ' + LangOverloads.pick(s ?? null));`,
            ['String String Decimal String String']
        );
    });

    test('a null whose declared type the runtime cannot tell stops the run rather than guess an overload', () => {
        expectUnsupported(
            `Integer i = 0;\nSystem.debug(LangOverloads.pick(null));`,
            /overload of pick for a null argument.*\(anonymous-\d+\.apex:2\)/
        );
    });

    test('a null Id takes the String overload: an Id can always be assigned to a String (Rules of Conversion)', () => {
        expectDebug(`Id accountId = null; System.debug(LangOverloads.pick(accountId));`, ['String']);
    });

    test('several parameters', () => {
        expectDebug(`System.debug(LangOverloads.pair('a', 1) + ' ' + LangOverloads.pair(1, 'b'));`, [
            'String,Object Object,String'
        ]);
    });
});

describe('constructs the runtime does not support stop the run, naming the construct and file:line', () => {
    test('SOSL', () => {
        expectUnsupported(
            `Integer i = 0;\nList<List<SObject>> r = [FIND 'x' IN ALL FIELDS RETURNING Account];`,
            /SOSL \(anonymous-\d+\.apex:2\)/
        );
    });

    test('Batch Apex', () => {
        expectUnsupported(`Id job = Database.executeBatch(null);`, /Database\.executeBatch.*\(anonymous-\d+\.apex:1\)/);
    });

    test('an unknown type', () => {
        expectUnsupported(
            `Integer i = 0;\nObject o = new LangShapes.Nope();`,
            /Invalid type: LangShapes\.Nope.*anonymous-\d+\.apex:2\)/
        );
    });

    test('a platform method the runtime does not have', () => {
        expectUnsupported(`Integer i = 1;\nSystem.debug(i.nothing());`, /Integer\.nothing.*\(anonymous-\d+\.apex:2\)/);
    });

    test('JSONGenerator', () => {
        expectUnsupported(`Object g = JSON.createGenerator(true);`, /JSON\.createGenerator.*\(anonymous-\d+\.apex:1\)/);
    });
});
