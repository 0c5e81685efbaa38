// Posting one event to Relay's Apex REST endpoint as the integration user, and what its answer means
// (docs/events.md §1.2 for the token, §2 for the request, §4 for the answers and which to retry).
import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { retryAfterMs } from '../backoff';
import type { EventSigner } from './signing';

export interface SalesforceSettings {
    tokenUrl: string;
    clientId: string;
    clientSecret: string;
    instanceUrl: string;
    orgId: string;
    eventsPath: string;
    httpTimeoutMs: number;
    /** Sent as User-Agent, so the org's logs and a test server can tell instances apart. */
    instanceId: string;
}

export type SendOutcome =
    | { kind: 'delivered'; status: number; answer: string }
    /** Try again: after `afterMs` when the server said so (429 Retry-After), else after the backoff. */
    | { kind: 'retry'; reason: string; afterMs: number | null }
    | { kind: 'rejected'; status: number; reason: string };

export type CreateFileOutcome =
    | { kind: 'created'; id: string }
    | { kind: 'retry'; reason: string; afterMs: number | null }
    | { kind: 'rejected'; status: number; reason: string };

/** The REST API version of the ContentVersion create (any version since 27.0 takes the multipart body). */
export const SALESFORCE_API_VERSION = 'v62.0';

export class SalesforceTokenError extends Error {}

interface Token {
    accessToken: string;
    /** The token answer's instance_url (the org's My Domain URL), when it has one. */
    instanceUrl?: string;
}

/**
 * The connector's one Salesforce token, for what else needs it (the Interaction Service, the Pub/Sub API): fetched
 * once with client credentials and shared until refused; `drop` a token the server refused to get a new one.
 */
export interface SalesforceTokenProvider {
    token(): Promise<{ accessToken: string; instanceUrl: string | undefined }>;
    drop(accessToken: string): void;
}

/** OAuth 2.0 client credentials against RELAY_SF_TOKEN_URL; one token shared by all deliveries until refused. */
export class SalesforceClient {
    private token: Promise<Token> | undefined;
    /** The token `token` resolved with: a refused token is dropped at once (synchronously) by its value. */
    private current: Token | undefined;
    readonly userAgent: string;

    constructor(
        private readonly settings: SalesforceSettings,
        private readonly sign: EventSigner,
        private readonly clock: Clock,
        private readonly onTokenRefresh: () => void = () => undefined
    ) {
        this.userAgent = `relay-connector/0.1 (${settings.instanceId})`;
    }

    private getToken(): Promise<Token> {
        this.token ??= this.fetchToken().then(
            (token) => (this.current = token),
            (error: unknown) => {
                this.token = undefined;
                throw error;
            }
        );
        return this.token;
    }

    private async fetchToken(): Promise<Token> {
        this.onTokenRefresh();
        const { tokenUrl, clientId, clientSecret, orgId } = this.settings;
        const response = await fetch(tokenUrl, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': this.userAgent },
            body: new URLSearchParams({
                grant_type: 'client_credentials',
                client_id: clientId,
                client_secret: clientSecret
            }),
            signal: AbortSignal.timeout(this.settings.httpTimeoutMs)
        });
        const text = await response.text();
        if (!response.ok) {
            throw new SalesforceTokenError(`token request answered ${response.status}: ${text.slice(0, 300)}`);
        }
        let body: { access_token?: unknown; id?: unknown };
        try {
            body = JSON.parse(text) as typeof body;
        } catch {
            throw new SalesforceTokenError('token answer is not JSON');
        }
        if (typeof body.access_token !== 'string' || body.access_token === '') {
            throw new SalesforceTokenError('token answer has no access_token');
        }
        // The identity URL names the org: https://login.salesforce.com/id/<orgId>/<userId>. A token of another org
        // (a wrong consumer key, a sandbox refreshed from production) must not receive this org's events.
        if (typeof body.id === 'string') {
            const issuedOrg = /\/id\/(00D[a-zA-Z0-9]{12,15})\//.exec(body.id)?.[1];
            if (issuedOrg !== undefined && issuedOrg.slice(0, 15) !== orgId.slice(0, 15)) {
                throw new SalesforceTokenError(`token was issued for org ${issuedOrg}, not RELAY_SF_ORG_ID ${orgId}`);
            }
        }
        const instanceUrl = (body as { instance_url?: unknown }).instance_url;
        return {
            accessToken: body.access_token,
            ...(typeof instanceUrl === 'string' && instanceUrl !== '' ? { instanceUrl } : {})
        };
    }

    /** The shared token for other Salesforce APIs (see SalesforceTokenProvider). */
    readonly tokens: SalesforceTokenProvider = {
        token: async () => {
            const token = await this.getToken();
            return { accessToken: token.accessToken, instanceUrl: token.instanceUrl };
        },
        drop: (accessToken) => this.dropToken(accessToken)
    };

    /** Forgets `accessToken` if it is still the current one (another caller may have replaced it already). */
    private dropToken(accessToken: string): void {
        if (this.current?.accessToken !== accessToken) return;
        this.current = undefined;
        this.token = undefined;
    }

    /** One attempt: signs `payload` now and posts it. Never throws. */
    async send(payload: string): Promise<SendOutcome> {
        let token: Token;
        try {
            token = await this.getToken();
        } catch (error) {
            return { kind: 'retry', reason: `token: ${(error as Error).message}`, afterMs: null };
        }
        let response: Response;
        let answer: string;
        try {
            response = await fetch(`${this.settings.instanceUrl}${this.settings.eventsPath}`, {
                method: 'POST',
                headers: {
                    Authorization: `Bearer ${token.accessToken}`,
                    'Content-Type': 'application/json',
                    'User-Agent': this.userAgent,
                    ...this.sign(payload, this.clock.now())
                },
                body: payload,
                signal: AbortSignal.timeout(this.settings.httpTimeoutMs)
            });
            answer = await response.text();
        } catch (error) {
            return { kind: 'retry', reason: `network: ${(error as Error).message}`, afterMs: null };
        }
        return this.classify(response, answer, token);
    }

    /**
     * Creates a ContentVersion with the file's bytes as the integration user: REST API Developer Guide, "Insert or
     * Update Blob Data" (multipart/form-data: a JSON part `entity_content` with the fields, then the binary part named
     * after the blob field, VersionData, with its filename). Answers 201 {"id": "068...", "success": true}.
     */
    async createFile(name: string, contentType: string | undefined, bytes: Uint8Array): Promise<CreateFileOutcome> {
        let token: Token;
        try {
            token = await this.getToken();
        } catch (error) {
            return { kind: 'retry', reason: `token: ${(error as Error).message}`, afterMs: null };
        }
        const boundary = `relay-${randomBytes(16).toString('hex')}`;
        const fileName = name.replace(/["\r\n\\]/g, '_');
        const body = Buffer.concat([
            Buffer.from(
                `--${boundary}\r\nContent-Disposition: form-data; name="entity_content"\r\n` +
                    `Content-Type: application/json\r\n\r\n${JSON.stringify({ Title: name.slice(0, 255), PathOnClient: name })}\r\n` +
                    `--${boundary}\r\nContent-Disposition: form-data; name="VersionData"; filename="${fileName}"\r\n` +
                    `Content-Type: ${contentType ?? 'application/octet-stream'}\r\n\r\n`,
                'utf8'
            ),
            bytes,
            Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')
        ]);
        let response: Response;
        let answer: string;
        try {
            response = await fetch(
                `${this.settings.instanceUrl}/services/data/${SALESFORCE_API_VERSION}/sobjects/ContentVersion`,
                {
                    method: 'POST',
                    headers: {
                        Authorization: `Bearer ${token.accessToken}`,
                        'Content-Type': `multipart/form-data; boundary=${boundary}`,
                        'User-Agent': this.userAgent
                    },
                    body,
                    signal: AbortSignal.timeout(this.settings.httpTimeoutMs)
                }
            );
            answer = await response.text();
        } catch (error) {
            return { kind: 'retry', reason: `network: ${(error as Error).message}`, afterMs: null };
        }
        if (response.status === 201) {
            const id = (JSON.parse(answer) as { id?: unknown }).id;
            if (typeof id === 'string') return { kind: 'created', id };
            return { kind: 'retry', reason: 'ContentVersion create answered without an id', afterMs: null };
        }
        const outcome = this.classify(response, answer, token);
        if (outcome.kind === 'delivered')
            return { kind: 'retry', reason: `unexpected ${response.status}`, afterMs: null };
        return outcome;
    }

    private classify(response: Response, answer: string, token: Token): SendOutcome {
        const { status } = response;
        const relay = relayAnswer(answer);
        if (status === 202 || (status === 200 && relay?.status === 'duplicate')) {
            return { kind: 'delivered', status, answer };
        }
        const reason = `${status} ${relay?.error ?? answer.slice(0, 200)}`;
        if (status === 429) {
            return {
                kind: 'retry',
                reason,
                afterMs: retryAfterMs(response.headers.get('retry-after'), this.clock.now())
            };
        }
        if (status === 401 && relay === undefined) {
            // Salesforce's own 401 (INVALID_SESSION_ID): the token expired or was revoked. New token, then retry
            // after the usual backoff (a token that keeps being refused must not become a tight loop).
            this.dropToken(token.accessToken);
            return { kind: 'retry', reason, afterMs: null };
        }
        if (status === 401 && relay?.error === 'timestamp_out_of_range')
            return { kind: 'retry', reason, afterMs: null };
        // The org has no active record for our key id yet: a rotation done out of order (the connector switched keys
        // before the admin deployed the new public key). The event is fine; it goes through once the record exists.
        if (status === 401 && relay?.error === 'unknown_key') return { kind: 'retry', reason, afterMs: null };
        if (status === 403 && answer.includes('REQUEST_LIMIT_EXCEEDED'))
            return { kind: 'retry', reason, afterMs: null };
        if (status >= 500 || status === 408) return { kind: 'retry', reason, afterMs: null };
        return { kind: 'rejected', status, reason };
    }
}

/** Relay's own answer body ({"status","error","detail"}); undefined for the platform's answers. */
function relayAnswer(text: string): { status: string; error: string | null } | undefined {
    try {
        const body = JSON.parse(text) as unknown;
        if (body !== null && typeof body === 'object' && !Array.isArray(body) && 'status' in body) {
            const { status, error } = body as { status: unknown; error?: unknown };
            if (typeof status === 'string') return { status, error: typeof error === 'string' ? error : null };
        }
    } catch {
        // not JSON: the platform's (or a proxy's) answer
    }
    return undefined;
}
