// Every Genesys Cloud API call goes through the official SDK (purecloud-platform-client-v2) on an ApiClient of the
// connector's own (the SDK's ApiClient.instance is a process-wide singleton), and through call(), which:
// - sets the current access token (auth.ts) and, on 401, gets a new one and tries once more;
// - honours 429: waits the Retry-After (else inin-ratelimit-reset, else 60 s), and holds every other call of this
//   client meanwhile, since Genesys counts requests per token ("client.credentials.token.rate.per.minute"): the SDK
//   itself does not retry a 429 (no 429 or Retry-After handling in its ApiClient.js);
// - retries network errors, timeouts and 5xx with backoff, a few times;
// - turns any other answer into a GenesysApiError with the status and Genesys's ErrorBody.
import * as platformClient from 'purecloud-platform-client-v2';
import { backoffDelay, retryAfterMs } from '../backoff';
import type { Clock } from '../clock';
import { StoppedError, resetMs, type GenesysAuth } from './auth';

type ApiClientType = typeof platformClient.ApiClient;

/** What the SDK resolves and rejects with once setReturnExtendedResponses(true). */
interface ExtendedAnswer {
    status: number;
    headers?: Record<string, unknown> & { get?: (name: string) => unknown };
    body?: unknown;
    text?: string;
}

export class GenesysApiError extends Error {
    constructor(
        readonly operation: string,
        readonly status: number,
        readonly body: unknown
    ) {
        const code = (body as { code?: unknown } | undefined)?.code;
        const message = (body as { message?: unknown } | undefined)?.message;
        super(
            `${operation} answered ${status}${typeof code === 'string' ? ` ${code}` : ''}${typeof message === 'string' ? `: ${message}` : ''}`
        );
        this.name = 'GenesysApiError';
    }
}

/** The call could not be made before its deadline (a rate-limit wait or retries would run past it). */
export class GenesysRetryLater extends Error {
    constructor(
        readonly operation: string,
        readonly retryAt: number
    ) {
        super(`${operation}: retry at ${new Date(retryAt).toISOString()}`);
        this.name = 'GenesysRetryLater';
    }
}

export interface GenesysApiHooks {
    onRequest?: (operation: string, status: number | 'network') => void;
    onRateLimited?: (operation: string, waitMs: number) => void;
}

export interface CallOptions {
    /** Give up with GenesysRetryLater rather than wait past this time (clock time). */
    deadlineAt?: number;
    /** Network, timeout and 5xx retries before giving up (default 4). */
    retries?: number;
}

export class GenesysApi {
    readonly client: ApiClientType;
    readonly notifications: platformClient.NotificationsApi;
    readonly conversations: platformClient.ConversationsApi;
    readonly analytics: platformClient.AnalyticsApi;
    /** No call starts before this time: a 429 told us to wait. */
    private pausedUntil = 0;

    constructor(
        settings: { apiUrl: string; httpTimeoutMs: number },
        private readonly auth: GenesysAuth,
        private readonly clock: Clock,
        private readonly signal: AbortSignal,
        private readonly hooks: GenesysApiHooks = {}
    ) {
        const ApiClientClass = platformClient.ApiClient.constructor as new () => ApiClientType;
        this.client = new ApiClientClass();
        // setGateway (the SDK's way to point at a non-standard host) with the configured API base URL: for a real
        // region (https://api.mypurecloud.ie) it is the URL setEnvironment('mypurecloud.ie') would build.
        const url = new URL(settings.apiUrl);
        this.client.setGateway({
            host: url.hostname,
            protocol: url.protocol.replace(':', ''),
            port: url.port === '' ? -1 : Number(url.port),
            path_params_api: url.pathname.replace(/\/+$/, ''),
            path_params_login: ''
        } as Parameters<ApiClientType['setGateway']>[0]);
        this.client.setReturnExtendedResponses(true);
        (this.client as unknown as { timeout: number }).timeout = settings.httpTimeoutMs;
        this.notifications = new platformClient.NotificationsApi(this.client);
        this.conversations = new platformClient.ConversationsApi(this.client);
        this.analytics = new platformClient.AnalyticsApi(this.client);
    }

    /** Runs one SDK call with the token, 429, 401 and retry handling above; resolves with the answer's body. */
    async call<T>(operation: string, run: () => Promise<unknown>, options: CallOptions = {}): Promise<T> {
        const retries = options.retries ?? 4;
        let failures = 0;
        let reauthorized = false;
        for (;;) {
            await this.waitUntil(this.pausedUntil, operation, options.deadlineAt);
            const token = await this.auth.token();
            this.client.setAccessToken(token);
            let answer: ExtendedAnswer;
            try {
                answer = (await run()) as ExtendedAnswer;
                this.hooks.onRequest?.(operation, answer.status);
                return answer.body as T;
            } catch (error) {
                if (this.signal.aborted) throw new StoppedError();
                const failed = extended(error);
                this.hooks.onRequest?.(operation, failed?.status ?? 'network');
                const status = failed?.status;
                if (status === 429) {
                    const wait =
                        retryAfterMs(header(failed, 'retry-after'), this.clock.now()) ??
                        resetMs(header(failed, 'inin-ratelimit-reset')) ??
                        60_000;
                    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + wait);
                    this.hooks.onRateLimited?.(operation, wait);
                    continue;
                }
                if (status === 401 && !reauthorized) {
                    reauthorized = true;
                    this.auth.invalidate(token);
                    continue;
                }
                if (status === undefined || status >= 500 || status === 408) {
                    failures++;
                    const reason = status === undefined ? (error as Error).message : `${status}`;
                    if (failures > retries) throw new Error(`${operation} failed ${failures} times, last: ${reason}`);
                    await this.waitUntil(
                        this.clock.now() + backoffDelay({ baseMs: 500, maxMs: 15_000 }, failures),
                        operation,
                        options.deadlineAt
                    );
                    continue;
                }
                throw new GenesysApiError(operation, status, failed?.body);
            }
        }
    }

    private async waitUntil(at: number, operation: string, deadlineAt: number | undefined): Promise<void> {
        if (deadlineAt !== undefined && at > deadlineAt) throw new GenesysRetryLater(operation, at);
        while (this.clock.now() < at) {
            if (this.signal.aborted) throw new StoppedError();
            await this.clock.wait(at - this.clock.now(), this.signal);
        }
        if (this.signal.aborted) throw new StoppedError();
    }
}

function extended(error: unknown): ExtendedAnswer | undefined {
    if (error !== null && typeof error === 'object' && typeof (error as { status?: unknown }).status === 'number') {
        // A network error (axios) has no numeric status; an HTTP answer (the SDK's extended error) has one and a body.
        if ('body' in error || 'headers' in error) return error as ExtendedAnswer;
    }
    return undefined;
}

function header(answer: ExtendedAnswer | undefined, name: string): string | null {
    const headers = answer?.headers;
    if (headers === undefined) return null;
    const value = typeof headers.get === 'function' ? headers.get(name) : headers[name];
    return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
}
