/*
 * The digital inbox as a list that changes one interaction at a time. The sorted, filtered list is kept
 * in an array; a new or changed interaction is placed by binary search and one splice instead of sorting
 * everything again, so a message arriving in a 10,000-row inbox costs O(log n) comparisons and one array
 * move. The unread count and the tag list are kept up to date the same way.
 */
import { INBOX_STATUSES, QUEUE_FILTER } from './types';
import type { InboxChange, InboxFilter, InboxItem, InboxSort, InboxStatus } from './types';
import { channelRank, compareIds, compareItems, receivedTime } from './order';
import { countsAsUnread } from './rules';
import { assertInboxItem } from './input';

/** An interaction with its sort keys worked out once (parsing an ISO date at every comparison is slow). */
interface Entry {
    readonly item: InboxItem;
    readonly time: number;
    readonly rank: number;
}

type EntryComparator = (a: Entry, b: Entry) => number;

// The same order as compareItems in order.ts, on the precomputed keys; the property tests hold them equal.
const byReceived: EntryComparator = (a, b) => b.time - a.time || compareIds(a.item.id, b.item.id);
const ENTRY_COMPARATORS: Record<InboxSort, EntryComparator> = {
    received: byReceived,
    priority: (a, b) => b.item.priority - a.item.priority || byReceived(a, b),
    channel: (a, b) => a.rank - b.rank || byReceived(a, b)
};

const toEntry = (item: InboxItem): Entry => ({ item, time: receivedTime(item), rank: channelRank(item.channel) });

function checkedFilter(filter: InboxFilter): InboxFilter {
    const statuses: unknown = filter?.statuses;
    const tags: unknown = filter?.tags;
    if (!Array.isArray(statuses) || !statuses.every((s) => INBOX_STATUSES.includes(s as InboxStatus))) {
        throw new TypeError(`An inbox filter's statuses must be a list of ${INBOX_STATUSES.join(', ')}.`);
    }
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) {
        throw new TypeError("An inbox filter's tags must be a list of strings.");
    }
    return Object.freeze({ statuses: [...(statuses as InboxStatus[])], tags: [...tags] });
}

export interface InboxViewOptions {
    sort?: InboxSort;
    filter?: InboxFilter;
}

export class InboxView {
    /** Every interaction known, visible or not, by id. */
    private readonly entries = new Map<string, Entry>();
    /** The visible interactions, sorted by `compare`. */
    private visible: Entry[] = [];
    private currentSort: InboxSort = 'received';
    private compare: EntryComparator = byReceived;
    private currentFilter: InboxFilter = QUEUE_FILTER;
    private statusSet: ReadonlySet<string> | null = null;
    private tagSet: ReadonlySet<string> | null = null;
    private unread = 0;
    private readonly tagCounts = new Map<string, number>();
    private changes = 0;

    constructor(items: Iterable<InboxItem> = [], options: InboxViewOptions = {}) {
        this.applySort(options.sort ?? 'received');
        this.applyFilter(options.filter ?? QUEUE_FILTER);
        this.replaceAll(items);
    }

    /** Replaces every interaction (a fresh load). Nothing changes when any of them is invalid. */
    replaceAll(items: Iterable<InboxItem>): void {
        const list = [...items];
        list.forEach((item) => assertInboxItem(item));
        this.entries.clear();
        this.tagCounts.clear();
        this.unread = 0;
        for (const item of list) {
            const previous = this.entries.get(item.id);
            if (previous) {
                this.forget(previous);
            }
            this.remember(toEntry(item));
        }
        this.rebuild();
    }

    /** Adds a new interaction or replaces the one with the same id, and moves it to its place in the list. */
    upsert(item: InboxItem): InboxChange {
        assertInboxItem(item);
        const next = toEntry(item);
        const previous = this.entries.get(item.id);
        let from = -1;
        if (previous) {
            from = this.positionOf(previous);
            this.forget(previous);
        }
        this.remember(next);
        const shown = this.shows(item);
        let to = -1;
        if (from >= 0 && shown && this.fitsAt(from, next)) {
            this.visible[from] = next; // same place (a read flag, a preview): no array move at all
            to = from;
        } else {
            if (from >= 0) {
                this.visible.splice(from, 1);
            }
            if (shown) {
                to = this.insertionPoint(next);
                this.visible.splice(to, 0, next);
            }
        }
        this.changes++;
        return { id: item.id, from, to };
    }

    /** Forgets an interaction. Unknown ids are ignored (from and to are -1). */
    remove(id: string): InboxChange {
        const entry = this.entries.get(id);
        if (!entry) {
            return { id, from: -1, to: -1 };
        }
        const from = this.positionOf(entry);
        if (from >= 0) {
            this.visible.splice(from, 1);
        }
        this.forget(entry);
        this.changes++;
        return { id, from, to: -1 };
    }

    setSort(sort: InboxSort): void {
        if (sort !== this.currentSort) {
            this.applySort(sort);
            this.visible.sort(this.compare);
            this.changes++;
        }
    }

    setFilter(filter: InboxFilter): void {
        this.applyFilter(filter);
        this.rebuild();
    }

    get sort(): InboxSort {
        return this.currentSort;
    }

    get filter(): InboxFilter {
        return this.currentFilter;
    }

    /** How many interactions the list shows. */
    get size(): number {
        return this.visible.length;
    }

    /** How many interactions are known, shown or not. */
    get total(): number {
        return this.entries.size;
    }

    /** The blue bubble: unread interactions in the queue, whatever the list's filter. */
    get unreadCount(): number {
        return this.unread;
    }

    /** Goes up by one at every change, so a component can tell that its rows are stale. */
    get version(): number {
        return this.changes;
    }

    get(id: string): InboxItem | undefined {
        return this.entries.get(id)?.item;
    }

    /** Position of the interaction in the list, -1 when it is not shown. */
    indexOf(id: string): number {
        const entry = this.entries.get(id);
        return entry ? this.positionOf(entry) : -1;
    }

    /**
     * The rows a virtualized list renders: `count` interactions from position `start`, fewer at the end of
     * the list. Positions are clamped to the list; a count of Infinity reads to the end.
     */
    visibleSlice(start: number, count: number): InboxItem[] {
        const size = this.visible.length;
        const first = Number.isNaN(start) ? 0 : Math.min(size, Math.max(0, Math.trunc(start)));
        const last = count > 0 ? Math.min(size, first + Math.trunc(count)) : first;
        const rows = new Array<InboxItem>(last - first);
        for (let i = first; i < last; i++) {
            rows[i - first] = this.visible[i].item;
        }
        return rows;
    }

    /** Every visible interaction, in order. */
    toArray(): InboxItem[] {
        return this.visibleSlice(0, Infinity);
    }

    /** The tags of all known interactions, sorted, for the tag drop-down. */
    tags(): string[] {
        return [...this.tagCounts.keys()].sort(compareIds);
    }

    private applySort(sort: InboxSort): void {
        compareItems(sort); // throws a clear error for an unknown sort
        this.currentSort = sort;
        this.compare = ENTRY_COMPARATORS[sort];
    }

    private applyFilter(filter: InboxFilter): void {
        const checked = checkedFilter(filter);
        this.currentFilter = checked;
        this.statusSet = checked.statuses.length > 0 ? new Set(checked.statuses) : null;
        this.tagSet = checked.tags.length > 0 ? new Set(checked.tags) : null;
    }

    private rebuild(): void {
        this.visible = [];
        for (const entry of this.entries.values()) {
            if (this.shows(entry.item)) {
                this.visible.push(entry);
            }
        }
        this.visible.sort(this.compare);
        this.changes++;
    }

    private shows(item: InboxItem): boolean {
        const { statusSet, tagSet } = this;
        if (statusSet && !statusSet.has(item.status)) {
            return false;
        }
        return !tagSet || item.tags.some((tag) => tagSet.has(tag));
    }

    private remember(entry: Entry): void {
        this.entries.set(entry.item.id, entry);
        this.unread += countsAsUnread(entry.item) ? 1 : 0;
        for (const tag of new Set(entry.item.tags)) {
            this.tagCounts.set(tag, (this.tagCounts.get(tag) ?? 0) + 1);
        }
    }

    private forget(entry: Entry): void {
        this.entries.delete(entry.item.id);
        this.unread -= countsAsUnread(entry.item) ? 1 : 0;
        for (const tag of new Set(entry.item.tags)) {
            const left = (this.tagCounts.get(tag) as number) - 1; // counted in remember()
            if (left > 0) {
                this.tagCounts.set(tag, left);
            } else {
                this.tagCounts.delete(tag);
            }
        }
    }

    /** First position whose entry sorts at or after `entry`. */
    private insertionPoint(entry: Entry): number {
        let low = 0;
        let high = this.visible.length;
        while (low < high) {
            const mid = (low + high) >>> 1;
            if (this.compare(this.visible[mid], entry) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Where a known entry is shown: the order is total, so binary search lands on it or it is not shown. */
    private positionOf(entry: Entry): number {
        const at = this.insertionPoint(entry);
        return this.visible[at] === entry ? at : -1;
    }

    private fitsAt(index: number, entry: Entry): boolean {
        const before = this.visible[index - 1];
        const after = this.visible[index + 1];
        return (!before || this.compare(before, entry) < 0) && (!after || this.compare(entry, after) < 0);
    }
}
