/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import getOutboundChannels from '@salesforce/apex/RelayOutboundController.getOutboundChannels';
import startOutbound from '@salesforce/apex/RelayOutboundController.startOutbound';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import RelayOutboundComposer from 'c/relayOutboundComposer';
import type { RelayInboxItemView } from 'c/relayInboxStore';
import { $, change, flush, prop, record, text } from '../../../../../../test/jest/lwcDom';
import CHANNELS from './data/channels.json';
import SENT from './data/sent.json';

/** A field of the contact details (c-relay-contact-details renders them in its own shadow root). */
const field = (element: HTMLElement, id: string): HTMLElement | null =>
    $(element.shadowRoot!.querySelector<HTMLElement>('c-relay-contact-details')!, id);

jest.mock('@salesforce/apex/RelayOutboundController.getOutboundChannels', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayOutboundController.startOutbound', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayConversationController.sendReply', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_Outbound_Unsent', () => ({ default: 'Started, not sent: {0}' }), {
    virtual: true
});

const channelsMock = jest.mocked(getOutboundChannels);
const sendMock = jest.mocked(startOutbound);
const replyMock = jest.mocked(sendReply);
const ITEM = SENT.item as RelayInboxItemView;

type Composer = HTMLElement & { mediaType?: string };

async function mount(mediaType: 'Email' | 'SMS', channels: unknown = CHANNELS): Promise<Composer> {
    channelsMock.mockResolvedValue(channels as never);
    const element = createElement('c-relay-outbound-composer', { is: RelayOutboundComposer }) as Composer;
    element.mediaType = mediaType;
    document.body.appendChild(element);
    await flush();
    return element;
}

async function fillSms(element: Composer, recipient = '+1 317 555 0100', message = 'Your parcel ships today.') {
    change($(element, 'channel'), { value: 'q-support' });
    change($(element, 'recipient'), { value: recipient });
    change($(element, 'message'), { value: message });
    await flush();
}

function click(element: Composer, id: string): Promise<void> {
    $(element, id)!.click();
    return flush();
}

/** The elements focus() was called on: base-component stubs take no real focus in jsdom. */
const focusCalls = jest.spyOn(HTMLElement.prototype, 'focus');
const focused = (): unknown => focusCalls.mock.contexts.at(-1);

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

beforeEach(() => focusCalls.mockClear());

describe('c-relay-outbound-composer', () => {
    it('offers the SMS channels by the number the customer sees, with the focus on the channel', async () => {
        const element = await mount('SMS');

        expect(text($(element, 'heading'))).toBe('c.Relay_Outbound_SmsTitle');
        expect(prop<Array<{ label: string }>>($(element, 'channel'), 'options').map((o) => o.label)).toEqual([
            '+13175550199 (Support)'
        ]);
        expect(prop<string>($(element, 'recipient'), 'type')).toBe('tel');
        expect($(element, 'subject')).toBeNull();
        expect(focused()).toBe($(element, 'channel'));
        await expect(element).toBeAccessible();
    });

    it('says why when the agent has no outbound queue of that kind, and offers no form', async () => {
        const element = await mount('Email', { email: [], sms: CHANNELS.sms });

        expect(text($(element, 'no-channel'))).toBe('c.Relay_Outbound_NoEmailChannel');
        expect($(element, 'channel')).toBeNull();
        const cancelled = record(element, 'cancel');
        await click(element, 'close');
        expect(cancelled).toHaveBeenCalledTimes(1);
        await expect(element).toBeAccessible();
    });

    it('refuses Next while a field is wrong, says which, and keeps everything typed', async () => {
        const element = await mount('Email');
        change($(element, 'recipient'), { value: 'jane.doe' });
        change($(element, 'message'), { value: 'Hello' });
        await flush();

        await click(element, 'next');

        expect(text($(element, 'alert-text'))).toBe('c.Relay_Outbound_FixFields');
        expect(text($(element, 'channel-error'))).toBe('c.Relay_Outbound_ChannelRequired');
        expect(text($(element, 'recipient-error'))).toBe('c.Relay_Outbound_EmailInvalid');
        expect(text($(element, 'subject-error'))).toBe('c.Relay_Outbound_SubjectRequired');
        expect($(element, 'message-error')).toBeNull();
        expect(prop<string>($(element, 'recipient'), 'value')).toBe('jane.doe');
        expect(focused()).toBe($(element, 'channel'));
        expect($(element, 'details-heading')).toBeNull();
        await expect(element).toBeAccessible();

        change($(element, 'channel'), { value: 'q-billing' });
        await flush();
        expect($(element, 'channel-error')).toBeNull();
    });

    it('counts the SMS characters against the channel limit', async () => {
        const element = await mount('SMS');
        change($(element, 'message'), { value: 'Hello' });
        await flush();

        expect(text($(element, 'counter'))).toBe('c.Relay_Conversation_Counter');
    });

    it('goes on to the contact details, then Save and Send starts the conversation with all of it', async () => {
        sendMock.mockResolvedValue(ITEM);
        replyMock.mockResolvedValue({} as never);
        const element = await mount('SMS');
        const sent = record(element, 'sent');
        await fillSms(element);

        await click(element, 'next');
        expect(element.shadowRoot!.activeElement).toBe($(element, 'details-heading'));
        expect(text($(element, 'case'))).toBe('c.Relay_Outbound_CaseAfterSend');
        field(element, 'relates-to')!.dispatchEvent(
            new CustomEvent('change', { detail: { recordId: '500000000000001AAA' } })
        );
        change(field(element, 'notes'), { value: 'Asked for tracking.' });
        await flush();
        await expect(element).toBeAccessible();
        await click(element, 'send');

        expect(sendMock).toHaveBeenCalledWith({
            request: {
                mediaType: 'SMS',
                queueId: 'q-support',
                recipient: '+13175550100',
                subject: null,
                message: 'Your parcel ships today.',
                nameId: null,
                relatesToId: '500000000000001AAA',
                notes: 'Asked for tracking.'
            }
        });
        expect(replyMock).toHaveBeenCalledWith({
            interactionId: ITEM.id,
            text: 'Your parcel ships today.',
            attachments: [],
            subject: null,
            htmlBody: null
        });
        expect(sent).toHaveBeenCalledWith({ item: ITEM });
    });

    it('keeps the page as it is with the reason when Save and Send is refused', async () => {
        sendMock.mockRejectedValue({ body: { message: 'This contact already has a conversation.' } });
        const element = await mount('SMS');
        const sent = record(element, 'sent');
        await fillSms(element);
        await click(element, 'next');

        await click(element, 'send');

        expect(text($(element, 'alert-text'))).toBe('This contact already has a conversation.');
        expect($(element, 'send')).not.toBeNull();
        expect(sent).not.toHaveBeenCalled();
        await click(element, 'back');
        expect(prop<string>($(element, 'message'), 'value')).toBe('Your parcel ships today.');
    });

    it('offers to send again a message that did not go after the conversation started, and sends the same text', async () => {
        sendMock.mockResolvedValue(ITEM);
        replyMock
            .mockRejectedValueOnce({ body: { message: 'The contact centre is unavailable.' } })
            .mockResolvedValueOnce({} as never);
        const element = await mount('SMS');
        const sent = record(element, 'sent');
        await fillSms(element);
        await click(element, 'next');
        await click(element, 'send');

        expect(text($(element, 'alert-text'))).toBe('Started, not sent: The contact centre is unavailable.');
        expect($(element, 'alert')!.getAttribute('role')).toBe('alert');
        await expect(element).toBeAccessible();
        await click(element, 'send-again');

        expect(replyMock).toHaveBeenCalledTimes(2);
        expect(sendMock).toHaveBeenCalledTimes(1);
        expect(replyMock).toHaveBeenLastCalledWith({
            interactionId: ITEM.id,
            text: 'Your parcel ships today.',
            attachments: [],
            subject: null,
            htmlBody: null
        });
        expect(sent).toHaveBeenCalledWith({ item: ITEM });
    });

    it('lets the agent open a started conversation instead of sending again', async () => {
        sendMock.mockResolvedValue(ITEM);
        replyMock.mockRejectedValue({ body: { message: 'Unavailable.' } });
        const element = await mount('SMS');
        const opened = record(element, 'opened');
        await fillSms(element);
        await click(element, 'next');
        await click(element, 'send');

        await click(element, 'open-unsent');

        expect(opened).toHaveBeenCalledWith({ item: ITEM });
    });

    it('says so when the channels cannot be read', async () => {
        channelsMock.mockRejectedValue({ body: { message: 'Genesys Cloud is unavailable.' } });
        const element = createElement('c-relay-outbound-composer', { is: RelayOutboundComposer }) as Composer;
        element.mediaType = 'SMS';
        document.body.appendChild(element);
        await flush();

        expect(text($(element, 'alert-text'))).toBe('Genesys Cloud is unavailable.');
        await expect(element).toBeAccessible();
    });
});
