// Platform events (Platform Events Developer Guide, "Publishing Platform Event Messages Using Apex"; Apex
// Reference, "EventBus Class"): EventBus.publish validates and assigns each event an id; events publish
// after the transaction commits (PublishAfterCommit), and are then delivered to their Apex triggers and to
// the subscribers outside Apex (the console's empApi). In a test they are delivered at Test.stopTest() or
// Test.getEventBus().deliver() ("Testing Your Platform Event in Apex").
import type { StoredRecord } from '../data/schemaTypes';
import { ApexPlatformError } from '../runtime/errors';
import { ApexDatetime, SObjectValue } from '../runtime/values';
import type { LocalOrg } from './org';
import { runTriggers, TriggerFailure } from './triggers';

export class PlatformEvents {
    /** In a test: events published and not yet delivered. */
    private readonly undelivered: StoredRecord[] = [];
    private replayId = 0;

    constructor(private readonly org: LocalOrg) {}

    /**
     * EventBus.publish: the ids of the published events (each SaveResult succeeds). Each call counts as one DML
     * statement for a Publish After Commit event, and against the separate limit of publish calls for a Publish
     * Immediately one (Apex Reference, "EventBus Class", publish: "Apex governor limits apply, including DML
     * limits").
     */
    publish(records: SObjectValue[]): string[] {
        const tx = this.org.tx!;
        const first = records.find((record) => record) ?? null;
        const definition = first && this.org.project.objects.find((o) => o.name === first.objectName);
        if (definition?.publishBehavior === 'PublishImmediately')
            tx.limits.add('publishImmediateDml', 1, 'EventBus.publish calls');
        else if (first) tx.limits.add('dmlStatements', 1, 'DML statements');
        return records.map((record) => {
            if (!record) throw new ApexPlatformError('NullPointerException', 'Attempt to de-reference a null object');
            const object = this.org.schema.object(record.objectName);
            if (!object || object.kind !== 'platformEvent') {
                throw new ApexPlatformError(
                    'TypeException',
                    `EventBus.publish requires platform events, not ${record.objectName}`
                );
            }
            const id = this.org.ids.next(object.keyPrefix);
            const values = new Map<string, unknown>();
            for (const [key, field] of record.fields) values.set(key, field.value);
            values.set('id', id);
            values.set('createddate', new ApexDatetime(this.org.now()));
            values.set('createdbyid', this.org.runningUserId);
            values.set('replayid', String(++this.replayId));
            tx.pendingEvents.push(stored(object.name, id, values));
            return id;
        });
    }

    /** Each test starts with no undelivered events: a test's events never reach another test. */
    reset(): void {
        this.undelivered.length = 0;
    }

    /** After a transaction commits: deliver its events (held back in a test until delivery is asked for). */
    afterCommit(events: readonly StoredRecord[]): void {
        if (events.length === 0) return;
        if (this.org.testing.running) this.undelivered.push(...events);
        else this.dispatch(events);
    }

    /** Test.getEventBus().deliver() and Test.stopTest(): delivers what the test published. */
    deliver(): void {
        const tx = this.org.tx;
        if (tx) this.undelivered.push(...tx.pendingEvents.splice(0));
        this.dispatch(this.undelivered.splice(0));
    }

    private dispatch(events: readonly StoredRecord[]): void {
        if (events.length === 0) return;
        const byObject = new Map<string, StoredRecord[]>();
        for (const event of events) byObject.set(event.objectName, [...(byObject.get(event.objectName) ?? []), event]);
        for (const [objectName, batch] of byObject) {
            const records = batch.map((e) => {
                const record = new SObjectValue(objectName, false);
                for (const [k, v] of e.values) record.set(this.org.schema.field(objectName, k)?.name ?? k, v);
                return record;
            });
            if (this.org.triggers.some((t) => t.objectName.toLowerCase() === objectName.toLowerCase())) {
                this.org.executor.transaction({ async: true }, () => {
                    try {
                        runTriggers(this.org, objectName, 'after insert', records, null);
                    } catch (error) {
                        throw error instanceof TriggerFailure ? error.thrown : error;
                    }
                });
            }
        }
        // Events published in a test go to the test event bus only, never to subscribers outside Apex.
        if (!this.org.testing.running) this.org.options.eventSink?.(events);
    }
}

function stored(objectName: string, id: string, values: Map<string, unknown>): StoredRecord {
    return { id, objectName, values };
}
