// Preview of RelayEventResource + RelayEventService + RelayEventSignature + RelayEventPayload:
// POST /services/apexrest/relay/v1/events. Same rules in the same order: refuse when no signing secret is
// set, refuse bodies over 64 KB, verify the HMAC signature and its five-minute window, validate the payload,
// accept each event id once (Relay_Event_Receipt__c), keep a customer's message in the transcript
// (RelayConversationInbound), then publish Relay_Conversation_Event__e.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { receiveCustomerMessage } from './RelayConversationInbound';
import { copyLater, isSecureUrl, type InboundAttachment } from './attachments';
import type { ApexClassPreview, ApexContext, RestRequest, RestResponse } from './types';

const MAX_BODY_BYTES = 65536;
const MAX_SKEW_SECONDS = 300;
const MAX_TEXT = 255;
const MAX_CHANNEL = 64;
const MAX_DATA = 131072;
/** RelayEventPayload.MAX_ATTACHMENTS and the longest media URL (Media_Url__c). */
const MAX_ATTACHMENTS = 10;
const MAX_URL = 1000;
/** RelayEventPayload.TYPES: the event types the endpoint accepts. */
export const EVENT_TYPES: ReadonlySet<string> = new Set([
    'conversation.alerting',
    'conversation.connected',
    'conversation.disconnected',
    'conversation.transferred',
    'conversation.customerMessage',
    'conversation.wrapUpRequired',
    'conversation.wrapUpSubmitted'
]);
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:\d{2})$/;

const outcome = (statusCode: number, status: string, error: string | null, detail: string | null): RestResponse => ({
    statusCode,
    body: JSON.stringify({ status, error, detail })
});

class InvalidPayload extends Error {
    constructor(
        readonly code: string,
        detail: string
    ) {
        super(detail);
    }
}

/** `sha256=` + lowercase hex HMAC-SHA256 of `timestamp + "." + body`, as RelayEventSignature.sign. */
export function signEvent(secret: string, timestamp: string, body: Buffer | string): string {
    const mac = createHmac('sha256', secret);
    mac.update(`${timestamp}.`);
    mac.update(body);
    return `sha256=${mac.digest('hex')}`;
}

function verify(
    secret: string,
    timestamp: string | undefined,
    signature: string | undefined,
    body: Buffer,
    now: number
) {
    if (!timestamp?.trim()) return ['missing_timestamp', 'The X-Relay-Timestamp header is missing.'];
    const ts = timestamp.trim();
    if (!/^[0-9]{1,12}$/.test(ts))
        return ['invalid_timestamp', 'X-Relay-Timestamp must be unix seconds (digits only).'];
    if (!signature?.trim()) return ['missing_signature', 'The X-Relay-Signature header is missing.'];
    const sig = signature.trim();
    if (!/^sha256=[0-9a-fA-F]{64}$/.test(sig)) {
        return ['malformed_signature', 'X-Relay-Signature must be sha256= followed by 64 hex digits.'];
    }
    if (Math.abs(now - Number(ts)) > MAX_SKEW_SECONDS) {
        return [
            'timestamp_out_of_range',
            'X-Relay-Timestamp is more than 300 seconds from the server clock; sign each attempt with the current time.'
        ];
    }
    const expected = Buffer.from(signEvent(secret, ts, body));
    const actual = Buffer.from(sig.toLowerCase());
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        return [
            'invalid_signature',
            'X-Relay-Signature does not match the body and timestamp for the configured secret.'
        ];
    }
    return null;
}

function text(fields: Record<string, unknown>, key: string, max: number, label = key): string | null {
    const value = fields[key];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new InvalidPayload('invalid_payload', `${label} must be a string.`);
    if (value.length > max) throw new InvalidPayload('invalid_payload', `${label} is longer than ${max} characters.`);
    return value.trim() === '' ? null : value;
}

function required(fields: Record<string, unknown>, key: string, max: number, label = key): string {
    const value = text(fields, key, max, label);
    if (value === null) throw new InvalidPayload('invalid_payload', `${label} is required.`);
    return value;
}

function parseDateTime(value: string): Date {
    const problem = 'occurredAt must be an ISO-8601 date-time such as 2026-11-21T12:00:00.000Z.';
    const m = ISO_DATE_TIME.exec(value);
    const date = m ? new Date(value) : undefined;
    const [, y, mo, d, h, mi, s] = (m ?? []).map(Number);
    const valid =
        m &&
        date &&
        !Number.isNaN(date.getTime()) &&
        mo >= 1 &&
        mo <= 12 &&
        d >= 1 &&
        d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() &&
        h <= 23 &&
        mi <= 59 &&
        s <= 59;
    if (!valid) throw new InvalidPayload('invalid_payload', problem);
    return date;
}

/** RelayEventPayload.parse + toEvent: the validated event as Relay_Conversation_Event__e fields. */
export function parsePayload(body: Buffer): Record<string, unknown> {
    let root: unknown;
    try {
        root = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
        throw new InvalidPayload('malformed_json', 'The body is not valid UTF-8 JSON.');
    }
    if (typeof root !== 'object' || root === null || Array.isArray(root)) {
        throw new InvalidPayload('malformed_json', 'The body must be a JSON object.');
    }
    const f = root as Record<string, unknown>;
    const type = required(f, 'type', MAX_TEXT);
    if (!EVENT_TYPES.has(type)) {
        throw new InvalidPayload('unknown_type', `Unknown event type "${type}"; see docs/events.md for the list.`);
    }
    const eventId = required(f, 'eventId', MAX_TEXT);
    const occurredAt = parseDateTime(required(f, 'occurredAt', MAX_TEXT));
    const conversationId = required(f, 'conversationId', MAX_TEXT);
    const participantId = text(f, 'participantId', MAX_TEXT);
    const userId = text(f, 'userId', MAX_TEXT);
    const queueId = text(f, 'queueId', MAX_TEXT);
    const channel = text(f, 'channel', MAX_CHANNEL);
    if (f.data !== undefined && f.data !== null && (typeof f.data !== 'object' || Array.isArray(f.data))) {
        throw new InvalidPayload('invalid_payload', 'data must be a JSON object.');
    }
    const data = (f.data ?? {}) as Record<string, unknown>;
    validateForType(type, userId, data);
    return {
        Event_Id__c: eventId,
        Type__c: type,
        Occurred_At__c: occurredAt.toISOString(),
        Conversation_Id__c: conversationId,
        Participant_Id__c: participantId,
        Genesys_User_Id__c: userId,
        Queue_Id__c: queueId,
        Channel__c: channel,
        Data__c: JSON.stringify(data)
    };
}

function validateForType(type: string, userId: string | null, data: Record<string, unknown>): void {
    const requireUser = (): void => {
        if (userId === null) throw new InvalidPayload('invalid_payload', `userId is required for ${type}.`);
    };
    const count = (key: string): void => {
        const v = data[key];
        if (v !== undefined && v !== null && !(typeof v === 'number' && Number.isInteger(v) && v >= 0)) {
            throw new InvalidPayload(
                'invalid_payload',
                `data.${key} must be a whole number of milliseconds, 0 or more.`
            );
        }
    };
    switch (type) {
        case 'conversation.alerting':
            requireUser();
            count('alertingTimeoutMs');
            break;
        case 'conversation.disconnected': {
            const by = required(data, 'disconnectedBy', MAX_TEXT, 'data.disconnectedBy');
            if (!['customer', 'agent', 'system'].includes(by)) {
                throw new InvalidPayload('invalid_payload', 'data.disconnectedBy must be customer, agent or system.');
            }
            break;
        }
        case 'conversation.transferred':
            requireUser();
            if (
                text(data, 'targetQueueId', MAX_TEXT, 'data.targetQueueId') === null &&
                text(data, 'targetUserId', MAX_TEXT, 'data.targetUserId') === null
            ) {
                throw new InvalidPayload('invalid_payload', 'data.targetQueueId or data.targetUserId is required.');
            }
            break;
        case 'conversation.customerMessage':
            required(data, 'messageId', MAX_TEXT, 'data.messageId');
            if (typeof data.text !== 'string') {
                throw new InvalidPayload(
                    'invalid_payload',
                    'data.text is required and must be a string (it may be empty).'
                );
            }
            attachmentsOf(data.attachments);
            break;
        case 'conversation.wrapUpRequired':
            requireUser();
            text(data, 'wrapUpPrompt', MAX_TEXT, 'data.wrapUpPrompt');
            count('wrapUpTimeoutMs');
            break;
        case 'conversation.wrapUpSubmitted':
            requireUser();
            text(data, 'wrapUpCode', MAX_TEXT, 'data.wrapUpCode');
            break;
        default:
            requireUser();
    }
    if (JSON.stringify(data).length > MAX_DATA) throw new InvalidPayload('invalid_payload', 'data is too large.');
}

/** RelayEventPayload.attachmentsOf: data.attachments of a customer message, optional; each a media id and a URL. */
export function attachmentsOf(value: unknown): InboundAttachment[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new InvalidPayload('invalid_payload', 'data.attachments must be an array.');
    if (value.length > MAX_ATTACHMENTS) {
        throw new InvalidPayload('invalid_payload', `data.attachments has more than ${MAX_ATTACHMENTS} entries.`);
    }
    return value.map((entry: unknown, i) => {
        const label = `data.attachments[${i}]`;
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
            throw new InvalidPayload('invalid_payload', `${label} must be an object.`);
        }
        const fields = entry as Record<string, unknown>;
        const mediaId = required(fields, 'mediaId', MAX_TEXT, `${label}.mediaId`);
        const url = required(fields, 'url', MAX_URL, `${label}.url`);
        // https in an org; the preview also takes the simulator's loopback http (attachments.ts isSecureUrl).
        if (!isSecureUrl(url) || /\s/.test(url)) {
            throw new InvalidPayload('invalid_payload', `${label}.url must be an https URL without spaces.`);
        }
        const size = fields.sizeBytes;
        if (size !== undefined && size !== null && !(typeof size === 'number' && Number.isInteger(size) && size >= 0)) {
            throw new InvalidPayload(
                'invalid_payload',
                `${label}.sizeBytes must be a whole number of bytes, 0 or more.`
            );
        }
        return {
            mediaId,
            name: text(fields, 'name', MAX_TEXT, `${label}.name`) ?? mediaId,
            contentType: text(fields, 'contentType', MAX_TEXT, `${label}.contentType`),
            sizeBytes: typeof size === 'number' ? size : null,
            url
        };
    });
}

function header(request: RestRequest, name: string): string | undefined {
    const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : request.headers[key];
}

function receive(request: RestRequest, ctx: ApexContext): RestResponse {
    const secret = ctx.store.query('Relay_Settings__c')[0]?.fields.Signing_Secret__c;
    if (typeof secret !== 'string' || secret.trim() === '') {
        return outcome(503, 'unavailable', 'not_configured', 'Relay Settings has no Signing Secret.');
    }
    if (request.body.length > MAX_BODY_BYTES) {
        return outcome(
            413,
            'rejected',
            'payload_too_large',
            `The body is ${request.body.length} bytes; the limit is ${MAX_BODY_BYTES}.`
        );
    }
    const now = Math.floor(ctx.now().getTime() / 1000);
    const refused = verify(
        secret,
        header(request, 'X-Relay-Timestamp'),
        header(request, 'X-Relay-Signature'),
        request.body,
        now
    );
    if (refused) return outcome(401, 'rejected', refused[0], refused[1]);
    let event: Record<string, unknown>;
    try {
        event = parsePayload(request.body);
    } catch (error) {
        if (error instanceof InvalidPayload) return outcome(400, 'rejected', error.code, error.message);
        throw error;
    }
    // The receipt's unique Event Id turns a repeated delivery into a duplicate, as in RelayEventService.
    if (ctx.store.query('Relay_Event_Receipt__c', (r) => r.Event_Id__c === event.Event_Id__c).length > 0) {
        return outcome(200, 'duplicate', null, null);
    }
    ctx.store.insert('Relay_Event_Receipt__c', {
        Event_Id__c: event.Event_Id__c,
        Type__c: event.Type__c,
        Received_At__c: ctx.now().toISOString()
    });
    // RelayEventService.storeCustomerMessage: the transcript has the message before the event announces it.
    let routingDetail: string | null = null;
    if (event.Type__c === 'conversation.customerMessage') {
        const data = JSON.parse(String(event.Data__c)) as { messageId: string; text: string; attachments?: unknown };
        const received = receiveCustomerMessage(
            ctx,
            String(event.Conversation_Id__c),
            typeof event.Channel__c === 'string' ? event.Channel__c : null,
            typeof event.Queue_Id__c === 'string' ? event.Queue_Id__c : null,
            data.messageId,
            data.text,
            String(event.Occurred_At__c),
            attachmentsOf(data.attachments)
        );
        routingDetail = received.routingDetail;
        copyLater(ctx, received.pendingAttachmentIds);
    }
    ctx.bus.publish('Relay_Conversation_Event__e', event);
    // A new interaction no digital queue took is kept all the same; the answer tells the admin what to fix.
    return outcome(202, 'accepted', null, routingDetail);
}

export const RelayEventResource: ApexClassPreview = {
    className: 'RelayEventResource',
    rest: { urlMapping: '/relay/v1/events', handlers: { POST: receive } }
};
