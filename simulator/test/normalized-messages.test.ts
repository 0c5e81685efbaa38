// Message content as Genesys Cloud is moving it: every MessageData answer (sendText, sendMedia, GET …/messages/{id})
// carries normalizedMessage as the SDK's ConversationNormalizedMessage models it, and the legacy textBody and media
// only until the control API turns them off. Genesys deprecated textBody, media and stickers on 2025-11-07 and
// planned their removal for 2026-03-31 (Developer Announcements, "Deprecation and Removal of textBody, media, and
// stickers Fields from Messaging API Responses"); its field mapping is what the legacy fields must equal here.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
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
const LEGACY = ['textBody', 'media', 'stickers'];

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

/** An uploaded, valid PNG the agent may send. */
async function uploadedPng(sdk: Sdk, conversationId: string, commId: string): Promise<string> {
    const upload = await sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(
        conversationId,
        commId,
        { fileName: 'returns-label.png', contentLengthBytes: PNG.length }
    );
    const stored = await fetch(upload.uploadUrl!, { method: 'PUT', headers: upload.uploadHeaders, body: PNG });
    assert.equal(stored.status, 200);
    return upload.id!;
}

/** The answer as JSON, legacy fields included (the SDK's MessageData type no longer declares them). */
const raw = (message: unknown): Record<string, unknown> => message as Record<string, unknown>;

/** PUT /__sim/messages/format over HTTP, as the local console or a script would. */
async function setLegacyFields(sim: Simulator, legacyFields: unknown): Promise<Response> {
    return fetch(`${sim.url}/__sim/messages/format`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ legacyFields })
    });
}

test('by default a message answer carries normalizedMessage and the legacy fields it replaces, equal by the announced mapping', async (t) => {
    const { sim, sdk, conversationId, commId } = await connectedChat(t);
    assert.deepEqual(sim.control.messageFormat(), { legacyFields: true });

    const text = await sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
        textBody: 'Here is your label.'
    });
    assert.equal(text.normalizedMessage?.type, 'Text');
    assert.equal(text.normalizedMessage?.text, 'Here is your label.');
    assert.equal(text.normalizedMessage?.direction, 'Outbound');
    assert.equal(raw(text).textBody, text.normalizedMessage?.text, 'textBody = normalizedMessage.text');

    const mediaId = await uploadedPng(sdk, conversationId, commId);
    const file = await sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
        textBody: '',
        mediaIds: [mediaId]
    });
    const content = file.normalizedMessage?.content ?? [];
    assert.equal(content.length, 1);
    assert.equal(content[0].contentType, 'Attachment');
    const attachment = content[0].attachment!;
    assert.equal(attachment.id, mediaId);
    assert.equal(attachment.mediaType, 'Image');
    assert.equal(attachment.filename, 'returns-label.png');
    assert.equal(attachment.mime, 'image/png');
    assert.equal(attachment.contentSizeBytes, PNG.length);
    assert.match(attachment.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.deepEqual(
        raw(file).media,
        [
            {
                url: attachment.url,
                mediaType: attachment.mime,
                name: attachment.filename,
                id: attachment.id,
                contentLengthBytes: attachment.contentSizeBytes
            }
        ],
        'media[0].url, mediaType, name, id, contentLengthBytes = content[0].attachment.url, mime, filename, id, contentSizeBytes'
    );
    assert.equal(raw(file).stickers, undefined, 'the simulator has no stickers');
});

test('with the legacy fields turned off, answers carry normalizedMessage only, until a reset', async (t) => {
    const { sim, sdk, conversationId, commId } = await connectedChat(t);
    const set = await setLegacyFields(sim, false);
    assert.equal(set.status, 200);
    assert.deepEqual(await set.json(), { legacyFields: false });
    const read = await fetch(`${sim.url}/__sim/messages/format`);
    assert.deepEqual(await read.json(), { legacyFields: false });

    const text = await sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
        textBody: 'Here is your label.'
    });
    const mediaId = await uploadedPng(sdk, conversationId, commId);
    const file = await sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
        textBody: '',
        mediaIds: [mediaId]
    });
    const fetched = await sdk.conversations.getConversationsMessageMessage(conversationId, file.id!);
    for (const answer of [text, file, fetched]) {
        for (const field of LEGACY) assert.equal(field in raw(answer), false, `no ${field} in ${answer.id}`);
        assert.equal(answer.normalizedMessage?.type, 'Text');
    }
    assert.equal(text.normalizedMessage?.text, 'Here is your label.', 'the text is only in normalizedMessage');
    assert.equal(fetched.normalizedMessage?.content?.[0].attachment?.id, mediaId, 'the file too');
    assert.equal(fetched.normalizedMessage?.content?.[0].attachment?.filename, 'returns-label.png');

    sim.control.reset();
    assert.deepEqual(sim.control.messageFormat(), { legacyFields: true }, 'a reset brings them back');
});

test('the message format control refuses anything but true or false', async (t) => {
    const { sim } = await startSimulator(t);
    for (const value of ['false', 0, null]) {
        const refused = await setLegacyFields(sim, value);
        assert.equal(refused.status, 400, `legacyFields ${JSON.stringify(value)}`);
    }
    assert.deepEqual(sim.control.messageFormat(), { legacyFields: true });
});
