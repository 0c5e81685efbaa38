import { format, isSendShortcut, replyProblem, toRows, withMessage } from '../transcript';
import type { RelayMessageView } from '../transcript';

const message = (id: string, sentAt: string | null, extra: Partial<RelayMessageView> = {}): RelayMessageView => ({
    id,
    direction: 'outbound',
    author: 'Ada Agent',
    text: id,
    sentAt,
    deliveryStatus: 'Sent',
    ...extra
});

describe('c/relayConversation transcript logic', () => {
    it('fills the numbered placeholders of a label', () => {
        expect(format('Your reply has {0} characters; this channel allows at most {1}.', 766, 765)).toBe(
            'Your reply has 766 characters; this channel allows at most 765.'
        );
        expect(format('{0} of {1} characters', 3, 2000)).toBe('3 of 2000 characters');
        expect(format('Keeps {2} it has no value for', 1)).toBe('Keeps {2} it has no value for');
    });

    it('accepts a reply of exactly the limit and refuses one character more', () => {
        expect(replyProblem('a'.repeat(765), 765)).toBeNull();
        expect(replyProblem('a'.repeat(766), 765)).toBe('c.Relay_Conversation_ReplyTooLong');
        expect(replyProblem(' \n\t', 765)).toBe('c.Relay_Conversation_ReplyRequired');
    });

    it('sends on Ctrl+Enter or Cmd+Enter, never on Enter alone or while an input method composes', () => {
        const key = (init: Partial<KeyboardEvent>) => ({
            key: 'Enter',
            ctrlKey: false,
            metaKey: false,
            isComposing: false,
            ...init
        });
        expect(isSendShortcut(key({ ctrlKey: true }))).toBe(true);
        expect(isSendShortcut(key({ metaKey: true }))).toBe(true);
        expect(isSendShortcut(key({}))).toBe(false);
        expect(isSendShortcut(key({ ctrlKey: true, isComposing: true }))).toBe(false);
        expect(isSendShortcut(key({ key: 'a', ctrlKey: true }))).toBe(false);
    });

    it('places a sent reply by its time and never twice', () => {
        const first = message('first', '2026-11-21T12:00:00.000Z');
        const third = message('third', '2026-11-21T12:02:00.000Z');
        const second = message('second', '2026-11-21T12:01:00.000Z');

        expect(withMessage([first, third], second).map((m) => m.id)).toEqual(['first', 'second', 'third']);
        expect(withMessage([first, second], second).map((m) => m.id)).toEqual(['first', 'second']);
        expect(withMessage([first], message('late', null)).map((m) => m.id)).toEqual(['late', 'first']);
    });

    it('gives an email Relay has no record of a key of its own, so the thread still renders', () => {
        const rows = toRows(
            [message('a', null), { ...message('b', null), id: null }, { ...message('c', null), id: null }],
            null
        );

        expect(rows.map((row) => row.key)).toEqual(['a', 'unrecorded-1', 'unrecorded-2']);
    });

    it('shows an email’s subject above its text, and none on a message', () => {
        const rows = toRows(
            [
                message('email', null, { direction: 'inbound', subject: 'Refund for order 1042' }),
                message('chat', null, { subject: null }),
                message('blank', null, { subject: '  ' })
            ],
            'Priya Patel'
        );

        expect(rows.map((row) => row.subject)).toEqual(['Refund for order 1042', null, null]);
    });

    it('marks a reply the contact centre could not deliver, and gives customer messages no status', () => {
        const rows = toRows(
            [
                message('in', null, { direction: 'inbound', author: null, deliveryStatus: 'Received' }),
                message('out', null, { deliveryStatus: 'Failed' })
            ],
            '  '
        );

        expect(rows[0]).toMatchObject({ author: 'c.Relay_Conversation_Customer', statusText: null, failed: false });
        expect(rows[1]).toMatchObject({
            author: 'Ada Agent',
            statusText: 'c.Relay_Conversation_Status_Failed',
            failed: true
        });
        expect(rows[1].textClass).toContain('slds-chat-message__text_delivery-failure');
        expect(rows[0].itemClass).toBe('slds-chat-listitem slds-chat-listitem_inbound');
    });
});
