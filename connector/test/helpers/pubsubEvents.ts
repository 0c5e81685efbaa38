// Builders of outbound custom events for the BYOC tests (typed values the spec accepts, see byoc-outbound.test.ts).
import type { InteractionEvent, RoutingRequestedEvent } from '../../src/byoc/outboundEvent';

export const CHANNEL = 'b0ffeafe-0d89-4338-b14a-172ad203f22a';
export const CONVERSATION = '9bc16b48-cd9b-4d8b-b7f2-a376f0a05c09';

export function agentText(text: string, id = '56e10dce-2fd3-4ab6-91bf-f55827ad0280'): InteractionEvent {
    return {
        conversationIdentifier: CONVERSATION,
        channelAddressIdentifier: CHANNEL,
        recipient: { appType: 'custom', subject: 'David Wood', role: 'EndUser' },
        payload: {
            senderDisplayName: 'John Dow',
            identifier: id,
            entryType: 'Message',
            entryPayload: {
                entryType: 'Message',
                id,
                abstractMessage: {
                    messageType: 'StaticContentMessage',
                    id,
                    staticContent: { formatType: 'Text', text }
                }
            },
            sender: { appType: 'agent', subject: '005xx0000012345', role: 'Agent' },
            transcriptedTimestamp: 1690344475508,
            clientTimestamp: 1690344475409,
            clientDuration: 0
        }
    };
}

export function transfer(queueId: string | null, workRecordId: string | null): RoutingRequestedEvent {
    return {
        channelAddressIdentifier: CHANNEL,
        recipient: { appType: 'custom', subject: 'meu003', role: 'EndUser' },
        payload: {
            conversationIdentifier: CONVERSATION,
            routingParameters: { queueId: queueId ?? undefined, isTransfer: true, skillsList: [] },
            routingType: 'Transfer',
            workRecordId: workRecordId ?? undefined
        }
    };
}
