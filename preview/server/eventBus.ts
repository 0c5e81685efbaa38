// Platform events in the console: the event bus of the org. The local org hands over each event its Apex
// published once the transaction committed; /__emp streams the events to lightning/empApi subscribers in the platform's message shape, and keeps
// them for replay (replayId -2 = all retained, -1 = new only, n = after n), as the event bus does.
// PushTopic notifications (pushTopics.ts) travel on the same bus, on `/topic/<Name>`, in the PushTopic message shape
// (`{ channel, data: { event: { type, createdDate, replayId }, sobject } }`); unlike a platform event, each one carries
// the view of every user allowed to receive it, and reaches nobody else (live or replayed).
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';

export interface PlatformEventMessage {
    channel: string;
    data: {
        schema: string;
        payload: Record<string, unknown>;
        event: { replayId: number; EventUuid: string };
    };
}

/** A PushTopic notification as a subscriber receives it (Streaming API Developer Guide, PushTopic Queries). */
export interface PushTopicMessage {
    channel: string;
    data: {
        event: { type: 'created' | 'updated' | 'deleted' | 'undeleted'; createdDate: string; replayId: number };
        sobject: Record<string, unknown>;
    };
}

export type StreamMessage = PlatformEventMessage | PushTopicMessage;

/** What the bus holds: a message for every subscriber, or a notification for the users in `views` only. */
export interface BusEntry {
    channel: string;
    replayId: number;
    message?: PlatformEventMessage;
    topic?: {
        type: PushTopicMessage['data']['event']['type'];
        createdDate: string;
        views: Map<string, Record<string, unknown>>;
    };
}

/** The message a subscriber signed in as `userId` receives for an entry, or null when it receives none. */
export function messageFor(entry: BusEntry, userId: string | undefined): StreamMessage | null {
    if (entry.message) return entry.message;
    const view = entry.topic && userId ? entry.topic.views.get(userId) : undefined;
    if (!entry.topic || !view) return null;
    return {
        channel: entry.channel,
        data: {
            event: { type: entry.topic.type, createdDate: entry.topic.createdDate, replayId: entry.replayId },
            sobject: { ...view }
        }
    };
}

const RETAINED = 1000;

export class PlatformEventBus extends EventEmitter {
    private readonly history: BusEntry[] = [];
    private replayId = 0;

    constructor(private readonly now: () => Date = () => new Date()) {
        super();
    }

    /** An event the org published (its fields as JSON values); returns the message subscribers get. */
    publish(eventApiName: string, fields: Record<string, unknown>, createdById?: string): PlatformEventMessage {
        if (!eventApiName.endsWith('__e')) {
            throw new Error(`${eventApiName} is not a platform event (its API name must end in __e)`);
        }
        this.replayId += 1;
        const message: PlatformEventMessage = {
            channel: `/event/${eventApiName}`,
            data: {
                schema: `preview-schema-${eventApiName}`,
                payload: { CreatedDate: this.now().toISOString(), ...fields, CreatedById: createdById ?? null },
                event: { replayId: this.replayId, EventUuid: randomUUID() }
            }
        };
        this.retain({ channel: message.channel, replayId: this.replayId, message });
        return message;
    }

    /**
     * A PushTopic notification (pushTopics.ts): `views` holds, for each user allowed to receive it, the record's
     * fields as that user sees them. Returns the retained entry.
     */
    publishTopic(
        topicName: string,
        type: 'created' | 'updated',
        views: Map<string, Record<string, unknown>>
    ): BusEntry {
        this.replayId += 1;
        const entry: BusEntry = {
            channel: `/topic/${topicName}`,
            replayId: this.replayId,
            topic: { type, createdDate: this.now().toISOString(), views }
        };
        this.retain(entry);
        return entry;
    }

    private retain(entry: BusEntry): void {
        this.history.push(entry);
        if (this.history.length > RETAINED) this.history.shift();
        this.emit('entry', entry);
        if (entry.message) this.emit('event', entry.message);
    }

    /** The retained messages of a channel after `replayId` (-1: none, -2: all retained) that `userId` may receive. */
    replay(channel: string, replayId: number, userId?: string): StreamMessage[] {
        if (replayId === -1) return [];
        return this.history
            .filter((e) => e.channel === channel && (replayId === -2 || e.replayId > replayId))
            .map((e) => messageFor(e, userId))
            .filter((m): m is StreamMessage => m !== null);
    }

    /** The platform events of a channel (every subscriber receives them). */
    subscribe(channel: string, listener: (message: PlatformEventMessage) => void): () => void {
        const forward = (m: PlatformEventMessage): void => {
            if (m.channel === channel) listener(m);
        };
        this.on('event', forward);
        return () => this.off('event', forward);
    }

    /** Every entry the bus retains from now on, platform events and PushTopic notifications alike. */
    onEntry(listener: (entry: BusEntry) => void): () => void {
        this.on('entry', listener);
        return () => this.off('entry', listener);
    }
}
