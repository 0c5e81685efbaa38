// One Apex transaction per controller call or queueable run, for `SELECT ... FOR UPDATE`: a record locked
// by one transaction makes another that locks it wait until the first has finished, so a double click or
// the panel and the picker acting at once run one after the other and the second sees what the first did.
// The preview handlers await callouts, so without this two calls could interleave where Apex cannot.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RecordStore } from '../server/recordStore';

interface Transaction {
    held: Set<string>;
    /** Settles when the transaction ends: what a transaction waiting for one of its locks awaits. */
    ended: Promise<void>;
}

const current = new AsyncLocalStorage<Transaction>();
/** Per record store: record id -> the end of the transaction holding its lock. */
const locks = new WeakMap<RecordStore, Map<string, Promise<void>>>();

/** Runs `body` as one transaction; the locks it takes are released when it ends, however it ends. */
export async function inTransaction<T>(store: RecordStore, body: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const transaction: Transaction = { held: new Set(), ended: new Promise<void>((resolve) => (release = resolve)) };
    try {
        return await current.run(transaction, body);
    } finally {
        const table = locks.get(store);
        for (const id of transaction.held) {
            if (table?.get(id) === transaction.ended) table.delete(id);
        }
        release();
    }
}

/** `FOR UPDATE`: waits for the transactions holding these records, then holds them until this one ends. */
export async function lockRecords(store: RecordStore, ids: readonly string[]): Promise<void> {
    const transaction = current.getStore();
    if (!transaction) return; // a service called outside a controller (a unit test): nothing to wait for
    let table = locks.get(store);
    if (!table) {
        table = new Map();
        locks.set(store, table);
    }
    for (const id of ids) {
        if (transaction.held.has(id)) continue;
        for (let holder = table.get(id); holder; holder = table.get(id)) await holder;
        table.set(id, transaction.ended);
        transaction.held.add(id);
    }
}
