/*
 * Sending a reply with files, without the component: the browser PUTs each file's bytes straight to the
 * presigned storage URL the contact centre gave (no Salesforce session and no bearer token go with it), and
 * sendReply is tried again while the contact centre is still checking an upload. fetch and the wait are
 * passed in, so tests drive them (fake timers, a recording fetch).
 */

/** RelayAttachmentUpload: where and how one file's bytes go (RelayConversationController.startAttachmentUpload). */
export interface RelayAttachmentUpload {
    mediaId: string;
    uploadUrl: string;
    /** Exactly the headers the upload must carry (Content-Type, and whatever the signature covers). */
    uploadHeaders: Record<string, string> | null;
}

/**
 * RelayReplyAttachment: one uploaded file of a reply, as sendReply takes it. fileName is the name the agent chose
 * (Apex keeps it for the transcript and Files only when it is the file the contact centre recorded).
 */
export interface RelayReplyAttachment {
    mediaId: string;
    fileName: string;
}

/** The part of fetch the upload uses. */
export type UploadFetch = (
    url: string,
    init: { method: 'PUT'; headers: Record<string, string>; body: Blob }
) => Promise<{ ok: boolean; status: number }>;

/** An upload the storage refused or that never arrived. */
export class UploadError extends Error {
    constructor(
        readonly fileName: string,
        readonly status: number | null
    ) {
        super(`Upload of ${fileName} failed${status === null ? '' : ` with HTTP ${status}`}`);
        this.name = 'UploadError';
    }
}

/** How long to wait before each further sendReply while the files are still being checked (5 attempts in all). */
export const PROCESSING_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000];

// Read when called, so a test's fetch stands in for the browser's. The (small) answer is read to its end, so the
// browser never reports the exchange as cut short.
const browserFetch: UploadFetch = async (url, init) => {
    const response = await fetch(url, init);
    await response.text();
    return { ok: response.ok, status: response.status };
};

/** Resolves after `ms` (the browser's timer; fake timers in tests). */
export function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
        // eslint-disable-next-line @lwc/lwc/no-async-operation -- the pause before asking the contact centre again
        setTimeout(resolve, ms);
    });
}

/** PUTs one file to its presigned URL with exactly the headers given; throws UploadError unless it is stored. */
export async function putFile(
    target: RelayAttachmentUpload,
    file: Blob & { name: string },
    fetchImpl: UploadFetch = browserFetch
): Promise<void> {
    let response: { ok: boolean; status: number };
    try {
        response = await fetchImpl(target.uploadUrl, {
            method: 'PUT',
            headers: { ...(target.uploadHeaders ?? {}) },
            body: file
        });
    } catch {
        throw new UploadError(file.name, null);
    }
    if (!response.ok) {
        throw new UploadError(file.name, response.status);
    }
}

/** RelayConversationController.startAttachmentUpload, as the caller imports it. */
export type StartUpload = (params: {
    interactionId: string;
    fileName: string;
    sizeBytes: number;
    contentType: string | null;
}) => Promise<RelayAttachmentUpload>;

/**
 * Uploads the files one after the other, in the order the agent chose them (`onFile` hears which one goes up, so
 * the status can name it): each file's upload is started in Apex, then its bytes PUT to storage. Resolves with each
 * file's media id and the name the agent chose, which the transcript and Files show rather than the contact centre's
 * safe name; throws UploadError for the first file that cannot be stored.
 */
export async function uploadAll(
    interactionId: string,
    files: ReadonlyArray<{ file: File; name: string }>,
    start: StartUpload,
    onFile: (name: string, index: number) => void = () => undefined,
    fetchImpl: UploadFetch = browserFetch
): Promise<RelayReplyAttachment[]> {
    const attachments: RelayReplyAttachment[] = [];
    for (const [index, chosen] of files.entries()) {
        onFile(chosen.name, index);
        // eslint-disable-next-line no-await-in-loop -- one file at a time, in the order the agent chose them
        const target = await start({
            interactionId,
            fileName: chosen.file.name,
            sizeBytes: chosen.file.size,
            contentType: chosen.file.type || null
        });
        // eslint-disable-next-line no-await-in-loop -- the same
        await putFile(target, chosen.file, fetchImpl);
        attachments.push({ mediaId: target.mediaId, fileName: chosen.file.name });
    }
    return attachments;
}

/**
 * Calls `send` until it succeeds, waiting PROCESSING_DELAYS_MS between attempts while `isProcessing` says the
 * failure only means the files are not ready yet. Any other failure, or the last attempt's, is thrown.
 */
export async function sendWhenReady<T>(
    send: () => Promise<T>,
    isProcessing: (error: unknown) => boolean,
    wait: (ms: number) => Promise<void>,
    onWaiting: () => void = () => undefined,
    attempt = 0
): Promise<T> {
    try {
        return await send();
    } catch (error) {
        const delay = PROCESSING_DELAYS_MS[attempt];
        if (delay === undefined || !isProcessing(error)) {
            throw error;
        }
        onWaiting();
        await wait(delay);
        return sendWhenReady(send, isProcessing, wait, onWaiting, attempt + 1);
    }
}
