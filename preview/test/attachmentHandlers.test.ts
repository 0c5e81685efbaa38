// The preview of reply attachments and attachments as Files (RelayConversationController.startAttachmentUpload and
// sendReply with attachments, RelayAttachmentService, RelayAttachmentCopyJob, customer files through the event
// endpoint) against the embedded simulator: the requests the Apex sends, the records it keeps, the labels it throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { labelText } from '../lib/labels';
import { signEvent } from '../apex/RelayEventResource';
import type { PreviewServer } from '../server/server';
import { apex, operations, preview, refusal, type Json } from './support';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

const label = (name: string, ...args: string[]): string =>
    labelText(name).replace(/\{(\d+)\}/g, (whole, i: string) => args[Number(i)] ?? whole);
const attachments = (server: PreviewServer): Json[] => server.store.query('Relay_Attachment__c').map((r) => r.fields);

/** Alex connected to a new conversation on `channel`: ids of the conversation, the interaction and the communication. */
async function connected(server: PreviewServer, channel = 'webchat') {
    await apex(server, 'RelayWorkItemController.setOnQueue', { onQueue: true });
    const started = server.sim.control.startConversation({
        channel: channel as 'webchat',
        queue: 'Support',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia@example.com',
        text: 'Can I have the returns label?'
    });
    await server.sim.control.flushWebhooks();
    const [view] = await apex<Json[]>(server, 'RelayWorkItemController.syncInteractions');
    await apex(server, 'RelayWorkItemController.pickUp', { interactionId: view.id });
    await server.sim.control.flushWebhooks();
    const communicationId = server.sim.control
        .conversation(started.id)
        .participants.find((p) => p.purpose === 'agent')?.communicationId;
    return { conversationId: started.id, interactionId: String(view.id), communicationId: String(communicationId) };
}

/** What the browser does with the answer: PUT the bytes with exactly the headers given. */
async function upload(server: PreviewServer, interactionId: string, fileName: string, bytes = PNG): Promise<string> {
    const target = await apex<{ mediaId: string; uploadUrl: string; uploadHeaders: Record<string, string> }>(
        server,
        'RelayConversationController.startAttachmentUpload',
        { interactionId, fileName, sizeBytes: bytes.length, contentType: 'image/png' }
    );
    const put = await fetch(target.uploadUrl, { method: 'PUT', headers: target.uploadHeaders, body: bytes });
    assert.equal(put.status, 200, 'the simulator stored the upload');
    return target.mediaId;
}

/** Runs the queued copy jobs, including those each execution queues for the next file. */
async function copyJobsDone(server: PreviewServer): Promise<void> {
    await server.jobs.idle();
    while (server.jobs.pending().length > 0) await server.jobs.advance(0);
}

test('a reply with a file: uploaded, checked valid, sent with its media id, recorded Pending under the agent name, then copied into Files', async (t) => {
    const server = await preview(t);
    const { conversationId, interactionId, communicationId } = await connected(server);
    const base = `/api/v2/conversations/messages/${conversationId}/communications/${communicationId}/messages`;

    let mark = server.genesys.sent.length;
    const mediaId = await upload(server, interactionId, 'returns label #2.png');
    const [create] = server.genesys.sent.slice(mark).filter((r) => r.operation === 'createMediaUpload');
    assert.deepEqual(
        [create.url, create.body],
        [`${base}/media/uploads`, { fileName: 'returns_label__2.png', contentLengthBytes: PNG.length }]
    );
    assert.deepEqual(attachments(server), [], 'nothing is recorded before the reply is sent');

    mark = server.genesys.sent.length;
    const reply = await apex<Json>(server, 'RelayConversationController.sendReply', {
        interactionId,
        text: '',
        attachments: [{ mediaId, fileName: 'returns label #2.png' }]
    });
    assert.deepEqual(
        server.genesys.sent.slice(mark).map((r) => [r.operation, r.body]),
        [
            ['getMe', undefined],
            ['getConversation', undefined],
            ['getMedia', undefined],
            ['sendText', { textBody: '', mediaIds: [mediaId] }]
        ]
    );
    const [sent] = server.sim.control.conversation(conversationId).transcript.slice(-1);
    assert.deepEqual(
        sent.attachments?.map((a) => a.mediaId),
        [mediaId],
        'the customer received the file'
    );
    assert.deepEqual(reply.attachments, [
        {
            id: server.store.query('Relay_Attachment__c')[0].id,
            name: 'returns label #2.png',
            sizeBytes: PNG.length,
            contentType: 'image/png',
            fileId: null,
            status: 'Pending'
        }
    ]);

    await copyJobsDone(server);
    const [copied] = attachments(server);
    assert.equal(copied.Copy_Status__c, 'Copied');
    const document = server.store.get(String(copied.File_Id__c));
    assert.equal(document?.sobject, 'ContentDocument');
    const [version] = server.store.query('ContentVersion', (f) => f.ContentDocumentId === document?.id);
    assert.equal(version.fields.FirstPublishLocationId, reply.id, 'published to the reply');
    assert.deepEqual(
        [version.fields.Title, version.fields.PathOnClient],
        ['returns label #2.png', 'returns label #2.png'],
        'Files shows the name the agent chose, not the one Genesys Cloud accepts'
    );
    assert.deepEqual(Buffer.from(String(version.fields.VersionData), 'base64'), PNG, 'the same bytes');
    const transcript = await apex<Json[]>(server, 'RelayConversationController.getTranscript', { interactionId });
    assert.deepEqual(
        (transcript.at(-1)?.attachments as Json[]).map((a) => [a.status, a.fileId]),
        [['Copied', document?.id]]
    );
});

test('a file still being checked asks the component to send again; a refused one is named; nothing is sent', async (t) => {
    const server = await preview(t);
    const { interactionId } = await connected(server);

    server.sim.control.setMediaProcessing({ uploadingReads: 1 });
    const slow = await upload(server, interactionId, 'slow.png');
    let mark = server.genesys.sent.length;
    assert.equal(
        await refusal(server, 'RelayConversationController.sendReply', {
            interactionId,
            text: 'Here',
            attachments: [{ mediaId: slow, fileName: 'slow.png' }]
        }),
        label('Relay_Conversation_AttachmentProcessing')
    );
    assert.ok(!operations(server, mark).includes('sendText'));
    await apex(server, 'RelayConversationController.sendReply', {
        interactionId,
        text: 'Here',
        attachments: [{ mediaId: slow, fileName: 'slow.png' }]
    });

    server.sim.control.setMediaProcessing({ outcome: 'invalid', uploadingReads: 0 });
    const refused = await upload(server, interactionId, 'virus.png');
    mark = server.genesys.sent.length;
    assert.equal(
        await refusal(server, 'RelayConversationController.sendReply', {
            interactionId,
            text: 'x',
            attachments: [{ mediaId: refused, fileName: 'virus.png' }]
        }),
        label('Relay_Conversation_AttachmentRefused', 'virus.png')
    );
    assert.ok(!operations(server, mark).includes('sendText'));
    assert.equal(attachments(server).length, 1, 'only the file that went out is recorded');
});

test('the browser cannot rename a file: a name that is not the uploaded one, or none, keeps the contact centre name', async (t) => {
    const server = await preview(t);
    const { interactionId } = await connected(server);
    const invoice = await upload(server, interactionId, 'Invoice March.png');
    const photo = await upload(server, interactionId, 'photo 1.png');

    const reply = await apex<Json>(server, 'RelayConversationController.sendReply', {
        interactionId,
        text: 'Two files',
        attachments: [
            { mediaId: invoice, fileName: 'Payslip March.png' },
            { mediaId: photo, fileName: null }
        ]
    });

    assert.deepEqual(
        (reply.attachments as Json[]).map((a) => a.name),
        ['Invoice_March.png', 'photo_1.png']
    );
});

test('startAttachmentUpload refuses before any callout: SMS, an empty or too large file, no name', async (t) => {
    const server = await preview(t);
    const chat = await connected(server);
    const mark = server.genesys.sent.length;
    const start = (params: Json) =>
        refusal(server, 'RelayConversationController.startAttachmentUpload', {
            interactionId: chat.interactionId,
            fileName: 'photo.png',
            sizeBytes: 100,
            contentType: 'image/png',
            ...params
        });

    assert.equal(await start({ sizeBytes: 0 }), label('Relay_Conversation_AttachmentEmpty', 'photo.png'));
    assert.equal(
        await start({ sizeBytes: 10 * 1024 * 1024 + 1 }),
        label('Relay_Conversation_AttachmentTooLarge', 'photo.png', '10')
    );
    assert.equal(await start({ fileName: '  ' }), label('Relay_Conversation_AttachmentNameRequired'));
    assert.deepEqual(operations(server, mark), [], 'nothing was sent');
    assert.equal(
        await refusal(server, 'RelayConversationController.sendReply', {
            interactionId: chat.interactionId,
            text: ' '
        }),
        label('Relay_Conversation_ReplyRequired'),
        'neither text nor a file'
    );
});

test('a customer’s file is kept with their message and copied into Files; a download that fails marks it Failed', async (t) => {
    const server = await preview(t);
    const { conversationId, interactionId } = await connected(server);

    server.sim.control.customerReply(conversationId, '', [
        { name: 'damage.png', contentType: 'image/png', dataBase64: PNG.toString('base64') }
    ]);
    await server.sim.control.flushWebhooks();
    await copyJobsDone(server);
    const transcript = await apex<Json[]>(server, 'RelayConversationController.getTranscript', { interactionId });
    const last = transcript.at(-1) as Json;
    assert.deepEqual([last.direction, last.text], ['inbound', '']);
    const [file] = last.attachments as Json[];
    assert.deepEqual(
        [file.name, file.sizeBytes, file.contentType, file.status],
        ['damage.png', PNG.length, 'image/png', 'Copied']
    );
    assert.equal(server.store.get(String(file.fileId))?.fields.Title, 'damage.png');

    // An event naming a file the contact centre does not serve: recorded, then Failed with the reason.
    const secret = String(server.store.query('Relay_Settings__c')[0].fields.Signing_Secret__c);
    const body = Buffer.from(
        JSON.stringify({
            type: 'conversation.customerMessage',
            eventId: 'evt-missing-file',
            occurredAt: new Date().toISOString(),
            conversationId,
            channel: 'webchat',
            data: {
                messageId: 'msg-missing-file',
                text: 'Another photo',
                attachments: [
                    { mediaId: 'gone', name: 'gone.png', url: `${server.sim.url}/media/gone/gone.png?signature=x` }
                ]
            }
        })
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const answer = await server.apex.rest('POST', '/relay/v1/events', {
        method: 'POST',
        headers: { 'X-Relay-Timestamp': timestamp, 'X-Relay-Signature': signEvent(secret, timestamp, body) },
        body
    });
    assert.equal(answer?.statusCode, 202);
    await copyJobsDone(server);
    const failed = attachments(server).find((a) => a.Name === 'gone.png');
    assert.equal(failed?.Copy_Status__c, 'Failed');
    assert.match(String(failed?.Copy_Error__c), /404/);
});

test('the event endpoint refuses attachments without an https URL', async (t) => {
    const server = await preview(t);
    const secret = String(server.store.query('Relay_Settings__c')[0].fields.Signing_Secret__c);
    const body = Buffer.from(
        JSON.stringify({
            type: 'conversation.customerMessage',
            eventId: 'evt-http-file',
            occurredAt: new Date().toISOString(),
            conversationId: 'conv-http',
            data: {
                messageId: 'msg-http',
                text: '',
                attachments: [{ mediaId: 'm1', url: 'http://files.example.com/m1.png' }]
            }
        })
    );
    const timestamp = String(Math.floor(Date.now() / 1000));
    const answer = await server.apex.rest('POST', '/relay/v1/events', {
        method: 'POST',
        headers: { 'X-Relay-Timestamp': timestamp, 'X-Relay-Signature': signEvent(secret, timestamp, body) },
        body
    });

    assert.equal(answer?.statusCode, 400);
    assert.match(String(answer?.body), /https URL/);
    assert.deepEqual(attachments(server), []);
});
