// Entry points. Each runs as one transaction (Apex Developer Guide, "Apex Transactions"): an uncaught
// exception rolls back its DML and drops the events and jobs it queued; on success its platform events are
// published and its Queueable jobs queued. Static variables start fresh in every transaction, except within one
// test method, where the jobs Test.stopTest() runs see the test's statics.
import { ApexPlatformError } from '../runtime/errors';
import type { ApexThrown } from '../interpreter/exceptions';
import { asApexThrown } from '../interpreter/execute';
import { StaticState } from '../interpreter/interpreter';
import type { LocalOrg } from './org';
import { Transaction } from './transaction';

export interface TransactionOptions {
    /** The running user (the current user when absent). */
    readonly userId?: string;
    readonly async?: boolean;
    readonly job?: { readonly id: string; readonly depth: number };
    /**
     * An @AuraEnabled(cacheable=true) method: no DML (Lightning Web Components Developer Guide, "Call Apex
     * Methods": "a cacheable method can't mutate data"; the platform answers LimitException "Too many DML
     * statements: 1").
     */
    readonly cacheable?: boolean;
}

export class Executor {
    constructor(private readonly org: LocalOrg) {}

    /** Runs `body` as one transaction; rethrows an Apex exception after rolling back. */
    transaction<T>(options: TransactionOptions, body: (tx: Transaction) => T): T {
        const org = this.org;
        const outer = org.tx;
        const tx = new Transaction(org.store.mark(), !!options.async, org.testing.running, options.job ?? null);
        if (options.cacheable) tx.forbidDml();
        const savedStatics = org.interp.statics;
        if (!org.testing.running) org.interp.statics = new StaticState();
        org.tx = tx;
        org.userStack.push(options.userId ?? org.runningUserId);
        try {
            const result = body(tx);
            this.commit(tx);
            return result;
        } catch (error) {
            org.store.rollback(tx.storeMark);
            org.version++;
            throw error;
        } finally {
            org.userStack.pop();
            org.tx = outer;
            if (!org.testing.running) org.interp.statics = savedStatics;
        }
    }

    private commit(tx: Transaction): void {
        const org = this.org;
        if (tx.isTest) {
            org.async.waiting.push(...tx.queued);
        } else {
            const watched = org.options.onCommit ? org.store.changedSince(tx.storeMark) : [];
            if (watched.length > 0) org.options.onCommit?.(watched);
            org.events.afterCommit(tx.pendingEvents);
            for (const job of tx.queued) org.scheduleJob(job);
        }
        if (tx.isTest) org.events.afterCommit(tx.pendingEvents);
    }

    /** An Apex exception from a thrown value, or null for an error of the runtime itself. */
    asApex(error: unknown): ApexThrown | null {
        return asApexThrown(this.org.interp, error);
    }
}

/** Test context: whether a test runs, and its Test.startTest()/stopTest() block. */
export class Testing {
    running = false;

    constructor(private readonly org: LocalOrg) {}

    startTest(): void {
        this.org.tx!.startTest();
    }

    /** Test.stopTest(): runs the Queueables the test enqueued and delivers its platform events. */
    stopTest(): void {
        const org = this.org;
        const tx = org.tx!;
        tx.stopTest();
        org.async.waiting.push(...tx.queued.splice(0));
        org.events.deliver();
        org.async.runWaiting();
    }
}

export { ApexPlatformError };
