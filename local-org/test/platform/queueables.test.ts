// Queueable Apex (Apex Developer Guide, "Queueable Apex", "Testing Queueable Jobs", "Transaction Finalizers",
// "Execution Governors and Limits": asynchronous limits, 50 jobs enqueued per transaction; Apex Reference,
// "System Class" enqueueJob, "QueueableContext Interface", "FinalizerContext Interface", "ParentJobResult Enum";
// Object Reference, "AsyncApexJob").
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/org/org';
import { apexError, expectTestThrows, loadOrg, runTest } from './helpers';

let org: LocalOrg;
const asyncErrors: unknown[] = [];

before(() => {
    org = loadOrg({ onAsyncError: (error) => asyncErrors.push(error) });
});

describe('System.enqueueJob in a test ("Testing Queueable Jobs")', () => {
    test('returns the Id of a queued AsyncApexJob; the job runs at Test.stopTest with QueueableContext.getJobId', () => {
        const [prefix, before, after, logged] = runTest(
            org,
            `Test.startTest();
             Id jobId = System.enqueueJob(new LogJob('first'));
             System.debug(String.valueOf(jobId).left(3));
             AsyncApexJob job = [SELECT Status, JobType, ApexClass.Name FROM AsyncApexJob WHERE Id = :jobId];
             System.debug(job.Status + ' ' + job.JobType + ' ' + job.ApexClass.Name + ' ' + [SELECT COUNT() FROM Event_Log__c]);
             Test.stopTest();
             System.debug([SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
             System.debug([SELECT Message__c FROM Event_Log__c WHERE Name = 'first'].Message__c == jobId);`
        ).filter((line) => !line.startsWith('job '));
        assert.equal(prefix, '707');
        assert.equal(before, 'Queued Queueable LogJob 0');
        assert.equal(after, 'Completed');
        assert.equal(logged, 'true');
    });

    test('the job runs with its own, asynchronous limits and System.isQueueable()', () => {
        const debug = runTest(
            org,
            `for (Integer i = 0; i < 5; i++) { Integer n = [SELECT COUNT() FROM Widget__c]; }
             Test.startTest();
             System.enqueueJob(new LogJob('limits'));
             Test.stopTest();
             System.debug('test queries ' + Limits.getQueries());`
        );
        assert.deepEqual(debug, ['job queries 0/200', 'job isQueueable true', 'test queries 5']);
    });

    test('more than 50 jobs in one transaction throw LimitException', () => {
        expectTestThrows(
            org,
            `for (Integer i = 0; i < 51; i++) System.enqueueJob(new LogJob('n'));`,
            'System.LimitException',
            'Too many queueable jobs added to the queue: 51'
        );
    });

    test('a job that enqueues another fails in a test: chaining is not allowed there', () => {
        expectTestThrows(
            org,
            `Test.startTest(); System.enqueueJob(new ChainJob()); Test.stopTest();`,
            'System.AsyncException',
            'Maximum stack depth has been reached.'
        );
    });
});

describe('transaction finalizers ("Transaction Finalizers")', () => {
    test('a finalizer runs after a successful job with ParentJobResult.SUCCESS', () => {
        assert.deepEqual(
            runTest(
                org,
                `Test.startTest();
                 Id jobId = System.enqueueJob(new FinalizedJob(false));
                 Test.stopTest();
                 System.debug([SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
                 for (Event_Log__c l : [SELECT Name, Message__c FROM Event_Log__c ORDER BY Name]) System.debug(l.Name + ': ' + l.Message__c);`
            ),
            ['Completed', 'finalizer: SUCCESS', 'job work: null']
        );
    });

    test("after a failed job the finalizer runs with UNHANDLED_EXCEPTION and the exception; the job's DML is rolled back", () => {
        assert.deepEqual(
            runTest(
                org,
                `Test.startTest();
                 Id jobId = System.enqueueJob(new FinalizedJob(true));
                 Test.stopTest();
                 System.debug([SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status);
                 for (Event_Log__c l : [SELECT Name, Message__c FROM Event_Log__c ORDER BY Name]) System.debug(l.Name + ': ' + l.Message__c);`
            ),
            ['Failed', 'finalizer: UNHANDLED_EXCEPTION job failed on purpose']
        );
    });

    test('a finalizer can only be attached from a Queueable', () => {
        expectTestThrows(org, `System.attachFinalizer(new LogFinalizer());`, 'System.AsyncException');
    });
});

describe('Queueables outside tests ("Queueable Apex")', () => {
    test('a job runs after the enqueuing transaction commits, in a transaction of its own', async () => {
        const [jobId] = org.executeAnonymous(`System.debug(System.enqueueJob(new LogJob('outside')));`);
        assert.deepEqual(
            org.executeAnonymous(`System.debug([SELECT Status FROM AsyncApexJob WHERE Id = '${jobId}'].Status);`),
            ['Queued']
        );
        await sleep(20);
        assert.deepEqual(
            org.executeAnonymous(
                `System.debug([SELECT Status FROM AsyncApexJob WHERE Id = '${jobId}'].Status);
                 System.debug([SELECT Message__c FROM Event_Log__c WHERE Name = 'outside'].Message__c);`
            ),
            ['Completed', jobId]
        );
        assert.deepEqual(asyncErrors, []);
    });

    test('a job enqueued by a transaction that rolls back never runs', async () => {
        apexError(() =>
            org.executeAnonymous(`System.enqueueJob(new LogJob('never')); throw new IllegalArgumentException('x');`)
        );
        await sleep(20);
        assert.deepEqual(
            org.executeAnonymous(
                `System.debug([SELECT COUNT() FROM Event_Log__c WHERE Name = 'never']);
                 System.debug([SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'LogJob' AND Status = 'Queued']);`
            ),
            ['0', '0']
        );
    });
});
