import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { STANDARD_USER, SYSTEM_ADMINISTRATOR, userAccess, type PermissionSetModel } from '../../src/data/schema';
import { basicProject, platformProject, relayProject } from './helpers';

function permissionSet(name: string): PermissionSetModel {
    const set = relayProject().permissionSets.find((candidate) => candidate.name === name);
    assert.ok(set, name);
    return set;
}

const standardUser = (...sets: string[]) => userAccess(relayProject().schema, STANDARD_USER, sets.map(permissionSet));

describe('a Standard User', () => {
    test('has no access to the project custom objects, as a newly deployed custom object grants none', () => {
        const access = standardUser();
        for (const object of ['Relay_Interaction__c', 'Relay_Message__c', 'Relay_Wrap_Up__c', 'Relay_Note__c']) {
            assert.equal(access.canRead(object), false, object);
            assert.equal(access.canCreate(object), false, object);
        }
        assert.equal(access.canReadField('Relay_Interaction__c', 'Name'), false);
    });

    test('reads, creates, edits and deletes accounts, contacts, leads and cases', () => {
        const access = standardUser();
        for (const object of ['Account', 'Contact', 'Lead', 'Case']) {
            assert.ok(
                access.canRead(object) &&
                    access.canCreate(object) &&
                    access.canEdit(object) &&
                    access.canDelete(object),
                object
            );
            assert.equal(access.viewAll(object), false);
        }
        assert.equal(access.canReadField('Account', 'Phone'), true);
        assert.equal(access.canEditField('Case', 'Subject'), true);
        assert.equal(access.canEditField('Case', 'CaseNumber'), false);
    });

    test('reads users, groups, queue memberships and presence statuses but changes none of them', () => {
        const access = standardUser();
        for (const object of ['User', 'Group', 'GroupMember', 'QueueSobject', 'ServicePresenceStatus']) {
            assert.equal(access.canRead(object), true, object);
            assert.equal(access.canEdit(object), false, object);
        }
        assert.equal(access.hasUserPermission('ViewSetup'), true);
        assert.equal(access.hasUserPermission('ModifyAllData'), false);
    });
});

describe('a Standard User with Relay permission sets', () => {
    test('Relay_Agent grants the interaction and its controller classes', () => {
        const access = standardUser('Relay_Agent');
        assert.equal(access.canRead('Relay_Interaction__c'), true);
        assert.equal(access.hasClassAccess('RelayInboxController'), true);
        assert.equal(access.hasClassAccess('relayinboxcontroller'), true);
        assert.equal(access.hasClassAccess('RelayEventResource'), false);
    });

    test('access is the union of the permission sets', () => {
        const agent = standardUser('Relay_Agent');
        const both = standardUser('Relay_Agent', 'Relay_Event_Publisher');
        assert.equal(agent.hasClassAccess('RelayEventResource'), false);
        assert.equal(both.hasClassAccess('RelayEventResource'), true);
        assert.equal(both.canCreate('Relay_Event_Receipt__c'), true);
        assert.equal(both.canRead('Relay_Interaction__c'), true);
    });

    test('field access follows fieldPermissions, and read-only grants do not allow editing', () => {
        const admin = standardUser('Relay_Admin');
        assert.equal(admin.canReadField('Relay_Message__c', 'Text__c'), true);
        assert.equal(admin.canEditField('Relay_Message__c', 'Text__c'), false);
        assert.equal(admin.canEditField('Relay_Interaction__c', 'Tags__c'), true);
        assert.equal(admin.viewAll('Relay_Interaction__c'), true);
        assert.equal(admin.modifyAll('Relay_Interaction__c'), true);
        assert.equal(admin.modifyAll('Relay_Note__c'), false);
    });

    test('required and system fields are readable whenever the object is', () => {
        const publisher = standardUser('Relay_Event_Publisher');
        assert.equal(publisher.canReadField('Relay_Message__c', 'Interaction__c'), true);
        assert.equal(publisher.canReadField('Relay_Message__c', 'Id'), true);
        assert.equal(publisher.canReadField('Relay_Message__c', 'CreatedDate'), true);
        assert.equal(publisher.canReadField('Relay_Message__c', 'Author__c'), false);
        assert.equal(publisher.canReadField('Relay_Interaction__c', 'Tags__c'), false);
    });

    test('a custom metadata type is readable through customMetadataTypeAccesses', () => {
        assert.equal(standardUser().canRead('Relay_Presence_Mapping__mdt'), false);
        assert.equal(standardUser('Relay_Agent').canRead('Relay_Presence_Mapping__mdt'), true);
        assert.equal(standardUser('Relay_Agent').canCreate('Relay_Presence_Mapping__mdt'), false);
    });

    test('a share object is open to those who can read its parent', () => {
        assert.equal(standardUser().canCreate('Relay_Interaction__Share'), false);
        assert.equal(standardUser('Relay_Agent').canCreate('Relay_Interaction__Share'), true);
    });
});

describe('a System Administrator', () => {
    test('has every object and field, view all and modify all, and every class', () => {
        const access = userAccess(relayProject().schema, SYSTEM_ADMINISTRATOR);
        const settingsAccess = userAccess(platformProject().schema, SYSTEM_ADMINISTRATOR);
        for (const [object, objectAccess] of [
            ['Relay_Interaction__c', access],
            ['Account', access],
            ['Config__c', settingsAccess]
        ] as const) {
            assert.ok(
                objectAccess.canRead(object) &&
                    objectAccess.canCreate(object) &&
                    objectAccess.canEdit(object) &&
                    objectAccess.canDelete(object),
                object
            );
            assert.ok(objectAccess.viewAll(object) && objectAccess.modifyAll(object), object);
        }
        assert.equal(access.canEditField('Relay_Interaction__c', 'Tags__c'), true);
        assert.equal(access.hasClassAccess('RelayEventResource'), true);
        assert.equal(access.hasUserPermission('PermissionsModifyAllData'), true);
        assert.equal(access.hasUserPermission('ViewSetup'), true);
    });

    test('still cannot do what the platform never allows: create Apex jobs or write a formula field', () => {
        const access = userAccess(basicProject().schema, SYSTEM_ADMINISTRATOR);
        assert.equal(access.canCreate('AsyncApexJob'), false);
        assert.equal(access.canRead('AsyncApexJob'), true);
        assert.equal(access.canEditField('Widget__c', 'Label__c'), false);
        assert.equal(access.canRead('Nothing__c'), false);
    });
});

describe('permission implications in a fixture permission set', () => {
    const widgetUser = () => userAccess(basicProject().schema, STANDARD_USER, basicProject().permissionSets);

    test('Delete implies Read and Edit, as Setup enforces', () => {
        const access = widgetUser();
        assert.equal(access.canRead('Widget__c'), true);
        assert.equal(access.canEdit('Widget__c'), true);
        assert.equal(access.canDelete('Widget__c'), true);
        assert.equal(access.canCreate('Widget__c'), false);
    });

    test('custom fields of a standard object need a field permission; its standard fields come with the profile', () => {
        const access = widgetUser();
        assert.equal(access.canEditField('Account', 'Tier__c'), true);
        assert.equal(userAccess(basicProject().schema, STANDARD_USER).canReadField('Account', 'Tier__c'), false);
        assert.equal(access.canReadField('Widget__c', 'Body__c'), true);
        assert.equal(access.canEditField('Widget__c', 'Body__c'), false);
        assert.equal(access.canEditField('Widget__c', 'Code__c'), true);
    });

    test('custom settings are readable through customSettingAccesses; custom permissions are granted by name', () => {
        const access = widgetUser();
        assert.equal(access.canRead('Config__c'), true);
        assert.equal(access.canEdit('Config__c'), false);
        assert.equal(access.hasCustomPermission('approve_widgets'), true);
        assert.equal(access.hasUserPermission('ViewAllData'), false);
    });
});
