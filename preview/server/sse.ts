// Server-sent events: the console's one stream per browser (GET /__events), which carries the page's events
// (`omni`, `customer`, for the cookie's user) and the platform events of the lightning/empApi subscriptions its
// tabs make with POST /__events/:stream. A browser opens at most six HTTP/1.1 connections to a host: a stream per
// subscription or per tab would hold them all and leave the Apex calls waiting (preview/runtime/streamHub.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { PlatformEventBus, PlatformEventMessage } from './eventBus';

const HEARTBEAT_MS = 15000;

export interface SseStream {
    send(event: string, data: unknown): void;
    onClose(callback: () => void): void;
    close(): void;
}

/** The open streams: how many, and the empApi subscriptions each carries. Tests read and wait on these. */
export class SseStreams implements Iterable<SseStream> {
    private readonly open = new Set<SseStream>();
    /** Each stream's subscriptions: their channel, by the browser's key for them. */
    private readonly byId = new Map<string, { stream: SseStream; subscriptions: Map<string, string> }>();
    private readonly listeners = new Set<() => void>();

    constructor(private readonly bus: PlatformEventBus) {
        // One listener for every subscription of every stream.
        bus.on('event', (message: PlatformEventMessage) => this.deliver(message));
    }

    private deliver(message: PlatformEventMessage): void {
        for (const { stream, subscriptions } of this.byId.values()) {
            for (const [sub, channel] of subscriptions) {
                if (channel === message.channel) stream.send('emp', { sub, message });
            }
        }
    }

    /** Open stream connections (each one a connection the browser holds). */
    get count(): number {
        return this.open.size;
    }

    /** lightning/empApi subscriptions on the open streams. */
    get subscriptions(): number {
        let n = 0;
        for (const s of this.byId.values()) n += s.subscriptions.size;
        return n;
    }

    /** Calls `listener` after every change of `count` or `subscriptions`; returns the unsubscriber. */
    onChange(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    [Symbol.iterator](): Iterator<SseStream> {
        return this.open[Symbol.iterator]();
    }

    add(stream: SseStream): void {
        this.open.add(stream);
        this.changed();
    }

    delete(stream: SseStream): void {
        if (this.open.delete(stream)) this.changed();
    }

    private changed(): void {
        for (const listener of [...this.listeners]) listener();
    }

    /**
     * GET /__events: a stream whose first event, `ready`, names it (`{ stream }`) for POST /__events/:stream. It
     * carries no platform event until a subscription asks for one; its page events are the caller's to send.
     */
    openStream(req: IncomingMessage, res: ServerResponse): SseStream {
        const stream = openSse(req, res, this);
        const id = randomBytes(12).toString('base64url');
        this.byId.set(id, { stream, subscriptions: new Map() });
        stream.onClose(() => {
            this.byId.delete(id);
            this.changed();
        });
        stream.send('ready', { stream: id });
        return stream;
    }

    /**
     * POST /__events/:stream with `{ ops }`, in order: `{ op: 'subscribe', sub, channel, replayId }` acknowledges
     * (`subscribed`), replays what the replayId asks for (-1: nothing, -2: every retained event, n: those after n)
     * and then streams the channel's events (`emp`, `{ sub, message }`); `{ op: 'unsubscribe', sub }` stops that.
     * `ok` false: no such stream (it closed; the browser's hub subscribes again on the stream that replaces it).
     */
    control(streamId: string, body: Record<string, unknown>): { status: number; body: Record<string, unknown> } {
        const ops = body.ops;
        if (!Array.isArray(ops) || !ops.every(isOp)) {
            return { status: 400, body: { error: 'ops must be a list of subscribe and unsubscribe operations' } };
        }
        const entry = this.byId.get(streamId);
        if (!entry) return { status: 200, body: { ok: false } };
        const { stream, subscriptions } = entry;
        for (const op of ops) {
            subscriptions.delete(op.sub);
            if (op.op === 'subscribe') {
                const { sub, channel, replayId } = op;
                // In one go, so that no event comes between the acknowledgement, the replay and the live ones.
                stream.send('subscribed', { sub, channel, replayId });
                for (const message of this.bus.replay(channel, replayId)) stream.send('emp', { sub, message });
                subscriptions.set(sub, channel);
            }
        }
        this.changed();
        return { status: 200, body: { ok: true } };
    }
}

type Op = { op: 'subscribe'; sub: string; channel: string; replayId: number } | { op: 'unsubscribe'; sub: string };

function isOp(value: unknown): value is Op {
    if (typeof value !== 'object' || value === null) return false;
    const op = value as Record<string, unknown>;
    if (typeof op.sub !== 'string') return false;
    if (op.op === 'unsubscribe') return true;
    return (
        op.op === 'subscribe' &&
        typeof op.channel === 'string' &&
        typeof op.replayId === 'number' &&
        Number.isInteger(op.replayId)
    );
}

export function openSse(req: IncomingMessage, res: ServerResponse, streams: SseStreams): SseStream {
    res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive'
    });
    res.write(': stream open\n\n');
    const closers: (() => void)[] = [];
    // A comment line now and then keeps proxies and the browser from timing the stream out.
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    let closed = false;
    const stream: SseStream = {
        send(event, data) {
            if (closed) return;
            res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        },
        onClose(callback) {
            closers.push(callback);
        },
        close() {
            if (closed) return;
            closed = true;
            clearInterval(heartbeat);
            streams.delete(stream);
            for (const c of closers) c();
            res.end();
        }
    };
    streams.add(stream);
    req.on('close', () => stream.close());
    return stream;
}
