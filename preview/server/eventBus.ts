// Platform events in the console: the event bus of the org. The local org hands over each event its Apex
// published once the transaction committed; /__emp streams the events to lightning/empApi subscribers in the platform's message shape, and keeps
// them for replay (replayId -2 = all retained, -1 = new only, n = after n), as the event bus does.
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

const RETAINED = 1000;

export class PlatformEventBus extends EventEmitter {
    private readonly history: PlatformEventMessage[] = [];
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
        this.history.push(message);
        if (this.history.length > RETAINED) this.history.shift();
        this.emit('event', message);
        return message;
    }

    /** The retained events of a channel after `replayId` (-1: none, -2: all retained). */
    replay(channel: string, replayId: number): PlatformEventMessage[] {
        if (replayId === -1) return [];
        return this.history.filter(
            (m) => m.channel === channel && (replayId === -2 || m.data.event.replayId > replayId)
        );
    }

    subscribe(channel: string, listener: (message: PlatformEventMessage) => void): () => void {
        const forward = (m: PlatformEventMessage): void => {
            if (m.channel === channel) listener(m);
        };
        this.on('event', forward);
        return () => this.off('event', forward);
    }
}
