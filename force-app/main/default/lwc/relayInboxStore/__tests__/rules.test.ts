import {
    attachmentProblem,
    assignmentOf,
    customerOf,
    digitalIdLabel,
    DispositionFlow,
    isRendered,
    moveActive,
    nameObjectOf,
    owesWrapUp,
    scrollToReveal,
    takenMessage,
    toInboxItem,
    toRows,
    toSwitchChoices,
    windowAt
} from 'c/relayInboxStore';
import type { DispositionPorts, RelayInboxItemView } from 'c/relayInboxStore';
import type { InboxItem } from 'c/relayInboxModel';
import DATA from './data/inbox.json';

// Labels with placeholders get their English text, so the tests see what is filled in.
jest.mock('@salesforce/label/c.Relay_Inbox_AssignedTo', () => ({ default: 'Assigned to {0}' }), { virtual: true });
jest.mock(
    '@salesforce/label/c.Relay_Inbox_TakenBy',
    () => ({ default: '{0} is already working on this interaction.' }),
    {
        virtual: true
    }
);
jest.mock('@salesforce/label/c.Relay_Inbox_SwitchItem', () => ({ default: '{0} ({1}, {2})' }), { virtual: true });
jest.mock(
    '@salesforce/label/c.Relay_Inbox_AttachTooLarge',
    () => ({ default: '{0} is {1} MB. An attachment can be at most {2} MB.' }),
    { virtual: true }
);

const ME = DATA.me;
const ITEMS = DATA.items as RelayInboxItemView[];
const [CHAT, , WHATSAPP_MINE, , SMS] = ITEMS;
const MB = 1024 * 1024;

describe('virtualized list', () => {
    it('renders the rows in view plus the overscan, and none for an empty list', () => {
        // 72 px rows, a 720 px viewport scrolled to row 100.
        expect(windowAt(7200, 720, 72, 10_000, 5)).toEqual({ start: 95, count: 20 });
        expect(windowAt(0, 720, 72, 10_000, 5)).toEqual({ start: 0, count: 15 });
        expect(windowAt(0, 720, 72, 3, 5)).toEqual({ start: 0, count: 3 });
        expect(windowAt(0, 720, 72, 0, 5)).toEqual({ start: 0, count: 0 });
    });

    it('keeps the window inside the list when the scroll position is past its end', () => {
        const window = windowAt(1_000_000, 720, 72, 50, 5);
        expect(window.start + window.count).toBe(50);
        expect(window.count).toBeGreaterThan(0);
    });

    it('scrolls as little as needed to show a row', () => {
        expect(scrollToReveal(5, 0, 720, 72)).toBe(0); // already in view
        expect(scrollToReveal(10, 0, 720, 72)).toBe(72); // just below: one row down
        expect(scrollToReveal(2, 720, 720, 72)).toBe(144); // above: to its top
    });

    it('moves the active row with the arrows, pages, Home and End, and stays inside the list', () => {
        expect(moveActive('ArrowDown', 3, 10, 4)).toBe(4);
        expect(moveActive('ArrowDown', 9, 10, 4)).toBe(9);
        expect(moveActive('ArrowUp', 0, 10, 4)).toBe(0);
        expect(moveActive('ArrowUp', 3, 10, 4)).toBe(2);
        expect(moveActive('PageDown', 3, 10, 4)).toBe(7);
        expect(moveActive('PageUp', 3, 10, 4)).toBe(0);
        expect(moveActive('Home', 7, 10, 4)).toBe(0);
        expect(moveActive('End', 0, 10, 4)).toBe(9);
        expect(moveActive('ArrowDown', -1, 10, 4)).toBe(0);
        expect(moveActive('ArrowUp', -1, 10, 4)).toBe(9);
        expect(moveActive('a', 3, 10, 4)).toBeNull();
        expect(moveActive('ArrowDown', 0, 0, 4)).toBeNull();
    });

    it('tells whether a position is rendered', () => {
        expect(isRendered(95, { start: 95, count: 20 })).toBe(true);
        expect(isRendered(115, { start: 95, count: 20 })).toBe(false);
        expect(isRendered(-1, { start: 0, count: 20 })).toBe(false);
    });
});

describe('what the inbox shows', () => {
    const item = (view: RelayInboxItemView): InboxItem => (toInboxItem(view) as { item: InboxItem }).item;

    it('names the digital ID the way each channel identifies the contact', () => {
        expect(digitalIdLabel('whatsapp')).toBe('c.Relay_Inbox_DigitalId_WhatsApp');
        expect(digitalIdLabel('sms')).toBe('c.Relay_Inbox_DigitalId_Sms');
        expect(digitalIdLabel('chat')).toBe('c.Relay_Inbox_DigitalId_Chat');
        expect(digitalIdLabel('email')).toBe('c.Relay_Inbox_DigitalId_Email');
        expect(digitalIdLabel('facebook')).toBe('c.Relay_Inbox_DigitalId_Facebook');
        expect(digitalIdLabel('instagram')).toBe('c.Relay_Inbox_DigitalId_Instagram');
        expect(digitalIdLabel('twitter')).toBe('c.Relay_Inbox_DigitalId_Twitter');
    });

    it('shows the customer by name, else by digital ID', () => {
        expect(customerOf(CHAT)).toBe('Diana Barry');
        expect(customerOf(SMS)).toBe('+15559876543');
        expect(customerOf({ customerName: ' ', digitalId: null })).toBe('c.Relay_Inbox_UnknownCustomer');
    });

    it('renders rows at their list position, bold when unread, with who has them', () => {
        const views = new Map(ITEMS.map((v) => [v.id, v]));
        const rows = toRows([item(CHAT), item(WHATSAPP_MINE)], 40, (id) => views.get(id), ME, WHATSAPP_MINE.id);
        expect(rows.map((r) => [r.index, r.position, r.unread, r.active, r.tabIndex])).toEqual([
            [40, 41, true, false, '-1'],
            [41, 42, false, true, '0']
        ]);
        expect(rows[0].rowClass).toContain('relay-row_unread');
        expect(rows[1].rowClass).toContain('relay-row_active');
        expect(rows[1].assignment).toBe('c.Relay_Inbox_AssignedToYou');
        expect(rows[0].caseNumber).toBe('00001001');
        expect(rows[0].channelIcon).toBe('standard:live_chat');
    });

    it('marks the agent’s interaction whose contact-centre wrap-up code is still owed, and no one else’s', () => {
        const owed = { ...WHATSAPP_MINE, wrapUpNeeded: true };
        const othersOwed = { ...CHAT, assignedAgentId: '005x', wrapUpNeeded: true };
        const views = new Map([owed, othersOwed].map((v) => [v.id, v]));
        const rows = toRows([item(CHAT), item(WHATSAPP_MINE)], 0, (id) => views.get(id), ME, undefined);
        expect(rows.map((r) => r.wrapUp)).toEqual(['', 'c.Relay_Inbox_WrapUpNeeded']);
    });

    it('names the agent who has an interaction, and who got it first', () => {
        expect(assignmentOf({ ...CHAT, assignedAgentId: '005x', assignedAgentName: 'Ruby Gillis' }, ME)).toBe(
            'Assigned to Ruby Gillis'
        );
        expect(assignmentOf(CHAT, ME)).toBe('');
        expect(takenMessage('Ruby Gillis')).toBe('Ruby Gillis is already working on this interaction.');
        expect(takenMessage(null)).toBe('c.Relay_Inbox_TakenBySomeone');
    });

    it('labels the switch menu entries and marks the unread ones', () => {
        const choices = toSwitchChoices([CHAT, WHATSAPP_MINE]);
        expect(choices.map((c) => [c.id, c.unread, c.label])).toEqual([
            [CHAT.id, true, 'c.Relay_Inbox_SwitchItemUnread'],
            [WHATSAPP_MINE.id, false, 'Marilla Cuthbert (c.Relay_Channel_WhatsApp, c.Relay_Inbox_Status_Resolved)']
        ]);
    });
});

describe('attachments', () => {
    it('refuses any file on a channel without attachments, before any upload', () => {
        expect(attachmentProblem({ name: 'photo.png', size: 1000 }, 'sms')).toBe('c.Relay_Inbox_AttachNotOnChannel');
    });

    it('takes a file of exactly 10 MB and refuses one byte more', () => {
        expect(attachmentProblem({ name: 'manual.pdf', size: 10 * MB }, 'email')).toBeNull();
        expect(attachmentProblem({ name: 'manual.pdf', size: 10 * MB + 1 }, 'email')).toBe(
            'manual.pdf is 10.1 MB. An attachment can be at most 10 MB.'
        );
    });

    it('refuses an empty file', () => {
        expect(attachmentProblem({ name: 'empty.txt', size: 0 }, 'whatsapp')).toBe('c.Relay_Inbox_AttachEmpty');
    });
});

describe('dispositions', () => {
    const ENDED = { ...WHATSAPP_MINE, assignedAgentId: null };

    function ports(): jest.Mocked<DispositionPorts> {
        return {
            saveDisposition: jest.fn().mockResolvedValue(WHATSAPP_MINE),
            endInteraction: jest.fn().mockResolvedValue(ENDED),
            submitWrapUp: jest.fn()
        };
    }

    it('saves the dispositions, then ends the interaction', async () => {
        const apex = ports();
        const flow = new DispositionFlow(apex, WHATSAPP_MINE.id);
        const outcome = await flow.submit({ nameId: '003000000000001AAA', relatesToId: null, notes: 'Prefers email' });
        expect(apex.saveDisposition).toHaveBeenCalledWith(
            WHATSAPP_MINE.id,
            '003000000000001AAA',
            null,
            'Prefers email'
        );
        expect(apex.endInteraction.mock.invocationCallOrder[0]).toBeGreaterThan(
            apex.saveDisposition.mock.invocationCallOrder[0]
        );
        expect(outcome).toEqual({ kind: 'ended', item: ENDED });
    });

    it('does not end when the dispositions could not be saved', async () => {
        const apex = ports();
        apex.saveDisposition.mockRejectedValue({ body: { message: 'Relates To must be a case.' } });
        const outcome = await new DispositionFlow(apex, WHATSAPP_MINE.id).submit({
            nameId: null,
            relatesToId: '001000000000001AAA',
            notes: ''
        });
        expect(outcome).toEqual({ kind: 'failed', stage: 'save', message: 'Relates To must be a case.' });
        expect(apex.endInteraction).not.toHaveBeenCalled();
    });

    it('retries only End after the dispositions were saved, so the notes are not written twice', async () => {
        const apex = ports();
        apex.endInteraction.mockRejectedValueOnce({ body: { message: 'Try again.' } });
        const flow = new DispositionFlow(apex, WHATSAPP_MINE.id);
        const draft = { nameId: null, relatesToId: null, notes: 'Call back Monday' };
        expect(await flow.submit(draft)).toEqual({ kind: 'failed', stage: 'end', message: 'Try again.' });
        expect(flow.saved).toBe(true);
        expect(await flow.submit(draft)).toEqual({ kind: 'ended', item: ENDED });
        expect(apex.saveDisposition).toHaveBeenCalledTimes(1);
        expect(apex.endInteraction).toHaveBeenCalledTimes(2);
    });

    it('sends blank notes as none, and ignores a second Save while the first is on its way', async () => {
        const apex = ports();
        const flow = new DispositionFlow(apex, WHATSAPP_MINE.id);
        const first = flow.submit({ nameId: null, relatesToId: null, notes: '   ' });
        expect(await flow.submit({ nameId: null, relatesToId: null, notes: '' })).toBeNull();
        await first;
        expect(apex.saveDisposition).toHaveBeenCalledWith(WHATSAPP_MINE.id, null, null, null);
        expect(apex.saveDisposition).toHaveBeenCalledTimes(1);
    });

    describe('when the contact centre waits for a wrap-up code', () => {
        const IN_WRAP_UP = { ...WHATSAPP_MINE, wrapUpNeeded: true };
        const CLOSED = { ...WHATSAPP_MINE, assignedAgentId: null, status: 'Closed' as const, wrapUpNeeded: false };
        const draft = { nameId: null, relatesToId: null, notes: 'Prefers email' };

        it('asks for the code after End, then submits only the wrap-up with its own notes', async () => {
            const apex = ports();
            apex.endInteraction.mockResolvedValue(IN_WRAP_UP);
            apex.submitWrapUp.mockResolvedValue({ status: 'Submitted', message: null, item: CLOSED });
            const flow = new DispositionFlow(apex, WHATSAPP_MINE.id);

            expect(await flow.submit(draft)).toEqual({ kind: 'wrapUpNeeded', item: IN_WRAP_UP });
            expect(apex.submitWrapUp).not.toHaveBeenCalled();

            const outcome = await flow.submit({ ...draft, wrapUpCodeId: 'code-1', wrapUpNotes: '  Sent the label.  ' });
            expect(apex.submitWrapUp).toHaveBeenCalledWith(WHATSAPP_MINE.id, 'code-1', 'Sent the label.');
            expect(outcome).toEqual({ kind: 'ended', item: CLOSED, wrapUp: { status: 'Submitted', message: null } });
            expect(apex.saveDisposition).toHaveBeenCalledTimes(1);
            expect(apex.endInteraction).toHaveBeenCalledTimes(1);
        });

        it('reports a wrap-up kept pending with its message, as ended', async () => {
            const apex = ports();
            apex.submitWrapUp.mockResolvedValue({ status: 'Pending', message: 'Saved, sent later.', item: CLOSED });
            const flow = DispositionFlow.awaitingWrapUp(apex, WHATSAPP_MINE.id);

            const outcome = await flow.submit({ ...draft, wrapUpCodeId: 'code-2' });
            expect(outcome).toEqual({
                kind: 'ended',
                item: CLOSED,
                wrapUp: { status: 'Pending', message: 'Saved, sent later.' }
            });
            expect(apex.submitWrapUp).toHaveBeenCalledWith(WHATSAPP_MINE.id, 'code-2', null);
            expect(apex.saveDisposition).not.toHaveBeenCalled();
            expect(apex.endInteraction).not.toHaveBeenCalled();
        });

        it('keeps the wrap-up to do when the contact centre refuses the code', async () => {
            const apex = ports();
            apex.submitWrapUp
                .mockRejectedValueOnce({ body: { message: 'Choose another code.' } })
                .mockResolvedValue({ status: 'Submitted', message: null, item: CLOSED });
            const flow = DispositionFlow.awaitingWrapUp(apex, WHATSAPP_MINE.id);

            expect(await flow.submit({ ...draft, wrapUpCodeId: 'bad' })).toEqual({
                kind: 'failed',
                stage: 'wrapUp',
                message: 'Choose another code.'
            });
            expect(flow.wrapUpNeeded).toBe(true);
            expect((await flow.submit({ ...draft, wrapUpCodeId: 'good' }))?.kind).toBe('ended');
            expect(apex.endInteraction).not.toHaveBeenCalled();
        });
    });

    it('goes straight back to the wrap-up code only for my interaction that still owes one', () => {
        const owed = { ...WHATSAPP_MINE, wrapUpNeeded: true };
        expect(owesWrapUp(owed, ME)).toBe(true);
        expect(owesWrapUp({ ...owed, assignedAgentId: '005000000000000999' }, ME)).toBe(false);
        expect(owesWrapUp({ ...owed, wrapUpNeeded: false }, ME)).toBe(false);
        expect(owesWrapUp({ ...owed, wrapUpNeeded: null }, ME)).toBe(false);
        expect(owesWrapUp(undefined, ME)).toBe(false);
    });

    it('opens the Name picker on the object of the saved name', () => {
        expect(nameObjectOf('001000000000001AAA')).toBe('Account');
        expect(nameObjectOf('00Q000000000001AAA')).toBe('Lead');
        expect(nameObjectOf('003000000000001AAA')).toBe('Contact');
        expect(nameObjectOf(null)).toBe('Contact');
    });
});
