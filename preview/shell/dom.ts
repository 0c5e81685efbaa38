// A tiny element builder for the page shell (the chrome around the real components). The shell is not
// an LWC: it is the console itself, which the platform renders in an org.
import { streamConnection } from '../runtime/streamClient';
import { STREAM_READY_EVENT } from '../runtime/streamHub';

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
    tag: K,
    attrs: Attrs = {},
    ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (typeof value === 'function') {
            el.addEventListener(name.replace(/^on/, ''), value);
        } else {
            el.setAttribute(name, value === true ? '' : String(value));
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            el.append(child);
        }
    }
    return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SLDS sprite icon, e.g. icon('utility', 'close'), hidden from assistive technology. */
export function icon(sprite: 'utility' | 'standard', name: string, className: string): SVGSVGElement {
    const svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('class', className);
    svg.setAttribute('aria-hidden', 'true');
    const use = document.createElementNS(SVG_NS, 'use');
    use.setAttribute('href', `/slds/icons/${sprite}-sprite/svg/symbols.svg#${name}`);
    svg.append(use);
    return svg;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const response = await fetch(path, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body)
    });
    const payload = (await response.json().catch(() => ({}))) as T & { error?: string };
    // The server marks an expected refusal (see REFUSED_HEADER in preview/server/server.ts) on a 200.
    if (!response.ok || response.headers.has('x-preview-refused')) {
        throw new Error(payload.error ?? `${response.status} ${response.statusText}`);
    }
    return payload;
}

/**
 * The server's page events (GET /__events): Omni-Channel and simulator updates by event name, for the signed-in
 * user. They come over the browser's one shared stream (preview/runtime/streamClient.ts).
 */
export function onServerEvent<T>(name: string, listener: (data: T) => void): void {
    streamConnection().onPageEvent(name, (data) => listener(data as T));
}

/**
 * Calls `listener` whenever the server's stream (re)connects: page events sent while it was not connected are not
 * replayed, so a panel that draws from them reads its state again.
 */
export function onStreamReady(listener: () => void): void {
    streamConnection().onPageEvent(STREAM_READY_EVENT, () => listener());
}
