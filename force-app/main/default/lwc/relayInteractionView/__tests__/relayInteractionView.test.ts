/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import LightningModal from 'lightning/modal';
import getInteractionDetail from '@salesforce/apex/RelayInboxController.getInteractionDetail';
import setResolved from '@salesforce/apex/RelayInboxController.setResolved';
import saveDisposition from '@salesforce/apex/RelayInboxController.saveDisposition';
import endInteraction from '@salesforce/apex/RelayInboxController.endInteraction';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import joinConversation from '@salesforce/apex/RelayInboxController.joinConversation';
import submitWrapUp from '@salesforce/apex/RelayInboxController.submitWrapUp';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import RelayInteractionView from 'c/relayInteractionView';
import { DIGITAL_QUEUE_ROUTE } from '../transferRoute';
import type { RelayInboxItemView, RelayInteractionDetail, SwitchChoice } from 'c/relayInboxStore';
import { $, change, flush, prop, record, text } from '../../../../../../test/jest/lwcDom';
import DATA from './data/interaction.json';

jest.mock('@salesforce/apex/RelayInboxController.getInteractionDetail', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayInboxController.setResolved', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.saveDisposition', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.endInteraction', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.submitWrapUp', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWrapUpController.getWrapUpCodes', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.getDigitalQueues', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.transferToQueue', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayConversationController.getTranscript', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.sendReply', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayInboxController.joinConversation', () => ({ default: jest.fn() }), {
    virtual: true
});
// sfdx-lwc-jest has no lightning/modal: a LightningElement with the modal's static open().
jest.mock(
    'lightning/modal',
    () => {
        const { LightningElement } = require('lwc');
        return {
            __esModule: true,
            default: class extends LightningElement {
                static open = jest.fn();
            }
        };
    },
    { virtual: true }
);
jest.mock('@salesforce/label/c.Relay_Inbox_CaseNumber', () => ({ default: 'Case # {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_Inbox_Switch', () => ({ default: 'Switch interaction ({0} unread)' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Relay_Inbox_SavedEndFailed', () => ({ default: 'Saved, but not ended: {0}' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Relay_InboxTransfer_BackToYou',
    () => ({ default: 'Transferred to {0}; still yours.' }),
    {
        virtual: true
    }
);

const ME = DATA.me;
const ITEM = DATA.item as RelayInboxItemView;
const SMS = DATA.sms as RelayInboxItemView;
const DETAIL: RelayInteractionDetail = { item: ITEM, ...DATA.detail };
const CHOICES = DATA.choices as SwitchChoice[];
const QUEUE = DATA.queue;

const detailMock = jest.mocked(getInteractionDetail);
const resolveMock = jest.mocked(setResolved);
const saveMock = jest.mocked(saveDisposition);
const endMock = jest.mocked(endInteraction);
const submitWrapUpMock = jest.mocked(submitWrapUp);
const codesMock = jest.mocked(getWrapUpCodes);
const openModal = (LightningModal as unknown as { open: jest.Mock }).open;

type View = HTMLElement & {
    item?: RelayInboxItemView;
    choices?: SwitchChoice[];
    unreadCount?: number;
    message?: string;
};

const all = (element: HTMLElement, id: string): HTMLElement[] =>
    Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(`[data-id="${id}"]`));

async function mount(item: RelayInboxItemView = ITEM): Promise<View> {
    const element = createElement('c-relay-interaction-view', { is: RelayInteractionView }) as View;
    element.item = item;
    element.choices = CHOICES;
    element.unreadCount = 3;
    document.body.appendChild(element);
    await flush();
    return element;
}

async function openDispositions(element: View): Promise<void> {
    $(element, 'end')!.click();
    await flush();
}

beforeEach(() => {
    detailMock.mockResolvedValue(DETAIL);
    jest.mocked(getTranscript).mockResolvedValue([]);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-relay-interaction-view header', () => {
    it('shows the customer, the case number, the status and the conversation of the interaction', async () => {
        const element = await mount();

        expect(text($(element, 'customer'))).toBe('Marilla Cuthbert');
        expect(prop<string>($(element, 'case-menu'), 'label')).toBe('Case # 00001003');
        expect(text($(element, 'status'))).toBe('c.Relay_Inbox_Status_Open');
        const conversation = all(element, 'conversation');
        expect(conversation).toHaveLength(1);
        expect(prop<string>(conversation[0], 'recordId')).toBe(ITEM.id);
        expect(detailMock).toHaveBeenCalledWith({ interactionId: ITEM.id });
        await expect(element).toBeAccessible();
    });

    it('goes Home, and switches to another interaction from the list icon with the unread bubble', async () => {
        const element = await mount();
        const home = record(element, 'home');
        const switched = record(element, 'switch');

        $(element, 'home')!.click();
        const menu = $(element, 'switch')!;
        expect(prop<string>(menu, 'alternativeText')).toBe('Switch interaction (3 unread)');
        expect(text($(element, 'bubble'))).toBe('3');
        const entries = Array.from(menu.querySelectorAll('lightning-menu-item'));
        expect(entries.map((entry) => prop<string>(entry as HTMLElement, 'label'))).toEqual(
            CHOICES.map((c) => c.label)
        );
        menu.dispatchEvent(new CustomEvent('select', { detail: { value: CHOICES[1].id } }));

        expect(home).toHaveBeenCalledTimes(1);
        expect(switched).toHaveBeenCalledWith({ id: CHOICES[1].id });
    });

    it('shows a message from the inbox, such as who got the interaction the agent tried to switch to', async () => {
        const element = await mount();
        element.message = 'Ruby Gillis is already working on this interaction.';
        await flush();
        expect(text($(element, 'alert'))).toBe('Ruby Gillis is already working on this interaction.');
        await expect(element).toBeAccessible();
    });

    it('sets an interaction that needs no reply as Resolved from the case number menu', async () => {
        const resolved = { ...ITEM, status: 'Resolved' as const };
        resolveMock.mockResolvedValue(resolved);
        const element = await mount();
        const changed = record(element, 'itemchange');

        $(element, 'case-menu')!.dispatchEvent(new CustomEvent('select', { detail: { value: 'resolve' } }));
        await flush();

        expect(resolveMock).toHaveBeenCalledWith({ interactionId: ITEM.id });
        expect(changed).toHaveBeenCalledWith({ item: resolved });
        expect(text($(element, 'notice'))).toBe('c.Relay_Inbox_ResolvedNotice');

        element.item = resolved; // the inbox hands the new item back
        await flush();
        expect(prop<boolean>($(element, 'set-resolved'), 'disabled')).toBe(true);
        expect(detailMock).toHaveBeenCalledTimes(1); // the same interaction: nothing reloaded
    });

    it('reads the interaction again after a reply is sent and shows it Resolved', async () => {
        const element = await mount();
        const changed = record(element, 'itemchange');
        const resolved = { ...ITEM, status: 'Resolved' as const };
        detailMock.mockResolvedValue({ ...DETAIL, item: resolved });

        const conversation = $(element, 'conversation')!;
        conversation.dispatchEvent(
            new CustomEvent('replysent', { detail: { interactionId: ITEM.id, message: { id: 'm9' } } })
        );
        await flush();

        expect(detailMock).toHaveBeenCalledTimes(2);
        expect(detailMock).toHaveBeenLastCalledWith({ interactionId: ITEM.id });
        expect(text($(element, 'status'))).toBe('c.Relay_Inbox_Status_Resolved');
        expect(changed).toHaveBeenCalledWith({ item: resolved });
        await expect(element).toBeAccessible();
    });

    it('keeps the status it has when the interaction cannot be read again after a reply', async () => {
        const element = await mount();
        const changed = record(element, 'itemchange');
        detailMock.mockRejectedValue({ body: { message: 'Try again.' } });

        $(element, 'conversation')!.dispatchEvent(
            new CustomEvent('replysent', { detail: { interactionId: ITEM.id, message: { id: 'm9' } } })
        );
        await flush();

        expect(changed).not.toHaveBeenCalled();
        expect(text($(element, 'status'))).toBe('c.Relay_Inbox_Status_Open');
    });

    it('says why Set as Resolved failed and leaves the status as it was', async () => {
        resolveMock.mockRejectedValue({ body: { message: 'This interaction is no longer yours.' } });
        const element = await mount();
        const changed = record(element, 'itemchange');

        $(element, 'case-menu')!.dispatchEvent(new CustomEvent('select', { detail: { value: 'resolve' } }));
        await flush();

        expect(text($(element, 'action-error'))).toBe('This interaction is no longer yours.');
        expect(changed).not.toHaveBeenCalled();
        expect(text($(element, 'status'))).toBe('c.Relay_Inbox_Status_Open');
    });

    it('starts afresh on another interaction: its own conversation and details', async () => {
        const element = await mount();
        const before = all(element, 'conversation')[0];
        detailMock.mockResolvedValue({ ...DETAIL, item: SMS, notes: [] });

        element.item = SMS;
        await flush();

        const after = all(element, 'conversation');
        expect(after).toHaveLength(1);
        expect(after[0]).not.toBe(before);
        expect(prop<string>(after[0], 'recordId')).toBe(SMS.id);
        expect(detailMock).toHaveBeenLastCalledWith({ interactionId: SMS.id });
        expect(text($(element, 'customer'))).toBe('+15559876543');
    });
});

describe('c-relay-interaction-view contact centre', () => {
    it('connects the agent to the conversation of an interaction assigned to them, and of no other', async () => {
        const element = await mount();
        expect(prop<string>($(element, 'join'), 'interactionId')).toBe(ITEM.id);
        expect(jest.mocked(joinConversation)).toHaveBeenCalledWith({ interactionId: ITEM.id });
        await expect(element).toBeAccessible();

        element.item = { ...ITEM, assignedAgentId: '005000000000000999' };
        await flush();
        expect(prop<string | undefined>($(element, 'join'), 'interactionId')).toBeUndefined();
        element.item = { ...ITEM, status: 'Closed' };
        await flush();
        expect(prop<string | undefined>($(element, 'join'), 'interactionId')).toBeUndefined();
    });
});

describe('c-relay-interaction-view contact details', () => {
    it('shows the digital ID the way the channel names it, the names, and the agent’s own notes', async () => {
        const element = await mount();
        const toggle = $(element, 'details-toggle')!;
        expect(toggle.getAttribute('aria-expanded')).toBe('false');
        expect($(element, 'details')).toBeNull();

        toggle.click();
        await flush();

        expect(toggle.getAttribute('aria-expanded')).toBe('true');
        expect(text(toggle)).toBe('c.Relay_Inbox_HideDetails');
        expect(text($(element, 'digital-id-label'))).toBe('c.Relay_Inbox_DigitalId_WhatsApp');
        expect(text($(element, 'digital-id'))).toBe('+15551234567');
        expect(text($(element, 'detail-name'))).toBe('Marilla Cuthbert');
        expect(text($(element, 'detail-relates-to'))).toBe('00001042');
        expect(all(element, 'note').map((note) => text(note.querySelector('p')))).toEqual([
            'Prefers a call back after 5 pm.',
            'Order 5521 was delayed.'
        ]);
        await expect(element).toBeAccessible();
    });

    it('says when there are no notes yet, and when the details could not be read, with a retry', async () => {
        detailMock.mockRejectedValueOnce({ body: { message: 'Relay cannot read this contact.' } });
        const element = await mount(SMS);
        $(element, 'details-toggle')!.click();
        await flush();

        expect(text($(element, 'detail-error'))).toBe('Relay cannot read this contact.');
        expect(text($(element, 'digital-id-label'))).toBe('c.Relay_Inbox_DigitalId_Sms');
        await expect(element).toBeAccessible();

        detailMock.mockResolvedValue({ ...DETAIL, item: SMS, nameLabel: null, relatesToLabel: null, notes: [] });
        $(element, 'retry-detail')!.click();
        await flush();
        expect($(element, 'detail-error')).toBeNull();
        expect(text($(element, 'no-notes'))).toBe('c.Relay_Inbox_NoNotes');
        expect(text($(element, 'detail-name'))).toBe('c.Relay_Inbox_None');
    });
});

// The page itself (fields, Save, the wrap-up code) is c/relayDispositions' and tested there; these tests cover
// when the view shows it, what it hands it, and what the view does with its outcome.
describe('c-relay-interaction-view End and dispositions', () => {
    const IN_WRAP_UP: RelayInboxItemView = { ...ITEM, wrapUpNeeded: true };
    const CLOSED: RelayInboxItemView = { ...ITEM, assignedAgentId: null, status: 'Closed', wrapUpNeeded: false };

    const page = (element: View): HTMLElement => $(element, 'dispositions')!;
    const inPage = (element: View, id: string): HTMLElement | null =>
        page(element).shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);

    beforeEach(() => {
        codesMock.mockResolvedValue([{ id: 'code-resolved', name: 'Resolved' }]);
    });

    it('opens the dispositions page on End in place of the conversation, prefilled, with the focus on its heading', async () => {
        const element = await mount();
        expect(inPage(element, 'disposition')).toBeNull();
        await openDispositions(element);

        expect(prop<boolean>(page(element), 'open')).toBe(true);
        expect(element.shadowRoot!.activeElement).toBe(page(element));
        expect(page(element).shadowRoot!.activeElement).toBe(inPage(element, 'disposition-heading'));
        expect(all(element, 'conversation')).toHaveLength(0);
        expect(prop<boolean>($(element, 'end'), 'disabled')).toBe(true);
        expect(prop<RelayInboxItemView>(page(element), 'item')).toEqual(ITEM);
        expect(prop<string>(inPage(element, 'name'), 'value')).toBe(DETAIL.nameId);
        expect(prop<string>(inPage(element, 'relates-to'), 'value')).toBe(DETAIL.relatesToId);
        expect(endMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('closes the dispositions page with Escape, ending nothing, and gives the focus back to End', async () => {
        const element = await mount();
        const end = $(element, 'end')!;
        end.focus = jest.fn();
        await openDispositions(element);
        change(inPage(element, 'notes'), { value: 'Call back Monday.' });

        inPage(element, 'notes')!.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true })
        );
        await flush();

        expect(inPage(element, 'disposition')).toBeNull();
        expect(all(element, 'conversation')).toHaveLength(1);
        expect(end.focus).toHaveBeenCalled();
        expect(saveMock).not.toHaveBeenCalled();
        expect(endMock).not.toHaveBeenCalled();

        await openDispositions(element); // what the agent entered is still there
        expect(prop<string>(inPage(element, 'notes'), 'value')).toBe('Call back Monday.');
    });

    it('reports the ended interaction once the page saved the dispositions and ended it', async () => {
        const ended = { ...ITEM, assignedAgentId: null, assignedAgentName: null };
        saveMock.mockResolvedValue(ITEM);
        endMock.mockResolvedValue(ended);
        const element = await mount();
        const endedEvent = record(element, 'ended');
        await openDispositions(element);

        inPage(element, 'save')!.click();
        await flush();

        expect(saveMock).toHaveBeenCalledWith({
            interactionId: ITEM.id,
            nameId: DETAIL.nameId,
            relatesToId: DETAIL.relatesToId,
            notes: null
        });
        expect(endedEvent).toHaveBeenCalledWith({ item: ended });
    });

    it('hands the inbox the item left in wrap-up and keeps the header closed until the code is sent', async () => {
        saveMock.mockResolvedValue(ITEM);
        endMock.mockResolvedValue(IN_WRAP_UP);
        submitWrapUpMock.mockResolvedValue({ status: 'Pending', message: 'Saved; sent when reachable.', item: CLOSED });
        const element = await mount();
        const endedEvent = record(element, 'ended');
        const itemChange = record(element, 'itemchange');
        await openDispositions(element);

        inPage(element, 'save')!.click();
        await flush();
        await flush();

        expect(itemChange).toHaveBeenCalledWith({ item: IN_WRAP_UP });
        expect(endedEvent).not.toHaveBeenCalled();
        expect(page(element).shadowRoot!.activeElement).toBe(inPage(element, 'wrap-up-heading'));
        expect(prop<boolean>($(element, 'transfer'), 'disabled')).toBe(true);
        expect(prop<boolean>($(element, 'case-menu'), 'disabled')).toBe(true);

        change(inPage(element, 'wrap-up-codes'), { value: 'code-resolved' });
        inPage(element, 'save')!.click();
        await flush();
        expect(endedEvent).toHaveBeenCalledWith({ item: CLOSED, message: 'Saved; sent when reachable.' });
    });

    it('reopened from the list with its code still owed, opens on the code without joining again', async () => {
        const joinMock = jest.mocked(joinConversation);
        const element = await mount(IN_WRAP_UP);
        await flush();

        expect(inPage(element, 'disposition')).not.toBeNull();
        expect(page(element).shadowRoot!.activeElement).toBe(inPage(element, 'wrap-up-heading'));
        expect(all(element, 'conversation')).toHaveLength(0);
        expect(joinMock).not.toHaveBeenCalled(); // joining again would take the conversation back
        expect(codesMock).toHaveBeenCalledWith({ interactionId: ITEM.id });
        expect(prop<boolean>($(element, 'transfer'), 'disabled')).toBe(true);
    });

    it('keeps the interaction now on screen when a Save finishes for the one the agent switched away from', async () => {
        let finishEnd: (item: RelayInboxItemView) => void = () => undefined;
        saveMock.mockResolvedValue(ITEM);
        endMock.mockReturnValue(new Promise<RelayInboxItemView>((resolve) => (finishEnd = resolve)));
        const element = await mount();
        const endedEvent = record(element, 'ended');
        const itemChange = record(element, 'itemchange');
        await openDispositions(element);
        const leftPage = page(element);
        inPage(element, 'save')!.click();
        await flush();

        detailMock.mockResolvedValue({ ...DETAIL, item: SMS, nameId: null, relatesToId: null });
        element.item = SMS;
        await flush();
        finishEnd(IN_WRAP_UP);
        await flush();
        await flush();

        expect(itemChange).toHaveBeenCalledWith({ item: IN_WRAP_UP }); // the inbox row learns it
        expect(endedEvent).not.toHaveBeenCalled();
        expect(prop<RelayInboxItemView>(page(element), 'item')).toEqual(SMS);
        expect(page(element)).not.toBe(leftPage);
        expect(prop<boolean>(page(element), 'open')).toBe(false);
        expect(all(element, 'conversation')).toHaveLength(1);
    });

    it('starts another interaction on a fresh page', async () => {
        const element = await mount();
        await openDispositions(element);
        const before = page(element);
        change(inPage(element, 'notes'), { value: 'Call back Monday.' });
        detailMock.mockResolvedValue({ ...DETAIL, item: SMS, nameId: null, relatesToId: null });

        element.item = SMS;
        await flush();

        expect(page(element)).not.toBe(before);
        expect(prop<boolean>(page(element), 'open')).toBe(false);
        expect(all(element, 'conversation')).toHaveLength(1);
        await openDispositions(element);
        expect(prop<string>(inPage(element, 'notes'), 'value')).toBe('');
        expect(prop<string | null>(inPage(element, 'name'), 'value')).toBeNull();
    });
});

describe('c-relay-interaction-view transfer', () => {
    it('opens the digital queue dialog and reports a transfer that took the interaction away', async () => {
        const transferred = { ...ITEM, assignedAgentId: null, assignedAgentName: null, queueId: QUEUE.id };
        openModal.mockResolvedValue({ queue: QUEUE, item: transferred });
        const element = await mount();
        const event = record(element, 'transferred');

        $(element, 'transfer')!.click();
        await flush();

        expect(openModal).toHaveBeenCalledWith({
            interaction: { id: ITEM.id, customerName: ITEM.customerName },
            route: DIGITAL_QUEUE_ROUTE,
            size: 'small',
            label: 'c.Relay_InboxTransfer_Title'
        });
        expect(event).toHaveBeenCalledWith({ item: transferred, queueName: 'Teatime', stillMine: false });
    });

    it('says so when the agent is the only one in the queue and gets the interaction back', async () => {
        openModal.mockResolvedValue({ queue: QUEUE, item: { ...ITEM, queueId: QUEUE.id, assignedAgentId: ME } });
        const element = await mount();
        const event = record(element, 'transferred');

        $(element, 'transfer')!.click();
        await flush();

        expect(event).toHaveBeenCalledWith(expect.objectContaining({ stillMine: true }));
        expect(text($(element, 'notice'))).toBe('Transferred to Teatime; still yours.');
    });

    it('changes nothing when the dialog is cancelled', async () => {
        openModal.mockResolvedValue(undefined);
        const element = await mount();
        const event = record(element, 'transferred');

        $(element, 'transfer')!.click();
        await flush();

        expect(event).not.toHaveBeenCalled();
        expect(prop<boolean>($(element, 'transfer'), 'disabled')).toBe(false);
    });
});
