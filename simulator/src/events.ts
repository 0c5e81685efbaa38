// Conversation and agent events, in process only: kept in a short history and pushed to subscribers (the SSE
// stream at /__sim/events that the local console's customer panel reads, and the notifications API).
// The simulator posts nothing to Relay: like Genesys Cloud, it leaves that to the Relay Connector (connector/).
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import type { Channel } from './model';

/** Relay's seven event types (docs/events.md §2.2) plus simulator-only ones for /__sim/events subscribers. */
export type SimEventType =
    | 'conversation.alerting'
    | 'conversation.connected'
    | 'conversation.disconnected'
    | 'conversation.transferred'
    | 'conversation.customerMessage'
    | 'conversation.wrapUpRequired'
    | 'conversation.wrapUpSubmitted'
    | 'conversation.queued'
    | 'conversation.agentMessage'
    | 'conversation.unassigned'
    | 'user.presenceChanged'
    | 'user.routingStatusChanged';

/** One event, as /__sim/events and /__sim/events/recent carry it. */
export interface SimEvent {
    eventId: string;
    type: SimEventType;
    occurredAt: string;
    conversationId: string | null;
    participantId: string | null;
    userId: string | null;
    queueId: string | null;
    channel: Channel | null;
    data: Record<string, unknown>;
}

export type SimEventInput = Omit<SimEvent, 'eventId' | 'occurredAt'>;

const HISTORY_LIMIT = 500;

export class EventHub {
    private history: SimEvent[] = [];
    private readonly subscribers = new Set<(event: SimEvent) => void>();

    constructor(private readonly clock: Clock) {}

    publish(input: SimEventInput): SimEvent {
        const event: SimEvent = {
            eventId: randomUUID(),
            type: input.type,
            occurredAt: new Date(this.clock.now()).toISOString(),
            conversationId: input.conversationId,
            participantId: input.participantId,
            userId: input.userId,
            queueId: input.queueId,
            channel: input.channel,
            data: input.data
        };
        this.history.push(event);
        if (this.history.length > HISTORY_LIMIT) this.history.shift();
        for (const subscriber of this.subscribers) subscriber(event);
        return event;
    }

    /** Events after `sinceEventId` (all kept events when it is unknown or absent). */
    events(sinceEventId?: string): SimEvent[] {
        const at = sinceEventId === undefined ? -1 : this.history.findIndex((e) => e.eventId === sinceEventId);
        return this.history.slice(at + 1);
    }

    subscribe(listener: (event: SimEvent) => void): () => void {
        this.subscribers.add(listener);
        return () => this.subscribers.delete(listener);
    }

    clear(): void {
        this.history = [];
    }
}
