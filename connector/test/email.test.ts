// Genesys email conversations (media type email, docs/email.md) end to end: the simulator as Genesys Cloud, the
// connector, a stand-in org. The agent's email legs give the same events as message legs, with `mediaType: email` and
// the subject; each inbound email of the thread is one customerMessage with its text body and files; the agent's own
// replies are no events unless they carry files, which the connector copies into Salesforce Files and names in one
// agentFiles event (docs/events.md §2.5); a restart in the middle sends nothing twice.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventIdFor } from '../src/events';
import { MAX_FILE_BYTES } from '../src/files';
import { ofType, startReady } from './helpers/connector';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { SEED, asAgent, setEmailLeg, startSimulator, type Sim, type SimRequest } from './helpers/simulator';

const ALEX = SEED.users.alex;
const SUBJECT = 'Order 1234 arrived damaged';
// Longer than the 200 characters of the thread listing's textBodyPreview: the event must carry it whole.
const BODY = `Hello,\n\nThe parcel came in today and the box was crushed. ${'The vase inside is broken. '.repeat(12)}\n\nSam`;
const PHOTO = Buffer.from('jpeg bytes of the broken vase');

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const types = (sf: FakeSalesforce): string[] => sf.accepted.map((r) => r.type);

function emailToSupport(sim: Sim): string {
    return sim.control.startEmail({
        queue: 'Support',
        fromAddress: 'sam.lee@example.com',
        fromName: 'Sam Lee',
        subject: SUBJECT,
        textBody: BODY,
        htmlBody: '<p>Hello,</p><p>HTML ONLY</p>',
        attachments: [{ name: 'vase.jpg', contentType: 'image/jpeg', dataBase64: PHOTO.toString('base64') }]
    }).id;
}

async function reply(
    sim: Sim,
    conversationId: string,
    text: string,
    attachments: { attachmentId: string; name: string }[] = []
): Promise<void> {
    const path = `/api/v2/conversations/emails/${conversationId}/messages`;
    const answer = await asAgent(sim, ALEX, 'POST', path, {
        to: [{ email: 'sam.lee@example.com' }],
        from: { email: 'support@relay.example' },
        textBody: text,
        ...(attachments.length > 0 ? { attachments } : {})
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
}

/**
 * One file of Alex's next email, as Relay's reply box uploads it: a draft attachment of the conversation
 * (createEmailDraftAttachmentUpload, UploadAttachmentRequest {name, contentLengthBytes}), then the PUT of its bytes to
 * the answer's url with its headers (UploadAttachmentResponse).
 */
async function draftAttachment(
    sim: Sim,
    conversationId: string,
    name: string,
    bytes: Buffer
): Promise<{ attachmentId: string; name: string }> {
    const path = `/api/v2/conversations/emails/${conversationId}/messages/draft/attachments/uploads`;
    const slot = await asAgent(sim, ALEX, 'POST', path, { name, contentLengthBytes: bytes.length });
    assert.equal(slot.status, 200, JSON.stringify(slot.body));
    const upload = slot.body as { attachmentId: string; url: string; headers: Record<string, string> };
    const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes });
    assert.equal(put.status, 200, await put.text());
    return { attachmentId: upload.attachmentId, name };
}

/** An email of Sam's in Support, picked up by Alex; the connector has seen the pick-up. */
async function connectedEmail(sim: Sim, sf: FakeSalesforce): Promise<string> {
    sim.control.setPresence(ALEX, 'OnQueue');
    const conversationId = emailToSupport(sim);
    await sf.until(() => ofType(sf, 'conversation.alerting').some((r) => r.conversationId === conversationId));
    await setEmailLeg(sim, conversationId, ALEX, 'connected');
    await sf.until(() => ofType(sf, 'conversation.connected').some((r) => r.conversationId === conversationId));
    return conversationId;
}

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

test("a customer's email reaches Salesforce with its subject, text body and file; the agent's legs give events with mediaType email", async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf);

    const conversationId = emailToSupport(sim);
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 1);
    const firstEmail = sim.control.conversation(conversationId).transcript[0];
    const [first] = ofType(sf, 'conversation.customerMessage');
    assert.equal(first?.eventId, eventIdFor(conversationId, 'conversation.customerMessage', firstEmail?.id ?? ''));
    assert.equal(first?.body.channel, 'email');
    assert.equal(first?.body.queueId, SEED.queues.support);
    assert.equal(first?.body.userId, null, 'no agent has it yet');
    const { attachments, ...data } = first?.body.data as { attachments: Record<string, unknown>[] };
    assert.deepEqual(data, {
        messageId: firstEmail?.id,
        text: BODY,
        customerName: 'Sam Lee',
        customerAddress: 'sam.lee@example.com',
        mediaType: 'email',
        subject: SUBJECT
    });
    assert.equal(attachments.length, 1);
    assert.equal(attachments[0]?.name, 'vase.jpg');
    assert.equal(attachments[0]?.contentType, 'image/jpeg');
    assert.equal(attachments[0]?.sizeBytes, PHOTO.length);
    assert.equal(sf.files.length, 1, 'the file was copied into Salesforce Files');
    assert.equal(attachments[0]?.contentVersionId, sf.files[0]?.id);
    assert.equal(sha(sf.files[0]?.bytes ?? new Uint8Array()), sha(PHOTO));

    // Alex goes On Queue: offered, then picked up.
    sim.control.setPresence(ALEX, 'OnQueue');
    await sf.until(() => ofType(sf, 'conversation.alerting').length === 1);
    await setEmailLeg(sim, conversationId, ALEX, 'connected');
    await sf.until(() => ofType(sf, 'conversation.connected').length === 1);
    const leg = sim.control.conversation(conversationId).participants.find((p) => p.purpose === 'agent');
    const alerting = ofType(sf, 'conversation.alerting')[0];
    assert.equal(alerting?.eventId, eventIdFor(conversationId, 'conversation.alerting', leg?.id ?? ''));
    assert.equal(alerting?.body.userId, ALEX);
    assert.equal(alerting?.body.channel, 'email');
    assert.deepEqual(alerting?.body.data, {
        alertingTimeoutMs: 30_000,
        customerName: 'Sam Lee',
        customerAddress: 'sam.lee@example.com',
        mediaType: 'email',
        subject: SUBJECT
    });
    assert.deepEqual(ofType(sf, 'conversation.connected')[0]?.body.data, { mediaType: 'email', subject: SUBJECT });

    // A further email of the customer: a second customerMessage, to Alex now.
    const second = sim.control.customerEmail(conversationId, { textBody: 'Photos of the box will follow.' });
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 2);
    const again = ofType(sf, 'conversation.customerMessage')[1];
    assert.equal(again?.body.userId, ALEX);
    assert.deepEqual(again?.body.data, {
        messageId: second.id,
        text: 'Photos of the box will follow.',
        customerName: 'Sam Lee',
        customerAddress: 'sam.lee@example.com',
        mediaType: 'email',
        subject: `Re: ${SUBJECT}`
    });

    // Alex replies and ends it: the reply is no event; disconnected and wrap-up due.
    await reply(sim, conversationId, 'Sorry to hear that: a new vase is on its way.');
    await setEmailLeg(sim, conversationId, ALEX, 'disconnected');
    await sf.until(() => ofType(sf, 'conversation.wrapUpRequired').length === 1);
    assert.deepEqual(types(sf), [
        'conversation.customerMessage',
        'conversation.alerting',
        'conversation.connected',
        'conversation.customerMessage',
        'conversation.disconnected',
        'conversation.wrapUpRequired'
    ]);
    assert.deepEqual(ofType(sf, 'conversation.disconnected')[0]?.body.data, { disconnectedBy: 'agent' });
    assert.equal(ofType(sf, 'conversation.wrapUpRequired')[0]?.body.userId, ALEX);
    assert.equal(sf.requests.length, sf.accepted.length, 'nothing sent twice');
    assert.equal(sf.files.length, 1);
});

test('a restart in the middle of an email conversation: what happened meanwhile reaches Salesforce, nothing twice', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-email-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const env = { RELAY_STORE: `sqlite:${join(dir, 'outbox.db')}` };

    const first = await startReady(t, sim, sf, { env });
    sim.control.setPresence(ALEX, 'OnQueue');
    const conversationId = emailToSupport(sim);
    await sf.until(() => ofType(sf, 'conversation.alerting').length === 1);
    await first.connector.close();

    // Nobody listens: Alex picks up, the customer writes again, Alex replies and ends it.
    await setEmailLeg(sim, conversationId, ALEX, 'connected');
    const second = sim.control.customerEmail(conversationId, { textBody: 'Any news?' });
    await reply(sim, conversationId, 'Yes: a new vase is on its way.');
    await setEmailLeg(sim, conversationId, ALEX, 'disconnected');

    const restarted = await startReady(t, sim, sf, { env });
    await sf.until(() => ofType(sf, 'conversation.wrapUpRequired').length === 1);
    // The restart read the conversation and its thread back once; a second read adds nothing.
    restarted.connector.genesys?.reconciler.request('again');
    await restarted.connector.genesys?.reconciler.idle();
    while ((await restarted.connector.store.stats(Date.now())).pending > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual(types(sf), [
        'conversation.customerMessage',
        'conversation.alerting',
        'conversation.connected',
        'conversation.customerMessage',
        'conversation.disconnected',
        'conversation.wrapUpRequired'
    ]);
    const messages = ofType(sf, 'conversation.customerMessage').map(
        (r) => (r.body.data as { messageId: string }).messageId
    );
    assert.equal(messages[1], second.id);
    assert.equal((ofType(sf, 'conversation.customerMessage')[1]?.body.data as { text: string }).text, 'Any news?');
    assert.ok(
        ofType(sf, 'conversation.connected').every((r) => (r.body.data as { mediaType?: string }).mediaType === 'email')
    );
    assert.equal(new Set(sf.accepted.map((r) => r.eventId)).size, sf.accepted.length);
    assert.equal(sf.files.length, 1, 'the file was copied once');
});

test('a thread read that Genesys rate-limits is waited out; one it refuses is made again with the next change', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const { connector } = await startReady(t, sim, sf);
    const answered = async (operation: string, status: number): Promise<void> => {
        const line = `relay_connector_genesys_requests_total{operation="${operation}",status="${status}"}`;
        while (!(await connector.metrics.render()).includes(line)) await new Promise((r) => setTimeout(r, 10));
    };

    // 429 on the thread and on the email: each waited out (Retry-After), the email arrives once, whole.
    sim.control.injectFault({ operation: 'getEmailMessages', status: 429, retryAfterSeconds: 1, count: 1 });
    sim.control.injectFault({ operation: 'getEmailMessage', status: 429, retryAfterSeconds: 1, count: 1 });
    const conversationId = emailToSupport(sim);
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 1);
    assert.equal((ofType(sf, 'conversation.customerMessage')[0]?.body.data as { text: string }).text, BODY);
    await answered('getConversationsEmailMessages', 429);
    await answered('getConversationsEmailMessage', 429);

    // 403 on the thread read of the next email: nothing yet; Alex's offer reads it again, and the order holds.
    sim.control.injectFault({ operation: 'getEmailMessages', status: 403, count: 1 });
    const second = sim.control.customerEmail(conversationId, { textBody: 'Any news?' });
    await answered('getConversationsEmailMessages', 403);
    assert.equal(ofType(sf, 'conversation.customerMessage').length, 1);
    sim.control.setPresence(ALEX, 'OnQueue');
    await sf.until(() => ofType(sf, 'conversation.alerting').length === 1);
    assert.deepEqual(types(sf), [
        'conversation.customerMessage',
        'conversation.customerMessage',
        'conversation.alerting'
    ]);
    assert.equal(
        (ofType(sf, 'conversation.customerMessage')[1]?.body.data as { messageId: string }).messageId,
        second.id
    );
});

test("an agent's 10 MB email file lands in Salesforce Files whole, named by the email's id and its attachment id", async (t) => {
    const requests: SimRequest[] = [];
    const sim = await startSimulator(t, { log: (entry) => requests.push(entry) });
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf);
    const conversationId = await connectedEmail(sim, sf);
    const big = randomBytes(MAX_FILE_BYTES);
    assert.equal(big.length, 10 * 1024 * 1024);

    const file = await draftAttachment(sim, conversationId, 'contract.pdf', big);
    await reply(sim, conversationId, 'The contract is attached.', [file]);
    await sf.until(() => ofType(sf, AGENT_FILES).length === 1);

    const sent = sim.control.conversation(conversationId).transcript.at(-1);
    assert.ok(sent !== undefined);
    const leg = sim.control.conversation(conversationId).participants.find((p) => p.purpose === 'agent');
    assert.equal(sf.files.length, 2, "the customer's photo, then the agent's file");
    const created = sf.files[1];
    assert.deepEqual(
        [created?.fields.Title, created?.contentType, created?.bytes.length],
        ['contract.pdf', 'application/pdf', MAX_FILE_BYTES]
    );
    assert.equal(sha(created?.bytes ?? new Uint8Array()), sha(big), 'byte for byte');
    const [event] = ofType(sf, AGENT_FILES);
    assert.equal(event?.eventId, eventIdFor(conversationId, AGENT_FILES, sent.id));
    assert.equal(event?.body.userId, ALEX);
    assert.equal(event?.body.participantId, leg?.id);
    assert.equal(event?.body.channel, 'email');
    const data = event?.body.data as { messageId: string; mediaType: string; attachments: SentAttachment[] };
    assert.deepEqual(
        { ...data, attachments: data.attachments.map((a) => ({ ...a, url: undefined })) },
        {
            messageId: sent.id,
            mediaType: 'email',
            attachments: [
                {
                    mediaId: file.attachmentId,
                    url: undefined,
                    name: 'contract.pdf',
                    contentType: 'application/pdf',
                    sizeBytes: MAX_FILE_BYTES,
                    contentVersionId: created?.id
                }
            ]
        },
        'the attachment id the reply chose, and the ContentVersion; no text'
    );
    assert.ok(
        requests.some((r) => r.operation === 'getEmailMessage' && r.url.includes(sent.id)),
        'the email was read again for a fresh contentUri before the copy'
    );
    assert.equal(sf.requests.filter((r) => r.type === AGENT_FILES).length, 1, 'sent once');
});

test("an agent's email file the contact centre refuses to serve is named in copyError; the event still reaches the org", async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const realFetch = globalThis.fetch;
    const downloads: string[] = [];
    // The connector's downloads of the agent's file answer as an expired signed URL does (403).
    let refuse = '';
    globalThis.fetch = (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (refuse === '' || !url.startsWith(`${sim.url}/media/${refuse}`)) return realFetch(input, init);
        downloads.push(url);
        return Promise.resolve(new Response('<Error><Code>AccessDenied</Code></Error>', { status: 403 }));
    };
    t.after(() => {
        globalThis.fetch = realFetch;
    });
    await startReady(t, sim, sf);
    const conversationId = await connectedEmail(sim, sf);

    const file = await draftAttachment(sim, conversationId, 'label.png', Buffer.from('png bytes'));
    refuse = file.attachmentId;
    await reply(sim, conversationId, 'Here is the label.', [file]);
    await sf.until(() => ofType(sf, AGENT_FILES).length === 1);

    assert.equal(downloads.length, 1, 'tried once: a 403 is final');
    assert.equal(sf.files.length, 1, "only the customer's photo");
    const data = ofType(sf, AGENT_FILES)[0]?.body.data as { attachments: SentAttachment[] };
    assert.deepEqual(
        data.attachments.map((a) => [a.mediaId, a.contentVersionId, a.copyError]),
        [[file.attachmentId, undefined, 'The contact centre no longer serves the file (403).']]
    );
});

test("a restart copies an agent's email file once: one event, one copy, nothing derived twice", async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-email-files-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const env = { RELAY_STORE: `sqlite:${join(dir, 'outbox.db')}` };

    const first = await startReady(t, sim, sf, { env });
    const conversationId = await connectedEmail(sim, sf);
    const pdf = Buffer.from('%PDF-1.7 invoice 1234');
    const file = await draftAttachment(sim, conversationId, 'invoice.pdf', pdf);
    await reply(sim, conversationId, 'Your invoice.', [file]);
    await sf.until(() => ofType(sf, AGENT_FILES).length === 1);
    await first.connector.close();

    // Meanwhile and after the restart, more happens: each read of the thread lists the agent's email and its file again.
    sim.control.customerEmail(conversationId, { textBody: 'Thanks, got it.' });
    const restarted = await startReady(t, sim, sf, { env });
    await reply(sim, conversationId, 'You are welcome.');
    await setEmailLeg(sim, conversationId, ALEX, 'disconnected');
    await sf.until(() => ofType(sf, 'conversation.wrapUpRequired').length === 1);
    restarted.connector.genesys?.reconciler.request('again');
    await restarted.connector.genesys?.reconciler.idle();
    while ((await restarted.connector.store.stats(Date.now())).pending > 0) {
        await new Promise((resolve) => setTimeout(resolve, 10));
    }

    const sent = sim.control.conversation(conversationId).transcript.find((e) => e.text === 'Your invoice.');
    assert.deepEqual(
        sf.requests.filter((r) => r.type === AGENT_FILES).map((r) => r.eventId),
        [eventIdFor(conversationId, AGENT_FILES, sent?.id ?? '')],
        'one agentFiles event, sent once'
    );
    assert.equal(sf.files.length, 2, "the customer's photo and the agent's file, each copied once");
    assert.equal(sha(sf.files[1]?.bytes ?? new Uint8Array()), sha(pdf));
    assert.equal(
        restarted.connector.metrics.value('relay_connector_events_duplicate_total'),
        0,
        'the restarted connector derived nothing it had already'
    );
    assert.equal(new Set(sf.accepted.map((r) => r.eventId)).size, sf.accepted.length);
});
