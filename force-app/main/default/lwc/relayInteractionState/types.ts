/*
 * Types of the interaction state machine (see relayInteractionState.ts for the rules). Kept apart so the
 * reducer and the reconciliation read as logic, not as declarations.
 */

/** The digital channel the customer writes from. */
export type Channel = 'webchat' | 'sms' | 'whatsapp' | 'facebook' | 'instagram' | 'twitter' | 'email';

/**
 * Where the interaction is, from the agent's point of view.
 * - alerting: offered to the agent (a Pick Up may be on its way: see `pending`).
 * - connected: the agent is talking to the customer.
 * - transferring: a transfer was asked for; the conversation stays the agent's until someone accepts it.
 * - disconnecting: the agent ended the conversation and the contact centre has not confirmed it yet.
 * - wrapUp: the conversation ended and the contact centre wants a wrap-up code.
 * - wrapUpPending: the wrap-up is saved in Salesforce and will be delivered when the contact centre answers.
 * - wrapUpFailed: the wrap-up could not be delivered for good; the agent must read why (terminal).
 * - done: nothing left to do (terminal); `endReason` says how it ended. The one way out: a wrap-up the
 *   contact centre asks for just after the leg ended (see `wrapUpMayFollow`); never back to active.
 */
export type InteractionState =
    'alerting' | 'connected' | 'transferring' | 'disconnecting' | 'wrapUp' | 'wrapUpPending' | 'wrapUpFailed' | 'done';

/** How the conversation ended for this agent. Set when it leaves alerting or connected, kept until done. */
export type EndReason =
    'customerLeft' | 'agentDisconnected' | 'systemDisconnected' | 'transferred' | 'notAnswered' | 'endedElsewhere';

/** Who ended the conversation, as the contact centre reports it. */
export type DisconnectedBy = 'customer' | 'agent' | 'system';

/** The Apex call each agent intent makes (exactly one per intent). */
export type ApexCall = 'pickUp' | 'disconnect' | 'decline' | 'transfer' | 'submitWrapUp' | 'skipWrapUp';

/** The buttons the work-item panel may show. */
export type AgentAction = 'pickUp' | 'transfer' | 'disconnect' | 'wrapUp' | 'dismiss';

export interface WrapUpCode {
    id: string;
    name: string;
}

export interface TransferTarget {
    kind: 'queue' | 'agent';
    id: string;
    name?: string;
}

/**
 * The Omni-Channel work item (AgentWork). Its status only moves forward (none, offered, accepted, closed),
 * which is what makes accepting and closing it happen at most once.
 */
export type WorkItem =
    | { status: 'none' }
    | {
          status: 'offered' | 'accepted';
          agentWorkId: string;
          /** The routed record (a Relay_Interaction__c) the console tab shows. */
          recordId?: string;
      }
    | { status: 'closed'; agentWorkId?: string; recordId?: string };

/**
 * The console tab of the work item. `opening` means openTab was asked for and its tab id is not known yet;
 * `closing` means the conversation ended meanwhile, so the tab is closed as soon as its id arrives.
 */
export type ConsoleTab =
    | { status: 'none' | 'opening' | 'closing' }
    | { status: 'open'; tabId: string }
    | { status: 'closed'; tabId?: string };

export interface WrapUpSubmission {
    codeId: string;
    notes?: string;
}

export interface WrapUp {
    /** When after-contact work started (contact-centre time when known), for the countdown. */
    startedAt: number;
    timeoutMs?: number;
    /** The codes the contact centre offers; absent until known (the picker then loads them itself). */
    codes?: readonly WrapUpCode[];
    /** The wrap-up the agent submitted, kept so a failed submission can be shown and retried. */
    submission?: WrapUpSubmission;
}

/** The Apex call in flight; its result only counts while the interaction is still in `state`. */
export interface PendingCall {
    call: ApexCall;
    requestId: string;
    state: InteractionState;
}

export interface Transfer {
    target: TransferTarget;
    /** The newest contact-centre time known when the transfer was asked for: older news is about an earlier try. */
    askedAfter: number;
    /**
     * The contact centre asked for a wrap-up of the agent's part while the transfer waits for someone to accept it:
     * the wrap-up opens when it is accepted (the work item stays the agent's until then).
     */
    wrapUpOwed?: { wrapUpTimeoutMs?: number; codes?: readonly WrapUpCode[] };
}

/** What the contact centre says about a conversation routed to this agent. */
export interface ConversationDetails {
    conversationId: string;
    /** The agent's participant: a conversation transferred back to the agent is a new participant. */
    participantId: string;
    channel: Channel;
    queueId?: string;
    queueName?: string;
    customerName?: string;
    /** The queue asks for a wrap-up after the conversation (Genesys participant.wrapupRequired). */
    wrapUpRequired: boolean;
    /** The queue takes a wrap-up code without requiring one (wrap-up prompt Optional): it is offered anyway. */
    wrapUpOptional?: boolean;
    alertingTimeoutMs?: number;
}

export interface Interaction extends ConversationDetails {
    state: InteractionState;
    endReason?: EndReason;
    alertingStartedAt: number;
    wrapUp?: WrapUp;
    /**
     * Done right after the agent's leg ended with no wrap-up asked for yet: the contact centre announces
     * wrap-up after the disconnect, so a wrapUpRequired that follows still opens it.
     */
    wrapUpMayFollow?: boolean;
    transfer?: Transfer;
    workItem: WorkItem;
    tab: ConsoleTab;
    pending?: PendingCall;
    /** How many Apex calls this interaction made: makes request ids unique. */
    requestCount: number;
    /** The last problem to show next to the interaction (a translated label or Apex message). */
    error?: string;
    /** The newest contact-centre time applied: an older event never overrides a newer state. */
    lastEventAt: number;
    /** Recent contact-centre event ids: a redelivered event is ignored. */
    seenEventIds: readonly string[];
}

/**
 * One conversation as the reconciliation snapshot (Apex) reports it for the agent. For a disconnected
 * participant, `wrapUpRequired` means the contact centre still waits for its wrap-up.
 */
export interface ParticipantSnapshot extends ConversationDetails {
    state: 'alerting' | 'connected' | 'disconnected';
    alertingStartedAt?: number;
    disconnectedBy?: DisconnectedBy;
    /** The conversation ended by a transfer to someone else. */
    transferred?: boolean;
    wrapUpStartedAt?: number;
    wrapUpTimeoutMs?: number;
    wrapUpCodes?: readonly WrapUpCode[];
    /** The contact centre already has the wrap-up. */
    wrapUpDone?: boolean;
    /** Relay's own durable wrap-up record, when the contact centre has not got it yet. */
    storedWrapUp?: { status: 'pending' | 'failed'; message?: string };
}

/** An Omni-Channel work item Salesforce still has open for the agent. */
export interface OpenWorkItem {
    agentWorkId: string;
    recordId?: string;
    conversationId?: string;
    accepted: boolean;
}

/** What reconciliation (on load and on reconnect) learns: the contact centre's view plus open work items. */
export interface ContactCentreSnapshot {
    /** Contact-centre time the snapshot was taken. */
    takenAt: number;
    /** Every conversation the contact centre still has for the agent (including wrap-ups Relay still holds). */
    participants: readonly ParticipantSnapshot[];
    workItems?: readonly OpenWorkItem[];
}

/** Fields every contact-centre event (Platform Event or snapshot) carries. */
export interface ContactCentreEventBase {
    conversationId: string;
    participantId: string;
    /** Contact-centre time of the event (ms since epoch). */
    occurredAt: number;
    /** The sender's unique id, when it has one (Relay_Conversation_Event__e.Event_Id__c). */
    eventId?: string;
}

export type AgentIntent =
    | { type: 'pickUp'; viaWorkItem?: boolean }
    | { type: 'disconnect' }
    | { type: 'closeWorkItem'; closed: 'workItem' | 'tab' }
    | { type: 'submitWrapUp'; codeId: string; notes?: string }
    /** Finish an optional wrap-up without a code. */
    | { type: 'skipWrapUp' }
    | { type: 'transfer'; target: TransferTarget }
    | { type: 'dismiss' };

export type ApexResult =
    | { type: 'callSucceeded'; call: ApexCall; requestId: string }
    | { type: 'callFailed'; call: ApexCall; requestId: string; message: string }
    | { type: 'wrapUpStoredForRetry'; requestId: string };

/** Omni-Channel and workspace news about the work item and its tab. */
export type ConsoleEvent =
    | { type: 'workItemRouted'; agentWorkId: string; recordId?: string; accepted?: boolean }
    | { type: 'tabOpened'; tabId: string };

export type ContactCentreEvent = ContactCentreEventBase &
    (
        | ({ type: 'alerting' } & Omit<ConversationDetails, 'conversationId' | 'participantId'>)
        | { type: 'connected' }
        | { type: 'disconnected'; disconnectedBy: DisconnectedBy; wrapUpRequired?: boolean; wrapUpTimeoutMs?: number }
        | { type: 'transferred'; wrapUpRequired?: boolean; wrapUpTimeoutMs?: number }
        | { type: 'transferNotAccepted' }
        | { type: 'wrapUpRequired'; codes?: readonly WrapUpCode[]; timeoutMs?: number }
        | { type: 'wrapUpSubmitted'; wrapUpCode?: string }
        | { type: 'wrapUpFailedForGood'; message?: string }
        | { type: 'alertingTimedOut' }
        | { type: 'snapshot'; participant?: ParticipantSnapshot }
    );

export type InteractionEvent = AgentIntent | ApexResult | ConsoleEvent | ContactCentreEvent;

/** Which interaction an Apex call or the wrap-up picker is for. */
export interface EffectTarget {
    conversationId: string;
    participantId: string;
}

/**
 * What the components must do, in order. Results of the call* effects come back as callSucceeded /
 * callFailed (/ wrapUpStoredForRetry) with the same requestId; openTab's result comes back as tabOpened.
 */
export type Effect =
    | (EffectTarget & { type: 'callPickUp'; requestId: string })
    | (EffectTarget & { type: 'callDisconnect'; requestId: string })
    | (EffectTarget & { type: 'callTransfer'; requestId: string; target: TransferTarget })
    | (EffectTarget & { type: 'callSkipWrapUp'; requestId: string })
    /** Declines an offer (the work item was declined in Omni-Channel): the Apex disconnect of an alerting leg. */
    | (EffectTarget & { type: 'callDecline'; requestId: string })
    | (EffectTarget & {
          type: 'callSubmitWrapUp';
          requestId: string;
          codeId: string;
          notes?: string;
          /** When the agent clicked Done and how long wrap-up took: a retry later must still send these. */
          submittedAt: number;
          durationSeconds: number;
      })
    | { type: 'acceptWorkItem'; agentWorkId: string }
    | { type: 'declineWorkItem'; agentWorkId: string }
    | { type: 'closeWorkItem'; agentWorkId: string }
    | (EffectTarget & { type: 'openTab'; recordId: string })
    | { type: 'closeTab'; tabId?: string; recordId?: string }
    | (EffectTarget & { type: 'openWrapUpPicker' })
    | (EffectTarget & { type: 'closeWrapUpPicker' })
    | { type: 'showError'; message: string }
    | { type: 'showNotice'; message: string }
    | { type: 'setOmniStatus'; status: 'notResponding' };

export interface Transition {
    next: Interaction;
    effects: Effect[];
}
