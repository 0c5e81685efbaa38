// Outbound custom events (Relay_Byoc_Event__e): decoding against Salesforce's outbound-custom-event-payload.yaml
// (the copy in connector/spec/) and the decisions the connector takes on them (docs/byoc-outbound.md).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    decideOutbound,
    decodeOutboundEvent,
    encodeOutboundEvent,
    OutboundEventError
} from '../src/byoc/outboundEvent';
import { agentText, CHANNEL, CONVERSATION, sessionEnded, transfer } from './helpers/pubsubEvents';

function refused(eventType: unknown, payload: unknown): OutboundEventError {
    try {
        decodeOutboundEvent(eventType, payload);
    } catch (error) {
        assert.ok(error instanceof OutboundEventError, String(error));
        return error;
    }
    assert.fail('the event was accepted');
}

test('an agent text message decodes and becomes "send text to the Genesys conversation"', () => {
    const encoded = encodeOutboundEvent({ eventType: 'Interaction', event: agentText('Hi, how are you?') });
    assert.equal(encoded.eventType, 'Interaction');
    const decoded = decodeOutboundEvent(encoded.eventType, encoded.payload);
    assert.deepEqual(decideOutbound(decoded), {
        kind: 'send-text',
        message: {
            conversationIdentifier: CONVERSATION,
            channelAddressIdentifier: CHANNEL,
            recipientSubject: 'David Wood',
            agentSubject: '005xx0000012345',
            agentDisplayName: 'John Dow',
            messageId: '56e10dce-2fd3-4ab6-91bf-f55827ad0280',
            entryId: '56e10dce-2fd3-4ab6-91bf-f55827ad0280',
            text: 'Hi, how are you?',
            transcriptedTimestamp: 1690344475508
        }
    });
});

test("the spec README's attachment example (with its nulls) decodes; attachments are ignored with a reason", () => {
    // Verbatim from the README of the spec ("The outbound message with attachment", Spring '24 structure).
    const payload =
        '{"conversationIdentifier":"9bc16b48-cd9b-4d8b-b7f2-a376f0a05c09","channelAddressIdentifier":"b0ffeafe-0d89-4338-b14a-172ad203f22a","recipient":{"appType":"custom","subject":"David Wood","role":"EndUser"},"payload":{"senderDisplayName":"John Dow","identifier":"80bb78b1-8240-4e22-ac55-5d517231ca1e","entryType":"Message","entryPayload":{"entryType":"Message","id":"80bb78b1-8240-4e22-ac55-5d517231ca1e","abstractMessage":{"messageType":"StaticContentMessage","id":"80bb78b1-8240-4e22-ac55-5d517231ca1e","staticContent":{"formatType":"Attachments","text":"did you get my file","attachments":[{"name":"BYO-Middleware-Impl.png","attachmentUploadResult":null,"id":"4f3c9d65-acd6-4151-8ac7-6ae1ae46531a","mimeType":"image/png","url":"https://byoccom4-dev-ed--c.stmfa.stm.documentforce.com/sfc/dist/version/download/?oid=00DRM000000O8Qy&ids=068RM0000002ACb&d=%2Fa%2FRM00000000uI%2FcEus0p20sO6Kwp6NKwMI2WeprWXvR9ke7Zp7f0_MTrE&asPdf=false","referenceId":"1e544040-52c8-40f6-a14d-5bc123c5cae4"}]}},"messageReason":null},"sender":{"appType":"agent","subject":"005RM000002ks3p","role":"Agent"},"transcriptedTimestamp":1690679469883,"clientTimestamp":1690679468868,"clientDuration":0}}';
    assert.deepEqual(decideOutbound(decodeOutboundEvent('Interaction', payload)), {
        kind: 'ignore',
        reason: 'static content Attachments is not sent yet'
    });
});

test('a RoutingRequested with a queue and a work record becomes "answer the transfer"', () => {
    const encoded = encodeOutboundEvent({
        eventType: 'RoutingRequested',
        event: transfer('00G5g000004XyZaEAK', '0Mw5g000000AbCdCAK')
    });
    assert.deepEqual(decideOutbound(decodeOutboundEvent(encoded.eventType, encoded.payload)), {
        kind: 'answer-transfer',
        channelAddressIdentifier: CHANNEL,
        request: {
            conversationIdentifier: CONVERSATION,
            workItemId: '0Mw5g000000AbCdCAK',
            targetQueueId: '00G5g000004XyZaEAK'
        }
    });
});

test("the spec README's RoutingRequested example decodes but names no queue nor work record: unanswerable", () => {
    const payload = JSON.stringify({
        channelAddressIdentifier: 'afc64d6f-ad61-4df2-82f7-b2fa83540c78',
        recipient: { appType: 'custom', subject: 'meu003', role: 'EndUser' },
        payload: {
            conversationIdentifier: '06f6c69b-bf42-4ec2-a6fa-9ae595218ea0',
            routingParameters: {
                queueId: null,
                channelData:
                    '{"eventId":"d3bdacb1-49b4-4fbd-9adb-919319631db4","routerParticipantSubject":"cb1e4929-d5fd-41a1-9478-a420667f58c8","routingType":"Transfer","conversationId":"06f6c69b-bf42-4ec2-a6fa-9ae595218ea0"}',
                isTransfer: true,
                routingConfigId: null,
                userId: null,
                isFallbackOnPsrNotCreated: null,
                serviceChannelId: null,
                isEstimatedWaitTimeRequested: null,
                skillsList: [],
                botId: null,
                flowId: '300SG00000jJder',
                isScrt2: true,
                isUserRequired: null
            },
            routingType: 'Transfer',
            workRecordId: null
        }
    });
    assert.deepEqual(decideOutbound(decodeOutboundEvent('RoutingRequested', payload)), {
        kind: 'unanswerable-transfer',
        conversationIdentifier: '06f6c69b-bf42-4ec2-a6fa-9ae595218ea0',
        reason: 'no payload.workRecordId, payload.routingParameters.queueId (routingParameters.flowId 300SG00000jJder)'
    });
});

test('a session an agent ended becomes "end the conversation"; ends by others and other statuses are ignored', () => {
    const decide = (event: ReturnType<typeof sessionEnded>): ReturnType<typeof decideOutbound> =>
        decideOutbound(
            decodeOutboundEvent('Interaction', encodeOutboundEvent({ eventType: 'Interaction', event }).payload)
        );
    assert.deepEqual(decide(sessionEnded('e-1', 'Agent', '0055g00000ABcde')), {
        kind: 'end-conversation',
        end: {
            conversationIdentifier: CONVERSATION,
            agentSubject: '0055g00000ABcde',
            senderRole: 'Agent',
            entryId: 'e-1',
            sessionId: '0Mw5g000000SeSsCAK'
        }
    });
    // The connector ends the session itself when the customer leaves Genesys: answering that would loop.
    assert.deepEqual(decide(sessionEnded('e-2', 'EndUser')), {
        kind: 'ignore',
        reason: 'session ended by EndUser, not an agent'
    });
    assert.deepEqual(decide(sessionEnded('e-3', 'System')), {
        kind: 'ignore',
        reason: 'session ended by System, not an agent'
    });
    const inactive = sessionEnded('e-4', 'Agent');
    inactive.payload.entryPayload = { ...inactive.payload.entryPayload, sessionStatus: 'Inactive' };
    assert.deepEqual(decide(inactive), { kind: 'ignore', reason: 'session status Inactive, not Ended' });
    // An agent's end whose sender is not the agent: decided, and refused when carried out (no user to disconnect).
    const bySystem = sessionEnded('e-5', 'Agent');
    bySystem.payload.sender = { appType: 'custom', subject: 'system', role: 'System' };
    const decision = decide(bySystem);
    assert.equal(decision.kind === 'end-conversation' ? decision.end.agentSubject : 'not decided', undefined);
    // The spec requires sessionStartTime (and sessionId): an entry without it is refused.
    const noStart = sessionEnded('e-6', 'Agent');
    delete noStart.payload.entryPayload.sessionStartTime;
    const error = refused('Interaction', JSON.stringify(noStart));
    assert.equal(error.path, '/payload/entryPayload/sessionStartTime');
});

test('other entries and senders are ignored with a reason', () => {
    const typing = agentText('x');
    typing.payload.entryType = 'TypingStartedIndicator';
    typing.payload.entryPayload = { entryType: 'TypingStartedIndicator', id: 'e1', timestamp: 1690344475508 };
    assert.deepEqual(decideOutbound(decodeOutboundEvent('Interaction', JSON.stringify(typing))), {
        kind: 'ignore',
        reason: 'entry type TypingStartedIndicator'
    });
    const fromCustomer = agentText('echo');
    fromCustomer.payload.sender = { appType: 'custom', subject: 'David Wood', role: 'EndUser' };
    assert.deepEqual(decideOutbound(decodeOutboundEvent('Interaction', JSON.stringify(fromCustomer))), {
        kind: 'ignore',
        reason: 'message from EndUser, not an agent'
    });
    const initial = transfer('00G5g000004XyZaEAK', '0Mw5g000000AbCdCAK');
    initial.payload.routingType = 'Initial';
    assert.deepEqual(decideOutbound(decodeOutboundEvent('RoutingRequested', JSON.stringify(initial))), {
        kind: 'ignore',
        reason: 'RoutingRequested with routingType Initial, not Transfer'
    });
});

test('the validator bites: payloads the spec refuses are refused with the path', () => {
    const missing = agentText('x') as unknown as { payload: Record<string, unknown> };
    delete missing.payload.clientDuration;
    const noDuration = refused('Interaction', JSON.stringify(missing));
    assert.equal(noDuration.path, '/payload/clientDuration');
    assert.match(noDuration.message, /\/payload\/clientDuration: required/);

    const noConversation = agentText('x') as unknown as Record<string, unknown>;
    delete noConversation.conversationIdentifier;
    assert.equal(refused('Interaction', JSON.stringify(noConversation)).path, '/conversationIdentifier');

    // Discriminated sub-schemas are followed: a Text content without text is refused by StaticContentText.
    const noText = agentText('x');
    delete noText.payload.entryPayload.abstractMessage!.staticContent!.text;
    const textError = refused('Interaction', JSON.stringify(noText));
    assert.equal(textError.path, '/payload/entryPayload/abstractMessage/staticContent/text');
    assert.match(textError.message, /schema StaticContentText/);

    const badRole = agentText('x');
    badRole.payload.sender.role = 'Robot';
    assert.match(refused('Interaction', JSON.stringify(badRole)).message, /\/payload\/sender\/role: must be one of/);

    const noRecipient = transfer('00G5g000004XyZaEAK', null) as unknown as Record<string, unknown>;
    delete noRecipient.recipient;
    assert.equal(refused('RoutingRequested', JSON.stringify(noRecipient)).path, '/recipient');

    assert.equal(refused('Typing', '{}').path, 'EventType');
    assert.equal(refused('Interaction', '{not json').path, '/');
    assert.equal(refused('Interaction', null).path, '/');
    // The README's first "Spring '24" example (no payload wrapper, no conversationIdentifier) is not the spec's.
    const flat =
        '{"channelAddressIdentifier":"b0ffeafe-0d89-4338-b14a-172ad203f22a","recipient":{"appType":"custom","subject":"David Wood","role":"EndUser"},"senderDisplayName":"John Dow","identifier":"56e10dce-2fd3-4ab6-91bf-f55827ad0280","entryType":"Message","entryPayload":{"entryType":"Message","id":"56e10dce-2fd3-4ab6-91bf-f55827ad0280","abstractMessage":{"messageType":"StaticContentMessage","id":"56e10dce-2fd3-4ab6-91bf-f55827ad0280","staticContent":{"formatType":"Text","text":"Hi, how are you?"}},"messageReason":null},"sender":{"appType":"agent","subject":"005xx0000012345","role":"Agent"},"transcriptedTimestamp":1690344475508,"clientTimestamp":1690344475409,"clientDuration":0}';
    assert.match(refused('Interaction', flat).message, /\/payload: required/);
    // The encoder refuses too, so tests cannot build events the spec would not accept.
    assert.throws(() => encodeOutboundEvent({ eventType: 'Interaction', event: badRole }), OutboundEventError);
});
