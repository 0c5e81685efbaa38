// Ambient declarations for platform-scoped modules that no npm package types.
// Apex methods are declared one by one in apex.d.ts: `npm run verify:contract` checks them against the Apex.
// Keep this file free of top-level import/export so the `declare module` blocks stay ambient.

/** An Apex method: callable imperatively and usable as a wire adapter (`@wire(method, {...})`). */
type ApexMethod<Params extends Record<string, unknown>, Result> = ((params?: Params) => Promise<Result>) &
    import('lwc').WireAdapterConstructor<Params, { data?: Result; error?: unknown }>;

declare module '@salesforce/apex' {
    export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/schema/*' {
    const id: { objectApiName: string; fieldApiName: string };
    export default id;
}

// Lightning Message Service. Only the parts Relay uses; the channel and context are opaque handles.
declare module 'lightning/messageService' {
    /** A channel imported from `@salesforce/messageChannel/<Name>__c`. */
    export interface MessageChannel {
        readonly __messageChannel?: never;
    }
    /** What the MessageContext wire adapter provides, or createMessageContext() returns. */
    export interface MessageContextValue {
        readonly __messageContext?: never;
    }
    export interface MessageSubscription {
        readonly __messageSubscription?: never;
    }
    /** Receive messages from the whole app, not only while the component's tab is active. */
    export const APPLICATION_SCOPE: unique symbol;
    export const MessageContext: import('lwc').WireAdapterConstructor<Record<string, never>, MessageContextValue>;
    export function createMessageContext(): MessageContextValue;
    export function releaseMessageContext(context: MessageContextValue): void;
    export function publish(context: MessageContextValue, channel: MessageChannel, message?: unknown): void;
    export function subscribe(
        context: MessageContextValue,
        channel: MessageChannel,
        listener: (message: unknown) => void,
        options?: { scope?: typeof APPLICATION_SCOPE }
    ): MessageSubscription;
    export function unsubscribe(subscription: MessageSubscription): void;
}

declare module '@salesforce/messageChannel/*' {
    const channel: import('lightning/messageService').MessageChannel;
    export default channel;
}
