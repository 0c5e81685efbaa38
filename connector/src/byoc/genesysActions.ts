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
//   "Requires ANY permissions: conversation:communication:blindTransfer"), on the agent's participant.
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

export interface GenesysActions {
    conversation(conversationId: string): Promise<Models.Conversation>;
    /** Sends `text` as the agent's message; resolves with Genesys's message id. */
    sendText(conversationId: string, communicationId: string, text: string): Promise<string | null>;
    /** Blind transfer: the agent's participant is replaced by the queue (Unattended). */
    transferToQueue(conversationId: string, participantId: string, queueId: string): Promise<void>;
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
        }
    };
}
