// Keeps the subscription to Relay_Byoc_Event__e running for the service (docs/byoc-outbound.md): subscribes with the
// connector's Salesforce token after the replay id stored in the store (the tip the first time), stores each
// handled event's replay id, and subscribes again when the stream ends:
// - UNAUTHENTICATED (gRPC status 16: the token expired or was revoked; the client's "user-supplied" token is fixed
//   at connect) → the token is dropped and the subscription made again at once with a new one;
// - a handler that did not finish (OutboundRetry, the store down…), any other stream error or end → again after the
//   delivery backoff (RELAY_RETRY_BASE_MS … RELAY_RETRY_MAX_MS), from the stored replay id, so the event is
//   delivered again;
// - INVALID_ARGUMENT (3) to a subscription from a stored replay id (outside the retention window) → from the
//   earliest event retained, logged; the claims keep what was done from being done again.
import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import type { Clock } from '../clock';
import type { SalesforceTokenProvider } from '../salesforce/client';
import type { OutboxStore } from '../store';
import { BYOC_TOPIC, ByocEventSubscriber, type ByocEventMessage, type PubSubLogger, type ReplayFrom } from './pubsub';

/** gRPC status codes (grpc/doc/statuscodes.md) the runner tells apart. */
const UNAUTHENTICATED = 16;
const INVALID_ARGUMENT = 3;

export interface OutboundRunnerOptions {
    store: OutboxStore;
    tokens: SalesforceTokenProvider;
    /** RELAY_SF_ORG_ID: sent as the `tenantid` metadata. */
    organizationId: string;
    /** When the token answer names no instance_url: RELAY_SF_INSTANCE_URL. */
    instanceUrl: string;
    /** RELAY_SF_PUBSUB_URL as host:port. */
    endpoint: string;
    /** Tests only (a local server's self-signed certificate); never false against Salesforce. */
    rejectUnauthorizedSsl?: boolean;
    handle: (message: ByocEventMessage) => Promise<void>;
    clock: Clock;
    backoff: BackoffPolicy;
    log: Logger;
    topic?: string;
    /** Each subscription made (from where) and each end (why): metrics. */
    onSubscribed?: (from: string) => void;
    onEnded?: (reason: string) => void;
    /** Called first thing in stop(): the handler's own waits (another instance's claim, a backoff) end with it. */
    onStop?: () => void;
}

type Ended = { error: unknown; message?: ByocEventMessage } | { end: true } | { stopped: true };

export class ByocOutboundRunner {
    private readonly stopping = new AbortController();
    private running: Promise<void> | undefined;
    private readonly topic: string;

    constructor(private readonly options: OutboundRunnerOptions) {
        this.topic = options.topic ?? BYOC_TOPIC;
    }

    start(): void {
        this.running ??= this.loop();
    }

    /** Closes the subscription; resolves once the event being handled, if any, is done. */
    async stop(): Promise<void> {
        this.options.onStop?.();
        this.stopping.abort();
        await this.running;
    }

    private async loop(): Promise<void> {
        const { log, clock, backoff } = this.options;
        let failures = 0;
        let refusedInARow = 0;
        let fromEarliest = false;
        while (!this.stopping.signal.aborted) {
            let accessToken: string | undefined;
            let from: ReplayFrom = 'latest';
            let ended: Ended;
            try {
                const token = await this.options.tokens.token();
                accessToken = token.accessToken;
                const stored = await this.options.store.byocReplayId(this.topic);
                from = fromEarliest ? 'earliest' : stored === null ? 'latest' : { afterReplayId: stored };
                ended = await this.subscribe(
                    token.accessToken,
                    token.instanceUrl ?? this.options.instanceUrl,
                    from,
                    () => {
                        failures = 0;
                        refusedInARow = 0;
                    }
                );
                fromEarliest = false;
            } catch (error) {
                ended = { error };
            }
            if ('stopped' in ended || this.stopping.signal.aborted) break;
            const code = 'error' in ended ? (ended.error as { code?: unknown } | null)?.code : undefined;
            const reason =
                'end' in ended
                    ? 'end'
                    : code === UNAUTHENTICATED
                      ? 'unauthenticated'
                      : ended.message
                        ? 'handler'
                        : 'error';
            this.options.onEnded?.(reason);
            const detail = 'error' in ended ? { err: ended.error, replayId: ended.message?.replayId } : {};
            if (code === UNAUTHENTICATED && accessToken !== undefined) {
                this.options.tokens.drop(accessToken);
                refusedInARow++;
                log.warn(
                    { ...detail, refusedInARow },
                    'byoc pub/sub token refused; subscribing again with a new token'
                );
                if (refusedInARow === 1) continue;
            } else if (code === INVALID_ARGUMENT && typeof from === 'object') {
                fromEarliest = true;
                log.error(
                    { ...detail, afterReplayId: from.afterReplayId },
                    'byoc pub/sub refused the stored replay id; subscribing from the earliest event retained'
                );
            } else {
                log.warn({ ...detail, reason }, 'byoc pub/sub subscription ended; subscribing again');
            }
            failures++;
            await clock.wait(backoffDelay(backoff, failures), this.stopping.signal);
        }
    }

    /** One subscription: resolves with why it ended (its subscriber closed). */
    private async subscribe(
        accessToken: string,
        instanceUrl: string,
        from: ReplayFrom,
        onProgress: () => void
    ): Promise<Ended> {
        const { store, clock, log } = this.options;
        let settle: (ended: Ended) => void = () => undefined;
        const ended = new Promise<Ended>((resolve) => (settle = resolve));
        const subscriber = new ByocEventSubscriber({
            connection: {
                accessToken,
                instanceUrl,
                organizationId: this.options.organizationId,
                pubSubEndpoint: this.options.endpoint,
                rejectUnauthorizedSsl: this.options.rejectUnauthorizedSsl ?? true
            },
            topic: this.topic,
            onEvent: (message) => this.options.handle(message),
            onHandled: async (replayId) => {
                await store.setByocReplayId(this.topic, replayId, clock.now());
                onProgress();
            },
            onError: (error, message) => {
                // An event the client could not decode (EventParseError, with its replayId): the client goes on with
                // the next ones; logged, the stream is not restarted for it.
                if (message === undefined && typeof (error as { code?: unknown } | null)?.code !== 'number') {
                    log.error({ err: error }, 'byoc pub/sub event not decoded by the client; skipped');
                    return;
                }
                settle({ error, ...(message === undefined ? {} : { message }) });
            },
            onEnd: () => settle({ end: true }),
            logger: quiet(log)
        });
        const stop = (): void => settle({ stopped: true });
        this.stopping.signal.addEventListener('abort', stop, { once: true });
        try {
            await subscriber.start(from);
            this.options.onSubscribed?.(typeof from === 'object' ? 'replay-id' : from);
            log.info({ from, topic: this.topic }, 'byoc pub/sub subscribed');
            return await ended;
        } finally {
            this.stopping.signal.removeEventListener('abort', stop);
            await subscriber.close();
        }
    }
}

/** The Pub/Sub client logs every batch at info: one level down here (its errors reach onError as well). */
function quiet(log: Logger): PubSubLogger {
    const text = (args: unknown[]): string => args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
    return {
        debug: (...args) => log.trace({ pubsub: text(args) }),
        info: (...args) => log.debug({ pubsub: text(args) }),
        warn: (...args) => log.info({ pubsub: text(args) }),
        error: (...args) => log.debug({ pubsub: text(args) })
    };
}
