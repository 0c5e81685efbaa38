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

/**
 * The SessionStatusChanged event Salesforce publishes when a session ends, shaped as the local org builds it for an
 * agent's End Conversation (local-org/src/interactionService/endSession.ts, copied, not imported): sender the agent
 * (15-character user id), recipient the end user, the entry's identifier also its id.
 */
export function sessionEnded(
    id: string,
    endedBy: 'Agent' | 'EndUser' | 'System',
    agentSubject = '005xx0000012345'
): InteractionEvent {
    const at = 1690344475508;
    return {
        conversationIdentifier: CONVERSATION,
        channelAddressIdentifier: CHANNEL,
        recipient: { appType: 'custom', subject: '+13175550100', role: 'EndUser' },
        payload: {
            senderDisplayName: 'Alex Agent',
            identifier: id,
            entryType: 'SessionStatusChanged',
            entryPayload: {
                entryType: 'SessionStatusChanged',
                id,
                conversationIdentifier: CONVERSATION,
                channelAddressIdentifier: CHANNEL,
                sessionId: '0Mw5g000000SeSsCAK',
                sessionStatusPrev: 'Active',
                sessionStatus: 'Ended',
                sessionEndedByRole: endedBy,
                sessionStartTime: at - 60_000,
                sessionEndTime: at
            },
            sender: { appType: 'agent', subject: agentSubject, role: 'Agent' },
            transcriptedTimestamp: at,
            clientTimestamp: at,
            clientDuration: 0
        }
    };
}
