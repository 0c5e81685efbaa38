// `npx tsx bench/connector.ts [sqlite|postgres]`: the connector's outbox and delivery on this machine, as JSON lines.
//   ingest: Genesys notifications -> derived events committed to the outbox (one transaction per notification)
//   deliver: outbox -> signed POST -> a local stand-in org on 127.0.0.1 (202) -> settled, one instance
// Not yet the end-to-end figure (simulator notification -> Salesforce acknowledgement): the notifications
// client does not exist yet. Start to end on a warm process; the stand-in org runs in the same process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../connector/src/clock';
import { Deliverer } from '../connector/src/delivery';
import { deriveEvents, mergeView, readNotification } from '../connector/src/derive';
import { SalesforceClient } from '../connector/src/salesforce/client';
import { hmacSigner } from '../connector/src/salesforce/signing';
import { openStore, type OutboxStore } from '../connector/src/store';
import { queueNotification, type Scene } from '../connector/test/fixtures/genesys';
import { startPostgres } from '../connector/test/helpers/postgres';
import {
    EVENTS_PATH,
    ORG_ID,
    SF_CLIENT_ID,
    SF_CLIENT_SECRET,
    SIGNING_SECRET,
    startFakeSalesforce
} from '../connector/test/helpers/salesforce';

const CONVERSATIONS = 1000;
const cleanups: (() => unknown)[] = [];
const cleanup = { after: (fn: () => unknown) => void cleanups.push(fn) };

const scenes: Scene[] = [
    { customer: { state: 'connected', connectedAt: 0, messages: [{ id: 'm1', at: 1 }] }, acd: { state: 'connected' } },
    {
        customer: { state: 'connected', connectedAt: 0, messages: [{ id: 'm1', at: 1 }] },
        acd: { state: 'connected' },
        agent: { state: 'alerting' }
    },
    {
        customer: { state: 'connected', connectedAt: 0, messages: [{ id: 'm1', at: 1 }] },
        acd: { state: 'disconnected', disconnectType: 'transfer', endedAt: 10 },
        agent: { state: 'connected', connectedAt: 10 }
    },
    {
        customer: { state: 'disconnected', connectedAt: 0, endedAt: 30, disconnectType: 'endpoint' },
        agent: { state: 'disconnected', connectedAt: 10, endedAt: 30, disconnectType: 'peer', wrapupRequired: true }
    }
];

async function open(kind: string): Promise<OutboxStore> {
    if (kind === 'postgres') {
        const pg = await startPostgres(cleanup);
        return openStore({ kind: 'postgres', location: pg.url });
    }
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-bench-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return openStore({ kind: 'sqlite', location: join(dir, 'outbox.db') });
}

async function main(): Promise<void> {
    const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
    const store = await open(kind);
    const sf = await startFakeSalesforce(cleanup);

    // Ingest: each conversation's four notifications, conversations interleaved.
    let notifications = 0;
    const ingestStart = performance.now();
    for (const scene of scenes) {
        const batch: Promise<unknown>[] = [];
        for (let c = 0; c < CONVERSATIONS; c++) {
            const envelope = queueNotification(scene);
            (envelope.eventBody as { id: string }).id = `bench-${c}`;
            const next = readNotification(envelope)!;
            const observedAt = new Date().toISOString();
            notifications++;
            batch.push(
                store.observe(
                    next.conversationId,
                    (previous) => {
                        const view = mergeView(previous, next);
                        return { view, events: deriveEvents(previous, view, observedAt) };
                    },
                    Date.now()
                )
            );
            if (batch.length >= 32) await Promise.all(batch.splice(0));
        }
        await Promise.all(batch);
    }
    const ingestMs = performance.now() - ingestStart;
    const { pending } = await store.stats(Date.now());
    console.log(
        JSON.stringify({
            bench: 'connector.ingest',
            store: kind,
            notifications,
            events: pending,
            ms: Math.round(ingestMs),
            notificationsPerSecond: Math.round((notifications / ingestMs) * 1000)
        })
    );

    const client = new SalesforceClient(
        {
            tokenUrl: sf.tokenUrl,
            clientId: SF_CLIENT_ID,
            clientSecret: SF_CLIENT_SECRET,
            instanceUrl: sf.url,
            orgId: ORG_ID,
            eventsPath: EVENTS_PATH,
            httpTimeoutMs: 10_000,
            instanceId: 'bench'
        },
        hmacSigner(SIGNING_SECRET),
        systemClock
    );
    const latencies: number[] = [];
    const deliverer = new Deliverer({
        store,
        sender: client,
        clock: systemClock,
        owner: 'bench',
        concurrency: 32,
        leaseMs: 30_000,
        pollMs: 1000,
        backoff: { baseMs: 1000, maxMs: 300_000 },
        log: pino({ level: 'silent' }),
        onOutcome: (_kind, _claimed, ms) => latencies.push(ms)
    });
    const deliverStart = performance.now();
    deliverer.start();
    await sf.until(() => sf.accepted.length === pending);
    await deliverer.stop();
    const deliverMs = performance.now() - deliverStart;
    latencies.sort((a, b) => a - b);
    const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
    console.log(
        JSON.stringify({
            bench: 'connector.deliver',
            store: kind,
            events: sf.accepted.length,
            concurrency: 32,
            ms: Math.round(deliverMs),
            eventsPerSecond: Math.round((sf.accepted.length / deliverMs) * 1000),
            attemptP50Ms: pct(0.5),
            attemptP99Ms: pct(0.99)
        })
    );
    await store.close();
    for (const fn of cleanups.reverse()) await fn();
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
