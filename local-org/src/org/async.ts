// Queueable Apex and transaction finalizers (Apex Developer Guide, "Queueable Apex", "Transaction
// Finalizers"). A job runs after the transaction that enqueued it commits, in its own transaction with the
// asynchronous limits; its AsyncApexJob record tells its status. In a test, jobs run at Test.stopTest()
// ("Testing Queueable Jobs"), and a job that enqueues another one fails, as chaining is not allowed in tests.
import { ApexPlatformError } from '../runtime/errors';
import { enumValue, type ApexValue } from '../runtime/values';
import type { ApexObject } from '../interpreter/classes';
import { callMethod } from '../interpreter/calls';
import { Frame } from '../interpreter/frame';
import type { ApexThrown } from '../interpreter/exceptions';
import type { LocalOrg } from './org';
import type { QueuedJob } from './transaction';
import { set } from './natives/builtinClass';

export class AsyncJobs {
    /** Jobs committed and waiting to run (in tests, until Test.stopTest()). */
    readonly waiting: QueuedJob[] = [];

    constructor(private readonly org: LocalOrg) {}

    /** System.enqueueJob(job[, delay]): the AsyncApexJob Id. */
    enqueue(job: ApexObject, delay: ApexValue): string {
        const org = this.org;
        const tx = org.tx!;
        if (!job || !org.interp.implementsNamed(job.cls, 'Queueable')) {
            throw new ApexPlatformError('AsyncException', 'System.enqueueJob requires a Queueable');
        }
        if (tx.isTest && tx.job) throw new ApexPlatformError('AsyncException', 'Maximum stack depth has been reached.');
        tx.limits.add('queueableJobs', 1, 'queueable jobs added to the queue');
        const delayMinutes = typeof delay === 'number' ? delay : 0;
        if (delayMinutes < 0 || delayMinutes > 10)
            throw new ApexPlatformError('AsyncException', 'The delay must be between 0 and 10 minutes');
        const apexClass = [...org.store.records('ApexClass')].find(
            (c) => c.values.get('name') === job.cls.topLevel.name
        );
        const id = org.insertRaw('AsyncApexJob', {
            ApexClassId: apexClass?.id ?? null,
            JobType: 'Queueable',
            Status: 'Queued',
            CreatedById: org.runningUserId
        });
        tx.queued.push({ id, job, delayMinutes, depth: (tx.job?.depth ?? 0) + 1 });
        return id;
    }

    /** System.attachFinalizer: only from a running Queueable, once. */
    attachFinalizer(finalizer: ApexObject): null {
        const tx = this.org.tx!;
        if (!tx.job)
            throw new ApexPlatformError('AsyncException', 'Finalizer can only be attached from a Queueable job');
        if (tx.finalizer) throw new ApexPlatformError('AsyncException', 'Finalizer already attached');
        tx.finalizer = finalizer;
        return null;
    }

    /** Runs every waiting job, in the order they were enqueued (Test.stopTest, or the console's scheduler). */
    runWaiting(): void {
        while (this.waiting.length > 0) this.run(this.waiting.shift()!);
    }

    /** Runs one job as its enqueuing user; an uncaught exception fails the job (and is rethrown in a test without finalizer). */
    run(queued: QueuedJob): void {
        const org = this.org;
        const createdBy = org.store.get(queued.id)?.values.get('createdbyid') as string | undefined;
        let finalizer: ApexObject | null = null;
        let failure: ApexThrown | null = null;
        org.store.update(queued.id, new Map([['status', 'Processing']]));
        try {
            org.executor.transaction(
                { userId: createdBy, async: true, job: { id: queued.id, depth: queued.depth } },
                (tx) => {
                    const context = org.interp.instantiate(org.platform.queueableContext, [], 0);
                    set(context, '$jobId', queued.id);
                    const frame = new Frame(queued.job.cls, null, 'execute', false, null, null, 0);
                    try {
                        org.interp.withFrame(frame, () =>
                            callMethod(org.interp, frame, queued.job, 'execute', [context], 0)
                        );
                    } finally {
                        finalizer = tx.finalizer;
                    }
                }
            );
            org.store.update(queued.id, new Map([['status', 'Completed']]));
        } catch (error) {
            failure = org.executor.asApex(error);
            org.store.update(
                queued.id,
                new Map<string, ApexValue>([
                    ['status', 'Failed'],
                    ['extendedstatus', failure ? `${failure.typeName}: ${failure.message ?? ''}` : String(error)]
                ])
            );
            if (!failure) throw error;
        }
        if (finalizer) this.finalize(queued, finalizer, failure, createdBy);
        else if (failure && org.testing.running) throw failure;
    }

    private finalize(
        queued: QueuedJob,
        finalizer: ApexObject,
        failure: ApexThrown | null,
        userId: string | undefined
    ): void {
        const org = this.org;
        org.executor.transaction({ userId, async: true, job: { id: queued.id, depth: queued.depth } }, () => {
            const context = org.interp.instantiate(org.platform.finalizerContext, [], 0);
            set(context, '$jobId', queued.id);
            set(context, '$requestId', queued.id);
            set(
                context,
                '$result',
                enumValue('ParentJobResult', failure ? 'UNHANDLED_EXCEPTION' : 'SUCCESS', failure ? 1 : 0)
            );
            set(context, '$exception', failure?.exception ?? null);
            const frame = new Frame(finalizer.cls, null, 'execute', false, null, null, 0);
            org.interp.withFrame(frame, () => callMethod(org.interp, frame, finalizer, 'execute', [context], 0));
        });
    }
}
