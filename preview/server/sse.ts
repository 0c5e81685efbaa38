// Server-sent events: one helper for the page stream (/__events) and the empApi stream (/__emp).
import type { IncomingMessage, ServerResponse } from 'node:http';

const HEARTBEAT_MS = 15000;

export interface SseStream {
    send(event: string, data: unknown, id?: number | string): void;
    onClose(callback: () => void): void;
    close(): void;
}

export function openSse(req: IncomingMessage, res: ServerResponse, streams: Set<SseStream>): SseStream {
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
        send(event, data, id) {
            if (closed) return;
            res.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
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
