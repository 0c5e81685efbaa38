import TEXT_REQUIRED from '@salesforce/label/c.Relay_Email_TextRequired';
import SUBJECT_REQUIRED from '@salesforce/label/c.Relay_Email_SubjectRequired';
import type { RelayMessageView } from './transcript';

// The Salesforce field Relay_Interaction__c.Subject__c holds 255 characters; the Apex refuses a longer subject.
export const MAX_SUBJECT_LENGTH = 255;

/**
 * The subject an email reply goes under unless the agent edits it, as the Apex writes it
 * (RelayConversationService.replyTo): `Re: ` and the interaction's subject (else the customer's latest email's), not
 * prefixed twice; with no email of the customer's yet (an email the agent started), the subject as it is.
 */
export function defaultReplySubject(
    interactionSubject: string | null | undefined,
    messages: RelayMessageView[]
): string {
    const fromCustomer = messages.filter((m) => m.direction === 'inbound');
    const base = nonBlank(interactionSubject) ?? nonBlank(fromCustomer.at(-1)?.subject) ?? '';
    if (fromCustomer.length === 0) {
        return base;
    }
    return /^re:/i.test(base) ? base : `Re: ${base}`.trim();
}

/**
 * What stops an email reply before anything is uploaded: an email always has text (files alone are not an email),
 * and a subject the agent edited must not be blank. Null when it may go (the other rules are the reply's own).
 * @param subject the subject the agent edited; undefined when untouched (the Apex writes the default)
 */
export function emailReplyProblem(draft: string, subject: string | undefined): string | null {
    if (draft.trim() === '') {
        return TEXT_REQUIRED;
    }
    if (subject !== undefined && subject.trim() === '') {
        return SUBJECT_REQUIRED;
    }
    return null;
}

function nonBlank(value: string | null | undefined): string | null {
    return value !== null && value !== undefined && value.trim() !== '' ? value.trim() : null;
}
