// The preview of the work-item Apex (RelayWorkItemController, RelayWrapUpController, RelayTransferController,
// RelayConversationController) against the embedded simulator: each call sends the contact-centre requests
// the Apex sends, in the same order and with the same bodies, keeps the records the Apex keeps, and answers
// with the same views and labels. Events reach the preview's own signed endpoint, as in the console.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed';
import { DEMO_USER_ID } from '../lib/demo';
import { labelText } from '../lib/labels';
import type { PreviewServer } from '../server/server';
import { apex, preview, refusal, type Json } from './support';

const { users, queues, codes, presence } = SEED_IDS;

/** What was sent to the contact centre from `mark` on: operation, URL and body. */
function sentSince(server: PreviewServer, mark: number): [string, string, unknown][] {
    return server.genesys.sent.slice(mark).map((r) => [r.operation, r.url, r.body]);
}

const operations = (server: PreviewServer, mark: number): string[] => sentSince(server, mark).map(([op]) => op);

const conversationPath = (conversationId: string, participantId: string): string =>
    `/api/v2/conversations/messages/${conversationId}/participants/${participantId}`;

/** On Queue, a web chat from Maria in `queue` reaches Alex; resolves once its events were delivered. */
async function offered(server: PreviewServer, queue = 'Support', channel = 'webchat') {
    await apex(server, 'RelayWorkItemController.setOnQueue', { onQueue: true });
    const started = server.sim.control.startConversation({
        channel: channel as 'webchat',
        queue,
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia@example.com',
        text: 'Hello, my order is late'
    });
    await server.sim.control.flushWebhooks();
    const agent = server.sim.control.conversation(started.id).participants.find((p) => p.purpose === 'agent');
    assert.ok(agent, 'the simulator offered the conversation to Alex');
    return { conversationId: started.id, participantId: agent.id };
}

async function synced(server: PreviewServer): Promise<Json[]> {
    return apex<Json[]>(server, 'RelayWorkItemController.syncInteractions');
}

/** The panel's reconciliation: the interactions, then the wrap-ups the agent owes elsewhere. */
async function panelSynced(server: PreviewServer): Promise<Json[]> {
    const views = await synced(server);
    return [...views, ...(await apex<Json[]>(server, 'RelayWrapUpController.syncOwedWrapUps'))];
}

async function connected(server: PreviewServer, queue = 'Support', channel = 'webchat') {
    const ids = await offered(server, queue, channel);
    const [view] = await synced(server);
    await apex(server, 'RelayWorkItemController.pickUp', { interactionId: view.id });
    await server.sim.control.flushWebhooks();
    return { ...ids, interactionId: String(view.id) };
}

async function inWrapUp(server: PreviewServer) {
    const ids = await connected(server);
    await apex(server, 'RelayWorkItemController.disconnect', { interactionId: ids.interactionId });
    await server.sim.control.flushWebhooks();
    return ids;
}

const record = (server: PreviewServer, id: string): Json => server.store.get(id)?.fields ?? {};

test('getAgentStatus reads the presence and setOnQueue sets the mapped On Queue presence definition', async (t) => {
    const server = await preview(t);
    let mark = server.genesys.sent.length;
    const before = await apex(server, 'RelayWorkItemController.getAgentStatus');
    assert.deepEqual(operations(server, mark), ['getMe', 'getPresence']);
    assert.equal(before.onQueue, false);

    mark = server.genesys.sent.length;
    const status = await apex(server, 'RelayWorkItemController.setOnQueue', { onQueue: true });
    assert.deepEqual(sentSince(server, mark), [
        ['getMe', '/api/v2/users/me', undefined],
        ['getPresenceDefinitions', '/api/v2/presence/definitions', undefined],
        [
            'setPresence',
            `/api/v2/users/${users.alex}/presences/purecloud`,
            { presenceDefinition: { id: presence.onQueue } }
        ]
    ]);
    // The id is the one Omni-Channel (the preview's simulator) sets the Relay_Online status by.
    const online = server.omni.statuses.find((s) => s.apiName === 'Relay_Online');
    assert.match(String(online?.id), /^0N5/);
    assert.deepEqual(status, {
        genesysUserId: users.alex,
        onQueue: true,
        presenceName: 'On Queue',
        omniStatusApiName: 'Relay_Online',
        omniStatusId: online?.id
    });
    assert.equal(server.omni.setStatus(String(status.omniStatusId)).statusApiName, 'Relay_Online');
    const alex = server.sim.control.state().users.find((u) => u.id === users.alex);
    assert.equal(alex?.routingStatus, 'IDLE');

    const off = await apex(server, 'RelayWorkItemController.setOnQueue', { onQueue: false });
    assert.deepEqual(
        [off.onQueue, off.presenceName, off.omniStatusApiName, off.omniStatusId],
        [false, 'Available', 'Relay_Busy', server.omni.statuses.find((s) => s.apiName === 'Relay_Busy')?.id]
    );
});

test('setOnQueue without a yes or no is refused before anything is sent', async (t) => {
    const server = await preview(t);
    const mark = server.genesys.sent.length;
    assert.equal(
        await refusal(server, 'RelayWorkItemController.setOnQueue', {}),
        labelText('Relay_Error_InvalidRequest')
    );
    assert.deepEqual(sentSince(server, mark), []);
});

test('a customer message is kept in the transcript before any agent has the conversation', async (t) => {
    const server = await preview(t);
    const { conversationId } = await offered(server);
    const [interaction] = server.store.query('Relay_Interaction__c');
    assert.equal(interaction?.fields.External_Conversation_Id__c, conversationId);
    assert.equal(interaction?.fields.Status__c, 'New');
    assert.equal(interaction?.fields.Unread__c, true);
    const messages = server.store.query('Relay_Message__c');
    assert.deepEqual(
        messages.map((m) => [m.fields.Direction__c, m.fields.Text__c, m.fields.Delivery_Status__c]),
        [['Inbound', 'Hello, my order is late', 'Received']]
    );
    // A redelivered event (same event id, signed anew) is a duplicate: nothing is kept twice.
    const event = server.sim.control.events().find((e) => e.type === 'conversation.customerMessage');
    assert.ok(event);
    server.sim.control.redeliverEvent(event.eventId);
    await server.sim.control.flushWebhooks();
    assert.equal(server.store.query('Relay_Message__c').length, 1);
});

test('syncInteractions takes the offer over, routes it once as Omni-Channel work and returns its view', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId } = await offered(server);
    const assigned: unknown[] = [];
    server.omni.on('event', (e: { name: string; detail: unknown }) => {
        if (e.name === 'workAssigned') assigned.push(e.detail);
    });
    const mark = server.genesys.sent.length;
    const [view, ...others] = await synced(server);
    assert.deepEqual(operations(server, mark), ['getMe', 'getMyMessageConversations']);
    assert.deepEqual(others, []);
    const works = server.store.query('AgentWork');
    assert.equal(works.length, 1);
    assert.deepEqual(assigned, [{ workId: works[0]?.id, workItemId: view.id }]);
    assert.equal(works[0]?.fields.ServiceChannelId, server.omni.serviceChannels[0]?.id);
    const { alertingStartedAt, ...rest } = view;
    assert.match(String(alertingStartedAt), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(rest, {
        id: view.id,
        conversationId,
        participantId,
        channel: 'webchat',
        customerName: 'Maria Garcia',
        customerAddress: 'maria.garcia@example.com',
        queueId: queues.support,
        queueName: 'Support',
        state: 'alerting',
        alertingTimeoutMs: 30000,
        connectedAt: null,
        wrapUpRequired: true,
        wrapUpTimeoutMs: 120000,
        wrapUpStartedAt: null,
        workItemId: works[0]?.id,
        message: null
    });
    const fields = record(server, String(view.id));
    assert.deepEqual(
        [fields.OwnerId, fields.Assigned_Agent__c, fields.Work_State__c, fields.Channel__c],
        [DEMO_USER_ID, DEMO_USER_ID, 'Alerting', 'Chat']
    );
    // The customer's first message stays on the interaction the reconciliation took over.
    assert.equal(server.store.query('Relay_Message__c')[0]?.fields.Interaction__c, view.id);

    const [again] = await synced(server);
    assert.equal(server.store.query('AgentWork').length, 1, 'an offer is routed once');
    assert.equal(again?.workItemId, works[0]?.id);
});

test('pickUp connects the agent participant once; a second Pick Up sends nothing', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId } = await offered(server);
    const [view] = await synced(server);
    let mark = server.genesys.sent.length;
    const picked = await apex(server, 'RelayWorkItemController.pickUp', { interactionId: view.id });
    assert.deepEqual(sentSince(server, mark), [
        ['pickUp', conversationPath(conversationId, participantId), { state: 'connected' }]
    ]);
    assert.equal(picked.state, 'connected');
    assert.match(String(picked.connectedAt), /Z$/);
    assert.equal(picked.workItemId, view.workItemId);
    assert.equal(record(server, String(view.id)).Work_State__c, 'Connected');
    assert.equal(server.sim.control.conversation(conversationId).state, 'connected');

    mark = server.genesys.sent.length;
    const again = await apex(server, 'RelayWorkItemController.pickUp', { interactionId: view.id });
    assert.equal(again.state, 'connected');
    assert.deepEqual(sentSince(server, mark), []);
});

test('a refused Pick Up shows the contact-centre label and leaves the interaction alerting', async (t) => {
    const server = await preview(t);
    await offered(server);
    const [view] = await synced(server);
    server.sim.control.injectFault({ operation: 'pickUp', status: 503 });
    assert.equal(
        await refusal(server, 'RelayWorkItemController.pickUp', { interactionId: view.id }),
        labelText('Relay_Error_ContactCentreUnavailable')
    );
    assert.equal(record(server, String(view.id)).Work_State__c, 'Alerting');
});

test('pickUp refuses a malformed id and an interaction that is not the agent', async (t) => {
    const server = await preview(t);
    assert.equal(
        await refusal(server, 'RelayWorkItemController.pickUp', { interactionId: 'not an id' }),
        labelText('Relay_Error_InvalidRequest')
    );
    const other = server.store.insert('Relay_Interaction__c', { Assigned_Agent__c: '005000000000009AAA' });
    assert.equal(
        await refusal(server, 'RelayWorkItemController.pickUp', { interactionId: other.id }),
        labelText('Relay_Error_InteractionNotFound')
    );
    assert.equal(
        await refusal(server, 'RelayWorkItemController.pickUp', { interactionId: DEMO_USER_ID }),
        labelText('Relay_Error_InvalidRequest')
    );
});

test('sendReply sends through the agent communication and records the reply; the transcript reads in order', async (t) => {
    const server = await preview(t);
    const { conversationId, interactionId } = await connected(server);
    const communicationId = server.sim.control
        .conversation(conversationId)
        .participants.find((p) => p.purpose === 'agent')?.communicationId;
    const mark = server.genesys.sent.length;
    const reply = await apex(server, 'RelayConversationController.sendReply', {
        interactionId,
        text: 'Let me check that for you.'
    });
    assert.deepEqual(sentSince(server, mark), [
        ['getMe', '/api/v2/users/me', undefined],
        ['getConversation', `/api/v2/conversations/${conversationId}`, undefined],
        [
            'sendText',
            `/api/v2/conversations/messages/${conversationId}/communications/${communicationId}/messages`,
            { textBody: 'Let me check that for you.' }
        ]
    ]);
    assert.deepEqual(
        [reply.direction, reply.author, reply.text, reply.deliveryStatus],
        ['outbound', 'Preview Agent', 'Let me check that for you.', 'Sent']
    );
    assert.deepEqual(
        server.sim.control.conversation(conversationId).transcript.map((m) => m.text),
        ['Hello, my order is late', 'Let me check that for you.']
    );
    assert.equal(record(server, interactionId).Status__c, 'Resolved');

    server.sim.control.customerReply(conversationId, 'Thanks!');
    await server.sim.control.flushWebhooks();
    const transcript = await apex<Json[]>(server, 'RelayConversationController.getTranscript', { interactionId });
    assert.deepEqual(
        transcript.map((m) => [m.direction, m.text]),
        [
            ['inbound', 'Hello, my order is late'],
            ['outbound', 'Let me check that for you.'],
            ['inbound', 'Thanks!']
        ]
    );
    assert.equal(record(server, interactionId).Status__c, 'Open', 'the customer wrote again after the answer');
});

test('a reply too long for SMS or blank is refused with its label and nothing is sent', async (t) => {
    const server = await preview(t);
    const { interactionId } = await connected(server, 'Support', 'sms');
    const mark = server.genesys.sent.length;
    assert.equal(
        await refusal(server, 'RelayConversationController.sendReply', { interactionId, text: 'x'.repeat(766) }),
        labelText('Relay_Conversation_ReplyTooLong').replace('{0}', '766').replace('{1}', '765')
    );
    assert.equal(
        await refusal(server, 'RelayConversationController.sendReply', { interactionId, text: '   ' }),
        labelText('Relay_Conversation_ReplyRequired')
    );
    assert.deepEqual(sentSince(server, mark), []);
    assert.equal(server.store.query('Relay_Message__c', (f) => f.Direction__c === 'Outbound').length, 0);
});

test('disconnect ends the conversation into wrap-up once; calling it again sends nothing', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await connected(server);
    let mark = server.genesys.sent.length;
    // A double click: the two calls run one after the other, the second sees the first's outcome.
    const [first, second] = await Promise.all([
        apex(server, 'RelayWorkItemController.disconnect', { interactionId }),
        apex(server, 'RelayWorkItemController.disconnect', { interactionId })
    ]);
    assert.deepEqual(sentSince(server, mark), [
        ['disconnect', conversationPath(conversationId, participantId), { state: 'disconnected' }]
    ]);
    assert.deepEqual([first.state, second.state], ['wrapUp', 'wrapUp']);
    assert.match(String(first.wrapUpStartedAt), /Z$/);
    assert.equal(record(server, interactionId).Work_State__c, 'Wrap_Up');

    mark = server.genesys.sent.length;
    await apex(server, 'RelayWorkItemController.disconnect', { interactionId });
    assert.deepEqual(sentSince(server, mark), []);
});

test('a customer who leaves puts the interaction in wrap-up at the next reconciliation', async (t) => {
    const server = await preview(t);
    const { conversationId } = await connected(server);
    server.sim.control.customerDisconnect(conversationId);
    await server.sim.control.flushWebhooks();
    const [view] = await synced(server);
    assert.equal(view?.state, 'wrapUp');
    assert.match(String(view?.wrapUpStartedAt), /Z$/);
    assert.equal(view?.wrapUpTimeoutMs, 120000);
});

test('getWrapUpCodes lists the participant codes by name', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await inWrapUp(server);
    const mark = server.genesys.sent.length;
    const list = await apex<Json[]>(server, 'RelayWrapUpController.getWrapUpCodes', { interactionId });
    assert.deepEqual(sentSince(server, mark), [
        ['getParticipantWrapUpCodes', `${conversationPath(conversationId, participantId)}/wrapupcodes`, undefined]
    ]);
    assert.deepEqual(list, [
        { id: codes.escalated, name: 'Escalated to tier 2' },
        { id: codes.followUp, name: 'Follow-up required' },
        { id: codes.resolved, name: 'Resolved' }
    ]);
});

test('submitWrapUp sends the wrap-up and puts the agent back On Queue in one call', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await inWrapUp(server);
    const mark = server.genesys.sent.length;
    const result = await apex<{ status: string; onQueue: boolean; message: null; interaction: Json }>(
        server,
        'RelayWrapUpController.submitWrapUp',
        { interactionId, codeId: codes.resolved, notes: 'Refund promised' }
    );
    const sent = sentSince(server, mark);
    assert.deepEqual(
        sent.map(([op]) => op),
        ['submitWrapUp', 'getMe', 'getPresenceDefinitions', 'setPresence']
    );
    const [, url, body] = sent[0] ?? [];
    assert.equal(url, conversationPath(conversationId, participantId));
    const wrapup = (body as { wrapup: Json }).wrapup;
    assert.deepEqual(Object.keys(wrapup).sort(), ['code', 'endTime', 'notes']);
    assert.deepEqual([wrapup.code, wrapup.notes], [codes.resolved, 'Refund promised']);
    assert.deepEqual(
        [result.status, result.onQueue, result.message, result.interaction.state],
        ['Submitted', true, null, 'done']
    );
    const [saved] = server.store.query('Relay_Wrap_Up__c');
    assert.deepEqual(
        [saved?.fields.Status__c, saved?.fields.Attempts__c, saved?.fields.Code_Id__c],
        ['Submitted', 1, codes.resolved]
    );
    assert.equal(record(server, interactionId).Status__c, 'Closed');
    const agent = server.sim.control.conversation(conversationId).participants.find((p) => p.id === participantId);
    assert.equal(agent?.wrapup?.code, codes.resolved);
    assert.equal(server.sim.control.state().users.find((u) => u.id === users.alex)?.routingStatus, 'IDLE');
});

test('a code the contact centre refuses keeps nothing and says so; the form can be sent again', async (t) => {
    const server = await preview(t);
    const { interactionId } = await inWrapUp(server);
    assert.equal(
        await refusal(server, 'RelayWrapUpController.submitWrapUp', { interactionId, codeId: codes.saleMade }),
        labelText('Relay_WrapUp_Rejected')
    );
    // Only the wrap-up the agent owes is kept, still Required and without the refused code.
    const owed = server.store.query('Relay_Wrap_Up__c');
    assert.deepEqual(
        owed.map((w) => [w.fields.Status__c, w.fields.Code_Id__c ?? null]),
        [['Required', null]]
    );
    assert.equal(record(server, interactionId).Work_State__c, 'Wrap_Up');
    assert.equal(
        await refusal(server, 'RelayWrapUpController.submitWrapUp', { interactionId, codeId: ' ' }),
        labelText('Relay_Interaction_WrapUpCodeRequired')
    );
});

test('a rate-limited wrap-up is kept Pending and delivered by the retry job after Retry-After', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await inWrapUp(server);
    server.sim.control.injectFault({ operation: 'submitWrapUp', status: 429, retryAfterSeconds: 1 });
    const result = await apex<{ status: string; onQueue: boolean; message: string; interaction: Json }>(
        server,
        'RelayWrapUpController.submitWrapUp',
        { interactionId, codeId: codes.followUp }
    );
    assert.deepEqual(
        [result.status, result.onQueue, result.message, result.interaction.state],
        ['Pending', false, labelText('Relay_WrapUp_Pending'), 'wrapUpPending']
    );
    const [wrapUp] = server.store.query('Relay_Wrap_Up__c');
    assert.deepEqual([wrapUp?.fields.Status__c, wrapUp?.fields.Attempts__c], ['Pending', 1]);
    assert.match(String(wrapUp?.fields.Last_Error__c), /^RATE_LIMITED: /);
    // Retry-After 1 s, queued with System.enqueueJob's whole-minute delay.
    const [job] = server.jobs.pending();
    assert.equal(job?.name, 'RelayWrapUpRetryJob');
    assert.ok(Math.abs((job?.dueAt ?? 0) - server.jobs.now() - 60_000) < 2_000);
    const held = await apex<Json[]>(server, 'RelayWrapUpController.getPendingWrapUps');
    assert.deepEqual(
        held.map((v) => [v.id, v.state, v.message]),
        [[interactionId, 'wrapUpPending', labelText('Relay_WrapUp_Pending')]]
    );
    // Submitting again while it is pending sends nothing.
    let mark = server.genesys.sent.length;
    const again = await apex<{ status: string }>(server, 'RelayWrapUpController.submitWrapUp', {
        interactionId,
        codeId: codes.followUp
    });
    assert.equal(again.status, 'Pending');
    assert.deepEqual(sentSince(server, mark), []);

    mark = server.genesys.sent.length;
    await server.jobs.advance(60_000);
    // A 429 was certainly not applied, so the retry sends at once, then puts the agent back On Queue.
    assert.deepEqual(operations(server, mark), ['submitWrapUp', 'getMe', 'getPresenceDefinitions', 'setPresence']);
    assert.equal(server.store.get(String(wrapUp?.id))?.fields.Status__c, 'Submitted');
    assert.equal(record(server, interactionId).Work_State__c, 'Done');
    const agent = server.sim.control.conversation(conversationId).participants.find((p) => p.id === participantId);
    assert.equal(agent?.wrapup?.code, codes.followUp);
    assert.deepEqual(await apex(server, 'RelayWrapUpController.getPendingWrapUps'), []);
});

test('after an outage the retry first checks whether the wrap-up landed, and never sends it twice', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await inWrapUp(server);
    server.sim.control.injectFault({ operation: 'submitWrapUp', status: 503 });
    const result = await apex<{ status: string }>(server, 'RelayWrapUpController.submitWrapUp', {
        interactionId,
        codeId: codes.escalated
    });
    assert.equal(result.status, 'Pending');
    // The outage answered 503 although Genesys Cloud applied the wrap-up (the agent's own client retried it).
    const token = server.sim.control.issueToken(users.alex).access_token;
    const response = await fetch(`${server.sim.url}${conversationPath(conversationId, participantId)}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ wrapup: { code: codes.escalated } })
    });
    assert.equal(response.status, 202);
    const mark = server.genesys.sent.length;
    await server.jobs.advance(60_000);
    assert.deepEqual(operations(server, mark), [
        'getParticipantWrapUp',
        'getMe',
        'getPresenceDefinitions',
        'setPresence'
    ]);
    assert.equal(server.store.query('Relay_Wrap_Up__c')[0]?.fields.Status__c, 'Submitted');
});

test('getTransferQueues searches by name prefix; transfer replaces the agent and leaves it Transferring', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await connected(server, 'Sales');
    let mark = server.genesys.sent.length;
    const found = await apex<Json[]>(server, 'RelayTransferController.getTransferQueues', { searchTerm: ' bil ' });
    assert.deepEqual(sentSince(server, mark), [
        ['listQueues', '/api/v2/routing/queues?pageSize=100&pageNumber=1&name=bil*', undefined]
    ]);
    assert.deepEqual(found, [{ id: queues.billing, name: 'Billing' }]);
    const all = await apex<Json[]>(server, 'RelayTransferController.getTransferQueues', { searchTerm: null });
    assert.deepEqual(
        all.map((q) => q.name),
        ['Billing', 'Sales', 'Support']
    );

    mark = server.genesys.sent.length;
    const view = await apex(server, 'RelayTransferController.transfer', { interactionId, queueId: queues.billing });
    assert.deepEqual(sentSince(server, mark), [
        ['transferToQueue', `${conversationPath(conversationId, participantId)}/replace`, { queueId: queues.billing }]
    ]);
    assert.equal(view.state, 'transferring');
    assert.equal(record(server, interactionId).Work_State__c, 'Transferring');
    // Alex is the only agent On Queue in Billing: Genesys Cloud offers the conversation to Alex again, as a new
    // participant. The work item still open in Omni-Channel carries it; nothing is routed twice.
    await server.sim.control.flushWebhooks();
    const [after] = await synced(server);
    assert.deepEqual([after?.id, after?.state, after?.queueName], [interactionId, 'alerting', 'Billing']);
    assert.notEqual(after?.participantId, participantId);
    const works = server.store.query('AgentWork');
    assert.deepEqual([works.length, after?.workItemId], [1, works[0]?.id]);
});

test('a transfer out of a queue that requires wrap-up puts the agent in wrap-up, and the wrap-up is taken', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await connected(server, 'Support');
    // Blake (Support and Billing) comes On Queue only now, so Support offered the chat to Alex.
    server.sim.control.setPresence(users.blake, 'OnQueue');
    await apex(server, 'RelayTransferController.transfer', { interactionId, queueId: queues.billing });
    await server.sim.control.flushWebhooks();
    const alexLeg = server.sim.control.conversation(conversationId).participants.find((p) => p.id === participantId);
    assert.deepEqual([alexLeg?.disconnectType, alexLeg?.wrapupRequired], ['transfer', true]);

    const [view] = await synced(server);
    assert.deepEqual([view?.id, view?.state], [interactionId, 'wrapUp']);
    assert.equal(typeof view?.wrapUpStartedAt, 'string');
    assert.equal(record(server, interactionId).Work_State__c, 'Wrap_Up');

    const mark = server.genesys.sent.length;
    const result = await apex(server, 'RelayWrapUpController.submitWrapUp', {
        interactionId,
        codeId: codes.escalated,
        notes: 'Passed to Billing'
    });
    const [sent] = sentSince(server, mark);
    assert.deepEqual([sent?.[0], sent?.[1]], ['submitWrapUp', conversationPath(conversationId, participantId)]);
    assert.deepEqual([result.status, result.onQueue], ['Submitted', true]);
    assert.equal(record(server, interactionId).Work_State__c, 'Done');
    const leg = server.sim.control.conversation(conversationId).participants.find((p) => p.id === participantId);
    assert.equal(leg?.wrapup?.code, codes.escalated);
});

test('a wrap-up owed when another agent takes the transferred conversation over is still listed and submitted', async (t) => {
    const server = await preview(t);
    const { conversationId, participantId, interactionId } = await connected(server, 'Support');
    server.sim.control.setPresence(users.blake, 'OnQueue');
    await apex(server, 'RelayTransferController.transfer', { interactionId, queueId: queues.billing });
    await server.sim.control.flushWebhooks();
    const [inWrapUp, ...others] = await panelSynced(server);
    assert.deepEqual([inWrapUp?.id, inWrapUp?.state, others.length], [interactionId, 'wrapUp', 0]);
    // The agent who accepted syncs first and takes the record over (RelayInteractionRecords.takeOver, then their leg).
    const otherAgent = '005000000000003AAA';
    server.store.update(interactionId, {
        OwnerId: otherAgent,
        Assigned_Agent__c: otherAgent,
        Agent_Participant_Id__c: 'p-blake',
        Work_State__c: 'Connected'
    });

    assert.equal(
        (await synced(server)).some((v) => v.participantId === participantId),
        false,
        'the interaction is no longer the agent own'
    );
    const views = await panelSynced(server);
    const owed = views.find((v) => v.participantId === participantId);
    const [wrapUp] = server.store.query('Relay_Wrap_Up__c');
    assert.deepEqual([owed?.state, owed?.id, owed?.customerName], ['wrapUp', wrapUp?.id, 'Maria Garcia']);
    assert.equal(wrapUp?.fields.OwnerId, DEMO_USER_ID);
    assert.equal(
        (await apex<Json[]>(server, 'RelayWrapUpController.getWrapUpCodes', { interactionId: owed?.id })).length > 0,
        true
    );

    const mark = server.genesys.sent.length;
    const result = await apex(server, 'RelayWrapUpController.submitWrapUp', {
        interactionId: owed?.id,
        codeId: codes.escalated,
        notes: 'Passed to Billing'
    });
    const [sent] = sentSince(server, mark);
    assert.deepEqual([sent?.[0], sent?.[1]], ['submitWrapUp', conversationPath(conversationId, participantId)]);
    assert.deepEqual([result.status, result.onQueue], ['Submitted', true]);
    assert.equal(server.store.get(String(wrapUp?.id))?.fields.Status__c, 'Submitted');
    assert.deepEqual(
        [record(server, interactionId).Assigned_Agent__c, record(server, interactionId).Work_State__c],
        [otherAgent, 'Connected'],
        'the other agent keeps the conversation'
    );
    const leg = server.sim.control.conversation(conversationId).participants.find((p) => p.id === participantId);
    assert.equal(leg?.wrapup?.code, codes.escalated);
});

test('a transfer out of a queue without mandatory wrap-up is done for the agent', async (t) => {
    const server = await preview(t);
    server.sim.control.setPresence(users.blake, 'OnQueue');
    const { interactionId } = await connected(server, 'Sales');
    await apex(server, 'RelayTransferController.transfer', { interactionId, queueId: queues.billing });
    await server.sim.control.flushWebhooks();
    const views = await synced(server);
    // Blake, idle in Billing, is offered it; Alex's own leg is over with nothing to do.
    assert.equal(views.find((v) => v.id === interactionId)?.state, 'done');
    assert.equal(record(server, interactionId).Work_State__c, 'Done');
});

test('a refused transfer keeps the conversation connected and says why', async (t) => {
    const server = await preview(t);
    const { interactionId } = await connected(server, 'Sales');
    assert.equal(
        await refusal(server, 'RelayTransferController.transfer', { interactionId, queueId: ' ' }),
        labelText('Relay_Interaction_TransferTargetRequired')
    );
    assert.equal(
        await refusal(server, 'RelayTransferController.transfer', {
            interactionId,
            queueId: '5eed0000-0000-4000-8000-b00000000099'
        }),
        labelText('Relay_Transfer_Failed')
    );
    assert.equal(record(server, interactionId).Work_State__c, 'Connected');
});
