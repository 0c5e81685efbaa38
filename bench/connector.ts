// `npx tsx bench/connector.ts [sqlite|postgres]`: the connector on this machine, as JSON lines.
//   ingest: Genesys notifications -> derived events committed to the outbox (one transaction per notification)
//   deliver: outbox -> signed POST -> a local stand-in org on 127.0.0.1 (202) -> settled, one instance
//   e2e.latency / e2e.throughput: the figure, from the simulator's notification to the org's acknowledgement.
//     One connector instance in its own process (as `npm run connector` runs it); the simulator (Genesys: channels,
//     WebSocket, the message content GETs) and the stand-in org in this process. 1,000 conversations are open; their
//     customers write at a steady 500 messages/s (latency: p50/p99 from the notification carrying a message to the
//     org's 202 for its customerMessage event, text fetched), then all at once (throughput: events/s until the last
//     202). The connector's CPU time is read from /proc, so events per CPU-second says what one core does.
// The first two start to end on a warm process; the stand-in org runs in the same process.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../connector/src/clock';
import { Deliverer } from '../connector/src/delivery';
import { deriveEvents, mergeView, readNotification } from '../connector/src/derive';
import { SalesforceClient } from '../connector/src/salesforce/client';
import { keySigner } from '../connector/src/salesforce/signing';
import { openStore, type OutboxStore } from '../connector/src/store';
import { queueNotification, type Scene } from '../connector/test/fixtures/genesys';
import { startPostgres } from '../connector/test/helpers/postgres';
import { startConnectorProcess } from '../connector/test/helpers/process';
import {
    EVENTS_PATH,
    ORG_ID,
    SF_CLIENT_ID,
    SF_CLIENT_SECRET,
    SIGNING_KEY_ID,
    SIGNING_PRIVATE_KEY_PEM,
    connectorEnv,
    startFakeSalesforce,
    type FakeSalesforce
} from '../connector/test/helpers/salesforce';
import { genesysEnv, startSimulator, type Sim } from '../connector/test/helpers/simulator';

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

/** The store's location: a PostgreSQL cluster of its own, or a SQLite file in a temp dir. */
async function location(kind: string): Promise<string> {
    if (kind === 'postgres') return (await startPostgres(cleanup)).url;
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-bench-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'outbox.db');
}

async function open(kind: string): Promise<OutboxStore> {
    const where = await location(kind);
    return kind === 'postgres'
        ? openStore({ kind: 'postgres', location: where })
        : openStore({ kind: 'sqlite', location: where });
}

const percentile = (sorted: number[], p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Stamps each customer message with the time the simulator sent the first notification that carries it, and each
 * customerMessage event with the time the org acknowledged it; latencies are the differences.
 */
class Stopwatch {
    private readonly waiting = new Map<string, string[]>();
    private readonly notifiedAt = new Map<string, number>();
    private seenAccepted = 0;
    readonly latencies: number[] = [];
    firstNotification = Infinity;
    lastAck = 0;

    constructor(
        private readonly sim: Sim,
        sf: FakeSalesforce
    ) {
        sim.notifications.onNotification((sent) => {
            const pending = this.waiting.get(sent.conversationId);
            if (pending === undefined) return;
            const now = performance.now();
            this.firstNotification = Math.min(this.firstNotification, now);
            for (const id of pending) this.notifiedAt.set(id, now);
            this.waiting.delete(sent.conversationId);
        });
        sf.events.on('change', () => {
            const now = performance.now();
            for (; this.seenAccepted < sf.accepted.length; this.seenAccepted++) {
                const r = sf.accepted[this.seenAccepted];
                const id = (r?.body.data as { messageId?: string } | undefined)?.messageId;
                const at = id === undefined ? undefined : this.notifiedAt.get(id);
                if (at === undefined) continue;
                this.latencies.push(now - at);
                this.lastAck = now;
            }
        });
    }

    write(conversationId: string, text: string): void {
        const entry = this.sim.control.customerReply(conversationId, text);
        const list = this.waiting.get(conversationId) ?? [];
        list.push(entry.id);
        this.waiting.set(conversationId, list);
    }

    reset(): void {
        this.latencies.length = 0;
        this.firstNotification = Infinity;
        this.lastAck = 0;
    }
}

async function endToEnd(kind: string): Promise<void> {
    const sim = await startSimulator(cleanup, { manualClock: false });
    const sf = await startFakeSalesforce(cleanup);
    const where = await location(kind);
    const env = {
        ...connectorEnv(sf, kind === 'postgres' ? where : `sqlite:${where}`, {
            RELAY_INSTANCE_ID: 'bench-e2e',
            RELAY_DELIVERY_CONCURRENCY: '64'
        }),
        ...genesysEnv(sim)
    };
    const connector = startConnectorProcess(cleanup, env);
    await connector.waitForLog((e) => e.msg === 'reconciled with Genesys');
    const pid = connector.child.pid ?? 0;
    const watch = new Stopwatch(sim, sf);

    // 1,000 open conversations, each with a first message, delivered before measuring.
    const queues = ['Support', 'Billing', 'Sales'];
    const ids: string[] = [];
    for (let c = 0; c < CONVERSATIONS; c++) {
        ids.push(
            sim.control.startConversation({
                channel: 'sms',
                customerName: `Bench ${c}`,
                customerAddress: `+1555${String(c).padStart(7, '0')}`,
                queue: queues[c % 3] ?? 'Support',
                text: `hello ${c}`
            }).id
        );
    }
    await sf.until(() => sf.accepted.length >= CONVERSATIONS);

    // Steady load across the 1,000 conversations for 10 s: 100 messages/s (headroom), then the goal's 500/s.
    let expectedAcks = CONVERSATIONS;
    for (const rate of [100, 500]) {
        const seconds = 10;
        const tickMs = 20;
        watch.reset();
        const cpu = cpuSeconds(pid);
        const own = process.cpuUsage();
        let written = 0;
        const steadyStart = performance.now();
        await new Promise<void>((resolve) => {
            const timer = setInterval(() => {
                const due = Math.min(rate * seconds, Math.round(((performance.now() - steadyStart) / 1000) * rate));
                for (; written < due; written++) watch.write(ids[written % ids.length] ?? '', `steady ${written}`);
                if (written >= rate * seconds) {
                    clearInterval(timer);
                    resolve();
                }
            }, tickMs);
        });
        expectedAcks += rate * seconds;
        await sf.until(() => sf.accepted.length >= expectedAcks);
        const steadyCpu = cpuSeconds(pid) - cpu;
        const steadyOwn = process.cpuUsage(own);
        const sorted = [...watch.latencies].sort((a, b) => a - b);
        const steadyMs = watch.lastAck - steadyStart;
        console.log(
            JSON.stringify({
                bench: 'connector.e2e.latency',
                store: kind,
                conversations: CONVERSATIONS,
                offeredPerSecond: rate,
                events: sorted.length,
                eventsPerSecond: Math.round((sorted.length / steadyMs) * 1000),
                p50Ms: Math.round(percentile(sorted, 0.5)),
                p99Ms: Math.round(percentile(sorted, 0.99)),
                maxMs: Math.round(sorted.at(-1) ?? 0),
                connectorCpuPercent: Math.round((steadyCpu / (steadyMs / 1000)) * 100),
                // The simulator and the stand-in org share this process: near 100 % means they set the pace.
                simulatorAndOrgCpuPercent: Math.round(((steadyOwn.user + steadyOwn.system) / 1000 / steadyMs) * 100),
                goal: { eventsPerSecond: 500, p99Ms: 250 }
            })
        );
    }

    // Everyone at once: 5 messages in each of the 1,000 conversations.
    const burst = 5 * CONVERSATIONS;
    watch.reset();
    const cpu = cpuSeconds(pid);
    const own = process.cpuUsage();
    const burstStart = performance.now();
    for (let m = 0; m < 5; m++) for (const id of ids) watch.write(id, `burst ${m}`);
    await sf.until(() => sf.accepted.length >= expectedAcks + burst);
    const burstCpu = cpuSeconds(pid) - cpu;
    const burstOwn = process.cpuUsage(own);
    const burstMs = watch.lastAck - burstStart;
    const burstSorted = [...watch.latencies].sort((a, b) => a - b);
    console.log(
        JSON.stringify({
            bench: 'connector.e2e.throughput',
            store: kind,
            conversations: CONVERSATIONS,
            events: burstSorted.length,
            ms: Math.round(burstMs),
            eventsPerSecond: Math.round((burstSorted.length / burstMs) * 1000),
            eventsPerCpuSecond: Math.round(burstSorted.length / burstCpu),
            p50Ms: Math.round(percentile(burstSorted, 0.5)),
            p99Ms: Math.round(percentile(burstSorted, 0.99)),
            connectorCpuPercent: Math.round((burstCpu / (burstMs / 1000)) * 100),
            simulatorAndOrgCpuPercent: Math.round(((burstOwn.user + burstOwn.system) / 1000 / burstMs) * 100)
        })
    );
    const duplicates = sf.requests.length - sf.accepted.length;
    if (duplicates !== 0) throw new Error(`${duplicates} events were posted more than once`);
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
        keySigner(SIGNING_PRIVATE_KEY_PEM, SIGNING_KEY_ID),
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
    if (process.argv[3] !== 'no-e2e') await endToEnd(kind);
    for (const fn of cleanups.reverse()) await fn();
}

main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
});
