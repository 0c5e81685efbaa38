import type { Scheduler } from 'c/relayOmniChannel';
import { CONVERSATION_EVENT_CHANNEL } from './platformEvents';
import { detached } from './debounce';

/*
 * The subscription to Relay_Conversation_Event__e through lightning/empApi, kept alive: when the stream
 * fails (empApi's onError, or a subscribe that does not succeed) it subscribes again after a growing
 * delay. Every successful (re)subscription is reported, because events sent while the panel was not
 * subscribed are lost and the panel must reconcile.
 */

/** The parts of lightning/empApi the stream uses. */
export interface EmpPort {
    subscribe(channel: string, replayId: number, onMessage: (message: unknown) => void): Promise<unknown>;
    unsubscribe(subscription: unknown): Promise<unknown>;
    onError(listener: (error: unknown) => void): void;
}

export interface StreamListener {
    message(message: unknown): void;
    /** Subscribed (first time or again): whatever happened meanwhile must be fetched. */
    connected(): void;
    /** Not subscribed any more; a new attempt is scheduled. */
    interrupted(): void;
}

/** Waits between attempts; the last one repeats. */
export const RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 5_000, 10_000, 30_000];

/** -1: only events published from now on. Missed ones are recovered by reconciling, not by replay. */
const NEW_EVENTS_ONLY = -1;

export class ConversationStream {
    private subscription: unknown = null;
    private attempt = 0;
    private timer: unknown = null;
    private running = false;
    private errorsWatched = false;
    /** Increments on every (re)connect and stop, so a late subscribe answer for an older attempt is dropped. */
    private generation = 0;

    constructor(
        private readonly emp: EmpPort,
        private readonly scheduler: Scheduler,
        private readonly listener: StreamListener
    ) {}

    start(): void {
        if (this.running) {
            return;
        }
        this.running = true;
        if (!this.errorsWatched) {
            // empApi keeps every onError listener for the page's life, so this one is registered once.
            this.errorsWatched = true;
            this.emp.onError(() => this.failed());
        }
        detached(this.connect());
    }

    stop(): void {
        this.running = false;
        this.generation++;
        this.clearTimer();
        this.drop();
    }

    private async connect(): Promise<void> {
        const generation = ++this.generation;
        try {
            const subscription = await this.emp.subscribe(CONVERSATION_EVENT_CHANNEL, NEW_EVENTS_ONLY, (message) => {
                if (this.running) {
                    this.listener.message(message);
                }
            });
            if (generation !== this.generation) {
                detached(this.emp.unsubscribe(subscription));
                return;
            }
            this.subscription = subscription;
            this.attempt = 0;
            this.listener.connected();
        } catch {
            if (generation === this.generation) {
                this.failed();
            }
        }
    }

    private failed(): void {
        if (!this.running || this.timer !== null) {
            return; // stopped, or a retry is already waiting
        }
        this.generation++;
        this.drop();
        this.listener.interrupted();
        const delay = RETRY_DELAYS_MS[Math.min(this.attempt, RETRY_DELAYS_MS.length - 1)];
        this.attempt++;
        this.timer = this.scheduler.setTimeout(() => {
            this.timer = null;
            if (this.running) {
                detached(this.connect());
            }
        }, delay);
    }

    private drop(): void {
        if (this.subscription !== null) {
            const old = this.subscription;
            this.subscription = null;
            detached(this.emp.unsubscribe(old));
        }
    }

    private clearTimer(): void {
        if (this.timer !== null) {
            this.scheduler.clearTimeout(this.timer);
            this.timer = null;
        }
    }
}
