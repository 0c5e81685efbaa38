/*
 * The boundary of the inbox model: turning record values (Relay_Interaction__c picklists, semicolon tags)
 * into InboxItem fields, and refusing an item that would break the order with a message that says why.
 */
import { INBOX_CHANNELS, INBOX_STATUSES } from './types';
import type { InboxChannel, InboxItem } from './types';
import { receivedTime } from './order';

const CHANNEL_NAMES: ReadonlyMap<string, InboxChannel> = new Map<string, InboxChannel>([
    ...INBOX_CHANNELS.map((c): [string, InboxChannel] => [c, c]),
    // Genesys Cloud and earlier Relay names for the same channels.
    ['webchat', 'chat'],
    ['webmessaging', 'chat'],
    ['messenger', 'facebook'],
    ['x', 'twitter']
]);

/** The channel for a Channel__c picklist value or a contact-centre channel name, case-insensitive. */
export function toInboxChannel(raw: string | null | undefined): InboxChannel | undefined {
    return typeof raw === 'string' ? CHANNEL_NAMES.get(raw.trim().toLowerCase()) : undefined;
}

/** Tags__c holds the tags separated by semicolons ("billing;vip"): trimmed, without blanks or repeats. */
export function parseTags(raw: string | null | undefined): string[] {
    if (typeof raw !== 'string') {
        return [];
    }
    return [...new Set(raw.split(';').map((t) => t.trim()))].filter((t) => t !== '');
}

function fieldProblem(item: Record<string, unknown>): string | undefined {
    const { channel, status, priority, tags, unread } = item;
    if (!INBOX_CHANNELS.includes(channel as InboxChannel)) {
        return `channel "${String(channel)}" is not one of ${INBOX_CHANNELS.join(', ')}`;
    }
    if (!INBOX_STATUSES.includes(status as InboxItem['status'])) {
        return `status "${String(status)}" is not one of ${INBOX_STATUSES.join(', ')}`;
    }
    if (typeof priority !== 'number' || !Number.isFinite(priority)) {
        return `priority ${String(priority)} is not a number`;
    }
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
        return 'tags is not a list of strings';
    }
    const at = item.receivedAt;
    if ((typeof at !== 'number' && typeof at !== 'string') || !Number.isFinite(receivedTime({ receivedAt: at }))) {
        const shown = typeof at === 'string' ? JSON.stringify(at) : String(at);
        return `receivedAt ${shown} is neither epoch milliseconds nor an ISO date-time`;
    }
    return typeof unread === 'boolean' ? undefined : 'unread is not true or false';
}

/** Why the value cannot be sorted into the inbox, or undefined when it can. */
export function inboxItemProblem(value: unknown): string | undefined {
    if (typeof value !== 'object' || value === null) {
        return 'An inbox item must be an object.';
    }
    const item = value as Record<string, unknown>;
    if (typeof item.id !== 'string' || item.id === '') {
        return 'An inbox item needs a non-empty id.';
    }
    const problem = fieldProblem(item);
    return problem === undefined ? undefined : `Inbox item ${item.id}: ${problem}.`;
}

/** Throws a TypeError that names the item and the field when the value cannot be sorted into the inbox. */
export function assertInboxItem(value: unknown): asserts value is InboxItem {
    const problem = inboxItemProblem(value);
    if (problem !== undefined) {
        throw new TypeError(problem);
    }
}
