// POST /interactions and PATCH /consent through Prism in proxy mode: the connector's InteractionClient opens a
// conversation and the local org holds what Salesforce's procedure says those calls create (shared seed 004).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { InteractionApiError } from '../../../connector/src/byoc/interactionClient';
import type { LocalOrg } from '../../src/org/org';
import { CHANNEL, loadOrg, message, query, start } from './helpers';

let org: LocalOrg;
before(() => {
    org = loadOrg();
});

test('POST /interactions creates the MessagingEndUser, the MessagingSession and the ConversationEntry', async (t) => {
    const { client, proxy, service } = await start(t, org);
    const answer = await client.postInteraction(message('+33612345678', 'Hello, my parcel is late', 'msg-1'));

    assert.equal(answer.success, true);
    assert.match(answer.conversationIdentifier ?? '', /^[0-9a-f-]{36}$/);
    const [sessionId] = answer.workItemIds ?? [];
    assert.match(sessionId, /^0Mw/);
    const [channel] = query(
        org,
        `SELECT Id, ChannelAddressIdentifier, IsActive FROM MessagingChannel WHERE ChannelAddressIdentifier = '${CHANNEL}'`
    );
    assert.equal(channel.Id, service.channelIds.get(CHANNEL));
    const [user] = query(
        org,
        `SELECT Id, Name, MessagingPlatformKey, MessagingChannelId, MessageType FROM MessagingEndUser WHERE MessagingPlatformKey = '+33612345678'`
    );
    assert.deepEqual([user.Name, user.MessagingChannelId, user.MessageType], ['+33612345678', channel.Id, 'Custom']);
    const [session] = query(
        org,
        `SELECT Id, Status, MessagingEndUserId, MessagingChannelId, ConversationId, Origin, StartTime FROM MessagingSession WHERE Id = '${sessionId}'`
    );
    assert.deepEqual(
        [session.Status, session.MessagingEndUserId, session.MessagingChannelId, session.Origin],
        ['New', user.Id, channel.Id, 'InboundInitiated']
    );
    const [conversation] = query(
        org,
        `SELECT ConversationIdentifier, ConversationChannelId FROM Conversation WHERE Id = '${String(session.ConversationId)}'`
    );
    assert.deepEqual(
        [conversation.ConversationIdentifier, conversation.ConversationChannelId],
        [answer.conversationIdentifier, channel.Id]
    );
    const entries = query(
        org,
        `SELECT ActorId, ActorType, EntryType, Message, MessageIdentifier, ClientTimestamp FROM ConversationEntry WHERE ConversationId = '${sessionId}'`
    );
    assert.deepEqual(entries, [
        {
            ActorId: user.Id,
            ActorType: 'EndUser',
            EntryType: 'Text',
            Message: 'Hello, my parcel is late',
            MessageIdentifier: 'msg-1',
            ClientTimestamp: '2026-01-05T09:30:00.000Z'
        }
    ]);
    assert.deepEqual(
        proxy.calls.map((c) => [c.method, c.path, c.status, c.violations.length]),
        [['POST', '/api/v1/interactions', 202, 0]]
    );

    // The next message of the same customer joins the same session; a repeated message id is refused (10073).
    const second = await client.postInteraction(message('+33612345678', 'Are you there?', 'msg-2'));
    assert.deepEqual([second.conversationIdentifier, second.workItemIds], [answer.conversationIdentifier, [sessionId]]);
    assert.equal(query(org, `SELECT Id FROM MessagingEndUser WHERE MessagingPlatformKey = '+33612345678'`).length, 1);
    const repeated = await client
        .postInteraction(message('+33612345678', 'Are you there?', 'msg-2'))
        .catch((e: unknown) => e);
    assert.ok(repeated instanceof InteractionApiError);
    assert.deepEqual([repeated.status, (repeated.body as { code: number }).code], [400, 10073]);
    assert.equal(query(org, `SELECT Id FROM ConversationEntry WHERE ConversationId = '${sessionId}'`).length, 2);
});

test('PATCH /consent sets the end user consent status and whether they are fully opted in', async (t) => {
    const { client } = await start(t, org);
    await client.postInteraction(message('+33699999999', 'Hi', 'consent-1'));
    const read = () =>
        query(
            org,
            `SELECT MessagingConsentStatus, IsFullyOptedIn FROM MessagingEndUser WHERE MessagingPlatformKey = '+33699999999'`
        )[0];
    assert.deepEqual(read(), { MessagingConsentStatus: 'ImplicitlyOptedIn', IsFullyOptedIn: true });

    assert.deepEqual(
        await client.patchConsent({
            endUserClientId: '+33699999999',
            channelAddressIdentifier: CHANNEL,
            consentStatus: 'OptedOut'
        }),
        { success: true }
    );
    assert.deepEqual(read(), { MessagingConsentStatus: 'OptedOut', IsFullyOptedIn: false });
    await client.patchConsent({
        endUserClientId: '+33699999999',
        channelAddressIdentifier: CHANNEL,
        consentStatus: 'ExplicitlyOptedIn'
    });
    assert.deepEqual(read(), { MessagingConsentStatus: 'ExplicitlyOptedIn', IsFullyOptedIn: true });

    // An end user the channel never heard from: ConsentResponse with the error inside (10020).
    const unknown = await client
        .patchConsent({ endUserClientId: '+10000000000', channelAddressIdentifier: CHANNEL, consentStatus: 'OptedOut' })
        .catch((e: unknown) => e);
    assert.ok(unknown instanceof InteractionApiError);
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body, {
        success: false,
        errorDetail: { code: 10020, message: 'The endUserClientId provided is not valid.' }
    });
});

test('a request the spec refuses never reaches the local org: Prism answers 422 with the violation', async (t) => {
    const { client, proxy } = await start(t, org);
    const before = query(org, 'SELECT Id FROM MessagingEndUser').length;
    // The seed's misspelled "ExplicityOptedIn" is not in ConsentEnum.
    const consent = await client
        .call({
            operation: 'patch-consent-update',
            method: 'PATCH',
            path: '/consent',
            body: {
                endUserClientId: '+33612345678',
                channelAddressIdentifier: CHANNEL,
                consentStatus: 'ExplicityOptedIn' as never
            }
        })
        .catch((e: unknown) => e);
    assert.ok(consent instanceof InteractionApiError);
    assert.equal(consent.status, 422);
    // An interaction without `from`: the json part breaks InteractionRequestJson.
    const { from: _dropped, ...withoutFrom } = message('+33600000000', 'no sender', 'bad-1');
    void _dropped;
    const interaction = await client.postInteraction(withoutFrom as never).catch((e: unknown) => e);
    assert.ok(interaction instanceof InteractionApiError);
    assert.equal(interaction.status, 422);
    assert.deepEqual(
        proxy.calls.map((c) => [c.path, c.status, c.violations.map((v) => v.message)]),
        [
            [
                '/api/v1/consent',
                422,
                [
                    'Request body property consentStatus must be equal to one of the allowed values: OptedOut, ImplicitlyOptedIn, ExplicitlyOptedIn, DoublyOptedIn'
                ]
            ],
            ['/api/v1/interactions', 422, ["Request body property json must have required property 'from'"]]
        ]
    );
    assert.equal(query(org, 'SELECT Id FROM MessagingEndUser').length, before);
});
