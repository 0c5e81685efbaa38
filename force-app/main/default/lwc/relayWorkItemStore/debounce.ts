import type { Scheduler } from 'c/relayOmniChannel';

/*
 * Search-as-you-type helpers for the dialogs: wait until the agent pauses before asking the server, and
 * show only the answer to the latest question when answers arrive out of order.
 */

/** Timers of the browser, for the components; tests pass a fake scheduler to the pure helpers instead. */
export const browserScheduler: Scheduler = {
    // Debouncing and retrying are what these timers are for.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface Debounced<T> {
    /** Runs `action(value)` once `delayMs` passed without another schedule. */
    schedule(value: T): void;
    /** Runs the waiting value now (e.g. the agent pressed Enter); nothing when nothing waits. */
    flush(): void;
    cancel(): void;
}

export function debounce<T>(action: (value: T) => void, delayMs: number, scheduler: Scheduler): Debounced<T> {
    let timer: unknown = null;
    let waiting: { value: T } | null = null;
    const clear = (): void => {
        if (timer !== null) {
            scheduler.clearTimeout(timer);
            timer = null;
        }
    };
    const flush = (): void => {
        clear();
        if (waiting) {
            const { value } = waiting;
            waiting = null;
            action(value);
        }
    };
    return {
        schedule(value) {
            clear();
            waiting = { value };
            timer = scheduler.setTimeout(flush, delayMs);
        },
        flush,
        cancel() {
            clear();
            waiting = null;
        }
    };
}

/**
 * Starts work nobody waits for. The work reports its own failures (the callers catch and show them), so
 * what reaches here is already handled.
 */
export function detached(work: Promise<unknown>): void {
    work.catch(() => undefined);
}

/** Numbers each request; only the newest one's answer is used. */
export class LatestRequest {
    private latest = 0;

    next(): number {
        return ++this.latest;
    }

    isLatest(ticket: number): boolean {
        return ticket === this.latest;
    }
}
