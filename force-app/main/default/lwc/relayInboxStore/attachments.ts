/*
 * Whether a file may be attached to a reply on a channel, decided before anything is uploaded: the channel
 * must take attachments (c/relayChannels) and the file must be at most 10 MB.
 */
import { capabilitiesOf, MAX_ATTACHMENT_BYTES } from 'c/relayChannels';
import { format } from 'c/relayWorkItemStore';
import TOO_LARGE from '@salesforce/label/c.Relay_Inbox_AttachTooLarge';
import EMPTY from '@salesforce/label/c.Relay_Inbox_AttachEmpty';
import NOT_ON_CHANNEL from '@salesforce/label/c.Relay_Inbox_AttachNotOnChannel';

const MB = 1024 * 1024;

/** Why the file cannot be attached on the channel, or null when it can. */
export function attachmentProblem(
    file: Pick<File, 'name' | 'size'>,
    channel: string | null | undefined
): string | null {
    const capabilities = capabilitiesOf(channel);
    if (!capabilities.supportsAttachments) {
        return format(NOT_ON_CHANNEL, capabilities.label);
    }
    if (!Number.isFinite(file.size) || file.size <= 0) {
        return format(EMPTY, file.name);
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
        // Rounded up, so a file just over the limit never reads as "10.0 MB".
        const megabytes = (Math.ceil((file.size / MB) * 10) / 10).toFixed(1);
        return format(TOO_LARGE, file.name, megabytes, MAX_ATTACHMENT_BYTES / MB);
    }
    return null;
}
