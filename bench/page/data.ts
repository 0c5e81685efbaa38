// Deterministic interactions for the benchmark: the same seed gives the same inbox in every run and for
// both subjects. All are New or Open, so every one of them is in the queue and on screen.
import { INBOX_CHANNELS } from 'c/relayInboxModel';
import type { InboxItem } from 'c/relayInboxModel';

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

/** A message newer than anything in the inbox: it belongs at the top of the Received list. */
export function newMessage(index: number, seed = 7): InboxItem {
    return interaction(`new-${String(index).padStart(6, '0')}`, index, T0 + index * 1000, random(seed + index));
}
