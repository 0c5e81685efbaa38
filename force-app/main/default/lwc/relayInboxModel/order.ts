/*
 * Sorting and filtering of the digital inbox, one interaction (or one pair) at a time. InboxView applies
 * the same order incrementally; the tests check that both always agree.
 */
import { INBOX_CHANNELS } from './types';
import type { InboxChannel, InboxFilter, InboxItem, InboxSort } from './types';

const CHANNEL_RANK = Object.fromEntries(INBOX_CHANNELS.map((c, i) => [c, i])) as Record<InboxChannel, number>;

/** Position of the channel in the Channel sort (chat first, WhatsApp last). */
export function channelRank(channel: InboxChannel): number {
    return CHANNEL_RANK[channel];
}

/** When the interaction was received, in epoch milliseconds (NaN when receivedAt is not a date). */
export function receivedTime(item: Pick<InboxItem, 'receivedAt'>): number {
    return typeof item.receivedAt === 'number' ? item.receivedAt : Date.parse(item.receivedAt);
}

/** Code-unit order, not localeCompare: the tie-break must not depend on the agent's locale. */
export function compareIds(a: string, b: string): number {
    if (a === b) {
        return 0;
    }
    return a < b ? -1 : 1;
}

/** Newest first, then by id: the tie-break every sort ends with, so the order is total. */
function compareReceived(a: InboxItem, b: InboxItem): number {
    return receivedTime(b) - receivedTime(a) || compareIds(a.id, b.id);
}

const COMPARATORS: Record<InboxSort, (a: InboxItem, b: InboxItem) => number> = {
    received: compareReceived,
    priority: (a, b) => b.priority - a.priority || compareReceived(a, b),
    channel: (a, b) => channelRank(a.channel) - channelRank(b.channel) || compareReceived(a, b)
};

/** The comparator of a sort, for Array.prototype.sort. Two different interactions never compare equal. */
export function compareItems(sort: InboxSort): (a: InboxItem, b: InboxItem) => number {
    const comparator = COMPARATORS[sort];
    if (!comparator) {
        throw new RangeError(`Unknown inbox sort "${String(sort)}": expected received, priority or channel.`);
    }
    return comparator;
}

/** Whether the interaction belongs in a list with this filter (any of the selected tags, see InboxFilter). */
export function matchesFilter(item: InboxItem, filter: InboxFilter): boolean {
    const statusOk = filter.statuses.length === 0 || filter.statuses.includes(item.status);
    return statusOk && (filter.tags.length === 0 || filter.tags.some((tag) => item.tags.includes(tag)));
}

/** The list in one go: filter, then sort. For a list that changes, InboxView does the same incrementally. */
export function sortAndFilter(items: readonly InboxItem[], sort: InboxSort, filter: InboxFilter): InboxItem[] {
    return items.filter((item) => matchesFilter(item, filter)).sort(compareItems(sort));
}
