// The official Genesys Cloud JS SDK drives the simulator through the agent flow of reference §14.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    ALEX,
    BLAKE,
    SEED_IDS,
    agentParticipant,
    communicationId,
    goOnQueue,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator
} from './helpers';

test('an agent goes On Queue, picks up an inbound web chat, converses, disconnects and wraps up', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    const me = await sdk.users.getUsersMe();
    assert.equal(me.id, ALEX, 'a client-credentials token acts as the default demo agent');
    assert.equal((await sdk.users.getUserRoutingstatus(ALEX)).status, 'OFF_QUEUE');
    await goOnQueue(sdk, ALEX);
    assert.equal((await sdk.users.getUserRoutingstatus(ALEX)).status, 'IDLE');
    assert.equal((await sdk.presence.getUserPresencesPurecloud(ALEX)).presenceDefinition?.systemPresence, 'OnQueue');

    const started = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia@example.com',
        queue: 'Support',
        text: 'Where is my order #1042?'
    });
    const mine = await sdk.conversations.getConversationsMessages();
    assert.deepEqual(
        mine.entities?.map((c) => c.id),
        [started.id],
        'the offer shows in my active conversations'
    );
    const offered = await agentParticipant(sdk, started.id, ALEX);
    assert.equal(offered.state, 'alerting');
    assert.equal(offered.alertingTimeoutMs, 30_000);
    assert.equal(offered.queue?.id, SEED_IDS.queues.support);
    const conversation = await sdk.conversations.getConversationsMessage(started.id);
    const customer = (conversation.participants ?? []).find((p) => p.purpose === 'customer');
    assert.equal(customer?.type, 'webmessaging', 'web chat is a webmessaging message conversation');

    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    assert.equal((await agentParticipant(sdk, started.id, ALEX)).state, 'connected');
    assert.equal((await sdk.users.getUserRoutingstatus(ALEX)).status, 'INTERACTING');

    const commId = await communicationId(sdk, started.id, offered.id);
    const sent = await sdk.conversations.postConversationsMessageCommunicationMessages(started.id, commId, {
        textBody: 'Let me check that for you.'
    });
    assert.equal(sent.direction, 'outbound');
    assert.equal(sent.status, 'sent');
    sim.control.customerReply(started.id, 'Thank you!');

    const afterReply = await sdk.conversations.getConversationsMessage(started.id);
    const customerMessages = (afterReply.participants ?? []).find((p) => p.purpose === 'customer')?.messages ?? [];
    assert.equal(customerMessages.length, 2, 'the customer reply is visible on the conversation');
    assert.deepEqual(
        sim.control.conversation(started.id).transcript.map((m) => [m.direction, m.text]),
        [
            ['inbound', 'Where is my order #1042?'],
            ['outbound', 'Let me check that for you.'],
            ['inbound', 'Thank you!']
        ]
    );

    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'disconnected' }
    });
    const ended = await agentParticipant(sdk, started.id, ALEX);
    assert.equal(ended.state, 'disconnected');
    assert.equal(ended.wrapupRequired, true);
    assert.equal(ended.wrapupPrompt, 'timeout');
    assert.equal(ended.wrapupTimeoutMs, 120_000);
    assert.equal(
        (await sdk.users.getUserRoutingstatus(ALEX)).status,
        'INTERACTING',
        'after-call work keeps the agent busy'
    );

    const codes = await sdk.conversations.getConversationsMessageParticipantWrapupcodes(started.id, offered.id);
    assert.deepEqual(
        codes.map((c) => c.name),
        ['Resolved', 'Follow-up required', 'Escalated to tier 2']
    );
    const resolved = codes.find((c) => c.name === 'Resolved')?.id ?? '';
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { wrapup: { code: resolved, notes: 'Order located', durationSeconds: 20 } }
    });
    const wrapup = await sdk.conversations.getConversationsMessageParticipantWrapup(started.id, offered.id, {
        provisional: false
    });
    assert.equal(wrapup.code, resolved);
    assert.equal(wrapup.notes, 'Order located');
    assert.equal((await sdk.users.getUserRoutingstatus(ALEX)).status, 'IDLE', 'wrap-up done: back to IDLE on queue');
    assert.deepEqual((await sdk.conversations.getConversationsMessages()).entities, []);
});

test('an agent lists the queues they joined (a member who has not joined sees it with joined=false) and finds transfer targets', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const joined = await sdk.routing.getUserQueues(ALEX, { pageSize: 100, joined: true });
    assert.deepEqual(
        joined.entities?.map((q) => [q.name, q.joined, q.acwSettings?.wrapupPrompt]),
        [
            ['Support', true, 'MANDATORY_TIMEOUT'],
            ['Billing', true, 'MANDATORY'],
            ['Sales', true, 'OPTIONAL']
        ]
    );
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    const notJoined = await blake.routing.getUserQueues('me', { joined: false });
    assert.deepEqual(
        notJoined.entities?.map((q) => q.name),
        ['Sales']
    );
    const codes = await sdk.routing.getRoutingQueueWrapupcodes(SEED_IDS.queues.billing, {
        pageSize: 100,
        pageNumber: 1
    });
    assert.deepEqual(
        codes.entities?.map((c) => c.name),
        ['Payment taken', 'Refund issued', 'Invoice explained']
    );
    assert.equal((await blake.users.getUsersMe()).id, BLAKE, 'a per-agent token acts as that agent');
    const targets = await sdk.routing.getRoutingQueues({ name: 'S*', sortOrder: 'desc', pageSize: 25 });
    assert.deepEqual(
        targets.entities?.map((q) => q.name),
        ['Support', 'Sales'],
        'the transfer dialog finds queues by name prefix'
    );
});

test('an outbound message on behalf of a queue is refused while a conversation with that contact is queued or assigned', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const waiting = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Billing',
        text: 'I was charged twice.'
    });
    // Billing has no outbound SMS number: the outbound SMS goes out on behalf of Support, and the 409 is about the
    // contact, whichever queue holds their conversation.
    const request = {
        queueId: SEED_IDS.queues.support,
        toAddress: '+13175550100',
        toAddressMessengerType: 'sms',
        useExistingConversation: true
    };

    await assert.rejects(sdk.conversations.postConversationsMessages(request), (error: Record<string, unknown>) => {
        assert.equal(error.status, 409);
        assert.equal(error.code, 'conversation.error.outbound.active.conversation');
        assert.equal(error.entityId, waiting.id, 'the error names the queued conversation');
        assert.match(String(error.message), /queued/);
        return true;
    });

    sim.control.customerDisconnect(waiting.id);
    const created = await sdk.conversations.postConversationsMessages(request);
    assert.ok(created.id);
    const agent = await agentParticipant(sdk, created.id ?? '', ALEX);
    assert.equal(agent.state, 'connected', 'the agent owns the new outbound conversation');
    const commId = await communicationId(sdk, created.id ?? '', agent.id);
    await sdk.conversations.postConversationsMessageCommunicationMessages(created.id ?? '', commId, {
        textBody: 'Hi Jane, following up on your invoice.'
    });
    assert.equal(sim.control.conversation(created.id ?? '').customer.externalContactId, SEED_IDS.contacts.jane);

    await assert.rejects(sdk.conversations.postConversationsMessages(request), (error: Record<string, unknown>) => {
        assert.equal(error.status, 409);
        assert.match(String(error.message), /assigned/);
        return true;
    });
});

test('an external contact is found by phone number and a missing one is a 404', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const jane = await sdk.externalContacts.postExternalcontactsIdentifierlookupContacts({
        type: 'Phone',
        value: '+13175550100'
    });
    assert.equal(`${jane.firstName} ${jane.lastName}`, 'Jane Doe');
    await assert.rejects(
        sdk.externalContacts.postExternalcontactsIdentifierlookupContacts({
            type: 'Email',
            value: 'nobody@example.com'
        }),
        (error: Record<string, unknown>) => error.status === 404 && error.code === 'not.found'
    );
});
