// Governor limits (Apex Developer Guide, "Execution Governors and Limits", "Exception Statements": a
// LimitException cannot be caught; Apex Reference, "Limits Class", "Test Class" startTest: "gets a fresh set of
// governor limits").
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/org/org';
import { apexError, expectTestThrows, loadOrg, runTest } from './helpers';

let org: LocalOrg;

before(() => {
    org = loadOrg();
});

describe('SOQL queries (Apex Developer Guide, "Execution Governors and Limits": 100 synchronous)', () => {
    test('the 101st query throws LimitException "Too many SOQL queries: 101"', () => {
        expectTestThrows(
            org,
            `for (Integer i = 0; i < 101; i++) { Integer n = [SELECT COUNT() FROM Widget__c]; }`,
            'System.LimitException',
            'Too many SOQL queries: 101'
        );
    });

    test('no catch block catches it, and finally blocks do not run', () => {
        const debug: string[] = [];
        const thrown = apexError(() =>
            debug.push(
                ...runTest(
                    org,
                    `try {
                         for (Integer i = 0; i < 101; i++) { Integer n = [SELECT COUNT() FROM Widget__c]; }
                     } catch (Exception e) {
                         System.debug('caught ' + e.getTypeName());
                     } finally {
                         System.debug('finally');
                     }
                     System.debug('after');`
                )
            )
        );
        assert.equal(thrown.typeName, 'System.LimitException');
        assert.deepEqual(debug, []);
        assert.deepEqual(org.debugLog, []);
    });

    test('Limits.getQueries counts the queries run so far; getLimitQueries is 100', () => {
        assert.deepEqual(
            runTest(
                org,
                `Integer a = [SELECT COUNT() FROM Widget__c];
                 List<Widget__c> b = Database.query('SELECT Id FROM Widget__c');
                 System.debug(Limits.getQueries() + '/' + Limits.getLimitQueries());`
            ),
            ['2/100']
        );
    });
});

describe('DML (Apex Developer Guide, "Execution Governors and Limits": 150 statements, 10,000 rows)', () => {
    test('the 151st DML statement throws LimitException "Too many DML statements: 151"', () => {
        expectTestThrows(
            org,
            `for (Integer i = 0; i < 151; i++) { insert new Event_Log__c(Name = 'n' + i); }`,
            'System.LimitException',
            'Too many DML statements: 151'
        );
    });

    test('more than 10,000 rows in DML throws LimitException "Too many DML rows: 10001"', () => {
        expectTestThrows(
            org,
            `List<Event_Log__c> logs = new List<Event_Log__c>();
             for (Integer i = 0; i < 10001; i++) logs.add(new Event_Log__c());
             insert logs;`,
            'System.LimitException',
            'Too many DML rows: 10001'
        );
    });

    test('Limits.getDmlStatements and getDmlRows count statements and records', () => {
        assert.deepEqual(
            runTest(
                org,
                `insert new List<Event_Log__c>{ new Event_Log__c(), new Event_Log__c(), new Event_Log__c() };
                 update [SELECT Id FROM Event_Log__c];
                 System.debug(Limits.getDmlStatements() + ' ' + Limits.getDmlRows() + ' ' + Limits.getLimitDmlStatements() + ' ' + Limits.getLimitDmlRows());`
            ),
            ['2 6 150 10000']
        );
    });
});

describe('Test.startTest (Apex Reference, "Test Class")', () => {
    test("the code between startTest and stopTest gets a fresh set of limits; stopTest restores the test's own", () => {
        assert.deepEqual(
            runTest(
                org,
                `for (Integer i = 0; i < 60; i++) { Integer n = [SELECT COUNT() FROM Widget__c]; }
                 System.debug(Limits.getQueries());
                 Test.startTest();
                 System.debug(Limits.getQueries());
                 for (Integer i = 0; i < 90; i++) { Integer n = [SELECT COUNT() FROM Widget__c]; }
                 System.debug(Limits.getQueries());
                 Test.stopTest();
                 System.debug(Limits.getQueries());`
            ),
            ['60', '0', '90', '60']
        );
    });

    test('startTest may be called once per test', () => {
        expectTestThrows(org, `Test.startTest(); Test.stopTest(); Test.startTest();`, 'System.FinalException');
    });
});
