// Customers' and agents' files into Salesforce Files, by the connector: the files of a `conversation.customerMessage`
// and of a `conversation.agentFiles` (an agent's message or email that carried files, docs/events.md §2.5). Apex cannot do it reliably: a 10 MB download and its
// ContentVersion do not both fit the 12 MB asynchronous heap (Apex Developer Guide, "Execution Governors and Limits"),
// and one Queueable per file runs into the chain depth of Developer Edition orgs. The connector streams nothing
// through Apex: it downloads each file from the URL Genesys gave (a pre-signed URL, no Genesys token needed) and
// creates the ContentVersion through the REST API as the integration user (REST API Developer Guide, "Insert or Update
// Blob Data": multipart, up to 2 GB for ContentVersion), then puts its id in the event (docs/events.md §2.4). The
// Apex only records the file as copied and links it to the message.
//
// Each file's outcome is written into the outbox's payload as soon as it is known, so a retry never uploads a file
// twice; a file that cannot be copied gets `copyError` and the message goes on without it, rather than holding its
// conversation's later events forever.
import type { Logger } from 'pino';
import type { RelayEvent, RelayEventType } from './events';
import type { CreateFileOutcome } from './salesforce/client';

/** docs/events.md §2.4 and the channels' own limit: the largest file Relay copies. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The events whose `data.attachments` the connector copies before sending them. */
const FILE_EVENT_TYPES: ReadonlySet<RelayEventType> = new Set([
    'conversation.customerMessage',
    'conversation.agentFiles'
]);
/** Attempts at one event after which a file that keeps failing is given up (its copyError says why). */
export const MAX_COPY_ATTEMPTS = 8;

export interface EventAttachment {
    mediaId: string;
    url: string;
    name?: string;
    contentType?: string;
    sizeBytes?: number;
    /** The ContentVersion the connector created. */
    contentVersionId?: string;
    /** Why the connector could not copy it (the org marks the file Failed with this). */
    copyError?: string;
}

export interface FileCreator {
    createFile(name: string, contentType: string | undefined, bytes: Uint8Array): Promise<CreateFileOutcome>;
}

export type CopyResult =
    /** Every file has its outcome: send the event. */
    | { kind: 'done'; event: RelayEvent }
    /** Some file must be tried again later; `event` holds what was done so far. */
    | { kind: 'retry'; event: RelayEvent; reason: string; afterMs: number | null };

type Download =
    { kind: 'ok'; bytes: Uint8Array } | { kind: 'gone'; reason: string } | { kind: 'retry'; reason: string };

export class FileCopier {
    constructor(
        private readonly salesforce: FileCreator,
        private readonly log: Logger,
        private readonly httpTimeoutMs: number
    ) {}

    /** Whether events of this type carry files the connector copies (a customer's message, an agent's files). */
    static copiesFilesOf(type: RelayEventType): boolean {
        return FILE_EVENT_TYPES.has(type);
    }

    /** Whether the event has files still to copy. */
    static needsCopy(event: RelayEvent): boolean {
        return attachmentsOf(event).some((a) => a.contentVersionId === undefined && a.copyError === undefined);
    }

    /**
     * Copies the event's files that have no outcome yet, one after another. `attempt` counts this event's delivery
     * attempts: past MAX_COPY_ATTEMPTS a file that still fails is given up.
     */
    async copy(
        event: RelayEvent,
        attempt: number,
        onProgress: (event: RelayEvent) => Promise<void>
    ): Promise<CopyResult> {
        let current = event;
        for (const [index, file] of attachmentsOf(event).entries()) {
            if (file.contentVersionId !== undefined || file.copyError !== undefined) continue;
            const outcome = await this.copyOne(file);
            if (outcome.kind === 'retry' && attempt < MAX_COPY_ATTEMPTS) {
                return { kind: 'retry', event: current, reason: outcome.reason, afterMs: outcome.afterMs };
            }
            const settled: EventAttachment =
                outcome.kind === 'copied'
                    ? { ...file, contentVersionId: outcome.contentVersionId }
                    : { ...file, copyError: outcome.reason.slice(0, 255) };
            if (settled.copyError !== undefined) {
                this.log.warn(
                    { eventId: event.eventId, mediaId: file.mediaId, reason: settled.copyError },
                    'file not copied'
                );
            }
            current = withAttachment(current, index, settled);
            await onProgress(current);
        }
        return { kind: 'done', event: current };
    }

    private async copyOne(
        file: EventAttachment
    ): Promise<
        | { kind: 'copied'; contentVersionId: string }
        | { kind: 'failed'; reason: string }
        | { kind: 'retry'; reason: string; afterMs: number | null }
    > {
        if (file.sizeBytes !== undefined && file.sizeBytes > MAX_FILE_BYTES) {
            return { kind: 'failed', reason: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
        }
        const download = await this.download(file.url);
        if (download.kind === 'gone') return { kind: 'failed', reason: download.reason };
        if (download.kind === 'retry') return { kind: 'retry', reason: download.reason, afterMs: null };
        const name = file.name ?? file.mediaId;
        const created = await this.salesforce.createFile(name, file.contentType, download.bytes);
        if (created.kind === 'created') return { kind: 'copied', contentVersionId: created.id };
        if (created.kind === 'retry') return { kind: 'retry', reason: created.reason, afterMs: created.afterMs };
        return { kind: 'failed', reason: `Salesforce Files refused the file: ${created.reason}` };
    }

    private async download(url: string): Promise<Download> {
        let response: Response;
        try {
            response = await fetch(url, { signal: AbortSignal.timeout(this.httpTimeoutMs), redirect: 'follow' });
        } catch (error) {
            return { kind: 'retry', reason: `download: ${(error as Error).message}` };
        }
        if ([401, 403, 404, 410].includes(response.status)) {
            await response.body?.cancel();
            return { kind: 'gone', reason: `The contact centre no longer serves the file (${response.status}).` };
        }
        if (!response.ok) {
            await response.body?.cancel();
            return { kind: 'retry', reason: `download answered ${response.status}` };
        }
        const declared = Number(response.headers.get('content-length') ?? NaN);
        if (declared > MAX_FILE_BYTES) {
            await response.body?.cancel();
            return { kind: 'gone', reason: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
        }
        // Read with a cap, so a host that lies about the length cannot fill the connector's memory.
        const chunks: Uint8Array[] = [];
        let size = 0;
        const reader = response.body?.getReader();
        if (reader === undefined) return { kind: 'ok', bytes: new Uint8Array() };
        try {
            for (;;) {
                const { done, value } = await reader.read();
                if (done) break;
                size += value.byteLength;
                if (size > MAX_FILE_BYTES) {
                    await reader.cancel();
                    return { kind: 'gone', reason: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.` };
                }
                chunks.push(value);
            }
        } catch (error) {
            return { kind: 'retry', reason: `download: ${(error as Error).message}` };
        }
        if (size === 0) return { kind: 'gone', reason: 'The contact centre returned an empty file.' };
        return { kind: 'ok', bytes: Buffer.concat(chunks, size) };
    }
}

function attachmentsOf(event: RelayEvent): EventAttachment[] {
    if (!FILE_EVENT_TYPES.has(event.type)) return [];
    const list = event.data.attachments;
    return Array.isArray(list) ? (list as EventAttachment[]) : [];
}

function withAttachment(event: RelayEvent, index: number, file: EventAttachment): RelayEvent {
    const attachments = [...attachmentsOf(event)];
    attachments[index] = file;
    return { ...event, data: { ...event.data, attachments } };
}
