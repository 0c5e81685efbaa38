// Record sharing (Apex Developer Guide, "Using the with sharing, without sharing, and inherited sharing
// Keywords", "Understanding Sharing", "Sharing a Record Using Apex", "Using the runAs Method"; Salesforce Help,
// "Organization-Wide Sharing Defaults", "Record Access via Queues"). Widget__c is Private, Gadget__c Public
// Read/Write, Part__c a master-detail child of Widget__c.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/org/org';
import { apexError, createUser, loadOrg, runTest } from './helpers';

let org: LocalOrg;
const users: Record<string, string> = {};
const widgets: Record<string, string> = {};

before(() => {
    org = loadOrg();
    for (const alias of ['ann', 'bob', 'cat']) users[alias] = createUser(org, alias, ['Widget_User']);
    users.dan = createUser(org, 'dan');
    // Setup objects (groups, members) in their own transaction, as the platform requires ("sObjects That Can't Be
    // Used Together in DML Operations").
    const [queueId, groupId] = org.executeAnonymous(`
        Group queue = new Group(Name = 'Widget Queue', DeveloperName = 'Widget_Queue', Type = 'Queue');
        Group readers = new Group(Name = 'Readers', DeveloperName = 'Readers', Type = 'Regular');
        insert new List<Group>{ queue, readers };
        insert new QueueSobject(QueueId = queue.Id, SobjectType = 'Widget__c');
        insert new List<GroupMember>{
            new GroupMember(GroupId = queue.Id, UserOrGroupId = '${users.ann}'),
            new GroupMember(GroupId = readers.Id, UserOrGroupId = '${users.cat}')
        };
        System.debug(queue.Id);
        System.debug(readers.Id);
    `);
    const owners: Record<string, string> = {
        ANN: users.ann,
        BOB: users.bob,
        QUEUE: queueId,
        READ: users.bob,
        EDIT: users.bob,
        GROUP: users.bob
    };
    const inserts = Object.entries(owners)
        .map(([code, owner]) => `new Widget__c(Code__c = '${code}', OwnerId = '${owner}')`)
        .join(', ');
    const ids = org.executeAnonymous(`
        List<Widget__c> rows = new List<Widget__c>{ ${inserts} };
        insert rows;
        insert new List<Widget__Share>{
            new Widget__Share(ParentId = rows[3].Id, UserOrGroupId = '${users.ann}', AccessLevel = 'Read'),
            new Widget__Share(ParentId = rows[4].Id, UserOrGroupId = '${users.ann}', AccessLevel = 'Edit'),
            new Widget__Share(ParentId = rows[5].Id, UserOrGroupId = '${groupId}', AccessLevel = 'Read')
        };
        insert new List<Part__c>{
            new Part__c(Name = 'mine', Serial__c = 'S1', Widget__c = rows[0].Id),
            new Part__c(Name = 'theirs', Serial__c = 'S2', Widget__c = rows[1].Id)
        };
        insert new List<Gadget__c>{ new Gadget__c(Name = 'g1'), new Gadget__c(Name = 'g2') };
        for (Widget__c w : rows) System.debug(w.Id);
    `);
    Object.keys(owners).forEach((code, i) => (widgets[code] = ids[i]));
});

const as = (alias: string, source: string): string[] => org.executeAnonymous(source, { userId: users[alias] });

describe('with sharing (Apex Developer Guide, "Using the with sharing ... Keywords"; "Understanding Sharing")', () => {
    test('a user sees what they own, what their queue owns, and what is shared with them or their group', () => {
        assert.deepEqual(as('ann', `System.debug(WithSharingReader.codes());`), ['ANN,EDIT,QUEUE,READ']);
        assert.deepEqual(as('bob', `System.debug(WithSharingReader.codes());`), ['BOB,EDIT,GROUP,READ']);
        assert.deepEqual(as('cat', `System.debug(WithSharingReader.codes());`), ['GROUP']);
    });

    test('a Public Read/Write object shows every record; a master-detail child follows its master', () => {
        assert.deepEqual(
            as('ann', `System.debug(WithSharingReader.countGadgets()); System.debug(WithSharingReader.countParts());`),
            ['2', '1']
        );
    });

    test('removing the share record removes the access', () => {
        assert.deepEqual(
            runTest(
                org,
                `delete [SELECT Id FROM Widget__Share WHERE ParentId = '${widgets.READ}' AND RowCause = 'Manual'];
                 System.runAs(new User(Id = '${users.ann}')) { System.debug(WithSharingReader.codes()); }`
            ),
            ['ANN,EDIT,QUEUE']
        );
    });

    test('updating a record shared Read only, or not shared, fails with INSUFFICIENT_ACCESS_OR_READONLY', () => {
        for (const code of ['READ', 'BOB']) {
            const thrown = apexError(() => as('ann', `WithSharingReader.annotate('${widgets[code]}', 'x');`));
            assert.equal(thrown.typeName, 'System.DmlException');
            assert.equal(
                thrown.message,
                `Update failed. First exception on row 0 with id ${widgets[code]}; first error: INSUFFICIENT_ACCESS_OR_READONLY, insufficient access rights on object id: []`
            );
        }
        as('ann', `WithSharingReader.annotate('${widgets.EDIT}', 'edited by ann');`);
        assert.deepEqual(
            org.executeAnonymous(`System.debug([SELECT Note__c FROM Widget__c WHERE Id = '${widgets.EDIT}'].Note__c);`),
            ['edited by ann']
        );
    });

    test('deleting takes Full Access: an Edit share is not enough, ownership is', () => {
        const thrown = apexError(() => runTest(org, `WithSharingReader.remove('${widgets.EDIT}');`, users.ann));
        assert.match(thrown.message ?? '', /INSUFFICIENT_ACCESS_OR_READONLY/);
        assert.deepEqual(
            runTest(
                org,
                `WithSharingReader.remove('${widgets.ANN}'); System.debug(WithSharingReader.codes());`,
                users.ann
            ),
            ['EDIT,QUEUE,READ']
        );
    });
});

describe('without sharing and inherited sharing', () => {
    test('without sharing sees and changes every record', () => {
        assert.deepEqual(as('cat', `System.debug(WithoutSharingReader.countWidgets());`), ['6']);
        runTest(org, `WithoutSharingReader.annotate('${widgets.BOB}', 'system mode');`, users.cat);
    });

    test('inherited sharing takes the mode of its caller', () => {
        assert.deepEqual(
            as(
                'ann',
                `System.debug(WithSharingReader.countViaInherited()); System.debug(WithoutSharingReader.countViaInherited());`
            ),
            ['4', '6']
        );
    });

    test('Execute Anonymous runs with the sharing rules of the current user, and so does inherited sharing called from it', () => {
        assert.deepEqual(
            as('ann', `System.debug([SELECT COUNT() FROM Widget__c]); System.debug(InheritedReader.countWidgets());`),
            ['4', '4']
        );
    });

    test('the administrator (Modify All Data) sees every record even with sharing', () => {
        assert.deepEqual(org.executeAnonymous(`System.debug(WithSharingReader.countWidgets());`), ['6']);
    });
});

describe('System.runAs (Apex Developer Guide, "Using the runAs Method")', () => {
    test('runAs switches the user for the block: UserInfo and record sharing follow it', () => {
        assert.deepEqual(
            runTest(
                org,
                `User ann = [SELECT Id FROM User WHERE Id = '${users.ann}'];
                 System.runAs(ann) {
                     System.debug(UserInfo.getUserId() == ann.Id);
                     System.debug(WithSharingReader.countWidgets());
                 }
                 System.debug(UserInfo.getUserId() == ann.Id);`
            ),
            ['true', '4', 'false']
        );
    });

    test('runAs enforces record sharing only, not object permissions: system-mode code still runs', () => {
        // "The runAs method doesn't enforce user permissions or field-level permissions, only record sharing."
        assert.deepEqual(
            runTest(
                org,
                `System.runAs(new User(Id = '${users.dan}')) { System.debug(WithoutSharingReader.countWidgets()); }`
            ),
            ['6']
        );
    });
});
