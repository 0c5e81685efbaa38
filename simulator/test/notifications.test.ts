// The notification service as Genesys serves it, driven by the official SDK (NotificationsApi, AnalyticsApi) for the
// REST side and a WebSocket client (ws) for the stream: channels, subscriptions and their limits, the envelope and
// payloads of conversation notifications, heartbeats, expiry, maintenance, and the activity query.
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { test, type TestContext } from 'node:test';
import type { Models } from 'purecloud-platform-client-v2';
import { DEFAULT_CLIENT } from '../src/auth';
import {
    CHANNEL_LIFETIME_MS,
    HEARTBEAT_INTERVAL_MS,
    MAX_TOPICS_PER_CHANNEL,
    SOCKET_CLOSING_NOTICE_MS
} from '../src/notifications';
import type { Simulator } from '../src/server';
import {
    ALEX,
    SEED_IDS,
    agentParticipant,
    communicationId,
    goOnQueue,
    platformClient,
    sdkForDefaultAgent,
    startSimulator
} from './helpers';

type SdkClient = typeof platformClient.ApiClient;

interface Envelope {
    topicName: string;
    version?: string;
    eventBody: Record<string, unknown>;
    metadata?: { CorrelationId?: string };
}

// ----- a WebSocket client (ws; it ships no types here) ------------------------------------------------------------

interface WsClient {
    readyState: number;
    send(data: string): void;
    close(): void;
    terminate(): void;
    on(event: 'open', listener: () => void): this;
    on(event: 'message', listener: (data: Buffer) => void): this;
    on(event: 'close', listener: (code: number) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'unexpected-response', listener: (req: unknown, res: { statusCode: number }) => void): this;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ws has no type declarations in this project
const { WebSocket } = require('ws') as { WebSocket: new (url: string) => WsClient };

interface Stream {
    messages: Envelope[];
    /** Resolves with the first message (already received or to come) after `from` that `predicate` accepts. */
    next(predicate: (m: Envelope) => boolean, from?: number): Promise<Envelope>;
    /** Resolves once `condition` holds (checked after each message). */
    until(condition: () => boolean): Promise<void>;
    closed: Promise<number>;
    send(message: unknown): void;
    close(): void;
}

async function connect(t: TestContext, uri: string): Promise<Stream> {
    const ws = new WebSocket(uri);
    const events = new EventEmitter();
    const messages: Envelope[] = [];
    ws.on('message', (data) => {
        messages.push(JSON.parse(data.toString('utf8')) as Envelope);
        events.emit('message');
    });
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    t.after(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
        ws.on('open', resolve);
        ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
        ws.on('error', reject);
    });
    return {
        messages,
        async next(predicate, from = 0) {
            for (;;) {
                const found = messages.slice(from).find(predicate);
                if (found !== undefined) return found;
                await Promise.race([once(events, 'message'), closed.then(() => Promise.reject(new Error('closed')))]);
            }
        },
        async until(condition) {
            while (!condition()) {
                await Promise.race([once(events, 'message'), closed.then(() => Promise.reject(new Error('closed')))]);
            }
        },
        closed,
        send: (message) => ws.send(JSON.stringify(message)),
        close: () => ws.close()
    };
}

// ----- the SDK, as a client-credentials integration --------------------------------------------------------------

interface Apis {
    client: SdkClient;
    notifications: platformClient.NotificationsApi;
    analytics: platformClient.AnalyticsApi;
}

/** A separate SDK client logged in with client credentials (the process-wide singleton stays the agent flow's). */
async function integration(sim: Simulator): Promise<Apis> {
    const ApiClientClass = platformClient.ApiClient.constructor as new () => SdkClient;
    const client = new ApiClientClass();
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: sim.port });
    await client.loginClientCredentialsGrant(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret);
    return {
        client,
        notifications: new platformClient.NotificationsApi(client),
        analytics: new platformClient.AnalyticsApi(client)
    };
}

const queueTopic = (queueId: string): string => `v2.routing.queues.${queueId}.conversations`;
const userTopic = (userId: string): string => `v2.users.${userId}.conversations`;
const SUPPORT = SEED_IDS.queues.support;

async function openChannel(t: TestContext, apis: Apis, topics: string[]) {
    const channel = await apis.notifications.postNotificationsChannels();
    assert.ok(channel.id !== undefined && channel.connectUri !== undefined);
    await apis.notifications.putNotificationsChannelSubscriptions(
        channel.id,
        topics.map((id) => ({ id }))
    );
    const stream = await connect(t, channel.connectUri);
    return { channel: channel as Required<Pick<Models.Channel, 'id' | 'connectUri' | 'expires'>>, stream };
}

test('a channel is created, subscribed and listed through the SDK; HEAD tells whether it exists', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const apis = await integration(sim);
    const channel = await apis.notifications.postNotificationsChannels();
    assert.match(channel.id ?? '', /^streaming-0-[0-9a-f]{26}$/);
    assert.equal(channel.connectUri, `ws://127.0.0.1:${sim.port}/channels/${channel.id}`);
    assert.equal(channel.expires, new Date(clock.now() + CHANNEL_LIFETIME_MS).toISOString(), 'lives 24 hours');
    const id = channel.id ?? '';

    const put = await apis.notifications.putNotificationsChannelSubscriptions(id, [
        { id: queueTopic(SUPPORT) },
        { id: userTopic(ALEX) }
    ]);
    assert.deepEqual(
        put.entities?.map((e) => e.id),
        [queueTopic(SUPPORT), userTopic(ALEX)]
    );
    const added = await apis.notifications.postNotificationsChannelSubscriptions(id, [
        { id: `${queueTopic(SEED_IDS.queues.billing)}.messages` },
        { id: userTopic(ALEX) }
    ]);
    assert.equal(added.entities?.length, 3, 'POST adds to the list; a topic already there counts once');
    const listed = await apis.notifications.getNotificationsChannelSubscriptions(id);
    assert.deepEqual(listed.entities?.map((e) => e.id).sort(), [
        queueTopic(SUPPORT),
        `${queueTopic(SEED_IDS.queues.billing)}.messages`,
        userTopic(ALEX)
    ]);
    const channels = await apis.notifications.getNotificationsChannels();
    assert.deepEqual(
        channels.entities?.map((c) => c.id),
        [id]
    );

    // HEAD answers have no body, so the SDK's plain error would be empty: extended responses show the status.
    apis.client.setReturnExtendedResponses(true);
    assert.equal(
        ((await apis.notifications.headNotificationsChannel(id)) as unknown as { status: number }).status,
        200
    );
    await assert.rejects(
        apis.notifications.headNotificationsChannel('streaming-0-nope'),
        (error: { status?: number }) => {
            assert.equal(error.status, 404);
            return true;
        }
    );
    apis.client.setReturnExtendedResponses(false);
    await apis.notifications.deleteNotificationsChannelSubscriptions(id);
    assert.deepEqual((await apis.notifications.getNotificationsChannelSubscriptions(id)).entities, []);

    const response = await fetch(`${sim.url}/api/v2/notifications/channels`, { method: 'POST' });
    assert.equal(response.status, 401, 'a bearer token is required');
    assert.equal(((await response.json()) as { code: string }).code, 'authentication.required');
});

test('a channel takes at most 1,000 topics: more is a 400 ErrorBody and changes nothing', async (t) => {
    const { sim } = await startSimulator(t);
    const apis = await integration(sim);
    const channel = await apis.notifications.postNotificationsChannels();
    const id = channel.id ?? '';
    const topics = (n: number, from = 0) =>
        Array.from({ length: n }, (_, i) => ({
            id: userTopic(`00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`)
        }));
    const full = await apis.notifications.putNotificationsChannelSubscriptions(id, topics(MAX_TOPICS_PER_CHANNEL));
    assert.equal(full.entities?.length, 1000);

    await assert.rejects(
        apis.notifications.postNotificationsChannelSubscriptions(id, topics(1, 5000)),
        (error: Record<string, unknown>) => {
            assert.equal(error.status, 400);
            assert.equal(error.code, 'bad.request');
            assert.match(String(error.message), /at most 1000 topics/);
            assert.equal(typeof error.contextId, 'string');
            assert.deepEqual(error.errors, []);
            return true;
        }
    );
    await assert.rejects(
        apis.notifications.putNotificationsChannelSubscriptions(id, topics(1001, 7000)),
        (error: { status?: number }) => error.status === 400
    );
    assert.equal((await apis.notifications.getNotificationsChannelSubscriptions(id)).entities?.length, 1000);

    await assert.rejects(
        apis.notifications.postNotificationsChannelSubscriptions(id, [{ id: 'v2.nope' }]),
        (error: { status?: number }) => error.status === 400,
        'an unknown topic is refused'
    );
    const tolerated = await apis.notifications.postNotificationsChannelSubscriptions(id, [{ id: 'v2.nope' }], {
        ignoreErrors: true
    });
    assert.deepEqual(
        tolerated.entities?.find((e) => e.id === 'v2.nope'),
        { id: 'v2.nope', state: 'Rejected', rejectionReason: 'Topic not found' }
    );
});

test('each conversation change arrives on the WebSocket in Genesys envelope with the SDK topic model', async (t) => {
    const { sim } = await startSimulator(t);
    const apis = await integration(sim);
    const { stream } = await openChannel(t, apis, [
        queueTopic(SUPPORT),
        userTopic(ALEX),
        `${queueTopic(SUPPORT)}.messages`
    ]);

    const started = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: '+13175550123',
        queue: 'Support',
        text: 'Hello?'
    });
    const queued = await stream.next((m) => m.topicName === queueTopic(SUPPORT));
    assert.equal(queued.version, '2');
    assert.equal(typeof queued.metadata?.CorrelationId, 'string');
    const body = queued.eventBody as Models.QueueConversationEventTopicConversation;
    assert.equal(body.id, started.id);
    const customer = body.participants?.find((p) => p.purpose === 'customer');
    const communication = customer?.messages?.[0];
    assert.equal(communication?.state, 'connected');
    assert.equal(communication?.type, 'whatsapp');
    assert.equal(communication?.fromAddress?.addressNormalized, '+13175550123');
    assert.equal(communication?.messages?.length, 1);
    const firstMessage = communication?.messages?.[0];
    assert.equal(firstMessage?.messageId, started.transcript[0]?.id);
    assert.equal(firstMessage?.messageStatus, 'received');
    assert.equal(JSON.stringify(queued).includes('Hello?'), false, 'notifications carry no message text');
    const acd = body.participants?.find((p) => p.purpose === 'acd');
    assert.equal(acd?.queueId, SUPPORT);

    const messagesTopic = await stream.next((m) => m.topicName === `${queueTopic(SUPPORT)}.messages`);
    const messageBody = messagesTopic.eventBody as Models.QueueConversationMessageEventTopicMessageConversation;
    const messageCustomer = messageBody.participants?.find((p) => p.purpose === 'customer');
    assert.equal(messageCustomer?.state, 'connected', 'in the .messages topic the state is on the participant');
    assert.equal(messageCustomer?.messages?.[0]?.message?.id, started.transcript[0]?.id);

    // Alex goes On Queue: the offer shows on the queue topic and on Alex's user topic.
    const seen = stream.messages.length;
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const offered = await stream.next((m) => m.topicName === userTopic(ALEX), seen);
    const agent = (offered.eventBody as Models.ConversationEventTopicConversation).participants?.find(
        (p) => p.purpose === 'agent'
    );
    assert.equal(agent?.userId, ALEX);
    assert.equal(agent?.queueId, SUPPORT);
    assert.equal(agent?.alertingTimeoutMs, 30_000);
    assert.equal(agent?.messages?.[0]?.state, 'alerting');

    const offer = await agentParticipant(sdk, started.id, ALEX);
    const beforePickUp = stream.messages.length;
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offer.id, {
        body: { state: 'connected' }
    });
    const connected = await stream.next((m) => m.topicName === queueTopic(SUPPORT), beforePickUp);
    const legs = (connected.eventBody as Models.QueueConversationEventTopicConversation).participants ?? [];
    assert.equal(legs.find((p) => p.purpose === 'agent')?.messages?.[0]?.state, 'connected');
    assert.equal(
        legs.find((p) => p.purpose === 'acd')?.messages?.[0]?.state,
        'disconnected',
        'one change, one notification'
    );

    const beforeLeave = stream.messages.length;
    sim.control.customerDisconnect(started.id);
    const ended = await stream.next((m) => m.topicName === queueTopic(SUPPORT), beforeLeave);
    const endedLegs = (ended.eventBody as Models.QueueConversationEventTopicConversation).participants ?? [];
    assert.equal(endedLegs.find((p) => p.purpose === 'customer')?.messages?.[0]?.disconnectType, 'endpoint');
    const agentLeg = endedLegs.find((p) => p.purpose === 'agent');
    assert.equal(agentLeg?.messages?.[0]?.state, 'disconnected');
    assert.equal(agentLeg?.wrapupRequired, true, "Support's wrap-up is mandatory");

    const unrelated = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Sales'
    });
    const after = stream.messages.length;
    sim.control.customerReply(unrelated.id, 'not for this channel');
    // A marker change on a subscribed topic proves the unrelated one was not sent before it.
    const marker = sim.control.startConversation({
        channel: 'sms',
        customerName: 'M',
        customerAddress: '+1',
        queue: 'Support'
    });
    await stream.next((m) => (m.eventBody as { id?: string }).id === marker.id, after);
    assert.equal(
        stream.messages.slice(after).some((m) => (m.eventBody as { id?: string }).id === unrelated.id),
        false,
        'a conversation of an unsubscribed queue is not sent'
    );
});

test("an agent's outbound message carries its file as media on every conversation topic; a text carries none", async (t) => {
    const { sim } = await startSimulator(t);
    const apis = await integration(sim);
    const topics = [
        queueTopic(SUPPORT),
        `${queueTopic(SUPPORT)}.messages`,
        userTopic(ALEX),
        `${userTopic(ALEX)}.messages`
    ];
    const { stream } = await openChannel(t, apis, topics);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support',
        text: 'Can you send the invoice?'
    });
    const offer = await agentParticipant(sdk, started.id, ALEX);
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offer.id, {
        body: { state: 'connected' }
    });
    const commId = await communicationId(sdk, started.id, offer.id);
    const pdf = Buffer.from('%PDF-1.7 invoice 1234');
    const upload = await sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(
        started.id,
        commId,
        { fileName: 'invoice.pdf', contentLengthBytes: pdf.length }
    );
    const put = await fetch(upload.uploadUrl!, { method: 'PUT', headers: upload.uploadHeaders, body: pdf });
    assert.equal(put.status, 200);

    const before = stream.messages.length;
    const sent = await sdk.conversations.postConversationsMessageCommunicationMessages(started.id, commId, {
        textBody: '',
        mediaIds: [upload.id!]
    });
    const text = await sdk.conversations.postConversationsMessageCommunicationMessages(started.id, commId, {
        textBody: 'Here it is.'
    });
    const agentMessages = (m: Envelope): { id?: string; status?: string; media?: unknown[] }[] => {
        const agent = ((m.eventBody.participants ?? []) as Record<string, unknown>[]).find(
            (p) => p.purpose === 'agent'
        );
        const list = m.topicName.endsWith('.messages')
            ? ((agent?.messages ?? []) as Models.ConversationMessageEventTopicMessageDetails[]).map((d) => ({
                  id: d.message?.id,
                  status: d.messageStatus,
                  media: d.media
              }))
            : (
                  ((agent?.messages as Models.ConversationEventTopicMessage[] | undefined)?.[0]?.messages ??
                      []) as Models.ConversationEventTopicMessageDetails[]
              ).map((d) => ({ id: d.messageId, status: d.messageStatus, media: d.media }));
        return list;
    };
    const bothSent = (m: Envelope): boolean => agentMessages(m).some((x) => x.id === text.id);
    for (const topic of topics) {
        const notification = await stream.next((m) => m.topicName === topic && bothSent(m), before);
        const messages = agentMessages(notification);
        assert.deepEqual(
            messages.map((x) => [x.id, x.status]),
            [
                [sent.id, 'sent'],
                [text.id, 'sent']
            ],
            `${topic}: the agent's messages, outbound`
        );
        const [file] = (messages[0]?.media ?? []) as Models.ConversationEventTopicMessageMedia[];
        assert.deepEqual(
            file === undefined ? undefined : { ...file, url: undefined },
            {
                id: upload.id,
                url: undefined,
                mediaType: 'application/pdf',
                contentLengthBytes: pdf.length,
                name: 'invoice.pdf'
            },
            `${topic}: the file as media`
        );
        assert.equal(messages[0]?.media?.length, 1);
        assert.equal(messages[1]?.media, undefined, `${topic}: a text carries no media`);
        const downloaded = await fetch(file?.url ?? '');
        assert.equal(downloaded.status, 200, `${topic}: the media URL serves the file without a token`);
        assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), pdf);
    }
    assert.equal(JSON.stringify(stream.messages).includes('Here it is.'), false, 'no text in any notification');
});

test('heartbeats every 30 s of simulator time; a ping is answered with a pong', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const apis = await integration(sim);
    const { stream } = await openChannel(t, apis, [queueTopic(SUPPORT)]);
    const heartbeat = (m: Envelope): boolean =>
        m.topicName === 'channel.metadata' && m.eventBody.message === 'WebSocket Heartbeat';

    clock.advance(HEARTBEAT_INTERVAL_MS - 1);
    stream.send({ message: 'ping' });
    const pong = await stream.next((m) => m.topicName === 'channel.metadata');
    assert.deepEqual(
        pong,
        { topicName: 'channel.metadata', eventBody: { message: 'pong' } },
        'no heartbeat before 30 s'
    );
    clock.advance(1);
    assert.deepEqual(await stream.next(heartbeat), {
        topicName: 'channel.metadata',
        eventBody: { message: 'WebSocket Heartbeat' }
    });
    clock.advance(HEARTBEAT_INTERVAL_MS * 2);
    await stream.until(() => stream.messages.filter(heartbeat).length === 3);
    assert.deepEqual(
        stream.messages.map((m) => m.eventBody.message),
        ['pong', 'WebSocket Heartbeat', 'WebSocket Heartbeat', 'WebSocket Heartbeat']
    );
});

test('after 24 h a channel warns with v2.system.socket_closing, closes its socket and is gone', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const apis = await integration(sim);
    const { channel, stream } = await openChannel(t, apis, [queueTopic(SUPPORT)]);

    clock.advance(CHANNEL_LIFETIME_MS - SOCKET_CLOSING_NOTICE_MS);
    const closing = await stream.next((m) => m.topicName === 'v2.system.socket_closing');
    const body = closing.eventBody as Models.SystemMessageSystemMessage;
    assert.equal(body.channelId, channel.id);
    assert.equal(body.reason, 'channel expiring');
    assert.equal(sim.notifications.channels().length, 1, 'still there for the last minute');

    clock.advance(SOCKET_CLOSING_NOTICE_MS);
    assert.equal(await stream.closed, 1000);
    assert.deepEqual(sim.notifications.channels(), []);
    // The token lives 86,399 s: a fresh one for the calls after a day.
    await apis.client.loginClientCredentialsGrant(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret);
    apis.client.setReturnExtendedResponses(true);
    await assert.rejects(
        apis.notifications.headNotificationsChannel(channel.id),
        (e: { status?: number }) => e.status === 404
    );
    await assert.rejects(connect(t, channel.connectUri), /upgrade answered 404/);
});

test('a subscription request renews the channel for another 24 hours', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const apis = await integration(sim);
    const channel = await apis.notifications.postNotificationsChannels();
    clock.advance(CHANNEL_LIFETIME_MS / 2);
    await apis.notifications.postNotificationsChannelSubscriptions(channel.id ?? '', [{ id: queueTopic(SUPPORT) }]);
    clock.advance(CHANNEL_LIFETIME_MS / 2 + 1);
    const [listed] = sim.notifications.channels();
    assert.equal(listed?.expires, new Date(clock.now() - 1 + CHANNEL_LIFETIME_MS / 2).toISOString());
});

test('one WebSocket per channel: a second connection disconnects the first; maintenance warns then closes', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const apis = await integration(sim);
    const { channel, stream: first } = await openChannel(t, apis, [queueTopic(SUPPORT)]);
    const second = await connect(t, channel.connectUri);
    assert.equal(await first.closed, 1000);

    assert.equal(sim.notifications.closeForMaintenance(channel.id), 1);
    const warning = await second.next((m) => m.topicName === 'v2.system.socket_closing');
    assert.equal((warning.eventBody as Models.SystemMessageSystemMessage).reason, 'maintenance');
    clock.advance(SOCKET_CLOSING_NOTICE_MS);
    assert.equal(await second.closed, 1000);
    assert.equal(sim.notifications.channels().length, 1, 'the channel stays; a new socket may connect');
    const third = await connect(t, channel.connectUri);
    clock.advance(HEARTBEAT_INTERVAL_MS);
    await third.next((m) => m.topicName === 'channel.metadata');
});

test('a dropped connection loses what happens meanwhile; a silenced one stays open and says nothing', async (t) => {
    const { sim } = await startSimulator(t);
    const apis = await integration(sim);
    const { channel, stream } = await openChannel(t, apis, [queueTopic(SUPPORT)]);
    assert.equal(sim.notifications.silence(channel.id), 1);
    const quiet = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Q',
        customerAddress: '+2',
        queue: 'Support'
    });
    // Notifications go out once the step that changed the conversation is over (a microtask later).
    await new Promise<void>((resolve) => setImmediate(resolve));
    sim.notifications.silence(channel.id, false);
    const loud = sim.control.startConversation({
        channel: 'sms',
        customerName: 'L',
        customerAddress: '+3',
        queue: 'Support'
    });
    await stream.next((m) => (m.eventBody as { id?: string }).id === loud.id);
    assert.equal(
        stream.messages.some((m) => (m.eventBody as { id?: string }).id === quiet.id),
        false
    );

    assert.equal(sim.notifications.drop(channel.id), 1);
    const code = await stream.closed;
    assert.equal(code, 1006, 'no close frame: the TCP connection is cut');
    assert.equal(sim.notifications.channels()[0]?.connected, false);
});

test('20 channels per client and user: a 21st removes the oldest one without a connection', async (t) => {
    const { sim } = await startSimulator(t);
    const apis = await integration(sim);
    const { channel: connected } = await openChannel(t, apis, [queueTopic(SUPPORT)]);
    const ids = [connected.id];
    for (let i = 1; i < 20; i++) ids.push((await apis.notifications.postNotificationsChannels()).id ?? '');
    assert.equal(sim.notifications.channels().length, 20);
    await apis.notifications.postNotificationsChannels();
    const remaining = sim.notifications.channels().map((c) => c.id);
    assert.equal(remaining.length, 20);
    assert.ok(remaining.includes(connected.id), 'the connected channel stays');
    assert.ok(!remaining.includes(ids[1] ?? ''), 'the oldest unconnected one went');
});

test('the notification routes count against the rate limit and take injected faults, like every API call', async (t) => {
    const { sim } = await startSimulator(t);
    const apis = await integration(sim);
    sim.control.injectFault({ operation: 'postNotificationsChannels', status: 429, retryAfterSeconds: 7 });
    apis.client.setReturnExtendedResponses(true);
    await assert.rejects(
        apis.notifications.postNotificationsChannels(),
        (error: { status?: number; headers?: Record<string, string> }) => {
            assert.equal(error.status, 429);
            assert.equal(error.headers?.['retry-after'], '7');
            return true;
        }
    );
    sim.control.setRateLimit({ limit: 1, windowSeconds: 60 });
    await apis.notifications.postNotificationsChannels();
    await assert.rejects(
        apis.notifications.getNotificationsChannels(),
        (error: { status?: number }) => error.status === 429
    );
});

test('the activity query lists the conversations waiting, offered and handled now, by queue', async (t) => {
    const { sim } = await startSimulator(t);
    const apis = await integration(sim);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    // Alex is offered the first conversation, so the others wait (Blake and Casey are not On Queue).
    const offered = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'O',
        customerAddress: 'o@x',
        queue: 'Support'
    });
    const waiting = sim.control.startConversation({
        channel: 'sms',
        customerName: 'W',
        customerAddress: '+4',
        queue: 'Billing'
    });
    const ended = sim.control.startConversation({
        channel: 'sms',
        customerName: 'E',
        customerAddress: '+5',
        queue: 'Support'
    });
    sim.control.customerDisconnect(ended.id);

    const answer = await apis.analytics.postAnalyticsConversationsActivityQuery({
        metrics: [
            { metric: 'oWaiting', details: true },
            { metric: 'oAlerting', details: true },
            { metric: 'oInteracting', details: true }
        ],
        groupBy: ['queueId'],
        filter: {
            type: 'or',
            predicates: [SEED_IDS.queues.support, SEED_IDS.queues.billing].map((value) => ({
                dimension: 'queueId',
                value
            }))
        }
    });
    assert.equal(answer.entityIdDimension, 'conversationId');
    const byQueue = new Map((answer.results ?? []).map((r) => [r.group?.queueId, r]));
    const billing = byQueue.get(SEED_IDS.queues.billing);
    assert.deepEqual(
        billing?.data?.map((d) => [d.metric, d.count]),
        [
            ['oWaiting', 1],
            ['oAlerting', 0],
            ['oInteracting', 0]
        ]
    );
    assert.equal(billing?.entities?.[0]?.conversationId, waiting.id);
    const support = byQueue.get(SEED_IDS.queues.support);
    assert.deepEqual(
        support?.entities?.map((e) => [e.metric, e.conversationId, e.userId]),
        [['oAlerting', offered.id, ALEX]],
        'an ended conversation is no activity'
    );
    await assert.rejects(
        apis.analytics.postAnalyticsConversationsActivityQuery({ metrics: [{ metric: 'nope' }], groupBy: [] }),
        (error: { status?: number }) => error.status === 400
    );
});
