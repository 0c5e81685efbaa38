// End to end, in one process: the simulator as Genesys Cloud (OAuth, notification channels over WebSocket, REST),
// the connector, and a stand-in org. A customer's message and a disconnect reach the org as Relay events; a dropped
// socket, a silent one, a channel's expiry or maintenance, and a 429 storm lose nothing; the topic limit splits
// the subscriptions over several channels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../src/clock';
import { eventIdFor } from '../src/events';
import { CHANNEL_LIFETIME_MS } from '../src/genesys/channels';
import type { ReconcileResult } from '../src/genesys/reconcile';
import { eventually, genesysOf, next, ofType, startReady } from './helpers/connector';
import { startFakeSalesforce } from './helpers/salesforce';
import { SEED, pickUp, startSimulator, type SimRequest } from './helpers/simulator';

const ALEX = SEED.users.alex;
const SUPPORT = SEED.queues.support;

test("a customer's message reaches Salesforce as a customerMessage event with its text and files", async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf);

    const started = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: '+13175550123',
        queue: 'Sales',
        text: 'Where is my parcel?'
    });
    const reply = sim.control.customerReply(started.id, 'Here is the label', [
        { name: 'label.png', contentType: 'image/png', dataBase64: Buffer.from('png bytes').toString('base64') }
    ]);
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 2);

    const [first, second] = ofType(sf, 'conversation.customerMessage');
    const firstId = started.transcript[0]?.id ?? '';
    assert.equal(first?.eventId, eventIdFor(started.id, 'conversation.customerMessage', firstId));
    assert.equal(first?.conversationId, started.id);
    assert.equal(first?.body.channel, 'whatsapp');
    assert.equal(first?.body.queueId, SEED.queues.sales);
    assert.equal(first?.body.userId, null, 'no agent has it yet');
    assert.deepEqual(first?.body.data, {
        messageId: firstId,
        text: 'Where is my parcel?',
        customerName: 'Sam Lee',
        customerAddress: '+13175550123'
    });
    const data = second?.body.data as { messageId: string; text: string; attachments: Record<string, unknown>[] };
    assert.equal(data.messageId, reply.id);
    assert.equal(data.text, 'Here is the label');
    assert.equal(data.attachments.length, 1);
    assert.equal(data.attachments[0]?.name, 'label.png');
    assert.equal(data.attachments[0]?.contentType, 'image/png');
    assert.equal(data.attachments[0]?.sizeBytes, 9);
    assert.match(String(data.attachments[0]?.url), /^http:\/\/127\.0\.0\.1:\d+\/media\//);
    assert.equal(sf.accepted.length, 2, 'nothing else happened');
});

test('an agent picks up, the customer leaves: offered, connected, disconnected by the customer, wrap-up due', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const { connector } = await startReady(t, sim, sf);

    sim.control.setPresence(ALEX, 'OnQueue');
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support',
        text: 'Hi'
    });
    await sf.until(() => ofType(sf, 'conversation.alerting').length === 1);
    await pickUp(sim, started.id, ALEX);
    await sf.until(() => ofType(sf, 'conversation.connected').length === 1);
    sim.control.customerDisconnect(started.id);
    await sf.until(() => ofType(sf, 'conversation.wrapUpRequired').length === 1);

    assert.deepEqual(
        sf.accepted.map((r) => r.type),
        [
            'conversation.customerMessage',
            'conversation.alerting',
            'conversation.connected',
            'conversation.disconnected',
            'conversation.wrapUpRequired'
        ]
    );
    const agentLeg = sim.control.conversation(started.id).participants.find((p) => p.purpose === 'agent');
    const disconnected = ofType(sf, 'conversation.disconnected')[0];
    assert.equal(disconnected?.body.userId, ALEX);
    assert.equal(disconnected?.body.participantId, agentLeg?.id);
    assert.deepEqual(disconnected?.body.data, { disconnectedBy: 'customer' });
    assert.equal(disconnected?.eventId, eventIdFor(started.id, 'conversation.disconnected', agentLeg?.id ?? ''));
    assert.deepEqual(ofType(sf, 'conversation.wrapUpRequired')[0]?.body.data, {
        wrapUpPrompt: 'timeout',
        wrapUpTimeoutMs: 120_000
    });
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    assert.match(
        metrics,
        /^relay_connector_notifications_total\{topic="user"\} [1-9]/m,
        "Alex's topic too: one event each"
    );
});

test('a dropped WebSocket loses nothing: the connector reconnects and reads back what it missed', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const { connector } = await startReady(t, sim, sf);
    const started = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia@example.com',
        queue: 'Support',
        text: 'Hello'
    });
    await sf.until(() => sf.accepted.length === 1);
    const sent: string[] = [];
    sim.notifications.onNotification((n) => sent.push(n.conversationId));

    const reconciled = next<ReconcileResult>(genesysOf(connector), 'reconciled', (r) => r.reason.endsWith('closed'));
    assert.equal(sim.notifications.drop(), 1);
    const missed = sim.control.customerReply(started.id, 'Are you there?');
    const result = await reconciled;
    await sf.until(() => sf.accepted.length === 2);

    assert.deepEqual(sent, [], 'the missed message never went out on a socket');
    assert.ok(result.events >= 1, 'reconciliation found the missed message');
    const event = sf.accepted[1];
    assert.equal(event?.eventId, eventIdFor(started.id, 'conversation.customerMessage', missed.id));
    assert.equal((event?.body.data as { text: string }).text, 'Are you there?');
    const health = (await (await fetch(`${connector.url}/healthz`)).json()) as {
        genesys: { channels: { connected: boolean }[] };
    };
    assert.deepEqual(
        health.genesys.channels.map((c) => c.connected),
        [true]
    );
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    assert.match(metrics, /^relay_connector_genesys_channel_replacements_total\{reason="closed"\} 1$/m);
});

test('a silent socket (no heartbeat) is dropped and replaced; what was missed is read back', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const clock = new ManualClock(sim.clock.now());
    const { connector, config } = await startReady(t, sim, sf, { clock });
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Emma Wilson',
        customerAddress: '+13175550199',
        queue: 'Billing',
        text: 'First'
    });
    await sf.until(() => sf.accepted.length === 1);

    assert.equal(sim.notifications.silence(), 1);
    const missed = sim.control.customerReply(started.id, 'Second');
    const ended = next<{ reason: string }>(genesysOf(connector), 'ended');
    const reconnected = next<ReconcileResult>(genesysOf(connector), 'reconciled');
    clock.advance(config.genesys.heartbeatTimeoutMs - 1);
    clock.advance(1);
    assert.equal((await ended).reason, 'heartbeat-missed');
    assert.match((await reconnected).reason, /heartbeat-missed$/);
    await sf.until(() => sf.accepted.length === 2);
    assert.deepEqual(sf.accepted[1]?.body.data, {
        messageId: missed.id,
        text: 'Second',
        customerName: 'Emma Wilson',
        customerAddress: '+13175550199'
    });
    await eventually(() => sim.notifications.channels().filter((c) => c.connected).length === 1, 'one socket left');
});

test('a channel that expires after 24 h is replaced, with a new token, and nothing said meanwhile is lost', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const { connector } = await startReady(t, sim, sf);
    const started = sim.control.startConversation({
        channel: 'facebook',
        customerName: 'Chloe Martin',
        customerAddress: 'chloe.martin',
        queue: 'Support',
        text: 'Day one'
    });
    await sf.until(() => sf.accepted.length === 1);
    const [before] = sim.notifications.channels();

    const reconciled = next<ReconcileResult>(genesysOf(connector), 'reconciled');
    sim.clock.advance?.(CHANNEL_LIFETIME_MS);
    assert.deepEqual(sim.notifications.channels(), [], 'expired: gone');
    const missed = sim.control.customerReply(started.id, 'Day two');
    await reconciled;
    await sf.until(() => sf.accepted.length === 2);

    assert.equal((sf.accepted[1]?.body.data as { messageId: string; text: string }).text, 'Day two');
    assert.equal((sf.accepted[1]?.body.data as { messageId: string }).messageId, missed.id);
    const [after] = sim.notifications.channels();
    assert.notEqual(after?.id, before?.id);
    assert.equal(after?.connected, true);
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    assert.match(metrics, /^relay_connector_genesys_token_requests_total 2$/m, 'the old token expired with the day');
    assert.match(
        metrics,
        /^relay_connector_genesys_requests_total\{operation="postNotificationsChannels",status="401"\} 1$/m
    );
});

test('maintenance: on v2.system.socket_closing the new channel is up before the old socket goes', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const { connector } = await startReady(t, sim, sf);
    const [old] = sim.notifications.channels();
    const replaced = next<{ reason: string }>(genesysOf(connector), 'connected');
    assert.equal(sim.notifications.closeForMaintenance(), 1);
    // Said during the minute of notice: the old socket still delivers it.
    const started = sim.control.startConversation({
        channel: 'instagram',
        customerName: 'Farah Khan',
        customerAddress: 'farah.khan',
        queue: 'Billing',
        text: 'During maintenance'
    });
    assert.equal((await replaced).reason, 'socket-closing');
    await sf.until(() => sf.accepted.length === 1);
    assert.equal(sf.accepted[0]?.conversationId, started.id);
    // The connector closes the old socket itself once the new one is subscribed (the service would a minute later).
    await eventually(() => sim.notifications.channels().filter((c) => c.connected).length === 1, 'old socket closed');
    assert.deepEqual(
        sim.notifications.channels().map((c) => [c.id === old?.id, c.connected]),
        [
            [true, false],
            [false, true]
        ]
    );
});

test('renewal before expiry: a new channel, then the old one closed, without a gap', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const clock = new ManualClock(sim.clock.now());
    const { connector } = await startReady(t, sim, sf, {
        clock,
        edit: (config) => (config.genesys.renewBeforeMs = CHANNEL_LIFETIME_MS - 10_000)
    });
    const renewed = next<{ reason: string }>(genesysOf(connector), 'connected');
    sim.clock.advance?.(10_000);
    clock.advance(10_000);
    assert.equal((await renewed).reason, 'renew');
    await eventually(() => sim.notifications.channels().filter((c) => c.connected).length === 1, 'old socket closed');
    assert.deepEqual(
        sim.notifications.channels().map((c) => c.connected),
        [false, true]
    );
    sim.control.startConversation({
        channel: 'sms',
        customerName: 'A',
        customerAddress: '+1555',
        queue: 'Sales',
        text: 'x'
    });
    await sf.until(() => sf.accepted.length === 1);
});

test('a 429 storm is ridden out: every call waits its Retry-After, and nothing is lost', async (t) => {
    const requests: (SimRequest & { at: number })[] = [];
    const clock = new ManualClock(Date.parse('2026-11-21T12:00:00.000Z'));
    const sim = await startSimulator(t, { log: (entry) => requests.push({ ...entry, at: clock.now() }) });
    const sf = await startFakeSalesforce(t);
    const { connector } = await startReady(t, sim, sf, {
        clock,
        // The simulator's clock stands still (no heartbeats) while this one moves by the waits: no heartbeat watch.
        env: { RELAY_GENESYS_HEARTBEAT_TIMEOUT_MS: '600000' },
        tuning: { contentDeadlineMs: 10 * 60_000 }
    });
    const genesys = genesysOf(connector);
    // The clock moves only when the connector says it waits for a Retry-After, and by exactly that.
    let waited = 0;
    genesys.on('rate-limited', ({ waitMs }: { waitMs: number }) => {
        waited += waitMs;
        setImmediate(() => clock.advance(waitMs));
    });
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Diego Alvarez',
        customerAddress: '+13175550111',
        queue: 'Support',
        text: 'one'
    });
    await sf.until(() => sf.accepted.length === 1);

    const storm = 15;
    sim.control.injectFault({ operation: '*', status: 429, retryAfterSeconds: 3, count: storm });
    const firstStormRequest = requests.length;
    assert.equal(sim.notifications.drop(), 1);
    sim.control.customerReply(started.id, 'two');
    sim.control.customerReply(started.id, 'three');
    await sf.until(() => sf.accepted.length === 3);

    assert.deepEqual(
        sf.accepted.map((r) => (r.body.data as { text: string }).text),
        ['one', 'two', 'three']
    );
    const during = requests.slice(firstStormRequest);
    assert.equal(during.filter((r) => r.status === 429).length, storm, 'the whole storm was met');
    assert.ok(waited >= 3000, 'the connector waited');
    // No request was answered at a time when a 429 told it to wait: after a 429 at t, the next instant any request is
    // answered at is t + 3 s or later (requests already in flight at t may still be answered at t).
    const instants = [...new Set(during.map((r) => r.at))].sort((a, b) => a - b);
    for (const [i, at] of instants.entries()) {
        if (!during.some((r) => r.at === at && r.status === 429)) continue;
        const later = instants[i + 1];
        if (later !== undefined) assert.ok(later - at >= 3000, `a request ${later - at} ms after a 429`);
    }
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    const limited = [...metrics.matchAll(/^relay_connector_genesys_rate_limited_total\{[^}]*\} (\d+)$/gm)].reduce(
        (sum, m) => sum + Number(m[1]),
        0
    );
    assert.equal(limited, storm);
});

test('more topics than a channel takes: as many channels as the limit requires, each delivering', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    // 1,000 other queues first, so Support's topic falls in the second channel (Genesys's limit: 1,000 per channel).
    const others = Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const { connector } = await startReady(t, sim, sf, {
        env: { RELAY_GENESYS_QUEUE_IDS: [...others, SUPPORT].join(','), RELAY_GENESYS_USER_IDS: '' },
        tuning: { reconcileConcurrency: 4 }
    });
    assert.deepEqual(
        sim.notifications
            .channels()
            .map((c) => c.topics.length)
            .sort((a, b) => a - b),
        [1, 1000]
    );
    assert.equal(connector.genesys?.status().topics, 1001);
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Ben Carter',
        customerAddress: '+13175550142',
        queue: 'Support',
        text: 'Through the second channel'
    });
    await sf.until(() => sf.accepted.length === 1);
    assert.equal(sf.accepted[0]?.conversationId, started.id);
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    assert.match(metrics, /^relay_connector_genesys_topics 1001$/m);
    assert.match(metrics, /^relay_connector_genesys_channels\{state="connected"\} 2$/m);
});
