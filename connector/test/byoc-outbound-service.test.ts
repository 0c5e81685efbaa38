// Bring Your Own Channel, outbound side, run by the service (docs/byoc-outbound.md): Relay_Byoc_Event__e events
// published on the local Pub/Sub API (helpers/pubsubServer.ts) reach the connector's subscription and are carried
// out in the simulator (Genesys Cloud) and against Prism (the Interaction Service spec, request validation on).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { BYOC_TOPIC } from '../src/byoc/pubsub';
import { agentText, CONVERSATION } from './helpers/pubsubEvents';
import { encodeOutboundEvent } from '../src/byoc/outboundEvent';
import {
    agentMessage,
    ALEX,
    calls,
    metric,
    openedAndPickedUp,
    outboundRig,
    outboundTexts,
    recordingLog,
    SF_BILLING,
    SF_OMNI,
    SF_OMNI_AGENT,
    startOutbound,
    transferRequest,
    until,
    violations,
    WORK_ITEM
} from './helpers/byocOutbound';
import { presetName } from '../../local-org/src/pubsub/server';
import { SEED } from './helpers/simulator';

const texts = (sim: Parameters<typeof outboundTexts>[0], id: string, text: string): number =>
    outboundTexts(sim, id).filter((t) => t === text).length;

test(
    "an agent's message reaches the customer once: again after a duplicate, a restart and a replay",
    { timeout: 120_000 },
    async (t) => {
        const rig = await outboundRig(t);
        const { sim, pubsub } = rig;
        const first = await startOutbound(t, rig);
        const conversationId = await openedAndPickedUp(rig, first.connector);

        // An event with nothing to do (a customer's message: the partner already has it), to replay from later.
        const ignored = agentText('ignored', 'm-0');
        ignored.payload.sender = { ...ignored.payload.sender, role: 'EndUser' };
        const r0 = pubsub.publish(encodeOutboundEvent({ eventType: 'Interaction', event: ignored }));
        const r1 = pubsub.publish(agentMessage('Hello from Salesforce', 'm-1'));
        await until(() => texts(sim, conversationId, 'Hello from Salesforce') === 1, 'the text reached the customer');
        await until(async () => (await first.connector.store.byocReplayId(BYOC_TOPIC)) === r1, 'replay id stored');
        const record = await first.connector.store.byocOutboundRecord('message:m-1');
        assert.equal(record?.status, 'done');
        assert.equal(record?.conversationIdentifier, CONVERSATION);
        const agentLeg = sim.control
            .conversation(conversationId)
            .participants.find((p) => p.purpose === 'agent' && p.userId === ALEX);
        const sent = sim.control
            .conversation(conversationId)
            .transcript.find((e) => e.text === 'Hello from Salesforce');
        assert.equal(sent?.participantId, agentLeg?.id, "sent on Alex's own communication");

        // Salesforce publishing the same message again (same message id): nothing more is sent.
        const r2 = pubsub.publish(agentMessage('Hello from Salesforce', 'm-1'));
        await until(async () => (await first.connector.store.byocReplayId(BYOC_TOPIC)) === r2, 'duplicate handled');
        assert.equal(
            await metric(first.connector, 'relay_connector_byoc_outbound_total{kind="send-text",outcome="duplicate"}'),
            1
        );
        await first.connector.close();

        // While the connector is down; the restart resumes after the stored replay id (CUSTOM preset).
        const r3 = pubsub.publish(agentMessage('Are you still there?', 'm-2'));
        const second = await startOutbound(t, rig);
        await until(() => texts(sim, conversationId, 'Are you still there?') === 1, 'the text sent while down');
        await until(async () => (await second.connector.store.byocReplayId(BYOC_TOPIC)) === r3, 'replay id stored');
        const custom = pubsub.requests
            .filter((r) => r.method === 'Subscribe')
            .map((r) => r.body as { replayPreset?: number; replayId?: Buffer })
            .filter((r) => presetName(r.replayPreset) === 'CUSTOM');
        assert.deepEqual(
            custom.map((r) => Number(r.replayId?.readBigUInt64BE())),
            [r2]
        );
        await second.connector.close();

        // A replay of everything after r0 (as after a crash before the replay id was stored): nothing is sent twice.
        const db = new Database(second.config.store.location);
        db.prepare('UPDATE relay_byoc_replay SET replay_id = ? WHERE topic = ?').run(r0, BYOC_TOPIC);
        db.close();
        const third = await startOutbound(t, rig);
        const r4 = pubsub.publish(agentMessage('Goodbye', 'm-3'));
        await until(() => texts(sim, conversationId, 'Goodbye') === 1, 'the next text');
        await until(async () => (await third.connector.store.byocReplayId(BYOC_TOPIC)) === r4, 'all replayed');
        assert.deepEqual(
            outboundTexts(sim, conversationId).filter((x) => x !== 'ignored'),
            ['Hello from Salesforce', 'Are you still there?', 'Goodbye']
        );
        assert.equal(
            await metric(third.connector, 'relay_connector_byoc_outbound_total{kind="send-text",outcome="duplicate"}'),
            3
        );
        assert.deepEqual(violations(rig.prism.requests), []);
    }
);

test('two instances on one store: each message is sent once', { timeout: 120_000 }, async (t) => {
    const rig = await outboundRig(t);
    const { sim, pubsub } = rig;
    // Both on the rig's one store.
    const a = await startOutbound(t, rig, { env: { RELAY_INSTANCE_ID: 'inst-a' } });
    const b = await startOutbound(t, rig, { env: { RELAY_INSTANCE_ID: 'inst-b' } });
    const conversationId = await openedAndPickedUp(rig, a.connector);
    const replayIds = ['one', 'two', 'three'].map((text, i) => pubsub.publish(agentMessage(text, `m-${i}`)));
    await until(() => ['one', 'two', 'three'].every((x) => texts(sim, conversationId, x) >= 1), 'all sent');
    const series = (outcome: string): string =>
        `relay_connector_byoc_outbound_total{kind="send-text",outcome="${outcome}"}`;
    // Each instance handled each event: one did it, the other found it claimed (waited, then saw it done).
    await until(
        async () =>
            (await metric(a.connector, series('duplicate'))) + (await metric(b.connector, series('duplicate'))) === 3,
        'both instances handled all three'
    );
    assert.equal((await metric(a.connector, series('done'))) + (await metric(b.connector, series('done'))), 3);
    assert.deepEqual(outboundTexts(sim, conversationId), ['one', 'two', 'three'], 'each once, in the order written');
    assert.equal(await a.connector.store.byocReplayId(BYOC_TOPIC), replayIds.at(-1));
});

test('a transfer to a Genesys queue: answered externallyRouted, the conversation transferred in Genesys', async (t) => {
    const rig = await outboundRig(t);
    const { sim, pubsub, prism } = rig;
    const { connector } = await startOutbound(t, rig);
    const conversationId = await openedAndPickedUp(rig, connector);
    const before = prism.requests.length;
    pubsub.publish(transferRequest(SF_BILLING));
    await until(() => prism.requests.length === before + 1, 'the routing result');
    assert.deepEqual(calls(prism).slice(before), ['POST /api/v1/routingResult']);
    assert.deepEqual(prism.requests.at(-1)?.body, {
        workItemId: WORK_ITEM.slice(0, 15),
        conversationIdentifier: CONVERSATION,
        success: true,
        externallyRouted: true,
        routingType: 'Transfer'
    });
    assert.deepEqual(violations(prism.requests), []);
    const conversation = sim.control.conversation(conversationId);
    const alex = conversation.participants.filter((p) => p.purpose === 'agent' && p.userId === ALEX).at(-1);
    assert.equal(alex?.state, 'disconnected', "Alex's participant was replaced");
    assert.equal(conversation.participants.at(-1)?.purpose, 'acd');
    assert.equal((conversation.participants.at(-1) as { queueId?: string }).queueId, SEED.queues.billing);
    await until(
        () => connector.metrics.count('relay_connector_byoc_transfer_answer_seconds', { target: 'genesys' }) === 1,
        'the time to answer recorded'
    );
    assert.match(
        await (await fetch(`${connector.url}/metrics`)).text(),
        /relay_connector_byoc_transfer_answer_seconds_bucket\{target="genesys",le="60"\} 1/
    );
});

test('a transfer to an Omni-Channel queue: routingResult, route and agentWork, as Transfer', async (t) => {
    const rig = await outboundRig(t);
    const { sim, pubsub, prism } = rig;
    const { connector } = await startOutbound(t, rig);
    const conversationId = await openedAndPickedUp(rig, connector);
    const before = prism.requests.length;
    pubsub.publish(transferRequest(SF_OMNI, SF_OMNI_AGENT));
    await until(() => prism.requests.length === before + 3, 'the three calls');
    assert.deepEqual(calls(prism).slice(before), [
        'POST /api/v1/routingResult',
        'POST /api/v1/route',
        'POST /api/v1/agentWork'
    ]);
    assert.deepEqual(violations(prism.requests), []);
    const [result, route, agentWork] = prism.requests.slice(before);
    assert.equal((result?.body as { externallyRouted: boolean }).externallyRouted, false);
    assert.deepEqual(route?.body, {
        conversationIdentifier: CONVERSATION,
        routingType: 'Transfer',
        routingInfo: { queueId: SF_OMNI }
    });
    const work = agentWork?.body as { userId: string; workItemId: string; routingContext: { routingType: string } };
    assert.equal(work.userId, SF_OMNI_AGENT);
    assert.equal(work.workItemId, WORK_ITEM.slice(0, 15));
    assert.equal(work.routingContext.routingType, 'Transfer');
    // Genesys is left as it was: the conversation stays with Alex there.
    const alex = sim.control
        .conversation(conversationId)
        .participants.filter((p) => p.purpose === 'agent' && p.userId === ALEX)
        .at(-1);
    assert.equal(alex?.state, 'connected');
    await until(
        async () =>
            (await metric(connector, 'relay_connector_byoc_outbound_total{kind="answer-transfer",outcome="done"}')) ===
            1,
        'the transfer settled'
    );
    assert.equal(connector.metrics.count('relay_connector_byoc_transfer_answer_seconds', { target: 'omni' }), 1);
});

test("Genesys's refusal of a send is recorded and logged; the next message goes through", async (t) => {
    const rig = await outboundRig(t);
    const { sim, pubsub } = rig;
    const { log, lines } = recordingLog();
    const { connector } = await startOutbound(t, rig, { log });
    const conversationId = await openedAndPickedUp(rig, connector);
    sim.control.injectFault({ operation: 'sendText', status: 400, count: 1 });
    pubsub.publish(agentMessage('refused by Genesys', 'm-refused'));
    await until(
        async () => (await connector.store.byocOutboundRecord('message:m-refused'))?.status === 'refused',
        'the refusal recorded'
    );
    const record = await connector.store.byocOutboundRecord('message:m-refused');
    assert.match(record?.lastError ?? '', /answered 400/);
    const logged = lines.find((l) => l.msg === 'byoc send-text refused; recorded');
    assert.equal(logged?.level, 50, 'logged at error level');
    assert.match(String(logged?.reason), /answered 400/);
    pubsub.publish(agentMessage('this one arrives', 'm-ok'));
    await until(() => texts(sim, conversationId, 'this one arrives') === 1, 'the next text');
    assert.equal(texts(sim, conversationId, 'refused by Genesys'), 0);
    assert.equal(await metric(connector, 'relay_connector_byoc_outbound_total{kind="send-text",outcome="refused"}'), 1);
});

test('a token the Pub/Sub API stops accepting: the subscription is made again with a new token', async (t) => {
    const rig = await outboundRig(t);
    const { sim, sf, pubsub } = rig;
    const { connector } = await startOutbound(t, rig);
    const conversationId = await openedAndPickedUp(rig, connector);
    const r1 = pubsub.publish(agentMessage('before', 'm-before'));
    await until(async () => (await connector.store.byocReplayId(BYOC_TOPIC)) === r1, 'handled');
    const issued = sf.tokensIssued;
    sf.revokeTokens();
    assert.equal(pubsub.refuseExpiredSessions(), 1);
    await until(() => pubsub.open === 1 && sf.tokensIssued > issued, 'subscribed again with a new token');
    pubsub.publish(agentMessage('after', 'm-after'));
    await until(() => texts(sim, conversationId, 'after') === 1, 'delivered on the new subscription');
    assert.equal(texts(sim, conversationId, 'before'), 1);
    assert.equal(await metric(connector, 'relay_connector_byoc_pubsub_ends_total{reason="unauthenticated"}'), 1);
});
