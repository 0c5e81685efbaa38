// POST /messagingSession through Prism in proxy mode, with the connector's own request (the bridge's End when the
// customer leaves in Genesys Cloud): the session ends, a routing still pending goes with it, and a second End is
// answered with the spec's errorReason.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { MessagingSessionRequest } from '../../../connector/src/byoc/interactionClient';
import type { LocalOrg } from '../../src/org/org';
import { CHANNEL, loadOrg, message, query, QUEUE, start, type Setting } from './helpers';

let org: LocalOrg;
let queueId: string;
before(() => {
    org = loadOrg();
    queueId = String(query(org, `SELECT Id FROM Group WHERE DeveloperName = '${QUEUE}'`)[0].Id);
});

const end = ({ client }: Setting, from: string, conversationIdentifier: string) => {
    const body: MessagingSessionRequest = {
        channelAddressIdentifier: CHANNEL,
        endUserClientId: from,
        conversationIdentifier,
        operation: 'End',
        operationBy: 'EndUser'
    };
    return client.call<{ success: boolean; errorReason?: string }>({
        operation: 'post-messaging-session',
        method: 'POST',
        path: '/messagingSession',
        body
    });
};

test('the customer leaving ends the session, with the routing still pending; a second End finds no active conversation', async (t) => {
    const setting = await start(t, org);
    const from = '+33650000001';
    const opened = await setting.client.postInteraction(message(from, 'Hello', `${from}-1`));
    const conversationIdentifier = opened.conversationIdentifier!;
    const sessionId = opened.workItemIds![0];
    await setting.client.postRoute({ conversationIdentifier, routingType: 'Initial', routingInfo: { queueId } });

    assert.deepEqual(await end(setting, from, conversationIdentifier), { success: true });
    const [session] = query(org, `SELECT Status, EndTime FROM MessagingSession WHERE Id = '${sessionId}'`);
    assert.equal(session.Status, 'Ended');
    assert.match(String(session.EndTime), /^\d{4}-\d{2}-\d{2}T/);
    assert.deepEqual(query(org, `SELECT Id FROM PendingServiceRouting WHERE WorkItemId = '${sessionId}'`), []);

    assert.deepEqual(await end(setting, from, conversationIdentifier), {
        success: false,
        errorReason: 'ACTIVE_CONVERSATION_NOT_FOUND'
    });
    assert.deepEqual(
        setting.proxy.calls.filter((c) => c.violations.length > 0),
        [],
        'every request and answer valid against the official spec'
    );
});
