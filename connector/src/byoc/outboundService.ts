// The outbound side of Bring Your Own Channel as the service starts it (service.ts): with RELAY_SF_PUBSUB_URL set,
// the handler (outbound.ts) on the Genesys side's API and the Interaction Service client, the runner
// (outboundRunner.ts) on the connector's Salesforce token, and their metrics.
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { ByocConfig, ConnectorConfig } from '../config';
import type { GenesysApi } from '../genesys/api';
import type { Metrics } from '../metrics';
import type { SalesforceTokenProvider } from '../salesforce/client';
import type { OutboxStore } from '../store';
import { genesysActions } from './genesysActions';
import type { InteractionClient } from './interactionClient';
import { OutboundHandler } from './outbound';
import { ByocOutboundRunner } from './outboundRunner';

export interface ByocOutboundDeps {
    config: ConnectorConfig;
    byoc: ByocConfig & { pubSubEndpoint: string };
    store: OutboxStore;
    genesys: GenesysApi;
    interaction: InteractionClient;
    /** Drops the Interaction Service token after a 401. */
    onInteractionUnauthorized: () => void;
    tokens: SalesforceTokenProvider;
    metrics: Metrics;
    clock: Clock;
    log: Logger;
    /** Tests only: a local Pub/Sub server's self-signed certificate. */
    rejectUnauthorizedSsl?: boolean;
}

export function createByocOutbound(deps: ByocOutboundDeps): ByocOutboundRunner {
    const { config, byoc, metrics, clock, log } = deps;
    const decisions = metrics.counter(
        'relay_connector_byoc_outbound_total',
        'Bring Your Own Channel outbound decisions by kind and outcome (done, refused, failed, retry, duplicate, ignored)'
    );
    const answered = metrics.histogram(
        'relay_connector_byoc_transfer_answer_seconds',
        'Bring Your Own Channel: time from a RoutingRequested event to its POST /routingResult (due within 60 s)',
        [1, 5, 10, 30, 60, 120]
    );
    const late = metrics.counter(
        'relay_connector_byoc_transfer_late_total',
        'Bring Your Own Channel: transfers answered after their 60 s'
    );
    const subscriptions = metrics.counter(
        'relay_connector_byoc_pubsub_subscriptions_total',
        'Pub/Sub subscriptions to Relay_Byoc_Event__e made, by where they started (latest, earliest, replay-id)'
    );
    const ends = metrics.counter(
        'relay_connector_byoc_pubsub_ends_total',
        'Pub/Sub subscriptions ended, by reason (unauthenticated, handler, error, end)'
    );
    const backoff = { baseMs: config.delivery.retryBaseMs, maxMs: config.delivery.retryMaxMs };
    const stopping = new AbortController();
    const handler = new OutboundHandler({
        store: deps.store,
        genesys: genesysActions(deps.genesys),
        interaction: deps.interaction,
        settings: { channelAddress: byoc.channelAddress, queueMap: byoc.queueMap },
        userMap: byoc.userMap ?? new Map(),
        clock,
        owner: config.instanceId,
        leaseMs: config.delivery.leaseMs,
        pollMs: config.delivery.pollMs,
        backoff,
        log,
        signal: stopping.signal,
        onUnauthorized: deps.onInteractionUnauthorized,
        onOutcome: (kind, outcome) => decisions({ kind, outcome }),
        onTransferAnswered: (ms, target, wasLate) => {
            answered(ms / 1000, { target });
            if (wasLate) late({ target });
        }
    });
    const runner = new ByocOutboundRunner({
        store: deps.store,
        tokens: deps.tokens,
        organizationId: config.salesforce.orgId,
        instanceUrl: config.salesforce.instanceUrl,
        endpoint: byoc.pubSubEndpoint,
        ...(deps.rejectUnauthorizedSsl === undefined ? {} : { rejectUnauthorizedSsl: deps.rejectUnauthorizedSsl }),
        handle: (message) => handler.handle(message),
        clock,
        backoff,
        log,
        onSubscribed: (from) => subscriptions({ from }),
        onEnded: (reason) => ends({ reason }),
        onStop: () => stopping.abort()
    });
    return runner;
}
