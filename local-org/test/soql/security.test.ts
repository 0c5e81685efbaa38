// Security modes and the metadata runSoql hands back.
// "Set an Access Mode for Database Operations", https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_enforce_usermode.htm
// "Filter SOQL Queries Using WITH SECURITY_ENFORCED", https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_classes_with_security_enforced.htm
// User mode reports an unreadable field as a missing column, as orgs do (https://github.com/beyond-the-cloud-dev/soql-lib/issues/255).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexPlatformError } from '../../src/runtime/errors';
import { Org } from './fixture';

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
    const acme = org.insert('Account', { Name: 'Acme', Secret__c: 's3cret' });
    org.insert('Contact', { LastName: 'Amy', AccountId: acme });
    org.unreadableFields.add('Account.Secret__c');
    return { org, acme };
}

describe('WITH USER_MODE', () => {
    it('reports a field the user cannot read as a missing column, in any clause', () => {
        const { org } = sample();
        assert.match(
            queryError(() => org.query('SELECT Secret__c FROM Account WITH USER_MODE')),
            /^No such column 'Secret__c' on entity 'Account'\./
        );
        assert.match(
            queryError(() => org.query("SELECT Id FROM Account WHERE Secret__c = 'x' WITH USER_MODE")),
            /^No such column 'Secret__c'/
        );
        assert.match(
            queryError(() => org.query('SELECT Id FROM Account WITH USER_MODE ORDER BY Secret__c')),
            /^No such column 'Secret__c'/
        );
        assert.match(
            queryError(() =>
                org.query('SELECT Id, (SELECT Account.Secret__c FROM Contacts) FROM Account WITH USER_MODE')
            ),
            /^No such column 'Secret__c'/
        );
    });

    it('reports an object the user cannot read as an unsupported sObject type', () => {
        const { org } = sample();
        org.unreadableObjects.add('Account');
        assert.match(
            queryError(() => org.query('SELECT Id FROM Account WITH USER_MODE')),
            /^sObject type 'Account' is not supported\./
        );
        assert.match(
            queryError(() => org.query('SELECT Account.Name FROM Contact WITH USER_MODE')),
            /^sObject type 'Account' is not supported\./
        );
    });

    it('leaves FIELDS(STANDARD) without the fields the user cannot read', () => {
        const { org } = sample();
        org.unreadableFields.add('Account.Industry');
        const [row] = org.rowsOf('SELECT FIELDS(STANDARD) FROM Account WITH USER_MODE');
        assert.equal(row.has('Industry'), false);
        assert.equal(row.get('Name'), 'Acme');
    });
});

describe('WITH SECURITY_ENFORCED', () => {
    it('fails on an unreadable field in SELECT with the platform message', () => {
        const { org } = sample();
        assert.equal(
            queryError(() => org.query('SELECT Name, Secret__c FROM Account WITH SECURITY_ENFORCED')),
            'Insufficient permissions: secure query included inaccessible field'
        );
    });

    it('does not check WHERE', () => {
        const { org, acme } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Secret__c = 's3cret' WITH SECURITY_ENFORCED"), [acme]);
    });
});

describe('system mode and the result metadata', () => {
    it('ignores field and object permissions without a mode or WITH SYSTEM_MODE', () => {
        const { org } = sample();
        org.unreadableObjects.add('Account');
        assert.equal(org.rowsOf('SELECT Secret__c FROM Account')[0].get('Secret__c'), 's3cret');
        assert.equal(org.rowsOf('SELECT Secret__c FROM Account WITH SYSTEM_MODE')[0].get('Secret__c'), 's3cret');
    });

    it('reports the mode, FOR UPDATE, the rows counted and the objects read', () => {
        const { org } = sample();
        const result = org.query(
            'SELECT Name, Owner.Name, (SELECT Id FROM Contacts) FROM Account WITH USER_MODE FOR UPDATE'
        );
        assert.equal(result.securityMode, 'USER_MODE');
        assert.equal(result.forUpdate, true);
        assert.equal(result.rowsCounted, 2);
        assert.deepEqual([...result.objectsRead].sort(), ['Account', 'Contact', 'Group', 'User']);
        assert.equal(org.query('SELECT Id FROM Account').securityMode, null);
        assert.equal(org.query('SELECT Id FROM Account').forUpdate, false);
    });

    it('evaluates each bind once', () => {
        const { org } = sample();
        let calls = 0;
        org.query(
            'SELECT Id FROM Account WHERE Name = :n OR Name = :n LIMIT :n2',
            {},
            {
                resolveBind: (bind) => {
                    calls++;
                    return bind.name === 'n2' ? 5 : 'Acme';
                }
            }
        );
        assert.equal(calls, 3);
    });
});
