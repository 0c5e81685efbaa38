// Transactions (Apex Developer Guide, "Apex Transactions", "Transaction Control", "Static and Instance Methods,
// Variables, and Initialization Code": statics live for one transaction; "Anonymous Blocks"; Apex Reference,
// "Database Class" setSavepoint and rollback).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/org/org';
import { apexError, loadOrg, runTest } from './helpers';

let org: LocalOrg;

before(() => {
    org = loadOrg();
});

const count = (object: string): number =>
    Number(org.executeAnonymous(`System.debug([SELECT COUNT() FROM ${object}]);`)[0]);

describe('savepoints (Apex Developer Guide, "Transaction Control")', () => {
    test('Database.rollback undoes the inserts, updates and deletes made after the savepoint', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                Widget__c kept = new Widget__c(Code__c = 'KEEP', Note__c = 'original');
                Widget__c doomed = new Widget__c(Code__c = 'GONE');
                insert new List<Widget__c>{ kept, doomed };
                Savepoint sp = Database.setSavepoint();
                Widget__c added = new Widget__c(Code__c = 'ADDED');
                insert added;
                update new Widget__c(Id = kept.Id, Note__c = 'changed');
                delete doomed;
                Database.rollback(sp);
                for (Widget__c w : [SELECT Code__c, Note__c FROM Widget__c ORDER BY Code__c]) System.debug(w.Code__c + ' ' + w.Note__c);
                // "The ID on an sObject inserted after setting a savepoint is not cleared after a rollback."
                System.debug(added.Id != null);
                `
            ),
            ['GONE set by trigger', 'KEEP original', 'true']
        );
    });

    test('setSavepoint and rollback each count as a DML statement', () => {
        assert.deepEqual(
            runTest(
                org,
                `Savepoint sp = Database.setSavepoint();
                 System.debug(Limits.getDmlStatements());
                 Database.rollback(sp);
                 System.debug(Limits.getDmlStatements());`
            ),
            ['1', '2']
        );
    });

    test('a savepoint rolls back to the state it saw, whatever came after an earlier one', () => {
        assert.deepEqual(
            runTest(
                org,
                `Savepoint first = Database.setSavepoint();
                 insert new Widget__c(Code__c = 'ONE');
                 Savepoint second = Database.setSavepoint();
                 insert new Widget__c(Code__c = 'TWO');
                 Database.rollback(second);
                 System.debug([SELECT COUNT() FROM Widget__c]);
                 Database.rollback(first);
                 System.debug([SELECT COUNT() FROM Widget__c]);`
            ),
            ['1', '0']
        );
    });
});

describe('a transaction commits or rolls back as a whole (Apex Developer Guide, "Apex Transactions")', () => {
    test('Execute Anonymous commits what it saved', () => {
        const before = count('Event_Log__c');
        org.executeAnonymous(`insert new Event_Log__c(Name = 'committed');`);
        assert.equal(count('Event_Log__c'), before + 1);
    });

    test('an uncaught exception rolls back every DML of the transaction and reaches the caller', () => {
        const before = count('Event_Log__c');
        const thrown = apexError(() =>
            org.executeAnonymous(`
                insert new Event_Log__c(Name = 'first');
                insert new Event_Log__c(Name = 'second');
                throw new IllegalArgumentException('stop here');
            `)
        );
        assert.equal(thrown.typeName, 'System.IllegalArgumentException');
        assert.equal(thrown.message, 'stop here');
        assert.equal(count('Event_Log__c'), before);
    });

    test('an exception the code catches rolls nothing back', () => {
        const before = count('Event_Log__c');
        org.executeAnonymous(`
            insert new Event_Log__c(Name = 'kept');
            try { insert new Widget__c(Status__c = 'Bogus'); } catch (DmlException e) { System.debug(e.getMessage()); }
        `);
        assert.equal(count('Event_Log__c'), before + 1);
    });

    test("a test method's data is rolled back when it ends", () => {
        const before = count('Event_Log__c');
        runTest(org, `insert new Event_Log__c(Name = 'test data');`);
        assert.equal(count('Event_Log__c'), before);
    });
});

describe('static variables live for one transaction (Apex Developer Guide, "Static and Instance Methods, Variables, and Initialization Code")', () => {
    test("each transaction starts with the statics' initial values", () => {
        assert.deepEqual(org.executeAnonymous(`System.debug(Counter.next()); System.debug(Counter.next());`), [
            '1',
            '2'
        ]);
        assert.deepEqual(org.executeAnonymous(`System.debug(Counter.next());`), ['1']);
        assert.deepEqual(runTest(org, `System.debug(Counter.next());`), ['1']);
    });

    test('a static changed before an uncaught exception does not leak into the next transaction', () => {
        apexError(() => org.executeAnonymous(`Counter.calls = 41; throw new IllegalArgumentException('x');`));
        assert.deepEqual(org.executeAnonymous(`System.debug(Counter.calls);`), ['0']);
    });
});
