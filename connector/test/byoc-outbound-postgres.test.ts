// Bring Your Own Channel, outbound side, on PostgreSQL: two connectors share one throwaway cluster
// (helpers/postgres.ts), both subscribed to the local Pub/Sub API, so the claims of src/store/byocOutboundPostgres.ts
// (INSERT … ON CONFLICT DO NOTHING, else the row FOR UPDATE) are what keeps each agent's message to one send, and the
// replay id (relay_byoc_replay) is shared. The rest as in byoc-outbound-service.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BYOC_TOPIC } from '../src/byoc/pubsub';
import {
    agentMessage,
    metric,
    openedAndPickedUp,
    outboundRig,
    outboundTexts,
    startOutbound,
    until,
    violations
} from './helpers/byocOutbound';
import { startPostgres } from './helpers/postgres';

test('two instances on one PostgreSQL store: each message is sent once, in order', { timeout: 120_000 }, async (t) => {
    // The cluster stops after the connectors closed: t.after runs its hooks in the order they were added, and the
    // rig's hook (closing its connectors) is added first.
    const stops: (() => unknown)[] = [];
    const pg = await startPostgres({ after: (stop) => stops.push(stop) });
    const rig = await outboundRig(t, { RELAY_STORE: pg.url });
    t.after(async () => {
        for (const stop of stops) await stop();
    });
    const { sim, pubsub } = rig;
    const a = await startOutbound(t, rig, { env: { RELAY_INSTANCE_ID: 'inst-a' } });
    const b = await startOutbound(t, rig, { env: { RELAY_INSTANCE_ID: 'inst-b' } });
    const conversationId = await openedAndPickedUp(rig, a.connector);
    const words = ['one', 'two', 'three', 'four'];
    const replayIds = words.map((text, i) => pubsub.publish(agentMessage(text, `m-${i}`)));
    const series = (outcome: string): string =>
        `relay_connector_byoc_outbound_total{kind="send-text",outcome="${outcome}"}`;
    const total = async (outcome: string): Promise<number> =>
        (await metric(a.connector, series(outcome))) + (await metric(b.connector, series(outcome)));
    await until(async () => (await total('duplicate')) === words.length, 'both instances handled every event');
    assert.equal(await total('done'), words.length);
    assert.deepEqual(outboundTexts(sim, conversationId), words, 'each once, in the order written');
    assert.equal(await b.connector.store.byocReplayId(BYOC_TOPIC), replayIds.at(-1));
    const record = await b.connector.store.byocOutboundRecord('message:m-0');
    assert.equal(record?.status, 'done');
    assert.equal(record?.attempts, 1, 'claimed once: the other instance never took it over');
    assert.deepEqual(violations(rig.prism.requests), []);
});
