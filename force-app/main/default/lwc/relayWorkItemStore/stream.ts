import type { Scheduler } from 'c/relayOmniChannel';
import { AGENT_SIGNAL_CHANNEL } from './signals';
import { detached } from './debounce';

/*
 * The subscription to the agent's own signal (/topic/RelayAgentSignals, signals.ts) through lightning/empApi, kept
 * alive: when the stream fails (empApi's onError, or a subscribe or its preparation that does not succeed) it
 * subscribes again after a growing delay. Every successful (re)subscription is reported, because events sent while
 * the panel was not subscribed are lost and the panel must reconcile.
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

    /**
     * @param prepare runs before each subscription (registering the agent's signal, so the endpoint knows whom an
     * event names); a failure counts as a failed subscription
     */
    constructor(
        private readonly emp: EmpPort,
        private readonly scheduler: Scheduler,
        private readonly listener: StreamListener,
        private readonly prepare?: () => Promise<unknown>,
        private readonly channel: string = AGENT_SIGNAL_CHANNEL
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
            if (this.prepare) {
                await this.prepare();
                if (generation !== this.generation) {
                    return;
                }
            }
            const subscription = await this.emp.subscribe(this.channel, NEW_EVENTS_ONLY, (message) => {
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
