// Bring Your Own Channel for CCaaS in the console (issue 14; docs/byoc-setup.md): a Genesys Cloud conversation on
// the Messaging queue opens a Messaging Session through the connector's Interaction Service calls (each validated
// by Prism against the official spec), Omni-Channel offers it to the agent Genesys Cloud connected, and what the
// agent writes in the session reaches the customer through the Pub/Sub API and Genesys Cloud.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InteractionClient } from '../../connector/src/byoc/interactionClient.ts';
import { SEED_IDS } from '../../simulator/src/seed.ts';
import {
    label,
    panelOf,
    panelRowOf as rowOf,
    recordCondition,
    records,
    seriousA11yViolations,
    simulatorCondition,
    withConsole
} from './harness.mjs';

const { users } = SEED_IDS;
const userState = (sim, id) => sim.control.state().users.find((u) => u.id === id);

async function goOnQueue(page, sim, userId = users.alex) {
    await page
        .getByRole('region', { name: 'Omni-Channel' })
        .getByLabel('Presence status')
        .selectOption({ label: 'Online' });
    await simulatorCondition(
        sim,
        () => userState(sim, userId)?.routingStatus === 'IDLE',
        'the agent On Queue and idle in the contact centre'
    );
    await panelOf(page).getByText(label('Relay_WorkItem_OnQueue'), { exact: true }).waitFor();
}

/**
 * The partner's own client of the Interaction Service, with a token of the connector's integration app: what the
 * connector calls, through the same Prism proxy.
 */
async function partnerClient(server) {
    const answer = await server.integration.token(
        new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: server.integration.clientId,
            client_secret: server.integration.clientSecret
        })
    );
    const token = String(answer.body.access_token);
    return new InteractionClient({
        baseUrl: server.byoc.proxy.url,
        orgId: server.byoc.settings.RELAY_SF_ORG_ID ?? token.split('!')[0],
        authorizationContext: server.byoc.settings.RELAY_SF_CHANNEL_DEFINITION,
        httpTimeoutMs: 10_000,
        token: () => Promise.resolve(token)
    });
}

/**
 * Pick Up in Relay's panel: Relay accepts the session's work when Omni-Channel offers it (the connector asks for it once
 * the agent connects), and the session's page opens.
 */
async function pickUp(page, customer) {
    await rowOf(page, customer, 'alerting')
        .getByRole('button', { name: label('Relay_WorkItem_PickUp') })
        .click();
    await rowOf(page, customer, 'connected').waitFor();
    return page.locator('[data-id="byoc-conversation"]');
}

test('a customer on the Messaging queue becomes a Messaging Session that Pick Up in Relay opens, and the agent answers there; the answer reaches the customer through Genesys Cloud, their reply the session, their opt-out stops the agent’s messages, and their leaving ends it', async () => {
    await withConsole(
        async ({ page, server, sim, screenshot }) => {
            await goOnQueue(page, sim);
            const conversationId = sim.control.startConversation({
                channel: 'webchat',
                queue: 'Messaging',
                customerName: 'Jane Doe',
                customerAddress: 'jane.doe@example.com',
                text: 'Is my parcel on its way?'
            }).id;

            // The connector's calls, in the procedure's order, each through Prism: the session and its end user,
            // consent, then the PendingServiceRouting on the channel's queue.
            const [session] = await recordCondition(
                server,
                'SELECT Id, Status FROM MessagingSession',
                (rows) => rows.length === 1,
                'the Messaging Session'
            );
            await recordCondition(
                server,
                `SELECT Id FROM PendingServiceRouting WHERE WorkItemId = '${session.Id}'`,
                (rows) => rows.length === 1,
                'the session waiting for routing'
            );
            const calls = () => server.byoc.proxy.calls.map((c) => `${c.method} ${c.path}`);
            assert.deepEqual(calls().slice(0, 3), [
                'POST /api/v1/interactions',
                'PATCH /api/v1/consent',
                'POST /api/v1/route'
            ]);

            // The connector told Relay which session is the conversation's (conversation.messagingSession).
            await recordCondition(
                server,
                `SELECT Messaging_Session_Id__c FROM Relay_Interaction__c WHERE External_Conversation_Id__c = '${conversationId}'`,
                (rows) => rows[0]?.Messaging_Session_Id__c === session.Id,
                "the session named on the conversation's interaction"
            );

            // Genesys Cloud's ACD offers the conversation to Alex in Relay's panel; Pick Up connects him there, and
            // the connector gives him the session's AgentWork.
            const conversation = await pickUp(page, 'Jane Doe');
            await recordCondition(
                server,
                `SELECT Id FROM AgentWork WHERE WorkItemId = '${session.Id}' AND UserId = '${server.org.users.alex}'`,
                (rows) => rows.length === 1,
                "Alex's AgentWork on the session"
            );
            assert.ok(calls().includes('POST /api/v1/agentWork'));
            // The conversation's Omni-Channel work is the session's alone: Relay routes none of its own for it
            // (Relay_Messaging_Queue__mdt names the Messaging queue), so no record tab of Relay's opens.
            assert.deepEqual(
                await records(
                    server,
                    `SELECT Id FROM AgentWork WHERE WorkItemId IN (SELECT Id FROM Relay_Interaction__c WHERE External_Conversation_Id__c = '${conversationId}')`
                ),
                []
            );

            // Omni-Channel offers the session; Pick Up was Alex's answer, so Relay accepts it for him and the session's
            // page opens with the customer's message, without a second click in the Omni-Channel widget.
            await conversation.getByText('Is my parcel on its way?').waitFor();
            await recordCondition(
                server,
                `SELECT Status FROM AgentWork WHERE WorkItemId = '${session.Id}'`,
                (rows) => rows.length === 1 && rows[0].Status === 'Opened',
                "the session's work accepted"
            );
            assert.equal(await page.getByRole('tab').count(), 1, "the session's tab, and no tab of Relay's");
            assert.deepEqual(
                (await records(server, `SELECT Status, OwnerId FROM MessagingSession WHERE Id = '${session.Id}'`)).map(
                    (r) => [r.Status, r.OwnerId]
                ),
                [['Active', server.org.users.alex]]
            );
            assert.deepEqual(
                await records(server, `SELECT Id FROM PendingServiceRouting WHERE WorkItemId = '${session.Id}'`),
                []
            );

            // Alex answers in the session: the org publishes the channel's outbound event, the connector sends it
            // on his Genesys communication, and the customer reads it.
            await conversation.getByLabel('Message').fill('Yes, it arrives tomorrow.');
            await conversation.getByRole('button', { name: 'Send' }).press('Enter');
            await conversation.getByText('Yes, it arrives tomorrow.').waitFor();
            await simulatorCondition(
                sim,
                () =>
                    sim.control
                        .conversation(conversationId)
                        .transcript.some((m) => m.direction === 'outbound' && m.text === 'Yes, it arrives tomorrow.'),
                'the answer in the contact centre'
            );
            assert.deepEqual(
                sim.control
                    .conversation(conversationId)
                    .transcript.filter((m) => m.text === 'Yes, it arrives tomorrow.')
                    .map((m) => m.direction),
                ['outbound'],
                'sent once'
            );
            // The customer answers: the connector adds the message to the session, and the page shows it.
            sim.control.customerReply(conversationId, 'Great, thank you!');
            await conversation.getByText('Great, thank you!').waitFor();
            assert.deepEqual(
                (
                    await records(
                        server,
                        `SELECT ActorType, Message FROM ConversationEntry WHERE ConversationId = '${session.Id}' ORDER BY EntryTime ASC, Id ASC`
                    )
                ).map((e) => [e.ActorType, e.Message]),
                [
                    ['EndUser', 'Is my parcel on its way?'],
                    ['Agent', 'Yes, it arrives tomorrow.'],
                    ['EndUser', 'Great, thank you!']
                ]
            );

            // The customer opts out. Consent is the partner's (consentOwner Partner): the connector would send it as it
            // sends every consent, PATCH /consent (Genesys Cloud conveys no opt-out for a messaging customer in SDK 262:
            // docs/open-questions.md). Salesforce then refuses the agent's messages, with the reason on the page; opting
            // in again lets the agent write.
            const partner = await partnerClient(server);
            const consent = (consentStatus) =>
                partner.patchConsent({
                    endUserClientId: 'jane.doe@example.com',
                    channelAddressIdentifier: server.byoc.settings.RELAY_SF_CHANNEL_ADDRESS,
                    consentStatus
                });
            await consent('OptedOut');
            await conversation.getByText('The customer opted out of messages on this channel.').waitFor();
            assert.equal(await conversation.getByLabel('Message').isDisabled(), true);
            await consent('ExplicitlyOptedIn');
            await conversation.getByText('The customer opted out of messages on this channel.').waitFor({
                state: 'detached'
            });
            assert.equal(await conversation.getByLabel('Message').isDisabled(), false);

            // The customer leaves in Genesys Cloud: the connector ends the session, and Relay closes its work and tab
            // with the conversation, as it does for its own work items.
            sim.control.customerDisconnect(conversationId);
            await recordCondition(
                server,
                `SELECT Status FROM MessagingSession WHERE Id = '${session.Id}'`,
                (rows) => rows[0]?.Status === 'Ended',
                'the session ended'
            );
            await recordCondition(
                server,
                `SELECT Status FROM AgentWork WHERE WorkItemId = '${session.Id}'`,
                (rows) => rows.length === 1 && rows[0].Status === 'Closed',
                "the session's work closed"
            );
            await conversation.waitFor({ state: 'detached' });
            assert.equal(await page.getByRole('tab').count(), 0, "the session's tab closed");

            // Every call the connector made passed the official spec's validation, and succeeded.
            assert.deepEqual(
                server.byoc.proxy.calls.filter((c) => c.violations.length > 0 || c.status >= 300),
                []
            );
            assert.deepEqual(await seriousA11yViolations(page), []);
            await screenshot('byoc-messaging-session');
        },
        { byoc: true }
    );
});

test('the agent transfers the Messaging Session to the Genesys queue: Genesys Cloud routes it, the session goes to the agent who picks it up, and their End Conversation ends their leg in Genesys and opens the wrap-up', async () => {
    await withConsole(
        async ({ page, server, sim, signInAs }) => {
            await goOnQueue(page, sim);
            const conversationId = sim.control.startConversation({
                channel: 'webchat',
                queue: 'Messaging',
                customerName: 'Sam Lee',
                customerAddress: 'sam.lee@example.com',
                text: 'I need to change my address.'
            }).id;
            const alexSession = await pickUp(page, 'Sam Lee');
            await alexSession.getByText('I need to change my address.').waitFor();
            const [session] = await records(server, 'SELECT Id FROM MessagingSession');

            // Blake comes On Queue; Alex transfers the session to Relay Messaging, the queue mapped to Genesys
            // Cloud's Messaging queue: the connector transfers in Genesys and answers externallyRouted.
            const blake = await signInAs('blake');
            await goOnQueue(blake, sim, users.blake);
            await alexSession.getByLabel('Transfer to queue').selectOption({ label: 'Relay Messaging' });
            await alexSession.getByRole('button', { name: 'Transfer' }).press('Enter');
            await recordCondition(
                server,
                `SELECT Status FROM AgentWork WHERE WorkItemId = '${session.Id}' AND UserId = '${server.org.users.alex}'`,
                (rows) => rows.length === 1 && rows[0].Status === 'Closed',
                "Alex's work closed by the external routing result"
            );
            assert.ok(server.byoc.proxy.calls.some((c) => c.path === '/api/v1/routingResult' && c.status < 300));

            // Genesys Cloud offers the conversation to Blake; his Pick Up gives him the session's work (Transfer).
            const blakeSession = await pickUp(blake, 'Sam Lee');
            await blakeSession.getByText('I need to change my address.').waitFor();
            assert.deepEqual(
                (await records(server, `SELECT OwnerId, Status FROM MessagingSession WHERE Id = '${session.Id}'`)).map(
                    (r) => [r.OwnerId, r.Status]
                ),
                [[server.org.users.blake, 'Active']]
            );
            assert.equal(
                sim.control
                    .conversation(conversationId)
                    .participants.filter((p) => p.purpose === 'agent')
                    .at(-1)?.userId,
                users.blake
            );
            await blakeSession.getByLabel('Message').fill('Blake here, I can help.');
            await blakeSession.getByRole('button', { name: 'Send' }).press('Enter');
            await simulatorCondition(
                sim,
                () =>
                    sim.control
                        .conversation(conversationId)
                        .transcript.some((m) => m.direction === 'outbound' && m.text === 'Blake here, I can help.'),
                "Blake's answer in the contact centre"
            );

            // Blake ends the conversation in the session: the connector ends his leg in Genesys Cloud, and Relay's
            // panel opens his wrap-up, as after Disconnect.
            await blakeSession.getByRole('button', { name: 'End Conversation' }).press('Enter');
            await recordCondition(
                server,
                `SELECT Status FROM MessagingSession WHERE Id = '${session.Id}'`,
                (rows) => rows[0]?.Status === 'Ended',
                'the session ended'
            );
            await simulatorCondition(
                sim,
                () =>
                    sim.control
                        .conversation(conversationId)
                        .participants.filter((p) => p.purpose === 'agent' && p.userId === users.blake)
                        .at(-1)?.state === 'disconnected',
                "Blake's leg ended in the contact centre"
            );
            await rowOf(blake, 'Sam Lee', 'wrapUp').waitFor();
            // His session's work and tab close with the conversation, as Relay's own work items do.
            await blakeSession.waitFor({ state: 'detached' });
            await recordCondition(
                server,
                `SELECT Status FROM AgentWork WHERE WorkItemId = '${session.Id}' AND UserId = '${server.org.users.blake}'`,
                (rows) => rows.length === 1 && rows[0].Status === 'Closed',
                "Blake's work closed"
            );
            // Alex's leg ended with the transfer: his tab of the session closed too.
            await alexSession.waitFor({ state: 'detached' });
            assert.deepEqual(
                server.byoc.proxy.calls.filter((c) => c.violations.length > 0 || c.status >= 300),
                []
            );
        },
        { byoc: true }
    );
});
