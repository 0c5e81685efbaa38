// The console's server in front of the local org: every Apex call runs Relay's own classes as the signed-in
// agent (their permission sets, sharing and Named Credential), the contact centre's events go through Relay's
// signed REST resource, and what Apex publishes reaches lightning/empApi. No browser: HTTP as the page sends it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed';
import { generateSigningKey, keySigner } from '../../connector/src/salesforce/signing';
import type { PreviewServer } from '../server/server';
import { apex, preview, refusal, type Json } from './support';

const EVENTS = '/services/apexrest/relay/v1/events';

/** POST /__apex/<Class.method> as the page does, signed in as `user` by the console's cookie. */
async function pageApex(server: PreviewServer, user: 'alex' | 'blake', name: string, params: Json = {}): Promise<Json> {
    const cookie = server.signInCookie(user);
    const response = await fetch(`${server.url}/__apex/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${cookie.name}=${cookie.value}` },
        body: JSON.stringify(params)
    });
    assert.equal(response.status, 200, 'an Aura action answers 200 and says in its envelope how the Apex went');
    return (await response.json()) as Json;
}

async function recordAs(server: PreviewServer, user: 'alex' | 'blake', id: string): Promise<number> {
    const cookie = server.signInCookie(user);
    const response = await fetch(`${server.url}/__records/${id}`, {
        headers: { cookie: `${cookie.name}=${cookie.value}` }
    });
    await response.arrayBuffer();
    return response.status;
}

/** An interaction owned by Alex, as Relay's inbound event handling would leave it. */
async function alexsInteraction(server: PreviewServer): Promise<string> {
    await server.org.client.executeAnonymous(`
        insert new Relay_Interaction__c(OwnerId = '${server.org.users.alex}', Customer_Name__c = 'Private customer',
            External_Conversation_Id__c = 'conv-private', Channel__c = 'Chat');
    `);
    const [row] = await server.org.query(
        "SELECT Id FROM Relay_Interaction__c WHERE Customer_Name__c = 'Private customer'"
    );
    return String(row.Id);
}

test('each agent’s Apex runs as them: their own contact-centre user, through their own Named Credential', async (t) => {
    const server = await preview(t);
    const alex = await pageApex(server, 'alex', 'RelayWorkItemController.getAgentStatus');
    const blake = await pageApex(server, 'blake', 'RelayWorkItemController.getAgentStatus');
    assert.equal(alex.ok, true, JSON.stringify(alex));
    assert.equal(blake.ok, true, JSON.stringify(blake));
    const callers = server.org.sent.filter((c) => c.path === '/api/v2/users/me').map((c) => c.userId);
    assert.deepEqual(callers, [server.org.users.alex, server.org.users.blake]);
    assert.notDeepEqual((alex.result as Json).genesysUserId, (blake.result as Json).genesysUserId);
    assert.equal((alex.result as Json).genesysUserId, SEED_IDS.users.alex);
});

test('sharing holds in the console: an agent cannot open another agent’s interaction', async (t) => {
    const server = await preview(t);
    const id = await alexsInteraction(server);
    assert.equal(await recordAs(server, 'alex', id), 200);
    assert.equal(await recordAs(server, 'blake', id), 404, 'private to its owner (org-wide default Private)');
});

test('a refused call reaches the page as the AuraHandledException’s message, in the envelope of a failed action', async (t) => {
    const server = await preview(t);
    const answer = await pageApex(server, 'alex', 'RelayConversationController.sendReply', {
        interactionId: 'a02000000000000AAA',
        text: 'Hello',
        attachments: []
    });
    assert.equal(answer.ok, false);
    const body = answer.body as Json;
    assert.equal(typeof body.message, 'string');
    assert.ok((body.message as string).length > 0);
    assert.doesNotMatch(body.message as string, /Exception|\.cls|line \d/, 'no stack or class name shown to the agent');
});

test('a class outside the agent’s permission sets is refused, as Lightning refuses it', async (t) => {
    const server = await preview(t);
    // The integration user holds Relay_Event_Publisher only, which grants no agent controller.
    const message = await refusal(server, 'RelayInboxController.getInbox', {}, server.org.users.bridge);
    assert.match(message, /RelayInboxController/);
    assert.ok(Array.isArray(await apex(server, 'RelayInboxController.getInbox')), 'granted to an agent');
});

test('contact-centre events reach Relay’s REST resource only through the connector: its session and its signature', async (t) => {
    const server = await preview(t);
    const published: string[] = [];
    t.after(
        server.bus.subscribe('/event/Relay_Conversation_Event__e', (m) =>
            published.push(String(m.data.payload.Type__c))
        )
    );

    // Without the connector's session Apex REST never runs (Salesforce answers before any Apex).
    for (const authorization of [undefined, 'Bearer not-a-session']) {
        const refused = await fetch(`${server.url}${EVENTS}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
            body: JSON.stringify({ eventId: 'evt-1', type: 'conversation.alerting', conversationId: 'c-1' })
        });
        assert.equal(refused.status, 401);
        assert.equal(((await refused.json()) as { errorCode: string }[])[0]?.errorCode, 'INVALID_SESSION_ID');
    }
    assert.deepEqual(published, []);

    // With a session but not the connector's private key, RelayEventSignature refuses the event.
    const token = await fetch(`${server.url}/services/oauth2/token`, {
        method: 'POST',
        body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: server.integration.clientId,
            client_secret: server.integration.clientSecret
        })
    });
    const session = ((await token.json()) as { access_token: string }).access_token;
    const forger = generateSigningKey();
    const body = JSON.stringify({ eventId: 'evt-forged', type: 'conversation.alerting', conversationId: 'c-1' });
    const signedBy = (keyId: string) => ({
        authorization: `Bearer ${session}`,
        'content-type': 'application/json',
        ...keySigner(forger.privateKeyPem, keyId)(body, Date.now())
    });
    const forged = await fetch(`${server.url}${EVENTS}`, { method: 'POST', headers: signedBy('Local_Console'), body });
    assert.equal(forged.status, 401, 'an event signed by another key under the connector’s key id is refused');
    assert.equal(((await forged.json()) as { error: string }).error, 'invalid_signature');
    const unknown = await fetch(`${server.url}${EVENTS}`, { method: 'POST', headers: signedBy('Forgers_Key'), body });
    assert.equal(((await unknown.json()) as { error: string }).error, 'unknown_key');
    assert.deepEqual(published, []);

    // A customer writes in Genesys: the connector hears the notification, signs the event and posts it.
    server.sim.control.setPresence(SEED_IDS.users.alex, 'OnQueue');
    const conversation = server.sim.control.startConversation({
        channel: 'webchat',
        queue: 'Support',
        customerName: 'Signed Sender',
        customerAddress: 'signed@example.com',
        text: 'Hello'
    });
    await new Promise<void>((resolve) => {
        const check = () => published.length > 0 && resolve();
        const stop = server.bus.subscribe('/event/Relay_Conversation_Event__e', () => {
            stop();
            check();
        });
        check();
    });
    assert.ok(published.length > 0);
    await server.connector.settled([conversation.id]);
    const delivered = await server.connector.connector.store.stats(Date.now());
    assert.ok(delivered.delivered > 0, 'the connector recorded Salesforce’s acknowledgement');
});
