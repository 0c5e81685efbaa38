// Bring Your Own Channel, inbound side: the bridge (connector/src/byoc/bridge.ts) makes the Interaction Service calls
// for Genesys conversations on mapped queues, end to end: the simulator as Genesys Cloud, the connector, a stand-in
// org for events, and the official spec served by Prism with request validation (helpers/prism.ts) behind a small
// proxy (helpers/failing-proxy.ts) that can answer 503 and gives post-route's answer a real-looking workItemId.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { ByocProgress } from '../src/byoc/bridge';
import type { Connector } from '../src/service';
import { ofType, start, startReady } from './helpers/connector';
import { startFailingProxy, type FailingProxy } from './helpers/failing-proxy';
import { startPrism, type PrismServer, type RecordedRequest } from './helpers/prism';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { SEED, pickUp, startSimulator, type Sim } from './helpers/simulator';

const ALEX = SEED.users.alex;
const SF_QUEUE = '00G5g000004XyZaEAK'; // mapped to Genesys's Support queue
const SF_ALEX = '0055g00000ABcdeAAC';
const WORK_ITEM = '0Mw5g000000AbCdCAK';

interface Rig {
    sim: Sim;
    sf: FakeSalesforce;
    prism: PrismServer;
    proxy: FailingProxy;
    env: Record<string, string>;
}

async function rig(t: TestContext, fail: (call: string, count: number) => number | undefined = () => undefined) {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const prism = await startPrism(t);
    // Prism answers the schema's placeholder "string" for ids; the spec's workItemId must have 15 characters.
    const proxy = await startFailingProxy(t, prism.url, fail, (call, status, body) =>
        call === 'POST /api/v1/route' && status >= 200 && status < 300
            ? JSON.stringify({ ...JSON.parse(body), workItemId: WORK_ITEM })
            : body
    );
    const dir = mkdtempSync(join(tmpdir(), 'relay-byoc-bridge-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
        RELAY_STORE: `sqlite:${join(dir, 'outbox.db')}`,
        RELAY_SF_INTERACTION_URL: proxy.url,
        RELAY_SF_CHANNEL_ADDRESS: 'relay-genesys-messaging-address',
        RELAY_SF_CHANNEL_DEFINITION: 'Relay_Genesys_Messaging',
        RELAY_SF_QUEUE_MAP: `${SF_QUEUE}=${SEED.queues.support}`,
        RELAY_SF_USER_MAP: `${ALEX}=${SF_ALEX}`,
        RELAY_RETRY_BASE_MS: '20',
        RELAY_RETRY_MAX_MS: '100',
        RELAY_POLL_MS: '50'
    };
    return { sim, sf, prism, proxy, env } satisfies Rig;
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
    const { sim, sf, prism, env } = await rig(t);
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

    // An unmapped queue: its events reach the org, and the Interaction Service hears nothing.
    const other = newConversation(sim, 'Sales');
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 3);
    assert.equal(await connector.store.byocRecord(other.id), undefined);
    assert.equal(prism.requests.length, 6);
});

test('a restart on the same store repeats no call and carries on where it stopped', async (t) => {
    const { sim, sf, prism, env } = await rig(t);
    const first = await startReady(t, sim, sf, { env });
    const started = newConversation(sim);
    await until(() => prism.requests.length === 3, 'the three opening calls');
    const opened = await idle(first.connector, started.id);
    await first.connector.close();

    const second = await startReady(t, sim, sf, { env });
    assert.deepEqual((await second.connector.store.byocRecord(started.id))?.progress, opened);
    await pickUp(sim, started.id, ALEX);
    await until(() => prism.requests.length === 5, 'agentWork and the release');
    await idle(second.connector, started.id);
    assert.deepEqual(calls(prism), [...OPEN, ...PICKED_UP]);
    assertAccepted(prism.requests);
});

test('two instances on one store make each call once', async (t) => {
    const { sim, sf, prism, env } = await rig(t);
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
