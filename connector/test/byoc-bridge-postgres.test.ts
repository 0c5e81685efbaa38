// Bring Your Own Channel, inbound side, on PostgreSQL: two connectors (in this process, each with its own channels)
// share one throwaway cluster (helpers/postgres.ts), so the relay_byoc statements of src/store/postgres.ts (the
// intent written with the conversation, the claim's FOR UPDATE SKIP LOCKED, progress only by the lease holder) are
// what keeps each Interaction Service call to one. The rest as in byoc-bridge.test.ts: the simulator as Genesys, the
// stand-in org for events, Prism with validation behind the proxy that gives post-route a real-looking workItemId.
// Later messages (byoc/later.ts) too: each conversation entry once and in order, whichever instance sends it. And the
// MessagingSession each opening answered: one conversation.messagingSession event per conversation in the outbox.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { Client } from 'pg';
import type { ByocProgress } from '../src/byoc/bridge';
import { eventIdFor, type RelayEvent } from '../src/events';
import type { Connector } from '../src/service';
import { ofType, start, type Started } from './helpers/connector';
import { startFailingProxy } from './helpers/failing-proxy';
import { startPostgres } from './helpers/postgres';
import { startPrism, type PrismServer, type RecordedRequest } from './helpers/prism';
import { startFakeSalesforce } from './helpers/salesforce';
import { SEED, pickUp, startSimulator, type Sim } from './helpers/simulator';

const ALEX = SEED.users.alex;
const SF_QUEUE = '00G5g000004XyZaEAK'; // mapped to Genesys's Support queue
const SF_ALEX = '0055g00000ABcdeAAC';
const WORK_ITEM = '0Mw5g000000AbCdCAK';
const OPEN = ['POST /api/v1/interactions', 'PATCH /api/v1/consent', 'POST /api/v1/route'];
const PICKED_UP = ['POST /api/v1/agentWork', 'DELETE /api/v1/route'];
const SESSION_EVENT = 'conversation.messagingSession';

/** The conversation.messagingSession events in the outbox (read from the database itself), in order. */
async function sessionEvents(url: string): Promise<RelayEvent[]> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
        const { rows } = await client.query<{ payload: string }>(
            'SELECT payload FROM relay_outbox WHERE type = $1 ORDER BY seq',
            [SESSION_EVENT]
        );
        return rows.map((r) => JSON.parse(r.payload) as RelayEvent);
    } finally {
        await client.end();
    }
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

function newConversation(sim: Sim) {
    sim.control.setPresence(ALEX, 'OnQueue');
    return sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support',
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

test('two instances on one PostgreSQL store make each call once', { timeout: 90_000 }, async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const prism = await startPrism(t);
    // Prism answers the schema's placeholder "string" for ids: each conversation gets its own conversationIdentifier
    // (to tell the conversations' calls apart) and MessagingSession (workItemIds), and post-route a 15-character-rule
    // workItemId.
    const identifiers: string[] = [];
    const sessions = new Map<string, string>(); // conversationIdentifier → the MessagingSession answered with it
    const proxy = await startFailingProxy(
        t,
        prism.url,
        () => undefined,
        (call, status, body) => {
            if (status < 200 || status >= 300) return body;
            if (call === 'POST /api/v1/interactions') {
                identifiers.push(randomUUID());
                const session = `0Mw5g00000${String(identifiers.length).padStart(5, '0')}AAA`;
                sessions.set(identifiers.at(-1)!, session);
                return JSON.stringify({
                    ...JSON.parse(body),
                    conversationIdentifier: identifiers.at(-1),
                    workItemIds: [session]
                });
            }
            if (call === 'POST /api/v1/route') return JSON.stringify({ ...JSON.parse(body), workItemId: WORK_ITEM });
            return body;
        }
    );
    // The cluster stops after both connectors closed (t.after runs its hooks in the order they were added).
    const instances: Started[] = [];
    const stops: (() => unknown)[] = [];
    t.after(async () => {
        for (const x of instances) await x.connector.close();
        for (const stop of stops) await stop();
    });
    const pg = await startPostgres({ after: (stop) => stops.push(stop) });
    const env = {
        RELAY_STORE: pg.url,
        RELAY_SF_INTERACTION_URL: proxy.url,
        RELAY_SF_CHANNEL_ADDRESS: 'relay-genesys-messaging-address',
        RELAY_SF_CHANNEL_DEFINITION: 'Relay_Genesys_Messaging',
        RELAY_SF_QUEUE_MAP: `${SF_QUEUE}=${SEED.queues.support}`,
        RELAY_SF_USER_MAP: `${ALEX}=${SF_ALEX}`,
        RELAY_RETRY_BASE_MS: '20',
        RELAY_RETRY_MAX_MS: '100',
        RELAY_POLL_MS: '50'
    };
    instances.push(await start(t, sim, sf, { env: { ...env, RELAY_INSTANCE_ID: 'inst-a' } }));
    instances.push(await start(t, sim, sf, { env: { ...env, RELAY_INSTANCE_ID: 'inst-b' } }));
    const [a, b] = instances as [Started, Started];
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
    // Each conversation its own interaction and route; at every point no more consents than interactions and no
    // more routes than consents (each step only after the one before).
    const routed = prism.requests
        .filter((r) => r.path === '/api/v1/route')
        .map((r) => (r.body as { conversationIdentifier: string }).conversationIdentifier);
    assert.deepEqual([...routed].sort(), [...identifiers].sort());
    assert.equal(new Set(identifiers).size, 3);
    const seen = new Map<string, number>();
    for (const call of calls(prism)) {
        seen.set(call, (seen.get(call) ?? 0) + 1);
        const [interactions, consents, routes] = OPEN.map((c) => seen.get(c) ?? 0) as [number, number, number];
        assert.ok(interactions >= consents && consents >= routes, `out of order: ${calls(prism).join(', ')}`);
    }
    const requestIds = prism.requests.map((r) => r.headers.requestid);
    assert.equal(new Set(requestIds).size, requestIds.length, 'no request repeated');
    // Each conversation's MessagingSession, named once (whichever instance opened it), as post-interaction answered.
    const named = await sessionEvents(pg.url);
    assert.equal(named.length, 3, JSON.stringify(named));
    for (const c of conversations) {
        const progress = (await a.connector.store.byocRecord(c.id))?.progress as ByocProgress;
        const session = sessions.get(progress.conversationIdentifier!);
        assert.ok(session !== undefined);
        assert.deepEqual(progress.messagingSession?.id, session);
        const mine = named.filter((e) => e.conversationId === c.id);
        assert.equal(mine.length, 1);
        assert.deepEqual(
            { ...mine[0], occurredAt: undefined },
            {
                eventId: eventIdFor(c.id, SESSION_EVENT, session),
                type: SESSION_EVENT,
                occurredAt: undefined,
                conversationId: c.id,
                participantId: null,
                userId: null,
                queueId: SEED.queues.support,
                channel: 'sms',
                data: { messagingSessionId: session }
            }
        );
    }
    // The agent picks up the conversation offered to them: agentWork (then the release) once, by one instance.
    await sf.until(() => ofType(sf, 'conversation.alerting').length >= 1);
    const offered = conversations.find((c) =>
        sim.control
            .conversation(c.id)
            .participants.some((p) => p.purpose === 'agent' && p.userId === ALEX && p.state === 'alerting')
    );
    assert.ok(offered !== undefined, 'a conversation is offered to the agent');
    await pickUp(sim, offered.id, ALEX);
    await until(() => prism.requests.length === 11, 'agentWork and the release');
    const done = await idle(a.connector, offered.id);
    await idle(b.connector, offered.id);
    assert.equal(done.release, 'released');
    assert.deepEqual(calls(prism).sort(), [...OPEN, ...OPEN, ...OPEN, ...PICKED_UP].sort());
    assertAccepted(prism.requests);
    const agentWork = prism.requests.filter((r) => r.path === '/api/v1/agentWork');
    assert.equal(agentWork.length, 1);
    assert.deepEqual(agentWork[0]?.body, {
        userId: SF_ALEX,
        workItemId: WORK_ITEM.slice(0, 15),
        routingContext: {
            conversationIdentifier: done.conversationIdentifier,
            routingType: 'Initial',
            routingCorrelationId: done.route?.routingCorrelationId
        }
    });
    // Both instances still hear Genesys (the agent's user topic, the others' changes): nothing is called again.
    for (const c of conversations) await idle(a.connector, c.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(prism.requests.length, 11);

    // Later messages, with two instances: each an entry once, in order within its conversation; the end once.
    for (const c of conversations) {
        sim.control.customerReply(c.id, `${c.id} one`);
        sim.control.customerReply(c.id, `${c.id} two`);
    }
    await until(() => prism.requests.length === 17, 'six entries');
    sim.control.customerDisconnect(offered.id);
    await until(() => prism.requests.length === 18, 'the session ended');
    for (const c of conversations) {
        await idle(a.connector, c.id);
        await idle(b.connector, c.id);
    }
    const text = (r: RecordedRequest): string =>
        (r.body as { interactions: { payload: { abstractMessage: { staticContent: { text: string } } } }[] })
            .interactions[0]!.payload.abstractMessage.staticContent.text;
    const entries = prism.requests.slice(11, 17);
    assert.ok(entries.every((r) => r.path === '/api/v1/interactions'));
    for (const c of conversations) {
        const texts = entries.map(text).filter((x) => x.startsWith(c.id));
        assert.deepEqual(texts, [`${c.id} one`, `${c.id} two`]);
    }
    assert.deepEqual(calls(prism).slice(17), ['POST /api/v1/messagingSession']);
    assertAccepted(prism.requests);
    // The entries' own answers (workItemIds too) and the end named no session again.
    assert.equal((await sessionEvents(pg.url)).length, 3);
    await sf.until(() => ofType(sf, SESSION_EVENT).length === 3);
    assert.equal(sf.requests.filter((r) => r.type === SESSION_EVENT).length, 3);
});
