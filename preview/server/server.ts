// The local console's server, on 127.0.0.1 only: the page, SLDS and the bundle; Apex (/__apex/Class.method and
// /services/apexrest/...) executed by the local org, Relay's own Apex with the platform's rules; records
// (/__records); Omni-Channel (/__omni); the customer panel (/__customer); and one event stream per browser
// (/__events: the page's events and lightning/empApi's). The contact-centre simulator runs in the same process,
// and so does the Relay Connector (connector.ts): it reads the simulator's notifications and posts the signed events
// to RelayEventResource as the integration user, with a token from /services/oauth2/token, as in production.
// Each browser signs in as one of the org's agents (a cookie); a second agent is a second browser context.
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createSimulator, type RequestLogEntry, type Simulator } from '../../simulator/src/server';
import { demoSeed } from '../../simulator/src/seed';
import { DEFAULT_CLIENT } from '../../simulator/src/auth';
import type { SeedData } from '../../simulator/src/model';
import { SimError } from '../../simulator/src/errors';
import { readObjectLabels, readPresenceStatuses, readServiceChannels } from '../lib/metadata';
import { DIST_DIR, PREVIEW_DIR, SLDS_ASSETS } from '../lib/paths';
import {
    LANGUAGES,
    LANGUAGE_COOKIE,
    consoleLanguage,
    type ConsoleLanguage,
    type LanguageCode
} from '../runtime/languages';
import { AsyncApexJobs } from './asyncApex';
import { BadRequest, customerApi } from './customer';
import { PlatformEventBus } from './eventBus';
import { OmniError, OmniSimulator } from './omni';
import { startWaitingConversations } from './demo';
import { CONSOLE_USERS, ConsoleOrg, type ConsoleUserKey } from './org';
import { SseStreams, type SseStream } from './sse';
import { PushTopicStreams, relayPushTopics } from './pushTopics';
import { CONSOLE_MY_DOMAIN, ClientCredentials, INVALID_SESSION } from './oauth';
import { handleSObjectCreate } from './sobjectRest';
import { MessagingConsole, MessagingRefusal } from './messaging';
import { startConsoleByoc, withMessagingQueue, type ConsoleByoc } from './byoc';
import { createConsoleSigningKey, startConsoleConnector, type ConsoleConnector } from './connector';

const MAX_BODY_BYTES = 1024 * 1024;
/** A 10 MB file and its multipart framing. */
const MAX_FILE_REQUEST_BYTES = 11 * 1024 * 1024;
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
    /** Waiting digital interactions in the inbox (preview/seed/demoInbox.apex); default: only with the demo seed. */
    demoInbox?: boolean;
    /** More SFDX projects deployed into the org (test fixtures). */
    extraProjects?: string[];
    /**
     * Bring Your Own Channel for CCaaS (preview/server/byoc.ts): the Genesys queue Messaging, whose conversations
     * open Messaging Sessions through the org's Interaction Service. Default off (it starts Prism and a Pub/Sub API).
     */
    byoc?: boolean;
}

export interface PreviewServer {
    url: string;
    port: number;
    sim: Simulator;
    /** The Relay Connector between the simulator and the org: the only way events reach the org. */
    connector: ConsoleConnector;
    /** The connector's External Client App (client credentials, run as the event bridge user). */
    integration: ClientCredentials;
    /** Every request the contact centre answered, oldest first, named by its contract operation. */
    received: RequestLogEntry[];
    /** The Salesforce org: Relay's Apex in the local org, with the console's users (`org.users`). */
    org: ConsoleOrg;
    bus: PlatformEventBus;
    /** The org's PushTopics turning committed changes into notifications (`settled()` waits for the pending ones). */
    pushTopics: PushTopicStreams;
    /** The open event streams (`count`: connections the browsers hold) and their empApi `subscriptions`. */
    streams: SseStreams;
    /** Bring Your Own Channel's Interaction Service proxy and Pub/Sub API, when started with `byoc`. */
    byoc: ConsoleByoc | undefined;
    /** Omni-Channel for a signed-in user (their presence and work). */
    omni(userId: string): OmniSimulator;
    /** Queueable jobs the Apex enqueued (tests move their clock, and the org's, with `jobs.advance(ms)`). */
    jobs: AsyncApexJobs;
    /** The console's sign-in cookie for a user, for a second browser context (`alex`, `blake`). */
    signInCookie(user: ConsoleUserKey): { name: string; value: string; url: string };
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

const USER_COOKIE = 'relay_user';

function cookieUser(req: IncomingMessage): ConsoleUserKey {
    const match = /(?:^|;\s*)relay_user=([a-z]+)/.exec(req.headers.cookie ?? '');
    const key = match?.[1];
    return key === 'blake' ? 'blake' : 'alex';
}

/** The browser's console language (the header's language menu sets the cookie); English by default. */
function cookieLanguage(req: IncomingMessage): ConsoleLanguage {
    return consoleLanguage(new RegExp(`(?:^|;\\s*)${LANGUAGE_COOKIE}=([a-z]+)`).exec(req.headers.cookie ?? '')?.[1]);
}

function escapeSoql(text: string): string {
    return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/%/g, '\\%').replace(/_/g, '\\_');
}

export async function startPreviewServer(options: PreviewServerOptions = {}): Promise<PreviewServer> {
    const log = options.log ?? ((line: string) => console.log(line));
    const distDir = options.distDir ?? DIST_DIR;
    const bus = new PlatformEventBus();
    const streams = new SseStreams(bus);
    const pageStreams = new Map<SseStream, string>();
    // The connector's key pair, new for each console: the private key stays with the connector, the org gets the
    // public key as the custom metadata record an admin would deploy (docs/connector.md, "Signing key").
    const signingKey = createConsoleSigningKey();
    const objectLabels = readObjectLabels();

    const server = http.createServer();
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 4173, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;

    const received: RequestLogEntry[] = [];
    const seed = options.byoc ? withMessagingQueue(options.seed ?? demoSeed()) : (options.seed ?? demoSeed());
    const demoInbox = options.demoInbox ?? options.seed === undefined;
    // The contact centre starts empty: its waiting conversations start once the org can receive their events.
    const sim = await createSimulator({
        port: 0,
        log: (entry) => received.push(entry),
        seed: { ...seed, conversations: [] }
    });
    const started: { org?: ConsoleOrg } = {};
    const byoc: { current?: ConsoleByoc } = {};
    const jobs = new AsyncApexJobs(
        (line) => log(line),
        undefined,
        (ms) => started.org?.client.advanceClock(ms)
    );
    const consoleOrg = await ConsoleOrg.start({
        sim,
        signingKeyRecord: signingKey.recordFile,
        extraProjects: options.extraProjects,
        log,
        onEvents: (events) => {
            for (const event of events) byoc.current?.forward(event.objectName, event.values);
            for (const event of events)
                bus.publish(
                    event.objectName,
                    Object.fromEntries(event.values),
                    event.values.get('CreatedById') as string | undefined
                );
        },
        onJobQueued: (jobId, className, delayMinutes) => {
            jobs.enqueue(className, delayMinutes, () => consoleOrg.client.runJob(jobId));
        }
    });
    started.org = consoleOrg;
    const orgId = String((await consoleOrg.query('SELECT Id FROM Organization'))[0]?.Id);
    // The connector's External Client App: client credentials, run as the integration user (Relay_Event_Publisher).
    const integration = new ClientCredentials(CONSOLE_MY_DOMAIN, orgId, consoleOrg.users.bridge);
    if (options.byoc) {
        byoc.current = await startConsoleByoc({
            org: consoleOrg,
            orgId,
            apiUserId: consoleOrg.users.bridge,
            tokenValid: (token) => integration.isValid(token),
            agents: new Map(
                (['alex', 'blake'] as const).map((key) => [CONSOLE_USERS[key].genesysAgentId, consoleOrg.users[key]])
            ),
            log
        });
        integration.onIssue = (token) => consoleOrg.client.acceptInteractionToken(token);
    }
    const userIdOf = (req: IncomingMessage): string => consoleOrg.users[cookieUser(req)];
    // Relay's PushTopic (RelayAgentSignals): each committed change of an agent's signal notifies the consoles of the
    // users who can read it, as the platform's PushTopic streaming does (pushTopics.ts).
    const pushTopics = new PushTopicStreams(relayPushTopics(), consoleOrg, bus, () => Object.values(consoleOrg.users));
    consoleOrg.onChanges((records) => {
        pushTopics
            .changes(records)
            .catch((error: unknown) => log(`preview: PushTopic notification failed: ${String(error)}`));
    });
    // The Apex speaks the user's language (User.LanguageLocaleKey: System.Label reads the translation files), so the
    // signed-in agent's language follows the console's; the seed makes every user en_US.
    const localeKeys: Record<LanguageCode, string> = { en: 'en_US', fr: 'fr', es: 'es' };
    const spoken = new Map<string, string>();
    const speakConsoleLanguage = async (req: IncomingMessage): Promise<string> => {
        const userId = userIdOf(req);
        const key = localeKeys[cookieLanguage(req).code];
        if ((spoken.get(userId) ?? 'en_US') !== key) {
            await consoleOrg.client.platformUpdate(userId, { LanguageLocaleKey: key });
            spoken.set(userId, key);
        }
        return userId;
    };

    // Omni-Channel's statuses and channels carry the org's own ids (Apex reads them from the org).
    const orgIds = async (objectName: string): Promise<Map<string, string>> =>
        new Map(
            (await consoleOrg.query(`SELECT Id, DeveloperName FROM ${objectName}`)).map((r) => [
                String(r.DeveloperName),
                String(r.Id)
            ])
        );
    const statusIds = await orgIds('ServicePresenceStatus');
    const channelIds = await orgIds('ServiceChannel');
    const statuses = readPresenceStatuses().map((s) => ({ ...s, id: statusIds.get(s.apiName) ?? s.id }));
    const channels = readServiceChannels().map((c) => ({ ...c, id: channelIds.get(c.developerName) ?? c.id }));
    const omnis = new Map<string, OmniSimulator>();
    const omniFor = (userId: string): OmniSimulator => {
        let omni = omnis.get(userId);
        if (!omni) {
            omni = new OmniSimulator(consoleOrg, statuses, channels, userId);
            omni.on('event', (event) => toPage('omni', event, userId));
            omnis.set(userId, omni);
        }
        return omni;
    };
    for (const userId of [consoleOrg.users.alex, consoleOrg.users.blake]) omniFor(userId);
    const customer = customerApi(sim.control);
    // A Bring Your Own Channel Messaging Session's page (the stand-in for Salesforce's conversation component).
    const messaging = new MessagingConsole(consoleOrg);
    consoleOrg.onChanges((records) => {
        for (const sessionId of MessagingConsole.sessionsChangedBy(records)) toPage('messaging', { sessionId });
        const endUsers = MessagingConsole.endUsersChangedBy(records);
        if (endUsers.size > 0) {
            messaging.sessionsOf(endUsers).then(
                (sessionIds) => sessionIds.forEach((sessionId) => toPage('messaging', { sessionId })),
                (error: unknown) =>
                    log(`preview: the sessions of changed end users could not be read: ${String(error)}`)
            );
        }
    });

    const toPage = (event: string, data: unknown, userId?: string): void => {
        for (const [stream, streamUser] of pageStreams) if (!userId || streamUser === userId) stream.send(event, data);
    };
    const stopSim = sim.control.subscribe((event) => {
        if (event.type.startsWith('conversation.'))
            toPage('customer', { type: event.type, conversationId: event.conversationId });
    });

    const indexHtml = (req: IncomingMessage): string => {
        const key = cookieUser(req);
        const user = { id: consoleOrg.users[key], name: CONSOLE_USERS[key].name, key };
        const language = cookieLanguage(req);
        const html = fs.readFileSync(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
        // `@salesforce/user/Id` in the page: the signed-in user, as the platform injects it; and the user's
        // language, which the custom labels and `@salesforce/i18n/*` read (preview/runtime/languages.ts).
        return html
            .replace(/<html lang="[^"]*">/, `<html lang="${language.lang}">`)
            .replace(
                '<script type="module"',
                `<script>window.__relayUser = ${JSON.stringify(user)}; window.__relayLanguage = ${JSON.stringify(language.code)};</script>\n        <script type="module"`
            );
    };

    const routes: {
        method: string;
        pattern: RegExp;
        handle: (req: IncomingMessage, res: ServerResponse, m: RegExpExecArray) => Promise<void> | void;
    }[] = [
        {
            method: 'GET',
            pattern: /^\/$/,
            handle: (req, res) => {
                res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
                res.end(indexHtml(req));
            }
        },
        {
            // Sign in as another of the org's agents (a second browser context in the tests).
            method: 'GET',
            pattern: /^\/__preview\/signin\/(alex|blake)$/,
            handle: (_q, res, m) => {
                res.writeHead(302, { location: '/', 'set-cookie': `${USER_COOKIE}=${m[1]}; Path=/; SameSite=Lax` });
                res.end();
            }
        },
        {
            // The header's language menu: the console in that language from the next load on (a year's cookie).
            method: 'GET',
            pattern: new RegExp(`^/__preview/language/(${LANGUAGES.map((l) => l.code).join('|')})$`),
            handle: (_q, res, m) => {
                res.writeHead(302, {
                    location: '/',
                    'set-cookie': `${LANGUAGE_COOKIE}=${m[1]}; Path=/; Max-Age=31536000; SameSite=Lax`
                });
                res.end();
            }
        },
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
                const outcome = await consoleOrg.client.invokeAura(
                    m[1],
                    await readJson(req),
                    await speakConsoleLanguage(req)
                );
                if (!outcome.ok && outcome.status >= 500) {
                    log(
                        `preview: Apex ${m[1]} failed: ${outcome.error.exceptionType}: ${outcome.error.message}\n${outcome.error.stackTrace ?? ''}`
                    );
                }
                // Like an Aura action, the HTTP exchange succeeds and the envelope says how the Apex went,
                // so a refused call is not a network error in the browser console.
                sendJson(
                    res,
                    200,
                    outcome.ok
                        ? { ok: true, status: 200, result: outcome.result }
                        : {
                              ok: false,
                              status: outcome.status,
                              body: { message: outcome.error.message, exceptionType: outcome.error.exceptionType }
                          }
                );
            }
        },
        {
            // lightning/recordPicker's search: records of one object whose name contains the term, as the user sees them.
            method: 'GET',
            pattern: /^\/__records$/,
            handle: async (req, res) => {
                const query = new URL(req.url ?? '/', url).searchParams;
                const limit = Math.min(Number(query.get('limit') ?? 10) || 10, 50);
                const object = query.get('objectApiName') ?? '';
                if (!/^[A-Za-z0-9_]+$/.test(object))
                    throw new HttpError(400, 'objectApiName must be an object API name');
                const term = `%${escapeSoql(query.get('q') ?? '')}%`;
                const nameField = object === 'Case' ? 'CaseNumber' : 'Name';
                const where =
                    object === 'Case' ? `CaseNumber LIKE '${term}' OR Subject LIKE '${term}'` : `Name LIKE '${term}'`;
                const rows = await consoleOrg.query(
                    `SELECT Id, ${nameField} FROM ${object} WHERE ${where} ORDER BY ${nameField} LIMIT ${limit}`,
                    userIdOf(req)
                );
                sendJson(res, 200, { records: rows.map((r) => ({ id: r.Id, name: r[nameField] })) });
            }
        },
        {
            method: 'GET',
            pattern: /^\/__records\/([A-Za-z0-9]{15,18})$/,
            handle: async (req, res, m) => {
                const record = await consoleOrg.client.record(m[1], userIdOf(req));
                const labels = record ? objectLabels[record.objectName] : undefined;
                if (record)
                    sendJson(res, 200, {
                        id: record.id,
                        sobject: record.objectName,
                        fields: record.fields,
                        label: labels?.label ?? record.objectName,
                        fieldLabels: labels?.fields ?? {}
                    });
                else sendJson(res, 404, { error: `No record with id ${m[1]}` });
            }
        },
        {
            // The browser's one stream (its tabs share it through a SharedWorker): page events for the cookie's
            // user, and the platform events its tabs subscribe to with the POST below (preview/server/sse.ts).
            method: 'GET',
            pattern: /^\/__events$/,
            handle: (req, res) => {
                const stream = streams.openStream(req, res, userIdOf(req));
                pageStreams.set(stream, userIdOf(req));
                stream.onClose(() => pageStreams.delete(stream));
            }
        },
        {
            method: 'POST',
            pattern: /^\/__events\/([A-Za-z0-9_-]+)$/,
            handle: async (req, res, m) => {
                const answer = streams.control(m[1], await readJson(req));
                sendJson(res, answer.status, answer.body);
            }
        },
        {
            method: 'GET',
            pattern: /^\/__omni\/state$/,
            handle: (req, res) => sendJson(res, 200, omniState(omniFor(userIdOf(req))))
        },
        {
            method: 'GET',
            pattern: /^\/__omni\/status$/,
            handle: (req, res) => sendJson(res, 200, omniFor(userIdOf(req)).status())
        },
        {
            method: 'POST',
            pattern: /^\/__omni\/status$/,
            handle: async (req, res) => {
                const { statusId } = await readJson(req);
                sendJson(res, 200, omniFor(userIdOf(req)).setStatus(typeof statusId === 'string' ? statusId : ''));
            }
        },
        {
            method: 'POST',
            pattern: /^\/__omni\/logout$/,
            handle: (req, res) => sendJson(res, 200, omniFor(userIdOf(req)).logout())
        },
        {
            method: 'GET',
            pattern: /^\/__omni\/works$/,
            handle: (req, res) => sendJson(res, 200, { works: omniFor(userIdOf(req)).works() })
        },
        {
            method: 'GET',
            pattern: /^\/__messaging\/sessions\/([A-Za-z0-9]+)$/,
            handle: async (req, res, m) => sendJson(res, 200, await messaging.session(m[1], userIdOf(req)))
        },
        {
            method: 'POST',
            pattern: /^\/__messaging\/sessions\/([A-Za-z0-9]+)\/messages$/,
            handle: async (req, res, m) => {
                const body = await readJson(req);
                await messaging.send(m[1], userIdOf(req), typeof body.text === 'string' ? body.text : '');
                sendJson(res, 200, { sent: true });
            }
        },
        {
            method: 'POST',
            pattern: /^\/__messaging\/sessions\/([A-Za-z0-9]+)\/transfer$/,
            handle: async (req, res, m) => {
                const body = await readJson(req);
                await messaging.transfer(m[1], userIdOf(req), typeof body.queueId === 'string' ? body.queueId : '');
                sendJson(res, 200, { requested: true });
            }
        },
        {
            method: 'POST',
            pattern: /^\/__messaging\/sessions\/([A-Za-z0-9]+)\/end$/,
            handle: async (req, res, m) => {
                await messaging.end(m[1], userIdOf(req));
                sendJson(res, 200, { ended: true });
            }
        },
        {
            method: 'POST',
            pattern: /^\/__omni\/works\/([A-Za-z0-9]+)\/(accept|decline|close)$/,
            handle: async (req, res, m) => {
                const omni = omniFor(userIdOf(req));
                const id = m[1];
                sendJson(
                    res,
                    200,
                    m[2] === 'accept'
                        ? await omni.accept(id)
                        : m[2] === 'decline'
                          ? await omni.decline(id)
                          : await omni.closeWork(id)
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
            handle: (req, res) => {
                const key = cookieUser(req);
                sendJson(res, 200, {
                    userId: consoleOrg.users[key],
                    userName: CONSOLE_USERS[key].name,
                    users: consoleOrg.users,
                    simulatorUrl: sim.url
                });
            }
        }
    ];

    function omniState(omni: OmniSimulator) {
        return {
            status: omni.isOnline() ? omni.status() : null,
            statuses: omni.statuses,
            works: omni.works()
        };
    }

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const pathname = new URL(req.url ?? '/', url).pathname;
        if (pathname === '/services/oauth2/token' && req.method === 'POST') {
            const answer = await integration.token(new URLSearchParams((await readBody(req)).toString('utf8')));
            sendJson(res, answer.status, answer.body);
            return;
        }
        const api = pathname.startsWith('/services/data/') || pathname.startsWith('/services/apexrest/');
        // Salesforce answers a request without a valid session before anything of the org runs.
        const runAs = api ? integration.userFor(req.headers.authorization) : undefined;
        if (api && runAs === undefined) {
            sendJson(res, 401, INVALID_SESSION);
            return;
        }
        if (runAs !== undefined && pathname.startsWith('/services/data/')) {
            // The REST API's record create, as the connector saves a customer's file (a ContentVersion, multipart).
            const answer = await handleSObjectCreate(req, pathname, runAs, consoleOrg.client, MAX_FILE_REQUEST_BYTES);
            if (answer !== undefined) {
                sendJson(res, answer.status, answer.body);
                return;
            }
        }
        if (runAs !== undefined && pathname.startsWith('/services/apexrest/')) {
            const reply = await consoleOrg.client.invokeRest(
                {
                    method: req.method ?? 'GET',
                    path: pathname.slice('/services/apexrest'.length),
                    headers: Object.fromEntries(
                        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')])
                    ),
                    params: Object.fromEntries(new URL(req.url ?? '/', url).searchParams),
                    body: new Uint8Array(await readBody(req))
                },
                runAs
            );
            if (reply.status >= 400)
                log(
                    `preview: ${req.method ?? ''} ${pathname} -> ${reply.status} ${Buffer.from(reply.body).toString('utf8')}`
                );
            res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
            res.end(Buffer.from(reply.body));
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
                error instanceof HttpError || error instanceof BadRequest || error instanceof MessagingRefusal
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
            } else if (status < 500 && /^\/__(omni|customer|messaging)\//.test(req.url ?? '')) {
                // A refusal the page expects (Omni-Channel offline, an unknown queue): an answer, not a failed
                // request, so the browser console stays as quiet as the org's.
                res.setHeader(REFUSED_HEADER, String(status));
                sendJson(res, 200, { error: message });
            } else {
                sendJson(res, status, { error: message });
            }
        });
    });

    // The connector listens before anything happens in the contact centre, so every event reaches the org through it.
    const connector = await startConsoleConnector({
        genesysUrl: sim.url,
        genesysClient: { id: DEFAULT_CLIENT.clientId, secret: DEFAULT_CLIENT.clientSecret },
        queueIds: seed.queues.map((q) => q.id),
        userIds: seed.agents.map((a) => a.id),
        orgUrl: url,
        orgId,
        salesforceClient: { id: integration.clientId, secret: integration.clientSecret },
        signingKey,
        ...(byoc.current ? { extraSettings: byoc.current.settings } : {}),
        log
    });
    await connector.ready;
    await startWaitingConversations(sim, consoleOrg, connector, seed, demoInbox);

    let closing: Promise<void> | undefined;
    return {
        url,
        port,
        sim,
        connector,
        integration,
        received,
        org: consoleOrg,
        bus,
        pushTopics,
        streams,
        byoc: byoc.current,
        omni: omniFor,
        jobs,
        signInCookie: (user) => ({ name: USER_COOKIE, value: user, url }),
        close() {
            closing ??= (async () => {
                stopSim();
                jobs.close();
                // The connector first: it stops posting events to this server before this server goes.
                await connector.close();
                await byoc.current?.close();
                await sim.close();
                for (const omni of omnis.values()) omni.close();
                for (const s of [...streams]) s.close();
                await consoleOrg.close();
                await new Promise<void>((resolve) => {
                    server.close(() => resolve());
                    server.closeAllConnections();
                });
            })();
            return closing;
        }
    };
}
