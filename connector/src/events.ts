// Relay's conversation events, as the Apex endpoint accepts them (docs/events.md §2), and their deterministic ids.
import { createHash } from 'node:crypto';

/** The types the endpoint accepts (docs/events.md §2.2). */
export const RELAY_EVENT_TYPES = [
    'conversation.alerting',
    'conversation.connected',
    'conversation.disconnected',
    'conversation.transferred',
    'conversation.customerMessage',
    'conversation.agentFiles',
    'conversation.wrapUpRequired',
    'conversation.wrapUpSubmitted',
    // Not derived from Genesys: Bring Your Own Channel's bridge (byoc/bridge.ts) names the MessagingSession it opened.
    'conversation.messagingSession'
] as const;

export type RelayEventType = (typeof RELAY_EVENT_TYPES)[number];

/** Messaging channels the endpoint knows (docs/events.md §2.1). */
export type RelayChannel = 'webchat' | 'sms' | 'whatsapp' | 'facebook' | 'instagram' | 'twitter' | 'email';

/** The body of one POST (docs/events.md §2.1). */
export interface RelayEvent {
    eventId: string;
    type: RelayEventType;
    occurredAt: string;
    conversationId: string;
    participantId: string | null;
    userId: string | null;
    queueId: string | null;
    channel: RelayChannel | null;
    data: Record<string, unknown>;
}

/** docs/events.md §5: the org keeps the first 32,768 characters; longer text would only risk the 64 KB body limit. */
export const MAX_TEXT = 32_768;
/** docs/events.md §2.4: at most 10 files per message (a customer's or an agent's). */
export const MAX_ATTACHMENTS = 10;
/** docs/events.md §2.1: an email's `data.subject` is at most 255 characters. */
export const MAX_SUBJECT = 255;

/** Fixed namespace of the connector's name-based (version 5) UUIDs. Changing it changes every event id. */
export const EVENT_ID_NAMESPACE = '6f1c2a57-3b8e-4d0a-9c41-52e7d8a9b310';

/**
 * RFC 4122 §4.3 name-based UUID (version 5, SHA-1) of `name` in `namespace`: the same name gives the same id
 * on every instance and after every restart, so the endpoint's dedupe on `eventId` works across them.
 */
export function uuidV5(name: string, namespace: string = EVENT_ID_NAMESPACE): string {
    const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
    const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
    hash[6] = (hash[6]! & 0x0f) | 0x50;
    hash[8] = (hash[8]! & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of a change: its conversation, the event type and what it is about (a participant leg, or a message).
 * A Genesys participant is one leg of one party (a transfer or a new offer adds a participant), so
 * (conversation, type, participant) names one change exactly once.
 */
export function eventIdFor(conversationId: string, type: RelayEventType, subject: string): string {
    return uuidV5(`relay-event/v1|${conversationId}|${type}|${subject}`);
}
