// SOQL from Apex (Apex Developer Guide, "SOQL and SOSL Queries", "Using Apex Variables in SOQL and SOSL Queries",
// "Using SOQL Queries That Return One Record", "Working with SOQL and SOSL Query Results", "Dynamic SOQL"; Apex
// Reference, "Database Class"; SOQL and SOSL Reference, "Relationship Queries", "Aggregate Functions",
// "ORDER BY", "LIMIT", "OFFSET").
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/org/org';
import { expectTestThrows, loadOrg, runTest } from './helpers';

let org: LocalOrg;

before(() => {
    org = loadOrg();
    // Committed data every test reads: an account with three widgets, two of which have parts.
    org.executeAnonymous(`
        Account acme = new Account(Name = 'Acme');
        insert acme;
        List<Widget__c> widgets = new List<Widget__c>{
            new Widget__c(Code__c = 'A1', Amount__c = 10, Status__c = 'Open', Account__c = acme.Id),
            new Widget__c(Code__c = 'A2', Amount__c = 20, Status__c = 'Open', Account__c = acme.Id),
            new Widget__c(Code__c = 'B1', Amount__c = 5, Status__c = 'Closed')
        };
        insert widgets;
        insert new List<Part__c>{
            new Part__c(Name = 'bolt', Serial__c = 'S1', Quantity__c = 4, Widget__c = widgets[0].Id),
            new Part__c(Name = 'nut', Serial__c = 'S2', Quantity__c = 2, Widget__c = widgets[0].Id),
            new Part__c(Name = 'gear', Serial__c = 'S3', Quantity__c = 1, Widget__c = widgets[1].Id)
        };
    `);
});

describe('binds (Apex Developer Guide, "Using Apex Variables in SOQL and SOSL Queries")', () => {
    test('a bind takes a value, a list, a set, or an expression', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                String code = 'A1';
                List<String> codes = new List<String>{ 'A1', 'B1' };
                Set<String> statuses = new Set<String>{ 'Closed' };
                System.debug([SELECT COUNT() FROM Widget__c WHERE Code__c = :code]);
                System.debug([SELECT COUNT() FROM Widget__c WHERE Code__c IN :codes]);
                System.debug([SELECT COUNT() FROM Widget__c WHERE Status__c IN :statuses]);
                System.debug([SELECT COUNT() FROM Widget__c WHERE Amount__c > :(2 * 4)]);
                Integer max = 2;
                System.debug([SELECT Id FROM Widget__c LIMIT :max].size());
                `
            ),
            ['1', '2', '1', '2', '2']
        );
    });

    test('a record binds as its Id, and a list of records as their Ids', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                Widget__c a1 = [SELECT Id FROM Widget__c WHERE Code__c = 'A1'];
                List<Widget__c> opens = [SELECT Id FROM Widget__c WHERE Status__c = 'Open'];
                System.debug([SELECT Code__c FROM Widget__c WHERE Id = :a1].Code__c);
                System.debug([SELECT COUNT() FROM Part__c WHERE Widget__c IN :opens]);
                `
            ),
            ['A1', '3']
        );
    });
});

describe('relationships (SOQL and SOSL Reference, "Relationship Queries")', () => {
    test('a parent field is read through the relationship name; no parent reads as null', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                for (Widget__c w : [SELECT Code__c, Account__r.Name FROM Widget__c ORDER BY Code__c]) {
                    System.debug(w.Code__c + ' ' + (w.Account__r == null ? 'none' : w.Account__r.Name));
                }
                Part__c gear = [SELECT Widget__r.Code__c FROM Part__c WHERE Name = 'gear'];
                System.debug(gear.Widget__r.Code__c);
                `
            ),
            ['A1 Acme', 'A2 Acme', 'B1 none', 'A2']
        );
    });

    test('a child subquery gives each parent its children, an empty list when it has none', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                for (Widget__c w : [SELECT Code__c, (SELECT Name FROM Parts__r ORDER BY Name) FROM Widget__c ORDER BY Code__c]) {
                    List<String> names = new List<String>();
                    for (Part__c p : w.Parts__r) names.add(p.Name);
                    System.debug(w.Code__c + ' ' + w.Parts__r.size() + ' ' + String.join(names, ','));
                }
                `
            ),
            ['A1 2 bolt,nut', 'A2 1 gear', 'B1 0 ']
        );
    });
});

describe('aggregates, ORDER BY, LIMIT, OFFSET (SOQL and SOSL Reference)', () => {
    test('COUNT() returns an Integer; aggregate functions return AggregateResult rows', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                Integer n = [SELECT COUNT() FROM Widget__c WHERE Status__c = 'Open'];
                System.debug(n);
                for (AggregateResult r : [SELECT Status__c status, COUNT(Id) total, SUM(Amount__c) amount
                                          FROM Widget__c GROUP BY Status__c ORDER BY Status__c]) {
                    System.debug(r.get('status') + ' ' + r.get('total') + ' ' + r.get('amount'));
                }
                AggregateResult all = [SELECT MAX(Amount__c) top, MIN(Amount__c) low FROM Widget__c][0];
                System.debug(all.get('top') + ' ' + all.get('low'));
                `
            ),
            ['2', 'Closed 1 5.00', 'Open 2 30.00', '20.00 5.00']
        );
    });

    test('ORDER BY with DESC and NULLS LAST, then LIMIT and OFFSET', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                insert new Widget__c(Code__c = 'C1');
                List<String> codes = new List<String>();
                for (Widget__c w : [SELECT Code__c FROM Widget__c ORDER BY Amount__c DESC NULLS LAST]) codes.add(w.Code__c);
                System.debug(String.join(codes, ','));
                codes.clear();
                for (Widget__c w : [SELECT Code__c FROM Widget__c ORDER BY Code__c LIMIT 2 OFFSET 1]) codes.add(w.Code__c);
                System.debug(String.join(codes, ','));
                `
            ),
            ['A2,A1,B1,C1', 'A2,B1']
        );
    });
});

describe('a query assigned to one record (Apex Developer Guide, "Using SOQL Queries That Return One Record")', () => {
    test('no row throws QueryException "List has no rows for assignment to SObject"', () => {
        expectTestThrows(
            org,
            `Widget__c w = [SELECT Id FROM Widget__c WHERE Code__c = 'none'];`,
            'System.QueryException',
            'List has no rows for assignment to SObject'
        );
    });

    test('two rows throw QueryException "List has more than 1 row for assignment to SObject"', () => {
        expectTestThrows(
            org,
            `Widget__c w = [SELECT Id FROM Widget__c WHERE Status__c = 'Open'];`,
            'System.QueryException',
            'List has more than 1 row for assignment to SObject'
        );
    });

    test('the QueryException can be caught', () => {
        assert.deepEqual(
            runTest(
                org,
                `try { Widget__c w = [SELECT Id FROM Widget__c WHERE Code__c = 'none']; }
                 catch (QueryException e) { System.debug('caught ' + e.getMessage()); }`
            ),
            ['caught List has no rows for assignment to SObject']
        );
    });
});

describe('fields not selected (Apex Developer Guide, "Working with SOQL and SOSL Query Results")', () => {
    test('reading a field the query did not select throws SObjectException', () => {
        // The message names Object.Field; confirmed by community answers (e.g. salesforce.stackexchange.com
        // "SObject row was retrieved via SOQL without querying the requested field"), not by the guide.
        expectTestThrows(
            org,
            `Widget__c w = [SELECT Id FROM Widget__c WHERE Code__c = 'A1']; System.debug(w.Status__c);`,
            'System.SObjectException',
            'SObject row was retrieved via SOQL without querying the requested field: Widget__c.Status__c'
        );
    });

    test('the Id is always there, and a field set after the query can be read', () => {
        assert.deepEqual(
            runTest(
                org,
                `Widget__c w = [SELECT Code__c FROM Widget__c WHERE Code__c = 'A1'];
                 System.debug(w.Id != null);
                 w.Note__c = 'later';
                 System.debug(w.Note__c);`
            ),
            ['true', 'later']
        );
    });
});

describe('dynamic SOQL (Apex Developer Guide, "Dynamic SOQL"; Apex Reference, "Database Class")', () => {
    test('Database.query binds variables of the calling scope, including a record field', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                String status = 'Open';
                Widget__c probe = new Widget__c(Code__c = 'B1');
                System.debug(Database.query('SELECT Id FROM Widget__c WHERE Status__c = :status').size());
                System.debug(((Widget__c) Database.query('SELECT Amount__c FROM Widget__c WHERE Code__c = :probe.Code__c')[0]).Amount__c);
                System.debug(Database.countQuery('SELECT COUNT() FROM Widget__c'));
                `
            ),
            ['2', '5.00', '3']
        );
    });

    test('Database.queryWithBinds takes its binds from a map', () => {
        assert.deepEqual(
            runTest(
                org,
                `
                Map<String, Object> binds = new Map<String, Object>{ 'codes' => new List<String>{ 'A1', 'A2' } };
                List<Widget__c> rows = Database.queryWithBinds(
                    'SELECT Code__c FROM Widget__c WHERE Code__c IN :codes ORDER BY Code__c', binds, AccessLevel.SYSTEM_MODE);
                System.debug(rows.size() + ' ' + rows[1].Code__c);
                `
            ),
            ['2 A2']
        );
    });

    test('an unknown field fails with QueryException', () => {
        expectTestThrows(
            org,
            `Database.query('SELECT Nope__c FROM Widget__c');`,
            'System.QueryException',
            /No such column 'Nope__c' on entity 'Widget__c'/
        );
    });

    test('an unknown object fails with QueryException', () => {
        expectTestThrows(
            org,
            `Database.query('SELECT Id FROM Nope__c');`,
            'System.QueryException',
            /sObject type 'Nope__c' is not supported/
        );
    });

    test('malformed SOQL fails with QueryException', () => {
        expectTestThrows(org, `Database.query('SELECT FROM Widget__c');`, 'System.QueryException');
    });

    test('a bind that is not in the scope fails with QueryException', () => {
        expectTestThrows(
            org,
            `Database.query('SELECT Id FROM Widget__c WHERE Code__c = :missing');`,
            'System.QueryException',
            'Variable does not exist: missing'
        );
    });
});
