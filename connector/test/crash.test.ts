// Nothing lost, nothing doubled: the connector process killed with SIGKILL mid-delivery, on SQLite (restart) and
// on PostgreSQL (two instances, one killed: the other finishes its work once the dead one's lease runs out).
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DerivedEvent } from '../src/derive';
import { eventIdFor } from '../src/events';
import { openStore, type OutboxStore } from '../src/store';
import { killHard, startConnectorProcess, stopGracefully } from './helpers/process';
import { startPostgres } from './helpers/postgres';
import { connectorEnv, startFakeSalesforce, type FakeSalesforce, type Received } from './helpers/salesforce';

function workload(conversations: number, perConversation: number): DerivedEvent[] {
    const out: DerivedEvent[] = [];
    for (let n = 0; n < perConversation; n++) {
        for (let c = 0; c < conversations; c++) {
            const conversationId = `conv-${c}`;
            out.push({
                event: {
                    eventId: eventIdFor(conversationId, 'conversation.customerMessage', `m-${n}`),
                    type: 'conversation.customerMessage',
                    occurredAt: new Date(Date.parse('2026-11-21T12:00:00.000Z') + n * 1000).toISOString(),
                    conversationId,
                    participantId: null,
                    userId: null,
                    queueId: 'q-support',
                    channel: 'sms',
                    data: { messageId: `m-${n}`, text: `message ${n}` }
                }
            });
        }
    }
    return out;
}

/** Each event accepted exactly once, and each conversation's in the order appended. */
function assertExactlyOnceInOrder(sf: FakeSalesforce, events: DerivedEvent[]): void {
    const accepted = sf.accepted.map((r) => r.eventId);
    assert.equal(new Set(accepted).size, accepted.length, 'no event accepted twice');
    assert.deepEqual([...accepted].sort(), events.map((e) => e.event.eventId).sort(), 'every event accepted');
    const byConversation = (list: { conversationId: string; eventId: string }[]): Map<string, string[]> => {
        const map = new Map<string, string[]>();
        for (const e of list) map.set(e.conversationId, [...(map.get(e.conversationId) ?? []), e.eventId]);
        return map;
    };
    assert.deepEqual(
        byConversation(sf.accepted),
        byConversation(events.map((e) => e.event)),
        "each conversation's events in order"
    );
}

async function settled(store: OutboxStore, total: number): Promise<void> {
    const stats = await store.stats(Date.now());
    assert.deepEqual(stats, { pending: 0, leased: 0, delivered: total, failed: 0 });
}

test(
    'kill -9 mid-delivery, then a restart: nothing lost, nothing accepted twice (SQLite)',
    { timeout: 60_000 },
    async (t) => {
        const sf = await startFakeSalesforce(t);
        const dir = mkdtempSync(join(tmpdir(), 'relay-connector-crash-'));
        t.after(() => rmSync(dir, { recursive: true, force: true }));
        const file = join(dir, 'outbox.db');
        const store = await openStore({ kind: 'sqlite', location: file });
        t.after(() => store.close());
        const events = workload(5, 8);
        await store.append(events, Date.now());

        // The 12th request is accepted by the org, but its answer never comes back: the connector dies meanwhile.
        let heldOnce = false;
        sf.script = (_r, nth) => (nth === 12 && !heldOnce ? ((heldOnce = true), 'hold') : undefined);
        const env = connectorEnv(sf, `sqlite:${file}`, { RELAY_INSTANCE_ID: 'solo', RELAY_DELIVERY_CONCURRENCY: '4' });
        const first = startConnectorProcess(t, env);
        const [held] = (await once(sf.events, 'held')) as [Received];
        await killHard(first);
        const beforeRestart = sf.accepted.length;
        assert.ok(beforeRestart < events.length, 'killed mid-stream');

        const second = startConnectorProcess(t, env);
        await second.url;
        await sf.until(() => sf.accepted.length === events.length);
        assert.equal(await stopGracefully(second), 0);

        assertExactlyOnceInOrder(sf, events);
        const resent = sf.requests.filter((r) => r.eventId === held.eventId);
        assert.equal(resent.length, 2, 'the event whose answer was lost is sent again, and the org answers duplicate');
        await settled(store, events.length);
    }
);

test(
    'two instances on PostgreSQL, one killed: the other delivers everything, once, in order',
    { timeout: 90_000 },
    async (t) => {
        const sf = await startFakeSalesforce(t);
        const pg = await startPostgres(t);
        const store = await openStore({ kind: 'postgres', location: pg.url });
        t.after(() => store.close());
        const shared = { RELAY_LEASE_MS: '1500', RELAY_HTTP_TIMEOUT_MS: '1000', RELAY_POLL_MS: '50' };
        const a = startConnectorProcess(
            t,
            connectorEnv(sf, pg.url, { ...shared, RELAY_INSTANCE_ID: 'inst-a', RELAY_DELIVERY_CONCURRENCY: '2' })
        );
        const b = startConnectorProcess(
            t,
            connectorEnv(sf, pg.url, { ...shared, RELAY_INSTANCE_ID: 'inst-b', RELAY_DELIVERY_CONCURRENCY: '2' })
        );
        await Promise.all([a.url, b.url]);

        // Instance a's third request is committed by the org, and a dies before hearing the answer.
        let fromA = 0;
        sf.script = (r) => (r.userAgent.includes('inst-a') && ++fromA === 3 ? 'hold' : undefined);
        const events = workload(8, 5);
        await store.append(events, Date.now());
        const [held] = (await once(sf.events, 'held')) as [Received];
        await killHard(a);

        await sf.until(() => sf.accepted.length === events.length);
        assert.equal(await stopGracefully(b), 0);

        assertExactlyOnceInOrder(sf, events);
        const retried = sf.requests.filter((r) => r.eventId === held.eventId);
        assert.deepEqual(
            retried.map((r) => r.userAgent.includes('inst-b')),
            [false, true],
            "b took over a's claimed event when its lease ran out"
        );
        await settled(store, events.length);
    }
);
