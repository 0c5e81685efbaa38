// The outbox in PostgreSQL: several connector instances share it. Claims use FOR UPDATE SKIP LOCKED, so two
// instances never claim the same event at the same moment, and a lease expiry (lease_until), so the events an
// instance claimed before dying become claimable by the others when its lease runs out.
// Appends for one conversation are serialized by locking its row in relay_conversation first, so sequence
// numbers follow commit order within a conversation and the claim order is the order events were derived in.
import { Pool, type PoolClient } from 'pg';
import { isOpen, type ConversationView, type DerivedEvent } from '../derive';
import {
    BYOC_OUTBOUND_DDL,
    claimPostgres,
    recordPostgres,
    replayIdPostgres,
    savePostgres,
    setReplayIdPostgres,
    settlePostgres
} from './byocOutboundPostgres';
import { conversationIdentifierOf } from './byocOutboundSqlite';
import {
    PRUNE_BATCH_SIZE,
    type AppendResult,
    type ByocIntentUpdate,
    type ByocOutboundClaim,
    type ByocOutboundClaimResult,
    type ByocOutboundRecord,
    type ByocOutboundSettlement,
    type ByocRecord,
    type ByocSettlement,
    type ClaimedEvent,
    type ObserveResult,
    type OutboxStats,
    type OutboxStore,
    type PruneResult,
    type PruneRetention
} from './types';

interface Row {
    seq: string;
    payload: string;
    needs: string | null;
    attempts: number;
    appended_at: string;
}

export class PostgresOutbox implements OutboxStore {
    readonly kind = 'postgres' as const;
    private readonly pool: Pool;

    constructor(connectionString: string) {
        this.pool = new Pool({ connectionString, max: 8 });
        // An idle client's error (the server restarting) must not crash the process; the next query reconnects.
        this.pool.on('error', () => undefined);
    }

    async init(): Promise<void> {
        // Instances starting together would race on CREATE TABLE IF NOT EXISTS: one at a time.
        await this.transaction(async (client) => {
            await client.query('SELECT pg_advisory_xact_lock(727001)');
            await client.query(`
            CREATE TABLE IF NOT EXISTS relay_outbox (
                seq BIGSERIAL PRIMARY KEY,
                event_id TEXT NOT NULL UNIQUE,
                conversation_id TEXT NOT NULL,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                needs TEXT,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                lease_owner TEXT,
                lease_until BIGINT,
                appended_at BIGINT NOT NULL,
                settled_at BIGINT,
                last_status INTEGER,
                last_error TEXT
            );
            CREATE INDEX IF NOT EXISTS relay_outbox_pending ON relay_outbox (conversation_id, seq) WHERE status = 'pending';
            CREATE INDEX IF NOT EXISTS relay_outbox_pending_seq ON relay_outbox (seq) WHERE status = 'pending';
            CREATE TABLE IF NOT EXISTS relay_conversation (
                conversation_id TEXT PRIMARY KEY,
                view TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            ALTER TABLE relay_conversation ADD COLUMN IF NOT EXISTS open BOOLEAN NOT NULL DEFAULT TRUE;
            CREATE INDEX IF NOT EXISTS relay_conversation_open ON relay_conversation (updated_at) WHERE open;
            CREATE TABLE IF NOT EXISTS relay_watermark (name TEXT PRIMARY KEY, at BIGINT NOT NULL);
            CREATE TABLE IF NOT EXISTS relay_byoc (
                conversation_id TEXT PRIMARY KEY,
                intent TEXT NOT NULL,
                progress TEXT NOT NULL DEFAULT '{}',
                rev INTEGER NOT NULL DEFAULT 1,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                lease_owner TEXT,
                lease_until BIGINT,
                last_error TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS relay_byoc_pending ON relay_byoc (next_attempt_at) WHERE status = 'pending';
        `);
            // Bring Your Own Channel, outbound side (byoc/outbound.ts): decisions claimed, the Pub/Sub replay id.
            await client.query(BYOC_OUTBOUND_DDL);
        });
    }

    private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
        const client = await this.pool.connect();
        try {
            await client.query('BEGIN');
            const result = await work(client);
            await client.query('COMMIT');
            return result;
        } catch (error) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw error;
        } finally {
            client.release();
        }
    }

    async observe(
        conversationId: string,
        derive: (previous: ConversationView | undefined) => {
            view: ConversationView;
            events: DerivedEvent[];
            byoc?: ByocIntentUpdate;
        },
        now: number
    ): Promise<ObserveResult> {
        return this.transaction(async (client) => {
            await client.query(
                `INSERT INTO relay_conversation (conversation_id, view, updated_at) VALUES ($1, 'null', $2)
                 ON CONFLICT (conversation_id) DO NOTHING`,
                [conversationId, now]
            );
            const { rows } = await client.query<{ view: string }>(
                'SELECT view FROM relay_conversation WHERE conversation_id = $1 FOR UPDATE',
                [conversationId]
            );
            const stored = rows[0] === undefined ? null : (JSON.parse(rows[0].view) as ConversationView | null);
            const { view, events, byoc } = derive(stored ?? undefined);
            const result = await this.insert(client, events, now);
            if (byoc !== undefined) await this.byocIntent(client, conversationId, byoc, now);
            await client.query(
                'UPDATE relay_conversation SET view = $2, updated_at = $3, open = $4 WHERE conversation_id = $1',
                [conversationId, JSON.stringify(view), now, isOpen(view)]
            );
            return { ...result, events };
        });
    }

    /** Applies a BYOC intent change inside the caller's transaction (the conversation's row is locked already). */
    private async byocIntent(
        client: PoolClient,
        conversationId: string,
        update: ByocIntentUpdate,
        now: number
    ): Promise<void> {
        const { rows } = await client.query<{ intent: string }>(
            'SELECT intent FROM relay_byoc WHERE conversation_id = $1 FOR UPDATE',
            [conversationId]
        );
        const next = update(rows[0] === undefined ? undefined : (JSON.parse(rows[0].intent) as unknown));
        if (next === undefined) return;
        await client.query(
            `INSERT INTO relay_byoc (conversation_id, intent, next_attempt_at, created_at, updated_at)
             VALUES ($1, $2, $3, $3, $3)
             ON CONFLICT (conversation_id) DO UPDATE SET intent = excluded.intent, rev = relay_byoc.rev + 1,
                 updated_at = excluded.updated_at,
                 next_attempt_at = CASE WHEN relay_byoc.status = 'idle' THEN excluded.next_attempt_at
                                        ELSE relay_byoc.next_attempt_at END,
                 status = CASE WHEN relay_byoc.status = 'idle' THEN 'pending' ELSE relay_byoc.status END`,
            [conversationId, JSON.stringify(next), now]
        );
    }

    async byocClaim(owner: string, limit: number, leaseMs: number, now: number): Promise<ByocRecord[]> {
        const { rows } = await this.pool.query<ByocRow>(
            `UPDATE relay_byoc SET lease_owner = $1, lease_until = $2
             WHERE conversation_id IN (
                 SELECT conversation_id FROM relay_byoc
                 WHERE status = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
                 ORDER BY next_attempt_at LIMIT $4
                 FOR UPDATE SKIP LOCKED)
             RETURNING *`,
            [owner, now + leaseMs, now, limit]
        );
        return rows.map(toByoc);
    }

    async byocSave(
        conversationId: string,
        owner: string,
        progress: unknown,
        leaseUntil: number
    ): Promise<ByocRecord | null> {
        const { rows } = await this.pool.query<ByocRow>(
            `UPDATE relay_byoc SET progress = $3, lease_until = $4, attempts = 0, last_error = NULL,
                 conversation_identifier = $5
             WHERE conversation_id = $1 AND lease_owner = $2 AND status = 'pending' RETURNING *`,
            [conversationId, owner, JSON.stringify(progress), leaseUntil, conversationIdentifierOf(progress)]
        );
        return rows[0] === undefined ? null : toByoc(rows[0]);
    }

    async byocSettle(conversationId: string, owner: string, settlement: ByocSettlement, now: number): Promise<void> {
        const release = 'lease_owner = NULL, lease_until = NULL, updated_at = $3';
        if (settlement.kind === 'idle') {
            await this.pool.query(
                `UPDATE relay_byoc SET status = CASE WHEN rev = $4 THEN 'idle' ELSE 'pending' END,
                     next_attempt_at = $3, ${release}
                 WHERE conversation_id = $1 AND lease_owner = $2 AND status = 'pending'`,
                [conversationId, owner, now, settlement.rev]
            );
        } else if (settlement.kind === 'retry') {
            await this.pool.query(
                `UPDATE relay_byoc SET attempts = attempts + 1, next_attempt_at = $4, last_error = $5, ${release}
                 WHERE conversation_id = $1 AND lease_owner = $2`,
                [conversationId, owner, now, settlement.notBefore, settlement.error]
            );
        } else {
            await this.pool.query(
                `UPDATE relay_byoc SET status = 'failed', attempts = attempts + 1, last_error = $4, ${release}
                 WHERE conversation_id = $1 AND lease_owner = $2`,
                [conversationId, owner, now, settlement.error]
            );
        }
    }

    async byocReleaseClaims(owner: string): Promise<number> {
        const result = await this.pool.query(
            'UPDATE relay_byoc SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1',
            [owner]
        );
        return result.rowCount ?? 0;
    }

    async byocNextDueAt(): Promise<number | null> {
        const { rows } = await this.pool.query<{ due: string | null }>(
            `SELECT MIN(GREATEST(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM relay_byoc
             WHERE status = 'pending'`
        );
        const due = rows[0]?.due;
        return due === null || due === undefined ? null : Number(due);
    }

    async byocRecord(conversationId: string): Promise<ByocRecord | undefined> {
        const { rows } = await this.pool.query<ByocRow>('SELECT * FROM relay_byoc WHERE conversation_id = $1', [
            conversationId
        ]);
        return rows[0] === undefined ? undefined : toByoc(rows[0]);
    }

    async byocFind(conversationIdentifier: string): Promise<ByocRecord | undefined> {
        const { rows } = await this.pool.query<ByocRow>(
            'SELECT * FROM relay_byoc WHERE conversation_identifier = $1 ORDER BY created_at DESC LIMIT 1',
            [conversationIdentifier]
        );
        return rows[0] === undefined ? undefined : toByoc(rows[0]);
    }

    async byocOutboundClaim(
        claim: ByocOutboundClaim,
        owner: string,
        leaseUntil: number,
        now: number
    ): Promise<ByocOutboundClaimResult> {
        return this.transaction((client) => claimPostgres(client, claim, owner, leaseUntil, now));
    }

    async byocOutboundSave(
        key: string,
        owner: string,
        progress: unknown,
        leaseUntil: number,
        now: number
    ): Promise<boolean> {
        return savePostgres(this.pool, key, owner, progress, leaseUntil, now);
    }

    async byocOutboundSettle(
        key: string,
        owner: string,
        settlement: ByocOutboundSettlement,
        now: number
    ): Promise<boolean> {
        return settlePostgres(this.pool, key, owner, settlement, now);
    }

    async byocOutboundRecord(key: string): Promise<ByocOutboundRecord | undefined> {
        return recordPostgres(this.pool, key);
    }

    async byocReplayId(topic: string): Promise<number | null> {
        return replayIdPostgres(this.pool, topic);
    }

    async setByocReplayId(topic: string, replayId: number, now: number): Promise<void> {
        await setReplayIdPostgres(this.pool, topic, replayId, now);
    }

    async append(events: DerivedEvent[], now: number): Promise<AppendResult> {
        return this.transaction((client) => this.insert(client, events, now));
    }

    private async insert(client: PoolClient, events: DerivedEvent[], now: number): Promise<AppendResult> {
        let inserted = 0;
        for (const { event, needsMessageContent } of events) {
            const result = await client.query(
                `INSERT INTO relay_outbox (event_id, conversation_id, type, payload, needs, next_attempt_at, appended_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (event_id) DO NOTHING`,
                [
                    event.eventId,
                    event.conversationId,
                    event.type,
                    JSON.stringify(event),
                    needsMessageContent === undefined ? null : JSON.stringify(needsMessageContent),
                    now
                ]
            );
            inserted += result.rowCount ?? 0;
        }
        return { inserted, duplicates: events.length - inserted };
    }

    async claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedEvent[]> {
        // The head of each conversation (no older pending event), due, and not leased by anyone: locked with
        // SKIP LOCKED so a concurrent claimer passes over it instead of waiting, then leased in the same statement.
        const { rows } = await this.pool.query<Row>(
            `UPDATE relay_outbox SET lease_owner = $1, lease_until = $2
             WHERE seq IN (
                 SELECT o.seq FROM relay_outbox o
                 WHERE o.status = 'pending' AND o.next_attempt_at <= $3
                   AND (o.lease_until IS NULL OR o.lease_until <= $3)
                   AND NOT EXISTS (SELECT 1 FROM relay_outbox p WHERE p.conversation_id = o.conversation_id
                                   AND p.status = 'pending' AND p.seq < o.seq)
                 ORDER BY o.seq LIMIT $4
                 FOR UPDATE SKIP LOCKED)
             RETURNING seq, payload, needs, attempts, appended_at`,
            [owner, now + leaseMs, now, limit]
        );
        return rows
            .map((row) => ({
                seq: Number(row.seq),
                event: JSON.parse(row.payload) as ClaimedEvent['event'],
                payload: row.payload,
                needsMessageContent:
                    row.needs === null ? null : (JSON.parse(row.needs) as ClaimedEvent['needsMessageContent']),
                attempts: row.attempts,
                appendedAt: Number(row.appended_at)
            }))
            .sort((a, b) => a.seq - b.seq);
    }

    async markDelivered(seq: number, now: number, status: number): Promise<void> {
        await this.pool.query(
            `UPDATE relay_outbox SET status = 'delivered', settled_at = $2, last_status = $3, attempts = attempts + 1,
             lease_owner = NULL, lease_until = NULL WHERE seq = $1 AND status = 'pending'`,
            [seq, now, status]
        );
    }

    async retryLater(seq: number, owner: string, notBefore: number, error: string): Promise<void> {
        await this.pool.query(
            `UPDATE relay_outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3,
             lease_owner = NULL, lease_until = NULL WHERE seq = $1 AND status = 'pending' AND lease_owner = $4`,
            [seq, notBefore, error, owner]
        );
    }

    async markFailed(seq: number, now: number, error: string): Promise<void> {
        await this.pool.query(
            `UPDATE relay_outbox SET status = 'failed', settled_at = $2, last_error = $3, attempts = attempts + 1,
             lease_owner = NULL, lease_until = NULL WHERE seq = $1 AND status = 'pending'`,
            [seq, now, error]
        );
    }

    async updatePayload(seq: number, payload: string): Promise<void> {
        await this.pool.query('UPDATE relay_outbox SET payload = $2, needs = NULL WHERE seq = $1', [seq, payload]);
    }

    async releaseClaims(owner: string): Promise<number> {
        const result = await this.pool.query(
            `UPDATE relay_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1 AND status = 'pending'`,
            [owner]
        );
        return result.rowCount ?? 0;
    }

    async stats(now: number): Promise<OutboxStats> {
        const { rows } = await this.pool.query<Record<keyof OutboxStats, string>>(
            `SELECT
               COUNT(*) FILTER (WHERE status = 'pending') AS pending,
               COUNT(*) FILTER (WHERE status = 'pending' AND lease_until > $1) AS leased,
               COUNT(*) FILTER (WHERE status = 'delivered') AS delivered,
               COUNT(*) FILTER (WHERE status = 'failed') AS failed
             FROM relay_outbox`,
            [now]
        );
        const row = rows[0];
        return {
            pending: Number(row?.pending ?? 0),
            leased: Number(row?.leased ?? 0),
            delivered: Number(row?.delivered ?? 0),
            failed: Number(row?.failed ?? 0)
        };
    }

    async nextDueAt(): Promise<number | null> {
        const { rows } = await this.pool.query<{ due: string | null }>(
            `SELECT MIN(GREATEST(o.next_attempt_at, COALESCE(o.lease_until, 0))) AS due FROM relay_outbox o
                 WHERE o.status = 'pending' AND NOT EXISTS (SELECT 1 FROM relay_outbox p
                     WHERE p.conversation_id = o.conversation_id AND p.status = 'pending' AND p.seq < o.seq)`
        );
        const due = rows[0]?.due;
        return due === null || due === undefined ? null : Number(due);
    }

    async openConversations(
        since: number,
        limit: number
    ): Promise<{ conversationId: string; queueId: string | null }[]> {
        const { rows } = await this.pool.query<{ conversation_id: string; view: string }>(
            `SELECT conversation_id, view FROM relay_conversation WHERE open AND updated_at >= $1 AND view <> 'null'
             ORDER BY updated_at DESC LIMIT $2`,
            [since, limit]
        );
        return rows.map((r) => ({
            conversationId: r.conversation_id,
            queueId: (JSON.parse(r.view) as ConversationView).topicQueueId
        }));
    }

    async closeConversation(conversationId: string): Promise<void> {
        await this.pool.query('UPDATE relay_conversation SET open = FALSE WHERE conversation_id = $1', [
            conversationId
        ]);
    }

    async view(conversationId: string): Promise<ConversationView | undefined> {
        const { rows } = await this.pool.query<{ view: string }>(
            'SELECT view FROM relay_conversation WHERE conversation_id = $1',
            [conversationId]
        );
        const view = rows[0] === undefined ? null : (JSON.parse(rows[0].view) as ConversationView | null);
        return view ?? undefined;
    }

    async knownConversations(conversationIds: string[]): Promise<Set<string>> {
        if (conversationIds.length === 0) return new Set();
        const { rows } = await this.pool.query<{ conversation_id: string }>(
            `SELECT conversation_id FROM relay_conversation WHERE conversation_id = ANY($1::text[]) AND view <> 'null'`,
            [conversationIds]
        );
        return new Set(rows.map((r) => r.conversation_id));
    }

    async getWatermark(name: string): Promise<number | null> {
        const { rows } = await this.pool.query<{ at: string }>('SELECT at FROM relay_watermark WHERE name = $1', [
            name
        ]);
        return rows[0] === undefined ? null : Number(rows[0].at);
    }

    async setWatermark(name: string, at: number): Promise<void> {
        await this.pool.query(
            `INSERT INTO relay_watermark (name, at) VALUES ($1, $2)
             ON CONFLICT (name) DO UPDATE SET at = GREATEST(relay_watermark.at, excluded.at)`,
            [name, at]
        );
    }

    /** Prune's indexes (settled events and closed views by time): created by its first run. */
    private pruneIndexes = false;

    async prune(now: number, retention: PruneRetention): Promise<PruneResult> {
        const batch = retention.batchSize ?? PRUNE_BATCH_SIZE;
        const result: PruneResult = { events: 0, failed: 0, views: 0, byoc: 0, byocOutbound: 0 };
        const client = await this.pool.connect();
        let locked = false;
        let broken = false;
        try {
            // One instance prunes at a time: the others find the lock taken and skip this round. (The deletes are
            // idempotent anyway.) A session lock, on this connection: it ends with the connection if the instance dies.
            const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(727002) AS locked');
            locked = rows[0]?.locked === true;
            if (!locked) return result;
            if (!this.pruneIndexes) {
                // CONCURRENTLY: a large outbox created before prune existed keeps taking appends while they are built.
                await client.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS relay_outbox_delivered
                    ON relay_outbox (settled_at) WHERE status = 'delivered'`);
                await client.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS relay_outbox_failed
                    ON relay_outbox (settled_at) WHERE status = 'failed'`);
                await client.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS relay_conversation_closed
                    ON relay_conversation (updated_at) WHERE NOT open`);
                await client.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS relay_byoc_settled
                    ON relay_byoc (updated_at) WHERE status <> 'pending'`);
                await client.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS relay_byoc_outbound_updated
                    ON relay_byoc_outbound (updated_at)`);
                this.pruneIndexes = true;
            }
            // Each DELETE commits on its own (a short transaction), and skips rows another transaction holds
            // (a view being observed right now): they are left for the next run.
            const drain = async (text: string, before: number): Promise<number> => {
                let total = 0;
                for (;;) {
                    const deleted = (await client.query(text, [before, batch])).rowCount ?? 0;
                    total += deleted;
                    if (deleted < batch) return total;
                }
            };
            result.events = await drain(
                `DELETE FROM relay_outbox WHERE seq IN (SELECT seq FROM relay_outbox
                     WHERE status = 'delivered' AND settled_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
                now - retention.deliveredMs
            );
            result.failed = await drain(
                `DELETE FROM relay_outbox WHERE seq IN (SELECT seq FROM relay_outbox
                     WHERE status = 'failed' AND settled_at < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
                now - retention.failedMs
            );
            result.views = await drain(
                `DELETE FROM relay_conversation WHERE conversation_id IN (SELECT c.conversation_id
                     FROM relay_conversation c
                     WHERE NOT c.open AND c.updated_at < $1
                       AND NOT EXISTS (SELECT 1 FROM relay_outbox o WHERE o.conversation_id = c.conversation_id
                                       AND o.status = 'pending')
                     LIMIT $2 FOR UPDATE SKIP LOCKED)`,
                now - retention.deliveredMs
            );
            // Bring Your Own Channel (types.ts, prune): records of ended conversations, then their outbound decisions.
            const byocOf = (status: string): string =>
                `DELETE FROM relay_byoc WHERE conversation_id IN (SELECT b.conversation_id FROM relay_byoc b
                     WHERE b.status = '${status}' AND b.lease_owner IS NULL AND b.updated_at < $1
                       AND NOT EXISTS (SELECT 1 FROM relay_conversation c WHERE c.conversation_id = b.conversation_id
                                       AND c.open)
                     LIMIT $2 FOR UPDATE SKIP LOCKED)`;
            result.byoc =
                (await drain(byocOf('idle'), now - retention.deliveredMs)) +
                (await drain(byocOf('failed'), now - retention.failedMs));
            result.byocOutbound = await drain(
                `DELETE FROM relay_byoc_outbound WHERE key IN (SELECT o.key FROM relay_byoc_outbound o
                     WHERE o.updated_at < $1
                       AND (o.status <> 'claimed' OR COALESCE(o.lease_until, 0) < $1)
                       AND (o.conversation_identifier IS NULL OR NOT EXISTS (SELECT 1 FROM relay_byoc b
                            WHERE b.conversation_identifier = o.conversation_identifier))
                     LIMIT $2 FOR UPDATE SKIP LOCKED)`,
                now - retention.deliveredMs
            );
            return result;
        } finally {
            if (locked) {
                await client.query('SELECT pg_advisory_unlock(727002)').catch(() => {
                    broken = true;
                });
            }
            // A connection that could not unlock is closed, which releases its lock.
            client.release(broken);
        }
    }

    async close(): Promise<void> {
        await this.pool.end();
    }
}

interface ByocRow {
    conversation_id: string;
    intent: string;
    progress: string;
    rev: number;
    status: ByocRecord['status'];
    attempts: number;
    next_attempt_at: string;
    lease_owner: string | null;
    last_error: string | null;
}

function toByoc(row: ByocRow): ByocRecord {
    return {
        conversationId: row.conversation_id,
        intent: JSON.parse(row.intent) as unknown,
        progress: JSON.parse(row.progress) as unknown,
        rev: Number(row.rev),
        status: row.status,
        attempts: Number(row.attempts),
        nextAttemptAt: Number(row.next_attempt_at),
        leaseOwner: row.lease_owner,
        lastError: row.last_error
    };
}
