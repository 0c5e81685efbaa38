// Bring Your Own Channel, outbound side, in PostgreSQL: the same tables and rules as byocOutboundSqlite.ts. A claim
// is one transaction: INSERT … ON CONFLICT DO NOTHING, else the row read FOR UPDATE and taken over only when its
// lease ran out (or this owner held it), so of two instances claiming at once exactly one gets it.
import type { Pool, PoolClient } from 'pg';
import { claimable, outcomeOf, toOutbound, type OutboundRow } from './byocOutboundSqlite';
import type { ByocOutboundClaim, ByocOutboundClaimResult, ByocOutboundRecord, ByocOutboundSettlement } from './types';

/** Run inside postgres.ts's init transaction (under its advisory lock). */
export const BYOC_OUTBOUND_DDL = `
    ALTER TABLE relay_byoc ADD COLUMN IF NOT EXISTS conversation_identifier TEXT;
    UPDATE relay_byoc SET conversation_identifier = progress::json ->> 'conversationIdentifier'
        WHERE conversation_identifier IS NULL AND progress <> '{}';
    CREATE INDEX IF NOT EXISTS relay_byoc_identifier ON relay_byoc (conversation_identifier);
    CREATE TABLE IF NOT EXISTS relay_byoc_outbound (
        key TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        replay_id BIGINT NOT NULL,
        conversation_identifier TEXT,
        status TEXT NOT NULL DEFAULT 'claimed',
        lease_owner TEXT,
        lease_until BIGINT,
        attempts INTEGER NOT NULL DEFAULT 1,
        progress TEXT NOT NULL DEFAULT '{}',
        last_error TEXT,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS relay_byoc_replay (
        topic TEXT PRIMARY KEY,
        replay_id BIGINT NOT NULL,
        updated_at BIGINT NOT NULL
    );
`;

export async function claimPostgres(
    client: PoolClient,
    claim: ByocOutboundClaim,
    owner: string,
    leaseUntil: number,
    now: number
): Promise<ByocOutboundClaimResult> {
    const inserted = await client.query<OutboundRow>(
        `INSERT INTO relay_byoc_outbound (key, kind, replay_id, conversation_identifier, lease_owner, lease_until,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (key) DO NOTHING RETURNING *`,
        [claim.key, claim.kind, claim.replayId, claim.conversationIdentifier, owner, leaseUntil, now]
    );
    if (inserted.rows[0] !== undefined) return { kind: 'claimed', record: toOutbound(inserted.rows[0]) };
    const { rows } = await client.query<OutboundRow>('SELECT * FROM relay_byoc_outbound WHERE key = $1 FOR UPDATE', [
        claim.key
    ]);
    const stored = toOutbound(rows[0]!);
    if (!claimable(stored, owner, now)) return outcomeOf(stored);
    const taken = await client.query<OutboundRow>(
        `UPDATE relay_byoc_outbound SET lease_owner = $2, lease_until = $3, attempts = attempts + 1, updated_at = $4
         WHERE key = $1 RETURNING *`,
        [claim.key, owner, leaseUntil, now]
    );
    return { kind: 'claimed', record: toOutbound(taken.rows[0]!) };
}

export async function savePostgres(
    pool: Pool,
    key: string,
    owner: string,
    progress: unknown,
    leaseUntil: number,
    now: number
): Promise<boolean> {
    const result = await pool.query(
        `UPDATE relay_byoc_outbound SET progress = $3, lease_until = $4, updated_at = $5
         WHERE key = $1 AND lease_owner = $2 AND status = 'claimed'`,
        [key, owner, JSON.stringify(progress), leaseUntil, now]
    );
    return result.rowCount === 1;
}

export async function settlePostgres(
    pool: Pool,
    key: string,
    owner: string,
    settlement: ByocOutboundSettlement,
    now: number
): Promise<boolean> {
    const result = await pool.query(
        `UPDATE relay_byoc_outbound SET status = $3, last_error = $4, lease_owner = NULL, lease_until = NULL,
             updated_at = $5 WHERE key = $1 AND lease_owner = $2 AND status = 'claimed'`,
        [key, owner, settlement.status, settlement.error ?? null, now]
    );
    return result.rowCount === 1;
}

export async function recordPostgres(pool: Pool, key: string): Promise<ByocOutboundRecord | undefined> {
    const { rows } = await pool.query<OutboundRow>('SELECT * FROM relay_byoc_outbound WHERE key = $1', [key]);
    return rows[0] === undefined ? undefined : toOutbound(rows[0]);
}

export async function replayIdPostgres(pool: Pool, topic: string): Promise<number | null> {
    const { rows } = await pool.query<{ replay_id: string }>(
        'SELECT replay_id FROM relay_byoc_replay WHERE topic = $1',
        [topic]
    );
    return rows[0] === undefined ? null : Number(rows[0].replay_id);
}

export async function setReplayIdPostgres(pool: Pool, topic: string, replayId: number, now: number): Promise<void> {
    await pool.query(
        `INSERT INTO relay_byoc_replay (topic, replay_id, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (topic) DO UPDATE SET replay_id = GREATEST(relay_byoc_replay.replay_id, excluded.replay_id),
             updated_at = excluded.updated_at`,
        [topic, replayId, now]
    );
}
