// The org's records, in memory, with an undo journal: every change is recorded so a savepoint can be rolled
// back (Database.rollback), a failed transaction undone, and every Apex test method can start from the data
// its @TestSetup made (Apex Developer Guide, "Transaction Control"; "Isolation of Test Data from
// Organization Data in Unit Tests").
import type { StoredRecord } from '../data/schemaTypes';
import type { ApexValue } from '../runtime/values';

interface JournalEntry {
    readonly id: string;
    /** The record as it was before the change; undefined when the change created it. */
    readonly before: StoredRecord | undefined;
}

export class RecordStore {
    private readonly byObject = new Map<string, Map<string, StoredRecord>>();
    private readonly byId = new Map<string, StoredRecord>();
    private journal: JournalEntry[] = [];

    /** Every stored row of an object (including deleted rows, marked isdeleted). */
    records(objectName: string): Iterable<StoredRecord> {
        return this.byObject.get(objectName.toLowerCase())?.values() ?? [];
    }

    get(id: string): StoredRecord | undefined {
        return this.byId.get(id);
    }

    count(objectName: string): number {
        let n = 0;
        for (const record of this.records(objectName)) if (record.values.get('isdeleted') !== true) n++;
        return n;
    }

    /** Inserts or replaces a record (a copy of `record` is stored). */
    put(record: StoredRecord): void {
        this.journal.push({ id: record.id, before: this.byId.get(record.id) });
        const copy: StoredRecord = { id: record.id, objectName: record.objectName, values: new Map(record.values) };
        this.byId.set(record.id, copy);
        const key = record.objectName.toLowerCase();
        let rows = this.byObject.get(key);
        if (!rows) {
            rows = new Map();
            this.byObject.set(key, rows);
        }
        rows.set(record.id, copy);
    }

    /** Changes some fields of a stored record. */
    update(id: string, values: ReadonlyMap<string, ApexValue>): void {
        const current = this.byId.get(id);
        if (!current) throw new Error(`No record ${id}`);
        const next = new Map(current.values);
        for (const [k, v] of values) next.set(k, v);
        this.put({ id, objectName: current.objectName, values: next });
    }

    /** Removes a record for good (hard delete; the journal can still bring it back). */
    remove(id: string): void {
        const current = this.byId.get(id);
        if (!current) return;
        this.journal.push({ id, before: current });
        this.byId.delete(id);
        this.byObject.get(current.objectName.toLowerCase())?.delete(id);
    }

    /** The records changed (or removed) after `mark`, as they are now; removed ones are absent. */
    changedSince(mark: number): StoredRecord[] {
        const ids = new Set(this.journal.slice(mark).map((entry) => entry.id));
        return [...ids].flatMap((id) => {
            const record = this.byId.get(id);
            return record ? [record] : [];
        });
    }

    /** A point to roll back to. */
    mark(): number {
        return this.journal.length;
    }

    /** Undoes every change made after `mark`. */
    rollback(mark: number): void {
        while (this.journal.length > mark) {
            const entry = this.journal.pop()!;
            const current = this.byId.get(entry.id);
            if (current) {
                this.byId.delete(entry.id);
                this.byObject.get(current.objectName.toLowerCase())?.delete(entry.id);
            }
            if (entry.before) {
                this.byId.set(entry.id, entry.before);
                const key = entry.before.objectName.toLowerCase();
                let rows = this.byObject.get(key);
                if (!rows) {
                    rows = new Map();
                    this.byObject.set(key, rows);
                }
                rows.set(entry.id, entry.before);
            }
        }
    }

    /** Forgets the journal up to now (a committed transaction can no longer be rolled back). */
    commit(): void {
        this.journal = [];
    }
}
