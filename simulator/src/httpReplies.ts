// What the simulator's HTTP routes (server.ts, notifications.ts) answer alike: Genesys Cloud's 429 and the JSON
// body rules.
import type { IncomingMessage } from 'node:http';
import { SimError, errorBody, type ErrorBody } from './errors';

/** Genesys Cloud's 429: its ErrorBody with the limit that was hit, and Retry-After. */
export function tooManyRequests(
    retryAfter: number,
    limit: number,
    headers: Record<string, string>
): { status: number; body: ErrorBody; headers: Record<string, string> } {
    const body = errorBody(
        429,
        'too.many.requests',
        `Rate limit exceeded the maximum. Retry the request in [${retryAfter}] seconds`,
        {
            messageWithParams: 'Rate limit exceeded the maximum. Retry the request in [{retryAfter}] seconds',
            params: { retryAfter: String(retryAfter) },
            limit: { key: 'token.rate.per.minute', namespace: 'platform.api', value: limit }
        }
    );
    return { status: 429, body, headers: { ...headers, 'Retry-After': String(retryAfter) } };
}

/** A request's JSON body; none when it is empty. 415 for another content type, 400 for malformed JSON. */
export function parseJsonBody(req: IncomingMessage, rawBody: string): unknown {
    if (rawBody.trim() === '') return undefined;
    const type = (req.headers['content-type'] ?? '').toLowerCase();
    if (!type.includes('json')) {
        throw new SimError(
            415,
            'unsupported.media.type',
            `Unsupported content type ${type || '(none)'}; send application/json`
        );
    }
    try {
        return JSON.parse(rawBody) as unknown;
    } catch {
        throw new SimError(
            400,
            'bad.request',
            'The request could not be understood by the server due to malformed syntax.'
        );
    }
}
