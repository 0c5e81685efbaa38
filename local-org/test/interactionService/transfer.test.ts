// An agent transferring a BYOC Messaging Session to a queue: the org routes nothing itself and publishes the channel's
// RoutingRequested event, which the connector's own decoder (validating against outbound-custom-event-payload.yaml)
// and decideOutbound turn into the answer-transfer the connector carries out within 60 s.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { decideOutbound, decodeOutboundEvent } from '../../../connector/src/byoc/outboundEvent';
import type { StoredRecord } from '../../src/data/schemaTypes';
import { acceptWork, AgentMessageRefused, requestTransfer } from '../../src/interactionService';
import type { LocalOrg } from '../../src/org/org';
import { agent, CHANNEL, loadOrg, query, QUEUE, start, type Setting, assignedConversation } from './helpers';

let org: LocalOrg;
let alice: string;
let bob: string;
let queueId: string;
let messagingQueueId: string;
const published: StoredRecord[] = [];
before(() => {
    org = loadOrg({ eventSink: (events) => published.push(...events) });
    alice = agent(org, 'alice');
    bob = agent(org, 'bob');
    queueId = String(query(org, `SELECT Id FROM Group WHERE DeveloperName = '${QUEUE}'`)[0].Id);
    // The transfer's target: a queue an admin set up for Messaging Sessions.
    messagingQueueId = org.insertRaw('Group', { Name: 'Tier 2', DeveloperName: 'Tier_2', Type: 'Queue' });
    org.insertRaw('QueueSobject', { QueueId: messagingQueueId, SobjectType: 'MessagingSession' });
});

async function accepted(setting: Setting, from: string, userId: string) {
    const { agentWorkId, ...ids } = await assignedConversation(setting, from, userId, queueId);
    acceptWork(org, agentWorkId);
    return ids;
}

test("the agent's transfer to a queue publishes the RoutingRequested the connector answers", async (t) => {
    const setting = await start(t, org);
    const { conversationIdentifier, sessionId } = await accepted(setting, '+33660000001', alice);
    published.length = 0;

    const requested = requestTransfer(org, setting.service.channels, {
        sessionId,
        userId: alice,
        queueId: messagingQueueId
    });

    assert.deepEqual(
        published.map((e) => [e.id, e.objectName, e.values.get('eventtype__c')]),
        [[requested.eventId, 'Relay_Byoc_Event__e', 'RoutingRequested']]
    );
    const decision = decideOutbound(
        decodeOutboundEvent(published[0].values.get('eventtype__c'), published[0].values.get('payload__c'))
    );
    assert.deepEqual(decision, {
        kind: 'answer-transfer',
        channelAddressIdentifier: CHANNEL,
        request: {
            conversationIdentifier,
            workItemId: sessionId.slice(0, 15),
            targetQueueId: messagingQueueId
        }
    });
    // Nothing is routed in Salesforce until the partner answers: the session stays the agent's.
    assert.deepEqual(query(org, `SELECT Id FROM PendingServiceRouting WHERE WorkItemId = '${sessionId}'`), []);
});

test('only the agent holding the session may transfer it, and only to a queue that takes Messaging Sessions', async (t) => {
    const setting = await start(t, org);
    const { sessionId } = await accepted(setting, '+33660000002', alice);
    published.length = 0;
    const refused = (userId: string, target: string, reason: RegExp) =>
        assert.throws(
            () => requestTransfer(org, setting.service.channels, { sessionId, userId, queueId: target }),
            (error: unknown) => error instanceof AgentMessageRefused && reason.test(error.message)
        );

    refused(bob, messagingQueueId, /not yours/);
    refused(alice, queueId, /No queue for Messaging Sessions/); // it takes Relay interactions only
    refused(alice, alice, /No queue for Messaging Sessions/);
    assert.deepEqual(published, []);
});
