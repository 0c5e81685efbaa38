// `lightning/platformShowToastEvent` in the preview: the same composed `lightning__showtoast` event the
// platform's ShowToastEvent is; the page shell catches it and shows an SLDS toast.

export interface ToastConfig {
    title?: string;
    message?: string;
    messageData?: unknown[];
    variant?: 'info' | 'success' | 'warning' | 'error';
    mode?: 'dismissible' | 'pester' | 'sticky';
}

export const SHOW_TOAST_EVENT = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent<ToastConfig> {
    constructor(config: ToastConfig) {
        super(SHOW_TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail: config });
    }
}
