import type {} from '@sa11y/jest';
import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe } from 'lightning/empApi';
import type { EmpMessage, EmpSubscription } from 'lightning/empApi';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import register from '@salesforce/apex/RelayAgentSignalController.register';
import RelayConversation from 'c/relayConversation';
import { resetAgentSignalRegistration } from 'c/relayWorkItemStore';
import type { RelayMessageView } from 'c/relayConversation';

jest.mock('@salesforce/apex/RelayConversationController.getTranscript', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.sendReply', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayAgentSignalController.register', () => ({ default: jest.fn() }), {
    virtual: true
});

// Under sfdx-lwc-jest a label import resolves to its own name.
const LABEL = {
    transcript: 'c.Relay_Conversation_Transcript',
    empty: 'c.Relay_Conversation_Empty',
    customer: 'c.Relay_Conversation_Customer',
    required: 'c.Relay_Conversation_ReplyRequired',
    tooLong: 'c.Relay_Conversation_ReplyTooLong',
    sent: 'c.Relay_Conversation_Status_Sent',
    failed: 'c.Relay_Conversation_Status_Failed',
    send: 'c.Relay_Conversation_Send',
    sending: 'c.Relay_Conversation_Sending'
};
const RECORD_ID = 'a01000000000001AAA';
const CONVERSATION_ID = 'conv-1';

type GetRecordAdapter = { emit(value: unknown): void };
const getRecordAdapter = getRecord as unknown as GetRecordAdapter;
const getTranscriptMock = jest.mocked(getTranscript);
const sendReplyMock = jest.mocked(sendReply);

const INBOUND: RelayMessageView = {
    id: 'm1',
    direction: 'inbound',
    author: null,
    text: 'Where is my parcel?',
    sentAt: '2026-11-21T12:00:00.000Z',
    deliveryStatus: 'Received'
};
const OUTBOUND: RelayMessageView = {
    id: 'm2',
    direction: 'outbound',
    author: 'Ada Agent',
    text: 'It leaves today.',
    sentAt: '2026-11-21T12:01:00.000Z',
    deliveryStatus: 'Sent'
};

let eventCallback: ((message: EmpMessage) => void) | undefined;

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function record(channel: string, customerName: string | null = 'Carla Customer'): unknown {
    return {
        id: RECORD_ID,
        apiName: 'Relay_Interaction__c',
        fields: {
            External_Conversation_Id__c: { value: CONVERSATION_ID, displayValue: null },
            Channel__c: { value: channel, displayValue: channel },
            Customer_Name__c: { value: customerName, displayValue: customerName }
        }
    };
}

const SIGNAL_CHANNEL = '/topic/RelayAgentSignals';

/** The agent's signal rang for a customer's message: it names the conversation and the message, never the text. */
function customerEvent(conversationId: string): EmpMessage & { data: { sobject: Record<string, unknown> } } {
    return {
        channel: SIGNAL_CHANNEL,
        data: {
            event: { type: 'updated', createdDate: '2026-11-21T12:00:01.000Z', replayId: 7 },
            sobject: {
                Id: 'a0S000000000001AAA',
                Sequence__c: 3,
                Type__c: 'conversation.customerMessage',
                Conversation_Id__c: conversationId,
                Data__c: '{"messageId":"m3"}'
            }
        }
    };
}

async function mount(channel = 'SMS'): Promise<LightningHTMLElement<RelayConversation>> {
    const element = createElement('c-relay-conversation', { is: RelayConversation });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getRecordAdapter.emit(record(channel));
    await flushPromises();
    return element;
}

const $ = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);
const all = (element: HTMLElement, id: string): HTMLElement[] =>
    Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(`[data-id="${id}"]`));
const texts = (element: HTMLElement): string[] => all(element, 'text').map((n) => n.textContent ?? '');

function type(element: HTMLElement, value: string): void {
    const reply = $(element, 'reply') as HTMLElement & { value: string };
    reply.value = value;
    reply.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

function pressKey(element: HTMLElement, init: KeyboardEventInit): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init });
    $(element, 'reply')!.dispatchEvent(event);
    return event;
}

function draftOf(element: HTMLElement): string {
    return ($(element, 'reply') as HTMLElement & { value: string }).value;
}

beforeEach(() => {
    eventCallback = undefined;
    jest.mocked(subscribe).mockImplementation((channel, _replayId, callback) => {
        eventCallback = callback;
        return Promise.resolve({ id: 'sub-1', channel } as EmpSubscription);
    });
    jest.mocked(unsubscribe).mockResolvedValue(true);
    getTranscriptMock.mockResolvedValue([INBOUND, OUTBOUND]);
    resetAgentSignalRegistration();
    jest.mocked(register).mockReset().mockResolvedValue('a0S000000000001AAA');
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-relay-conversation transcript', () => {
    it('shows the messages in order, the customer on one side and the agent on the other', async () => {
        const element = await mount();

        expect(getTranscriptMock).toHaveBeenCalledWith({ interactionId: RECORD_ID });
        expect(texts(element)).toEqual(['Where is my parcel?', 'It leaves today.']);
        const items = all(element, 'message');
        expect(items[0].className).toContain('slds-chat-listitem_inbound');
        expect(items[1].className).toContain('slds-chat-listitem_outbound');
        expect(all(element, 'author').map((n) => n.textContent)).toEqual(['Carla Customer', 'Ada Agent']);
        expect(all(element, 'status').map((n) => n.textContent)).toEqual([LABEL.sent]);
    });

    it('shows each email of an email interaction under its subject', async () => {
        getTranscriptMock.mockResolvedValue([
            { ...INBOUND, subject: 'Refund for order 1042' },
            { ...OUTBOUND, subject: 'Re: Refund for order 1042' }
        ]);
        const element = await mount('Email');

        expect(all(element, 'subject').map((n) => n.textContent?.trim())).toEqual([
            'Refund for order 1042',
            'Re: Refund for order 1042'
        ]);
        expect(texts(element)).toEqual(['Where is my parcel?', 'It leaves today.']);
    });

    it('is an accessible live log', async () => {
        const element = await mount();

        const log = $(element, 'log')!;
        expect(log.getAttribute('role')).toBe('log');
        expect(log.getAttribute('aria-live')).toBe('polite');
        expect(log.getAttribute('aria-label')).toBe(LABEL.transcript);
        expect(log.getAttribute('tabindex')).toBe('0');
        await expect(element).toBeAccessible();
    });

    it('labels a customer message with "Customer" when the name is unknown, and says when there is nothing yet', async () => {
        getTranscriptMock.mockResolvedValue([]);
        const element = createElement('c-relay-conversation', { is: RelayConversation });
        element.recordId = RECORD_ID;
        document.body.appendChild(element);
        getRecordAdapter.emit(record('SMS', null));
        await flushPromises();
        expect($(element, 'empty')!.textContent).toBe(LABEL.empty);

        getTranscriptMock.mockResolvedValue([INBOUND]);
        eventCallback!(customerEvent(CONVERSATION_ID));
        await flushPromises();
        expect(all(element, 'author').map((n) => n.textContent)).toEqual([LABEL.customer]);
        expect($(element, 'empty')).toBeNull();
    });

    it('shows why the transcript could not be read', async () => {
        getTranscriptMock.mockRejectedValue({ body: { message: 'You do not have access to this interaction.' } });
        const element = await mount();

        expect($(element, 'load-error')!.textContent).toBe('You do not have access to this interaction.');
        await expect(element).toBeAccessible();
    });
});

describe('c-relay-conversation live updates', () => {
    it('subscribes to the agent’s own signal and shows a customer message as it arrives, read through Apex', async () => {
        const element = await mount();
        expect(register).toHaveBeenCalledTimes(1);
        expect(subscribe).toHaveBeenCalledWith(SIGNAL_CHANNEL, -1, expect.any(Function));
        expect(subscribe).not.toHaveBeenCalledWith('/event/Relay_Conversation_Event__e', -1, expect.any(Function));

        getTranscriptMock.mockResolvedValue([INBOUND, OUTBOUND, { ...INBOUND, id: 'm3', text: 'Thanks!' }]);
        eventCallback!(customerEvent(CONVERSATION_ID));
        await flushPromises();

        expect(getTranscriptMock).toHaveBeenCalledTimes(2);
        expect(texts(element)).toEqual(['Where is my parcel?', 'It leaves today.', 'Thanks!']);
    });

    it('ignores messages of other conversations and other event types', async () => {
        await mount();

        eventCallback!(customerEvent('conv-other'));
        const connected = customerEvent(CONVERSATION_ID);
        connected.data.sobject.Type__c = 'conversation.connected';
        eventCallback!(connected);
        await flushPromises();

        expect(getTranscriptMock).toHaveBeenCalledTimes(1);
    });

    it('reads namespaced event fields in a managed package', async () => {
        await mount();

        eventCallback!({
            channel: SIGNAL_CHANNEL,
            data: {
                sobject: {
                    relay__Type__c: 'conversation.customerMessage',
                    relay__Conversation_Id__c: CONVERSATION_ID
                },
                event: { replayId: 8 }
            }
        });
        await flushPromises();

        expect(getTranscriptMock).toHaveBeenCalledTimes(2);
    });

    it('stops listening when it leaves the page', async () => {
        const element = await mount();

        document.body.removeChild(element);

        expect(unsubscribe).toHaveBeenCalledWith({ id: 'sub-1', channel: SIGNAL_CHANNEL });
    });

    it('without a registered signal it does not subscribe, and the transcript still loads', async () => {
        jest.mocked(register).mockRejectedValue(new Error('not authenticated'));
        const element = await mount();

        expect(subscribe).not.toHaveBeenCalled();
        expect(texts(element)).toEqual(['Where is my parcel?', 'It leaves today.']);
    });
});

describe('c-relay-conversation reply box', () => {
    it('sends with Ctrl+Enter, shows the reply and empties the box', async () => {
        const reply: RelayMessageView = {
            ...OUTBOUND,
            id: 'm9',
            text: 'On its way!',
            sentAt: '2026-11-21T12:05:00.000Z'
        };
        sendReplyMock.mockResolvedValue(reply);
        const element = await mount();
        getTranscriptMock.mockResolvedValue([INBOUND, OUTBOUND, reply]);

        type(element, 'On its way!');
        const plainEnter = pressKey(element, { key: 'Enter' });
        expect(plainEnter.defaultPrevented).toBe(false);
        expect(sendReplyMock).not.toHaveBeenCalled();
        const shortcut = pressKey(element, { key: 'Enter', ctrlKey: true });
        await flushPromises();

        expect(shortcut.defaultPrevented).toBe(true);
        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        expect(sendReplyMock).toHaveBeenCalledWith({
            interactionId: RECORD_ID,
            text: 'On its way!',
            attachments: [],
            subject: null
        });
        expect(texts(element)).toEqual(['Where is my parcel?', 'It leaves today.', 'On its way!']);
        expect(draftOf(element)).toBe('');
        expect($(element, 'send-error')!.textContent).toBe('');
    });

    it('sends with Cmd+Enter on a Mac and with the Send button', async () => {
        sendReplyMock.mockResolvedValue({ ...OUTBOUND, id: 'm9' });
        const element = await mount();

        type(element, 'First');
        pressKey(element, { key: 'Enter', metaKey: true });
        await flushPromises();
        type(element, 'Second');
        $(element, 'send')!.click();
        await flushPromises();

        expect(sendReplyMock.mock.calls.map(([params]) => params?.text)).toEqual(['First', 'Second']);
    });

    it('keeps the draft and shows why when the send fails', async () => {
        sendReplyMock.mockRejectedValue({ body: { message: 'The contact centre is not responding right now.' } });
        const element = await mount();

        type(element, 'Are you still there?');
        $(element, 'send')!.click();
        await flushPromises();

        expect(draftOf(element)).toBe('Are you still there?');
        const error = $(element, 'send-error')!;
        expect(error.getAttribute('role')).toBe('alert');
        expect(error.textContent).toBe('The contact centre is not responding right now.');
        expect(texts(element)).toEqual(['Where is my parcel?', 'It leaves today.']);
        expect(($(element, 'send') as HTMLElement & { disabled: boolean }).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('refuses a blank reply without calling Apex', async () => {
        const element = await mount();

        type(element, '   ');
        pressKey(element, { key: 'Enter', ctrlKey: true });
        await flushPromises();

        expect(sendReplyMock).not.toHaveBeenCalled();
        expect($(element, 'send-error')!.textContent).toBe(LABEL.required);
    });

    it('counts characters against the SMS limit and refuses a longer reply without calling Apex', async () => {
        const element = await mount('SMS');

        type(element, 'a'.repeat(766));
        await flushPromises();
        expect($(element, 'counter')!.textContent).toBe('c.Relay_Conversation_Counter');
        expect($(element, 'counter')!.className).toContain('slds-text-color_error');
        $(element, 'send')!.click();
        await flushPromises();

        expect(sendReplyMock).not.toHaveBeenCalled();
        expect($(element, 'send-error')!.textContent).toBe(LABEL.tooLong);
        expect(draftOf(element)).toBe('a'.repeat(766));
    });

    it('allows 2000 characters on chat', async () => {
        sendReplyMock.mockResolvedValue({ ...OUTBOUND, id: 'm9' });
        const element = await mount('Chat');

        type(element, 'a'.repeat(2000));
        $(element, 'send')!.click();
        await flushPromises();

        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        expect($(element, 'counter')!.className).not.toContain('slds-text-color_error');
    });

    it('sends once while a send is on its way', async () => {
        let finish: (value: RelayMessageView) => void = () => undefined;
        sendReplyMock.mockReturnValue(new Promise((resolve) => (finish = resolve)));
        const element = await mount();

        type(element, 'Hello');
        $(element, 'send')!.click();
        pressKey(element, { key: 'Enter', ctrlKey: true });
        await flushPromises();
        const button = $(element, 'send') as HTMLElement & { disabled: boolean; label: string };
        expect(button.disabled).toBe(true);
        expect(button.label).toBe(LABEL.sending);
        finish({ ...OUTBOUND, id: 'm9', text: 'Hello' });
        await flushPromises();

        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        expect(button.label).toBe(LABEL.send);
    });
});

describe('c-relay-conversation emoji', () => {
    const menuOf = (element: HTMLElement): HTMLElement | null => $(element, 'emoji');
    const pick = (element: HTMLElement, value: string): void => {
        menuOf(element)!.dispatchEvent(new CustomEvent('select', { detail: { value } }));
    };

    it('offers no emoji on SMS', async () => {
        const element = await mount('SMS');

        expect(menuOf(element)).toBeNull();
    });

    it('offers common emoji, each with a name, on chat', async () => {
        const element = await mount('Chat');

        const menu = menuOf(element)!;
        expect((menu as HTMLElement & { alternativeText: string }).alternativeText).toBe('c.Relay_Conversation_Emoji');
        const items = Array.from(
            menu.querySelectorAll<HTMLElement & { value: string; label: string }>('lightning-menu-item')
        );
        expect(items.length).toBeGreaterThanOrEqual(6);
        expect(items[0].value).toBe('😊');
        expect(items[0].label).toBe('😊 c.Relay_Emoji_Smile');
        await expect(element).toBeAccessible();
    });

    it('adds the chosen emoji to the draft and sends it', async () => {
        sendReplyMock.mockResolvedValue({ ...OUTBOUND, id: 'm9' });
        const element = await mount('WhatsApp');

        type(element, 'Thanks ');
        pick(element, '👍');
        await flushPromises();
        expect(draftOf(element)).toBe('Thanks 👍');
        $(element, 'send')!.click();
        await flushPromises();

        expect(sendReplyMock).toHaveBeenCalledWith({
            interactionId: RECORD_ID,
            text: 'Thanks 👍',
            attachments: [],
            subject: null
        });
    });

    it('puts the emoji where the cursor is in the reply box', async () => {
        const element = await mount('Chat');
        type(element, 'Hi there');
        const reply = $(element, 'reply') as HTMLElement & { value: string; setRangeText: (text: string) => void };
        // The real lightning-textarea inserts at its caret; here the caret is after "Hi".
        reply.setRangeText = (text: string): void => {
            reply.value = `Hi${text} there`;
        };

        pick(element, '👋');
        await flushPromises();

        expect(draftOf(element)).toBe('Hi👋 there');
    });

    it('refuses an emoji that would take the reply over the channel limit and says why', async () => {
        const element = await mount('Chat');

        type(element, 'a'.repeat(1999));
        pick(element, '😊');
        await flushPromises();

        expect(draftOf(element)).toBe('a'.repeat(1999));
        expect($(element, 'send-error')!.textContent).toBe('c.Relay_Conversation_EmojiNoRoom');
        pick(element, '✅'); // one code unit still fits
        await flushPromises();
        expect(draftOf(element)).toBe('a'.repeat(1999) + '✅');
        await expect(element).toBeAccessible();
    });
});

describe('c-relay-conversation replysent', () => {
    function listen(element: HTMLElement): jest.Mock {
        const listener = jest.fn();
        element.addEventListener('replysent', (event) => listener((event as CustomEvent).detail));
        return listener;
    }

    it('tells the page once after the contact centre accepted the reply', async () => {
        const reply: RelayMessageView = { ...OUTBOUND, id: 'm9', text: 'Done' };
        sendReplyMock.mockResolvedValue(reply);
        const element = await mount('Chat');
        const sent = listen(element);

        type(element, 'Done');
        $(element, 'send')!.click();
        await flushPromises();

        expect(sent).toHaveBeenCalledTimes(1);
        expect(sent).toHaveBeenCalledWith({ interactionId: RECORD_ID, message: reply });
    });

    it('tells the page nothing when the send fails', async () => {
        sendReplyMock.mockRejectedValue({ body: { message: 'The contact centre is not responding right now.' } });
        const element = await mount('Chat');
        const sent = listen(element);

        type(element, 'Hello?');
        $(element, 'send')!.click();
        await flushPromises();

        expect(sent).not.toHaveBeenCalled();
    });
});

describe('c-relay-conversation WhatsApp templates', () => {
    it('offers the queue’s templates on WhatsApp only, and says a template is needed when the customer has not written for 24 hours', async () => {
        getTranscriptMock.mockResolvedValue([INBOUND]);
        const whatsApp = await mount('WhatsApp');
        const picker = $(whatsApp, 'template-picker') as HTMLElement & {
            outsideWindow: boolean;
            interactionId: string;
        };
        expect(picker).not.toBeNull();
        expect(picker.interactionId).toBe(RECORD_ID);
        // INBOUND was written on 2026-11-21, long before the test runs.
        expect(picker.outsideWindow).toBe(true);
        document.body.removeChild(whatsApp);

        const sms = await mount('SMS');
        expect($(sms, 'template-picker')).toBeNull();
    });

    it('adds the template the agent sent to the transcript', async () => {
        getTranscriptMock.mockResolvedValue([INBOUND]);
        const element = await mount('WhatsApp');
        const sent: RelayMessageView = { ...OUTBOUND, id: 'm9', text: 'Hello Carla, your order 5531 shipped.' };
        $(element, 'template-picker')!.dispatchEvent(new CustomEvent('templatesent', { detail: sent }));
        await flushPromises();
        expect(texts(element)).toEqual(['Where is my parcel?', 'Hello Carla, your order 5531 shipped.']);
    });
});
