// Omni-Channel's side of Relay's external routing in the local org: a queue with a routing configuration that comes to
// own a record creates its PendingServiceRouting (org/omniQueueRouting.ts), a queue without one does not, and the
// agent's accept removes the PSR and gives the record to the agent (acceptWork).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { acceptWork } from '../../src/interactionService';
import type { LocalOrg } from '../../src/org/org';
import { agent, loadOrg, query, QUEUE } from './helpers';

let org: LocalOrg;
let alice: string;
before(() => {
    org = loadOrg();
    alice = agent(org, 'alice');
});

/** An interaction inserted as the admin and given to a queue; its Id. */
function interactionIn(queue: string, conversationId: string): string {
    const [id] = org.executeAnonymous(`
        Relay_Interaction__c record = new Relay_Interaction__c(External_Conversation_Id__c = '${conversationId}');
        insert record;
        record.OwnerId = [SELECT Id FROM Group WHERE DeveloperName = '${queue}' AND Type = 'Queue' LIMIT 1].Id;
        update record;
        record.Customer_Name__c = 'Carla';
        update record;
        System.debug(record.Id);
    `);
    return id;
}

const psrsOf = (id: string) =>
    query(
        org,
        `SELECT Id, GroupId, RoutingModel, RoutingType, ServiceChannel.DeveloperName FROM PendingServiceRouting WHERE WorkItemId = '${id}'`
    );

test('a record the external-routing queue takes waits once as a PendingServiceRouting left to the partner', () => {
    const id = interactionIn(QUEUE, 'conv-queue');
    const queueId = query(org, `SELECT Id FROM Group WHERE DeveloperName = '${QUEUE}'`)[0].Id;
    const psrs = psrsOf(id);
    assert.equal(psrs.length, 1);
    assert.deepEqual(
        [
            psrs[0].GroupId,
            psrs[0].RoutingModel,
            psrs[0].RoutingType,
            (psrs[0].ServiceChannel as { DeveloperName: string }).DeveloperName
        ],
        [queueId, 'ExternalRouting', 'QueueBased', 'Relay_Interaction']
    );
});

test('a record a queue without routing configuration takes does not wait in Omni-Channel', () => {
    assert.equal(psrsOf(interactionIn('Relay_Digital', 'conv-digital')).length, 0);
});

test("the agent's accept removes the pending routing and makes the record the agent's", () => {
    const id = interactionIn(QUEUE, 'conv-accept');
    const psrId = String(psrsOf(id)[0].Id);
    const channelId = query(org, `SELECT Id FROM ServiceChannel WHERE DeveloperName = 'Relay_Interaction'`)[0].Id;
    const [workId] = org.executeAnonymous(`
        AgentWork work = new AgentWork(UserId = '${alice}', WorkItemId = '${id}', ServiceChannelId = '${channelId}',
            PendingServiceRoutingId = '${psrId}');
        insert work;
        System.debug(work.Id);
    `);
    assert.equal(query(org, `SELECT OwnerId FROM Relay_Interaction__c WHERE Id = '${id}'`)[0].OwnerId === alice, false);

    acceptWork(org, workId);

    assert.equal(psrsOf(id).length, 0);
    assert.equal(query(org, `SELECT Status FROM AgentWork WHERE Id = '${workId}'`)[0].Status, 'Opened');
    assert.equal(query(org, `SELECT OwnerId FROM Relay_Interaction__c WHERE Id = '${id}'`)[0].OwnerId, alice);
});
