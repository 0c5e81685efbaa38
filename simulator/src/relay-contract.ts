// Relay's request contract plus the routes the simulator also accepts for compatibility: forms the
// reference says a simulator should take although Relay itself does not send them (reference §0 #3, §5).
import contractJson from '../../contract/genesys-cloud.contract.json';
import { ContractChecker, parseContract, type Contract, type JsonSchema } from './contract';

export const relayContract: Contract = parseContract(contractJson);

/** The permissions an operation of Relay's contract records (`type` ALL, ANY or NONE, from the SDK documentation). */
export function contractPermissions(operationId: string): { type: 'ALL' | 'ANY' | 'NONE'; permissions: string[] } {
    const operations = contractJson.operations as Record<string, { permissions?: unknown }>;
    const recorded = operations[operationId]?.permissions as { type?: unknown; permissions?: unknown } | undefined;
    const { type, permissions } = recorded ?? {};
    if (
        (type !== 'ALL' && type !== 'ANY' && type !== 'NONE') ||
        !Array.isArray(permissions) ||
        permissions.some((p) => typeof p !== 'string')
    ) {
        throw new Error(`contract: ${operationId} records no permissions`);
    }
    return { type, permissions: permissions as string[] };
}

function body(operationId: string): JsonSchema {
    const schema = relayContract.operations[operationId]?.body;
    if (schema === undefined || schema === null) throw new Error(`contract: ${operationId} must have a body schema`);
    return schema;
}

function wrapUpInput(): JsonSchema {
    const wrapup = body('submitWrapUp').properties?.wrapup;
    if (wrapup === undefined) throw new Error('contract: submitWrapUp.body.properties.wrapup is missing');
    return wrapup;
}

const messageParticipant = '/api/v2/conversations/messages/{conversationId}/participants/{participantId}';
const participant = '/api/v2/conversations/{conversationId}/participants/{participantId}';

/** Accepted for compatibility: outside Relay's contract, never sent by Relay. */
export const compatContract: Contract = parseContract(
    {
        version: 1,
        operations: {
            postMessageCommunicationWrapUp: {
                summary: 'Wrap-up, communication-level form (same WrapupInput body as the participant PATCH).',
                method: 'POST',
                path: `${messageParticipant}/communications/{communicationId}/wrapup`,
                sdkMethod: 'ConversationsApi.postConversationsMessageParticipantCommunicationWrapup',
                query: [],
                body: wrapUpInput(),
                success: 202,
                response: 'empty'
            },
            postCommunicationWrapUp: {
                summary: 'Wrap-up, generic communication-level form.',
                method: 'POST',
                path: `${participant}/communications/{communicationId}/wrapup`,
                query: [],
                body: wrapUpInput(),
                success: 202,
                response: 'empty'
            },
            replaceToQueue: {
                summary: 'Generic blind transfer to a queue (TransferToQueueRequest).',
                method: 'POST',
                path: `${participant}/replace/queue`,
                sdkMethod: 'ConversationsApi.postConversationParticipantReplaceQueue',
                query: [],
                body: {
                    type: 'object',
                    additionalProperties: false,
                    properties: {
                        queueId: { type: 'string', minLength: 1 },
                        queueName: { type: 'string', minLength: 1 },
                        transferType: { type: 'string', enum: ['Attended', 'Unattended'] },
                        keepInternalMessageAlive: { type: 'boolean' }
                    }
                },
                success: 202,
                response: 'empty'
            },
            patchParticipantPickUp: generic('pickUp'),
            patchParticipantDisconnect: generic('disconnect'),
            patchParticipantWrapUp: generic('submitWrapUp'),
            getParticipantWrapUpCodesGeneric: {
                summary: 'Wrap-up codes valid for a participant, generic form.',
                method: 'GET',
                path: `${participant}/wrapupcodes`,
                sdkMethod: 'ConversationsApi.getConversationParticipantWrapupcodes',
                query: [],
                body: null,
                success: 200,
                response: 'json'
            },
            getConversationMessage: {
                summary: 'One message of a conversation (MessageData with its text).',
                method: 'GET',
                path: '/api/v2/conversations/messages/{conversationId}/messages/{messageId}',
                sdkMethod: 'ConversationsApi.getConversationsMessageMessage',
                query: ['useNormalizedMessage'],
                body: null,
                success: 200,
                response: 'json'
            }
        }
    },
    { compat: true }
);

/** The media-agnostic participant PATCH with the body of the messages-specific contract operation. */
function generic(operationId: string): Record<string, unknown> {
    return {
        summary: `Media-agnostic form of ${operationId}.`,
        method: 'PATCH',
        path: participant,
        sdkMethod: 'ConversationsApi.patchConversationParticipant',
        query: [],
        body: body(operationId),
        success: 202,
        response: 'empty'
    };
}

/** Checks requests against Relay's contract only (what the local console's preview adapters should use). */
export function relayChecker(): ContractChecker {
    return new ContractChecker(relayContract);
}

/** Checks requests against the contract plus the compatibility routes (what the simulator serves). */
export function simulatorChecker(): ContractChecker {
    return new ContractChecker(relayContract, compatContract);
}
