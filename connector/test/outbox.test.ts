// The outbox contract, run against both implementations: SQLite (a temp file) and PostgreSQL (a throwaway cluster).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Client } from 'pg';
import type { DerivedEvent } from '../src/derive';
import { eventIdFor, type RelayEvent } from '../src/events';
import { openStore, type OutboxStore } from '../src/store';
import { startPostgres, type PostgresCluster } from './helpers/postgres';

const T0 = Date.parse('2026-11-21T12:00:00.000Z');

function ev(conversationId: string, subject: string, type: RelayEvent['type'] = 'conversation.alerting'): DerivedEvent {
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

const subjects = (claimed: { event: RelayEvent }[]): string[] =>
    claimed.map((c) => `${c.event.conversationId}/${c.event.participantId}`);

function contract(name: string, open: () => Promise<OutboxStore>): void {
    describe(`${name} outbox`, () => {
        let store: OutboxStore;
        beforeEach(async () => {
            store = await open();
        });

        test('the listening watermark is shared, starts unset and only ever moves forward', async () => {
            assert.equal(await store.getWatermark('genesys'), null);
            await store.setWatermark('genesys', T0 + 5_000);
            await store.setWatermark('genesys', T0 + 1_000);
            assert.equal(
                await store.getWatermark('genesys'),
                T0 + 5_000,
                'an older time from another instance is ignored'
            );
            await store.setWatermark('genesys', T0 + 9_000);
            assert.equal(await store.getWatermark('genesys'), T0 + 9_000);
            assert.equal(await store.getWatermark('other'), null, 'each name is its own');
        });

        test('knownConversations names the conversations the store holds a view of, of those asked', async () => {
            const view = { conversationId: 'c-known', topicQueueId: 'q-1', participants: [] };
            await store.observe('c-known', () => ({ view, events: [] }), T0);
            assert.deepEqual([...(await store.knownConversations(['c-known', 'c-new']))], ['c-known']);
            assert.deepEqual([...(await store.knownConversations([]))], []);
        });

        test('view reads the stored view of a conversation, undefined for one it does not know', async () => {
            const view = { conversationId: 'c-known', topicQueueId: 'q-1', participants: [] };
            await store.observe('c-known', () => ({ view, events: [] }), T0);
            assert.deepEqual(await store.view('c-known'), view);
            assert.equal(await store.view('c-new'), undefined);
        });

        test('the same event appended twice is stored once', async () => {
            const first = await store.append([ev('c1', 'p1'), ev('c1', 'p2')], T0);
            const again = await store.append([ev('c1', 'p2'), ev('c1', 'p3')], T0);
            assert.deepEqual(first, { inserted: 2, duplicates: 0 });
            assert.deepEqual(again, { inserted: 1, duplicates: 1 });
            assert.equal((await store.stats(T0)).pending, 3);
        });

        test("a conversation's events are claimed one at a time, in append order; conversations in parallel", async () => {
            await store.append([ev('c1', 'a'), ev('c2', 'a'), ev('c1', 'b'), ev('c2', 'b'), ev('c1', 'c')], T0);
            assert.deepEqual(subjects(await store.claim('i1', 10, 30_000, T0)), ['c1/a', 'c2/a']);
            assert.deepEqual(await store.claim('i2', 10, 30_000, T0), [], 'heads are leased; nothing else is a head');
        });

        test('delivering the head makes the next event of that conversation claimable, by any instance', async () => {
            await store.append([ev('c1', 'a'), ev('c1', 'b'), ev('c2', 'a')], T0);
            const [a, c2] = await store.claim('i1', 10, 30_000, T0);
            assert.ok(a !== undefined && c2 !== undefined);
            await store.markDelivered(a.seq, T0, 202);
            assert.deepEqual(subjects(await store.claim('i2', 10, 30_000, T0)), ['c1/b']);
            assert.deepEqual(await store.stats(T0), { pending: 2, leased: 2, delivered: 1, failed: 0 });
        });

        test("another instance takes a dead instance's claims when the lease runs out, not before", async () => {
            await store.append([ev('c1', 'a'), ev('c1', 'b')], T0);
            assert.deepEqual(subjects(await store.claim('dead', 10, 5_000, T0)), ['c1/a']);
            assert.deepEqual(await store.claim('alive', 10, 5_000, T0 + 4_999), []);
            const taken = await store.claim('alive', 10, 5_000, T0 + 5_000);
            assert.deepEqual(subjects(taken), ['c1/a']);
            assert.equal(await store.nextDueAt(), T0 + 10_000, 'the new lease is what makes it due again');
        });

        test('a retry keeps the conversation waiting until it is due; the lease is released', async () => {
            await store.append([ev('c1', 'a'), ev('c1', 'b')], T0);
            const [a] = await store.claim('i1', 10, 30_000, T0);
            assert.ok(a !== undefined);
            await store.retryLater(a.seq, 'i1', T0 + 7_000, '429');
            assert.deepEqual(
                await store.claim('i1', 10, 30_000, T0 + 6_999),
                [],
                'neither a (not due) nor b (not head)'
            );
            assert.equal(await store.nextDueAt(), T0 + 7_000);
            const [again] = await store.claim('i2', 10, 30_000, T0 + 7_000);
            assert.equal(again?.seq, a.seq);
            assert.equal(again?.attempts, 1);
        });

        test('a refused event is set aside and the conversation goes on', async () => {
            await store.append([ev('c1', 'a'), ev('c1', 'b')], T0);
            const [a] = await store.claim('i1', 10, 30_000, T0);
            assert.ok(a !== undefined);
            await store.markFailed(a.seq, T0, '400 invalid_payload');
            assert.deepEqual(subjects(await store.claim('i1', 10, 30_000, T0)), ['c1/b']);
            assert.equal((await store.stats(T0)).failed, 1);
        });

        test('a restarted instance takes back its own claims at once', async () => {
            await store.append([ev('c1', 'a')], T0);
            await store.claim('i1', 10, 30_000, T0);
            assert.equal(await store.releaseClaims('i1'), 1);
            assert.deepEqual(subjects(await store.claim('i1', 10, 30_000, T0)), ['c1/a']);
        });

        test('a conversation view and its events commit together; the next observe sees the view', async () => {
            const view = { conversationId: 'c9', topicQueueId: 'q-1', participants: [] };
            const first = await store.observe(
                'c9',
                (previous) => {
                    assert.equal(previous, undefined);
                    return { view, events: [ev('c9', 'a')] };
                },
                T0
            );
            assert.equal(first.inserted, 1);
            await store.observe(
                'c9',
                (previous) => {
                    assert.deepEqual(previous, view);
                    return { view, events: [ev('c9', 'a')] };
                },
                T0
            );
            assert.equal((await store.stats(T0)).pending, 1);
        });

        test('open conversations are listed for reconciliation, most recent first, until they end', async () => {
            const leg = (id: string, state: string) => ({
                id,
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
            });
            const observe = (id: string, state: string, at: number, queue: string | null) =>
                store.observe(
                    id,
                    () => ({
                        view: { conversationId: id, topicQueueId: queue, participants: [leg('p', state)] },
                        events: []
                    }),
                    at
                );
            await observe('old', 'connected', T0 - 10_000, 'q-1');
            await observe('live', 'connected', T0, 'q-2');
            await observe('newer', 'connected', T0 + 1, null);
            await observe('ended', 'disconnected', T0, 'q-1');
            assert.deepEqual(await store.openConversations(T0 - 1, 10), [
                { conversationId: 'newer', queueId: null },
                { conversationId: 'live', queueId: 'q-2' }
            ]);
            await store.closeConversation('live');
            await observe('newer', 'disconnected', T0 + 2, null);
            assert.deepEqual(await store.openConversations(0, 10), [{ conversationId: 'old', queueId: 'q-1' }]);
        });

        test('concurrent claimers never get the same event', async () => {
            const events = Array.from({ length: 40 }, (_, i) => ev(`c${i}`, 'a'));
            await store.append(events, T0);
            const results = await Promise.all(
                ['i1', 'i2', 'i3', 'i4'].map((owner) => store.claim(owner, 15, 30_000, T0))
            );
            const seqs = results.flat().map((c) => c.seq);
            assert.equal(new Set(seqs).size, seqs.length, 'no event claimed twice');
            assert.equal(seqs.length, 40);
        });
    });
}

const dir = mkdtempSync(join(tmpdir(), 'relay-connector-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let sqliteStores = 0;
const openedSqlite: OutboxStore[] = [];
after(async () => {
    for (const s of openedSqlite) await s.close();
});
contract('SQLite', async () => {
    const store = await openStore({ kind: 'sqlite', location: join(dir, `outbox-${++sqliteStores}.db`) });
    openedSqlite.push(store);
    return store;
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
        // A fresh database per test: the tests must not see each other's events.
        const url = cluster?.url ?? '';
        const name = `outbox_${++databases}`;
        const admin = new Client({ connectionString: url });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        await admin.end();
        const store = await openStore({ kind: 'postgres', location: url.replace(/\/postgres$/, `/${name}`) });
        opened.push(store);
        return store;
    });
});
