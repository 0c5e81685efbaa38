// Unit tests for the Genesys part of `npm run verify:contract` (contract-lib/genesys-sdk.mjs): the request contract
// against the installed purecloud-platform-client-v2, and the scopes and permissions every operation records.
// Each defect is planted in a temporary copy of the real contract (or of a tiny SDK), never in the repository.
// Run: node --test scripts/verify/genesys-contract.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
    checkAuthorization,
    checkGenesysContract,
    checkSdkDrift,
    loadSdk,
    readSdkOperations,
    readSdkTypings
} from './contract-lib/genesys-sdk.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CONTRACT_FILE = path.join(ROOT, 'contract', 'genesys-cloud.contract.json');
const CLI = path.join(import.meta.dirname, 'contract.mjs');
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'contract');

const sdk = loadSdk(ROOT);

function contract() {
    return JSON.parse(readFileSync(CONTRACT_FILE, 'utf8'));
}

function driftMessages(c) {
    return checkSdkDrift(c, sdk).map((p) => p.message);
}

function authMessages(c) {
    return checkAuthorization(c).map((p) => p.message);
}

/** Asserts exactly one problem, matching the pattern. */
function assertOne(messages, pattern) {
    assert.equal(messages.length, 1, `expected one problem, got:\n${messages.join('\n')}`);
    assert.match(messages[0], pattern);
}

function tempDir(t) {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-genesys-contract-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
}

describe('the installed SDK', () => {
    test('is read: every API method with its call, and the typings of bodies and models', () => {
        assert.ok(sdk, 'purecloud-platform-client-v2 is not installed');
        assert.ok(sdk.operations.size > 3000, `only ${sdk.operations.size} SDK operations read`);
        assert.deepEqual(sdk.operations.get('ConversationsApi.postConversationAssign'), {
            path: '/api/v2/conversations/{conversationId}/assign',
            method: 'POST',
            pathParams: ['conversationId'],
            query: [],
            bodyArg: 'body'
        });
        assert.deepEqual(sdk.operations.get('RoutingApi.getUserQueues').query, [
            'pageSize',
            'pageNumber',
            'joined',
            'divisionId'
        ]);
        const patch = sdk.operations.get('ConversationsApi.patchConversationsMessageParticipant');
        assert.equal(patch.bodyArg, "opts['body']");
        assert.equal(
            sdk.params.get('ConversationsApi.patchConversationsMessageParticipant').get("opts['body']"),
            'Models.MediaParticipantRequest'
        );
        assert.deepEqual(sdk.models.get('ConversationUser').get('id'), { type: 'string', required: true });
        // A field with an inline map type neither ends its model nor loses the fields after it.
        const createEmail = sdk.models.get('CreateEmailRequest');
        assert.deepEqual(createEmail.get('attributes'), { type: '{ [key: string]: string; }', required: false });
        assert.deepEqual(createEmail.get('toAddress'), { type: 'string', required: false });
        assert.deepEqual(createEmail.get('provider'), { type: 'string', required: true });
        assert.equal(createEmail.size, 18);
    });
});

describe('the real contract', () => {
    test('passes: no drift from the SDK, and every operation records scopes, permissions and their source', (t) => {
        const { problems, notes } = checkGenesysContract(ROOT);
        assert.deepEqual(problems, []);
        assert.ok(notes.some((n) => /45 operation\(s\) checked against purecloud-platform-client-v2@/.test(n)));
        const c = contract();
        t.diagnostic(`${Object.keys(c.operations).length} operations`);
        assert.deepEqual(c.operations.sendText.query, [], 'sendText must not send useNormalizedMessage');
    });

    test('records what the admin docs promise: reading a conversation needs conversation:communication:view', () => {
        const c = contract();
        assert.deepEqual(c.operations.getConversation.permissions, {
            type: 'ANY',
            permissions: ['conversation:communication:view']
        });
        assert.ok(c.operations.sendText.permissions.permissions.includes('conversation:message:create'));
        assert.ok(c.operations.assignConversation.permissions.permissions.includes('conversation:message:pull'));
        const docs = readFileSync(path.join(ROOT, 'docs', 'genesys-permissions.md'), 'utf8');
        const permissions = new Set(Object.values(c.operations).flatMap((op) => op.permissions.permissions));
        for (const p of permissions) assert.ok(docs.includes(`\`${p}\``), `docs/genesys-permissions.md omits ${p}`);
        const scopes = new Set(Object.values(c.operations).flatMap((op) => op.oauthScopes));
        for (const s of scopes) assert.ok(docs.includes(`\`${s}\``), `docs/genesys-permissions.md omits scope ${s}`);
        for (const name of Object.keys(c.operations)) {
            assert.ok(docs.includes(`\`${name}\``), `docs/genesys-permissions.md omits operation ${name}`);
        }
    });
    test('sendTemplate is the send-message operation of sendText and sendMedia, with a template body only', () => {
        const { sendText, sendMedia, sendTemplate, getResponses, getResponseLibraries } = contract().operations;
        for (const key of ['method', 'path', 'sdkMethod', 'permissions', 'permissionsSource', 'oauthScopes']) {
            assert.deepEqual(sendTemplate[key], sendText[key], key);
            assert.deepEqual(sendTemplate[key], sendMedia[key], key);
        }
        assert.deepEqual(sendTemplate.body.required, ['textBody', 'messagingTemplate']);
        assert.equal(sendTemplate.body.additionalProperties, false);
        const template = sendTemplate.body.properties.messagingTemplate;
        assert.deepEqual(template.required, ['responseId']);
        assert.equal(template.additionalProperties, false);
        assert.equal(template.properties.responseId.minLength, 1);
        assert.equal(template.properties.parameters.items.additionalProperties, false);
        // A body with a template is never a text or a file: both refuse the extra property.
        assert.equal(sendText.body.properties.messagingTemplate, undefined);
        assert.equal(sendMedia.body.properties.messagingTemplate, undefined);
        assert.ok(getResponses.query.includes('libraryId'));
        assert.deepEqual(getResponses.permissions, { type: 'ANY', permissions: ['responses:response:view'] });
        assert.deepEqual(getResponseLibraries.permissions, { type: 'ANY', permissions: ['responses:library:view'] });
    });
});

describe('drift from the SDK', () => {
    test('fails on a query parameter the SDK does not send (useNormalizedMessage on send)', () => {
        const c = contract();
        c.operations.sendText.query = ['useNormalizedMessage'];
        assertOne(
            driftMessages(c),
            /^sendText: query parameter "useNormalizedMessage" is not sent by ConversationsApi\.postConversationsMessageCommunicationMessages/
        );
    });

    test('fails on a renamed body field, at the top level and nested', () => {
        const c = contract();
        const upload = c.operations.createMediaUpload.body;
        upload.properties.contentLength = upload.properties.contentLengthBytes;
        delete upload.properties.contentLengthBytes;
        upload.required = ['fileName', 'contentLength'];
        const messages = driftMessages(c);
        assert.equal(messages.length, 2, messages.join('\n'));
        assert.ok(
            messages.some((m) =>
                /^createMediaUpload: body\.contentLength is not a field of the SDK's UploadMediaRequest/.test(m)
            )
        );
        assert.ok(messages.some((m) => /UploadMediaRequest requires "contentLengthBytes"/.test(m)));

        const nested = contract();
        const wrapup = nested.operations.submitWrapUp.body.properties.wrapup.properties;
        wrapup.duration = wrapup.durationSeconds;
        delete wrapup.durationSeconds;
        assertOne(
            driftMessages(nested),
            /^submitWrapUp: body\.wrapup\.duration is not a field of the SDK's WrapupInput/
        );
    });

    test('fails on a field whose type differs from the SDK model', () => {
        const c = contract();
        c.operations.createMediaUpload.body.properties.contentLengthBytes = { type: 'string' };
        assertOne(
            driftMessages(c),
            /body\.contentLengthBytes is string in the contract but number in the SDK's UploadMediaRequest/
        );
    });

    test('fails when a field the SDK model requires is missing from the body', () => {
        const c = contract();
        delete c.operations.sendMedia.body.properties.textBody;
        c.operations.sendMedia.body.required = ['mediaIds'];
        assertOne(driftMessages(c), /^sendMedia: body: the SDK's AdditionalMessage requires "textBody"/);
    });

    test('fails on another method, path, path parameter or SDK method', () => {
        const method = contract();
        method.operations.pickUp.method = 'POST';
        assertOne(
            driftMessages(method),
            /^pickUp: method POST but ConversationsApi\.patchConversationsMessageParticipant .* sends PATCH/
        );

        const pathChanged = contract();
        pathChanged.operations.assignConversation.path = '/api/v2/conversations/{conversationId}/assignment';
        assertOne(
            driftMessages(pathChanged),
            /^assignConversation: path \/api\/v2\/conversations\/\{conversationId\}\/assignment but/
        );

        const param = contract();
        param.operations.getPresence.path = '/api/v2/users/{id}/presences/purecloud';
        const messages = driftMessages(param);
        assert.equal(messages.length, 2, messages.join('\n'));
        assert.ok(messages.some((m) => /^getPresence: path parameters \(id\) but .* has \(userId\)/.test(m)));

        const unknown = contract();
        unknown.operations.getMe.sdkMethod = 'UsersApi.getUserMe';
        assertOne(
            driftMessages(unknown),
            /^getMe: sdkMethod UsersApi\.getUserMe is not a method of purecloud-platform-client-v2@/
        );
    });

    test('fails on a body the SDK does not send, and on a missing body the SDK requires', () => {
        const body = contract();
        body.operations.getMedia.body = { type: 'object', properties: {} };
        assertOne(driftMessages(body), /^getMedia: has a body but .* sends none/);

        const noBody = contract();
        noBody.operations.assignConversation.body = null;
        assertOne(
            driftMessages(noBody),
            /^assignConversation: has no body but ConversationsApi\.postConversationAssign .* requires one/
        );
    });

    test('fails when the SDK drops a query parameter or renames a field the contract uses', (t) => {
        // A tiny SDK in the installed layout, as a later version that removed `joined` and renamed `id`.
        const dir = tempDir(t);
        const apiDir = path.join(
            dir,
            'node_modules',
            'purecloud-platform-client-v2',
            'src',
            'purecloud-platform-client-v2',
            'api'
        );
        mkdirSync(apiDir, { recursive: true });
        const pkg = path.join(dir, 'node_modules', 'purecloud-platform-client-v2');
        writeFileSync(path.join(pkg, 'package.json'), '{ "version": "999.0.0" }');
        writeFileSync(
            path.join(apiDir, 'RoutingApi.js'),
            [
                'class RoutingApi {',
                '\tgetUserQueues(userId, opts) { ',
                '\t\treturn this.apiClient.callApi(',
                "\t\t\t'/api/v2/users/{userId}/queues', ",
                "\t\t\t'GET', ",
                "\t\t\t{ 'userId': userId },",
                "\t\t\t{ 'pageSize': opts['pageSize'],'pageNumber': opts['pageNumber'] },",
                '\t\t\t{  },',
                '\t\t\t{  },',
                '\t\t\tnull, ',
                "\t\t\t['PureCloud OAuth'], ",
                '\t\t);',
                '\t}',
                '',
                '\tpostConversationAssign(conversationId, body, opts) { ',
                '\t\treturn this.apiClient.callApi(',
                "\t\t\t'/api/v2/conversations/{conversationId}/assign', ",
                "\t\t\t'POST', ",
                "\t\t\t{ 'conversationId': conversationId },",
                '\t\t\t{  },',
                '\t\t\t{  },',
                '\t\t\t{  },',
                '\t\t\tbody, ',
                "\t\t\t['PureCloud OAuth'], ",
                '\t\t);',
                '\t}',
                '}',
                ''
            ].join('\n')
        );
        writeFileSync(
            path.join(pkg, 'index.d.ts'),
            [
                'declare class RoutingApi { ',
                '  \tgetUserQueues(userId: string, opts?: RoutingApi.getUserQueuesOptions): Promise<Models.UserQueueEntityListing>;',
                '  \tpostConversationAssign(conversationId: string, body: Models.ConversationUser, opts?: RoutingApi.postConversationAssignOptions): Promise<string>;',
                '}',
                'declare namespace Models { ',
                '\texport interface ConversationUser { ',
                '\t\t"userId": string;',
                '\t}',
                '}',
                ''
            ].join('\n')
        );
        const small = loadSdk(dir);
        assert.equal(small.version, '999.0.0');
        assert.deepEqual(readSdkOperations(apiDir).get('RoutingApi.getUserQueues').query, ['pageSize', 'pageNumber']);
        assert.equal(
            readSdkTypings(path.join(pkg, 'index.d.ts')).params.get('RoutingApi.postConversationAssign').get('body'),
            'Models.ConversationUser'
        );
        const real = contract();
        const c = {
            operations: {
                getUserQueues: real.operations.getUserQueues,
                assignConversation: {
                    ...real.operations.assignConversation,
                    sdkMethod: 'RoutingApi.postConversationAssign'
                }
            }
        };
        const messages = checkSdkDrift(c, small).map((p) => p.message);
        assert.equal(messages.length, 4, messages.join('\n'));
        assert.ok(
            messages.some((m) =>
                /^getUserQueues: query parameter "joined" is not sent by RoutingApi\.getUserQueues \(purecloud-platform-client-v2@999\.0\.0\)/.test(
                    m
                )
            )
        );
        assert.ok(messages.some((m) => /^getUserQueues: query parameter "divisionId" is not sent/.test(m)));
        assert.ok(
            messages.some((m) =>
                /^assignConversation: body\.id is not a field of the SDK's ConversationUser \(fields: userId\)/.test(m)
            )
        );
        assert.ok(
            messages.some((m) => /^assignConversation: body: the SDK's ConversationUser requires "userId"/.test(m))
        );
    });
});

describe('scopes and permissions', () => {
    test('fail when an operation records no OAuth scope, or one Genesys does not define', () => {
        const missing = contract();
        delete missing.operations.sendText.oauthScopes;
        assertOne(authMessages(missing), /^sendText: records no oauthScopes/);

        const empty = contract();
        empty.operations.sendText.oauthScopes = [];
        assertOne(authMessages(empty), /^sendText: records no oauthScopes/);

        const unknown = contract();
        unknown.operations.getMe.oauthScopes = ['user'];
        assertOne(authMessages(unknown), /^getMe: oauthScopes: "user" is not a known Genesys scope/);

        const readonly = contract();
        readonly.operations.pickUp.oauthScopes = ['conversations:readonly'];
        assertOne(authMessages(readonly), /^pickUp: oauthScopes: a PATCH cannot be called with read-only scopes alone/);
    });

    test('fail when an operation records no permissions, inconsistent ones, or no source', () => {
        const missing = contract();
        delete missing.operations.getConversation.permissions;
        assertOne(authMessages(missing), /^getConversation: records no permissions/);

        const anyEmpty = contract();
        anyEmpty.operations.getConversation.permissions = { type: 'ANY', permissions: [] };
        assertOne(authMessages(anyEmpty), /^getConversation: permissions: type ANY lists no permission/);

        const noneListed = contract();
        noneListed.operations.getMe.permissions = { type: 'NONE', permissions: ['directory:user:view'] };
        assertOne(authMessages(noneListed), /^getMe: permissions: type NONE lists permissions/);

        const malformed = contract();
        malformed.operations.sendText.permissions.permissions = ['Conversation > Message > Create'];
        assertOne(
            authMessages(malformed),
            /^sendText: permissions: "Conversation > Message > Create" is not domain:entity:action/
        );

        const noSource = contract();
        delete noSource.operations.listQueues.permissionsSource;
        assertOne(authMessages(noSource), /^listQueues: records no permissionsSource/);
    });

    test('the CLI reports a contract problem at its operation line and exits 1', (t) => {
        const dir = tempDir(t);
        cpSync(path.join(FIXTURES, 'no-imports'), dir, { recursive: true });
        symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
        const c = contract();
        delete c.operations.getConversation.permissions;
        c.operations.sendText.query = ['useNormalizedMessage'];
        mkdirSync(path.join(dir, 'contract'));
        const text = JSON.stringify(c, null, 2);
        writeFileSync(path.join(dir, 'contract', 'genesys-cloud.contract.json'), text);
        const run = spawnSync(process.execPath, [CLI, dir], { encoding: 'utf8' });
        assert.equal(run.status, 1, run.stdout + run.stderr);
        const line = (name) => text.slice(0, text.indexOf(`"${name}": {`)).split('\n').length;
        assert.match(
            run.stdout,
            new RegExp(
                `^contract/genesys-cloud\\.contract\\.json:${line('getConversation')}:1 getConversation: records no permissions`,
                'm'
            )
        );
        assert.match(
            run.stdout,
            new RegExp(
                `^contract/genesys-cloud\\.contract\\.json:${line('sendText')}:1 sendText: query parameter "useNormalizedMessage"`,
                'm'
            )
        );
        assert.match(run.stdout, /^verify:contract: 2 problem\(s\); /m);
    });
});
