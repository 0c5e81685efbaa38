// Reconciliation: after every (re)connection of a channel, whatever happened while no socket listened is read back,
// since Genesys keeps nothing for a channel without a socket. Two sources of conversations to read:
// - the configured queues' (and users') conversations active now, from the real-time conversation activity query
//   (AnalyticsApi.postAnalyticsConversationsActivityQuery, POST /api/v2/analytics/conversations/activity/query,
//   metrics oWaiting, oAlerting, oInteracting with details; "Requires ANY permissions: analytics:queueObservation:view",
//   build/docs/AnalyticsApi.md of the JS SDK): conversations that started meanwhile;
// - the conversations this connector's store holds as still open: ones that moved on or ended meanwhile.
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
    /** Derives and appends the events of one conversation read back; resolves with the events added. */
    ingest: (conversation: Models.Conversation, queueId: string | null) => Promise<number>;
    onDone?: (result: ReconcileResult) => void;
}

/** Predicates per activity query (a query names each queue; kept small). */
const PREDICATES_PER_QUERY = 50;

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
        return { reason, active, tracked: tracked.length, read, gone, events, ms: clock.now() - started };
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
                    predicates: [{ dimension: 'mediaType', value: 'message' }],
                    clauses: [{ type: 'or', predicates: predicates.slice(i, i + PREDICATES_PER_QUERY) }]
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
