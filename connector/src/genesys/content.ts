// A customer message's content: notifications carry only its id, so before its event is sent the connector reads
// GET /api/v2/conversations/messages/{conversationId}/messages/{messageId} through the SDK
// (ConversationsApi.getConversationsMessageMessage, answer MessageData; "Requires ANY permissions:
// conversation:message:view, conversation:webmessaging:view", build/docs/ConversationsApi.md of the JS SDK) and puts
// `normalizedMessage.text` and the files of `normalizedMessage.content[].attachment` into the event (docs/events.md
// §2.2, §2.4).
//
// Email conversations: the notification does not list the emails, so the thread is read first
// (readEmailThread: GET /api/v2/conversations/emails/{conversationId}/messages, ConversationsApi
// .getConversationsEmailMessages, answer EmailMessagePreviewListing, whose text is only `textBodyPreview`); before a
// customer email's event is sent the email is read whole (GET …/emails/{conversationId}/messages/{messageId},
// getConversationsEmailMessage, answer EmailMessage) for its `textBody` (never the HTML), subject and attachments. An
// agent email's files (conversation.agentFiles of an email) are read the same way just before they are copied, for
// each file's current `contentUri` only.
// Both "Require NO permissions" (build/docs/ConversationsApi.md of the JS SDK).
import type { Logger } from 'pino';
import type { Models } from 'purecloud-platform-client-v2';
import type { Clock } from '../clock';
import type { Enricher } from '../delivery';
import { MAX_ATTACHMENTS, MAX_SUBJECT, MAX_TEXT, type RelayEvent } from '../events';
import { GenesysApiError, GenesysRetryLater, type GenesysApi } from './api';
import { StoppedError } from './auth';

interface Attachment {
    mediaId: string;
    url: string;
    name?: string;
    contentType?: string;
    sizeBytes?: number;
}

/** The event with the email's text body (not its HTML), subject and attachments (SDK Attachment). */
export function withEmailContent(event: RelayEvent, email: Models.EmailMessage): RelayEvent {
    const data = withAttachments({ ...event.data, text: (email.textBody ?? '').slice(0, MAX_TEXT) }, emailFiles(email));
    if (email.subject !== undefined && email.subject !== '') data.subject = email.subject.slice(0, MAX_SUBJECT);
    return { ...event, data };
}

/**
 * An agent email's conversation.agentFiles with its files as the email lists them now (a fresh `contentUri` for each
 * file the event names; what was already copied is kept): no text, no subject, no file the event did not name.
 */
export function withEmailFiles(event: RelayEvent, email: Models.EmailMessage): RelayEvent {
    const named = new Set(
        (Array.isArray(event.data.attachments) ? (event.data.attachments as Attachment[]) : []).map((a) => a.mediaId)
    );
    return {
        ...event,
        data: withAttachments(
            event.data,
            emailFiles(email).filter((a) => named.has(a.mediaId))
        )
    };
}

/** An email's files (SDK Attachment): those with an attachment id and a contentUri. */
function emailFiles(email: Models.EmailMessage): Attachment[] {
    return (email.attachments ?? []).flatMap((a) => {
        if (a.attachmentId === undefined || a.contentUri === undefined) return [];
        return [
            {
                mediaId: a.attachmentId,
                url: a.contentUri,
                ...(a.name === undefined ? {} : { name: a.name.slice(0, 255) }),
                ...(a.contentType === undefined ? {} : { contentType: a.contentType }),
                ...(a.contentLength === undefined ? {} : { sizeBytes: a.contentLength })
            }
        ];
    });
}

/**
 * `data` with the files the event listed and the `fetched` ones, the fetched record winning for each (a fresher
 * URL), at most MAX_ATTACHMENTS.
 */
function withAttachments(data: Record<string, unknown>, fetched: Attachment[]): Record<string, unknown> {
    const listed = Array.isArray(data.attachments) ? (data.attachments as Attachment[]) : [];
    const byId = new Map<string, Attachment>();
    for (const a of [...listed, ...fetched]) byId.set(a.mediaId, { ...byId.get(a.mediaId), ...a });
    const attachments = [...byId.values()].slice(0, MAX_ATTACHMENTS);
    const out: Record<string, unknown> = { ...data };
    if (attachments.length > 0) out.attachments = attachments;
    else delete out.attachments;
    return out;
}

/** The thread of an email conversation (every email, oldest first, each with its text body's preview). */
export function readEmailThread(api: GenesysApi, conversationId: string): Promise<Models.EmailMessagePreviewListing> {
    return api.call<Models.EmailMessagePreviewListing>('getConversationsEmailMessages', () =>
        api.conversations.getConversationsEmailMessages(conversationId)
    );
}

/** The event with the message's text and files. */
export function withMessageContent(event: RelayEvent, message: Models.MessageData): RelayEvent {
    const normalized = message.normalizedMessage;
    // textBody: the field SDK 262's MessageData no longer has (Genesys deprecated it for normalizedMessage); older
    // answers may still carry it.
    const text = normalized?.text ?? (message as { textBody?: string }).textBody ?? '';
    const fetched: Attachment[] = (normalized?.content ?? []).flatMap((c) => {
        const a = c.attachment;
        if (a?.id === undefined || a.url === undefined) return [];
        return [
            {
                mediaId: a.id,
                url: a.url,
                ...(a.filename === undefined ? {} : { name: a.filename.slice(0, 255) }),
                ...(a.mime === undefined ? {} : { contentType: a.mime }),
                ...(a.contentSizeBytes === undefined ? {} : { sizeBytes: a.contentSizeBytes })
            }
        ];
    });
    // The notification may already have listed the files (media[]); the message's own record wins for each.
    return { ...event, data: withAttachments({ ...event.data, text: text.slice(0, MAX_TEXT) }, fetched) };
}

/**
 * The delivery's enricher. A 429 or an outage within `deadlineMs` is waited out; beyond it the event is retried later
 * (its lease must not run out meanwhile). A message Genesys no longer has (404), or may not show (403), goes without
 * text rather than holding its conversation's later events forever.
 */
export function messageContentEnricher(api: GenesysApi, clock: Clock, log: Logger, deadlineMs: number): Enricher {
    return async (claimed) => {
        const need = claimed.needsMessageContent;
        if (need === null || need === undefined) return claimed.payload;
        const options = { deadlineAt: clock.now() + deadlineMs, retries: 2 };
        try {
            if (claimed.event.data.mediaType === 'email') {
                const email = await api.call<Models.EmailMessage>(
                    'getConversationsEmailMessage',
                    () => api.conversations.getConversationsEmailMessage(need.conversationId, need.messageId),
                    options
                );
                const enriched =
                    claimed.event.type === 'conversation.agentFiles'
                        ? withEmailFiles(claimed.event, email)
                        : withEmailContent(claimed.event, email);
                return JSON.stringify(enriched);
            }
            const message = await api.call<Models.MessageData>(
                'getConversationsMessageMessage',
                () => api.conversations.getConversationsMessageMessage(need.conversationId, need.messageId),
                options
            );
            return JSON.stringify(withMessageContent(claimed.event, message));
        } catch (error) {
            if (error instanceof GenesysRetryLater) return { retryAt: error.retryAt };
            if (error instanceof GenesysApiError && [400, 403, 404].includes(error.status)) {
                log.warn(
                    { eventId: claimed.event.eventId, messageId: need.messageId, status: error.status },
                    'message content unavailable; the event goes with what the notification or thread listing had'
                );
                return claimed.payload;
            }
            // Stopping: due again at once, for this instance after its restart or for another one.
            if (error instanceof StoppedError) return { retryAt: clock.now() };
            log.warn({ eventId: claimed.event.eventId, err: error }, 'message content not fetched; retrying later');
            return null;
        }
    };
}
