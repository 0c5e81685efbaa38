// Preview of RelayConversationInbound: each conversation.customerMessage event becomes one inbound
// Relay_Message__c on the interaction of its conversation. When Relay has no interaction for the conversation
// yet, one is created with status New so the message is not lost, owned by the digital queue the admin's
// Relay Queue Mapping gives the event's queue (queueMapping.ts), so the queue's agents see it in their inbox;
// without one it stays with the event bridge's integration user and `routingDetail` says so. The interaction
// is marked unread, and Open again when an agent had answered. The same message id delivered again changes
// nothing. Only the creation is routed: a later message never moves an interaction. The message's files become
// Relay_Attachment__c records, Pending, listed in pendingAttachmentIds for the copy job (attachments.ts).
import type { StoredRecord } from '../server/recordStore';
import { recordInboundFiles, type InboundAttachment } from './attachments';
import { insertRecord, updateRecord } from './dml';
import { channelOf } from './interactions';
import { routeFor } from './queueMapping';
import { INBOUND, RECEIVED } from './RelayConversationController';
import type { ApexContext } from './types';

/** Text__c holds at most this many characters; a longer message keeps its beginning. */
export const MAX_TEXT = 32768;
/** External_Conversation_Id__c length. */
const MAX_CONVERSATION_ID = 255;
/** The site guest / integration user the event endpoint runs as (it owns what it creates). */
export const EVENT_BRIDGE_USER_ID = '005000000000002AAA';

export interface InboundOutcome {
    /** The message just recorded, or the one an earlier delivery recorded; null for an over-long conversation id. */
    message: StoredRecord | null;
    /** For the admin (the 202 answer's detail): why a new interaction is not where its mapping says. */
    routingDetail: string | null;
    /** The files this delivery recorded, Pending (none for a message recorded before): the copy job's ids. */
    pendingAttachmentIds: string[];
}

export function receiveCustomerMessage(
    ctx: ApexContext,
    conversationId: string,
    channel: string | null,
    queueId: string | null,
    messageId: string,
    text: string | null,
    sentAt: string,
    attachments: InboundAttachment[] = []
): InboundOutcome {
    let routingDetail: string | null = null;
    if (conversationId.length > MAX_CONVERSATION_ID) return { message: null, routingDetail, pendingAttachmentIds: [] };
    const earlier = ctx.store.query('Relay_Message__c', (f) => f.External_Message_Id__c === messageId)[0];
    if (earlier) return { message: earlier, routingDetail, pendingAttachmentIds: [] };
    const found = ctx.store.query('Relay_Interaction__c', (f) => f.External_Conversation_Id__c === conversationId)[0];
    let interactionId: string;
    if (!found) {
        const routing = routeFor(ctx, queueId);
        if (routing.queueId === null) {
            routingDetail =
                `The new interaction of conversation ${conversationId} is owned by the integration user, so no agent ` +
                `sees it in the digital inbox: ${routing.detail ?? ''} Add a Relay Queue Mapping in Setup > Custom ` +
                'Metadata Types, and give this interaction to a digital queue (Change Owner).';
        } else {
            routingDetail = routing.detail;
        }
        interactionId = insertRecord(ctx, 'Relay_Interaction__c', {
            OwnerId: routing.queueId ?? EVENT_BRIDGE_USER_ID,
            Routing_Queue_Id__c: routing.queueId,
            External_Conversation_Id__c: conversationId,
            Channel__c: channel?.trim() ? channelOf(channel) : null,
            Received_At__c: sentAt,
            Status__c: 'New',
            Unread__c: true
        }).id;
    } else {
        interactionId = found.id;
        const status = found.fields.Status__c;
        // A reply to an agent's answer, also after the interaction ended: it needs an agent again.
        const reopened = status !== 'New' && status !== null && status !== undefined ? { Status__c: 'Open' } : {};
        updateRecord(ctx, found.id, { ...reopened, Unread__c: true });
    }
    const message = insertRecord(ctx, 'Relay_Message__c', {
        OwnerId: EVENT_BRIDGE_USER_ID,
        Interaction__c: interactionId,
        Direction__c: INBOUND,
        Text__c: (text ?? '').slice(0, MAX_TEXT),
        Sent_At__c: sentAt,
        Delivery_Status__c: RECEIVED,
        External_Message_Id__c: messageId
    });
    const files = recordInboundFiles(ctx, message.id, EVENT_BRIDGE_USER_ID, attachments);
    return { message, routingDetail, pendingAttachmentIds: files.map((f) => f.id) };
}
