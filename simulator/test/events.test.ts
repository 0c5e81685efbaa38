// Events reach Relay's endpoint signed (checked here with node:crypto directly, independently of
// signing.ts) and reach /__sim/events subscribers.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { ALEX, agentParticipant, goOnQueue, sdkForDefaultAgent, startSimulator } from './helpers';

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
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, { body: { state: 'connected' } });
    await sim.control.flushWebhooks();

    const events = receiver.received.map((r) => JSON.parse(r.raw) as Record<string, unknown>);
    const conversationEvents = events.filter((e) => String(e.type).startsWith('conversation.'));
    assert.deepEqual(
        conversationEvents.map((e) => e.type),
        ['conversation.queued', 'conversation.customer_message', 'conversation.alerting', 'conversation.connected']
    );
    const connected = conversationEvents[3];
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
    assert.equal((conversationEvents[1].data as Record<string, unknown>).text, 'Reset link expired');

    for (const { headers, raw } of receiver.received) {
        const timestamp = String(headers['x-relay-timestamp']);
        assert.equal(timestamp, String(Math.floor(clock.now() / 1000)), 'the timestamp is unix seconds');
        const expected = createHmac('sha256', SECRET).update(`${timestamp}.${raw}`).digest('hex');
        assert.equal(headers['x-relay-signature'], `sha256=${expected}`);
        assert.equal(headers['content-type'], 'application/json');
    }
    assert.ok(sim.control.webhookDeliveries().every((d) => d.status === 204));
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
    while (!text.includes('event: conversation.customer_message')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
    }
    const frame = text.split('\n\n').find((f) => f.includes('event: conversation.queued')) ?? '';
    const data = JSON.parse(frame.split('\n').find((l) => l.startsWith('data: '))?.slice(6) ?? '{}') as Record<
        string,
        unknown
    >;
    assert.equal(data.conversationId, started.id);
    assert.equal(data.channel, 'instagram');
});
