import { isTerminal, newInteraction, transition } from './machine';
import type {
    ContactCentreEvent,
    ContactCentreSnapshot,
    Effect,
    Interaction,
    OpenWorkItem,
    ParticipantSnapshot,
    Transition
} from './types';

/** The agent's interactions after an event or a reconciliation, and what the components must do. */
export interface Outcome {
    interactions: Interaction[];
    effects: Effect[];
}

/** Identifies one agent's part in one conversation (a conversation transferred back is a new participant). */
export function keyOf(i: { conversationId: string; participantId: string }): string {
    return `${i.conversationId}/${i.participantId}`;
}

/**
 * Builds an interaction from a reconciliation snapshot, e.g. after a reload: an alert keeps alerting, a
 * conversation in wrap-up opens the wrap-up picker again (or shows the wrap-up Relay still holds).
 */
export function fromSnapshot(participant: ParticipantSnapshot, takenAt: number): Transition {
    const base = newInteraction(participant, participant.alertingStartedAt ?? takenAt);
    return transition(
        base,
        {
            type: 'snapshot',
            conversationId: participant.conversationId,
            participantId: participant.participantId,
            occurredAt: takenAt,
            participant
        },
        takenAt
    );
}

/**
 * Applies a contact-centre event to the agent's interactions: to the one it is about, or, for a new alert
 * (a routed or transferred conversation), to a new interaction. News about an unknown one is left to the
 * next reconciliation.
 */
export function receive(interactions: readonly Interaction[], event: ContactCentreEvent, now: number): Outcome {
    const index = interactions.findIndex((i) => keyOf(i) === keyOf(event));
    if (index >= 0) {
        const { next, effects } = transition(interactions[index], event, now);
        return { interactions: interactions.map((i, n) => (n === index ? next : i)), effects };
    }
    if (event.type === 'alerting') {
        const alert: Interaction = {
            ...newInteraction(event, event.occurredAt),
            lastEventAt: event.occurredAt,
            seenEventIds: event.eventId ? [event.eventId] : []
        };
        return { interactions: [...interactions, alert], effects: [] };
    }
    if (event.type === 'snapshot' && event.participant) {
        const { next, effects } = fromSnapshot(event.participant, event.occurredAt);
        return { interactions: [...interactions, next], effects };
    }
    return { interactions: [...interactions], effects: [] };
}

/**
 * Lines the agent's interactions up with a snapshot of what the contact centre (and Omni-Channel) still has,
 * so a reload or a missed event never leaves a stuck work item:
 * - an interaction the contact centre no longer has for the agent is done, its work item and tab closed;
 * - one whose state moved on (disconnected, in wrap-up, wrap-up held by Relay) catches up;
 * - a conversation the contact centre has and the agent has not is added (alerting, connected, wrap-up);
 * - an open work item is attached to its conversation's interaction, or closed when nothing owns it.
 * A snapshot older than what an interaction already knows changes nothing for it.
 */
export function reconcile(local: readonly Interaction[], snapshot: ContactCentreSnapshot): Outcome {
    const at = snapshot.takenAt;
    const unmatched = new Map(snapshot.participants.map((p) => [keyOf(p), p]));
    const effects: Effect[] = [];
    const interactions = local.map((i) => {
        const participant = unmatched.get(keyOf(i));
        unmatched.delete(keyOf(i));
        const step = transition(i, { type: 'snapshot', ...keyParts(i), occurredAt: at, participant }, at);
        effects.push(...step.effects);
        return step.next;
    });
    for (const participant of unmatched.values()) {
        const step = fromSnapshot(participant, at);
        effects.push(...step.effects);
        interactions.push(step.next);
    }
    for (const workItem of snapshot.workItems ?? []) {
        effects.push(...adopt(interactions, workItem, at));
    }
    return { interactions, effects };
}

/** Attaches an open work item to its interaction (which accepts or closes it), or closes it as an orphan. */
function adopt(interactions: Interaction[], w: OpenWorkItem, at: number): Effect[] {
    const known = interactions.find((i) => i.workItem.status !== 'none' && i.workItem.agentWorkId === w.agentWorkId);
    if (known) {
        // Relay closed it but Salesforce still has it open: the close never happened (e.g. a reload came first).
        return known.workItem.status === 'closed' ? [closeWork(w)] : [];
    }
    const owner = ownerOf(interactions, w.conversationId);
    if (owner < 0) {
        return w.recordId ? [closeWork(w), { type: 'closeTab', recordId: w.recordId }] : [closeWork(w)];
    }
    const step = transition(
        interactions[owner],
        { type: 'workItemRouted', agentWorkId: w.agentWorkId, recordId: w.recordId, accepted: w.accepted },
        at
    );
    interactions[owner] = step.next;
    return step.effects;
}

/** The interaction of that conversation still without a work item, preferring one that is not over. */
function ownerOf(interactions: Interaction[], conversationId: string | undefined): number {
    const candidates = interactions
        .map((i, index) => ({ i, index }))
        .filter(({ i }) => i.conversationId === conversationId && i.workItem.status === 'none');
    const ongoing = candidates.find(({ i }) => !isTerminal(i.state));
    return (ongoing ?? candidates[0])?.index ?? -1;
}

function closeWork(w: OpenWorkItem): Effect {
    return { type: w.accepted ? 'closeWorkItem' : 'declineWorkItem', agentWorkId: w.agentWorkId };
}

function keyParts(i: Interaction): { conversationId: string; participantId: string } {
    return { conversationId: i.conversationId, participantId: i.participantId };
}
