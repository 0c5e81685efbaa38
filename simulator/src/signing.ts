// Webhook signing, exactly as Relay's Apex event endpoint verifies it:
//   X-Relay-Timestamp: <unix seconds>
//   X-Relay-Signature: sha256=<lowercase hex HMAC-SHA256(secret, timestamp + "." + rawBody)>
// The timestamp is inside the signed string so a captured request cannot be replayed later with a
// fresh timestamp; the receiver also rejects timestamps outside its tolerance window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Relay-Timestamp';
export const SIGNATURE_HEADER = 'X-Relay-Signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `sha256=<hex>` for the raw body sent at `timestamp` (unix seconds). */
export function sign(secret: string, timestamp: number | string, rawBody: string): string {
    const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
    return `sha256=${mac}`;
}

/** The two headers to send with `rawBody` at `nowMs`. */
export function signedHeaders(secret: string, rawBody: string, nowMs: number): Record<string, string> {
    const timestamp = Math.floor(nowMs / 1000);
    return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: sign(secret, timestamp, rawBody) };
}

/** Checks both headers: a well-formed, fresh timestamp and a matching signature (constant-time compare). */
export function verify(
    secret: string,
    rawBody: string,
    headers: { timestamp: string | undefined; signature: string | undefined },
    options: { nowMs: number; toleranceSeconds?: number }
): boolean {
    const { timestamp, signature } = headers;
    if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
    const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
    if (Math.abs(Math.floor(options.nowMs / 1000) - Number(timestamp)) > tolerance) return false;
    const expected = Buffer.from(sign(secret, timestamp, rawBody), 'utf8');
    const actual = Buffer.from(signature, 'utf8');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
}
