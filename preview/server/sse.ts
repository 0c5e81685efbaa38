// Server-sent events: the console's one stream per browser (GET /__events), which carries the page's events
// (`omni`, `customer`, for the cookie's user) and the platform events of the lightning/empApi subscriptions its
// tabs make with POST /__events/:stream. A browser opens at most six HTTP/1.1 connections to a host: a stream per
// subscription or per tab would hold them all and leave the Apex calls waiting (preview/runtime/streamHub.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { messageFor, type BusEntry, type PlatformEventBus, type StreamMessage } from './eventBus';

const HEARTBEAT_MS = 15000;
const DELIVERIES_KEPT = 2000;

export interface SseStream {
    send(event: string, data: unknown): void;
    onClose(callback: () => void): void;
    close(): void;
}

/** One empApi message a stream carried to its browser (tests assert on what each user's browser received). */
export interface Delivery {
    userId: string | undefined;
    message: StreamMessage;
}

/** The open streams: how many, and the empApi subscriptions each carries. Tests read and wait on these. */
export class SseStreams implements Iterable<SseStream> {
    private readonly open = new Set<SseStream>();
    /** Each stream's subscriptions (their channel, by the browser's key for them) and the user it is signed in as. */
    private readonly byId = new Map<
        string,
        { stream: SseStream; userId: string | undefined; subscriptions: Map<string, string> }
    >();
    private readonly listeners = new Set<() => void>();
    /** Every empApi message sent to a browser, oldest first (the last DELIVERIES_KEPT). */
    readonly deliveries: Delivery[] = [];

    constructor(private readonly bus: PlatformEventBus) {
        // One listener for every subscription of every stream.
        bus.onEntry((entry) => this.deliver(entry));
    }

    private deliver(entry: BusEntry): void {
        for (const { stream, userId, subscriptions } of this.byId.values()) {
            const message = messageFor(entry, userId);
            if (!message) continue; // a PushTopic notification about a record this user cannot read
            for (const [sub, channel] of subscriptions) {
                if (channel === entry.channel) this.send(stream, userId, sub, message);
            }
        }
    }

    private send(stream: SseStream, userId: string | undefined, sub: string, message: StreamMessage): void {
        stream.send('emp', { sub, message });
        this.deliveries.push({ userId, message });
        if (this.deliveries.length > DELIVERIES_KEPT) this.deliveries.shift();
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

    /** The channels the open streams of a signed-in user are subscribed to (tests). */
    channelsOf(userId: string): string[] {
        return [...this.byId.values()].filter((s) => s.userId === userId).flatMap((s) => [...s.subscriptions.values()]);
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
     * carries no platform event until a subscription asks for one; its page events are the caller's to send. A
     * PushTopic notification reaches it only when `userId` (the signed-in user) may read the record.
     */
    openStream(req: IncomingMessage, res: ServerResponse, userId?: string): SseStream {
        const stream = openSse(req, res, this);
        const id = randomBytes(12).toString('base64url');
        this.byId.set(id, { stream, userId, subscriptions: new Map() });
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
        const { stream, userId, subscriptions } = entry;
        for (const op of ops) {
            subscriptions.delete(op.sub);
            if (op.op === 'subscribe') {
                const { sub, channel, replayId } = op;
                // In one go, so that no event comes between the acknowledgement, the replay and the live ones.
                stream.send('subscribed', { sub, channel, replayId });
                for (const message of this.bus.replay(channel, replayId, userId))
                    this.send(stream, userId, sub, message);
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
