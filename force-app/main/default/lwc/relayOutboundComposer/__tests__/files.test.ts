/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import getOutboundChannels from '@salesforce/apex/RelayOutboundController.getOutboundChannels';
import startOutbound from '@salesforce/apex/RelayOutboundController.startOutbound';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import startAttachmentUpload from '@salesforce/apex/RelayConversationController.startAttachmentUpload';
import RelayOutboundComposer from 'c/relayOutboundComposer';
import type { RelayInboxItemView } from 'c/relayInboxStore';
import { $, change, flush, record, text } from '../../../../../../test/jest/lwcDom';
import CHANNELS from './data/channels.json';
import SENT from './data/sent.json';
import UPLOAD from './data/upload.json';

jest.mock('@salesforce/apex/RelayOutboundController.getOutboundChannels', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayOutboundController.startOutbound', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayConversationController.sendReply', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayConversationController.startAttachmentUpload', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Relay_Outbound_Unsent', () => ({ default: 'Started, not sent: {0}' }), {
    virtual: true
});

const MB = 1024 * 1024;
const ITEM: RelayInboxItemView = { ...(SENT.item as RelayInboxItemView), channel: 'email' };
const sendMock = jest.mocked(startOutbound);
const replyMock = jest.mocked(sendReply);
const uploadMock = jest.mocked(startAttachmentUpload);
type FetchAnswer = { ok: boolean; status: number; text: () => Promise<string> };
const fetchMock = jest.fn<Promise<FetchAnswer>, [string, RequestInit]>();
const answer = (status: number): FetchAnswer => ({ ok: status < 300, status, text: () => Promise.resolve('') });

type Composer = HTMLElement & { mediaType?: string };

function file(name: string, size: number, mimeType = 'application/pdf'): File {
    const made = new File(['x'], name, { type: mimeType });
    // The bytes do not matter to the component; the size it reads does.
    Object.defineProperty(made, 'size', { value: size });
    return made;
}

function choose(element: Composer, ...files: File[]): Promise<void> {
    const input = $(element, 'file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new CustomEvent('change'));
    return flush();
}

const chosenNames = (element: Composer): string[] =>
    Array.from(element.shadowRoot!.querySelectorAll('[data-id="chosen-name"]')).map((n) => text(n as HTMLElement));

async function click(element: Composer, id: string): Promise<void> {
    $(element, id)!.click();
    await flush();
}

async function emailWithInvoice(): Promise<Composer> {
    jest.mocked(getOutboundChannels).mockResolvedValue(CHANNELS as never);
    const element = createElement('c-relay-outbound-composer', { is: RelayOutboundComposer }) as Composer;
    element.mediaType = 'Email';
    document.body.appendChild(element);
    await flush();
    change($(element, 'channel'), { value: 'q-support' });
    change($(element, 'recipient'), { value: 'jane.doe@example.com' });
    change($(element, 'subject'), { value: 'Your invoice' });
    change($(element, 'message'), { value: 'Attached.' });
    await choose(element, file('Invoice March.pdf', 2048));
    return element;
}

beforeEach(() => {
    fetchMock.mockResolvedValue(answer(200));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-relay-outbound-composer files of an email', () => {
    it('refuses a file over 10 MB before anything is uploaded, says which, and keeps the others', async () => {
        const element = await emailWithInvoice();

        await choose(element, file('scan.tiff', 10 * MB + 1, 'image/tiff'));

        expect(chosenNames(element)).toEqual(['Invoice March.pdf']);
        expect(text($(element, 'alert-text'))).toBe('c.Relay_Inbox_AttachTooLarge');
        expect(uploadMock).not.toHaveBeenCalled();
        expect(fetchMock).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('offers no files on an SMS', async () => {
        jest.mocked(getOutboundChannels).mockResolvedValue(CHANNELS as never);
        const element = createElement('c-relay-outbound-composer', { is: RelayOutboundComposer }) as Composer;
        element.mediaType = 'SMS';
        document.body.appendChild(element);
        await flush();

        expect($(element, 'attach')).toBeNull();
    });

    it('starts the conversation, uploads each file to it, then sends the message with the files', async () => {
        sendMock.mockResolvedValue(ITEM);
        uploadMock.mockResolvedValue(UPLOAD);
        replyMock.mockResolvedValue({} as never);
        const element = await emailWithInvoice();
        const sent = record(element, 'sent');

        await click(element, 'next');
        await click(element, 'send');
        await flush();

        expect(sendMock.mock.calls[0][0].request).toMatchObject({ mediaType: 'Email', subject: 'Your invoice' });
        expect(uploadMock).toHaveBeenCalledWith({
            interactionId: ITEM.id,
            fileName: 'Invoice March.pdf',
            sizeBytes: 2048,
            contentType: 'application/pdf'
        });
        expect(fetchMock.mock.calls[0][0]).toBe(UPLOAD.uploadUrl);
        expect(fetchMock.mock.calls[0][1]).toMatchObject({ method: 'PUT', headers: UPLOAD.uploadHeaders });
        expect(replyMock).toHaveBeenCalledWith({
            interactionId: ITEM.id,
            text: 'Attached.',
            attachments: [{ mediaId: 'att-1', fileName: 'Invoice March.pdf' }],
            subject: null,
            htmlBody: null
        });
        expect(sent).toHaveBeenCalledWith({ item: ITEM });
    });

    it('keeps the files when an upload fails after the conversation started, and sends them again', async () => {
        sendMock.mockResolvedValue(ITEM);
        uploadMock.mockResolvedValue(UPLOAD);
        replyMock.mockResolvedValue({} as never);
        fetchMock.mockResolvedValueOnce(answer(503));
        const element = await emailWithInvoice();
        const sent = record(element, 'sent');
        await click(element, 'next');

        await click(element, 'send');
        await flush();

        expect(text($(element, 'alert-text'))).toBe('Started, not sent: c.Relay_Conversation_UploadFailed');
        expect(replyMock).not.toHaveBeenCalled();
        expect(sent).not.toHaveBeenCalled();
        await click(element, 'send-again');
        await flush();

        expect(uploadMock).toHaveBeenCalledTimes(2);
        expect(replyMock.mock.calls[0][0].attachments).toEqual([{ mediaId: 'att-1', fileName: 'Invoice March.pdf' }]);
        expect(sent).toHaveBeenCalledWith({ item: ITEM });
        expect(sendMock).toHaveBeenCalledTimes(1);
    });
});

describe('c-relay-outbound-composer format controls', () => {
    it('shows the rich-text editor on Show Format Controls, keeps the text, and sends the HTML beside it', async () => {
        sendMock.mockResolvedValue(ITEM);
        replyMock.mockResolvedValue({} as never);
        const element = await emailWithInvoice();
        expect(($(element, 'format-toggle') as HTMLElement & { label?: string }).label).toBe(
            'c.Relay_Outbound_ShowFormat'
        );

        await click(element, 'format-toggle');
        const editor = $(element, 'message') as HTMLElement & { value?: string; formats?: string[] };
        expect(editor.tagName.toLowerCase()).toBe('lightning-input-rich-text');
        expect(editor.value).toBe('<p>Attached.</p>');
        expect(editor.formats).toEqual(['bold', 'italic', 'underline', 'list']);
        await expect(element).toBeAccessible();
        change(editor, { value: '<p>Attached: <b>your invoice</b>.</p>' });
        await click(element, 'next');
        await click(element, 'send');
        await flush();

        expect(replyMock).toHaveBeenCalledWith(
            expect.objectContaining({
                text: 'Attached: your invoice.',
                htmlBody: '<p>Attached: <b>your invoice</b>.</p>'
            })
        );
    });

    it('hides them again with the text kept as plain text, and then sends no HTML', async () => {
        sendMock.mockResolvedValue(ITEM);
        replyMock.mockResolvedValue({} as never);
        const element = await emailWithInvoice();
        await click(element, 'format-toggle');
        change($(element, 'message'), { value: '<p>Line one</p><p>Line <i>two</i></p>' });
        await flush();

        await click(element, 'format-toggle');
        const textarea = $(element, 'message') as HTMLElement & { value?: string };
        expect(textarea.tagName.toLowerCase()).toBe('lightning-textarea');
        expect(textarea.value).toBe('Line one\nLine two');
        await click(element, 'next');
        await click(element, 'send');
        await flush();

        expect(replyMock).toHaveBeenCalledWith(expect.objectContaining({ text: 'Line one\nLine two', htmlBody: null }));
    });
});
