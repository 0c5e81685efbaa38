// An agent ending a Bring Your Own Channel Messaging Session in Salesforce ends the agent's side in Genesys (issue
// 14, "a disconnect on either side ends both"; docs/byoc-outbound.md, end-conversation): the SessionStatusChanged
// event is published on the local Pub/Sub API, the connector disconnects Alex's participant in the simulator. The
// Genesys API is reached through a proxy that records each call (and, in one test, plays Genesys answering that the
// participant has just gone).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { BYOC_TOPIC } from '../src/byoc/pubsub';
import { startFailingProxy, type FailingProxy } from './helpers/failing-proxy';
import {
    agentsLeave,
    alexLegs,
    calls,
    metric,
    openedAndPickedUp,
    outboundRig,
    recordingLog,
    sessionEndedBy,
    startOutbound,
    until,
    type OutboundRig
} from './helpers/byocOutbound';

const series = (outcome: string): string =>
    `relay_connector_byoc_outbound_total{kind="end-conversation",outcome="${outcome}"}`;

/** The connector's Genesys API calls go through a proxy; `fail` may answer one itself (after acting on the sim). */
async function genesysProxy(
    t: Parameters<typeof outboundRig>[0],
    rig: OutboundRig,
    fail: (call: string, count: number) => number | undefined = () => undefined
): Promise<FailingProxy> {
    const proxy = await startFailingProxy(t, rig.sim.url, fail);
    rig.env.RELAY_GENESYS_API_URL = proxy.url;
    return proxy;
}

/** PATCH calls on a participant of the conversation (the disconnect; nothing else PATCHes a participant here). */
const patches = (proxy: FailingProxy, conversationId: string): string[] =>
    proxy.seen
        .map((s) => s.call)
        .filter((call) => call.startsWith(`PATCH /api/v2/conversations/messages/${conversationId}/participants/`));

test("an agent's end disconnects Alex in Genesys once, with wrap-up; a duplicate and a replay do nothing more", async (t) => {
    const rig = await outboundRig(t);
    const proxy = await genesysProxy(t, rig);
    const { sim, pubsub } = rig;
    const first = await startOutbound(t, rig);
    const conversationId = await openedAndPickedUp(rig, first.connector);
    const [leg] = alexLegs(sim, conversationId);
    assert.equal(leg?.state, 'connected');

    // An event with nothing to do, to replay from later.
    const r0 = pubsub.publish(sessionEndedBy('end-0', 'EndUser'));
    pubsub.publish(sessionEndedBy('end-1'));
    await until(async () => (await first.connector.store.byocOutboundRecord('entry:end-1'))?.status === 'done', 'done');
    assert.deepEqual(patches(proxy, conversationId), [
        `PATCH /api/v2/conversations/messages/${conversationId}/participants/${leg?.id}`
    ]);
    const after = alexLegs(sim, conversationId).at(-1);
    assert.equal(after?.state, 'disconnected');
    // Support requires a wrap-up: Genesys keeps Alex in after-call work, which Relay's panel shows.
    assert.equal(after?.wrapupRequired, true);
    assert.equal(after?.wrapupPending, true);
    // Genesys ended the customer's leg with Alex's (peer): the bridge ends the session as System, once; Salesforce
    // has Ended it already (its answer to that is open question 13 of docs/byoc-outbound.md), and an end by System
    // is not answered, so nothing loops.
    await until(() => calls(rig.prism).includes('POST /api/v1/messagingSession'), 'the bridge ended the session');
    assert.equal(
        (rig.prism.requests.find((r) => r.path === '/api/v1/messagingSession')?.body as { operationBy?: string })
            .operationBy,
        'System'
    );
    const record = await first.connector.store.byocOutboundRecord('entry:end-1');
    assert.deepEqual(record?.progress, {
        disconnected: { genesysConversationId: conversationId, participantId: leg?.id, already: false }
    });

    // The same entry published again: found settled, nothing sent.
    const r2 = pubsub.publish(sessionEndedBy('end-1'));
    await until(async () => (await first.connector.store.byocReplayId(BYOC_TOPIC)) === r2, 'the duplicate handled');
    assert.equal(await metric(first.connector, series('duplicate')), 1);
    await first.connector.close();

    // A replay from before the event (as after a crash before the replay id was stored): nothing more either.
    const db = new Database(first.config.store.location);
    db.prepare('UPDATE relay_byoc_replay SET replay_id = ? WHERE topic = ?').run(r0, BYOC_TOPIC);
    db.close();
    const second = await startOutbound(t, rig);
    const r3 = pubsub.publish(sessionEndedBy('end-marker', 'System'));
    await until(async () => (await second.connector.store.byocReplayId(BYOC_TOPIC)) === r3, 'the replay handled');
    // end-1 twice more (its first publication and the duplicate), each found settled.
    assert.equal(await metric(second.connector, series('duplicate')), 2);
    assert.equal(patches(proxy, conversationId).length, 1, 'one disconnect in all');
    assert.equal(calls(rig.prism).filter((c) => c === 'POST /api/v1/messagingSession').length, 1);
});

test('a session the customer or the system ended is not answered: Alex stays connected', async (t) => {
    const rig = await outboundRig(t);
    const proxy = await genesysProxy(t, rig);
    const { sim, pubsub } = rig;
    const { connector } = await startOutbound(t, rig);
    const conversationId = await openedAndPickedUp(rig, connector);
    pubsub.publish(sessionEndedBy('end-customer', 'EndUser'));
    const last = pubsub.publish(sessionEndedBy('end-system', 'System'));
    await until(async () => (await connector.store.byocReplayId(BYOC_TOPIC)) === last, 'both handled');
    assert.equal(await metric(connector, 'relay_connector_byoc_outbound_total{kind="ignore",outcome="ignored"}'), 2);
    assert.equal(await connector.store.byocOutboundRecord('entry:end-customer'), undefined, 'nothing claimed');
    assert.deepEqual(patches(proxy, conversationId), []);
    assert.equal(alexLegs(sim, conversationId).at(-1)?.state, 'connected');
});

test('an agent already disconnected in Genesys: done without a disconnect', async (t) => {
    const rig = await outboundRig(t);
    const proxy = await genesysProxy(t, rig);
    const { sim, pubsub } = rig;
    const { log, lines } = recordingLog();
    const { connector } = await startOutbound(t, rig, { log });
    const conversationId = await openedAndPickedUp(rig, connector);
    // Alex left in Genesys first (the customer still there, the conversation open).
    agentsLeave(sim, conversationId);
    pubsub.publish(sessionEndedBy('end-after'));
    await until(async () => (await connector.store.byocOutboundRecord('entry:end-after'))?.status === 'done', 'done');
    const record = await connector.store.byocOutboundRecord('entry:end-after');
    assert.equal((record?.progress as { disconnected: { already: boolean } }).disconnected.already, true);
    assert.deepEqual(patches(proxy, conversationId), []);
    assert.ok(lines.some((l) => l.msg === "byoc end-conversation: the agent's participant had ended already"));
});

test('Genesys answering 400 because Alex had just gone is success, as Apex reads it', async (t) => {
    const rig = await outboundRig(t);
    let conversationId = '';
    const proxy = await genesysProxy(t, rig, (call, count) => {
        if (!call.startsWith(`PATCH /api/v2/conversations/messages/${conversationId}/participants/`)) return undefined;
        // Alex leaves in Genesys just before the disconnect arrives, which Genesys then refuses.
        if (count === 1) agentsLeave(rig.sim, conversationId);
        return 400;
    });
    const { connector } = await startOutbound(t, rig);
    conversationId = await openedAndPickedUp(rig, connector);
    rig.pubsub.publish(sessionEndedBy('end-raced'));
    await until(async () => (await connector.store.byocOutboundRecord('entry:end-raced'))?.status === 'done', 'done');
    assert.equal(patches(proxy, conversationId).length, 1);
    const record = await connector.store.byocOutboundRecord('entry:end-raced');
    assert.equal((record?.progress as { disconnected: { already: boolean } }).disconnected.already, true);
});

test('Genesys refusing the disconnect while Alex is still there: recorded refused and logged', async (t) => {
    const rig = await outboundRig(t);
    const { sim, pubsub } = rig;
    const { log, lines } = recordingLog();
    const { connector } = await startOutbound(t, rig, { log });
    const conversationId = await openedAndPickedUp(rig, connector);
    sim.control.injectFault({ operation: 'disconnect', status: 400, count: 1 });
    pubsub.publish(sessionEndedBy('end-refused'));
    await until(
        async () => (await connector.store.byocOutboundRecord('entry:end-refused'))?.status === 'refused',
        'the refusal recorded'
    );
    assert.match((await connector.store.byocOutboundRecord('entry:end-refused'))?.lastError ?? '', /answered 400/);
    const logged = lines.find((l) => l.msg === 'byoc end-conversation refused; recorded');
    assert.equal(logged?.level, 50, 'logged at error level');
    assert.equal(alexLegs(sim, conversationId).at(-1)?.state, 'connected');
    assert.equal(await metric(connector, series('refused')), 1);
});
