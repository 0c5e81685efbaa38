import GENERIC_ERROR from '@salesforce/label/c.Relay_Error_Generic';
import NOT_ANSWERED from '@salesforce/label/c.Relay_Interaction_NotAnswered';
import TRANSFER_NOT_ACCEPTED from '@salesforce/label/c.Relay_Interaction_TransferNotAccepted';
import TRANSFER_TARGET_REQUIRED from '@salesforce/label/c.Relay_Interaction_TransferTargetRequired';
import WRAP_UP_CODE_REQUIRED from '@salesforce/label/c.Relay_Interaction_WrapUpCodeRequired';
import WRAP_UP_SAVED from '@salesforce/label/c.Relay_Interaction_WrapUpSaved';
import WRAP_UP_FAILED from '@salesforce/label/c.Relay_Interaction_WrapUpFailed';
import ENDED_ELSEWHERE from '@salesforce/label/c.Relay_Interaction_EndedElsewhere';
import type {
    ApexCall,
    ContactCentreEvent,
    ConversationDetails,
    DisconnectedBy,
    Effect,
    EndReason,
    Interaction,
    InteractionEvent,
    InteractionState,
    ParticipantSnapshot,
    TransferTarget,
    Transition,
    WrapUpCode
} from './types';

/** Enough redelivered ids to cover a burst of retries; older duplicates are caught by the state rules. */
const MAX_SEEN_EVENT_IDS = 50;

const REASON_BY: Record<DisconnectedBy, EndReason> = {
    customer: 'customerLeft',
    agent: 'agentDisconnected',
    system: 'systemDisconnected'
};

/** A handler's answer; null means the event changes nothing. */
type Step = Transition | null;

interface WrapUpFacts {
    wrapUpRequired?: boolean;
    wrapUpOptional?: boolean;
    wrapUpTimeoutMs?: number;
    codes?: readonly WrapUpCode[];
}

/** A new interaction, alerting since `alertingStartedAt`, with no work item or tab yet. */
export function newInteraction(details: ConversationDetails, alertingStartedAt: number): Interaction {
    return {
        ...detailsOf(details),
        state: 'alerting',
        alertingStartedAt,
        workItem: { status: 'none' },
        tab: { status: 'none' },
        requestCount: 0,
        lastEventAt: 0,
        seenEventIds: []
    };
}

/**
 * The interaction after `event`, and what the components must do about it. Pure: time comes in as `now`.
 * An event that does not apply (stale, redelivered, or meaningless in the current state) changes nothing
 * and asks for nothing (news from the contact centre is still dated), so redelivery and races are harmless.
 */
export function transition(state: Interaction, event: InteractionEvent, now: number): Transition {
    const fromContactCentre = 'occurredAt' in event;
    if (fromContactCentre && !isNews(state, event)) {
        return { next: state, effects: [] };
    }
    const step = reduce(state, event, now);
    if (!step && !(fromContactCentre && (event.occurredAt > state.lastEventAt || event.eventId))) {
        return { next: state, effects: [] };
    }
    // News from the contact centre is recorded even when it changes nothing: it dates what is known.
    let next = step ? step.next : state;
    // A result only counts while the interaction is still where the call was made: once the contact
    // centre moved it on, a late answer must not undo that.
    if (next.pending && next.pending.state !== next.state) {
        next = { ...next, pending: undefined };
    }
    if (fromContactCentre) {
        next = {
            ...next,
            lastEventAt: Math.max(next.lastEventAt, event.occurredAt),
            seenEventIds: event.eventId
                ? [...next.seenEventIds, event.eventId].slice(-MAX_SEEN_EVENT_IDS)
                : next.seenEventIds
        };
    }
    const synced = syncConsole(state.state, next);
    return { next: synced.next, effects: [...(step ? step.effects : []), ...synced.effects] };
}

/** The interaction has ended for the agent and only wrap-up (or nothing) is left. */
export function hasEnded(state: InteractionState): boolean {
    return state === 'wrapUp' || state === 'wrapUpPending' || state === 'wrapUpFailed' || state === 'done';
}

/** Nothing more will happen in the contact centre; a terminal state never becomes active again. */
export function isTerminal(state: InteractionState): boolean {
    return state === 'done' || state === 'wrapUpFailed';
}

function isNews(state: Interaction, event: ContactCentreEvent): boolean {
    return (
        event.conversationId === state.conversationId &&
        event.participantId === state.participantId &&
        event.occurredAt >= state.lastEventAt &&
        !(event.eventId !== undefined && state.seenEventIds.includes(event.eventId))
    );
}

function reduce(s: Interaction, event: InteractionEvent, now: number): Step {
    switch (event.type) {
        case 'pickUp':
            return pickUp(s, event.viaWorkItem === true);
        case 'disconnect':
            return s.state === 'connected' ? startDisconnect(s) : null;
        case 'closeWorkItem':
            return closeByAgent(s, event.closed);
        case 'transfer':
            return transfer(s, event.target);
        case 'submitWrapUp':
            return submitWrapUp(s, event.codeId.trim(), event.notes?.trim(), now);
        case 'skipWrapUp':
            return skipWrapUp(s);
        case 'dismiss':
            return dismiss(s);
        case 'callSucceeded':
            return isAwaited(s, event.call, event.requestId) ? succeeded(s, event.call, now) : null;
        case 'callFailed':
            return isAwaited(s, event.call, event.requestId) ? failed(s, event.call, event.message) : null;
        case 'wrapUpStoredForRetry':
            return isAwaited(s, 'submitWrapUp', event.requestId)
                ? withEffects({ ...s, state: 'wrapUpPending', error: undefined }, notice(WRAP_UP_SAVED))
                : null;
        case 'workItemRouted':
            return s.workItem.status === 'none'
                ? withEffects({
                      ...s,
                      workItem: {
                          status: event.accepted ? 'accepted' : 'offered',
                          agentWorkId: event.agentWorkId,
                          recordId: event.recordId
                      }
                  })
                : null;
        case 'tabOpened':
            return tabOpened(s, event.tabId);
        default:
            return onContactCentreEvent(s, event);
    }
}

function onContactCentreEvent(s: Interaction, event: ContactCentreEvent): Step {
    switch (event.type) {
        case 'alerting':
            return alerting(s, event);
        case 'connected':
            return s.state === 'alerting' ? withEffects({ ...s, state: 'connected', error: undefined }) : null;
        case 'disconnected':
            // An offer the contact centre withdraws itself timed out (docs/events.md: `system` for a time-out).
            if (s.state === 'alerting' && event.disconnectedBy === 'system') {
                return notAnswered(s);
            }
            return isOngoing(s.state)
                ? withEffects(end(s, REASON_BY[event.disconnectedBy], event.occurredAt, withOwedWrapUp(s, event)))
                : null;
        case 'transferred':
            return isOngoing(s.state)
                ? withEffects(end(s, 'transferred', event.occurredAt, withOwedWrapUp(s, event)))
                : null;
        case 'transferNotAccepted':
            return s.state === 'transferring' && s.transfer && event.occurredAt > s.transfer.askedAfter
                ? withEffects(
                      { ...s, state: 'connected', transfer: undefined, error: TRANSFER_NOT_ACCEPTED },
                      error(TRANSFER_NOT_ACCEPTED)
                  )
                : null;
        case 'wrapUpRequired':
            return wrapUpRequired(s, event.occurredAt, { codes: event.codes, wrapUpTimeoutMs: event.timeoutMs });
        case 'wrapUpSubmitted':
            return s.state === 'alerting' || s.state === 'done' ? null : withEffects(finish(s));
        case 'wrapUpFailedForGood':
            return wrapUpFailedForGood(s, event.message);
        case 'alertingTimedOut':
            return s.state === 'alerting' ? notAnswered(s) : null;
        default:
            return snapshot(s, event.participant, event.occurredAt);
    }
}

// ----- agent intents -----

function pickUp(s: Interaction, viaWorkItem: boolean): Step {
    // Accepting the work item in the Omni-Channel widget is the agent's Pick Up too; it is already accepted.
    const next: Interaction =
        viaWorkItem && s.workItem.status === 'offered' ? { ...s, workItem: { ...s.workItem, status: 'accepted' } } : s;
    if (s.state !== 'alerting' || s.pending) {
        return next === s ? null : withEffects(next);
    }
    const call = request(next, 'pickUp');
    return withEffects(call.next, { type: 'callPickUp', ...targetOf(s), requestId: call.requestId });
}

function startDisconnect(s: Interaction): Step {
    const call = request({ ...s, state: 'disconnecting' }, 'disconnect');
    return withEffects(call.next, { type: 'callDisconnect', ...targetOf(s), requestId: call.requestId });
}

/** The agent closed the work item or its tab: that ends the conversation, as in the contact-centre client. */
function closeByAgent(s: Interaction, closed: 'workItem' | 'tab'): Step {
    let next = s;
    if (closed === 'tab' && s.tab.status !== 'closed') {
        next = { ...s, tab: { status: 'closed' } };
    } else if (closed === 'workItem' && s.workItem.status !== 'closed') {
        next = { ...s, workItem: { ...s.workItem, status: 'closed' } };
    }
    // During a transfer the conversation is no longer the agent's to end: the other side accepts it or not.
    if (next.state === 'connected') {
        return startDisconnect(next);
    }
    // Declining the work item is declining the offer: the contact centre must not keep alerting an agent who said
    // no, nor connect them later to a conversation without its work item.
    if (next.state === 'alerting' && closed === 'workItem' && !next.pending) {
        const call = request(next, 'decline');
        return withEffects(call.next, { type: 'callDecline', ...targetOf(s), requestId: call.requestId });
    }
    return next === s ? null : withEffects(next);
}

function transfer(s: Interaction, requested: TransferTarget): Step {
    if (s.state !== 'connected') {
        return null;
    }
    const targetId = requested.id.trim();
    if (!targetId) {
        return withEffects({ ...s, error: TRANSFER_TARGET_REQUIRED }, error(TRANSFER_TARGET_REQUIRED));
    }
    const target = { ...requested, id: targetId };
    const call = request({ ...s, state: 'transferring', transfer: { target, askedAfter: s.lastEventAt } }, 'transfer');
    return withEffects(call.next, { type: 'callTransfer', ...targetOf(s), requestId: call.requestId, target });
}

function submitWrapUp(s: Interaction, codeId: string, notes: string | undefined, now: number): Step {
    if (s.state !== 'wrapUp' || s.pending || !s.wrapUp) {
        return null;
    }
    const codes = s.wrapUp.codes;
    if (!codeId || (codes && !codes.some((code) => code.id === codeId))) {
        return withEffects({ ...s, error: WRAP_UP_CODE_REQUIRED }, error(WRAP_UP_CODE_REQUIRED));
    }
    const submission = notes ? { codeId, notes } : { codeId };
    const call = request({ ...s, wrapUp: { ...s.wrapUp, submission } }, 'submitWrapUp');
    return withEffects(call.next, {
        type: 'callSubmitWrapUp',
        ...targetOf(s),
        requestId: call.requestId,
        ...submission,
        submittedAt: now,
        durationSeconds: Math.max(0, Math.round((now - s.wrapUp.startedAt) / 1000))
    });
}

/** Where the queue's wrap-up is optional, the agent may finish without a code. */
function skipWrapUp(s: Interaction): Step {
    if (s.state !== 'wrapUp' || s.pending) {
        return null;
    }
    if (s.wrapUpRequired || !s.wrapUpOptional) {
        return withEffects({ ...s, error: WRAP_UP_CODE_REQUIRED }, error(WRAP_UP_CODE_REQUIRED));
    }
    const call = request(s, 'skipWrapUp');
    return withEffects(call.next, { type: 'callSkipWrapUp', ...targetOf(s), requestId: call.requestId });
}

function dismiss(s: Interaction): Step {
    if (s.state === 'wrapUpFailed') {
        return withEffects({ ...s, state: 'done', error: undefined });
    }
    return s.error === undefined ? null : withEffects({ ...s, error: undefined });
}

// ----- Apex results -----

function isAwaited(s: Interaction, call: ApexCall, requestId: string): boolean {
    return s.pending !== undefined && s.pending.call === call && s.pending.requestId === requestId;
}

function succeeded(s: Interaction, call: ApexCall, now: number): Step {
    const settled: Interaction = { ...s, pending: undefined };
    switch (call) {
        case 'pickUp':
            return withEffects({ ...settled, state: 'connected' });
        case 'disconnect':
            return withEffects(end(settled, 'agentDisconnected', now, {}));
        case 'decline':
            // Nothing was answered, so nothing to wrap up; the contact centre holds an agent who declined as Not
            // Responding, which the panel and Omni-Channel show.
            return withEffects(end(settled, 'agentDisconnected', now, {}, false), {
                type: 'setOmniStatus',
                status: 'notResponding'
            });
        case 'transfer':
            // Still the agent's until someone accepts it (the contact centre then reports `transferred`).
            return withEffects(settled);
        default:
            return withEffects(finish(settled));
    }
}

function failed(s: Interaction, call: ApexCall, message: string): Step {
    const shown = message.trim() || GENERIC_ERROR;
    const settled: Interaction = { ...s, pending: undefined, error: shown };
    switch (call) {
        case 'disconnect':
            return withEffects({ ...settled, state: 'connected' }, error(shown));
        case 'transfer':
            return withEffects({ ...settled, state: 'connected', transfer: undefined }, error(shown));
        default:
            // A failed Pick Up leaves the alert up; a refused wrap-up keeps the submission to correct and resend.
            return withEffects(settled, error(shown));
    }
}

// ----- console -----

function tabOpened(s: Interaction, tabId: string): Step {
    switch (s.tab.status) {
        case 'none':
        case 'opening':
            return withEffects({ ...s, tab: { status: 'open', tabId } });
        case 'closing':
            return withEffects({ ...s, tab: { status: 'closed', tabId } }, { type: 'closeTab', tabId });
        default:
            return null;
    }
}

// ----- contact centre -----

function alerting(s: Interaction, details: Omit<ConversationDetails, 'conversationId' | 'participantId'>): Step {
    return s.state === 'alerting' ? withEffects({ ...s, ...detailsOf({ ...s, ...details }) }) : null;
}

/** Nobody answered: the contact centre re-queued it and made the agent Not Responding. */
function notAnswered(s: Interaction): Step {
    return withEffects({ ...s, state: 'done', endReason: 'notAnswered', error: NOT_ANSWERED }, error(NOT_ANSWERED), {
        type: 'setOmniStatus',
        status: 'notResponding'
    });
}

function wrapUpRequired(s: Interaction, at: number, facts: WrapUpFacts): Step {
    if (s.state === 'transferring' && s.transfer) {
        // The agent's leg ended with the transfer, but the conversation is theirs until someone accepts it
        // (seeds 000/001): the wrap-up opens then, or when the customer leaves first.
        const wrapUpOwed = { wrapUpTimeoutMs: facts.wrapUpTimeoutMs, codes: facts.codes };
        return withEffects({ ...s, wrapUpRequired: true, transfer: { ...s.transfer, wrapUpOwed } });
    }
    if (isLive(s.state)) {
        return withEffects(end(s, unknownEnd(s), at, { ...facts, wrapUpRequired: true }));
    }
    if (s.state === 'done' && s.wrapUpMayFollow) {
        return withEffects(startWrapUp(s, at, facts));
    }
    if (s.state === 'wrapUp' && s.wrapUp) {
        const wrapUp = {
            ...s.wrapUp,
            codes: facts.codes ?? s.wrapUp.codes,
            timeoutMs: facts.wrapUpTimeoutMs ?? s.wrapUp.timeoutMs
        };
        return withEffects({ ...s, wrapUp });
    }
    return null;
}

/** The wrap-up facts of an ending, completed by those the contact centre gave while a transfer waited. */
function withOwedWrapUp(s: Interaction, facts: WrapUpFacts): WrapUpFacts {
    const owed = s.transfer?.wrapUpOwed;
    return owed
        ? { ...facts, codes: facts.codes ?? owed.codes, wrapUpTimeoutMs: facts.wrapUpTimeoutMs ?? owed.wrapUpTimeoutMs }
        : facts;
}

function wrapUpFailedForGood(s: Interaction, message: string | undefined): Step {
    const submitted = s.state === 'wrapUpPending' || (s.state === 'wrapUp' && s.pending !== undefined);
    if (!submitted) {
        return null;
    }
    const shown = message?.trim() || WRAP_UP_FAILED;
    return withEffects({ ...s, state: 'wrapUpFailed', error: shown }, error(shown));
}

function snapshot(s: Interaction, participant: ParticipantSnapshot | undefined, at: number): Step {
    if (!participant) {
        return gone(s);
    }
    switch (participant.state) {
        case 'alerting':
            return alerting(s, participant);
        case 'connected':
            return s.state === 'alerting' ? withEffects({ ...s, state: 'connected' }) : null;
        default:
            return restoreEnded(s, participant, at);
    }
}

/** The contact centre no longer has this conversation for the agent: nothing is left to do here. */
function gone(s: Interaction): Step {
    if (isTerminal(s.state)) {
        return null;
    }
    const done: Interaction = { ...s, state: 'done', endReason: s.endReason ?? 'endedElsewhere' };
    // A pending wrap-up that is no longer held anywhere has been delivered: nothing to tell the agent.
    return s.state === 'wrapUpPending' ? withEffects(done) : withEffects(done, notice(ENDED_ELSEWHERE));
}

function restoreEnded(s: Interaction, p: ParticipantSnapshot, at: number): Step {
    let next = s;
    if (s.state === 'done' && s.wrapUpMayFollow && p.wrapUpRequired && !p.wrapUpDone) {
        // The wrap-up the contact centre asked for after all; what Relay already holds of it applies below.
        next = startWrapUp(s, p.wrapUpStartedAt ?? at, { wrapUpTimeoutMs: p.wrapUpTimeoutMs, codes: p.wrapUpCodes });
    } else if (isTerminal(s.state)) {
        return null;
    }
    if (!hasEnded(s.state)) {
        const reason = p.transferred ? 'transferred' : p.disconnectedBy ? REASON_BY[p.disconnectedBy] : unknownEnd(s);
        const facts = {
            wrapUpRequired: p.wrapUpRequired,
            wrapUpOptional: p.wrapUpOptional,
            wrapUpTimeoutMs: p.wrapUpTimeoutMs,
            codes: p.wrapUpCodes
        };
        next = end(s, reason, p.wrapUpStartedAt ?? at, facts, true);
    }
    if (next.state === 'done') {
        return withEffects(next);
    }
    if (p.wrapUpDone) {
        return withEffects(finish(next));
    }
    if (p.storedWrapUp?.status === 'failed') {
        const shown = p.storedWrapUp.message?.trim() || WRAP_UP_FAILED;
        return withEffects({ ...next, state: 'wrapUpFailed', error: shown }, error(shown));
    }
    if (p.storedWrapUp?.status === 'pending') {
        next = { ...next, state: 'wrapUpPending' };
    }
    return next === s ? null : withEffects(next);
}

// ----- state helpers -----

/** Alerting or live: the conversation has not ended for the agent. */
function isOngoing(state: InteractionState): boolean {
    return state === 'alerting' || isLive(state);
}

/** The agent is (or was just) talking to the customer. */
function isLive(state: InteractionState): boolean {
    return state === 'connected' || state === 'transferring' || state === 'disconnecting';
}

/**
 * The conversation ended for the agent: wrap-up if the queue wants one and the agent answered (by default:
 * it is past alerting; a snapshot that says a wrap-up is owed knows better).
 */
function end(
    s: Interaction,
    reason: EndReason,
    at: number,
    facts: WrapUpFacts,
    answered = s.state !== 'alerting'
): Interaction {
    const ended: Interaction = { ...s, endReason: reason, transfer: undefined };
    if (answered && (facts.wrapUpRequired ?? s.wrapUpRequired)) {
        return startWrapUp(ended, at, facts);
    }
    if (answered && (facts.wrapUpOptional ?? s.wrapUpOptional)) {
        // The queue takes a code without requiring one: offered, as in the contact centre's own client.
        return startWrapUp({ ...ended, wrapUpOptional: true }, at, facts);
    }
    return { ...ended, state: 'done', wrapUpMayFollow: answered };
}

function startWrapUp(s: Interaction, at: number, facts: WrapUpFacts): Interaction {
    return {
        ...s,
        state: 'wrapUp',
        wrapUpMayFollow: undefined,
        wrapUp: { startedAt: at, timeoutMs: facts.wrapUpTimeoutMs, codes: facts.codes }
    };
}

/** The wrap-up is in the contact centre (or the conversation ended there without one). */
function finish(s: Interaction): Interaction {
    return { ...s, state: 'done', endReason: s.endReason ?? unknownEnd(s), error: undefined };
}

/** How it ended when the contact centre did not say: the agent's own disconnect, else ended elsewhere. */
function unknownEnd(s: Interaction): EndReason {
    return s.state === 'disconnecting' ? 'agentDisconnected' : 'endedElsewhere';
}

function request(s: Interaction, call: ApexCall): { next: Interaction; requestId: string } {
    const requestCount = s.requestCount + 1;
    const requestId = `${s.conversationId}/${s.participantId}/${requestCount}`;
    return {
        next: { ...s, requestCount, error: undefined, pending: { call, requestId, state: s.state } },
        requestId
    };
}

/**
 * Brings the Omni-Channel work item, the console tab and the wrap-up picker in line with the state. Each
 * resource only moves forward, so each open and close is asked for at most once.
 */
function syncConsole(previous: InteractionState, s: Interaction): Transition {
    const effects: Effect[] = [];
    let { workItem, tab } = s;
    if (s.state === 'connected' || s.state === 'transferring') {
        if (workItem.status === 'offered') {
            effects.push({ type: 'acceptWorkItem', agentWorkId: workItem.agentWorkId });
            workItem = { ...workItem, status: 'accepted' };
        }
        if (workItem.status === 'accepted' && workItem.recordId && tab.status === 'none') {
            effects.push({ type: 'openTab', ...targetOf(s), recordId: workItem.recordId });
            tab = { status: 'opening' };
        }
    } else if (hasEnded(s.state)) {
        if (workItem.status === 'offered' || workItem.status === 'accepted') {
            const type = workItem.status === 'offered' ? 'declineWorkItem' : 'closeWorkItem';
            effects.push({ type, agentWorkId: workItem.agentWorkId });
            workItem = { ...workItem, status: 'closed' };
        }
        if (tab.status === 'open') {
            effects.push({ type: 'closeTab', tabId: tab.tabId });
            tab = { status: 'closed', tabId: tab.tabId };
        } else if (tab.status === 'opening') {
            tab = { status: 'closing' };
        } else if (tab.status === 'none' && workItem.status !== 'none' && workItem.recordId) {
            // A tab Relay did not open (the console restores tabs after a reload) is found by its record.
            effects.push({ type: 'closeTab', recordId: workItem.recordId });
            tab = { status: 'closed' };
        }
    }
    if (previous !== 'wrapUp' && s.state === 'wrapUp') {
        effects.push({ type: 'openWrapUpPicker', ...targetOf(s) });
    } else if (previous === 'wrapUp' && s.state !== 'wrapUp') {
        effects.push({ type: 'closeWrapUpPicker', ...targetOf(s) });
    }
    const changed = workItem !== s.workItem || tab !== s.tab;
    return { next: changed ? { ...s, workItem, tab } : s, effects };
}

function detailsOf(d: ConversationDetails): ConversationDetails {
    return {
        conversationId: d.conversationId,
        participantId: d.participantId,
        channel: d.channel,
        queueId: d.queueId,
        queueName: d.queueName,
        customerName: d.customerName,
        wrapUpRequired: d.wrapUpRequired,
        wrapUpOptional: d.wrapUpOptional,
        alertingTimeoutMs: d.alertingTimeoutMs
    };
}

function targetOf(s: Interaction): { conversationId: string; participantId: string } {
    return { conversationId: s.conversationId, participantId: s.participantId };
}

function withEffects(next: Interaction, ...effects: Effect[]): Transition {
    return { next, effects };
}

function error(message: string): Effect {
    return { type: 'showError', message };
}

function notice(message: string): Effect {
    return { type: 'showNotice', message };
}
