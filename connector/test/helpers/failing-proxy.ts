// A tiny HTTP proxy on 127.0.0.1 that answers some requests itself with a given status (a 503 from the Interaction
// Service, say) and forwards the others unchanged. Closed by t.after.
import { once } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cleanup } from './salesforce';

export interface FailingProxy {
    url: string;
    /** Every request as `METHOD /path`, with the status this proxy answered itself (undefined: forwarded). */
    seen: { call: string; failedWith: number | undefined }[];
}

/**
 * `fail` returns the status to answer with, or undefined to forward the request to `target`; `rewrite` may change a
 * forwarded answer's body (e.g. put a realistic id where the mock answers a placeholder).
 */
export async function startFailingProxy(
    t: Cleanup,
    target: string,
    fail: (call: string, count: number) => number | undefined,
    rewrite: (call: string, status: number, body: string) => string = (_call, _status, body) => body
): Promise<FailingProxy> {
    const seen: FailingProxy['seen'] = [];
    const counts = new Map<string, number>();
    const to = new URL(target);
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            const call = `${req.method ?? 'GET'} ${req.url ?? '/'}`;
            const count = (counts.get(call) ?? 0) + 1;
            counts.set(call, count);
            const status = fail(call, count);
            seen.push({ call, failedWith: status });
            if (status !== undefined) {
                res.writeHead(status, { 'content-type': 'application/json' });
                res.end(JSON.stringify({ code: status, message: 'injected by the test proxy' }));
                return;
            }
            const headers = { ...req.headers, host: to.host };
            const out = httpRequest(
                { host: to.hostname, port: to.port, method: req.method, path: req.url, headers },
                (answer) => {
                    const parts: Buffer[] = [];
                    answer.on('data', (chunk: Buffer) => parts.push(chunk));
                    answer.on('end', () => {
                        const status = answer.statusCode ?? 502;
                        const body = rewrite(call, status, Buffer.concat(parts).toString('utf8'));
                        const headers = { ...answer.headers };
                        delete headers['content-length'];
                        delete headers['transfer-encoding'];
                        res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
                        res.end(body);
                    });
                }
            );
            out.on('error', (error) => res.writeHead(502).end(error.message));
            out.end(Buffer.concat(chunks));
        });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    t.after(() => new Promise((resolve) => server.close(resolve)));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}
