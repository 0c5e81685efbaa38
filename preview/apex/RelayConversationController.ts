// Preview of RelayConversationController + RelayConversationService + RelayMessageView: an interaction's
// transcript (Relay_Message__c, the latest 500, oldest first) and the agent's reply: checked before any
// callout, sent through the agent's own message communication (getMe, getConversation, sendText), and
// recorded only once the contact centre accepted it, so a failed send keeps the draft. A reply may carry files
// the browser uploaded (startAttachmentUpload; attachments.ts is RelayAttachmentService and the copy job).
import {
    attachmentView,
    attachmentsOf,
    copyLater,
    createUpload,
    recordReplyFiles,
    replyAttachmentsOf,
    requireAttachable,
    requireUploadable,
    validMedia,
    type RelayAttachmentUpload,
    type RelayAttachmentView
} from './attachments';
import { RelayConversationJoin, communicationIdOfJoined, recordJoin } from './conversationJoin';
import { insertRecord, updateRecord } from './dml';
import { messagesLatestFirst } from './inboxSelector';
import { RelayGenesysClient, formatDatetime, isBlank } from './genesys';
import { STATUS_CLOSED, byId, type Interaction } from './interactions';
import { RelayWorkItemException, guarded, requireInteractionId } from './workItemErrors';
import type { ApexClassPreview, ApexContext } from './types';
import type { StoredRecord } from '../server/recordStore';

export const INBOUND = 'Inbound';
export const OUTBOUND = 'Outbound';
export const RECEIVED = 'Received';
export const SMS_TEXT_LIMIT = 765;
export const DEFAULT_TEXT_LIMIT = 2000;
export const TRANSCRIPT_LIMIT = 500;

const DELIVERY_STATUS_BY_GENESYS: Record<string, string> = {
    queued: 'Queued',
    sent: 'Sent',
    published: 'Sent',
    'delivery-success': 'Delivered',
    read: 'Read'
};
const DIRECTION_BY_PICKLIST: Record<string, string> = { [INBOUND]: 'inbound', [OUTBOUND]: 'outbound' };

export interface RelayMessageView {
    id: string;
    direction: string | null;
    author: string | null;
    text: string;
    sentAt: string | null;
    deliveryStatus: string | null;
    attachments: RelayAttachmentView[];
}

export function textLimitFor(channel: string | null): number {
    return channel?.toLowerCase() === 'sms' ? SMS_TEXT_LIMIT : DEFAULT_TEXT_LIMIT;
}

export function deliveryStatusOf(genesysStatus: string | null): string {
    const status = genesysStatus?.toLowerCase() ?? '';
    if (status === 'failed' || status === 'delivery-failed') return 'Failed';
    return DELIVERY_STATUS_BY_GENESYS[status] ?? 'Sent';
}

/** `String.format(label, args)`: {0}, {1}, ... */
function format(template: string, ...args: string[]): string {
    return template.replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
}

function messageView(record: StoredRecord, attachments: RelayAttachmentView[]): RelayMessageView {
    const f = record.fields;
    return {
        id: record.id,
        direction: DIRECTION_BY_PICKLIST[String(f.Direction__c)] ?? null,
        author: typeof f.Author__c === 'string' ? f.Author__c : null,
        text: typeof f.Text__c === 'string' ? f.Text__c : '',
        sentAt: typeof f.Sent_At__c === 'string' ? formatDatetime(f.Sent_At__c) : null,
        deliveryStatus: typeof f.Delivery_Status__c === 'string' ? f.Delivery_Status__c : null,
        attachments
    };
}

function visibleInteraction(ctx: ApexContext, interactionId: string): Interaction {
    const interaction = byId(ctx, interactionId);
    if (!interaction) throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
    return interaction;
}

/** The latest TRANSCRIPT_LIMIT messages, oldest first (ORDER BY Sent_At__c DESC NULLS LAST, CreatedDate DESC, Id DESC). */
export function transcript(ctx: ApexContext, interactionId: string): RelayMessageView[] {
    visibleInteraction(ctx, interactionId);
    const latestFirst = messagesLatestFirst(ctx, interactionId).slice(0, TRANSCRIPT_LIMIT);
    return latestFirst.reverse().map((record) => messageView(record, attachmentsOf(ctx, record.id)));
}

export async function sendReply(
    ctx: ApexContext,
    interactionId: string,
    draft: unknown,
    attachments: unknown = null
): Promise<RelayMessageView> {
    // An attachment-only reply sends an empty text, never a blank one.
    const text = typeof draft !== 'string' || isBlank(draft) ? '' : draft;
    if (text === '' && replyAttachmentsOf(attachments).length === 0) {
        throw new RelayWorkItemException(ctx.label('Relay_Conversation_ReplyRequired'));
    }
    const interaction = visibleInteraction(ctx, interactionId);
    const maxLength = textLimitFor(interaction.Channel__c);
    if (text.length > maxLength) {
        throw new RelayWorkItemException(
            format(ctx.label('Relay_Conversation_ReplyTooLong'), String(text.length), String(maxLength))
        );
    }
    if (isBlank(interaction.External_Conversation_Id__c)) {
        throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
    }
    const attached = requireAttachable(ctx, interaction.Channel__c, attachments);
    const attachedIds = attached.map((file) => file.mediaId);
    // requireReplyAccess: the preview's one user has the Relay Agent permission set.
    const client = new RelayGenesysClient(ctx);
    const conversationId = interaction.External_Conversation_Id__c;
    // Joins first when the agent is not connected yet (an inbox interaction they were just assigned): still callouts.
    const joined = await new RelayConversationJoin(ctx, client).connect(interaction);
    const communicationId = communicationIdOfJoined(joined);
    const media = await validMedia(ctx, client, conversationId, communicationId, attachedIds);
    const sent = await client.sendText(conversationId, communicationId, text, attachedIds);
    if (sent.status === 'failed' || sent.status === 'delivery-failed') {
        throw new RelayWorkItemException(ctx.label('Relay_Conversation_SendFailed'));
    }
    const author = ctx.store.get(ctx.userId)?.fields.Name;
    const reply = insertRecord(ctx, 'Relay_Message__c', {
        Interaction__c: interaction.Id,
        Direction__c: OUTBOUND,
        Author__c: typeof author === 'string' ? author.slice(0, 255) : null,
        Text__c: text,
        Sent_At__c: (sent.timestamp ?? ctx.now()).toISOString(),
        Delivery_Status__c: deliveryStatusOf(sent.status),
        External_Message_Id__c: isBlank(sent.id) ? null : sent.id
    });
    const files = recordReplyFiles(ctx, reply.id, media, attached);
    if (joined.changed) recordJoin(ctx, interaction, joined);
    // The agent answered the latest message: Resolved and read (a closed interaction stays closed).
    if (interaction.Status__c !== STATUS_CLOSED && interaction.Id) {
        updateRecord(ctx, interaction.Id, { Status__c: 'Resolved', Unread__c: false });
    }
    copyLater(
        ctx,
        files.map((f) => f.id)
    );
    return messageView(reply, files.map(attachmentView));
}

/**
 * startAttachmentUpload: the file checked before any callout, the agent joined as sendReply does, then one
 * createMediaUpload. contentType is not sent (Genesys Cloud reads the type from the uploaded file).
 */
export async function startAttachmentUpload(
    ctx: ApexContext,
    interactionId: string,
    fileName: unknown,
    sizeBytes: unknown
): Promise<RelayAttachmentUpload> {
    const interaction = visibleInteraction(ctx, interactionId);
    requireUploadable(ctx, interaction.Channel__c, fileName, sizeBytes);
    const client = new RelayGenesysClient(ctx);
    const joined = await new RelayConversationJoin(ctx, client).connect(interaction);
    const upload = await createUpload(
        client,
        interaction.External_Conversation_Id__c,
        communicationIdOfJoined(joined),
        fileName as string,
        sizeBytes as number
    );
    if (joined.changed) recordJoin(ctx, interaction, joined);
    return upload;
}

export const RelayConversationController: ApexClassPreview = {
    className: 'RelayConversationController',
    methods: {
        getTranscript: (params, ctx) =>
            guarded(ctx, () => Promise.resolve(transcript(ctx, requireInteractionId(ctx, params.interactionId)))),
        sendReply: (params, ctx) =>
            guarded(ctx, () =>
                sendReply(ctx, requireInteractionId(ctx, params.interactionId), params.text, params.attachments)
            ),
        startAttachmentUpload: (params, ctx) =>
            guarded(ctx, () =>
                startAttachmentUpload(
                    ctx,
                    requireInteractionId(ctx, params.interactionId),
                    params.fileName,
                    params.sizeBytes
                )
            )
    }
};
