// OAuth for the simulator: POST /oauth/token (client credentials, plus a local-only password grant
// for a named agent) and bearer-token checks on /api/v2. Tokens are opaque random strings.
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { SimError } from './errors';

export interface OAuthClient {
    clientId: string;
    clientSecret: string;
}

export interface TokenInfo {
    token: string;
    /** The user the token acts as: the named agent, or the default demo agent for client credentials. */
    userId: string;
    clientId: string;
    grant: 'client_credentials' | 'password' | 'simulator';
    expiresAt: number;
}

export interface TokenResponse {
    access_token: string;
    token_type: 'bearer';
    expires_in: number;
}

export const DEFAULT_CLIENT: OAuthClient = { clientId: 'relay-local', clientSecret: 'relay-local-secret' };
const EXPIRES_IN_SECONDS = 86399;

/** The demo client, overridable with RELAY_SIM_CLIENT_ID / RELAY_SIM_CLIENT_SECRET. */
export function clientFromEnv(env: NodeJS.ProcessEnv = process.env): OAuthClient {
    return {
        clientId: env.RELAY_SIM_CLIENT_ID ?? DEFAULT_CLIENT.clientId,
        clientSecret: env.RELAY_SIM_CLIENT_SECRET ?? DEFAULT_CLIENT.clientSecret
    };
}

/** How the token endpoint finds agents for the password grant. */
export interface AgentDirectory {
    defaultAgentId(): string;
    /** Agent id for an id or e-mail address, with the agent's password; undefined when unknown. */
    findAgent(idOrEmail: string): { id: string; password: string } | undefined;
}

export interface OAuthReply {
    status: number;
    body: Record<string, unknown>;
}

export class Auth {
    private readonly tokens = new Map<string, TokenInfo>();

    constructor(
        private readonly clock: Clock,
        private readonly clients: OAuthClient[],
        private readonly agents: AgentDirectory
    ) {}

    issue(userId: string, clientId: string, grant: TokenInfo['grant']): TokenResponse {
        const token = randomBytes(24).toString('base64url');
        const expiresAt = this.clock.now() + EXPIRES_IN_SECONDS * 1000;
        this.tokens.set(token, { token, userId, clientId, grant, expiresAt });
        return { access_token: token, token_type: 'bearer', expires_in: EXPIRES_IN_SECONDS };
    }

    /** The token behind an Authorization header, or a 401 SimError. */
    authenticate(authorization: string | undefined): TokenInfo {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
        if (match === null) {
            throw new SimError(
                401,
                'authentication.required',
                'No authentication bearer token specified in authorization header.'
            );
        }
        const info = this.tokens.get(match[1]);
        if (info === undefined) throw new SimError(401, 'bad.credentials', 'Invalid login credentials.');
        if (info.expiresAt <= this.clock.now()) {
            this.tokens.delete(info.token);
            throw new SimError(401, 'credentials.expired', 'The bearer token has expired.');
        }
        return info;
    }

    /** POST /oauth/token. Errors use the OAuth shape ({error, description}), not ErrorBody. */
    tokenRequest(authorization: string | undefined, contentType: string | undefined, rawBody: string): OAuthReply {
        const client = this.client(authorization);
        if (client === undefined) {
            return oauthError(
                401,
                'invalid_client',
                'Client authentication failed: use HTTP Basic with a known client id and secret.'
            );
        }
        if (!(contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
            return oauthError(400, 'invalid_request', 'The token request must be application/x-www-form-urlencoded.');
        }
        const form = new URLSearchParams(rawBody);
        const grant = form.get('grant_type');
        if (grant === 'client_credentials') {
            return {
                status: 200,
                body: { ...this.issue(this.agents.defaultAgentId(), client.clientId, 'client_credentials') }
            };
        }
        if (grant === 'password') {
            const agent = this.agents.findAgent(form.get('username') ?? '');
            if (agent === undefined || agent.password !== form.get('password')) {
                return oauthError(400, 'invalid_grant', 'Unknown agent or wrong password.');
            }
            return { status: 200, body: { ...this.issue(agent.id, client.clientId, 'password') } };
        }
        return oauthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${grant ?? '(none)'}.`);
    }

    private client(authorization: string | undefined): OAuthClient | undefined {
        const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
        if (match === null) return undefined;
        const decoded = Buffer.from(match[1], 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon === -1) return undefined;
        const id = decoded.slice(0, colon);
        const secret = decoded.slice(colon + 1);
        return this.clients.find((c) => c.clientId === id && c.clientSecret === secret);
    }
}

function oauthError(status: number, error: string, description: string): OAuthReply {
    return { status, body: { error, description, error_description: description } };
}
