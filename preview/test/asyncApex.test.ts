// Queueable Apex in the preview: a job waits its delay (whole minutes, at most ten, as System.enqueueJob),
// runs outside the request that queued it, and a failure is logged, never thrown at the caller. Tests move
// the queue's clock instead of waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AsyncApexJobs } from '../server/asyncApex';

const START = Date.parse('2026-03-02T10:00:00.000Z');

test('a job runs when its delay has passed on the queue clock, not before', async (t) => {
    const jobs = new AsyncApexJobs(
        () => {},
        () => START
    );
    t.after(() => jobs.close());
    const runs: string[] = [];
    jobs.enqueue('Later', 2, () => {
        runs.push('later');
    });
    jobs.enqueue('Capped', 30, () => {
        runs.push('capped');
    });
    assert.deepEqual(
        jobs.pending().map((j) => [j.name, j.dueAt - START]),
        [
            ['Later', 120_000],
            ['Capped', 600_000]
        ]
    );
    await jobs.advance(119_999);
    assert.deepEqual(runs, []);
    await jobs.advance(1);
    assert.deepEqual(runs, ['later']);
    await jobs.advance(480_000);
    assert.deepEqual(runs, ['later', 'capped']);
    assert.deepEqual(jobs.pending(), []);
});

test('a job that fails is logged with its name, and a job it queues waits its own delay', async (t) => {
    const log: string[] = [];
    const jobs = new AsyncApexJobs(
        (line) => log.push(line),
        () => START
    );
    t.after(() => jobs.close());
    let chained = false;
    jobs.enqueue('Failing', 0, () => {
        jobs.enqueue('Chained', 1, () => {
            chained = true;
        });
        throw new Error('callout refused');
    });
    await jobs.advance(0);
    assert.equal(log.length, 1);
    assert.match(log[0] ?? '', /queueable Failing \(707\w+\) failed: Error: callout refused/);
    assert.equal(chained, false);
    assert.deepEqual(
        jobs.pending().map((j) => j.name),
        ['Chained']
    );
    await jobs.advance(60_000);
    assert.equal(chained, true);
});

test('closing the queue drops the waiting jobs', async () => {
    const jobs = new AsyncApexJobs(
        () => {},
        () => START
    );
    let ran = false;
    jobs.enqueue('Dropped', 1, () => {
        ran = true;
    });
    jobs.close();
    await jobs.advance(60_000);
    assert.equal(ran, false);
    assert.throws(() => jobs.enqueue('Late', 0, () => {}), /closed/);
});
