// A stand-in for the org on 127.0.0.1: the OAuth token endpoint (client credentials) and Relay's event endpoint
// with the checks RelayEventResource makes (bearer token, signature over timestamp + "." + body verified with the
// public key of the key id the request names, dedupe on eventId: 202 accepted, then 200 duplicate). The signature is
// checked here independently of the connector's code.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A test (t.after) or a suite ({ after } from node:test): where the server's close is registered. */
export interface Cleanup {
    after(fn: () => unknown): void;
}

export const ORG_ID = '00D5g000000AbCdEAK';
export const SF_CLIENT_ID = 'relay-connector-test';
export const SF_CLIENT_SECRET = 'relay-connector-test-secret';
// A TEST VECTOR, never a deployed key: the P-256 key pair RelayEventTestSupport.cls calls test key A, generated once
// with Node's crypto. It is public in this repository, so no org may hold a record with this public key.
export const SIGNING_KEY_ID = 'Relay_Test_Key_A';
export const SIGNING_PRIVATE_KEY_PEM = [
    '-----BEGIN PRIVATE KEY-----',
    'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgIdFrtIYp4AuUvR8k',
    'poNPvT3YE7qOrqWSP9O8TrrPQAehRANCAATcIe13oOs2W2PSzorDYTyG1m2WeXnh',
    'CgEW0gGwVPUfvT2emgeO3hIqpzoSf5s/ojgoqrCGMwmRe6XB8l8WsMBP',
    '-----END PRIVATE KEY-----',
    ''
].join('\n');
/** Base64 of the SubjectPublicKeyInfo DER, as in the org record's Public_Key__c. */
export const SIGNING_PUBLIC_KEY =
    'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3CHtd6DrNltj0s6Kw2E8htZtlnl54QoBFtIBsFT1H709npoHjt4SKqc6En+bP6I4KKqwhjMJkXulwfJfFrDATw==';

let keyFile: string | undefined;

/** A file holding the test private key (mode 0600), written once per test process. */
export function signingKeyFile(): string {
    if (keyFile === undefined) {
        keyFile = join(mkdtempSync(join(tmpdir(), 'relay-connector-key-')), 'signing-key.pem');
        writeFileSync(keyFile, SIGNING_PRIVATE_KEY_PEM, { mode: 0o600 });
    }
    return keyFile;
}

/** A public key given as the org holds it (base64 SubjectPublicKeyInfo DER). */
export function publicKeyOf(base64: string): KeyObject {
    return createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
}
export const EVENTS_PATH = '/services/apexrest/relay/v1/events';

export interface Received {
    eventId: string;
    type: string;
    conversationId: string;
    body: Record<string, unknown>;
    userAgent: string;
    token: string;
}

/** What the endpoint answers one request with; undefined: Relay's normal answer. */
export type Script = (
    request: Received,
    nth: number
) => { status: number; body: unknown; headers?: Record<string, string> } | 'hold' | undefined;

export interface CreatedFile {
    id: string;
    fields: Record<string, unknown>;
    fileName: string;
    contentType: string;
    bytes: Buffer;
}

/** The parts of a multipart/form-data body (RFC 7578), read independently of the connector's writer. */
function multipartParts(body: Buffer, contentType: string): { headers: string; data: Buffer }[] {
    const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
    if (boundary === undefined) throw new Error('no boundary');
    const delimiter = Buffer.from(`--${boundary}`);
    const parts: { headers: string; data: Buffer }[] = [];
    let at = body.indexOf(delimiter);
    while (at >= 0) {
        const start = at + delimiter.length;
        if (body.subarray(start, start + 2).toString() === '--') break;
        const next = body.indexOf(delimiter, start);
        if (next < 0) throw new Error('unterminated multipart body');
        const part = body.subarray(start + 2, next - 2);
        const split = part.indexOf('\r\n\r\n');
        parts.push({ headers: part.subarray(0, split).toString('utf8'), data: part.subarray(split + 4) });
        at = next;
    }
    return parts;
}

export interface FakeSalesforce {
    url: string;
    tokenUrl: string;
    /** Events accepted (202), in arrival order: each eventId at most once. */
    accepted: Received[];
    /** Every event request that passed authentication and signature checks, duplicates included. */
    requests: Received[];
    /** Refused requests with the reason, e.g. "invalid_signature". */
    refusals: string[];
    /** The org's active signing keys: public key by key id (the record's DeveloperName). Test key A to start with. */
    keys: Map<string, KeyObject>;
    tokensIssued: number;
    script: Script | undefined;
    /** ContentVersions created through the REST API (multipart), in order. */
    files: CreatedFile[];
    /** What the ContentVersion create answers the nth request with (1-based); undefined: 201 created. */
    fileScript: ((nth: number) => { status: number; body: unknown } | undefined) | undefined;
    /** Org id the token's identity URL names. */
    tokenOrgId: string;
    /** Token issued from now on; earlier ones answer 401 INVALID_SESSION_ID once revoked. */
    revokeTokens(): void;
    /** Whether a token this org issued is still valid (the Pub/Sub test server asks). */
    tokenValid(token: string): boolean;
    /**
     * The token answer's instance_url (default this server's URL). The Pub/Sub client takes https only, so the BYOC
     * outbound tests set an https URL here (nothing else reads it).
     */
    tokenInstanceUrl: string | undefined;
    events: EventEmitter;
    /** Resolves when `predicate` holds (checked after every request). */
    until(predicate: () => boolean): Promise<void>;
    close(): Promise<void>;
}

export async function startFakeSalesforce(t: Cleanup): Promise<FakeSalesforce> {
    const events = new EventEmitter();
    const valid = new Set<string>();
    let tokenCounter = 0;
    const held = new Set<ServerResponse>();
    const fake: FakeSalesforce = {
        url: '',
        tokenUrl: '',
        accepted: [],
        requests: [],
        refusals: [],
        keys: new Map([[SIGNING_KEY_ID, publicKeyOf(SIGNING_PUBLIC_KEY)]]),
        tokensIssued: 0,
        script: undefined,
        files: [],
        fileScript: undefined,
        tokenOrgId: ORG_ID,
        revokeTokens: () => valid.clear(),
        tokenValid: (token) => valid.has(token),
        tokenInstanceUrl: undefined,
        events,
        async until(predicate) {
            while (!predicate()) await once(events, 'change');
        },
        async close() {
            for (const res of held) res.destroy();
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    };
    const acceptedIds = new Set<string>();
    let fileRefusals = 0;
    const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
    };
    const relay = (status: string, error: string | null = null): Record<string, unknown> => ({
        status,
        error,
        detail: null
    });

    async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const rawBytes = Buffer.concat(chunks);
        const raw = rawBytes.toString('utf8');
        const path = (req.url ?? '').split('?')[0];
        if (req.method === 'POST' && path === '/services/oauth2/token') {
            const form = new URLSearchParams(raw);
            if (
                form.get('grant_type') !== 'client_credentials' ||
                form.get('client_id') !== SF_CLIENT_ID ||
                form.get('client_secret') !== SF_CLIENT_SECRET
            ) {
                return answer(res, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
            }
            const token = `token-${++tokenCounter}`;
            valid.add(token);
            fake.tokensIssued++;
            return answer(res, 200, {
                access_token: token,
                instance_url: fake.tokenInstanceUrl ?? fake.url,
                id: `${fake.url}/id/${fake.tokenOrgId}/0055g00000AbCdEAAV`,
                token_type: 'Bearer',
                issued_at: String(Date.now())
            });
        }
        const isFile =
            req.method === 'POST' && /^\/services\/data\/v\d+\.\d\/sobjects\/ContentVersion$/.test(path ?? '');
        if (!isFile && (req.method !== 'POST' || path !== EVENTS_PATH)) {
            return answer(res, 404, [{ errorCode: 'NOT_FOUND' }]);
        }
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        if (!valid.has(token)) {
            fake.refusals.push('INVALID_SESSION_ID');
            return answer(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
        }
        if (isFile) {
            const scripted = fake.fileScript?.(fake.files.length + 1 + fileRefusals);
            if (scripted !== undefined) {
                fileRefusals++;
                return answer(res, scripted.status, scripted.body);
            }
            const [entity, file] = multipartParts(rawBytes, String(req.headers['content-type']));
            if (entity === undefined || file === undefined || !/name="entity_content"/.test(entity.headers)) {
                return answer(res, 400, [{ errorCode: 'INVALID_MULTIPART_REQUEST', message: 'bad multipart body' }]);
            }
            const created: CreatedFile = {
                id: `068${String(fake.files.length + 1).padStart(15, '0')}`,
                fields: JSON.parse(entity.data.toString('utf8')) as Record<string, unknown>,
                fileName: /filename="([^"]*)"/.exec(file.headers)?.[1] ?? '',
                contentType: /Content-Type: (.+)/i.exec(file.headers)?.[1]?.trim() ?? '',
                bytes: Buffer.from(file.data)
            };
            fake.files.push(created);
            answer(res, 201, { id: created.id, success: true, errors: [] });
            events.emit('change');
            return;
        }
        const timestamp = String(req.headers['x-relay-timestamp'] ?? '');
        const keyId = String(req.headers['x-relay-key-id'] ?? '');
        const signature = String(req.headers['x-relay-signature'] ?? '');
        const publicKey = fake.keys.get(keyId);
        if (publicKey === undefined) {
            fake.refusals.push(keyId === '' ? 'missing_key_id' : 'unknown_key');
            return answer(res, 401, relay('rejected', keyId === '' ? 'missing_key_id' : 'unknown_key'));
        }
        const signed = Buffer.from(`${timestamp}.${raw}`, 'utf8');
        if (!/^\d+$/.test(timestamp) || !verify('sha256', signed, publicKey, Buffer.from(signature, 'base64'))) {
            fake.refusals.push('invalid_signature');
            return answer(res, 401, relay('rejected', 'invalid_signature'));
        }
        const body = JSON.parse(raw) as Record<string, unknown>;
        const received: Received = {
            eventId: String(body.eventId),
            type: String(body.type),
            conversationId: String(body.conversationId),
            body,
            userAgent: String(req.headers['user-agent'] ?? ''),
            token
        };
        fake.requests.push(received);
        const scripted = fake.script?.(received, fake.requests.length);
        if (scripted === 'hold') {
            // Salesforce commits the event, but the answer never reaches the connector (it dies meanwhile).
            if (!acceptedIds.has(received.eventId)) {
                acceptedIds.add(received.eventId);
                fake.accepted.push(received);
            }
            held.add(res);
            events.emit('held', received);
            return;
        }
        if (scripted !== undefined) return answer(res, scripted.status, scripted.body, scripted.headers);
        if (acceptedIds.has(received.eventId)) return answer(res, 200, relay('duplicate'));
        acceptedIds.add(received.eventId);
        fake.accepted.push(received);
        return answer(res, 202, relay('accepted'));
    }

    const server = createServer((req, res) => {
        handle(req, res)
            .catch((error: unknown) => answer(res, 500, relay('unavailable', String(error))))
            .finally(() => events.emit('change'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fake.tokenUrl = `${fake.url}/services/oauth2/token`;
    t.after(() => fake.close());
    return fake;
}

/**
 * The settings pointing a connector at `sf`, and at a Genesys that does not answer (127.0.0.1:9: the connector keeps
 * retrying it in the background, which the outbox tests ignore). helpers/simulator.ts's genesysEnv points it at the
 * simulator instead.
 */
export function connectorEnv(
    sf: FakeSalesforce,
    store: string,
    extra: Record<string, string> = {}
): Record<string, string> {
    return {
        RELAY_GENESYS_API_URL: 'http://127.0.0.1:9',
        RELAY_GENESYS_LOGIN_URL: 'http://127.0.0.1:9',
        RELAY_GENESYS_CLIENT_ID: 'genesys-client',
        RELAY_GENESYS_CLIENT_SECRET: 'genesys-secret',
        RELAY_GENESYS_QUEUE_IDS: 'q-support',
        RELAY_SF_TOKEN_URL: sf.tokenUrl,
        RELAY_SF_CLIENT_ID: SF_CLIENT_ID,
        RELAY_SF_CLIENT_SECRET: SF_CLIENT_SECRET,
        RELAY_SF_INSTANCE_URL: sf.url,
        RELAY_SF_ORG_ID: ORG_ID,
        RELAY_SF_SIGNING_KEY_FILE: signingKeyFile(),
        RELAY_SF_SIGNING_KEY_ID: SIGNING_KEY_ID,
        RELAY_STORE: store,
        RELAY_PORT: '0',
        RELAY_LOG_LEVEL: 'info',
        ...extra
    };
}
