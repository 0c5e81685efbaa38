// `lightning/empApi` in the preview: each subscription is an EventSource on the local server, which
// streams the platform events the preview Apex publishes (e.g. Relay_Conversation_Event__e), in the shape
// the platform delivers: `{ data: { schema, payload, event: { replayId } }, channel }`. EventSource resends
// the last event id when it reconnects, so the server replays what was missed, as a durable replay would.

export interface EmpSubscription {
    id: string;
    channel: string;
    replayId: number;
}
export interface EmpMessage {
    channel: string;
    data: { schema: string; payload: Record<string, unknown>; event: { replayId: number; EventUuid: string } };
}
type ErrorListener = (error: unknown) => void;

const sources = new Map<string, EventSource>();
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
        const url = `/__emp?channel=${encodeURIComponent(channel)}&replayId=${encodeURIComponent(String(replayId))}`;
        const source = new EventSource(url);
        let established = false;
        source.addEventListener('subscribed', () => {
            if (!established) {
                established = true;
                sources.set(subscription.id, source);
                resolve(subscription);
            }
        });
        source.addEventListener('event', (e) => {
            const message = JSON.parse((e as MessageEvent<string>).data) as EmpMessage;
            if (debug) console.info('[empApi] message', message);
            onMessageCallback(message);
        });
        source.addEventListener('error', () => {
            const error = { channel, successful: false, error: 'preview event stream interrupted; reconnecting' };
            if (established) {
                reportError(error);
            } else {
                source.close();
                reportError(error);
                reject(new Error(`empApi: could not subscribe to ${channel}`));
            }
        });
    });
}

export function unsubscribe(
    subscription: EmpSubscription,
    callback?: (response: { successful: boolean; subscription: EmpSubscription }) => void
): Promise<boolean> {
    const source = subscription ? sources.get(subscription.id) : undefined;
    source?.close();
    if (source) sources.delete(subscription.id);
    callback?.({ successful: Boolean(source), subscription });
    return Promise.resolve(Boolean(source));
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
