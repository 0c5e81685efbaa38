// SOQL from Apex: counts the query against the transaction's limits, applies record sharing (the class's
// sharing mode, or always in user mode) and object and field permissions in user mode, locks FOR UPDATE rows,
// and shapes the result as Apex sees it: a List of the FROM object's type, or an Integer for COUNT()
// (Apex Developer Guide, "SOQL and SOSL Queries", "Working with SOQL Aggregate Functions", "Locking Statements").
import { runSoql, type SoqlBind, type SoqlQuery } from '../data/soql';
import { ApexList, typeRef, type ApexValue } from '../runtime/values';
import type { LocalOrg } from './org';

export interface QueryOptions {
    /** Sharing from the calling class ("with sharing"); user mode enforces it regardless. */
    readonly enforceSharing: boolean;
    /** Database.query(..., AccessLevel.USER_MODE): user mode for a query that does not say WITH USER_MODE. */
    readonly userMode?: boolean;
    readonly resolveBind: (bind: SoqlBind) => ApexValue;
}

export function runQuery(org: LocalOrg, query: SoqlQuery, options: QueryOptions): ApexValue {
    const tx = org.tx!;
    tx.limits.add('soqlQueries', 1, 'SOQL queries');
    const effective: SoqlQuery =
        options.userMode && query.security === null ? { ...query, security: 'USER_MODE' } : query;
    const userMode = effective.security === 'USER_MODE';
    const userId = org.runningUserId;
    const checker = org.checker();
    const enforce = options.enforceSharing || userMode;
    const result = runSoql(effective, {
        schema: org.schema,
        records: (name) => org.store.records(name),
        byId: (id) => org.store.get(id),
        resolveBind: options.resolveBind,
        isVisible: (record) => !enforce || org.recordAccess.canAccess(record, userId, checker, 'read'),
        canReadObject: (name) => checker.objectAccess(name, 'read'),
        canReadField: (object, field) => checker.fieldAccess(object, field, 'read'),
        nowMs: org.now(),
        userTimeZone: String(org.userValue('TimeZoneSidKey') ?? 'GMT'),
        userId
    });
    tx.limits.add('queryRows', result.rowsCounted, 'query rows');
    if ('count' in result.rows) return result.rows.count;
    if (result.forUpdate) for (const row of result.rows) tx.locked.add(row.get('Id') as string);
    return new ApexList(typeRef(result.objectName), result.rows);
}
