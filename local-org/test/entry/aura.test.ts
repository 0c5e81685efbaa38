// @AuraEnabled calls as a Lightning web component makes them (Lightning Web Components Developer Guide, "Call
// Apex Methods", "Apex Types Supported for LWC") and Apex REST requests ("Exposing Apex Classes as REST Web
// Services"), through the local org's entry points.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { LocalOrg } from '../../src/org/org';
import { invokeAura } from '../../src/org/entry/aura';
import { invokeRest } from '../../src/org/entry/rest';

const PROJECT = path.join(__dirname, '..', 'fixtures', 'entry');
let org: LocalOrg;
let taker: string;
let stranger: string;

function createUser(alias: string, permissionSet: string | null): string {
    org.executeAnonymous(`
        Profile standard = [SELECT Id FROM Profile WHERE Name = 'Standard User' LIMIT 1];
        User u = new User(Alias = '${alias}', Username = '${alias}@entry.example.com', LastName = '${alias}',
            Email = '${alias}@example.com', ProfileId = standard.Id, EmailEncodingKey = 'UTF-8',
            LanguageLocaleKey = 'en_US', LocaleSidKey = 'en_US', TimeZoneSidKey = 'GMT');
        insert u;
        ${permissionSet ? `insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = '${permissionSet}'].Id);` : ''}
    `);
    const [row] = org.executeAnonymous(`System.debug([SELECT Id FROM User WHERE Alias = '${alias}'].Id);`);
    return row;
}

function noteCount(): number {
    return Number(org.executeAnonymous('System.debug([SELECT COUNT() FROM Note__c]);')[0]);
}

before(() => {
    org = LocalOrg.load(PROJECT);
    taker = createUser('taker', 'Note_Taker');
    stranger = createUser('stranger', null);
});

describe('an @AuraEnabled call ("Call Apex Methods")', () => {
    test('takes its parameters by name in their declared types and returns only @AuraEnabled members', () => {
        const outcome = invokeAura(
            org,
            'NoteController.save',
            { drafts: [{ body: 'Call back', copies: 2 }], due: '2026-12-24' },
            taker
        );
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        const views = (outcome as { result: Record<string, unknown>[] }).result;
        assert.equal(views.length, 2);
        assert.deepEqual(Object.keys(views[0]).sort(), ['body', 'due', 'id', 'score']);
        assert.equal(views[0].body, 'Call back');
        assert.equal(views[0].due, '2026-12-24');
        assert.equal(views[0].score, 1.5);
        assert.match(String(views[0].id), /^[a-zA-Z0-9]{18}$/);
    });

    test("an AuraHandledException's message reaches the component and the call's DML is rolled back", () => {
        const before = noteCount();
        const outcome = invokeAura(org, 'NoteController.saveThenRefuse', { body: 'no' }, taker);
        assert.deepEqual(outcome.ok ? null : outcome.error.message, 'Refused: no');
        assert.equal(outcome.ok ? null : outcome.error.exceptionType, 'System.AuraHandledException');
        assert.equal(noteCount(), before);
    });

    test('any other exception reaches the component as its type and message, rolled back too', () => {
        const before = noteCount();
        const outcome = invokeAura(org, 'NoteController.saveThenFail', { body: 'x' }, taker);
        assert.equal(outcome.ok, false);
        assert.equal(outcome.ok ? null : outcome.error.exceptionType, 'System.NullPointerException');
        assert.equal(outcome.status, 500);
        assert.equal(noteCount(), before);
    });

    test('a cacheable method reads, and may not do DML ("Too many DML statements: 1")', () => {
        assert.equal(invokeAura(org, 'NoteController.countNotes', {}, taker).ok, true);
        const outcome = invokeAura(org, 'NoteController.countAndSave', {}, taker);
        assert.equal(outcome.ok ? null : outcome.error.message, 'Too many DML statements: 1');
    });

    test('a user without access to the class is refused, naming it', () => {
        const outcome = invokeAura(org, 'NoteController.countNotes', {}, stranger);
        assert.equal(outcome.status, 403);
        assert.equal(
            outcome.ok ? null : outcome.error.message,
            "You do not have access to the Apex class named 'NoteController'."
        );
    });

    test('only static @AuraEnabled methods can be called', () => {
        assert.equal(invokeAura(org, 'NoteController.notAura', {}, taker).status, 404);
        assert.equal(invokeAura(org, 'NoSuchClass.method', {}, taker).status, 404);
    });
});

describe('an Apex REST request ("Exposing Apex Classes as REST Web Services")', () => {
    const encode = (text: string) => new TextEncoder().encode(text);
    const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

    test('reaches the @RestResource whose urlMapping matches, with RestContext set, and answers what it set', () => {
        const reply = invokeRest(
            org,
            { method: 'POST', path: '/notes/today', headers: { 'X-Trace': 't-1' }, body: encode('hello') },
            org.adminUserId
        );
        assert.equal(reply.status, 201);
        assert.equal(reply.headers['X-Echo'], 't-1');
        assert.equal(decode(reply.body), '/notes/today POST hello');
    });

    test('a method that returns a value answers it as JSON', () => {
        const reply = invokeRest(
            org,
            { method: 'GET', path: '/notes/', headers: {}, body: new Uint8Array() },
            org.adminUserId
        );
        assert.equal(reply.status, 200);
        assert.equal(typeof (JSON.parse(decode(reply.body)) as { count: number }).count, 'number');
    });

    test('an uncaught exception is 500 APEX_ERROR and its DML is rolled back', () => {
        const before = noteCount();
        const reply = invokeRest(
            org,
            { method: 'POST', path: '/notes/x', headers: {}, body: encode('boom') },
            org.adminUserId
        );
        assert.equal(reply.status, 500);
        assert.match(decode(reply.body), /APEX_ERROR.*System\.MathException: Divide by 0/);
        assert.equal(noteCount(), before);
    });

    test('an unmapped path is 404 and an unannotated method 405', () => {
        assert.equal(
            invokeRest(org, { method: 'POST', path: '/other', headers: {}, body: new Uint8Array() }, org.adminUserId)
                .status,
            404
        );
        assert.equal(
            invokeRest(
                org,
                { method: 'DELETE', path: '/notes/1', headers: {}, body: new Uint8Array() },
                org.adminUserId
            ).status,
            405
        );
    });
});
