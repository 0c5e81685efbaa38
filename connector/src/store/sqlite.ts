// The outbox in SQLite (better-sqlite3 12; 13 crashes on Node 20): the embedded default for one instance.
// WAL journal, synchronous=NORMAL: a committed append survives kill -9 of the process (the WAL is in the OS);
// after a power loss the last transactions may be lost (FULL fsyncs each one: 3-8x slower on a 2-core VM). Writes run in
// BEGIN IMMEDIATE transactions, so several processes on one file would still claim correctly, but the
// supported way to run several instances is PostgreSQL.
import Database from 'better-sqlite3';
import { isOpen, type ConversationView, type DerivedEvent } from '../derive';
import {
    claimSqlite,
    conversationIdentifierOf,
    initByocOutbound,
    recordSqlite,
    replayIdSqlite,
    saveSqlite,
    setReplayIdSqlite,
    settleSqlite
} from './byocOutboundSqlite';
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
    seq: number;
    payload: string;
    needs: string | null;
    attempts: number;
    appended_at: number;
}

export class SqliteOutbox implements OutboxStore {
    readonly kind = 'sqlite' as const;
    private readonly db: Database.Database;
    /** Prepared statements by SQL text: preparing costs more than running these small statements. */
    private readonly statements = new Map<string, Database.Statement>();

    private sql(text: string): Database.Statement {
        let statement = this.statements.get(text);
        if (statement === undefined) {
            statement = this.db.prepare(text);
            this.statements.set(text, statement);
        }
        return statement;
    }

    constructor(file: string) {
        this.db = new Database(file);
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        this.db.pragma('busy_timeout = 5000');
    }

    async init(): Promise<void> {
        this.db.exec(`
            CREATE TABLE IF NOT EXISTS relay_outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL UNIQUE,
                conversation_id TEXT NOT NULL,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                needs TEXT,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                lease_owner TEXT,
                lease_until INTEGER,
                appended_at INTEGER NOT NULL,
                settled_at INTEGER,
                last_status INTEGER,
                last_error TEXT
            );
            CREATE INDEX IF NOT EXISTS relay_outbox_pending ON relay_outbox (conversation_id, seq) WHERE status = 'pending';
            CREATE INDEX IF NOT EXISTS relay_outbox_pending_seq ON relay_outbox (seq) WHERE status = 'pending';
            CREATE TABLE IF NOT EXISTS relay_conversation (
                conversation_id TEXT PRIMARY KEY,
                view TEXT NOT NULL,
                updated_at INTEGER NOT NULL
            );
        `);
        // Added with the Genesys side (reconciliation): a store created before it gets the column, every view open.
        const columns = this.db.prepare('PRAGMA table_info(relay_conversation)').all() as { name: string }[];
        if (!columns.some((c) => c.name === 'open')) {
            this.db.exec('ALTER TABLE relay_conversation ADD COLUMN open INTEGER NOT NULL DEFAULT 1');
        }
        this.db.exec(
            'CREATE INDEX IF NOT EXISTS relay_conversation_open ON relay_conversation (updated_at) WHERE open = 1'
        );
        // The Genesys listening watermark (reconcile.ts): a tiny key/value table of named times.
        this.db.exec('CREATE TABLE IF NOT EXISTS relay_watermark (name TEXT PRIMARY KEY, at INTEGER NOT NULL)');
        // Bring Your Own Channel (byoc/bridge.ts): one record per conversation, claimed with a lease like the outbox.
        this.db.exec(`
            CREATE TABLE IF NOT EXISTS relay_byoc (
                conversation_id TEXT PRIMARY KEY,
                intent TEXT NOT NULL,
                progress TEXT NOT NULL DEFAULT '{}',
                rev INTEGER NOT NULL DEFAULT 1,
                status TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at INTEGER NOT NULL,
                lease_owner TEXT,
                lease_until INTEGER,
                last_error TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS relay_byoc_pending ON relay_byoc (next_attempt_at) WHERE status = 'pending';
        `);
        // Bring Your Own Channel, outbound side (byoc/outbound.ts): decisions claimed, the Pub/Sub replay id.
        initByocOutbound(this.db);
    }

    /** Applies a BYOC intent change inside the caller's transaction. */
    private byocIntent(conversationId: string, update: ByocIntentUpdate, now: number): void {
        const row = this.sql('SELECT intent FROM relay_byoc WHERE conversation_id = ?').get(conversationId) as
            { intent: string } | undefined;
        const next = update(row === undefined ? undefined : (JSON.parse(row.intent) as unknown));
        if (next === undefined) return;
        if (row === undefined) {
            this.sql(
                `INSERT INTO relay_byoc (conversation_id, intent, next_attempt_at, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?)`
            ).run(conversationId, JSON.stringify(next), now, now, now);
        } else {
            this.sql(
                `UPDATE relay_byoc SET intent = @intent, rev = rev + 1, updated_at = @now,
                     next_attempt_at = CASE WHEN status = 'idle' THEN @now ELSE next_attempt_at END,
                     status = CASE WHEN status = 'idle' THEN 'pending' ELSE status END
                 WHERE conversation_id = @id`
            ).run({ id: conversationId, intent: JSON.stringify(next), now });
        }
    }

    async byocClaim(owner: string, limit: number, leaseMs: number, now: number): Promise<ByocRecord[]> {
        return this.db
            .transaction((): ByocRecord[] => {
                const rows = this.sql(
                    `SELECT * FROM relay_byoc WHERE status = 'pending' AND next_attempt_at <= @now
                         AND (lease_until IS NULL OR lease_until <= @now) ORDER BY next_attempt_at LIMIT @limit`
                ).all({ now, limit }) as ByocRow[];
                const lease = this.sql(
                    'UPDATE relay_byoc SET lease_owner = ?, lease_until = ? WHERE conversation_id = ?'
                );
                for (const row of rows) {
                    lease.run(owner, now + leaseMs, row.conversation_id);
                    row.lease_owner = owner;
                }
                return rows.map(toByoc);
            })
            .immediate();
    }

    async byocSave(
        conversationId: string,
        owner: string,
        progress: unknown,
        leaseUntil: number
    ): Promise<ByocRecord | null> {
        return this.db
            .transaction((): ByocRecord | null => {
                const changed = this.sql(
                    `UPDATE relay_byoc SET progress = ?, conversation_identifier = ?, lease_until = ?, attempts = 0,
                         last_error = NULL
                     WHERE conversation_id = ? AND lease_owner = ? AND status = 'pending'`
                ).run(
                    JSON.stringify(progress),
                    conversationIdentifierOf(progress),
                    leaseUntil,
                    conversationId,
                    owner
                ).changes;
                if (changed === 0) return null;
                const row = this.sql('SELECT * FROM relay_byoc WHERE conversation_id = ?').get(
                    conversationId
                ) as ByocRow;
                return toByoc(row);
            })
            .immediate();
    }

    async byocSettle(conversationId: string, owner: string, settlement: ByocSettlement, now: number): Promise<void> {
        const where = 'WHERE conversation_id = @id AND lease_owner = @owner';
        const release = 'lease_owner = NULL, lease_until = NULL, updated_at = @now';
        if (settlement.kind === 'idle') {
            this.sql(
                `UPDATE relay_byoc SET status = CASE WHEN rev = @rev THEN 'idle' ELSE 'pending' END,
                     next_attempt_at = @now, ${release} ${where} AND status = 'pending'`
            ).run({ id: conversationId, owner, now, rev: settlement.rev });
        } else if (settlement.kind === 'retry') {
            this.sql(
                `UPDATE relay_byoc SET attempts = attempts + 1, next_attempt_at = @at, last_error = @error, ${release}
                 ${where}`
            ).run({ id: conversationId, owner, now, at: settlement.notBefore, error: settlement.error });
        } else {
            this.sql(
                `UPDATE relay_byoc SET status = 'failed', attempts = attempts + 1, last_error = @error, ${release}
                 ${where}`
            ).run({ id: conversationId, owner, now, error: settlement.error });
        }
    }

    async byocReleaseClaims(owner: string): Promise<number> {
        return this.sql('UPDATE relay_byoc SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?').run(owner)
            .changes;
    }

    async byocNextDueAt(): Promise<number | null> {
        const row = this.sql(
            `SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM relay_byoc WHERE status = 'pending'`
        ).get() as { due: number | null };
        return row.due;
    }

    async byocRecord(conversationId: string): Promise<ByocRecord | undefined> {
        const row = this.sql('SELECT * FROM relay_byoc WHERE conversation_id = ?').get(conversationId) as
            ByocRow | undefined;
        return row === undefined ? undefined : toByoc(row);
    }

    async byocFind(conversationIdentifier: string): Promise<ByocRecord | undefined> {
        const row = this.sql(
            'SELECT * FROM relay_byoc WHERE conversation_identifier = ? ORDER BY created_at DESC LIMIT 1'
        ).get(conversationIdentifier) as ByocRow | undefined;
        return row === undefined ? undefined : toByoc(row);
    }

    async byocOutboundClaim(
        claim: ByocOutboundClaim,
        owner: string,
        leaseUntil: number,
        now: number
    ): Promise<ByocOutboundClaimResult> {
        return claimSqlite(this.db, claim, owner, leaseUntil, now);
    }

    async byocOutboundSave(
        key: string,
        owner: string,
        progress: unknown,
        leaseUntil: number,
        now: number
    ): Promise<boolean> {
        return saveSqlite(this.db, key, owner, progress, leaseUntil, now);
    }

    async byocOutboundSettle(
        key: string,
        owner: string,
        settlement: ByocOutboundSettlement,
        now: number
    ): Promise<boolean> {
        return settleSqlite(this.db, key, owner, settlement, now);
    }

    async byocOutboundRecord(key: string): Promise<ByocOutboundRecord | undefined> {
        return recordSqlite(this.db, key);
    }

    async byocReplayId(topic: string): Promise<number | null> {
        return replayIdSqlite(this.db, topic);
    }

    async setByocReplayId(topic: string, replayId: number, now: number): Promise<void> {
        setReplayIdSqlite(this.db, topic, replayId, now);
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
        return this.db
            .transaction((): ObserveResult => {
                const row = this.sql('SELECT view FROM relay_conversation WHERE conversation_id = ?').get(
                    conversationId
                ) as { view: string } | undefined;
                const previous = row === undefined ? undefined : (JSON.parse(row.view) as ConversationView);
                const { view, events, byoc } = derive(previous);
                const result = this.insert(events, now);
                if (byoc !== undefined) this.byocIntent(conversationId, byoc, now);
                this.sql(
                    `INSERT INTO relay_conversation (conversation_id, view, updated_at, open) VALUES (?, ?, ?, ?)
                         ON CONFLICT (conversation_id) DO UPDATE SET view = excluded.view, updated_at = excluded.updated_at,
                           open = excluded.open`
                ).run(conversationId, JSON.stringify(view), now, isOpen(view) ? 1 : 0);
                return { ...result, events };
            })
            .immediate();
    }

    async append(events: DerivedEvent[], now: number): Promise<AppendResult> {
        return this.db.transaction(() => this.insert(events, now)).immediate();
    }

    private insert(events: DerivedEvent[], now: number): AppendResult {
        const statement = this.sql(
            `INSERT INTO relay_outbox (event_id, conversation_id, type, payload, needs, next_attempt_at, appended_at)
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`
        );
        let inserted = 0;
        for (const { event, needsMessageContent } of events) {
            const needs = needsMessageContent === undefined ? null : JSON.stringify(needsMessageContent);
            const info = statement.run(
                event.eventId,
                event.conversationId,
                event.type,
                JSON.stringify(event),
                needs,
                now,
                now
            );
            inserted += info.changes;
        }
        return { inserted, duplicates: events.length - inserted };
    }

    async claim(owner: string, limit: number, leaseMs: number, now: number): Promise<ClaimedEvent[]> {
        return this.db
            .transaction((): ClaimedEvent[] => {
                const rows = this.sql(
                    `SELECT o.seq, o.payload, o.needs, o.attempts, o.appended_at FROM relay_outbox o
                         WHERE o.status = 'pending' AND o.next_attempt_at <= @now
                           AND (o.lease_until IS NULL OR o.lease_until <= @now)
                           AND NOT EXISTS (SELECT 1 FROM relay_outbox p WHERE p.conversation_id = o.conversation_id
                                           AND p.status = 'pending' AND p.seq < o.seq)
                         ORDER BY o.seq LIMIT @limit`
                ).all({ now, limit }) as Row[];
                const lease = this.sql('UPDATE relay_outbox SET lease_owner = ?, lease_until = ? WHERE seq = ?');
                for (const row of rows) lease.run(owner, now + leaseMs, row.seq);
                return rows.map(toClaimed);
            })
            .immediate();
    }

    async markDelivered(seq: number, now: number, status: number): Promise<void> {
        this.sql(
            `UPDATE relay_outbox SET status = 'delivered', settled_at = ?, last_status = ?, attempts = attempts + 1,
                 lease_owner = NULL, lease_until = NULL WHERE seq = ? AND status = 'pending'`
        ).run(now, status, seq);
    }

    async retryLater(seq: number, owner: string, notBefore: number, error: string): Promise<void> {
        this.sql(
            `UPDATE relay_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
                 lease_owner = NULL, lease_until = NULL WHERE seq = ? AND status = 'pending' AND lease_owner = ?`
        ).run(notBefore, error, seq, owner);
    }

    async markFailed(seq: number, now: number, error: string): Promise<void> {
        this.sql(
            `UPDATE relay_outbox SET status = 'failed', settled_at = ?, last_error = ?, attempts = attempts + 1,
                 lease_owner = NULL, lease_until = NULL WHERE seq = ? AND status = 'pending'`
        ).run(now, error, seq);
    }

    async updatePayload(seq: number, payload: string): Promise<void> {
        this.sql('UPDATE relay_outbox SET payload = ?, needs = NULL WHERE seq = ?').run(payload, seq);
    }

    async releaseClaims(owner: string): Promise<number> {
        return this.sql(
            `UPDATE relay_outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND status = 'pending'`
        ).run(owner).changes;
    }

    async stats(now: number): Promise<OutboxStats> {
        const row = this.sql(
            `SELECT
                   COALESCE(SUM(status = 'pending'), 0) AS pending,
                   COALESCE(SUM(status = 'pending' AND lease_until > @now), 0) AS leased,
                   COALESCE(SUM(status = 'delivered'), 0) AS delivered,
                   COALESCE(SUM(status = 'failed'), 0) AS failed
                 FROM relay_outbox`
        ).get({ now }) as OutboxStats;
        return row;
    }

    async nextDueAt(): Promise<number | null> {
        const row = this.sql(
            `SELECT MIN(MAX(o.next_attempt_at, COALESCE(o.lease_until, 0))) AS due FROM relay_outbox o
                 WHERE o.status = 'pending' AND NOT EXISTS (SELECT 1 FROM relay_outbox p
                     WHERE p.conversation_id = o.conversation_id AND p.status = 'pending' AND p.seq < o.seq)`
        ).get() as { due: number | null };
        return row.due;
    }

    async openConversations(
        since: number,
        limit: number
    ): Promise<{ conversationId: string; queueId: string | null }[]> {
        const rows = this.sql(
            `SELECT conversation_id, view FROM relay_conversation WHERE open = 1 AND updated_at >= ?
                 ORDER BY updated_at DESC LIMIT ?`
        ).all(since, limit) as { conversation_id: string; view: string }[];
        return rows.map((r) => ({
            conversationId: r.conversation_id,
            queueId: (JSON.parse(r.view) as ConversationView).topicQueueId
        }));
    }

    async closeConversation(conversationId: string): Promise<void> {
        this.sql('UPDATE relay_conversation SET open = 0 WHERE conversation_id = ?').run(conversationId);
    }

    async view(conversationId: string): Promise<ConversationView | undefined> {
        const row = this.sql('SELECT view FROM relay_conversation WHERE conversation_id = ?').get(conversationId) as
            { view: string } | undefined;
        return row === undefined ? undefined : (JSON.parse(row.view) as ConversationView);
    }

    async knownConversations(conversationIds: string[]): Promise<Set<string>> {
        const known = new Set<string>();
        const statement = this.sql('SELECT 1 FROM relay_conversation WHERE conversation_id = ?');
        for (const id of conversationIds) if (statement.get(id) !== undefined) known.add(id);
        return known;
    }

    async getWatermark(name: string): Promise<number | null> {
        const row = this.sql('SELECT at FROM relay_watermark WHERE name = ?').get(name) as { at: number } | undefined;
        return row?.at ?? null;
    }

    async setWatermark(name: string, at: number): Promise<void> {
        this.sql(
            `INSERT INTO relay_watermark (name, at) VALUES (?, ?)
                 ON CONFLICT (name) DO UPDATE SET at = MAX(at, excluded.at)`
        ).run(name, at);
    }

    /** Prune's indexes (settled events and closed views by time): created by its first run. */
    private pruneIndexes = false;

    async prune(now: number, retention: PruneRetention): Promise<PruneResult> {
        if (!this.pruneIndexes) {
            this.db.exec(`
                CREATE INDEX IF NOT EXISTS relay_outbox_delivered ON relay_outbox (settled_at) WHERE status = 'delivered';
                CREATE INDEX IF NOT EXISTS relay_outbox_failed ON relay_outbox (settled_at) WHERE status = 'failed';
                CREATE INDEX IF NOT EXISTS relay_conversation_closed ON relay_conversation (updated_at) WHERE open = 0;
                CREATE INDEX IF NOT EXISTS relay_byoc_settled ON relay_byoc (updated_at) WHERE status <> 'pending';
                CREATE INDEX IF NOT EXISTS relay_byoc_outbound_updated ON relay_byoc_outbound (updated_at);
            `);
            this.pruneIndexes = true;
        }
        const batch = retention.batchSize ?? PRUNE_BATCH_SIZE;
        // Each DELETE is its own short write transaction; between batches, intake and delivery get the file back.
        const drain = async (text: string, before: number): Promise<number> => {
            let total = 0;
            for (;;) {
                const deleted = this.sql(text).run({ before, batch }).changes;
                total += deleted;
                if (deleted < batch) return total;
                await new Promise<void>((resolve) => setImmediate(resolve));
            }
        };
        // The statuses are literals, not parameters: SQLite uses a partial index only for a literal match.
        const events = await drain(
            `DELETE FROM relay_outbox WHERE seq IN (SELECT seq FROM relay_outbox
                 WHERE status = 'delivered' AND settled_at < @before LIMIT @batch)`,
            now - retention.deliveredMs
        );
        const failed = await drain(
            `DELETE FROM relay_outbox WHERE seq IN (SELECT seq FROM relay_outbox
                 WHERE status = 'failed' AND settled_at < @before LIMIT @batch)`,
            now - retention.failedMs
        );
        const views = await drain(
            `DELETE FROM relay_conversation WHERE conversation_id IN (SELECT c.conversation_id FROM relay_conversation c
                 WHERE c.open = 0 AND c.updated_at < @before
                   AND NOT EXISTS (SELECT 1 FROM relay_outbox o WHERE o.conversation_id = c.conversation_id
                                   AND o.status = 'pending')
                 LIMIT @batch)`,
            now - retention.deliveredMs
        );
        // Bring Your Own Channel (types.ts, prune): records of ended conversations, then their outbound decisions.
        const byocOf = (status: string): string =>
            `DELETE FROM relay_byoc WHERE conversation_id IN (SELECT b.conversation_id FROM relay_byoc b
                 WHERE b.status = '${status}' AND b.lease_owner IS NULL AND b.updated_at < @before
                   AND NOT EXISTS (SELECT 1 FROM relay_conversation c WHERE c.conversation_id = b.conversation_id
                                   AND c.open = 1)
                 LIMIT @batch)`;
        const byoc =
            (await drain(byocOf('idle'), now - retention.deliveredMs)) +
            (await drain(byocOf('failed'), now - retention.failedMs));
        const byocOutbound = await drain(
            `DELETE FROM relay_byoc_outbound WHERE key IN (SELECT o.key FROM relay_byoc_outbound o
                 WHERE o.updated_at < @before
                   AND (o.status <> 'claimed' OR COALESCE(o.lease_until, 0) < @before)
                   AND (o.conversation_identifier IS NULL OR NOT EXISTS (SELECT 1 FROM relay_byoc b
                        WHERE b.conversation_identifier = o.conversation_identifier))
                 LIMIT @batch)`,
            now - retention.deliveredMs
        );
        return { events, failed, views, byoc, byocOutbound };
    }

    async close(): Promise<void> {
        if (this.db.open) this.db.close();
    }
}

interface ByocRow {
    conversation_id: string;
    intent: string;
    progress: string;
    rev: number;
    status: ByocRecord['status'];
    attempts: number;
    next_attempt_at: number;
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

function toClaimed(row: Row): ClaimedEvent {
    return {
        seq: row.seq,
        event: JSON.parse(row.payload) as ClaimedEvent['event'],
        payload: row.payload,
        needsMessageContent: row.needs === null ? null : (JSON.parse(row.needs) as ClaimedEvent['needsMessageContent']),
        attempts: row.attempts,
        appendedAt: row.appended_at
    };
}
