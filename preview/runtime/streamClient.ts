// A tab's end of the console's server streams: lightning/empApi (empApi.ts) and the page's own events
// (shell/dom.ts onServerEvent) both go through it. It reaches the browser's one StreamHub in a SharedWorker
// (dist/stream-worker.js, named after the signed-in user, so another agent's tabs have their own), or, where
// SharedWorker is missing or its script does not start, a StreamHub of its own in the page: one stream per tab
// then, never one per subscription. Why: streamHub.ts.
import { StreamHub } from './streamHub';
import type { EmpMessage, HubReply, TabRequest } from './streamProtocol';

export const WORKER_URL = '/dist/stream-worker.js';

export interface SubscriptionHandlers {
    /** The server acknowledged the subscription. */
    subscribed(): void;
    message(message: EmpMessage): void;
    /** The stream dropped. `established` false: the subscription was refused, and is gone. */
    dropped(established: boolean): void;
}

/** A listener's exception must not keep the others from their event; it is reported as uncaught. */
function call(listener: () => void): void {
    try {
        listener();
    } catch (error) {
        queueMicrotask(() => {
            throw error;
        });
    }
}

class StreamConnection {
    private port: MessagePort;
    private readonly subscriptions = new Map<string, SubscriptionHandlers>();
    private readonly pageListeners = new Map<string, Set<(data: unknown) => void>>();
    /** What the tab sent before the hub first answered: sent again to a hub in the page if the worker fails. */
    private unanswered: TabRequest[] | undefined = [];
    private nextId = 1;
    /** `shared-worker`, or `page` (a hub of the tab's own). */
    mode: 'shared-worker' | 'page';

    constructor() {
        const worker = StreamConnection.sharedWorker();
        if (worker) {
            this.mode = 'shared-worker';
            this.port = worker.port;
            // Only a script that does not load or start reports here: fall back before anything was answered.
            worker.addEventListener('error', () => this.inPage());
        } else {
            this.mode = 'page';
            this.port = StreamConnection.pagePort();
        }
        this.port.onmessage = (e: MessageEvent<HubReply>) => this.receive(e.data);
        this.hello();
        addEventListener('pagehide', (e) => {
            if (!e.persisted) this.post({ type: 'bye' });
        });
    }

    private static sharedWorker(): SharedWorker | undefined {
        if (typeof SharedWorker !== 'function') return undefined;
        try {
            return new SharedWorker(WORKER_URL, { name: `relay-streams-${signedInUserKey()}` });
        } catch {
            return undefined;
        }
    }

    private static pagePort(): MessagePort {
        const channel = new MessageChannel();
        new StreamHub().connect(channel.port1);
        return channel.port2;
    }

    private inPage(): void {
        if (this.unanswered === undefined) return;
        const sent = this.unanswered;
        this.mode = 'page';
        this.port.onmessage = null;
        this.port = StreamConnection.pagePort();
        this.port.onmessage = (e: MessageEvent<HubReply>) => this.receive(e.data);
        for (const request of sent) this.port.postMessage(request);
    }

    /**
     * The tab holds a Web Lock for its life, so that the worker, asking for the same lock, learns when the tab is
     * gone (a SharedWorker is told nothing when a page closes) and ends that tab's subscriptions.
     */
    private hello(): void {
        const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
        if (!locks) {
            this.post({ type: 'hello' });
            return;
        }
        const lock = `relay-streams-tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
        void locks.request(lock, () => {
            this.post({ type: 'hello', lock });
            return new Promise<never>(() => {});
        });
    }

    private post(request: TabRequest): void {
        this.unanswered?.push(request);
        this.port.postMessage(request);
    }

    private receive(reply: HubReply): void {
        this.unanswered = undefined;
        switch (reply.type) {
            case 'welcome':
                break;
            case 'subscribed': {
                const handlers = this.subscriptions.get(reply.id);
                if (handlers) call(() => handlers.subscribed());
                break;
            }
            case 'emp': {
                const handlers = this.subscriptions.get(reply.id);
                if (handlers) call(() => handlers.message(reply.message));
                break;
            }
            case 'dropped': {
                const handlers = this.subscriptions.get(reply.id);
                if (!reply.established) this.subscriptions.delete(reply.id);
                if (handlers) call(() => handlers.dropped(reply.established));
                break;
            }
            case 'page':
                for (const listener of this.pageListeners.get(reply.name) ?? []) call(() => listener(reply.data));
                break;
        }
    }

    /** Subscribes to a platform-event channel; returns the subscription's id. */
    subscribe(channel: string, replayId: number, handlers: SubscriptionHandlers): string {
        const id = String(this.nextId++);
        this.subscriptions.set(id, handlers);
        this.post({ type: 'subscribe', id, channel, replayId });
        return id;
    }

    /** False when there was no such subscription (any more). */
    unsubscribe(id: string): boolean {
        if (!this.subscriptions.delete(id)) return false;
        this.post({ type: 'unsubscribe', id });
        return true;
    }

    /** The page's own events by name (`omni`, `customer`), for the signed-in user. */
    onPageEvent(name: string, listener: (data: unknown) => void): void {
        let listeners = this.pageListeners.get(name);
        if (!listeners) {
            listeners = new Set();
            this.pageListeners.set(name, listeners);
            this.post({ type: 'listen', name });
        }
        listeners.add(listener);
    }
}

/** The server writes the signed-in user into the page (preview/server/server.ts); each agent gets their own hub. */
function signedInUserKey(): string {
    return (globalThis as { __relayUser?: { key?: string } }).__relayUser?.key ?? 'anonymous';
}

let connection: StreamConnection | undefined;

/** The tab's connection to the stream hub, opened on first use. */
export function streamConnection(): StreamConnection {
    connection ??= new StreamConnection();
    return connection;
}
