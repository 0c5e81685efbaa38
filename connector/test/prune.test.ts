// Housekeeping: the outbox's prune, run against both stores (SQLite in a temp file, PostgreSQL in a throwaway
// cluster), the service's prune timer driven by a ManualClock, and the retention settings' validation.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, test, type TestContext } from 'node:test';
import { Client } from 'pg';
import pino from 'pino';
import { ManualClock } from '../src/clock';
import { ConfigError, DAY_MS, parseConfig } from '../src/config';
import type { ConversationView, DerivedEvent } from '../src/derive';
import { eventIdFor, type RelayEvent } from '../src/events';
import { FIRST_PRUNE_DELAY_MS, startConnector } from '../src/service';
import { openStore, type OutboxStore, type PruneRetention } from '../src/store';
import { startPostgres, type PostgresCluster } from './helpers/postgres';
import { connectorEnv, type FakeSalesforce } from './helpers/salesforce';

const T0 = Date.parse('2026-11-21T12:00:00.000Z');
const RETENTION: PruneRetention = { deliveredMs: 7 * DAY_MS, failedMs: 30 * DAY_MS };

function ev(conversationId: string, subject: string): DerivedEvent {
    const type: RelayEvent['type'] = 'conversation.alerting';
    return {
        event: {
            eventId: eventIdFor(conversationId, type, subject),
            type,
            occurredAt: new Date(T0).toISOString(),
            conversationId,
            participantId: subject,
            userId: 'u-1',
            queueId: 'q-1',
            channel: 'whatsapp',
            data: {}
        }
    };
}

function view(conversationId: string, state: 'connected' | 'disconnected'): ConversationView {
    const leg = {
        id: 'p',
        purpose: 'customer',
        userId: null,
        queueId: null,
        name: null,
        address: null,
        state,
        disconnectType: null,
        messengerType: 'sms',
        startTime: null,
        connectedTime: null,
        endTime: null,
        wrapupRequired: false,
        wrapupPrompt: null,
        wrapupTimeoutMs: null,
        wrapupCode: null,
        wrapupEndTime: null,
        startAcwTime: null,
        alertingTimeoutMs: null,
        messages: []
    };
    return { conversationId, topicQueueId: 'q-1', participants: [leg] } as unknown as ConversationView;
}

/** Appends one event per conversation and settles each, delivered (or failed) at `at`. */
async function settled(
    store: OutboxStore,
    conversationIds: string[],
    at: number,
    outcome: 'delivered' | 'failed' = 'delivered'
): Promise<void> {
    await store.append(
        conversationIds.map((id) => ev(id, 'a')),
        at
    );
    const claimed = await store.claim('settler', conversationIds.length, 30_000, at);
    assert.equal(claimed.length, conversationIds.length);
    for (const c of claimed) {
        if (outcome === 'delivered') await store.markDelivered(c.seq, at, 202);
        else await store.markFailed(c.seq, at, '400 invalid_payload');
    }
}

/** Stores the conversation's view as of `at` (open or closed), with `events` appended in the same transaction. */
async function observed(
    store: OutboxStore,
    id: string,
    state: 'connected' | 'disconnected',
    at: number,
    events: DerivedEvent[] = []
): Promise<void> {
    await store.observe(id, () => ({ view: view(id, state), events }), at);
}

/** Whether the store still holds the conversation's view (observing it again rewrites it: call it last). */
async function hasView(store: OutboxStore, id: string): Promise<boolean> {
    let found = false;
    await store.observe(
        id,
        (previous) => {
            found = previous !== undefined;
            return { view: previous ?? view(id, 'disconnected'), events: [] };
        },
        T0
    );
    return found;
}

/**
 * A Bring Your Own Channel record for the conversation (its view as of `at`, open or closed), settled by `at` as
 * `settle` says with `identifier` as its Interaction Service conversationIdentifier. Records are made one at a time:
 * the claim takes the only pending one.
 */
async function byocRecord(
    store: OutboxStore,
    id: string,
    state: 'connected' | 'disconnected',
    at: number,
    settle: 'idle' | 'failed' | 'pending',
    identifier?: string
): Promise<void> {
    await store.observe(id, () => ({ view: view(id, state), events: [], byoc: () => ({ opened: id }) }), at);
    if (settle === 'pending') return;
    const [record] = await store.byocClaim('i1', 1, 30_000, at);
    assert.equal(record?.conversationId, id);
    const saved = await store.byocSave(id, 'i1', { conversationIdentifier: identifier }, at + 30_000);
    assert.ok(saved !== null);
    const settlement =
        settle === 'idle' ? { kind: 'idle' as const, rev: saved.rev } : { kind: 'failed' as const, error: '400' };
    await store.byocSettle(id, 'i1', settlement, at);
}

/** An outbound decision about `identifier`'s conversation, settled done at `at`. */
async function decision(store: OutboxStore, key: string, identifier: string | null, at: number): Promise<void> {
    const claim = { key, kind: 'send-text', replayId: 1, conversationIdentifier: identifier };
    assert.equal((await store.byocOutboundClaim(claim, 'i1', at + 30_000, at)).kind, 'claimed');
    assert.equal(await store.byocOutboundSettle(key, 'i1', { status: 'done' }, at), true);
}

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

interface Opened {
    store: OutboxStore;
    /** Another handle on the same outbox: a second instance. */
    another(): Promise<OutboxStore>;
}

function contract(name: string, open: () => Promise<Opened>): void {
    describe(`${name} prune`, () => {
        let opened: Opened;
        let store: OutboxStore;
        beforeEach(async () => {
            opened = await open();
            store = opened.store;
        });

        test('delivered events older than the retention are deleted and recent ones are kept', async () => {
            await settled(store, range('old', 3), T0 - 7 * DAY_MS - 1);
            await settled(store, range('recent', 2), T0 - 7 * DAY_MS + 1);
            assert.deepEqual(await store.prune(T0, RETENTION), {
                events: 3,
                failed: 0,
                views: 0,
                byoc: 0,
                byocOutbound: 0
            });
            assert.deepEqual(await store.stats(T0), { pending: 0, leased: 0, delivered: 2, failed: 0 });
        });

        test('pending and leased events are never deleted, however old they are', async () => {
            await store.append([ev('waiting', 'a'), ev('leased', 'a'), ev('retried', 'a')], T0 - 365 * DAY_MS);
            const claimed = await store.claim('i1', 10, 30_000, T0);
            const of = (id: string) => claimed.find((c) => c.event.conversationId === id)?.seq ?? -1;
            await store.retryLater(of('retried'), 'i1', T0 + 60_000, '503');
            await store.retryLater(of('waiting'), 'i1', T0, 'given back');
            assert.deepEqual(await store.stats(T0), { pending: 3, leased: 1, delivered: 0, failed: 0 });
            assert.deepEqual(await store.prune(T0, RETENTION), {
                events: 0,
                failed: 0,
                views: 0,
                byoc: 0,
                byocOutbound: 0
            });
            assert.deepEqual(await store.stats(T0), { pending: 3, leased: 1, delivered: 0, failed: 0 });
        });

        test('failed events are kept for their own, longer retention, then deleted', async () => {
            await settled(store, range('refused-long-ago', 2), T0 - 30 * DAY_MS - 1, 'failed');
            await settled(store, range('refused-last-week', 3), T0 - 8 * DAY_MS, 'failed');
            assert.deepEqual(await store.prune(T0, RETENTION), {
                events: 0,
                failed: 2,
                views: 0,
                byoc: 0,
                byocOutbound: 0
            });
            assert.equal((await store.stats(T0)).failed, 3, 'failed events past the delivered retention stay');
        });

        test("an open conversation's view is kept however old; a closed one past the retention is deleted", async () => {
            await observed(store, 'open-for-a-year', 'connected', T0 - 365 * DAY_MS);
            await observed(store, 'closed-long-ago', 'disconnected', T0 - 7 * DAY_MS - 1);
            await observed(store, 'closed-yesterday', 'disconnected', T0 - DAY_MS);
            await observed(store, 'closed-by-reconciliation', 'connected', T0 - 8 * DAY_MS);
            await store.closeConversation('closed-by-reconciliation');
            assert.deepEqual(await store.prune(T0, RETENTION), {
                events: 0,
                failed: 0,
                views: 2,
                byoc: 0,
                byocOutbound: 0
            });
            assert.equal(await hasView(store, 'open-for-a-year'), true);
            assert.equal(await hasView(store, 'closed-yesterday'), true);
            assert.equal(await hasView(store, 'closed-long-ago'), false);
            assert.equal(await hasView(store, 'closed-by-reconciliation'), false);
        });

        test('a closed view past the retention is kept while its conversation has an undelivered event', async () => {
            const old = T0 - 8 * DAY_MS;
            await observed(store, 'c1', 'disconnected', old, [ev('c1', 'a')]);
            assert.deepEqual(await store.prune(T0, RETENTION), {
                events: 0,
                failed: 0,
                views: 0,
                byoc: 0,
                byocOutbound: 0
            });
            const [claimed] = await store.claim('i1', 10, 30_000, T0);
            assert.ok(claimed !== undefined);
            await store.markDelivered(claimed.seq, T0, 202);
            assert.deepEqual(
                await store.prune(T0, RETENTION),
                { events: 0, failed: 0, views: 1, byoc: 0, byocOutbound: 0 },
                'once delivered, the view goes (the event itself is recent: it stays)'
            );
            assert.equal((await store.stats(T0)).delivered, 1);
        });

        test('a large prune deletes in batches, returns the totals, and a second run finds nothing', async () => {
            await settled(store, range('c', 25), T0 - 8 * DAY_MS);
            for (const id of range('v', 12)) await observed(store, id, 'disconnected', T0 - 8 * DAY_MS);
            const small = { ...RETENTION, batchSize: 10 };
            assert.deepEqual(await store.prune(T0, small), {
                events: 25,
                failed: 0,
                views: 12,
                byoc: 0,
                byocOutbound: 0
            });
            assert.deepEqual(await store.prune(T0, small), {
                events: 0,
                failed: 0,
                views: 0,
                byoc: 0,
                byocOutbound: 0
            });
            assert.equal((await store.stats(T0)).delivered, 0);
        });

        test("BYOC records of ended conversations and their outbound decisions go with the outbox's retention", async () => {
            const old = T0 - 7 * DAY_MS - 1;
            await byocRecord(store, 'ended', 'disconnected', old, 'idle', 'ci-ended');
            await byocRecord(store, 'open', 'connected', old - 365 * DAY_MS, 'idle', 'ci-open');
            await byocRecord(store, 'ended-yesterday', 'disconnected', T0 - DAY_MS, 'idle', 'ci-yesterday');
            await byocRecord(store, 'failed-last-week', 'disconnected', old, 'failed', 'ci-failed');
            await byocRecord(store, 'failed-long-ago', 'disconnected', T0 - 30 * DAY_MS - 1, 'failed', 'ci-failed-old');
            await byocRecord(store, 'still-pending', 'disconnected', old - 365 * DAY_MS, 'pending');
            await decision(store, 'message:ended', 'ci-ended', old);
            await decision(store, 'message:open', 'ci-open', old);
            await decision(store, 'message:recent', 'ci-gone', T0 - DAY_MS);
            await decision(store, 'message:gone', 'ci-gone', old);
            await decision(store, 'invalid:no-conversation', null, old);
            const leased = {
                key: 'routing:leased',
                kind: 'answer-transfer',
                replayId: 2,
                conversationIdentifier: 'ci-x'
            };
            await store.byocOutboundClaim(leased, 'i2', T0 + 60_000, old);

            const result = await store.prune(T0, RETENTION);
            assert.equal(result.byoc, 2, 'the ended one and the one failed long ago');
            assert.equal(result.byocOutbound, 3, "the ended conversation's, the gone one's and the one without");
            for (const [id, kept] of [
                ['ended', false],
                ['failed-long-ago', false],
                ['open', true],
                ['ended-yesterday', true],
                ['failed-last-week', true],
                ['still-pending', true]
            ] as const) {
                assert.equal((await store.byocRecord(id)) !== undefined, kept, id);
            }
            for (const [key, kept] of [
                ['message:ended', false],
                ['message:gone', false],
                ['invalid:no-conversation', false],
                ['message:open', true],
                ['message:recent', true],
                ['routing:leased', true]
            ] as const) {
                assert.equal((await store.byocOutboundRecord(key)) !== undefined, kept, key);
            }
            const again = await store.prune(T0, RETENTION);
            assert.deepEqual([again.byoc, again.byocOutbound], [0, 0]);
        });

        test('two instances pruning at once delete every row once between them', async () => {
            const other = await opened.another();
            await settled(store, range('c', 30), T0 - 8 * DAY_MS);
            const results = await Promise.all([
                store.prune(T0, { ...RETENTION, batchSize: 5 }),
                other.prune(T0, { ...RETENTION, batchSize: 5 })
            ]);
            assert.equal(results[0].events + results[1].events, 30);
            assert.equal((await store.stats(T0)).delivered, 0);
        });
    });
}

const dir = mkdtempSync(join(tmpdir(), 'relay-connector-prune-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const openedSqlite: OutboxStore[] = [];
after(async () => {
    for (const s of openedSqlite) await s.close();
});
let sqliteFiles = 0;
contract('SQLite', async () => {
    const location = join(dir, `outbox-${++sqliteFiles}.db`);
    const openOne = async (): Promise<OutboxStore> => {
        const store = await openStore({ kind: 'sqlite', location });
        openedSqlite.push(store);
        return store;
    };
    return { store: await openOne(), another: openOne };
});

describe('PostgreSQL', () => {
    let cluster: PostgresCluster | undefined;
    let databases = 0;
    const opened: OutboxStore[] = [];
    before(async () => {
        cluster = await startPostgres({ after: () => undefined });
    });
    after(async () => {
        for (const s of opened) await s.close();
        await cluster?.stop();
    });
    contract('PostgreSQL', async () => {
        const url = cluster?.url ?? '';
        const name = `prune_${++databases}`;
        const admin = new Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const openOne = async (): Promise<OutboxStore> => {
            const store = await openStore({ kind: 'postgres', location: url.replace(/\/postgres$/, `/${name}`) });
            opened.push(store);
            return store;
        };
        return { store: await openOne(), another: openOne };
    });
});

// The service's timer.

const noSalesforce = { tokenUrl: 'http://127.0.0.1:9/token', url: 'http://127.0.0.1:9' } as FakeSalesforce;

/** A log that keeps its JSON lines for the test to read. */
function capturedLog(): { log: pino.Logger; lines: { msg: string; pruned?: unknown }[] } {
    const lines: { msg: string; pruned?: unknown }[] = [];
    const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
            for (const line of chunk.toString().split('\n')) if (line !== '') lines.push(JSON.parse(line));
            done();
        }
    });
    return { log: pino({ level: 'info' }, stream), lines };
}

async function until(condition: () => boolean, what: string): Promise<void> {
    for (let turns = 0; !condition(); turns++) {
        if (turns > 100_000) throw new Error(`never: ${what}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
    }
}

/** An outbox file with `old` events delivered 8 days before T0, `recent` ones delivered 1 day before. */
async function outboxFile(t: TestContext, old: number, recent: number): Promise<string> {
    const where = mkdtempSync(join(tmpdir(), 'relay-connector-prune-service-'));
    t.after(() => rmSync(where, { recursive: true, force: true }));
    const location = join(where, 'outbox.db');
    const store = await openStore({ kind: 'sqlite', location });
    await settled(store, range('old', old), T0 - 8 * DAY_MS);
    await settled(store, range('recent', recent), T0 - DAY_MS);
    await observed(store, 'closed-long-ago', 'disconnected', T0 - 8 * DAY_MS);
    await store.close();
    return location;
}

test('the service prunes a minute after start and then every interval, and counts what it deleted', async (t) => {
    const location = await outboxFile(t, 3, 2);
    const clock = new ManualClock(T0);
    const { log, lines } = capturedLog();
    const env = connectorEnv(noSalesforce, `sqlite:${location}`, { RELAY_PRUNE_INTERVAL_MS: String(DAY_MS) });
    const connector = await startConnector(parseConfig(new Map(Object.entries(env))), {
        clock,
        log,
        genesys: false
    });
    t.after(() => connector.close());
    const prunes = () => lines.filter((l) => l.msg === 'outbox pruned');

    clock.advance(FIRST_PRUNE_DELAY_MS - 1);
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.equal(prunes().length, 0, 'not before the first minute');
    clock.advance(1);
    await until(() => prunes().length === 1, 'the first prune');
    assert.deepEqual(prunes()[0]?.pruned, { events: 3, failed: 0, views: 1, byoc: 0, byocOutbound: 0 });
    assert.equal(connector.metrics.value('relay_connector_pruned_total', { kind: 'events' }), 3);
    assert.equal(connector.metrics.value('relay_connector_pruned_total', { kind: 'views' }), 1);
    assert.deepEqual(await connector.store.stats(clock.now()), { pending: 0, leased: 0, delivered: 2, failed: 0 });

    // Seven days later the recent ones are past the 8-day retention too: the run after the next takes them.
    clock.advance(6 * DAY_MS);
    await until(() => prunes().length === 2, 'the second prune');
    assert.deepEqual(
        prunes()[1]?.pruned,
        { events: 0, failed: 0, views: 0, byoc: 0, byocOutbound: 0 },
        'a day after the first run'
    );
    await new Promise<void>((resolve) => setImmediate(resolve));
    clock.advance(DAY_MS);
    await until(() => prunes().length === 3, 'the third prune');
    assert.deepEqual(prunes()[2]?.pruned, { events: 2, failed: 0, views: 0, byoc: 0, byocOutbound: 0 });
    assert.equal(connector.metrics.value('relay_connector_pruned_total', { kind: 'events' }), 5);
    assert.match(await connector.metrics.render(), /^relay_connector_pruned_total\{kind="events"\} 5$/m);
});

test('close() waits for a prune in flight before it closes the store', async (t) => {
    const location = await outboxFile(t, 3_000, 0);
    const clock = new ManualClock(T0);
    const { log, lines } = capturedLog();
    const env = connectorEnv(noSalesforce, `sqlite:${location}`);
    const connector = await startConnector(parseConfig(new Map(Object.entries(env))), {
        clock,
        log,
        genesys: false
    });
    clock.advance(FIRST_PRUNE_DELAY_MS);
    await connector.close();
    assert.deepEqual(
        lines.filter((l) => l.msg.startsWith('outbox prune')).map((l) => [l.msg, l.pruned]),
        [['outbox pruned', { events: 3_000, failed: 0, views: 1, byoc: 0, byocOutbound: 0 }]],
        'the prune (three batches) finished before the store closed'
    );
});

// The settings.

const settings = (extra: Record<string, string>) =>
    parseConfig(new Map(Object.entries(connectorEnv(noSalesforce, 'sqlite:outbox.db', extra))));

test('retention defaults to 8 days (30 for failed events) and the outbox is pruned every hour', () => {
    assert.deepEqual(settings({}).housekeeping, {
        retentionMs: 8 * DAY_MS,
        failedRetentionMs: 30 * DAY_MS,
        intervalMs: 3_600_000
    });
    assert.equal(
        settings({ RELAY_RETENTION_DAYS: '9', RELAY_FAILED_RETENTION_DAYS: '9' }).housekeeping.retentionMs,
        9 * DAY_MS
    );
});

test("a retention shorter than reconciliation's 7-day read-back and a day's margin, or a failed-event retention below it, is refused", () => {
    const refused = (extra: Record<string, string>, setting: string, message: RegExp): void =>
        assert.throws(
            () => settings(extra),
            (error: unknown) =>
                error instanceof ConfigError && error.setting === setting && message.test(error.message),
            JSON.stringify(extra)
        );
    refused({ RELAY_RETENTION_DAYS: '7' }, 'RELAY_RETENTION_DAYS', /at least 8 days: .* 7 days back/);
    refused({ RELAY_RETENTION_DAYS: '0' }, 'RELAY_RETENTION_DAYS', /whole number/);
    refused({ RELAY_RETENTION_DAYS: 'a week' }, 'RELAY_RETENTION_DAYS', /whole number/);
    refused(
        { RELAY_RETENTION_DAYS: '10', RELAY_FAILED_RETENTION_DAYS: '9' },
        'RELAY_FAILED_RETENTION_DAYS',
        /at least RELAY_RETENTION_DAYS \(10\)/
    );
    refused({ RELAY_PRUNE_INTERVAL_MS: '10' }, 'RELAY_PRUNE_INTERVAL_MS', /whole number from 1000/);
});
