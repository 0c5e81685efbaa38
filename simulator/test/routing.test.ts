// ACD behaviour the agent notices: transfers re-route, unanswered offers re-queue, ACW times out.
// Time moves only through the manual clock.
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
    startSimulator,
    type Sdk
} from './helpers';
import type { Simulator } from '../src/server';
import { demoSeed } from '../src/seed';

async function connectedConversation(sim: Simulator, sdk: Sdk, queue: string) {
    const started = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: '13175550123',
        queue,
        text: 'Hello?'
    });
    const offered = await agentParticipant(sdk, started.id, ALEX);
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    return { conversationId: started.id, participantId: offered.id };
}

const status = async (sdk: Sdk, userId: string): Promise<string | undefined> =>
    (await sdk.users.getUserRoutingstatus(userId)).status;

test('a transfer to another queue disconnects the agent with disconnectType transfer and alerts an agent there', async (t) => {
    const { sim } = await startSimulator(t);
    const alex = await sdkForDefaultAgent(sim);
    await goOnQueue(alex, ALEX);
    const { conversationId, participantId } = await connectedConversation(sim, alex, 'Support');
    const blake = sdkForAgent(sim, BLAKE);
    await goOnQueue(blake, 'me');

    await alex.conversations.postConversationsMessageParticipantReplace(conversationId, participantId, {
        queueId: SEED_IDS.queues.billing
    });

    const alexLeg = await agentParticipant(alex, conversationId, ALEX);
    assert.equal(alexLeg.state, 'disconnected');
    assert.equal(alexLeg.disconnectType, 'transfer');
    assert.equal(alexLeg.wrapupRequired, true, 'the transferring agent wraps up their part');
    const blakeLeg = await agentParticipant(blake, conversationId, BLAKE);
    assert.equal(blakeLeg.state, 'alerting');
    assert.equal(blakeLeg.queue?.id, SEED_IDS.queues.billing);
    await blake.conversations.patchConversationsMessageParticipant(conversationId, blakeLeg.id, {
        body: { state: 'connected' }
    });
    const conversation = await blake.conversations.getConversationsMessage(conversationId);
    assert.equal(conversation.recentTransfers?.length, 1);
    assert.equal(await status(blake, BLAKE), 'INTERACTING');
});

test('a transfer comes back to the same agent when they are the only one On Queue in the target queue', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const { conversationId, participantId } = await connectedConversation(sim, sdk, 'Sales');

    // The generic replace/queue form is accepted for compatibility (outside Relay's contract).
    await sdk.conversations.postConversationParticipantReplaceQueue(conversationId, participantId, {
        queueId: SEED_IDS.queues.sales,
        transferType: 'Unattended'
    });

    const again = await agentParticipant(sdk, conversationId, ALEX);
    assert.notEqual(again.id, participantId, 'a new agent participant is offered');
    assert.equal(again.state, 'alerting');
});

test('an offer not picked up in time makes the agent NOT_RESPONDING and re-queues the conversation', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const alex = await sdkForDefaultAgent(sim);
    await goOnQueue(alex, ALEX);
    const started = sim.control.startConversation({
        channel: 'facebook',
        customerName: 'Sam Lee',
        customerAddress: 'fb-sam-lee',
        queue: 'Support',
        text: 'Anyone there?'
    });
    const offered = await agentParticipant(alex, started.id, ALEX);

    clock.advance(29_999);
    assert.equal((await agentParticipant(alex, started.id, ALEX)).state, 'alerting');
    clock.advance(1);
    const missed = await agentParticipant(alex, started.id, ALEX);
    assert.equal(missed.id, offered.id);
    assert.equal(missed.state, 'disconnected');
    assert.equal(await status(alex, ALEX), 'NOT_RESPONDING');
    assert.equal(sim.control.conversation(started.id).state, 'queued');
    await assert.rejects(
        alex.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
            body: { state: 'connected' }
        }),
        (error: Record<string, unknown>) =>
            error.status === 409 && error.code === 'conversation.error.participant.state'
    );

    const blake = sdkForAgent(sim, BLAKE);
    await goOnQueue(blake, BLAKE);
    assert.equal((await agentParticipant(blake, started.id, BLAKE)).state, 'alerting', 're-routed to the next agent');

    await alex.users.putUserRoutingstatus(ALEX, { status: 'IDLE' });
    assert.equal(await status(alex, ALEX), 'IDLE');
});

test('a wrap-up not submitted before the queue timeout gets ININ-WRAP-UP-TIMEOUT and frees the agent', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const { conversationId, participantId } = await connectedConversation(sim, sdk, 'Support');
    await sdk.conversations.patchConversationsMessageParticipant(conversationId, participantId, {
        body: { state: 'disconnected' }
    });

    clock.advance(119_999);
    assert.equal(await status(sdk, ALEX), 'INTERACTING');
    assert.deepEqual(
        await sdk.conversations.getConversationsMessageParticipantWrapup(conversationId, participantId),
        {}
    );
    clock.advance(1);
    const wrapup = await sdk.conversations.getConversationsMessageParticipantWrapup(conversationId, participantId);
    assert.equal(wrapup.code, 'ININ-WRAP-UP-TIMEOUT');
    assert.equal(await status(sdk, ALEX), 'IDLE');

    const resolved = SEED_IDS.codes.resolved;
    await assert.rejects(
        sdk.conversations.patchConversationsMessageParticipant(conversationId, participantId, {
            body: { wrapup: { code: resolved } }
        }),
        (error: Record<string, unknown>) =>
            error.status === 409 && error.code === 'conversation.error.wrapup.already.applied'
    );
});

test('the communication-level POST wrap-up is accepted like the participant PATCH', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const { conversationId, participantId } = await connectedConversation(sim, sdk, 'Billing');
    const commId = await communicationId(sdk, conversationId, participantId);
    await sdk.conversations.patchConversationsMessageParticipant(conversationId, participantId, {
        body: { state: 'disconnected' }
    });

    await sdk.conversations.postConversationsMessageParticipantCommunicationWrapup(
        conversationId,
        participantId,
        commId,
        {
            body: { code: SEED_IDS.codes.refundIssued, notes: 'Refunded the duplicate charge' }
        }
    );

    const wrapup = await sdk.conversations.getConversationsMessageParticipantWrapup(conversationId, participantId);
    assert.equal(wrapup.code, SEED_IDS.codes.refundIssued);
    assert.equal(await status(sdk, ALEX), 'IDLE');
});

test('a customer who leaves ends the agent leg, and an untimed wrap-up waits for the agent', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const { conversationId, participantId } = await connectedConversation(sim, sdk, 'Billing');

    sim.control.customerDisconnect(conversationId);

    const leg = await agentParticipant(sdk, conversationId, ALEX);
    assert.equal(leg.state, 'disconnected');
    assert.equal(leg.disconnectType, 'peer');
    assert.equal(leg.wrapupPrompt, 'mandatory');
    clock.advance(60 * 60 * 1000);
    assert.equal(await status(sdk, ALEX), 'INTERACTING', 'mandatory wrap-up has no time limit');
    await assert.rejects(
        sdk.conversations.patchConversationsMessageParticipant(conversationId, participantId, {
            body: { wrapup: { code: SEED_IDS.codes.resolved } }
        }),
        (error: Record<string, unknown>) => error.status === 400 && error.code === 'invalid.value',
        'a Support code is not a Billing code'
    );
    await sdk.conversations.patchConversationsMessageParticipant(conversationId, participantId, {
        body: { wrapup: { code: SEED_IDS.codes.invoiceExplained } }
    });
    assert.equal(await status(sdk, ALEX), 'IDLE');
});

test('a forced time-boxed wrap-up keeps the agent in after-call work until the timeout, even with a code chosen', async (t) => {
    const seed = demoSeed({ conversations: false });
    const sales = seed.queues.find((q) => q.name === 'Sales');
    if (sales === undefined) throw new Error('no Sales queue');
    sales.acw = { wrapupPrompt: 'MANDATORY_FORCED_TIMEOUT', timeoutMs: 60_000 };
    const { sim, clock } = await startSimulator(t, { seed });
    const sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const { conversationId, participantId } = await connectedConversation(sim, sdk, 'Sales');
    await sdk.conversations.patchConversationsMessageParticipant(conversationId, participantId, {
        body: { state: 'disconnected' }
    });
    assert.equal((await agentParticipant(sdk, conversationId, ALEX)).wrapupPrompt, 'forcedTimeout');

    await sdk.conversations.patchConversationsMessageParticipant(conversationId, participantId, {
        body: { wrapup: { code: SEED_IDS.codes.saleMade } }
    });
    assert.equal(await status(sdk, ALEX), 'INTERACTING', 'no early exit');
    clock.advance(60_000);
    assert.equal(await status(sdk, ALEX), 'IDLE');
    const wrapup = await sdk.conversations.getConversationsMessageParticipantWrapup(conversationId, participantId);
    assert.equal(wrapup.code, SEED_IDS.codes.saleMade, "the agent's code is kept, not replaced by the timeout code");
});
