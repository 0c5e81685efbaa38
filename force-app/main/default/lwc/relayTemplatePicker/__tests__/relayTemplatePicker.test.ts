/// <reference types="@sa11y/jest" />
/*
 * A WhatsApp conversation's templates: the queue's list on demand, the values and the text the customer will read,
 * what Send template sends, and that a refusal keeps the choice. data/templates.json is what
 * RelayConversationController.getTemplates returns for a Support conversation.
 */
import { createElement } from 'lwc';
import RelayTemplatePicker from 'c/relayTemplatePicker';
import getTemplates from '@salesforce/apex/RelayConversationController.getTemplates';
import sendTemplate from '@salesforce/apex/RelayConversationController.sendTemplate';
import type { MessageTemplate } from 'c/relayMessageModel';
import type { RelayMessageView } from 'c/relayConversation';
import TEMPLATES from './data/templates.json';

jest.mock('@salesforce/apex/RelayConversationController.getTemplates', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.sendTemplate', () => ({ default: jest.fn() }), {
    virtual: true
});

const templates = jest.mocked(getTemplates);
const send = jest.mocked(sendTemplate);
const SENT: RelayMessageView = {
    id: 'a02SENT',
    direction: 'outbound',
    author: 'Alex Rivera',
    text: 'Hello Jane, your order 5531 shipped.',
    sentAt: '2026-12-07T12:00:00.000Z',
    deliveryStatus: 'Sent'
};

interface BaseInput extends HTMLElement {
    value?: string;
    label?: string;
    disabled?: boolean;
    options?: Array<{ label: string; value: string }>;
}
type Picker = HTMLElement & { interactionId?: string; outsideWindow?: boolean };

async function settle(): Promise<void> {
    await Promise.resolve().then().then().then().then().then();
}

async function mount(outsideWindow = false): Promise<Picker> {
    const element = createElement('c-relay-template-picker', { is: RelayTemplatePicker }) as Picker;
    element.interactionId = 'a01WA';
    element.outsideWindow = outsideWindow;
    document.body.appendChild(element);
    await settle();
    return element;
}

const find = (element: HTMLElement, id: string): BaseInput | null =>
    element.shadowRoot!.querySelector<BaseInput>(`[data-id="${id}"]`);
const all = (element: HTMLElement, id: string): BaseInput[] =>
    Array.from(element.shadowRoot!.querySelectorAll<BaseInput>(`[data-id="${id}"]`));
const text = (element: HTMLElement, id: string): string => find(element, id)?.textContent?.trim() ?? '';

async function change(input: BaseInput, value: string): Promise<void> {
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await settle();
}

async function openAndChoose(element: HTMLElement, templateId: string): Promise<void> {
    find(element, 'open')!.click();
    await settle();
    await change(find(element, 'templates')!, templateId);
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.resetAllMocks();
});

describe('c-relay-template-picker', () => {
    beforeEach(() => templates.mockResolvedValue(TEMPLATES as MessageTemplate[]));

    it('says a template is needed outside the customer-care window, and reads the templates only when opened', async () => {
        const element = await mount(true);
        expect(text(element, 'outside-window')).toBe('c.Relay_Template_OutsideWindow');
        expect(templates).not.toHaveBeenCalled();
        find(element, 'open')!.click();
        await settle();
        expect(templates).toHaveBeenCalledWith({ interactionId: 'a01WA' });
        expect((find(element, 'templates')!.options ?? []).map((o) => o.label)).toEqual(['Order update', 'Follow up']);
        await expect(element).toBeAccessible();
    });

    it('shows the text the customer will read as the agent fills in the values', async () => {
        const element = await mount();
        await openAndChoose(element, 'resp-order');
        expect(all(element, 'value').map((i) => i.label)).toEqual(['Customer name', 'Order number']);
        expect(text(element, 'preview')).toBe('Hello {{1}}, your order {{2}} shipped.');
        await change(all(element, 'value')[0], 'Jane');
        expect(text(element, 'preview')).toBe('Hello Jane, your order {{2}} shipped.');
        await expect(element).toBeAccessible();
    });

    it('starts a value from the one the template offers', async () => {
        const element = await mount();
        await openAndChoose(element, 'resp-follow');
        expect(all(element, 'value')[0].value).toBe('there');
        expect(text(element, 'preview')).toBe('Hello there, we have news.');
    });

    it('names a value still to fill in without sending', async () => {
        const element = await mount();
        await openAndChoose(element, 'resp-order');
        await change(all(element, 'value')[0], 'Jane');
        find(element, 'send-template')!.click();
        await settle();
        expect(send).not.toHaveBeenCalled();
        expect(text(element, 'template-error')).toBe('c.Relay_Template_ValueRequired');
    });

    it('sends the template with its values and hands the recorded message to the transcript', async () => {
        send.mockResolvedValue(SENT);
        const element = await mount();
        const sent = jest.fn();
        element.addEventListener('templatesent', (event) => sent((event as CustomEvent<RelayMessageView>).detail));
        await openAndChoose(element, 'resp-order');
        await change(all(element, 'value')[0], 'Jane');
        await change(all(element, 'value')[1], '5531');
        find(element, 'send-template')!.click();
        await settle();
        expect(send).toHaveBeenCalledWith({
            interactionId: 'a01WA',
            templateId: 'resp-order',
            values: { '1': 'Jane', '2': '5531' }
        });
        expect(sent).toHaveBeenCalledWith(SENT);
        expect(find(element, 'panel')).toBeNull();
    });

    it('keeps the choice and the values when the contact centre refuses', async () => {
        send.mockRejectedValue({ body: { message: 'The contact centre did not take the message.' } });
        const element = await mount();
        await openAndChoose(element, 'resp-follow');
        find(element, 'send-template')!.click();
        await settle();
        expect(text(element, 'template-error')).toBe('The contact centre did not take the message.');
        expect(find(element, 'templates')!.value).toBe('resp-follow');
        expect(all(element, 'value')[0].value).toBe('there');
    });

    it('says so when the queue has no templates', async () => {
        templates.mockResolvedValue([]);
        const element = await mount();
        find(element, 'open')!.click();
        await settle();
        expect(text(element, 'none')).toBe('c.Relay_Template_None');
    });
});
