// The REST API's sObject create through the worker (the Relay Connector copies files into Salesforce Files this
// way): the record is saved as the calling user, with their object and field permissions, the object's triggers
// and validation rules, the platform's file records for a ContentVersion, and a commit reported like any other.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { OrgClient } from '../../src/worker/orgClient';
import type { PlainRecord } from '../../src/worker/protocol';

const PROJECT = path.join(__dirname, '..', 'fixtures', 'platform');
let client: OrgClient;
let creator: string;
let reader: string;
const changes: PlainRecord[] = [];

/** A Standard User with the fixture's permission sets; their Id. */
async function user(alias: string, permissionSet: string): Promise<string> {
    const [id] = await client.executeAnonymous(
        `System.debug(TestUsers.create('${alias}', new List<String>{ '${permissionSet}' }, 'en_US').Id);`
    );
    return id;
}

async function count(soql: string): Promise<number> {
    return (await client.query(soql)).length;
}

before(async () => {
    client = await OrgClient.start({
        projectDir: PROJECT,
        namedCredentialUrls: {},
        watch: ['ContentVersion'],
        send: () => Promise.resolve({ ok: false, reason: 'unreachable', message: 'no network in this test' }),
        onChanges: (records) => changes.push(...records)
    });
    creator = await user('creator', 'Widget_User');
    reader = await user('reader', 'Widget_Reader');
});

after(() => client.close());

test('a user who may create files saves a 10 MB ContentVersion whose ContentDocument holds those bytes', async () => {
    const [widget] = await client.executeAnonymous(
        `Widget__c w = new Widget__c(Code__c = 'FILES', OwnerId = '${creator}'); insert w; System.debug(w.Id);`
    );
    const bytes = new Uint8Array(10 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 256;
    changes.length = 0;

    const result = await client.createRecord(
        'ContentVersion',
        { Title: 'Transcript', PathOnClient: 'transcript.bin', FirstPublishLocationId: widget },
        creator,
        { VersionData: bytes }
    );

    assert.equal(result.ok, true);
    const id = result.ok ? result.id : '';
    assert.match(id, /^068/);
    const [version] = await client.query(
        `SELECT ContentDocumentId, ContentSize, VersionData, OwnerId FROM ContentVersion WHERE Id = '${id}'`
    );
    assert.equal(version.ContentSize, bytes.length);
    assert.equal(version.OwnerId, creator);
    const saved = Buffer.from(String(version.VersionData), 'base64');
    assert.equal(saved.length, bytes.length);
    assert.ok(saved.equals(bytes), 'the saved VersionData is the bytes sent');
    const [document] = await client.query(
        `SELECT Id, ContentSize, LatestPublishedVersionId FROM ContentDocument WHERE Id = '${String(version.ContentDocumentId)}'`
    );
    assert.deepEqual([document.ContentSize, document.LatestPublishedVersionId], [bytes.length, id]);
    assert.equal(
        await count(
            `SELECT Id FROM ContentDocumentLink WHERE ContentDocumentId = '${String(document.Id)}' AND LinkedEntityId = '${widget}'`
        ),
        1
    );
    // Committed like any transaction: the watcher hears of the new version.
    while (!changes.some((r) => r.id === id)) await new Promise((resolve) => setImmediate(resolve));
});

test('a user without create access on an object is refused with INSUFFICIENT_ACCESS_OR_READONLY and nothing is saved', async () => {
    const result = await client.createRecord('Widget__c', { Code__c: 'READER' }, reader);

    assert.deepEqual(result, {
        ok: false,
        status: 400,
        errors: [
            {
                message: 'insufficient access rights on object id',
                errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
                fields: []
            }
        ]
    });
    assert.equal(await count("SELECT Id FROM Widget__c WHERE Code__c = 'READER'"), 0);
});

test('an unknown field is refused with INVALID_FIELD and nothing is saved', async () => {
    const result = await client.createRecord('Widget__c', { Code__c: 'UNKNOWN', Colour__c: 'red' }, creator);

    assert.equal(result.ok, false);
    assert.deepEqual(!result.ok && [result.status, result.errors[0].errorCode], [400, 'INVALID_FIELD']);
    assert.match(!result.ok ? result.errors[0].message : '', /Colour__c/);
    assert.equal(await count("SELECT Id FROM Widget__c WHERE Code__c = 'UNKNOWN'"), 0);
});

test('a required field left out is refused with REQUIRED_FIELD_MISSING naming the field', async () => {
    const result = await client.createRecord('Account', { Description: 'no name' }, creator);

    assert.deepEqual(result, {
        ok: false,
        status: 400,
        errors: [
            { message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] }
        ]
    });
});

test('a read-only field, or one hidden from the user by field-level security, is refused with INVALID_FIELD_FOR_INSERT_UPDATE', async () => {
    const readOnly = await client.createRecord(
        'ContentVersion',
        { Title: 'x', PathOnClient: 'x.txt', ContentSize: 5 },
        creator
    );
    const hidden = await client.createRecord('Widget__c', { Code__c: 'HIDDEN', Secret__c: 's' }, creator);

    assert.deepEqual(
        [readOnly, hidden].map((r) => !r.ok && [r.status, r.errors[0].errorCode, r.errors[0].fields]),
        [
            [400, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['ContentSize']],
            [400, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['Secret__c']]
        ]
    );
    assert.equal(await count("SELECT Id FROM Widget__c WHERE Code__c = 'HIDDEN'"), 0);
});

test('JSON values are saved in their fields’ types, the triggers run and the user owns the record', async () => {
    const result = await client.createRecord(
        'Widget__c',
        { attributes: { type: 'Widget__c' }, Code__c: 'TYPED', Amount__c: '12.5', Due__c: '2024-05-01T10:00:00.000Z' },
        creator
    );

    assert.equal(result.ok, true);
    const [widget] = await client.query(
        `SELECT Amount__c, Due__c, Note__c, OwnerId FROM Widget__c WHERE Id = '${result.ok ? result.id : ''}'`
    );
    assert.deepEqual(
        [widget.Amount__c, widget.Due__c, widget.Note__c, widget.OwnerId],
        [12.5, '2024-05-01T10:00:00.000Z', 'set by trigger', creator]
    );
});

test('a value of the wrong type is a JSON_PARSER_ERROR and an Id in the body an INVALID_FIELD', async () => {
    const wrongType = await client.createRecord('Widget__c', { Code__c: 'BAD', Amount__c: 'lots' }, creator);
    const withId = await client.createRecord('Widget__c', { Id: 'a00000000000001', Code__c: 'ID' }, creator);

    assert.deepEqual(
        [wrongType, withId].map((r) => !r.ok && [r.status, r.errors[0].errorCode]),
        [
            [400, 'JSON_PARSER_ERROR'],
            [400, 'INVALID_FIELD']
        ]
    );
});

test('a validation rule or a trigger’s addError fails the create with FIELD_CUSTOM_VALIDATION_EXCEPTION', async () => {
    const negative = await client.createRecord('Widget__c', { Code__c: 'NEG', Amount__c: -1 }, creator);
    const blocked = await client.createRecord('Widget__c', { Code__c: 'BLOCKED' }, creator);

    assert.deepEqual(
        [negative, blocked].map((r) => !r.ok && r.errors[0]),
        [
            {
                message: 'Amount cannot be negative',
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                fields: ['Amount__c']
            },
            { message: 'This code is blocked', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['Code__c'] }
        ]
    );
    assert.equal(await count("SELECT Id FROM Widget__c WHERE Code__c IN ('NEG', 'BLOCKED')"), 0);
});

test('an object that does not exist is 404 NOT_FOUND', async () => {
    const result = await client.createRecord('Nothing__c', { Name: 'x' }, creator);

    assert.deepEqual(!result.ok && [result.status, result.errors[0].errorCode], [404, 'NOT_FOUND']);
});

test('a file published to a record the user cannot see is refused with INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY', async () => {
    const [widget] = await client.executeAnonymous(
        "Widget__c w = new Widget__c(Code__c = 'PRIVATE'); insert w; System.debug(w.Id);"
    );

    const result = await client.createRecord(
        'ContentVersion',
        { Title: 'x', PathOnClient: 'x.txt', FirstPublishLocationId: widget },
        reader,
        { VersionData: new Uint8Array([1, 2, 3]) }
    );

    assert.deepEqual(!result.ok && [result.status, result.errors[0].errorCode], [
        400,
        'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY'
    ]);
    assert.equal(await count(`SELECT Id FROM ContentDocumentLink WHERE LinkedEntityId = '${widget}'`), 0);
});
