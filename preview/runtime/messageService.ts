// `lightning/messageService` in the preview: an in-page publish/subscribe bus with the platform's API.
// Messages are structured-cloned, as Lightning Message Service serializes them, and delivered on a
// microtask so a publisher never runs its subscribers' code inside its own call stack.

export interface MessageChannel {
    readonly channel: string;
}
/** What `@wire(MessageContext)` provides and `createMessageContext()` returns. */
export interface Context {
    readonly id: number;
    released: boolean;
}
export interface Subscription {
    readonly id: number;
    readonly channel: string;
}
type Listener = (message: unknown) => void;

export const APPLICATION_SCOPE = Symbol('APPLICATION_SCOPE');

let nextId = 1;
const subscribers = new Map<number, { channel: string; listener: Listener; context: Context }>();

function channelName(messageChannel: MessageChannel): string {
    if (!messageChannel || typeof messageChannel.channel !== 'string') {
        throw new Error('lightning/messageService: pass a channel imported from @salesforce/messageChannel/*');
    }
    return messageChannel.channel;
}

export function createMessageContext(): Context {
    return { id: nextId++, released: false };
}

export function releaseMessageContext(context: Context): void {
    context.released = true;
    for (const [id, s] of subscribers) {
        if (s.context === context) subscribers.delete(id);
    }
}

export function publish(context: Context, messageChannel: MessageChannel, message?: unknown): void {
    if (!context || context.released) {
        throw new Error('lightning/messageService: publish needs an active MessageContext');
    }
    const channel = channelName(messageChannel);
    const copy = message === undefined ? undefined : structuredClone(message);
    for (const s of [...subscribers.values()]) {
        if (s.channel === channel) {
            queueMicrotask(() => {
                if (!s.context.released) s.listener(structuredClone(copy));
            });
        }
    }
}

export function subscribe(
    context: Context,
    messageChannel: MessageChannel,
    listener: Listener,
    // Every subscriber is in the one application area of the preview page, so the scope changes nothing.
    subscriberOptions?: { scope?: symbol }
): Subscription {
    void subscriberOptions;
    if (!context || context.released) {
        throw new Error('lightning/messageService: subscribe needs an active MessageContext');
    }
    const subscription = { id: nextId++, channel: channelName(messageChannel) };
    subscribers.set(subscription.id, { channel: subscription.channel, listener, context });
    return subscription;
}

export function unsubscribe(subscription: Subscription | null | undefined): void {
    if (subscription) subscribers.delete(subscription.id);
}

/** `@wire(MessageContext)`: one context per component, released (with its subscriptions) on disconnect. */
export class MessageContext {
    private context: Context | undefined;
    constructor(private readonly dataCallback: (context: Context) => void) {}
    connect(): void {
        this.context = createMessageContext();
        this.dataCallback(this.context);
    }
    disconnect(): void {
        if (this.context) releaseMessageContext(this.context);
    }
    update(): void {}
}
