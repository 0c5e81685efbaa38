/**
 * Outbound email and SMS from the Digital tab, as pure logic: the channels an agent may send on, the draft's
 * checks (the same rules RelayOutboundService applies again on the server) and the request Save and Send makes.
 * No DOM: c/relayOutboundComposer renders what this module decides.
 */

/** RelayOutboundRequest.mediaType. */
export type OutboundMediaType = 'Email' | 'SMS';

/** A queue and the address it sends from (RelayOutboundChannel). */
export interface OutboundChannel {
    queueId: string;
    queueName: string;
    mediaType: OutboundMediaType;
    address: string;
    senderName?: string | null;
}

/** RelayOutboundChannels. */
export interface OutboundChannels {
    email: OutboundChannel[];
    sms: OutboundChannel[];
}

/** What the agent typed on the first page. */
export interface OutboundDraft {
    mediaType: OutboundMediaType;
    queueId: string;
    recipient: string;
    subject: string;
    message: string;
}

/** The contact details page. */
export interface OutboundDetails {
    nameId: string | null;
    relatesToId: string | null;
    notes: string;
}

/** A field the agent must correct, and the problem (a key the component turns into a custom label). */
export type DraftField = 'channel' | 'recipient' | 'subject' | 'message';
export type DraftProblem =
    | 'channelRequired'
    | 'emailInvalid'
    | 'phoneInvalid'
    | 'subjectRequired'
    | 'subjectTooLong'
    | 'messageRequired'
    | 'messageTooLong';
export interface DraftError {
    field: DraftField;
    problem: DraftProblem;
    /** For the too-long problems: the length and the limit, in that order. */
    values?: [number, number];
}

/** Genesys Cloud's limit for an SMS text (AdditionalMessage.textBody: at most 765 characters for SMS). */
export const SMS_TEXT_LIMIT = 765;
/** The limit of an email's text (RelayConversationService.EMAIL_TEXT_LIMIT: what the transcript record holds). */
export const EMAIL_TEXT_LIMIT = 32768;
/** Relay_Interaction__c.Subject__c's length. */
export const SUBJECT_LIMIT = 255;

// E.164: a +, then the country code and number, at most 15 digits (RelayOutboundService uses the same pattern).
const E164 = /^\+[1-9][0-9]{6,14}$/;
const EMAIL_ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The channels of one media type. */
export function channelsOf(channels: OutboundChannels | undefined, mediaType: OutboundMediaType): OutboundChannel[] {
    if (!channels) {
        return [];
    }
    return mediaType === 'Email' ? (channels.email ?? []) : (channels.sms ?? []);
}

/** The channel picker's options: the sender address, then its queue. */
export function channelOptions(channels: OutboundChannel[]): Array<{ label: string; value: string }> {
    return channels.map((c) => ({ label: `${c.address} (${c.queueName})`, value: c.queueId }));
}

/** The most characters the message may have. */
export function messageLimit(mediaType: OutboundMediaType): number {
    return mediaType === 'SMS' ? SMS_TEXT_LIMIT : EMAIL_TEXT_LIMIT;
}

/** A phone number as agents type it (spaces, dashes, dots, brackets) reduced to what E.164 keeps. */
export function normalizePhone(value: string): string {
    return value.replace(/[\s\-().]/g, '');
}

/** The formats an email's message offers once the agent shows the format controls. */
export const EMAIL_FORMATS: readonly string[] = ['bold', 'italic', 'underline', 'list'];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ', '#39': "'" };

/**
 * The plain text of a formatted message: what the email's text body carries beside its HTML, and what the length
 * limit counts. Blocks and line breaks become new lines, tags go, the common entities are decoded.
 */
export function plainTextOf(html: string): string {
    return html
        .replace(/<br\s*\/?>/gi, '\n')
        .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
        .replace(/<li[^>]*>/gi, '• ')
        .replace(/<[^>]*>/g, '')
        .replace(/&(amp|lt|gt|quot|nbsp|#39);/g, (_match, name: string) => ENTITIES[name] ?? '')
        .replace(/\n{3,}/g, '\n\n')
        .trim();
}

/** The recipient as it will be sent: trimmed, and for SMS without separators. */
export function normalizedRecipient(mediaType: OutboundMediaType, value: string): string {
    const trimmed = value.trim();
    return mediaType === 'SMS' ? normalizePhone(trimmed) : trimmed;
}

/** Everything wrong with the first page, in the order of its fields; empty when Next may go on. */
export function draftErrors(draft: OutboundDraft): DraftError[] {
    const errors: DraftError[] = [];
    if (!draft.queueId) {
        errors.push({ field: 'channel', problem: 'channelRequired' });
    }
    const recipient = normalizedRecipient(draft.mediaType, draft.recipient);
    if (draft.mediaType === 'Email' && !EMAIL_ADDRESS.test(recipient)) {
        errors.push({ field: 'recipient', problem: 'emailInvalid' });
    }
    if (draft.mediaType === 'SMS' && !E164.test(recipient)) {
        errors.push({ field: 'recipient', problem: 'phoneInvalid' });
    }
    if (draft.mediaType === 'Email') {
        const subject = draft.subject.trim();
        if (subject === '') {
            errors.push({ field: 'subject', problem: 'subjectRequired' });
        } else if (subject.length > SUBJECT_LIMIT) {
            errors.push({ field: 'subject', problem: 'subjectTooLong', values: [subject.length, SUBJECT_LIMIT] });
        }
    }
    const limit = messageLimit(draft.mediaType);
    if (draft.message.trim() === '') {
        errors.push({ field: 'message', problem: 'messageRequired' });
    } else if (draft.message.length > limit) {
        errors.push({ field: 'message', problem: 'messageTooLong', values: [draft.message.length, limit] });
    }
    return errors;
}

/** RelayOutboundController.sendOutbound's request. */
export interface OutboundRequest {
    mediaType: OutboundMediaType;
    queueId: string;
    recipient: string;
    subject: string | null;
    message: string;
    nameId: string | null;
    relatesToId: string | null;
    notes: string | null;
}

/** The request Save and Send makes of a checked draft and its contact details. */
export function toRequest(draft: OutboundDraft, details: OutboundDetails): OutboundRequest {
    return {
        mediaType: draft.mediaType,
        queueId: draft.queueId,
        recipient: normalizedRecipient(draft.mediaType, draft.recipient),
        subject: draft.mediaType === 'Email' ? draft.subject.trim() : null,
        message: draft.message,
        nameId: details.nameId || null,
        relatesToId: details.relatesToId || null,
        notes: details.notes.trim() === '' ? null : details.notes
    };
}
