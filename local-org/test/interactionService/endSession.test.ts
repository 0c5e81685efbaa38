// An agent ending a BYOC Messaging Session: the session Ended, and the outbound custom event whose SessionStatusChanged
// entry the connector's own decoder validates against Salesforce's outbound-custom-event-payload.yaml; only the agent
// holding the session's opened work may end it, and nothing is written or published otherwise.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { decodeOutboundEvent } from '../../../connector/src/byoc/outboundEvent';
import type { StoredRecord } from '../../src/data/schemaTypes';
import { acceptWork, AgentMessageRefused, endSession } from '../../src/interactionService';
import type { LocalOrg } from '../../src/org/org';
import { agent, CHANNEL, loadOrg, query, QUEUE, start, type Setting, assignedConversation } from './helpers';

let org: LocalOrg;
let alice: string;
let bob: string;
let queueId: string;
const published: StoredRecord[] = [];
before(() => {
    org = loadOrg({ eventSink: (events) => published.push(...events) });
    alice = agent(org, 'alice');
    bob = agent(org, 'bob');
    queueId = String(query(org, `SELECT Id FROM Group WHERE DeveloperName = '${QUEUE}'`)[0].Id);
});

async function accepted(setting: Setting, from: string, userId: string) {
    const { agentWorkId, ...ids } = await assignedConversation(setting, from, userId, queueId);
    acceptWork(org, agentWorkId);
    return ids;
}

const status = (sessionId: string) =>
    query(org, `SELECT Status, EndTime FROM MessagingSession WHERE Id = '${sessionId}'`)[0];

test('the agent ends the session: Ended, and one event the connector decodes as the agent ending it', async (t) => {
    const setting = await start(t, org);
    const { conversationIdentifier, sessionId } = await accepted(setting, '+33640000001', alice);
    published.length = 0;

    const ended = endSession(org, setting.service.channels, sessionId, alice);

    assert.equal(status(sessionId).Status, 'Ended');
    assert.match(String(status(sessionId).EndTime), /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(
        published.map((e) => [e.id, e.objectName, e.values.get('eventtype__c')]),
        [[ended.eventId, 'Relay_Byoc_Event__e', 'Interaction']]
    );
    const decoded = decodeOutboundEvent(published[0].values.get('eventtype__c'), published[0].values.get('payload__c'));
    assert.equal(decoded.eventType, 'Interaction');
    const entry = decoded.eventType === 'Interaction' ? decoded.event.payload : (undefined as never);
    assert.equal(entry.entryType, 'SessionStatusChanged');
    assert.equal(entry.sender.role, 'Agent');
    assert.deepEqual(
        [
            entry.entryPayload.conversationIdentifier,
            entry.entryPayload.channelAddressIdentifier,
            entry.entryPayload.sessionId,
            entry.entryPayload.sessionStatus,
            entry.entryPayload.sessionStatusPrev,
            entry.entryPayload.sessionEndedByRole
        ],
        [conversationIdentifier, CHANNEL, sessionId, 'Ended', 'Active', 'Agent']
    );
});

test('only the agent holding the session may end it, once: nothing is written or published otherwise', async (t) => {
    const setting = await start(t, org);
    const { sessionId } = await accepted(setting, '+33640000002', alice);
    published.length = 0;
    const refused = (userId: string, reason: RegExp) =>
        assert.throws(
            () => endSession(org, setting.service.channels, sessionId, userId),
            (error: unknown) => error instanceof AgentMessageRefused && reason.test(error.message)
        );

    refused(bob, /not yours/);
    assert.equal(status(sessionId).Status, 'Active');
    endSession(org, setting.service.channels, sessionId, alice);
    published.length = 0;
    refused(alice, /not active \(Ended\)/);
    assert.deepEqual(published, []);
});
