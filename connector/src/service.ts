// The connector as one object: the Genesys side (notification channels, reconciliation, message content), the
// outbox, Salesforce delivery, /healthz and /metrics.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import type { ConnectorConfig } from './config';
import { Bridge } from './byoc/bridge';
import { InteractionClient } from './byoc/interactionClient';
import { createByocOutbound } from './byoc/outboundService';
import type { ByocOutboundRunner } from './byoc/outboundRunner';
import { systemClock, type Clock } from './clock';
import { Deliverer } from './delivery';
import { FileCopier } from './files';
import {
    deriveEvents,
    emailThreadWanted,
    mergeView,
    readConversation,
    readNotification,
    type ConversationView,
    type NotificationEnvelope,
    withEmailThread
} from './derive';
import { GenesysApiError } from './genesys/api';
import { StoppedError } from './genesys/auth';
import { readEmailThread } from './genesys/content';
import { GenesysSource, type GenesysTuning } from './genesys/source';
import { Metrics } from './metrics';
import { SalesforceClient } from './salesforce/client';
import { keySigner } from './salesforce/signing';
import { openStore, type ObserveResult, type OutboxStore, type PruneResult } from './store';

export interface Connector {
    readonly url: string;
    readonly store: OutboxStore;
    readonly metrics: Metrics;
    /** The Genesys side; undefined when started with `genesys: false`. */
    readonly genesys: GenesysSource | undefined;
    /** Bring Your Own Channel's bridge; undefined without RELAY_SF_INTERACTION_URL. */
    readonly bridge: Bridge | undefined;
    /** Bring Your Own Channel's outbound side (Relay_Byoc_Event__e over Pub/Sub); undefined without RELAY_SF_PUBSUB_URL. */
    readonly byocOutbound: ByocOutboundRunner | undefined;
    /** One Genesys notification: derive its events and append them durably (resolves once committed). */
    ingest(envelope: NotificationEnvelope): Promise<ObserveResult | undefined>;
    /** Graceful stop: no new claims, in-flight deliveries settle, claims released, store closed. */
    close(): Promise<void>;
}

export interface ConnectorOptions {
    clock?: Clock;
    log?: Logger;
    /** false: no Genesys side (tests of the outbox and delivery alone); otherwise tuning for tests. */
    genesys?: false | GenesysTuning;
    /** Bring Your Own Channel: the Interaction Service token (default: the connector's Salesforce token). */
    interactionToken?: () => Promise<string>;
    /**
     * Tests only: false lets the Pub/Sub client accept a local server's self-signed certificate (the client trusts
     * only the CA bundle it ships). Not a setting: never false against Salesforce.
     */
    pubSubRejectUnauthorizedSsl?: boolean;
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
    const notificationsIn = metrics.counter(
        'relay_connector_notifications_total',
        'Genesys conversation notifications received, by topic kind'
    );
    const genesysRequests = metrics.counter(
        'relay_connector_genesys_requests_total',
        'Genesys API answers by operation and status (network: no answer)'
    );
    const genesysRateLimited = metrics.counter(
        'relay_connector_genesys_rate_limited_total',
        'Genesys 429 answers waited out, by operation'
    );
    const genesysTokens = metrics.counter('relay_connector_genesys_token_requests_total', 'Genesys token requests');
    const heartbeats = metrics.counter('relay_connector_genesys_heartbeats_total', 'Notification channel heartbeats');
    const channelEnds = metrics.counter(
        'relay_connector_genesys_channel_replacements_total',
        'Notification channels replaced, by reason (closed, heartbeat-missed, socket-closing, renew)'
    );
    const reconciliations = metrics.counter(
        'relay_connector_reconciliations_total',
        'Reconciliations with Genesys (after each channel connection)'
    );
    const reconciledEvents = metrics.counter(
        'relay_connector_reconciled_events_total',
        'Events that only reconciliation found (missed while no channel listened)'
    );
    const pruned = metrics.counter(
        'relay_connector_pruned_total',
        "Rows housekeeping deleted from the outbox: delivered events, failed events, closed conversations' views"
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

    // One conversation's notifications are derived one after another, in arrival order (the store's transaction
    // serializes them too, but only this keeps their order within the process).
    const chains = new Map<string, Promise<unknown>>();
    const serially = <T>(conversationId: string, work: () => Promise<T>): Promise<T> => {
        const previous = chains.get(conversationId) ?? Promise.resolve();
        const next = previous.then(work, work);
        chains.set(conversationId, next);
        void next.then(
            () => chains.get(conversationId) === next && chains.delete(conversationId),
            () => chains.get(conversationId) === next && chains.delete(conversationId)
        );
        return next;
    };
    const observe = async (
        conversationId: string,
        change: (previous: ConversationView | undefined) => ConversationView
    ): Promise<ObserveResult> => {
        const observedAt = new Date(clock.now()).toISOString();
        let byocChanged = false;
        const result = await store.observe(
            conversationId,
            (previous) => {
                const view = change(previous);
                const events = deriveEvents(previous, view, observedAt);
                const update = bridge?.intentFor(events, view);
                if (update === undefined) return { view, events };
                // In the same transaction: the bridge's record changes with the view its events came from.
                return {
                    view,
                    events,
                    byoc: (stored: unknown) => {
                        const next = update(stored);
                        if (next !== undefined) byocChanged = true;
                        return next;
                    }
                };
            },
            clock.now()
        );
        if (byocChanged) bridge?.kick();
        if (result.inserted > 0) {
            eventsIn({}, result.inserted);
            deliverer.kick();
        }
        if (result.duplicates > 0) duplicatesIn({}, result.duplicates);
        return result;
    };
    /**
     * An email conversation whose customer sent an email the view does not know: its thread is read first, and the
     * change and the customer's new emails are derived together (derive.ts), so the events keep their order. A read
     * that fails leaves the emails for the conversation's next notification or reconciliation (the stored view still
     * wants them); after a notification a reconciliation is asked for at once, since nothing else may come.
     */
    const readThread = async (conversationId: string, from: 'notification' | 'reconciliation'): Promise<unknown> => {
        if (genesys === undefined) return undefined;
        try {
            return await readEmailThread(genesys.api, conversationId);
        } catch (error) {
            if (error instanceof StoppedError) throw error;
            const gone = error instanceof GenesysApiError && [403, 404].includes(error.status);
            log.warn({ err: error, conversationId }, 'email thread not read; read again with the next change');
            if (!gone && from === 'notification') genesys.reconciler.request('email-thread');
            return undefined;
        }
    };
    const ingestView = (
        next: ConversationView,
        from: 'notification' | 'reconciliation' = 'notification'
    ): Promise<ObserveResult> =>
        serially(next.conversationId, async () => {
            // Whether the thread must be read: from the stored view (read without a lock; see OutboxStore.view).
            const wanted =
                next.participants.some((p) => p.media === 'email') &&
                emailThreadWanted(mergeView(await store.view(next.conversationId), next));
            const listing = wanted ? await readThread(next.conversationId, from) : undefined;
            return observe(next.conversationId, (previous) => {
                const view = mergeView(previous, next);
                return listing === undefined ? view : withEmailThread(view, listing);
            });
        });
    const ingest = (envelope: NotificationEnvelope): Promise<ObserveResult | undefined> => {
        const next = readNotification(envelope);
        return next === undefined ? Promise.resolve(undefined) : ingestView(next);
    };

    const userAgent = `relay-connector/0.1 (${config.instanceId})`;
    const genesys =
        options.genesys === false
            ? undefined
            : new GenesysSource(
                  { ...config.genesys, httpTimeoutMs: config.delivery.httpTimeoutMs, userAgent },
                  { clock, log, store, leaseMs: config.delivery.leaseMs },
                  {
                      onNotification: (envelope) => {
                          notificationsIn({ topic: envelope.topicName.startsWith('v2.users.') ? 'user' : 'queue' });
                          ingest(envelope).catch((error: unknown) => {
                              // The notification is lost to the outbox: read the conversations back.
                              log.error({ err: error, topic: envelope.topicName }, 'notification not stored');
                              genesys?.reconciler.request('store-failure');
                          });
                      },
                      onConversation: async (conversation, queueId) => {
                          const view = readConversation(conversation, queueId);
                          if (view === undefined) return 0;
                          const result = await ingestView(view, 'reconciliation');
                          if (result.inserted > 0) reconciledEvents({}, result.inserted);
                          return result.inserted;
                      },
                      onRequest: (operation, status) => genesysRequests({ operation, status: String(status) }),
                      onRateLimited: (operation) => genesysRateLimited({ operation }),
                      onTokenRequest: () => genesysTokens(),
                      onHeartbeat: () => heartbeats()
                  },
                  options.genesys
              );
    genesys?.on('ended', (event: { reason: string }) => {
        if (event.reason !== 'stopped') channelEnds({ reason: event.reason });
    });
    genesys?.on('reconciled', () => reconciliations());
    if (genesys !== undefined) {
        metrics.gauge('relay_connector_genesys_topics', 'Topics subscribed (queues and users)', async () => ({
            '': genesys.topics.length
        }));
        metrics.gauge('relay_connector_genesys_channels', 'Notification channels by state', async () => {
            const channels = genesys.channels.status();
            return {
                '{state="connected"}': channels.filter((c) => c.connected).length,
                '{state="down"}': channels.filter((c) => !c.connected).length
            };
        });
    }

    const salesforce = new SalesforceClient(
        { ...config.salesforce, httpTimeoutMs: config.delivery.httpTimeoutMs, instanceId: config.instanceId },
        keySigner(config.salesforce.signingKeyPem, config.salesforce.signingKeyId),
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
        ...(genesys === undefined ? {} : { enrich: genesys.enricher }),
        files: new FileCopier(salesforce, log, config.delivery.httpTimeoutMs),
        onOutcome: (kind, claimed) => {
            if (kind === 'delivered') {
                eventsOut({ type: claimed.event.type });
                lag({}, clock.now() - claimed.appendedAt);
            } else if (kind === 'rejected') refused({ type: claimed.event.type });
            else
                retries({
                    reason: kind === 'retry' ? 'salesforce' : kind === 'files-retry' ? 'file-copy' : 'message-content'
                });
        }
    });

    const byocCalls = metrics.counter(
        'relay_connector_byoc_calls_total',
        'Bring Your Own Channel: Interaction Service steps by step and outcome (ok, retry, failed)'
    );
    let bridge: Bridge | undefined;
    let byocOutbound: ByocOutboundRunner | undefined;
    if (config.byoc !== undefined) {
        const byoc = config.byoc;
        // The connector's one Salesforce token (events, the Interaction Service, Pub/Sub), dropped after a 401.
        let lastToken: string | undefined;
        const token =
            options.interactionToken === undefined
                ? {
                      token: async () => (lastToken = (await salesforce.tokens.token()).accessToken),
                      drop: () => {
                          if (lastToken !== undefined) salesforce.tokens.drop(lastToken);
                      }
                  }
                : { token: options.interactionToken, drop: () => undefined };
        const interaction = new InteractionClient({
            baseUrl: byoc.interactionUrl.replace(/\/+$/, ''),
            orgId: config.salesforce.orgId,
            authorizationContext: byoc.channelDefinition,
            httpTimeoutMs: config.delivery.httpTimeoutMs,
            token: token.token
        });
        bridge = new Bridge({
            store,
            client: interaction,
            settings: {
                channelAddress: byoc.channelAddress,
                queueMap: byoc.queueMap,
                ...(byoc.consentStatus === undefined ? {} : { consentStatus: byoc.consentStatus })
            },
            httpTimeoutMs: config.delivery.httpTimeoutMs,
            userMap: byoc.userMap ?? new Map(),
            clock,
            owner: config.instanceId,
            concurrency: config.delivery.concurrency,
            leaseMs: config.delivery.leaseMs,
            pollMs: config.delivery.pollMs,
            backoff: { baseMs: config.delivery.retryBaseMs, maxMs: config.delivery.retryMaxMs },
            log,
            ...(genesys === undefined ? {} : { enrich: genesys.enricher }),
            onUnauthorized: token.drop,
            onCall: (step, outcome) => byocCalls({ step, outcome }),
            onAppended: () => deliverer.kick()
        });
        await store.byocReleaseClaims(config.instanceId);
        const { pubSubEndpoint } = byoc;
        if (pubSubEndpoint !== undefined && genesys === undefined) {
            log.warn('RELAY_SF_PUBSUB_URL is set but the Genesys side is off: the outbound side does not run');
        } else if (pubSubEndpoint !== undefined && genesys !== undefined) {
            byocOutbound = createByocOutbound({
                config,
                byoc: { ...byoc, pubSubEndpoint },
                store,
                genesys: genesys.api,
                interaction,
                onInteractionUnauthorized: token.drop,
                tokens: salesforce.tokens,
                metrics,
                clock,
                log,
                ...(options.pubSubRejectUnauthorizedSsl === undefined
                    ? {}
                    : { rejectUnauthorizedSsl: options.pubSubRejectUnauthorizedSsl })
            });
        }
    }

    let closing = false;
    const server: Server = createServer((req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (req.method === 'GET' && path === '/healthz') {
            store
                .stats(clock.now())
                .then((s) => {
                    res.writeHead(closing ? 503 : 200, { 'Content-Type': 'application/json' });
                    res.end(
                        JSON.stringify({
                            status: closing ? 'stopping' : 'ok',
                            instance: config.instanceId,
                            outbox: s,
                            ...(genesys === undefined ? {} : { genesys: genesys.status() })
                        })
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
        await genesys?.stop();
        await store.close();
        throw error;
    }
    const { port } = server.address() as AddressInfo;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    deliverer.start();
    bridge?.start();
    byocOutbound?.start();
    const housekeeping = startHousekeeping(store, config.housekeeping, clock, log, (result) => {
        if (result.events > 0) pruned({ kind: 'events' }, result.events);
        if (result.failed > 0) pruned({ kind: 'failed' }, result.failed);
        if (result.views > 0) pruned({ kind: 'views' }, result.views);
        if (result.byoc > 0) pruned({ kind: 'byoc' }, result.byoc);
        if (result.byocOutbound > 0) pruned({ kind: 'byoc-outbound' }, result.byocOutbound);
    });
    genesys?.start();
    log.info(
        {
            url,
            store: config.store.kind,
            releasedClaims: released,
            queues: config.genesys.queueIds.length,
            users: config.genesys.userIds.length,
            channels: genesys?.channels.channelCount ?? 0,
            byoc: bridge !== undefined,
            byocOutbound: byocOutbound !== undefined
        },
        'relay connector started'
    );

    return {
        url,
        store,
        metrics,
        genesys,
        bridge,
        byocOutbound,
        ingest,
        async close() {
            if (closing) return;
            closing = true;
            log.info('relay connector stopping');
            // Intake first (no new events), then what is in flight settles, then the Genesys client stops.
            await genesys?.stopIntake();
            // Salesforce's events are intake too; the event in hand settles (it may still call Genesys).
            await byocOutbound?.stop();
            await housekeeping.stop();
            await Promise.allSettled([...chains.values()]);
            await deliverer.stop();
            await bridge?.stop();
            await genesys?.stop();
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await store.close();
            log.info('relay connector stopped');
        }
    };
}

/** The first prune runs this long after start (or after one interval, if shorter). */
export const FIRST_PRUNE_DELAY_MS = 60_000;

/**
 * Prunes the outbox a minute after start, then every `intervalMs` of `clock`'s time. stop() ends the timer and
 * waits for a prune in flight (it must finish before the store closes).
 */
function startHousekeeping(
    store: OutboxStore,
    settings: ConnectorConfig['housekeeping'],
    clock: Clock,
    log: Logger,
    onPruned: (result: PruneResult) => void
): { stop(): Promise<void> } {
    const stopping = new AbortController();
    const loop = async (): Promise<void> => {
        let delay = Math.min(FIRST_PRUNE_DELAY_MS, settings.intervalMs);
        for (;;) {
            await clock.wait(delay, stopping.signal);
            if (stopping.signal.aborted) return;
            delay = settings.intervalMs;
            const started = clock.now();
            try {
                const result = await store.prune(started, {
                    deliveredMs: settings.retentionMs,
                    failedMs: settings.failedRetentionMs
                });
                onPruned(result);
                log.info({ pruned: result, ms: clock.now() - started }, 'outbox pruned');
            } catch (error) {
                // The next run tries again; nothing is lost by pruning late.
                log.warn({ err: error }, 'outbox prune failed');
            }
        }
    };
    const running = loop();
    return {
        async stop() {
            stopping.abort();
            await running;
        }
    };
}
