// `kill -9` of the connector (its own process, as `npm run connector` runs it) in the middle of a stream of Genesys
// notifications from the simulator, while the org has committed an event whose answer never came back; Genesys goes
// on meanwhile (new messages, a customer leaving, a new conversation), and nobody listens. After a restart every
// change reaches the org exactly once: what was in the outbox is delivered, what was missed is read back.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventIdFor } from '../src/events';
import { killHard, startConnectorProcess, stopGracefully } from './helpers/process';
import { connectorEnv, startFakeSalesforce, type Received } from './helpers/salesforce';
import { genesysEnv, startSimulator, type Sim, type SimConversation } from './helpers/simulator';

/** The events the org must end with: one per customer message, one per conversation the customer left. */
function expected(sim: Sim, ids: string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const id of ids) {
        const c: SimConversation = sim.control.conversation(id);
        for (const m of c.transcript.filter((e) => e.direction === 'inbound')) {
            out.set(eventIdFor(id, 'conversation.customerMessage', m.id), m.text);
        }
        const customer = c.participants.find((p) => p.purpose === 'customer');
        if (c.state === 'ended' && customer !== undefined) {
            out.set(eventIdFor(id, 'conversation.disconnected', customer.id), '(customer left)');
        }
    }
    return out;
}

test('kill -9 mid-stream, then a restart: no event lost, none twice at the org', { timeout: 120_000 }, async (t) => {
    const sim = await startSimulator(t, { manualClock: false });
    const sf = await startFakeSalesforce(t);
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-genesys-crash-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const env = {
        ...connectorEnv(sf, `sqlite:${join(dir, 'outbox.db')}`, {
            RELAY_INSTANCE_ID: 'solo',
            RELAY_DELIVERY_CONCURRENCY: '4'
        }),
        ...genesysEnv(sim)
    };
    // The org commits the 8th event but its answer never comes back: the connector dies waiting for it.
    let held = false;
    sf.script = (_r, nth) => (nth === 8 && !held ? ((held = true), 'hold') : undefined);

    const first = startConnectorProcess(t, env);
    await first.waitForLog((e) => e.msg === 'reconciled with Genesys');
    const conversations = Array.from({ length: 6 }, (_, i) =>
        sim.control.startConversation({
            channel: 'sms',
            customerName: `Customer ${i}`,
            customerAddress: `+1317555${String(i).padStart(4, '0')}`,
            queue: ['Support', 'Billing', 'Sales'][i % 3] ?? 'Support',
            text: `c${i} m0`
        })
    );
    for (let m = 1; m <= 2; m++) {
        for (const [i, c] of conversations.entries()) sim.control.customerReply(c.id, `c${i} m${m}`);
    }
    const [heldEvent] = (await once(sf.events, 'held')) as [Received];
    await killHard(first);
    const beforeRestart = sf.accepted.length;

    // Genesys goes on while no connector listens.
    for (const [i, c] of conversations.slice(0, 3).entries()) sim.control.customerReply(c.id, `c${i} while down`);
    sim.control.customerDisconnect(conversations[5]?.id ?? '');
    const late = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Late Customer',
        customerAddress: 'late@example.com',
        queue: 'Support',
        text: 'started while the connector was down'
    });
    const want = expected(sim, [...conversations.map((c) => c.id), late.id]);
    assert.equal(want.size, 6 * 3 + 3 + 1 + 1);
    assert.ok(beforeRestart < want.size, 'killed mid-stream');

    const second = startConnectorProcess(t, env);
    await second.url;
    await sf.until(() => sf.accepted.length >= want.size);
    assert.equal(await stopGracefully(second), 0);

    const accepted = sf.accepted.map((r) => r.eventId);
    assert.equal(new Set(accepted).size, accepted.length, 'no event accepted twice');
    assert.deepEqual([...accepted].sort(), [...want.keys()].sort(), 'every change, and nothing else');
    for (const r of sf.accepted.filter((e) => e.type === 'conversation.customerMessage')) {
        assert.equal((r.body.data as { text: string }).text, want.get(r.eventId), 'with its text');
    }
    assert.equal(
        sf.requests.filter((r) => r.eventId === heldEvent.eventId).length,
        2,
        'the event whose answer was lost is sent again, and the org answers duplicate'
    );
    // Per conversation, the org saw the messages in the order they were written.
    for (const c of [...conversations, late]) {
        const texts = sf.accepted
            .filter((r) => r.conversationId === c.id && r.type === 'conversation.customerMessage')
            .map((r) => (r.body.data as { text: string }).text);
        const written = sim.control
            .conversation(c.id)
            .transcript.filter((e) => e.direction === 'inbound')
            .map((e) => e.text);
        assert.deepEqual(texts, written, `conversation ${c.id}`);
    }
    const reconciled = second.logs.filter((e) => e.msg === 'reconciled with Genesys');
    assert.ok(
        reconciled.some((e) => Number(e.events) > 0),
        'the restart read back what happened while it was down'
    );
});
