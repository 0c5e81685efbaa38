// The digital inbox's join of a conversation waiting in queue, driven by the official SDK: postConversationAssign
// (POST /api/v2/conversations/{conversationId}/assign, body ConversationUser {id}) as the SDK documents it: its body,
// its permissions (conversation:message:pull for oneself, conversation:message:assign for anyone), and its refusal of
// a conversation that is not waiting in queue, each with Genesys's ErrorBody.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoSeed } from '../src/seed';
import { MESSAGE_ASSIGN } from '../src/model';
import {
    ALEX,
    BLAKE,
    CASEY,
    agentParticipant,
    communicationId,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator
} from './helpers';

type Sim = Awaited<ReturnType<typeof startSimulator>>['sim'];

function startChat(sim: Sim) {
    return sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Quinn Harper',
        customerAddress: 'quinn@example.com',
        queue: 'Support',
        text: 'Is my order on its way?'
    });
}

/** Blake's roles grant no pull or assign; Casey's grant assign (a supervisor's). */
function seedWithRoles() {
    const seed = demoSeed({ conversations: false });
    seed.agents = seed.agents.map((agent) =>
        agent.id === BLAKE
            ? { ...agent, permissions: [] }
            : agent.id === CASEY
              ? { ...agent, permissions: [MESSAGE_ASSIGN] }
              : agent
    );
    return seed;
}

function refusedWith(status: number, code: string, check: (error: Record<string, unknown>) => void = () => undefined) {
    return (error: Record<string, unknown>): boolean => {
        assert.equal(error.status, status);
        assert.equal(error.code, code);
        assert.equal(typeof error.message, 'string');
        assert.equal(typeof error.contextId, 'string');
        assert.deepEqual(error.errors, []);
        check(error);
        return true;
    };
}

test('assign offers a waiting conversation to the agent, off queue as they are; the queue keeps it until they pick it up', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const started = startChat(sim);

    await sdk.conversations.postConversationAssign(started.id, { id: ALEX });

    const offered = await agentParticipant(sdk, started.id, ALEX);
    assert.equal(offered.state, 'alerting', 'offered to Alex, though Alex is off queue');
    const acd = () => sim.control.conversation(started.id).participants.find((p) => p.purpose === 'acd');
    assert.equal(acd()?.state, 'connected', 'still in the queue while offered');
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    assert.equal(acd()?.state, 'disconnected', 'the queue lets go once Alex picks it up');
    const commId = await communicationId(sdk, started.id, offered.id);
    const sent = await sdk.conversations.postConversationsMessageCommunicationMessages(started.id, commId, {
        textBody: 'Yes, tomorrow.'
    });
    assert.equal(sent.status, 'sent', 'Alex can reply once connected');
});

test('an assigned offer that times out returns the conversation to its queue, where it can be assigned again', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const started = startChat(sim);

    await sdk.conversations.postConversationAssign(started.id, { id: ALEX });
    clock.advance(30_000);

    const participants = sim.control.conversation(started.id).participants;
    assert.equal(participants.find((p) => p.purpose === 'agent')?.state, 'disconnected', 'the offer ran out');
    assert.equal(participants.find((p) => p.purpose === 'acd')?.state, 'connected', 'back in the queue, not ended');
    await sdk.conversations.postConversationAssign(started.id, { id: ALEX });
    assert.equal((await agentParticipant(sdk, started.id, ALEX)).state, 'alerting');
});

test('the body is the SDK ConversationUser {id}: anything else is a 400 bad.request', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const started = startChat(sim);

    for (const body of [{ userId: ALEX }, {}, { id: '' }, { id: ALEX, queueId: 'q' }]) {
        await assert.rejects(
            sdk.conversations.postConversationAssign(started.id, body as { id: string }),
            refusedWith(400, 'bad.request'),
            JSON.stringify(body)
        );
    }
    await assert.rejects(
        sdk.conversations.postConversationAssign('no-such-conversation', { id: ALEX }),
        refusedWith(404, 'not.found')
    );
    assert.equal(sim.control.conversation(started.id).participants.length, 2, 'customer and queue only');
});

test('without conversation:message:pull (to oneself) or conversation:message:assign, assign is a 403 missing.any.permissions', async (t) => {
    const { sim } = await startSimulator(t, { seed: seedWithRoles() });
    const started = startChat(sim);
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    const alex = await sdkForDefaultAgent(sim);
    const casey = sdkForAgent(sim, 'casey.morgan@relay.example');

    await assert.rejects(
        blake.conversations.postConversationAssign(started.id, { id: BLAKE }),
        refusedWith(403, 'missing.any.permissions', (error) =>
            assert.match(
                String(error.message),
                /at least one of the following permissions assigned: \[conversation:message:pull, conversation:message:assign\]/
            )
        )
    );
    await assert.rejects(
        alex.conversations.postConversationAssign(started.id, { id: BLAKE }),
        refusedWith(403, 'missing.any.permissions', (error) =>
            assert.match(String(error.message), /\[conversation:message:assign\]/)
        ),
        'pull is for oneself only'
    );
    assert.equal(sim.control.conversation(started.id).participants.length, 2, 'nothing was offered');

    await assert.rejects(
        casey.conversations.postConversationAssign(started.id, { id: 'no-such-user' }),
        refusedWith(400, 'invalid.value')
    );
    await casey.conversations.postConversationAssign(started.id, { id: BLAKE });
    assert.equal((await agentParticipant(blake, started.id, BLAKE)).state, 'alerting', 'a supervisor assigns anyone');
});

test('a conversation offered to, held by an agent or ended is not waiting in queue: a 409 names its state', async (t) => {
    const { sim } = await startSimulator(t);
    const alex = await sdkForDefaultAgent(sim);
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    const started = startChat(sim);
    const refusedAs = (state: string) =>
        refusedWith(409, 'conversation.error.conversation.state', (error) => {
            assert.equal((error.messageParams as Record<string, string>).state, state);
            assert.equal(error.entityId, started.id);
        });

    await alex.conversations.postConversationAssign(started.id, { id: ALEX });
    await assert.rejects(blake.conversations.postConversationAssign(started.id, { id: BLAKE }), refusedAs('offered'));
    const offered = await agentParticipant(alex, started.id, ALEX);
    await alex.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    await assert.rejects(blake.conversations.postConversationAssign(started.id, { id: BLAKE }), refusedAs('assigned'));
    await assert.rejects(alex.conversations.postConversationAssign(started.id, { id: ALEX }), refusedAs('assigned'));
    sim.control.customerDisconnect(started.id);
    await assert.rejects(blake.conversations.postConversationAssign(started.id, { id: BLAKE }), refusedAs('ended'));
    assert.equal(
        sim.control.conversation(started.id).participants.filter((p) => p.purpose === 'agent').length,
        1,
        'only Alex was ever offered it'
    );
});
