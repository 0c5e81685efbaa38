// What one evaluation of a query shares across its clauses: the caller's options, the evaluated binds (each
// evaluated once, as Apex evaluates binds before the query runs), permission checks, and the parent records
// already looked up.
import { raise } from '../../runtime/errors';
import type { ApexValue } from '../../runtime/values';
import type { OrgSchema, StoredRecord } from '../schemaTypes';
import type { SoqlBind, SoqlQuery } from './ast';
import { Access, type AccessOptions } from './paths';
import { storedValue } from './paths';

export interface SoqlRunOptions extends AccessOptions {
    readonly schema: OrgSchema;
    /** Every stored row of an object (deleted ones may carry isdeleted = true). */
    records(objectName: string): Iterable<StoredRecord>;
    byId(id: string): StoredRecord | undefined;
    /** Evaluates a bind: the caller knows the Apex scope it belongs to. */
    resolveBind(bind: SoqlBind): ApexValue;
    /** Sharing: false for rows the running user may not see, which the query then skips. */
    isVisible(record: StoredRecord): boolean;
    readonly nowMs: number;
    /** The running user's time zone (date literals are the user's days). */
    readonly userTimeZone: string;
    readonly userId: string;
}

export class Run {
    readonly access: Access;
    readonly schema: OrgSchema;
    private readonly binds = new Map<SoqlBind, ApexValue>();
    private readonly parents = new Map<string, StoredRecord | null>();

    constructor(
        readonly options: SoqlRunOptions,
        readonly query: SoqlQuery
    ) {
        this.schema = options.schema;
        this.access = new Access(options, query.security);
    }

    bind(bind: SoqlBind): ApexValue {
        if (this.binds.has(bind)) return this.binds.get(bind);
        const value = this.options.resolveBind(bind);
        this.binds.set(bind, value);
        return value;
    }

    /** ALL ROWS returns deleted rows too; otherwise isDeleted rows are not there ("ALL ROWS", Apex Developer Guide). */
    live(record: StoredRecord): boolean {
        return this.query.allRows || storedValue(record, 'isdeleted') !== true;
    }

    /** A row the query may return: not deleted (unless ALL ROWS) and visible to the user. */
    readable(record: StoredRecord): boolean {
        return this.live(record) && this.options.isVisible(record);
    }

    /** The parent a lookup points to, or null when it is empty, gone or hidden by sharing. */
    parent(id: ApexValue): StoredRecord | null {
        if (typeof id !== 'string' || id === '') return null;
        let parent = this.parents.get(id);
        if (parent === undefined) {
            const found = this.options.byId(id);
            parent = found && this.readable(found) ? found : null;
            this.parents.set(id, parent);
        }
        return parent;
    }

    /** LIMIT and OFFSET: a literal or an Integer bind. */
    count(value: SoqlQuery['limit'], clause: 'LIMIT' | 'OFFSET'): number | undefined {
        if (!value) return undefined;
        let n: ApexValue;
        if (value.kind === 'number') n = Number(value.text);
        else if (value.kind === 'bind') n = this.bind(value);
        else n = null;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
            raise('QueryException', `${clause} must be a non-negative integer, found: ${String(n)}`);
        }
        return n;
    }
}
