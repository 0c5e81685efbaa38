// Genesys email conversations (media type email, docs/email.md) end to end: the simulator as Genesys Cloud, the
// connector, a stand-in org. The agent's email legs give the same events as message legs, with `mediaType: email` and
// the subject; each inbound email of the thread is one customerMessage with its text body and files; the agent's own
// replies are no events; a restart in the middle sends nothing twice.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { eventIdFor } from '../src/events';
import { ofType, startReady } from './helpers/connector';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { SEED, asAgent, setEmailLeg, startSimulator, type Sim } from './helpers/simulator';

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

async function reply(sim: Sim, conversationId: string, text: string): Promise<void> {
    const path = `/api/v2/conversations/emails/${conversationId}/messages`;
    const answer = await asAgent(sim, ALEX, 'POST', path, {
        to: [{ email: 'sam.lee@example.com' }],
        from: { email: 'support@relay.example' },
        textBody: text
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
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
