import type {} from '@sa11y/jest';
import { createElement } from 'lwc';
import type { LightningHTMLElement } from 'lwc';
import { getRecord } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe } from 'lightning/empApi';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import startAttachmentUpload from '@salesforce/apex/RelayConversationController.startAttachmentUpload';
import RelayConversation from 'c/relayConversation';
import type { RelayAttachmentUpload, RelayMessageView } from 'c/relayConversation';
import TRANSCRIPT_WITH_FILES from './data/transcriptWithFiles.json';
import UPLOAD from './data/upload.json';

jest.mock('@salesforce/apex/RelayConversationController.getTranscript', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.sendReply', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayConversationController.startAttachmentUpload', () => ({ default: jest.fn() }), {
    virtual: true
});

const mockNavigate = jest.fn();
jest.mock('lightning/navigation', () => {
    const Navigate = Symbol('Navigate');
    const NavigationMixin = (Base: new () => object) =>
        class extends Base {
            [Navigate](pageReference: unknown): void {
                mockNavigate(pageReference);
            }
        };
    NavigationMixin.Navigate = Navigate;
    NavigationMixin.GenerateUrl = Symbol('GenerateUrl');
    return { NavigationMixin };
});

// Under sfdx-lwc-jest a label import resolves to its own name.
const LABEL = {
    attach: 'c.Relay_Inbox_Attach',
    tooLarge: 'c.Relay_Inbox_AttachTooLarge',
    empty: 'c.Relay_Inbox_AttachEmpty',
    remove: 'c.Relay_Conversation_RemoveAttachment',
    uploading: 'c.Relay_Conversation_Uploading',
    waiting: 'c.Relay_Conversation_WaitingForFiles',
    uploadFailed: 'c.Relay_Conversation_UploadFailed',
    processing: 'c.Relay_Conversation_AttachmentProcessing',
    copying: 'c.Relay_Conversation_AttachmentCopying',
    notCopied: 'c.Relay_Conversation_AttachmentNotCopied',
    required: 'c.Relay_Conversation_ReplyRequired'
};
const RECORD_ID = 'a01000000000001AAA';
const MB = 1024 * 1024;

type GetRecordAdapter = { emit(value: unknown): void };
const getRecordAdapter = getRecord as unknown as GetRecordAdapter;
const getTranscriptMock = jest.mocked(getTranscript);
const sendReplyMock = jest.mocked(sendReply);
const startUploadMock = jest.mocked(startAttachmentUpload);
type FetchAnswer = { ok: boolean; status: number; text: () => Promise<string> };
const fetchMock = jest.fn<Promise<FetchAnswer>, [string, RequestInit]>();
/** What fetch resolves with: the status, and a body the upload reads to its end. */
const answer = (status: number): FetchAnswer => ({ ok: status < 300, status, text: () => Promise.resolve('') });

const REPLY: RelayMessageView = {
    id: 'm9',
    direction: 'outbound',
    author: 'Ada Agent',
    text: 'Here you go.',
    sentAt: '2026-11-21T12:05:00.000Z',
    deliveryStatus: 'Sent',
    attachments: []
};

const flushPromises = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function mount(channel = 'WhatsApp'): Promise<LightningHTMLElement<RelayConversation>> {
    const element = createElement('c-relay-conversation', { is: RelayConversation });
    element.recordId = RECORD_ID;
    document.body.appendChild(element);
    getRecordAdapter.emit({
        id: RECORD_ID,
        apiName: 'Relay_Interaction__c',
        fields: {
            External_Conversation_Id__c: { value: 'conv-1', displayValue: null },
            Channel__c: { value: channel, displayValue: channel },
            Customer_Name__c: { value: 'Carla Customer', displayValue: 'Carla Customer' }
        }
    });
    await flushPromises();
    return element;
}

const $ = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);
const all = (element: HTMLElement, id: string): HTMLElement[] =>
    Array.from(element.shadowRoot!.querySelectorAll<HTMLElement>(`[data-id="${id}"]`));
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

function file(name: string, size: number, mimeType = 'image/png'): File {
    const made = new File(['x'], name, { type: mimeType });
    // The bytes do not matter to the component; the size it reads does.
    Object.defineProperty(made, 'size', { value: size });
    return made;
}

/** The agent picks files in the browser's file dialog. */
function choose(element: HTMLElement, ...files: File[]): void {
    const input = $(element, 'file-input') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new CustomEvent('change'));
}

function type(element: HTMLElement, value: string): void {
    const reply = $(element, 'reply') as HTMLElement & { value: string };
    reply.value = value;
    reply.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

const draftOf = (element: HTMLElement): string => ($(element, 'reply') as HTMLElement & { value: string }).value;
const chosenNames = (element: HTMLElement): string[] => all(element, 'chosen-name').map(text);
const disabled = (node: HTMLElement | null): boolean => (node as HTMLElement & { disabled: boolean }).disabled;

function uploadFor(mediaId: string, contentType = 'image/png'): RelayAttachmentUpload {
    return {
        mediaId,
        uploadUrl: `https://uploads.example.net/${mediaId}?X-Amz-Signature=abc123`,
        uploadHeaders: { 'Content-Type': contentType }
    };
}

beforeEach(() => {
    jest.mocked(subscribe).mockResolvedValue({
        id: 'sub-1',
        channel: '/event/Relay_Conversation_Event__e'
    });
    jest.mocked(unsubscribe).mockResolvedValue(true);
    getTranscriptMock.mockResolvedValue([]);
    fetchMock.mockResolvedValue(answer(200));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.clearAllMocks();
});

describe('c-relay-conversation choosing files', () => {
    it('offers no attach control where the channel takes no attachments', async () => {
        const element = await mount('SMS');

        expect($(element, 'attach')).toBeNull();
        expect($(element, 'file-input')).toBeNull();
    });

    it('lists the chosen files with name and size, each removable from the keyboard', async () => {
        const element = await mount();
        const attach = $(element, 'attach') as HTMLElement & { alternativeText: string };
        expect(attach.alternativeText).toBe(LABEL.attach);
        const input = $(element, 'file-input') as HTMLInputElement;
        const opened = jest.spyOn(input, 'click');
        attach.click();
        expect(opened).toHaveBeenCalledTimes(1);

        choose(element, file('photo.png', 250 * 1024), file('invoice.pdf', Math.round(2.5 * MB), 'application/pdf'));
        await flushPromises();

        expect(chosenNames(element)).toEqual(['photo.png', 'invoice.pdf']);
        expect(all(element, 'chosen').map(text)).toEqual([
            'photo.png (c.Relay_Conversation_SizeKB)',
            'invoice.pdf (c.Relay_Conversation_SizeMB)'
        ]);
        const removes = all(element, 'remove-file') as Array<HTMLElement & { alternativeText: string }>;
        expect(removes.map((r) => r.alternativeText)).toEqual([LABEL.remove, LABEL.remove]);
        await expect(element).toBeAccessible();

        const focused = jest.spyOn(attach, 'focus');
        removes[0].click();
        await flushPromises();
        expect(chosenNames(element)).toEqual(['invoice.pdf']);
        expect(focused).toHaveBeenCalled();
    });

    it('refuses a file over 10 MB or an empty one before anything is uploaded, and keeps the others', async () => {
        const element = await mount();

        choose(element, file('video.mp4', 10 * MB + 1, 'video/mp4'), file('notes.txt', 0, 'text/plain'));
        await flushPromises();
        expect(chosenNames(element)).toEqual([]);
        expect(text($(element, 'send-error'))).toBe(`${LABEL.tooLarge} ${LABEL.empty}`);
        choose(element, file('photo.png', 10 * MB));
        await flushPromises();

        expect(chosenNames(element)).toEqual(['photo.png']);
        expect(text($(element, 'send-error'))).toBe('');
        expect(startUploadMock).not.toHaveBeenCalled();
        expect(fetchMock).not.toHaveBeenCalled();
    });
});

describe('c-relay-conversation sending files', () => {
    it('uploads each file to its presigned URL with exactly its headers, then sends the media ids with the names the agent chose', async () => {
        const upload: RelayAttachmentUpload = UPLOAD;
        startUploadMock.mockResolvedValueOnce(upload).mockResolvedValueOnce(uploadFor('media-2', 'application/pdf'));
        sendReplyMock.mockResolvedValue(REPLY);
        const element = await mount();
        const photo = file('photo.png', 1200);
        // A space Genesys Cloud refuses in a name: Apex replaces it for the upload, the transcript keeps it.
        const invoice = file('Invoice March.pdf', 3000, 'application/pdf');

        type(element, 'Here you go.');
        choose(element, photo, invoice);
        await flushPromises();
        $(element, 'send')!.click();
        await flushPromises();

        expect(startUploadMock.mock.calls.map(([params]) => params)).toEqual([
            { interactionId: RECORD_ID, fileName: 'photo.png', sizeBytes: 1200, contentType: 'image/png' },
            { interactionId: RECORD_ID, fileName: 'Invoice March.pdf', sizeBytes: 3000, contentType: 'application/pdf' }
        ]);
        expect(fetchMock).toHaveBeenCalledTimes(2);
        expect(fetchMock.mock.calls[0]).toEqual([
            upload.uploadUrl,
            { method: 'PUT', headers: upload.uploadHeaders, body: photo }
        ]);
        expect(fetchMock.mock.calls[1][1].body).toBe(invoice);
        expect(sendReplyMock).toHaveBeenCalledWith({
            interactionId: RECORD_ID,
            text: 'Here you go.',
            attachments: [
                { mediaId: 'media-1', fileName: 'photo.png' },
                { mediaId: 'media-2', fileName: 'Invoice March.pdf' }
            ],
            subject: null
        });
        expect(draftOf(element)).toBe('');
        expect(chosenNames(element)).toEqual([]);
        expect(text($(element, 'progress'))).toBe('');
    });

    it('when the reply went only in part, keeps what did not go (the text, the second file) and says why', async () => {
        startUploadMock.mockResolvedValueOnce(uploadFor('media-1')).mockResolvedValueOnce(uploadFor('media-2'));
        // The first file's message went; the second file's failed, so the text (sent last) did not go either.
        sendReplyMock.mockResolvedValue({
            ...REPLY,
            text: '',
            unsentReason: 'The contact centre is not answering. Try again in a moment.',
            textUnsent: true,
            unsentMediaIds: ['media-2']
        });
        const element = await mount();

        type(element, 'Both photos.');
        choose(element, file('first.png', 1200), file('second.png', 1300));
        $(element, 'send')!.click();
        await flushPromises();

        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        expect(draftOf(element)).toBe('Both photos.');
        expect(chosenNames(element)).toEqual(['second.png']);
        expect(text($(element, 'send-error'))).toBe('The contact centre is not answering. Try again in a moment.');
        await expect(element).toBeAccessible();

        // Sending again sends only what is left: nothing that went goes twice.
        startUploadMock.mockResolvedValueOnce(uploadFor('media-3'));
        sendReplyMock.mockResolvedValue(REPLY);
        $(element, 'send')!.click();
        await flushPromises();
        expect(sendReplyMock).toHaveBeenLastCalledWith({
            interactionId: RECORD_ID,
            text: 'Both photos.',
            attachments: [{ mediaId: 'media-3', fileName: 'second.png' }],
            subject: null
        });
        expect(draftOf(element)).toBe('');
        expect(chosenNames(element)).toEqual([]);
        expect(text($(element, 'send-error'))).toBe('');
    });

    it('sends files without text, and still refuses a reply with neither', async () => {
        startUploadMock.mockResolvedValue(uploadFor('media-1'));
        sendReplyMock.mockResolvedValue({ ...REPLY, text: '' });
        const element = await mount();

        $(element, 'send')!.click();
        await flushPromises();
        expect(text($(element, 'send-error'))).toBe(LABEL.required);
        expect(startUploadMock).not.toHaveBeenCalled();

        choose(element, file('photo.png', 1200));
        type(element, '  ');
        $(element, 'send')!.click();
        await flushPromises();

        expect(sendReplyMock).toHaveBeenCalledWith({
            interactionId: RECORD_ID,
            text: '',
            attachments: [{ mediaId: 'media-1', fileName: 'photo.png' }],
            subject: null
        });
    });

    it('says what it is doing while the files go, with the controls disabled', async () => {
        let finishUpload: (value: FetchAnswer) => void = () => undefined;
        fetchMock.mockReturnValue(new Promise((resolve) => (finishUpload = resolve)));
        startUploadMock.mockResolvedValue(uploadFor('media-1'));
        sendReplyMock.mockResolvedValue(REPLY);
        const element = await mount();

        choose(element, file('photo.png', 1200));
        $(element, 'send')!.click();
        await flushPromises();

        const progress = $(element, 'progress')!;
        expect(progress.getAttribute('aria-live')).toBe('polite');
        expect(text(progress)).toBe(LABEL.uploading);
        expect(disabled($(element, 'send'))).toBe(true);
        expect(disabled($(element, 'attach'))).toBe(true);
        expect(disabled($(element, 'remove-file'))).toBe(true);
        await expect(element).toBeAccessible();

        finishUpload(answer(200));
        await flushPromises();
        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        expect(disabled($(element, 'send'))).toBe(false);
    });

    it('keeps the draft and the files and names the file when its upload fails', async () => {
        startUploadMock.mockResolvedValueOnce(uploadFor('media-1')).mockResolvedValueOnce(uploadFor('media-2'));
        fetchMock.mockResolvedValueOnce(answer(200)).mockResolvedValueOnce(answer(403));
        const element = await mount();

        type(element, 'Both files attached.');
        choose(element, file('photo.png', 1200), file('second.png', 1300));
        $(element, 'send')!.click();
        await flushPromises();

        expect(sendReplyMock).not.toHaveBeenCalled();
        expect(text($(element, 'send-error'))).toBe(LABEL.uploadFailed);
        expect($(element, 'send-error')!.getAttribute('role')).toBe('alert');
        expect(draftOf(element)).toBe('Both files attached.');
        expect(chosenNames(element)).toEqual(['photo.png', 'second.png']);
        expect(disabled($(element, 'send'))).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('keeps everything when the upload cannot start or the network drops, with the reason', async () => {
        startUploadMock.mockRejectedValueOnce({ body: { message: 'WhatsApp does not take attachments.' } });
        const element = await mount();

        type(element, 'Photo attached');
        choose(element, file('photo.png', 1200));
        $(element, 'send')!.click();
        await flushPromises();
        expect(text($(element, 'send-error'))).toBe('WhatsApp does not take attachments.');

        startUploadMock.mockResolvedValue(uploadFor('media-1'));
        fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
        $(element, 'send')!.click();
        await flushPromises();
        expect(text($(element, 'send-error'))).toBe(LABEL.uploadFailed);
        expect(sendReplyMock).not.toHaveBeenCalled();
        expect(chosenNames(element)).toEqual(['photo.png']);
        expect(draftOf(element)).toBe('Photo attached');
    });
});

describe('c-relay-conversation while the contact centre checks the files', () => {
    const processing = { body: { message: LABEL.processing } };

    it('asks again after 1 s and then 2 s, and sends once the files are ready', async () => {
        startUploadMock.mockResolvedValue(uploadFor('media-1'));
        sendReplyMock.mockRejectedValueOnce(processing).mockRejectedValueOnce(processing).mockResolvedValue(REPLY);
        const element = await mount();
        jest.useFakeTimers();

        choose(element, file('photo.png', 1200));
        $(element, 'send')!.click();
        await jest.advanceTimersByTimeAsync(0);
        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        expect(text($(element, 'progress'))).toBe(LABEL.waiting);

        await jest.advanceTimersByTimeAsync(999);
        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        await jest.advanceTimersByTimeAsync(1);
        expect(sendReplyMock).toHaveBeenCalledTimes(2);
        await jest.advanceTimersByTimeAsync(1999);
        expect(sendReplyMock).toHaveBeenCalledTimes(2);
        await jest.advanceTimersByTimeAsync(1);

        expect(sendReplyMock).toHaveBeenCalledTimes(3);
        expect(startUploadMock).toHaveBeenCalledTimes(1);
        expect(chosenNames(element)).toEqual([]);
        expect(text($(element, 'send-error'))).toBe('');
    });

    it('gives up after five attempts, keeping the files, and says why', async () => {
        startUploadMock.mockResolvedValue(uploadFor('media-1'));
        sendReplyMock.mockRejectedValue(processing);
        const element = await mount();
        jest.useFakeTimers();

        type(element, 'Your label');
        choose(element, file('label.pdf', 900, 'application/pdf'));
        $(element, 'send')!.click();
        await jest.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000);

        expect(sendReplyMock).toHaveBeenCalledTimes(5);
        await jest.advanceTimersByTimeAsync(60_000);
        expect(sendReplyMock).toHaveBeenCalledTimes(5);
        expect(text($(element, 'send-error'))).toBe(LABEL.processing);
        expect(chosenNames(element)).toEqual(['label.pdf']);
        expect(draftOf(element)).toBe('Your label');
    });

    it('does not ask again when the contact centre refused a file', async () => {
        startUploadMock.mockResolvedValue(uploadFor('media-1'));
        sendReplyMock.mockRejectedValue({ body: { message: 'The contact centre refused photo.png.' } });
        const element = await mount();
        jest.useFakeTimers();

        choose(element, file('photo.png', 1200));
        $(element, 'send')!.click();
        await jest.advanceTimersByTimeAsync(20_000);

        expect(sendReplyMock).toHaveBeenCalledTimes(1);
        expect(text($(element, 'send-error'))).toBe('The contact centre refused photo.png.');
        expect(chosenNames(element)).toEqual(['photo.png']);
    });
});

describe('c-relay-conversation files in the transcript', () => {
    it('lists each message’s files with size and whether they are in Salesforce Files', async () => {
        getTranscriptMock.mockResolvedValue(TRANSCRIPT_WITH_FILES as RelayMessageView[]);
        const element = await mount();

        const files = all(element, 'attachment');
        expect(files.map((f) => text(f.querySelector('[data-id="open-file"], [data-id="attachment-name"]')))).toEqual([
            'parcel.jpg',
            'receipt.pdf',
            'returns-label.pdf'
        ]);
        expect(files.map((f) => text(f.querySelector('[data-id="attachment-size"]')))).toEqual([
            '(c.Relay_Conversation_SizeKB)',
            '(c.Relay_Conversation_SizeMB)',
            '(c.Relay_Conversation_SizeBytes)'
        ]);
        expect(files.map((f) => text(f.querySelector('[data-id="attachment-status"]')))).toEqual([
            '',
            LABEL.copying,
            LABEL.notCopied
        ]);
        // A reply of files only has no empty text bubble.
        expect(all(element, 'text').map(text)).toEqual(['Here is the damaged parcel.']);
        await expect(element).toBeAccessible();
    });

    it('reads the transcript again while a file is being copied, further apart, until it is in Files', async () => {
        const pending = TRANSCRIPT_WITH_FILES.slice(0, 1) as RelayMessageView[];
        const attachments = pending[0].attachments!;
        const copied: RelayMessageView[] = [
            {
                ...pending[0],
                attachments: [attachments[0], { ...attachments[1], status: 'Copied', fileId: '069000000000002AAA' }]
            }
        ];
        getTranscriptMock.mockResolvedValue(pending);
        jest.useFakeTimers();
        const element = createElement('c-relay-conversation', { is: RelayConversation });
        element.recordId = RECORD_ID;
        document.body.appendChild(element);
        await jest.advanceTimersByTimeAsync(0);
        expect(getTranscriptMock).toHaveBeenCalledTimes(1);

        await jest.advanceTimersByTimeAsync(2000);
        expect(getTranscriptMock).toHaveBeenCalledTimes(2);
        getTranscriptMock.mockResolvedValue(copied);
        await jest.advanceTimersByTimeAsync(3999);
        expect(getTranscriptMock).toHaveBeenCalledTimes(2);
        await jest.advanceTimersByTimeAsync(1);

        expect(getTranscriptMock).toHaveBeenCalledTimes(3);
        expect(all(element, 'open-file').map(text)).toEqual(['parcel.jpg', 'receipt.pdf']);
        await jest.advanceTimersByTimeAsync(120_000);
        expect(getTranscriptMock).toHaveBeenCalledTimes(3);
    });

    it('opens a copied file in Salesforce Files from the keyboard', async () => {
        getTranscriptMock.mockResolvedValue(TRANSCRIPT_WITH_FILES as RelayMessageView[]);
        const element = await mount();

        const open = all(element, 'open-file');
        expect(open).toHaveLength(1);
        expect(open[0].tagName).toBe('BUTTON');
        expect(open[0].getAttribute('title')).toBe('c.Relay_Conversation_OpenFile');
        open[0].click();

        expect(mockNavigate).toHaveBeenCalledWith({
            type: 'standard__namedPage',
            attributes: { pageName: 'filePreview' },
            state: { selectedRecordId: '069000000000001AAA' }
        });
    });
});
