// Message attachments through the official SDK: the presigned upload, the media check, a reply carrying
// files, and a customer's files with their download URLs.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { ManualClock } from '../src/clock';
import { ContactCentre, ONE_BODY_PER_MESSAGE } from '../src/engine';
import type { SimError } from '../src/errors';
import type { SimEvent } from '../src/events';
import { demoSeed } from '../src/seed';
import type { Simulator } from '../src/server';
import {
    ALEX,
    agentParticipant,
    communicationId,
    goOnQueue,
    sdkForDefaultAgent,
    startSimulator,
    type Sdk
} from './helpers';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

/** Alex connected to a new web chat: the conversation and Alex's communication id. */
async function connectedChat(
    t: TestContext
): Promise<{ sim: Simulator; sdk: Sdk; conversationId: string; commId: string }> {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia@example.com',
        queue: 'Support',
        text: 'Can you send me the returns label?'
    });
    const offered = await agentParticipant(sdk, started.id, ALEX);
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    return { sim, sdk, conversationId: started.id, commId: await communicationId(sdk, started.id, offered.id) };
}

/** The browser's PUT: the bytes and exactly the headers the upload answer named, no token. */
function put(url: string, headers: Record<string, string> | undefined, body: Buffer): Promise<Response> {
    return fetch(url, { method: 'PUT', headers, body });
}

test('an agent uploads a file to the presigned URL, the media turns valid, and the reply carries it to the customer', async (t) => {
    const { sim, sdk, conversationId, commId } = await connectedChat(t);

    const upload = await sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(
        conversationId,
        commId,
        { fileName: 'returns-label.png', contentLengthBytes: PNG.length }
    );
    assert.ok(upload.id);
    assert.equal(upload.name, 'returns-label.png');
    assert.match(
        upload.uploadUrl ?? '',
        new RegExp(`^${sim.url}/uploads/${upload.id}\\?expires=\\d+&signature=[0-9a-f]{64}$`)
    );
    assert.deepEqual(upload.uploadHeaders, { 'Content-Type': 'image/png' });
    const before = await sdk.conversations.getConversationsMessageCommunicationMessagesMediaMediaId(
        conversationId,
        commId,
        upload.id
    );
    assert.equal(before.status, 'uploading', 'nothing uploaded yet');

    const stored = await put(upload.uploadUrl!, upload.uploadHeaders, PNG);
    assert.equal(stored.status, 200);
    const media = await sdk.conversations.getConversationsMessageCommunicationMessagesMediaMediaId(
        conversationId,
        commId,
        upload.id
    );
    assert.equal(media.status, 'valid');
    assert.equal(media.contentLengthBytes, PNG.length);
    assert.equal(media.mediaType, 'image/png');

    const sent = await sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
        textBody: '',
        mediaIds: [upload.id]
    });
    assert.deepEqual(
        sent.normalizedMessage?.content?.map((c) => {
            const a = c.attachment;
            return [c.contentType, a?.id, a?.filename, a?.mime, a?.contentSizeBytes];
        }),
        [['Attachment', upload.id, 'returns-label.png', 'image/png', PNG.length]]
    );
    const [, reply] = sim.control.conversation(conversationId).transcript;
    assert.equal(reply.direction, 'outbound');
    assert.equal(reply.text, '');
    assert.deepEqual(
        reply.attachments?.map((a) => a.name),
        ['returns-label.png'],
        'the customer receives the file'
    );
    const downloaded = await fetch(reply.attachments![0].url);
    assert.equal(downloaded.headers.get('content-type'), 'image/png');
    assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), PNG);
});

test('the upload URL refuses another signature, length or content type, and files over 10 MB', async (t) => {
    const { sim, sdk, conversationId, commId } = await connectedChat(t);
    const upload = await sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(
        conversationId,
        commId,
        { fileName: 'photo.png', contentLengthBytes: PNG.length }
    );
    const url = new URL(upload.uploadUrl!);

    const forged = new URL(url);
    forged.searchParams.set('signature', '0'.repeat(64));
    assert.equal((await put(forged.href, upload.uploadHeaders, PNG)).status, 403);
    assert.equal((await put(url.href, upload.uploadHeaders, PNG.subarray(1))).status, 400, 'a shorter body');
    assert.equal((await put(url.href, { 'Content-Type': 'text/plain' }, PNG)).status, 403, 'another content type');
    assert.equal(sim.control.media()[0].uploaded, false);

    await assert.rejects(
        sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(conversationId, commId, {
            fileName: 'video.mp4',
            contentLengthBytes: 10 * 1024 * 1024 + 1
        }),
        (error: { status?: number }) => error.status === 400
    );
    await assert.rejects(
        sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
            textBody: '',
            mediaIds: [upload.id!]
        }),
        (error: { status?: number; message?: string }) =>
            error.status === 400 && /is uploading/.test(error.message ?? ''),
        'a media still uploading cannot be sent'
    );
    assert.equal(sim.control.conversation(conversationId).transcript.length, 1, 'nothing was sent');
});

test('the media check can be slowed or refuse the file (fault injection)', async (t) => {
    const { sim, sdk, conversationId, commId } = await connectedChat(t);
    const uploadOne = async (fileName: string) => {
        const upload = await sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(
            conversationId,
            commId,
            { fileName, contentLengthBytes: PNG.length }
        );
        assert.equal((await put(upload.uploadUrl!, upload.uploadHeaders, PNG)).status, 200);
        return upload.id!;
    };
    const status = async (mediaId: string) =>
        (
            await sdk.conversations.getConversationsMessageCommunicationMessagesMediaMediaId(
                conversationId,
                commId,
                mediaId
            )
        ).status;

    sim.control.setMediaProcessing({ uploadingReads: 2 });
    const slow = await uploadOne('slow.png');
    assert.deepEqual([await status(slow), await status(slow), await status(slow)], ['uploading', 'uploading', 'valid']);

    sim.control.setMediaProcessing({ outcome: 'invalid', uploadingReads: 0 });
    const refused = await uploadOne('refused.png');
    assert.equal(await status(refused), 'invalid');
    await assert.rejects(
        sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
            textBody: '',
            mediaIds: [refused]
        }),
        (error: { status?: number; message?: string }) => error.status === 400 && /is invalid/.test(error.message ?? '')
    );

    sim.control.setMediaProcessing({ outcome: 'uploading' });
    const stuck = await uploadOne('stuck.png');
    assert.deepEqual([await status(stuck), await status(stuck)], ['uploading', 'uploading']);
});

// SDK 262, postConversationsMessageCommunicationMessages: "Only one message body field can be accepted, per request.
// Example: 1 textBody, 1 mediaId, or 1 messageTemplate."
test('one body per message: text with a file, or two files, is a 400 ErrorBody; each as its own request goes, in order', async (t) => {
    const { sim, sdk, conversationId, commId } = await connectedChat(t);
    const uploadOne = async (fileName: string) => {
        const upload = await sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(
            conversationId,
            commId,
            { fileName, contentLengthBytes: PNG.length }
        );
        assert.equal((await put(upload.uploadUrl!, upload.uploadHeaders, PNG)).status, 200);
        await sdk.conversations.getConversationsMessageCommunicationMessagesMediaMediaId(
            conversationId,
            commId,
            upload.id!
        );
        return upload.id!;
    };
    const first = await uploadOne('first.png');
    const second = await uploadOne('second.png');
    const send = (body: { textBody: string; mediaIds?: string[] }) =>
        sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, body);
    const badRequest = (field: string) => (error: Record<string, unknown>) => {
        assert.equal(error.status, 400);
        assert.equal(error.code, 'bad.request');
        assert.equal(typeof error.contextId, 'string');
        assert.ok(
            (error.details as { fieldName?: string }[]).some((d) => d.fieldName === field),
            JSON.stringify(error.details)
        );
        return true;
    };

    await assert.rejects(send({ textBody: 'Here they are', mediaIds: [first] }), badRequest('body.mediaIds'));
    await assert.rejects(send({ textBody: '', mediaIds: [first, second] }), badRequest('body.mediaIds'));
    await assert.rejects(send({ textBody: '' }), badRequest('body.textBody'));
    assert.equal(sim.control.conversation(conversationId).transcript.length, 1, 'nothing was sent');

    await send({ textBody: '', mediaIds: [first] });
    await send({ textBody: '', mediaIds: [second] });
    await send({ textBody: 'Here they are' });
    const sent = sim.control.conversation(conversationId).transcript.slice(1);
    assert.deepEqual(
        sent.map((m) => [m.text, (m.attachments ?? []).map((a) => a.name)]),
        [
            ['', ['first.png']],
            ['', ['second.png']],
            ['Here they are', []]
        ]
    );
});

test('the contact centre itself refuses a second body, whoever calls it', () => {
    const centre = new ContactCentre(new ManualClock(), demoSeed({ conversations: false }), () => undefined);
    centre.setPresenceBySystemName(ALEX, 'OnQueue');
    const conversation = centre.startInbound({
        channel: 'webchat',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia@example.com',
        queue: 'Support'
    });
    const agent = conversation.participants.find((p) => p.purpose === 'agent');
    assert.ok(agent);
    centre.pickUp(conversation.id, agent.id);

    for (const [text, mediaIds] of [
        ['Here it is', ['m-1']],
        ['', ['m-1', 'm-2']]
    ] as const) {
        assert.throws(
            () => centre.sendText(conversation.id, agent.communicationId, text, [...mediaIds]),
            (error: SimError) =>
                error.status === 400 && error.code === 'bad.request' && error.message === ONE_BODY_PER_MESSAGE
        );
    }
    assert.equal(conversation.transcript.length, 0);
});

test('a customer sends a file: the event names it with a download URL that needs no token', async (t) => {
    const { sim, conversationId } = await connectedChat(t);
    const events: SimEvent[] = [];
    t.after(sim.control.subscribe((e) => events.push(e)));

    const reply = sim.control.customerReply(conversationId, '', [
        { name: 'damage.png', contentType: 'image/png', dataBase64: PNG.toString('base64') }
    ]);

    const [attachment] = reply.attachments ?? [];
    assert.deepEqual(
        { name: attachment.name, contentType: attachment.contentType, sizeBytes: attachment.sizeBytes },
        { name: 'damage.png', contentType: 'image/png', sizeBytes: PNG.length }
    );
    const event = events.find((e) => e.type === 'conversation.customerMessage');
    assert.deepEqual(event?.data.attachments, [attachment]);
    assert.equal(event?.data.text, '');
    const downloaded = await fetch(attachment.url);
    assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), PNG);
    const unsigned = new URL(attachment.url);
    unsigned.search = '';
    assert.equal((await fetch(unsigned)).status, 404);
    assert.throws(() => sim.control.customerReply(conversationId, ''), /text or a file/);
});

test('the console page may PUT to the upload URL from another loopback origin (CORS)', async (t) => {
    const { sim } = await startSimulator(t);

    const preflight = await fetch(`${sim.url}/uploads/any?signature=x`, {
        method: 'OPTIONS',
        headers: {
            origin: 'http://127.0.0.1:4173',
            'access-control-request-method': 'PUT',
            'access-control-request-headers': 'content-type'
        }
    });

    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://127.0.0.1:4173');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PUT/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Content-Type/i);
});
