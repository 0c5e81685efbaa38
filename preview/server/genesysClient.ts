// The preview's stand-in for RelayHttpClient + the Named Credentials: every contact-centre request a
// preview Apex handler sends is built from contract/genesys-cloud.contract.json by operation name and
// checked with the simulator's contract validator BEFORE it leaves; a request that breaks the contract
// throws (kind INVALID_REQUEST) and nothing is sent, exactly like the Apex client refuses to send it.
import { ContractChecker, type Contract, type SchemaIssue } from '../../simulator/src/contract';
import { relayContract } from '../../simulator/src/relay-contract';

/** Mirrors RelayCalloutException.Kind, so preview handlers map failures to the same labels as the Apex. */
export type CalloutKind =
    | 'RATE_LIMITED'
    | 'UNAUTHORIZED'
    | 'FORBIDDEN'
    | 'NOT_FOUND'
    | 'BAD_REQUEST'
    | 'INVALID_REQUEST'
    | 'UNAVAILABLE'
    | 'TIMEOUT'
    | 'INVALID_RESPONSE';

export class CalloutError extends Error {
    constructor(
        readonly kind: CalloutKind,
        message: string,
        readonly status?: number,
        readonly code?: string,
        readonly retryAfterSeconds?: number,
        readonly issues: SchemaIssue[] = []
    ) {
        super(message);
        this.name = 'CalloutError';
    }
    get retryable(): boolean {
        return this.kind === 'RATE_LIMITED' || this.kind === 'UNAVAILABLE' || this.kind === 'TIMEOUT';
    }
}

export interface GenesysRequest {
    /** The contract operation id, e.g. `pickUp` (RelayGenesysContract.PICK_UP in Apex). */
    operation: string;
    pathParams?: Record<string, string>;
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
}

export interface SentRequest {
    namedCredential: string;
    operation: string;
    method: string;
    url: string;
    body?: unknown;
    status?: number;
}

export interface GenesysClientOptions {
    /** Base URL the Named Credentials point at: the embedded simulator. */
    baseUrl: string;
    /** The Authorization header value for a Named Credential (what the External Credential adds in an org). */
    authorization: (namedCredential: string) => Promise<string> | string;
    /** Default: contract/genesys-cloud.contract.json as the simulator parses it. */
    contract?: Contract;
    timeoutMs?: number;
}

const DEFAULT_RATE_LIMIT_SECONDS = 60;

export class GenesysClient {
    private readonly checker: ContractChecker;
    private readonly contract: Contract;
    /** Every request sent, in order: what a recording callout mock gives Apex tests. */
    readonly sent: SentRequest[] = [];

    constructor(private readonly options: GenesysClientOptions) {
        // Relay's contract only, not the simulator's compatibility routes: the preview sends what Relay sends.
        this.contract = options.contract ?? relayContract;
        this.checker = new ContractChecker(this.contract);
    }

    /** Builds method, URL and body for an operation and validates them; throws INVALID_REQUEST otherwise. */
    build(request: GenesysRequest): { method: string; url: string; body?: unknown } {
        const operation = this.contract.operations[request.operation];
        if (!operation) {
            throw new CalloutError('INVALID_REQUEST', `Operation ${request.operation} is not in the request contract`);
        }
        const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
            const value = request.pathParams?.[name];
            if (value === undefined || value === '') {
                throw new CalloutError('INVALID_REQUEST', `${request.operation}: path parameter ${name} is required`);
            }
            return encodeURIComponent(value);
        });
        const query = new URLSearchParams();
        for (const [name, value] of Object.entries(request.query ?? {})) {
            if (value !== undefined) query.set(name, String(value));
        }
        const url = query.size > 0 ? `${path}?${query.toString()}` : path;
        // Serialized and parsed back: undefined fields vanish, as JSON.serialize(body, true) drops nulls in Apex.
        const body = request.body === undefined ? undefined : (JSON.parse(JSON.stringify(request.body)) as unknown);
        const check = this.checker.check({ method: operation.method, url, body });
        if (!check.ok) {
            throw new CalloutError(
                'INVALID_REQUEST',
                `Refused to send ${request.operation}: ${check.message}`,
                undefined,
                undefined,
                undefined,
                check.issues
            );
        }
        if (check.operation.id !== operation.id) {
            throw new CalloutError(
                'INVALID_REQUEST',
                `Refused to send ${request.operation}: the request matches ${check.operation.id} instead`
            );
        }
        return { method: operation.method, url, body };
    }

    /** Sends one request through a Named Credential; returns the parsed JSON, or null for an empty 2xx. */
    async send<T = unknown>(namedCredential: string, request: GenesysRequest): Promise<T | null> {
        const { method, url, body } = this.build(request);
        const record: SentRequest = { namedCredential, operation: request.operation, method, url, body };
        this.sent.push(record);
        let response: Response;
        try {
            response = await fetch(new URL(url, this.options.baseUrl), {
                method,
                headers: {
                    accept: 'application/json',
                    'content-type': 'application/json',
                    authorization: await this.options.authorization(namedCredential)
                },
                body: body === undefined ? undefined : JSON.stringify(body),
                signal: AbortSignal.timeout(this.options.timeoutMs ?? 20000)
            });
        } catch (error) {
            const timedOut = error instanceof Error && error.name === 'TimeoutError';
            throw new CalloutError(timedOut ? 'TIMEOUT' : 'UNAVAILABLE', `${method} ${url}: ${String(error)}`);
        }
        record.status = response.status;
        const text = await response.text();
        if (response.ok) {
            if (text.trim() === '') return null;
            try {
                return JSON.parse(text) as T;
            } catch {
                throw new CalloutError(
                    'INVALID_RESPONSE',
                    `${method} ${url}: the response is not JSON`,
                    response.status
                );
            }
        }
        throw errorFor(method, url, response, text);
    }
}

function errorFor(method: string, url: string, response: Response, text: string): CalloutError {
    let errorBody: { code?: string; message?: string } = {};
    try {
        errorBody = JSON.parse(text) as typeof errorBody;
    } catch {
        // A non-JSON error body still has a status to classify.
    }
    const status = response.status;
    const retryAfter = Number(response.headers.get('retry-after') ?? response.headers.get('inin-ratelimit-reset'));
    const kind: CalloutKind =
        status === 429
            ? 'RATE_LIMITED'
            : status === 401
              ? 'UNAUTHORIZED'
              : status === 403
                ? 'FORBIDDEN'
                : status === 404 || status === 410
                  ? 'NOT_FOUND'
                  : status === 408
                    ? 'TIMEOUT'
                    : status >= 500
                      ? 'UNAVAILABLE'
                      : 'BAD_REQUEST';
    return new CalloutError(
        kind,
        `${method} ${url} -> ${status} ${errorBody.code ?? ''} ${errorBody.message ?? ''}`.trim(),
        status,
        errorBody.code,
        status === 429
            ? Number.isFinite(retryAfter) && retryAfter > 0
                ? retryAfter
                : DEFAULT_RATE_LIMIT_SECONDS
            : undefined
    );
}
