// The console's workspace tabs, driven by lightning/platformWorkspaceApi (preview/runtime/workspaceApi):
// whatever opens, focuses or closes a tab through the API changes what this strip shows, and the close
// buttons here go through the same API, so components get lightning__tabClosed as in an org.
import { createElement } from 'lwc';
import { appPages, recordPages, type PlacedItem } from 'relay-preview:console';
import {
    closeTab,
    focusTab,
    getTabInfo,
    listTabs,
    openTab,
    setTabLabel,
    workspace,
    type TabInfo
} from '../runtime/workspaceApi';
import { api, h, icon } from './dom';
import { mountMessagingSession } from './messagingSession';

interface StoredRecord {
    id: string;
    sobject: string;
    /** The object's and fields' labels from the project's metadata. */
    label: string;
    fieldLabels: Record<string, string>;
    fields: Record<string, unknown>;
}

const panels = new Map<string, HTMLElement>();

const display = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
};

function mountRecordPage(panel: HTMLElement, tab: TabInfo, record: StoredRecord): void {
    const placed = (recordPages[record.sobject] ?? []).filter((c) => c.kind === 'lwc');
    panel.append(
        h(
            'h2',
            { class: 'slds-text-heading_medium slds-m-bottom_small' },
            typeof record.fields.Name === 'string' ? record.fields.Name : record.id
        ),
        h('p', { class: 'slds-text-body_small slds-m-bottom_medium' }, record.label)
    );
    mountComponents(panel, placed, { recordId: record.id, objectApiName: record.sobject });
    if (record.sobject === 'MessagingSession') {
        // Its page in an org carries Salesforce's conversation component: the console's stand-in takes its place.
        mountMessagingSession(panel, record.id);
    } else if (placed.length === 0) {
        // No Lightning page for this object: the platform would show its record detail, so show the fields.
        const fields = Object.entries(record.fields).filter(([name]) => name !== 'Id');
        panel.append(
            h(
                'dl',
                { class: 'slds-list_horizontal slds-wrap' },
                fields.flatMap(([name, value]) => [
                    h(
                        'dt',
                        { class: 'slds-item_label slds-text-color_weak slds-truncate' },
                        record.fieldLabels[name] ?? name
                    ),
                    h('dd', { class: 'slds-item_detail slds-truncate' }, display(value))
                ])
            )
        );
    }
    // The record's name is the tab's default label: a label a component set meanwhile (setTabLabel) stays, as in
    // the console.
    const name = record.fields.Name;
    if (typeof name === 'string') {
        void getTabInfo(tab.tabId)
            .then((current) => (current.customTitle ? undefined : setTabLabel(tab.tabId, name)))
            .catch(() => undefined);
    }
}

function mountComponents(panel: HTMLElement, placed: PlacedItem[], properties: Record<string, unknown> = {}): void {
    for (const component of placed.filter((c) => c.kind === 'lwc')) {
        const el = createElement(component.tag as string, { is: component.ctor as never }) as HTMLElement &
            Record<string, unknown>;
        Object.assign(el, component.properties, properties);
        panel.append(el);
    }
}

const appPageOf = (tab: TabInfo) => {
    const apiName = tab.pageReference.type === 'standard__navItemPage' ? tab.pageReference.attributes?.apiName : null;
    return appPages.find((p) => p.apiName === apiName);
};

/** Opens an app page (a Lightning page tab such as Digital) in a workspace tab, or focuses the one it has. */
export function openAppPage(apiName: string): Promise<string> {
    const page = appPages.find((p) => p.apiName === apiName);
    if (!page) return Promise.reject(new Error(`The app has no Lightning page tab ${apiName}`));
    const open = listTabs().find((t) => appPageOf(t)?.apiName === apiName);
    if (open) return focusTab(open.tabId).then(() => open.tabId);
    return openTab({
        pageReference: { type: 'standard__navItemPage', attributes: { apiName } },
        url: `/lightning/n/${apiName}`,
        label: page.label,
        focus: true
    });
}

function panelFor(tab: TabInfo): HTMLElement {
    let panel = panels.get(tab.tabId);
    if (panel) return panel;
    panel = h('div', {
        id: `panel-${tab.tabId}`,
        class: 'slds-tabs_default__content slds-p-around_medium',
        role: 'tabpanel',
        'aria-labelledby': `tab-${tab.tabId}`,
        tabindex: 0
    });
    panels.set(tab.tabId, panel);
    const target = panel;
    const appPage = appPageOf(tab);
    if (appPage) {
        mountComponents(target, appPage.components);
    } else if (tab.recordId) {
        api<StoredRecord>(`/__records/${encodeURIComponent(tab.recordId)}`).then(
            (record) => mountRecordPage(target, tab, record),
            () => target.append(h('p', {}, `Record ${tab.recordId ?? ''} is not in the preview's records.`))
        );
    } else {
        target.append(h('p', {}, tab.url || tab.title));
    }
    return panel;
}

function onTabKey(event: KeyboardEvent, tabs: TabInfo[], index: number): void {
    const tab = tabs[index];
    if (event.key === 'Delete') {
        event.preventDefault();
        void closeTab(tab.tabId).then(() => {
            const next = listTabs().find((t) => t.focused);
            if (next) document.getElementById(`tab-${next.tabId}`)?.focus();
        });
        return;
    }
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    void focusTab(next.tabId).then(() => document.getElementById(`tab-${next.tabId}`)?.focus());
}

function tabButton(tab: TabInfo, tabs: TabInfo[], index: number): HTMLElement {
    // A tablist may hold only tabs, so the close control is part of the tab: the Delete key closes it
    // (announced through aria-keyshortcuts), and the × is there for the mouse.
    return h(
        'li',
        { class: `slds-tabs_default__item${tab.focused ? ' slds-is-active' : ''}`, role: 'presentation' },
        h(
            'button',
            {
                id: `tab-${tab.tabId}`,
                class: 'slds-tabs_default__link preview-tab',
                role: 'tab',
                type: 'button',
                'aria-selected': String(tab.focused),
                'aria-controls': `panel-${tab.tabId}`,
                'aria-keyshortcuts': 'Delete',
                tabindex: tab.focused ? 0 : -1,
                onclick: () => void focusTab(tab.tabId),
                onkeydown: (e: Event) => onTabKey(e as KeyboardEvent, tabs, index)
            },
            h('span', { class: 'slds-truncate' }, tab.title),
            h(
                'span',
                {
                    class: 'preview-tab__close',
                    'aria-hidden': 'true',
                    title: `Close ${tab.title}`,
                    'data-close-tab': tab.tabId,
                    onclick: (e: Event) => {
                        e.stopPropagation();
                        void closeTab(tab.tabId);
                    }
                },
                icon('utility', 'close', 'slds-icon slds-icon_xx-small slds-icon-text-default')
            )
        )
    );
}

export function renderWorkspace(root: HTMLElement): void {
    const stripHost = h('div');
    const panelsHost = h('div');
    const empty = h(
        'p',
        { class: 'slds-p-around_large slds-text-color_weak' },
        'No open tabs. Records you open appear here.'
    );
    // The app's navigation items that are Lightning page tabs (the console's navigation menu).
    const navigation =
        appPages.length === 0
            ? ''
            : h(
                  'nav',
                  {
                      class: 'preview-app-nav slds-p-horizontal_small slds-p-top_x-small',
                      'aria-label': 'App navigation'
                  },
                  h(
                      'ul',
                      { class: 'slds-list_horizontal slds-has-inline-block-links_space' },
                      appPages.map((page) =>
                          h(
                              'li',
                              {},
                              h(
                                  'button',
                                  {
                                      class: 'slds-button slds-button_neutral',
                                      type: 'button',
                                      'data-app-page': page.apiName,
                                      onclick: () => void openAppPage(page.apiName)
                                  },
                                  page.label
                              )
                          )
                      )
                  )
              );
    root.replaceChildren(navigation, h('div', { class: 'slds-tabs_default' }, stripHost, panelsHost), empty);
    const draw = (): void => {
        const tabs = listTabs();
        // Panels stay where they are once added: moving an LWC in the DOM would disconnect and reconnect it.
        for (const [id, panel] of panels) {
            if (!tabs.some((t) => t.tabId === id)) {
                panel.remove();
                panels.delete(id);
            }
        }
        for (const tab of tabs) {
            const known = panels.has(tab.tabId);
            const panel = panelFor(tab);
            if (!known) panelsHost.append(panel);
            panel.hidden = !tab.focused;
        }
        empty.hidden = tabs.length > 0;
        // An empty tablist is not a valid widget, so the strip appears with the first tab.
        stripHost.replaceChildren(
            tabs.length === 0
                ? ''
                : h(
                      'ul',
                      { class: 'slds-tabs_default__nav', role: 'tablist', 'aria-label': 'Workspace tabs' },
                      tabs.map((tab, index) => tabButton(tab, tabs, index))
                  )
        );
    };
    workspace.addEventListener('change', draw);
    draw();
}
