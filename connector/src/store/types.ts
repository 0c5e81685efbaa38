// The durable outbox and the conversations' snapshots, behind one interface with two implementations:
// SQLite (sqlite.ts: one instance, embedded) and PostgreSQL (postgres.ts: several instances sharing the work).
//
// Guarantees both give:
// - an event is appended once: a second append of the same eventId changes nothing (dedupe on insert);
// - a conversation's events are claimed in the order they were appended, one at a time: only the oldest
//   undelivered event of a conversation can be claimed, and only while nobody else's lease on it is current;
// - a claim is a lease: the owner delivers and settles it; if the owner dies, the lease runs out and any
//   instance may claim the event again (a restart under the same owner name takes its claims back at once).
import type { ConversationView, DerivedEvent } from '../derive';
import type { RelayEvent } from '../events';

/**
 * Bring Your Own Channel (byoc/bridge.ts): one durable record per conversation. `intent` is what Genesys showed
 * (written in the transaction of the view it came from); `progress` is what the Interaction Service answered
 * (written by the instance holding the record's lease). Both are the bridge's JSON; the store does not read them.
 */
export interface ByocRecord {
    conversationId: string;
    intent: unknown;
    progress: unknown;
    /** Incremented at each change of `intent`: a settle against an older one leaves the record pending. */
    rev: number;
    /** pending: a step may be due; idle: nothing to do until the intent changes; failed: stopped for good. */
    status: 'pending' | 'idle' | 'failed';
    attempts: number;
    nextAttemptAt: number;
    leaseOwner: string | null;
    lastError: string | null;
}

/** How a claimed BYOC record is settled (its lease released). */
export type ByocSettlement =
    | { kind: 'idle'; rev: number }
    | { kind: 'retry'; notBefore: number; error: string }
    | { kind: 'failed'; error: string };

/**
 * Bring Your Own Channel, outbound side (byoc/outbound.ts): one row per decision taken on a Relay_Byoc_Event__e (an
 * agent's text to send, a transfer to answer), keyed by Salesforce's identity of it (the message id, the event's
 * uuid). Inserted if absent before anything is done, so two instances, or a replay after a restart, act once.
 */
export interface ByocOutboundClaim {
    /** e.g. `message:<abstractMessage.id>` or `routing:<event uuid>`. */
    key: string;
    /** The decision (send-text, answer-transfer, end-conversation, unanswerable-transfer, invalid-event). */
    kind: string;
    replayId: number;
    conversationIdentifier: string | null;
}

export interface ByocOutboundRecord extends ByocOutboundClaim {
    /** claimed: someone acts on it (leaseOwner until leaseUntil); done; refused (for good); failed (gave up). */
    status: 'claimed' | 'done' | 'refused' | 'failed';
    leaseOwner: string | null;
    leaseUntil: number | null;
    /** Times the decision was claimed (1 the first time; more after a takeover or a retry). */
    attempts: number;
    /** The steps done so far and the outcome (the outbound handler's JSON). */
    progress: unknown;
    lastError: string | null;
    createdAt: number;
    updatedAt: number;
}

/** What claiming a decision gave. */
export type ByocOutboundClaimResult =
    | { kind: 'claimed'; record: ByocOutboundRecord }
    /** Another instance acts on it until `leaseUntil`. */
    | { kind: 'held'; owner: string; leaseUntil: number }
    /** Settled already (done, refused or failed): nothing to do. */
    | { kind: 'settled'; record: ByocOutboundRecord };

export type ByocOutboundSettlement = { status: 'done' | 'refused' | 'failed'; error?: string };

/** The BYOC intent change of one observe: the new intent from the stored one (undefined: unchanged). */
export type ByocIntentUpdate = (previous: unknown) => unknown;

export interface AppendResult {
    /** Events newly stored (duplicates of stored ids are not counted). */
    inserted: number;
    duplicates: number;
}

export interface ClaimedEvent {
    seq: number;
    event: RelayEvent;
    /** The exact JSON appended (it is signed and sent as is, unless enrichment rewrote it). */
    payload: string;
    needsMessageContent: DerivedEvent['needsMessageContent'] | null;
    /** Delivery attempts before this claim. */
    attempts: number;
    appendedAt: number;
}

export interface OutboxStats {
    /** Not yet delivered (including leased and waiting for a retry). */
    pending: number;
    leased: number;
    delivered: number;
    /** Refused for good (4xx other than the retryable ones): kept for the admin, not retried. */
    failed: number;
}

export interface ObserveResult extends AppendResult {
    events: DerivedEvent[];
}

/** How long settled events and closed conversations' views are kept (prune). */
export interface PruneRetention {
    /** Delivered events (by their delivery time) and closed conversations' views (by their last change). */
    deliveredMs: number;
    /** Failed events (by the time they were refused): kept longer, for the admin. */
    failedMs: number;
    /** Rows deleted per statement (one short transaction each); default 1,000. */
    batchSize?: number;
}

/** Rows one prune statement deletes at most: each is a short transaction, so a big prune never holds a long lock. */
export const PRUNE_BATCH_SIZE = 1000;

/** Rows deleted by one prune. */
export interface PruneResult {
    /** Delivered events. */
    events: number;
    /** Failed events. */
    failed: number;
    /** Closed conversations' views. */
    views: number;
    /** Bring Your Own Channel records (relay_byoc) of ended conversations. */
    byoc: number;
    /** Bring Your Own Channel outbound decisions (relay_byoc_outbound) settled, of ended conversations. */
    byocOutbound: number;
}

export interface OutboxStore {
    readonly kind: 'sqlite' | 'postgres';
    /** Creates the tables if needed. */
    init(): Promise<void>;
    /**
     * One transaction: reads the conversation's stored view (locking it against other instances), lets `derive`
     * compute the new view and its events, appends those events and stores the new view.
     */
    observe(
        conversationId: string,
        derive: (previous: ConversationView | undefined) => {
            view: ConversationView;
            events: DerivedEvent[];
            /** Bring Your Own Channel: the conversation's intent, changed in the same transaction. */
            byoc?: ByocIntentUpdate;
        },
        now: number
    ): Promise<ObserveResult>;
    /** Appends events without a view (tests, bench, reconciliation). */
    append(events: DerivedEvent[], now: number): Promise<AppendResult>;
    /** Claims up to `limit` deliverable events: heads of their conversations, due, not leased by anyone. */
    claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedEvent[]>;
    /** Salesforce acknowledged it (202, or 200 duplicate). */
    markDelivered(seq: number, now: number, status: number): Promise<void>;
    /** Try again at `notBefore`: the lease is released, later events of the conversation keep waiting. */
    retryLater(seq: number, owner: string, notBefore: number, error: string): Promise<void>;
    /** Refused for good: kept with its error; the conversation's next event becomes deliverable. */
    markFailed(seq: number, now: number, error: string): Promise<void>;
    /** Replaces the payload of a claimed event (after fetching a message's content). */
    updatePayload(seq: number, payload: string): Promise<void>;
    /** Releases every lease held by `owner` (graceful stop, or a restart under the same name). */
    releaseClaims(owner: string): Promise<number>;
    stats(now: number): Promise<OutboxStats>;
    /** The earliest time a pending event becomes due (null: none pending). */
    nextDueAt(): Promise<number | null>;
    /**
     * Conversations whose stored view is still open (derive.ts isOpen) and changed since `since`, most recent first:
     * what reconciliation reads again after a gap. `queueId` is the queue the view came from, when known.
     */
    openConversations(since: number, limit: number): Promise<{ conversationId: string; queueId: string | null }[]>;
    /** The conversation no longer exists in Genesys (404): reconciliation stops reading it. */
    closeConversation(conversationId: string): Promise<void>;
    /**
     * The conversation's stored view, read without a lock (undefined: none). Views only move forward, so a stale
     * read is an older view: the email thread check (service.ts) reads the thread at worst once too often.
     */
    view(conversationId: string): Promise<ConversationView | undefined>;
    /** Of `conversationIds`, the ones the store holds a view of (reconciliation skips reading those again). */
    knownConversations(conversationIds: string[]): Promise<Set<string>>;
    /** A named time (ms) shared by every instance on this store (the Genesys listening watermark); null: never set. */
    getWatermark(name: string): Promise<number | null>;
    /** Moves the named time forward to `at`; never back (several instances: the latest wins). */
    setWatermark(name: string, at: number): Promise<void>;
    /**
     * Housekeeping: deletes delivered events settled before `now - deliveredMs`, failed events refused before
     * `now - failedMs`, and the views of closed conversations unchanged since `now - deliveredMs` that have no
     * pending event. Never a pending (or leased) event, never an open conversation's view. Deletes in batches
     * (short transactions); safe to run from several instances at once (each row is deleted once).
     *
     * Bring Your Own Channel, with the same retention: a relay_byoc record whose conversation has no open view (closed,
     * or its view pruned), not pending nor leased, unchanged since `now - deliveredMs` (a failed one: `failedMs`);
     * then the relay_byoc_outbound decisions settled (or claimed with a lease that ran out) before `now -
     * deliveredMs` whose conversation has no relay_byoc record left. Pub/Sub keeps events 72 hours, far less than the
     * retention (at least 8 days), so a pruned decision's event can no longer be replayed and acted on again.
     */
    prune(now: number, retention: PruneRetention): Promise<PruneResult>;
    /**
     * Bring Your Own Channel records: up to `limit` that are pending, due and not leased by anyone, leased to
     * `owner` until `now + leaseMs` (the outbox's claim discipline: two instances never hold one at once).
     */
    byocClaim(owner: string, limit: number, leaseMs: number, now: number): Promise<ByocRecord[]>;
    /**
     * Stores the progress of a record `owner` holds and extends its lease to `leaseUntil`. Returns the record as
     * stored now (its intent may have changed meanwhile), or null when `owner` no longer holds the lease.
     */
    byocSave(conversationId: string, owner: string, progress: unknown, leaseUntil: number): Promise<ByocRecord | null>;
    /** Releases `owner`'s lease: idle (unless the intent changed since `rev`), retry at a time, or failed. */
    byocSettle(conversationId: string, owner: string, settlement: ByocSettlement, now: number): Promise<void>;
    /** Releases every BYOC lease held by `owner`. */
    byocReleaseClaims(owner: string): Promise<number>;
    /** The earliest time a pending BYOC record becomes due (null: none). */
    byocNextDueAt(): Promise<number | null>;
    /** One record, read without a lock (tests, troubleshooting). */
    byocRecord(conversationId: string): Promise<ByocRecord | undefined>;
    /** The record whose progress holds this Interaction Service conversationIdentifier (outbound events name it). */
    byocFind(conversationIdentifier: string): Promise<ByocRecord | undefined>;
    /**
     * Claims an outbound decision: inserts it if absent; takes it over when its lease ran out or `owner` held it (a
     * restart under the same name). Leased to `owner` until `leaseUntil`. One statement or transaction, so of two
     * instances claiming at once exactly one gets it.
     */
    byocOutboundClaim(
        claim: ByocOutboundClaim,
        owner: string,
        leaseUntil: number,
        now: number
    ): Promise<ByocOutboundClaimResult>;
    /** Stores the progress of a claimed decision and extends the lease; false when `owner` no longer holds it. */
    byocOutboundSave(key: string, owner: string, progress: unknown, leaseUntil: number, now: number): Promise<boolean>;
    /** Settles a claimed decision `owner` holds (false: it does not hold it any more). */
    byocOutboundSettle(key: string, owner: string, settlement: ByocOutboundSettlement, now: number): Promise<boolean>;
    byocOutboundRecord(key: string): Promise<ByocOutboundRecord | undefined>;
    /** The replay id after which the Pub/Sub subscription to `topic` resumes (null: never stored). */
    byocReplayId(topic: string): Promise<number | null>;
    /**
     * Stores a handled event's replay id. Only moves forward (replay ids of a topic increase): an instance lagging
     * behind never moves it back, and every event up to it was settled by the instance that handled it.
     */
    setByocReplayId(topic: string, replayId: number, now: number): Promise<void>;
    close(): Promise<void>;
}
