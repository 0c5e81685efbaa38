// Bring Your Own Channel, outbound side, in SQLite: the decisions claimed (relay_byoc_outbound), the Pub/Sub replay
// id (relay_byoc_replay), and the lookup of a conversation by its Interaction Service conversationIdentifier. Kept
// apart from sqlite.ts, which delegates to these functions; the same statements as postgres's byocOutboundPostgres.ts.
import type Database from 'better-sqlite3';
import type { ByocOutboundClaim, ByocOutboundClaimResult, ByocOutboundRecord, ByocOutboundSettlement } from './types';

/** Creates the tables, and the conversationIdentifier column of relay_byoc (added with the outbound side). */
export function initByocOutbound(db: Database.Database): void {
    const columns = db.prepare('PRAGMA table_info(relay_byoc)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'conversation_identifier')) {
        // A store created before the outbound side: the column, filled from the progress already stored.
        db.exec(`
            ALTER TABLE relay_byoc ADD COLUMN conversation_identifier TEXT;
            UPDATE relay_byoc SET conversation_identifier = json_extract(progress, '$.conversationIdentifier');
        `);
    }
    db.exec(`
        CREATE INDEX IF NOT EXISTS relay_byoc_identifier ON relay_byoc (conversation_identifier);
        CREATE TABLE IF NOT EXISTS relay_byoc_outbound (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            replay_id INTEGER NOT NULL,
            conversation_identifier TEXT,
            status TEXT NOT NULL DEFAULT 'claimed',
            lease_owner TEXT,
            lease_until INTEGER,
            attempts INTEGER NOT NULL DEFAULT 1,
            progress TEXT NOT NULL DEFAULT '{}',
            last_error TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS relay_byoc_replay (
            topic TEXT PRIMARY KEY,
            replay_id INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
    `);
}

/** The one field of a BYOC record's progress the store indexes (outbound events name conversations by it). */
export function conversationIdentifierOf(progress: unknown): string | null {
    const value = (progress as { conversationIdentifier?: unknown } | null)?.conversationIdentifier;
    return typeof value === 'string' && value !== '' ? value : null;
}

export interface OutboundRow {
    key: string;
    kind: string;
    replay_id: number | string;
    conversation_identifier: string | null;
    status: ByocOutboundRecord['status'];
    lease_owner: string | null;
    lease_until: number | string | null;
    attempts: number;
    progress: string;
    last_error: string | null;
    created_at: number | string;
    updated_at: number | string;
}

export function toOutbound(row: OutboundRow): ByocOutboundRecord {
    return {
        key: row.key,
        kind: row.kind,
        replayId: Number(row.replay_id),
        conversationIdentifier: row.conversation_identifier,
        status: row.status,
        leaseOwner: row.lease_owner,
        leaseUntil: row.lease_until === null ? null : Number(row.lease_until),
        attempts: Number(row.attempts),
        progress: JSON.parse(row.progress) as unknown,
        lastError: row.last_error,
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at)
    };
}

/** The claim rule, shared by both stores: whether `owner` may take the stored row. */
export function claimable(row: ByocOutboundRecord, owner: string, now: number): boolean {
    return row.status === 'claimed' && (row.leaseOwner === owner || row.leaseUntil === null || row.leaseUntil <= now);
}

export function outcomeOf(row: ByocOutboundRecord): ByocOutboundClaimResult {
    if (row.status !== 'claimed') return { kind: 'settled', record: row };
    return { kind: 'held', owner: row.leaseOwner ?? '', leaseUntil: row.leaseUntil ?? 0 };
}

export function claimSqlite(
    db: Database.Database,
    claim: ByocOutboundClaim,
    owner: string,
    leaseUntil: number,
    now: number
): ByocOutboundClaimResult {
    return db
        .transaction((): ByocOutboundClaimResult => {
            const inserted = db
                .prepare(
                    `INSERT INTO relay_byoc_outbound (key, kind, replay_id, conversation_identifier, lease_owner,
                         lease_until, created_at, updated_at)
                     VALUES (@key, @kind, @replayId, @conversationIdentifier, @owner, @leaseUntil, @now, @now)
                     ON CONFLICT (key) DO NOTHING`
                )
                .run({ ...claim, owner, leaseUntil, now }).changes;
            const read = (): ByocOutboundRecord =>
                toOutbound(db.prepare('SELECT * FROM relay_byoc_outbound WHERE key = ?').get(claim.key) as OutboundRow);
            if (inserted === 1) return { kind: 'claimed', record: read() };
            const stored = read();
            if (!claimable(stored, owner, now)) return outcomeOf(stored);
            db.prepare(
                `UPDATE relay_byoc_outbound SET lease_owner = ?, lease_until = ?, attempts = attempts + 1,
                     updated_at = ? WHERE key = ?`
            ).run(owner, leaseUntil, now, claim.key);
            return { kind: 'claimed', record: read() };
        })
        .immediate();
}

export function saveSqlite(
    db: Database.Database,
    key: string,
    owner: string,
    progress: unknown,
    leaseUntil: number,
    now: number
): boolean {
    return (
        db
            .prepare(
                `UPDATE relay_byoc_outbound SET progress = ?, lease_until = ?, updated_at = ?
                 WHERE key = ? AND lease_owner = ? AND status = 'claimed'`
            )
            .run(JSON.stringify(progress), leaseUntil, now, key, owner).changes === 1
    );
}

export function settleSqlite(
    db: Database.Database,
    key: string,
    owner: string,
    settlement: ByocOutboundSettlement,
    now: number
): boolean {
    return (
        db
            .prepare(
                `UPDATE relay_byoc_outbound SET status = ?, last_error = ?, lease_owner = NULL, lease_until = NULL,
                     updated_at = ? WHERE key = ? AND lease_owner = ? AND status = 'claimed'`
            )
            .run(settlement.status, settlement.error ?? null, now, key, owner).changes === 1
    );
}

export function recordSqlite(db: Database.Database, key: string): ByocOutboundRecord | undefined {
    const row = db.prepare('SELECT * FROM relay_byoc_outbound WHERE key = ?').get(key) as OutboundRow | undefined;
    return row === undefined ? undefined : toOutbound(row);
}

export function replayIdSqlite(db: Database.Database, topic: string): number | null {
    const row = db.prepare('SELECT replay_id FROM relay_byoc_replay WHERE topic = ?').get(topic) as
        { replay_id: number } | undefined;
    return row === undefined ? null : Number(row.replay_id);
}

export function setReplayIdSqlite(db: Database.Database, topic: string, replayId: number, now: number): void {
    db.prepare(
        `INSERT INTO relay_byoc_replay (topic, replay_id, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (topic) DO UPDATE SET replay_id = MAX(replay_id, excluded.replay_id),
             updated_at = excluded.updated_at`
    ).run(topic, replayId, now);
}
