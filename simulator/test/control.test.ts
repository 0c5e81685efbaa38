// The control API over HTTP: what the local console (the customer side) uses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SystemClock } from '../src/clock';
import { createSimulator } from '../src/server';
import { demoSeed } from '../src/seed';
import { ALEX, SEED_IDS, startSimulator } from './helpers';

async function call(base: string, method: string, path: string, body?: unknown) {
    const response = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- loose JSON for assertions
}

test('the customer side starts a conversation, replies and leaves through /__sim/', async (t) => {
    const { sim } = await startSimulator(t);
    const invalid = await call(sim.url, 'POST', '/__sim/conversations', {
        channel: 'pigeon',
        customerName: 'Jane',
        customerAddress: '+13175550100',
        queue: 'Support'
    });
    assert.equal(invalid.status, 400);
    assert.match(invalid.body.message, /body\.channel must be one of: "webchat", "sms", "whatsapp"/);

    const started = await call(sim.url, 'POST', '/__sim/conversations', {
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Billing',
        text: 'Hello'
    });
    assert.equal(started.status, 201);
    assert.equal(started.body.state, 'queued');
    assert.equal(started.body.customer.externalContactId, SEED_IDS.contacts.jane);

    const reply = await call(sim.url, 'POST', `/__sim/conversations/${started.body.id}/customer/messages`, {
        text: 'Anyone?'
    });
    assert.equal(reply.status, 201);
    assert.equal(reply.body.direction, 'inbound');

    const left = await call(sim.url, 'POST', `/__sim/conversations/${started.body.id}/customer/disconnect`);
    assert.equal(left.body.state, 'ended');
    const tooLate = await call(sim.url, 'POST', `/__sim/conversations/${started.body.id}/customer/messages`, {
        text: 'Wait'
    });
    assert.equal(tooLate.status, 409);
    assert.equal(tooLate.body.code, 'conversation.error.conversation.state');
});

test('presence, tokens and the manual clock are driven through /__sim/', async (t) => {
    const { sim } = await startSimulator(t);
    const onQueue = await call(sim.url, 'PUT', `/__sim/users/${ALEX}/presence`, { systemPresence: 'OnQueue' });
    assert.equal(onQueue.body.routingStatus, 'IDLE');
    const token = await call(sim.url, 'POST', '/__sim/tokens', { agent: 'casey.morgan@relay.example' });
    const me = await fetch(`${sim.url}/api/v2/users/me`, {
        headers: { Authorization: `Bearer ${token.body.access_token}` }
    });
    assert.equal(((await me.json()) as Record<string, unknown>).name, 'Casey Morgan');

    const before = Date.parse((await call(sim.url, 'GET', '/__sim/state')).body.now);
    const advanced = await call(sim.url, 'POST', '/__sim/clock/advance', { ms: 90_000 });
    assert.equal(Date.parse(advanced.body.now) - before, 90_000);
    const badFault = await call(sim.url, 'POST', '/__sim/faults', { operation: 'noSuchOperation', status: 500 });
    assert.equal(badFault.status, 400);
    assert.match(badFault.body.message, /Unknown operation noSuchOperation/);
});

test('the demo seed has three agents, Support, Billing and Sales with codes, and waiting conversations', async (t) => {
    const sim = await createSimulator({ clock: new SystemClock(), seed: demoSeed() });
    t.after(() => sim.close());
    const state = sim.control.state();
    assert.deepEqual(
        state.users.map((u) => u.name),
        ['Alex Rivera', 'Blake Chen', 'Casey Morgan']
    );
    assert.deepEqual(
        state.queues.map((q) => [q.name, q.wrapUpCodes.length]),
        [
            ['Support', 3],
            ['Billing', 3],
            ['Sales', 3]
        ]
    );
    assert.deepEqual(
        state.conversations.map((c) => [c.channel, c.state]),
        [
            ['webchat', 'queued'],
            ['sms', 'queued'],
            ['whatsapp', 'queued'],
            ['email', 'queued']
        ]
    );
    assert.equal(state.conversations[3].messengerType, 'open', 'email is an open messaging conversation');
    const clockCall = await call(sim.url, 'POST', '/__sim/clock/advance', { ms: 1 });
    assert.equal(clockCall.status, 409, 'real time cannot be advanced');

    sim.control.setPresence(ALEX, 'OnQueue');
    assert.equal(
        sim.control.state().conversations[0].state,
        'alerting',
        'the oldest waiting conversation is offered first'
    );
    sim.control.reset();
    assert.equal(sim.control.state().users[0].routingStatus, 'OFF_QUEUE');
    assert.equal(sim.control.state().conversations.length, 4);
});
