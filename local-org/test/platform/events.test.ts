// Platform events (Platform Events Developer Guide, "Publish Event Messages with Apex", "Publish Behavior"
// (Publish After Commit), "Subscribe to Platform Event Messages with Apex Triggers", "Test Platform Event
// Triggers": delivered at Test.stopTest() or Test.getEventBus().deliver(); Apex Reference, "EventBus Class").
// The fixture's Order_Event__e publishes after commit; its trigger logs each event as an Event_Log__c.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { StoredRecord } from '../../src/data/schemaTypes';
import type { LocalOrg } from '../../src/org/org';
import { apexError, loadOrg, runTest } from './helpers';

let org: LocalOrg;
const delivered: { codes: string[]; widgetCommitted: boolean }[] = [];

before(() => {
    org = loadOrg({
        eventSink: (events: readonly StoredRecord[]) => {
            // What the subscriber can see when it receives the events: the publisher's committed records.
            const committed = [...org.store.records('Widget__c')].some((w) => w.values.get('code__c') === 'PUB');
            delivered.push({ codes: events.map((e) => String(e.values.get('code__c'))), widgetCommitted: committed });
        }
    });
});

const logs = (): string[] =>
    org.executeAnonymous(
        `for (Event_Log__c l : [SELECT Message__c FROM Event_Log__c ORDER BY Message__c]) System.debug(l.Message__c);`
    );

describe('EventBus.publish (Apex Reference, "EventBus Class")', () => {
    test('returns a SaveResult per event, successful and with an Id; each call is one DML statement', () => {
        assert.deepEqual(
            runTest(
                org,
                `Database.SaveResult one = EventBus.publish(new Order_Event__e(Code__c = 'A'));
                 List<Database.SaveResult> many = EventBus.publish(new List<Order_Event__e>{
                     new Order_Event__e(Code__c = 'B'), new Order_Event__e(Code__c = 'C') });
                 System.debug(one.isSuccess() + ' ' + (one.getId() != null));
                 System.debug(many.size() + ' ' + many[0].isSuccess() + ' ' + many[1].isSuccess());
                 System.debug(Limits.getDmlStatements());`
            ),
            ['true true', '2 true true', '2']
        );
    });
});

describe('delivery in tests ("Test Platform Event Triggers")', () => {
    test('events are delivered to their trigger at Test.stopTest, not before', () => {
        assert.deepEqual(
            runTest(
                org,
                `Test.startTest();
                 EventBus.publish(new Order_Event__e(Code__c = 'T1'));
                 System.debug([SELECT COUNT() FROM Event_Log__c]);
                 Test.stopTest();
                 System.debug([SELECT Message__c FROM Event_Log__c].Message__c);`
            ),
            ['0', 'T1']
        );
    });

    test('Test.getEventBus().deliver() delivers them at once', () => {
        assert.deepEqual(
            runTest(
                org,
                `EventBus.publish(new Order_Event__e(Code__c = 'T2'));
                 Test.getEventBus().deliver();
                 System.debug([SELECT Message__c FROM Event_Log__c].Message__c);`
            ),
            ['T2']
        );
    });

    test("a test's undelivered events never reach the next test", () => {
        runTest(org, `EventBus.publish(new Order_Event__e(Code__c = 'LEAK'));`);
        assert.deepEqual(
            runTest(org, `Test.getEventBus().deliver(); System.debug([SELECT COUNT() FROM Event_Log__c]);`),
            ['0']
        );
    });

    test('the subscriber outside Apex (the eventSink) gets no events from tests', () => {
        delivered.length = 0;
        runTest(org, `EventBus.publish(new Order_Event__e(Code__c = 'T3')); Test.getEventBus().deliver();`);
        assert.deepEqual(delivered, []);
    });
});

describe('delivery outside tests ("Publish Behavior": Publish After Commit)', () => {
    test('events reach the trigger and the subscribers after the publishing transaction commits', () => {
        delivered.length = 0;
        org.executeAnonymous(`
            EventBus.publish(new Order_Event__e(Code__c = 'PUB'));
            insert new Widget__c(Code__c = 'PUB');
        `);
        assert.deepEqual(delivered, [{ codes: ['PUB'], widgetCommitted: true }]);
        assert.deepEqual(logs(), ['PUB']);
    });

    test('events of a transaction that rolls back are never delivered', () => {
        delivered.length = 0;
        const thrown = apexError(() =>
            org.executeAnonymous(`
                EventBus.publish(new Order_Event__e(Code__c = 'LOST'));
                throw new IllegalArgumentException('rolled back');
            `)
        );
        assert.equal(thrown.message, 'rolled back');
        assert.deepEqual(delivered, []);
        assert.ok(!logs().includes('LOST'));
    });
});
