// Reconciliation: after every (re)connection of a channel, whatever happened while no socket listened is read back,
// since Genesys keeps nothing for a channel without a socket. Two sources of conversations to read:
// - the configured queues' (and users') conversations active now, from the real-time conversation activity query
//   (AnalyticsApi.postAnalyticsConversationsActivityQuery, POST /api/v2/analytics/conversations/activity/query,
//   metrics oWaiting, oAlerting, oInteracting with details; "Requires ANY permissions: analytics:queueObservation:view",
//   build/docs/AnalyticsApi.md of the JS SDK): conversations that started meanwhile;
// - the conversations this connector's store holds as still open: ones that moved on or ended meanwhile;
// - after a gap, the conversations that started and ended entirely while nothing listened: the conversation details
//   query (AnalyticsApi.postAnalyticsConversationsDetailsQuery, POST /api/v2/analytics/conversations/details/query,
//   "Requires ANY permissions: analytics:conversationDetail:view, analytics:agentConversationDetail:view",
//   build/docs/AnalyticsApi.md of the JS SDK) over [watermark - margin, now], the watermark being the last time the
//   connector knew it was listening (kept in the store, GenesysSource), filtered to the configured queues and users
//   and mediaType message or email. Each conversation found that the store does not know is read like the others.
// Each is read with ConversationsApi.getConversation (GET /api/v2/conversations/{id}, "Requires ANY permissions:
// conversation:communication:view") and goes through the same derivation as a notification, so a change seen
// live and read back later has one event id, and the outbox keeps it once.
import type { Logger } from 'pino';
import type { Models } from 'purecloud-platform-client-v2';
import type { Clock } from '../clock';
import type { OutboxStore } from '../store';
import { GenesysApiError, type GenesysApi } from './api';
import { StoppedError } from './auth';

export interface ReconcileResult {
    reason: string;
    /** Conversations the activity query returned. */
    active: number;
    /** Open conversations from the store. */
    tracked: number;
    /** Conversations the details query found over the gap that the store did not know (null: no query ran). */
    gap: { from: string; to: string; found: number; unknown: number } | null;
    /** Conversations read (GET), and of those gone from Genesys. */
    read: number;
    gone: number;
    /** Events the reads added to the outbox. */
    events: number;
    ms: number;
}

export interface ReconcilerOptions {
    api: GenesysApi;
    store: OutboxStore;
    clock: Clock;
    log: Logger;
    signal: AbortSignal;
    queueIds: string[];
    userIds: string[];
    /** Reads in parallel (each counts against the token's rate limit). */
    concurrency: number;
    /** How far back an open conversation in the store is still read (older ones are abandoned). */
    trackWindowMs: number;
    /**
     * The gap query: the listening watermark's name in the store, how far before it to look (clocks, the watermark's
     * staleness), the longest interval queried (older gaps are cut, with a warning), and the page size.
     * false: no gap query (the watermark is still kept).
     */
    gapQuery: false | { watermark: string; marginMs: number; maxIntervalMs: number; pageSize: number };
    /** Derives and appends the events of one conversation read back; resolves with the events added. */
    ingest: (conversation: Models.Conversation, queueId: string | null) => Promise<number>;
    onDone?: (result: ReconcileResult) => void;
}

/** The media types Relay handles: messaging and email conversations (docs/email.md). */
const MEDIA_TYPES = ['message', 'email'];

/** Predicates per activity query (a query names each queue; kept small). */
const PREDICATES_PER_QUERY = 50;
/** Where the listening watermark is kept (OutboxStore.getWatermark). */
export const LISTENING_WATERMARK = 'genesys.listening';

export class Reconciler {
    private running: Promise<void> | undefined;
    private again: string | undefined;

    constructor(private readonly options: ReconcilerOptions) {}

    /** Asks for a reconciliation: now, or right after the one under way (requests meanwhile coalesce). */
    request(reason: string): void {
        if (this.running !== undefined) {
            this.again ??= reason;
            return;
        }
        this.running = this.loop(reason).finally(() => {
            this.running = undefined;
        });
    }

    /** A reconciliation is asked for or under way (the listening watermark waits for it). */
    get busy(): boolean {
        return this.running !== undefined;
    }

    /** Resolves when no reconciliation is under way (tests; stop). */
    async idle(): Promise<void> {
        while (this.running !== undefined) await this.running;
    }

    private async loop(first: string): Promise<void> {
        let reason: string | undefined = first;
        while (reason !== undefined && !this.options.signal.aborted) {
            this.again = undefined;
            try {
                const result = await this.run(reason);
                this.options.onDone?.(result);
                this.options.log.info(result, 'reconciled with Genesys');
            } catch (error) {
                if (error instanceof StoppedError || this.options.signal.aborted) return;
                this.options.log.error({ err: error, reason }, 'reconciliation failed; retrying');
                await this.options.clock.wait(5_000, this.options.signal);
                this.again ??= 'retry';
            }
            reason = this.again;
        }
    }

    async run(reason: string): Promise<ReconcileResult> {
        const { api, store, clock, queueIds, userIds, concurrency, trackWindowMs } = this.options;
        const started = clock.now();
        const targets = new Map<string, string | null>();
        for (const { conversationId, queueId } of await this.active(queueIds, userIds)) {
            targets.set(conversationId, queueId);
        }
        const active = targets.size;
        const tracked = await store.openConversations(clock.now() - trackWindowMs, 10_000);
        for (const { conversationId, queueId } of tracked) {
            if (!targets.has(conversationId)) targets.set(conversationId, queueId);
        }
        const gap = await this.gap(started, targets);
        let read = 0;
        let gone = 0;
        let events = 0;
        const queue = [...targets];
        const worker = async (): Promise<void> => {
            for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
                if (this.options.signal.aborted) throw new StoppedError();
                const [conversationId, queueId] = next;
                try {
                    const conversation = await api.call<Models.Conversation>('getConversation', () =>
                        api.conversations.getConversation(conversationId)
                    );
                    read++;
                    events += await this.options.ingest(conversation, queueId);
                } catch (error) {
                    if (error instanceof GenesysApiError && error.status === 404) {
                        gone++;
                        await store.closeConversation(conversationId);
                    } else throw error;
                }
            }
        };
        await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
        // Everything up to the start of this run has been read back: the gap is closed up to there.
        if (this.options.gapQuery !== false) await store.setWatermark(this.options.gapQuery.watermark, started);
        return { reason, active, tracked: tracked.length, gap, read, gone, events, ms: clock.now() - started };
    }

    /**
     * After a gap: the conversations of the configured queues and users in [watermark - margin, now] that the store
     * does not know, added to `targets`. Nothing before the first watermark (a new store has nothing to catch up).
     */
    private async gap(now: number, targets: Map<string, string | null>): Promise<ReconcileResult['gap']> {
        const { store, gapQuery, log } = this.options;
        if (gapQuery === false) return null;
        const watermark = await store.getWatermark(gapQuery.watermark);
        if (watermark === null) return null;
        let from = Math.min(watermark, now) - gapQuery.marginMs;
        if (now - from > gapQuery.maxIntervalMs) {
            const cut = now - gapQuery.maxIntervalMs;
            log.warn(
                { watermark: new Date(watermark).toISOString(), queriedFrom: new Date(cut).toISOString() },
                'the gap since the connector last listened is longer than the details query covers; conversations that started and ended before queriedFrom are not read back'
            );
            from = cut;
        }
        const found = await this.ended(from, now);
        const candidates = [...found].filter(([id]) => !targets.has(id));
        const known = await store.knownConversations(candidates.map(([id]) => id));
        let unknown = 0;
        for (const [id, queueId] of candidates) {
            if (known.has(id)) continue;
            targets.set(id, queueId);
            unknown++;
        }
        return { from: new Date(from).toISOString(), to: new Date(now).toISOString(), found: found.size, unknown };
    }

    /**
     * The message and email conversations of the configured queues and users in [from, to] from the details query, paged until
     * a page comes back short, with the queue of their last queue segment. Conversations that ended before `from`
     * (the query returns those that started on a day the interval touches) were seen while listening: left out.
     */
    private async ended(from: number, to: number): Promise<Map<string, string | null>> {
        const { api, queueIds, userIds, gapQuery } = this.options;
        if (gapQuery === false) return new Map();
        const predicates = [
            ...queueIds.map((value) => ({ type: 'dimension', dimension: 'queueId', operator: 'matches', value })),
            ...userIds.map((value) => ({ type: 'dimension', dimension: 'userId', operator: 'matches', value }))
        ];
        const out = new Map<string, string | null>();
        for (let i = 0; i < predicates.length; i += PREDICATES_PER_QUERY) {
            for (let pageNumber = 1; ; pageNumber++) {
                if (this.options.signal.aborted) throw new StoppedError();
                const query: Models.ConversationQuery = {
                    interval: `${new Date(from).toISOString()}/${new Date(to).toISOString()}`,
                    order: 'asc',
                    orderBy: 'conversationStart',
                    segmentFilters: [
                        {
                            type: 'and',
                            clauses: [
                                {
                                    type: 'or',
                                    predicates: MEDIA_TYPES.map((value) => ({
                                        type: 'dimension',
                                        dimension: 'mediaType',
                                        operator: 'matches',
                                        value
                                    }))
                                },
                                { type: 'or', predicates: predicates.slice(i, i + PREDICATES_PER_QUERY) }
                            ]
                        }
                    ],
                    paging: { pageSize: gapQuery.pageSize, pageNumber }
                };
                const answer = await api.call<Models.AnalyticsConversationQueryResponse>(
                    'postAnalyticsConversationsDetailsQuery',
                    () => api.analytics.postAnalyticsConversationsDetailsQuery(query)
                );
                const conversations = answer.conversations ?? [];
                for (const c of conversations) {
                    if (c.conversationId === undefined) continue;
                    const end = c.conversationEnd === undefined ? NaN : Date.parse(c.conversationEnd);
                    if (end < from) continue;
                    out.set(c.conversationId, lastQueueOf(c));
                }
                const seen = (pageNumber - 1) * gapQuery.pageSize + conversations.length;
                if (conversations.length < gapQuery.pageSize || seen >= (answer.totalHits ?? Infinity)) break;
            }
        }
        return out;
    }

    /** The conversations of the queues (and users) active now: waiting, offered or being handled. */
    private async active(
        queueIds: string[],
        userIds: string[]
    ): Promise<{ conversationId: string; queueId: string | null }[]> {
        const { api } = this.options;
        const predicates = [
            ...queueIds.map((value) => ({ dimension: 'queueId', value })),
            ...userIds.map((value) => ({ dimension: 'userId', value }))
        ];
        const out: { conversationId: string; queueId: string | null }[] = [];
        for (let i = 0; i < predicates.length; i += PREDICATES_PER_QUERY) {
            const query: Models.ConversationActivityQuery = {
                metrics: ['oWaiting', 'oAlerting', 'oInteracting'].map((metric) => ({ metric, details: true })),
                groupBy: ['queueId'],
                filter: {
                    type: 'and',
                    clauses: [
                        { type: 'or', predicates: MEDIA_TYPES.map((value) => ({ dimension: 'mediaType', value })) },
                        { type: 'or', predicates: predicates.slice(i, i + PREDICATES_PER_QUERY) }
                    ]
                }
            };
            const answer = await api.call<Models.ConversationActivityResponse>(
                'postAnalyticsConversationsActivityQuery',
                () => api.analytics.postAnalyticsConversationsActivityQuery(query)
            );
            for (const result of answer.results ?? []) {
                for (const entity of result.entities ?? []) {
                    if (entity.conversationId === undefined) continue;
                    out.push({
                        conversationId: entity.conversationId,
                        queueId: entity.queueId ?? result.group?.queueId ?? null
                    });
                }
            }
        }
        return out;
    }
}

/** The queue of a details-query conversation's last segment that names one (null: none). */
function lastQueueOf(conversation: Models.AnalyticsConversationWithoutAttributes): string | null {
    let queueId: string | null = null;
    let at = '';
    for (const participant of conversation.participants ?? []) {
        for (const session of participant.sessions ?? []) {
            for (const segment of session.segments ?? []) {
                if (segment.queueId !== undefined && (segment.segmentStart ?? '') >= at) {
                    queueId = segment.queueId;
                    at = segment.segmentStart ?? '';
                }
            }
        }
    }
    return queueId;
}
