// Time as the connector sees it: real, or driven by a test (leases, retry times and waits all read it).
export interface Clock {
    now(): number;
    /** Resolves after `ms` of this clock's time, or at once when `signal` aborts. */
    wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    wait: (ms, signal) =>
        new Promise((resolve) => {
            if (signal?.aborted) return resolve();
            const timer = setTimeout(done, ms);
            function done(): void {
                clearTimeout(timer);
                signal?.removeEventListener('abort', done);
                resolve();
            }
            signal?.addEventListener('abort', done, { once: true });
        })
};

/** A clock that moves only when a test calls advance(); waits resolve when their time is reached. */
export class ManualClock implements Clock {
    private waiters: { at: number; resolve: () => void }[] = [];

    constructor(private current = Date.parse('2026-11-21T12:00:00.000Z')) {}

    now(): number {
        return this.current;
    }

    wait(ms: number, signal?: AbortSignal): Promise<void> {
        return new Promise((resolve) => {
            if (signal?.aborted) return resolve();
            const waiter = { at: this.current + ms, resolve };
            this.waiters.push(waiter);
            signal?.addEventListener(
                'abort',
                () => {
                    this.waiters = this.waiters.filter((w) => w !== waiter);
                    resolve();
                },
                { once: true }
            );
        });
    }

    advance(ms: number): void {
        this.current += ms;
        const due = this.waiters.filter((w) => w.at <= this.current);
        this.waiters = this.waiters.filter((w) => w.at > this.current);
        for (const w of due) w.resolve();
    }
}
