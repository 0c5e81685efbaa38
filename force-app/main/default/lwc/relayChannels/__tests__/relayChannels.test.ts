import {
    allChannels,
    capabilitiesOf,
    channelOf,
    CHANNELS,
    DEFAULT_TEXT_LIMIT,
    MAX_ATTACHMENT_BYTES,
    SMS_TEXT_LIMIT,
    textLimitOf
} from 'c/relayChannels';

describe('c/relayChannels', () => {
    it('limits an SMS reply to 765 characters, an email to what the transcript holds and every other channel to 2000', () => {
        expect(textLimitOf('sms')).toBe(765);
        expect(SMS_TEXT_LIMIT).toBe(765);
        expect(textLimitOf('email')).toBe(32768);
        for (const channel of CHANNELS.filter((c) => c !== 'sms' && c !== 'email')) {
            expect(textLimitOf(channel)).toBe(DEFAULT_TEXT_LIMIT);
        }
        expect(DEFAULT_TEXT_LIMIT).toBe(2000);
    });

    it.each([
        ['SMS', 'sms'],
        ['Chat', 'webchat'],
        ['webmessaging', 'webchat'],
        [' WhatsApp ', 'whatsapp'],
        ['Twitter', 'twitter'],
        ['x', 'twitter'],
        ['messenger', 'facebook'],
        ['Email', 'email'],
        ['Instagram', 'instagram']
    ])('reads the record or contact-centre name %p as %p', (raw, expected) => {
        expect(channelOf(raw)).toBe(expected);
    });

    it.each([undefined, null, '', 'fax', 'open'])('does not recognise %p', (raw) => {
        expect(channelOf(raw)).toBeUndefined();
    });

    it('treats an unknown channel like web chat, as the Apex does', () => {
        expect(capabilitiesOf('open')).toBe(capabilitiesOf('webchat'));
        expect(capabilitiesOf(undefined).maxTextLength).toBe(DEFAULT_TEXT_LIMIT);
    });

    it('gives every channel a translated label and an SLDS icon', () => {
        const rows = allChannels();
        expect(rows.map((r) => r.name)).toEqual([...CHANNELS]);
        // Under sfdx-lwc-jest a label import resolves to its own name.
        expect(capabilitiesOf('whatsapp').label).toBe('c.Relay_Channel_WhatsApp');
        expect(capabilitiesOf('sms').label).toBe('c.Relay_Channel_Sms');
        for (const row of rows) {
            expect(row.label).toMatch(/^c\.Relay_Channel_/);
            expect(row.icon).toMatch(/^standard:[a-z_]+$/);
        }
    });

    it('offers emoji and attachments everywhere but SMS', () => {
        expect(capabilitiesOf('sms')).toMatchObject({ supportsEmoji: false, supportsAttachments: false });
        for (const row of allChannels().filter((r) => r.name !== 'sms')) {
            expect(row).toMatchObject({ supportsEmoji: true, supportsAttachments: true });
        }
        expect(MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
    });

    it('cannot be changed by a caller', () => {
        const row = capabilitiesOf('email');
        expect(Object.isFrozen(row)).toBe(true);
        expect(() => {
            (row as { maxTextLength: number }).maxTextLength = 1;
        }).toThrow(TypeError);
    });
});
