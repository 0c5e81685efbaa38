// Database and EventBus statics (Apex Reference, "Database Class", "EventBus Class"): dynamic SOQL with
// binds from the calling scope or a map, DML with allOrNone and an access level, savepoints.
import type * as A from '../../apex/ast';
import { parseSoql, type SoqlBind } from '../../data/soql';
import { ApexPlatformError, UnsupportedError } from '../../runtime/errors';
import { method, type NativeType } from '../../runtime/native';
import { ApexEnumValue, ApexList, ApexMap, SObjectValue, typeRef, type ApexValue } from '../../runtime/values';
import type { ApexObject } from '../../interpreter/classes';
import { evaluateExpr } from '../../interpreter/evaluate';
import { runDml, type DmlOp } from '../dml';
import type { LocalOrg } from '../org';
import { runQuery } from '../query';
import { get, set } from './builtinClass';
import { SObjectFieldToken } from './schema';
import { newResult } from './platformClasses';

const any = (call: (args: ApexValue[]) => ApexValue) => [method(null, 'Object', (args) => call(args))];

function isUserMode(value: ApexValue): boolean {
    return value instanceof ApexEnumValue && value.enumName === 'AccessLevel' && value.name === 'USER_MODE';
}

function accessLevelOf(args: ApexValue[]): { userMode: boolean; rest: ApexValue[] } {
    const last = args[args.length - 1];
    if (last instanceof ApexEnumValue && last.enumName === 'AccessLevel')
        return { userMode: isUserMode(last), rest: args.slice(0, -1) };
    return { userMode: false, rest: args };
}

export function databaseNatives(org: LocalOrg): NativeType[] {
    const interp = org.interp;
    const frame = () => {
        const current = interp.currentFrame;
        if (!current) throw new UnsupportedError('Database called outside Apex');
        return current;
    };

    /** A dynamic SOQL bind `:name` or `:record.Field` read from the calling method's scope. */
    const scopeBind = (bind: SoqlBind): ApexValue => {
        const parts = (bind.name ?? bind.text.replace(/^:/, '')).split('.');
        let expr: A.Expr = { kind: 'name', line: frame().line, name: parts[0], key: parts[0].toLowerCase() };
        for (const part of parts.slice(1))
            expr = {
                kind: 'field',
                line: frame().line,
                target: expr,
                name: part,
                key: part.toLowerCase(),
                safe: false
            };
        try {
            return evaluateExpr(interp, frame(), expr);
        } catch (error) {
            // A dynamic query naming a variable the scope lacks fails when it runs, with a QueryException.
            // unconfirmed: the message (as community answers quote it).
            if (error instanceof UnsupportedError && error.message.startsWith('Variable does not exist'))
                throw new ApexPlatformError('QueryException', `Variable does not exist: ${parts[0]}`);
            throw error;
        }
    };
    const mapBind =
        (binds: ApexMap) =>
        (bind: SoqlBind): ApexValue => {
            const name = (bind.name ?? bind.text.replace(/^:/, '')).toLowerCase();
            for (const [key, value] of binds.entries()) if (String(key).toLowerCase() === name) return value;
            throw new ApexPlatformError(
                'QueryException',
                `Key '${bind.name ?? bind.text}' does not exist in the bindMap`
            );
        };
    const query = (text: ApexValue, resolveBind: (bind: SoqlBind) => ApexValue, userMode: boolean): ApexValue => {
        if (typeof text !== 'string')
            throw new ApexPlatformError('NullPointerException', 'Attempt to de-reference a null object');
        return runQuery(org, parseSoql(text), { enforceSharing: frame().enforceSharing, userMode, resolveBind });
    };
    const count = (result: ApexValue): ApexValue => {
        if (typeof result !== 'number')
            throw new ApexPlatformError('QueryException', 'countQuery requires a SELECT COUNT() query');
        return result;
    };

    const dml = (op: DmlOp, args: ApexValue[]): ApexValue => {
        const { userMode, rest } = accessLevelOf(args);
        let upsertField: string | null = null;
        let options = rest.slice(1);
        if (op === 'upsert' && options[0] instanceof SObjectFieldToken) {
            upsertField = options[0].field.name;
            options = options.slice(1);
        }
        const allOrNoneArg = options[0];
        const allOrNone =
            allOrNoneArg === undefined ? true : allOrNoneArg === true || dmlOptionsAllOrNone(allOrNoneArg);
        const outcomes = runDml(org, op, rest[0], {
            allOrNone,
            userMode,
            enforceSharing: frame().enforceSharing,
            upsertField
        });
        const cls =
            op === 'upsert'
                ? org.platform.upsertResult
                : op === 'delete'
                  ? org.platform.deleteResult
                  : op === 'undelete'
                    ? org.platform.undeleteResult
                    : org.platform.saveResult;
        const results = outcomes.map((o) => newResult(org, cls, o.id, o.failure, o.created));
        if (rest[0] instanceof SObjectValue) return results[0];
        return new ApexList(typeRef(cls.name), results);
    };

    const database: NativeType = {
        name: 'Database',
        namespace: 'System',
        staticMethods: {
            query: any((args) => query(args[0], scopeBind, isUserMode(args[1]))),
            queryWithBinds: any((args) => query(args[0], mapBind(args[1] as ApexMap), isUserMode(args[2]))),
            countQuery: any((args) => count(query(args[0], scopeBind, isUserMode(args[1])))),
            countQueryWithBinds: any((args) => count(query(args[0], mapBind(args[1] as ApexMap), isUserMode(args[2])))),
            insert: any((args) => dml('insert', args)),
            update: any((args) => dml('update', args)),
            upsert: any((args) => dml('upsert', args)),
            delete: any((args) => dml('delete', args)),
            undelete: any((args) => dml('undelete', args)),
            setSavepoint: any(() => {
                org.tx!.limits.add('dmlStatements', 1, 'DML statements');
                const savepoint = interp.instantiate(org.platform.savepoint, [], 0);
                set(savepoint, '$mark', org.store.mark());
                return savepoint;
            }),
            rollback: any((args) => {
                const savepoint = args[0] as ApexObject | null;
                if (!savepoint) throw new ApexPlatformError('NullPointerException', 'Argument cannot be null.');
                org.tx!.limits.add('dmlStatements', 1, 'DML statements');
                org.store.rollback(get(savepoint, '$mark') as number);
                org.version++;
                return null;
            }),
            releaseSavepoint: any(() => null),
            getQueryLocator: any(() => {
                throw new UnsupportedError('Not supported by the local org: Database.getQueryLocator (Batch Apex)');
            }),
            executeBatch: any(() => {
                throw new UnsupportedError('Not supported by the local org: Database.executeBatch (Batch Apex)');
            })
        }
    };
    const eventBus: NativeType = {
        name: 'EventBus',
        namespace: 'System',
        staticMethods: {
            publish: any((args) => {
                const input = args[0];
                const records = input instanceof ApexList ? (input.items as SObjectValue[]) : [input as SObjectValue];
                const ids = org.events.publish(records);
                const results = ids.map((id) => newResult(org, org.platform.saveResult, id, null));
                return input instanceof ApexList ? new ApexList(typeRef('Database.SaveResult'), results) : results[0];
            })
        }
    };
    return [database, eventBus];
}

function dmlOptionsAllOrNone(value: ApexValue): boolean {
    if (value === false) return false;
    throw new UnsupportedError('Not supported by the local org: Database.DMLOptions');
}
