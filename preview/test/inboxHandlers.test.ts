// The preview of RelayInboxController and of the inbound routing (RelayConversationInbound with
// RelayQueueMappingService) against the preview's org: who sees what (queue members, directly or through a
// public group), the assignment race between two agents, End, transfer, dispositions and notes, and which
// digital queue a new conversation waits in. Agents other than the demo agent act through `invoke(..., asUser)`.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { DEMO_USER_ID, DEMO_USER_NAME } from '../lib/demo';
import { labelText } from '../lib/labels';
import { SECOND_AGENT_ID } from '../server/orgSeed';
import { EVENT_BRIDGE_USER_ID, receiveCustomerMessage } from '../apex/RelayConversationInbound';
import type { PreviewServer } from '../server/server';
import { apex, preview as startPreview, refusal as refusalOf, type Json } from './support';

/** A user in no queue. */
const OUTSIDER_ID = '005000000000009AAA';

async function preview(t: TestContext, demoInbox = true): Promise<PreviewServer> {
    const server = await startPreview(t, { demoInbox });
    server.store.insert('User', { Name: 'Olive Outsider', IsActive: true }, OUTSIDER_ID);
    return server;
}

const inbox = <T = Json>(server: PreviewServer, method: string, params: Json = {}, asUser?: string): Promise<T> =>
    apex<T>(server, `RelayInboxController.${method}`, params, asUser);

const refusal = (server: PreviewServer, method: string, params: Json, asUser?: string): Promise<string> =>
    refusalOf(server, `RelayInboxController.${method}`, params, asUser);

const interactionOf = (server: PreviewServer, customer: string): string =>
    server.store.query('Relay_Interaction__c', (f) => f.Customer_Name__c === customer)[0]?.id ?? '';
const fields = (server: PreviewServer, id: string): Json => server.store.get(id)?.fields ?? {};

test('the inbox lists the waiting interactions of the user’s digital queues, newest first', async (t) => {
    const server = await preview(t);
    const mine = await inbox<Json[]>(server, 'getInbox');
    assert.deepEqual(
        mine.map((i) => [i.customerName, i.channel, i.queueName]),
        [
            ['Ava Thompson', 'chat', 'Relay Digital'],
            ['Ben Carter', 'email', 'Relay Digital'],
            ['Chloe Martin', 'facebook', 'Relay Digital'],
            ['Farah Khan', 'instagram', 'Relay Digital'],
            ['Emma Wilson', 'sms', 'Relay Billing'],
            ['Diego Alvarez', 'whatsapp', 'Relay Digital']
        ]
    );
    assert.deepEqual(mine[0]?.tags, ['Delivery', 'VIP']);
    assert.equal(mine[0]?.unread, true);
    assert.match(String(mine[0]?.lastMessagePreview), /^Hi! My parcel/);
    assert.deepEqual(await inbox(server, 'getInbox', {}, OUTSIDER_ID), [], 'a user in no queue sees none of them');
    assert.deepEqual(
        (await inbox<Json[]>(server, 'getDigitalQueues')).map((q) => q.name),
        ['Relay Billing', 'Relay Digital', 'Relay VIP'],
        'Relay Externally Routed has a routing configuration: not a digital queue'
    );
});

test('two agents clicking at once: the first gets it, the second is told who, nothing is half assigned', async (t) => {
    const server = await preview(t);
    const id = interactionOf(server, 'Ava Thompson');
    const [first, second] = await Promise.all([
        inbox(server, 'assignToMe', { interactionId: id }),
        inbox(server, 'assignToMe', { interactionId: id }, SECOND_AGENT_ID)
    ]);
    assert.equal(first.assigned, true);
    assert.equal(first.assignedToName, DEMO_USER_NAME);
    assert.deepEqual([second.assigned, second.assignedToName, second.item], [false, DEMO_USER_NAME, null]);
    const record = fields(server, id);
    assert.equal(record.Assigned_Agent__c, DEMO_USER_ID);
    assert.equal(record.OwnerId, DEMO_USER_ID);
    assert.equal(record.Unread__c, false);
    assert.equal(record.Routing_Queue_Id__c, server.org.queues.Relay_Digital);
    assert.equal(
        await refusal(server, 'assignToMe', { interactionId: id }, OUTSIDER_ID),
        labelText('Relay_Error_InteractionNotFound'),
        'an agent outside the queue learns nothing'
    );
    assert.ok(!(await inbox<Json[]>(server, 'getInbox', {}, SECOND_AGENT_ID)).some((i) => i.id === id));
    assert.equal(
        await refusal(server, 'setResolved', { interactionId: id }, SECOND_AGENT_ID),
        labelText('Relay_Error_InteractionNotFound')
    );
});

test('Set as Resolved keeps the agent; End gives the interaction back to its queue, closed', async (t) => {
    const server = await preview(t);
    const id = interactionOf(server, 'Ben Carter');
    assert.equal(
        await refusal(server, 'setResolved', { interactionId: id }),
        labelText('Relay_Inbox_NotAssignedToYou')
    );
    await inbox(server, 'assignToMe', { interactionId: id });
    const resolved = await inbox(server, 'setResolved', { interactionId: id });
    assert.deepEqual([resolved.status, resolved.assignedAgentId], ['Resolved', DEMO_USER_ID]);
    assert.ok(
        (await inbox<Json[]>(server, 'getInbox')).some((i) => i.id === id),
        'still in the agent’s inbox'
    );

    const ended = await inbox(server, 'endInteraction', { interactionId: id });
    assert.deepEqual([ended.status, ended.assignedAgentId, ended.queueName], ['Closed', null, 'Relay Digital']);
    assert.equal(fields(server, id).OwnerId, server.org.queues.Relay_Digital);
    assert.ok(!(await inbox<Json[]>(server, 'getInbox')).some((i) => i.id === id), 'in nobody’s inbox');
    assert.equal(await refusal(server, 'assignToMe', { interactionId: id }), labelText('Relay_Inbox_InteractionEnded'));
});

test('a transfer hands the interaction to the queue, or back to the agent who is its only member', async (t) => {
    const server = await preview(t);
    const id = interactionOf(server, 'Chloe Martin');
    await inbox(server, 'assignToMe', { interactionId: id });
    assert.equal(
        await refusal(server, 'transferToQueue', {
            interactionId: id,
            queueId: server.org.queues.Relay_Externally_Routed
        }),
        labelText('Relay_Inbox_QueueNotDigital')
    );
    const vip = await inbox(server, 'transferToQueue', { interactionId: id, queueId: server.org.queues.Relay_VIP });
    assert.deepEqual([vip.assignedAgentId, vip.queueName, vip.status], [DEMO_USER_ID, 'Relay VIP', 'New']);
    const billing = await inbox(server, 'transferToQueue', {
        interactionId: id,
        queueId: server.org.queues.Relay_Billing
    });
    assert.deepEqual([billing.assignedAgentId, billing.queueName], [null, 'Relay Billing']);
    assert.equal(fields(server, id).OwnerId, server.org.queues.Relay_Billing);
    assert.ok((await inbox<Json[]>(server, 'getInbox', {}, SECOND_AGENT_ID)).some((i) => i.id === id));
});

test('dispositions set exactly one Name lookup and the case; notes are private to their author', async (t) => {
    const server = await preview(t);
    const id = interactionOf(server, 'Farah Khan');
    await inbox(server, 'assignToMe', { interactionId: id });
    const { accounts, contacts, cases } = server.org;
    assert.equal(
        await refusal(server, 'saveDisposition', { interactionId: id, nameId: cases[0] }),
        labelText('Relay_Inbox_NameInvalid')
    );
    assert.equal(
        await refusal(server, 'saveDisposition', { interactionId: id, relatesToId: contacts[0] }),
        labelText('Relay_Inbox_RelatesToInvalid')
    );
    assert.match(await refusal(server, 'saveDisposition', { interactionId: id, notes: 'x'.repeat(32769) }), /32768/);
    assert.equal(fields(server, id).Case__c, undefined, 'nothing saved by a refused call');

    await inbox(server, 'saveDisposition', {
        interactionId: id,
        nameId: contacts[1],
        relatesToId: cases[1],
        notes: 'VIP'
    });
    await inbox(server, 'saveDisposition', {
        interactionId: id,
        nameId: accounts[0],
        relatesToId: cases[1],
        notes: ''
    });
    const saved = fields(server, id);
    assert.deepEqual(
        [saved.Account__c, saved.Contact__c, saved.Lead__c, saved.Case__c],
        [accounts[0], null, null, cases[1]]
    );
    const detail = await inbox(server, 'getInteractionDetail', { interactionId: id });
    assert.deepEqual([detail.nameLabel, detail.relatesToLabel], ['Acme Corporation', '00001002']);
    assert.deepEqual(
        (detail.notes as Json[]).map((n) => n.body),
        ['VIP'],
        'a blank note is not kept'
    );
    // The same contact writes again on another interaction: the agent finds their note; Sam never does.
    await inbox(server, 'endInteraction', { interactionId: id });
    server.store.update(id, { Status__c: 'Open' });
    const samSees = await inbox(server, 'getInteractionDetail', { interactionId: id }, SECOND_AGENT_ID);
    assert.deepEqual(samSees.notes, []);
});

test('a new conversation waits in the digital queue its contact-centre queue is mapped to, else the default', async (t) => {
    const server = await preview(t, false);
    const start = (queue: string, name: string) =>
        server.sim.control.startConversation({
            channel: 'sms',
            queue,
            customerName: name,
            customerAddress: '+1 555 0100',
            text: `Hello from ${name}`
        });
    const billing = start('Billing', 'Bo');
    const support = start('Support', 'Sue');
    await server.sim.control.flushWebhooks();
    const owner = (conversationId: string) =>
        server.store.query('Relay_Interaction__c', (f) => f.External_Conversation_Id__c === conversationId)[0]?.fields;
    assert.equal(owner(billing.id)?.OwnerId, server.org.queues.Relay_Billing, 'the Billing mapping');
    assert.equal(owner(support.id)?.OwnerId, server.org.queues.Relay_Digital, 'the Default mapping');
    assert.equal(owner(support.id)?.Routing_Queue_Id__c, server.org.queues.Relay_Digital);
    assert.equal(owner(support.id)?.Channel__c, 'SMS');

    // Without a usable mapping the interaction is kept all the same, and the 202 answer's detail tells the admin.
    for (const m of server.store.query('Relay_Queue_Mapping__mdt')) server.store.delete(m.id);
    const ctx = {
        userId: EVENT_BRIDGE_USER_ID,
        store: server.store,
        bus: server.bus,
        genesys: server.genesys,
        label: labelText,
        now: () => new Date()
    };
    const outcome = receiveCustomerMessage(
        ctx,
        'conv-unmapped',
        'sms',
        'queue-x',
        'msg-1',
        'Hi',
        new Date().toISOString()
    );
    assert.equal(owner('conv-unmapped')?.OwnerId, EVENT_BRIDGE_USER_ID, 'owned by the integration user');
    assert.equal(owner('conv-unmapped')?.Routing_Queue_Id__c, null);
    assert.match(String(outcome.routingDetail), /conv-unmapped is owned by the integration user.*"queue-x"/);
    assert.ok(outcome.message, 'the message is kept');
});
