// The Salesforce records of the preview (interactions, wrap-ups, Omni-Channel work...), kept in memory.
// Preview Apex handlers read and write them the way the Apex does with SOQL and DML; the page reads them
// through lightning/uiRecordApi. Every change is announced so the server can push it to the page.
import { EventEmitter } from 'node:events';

export type Fields = Record<string, unknown>;
export interface StoredRecord {
    id: string;
    sobject: string;
    fields: Fields;
}
export interface RecordChange {
    kind: 'insert' | 'update' | 'delete';
    record: StoredRecord;
}

/** Three-character key prefixes the preview gives its objects, as the platform does per sObject type. */
const KNOWN_PREFIXES: Record<string, string> = {
    User: '005',
    Contact: '003',
    Account: '001',
    AgentWork: '0Bz',
    PendingServiceRouting: '0JR',
    ServiceChannel: '0N1',
    ServicePresenceStatus: '0N5'
};

export class RecordStore extends EventEmitter {
    private readonly records = new Map<string, StoredRecord>();
    private readonly prefixes = new Map<string, string>(Object.entries(KNOWN_PREFIXES));
    private counter = 0;

    private prefixFor(sobject: string): string {
        let prefix = this.prefixes.get(sobject);
        if (!prefix) {
            prefix = `a${(this.prefixes.size + 10).toString(36).toUpperCase().padStart(2, '0')}`;
            this.prefixes.set(sobject, prefix);
        }
        return prefix;
    }

    /** An 18-character id; unique within the store and stable for a given insertion order. */
    private newId(sobject: string): string {
        this.counter += 1;
        return `${this.prefixFor(sobject)}${String(this.counter).padStart(12, '0')}AAA`;
    }

    /** Inserts a record; `id` is only for fixed records such as the signed-in user. */
    insert(sobject: string, fields: Fields, id?: string): StoredRecord {
        if (id !== undefined && this.records.has(id)) {
            throw new Error(`A record with id ${id} already exists`);
        }
        const record: StoredRecord = { id: id ?? this.newId(sobject), sobject, fields: { ...fields } };
        record.fields.Id = record.id;
        this.records.set(record.id, record);
        this.emit('change', { kind: 'insert', record: structuredClone(record) } satisfies RecordChange);
        return structuredClone(record);
    }

    update(id: string, fields: Fields): StoredRecord {
        const record = this.records.get(id);
        if (!record) {
            throw new Error(`No record with id ${id}`);
        }
        Object.assign(record.fields, fields, { Id: id });
        this.emit('change', { kind: 'update', record: structuredClone(record) } satisfies RecordChange);
        return structuredClone(record);
    }

    delete(id: string): void {
        const record = this.records.get(id);
        if (record) {
            this.records.delete(id);
            this.emit('change', { kind: 'delete', record: structuredClone(record) } satisfies RecordChange);
        }
    }

    get(id: string): StoredRecord | undefined {
        const record = this.records.get(id);
        return record ? structuredClone(record) : undefined;
    }

    /** The records of one sObject type that match, in insertion order (a `SELECT ... WHERE`). */
    query(sobject: string, where: (fields: Fields) => boolean = () => true): StoredRecord[] {
        return [...this.records.values()]
            .filter((r) => r.sobject === sobject && where(r.fields))
            .map((r) => structuredClone(r));
    }

    onChange(listener: (change: RecordChange) => void): () => void {
        this.on('change', listener);
        return () => this.off('change', listener);
    }
}
