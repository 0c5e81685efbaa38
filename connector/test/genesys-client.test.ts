// The Genesys client pieces against the simulator, on a clock the test moves: the OAuth token reused and renewed
// before it expires, a 429 waited out for exactly its Retry-After (token endpoint and API), a refused client, the
// message content put into a customer message.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import pino from 'pino';
import type { Models } from 'purecloud-platform-client-v2';
import { ManualClock } from '../src/clock';
import { eventIdFor, type RelayEvent } from '../src/events';
import { GenesysApi, GenesysApiError, GenesysRetryLater } from '../src/genesys/api';
import { GenesysAuth, GenesysAuthError } from '../src/genesys/auth';
import { withMessageContent, messageContentEnricher } from '../src/genesys/content';
import { topicsFor } from '../src/genesys/source';
import { SIM_CLIENT, startSimulator, type Sim, type SimRequest } from './helpers/simulator';
import type { Cleanup } from './helpers/salesforce';

function client(t: Cleanup, sim: Sim, clock: ManualClock, secret = SIM_CLIENT.secret) {
    const abort = new AbortController();
    t.after(() => abort.abort());
    const events = new EventEmitter();
    let tokens = 0;
    const settings = {
        loginUrl: sim.url,
        apiUrl: sim.url,
        clientId: SIM_CLIENT.id,
        clientSecret: secret,
        httpTimeoutMs: 5000,
        userAgent: 'relay-connector-test'
    };
    const onRateLimited = (operation: string, waitMs: number): void =>
        void events.emit('rate-limited', { operation, waitMs });
    const auth = new GenesysAuth(settings, clock, abort.signal, { onTokenRequest: () => tokens++, onRateLimited });
    const api = new GenesysApi(settings, auth, clock, abort.signal, { onRateLimited });
    return { auth, api, events, tokens: () => tokens };
}

test('the token is reused, and replaced five minutes before it expires', async (t) => {
    const sim = await startSimulator(t);
    const clock = new ManualClock(sim.clock.now());
    const { auth, tokens } = client(t, sim, clock);
    const first = await auth.token();
    assert.equal(await auth.token(), first);
    assert.equal(tokens(), 1);
    // The simulator's tokens live 86,399 s: renewed at 86,399 s - 5 min.
    assert.equal(auth.expiresAt(), clock.now() + 86_399_000);
    clock.advance(86_399_000 - 300_000 - 1);
    assert.equal(await auth.token(), first);
    clock.advance(1);
    const second = await auth.token();
    assert.notEqual(second, first);
    assert.equal(tokens(), 2);
});

test('a refused client is a GenesysAuthError naming the settings', async (t) => {
    const sim = await startSimulator(t);
    const { auth } = client(t, sim, new ManualClock(), 'wrong-secret');
    await assert.rejects(auth.token(), (error: Error) => {
        assert.ok(error instanceof GenesysAuthError);
        assert.match(error.message, /401.*RELAY_GENESYS_CLIENT_ID and _SECRET/s);
        return true;
    });
});

test("a 429 is waited out for exactly its Retry-After, the token endpoint's too", async (t) => {
    const requests: (SimRequest & { at: number })[] = [];
    const clock = new ManualClock(Date.parse('2026-11-21T12:00:00.000Z'));
    const sim = await startSimulator(t, { log: (entry) => requests.push({ ...entry, at: clock.now() }) });
    const conversation = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Billing'
    });
    const { api, events } = client(t, sim, clock);
    sim.control.injectFault({ operation: 'oauthToken', status: 429, retryAfterSeconds: 2 });
    sim.control.injectFault({ operation: 'getConversation', status: 429, retryAfterSeconds: 7 });

    const call = api.call<Models.Conversation>('getConversation', () =>
        api.conversations.getConversation(conversation.id)
    );
    const [tokenWait] = (await once(events, 'rate-limited')) as [{ operation: string; waitMs: number }];
    assert.deepEqual(tokenWait, { operation: 'oauthToken', waitMs: 2000 });
    clock.advance(2000);
    const [apiWait] = (await once(events, 'rate-limited')) as [{ operation: string; waitMs: number }];
    assert.deepEqual(apiWait, { operation: 'getConversation', waitMs: 7000 });
    const limitedAt = clock.now();
    clock.advance(6999);
    clock.advance(1);
    const answer = await call;
    assert.equal(answer.id, conversation.id);

    assert.deepEqual(
        requests.map((r) => [r.operation, r.status, r.at - requests[0]!.at]),
        [
            ['oauthToken', 429, 0],
            ['oauthToken', 200, 2000],
            ['getConversation', 429, 2000],
            ['getConversation', 200, 9000]
        ]
    );
    assert.equal(limitedAt + 7000, clock.now());
});

test('a call that could not finish before its deadline says when to retry; a 404 is a GenesysApiError', async (t) => {
    const sim = await startSimulator(t);
    const clock = new ManualClock(sim.clock.now());
    const { api } = client(t, sim, clock);
    sim.control.injectFault({ operation: 'getConversation', status: 429, retryAfterSeconds: 30 });
    const started = clock.now();
    await assert.rejects(
        api.call('getConversation', () => api.conversations.getConversation('c-1'), { deadlineAt: started + 10_000 }),
        (error: Error) => error instanceof GenesysRetryLater && error.retryAt === started + 30_000
    );
    // The pause holds for every call of this client until then.
    await assert.rejects(
        api.call('getConversation', () => api.conversations.getConversation('c-1'), { deadlineAt: started + 10_000 }),
        GenesysRetryLater
    );
    clock.advance(30_000);
    await assert.rejects(
        api.call('getConversation', () => api.conversations.getConversation('nope')),
        (error: Error) => {
            assert.ok(error instanceof GenesysApiError);
            assert.equal(error.status, 404);
            assert.equal((error.body as { code: string }).code, 'not.found');
            return true;
        }
    );
});

const customerMessage = (data: Record<string, unknown>): RelayEvent => ({
    eventId: eventIdFor('c-1', 'conversation.customerMessage', 'm-1'),
    type: 'conversation.customerMessage',
    occurredAt: '2026-11-21T12:00:00.000Z',
    conversationId: 'c-1',
    participantId: null,
    userId: null,
    queueId: 'q-1',
    channel: 'whatsapp',
    data: { messageId: 'm-1', text: '', ...data }
});

test('message content: normalizedMessage text and attachments go into the event', () => {
    const message: Models.MessageData = {
        id: 'm-1',
        timestamp: '2026-11-21T12:00:00.000Z',
        status: 'received',
        direction: 'inbound',
        normalizedMessage: {
            type: 'Text',
            text: 'Photo of the damage',
            content: [
                {
                    contentType: 'Attachment',
                    attachment: {
                        id: 'media-1',
                        mediaType: 'Image',
                        url: 'https://media.example.com/m/photo.jpg?sig=1',
                        mime: 'image/jpeg',
                        filename: 'photo.jpg',
                        contentSizeBytes: 12345
                    }
                }
            ]
        }
    };
    const listed = customerMessage({ attachments: [{ mediaId: 'media-1', url: 'https://old', name: 'x' }] });
    assert.deepEqual(withMessageContent(listed, message).data, {
        messageId: 'm-1',
        text: 'Photo of the damage',
        attachments: [
            {
                mediaId: 'media-1',
                url: 'https://media.example.com/m/photo.jpg?sig=1',
                name: 'photo.jpg',
                contentType: 'image/jpeg',
                sizeBytes: 12345
            }
        ]
    });
    const long = withMessageContent(customerMessage({}), {
        ...message,
        normalizedMessage: { type: 'Text', text: 'x'.repeat(40_000) }
    });
    assert.equal((long.data.text as string).length, 32_768, 'the org keeps 32,768 characters');
    assert.equal('attachments' in long.data, false);
});

test('a message Genesys no longer has goes without text instead of holding its conversation', async (t) => {
    const sim = await startSimulator(t);
    const clock = new ManualClock(sim.clock.now());
    const { api } = client(t, sim, clock);
    const enrich = messageContentEnricher(api, clock, pino({ level: 'silent' }), 10_000);
    const event = customerMessage({});
    const payload = JSON.stringify(event);
    const claimed = {
        seq: 1,
        event,
        payload,
        needsMessageContent: { conversationId: 'gone', messageId: 'm-1' },
        attempts: 0,
        appendedAt: clock.now()
    };
    assert.equal(await enrich(claimed), payload);
    sim.control.injectFault({ operation: 'getConversationMessage', status: 429, retryAfterSeconds: 60 });
    assert.deepEqual(await enrich(claimed), { retryAt: clock.now() + 60_000 }, 'past the deadline: retried later');
});

test('topics: one per queue and one per user, the all-media conversation topics', () => {
    assert.deepEqual(topicsFor(['q1', 'q2'], ['u1']), [
        'v2.routing.queues.q1.conversations',
        'v2.routing.queues.q2.conversations',
        'v2.users.u1.conversations'
    ]);
});
