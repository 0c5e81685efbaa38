/*
 * The Digital tab's rules, example by example, on a small inbox (data/inbox.json): seven interactions, one
 * per channel, in every status. Properties over arbitrary inboxes are in relayInboxModel.properties.test.ts.
 */
import {
    INBOX_CHANNELS,
    InboxView,
    QUEUE_FILTER,
    assertInboxItem,
    compareItems,
    endInteraction,
    inboxItemProblem,
    isBold,
    isInQueue,
    openByAgent,
    parseTags,
    receiveCustomerReply,
    sendReply,
    setAsResolved,
    sortAndFilter,
    toInboxChannel,
    transferToQueue,
    unreadCount
} from 'c/relayInboxModel';
import type { InboxFilter, InboxItem, InboxSort } from 'c/relayInboxModel';

const ANNE = '005-agent-anne';
const GILBERT_AGENT = '005-agent-gilbert';

function inbox(): InboxItem[] {
    return (require('./data/inbox.json') as InboxItem[]).map((i) => ({ ...i }));
}

function item(id: string): InboxItem {
    const found = inbox().find((i) => i.id === id);
    if (!found) throw new Error(`no ${id} in data/inbox.json`);
    return found;
}

const ids = (items: readonly InboxItem[]): string[] => items.map((i) => i.id);
const filter = (statuses: InboxFilter['statuses'], tags: string[] = []): InboxFilter => ({ statuses, tags });
const ALL: InboxFilter = filter([]);

describe('c/relayInboxModel: sorting the Digital tab', () => {
    it('sorted by Received, shows the newest interactions first', () => {
        expect(ids(sortAndFilter(inbox(), 'received', QUEUE_FILTER))).toEqual([
            'i-ig-1',
            'i-tw-1',
            'i-chat-1',
            'i-email-1',
            'i-sms-1'
        ]);
    });

    it('sorted by Priority, shows the highest priority interactions first, newest first within a priority', () => {
        expect(ids(sortAndFilter(inbox(), 'priority', QUEUE_FILTER))).toEqual([
            'i-email-1',
            'i-sms-1',
            'i-ig-1',
            'i-tw-1',
            'i-chat-1'
        ]);
    });

    it('sorted by Channel, groups interactions in the order chat, email, Facebook, Instagram, SMS, Twitter, WhatsApp', () => {
        const channels = sortAndFilter(inbox(), 'channel', ALL).map((i) => i.channel);
        expect(channels).toEqual(['chat', 'email', 'facebook', 'instagram', 'sms', 'twitter', 'whatsapp']);
        expect(INBOX_CHANNELS).toEqual(channels);
    });

    it('breaks a tie the same way every time: two interactions received at the same second keep their order', () => {
        // i-ig-1 and i-tw-1 arrived at 09:30:00 with priority 3: the id decides, in any input order.
        for (const sort of ['received', 'priority'] as InboxSort[]) {
            const forwards = ids(sortAndFilter(inbox(), sort, QUEUE_FILTER));
            const backwards = ids(sortAndFilter(inbox().reverse(), sort, QUEUE_FILTER));
            expect(backwards).toEqual(forwards);
            expect(forwards.indexOf('i-ig-1')).toBe(forwards.indexOf('i-tw-1') - 1);
        }
    });

    it('compares an interaction received as epoch milliseconds with one received as an ISO date-time', () => {
        const epoch = { ...item('i-chat-1'), id: 'a', receivedAt: Date.parse('2026-03-02T10:00:00.000Z') };
        const iso = { ...item('i-chat-1'), id: 'b', receivedAt: '2026-03-02T10:00:01.000Z' };
        expect(ids([epoch, iso].sort(compareItems('received')))).toEqual(['b', 'a']);
    });

    it('refuses a sort the Digital tab does not offer', () => {
        expect(() => compareItems('alphabetical' as InboxSort)).toThrow(/Unknown inbox sort "alphabetical"/);
        expect(() => new InboxView([], { sort: 'alphabetical' as InboxSort })).toThrow(RangeError);
    });
});

describe('c/relayInboxModel: filtering by tag and by status', () => {
    it('selecting a tag shows only the interactions that include that tag', () => {
        expect(ids(sortAndFilter(inbox(), 'received', filter(['New', 'Open'], ['billing'])))).toEqual([
            'i-chat-1',
            'i-email-1'
        ]);
    });

    it('with multiple tags selected, shows the interactions that include any of them', () => {
        expect(ids(sortAndFilter(inbox(), 'received', filter(['New', 'Open'], ['teapots', 'vip'])))).toEqual([
            'i-ig-1',
            'i-email-1'
        ]);
    });

    it('the queue holds New and Open interactions; Resolved and Closed ones are out of it', () => {
        const queue = sortAndFilter(inbox(), 'channel', QUEUE_FILTER);
        expect(queue.map((i) => i.status).sort()).toEqual(['New', 'New', 'New', 'Open', 'Open']);
        expect(inbox().filter(isInQueue).length).toBe(queue.length);
        expect(isInQueue(item('i-wa-1'))).toBe(false);
        expect(isInQueue(item('i-fb-1'))).toBe(false);
    });

    it('an empty status list shows every status', () => {
        expect(sortAndFilter(inbox(), 'received', ALL)).toHaveLength(7);
    });
});

describe('c/relayInboxModel: what the agent and the customer do to an interaction', () => {
    it('clicking an interaction in the queue assigns it to the agent, and its text is no longer bold', () => {
        const before = item('i-ig-1');
        expect(isBold(before)).toBe(true);
        const opened = openByAgent(before, ANNE);
        expect(opened.assignedAgentId).toBe(ANNE);
        expect(isBold(opened)).toBe(false);
        expect(opened.status).toBe('New'); // nobody has responded yet
        expect(isInQueue(opened)).toBe(true);
    });

    it('opening an interaction needs the agent who opens it', () => {
        expect(() => openByAgent(item('i-ig-1'), ' ')).toThrow(/agent opening the interaction is required/);
    });

    it('clicking Send changes a New interaction to Resolved and removes it from the queue, the agent staying assigned', () => {
        const sent = sendReply(openByAgent(item('i-chat-1'), ANNE), 'I have corrected the invoice.');
        expect(sent.status).toBe('Resolved');
        expect(isInQueue(sent)).toBe(false);
        expect(sent.assignedAgentId).toBe(ANNE);
        expect(sent.lastMessagePreview).toBe('I have corrected the invoice.');
    });

    it('replying to an Open interaction changes it to Resolved and removes it from the queue', () => {
        const sent = sendReply(item('i-sms-1'));
        expect(sent.status).toBe('Resolved');
        expect(isInQueue(sent)).toBe(false);
        expect(sent.lastMessagePreview).toBe('Any news?');
    });

    it('a customer reply moves a resolved interaction back to Open and into the queue, in bold', () => {
        const reopened = receiveCustomerReply(item('i-wa-1'), 'Actually, one more thing.');
        expect(reopened.status).toBe('Open');
        expect(isInQueue(reopened)).toBe(true);
        expect(isBold(reopened)).toBe(true);
        expect(reopened.lastMessagePreview).toBe('Actually, one more thing.');
        expect(reopened.assignedAgentId).toBe(ANNE); // still Anne's: she has not clicked End
    });

    it('End unassigns the interaction and removes it from the queue; a customer reply brings it back for any agent', () => {
        const ended = endInteraction(openByAgent(item('i-tw-1'), ANNE));
        expect(ended.assignedAgentId).toBeNull();
        expect(ended.status).toBe('Closed');
        expect(isInQueue(ended)).toBe(false);

        const back = receiveCustomerReply(ended, 'Hello again?');
        expect(isInQueue(back)).toBe(true);
        expect(back.assignedAgentId).toBeNull();
        expect(openByAgent(back, GILBERT_AGENT).assignedAgentId).toBe(GILBERT_AGENT);
    });

    it('Set as Resolved takes an interaction that needs no response out of the queue without sending anything', () => {
        const opened = openByAgent(item('i-email-1'), ANNE);
        const resolved = setAsResolved(opened);
        expect(resolved.status).toBe('Resolved');
        expect(isInQueue(resolved)).toBe(false);
        expect(resolved.lastMessagePreview).toBe(opened.lastMessagePreview);
        expect(endInteraction(resolved).assignedAgentId).toBeNull();
    });

    it('Anne transfers an Instagram question about teapots to the Teatime queue, where nobody has it yet', () => {
        const opened = openByAgent(item('i-ig-1'), ANNE);
        const transferred = transferToQueue(opened, 'q-teatime');
        expect(transferred.queueId).toBe('q-teatime');
        expect(transferred.assignedAgentId).toBeNull();
        expect(transferred.status).toBe('New');
    });

    it('a transfer to a queue where the agent is the only agent gives the interaction straight back to that agent', () => {
        const transferred = transferToQueue(openByAgent(item('i-ig-1'), ANNE), 'q-teatime', ANNE);
        expect(transferred.assignedAgentId).toBe(ANNE);
    });

    it('a transfer needs a queue', () => {
        expect(() => transferToQueue(item('i-ig-1'), '')).toThrow(/queue to transfer the interaction to is required/);
    });

    it('the blue bubble counts the unread interactions in the queue, not unread ones already out of it', () => {
        expect(unreadCount(inbox())).toBe(4);
        const unreadButClosed = { ...item('i-fb-1'), unread: true };
        expect(unreadCount([...inbox(), unreadButClosed])).toBe(4);
    });
});

describe('c/relayInboxModel: the inbox list as it changes (InboxView)', () => {
    const at = (minute: number): string => `2026-03-02T10:${String(minute).padStart(2, '0')}:00.000Z`;

    it('starts empty, with nothing unread', () => {
        const view = new InboxView();
        expect(view.toArray()).toEqual([]);
        expect(view.unreadCount).toBe(0);
        expect(view.tags()).toEqual([]);
    });

    it('shows the queue sorted by Received when first opened', () => {
        const view = new InboxView(inbox());
        expect(view.sort).toBe('received');
        expect(view.filter).toEqual(QUEUE_FILTER);
        expect(ids(view.toArray())).toEqual(['i-ig-1', 'i-tw-1', 'i-chat-1', 'i-email-1', 'i-sms-1']);
        expect(view.size).toBe(5);
        expect(view.total).toBe(7);
        expect(view.unreadCount).toBe(4);
    });

    it('a new interaction arriving goes to the top of the Received list and raises the unread count', () => {
        const view = new InboxView(inbox());
        const newest = { ...item('i-chat-1'), id: 'i-chat-2', receivedAt: at(5) };
        expect(view.upsert(newest)).toEqual({ id: 'i-chat-2', from: -1, to: 0 });
        expect(view.visibleSlice(0, 2).map((i) => i.id)).toEqual(['i-chat-2', 'i-ig-1']);
        expect(view.unreadCount).toBe(5);
    });

    it('a new interaction is placed by binary search, without sorting the list again', () => {
        const view = new InboxView(inbox(), { sort: 'priority' });
        const sort = jest.spyOn(Array.prototype, 'sort');
        try {
            view.upsert({ ...item('i-sms-1'), id: 'i-sms-2', priority: 4, receivedAt: at(1) });
            expect(sort).not.toHaveBeenCalled();
        } finally {
            sort.mockRestore();
        }
        expect(view.indexOf('i-sms-2')).toBe(2);
    });

    it('sending a reply takes the interaction out of the queue list and lowers the unread count', () => {
        const view = new InboxView(inbox());
        const opened = openByAgent(view.get('i-chat-1') as InboxItem, ANNE);
        expect(view.upsert(opened)).toEqual({ id: 'i-chat-1', from: 2, to: 2 }); // read now: same place
        expect(view.unreadCount).toBe(3);
        expect(view.upsert(sendReply(opened, 'Done.'))).toEqual({ id: 'i-chat-1', from: 2, to: -1 });
        expect(view.indexOf('i-chat-1')).toBe(-1);
        expect(view.get('i-chat-1')?.status).toBe('Resolved');
        expect(view.size).toBe(4);
    });

    it('a customer reply puts a resolved interaction back in the queue list, in bold', () => {
        const view = new InboxView(inbox());
        const reopened = receiveCustomerReply(view.get('i-wa-1') as InboxItem, 'One more question.');
        expect(view.upsert(reopened)).toEqual({ id: 'i-wa-1', from: -1, to: 0 });
        expect(view.unreadCount).toBe(5);
        expect(isBold(view.visibleSlice(0, 1)[0])).toBe(true);
    });

    it('a higher priority moves an interaction up the Priority list', () => {
        const view = new InboxView(inbox(), { sort: 'priority' });
        expect(view.upsert({ ...item('i-chat-1'), priority: 9 })).toEqual({ id: 'i-chat-1', from: 4, to: 0 });
    });

    it('changing the sort or the tags re-orders or narrows the list, and the unread count stays the queue', () => {
        const view = new InboxView(inbox());
        view.setSort('channel');
        expect(ids(view.toArray())).toEqual(['i-chat-1', 'i-email-1', 'i-ig-1', 'i-sms-1', 'i-tw-1']);
        view.setFilter(filter(['New', 'Open'], ['billing']));
        expect(ids(view.toArray())).toEqual(['i-chat-1', 'i-email-1']);
        expect(view.unreadCount).toBe(4);
        view.setFilter(filter(['Resolved', 'Closed']));
        expect(ids(view.toArray())).toEqual(['i-fb-1', 'i-wa-1']);
    });

    it('setting the same sort again changes nothing', () => {
        const view = new InboxView(inbox());
        const version = view.version;
        view.setSort('received');
        expect(view.version).toBe(version);
        view.setSort('priority');
        expect(view.version).toBe(version + 1);
    });

    it('removing an interaction takes it out of the list; an unknown id is ignored', () => {
        const view = new InboxView(inbox());
        expect(view.remove('i-tw-1')).toEqual({ id: 'i-tw-1', from: 1, to: -1 });
        expect(view.remove('i-wa-1')).toEqual({ id: 'i-wa-1', from: -1, to: -1 }); // known, not shown
        expect(view.remove('nope')).toEqual({ id: 'nope', from: -1, to: -1 });
        expect(view.total).toBe(5);
        expect(view.unreadCount).toBe(3);
        expect(view.get('i-tw-1')).toBeUndefined();
        expect(view.indexOf('i-tw-1')).toBe(-1);
    });

    it('gives a virtualized list only the rows it renders, clamped to the ends of the list', () => {
        const view = new InboxView(inbox());
        expect(ids(view.visibleSlice(1, 2))).toEqual(['i-tw-1', 'i-chat-1']);
        expect(ids(view.visibleSlice(3, 100))).toEqual(['i-email-1', 'i-sms-1']);
        expect(ids(view.visibleSlice(-5, 1))).toEqual(['i-ig-1']);
        expect(ids(view.visibleSlice(1.9, 1.9))).toEqual(['i-tw-1']);
        expect(view.visibleSlice(9, 3)).toEqual([]);
        expect(view.visibleSlice(0, 0)).toEqual([]);
        expect(view.visibleSlice(Number.NaN, Number.NaN)).toEqual([]);
        expect(view.visibleSlice(Number.NaN, 1)).toHaveLength(1);
    });

    it('lists the tags of every interaction for the tag drop-down, and drops a tag nobody has any more', () => {
        const view = new InboxView(inbox());
        expect(view.tags()).toEqual(['billing', 'complaint', 'teapots', 'vip']);
        view.remove('i-ig-1');
        expect(view.tags()).toEqual(['billing', 'complaint', 'vip']);
        view.upsert({ ...item('i-sms-1'), tags: ['late', 'late'] });
        view.remove('i-sms-1');
        expect(view.tags()).toEqual(['billing', 'complaint', 'vip']);
    });

    it('a fresh load replaces every interaction; a repeated id keeps the last one', () => {
        const view = new InboxView(inbox());
        view.replaceAll([item('i-sms-1'), { ...item('i-sms-1'), unread: true }]);
        expect(view.total).toBe(1);
        expect(view.unreadCount).toBe(1);
    });
});

describe('c/relayInboxModel: bad input gets a clear error and changes nothing', () => {
    it.each([
        [null, 'An inbox item must be an object.'],
        [{ id: '' }, 'An inbox item needs a non-empty id.'],
        [{ channel: 'pigeon' }, 'Inbox item i-chat-1: channel "pigeon" is not one of chat, email'],
        [{ status: 'Pending' }, 'Inbox item i-chat-1: status "Pending" is not one of New, Open, Resolved, Closed.'],
        [{ priority: Number.NaN }, 'Inbox item i-chat-1: priority NaN is not a number.'],
        [{ priority: '3' }, 'Inbox item i-chat-1: priority 3 is not a number.'],
        [{ tags: 'billing' }, 'Inbox item i-chat-1: tags is not a list of strings.'],
        [{ tags: [1] }, 'Inbox item i-chat-1: tags is not a list of strings.'],
        [{ receivedAt: 'yesterday' }, 'Inbox item i-chat-1: receivedAt "yesterday" is neither epoch milliseconds'],
        [{ receivedAt: Infinity }, 'Inbox item i-chat-1: receivedAt Infinity is neither'],
        [{ receivedAt: null }, 'Inbox item i-chat-1: receivedAt null is neither'],
        [{ unread: 'yes' }, 'Inbox item i-chat-1: unread is not true or false.']
    ])('refuses %p, saying which field is wrong', (change, message) => {
        const value = change === null ? null : { ...item('i-chat-1'), ...change };
        expect(inboxItemProblem(value)).toContain(message);
        expect(() => assertInboxItem(value)).toThrow(message);
        const view = new InboxView(inbox());
        expect(() => view.upsert(value as InboxItem)).toThrow(TypeError);
        expect(view.total).toBe(7);
    });

    it('a load with one bad interaction keeps the inbox as it was', () => {
        const view = new InboxView(inbox());
        expect(() => view.replaceAll([item('i-sms-1'), { ...item('i-ig-1'), channel: 'fax' as never }])).toThrow(
            /Inbox item i-ig-1: channel "fax"/
        );
        expect(view.total).toBe(7);
        expect(view.size).toBe(5);
    });

    it.each([
        [{ statuses: ['Pending'], tags: [] }, /statuses must be a list of New, Open, Resolved, Closed/],
        [{ statuses: 'New', tags: [] }, /statuses must be a list/],
        [{ statuses: [], tags: [42] }, /tags must be a list of strings/],
        [undefined, /statuses must be a list/]
    ])('refuses the filter %p', (bad, message) => {
        const view = new InboxView(inbox());
        expect(() => view.setFilter(bad as unknown as InboxFilter)).toThrow(message);
        expect(view.size).toBe(5);
    });
});

describe('c/relayInboxModel: reading Relay_Interaction__c values', () => {
    it.each([
        ['Chat', 'chat'],
        ['webmessaging', 'chat'],
        ['webchat', 'chat'],
        [' WhatsApp ', 'whatsapp'],
        ['SMS', 'sms'],
        ['X', 'twitter'],
        ['Twitter', 'twitter'],
        ['Messenger', 'facebook'],
        ['Instagram', 'instagram'],
        ['Email', 'email']
    ])('reads the channel %p as %p', (raw, channel) => {
        expect(toInboxChannel(raw)).toBe(channel);
    });

    it.each([null, undefined, '', 'voice'])('does not guess a channel from %p', (raw) => {
        expect(toInboxChannel(raw)).toBeUndefined();
    });

    it('reads semicolon-separated tags, trimmed, without blanks or repeats', () => {
        expect(parseTags(' billing ;vip;;billing; ')).toEqual(['billing', 'vip']);
        expect(parseTags(null)).toEqual([]);
        expect(parseTags(undefined)).toEqual([]);
    });
});
