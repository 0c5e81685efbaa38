// One Apex transaction: its governor limit counters, the "uncommitted work" that forbids a callout, the
// records it locked with FOR UPDATE, the platform events and Queueable jobs that wait for it to commit.
// Apex Developer Guide: "Execution Governors and Limits", "Invoking Callouts Using Apex" (uncommitted work),
// "Locking Statements" (locks are released at a callout), "Queueable Apex", "Publishing Platform Events".
import { ApexPlatformError } from '../runtime/errors';
import type { ApexValue } from '../runtime/values';
import type { StoredRecord } from '../data/schemaTypes';
import type { ApexObject } from '../interpreter/classes';

export interface LimitSet {
    readonly soqlQueries: number;
    readonly queryRows: number;
    readonly dmlStatements: number;
    readonly dmlRows: number;
    readonly callouts: number;
    readonly queueableJobs: number;
    readonly cpuTimeMs: number;
    readonly heapSize: number;
    readonly publishImmediateDml: number;
    readonly futureCalls: number;
    readonly emailInvocations: number;
}

/** Per-transaction limits, synchronous and asynchronous (Apex Developer Guide, "Execution Governors and Limits"). */
export const SYNC_LIMITS: LimitSet = {
    soqlQueries: 100,
    queryRows: 50_000,
    dmlStatements: 150,
    dmlRows: 10_000,
    callouts: 100,
    queueableJobs: 50,
    cpuTimeMs: 10_000,
    heapSize: 6_000_000,
    publishImmediateDml: 150,
    futureCalls: 50,
    emailInvocations: 10
};

export const ASYNC_LIMITS: LimitSet = {
    ...SYNC_LIMITS,
    soqlQueries: 200,
    cpuTimeMs: 60_000,
    heapSize: 12_000_000,
    queueableJobs: 1
};

export class LimitCounters {
    soqlQueries = 0;
    queryRows = 0;
    dmlStatements = 0;
    dmlRows = 0;
    callouts = 0;
    queueableJobs = 0;
    publishImmediateDml = 0;
    futureCalls = 0;
    emailInvocations = 0;
    /** CPU time is measured in statements executed, a repeatable estimate: 1 ms per 2,000 statements. */
    statements = 0;

    constructor(readonly limits: LimitSet) {}

    get cpuTimeMs(): number {
        return Math.floor(this.statements / 2000);
    }

    /** Counts `n` of a limited resource; LimitException "Too many X: n+1" when it passes the limit. */
    add(kind: Exclude<keyof LimitSet, 'cpuTimeMs' | 'heapSize'>, n: number, label: string): void {
        this[kind] += n;
        if (this[kind] > this.limits[kind])
            throw new ApexPlatformError('LimitException', `Too many ${label}: ${this[kind]}`);
    }

    tick(): void {
        this.statements++;
        if ((this.statements & 1023) === 0 && this.cpuTimeMs > this.limits.cpuTimeMs) {
            throw new ApexPlatformError('LimitException', 'Apex CPU time limit exceeded');
        }
    }
}

export interface QueuedJob {
    readonly id: string;
    readonly job: ApexObject;
    readonly delayMinutes: number;
    /** The Queueable that enqueued it, for the chaining depth rules. */
    readonly depth: number;
}

export class Transaction {
    limits: LimitCounters;
    /** DML ran since the last callout boundary: a callout now is refused. */
    uncommittedWork = false;
    readonly locked = new Set<string>();
    readonly pendingEvents: StoredRecord[] = [];
    readonly queued: QueuedJob[] = [];
    finalizer: ApexObject | null = null;
    /** Test.startTest() was called and Test.stopTest() not yet. */
    inTestBlock = false;
    testBlockUsed = false;
    private savedLimits: LimitCounters | null = null;

    constructor(
        readonly storeMark: number,
        readonly isAsync: boolean,
        readonly isTest: boolean,
        /** For a Queueable: its job id and chain depth. */
        readonly job: { readonly id: string; readonly depth: number } | null = null
    ) {
        this.limits = new LimitCounters(isAsync ? ASYNC_LIMITS : SYNC_LIMITS);
    }

    /** Test.startTest(): a fresh set of limits for the code under test (Apex Reference, "Test Class", startTest). */
    startTest(): void {
        if (this.testBlockUsed) throw new ApexPlatformError('FinalException', 'Testing already started');
        this.testBlockUsed = true;
        this.inTestBlock = true;
        this.savedLimits = this.limits;
        this.limits = new LimitCounters(this.limits.limits);
        this.uncommittedWork = false;
    }

    /** Test.stopTest(): back to the test's own limits. */
    stopTest(): void {
        if (!this.inTestBlock) throw new ApexPlatformError('FinalException', 'Testing has not started');
        this.inTestBlock = false;
        if (this.savedLimits) this.limits = this.savedLimits;
        this.savedLimits = null;
        this.uncommittedWork = false;
    }

    /** No DML at all in this transaction (a cacheable @AuraEnabled method). */
    forbidDml(): void {
        this.limits = new LimitCounters({ ...this.limits.limits, dmlStatements: 0 });
    }

    /** A callout: refused after uncommitted DML; releases FOR UPDATE locks. */
    beforeCallout(): void {
        if (this.uncommittedWork) {
            throw new ApexPlatformError(
                'CalloutException',
                'You have uncommitted work pending. Please commit or rollback before calling out'
            );
        }
        this.limits.add('callouts', 1, 'callouts');
        this.locked.clear();
    }
}

export type { ApexValue };
