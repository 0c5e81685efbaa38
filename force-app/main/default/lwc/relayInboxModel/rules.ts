/*
 * What the agent's and the customer's actions do to an interaction in the digital inbox. Each rule returns a
 * changed copy; InboxView.upsert puts it back in the list, where it moves in or out of the queue.
 */
import { QUEUE_STATUSES } from './types';
import type { InboxItem } from './types';

/** New and Open interactions are in the queue; Resolved and Closed ones are out of it. */
export function isInQueue(item: InboxItem): boolean {
    return QUEUE_STATUSES.includes(item.status);
}

/** Interactions with bold text are new: the customer sent something no agent has opened yet. */
export function isBold(item: InboxItem): boolean {
    return item.unread;
}

/** The number on the blue bubble: unread interactions in the queue (whatever tag or sort the list shows). */
export function countsAsUnread(item: InboxItem): boolean {
    return item.unread && isInQueue(item);
}

export function unreadCount(items: Iterable<InboxItem>): number {
    let count = 0;
    for (const item of items) {
        if (countsAsUnread(item)) {
            count++;
        }
    }
    return count;
}

function requireId(value: string, what: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
        throw new TypeError(`${what} is required.`);
    }
    return value;
}

/** Clicking an interaction assigns it to the agent who clicked, and the agent has now seen it. */
export function openByAgent(item: InboxItem, agentId: string): InboxItem {
    return {
        ...item,
        assignedAgentId: requireId(agentId, 'The id of the agent opening the interaction'),
        unread: false
    };
}

/**
 * The agent clicked Send: the agent responded to the latest message, so the interaction is Resolved and
 * leaves the queue. The agent stays assigned until End or a transfer.
 */
export function sendReply(item: InboxItem, preview: string = item.lastMessagePreview): InboxItem {
    return { ...item, status: 'Resolved', unread: false, lastMessagePreview: preview };
}

/**
 * The customer replied: the interaction is Open and back in the queue, in bold. Whoever was assigned stays
 * assigned; after End nobody is, and another agent may pick it up.
 */
export function receiveCustomerReply(item: InboxItem, preview: string): InboxItem {
    return { ...item, status: 'Open', unread: true, lastMessagePreview: preview };
}

/** Set as Resolved, for an interaction that needs no response: out of the queue without sending anything. */
export function setAsResolved(item: InboxItem): InboxItem {
    return { ...item, status: 'Resolved' };
}

/** End: the interaction is unassigned and leaves the queue until the customer writes again. */
export function endInteraction(item: InboxItem): InboxItem {
    return { ...item, status: 'Closed', assignedAgentId: null };
}

/**
 * Transfer to another digital queue: nobody has it until that queue's routing assigns it, except when the
 * transferring agent is the only agent in that queue (`onlyAgentInQueue`), who gets it back at once.
 */
export function transferToQueue(item: InboxItem, queueId: string, onlyAgentInQueue: string | null = null): InboxItem {
    return {
        ...item,
        queueId: requireId(queueId, 'The queue to transfer the interaction to'),
        assignedAgentId: onlyAgentInQueue
    };
}
