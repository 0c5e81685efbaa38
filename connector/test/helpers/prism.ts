// The Salesforce Interaction Service API as Prism (@stoplight/prism-cli) mocks it from the official spec
// (connector/spec/inbound-interaction-api.yaml, Salesforce's as published), with request validation: a request
// that does not match the spec is answered 422 (401 without Authorization) and the violations come in the
// `sl-violations` header. A recording proxy in front of Prism, on 127.0.0.1, keeps every request in order.
//
// Two things Prism 5.14.2 cannot do with the spec as published, handled here and documented in
// docs/byoc-connector.md ("How the tests check against the spec"):
// 1. Non-JSON-Schema types (`double`, `float`, `int`): Prism cannot compile a schema holding one and then skips
//    validating that body altogether (AgentWorkRequest: a request without userId would pass). The copy given to
//    Prism names them `number` and `integer`, the types those formats belong to in OpenAPI 3.0.
// 2. A multipart part of type object (POST /interactions sends its `json` part as application/json): Prism reads
//    every part as a string, so any request fails "json must be object". The proxy checks the multipart envelope
//    itself and hands the `json` part to Prism as an application/json body of a test-only path whose schema is
//    the spec's own `InteractionRequestJson`, with the same required headers.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './process';
import type { Cleanup } from './salesforce';

// The official spec as published, copied byte for byte into the repository (connector/spec/README.md): a clean
// clone has everything its tests read.
export const OFFICIAL_SPEC = join(ROOT, 'connector', 'spec', 'inbound-interaction-api.yaml');
const PRISM_CLI = join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
/** The test-only path the proxy sends the `json` part of POST /interactions to. */
export const INTERACTIONS_JSON_PATH = '/__relay/interactions-json';

export interface RecordedRequest {
    method: string;
    /** As the client sent it, e.g. /api/v1/route. */
    path: string;
    headers: IncomingHttpHeaders;
    /** JSON bodies parsed; for POST /interactions the parsed `json` part. */
    body: unknown;
    /** The multipart parts' headers (POST /interactions only). */
    parts?: { name: string; contentType: string | undefined }[];
    status: number;
    /** Prism's `sl-violations` header, parsed (absent when the request matched the spec). */
    violations?: { location: string[]; severity: string; code: string | number; message: string }[];
}

export interface PrismServer {
    /** The base URL to give the client (RELAY_SF_INTERACTION_URL): the recording proxy. */
    url: string;
    /** Prism's own address. */
    prismUrl: string;
    requests: RecordedRequest[];
    /** Prism's log lines. */
    logs: string[];
}

/** The copy of the official spec Prism serves (see the header of this file); counts are checked, not assumed. */
export function prepareSpec(official: string): string {
    let text = official;
    const replace = (pattern: RegExp, to: string, expected: number): void => {
        const found = text.match(pattern)?.length ?? 0;
        if (found !== expected) {
            throw new Error(`the official spec changed: expected ${expected} of ${String(pattern)}, found ${found}`);
        }
        text = text.replace(pattern, to);
    };
    replace(/type: "(?:double|float)"$/gm, 'type: "number"', 4);
    replace(/type: "int"$/gm, 'type: "integer"', 1);
    const header = (name: string): string =>
        `      - name: "${name}"\n        schema:\n          type: "string"\n        in: "header"\n        required: true\n`;
    const testPath =
        `  ${INTERACTIONS_JSON_PATH}:\n` +
        '    post:\n' +
        '      operationId: "relay-test-interactions-json"\n' +
        '      requestBody:\n' +
        '        required: true\n' +
        '        content:\n' +
        '          application/json:\n' +
        '            schema:\n' +
        '              $ref: "#/components/schemas/InteractionRequestJson"\n' +
        '      responses:\n' +
        '        202:\n' +
        '          description: "Accepted"\n' +
        '          content:\n' +
        '            application/json:\n' +
        '              schema:\n' +
        '                $ref: "#/components/schemas/PostInteractionResponse"\n' +
        '        default:\n' +
        '          description: "Unsuccessful operation"\n' +
        '          content:\n' +
        '            application/json:\n' +
        '              schema:\n' +
        '                $ref: "#/components/schemas/Error"\n' +
        '      parameters:\n' +
        ['Authorization', 'OrgId', 'AuthorizationContext', 'RequestId'].map(header).join('');
    replace(/^paths:\n/gm, `paths:\n${testPath}`, 1);
    return text;
}

async function freePort(): Promise<number> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
}

function portOpen(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.once('connect', () => {
            socket.destroy();
            resolve(true);
        });
        socket.once('error', () => resolve(false));
    });
}

/**
 * Starts Prism on a free port of 127.0.0.1 (the prepared spec, or `spec: 'official'` for the file as published),
 * waits until its port accepts connections, and puts the recording proxy in front. Both stop after the test.
 */
export async function startPrism(t: Cleanup, options: { spec?: 'prepared' | 'official' } = {}): Promise<PrismServer> {
    const dir = mkdtempSync(join(tmpdir(), 'relay-prism-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    let specFile = OFFICIAL_SPEC;
    if (options.spec !== 'official') {
        specFile = join(dir, 'inbound-interaction-api.prism.yaml');
        writeFileSync(specFile, prepareSpec(readFileSync(OFFICIAL_SPEC, 'utf8')));
    }
    const port = await freePort();
    const child = spawn(process.execPath, [PRISM_CLI, 'mock', specFile, '-h', '127.0.0.1', '-p', String(port)], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', FORCE_COLOR: '0' },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    t.after(async () => {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            await exited;
        }
    });
    const logs: string[] = [];
    let output = 0;
    const wake = new Set<() => void>();
    for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => {
            logs.push(line);
            output++;
            for (const resolve of wake) resolve();
        });
    }
    // Ready when the port accepts a connection. Between attempts, wait for Prism's next log line or its exit
    // (it logs each route, then "Prism is listening"); a 100 ms tick re-checks in case the last line came first.
    const deadline = Date.now() + 60_000;
    let exitCode: number | null | undefined;
    void exited.then((code) => {
        exitCode = code;
        for (const resolve of wake) resolve();
    });
    while (!(await portOpen(port))) {
        if (exitCode !== undefined) throw new Error(`prism exited (${String(exitCode)}): ${logs.join('\n')}`);
        if (Date.now() > deadline) throw new Error(`prism did not listen within 60 s: ${logs.join('\n')}`);
        const seen = output;
        await new Promise<void>((resolve) => {
            const timer = setTimeout(done, 100);
            function done(): void {
                clearTimeout(timer);
                wake.delete(done);
                resolve();
            }
            wake.add(done);
            if (output !== seen) done();
        });
    }
    const prismUrl = `http://127.0.0.1:${port}`;
    const requests: RecordedRequest[] = [];
    const proxy = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            void forward(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks)).then(
                (answer) => {
                    requests.push(answer.record);
                    res.writeHead(answer.status, answer.headers);
                    res.end(answer.body);
                },
                (error: unknown) => {
                    res.writeHead(502, { 'content-type': 'text/plain' });
                    res.end(`recording proxy: ${(error as Error).message}`);
                }
            );
        });
    });
    proxy.listen(0, '127.0.0.1');
    await once(proxy, 'listening');
    t.after(() => new Promise((resolve) => proxy.close(resolve)));

    async function forward(
        method: string,
        path: string,
        headers: IncomingHttpHeaders,
        raw: Buffer
    ): Promise<{ status: number; headers: Record<string, string>; body: Buffer; record: RecordedRequest }> {
        const record: RecordedRequest = { method, path, headers, body: undefined, status: 0 };
        const refuse = (status: number, message: string) => {
            record.status = status;
            record.violations = [{ location: ['request'], severity: 'Error', code: status, message }];
            return {
                status,
                headers: { 'content-type': 'application/json', 'sl-violations': JSON.stringify(record.violations) },
                body: Buffer.from(JSON.stringify({ code: status, message })),
                record
            };
        };
        if (!path.startsWith('/api/v1/')) return refuse(404, `not under the spec's server /api/v1/: ${path}`);
        let target = path.slice('/api/v1'.length);
        let body = raw;
        const outHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(headers)) {
            if (typeof value === 'string' && name !== 'host' && name !== 'content-length') outHeaders[name] = value;
        }
        if (method === 'POST' && target === '/interactions') {
            const contentType = headers['content-type'] ?? '';
            const boundary = /^multipart\/form-data;\s*boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
            if (boundary === undefined) return refuse(415, 'Supported content types: multipart/form-data');
            const parts = parseMultipart(raw.toString('utf8'), boundary);
            record.parts = parts.map(({ name, contentType: type }) => ({ name, contentType: type }));
            const json = parts.find((p) => p.name === 'json');
            const others = parts.filter((p) => p.name !== 'json' && p.name !== 'attachments');
            if (json === undefined) return refuse(422, "Request body must have required property 'json'");
            if (others.length > 0) return refuse(422, `unknown parts: ${others.map((p) => p.name).join(', ')}`);
            if (json.contentType?.split(';')[0]?.trim() !== 'application/json') {
                return refuse(422, 'the json part must be sent as application/json');
            }
            target = INTERACTIONS_JSON_PATH;
            body = Buffer.from(json.data, 'utf8');
            outHeaders['content-type'] = 'application/json';
        }
        outHeaders['content-length'] = String(body.length);
        try {
            record.body = body.length === 0 ? undefined : (JSON.parse(body.toString('utf8')) as unknown);
        } catch {
            record.body = body.toString('utf8');
        }
        const answer = await new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>(
            (resolve, reject) => {
                const out = httpRequest(
                    { host: '127.0.0.1', port, method, path: target, headers: outHeaders },
                    (response) => {
                        const parts: Buffer[] = [];
                        response.on('data', (chunk: Buffer) => parts.push(chunk));
                        response.on('end', () => {
                            const kept: Record<string, string> = {};
                            for (const name of ['content-type', 'sl-violations', 'retry-after']) {
                                const value = response.headers[name];
                                if (typeof value === 'string') kept[name] = value;
                            }
                            resolve({ status: response.statusCode ?? 0, headers: kept, body: Buffer.concat(parts) });
                        });
                    }
                );
                out.on('error', reject);
                out.end(body);
            }
        );
        record.status = answer.status;
        const violations = answer.headers['sl-violations'];
        if (violations !== undefined) record.violations = JSON.parse(violations) as RecordedRequest['violations'];
        return { ...answer, record };
    }

    return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, prismUrl, requests, logs };
}

interface Part {
    name: string;
    contentType: string | undefined;
    data: string;
}

function parseMultipart(body: string, boundary: string): Part[] {
    const parts: Part[] = [];
    const sections = body.split(`--${boundary}`);
    // sections[0] is the preamble; the last one starts with "--" (the closing delimiter).
    for (const section of sections.slice(1)) {
        if (section.startsWith('--')) break;
        const text = section.replace(/^\r\n/, '').replace(/\r\n$/, '');
        const split = text.indexOf('\r\n\r\n');
        if (split < 0) continue;
        const headerLines = text.slice(0, split).split('\r\n');
        const header = (name: string): string | undefined =>
            headerLines
                .find((l) => l.toLowerCase().startsWith(`${name}:`))
                ?.slice(name.length + 1)
                .trim();
        const name = /name="([^"]*)"/.exec(header('content-disposition') ?? '')?.[1] ?? '';
        parts.push({ name, contentType: header('content-type'), data: text.slice(split + 4) });
    }
    return parts;
}
