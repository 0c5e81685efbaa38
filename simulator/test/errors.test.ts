// Errors as the SDK (and Relay's Apex client) meet them: ErrorBody, 401/404/409/429, injected faults,
// the per-token budget, and OAuth failures.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALEX, BLAKE, SEED_IDS, goOnQueue, platformClient, sdkForDefaultAgent, startSimulator } from './helpers';
import { DEMO_AGENT_PASSWORD } from '../src/seed';

const basic = (id: string, secret: string): string => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

test('an invalid body is a 400 bad.request ErrorBody that the SDK surfaces, naming the field', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Billing'
    });
    const agent = sim.control.conversation(started.id).participants.find((p) => p.purpose === 'agent');

    await assert.rejects(
        sdk.conversations.patchConversationsMessageParticipant(started.id, agent?.id ?? '', {
            body: { state: 'held' }
        }),
        (error: Record<string, unknown>) => {
            assert.equal(error.status, 400);
            assert.equal(error.code, 'bad.request');
            assert.match(String(error.message), /body\.state must be one of: "connected", "disconnected"/);
            assert.deepEqual(error.details, [{ errorCode: 'bad.request', fieldName: 'body.state' }]);
            assert.equal(typeof error.contextId, 'string');
            assert.deepEqual(error.errors, []);
            return true;
        }
    );
    assert.equal(sim.control.conversation(started.id).state, 'alerting', 'a rejected request changes nothing');
});

test('an unknown conversation id is a 404 not.found and an unknown route is a 404 ErrorBody', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await assert.rejects(
        sdk.conversations.getConversationsMessage('no-such-conversation'),
        (error: Record<string, unknown>) =>
            error.status === 404 && error.code === 'not.found' && error.entityId === 'no-such-conversation'
    );
    const token = sim.control.issueToken(ALEX).access_token;
    const response = await fetch(`${sim.url}/api/v2/conversations/messages/x/typing`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` }
    });
    assert.equal(response.status, 404);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.code, 'not.found');
    assert.equal(response.headers.get('inin-correlation-id'), body.contextId);
});

test('an injected 429 carries Retry-After and only the next call fails', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    sim.control.injectFault({ operation: 'getQueueWrapUpCodes', status: 429, retryAfterSeconds: 7 });
    sdk.client.setReturnExtendedResponses(true);
    t.after(() => sdk.client.setReturnExtendedResponses(false));

    await assert.rejects(
        sdk.routing.getRoutingQueueWrapupcodes(SEED_IDS.queues.support, { pageSize: 100 }),
        (error: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) => {
            assert.equal(error.status, 429);
            assert.equal(error.headers['retry-after'], '7');
            assert.equal(error.body.code, 'too.many.requests');
            assert.match(String(error.body.message), /Retry the request in \[7\] seconds/);
            return true;
        }
    );
    const retried = (await sdk.routing.getRoutingQueueWrapupcodes(SEED_IDS.queues.support)) as unknown as {
        status: number;
    };
    assert.equal(retried.status, 200);
});

test('a per-token budget answers 429 with inin-ratelimit headers until the window resets', async (t) => {
    const { sim, clock } = await startSimulator(t, { rateLimit: { limit: 2, windowSeconds: 60 } });
    const token = sim.control.issueToken(ALEX).access_token;
    const call = () => fetch(`${sim.url}/api/v2/users/me`, { headers: { Authorization: `Bearer ${token}` } });

    const first = await call();
    assert.equal(first.headers.get('inin-ratelimit-allowed'), '2');
    assert.equal(first.headers.get('inin-ratelimit-count'), '1');
    assert.equal((await call()).status, 200);
    clock.advance(15_000);
    const limited = await call();
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '45');
    assert.equal(((await limited.json()) as Record<string, unknown>).code, 'too.many.requests');
    clock.advance(45_000);
    assert.equal((await call()).status, 200);
});

test('an injected delay holds the response until the clock passes it', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    sim.control.injectFault({ operation: 'getMe', delayMs: 5_000 });
    let settled = false;
    const pending = sdk.users.getUsersMe().finally(() => {
        settled = true;
    });
    await clock.whenPending(1);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, false);
    clock.advance(5_000);
    assert.equal((await pending).id, ALEX);
});

test('an injected malformed body is a success status with JSON that does not parse', async (t) => {
    const { sim } = await startSimulator(t);
    sim.control.injectFault({ operation: 'getPresenceDefinitions', malformed: true });
    const token = sim.control.issueToken(ALEX).access_token;
    const response = await fetch(`${sim.url}/api/v2/presence/definitions`, {
        headers: { Authorization: `Bearer ${token}` }
    });
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.throws(() => JSON.parse(text), SyntaxError);
});

test('a missing or unknown bearer token is a 401 ErrorBody', async (t) => {
    const { sim } = await startSimulator(t);
    const missing = await fetch(`${sim.url}/api/v2/users/me`);
    assert.equal(missing.status, 401);
    assert.equal(((await missing.json()) as Record<string, unknown>).code, 'authentication.required');
    const unknown = await fetch(`${sim.url}/api/v2/users/me`, { headers: { Authorization: 'Bearer forged' } });
    assert.equal(unknown.status, 401);
    assert.equal(((await unknown.json()) as Record<string, unknown>).code, 'bad.credentials');
});

test('a wrong client secret is a 401 invalid_client from /oauth/token and the SDK login rejects', async (t) => {
    const { sim } = await startSimulator(t);
    const response = await fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        headers: {
            Authorization: basic('relay-local', 'wrong'),
            'Content-Type': 'application/x-www-form-urlencoded'
        },
        body: 'grant_type=client_credentials'
    });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as Record<string, unknown>).error, 'invalid_client');

    const client = platformClient.ApiClient.instance;
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: sim.port });
    await assert.rejects(client.loginClientCredentialsGrant('relay-local', 'wrong'));
});

test('the password grant issues a token for a named agent', async (t) => {
    const { sim } = await startSimulator(t);
    const response = await fetch(`${sim.url}/oauth/token`, {
        method: 'POST',
        headers: {
            Authorization: basic('relay-local', 'relay-local-secret'),
            'Content-Type': 'application/x-www-form-urlencoded'
        },
        body: new URLSearchParams({
            grant_type: 'password',
            username: 'blake.chen@relay.example',
            password: DEMO_AGENT_PASSWORD
        }).toString()
    });
    const { access_token: token } = (await response.json()) as { access_token: string };
    const me = await fetch(`${sim.url}/api/v2/users/me`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(((await me.json()) as Record<string, unknown>).id, BLAKE);
});
