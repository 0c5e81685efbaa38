/*
 * Outbound drafts: which channels an agent is offered, what Next refuses and what Save and Send sends. The channel
 * fixture (data/channels.json) is what RelayOutboundController.getOutboundChannels returns for an agent in Support
 * (email and SMS) and Billing (email only).
 */
import {
    EMAIL_TEXT_LIMIT,
    SMS_TEXT_LIMIT,
    channelOptions,
    channelsOf,
    draftErrors,
    messageLimit,
    plainTextOf,
    normalizedRecipient,
    toRequest
} from 'c/relayOutboundModel';
import type { OutboundChannels, OutboundDraft } from 'c/relayOutboundModel';
import channels from './data/channels.json';

const fixture = channels as OutboundChannels;

function sms(overrides: Partial<OutboundDraft> = {}): OutboundDraft {
    return {
        mediaType: 'SMS',
        queueId: 'q-support',
        recipient: '+13175550100',
        subject: '',
        message: 'Hi',
        ...overrides
    };
}

function email(overrides: Partial<OutboundDraft> = {}): OutboundDraft {
    return {
        mediaType: 'Email',
        queueId: 'q-support',
        recipient: 'jane.doe@example.com',
        subject: 'Your refund',
        message: 'It is on its way.',
        ...overrides
    };
}

describe('channels', () => {
    it('offers the email channels for email and the SMS channels for SMS', () => {
        expect(channelsOf(fixture, 'Email').map((c) => c.queueName)).toEqual(['Support', 'Billing']);
        expect(channelsOf(fixture, 'SMS').map((c) => c.address)).toEqual(['+13175550199']);
    });

    it('offers nothing before the channels are read', () => {
        expect(channelsOf(undefined, 'SMS')).toEqual([]);
    });

    it('names each channel by the address the customer sees and its queue', () => {
        expect(channelOptions(channelsOf(fixture, 'Email'))).toEqual([
            { label: 'support@relay.example (Support)', value: 'q-support' },
            { label: 'billing@relay.example (Billing)', value: 'q-billing' }
        ]);
    });
});

describe('draft checks', () => {
    it('lets a complete SMS and a complete email go on', () => {
        expect(draftErrors(sms())).toEqual([]);
        expect(draftErrors(email())).toEqual([]);
    });

    it('asks for a channel first', () => {
        expect(draftErrors(sms({ queueId: '' }))).toEqual([{ field: 'channel', problem: 'channelRequired' }]);
    });

    it.each(['3175550100', '+0 317 555 0100', '+1317', 'jane', '+1 (317) 555-0100x'])(
        'refuses the SMS number %p: it needs a country code and digits only',
        (recipient) => {
            expect(draftErrors(sms({ recipient }))).toEqual([{ field: 'recipient', problem: 'phoneInvalid' }]);
        }
    );

    it('accepts a number written with spaces, dashes and brackets, and sends it without them', () => {
        expect(draftErrors(sms({ recipient: ' +1 (317) 555-0100 ' }))).toEqual([]);
        expect(normalizedRecipient('SMS', ' +1 (317) 555-0100 ')).toBe('+13175550100');
    });

    it.each(['jane', 'jane@', '@example.com', 'jane doe@example.com', 'jane@example'])(
        'refuses the email address %p',
        (recipient) => {
            expect(draftErrors(email({ recipient }))).toEqual([{ field: 'recipient', problem: 'emailInvalid' }]);
        }
    );

    it('asks an email for a subject, and keeps it within the field', () => {
        expect(draftErrors(email({ subject: '  ' }))).toEqual([{ field: 'subject', problem: 'subjectRequired' }]);
        expect(draftErrors(email({ subject: 'x'.repeat(256) }))).toEqual([
            { field: 'subject', problem: 'subjectTooLong', values: [256, 255] }
        ]);
    });

    it('needs no subject for an SMS', () => {
        expect(draftErrors(sms({ subject: '' }))).toEqual([]);
    });

    it('asks for a message, within the channel limit', () => {
        expect(messageLimit('SMS')).toBe(SMS_TEXT_LIMIT);
        expect(messageLimit('Email')).toBe(EMAIL_TEXT_LIMIT);
        expect(draftErrors(email({ message: 'x'.repeat(2001) }))).toEqual([]);
        expect(draftErrors(email({ message: 'x'.repeat(EMAIL_TEXT_LIMIT + 1) }))[0]?.problem).toBe('messageTooLong');
        expect(draftErrors(sms({ message: ' ' }))).toEqual([{ field: 'message', problem: 'messageRequired' }]);
        expect(draftErrors(sms({ message: 'x'.repeat(SMS_TEXT_LIMIT) }))).toEqual([]);
        expect(draftErrors(sms({ message: 'x'.repeat(SMS_TEXT_LIMIT + 1) }))).toEqual([
            { field: 'message', problem: 'messageTooLong', values: [SMS_TEXT_LIMIT + 1, SMS_TEXT_LIMIT] }
        ]);
    });

    it('reports every field to correct at once, in page order', () => {
        expect(
            draftErrors(email({ queueId: '', recipient: 'x', subject: '', message: '' })).map((e) => e.field)
        ).toEqual(['channel', 'recipient', 'subject', 'message']);
    });
});

describe('the request Save and Send makes', () => {
    it('sends the trimmed subject, the message as typed and the contact details', () => {
        expect(
            toRequest(email({ subject: ' Your refund ', message: ' Hello \n' }), {
                nameId: '003000000000001AAA',
                relatesToId: '',
                notes: 'Prefers email.'
            })
        ).toEqual({
            mediaType: 'Email',
            queueId: 'q-support',
            recipient: 'jane.doe@example.com',
            subject: 'Your refund',
            message: ' Hello \n',
            nameId: '003000000000001AAA',
            relatesToId: null,
            notes: 'Prefers email.'
        });
    });

    it('sends no subject and no blank notes with an SMS', () => {
        const request = toRequest(sms({ subject: 'ignored' }), { nameId: null, relatesToId: null, notes: '  ' });
        expect(request.subject).toBeNull();
        expect(request.notes).toBeNull();
    });
});

describe('the plain text of a formatted message', () => {
    it('keeps the words and the lines, drops the markup and decodes the entities', () => {
        expect(plainTextOf('<p>Your <b>refund</b> &amp; <i>receipt</i>:</p><ul><li>one</li><li>two</li></ul>')).toBe(
            'Your refund & receipt:\n• one\n• two'
        );
        expect(plainTextOf('<p>a<br>b</p><p><br></p><p><br></p><p>c &lt;3&gt;</p>')).toBe('a\nb\n\nc <3>');
        expect(plainTextOf('<p><br></p>')).toBe('');
    });
});
