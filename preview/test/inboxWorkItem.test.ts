// The digital inbox and the work-item panel on one interaction, in the preview (as in the Apex): an interaction
// the agent works from the Digital tab (Worked_In_Inbox__c, set by the click) is listed by the panel but not routed
// as Omni-Channel work, whose record tab would take the agent away from the Digital tab. End and a transfer away
// clear the mark; a conversation the contact centre routes to the agent itself (ACD) is Omni-Channel work.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PreviewServer } from '../server/server';
import { apex, preview, type Json } from './support';

/** A web chat waiting in the Support queue (the agent is not on queue); resolves with its interaction id. */
async function waitingChat(server: PreviewServer): Promise<{ conversationId: string; interactionId: string }> {
    const started = server.sim.control.startConversation({
        channel: 'webchat',
        queue: 'Support',
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
    return { conversationId: started.id, interactionId: interaction.id };
}

/** Clicked in the Digital tab: assigned, then joined in the contact centre. */
async function workedInTheDigitalTab(server: PreviewServer): Promise<string> {
    const { interactionId } = await waitingChat(server);
    const assigned = await apex(server, 'RelayInboxController.assignToMe', { interactionId });
    assert.equal(assigned.assigned, true);
    assert.equal(worked(server, interactionId), true, 'the click marks it worked in the Digital tab');
    await apex(server, 'RelayInboxController.joinConversation', { interactionId });
    await server.sim.control.flushWebhooks();
    return interactionId;
}

const worked = (server: PreviewServer, id: string): unknown => server.store.get(id)?.fields.Worked_In_Inbox__c;
const synced = (server: PreviewServer): Promise<Json[]> =>
    apex<Json[]>(server, 'RelayWorkItemController.syncInteractions');

test('the panel lists a conversation joined from the Digital tab, connected, and routes no Omni-Channel work for it', async (t) => {
    const server = await preview(t);
    const interactionId = await workedInTheDigitalTab(server);
    const assigned: unknown[] = [];
    server.omni.on('event', (e: { name: string; detail: unknown }) => {
        if (e.name === 'workAssigned') assigned.push(e.detail);
    });

    const views = await synced(server);

    const view = views.find((v) => v.id === interactionId);
    assert.deepEqual([view?.state, view?.workItemId], ['connected', null], 'listed, connected, no work item');
    assert.deepEqual(server.store.query('AgentWork'), [], 'no work item to open a record tab');
    assert.deepEqual(assigned, []);
    assert.equal(worked(server, interactionId), true);

    const disconnected = await apex(server, 'RelayWorkItemController.disconnect', { interactionId });
    assert.ok(
        ['done', 'wrapUp'].includes(String(disconnected.state)),
        `Disconnect there still ends it: ${String(disconnected.state)}`
    );
});

test('End and a transfer away take the interaction out of the Digital tab; a transfer back to the agent keeps it', async (t) => {
    const server = await preview(t);
    const ended = await workedInTheDigitalTab(server);
    const end = await apex(server, 'RelayInboxController.endInteraction', { interactionId: ended });
    // Support requires a wrap-up: the End is finished by the code, and only then is it out of the Digital tab.
    assert.equal(end.wrapUpNeeded, true);
    assert.equal(worked(server, ended), true, 'still worked in the Digital tab while its wrap-up is owed');
    const [code] = await apex<Json[]>(server, 'RelayWrapUpController.getWrapUpCodes', { interactionId: ended });
    await apex(server, 'RelayInboxController.submitWrapUp', { interactionId: ended, codeId: code?.id, notes: null });
    assert.equal(worked(server, ended), false, 'ended: the next contact-centre offer of it is work again');

    const moved = await workedInTheDigitalTab(server);
    await apex(server, 'RelayInboxController.transferToQueue', {
        interactionId: moved,
        queueId: server.org.queues.Relay_Billing
    });
    assert.equal(worked(server, moved), false, 'transferred to another queue');

    const back = await workedInTheDigitalTab(server);
    await apex(server, 'RelayInboxController.transferToQueue', {
        interactionId: back,
        queueId: server.org.queues.Relay_VIP
    });
    assert.equal(worked(server, back), true, 'VIP has only this agent: it came straight back to their Digital tab');
});

test('a conversation the contact centre routes to the agent is Omni-Channel work, even if it was worked in a Digital tab before', async (t) => {
    const server = await preview(t);
    const { conversationId, interactionId } = await waitingChat(server);
    // Someone worked it in their Digital tab and it is back with its digital queue.
    server.store.update(interactionId, { Worked_In_Inbox__c: true });

    await apex(server, 'RelayWorkItemController.setOnQueue', { onQueue: true });
    await server.sim.control.flushWebhooks();
    const offered = server.sim.control.conversation(conversationId).participants.find((p) => p.purpose === 'agent');
    assert.equal(offered?.state, 'alerting', 'the contact centre offers it to the agent (ACD)');
    const views = await synced(server);

    const works = server.store.query('AgentWork');
    assert.equal(works.length, 1, 'routed as Omni-Channel work');
    assert.equal(views.find((v) => v.id === interactionId)?.workItemId, works[0]?.id);
    assert.equal(worked(server, interactionId), false);
});
