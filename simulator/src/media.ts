// Files in message conversations, as Genesys Cloud handles them: the agent asks for a presigned upload URL
// (createMediaUpload), the browser PUTs the bytes there with exactly the headers given (no bearer token: the
// URL's signature is the authorization), the media reads `uploading` until the contact centre has checked it,
// then `valid` (or `invalid`); only valid media go out with a message. A customer's files are stored valid at
// once. The files of an agent's email are draft attachments of the email conversation
// (createEmailDraftAttachmentUpload): the same presigned PUT, valid as soon as their bytes arrive, sent once by
// the reply that names them. Every file is downloadable at a signed URL on the simulator (what the copy job fetches).
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock';
import { SimError, invalidValue, notFound } from './errors';

/**
 * The most a message attachment may weigh (Genesys Cloud's limit for agent uploads). Email draft attachments use the
 * same limit here, which Genesys Cloud does not document for email (docs/open-questions.md, "Files on an email").
 */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;
/** How long an upload URL stays valid. */
export const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;

export type MediaStatus = 'uploading' | 'valid' | 'invalid';

/** An agent's upload for a message, a customer's file, or a draft attachment of an agent's email. */
export type MediaKind = 'messageUpload' | 'customerFile' | 'emailDraft';

export interface Media {
    id: string;
    kind: MediaKind;
    conversationId: string;
    /** The agent communication it was uploaded for (none for a customer's file). */
    communicationId?: string;
    name: string;
    contentType: string;
    contentLengthBytes: number;
    status: MediaStatus;
    /** The file's bytes once uploaded. */
    bytes?: Buffer;
    /** getMedia reads that still say `uploading` after the PUT (the processing knob at upload time). */
    readsUntilChecked: number;
    /** What the check comes to once those reads are done. */
    outcome: MediaStatus;
    expiresAt: number;
    /** The email that carried this draft attachment (emailDraft only): a draft attachment is sent once. */
    sentInMessageId?: string;
}

/** What the contact centre's check of an upload comes to: the fault-injection knob for uploads. */
export interface MediaProcessing {
    /** valid (default), invalid (refused by the check), or uploading (never finishes). */
    outcome: MediaStatus;
    /** How many getMedia reads still say `uploading` after the PUT (default 0). */
    uploadingReads: number;
}

/** A file as a message, an event and the customer's side carry it. */
export interface AttachmentRef {
    mediaId: string;
    name: string;
    contentType: string;
    sizeBytes: number;
    url: string;
}

const CONTENT_TYPES: Record<string, string> = {
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    webp: 'image/webp',
    pdf: 'application/pdf',
    txt: 'text/plain',
    csv: 'text/csv',
    mp4: 'video/mp4',
    mp3: 'audio/mpeg',
    doc: 'application/msword',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
};

/** The content type the storage expects for a file name (by extension). */
export function contentTypeFor(fileName: string): string {
    const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
    return CONTENT_TYPES[extension] ?? 'application/octet-stream';
}

/** An upload's announced size: a whole number of bytes from 1 to 10 MB. */
function checkLength(contentLengthBytes: number): void {
    if (!Number.isInteger(contentLengthBytes) || contentLengthBytes < 1 || contentLengthBytes > MAX_MEDIA_BYTES) {
        throw invalidValue(
            'contentLengthBytes',
            `contentLengthBytes must be from 1 to ${MAX_MEDIA_BYTES} (10 MB); got ${contentLengthBytes}`
        );
    }
}

export class MediaStore {
    private readonly secret = randomBytes(32);
    private readonly items = new Map<string, Media>();
    processing: MediaProcessing = { outcome: 'valid', uploadingReads: 0 };

    constructor(
        private readonly clock: Clock,
        /** The simulator's own origin (upload and download URLs point at it). */
        private readonly baseUrl: () => string
    ) {}

    all(): Media[] {
        return [...this.items.values()];
    }

    get(mediaId: string): Media | undefined {
        return this.items.get(mediaId);
    }

    /** A new upload slot for an agent's file; the bytes come with the PUT. */
    createUpload(conversationId: string, communicationId: string, fileName: string, contentLengthBytes: number): Media {
        checkLength(contentLengthBytes);
        if (/[\s\\{^}%`\]">[~<#|]/.test(fileName) || fileName.startsWith('.') || fileName.endsWith('/')) {
            throw invalidValue('fileName', `fileName ${fileName} has characters Genesys Cloud does not allow`);
        }
        const media: Media = {
            id: randomUUID(),
            kind: 'messageUpload',
            conversationId,
            communicationId,
            name: fileName,
            contentType: contentTypeFor(fileName),
            contentLengthBytes,
            status: 'uploading',
            readsUntilChecked: 0,
            outcome: 'valid',
            expiresAt: this.clock.now() + UPLOAD_URL_TTL_MS
        };
        this.items.set(media.id, media);
        return media;
    }

    /**
     * A draft attachment of the agent's next email in an email conversation (createEmailDraftAttachmentUpload): an
     * upload slot like a message's, its bytes with the PUT, valid once they arrive (no check runs on it).
     */
    createDraftAttachment(conversationId: string, name: string, contentLengthBytes: number): Media {
        if (name.trim() === '') throw invalidValue('name', 'name must not be blank: the file name of the attachment');
        checkLength(contentLengthBytes);
        const media: Media = {
            id: randomUUID(),
            kind: 'emailDraft',
            conversationId,
            name,
            contentType: contentTypeFor(name),
            contentLengthBytes,
            status: 'uploading',
            readsUntilChecked: 0,
            outcome: 'valid',
            expiresAt: this.clock.now() + UPLOAD_URL_TTL_MS
        };
        this.items.set(media.id, media);
        return media;
    }

    /** A customer's file: stored and valid at once. */
    addCustomerFile(conversationId: string, name: string, contentType: string | undefined, bytes: Buffer): Media {
        if (bytes.length < 1 || bytes.length > MAX_MEDIA_BYTES) {
            throw invalidValue('attachments', `An attachment must be from 1 byte to 10 MB; ${name} is ${bytes.length}`);
        }
        const media: Media = {
            id: randomUUID(),
            kind: 'customerFile',
            conversationId,
            name,
            contentType: contentType ?? contentTypeFor(name),
            contentLengthBytes: bytes.length,
            status: 'valid',
            bytes,
            readsUntilChecked: 0,
            outcome: 'valid',
            expiresAt: Number.MAX_SAFE_INTEGER
        };
        this.items.set(media.id, media);
        return media;
    }

    /** The presigned PUT URL: only its signature authorizes the upload. */
    uploadUrl(media: Media): string {
        const expires = String(media.expiresAt);
        const signature = this.sign('upload', media.id, expires);
        return `${this.baseUrl()}/uploads/${media.id}?expires=${expires}&signature=${signature}`;
    }

    /** Exactly the headers the PUT must send (the signature covers the content type). */
    uploadHeaders(media: Media): Record<string, string> {
        return { 'Content-Type': media.contentType };
    }

    /** Where the file can be downloaded (signed, no token needed). */
    downloadUrl(media: Media): string {
        const signature = this.sign('download', media.id, '');
        return `${this.baseUrl()}/media/${media.id}/${encodeURIComponent(media.name)}?signature=${signature}`;
    }

    /** The PUT of an upload URL; refuses a wrong signature, an expired URL, another length or content type. */
    receiveUpload(mediaId: string, query: URLSearchParams, contentType: string | undefined, bytes: Buffer): Media {
        const media = this.items.get(mediaId);
        const expires = query.get('expires') ?? '';
        if (media === undefined || !this.verify('upload', mediaId, expires, query.get('signature'))) {
            throw new SimError(403, 'SignatureDoesNotMatch', 'The request signature does not match');
        }
        if (Number(expires) < this.clock.now()) {
            throw new SimError(403, 'AccessDenied', 'Request has expired');
        }
        if (media.bytes !== undefined) {
            throw new SimError(409, 'conflict', `Media ${mediaId} was already uploaded`);
        }
        if (bytes.length > MAX_MEDIA_BYTES) {
            throw new SimError(413, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
        }
        if (bytes.length !== media.contentLengthBytes) {
            throw new SimError(
                400,
                'IncompleteBody',
                `The upload is ${bytes.length} bytes; the upload URL was issued for ${media.contentLengthBytes}`
            );
        }
        if ((contentType ?? '').split(';')[0].trim().toLowerCase() !== media.contentType) {
            throw new SimError(403, 'SignatureDoesNotMatch', `Content-Type must be ${media.contentType}`);
        }
        media.bytes = bytes;
        if (media.kind === 'emailDraft') {
            // An email's draft attachment is not a message's media: no check, it can go out once its bytes are here.
            media.status = 'valid';
            return media;
        }
        media.readsUntilChecked = this.processing.uploadingReads;
        media.outcome = this.processing.outcome;
        if (media.readsUntilChecked === 0) media.status = media.outcome;
        return media;
    }

    /** getMedia: each read after the upload brings the check closer to its outcome. */
    read(mediaId: string, conversationId: string): Media {
        const media = this.items.get(mediaId);
        if (media === undefined || media.conversationId !== conversationId) throw notFound('media', mediaId);
        if (media.bytes !== undefined && media.status === 'uploading') {
            // This read still sees the check running; the one after the last such read sees its outcome.
            if (media.readsUntilChecked > 0) media.readsUntilChecked -= 1;
            else media.status = media.outcome;
        }
        return media;
    }

    /** A file by its download URL's id and signature. */
    download(mediaId: string, signature: string | null): Media {
        const media = this.items.get(mediaId);
        if (media?.bytes === undefined || !this.verify('download', mediaId, '', signature)) {
            throw notFound('media', mediaId);
        }
        return media;
    }

    ref(media: Media): AttachmentRef {
        return {
            mediaId: media.id,
            name: media.name,
            contentType: media.contentType,
            sizeBytes: media.contentLengthBytes,
            url: this.downloadUrl(media)
        };
    }

    private sign(purpose: string, mediaId: string, expires: string): string {
        return createHmac('sha256', this.secret).update(`${purpose}:${mediaId}:${expires}`).digest('hex');
    }

    private verify(purpose: string, mediaId: string, expires: string, signature: string | null): boolean {
        const expected = Buffer.from(this.sign(purpose, mediaId, expires));
        const actual = Buffer.from(signature ?? '');
        return expected.length === actual.length && timingSafeEqual(expected, actual);
    }
}
