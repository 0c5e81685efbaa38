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

// Streaming platform events (lightning/empApi). Messages arrive as { channel, data: { payload, event } }.
declare module 'lightning/empApi' {
    export interface EmpSubscription {
        id?: string;
        channel: string;
        replayId?: number;
    }
    /**
     * A platform event (or change event) carries its fields in `payload`; a PushTopic notification (`/topic/Name`)
     * carries the record's fields of the topic's SELECT clause in `sobject`, and the change's `type` and `createdDate`.
     */
    export interface EmpMessage<Payload = Record<string, unknown>> {
        channel: string;
        data: {
            schema?: string;
            payload?: Payload;
            sobject?: Record<string, unknown>;
            event: { replayId: number; EventUuid?: string; type?: string; createdDate?: string };
        };
    }
    export function subscribe<Payload = Record<string, unknown>>(
        channel: string,
        replayId: number,
        onMessageCallback: (message: EmpMessage<Payload>) => void
    ): Promise<EmpSubscription>;
    export function unsubscribe(
        subscription: EmpSubscription,
        callback?: (response: { successful: boolean; subscription: EmpSubscription }) => void
    ): Promise<boolean>;
    export function onError(callback: (error: unknown) => void): void;
    export function setDebugFlag(flag: boolean): void;
    export function isEmpEnabled(): Promise<boolean>;
}

// Console workspace tabs. Tab events come through Lightning Message Service on the standard channels
// @salesforce/messageChannel/lightning__tabClosed, lightning__tabFocused, lightning__tabCreated, lightning__tabUpdated.
declare module 'lightning/platformWorkspaceApi' {
    export interface PageReference {
        type: string;
        attributes?: Record<string, unknown>;
        state?: Record<string, unknown>;
    }
    export interface TabInfo {
        tabId: string;
        parentTabId: string | null;
        isSubtab: boolean;
        subtabs: TabInfo[];
        focused: boolean;
        recordId: string | null;
        url: string;
        pageReference: PageReference;
        title: string;
        customTitle: string | null;
        icon: string | null;
        iconAlt: string | null;
        highlighted: boolean;
        pinned: boolean;
        closeable: boolean;
    }
    export interface OpenTabOptions {
        recordId?: string;
        url?: string;
        pageReference?: PageReference;
        focus?: boolean;
        label?: string;
        icon?: string;
        iconAlt?: string;
    }
    export function isConsoleNavigation(): Promise<boolean>;
    export function openTab(options: OpenTabOptions): Promise<string>;
    export function closeTab(tabId: string): Promise<boolean>;
    export function focusTab(tabId: string): Promise<void>;
    export function getAllTabInfo(): Promise<TabInfo[]>;
    export function getFocusedTabInfo(): Promise<TabInfo | undefined>;
    export function getTabInfo(tabId: string): Promise<TabInfo>;
    export function refreshTab(tabId: string): Promise<void>;
    export function setTabLabel(tabId: string, label: string): Promise<void>;
    export function setTabHighlighted(tabId: string, highlighted: boolean): Promise<void>;
    export function setTabIcon(tabId: string, icon: string, options?: { iconAlt?: string }): Promise<void>;
    export const IsConsoleNavigation: import('lwc').WireAdapterConstructor<Record<string, never>, boolean>;
    export const EnclosingTabId: import('lwc').WireAdapterConstructor<Record<string, never>, string | null>;
}

declare module 'lightning/platformShowToastEvent' {
    export interface ToastConfig {
        title?: string;
        message?: string;
        messageData?: unknown[];
        variant?: 'info' | 'success' | 'warning' | 'error';
        mode?: 'dismissible' | 'pester' | 'sticky';
    }
    export class ShowToastEvent extends CustomEvent<ToastConfig> {
        constructor(config: ToastConfig);
    }
}

declare module 'lightning/navigation' {
    import type { PageReference } from 'lightning/platformWorkspaceApi';
    type Constructor<T = object> = new (...args: any[]) => T;
    interface NavigationMixinType {
        <TBase extends Constructor>(
            Base: TBase
        ): TBase &
            Constructor<{
                [NavigationMixin.Navigate](pageReference: PageReference, replace?: boolean): void;
                [NavigationMixin.GenerateUrl](pageReference: PageReference): Promise<string>;
            }>;
        readonly Navigate: unique symbol;
        readonly GenerateUrl: unique symbol;
    }
    export const NavigationMixin: NavigationMixinType;
    export const CurrentPageReference: import('lwc').WireAdapterConstructor<Record<string, never>, PageReference>;
}

declare module 'lightning/uiRecordApi' {
    type FieldId = { objectApiName: string; fieldApiName: string } | string;
    export interface RecordRepresentation {
        id: string;
        apiName: string;
        fields: Record<string, { value: unknown; displayValue: string | null }>;
    }
    export const getRecord: import('lwc').WireAdapterConstructor<
        { recordId?: string; fields?: FieldId[]; optionalFields?: FieldId[] },
        { data?: RecordRepresentation; error?: unknown }
    >;
    export function getFieldValue(record: RecordRepresentation | undefined, field: FieldId): unknown;
    export function getFieldDisplayValue(record: RecordRepresentation | undefined, field: FieldId): string | null;
    export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void>;
}
