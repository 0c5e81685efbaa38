// `lightning/empApi` in the preview: the platform events the local org publishes (e.g.
// Relay_Conversation_Event__e), in the shape the platform delivers:
// `{ channel, data: { schema, payload, event: { replayId, EventUuid } } }`, and the notifications of the org's
// PushTopics (`/topic/RelayAgentSignals`: `{ channel, data: { event: { type, createdDate, replayId }, sobject } }`),
// each only to a browser whose signed-in user can read the record (preview/server/pushTopics.ts). Every subscription of every tab goes
// over the browser's one shared stream to the server (streamClient.ts, streamHub.ts): a stream per subscription
// would take the six connections a browser opens to a host. After a drop, each subscription resumes after the
// last event it got, as a durable replay would, and onError listeners hear of the drop.
import { streamConnection } from './streamClient';
import type { EmpMessage } from './streamProtocol';

export type { EmpMessage } from './streamProtocol';
export interface EmpSubscription {
    id: string;
    channel: string;
    replayId: number;
}
type ErrorListener = (error: unknown) => void;

/** The stream connection's id of each live subscription, by the subscription's id. */
const live = new Map<string, string>();
const errorListeners = new Set<ErrorListener>();
let debug = false;
let nextId = 1;

function reportError(error: unknown): void {
    if (debug) console.info('[empApi] error', error);
    for (const listener of errorListeners) listener(error);
}

export function subscribe(
    channel: string,
    replayId: number,
    onMessageCallback: (message: EmpMessage) => void
): Promise<EmpSubscription> {
    return new Promise((resolve, reject) => {
        const subscription: EmpSubscription = { id: `preview-emp-${nextId++}`, channel, replayId };
        const streamId = streamConnection().subscribe(channel, replayId, {
            subscribed() {
                live.set(subscription.id, streamId);
                resolve(subscription);
            },
            message(message) {
                if (debug) console.info('[empApi] message', message);
                onMessageCallback(message);
            },
            dropped(established) {
                reportError({ channel, successful: false, error: 'preview event stream interrupted; reconnecting' });
                if (!established) reject(new Error(`empApi: could not subscribe to ${channel}`));
            }
        });
    });
}

export function unsubscribe(
    subscription: EmpSubscription,
    callback?: (response: { successful: boolean; subscription: EmpSubscription }) => void
): Promise<boolean> {
    const streamId = subscription ? live.get(subscription.id) : undefined;
    const successful = streamId !== undefined && streamConnection().unsubscribe(streamId);
    if (streamId !== undefined) live.delete(subscription.id);
    callback?.({ successful, subscription });
    return Promise.resolve(successful);
}

export function onError(callback: ErrorListener): void {
    errorListeners.add(callback);
}

export function setDebugFlag(flag: boolean): void {
    debug = flag;
}

export function isEmpEnabled(): Promise<boolean> {
    return Promise.resolve(typeof EventSource === 'function');
}
