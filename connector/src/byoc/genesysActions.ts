// What the outbound side of Bring Your Own Channel does in Genesys Cloud, through the official SDK and the
// connector's GenesysApi (its token, 401, 429 and retry handling), with the operations of Relay's contract
// (contract/genesys-cloud.contract.json) that Genesys's own agent client uses:
// - getConversation: GET /api/v2/conversations/{conversationId} (ConversationsApi.getConversation, answer
//   Conversation): "the only place the agent's message communication id is exposed" (the contract), as
//   participants[].messages[].id (Models.Participant.messages: Array<Models.Message>);
// - sendText: POST /api/v2/conversations/messages/{conversationId}/communications/{communicationId}/messages
//   (ConversationsApi.postConversationsMessageCommunicationMessages, body AdditionalMessage {textBody}, answer
//   MessageData; "Requires ANY permissions: conversation:message:create, conversation:webmessaging:create",
//   build/docs/ConversationsApi.md of the JS SDK), on the agent's own communication;
// - transferToQueue: POST /api/v2/conversations/messages/{conversationId}/participants/{participantId}/replace
//   (ConversationsApi.postConversationsMessageParticipantReplace, body TransferRequest {queueId}, 202 empty;
//   "Requires ANY permissions: conversation:communication:blindTransfer"), on the agent's participant;
// - disconnect: PATCH /api/v2/conversations/messages/{conversationId}/participants/{participantId} {"state":
//   "disconnected"} (ConversationsApi.patchConversationsMessageParticipant, body MediaParticipantRequest, 202 empty;
//   "Requires ANY permissions: conversation:participant:wrapup, conversation:call:record,
//   conversation:communication:disconnect"), the call Relay's Apex makes for Disconnect (RelayWorkItemService):
//   Genesys then puts the agent in after-call work when the queue requires a wrap-up.
import type { Models } from 'purecloud-platform-client-v2';
import type { GenesysApi } from '../genesys/api';

/** The connected agent's side of a message conversation. */
export interface AgentLeg {
    participantId: string;
    communicationId: string;
    userId: string;
}

/**
 * The message communication of the agent `userId` that is connected now (the last one: a conversation transferred
 * back to the same agent has several), or of any connected agent when `userId` is undefined. Pure.
 */
export function connectedAgentLeg(conversation: Models.Conversation, userId?: string): AgentLeg | undefined {
    for (const participant of [...(conversation.participants ?? [])].reverse()) {
        if (participant.purpose !== 'agent' || participant.id === undefined || participant.userId === undefined) {
            continue;
        }
        if (userId !== undefined && participant.userId !== userId) continue;
        const communication = participant.messages?.find((m) => m.state === 'connected' && m.id !== undefined);
        if (communication?.id !== undefined) {
            return { participantId: participant.id, communicationId: communication.id, userId: participant.userId };
        }
    }
    return undefined;
}

/** Where the agent `userId` stands in a message conversation, for ending the agent's side of it. Pure. */
export type AgentStanding =
    | { kind: 'connected'; leg: AgentLeg }
    /** Every participant of the user has ended (disconnected or terminated): nothing left to disconnect. */
    | { kind: 'ended'; participantId: string }
    /** A participant of the user that is neither connected nor ended (alerting, say). */
    | { kind: 'other'; participantId: string; state: string }
    | { kind: 'absent' };

const ENDED = new Set(['disconnected', 'terminated']);

export function agentStanding(conversation: Models.Conversation, userId: string): AgentStanding {
    const connected = connectedAgentLeg(conversation, userId);
    if (connected !== undefined) return { kind: 'connected', leg: connected };
    const own = (conversation.participants ?? []).filter(
        (p) => p.purpose === 'agent' && p.userId === userId && p.id !== undefined
    );
    const last = own.at(-1);
    if (last?.id === undefined) return { kind: 'absent' };
    // A participant has ended when its communications have (or, with none listed, when it has an endTime).
    const states = (last.messages ?? []).map((m) => m.state ?? 'unknown');
    const ended = states.length === 0 ? last.endTime !== undefined : states.every((state) => ENDED.has(state));
    return ended
        ? { kind: 'ended', participantId: last.id }
        : { kind: 'other', participantId: last.id, state: states.join(',') || 'unknown' };
}

export interface GenesysActions {
    conversation(conversationId: string): Promise<Models.Conversation>;
    /** Sends `text` as the agent's message; resolves with Genesys's message id. */
    sendText(conversationId: string, communicationId: string, text: string): Promise<string | null>;
    /** Blind transfer: the agent's participant is replaced by the queue (Unattended). */
    transferToQueue(conversationId: string, participantId: string, queueId: string): Promise<void>;
    /** Ends the agent's participant (after-call work follows when the queue requires a wrap-up). */
    disconnect(conversationId: string, participantId: string): Promise<void>;
}

export function genesysActions(api: GenesysApi): GenesysActions {
    return {
        conversation: (conversationId) =>
            api.call<Models.Conversation>('getConversation', () => api.conversations.getConversation(conversationId)),
        sendText: async (conversationId, communicationId, text) => {
            const body: Models.AdditionalMessage = { textBody: text };
            const answer = await api.call<Models.MessageData | undefined>(
                'postConversationsMessageCommunicationMessages',
                () =>
                    api.conversations.postConversationsMessageCommunicationMessages(
                        conversationId,
                        communicationId,
                        body
                    )
            );
            return answer?.id ?? null;
        },
        transferToQueue: async (conversationId, participantId, queueId) => {
            const body: Models.TransferRequest = { queueId };
            await api.call('postConversationsMessageParticipantReplace', () =>
                api.conversations.postConversationsMessageParticipantReplace(conversationId, participantId, body)
            );
        },
        disconnect: async (conversationId, participantId) => {
            const body: Models.MediaParticipantRequest = { state: 'disconnected' };
            await api.call('patchConversationsMessageParticipant', () =>
                api.conversations.patchConversationsMessageParticipant(conversationId, participantId, { body })
            );
        }
    };
}
