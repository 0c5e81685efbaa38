// The console org's OAuth 2.0 client credentials flow, as Salesforce answers it for an External Client App whose
// "Run As" user is the integration user (Salesforce Help, "Configure the OAuth 2.0 Client Credentials Flow for
// External Client Apps"; the token response fields: "OAuth 2.0 Client Credentials Flow for Server-to-Server
// Integration"), and Apex REST's check of the bearer token. Only the Relay Connector uses it here.
import { randomBytes } from 'node:crypto';

/**
 * The token answer's instance_url: the org's My Domain URL, which Salesforce always serves over https. The console
 * serves http on 127.0.0.1, and only the Pub/Sub client reads this value (it refuses anything but https, and sends it
 * as metadata, preview/server/byoc.ts); the connector's REST calls go to RELAY_SF_INSTANCE_URL.
 */
export const CONSOLE_MY_DOMAIN = 'https://relay-console.my.salesforce.com';

export interface TokenAnswer {
    status: number;
    body: Record<string, unknown>;
}

export class ClientCredentials {
    readonly clientId = `relay-console-${randomBytes(6).toString('hex')}`;
    readonly clientSecret = randomBytes(24).toString('hex');
    private readonly tokens = new Set<string>();

    /**
     * Called with each token before it is handed out, and awaited: what else accepts the org's tokens (the
     * Interaction Service in the org's worker) knows it by the time the client uses it.
     */
    onIssue: (token: string) => Promise<void> = () => Promise.resolve();

    constructor(
        private readonly instanceUrl: string,
        private readonly orgId: string,
        private readonly runAsUserId: string
    ) {}

    /** POST /services/oauth2/token with an application/x-www-form-urlencoded body. */
    async token(form: URLSearchParams): Promise<TokenAnswer> {
        if (form.get('grant_type') !== 'client_credentials') {
            return {
                status: 400,
                body: { error: 'unsupported_grant_type', error_description: 'grant type not supported' }
            };
        }
        if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
            return { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } };
        }
        const accessToken = `${this.orgId}!${randomBytes(32).toString('base64url')}`;
        this.tokens.add(accessToken);
        await this.onIssue(accessToken);
        return {
            status: 200,
            body: {
                access_token: accessToken,
                instance_url: this.instanceUrl,
                id: `${this.instanceUrl}/id/${this.orgId}/${this.runAsUserId}`,
                token_type: 'Bearer',
                issued_at: String(Date.now()),
                scope: 'api'
            }
        };
    }

    /** The user an Authorization header authenticates, or undefined (Salesforce answers 401 INVALID_SESSION_ID). */
    userFor(authorization: string | undefined): string | undefined {
        const token = /^Bearer (\S+)$/i.exec(authorization ?? '')?.[1];
        return token !== undefined && this.tokens.has(token) ? this.runAsUserId : undefined;
    }

    /** Whether the token is one this app issued and still valid. */
    isValid(token: string): boolean {
        return this.tokens.has(token);
    }

    /** Revokes every token issued (tests: the connector must fetch a new one and deliver what waited). */
    revokeAll(): void {
        this.tokens.clear();
    }
}

/** Apex REST's answer to a request without a valid session (REST API Developer Guide, "Status Codes and Error Responses"). */
export const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
