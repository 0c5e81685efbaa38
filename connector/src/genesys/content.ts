// A customer message's content: notifications carry only its id, so before its event is sent the connector reads
// GET /api/v2/conversations/messages/{conversationId}/messages/{messageId} through the SDK
// (ConversationsApi.getConversationsMessageMessage, answer MessageData; "Requires ANY permissions:
// conversation:message:view, conversation:webmessaging:view", build/docs/ConversationsApi.md of the JS SDK) and puts
// `normalizedMessage.text` and the files of `normalizedMessage.content[].attachment` into the event (docs/events.md
// §2.2, §2.4).
import type { Logger } from 'pino';
import type { Models } from 'purecloud-platform-client-v2';
import type { Clock } from '../clock';
import type { Enricher } from '../delivery';
import type { RelayEvent } from '../events';
import { GenesysApiError, GenesysRetryLater, type GenesysApi } from './api';
import { StoppedError } from './auth';

/** docs/events.md §5: the org keeps the first 32,768 characters; longer text would only risk the 64 KB body limit. */
export const MAX_TEXT = 32_768;
/** docs/events.md §2.4: at most 10 files per message. */
export const MAX_ATTACHMENTS = 10;

interface Attachment {
    mediaId: string;
    url: string;
    name?: string;
    contentType?: string;
    sizeBytes?: number;
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
    const listed = Array.isArray(event.data.attachments) ? (event.data.attachments as Attachment[]) : [];
    const byId = new Map<string, Attachment>();
    for (const a of [...listed, ...fetched]) byId.set(a.mediaId, { ...byId.get(a.mediaId), ...a });
    const attachments = [...byId.values()].slice(0, MAX_ATTACHMENTS);
    const data: Record<string, unknown> = { ...event.data, text: text.slice(0, MAX_TEXT) };
    if (attachments.length > 0) data.attachments = attachments;
    else delete data.attachments;
    return { ...event, data };
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
        try {
            const message = await api.call<Models.MessageData>(
                'getConversationsMessageMessage',
                () => api.conversations.getConversationsMessageMessage(need.conversationId, need.messageId),
                { deadlineAt: clock.now() + deadlineMs, retries: 2 }
            );
            return JSON.stringify(withMessageContent(claimed.event, message));
        } catch (error) {
            if (error instanceof GenesysRetryLater) return { retryAt: error.retryAt };
            if (error instanceof GenesysApiError && [400, 403, 404].includes(error.status)) {
                log.warn(
                    { eventId: claimed.event.eventId, messageId: need.messageId, status: error.status },
                    'message content unavailable; the event goes without its text'
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
