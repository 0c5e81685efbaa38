// Delivery to Salesforce against a stand-in org on 127.0.0.1, on a manual clock: signature, order, retries.
import assert from 'node:assert/strict';
import { verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import pino from 'pino';
import { ManualClock } from '../src/clock';
import { Deliverer } from '../src/delivery';
import type { DerivedEvent } from '../src/derive';
import { eventIdFor } from '../src/events';
import { SalesforceClient } from '../src/salesforce/client';
import { generateSigningKey, keySigner, type EventSigner } from '../src/salesforce/signing';
import { openStore, type OutboxStore } from '../src/store';
import {
    EVENTS_PATH,
    ORG_ID,
    SF_CLIENT_ID,
    SF_CLIENT_SECRET,
    SIGNING_KEY_ID,
    SIGNING_PRIVATE_KEY_PEM,
    SIGNING_PUBLIC_KEY,
    publicKeyOf,
    startFakeSalesforce
} from './helpers/salesforce';

function ev(conversationId: string, subject: string): DerivedEvent {
    return {
        event: {
            eventId: eventIdFor(conversationId, 'conversation.connected', subject),
            type: 'conversation.connected',
            occurredAt: '2026-11-21T12:00:00.000Z',
            conversationId,
            participantId: subject,
            userId: 'u-1',
            queueId: null,
            channel: null,
            data: {}
        }
    };
}

async function setup(
    t: TestContext,
    signer: EventSigner = keySigner(SIGNING_PRIVATE_KEY_PEM, SIGNING_KEY_ID)
): Promise<{
    sf: Awaited<ReturnType<typeof startFakeSalesforce>>;
    store: OutboxStore;
    clock: ManualClock;
    deliverer: Deliverer;
}> {
    const sf = await startFakeSalesforce(t);
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-delivery-'));
    const store = await openStore({ kind: 'sqlite', location: join(dir, 'outbox.db') });
    t.after(async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
    });
    const clock = new ManualClock();
    const client = new SalesforceClient(
        {
            tokenUrl: sf.tokenUrl,
            clientId: SF_CLIENT_ID,
            clientSecret: SF_CLIENT_SECRET,
            instanceUrl: sf.url,
            orgId: ORG_ID,
            eventsPath: EVENTS_PATH,
            httpTimeoutMs: 5000,
            instanceId: 'test-1'
        },
        signer,
        clock
    );
    const deliverer = new Deliverer({
        store,
        sender: client,
        clock,
        owner: 'test-1',
        concurrency: 8,
        leaseMs: 30_000,
        pollMs: 1000,
        backoff: { baseMs: 1000, maxMs: 300_000, random: () => 1 },
        log: pino({ level: 'silent' })
    });
    return { sf, store, clock, deliverer };
}

const ids = (list: { eventId: string }[]): string[] => list.map((e) => e.eventId);

const DOCS_BODY =
    '{"eventId":"5f0c1f9e-8d7b-4a51-9a43-1c2f0e6b7d21","type":"conversation.disconnected","occurredAt":"2026-11-21T12:00:00.000Z","conversationId":"c5b1d0a4-2f6e-4c8b-9e3a-7d1f2b4c6e80","participantId":"p-agent-1","userId":"u-agent-1","queueId":"q-support","channel":"whatsapp","data":{"disconnectedBy":"customer"}}';

test("the documented worked example's signature verifies with its public key (docs/events.md §3)", () => {
    const documented =
        'MEYCIQDGJ55TjKR2q7m6Okd4th8r7OFvEugz+mRlM89TJAT+qwIhAN81H4xuZ8vKrnN9S3Zl703XTjRdjwY8uJpflYvt/CNy';
    const data = Buffer.from(`1795262401.${DOCS_BODY}`, 'utf8');
    assert.ok(verify('sha256', data, publicKeyOf(SIGNING_PUBLIC_KEY), Buffer.from(documented, 'base64')));
});

test('the signer sends the timestamp, the key id and a DER ECDSA signature of timestamp.body', () => {
    const headers = keySigner(SIGNING_PRIVATE_KEY_PEM, SIGNING_KEY_ID)(DOCS_BODY, 1795262401_999);
    assert.deepEqual(Object.keys(headers).sort(), ['X-Relay-Key-Id', 'X-Relay-Signature', 'X-Relay-Timestamp']);
    assert.equal(headers['X-Relay-Timestamp'], '1795262401');
    assert.equal(headers['X-Relay-Key-Id'], SIGNING_KEY_ID);
    const signature = Buffer.from(headers['X-Relay-Signature'] ?? '', 'base64');
    assert.equal(signature[0], 0x30, 'a DER SEQUENCE, as Apex Crypto.verify expects, not a raw r||s pair');
    const data = Buffer.from(`1795262401.${DOCS_BODY}`, 'utf8');
    assert.ok(verify('sha256', data, publicKeyOf(SIGNING_PUBLIC_KEY), signature));
    assert.ok(!verify('sha256', Buffer.from(`1795262402.${DOCS_BODY}`), publicKeyOf(SIGNING_PUBLIC_KEY), signature));
});

test('events reach the org signed, once each, in order per conversation, with one token', async (t) => {
    const { sf, store, clock, deliverer } = await setup(t);
    const events = [ev('c1', 'a'), ev('c2', 'a'), ev('c1', 'b'), ev('c1', 'c'), ev('c2', 'b')];
    await store.append(events, clock.now());
    while ((await store.stats(clock.now())).pending > 0) await deliverer.runOnce();
    assert.deepEqual(sf.refusals, []);
    assert.equal(sf.accepted.length, 5);
    const order = (c: string): string[] => sf.accepted.filter((r) => r.conversationId === c).map((r) => r.eventId);
    assert.deepEqual(order('c1'), ids(events.filter((e) => e.event.conversationId === 'c1').map((e) => e.event)));
    assert.deepEqual(order('c2'), ids(events.filter((e) => e.event.conversationId === 'c2').map((e) => e.event)));
    assert.equal(sf.tokensIssued, 1);
    assert.deepEqual(sf.accepted[0]?.body, events[0]?.event as unknown as Record<string, unknown>);
});

test("a 429 is retried after its Retry-After, not before; the conversation's later events wait", async (t) => {
    const { sf, store, clock, deliverer } = await setup(t);
    const [a, b] = [ev('c1', 'a'), ev('c1', 'b')];
    await store.append([a, b, ev('c2', 'a')], clock.now());
    sf.script = (r) =>
        r.eventId === a.event.eventId && sf.requests.filter((x) => x.eventId === r.eventId).length === 1
            ? { status: 429, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }], headers: { 'Retry-After': '7' } }
            : undefined;
    await deliverer.runOnce();
    assert.deepEqual(ids(sf.accepted), [ev('c2', 'a').event.eventId], 'the other conversation is not held up');
    clock.advance(6_999);
    assert.deepEqual(await deliverer.runOnce(), [], 'nothing is due before Retry-After');
    clock.advance(1);
    await deliverer.runOnce();
    await deliverer.runOnce();
    assert.deepEqual(ids(sf.accepted).slice(1), [a.event.eventId, b.event.eventId]);
});

test('a 503 is retried with backoff (1 s, then 2 s ...), re-signed each time', async (t) => {
    const { sf, store, clock, deliverer } = await setup(t);
    await store.append([ev('c1', 'a')], clock.now());
    let failures = 2;
    sf.script = () =>
        failures-- > 0
            ? { status: 503, body: { status: 'unavailable', error: 'publish_failed', detail: null } }
            : undefined;
    await deliverer.runOnce();
    clock.advance(999);
    assert.deepEqual(await deliverer.runOnce(), []);
    clock.advance(1);
    await deliverer.runOnce();
    clock.advance(1999);
    assert.deepEqual(await deliverer.runOnce(), []);
    clock.advance(1);
    await deliverer.runOnce();
    assert.equal(sf.accepted.length, 1);
    assert.equal(sf.requests.length, 3);
    const stats = await store.stats(clock.now());
    assert.deepEqual(stats, { pending: 0, leased: 0, delivered: 1, failed: 0 });
});

test('a refused event (400) is not retried, and the conversation goes on', async (t) => {
    const { sf, store, clock, deliverer } = await setup(t);
    const [bad, next] = [ev('c1', 'bad'), ev('c1', 'next')];
    await store.append([bad, next], clock.now());
    sf.script = (r) =>
        r.eventId === bad.event.eventId
            ? { status: 400, body: { status: 'rejected', error: 'invalid_payload', detail: 'userId is required' } }
            : undefined;
    await deliverer.runOnce();
    await deliverer.runOnce();
    assert.deepEqual(ids(sf.accepted), [next.event.eventId]);
    assert.equal(sf.requests.filter((r) => r.eventId === bad.event.eventId).length, 1);
    assert.equal((await store.stats(clock.now())).failed, 1);
});

test('the org refuses an event signed with a key it does not hold for that key id', async (t) => {
    const stranger = generateSigningKey();
    const { sf, store, clock, deliverer } = await setup(t, keySigner(stranger.privateKeyPem, SIGNING_KEY_ID));
    await store.append([ev('c1', 'a')], clock.now());
    await deliverer.runOnce();
    assert.deepEqual(sf.refusals, ['invalid_signature']);
    assert.equal(sf.accepted.length, 0);
    assert.equal((await store.stats(clock.now())).failed, 1, 'a forged signature is not retried');
});

test('an event signed with a key id the org does not have yet is retried until the admin deploys it', async (t) => {
    const next = generateSigningKey();
    const { sf, store, clock, deliverer } = await setup(t, keySigner(next.privateKeyPem, 'Relay_Connector_Next'));
    await store.append([ev('c1', 'a')], clock.now());
    await deliverer.runOnce();
    assert.deepEqual(sf.refusals, ['unknown_key']);
    assert.equal((await store.stats(clock.now())).pending, 1, 'kept: the connector switched keys too early');
    sf.keys.set('Relay_Connector_Next', publicKeyOf(next.publicKeyBase64));
    clock.advance(1000);
    await deliverer.runOnce();
    assert.equal(sf.accepted.length, 1);
});

test('an expired session (401 INVALID_SESSION_ID) gets a new token and the event is delivered', async (t) => {
    const { sf, store, clock, deliverer } = await setup(t);
    await store.append([ev('c1', 'a')], clock.now());
    await deliverer.runOnce();
    await store.append([ev('c1', 'b')], clock.now());
    sf.revokeTokens();
    await deliverer.runOnce();
    assert.deepEqual(sf.refusals, ['INVALID_SESSION_ID']);
    clock.advance(1000);
    await deliverer.runOnce();
    assert.equal(sf.accepted.length, 2);
    assert.equal(sf.tokensIssued, 2);
});

test('a token issued for another org is not used: events stay in the outbox', async (t) => {
    const { sf, store, clock, deliverer } = await setup(t);
    sf.tokenOrgId = '00D000000000001AAA';
    await store.append([ev('c1', 'a')], clock.now());
    await deliverer.runOnce();
    assert.equal(sf.requests.length, 0);
    assert.equal((await store.stats(clock.now())).pending, 1);
});
