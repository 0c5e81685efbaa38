// Shows the toasts components raise with ShowToastEvent (lightning/platformShowToastEvent), as the
// console does: dismissible ones fade after a few seconds, sticky ones stay until closed.
import { SHOW_TOAST_EVENT, type ToastConfig } from '../runtime/showToastEvent';
import { h, icon } from './dom';

const DISMISS_MS = 5000;

function format(text: string | undefined, data: unknown[] | undefined): string {
    return (text ?? '').replace(/\{(\d+)\}/g, (_, i: string) => {
        const item = data?.[Number(i)];
        if (typeof item === 'object' && item !== null && 'label' in item) {
            return typeof item.label === 'string' ? item.label : '';
        }
        return typeof item === 'string' || typeof item === 'number' ? String(item) : '';
    });
}

export function listenForToasts(region: HTMLElement): void {
    document.addEventListener(SHOW_TOAST_EVENT, (event) => {
        const config = (event as CustomEvent<ToastConfig>).detail ?? {};
        const variant = config.variant ?? 'info';
        const toast = h(
            'div',
            {
                class: `slds-notify slds-notify_toast slds-theme_${variant}`,
                role: variant === 'error' ? 'alert' : 'status'
            },
            h(
                'div',
                { class: 'slds-notify__content' },
                h('h2', { class: 'slds-text-heading_small' }, format(config.title, config.messageData)),
                config.message ? h('p', {}, format(config.message, config.messageData)) : null
            ),
            h(
                'div',
                { class: 'slds-notify__close' },
                h(
                    'button',
                    {
                        type: 'button',
                        class: 'slds-button slds-button_icon slds-button_icon-inverse',
                        title: 'Close',
                        onclick: () => toast.remove()
                    },
                    icon('utility', 'close', 'slds-button__icon slds-button__icon_large'),
                    h('span', { class: 'slds-assistive-text' }, 'Close')
                )
            )
        );
        region.append(toast);
        if (config.mode !== 'sticky') setTimeout(() => toast.remove(), DISMISS_MS);
    });
}
