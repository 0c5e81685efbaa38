// The request matcher and validator shared with the local console's preview adapters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiHandlers } from '../src/api';
import { ContractChecker, parseContract, validateSchema } from '../src/contract';
import { compatContract, relayChecker, relayContract, simulatorChecker } from '../src/relay-contract';

const checker = relayChecker();

test('every contract and compatibility operation has a simulator handler', () => {
    const operations = [...Object.keys(relayContract.operations), ...Object.keys(compatContract.operations)];
    assert.deepEqual(
        operations.filter((id) => apiHandlers[id] === undefined),
        []
    );
});

test('a literal path segment wins over a parameter, and `me` fills a user id', () => {
    const mine = checker.check({ method: 'GET', url: '/api/v2/conversations/messages' });
    assert.equal(mine.ok && mine.operation.id, 'getMyMessageConversations');
    const generic = checker.check({ method: 'GET', url: '/api/v2/conversations/c-1' });
    assert.ok(generic.ok);
    assert.equal(generic.operation.id, 'getConversation');
    assert.deepEqual(generic.pathParams, { conversationId: 'c-1' });
    const presence = checker.check({ method: 'GET', url: '/api/v2/users/me/presences/purecloud' });
    assert.ok(presence.ok);
    assert.deepEqual(presence.pathParams, { userId: 'me' });
});

test('the body decides between operations that share a method and path', () => {
    const url = '/api/v2/conversations/messages/c-1/participants/p-1';
    const id = (body: unknown) => {
        const result = checker.check({ method: 'PATCH', url, body });
        return result.ok ? result.operation.id : result.message;
    };
    assert.equal(id({ state: 'connected' }), 'pickUp');
    assert.equal(id({ state: 'disconnected' }), 'disconnect');
    assert.equal(id({ wrapup: { code: 'wc-1', notes: 'n' } }), 'submitWrapUp');
    assert.match(String(id({ state: 'held' })), /body\.state must be one of: "connected", "disconnected"/);
    assert.match(String(id({ wrapup: { notes: 'no code' } })), /body\.wrapup\.code is required/);
});

test('unknown routes are 404 and unknown query parameters or properties are 400', () => {
    const missing = checker.check({ method: 'DELETE', url: '/api/v2/users/me' });
    assert.equal(missing.ok ? 0 : missing.status, 404);
    const query = checker.check({ method: 'GET', url: '/api/v2/users/u-1/queues?joined=true&expand=x' });
    assert.ok(!query.ok);
    assert.deepEqual(
        query.issues.map((i) => i.path),
        ['query.expand']
    );
    const comma = checker.check({ method: 'GET', url: '/api/v2/users/u-1/queues?divisionId=a&divisionId=b' });
    assert.ok(comma.ok);
    assert.equal(comma.query.divisionId, 'a,b', 'repeated parameters are comma-joined like the SDK sends them');
    const extra = checker.check({
        method: 'POST',
        url: '/api/v2/conversations/messages/c-1/communications/m-1/messages',
        body: { textBody: 'hi', bodyType: 'standard' }
    });
    assert.ok(!extra.ok);
    assert.match(extra.message, /body\.bodyType is not an allowed property/);
});

test('the validator checks type, length, enum and array items', () => {
    const schema = {
        type: 'object' as const,
        properties: {
            text: { type: 'string' as const, minLength: 1, maxLength: 3 },
            kind: { type: 'string' as const, enum: ['a', 'b'] },
            tags: { type: 'array' as const, items: { type: 'string' as const } },
            count: { type: 'integer' as const }
        }
    };
    assert.deepEqual(validateSchema(schema, { text: 'ok', kind: 'a', tags: ['x'], count: 2 }), []);
    assert.deepEqual(
        validateSchema(schema, { text: '', kind: 'c', tags: ['x', 3], count: 1.5 }).map((i) => i.message),
        [
            'body.text must not be empty',
            'body.kind must be one of: "a", "b"',
            'body.tags[1] must be a string',
            'body.count must be an integer'
        ]
    );
    assert.deepEqual(
        validateSchema(schema, { text: 'long' }).map((i) => i.rule),
        ['length']
    );
    assert.deepEqual(
        validateSchema(schema, []).map((i) => i.message),
        ['body must be an object']
    );
});

test('a contract with an unsupported schema keyword or method is rejected when loaded', () => {
    const op = (body: unknown, method = 'POST') => ({
        operations: { x: { method, path: '/x', query: [], body, success: 200, response: 'json' } }
    });
    assert.throws(() => parseContract(op({ type: 'object', oneOf: [] })), /unsupported schema keyword "oneOf"/);
    assert.throws(() => parseContract(op(null, 'TRACE')), /unsupported method TRACE/);
    assert.doesNotThrow(() => new ContractChecker(parseContract(op({ type: 'object' }))));
});

test('compatibility routes are served by the simulator but are not part of the contract the console checks', () => {
    const url = '/api/v2/conversations/c-1/participants/p-1/replace/queue';
    const body = { queueId: 'q-2', transferType: 'Unattended' };
    const served = simulatorChecker().check({ method: 'POST', url, body });
    assert.ok(served.ok);
    assert.equal(served.operation.compat, true);
    assert.equal(checker.check({ method: 'POST', url, body }).ok, false);
});
