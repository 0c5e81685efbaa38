// Classes, interfaces, inheritance, construction order, properties and statics, run through the interpreter.
// Sources: Apex Developer Guide, "Classes, Objects, and Interfaces", "Extending a Class", "Interfaces",
// "Using Constructors", "Static and Instance Methods, Variables, and Initialization Code", "Using Properties",
// "Using the with sharing, without sharing, and inherited sharing Keywords".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectDebug, expectThrows, expectUnsupported, org, run } from './helpers';

describe('inheritance and interfaces (Extending a Class, Interfaces)', () => {
    test('an override is chosen by the runtime class; super.method() runs the parent version', () => {
        expectDebug(
            `LangShapes.Shape s = new LangShapes.Square(1.5);
             System.debug(s.describe());
             System.debug(new LangShapes.Rect(2, 3).describe());`,
            ['Square! square of area 2.25', 'rect of area 6']
        );
    });

    test('an abstract method is implemented by the subclass; an interface method is inherited', () => {
        expectDebug(
            `LangShapes.Named n = new LangShapes.Square(2);
             System.debug(n.label());
             System.debug(((LangShapes.Shape) n).area());`,
            ['shape:square', '4']
        );
    });

    test('instanceof sees superclasses and implemented interfaces', () => {
        expectDebug(
            `Object o = new LangShapes.Square(1);
             System.debug(o instanceof LangShapes.Rect);
             System.debug(o instanceof LangShapes.Shape);
             System.debug(o instanceof LangShapes.Named);
             System.debug(new LangShapes.Derived() instanceof LangShapes.Named);`,
            ['true', 'true', 'true', 'false']
        );
    });

    test('an inner class is named Outer.Inner', () => {
        expectDebug(`System.debug(String.valueOf(LangShapes.Square.class));`, ['LangShapes.Square']);
    });

    test('an abstract class cannot be constructed (a compile error in an org), and the runtime refuses it loudly', () => {
        expectUnsupported(
            `Object s = new LangShapes.Shape('x');`,
            /Abstract class LangShapes\.Shape.*anonymous-\d+\.apex:1/
        );
    });
});

describe('constructors (Using Constructors)', () => {
    test('this(...) chains to another constructor of the class, super(...) to the parent', () => {
        expectDebug(
            `LangShapes.Rect r = new LangShapes.Rect(2, 5);
             System.debug(r.describe());`,
            ['rect of area 10']
        );
    });

    test('construction order: parent initialisers then constructor, then own initialisers then constructor', () => {
        expectDebug(`System.debug(new LangShapes.Derived().log);`, [
            '(base field, base initializer, base constructor, derived field, derived initializer, derived constructor)'
        ]);
    });

    test('with this(), initialisers run once, before the chained constructor body', () => {
        expectDebug(`System.debug(new LangShapes.Derived('x').log);`, [
            '(base field, base initializer, base constructor, derived field, derived initializer, derived constructor, derived(x))'
        ]);
    });

    test('a constructor with no matching parameters is refused loudly', () => {
        expectUnsupported(
            `Object r = new LangShapes.Rect(1, 2, 3, 4);`,
            /LangShapes\.Rect has no constructor taking 4.*anonymous-\d+\.apex:1/
        );
    });
});

describe('statics (Static and Instance Methods, Variables, and Initialization Code)', () => {
    test('static fields and static blocks run in declaration order, on first use of the class', () => {
        expectDebug(
            `LangInit.log.add('first use');
             System.debug(LangInit.log);`,
            ['(static field, static block, first use)']
        );
    });

    test('a class is not initialised until it is used', () => {
        expectDebug(
            `LangInit.log.add('before');
             Integer v = LangLazy.value;
             LangInit.log.add('after');
             System.debug(LangInit.log);`,
            ['(static field, static block, before, LangLazy static field, LangLazy static block, after)']
        );
    });

    test('static variables keep their value within a transaction', () => {
        expectDebug(`LangInit.next(); LangInit.next(); System.debug(LangInit.next());`, ['3']);
    });

    test('static variables start fresh in each transaction', () => {
        assert.deepEqual(run(`LangInit.next(); System.debug(LangInit.next());`), ['2']);
        assert.deepEqual(run(`System.debug(LangInit.next());`), ['1']);
        assert.deepEqual(run(`System.debug(LangInit.counter);`, { asTest: true }), ['0']);
    });
});

describe('properties (Using Properties)', () => {
    test('an automatic property stores its value', () => {
        expectDebug(`LangProps p = new LangProps(); p.auto = 3; p.auto += 2; System.debug(p.auto);`, ['5']);
    });

    test('a property with a private setter is set inside the class', () => {
        expectDebug(`System.debug(new LangProps().readOnly);`, ['7']);
    });

    test('get and set blocks use the property name as its own storage', () => {
        expectDebug(`LangProps p = new LangProps(); p.upper = 'abc'; System.debug(p.upper);`, ['ABC!']);
    });

    test('a get block runs on every read', () => {
        expectDebug(
            `LangProps p = new LangProps();
             System.debug(p.lazy + p.lazy);
             System.debug(p.getterCalls);`,
            ['84', '2']
        );
    });

    test('static properties, automatic and computed', () => {
        expectDebug(
            `System.debug(LangProps.greeting);
             LangProps.staticCount = 5;
             System.debug(LangProps.greeting);`,
            ['hello 0', 'hello 5']
        );
    });

    test('an uninitialised member is null, and calling a method on it is a NullPointerException', () => {
        expectThrows(
            `LangProps p = new LangProps(); System.debug(p.auto); p.auto.format();`,
            'System.NullPointerException',
            'Attempt to de-reference a null object'
        );
    });
});

describe('sharing keywords', () => {
    test('with sharing, without sharing and inherited sharing classes load and run', () => {
        expectDebug(`System.debug(LangSharing.names());`, ['with/without']);
        const classes = org().interp.registry.classes;
        assert.equal(classes.get('langsharing')?.sharing, 'inherited');
        assert.equal(classes.get('langsharing.withsharing')?.sharing, 'with');
        assert.equal(classes.get('langsharing.withoutsharing')?.sharing, 'without');
        assert.equal(classes.get('langprops')?.sharing, 'without');
        assert.equal(classes.get('langinit')?.sharing, null);
    });
});

describe('names the runtime cannot resolve fail loudly with file and line', () => {
    test('an unknown method', () => {
        expectUnsupported(
            `LangProps p = new LangProps();\np.nothing();`,
            /Method does not exist.*anonymous-\d+\.apex:2/
        );
    });

    test('an unknown variable', () => {
        expectUnsupported(
            `Integer i = 1;\nSystem.debug(missing);`,
            /Variable does not exist: missing.*anonymous-\d+\.apex:2/
        );
    });

    test('an unknown type', () => {
        expectUnsupported(`NoSuchType t = null;`, /Invalid type: NoSuchType.*anonymous-\d+\.apex/);
    });
});
