// Genesys Cloud's notification service, simulated: channels, topic subscriptions and the WebSocket that streams
// conversation notifications, plus the real-time conversation activity query a client reconciles with after a gap.
//
// What it follows (Genesys sources; the open points are in docs/connector.md):
// - Operations, paths and bodies: the official JS SDK's NotificationsApi and AnalyticsApi
//   (purecloud-platform-client-v2@262.0.0; build/docs/NotificationsApi.md of MyPureCloud/platform-client-sdk-javascript):
//   POST/GET /api/v2/notifications/channels, HEAD /api/v2/notifications/channels/{id} ("200 OK if channel exists, and
//   a 404 Not Found if it doesnt"), GET/PUT/POST/DELETE .../channels/{id}/subscriptions (ChannelTopic[] bodies,
//   ChannelTopicEntityListing answers, `ignoreErrors`), POST /api/v2/analytics/conversations/activity/query
//   (ConversationActivityQuery: metrics oAlerting, oInteracting, oWaiting).
// - Limits: "There is a limit of 20 channels per user/app combination. Creating a 21st channel will remove the channel
//   with oldest last used date. Channels without an active connection will be removed first." (NotificationsApi.md);
//   channels remain active for 24 hours, a subscription request renews them; each channel holds at most 1,000 topics
//   and more is a 400; one WebSocket per channel, a second one disconnects the first (developer-center-blog,
//   "intro-aws-eventbridge", usage limitations of the notification service).
// - The stream: every message is the envelope {topicName, version, eventBody, metadata} (the SDKs' NotificationEvent);
//   `channel.metadata` carries the heartbeat {"message":"WebSocket Heartbeat"} every 30 s and answers
//   {"message":"ping"} (the Java SDK's NotificationHandler.sendPing) with {"message":"pong"};
//   `v2.system.socket_closing` (SystemMessageSystemMessage) warns a minute before the service closes the socket, and
//   the SDKs' notification handlers reconnect on it.
// - Payloads: notifications-views.ts (the SDK's topic models, via notificationMappings.json).
// Notifications are not durable, as in Genesys: a channel with no socket connected loses what happens meanwhile.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isActive } from './acd';
import type { Auth, TokenInfo } from './auth';
import { sleep, type Clock, type TimerHandle } from './clock';
import type { ContactCentre } from './engine';
import { SimError, errorBody } from './errors';
import { parseJsonBody, tooManyRequests } from './httpReplies';
import type { SimEvent } from './events';
import type { Faults, FaultSpec, RateLimiter } from './faults';
import type { Conversation } from './model';
import { allMediaConversation, messageConversation } from './notifications-views';

/** Operation ids of the routes served here (fault injection may name them, like the contract's). */
export const NOTIFICATION_OPERATIONS = [
    'postNotificationsChannels',
    'getNotificationsChannels',
    'headNotificationsChannel',
    'getNotificationsChannelSubscriptions',
    'putNotificationsChannelSubscriptions',
    'postNotificationsChannelSubscriptions',
    'deleteNotificationsChannelSubscriptions',
    'postAnalyticsConversationsActivityQuery'
] as const;

export const CHANNEL_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const HEARTBEAT_INTERVAL_MS = 30_000;
/** How long before closing a socket the service sends v2.system.socket_closing. */
export const SOCKET_CLOSING_NOTICE_MS = 60_000;
export const MAX_TOPICS_PER_CHANNEL = 1000;
export const MAX_CHANNELS_PER_USER_APP = 20;

export const HEARTBEAT = { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } };
const PONG = { topicName: 'channel.metadata', eventBody: { message: 'pong' } };

/** The conversation topics served (notificationMappings.json); others are refused. */
const CONVERSATION_TOPIC = /^v2\.(routing\.queues|users)\.([^.?&]+)\.conversations(\.messages)?$/;

// ----- ws (the WebSocket implementation). It ships no types and @types/ws is not installed: the part used here. ---

interface WsSocket {
    readonly readyState: number;
    send(data: string): void;
    close(code?: number, reason?: string): void;
    terminate(): void;
    on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
    on(event: 'close', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
}

interface WsServer {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, done: (ws: WsSocket) => void): void;
    close(): void;
}

const WS_OPEN = 1;

function loadWsServer(): new (options: { noServer: true; maxPayload: number }) => WsServer {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- ws has no type declarations in this project
    return (require('ws') as { WebSocketServer: new (options: { noServer: true; maxPayload: number }) => WsServer })
        .WebSocketServer;
}

// ----- the service ----------------------------------------------------------------------------------------------

export interface NotificationEnvelope {
    topicName: string;
    version: string;
    eventBody: unknown;
    metadata: { CorrelationId: string };
}

export interface ChannelSnapshot {
    id: string;
    connectUri: string;
    expires: string;
    /** The OAuth client and user the channel belongs to (`clientId|userId`). */
    owner: string;
    topics: string[];
    connected: boolean;
    silenced: boolean;
}

/** One notification as sent (tests and the bench observe the stream through this). */
export interface SentNotification {
    channelId: string;
    topicName: string;
    conversationId: string;
    sentAt: number;
    envelope: NotificationEnvelope;
}

/** Test and control hooks (in-process as `sim.notifications`, over HTTP under /__sim/notifications). */
export interface NotificationsControl {
    channels(): ChannelSnapshot[];
    /** Cuts the TCP connection of the channel's socket (every socket when no id): no close frame, like a network drop. */
    drop(channelId?: string): number;
    /** Keeps the socket open but sends nothing more on it (no heartbeat, no notification): a half-open connection. */
    silence(channelId?: string, silent?: boolean): number;
    /** Maintenance: v2.system.socket_closing now, the socket closed a minute later (clock time). */
    closeForMaintenance(channelId?: string): number;
    /** Expires the channel now: v2.system.socket_closing, then the socket closes and the channel is gone. */
    expire(channelId?: string): number;
    /** Called for every notification sent on a socket. */
    onNotification(listener: (sent: SentNotification) => void): () => void;
}

export interface NotificationsDeps {
    clock: Clock;
    auth: Auth;
    centre: () => ContactCentre;
    /** The simulator's event stream: every conversation change publishes one (EventHub.subscribe). */
    subscribe: (listener: (event: SimEvent) => void) => () => void;
    rateLimiter: RateLimiter;
    faults: Faults;
    /** The simulator's http://127.0.0.1:<port>; connectUri is its ws:// form. */
    origin: () => string;
}

export interface NotificationsReply {
    status: number;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
    operation?: string;
}

export interface NotificationsService {
    control: NotificationsControl;
    /** Whether the request is one of this service's (API routes, the activity query, /__sim/notifications). */
    handles(pathname: string): boolean;
    handle(req: IncomingMessage, url: string, rawBody: string): Promise<NotificationsReply>;
    /** The server's 'upgrade' event: a WebSocket to a channel's connectUri. */
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
    close(): void;
}

interface ChannelState {
    id: string;
    owner: string;
    topics: Set<string>;
    expiresAt: number;
    lastUsedAt: number;
    socket?: WsSocket;
    silenced: boolean;
    heartbeat?: TimerHandle;
    warnTimer?: TimerHandle;
    expiryTimer?: TimerHandle;
    closeTimer?: TimerHandle;
}

interface Route {
    method: string;
    pattern: RegExp;
    operation: (typeof NOTIFICATION_OPERATIONS)[number];
}

const CHANNELS_PATH = '/api/v2/notifications/channels';
const ACTIVITY_PATH = '/api/v2/analytics/conversations/activity/query';
const ROUTES: Route[] = [
    { method: 'POST', pattern: /^\/api\/v2\/notifications\/channels$/, operation: 'postNotificationsChannels' },
    { method: 'GET', pattern: /^\/api\/v2\/notifications\/channels$/, operation: 'getNotificationsChannels' },
    { method: 'HEAD', pattern: /^\/api\/v2\/notifications\/channels\/([^/]+)$/, operation: 'headNotificationsChannel' },
    ...(['GET', 'PUT', 'POST', 'DELETE'] as const).map((method): Route => ({
        method,
        pattern: /^\/api\/v2\/notifications\/channels\/([^/]+)\/subscriptions$/,
        operation:
            `${method === 'GET' ? 'get' : method.toLowerCase()}NotificationsChannelSubscriptions` as Route['operation']
    })),
    {
        method: 'POST',
        pattern: /^\/api\/v2\/analytics\/conversations\/activity\/query$/,
        operation: 'postAnalyticsConversationsActivityQuery'
    }
];

export function createNotifications(deps: NotificationsDeps): NotificationsService {
    const { clock } = deps;
    const channels = new Map<string, ChannelState>();
    const listeners = new Set<(sent: SentNotification) => void>();
    const WebSocketServer = loadWsServer();
    const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
    const dirty = new Set<string>();
    let flushQueued = false;

    // ----- the stream ---------------------------------------------------------------------------------------------

    const send = (channel: ChannelState, message: unknown): boolean => {
        const socket = channel.socket;
        if (socket === undefined || socket.readyState !== WS_OPEN || channel.silenced) return false;
        socket.send(JSON.stringify(message));
        return true;
    };

    const armHeartbeat = (channel: ChannelState): void => {
        clock.clearTimer(channel.heartbeat);
        channel.heartbeat = clock.setTimer(() => {
            if (channel.socket === undefined) return;
            send(channel, HEARTBEAT);
            armHeartbeat(channel);
        }, HEARTBEAT_INTERVAL_MS);
    };

    const socketClosing = (channel: ChannelState, reason: string): NotificationEnvelope => ({
        topicName: 'v2.system.socket_closing',
        version: '2',
        eventBody: {
            channelId: channel.id,
            systemTopicType: 'socket_closing',
            correlationId: randomUUID(),
            oauthClientId: channel.owner.split('|')[0],
            userId: channel.owner.split('|')[1],
            reason,
            message: `The WebSocket of channel ${channel.id} closes in ${SOCKET_CLOSING_NOTICE_MS / 1000} seconds; connect a new one`
        },
        metadata: { CorrelationId: randomUUID() }
    });

    const detach = (channel: ChannelState, how: 'close' | 'terminate'): void => {
        const socket = channel.socket;
        channel.socket = undefined;
        clock.clearTimer(channel.heartbeat);
        clock.clearTimer(channel.closeTimer);
        if (socket === undefined) return;
        if (how === 'terminate') socket.terminate();
        else socket.close(1000, 'channel closed');
    };

    const remove = (channel: ChannelState): void => {
        detach(channel, 'close');
        clock.clearTimer(channel.warnTimer);
        clock.clearTimer(channel.expiryTimer);
        channels.delete(channel.id);
    };

    const scheduleExpiry = (channel: ChannelState): void => {
        clock.clearTimer(channel.warnTimer);
        clock.clearTimer(channel.expiryTimer);
        const left = channel.expiresAt - clock.now();
        channel.warnTimer = clock.setTimer(
            () => send(channel, socketClosing(channel, 'channel expiring')),
            Math.max(0, left - SOCKET_CLOSING_NOTICE_MS)
        );
        channel.expiryTimer = clock.setTimer(() => remove(channel), left);
    };

    const connectUri = (id: string): string => `${deps.origin().replace(/^http/, 'ws')}/channels/${id}`;

    const renderChannel = (c: ChannelState) => ({
        connectUri: connectUri(c.id),
        id: c.id,
        expires: new Date(c.expiresAt).toISOString()
    });

    function topicsOf(c: Conversation): string[] {
        const topics = new Set<string>();
        for (const p of c.participants) {
            if (p.queueId !== undefined) topics.add(`v2.routing.queues.${p.queueId}.conversations`);
            if (p.userId !== undefined) topics.add(`v2.users.${p.userId}.conversations`);
        }
        // The `.messages` topics carry message conversations only.
        return c.mediaType === 'message' ? [...topics].flatMap((t) => [t, `${t}.messages`]) : [...topics];
    }

    function flush(): void {
        flushQueued = false;
        const ids = [...dirty];
        dirty.clear();
        const centre = deps.centre();
        const open = [...channels.values()].filter((ch) => ch.socket !== undefined && !ch.silenced);
        if (open.length === 0) return;
        for (const id of ids) {
            const conversation = centre.conversations.get(id);
            if (conversation === undefined) continue;
            const bodies: { all?: unknown; messages?: unknown } = {};
            for (const topicName of topicsOf(conversation)) {
                const targets = open.filter((ch) => ch.topics.has(topicName));
                if (targets.length === 0) continue;
                const messagesTopic = topicName.endsWith('.messages');
                const eventBody = messagesTopic
                    ? (bodies.messages ??= messageConversation(centre, conversation))
                    : (bodies.all ??= allMediaConversation(centre, conversation));
                for (const channel of targets) {
                    const envelope: NotificationEnvelope = {
                        topicName,
                        version: '2',
                        eventBody,
                        metadata: { CorrelationId: randomUUID() }
                    };
                    if (!send(channel, envelope)) continue;
                    const sent = {
                        channelId: channel.id,
                        topicName,
                        conversationId: id,
                        sentAt: clock.now(),
                        envelope
                    };
                    for (const listener of listeners) listener(sent);
                }
            }
        }
    }

    // Every conversation change publishes a simulator event; the changes of one synchronous step (a pick-up that
    // also ends the queue's leg) become one notification per topic with the conversation as it then is.
    const unsubscribe = deps.subscribe((event) => {
        if (event.conversationId === null) return;
        dirty.add(event.conversationId);
        if (!flushQueued) {
            flushQueued = true;
            queueMicrotask(flush);
        }
    });

    // ----- REST -----------------------------------------------------------------------------------------------------

    const ownerOf = (token: TokenInfo): string => `${token.clientId}|${token.userId}`;

    const ownedChannel = (token: TokenInfo, id: string): ChannelState => {
        const channel = channels.get(decodeURIComponent(id));
        if (channel === undefined || channel.owner !== ownerOf(token)) {
            throw new SimError(404, 'not.found', `Channel ${id} was not found`, {
                entityId: id,
                details: [{ errorCode: 'not.found', entityId: id, entityName: 'channel' }]
            });
        }
        return channel;
    };

    function createChannel(token: TokenInfo): ChannelState {
        const owner = ownerOf(token);
        const mine = [...channels.values()].filter((c) => c.owner === owner);
        if (mine.length >= MAX_CHANNELS_PER_USER_APP) {
            // The oldest last used goes, channels without an active connection first.
            const victim = [...mine].sort(
                (a, b) => Number(a.socket !== undefined) - Number(b.socket !== undefined) || a.lastUsedAt - b.lastUsedAt
            )[0];
            if (victim !== undefined) remove(victim);
        }
        const channel: ChannelState = {
            id: `streaming-0-${randomBytes(16).toString('hex').slice(0, 26)}`,
            owner,
            topics: new Set(),
            expiresAt: clock.now() + CHANNEL_LIFETIME_MS,
            lastUsedAt: clock.now(),
            silenced: false
        };
        channels.set(channel.id, channel);
        scheduleExpiry(channel);
        return channel;
    }

    function subscribe(channel: ChannelState, method: string, body: unknown, ignoreErrors: boolean) {
        if (method === 'DELETE') {
            channel.topics.clear();
            return undefined;
        }
        if (
            !Array.isArray(body) ||
            !body.every((t) => t !== null && typeof t === 'object' && typeof (t as { id?: unknown }).id === 'string')
        ) {
            throw new SimError(400, 'bad.request', 'The body must be a list of topics: [{"id": "<topic>"}]', {
                details: [{ errorCode: 'bad.request', fieldName: 'body' }]
            });
        }
        const requested = (body as { id: string }[]).map((t) => t.id);
        const rejected = requested.filter((id) => !CONVERSATION_TOPIC.test(id));
        if (rejected.length > 0 && !ignoreErrors) {
            throw new SimError(
                400,
                'bad.request',
                `Invalid topic ${rejected[0] ?? ''}: this simulator serves conversation topics only`,
                {
                    details: rejected.map((id) => ({ errorCode: 'invalid.value', fieldName: 'id', entityId: id }))
                }
            );
        }
        const accepted = requested.filter((id) => CONVERSATION_TOPIC.test(id));
        const next = new Set(method === 'PUT' ? accepted : [...channel.topics, ...accepted]);
        if (next.size > MAX_TOPICS_PER_CHANNEL) {
            throw new SimError(
                400,
                'bad.request',
                `A channel can subscribe to at most ${MAX_TOPICS_PER_CHANNEL} topics; this request would give channel ${channel.id} ${next.size}`,
                {
                    params: { limit: String(MAX_TOPICS_PER_CHANNEL), requested: String(next.size) },
                    details: [
                        { errorCode: 'bad.request', fieldName: 'topics', entityId: channel.id, entityName: 'channel' }
                    ]
                }
            );
        }
        channel.topics = next;
        // "To maintain a channel for longer than 24 hours, resubscribe to topics."
        channel.expiresAt = clock.now() + CHANNEL_LIFETIME_MS;
        channel.lastUsedAt = clock.now();
        scheduleExpiry(channel);
        return {
            entities: [
                ...[...channel.topics].map((id) => ({ id })),
                ...rejected.map((id) => ({ id, state: 'Rejected', rejectionReason: 'Topic not found' }))
            ]
        };
    }

    async function api(req: IncomingMessage, url: URL, rawBody: string): Promise<NotificationsReply> {
        const method = req.method ?? 'GET';
        const token = deps.auth.authenticate(req.headers.authorization);
        const verdict = deps.rateLimiter.hit(token.token);
        const limitHeaders: Record<string, string> =
            verdict === undefined
                ? {}
                : {
                      'inin-ratelimit-count': String(verdict.count),
                      'inin-ratelimit-allowed': String(verdict.limit),
                      'inin-ratelimit-reset': String(verdict.resetSeconds)
                  };
        if (verdict !== undefined && !verdict.allowed)
            return tooManyRequests(verdict.resetSeconds, verdict.limit, limitHeaders);
        let operation: Route['operation'] | undefined;
        let param = '';
        for (const route of ROUTES) {
            const match = route.method === method ? route.pattern.exec(url.pathname) : null;
            if (match === null) continue;
            operation = route.operation;
            param = match[1] ?? '';
            break;
        }
        if (operation === undefined) throw new SimError(404, 'not.found', `No resource at ${method} ${url.pathname}`);
        const fault = deps.faults.take(operation);
        const faulted = await applyFault(fault, operation);
        if (faulted !== undefined) return { ...faulted, headers: { ...limitHeaders, ...faulted.headers } };
        const body = parseJsonBody(req, rawBody);
        const ok = (status: number, value?: unknown): NotificationsReply => {
            if (fault?.malformed === true) return { status, raw: '{"id":"', headers: limitHeaders, operation };
            return { status, body: value, headers: limitHeaders, operation };
        };
        switch (operation) {
            case 'postNotificationsChannels':
                return ok(200, renderChannel(createChannel(token)));
            case 'getNotificationsChannels': {
                const scope = url.searchParams.get('includechannels') ?? 'token';
                const owner = ownerOf(token);
                const [clientId] = owner.split('|');
                // "Channel Ids for other access tokens will not be shown, but will be presented to show their existence."
                const entities = [...channels.values()]
                    .filter((c) => c.owner === owner || (scope === 'oauthclient' && c.owner.split('|')[0] === clientId))
                    .map((c) =>
                        c.owner === owner ? renderChannel(c) : { expires: new Date(c.expiresAt).toISOString() }
                    );
                return ok(200, { entities });
            }
            case 'headNotificationsChannel':
                ownedChannel(token, param);
                return ok(200);
            case 'getNotificationsChannelSubscriptions':
                return ok(200, { entities: [...ownedChannel(token, param).topics].map((id) => ({ id })) });
            case 'putNotificationsChannelSubscriptions':
            case 'postNotificationsChannelSubscriptions':
            case 'deleteNotificationsChannelSubscriptions': {
                const ignoreErrors = url.searchParams.get('ignoreErrors') === 'true';
                return ok(200, subscribe(ownedChannel(token, param), method, body, ignoreErrors));
            }
            case 'postAnalyticsConversationsActivityQuery':
                return ok(200, activityQuery(deps.centre(), body));
        }
    }

    async function applyFault(
        fault: FaultSpec | undefined,
        operation: string
    ): Promise<NotificationsReply | undefined> {
        if (fault === undefined) return undefined;
        if (fault.delayMs !== undefined) await sleep(clock, fault.delayMs);
        if (fault.status === undefined) return undefined;
        if (fault.status === 429) return { ...tooManyRequests(fault.retryAfterSeconds ?? 1, 300, {}), operation };
        const code = fault.code ?? (fault.status >= 500 ? 'internal.server.error' : 'bad.request');
        const message = fault.message ?? `Injected fault: ${operation} failed with ${fault.status}`;
        const headers: Record<string, string> =
            fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
        return { status: fault.status, body: errorBody(fault.status, code, message), headers, operation };
    }

    // ----- control --------------------------------------------------------------------------------------------------

    const pick = (channelId?: string): ChannelState[] =>
        channelId === undefined ? [...channels.values()] : [channels.get(channelId)].flatMap((c) => c ?? []);

    const control: NotificationsControl = {
        channels: () =>
            [...channels.values()].map((c) => ({
                ...renderChannel(c),
                owner: c.owner,
                topics: [...c.topics],
                connected: c.socket !== undefined,
                silenced: c.silenced
            })),
        drop: (channelId) => {
            const hit = pick(channelId).filter((c) => c.socket !== undefined);
            hit.forEach((c) => detach(c, 'terminate'));
            return hit.length;
        },
        silence: (channelId, silent = true) => {
            const hit = pick(channelId);
            hit.forEach((c) => (c.silenced = silent));
            return hit.length;
        },
        closeForMaintenance: (channelId) => {
            const hit = pick(channelId).filter((c) => c.socket !== undefined);
            for (const channel of hit) {
                send(channel, socketClosing(channel, 'maintenance'));
                clock.clearTimer(channel.closeTimer);
                channel.closeTimer = clock.setTimer(() => detach(channel, 'close'), SOCKET_CLOSING_NOTICE_MS);
            }
            return hit.length;
        },
        expire: (channelId) => {
            const hit = pick(channelId);
            for (const channel of hit) {
                send(channel, socketClosing(channel, 'channel expiring'));
                remove(channel);
            }
            return hit.length;
        },
        onNotification: (listener) => {
            listeners.add(listener);
            return () => listeners.delete(listener);
        }
    };

    function controlRequest(method: string, url: URL, rawBody: string, req: IncomingMessage): NotificationsReply {
        const body = (parseJsonBody(req, rawBody) ?? {}) as { channelId?: unknown; silent?: unknown };
        const channelId = typeof body.channelId === 'string' ? body.channelId : undefined;
        const action = url.pathname.slice('/__sim/notifications'.length);
        if (method === 'GET' && (action === '' || action === '/'))
            return { status: 200, body: { channels: control.channels() } };
        if (method === 'POST') {
            const count = (n: number): NotificationsReply => ({ status: 200, body: { channels: n } });
            if (action === '/drop') return count(control.drop(channelId));
            if (action === '/silence') return count(control.silence(channelId, body.silent !== false));
            if (action === '/maintenance') return count(control.closeForMaintenance(channelId));
            if (action === '/expire') return count(control.expire(channelId));
        }
        throw new SimError(404, 'not.found', `No control resource at ${method} ${url.pathname}`);
    }

    // ----- the WebSocket --------------------------------------------------------------------------------------------

    function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        const id = /^\/channels\/([^/]+)$/.exec(path)?.[1];
        const channel = id === undefined ? undefined : channels.get(decodeURIComponent(id));
        if (channel === undefined) {
            const body = JSON.stringify(errorBody(404, 'not.found', `Channel ${id ?? path} was not found`));
            socket.end(
                `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
            );
            return;
        }
        wss.handleUpgrade(req, socket, head, (ws) => {
            if (!channels.has(channel.id)) {
                ws.terminate();
                return;
            }
            // One WebSocket per channel: a second connection disconnects the first.
            if (channel.socket !== undefined) detach(channel, 'close');
            channel.socket = ws;
            channel.lastUsedAt = clock.now();
            armHeartbeat(channel);
            ws.on('message', (data) => {
                let message: unknown;
                try {
                    message = JSON.parse(data.toString('utf8'));
                } catch {
                    return;
                }
                if ((message as { message?: unknown } | null)?.message === 'ping') send(channel, PONG);
            });
            ws.on('close', () => {
                if (channel.socket === ws) {
                    channel.socket = undefined;
                    clock.clearTimer(channel.heartbeat);
                }
            });
            ws.on('error', () => undefined);
        });
    }

    return {
        control,
        handles: (pathname) =>
            pathname === CHANNELS_PATH ||
            pathname.startsWith(`${CHANNELS_PATH}/`) ||
            pathname === ACTIVITY_PATH ||
            pathname === '/__sim/notifications' ||
            pathname.startsWith('/__sim/notifications/'),
        handle: async (req, url, rawBody) => {
            const parsed = new URL(url, 'http://127.0.0.1');
            if (parsed.pathname.startsWith('/__sim/')) return controlRequest(req.method ?? 'GET', parsed, rawBody, req);
            return api(req, parsed, rawBody);
        },
        upgrade,
        close: () => {
            unsubscribe();
            for (const channel of [...channels.values()]) {
                detach(channel, 'terminate');
                remove(channel);
            }
            listeners.clear();
            wss.close();
        }
    };
}

// ----- the conversation activity query -------------------------------------------------------------------------------

interface ActivityPredicate {
    type?: string;
    dimension?: string;
    operator?: string;
    value?: string;
}

interface ActivityFilter {
    type: string;
    predicates?: ActivityPredicate[];
    clauses?: { type: string; predicates?: ActivityPredicate[] }[];
}

type Observation = Record<string, string | undefined> & {
    metric: string;
    activityDate: string;
    conversationId: string;
};

const ACTIVITY_METRICS = ['oAlerting', 'oInteracting', 'oWaiting'];

/**
 * POST /api/v2/analytics/conversations/activity/query: the conversations waiting in a queue (oWaiting), offered to an
 * agent (oAlerting) or handled by one (oInteracting) now, grouped by `groupBy`, with each observation in `entities` when
 * the metric asks for `details`. Conversations are message conversations here, so `mediaType` is `message`.
 */
export function activityQuery(centre: ContactCentre, body: unknown): unknown {
    const query = (body ?? {}) as { metrics?: unknown; groupBy?: unknown; filter?: unknown };
    const metrics = Array.isArray(query.metrics) ? (query.metrics as { metric?: unknown; details?: unknown }[]) : [];
    if (
        metrics.length === 0 ||
        !metrics.every((m) => typeof m.metric === 'string' && ACTIVITY_METRICS.includes(m.metric))
    ) {
        throw new SimError(400, 'bad.request', `metrics must list one or more of ${ACTIVITY_METRICS.join(', ')}`, {
            details: [{ errorCode: 'bad.request', fieldName: 'metrics' }]
        });
    }
    if (!Array.isArray(query.groupBy)) {
        throw new SimError(400, 'bad.request', 'groupBy is required', {
            details: [{ errorCode: 'bad.request', fieldName: 'groupBy' }]
        });
    }
    const groupBy = (query.groupBy as unknown[]).filter((g): g is string => typeof g === 'string');
    const filter = query.filter as ActivityFilter | undefined;
    const observations = observe(centre).filter((o) => filter === undefined || matchesFilter(o, filter));
    const groups = new Map<string, { group: Record<string, string>; items: Observation[] }>();
    for (const o of observations) {
        const group = Object.fromEntries(groupBy.flatMap((d) => (o[d] === undefined ? [] : [[d, o[d] as string]])));
        const key = JSON.stringify(group);
        const entry = groups.get(key) ?? { group, items: [] };
        entry.items.push(o);
        groups.set(key, entry);
    }
    return {
        results: [...groups.values()].map(({ group, items }) => ({
            group,
            data: metrics.map((m) => ({ metric: m.metric, count: items.filter((o) => o.metric === m.metric).length })),
            truncated: false,
            entities: items
                .filter((o) => metrics.some((m) => m.metric === o.metric && m.details === true))
                .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)))
        })),
        entityIdDimension: 'conversationId'
    };
}

function observe(centre: ContactCentre): Observation[] {
    const out: Observation[] = [];
    for (const c of centre.conversations.values()) {
        if (c.endTime !== undefined) continue;
        const customer = c.participants.find((p) => p.purpose === 'customer');
        if (customer === undefined || customer.state === 'disconnected') continue;
        const base = {
            conversationId: c.id,
            mediaType: 'message',
            direction: c.direction,
            addressFrom: c.direction === 'inbound' ? c.customerAddress : undefined,
            participantName: c.customerName,
            sessionId: customer.communicationId
        };
        const agent = c.participants.find((p) => p.purpose === 'agent' && isActive(p));
        if (agent !== undefined) {
            out.push({
                ...base,
                metric: agent.state === 'alerting' ? 'oAlerting' : 'oInteracting',
                activityDate: new Date(agent.connectedTime ?? agent.startAlertingTime ?? agent.startTime).toISOString(),
                queueId: agent.queueId,
                userId: agent.userId
            });
        } else if (c.participants.some((p) => p.purpose === 'acd' && p.state === 'connected')) {
            out.push({
                ...base,
                metric: 'oWaiting',
                activityDate: new Date(c.queuedSince).toISOString(),
                queueId: c.queueId
            });
        }
    }
    return out;
}

function matchesPredicate(o: Observation, p: ActivityPredicate): boolean {
    if (p.type === 'metric') return p.value === undefined || o.metric === p.value;
    const actual = p.dimension === undefined ? undefined : o[p.dimension];
    switch (p.operator ?? 'matches') {
        case 'exists':
            return actual !== undefined;
        case 'notExists':
            return actual === undefined;
        default:
            return actual !== undefined && actual === p.value;
    }
}

function matchesAll(o: Observation, type: string, predicates: ActivityPredicate[]): boolean {
    if (predicates.length === 0) return true;
    return type === 'or'
        ? predicates.some((p) => matchesPredicate(o, p))
        : predicates.every((p) => matchesPredicate(o, p));
}

function matchesFilter(o: Observation, filter: ActivityFilter): boolean {
    const parts = [
        ...(filter.predicates === undefined ? [] : [matchesAll(o, filter.type, filter.predicates)]),
        ...(filter.clauses ?? []).map((c) => matchesAll(o, c.type, c.predicates ?? []))
    ];
    if (parts.length === 0) return true;
    return filter.type === 'or' ? parts.some(Boolean) : parts.every(Boolean);
}

// ----- shared helpers -------------------------------------------------------------------------------------------------
