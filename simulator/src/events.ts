// Conversation and agent events: kept in a short history, pushed to in-process subscribers (the SSE
// stream at /__sim/events) and, signed, to a configured webhook (Relay's event endpoint).
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import type { Channel } from './model';
import { signedHeaders } from './signing';

/** The seven types Relay's event endpoint accepts (docs/events.md §2.2); the webhook sends only these by default. */
export const RELAY_EVENT_TYPES = [
    'conversation.alerting',
    'conversation.connected',
    'conversation.disconnected',
    'conversation.transferred',
    'conversation.customerMessage',
    'conversation.wrapUpRequired',
    'conversation.wrapUpSubmitted'
] as const;

/** Relay's types plus simulator-only ones for /__sim/events subscribers (the local console's customer panel). */
export type SimEventType =
    | (typeof RELAY_EVENT_TYPES)[number]
    | 'conversation.queued'
    | 'conversation.agentMessage'
    | 'user.presenceChanged'
    | 'user.routingStatusChanged';

/** The body Relay's event endpoint receives (one event per POST). */
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

export interface WebhookConfig {
    url: string;
    secret: string;
    /** Only these event types are delivered (default: RELAY_EVENT_TYPES). */
    types?: SimEventType[];
}

export interface WebhookDelivery {
    eventId: string;
    type: SimEventType;
    url: string;
    status: number | null;
    error?: string;
    deliveredAt: string;
}

const HISTORY_LIMIT = 500;

export class EventHub {
    private history: SimEvent[] = [];
    private readonly subscribers = new Set<(event: SimEvent) => void>();
    private webhook: WebhookConfig | undefined;
    private deliveries: WebhookDelivery[] = [];
    /** Deliveries run one after another so the receiver sees events in the order they happened. */
    private queue: Promise<void> = Promise.resolve();

    constructor(
        private readonly clock: Clock,
        webhook?: WebhookConfig
    ) {
        this.setWebhook(webhook);
    }

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
        const wanted: readonly SimEventType[] = this.webhook?.types ?? RELAY_EVENT_TYPES;
        if (this.webhook !== undefined && wanted.includes(event.type)) {
            const config = this.webhook;
            this.queue = this.queue.then(() => this.deliver(config, event));
        }
        return event;
    }

    /** Events after `sinceEventId` (all kept events when it is unknown or absent). */
    events(sinceEventId?: string): SimEvent[] {
        const at = sinceEventId === undefined ? -1 : this.history.findIndex((e) => e.eventId === sinceEventId);
        return this.history.slice(at + 1);
    }

    /** Sends a kept event to the webhook again: same eventId, signed anew (what a bridge's retry does). */
    redeliver(eventId: string): SimEvent | undefined {
        const event = this.history.find((e) => e.eventId === eventId);
        const config = this.webhook;
        if (event === undefined || config === undefined) return undefined;
        this.queue = this.queue.then(() => this.deliver(config, event));
        return event;
    }

    subscribe(listener: (event: SimEvent) => void): () => void {
        this.subscribers.add(listener);
        return () => this.subscribers.delete(listener);
    }

    setWebhook(config: WebhookConfig | undefined): void {
        if (config !== undefined) {
            const url = new URL(config.url);
            if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('webhook url must be http(s)');
            if (config.secret.length === 0) throw new Error('webhook secret must not be empty');
        }
        this.webhook = config;
    }

    webhookUrl(): string | undefined {
        return this.webhook?.url;
    }

    webhookDeliveries(): WebhookDelivery[] {
        return [...this.deliveries];
    }

    /** Resolves when every webhook POST queued so far has finished. */
    async flush(): Promise<void> {
        let last: Promise<void> | undefined;
        while (last !== this.queue) {
            last = this.queue;
            await last;
        }
    }

    clear(): void {
        this.history = [];
        this.deliveries = [];
    }

    private async deliver(config: WebhookConfig, event: SimEvent): Promise<void> {
        const body = JSON.stringify(event);
        const record: WebhookDelivery = {
            eventId: event.eventId,
            type: event.type,
            url: config.url,
            status: null,
            deliveredAt: new Date(this.clock.now()).toISOString()
        };
        try {
            const response = await fetch(config.url, {
                method: 'POST',
                headers: {
                    'Content-Type': 'application/json',
                    ...signedHeaders(config.secret, body, this.clock.now())
                },
                body,
                signal: AbortSignal.timeout(10_000)
            });
            record.status = response.status;
            await response.arrayBuffer();
        } catch (error) {
            record.error = error instanceof Error ? error.message : String(error);
        }
        this.deliveries.push(record);
        if (this.deliveries.length > HISTORY_LIMIT) this.deliveries.shift();
    }
}
