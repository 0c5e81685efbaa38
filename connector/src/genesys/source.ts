// The Genesys side as one object: the OAuth client, the SDK client, the notification channels for the configured
// queues' and users' conversation topics, reconciliation after every (re)connection, and the message content the
// delivery fetches before sending a customer message.
import { MAX_GAP_QUERY_MS } from '../config';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Models } from 'purecloud-platform-client-v2';
import type { BackoffPolicy } from '../backoff';
import type { Clock } from '../clock';
import type { NotificationEnvelope } from '../derive';
import type { Enricher } from '../delivery';
import type { OutboxStore } from '../store';
import { GenesysApi } from './api';
import { GenesysAuth } from './auth';
import { MAX_TOPICS_PER_CHANNEL, NotificationChannels, type ChannelEnd, type ChannelEvent } from './channels';
import { messageContentEnricher } from './content';
import { LISTENING_WATERMARK, Reconciler, type ReconcileResult } from './reconcile';

export interface GenesysSettings {
    apiUrl: string;
    loginUrl: string;
    clientId: string;
    clientSecret: string;
    queueIds: string[];
    userIds: string[];
    heartbeatTimeoutMs: number;
    renewBeforeMs: number;
    httpTimeoutMs: number;
    /** Sent as User-Agent. */
    userAgent: string;
}

/** Knobs tests turn; the defaults are Genesys's limits and sensible production values. */
export interface GenesysTuning {
    topicsPerChannel?: number;
    reconnectBackoff?: BackoffPolicy;
    reconcileConcurrency?: number;
    trackWindowMs?: number;
    /** How long fetching a message's content may wait (429, retries) before its event is retried later. */
    contentDeadlineMs?: number;
    /**
     * The gap query after a reconnection or restart (reconcile.ts): false turns it off; by default the interval starts
     * 5 min before the listening watermark, spans at most 7 days, and is read 100 conversations a page.
     */
    gapQuery?: false | { marginMs?: number; maxIntervalMs?: number; pageSize?: number };
    /** The listening watermark is written at most this often (default 5 s), not per message. */
    watermarkEveryMs?: number;
}

export interface GenesysSourceHooks {
    /** A notification of a conversation topic: derive and append its events. */
    onNotification: (envelope: NotificationEnvelope) => void;
    /** A conversation read back by reconciliation: derive and append its events; resolves with the events added. */
    onConversation: (conversation: Models.Conversation, queueId: string | null) => Promise<number>;
    onRequest?: (operation: string, status: number | 'network') => void;
    onRateLimited?: (operation: string, waitMs: number) => void;
    onTokenRequest?: () => void;
    onHeartbeat?: () => void;
}

/** The topics for the configured queues and users (notificationMappings.json of the official JS SDK). */
export function topicsFor(queueIds: string[], userIds: string[]): string[] {
    return [
        ...queueIds.map((id) => `v2.routing.queues.${id}.conversations`),
        ...userIds.map((id) => `v2.users.${id}.conversations`)
    ];
}

/**
 * Events: 'connected' (ChannelEvent), 'ended' (ChannelEvent & {end}), 'reconciled' (ReconcileResult),
 * 'rate-limited' ({operation, waitMs}).
 */
export class GenesysSource extends EventEmitter {
    readonly auth: GenesysAuth;
    readonly api: GenesysApi;
    readonly channels: NotificationChannels;
    readonly reconciler: Reconciler;
    readonly enricher: Enricher;
    readonly topics: string[];
    /** Stops the channels and reconciliation (no new events). */
    private readonly intake = new AbortController();
    /** Stops every Genesys call, the message fetches of deliveries in flight included. */
    private readonly abort = new AbortController();
    private lastReconcile: ReconcileResult | undefined;
    /** When the listening watermark was last written by this instance. */
    private watermarkWrittenAt = -Infinity;

    constructor(
        settings: GenesysSettings,
        private readonly deps: { clock: Clock; log: Logger; store: OutboxStore; leaseMs: number },
        hooks: GenesysSourceHooks,
        tuning: GenesysTuning = {}
    ) {
        super();
        const { clock, log, store } = deps;
        const signal = this.abort.signal;
        const intake = AbortSignal.any([this.intake.signal, signal]);
        this.auth = new GenesysAuth(settings, clock, signal, {
            onTokenRequest: hooks.onTokenRequest,
            onRateLimited: (operation, waitMs) => this.rateLimited(hooks, operation, waitMs)
        });
        this.api = new GenesysApi(settings, this.auth, clock, signal, {
            onRequest: hooks.onRequest,
            onRateLimited: (operation, waitMs) => this.rateLimited(hooks, operation, waitMs)
        });
        this.topics = topicsFor(settings.queueIds, settings.userIds);
        this.reconciler = new Reconciler({
            api: this.api,
            store,
            clock,
            log,
            signal: intake,
            queueIds: settings.queueIds,
            userIds: settings.userIds,
            concurrency: tuning.reconcileConcurrency ?? 4,
            trackWindowMs: tuning.trackWindowMs ?? 48 * 60 * 60 * 1000,
            gapQuery:
                tuning.gapQuery === false
                    ? false
                    : {
                          watermark: LISTENING_WATERMARK,
                          marginMs: tuning.gapQuery?.marginMs ?? 5 * 60 * 1000,
                          maxIntervalMs: tuning.gapQuery?.maxIntervalMs ?? MAX_GAP_QUERY_MS,
                          pageSize: tuning.gapQuery?.pageSize ?? 100
                      },
            ingest: hooks.onConversation,
            onDone: (result) => {
                this.lastReconcile = result;
                this.emit('reconciled', result);
            }
        });
        this.channels = new NotificationChannels({
            api: this.api,
            clock,
            log,
            signal: intake,
            topics: this.topics,
            topicsPerChannel: tuning.topicsPerChannel ?? MAX_TOPICS_PER_CHANNEL,
            heartbeatTimeoutMs: settings.heartbeatTimeoutMs,
            renewBeforeMs: settings.renewBeforeMs,
            backoff: tuning.reconnectBackoff ?? { baseMs: 1000, maxMs: 60_000 },
            httpTimeoutMs: settings.httpTimeoutMs,
            userAgent: settings.userAgent,
            onNotification: (envelope) => {
                this.listening(tuning.watermarkEveryMs ?? 5000);
                hooks.onNotification(envelope);
            },
            onConnected: (event: ChannelEvent) => {
                this.emit('connected', event);
                this.reconciler.request(`channel ${event.shard} ${event.reason}`);
            },
            onEnded: (event: ChannelEvent & { end: ChannelEnd }) => this.emit('ended', event),
            onHeartbeat: () => {
                this.listening(tuning.watermarkEveryMs ?? 5000);
                hooks.onHeartbeat?.();
            }
        });
        // Well within the lease, so a delivery never outlives its claim while it waits for Genesys.
        this.enricher = messageContentEnricher(this.api, clock, log, tuning.contentDeadlineMs ?? deps.leaseMs / 3);
    }

    /**
     * A message arrived on a channel: the connector is listening now. The watermark moves on (at most every `everyMs`)
     * only while every channel is connected and no reconciliation is asked for or running: a reconciliation reads
     * the watermark to know where its gap began, and moves it itself once the gap is read back.
     */
    private listening(everyMs: number): void {
        const now = this.deps.clock.now();
        if (now - this.watermarkWrittenAt < everyMs || this.reconciler.busy) return;
        if (!this.channels.status().every((c) => c.connected)) return;
        this.watermarkWrittenAt = now;
        this.deps.store.setWatermark(LISTENING_WATERMARK, now).catch((error: unknown) => {
            this.deps.log.warn({ err: error }, 'listening watermark not stored; retried with the next message');
            this.watermarkWrittenAt = -Infinity;
        });
    }

    private rateLimited(hooks: GenesysSourceHooks, operation: string, waitMs: number): void {
        hooks.onRateLimited?.(operation, waitMs);
        this.deps.log.warn({ operation, waitMs }, 'Genesys answered 429; waiting as its Retry-After says');
        this.emit('rate-limited', { operation, waitMs });
    }

    start(): void {
        this.channels.start();
    }

    /** Closes the channels and ends reconciliation; the API stays usable (deliveries in flight fetch content). */
    async stopIntake(): Promise<void> {
        this.intake.abort();
        await this.channels.stopped();
        await this.reconciler.idle();
    }

    async stop(): Promise<void> {
        await this.stopIntake();
        this.abort.abort();
    }

    status(): {
        topics: number;
        channels: ReturnType<NotificationChannels['status']>;
        lastReconcile: ReconcileResult | null;
    } {
        return {
            topics: this.topics.length,
            channels: this.channels.status(),
            lastReconcile: this.lastReconcile ?? null
        };
    }
}
