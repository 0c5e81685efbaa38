/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import LightningModal from 'lightning/modal';
import { createMessageContext, publish, subscribe, unsubscribe } from 'lightning/messageService';
import type { MessageSubscription } from 'lightning/messageService';
import getInteractionDetail from '@salesforce/apex/RelayInboxController.getInteractionDetail';
import getContactNotes from '@salesforce/apex/RelayInboxController.getContactNotes';
import addNote from '@salesforce/apex/RelayInboxController.addNote';
import setResolved from '@salesforce/apex/RelayInboxController.setResolved';
import saveDisposition from '@salesforce/apex/RelayInboxController.saveDisposition';
import endInteraction from '@salesforce/apex/RelayInboxController.endInteraction';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import joinConversation from '@salesforce/apex/RelayInboxController.joinConversation';
import submitWrapUp from '@salesforce/apex/RelayInboxController.submitWrapUp';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import RelayInteractionView from 'c/relayInteractionView';
import { DIGITAL_QUEUE_ROUTE } from '../transferRoute';
import type { RelayInboxItemView, RelayInteractionDetail, RelayNoteView, SwitchChoice } from 'c/relayInboxStore';
import { $, change, flush, prop, record, text } from '../../../../../../test/jest/lwcDom';
import DATA from './data/interaction.json';

jest.mock('@salesforce/apex/RelayInboxController.getInteractionDetail', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayInboxController.getContactNotes', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.addNote', () => ({ default: jest.fn() }), { virtual: true });
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

const SAME_CONTACT = DATA.sameContact as RelayInboxItemView;
const ADDED_NOTE: RelayNoteView = DATA.addedNote;

const detailMock = jest.mocked(getInteractionDetail);
const notesMock = jest.mocked(getContactNotes);
const addNoteMock = jest.mocked(addNote);
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
    notesMock.mockResolvedValue(DETAIL.notes ?? []);
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

// Lightning Message Service as one page has it: every subscriber of a channel gets what is published on it.
describe('c-relay-interaction-view private notes', () => {
    type Listener = (message: unknown) => void;
    let channels: Map<unknown, Set<Listener>>;
    const broadcast = (channel: unknown, message: unknown): void =>
        channels.get(channel)?.forEach((listener) => listener(JSON.parse(JSON.stringify(message))));
    const noteBodies = (element: View): string[] => all(element, 'note').map((note) => text(note.querySelector('p')));
    const NOTES = DETAIL.notes ?? [];

    async function showDetails(element: View): Promise<void> {
        $(element, 'details-toggle')!.click();
        await flush();
    }

    beforeEach(() => {
        channels = new Map();
        jest.mocked(createMessageContext).mockReturnValue({});
        jest.mocked(subscribe).mockImplementation((_context, channel, listener) => {
            const listeners = channels.get(channel) ?? new Set<Listener>();
            listeners.add(listener);
            channels.set(channel, listeners);
            return { channel, listener } as unknown as MessageSubscription;
        });
        jest.mocked(unsubscribe).mockImplementation((subscription) => {
            const { channel, listener } = subscription as unknown as { channel: unknown; listener: Listener };
            channels.get(channel)?.delete(listener);
        });
        jest.mocked(publish).mockImplementation((_context, channel, message) => broadcast(channel, message));
    });

    it('reads the notes again each time the contact details are shown, never from what it read before', async () => {
        const element = await mount();
        notesMock.mockResolvedValue([ADDED_NOTE, ...NOTES]);

        await showDetails(element);
        expect(notesMock).toHaveBeenCalledWith({ interactionId: ITEM.id });
        expect(noteBodies(element)).toEqual([ADDED_NOTE.body, ...NOTES.map((n) => n.body)]);

        await showDetails(element); // hidden
        notesMock.mockResolvedValue([]);
        await showDetails(element);
        expect(notesMock).toHaveBeenCalledTimes(2);
        expect(text($(element, 'no-notes'))).toBe('c.Relay_Inbox_NoNotes');
    });

    it('reads the notes again when a note about the same contact is saved elsewhere in the browser, and only then', async () => {
        const element = await mount();
        await showDetails(element);
        notesMock.mockClear();
        notesMock.mockResolvedValue([ADDED_NOTE, ...NOTES]);

        // Another contact, or the same digital ID on another channel: nothing to read.
        broadcast('Relay_Notes__c', { interactionId: SMS.id, digitalId: SMS.digitalId, channel: SMS.channel });
        broadcast('Relay_Notes__c', { interactionId: SMS.id, digitalId: ITEM.digitalId, channel: 'sms' });
        await flush();
        expect(notesMock).not.toHaveBeenCalled();

        broadcast('Relay_Notes__c', {
            interactionId: SAME_CONTACT.id,
            digitalId: SAME_CONTACT.digitalId,
            channel: SAME_CONTACT.channel
        });
        await flush();
        expect(notesMock).toHaveBeenCalledWith({ interactionId: ITEM.id });
        expect(noteBodies(element)[0]).toBe(ADDED_NOTE.body);
    });

    it('adds a note from the contact details: listed at once, the box emptied, said to screen readers, and other views told', async () => {
        addNoteMock.mockResolvedValue([ADDED_NOTE, ...NOTES]);
        const element = await mount();
        await showDetails(element);
        // What the Apex holds from now on (this view reads it again too, when it hears of its own note).
        notesMock.mockResolvedValue([ADDED_NOTE, ...NOTES]);
        const box = $(element, 'new-note')!;
        expect(prop<string>(box, 'label')).toBe('c.Relay_Inbox_NewNote');
        expect(prop<number>(box, 'maxLength')).toBe(32768);

        change(box, { value: ADDED_NOTE.body });
        $(element, 'add-note')!.click();
        await flush();

        expect(addNoteMock).toHaveBeenCalledWith({ interactionId: ITEM.id, body: ADDED_NOTE.body });
        expect(noteBodies(element)).toEqual([ADDED_NOTE.body, ...NOTES.map((n) => n.body)]);
        expect(prop<string>($(element, 'new-note'), 'value')).toBe('');
        expect(text($(element, 'note-status'))).toBe('c.Relay_Inbox_NoteAdded');
        // The message names the contact, never the note.
        expect(publish).toHaveBeenCalledWith({}, 'Relay_Notes__c', {
            interactionId: ITEM.id,
            digitalId: ITEM.digitalId,
            channel: ITEM.channel
        });
        await expect(element).toBeAccessible();
    });

    it('adds the note with Ctrl+Enter in the box, as with the button', async () => {
        addNoteMock.mockResolvedValue([ADDED_NOTE, ...NOTES]);
        const element = await mount();
        await showDetails(element);
        notesMock.mockResolvedValue([ADDED_NOTE, ...NOTES]);
        const box = $(element, 'new-note')!;
        change(box, { value: ADDED_NOTE.body });

        box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
        await flush();
        expect(addNoteMock).not.toHaveBeenCalled(); // Enter alone is a new line

        box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
        await flush();
        expect(addNoteMock).toHaveBeenCalledTimes(1);
        expect(noteBodies(element)[0]).toBe(ADDED_NOTE.body);
    });

    it('refuses a blank note before any Apex, and keeps a note the Apex refused with its reason', async () => {
        const element = await mount();
        await showDetails(element);

        change($(element, 'new-note'), { value: '   ' });
        $(element, 'add-note')!.click();
        await flush();
        expect(addNoteMock).not.toHaveBeenCalled();
        expect(text($(element, 'note-error'))).toBe('c.Relay_Inbox_NoteBlank');
        await expect(element).toBeAccessible();

        addNoteMock.mockRejectedValue({ body: { message: 'Notes can be up to 32768 characters.' } });
        change($(element, 'new-note'), { value: 'Keep this.' });
        await flush();
        expect($(element, 'note-error')).toBeNull();
        $(element, 'add-note')!.click();
        await flush();
        expect(text($(element, 'note-error'))).toBe('Notes can be up to 32768 characters.');
        expect(prop<string>($(element, 'new-note'), 'value')).toBe('Keep this.');
        expect(noteBodies(element)).toEqual(NOTES.map((n) => n.body));
        expect(publish).not.toHaveBeenCalled();
    });

    it('shows a note saved on the dispositions page of the interaction the agent switched away from in the contact details of the same contact', async () => {
        let finishSave: (item: RelayInboxItemView) => void = () => undefined;
        saveMock.mockReturnValue(new Promise<RelayInboxItemView>((resolve) => (finishSave = resolve)));
        jest.mocked(endInteraction).mockResolvedValue({ ...ITEM, assignedAgentId: null, status: 'Closed' });
        const element = await mount();
        $(element, 'end')!.click();
        await flush();
        const dispositions = $(element, 'dispositions')!;
        const details = dispositions.shadowRoot!.querySelector<HTMLElement>('c-relay-contact-details')!;
        change(details.shadowRoot!.querySelector<HTMLElement>('[data-id="notes"]'), { value: ADDED_NOTE.body });
        dispositions.shadowRoot!.querySelector<HTMLElement>('[data-id="save"]')!.click();
        await flush();

        // Switched to the contact's other interaction while the Save is on its way: its notes are read first.
        detailMock.mockResolvedValue({ ...DETAIL, item: SAME_CONTACT, notes: NOTES });
        element.item = SAME_CONTACT;
        await flush();
        await showDetails(element);
        expect(noteBodies(element)).toEqual(NOTES.map((n) => n.body));

        notesMock.mockResolvedValue([ADDED_NOTE, ...NOTES]);
        finishSave(ITEM);
        await flush();
        await flush();
        expect(publish).toHaveBeenCalledWith({}, 'Relay_Notes__c', {
            interactionId: ITEM.id,
            digitalId: ITEM.digitalId,
            channel: ITEM.channel
        });
        expect(notesMock).toHaveBeenLastCalledWith({ interactionId: SAME_CONTACT.id });
        expect(noteBodies(element)[0]).toBe(ADDED_NOTE.body);
    });

    it('stops listening when it leaves the page', async () => {
        const element = await mount();
        expect(channels.get('Relay_Notes__c')?.size).toBe(1);
        element.remove();
        expect(channels.get('Relay_Notes__c')?.size).toBe(0);
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
    // The page's Name, Relates To and notes are its c-relay-contact-details'.
    const detailOf = (element: View, id: string): HTMLElement | null =>
        inPage(element, 'contact-details')!.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);

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
        expect(prop<string>(detailOf(element, 'name'), 'value')).toBe(DETAIL.nameId);
        expect(prop<string>(detailOf(element, 'relates-to'), 'value')).toBe(DETAIL.relatesToId);
        expect(endMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('closes the dispositions page with Escape, ending nothing, and gives the focus back to End', async () => {
        const element = await mount();
        const end = $(element, 'end')!;
        end.focus = jest.fn();
        await openDispositions(element);
        change(detailOf(element, 'notes'), { value: 'Call back Monday.' });

        detailOf(element, 'notes')!.dispatchEvent(
            new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true })
        );
        await flush();

        expect(inPage(element, 'disposition')).toBeNull();
        expect(all(element, 'conversation')).toHaveLength(1);
        expect(end.focus).toHaveBeenCalled();
        expect(saveMock).not.toHaveBeenCalled();
        expect(endMock).not.toHaveBeenCalled();

        await openDispositions(element); // what the agent entered is still there
        expect(prop<string>(detailOf(element, 'notes'), 'value')).toBe('Call back Monday.');
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
        change(detailOf(element, 'notes'), { value: 'Call back Monday.' });
        detailMock.mockResolvedValue({ ...DETAIL, item: SMS, nameId: null, relatesToId: null });

        element.item = SMS;
        await flush();

        expect(page(element)).not.toBe(before);
        expect(prop<boolean>(page(element), 'open')).toBe(false);
        expect(all(element, 'conversation')).toHaveLength(1);
        await openDispositions(element);
        expect(prop<string>(detailOf(element, 'notes'), 'value')).toBe('');
        expect(prop<string | null>(detailOf(element, 'name'), 'value')).toBeNull();
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
