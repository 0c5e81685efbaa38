// The official spec in front of the local org's Interaction Service: requests reach it only through Prism
// (@stoplight/prism-cli 5.14.2) in proxy mode, `prism proxy <spec> <upstream> --errors`, which validates each
// request (422 for a body that breaks the spec, 401 without Authorization) and each response (500 with the
// violations in `sl-violations`) against connector/spec/inbound-interaction-api.yaml, the spec as Salesforce
// published it. Everything listens on 127.0.0.1.
//
// Two things Prism 5.14.2 cannot do with that spec, handled as connector/test/helpers/prism.ts handles them for
// the mock (docs/byoc-connector.md, "How the tests check against the spec"):
// 1. `type: "double"`, `"float"`, `"int"` are no JSON Schema types: Prism then skips validating the bodies that use
//    them. The copy Prism serves names them `number` and `integer` (the counts are checked).
// 2. POST /interactions sends its `json` part as an application/json object inside multipart/form-data; Prism
//    reads every part as a string and refuses any such request. So a front proxy checks the multipart envelope
//    and hands Prism the parts as one JSON body on a path of its own, `/__relay/interactions`, whose schema holds
//    the spec's own `InteractionRequestJson` and at most one attachment, with the same required headers and the
//    spec's responses; behind Prism, a back proxy turns that body into the multipart request again and sends it
//    to the service's POST /api/v1/interactions. Every other request passes unchanged.
//
// client -> front (/api/v1/x -> /x) -> Prism proxy -> back (<upstream>/api/v1/x) -> the local org's service
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { boundaryOf, buildMultipart, parseMultipart } from './multipart';

const ROOT = join(__dirname, '..', '..', '..');
export const OFFICIAL_SPEC = join(ROOT, 'connector', 'spec', 'inbound-interaction-api.yaml');
const PRISM_CLI = join(ROOT, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
const API = '/api/v1';
const INTERACTIONS = '/__relay/interactions';

export interface ProxiedCall {
    method: string;
    /** As the client sent it, e.g. /api/v1/route. */
    path: string;
    status: number;
    /** What Prism found wrong (its `sl-violations` header or its problem's `validation`), or what the front refused. */
    violations: { location: string[]; message: string }[];
}

export interface PrismProxy {
    /** The base URL to give the connector (RELAY_SF_INTERACTION_URL). */
    readonly url: string;
    /** Every call, in order. */
    readonly calls: ProxiedCall[];
    readonly logs: string[];
    stop(): Promise<void>;
}

/** The copy of the official spec Prism serves (see the header); counts are checked, not assumed. */
export function prepareSpec(official: string): string {
    let text = official;
    const replace = (pattern: RegExp, to: string, expected: number): void => {
        const found = text.match(pattern)?.length ?? 0;
        if (found !== expected)
            throw new Error(`the spec changed: expected ${expected} of ${String(pattern)}, found ${found}`);
        text = text.replace(pattern, to);
    };
    replace(/type: "(?:double|float)"$/gm, 'type: "number"', 4);
    replace(/type: "int"$/gm, 'type: "integer"', 1);
    const header = (name: string) =>
        `      - name: "${name}"\n        schema:\n          type: "string"\n        in: "header"\n        required: true\n`;
    const schema = (ref: string) => `              schema:\n                $ref: "#/components/schemas/${ref}"\n`;
    const path =
        `  ${INTERACTIONS}:\n    post:\n      operationId: "relay-interactions-as-json"\n` +
        '      requestBody:\n        required: true\n        content:\n          application/json:\n' +
        '            schema:\n              type: "object"\n              additionalProperties: false\n' +
        '              required: ["json"]\n              properties:\n' +
        '                json:\n                  $ref: "#/components/schemas/InteractionRequestJson"\n' +
        '                attachments:\n                  type: "array"\n                  maxItems: 1\n' +
        '                  items:\n                    type: "object"\n                    required: ["data"]\n' +
        '                    properties:\n                      filename:\n                        type: "string"\n' +
        '                      contentType:\n                        type: "string"\n' +
        '                      data:\n                        type: "string"\n' +
        '      responses:\n        202:\n          description: "Accepted"\n          content:\n            application/json:\n' +
        schema('PostInteractionResponse') +
        '        default:\n          description: "Unsuccessful operation"\n          content:\n            application/json:\n' +
        schema('Error') +
        '      parameters:\n' +
        ['Authorization', 'OrgId', 'AuthorizationContext', 'RequestId'].map(header).join('');
    replace(/^paths:\n/gm, `paths:\n${path}`, 1);
    return text;
}

interface Answer {
    status: number;
    headers: Record<string, string>;
    body: Buffer;
}

function send(url: string, method: string, headers: Record<string, string>, body: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
        const out = request(url, { method, headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
                const kept: Record<string, string> = {};
                for (const name of ['content-type', 'sl-violations', 'www-authenticate', 'retry-after']) {
                    const value = res.headers[name];
                    if (typeof value === 'string') kept[name] = value;
                }
                resolve({ status: res.statusCode ?? 0, headers: kept, body: Buffer.concat(chunks) });
            });
        });
        out.on('error', reject);
        out.end(body);
    });
}

/** The request headers to pass on (not the hop-by-hop ones, which the next hop sets itself). */
function passHeaders(headers: IncomingHttpHeaders): Record<string, string> {
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
        if (typeof value === 'string' && !['host', 'content-length', 'connection', 'transfer-encoding'].includes(name))
            kept[name] = value;
    }
    return kept;
}

/** A server on 127.0.0.1 that answers each request with `handle`. */
async function listen(
    handle: (method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) => Promise<Answer>
) {
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
            handle(req.method ?? 'GET', req.url ?? '/', req.headers, Buffer.concat(chunks)).then(
                (answer) => {
                    res.writeHead(answer.status, answer.headers);
                    res.end(answer.body);
                },
                (error: unknown) => {
                    res.writeHead(502, { 'content-type': 'text/plain' });
                    res.end(`relay prism proxy: ${(error as Error).message}`);
                }
            );
        });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const close = (server: Server) =>
    new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
    });

/** Starts Prism in proxy mode towards `upstream` (the service's base URL), with the front and back proxies. */
export async function startPrismProxy(upstream: string): Promise<PrismProxy> {
    const dir = mkdtempSync(join(tmpdir(), 'relay-prism-proxy-'));
    const specFile = join(dir, 'inbound-interaction-api.proxy.yaml');
    writeFileSync(specFile, prepareSpec(readFileSync(OFFICIAL_SPEC, 'utf8')));
    const servers: Server[] = [];
    const stops: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
    const stop = async () => {
        for (const step of stops.splice(0).reverse()) await step();
    };
    try {
        const back = await listen((method, path, headers, body) => {
            if (method === 'POST' && path === `${API}${INTERACTIONS}`) return toMultipart(upstream, headers, body);
            return send(`${upstream}${path}`, method, passHeaders(headers), body);
        });
        servers.push(back.server);
        stops.push(() => close(back.server));
        const prism = await startPrism(specFile, `${back.url}${API}`, dir);
        stops.push(prism.stop);
        const calls: ProxiedCall[] = [];
        const front = await listen(async (method, path, headers, body) => {
            const call: ProxiedCall = { method, path, status: 0, violations: [] };
            calls.push(call);
            const answer = await toPrism(prism.url, method, path, headers, body);
            call.status = answer.status;
            call.violations = violationsOf(answer);
            return answer;
        });
        stops.push(() => close(front.server));
        return { url: front.url, calls, logs: prism.logs, stop };
    } catch (error) {
        await stop();
        throw error;
    }
}

/** The front's half: the envelope of POST /interactions checked and turned into JSON; the rest passed on. */
async function toPrism(prism: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer) {
    const refuse = (status: number, message: string): Answer => ({
        status,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ code: status, message, relayFront: true }))
    });
    if (!path.startsWith(`${API}/`)) return refuse(404, `not under the spec's server ${API}/: ${path}`);
    const target = path.slice(API.length);
    const out = passHeaders(headers);
    if (method !== 'POST' || target !== '/interactions') return send(`${prism}${target}`, method, out, body);
    const boundary = boundaryOf(headers['content-type']);
    if (boundary === null) return refuse(415, 'Supported content types: multipart/form-data');
    const parts = parseMultipart(body, boundary);
    const unknown = parts.filter((p) => p.name !== 'json' && p.name !== 'attachments');
    if (unknown.length > 0) return refuse(422, `unknown parts: ${unknown.map((p) => p.name).join(', ')}`);
    const json = parts.filter((p) => p.name === 'json');
    if (json.length !== 1) return refuse(422, "Request body must have exactly one part 'json'");
    if (json[0].contentType?.split(';')[0].trim() !== 'application/json')
        return refuse(422, 'the json part must be sent as application/json');
    let parsed: unknown;
    try {
        parsed = JSON.parse(json[0].data.toString('utf8'));
    } catch {
        return refuse(422, 'the json part is not JSON');
    }
    const attachments = parts
        .filter((p) => p.name === 'attachments')
        .map((p) => ({
            filename: p.filename ?? undefined,
            contentType: p.contentType ?? undefined,
            data: p.data.toString('base64')
        }));
    const envelope = { json: parsed, ...(attachments.length > 0 ? { attachments } : {}) };
    out['content-type'] = 'application/json';
    return send(`${prism}${INTERACTIONS}`, 'POST', out, Buffer.from(JSON.stringify(envelope)));
}

/** The back's half: the JSON Prism validated, sent to the service as the multipart request it was. */
function toMultipart(upstream: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
    const envelope = JSON.parse(body.toString('utf8')) as {
        json: unknown;
        attachments?: { filename?: string; contentType?: string; data: string }[];
    };
    const boundary = `relay-prism-${Date.now().toString(36)}`;
    const multipart = buildMultipart(boundary, [
        {
            name: 'json',
            filename: null,
            contentType: 'application/json',
            data: Buffer.from(JSON.stringify(envelope.json))
        },
        ...(envelope.attachments ?? []).map((a) => ({
            name: 'attachments',
            filename: a.filename ?? 'attachment',
            contentType: a.contentType ?? 'application/octet-stream',
            data: Buffer.from(a.data, 'base64')
        }))
    ]);
    const out = passHeaders(headers);
    out['content-type'] = `multipart/form-data; boundary=${boundary}`;
    return send(`${upstream}${API}/interactions`, 'POST', out, multipart);
}

function violationsOf(answer: Answer): ProxiedCall['violations'] {
    const parse = (text: string): ProxiedCall['violations'] => {
        try {
            const value = JSON.parse(text) as unknown;
            const list = Array.isArray(value) ? value : (value as { validation?: unknown }).validation;
            return Array.isArray(list) ? (list as ProxiedCall['violations']) : [];
        } catch {
            return [];
        }
    };
    if (answer.headers['sl-violations']) return parse(answer.headers['sl-violations']);
    if (answer.headers['content-type']?.startsWith('application/problem+json'))
        return parse(answer.body.toString('utf8'));
    const front = parse(answer.body.toString('utf8'));
    if (front.length === 0 && answer.status >= 400 && answer.body.includes('"relayFront":true')) {
        return [
            {
                location: ['request'],
                message: String((JSON.parse(answer.body.toString('utf8')) as { message: string }).message)
            }
        ];
    }
    return front;
}

/** Prism as a child process on a free port; ready when it logs that it listens (no polling). */
async function startPrism(specFile: string, upstream: string, cwd: string) {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const child = spawn(
        process.execPath,
        [PRISM_CLI, 'proxy', specFile, upstream, '--errors', '-h', '127.0.0.1', '-p', String(port)],
        {
            cwd,
            env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', FORCE_COLOR: '0' },
            stdio: ['ignore', 'pipe', 'pipe']
        }
    );
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const logs: string[] = [];
    const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            await exited;
        }
    };
    await new Promise<void>((resolve, reject) => {
        for (const stream of [child.stdout, child.stderr]) {
            createInterface({ input: stream }).on('line', (line) => {
                logs.push(line);
                if (line.includes('Prism is listening')) resolve();
            });
        }
        void exited.then(() => reject(new Error(`prism exited: ${logs.join('\n')}`)));
    });
    return { url: `http://127.0.0.1:${port}`, logs, stop };
}
