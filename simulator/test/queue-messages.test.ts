// A message on behalf of a queue (SMS or WhatsApp), driven by the official SDK: the queue's WhatsApp sender and the
// WhatsApp ID rule of POST /api/v2/conversations/messages (createOutboundMessage), the contact's open conversation
// (queued or assigned: refused; open but unassigned: refused, or taken over with useExistingConversation), the control
// API's leaveOpen that leaves a conversation unassigned, the permissions (Conversation > Message > Create, Routing >
// Queue > View, External Contacts > Contact > View) with GET /users/me?expand=authorization and the control API's
// setPermissions, the external-contact search, and WhatsApp's 24-hour customer care window on the agent's messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Models } from 'purecloud-platform-client-v2';
import { AGENT_PERMISSIONS, AGENT_ROLE, EXTERNAL_CONTACT_VIEW, MESSAGE_CREATE, QUEUE_VIEW } from '../src/model';
import type { Simulator } from '../src/server';
import {
    ALEX,
    BLAKE,
    SEED_IDS,
    agentParticipant,
    communicationId,
    goOnQueue,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator,
    type Sdk
} from './helpers';

const { support: SUPPORT, billing: BILLING, sales: SALES } = SEED_IDS.queues;
const SAM_WHATSAPP = '13175550123';
const JANE_SMS = '+13175550100';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Moves the manual clock on, and signs in again: a day outlives the agent's token. */
async function later(sim: Simulator, clock: { advance(ms: number): void }, ms: number): Promise<Sdk> {
    clock.advance(ms);
    return sdkForDefaultAgent(sim);
}

/** An SDK rejection with this status and Genesys error code and the ErrorBody's other fields; then `check`. */
function refused(status: number, code: string, check: (error: Record<string, unknown>) => void = () => undefined) {
    return (error: Record<string, unknown>): boolean => {
        assert.equal(error.status, status, JSON.stringify(error));
        assert.equal(error.code, code);
        assert.equal(typeof error.message, 'string');
        assert.equal(typeof error.contextId, 'string');
        assert.deepEqual(error.errors, []);
        check(error);
        return true;
    };
}

/** 400 invalid.value on one field, its message matching. */
const invalid = (field: string, message: RegExp) =>
    refused(400, 'invalid.value', (error) => {
        assert.deepEqual(error.details, [{ errorCode: 'invalid.value', fieldName: field }]);
        assert.match(String(error.message), message);
    });

/** The 409 of a contact's open conversation: it names the conversation and its state. */
const activeConversation = (conversationId: string, state: string, address: string) =>
    refused(409, 'conversation.error.outbound.active.conversation', (error) => {
        assert.equal(error.entityId, conversationId);
        assert.deepEqual(error.messageParams, { address, conversationId, state });
        assert.match(String(error.message), new RegExp(`conversation ${conversationId} with this contact is ${state}`));
    });

function message(
    sdk: Sdk,
    queueId: string,
    toAddress: string,
    toAddressMessengerType: 'sms' | 'whatsapp',
    useExistingConversation?: boolean
) {
    return sdk.conversations.postConversationsMessages({
        queueId,
        toAddress,
        toAddressMessengerType,
        ...(useExistingConversation === undefined ? {} : { useExistingConversation })
    });
}

/** Jane's SMS waiting in Billing. */
function janeQueued(sim: Simulator) {
    return sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: JANE_SMS,
        queue: 'Billing',
        text: 'I was charged twice.'
    });
}

/** Alex picks up the conversation routing offers them (On Queue). */
async function pickUp(sdk: Sdk, conversationId: string) {
    const offered = await agentParticipant(sdk, conversationId, ALEX);
    await sdk.conversations.patchConversationsMessageParticipant(conversationId, offered.id, {
        body: { state: 'connected' }
    });
    return offered;
}

async function sendAs(sdk: Sdk, conversationId: string, userId: string, textBody: string) {
    const agent = await agentParticipant(sdk, conversationId, userId);
    const commId = await communicationId(sdk, conversationId, agent.id);
    return sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, { textBody });
}

async function call(base: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- loose JSON for assertions
}

// ----- WhatsApp on behalf of a queue -------------------------------------------------------------

test('an outbound WhatsApp message goes out from the queue’s WhatsApp sender, which Billing and Sales do not have', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    await assert.rejects(
        message(sdk, BILLING, SAM_WHATSAPP, 'whatsapp'),
        invalid('queueId', /Queue Billing has no outbound WhatsApp sender/)
    );
    await assert.rejects(
        message(sdk, SALES, SAM_WHATSAPP, 'whatsapp'),
        invalid('queueId', /Queue Sales has no outbound WhatsApp sender/)
    );
    assert.deepEqual(sim.control.state().conversations, [], 'nothing was created');

    const created = await message(sdk, SUPPORT, SAM_WHATSAPP, 'whatsapp');
    const snapshot = sim.control.conversation(created.id ?? '');
    assert.equal(snapshot.channel, 'whatsapp');
    assert.equal(snapshot.direction, 'outbound');
    assert.equal(snapshot.state, 'connected');
    assert.deepEqual(snapshot.customer, {
        name: 'Sam Lee',
        address: SAM_WHATSAPP,
        externalContactId: SEED_IDS.contacts.sam
    });
    // Sam answers (which opens WhatsApp's window), and Alex's text goes out from Support's WhatsApp number.
    sim.control.customerReply(created.id ?? '', 'Hi!');
    const sent = await sendAs(sdk, created.id ?? '', ALEX, 'Hello Sam, this is Relay Support.');
    assert.equal(sent.fromAddress, '13175550199');
    assert.equal(sent.toAddress, SAM_WHATSAPP);
    assert.equal(sent.messengerType, 'whatsapp');
});

test('an outbound WhatsApp message needs a WhatsApp ID: digits only, the country code first, no + and no international prefix', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    for (const bad of [
        '+13175550123', // the + of E.164
        '0013175550123', // the international prefix 00
        '01113175550123', // the international prefix 011 (from North America)
        '03175550123', // a national trunk prefix
        '1 317 555 0123',
        '1-317-555-0123',
        '(317) 5550123',
        'sam.lee',
        '683555', // 6 digits: shorter than E.164 allows
        '1317555012345678' // 16 digits: longer than E.164 allows
    ]) {
        await assert.rejects(
            message(sdk, SUPPORT, bad, 'whatsapp'),
            invalid('toAddress', /is not a WhatsApp ID: .*digits only, the country code first, without \+/),
            bad
        );
    }
    assert.deepEqual(sim.control.state().conversations, [], 'nothing was created');
    for (const good of ['13175550123', '447700900123', '6834321', '123456789012345']) {
        const created = await message(sdk, SUPPORT, good, 'whatsapp');
        assert.equal(sim.control.conversation(created.id ?? '').customer.address, good);
    }
});

// ----- the contact's open conversation ----------------------------------------------------------

test('a contact whose conversation waits in a queue cannot be messaged, whatever useExistingConversation says', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const queued = janeQueued(sim);
    for (const useExisting of [undefined, false, true]) {
        await assert.rejects(
            message(sdk, SUPPORT, JANE_SMS, 'sms', useExisting),
            activeConversation(queued.id, 'queued', JANE_SMS),
            String(useExisting)
        );
    }
    // Her WhatsApp number is the same number: the contact is the same.
    await assert.rejects(
        message(sdk, SUPPORT, '13175550100', 'whatsapp', true),
        activeConversation(queued.id, 'queued', '13175550100')
    );
    assert.equal(sim.control.state().conversations.length, 1, 'no conversation was created');
    assert.equal(sim.control.conversation(queued.id).state, 'queued', 'nobody joined it');
});

test('a contact whose conversation is offered to or held by an agent cannot be messaged, whatever useExistingConversation says', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = janeQueued(sim);
    assert.equal(sim.control.conversation(started.id).state, 'alerting');
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    for (const useExisting of [undefined, false, true]) {
        await assert.rejects(
            message(blake, SUPPORT, JANE_SMS, 'sms', useExisting),
            activeConversation(started.id, 'assigned', JANE_SMS),
            `alerting, ${String(useExisting)}`
        );
    }
    await pickUp(sdk, started.id);
    for (const useExisting of [undefined, false, true]) {
        await assert.rejects(
            message(blake, SUPPORT, JANE_SMS, 'sms', useExisting),
            activeConversation(started.id, 'assigned', JANE_SMS),
            `connected, ${String(useExisting)}`
        );
    }
    const participants = sim.control.conversation(started.id).participants.filter((p) => p.purpose === 'agent');
    assert.deepEqual(
        participants.map((p) => [p.userId, p.state]),
        [[ALEX, 'connected']],
        'Blake never joined'
    );
});

test('a contact whose open conversation nobody holds is refused without useExistingConversation, and taken over with it', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = janeQueued(sim);
    await pickUp(sdk, started.id);
    await sendAs(sdk, started.id, ALEX, 'Let me check your invoice.');
    sim.control.leaveOpen(started.id);
    assert.equal(sim.control.conversation(started.id).state, 'unassigned');

    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    for (const useExisting of [undefined, false]) {
        await assert.rejects(
            message(blake, SUPPORT, JANE_SMS, 'sms', useExisting),
            activeConversation(started.id, 'unassigned', JANE_SMS),
            String(useExisting)
        );
    }
    // Only a conversation on the channel asked for is taken over: her SMS conversation is not a WhatsApp one.
    await assert.rejects(
        message(blake, SUPPORT, '13175550100', 'whatsapp', true),
        activeConversation(started.id, 'unassigned', '13175550100')
    );
    assert.equal(sim.control.state().conversations.length, 1, 'no conversation was created');

    const before = sim.control.events().length;
    const taken = await message(blake, SUPPORT, JANE_SMS, 'sms', true);
    assert.equal(taken.id, started.id, 'the answer is the conversation taken over');
    assert.equal(taken.selfUri, `/api/v2/conversations/messages/${started.id}`);
    assert.equal(sim.control.state().conversations.length, 1, 'no conversation was created');
    const after = sim.control.conversation(started.id);
    assert.equal(after.state, 'connected');
    const joined = after.participants.at(-1);
    assert.deepEqual(
        [joined?.purpose, joined?.userId, joined?.state, joined?.queueId],
        ['agent', BLAKE, 'connected', SUPPORT],
        'Blake joined on behalf of Support, the queue asked for (the conversation came in on Billing)'
    );
    assert.deepEqual(
        sim.control
            .events()
            .slice(before)
            .map((e) => [e.type, e.conversationId, e.userId, e.participantId, e.queueId, e.data.direction]),
        [['conversation.connected', started.id, BLAKE, joined?.id, SUPPORT, 'outbound']]
    );
    const generic = await blake.conversations.getConversationsMessage(started.id);
    assert.equal(generic.participants?.find((p) => p.id === joined?.id)?.queue?.id, SUPPORT);
    assert.equal(generic.participants?.find((p) => p.id === joined?.id)?.direction, 'outbound');

    // Blake works it: the history is there, his text goes out on it, and it is his now (assigned) for anyone else.
    const sent = await sendAs(blake, started.id, BLAKE, 'Hi Jane, Blake here: the refund is on its way.');
    assert.equal(sent.conversationId, started.id);
    assert.deepEqual(
        sim.control.conversation(started.id).transcript.map((e) => [e.direction, e.userId]),
        [
            ['inbound', undefined],
            ['outbound', ALEX],
            ['outbound', BLAKE]
        ]
    );
    await assert.rejects(
        message(sdk, SUPPORT, JANE_SMS, 'sms', true),
        activeConversation(started.id, 'assigned', JANE_SMS)
    );
    // An ended conversation is no obstacle: after Jane leaves, a message starts a new conversation.
    sim.control.customerDisconnect(started.id);
    const fresh = await message(sdk, SUPPORT, JANE_SMS, 'sms', true);
    assert.notEqual(fresh.id, started.id);
});

// ----- leaveOpen -----------------------------------------------------------------------------

test('leaveOpen ends the agent’s leg with after-call work and leaves the conversation open, unassigned and unrouted', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: SAM_WHATSAPP,
        queue: 'Support',
        text: 'Hello?'
    });
    const alex = await pickUp(sdk, started.id);
    const before = sim.control.events().length;

    const left = sim.control.leaveOpen(started.id);
    assert.equal(left.state, 'unassigned');
    assert.equal(left.endTime, undefined, 'the conversation has not ended');
    assert.deepEqual(
        left.participants.map((p) => [p.purpose, p.state, p.disconnectType ?? null, p.wrapupPending]),
        [
            ['customer', 'connected', null, false],
            ['acd', 'disconnected', 'transfer', false],
            ['agent', 'disconnected', 'client', true]
        ],
        "the customer stays; Alex's leg ends with Support's mandatory wrap-up"
    );
    assert.deepEqual(
        sim.control
            .events()
            .slice(before)
            .map((e) => [e.type, e.userId, e.participantId, e.data.conversationOpen ?? null]),
        [
            ['conversation.disconnected', ALEX, alex.id, true],
            ['conversation.wrapUpRequired', ALEX, alex.id, null],
            ['conversation.unassigned', null, null, null]
        ]
    );
    const read = await sdk.conversations.getConversationsMessage(started.id);
    assert.deepEqual(
        read.participants?.map((p) => [p.purpose, p.state]),
        [
            ['customer', 'connected'],
            ['acd', 'disconnected'],
            ['agent', 'disconnected']
        ]
    );

    // Nobody is offered it: it waits in no queue, though Blake is On Queue and idle in Support.
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    await goOnQueue(blake, BLAKE);
    assert.equal(sim.control.conversation(started.id).state, 'unassigned');
    // Sam may still write on it.
    sim.control.customerReply(started.id, 'Anyone?');
    assert.equal(sim.control.conversation(started.id).state, 'unassigned');
    assert.equal(sim.control.conversation(started.id).transcript.length, 2);
});

test('leaveOpen lets go of a queued conversation too, and refuses an ended, an email or an unknown conversation', async (t) => {
    const { sim } = await startSimulator(t);
    const queued = janeQueued(sim);
    const left = sim.control.leaveOpen(queued.id);
    assert.equal(left.state, 'unassigned');
    assert.deepEqual(
        left.participants.map((p) => [p.purpose, p.state]),
        [
            ['customer', 'connected'],
            ['acd', 'disconnected']
        ]
    );
    sim.control.setPresence(ALEX, 'OnQueue');
    assert.equal(sim.control.conversation(queued.id).state, 'unassigned', 'not offered: it left the queue');

    sim.control.customerDisconnect(queued.id);
    assert.throws(
        () => sim.control.leaveOpen(queued.id),
        (error: { status?: number; code?: string }) =>
            error.status === 409 && error.code === 'conversation.error.conversation.state'
    );
    const email = sim.control.startEmail({
        queue: 'Support',
        fromAddress: 'priya.patel@example.com',
        subject: 'Password reset',
        textBody: 'The link expired.'
    });
    assert.throws(
        () => sim.control.leaveOpen(email.id),
        (error: { status?: number; code?: string; message?: string }) =>
            error.status === 400 && error.code === 'invalid.value' && /email conversation/.test(error.message ?? '')
    );
    assert.throws(
        () => sim.control.leaveOpen('no-such-conversation'),
        (error: { status?: number }) => error.status === 404
    );
});

test('leaveOpen and setPermissions are control operations over HTTP too', async (t) => {
    const { sim } = await startSimulator(t);
    const queued = janeQueued(sim);
    const left = await call(sim.url, 'POST', `/__sim/conversations/${queued.id}/leave-open`);
    assert.equal(left.status, 200);
    assert.equal(left.body.state, 'unassigned');
    const unknown = await call(sim.url, 'POST', '/__sim/conversations/no-such-conversation/leave-open');
    assert.equal(unknown.status, 404);

    const set = await call(sim.url, 'PUT', `/__sim/users/${ALEX}/permissions`, { permissions: [QUEUE_VIEW] });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body.permissions, [QUEUE_VIEW]);
    assert.deepEqual(sim.control.state().users.find((u) => u.id === ALEX)?.permissions, [QUEUE_VIEW]);
    const malformed = await call(sim.url, 'PUT', `/__sim/users/${ALEX}/permissions`, {
        permissions: ['Conversation > Message > Create']
    });
    assert.equal(malformed.status, 400);
    assert.match(malformed.body.message, /not domain:entity:action/);
    const notAList = await call(sim.url, 'PUT', `/__sim/users/${ALEX}/permissions`, { permissions: 'all' });
    assert.equal(notAList.status, 400);
    const nobody = await call(sim.url, 'PUT', '/__sim/users/no-such-user/permissions', { permissions: [] });
    assert.equal(nobody.status, 404);

    sim.control.reset();
    assert.deepEqual(
        sim.control.state().users.find((u) => u.id === ALEX)?.permissions,
        [...AGENT_PERMISSIONS],
        'a reset gives the seed’s permissions back'
    );
});

// ----- permissions -------------------------------------------------------------------------------

test('seeded agents hold what Relay needs, and users/me with expand=authorization answers their roles and permissions', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    for (const needed of [MESSAGE_CREATE, QUEUE_VIEW, EXTERNAL_CONTACT_VIEW, 'conversation:message:pull']) {
        assert.ok(AGENT_PERMISSIONS.includes(needed), needed);
    }

    const plain = await sdk.users.getUsersMe();
    assert.equal(plain.id, ALEX);
    assert.ok(!('authorization' in plain), 'no authorization without the expand');
    const me = (await sdk.users.getUsersMe({ expand: ['authorization'] })) as Models.UserMe & {
        authorization?: Models.UserAuthorization;
    };
    assert.deepEqual(me.authorization, { roles: [{ ...AGENT_ROLE }], permissions: [...AGENT_PERMISSIONS] });
    // The SDK sends a list as repeated parameters (expand=presence&expand=authorization).
    const both = (await sdk.users.getUsersMe({ expand: ['presence', 'authorization'] })) as {
        authorization?: Models.UserAuthorization;
    };
    assert.deepEqual(both.authorization?.permissions, [...AGENT_PERMISSIONS]);

    sim.control.setPermissions(ALEX, [QUEUE_VIEW]);
    const reduced = (await sdk.users.getUsersMe({ expand: ['authorization'] })) as {
        authorization?: Models.UserAuthorization;
    };
    assert.deepEqual(reduced.authorization?.permissions, [QUEUE_VIEW]);
});

test('without Conversation > Message > Create an agent cannot message on behalf of a queue (403 missing.permissions)', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    sim.control.setPermissions(
        ALEX,
        AGENT_PERMISSIONS.filter((p) => p !== MESSAGE_CREATE)
    );
    for (const type of ['sms', 'whatsapp'] as const) {
        await assert.rejects(
            message(sdk, SUPPORT, type === 'sms' ? JANE_SMS : SAM_WHATSAPP, type),
            refused(403, 'missing.permissions', (error) => {
                assert.match(
                    String(error.message),
                    /You are missing the following permission\(s\): \[conversation:message:create\]/
                );
                assert.deepEqual(error.messageParams, { permissions: '[conversation:message:create]' });
            })
        );
    }
    assert.deepEqual(sim.control.state().conversations, [], 'nothing was created');
    // Blake still holds it.
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    assert.ok((await message(blake, SUPPORT, JANE_SMS, 'sms')).id);
});

test('without Routing > Queue > View an agent cannot read their queues (403 missing.any.permissions)', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    assert.equal((await sdk.routing.getUserQueues(ALEX, { joined: true })).total, 3);
    sim.control.setPermissions(
        ALEX,
        AGENT_PERMISSIONS.filter((p) => p !== QUEUE_VIEW)
    );
    await assert.rejects(
        sdk.routing.getUserQueues(ALEX, { joined: true }),
        refused(403, 'missing.any.permissions', (error) => {
            assert.match(
                String(error.message),
                /at least one of the following permissions assigned: \[routing:queue:view\]/
            );
        })
    );
    // The caller's permissions count, not those of the user whose queues are read.
    await assert.rejects(sdk.routing.getUserQueues(BLAKE, {}), refused(403, 'missing.any.permissions'));
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    assert.equal((await blake.routing.getUserQueues(ALEX, { joined: true })).total, 3);
});

// ----- external contacts -------------------------------------------------------------------------

test('the external-contact search matches names, phone numbers and email addresses, case-insensitively, a page at a time', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const names = async (q: string | undefined) =>
        ((await sdk.externalContacts.getExternalcontactsContacts(q === undefined ? {} : { q })).entities ?? []).map(
            (c) => `${c.firstName} ${c.lastName}`
        );

    assert.deepEqual(await names(undefined), ['Jane Doe', 'Maria Garcia', 'Sam Lee', 'Priya Patel']);
    assert.deepEqual(await names('jane'), ['Jane Doe']);
    assert.deepEqual(await names('LEE'), ['Sam Lee']);
    assert.deepEqual(await names('sam lee'), ['Sam Lee']);
    assert.deepEqual(await names('lee sam'), ['Sam Lee']);
    assert.deepEqual(await names('PRIYA.PATEL@example.com'), ['Priya Patel']);
    assert.deepEqual(await names('example.com'), ['Jane Doe', 'Maria Garcia', 'Priya Patel']);
    assert.deepEqual(await names('+13175550123'), ['Sam Lee']);
    assert.deepEqual(await names('(317) 555-0100'), ['Jane Doe']);
    assert.deepEqual(await names('13175550'), ['Jane Doe', 'Sam Lee']);
    assert.deepEqual(await names('nobody'), []);

    const sam = (await sdk.externalContacts.getExternalcontactsContacts({ q: 'sam' })).entities?.[0];
    assert.equal(sam?.id, SEED_IDS.contacts.sam);
    assert.deepEqual(
        { cellPhone: sam?.cellPhone?.e164, whatsApp: sam?.whatsAppId },
        {
            cellPhone: '+13175550123',
            whatsApp: {
                phoneNumber: {
                    display: '+13175550123',
                    e164: '+13175550123',
                    acceptsSMS: true,
                    userInput: '+13175550123'
                },
                displayName: 'Sam Lee'
            }
        }
    );
    assert.equal(sam?.selfUri, `/api/v2/externalcontacts/contacts/${SEED_IDS.contacts.sam}`);
    const maria = (await sdk.externalContacts.getExternalcontactsContacts({ q: 'maria' })).entities?.[0];
    assert.ok(maria !== undefined && !('whatsAppId' in maria), 'no WhatsApp id, no whatsAppId');

    const page = await sdk.externalContacts.getExternalcontactsContacts({ pageSize: 3, pageNumber: 2 });
    assert.deepEqual(
        {
            names: page.entities?.map((c) => c.firstName),
            pageSize: page.pageSize,
            pageNumber: page.pageNumber,
            total: page.total,
            pageCount: page.pageCount
        },
        { names: ['Priya'], pageSize: 3, pageNumber: 2, total: 4, pageCount: 2 }
    );
    const defaults = await sdk.externalContacts.getExternalcontactsContacts({ q: 'jane' });
    assert.deepEqual([defaults.pageSize, defaults.pageNumber, defaults.total], [20, 1, 1]);
    assert.match(defaults.selfUri ?? '', /^\/api\/v2\/externalcontacts\/contacts\?q=jane&pageSize=20&pageNumber=1$/);
    await assert.rejects(
        sdk.externalContacts.getExternalcontactsContacts({ pageSize: 100, pageNumber: 11 }),
        invalid('pageNumber', /pageNumber \* pageSize must be <= 1,000/)
    );
});

test('the external-contact search needs External Contacts > Contact > View or Relate’s contact view (403 missing.any.permissions)', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const without = AGENT_PERMISSIONS.filter((p) => p !== EXTERNAL_CONTACT_VIEW);
    sim.control.setPermissions(ALEX, without);
    await assert.rejects(
        sdk.externalContacts.getExternalcontactsContacts({ q: 'jane' }),
        refused(403, 'missing.any.permissions', (error) => {
            assert.deepEqual(error.messageParams, {
                permissions: '[relate:contact:view, externalContacts:contact:view]'
            });
        })
    );
    sim.control.setPermissions(ALEX, [...without, 'relate:contact:view']);
    assert.equal((await sdk.externalContacts.getExternalcontactsContacts({ q: 'jane' })).total, 1);
});

// ----- WhatsApp's customer care window ------------------------------------------------------------

test('an agent’s WhatsApp text goes out only within 24 hours of the customer’s last WhatsApp message', async (t) => {
    const { sim, clock } = await startSimulator(t);
    let sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: SAM_WHATSAPP,
        queue: 'Support',
        text: 'Do you ship to Canada?'
    });
    await pickUp(sdk, started.id);
    assert.equal((await sendAs(sdk, started.id, ALEX, 'We do.')).status, 'sent', 'his message opened the window');

    sdk = await later(sim, clock, DAY_MS - 1);
    assert.equal((await sendAs(sdk, started.id, ALEX, 'Anything else?')).status, 'sent', 'still inside');
    sdk = await later(sim, clock, 1);
    await assert.rejects(
        sendAs(sdk, started.id, ALEX, 'Are you still there?'),
        refused(400, 'conversation.error.whatsapp.outside.customer.care.window', (error) => {
            assert.equal(error.entityId, started.id);
            assert.deepEqual(error.details, [
                { errorCode: 'conversation.error.whatsapp.outside.customer.care.window', fieldName: 'textBody' }
            ]);
            assert.match(String(error.message), /outside the 24-hour customer care window/);
            assert.deepEqual(error.messageParams, {
                conversationId: started.id,
                address: SAM_WHATSAPP,
                lastCustomerMessageTime: started.transcript[0]?.timestamp
            });
        })
    );
    assert.equal(sim.control.conversation(started.id).transcript.length, 3, 'the late text was not sent');

    sim.control.customerReply(started.id, 'Yes, one more thing.');
    assert.equal((await sendAs(sdk, started.id, ALEX, 'Go ahead.')).status, 'sent', 'his reply opened it again');
});

test('the care window counts the customer’s WhatsApp messages in any conversation, and SMS has none', async (t) => {
    const { sim, clock } = await startSimulator(t);
    let sdk = await sdkForDefaultAgent(sim);

    // Never wrote: an outbound WhatsApp conversation starts, but Alex's free-form text is refused.
    const cold = await message(sdk, SUPPORT, '447700900123', 'whatsapp');
    await assert.rejects(
        sendAs(sdk, cold.id ?? '', ALEX, 'Hello from Relay'),
        refused(400, 'conversation.error.whatsapp.outside.customer.care.window', (error) => {
            assert.match(String(error.message), /447700900123 has sent no WhatsApp message/);
        })
    );

    // Sam wrote in an earlier conversation, now ended: within the day, a new outbound conversation may text him.
    const earlier = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: `+${SAM_WHATSAPP}`,
        queue: 'Sales',
        text: 'Call me back on WhatsApp please.'
    });
    sim.control.customerDisconnect(earlier.id);
    sdk = await later(sim, clock, DAY_MS - 60_000);
    const followUp = await message(sdk, SUPPORT, SAM_WHATSAPP, 'whatsapp');
    assert.equal((await sendAs(sdk, followUp.id ?? '', ALEX, 'Hi Sam, following up.')).status, 'sent');
    sdk = await later(sim, clock, 60_000);
    await assert.rejects(
        sendAs(sdk, followUp.id ?? '', ALEX, 'Hello?'),
        refused(400, 'conversation.error.whatsapp.outside.customer.care.window')
    );

    // An SMS has no such window: Jane never wrote, and the text goes out.
    const sms = await message(sdk, SUPPORT, JANE_SMS, 'sms');
    assert.equal((await sendAs(sdk, sms.id ?? '', ALEX, 'Your refund was issued.')).status, 'sent');
});

test('outside the care window an agent’s file is refused like a text: both are free-form messages', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const cold = await message(sdk, SUPPORT, SAM_WHATSAPP, 'whatsapp');
    const conversationId = cold.id ?? '';
    const agent = await agentParticipant(sdk, conversationId, ALEX);
    const commId = await communicationId(sdk, conversationId, agent.id);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = await sdk.conversations.postConversationsMessageCommunicationMessagesMediaUploads(
        conversationId,
        commId,
        { fileName: 'catalogue.png', contentLengthBytes: png.length }
    );
    const put = await fetch(upload.uploadUrl ?? '', { method: 'PUT', headers: upload.uploadHeaders, body: png });
    assert.equal(put.status, 200);
    const media = await sdk.conversations.getConversationsMessageCommunicationMessagesMediaMediaId(
        conversationId,
        commId,
        upload.id ?? ''
    );
    assert.equal(media.status, 'valid');
    const sendFile = () =>
        sdk.conversations.postConversationsMessageCommunicationMessages(conversationId, commId, {
            textBody: '',
            mediaIds: [upload.id ?? '']
        });
    await assert.rejects(sendFile(), refused(400, 'conversation.error.whatsapp.outside.customer.care.window'));
    sim.control.customerReply(conversationId, 'Send me the catalogue');
    assert.equal((await sendFile()).status, 'sent');
});

test('the agent of a message on behalf of a queue owes the queue’s after-call work, started or taken over', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    const created = await message(sdk, SUPPORT, JANE_SMS, 'sms');
    const read = await sdk.conversations.getConversationsMessage(created.id ?? '');
    const agent = read.participants?.find((p) => p.purpose === 'agent');
    assert.equal(agent?.wrapupRequired, true, 'Support’s wrap-up is mandatory');
    assert.equal(typeof agent?.wrapupTimeoutMs, 'number', 'and time-boxed');

    sim.control.leaveOpen(created.id ?? '');
    const taken = await message(sdk, SUPPORT, JANE_SMS, 'sms', true);
    const again = sim.control.conversation(taken.id ?? '').participants.filter((p) => p.purpose === 'agent');
    assert.equal(again.at(-1)?.state, 'connected');
    assert.equal(again.at(-1)?.wrapupRequired, true, 'the take-over owes it too');
});
