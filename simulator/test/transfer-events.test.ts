// A blind transfer to a queue, as the agent it left hears of it (docs/events.md): the agent's leg ends at once (and
// after-call work starts), but `conversation.transferred` comes only when an agent of the queue accepts, with who
// did; a customer who leaves while the transfer waits ends it for that agent with `conversation.disconnected`.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import {
    ALEX,
    BLAKE,
    SEED_IDS,
    agentParticipant,
    goOnQueue,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator
} from './helpers';

async function transferredToBilling(t: TestContext) {
    const { sim, clock } = await startSimulator(t);
    const alex = await sdkForDefaultAgent(sim);
    await goOnQueue(alex, ALEX);
    const started = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Sam Lee',
        customerAddress: 'sam@example.com',
        queue: 'Sales',
        text: 'Can I upgrade my plan?'
    });
    const offered = await agentParticipant(alex, started.id, ALEX);
    await alex.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    // Blake is On Queue (idle longer than Alex, so Billing offers it to him).
    const blake = sdkForAgent(sim, BLAKE);
    await goOnQueue(blake, 'me');
    clock.advance(1000);
    const before = sim.control.events().length;
    await alex.conversations.postConversationsMessageParticipantReplace(started.id, offered.id, {
        queueId: SEED_IDS.queues.billing
    });
    const forAlex = () =>
        sim.control
            .events()
            .slice(before)
            .filter((e) => e.participantId === offered.id)
            .map((e) => e.type);
    const lastForAlex = () =>
        sim.control
            .events()
            .filter((e) => e.participantId === offered.id)
            .at(-1);
    return { sim, blake, conversationId: started.id, forAlex, lastForAlex };
}

test('a transfer to a queue reaches the agent it left only when another agent accepts it', async (t) => {
    const { blake, conversationId, forAlex, lastForAlex } = await transferredToBilling(t);
    assert.deepEqual(forAlex(), [], 'nothing yet while the customer waits in Billing');

    const offeredToBlake = await agentParticipant(blake, conversationId, BLAKE);
    assert.deepEqual(forAlex(), [], 'an offer to Blake is not an acceptance');
    await blake.conversations.patchConversationsMessageParticipant(conversationId, offeredToBlake.id, {
        body: { state: 'connected' }
    });

    assert.deepEqual(forAlex(), ['conversation.transferred']);
    const transferred = lastForAlex();
    assert.equal(transferred?.type, 'conversation.transferred');
    assert.equal(transferred?.userId, ALEX, 'about the agent it left');
    assert.equal(transferred?.data.targetQueueId, SEED_IDS.queues.billing);
    assert.equal(transferred?.data.targetUserId, BLAKE, 'who accepted it');
});

test('a customer who leaves while the transfer waits in the queue ends it for the agent who transferred', async (t) => {
    const { sim, conversationId, forAlex, lastForAlex } = await transferredToBilling(t);
    sim.control.customerDisconnect(conversationId);
    assert.deepEqual(forAlex(), ['conversation.disconnected']);
    assert.equal(lastForAlex()?.data.disconnectedBy, 'customer');
});
