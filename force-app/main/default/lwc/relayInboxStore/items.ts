/*
 * The Apex item views as the inbox model's InboxItem, and which of them belong in the agent's list.
 */
import { inboxItemProblem, isInQueue, toInboxChannel } from 'c/relayInboxModel';
import type { InboxItem, InboxStatus } from 'c/relayInboxModel';
import type { RelayInboxItemView } from './apexTypes';

/**
 * The InboxItem the model sorts, or the reason it cannot be sorted. Blank optional fields get neutral values
 * (no tags, priority 0, read); a missing channel, status or received time cannot be guessed and is refused.
 */
export function toInboxItem(view: RelayInboxItemView): { item: InboxItem } | { problem: string } {
    const candidate = {
        id: view?.id,
        channel: toInboxChannel(view?.channel) ?? view?.channel,
        status: view?.status,
        priority: view?.priority ?? 0,
        tags: Array.isArray(view?.tags) ? view.tags.filter((t) => typeof t === 'string' && t.trim() !== '') : [],
        receivedAt: view?.receivedAt,
        unread: view?.unread === true,
        customerName: view?.customerName ?? '',
        digitalId: view?.digitalId ?? '',
        assignedAgentId: view?.assignedAgentId ?? null,
        queueId: view?.queueId ?? null,
        lastMessagePreview: view?.lastMessagePreview ?? ''
    };
    const problem = inboxItemProblem(candidate);
    return problem === undefined ? { item: candidate as InboxItem } : { problem };
}

/**
 * Whether the agent's list shows the interaction: everything waiting in the queue (New or Open), and what is
 * assigned to the agent until it is closed (a Resolved interaction stays with its agent until End).
 */
export function belongsInInbox(item: InboxItem, userId: string): boolean {
    return isInQueue(item) || (item.assignedAgentId === userId && item.status !== ('Closed' satisfies InboxStatus));
}

/** Whether two views of the same interaction show the same thing (an unchanged re-read moves nothing). */
export function sameView(a: RelayInboxItemView, b: RelayInboxItemView): boolean {
    const keys = Object.keys({ ...a, ...b }) as Array<keyof RelayInboxItemView>;
    return keys.every((key) => {
        const left = a[key];
        const right = b[key];
        if (Array.isArray(left) || Array.isArray(right)) {
            return JSON.stringify(left ?? []) === JSON.stringify(right ?? []);
        }
        return (left ?? null) === (right ?? null);
    });
}
