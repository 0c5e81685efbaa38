// Email as its own media type (docs/email.md), driven by the official SDK: an inbound email is routed like a
// message, picked up, read, answered, ended and wrapped up under /api/v2/conversations/emails; the messaging paths
// answer 404 for it (and the email paths for a messaging conversation); the queue topic carries `emails[]`.
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { test, type TestContext } from 'node:test';
import type { Models } from 'purecloud-platform-client-v2';
import { DEFAULT_CLIENT } from '../src/auth';
import type { Simulator } from '../src/server';
import {
    ALEX,
    BLAKE,
    SEED_IDS,
    goOnQueue,
    platformClient,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator
} from './helpers';

const SUPPORT = SEED_IDS.queues.support;
const BILLING = SEED_IDS.queues.billing;
const RECEIPT = Buffer.from('%PDF-1.4 receipt #1042');
const MARIA = { email: 'maria.garcia@example.com', name: 'Maria Garcia' };

function startOrderEmail(sim: Simulator) {
    return sim.control.startEmail({
        queue: 'Support',
        fromAddress: MARIA.email,
        fromName: MARIA.name,
        subject: 'Order #1042',
        textBody: 'Where is my order #1042? It was due on Monday.',
        htmlBody: '<p>Where is my order <b>#1042</b>? It was due on Monday.</p>',
        attachments: [{ name: 'receipt.pdf', contentType: 'application/pdf', dataBase64: RECEIPT.toString('base64') }]
    });
}

/** The latest agent participant of `userId` on the email conversation. */
function agentOf(conversation: Models.EmailConversation, userId: string) {
    const p = (conversation.participants ?? []).filter((x) => x.purpose === 'agent' && x.user?.id === userId).at(-1);
    if (p?.id === undefined) throw new Error(`no agent participant for ${userId}`);
    return p as typeof p & { id: string };
}

const customerOf = (conversation: Models.EmailConversation) =>
    (conversation.participants ?? []).find((p) => p.purpose === 'customer');

/** An SDK rejection with this status and Genesys error code. */
const refused =
    (status: number, code: string) =>
    (error: Record<string, unknown>): boolean => {
        assert.equal(error.status, status);
        assert.equal(error.code, code);
        assert.equal(typeof error.message, 'string');
        assert.equal(typeof error.contextId, 'string');
        return true;
    };

test('an inbound email is offered, picked up, read, answered, ended and wrapped up through the SDK', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);

    const started = startOrderEmail(sim);
    assert.equal(started.mediaType, 'email');
    assert.equal(started.subject, 'Order #1042');
    assert.equal(started.state, 'alerting', 'routed to the On Queue agent like a message');

    const offered = await sdk.conversations.getConversationsEmail(started.id);
    const agent = agentOf(offered, ALEX);
    assert.equal(agent.state, 'alerting');
    assert.equal(agent.queue?.id, SUPPORT);
    assert.equal(agent.alertingTimeoutMs, 30_000);
    const customer = customerOf(offered);
    assert.equal(customer?.address, MARIA.email);
    assert.equal(customer?.subject, 'Order #1042');
    assert.equal(customer?.messagesSent, 1);
    assert.equal(customer?.direction, 'inbound');
    assert.equal(customer?.provider, 'PureCloud Email');
    assert.ok(
        (offered.participants ?? []).some((p) => p.purpose === 'acd' && p.queue?.id === SUPPORT),
        'the queue has an acd participant'
    );
    const generic = await sdk.conversations.getConversation(started.id);
    const genericCustomer = generic.participants.find((p) => p.purpose === 'customer');
    assert.equal(genericCustomer?.messages, undefined, 'an email participant has no messages communication');
    assert.equal(genericCustomer?.emails?.[0]?.subject, 'Order #1042');
    assert.equal(genericCustomer?.emails?.[0]?.messagesSent, 1);
    assert.equal(genericCustomer?.emails?.[0]?.direction, 'inbound');
    assert.equal(genericCustomer?.emails?.[0]?.state, 'connected');
    assert.ok(genericCustomer?.emails?.[0]?.messageId !== undefined);
    const genericAgent = generic.participants.find((p) => p.id === agent.id);
    assert.equal(genericAgent?.emails?.[0]?.state, 'alerting');

    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, { state: 'connected' });
    assert.equal(agentOf(await sdk.conversations.getConversationsEmail(started.id), ALEX).state, 'connected');
    assert.equal((await sdk.users.getUserRoutingstatus(ALEX)).status, 'INTERACTING');

    // The thread: a preview per email, each email whole, its attachment downloadable.
    const thread = await sdk.conversations.getConversationsEmailMessages(started.id);
    assert.equal(thread.entities?.length, 1);
    const first = thread.entities?.[0];
    assert.deepEqual(first?.from, MARIA);
    assert.deepEqual(
        first?.to.map((a) => a.email),
        ['support@relay.example'],
        "sent to the queue's inbound address"
    );
    assert.equal(first?.subject, 'Order #1042');
    assert.equal(first?.textBodyPreview, 'Where is my order #1042? It was due on Monday.');
    const whole = await sdk.conversations.getConversationsEmailMessage(started.id, first?.id ?? '');
    assert.equal(whole.textBody, 'Where is my order #1042? It was due on Monday.');
    assert.equal(whole.htmlBody, '<p>Where is my order <b>#1042</b>? It was due on Monday.</p>');
    const attachment = whole.attachments?.[0];
    assert.equal(attachment?.name, 'receipt.pdf');
    assert.equal(attachment?.contentType, 'application/pdf');
    assert.equal(attachment?.contentLength, RECEIPT.length);
    const download = await fetch(attachment?.contentUri ?? '');
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), RECEIPT);

    // The reply: from the queue's address to the customer, in the thread after the customer's email.
    const reply = await sdk.conversations.postConversationsEmailMessages(started.id, {
        to: [MARIA],
        from: { email: 'support@relay.example', name: 'Support' },
        subject: 'Re: Order #1042',
        textBody: 'It ships today; here is the tracking number.'
    });
    assert.equal(reply.textBody, 'It ships today; here is the tracking number.');
    assert.deepEqual(reply.to, [MARIA]);
    const answered = await sdk.conversations.getConversationsEmailMessages(started.id);
    assert.deepEqual(
        answered.entities?.map((e) => [e.from.email, e.to.map((a) => a.email).join(), e.subject]),
        [
            [MARIA.email, 'support@relay.example', 'Order #1042'],
            ['support@relay.example', MARIA.email, 'Re: Order #1042']
        ]
    );
    assert.equal(agentOf(await sdk.conversations.getConversationsEmail(started.id), ALEX).messagesSent, 1);

    // A further email of the customer joins the thread.
    const further = sim.control.customerEmail(started.id, { textBody: 'Thank you!' });
    assert.equal(further.email?.subject, 'Re: Order #1042');
    assert.equal(customerOf(await sdk.conversations.getConversationsEmail(started.id))?.messagesSent, 2);
    assert.equal((await sdk.conversations.getConversationsEmailMessages(started.id)).entities?.length, 3);

    // Disconnect, after-call work, wrap-up: the agent is IDLE again.
    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, { state: 'disconnected' });
    const ended = agentOf(await sdk.conversations.getConversationsEmail(started.id), ALEX);
    assert.equal(ended.state, 'disconnected');
    assert.equal(ended.wrapupRequired, true);
    assert.equal((await sdk.users.getUserRoutingstatus(ALEX)).status, 'INTERACTING', 'after-call work is pending');
    const codes = await sdk.conversations.getConversationsEmailParticipantWrapupcodes(started.id, agent.id);
    assert.deepEqual(
        codes.map((c) => c.name),
        ['Resolved', 'Follow-up required', 'Escalated to tier 2']
    );
    const communication = (await sdk.conversations.getConversation(started.id)).participants.find(
        (p) => p.id === agent.id
    )?.emails?.[0]?.id;
    assert.ok(communication !== undefined);
    await sdk.conversations.postConversationsEmailParticipantCommunicationWrapup(started.id, agent.id, communication, {
        body: { code: SEED_IDS.codes.resolved, notes: 'Shipped today' }
    });
    const wrapped = (await sdk.conversations.getConversation(started.id)).participants.find((p) => p.id === agent.id);
    assert.equal(wrapped?.wrapup?.code, SEED_IDS.codes.resolved);
    assert.equal(wrapped?.emails?.[0]?.afterCallWork?.state, 'complete');
    assert.equal((await sdk.users.getUserRoutingstatus(ALEX)).status, 'IDLE');
    assert.deepEqual(
        (await sdk.conversations.getConversationsMessages()).entities,
        [],
        'an email is never listed among the message conversations'
    );
});

test("the agent's active email conversations are listed apart from the message ones, and an email leg's wrap-up reads back", async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = startOrderEmail(sim);

    const listed = await sdk.conversations.getConversationsEmails();
    assert.deepEqual(
        listed.entities?.map((c) => c.id),
        [started.id]
    );
    const agent = agentOf(listed.entities?.[0] as Models.EmailConversation, ALEX);
    assert.equal(agent.state, 'alerting');
    assert.equal(customerOf(listed.entities?.[0] as Models.EmailConversation)?.subject, 'Order #1042');
    assert.deepEqual((await sdk.conversations.getConversationsMessages()).entities, [], 'no email among the messages');

    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, { state: 'connected' });
    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, { state: 'disconnected' });
    assert.deepEqual(await sdk.conversations.getConversationsEmailParticipantWrapup(started.id, agent.id), {});
    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, {
        wrapup: { code: SEED_IDS.codes.resolved, notes: 'Shipped' }
    });
    const assigned = await sdk.conversations.getConversationsEmailParticipantWrapup(started.id, agent.id);
    assert.equal(assigned.code, SEED_IDS.codes.resolved);
    assert.equal(assigned.notes, 'Shipped');
    assert.deepEqual(
        (await sdk.conversations.getConversationsEmails()).entities?.map((c) => c.id),
        [],
        'a wrapped-up email is no longer active'
    );
});

test('messaging operations answer 404 for an email conversation, and email operations for a messaging one', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const email = startOrderEmail(sim);
    // A message conversation (web chat); the email channel itself always starts an email, never a message.
    const standIn = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia.web',
        queue: 'Support',
        text: 'Hello'
    });
    assert.equal(standIn.mediaType, 'message');
    const viaChannel = sim.control.startConversation({
        channel: 'email',
        customerName: 'Maria Garcia',
        customerAddress: MARIA.email,
        queue: 'Support',
        text: 'Subject: Where is my order?\n\nIt has been a week.'
    });
    assert.deepEqual(
        [viaChannel.mediaType, viaChannel.subject, viaChannel.transcript[0]?.text],
        ['email', 'Where is my order?', 'It has been a week.'],
        'an email start is an inbound email, its subject from the Subject line'
    );

    const notFound = (id: string) => (error: Record<string, unknown>) =>
        refused(404, 'not.found')(error) && error.entityId === id;
    await assert.rejects(sdk.conversations.getConversationsMessage(email.id), notFound(email.id));
    const acdOfEmail = email.participants.find((p) => p.purpose === 'acd')?.id ?? '';
    await assert.rejects(
        sdk.conversations.getConversationsMessageParticipantWrapupcodes(email.id, acdOfEmail),
        notFound(email.id)
    );
    await assert.rejects(sdk.conversations.getConversationsEmail(standIn.id), notFound(standIn.id));
    await assert.rejects(sdk.conversations.getConversationsEmailMessages(standIn.id), notFound(standIn.id));
    const acdOfStandIn = standIn.participants.find((p) => p.purpose === 'acd')?.id ?? '';
    await assert.rejects(
        sdk.conversations.patchConversationsEmailParticipant(standIn.id, acdOfStandIn, { state: 'connected' }),
        notFound(standIn.id)
    );

    // Both are conversations: the generic resource shows each with its media's communications.
    const genericEmail = await sdk.conversations.getConversation(email.id);
    assert.ok(genericEmail.participants.every((p) => p.emails?.length === 1 && p.messages === undefined));
    const genericStandIn = await sdk.conversations.getConversation(standIn.id);
    assert.ok(genericStandIn.participants.every((p) => p.messages?.length === 1 && p.emails === undefined));
    assert.equal((await sdk.conversations.getConversationsMessage(standIn.id)).id, standIn.id);
});

test('a reply is refused while the agent is not connected, and without recipients', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = startOrderEmail(sim);
    const reply: Models.EmailMessage = {
        to: [MARIA],
        from: { email: 'support@relay.example' },
        subject: 'Re: Order #1042',
        textBody: 'On its way.'
    };

    // Offered, not picked up yet.
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(started.id, reply),
        refused(409, 'conversation.error.participant.state')
    );
    const agent = agentOf(await sdk.conversations.getConversationsEmail(started.id), ALEX);
    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, { state: 'connected' });
    // Another agent, who holds no part of the conversation.
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    await assert.rejects(
        blake.conversations.postConversationsEmailMessages(started.id, reply),
        refused(409, 'conversation.error.participant.state')
    );
    // No `to`: the request breaks the contract (the SDK's EmailMessage requires it).
    const withoutTo: Partial<Models.EmailMessage> = { ...reply };
    delete withoutTo.to;
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(started.id, withoutTo as Models.EmailMessage),
        (error: Record<string, unknown>) =>
            refused(400, 'bad.request')(error) &&
            (error.details as { fieldName?: string }[]).some((d) => d.fieldName === 'body.to')
    );
    assert.equal((await sdk.conversations.getConversationsEmailMessages(started.id)).entities?.length, 1);

    // Connected, the same reply goes; after the disconnect it is refused again.
    await sdk.conversations.postConversationsEmailMessages(started.id, reply);
    await sdk.conversations.patchConversationsEmailParticipant(started.id, agent.id, { state: 'disconnected' });
    await assert.rejects(
        sdk.conversations.postConversationsEmailMessages(started.id, reply),
        refused(409, 'conversation.error.participant.state')
    );
    assert.equal((await sdk.conversations.getConversationsEmailMessages(started.id)).entities?.length, 2);
});

test('an agent transfers an email to another queue, where one of its agents is offered it', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = startOrderEmail(sim);
    const alex = agentOf(await sdk.conversations.getConversationsEmail(started.id), ALEX);
    await sdk.conversations.patchConversationsEmailParticipant(started.id, alex.id, { state: 'connected' });
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    await goOnQueue(blake, BLAKE);

    await sdk.conversations.postConversationsEmailParticipantReplace(started.id, alex.id, { queueId: BILLING });
    const transferred = await sdk.conversations.getConversationsEmail(started.id);
    const left = agentOf(transferred, ALEX);
    assert.equal(left.state, 'disconnected');
    assert.equal(left.disconnectType, 'transfer');
    assert.ok(transferred.participants?.some((p) => p.purpose === 'acd' && p.queue?.id === BILLING));
    const offered = agentOf(transferred, BLAKE);
    assert.equal(offered.state, 'alerting');
    assert.equal(offered.queue?.id, BILLING);
    assert.equal(transferred.recentTransfers?.length, 1);

    await blake.conversations.patchConversationsEmailParticipant(started.id, offered.id, { state: 'connected' });
    await blake.conversations.postConversationsEmailMessages(started.id, {
        to: [MARIA],
        from: { email: 'billing@relay.example', name: 'Billing' },
        subject: 'Re: Order #1042',
        textBody: 'Billing here: your refund is on its way.'
    });
    const thread = await blake.conversations.getConversationsEmailMessages(started.id);
    assert.deepEqual(
        thread.entities?.map((e) => e.from.email),
        [MARIA.email, 'billing@relay.example']
    );
    const wrapUpCodes = await sdk.conversations.getConversationsEmailParticipantWrapupcodes(started.id, alex.id);
    assert.deepEqual(
        wrapUpCodes.map((c) => c.name),
        ['Resolved', 'Follow-up required', 'Escalated to tier 2'],
        "the agent who transferred wraps up with the first queue's codes"
    );
});

// ----- notifications: a minimal WebSocket client (ws ships no types here) ---------------------------------------------

interface Envelope {
    topicName: string;
    eventBody: { id?: string; participants?: Models.QueueConversationEventTopicParticipant[] };
}

interface WsClient {
    on(event: 'open', listener: () => void): this;
    on(event: 'message', listener: (data: Buffer) => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    terminate(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ws has no type declarations in this project
const { WebSocket } = require('ws') as { WebSocket: new (url: string) => WsClient };

async function subscribe(t: TestContext, sim: Simulator, topics: string[]) {
    const ApiClientClass = platformClient.ApiClient.constructor as new () => typeof platformClient.ApiClient;
    const client = new ApiClientClass();
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: sim.port });
    await client.loginClientCredentialsGrant(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret);
    const notifications = new platformClient.NotificationsApi(client);
    const channel = await notifications.postNotificationsChannels();
    await notifications.putNotificationsChannelSubscriptions(
        channel.id ?? '',
        topics.map((id) => ({ id }))
    );
    const ws = new WebSocket(channel.connectUri ?? '');
    const events = new EventEmitter();
    const messages: Envelope[] = [];
    ws.on('message', (data) => {
        messages.push(JSON.parse(data.toString('utf8')) as Envelope);
        events.emit('message');
    });
    t.after(() => ws.terminate());
    await new Promise<void>((resolve, reject) => {
        ws.on('open', resolve);
        ws.on('error', reject);
    });
    return {
        messages,
        async next(predicate: (m: Envelope) => boolean, from = 0): Promise<Envelope> {
            for (;;) {
                const found = messages.slice(from).find(predicate);
                if (found !== undefined) return found;
                await once(events, 'message');
            }
        }
    };
}

test("the queue topic carries an email conversation with each participant's emails[]", async (t) => {
    const { sim } = await startSimulator(t);
    const queueTopic = `v2.routing.queues.${SUPPORT}.conversations`;
    const stream = await subscribe(t, sim, [queueTopic, `${queueTopic}.messages`]);

    const started = startOrderEmail(sim);
    const queued = await stream.next((m) => m.topicName === queueTopic && m.eventBody.id === started.id);
    const customer = queued.eventBody.participants?.find((p) => p.purpose === 'customer');
    assert.equal(customer?.messages, undefined);
    const email = customer?.emails?.[0];
    assert.equal(email?.state, 'connected');
    assert.equal(email?.subject, 'Order #1042');
    assert.equal(email?.messagesSent, 1);
    assert.equal(email?.direction, 'inbound');
    assert.equal(email?.provider, 'PureCloud Email');
    assert.equal(email?.messageId, started.transcript[0]?.id);
    const acd = queued.eventBody.participants?.find((p) => p.purpose === 'acd');
    assert.equal(acd?.queueId, SUPPORT);
    assert.equal(acd?.emails?.[0]?.state, 'connected');

    const seen = stream.messages.length;
    sim.control.customerEmail(started.id, { textBody: 'Any news?' });
    const again = await stream.next((m) => m.topicName === queueTopic && m.eventBody.id === started.id, seen);
    assert.equal(again.eventBody.participants?.find((p) => p.purpose === 'customer')?.emails?.[0]?.messagesSent, 2);

    // A message conversation afterwards reaches the `.messages` topic; the email never did.
    const message = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Sam',
        customerAddress: '+13175550100',
        queue: 'Support',
        text: 'Hi'
    });
    await stream.next((m) => m.topicName === `${queueTopic}.messages` && m.eventBody.id === message.id);
    assert.deepEqual(
        stream.messages.filter((m) => m.topicName.endsWith('.messages') && m.eventBody.id === started.id),
        [],
        'the .messages topic carries message conversations only'
    );
});

test('the control HTTP API starts an email and adds a further customer email', async (t) => {
    const { sim } = await startSimulator(t);
    const post = (path: string, body: unknown) =>
        fetch(`${sim.url}/__sim${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body)
        });
    const started = await post('/emails', {
        queue: 'Billing',
        fromAddress: MARIA.email,
        subject: 'Invoice 7',
        textBody: 'Why is invoice 7 twice the usual?',
        attachments: [{ name: 'invoice.pdf', contentType: 'application/pdf', dataBase64: RECEIPT.toString('base64') }]
    });
    assert.equal(started.status, 201);
    const conversation = (await started.json()) as { id: string; mediaType: string; subject: string; state: string };
    assert.equal(conversation.mediaType, 'email');
    assert.equal(conversation.subject, 'Invoice 7');
    assert.equal(conversation.state, 'queued');
    const further = await post(`/conversations/${conversation.id}/customer/emails`, { textBody: 'Any news?' });
    assert.equal(further.status, 201);
    const entry = (await further.json()) as { direction: string; text: string; email: { to: { email: string }[] } };
    assert.equal(entry.direction, 'inbound');
    assert.equal(entry.text, 'Any news?');
    assert.deepEqual(
        entry.email.to.map((a) => a.email),
        ['billing@relay.example']
    );
    const refused = await post('/emails', { queue: 'Billing', fromAddress: MARIA.email, textBody: 'no subject' });
    assert.equal(refused.status, 400, 'the subject is required');
    const standIn = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Maria Garcia',
        customerAddress: '+15550100999',
        queue: 'Billing'
    });
    const wrongMedia = await post(`/conversations/${standIn.id}/customer/emails`, { textBody: 'Hi' });
    assert.equal(wrongMedia.status, 400, 'a customer email needs an email conversation');
});
