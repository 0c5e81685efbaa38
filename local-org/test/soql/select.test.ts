// SELECT lists: fields, parent relationship paths, polymorphic lookups, child subqueries, FIELDS(), deleted rows,
// sharing, and the platform's errors for names it does not know.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runSoql } from '../../src/data/soql/evaluate';
import { ApexPlatformError, UnsupportedError } from '../../src/runtime/errors';
import { ApexList, SObjectValue } from '../../src/runtime/values';
import { inlineQuery, Org } from './fixture';

function queryError(run: () => unknown): string {
    try {
        run();
    } catch (e) {
        assert.ok(e instanceof ApexPlatformError, String(e));
        assert.equal(e.exceptionName, 'QueryException');
        return e.message;
    }
    assert.fail('expected a QueryException');
}

function sample() {
    const org = new Org();
    const user = org.insert('User', { Name: 'Ada Agent', Email: 'ada@example.com' });
    const queue = org.insert('Group', { Name: 'Support Queue', Type: 'Queue' });
    const acme = org.insert('Account', { Name: 'Acme', OwnerId: user, Industry: 'Retail' });
    const globex = org.insert('Account', { Name: 'Globex', OwnerId: queue });
    const orphan = org.insert('Account', { Name: 'Orphan' });
    const c1 = org.insert('Contact', { LastName: 'Zed', AccountId: acme });
    const c2 = org.insert('Contact', { LastName: 'Amy', AccountId: acme });
    const interaction = org.insert('Relay_Interaction__c', {
        Name: 'I-1',
        External_Conversation_Id__c: 'conv-1',
        Account__c: acme
    });
    const message = org.insert('Relay_Message__c', { Body__c: 'hello', Interaction__c: interaction, Sequence__c: 1 });
    return { org, user, queue, acme, globex, orphan, c1, c2, interaction, message };
}

describe('SELECT fields (SOQL SELECT Syntax)', () => {
    // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
    it('returns query rows holding exactly the selected fields plus Id', () => {
        const { org, acme } = sample();
        const [row] = org.rowsOf(`SELECT Name FROM Account WHERE Id = '${acme}'`);
        assert.ok(row instanceof SObjectValue);
        assert.equal(row.objectName, 'Account');
        assert.equal(row.fromQuery, true);
        assert.deepEqual(
            [...row.fields.values()].map((f) => f.name),
            ['Id', 'Name']
        );
        assert.equal(row.get('Name'), 'Acme');
    });

    it('holds a selected field whose value is null', () => {
        const { org, orphan } = sample();
        const [row] = org.rowsOf('SELECT Industry FROM Account WHERE Id = :id', { id: orphan });
        assert.equal(row.has('Industry'), true);
        assert.equal(row.get('Industry'), null);
    });

    it('names fields by their API names whatever case the query uses', () => {
        const { org, acme } = sample();
        const [row] = org.rowsOf(`select name, INDUSTRY from ACCOUNT where id = '${acme}'`);
        assert.deepEqual(
            [...row.fields.values()].map((f) => f.name),
            ['Id', 'Name', 'Industry']
        );
    });

    it('accepts the FROM alias and the object name as a field prefix', () => {
        const { org, acme } = sample();
        const [row] = org.rowsOf(`SELECT a.Name, Account.Industry FROM Account a WHERE a.Id = '${acme}'`);
        assert.equal(row.get('Name'), 'Acme');
        assert.equal(row.get('Industry'), 'Retail');
    });

    it('refuses a field selected twice', () => {
        const { org } = sample();
        assert.equal(
            queryError(() => org.query('SELECT Id, Name, name FROM Account')),
            'duplicate field selected: name'
        );
    });

    it('reports an unknown object and an unknown field with the platform wording', () => {
        const { org } = sample();
        assert.match(
            queryError(() => org.query('SELECT Id FROM Foo__c')),
            /^sObject type 'Foo__c' is not supported\. If you are attempting/
        );
        assert.match(
            queryError(() => org.query('SELECT Bar__c FROM Account')),
            /^No such column 'Bar__c' on entity 'Account'\. If you are attempting to use a custom field/
        );
        assert.match(
            queryError(() => org.query('SELECT Id FROM Account WHERE Bar__c = 1')),
            /^No such column 'Bar__c'/
        );
    });

    it('expands FIELDS(STANDARD) and refuses the unbounded FIELDS(ALL) in Apex (FIELDS())', () => {
        // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_fields.htm
        const { org, acme } = sample();
        const [row] = org.rowsOf(`SELECT FIELDS(STANDARD) FROM Account WHERE Id = '${acme}'`);
        assert.equal(row.get('Name'), 'Acme');
        assert.equal(row.has('Rating__c'), false);
        assert.equal(
            queryError(() => org.query('SELECT FIELDS(ALL) FROM Account LIMIT 200')),
            'The SOQL FIELDS function is not supported with an unbounded set of fields in this API.'
        );
    });
});

describe('parent relationships (Relationship Queries; null Values in Lookup Relationships and Outer Joins)', () => {
    // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_lookup.htm
    it('nests a parent field under the relationship name, with the parent Id and the lookup field', () => {
        const { org, interaction, message } = sample();
        const [row] = org.rowsOf(
            `SELECT Interaction__r.External_Conversation_Id__c FROM Relay_Message__c WHERE Id = '${message}'`
        );
        const parent = row.get('Interaction__r');
        assert.ok(parent instanceof SObjectValue);
        assert.equal(parent.objectName, 'Relay_Interaction__c');
        assert.equal(parent.get('External_Conversation_Id__c'), 'conv-1');
        assert.equal(parent.get('Id'), interaction);
        assert.equal(row.get('Interaction__c'), interaction);
    });

    it('follows several hops into one nested parent', () => {
        const { org, message } = sample();
        const [row] = org.rowsOf(
            `SELECT Interaction__r.Name, Interaction__r.Account__r.Name, Interaction__r.Account__r.Owner.Name FROM Relay_Message__c WHERE Id = '${message}'`
        );
        const interaction = row.get('Interaction__r') as SObjectValue;
        assert.equal(interaction.get('Name'), 'I-1');
        const account = interaction.get('Account__r') as SObjectValue;
        assert.equal(account.get('Name'), 'Acme');
        assert.equal((account.get('Owner') as SObjectValue).get('Name'), 'Ada Agent');
    });

    it('reads an empty lookup as a null relationship and still returns the row', () => {
        const { org, orphan } = sample();
        const [row] = org.rowsOf(`SELECT Name, Owner.Name FROM Account WHERE Id = '${orphan}'`);
        assert.equal(row.has('Owner'), true);
        assert.equal(row.get('Owner'), null);
    });

    it('resolves the polymorphic Owner to a User or a Group by the record the Id names', () => {
        const { org } = sample();
        const rows = org.rowsOf("SELECT Name, Owner.Name FROM Account WHERE Name IN ('Acme', 'Globex') ORDER BY Name");
        const owners = rows.map((r) => r.get('Owner') as SObjectValue);
        assert.deepEqual(
            owners.map((o) => [o.objectName, o.get('Name')]),
            [
                ['User', 'Ada Agent'],
                ['Group', 'Support Queue']
            ]
        );
    });

    it('reads Queue.Name on QueueSobject and ApexClass.Name on AsyncApexJob', () => {
        const { org, queue } = sample();
        org.insert('QueueSobject', { QueueId: queue, SobjectType: 'Case' });
        const cls = org.insert('ApexClass', { Name: 'RelaySync' });
        org.insert('AsyncApexJob', { ApexClassId: cls, Status: 'Queued' });
        const [qs] = org.rowsOf("SELECT Queue.Name FROM QueueSobject WHERE SobjectType = 'Case'");
        assert.equal((qs.get('Queue') as SObjectValue).get('Name'), 'Support Queue');
        const [job] = org.rowsOf("SELECT ApexClass.Name FROM AsyncApexJob WHERE ApexClass.Name = 'RelaySync'");
        assert.equal((job.get('ApexClass') as SObjectValue).get('Name'), 'RelaySync');
    });

    it('reads a parent the user cannot see as null', () => {
        const { org, user, acme } = sample();
        org.hidden.add(user);
        const [row] = org.rowsOf(`SELECT Owner.Name FROM Account WHERE Id = '${acme}'`);
        assert.equal(row.get('Owner'), null);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Owner.Name = 'Ada Agent'"), []);
    });

    it('reports an unknown relationship with the platform wording', () => {
        const { org } = sample();
        assert.match(
            queryError(() => org.query('SELECT Foo__r.Name FROM Account')),
            /^Didn't understand relationship 'Foo__r' in field path\. If you are attempting to use a custom relationship/
        );
        assert.match(
            queryError(() => org.query('SELECT Owner.Nope FROM Account')),
            /^No such column 'Nope' on entity 'Group'/
        );
    });
});

describe('child subqueries (Using Relationship Queries)', () => {
    // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_query_using.htm
    it('returns children as a list under the child relationship name, with their own ORDER BY and LIMIT', () => {
        const { org, acme } = sample();
        const [row] = org.rowsOf(
            `SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName LIMIT 5) FROM Account WHERE Id = '${acme}'`
        );
        const contacts = row.get('Contacts');
        assert.ok(contacts instanceof ApexList);
        assert.equal(contacts.elementType.name, 'Contact');
        assert.deepEqual(
            contacts.items.map((c) => (c as SObjectValue).get('LastName')),
            ['Amy', 'Zed']
        );
    });

    it('filters children with their own WHERE', () => {
        const { org, acme } = sample();
        const [row] = org.rowsOf(
            `SELECT (SELECT Id FROM Contacts WHERE LastName = 'zed') FROM Account WHERE Id = '${acme}'`
        );
        assert.equal((row.get('Contacts') as ApexList).items.length, 1);
    });

    it('gives an empty list, not null, to a parent without children', () => {
        const { org, orphan } = sample();
        const [row] = org.rowsOf(`SELECT (SELECT Id FROM Contacts) FROM Account WHERE Id = '${orphan}'`);
        const contacts = row.get('Contacts');
        assert.ok(contacts instanceof ApexList);
        assert.equal(contacts.items.length, 0);
    });

    it('leaves out children the user cannot see and deleted children', () => {
        const { org, acme, c1, c2 } = sample();
        org.hidden.add(c1);
        org.rows.get(c2)!.values.set('isdeleted', true);
        const [row] = org.rowsOf(`SELECT (SELECT Id FROM Contacts) FROM Account WHERE Id = '${acme}'`);
        assert.equal((row.get('Contacts') as ApexList).items.length, 0);
    });

    it('counts child rows against the query-rows limit (Execution Governors and Limits)', () => {
        // https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm
        const { org } = sample();
        const result = org.query('SELECT Id, (SELECT Id FROM Contacts), (SELECT Id FROM Interactions__r) FROM Account');
        assert.equal(result.rowsCounted, 3 + 2 + 1);
        assert.deepEqual([...result.objectsRead].sort(), ['Account', 'Contact', 'Relay_Interaction__c']);
    });

    it('reports an unknown child relationship with the platform wording', () => {
        const { org } = sample();
        assert.match(
            queryError(() => org.query('SELECT (SELECT Id FROM Contact) FROM Account')),
            /^Didn't understand relationship 'Contact' in FROM part of query call/
        );
    });
});

describe('deleted rows and sharing', () => {
    it('leaves deleted rows out unless the query says ALL ROWS', () => {
        const { org, orphan } = sample();
        org.rows.get(orphan)!.values.set('isdeleted', true);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name = 'Orphan'"), []);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name = 'Orphan' ALL ROWS"), [orphan]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE IsDeleted = true ALL ROWS'), [orphan]);
    });

    it('skips rows the user cannot see', () => {
        const { org, acme } = sample();
        org.hidden.add(acme);
        assert.deepEqual(org.ids(`SELECT Id FROM Account WHERE Id = '${acme}'`), []);
    });
});

describe('inline SOQL and what is not emulated', () => {
    it('runs inline SOQL, handing each bind back to the caller to evaluate', () => {
        const { org, acme } = sample();
        const query = inlineQuery('{ List<Account> found = [SELECT Name FROM Account WHERE Id = :acc.Id]; }');
        const result = runSoql(query, org.options({ 'acc.Id': acme }));
        assert.deepEqual(
            (result.rows as SObjectValue[]).map((r) => r.get('Name')),
            ['Acme']
        );
    });

    it('stops with an UnsupportedError on TYPEOF, date functions and WITH DATA CATEGORY rather than guessing', () => {
        const { org } = sample();
        assert.throws(() => org.query('SELECT TYPEOF Owner WHEN User THEN Email END FROM Account'), UnsupportedError);
        assert.throws(() => org.query('SELECT CALENDAR_YEAR(CreatedDate) FROM Account'), UnsupportedError);
        assert.throws(
            () => org.query('SELECT Id FROM Account WITH DATA CATEGORY Geography__c AT usa__c'),
            UnsupportedError
        );
    });
});
