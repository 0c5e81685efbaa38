// A blind transfer to an agent, driven by the official SDK: postConversationParticipantReplaceAgent hands the
// agent a conversation another agent holds (their participant: the digital inbox's join from another agent) or,
// as the API allows, the queue's acd participant (the inbox takes a queued conversation with assign instead,
// assign.test.ts), and the new agent participant is offered until picked up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    ALEX,
    BLAKE,
    agentParticipant,
    communicationId,
    goOnQueue,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator
} from './helpers';

function startChat(sim: Awaited<ReturnType<typeof startSimulator>>['sim']) {
    return sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Quinn Harper',
        customerAddress: 'quinn@example.com',
        queue: 'Support',
        text: 'Is my order on its way?'
    });
}

test('replace/agent on the acd participant offers a waiting conversation to an agent who is not on queue', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const started = startChat(sim);
    const queued = await sdk.conversations.getConversation(started.id);
    const acd = (queued.participants ?? []).find((p) => p.purpose === 'acd');
    assert.equal(acd?.messages?.[0]?.state, 'connected', 'waiting in the queue');

    await sdk.conversations.postConversationParticipantReplaceAgent(started.id, acd?.id ?? '', { userId: ALEX });

    const after = sim.control.conversation(started.id);
    const acdLeg = after.participants.find((p) => p.purpose === 'acd');
    assert.deepEqual([acdLeg?.state, acdLeg?.disconnectType], ['disconnected', 'transfer']);
    const offered = await agentParticipant(sdk, started.id, ALEX);
    assert.equal(offered.state, 'alerting', 'offered to Alex, though Alex is off queue');
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    const commId = await communicationId(sdk, started.id, offered.id);
    const sent = await sdk.conversations.postConversationsMessageCommunicationMessages(started.id, commId, {
        textBody: 'Yes, tomorrow.'
    });
    assert.equal(sent.status, 'sent', 'Alex can reply once connected');
});

test('replace/agent on an agent participant moves the conversation to the new agent; the old leg ends as a transfer', async (t) => {
    const { sim } = await startSimulator(t);
    const alex = await sdkForDefaultAgent(sim);
    await goOnQueue(alex, ALEX);
    const started = startChat(sim);
    const alexLeg = await agentParticipant(alex, started.id, ALEX);
    await alex.conversations.patchConversationsMessageParticipant(started.id, alexLeg.id, {
        body: { state: 'connected' }
    });

    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    await blake.conversations.postConversationParticipantReplaceAgent(started.id, alexLeg.id, { userId: BLAKE });

    const old = sim.control.conversation(started.id).participants.find((p) => p.id === alexLeg.id);
    assert.deepEqual([old?.state, old?.disconnectType], ['disconnected', 'transfer'], 'Alex left as a transfer');
    const blakeLeg = await agentParticipant(blake, started.id, BLAKE);
    assert.equal(blakeLeg.state, 'alerting', 'Blake is offered it');
    assert.equal(
        sim.control.conversation(started.id).participants.find((p) => p.purpose === 'customer')?.state,
        'connected'
    );
    await assert.rejects(
        alex.conversations.postConversationParticipantReplaceAgent(started.id, alexLeg.id, { userId: ALEX }),
        (error: { status?: number }) => error.status === 409,
        'an ended leg cannot be replaced again'
    );
});
