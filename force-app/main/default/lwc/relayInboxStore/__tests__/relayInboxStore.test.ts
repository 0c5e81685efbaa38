import {
    InboxStore,
    CATCH_UP_DELAY_MS,
    INBOX_REFRESH_MS,
    belongsInInbox,
    sameView,
    toInboxItem
} from 'c/relayInboxStore';
import type { InboxPorts, RelayAssignResult, RelayInboxItemView, RelayInteractionDetail } from 'c/relayInboxStore';
import type { InboxChange } from 'c/relayInboxModel';
import DATA from './data/inbox.json';

const ME = DATA.me;
const ITEMS = DATA.items as RelayInboxItemView[];
const [CHAT, EMAIL, WHATSAPP_MINE, INSTAGRAM, SMS] = ITEMS;
const BROKEN = DATA.broken as unknown as RelayInboxItemView;
const NEWCOMER = DATA.newcomer as RelayInboxItemView;

/** A scheduler whose timers run when the test says so. */
class FakeScheduler {
    private timers = new Map<number, { callback: () => void; ms: number }>();
    private next = 0;
    setTimeout(callback: () => void, ms: number): unknown {
        this.next++;
        this.timers.set(this.next, { callback, ms });
        return this.next;
    }
    clearTimeout(handle: unknown): void {
        this.timers.delete(handle as number);
    }
    get pending(): number[] {
        return [...this.timers.values()].map((t) => t.ms);
    }
    runAll(): void {
        const due = [...this.timers.values()];
        this.timers.clear();
        due.forEach((t) => t.callback());
    }
}

/** A promise the test settles when it wants. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
    let resolve!: (value: T) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
    });
    return { promise, resolve, reject };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The agent's signal rang for a customer's message (a PushTopic notification: the conversation, never the text). */
function customerMessage(conversationId: string, occurredAt = '2026-03-02T12:00:00.000Z'): unknown {
    return {
        channel: '/topic/RelayAgentSignals',
        data: {
            event: { type: 'updated', createdDate: occurredAt, replayId: 1 },
            sobject: {
                Id: 'a0S000000000001AAA',
                Sequence__c: 4,
                Event_Id__c: `evt-${conversationId}-${occurredAt}`,
                Type__c: 'conversation.customerMessage',
                Conversation_Id__c: conversationId,
                Occurred_At__c: occurredAt,
                Data__c: '{"messageId":"m-1"}'
            }
        }
    };
}

function detailOf(item: RelayInboxItemView): RelayInteractionDetail {
    return { item, nameId: null, nameLabel: null, relatesToId: null, relatesToLabel: null, notes: [] };
}

function setup(items: RelayInboxItemView[] = ITEMS) {
    const ports = {
        getInbox: jest.fn<Promise<RelayInboxItemView[] | null>, []>().mockResolvedValue(items),
        getInteractionDetail: jest.fn<Promise<RelayInteractionDetail | null>, [string]>(),
        assignToMe: jest.fn<Promise<RelayAssignResult | null>, [string]>()
    } satisfies InboxPorts;
    const scheduler = new FakeScheduler();
    const store = new InboxStore(ports, { userId: ME, scheduler });
    const changes: Array<InboxChange | null> = [];
    store.subscribe((change) => changes.push(change));
    return { ports, scheduler, store, changes };
}

const ids = (store: InboxStore): string[] => store.view.toArray().map((item) => item.id);

describe('InboxStore: loading', () => {
    it('lists the interactions newest first and counts the unread ones in the queue', async () => {
        const { store } = setup();
        expect(store.loading).toBe(true);
        await store.load();
        expect(store.loading).toBe(false);
        expect(ids(store)).toEqual([INSTAGRAM.id, CHAT.id, EMAIL.id, SMS.id, WHATSAPP_MINE.id]);
        expect(store.view.unreadCount).toBe(3);
        expect(store.get(EMAIL.id)?.name).toBe('00001002');
    });

    it('leaves out an interaction it cannot sort and says how many', async () => {
        const { store } = setup([...ITEMS, BROKEN]);
        await store.load();
        expect(store.view.size).toBe(ITEMS.length);
        expect(store.skipped).toBe(1);
    });

    it('shows why the inbox could not be read, and reads it again on retry', async () => {
        const { store, ports } = setup();
        ports.getInbox.mockRejectedValueOnce({ body: { message: 'You do not have access to Relay.' } });
        await store.load();
        expect(store.loadError).toBe('You do not have access to Relay.');
        expect(store.view.size).toBe(0);
        await store.load();
        expect(store.loadError).toBeUndefined();
        expect(store.view.size).toBe(ITEMS.length);
    });
});

describe('InboxStore: conversation events', () => {
    it('re-reads only the interaction the event is about and moves only that row', async () => {
        const { store, ports, changes } = setup();
        await store.load();
        changes.length = 0;
        const reopened = { ...WHATSAPP_MINE, status: 'Open', unread: true, lastMessagePreview: 'One more thing' };
        ports.getInteractionDetail.mockResolvedValue(detailOf(reopened as RelayInboxItemView));

        store.platformEvent(customerMessage('conv-3'));
        await flush();

        expect(ports.getInteractionDetail).toHaveBeenCalledTimes(1);
        expect(ports.getInteractionDetail).toHaveBeenCalledWith(WHATSAPP_MINE.id);
        expect(ports.getInbox).toHaveBeenCalledTimes(1); // the first load only
        expect(changes).toEqual([{ id: WHATSAPP_MINE.id, from: 4, to: 4 }]);
        expect(store.view.unreadCount).toBe(4);
        expect(store.view.get(WHATSAPP_MINE.id)?.lastMessagePreview).toBe('One more thing');
    });

    it('reads an interaction once more, not once per event, when events arrive during a read', async () => {
        const { store, ports } = setup();
        await store.load();
        const first = deferred<RelayInteractionDetail | null>();
        ports.getInteractionDetail.mockReturnValueOnce(first.promise).mockResolvedValue(detailOf(CHAT));

        store.platformEvent(customerMessage('conv-1', '2026-03-02T12:00:00.000Z'));
        store.platformEvent(customerMessage('conv-1', '2026-03-02T12:00:01.000Z'));
        store.platformEvent(customerMessage('conv-1', '2026-03-02T12:00:02.000Z'));
        first.resolve(detailOf(CHAT));
        await flush();

        expect(ports.getInteractionDetail).toHaveBeenCalledTimes(2);
    });

    it('does not let a read that started before an assignment undo it', async () => {
        const { store, ports } = setup();
        await store.load();
        const stale = deferred<RelayInteractionDetail | null>();
        const mine = { ...CHAT, assignedAgentId: ME, assignedAgentName: 'Anne Shirley', unread: false };
        ports.getInteractionDetail.mockReturnValueOnce(stale.promise).mockResolvedValue(detailOf(mine));
        ports.assignToMe.mockResolvedValue({ assigned: true, assignedToName: null, item: mine });

        store.platformEvent(customerMessage('conv-1'));
        await store.open(CHAT.id);
        stale.resolve(detailOf(CHAT)); // read before the assignment: still unassigned
        await flush();

        expect(store.get(CHAT.id)?.assignedAgentId).toBe(ME);
        expect(ports.getInteractionDetail).toHaveBeenCalledTimes(2);
    });

    it('finds a new conversation with one catch-up read after a burst of messages, adding only what is new', async () => {
        const { store, ports, scheduler, changes } = setup();
        await store.load();
        changes.length = 0;
        ports.getInbox.mockResolvedValue([...ITEMS, NEWCOMER]);

        store.platformEvent(customerMessage('conv-6', '2026-03-02T11:00:00.000Z'));
        store.platformEvent(customerMessage('conv-6', '2026-03-02T11:00:01.000Z'));
        expect(scheduler.pending).toEqual([CATCH_UP_DELAY_MS]);
        scheduler.runAll();
        await flush();

        expect(ports.getInbox).toHaveBeenCalledTimes(2);
        expect(changes).toEqual([{ id: NEWCOMER.id, from: -1, to: 0 }]);
        expect(ids(store)[0]).toBe(NEWCOMER.id);
        expect(ports.getInteractionDetail).not.toHaveBeenCalled();
    });

    it('ignores events that are not about its interactions and are not customer messages', async () => {
        const { store, ports, scheduler } = setup();
        await store.load();
        store.platformEvent({ data: { sobject: { Type__c: 'conversation.connected' } } }); // no conversation
        const connected = customerMessage('conv-other') as { data: { sobject: Record<string, string> } };
        connected.data.sobject.Type__c = 'conversation.connected';
        store.platformEvent(connected);
        expect(scheduler.pending).toEqual([]);
        expect(ports.getInteractionDetail).not.toHaveBeenCalled();
    });

    it('falls back to one catch-up read when the interaction can no longer be read', async () => {
        const { store, ports, scheduler } = setup();
        await store.load();
        ports.getInteractionDetail.mockRejectedValue({ body: { message: 'Relay cannot find this conversation.' } });
        ports.getInbox.mockResolvedValue(ITEMS.filter((item) => item.id !== CHAT.id));

        store.platformEvent(customerMessage('conv-1'));
        await flush();
        scheduler.runAll();
        await flush();

        expect(ids(store)).not.toContain(CHAT.id);
        expect(store.view.unreadCount).toBe(2);
    });

    it('reads once more when the stream connects while the first read is under way, so nothing in between is missed', async () => {
        const { store, ports } = setup();
        let answer: (views: RelayInboxItemView[]) => void = () => {};
        ports.getInbox.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
        const loaded = store.load();
        // The first read was taken before the subscription began: an interaction created meanwhile is not in it.
        store.streamConnected();
        ports.getInbox.mockResolvedValue([CHAT, EMAIL]);
        answer([CHAT]);
        await loaded;
        await flush();
        expect(ports.getInbox).toHaveBeenCalledTimes(2);
        expect(store.get(EMAIL.id)).toBeDefined();
    });

    it('catches up once when the stream reconnects, removing what left and keeping what did not change', async () => {
        const { store, ports, changes } = setup();
        store.streamConnected(); // before the first load: the load reads everything anyway
        expect(ports.getInbox).toHaveBeenCalledTimes(0);
        await store.load();
        changes.length = 0;
        const emailTaken = { ...EMAIL, assignedAgentId: '005000000000000OTH', assignedAgentName: 'Ruby Gillis' };
        ports.getInbox.mockResolvedValue([CHAT, emailTaken, WHATSAPP_MINE, INSTAGRAM]);

        store.streamConnected();
        await flush();

        expect(changes).toEqual([
            { id: EMAIL.id, from: 2, to: 2 },
            { id: SMS.id, from: 3, to: -1 }
        ]);
        expect(store.get(EMAIL.id)?.assignedAgentName).toBe('Ruby Gillis');
    });
});

describe('InboxStore: opening an interaction', () => {
    it('assigns it to the agent and updates its row', async () => {
        const { store, ports } = setup();
        await store.load();
        const mine = { ...CHAT, assignedAgentId: ME, assignedAgentName: 'Anne Shirley', unread: false };
        ports.assignToMe.mockResolvedValue({ assigned: true, assignedToName: null, item: mine });

        const outcome = await store.open(CHAT.id);

        expect(ports.assignToMe).toHaveBeenCalledWith(CHAT.id);
        expect(outcome).toEqual({ kind: 'opened', item: mine });
        expect(store.view.unreadCount).toBe(2);
    });

    it('says who got it first and shows them on the row', async () => {
        const { store, ports } = setup();
        await store.load();
        const taken = { ...CHAT, assignedAgentId: '005000000000000OTH', assignedAgentName: 'Ruby Gillis' };
        ports.assignToMe.mockResolvedValue({ assigned: false, assignedToName: 'Ruby Gillis', item: taken });

        const outcome = await store.open(CHAT.id);

        expect(outcome).toEqual({ kind: 'taken', assignedToName: 'Ruby Gillis' });
        expect(store.get(CHAT.id)?.assignedAgentName).toBe('Ruby Gillis');
        expect(store.view.indexOf(CHAT.id)).toBe(1);
    });

    it('re-reads the row when the refusal does not carry the interaction', async () => {
        const { store, ports } = setup();
        await store.load();
        const taken = { ...CHAT, assignedAgentId: '005000000000000OTH', assignedAgentName: 'Ruby Gillis' };
        ports.assignToMe.mockResolvedValue({ assigned: false, assignedToName: null, item: null });
        ports.getInteractionDetail.mockResolvedValue(detailOf(taken));

        const outcome = await store.open(CHAT.id);
        await flush();

        expect(outcome).toEqual({ kind: 'taken', assignedToName: null });
        expect(store.get(CHAT.id)?.assignedAgentName).toBe('Ruby Gillis');
    });

    it('reports a failed assignment with its message and leaves the row as it was', async () => {
        const { store, ports } = setup();
        await store.load();
        ports.assignToMe.mockRejectedValue({ body: { message: 'Relay could not reach Salesforce.' } });

        const outcome = await store.open(CHAT.id);

        expect(outcome).toEqual({ kind: 'failed', message: 'Relay could not reach Salesforce.' });
        expect(store.get(CHAT.id)).toEqual(CHAT);
    });
});

describe('InboxStore: the list', () => {
    it('takes an ended interaction out of the list', async () => {
        const { store } = setup();
        await store.load();
        const change = store.apply({ ...WHATSAPP_MINE, assignedAgentId: null, assignedAgentName: null });
        expect(change).toEqual({ id: WHATSAPP_MINE.id, from: 4, to: -1 });
        expect(store.get(WHATSAPP_MINE.id)).toBeUndefined();
    });

    it('shows the interactions with any of the selected tags, in the chosen sort', async () => {
        const { store } = setup();
        await store.load();
        store.setTags(['vip', 'teapots']);
        expect(ids(store)).toEqual([INSTAGRAM.id, EMAIL.id, SMS.id]);
        store.setSort('channel');
        expect(ids(store)).toEqual([EMAIL.id, INSTAGRAM.id, SMS.id]);
        store.setSort('priority');
        expect(ids(store)).toEqual([EMAIL.id, SMS.id, INSTAGRAM.id]);
        store.setTags([]);
        expect(store.view.size).toBe(ITEMS.length);
    });

    it('offers the agent their own interactions first when switching, then the unassigned ones', async () => {
        const { store } = setup();
        await store.load();
        const choices = store.switchChoices(CHAT.id, 3).map((view) => view.id);
        expect(choices).toEqual([WHATSAPP_MINE.id, INSTAGRAM.id, EMAIL.id]);
    });
});

describe('inbox items', () => {
    it('fills blank optional fields and names the chat channel the way the model sorts it', () => {
        const result = toInboxItem({ ...SMS, tags: null, priority: null, unread: null, lastMessagePreview: null });
        expect(result).toEqual({
            item: expect.objectContaining({ tags: [], priority: 0, unread: false, lastMessagePreview: '' })
        });
        expect(toInboxItem({ ...CHAT, channel: 'webchat' as never })).toEqual({
            item: expect.objectContaining({ channel: 'chat' })
        });
    });

    it('refuses an interaction without a channel, naming the field', () => {
        expect(toInboxItem(BROKEN)).toEqual({ problem: expect.stringContaining('channel') });
    });

    it('keeps queue interactions and the agent’s own until they are closed', () => {
        const item = (view: RelayInboxItemView) => (toInboxItem(view) as { item: never }).item;
        expect(belongsInInbox(item(CHAT), ME)).toBe(true);
        expect(belongsInInbox(item(WHATSAPP_MINE), ME)).toBe(true);
        expect(belongsInInbox(item({ ...WHATSAPP_MINE, status: 'Closed' }), ME)).toBe(false);
        expect(belongsInInbox(item({ ...WHATSAPP_MINE, assignedAgentId: null }), ME)).toBe(false);
    });

    it('tells an unchanged re-read from a changed one', () => {
        expect(sameView(CHAT, { ...CHAT, tags: ['billing'] })).toBe(true);
        expect(sameView(CHAT, { ...CHAT, tags: ['billing', 'vip'] })).toBe(false);
        expect(sameView(CHAT, { ...CHAT, unread: false })).toBe(false);
    });
});

describe('InboxStore: the queues, read again while on screen', () => {
    it('reads the queues every INBOX_REFRESH_MS while visible and applies only what differs', async () => {
        const { store, ports, scheduler, changes } = setup();
        await store.load();
        let visible = true;
        store.startPolling(() => visible);
        expect(scheduler.pending).toEqual([INBOX_REFRESH_MS]);
        changes.length = 0;

        // Somebody else's customer wrote in a queue of the agent: no signal rings for it, the next read finds it.
        ports.getInbox.mockResolvedValue([...ITEMS, NEWCOMER]);
        scheduler.runAll();
        await flush();
        expect(ports.getInbox).toHaveBeenCalledTimes(2);
        expect(ids(store)).toContain(NEWCOMER.id);
        expect(changes).toHaveLength(1);

        // A hidden inbox reads nothing, and keeps its timer.
        visible = false;
        scheduler.runAll();
        await flush();
        expect(ports.getInbox).toHaveBeenCalledTimes(2);
        expect(scheduler.pending).toEqual([INBOX_REFRESH_MS]);
    });

    it('stops reading once disposed', async () => {
        const { store, scheduler } = setup();
        await store.load();
        store.startPolling();
        store.dispose();
        expect(scheduler.pending).toEqual([]);
    });
});
