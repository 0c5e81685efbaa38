// The simulator's in-process events: the history (control.events, GET /__sim/events/recent), subscribers and the
// /__sim/events server-sent stream the local console's customer panel reads. The simulator posts nothing to Relay
// (the Relay Connector does, from the notifications API), so there is no webhook to configure.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../src/clock';
import { EventHub, type SimEvent, type SimEventInput } from '../src/events';
import { ALEX, SEED_IDS, agentParticipant, goOnQueue, sdkForDefaultAgent, startSimulator } from './helpers';

/** The seven types of docs/events.md §2.2 (the rest are simulator-only). */
const RELAY_TYPES = new Set([
    'conversation.alerting',
    'conversation.connected',
    'conversation.disconnected',
    'conversation.transferred',
    'conversation.customerMessage',
    'conversation.wrapUpRequired',
    'conversation.wrapUpSubmitted'
]);

const relayEvents = (events: SimEvent[]): SimEvent[] => events.filter((e) => RELAY_TYPES.has(e.type));

function input(n: number): SimEventInput {
    return {
        type: 'conversation.queued',
        conversationId: `c-${n}`,
        participantId: null,
        userId: null,
        queueId: null,
        channel: 'sms',
        data: { n }
    };
}

interface Frame {
    id?: string;
    event?: string;
    /** The event itself (a SimEvent as JSON). */
    data: Record<string, unknown>;
}

const textOf = (frame: Frame): unknown => (frame.data.data as Record<string, unknown>).text;

/** The event frames of a server-sent stream: `until` reads on until the frames read so far satisfy `done`. */
function frames(response: Response) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const parse = (): Frame[] =>
        text
            .split('\n\n')
            .slice(0, -1)
            .map((frame) => frame.split('\n'))
            .filter((lines) => lines.some((l) => l.startsWith('data: ')))
            .map((lines) => ({
                id: lines.find((l) => l.startsWith('id: '))?.slice(4),
                event: lines.find((l) => l.startsWith('event: '))?.slice(7),
                data: JSON.parse(lines.find((l) => l.startsWith('data: '))?.slice(6) ?? '{}') as Record<string, unknown>
            }));
    return {
        async until(done: (read: Frame[]) => boolean): Promise<Frame[]> {
            while (!done(parse())) {
                const chunk = await reader.read();
                if (chunk.done) break;
                text += decoder.decode(chunk.value, { stream: true });
            }
            return parse();
        }
    };
}

test('conversation events are kept in order, in the documented shape', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Priya Patel',
        customerAddress: '+15550100777',
        queue: 'Support',
        text: 'Reset link expired'
    });
    const offered = await agentParticipant(sdk, started.id, ALEX);
    clock.advance(1000);
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });

    const events = relayEvents(sim.control.events());
    assert.deepEqual(
        events.map((e) => e.type),
        ['conversation.customerMessage', 'conversation.alerting', 'conversation.connected'],
        'the types of docs/events.md, in the order they happened'
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
    assert.equal(connected.channel, 'sms');
    assert.equal(connected.occurredAt, new Date(clock.now()).toISOString(), 'dated by the simulator clock');
    assert.equal(events[0].userId, null, 'no agent had the conversation when the customer wrote');
    assert.equal(events[0].data.text, 'Reset link expired');
    assert.equal(events[1].data.alertingTimeoutMs, 30_000);
    assert.equal(new Set(sim.control.events().map((e) => e.eventId)).size, sim.control.events().length);
});

test('a customer who leaves, a missed offer and a timed-out wrap-up are kept in the documented shapes', async (t) => {
    const { sim, clock } = await startSimulator(t);
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

    const events = relayEvents(sim.control.events());
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

test('the history answers what came after an event, in process and at GET /__sim/events/recent', async (t) => {
    const { sim } = await startSimulator(t);
    const first = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support',
        text: 'Hello'
    });
    const mark = sim.control.events().at(-1);
    assert.ok(mark !== undefined);
    sim.control.customerReply(first.id, 'Anyone there?');

    const after = sim.control.events(mark.eventId);
    assert.deepEqual(
        after.map((e) => [e.type, e.data.text]),
        [['conversation.customerMessage', 'Anyone there?']]
    );
    assert.deepEqual(
        sim.control.events('unknown-event-id'),
        sim.control.events(),
        'an unknown id means everything kept'
    );

    const response = await fetch(`${sim.url}/__sim/events/recent?since=${encodeURIComponent(mark.eventId)}`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), after);

    sim.control.reset();
    assert.deepEqual(sim.control.events(), [], 'a reset forgets the history');
});

test('the history keeps the latest 500 events; subscribers get each one as it is published until they leave', () => {
    const clock = new ManualClock(Date.parse('2026-11-21T12:00:00.000Z'));
    const hub = new EventHub(clock);
    const seen: SimEvent[] = [];
    const leave = hub.subscribe((e) => seen.push(e));
    const published = Array.from({ length: 501 }, (_, n) => hub.publish(input(n)));
    assert.deepEqual(seen, published, 'every event, in order');
    assert.equal(hub.events().length, 500);
    assert.deepEqual(hub.events()[0].data, { n: 1 }, 'the oldest is dropped');
    assert.equal(published[0].occurredAt, '2026-11-21T12:00:00.000Z');

    leave();
    hub.publish(input(501));
    assert.equal(seen.length, 501, 'nothing after unsubscribing');
    hub.clear();
    assert.deepEqual(hub.events(), []);
});

test('subscribers of the /__sim/events stream receive every event, simulator-only types included, in order', async (t) => {
    const { sim } = await startSimulator(t);
    const abort = new AbortController();
    t.after(() => abort.abort());
    const response = await fetch(`${sim.url}/__sim/events`, { signal: abort.signal });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const stream = frames(response);

    const started = sim.control.startConversation({
        channel: 'instagram',
        customerName: 'Sam Lee',
        customerAddress: 'ig-sam',
        queue: 'Sales',
        text: 'Hi'
    });
    sim.control.customerReply(started.id, 'Still there?');

    const expected = sim.control.events();
    const read = await stream.until((f) => f.length >= expected.length);
    assert.deepEqual(
        read.map((f) => [f.id, f.event]),
        expected.map((e) => [e.eventId, e.type]),
        'each frame names the event and its id, in publishing order'
    );
    assert.deepEqual(
        read.map((f) => f.data),
        expected.map((e) => JSON.parse(JSON.stringify(e)) as unknown)
    );
    const queued = read.find((f) => f.event === 'conversation.queued');
    assert.equal(queued?.data.conversationId, started.id, 'simulator-only types are streamed too');
    assert.equal(queued?.data.channel, 'instagram');
});

test('a stream reopened with Last-Event-ID first replays what it missed', async (t) => {
    const { sim } = await startSimulator(t);
    const started = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Sam Lee',
        customerAddress: 'sam@example.com',
        queue: 'Sales',
        text: 'Hi'
    });
    const seenBefore = sim.control.events().at(-1);
    assert.ok(seenBefore !== undefined);
    sim.control.customerReply(started.id, 'Missed while offline');

    const abort = new AbortController();
    t.after(() => abort.abort());
    const response = await fetch(`${sim.url}/__sim/events`, {
        headers: { 'Last-Event-ID': seenBefore.eventId },
        signal: abort.signal
    });
    const stream = frames(response);
    const replayed = await stream.until((f) => f.length >= 1);
    assert.deepEqual(
        replayed.map((f) => [f.event, textOf(f)]),
        [['conversation.customerMessage', 'Missed while offline']]
    );

    sim.control.customerReply(started.id, 'And now live');
    const all = await stream.until((f) => f.length >= 2);
    assert.deepEqual(all.map(textOf), ['Missed while offline', 'And now live'], 'then live events follow');
});

test('there is no webhook: the control API has no /__sim/webhook and the state names none', async (t) => {
    const { sim } = await startSimulator(t);
    assert.equal((await fetch(`${sim.url}/__sim/webhook`)).status, 404);
    assert.equal('webhookUrl' in sim.control.state(), false);
});
