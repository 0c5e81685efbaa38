// An agent's files (conversation.agentFiles): the simulator as Genesys Cloud, the connector, a stand-in org. The file
// an agent sends in a message conversation comes in the notification's media; the connector copies it into Salesforce
// Files (a ContentVersion created through the REST API as the integration user) and sends one event naming it, without
// reading the message from Genesys. A file the media host no longer serves is named in copyError; a message without
// files is no event; a restart derives nothing twice.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { eventIdFor } from '../src/events';
import { MAX_FILE_BYTES } from '../src/files';
import { ofType, startReady } from './helpers/connector';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { SEED, asAgent, pickUp, startSimulator, type Sim, type SimRequest } from './helpers/simulator';

const ALEX = SEED.users.alex;
const AGENT_FILES = 'conversation.agentFiles';

interface SentAttachment {
    mediaId: string;
    url: string;
    name?: string;
    contentType?: string;
    sizeBytes?: number;
    contentVersionId?: string;
    copyError?: string;
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A WhatsApp conversation in Support that Alex has picked up; its id and Alex's leg and communication. */
async function connectedToAlex(sim: Sim, sf: FakeSalesforce): Promise<{ id: string; leg: string; comm: string }> {
    sim.control.setPresence(ALEX, 'OnQueue');
    const { id } = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: '+13175550123',
        queue: 'Support',
        text: 'Can you send me the invoice?'
    });
    await sf.until(() => ofType(sf, 'conversation.alerting').some((r) => r.conversationId === id));
    await pickUp(sim, id, ALEX);
    const read = await asAgent(sim, ALEX, 'GET', `/api/v2/conversations/${id}`, undefined);
    const participants = (read.body as { participants: { id: string; userId?: string; messages?: { id: string }[] }[] })
        .participants;
    const leg = participants.filter((p) => p.userId === ALEX).at(-1);
    const comm = leg?.messages?.[0]?.id;
    assert.ok(leg !== undefined && comm !== undefined, 'Alex has a message communication');
    return { id, leg: leg.id, comm };
}

/** Alex sends one file as a message, as the agent's client does: the presigned upload, then the message naming it. */
async function agentSendsFile(
    sim: Sim,
    c: { id: string; comm: string },
    fileName: string,
    bytes: Buffer
): Promise<{ messageId: string; mediaId: string }> {
    const base = `/api/v2/conversations/messages/${c.id}/communications/${c.comm}/messages`;
    const slot = await asAgent(sim, ALEX, 'POST', `${base}/media/uploads`, {
        fileName,
        contentLengthBytes: bytes.length
    });
    assert.equal(slot.status, 200, JSON.stringify(slot.body));
    const upload = slot.body as { id: string; uploadUrl: string; uploadHeaders: Record<string, string> };
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.uploadHeaders, body: bytes });
    assert.equal(put.status, 200, await put.text());
    const sent = await asAgent(sim, ALEX, 'POST', base, { textBody: '', mediaIds: [upload.id] });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    return { messageId: (sent.body as { id: string }).id, mediaId: upload.id };
}

async function agentSendsText(sim: Sim, c: { id: string; comm: string }, text: string): Promise<string> {
    const path = `/api/v2/conversations/messages/${c.id}/communications/${c.comm}/messages`;
    const sent = await asAgent(sim, ALEX, 'POST', path, { textBody: text });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    return (sent.body as { id: string }).id;
}

/** Every request the simulator answers (to tell whether a message was read). */
async function loggedSimulator(t: TestContext): Promise<{ sim: Sim; requests: SimRequest[] }> {
    const requests: SimRequest[] = [];
    const sim = await startSimulator(t, { log: (entry) => requests.push(entry) });
    return { sim, requests };
}

test("an agent's 10 MB file lands in Salesforce Files whole, named by one agentFiles event; the message is not read", async (t) => {
    const { sim, requests } = await loggedSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf);
    const conversation = await connectedToAlex(sim, sf);
    const big = randomBytes(MAX_FILE_BYTES);
    assert.equal(big.length, 10 * 1024 * 1024);

    const { messageId, mediaId } = await agentSendsFile(sim, conversation, 'contract.pdf', big);
    await sf.until(() => ofType(sf, AGENT_FILES).length === 1);

    assert.equal(sf.files.length, 1, 'one ContentVersion');
    const [created] = sf.files;
    assert.deepEqual(
        [created?.fields.Title, created?.fields.PathOnClient, created?.contentType, created?.bytes.length],
        ['contract.pdf', 'contract.pdf', 'application/pdf', MAX_FILE_BYTES]
    );
    assert.equal(sha(created?.bytes ?? new Uint8Array()), sha(big), 'byte for byte');
    const [event] = ofType(sf, AGENT_FILES);
    const { data, ...envelope } = event?.body as {
        occurredAt: string;
        data: { messageId: string; attachments: SentAttachment[] };
    };
    assert.deepEqual(envelope, {
        eventId: eventIdFor(conversation.id, AGENT_FILES, messageId),
        type: AGENT_FILES,
        occurredAt: envelope.occurredAt,
        conversationId: conversation.id,
        participantId: conversation.leg,
        userId: ALEX,
        queueId: SEED.queues.support,
        channel: 'whatsapp'
    });
    assert.match(String(envelope.occurredAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const [attachment] = data.attachments;
    assert.deepEqual(
        { ...data, attachments: [{ ...attachment, url: undefined }] },
        {
            messageId,
            attachments: [
                {
                    mediaId,
                    url: undefined,
                    name: 'contract.pdf',
                    contentType: 'application/pdf',
                    sizeBytes: MAX_FILE_BYTES,
                    contentVersionId: created?.id
                }
            ]
        },
        'no text; the file with its ContentVersion'
    );
    assert.match(attachment?.url ?? '', new RegExp(`^${sim.url}/media/${mediaId}/contract\\.pdf\\?signature=`));
    assert.equal(
        requests.some((r) => r.url.includes(messageId)),
        false,
        'the agent message was not read from Genesys'
    );
    assert.equal(sf.requests.filter((r) => r.type === AGENT_FILES).length, 1, 'sent once');
});

test('a file the media host no longer serves is named in copyError, and the event still reaches the org', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    // The media host answers as an expired presigned URL does (403); every other request goes through.
    const realFetch = globalThis.fetch;
    const downloads: string[] = [];
    globalThis.fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (!url.startsWith(`${sim.url}/media/`)) return realFetch(input, init);
        downloads.push(url);
        return Promise.resolve(new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 }));
    };
    t.after(() => {
        globalThis.fetch = realFetch;
    });
    await startReady(t, sim, sf);
    const conversation = await connectedToAlex(sim, sf);

    const { messageId } = await agentSendsFile(sim, conversation, 'label.png', Buffer.from('png bytes'));
    await sf.until(() => ofType(sf, AGENT_FILES).length === 1);

    assert.equal(downloads.length, 1, 'tried once: a 403 is final');
    assert.equal(sf.files.length, 0);
    const data = ofType(sf, AGENT_FILES)[0]?.body.data as { messageId: string; attachments: SentAttachment[] };
    assert.equal(data.messageId, messageId);
    assert.deepEqual(
        data.attachments.map((a) => [a.name, a.contentVersionId, a.copyError]),
        [['label.png', undefined, 'The contact centre no longer serves the file (403).']]
    );
});

test("an agent's message without files is no agentFiles event", async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf);
    const conversation = await connectedToAlex(sim, sf);

    await agentSendsText(sim, conversation, 'I will send it shortly.');
    // Then something that is an event, so the connector has certainly taken in the text's notification.
    sim.control.customerDisconnect(conversation.id);
    await sf.until(() => ofType(sf, 'conversation.wrapUpRequired').length === 1);
    assert.deepEqual(
        sf.accepted.map((r) => r.type),
        [
            'conversation.customerMessage',
            'conversation.alerting',
            'conversation.connected',
            'conversation.disconnected',
            'conversation.wrapUpRequired'
        ]
    );
    assert.equal(sf.files.length, 0);
});

test("a restart derives an agent's files once: one event, one copy, nothing derived twice", async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-agent-files-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const env = { RELAY_STORE: `sqlite:${join(dir, 'outbox.db')}` };

    const first = await startReady(t, sim, sf, { env });
    const conversation = await connectedToAlex(sim, sf);
    const pdf = Buffer.from('%PDF-1.7 invoice 1234');
    const { messageId } = await agentSendsFile(sim, conversation, 'invoice.pdf', pdf);
    await sf.until(() => ofType(sf, AGENT_FILES).length === 1);
    await first.connector.close();

    // After the restart (its reconciliation reads the conversation back), more happens in the conversation: each
    // notification lists the agent's message with its file again.
    const restarted = await startReady(t, sim, sf, { env });
    sim.control.customerReply(conversation.id, 'Thanks, got it.');
    await agentSendsText(sim, conversation, 'You are welcome.');
    sim.control.customerDisconnect(conversation.id);
    await sf.until(() => ofType(sf, 'conversation.wrapUpRequired').length === 1);
    restarted.connector.genesys?.reconciler.request('again');
    await restarted.connector.genesys?.reconciler.idle();
    while ((await restarted.connector.store.stats(Date.now())).pending > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
    }

    assert.deepEqual(
        sf.requests.filter((r) => r.type === AGENT_FILES).map((r) => r.eventId),
        [eventIdFor(conversation.id, AGENT_FILES, messageId)],
        'one agentFiles event, sent once'
    );
    assert.equal(sf.files.length, 1, 'the file was copied once');
    assert.equal(sha(sf.files[0]?.bytes ?? new Uint8Array()), sha(pdf));
    assert.equal(
        restarted.connector.metrics.value('relay_connector_events_duplicate_total'),
        0,
        'the restarted connector derived nothing it had already'
    );
    assert.equal(new Set(sf.accepted.map((r) => r.eventId)).size, sf.accepted.length);
});
