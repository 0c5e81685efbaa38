// The virtual module preview/build/plugins.ts generates from the project's metadata.
declare module 'relay-preview:console' {
    export interface PlacedItem {
        kind: 'lwc' | 'omni' | 'aura' | 'unsupported';
        componentName: string;
        decorators: Record<string, string | undefined>;
        properties: Record<string, string>;
        /** For kind 'lwc': the custom element tag and the component class. */
        tag: string | undefined;
        ctor: unknown;
    }
    export const app: { label: string; headerColor: string };
    export const utilityItems: PlacedItem[];
    export const backgroundComponents: PlacedItem[];
    export const recordPages: Record<string, PlacedItem[]>;
    /** The app's Lightning page tabs (the Digital tab...), in navigation order. */
    export const appPages: { apiName: string; label: string; components: PlacedItem[] }[];
    export const presenceStatuses: { id: string; apiName: string; label: string; channels: string[] }[];
    /** Every LWC bundle in force-app, by name: its module namespace (a component's class is `default`). */
    export const bundles: Record<string, Record<string, unknown>>;
    /** The custom element tag of each bundle (`c-relay-work-item-panel`). */
    export const bundleTags: Record<string, string>;
}

/** The signed-in user, written into the page by the server (`@salesforce/user/Id` reads its id). */
interface Window {
    __relayUser?: { id: string; name: string; key: string };
    /** The console's language (`en`, `fr`, `es`), from the language menu's cookie (preview/runtime/languages.ts). */
    __relayLanguage?: string;
}
