// The console's workspace tabs, driven by lightning/platformWorkspaceApi (preview/runtime/workspaceApi):
// whatever opens, focuses or closes a tab through the API changes what this strip shows, and the close
// buttons here go through the same API, so components get lightning__tabClosed as in an org.
import { createElement } from 'lwc';
import { recordPages } from 'relay-preview:console';
import { closeTab, focusTab, listTabs, setTabLabel, workspace, type TabInfo } from '../runtime/workspaceApi';
import { api, h, icon } from './dom';

interface StoredRecord {
    id: string;
    sobject: string;
    fields: Record<string, unknown>;
}

const panels = new Map<string, HTMLElement>();

function mountRecordPage(panel: HTMLElement, tab: TabInfo, record: StoredRecord): void {
    const placed = (recordPages[record.sobject] ?? []).filter((c) => c.kind === 'lwc');
    panel.append(
        h('h2', { class: 'slds-text-heading_medium slds-m-bottom_small' }, String(record.fields.Name ?? record.id)),
        h('p', { class: 'slds-text-body_small slds-m-bottom_medium' }, record.sobject)
    );
    for (const component of placed) {
        const el = createElement(component.tag as string, { is: component.ctor as never }) as HTMLElement & Record<string, unknown>;
        Object.assign(el, component.properties, { recordId: record.id, objectApiName: record.sobject });
        panel.append(el);
    }
    if (placed.length === 0) {
        // No Lightning page for this object: the platform would show its record detail, so show the fields.
        const fields = Object.entries(record.fields).filter(([name]) => name !== 'Id');
        panel.append(
            h(
                'dl',
                { class: 'slds-list_horizontal slds-wrap' },
                fields.flatMap(([name, value]) => [
                    h('dt', { class: 'slds-item_label slds-text-color_weak slds-truncate' }, name),
                    h('dd', { class: 'slds-item_detail slds-truncate' }, value === null ? '' : String(value))
                ])
            )
        );
    }
    if (!tab.customTitle && typeof record.fields.Name === 'string') void setTabLabel(tab.tabId, record.fields.Name);
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
    if (tab.recordId) {
        api<StoredRecord>(`/__records/${encodeURIComponent(tab.recordId)}`).then(
            (record) => mountRecordPage(target, tab, record),
            () => target.append(h('p', {}, `Record ${tab.recordId ?? ''} is not in the preview's records.`))
        );
    } else {
        target.append(h('p', {}, tab.url || tab.title));
    }
    return panel;
}

function moveFocus(event: KeyboardEvent, tabs: TabInfo[], index: number): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0 || tabs.length === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length] as TabInfo;
    void focusTab(next.tabId).then(() => document.getElementById(`tab-${next.tabId}`)?.focus());
}

export function renderWorkspace(root: HTMLElement): void {
    const stripHost = h('div');
    const panelsHost = h('div');
    const empty = h('p', { class: 'slds-p-around_large slds-text-color_weak' }, 'No open tabs. Records you open appear here.');
    root.replaceChildren(h('div', { class: 'slds-tabs_default' }, stripHost, panelsHost), empty);
    // Panels stay where they are once added: moving an LWC in the DOM would disconnect and reconnect it.
    const draw = (): void => {
        const tabs = listTabs();
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
                tabs.map((tab, index) =>
                    h(
                        'li',
                        {
                            class: `slds-tabs_default__item preview-tab${tab.focused ? ' slds-is-active' : ''}`,
                            role: 'presentation'
                        },
                        h(
                            'button',
                            {
                                id: `tab-${tab.tabId}`,
                                class: 'slds-tabs_default__link preview-tab__link',
                                role: 'tab',
                                type: 'button',
                                'aria-selected': String(tab.focused),
                                'aria-controls': `panel-${tab.tabId}`,
                                tabindex: tab.focused ? 0 : -1,
                                onclick: () => void focusTab(tab.tabId),
                                onkeydown: (e: Event) => moveFocus(e as KeyboardEvent, tabs, index)
                            },
                            tab.title
                        ),
                        h(
                            'button',
                            {
                                class: 'slds-button slds-button_icon slds-button_icon-x-small',
                                type: 'button',
                                title: `Close ${tab.title}`,
                                onclick: () => void closeTab(tab.tabId)
                            },
                            icon('utility', 'close', 'slds-button__icon'),
                            h('span', { class: 'slds-assistive-text' }, `Close ${tab.title}`)
                        )
                    )
                )
            )
        );
    };
    workspace.addEventListener('change', draw);
    draw();
}
