// Aggregate queries: COUNT(field), COUNT_DISTINCT, SUM, AVG, MIN, MAX, GROUP BY and HAVING. Rows are
// AggregateResult SObjects; a grouped field is keyed by its name, an aggregate by its alias or else expr0, expr1...
// counting only unaliased aggregates ("Working with SOQL Aggregate Functions", Apex Developer Guide,
// https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_SOQL_agg_fns.htm;
// "Aggregate Functions", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_agg_functions.htm;
// "GROUP BY", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_groupby.htm).
import { raise, unsupported } from '../../runtime/errors';
import { keyOf, SObjectValue, type ApexValue } from '../../runtime/values';
import type { FieldDescribe, FieldType, ObjectDescribe, StoredRecord } from '../schemaTypes';
import type { SoqlAggregateExpr, SoqlOperand } from './ast';
import { addNum, compareValues, divideNum, numToDecimal, toNum, type Num } from './compare';
import type { Run } from './context';
import { compileCondition, valueTest } from './filter';
import { sortRows, page } from './order';
import { resolvePath, stripPrefix, type ResolvedPath } from './paths';
import { readPath } from './read';

interface Group {
    readonly keyValues: ApexValue[];
    readonly records: StoredRecord[];
    readonly cache: Map<string, ApexValue>;
}

/** Whether the query aggregates: GROUP BY, or an aggregate function other than a lone COUNT(). */
export function isAggregateQuery(select: readonly { kind: string }[], grouped: boolean): boolean {
    return grouped || select.some((item) => item.kind === 'aggregate');
}

function synthetic(name: string, type: FieldType): FieldDescribe {
    return {
        name,
        label: name,
        type,
        nillable: true,
        createable: false,
        updateable: false,
        calculated: true,
        autoNumber: false,
        permissionable: false,
        custom: false
    };
}

// Equal grouping values share a key; text groups case-insensitively, as SOQL compares text.
function groupKey(value: ApexValue): string {
    if (typeof value === 'string') return `s:${value.toUpperCase()}`;
    const n = toNum(value);
    if (n) return `n:${keyOf(numToDecimal(n))}`;
    const key = keyOf(value);
    return typeof key === 'string' ? key : String(key);
}

export function runAggregate(
    run: Run,
    object: ObjectDescribe,
    records: readonly StoredRecord[]
): { rows: SObjectValue[]; rowsCounted: number } {
    const query = run.query;
    const { schema, access } = run;
    if (query.groupBy && query.groupBy.kind !== 'plain') unsupported(`GROUP BY ${query.groupBy.kind.toUpperCase()}`);
    const resolve = (path: readonly string[], clause: 'select' | 'filter'): ResolvedPath =>
        resolvePath(schema, object, stripPrefix(schema, object, path, query.fromAlias), access, clause);
    const groupPaths = (query.groupBy?.items ?? []).map((item) => {
        if (item.kind !== 'field') return unsupported(`GROUP BY ${item.text}`);
        return resolve(item.path, 'filter');
    });
    const groupIndex = (path: readonly string[], text: string): number => {
        const wanted = stripPrefix(schema, object, path, query.fromAlias).join('.').toLowerCase();
        const index = groupPaths.findIndex((g) => g.segments.join('.').toLowerCase() === wanted);
        return index >= 0 ? index : raise('QueryException', `Field must be grouped or aggregated: ${text}`);
    };
    const aggregatePath = (expr: SoqlAggregateExpr): ResolvedPath | null =>
        expr.path ? resolve(expr.path, 'select') : null;

    // Columns of the result, in SELECT order.
    let expr = 0;
    const columns = query.select.map((item) => {
        if (item.kind === 'field') {
            const index = groupIndex(item.path, item.text);
            return { name: item.alias ?? groupPaths[index].name, value: (g: Group) => g.keyValues[index] };
        }
        if (item.kind === 'aggregate') {
            const path = aggregatePath(item);
            return { name: item.alias ?? `expr${expr++}`, value: (g: Group) => aggregateOf(run, item, path, g) };
        }
        if (item.kind === 'subquery') return raise('QueryException', 'a subquery cannot be used in an aggregate query');
        return unsupported(`${item.text} in an aggregate query`);
    });

    const groups = new Map<string, Group>();
    for (const record of records) {
        const keyValues = groupPaths.map((g) => readPath(run, record, g.segments));
        const key = keyValues.map(groupKey).join('\u0000');
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { keyValues, records: [], cache: new Map() }));
        group.records.push(record);
    }
    // Without GROUP BY, an aggregate over no rows still returns one row (COUNT(Id) = 0).
    if (groupPaths.length === 0 && groups.size === 0) groups.set('', { keyValues: [], records: [], cache: new Map() });

    let onlyCounts = query.select.every((item) => item.kind !== 'aggregate' || item.fn === 'COUNT');
    const operandValue = (operand: SoqlOperand): { value: (g: Group) => ApexValue; field: FieldDescribe } => {
        if (operand.kind === 'field') {
            const index = groupIndex(operand.path, operand.text);
            return { value: (g) => g.keyValues[index], field: groupPaths[index].field };
        }
        if (operand.kind === 'function') return unsupported(`${operand.text} in an aggregate query`);
        if (operand.fn !== 'COUNT') onlyCounts = false;
        const path = aggregatePath(operand);
        const type: FieldType =
            operand.fn === 'COUNT' || operand.fn === 'COUNT_DISTINCT'
                ? 'integer'
                : operand.fn === 'MIN' || operand.fn === 'MAX'
                  ? (path?.field.type ?? 'double')
                  : 'double';
        return { value: (g) => aggregateOf(run, operand, path, g), field: synthetic(operand.text, type) };
    };

    let kept = [...groups.values()];
    if (query.having) {
        const having = compileCondition<Group>(query.having, (c) => {
            const { value, field } = operandValue(c.left);
            const test = valueTest(run, field, c.op, c.value);
            return (g) => test(value(g));
        });
        kept = kept.filter(having);
    }
    const orderKeys = query.orderBy.map((item) => operandValue(item.expr).value);
    kept = page(
        run,
        sortRows(kept, query.orderBy, (g) => orderKeys.map((key) => key(g))),
        query.limit,
        query.offset
    );

    const rows = kept.map((group) => {
        const row = new SObjectValue('AggregateResult', true);
        for (const column of columns) row.set(column.name, column.value(group));
        return row;
    });
    // Query rows: COUNT() and COUNT(field) count one row, or one per group; other aggregates count every row
    // aggregated (Working with SOQL Aggregate Functions).
    const rowsCounted = onlyCounts ? (groupPaths.length > 0 ? rows.length : 1) : records.length;
    return { rows, rowsCounted };
}

function aggregateOf(run: Run, expr: SoqlAggregateExpr, path: ResolvedPath | null, group: Group): ApexValue {
    const cacheKey = expr.text.toUpperCase();
    if (group.cache.has(cacheKey)) return group.cache.get(cacheKey);
    const values = path
        ? group.records.map((r) => readPath(run, r, path.segments)).filter((v) => v !== null && v !== undefined)
        : group.records;
    let result: ApexValue = null;
    switch (expr.fn) {
        case 'COUNT':
            result = values.length;
            break;
        case 'COUNT_DISTINCT':
            result = new Set(values.map(groupKey)).size;
            break;
        case 'SUM':
        case 'AVG': {
            const nums = values.map(toNum).filter((n): n is Num => n !== null);
            if (nums.length === 0) break;
            const sum = nums.reduce(addNum);
            result = numToDecimal(expr.fn === 'SUM' ? sum : divideNum(sum, nums.length, sum.scale));
            break;
        }
        case 'MIN':
        case 'MAX':
            for (const v of values) {
                if (result === null || compareValues(v, result) < 0 === (expr.fn === 'MIN')) result = v;
            }
            break;
    }
    group.cache.set(cacheKey, result);
    return result;
}
