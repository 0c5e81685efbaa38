// User mode and permission checks (Apex Developer Guide, "Enforce User Mode for Database Operations" / "Set an
// Access Mode for Database Operations", "Filter SOQL Queries Using WITH SECURITY_ENFORCED", "Enforcing Object and
// Field Permissions"; Apex Reference, "DescribeSObjectResult Class", "DescribeFieldResult Class", "AccessLevel
// Class"). ann has Widget_User (CRUD on Widget__c, every field but Secret__c), rita Widget_Reader (read Widget__c
// and its Code__c), dan nothing beyond the Standard User profile; none of them has access to Gadget__c.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/org/org';
import { apexError, createUser, loadOrg, runTest } from './helpers';

let org: LocalOrg;
const users: Record<string, string> = {};

before(() => {
    org = loadOrg();
    users.ann = createUser(org, 'ann', ['Widget_User']);
    users.rita = createUser(org, 'rita', ['Widget_Reader']);
    users.dan = createUser(org, 'dan');
    org.executeAnonymous(`
        Widget__c other = new Widget__c(Code__c = 'OTHER');
        insert new List<Widget__c>{ new Widget__c(Code__c = 'MINE', Secret__c = 'hidden', OwnerId = '${users.ann}'), other };
        // rita may edit OTHER as far as sharing goes; only her object permissions stop her.
        insert new Widget__Share(ParentId = other.Id, UserOrGroupId = '${users.rita}', AccessLevel = 'Edit');
        insert new Gadget__c(Name = 'g');
    `);
});

const as = (alias: string, source: string): string[] => runTest(org, source, users[alias]);
const failsAs = (alias: string, source: string) => apexError(() => as(alias, source));

const NO_SUCH_COLUMN =
    "No such column 'Secret__c' on entity 'Widget__c'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

describe('WITH USER_MODE (Apex Developer Guide, "Enforce User Mode for Database Operations")', () => {
    test('an object the user cannot read fails with QueryException, as if it did not exist', () => {
        const thrown = failsAs('ann', `System.debug([SELECT Id FROM Gadget__c WITH USER_MODE]);`);
        assert.equal(thrown.typeName, 'System.QueryException');
        assert.match(thrown.message ?? '', /^sObject type 'Gadget__c' is not supported/);
    });

    test('a field the user cannot read fails with QueryException, in SELECT and in WHERE', () => {
        for (const query of [
            `SELECT Secret__c FROM Widget__c WITH USER_MODE`,
            `SELECT Id FROM Widget__c WHERE Secret__c = 'x' WITH USER_MODE`
        ]) {
            const thrown = failsAs('ann', `System.debug([${query}]);`);
            assert.equal(thrown.typeName, 'System.QueryException');
            assert.equal(thrown.message, NO_SUCH_COLUMN);
        }
    });

    test("fields the user can read are returned; system mode ignores the user's permissions", () => {
        assert.deepEqual(
            as(
                'ann',
                `System.debug([SELECT Code__c FROM Widget__c WITH USER_MODE].Code__c);
                 System.debug([SELECT Secret__c FROM Widget__c WHERE Code__c = 'MINE' WITH SYSTEM_MODE].Secret__c);`
            ),
            ['MINE', 'hidden']
        );
    });

    test('user mode enforces sharing even in a without sharing class', () => {
        assert.deepEqual(
            as(
                'ann',
                `System.debug(WithoutSharingReader.countInUserMode()); System.debug(WithoutSharingReader.countWidgets());`
            ),
            ['1', '2']
        );
    });

    test('Database.query and Database.queryWithBinds take AccessLevel.USER_MODE', () => {
        for (const call of [
            `Database.query('SELECT Secret__c FROM Widget__c', AccessLevel.USER_MODE)`,
            `Database.queryWithBinds('SELECT Secret__c FROM Widget__c', new Map<String, Object>(), AccessLevel.USER_MODE)`
        ]) {
            const thrown = failsAs('ann', `System.debug(${call});`);
            assert.equal(thrown.typeName, 'System.QueryException');
            assert.equal(thrown.message, NO_SUCH_COLUMN);
        }
        // System mode ignores permissions; record sharing is then the code's own (Execute Anonymous: with sharing).
        assert.deepEqual(
            as(
                'ann',
                `System.debug(Database.query('SELECT Secret__c FROM Widget__c', AccessLevel.SYSTEM_MODE)[0].get('Secret__c'));`
            ),
            ['hidden']
        );
    });
});

describe('WITH SECURITY_ENFORCED (Apex Developer Guide, "Filter SOQL Queries Using WITH SECURITY_ENFORCED")', () => {
    test('an inaccessible field in SELECT fails with "Insufficient permissions: secure query included inaccessible field"', () => {
        const thrown = failsAs('ann', `System.debug([SELECT Secret__c FROM Widget__c WITH SECURITY_ENFORCED]);`);
        assert.equal(thrown.typeName, 'System.QueryException');
        assert.equal(thrown.message, 'Insufficient permissions: secure query included inaccessible field');
    });

    test('it checks SELECT and FROM only, not WHERE', () => {
        assert.deepEqual(
            as(
                'ann',
                `System.debug([SELECT Code__c FROM Widget__c WHERE Secret__c = 'hidden' WITH SECURITY_ENFORCED].size());`
            ),
            ['1']
        );
    });
});

describe('DML in user mode (Apex Developer Guide, "Enforce User Mode for Database Operations")', () => {
    test('insert as user without create permission on the object fails', () => {
        const thrown = failsAs('ann', `insert as user new Gadget__c(Name = 'x');`);
        assert.equal(thrown.typeName, 'System.DmlException');
        assert.match(thrown.message ?? '', /first error: INSUFFICIENT_ACCESS_OR_READONLY/);
    });

    test('insert as user setting a field the user cannot edit fails with INVALID_FIELD_FOR_INSERT_UPDATE', () => {
        const thrown = failsAs('ann', `insert as user new Widget__c(Code__c = 'X', Secret__c = 'no');`);
        assert.equal(thrown.typeName, 'System.DmlException');
        assert.equal(
            thrown.message,
            'Insert failed. First exception on row 0; first error: INVALID_FIELD_FOR_INSERT_UPDATE, Unable to create/update fields: Secret__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.: [Secret__c]'
        );
    });

    test('insert as user with permitted fields succeeds; insert as system ignores permissions', () => {
        assert.deepEqual(
            as(
                'ann',
                `insert as user new Widget__c(Code__c = 'OK');
                 insert as system new Gadget__c(Name = 'sys');
                 System.debug([SELECT COUNT() FROM Widget__c WHERE Code__c = 'OK']);`
            ),
            ['1']
        );
    });

    test('update as user on a read-only permission set fails', () => {
        const thrown = failsAs(
            'rita',
            `Widget__c w = [SELECT Id FROM Widget__c WHERE Code__c = 'OTHER'];
             w.Code__c = 'CHANGED';
             update as user w;`
        );
        assert.equal(thrown.typeName, 'System.DmlException');
        assert.match(thrown.message ?? '', /INSUFFICIENT_ACCESS_OR_READONLY/);
    });

    test('Database methods take AccessLevel.USER_MODE and report the failure on the result', () => {
        assert.deepEqual(
            as(
                'ann',
                `Database.SaveResult r = Database.insert(new Widget__c(Secret__c = 'no'), false, AccessLevel.USER_MODE);
                 System.debug(r.isSuccess() + ' ' + r.getErrors()[0].getStatusCode());
                 Database.SaveResult s = Database.insert(new Widget__c(Secret__c = 'yes'), false, AccessLevel.SYSTEM_MODE);
                 System.debug(s.isSuccess());`
            ),
            ['false INVALID_FIELD_FOR_INSERT_UPDATE', 'true']
        );
    });
});

describe('describe per user (Apex Reference, "DescribeSObjectResult Class", "DescribeFieldResult Class")', () => {
    const describeAs = (alias: string) =>
        as(
            alias,
            `Schema.DescribeSObjectResult d = Schema.SObjectType.Widget__c;
             System.debug(d.isAccessible() + ' ' + d.isCreateable() + ' ' + d.isUpdateable() + ' ' + d.isDeletable());
             System.debug(Schema.SObjectType.Widget__c.fields.Code__c.isAccessible() + ' ' + Schema.SObjectType.Widget__c.fields.Code__c.isUpdateable());
             System.debug(Schema.SObjectType.Widget__c.fields.Secret__c.isAccessible() + ' ' + Schema.SObjectType.Widget__c.fields.Secret__c.isCreateable());`
        );

    test("the answers follow the running user's permission sets", () => {
        assert.deepEqual(describeAs('ann'), ['true true true true', 'true true', 'false false']);
        assert.deepEqual(describeAs('rita'), ['true false false false', 'true false', 'false false']);
        assert.deepEqual(describeAs('dan'), ['false false false false', 'false false', 'false false']);
    });

    test('the administrator may do everything', () => {
        assert.deepEqual(
            runTest(
                org,
                `System.debug(Schema.SObjectType.Gadget__c.isCreateable() + ' ' + Schema.SObjectType.Widget__c.fields.Secret__c.isUpdateable());`
            ),
            ['true true']
        );
    });
});
