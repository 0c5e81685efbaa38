// Time for the simulator. Every timeout (alerting, wrap-up, injected delays, rate-limit windows) goes
// through a Clock, so tests drive time with a ManualClock instead of sleeping; the CLI uses real timers.

export interface TimerHandle {
    readonly id: number;
}

export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    setTimer(callback: () => void, delayMs: number): TimerHandle;
    clearTimer(handle: TimerHandle | undefined): void;
}

/** Resolves after `ms` of clock time (real or manual). */
export function sleep(clock: Clock, ms: number): Promise<void> {
    return new Promise((resolve) => clock.setTimer(resolve, ms));
}

/** Real time and real timers (the CLI and an embedded simulator in the local console). */
export class SystemClock implements Clock {
    private next = 1;
    private readonly timers = new Map<number, NodeJS.Timeout>();

    now(): number {
        return Date.now();
    }

    setTimer(callback: () => void, delayMs: number): TimerHandle {
        const id = this.next++;
        const timer = setTimeout(
            () => {
                this.timers.delete(id);
                callback();
            },
            Math.max(0, delayMs)
        );
        // Pending alerting or wrap-up timeouts must not keep a stopped process alive.
        timer.unref();
        this.timers.set(id, timer);
        return { id };
    }

    clearTimer(handle: TimerHandle | undefined): void {
        if (handle === undefined) return;
        clearTimeout(this.timers.get(handle.id));
        this.timers.delete(handle.id);
    }
}

interface ManualTimer {
    id: number;
    due: number;
    callback: () => void;
}

/** Time that only moves when a test calls advance(); due timers fire in order, including ones they schedule. */
export class ManualClock implements Clock {
    private current: number;
    private next = 1;
    private timers: ManualTimer[] = [];
    private waiters: (() => void)[] = [];

    constructor(start: number | string = '2025-01-06T09:00:00.000Z') {
        this.current = typeof start === 'number' ? start : Date.parse(start);
    }

    now(): number {
        return this.current;
    }

    setTimer(callback: () => void, delayMs: number): TimerHandle {
        const timer = { id: this.next++, due: this.current + Math.max(0, delayMs), callback };
        this.timers.push(timer);
        const waiters = this.waiters;
        this.waiters = [];
        waiters.forEach((w) => w());
        return { id: timer.id };
    }

    clearTimer(handle: TimerHandle | undefined): void {
        if (handle === undefined) return;
        this.timers = this.timers.filter((t) => t.id !== handle.id);
    }

    /** Moves time forward by `ms`, firing every timer that falls due on the way. */
    advance(ms: number): void {
        const target = this.current + ms;
        for (;;) {
            const due = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.id - b.id)[0];
            if (due === undefined) break;
            this.timers = this.timers.filter((t) => t !== due);
            this.current = Math.max(this.current, due.due);
            due.callback();
        }
        this.current = target;
    }

    /** How many timers are pending (for example an injected delay waiting for advance()). */
    get pendingTimers(): number {
        return this.timers.length;
    }

    /** Resolves once at least `count` timers are pending: lets a test wait for a request to reach a delay. */
    whenPending(count = 1): Promise<void> {
        if (this.timers.length >= count) return Promise.resolve();
        return new Promise((resolve) => {
            const check = (): void => {
                if (this.timers.length >= count) resolve();
                else this.waiters.push(check);
            };
            this.waiters.push(check);
        });
    }
}
