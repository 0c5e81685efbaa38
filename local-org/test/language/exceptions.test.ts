// Exceptions. Sources: Apex Developer Guide, "Exception Statements" (try/catch/finally; "Exceptions that Can't be
// Caught": LimitException and assertion failures, whose catch and finally blocks do not run), "Create Custom
// Exceptions" (the four implicit constructors, rethrowing with a cause), "Exception Class and Built-In
// Exceptions"; Apex Reference, "Exception Class" (getMessage, getCause, getTypeName, getLineNumber,
// getStackTraceString), "Id Class" (valueOf); Apex Workbook, "Built-In Exceptions and Common Methods".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { expectDebug, expectThrows, expectUnsupported, org, runThrows } from './helpers';

describe('custom exceptions (Create Custom Exceptions)', () => {
    test('the four implicit constructors: none, message, cause, message and cause', () => {
        expectDebug(
            `Exception none = new LangErrors.OrderException();
             Exception withMessage = new LangErrors.OrderException('bad');
             Exception withCause = new LangErrors.OrderException(withMessage);
             Exception both = new LangErrors.OrderException('worse', withMessage);
             System.debug(none.getMessage() + ' ' + none.getCause());
             System.debug(withMessage.getMessage());
             System.debug(withCause.getCause() === withMessage);
             System.debug(both.getMessage() + ' ' + (both.getCause() === withMessage));`,
            ['null null', 'bad', 'true', 'worse true']
        );
    });

    test('an exception with its own constructor and fields keeps the implicit ones (this(message))', () => {
        expectDebug(
            `LangErrors.CodedException c = new LangErrors.CodedException(42, 'coded');
             System.debug(c.code + ' ' + c.getMessage());
             Exception plain = new LangErrors.CodedException('plain', new LangErrors.OrderException('cause'));
             System.debug(plain.getMessage() + ' / ' + plain.getCause().getMessage());`,
            ['42 coded', 'plain / cause']
        );
    });

    test('a catch block for a parent exception type catches its subclasses', () => {
        expectDebug(
            `try { LangErrors.fail('boom'); }
             catch (LangErrors.BaseException e) { System.debug('base caught ' + e.getMessage()); }`,
            ['base caught boom']
        );
    });

    test('getTypeName names the class; getLineNumber and getStackTraceString point where it was thrown', () => {
        // LangErrors.fail throws on line 19 of LangErrors.cls.
        expectDebug(
            `try { LangErrors.fail('boom'); }
             catch (Exception e) {
                 System.debug(e.getTypeName());
                 System.debug(e.getLineNumber());
                 System.debug(e.getStackTraceString().split('\\n')[0].substringBefore(', column'));
             }`,
            ['LangErrors.OrderException', '19', 'Class.LangErrors.fail: line 19']
        );
    });

    test('an exception rethrown with a cause (Rethrowing Exceptions and Inner Exceptions)', () => {
        expectDebug(
            `try { LangErrors.wrapAndRethrow(); }
             catch (LangErrors.CodedException e) {
                 System.debug(e.getMessage() + ' caused by ' + e.getCause().getMessage());
                 System.debug(e.getCause() instanceof LangErrors.OrderException);
             }`,
            ['outer caused by inner', 'true']
        );
    });

    test('an uncaught custom exception ends the transaction with its type and message', () => {
        expectThrows(`LangErrors.fail('unhandled');`, 'LangErrors.OrderException', 'unhandled');
    });
});

describe('try, catch and finally (Exception Statements)', () => {
    test('the first matching catch runs, then finally', () => {
        expectDebug(
            `try {
                 System.debug('try');
                 throw new LangErrors.OrderException('x');
             } catch (LangErrors.CodedException e) {
                 System.debug('wrong catch');
             } catch (Exception e) {
                 System.debug('generic ' + e.getMessage());
             } finally {
                 System.debug('finally');
             }
             System.debug('after');`,
            ['try', 'generic x', 'finally', 'after']
        );
    });

    test('finally runs when nothing is thrown, and when the exception is not caught here', () => {
        expectDebug(
            `try { System.debug('body'); } finally { System.debug('finally 1'); }
             try {
                 try { LangErrors.fail('inner'); }
                 catch (LangErrors.CodedException e) { System.debug('wrong'); }
                 finally { System.debug('finally 2'); }
             } catch (LangErrors.OrderException e) {
                 System.debug('outer caught ' + e.getMessage());
             }`,
            ['body', 'finally 1', 'finally 2', 'outer caught inner']
        );
    });

    test('finally runs after a return in the try block; the returned value stands', () => {
        expectDebug(`Integer r = LangErrors.returnsInTry(); System.debug(r + ' ' + LangErrors.log);`, [
            '1 (try, finally)'
        ]);
    });

    test('a caught exception can be rethrown as it is', () => {
        expectThrows(
            `try { LangErrors.fail('again'); } catch (Exception e) { System.debug('seen'); throw e; }`,
            'LangErrors.OrderException',
            'again'
        );
        assert.deepEqual(org().debugLog, ['seen']);
    });

    test('an exception thrown in a catch block still runs finally, then propagates', () => {
        expectThrows(
            `try { LangErrors.fail('first'); }
             catch (Exception e) { throw new LangErrors.CodedException('second'); }
             finally { System.debug('finally'); }`,
            'LangErrors.CodedException',
            'second'
        );
        assert.deepEqual(org().debugLog, ['finally']);
    });
});

describe('System exceptions caught by their type (Exception Class and Built-In Exceptions)', () => {
    test('NullPointerException on de-referencing null', () => {
        expectDebug(
            `try { String s; s.length(); }
             catch (NullPointerException e) { System.debug(e.getTypeName() + ': ' + e.getMessage()); }`,
            ['System.NullPointerException: Attempt to de-reference a null object']
        );
    });

    test('TypeException on a bad cast: Invalid conversion from runtime type X to Y', () => {
        expectDebug(
            `try { Object o = 'abc'; Integer i = (Integer) o; }
             catch (TypeException e) { System.debug(e.getMessage()); }
             try { SObject so = new Account(); Contact c = (Contact) so; }
             catch (System.TypeException e) { System.debug(e.getMessage()); }
             try { Object o = new LangCollections.Plain(1); LangCollections.Point p = (LangCollections.Point) o; }
             catch (TypeException e) { System.debug(e.getMessage()); }`,
            [
                'Invalid conversion from runtime type String to Integer',
                'Invalid conversion from runtime type Account to Contact',
                'Invalid conversion from runtime type LangCollections.Plain to LangCollections.Point'
            ]
        );
    });

    test('MathException on division by 0, Integer and Decimal', () => {
        expectDebug(
            `try { Integer x = 1 / 0; } catch (MathException e) { System.debug(e.getMessage()); }
             try { Decimal d = 1.5 / 0; } catch (MathException e) { System.debug(e.getMessage()); }`,
            ['Divide by 0', 'Divide by 0']
        );
    });

    test('ListException on an index out of bounds', () => {
        expectDebug(
            `try { Integer i = new List<Integer>()[0]; } catch (ListException e) { System.debug(e.getMessage()); }`,
            ['List index out of bounds: 0']
        );
    });

    test('StringException from Id.valueOf and from assigning an invalid Id', () => {
        expectDebug(
            `try { Id i = Id.valueOf('bad'); } catch (StringException e) { System.debug(e.getMessage()); }
             try { Id i = 'bad'; } catch (StringException e) { System.debug(e.getTypeName()); }`,
            ['Invalid id: bad', 'System.StringException']
        );
    });

    test('an uncaught System exception reaches the caller with its type and message', () => {
        expectThrows(`Integer x = 1 / 0;`, 'System.MathException', 'Divide by 0');
    });
});

describe("exceptions that can't be caught (Exception Statements)", () => {
    test('AssertException: neither catch nor finally runs', () => {
        const thrown = runThrows(
            `try { System.assert(false); }
             catch (Exception e) { System.debug('caught'); }
             finally { System.debug('finally'); }`
        );
        assert.equal(thrown.typeName, 'System.AssertException');
        assert.equal(thrown.message, 'Assertion Failed');
        assert.deepEqual(org().debugLog, []);
    });

    test('AssertException from Assert.areEqual, even when caught by its own type', () => {
        const thrown = runThrows(
            `try { Assert.areEqual(1, 2, 'nope'); }
             catch (AssertException e) { System.debug('caught'); }`
        );
        assert.equal(thrown.message, 'Assertion Failed: nope. Expected: 1, Actual: 2');
        assert.deepEqual(org().debugLog, []);
    });

    test('LimitException (101 SOQL queries): neither catch nor finally runs', () => {
        const thrown = runThrows(
            `try { for (Integer i = 0; i < 101; i++) { List<Account> a = [SELECT Id FROM Account]; } }
             catch (Exception e) { System.debug('caught'); }
             finally { System.debug('finally'); }`
        );
        assert.equal(thrown.typeName, 'System.LimitException');
        assert.equal(thrown.message, 'Too many SOQL queries: 101');
        assert.deepEqual(org().debugLog, []);
    });

    test('recursion deeper than the JavaScript stack allows stops loudly, naming the file and line', () => {
        expectUnsupported(
            `LangErrors.recurse(0);`,
            /Apex calls \d+ deep exhaust the JavaScript stack.*LangErrors\.cls:32/
        );
    });
});
