// What Salesforce does when an agent ends a Bring Your Own Channel for CCaaS Messaging Session (the End Conversation
// of Salesforce's conversation component, which the console stands in for): the session Ended, and the channel's
// outbound custom event carrying a SessionStatusChanged entry (outbound-custom-event-payload.yaml: SessionStatus
// Ended, sessionEndedByRole the agent's ParticipantRole), so the partner ends the conversation on its side too.
// The agent's work is not closed here: the agent closes it in Omni-Channel, as after any ended session.
// unconfirmed: that Salesforce publishes this entry for an agent's end, and the values it fills (see
// docs/local-org-interaction-service.md, "Unconfirmed").
import { randomUUID } from 'node:crypto';
import type { LocalOrg } from '../org/org';
import { ApexDatetime, SObjectValue } from '../runtime/values';
import { checkAgentSession, displayName } from './agentMessage';
import { id15, type ChannelSettings } from './context';
import { get, now, platformUpdate } from './records';

export interface EndedSession {
    /** The entry's UUID in the event. */
    readonly identifier: string;
    /** The published event's Id. */
    readonly eventId: string;
}

/**
 * Ends the session as `userId`: refused (AgentMessageRefused, nothing written) unless the session is Active and the
 * user holds its opened work; else, in one transaction as the agent, Status Ended with its EndTime, and the event.
 */
export function endSession(
    org: LocalOrg,
    channels: readonly ChannelSettings[],
    sessionId: string,
    userId: string
): EndedSession {
    const { session, user, endUser, channel, event } = checkAgentSession(org, channels, sessionId, userId);
    return org.executor.transaction({ userId: user.id }, () => {
        const endedAt = now(org);
        platformUpdate(org, session.id, { Status: 'Ended', EndTime: endedAt });
        const conversation = org.store.get(String(get(session, 'ConversationId')));
        const conversationIdentifier = conversation ? String(get(conversation, 'ConversationIdentifier')) : null;
        const identifier = randomUUID();
        const at = org.now();
        const started = get(session, 'StartTime');
        const payload = {
            conversationIdentifier,
            channelAddressIdentifier: channel.channelAddressIdentifier,
            // InteractionEvent requires a recipient: the end user, as on the agent's messages.
            recipient: { appType: 'custom', subject: String(get(endUser, 'MessagingPlatformKey')), role: 'EndUser' },
            payload: {
                senderDisplayName: displayName(user),
                identifier,
                entryType: 'SessionStatusChanged',
                entryPayload: {
                    entryType: 'SessionStatusChanged',
                    id: identifier,
                    conversationIdentifier,
                    channelAddressIdentifier: channel.channelAddressIdentifier,
                    sessionId: session.id,
                    sessionStatusPrev: 'Active',
                    sessionStatus: 'Ended',
                    sessionEndedByRole: 'Agent',
                    ...(started instanceof ApexDatetime ? { sessionStartTime: started.epochMs } : {}),
                    sessionEndTime: at
                },
                sender: { appType: 'agent', subject: id15(user.id), role: 'Agent' },
                transcriptedTimestamp: at,
                clientTimestamp: at,
                clientDuration: 0
            }
        };
        const record = new SObjectValue(event.objectName, false);
        record.set(event.typeField, 'Interaction');
        record.set(event.payloadField, JSON.stringify(payload));
        const [eventId] = org.events.publish([record]);
        return { identifier, eventId };
    });
}
