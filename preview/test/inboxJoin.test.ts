// The preview of the digital inbox's join, End and transfer against the embedded simulator (RelayConversationJoin
// through RelayInboxController and RelayConversationController): Genesys Cloud follows Salesforce's assignment with
// the same requests, in the same order, as the Apex, and a failed callout changes nothing in the records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed';
import { DEMO_USER_ID } from '../lib/demo';
import type { PreviewServer } from '../server/server';
import { apex, operations, preview, type Json } from './support';

const { users, queues } = SEED_IDS;

/** A web chat waiting in a queue (nobody on queue; Support by default) and its interaction, assigned to the demo agent. */
async function assignedWaitingChat(
    server: PreviewServer,
    queue = 'Support'
): Promise<{ conversationId: string; interactionId: string }> {
    const started = server.sim.control.startConversation({
        channel: 'webchat',
        queue,
        customerName: 'Quinn Harper',
        customerAddress: 'quinn@example.com',
        text: 'Is my order on its way?'
    });
    await server.sim.control.flushWebhooks();
    const [interaction] = server.store.query(
        'Relay_Interaction__c',
        (f) => f.External_Conversation_Id__c === started.id
    );
    assert.ok(interaction, 'the customer message created the interaction');
    const assigned = await apex<Json>(server, 'RelayInboxController.assignToMe', { interactionId: interaction.id });
    assert.equal(assigned.assigned, true);
    return { conversationId: started.id, interactionId: interaction.id };
}

const agentLegs = (server: PreviewServer, conversationId: string) =>
    server.sim.control.conversation(conversationId).participants.filter((p) => p.purpose === 'agent');

test('joining takes the waiting conversation from the queue and connects the agent; joining again sends nothing more', async (t) => {
    const server = await preview(t);
    const { conversationId, interactionId } = await assignedWaitingChat(server);
    const mark = server.genesys.sent.length;

    await apex(server, 'RelayInboxController.joinConversation', { interactionId });

    assert.deepEqual(operations(server, mark), [
        'getMe',
        'getConversation',
        'replaceWithAgent',
        'getConversation',
        'pickUp'
    ]);
    const replace = server.genesys.sent[mark + 2];
    assert.deepEqual(replace?.body, { userId: users.alex });
    assert.match(replace?.url ?? '', /\/participants\/[^/]+\/replace\/agent$/);
    const [mine] = agentLegs(server, conversationId);
    assert.deepEqual([mine?.userId, mine?.state], [users.alex, 'connected']);
    const record = server.store.get(interactionId)?.fields ?? {};
    assert.deepEqual([record.Agent_Participant_Id__c, record.Work_State__c], [mine?.id, 'Connected']);

    const again = server.genesys.sent.length;
    await apex(server, 'RelayInboxController.joinConversation', { interactionId });
    assert.deepEqual(operations(server, again), ['getMe', 'getConversation'], 'already connected');
});

test('a reply from the assigned agent joins first, then End disconnects the agent before closing the interaction', async (t) => {
    const server = await preview(t);
    // Sales: an optional wrap-up, so End closes at once.
    const { conversationId, interactionId } = await assignedWaitingChat(server, 'Sales');
    const mark = server.genesys.sent.length;

    await apex(server, 'RelayConversationController.sendReply', { interactionId, text: 'Yes, tomorrow.' });
    assert.deepEqual(operations(server, mark), [
        'getMe',
        'getConversation',
        'replaceWithAgent',
        'getConversation',
        'pickUp',
        'sendText'
    ]);
    assert.equal(server.store.get(interactionId)?.fields.Status__c, 'Resolved');

    const beforeEnd = server.genesys.sent.length;
    const ended = await apex<Json>(server, 'RelayInboxController.endInteraction', { interactionId });
    assert.deepEqual(operations(server, beforeEnd), ['getMe', 'getConversation', 'disconnect', 'getConversation']);
    assert.equal(ended.status, 'Closed');
    assert.equal(ended.wrapUpNeeded, false);
    assert.deepEqual(
        agentLegs(server, conversationId).map((p) => p.state),
        ['disconnected'],
        'the Genesys participant left with the End'
    );
});

test('End on a queue that requires wrap-up keeps the interaction until its code is submitted, which lands in Genesys', async (t) => {
    const server = await preview(t);
    const { conversationId, interactionId } = await assignedWaitingChat(server, 'Billing');
    await apex(server, 'RelayInboxController.joinConversation', { interactionId });

    const ended = await apex<Json>(server, 'RelayInboxController.endInteraction', { interactionId });
    assert.equal(ended.wrapUpNeeded, true, 'the page asks for the code');
    assert.equal(ended.assignedAgentId, DEMO_USER_ID, "still the agent's");
    const [leg] = agentLegs(server, conversationId);
    assert.deepEqual([leg?.state, leg?.wrapupPending], ['disconnected', true], 'in after-call work');
    const record = server.store.get(interactionId)?.fields ?? {};
    assert.deepEqual([record.Work_State__c, record.Agent_Participant_Id__c], ['Wrap_Up', leg?.id]);
    const inbox = await apex<Json[]>(server, 'RelayInboxController.getInbox');
    assert.equal(inbox.find((i) => i.id === interactionId)?.wrapUpNeeded, true, 'marked in the list');
    await assert.rejects(
        apex(server, 'RelayInboxController.joinConversation', { interactionId }),
        /wrap-up code/,
        'no join while the code is owed'
    );

    const codes = await apex<Json[]>(server, 'RelayWrapUpController.getWrapUpCodes', { interactionId });
    const code = codes.find((c) => c.name === 'Refund issued');
    assert.ok(code, `the queue's codes: ${JSON.stringify(codes)}`);
    const mark = server.genesys.sent.length;
    const result = await apex<Json>(server, 'RelayInboxController.submitWrapUp', {
        interactionId,
        codeId: code.id,
        notes: 'Refunded the duplicate charge.'
    });

    assert.equal(operations(server, mark)[0], 'submitWrapUp');
    assert.equal(result.status, 'Submitted');
    const item = result.item as Json;
    assert.deepEqual([item.assignedAgentId, item.status, item.wrapUpNeeded], [null, 'Closed', false]);
    const [wrapped] = agentLegs(server, conversationId);
    assert.deepEqual([wrapped?.wrapup?.code, wrapped?.wrapup?.notes], [code.id, 'Refunded the duplicate charge.']);
    assert.equal(wrapped?.wrapupPending, false, 'the agent is out of after-call work');
    assert.equal(server.store.get(interactionId)?.fields.Work_State__c, 'Done');
});

test('a transfer to a mapped digital queue hands the conversation to its contact-centre queue; a refused one changes nothing', async (t) => {
    const server = await preview(t);
    const { conversationId, interactionId } = await assignedWaitingChat(server);
    await apex(server, 'RelayInboxController.joinConversation', { interactionId });
    const billing = server.org.queues.Relay_Billing;

    server.sim.control.injectFault({ operation: 'transferToQueue', status: 503 });
    const refused = await apex(server, 'RelayInboxController.transferToQueue', {
        interactionId,
        queueId: billing
    }).then(
        () => assert.fail('the transfer succeeded'),
        (error: Error) => error.message
    );
    assert.ok(refused.length > 0 && !refused.includes('503'), `a label, not the callout's text: ${refused}`);
    const kept = server.store.get(interactionId)?.fields ?? {};
    assert.deepEqual([kept.Assigned_Agent__c, kept.OwnerId], [DEMO_USER_ID, DEMO_USER_ID], 'nothing half done');

    const mark = server.genesys.sent.length;
    await apex(server, 'RelayInboxController.transferToQueue', { interactionId, queueId: billing });
    assert.deepEqual(operations(server, mark), ['getMe', 'getConversation', 'transferToQueue']);
    assert.deepEqual(server.genesys.sent[mark + 2]?.body, { queueId: queues.billing });
    const waiting = server.sim.control
        .conversation(conversationId)
        .participants.filter((p) => p.purpose === 'acd' && p.state === 'connected');
    assert.deepEqual(
        waiting.map((p) => p.queueId),
        [queues.billing],
        'waiting in the Billing queue of the contact centre'
    );
    assert.deepEqual(
        agentLegs(server, conversationId).map((p) => [p.state, p.disconnectType]),
        [['disconnected', 'transfer']]
    );
    assert.equal(server.store.get(interactionId)?.fields.OwnerId, billing);
});
