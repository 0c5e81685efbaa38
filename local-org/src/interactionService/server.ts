// The local org's Interaction Service over HTTP, on 127.0.0.1, under the spec's server path /api/v1. Each request
// is checked as the service checks it (the headers the spec requires; the bearer token; OrgId, "used to verify the
// request against the auth token"; AuthorizationContext, the channel definition the token may act for) and runs as
// one transaction of the org as the API user: an error rolls back everything the request wrote.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalOrg } from '../org/org';
import { id15, setUp, type ChannelSettings, type InteractionServiceOptions, type ServiceContext } from './context';
import { patchConsent, postInteraction, type Attachment, type InteractionJson } from './conversation';
import { ERRORS, InteractionApiError } from './errors';
import { boundaryOf, parseMultipart } from './multipart';
import { postMessagingSession } from './messagingSession';
import { deleteRoute, postAgentWork, postRoute, postRoutingResult } from './routing';

export const API_PREFIX = '/api/v1';

export interface InteractionService {
    /** The base URL (RELAY_SF_INTERACTION_URL): requests go to `<url>/api/v1/...`. */
    readonly url: string;
    /** The token to send, or null when the service accepts `acceptedTokens` (issued elsewhere). */
    readonly accessToken: string | null;
    /** The channels it serves, as given (the agent's message reads their outbound event settings). */
    readonly channels: readonly ChannelSettings[];
    /** Each channel's MessagingChannel Id, by channel address identifier. */
    readonly channelIds: ReadonlyMap<string, string>;
    stop(): Promise<void>;
}

type Handler = (context: ServiceContext, body: Buffer, contentType: string | undefined) => unknown;

const json = (body: Buffer): never => JSON.parse(body.toString('utf8')) as never;

// Every operation answers 202 but PATCH /consent and POST /messagingSession (200), as the spec's responses say.
const ROUTES: Record<string, { status: number; handle: Handler }> = {
    'POST /interactions': { status: 202, handle: interactions },
    'PATCH /consent': { status: 200, handle: (c, b) => patchConsent(c, json(b)) },
    'POST /route': { status: 202, handle: (c, b) => postRoute(c, json(b)) },
    'DELETE /route': { status: 202, handle: (c, b) => deleteRoute(c, json(b)) },
    'POST /agentWork': { status: 202, handle: (c, b) => postAgentWork(c, json(b)) },
    'POST /routingResult': { status: 202, handle: (c, b) => postRoutingResult(c, json(b)) },
    'POST /messagingSession': { status: 200, handle: (c, b) => postMessagingSession(c, json(b)) }
};

function interactions(context: ServiceContext, body: Buffer, contentType: string | undefined): unknown {
    const boundary = boundaryOf(contentType);
    if (boundary === null) throw ERRORS.header();
    const parts = parseMultipart(body, boundary);
    const part = parts.find((p) => p.name === 'json');
    if (!part) throw ERRORS.parameters("The request has no 'json' part.");
    const files: Attachment[] = parts
        .filter((p) => p.name === 'attachments')
        .map((p) => ({
            filename: p.filename ?? 'attachment',
            contentType: p.contentType ?? 'application/octet-stream',
            data: new Uint8Array(p.data)
        }));
    return postInteraction(context, json(part.data) as InteractionJson, files);
}

/** Starts the service for `org` (see InteractionServiceOptions); stop() closes it. */
export async function startInteractionService(
    org: LocalOrg,
    options: InteractionServiceOptions
): Promise<InteractionService> {
    const base = setUp(org, options);
    const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => answer(req, res, Buffer.concat(chunks)));
    });

    function answer(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
        const path = (req.url ?? '/').split('?')[0];
        const route = ROUTES[`${req.method ?? 'GET'} ${path.slice(API_PREFIX.length)}`];
        let status = 500;
        let result: unknown;
        try {
            if (!path.startsWith(`${API_PREFIX}/`) || !route) throw ERRORS.notFound(path);
            const context: ServiceContext = { ...base, authorizationContext: authenticate(req) };
            result = org.executor.transaction({ userId: base.userId }, () =>
                route.handle(context, body, req.headers['content-type'])
            );
            status = route.status;
        } catch (error) {
            const known = error instanceof InteractionApiError ? error : null;
            status = known?.status ?? 500;
            const detail = known?.body ?? {
                code: 500,
                message: 'An internal server error occured. Please contact Salesforce Support.'
            };
            if (!known) console.error('interaction service:', error);
            // PATCH /consent's default answer is its ConsentResponse, with the Error inside.
            result = path === `${API_PREFIX}/consent` ? { success: false, errorDetail: detail } : detail;
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
    }

    function authenticate(req: IncomingMessage): string {
        const header = (name: string) => {
            const value = req.headers[name.toLowerCase()];
            return typeof value === 'string' && value !== '' ? value : null;
        };
        const context = header('AuthorizationContext');
        if (!header('RequestId') || !header('OrgId') || context === null) throw ERRORS.header();
        const token = /^Bearer (.+)$/.exec(header('Authorization') ?? '')?.[1];
        if (token === undefined || !base.accepts(token)) throw ERRORS.invalidToken();
        // "<Salesforce Org ID> is the 15-character Org ID" (Interaction Service API reference); 18 is accepted too.
        if (id15(header('OrgId')!) !== id15(org.orgId)) throw ERRORS.invalidToken();
        if (!base.channels.some((c) => c.settings.authorizationContext === context)) throw ERRORS.wrongContext();
        return context;
    }

    server.listen(options.port ?? 0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        accessToken: base.accessToken,
        channels: options.channels,
        channelIds: new Map(base.channels.map((c) => [c.settings.channelAddressIdentifier, c.record.id])),
        stop: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            })
    };
}
