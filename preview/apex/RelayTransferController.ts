// Preview of RelayTransferController + RelayTransferService: the queues an agent may transfer to (listQueues,
// a prefix search) and the blind transfer (replace to a queue). The interaction is Transferring until Genesys
// Cloud reports that it left the agent; a refused transfer leaves it connected.
import { CalloutError } from '../server/genesysClient';
import { RelayGenesysClient, isBlank } from './genesys';
import {
    CONNECTED,
    TRANSFERRING,
    assignedToRunningUser,
    moveTo,
    updateInteraction,
    viewOf,
    type RelayInteractionView
} from './interactions';
import { compareNames } from './wrapUpService';
import { RelayWorkItemException, guarded, requireInteractionId } from './workItemErrors';
import type { ApexClassPreview, ApexContext } from './types';

/** RelayTransferService.MAX_SEARCH_LENGTH. */
export const MAX_SEARCH_LENGTH = 100;

export interface RelayQueueView {
    id: string;
    name: string;
}

export async function transferQueues(ctx: ApexContext, searchTerm: unknown): Promise<RelayQueueView[]> {
    let term = typeof searchTerm === 'string' ? searchTerm.trim() : '';
    if (term.endsWith('*')) term = term.slice(0, -1);
    if (term.length > MAX_SEARCH_LENGTH) throw new RelayWorkItemException(ctx.label('Relay_Error_InvalidRequest'));
    const queues = await new RelayGenesysClient(ctx).listQueues(isBlank(term) ? null : `${term}*`);
    return queues
        .filter((q): q is { id: string; name: string | null } => !isBlank(q.id))
        .map((q) => ({ id: q.id, name: isBlank(q.name) ? q.id : q.name }))
        .sort((a, b) => compareNames(a.name, b.name));
}

export async function transfer(
    ctx: ApexContext,
    interactionId: string,
    queueId: unknown
): Promise<RelayInteractionView> {
    if (typeof queueId !== 'string' || isBlank(queueId)) {
        throw new RelayWorkItemException(ctx.label('Relay_Interaction_TransferTargetRequired'));
    }
    const record = await assignedToRunningUser(ctx, interactionId, true);
    if (record.Work_State__c === TRANSFERRING) return viewOf(record);
    if (record.Work_State__c !== CONNECTED) throw new RelayWorkItemException(ctx.label('Relay_Transfer_NotConnected'));
    try {
        await new RelayGenesysClient(ctx).transferToQueue(
            record.External_Conversation_Id__c,
            record.Agent_Participant_Id__c,
            queueId.trim()
        );
    } catch (failure) {
        if (failure instanceof CalloutError && failure.kind === 'NOT_FOUND') {
            throw new RelayWorkItemException(ctx.label('Relay_Transfer_QueueNotFound'), failure);
        }
        if (
            failure instanceof CalloutError &&
            ['BAD_REQUEST', 'INVALID_REQUEST', 'INVALID_RESPONSE'].includes(failure.kind)
        ) {
            throw new RelayWorkItemException(ctx.label('Relay_Transfer_Failed'), failure);
        }
        throw failure;
    }
    moveTo(record, TRANSFERRING);
    updateInteraction(ctx, record);
    return viewOf(record);
}

export const RelayTransferController: ApexClassPreview = {
    className: 'RelayTransferController',
    methods: {
        getTransferQueues: (params, ctx) => guarded(ctx, () => transferQueues(ctx, params.searchTerm)),
        transfer: (params, ctx) =>
            guarded(ctx, () => transfer(ctx, requireInteractionId(ctx, params.interactionId), params.queueId))
    }
};
