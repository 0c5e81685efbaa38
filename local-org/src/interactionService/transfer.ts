// What Salesforce does when an agent transfers a Bring Your Own Channel for CCaaS Messaging Session to a queue
// (Omni-Channel's Transfer in the console, which the console's stand-in offers): with partner-owned routing it routes
// nothing itself but publishes the channel's outbound custom event as a RoutingRequested (outbound-custom-event-
// payload.yaml: RoutingRequested {channelAddressIdentifier, recipient, payload: RoutingRequestedEvent}) and waits
// for the partner's POST /routingResult, which must come within 60 s (seed 004, "Transfer a Messaging Session").
// unconfirmed: every value Salesforce fills (workRecordId's length, the routing parameters it sends for a queue) and
// what the agent's work shows while the partner answers (see docs/local-org-interaction-service.md, "Unconfirmed").
import type { LocalOrg } from '../org/org';
import { SObjectValue } from '../runtime/values';
import { AgentMessageRefused, checkAgentSession } from './agentMessage';
import { id15, type ChannelSettings } from './context';
import { get, live } from './records';

export interface RequestedTransfer {
    /** The published event's Id. */
    readonly eventId: string;
}

/**
 * The agent asks to transfer the session to a queue: refused (AgentMessageRefused, nothing published) unless the
 * session is Active and the user holds its opened work, and the queue is one that takes Messaging Sessions; else the
 * RoutingRequested event, published after commit like EventBus.publish.
 */
export function requestTransfer(
    org: LocalOrg,
    channels: readonly ChannelSettings[],
    request: { sessionId: string; userId: string; queueId: string }
): RequestedTransfer {
    const { session, user, endUser, channel, event } = checkAgentSession(
        org,
        channels,
        request.sessionId,
        request.userId
    );
    const queue = org.store.get(request.queueId);
    const takesSessions =
        queue?.objectName === 'Group' &&
        get(queue, 'Type') === 'Queue' &&
        live(org, 'QueueSobject', (v) => v.get('queueid') === queue.id && v.get('sobjecttype') === 'MessagingSession')
            .length > 0;
    if (!queue || !takesSessions)
        throw new AgentMessageRefused(`No queue for Messaging Sessions with id ${request.queueId}.`);
    return org.executor.transaction({ userId: user.id }, () => {
        const conversation = org.store.get(String(get(session, 'ConversationId')));
        const payload = {
            channelAddressIdentifier: channel.channelAddressIdentifier,
            recipient: { appType: 'custom', subject: String(get(endUser, 'MessagingPlatformKey')), role: 'EndUser' },
            payload: {
                conversationIdentifier: conversation ? String(get(conversation, 'ConversationIdentifier')) : null,
                // The queue as its 18-character Id, the form Salesforce's APIs return; the work record as the 15-character
                // workItemId the Interaction Service API takes back (POST /routingResult).
                routingParameters: { queueId: queue.id, isTransfer: true, skillsList: [] },
                routingType: 'Transfer',
                workRecordId: id15(session.id)
            }
        };
        const record = new SObjectValue(event.objectName, false);
        record.set(event.typeField, 'RoutingRequested');
        record.set(event.payloadField, JSON.stringify(payload));
        const [eventId] = org.events.publish([record]);
        return { eventId };
    });
}
