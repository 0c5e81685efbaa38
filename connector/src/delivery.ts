// Delivery: claims the heads of conversations from the outbox, posts each to Salesforce, and settles it
// (delivered, retry later, or refused for good). Up to `concurrency` conversations at once, one event at a time
// per conversation, so each conversation's events arrive in order.
import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { Clock } from './clock';
import type { RelayEvent } from './events';
import { FileCopier } from './files';
import type { SendOutcome } from './salesforce/client';
import type { ClaimedEvent, OutboxStore } from './store';

export interface EventSender {
    send(payload: string): Promise<SendOutcome>;
}

/**
 * Fills in what the notification lacked (a message's text): the new payload; null to retry after the backoff;
 * `{ retryAt }` to retry at that time (the source asked to wait, e.g. a 429's Retry-After).
 */
export type Enricher = (claimed: ClaimedEvent) => Promise<string | null | { retryAt: number }>;

export interface DeliveryOptions {
    store: OutboxStore;
    sender: EventSender;
    clock: Clock;
    owner: string;
    concurrency: number;
    leaseMs: number;
    pollMs: number;
    backoff: BackoffPolicy;
    log: Logger;
    enrich?: Enricher;
    /** Copies the files of a customer's message or an agent's files into Salesforce Files before the event is sent. */
    files?: FileCopier;
    /** Called once per settled attempt (metrics). */
    onOutcome?: (
        outcome: SendOutcome['kind'] | 'enrich-retry' | 'files-retry',
        claimed: ClaimedEvent,
        latencyMs: number
    ) => void;
}

export class Deliverer {
    private inFlight = new Set<Promise<void>>();
    private wakeup = new AbortController();
    private running: Promise<void> | undefined;
    private stopping = false;

    constructor(private readonly options: DeliveryOptions) {}

    /** Claims what fits in the free slots and starts delivering it; resolves with the claimed events. */
    async pump(): Promise<ClaimedEvent[]> {
        const { store, owner, concurrency, leaseMs, clock } = this.options;
        const free = concurrency - this.inFlight.size;
        if (free <= 0 || this.stopping) return [];
        const claimed = await store.claim(owner, free, leaseMs, clock.now());
        for (const c of claimed) {
            const work = this.deliver(c).finally(() => {
                this.inFlight.delete(work);
                this.kick();
            });
            this.inFlight.add(work);
        }
        return claimed;
    }

    /** Claims once and waits for those deliveries to settle (tests drive delivery step by step with this). */
    async runOnce(): Promise<ClaimedEvent[]> {
        const claimed = await this.pump();
        await this.drain();
        return claimed;
    }

    /** Resolves when nothing is in flight. */
    async drain(): Promise<void> {
        while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    }

    /** Wakes the loop: an append happened, or a slot freed. */
    kick(): void {
        this.wakeup.abort();
    }

    start(): void {
        this.running ??= this.loop();
    }

    /** Stops claiming, lets in-flight deliveries settle (they finish or the lease covers them), releases claims. */
    async stop(): Promise<void> {
        this.stopping = true;
        this.kick();
        await this.running;
        await this.drain();
        await this.options.store.releaseClaims(this.options.owner);
    }

    private async loop(): Promise<void> {
        const { store, clock, pollMs, log } = this.options;
        while (!this.stopping) {
            this.wakeup = new AbortController();
            let wait = pollMs;
            try {
                const claimed = await this.pump();
                if (claimed.length > 0) continue;
                // While deliveries are in flight each one's end wakes the loop; only an idle instance needs to know
                // when a retry falls due (a scan of the pending heads: not once per append under load).
                if (this.inFlight.size === 0) {
                    const due = await store.nextDueAt();
                    if (due !== null) wait = Math.max(0, Math.min(pollMs, due - clock.now()));
                }
            } catch (error) {
                log.error({ err: error }, 'outbox claim failed; retrying');
            }
            if (this.stopping) break;
            await clock.wait(wait, this.wakeup.signal);
        }
    }

    private async deliver(claimed: ClaimedEvent): Promise<void> {
        const { store, sender, clock, owner, backoff, log, enrich, files, onOutcome } = this.options;
        const started = clock.now();
        const attempt = claimed.attempts + 1;
        const context = { eventId: claimed.event.eventId, type: claimed.event.type, attempt };
        try {
            let payload = claimed.payload;
            if (claimed.needsMessageContent !== null && enrich !== undefined) {
                const enriched = await enrich(claimed);
                if (enriched === null || typeof enriched === 'object') {
                    const at = enriched === null ? clock.now() + backoffDelay(backoff, attempt) : enriched.retryAt;
                    await store.retryLater(claimed.seq, owner, at, 'message content unavailable');
                    onOutcome?.('enrich-retry', claimed, clock.now() - started);
                    log.warn({ ...context, retryInMs: at - clock.now() }, 'message content not fetched yet; retrying');
                    return;
                }
                payload = enriched;
                await store.updatePayload(claimed.seq, payload);
            }
            const event =
                files !== undefined && FileCopier.copiesFilesOf(claimed.event.type)
                    ? (JSON.parse(payload) as RelayEvent)
                    : undefined;
            if (files !== undefined && event !== undefined && FileCopier.needsCopy(event)) {
                // Each file's outcome is stored as soon as it is known: a retry never uploads a file twice.
                const copied = await files.copy(event, attempt, (progress) =>
                    store.updatePayload(claimed.seq, JSON.stringify(progress))
                );
                if (copied.kind === 'retry') {
                    const at = clock.now() + (copied.afterMs ?? backoffDelay(backoff, attempt));
                    await store.retryLater(claimed.seq, owner, at, `file copy: ${copied.reason}`);
                    onOutcome?.('files-retry', claimed, clock.now() - started);
                    log.warn(
                        { ...context, reason: copied.reason, retryInMs: at - clock.now() },
                        'file copy will be retried'
                    );
                    return;
                }
                payload = JSON.stringify(copied.event);
            }
            const outcome = await sender.send(payload);
            const now = clock.now();
            onOutcome?.(outcome.kind, claimed, now - started);
            if (outcome.kind === 'delivered') {
                await store.markDelivered(claimed.seq, now, outcome.status);
                log.debug({ ...context, status: outcome.status }, 'event delivered');
            } else if (outcome.kind === 'retry') {
                const delay = outcome.afterMs ?? backoffDelay(backoff, attempt);
                await store.retryLater(claimed.seq, owner, now + delay, outcome.reason);
                log.warn({ ...context, reason: outcome.reason, retryInMs: delay }, 'event delivery will be retried');
            } else {
                await store.markFailed(claimed.seq, now, outcome.reason);
                log.error(
                    { ...context, status: outcome.status, reason: outcome.reason },
                    'event refused by Salesforce; not retried (fix the cause, see docs/events.md §4)'
                );
            }
        } catch (error) {
            // The store failed mid-settlement: the lease runs out and the event is claimed again.
            log.error({ ...context, err: error }, 'settling a delivery failed; the lease will expire');
        }
    }
}
