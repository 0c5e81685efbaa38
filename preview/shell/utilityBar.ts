// The console's utility bar as the app's UtilityBar flexipage defines it: each item is a button that opens
// its panel. The Omni-Channel widget item is the preview's Omni simulator; c: items are the real LWCs.
// Background components that are LWCs are mounted hidden, as background utilities are.
import { createElement } from 'lwc';
import { backgroundComponents, utilityItems, type PlacedItem } from 'relay-preview:console';
import { renderOmniWidget } from './omni';
import { h } from './dom';

function mount(item: PlacedItem): HTMLElement {
    const el = createElement(item.tag as string, { is: item.ctor as never }) as HTMLElement & Record<string, unknown>;
    Object.assign(el, item.properties);
    return el;
}

// Lightning keeps a utility minimized once the agent minimized it; the console does too, across reloads, so a
// panel the agent put away never comes back over the record's reply box.
const STORAGE_PREFIX = 'relay-preview-utility:';
function wasMinimized(label: string): boolean {
    return localStorage.getItem(STORAGE_PREFIX + label) === 'minimized';
}
function remember(label: string, open: boolean): void {
    localStorage.setItem(STORAGE_PREFIX + label, open ? 'open' : 'minimized');
}

export function renderUtilityBar(bar: HTMLElement, panels: HTMLElement): void {
    const list = h('ul', { class: 'slds-utility-bar' });
    utilityItems.forEach((item, index) => {
        if (item.kind !== 'lwc' && item.kind !== 'omni') return;
        const label = item.decorators.label ?? item.componentName;
        const panelId = `utility-panel-${index}`;
        const status = h('span', { class: 'slds-m-left_xx-small' });
        const button = h(
            'button',
            {
                type: 'button',
                class: 'slds-button slds-utility-bar__action',
                'aria-expanded': String(!wasMinimized(label)),
                'aria-controls': panelId
            },
            h('span', { class: 'slds-utility-bar__text' }, label),
            status
        );
        const body = h('div', { class: 'slds-utility-panel__body slds-p-around_small' });
        const panel = h(
            'section',
            {
                id: panelId,
                class: 'slds-utility-panel slds-grid slds-grid_vertical slds-is-open preview-utility-panel',
                'aria-label': label,
                // The flexipage's width and height decorators size the panel, as in the console.
                style: `width: ${item.decorators.width ?? 340}px; height: ${item.decorators.height ?? 480}px`
            },
            h(
                'div',
                { class: 'slds-utility-panel__header slds-grid slds-shrink-none' },
                h('h2', { class: 'slds-text-heading_small slds-p-around_x-small' }, label)
            ),
            body
        );
        panel.hidden = wasMinimized(label);
        button.addEventListener('click', () => {
            const open = button.getAttribute('aria-expanded') !== 'true';
            button.setAttribute('aria-expanded', String(open));
            panel.hidden = !open;
            remember(label, open);
        });
        list.append(h('li', { class: 'slds-utility-bar__item' }, button));
        panels.append(panel);
        if (item.kind === 'omni') {
            renderOmniWidget(body, (text) => (status.textContent = `(${text})`));
        } else {
            body.append(mount(item));
        }
    });
    bar.append(h('h2', { class: 'slds-assistive-text' }, 'Utility bar'), list);
    for (const item of backgroundComponents.filter((c) => c.kind === 'lwc')) {
        const hidden = h('div', { hidden: true });
        hidden.append(mount(item));
        document.body.append(hidden);
    }
}
