// Runs a SOQL query against the stored rows. Rows come back as SObjects marked fromQuery holding exactly the
// selected fields plus Id ("SOQL SELECT Syntax",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm),
// child subqueries as lists under the child relationship name ("Using Relationship Queries",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_query_using.htm),
// an empty list when a parent has no children, which is what Apex code iterating `acc.Contacts` sees.
import { raise, unsupported } from '../../runtime/errors';
import { ApexList, SObjectValue, typeRef } from '../../runtime/values';
import type { ChildRelationship, ObjectDescribe, StoredRecord } from '../schemaTypes';
import { isAggregateQuery, runAggregate } from './aggregate';
import type { SoqlQuery, SoqlSecurityMode } from './ast';
import { Run, type SoqlRunOptions } from './context';
import { compileWhere } from './filter';
import { normalizeId } from './ids';
import { page, sortRows } from './order';
import { objectOf, resolvePath, storedValue, stripPrefix, unknownRelationship, type Clause } from './paths';
import { placePath, readPath } from './read';

export type { SoqlRunOptions } from './context';

export interface SoqlResult {
    /** The rows, or for `SELECT COUNT() FROM ...` the count. */
    readonly rows: SObjectValue[] | { readonly count: number };
    /** The FROM object's API name, or 'AggregateResult' for aggregate queries. */
    readonly objectName: string;
    readonly forUpdate: boolean;
    readonly securityMode: SoqlSecurityMode;
    /**
     * What counts against the query-rows limit: every row returned, child subquery rows included ("Execution
     * Governors and Limits": the row counts of relationship subqueries contribute to the overall count,
     * https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_gov_limits.htm); COUNT() counts
     * one, other aggregates every row aggregated (see aggregate.ts).
     */
    readonly rowsCounted: number;
    /** API names of the objects the query reads (FROM, parents, subqueries), for CRUD checks. */
    readonly objectsRead: readonly string[];
}

/** A compiled SELECT list: how to fill a result row from a stored row. */
type Filler = (row: SObjectValue, record: StoredRecord) => void;

interface Plan {
    readonly fill: Filler[];
    readonly children: ChildPlan[];
    /** ORDER BY: how to read each order field from a row. */
    readonly orderKeys: ((record: StoredRecord) => unknown)[];
}

interface ChildPlan {
    readonly relationship: ChildRelationship;
    readonly object: ObjectDescribe;
    readonly query: SoqlQuery;
    readonly where: (record: StoredRecord) => boolean;
    readonly plan: Plan;
}

function planSelect(run: Run, object: ObjectDescribe, query: SoqlQuery, clause: Clause): Plan {
    const { schema, access } = run;
    const fill: Filler[] = [];
    const children: ChildPlan[] = [];
    const seen = new Set<string>();
    const once = (key: string, text: string): void => {
        if (seen.has(key)) raise('QueryException', `duplicate field selected: ${text}`);
        seen.add(key);
    };
    for (const item of query.select) {
        switch (item.kind) {
            case 'field': {
                const segments = stripPrefix(schema, object, item.path, query.fromAlias);
                resolvePath(schema, object, segments, access, clause);
                once(segments.join('.').toLowerCase(), item.text);
                fill.push((row, record) => placePath(run, row, record, segments));
                break;
            }
            case 'fields': {
                // FIELDS(ALL) and FIELDS(CUSTOM) are unbounded, which Apex refuses ("FIELDS()",
                // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_fields.htm).
                if (item.which !== 'STANDARD') {
                    raise(
                        'QueryException',
                        'The SOQL FIELDS function is not supported with an unbounded set of fields in this API.'
                    );
                }
                for (const field of object.fields.values()) {
                    if (field.custom || !access.readable(object, field)) continue;
                    once(field.name.toLowerCase(), field.name);
                    fill.push((row, record) => row.set(field.name, storedValue(record, field.name.toLowerCase())));
                }
                break;
            }
            case 'subquery':
                children.push(planChild(run, object, item.query));
                break;
            case 'aggregate':
                return raise('QueryException', `${item.text}: aggregate functions need an aggregate query`);
            case 'function':
            case 'typeof':
                return unsupported(`SOQL ${item.text}`);
        }
    }
    const orderKeys = query.orderBy.map((item) => {
        if (item.expr.kind !== 'field') {
            return raise('QueryException', `ORDER BY ${item.expr.text} needs an aggregate query`);
        }
        const segments = stripPrefix(schema, object, item.expr.path, query.fromAlias);
        resolvePath(schema, object, segments, access, 'filter');
        return (record: StoredRecord) => readPath(run, record, segments);
    });
    return { fill, children, orderKeys };
}

function planChild(run: Run, parent: ObjectDescribe, query: SoqlQuery): ChildPlan {
    if (query.unsupported) unsupported(`SOQL with ${query.unsupported}`);
    const name = query.from.split('.').pop() ?? query.from;
    const relationship =
        run.schema.childRelationship(parent.name, name) ?? unknownRelationship(name, 'FROM part of query call');
    const object = objectOf(run.schema, relationship.childObject);
    run.access.object(object, 'select');
    const plan = planSelect(run, object, query, 'select');
    const where = query.where ? compileWhere(run, query.where, object, query.fromAlias).test : () => true;
    return { relationship, object, query, where, plan };
}

function buildRow(object: ObjectDescribe, record: StoredRecord, plan: Plan): SObjectValue {
    const row = new SObjectValue(object.name, true);
    row.set('Id', record.id);
    for (const fill of plan.fill) fill(row, record);
    return row;
}

/** Fills each parent row's child lists, reading the child object once for all parents. */
function fillChildren(
    run: Run,
    parents: readonly StoredRecord[],
    rows: readonly SObjectValue[],
    child: ChildPlan
): number {
    const byParent = new Map<string, StoredRecord[]>();
    for (const parent of parents) byParent.set(parent.id, []);
    const foreignKey = child.relationship.field.toLowerCase();
    for (const record of run.options.records(child.object.name)) {
        if (record.objectName !== child.object.name) continue;
        const key = storedValue(record, foreignKey);
        const bucket = typeof key === 'string' ? byParent.get(normalizeId(key) ?? key) : undefined;
        if (bucket && run.readable(record) && child.where(record)) bucket.push(record);
    }
    let counted = 0;
    parents.forEach((parent, i) => {
        const sorted = sortRows(byParent.get(parent.id) ?? [], child.query.orderBy, (r) =>
            child.plan.orderKeys.map((key) => key(r))
        );
        const kept = page(run, sorted, child.query.limit, undefined);
        counted += kept.length;
        const items = kept.map((record) => buildRow(child.object, record, child.plan));
        rows[i].set(child.relationship.relationshipName, new ApexList(typeRef(child.object.name), items));
    });
    return counted;
}

function candidates(run: Run, object: ObjectDescribe, ids: readonly string[] | undefined): Iterable<StoredRecord> {
    if (!ids) return run.options.records(object.name);
    const found: StoredRecord[] = [];
    for (const id of new Set(ids)) {
        const record = run.options.byId(id);
        if (record) found.push(record);
    }
    // Ids grow as rows are created, so this keeps the creation order a scan would give.
    return found.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** USING SCOPE: Everything is every row the user may see; Mine the rows they own. */
function scopeTest(run: Run, scope: string | undefined): (record: StoredRecord) => boolean {
    if (!scope || scope.toLowerCase() === 'everything') return () => true;
    if (scope.toLowerCase() === 'mine') return (record) => storedValue(record, 'ownerid') === run.options.userId;
    return unsupported(`SOQL USING SCOPE ${scope}`);
}

/** Runs `query`; the options give the stored rows, sharing, permissions and bind values. */
export function runSoql(query: SoqlQuery, options: SoqlRunOptions): SoqlResult {
    if (query.unsupported) unsupported(`SOQL with ${query.unsupported}`);
    const run = new Run(options, query);
    const object = objectOf(run.schema, query.from);
    run.access.object(object, 'select');
    const lone = query.select.length === 1 ? query.select[0] : undefined;
    const countOnly = lone?.kind === 'aggregate' && lone.fn === 'COUNT' && lone.path === null && !query.groupBy;
    const aggregate = !countOnly && isAggregateQuery(query.select, Boolean(query.groupBy));
    const plan = countOnly || aggregate ? undefined : planSelect(run, object, query, 'select');
    const where = query.where ? compileWhere(run, query.where, object, query.fromAlias) : undefined;
    const inScope = scopeTest(run, query.usingScope);

    const matched: StoredRecord[] = [];
    for (const record of candidates(run, object, where?.ids)) {
        if (record.objectName !== object.name || !run.readable(record) || !inScope(record)) continue;
        if (!where || where.test(record)) matched.push(record);
    }
    const result = (rows: SoqlResult['rows'], objectName: string, rowsCounted: number): SoqlResult => ({
        rows,
        objectName,
        forUpdate: query.forUpdate,
        securityMode: query.security,
        rowsCounted,
        objectsRead: [...run.access.objectsRead]
    });

    if (countOnly) {
        // COUNT() counts one query row ("Working with SOQL Aggregate Functions"); LIMIT caps the count
        // ("LIMIT": "You can use LIMIT with count() ... to count up to the maximum specified").
        return result({ count: page(run, matched, query.limit, query.offset).length }, object.name, 1);
    }
    if (aggregate) {
        const { rows, rowsCounted } = runAggregate(run, object, matched);
        return result(rows, 'AggregateResult', rowsCounted);
    }
    const records = page(
        run,
        sortRows(matched, query.orderBy, (r) => plan!.orderKeys.map((key) => key(r))),
        query.limit,
        query.offset
    );
    const rows = records.map((record) => buildRow(object, record, plan!));
    let rowsCounted = rows.length;
    for (const child of plan!.children) rowsCounted += fillChildren(run, records, rows, child);
    return result(rows, object.name, rowsCounted);
}
