/*
 * Properties of the digital inbox over arbitrary interactions and arbitrary sequences of changes. The
 * incremental InboxView is checked against the simplest possible inbox: every interaction in a Map,
 * filtered and sorted from scratch with Array.prototype.sort after each change.
 */
import fc from 'fast-check';
import {
    INBOX_CHANNELS,
    INBOX_SORTS,
    INBOX_STATUSES,
    InboxView,
    compareItems,
    endInteraction,
    isInQueue,
    matchesFilter,
    openByAgent,
    receiveCustomerReply,
    receivedTime,
    sendReply,
    setAsResolved,
    transferToQueue
} from 'c/relayInboxModel';
import type { InboxChange, InboxFilter, InboxItem, InboxSort, InboxStatus } from 'c/relayInboxModel';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const TAGS = ['billing', 'vip', 'teapots', 'complaint'];
// Few ids, times and priorities, so upserts often replace an interaction and sort keys often tie.
const id = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'A', 'aa', 'b1');

const receivedAt: fc.Arbitrary<number | string> = fc
    .tuple(fc.integer({ min: 0, max: 5 }), fc.boolean())
    .map(([minutes, asIso]) => {
        const ms = T0 + minutes * 60_000;
        return asIso ? new Date(ms).toISOString() : ms;
    });

const inboxItem: fc.Arbitrary<InboxItem> = fc.record({
    id,
    channel: fc.constantFrom(...INBOX_CHANNELS),
    status: fc.constantFrom(...INBOX_STATUSES),
    priority: fc.integer({ min: 0, max: 3 }),
    tags: fc.subarray(TAGS),
    receivedAt,
    unread: fc.boolean(),
    customerName: fc.constant('Customer'),
    digitalId: fc.constant('+15555550100'),
    assignedAgentId: fc.constantFrom(null, '005-agent-anne'),
    queueId: fc.constantFrom(null, 'q-support'),
    lastMessagePreview: fc.constant('Hello')
});

const sort = fc.constantFrom(...INBOX_SORTS);
const filter: fc.Arbitrary<InboxFilter> = fc.record({
    statuses: fc.subarray([...INBOX_STATUSES] as InboxStatus[]),
    tags: fc.subarray(TAGS)
});

type Rule = (item: InboxItem) => InboxItem;
const RULES: Record<string, Rule> = {
    open: (item) => openByAgent(item, '005-agent-gilbert'),
    send: (item) => sendReply(item, 'Done.'),
    reply: (item) => receiveCustomerReply(item, 'Thanks, but...'),
    resolve: setAsResolved,
    end: endInteraction,
    transfer: (item) => transferToQueue(item, 'q-teatime')
};

type Op =
    | { kind: 'upsert'; item: InboxItem }
    | { kind: 'remove'; id: string }
    | { kind: 'sort'; sort: InboxSort }
    | { kind: 'filter'; filter: InboxFilter }
    | { kind: 'rule'; id: string; rule: string };

const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: inboxItem.map((item): Op => ({ kind: 'upsert', item })) },
    { weight: 2, arbitrary: id.map((i): Op => ({ kind: 'remove', id: i })) },
    { weight: 1, arbitrary: sort.map((s): Op => ({ kind: 'sort', sort: s })) },
    { weight: 1, arbitrary: filter.map((f): Op => ({ kind: 'filter', filter: f })) },
    {
        weight: 3,
        arbitrary: fc
            .record({ id, rule: fc.constantFrom(...Object.keys(RULES)) })
            .map((r): Op => ({ kind: 'rule', ...r }))
    }
);

/** The reference inbox: no cleverness at all. */
class ReferenceInbox {
    readonly items = new Map<string, InboxItem>();
    constructor(
        public order: InboxSort,
        public shown: InboxFilter
    ) {}
    list(): InboxItem[] {
        return [...this.items.values()].filter((i) => matchesFilter(i, this.shown)).sort(compareItems(this.order));
    }
    unread(): number {
        return [...this.items.values()].filter((i) => i.unread && (i.status === 'New' || i.status === 'Open')).length;
    }
    tags(): string[] {
        return [...new Set([...this.items.values()].flatMap((i) => i.tags))].sort();
    }
}

const positionIn = (list: InboxItem[], itemId: string): number => list.findIndex((i) => i.id === itemId);

/** Applies one change to both inboxes; returns what InboxView said changed and what the reference expects. */
function apply(view: InboxView, reference: ReferenceInbox, change: Op): { got?: InboxChange; want?: InboxChange } {
    const before = reference.list();
    const record = (changedId: string, got: InboxChange) => ({
        got,
        want: { id: changedId, from: positionIn(before, changedId), to: positionIn(reference.list(), changedId) }
    });
    switch (change.kind) {
        case 'upsert':
            reference.items.set(change.item.id, change.item);
            return record(change.item.id, view.upsert(change.item));
        case 'remove':
            reference.items.delete(change.id);
            return record(change.id, view.remove(change.id));
        case 'sort':
            reference.order = change.sort;
            view.setSort(change.sort);
            return {};
        case 'filter':
            reference.shown = change.filter;
            view.setFilter(change.filter);
            return {};
        default: {
            const current = reference.items.get(change.id);
            if (!current) return {};
            const next = RULES[change.rule](current);
            reference.items.set(next.id, next);
            return record(next.id, view.upsert(next));
        }
    }
}

describe('c/relayInboxModel properties', () => {
    it('after any sequence of arrivals, removals, status changes, sorts and filters, the list equals filtering and sorting from scratch', () => {
        fc.assert(
            fc.property(
                fc.array(inboxItem, { maxLength: 12 }),
                sort,
                filter,
                fc.array(op, { maxLength: 40 }),
                (initial, s, f, ops) => {
                    const view = new InboxView(initial, { sort: s, filter: f });
                    const reference = new ReferenceInbox(s, f);
                    initial.forEach((item) => reference.items.set(item.id, item));
                    for (const change of ops) {
                        const { got, want } = apply(view, reference, change);
                        expect(got).toEqual(want);
                        const expected = reference.list();
                        expect(view.toArray()).toEqual(expected);
                        expect(view.size).toBe(expected.length);
                        expect(view.total).toBe(reference.items.size);
                        expect(view.unreadCount).toBe(reference.unread());
                        expect(view.tags()).toEqual(reference.tags());
                    }
                    for (const known of reference.items.keys()) {
                        expect(view.indexOf(known)).toBe(positionIn(reference.list(), known));
                        expect(view.get(known)).toBe(reference.items.get(known));
                    }
                }
            ),
            { numRuns: 300 }
        );
    });

    it('a virtualized window shows exactly the same rows as the full list at those positions', () => {
        fc.assert(
            fc.property(
                fc.array(inboxItem, { maxLength: 15 }),
                sort,
                fc.integer({ min: -3, max: 20 }),
                fc.integer({ min: -3, max: 20 }),
                (items, s, start, count) => {
                    const view = new InboxView(items, { sort: s, filter: { statuses: [], tags: [] } });
                    const all = view.toArray();
                    expect(view.visibleSlice(start, count)).toEqual(
                        count > 0 ? all.slice(Math.max(0, start), Math.max(0, start) + count) : []
                    );
                }
            )
        );
    });

    it('the order does not depend on the order the interactions arrived in', () => {
        const itemsAndShuffle = fc
            .uniqueArray(inboxItem, { selector: (i) => i.id })
            .chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length })));
        fc.assert(
            fc.property(itemsAndShuffle, sort, ([items, shuffled], s) => {
                const everything = { statuses: [], tags: [] };
                const loaded = new InboxView(items, { sort: s, filter: everything });
                const oneByOne = new InboxView([], { sort: s, filter: everything });
                shuffled.forEach((item) => oneByOne.upsert(item));
                expect(oneByOne.toArray()).toEqual(loaded.toArray());
            })
        );
    });

    it('every sort is a total order: two different interactions never tie, and swapping them flips the answer', () => {
        fc.assert(
            fc.property(inboxItem, inboxItem, sort, (a, b, s) => {
                const compare = compareItems(s);
                const ab = Math.sign(compare(a, b));
                expect(Math.sign(compare(b, a)) === -ab).toBe(true);
                expect(compare(a, a)).toBe(0);
                expect(ab !== 0 || a.id === b.id).toBe(true);
            })
        );
    });

    it('sorting by channel never puts WhatsApp before chat, nor any channel before one earlier in the seed order', () => {
        fc.assert(
            fc.property(fc.array(inboxItem), (items) => {
                const channels = new InboxView(items, { sort: 'channel', filter: { statuses: [], tags: [] } })
                    .toArray()
                    .map((i) => INBOX_CHANNELS.indexOf(i.channel));
                channels.forEach((rank, i) => expect(rank).toBeGreaterThanOrEqual(channels[i - 1] ?? 0));
                const lastChat = channels.lastIndexOf(INBOX_CHANNELS.indexOf('chat'));
                const firstWhatsApp = channels.indexOf(INBOX_CHANNELS.indexOf('whatsapp'));
                expect(firstWhatsApp === -1 || lastChat < firstWhatsApp).toBe(true);
            })
        );
    });

    it('sorting by Received never shows an older interaction above a newer one', () => {
        fc.assert(
            fc.property(fc.array(inboxItem), (items) => {
                const times = new InboxView(items).toArray().map(receivedTime);
                times.forEach((t, i) => expect(t).toBeLessThanOrEqual(times[i - 1] ?? Infinity));
            })
        );
    });

    it('sorting by Priority never shows a lower priority above a higher one', () => {
        fc.assert(
            fc.property(fc.array(inboxItem), (items) => {
                const priorities = new InboxView(items, { sort: 'priority' }).toArray().map((i) => i.priority);
                priorities.forEach((p, i) => expect(p).toBeLessThanOrEqual(priorities[i - 1] ?? Infinity));
            })
        );
    });

    it('the unread badge equals the number of unread interactions in the queue, whatever tags or statuses the list shows', () => {
        fc.assert(
            fc.property(fc.array(inboxItem), filter, fc.array(op, { maxLength: 20 }), (items, f, ops) => {
                const view = new InboxView(items, { filter: f });
                const reference = new ReferenceInbox('received', f);
                items.forEach((item) => reference.items.set(item.id, item));
                ops.forEach((change) => apply(view, reference, change));
                const known = [...reference.items.values()];
                expect(view.unreadCount).toBe(known.filter((i) => i.unread && isInQueue(i)).length);
            })
        );
    });

    it('selecting one more tag never hides an interaction that was shown (tags combine as any-of)', () => {
        fc.assert(
            fc.property(fc.array(inboxItem), filter, fc.constantFrom(...TAGS), (items, f, extra) => {
                fc.pre(f.tags.length > 0); // no tag selected means every tag
                const narrow = new InboxView(items, { filter: f });
                const wide = new InboxView(items, { filter: { ...f, tags: [...f.tags, extra] } });
                const wider = new Set(wide.toArray().map((i) => i.id));
                narrow.toArray().forEach((i) => expect(wider.has(i.id)).toBe(true));
            })
        );
    });

    it('a customer reply always puts the interaction in the queue; Send, Set as Resolved and End always take it out', () => {
        fc.assert(
            fc.property(inboxItem, (item) => {
                expect(isInQueue(receiveCustomerReply(item, 'Hi'))).toBe(true);
                expect(isInQueue(sendReply(item))).toBe(false);
                expect(isInQueue(setAsResolved(item))).toBe(false);
                expect(isInQueue(endInteraction(item))).toBe(false);
                expect(endInteraction(item).assignedAgentId).toBeNull();
            })
        );
    });
});
