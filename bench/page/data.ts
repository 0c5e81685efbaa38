// Deterministic interactions for the benchmark: the same seed gives the same inbox in every run and for
// both subjects. All are New or Open and nobody's, so every one of them is in the queue and on screen.
// relayDigitalInbox gets them as RelayInboxController would return them (RelayInboxItemView, ISO times);
// the datatable gets the InboxItem the product's store makes of each view, so both show the same rows.
import { INBOX_CHANNELS } from 'c/relayInboxModel';
import type { InboxItem } from 'c/relayInboxModel';
import { toInboxItem } from 'c/relayInboxStore';
import type { RelayInboxItemView } from 'c/relayInboxStore';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const NAMES = ['Diana Barry', 'Gilbert Blythe', 'Marilla Cuthbert', 'Rachel Lynde', 'Josie Pye', 'Ruby Gillis'];
const PREVIEWS = ['My invoice shows the wrong amount.', 'Where is my order?', 'Can I change my address?', 'Thanks!'];
const TAGS = ['billing', 'vip', 'teapots', 'complaint', 'delivery'];

/** mulberry32: a small seeded generator, good enough to spread test data. */
function random(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function interaction(id: string, index: number, receivedAt: number, next: () => number): InboxItem {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
    return {
        id,
        channel: pick(INBOX_CHANNELS),
        status: next() < 0.7 ? 'New' : 'Open',
        priority: Math.floor(next() * 6),
        tags: TAGS.filter(() => next() < 0.2),
        receivedAt,
        unread: next() < 0.5,
        customerName: pick(NAMES),
        digitalId: `+1555555${String(index % 10000).padStart(4, '0')}`,
        assignedAgentId: null,
        queueId: 'q-support',
        lastMessagePreview: pick(PREVIEWS)
    };
}

/** `count` interactions received over the hours before T0, in no particular order. */
export function inbox(count: number, seed = 42): InboxItem[] {
    const next = random(seed);
    return Array.from({ length: count }, (_, i) =>
        interaction(`bench-${String(i).padStart(6, '0')}`, i, T0 - Math.floor(next() * 8 * 3600_000), next)
    );
}

/** The interaction as RelayInboxController.getInbox returns it. */
export function toView(item: InboxItem): RelayInboxItemView {
    return {
        id: item.id,
        name: `INT-${item.id.slice(-6)}`,
        channel: item.channel,
        status: item.status,
        priority: item.priority,
        tags: [...item.tags],
        receivedAt: new Date(item.receivedAt).toISOString(),
        unread: item.unread,
        customerName: item.customerName,
        digitalId: item.digitalId,
        assignedAgentId: null,
        assignedAgentName: null,
        queueId: item.queueId,
        queueName: 'Support',
        lastMessagePreview: item.lastMessagePreview,
        conversationId: `conv-${item.id}`,
        wrapUpNeeded: false
    };
}

/** The datatable's row for a view: exactly what the product's store sorts. */
export function toItem(view: RelayInboxItemView): InboxItem {
    const result = toInboxItem(view);
    if ('problem' in result) throw new Error(result.problem);
    return result.item;
}

/**
 * The update scenario: message `index` arrives in an interaction somewhere in the list (the views are in
 * no particular order, so it is out of view but for a 0.1% chance), and the re-read says it was received at
 * the message's time, newer than everything else: it moves to the top. Every index picks a different
 * interaction of a 10,000-row inbox (1237 is prime to 10,000).
 */
export function messageIn(views: readonly RelayInboxItemView[], index: number): RelayInboxItemView {
    const target = views[(index * 1237 + (views.length >> 1)) % views.length];
    return {
        ...target,
        status: 'Open',
        unread: true,
        receivedAt: new Date(T0 + (index + 1) * 60_000).toISOString(),
        lastMessagePreview: `New message ${index}`
    };
}

/** The Relay_Conversation_Event__e payload RelayConversationInbound publishes for a customer message. */
export function customerMessageEvent(view: RelayInboxItemView, index: number): Record<string, unknown> {
    return {
        Event_Id__c: `bench-event-${index}`,
        Type__c: 'conversation.customerMessage',
        Conversation_Id__c: view.conversationId,
        Channel__c: view.channel,
        Queue_Id__c: view.queueId,
        Occurred_At__c: view.receivedAt,
        Data__c: JSON.stringify({ text: view.lastMessagePreview })
    };
}
