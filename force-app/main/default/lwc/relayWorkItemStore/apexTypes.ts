/*
 * What the work-item Apex controllers return (see .tmp/API_WORKITEM.md and the @AuraEnabled classes).
 * Field for field the same as the Apex classes: `npm run verify:contract` compares them. Any Apex value may
 * be null, so every field allows it.
 */

/** RelayAgentStatus: the agent's contact-centre presence, mapped to an Omni-Channel status. */
export interface RelayAgentStatus {
    onQueue: boolean | null;
    genesysUserId: string | null;
    presenceName: string | null;
    omniStatusApiName: string | null;
    /** The ServicePresenceStatus record id (0N5...) of omniStatusApiName, which Omni-Channel sets statuses by. */
    omniStatusId: string | null;
    /** On Queue, but the contact centre routes nothing to the agent after a missed offer (NOT_RESPONDING). */
    notResponding?: boolean | null;
}

/** Where an interaction is, as the Apex reports it (Relay_Interaction__c.Work_State__c). */
export type RelayViewState =
    'alerting' | 'connected' | 'disconnecting' | 'wrapUp' | 'wrapUpPending' | 'transferring' | 'done';

/** RelayInteractionView: one Relay_Interaction__c as the agent's console sees it. */
export interface RelayInteractionView {
    /** The Relay_Interaction__c record id: what Omni-Channel routes and the console tab shows. */
    id: string;
    conversationId: string;
    participantId: string | null;
    /** webchat, sms, whatsapp, facebook, instagram, twitter or email. */
    channel: string | null;
    customerName: string | null;
    customerAddress: string | null;
    queueId: string | null;
    queueName: string | null;
    state: RelayViewState | null;
    /** ISO-8601. */
    alertingStartedAt: string | null;
    alertingTimeoutMs: number | null;
    /** ISO-8601. */
    connectedAt: string | null;
    wrapUpRequired: boolean | null;
    /** The queue offers a wrap-up code without requiring one. */
    wrapUpOptional?: boolean | null;
    wrapUpTimeoutMs: number | null;
    /** ISO-8601. */
    wrapUpStartedAt: string | null;
    /** The AgentWork id, or null while nothing is routed. */
    workItemId: string | null;
    /**
     * The record Omni-Channel routes as the work item when it is not the interaction: a Bring Your Own Channel
     * conversation's Messaging Session. Absent or null: the interaction itself.
     */
    workRecordId?: string | null;
    /** A label text to show (e.g. why a wrap-up is pending), or null. */
    message: string | null;
}

/** RelayWrapUpCodeView. */
export interface RelayWrapUpCodeView {
    id: string;
    name: string;
}

export type RelayWrapUpStatus = 'Submitted' | 'Pending' | 'Failed';

/** RelayWrapUpResult: what one Done click achieved. */
export interface RelayWrapUpResult {
    status: RelayWrapUpStatus | null;
    onQueue: boolean | null;
    message: string | null;
    interaction: RelayInteractionView | null;
}

/** RelayQueueView: a contact-centre queue to transfer to. */
export interface RelayQueueView {
    id: string;
    name: string;
}
