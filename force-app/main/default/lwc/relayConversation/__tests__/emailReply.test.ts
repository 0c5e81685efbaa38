import type {} from '@sa11y/jest';
import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe } from 'lightning/empApi';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import startAttachmentUpload from '@salesforce/apex/RelayConversationController.startAttachmentUpload';
import RelayConversation from 'c/relayConversation';
import type { RelayMessageView } from 'c/relayConversation';
import { defaultReplySubject, emailReplyProblem } from '../emailReply';
import EMAIL_THREAD from './data/emailThread.json';

jest.mock('@salesforce/apex/RelayConversationController.getTranscript', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.sendReply', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.startAttachmentUpload', () => ({ default: jest.fn() }), {
    virtual: true
});

// Under sfdx-lwc-jest a label import resolves to its own name.
const LABEL = {
    textRequired: 'c.Relay_Email_TextRequired',
    subjectRequired: 'c.Relay_Email_SubjectRequired',
    subject: 'c.Relay_Email_Subject'
};
const RECORD_ID = 'a01000000000001AAA';
const THREAD = EMAIL_THREAD as RelayMessageView[];

type GetRecordAdapter = { emit(value: unknown): void };
const getRecordAdapter = getRecord as unknown as GetRecordAdapter;
const getTranscriptMock = jest.mocked(getTranscript);
const sendReplyMock = jest.mocked(sendReply);
const startUploadMock = jest.mocked(startAttachmentUpload);
const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(channel: string, subject: string | null): Promise<LightningHTMLElement<RelayConversation>> {
    const element = createElement('c-relay-conversation', { is: RelayConversation });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getRecordAdapter.emit({
        id: RECORD_ID,
        apiName: 'Relay_Interaction__c',
        fields: {
            External_Conversation_Id__c: { value: 'conv-email', displayValue: null },
            Channel__c: { value: channel, displayValue: channel },
            Customer_Name__c: { value: 'Maria Garcia', displayValue: 'Maria Garcia' },
            Subject__c: { value: subject, displayValue: subject }
        }
    });
    await flushPromises();
    return element;
}

const $ = (element: HTMLElement, id: string): (HTMLElement & { value?: string; label?: string }) | null =>
    element.shadowRoot!.querySelector(`[data-id="${id}"]`);

function edit(element: HTMLElement, id: string, value: string): void {
    const field = $(element, id)!;
    field.value = value;
    field.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function send(element: HTMLElement): Promise<void> {
    $(element, 'send')!.click();
    await flushPromises();
}

beforeEach(() => {
    jest.mocked(subscribe).mockResolvedValue({ id: 'sub-1', channel: '/topic/RelayAgentSignals' });
    jest.mocked(unsubscribe).mockResolvedValue(true);
    getTranscriptMock.mockResolvedValue(THREAD);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('the subject an email reply goes under', () => {
    it('is Re: and the interaction’s subject, never prefixed twice', () => {
        expect(defaultReplySubject('Order #1042', THREAD)).toBe('Re: Order #1042');
        expect(defaultReplySubject('RE: Order #1042', THREAD)).toBe('RE: Order #1042');
        expect(defaultReplySubject('  ', THREAD)).toBe('Re: Order #1042');
    });

    it('is the subject as it is while the customer has not written (an email the agent started)', () => {
        expect(defaultReplySubject('Your quote', [THREAD[1]])).toBe('Your quote');
        expect(defaultReplySubject(null, [])).toBe('');
    });

    it('needs text, and a subject the agent edited must not be blank', () => {
        expect(emailReplyProblem('  ', undefined)).toBe(LABEL.textRequired);
        expect(emailReplyProblem('Attached.', ' ')).toBe(LABEL.subjectRequired);
        expect(emailReplyProblem('Attached.', undefined)).toBeNull();
        expect(emailReplyProblem('Attached.', 'Your invoice')).toBeNull();
    });
});

describe('c-relay-conversation email reply', () => {
    it('offers the subject, prefilled, only on an email', async () => {
        const email = await mount('Email', 'Order #1042');
        expect($(email, 'subject-input')!.label).toBe(LABEL.subject);
        expect($(email, 'subject-input')!.value).toBe('Re: Order #1042');
        await expect(email).toBeAccessible();

        document.body.removeChild(email);
        const sms = await mount('SMS', null);
        expect($(sms, 'subject-input')).toBeNull();
    });

    it('sends the subject the agent wrote, and the thread’s again for the next reply', async () => {
        sendReplyMock.mockResolvedValue({ ...THREAD[1], text: 'Attached.', subject: 'Your invoice' });
        const element = await mount('Email', 'Order #1042');

        edit(element, 'subject-input', 'Your invoice');
        edit(element, 'reply', 'Attached.');
        await send(element);

        expect(sendReplyMock).toHaveBeenCalledWith({
            interactionId: RECORD_ID,
            text: 'Attached.',
            attachments: [],
            subject: 'Your invoice'
        });
        expect($(element, 'subject-input')!.value).toBe('Re: Order #1042');
    });

    it('leaves an untouched subject to the Apex (null)', async () => {
        sendReplyMock.mockResolvedValue({ ...THREAD[1], text: 'Thanks.' });
        const element = await mount('Email', 'Order #1042');

        edit(element, 'reply', 'Thanks.');
        await send(element);

        expect(sendReplyMock.mock.calls[0][0]).toMatchObject({ text: 'Thanks.', subject: null });
    });

    it('refuses files without text, or a cleared subject, before anything is uploaded, and keeps the draft', async () => {
        const element = await mount('Email', 'Order #1042');

        await send(element);
        expect($(element, 'send-error')!.textContent).toBe(LABEL.textRequired);
        edit(element, 'reply', 'Attached.');
        edit(element, 'subject-input', '  ');
        await send(element);

        expect($(element, 'send-error')!.textContent).toBe(LABEL.subjectRequired);
        expect($(element, 'reply')!.value).toBe('Attached.');
        expect(startUploadMock).not.toHaveBeenCalled();
        expect(sendReplyMock).not.toHaveBeenCalled();
    });
});
