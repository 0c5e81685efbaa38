import { PROCESSING_DELAYS_MS, UploadError, putFile, sendWhenReady, uploadAll } from '../upload';
import { formatSize } from '../files';
import UPLOAD from './data/upload.json';

// The size labels get their English text, so the tests see the numbers filled in.
jest.mock('@salesforce/label/c.Relay_Conversation_SizeBytes', () => ({ default: '{0} bytes' }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_Conversation_SizeKB', () => ({ default: '{0} KB' }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_Conversation_SizeMB', () => ({ default: '{0} MB' }), { virtual: true });

const target = UPLOAD;

function blob(name: string): Blob & { name: string } {
    return Object.assign(new Blob(['%PDF-1.7']), { name });
}

describe('putFile', () => {
    it('PUTs the bytes to the presigned URL with exactly the headers it was given, and nothing else', async () => {
        const fetchImpl = jest.fn().mockResolvedValue({ ok: true, status: 200 });
        const file = blob('label.pdf');

        await putFile(target, file, fetchImpl);

        expect(fetchImpl).toHaveBeenCalledWith(target.uploadUrl, {
            method: 'PUT',
            headers: { 'Content-Type': 'image/png', 'x-amz-server-side-encryption': 'AES256' },
            body: file
        });
    });

    it('sends no headers when none were asked for', async () => {
        const fetchImpl = jest.fn().mockResolvedValue({ ok: true, status: 200 });

        await putFile({ ...target, uploadHeaders: null }, blob('a.txt'), fetchImpl);

        expect(fetchImpl.mock.calls[0][1].headers).toEqual({});
    });

    it('fails with the file name when the storage refuses or cannot be reached', async () => {
        const refused = jest.fn().mockResolvedValue({ ok: false, status: 403 });
        const offline = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'));

        await expect(putFile(target, blob('label.pdf'), refused)).rejects.toEqual(
            expect.objectContaining({ name: 'UploadError', fileName: 'label.pdf', status: 403 })
        );
        const error = await putFile(target, blob('photo.png'), offline).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(UploadError);
        expect(error).toEqual(expect.objectContaining({ fileName: 'photo.png', status: null }));
    });
});

describe('sendWhenReady', () => {
    const processing = new Error('processing');
    const isProcessing = (error: unknown): boolean => error === processing;

    it('waits longer each time while the files are processing, five attempts in all', async () => {
        const send = jest.fn().mockRejectedValue(processing);
        const waits: number[] = [];
        const onWaiting = jest.fn();

        await expect(
            sendWhenReady(
                send,
                isProcessing,
                (ms) => {
                    waits.push(ms);
                    return Promise.resolve();
                },
                onWaiting
            )
        ).rejects.toBe(processing);

        expect(send).toHaveBeenCalledTimes(5);
        expect(waits).toEqual([...PROCESSING_DELAYS_MS]);
        expect(waits).toEqual([1000, 2000, 4000, 8000]);
        expect(onWaiting).toHaveBeenCalledTimes(4);
    });

    it('returns what the first successful attempt returned', async () => {
        const send = jest.fn().mockRejectedValueOnce(processing).mockResolvedValue('sent');

        await expect(sendWhenReady(send, isProcessing, () => Promise.resolve())).resolves.toBe('sent');
        expect(send).toHaveBeenCalledTimes(2);
    });

    it('stops at once on any other failure', async () => {
        const refused = new Error('refused');
        const send = jest.fn().mockRejectedValue(refused);
        const wait = jest.fn();

        await expect(sendWhenReady(send, isProcessing, wait)).rejects.toBe(refused);
        expect(send).toHaveBeenCalledTimes(1);
        expect(wait).not.toHaveBeenCalled();
    });
});

describe('formatSize', () => {
    it('reads bytes, then KB, then MB with one decimal', () => {
        expect(formatSize(512)).toBe('512 bytes');
        expect(formatSize(1023)).toBe('1023 bytes');
        expect(formatSize(1024)).toBe('1 KB');
        expect(formatSize(250 * 1024 + 300)).toBe('250 KB');
        expect(formatSize(1024 * 1024)).toBe('1.0 MB');
        expect(formatSize(Math.round(2.46 * 1024 * 1024))).toBe('2.5 MB');
        expect(formatSize(null)).toBe('0 bytes');
    });
});

describe('uploadAll', () => {
    const file = (name: string): File => new File(['%PDF-1.7'], name, { type: 'application/pdf' });

    it('uploads the files one after the other, in order, naming each as it goes, with the names the agent chose', async () => {
        const start = jest.fn(({ fileName }: { fileName: string }) =>
            Promise.resolve({ ...target, mediaId: `media-${fileName}` })
        );
        const fetchImpl = jest.fn().mockResolvedValue({ ok: true, status: 200 });
        const going: string[] = [];

        const attachments = await uploadAll(
            'a01X',
            [
                { file: file('a b.pdf'), name: 'a b.pdf' },
                { file: file('c.pdf'), name: 'c.pdf' }
            ],
            start,
            (name, index) => going.push(`${index}:${name}`),
            fetchImpl
        );

        expect(going).toEqual(['0:a b.pdf', '1:c.pdf']);
        expect(start.mock.calls.map(([params]) => params)).toEqual([
            { interactionId: 'a01X', fileName: 'a b.pdf', sizeBytes: 8, contentType: 'application/pdf' },
            { interactionId: 'a01X', fileName: 'c.pdf', sizeBytes: 8, contentType: 'application/pdf' }
        ]);
        expect(attachments).toEqual([
            { mediaId: 'media-a b.pdf', fileName: 'a b.pdf' },
            { mediaId: 'media-c.pdf', fileName: 'c.pdf' }
        ]);
    });

    it('stops at the first file storage refuses, naming it, and starts no other', async () => {
        const start = jest.fn().mockResolvedValue(target);
        const fetchImpl = jest.fn().mockResolvedValue({ ok: false, status: 500 });

        await expect(
            uploadAll(
                'a01X',
                [
                    { file: file('a.pdf'), name: 'a.pdf' },
                    { file: file('b.pdf'), name: 'b.pdf' }
                ],
                start,
                undefined,
                fetchImpl
            )
        ).rejects.toEqual(new UploadError('a.pdf', 500));
        expect(start).toHaveBeenCalledTimes(1);
    });
});
