/*
 * Relay's interaction state machine: one externally routed conversation (web chat, SMS, WhatsApp, ...) from
 * the moment it alerts for the agent to the moment its wrap-up lands, as the work-item panel, the wrap-up
 * picker and the transfer dialog all see it. Pure TypeScript: no DOM, no timers, no I/O; time is a parameter.
 *
 * transition(state, event, now) -> { next, effects }. Events come from four places:
 * - the agent: pickUp, disconnect, closeWorkItem (the Omni work item or its tab), transfer, submitWrapUp, dismiss;
 * - the one Apex call each intent makes: callSucceeded / callFailed (a user message) / wrapUpStoredForRetry;
 * - Omni-Channel and the workspace: workItemRouted, tabOpened;
 * - the contact centre (Platform Event or reconciliation snapshot): alerting, connected, disconnected,
 *   transferred, transferNotAccepted, wrapUpRequired, wrapUpSubmitted, wrapUpFailedForGood,
 *   alertingTimedOut, snapshot.
 * Effects are what the components do next, in order (call Apex, accept/close the work item, open/close the
 * tab, open/close the wrap-up picker, show a message, set the Omni status).
 *
 * The rules that keep both worlds consistent:
 * - The contact centre is the authority. An Apex result only counts while the interaction is still in the
 *   state that made the call (each call has a request id), so an event that arrives first is never undone.
 * - Contact-centre events are applied once (event ids) and in order: one older than the newest already
 *   applied is ignored, and no event moves a conversation back (alerting -> live -> ended).
 * - The work item, the tab and the wrap-up picker only move forward, so ending from both sides at once
 *   disconnects the participant once and closes the work item and the tab once.
 * - `done` and `wrapUpFailed` are terminal and never active again. `endReason` tells how it ended (customer
 *   left, transferred, not answered, ...), so one terminal state serves every ending. The contact centre
 *   announces wrap-up after the disconnect, so a `done` the agent answered without a wrap-up yet still
 *   opens the wrap-up that follows (`wrapUpMayFollow`).
 * - An offer the contact centre withdraws itself (`disconnected` by `system` while alerting) was not answered.
 * - Countdowns are derived from timestamps (remainingMs), never stored.
 */
import { hasEnded } from './machine';
import type { AgentAction, Channel, Interaction } from './types';

export { transition, newInteraction, isTerminal, hasEnded } from './machine';
export { fromSnapshot, receive, reconcile, keyOf } from './reconcile';
export type { Outcome } from './reconcile';
export type {
    AgentAction,
    AgentIntent,
    ApexCall,
    ApexResult,
    Channel,
    ConsoleEvent,
    ConsoleTab,
    ContactCentreEvent,
    ContactCentreEventBase,
    ContactCentreSnapshot,
    ConversationDetails,
    DisconnectedBy,
    Effect,
    EffectTarget,
    EndReason,
    Interaction,
    InteractionEvent,
    InteractionState,
    OpenWorkItem,
    ParticipantSnapshot,
    PendingCall,
    Transfer,
    TransferTarget,
    Transition,
    WorkItem,
    WrapUp,
    WrapUpCode,
    WrapUpSubmission
} from './types';

/** The conversation is alerting or live (the agent is or may be talking to the customer). */
export function isActive(i: Interaction): boolean {
    return !hasEnded(i.state);
}

/**
 * Something is waiting on the agent: an alert to pick up, a wrap-up to choose, a failed wrap-up to read,
 * or a problem on a conversation that is not over.
 */
export function needsAgentAttention(i: Interaction): boolean {
    if (i.state === 'wrapUpFailed') {
        return true;
    }
    if ((i.state === 'alerting' || i.state === 'wrapUp') && !i.pending) {
        return true;
    }
    return i.error !== undefined && i.state !== 'done';
}

/** The buttons to offer now. None while an Apex call is on its way, so an action is never sent twice. */
export function allowedActions(i: Interaction): AgentAction[] {
    if (i.pending) {
        return [];
    }
    switch (i.state) {
        case 'alerting':
            return ['pickUp'];
        case 'connected':
            return ['transfer', 'disconnect'];
        case 'wrapUp':
            return ['wrapUp'];
        case 'wrapUpFailed':
            return ['dismiss'];
        default:
            return [];
    }
}

/**
 * Milliseconds left to answer the alert or to finish the wrap-up, derived from when it started; 0 once
 * past; undefined when nothing is counting down. The start times are the contact centre's, so `now` should
 * be on its clock (Date.now() plus any skew the component measured).
 */
export function remainingMs(i: Interaction, now: number): number | undefined {
    if (i.state === 'alerting' && i.alertingTimeoutMs !== undefined) {
        return Math.max(0, i.alertingStartedAt + i.alertingTimeoutMs - now);
    }
    if (i.state === 'wrapUp' && i.wrapUp?.timeoutMs !== undefined) {
        return Math.max(0, i.wrapUp.startedAt + i.wrapUp.timeoutMs - now);
    }
    return undefined;
}

const CHANNEL_ALIASES = new Map<string, Channel>([
    ['webchat', 'webchat'],
    ['webmessaging', 'webchat'],
    ['chat', 'webchat'],
    ['sms', 'sms'],
    ['whatsapp', 'whatsapp'],
    ['facebook', 'facebook'],
    ['instagram', 'instagram'],
    ['twitter', 'twitter'],
    ['x', 'twitter'],
    ['email', 'email']
]);

/** The channel named by a contact-centre event or record (webmessaging, SMS, WhatsApp, ...), if Relay knows it. */
export function toChannel(raw: string | null | undefined): Channel | undefined {
    return raw ? CHANNEL_ALIASES.get(raw.trim().toLowerCase()) : undefined;
}
