import { isTerminal, keyOf, toChannel } from 'c/relayInteractionState';
import type { ContactCentreEvent, ConversationDetails, DisconnectedBy, Interaction } from 'c/relayInteractionState';

/*
 * A contact-centre event as the console receives it through lightning/empApi, turned into the state machine's
 * ContactCentreEvent: the agent's own signal (a PushTopic notification on /topic/RelayAgentSignals, the fields in
 * data.sobject; signals.ts), which is what the components subscribe to, or a Relay_Conversation_Event__e (the same
 * fields in data.payload), which the org's automation receives. docs/events.md is the wire format; this module is its
 * one reader in LWC.
 */

/** The platform event Relay publishes for the org's automation; no component subscribes to it (docs/events.md). */
export const CONVERSATION_EVENT_CHANNEL = '/event/Relay_Conversation_Event__e';

/** One contact-centre event, parsed from a signal or a platform event. Blank text fields are absent. */
export interface ConversationEventPayload {
    eventId?: string;
    type: string;
    conversationId: string;
    participantId?: string;
    userId?: string;
    queueId?: string;
    channel?: string;
    /** Contact-centre time, ms since epoch. */
    occurredAt: number;
    data: Record<string, unknown>;
}

const DISCONNECTED_BY = new Set<DisconnectedBy>(['customer', 'agent', 'system']);

/**
 * Reads an empApi message: a PushTopic notification ({ channel, data: { event, sobject } }) or a platform event
 * ({ channel, data: { payload, event } }). Field names are matched with or without a namespace prefix, so the same
 * code reads ns__Type__c in a managed package. Returns null for anything that is not a usable conversation event
 * (a signal that never rang has no type).
 */
export function readPayload(message: unknown): ConversationEventPayload | null {
    const data = recordAt(message, 'data');
    const payload = recordAt(data, 'sobject') ?? recordAt(data, 'payload');
    if (!payload) {
        return null;
    }
    const field = (name: string): string | undefined => textOf(fieldOf(payload, name));
    const type = field('Type__c');
    const conversationId = field('Conversation_Id__c');
    const occurredAt = Date.parse(field('Occurred_At__c') ?? '');
    if (!type || !conversationId || Number.isNaN(occurredAt)) {
        return null;
    }
    return withoutUndefined({
        eventId: field('Event_Id__c'),
        type,
        conversationId,
        participantId: field('Participant_Id__c'),
        userId: field('Genesys_User_Id__c'),
        queueId: field('Queue_Id__c'),
        channel: field('Channel__c'),
        occurredAt,
        data: withOffer(parseData(field('Data__c')), field('Customer_Name__c'))
    });
}

/** A signal names who an offer is from in a field of its own (Customer_Name__c); the state machine reads data. */
function withOffer(data: Record<string, unknown>, customerName: string | undefined): Record<string, unknown> {
    return customerName && data.customerName === undefined ? { ...data, customerName } : data;
}

/**
 * Whether this agent's panel keeps the event (docs/events.md §5): it names the agent's Genesys user, or it
 * names nobody and is about a conversation the agent has. Until the agent's user id is known only the
 * second kind passes; the reconciliation that follows catches up on the rest.
 */
export function isForAgent(
    event: ConversationEventPayload,
    genesysUserId: string | null | undefined,
    interactions: readonly Interaction[]
): boolean {
    if (event.userId) {
        return !!genesysUserId && event.userId === genesysUserId;
    }
    return interactions.some((i) => i.conversationId === event.conversationId);
}

/** A customer's message changes nothing the panel shows; every other event means the agent's work moved. */
export function changesWork(event: ConversationEventPayload): boolean {
    return event.type !== 'conversation.customerMessage';
}

/**
 * The state machine's event for a conversation event, or null when it has nothing for the machine (a
 * customer message, an unknown type, an event whose participant cannot be told).
 */
export function toContactCentreEvent(
    event: ConversationEventPayload,
    interactions: readonly Interaction[]
): ContactCentreEvent | null {
    const participantId = event.participantId ?? heldParticipant(event, interactions);
    if (!participantId) {
        return null;
    }
    const base = withoutUndefined({
        conversationId: event.conversationId,
        participantId,
        occurredAt: event.occurredAt,
        eventId: event.eventId
    });
    const data = event.data;
    switch (event.type) {
        case 'conversation.alerting':
            return { ...base, type: 'alerting', ...alertDetails(event, participantId, interactions) };
        case 'conversation.connected':
            return { ...base, type: 'connected' };
        case 'conversation.disconnected':
            // A leg that ends because the conversation was handed over is a transfer, whatever the sender calls it.
            if (data.disconnectType === 'transfer') {
                return { ...base, type: 'transferred' };
            }
            return { ...base, type: 'disconnected', disconnectedBy: disconnectedBy(data.disconnectedBy) };
        case 'conversation.transferred':
            return { ...base, type: 'transferred' };
        case 'conversation.wrapUpRequired':
            return withoutUndefined({
                ...base,
                type: 'wrapUpRequired' as const,
                timeoutMs: wholeNumber(data.wrapUpTimeoutMs)
            });
        case 'conversation.wrapUpSubmitted':
            return withoutUndefined({ ...base, type: 'wrapUpSubmitted' as const, wrapUpCode: textOf(data.wrapUpCode) });
        default:
            return null;
    }
}

/**
 * What an alert says about the conversation. The event does not carry everything (whether the queue wants a
 * wrap-up; the customer's name only when the sender knows it): what the panel already knows is kept, the
 * reconciliation fills the rest.
 */
function alertDetails(
    event: ConversationEventPayload,
    participantId: string,
    interactions: readonly Interaction[]
): Omit<ConversationDetails, 'conversationId' | 'participantId'> {
    const known = interactions.find((i) => keyOf(i) === keyOf({ conversationId: event.conversationId, participantId }));
    return withoutUndefined({
        channel: toChannel(event.channel) ?? known?.channel ?? 'webchat',
        queueId: event.queueId ?? known?.queueId,
        queueName: known?.queueName,
        customerName: textOf(event.data.customerName)?.slice(0, 255) ?? known?.customerName,
        wrapUpRequired: known?.wrapUpRequired ?? false,
        wrapUpOptional: known?.wrapUpOptional,
        alertingTimeoutMs: wholeNumber(event.data.alertingTimeoutMs) ?? known?.alertingTimeoutMs
    });
}

/** An event without a participant id is about the agent's own leg of a conversation the panel holds. */
function heldParticipant(event: ConversationEventPayload, interactions: readonly Interaction[]): string | undefined {
    if (event.type === 'conversation.alerting') {
        return undefined; // a new alert needs its own participant; the reconciliation brings it
    }
    const held = interactions.filter((i) => i.conversationId === event.conversationId);
    return (held.find((i) => !isTerminal(i.state)) ?? held[held.length - 1])?.participantId;
}

function disconnectedBy(value: unknown): DisconnectedBy {
    return typeof value === 'string' && DISCONNECTED_BY.has(value as DisconnectedBy)
        ? (value as DisconnectedBy)
        : 'system';
}

function parseData(raw: string | undefined): Record<string, unknown> {
    if (!raw) {
        return {};
    }
    try {
        const parsed: unknown = JSON.parse(raw);
        return isRecord(parsed) ? parsed : {};
    } catch {
        return {}; // a malformed Data__c loses its details, not the event
    }
}

function fieldOf(payload: Record<string, unknown>, name: string): unknown {
    if (name in payload) {
        return payload[name];
    }
    const namespaced = Object.keys(payload).find((key) => key.endsWith(`__${name}`));
    return namespaced === undefined ? undefined : payload[namespaced];
}

function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
        return undefined;
    }
    const inner = value[key];
    return isRecord(inner) ? inner : undefined;
}

function textOf(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function wholeNumber(value: unknown): number | undefined {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops keys whose value is undefined, so spreading the result never erases what is already known. */
export function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
