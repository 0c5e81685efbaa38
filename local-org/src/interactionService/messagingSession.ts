// POST /messagingSession: the partner ends or inactivates the conversation's session (the spec's
// PostMessagingSessionRequest, operation End or Inactivate, by the EndUser or the System): the connector ends it when
// the customer leaves in Genesys Cloud. Answers PostMessagingSessionResponse: success, or success false with the
// spec's MessagingSessionOperationErrorReason.
// unconfirmed: that End also removes a pending PendingServiceRouting and closes the agent's open work (Salesforce
// does not say; here the session ends and its work stays for the agent to close, as after an agent's end), the
// statuses an ended (Ended) and an inactivated (Inactive) session take, and the answer for a session already ended.
import type { StoredRecord } from '../data/schemaTypes';
import { channelFor, type ServiceContext } from './context';
import { get, live, now, platformDelete, platformUpdate } from './records';

/** The spec's PostMessagingSessionRequest, as far as the local org reads it (Prism validated the rest). */
export interface MessagingSessionJson {
    channelAddressIdentifier: string;
    endUserClientId: string;
    conversationIdentifier: string;
    sessionId?: string;
    operation: 'End' | 'Inactivate';
    operationBy?: 'EndUser' | 'System';
}

const OVER = new Set(['Ended', 'Error']);

export function postMessagingSession(context: ServiceContext, json: MessagingSessionJson) {
    const { org } = context;
    const channel = channelFor(context, json.channelAddressIdentifier);
    const conversation = live(
        org,
        'Conversation',
        (v) =>
            v.get('conversationidentifier') === json.conversationIdentifier &&
            v.get('conversationchannelid') === channel.record.id
    )[0];
    if (!conversation) return { success: false, errorReason: 'ACTIVE_CONVERSATION_NOT_FOUND' };
    const sessions = live(org, 'MessagingSession', (v) => v.get('conversationid') === conversation.id);
    const session: StoredRecord | undefined =
        json.sessionId === undefined
            ? sessions[sessions.length - 1]
            : sessions.find((s) => s.id === json.sessionId || s.id.slice(0, 15) === json.sessionId);
    if (!session) return { success: false, errorReason: 'SESSION_NOT_FOUND' };
    if (OVER.has(String(get(session, 'Status'))))
        return { success: false, errorReason: 'ACTIVE_CONVERSATION_NOT_FOUND' };
    if (json.operation === 'Inactivate') {
        platformUpdate(org, session.id, { Status: 'Inactive' });
        return { success: true };
    }
    // Nobody will be routed to a session that is over: a routing still pending goes with it.
    for (const psr of live(org, 'PendingServiceRouting', (v) => v.get('workitemid') === session.id))
        platformDelete(org, psr.id);
    platformUpdate(org, session.id, { Status: 'Ended', EndTime: now(org) });
    return { success: true };
}
