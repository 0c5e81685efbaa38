// ORDER BY, LIMIT and OFFSET. "ORDER BY",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm:
// ascending by default; text sorts case-insensitively; nulls sort first by default. The page says only "By default,
// null values are sorted first"; orgs put them first ascending and last descending (nulls are the lowest values,
// e.g. https://sfdcdevelopers.com/2026/05/06/soql-order-by-guide/), which is what is done here.
// OFFSET: "OFFSET", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_offset.htm
// (at most 2,000 rows).
import { raise } from '../../runtime/errors';
import type { ApexValue } from '../../runtime/values';
import type { SoqlOrderItem, SoqlValue } from './ast';
import { compareValues } from './compare';
import type { Run } from './context';

/** Sorts `rows` stably by `orderBy`; `keys` gives a row's value for each order item. */
export function sortRows<T>(rows: readonly T[], orderBy: readonly SoqlOrderItem[], keys: (row: T) => ApexValue[]): T[] {
    if (orderBy.length === 0) return [...rows];
    const decorated = rows.map((row) => ({ row, keys: keys(row) }));
    decorated.sort((a, b) => {
        for (let i = 0; i < orderBy.length; i++) {
            const { descending, nullsLast } = orderBy[i];
            const x = a.keys[i];
            const y = b.keys[i];
            const xNull = x === null || x === undefined;
            const yNull = y === null || y === undefined;
            if (xNull || yNull) {
                if (xNull && yNull) continue;
                const last = nullsLast ?? descending;
                return (xNull ? 1 : -1) * (last ? 1 : -1);
            }
            const c = compareValues(x, y);
            if (c !== 0) return descending ? -c : c;
        }
        return 0;
    });
    return decorated.map((d) => d.row);
}

/** Applies OFFSET then LIMIT. */
export function page<T>(
    run: Run,
    rows: T[],
    limitValue: SoqlValue | undefined,
    offsetValue: SoqlValue | undefined
): T[] {
    const offset = run.count(offsetValue, 'OFFSET') ?? 0;
    if (offset > 2000) raise('QueryException', 'Maximum SOQL offset allowed is 2000');
    const limit = run.count(limitValue, 'LIMIT');
    return rows.slice(offset, limit === undefined ? undefined : offset + limit);
}
