// A conversation that starts and ends entirely while nothing listens (the connector stopped, or its channel down):
// after the gap the connector finds it with the conversation details query over [watermark - margin, now], reads it,
// and Salesforce receives its events once. The listening watermark lives in the store and survives a restart.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LISTENING_WATERMARK, type ReconcileResult } from '../src/genesys/reconcile';
import { SqliteOutbox } from '../src/store/sqlite';
import { genesysOf, next, ofType, startReady } from './helpers/connector';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { SEED, pickUp, startSimulator, type Sim } from './helpers/simulator';

const ALEX = SEED.users.alex;

/** The whole conversation, with no connector listening: customer writes, Alex answers, the customer leaves. */
async function conversationInTheGap(sim: Sim): Promise<string> {
    sim.control.setPresence(ALEX, 'OnQueue');
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support',
        text: 'Is anyone there?'
    });
    await pickUp(sim, started.id, ALEX);
    sim.control.customerDisconnect(started.id);
    assert.equal(sim.control.conversation(started.id).state, 'ended');
    return started.id;
}

function assertOnce(sf: FakeSalesforce, conversationId: string): void {
    for (const type of ['conversation.customerMessage', 'conversation.connected', 'conversation.disconnected']) {
        assert.equal(ofType(sf, type).filter((r) => r.conversationId === conversationId).length, 1, `${type} once`);
    }
}

test('stopped while a conversation starts and ends: after the restart its events reach Salesforce once', async (t) => {
    // Real time on both sides: the watermark is the connector's time, the conversation's the simulator's.
    const sim = await startSimulator(t, { manualClock: false });
    const sf = await startFakeSalesforce(t);
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-gap-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'outbox.db');
    const env = { RELAY_STORE: `sqlite:${file}` };

    const first = await startReady(t, sim, sf, { env });
    const watermark = await first.connector.store.getWatermark(LISTENING_WATERMARK);
    assert.ok(watermark !== null, 'the first reconciliation sets the watermark');
    await first.connector.close();

    // The watermark is in the SQLite file.
    const store = new SqliteOutbox(file);
    await store.init();
    assert.equal(await store.getWatermark(LISTENING_WATERMARK), watermark);
    await store.close();

    const conversationId = await conversationInTheGap(sim);

    const second = await startReady(t, sim, sf, { env });
    const result = second.connector.genesys?.status().lastReconcile;
    assert.equal(result?.gap?.unknown, 1, 'the details query found the conversation the store did not know');
    await sf.until(() => ofType(sf, 'conversation.disconnected').length === 1);
    assertOnce(sf, conversationId);
    while ((await second.connector.store.stats(Date.now())).pending > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const delivered = sf.accepted.length;

    // A second reconciliation adds nothing.
    const again = next<ReconcileResult>(genesysOf(second.connector), 'reconciled');
    second.connector.genesys?.reconciler.request('again');
    const another = await again;
    assert.equal(another.events, 0);
    assert.equal(another.gap?.unknown, 0, 'the conversation is known now');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(sf.accepted.length, delivered);
    assertOnce(sf, conversationId);
    assert.ok(
        ((await second.connector.store.getWatermark(LISTENING_WATERMARK)) ?? 0) > watermark,
        'the watermark moved on'
    );
});

test('a channel down while a conversation starts and ends: read back once the channel is back', async (t) => {
    const sim = await startSimulator(t, { manualClock: false });
    const sf = await startFakeSalesforce(t);
    const { connector } = await startReady(t, sim, sf, {
        tuning: { reconnectBackoff: { baseMs: 20, maxMs: 50 } }
    });

    // The channel drops and cannot be replaced for a while.
    sim.control.injectFault({ operation: 'postNotificationsChannels', status: 503, count: 1_000_000 });
    const back = next<ReconcileResult>(genesysOf(connector), 'reconciled', (r) => r.gap !== null);
    assert.equal(sim.notifications.drop(), 1);
    const conversationId = await conversationInTheGap(sim);
    sim.control.clearFaults();

    const result = await back;
    assert.equal(result.gap?.unknown, 1);
    await sf.until(() => ofType(sf, 'conversation.disconnected').length === 1);
    assertOnce(sf, conversationId);
});
