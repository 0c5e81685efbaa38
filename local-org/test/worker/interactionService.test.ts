// The Interaction Service in the worker, as the console runs it: started beside the worker's org, behind Prism on the
// main thread, accepting only the tokens the owner registered; Omni-Channel's accept and the agent's message run in
// the worker, their commits and the outbound event reach the owner; the service ends with the org.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { InteractionApiError, InteractionClient } from '../../../connector/src/byoc/interactionClient';
import { decideOutbound, decodeOutboundEvent } from '../../../connector/src/byoc/outboundEvent';
import type { StoredRecord } from '../../src/data/schemaTypes';
import { startPrismProxy } from '../../src/interactionService';
import { OrgClient, OrgRefusal } from '../../src/worker/orgClient';
import type { PlainRecord } from '../../src/worker/protocol';
import { CHANNEL, CHANNELS, DEFINITION, message, QUEUE } from '../interactionService/helpers';

const PROJECT = path.join(__dirname, '..', '..', '..');
let client: OrgClient;
let orgId: string;
let alice: string;
let admin: string;
const events: StoredRecord[] = [];
const changes: PlainRecord[] = [];

before(async () => {
    client = await OrgClient.start({
        projectDir: PROJECT,
        namedCredentialUrls: {},
        watch: ['AgentWork', 'MessagingSession', 'ConversationEntry'],
        send: () => Promise.resolve({ ok: false, reason: 'unreachable', message: 'no network in this test' }),
        onEvents: (published) => events.push(...published),
        onChanges: (records) => changes.push(...records)
    });
    [orgId, admin, alice] = await client.executeAnonymous(`
        Profile standard = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
        User alice = new User(Username = 'alice@relay.local.org', LastName = 'Alice', Alias = 'alice',
            Email = 'alice@example.com', ProfileId = standard.Id, TimeZoneSidKey = 'GMT', LocaleSidKey = 'en_US',
            LanguageLocaleKey = 'en_US', EmailEncodingKey = 'UTF-8');
        insert alice;
        System.debug(UserInfo.getOrganizationId());
        System.debug(UserInfo.getUserId());
        System.debug(alice.Id);
    `);
});

after(() => client.close());

/** The connector's client through the proxy, sending whatever `token()` says. */
const connector = (url: string, token: () => string) =>
    new InteractionClient({
        baseUrl: url,
        orgId: orgId.slice(0, 15),
        authorizationContext: DEFINITION,
        httpTimeoutMs: 10_000,
        token: () => Promise.resolve(token())
    });

const refusedWith = async (call: Promise<unknown>): Promise<number | null> => {
    const error = await call.then(
        () => null,
        (e: unknown) => e
    );
    assert.ok(error instanceof InteractionApiError);
    return error.status;
};

test('registered tokens, acceptWork and the agent message: through the worker, to the connector', async (t) => {
    const started = await client.startInteractionService({ channels: CHANNELS });
    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(started.channelIds[CHANNEL], /^0Mj/);
    const proxy = await startPrismProxy(started.url);
    t.after(() => proxy.stop());
    let token = 'console-token-1';
    const interaction = connector(proxy.url, () => token);

    await client.acceptInteractionToken('console-token-1');
    const opened = await interaction.postInteraction(message('+33650000001', 'Hello', 'w-1'));
    const sessionId = opened.workItemIds![0];
    token = 'another-token';
    assert.equal(await refusedWith(interaction.postInteraction(message('+33650000001', 'Again', 'w-2'))), 401);
    token = 'console-token-1';
    const [queue] = await client.query(`SELECT Id FROM Group WHERE DeveloperName = '${QUEUE}'`);
    const route = await interaction.postRoute({
        conversationIdentifier: opened.conversationIdentifier!,
        routingType: 'Initial',
        routingInfo: { queueId: String(queue.Id) }
    });
    const work = await interaction.postAgentWork({
        userId: alice,
        workItemId: sessionId.slice(0, 15),
        routingContext: {
            conversationIdentifier: opened.conversationIdentifier!,
            routingType: 'Initial',
            routingCorrelationId: route.routingCorrelationId!
        }
    });

    changes.length = 0;
    await client.acceptWork(work.agentWorkId!);
    // The platform's writes are commits like any other: the owner hears of them before the call resolves.
    const status = (id: string) => changes.filter((r) => r.id === id).at(-1)?.fields.Status;
    assert.deepEqual([status(work.agentWorkId!), status(sessionId)], ['Opened', 'Active']);
    assert.equal(await client.agentMessageRefusal(sessionId, alice), null);

    events.length = 0;
    changes.length = 0;
    const sent = await client.sendAgentMessage(sessionId, alice, 'Hello from Alice');
    const entry = changes.find((r) => r.id === sent.entryId);
    assert.deepEqual(
        [entry?.objectName, entry?.fields.ActorType, entry?.fields.Message],
        ['ConversationEntry', 'Agent', 'Hello from Alice']
    );
    assert.equal(events.length, 1);
    const fields = events[0].values;
    const decision = decideOutbound(decodeOutboundEvent(fields.get('EventType__c'), fields.get('Payload__c')));
    assert.equal(decision.kind, 'send-text');
    const text = decision.kind === 'send-text' ? decision.message : null;
    assert.deepEqual(
        [text?.conversationIdentifier, text?.channelAddressIdentifier, text?.recipientSubject, text?.agentSubject],
        [opened.conversationIdentifier, CHANNEL, '+33650000001', alice.slice(0, 15)]
    );
    assert.deepEqual(
        [text?.text, text?.agentDisplayName, text?.entryId],
        ['Hello from Alice', 'Alice', sent.identifier]
    );
    // Someone else may not write in Alice's session: the reason comes back as the rejection, a refusal (the page shows
    // it) rather than a failure (the console answers 500).
    await assert.rejects(
        client.sendAgentMessage(sessionId, admin, 'Hi'),
        (error: unknown) => error instanceof OrgRefusal && /not yours/.test(error.message)
    );
    await assert.rejects(
        client.acceptWork('0Bz000000000000AAA'),
        (error: unknown) => !(error instanceof OrgRefusal) && /No assigned AgentWork/.test(String(error))
    );

    await client.revokeInteractionTokens();
    assert.equal(await refusedWith(interaction.postInteraction(message('+33650000001', 'Later', 'w-3'))), 401);
    assert.deepEqual(
        proxy.calls.map((c) => c.status),
        [202, 401, 202, 202, 401]
    );
    assert.ok(proxy.calls.every((c) => c.violations.length === 0));
    await client.stopInteractionService();
    await assert.rejects(fetch(`${started.url}/api/v1/route`), /fetch failed/);
});

test('the service stops when the org closes', async () => {
    const { url } = await client.startInteractionService({ channels: CHANNELS });
    assert.equal((await fetch(`${url}/api/v1/route`, { method: 'DELETE' })).status, 400);
    await client.close();
    await assert.rejects(fetch(`${url}/api/v1/route`, { method: 'DELETE' }), /fetch failed/);
});
