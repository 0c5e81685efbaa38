// `lightning/platformWorkspaceApi` in the preview: the console's workspace tabs, rendered by the page
// shell's tab strip. As on the platform, tab events reach LWCs through Lightning Message Service on the
// standard channels lightning__tabCreated / lightning__tabFocused / lightning__tabClosed / lightning__tabUpdated.
import { createMessageContext, publish } from './messageService';

// The shapes are the ones components are typed against (types/salesforce-modules.d.ts), so the stand-in and
// the components cannot drift apart.
import type { OpenTabOptions, PageReference, TabInfo } from 'lightning/platformWorkspaceApi';

export type { OpenTabOptions, PageReference, TabInfo };

const tabs: TabInfo[] = [];
let nextTab = 0;
const context = createMessageContext();
/** The shell's tab strip listens here: `change` after every mutation. */
export const workspace = new EventTarget();

const announce = (channel: string, message: Record<string, unknown>): void => {
    publish(context, { channel }, message);
    workspace.dispatchEvent(new Event('change'));
};

const snapshot = (tab: TabInfo): TabInfo => structuredClone(tab);

function find(tabId: string): TabInfo {
    const tab = tabs.find((t) => t.tabId === tabId);
    if (!tab) {
        throw new Error(`Workspace API: no tab with id ${tabId}`);
    }
    return tab;
}

function recordIdOf(options: OpenTabOptions): string | null {
    const fromRef = options.pageReference?.attributes?.recordId;
    return options.recordId ?? (typeof fromRef === 'string' ? fromRef : null);
}

/** The tabs in order: what getAllTabInfo returns and the tab strip renders. */
export function listTabs(): TabInfo[] {
    return tabs.map(snapshot);
}

export function isConsoleNavigation(): Promise<boolean> {
    return Promise.resolve(true);
}

export function openTab(options: OpenTabOptions = {}): Promise<string> {
    const recordId = recordIdOf(options);
    // Like the console, opening a record that already has a tab reuses that tab.
    const existing = recordId ? tabs.find((t) => t.recordId === recordId) : undefined;
    if (existing) {
        return (options.focus === false ? Promise.resolve() : focusTab(existing.tabId)).then(() => existing.tabId);
    }
    const pageReference = options.pageReference ?? {
        type: recordId ? 'standard__recordPage' : 'standard__webPage',
        attributes: recordId ? { recordId, actionName: 'view' } : { url: options.url ?? '' }
    };
    const tab: TabInfo = {
        tabId: `ctab${nextTab++}`,
        parentTabId: null,
        isSubtab: false,
        subtabs: [],
        focused: false,
        recordId,
        url: options.url ?? (recordId ? `/lightning/r/${recordId}/view` : ''),
        pageReference,
        title: options.label ?? recordId ?? options.url ?? 'New tab',
        customTitle: options.label ?? null,
        icon: options.icon ?? null,
        iconAlt: options.iconAlt ?? null,
        highlighted: false,
        pinned: false,
        closeable: true
    };
    tabs.push(tab);
    announce('lightning__tabCreated', { tabId: tab.tabId });
    return (options.focus === false ? Promise.resolve() : focusTab(tab.tabId)).then(() => tab.tabId);
}

export function focusTab(tabId: string): Promise<void> {
    return Promise.resolve().then(() => {
        const target = find(tabId);
        const previous = tabs.find((t) => t.focused);
        if (previous === target) return;
        tabs.forEach((t) => (t.focused = t === target));
        announce('lightning__tabFocused', { previousTabId: previous?.tabId ?? null, currentTabId: tabId });
    });
}

export function closeTab(tabId: string): Promise<boolean> {
    return Promise.resolve().then(() => {
        const tab = find(tabId);
        const index = tabs.indexOf(tab);
        tabs.splice(index, 1);
        announce('lightning__tabClosed', { tabId });
        if (tab.focused && tabs.length > 0) {
            const next = tabs[Math.min(index, tabs.length - 1)];
            next.focused = true;
            announce('lightning__tabFocused', { previousTabId: tabId, currentTabId: next.tabId });
        }
        return true;
    });
}

export function getAllTabInfo(): Promise<TabInfo[]> {
    return Promise.resolve(listTabs());
}

export function getFocusedTabInfo(): Promise<TabInfo | undefined> {
    const tab = tabs.find((t) => t.focused);
    return Promise.resolve(tab ? snapshot(tab) : undefined);
}

export function getTabInfo(tabId: string): Promise<TabInfo> {
    return Promise.resolve().then(() => snapshot(find(tabId)));
}

function updateTab(tabId: string, change: (tab: TabInfo) => void): Promise<void> {
    return Promise.resolve().then(() => {
        change(find(tabId));
        announce('lightning__tabUpdated', { tabId });
    });
}

export const setTabLabel = (tabId: string, label: string): Promise<void> =>
    updateTab(tabId, (t) => {
        t.title = label;
        t.customTitle = label;
    });

export const setTabHighlighted = (tabId: string, highlighted: boolean): Promise<void> =>
    updateTab(tabId, (t) => (t.highlighted = highlighted));

export const setTabIcon = (tabId: string, icon: string, options: { iconAlt?: string } = {}): Promise<void> =>
    updateTab(tabId, (t) => {
        t.icon = icon;
        t.iconAlt = options.iconAlt ?? null;
    });

export const refreshTab = (tabId: string): Promise<void> => updateTab(tabId, () => undefined);

/** `@wire(IsConsoleNavigation)`: the preview is always a console app. */
export class IsConsoleNavigation {
    constructor(private readonly dataCallback: (value: boolean) => void) {}
    connect(): void {
        this.dataCallback(true);
    }
    disconnect(): void {}
    update(): void {}
}

/** `@wire(EnclosingTabId)`: components in the utility bar are not inside a tab. */
export class EnclosingTabId {
    constructor(private readonly dataCallback: (value: string | null) => void) {}
    connect(): void {
        this.dataCallback(null);
    }
    disconnect(): void {}
    update(): void {}
}
