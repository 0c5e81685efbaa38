// An agent writing in a BYOC Messaging Session: the entry, and the outbound custom event that the connector's own
// decoder (validating against Salesforce's outbound-custom-event-payload.yaml) and decideOutbound turn into a
// send-text; the refusals write and publish nothing. The conversation is opened, routed and assigned through Prism
// with the connector's InteractionClient, as in Salesforce's procedure.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { decideOutbound, decodeOutboundEvent } from '../../../connector/src/byoc/outboundEvent';
import type { StoredRecord } from '../../src/data/schemaTypes';
import {
    acceptWork,
    AgentMessageRefused,
    agentMessageRefusal,
    sendAgentMessage,
    type ChannelSettings
} from '../../src/interactionService';
import type { LocalOrg } from '../../src/org/org';
import { agent, CHANNEL, CHANNELS, loadOrg, query, QUEUE, start, type Setting, assignedConversation } from './helpers';

let org: LocalOrg;
let alice: string;
let bob: string;
let queueId: string;
const published: StoredRecord[] = [];
const committed: StoredRecord[] = [];
before(() => {
    org = loadOrg({ eventSink: (events) => published.push(...events), onCommit: (r) => committed.push(...r) });
    alice = agent(org, 'alice');
    bob = agent(org, 'bob');
    queueId = String(query(org, `SELECT Id FROM Group WHERE DeveloperName = '${QUEUE}'`)[0].Id);
});

const assigned = (setting: Setting, from: string, userId: string) =>
    assignedConversation(setting, from, userId, queueId);

const agentEntries = (sessionId: string) =>
    query(
        org,
        `SELECT Id, ActorId, ActorName, ActorType, EntryType, Message, MessageIdentifier, EntryTime, CreatedById FROM ConversationEntry WHERE ConversationId = '${sessionId}' AND ActorType = 'Agent'`
    );

test("the agent's message creates their entry and publishes the event the connector sends as text", async (t) => {
    const setting = await start(t, org);
    const { conversationIdentifier, sessionId, agentWorkId } = await assigned(setting, '+33630000001', alice);
    acceptWork(org, agentWorkId);
    published.length = 0;
    committed.length = 0;

    const sent = sendAgentMessage(org, setting.service.channels, {
        sessionId,
        userId: alice,
        text: 'Your parcel leaves today.'
    });

    const [entry] = agentEntries(sessionId);
    assert.equal(entry.Id, sent.entryId);
    assert.deepEqual(
        [entry.ActorId, entry.ActorName, entry.EntryType, entry.Message, entry.MessageIdentifier, entry.CreatedById],
        [alice, 'alice', 'Text', 'Your parcel leaves today.', sent.identifier, alice]
    );
    assert.match(String(entry.EntryTime), /^\d{4}-\d{2}-\d{2}T/);
    assert.ok(committed.some((r) => r.id === sent.entryId));
    assert.deepEqual(
        published.map((e) => [e.id, e.objectName, e.values.get('eventtype__c')]),
        [[sent.eventId, 'Relay_Byoc_Event__e', 'Interaction']]
    );
    const decoded = decodeOutboundEvent(published[0].values.get('eventtype__c'), published[0].values.get('payload__c'));
    const decision = decideOutbound(decoded);
    assert.equal(decision.kind, 'send-text');
    const { transcriptedTimestamp, ...text } = decision.kind === 'send-text' ? decision.message : ({} as never);
    assert.deepEqual(text, {
        conversationIdentifier,
        channelAddressIdentifier: CHANNEL,
        recipientSubject: '+33630000001',
        agentSubject: alice.slice(0, 15),
        agentDisplayName: 'alice',
        messageId: sent.identifier,
        entryId: sent.identifier,
        text: 'Your parcel leaves today.'
    });
    assert.equal(typeof transcriptedTimestamp, 'number');
    assert.ok(setting.proxy.calls.every((c) => c.violations.length === 0));
});

/** Asserts a send is refused with `reason`, and that nothing was written or published. */
function refused(channels: readonly ChannelSettings[], sessionId: string, userId: string, reason: RegExp): void {
    const before = agentEntries(sessionId).length;
    published.length = 0;
    assert.match(agentMessageRefusal(org, channels, sessionId, userId) ?? '', reason);
    assert.throws(
        () => sendAgentMessage(org, channels, { sessionId, userId, text: 'Hello?' }),
        (error: unknown) => error instanceof AgentMessageRefused && reason.test(error.message)
    );
    assert.equal(agentEntries(sessionId).length, before);
    assert.deepEqual(published, []);
}

test('a session not yet accepted, or accepted by another agent, refuses the message', async (t) => {
    const setting = await start(t, org);
    const { sessionId, agentWorkId } = await assigned(setting, '+33630000002', alice);
    const { channels } = setting.service;

    refused(channels, sessionId, alice, /not active \(Waiting\)/);
    acceptWork(org, agentWorkId);
    refused(channels, sessionId, bob, /not yours/);
    assert.equal(agentMessageRefusal(org, channels, sessionId, alice), null);
    assert.throws(() => sendAgentMessage(org, channels, { sessionId, userId: alice, text: '  ' }), /empty/);
    // A channel the service does not serve is refused too (the event names come from its definition).
    refused([], sessionId, alice, /not on a channel/);
});

test('an end user who opted out (PATCH /consent) receives no message', async (t) => {
    const setting = await start(t, org);
    const { sessionId, agentWorkId } = await assigned(setting, '+33630000003', alice);
    acceptWork(org, agentWorkId);
    await setting.client.patchConsent({
        endUserClientId: '+33630000003',
        channelAddressIdentifier: CHANNEL,
        consentStatus: 'OptedOut'
    });

    refused(setting.service.channels, sessionId, alice, /opted out/);
    await setting.client.patchConsent({
        endUserClientId: '+33630000003',
        channelAddressIdentifier: CHANNEL,
        consentStatus: 'ImplicitlyOptedIn'
    });
    assert.equal(agentMessageRefusal(org, setting.service.channels, sessionId, alice), null);
});

test("the event is the channel definition's: another event or field name is refused before anything is written", async (t) => {
    const setting = await start(t, org);
    const { sessionId, agentWorkId } = await assigned(setting, '+33630000004', alice);
    acceptWork(org, agentWorkId);
    const other = [{ ...CHANNELS[0], customEventPayloadField: 'Data__c' }];
    published.length = 0;

    assert.throws(
        () => sendAgentMessage(org, other, { sessionId, userId: alice, text: 'Hi' }),
        /Relay_Byoc_Event__e has no field Data__c/
    );
    assert.deepEqual([agentEntries(sessionId).length, published.length], [0, 0]);
});
