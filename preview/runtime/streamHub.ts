// The hub of the console's server streams: ONE EventSource on GET /__events for every tab of the browser (it runs
// in a SharedWorker, preview/runtime/streamWorker.ts; without SharedWorker, one per tab, in the page). A browser
// opens at most six HTTP/1.1 connections to a host: a stream per empApi subscription and per tab would take them
// all, and the tabs' Apex calls would wait for ever.
//
// Tabs talk to the hub over a MessagePort (streamProtocol.ts). Each empApi subscription of each tab is one
// subscription on the shared stream, made and dropped with POST /__events/:stream; the server acknowledges it on
// the stream (`subscribed`), replays what the replayId asks for, then streams what is published (`emp`). The hub
// keeps the replayId of the last event each subscription got: when the stream comes back after a drop, it
// subscribes again from there, as EventSource's Last-Event-ID did for a stream of its own. Page events (`omni`,
// `customer`, the cookie's user's) go to the tabs that listen for them.
import type { ControlOp, HubReply, StreamEmp, StreamReady, StreamSubscribed, TabRequest } from './streamProtocol';

export const STREAM_URL = '/__events';
/**
 * The page event every tab gets whenever the stream (re)connects: what happened while it was not connected was not
 * streamed, so the shell's panels read their state again then.
 */
export const STREAM_READY_EVENT = 'stream.ready';
/** After the server refused the stream (EventSource gives up): wait this long, then open it again. */
const REOPEN_DELAY_MS = 3000;

interface Tab {
    port: MessagePort;
    seq: number;
    subscriptions: Set<string>;
    events: Set<string>;
    gone: boolean;
}

interface Subscription {
    tab: Tab;
    /** The tab's id for it. */
    id: string;
    channel: string;
    replayId: number;
    /** The replayId of the last event it got: where it resumes after a reconnect. */
    last?: number;
    acknowledged: boolean;
}

export interface StreamHubOptions {
    /** Forget a tab once its Web Lock is free (in a SharedWorker, which no page closing tells). */
    watchLocks?: boolean;
}

export class StreamHub {
    private source: EventSource | undefined;
    /** The server's id for the open stream; undefined while (re)connecting. */
    private stream: string | undefined;
    private readonly tabs = new Set<Tab>();
    /** By key: the tab's sequence number and its id. */
    private readonly subscriptions = new Map<string, Subscription>();
    private readonly listened = new Set<string>();
    private queue: ControlOp[] = [];
    private sending = false;
    private reopenTimer: ReturnType<typeof setTimeout> | undefined;
    private nextTab = 1;

    constructor(private readonly options: StreamHubOptions = {}) {}

    connect(port: MessagePort): void {
        const tab: Tab = { port, seq: this.nextTab++, subscriptions: new Set(), events: new Set(), gone: false };
        this.tabs.add(tab);
        port.onmessage = (e: MessageEvent<TabRequest>) => this.receive(tab, e.data);
        // Chromium tells a port's other end it closed; the Web Lock covers browsers that do not.
        port.addEventListener('close', () => this.forget(tab));
        this.open();
    }

    private receive(tab: Tab, request: TabRequest): void {
        if (tab.gone) return;
        switch (request.type) {
            case 'hello':
                if (request.lock && this.options.watchLocks && typeof navigator !== 'undefined' && navigator.locks) {
                    void navigator.locks.request(request.lock, () => this.forget(tab));
                }
                this.reply(tab, { type: 'welcome' });
                break;
            case 'subscribe': {
                const key = `${tab.seq}:${request.id}`;
                this.subscriptions.set(key, {
                    tab,
                    id: request.id,
                    channel: request.channel,
                    replayId: request.replayId,
                    acknowledged: false
                });
                tab.subscriptions.add(key);
                // While (re)connecting it waits: the stream's `ready` subscribes everything.
                this.control([{ op: 'subscribe', sub: key, channel: request.channel, replayId: request.replayId }]);
                break;
            }
            case 'unsubscribe': {
                const key = `${tab.seq}:${request.id}`;
                if (this.subscriptions.delete(key)) this.control([{ op: 'unsubscribe', sub: key }]);
                tab.subscriptions.delete(key);
                break;
            }
            case 'listen':
                tab.events.add(request.name);
                if (!this.listened.has(request.name)) {
                    this.listened.add(request.name);
                    this.source?.addEventListener(request.name, this.pageEvent);
                }
                break;
            case 'bye':
                this.forget(tab);
                break;
        }
    }

    /** A tab closed: its subscriptions end, nobody else's. */
    private forget(tab: Tab): void {
        if (tab.gone) return;
        tab.gone = true;
        this.tabs.delete(tab);
        const ops: ControlOp[] = [];
        for (const key of tab.subscriptions) {
            if (this.subscriptions.delete(key)) ops.push({ op: 'unsubscribe', sub: key });
        }
        tab.subscriptions.clear();
        tab.port.onmessage = null;
        tab.port.close();
        if (this.tabs.size === 0) {
            this.close();
        } else {
            this.control(ops);
        }
    }

    private reply(tab: Tab, message: HubReply): void {
        if (!tab.gone) tab.port.postMessage(message);
    }

    private open(): void {
        if (this.source) return;
        clearTimeout(this.reopenTimer);
        const source = new EventSource(STREAM_URL);
        this.source = source;
        source.addEventListener('ready', (e) => {
            const { stream } = JSON.parse((e as MessageEvent<string>).data) as StreamReady;
            this.stream = stream;
            this.queue = [];
            for (const tab of this.tabs) this.reply(tab, { type: 'page', name: STREAM_READY_EVENT, data: {} });
            // Every subscription, new or from before a drop (resuming after the last event it got).
            this.control(
                [...this.subscriptions].map(([key, s]) => ({
                    op: 'subscribe',
                    sub: key,
                    channel: s.channel,
                    replayId: s.last ?? s.replayId
                }))
            );
        });
        source.addEventListener('subscribed', (e) => {
            const { sub } = JSON.parse((e as MessageEvent<string>).data) as StreamSubscribed;
            const subscription = this.subscriptions.get(sub);
            // After a reconnect the server acknowledges again: the tab was told the first time.
            if (subscription && !subscription.acknowledged) {
                subscription.acknowledged = true;
                this.reply(subscription.tab, { type: 'subscribed', id: subscription.id });
            }
        });
        source.addEventListener('emp', (e) => {
            const { sub, message } = JSON.parse((e as MessageEvent<string>).data) as StreamEmp;
            const subscription = this.subscriptions.get(sub);
            if (!subscription) return; // unsubscribed meanwhile
            subscription.last = message.data.event.replayId;
            this.reply(subscription.tab, { type: 'emp', id: subscription.id, message });
        });
        source.addEventListener('error', () => this.dropped(source));
        for (const name of this.listened) source.addEventListener(name, this.pageEvent);
    }

    private readonly pageEvent = (e: Event): void => {
        const event = e as MessageEvent<string>;
        const data = JSON.parse(event.data) as unknown;
        for (const tab of this.tabs) {
            if (tab.events.has(event.type)) this.reply(tab, { type: 'page', name: event.type, data });
        }
    };

    private dropped(source: EventSource): void {
        if (source !== this.source) return;
        this.stream = undefined;
        this.queue = [];
        for (const [key, s] of [...this.subscriptions]) {
            if (!s.acknowledged) {
                this.subscriptions.delete(key);
                s.tab.subscriptions.delete(key);
            }
            this.reply(s.tab, { type: 'dropped', id: s.id, established: s.acknowledged });
        }
        if (source.readyState === EventSource.CLOSED) {
            // The server answered with an error: EventSource does not retry that by itself.
            this.source = undefined;
            this.reopenTimer = setTimeout(() => {
                if (this.tabs.size > 0) this.open();
            }, REOPEN_DELAY_MS);
        }
    }

    private close(): void {
        clearTimeout(this.reopenTimer);
        this.source?.close();
        this.source = undefined;
        this.stream = undefined;
        this.queue = [];
    }

    /** Sends subscription changes to the server, in order, one request at a time. */
    private control(ops: ControlOp[]): void {
        if (this.stream === undefined || ops.length === 0) return;
        this.queue.push(...ops);
        void this.flush();
    }

    private async flush(): Promise<void> {
        if (this.sending) return;
        this.sending = true;
        try {
            while (this.queue.length > 0 && this.stream !== undefined) {
                const stream = this.stream;
                const ops = this.queue.splice(0);
                // A failure here is the stream's failure too: its `error` reports it and `ready` resubscribes.
                await fetch(`${STREAM_URL}/${encodeURIComponent(stream)}`, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json' },
                    body: JSON.stringify({ ops })
                }).catch(() => undefined);
            }
        } finally {
            this.sending = false;
        }
    }
}
