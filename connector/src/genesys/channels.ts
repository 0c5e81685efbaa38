// Notification channels: as many as the topic limit requires, each one created, connected and subscribed through
// the official SDK's NotificationsApi, watched, and replaced when it drops, goes quiet or comes to its end.
//
// Genesys facts relied on (sources in docs/connector.md, "Genesys side"):
// - a channel holds at most 1,000 topics, there are at most 20 channels per user and app, and a channel lives 24 h;
// - every message is {topicName, version, eventBody, metadata}; `channel.metadata` brings a heartbeat every 30 s;
// - `v2.system.socket_closing` announces that the service closes the socket within a minute;
// - nothing is queued for a channel while no socket is connected: what happens meanwhile must be read back
//   (reconcile.ts), which the connector does after every (re)connection.
//
// One loop per shard of topics. A shard's channel is replaced:
// - after a drop (the socket closed or failed) or a missed heartbeat (nothing received for heartbeatTimeoutMs):
//   a new channel at once, then with backoff if creating it keeps failing;
// - on v2.system.socket_closing, or renewBeforeMs before the channel expires: the new channel is connected and
//   subscribed while the old one still delivers, and only then is the old one closed (no gap; duplicates are
//   harmless, the outbox keeps one event per change).
import type { Logger } from 'pino';
import type { Models } from 'purecloud-platform-client-v2';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import type { Clock } from '../clock';
import type { NotificationEnvelope } from '../derive';
import { StoppedError } from './auth';
import type { GenesysApi } from './api';
import { WS_OPEN, openWebSocket, type WebSocketLike } from './ws';

/** Genesys's topic limit per channel. */
export const MAX_TOPICS_PER_CHANNEL = 1000;
/** Genesys's channel limit per user and app; one is kept free for the overlap of a replacement. */
export const MAX_CHANNELS = 20;
/** Genesys channels live 24 hours. */
export const CHANNEL_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type ChannelEnd =
    | { kind: 'closed'; code: number | null }
    | { kind: 'heartbeat-missed'; idleMs: number }
    | { kind: 'socket-closing' }
    | { kind: 'renew' }
    | { kind: 'stopped' };

export interface ChannelEvent {
    shard: number;
    channelId: string;
    /** Why this channel was made: start, closed, heartbeat-missed, socket-closing, renew, retry. */
    reason: string;
}

export interface ChannelsOptions {
    api: GenesysApi;
    clock: Clock;
    log: Logger;
    signal: AbortSignal;
    topics: string[];
    topicsPerChannel: number;
    heartbeatTimeoutMs: number;
    renewBeforeMs: number;
    backoff: BackoffPolicy;
    httpTimeoutMs: number;
    userAgent: string;
    onNotification: (envelope: NotificationEnvelope) => void;
    /** A channel is connected and subscribed: whatever happened before it may have been missed. */
    onConnected: (event: ChannelEvent) => void;
    /** A channel ended (closed, went quiet, is being replaced). */
    onEnded?: (event: ChannelEvent & { end: ChannelEnd }) => void;
    onHeartbeat?: () => void;
}

export interface ChannelStatus {
    shard: number;
    topics: number;
    channelId: string | null;
    connected: boolean;
    since: string | null;
    expires: string | null;
}

/** One connected channel: its socket, what it receives, and how it ends. */
class Connection {
    readonly ended: Promise<ChannelEnd>;
    private finish!: (end: ChannelEnd) => void;
    private done = false;
    private lastMessageAt: number;
    /** Messages received (heartbeats included). */
    received = 0;
    private readonly stop = new AbortController();

    constructor(
        readonly channel: { id: string; expiresAt: number },
        private readonly ws: WebSocketLike,
        private readonly options: ChannelsOptions
    ) {
        this.lastMessageAt = options.clock.now();
        this.ended = new Promise((resolve) => (this.finish = resolve));
        const onAbort = (): void => this.end({ kind: 'stopped' });
        options.signal.addEventListener('abort', onAbort, { once: true });
        this.stop.signal.addEventListener('abort', () => options.signal.removeEventListener('abort', onAbort), {
            once: true
        });
        if (options.signal.aborted) onAbort();
        ws.on('message', (data) => this.receive(data));
        ws.on('close', (code) => this.end({ kind: 'closed', code }));
        ws.on('error', () => this.end({ kind: 'closed', code: null }));
        void this.watchHeartbeat();
        void this.watchExpiry();
    }

    /** Ends the watch with `end` (the socket stays open until close(): a replacement may still be connecting). */
    private end(end: ChannelEnd): void {
        if (this.done) return;
        this.done = true;
        this.stop.abort();
        this.finish(end);
    }

    close(): void {
        this.end({ kind: 'stopped' });
        this.ws.removeAllListeners();
        this.ws.on('error', () => undefined);
        if (this.ws.readyState === WS_OPEN) this.ws.close(1000, 'replaced');
        else this.ws.terminate();
    }

    private receive(data: Buffer): void {
        this.lastMessageAt = this.options.clock.now();
        this.received++;
        let message: NotificationEnvelope;
        try {
            message = JSON.parse(data.toString('utf8')) as NotificationEnvelope;
        } catch {
            this.options.log.warn({ channelId: this.channel.id }, 'notification is not JSON; ignored');
            return;
        }
        if (message.topicName === 'channel.metadata') {
            this.options.onHeartbeat?.();
            return;
        }
        if (message.topicName === 'v2.system.socket_closing') {
            this.options.log.info({ channelId: this.channel.id }, 'Genesys announced the socket closes: replacing it');
            this.end({ kind: 'socket-closing' });
            return;
        }
        if (typeof message.topicName === 'string' && message.eventBody !== undefined) {
            this.options.onNotification(message);
        }
    }

    /** Any message proves the socket alive; Genesys sends a heartbeat every 30 s, so silence means a dead socket. */
    private async watchHeartbeat(): Promise<void> {
        const { clock, heartbeatTimeoutMs } = this.options;
        while (!this.done) {
            const idle = clock.now() - this.lastMessageAt;
            if (idle >= heartbeatTimeoutMs) {
                this.end({ kind: 'heartbeat-missed', idleMs: idle });
                return;
            }
            await clock.wait(heartbeatTimeoutMs - idle, this.stop.signal);
        }
    }

    private async watchExpiry(): Promise<void> {
        const { clock, renewBeforeMs } = this.options;
        // A channel already due for renewal when it connects (a short-lived one) is renewed a minute later, not in a loop.
        const due = this.channel.expiresAt - renewBeforeMs;
        const at = due > clock.now() ? due : clock.now() + 60_000;
        while (!this.done && clock.now() < at) await clock.wait(at - clock.now(), this.stop.signal);
        this.end({ kind: 'renew' });
    }
}

export class NotificationChannels {
    private readonly shards: string[][];
    private readonly status_: ChannelStatus[];
    private loops: Promise<void>[] = [];

    constructor(private readonly options: ChannelsOptions) {
        const { topics, topicsPerChannel } = options;
        this.shards = [];
        for (let i = 0; i < topics.length; i += topicsPerChannel)
            this.shards.push(topics.slice(i, i + topicsPerChannel));
        if (this.shards.length > MAX_CHANNELS - 1) {
            throw new Error(
                `${topics.length} topics need ${this.shards.length} channels; Genesys allows ${MAX_CHANNELS} per client, one of them kept for renewals`
            );
        }
        this.status_ = this.shards.map((s, shard) => ({
            shard,
            topics: s.length,
            channelId: null,
            connected: false,
            since: null,
            expires: null
        }));
    }

    get channelCount(): number {
        return this.shards.length;
    }

    status(): ChannelStatus[] {
        return this.status_.map((s) => ({ ...s }));
    }

    start(): void {
        this.loops = this.shards.map((topics, shard) => this.run(shard, topics));
    }

    /** Resolves when every shard's loop has ended (after the signal aborted). */
    async stopped(): Promise<void> {
        await Promise.all(this.loops);
    }

    private async run(shard: number, topics: string[]): Promise<void> {
        const { api, clock, log, signal, backoff } = this.options;
        const state = this.status_[shard]!;
        let failures = 0;
        let reason = 'start';
        /** The channel being replaced: it keeps delivering until its replacement is subscribed. */
        let retiring: Connection | undefined;
        while (!signal.aborted) {
            let connection: Connection | undefined;
            try {
                const channel = await api.call<Models.Channel>('postNotificationsChannels', () =>
                    api.notifications.postNotificationsChannels()
                );
                if (channel.id === undefined || channel.connectUri === undefined) {
                    throw new Error('postNotificationsChannels answered without id or connectUri');
                }
                const ws = await openWebSocket(channel.connectUri, {
                    timeoutMs: this.options.httpTimeoutMs,
                    userAgent: this.options.userAgent
                });
                connection = new Connection(
                    { id: channel.id, expiresAt: expiresAt(channel, clock.now()) },
                    ws,
                    this.options
                );
                const channelId = channel.id;
                await api.call('putNotificationsChannelSubscriptions', () =>
                    api.notifications.putNotificationsChannelSubscriptions(
                        channelId,
                        topics.map((id) => ({ id }))
                    )
                );
                retiring?.close();
                retiring = undefined;
                Object.assign(state, {
                    channelId,
                    connected: true,
                    since: new Date(clock.now()).toISOString(),
                    expires: new Date(connection.channel.expiresAt).toISOString()
                });
                log.info({ shard, channelId, topics: topics.length, reason }, 'notification channel connected');
                this.options.onConnected({ shard, channelId, reason });
                const end = await connection.ended;
                this.options.onEnded?.({ shard, channelId, reason: end.kind, end });
                if (end.kind === 'stopped') {
                    connection.close();
                    break;
                }
                reason = end.kind;
                if (end.kind === 'socket-closing' || end.kind === 'renew') {
                    failures = 0;
                    retiring = connection;
                    continue;
                }
                connection.close();
                state.connected = false;
                log.warn({ shard, channelId, end }, 'notification channel lost; replacing it');
                // A channel that dies before its first message (Genesys sends a heartbeat within 30 s) must not turn
                // into a tight loop of channel creations: that counts as a failure, with backoff.
                if (connection.received === 0) {
                    failures++;
                    await clock.wait(backoffDelay(backoff, failures), signal);
                } else failures = 0;
            } catch (error) {
                connection?.close();
                state.connected = retiring !== undefined;
                if (signal.aborted || error instanceof StoppedError) break;
                failures++;
                const delay = backoffDelay(backoff, failures);
                log.error(
                    { shard, err: error, retryInMs: delay },
                    'notification channel could not be set up; retrying'
                );
                reason = 'retry';
                await clock.wait(delay, signal);
            }
        }
        retiring?.close();
        state.connected = false;
    }
}

/**
 * When the channel expires, on this connector's clock. Genesys gives `expires` on its own clock; when that is not
 * within a day from now (clocks apart, or no value) the documented 24 hours count from now.
 */
function expiresAt(channel: Models.Channel, now: number): number {
    const stated = channel.expires === undefined ? NaN : Date.parse(channel.expires);
    const left = stated - now;
    return Number.isFinite(left) && left > 0 && left <= CHANNEL_LIFETIME_MS + 60 * 60 * 1000
        ? stated
        : now + CHANNEL_LIFETIME_MS;
}
