import { toChannel } from 'c/relayInteractionState';
import type { ContactCentreSnapshot, OpenWorkItem, ParticipantSnapshot } from 'c/relayInteractionState';
import type { AgentWork } from 'c/relayOmniChannel';
import type { RelayInteractionView } from './apexTypes';
import { withoutUndefined } from './platformEvents';

/*
 * The Apex's interaction views (syncInteractions, getPendingWrapUps, the result of pickUp/disconnect) read
 * as the state machine's reconciliation snapshot. Pure.
 */

/** What the panel shows about an interaction that the state machine does not keep. */
export interface InteractionMeta {
    /** The Relay_Interaction__c: what the Apex calls name, and the work item and tab unless workRecordId says. */
    recordId?: string;
    /** The record the Omni-Channel work item routes when not the interaction (a Messaging Session). */
    workRecordId?: string;
    customerAddress?: string;
    /** When the agent's leg connected (contact-centre time), for the elapsed time. */
    connectedAt?: number;
    /** A label text from the Apex to show next to the interaction (e.g. why a wrap-up is pending). */
    message?: string;
}

/** Where a view comes from: the reconciliation, or the list of wrap-ups Relay still holds. */
export type ViewSource = 'sync' | 'heldWrapUps';

/**
 * The participant snapshot for a view, or null for a view the panel cannot place (no participant id, an
 * unknown state).
 */
export function toParticipant(view: RelayInteractionView, source: ViewSource = 'sync'): ParticipantSnapshot | null {
    if (!view.conversationId || !view.participantId) {
        return null;
    }
    const details = withoutUndefined({
        conversationId: view.conversationId,
        participantId: view.participantId,
        channel: toChannel(view.channel) ?? 'webchat',
        queueId: view.queueId ?? undefined,
        queueName: view.queueName ?? undefined,
        customerName: view.customerName ?? undefined,
        wrapUpRequired: view.wrapUpRequired === true,
        wrapUpOptional: view.wrapUpOptional === true ? true : undefined,
        alertingTimeoutMs: view.alertingTimeoutMs ?? undefined
    });
    const wrapUp = withoutUndefined({
        wrapUpStartedAt: timeOf(view.wrapUpStartedAt),
        wrapUpTimeoutMs: view.wrapUpTimeoutMs ?? undefined
    });
    const message = view.message ?? undefined;
    if (source === 'heldWrapUps') {
        // Relay lists only wrap-ups it still holds: one no longer pending has failed for good.
        const status: 'pending' | 'failed' = view.state === 'wrapUpPending' ? 'pending' : 'failed';
        return {
            ...details,
            ...wrapUp,
            state: 'disconnected',
            wrapUpRequired: true,
            storedWrapUp: withoutUndefined({ status, message })
        };
    }
    switch (view.state) {
        case 'alerting':
            return withoutUndefined({
                ...details,
                state: 'alerting' as const,
                alertingStartedAt: timeOf(view.alertingStartedAt)
            });
        case 'connected':
        case 'transferring':
        case 'disconnecting':
            return { ...details, state: 'connected' };
        case 'wrapUp':
            // In wrap-up, a code is owed unless the queue only offers one.
            return {
                ...details,
                ...wrapUp,
                state: 'disconnected',
                wrapUpRequired: view.wrapUpRequired === true || view.wrapUpOptional !== true
            };
        case 'wrapUpPending':
            return {
                ...details,
                ...wrapUp,
                state: 'disconnected',
                wrapUpRequired: true,
                storedWrapUp: withoutUndefined({ status: 'pending' as const, message })
            };
        case 'done':
            return { ...details, state: 'disconnected', wrapUpRequired: false, wrapUpDone: true };
        default:
            return null;
    }
}

/**
 * The reconciliation snapshot: every view the panel can place, and the Omni-Channel work items of those
 * interactions. `works` is what Omni-Channel has open for the agent (undefined when it could not be asked);
 * only work for Relay's own records is considered, never another channel's.
 */
export function toSnapshot(
    views: readonly RelayInteractionView[],
    works: readonly AgentWork[] | undefined,
    takenAt: number
): ContactCentreSnapshot {
    const participants: ParticipantSnapshot[] = [];
    const workItems: OpenWorkItem[] = [];
    for (const view of views) {
        const participant = toParticipant(view);
        if (!participant) {
            continue;
        }
        participants.push(participant);
        const workItem = workItemOf(view, works);
        if (workItem) {
            workItems.push(workItem);
        }
    }
    return { takenAt, participants, workItems };
}

function workItemOf(view: RelayInteractionView, works: readonly AgentWork[] | undefined): OpenWorkItem | null {
    // A Bring Your Own Channel conversation's work item routes its Messaging Session, not the interaction.
    const recordId = view.workRecordId || view.id;
    // getAgentWorks also lists work assigned but not accepted yet (isEngaged false): that one is still offered.
    const open = works?.find((w) => w.isEngaged && (w.workId === view.workItemId || w.workItemId === recordId));
    if (open) {
        // Omni-Channel lists the work the agent is engaged in: it was accepted.
        return { agentWorkId: open.workId, recordId, conversationId: view.conversationId, accepted: true };
    }
    if (!view.workItemId) {
        return null;
    }
    const routed = { agentWorkId: view.workItemId, recordId, conversationId: view.conversationId };
    switch (view.state) {
        case 'alerting':
            return { ...routed, accepted: false }; // offered, still to be accepted
        case 'connected':
        case 'transferring':
        case 'disconnecting':
            // Not open in the workspace: offered still. When Omni-Channel could not be asked, a conversation
            // past alerting had its work accepted when it was picked up.
            return { ...routed, accepted: works === undefined };
        default:
            return null; // the conversation ended: work Omni-Channel does not list any more was closed
    }
}

/** The extra facts of a view the panel keeps next to the state machine. */
export function metaOf(view: RelayInteractionView, previous: InteractionMeta = {}): InteractionMeta {
    return withoutUndefined({
        recordId: view.id || previous.recordId,
        workRecordId: view.workRecordId || previous.workRecordId,
        customerAddress: view.customerAddress ?? previous.customerAddress,
        connectedAt: timeOf(view.connectedAt) ?? previous.connectedAt,
        message: view.message ?? undefined
    });
}

/** ISO-8601 to ms since epoch; undefined for null or unreadable text. */
export function timeOf(iso: string | null | undefined): number | undefined {
    if (!iso) {
        return undefined;
    }
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? undefined : ms;
}
