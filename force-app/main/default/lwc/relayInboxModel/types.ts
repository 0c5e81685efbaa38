/*
 * Types of the digital inbox (the Digital tab): what one interaction in the list carries, how the list can
 * be sorted and filtered. The rules live in order.ts, rules.ts and inboxView.ts.
 */

/** The digital channels, in the order the Channel sort groups them: chat, email, Facebook, Instagram, SMS, Twitter, WhatsApp. */
export const INBOX_CHANNELS = ['chat', 'email', 'facebook', 'instagram', 'sms', 'twitter', 'whatsapp'] as const;
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

/**
 * - New: no agent has responded yet.
 * - Open: the customer replied to the latest agent response.
 * - Resolved: an agent responded to the latest message, or set it resolved.
 * - Closed: an agent ended it.
 */
export const INBOX_STATUSES = ['New', 'Open', 'Resolved', 'Closed'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** The statuses of the interactions that are in the queue: the ones still waiting for an agent. */
export const QUEUE_STATUSES: readonly InboxStatus[] = ['New', 'Open'];

/**
 * The sorts the Digital tab offers. Each one ends with the same tie-breaks (newest received first, then the
 * id), so the order is total: two agents looking at the same interactions see the same list.
 * - received: newest first.
 * - priority: highest priority first.
 * - channel: grouped by channel in the order of INBOX_CHANNELS.
 */
export const INBOX_SORTS = ['received', 'priority', 'channel'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** One interaction in the digital inbox. Treat it as immutable: the rules return a changed copy. */
export interface InboxItem {
    readonly id: string;
    readonly channel: InboxChannel;
    readonly status: InboxStatus;
    /** Routing priority from the contact centre; higher sorts first. */
    readonly priority: number;
    /** Tags from the contact centre. Every organization has its own. */
    readonly tags: readonly string[];
    /** When the interaction was received: epoch milliseconds or an ISO 8601 date-time. */
    readonly receivedAt: number | string;
    /** The customer sent something no agent has opened yet: the inbox shows it in bold. */
    readonly unread: boolean;
    readonly customerName: string;
    /** What identifies the contact on the channel: email address, phone number, Messenger ID, chat ID... */
    readonly digitalId: string;
    /** The Salesforce user the interaction is assigned to; null when nobody has it. */
    readonly assignedAgentId: string | null;
    readonly queueId: string | null;
    readonly lastMessagePreview: string;
}

/**
 * Which interactions the list shows. An empty list means "no restriction" for both fields.
 * - statuses: the interaction's status is one of these (QUEUE_STATUSES for the queue).
 * - tags: the interaction has AT LEAST ONE of these tags (any-of). Selecting more tags shows more
 *   interactions, which is what "Multiple Tags Selected" in the tag drop-down reads as.
 */
export interface InboxFilter {
    readonly statuses: readonly InboxStatus[];
    readonly tags: readonly string[];
}

/** The queue, with no tag selected: what the Digital tab shows first. */
export const QUEUE_FILTER: InboxFilter = Object.freeze({ statuses: QUEUE_STATUSES, tags: [] });

/**
 * What one change did to the visible list, in positions of the sorted, filtered list: `from` is where the
 * interaction was and `to` where it is now, -1 when it is not (or no longer) visible. A virtualized list
 * re-renders only when one of them falls inside its window, or when the list length changed before it.
 */
export interface InboxChange {
    readonly id: string;
    readonly from: number;
    readonly to: number;
}
