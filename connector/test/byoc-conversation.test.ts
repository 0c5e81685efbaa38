// Bring Your Own Channel, inbound side after the opening (connector/src/byoc/later.ts), end to end like
// byoc-bridge.test.ts: the simulator as Genesys Cloud, the connector, a stand-in org for events, and the official spec
// served by Prism with request validation behind the failing proxy. Later messages and files become conversation
// entries in order (one waiting while the route is refused), each once across a restart; an agent Genesys connects
// after a transfer gets route and agentWork as Transfer, an unmapped one is logged and recorded; the customer leaving
// ends the messaging session.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test, type TestContext } from 'node:test';
import pino from 'pino';
import type { ByocIntent, ByocProgress } from '../src/byoc/bridge';
import type { Connector } from '../src/service';
import { ofType, startReady } from './helpers/connector';
import { startFailingProxy, type FailingProxy } from './helpers/failing-proxy';
import { startPrism, type PrismServer, type RecordedRequest } from './helpers/prism';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { SEED, asAgent, pickUp, startSimulator, type Sim } from './helpers/simulator';

const { alex: ALEX, blake: BLAKE, casey: CASEY } = SEED.users;
const SF_SUPPORT = '00G5g000004XyZaEAK';
const SF_BILLING = '00G5g000004XyZbEAK';
const SF_ALEX = '0055g00000ABcdeAAC';
const SF_BLAKE = '0055g00000ABcdfAAC';
const WORK_ITEM = '0Mw5g000000AbCdCAK';
const ADDRESS = '+13175550100';
const CHANNEL = 'relay-genesys-messaging-address';

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
    const proxy = await startFailingProxy(t, prism.url, fail, (call, status, body) =>
        call === 'POST /api/v1/route' && status >= 200 && status < 300
            ? JSON.stringify({ ...JSON.parse(body), workItemId: WORK_ITEM })
            : body
    );
    const dir = mkdtempSync(join(tmpdir(), 'relay-byoc-conversation-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
        RELAY_STORE: `sqlite:${join(dir, 'outbox.db')}`,
        RELAY_SF_INTERACTION_URL: proxy.url,
        RELAY_SF_CHANNEL_ADDRESS: CHANNEL,
        RELAY_SF_CHANNEL_DEFINITION: 'Relay_Genesys_Messaging',
        RELAY_SF_QUEUE_MAP: `${SF_SUPPORT}=${SEED.queues.support},${SF_BILLING}=${SEED.queues.billing}`,
        RELAY_SF_USER_MAP: `${ALEX}=${SF_ALEX},${BLAKE}=${SF_BLAKE}`,
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
const ENTRY = 'POST /api/v1/interactions';

function newConversation(sim: Sim) {
    sim.control.setPresence(ALEX, 'OnQueue');
    return sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: ADDRESS,
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

interface EntryBody {
    from: string;
    to: string;
    interactions: {
        interactionType: string;
        timestamp: number;
        id?: string;
        attachmentIndex?: number;
        contentLength?: number;
        text?: string;
        payload?: { id: string; abstractMessage: { id: string; staticContent: { text: string } } };
    }[];
}

const entry = (r: RecordedRequest | undefined): EntryBody => r?.body as EntryBody;
const textOf = (r: RecordedRequest | undefined): string | undefined =>
    entry(r).interactions[0]?.payload?.abstractMessage.staticContent.text;

test('later messages and files become entries in order; one that came before the session waited for it', async (t) => {
    let routeOpen = false;
    const { sim, sf, prism, env } = await rig(t, (call) =>
        call === 'POST /api/v1/route' && !routeOpen ? 503 : undefined
    );
    const { connector } = await startReady(t, sim, sf, { env });
    const started = newConversation(sim);
    await until(() => prism.requests.length === 2, 'interactions and consent; the route refused meanwhile');

    // Before the session is open (the route keeps answering 503): a reply and a file wait in the record.
    const reply = sim.control.customerReply(started.id, 'Here is my order number: 1234');
    const file = sim.control.customerReply(started.id, 'The receipt', [
        { name: 'receipt.txt', contentType: 'text/plain', dataBase64: Buffer.from('receipt #1234').toString('base64') }
    ]);
    await until(async () => {
        const record = await connector.store.byocRecord(started.id);
        return ((record?.intent as ByocIntent | undefined)?.messages?.length ?? 0) === 2;
    }, 'both later messages recorded');
    assert.equal(prism.requests.length, 2, 'nothing sent for them before the session is open');
    routeOpen = true;

    await until(() => prism.requests.length === 5, 'the route, then the two entries');
    const opened = await idle(connector, started.id);
    assert.deepEqual(calls(prism), [...OPEN, ENTRY, ENTRY]);
    assertAccepted(prism.requests);
    const [, , , text, attachment] = prism.requests;
    assert.deepEqual(
        { from: entry(text).from, to: entry(text).to },
        { from: ADDRESS, to: CHANNEL },
        'the same from and to as the opening'
    );
    assert.equal(textOf(text), 'Here is my order number: 1234');
    assert.equal(entry(text).interactions[0]?.payload?.id, reply.id, "the entry's id is the Genesys message id");
    const [fileEntry] = entry(attachment).interactions;
    assert.ok(Number.isInteger(fileEntry?.timestamp) && fileEntry!.timestamp > 0, 'the message time, in ms');
    assert.deepEqual(
        { ...fileEntry, timestamp: 0 },
        {
            interactionType: 'AttachmentInteraction',
            timestamp: 0,
            id: file.id,
            attachmentIndex: 0,
            contentLength: Buffer.byteLength('receipt #1234'),
            text: 'The receipt'
        }
    );
    assert.deepEqual(attachment?.parts, [
        { name: 'json', contentType: 'application/json' },
        { name: 'attachments', contentType: 'text/plain' }
    ]);
    assert.deepEqual(opened.entries, { index: 3, part: 0 });

    // After the pick-up: agentWork and the release, then a further reply is one more entry, and nothing repeats.
    await sf.until(() => ofType(sf, 'conversation.alerting').length === 1);
    await pickUp(sim, started.id, ALEX);
    await until(() => prism.requests.length === 7, 'agentWork and the release');
    sim.control.customerReply(started.id, 'Any news?');
    await until(() => prism.requests.length === 8, 'the third entry');
    await idle(connector, started.id);
    assert.equal(textOf(prism.requests[7]), 'Any news?');

    // The customer leaves: the messaging session is ended, by the end user.
    sim.control.customerDisconnect(started.id);
    await until(() => prism.requests.length === 9, 'the session ended');
    const ended = await idle(connector, started.id);
    assert.deepEqual(calls(prism).slice(5), [
        'POST /api/v1/agentWork',
        'DELETE /api/v1/route',
        ENTRY,
        'POST /api/v1/messagingSession'
    ]);
    assert.deepEqual(prism.requests[8]?.body, {
        channelAddressIdentifier: CHANNEL,
        endUserClientId: ADDRESS,
        conversationIdentifier: opened.conversationIdentifier,
        operation: 'End',
        operationBy: 'EndUser'
    });
    assert.equal(ended.ended, 'EndUser');
    assertAccepted(prism.requests);
});

test('entries are sent once across a restart, in order (and the consent status is the configured one)', async (t) => {
    const { sim, sf, prism, env: base } = await rig(t);
    const env = { ...base, RELAY_SF_CONSENT_STATUS: 'ExplicitlyOptedIn' };
    const first = await startReady(t, sim, sf, { env });
    const started = newConversation(sim);
    await until(() => prism.requests.length === 3, 'the opening');
    sim.control.customerReply(started.id, 'one');
    await until(() => prism.requests.length === 4, 'the first entry');
    await idle(first.connector, started.id);
    await first.connector.close();

    // While the connector is down, the customer writes twice: reconciliation finds both, sent after the restart.
    sim.control.customerReply(started.id, 'two');
    sim.control.customerReply(started.id, 'three');
    const second = await startReady(t, sim, sf, { env });
    await until(() => prism.requests.length === 6, 'the two later entries');
    await idle(second.connector, started.id);
    assert.deepEqual(calls(prism), [...OPEN, ENTRY, ENTRY, ENTRY]);
    assert.deepEqual(prism.requests.slice(3).map(textOf), ['one', 'two', 'three']);
    assert.equal((prism.requests[1]?.body as { consentStatus: string }).consentStatus, 'ExplicitlyOptedIn');
    assertAccepted(prism.requests);
});

test('the next agent after a Genesys transfer gets route and agentWork as Transfer; an unmapped one is logged and recorded', async (t) => {
    const { sim, sf, prism, env } = await rig(t);
    const lines: string[] = [];
    const log = pino(
        { level: 'info' },
        new Writable({
            write(chunk: Buffer, _encoding, done) {
                lines.push(chunk.toString());
                done();
            }
        })
    );
    const { connector } = await startReady(t, sim, sf, { env, log });
    const started = newConversation(sim);
    await until(() => prism.requests.length === 3, 'the opening');
    await sf.until(() => ofType(sf, 'conversation.alerting').length === 1);
    await pickUp(sim, started.id, ALEX);
    await until(() => prism.requests.length === 5, 'agentWork and the release');
    const opened = await idle(connector, started.id);

    // Alex transfers to Billing in Genesys (as the outbound side does for an externallyRouted transfer); Blake takes it.
    sim.control.setPresence(BLAKE, 'OnQueue');
    const transfer = async (from: string, queueId: string): Promise<void> => {
        const leg = sim.control
            .conversation(started.id)
            .participants.filter((p) => p.purpose === 'agent' && p.userId === from)
            .at(-1)!;
        const path = `/api/v2/conversations/messages/${started.id}/participants/${leg.id}/replace`;
        const answer = await asAgent(sim, from, 'POST', path, { queueId });
        assert.equal(answer.status, 202, JSON.stringify(answer.body));
    };
    sim.control.setPresence(ALEX, 'Available');
    await transfer(ALEX, SEED.queues.billing);
    await until(
        () =>
            sim.control.conversation(started.id).participants.some((p) => p.userId === BLAKE && p.state === 'alerting'),
        'Blake offered'
    );
    await pickUp(sim, started.id, BLAKE);
    await until(() => prism.requests.length === 8, 'route, agentWork and release for Blake');
    await idle(connector, started.id);
    assert.deepEqual(calls(prism).slice(5), ['POST /api/v1/route', 'POST /api/v1/agentWork', 'DELETE /api/v1/route']);
    assert.deepEqual(prism.requests[5]?.body, {
        conversationIdentifier: opened.conversationIdentifier,
        routingType: 'Transfer',
        routingInfo: { queueId: SF_BILLING }
    });
    const blake = ((await connector.store.byocRecord(started.id))?.progress as ByocProgress).agents?.[0];
    assert.equal(blake?.release, 'released');
    assert.deepEqual(prism.requests[6]?.body, {
        userId: SF_BLAKE,
        workItemId: WORK_ITEM.slice(0, 15),
        routingContext: {
            conversationIdentifier: opened.conversationIdentifier,
            routingType: 'Transfer',
            routingCorrelationId: blake?.route?.routingCorrelationId
        }
    });

    // Blake transfers back to Support, where Casey (no RELAY_SF_USER_MAP entry) takes it: no call, logged, recorded.
    sim.control.setPresence(BLAKE, 'Available');
    sim.control.setPresence(CASEY, 'OnQueue');
    await transfer(BLAKE, SEED.queues.support);
    await until(
        () =>
            sim.control.conversation(started.id).participants.some((p) => p.userId === CASEY && p.state === 'alerting'),
        'Casey offered'
    );
    await pickUp(sim, started.id, CASEY);
    await until(async () => {
        const progress = (await connector.store.byocRecord(started.id))?.progress as ByocProgress | undefined;
        return progress?.agents?.[1]?.skipped !== undefined;
    }, "Casey's skip recorded");
    const done = await idle(connector, started.id);
    assert.equal(done.agents?.[1]?.skipped, `no RELAY_SF_USER_MAP entry for the Genesys user ${CASEY}`);
    assert.equal(prism.requests.length, 8, 'no call for an agent without a mapping');
    assert.ok(
        lines.some((l) => l.includes('byoc agent after a transfer gets no AgentWork') && l.includes(CASEY)),
        'logged'
    );
    assertAccepted(prism.requests);
});
