// The subscriber to Relay_Byoc_Event__e through Salesforce's Pub/Sub API (issue 14), with the npm client
// salesforce-pubsub-api-client. It hands each event's EventType__c and Payload__c, with its replay id, to a handler,
// one at a time in the order received, and remembers the replay id of the last event handled so that a restart
// resumes after it. Persisting that replay id is the caller's job (docs/byoc-outbound.md).
import PubSubApiClient from 'salesforce-pubsub-api-client';

export const BYOC_TOPIC = '/event/Relay_Byoc_Event__e';

/** One Relay_Byoc_Event__e as delivered: the two fields, raw (the decoder validates them), and its replay id. */
export interface ByocEventMessage {
    /** The event's id (the Pub/Sub API's event uuid). */
    id: string;
    replayId: number;
    eventType: string | null;
    payload: string | null;
}

/** The client's "user-supplied" authentication: a token of the connector's own Salesforce connection. */
export interface PubSubConnection {
    accessToken: string;
    /** https://<my-domain>.my.salesforce.com; the client refuses anything but https. */
    instanceUrl: string;
    organizationId: string;
    /** host:port; default the client's, api.pubsub.salesforce.com:7443. */
    pubSubEndpoint?: string;
    /**
     * Default true. The client trusts only the CA bundle it ships (no option for another CA), so a local test
     * server with a self-signed certificate needs false. Never false against Salesforce.
     */
    rejectUnauthorizedSsl?: boolean;
}

export type ReplayFrom = 'latest' | 'earliest' | { afterReplayId: number };

export interface PubSubLogger {
    debug(...args: unknown[]): void;
    info(...args: unknown[]): void;
    warn(...args: unknown[]): void;
    error(...args: unknown[]): void;
}

const silent: PubSubLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface ByocSubscriberOptions {
    connection: PubSubConnection;
    /** Handles one event; the next is handed over only once this settles. Resolving marks the event handled. */
    onEvent: (message: ByocEventMessage) => void | Promise<void>;
    /**
     * A handler failure, an event the client could not decode, or a stream error. After a handler failure the
     * subscriber stops (nothing later is handled, the replay id stays on the last event handled), so resuming from
     * `lastHandledReplayId()` delivers the failed event again.
     */
    onError?: (error: unknown, message?: ByocEventMessage) => void;
    /** Called after each handled event with its replay id: where to persist it. */
    onHandled?: (replayId: number) => void | Promise<void>;
    topic?: string;
    logger?: PubSubLogger;
}

type ClientEvent = { id: string; replayId: number; payload: Record<string, unknown> };

function field(payload: Record<string, unknown>, name: string): string | null {
    const value = payload[name];
    return typeof value === 'string' ? value : null;
}

export class ByocEventSubscriber {
    readonly #options: ByocSubscriberOptions;
    readonly #topic: string;
    #client: PubSubApiClient | undefined;
    #queue: Promise<void> = Promise.resolve();
    #lastHandled: number | undefined;
    #stopped = false;

    constructor(options: ByocSubscriberOptions) {
        this.#options = options;
        this.#topic = options.topic ?? BYOC_TOPIC;
    }

    /** The replay id of the last event whose handler resolved; undefined before the first. */
    lastHandledReplayId(): number | undefined {
        return this.#lastHandled;
    }

    /** Connects and subscribes. `afterReplayId` is the replay id persisted from `onHandled`. */
    async start(from: ReplayFrom = 'latest'): Promise<void> {
        const { connection } = this.#options;
        const client = new PubSubApiClient(
            {
                authType: 'user-supplied',
                accessToken: connection.accessToken,
                instanceUrl: connection.instanceUrl,
                organizationId: connection.organizationId,
                ...(connection.pubSubEndpoint === undefined ? {} : { pubSubEndpoint: connection.pubSubEndpoint }),
                rejectUnauthorizedSsl: connection.rejectUnauthorizedSsl ?? true
            },
            this.#options.logger ?? silent
        );
        await client.connect();
        this.#client = client;
        this.#stopped = false;
        const callback = (_info: unknown, type: string, data?: unknown): void => this.#onCallback(type, data);
        if (from === 'latest') client.subscribe(this.#topic, callback, null);
        else if (from === 'earliest') client.subscribeFromEarliestEvent(this.#topic, callback, null);
        else {
            this.#lastHandled = from.afterReplayId;
            client.subscribeFromReplayId(this.#topic, callback, null, from.afterReplayId);
        }
    }

    /** Stops receiving; resolves once the event being handled, if any, is done. */
    async close(): Promise<void> {
        this.#stopped = true;
        this.#client?.close();
        this.#client = undefined;
        await this.#queue;
    }

    #onCallback(type: string, data: unknown): void {
        if (type === 'event') {
            const event = data as ClientEvent;
            const message: ByocEventMessage = {
                id: event.id,
                replayId: event.replayId,
                eventType: field(event.payload, 'EventType__c'),
                payload: field(event.payload, 'Payload__c')
            };
            this.#queue = this.#queue.then(() => this.#handle(message));
        } else if (type === 'error') {
            this.#options.onError?.(data);
        }
    }

    async #handle(message: ByocEventMessage): Promise<void> {
        if (this.#stopped) return;
        try {
            await this.#options.onEvent(message);
            this.#lastHandled = message.replayId;
            await this.#options.onHandled?.(message.replayId);
        } catch (error) {
            this.#stopped = true;
            this.#client?.close();
            this.#client = undefined;
            this.#options.onError?.(error, message);
        }
    }
}
