// OAuth 2.0 client credentials against Genesys Cloud's login host: POST {login}/oauth/token with HTTP Basic client
// authentication and grant_type=client_credentials, as the official SDK's ApiClient.loginClientCredentialsGrant sends
// it (purecloud-platform-client-v2@262.0.0 ApiClient.js); the answer is {access_token, token_type, expires_in}.
// The token is shared by every call and replaced before it expires (and at once when the API answers 401).
// The token endpoint's 429 is honoured (Retry-After), like every other Genesys call.
import type { Clock } from '../clock';
import { backoffDelay, retryAfterMs } from '../backoff';

export interface GenesysAuthSettings {
    loginUrl: string;
    clientId: string;
    clientSecret: string;
    httpTimeoutMs: number;
    userAgent: string;
}

/** The client id or secret is refused (400/401 from the token endpoint): retrying the same will not help. */
export class GenesysAuthError extends Error {}

export class StoppedError extends Error {
    constructor() {
        super('stopped');
    }
}

interface Token {
    accessToken: string;
    expiresAt: number;
    /** When to get the next one: before expiry, by a tenth of its life (at most 5 minutes). */
    refreshAt: number;
}

export interface GenesysAuthHooks {
    onTokenRequest?: () => void;
    onRateLimited?: (operation: string, waitMs: number) => void;
}

export class GenesysAuth {
    private current: Token | undefined;
    private pending: Promise<Token> | undefined;

    constructor(
        private readonly settings: GenesysAuthSettings,
        private readonly clock: Clock,
        private readonly signal: AbortSignal,
        private readonly hooks: GenesysAuthHooks = {}
    ) {}

    /** A valid access token: the current one, or a new one when it is due for refresh. */
    async token(): Promise<string> {
        const current = this.current;
        if (current !== undefined && this.clock.now() < current.refreshAt) return current.accessToken;
        this.pending ??= this.fetchToken().finally(() => {
            this.pending = undefined;
        });
        return (await this.pending).accessToken;
    }

    /** The API refused this token (401): the next token() gets a new one. */
    invalidate(accessToken: string): void {
        if (this.current?.accessToken === accessToken) this.current = undefined;
    }

    /** When the current token expires (tests, /healthz). */
    expiresAt(): number | undefined {
        return this.current?.expiresAt;
    }

    private async fetchToken(): Promise<Token> {
        const { loginUrl, clientId, clientSecret, httpTimeoutMs, userAgent } = this.settings;
        for (let attempt = 1; ; attempt++) {
            if (this.signal.aborted) throw new StoppedError();
            this.hooks.onTokenRequest?.();
            let response: Response;
            let text: string;
            try {
                response = await fetch(`${loginUrl}/oauth/token`, {
                    method: 'POST',
                    headers: {
                        Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
                        'Content-Type': 'application/x-www-form-urlencoded',
                        'User-Agent': userAgent
                    },
                    body: 'grant_type=client_credentials',
                    signal: AbortSignal.any([AbortSignal.timeout(httpTimeoutMs), this.signal])
                });
                text = await response.text();
            } catch (error) {
                if (this.signal.aborted) throw new StoppedError();
                if (attempt >= 5) throw new Error(`Genesys token request failed: ${(error as Error).message}`);
                await this.clock.wait(backoffDelay({ baseMs: 500, maxMs: 10_000 }, attempt), this.signal);
                continue;
            }
            if (response.status === 429) {
                const wait =
                    retryAfterMs(response.headers.get('retry-after'), this.clock.now()) ??
                    resetMs(response.headers.get('inin-ratelimit-reset')) ??
                    60_000;
                this.hooks.onRateLimited?.('oauthToken', wait);
                await this.clock.wait(wait, this.signal);
                continue;
            }
            if (response.status >= 500) {
                if (attempt >= 5) throw new Error(`Genesys token endpoint answered ${response.status}`);
                await this.clock.wait(backoffDelay({ baseMs: 500, maxMs: 10_000 }, attempt), this.signal);
                continue;
            }
            if (!response.ok) {
                throw new GenesysAuthError(
                    `Genesys refused the client credentials (${response.status}): ${text.slice(0, 300)} — check RELAY_GENESYS_CLIENT_ID and _SECRET`
                );
            }
            let body: { access_token?: unknown; expires_in?: unknown };
            try {
                body = JSON.parse(text) as typeof body;
            } catch {
                throw new Error('Genesys token answer is not JSON');
            }
            if (typeof body.access_token !== 'string' || body.access_token === '') {
                throw new Error('Genesys token answer has no access_token');
            }
            const lifeMs =
                (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 86_400) * 1000;
            const now = this.clock.now();
            const token = {
                accessToken: body.access_token,
                expiresAt: now + lifeMs,
                refreshAt: now + lifeMs - Math.min(lifeMs / 10, 300_000)
            };
            this.current = token;
            return token;
        }
    }
}

/** inin-ratelimit-reset: seconds until the rate-limit window resets. */
export function resetMs(header: string | null): number | null {
    if (header === null || !/^\d+$/.test(header.trim())) return null;
    return Number(header.trim()) * 1000;
}
