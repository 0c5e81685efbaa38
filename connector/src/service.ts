// The connector as one object: outbox, Salesforce delivery, notification intake, /healthz and /metrics.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { ConnectorConfig } from './config';
import { systemClock, type Clock } from './clock';
import { Deliverer } from './delivery';
import { deriveEvents, mergeView, readNotification, type NotificationEnvelope } from './derive';
import { Metrics } from './metrics';
import { SalesforceClient } from './salesforce/client';
import { hmacSigner } from './salesforce/signing';
import { openStore, type ObserveResult, type OutboxStore } from './store';

export interface Connector {
    readonly url: string;
    readonly store: OutboxStore;
    readonly metrics: Metrics;
    /** One Genesys notification: derive its events and append them durably (resolves once committed). */
    ingest(envelope: NotificationEnvelope): Promise<ObserveResult | undefined>;
    /** Graceful stop: no new claims, in-flight deliveries settle, claims released, store closed. */
    close(): Promise<void>;
}

export interface ConnectorOptions {
    clock?: Clock;
    log?: Logger;
}

export async function startConnector(config: ConnectorConfig, options: ConnectorOptions = {}): Promise<Connector> {
    const clock = options.clock ?? systemClock;
    const log = options.log ?? pino({ level: config.logLevel, base: { instance: config.instanceId } });
    const metrics = new Metrics();
    const eventsIn = metrics.counter('relay_connector_events_in_total', 'Events derived and appended to the outbox');
    const duplicatesIn = metrics.counter(
        'relay_connector_events_duplicate_total',
        'Derived events already in the outbox (same deterministic id)'
    );
    const eventsOut = metrics.counter('relay_connector_events_out_total', 'Events Salesforce acknowledged');
    const retries = metrics.counter('relay_connector_retries_total', 'Delivery attempts to be retried');
    const refused = metrics.counter('relay_connector_events_failed_total', 'Events Salesforce refused for good');
    const tokens = metrics.counter('relay_connector_salesforce_token_requests_total', 'Salesforce token requests');
    const lag = metrics.counter(
        'relay_connector_delivery_lag_ms_sum',
        'Sum over delivered events of the time from append to acknowledgement (divide by events_out)'
    );

    const store = await openStore(config.store);
    // A restart under the same instance name takes back its own claims at once instead of waiting for the lease.
    const released = await store.releaseClaims(config.instanceId);
    metrics.gauge('relay_connector_outbox_depth', 'Events in the outbox by state', async () => {
        const s = await store.stats(clock.now());
        return {
            '{state="pending"}': s.pending,
            '{state="leased"}': s.leased,
            '{state="failed"}': s.failed,
            '{state="delivered"}': s.delivered
        };
    });

    const salesforce = new SalesforceClient(
        { ...config.salesforce, httpTimeoutMs: config.delivery.httpTimeoutMs, instanceId: config.instanceId },
        hmacSigner(config.salesforce.signingSecret),
        clock,
        () => tokens()
    );
    const deliverer = new Deliverer({
        store,
        sender: salesforce,
        clock,
        owner: config.instanceId,
        concurrency: config.delivery.concurrency,
        leaseMs: config.delivery.leaseMs,
        pollMs: config.delivery.pollMs,
        backoff: { baseMs: config.delivery.retryBaseMs, maxMs: config.delivery.retryMaxMs },
        log,
        onOutcome: (kind, claimed) => {
            if (kind === 'delivered') {
                eventsOut({ type: claimed.event.type });
                lag({}, clock.now() - claimed.appendedAt);
            } else if (kind === 'rejected') refused({ type: claimed.event.type });
            else retries({ reason: kind === 'retry' ? 'salesforce' : 'message-content' });
        }
    });

    let closing = false;
    const server: Server = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (req.method === 'GET' && path === '/healthz') {
            store
                .stats(clock.now())
                .then((s) => {
                    res.writeHead(closing ? 503 : 200, { 'Content-Type': 'application/json' });
                    res.end(
                        JSON.stringify({ status: closing ? 'stopping' : 'ok', instance: config.instanceId, outbox: s })
                    );
                })
                .catch((error: unknown) => {
                    res.writeHead(503, { 'Content-Type': 'application/json' });
                    res.end(JSON.stringify({ status: 'store-unavailable', detail: (error as Error).message }));
                });
        } else if (req.method === 'GET' && path === '/metrics') {
            metrics
                .render()
                .then((text) => {
                    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
                    res.end(text);
                })
                .catch((error: unknown) => {
                    res.writeHead(500).end((error as Error).message);
                });
        } else {
            res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"status":"not_found"}');
        }
    });
    try {
        await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(config.port, config.host, () => resolve());
        });
    } catch (error) {
        await store.close();
        throw error;
    }
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    deliverer.start();
    log.info(
        { url, store: config.store.kind, releasedClaims: released, queues: config.genesys.queueIds.length },
        'relay connector started'
    );

    return {
        url,
        store,
        metrics,
        async ingest(envelope) {
            const next = readNotification(envelope);
            if (next === undefined) return undefined;
            const observedAt = new Date(clock.now()).toISOString();
            const result = await store.observe(
                next.conversationId,
                (previous) => {
                    const view = mergeView(previous, next);
                    return { view, events: deriveEvents(previous, view, observedAt) };
                },
                clock.now()
            );
            if (result.inserted > 0) {
                eventsIn({}, result.inserted);
                deliverer.kick();
            }
            if (result.duplicates > 0) duplicatesIn({}, result.duplicates);
            return result;
        },
        async close() {
            if (closing) return;
            closing = true;
            log.info('relay connector stopping');
            await deliverer.stop();
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await store.close();
            log.info('relay connector stopped');
        }
    };
}
