/**
 * Send a message on behalf of a queue (seed 003), as pure logic: the queues offered per channel and as the agent
 * types, whether the recipient typed is a message identifier or a name to look up, and the checks RelayMessageService
 * applies again on the server. No DOM: c/relaySendMessageDialog renders what this module decides.
 */
import type { OutboundChannel } from 'c/relayOutboundModel';
import { normalizePhone } from 'c/relayOutboundModel';

/** RelayMessageRequest.channel. */
export type MessageChannel = 'SMS' | 'WhatsApp';

/** RelayMessageOptions. */
export interface MessageOptions {
    missingPermissions: string[];
    sms: OutboundChannel[];
    whatsApp: OutboundChannel[];
}

/** RelayMessageContact: a person found by name, with the identifiers a message can go to. */
export interface MessageContact {
    id: string;
    name: string;
    sms?: string | null;
    whatsApp?: string | null;
}

/** RelayMessageStart. */
export interface MessageStart {
    outcome: 'Started' | 'OpenUnassigned';
    conversationId: string;
    message?: string | null;
}

/** RelayMessageRequest. */
export interface MessageRequest {
    channel: MessageChannel;
    queueId: string;
    recipient: string;
    externalContactId: string | null;
    takeOver: boolean;
}

/** What the agent chose. */
export interface MessageDraft {
    channel: MessageChannel | '';
    queueId: string;
    recipient: string;
}

export type MessageField = 'channel' | 'queue' | 'recipient';
export type MessageProblem = 'channelRequired' | 'queueRequired' | 'phoneInvalid' | 'whatsAppInvalid';
export interface MessageError {
    field: MessageField;
    problem: MessageProblem;
}

/** Fewer characters than this find no one (RelayMessageService.findContacts asks nothing then). */
export const MIN_CONTACT_SEARCH = 2;

// E.164 with its + for SMS; a WhatsApp id is the same digits without + and without an international dialling prefix
// (RelayMessageService uses the same patterns).
const E164 = /^\+[1-9][0-9]{6,14}$/;
const WHATSAPP_ID = /^[1-9][0-9]{6,14}$/;
const LOOKS_LIKE_NUMBER = /^[+\d\s\-().]+$/;

/** The queues of a channel. */
export function queuesFor(options: MessageOptions | undefined, channel: MessageChannel | ''): OutboundChannel[] {
    if (!options || channel === '') {
        return [];
    }
    return channel === 'SMS' ? (options.sms ?? []) : (options.whatsApp ?? []);
}

/**
 * The queues whose name, or a word of it, starts with what the agent typed ("type the first few characters of the
 * queue name"), in the order given; all of them before anything is typed.
 */
export function matchingQueues(queues: OutboundChannel[], typed: string): OutboundChannel[] {
    const term = typed.trim().toLocaleLowerCase();
    if (term === '') {
        return queues;
    }
    return queues.filter((q) => {
        const name = q.queueName.toLocaleLowerCase();
        return name.startsWith(term) || name.split(/\s+/).some((word) => word.startsWith(term));
    });
}

/** Whether what the agent typed in To is a number (a message identifier) rather than a name to look up. */
export function isIdentifier(typed: string): boolean {
    return LOOKS_LIKE_NUMBER.test(typed.trim());
}

/** Whether the contact search should run for what the agent typed. */
export function searchesContacts(typed: string): boolean {
    const trimmed = typed.trim();
    return trimmed.length >= MIN_CONTACT_SEARCH && !isIdentifier(trimmed);
}

/** The recipient as it will be sent: separators removed from a number. */
export function normalizedRecipient(typed: string): string {
    const trimmed = typed.trim();
    return isIdentifier(trimmed) ? normalizePhone(trimmed) : trimmed;
}

/** The identifier a found person is messaged at on the channel, or undefined when they have none. */
export function addressOf(contact: MessageContact, channel: MessageChannel | ''): string | undefined {
    const address = channel === 'SMS' ? contact.sms : channel === 'WhatsApp' ? contact.whatsApp : undefined;
    return address ?? undefined;
}

/**
 * Who Start messages: the person chosen from the search, at their address on the channel (the contact is then
 * associated), or else the identifier as typed, separators removed.
 */
export function recipientOf(
    typed: string,
    chosen: MessageContact | undefined,
    channel: MessageChannel | ''
): { recipient: string; externalContactId: string | null } {
    const address = chosen ? addressOf(chosen, channel) : undefined;
    if (chosen && address) {
        return { recipient: address, externalContactId: chosen.id };
    }
    return { recipient: normalizedRecipient(typed), externalContactId: null };
}

/** The people found who can be messaged on the channel. */
export function reachableOn(contacts: MessageContact[], channel: MessageChannel | ''): MessageContact[] {
    return contacts.filter((c) => addressOf(c, channel) !== undefined);
}

/** Everything wrong with the choices, in the order of the fields; empty when Start may go on. */
export function messageErrors(draft: MessageDraft): MessageError[] {
    const errors: MessageError[] = [];
    if (draft.channel === '') {
        errors.push({ field: 'channel', problem: 'channelRequired' });
    }
    if (draft.queueId === '') {
        errors.push({ field: 'queue', problem: 'queueRequired' });
    }
    const recipient = normalizedRecipient(draft.recipient);
    if (draft.channel === 'SMS' && !E164.test(recipient)) {
        errors.push({ field: 'recipient', problem: 'phoneInvalid' });
    }
    if (draft.channel === 'WhatsApp' && !WHATSAPP_ID.test(recipient)) {
        errors.push({ field: 'recipient', problem: 'whatsAppInvalid' });
    }
    return errors;
}

/** A WhatsApp template the agent can send (RelayTemplateView). */
export interface MessageTemplate {
    id: string;
    name: string;
    text: string | null;
    language?: string | null;
    parameters: Array<{ id: string; description: string; defaultValue?: string | null }>;
}

/** WhatsApp's customer-care window: free-form messages only within this long after the customer's last message. */
export const CARE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Whether the conversation is outside WhatsApp's customer-care window as far as its transcript shows: no message
 * from the customer, or the last one older than 24 hours. Genesys Cloud decides (the window counts the contact's
 * messages in other conversations too); this only tells the agent to expect that a template is needed.
 */
export function outsideCareWindow(
    messages: ReadonlyArray<{ direction: string; sentAt: string | null }>,
    now: number
): boolean {
    const lastInbound = messages
        .filter((m) => m.direction === 'inbound' && m.sentAt)
        .map((m) => Date.parse(m.sentAt as string))
        .filter((t) => !Number.isNaN(t))
        .reduce((latest, t) => Math.max(latest, t), Number.NEGATIVE_INFINITY);
    return now - lastInbound > CARE_WINDOW_MS;
}

/** The text the customer will read: each {{id}} replaced by its value, a placeholder without one left as it is. */
export function renderTemplate(text: string | null, values: Readonly<Record<string, string>>): string {
    return (text ?? '').replace(/\{\{([^{}]+)\}\}/g, (placeholder, id: string) => {
        const value = values[id.trim()];
        return value && value.trim() !== '' ? value.trim() : placeholder;
    });
}

/** The first parameter still without a value, or undefined when every one has one. */
export function missingValue(
    template: MessageTemplate,
    values: Readonly<Record<string, string>>
): MessageTemplate['parameters'][number] | undefined {
    return template.parameters.find((p) => (values[p.id] ?? '').trim() === '');
}
