// Preview of RelayAttachmentService, RelayAttachmentView and RelayAttachmentCopyJob: a reply's files are checked
// before any callout, uploaded by the browser to the presigned URL the contact centre hands out, sent only once
// getMedia reports them valid, and recorded Pending with the reply; a customer's files are recorded Pending with
// the message. The copy job downloads each through the Named Credential Relay_Genesys_Media (its origin + the
// URL's path and query) into the preview's Salesforce Files (ContentDocument + ContentVersion records).
//
// One difference from the org: the simulator serves http on 127.0.0.1, so where the Apex requires an https URL
// the preview also takes a loopback http URL (isSecureUrl); any other http URL is refused as in the org.
import { CalloutError } from '../server/genesysClient';
import type { StoredRecord } from '../server/recordStore';
import { insertRecord, updateRecord } from './dml';
import { isBlank, textAt, type RelayGenesysClient } from './genesys';
import { RelayWorkItemException } from './workItemErrors';
import type { ApexContext } from './types';
// The view the component reads, declared once by the component (a type-only import: nothing of the LWC runs here).
import type { RelayAttachmentView } from '../../force-app/main/default/lwc/relayConversation/files';

export type { RelayAttachmentView };

export const MAX_BYTES = 10 * 1024 * 1024;
export const MAX_PER_REPLY = 10;
export const PENDING = 'Pending';
export const COPIED = 'Copied';
export const FAILED = 'Failed';
export const MEDIA_NAMED_CREDENTIAL = 'Relay_Genesys_Media';
const FORBIDDEN_IN_NAME = /[\s\\{^}%`\]">[~<#|]/g;
const MAX_ERROR = 255;

export interface RelayAttachmentUpload {
    mediaId: string | null;
    uploadUrl: string | null;
    uploadHeaders: Record<string, string>;
}

export interface GenesysMedia {
    id: string | null;
    name: string | null;
    url: string | null;
    mediaType: string | null;
    contentLengthBytes: number | null;
    status: string | null;
}

/** A customer's file, as RelayEventPayload.Attachment reads data.attachments. */
export interface InboundAttachment {
    mediaId: string;
    name: string;
    contentType: string | null;
    sizeBytes: number | null;
    url: string;
}

/** https, or (the preview's one allowance, see the header) http on the loopback host where the simulator runs. */
export function isSecureUrl(url: string | null | undefined): url is string {
    if (typeof url !== 'string') return false;
    return /^https:\/\//i.test(url) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//i.test(url);
}

const format = (template: string, ...args: string[]): string =>
    template.replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);

/** Every channel but SMS takes attachments (null is handled like a chat). */
export function channelTakesAttachments(channel: string | null | undefined): boolean {
    return channel === null || channel === undefined || channel.toLowerCase() !== 'sms';
}

/** The name Genesys Cloud accepts: forbidden characters, a leading dot and a trailing slash replaced by _. */
export function genesysFileName(fileName: string | null): string {
    let name = (fileName ?? '').replace(FORBIDDEN_IN_NAME, '_');
    if (name.startsWith('.')) name = `_${name.slice(1)}`;
    if (name.endsWith('/')) name = `${name.slice(0, -1)}_`;
    return name.slice(0, 255);
}

function requireChannel(ctx: ApexContext, channel: string | null): void {
    if (!channelTakesAttachments(channel)) {
        throw new RelayWorkItemException(format(ctx.label('Relay_Conversation_AttachmentNotOnChannel'), channel ?? ''));
    }
}

/** requireUploadable: refuses a file before anything is uploaded. */
export function requireUploadable(
    ctx: ApexContext,
    channel: string | null,
    fileName: unknown,
    sizeBytes: unknown
): void {
    if (typeof fileName !== 'string' || isBlank(fileName)) {
        throw new RelayWorkItemException(ctx.label('Relay_Conversation_AttachmentNameRequired'));
    }
    requireChannel(ctx, channel);
    if (typeof sizeBytes !== 'number' || !Number.isFinite(sizeBytes) || sizeBytes <= 0) {
        throw new RelayWorkItemException(format(ctx.label('Relay_Conversation_AttachmentEmpty'), fileName));
    }
    if (sizeBytes > MAX_BYTES) {
        throw new RelayWorkItemException(
            format(ctx.label('Relay_Conversation_AttachmentTooLarge'), fileName, String(MAX_BYTES / (1024 * 1024)))
        );
    }
}

/** RelayReplyAttachment: one file of a reply as the component sends it (the name is the agent's, display only). */
export interface RelayReplyAttachment {
    mediaId: string;
    fileName: string | null;
}

/** attachmentsOf (Apex): the files a component sent, without those lacking a media id or repeating one (the first wins). */
export function replyAttachmentsOf(files: unknown): RelayReplyAttachment[] {
    const result: RelayReplyAttachment[] = [];
    for (const file of Array.isArray(files) ? (files as unknown[]) : []) {
        if (typeof file !== 'object' || file === null) continue;
        const { mediaId, fileName } = file as Record<string, unknown>;
        if (typeof mediaId !== 'string' || isBlank(mediaId) || result.some((f) => f.mediaId === mediaId.trim())) {
            continue;
        }
        result.push({ mediaId: mediaId.trim(), fileName: typeof fileName === 'string' ? fileName : null });
    }
    return result;
}

/** requireAttachable: the files a reply carries, checked before any callout. */
export function requireAttachable(ctx: ApexContext, channel: string | null, files: unknown): RelayReplyAttachment[] {
    const attached = replyAttachmentsOf(files);
    if (attached.length === 0) return attached;
    requireChannel(ctx, channel);
    if (attached.length > MAX_PER_REPLY) {
        throw new RelayWorkItemException(
            format(ctx.label('Relay_Conversation_AttachmentTooMany'), String(MAX_PER_REPLY))
        );
    }
    return attached;
}

/**
 * recordedName: the agent's name comes from the browser, so it is kept only when it is not blank, at most 255
 * characters and exactly what Genesys Cloud recorded once genesysFileName replaced its forbidden characters; else
 * Genesys Cloud's name (or the media id).
 */
export function recordedName(agentName: string | null, media: GenesysMedia): string {
    const reported = media.name;
    const sameFile =
        agentName !== null &&
        !isBlank(agentName) &&
        agentName.length <= 255 &&
        reported !== null &&
        !isBlank(reported) &&
        genesysFileName(agentName) === reported;
    if (sameFile) return agentName;
    return reported === null || isBlank(reported) ? (media.id ?? '') : reported;
}

/** fittedName: Name holds 80 characters; a longer name keeps its extension (up to 10 characters). */
export function fittedName(name: string): string {
    if (name.length <= 80) return name;
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 11 ? name.slice(dot) : '';
    return name.slice(0, 80 - extension.length) + extension;
}

/** createUpload: one createMediaUpload callout; the answer needs a media id and a secure upload URL. */
export async function createUpload(
    client: RelayGenesysClient,
    conversationId: string | null,
    communicationId: string,
    fileName: string,
    sizeBytes: number
): Promise<RelayAttachmentUpload> {
    const upload = await client.createMediaUpload(
        conversationId,
        communicationId,
        genesysFileName(fileName),
        sizeBytes
    );
    if (isBlank(upload.id) || !isSecureUrl(upload.uploadUrl)) {
        throw new CalloutError(
            'INVALID_RESPONSE',
            'Genesys Cloud createMediaUpload answered without a media id or an https upload URL'
        );
    }
    return { mediaId: upload.id, uploadUrl: upload.uploadUrl, uploadHeaders: upload.uploadHeaders };
}

/** validMedia: one getMedia per file; uploading asks the component to send again, anything but valid is refused. */
export async function validMedia(
    ctx: ApexContext,
    client: RelayGenesysClient,
    conversationId: string | null,
    communicationId: string,
    mediaIds: string[]
): Promise<GenesysMedia[]> {
    const result: GenesysMedia[] = [];
    for (const mediaId of mediaIds) {
        const media = await client.getMedia(conversationId, communicationId, mediaId);
        const status = media.status?.toLowerCase();
        if (status === 'uploading') {
            throw new RelayWorkItemException(ctx.label('Relay_Conversation_AttachmentProcessing'));
        }
        if (status !== 'valid') {
            throw new RelayWorkItemException(
                format(ctx.label('Relay_Conversation_AttachmentRefused'), isBlank(media.name) ? mediaId : media.name)
            );
        }
        result.push({ ...media, id: isBlank(media.id) ? mediaId : media.id });
    }
    return result;
}

/** record: a sent reply's files, Pending, as the user, under recordedName. */
export function recordReplyFiles(
    ctx: ApexContext,
    messageId: string,
    media: GenesysMedia[],
    files: RelayReplyAttachment[]
): StoredRecord[] {
    return media.map((file, i) =>
        insertRecord(ctx, 'Relay_Attachment__c', {
            Message__c: messageId,
            Name: fittedName(recordedName(files[i]?.fileName ?? null, file)),
            Size_Bytes__c: file.contentLengthBytes,
            Content_Type__c: file.mediaType?.slice(0, 255) ?? null,
            Media_Id__c: (file.id ?? '').slice(0, 255),
            Media_Url__c: file.url?.slice(0, 1000) ?? null,
            Copy_Status__c: PENDING
        })
    );
}

/** RelayConversationInbound: a customer's files, Pending, owned by the event bridge user who recorded them. */
export function recordInboundFiles(
    ctx: ApexContext,
    messageId: string,
    ownerId: string,
    files: InboundAttachment[]
): StoredRecord[] {
    return files.map((file) =>
        insertRecord(ctx, 'Relay_Attachment__c', {
            OwnerId: ownerId,
            Message__c: messageId,
            Name: file.name.slice(0, 80),
            Size_Bytes__c: file.sizeBytes,
            Content_Type__c: file.contentType,
            Media_Id__c: file.mediaId,
            Media_Url__c: file.url,
            Copy_Status__c: PENDING
        })
    );
}

export function attachmentView(record: StoredRecord): RelayAttachmentView {
    const f = record.fields;
    const status = typeof f.Copy_Status__c === 'string' ? f.Copy_Status__c : PENDING;
    return {
        id: record.id,
        name: typeof f.Name === 'string' ? f.Name : null,
        sizeBytes: typeof f.Size_Bytes__c === 'number' ? f.Size_Bytes__c : null,
        contentType: typeof f.Content_Type__c === 'string' ? f.Content_Type__c : null,
        fileId: status === COPIED && typeof f.File_Id__c === 'string' ? f.File_Id__c : null,
        status
    };
}

/** A message's attachments in the order they were recorded (the transcript's subquery). */
export function attachmentsOf(ctx: ApexContext, messageId: string): RelayAttachmentView[] {
    return ctx.store.query('Relay_Attachment__c', (f) => f.Message__c === messageId).map(attachmentView);
}

/** copyLater: queues RelayAttachmentCopyJob; a reply or message is never undone when no job can be queued. */
export function copyLater(ctx: ApexContext, attachmentIds: string[]): void {
    if (attachmentIds.length === 0 || !ctx.jobs) return;
    const [current, ...rest] = attachmentIds;
    ctx.jobs.enqueue('RelayAttachmentCopyJob', 0, async () => {
        try {
            await copyOne(ctx, current);
        } finally {
            // The finalizer: the rest is queued however this execution ended.
            copyLater(ctx, rest);
        }
    });
}

/** RelayAttachmentCopyJob.execute for one attachment. */
export async function copyOne(ctx: ApexContext, attachmentId: string): Promise<void> {
    const attachment = ctx.store.get(attachmentId);
    if (attachment?.sobject !== 'Relay_Attachment__c' || attachment.fields.Copy_Status__c !== PENDING) return;
    const fail = (reason: string): void => {
        updateRecord(ctx, attachmentId, { Copy_Status__c: FAILED, Copy_Error__c: reason.slice(0, MAX_ERROR) });
    };
    let bytes: Buffer;
    try {
        bytes = await download(ctx, attachment.fields.Media_Url__c);
    } catch (failure) {
        fail(failure instanceof Error ? failure.message : String(failure));
        return;
    }
    if (bytes.length === 0) {
        fail('The contact centre returned an empty file.');
        return;
    }
    const name = String(attachment.fields.Name ?? attachmentId);
    const documentId = saveFile(ctx, name, bytes, String(attachment.fields.Message__c));
    updateRecord(ctx, attachmentId, { File_Id__c: documentId, Copy_Status__c: COPIED, Copy_Error__c: null });
}

/** callout:Relay_Genesys_Media + the URL's path and query; over 10 MB or a non-2xx fails. */
async function download(ctx: ApexContext, mediaUrl: unknown): Promise<Buffer> {
    if (typeof mediaUrl !== 'string' || !isSecureUrl(mediaUrl)) {
        throw new Error(`The media URL is not an https URL: ${String(mediaUrl)}`);
    }
    if (!ctx.callout) throw new Error(`The Named Credential ${MEDIA_NAMED_CREDENTIAL} is not configured.`);
    const url = new URL(mediaUrl);
    const response = await ctx.callout(MEDIA_NAMED_CREDENTIAL, `${url.pathname}${url.search}`, MAX_BYTES);
    if (response.status < 200 || response.status > 299) {
        throw new Error(`The contact centre answered HTTP ${response.status} for the file.`);
    }
    return response.body;
}

/** A ContentVersion published to the message, and its ContentDocument (the preview's Salesforce Files). */
function saveFile(ctx: ApexContext, name: string, bytes: Buffer, messageId: string): string {
    const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? null;
    const document = insertRecord(ctx, 'ContentDocument', {
        Title: name,
        FileExtension: extension,
        ContentSize: bytes.length
    });
    const version = insertRecord(ctx, 'ContentVersion', {
        Title: name,
        PathOnClient: name,
        FirstPublishLocationId: messageId,
        ContentDocumentId: document.id,
        ContentSize: bytes.length,
        VersionData: bytes.toString('base64')
    });
    updateRecord(ctx, document.id, { LatestPublishedVersionId: version.id });
    ctx.store.insert('ContentDocumentLink', { ContentDocumentId: document.id, LinkedEntityId: messageId });
    return document.id;
}

/** The answer of createMediaUpload (RelayGenesysMediaUpload.parse). */
export function mediaUploadOf(source: Record<string, unknown>): {
    id: string | null;
    uploadUrl: string | null;
    uploadHeaders: Record<string, string>;
} {
    const headers = source.uploadHeaders;
    const uploadHeaders: Record<string, string> = {};
    if (typeof headers === 'object' && headers !== null && !Array.isArray(headers)) {
        for (const key of Object.keys(headers)) {
            const value = textAt(headers as Record<string, unknown>, key);
            if (value !== null) uploadHeaders[key] = value;
        }
    }
    return { id: textAt(source, 'id'), uploadUrl: textAt(source, 'uploadUrl'), uploadHeaders };
}

/** The answer of getMedia (RelayGenesysMedia.parse). */
export function mediaOf(source: Record<string, unknown>): GenesysMedia {
    const length = source.contentLengthBytes;
    return {
        id: textAt(source, 'id'),
        name: textAt(source, 'name'),
        url: textAt(source, 'url'),
        mediaType: textAt(source, 'mediaType'),
        contentLengthBytes: typeof length === 'number' && Number.isFinite(length) ? Math.trunc(length) : null,
        status: textAt(source, 'status')
    };
}
