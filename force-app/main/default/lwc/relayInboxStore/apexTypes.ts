/*
 * What RelayInboxController returns (.tmp/API_INBOX.md), field for field the same as the @AuraEnabled Apex
 * classes: `npm run verify:contract` compares them. Any Apex value may be null, so every field allows it.
 */
import type { RelayQueueView } from 'c/relayWorkItemStore';

export type { RelayQueueView };

/** The channels the Apex names: the order of the Channel sort. */
export type RelayInboxChannel = 'chat' | 'email' | 'facebook' | 'instagram' | 'sms' | 'twitter' | 'whatsapp';

export type RelayInboxStatus = 'New' | 'Open' | 'Resolved' | 'Closed';

/** RelayInboxItemView: one Relay_Interaction__c in the digital inbox. */
export interface RelayInboxItemView {
    id: string;
    /** The case number the agent sees (the interaction's number or the contact centre's case id). */
    name: string | null;
    channel: RelayInboxChannel | null;
    status: RelayInboxStatus | null;
    priority: number | null;
    tags: string[] | null;
    /** ISO-8601. */
    receivedAt: string | null;
    unread: boolean | null;
    customerName: string | null;
    /** What identifies the contact on the channel: email address, phone number, Messenger ID... */
    digitalId: string | null;
    assignedAgentId: string | null;
    assignedAgentName: string | null;
    queueId: string | null;
    queueName: string | null;
    lastMessagePreview: string | null;
    /** An email's subject; null for a message. */
    subject?: string | null;
    /** The contact centre's conversation id: what Relay_Conversation_Event__e names. */
    conversationId: string | null;
    /** The agent ended it and the contact centre waits for a wrap-up code: submitWrapUp finishes the End. */
    wrapUpNeeded: boolean | null;
}

/** RelayInboxWrapUpResult: what submitting the wrap-up code of an ended interaction did. */
export interface RelayInboxWrapUpResult {
    /** Submitted, Pending (Relay retries delivery) or Failed (kept for the admin). */
    status: string | null;
    /** A label to show the agent, or null. */
    message: string | null;
    item: RelayInboxItemView | null;
}

/** RelayAssignResult: what one click on an interaction achieved. */
export interface RelayAssignResult {
    /** False when another agent got it first; nothing was changed then. */
    assigned: boolean | null;
    /** Who has it when it was not assigned to the running user. */
    assignedToName: string | null;
    item: RelayInboxItemView | null;
}

/** RelayNoteView: one of the running user's private notes about a contact. */
export interface RelayNoteView {
    id: string;
    body: string | null;
    /** ISO-8601. */
    createdAt: string | null;
}

/** RelayInteractionDetail: an interaction with its contact details and the running user's notes. */
export interface RelayInteractionDetail {
    item: RelayInboxItemView | null;
    /** The Account, Contact or Lead the interaction is about. */
    nameId: string | null;
    nameLabel: string | null;
    /** The Case the interaction relates to. */
    relatesToId: string | null;
    relatesToLabel: string | null;
    notes: RelayNoteView[] | null;
}
