// The subscriber to Relay_Byoc_Event__e through Salesforce's Pub/Sub API (issue 14), with the npm client
// salesforce-pubsub-api-client. It hands each event's EventType__c and Payload__c, with its replay id, to a handler,
// one at a time in the order received, and remembers the replay id of the last event handled so that a restart
// resumes after it. Persisting that replay id is the caller's job (docs/byoc-outbound.md).
import type { EventEmitter } from 'node:events';
import { Client as GrpcClient } from '@grpc/grpc-js';
import PubSubApiClient from 'salesforce-pubsub-api-client';

export const BYOC_TOPIC = '/event/Relay_Byoc_Event__e';

/** One Relay_Byoc_Event__e as delivered: the two fields, raw (the decoder validates them), and its replay id. */
export interface ByocEventMessage {
    /** The event's id (the Pub/Sub API's event uuid). */
    id: string;
    replayId: number;
    eventType: string | null;
    payload: string | null;
    /** The event's CreatedDate (ms), when the schema has it: when Salesforce published it (the 60 s of a transfer). */
    createdAt: number | null;
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
    /** The server ended the stream (without an error): nothing more comes on this subscription. */
    onEnd?: () => void;
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
    /** The gRPC stream of the subscription (see #closeClient). */
    #stream: EventEmitter | undefined;
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
        this.#stream = capturingStream(() => {
            if (from === 'latest') client.subscribe(this.#topic, callback, null);
            else if (from === 'earliest') client.subscribeFromEarliestEvent(this.#topic, callback, null);
            else {
                this.#lastHandled = from.afterReplayId;
                client.subscribeFromReplayId(this.#topic, callback, null, from.afterReplayId);
            }
        });
    }

    /**
     * The client's close() removes every listener of its stream, then closes the channel: a call not started yet
     * (the subscription was just made, or the server cannot be reached) then fails with "Channel closed before call
     * started" on a stream without an 'error' listener, which Node turns into an uncaught exception. A listener added
     * right after close() keeps that error where it belongs: nowhere.
     */
    #closeClient(): void {
        const stream = this.#stream;
        this.#client?.close();
        this.#client = undefined;
        this.#stream = undefined;
        stream?.on('error', () => undefined);
    }

    /** Stops receiving; resolves once the event being handled, if any, is done. */
    async close(): Promise<void> {
        this.#stopped = true;
        this.#closeClient();
        await this.#queue;
    }

    #onCallback(type: string, data: unknown): void {
        if (type === 'event') {
            const event = data as ClientEvent;
            const message: ByocEventMessage = {
                id: event.id,
                replayId: event.replayId,
                eventType: field(event.payload, 'EventType__c'),
                payload: field(event.payload, 'Payload__c'),
                createdAt: typeof event.payload.CreatedDate === 'number' ? event.payload.CreatedDate : null
            };
            this.#queue = this.#queue.then(() => this.#handle(message));
        } else if (type === 'error') {
            this.#options.onError?.(data);
        } else if (type === 'end' && !this.#stopped) {
            this.#options.onEnd?.();
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
            this.#closeClient();
            this.#options.onError?.(error, message);
        }
    }
}

/**
 * Runs `subscribe` (which opens the subscription's stream synchronously: the client's #subscribe calls its gRPC
 * client's Subscribe()) and returns that stream, by wrapping @grpc/grpc-js's Client.prototype.makeBidiStreamRequest
 * for the duration of the call only. The client keeps the stream private; close() needs it (see #closeClient).
 */
function capturingStream(subscribe: () => void): EventEmitter | undefined {
    const prototype = GrpcClient.prototype as unknown as { makeBidiStreamRequest: (...args: unknown[]) => unknown };
    const original = prototype.makeBidiStreamRequest;
    let stream: EventEmitter | undefined;
    prototype.makeBidiStreamRequest = function (this: unknown, ...args: unknown[]): unknown {
        const made = original.apply(this, args);
        stream = made as EventEmitter;
        return made;
    };
    try {
        subscribe();
    } finally {
        prototype.makeBidiStreamRequest = original;
    }
    return stream;
}
