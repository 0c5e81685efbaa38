// Outbound email and SMS started by an agent, driven by the official SDK: the queues' outbound configuration (apart
// from their inbound addresses), POST /api/v2/conversations/emails (createOutboundEmail) and its refusals, the first
// email sent with postConversationsEmailMessages and the customer's reply, and the SMS rules of
// POST /api/v2/conversations/messages (createOutboundMessage) and of the agent's texts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Models } from 'purecloud-platform-client-v2';
import type { Simulator } from '../src/server';
import {
    ALEX,
    BLAKE,
    SEED_IDS,
    agentParticipant,
    communicationId,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator,
    type Sdk
} from './helpers';

const { support: SUPPORT, billing: BILLING, sales: SALES } = SEED_IDS.queues;
const ROUTES = SEED_IDS.outbound;
const JANE = { email: 'jane.doe@example.com', name: 'Jane Doe' };

/** The outbound fields the seeded queues carry (GET /users/{userId}/queues and GET /routing/queues alike). */
const OUTBOUND: Record<string, Record<string, unknown>> = {
    Support: {
        outboundEmailAddress: {
            domain: { id: 'relay.example', selfUri: '/api/v2/routing/email/domains/relay.example' },
            route: {
                id: ROUTES.supportEmailRoute,
                name: 'support@relay.example',
                pattern: 'support',
                fromName: 'Relay Support',
                fromEmail: 'support@relay.example',
                selfUri: `/api/v2/routing/email/domains/relay.example/routes/${ROUTES.supportEmailRoute}`
            }
        },
        outboundMessagingAddresses: {
            smsAddress: {
                id: ROUTES.supportSms,
                name: '+13175550199',
                selfUri: `/api/v2/routing/sms/phonenumbers/${ROUTES.supportSms}`
            },
            whatsAppRecipient: {
                id: ROUTES.supportWhatsApp,
                name: 'Relay Support WhatsApp',
                selfUri: `/api/v2/routing/message/recipients/${ROUTES.supportWhatsApp}`
            }
        }
    },
    Billing: {
        outboundEmailAddress: {
            domain: { id: 'relay.example', selfUri: '/api/v2/routing/email/domains/relay.example' },
            route: {
                id: ROUTES.billingEmailRoute,
                name: 'billing@relay.example',
                pattern: 'billing',
                fromName: 'Relay Billing',
                fromEmail: 'billing@relay.example',
                selfUri: `/api/v2/routing/email/domains/relay.example/routes/${ROUTES.billingEmailRoute}`
            }
        }
    },
    Sales: {
        outboundMessagingAddresses: {
            smsAddress: {
                id: ROUTES.salesSms,
                name: '+13175550197',
                selfUri: `/api/v2/routing/sms/phonenumbers/${ROUTES.salesSms}`
            }
        }
    }
};

const outboundOf = (q: { outboundEmailAddress?: unknown; outboundMessagingAddresses?: unknown }) =>
    JSON.parse(
        JSON.stringify({
            outboundEmailAddress: q.outboundEmailAddress,
            outboundMessagingAddresses: q.outboundMessagingAddresses
        })
    ) as Record<string, unknown>;

/** An SDK rejection: this status, Genesys error code and the ErrorBody's other fields; `field` the detail's fieldName. */
function refused(status: number, code: string, field?: string, message?: RegExp) {
    return (error: Record<string, unknown>): boolean => {
        assert.equal(error.status, status, JSON.stringify(error));
        assert.equal(error.code, code);
        assert.equal(typeof error.message, 'string');
        assert.equal(typeof error.contextId, 'string');
        assert.ok(Array.isArray(error.errors));
        if (message !== undefined) assert.match(String(error.message), message);
        if (field !== undefined) {
            assert.deepEqual(error.details, [{ errorCode: code, fieldName: field }]);
        }
        return true;
    };
}

/** CreateEmailRequest of an agent's outbound email (provider and direction as Relay sends them). */
function emailRequest(fields: Partial<Models.CreateEmailRequest> = {}): Models.CreateEmailRequest {
    return {
        provider: 'PureCloud Email',
        direction: 'OUTBOUND',
        queueId: SUPPORT,
        toAddress: JANE.email,
        subject: 'Your order #1042',
        ...fields
    };
}

const agentOf = (conversation: Models.EmailConversation, userId: string) => {
    const p = (conversation.participants ?? []).filter((x) => x.purpose === 'agent' && x.user?.id === userId).at(-1);
    if (p?.id === undefined) throw new Error(`no agent participant for ${userId}`);
    return p as typeof p & { id: string };
};
const customerOf = (conversation: Models.EmailConversation) =>
    (conversation.participants ?? []).find((p) => p.purpose === 'customer');

const eventsOf = (sim: Simulator, conversationId: string) =>
    sim.control.events().filter((e) => e.conversationId === conversationId);

test('queues carry their outbound email address, SMS number and WhatsApp sender apart from their inbound addresses, only when they have one', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    const mine = await sdk.routing.getUserQueues(ALEX, { pageSize: 100, joined: true });
    assert.deepEqual(
        (mine.entities ?? []).map((q) => q.name),
        ['Support', 'Billing', 'Sales']
    );
    for (const q of mine.entities ?? []) assert.deepEqual(outboundOf(q), OUTBOUND[q.name ?? ''], q.name);
    const billing = (mine.entities ?? []).find((q) => q.name === 'Billing');
    assert.ok(billing !== undefined && !('outboundMessagingAddresses' in billing), 'Billing sends no outbound SMS');
    const sales = (mine.entities ?? []).find((q) => q.name === 'Sales');
    assert.ok(sales !== undefined && !('outboundEmailAddress' in sales), 'Sales sends no outbound email');
    assert.ok(
        !('whatsAppRecipient' in (sales.outboundMessagingAddresses ?? {})),
        'Sales sends no outbound WhatsApp, although customers reach it on WhatsApp'
    );

    const all = await sdk.routing.getRoutingQueues({ pageSize: 25 });
    assert.equal(all.entities?.length, 3);
    for (const q of all.entities ?? []) assert.deepEqual(outboundOf(q), OUTBOUND[q.name ?? ''], q.name);

    // joined=false: the queues Blake is a member of without having joined them (Sales), with their outbound fields.
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    const notJoined = await blake.routing.getUserQueues('me', { joined: false });
    assert.deepEqual(
        (notJoined.entities ?? []).map((q) => [q.name, q.joined]),
        [['Sales', false]]
    );
    assert.deepEqual(outboundOf(notJoined.entities?.[0] ?? {}), OUTBOUND.Sales);
    const joined = await blake.routing.getUserQueues('me', { joined: true });
    assert.deepEqual(
        (joined.entities ?? []).map((q) => q.name),
        ['Support', 'Billing']
    );
});

test('an outbound email conversation: created on behalf of a queue, first email from its outbound address, the customer replies', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    const created = await sdk.conversations.postConversationsEmails(emailRequest());
    assert.ok(created.id);
    assert.equal(created.selfUri, `/api/v2/conversations/emails/${created.id}`);
    const agent = agentOf(created, ALEX);
    assert.equal(agent.state, 'connected', 'the agent is connected at once: nothing is routed');
    assert.equal(agent.direction, 'outbound');
    assert.equal(agent.queue?.id, SUPPORT);
    assert.equal(agent.provider, 'PureCloud Email');
    assert.equal(agent.subject, 'Your order #1042');
    const customer = customerOf(created);
    assert.equal(customer?.address, JANE.email);
    assert.equal(customer?.name, 'Jane Doe', "the external contact's name when no toName is given");
    assert.equal(customer?.externalContact?.id, SEED_IDS.contacts.jane);
    assert.equal(customer?.direction, 'outbound');
    assert.equal(customer?.state, 'connected');
    assert.ok(!(created.participants ?? []).some((p) => p.purpose === 'acd'), 'no queue leg: it was never queued');

    const snapshot = sim.control.conversation(created.id);
    assert.equal(snapshot.mediaType, 'email');
    assert.equal(snapshot.channel, 'email');
    assert.equal(snapshot.direction, 'outbound');
    assert.equal(snapshot.state, 'connected');
    assert.deepEqual(snapshot.transcript, [], 'no email yet: the agent sends the first one');
    assert.deepEqual(
        eventsOf(sim, created.id).map((e) => [e.type, e.userId, e.queueId, e.channel, e.data.direction]),
        [['conversation.connected', ALEX, SUPPORT, 'email', 'outbound']]
    );

    // Where the agent's client finds it: among their email conversations, never among the message ones.
    const mine = await sdk.conversations.getConversationsEmails();
    assert.deepEqual(
        mine.entities?.map((c) => c.id),
        [created.id]
    );
    assert.deepEqual((await sdk.conversations.getConversationsMessages()).entities, []);
    assert.equal((await sdk.conversations.getConversationsEmailMessages(created.id)).total, 0);
    const generic = await sdk.conversations.getConversation(created.id);
    assert.equal(generic.participants.find((p) => p.purpose === 'agent')?.emails?.[0]?.direction, 'outbound');

    // The first email: its subject as given, from the queue's outbound address.
    const first = await sdk.conversations.postConversationsEmailMessages(created.id, {
        to: [JANE],
        from: { email: 'support@relay.example', name: 'Relay Support' },
        subject: 'Your order #1042 has shipped',
        textBody: 'Hi Jane, your order #1042 left our warehouse today.'
    });
    assert.equal(first.subject, 'Your order #1042 has shipped', 'the subject is used as is (no Re:)');
    assert.deepEqual(first.from, { email: 'support@relay.example', name: 'Relay Support' });
    assert.deepEqual(first.to, [JANE]);
    const agentMessage = eventsOf(sim, created.id).at(-1);
    assert.equal(agentMessage?.type, 'conversation.agentMessage');
    assert.equal(agentMessage?.data.mediaType, 'email');
    assert.equal(agentMessage?.data.subject, 'Your order #1042 has shipped');

    // The customer answers: an inbound email on the same conversation, to the queue's outbound address.
    const answer = sim.control.customerEmail(created.id, { textBody: 'Great, thank you!' });
    assert.equal(answer.direction, 'inbound');
    assert.deepEqual(answer.email?.from, JANE);
    assert.deepEqual(answer.email?.to, [{ email: 'support@relay.example', name: 'Relay Support' }]);
    assert.equal(answer.email?.subject, 'Re: Your order #1042');
    const customerMessage = eventsOf(sim, created.id).at(-1);
    assert.equal(customerMessage?.type, 'conversation.customerMessage');
    assert.equal(customerMessage?.userId, ALEX, 'the agent who holds the conversation hears it');
    assert.equal(customerMessage?.data.text, 'Great, thank you!');
    assert.equal(customerMessage?.data.mediaType, 'email');

    // A later email without a subject is a reply: Re: and the thread's subject.
    const second = await sdk.conversations.postConversationsEmailMessages(created.id, {
        to: [JANE],
        from: { email: 'support@relay.example' },
        textBody: 'You are welcome.'
    });
    assert.equal(second.subject, 'Re: Your order #1042');
    assert.deepEqual(second.from, { email: 'support@relay.example', name: 'Relay Support' });
    const thread = await sdk.conversations.getConversationsEmailMessages(created.id);
    assert.deepEqual(
        thread.entities?.map((e) => [e.from.email, e.to.map((a) => a.email).join(), e.subject]),
        [
            ['support@relay.example', JANE.email, 'Your order #1042 has shipped'],
            [JANE.email, 'support@relay.example', 'Re: Your order #1042'],
            ['support@relay.example', JANE.email, 'Re: Your order #1042']
        ]
    );
    assert.equal(customerOf(await sdk.conversations.getConversationsEmail(created.id))?.messagesSent, 1);

    // It ends and wraps up like any email conversation.
    await sdk.conversations.patchConversationsEmailParticipant(created.id, agent.id, { state: 'disconnected' });
    assert.equal(sim.control.conversation(created.id).state, 'ended');
});

test('an outbound email: toName names the customer, else the address; the first email names the thread', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    const named = await sdk.conversations.postConversationsEmails(
        emailRequest({ queueId: BILLING, toName: 'Jane D.', subject: 'Invoice' })
    );
    assert.equal(customerOf(named)?.name, 'Jane D.', 'toName wins over the external contact');

    const unknown = await sdk.conversations.postConversationsEmails(
        emailRequest({ toAddress: 'new.customer@example.org', subject: undefined })
    );
    const customer = customerOf(unknown);
    assert.equal(customer?.name, 'new.customer@example.org', 'no toName and no external contact: the address');
    assert.equal(customer?.externalContact, undefined);

    // No subject at creation: the first email's becomes the thread's. Its from is the queue's outbound address
    // whatever the request says, as the queue sends it.
    const first = await sdk.conversations.postConversationsEmailMessages(unknown.id ?? '', {
        to: [{ email: 'new.customer@example.org' }],
        from: { email: 'alex.rivera@relay.example', name: 'Alex Rivera' },
        subject: 'Welcome to Relay',
        textBody: 'Hello!'
    });
    assert.equal(first.subject, 'Welcome to Relay');
    assert.deepEqual(first.from, { email: 'support@relay.example', name: 'Relay Support' });
    assert.equal(sim.control.conversation(unknown.id ?? '').subject, 'Welcome to Relay');
    assert.equal(
        sim.control.customerEmail(unknown.id ?? '', { textBody: 'Thanks' }).email?.subject,
        'Re: Welcome to Relay'
    );

    // The agent's external contact, when the request names one.
    const byContact = await sdk.conversations.postConversationsEmails(
        emailRequest({ toAddress: 'maria@work.example', externalContactId: SEED_IDS.contacts.maria })
    );
    assert.equal(customerOf(byContact)?.name, 'Maria Garcia');
    assert.equal(customerOf(byContact)?.externalContact?.id, SEED_IDS.contacts.maria);

    // A member who has not joined the queue may email on its behalf.
    sim.control.setQueueMembership(BLAKE, BILLING, false);
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    const fromBlake = await blake.conversations.postConversationsEmails(emailRequest({ queueId: BILLING }));
    assert.equal(agentOf(fromBlake, BLAKE).queue?.id, BILLING);
});

test('an outbound email is refused as Genesys refuses it', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const casey = sdkForAgent(sim, 'casey.morgan@relay.example');
    const create = (body: object, as: Sdk = sdk) =>
        as.conversations.postConversationsEmails(body as unknown as Models.CreateEmailRequest);

    // INBOUND (explicit or by default) is an external conversation with a third-party provider.
    await assert.rejects(
        create(emailRequest({ direction: 'INBOUND' })),
        refused(400, 'invalid.value', 'direction', /third-party email provider.*OUTBOUND/)
    );
    await assert.rejects(
        create(emailRequest({ direction: undefined })),
        refused(400, 'invalid.value', 'direction', /INBOUND \(the default\)/)
    );
    await assert.rejects(
        create(emailRequest({ direction: 'INBOUND', provider: 'Acme Mail' })),
        refused(400, 'invalid.value', 'direction', /provider Acme Mail is not an email integration/)
    );
    // The contract: provider is required, direction is INBOUND or OUTBOUND, no field outside CreateEmailRequest.
    const noProvider: Record<string, unknown> = { ...emailRequest() };
    delete noProvider.provider;
    await assert.rejects(create(noProvider), refused(400, 'bad.request'));
    await assert.rejects(create({ ...emailRequest(), direction: 'outbound' }), refused(400, 'bad.request'));
    await assert.rejects(create({ ...emailRequest(), to: JANE.email }), refused(400, 'bad.request'));

    // The queue: required, existing, the caller a member of it, with an outbound email address.
    await assert.rejects(
        create(emailRequest({ queueId: undefined })),
        refused(400, 'invalid.value', 'queueId', /queueId is required/)
    );
    await assert.rejects(
        create(emailRequest({ queueId: 'no-such-queue' })),
        refused(400, 'invalid.value', 'queueId', /Queue no-such-queue does not exist/)
    );
    await assert.rejects(
        create(emailRequest({ queueId: BILLING }), casey),
        refused(400, 'invalid.value', 'queueId', /Casey Morgan is not a member of Billing/)
    );
    await assert.rejects(
        create(emailRequest({ queueId: SALES })),
        refused(400, 'invalid.value', 'queueId', /Queue Sales has no outbound email address/)
    );

    // The recipient: required, an email address.
    await assert.rejects(
        create(emailRequest({ toAddress: undefined })),
        refused(400, 'invalid.value', 'toAddress', /toAddress is required/)
    );
    await assert.rejects(
        create(emailRequest({ toAddress: '  ' })),
        refused(400, 'invalid.value', 'toAddress', /toAddress is required/)
    );
    for (const bad of ['jane.doe', 'jane doe@example.com', 'jane@localhost', '+13175550100', 'Jane <jane@x.com>']) {
        await assert.rejects(
            create(emailRequest({ toAddress: bad })),
            refused(400, 'invalid.value', 'toAddress', /is not a valid email address/),
            bad
        );
    }
    await assert.rejects(
        create(emailRequest({ externalContactId: 'no-such-contact' })),
        refused(400, 'invalid.value', 'externalContactId', /External contact no-such-contact does not exist/)
    );

    assert.deepEqual(sim.control.state().conversations, [], 'nothing was created');
    assert.deepEqual(
        sim.control.events().filter((e) => e.type.startsWith('conversation.')),
        []
    );
});

test('an outbound SMS needs the queue’s outbound SMS number and an E.164 number; the agent’s texts are at most 765 characters', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const sms = (queueId: string, toAddress: string, as: Sdk = sdk) =>
        as.conversations.postConversationsMessages({ queueId, toAddress, toAddressMessengerType: 'sms' });

    await assert.rejects(
        sms(BILLING, '+13175550100'),
        refused(400, 'invalid.value', 'queueId', /Queue Billing has no outbound SMS number/)
    );
    for (const bad of [
        '3175550100',
        '+1 317 555 0100',
        '+1-317-555-0100',
        '+03175550100',
        '+12345',
        '+1317555010012345'
    ]) {
        await assert.rejects(
            sms(SUPPORT, bad),
            refused(400, 'invalid.value', 'toAddress', /not an E\.164 phone number: .*country code/),
            bad
        );
    }
    await assert.rejects(
        sms(BILLING, '+13175550100', sdkForAgent(sim, 'casey.morgan@relay.example')),
        refused(400, 'invalid.value', 'queueId', /Casey Morgan is not a member of Billing/)
    );
    await assert.rejects(
        sms('no-such-queue', '+13175550100'),
        refused(400, 'invalid.value', 'queueId', /does not exist/)
    );
    // The SMS rules are for SMS: WhatsApp on Support, to a number without +, still starts.
    const whatsapp = await sdk.conversations.postConversationsMessages({
        queueId: SUPPORT,
        toAddress: '13175550123',
        toAddressMessengerType: 'whatsapp'
    });
    assert.ok(whatsapp.id);
    assert.equal(sim.control.conversation(whatsapp.id).channel, 'whatsapp');
    assert.equal(
        sim.control.events().filter((e) => e.type === 'conversation.connected').length,
        1,
        'only the WhatsApp conversation was created'
    );

    const created = await sms(SUPPORT, '+13175550100');
    const id = created.id ?? '';
    const snapshot = sim.control.conversation(id);
    assert.equal(snapshot.channel, 'sms');
    assert.equal(snapshot.direction, 'outbound');
    assert.equal(snapshot.customer.name, 'Jane Doe');
    const agent = await agentParticipant(sdk, id, ALEX);
    assert.equal(agent.state, 'connected');
    const commId = await communicationId(sdk, id, agent.id);

    const max = 'x'.repeat(765);
    const sent = await sdk.conversations.postConversationsMessageCommunicationMessages(id, commId, { textBody: max });
    assert.equal(sent.fromAddress, '+13175550199', "from the queue's outbound SMS number");
    assert.equal(sent.toAddress, '+13175550100');
    await assert.rejects(
        sdk.conversations.postConversationsMessageCommunicationMessages(id, commId, { textBody: `${max}x` }),
        refused(400, 'invalid.value', 'textBody', /SMS messages are limited to 765 characters/)
    );
    assert.equal(sim.control.conversation(id).transcript.length, 1, 'the long text was not sent');

    // The customer answers on the same conversation.
    const answer = sim.control.customerReply(id, 'Thanks!');
    assert.equal(answer.direction, 'inbound');
    const event = sim.control.events().at(-1);
    assert.deepEqual([event?.type, event?.conversationId, event?.userId], ['conversation.customerMessage', id, ALEX]);

    // A contact with a conversation in progress: 409, as before.
    await assert.rejects(sms(SUPPORT, '+13175550100'), refused(409, 'conversation.error.outbound.active.conversation'));

    // A member who has not joined Sales may text on its behalf, from Sales's number.
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    const fromSales = await sms(SALES, '+13175550142', blake);
    const blakeAgent = await agentParticipant(blake, fromSales.id ?? '', BLAKE);
    const blakeComm = await communicationId(blake, fromSales.id ?? '', blakeAgent.id);
    const hello = await blake.conversations.postConversationsMessageCommunicationMessages(
        fromSales.id ?? '',
        blakeComm,
        { textBody: 'Hi, this is Blake from Sales.' }
    );
    assert.equal(hello.fromAddress, '+13175550197');
});
