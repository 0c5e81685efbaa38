// window.__relayPreview: what browser tests (test/browser) reach into the page with. It exposes the
// compiled bundles and the preview's org-module stand-ins; it is not something a component may use.
import { createElement } from 'lwc';
import { bundles, bundleTags } from 'relay-preview:console';
import * as messageService from '../runtime/messageService';
import * as empApi from '../runtime/empApi';
import * as workspaceApi from '../runtime/workspaceApi';

/** Mounts any component bundle into the page (default: the focused workspace area), with public properties. */
function mount(bundle: string, properties: Record<string, unknown> = {}, target?: HTMLElement): HTMLElement {
    const ctor = bundles[bundle]?.default;
    const tag = bundleTags[bundle];
    if (typeof ctor !== 'function' || !tag) throw new Error(`${bundle} is not a component bundle`);
    const el = createElement(tag, { is: ctor as never }) as HTMLElement;
    Object.assign(el, properties);
    (target ?? (document.getElementById('workspace') as HTMLElement)).append(el);
    return el;
}

export function installTestHooks(): void {
    Object.assign(window, { __relayPreview: { bundles, mount, messageService, empApi, workspaceApi } });
}
