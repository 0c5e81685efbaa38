// What the worker tells its owner after a commit (the console's Omni-Channel and record waits rely on it): the
// committed records of the watched objects, nothing from a rolled-back transaction, the Queueables queued (with
// their class) to run when the owner's clock says, and changes the platform itself makes outside Apex.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { OrgClient } from '../../src/worker/orgClient';
import type { PlainRecord } from '../../src/worker/protocol';

const PROJECT = path.join(__dirname, '..', 'fixtures', 'platform');
let client: OrgClient;
const changes: PlainRecord[][] = [];
const queued: { jobId: string; className: string; delayMinutes: number }[] = [];

before(async () => {
    client = await OrgClient.start({
        projectDir: PROJECT,
        namedCredentialUrls: {},
        watch: ['Event_Log__c'],
        send: () => Promise.resolve({ ok: false, reason: 'unreachable', message: 'no network in this test' }),
        onChanges: (records) => changes.push([...records]),
        onJobQueued: (jobId, className, delayMinutes) => queued.push({ jobId, className, delayMinutes })
    });
});

after(() => client.close());

/** Resolves once `check` holds; the worker's notices arrive as messages after the call that caused them. */
async function until(check: () => boolean): Promise<void> {
    while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

test('a committed insert of a watched object is reported with its fields; other objects are not', async () => {
    changes.length = 0;
    await client.executeAnonymous(`
        insert new Account(Name = 'Not watched');
        insert new Event_Log__c(Name = 'watched');
    `);
    await until(() => changes.length > 0);
    const records = changes.flat();
    assert.deepEqual(
        records.map((r) => [r.objectName, r.fields.Name]),
        [['Event_Log__c', 'watched']]
    );
});

test('a transaction that fails reports nothing', async () => {
    changes.length = 0;
    await assert.rejects(
        client.executeAnonymous(`
            insert new Event_Log__c(Name = 'rolled back');
            Integer zero = 0;
            Integer boom = 1 / zero;
        `)
    );
    // A later commit is reported, and is the only one.
    await client.executeAnonymous("insert new Event_Log__c(Name = 'after');");
    await until(() => changes.length > 0);
    assert.deepEqual(
        changes.flat().map((r) => r.fields.Name),
        ['after']
    );
});

test('a Queueable is handed to the owner with its class and delay, and runs when the owner says', async () => {
    queued.length = 0;
    changes.length = 0;
    await client.executeAnonymous("System.enqueueJob(new LogJob('later'), 2);");
    await until(() => queued.length > 0);
    assert.deepEqual(
        queued.map(({ className, delayMinutes }) => [className, delayMinutes]),
        [['LogJob', 2]]
    );
    assert.deepEqual(await client.query("SELECT Name FROM Event_Log__c WHERE Name = 'later'"), []);
    await client.runJob(queued[0].jobId);
    assert.equal((await client.query("SELECT Name FROM Event_Log__c WHERE Name = 'later'")).length, 1);
});

test('a change the platform makes is saved without Apex and reported like a commit', async () => {
    await client.executeAnonymous("insert new Event_Log__c(Name = 'platform');");
    const [row] = await client.query("SELECT Id FROM Event_Log__c WHERE Name = 'platform'");
    changes.length = 0;
    await client.platformUpdate(String(row.Id), { Message__c: 'set by the platform' });
    await until(() => changes.length > 0);
    assert.equal(changes.flat()[0].fields.Message__c, 'set by the platform');
    assert.equal((await client.record(String(row.Id)))?.fields.Message__c, 'set by the platform');
});
