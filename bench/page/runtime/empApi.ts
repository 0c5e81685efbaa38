// `lightning/empApi` in the benchmark page: subscriptions are kept in the page and deliver() hands them a
// platform event at the moment the bench chooses, in the shape the platform (and the local console's
// preview/runtime/empApi.ts) delivers: `{ channel, data: { schema, payload, event: { replayId } } }`.
import type { EmpMessage, EmpSubscription } from '../../../preview/runtime/empApi';

type Callback = (message: EmpMessage) => void;

const subscriptions = new Map<string, { subscription: EmpSubscription; callback: Callback }>();
let nextId = 1;
let replayId = 0;

export function subscribe(channel: string, replay: number, onMessageCallback: Callback): Promise<EmpSubscription> {
    const subscription: EmpSubscription = { id: `bench-emp-${nextId++}`, channel, replayId: replay };
    subscriptions.set(subscription.id, { subscription, callback: onMessageCallback });
    return Promise.resolve(subscription);
}

export function unsubscribe(
    subscription: EmpSubscription,
    callback?: (response: { successful: boolean; subscription: EmpSubscription }) => void
): Promise<boolean> {
    const successful = subscriptions.delete(subscription?.id);
    callback?.({ successful, subscription });
    return Promise.resolve(successful);
}

/** The bench never breaks the stream: error listeners (the only argument) are not kept. */
export function onError(): void {}

export function setDebugFlag(): void {}

export function isEmpEnabled(): Promise<boolean> {
    return Promise.resolve(true);
}

/** Delivers one event to every subscriber of `channel`, synchronously; returns how many got it. */
export function deliver(channel: string, payload: Record<string, unknown>): number {
    replayId++;
    const message: EmpMessage = {
        channel,
        data: { schema: 'bench', payload, event: { replayId, EventUuid: `bench-${replayId}` } }
    };
    let delivered = 0;
    for (const { subscription, callback } of subscriptions.values()) {
        if (subscription.channel === channel) {
            callback(message);
            delivered++;
        }
    }
    return delivered;
}
