/// <reference types="@sa11y/jest" />
/*
 * Send message on behalf of a queue (the work-item panel's dialog): what the agent is offered, what Start sends to
 * RelayMessageController, and that a refusal keeps every choice. data/options.json is an agent in Support (SMS and
 * WhatsApp), Sales and VIP Support; data/contacts.json two people found by "Jan".
 */
import { createElement } from 'lwc';
import LightningModal from 'lightning/modal';
import RelaySendMessageDialog, { CONTACT_SEARCH_DELAY_MS } from 'c/relaySendMessageDialog';
import getMessageOptions from '@salesforce/apex/RelayMessageController.getMessageOptions';
import findMessageContacts from '@salesforce/apex/RelayMessageController.findMessageContacts';
import startMessage from '@salesforce/apex/RelayMessageController.startMessage';
import type { MessageContact, MessageOptions } from 'c/relayMessageModel';
import OPTIONS from './data/options.json';
import CONTACTS from './data/contacts.json';

jest.mock('@salesforce/apex/RelayMessageController.getMessageOptions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayMessageController.findMessageContacts', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayMessageController.startMessage', () => ({ default: jest.fn() }), { virtual: true });
// lightning/modal is jest-mocks/lightning/modal.js (jest.config.js): it records open, close and disableClose.

const Modal = LightningModal as unknown as { closed: jest.Mock };
const options = jest.mocked(getMessageOptions);
const contacts = jest.mocked(findMessageContacts);
const start = jest.mocked(startMessage);

interface BaseInput extends HTMLElement {
    value?: string;
    disabled?: boolean;
    options?: Array<{ label: string; value: string }>;
}

async function settle(): Promise<void> {
    await Promise.resolve().then().then().then().then().then().then();
}

async function open(answer: MessageOptions = OPTIONS as MessageOptions): Promise<HTMLElement> {
    options.mockResolvedValue(answer);
    const element = createElement('c-relay-send-message-dialog', { is: RelaySendMessageDialog });
    document.body.appendChild(element);
    await settle();
    return element;
}

const find = (element: HTMLElement, id: string): BaseInput | null =>
    element.shadowRoot!.querySelector<BaseInput>(`[data-id="${id}"]`);
const text = (element: HTMLElement, id: string): string => find(element, id)?.textContent?.trim() ?? '';
const labelsOf = (element: HTMLElement, id: string): string[] => (find(element, id)?.options ?? []).map((o) => o.label);

async function change(element: HTMLElement, id: string, value: string): Promise<void> {
    const input = find(element, id)!;
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await settle();
}

async function click(element: HTMLElement, id: string): Promise<void> {
    find(element, id)!.click();
    await settle();
}

async function fill(element: HTMLElement, recipient: string): Promise<void> {
    await change(element, 'channel', 'WhatsApp');
    await change(element, 'queues', 'q-support');
    await change(element, 'recipient', recipient);
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.resetAllMocks();
});

describe('c-relay-send-message-dialog', () => {
    it('offers the queues that send the chosen channel, narrowed as the agent types their name', async () => {
        const element = await open();
        expect(find(element, 'queues')).toBeNull();
        await change(element, 'channel', 'SMS');
        expect(labelsOf(element, 'queues')).toEqual([
            'Support (+13175550199)',
            'Sales (+13175550197)',
            'VIP Support (+13175550196)'
        ]);
        await change(element, 'queue-search', 'sup');
        expect(labelsOf(element, 'queues')).toEqual(['Support (+13175550199)', 'VIP Support (+13175550196)']);
        await change(element, 'queue-search', 'zzz');
        expect(text(element, 'no-queue')).toBe('c.Relay_Message_NoQueue');
        await expect(element).toBeAccessible();
    });

    it('says which Genesys Cloud permissions are missing and offers nothing to fill in', async () => {
        const element = await open({ missingPermissions: ['routing:queue:view'], sms: [], whatsApp: [] });
        expect(text(element, 'missing-permissions')).toBe('c.Relay_Message_MissingPermissions');
        expect(find(element, 'channel')).toBeNull();
        expect(find(element, 'start')!.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('starts a WhatsApp message to a number on behalf of the chosen queue and closes with the conversation', async () => {
        start.mockResolvedValue({ outcome: 'Started', conversationId: 'conv-1' });
        const element = await open();
        await fill(element, '1 317 555 0100');
        await click(element, 'start');
        expect(start).toHaveBeenCalledWith({
            request: {
                channel: 'WhatsApp',
                queueId: 'q-support',
                recipient: '13175550100',
                externalContactId: null,
                takeOver: false
            }
        });
        expect(Modal.closed).toHaveBeenCalledWith({ conversationId: 'conv-1' });
    });

    it('refuses a WhatsApp number with + before asking the server, keeping what was typed', async () => {
        const element = await open();
        await fill(element, '+13175550100');
        await click(element, 'start');
        expect(start).not.toHaveBeenCalled();
        expect(text(element, 'errors')).toBe('c.Relay_Message_WhatsAppInvalid');
        expect(find(element, 'recipient')!.value).toBe('+13175550100');
    });

    it('names every choice still to make', async () => {
        const element = await open();
        await click(element, 'start');
        expect(text(element, 'errors')).toBe('c.Relay_Message_ChannelRequiredc.Relay_Message_QueueRequired');
    });

    it('shows the server’s refusal and keeps every choice', async () => {
        start.mockRejectedValue({ body: { message: 'Jane Doe already has a conversation assigned to Blake Chen.' } });
        const element = await open();
        await fill(element, '13175550100');
        await click(element, 'start');
        expect(text(element, 'errors')).toBe('Jane Doe already has a conversation assigned to Blake Chen.');
        expect(find(element, 'queues')!.value).toBe('q-support');
        expect(find(element, 'recipient')!.value).toBe('13175550100');
        expect(Modal.closed).not.toHaveBeenCalled();
    });

    it('finds people by name once the agent stops typing and sends to the one chosen, at their WhatsApp id', async () => {
        jest.useFakeTimers();
        contacts.mockResolvedValue(CONTACTS as MessageContact[]);
        start.mockResolvedValue({ outcome: 'Started', conversationId: 'conv-2' });
        const element = await open();
        await change(element, 'channel', 'WhatsApp');
        await change(element, 'queues', 'q-support');
        await change(element, 'recipient', 'Jan');
        expect(contacts).not.toHaveBeenCalled();
        jest.advanceTimersByTime(CONTACT_SEARCH_DELAY_MS);
        await settle();
        expect(contacts).toHaveBeenCalledWith({ text: 'Jan' });
        expect(labelsOf(element, 'people')).toEqual(['Jane Doe (13175550100)']);
        await change(element, 'people', 'ec-jane');
        await click(element, 'start');
        expect(start.mock.calls[0][0]).toEqual({
            request: expect.objectContaining({ recipient: '13175550100', externalContactId: 'ec-jane' })
        });
    });

    it('asks before taking over the contact’s open, unassigned conversation, and takes it over on Take over', async () => {
        start
            .mockResolvedValueOnce({
                outcome: 'OpenUnassigned',
                conversationId: 'conv-open',
                message: '13175550100 has an open conversation that no one is assigned to.'
            })
            .mockResolvedValueOnce({ outcome: 'Started', conversationId: 'conv-open' });
        const element = await open();
        await fill(element, '13175550100');
        await click(element, 'start');
        expect(text(element, 'take-over')).toContain('13175550100 has an open conversation');
        expect(Modal.closed).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
        await click(element, 'take-over-button');
        expect(start.mock.calls[1][0]).toEqual({ request: expect.objectContaining({ takeOver: true }) });
        expect(Modal.closed).toHaveBeenCalledWith({ conversationId: 'conv-open' });
    });

    it('offers Retry when the queues cannot be read', async () => {
        options.mockRejectedValue({ body: { message: 'Genesys Cloud is unavailable.' } });
        const element = createElement('c-relay-send-message-dialog', { is: RelaySendMessageDialog });
        document.body.appendChild(element);
        await settle();
        expect(text(element, 'errors')).toBe('Genesys Cloud is unavailable.');
        options.mockResolvedValue(OPTIONS as MessageOptions);
        await click(element, 'retry');
        expect(find(element, 'channel')).not.toBeNull();
    });
});
