// POST /route, POST /agentWork, DELETE /route and POST /routingResult through Prism in proxy mode, with the
// connector's InteractionClient, in the order of Salesforce's procedure (shared seed 004).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { InteractionApiError } from '../../../connector/src/byoc/interactionClient';
import { acceptWork } from '../../src/interactionService';
import type { LocalOrg } from '../../src/org/org';
import { agent, loadOrg, message, query, QUEUE, start, type Setting } from './helpers';

let org: LocalOrg;
let alice: string;
let bob: string;
let queueId: string;
before(() => {
    org = loadOrg();
    alice = agent(org, 'alice');
    bob = agent(org, 'bob');
    queueId = String(query(org, `SELECT Id FROM Group WHERE DeveloperName = '${QUEUE}'`)[0].Id);
});

/** A conversation opened and routed to the queue (interactions, then route). */
async function routed({ client }: Setting, from: string) {
    const opened = await client.postInteraction(message(from, 'Hello', `${from}-1`));
    const conversationIdentifier = opened.conversationIdentifier!;
    const route = await client.postRoute({ conversationIdentifier, routingType: 'Initial', routingInfo: { queueId } });
    return { conversationIdentifier, sessionId: opened.workItemIds![0], route };
}

const psrs = (sessionId: string) =>
    query(
        org,
        `SELECT Id, GroupId, RoutingType, IsTransfer, ServiceChannelId FROM PendingServiceRouting WHERE WorkItemId = '${sessionId}'`
    );

test('POST /route creates the PendingServiceRouting of the session on the queue', async (t) => {
    const setting = await start(t, org);
    const { sessionId, route } = await routed(setting, '+33611111111');

    assert.equal(route.success, true);
    assert.match(route.routingCorrelationId ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual([route.workItemId], [sessionId]);
    const [psr] = psrs(sessionId);
    assert.equal(psr.Id, route.psrId);
    assert.deepEqual([psr.GroupId, psr.RoutingType, psr.IsTransfer], [queueId, 'QueueBased', false]);
    const [channel] = query(
        org,
        `SELECT RelatedEntity FROM ServiceChannel WHERE Id = '${String(psr.ServiceChannelId)}'`
    );
    assert.equal(channel.RelatedEntity, 'MessagingSession');
    assert.equal(query(org, `SELECT Status FROM MessagingSession WHERE Id = '${sessionId}'`)[0].Status, 'Waiting');
    // A conversation identifier the org does not know: 10018, and nothing more is created.
    const wrong = await setting.client
        .postRoute({ conversationIdentifier: route.routingCorrelationId!, routingType: 'Initial' })
        .catch((e: unknown) => e);
    assert.ok(wrong instanceof InteractionApiError);
    assert.deepEqual([wrong.status, (wrong.body as { code: number }).code], [400, 10018]);
    assert.equal(psrs(sessionId).length, 1);
    assert.ok(setting.proxy.calls.slice(0, 2).every((c) => c.violations.length === 0));
});

test('POST /agentWork creates the AgentWork for the agent; accepting it deletes the PSR', async (t) => {
    const setting = await start(t, org);
    const { conversationIdentifier, sessionId, route } = await routed(setting, '+33622222222');
    const answer = await setting.client.postAgentWork({
        userId: alice,
        workItemId: sessionId.slice(0, 15),
        routingContext: {
            conversationIdentifier,
            routingType: 'Initial',
            routingCorrelationId: route.routingCorrelationId!
        }
    });

    assert.equal(answer.success, true);
    const [work] = query(
        org,
        `SELECT Id, UserId, WorkItemId, Status, PendingServiceRoutingId, OriginalQueueId, ServiceChannelId FROM AgentWork WHERE WorkItemId = '${sessionId}'`
    );
    assert.deepEqual(
        [work.Id, work.UserId, work.Status, work.PendingServiceRoutingId, work.OriginalQueueId],
        [answer.agentWorkId, alice, 'Assigned', route.psrId, queueId]
    );
    // The work item is the MessagingSession, and the PSR waits until the agent accepts.
    assert.equal(query(org, `SELECT Id FROM MessagingSession WHERE Id = '${String(work.WorkItemId)}'`).length, 1);
    assert.equal(psrs(sessionId).length, 1);

    acceptWork(org, answer.agentWorkId!);
    assert.equal(psrs(sessionId).length, 0);
    assert.equal(query(org, `SELECT Status FROM AgentWork WHERE Id = '${answer.agentWorkId}'`)[0].Status, 'Opened');
    const [session] = query(org, `SELECT Status, OwnerId, AcceptTime FROM MessagingSession WHERE Id = '${sessionId}'`);
    assert.deepEqual([session.Status, session.OwnerId, typeof session.AcceptTime], ['Active', alice, 'string']);

    // Both capacities at once: 10013, and no AgentWork.
    const both = await setting.client
        .call({
            operation: 'post-agent-work',
            method: 'POST',
            path: '/agentWork',
            body: {
                userId: bob,
                workItemId: sessionId.slice(0, 15),
                capacityWeight: 1,
                capacityPercentage: 50
            } as never
        })
        .catch((e: unknown) => e);
    assert.ok(both instanceof InteractionApiError);
    assert.deepEqual([both.status, (both.body as { code: number }).code], [400, 10013]);
    assert.equal(query(org, `SELECT Id FROM AgentWork WHERE WorkItemId = '${sessionId}'`).length, 1);
    assert.ok(setting.proxy.calls.every((c) => c.violations.length === 0));
});

test('DELETE /route removes a pending PSR', async (t) => {
    const setting = await start(t, org);
    const { conversationIdentifier, sessionId } = await routed(setting, '+33633333333');
    assert.equal(psrs(sessionId).length, 1);

    assert.deepEqual(await setting.client.deleteRoute({ conversationIdentifier, cancelReason: 'Cancel' }), {
        success: true
    });
    assert.equal(psrs(sessionId).length, 0);
    // Nothing left to delete.
    assert.deepEqual(await setting.client.deleteRoute({ conversationIdentifier }), { success: false });
});

test('a transfer: routingResult, then route (Transfer) and agentWork for the other agent', async (t) => {
    const setting = await start(t, org);
    const { client } = setting;
    const { conversationIdentifier, sessionId, route } = await routed(setting, '+33644444444');
    const first = await client.postAgentWork({
        userId: alice,
        workItemId: sessionId.slice(0, 15),
        routingContext: {
            conversationIdentifier,
            routingType: 'Initial',
            routingCorrelationId: route.routingCorrelationId!
        }
    });
    acceptWork(org, first.agentWorkId!);
    const workItemId = sessionId.slice(0, 15);

    // Alice transfers to a Salesforce queue: the routing result (not external), then the route and the AgentWork.
    assert.deepEqual(
        await client.postRoutingResult({
            workItemId,
            conversationIdentifier,
            success: true,
            externallyRouted: false,
            routingType: 'Transfer'
        }),
        { success: true }
    );
    const [entry] = query(
        org,
        `SELECT ActorType, EntryType, Message FROM ConversationEntry WHERE ConversationId = '${sessionId}' AND EntryType = 'RoutingResult'`
    );
    assert.deepEqual(
        [entry.ActorType, JSON.parse(String(entry.Message))],
        ['System', { success: true, externallyRouted: false, routingType: 'Transfer', errorMessage: null }]
    );
    assert.equal(query(org, `SELECT Status FROM AgentWork WHERE Id = '${first.agentWorkId}'`)[0].Status, 'Opened');
    const transfer = await client.postRoute({
        conversationIdentifier,
        routingType: 'Transfer',
        routingInfo: { queueId }
    });
    assert.deepEqual(
        psrs(sessionId).map((p) => [p.Id, p.IsTransfer]),
        [[transfer.psrId, true]]
    );
    const second = await client.postAgentWork({
        userId: bob,
        workItemId,
        routingContext: {
            conversationIdentifier,
            routingType: 'Transfer',
            routingCorrelationId: transfer.routingCorrelationId!
        }
    });
    acceptWork(org, second.agentWorkId!);
    assert.deepEqual(
        query(
            org,
            `SELECT UserId, Status FROM AgentWork WHERE WorkItemId = '${sessionId}' ORDER BY CreatedDate, Id`
        ).map((w) => [w.UserId, w.Status]),
        [
            [alice, 'Closed'],
            [bob, 'Opened']
        ]
    );

    // Bob transfers to a Genesys queue: externally routed, nothing is routed in Salesforce and his work closes.
    await client.postRoutingResult({
        workItemId,
        conversationIdentifier,
        success: true,
        externallyRouted: true,
        routingType: 'Transfer'
    });
    assert.equal(query(org, `SELECT Status FROM AgentWork WHERE Id = '${second.agentWorkId}'`)[0].Status, 'Closed');
    assert.equal(psrs(sessionId).length, 0);
    // A failure must say why (10034).
    const noReason = await client
        .postRoutingResult({ workItemId, conversationIdentifier, success: false, externallyRouted: true })
        .catch((e: unknown) => e);
    assert.ok(noReason instanceof InteractionApiError);
    assert.deepEqual([noReason.status, (noReason.body as { code: number }).code], [400, 10034]);
    assert.ok(setting.proxy.calls.every((c) => c.violations.length === 0));
});

test('the service refuses another token, and Prism a request without one', async (t) => {
    const { proxy, service } = await start(t, org);
    const headers = {
        OrgId: org.orgId.slice(0, 15),
        AuthorizationContext: 'Relay_GenesysMessaging',
        RequestId: '6f1e9f0a-2b1c-4d5e-8f90-123456789abc',
        'Content-Type': 'application/json'
    };
    const body = JSON.stringify({ conversationIdentifier: 'none' });
    const wrong = await fetch(`${proxy.url}/api/v1/route`, {
        method: 'DELETE',
        headers: { ...headers, Authorization: 'Bearer not-the-token' },
        body
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), {
        code: 10004,
        message: 'The supplied Authorization access token is not valid.'
    });
    const none = await fetch(`${proxy.url}/api/v1/route`, { method: 'DELETE', headers, body });
    assert.equal(none.status, 401);
    assert.notEqual(service.accessToken, 'not-the-token');
    assert.deepEqual(
        proxy.calls.map((c) => c.status),
        [401, 401]
    );
});
