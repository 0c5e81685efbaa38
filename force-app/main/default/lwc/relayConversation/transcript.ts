import CUSTOMER from '@salesforce/label/c.Relay_Conversation_Customer';
import AGENT from '@salesforce/label/c.Relay_Conversation_Agent';
import REPLY_REQUIRED from '@salesforce/label/c.Relay_Conversation_ReplyRequired';
import REPLY_TOO_LONG from '@salesforce/label/c.Relay_Conversation_ReplyTooLong';
import STATUS_QUEUED from '@salesforce/label/c.Relay_Conversation_Status_Queued';
import STATUS_SENT from '@salesforce/label/c.Relay_Conversation_Status_Sent';
import STATUS_DELIVERED from '@salesforce/label/c.Relay_Conversation_Status_Delivered';
import STATUS_FAILED from '@salesforce/label/c.Relay_Conversation_Status_Failed';
import STATUS_READ from '@salesforce/label/c.Relay_Conversation_Status_Read';
import { attachmentRows } from './files';
import type { AttachmentRow, RelayAttachmentView } from './files';

/*
 * The conversation component's pure logic: what each message row shows, whether a draft may be sent, which
 * key sends, and which platform events concern this conversation.
 */

/** One message of the transcript, as RelayConversationController returns it (RelayMessageView). */
export interface RelayMessageView {
    /**
     * The Relay Message's id; null for an email of the thread Relay has no record of (Genesys's answer to an email
     * reply, EmailMessageReply, carries no id, so a reply cannot be matched to its thread entry).
     */
    id: string | null;
    direction: 'inbound' | 'outbound';
    author: string | null;
    text: string;
    /** ISO-8601 in UTC. */
    sentAt: string | null;
    /** Queued, Sent, Delivered, Failed, Received or Read. */
    deliveryStatus: string | null;
    /** The files the message carries (never null from the Apex; older views may lack it). */
    attachments?: RelayAttachmentView[] | null;
    /** The email's subject, on an email interaction's transcript; null for a message. */
    subject?: string | null;
    /**
     * On the reply sendReply returns when only part of it went (one body per message: each file, then the text, is a
     * message of its own): why the rest did not go; null when everything went.
     */
    unsentReason?: string | null;
    /** On a reply that went in part: true when its text did not go. */
    textUnsent?: boolean | null;
    /** On a reply that went in part: the media ids of the files that did not go. */
    unsentMediaIds?: string[] | null;
}

/** One message as the template renders it. */
export interface MessageRow {
    key: string;
    /** An email's subject (an email interaction's transcript); null for a message. */
    subject: string | null;
    text: string;
    author: string;
    sentAt: string | null;
    statusText: string | null;
    failed: boolean;
    attachments: AttachmentRow[];
    hasAttachments: boolean;
    /** A reply of files only has no text bubble. */
    hasText: boolean;
    itemClass: string;
    textClass: string;
}

/**
 * Where the conversation hears of a customer's message: the agent's own signal (c/relayWorkItemStore's
 * AGENT_SIGNAL_CHANNEL, a PushTopic only the agent can receive), which names the conversation, never the text.
 */
export const CONVERSATION_EVENT_CHANNEL = '/topic/RelayAgentSignals';
/** The event type of a customer's message. */
export const CUSTOMER_MESSAGE = 'conversation.customerMessage';

const STATUS_LABELS: Readonly<Record<string, string>> = {
    Queued: STATUS_QUEUED,
    Sent: STATUS_SENT,
    Delivered: STATUS_DELIVERED,
    Failed: STATUS_FAILED,
    Read: STATUS_READ
};

/**
 * The rows of a transcript. A customer message without an author shows the interaction's customer name, or
 * "Customer"; only replies show how far they got (a customer message was received by definition).
 */
export function toRows(messages: readonly RelayMessageView[], customerName: string | null | undefined): MessageRow[] {
    return messages.map((message, index) => {
        const inbound = message.direction === 'inbound';
        const failed = !inbound && message.deliveryStatus === 'Failed';
        const side = inbound ? 'inbound' : 'outbound';
        const attachments = attachmentRows(message.attachments);
        return {
            key: message.id ?? `unrecorded-${index}`,
            subject: nonBlank(message.subject) ?? null,
            text: message.text ?? '',
            author: nonBlank(message.author) ?? (inbound ? (nonBlank(customerName) ?? CUSTOMER) : AGENT),
            sentAt: message.sentAt,
            statusText: inbound ? null : (STATUS_LABELS[message.deliveryStatus ?? ''] ?? null),
            failed,
            attachments,
            hasAttachments: attachments.length > 0,
            hasText: (message.text ?? '') !== '' || attachments.length === 0,
            itemClass: `slds-chat-listitem slds-chat-listitem_${side}`,
            textClass:
                `slds-chat-message__text slds-chat-message__text_${side} relay-message-text` +
                (failed ? ' slds-chat-message__text_delivery-failure' : '')
        };
    });
}

/** Adds a message to a transcript unless it is already there (by id), keeping the order of sentAt. */
export function withMessage(messages: readonly RelayMessageView[], message: RelayMessageView): RelayMessageView[] {
    if (messages.some((m) => m.id === message.id)) {
        return [...messages];
    }
    const time = (m: RelayMessageView): number => Date.parse(m.sentAt ?? '') || 0;
    const index = messages.findIndex((m) => time(m) > time(message));
    return index < 0 ? [...messages, message] : [...messages.slice(0, index), message, ...messages.slice(index)];
}

/**
 * Why a draft cannot be sent on a channel with this limit, or null when it can (the Apex checks the same).
 * Text may be left out when the reply carries at least one file.
 */
export function replyProblem(draft: string, maxLength: number, fileCount = 0): string | null {
    if (draft.trim() === '' && fileCount === 0) {
        return REPLY_REQUIRED;
    }
    if (draft.length > maxLength) {
        return format(REPLY_TOO_LONG, draft.length, maxLength);
    }
    return null;
}

/** Ctrl+Enter, or Cmd+Enter on a Mac, sends; Enter alone starts a new line. */
export function isSendShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'isComposing'>): boolean {
    return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing;
}

/**
 * Whether an empApi message (the agent's signal, its fields in data.sobject; or a platform event, in data.payload)
 * says the customer wrote in this conversation. Field names are matched with or without a namespace prefix, so the
 * same code reads ns__Type__c in a managed package.
 */
export function isCustomerMessageFor(message: unknown, conversationId: string | null | undefined): boolean {
    const payload = fieldsOf(message);
    if (!payload || !conversationId) {
        return false;
    }
    return field(payload, 'Type__c') === CUSTOMER_MESSAGE && field(payload, 'Conversation_Id__c') === conversationId;
}

/** Whether an empApi message is a customer's message at all (its conversation may still be unknown). */
export function isCustomerMessage(message: unknown): boolean {
    const payload = fieldsOf(message);
    return !!payload && field(payload, 'Type__c') === CUSTOMER_MESSAGE;
}

/** Fills {0}, {1}, ... in a label. */
export function format(label: string, ...values: Array<string | number>): string {
    return label.replace(/\{(\d+)\}/g, (whole, index: string) => {
        const value = values[Number(index)];
        return value === undefined ? whole : String(value);
    });
}

function fieldsOf(message: unknown): Record<string, unknown> | undefined {
    const data = recordAt(message, 'data');
    return recordAt(data, 'sobject') ?? recordAt(data, 'payload');
}

function field(payload: Record<string, unknown>, name: string): unknown {
    if (name in payload) {
        return payload[name];
    }
    const namespaced = Object.keys(payload).find((key) => key.endsWith(`__${name}`));
    return namespaced === undefined ? undefined : payload[namespaced];
}

function recordAt(value: unknown, key: string): Record<string, unknown> | undefined {
    if (typeof value !== 'object' || value === null) {
        return undefined;
    }
    const inner = (value as Record<string, unknown>)[key];
    return typeof inner === 'object' && inner !== null && !Array.isArray(inner)
        ? (inner as Record<string, unknown>)
        : undefined;
}

function nonBlank(value: string | null | undefined): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
