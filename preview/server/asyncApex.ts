// Queueable Apex in the console (`System.enqueueJob(job, delayMinutes)` in the local org): a job runs after its delay, on
// real timers, outside the request that queued it, and a failure is logged the way Setup > Apex Jobs shows
// it, never reported to the agent. Tests do not wait real minutes: advance(ms) moves this queue's clock
// forward and runs the jobs that fall due.
import { randomBytes } from 'node:crypto';

export interface QueuedJob {
    /** An AsyncApexJob-like id (707...). */
    id: string;
    /** The Queueable class, e.g. RelayWrapUpRetryJob. */
    name: string;
    /** When the job runs, in this queue's clock (ms since epoch). */
    dueAt: number;
}

interface Entry extends QueuedJob {
    run: () => Promise<void> | void;
    timer: NodeJS.Timeout;
}

/** The most minutes System.enqueueJob lets a job wait. */
export const MAX_DELAY_MINUTES = 10;

export class AsyncApexJobs {
    private offsetMs = 0;
    private readonly queued = new Map<string, Entry>();
    private readonly running = new Set<Promise<void>>();
    private closed = false;

    constructor(
        private readonly log: (line: string) => void = (line) => console.error(line),
        private readonly clock: () => number = () => Date.now(),
        /** Moves another clock along with this one (the org's, so Apex sees the same time as its jobs). */
        private readonly onAdvance: (ms: number) => Promise<void> | void = () => undefined
    ) {}

    /** This queue's time: real time plus whatever advance() added. */
    now(): number {
        return this.clock() + this.offsetMs;
    }

    /** `System.enqueueJob(job, delayMinutes)`: returns the job id. */
    enqueue(name: string, delayMinutes: number, run: () => Promise<void> | void): string {
        if (this.closed) throw new Error('The async job queue is closed');
        const minutes = Math.max(0, Math.min(MAX_DELAY_MINUTES, Math.floor(delayMinutes)));
        const id = `707${randomBytes(6).toString('hex').toUpperCase()}AAA`;
        const dueAt = this.now() + minutes * 60_000;
        const timer = setTimeout(() => this.start(id), dueAt - this.now());
        // A job waiting for its delay must not keep a stopped preview alive.
        timer.unref();
        this.queued.set(id, { id, name, dueAt, run, timer });
        return id;
    }

    /** The jobs waiting for their time, soonest first. */
    pending(): QueuedJob[] {
        return [...this.queued.values()]
            .sort((a, b) => a.dueAt - b.dueAt)
            .map(({ id, name, dueAt }) => ({ id, name, dueAt }));
    }

    /** Moves the clock forward by `ms` and runs every job due by then; resolves when they have finished. */
    async advance(ms: number): Promise<void> {
        this.offsetMs += Math.max(0, ms);
        await this.onAdvance(Math.max(0, ms));
        for (const job of this.pending().filter((j) => j.dueAt <= this.now())) this.start(job.id);
        await this.idle();
    }

    /** Resolves when no job is running (jobs a running job queues with a delay are not waited for). */
    async idle(): Promise<void> {
        while (this.running.size > 0) await Promise.all([...this.running]);
    }

    /** Drops the waiting jobs (the server is stopping). */
    close(): void {
        this.closed = true;
        for (const job of this.queued.values()) clearTimeout(job.timer);
        this.queued.clear();
    }

    private start(id: string): void {
        const job = this.queued.get(id);
        if (!job || this.closed) return;
        clearTimeout(job.timer);
        this.queued.delete(id);
        const run = (async () => {
            try {
                await job.run();
            } catch (error) {
                this.log(
                    `preview: queueable ${job.name} (${job.id}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
                );
            }
        })();
        this.running.add(run);
        void run.finally(() => this.running.delete(run));
    }
}
