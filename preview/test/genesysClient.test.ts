// The preview's contact-centre client: every request is built from the contract and checked before it is
// sent. A request that breaks the contract throws and never reaches the network; a valid one is what the
// simulator (which checks the same contract) accepts.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createSimulator, type Simulator } from '../../simulator/src/server';
import { demoSeed, SEED_IDS } from '../../simulator/src/seed';
import { CalloutError, GenesysClient } from '../server/genesysClient';

/** A server that only counts requests: nothing refused by the contract may reach it. */
async function countingServer(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
    let hits = 0;
    const server = http.createServer((_req, res) => {
        hits += 1;
        res.writeHead(202).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        hits: () => hits,
        close: () => new Promise((resolve) => server.close(() => resolve()))
    };
}

const refusal = async (promise: Promise<unknown>): Promise<CalloutError> => {
    const error = await promise.then(
        () => assert.fail('the request was sent'),
        (e: unknown) => e
    );
    assert.ok(error instanceof CalloutError, `expected a CalloutError, got ${String(error)}`);
    return error;
};

describe('requests that break the contract are refused before they are sent', () => {
    let target: Awaited<ReturnType<typeof countingServer>>;
    let client: GenesysClient;
    before(async () => {
        target = await countingServer();
        client = new GenesysClient({ baseUrl: target.url, authorization: () => 'Bearer test' });
    });
    after(() => target.close());

    const ids = { conversationId: 'c-1', participantId: 'p-1' };
    const cases: [string, Parameters<GenesysClient['send']>[1], RegExp][] = [
        [
            'a body value outside the enum',
            { operation: 'pickUp', pathParams: ids, body: { state: 'closed' } },
            /body\.state/
        ],
        [
            'a property the contract does not allow',
            { operation: 'disconnect', pathParams: ids, body: { state: 'disconnected', reason: 'x' } },
            /body\.reason/
        ],
        ['a missing required body', { operation: 'transferToQueue', pathParams: ids }, /body is required/],
        [
            'a missing path parameter',
            { operation: 'pickUp', pathParams: { conversationId: 'c-1' }, body: { state: 'connected' } },
            /participantId/
        ],
        [
            'a query parameter the operation does not take',
            { operation: 'getMe', query: { expand: 'presence' } },
            /query\.expand/
        ],
        [
            'a text longer than the contract allows',
            {
                operation: 'sendText',
                pathParams: { conversationId: 'c', communicationId: 'm' },
                body: { textBody: 'x'.repeat(2001) }
            },
            /at most 2000/
        ],
        [
            'an operation that is not in the contract',
            { operation: 'deleteConversation' },
            /not in the request contract/
        ],
        [
            'a body that fits a sibling operation instead',
            { operation: 'pickUp', pathParams: ids, body: { state: 'disconnected' } },
            /matches disconnect instead/
        ]
    ];
    for (const [what, request, message] of cases) {
        test(`refuses ${what}`, async () => {
            const error = await refusal(client.send('Relay_Genesys_Cloud', request));
            assert.equal(error.kind, 'INVALID_REQUEST');
            assert.match(error.message, message);
            assert.equal(target.hits(), 0, 'nothing reached the network');
            assert.equal(client.sent.length, 0, 'nothing was recorded as sent');
        });
    }
});

describe('valid requests reach the simulator, which checks the same contract', () => {
    let sim: Simulator;
    let client: GenesysClient;
    before(async () => {
        sim = await createSimulator({ port: 0, seed: demoSeed({ conversations: false }) });
        const token = sim.control.issueToken(SEED_IDS.users.alex).access_token;
        client = new GenesysClient({ baseUrl: sim.url, authorization: () => `Bearer ${token}` });
    });
    after(() => sim.close());

    test('a GET with path parameters returns the parsed JSON', async () => {
        const presence = await client.send<{ presenceDefinition: { id: string } }>('Relay_Genesys_Cloud', {
            operation: 'getPresence',
            pathParams: { userId: SEED_IDS.users.alex }
        });
        assert.ok(presence?.presenceDefinition.id);
        assert.deepEqual(client.sent.at(-1), {
            namedCredential: 'Relay_Genesys_Cloud',
            operation: 'getPresence',
            method: 'GET',
            url: `/api/v2/users/${SEED_IDS.users.alex}/presences/purecloud`,
            body: undefined,
            status: 200
        });
    });

    test('a PATCH the contract allows changes the contact centre', async () => {
        await client.send('Relay_Genesys_Cloud', {
            operation: 'setPresence',
            pathParams: { userId: SEED_IDS.users.alex },
            body: { presenceDefinition: { id: SEED_IDS.presence.onQueue } }
        });
        const alex = sim.control.state().users.find((u) => u.id === SEED_IDS.users.alex);
        assert.equal(alex?.presence.systemPresence, 'OnQueue');
    });

    test('a 404 becomes NOT_FOUND and a 429 RATE_LIMITED with its Retry-After', async () => {
        const missing = await refusal(
            client.send('Relay_Genesys_Cloud', {
                operation: 'getConversation',
                pathParams: { conversationId: 'no-such' }
            })
        );
        assert.equal(missing.kind, 'NOT_FOUND');
        assert.equal(missing.status, 404);
        sim.control.injectFault({ operation: 'getMe', status: 429, retryAfterSeconds: 7 });
        const limited = await refusal(client.send('Relay_Genesys_Cloud', { operation: 'getMe' }));
        assert.equal(limited.kind, 'RATE_LIMITED');
        assert.equal(limited.retryAfterSeconds, 7);
        assert.equal(limited.retryable, true);
    });
});
