// A static server for the benchmark page on 127.0.0.1 (an ephemeral port): the page, its bundle and the
// SLDS assets. close() stops it.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SLDS_ASSETS } from '../preview/lib/paths';
import { BENCH_DIR, BENCH_DIST } from './build';

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.png': 'image/png'
};

function fileFor(urlPath: string): string | undefined {
    const roots: [string, string][] = [
        ['/slds/', SLDS_ASSETS],
        ['/dist/', BENCH_DIST]
    ];
    if (urlPath === '/' || urlPath === '/index.html') return path.join(BENCH_DIR, 'page', 'index.html');
    for (const [prefix, root] of roots) {
        if (urlPath.startsWith(prefix)) {
            const file = path.resolve(root, '.' + urlPath.slice(prefix.length - 1));
            return file.startsWith(root + path.sep) ? file : undefined;
        }
    }
    return undefined;
}

export interface BenchServer {
    url: string;
    close(): Promise<void>;
}

export function startBenchServer(): Promise<BenchServer> {
    const server = http.createServer((req, res) => {
        const file = fileFor(decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname));
        if (!file) {
            res.writeHead(404).end('not found');
            return;
        }
        fs.readFile(file, (error, body) => {
            if (error) {
                res.writeHead(404).end('not found');
                return;
            }
            const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
            res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
        });
    });
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address() as AddressInfo;
            resolve({
                url: `http://127.0.0.1:${port}/`,
                close: () =>
                    new Promise<void>((done, fail) => {
                        server.closeAllConnections();
                        server.close((e) => (e ? fail(e) : done()));
                    })
            });
        });
    });
}
