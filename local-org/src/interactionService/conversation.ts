// POST /interactions and PATCH /consent: the conversation's records. Salesforce's procedure (shared seed 004,
// "Configure Partner-Owned Routing and Consent"): "Call the Interaction API (POST /api/v1/interactions) to create
// a conversation messaging session and a messagingEndUser record", then "Call the Consent API ... and set the
// consent level (consentStatus) for the user".
import { randomUUID } from 'node:crypto';
import type { StoredRecord } from '../data/schemaTypes';
import { runDml } from '../org/dml';
import { ApexBlob, ApexDatetime, SObjectValue } from '../runtime/values';
import { channelFor, type Channel, type ServiceContext } from './context';
import { ERRORS } from './errors';
import { get, live, now, platformInsert, platformUpdate } from './records';

/** A file part of POST /interactions (`attachments`). */
export interface Attachment {
    readonly filename: string;
    readonly contentType: string;
    readonly data: Uint8Array;
}

/** The spec's InteractionRequestJson, as far as the local org reads it (Prism validated the rest). */
export interface InteractionJson {
    from: string;
    to: string;
    interactions: {
        interactionType: string;
        timestamp: number;
        payload?: {
            id?: string;
            entryType?: string;
            abstractMessage?: { messageType?: string; staticContent?: { formatType?: string; text?: unknown } };
        };
        id?: string;
        attachmentIndex?: number;
        contentLength?: number;
        text?: string | null;
    }[];
}

/** ERRORCODES.md 10008: "The file size exceeds the maximum limit of 25 MB." */
const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Sessions in these states are over: the next message opens a new session. unconfirmed: the exact set. */
const CLOSED = new Set(['Ended', 'Error']);

/**
 * The end user (one per channel and address), their Conversation (one per end user and channel, "a collection of one
 * or more messaging sessions": Messaging Object Model), the open MessagingSession or a new one, and the entry.
 * Answers PostInteractionResponse: the conversationIdentifier and the session as the work item.
 * unconfirmed: the response's `id` (left out: the spec does not say what it is); that an entry type other than
 * Message (typing indicators, delivery failures) is accepted and stores nothing.
 */
export function postInteraction(context: ServiceContext, json: InteractionJson, files: readonly Attachment[]) {
    const { org } = context;
    const channel = channelFor(context, json.to);
    const interaction = json.interactions[0];
    const entry = readEntry(interaction, files);
    const endUser = endUserFor(context, channel, json.from);
    const conversation = conversationFor(context, channel, endUser);
    const session = openSession(context, channel, endUser, conversation);
    if (entry) {
        const duplicate = live(
            org,
            'ConversationEntry',
            (v) => v.get('conversationid') === session.id && v.get('messageidentifier') === entry.id
        );
        if (duplicate.length > 0) throw ERRORS.duplicateMessage();
        platformInsert(org, 'ConversationEntry', {
            ConversationId: session.id,
            ActorId: endUser.id,
            ActorName: get(endUser, 'Name'),
            ActorType: 'EndUser',
            EntryType: 'Text',
            EntryTime: now(org),
            ClientTimestamp: new ApexDatetime(interaction.timestamp),
            Message: entry.text,
            MessageIdentifier: entry.id,
            HasAttachments: entry.file !== null
        });
        if (entry.file) attach(context, session.id, entry.file);
    }
    return {
        conversationIdentifier: String(get(conversation, 'ConversationIdentifier')),
        workItemIds: [session.id],
        success: true
    };
}

interface Entry {
    id: string;
    text: string | null;
    file: Attachment | null;
}

/** The message an interaction carries, or null for an entry that is not a message. */
function readEntry(interaction: InteractionJson['interactions'][number], files: readonly Attachment[]): Entry | null {
    if (interaction.interactionType === 'AttachmentInteraction') {
        const file = files[interaction.attachmentIndex ?? -1];
        if (files.length !== 1 || !file) throw ERRORS.attachmentCount();
        if (file.data.length > MAX_FILE_BYTES) throw ERRORS.fileTooLarge();
        if (file.data.length !== interaction.contentLength) throw ERRORS.fileLength();
        if (!interaction.id) throw ERRORS.messageFormat();
        return { id: interaction.id, text: interaction.text ?? null, file };
    }
    if (files.length > 0) throw ERRORS.attachmentCount();
    const payload = interaction.payload;
    if (payload?.entryType !== 'Message') return null;
    const content = payload.abstractMessage?.staticContent;
    if (
        payload.abstractMessage?.messageType !== 'StaticContentMessage' ||
        content?.formatType !== 'Text' ||
        typeof content.text !== 'string' ||
        typeof payload.id !== 'string'
    ) {
        throw ERRORS.messageFormat();
    }
    return { id: payload.id, text: content.text, file: null };
}

function endUserFor(context: ServiceContext, channel: Channel, address: string): StoredRecord {
    const { org } = context;
    const existing = live(
        org,
        'MessagingEndUser',
        (v) => v.get('messagingchannelid') === channel.record.id && v.get('messagingplatformkey') === address
    )[0];
    if (existing) return existing;
    const id = platformInsert(org, 'MessagingEndUser', {
        Name: address,
        MessagingChannelId: channel.record.id,
        MessagingPlatformKey: address,
        MessageType: 'Custom'
    });
    platformUpdate(org, id, { IsFullyOptedIn: isFullyOptedIn(channel, 'ImplicitlyOptedIn') });
    return org.store.get(id)!;
}

function conversationFor(context: ServiceContext, channel: Channel, endUser: StoredRecord): StoredRecord {
    const { org } = context;
    const session = live(org, 'MessagingSession', (v) => v.get('messagingenduserid') === endUser.id)[0];
    const existing = session ? org.store.get(String(get(session, 'ConversationId'))) : undefined;
    if (existing) return existing;
    const id = platformInsert(org, 'Conversation', {
        ConversationChannelId: channel.record.id,
        ConversationIdentifier: randomUUID(),
        StartTime: now(org)
    });
    return org.store.get(id)!;
}

/** The end user's session still open in this conversation, or a new one (Status New until it is routed). */
function openSession(context: ServiceContext, channel: Channel, endUser: StoredRecord, conversation: StoredRecord) {
    const { org } = context;
    const open = live(
        org,
        'MessagingSession',
        (v) => v.get('conversationid') === conversation.id && !CLOSED.has(String(v.get('status')))
    )[0];
    if (open) return open;
    const id = platformInsert(org, 'MessagingSession', {
        MessagingChannelId: channel.record.id,
        MessagingEndUserId: endUser.id,
        ConversationId: conversation.id,
        Status: 'New',
        Origin: 'InboundInitiated',
        ChannelType: 'Custom',
        ChannelName: get(channel.record, 'MasterLabel'),
        ChannelKey: get(channel.record, 'ChannelAddressIdentifier'),
        SessionKey: randomUUID(),
        StartTime: now(org)
    });
    return org.store.get(id)!;
}

/**
 * The file of an AttachmentInteraction, kept as a Salesforce File shared with the session (a ContentVersion
 * published to it: Object Reference, "ContentVersion", FirstPublishLocationId).
 * unconfirmed: where an enhanced channel keeps an inbound attachment (the Messaging Object Model does not say).
 */
function attach(context: ServiceContext, sessionId: string, file: Attachment): void {
    const version = new SObjectValue('ContentVersion', false);
    version.set('Title', file.filename);
    version.set('PathOnClient', file.filename);
    version.set('VersionData', new ApexBlob(file.data));
    version.set('FirstPublishLocationId', sessionId);
    runDml(context.org, 'insert', version, { allOrNone: true, userMode: false, enforceSharing: false });
}

/**
 * PATCH /consent: the end user's MessagingConsentStatus, and IsFullyOptedIn, which "compares the ... consent
 * requirement [of the channel] with the user's consent status" (Object Reference, MessagingEndUser). Answers
 * ConsentResponse.
 */
export function patchConsent(
    context: ServiceContext,
    body: { endUserClientId: string; channelAddressIdentifier: string; consentStatus: string }
) {
    const channel = channelFor(context, body.channelAddressIdentifier);
    if ((channel.settings.consentOwner ?? 'Partner') !== 'Partner') throw ERRORS.consentOwner();
    const endUser = live(
        context.org,
        'MessagingEndUser',
        (v) =>
            v.get('messagingchannelid') === channel.record.id && v.get('messagingplatformkey') === body.endUserClientId
    )[0];
    if (!endUser) throw ERRORS.endUser();
    platformUpdate(context.org, endUser.id, {
        MessagingConsentStatus: body.consentStatus,
        IsFullyOptedIn: isFullyOptedIn(channel, body.consentStatus)
    });
    return { success: true };
}

/**
 * Whether a consent status meets the channel's ConsentType: implicit opt-in needs anything but OptedOut, explicit
 * needs ExplicitlyOptedIn or DoublyOptedIn, double needs DoublyOptedIn.
 * unconfirmed: this ordering of the levels (the Object Reference says only that the two are compared).
 */
export function isFullyOptedIn(channel: Channel, status: string): boolean {
    const levels = ['OptedOut', 'ImplicitlyOptedIn', 'ExplicitlyOptedIn', 'DoublyOptedIn'];
    const needed = { ImplicitOptIn: 1, ExplicitOptIn: 2, DoubleOptIn: 3 }[
        channel.settings.consentType ?? 'ImplicitOptIn'
    ];
    return levels.indexOf(status) >= needed;
}
