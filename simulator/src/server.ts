// The simulator's HTTP server (node:http, 127.0.0.1 only): /oauth/token, the contract's /api/v2 subset,
// and the control API under /__sim/. createSimulator() is what the tests, the CLI and the local console use.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiHandlers } from './api';
import { Auth, DEFAULT_CLIENT, type OAuthClient } from './auth';
import { SystemClock, sleep, type Clock } from './clock';
import type { ContractChecker } from './contract';
import { createControl, handleControl, type SimulatorControl } from './control';
import { ContactCentre } from './engine';
import { SimError, errorBody, errorBodyFrom, type ErrorBody } from './errors';
import { EventHub, type SimEvent } from './events';
import { parseJsonBody, tooManyRequests } from './httpReplies';
import { MAX_MEDIA_BYTES } from './media';
import { NOTIFICATION_OPERATIONS, createNotifications, type NotificationsControl } from './notifications';
import {
    Faults,
    RateLimiter,
    defaultCode,
    type FaultSpec,
    type RateLimitConfig,
    type RateLimitVerdict
} from './faults';
import type { SeedData } from './model';
import { simulatorChecker } from './relay-contract';
import { demoSeed } from './seed';

export interface SimulatorOptions {
    /** Default: real time. Tests pass a ManualClock. */
    clock?: Clock;
    /** Default: demoSeed() (agents, queues, codes and a few waiting conversations). */
    seed?: SeedData;
    /** OAuth clients accepted by /oauth/token. Default: relay-local / relay-local-secret. */
    clients?: OAuthClient[];
    /** Optional per-token request budget (429 beyond it). */
    rateLimit?: RateLimitConfig;
    /** Default 0 (any free port). The server always listens on 127.0.0.1. */
    port?: number;
    /** Called once per request, after the response is sent. */
    log?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
    method: string;
    url: string;
    status: number;
    operation?: string;
    ms: number;
}

export interface Simulator {
    /** Base URL, e.g. http://127.0.0.1:9393 (API under /api/v2, token at /oauth/token). */
    url: string;
    port: number;
    clock: Clock;
    control: SimulatorControl;
    /** The checker the server validates requests with (contract + compatibility routes). */
    checker: ContractChecker;
    /** The notification service's channels and test hooks (notifications.ts). */
    notifications: NotificationsControl;
    close(): Promise<void>;
}

interface Reply {
    status: number;
    body?: unknown;
    /** Sent as is (a malformed-body fault). */
    raw?: string;
    /** A file's bytes (a media download), sent with the reply's own Content-Type header. */
    bytes?: Buffer;
    headers?: Record<string, string>;
    operation?: string;
}

const MAX_BODY_BYTES = 1024 * 1024;
const EXPOSED_HEADERS =
    'ININ-Correlation-Id, Retry-After, inin-ratelimit-count, inin-ratelimit-allowed, inin-ratelimit-reset';

export async function createSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
    const clock = options.clock ?? new SystemClock();
    const initialSeed = options.seed ?? demoSeed();
    const events = new EventHub(clock);
    // Known once the server listens; attachment upload and download URLs point at it.
    let baseUrl = '';
    const origin = (): string => baseUrl;
    let centre = new ContactCentre(clock, initialSeed, (e) => events.publish(e), origin);
    const checker = simulatorChecker();
    const faults = new Faults(() => [...checker.operations.map((o) => o.id), ...NOTIFICATION_OPERATIONS, 'oauthToken']);
    const rateLimiter = new RateLimiter(clock);
    rateLimiter.configure(options.rateLimit);
    const auth = new Auth(clock, options.clients ?? [DEFAULT_CLIENT], {
        defaultAgentId: () => centre.defaultAgentId,
        findAgent: (idOrEmail) => {
            const wanted = idOrEmail.toLowerCase();
            const user =
                centre.users.get(idOrEmail) ??
                [...centre.users.values()].find((u) => u.agent.email.toLowerCase() === wanted);
            return user === undefined ? undefined : { id: user.agent.id, password: user.agent.password };
        }
    });
    const control = createControl({
        clock,
        centre: () => centre,
        reset: (seed) => {
            centre.dispose();
            events.clear();
            faults.clear();
            centre = new ContactCentre(clock, seed ?? initialSeed, (e) => events.publish(e), origin);
        },
        auth,
        events,
        faults,
        rateLimiter
    });
    const streams = new Set<ServerResponse>();
    const notifications = createNotifications({
        clock,
        auth,
        centre: () => centre,
        subscribe: (listener) => events.subscribe(listener),
        rateLimiter,
        faults,
        origin
    });

    async function apiRequest(req: IncomingMessage, url: string, rawBody: string): Promise<Reply> {
        const token = auth.authenticate(req.headers.authorization);
        const verdict = rateLimiter.hit(token.token);
        const limitHeaders = verdict === undefined ? {} : rateLimitHeaders(verdict);
        if (verdict !== undefined && !verdict.allowed)
            return tooManyRequests(verdict.resetSeconds, verdict.limit, limitHeaders);
        const body = parseJsonBody(req, rawBody);
        const check = checker.check({ method: req.method ?? 'GET', url, body });
        if (!check.ok) {
            if (check.status === 404) throw new SimError(404, 'not.found', check.message);
            throw new SimError(400, 'bad.request', check.message, {
                details: check.issues.map((i) => ({ errorCode: 'bad.request', fieldName: i.path }))
            });
        }
        const { operation } = check;
        const fault = faults.take(operation.id);
        const faulted = await applyFault(fault, operation.id);
        if (faulted !== undefined) return { ...faulted, headers: { ...limitHeaders, ...faulted.headers } };
        const handler = apiHandlers[operation.id];
        if (handler === undefined) {
            throw new SimError(501, 'not.implemented', `The simulator does not implement ${operation.id} yet`);
        }
        const result = handler({ centre, token, pathParams: check.pathParams, query: check.query, body });
        const reply: Reply = { status: operation.success, headers: limitHeaders, operation: operation.id };
        if (fault?.malformed === true) return { ...reply, raw: '{"id":"' };
        return operation.response === 'empty' ? reply : { ...reply, body: result };
    }

    /** A status fault answers at once; a delay waits on the clock, then the request proceeds. */
    async function applyFault(fault: FaultSpec | undefined, operation: string): Promise<Reply | undefined> {
        if (fault === undefined) return undefined;
        if (fault.delayMs !== undefined) await sleep(clock, fault.delayMs);
        if (fault.status === undefined) return undefined;
        if (fault.status === 429) {
            const retryAfter = fault.retryAfterSeconds ?? 1;
            return { ...tooManyRequests(retryAfter, 300, {}), operation };
        }
        const code = fault.code ?? defaultCode(fault.status);
        const message = fault.message ?? `Injected fault: ${operation} failed with ${fault.status}`;
        const headers: Record<string, string> =
            fault.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(fault.retryAfterSeconds) };
        return { status: fault.status, body: errorBody(fault.status, code, message), headers, operation };
    }

    async function tokenRequest(req: IncomingMessage, rawBody: string): Promise<Reply> {
        const fault = faults.take('oauthToken');
        const faulted = await applyFault(fault, 'oauthToken');
        if (faulted !== undefined) return faulted;
        const reply = auth.tokenRequest(req.headers.authorization, req.headers['content-type'], rawBody);
        if (fault?.malformed === true)
            return { status: reply.status, raw: '{"access_token":', operation: 'oauthToken' };
        return { ...reply, operation: 'oauthToken' };
    }

    function openStream(req: IncomingMessage, res: ServerResponse, url: URL): void {
        res.writeHead(200, {
            ...corsHeaders(req),
            'Content-Type': 'text/event-stream; charset=utf-8',
            'Cache-Control': 'no-cache',
            Connection: 'keep-alive'
        });
        const write = (event: SimEvent): void => {
            res.write(`id: ${event.eventId}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        };
        res.write('retry: 1000\n\n');
        const since = url.searchParams.get('since') ?? header(req, 'last-event-id');
        if (since !== undefined) control.events(since).forEach(write);
        const unsubscribe = control.subscribe(write);
        // Comment lines keep proxies and browsers from closing an idle stream; a transport concern, so real time.
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        ping.unref();
        streams.add(res);
        res.on('close', () => {
            clearInterval(ping);
            unsubscribe();
            streams.delete(res);
        });
    }

    async function route(req: IncomingMessage, res: ServerResponse): Promise<Reply | undefined> {
        const url = req.url ?? '/';
        const parsed = new URL(url, 'http://127.0.0.1');
        const method = req.method ?? 'GET';
        if (method === 'OPTIONS') return { status: 204 };
        if (method === 'GET' && parsed.pathname === '/__sim/events') {
            openStream(req, res, parsed);
            return undefined;
        }
        // Attachments: the presigned PUT (no token, its signature authorizes it) and the signed download.
        const upload = /^\/uploads\/([^/]+)$/.exec(parsed.pathname);
        if (upload !== null && method === 'PUT') {
            const bytes = await readBytes(req, MAX_MEDIA_BYTES);
            const media = centre.media.receiveUpload(
                decodeURIComponent(upload[1]),
                parsed.searchParams,
                header(req, 'content-type'),
                bytes
            );
            return { status: 200, headers: { ETag: `"${media.id}"` }, operation: 'uploadMedia' };
        }
        const download = /^\/media\/([^/]+)\/[^/]+$/.exec(parsed.pathname);
        if (download !== null && method === 'GET') {
            const media = centre.media.download(decodeURIComponent(download[1]), parsed.searchParams.get('signature'));
            const headers = { 'Content-Type': media.contentType, 'Content-Length': String(media.contentLengthBytes) };
            return { status: 200, bytes: media.bytes, headers, operation: 'downloadMedia' };
        }
        const rawBody = await readBody(req);
        if (parsed.pathname === '/oauth/token' && method === 'POST') return tokenRequest(req, rawBody);
        if (notifications.handles(parsed.pathname)) return notifications.handle(req, url, rawBody);
        if (parsed.pathname.startsWith('/api/v2/')) return apiRequest(req, url, rawBody);
        if (parsed.pathname.startsWith('/__sim/')) {
            return handleControl(control, method, url, parseJsonBody(req, rawBody));
        }
        throw new SimError(404, 'not.found', `No resource at ${method} ${parsed.pathname}`);
    }

    const server = createServer((req, res) => {
        const started = Date.now();
        route(req, res)
            .catch((error: unknown) => errorReply(error))
            .then((reply) => {
                if (reply === undefined) return;
                send(req, res, reply);
                options.log?.({
                    method: req.method ?? 'GET',
                    url: req.url ?? '/',
                    status: reply.status,
                    operation: reply.operation,
                    ms: Date.now() - started
                });
            })
            .catch(() => res.destroy());
    });
    server.on('upgrade', notifications.upgrade);

    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    baseUrl = `http://127.0.0.1:${port}`;

    return {
        url: `http://127.0.0.1:${port}`,
        port,
        clock,
        control,
        checker,
        notifications: notifications.control,
        close: async () => {
            centre.dispose();
            notifications.close();
            for (const stream of streams) stream.end();
            const closed = new Promise<void>((resolve) => server.close(() => resolve()));
            server.closeAllConnections();
            await closed;
        }
    };
}

function errorReply(error: unknown): Reply {
    if (error instanceof SimError) {
        const body = errorBodyFrom(error);
        return { status: error.status, body };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: errorBody(500, 'internal.server.error', `Simulator error: ${message}`) };
}

function rateLimitHeaders(v: RateLimitVerdict): Record<string, string> {
    return {
        'inin-ratelimit-count': String(v.count),
        'inin-ratelimit-allowed': String(v.limit),
        'inin-ratelimit-reset': String(v.resetSeconds)
    };
}

function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                reject(new SimError(413, 'request.entity.too.large', 'The request body is larger than 1 MB'));
                req.destroy();
            } else chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}

/** A binary body up to `limit` bytes; a larger one is read to its end (so the client gets the answer) and refused. */
function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limit) chunks.push(chunk);
        });
        req.on('end', () => {
            if (size > limit) {
                reject(new SimError(413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size'));
            } else resolve(Buffer.concat(chunks));
        });
        req.on('error', reject);
    });
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
    const contextId = (reply.body as Partial<ErrorBody> | undefined)?.contextId ?? randomUUID();
    const headers: Record<string, string> = { ...corsHeaders(req), 'ININ-Correlation-Id': contextId, ...reply.headers };
    if (reply.bytes !== undefined) {
        res.writeHead(reply.status, headers);
        res.end(reply.bytes);
        return;
    }
    const payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
    if (payload !== '') headers['Content-Type'] = 'application/json';
    res.writeHead(reply.status, headers);
    res.end(payload);
}

/** Browsers on a local page (the local console) may call the simulator directly; only loopback origins. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = header(req, 'origin');
    if (origin === undefined || !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin)) return {};
    return {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Last-Event-ID',
        'Access-Control-Expose-Headers': EXPOSED_HEADERS,
        Vary: 'Origin'
    };
}

function header(req: IncomingMessage, name: string): string | undefined {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
}
