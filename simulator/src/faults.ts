// Fault injection (the next N calls of an operation fail, are delayed, or get a malformed body) and an
// optional per-token request budget that answers 429 like Genesys.
import type { Clock } from './clock';

export interface FaultSpec {
    /** A contract or compatibility operation id (e.g. `pickUp`), `oauthToken`, or `*` for any API call. */
    operation: string;
    /** How many calls the fault applies to (default 1). */
    count?: number;
    /** Fail with this status and a Genesys ErrorBody. */
    status?: number;
    code?: string;
    message?: string;
    /** Retry-After seconds for a 429 (default 1). */
    retryAfterSeconds?: number;
    /** Hold the response this long (clock time) before handling the request normally. */
    delayMs?: number;
    /** Handle the request normally but answer with a truncated JSON body. */
    malformed?: boolean;
}

export interface ActiveFault extends FaultSpec {
    remaining: number;
}

const DEFAULT_CODES: Record<number, string> = {
    400: 'bad.request',
    401: 'authentication.required',
    403: 'missing.permissions',
    404: 'not.found',
    409: 'conflict',
    429: 'too.many.requests',
    500: 'internal.server.error',
    502: 'bad.gateway',
    503: 'service.unavailable',
    504: 'request.timeout'
};

export function defaultCode(status: number): string {
    return DEFAULT_CODES[status] ?? (status >= 500 ? 'internal.server.error' : 'bad.request');
}

export class Faults {
    private active: ActiveFault[] = [];

    constructor(private readonly knownOperations: () => string[]) {}

    add(spec: FaultSpec): ActiveFault {
        const known = this.knownOperations();
        if (spec.operation !== '*' && !known.includes(spec.operation)) {
            throw new Error(`Unknown operation ${spec.operation}; use one of: *, ${known.join(', ')}`);
        }
        if (spec.status === undefined && spec.delayMs === undefined && spec.malformed !== true) {
            throw new Error('A fault needs status, delayMs or malformed');
        }
        if (spec.status !== undefined && (spec.status < 400 || spec.status > 599)) {
            throw new Error('A fault status must be 400-599');
        }
        const fault = { ...spec, remaining: spec.count ?? 1 };
        this.active.push(fault);
        return fault;
    }

    /** Consumes one use of the first fault matching the operation. */
    take(operation: string): FaultSpec | undefined {
        const fault = this.active.find((f) => f.remaining > 0 && (f.operation === operation || f.operation === '*'));
        if (fault === undefined) return undefined;
        fault.remaining -= 1;
        this.active = this.active.filter((f) => f.remaining > 0);
        return fault;
    }

    list(): ActiveFault[] {
        return this.active.map((f) => ({ ...f }));
    }

    clear(): void {
        this.active = [];
    }
}

export interface RateLimitConfig {
    /** Requests allowed per token per window. */
    limit: number;
    windowSeconds: number;
}

export interface RateLimitVerdict {
    allowed: boolean;
    count: number;
    limit: number;
    resetSeconds: number;
}

/** Fixed window per token, on the clock, so tests can advance past a window instead of waiting. */
export class RateLimiter {
    private config: RateLimitConfig | undefined;
    private readonly windows = new Map<string, { start: number; count: number }>();

    constructor(private readonly clock: Clock) {}

    configure(config: RateLimitConfig | undefined): void {
        if (config !== undefined && (config.limit < 1 || config.windowSeconds < 1)) {
            throw new Error('limit and windowSeconds must be at least 1');
        }
        this.config = config;
        this.windows.clear();
    }

    current(): RateLimitConfig | undefined {
        return this.config;
    }

    /** Counts one request for the token; undefined when no budget is configured. */
    hit(token: string): RateLimitVerdict | undefined {
        if (this.config === undefined) return undefined;
        const now = this.clock.now();
        const windowMs = this.config.windowSeconds * 1000;
        let window = this.windows.get(token);
        if (window === undefined || now - window.start >= windowMs) {
            window = { start: now, count: 0 };
            this.windows.set(token, window);
        }
        window.count += 1;
        return {
            allowed: window.count <= this.config.limit,
            count: window.count,
            limit: this.config.limit,
            resetSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000))
        };
    }
}
