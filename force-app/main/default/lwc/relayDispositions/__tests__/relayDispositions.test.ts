/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import saveDisposition from '@salesforce/apex/RelayInboxController.saveDisposition';
import endInteraction from '@salesforce/apex/RelayInboxController.endInteraction';
import submitWrapUp from '@salesforce/apex/RelayInboxController.submitWrapUp';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import RelayDispositions from 'c/relayDispositions';
import type { DispositionPrefill, RelayInboxItemView } from 'c/relayInboxStore';
import { $, change, flush, prop, record, text } from '../../../../../../test/jest/lwcDom';
import DATA from './data/dispositions.json';

/** A field of the contact details (c-relay-contact-details renders them in its own shadow root). */
const field = (element: HTMLElement, id: string): HTMLElement | null =>
    $(element.shadowRoot!.querySelector<HTMLElement>('c-relay-contact-details')!, id);

jest.mock('@salesforce/apex/RelayInboxController.saveDisposition', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.endInteraction', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.submitWrapUp', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWrapUpController.getWrapUpCodes', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_Inbox_SavedEndFailed', () => ({ default: 'Saved, but not ended: {0}' }), {
    virtual: true
});

const ITEM = DATA.item as RelayInboxItemView;
const PREFILL: DispositionPrefill = DATA.prefill;
const CODES = DATA.codes;
const IN_WRAP_UP: RelayInboxItemView = { ...ITEM, wrapUpNeeded: true };
const CLOSED: RelayInboxItemView = { ...ITEM, assignedAgentId: null, status: 'Closed', wrapUpNeeded: false };

const saveMock = jest.mocked(saveDisposition);
const endMock = jest.mocked(endInteraction);
const submitWrapUpMock = jest.mocked(submitWrapUp);
const codesMock = jest.mocked(getWrapUpCodes);

type Page = HTMLElement & { item?: RelayInboxItemView; prefill?: DispositionPrefill; open?: boolean };

/** The page as the view shows it after End: open, with the Name and Relates To the details were read with. */
async function mount(item: RelayInboxItemView = ITEM): Promise<Page> {
    const element = createElement('c-relay-dispositions', { is: RelayDispositions }) as Page;
    element.item = item;
    element.prefill = PREFILL;
    element.open = true;
    document.body.appendChild(element);
    await flush();
    return element;
}

const escape = (): KeyboardEvent => new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true });

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-relay-dispositions', () => {
    it('opens prefilled with the Name and Relates To, with the focus on its heading', async () => {
        const element = await mount();

        expect(element.shadowRoot!.activeElement).toBe($(element, 'disposition-heading'));
        expect(text($(element, 'disposition-case'))).toBe('00001003');
        expect(prop<string>(field(element, 'name-type'), 'value')).toBe('Contact');
        expect(prop<string>(field(element, 'name'), 'objectApiName')).toBe('Contact');
        expect(prop<string>(field(element, 'name'), 'value')).toBe(PREFILL.nameId);
        expect(prop<string>(field(element, 'relates-to'), 'objectApiName')).toBe('Case');
        expect(prop<string>(field(element, 'relates-to'), 'value')).toBe(PREFILL.relatesToId);
        expect(endMock).not.toHaveBeenCalled();
        expect(codesMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('shows nothing while closed', async () => {
        const element = createElement('c-relay-dispositions', { is: RelayDispositions }) as Page;
        element.item = ITEM;
        document.body.appendChild(element);
        await flush();

        expect($(element, 'disposition')).toBeNull();
    });

    it('is cancelled with Escape or Cancel, ending nothing', async () => {
        const element = await mount();
        const cancelled = record(element, 'cancelled');

        field(element, 'notes')!.dispatchEvent(escape());
        $(element, 'cancel-disposition')!.click();

        expect(cancelled).toHaveBeenCalledTimes(2);
        expect(saveMock).not.toHaveBeenCalled();
        expect(endMock).not.toHaveBeenCalled();
    });

    it('saves the Name, Relates To and notes, then ends the interaction', async () => {
        const ended = { ...ITEM, assignedAgentId: null, assignedAgentName: null };
        saveMock.mockResolvedValue(ITEM);
        endMock.mockResolvedValue(ended);
        const element = await mount();
        const saved = record(element, 'saved');
        const saving = record(element, 'savingchange');

        change(field(element, 'name-type'), { value: 'Account' });
        await flush();
        expect(prop<string>(field(element, 'name'), 'value')).toBeNull(); // a Contact id is no Account
        change(field(element, 'name'), { recordId: '001000000000003AAA' });
        change(field(element, 'relates-to'), { recordId: '500000000000077AAA' });
        change(field(element, 'notes'), { value: 'Wants the invoice by post.' });
        $(element, 'save')!.click();
        await flush();

        expect(saveMock).toHaveBeenCalledWith({
            interactionId: ITEM.id,
            nameId: '001000000000003AAA',
            relatesToId: '500000000000077AAA',
            notes: 'Wants the invoice by post.'
        });
        expect(endMock).toHaveBeenCalledWith({ interactionId: ITEM.id });
        expect(saved).toHaveBeenCalledWith({ item: ended });
        expect(saving.mock.calls).toEqual([[{ saving: true }], [{ saving: false }]]);
    });

    it('says the private notes are stored as soon as they are, before the End finishes, and only when there were notes', async () => {
        let finishEnd: (item: RelayInboxItemView) => void = () => undefined;
        saveMock.mockResolvedValue(ITEM);
        endMock.mockReturnValue(new Promise<RelayInboxItemView>((resolve) => (finishEnd = resolve)));
        const element = await mount();
        const notesSaved = record(element, 'notesaved');
        change(field(element, 'notes'), { value: 'Wants the invoice by post.' });

        $(element, 'save')!.click();
        await flush();
        expect(notesSaved).toHaveBeenCalledWith({ item: ITEM });
        finishEnd(CLOSED);
        await flush();
        expect(notesSaved).toHaveBeenCalledTimes(1);

        saveMock.mockClear();
        endMock.mockResolvedValue(CLOSED);
        const withoutNotes = await mount();
        const noNotesSaved = record(withoutNotes, 'notesaved');
        change(field(withoutNotes, 'notes'), { value: '   ' });
        $(withoutNotes, 'save')!.click();
        await flush();
        expect(saveMock).toHaveBeenCalledTimes(1);
        expect(noNotesSaved).not.toHaveBeenCalled();
    });

    it('keeps everything the agent entered when the dispositions could not be saved', async () => {
        saveMock.mockRejectedValue({ body: { message: 'Relates To must be a case.' } });
        const element = await mount();
        const saved = record(element, 'saved');
        change(field(element, 'notes'), { value: 'Call back Monday.' });

        $(element, 'save')!.click();
        await flush();

        expect(text($(element, 'disposition-error'))).toBe('Relates To must be a case.');
        expect(prop<string>(field(element, 'notes'), 'value')).toBe('Call back Monday.');
        expect(prop<boolean>(field(element, 'notes'), 'disabled')).toBe(false);
        expect(endMock).not.toHaveBeenCalled();
        expect(saved).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('after saved dispositions and a failed End, retries only End', async () => {
        saveMock.mockResolvedValue(ITEM);
        endMock.mockRejectedValueOnce({ body: { message: 'Try again.' } }).mockResolvedValue(ITEM);
        const element = await mount();
        const saved = record(element, 'saved');
        change(field(element, 'notes'), { value: 'Call back Monday.' });

        $(element, 'save')!.click();
        await flush();
        expect(text($(element, 'disposition-error'))).toBe('Saved, but not ended: Try again.');
        expect(prop<string>($(element, 'save'), 'label')).toBe('c.Relay_Inbox_EndAgain');
        expect(prop<boolean>(field(element, 'notes'), 'disabled')).toBe(true);

        $(element, 'save')!.click();
        await flush();
        expect(saveMock).toHaveBeenCalledTimes(1);
        expect(endMock).toHaveBeenCalledTimes(2);
        expect(saved).toHaveBeenCalledTimes(1);
    });
});

describe('c-relay-dispositions wrap-up after End', () => {
    beforeEach(() => {
        codesMock.mockResolvedValue(CODES);
    });

    function codeLabels(element: HTMLElement): string[] {
        return prop<Array<{ label: string }>>($(element, 'wrap-up-codes'), 'options').map((o) => o.label);
    }

    it('asks for the contact centre code when End leaves the agent in wrap-up, and Save sends it', async () => {
        saveMock.mockResolvedValue(ITEM);
        endMock.mockResolvedValue(IN_WRAP_UP);
        submitWrapUpMock.mockResolvedValue({ status: 'Submitted', message: null, item: CLOSED });
        const element = await mount();
        const saved = record(element, 'saved');
        const wrapUpNeeded = record(element, 'wrapupneeded');
        expect($(element, 'wrap-up')).toBeNull(); // not asked for before the contact centre says so

        $(element, 'save')!.click();
        await flush();
        await flush();

        expect(saved).not.toHaveBeenCalled();
        expect(wrapUpNeeded).toHaveBeenCalledWith({ item: IN_WRAP_UP });
        expect(element.shadowRoot!.activeElement).toBe($(element, 'wrap-up-heading'));
        expect(codesMock).toHaveBeenCalledWith({ interactionId: ITEM.id });
        expect(codeLabels(element)).toEqual(['Escalated to tier 2', 'Resolved']);
        expect($(element, 'cancel-disposition')).toBeNull(); // ended in the contact centre: nothing to cancel
        expect(prop<string>($(element, 'save'), 'label')).toBe('c.Relay_Inbox_Save');
        await expect(element).toBeAccessible();

        change($(element, 'wrap-up-codes'), { value: 'code-resolved' });
        change($(element, 'wrap-up-notes'), { value: 'Label sent.' });
        $(element, 'save')!.click();
        await flush();

        expect(submitWrapUpMock).toHaveBeenCalledWith({
            interactionId: ITEM.id,
            codeId: 'code-resolved',
            notes: 'Label sent.'
        });
        expect(saveMock).toHaveBeenCalledTimes(1);
        expect(endMock).toHaveBeenCalledTimes(1);
        expect(saved).toHaveBeenCalledWith({ item: CLOSED });
    });

    it('refuses Save with a clear message while no code is chosen', async () => {
        const element = await mount(IN_WRAP_UP);
        await flush();
        const search = $(element, 'wrap-up-search')!;
        search.focus = jest.fn();

        $(element, 'save')!.click();
        await flush();

        expect(text($(element, 'disposition-error'))).toBe('c.Relay_Interaction_WrapUpCodeRequired');
        expect(search.focus).toHaveBeenCalled();
        expect(submitWrapUpMock).not.toHaveBeenCalled();
    });

    it('opened on an interaction that owes its code, asks only for it: searchable, chosen from the keyboard', async () => {
        submitWrapUpMock.mockResolvedValue({ status: 'Pending', message: 'Saved; sent when reachable.', item: CLOSED });
        const element = await mount(IN_WRAP_UP);
        const saved = record(element, 'saved');
        const cancelled = record(element, 'cancelled');
        await flush();

        expect(element.shadowRoot!.activeElement).toBe($(element, 'wrap-up-heading'));
        expect(prop<boolean>(field(element, 'notes'), 'disabled')).toBe(true); // saved before End

        $(element, 'wrap-up-search')!.dispatchEvent(escape());
        await flush();
        expect(cancelled).not.toHaveBeenCalled(); // the wrap-up cannot be put off
        expect($(element, 'disposition')).not.toBeNull();

        change($(element, 'wrap-up-search'), { value: 'escal' });
        await flush();
        expect(codeLabels(element)).toEqual(['Escalated to tier 2']);
        $(element, 'wrap-up-search')!.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
        await flush();
        expect(prop<string>($(element, 'wrap-up-codes'), 'value')).toBe('code-escalated');

        $(element, 'save')!.click();
        await flush();

        expect(saveMock).not.toHaveBeenCalled();
        expect(endMock).not.toHaveBeenCalled();
        expect(submitWrapUpMock).toHaveBeenCalledWith({
            interactionId: ITEM.id,
            codeId: 'code-escalated',
            notes: null
        });
        expect(saved).toHaveBeenCalledWith({ item: CLOSED, message: 'Saved; sent when reachable.' });
    });

    it('keeps the page and the chosen code when the contact centre refuses the code', async () => {
        submitWrapUpMock.mockRejectedValue({ body: { message: 'c.Relay_WrapUp_Rejected' } });
        const element = await mount(IN_WRAP_UP);
        const saved = record(element, 'saved');
        await flush();
        change($(element, 'wrap-up-codes'), { value: 'code-resolved' });

        $(element, 'save')!.click();
        await flush();

        expect(text($(element, 'disposition-error'))).toBe('c.Relay_WrapUp_Rejected');
        expect(prop<string>($(element, 'wrap-up-codes'), 'value')).toBe('code-resolved');
        expect(saved).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('offers Retry when the codes cannot be read', async () => {
        codesMock.mockRejectedValueOnce({ body: { message: 'Genesys Cloud is unavailable.' } });
        const element = await mount(IN_WRAP_UP);
        await flush();

        expect(text($(element, 'wrap-up-codes-error'))).toBe('Genesys Cloud is unavailable.');
        $(element, 'retry-wrap-up-codes')!.click();
        await flush();
        expect(codeLabels(element)).toEqual(['Escalated to tier 2', 'Resolved']);
    });
});
