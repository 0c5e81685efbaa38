// Retry delays (docs/events.md §4, "Retries and ordering"): exponential from the base, capped, with jitter.
export interface BackoffPolicy {
    baseMs: number;
    maxMs: number;
    /** 0..1; tests pass a fixed value. */
    random?: () => number;
}

/** Delay before attempt number `attempt + 1`, after `attempt` failed attempts (1, 2, 3...). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
    const exponent = Math.min(Math.max(attempt - 1, 0), 30);
    const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
    // "Equal jitter": at least half the ceiling, so retries spread out without collapsing to zero.
    const random = (policy.random ?? Math.random)();
    return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP date; null when absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
    if (header === null) return null;
    const text = header.trim();
    if (/^\d+$/.test(text)) return Number(text) * 1000;
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}
