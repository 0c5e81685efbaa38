import { concernsContactOf, notesChangedOn, readNotesChanged } from 'c/relayInboxStore';
import type { RelayInboxItemView } from 'c/relayInboxStore';
import DATA from './data/inbox.json';

const ITEMS = DATA.items as RelayInboxItemView[];
const WHATSAPP = ITEMS.find((item) => item.channel === 'whatsapp')!;
const SMS = ITEMS.find((item) => item.channel === 'sms')!;
const SAME_CONTACT: RelayInboxItemView = { ...WHATSAPP, id: 'a01000000000009AAA' };

describe('relayInboxStore notes', () => {
    it('names the contact a note was saved about, never the note', () => {
        expect(notesChangedOn(WHATSAPP)).toEqual({
            interactionId: WHATSAPP.id,
            digitalId: '+15551234567',
            channel: 'whatsapp'
        });
        expect(notesChangedOn({ ...WHATSAPP, digitalId: null, channel: null })).toEqual({
            interactionId: WHATSAPP.id,
            digitalId: null,
            channel: null
        });
    });

    it('reads a message back, and nothing that is not one', () => {
        expect(readNotesChanged(notesChangedOn(SMS))).toEqual(notesChangedOn(SMS));
        expect(readNotesChanged({ interactionId: SMS.id, digitalId: '', channel: 7 })).toEqual({
            interactionId: SMS.id,
            digitalId: null,
            channel: null
        });
        expect(readNotesChanged(null)).toBeNull();
        expect(readNotesChanged({ interactionId: '' })).toBeNull();
        expect(readNotesChanged({ digitalId: SMS.digitalId })).toBeNull();
    });

    it('concerns the interaction it was written on, and every interaction of the same contact on the same channel', () => {
        const message = notesChangedOn(WHATSAPP);
        expect(concernsContactOf(message, WHATSAPP)).toBe(true);
        expect(concernsContactOf(message, SAME_CONTACT)).toBe(true);
        expect(concernsContactOf(message, { ...SAME_CONTACT, channel: 'sms' })).toBe(false);
        expect(concernsContactOf(message, SMS)).toBe(false);
        expect(concernsContactOf(message, undefined)).toBe(false);
    });

    it('never takes a blank digital ID for a contact', () => {
        const anonymous = notesChangedOn({ ...WHATSAPP, digitalId: null });
        expect(concernsContactOf(anonymous, { ...SAME_CONTACT, digitalId: null })).toBe(false);
        expect(concernsContactOf(anonymous, { ...WHATSAPP, digitalId: null })).toBe(true);
    });
});
