// Files on an agent's email, as Genesys Cloud takes them, driven by the official SDK: the draft attachment's upload
// URL (postConversationsEmailMessagesDraftAttachmentsUploads), the browser's PUT of the bytes, and the reply
// (postConversationsEmailMessages) naming the files by attachmentId; the thread then lists them, each downloadable
// at its contentUri. Every refusal on the way, and the first email of an outbound conversation with a file.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Models } from 'purecloud-platform-client-v2';
import type { Simulator } from '../src/server';
import { ALEX, SEED_IDS, goOnQueue, sdkForAgent, sdkForDefaultAgent, startSimulator, type Sdk } from './helpers';

const MARIA = { email: 'maria.garcia@example.com', name: 'Maria Garcia' };
const JANE = { email: 'jane.doe@example.com', name: 'Jane Doe' };
const SUPPORT_ADDRESS = { email: 'support@relay.example', name: 'Support' };
const INVOICE = Buffer.from('%PDF-1.4 invoice #1042, paid in full');
const PHOTO = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

/** The latest agent participant of `userId` on the email conversation. */
function agentOf(conversation: Models.EmailConversation, userId: string) {
    const p = (conversation.participants ?? []).filter((x) => x.purpose === 'agent' && x.user?.id === userId).at(-1);
    if (p?.id === undefined) throw new Error(`no agent participant for ${userId}`);
    return p as typeof p & { id: string };
}

/** An SDK rejection with this status and Genesys error code (an ErrorBody). */
const refused =
    (status: number, code: string, check: (error: Record<string, unknown>) => void = () => {}) =>
    (error: Record<string, unknown>): boolean => {
        assert.equal(error.status, status);
        assert.equal(error.code, code);
        assert.equal(typeof error.message, 'string');
        assert.equal(typeof error.contextId, 'string');
        check(error);
        return true;
    };

/** 400 invalid.value naming the attachment id (entityId, details) and saying why. */
const badAttachment = (id: string, why: RegExp) =>
    refused(400, 'invalid.value', (error) => {
        assert.equal(error.entityId, id);
        assert.deepEqual(error.details, [{ errorCode: 'invalid.value', fieldName: 'attachments', entityId: id }]);
        assert.ok(String(error.message).includes(id), `the message names ${id}: ${String(error.message)}`);
        assert.match(String(error.message), why);
    });

function startOrderEmail(sim: Simulator, subject = 'Order #1042') {
    return sim.control.startEmail({
        queue: 'Support',
        fromAddress: MARIA.email,
        fromName: MARIA.name,
        subject,
        textBody: 'Could you send me the invoice of order #1042?',
        attachments: [{ name: 'receipt.pdf', contentType: 'application/pdf', dataBase64: 'JVBERi0xLjQgcmVjZWlwdA==' }]
    });
}

/** Alex connected to a new inbound email from Maria. */
async function connectedEmail(t: TestContext): Promise<{ sim: Simulator; sdk: Sdk; conversationId: string }> {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = startOrderEmail(sim);
    const agent = agentOf(await sdk.conversations.getConversationsEmail(started.id), ALEX);
    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, { state: 'connected' });
    return { sim, sdk, conversationId: started.id };
}

/** The upload request of one file of the next email. */
function uploadRequest(sdk: Sdk, conversationId: string, name: string, contentLengthBytes: number) {
    return sdk.conversations.postConversationsEmailMessagesDraftAttachmentsUploads(conversationId, {
        name,
        contentLengthBytes
    });
}

/** The browser's PUT: the bytes and exactly the headers the upload answer named, no token. */
function put(upload: Models.UploadAttachmentResponse, body: Buffer, headers = upload.headers): Promise<Response> {
    return fetch(upload.url ?? '', { method: 'PUT', headers, body });
}

/** A draft attachment uploaded whole: its id. */
async function uploaded(sdk: Sdk, conversationId: string, name: string, bytes: Buffer): Promise<string> {
    const upload = await uploadRequest(sdk, conversationId, name, bytes.length);
    assert.equal((await put(upload, bytes)).status, 200);
    return upload.attachmentId ?? '';
}

function reply(attachments: Models.Attachment[], textBody = 'Here is your invoice.'): Models.EmailMessage {
    return { to: [MARIA], from: SUPPORT_ADDRESS, subject: 'Re: Order #1042', textBody, attachments };
}

async function download(uri: string | undefined): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const response = await fetch(uri ?? '');
    return {
        status: response.status,
        type: response.headers.get('content-type'),
        bytes: Buffer.from(await response.arrayBuffer())
    };
}

test('an agent uploads two draft attachments and replies with text and both files; the thread serves their bytes', async (t) => {
    const { sim, sdk, conversationId } = await connectedEmail(t);

    const invoice = await uploadRequest(sdk, conversationId, 'invoice 1042.pdf', INVOICE.length);
    assert.match(invoice.attachmentId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(invoice.name, 'invoice 1042.pdf');
    assert.equal(invoice.conversationId, conversationId);
    assert.match(
        invoice.url ?? '',
        new RegExp(`^${sim.url}/uploads/${invoice.attachmentId}\\?expires=\\d+&signature=[0-9a-f]{64}$`)
    );
    assert.deepEqual(invoice.headers, { 'Content-Type': 'application/pdf' });
    const photo = await uploadRequest(sdk, conversationId, 'parcel.png', PHOTO.length);
    assert.deepEqual(photo.headers, { 'Content-Type': 'image/png' });
    assert.notEqual(photo.attachmentId, invoice.attachmentId);

    assert.equal((await put(invoice, INVOICE)).status, 200);
    assert.equal((await put(photo, PHOTO)).status, 200);
    assert.deepEqual(
        sim.control
            .media()
            .filter((m) => m.id === invoice.attachmentId || m.id === photo.attachmentId)
            .map((m) => [m.name, m.status, m.uploaded, m.sizeBytes]),
        [
            ['invoice 1042.pdf', 'valid', true, INVOICE.length],
            ['parcel.png', 'valid', true, PHOTO.length]
        ],
        'valid as soon as the bytes arrived'
    );

    const sent = await sdk.conversations.postConversationsEmailMessages(
        conversationId,
        reply([
            {
                attachmentId: invoice.attachmentId,
                name: 'invoice 1042.pdf',
                contentType: 'application/pdf',
                contentLength: INVOICE.length
            },
            {
                attachmentId: photo.attachmentId,
                name: 'parcel.png',
                contentType: 'image/png',
                contentLength: PHOTO.length
            }
        ])
    );
    assert.equal(sent.textBody, 'Here is your invoice.', 'text and files in one email');
    assert.deepEqual(
        sent.attachments?.map((a) => [a.attachmentId, a.name, a.contentType, a.contentLength]),
        [
            [invoice.attachmentId, 'invoice 1042.pdf', 'application/pdf', INVOICE.length],
            [photo.attachmentId, 'parcel.png', 'image/png', PHOTO.length]
        ]
    );

    // The thread: the customer's email, then the reply with both files.
    const thread = await sdk.conversations.getConversationsEmailMessages(conversationId);
    assert.deepEqual(
        thread.entities?.map((e) => [e.from.email, e.attachments?.map((a) => a.name)]),
        [
            [MARIA.email, ['receipt.pdf']],
            [SUPPORT_ADDRESS.email, ['invoice 1042.pdf', 'parcel.png']]
        ]
    );
    const preview = thread.entities?.[1];
    assert.equal(preview?.textBodyPreview, 'Here is your invoice.');
    const whole = await sdk.conversations.getConversationsEmailMessage(conversationId, preview?.id ?? '');
    assert.equal(whole.textBody, 'Here is your invoice.');
    assert.deepEqual(
        whole.attachments?.map((a) => [a.attachmentId, a.name, a.contentType, a.contentLength]),
        [
            [invoice.attachmentId, 'invoice 1042.pdf', 'application/pdf', INVOICE.length],
            [photo.attachmentId, 'parcel.png', 'image/png', PHOTO.length]
        ]
    );
    assert.deepEqual(
        whole.attachments?.map((a) => a.contentUri),
        preview?.attachments?.map((a) => a.contentUri),
        'the preview and the whole email point at the same files'
    );
    for (const [attachment, bytes, type] of [
        [whole.attachments?.[0], INVOICE, 'application/pdf'],
        [whole.attachments?.[1], PHOTO, 'image/png']
    ] as const) {
        assert.match(attachment?.contentUri ?? '', new RegExp(`^${sim.url}/media/${attachment?.attachmentId}/`));
        const file = await download(attachment?.contentUri);
        assert.equal(file.status, 200);
        assert.equal(file.type, type);
        assert.deepEqual(file.bytes, bytes);
    }
    // As the customer's email attachments are served: the same media host.
    const receipt = await download(thread.entities?.[0]?.attachments?.[0]?.contentUri);
    assert.equal(receipt.bytes.toString(), '%PDF-1.4 receipt');

    // The agent's email event carries the files as the customer's does; the customer's side sees them.
    const event = sim.control
        .events()
        .filter((e) => e.conversationId === conversationId)
        .at(-1);
    assert.equal(event?.type, 'conversation.agentMessage');
    assert.equal(event?.data.mediaType, 'email');
    assert.deepEqual(
        (event?.data.attachments as { mediaId: string; name: string; sizeBytes: number }[]).map((a) => [
            a.mediaId,
            a.name,
            a.sizeBytes
        ]),
        [
            [invoice.attachmentId, 'invoice 1042.pdf', INVOICE.length],
            [photo.attachmentId, 'parcel.png', PHOTO.length]
        ]
    );
    const customerSide = sim.control.conversation(conversationId).transcript.at(-1);
    assert.equal(customerSide?.direction, 'outbound');
    assert.deepEqual(
        customerSide?.attachments?.map((a) => a.name),
        ['invoice 1042.pdf', 'parcel.png']
    );
    assert.deepEqual((await download(customerSide?.attachments?.[1]?.url)).bytes, PHOTO);
});

test('an email of files only, without text, goes; an email of nothing is refused', async (t) => {
    const { sim, sdk, conversationId } = await connectedEmail(t);
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(conversationId, reply([], '')),
        refused(400, 'invalid.value')
    );
    // The check of message media (the fault-injection knob) does not apply to an email's draft attachments.
    sim.control.setMediaProcessing({ outcome: 'invalid' });
    const id = await uploaded(sdk, conversationId, 'invoice.pdf', INVOICE);
    assert.equal(sim.control.media().find((m) => m.id === id)?.status, 'valid');
    const sent = await sdk.conversations.postConversationsEmailMessages(
        conversationId,
        reply([{ attachmentId: id }], '')
    );
    assert.equal(sent.textBody, '');
    assert.deepEqual(
        sent.attachments?.map((a) => [a.name, a.contentLength]),
        [['invoice.pdf', INVOICE.length]],
        "the name and length are the upload's"
    );
});

test('the upload request is refused for an unknown or a message conversation, and for an agent not connected', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const email = startOrderEmail(sim, 'Another order');
    await goOnQueue(sdk, ALEX);
    const notFound = (id: string) =>
        refused(404, 'not.found', (error) => assert.equal(error.entityId, id, 'the conversation is named'));

    await assert.rejects(uploadRequest(sdk, 'no-such-conversation', 'a.pdf', 3), notFound('no-such-conversation'));
    const chat = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia.web',
        queue: 'Support',
        text: 'Hello'
    });
    assert.equal(chat.mediaType, 'message');
    await assert.rejects(uploadRequest(sdk, chat.id, 'a.pdf', 3), notFound(chat.id));

    // Offered, not picked up yet: the same rule and error as sending the email.
    const offered = agentOf(await sdk.conversations.getConversationsEmail(email.id), ALEX);
    assert.equal(offered.state, 'alerting');
    const notConnected = refused(409, 'conversation.error.participant.state', (error) => {
        assert.match(String(error.message), /is not connected to conversation .*; a file can only be attached/);
    });
    await assert.rejects(uploadRequest(sdk, email.id, 'a.pdf', 3), notConnected);
    await sdk.conversations.patchConversationsEmailParticipant(email.id, offered.id, { state: 'connected' });
    // Another agent, who holds no part of the conversation.
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    await assert.rejects(uploadRequest(blake, email.id, 'a.pdf', 3), notConnected);
    // After the disconnect, Alex may no longer attach either.
    assert.ok((await uploadRequest(sdk, email.id, 'a.pdf', 3)).attachmentId, 'connected, the upload is granted');
    await sdk.conversations.patchConversationsEmailParticipant(email.id, offered.id, { state: 'disconnected' });
    await assert.rejects(uploadRequest(sdk, email.id, 'a.pdf', 3), notConnected);
    assert.equal(
        sim.control.media().filter((m) => m.conversationId === email.id && m.name === 'a.pdf').length,
        1,
        'only the granted request made an upload slot'
    );
});

test('the upload request is refused without a name, with a blank one, or with a size under 1 byte', async (t) => {
    const { sim, sdk, conversationId } = await connectedEmail(t);
    const before = sim.control.media().length;
    const field = (name: string) => (error: Record<string, unknown>) =>
        assert.ok(
            (error.details as { fieldName?: string }[]).some((d) => d.fieldName === name),
            `details name ${name}: ${JSON.stringify(error.details)}`
        );

    await assert.rejects(
        sdk.conversations.postConversationsEmailMessagesDraftAttachmentsUploads(conversationId, {
            contentLengthBytes: 3
        } as Models.UploadAttachmentRequest),
        refused(400, 'bad.request', field('body.name')),
        'no name: the request breaks the contract'
    );
    await assert.rejects(uploadRequest(sdk, conversationId, '', 3), refused(400, 'bad.request', field('body.name')));
    await assert.rejects(
        uploadRequest(sdk, conversationId, '   ', 3),
        refused(400, 'invalid.value', field('name')),
        'a blank name'
    );
    await assert.rejects(
        uploadRequest(sdk, conversationId, 'empty.txt', 0),
        refused(400, 'invalid.value', field('contentLengthBytes')),
        'size 0'
    );
    await assert.rejects(
        uploadRequest(sdk, conversationId, 'negative.txt', -5),
        refused(400, 'invalid.value', field('contentLengthBytes'))
    );
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessagesDraftAttachmentsUploads(conversationId, {
            name: 'half.txt',
            contentLengthBytes: 1.5
        }),
        refused(400, 'bad.request', field('body.contentLengthBytes')),
        'a size that is not a whole number'
    );
    assert.equal(sim.control.media().length, before, 'no upload slot was made');
});

test('the upload URL stores the bytes only with the announced length and the named content type', async (t) => {
    const { sdk, conversationId } = await connectedEmail(t);
    const upload = await uploadRequest(sdk, conversationId, 'invoice.pdf', INVOICE.length);

    const shorter = await put(upload, INVOICE.subarray(1));
    assert.equal(shorter.status, 400, 'a shorter body');
    assert.equal(((await shorter.json()) as { code: string }).code, 'IncompleteBody');
    const longer = await put(upload, Buffer.concat([INVOICE, Buffer.from('!')]));
    assert.equal(longer.status, 400, 'a longer body');
    assert.equal(
        (await put(upload, INVOICE, { 'Content-Type': 'text/plain' })).status,
        403,
        'another content type than the headers named'
    );
    const forged = new URL(upload.url ?? '');
    forged.searchParams.set('signature', '0'.repeat(64));
    assert.equal((await fetch(forged, { method: 'PUT', headers: upload.headers, body: INVOICE })).status, 403);
    // Nothing arrived, so the reply cannot carry it yet.
    const id = upload.attachmentId ?? '';
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(conversationId, reply([{ attachmentId: id }])),
        badAttachment(id, /never uploaded/)
    );

    assert.equal((await put(upload, INVOICE)).status, 200);
    assert.equal((await put(upload, INVOICE)).status, 409, 'stored once');
    const sent = await sdk.conversations.postConversationsEmailMessages(conversationId, reply([{ attachmentId: id }]));
    assert.deepEqual((await download(sent.attachments?.[0]?.contentUri)).bytes, INVOICE);
});

test('the reply is refused for an unknown attachment id, another conversation’s, one never uploaded or already sent', async (t) => {
    const { sim, sdk, conversationId } = await connectedEmail(t);
    const thread = () => sdk.conversations.getConversationsEmailMessages(conversationId);
    const good = await uploaded(sdk, conversationId, 'invoice.pdf', INVOICE);

    // Unknown.
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(
            conversationId,
            reply([{ attachmentId: good }, { attachmentId: 'no-such-attachment' }])
        ),
        badAttachment('no-such-attachment', /is not a draft attachment of conversation/)
    );
    // Another conversation's: a draft attachment of Alex's outbound email to Jane.
    const outbound = await sdk.conversations.postConversationsEmails({
        provider: 'PureCloud Email',
        direction: 'OUTBOUND',
        queueId: SEED_IDS.queues.support,
        toAddress: JANE.email,
        subject: 'Your order'
    });
    const elsewhere = await uploaded(sdk, outbound.id ?? '', 'other.pdf', INVOICE);
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(conversationId, reply([{ attachmentId: elsewhere }])),
        badAttachment(elsewhere, new RegExp(`is not a draft attachment of conversation ${conversationId}`))
    );
    // A customer's file of this very conversation is not a draft attachment.
    const receipt = (await thread()).entities?.[0]?.attachments?.[0]?.attachmentId ?? '';
    assert.ok(receipt);
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(conversationId, reply([{ attachmentId: receipt }])),
        badAttachment(receipt, /is not a draft attachment/)
    );
    // Never uploaded.
    const empty = (await uploadRequest(sdk, conversationId, 'later.pdf', 10)).attachmentId ?? '';
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(conversationId, reply([{ attachmentId: empty }])),
        badAttachment(empty, /never uploaded/)
    );
    // Named twice in one reply.
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(
            conversationId,
            reply([{ attachmentId: good }, { attachmentId: good }])
        ),
        badAttachment(good, /named more than once/)
    );
    // An attachment without its id breaks the contract.
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(conversationId, reply([{ name: 'invoice.pdf' }])),
        refused(400, 'bad.request')
    );
    assert.equal((await thread()).entities?.length, 1, 'every refused reply was not sent');

    // A refused reply consumed nothing: the good attachment goes now, once.
    const sent = await sdk.conversations.postConversationsEmailMessages(
        conversationId,
        reply([{ attachmentId: good }])
    );
    assert.deepEqual(
        sent.attachments?.map((a) => a.attachmentId),
        [good]
    );
    const again = (await thread()).entities?.[1]?.id ?? '';
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(conversationId, reply([{ attachmentId: good }])),
        badAttachment(good, new RegExp(`was already sent with email ${again}`))
    );
    assert.equal((await thread()).entities?.length, 2);
    assert.deepEqual(
        sim.control.conversation(conversationId).transcript.map((e) => e.attachments?.length ?? 0),
        [1, 1]
    );
});

test('an outbound email: the first email carries a file, uploaded before anything was sent', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const created = await sdk.conversations.postConversationsEmails({
        provider: 'PureCloud Email',
        direction: 'OUTBOUND',
        queueId: SEED_IDS.queues.support,
        toAddress: JANE.email,
        subject: 'Your invoice for order #1042'
    });
    const conversationId = created.id ?? '';
    assert.equal((await sdk.conversations.getConversationsEmailMessages(conversationId)).total, 0);

    const upload = await uploadRequest(sdk, conversationId, 'invoice.pdf', INVOICE.length);
    assert.equal(upload.conversationId, conversationId);
    assert.equal((await put(upload, INVOICE)).status, 200);
    const first = await sdk.conversations.postConversationsEmailMessages(conversationId, {
        to: [JANE],
        from: { email: 'support@relay.example' },
        subject: 'Your invoice for order #1042',
        textBody: 'Hi Jane, your invoice is attached.',
        attachments: [{ attachmentId: upload.attachmentId, name: 'invoice.pdf' }]
    });
    assert.equal(first.subject, 'Your invoice for order #1042');
    assert.deepEqual(first.from, { email: 'support@relay.example', name: 'Relay Support' });

    const thread = await sdk.conversations.getConversationsEmailMessages(conversationId);
    assert.equal(thread.entities?.length, 1);
    const [email] = thread.entities ?? [];
    assert.equal(email?.textBodyPreview, 'Hi Jane, your invoice is attached.');
    assert.deepEqual(
        email?.attachments?.map((a) => [a.attachmentId, a.name, a.contentType, a.contentLength]),
        [[upload.attachmentId, 'invoice.pdf', 'application/pdf', INVOICE.length]]
    );
    const file = await download(email?.attachments?.[0]?.contentUri);
    assert.equal(file.status, 200);
    assert.deepEqual(file.bytes, INVOICE);
});
