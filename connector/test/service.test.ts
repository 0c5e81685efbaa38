// The connector in-process: a Genesys notification in, the signed event at the org, /healthz and /metrics, stop.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pino from 'pino';
import { parseConfig } from '../src/config';
import { startConnector } from '../src/service';
import { IDS, queueNotification } from './fixtures/genesys';
import { connectorEnv, startFakeSalesforce } from './helpers/salesforce';

test('a notification becomes a signed event at the org; health and metrics show it', async (t) => {
    const sf = await startFakeSalesforce(t);
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-service-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const config = parseConfig(new Map(Object.entries(connectorEnv(sf, `sqlite:${join(dir, 'outbox.db')}`))));
    const connector = await startConnector(config, { log: pino({ level: 'silent' }) });
    t.after(() => connector.close());

    const offered = queueNotification({
        customer: { state: 'connected', connectedAt: 0 },
        acd: { state: 'connected', connectedAt: 0 },
        agent: { state: 'alerting' }
    });
    const first = await connector.ingest(offered);
    assert.deepEqual(
        first?.events.map((d) => d.event.type),
        ['conversation.alerting']
    );
    assert.equal((await connector.ingest(offered))?.events.length, 0, 'the same state again: nothing new');
    await sf.until(() => sf.accepted.length === 1);
    assert.equal(sf.accepted[0]?.type, 'conversation.alerting');
    assert.equal(sf.accepted[0]?.body.userId, IDS.agent);

    const health = await fetch(`${connector.url}/healthz`);
    assert.equal(health.status, 200);
    const body = (await health.json()) as { status: string; outbox: { pending: number } };
    assert.equal(body.status, 'ok');
    const metrics = await (await fetch(`${connector.url}/metrics`)).text();
    assert.match(metrics, /^relay_connector_events_in_total 1$/m);
    assert.match(metrics, /^relay_connector_events_out_total\{type="conversation.alerting"\} 1$/m);
    assert.match(metrics, /^# TYPE relay_connector_outbox_depth gauge$/m);
    assert.equal((await fetch(`${connector.url}/nope`)).status, 404);

    await connector.close();
    await assert.rejects(fetch(`${connector.url}/healthz`), 'the port is closed after a graceful stop');
});
