/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import { onError, subscribe, unsubscribe } from 'lightning/empApi';
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';
import getInbox from '@salesforce/apex/RelayInboxController.getInbox';
import getInteractionDetail from '@salesforce/apex/RelayInboxController.getInteractionDetail';
import assignToMe from '@salesforce/apex/RelayInboxController.assignToMe';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import register from '@salesforce/apex/RelayAgentSignalController.register';
import RelayDigitalInbox, { OVERSCAN } from 'c/relayDigitalInbox';
import { INBOX_REFRESH_MS } from 'c/relayInboxStore';
import { resetAgentSignalRegistration } from 'c/relayWorkItemStore';
import type { RelayInboxItemView, RelayInteractionDetail } from 'c/relayInboxStore';
import { $, flush, text } from '../../../../../../test/jest/lwcDom';
import DATA from './data/inbox.json';

jest.mock('@salesforce/apex/RelayInboxController.getInbox', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.getInteractionDetail', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayInboxController.assignToMe', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.setResolved', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.saveDisposition', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.endInteraction', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.getDigitalQueues', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.transferToQueue', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayConversationController.getTranscript', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.sendReply', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayAgentSignalController.register', () => ({ default: jest.fn() }), {
    virtual: true
});
// sfdx-lwc-jest has no lightning/modal (the interaction view's transfer dialog extends it).
jest.mock(
    'lightning/modal',
    () => {
        const { LightningElement } = require('lwc');
        return { __esModule: true, default: class extends LightningElement {} };
    },
    { virtual: true }
);
jest.mock('@salesforce/apex/RelayOutboundController.getOutboundChannels', () => ({ default: jest.fn() }), {
    virtual: true
});
// Labels with placeholders get their English text, so the tests read what the agent reads.
jest.mock(
    '@salesforce/label/c.Relay_Inbox_TakenBy',
    () => ({ default: '{0} is already working on this interaction.' }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/label/c.Relay_Inbox_AssignedTo', () => ({ default: 'Assigned to {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_Inbox_Unread', () => ({ default: '{0} unread' }), { virtual: true });

const ME = DATA.me;
const ITEMS = DATA.items as RelayInboxItemView[];
const [CHAT, EMAIL, WHATSAPP_MINE, INSTAGRAM, SMS] = ITEMS;
const NEWEST_FIRST = [INSTAGRAM.id, CHAT.id, EMAIL.id, SMS.id, WHATSAPP_MINE.id];

const getInboxMock = jest.mocked(getInbox);
const detailMock = jest.mocked(getInteractionDetail);
const assignMock = jest.mocked(assignToMe);

/** Every empApi subscriber on the page (the inbox, and the conversation of an open interaction). */
let listeners: Array<(message: EmpMessage) => void> = [];

type Inbox = HTMLElement;
type Row = HTMLElement;

const rows = (element: Inbox): Row[] => Array.from(element.shadowRoot!.querySelectorAll<Row>('[data-id="row"]'));
const rowIds = (element: Inbox): string[] => rows(element).map((row) => row.dataset.item ?? '');
const rowOf = (element: Inbox, id: string): Row | undefined => rows(element).find((row) => row.dataset.item === id);

function detailOf(item: RelayInboxItemView): RelayInteractionDetail {
    return { item, nameId: null, nameLabel: null, relatesToId: null, relatesToLabel: null, notes: [] };
}

/** The agent's signal rang for a customer's message in one of their conversations (never the text). */
function customerMessage(conversationId: string): EmpMessage {
    return {
        channel: '/topic/RelayAgentSignals',
        data: {
            event: { type: 'updated', createdDate: '2026-03-02T12:00:00.000Z', replayId: 9 },
            sobject: {
                Id: 'a0S000000000001AAA',
                Sequence__c: 9,
                Event_Id__c: 'evt-1',
                Type__c: 'conversation.customerMessage',
                Conversation_Id__c: conversationId,
                Occurred_At__c: '2026-03-02T12:00:00.000Z',
                Data__c: '{"messageId":"m-9"}'
            }
        }
    };
}

function many(count: number): RelayInboxItemView[] {
    const start = Date.parse('2026-03-02T12:00:00.000Z');
    return Array.from({ length: count }, (_, i) => ({
        ...CHAT,
        id: `a01${String(i).padStart(15, '0')}`,
        name: String(10000 + i),
        customerName: `Customer ${i}`,
        receivedAt: new Date(start - i * 60_000).toISOString(),
        conversationId: `conv-many-${i}`
    }));
}

async function mount(): Promise<Inbox> {
    const element = createElement('c-relay-digital-inbox', { is: RelayDigitalInbox });
    document.body.appendChild(element);
    await flush();
    return element;
}

function press(target: HTMLElement, key: string): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true });
    target.dispatchEvent(event);
    return event;
}

function focused(element: Inbox): HTMLElement | null {
    return element.shadowRoot!.activeElement as HTMLElement | null;
}

beforeEach(() => {
    listeners = [];
    jest.mocked(subscribe).mockImplementation((channel, _replayId, callback) => {
        listeners.push(callback);
        return Promise.resolve({ id: `sub-${listeners.length}`, channel } as EmpSubscription);
    });
    jest.mocked(unsubscribe).mockResolvedValue(true);
    resetAgentSignalRegistration();
    jest.mocked(register).mockResolvedValue('a0S000000000001AAA');
    getInboxMock.mockResolvedValue(ITEMS);
    jest.mocked(getTranscript).mockResolvedValue([]);
});

const cleanups: Array<() => void> = [];
/** Undone after the current test, whatever its outcome. */
function afterTest(cleanup: () => void): void {
    cleanups.push(cleanup);
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    cleanups.splice(0).forEach((cleanup) => cleanup());
    jest.clearAllMocks();
});

describe('c-relay-digital-inbox list', () => {
    it('lists the interactions newest first, new ones in bold, with the unread count', async () => {
        const element = await mount();

        expect(rowIds(element)).toEqual(NEWEST_FIRST);
        expect(rows(element).map((row) => row.classList.contains('relay-row_unread'))).toEqual([
            false,
            true,
            true,
            true,
            false
        ]);
        expect(text($(element, 'unread'))).toBe('3 unread');
        const chat = rowOf(element, CHAT.id)!;
        expect(text(chat.querySelector('[data-id="customer"]'))).toBe('c.Relay_Inbox_UnreadRow Diana Barry');
        expect(text(chat.querySelector('[data-id="preview"]'))).toBe('My invoice shows the wrong amount.');
        expect(text(chat.querySelector('[data-id="row-status"]'))).toBe('c.Relay_Inbox_Status_New');
        expect(chat.querySelector('[data-id="subject"]')).toBeNull();
        expect(text(rowOf(element, EMAIL.id)!.querySelector('[data-id="subject"]'))).toBe('Refund for order 1042');
        expect(text(rowOf(element, WHATSAPP_MINE.id)!.querySelector('[data-id="assignment"]'))).toBe(
            'c.Relay_Inbox_AssignedToYou'
        );
        await expect(element).toBeAccessible();
    });

    it('is accessible and says so while loading, when empty, and when the inbox could not be read', async () => {
        let finish!: (items: RelayInboxItemView[]) => void;
        // The first read, then the one more read taken because the stream connected while it was under way.
        getInboxMock.mockReturnValueOnce(new Promise((resolve) => (finish = resolve))).mockResolvedValueOnce([]);
        const element = await mount();
        expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();

        finish([]);
        await flush();
        expect(text($(element, 'empty'))).toBe('c.Relay_Inbox_Empty');
        await expect(element).toBeAccessible();

        expect($(element, 'retry')).toBeNull();
        document.body.removeChild(element);
        getInboxMock.mockRejectedValueOnce({ body: { message: 'You do not have access to Relay.' } });
        const failed = await mount();
        expect(text($(failed, 'load-error'))).toBe('You do not have access to Relay.');
        await expect(failed).toBeAccessible();

        $(failed, 'retry')!.click();
        await flush();
        expect($(failed, 'load-error')).toBeNull();
        expect(rowIds(failed)).toEqual(NEWEST_FIRST);
    });

    it('renders only the rows in view of a long list, and the rows further down when scrolled', async () => {
        getInboxMock.mockResolvedValue(many(2000));
        const element = await mount();

        // Ten rows fit the viewport before layout; the overscan adds five below.
        expect(rows(element)).toHaveLength(10 + OVERSCAN);
        expect(rows(element)[0].getAttribute('aria-setsize')).toBe('2000');
        expect(rows(element)[0].getAttribute('aria-posinset')).toBe('1');

        const viewport = $(element, 'viewport')!;
        Object.defineProperty(viewport, 'scrollTop', { value: 72 * 1000, configurable: true, writable: true });
        viewport.dispatchEvent(new CustomEvent('scroll'));
        await flush();

        const positions = rows(element).map((row) => Number(row.getAttribute('aria-posinset')));
        expect(positions[0]).toBe(1001 - OVERSCAN);
        expect(positions).toContain(1001);
        expect(rows(element)).toHaveLength(10 + 2 * OVERSCAN);
        expect($(element, 'list')!.getAttribute('style')).toContain(`height:${2000 * 72}px`);
    });

    it('filters by several tags at once and shows everything again when they are removed', async () => {
        const element = await mount();
        const picker = $(element, 'tag-picker') as HTMLElement & { options: Array<{ value: string }> };
        expect(picker.options.map((o) => o.value)).toEqual(['billing', 'teapots', 'vip']);

        picker.dispatchEvent(new CustomEvent('change', { detail: { value: 'vip' } }));
        await flush();
        picker.dispatchEvent(new CustomEvent('change', { detail: { value: 'teapots' } }));
        await flush();

        expect(rowIds(element)).toEqual([INSTAGRAM.id, EMAIL.id, SMS.id]);
        const pills = $(element, 'tag-pills') as HTMLElement & { items: Array<{ name: string }> };
        expect(pills.items.map((p) => p.name)).toEqual(['vip', 'teapots']);
        expect(picker.options.map((o) => o.value)).toEqual(['billing']);
        await expect(element).toBeAccessible();

        pills.dispatchEvent(new CustomEvent('itemremove', { detail: { item: { name: 'vip' } } }));
        pills.dispatchEvent(new CustomEvent('itemremove', { detail: { item: { name: 'teapots' } } }));
        await flush();
        expect(rowIds(element)).toEqual(NEWEST_FIRST);
    });

    it('sorts by priority, highest first, and by channel in the seed order', async () => {
        const element = await mount();
        const sort = $(element, 'sort')!;

        sort.dispatchEvent(new CustomEvent('change', { detail: { value: 'priority' } }));
        await flush();
        expect(rowIds(element)).toEqual([EMAIL.id, SMS.id, WHATSAPP_MINE.id, INSTAGRAM.id, CHAT.id]);

        sort.dispatchEvent(new CustomEvent('change', { detail: { value: 'channel' } }));
        await flush();
        // chat, email, Instagram, SMS, WhatsApp
        expect(rowIds(element)).toEqual([CHAT.id, EMAIL.id, INSTAGRAM.id, SMS.id, WHATSAPP_MINE.id]);
    });
});

describe('c-relay-digital-inbox keyboard', () => {
    it('moves between rows with the arrow keys, with one row in the Tab order', async () => {
        const element = await mount();
        const first = rows(element)[0];
        expect(rows(element).map((row) => row.tabIndex)).toEqual([0, -1, -1, -1, -1]);

        first.focus();
        await flush();
        const down = press(first, 'ArrowDown');
        await flush();

        expect(down.defaultPrevented).toBe(true);
        expect(focused(element)?.dataset.item).toBe(CHAT.id);
        expect(rowOf(element, CHAT.id)!.getAttribute('aria-selected')).toBe('true');
        expect(rows(element).filter((row) => row.tabIndex === 0)).toHaveLength(1);

        press(focused(element)!, 'ArrowUp');
        await flush();
        expect(focused(element)?.dataset.item).toBe(INSTAGRAM.id);
    });

    it('brings a row far down the list into view and focuses it with End', async () => {
        getInboxMock.mockResolvedValue(many(2000));
        const element = await mount();
        rows(element)[0].focus();
        await flush();

        press(rows(element)[0], 'End');
        await flush();

        const active = focused(element);
        expect(active?.getAttribute('aria-posinset')).toBe('2000');
        expect(rows(element).length).toBeLessThanOrEqual(10 + 2 * OVERSCAN);
    });

    it('assigns the active row to the agent and opens it with Enter', async () => {
        const mine = { ...CHAT, assignedAgentId: ME, assignedAgentName: 'Anne Shirley', unread: false };
        assignMock.mockResolvedValue({ assigned: true, assignedToName: null, item: mine });
        detailMock.mockResolvedValue(detailOf(mine));
        const element = await mount();
        const chat = rowOf(element, CHAT.id)!;
        chat.focus();
        await flush();

        press(chat, 'Enter');
        await flush();

        expect(assignMock).toHaveBeenCalledWith({ interactionId: CHAT.id });
        const view = $(element, 'interaction') as HTMLElement & { item: RelayInboxItemView; unreadCount: number };
        expect(view).not.toBeNull();
        expect(view.item.id).toBe(CHAT.id);
        expect(view.unreadCount).toBe(2);
        expect(rows(element)).toHaveLength(0);
    });
});

describe('c-relay-digital-inbox assignment', () => {
    it('opens an interaction on click and goes back to the list, focused on it, with Home', async () => {
        const mine = { ...EMAIL, assignedAgentId: ME, assignedAgentName: 'Anne Shirley', unread: false };
        assignMock.mockResolvedValue({ assigned: true, assignedToName: null, item: mine });
        detailMock.mockResolvedValue(detailOf({ ...mine, status: 'Resolved' }));
        const element = await mount();

        rowOf(element, EMAIL.id)!.click();
        await flush();
        const view = $(element, 'interaction')!;
        view.shadowRoot!.querySelector<HTMLElement>('[data-id="home"]')!.click();
        await flush();

        expect($(element, 'interaction')).toBeNull();
        expect(focused(element)?.dataset.item).toBe(EMAIL.id);
        // Leaving re-reads the interaction: a reply sent from it resolved it.
        expect(detailMock).toHaveBeenLastCalledWith({ interactionId: EMAIL.id });
        expect(text(rowOf(element, EMAIL.id)!.querySelector('[data-id="row-status"]'))).toBe(
            'c.Relay_Inbox_Status_Resolved'
        );
    });

    it('says who got the interaction first and shows them on its row', async () => {
        const taken = { ...CHAT, assignedAgentId: '005000000000000OTH', assignedAgentName: 'Ruby Gillis' };
        assignMock.mockResolvedValue({ assigned: false, assignedToName: 'Ruby Gillis', item: taken });
        const element = await mount();

        rowOf(element, CHAT.id)!.click();
        await flush();

        expect($(element, 'interaction')).toBeNull();
        expect(text($(element, 'alert'))).toContain('Ruby Gillis is already working on this interaction.');
        expect(text(rowOf(element, CHAT.id)!.querySelector('[data-id="assignment"]'))).toBe('Assigned to Ruby Gillis');
        await expect(element).toBeAccessible();

        $(element, 'dismiss-alert')!.click();
        await flush();
        expect(text($(element, 'alert'))).toBe('');
    });

    it('shows why an interaction could not be opened', async () => {
        assignMock.mockRejectedValue({ body: { message: 'Relay could not reach Salesforce.' } });
        const element = await mount();

        rowOf(element, SMS.id)!.click();
        await flush();

        expect(text($(element, 'alert'))).toContain('Relay could not reach Salesforce.');
        expect(rowIds(element)).toEqual(NEWEST_FIRST);
    });
});

describe('c-relay-digital-inbox live updates', () => {
    it('updates only the row of the conversation the event is about', async () => {
        const element = await mount();
        const reads = getInboxMock.mock.calls.length;
        const untouched = rowOf(element, CHAT.id);
        const reopened = { ...WHATSAPP_MINE, status: 'Open', unread: true, lastMessagePreview: 'Anyone there?' };
        detailMock.mockResolvedValue(detailOf(reopened as RelayInboxItemView));

        listeners.forEach((deliver) => deliver(customerMessage('conv-3')));
        await flush();

        expect(detailMock).toHaveBeenCalledTimes(1);
        expect(detailMock).toHaveBeenCalledWith({ interactionId: WHATSAPP_MINE.id });
        expect(getInboxMock).toHaveBeenCalledTimes(reads);
        const row = rowOf(element, WHATSAPP_MINE.id)!;
        expect(row.classList.contains('relay-row_unread')).toBe(true);
        expect(text(row.querySelector('[data-id="preview"]'))).toBe('Anyone there?');
        expect(text($(element, 'unread'))).toBe('4 unread');
        // The other rows are the same elements: nothing else was rendered again.
        expect(rowOf(element, CHAT.id)).toBe(untouched);
    });

    it('subscribes to the agent’s own signal only, and reads the queues again while on screen', async () => {
        jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
        try {
            const element = createElement('c-relay-digital-inbox', { is: RelayDigitalInbox });
            document.body.appendChild(element);
            await Promise.resolve();
            await jest.advanceTimersByTimeAsync(0);
            expect(register).toHaveBeenCalled();
            expect(jest.mocked(subscribe).mock.calls.map(([channel]) => channel)).toEqual(['/topic/RelayAgentSignals']);
            const reads = getInboxMock.mock.calls.length;

            // A customer of the queue wrote: no signal rings for a queue's members; the next read shows it.
            getInboxMock.mockResolvedValue([
                ...ITEMS,
                { ...CHAT, id: 'a01000000000099AAA', conversationId: 'conv-99' }
            ]);
            await jest.advanceTimersByTimeAsync(INBOX_REFRESH_MS);
            expect(getInboxMock).toHaveBeenCalledTimes(reads + 1);
            expect(rowIds(element)).toContain('a01000000000099AAA');

            // Out of sight (another browser tab in front), it reads nothing.
            const hidden = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
            await jest.advanceTimersByTimeAsync(INBOX_REFRESH_MS * 3);
            expect(getInboxMock).toHaveBeenCalledTimes(reads + 1);
            hidden.mockRestore();
        } finally {
            jest.useRealTimers();
        }
    });

    it('says when live updates stopped, and catches up once they are back', async () => {
        // The periodic read of the queues (tested above) stays out of this count.
        const hidden = jest.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
        afterTest(() => hidden.mockRestore());
        let reportError!: (error: unknown) => void;
        jest.mocked(onError).mockImplementation((callback: (error: unknown) => void) => {
            reportError = callback;
        });
        jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
        try {
            const element = createElement('c-relay-digital-inbox', { is: RelayDigitalInbox });
            document.body.appendChild(element);
            await Promise.resolve();
            await jest.runOnlyPendingTimersAsync();

            const reads = getInboxMock.mock.calls.length;
            reportError({ error: 'handshake' });
            await Promise.resolve();
            expect(text($(element, 'status'))).toContain('c.Relay_WorkItem_Reconnecting');

            getInboxMock.mockResolvedValue(ITEMS.filter((item) => item.id !== SMS.id));
            await jest.runOnlyPendingTimersAsync(); // the retry subscribes again
            await jest.runOnlyPendingTimersAsync(); // the catch-up read
            expect(text($(element, 'status'))).not.toContain('c.Relay_WorkItem_Reconnecting');
            expect(getInboxMock).toHaveBeenCalledTimes(reads + 1);
            expect(rowIds(element)).not.toContain(SMS.id);
        } finally {
            jest.useRealTimers();
        }
    });
});

describe('c-relay-digital-inbox New', () => {
    it('opens the New page, and after Save and Send closes it and reads the queues again', async () => {
        const element = await mount();
        $(element, 'new-menu')!.dispatchEvent(new CustomEvent('select', { detail: { value: 'SMS' } }));
        await flush();
        const composer = element.shadowRoot!.querySelector<HTMLElement & { mediaType?: string }>(
            'c-relay-outbound-composer'
        );
        expect(composer?.mediaType).toBe('SMS');

        const started: RelayInboxItemView = {
            ...SMS,
            id: 'a01000000000777AAA',
            status: 'New',
            conversationId: 'c-777'
        };
        const reads = getInboxMock.mock.calls.length;
        getInboxMock.mockResolvedValue([...ITEMS, { ...started, status: 'Resolved' }]);
        detailMock.mockResolvedValue(detailOf({ ...started, status: 'Resolved' }));
        composer!.dispatchEvent(new CustomEvent('sent', { detail: { item: started } }));
        await flush();

        expect(element.shadowRoot!.querySelector('c-relay-outbound-composer')).toBeNull();
        expect(getInboxMock.mock.calls.length).toBe(reads + 1);
    });
});
