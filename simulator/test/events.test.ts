// Events reach Relay's endpoint signed (checked here with node:crypto directly, independently of
// signing.ts) and reach /__sim/events subscribers.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { ALEX, SEED_IDS, agentParticipant, goOnQueue, sdkForDefaultAgent, startSimulator } from './helpers';

const SECRET = 'test-webhook-secret';

async function startReceiver(t: TestContext) {
    const received: { headers: IncomingHttpHeaders; raw: string }[] = [];
    const server = createServer((req, res) => {
        let raw = '';
        req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        req.on('end', () => {
            received.push({ headers: req.headers, raw });
            res.writeHead(204).end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/relay/events`, received };
}

test('conversation events are POSTed to the webhook in order, signed with HMAC-SHA256 over timestamp.body', async (t) => {
    const receiver = await startReceiver(t);
    const { sim, clock } = await startSimulator(t, { webhook: { url: receiver.url, secret: SECRET } });
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'email',
        customerName: 'Priya Patel',
        customerAddress: 'priya.patel@example.com',
        queue: 'Support',
        text: 'Reset link expired'
    });
    const offered = await agentParticipant(sdk, started.id, ALEX);
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    await sim.control.flushWebhooks();

    const events = receiver.received.map((r) => JSON.parse(r.raw) as Record<string, unknown>);
    assert.deepEqual(
        events.map((e) => e.type),
        ['conversation.customerMessage', 'conversation.alerting', 'conversation.connected'],
        'only the types of docs/events.md, in the order they happened'
    );
    const connected = events[2];
    assert.deepEqual(Object.keys(connected).sort(), [
        'channel',
        'conversationId',
        'data',
        'eventId',
        'occurredAt',
        'participantId',
        'queueId',
        'type',
        'userId'
    ]);
    assert.equal(connected.conversationId, started.id);
    assert.equal(connected.participantId, offered.id);
    assert.equal(connected.userId, ALEX);
    assert.equal(connected.channel, 'email');
    assert.equal(events[0].userId, null, 'no agent had the conversation when the customer wrote');
    assert.equal((events[0].data as Record<string, unknown>).text, 'Reset link expired');
    assert.equal((events[1].data as Record<string, unknown>).alertingTimeoutMs, 30_000);

    for (const { headers, raw } of receiver.received) {
        const timestamp = String(headers['x-relay-timestamp']);
        assert.equal(timestamp, String(Math.floor(clock.now() / 1000)), 'the timestamp is unix seconds');
        const expected = createHmac('sha256', SECRET).update(`${timestamp}.${raw}`).digest('hex');
        assert.equal(headers['x-relay-signature'], `sha256=${expected}`);
        assert.equal(headers['content-type'], 'application/json');
    }
    assert.ok(sim.control.webhookDeliveries().every((d) => d.status === 204));

    clock.advance(10 * 60 * 1000);
    sim.control.redeliverEvent(String(connected.eventId));
    await sim.control.flushWebhooks();
    const again = receiver.received[3];
    assert.equal(again.raw, receiver.received[2].raw, 'a redelivery carries the same event and eventId');
    const timestamp = String(again.headers['x-relay-timestamp']);
    assert.equal(Number(timestamp), Math.floor(clock.now() / 1000), 'and is signed anew');
    const expected = createHmac('sha256', SECRET).update(`${timestamp}.${again.raw}`).digest('hex');
    assert.equal(again.headers['x-relay-signature'], `sha256=${expected}`);
});

test('a customer who leaves, a missed offer and a timed-out wrap-up reach the webhook in the documented shapes', async (t) => {
    const receiver = await startReceiver(t);
    const { sim, clock } = await startSimulator(t, { webhook: { url: receiver.url, secret: SECRET } });
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const missed = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support'
    });
    clock.advance(30_000);
    await sdk.users.putUserRoutingstatus(ALEX, { status: 'IDLE' });
    const offered = await agentParticipant(sdk, missed.id, ALEX);
    await sdk.conversations.patchConversationsMessageParticipant(missed.id, offered.id, {
        body: { state: 'connected' }
    });
    sim.control.customerDisconnect(missed.id);
    clock.advance(120_000);
    await sim.control.flushWebhooks();

    const events = receiver.received.map((r) => JSON.parse(r.raw) as { type: string; userId: string; data: object });
    assert.deepEqual(
        events.map((e) => [e.type, e.userId, e.data]),
        [
            [
                'conversation.alerting',
                ALEX,
                {
                    alertingTimeoutMs: 30_000,
                    customerName: 'Jane Doe',
                    customerAddress: '+13175550100',
                    transferred: false
                }
            ],
            ['conversation.disconnected', ALEX, { disconnectedBy: 'system', reason: 'timeout' }],
            [
                'conversation.alerting',
                ALEX,
                {
                    alertingTimeoutMs: 30_000,
                    customerName: 'Jane Doe',
                    customerAddress: '+13175550100',
                    transferred: false
                }
            ],
            ['conversation.connected', ALEX, { direction: 'inbound' }],
            ['conversation.disconnected', ALEX, { disconnectedBy: 'customer', disconnectType: 'endpoint' }],
            [
                'conversation.wrapUpRequired',
                ALEX,
                {
                    wrapUpPrompt: 'timeout',
                    wrapUpTimeoutMs: 120_000,
                    codes: [
                        { id: SEED_IDS.codes.resolved, name: 'Resolved' },
                        { id: SEED_IDS.codes.followUp, name: 'Follow-up required' },
                        { id: SEED_IDS.codes.escalated, name: 'Escalated to tier 2' }
                    ]
                }
            ],
            [
                'conversation.wrapUpSubmitted',
                ALEX,
                {
                    wrapUpCode: 'ININ-WRAP-UP-TIMEOUT',
                    wrapUpName: 'ININ-WRAP-UP-TIMEOUT',
                    notes: null,
                    source: 'timeout'
                }
            ]
        ]
    );
});

test('subscribers of the /__sim/events stream receive conversation events as server-sent events', async (t) => {
    const { sim } = await startSimulator(t);
    const abort = new AbortController();
    t.after(() => abort.abort());
    const response = await fetch(`${sim.url}/__sim/events`, { signal: abort.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();

    const started = sim.control.startConversation({
        channel: 'instagram',
        customerName: 'Sam Lee',
        customerAddress: 'ig-sam',
        queue: 'Sales',
        text: 'Hi'
    });

    let text = '';
    while (!text.includes('event: conversation.customerMessage')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
    }
    const frame = text.split('\n\n').find((f) => f.includes('event: conversation.queued')) ?? '';
    const data = JSON.parse(
        frame
            .split('\n')
            .find((l) => l.startsWith('data: '))
            ?.slice(6) ?? '{}'
    ) as Record<string, unknown>;
    assert.equal(data.conversationId, started.id);
    assert.equal(data.channel, 'instagram');
});
