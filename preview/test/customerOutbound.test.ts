// The Customer panel's API (/__customer/...) with conversations an agent started: an outbound email and an outbound
// SMS each get a card with the agent's messages, and the customer's reply lands on the same conversation (an inbound
// email, or a message) with the usual events.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { ManualClock } from '../../simulator/src/clock';
import { SEED_IDS, demoSeed } from '../../simulator/src/seed';
import { createSimulator, type Simulator } from '../../simulator/src/server';
import { customerApi } from '../server/customer';

async function simulator(t: TestContext): Promise<Simulator> {
    const sim = await createSimulator({ clock: new ManualClock(), seed: demoSeed({ conversations: false }) });
    t.after(() => sim.close());
    return sim;
}

/** A Platform API call as Alex Rivera (the agent side). */
async function asAlex(sim: Simulator, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const token = sim.control.issueToken('alex.rivera@relay.example').access_token;
    const response = await fetch(`http://127.0.0.1:${sim.port}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const json = (await response.json()) as Record<string, unknown>;
    assert.equal(response.status, 200, JSON.stringify(json));
    return json;
}

test('an outbound email an agent started has a card with their email, and the customer’s reply is an inbound email', async (t) => {
    const sim = await simulator(t);
    const customer = customerApi(sim.control);
    const created = await asAlex(sim, 'POST', '/api/v2/conversations/emails', {
        provider: 'PureCloud Email',
        direction: 'OUTBOUND',
        queueId: SEED_IDS.queues.support,
        toAddress: 'jane.doe@example.com',
        subject: 'Your order #1042'
    });
    const id = String(created.id);
    await asAlex(sim, 'POST', `/api/v2/conversations/emails/${id}/messages`, {
        to: [{ email: 'jane.doe@example.com' }],
        from: { email: 'support@relay.example', name: 'Relay Support' },
        subject: 'Your order #1042',
        textBody: 'It has shipped.'
    });

    const [card] = customer.conversations().conversations;
    assert.equal(card?.conversationId, id);
    assert.equal(card?.direction, 'outbound');
    assert.equal(card?.channel, 'email');
    assert.equal(card?.customerName, 'Jane Doe');
    assert.equal(card?.state, 'connected');
    assert.deepEqual(
        card?.transcript.map((m) => [m.direction, m.subject, m.text]),
        [['outbound', 'Your order #1042', 'It has shipped.']]
    );

    const since = sim.control.events().at(-1)?.eventId;
    const replied = customer.reply(id, { text: 'Thank you!' });
    assert.deepEqual(
        replied.transcript.map((m) => [m.direction, m.subject, m.text]),
        [
            ['outbound', 'Your order #1042', 'It has shipped.'],
            ['inbound', 'Re: Your order #1042', 'Thank you!']
        ]
    );
    assert.equal(sim.control.conversation(id).mediaType, 'email');
    const events = sim.control.events(since);
    assert.deepEqual(
        events.map((e) => [e.type, e.userId, e.data.mediaType]),
        [['conversation.customerMessage', SEED_IDS.users.alex, 'email']]
    );
});

test('an outbound SMS an agent started has a card, and the customer’s reply is a message on it', async (t) => {
    const sim = await simulator(t);
    const customer = customerApi(sim.control);
    sim.control.startConversation({
        channel: 'webchat',
        queue: 'Support',
        customerName: 'Maria Garcia',
        customerAddress: 'visitor-1',
        text: 'Hello'
    });
    const created = await asAlex(sim, 'POST', '/api/v2/conversations/messages', {
        queueId: SEED_IDS.queues.support,
        toAddress: '+13175550100',
        toAddressMessengerType: 'sms'
    });
    const id = String(created.id);

    const cards = customer.conversations().conversations;
    assert.deepEqual(
        cards.map((c) => [c.customerName, c.channel, c.direction]),
        [
            ['Jane Doe', 'sms', 'outbound'],
            ['Maria Garcia', 'webchat', 'inbound']
        ],
        'newest first, the customers’ and the agents’ alike'
    );
    const replied = customer.reply(id, { text: 'Who is this?' });
    assert.deepEqual(
        replied.transcript.map((m) => [m.direction, m.text]),
        [['inbound', 'Who is this?']]
    );
    const event = sim.control.events().at(-1);
    assert.deepEqual(
        [event?.type, event?.conversationId, event?.userId],
        ['conversation.customerMessage', id, SEED_IDS.users.alex]
    );
});
