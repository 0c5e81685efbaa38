// The local console's server, on 127.0.0.1 only: the page, SLDS and the bundle; preview Apex
// (/__apex/Class.method and /services/apexrest/...); platform events for lightning/empApi (/__emp);
// records (/__records); Omni-Channel (/__omni); the customer panel (/__customer); and the page's event
// stream (/__events). The contact-centre simulator runs in the same process; its signed events are
// posted to the preview of RelayEventResource, exactly as Genesys' event bridge posts them to the org.
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createSimulator, type Simulator } from '../../simulator/src/server';
import { demoSeed } from '../../simulator/src/seed';
import type { SeedData } from '../../simulator/src/model';
import { SimError } from '../../simulator/src/errors';
import { DEMO_USER_ID, DEMO_USER_NAME } from '../lib/demo';
import { labelText, readLabels } from '../lib/labels';
import { readObjectLabels, readPresenceStatuses, readServiceChannels } from '../lib/metadata';
import { DIST_DIR, PREVIEW_DIR, SLDS_ASSETS } from '../lib/paths';
import type { ApexClassPreview } from '../apex/types';
import { ApexDispatcher } from './apexDispatcher';
import { AsyncApexJobs } from './asyncApex';
import { BadRequest, customerApi } from './customer';
import { PlatformEventBus } from './eventBus';
import { GenesysClient } from './genesysClient';
import { OmniError, OmniSimulator } from './omni';
import { seedDemoInbox, seedOrg, searchRecords, type OrgIds } from './orgSeed';
import { RecordStore } from './recordStore';
import { openSse, type SseStream } from './sse';

export const USER_NAMED_CREDENTIAL = 'Relay_Genesys_Cloud';
export const SERVICE_NAMED_CREDENTIAL = 'Relay_Genesys_Cloud_Service';
export const MEDIA_NAMED_CREDENTIAL = 'Relay_Genesys_Media';
const EVENTS_PATH = '/services/apexrest/relay/v1/events';
const MAX_BODY_BYTES = 1024 * 1024;
/** Marks a refused /__omni or /__customer call (its value is the HTTP status it stands for). */
export const REFUSED_HEADER = 'x-preview-refused';
const PUBLIC_DIR = path.join(PREVIEW_DIR, 'public');
const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.map': 'application/json',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.png': 'image/png'
};

export interface PreviewServerOptions {
    /** Default 4173; 0 picks a free port. */
    port?: number;
    /** The built bundle (preview/dist). */
    distDir?: string;
    /** The simulator's seed; default the demo seed with its waiting conversations. */
    seed?: SeedData;
    log?: (line: string) => void;
    /** The preview Apex classes; default every class in preview/apex (tests add fixtures). */
    apexClasses?: ApexClassPreview[];
    /** Waiting digital interactions in the inbox (orgSeed.ts DEMO_INBOX); default: only with the demo seed. */
    demoInbox?: boolean;
}

export interface PreviewServer {
    url: string;
    port: number;
    sim: Simulator;
    store: RecordStore;
    bus: PlatformEventBus;
    omni: OmniSimulator;
    genesys: GenesysClient;
    apex: ApexDispatcher;
    /** Queueable jobs preview Apex enqueued (tests move their clock with `jobs.advance(ms)`). */
    jobs: AsyncApexJobs;
    /** The org's queues (by DeveloperName) and the demo accounts, contacts, leads and cases. */
    org: OrgIds;
    close(): Promise<void>;
}

class HttpError extends Error {
    constructor(
        readonly status: number,
        message: string
    ) {
        super(message);
    }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
                reject(new HttpError(413, 'Request body too large'));
                req.destroy();
            } else chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const raw = (await readBody(req)).toString('utf8');
    if (raw.trim() === '') return {};
    try {
        const value = JSON.parse(raw) as unknown;
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
            return value as Record<string, unknown>;
    } catch {
        // reported below
    }
    throw new HttpError(400, 'The body must be a JSON object');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
}

function serveFile(res: ServerResponse, root: string, relative: string): void {
    const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
    if (!file.startsWith(root + path.sep)) {
        sendJson(res, 403, { error: 'Forbidden' });
        return;
    }
    fs.readFile(file, (error, content) => {
        if (error) {
            sendJson(res, 404, { error: `Not found: ${relative}` });
            return;
        }
        res.writeHead(200, {
            'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
            // The bundle changes with every build; SLDS never does.
            'cache-control': root === SLDS_ASSETS ? 'max-age=3600' : 'no-store'
        });
        res.end(content);
    });
}

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
    const log = options.log ?? ((line: string) => console.log(line));
    const distDir = options.distDir ?? DIST_DIR;
    const labels = readLabels();
    const store = new RecordStore();
    const bus = new PlatformEventBus(DEMO_USER_ID);
    const omni = new OmniSimulator(store, readPresenceStatuses(), readServiceChannels(), DEMO_USER_ID);
    const streams = new Set<SseStream>();
    const pageStreams = new Set<SseStream>();
    const signingSecret = randomBytes(32).toString('hex');
    const objectLabels = readObjectLabels();

    store.insert('User', { Name: DEMO_USER_NAME, IsActive: true }, DEMO_USER_ID);
    // The org default of the Relay Settings custom setting, as an admin fills it in Setup.
    store.insert('Relay_Settings__c', { Name: 'Relay Settings', Signing_Secret__c: signingSecret });
    const org = seedOrg(store);
    if (options.demoInbox ?? options.seed === undefined) seedDemoInbox(store, org.queues);

    const server = http.createServer();
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 4173, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;

    const sim = await createSimulator({
        port: 0,
        seed: options.seed ?? demoSeed(),
        webhook: { url: `${url}${EVENTS_PATH}`, secret: signingSecret }
    });
    const tokens = new Map<string, string>();
    const defaultAgentId = sim.control.state().defaultAgentId;
    const genesys = new GenesysClient({
        baseUrl: sim.url,
        // What the External Credentials add: the agent's own token, or the integration's (client credentials).
        authorization: (namedCredential) => {
            if (namedCredential !== USER_NAMED_CREDENTIAL && namedCredential !== SERVICE_NAMED_CREDENTIAL) {
                throw new Error(`Unknown Named Credential ${namedCredential}`);
            }
            let token = tokens.get(namedCredential);
            if (!token) {
                token = sim.control.issueToken(defaultAgentId).access_token;
                tokens.set(namedCredential, token);
            }
            return `Bearer ${token}`;
        }
    });
    const jobs = new AsyncApexJobs((line) => log(line));
    const apex = new ApexDispatcher(
        {
            userId: DEMO_USER_ID,
            store,
            bus,
            genesys,
            label: (name) => labelText(name, labels),
            now: () => new Date(),
            jobs,
            // The Named Credential Relay_Genesys_Media: the simulator's origin, where its media are served.
            callout: async (namedCredential, pathAndQuery, maxBytes) => {
                if (namedCredential !== MEDIA_NAMED_CREDENTIAL) {
                    throw new Error(`Unknown Named Credential ${namedCredential}`);
                }
                const response = await fetch(new URL(pathAndQuery, sim.url), { signal: AbortSignal.timeout(20000) });
                const body = Buffer.from(await response.arrayBuffer());
                if (body.length > maxBytes) throw new Error(`The file is larger than ${maxBytes} bytes.`);
                return { status: response.status, body };
            }
        },
        options.apexClasses,
        (line) => log(line)
    );
    const customer = customerApi(sim.control);

    const toPage = (event: string, data: unknown): void => {
        for (const s of pageStreams) s.send(event, data);
    };
    omni.on('event', (event) => toPage('omni', event));
    const stopSim = sim.control.subscribe((event) => {
        if (event.type.startsWith('conversation.'))
            toPage('customer', { type: event.type, conversationId: event.conversationId });
    });

    const routes: {
        method: string;
        pattern: RegExp;
        handle: (req: IncomingMessage, res: ServerResponse, m: RegExpExecArray) => Promise<void> | void;
    }[] = [
        { method: 'GET', pattern: /^\/$/, handle: (_q, res) => serveFile(res, PUBLIC_DIR, 'index.html') },
        { method: 'GET', pattern: /^\/preview\.css$/, handle: (_q, res) => serveFile(res, PUBLIC_DIR, 'preview.css') },
        { method: 'GET', pattern: /^\/dist\/(.+)$/, handle: (_q, res, m) => serveFile(res, distDir, m[1]) },
        {
            method: 'GET',
            pattern: /^\/slds\/(.+)$/,
            handle: (_q, res, m) => serveFile(res, SLDS_ASSETS, m[1])
        },
        {
            method: 'POST',
            pattern: /^\/__apex\/([A-Za-z0-9_]+\.[A-Za-z0-9_]+)$/,
            handle: async (req, res, m) => {
                const outcome = await apex.invoke(m[1], await readJson(req));
                // Like an Aura action, the HTTP exchange succeeds and the envelope says how the Apex went,
                // so a refused call is not a network error in the browser console.
                sendJson(res, 200, { ok: outcome.status === 200, status: outcome.status, ...outcome.payload });
            }
        },
        {
            // lightning/recordPicker's search: records of one object whose name contains the term.
            method: 'GET',
            pattern: /^\/__records$/,
            handle: (req, res) => {
                const query = new URL(req.url ?? '/', url).searchParams;
                const limit = Math.min(Number(query.get('limit') ?? 10) || 10, 50);
                sendJson(res, 200, {
                    records: searchRecords(store, query.get('objectApiName') ?? '', query.get('q') ?? '', limit)
                });
            }
        },
        {
            method: 'GET',
            pattern: /^\/__records\/([A-Za-z0-9]{15,18})$/,
            handle: (_q, res, m) => {
                const record = store.get(m[1]);
                const labels = record ? objectLabels[record.sobject] : undefined;
                if (record)
                    sendJson(res, 200, {
                        ...record,
                        label: labels?.label ?? record.sobject,
                        fieldLabels: labels?.fields ?? {}
                    });
                else sendJson(res, 404, { error: `No record with id ${m[1]}` });
            }
        },
        {
            method: 'GET',
            pattern: /^\/__emp$/,
            handle: (req, res) => {
                const query = new URL(req.url ?? '/', url).searchParams;
                const channel = query.get('channel') ?? '';
                // A reconnecting EventSource resends the last id it got: replay from there, as durable replay does.
                const lastEventId = Number(req.headers['last-event-id'] ?? Number.NaN);
                const replayId = Number.isFinite(lastEventId) ? lastEventId : Number(query.get('replayId') ?? -1);
                const stream = openSse(req, res, streams);
                stream.send('subscribed', { channel, replayId });
                for (const m of bus.replay(channel, replayId)) stream.send('event', m, m.data.event.replayId);
                stream.onClose(bus.subscribe(channel, (m) => stream.send('event', m, m.data.event.replayId)));
            }
        },
        {
            method: 'GET',
            pattern: /^\/__events$/,
            handle: (req, res) => {
                const stream = openSse(req, res, streams);
                pageStreams.add(stream);
                stream.onClose(() => pageStreams.delete(stream));
            }
        },
        { method: 'GET', pattern: /^\/__omni\/state$/, handle: (_q, res) => sendJson(res, 200, omniState()) },
        { method: 'GET', pattern: /^\/__omni\/status$/, handle: (_q, res) => sendJson(res, 200, omni.status()) },
        {
            method: 'POST',
            pattern: /^\/__omni\/status$/,
            handle: async (req, res) => {
                const { statusId } = await readJson(req);
                sendJson(res, 200, omni.setStatus(typeof statusId === 'string' ? statusId : ''));
            }
        },
        { method: 'POST', pattern: /^\/__omni\/logout$/, handle: (_q, res) => sendJson(res, 200, omni.logout()) },
        {
            method: 'GET',
            pattern: /^\/__omni\/works$/,
            handle: (_q, res) => sendJson(res, 200, { works: omni.works() })
        },
        {
            method: 'POST',
            pattern: /^\/__omni\/works\/([A-Za-z0-9]+)\/(accept|decline|close)$/,
            handle: (_q, res, m) => {
                const id = m[1];
                sendJson(
                    res,
                    200,
                    m[2] === 'accept' ? omni.accept(id) : m[2] === 'decline' ? omni.decline(id) : omni.closeWork(id)
                );
            }
        },
        {
            method: 'GET',
            pattern: /^\/__customer\/queues$/,
            handle: (_q, res) => sendJson(res, 200, customer.queues())
        },
        {
            method: 'GET',
            pattern: /^\/__customer\/conversations$/,
            handle: (_q, res) => sendJson(res, 200, customer.conversations())
        },
        {
            method: 'POST',
            pattern: /^\/__customer\/conversations$/,
            handle: async (req, res) => sendJson(res, 201, customer.start(await readJson(req)))
        },
        {
            method: 'POST',
            pattern: /^\/__customer\/conversations\/([^/]+)\/messages$/,
            handle: async (req, res, m) =>
                sendJson(res, 201, customer.reply(decodeURIComponent(m[1]), await readJson(req)))
        },
        {
            method: 'POST',
            pattern: /^\/__customer\/conversations\/([^/]+)\/disconnect$/,
            handle: (_q, res, m) => sendJson(res, 200, customer.disconnect(decodeURIComponent(m[1])))
        },
        {
            method: 'GET',
            pattern: /^\/__preview\/info$/,
            handle: (_q, res) =>
                sendJson(res, 200, { userId: DEMO_USER_ID, simulatorUrl: sim.url, apexMethods: apex.methods() })
        }
    ];

    function omniState() {
        return {
            status: omni.isOnline() ? omni.status() : null,
            statuses: omni.statuses,
            works: omni.works()
        };
    }

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const pathname = new URL(req.url ?? '/', url).pathname;
        if (pathname.startsWith('/services/apexrest/')) {
            const response = await apex.rest(req.method ?? 'GET', pathname.slice('/services/apexrest'.length), {
                method: req.method ?? 'GET',
                headers: Object.fromEntries(
                    Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])
                ),
                body: await readBody(req)
            });
            if (!response) {
                sendJson(res, 404, [{ errorCode: 'NOT_FOUND', message: 'Could not find a match for URL' }]);
                return;
            }
            if (response.statusCode >= 400)
                log(`preview: ${req.method ?? ''} ${pathname} -> ${response.statusCode} ${response.body}`);
            res.writeHead(response.statusCode, { 'content-type': 'application/json' });
            res.end(response.body);
            return;
        }
        for (const route of routes) {
            const match = route.pattern.exec(pathname);
            if (match && route.method === req.method) {
                await route.handle(req, res, match);
                return;
            }
        }
        sendJson(res, 404, { error: `Not found: ${req.method ?? ''} ${pathname}` });
    }

    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        handle(req, res).catch((error: unknown) => {
            const status =
                error instanceof HttpError || error instanceof BadRequest
                    ? error.status
                    : error instanceof SimError
                      ? error.status
                      : error instanceof OmniError
                        ? 409
                        : 500;
            if (status === 500) log(`preview: ${req.method ?? ''} ${req.url ?? ''} failed: ${String(error)}`);
            const message = error instanceof Error ? error.message : String(error);
            if (res.headersSent) {
                res.end();
            } else if (status < 500 && /^\/__(omni|customer)\//.test(req.url ?? '')) {
                // A refusal the page expects (Omni-Channel offline, an unknown queue): an answer, not a failed
                // request, so the browser console stays as quiet as the org's.
                res.setHeader(REFUSED_HEADER, String(status));
                sendJson(res, 200, { error: message });
            } else {
                sendJson(res, status, { error: message });
            }
        });
    });

    let closing: Promise<void> | undefined;
    return {
        url,
        port,
        sim,
        store,
        bus,
        omni,
        genesys,
        apex,
        jobs,
        org,
        close() {
            closing ??= (async () => {
                stopSim();
                jobs.close();
                // The simulator first: it stops posting events to this server before this server goes.
                await sim.close();
                omni.close();
                for (const s of [...streams]) s.close();
                await new Promise<void>((resolve) => {
                    server.close(() => resolve());
                    server.closeAllConnections();
                });
            })();
            return closing;
        }
    };
}
