import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApexDecimal } from '../../src/runtime/values';
import {
    buildOrgSchema,
    displayFormatOf,
    generatedKeyPrefix,
    MetadataError,
    STANDARD_OBJECTS,
    type FieldDefinition,
    type ObjectDefinition
} from '../../src/data/schema';
import { basicProject, platformProject, relayProject } from './helpers';

const schema = () => relayProject().schema;

describe('the schema of the Relay project', () => {
    test('gives a custom object the standard fields every custom object has', () => {
        const interaction = schema().object('relay_interaction__c');
        assert.ok(interaction);
        assert.equal(interaction.name, 'Relay_Interaction__c');
        for (const name of [
            'Id',
            'OwnerId',
            'Name',
            'CreatedDate',
            'CreatedById',
            'LastModifiedDate',
            'LastModifiedById',
            'SystemModstamp',
            'IsDeleted',
            'LastViewedDate',
            'LastReferencedDate',
            'LastActivityDate'
        ]) {
            assert.ok(interaction.fields.has(name.toLowerCase()), name);
        }
        const owner = schema().field('Relay_Interaction__c', 'OwnerId');
        assert.deepEqual(owner?.referenceTo, ['Group', 'User']);
        assert.equal(owner?.relationshipName, 'Owner');
        assert.equal(schema().parentRelationship('Relay_Interaction__c', 'owner')?.name, 'OwnerId');
    });

    test('makes an auto-number name field read-only and keeps its display format', () => {
        const name = schema().field('Relay_Interaction__c', 'Name');
        assert.equal(name?.autoNumber, true);
        assert.equal(name?.createable, false);
        assert.equal(name && displayFormatOf(name), 'RI-{00000000}');
        assert.equal(schema().field('Relay_Attachment__c', 'Name')?.createable, true);
    });

    test('types custom fields with their lengths, picklist values, defaults and flags', () => {
        const status = schema().field('Relay_Interaction__c', 'Status__c');
        assert.equal(status?.type, 'picklist');
        assert.deepEqual(status?.picklistValues, ['New', 'Open', 'Resolved', 'Closed']);
        assert.equal(status?.restrictedPicklist, true);
        assert.equal(status?.defaultValue, 'New');
        assert.equal(schema().field('Relay_Interaction__c', 'Unread__c')?.defaultValue, true);
        assert.equal(schema().field('Relay_Interaction__c', 'Worked_In_Inbox__c')?.defaultValue, false);
        const conversation = schema().field('Relay_Interaction__c', 'External_Conversation_Id__c');
        assert.deepEqual(
            [conversation?.type, conversation?.length, conversation?.unique, conversation?.externalId],
            ['string', 64, true, true]
        );
        const priority = schema().field('Relay_Interaction__c', 'Priority__c');
        assert.deepEqual([priority?.type, priority?.precision, priority?.scale], ['double', 6, 0]);
        assert.deepEqual(schema().field('Relay_Wrap_Up__c', 'Attempts__c')?.defaultValue, new ApexDecimal(0n, 0));
        assert.equal(schema().field('Relay_Message__c', 'Text__c')?.type, 'textarea');
        assert.equal(schema().field('Relay_Message__c', 'Text__c')?.length, 32768);
        assert.equal(schema().field('Relay_Event_Receipt__c', 'Event_Id__c')?.caseSensitive, true);
    });

    test('names lookups Field__r and gives the parent a child relationship named relationshipName__r', () => {
        const interaction = schema().field('Relay_Message__c', 'Interaction__c');
        assert.equal(interaction?.relationshipName, 'Interaction__r');
        assert.equal(interaction?.cascadeDelete, true);
        assert.equal(interaction?.nillable, false);
        assert.deepEqual(schema().childRelationship('Relay_Interaction__c', 'relay_messages__r'), {
            childObject: 'Relay_Message__c',
            field: 'Interaction__c',
            relationshipName: 'Relay_Messages__r',
            cascadeDelete: true
        });
        assert.equal(schema().childRelationship('Account', 'Relay_Interactions__r')?.field, 'Account__c');
        assert.equal(schema().childRelationship('Case', 'Relay_Interactions__r')?.field, 'Case__c');
        assert.equal(schema().childRelationship('User', 'Relay_Assigned_Interactions__r')?.field, 'Assigned_Agent__c');
        assert.equal(
            schema().childRelationship('Relay_Message__c', 'Relay_Attachments__r')?.childObject,
            'Relay_Attachment__c'
        );
    });

    test('gives a master-detail child no owner and a sharing model controlled by its parent', () => {
        const message = schema().object('Relay_Message__c');
        assert.equal(message?.sharingModel, 'ControlledByParent');
        assert.equal(message?.fields.has('ownerid'), false);
        assert.equal(schema().object('Relay_Interaction__c')?.sharingModel, 'Private');
    });

    test('adds a share object to every privately shared custom object and to no other', () => {
        const share = schema().object('Relay_Interaction__Share');
        assert.ok(share);
        assert.equal(share.kind, 'share');
        assert.deepEqual(schema().field('Relay_Interaction__Share', 'ParentId')?.referenceTo, ['Relay_Interaction__c']);
        assert.deepEqual(schema().field('Relay_Interaction__Share', 'AccessLevel')?.picklistValues, [
            'Read',
            'Edit',
            'All'
        ]);
        assert.equal(schema().field('Relay_Interaction__Share', 'RowCause')?.defaultValue, 'Manual');
        assert.deepEqual(schema().field('Relay_Interaction__Share', 'UserOrGroupId')?.referenceTo, ['User', 'Group']);
        assert.equal(
            schema().childRelationship('Relay_Interaction__c', 'Shares')?.childObject,
            'Relay_Interaction__Share'
        );
        assert.equal(schema().object('Relay_Message__Share'), undefined);
        assert.equal(schema().object('Relay_Attachment__Share'), undefined);
    });

    test('gives custom metadata types, custom settings and platform events their own standard fields', () => {
        const mapping = schema().object('Relay_Queue_Mapping__mdt');
        assert.equal(mapping?.kind, 'customMetadata');
        for (const name of [
            'Id',
            'DeveloperName',
            'MasterLabel',
            'Label',
            'Language',
            'NamespacePrefix',
            'QualifiedApiName'
        ]) {
            assert.ok(mapping?.fields.has(name.toLowerCase()), name);
        }
        assert.equal(mapping?.createable, false);
        const settings = platformProject().schema.object('Config__c');
        assert.equal(settings?.kind, 'customSetting');
        assert.equal(settings?.customSettingType, 'Hierarchy');
        assert.deepEqual(settings?.fields.get('setupownerid')?.referenceTo, ['Organization', 'Profile', 'User']);
        const event = schema().object('Relay_Conversation_Event__e');
        assert.equal(event?.kind, 'platformEvent');
        assert.equal(event?.queryable, false);
        for (const name of ['ReplayId', 'EventUuid', 'CreatedDate', 'CreatedById'])
            assert.ok(event?.fields.has(name.toLowerCase()), name);
    });

    test('generates stable key prefixes: a.. for custom objects and settings, m.. for metadata types, e.. for events', () => {
        const prefix = (name: string) => schema().object(name)?.keyPrefix;
        assert.deepEqual(
            [
                'Relay_Agent_Signal__c',
                'Relay_Attachment__c',
                'Relay_Event_Receipt__c',
                'Relay_Interaction__c',
                'Relay_Log__c',
                'Relay_Message__c',
                'Relay_Note__c',
                'Relay_Wrap_Up__c'
            ].map(prefix),
            ['a00', 'a01', 'a02', 'a03', 'a04', 'a05', 'a06', 'a07']
        );
        assert.deepEqual(
            [
                prefix('Relay_Event_Signing_Key__mdt'),
                prefix('Relay_Messaging_Queue__mdt'),
                prefix('Relay_Presence_Mapping__mdt'),
                prefix('Relay_Queue_Mapping__mdt')
            ],
            ['m00', 'm01', 'm02', 'm03']
        );
        assert.equal(platformProject().schema.object('Config__c')?.keyPrefix?.startsWith('a'), true);
        assert.deepEqual([prefix('Relay_Byoc_Event__e'), prefix('Relay_Conversation_Event__e')], ['e00', 'e01']);
        assert.equal(schema().objectByKeyPrefix('a03')?.name, 'Relay_Interaction__c');
        assert.equal(generatedKeyPrefix('a', 10), 'a0A');
        assert.equal(generatedKeyPrefix('a', 62), 'a10');
    });
});

describe('the standard objects', () => {
    test('have the real key prefixes', () => {
        const expected: Record<string, string> = {
            Account: '001',
            Contact: '003',
            User: '005',
            Lead: '00Q',
            Case: '500',
            Group: '00G',
            Profile: '00e',
            PermissionSet: '0PS',
            PermissionSetAssignment: '0Pa',
            GroupMember: '011',
            Organization: '00D',
            ContentVersion: '068',
            ContentDocument: '069',
            ContentDocumentLink: '06A',
            PendingServiceRouting: '0JR',
            AgentWork: '0Bz',
            ServiceChannel: '0N9',
            ServicePresenceStatus: '0N5',
            QueueRoutingConfig: '0K9',
            AsyncApexJob: '707',
            ApexClass: '01p',
            CronTrigger: '08e'
        };
        for (const [name, prefix] of Object.entries(expected)) {
            assert.equal(schema().object(name)?.keyPrefix, prefix, name);
            assert.equal(schema().objectByKeyPrefix(prefix)?.name, name, prefix);
        }
    });

    test('are all declared with a source page and unique names and prefixes', () => {
        const names = new Set(STANDARD_OBJECTS.map((o) => o.name.toLowerCase()));
        assert.equal(names.size, STANDARD_OBJECTS.length);
        for (const object of STANDARD_OBJECTS) {
            assert.match(object.source, /^https:\/\/developer\.salesforce\.com\/docs\//, object.name);
            assert.ok(
                object.fields.some((f) => f.name === 'Id'),
                object.name
            );
        }
    });

    test('mark the setup objects that cannot be mixed with other objects in DML', () => {
        const setup = [...schema().objects.values()]
            .filter((o) => o.setup)
            .map((o) => o.name)
            .sort();
        assert.deepEqual(setup, [
            'FieldPermissions',
            'Group',
            'GroupMember',
            'ObjectPermissions',
            'PermissionSet',
            'PermissionSetAssignment',
            'QueueSobject',
            'User'
        ]);
    });

    test('carry the fields Relay queries and creates, with their relationships', () => {
        assert.equal(schema().field('Case', 'CaseNumber')?.autoNumber, true);
        assert.equal(schema().object('Case')?.nameField, 'CaseNumber');
        assert.equal(schema().field('Lead', 'Company')?.nillable, false);
        assert.equal(schema().field('User', 'Alias')?.length, 8);
        assert.equal(schema().parentRelationship('QueueSobject', 'Queue')?.name, 'QueueId');
        assert.equal(schema().field('Group', 'QueueRoutingConfigId')?.referenceTo?.[0], 'QueueRoutingConfig');
        assert.equal(schema().parentRelationship('GroupMember', 'Group')?.name, 'GroupId');
        assert.equal(schema().parentRelationship('AsyncApexJob', 'ApexClass')?.name, 'ApexClassId');
        assert.equal(schema().parentRelationship('PendingServiceRouting', 'ServiceChannel')?.name, 'ServiceChannelId');
        assert.equal(schema().childRelationship('Group', 'GroupMembers')?.childObject, 'GroupMember');
        assert.equal(schema().childRelationship('Account', 'Contacts')?.field, 'AccountId');
        assert.equal(schema().childRelationship('ContentDocument', 'ContentVersions')?.childObject, 'ContentVersion');
        assert.equal(schema().field('ContentVersion', 'VersionData')?.type, 'base64');
        assert.equal(schema().field('AgentWork', 'Status')?.createable, false);
    });
});

describe('the schema of the fixture project', () => {
    const field = (object: string, name: string) => basicProject().schema.field(object, name);

    test('maps every metadata field type to its describe type', () => {
        const types = Object.fromEntries(
            [
                'Body__c',
                'Price__c',
                'Discount__c',
                'Made_On__c',
                'Opens_At__c',
                'Contact_Email__c',
                'Phone__c',
                'Site__c',
                'Notes__c',
                'Secret__c',
                'Where__c',
                'Colours__c',
                'Size__c',
                'Active__c',
                'Label__c'
            ].map((name) => [name, field('Widget__c', name)?.type])
        );
        assert.deepEqual(types, {
            Body__c: 'textarea',
            Price__c: 'currency',
            Discount__c: 'percent',
            Made_On__c: 'date',
            Opens_At__c: 'time',
            Contact_Email__c: 'email',
            Phone__c: 'phone',
            Site__c: 'url',
            Notes__c: 'textarea',
            Secret__c: 'encryptedstring',
            Where__c: 'location',
            Colours__c: 'multipicklist',
            Size__c: 'picklist',
            Active__c: 'boolean',
            Label__c: 'string'
        });
    });

    test('keeps a formula field calculated and read-only with its formula text', () => {
        const label = field('Widget__c', 'Label__c');
        assert.equal(label?.calculated, true);
        assert.equal(label?.createable, false);
        assert.equal(label?.formula, 'Code__c & "-" & TEXT(Size__c)');
    });

    test('types default values and drops inactive picklist values', () => {
        assert.deepEqual(field('Widget__c', 'Price__c')?.defaultValue, new ApexDecimal(950n, 2));
        assert.equal(field('Widget__c', 'Price__c')?.nillable, true);
        assert.equal(field('Widget__c', 'Code__c')?.defaultValue, 'W-1');
        assert.equal(field('Widget__c', 'Active__c')?.defaultValue, false);
        assert.equal(field('Widget__c', 'Made_On__c')?.defaultValue, undefined);
        assert.deepEqual(field('Widget__c', 'Colours__c')?.picklistValues, ['Red', 'Blue']);
    });

    test('takes a picklist global value set and its default', () => {
        assert.deepEqual(field('Widget__c', 'Size__c')?.picklistValues, ['S', 'M', 'L']);
        assert.equal(field('Widget__c', 'Size__c')?.defaultValue, 'M');
        assert.equal(field('Widget__c', 'Size__c')?.restrictedPicklist, true);
    });

    test('adds custom fields to a standard object', () => {
        assert.equal(field('Account', 'Tier__c')?.custom, true);
        assert.equal(field('Account', 'Tier__c')?.defaultValue, 'Gold');
        assert.equal(field('Account', 'Name')?.custom, false);
        assert.equal(basicProject().schema.childRelationship('Account', 'Widgets__r')?.cascadeDelete, true);
    });

    test('adds Apex sharing reasons to the share object row causes of a Public Read Only object', () => {
        assert.deepEqual(field('Widget__Share', 'RowCause')?.picklistValues, [
            'Owner',
            'Manual',
            'Rule',
            'Reviewer__c'
        ]);
    });

    test('lets a reparentable master-detail field be updated and numbers an auto-number name', () => {
        assert.equal(field('Gadget__c', 'Widget__c')?.updateable, true);
        const name = field('Gadget__c', 'Name');
        assert.equal(name && displayFormatOf(name), 'G-{0000}');
    });

    test('gives a list custom setting a required Name and no owner', () => {
        assert.equal(field('Config__c', 'Name')?.nillable, false);
        assert.equal(field('Config__c', 'OwnerId'), undefined);
        assert.equal(basicProject().schema.object('Config__c')?.customSettingType, 'List');
    });
});

describe('building a schema from definitions', () => {
    const thing = (fields: FieldDefinition[], extra: Partial<ObjectDefinition> = {}): ObjectDefinition => ({
        name: 'Thing__c',
        kind: 'custom',
        label: 'Thing',
        pluralLabel: 'Things',
        sharingModel: 'ReadWrite',
        enableActivities: false,
        fields,
        validationRules: [],
        sharingReasons: [],
        source: 'objects/Thing__c',
        ...extra
    });
    const text = (fullName: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
        fullName,
        label: fullName,
        type: 'Text',
        length: 10,
        required: false,
        unique: false,
        externalId: false,
        caseSensitive: false,
        source: `objects/Thing__c/fields/${fullName}.field-meta.xml`,
        ...extra
    });

    test('an unknown field type is an error naming the field file', () => {
        assert.throws(
            () => buildOrgSchema([thing([text('Odd__c', { type: 'Teleport' })])]),
            (error: unknown) => error instanceof MetadataError && error.file.endsWith('Odd__c.field-meta.xml')
        );
    });

    test('an object or field defined twice is an error', () => {
        assert.throws(() => buildOrgSchema([thing([]), thing([])]), /object Thing__c is defined twice/);
        assert.throws(() => buildOrgSchema([thing([text('A__c'), text('A__c')])]), /field A__c is defined twice/);
    });

    test('an unknown sharing model is an error naming the object', () => {
        assert.throws(
            () => buildOrgSchema([thing([], { sharingModel: 'Secret' })]),
            /objects\/Thing__c: sharingModel "Secret"/
        );
    });

    test('a required field without default is not nillable and not permissionable', () => {
        const schema = buildOrgSchema([thing([text('Must__c', { required: true })])]);
        assert.equal(schema.field('Thing__c', 'Must__c')?.nillable, false);
        assert.equal(schema.field('Thing__c', 'Must__c')?.permissionable, false);
        assert.equal(schema.field('Thing__c', 'Name')?.permissionable, false);
        assert.equal(schema.object('Thing__Share'), undefined);
    });

    test('a custom field on a standard object the local org does not declare is ignored with a warning', () => {
        const warnings: string[] = [];
        buildOrgSchema([thing([text('X__c')], { name: 'Opportunity', kind: 'standard' })], {
            warn: (m) => warnings.push(m)
        });
        assert.match(warnings[0], /standard object Opportunity is not declared/);
    });
});
