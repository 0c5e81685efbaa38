// Bring Your Own Channel, inbound side: the bridge (connector/src/byoc/bridge.ts) makes the Interaction Service calls
// for Genesys conversations on mapped queues, end to end: the simulator as Genesys Cloud, the connector, a stand-in
// org for events, and the official spec served by Prism with request validation (helpers/prism.ts) behind a small
// proxy (helpers/failing-proxy.ts) that can answer 503 and gives post-route's answer a real-looking workItemId (and
// post-interaction's a real-looking MessagingSession id in workItemIds).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import pino from 'pino';
import { Bridge, byocIntentUpdate, nextStep, type ByocIntent, type ByocProgress } from '../src/byoc/bridge';
import type { InteractionCall, InteractionClient } from '../src/byoc/interactionClient';
import type { ByocSettings } from '../src/byoc/routing';
import { ManualClock } from '../src/clock';
import { eventIdFor, type RelayEvent } from '../src/events';
import type { Connector } from '../src/service';
import { openStore, type OutboxStore } from '../src/store';
import { ofType, start, startReady } from './helpers/connector';
import { startFailingProxy, type FailingProxy } from './helpers/failing-proxy';
import { startPrism, type PrismServer, type RecordedRequest } from './helpers/prism';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { SEED, pickUp, startSimulator, type Sim } from './helpers/simulator';

const ALEX = SEED.users.alex;
const SF_QUEUE = '00G5g000004XyZaEAK'; // mapped to Genesys's Support queue
const SF_ALEX = '0055g00000ABcdeAAC';
const WORK_ITEM = '0Mw5g000000AbCdCAK';
/** The MessagingSession post-interaction answers (workItemIds[0]); not post-route's, to tell them apart. */
const SESSION = '0Mw5g000000XyZ1CAK';
const SESSION_EVENT = 'conversation.messagingSession';

interface Rig {
    sim: Sim;
    sf: FakeSalesforce;
    prism: PrismServer;
    proxy: FailingProxy;
    env: Record<string, string>;
    /** The SQLite file of the store. */
    outbox: string;
}

async function rig(
    t: TestContext,
    fail: (call: string, count: number) => number | undefined = () => undefined,
    /** post-interaction's workItemIds (null: the answer has none). */
    workItemIds: string[] | null = [SESSION]
) {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const prism = await startPrism(t);
    // Prism answers the schema's placeholder "string" for ids; the spec's workItemId must have 15 characters.
    const proxy = await startFailingProxy(t, prism.url, fail, (call, status, body) => {
        if (status < 200 || status >= 300) return body;
        if (call === 'POST /api/v1/route') return JSON.stringify({ ...JSON.parse(body), workItemId: WORK_ITEM });
        if (call === 'POST /api/v1/interactions') {
            const answer = JSON.parse(body) as Record<string, unknown>;
            delete answer.workItemIds;
            return JSON.stringify(workItemIds === null ? answer : { ...answer, workItemIds });
        }
        return body;
    });
    const dir = mkdtempSync(join(tmpdir(), 'relay-byoc-bridge-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const outbox = join(dir, 'outbox.db');
    const env = {
        RELAY_STORE: `sqlite:${outbox}`,
        RELAY_SF_INTERACTION_URL: proxy.url,
        RELAY_SF_CHANNEL_ADDRESS: 'relay-genesys-messaging-address',
        RELAY_SF_CHANNEL_DEFINITION: 'Relay_Genesys_Messaging',
        RELAY_SF_QUEUE_MAP: `${SF_QUEUE}=${SEED.queues.support}`,
        RELAY_SF_USER_MAP: `${ALEX}=${SF_ALEX}`,
        RELAY_RETRY_BASE_MS: '20',
        RELAY_RETRY_MAX_MS: '100',
        RELAY_POLL_MS: '50'
    };
    return { sim, sf, prism, proxy, env, outbox } satisfies Rig;
}

/** The conversation.messagingSession events in the outbox (read from the SQLite file itself), in order. */
function sessionEvents(file: string, conversationId?: string): RelayEvent[] {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
        const rows = db
            .prepare('SELECT conversation_id, payload FROM relay_outbox WHERE type = ? ORDER BY seq')
            .all(SESSION_EVENT) as { conversation_id: string; payload: string }[];
        return rows
            .filter((r) => conversationId === undefined || r.conversation_id === conversationId)
            .map((r) => JSON.parse(r.payload) as RelayEvent);
    } finally {
        db.close();
    }
}

/** The one event telling Relay's package the conversation's MessagingSession (docs/events.md §2.2). */
function assertSessionEvent(events: RelayEvent[], conversationId: string, session = SESSION): void {
    assert.equal(events.length, 1, `one ${SESSION_EVENT} event: ${JSON.stringify(events)}`);
    const [event] = events as [RelayEvent];
    assert.deepEqual(
        { ...event, occurredAt: undefined },
        {
            eventId: eventIdFor(conversationId, SESSION_EVENT, session),
            type: SESSION_EVENT,
            occurredAt: undefined,
            conversationId,
            participantId: null,
            userId: null,
            queueId: SEED.queues.support,
            channel: 'sms',
            data: { messagingSessionId: session }
        }
    );
    assert.ok(!Number.isNaN(Date.parse(event.occurredAt)), event.occurredAt);
}

/** Polls (yielding to I/O, no timer) until `condition` holds or 30 s pass. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`never: ${what}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
    }
}

const calls = (prism: PrismServer): string[] => prism.requests.map((r) => `${r.method} ${r.path}`);

function assertAccepted(requests: RecordedRequest[]): void {
    for (const r of requests) {
        assert.equal(r.violations, undefined, `${r.method} ${r.path}: ${JSON.stringify(r.violations)}`);
        assert.ok(r.status >= 200 && r.status < 300, `${r.method} ${r.path} answered ${r.status}`);
    }
}

const OPEN = ['POST /api/v1/interactions', 'PATCH /api/v1/consent', 'POST /api/v1/route'];
const PICKED_UP = ['POST /api/v1/agentWork', 'DELETE /api/v1/route'];

function newConversation(sim: Sim, queue: 'Support' | 'Sales' = 'Support') {
    sim.control.setPresence(ALEX, 'OnQueue');
    return sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue,
        text: 'Hi, my order is late'
    });
}

async function idle(connector: Connector, conversationId: string): Promise<ByocProgress> {
    let progress: ByocProgress | undefined;
    await until(async () => {
        const record = await connector.store.byocRecord(conversationId);
        progress = record?.progress as ByocProgress | undefined;
        return record?.status === 'idle' && record.leaseOwner === null;
    }, 'the record is idle');
    return progress!;
}

test('a customer message on a mapped queue opens the conversation once; the pick-up makes agentWork, then DELETE route', async (t) => {
    const { sim, sf, prism, env, outbox } = await rig(t);
    const { connector } = await startReady(t, sim, sf, { env });

    const started = newConversation(sim);
    await until(() => prism.requests.length === 3, 'the three opening calls');
    const progress = await idle(connector, started.id);
    assert.deepEqual(calls(prism), OPEN);
    assertAccepted(prism.requests);
    const [interaction, consent, route] = prism.requests as [RecordedRequest, RecordedRequest, RecordedRequest];
    const body = interaction.body as {
        from: string;
        to: string;
        interactions: { payload: { abstractMessage: { staticContent: { text: string } } } }[];
    };
    assert.equal(body.from, '+13175550100');
    assert.equal(
        body.interactions[0]?.payload.abstractMessage.staticContent.text,
        'Hi, my order is late',
        'text fetched from Genesys'
    );
    assert.deepEqual(consent.body, {
        endUserClientId: '+13175550100',
        channelAddressIdentifier: 'relay-genesys-messaging-address',
        consentStatus: 'ImplicitlyOptedIn'
    });
    assert.deepEqual(route.body, {
        conversationIdentifier: progress.conversationIdentifier,
        routingType: 'Initial',
        routingInfo: { queueId: SF_QUEUE }
    });
    // The MessagingSession post-interaction answered is named to Relay's package, once, through the signed events.
    assert.equal(progress.messagingSession?.id, SESSION);
    assert.equal(progress.messagingSession?.linked, true);
    assertSessionEvent(sessionEvents(outbox, started.id), started.id);
    await sf.until(() => ofType(sf, SESSION_EVENT).length === 1);
    assertSessionEvent(
        ofType(sf, SESSION_EVENT).map((r) => r.body as unknown as RelayEvent),
        started.id
    );

    await sf.until(() => ofType(sf, 'conversation.alerting').length === 1);
    await pickUp(sim, started.id, ALEX);
    await until(() => prism.requests.length === 5, 'agentWork and the release');
    const done = await idle(connector, started.id);
    assert.deepEqual(calls(prism), [...OPEN, ...PICKED_UP]);
    assertAccepted(prism.requests);
    assert.deepEqual(prism.requests[3]?.body, {
        userId: SF_ALEX,
        workItemId: WORK_ITEM.slice(0, 15),
        routingContext: {
            conversationIdentifier: progress.conversationIdentifier,
            routingType: 'Initial',
            routingCorrelationId: progress.route?.routingCorrelationId
        }
    });
    assert.deepEqual(prism.requests[4]?.body, { conversationIdentifier: progress.conversationIdentifier });
    assert.equal(done.release, 'released');
    // Genesys goes on reporting the conversation (a reply, the agent's user topic): no call is repeated; the reply
    // is one conversation entry (byoc/later.ts; byoc-conversation.test.ts has the rest).
    sim.control.customerReply(started.id, 'Thanks');
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 2);
    await until(() => prism.requests.length === 6, 'the reply as an entry');
    await idle(connector, started.id);
    assert.deepEqual(calls(prism), [...OPEN, ...PICKED_UP, 'POST /api/v1/interactions']);
    assertAccepted(prism.requests);
    // The later steps, and the entry's own answer (workItemIds too), name the session no second time.
    assertSessionEvent(sessionEvents(outbox), started.id);
    assert.equal(sf.requests.filter((r) => r.type === SESSION_EVENT).length, 1);

    // An unmapped queue: its events reach the org, and the Interaction Service hears nothing.
    const other = newConversation(sim, 'Sales');
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 3);
    assert.equal(await connector.store.byocRecord(other.id), undefined);
    assert.equal(prism.requests.length, 6);
    assert.deepEqual(sessionEvents(outbox, other.id), []);
});

test('a restart on the same store repeats no call and carries on where it stopped', async (t) => {
    const { sim, sf, prism, env, outbox } = await rig(t);
    const first = await startReady(t, sim, sf, { env });
    const started = newConversation(sim);
    await until(() => prism.requests.length === 3, 'the three opening calls');
    const opened = await idle(first.connector, started.id);
    assertSessionEvent(sessionEvents(outbox), started.id);
    await first.connector.close();

    const second = await startReady(t, sim, sf, { env });
    assert.deepEqual((await second.connector.store.byocRecord(started.id))?.progress, opened);
    await pickUp(sim, started.id, ALEX);
    await until(() => prism.requests.length === 5, 'agentWork and the release');
    await idle(second.connector, started.id);
    assert.deepEqual(calls(prism), [...OPEN, ...PICKED_UP]);
    assertAccepted(prism.requests);
    assertSessionEvent(sessionEvents(outbox), started.id);
    await sf.until(() => ofType(sf, 'conversation.connected').length === 1);
    assert.equal(sf.requests.filter((r) => r.type === SESSION_EVENT).length, 1);
});

test('two instances on one store make each call once', async (t) => {
    const { sim, sf, prism, env, outbox } = await rig(t);
    const a = await start(t, sim, sf, { env: { ...env, RELAY_INSTANCE_ID: 'inst-a' } });
    const b = await start(t, sim, sf, { env: { ...env, RELAY_INSTANCE_ID: 'inst-b' } });
    await until(
        () =>
            sim.notifications.channels().filter((c) => c.connected).length === 2 &&
            [a, b].every((x) => x.connector.genesys?.status().lastReconcile != null),
        'both instances listen'
    );
    const conversations = [newConversation(sim), newConversation(sim), newConversation(sim)];
    await until(() => prism.requests.length === 9, 'three conversations opened');
    for (const c of conversations) await idle(a.connector, c.id);
    for (const c of conversations) await idle(b.connector, c.id);
    assert.deepEqual(calls(prism).sort(), [...OPEN, ...OPEN, ...OPEN].sort());
    assertAccepted(prism.requests);
    const identifiers = prism.requests.filter((r) => r.path === '/api/v1/route').map((r) => r.headers.requestid);
    assert.equal(new Set(identifiers).size, 3);
    assert.equal(sessionEvents(outbox).length, 3);
    for (const c of conversations) assertSessionEvent(sessionEvents(outbox, c.id), c.id);
});

test('a retryable failure (503) is retried with backoff, then succeeds; the calls before it are not repeated', async (t) => {
    const { sim, sf, prism, proxy, env } = await rig(t, (call, count) =>
        call === 'POST /api/v1/route' && count <= 2 ? 503 : undefined
    );
    const { connector } = await startReady(t, sim, sf, { env });
    const started = newConversation(sim);
    await until(() => prism.requests.length === 3, 'the opening calls, the route on its third try');
    await idle(connector, started.id);
    assert.deepEqual(calls(prism), OPEN);
    assertAccepted(prism.requests);
    assert.deepEqual(
        proxy.seen.map((s) => `${s.call} ${s.failedWith ?? 'forwarded'}`),
        [
            'POST /api/v1/interactions forwarded',
            'PATCH /api/v1/consent forwarded',
            'POST /api/v1/route 503',
            'POST /api/v1/route 503',
            'POST /api/v1/route forwarded'
        ]
    );
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    assert.match(metrics, /^relay_connector_byoc_calls_total\{step="route",outcome="retry"\} 2$/m);
});

test('an opening answered without workItemIds names no MessagingSession', async (t) => {
    const { sim, sf, prism, env, outbox } = await rig(t, undefined, null);
    const { connector } = await startReady(t, sim, sf, { env });
    const started = newConversation(sim);
    await until(() => prism.requests.length === 3, 'the three opening calls');
    const progress = await idle(connector, started.id);
    assert.deepEqual(calls(prism), OPEN);
    assert.equal(progress.messagingSession, undefined);
    assert.equal(progress.workItemId, WORK_ITEM, "post-route's");
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 1);
    assert.deepEqual(sessionEvents(outbox), []);
    assert.deepEqual(ofType(sf, SESSION_EVENT), []);
});

test('nextStep: the link follows the opening, before the consent, until it is stored', () => {
    const intent = { genesysQueueId: 'q', salesforceQueueId: SF_QUEUE } as ByocIntent;
    const session = { id: SESSION, openedAt: '2026-11-21T12:00:00.000Z' };
    assert.equal(nextStep(intent, {}), 'interaction');
    assert.equal(nextStep(intent, { conversationIdentifier: 'c', messagingSession: session }), 'link');
    assert.equal(
        nextStep(intent, { conversationIdentifier: 'c', messagingSession: { ...session, linked: true } }),
        'consent'
    );
    assert.equal(nextStep(intent, { conversationIdentifier: 'c' }), 'consent', 'no session: no link');
});

/** A Bridge on its own: a SQLite store, an Interaction Service that answers each call, one conversation's intent. */
async function bare(t: TestContext) {
    const dir = mkdtempSync(join(tmpdir(), 'relay-byoc-link-'));
    const file = join(dir, 'outbox.db');
    const store = await openStore({ kind: 'sqlite', location: file });
    t.after(async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
    });
    const clock = new ManualClock();
    const settings: ByocSettings = {
        channelAddress: 'relay-genesys-messaging-address',
        queueMap: new Map([[SF_QUEUE, 'q-support']])
    };
    const message: RelayEvent = {
        eventId: 'e-1',
        type: 'conversation.customerMessage',
        occurredAt: '2026-11-21T11:59:00.000Z',
        conversationId: 'c-1',
        participantId: null,
        userId: null,
        queueId: 'q-support',
        channel: 'whatsapp',
        data: { messageId: 'm-1', text: 'Hi', customerAddress: '+13175550100' }
    };
    await store.observe(
        'c-1',
        () => ({
            view: { conversationId: 'c-1', topicQueueId: 'q-support', participants: [] },
            events: [{ event: message }],
            byoc: byocIntentUpdate(settings, [{ event: message }])
        }),
        clock.now()
    );
    const made: string[] = [];
    const client = {
        call: async (request: InteractionCall): Promise<unknown> => {
            made.push(request.operation);
            if (request.operation === 'post-interaction') {
                return { conversationIdentifier: 'ci-1', workItemIds: [SESSION], success: true };
            }
            if (request.operation === 'post-route') {
                return {
                    success: true,
                    routingCorrelationId: 'rc-1',
                    psrId: '0JR5g000000AbCdEAK',
                    workItemId: WORK_ITEM
                };
            }
            return { success: true };
        }
    } as unknown as InteractionClient;
    const bridge = (on: OutboxStore): Bridge =>
        new Bridge({
            store: on,
            client,
            settings,
            userMap: new Map(),
            clock,
            owner: 'inst-a',
            concurrency: 1,
            leaseMs: 30_000,
            pollMs: 50,
            backoff: { baseMs: 10, maxMs: 100 },
            log: pino({ level: 'silent' })
        });
    /** The store, but `method` never answers when `when` holds (the process died there). */
    const dyingAt = (method: 'append' | 'byocSave', when: (args: unknown[]) => boolean): OutboxStore =>
        new Proxy(store, {
            get(target, prop, receiver) {
                const value = Reflect.get(target, prop, receiver) as unknown;
                if (typeof value !== 'function') return value;
                const bound = (value as (...args: unknown[]) => unknown).bind(target);
                return prop === method
                    ? (...args: unknown[]) => (when(args) ? new Promise(() => undefined) : bound(...args))
                    : bound;
            }
        });
    return { store, file, clock, made, bridge, dyingAt };
}

test('a crash between storing the opening and appending the event: the next claim appends it, once', async (t) => {
    const { store, file, made, bridge, dyingAt, clock } = await bare(t);
    const first = bridge(dyingAt('append', () => true));
    await first.pump();
    await until(
        async () => ((await store.byocRecord('c-1'))?.progress as ByocProgress).messagingSession !== undefined,
        'the opening stored'
    );
    assert.deepEqual(made, ['post-interaction']);
    assert.deepEqual(sessionEvents(file), []);

    // The restart under the same name takes the lease back (service.ts does this at start).
    await store.byocReleaseClaims('inst-a');
    const second = bridge(store);
    await second.pump();
    await second.drain();
    assert.deepEqual(made, ['post-interaction', 'patch-consent-update', 'post-route'], 'no call repeated');
    const progress = (await store.byocRecord('c-1'))?.progress as ByocProgress;
    assert.deepEqual(progress.messagingSession, {
        id: SESSION,
        openedAt: new Date(clock.now()).toISOString(),
        linked: true
    });
    const events = sessionEvents(file);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0], {
        eventId: eventIdFor('c-1', SESSION_EVENT, SESSION),
        type: SESSION_EVENT,
        occurredAt: '2026-11-21T12:00:00.000Z',
        conversationId: 'c-1',
        participantId: null,
        userId: null,
        queueId: 'q-support',
        channel: 'whatsapp',
        data: { messagingSessionId: SESSION }
    });
});

test('a crash between appending the event and storing it linked: the repeated step appends no second event', async (t) => {
    const { store, file, made, bridge, dyingAt } = await bare(t);
    const linked = (args: unknown[]): boolean => (args[2] as ByocProgress).messagingSession?.linked === true;
    const first = bridge(dyingAt('byocSave', linked));
    await first.pump();
    await until(() => sessionEvents(file).length === 1, 'the event appended');
    assert.equal(((await store.byocRecord('c-1'))?.progress as ByocProgress).messagingSession?.linked, undefined);

    await store.byocReleaseClaims('inst-a');
    const second = bridge(store);
    await second.pump();
    await second.drain();
    assert.deepEqual(made, ['post-interaction', 'patch-consent-update', 'post-route']);
    assert.equal(((await store.byocRecord('c-1'))?.progress as ByocProgress).messagingSession?.linked, true);
    assert.equal(sessionEvents(file).length, 1);
    assert.equal(sessionEvents(file)[0]?.data.messagingSessionId, SESSION);
});
