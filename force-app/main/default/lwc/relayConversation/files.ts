import SIZE_BYTES from '@salesforce/label/c.Relay_Conversation_SizeBytes';
import SIZE_KB from '@salesforce/label/c.Relay_Conversation_SizeKB';
import SIZE_MB from '@salesforce/label/c.Relay_Conversation_SizeMB';
import REMOVE from '@salesforce/label/c.Relay_Conversation_RemoveAttachment';
import COPYING from '@salesforce/label/c.Relay_Conversation_AttachmentCopying';
import NOT_COPIED from '@salesforce/label/c.Relay_Conversation_AttachmentNotCopied';
import OPEN_FILE from '@salesforce/label/c.Relay_Conversation_OpenFile';
import { attachmentProblem } from 'c/relayInboxStore';

/*
 * Files in the conversation: the ones the agent chose for the next reply (pills) and the ones a message
 * carries in the transcript (name, size, and whether the copy into Salesforce Files is there yet).
 */

/** RelayAttachmentView: one file of a message, as RelayConversationController returns it. */
export interface RelayAttachmentView {
    id: string;
    name: string | null;
    sizeBytes: number | null;
    contentType: string | null;
    /** The ContentDocument id once the file was copied into Salesforce Files. */
    fileId: string | null;
    /** Pending, Copied or Failed. */
    status: string | null;
}

/** A file chosen for the next reply, as the reply box lists it. */
export interface ChosenFile {
    key: string;
    file: File;
    name: string;
    sizeText: string;
    removeLabel: string;
}

/** One file of a transcript message, as the template renders it. */
export interface AttachmentRow {
    key: string;
    name: string;
    sizeText: string;
    fileId: string | null;
    /** Copied: the name opens the Salesforce File. */
    copied: boolean;
    /** Why there is no File to open (still copying, or the copy failed), or null when copied. */
    statusText: string | null;
    openTitle: string;
}

const KB = 1024;
const MB = 1024 * 1024;

/** A size the way an agent reads it: bytes under 1 KB, then KB, then MB with one decimal. */
export function formatSize(bytes: number | null | undefined): string {
    const size = typeof bytes === 'number' && Number.isFinite(bytes) && bytes > 0 ? bytes : 0;
    if (size < KB) {
        return fill(SIZE_BYTES, String(size));
    }
    if (size < MB) {
        return fill(SIZE_KB, String(Math.round(size / KB)));
    }
    return fill(SIZE_MB, (Math.round((size / MB) * 10) / 10).toFixed(1));
}

let chosenCounter = 0;

/** A file the agent picked, ready for the pills. */
export function toChosen(file: File): ChosenFile {
    chosenCounter += 1;
    return {
        key: `chosen-${chosenCounter}`,
        file,
        name: file.name,
        sizeText: formatSize(file.size),
        removeLabel: fill(REMOVE, file.name)
    };
}

/**
 * The files the agent picked, each checked at once (a channel that takes files, not empty, at most 10 MB): the ones
 * to keep, and one sentence naming each refused file (empty when none was refused).
 */
export function chooseFiles(
    files: readonly File[],
    channel: string | null | undefined
): { accepted: ChosenFile[]; problems: string } {
    const problems: string[] = [];
    const accepted: ChosenFile[] = [];
    for (const file of files) {
        const problem = attachmentProblem(file, channel);
        if (problem) {
            problems.push(problem);
        } else {
            accepted.push(toChosen(file));
        }
    }
    return { accepted, problems: problems.join(' ') };
}

/** The rows of a message's attachments (none when the view has none). */
export function attachmentRows(attachments: readonly RelayAttachmentView[] | null | undefined): AttachmentRow[] {
    return (attachments ?? []).map((a) => {
        const name = a.name ?? '';
        const copied = a.status === 'Copied' && typeof a.fileId === 'string' && a.fileId !== '';
        return {
            key: a.id,
            name,
            sizeText: formatSize(a.sizeBytes),
            fileId: copied ? a.fileId : null,
            copied,
            statusText: copied ? null : a.status === 'Failed' ? NOT_COPIED : COPYING,
            openTitle: fill(OPEN_FILE, name)
        };
    });
}

function fill(label: string, value: string): string {
    return label.replace(/\{0\}/g, value);
}
