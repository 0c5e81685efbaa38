// How an event is signed for Relay's endpoint: the one place to change when the public-key signature
// (Crypto.verify in the org, keys in custom metadata) replaces today's shared-secret HMAC.
//
// Today's recipe (docs/events.md §3, verified by RelayEventSignature.cls):
//   X-Relay-Timestamp: <unix seconds of this attempt>
//   X-Relay-Signature: sha256=<lowercase hex HMAC-SHA256(secret, timestamp + "." + rawBody)>
// Each attempt is signed when it is sent (the endpoint refuses timestamps more than 300 s off).
import { createHmac } from 'node:crypto';

/** The headers that sign `rawBody` (the exact bytes sent) at `nowMs`. */
export type EventSigner = (rawBody: string, nowMs: number) => Record<string, string>;

export function hmacSigner(secret: string): EventSigner {
    return (rawBody, nowMs) => {
        const timestamp = String(Math.floor(nowMs / 1000));
        const mac = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex');
        return { 'X-Relay-Timestamp': timestamp, 'X-Relay-Signature': `sha256=${mac}` };
    };
}
