// The console's PushTopic streaming (preview/server/pushTopics.ts), as the Streaming API Developer Guide describes it:
// a notification per committed change the topic's NotifyForFields and operations select, with the SELECT clause's
// fields, only to the users who can read the record. Relay's one topic, RelayAgentSignals, is read from the Apex that
// creates it in an org (RelayAgentSignals.createPushTopic).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed';
import { definePushTopic, relayPushTopics, restrictedTo } from '../server/pushTopics';
import type { PreviewServer } from '../server/server';
import { apex, preview, type Json } from './support';

const CHANNEL = '/topic/RelayAgentSignals';

test('Relay’s PushTopic is the one RelayAgentSignals.createPushTopic() creates', () => {
    const [topic] = relayPushTopics();
    assert.equal(topic.name, 'RelayAgentSignals');
    assert.equal(topic.objectName, 'Relay_Agent_Signal__c');
    assert.equal(topic.notifyForFields, 'Referenced');
    assert.equal(topic.notifyForOperationCreate, false, 'registering a signal notifies nobody');
    assert.equal(topic.notifyForOperationUpdate, true);
    assert.ok(topic.selectFields.includes('Sequence__c'));
    assert.ok(
        !topic.selectFields.includes('Agent_Genesys_User_Id__c'),
        'registering again changes no referenced field'
    );
    assert.throws(
        () =>
            definePushTopic({
                name: 'NoId',
                query: 'SELECT Name FROM Account',
                notifyForFields: 'Referenced',
                notifyForOperationCreate: true,
                notifyForOperationUpdate: true
            }),
        /must include Id/
    );
    assert.equal(
        restrictedTo("SELECT Id FROM Account WHERE Name = 'x'", '001000000000001AAA'),
        "SELECT Id FROM Account WHERE (Name = 'x') AND Id = '001000000000001AAA'"
    );
});

async function signalOf(server: PreviewServer, userId: string): Promise<string> {
    const [row] = await server.org.query(`SELECT Id FROM Relay_Agent_Signal__c WHERE OwnerId = '${userId}'`);
    assert.ok(row, 'the agent registered their signal');
    return String(row.Id);
}

async function ring(server: PreviewServer, signalId: string, fields: string): Promise<void> {
    await server.org.client.executeAnonymous(`update new Relay_Agent_Signal__c(Id = '${signalId}', ${fields});`);
    // The worker reports the commit; the notification is judged once the change has arrived.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.pushTopics.settled();
}

test('a change of an agent’s signal is streamed to that agent only, with the topic’s fields', async (t) => {
    const server = await preview(t);
    const { alex, blake } = server.org.users;
    await apex(server, 'RelayAgentSignalController.register', {}, alex);
    await apex(server, 'RelayAgentSignalController.register', {}, blake);
    const alexSignal = await signalOf(server, alex);
    const [registered] = await server.org.query(
        `SELECT Agent_Genesys_User_Id__c FROM Relay_Agent_Signal__c WHERE Id = '${alexSignal}'`
    );
    assert.equal(registered.Agent_Genesys_User_Id__c, SEED_IDS.users.alex, 'the id Alex’s own credential answered');
    await server.pushTopics.settled();
    assert.deepEqual(server.bus.replay(CHANNEL, -2, alex), [], 'creating a signal notifies nobody');

    await ring(server, alexSignal, "Sequence__c = 1, Type__c = 'conversation.alerting', Conversation_Id__c = 'conv-9'");

    const forAlex = server.bus.replay(CHANNEL, -2, alex);
    assert.equal(forAlex.length, 1);
    const message = forAlex[0] as { channel: string; data: { event: Json; sobject: Json } };
    assert.equal(message.channel, CHANNEL);
    assert.equal(message.data.event.type, 'updated');
    assert.equal(typeof message.data.event.replayId, 'number');
    assert.equal(message.data.sobject.Id, alexSignal);
    assert.equal(message.data.sobject.Type__c, 'conversation.alerting');
    assert.equal(message.data.sobject.Conversation_Id__c, 'conv-9');
    assert.deepEqual(
        Object.keys(message.data.sobject).sort(),
        relayPushTopics()[0]
            .selectFields.filter((f) => f in message.data.sobject)
            .sort(),
        'nothing but the SELECT clause’s fields'
    );
    assert.ok(!('Agent_Genesys_User_Id__c' in message.data.sobject));
    assert.deepEqual(server.bus.replay(CHANNEL, -2, blake), [], 'Blake cannot read Alex’s signal: he gets nothing');

    // A field the query does not reference changes: no notification (NotifyForFields Referenced).
    await ring(server, alexSignal, "Agent_Genesys_User_Id__c = 'someone-else'");
    assert.equal(server.bus.replay(CHANNEL, -2, alex).length, 1);
});

/** Opens the console's event stream as `user` and subscribes it to `channel`; returns a closer. */
async function subscribedStream(server: PreviewServer, user: 'alex' | 'blake', channel: string): Promise<() => void> {
    const cookie = server.signInCookie(user);
    const controller = new AbortController();
    const response = await fetch(`${server.url}/__events`, {
        headers: { cookie: `${cookie.name}=${cookie.value}` },
        signal: controller.signal
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    let streamId: string | undefined;
    while (!streamId) {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        const ready = /event: ready\ndata: (\{.*\})/.exec(text);
        if (ready) streamId = (JSON.parse(ready[1]) as { stream: string }).stream;
    }
    const answer = await fetch(`${server.url}/__events/${streamId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${cookie.name}=${cookie.value}` },
        body: JSON.stringify({ ops: [{ op: 'subscribe', sub: `${user}-1`, channel, replayId: -1 }] })
    });
    assert.deepEqual(await answer.json(), { ok: true });
    return () => controller.abort();
}

test('two browsers subscribed to the topic: each receives its own agent’s notifications only', async (t) => {
    const server = await preview(t);
    const { alex, blake } = server.org.users;
    await apex(server, 'RelayAgentSignalController.register', {}, alex);
    await apex(server, 'RelayAgentSignalController.register', {}, blake);
    const closeAlex = await subscribedStream(server, 'alex', CHANNEL);
    const closeBlake = await subscribedStream(server, 'blake', CHANNEL);
    t.after(() => {
        closeAlex();
        closeBlake();
    });
    const mark = server.streams.deliveries.length;

    await ring(server, await signalOf(server, alex), "Sequence__c = 1, Conversation_Id__c = 'conv-alex'");
    await ring(server, await signalOf(server, blake), "Sequence__c = 1, Conversation_Id__c = 'conv-blake'");

    const sent = server.streams.deliveries.slice(mark).map((d) => ({
        userId: d.userId,
        conversation: (d.message.data as { sobject: Json }).sobject.Conversation_Id__c
    }));
    assert.deepEqual(sent, [
        { userId: alex, conversation: 'conv-alex' },
        { userId: blake, conversation: 'conv-blake' }
    ]);
});
