// WHERE and HAVING: conditions compiled once per run into tests on rows, so literals, binds and semi-joins are
// converted once and errors in them surface even when no row is examined. Operators: "Comparison Operators",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm;
// AND/OR/NOT: "Logical Operators",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_logicaloperators.htm.
// SOQL logic is two-valued: a null field is simply unequal to a value, so `Name != 'x'` returns rows whose Name
// is null (null values in lookups, same for outer joins:
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_relationships_lookup.htm).
import { raise, unsupported } from '../../runtime/errors';
import type { ApexValue } from '../../runtime/values';
import type { FieldDescribe, ObjectDescribe, StoredRecord } from '../schemaTypes';
import type { SoqlCondition, SoqlOperator, SoqlQuery, SoqlValue } from './ast';
import { compareNum, compareText, sameText, type Num } from './compare';
import type { Run } from './context';
import { normalizeId } from './ids';
import {
    comparableOf,
    domainOf,
    isCollection,
    operandsOf,
    type Comparable,
    type Domain,
    type Operand
} from './operands';
import { objectOf, resolvePath, stripPrefix } from './paths';
import { readPath } from './read';

type Compare = Extract<SoqlCondition, { kind: 'compare' }>;
type ValueTest = (value: ApexValue) => boolean;

/** Combines leaf tests along AND, OR and NOT; `leaf` compiles one comparison. */
export function compileCondition<T>(
    cond: SoqlCondition,
    leaf: (c: Compare) => (row: T) => boolean
): (row: T) => boolean {
    switch (cond.kind) {
        case 'and': {
            const parts = cond.operands.map((c) => compileCondition(c, leaf));
            return (row) => parts.every((test) => test(row));
        }
        case 'or': {
            const parts = cond.operands.map((c) => compileCondition(c, leaf));
            return (row) => parts.some((test) => test(row));
        }
        case 'not': {
            const inner = compileCondition(cond.operand, leaf);
            return (row) => !inner(row);
        }
        case 'compare':
            return leaf(cond);
        case 'unsupported':
            return unsupported(`the SOQL filter ${cond.text}`);
    }
}

function equal(domain: Domain, field: FieldDescribe, a: Comparable, b: Comparable): boolean {
    if (a === null || b === null) return a === b;
    switch (domain) {
        case 'number':
            return compareNum(a as Num, b as Num) === 0;
        case 'text':
            return field.caseSensitive ? a === b : sameText(a as string, b as string);
        case 'multi':
            return sameSet(splitMulti(a as string), splitMulti(b as string));
        default:
            return a === b;
    }
}

function order(domain: Domain, a: Comparable, b: Comparable): number {
    if (domain === 'number') return compareNum(a as Num, b as Num);
    if (domain === 'text' || domain === 'multi') return compareText(a as string, b as string);
    if (typeof a === 'boolean') return Number(a) - Number(b);
    return a! < b! ? -1 : a! > b! ? 1 : 0;
}

function splitMulti(value: string): Set<string> {
    return new Set(
        value
            .split(';')
            .map((v) => v.trim().toUpperCase())
            .filter((v) => v !== '')
    );
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
    return a.size === b.size && [...a].every((v) => b.has(v));
}

/** LIKE: % any run, _ one character, \ escapes; case-insensitive (Comparison Operators page). */
export function likeRegex(pattern: string): RegExp {
    let source = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern[++i]);
        else if (c === '%') source += '[\\s\\S]*';
        else if (c === '_') source += '[\\s\\S]';
        else source += escapeRegex(c);
    }
    return new RegExp(`^${source}$`, 'iu');
}

function escapeRegex(c: string): string {
    return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

function operandTest(
    op: SoqlOperator,
    operand: Operand,
    domain: Domain,
    field: FieldDescribe
): (v: Comparable) => boolean {
    if (operand.kind === 'range') {
        const { start, end } = operand;
        // A date literal is a range: = inside it, > after its end, < before its start (Date Literals page).
        switch (op) {
            case '=':
                return (v) => v !== null && (v as number) >= start && (v as number) < end;
            case '!=':
                return (v) => v === null || (v as number) < start || (v as number) >= end;
            case '<':
                return (v) => v !== null && (v as number) < start;
            case '<=':
                return (v) => v !== null && (v as number) < end;
            case '>':
                return (v) => v !== null && (v as number) >= end;
            case '>=':
                return (v) => v !== null && (v as number) >= start;
            default:
                return raise('QueryException', `invalid operator ${op} with a date literal on field '${field.name}'`);
        }
    }
    const b = operand.value;
    switch (op) {
        case '=':
            return (v) => equal(domain, field, v, b);
        case '!=':
            return (v) => !equal(domain, field, v, b);
        case '<':
            return (v) => v !== null && b !== null && order(domain, v, b) < 0;
        case '<=':
            return (v) => v !== null && b !== null && order(domain, v, b) <= 0;
        case '>':
            return (v) => v !== null && b !== null && order(domain, v, b) > 0;
        case '>=':
            return (v) => v !== null && b !== null && order(domain, v, b) >= 0;
        default:
            return raise('QueryException', `unexpected operator ${op}`);
    }
}

function likeTest(run: Run, value: SoqlValue, field: FieldDescribe, domain: Domain): ValueTest {
    if (domain !== 'text') {
        raise('QueryException', `invalid operator on field '${field.name}': LIKE applies to text fields`);
    }
    let pattern: ApexValue;
    if (value.kind === 'string') pattern = value.pattern;
    else if (value.kind === 'bind') pattern = run.bind(value);
    else pattern = null;
    if (pattern === null) return () => false;
    if (typeof pattern !== 'string') {
        raise('QueryException', `LIKE on field '${field.name}' needs a string, found: ${String(pattern)}`);
    }
    const regex = likeRegex(pattern);
    return (v) => typeof v === 'string' && regex.test(v);
}

/** INCLUDES / EXCLUDES on a multi-select picklist: 'a;b' in the list means both a and b (Comparison Operators). */
function includesTest(run: Run, op: 'INCLUDES' | 'EXCLUDES', value: SoqlValue, field: FieldDescribe): ValueTest {
    if (field.type !== 'multipicklist') {
        raise('QueryException', `invalid operator on field '${field.name}': ${op} applies to multi-select picklists`);
    }
    const terms = operandsOf(run, value, field, 'multi').map((o) =>
        splitMulti(String(o.kind === 'value' ? o.value : ''))
    );
    return (v) => {
        const have = typeof v === 'string' ? splitMulti(v) : new Set<string>();
        const any = terms.some((term) => term.size > 0 && [...term].every((t) => have.has(t)));
        return op === 'INCLUDES' ? any : !any;
    };
}

/** The Ids a semi-join or anti-join subquery selects ("Comparison Operators": semi-joins and anti-joins). */
function semiJoinIds(run: Run, sub: SoqlQuery): Set<string> {
    const object = objectOf(run.schema, sub.from);
    run.access.object(object, 'filter');
    const item = sub.select[0];
    if (sub.select.length !== 1 || item.kind !== 'field') {
        raise('QueryException', 'a semi-join subquery selects exactly one Id or reference field');
    }
    const segments = stripPrefix(run.schema, object, item.path, sub.fromAlias);
    resolvePath(run.schema, object, segments, run.access, 'filter');
    const where = sub.where ? compileWhere(run, sub.where, object, sub.fromAlias).test : () => true;
    const ids = new Set<string>();
    for (const record of run.options.records(object.name)) {
        if (record.objectName !== object.name || !run.readable(record) || !where(record)) continue;
        const id = readPath(run, record, segments);
        if (typeof id === 'string') ids.add(normalizeId(id) ?? id);
    }
    return ids;
}

/** A test on a field value of `field`'s type for `op value`. */
export function valueTest(run: Run, field: FieldDescribe, op: SoqlOperator, value: SoqlValue): ValueTest {
    const domain = domainOf(field);
    if (op === 'LIKE') return likeTest(run, value, field, domain);
    if (op === 'INCLUDES' || op === 'EXCLUDES') return includesTest(run, op, value, field);
    if (value.kind === 'subquery') {
        if (op !== 'IN' && op !== 'NOT IN') raise('QueryException', `a subquery needs IN or NOT IN, found: ${op}`);
        const ids = semiJoinIds(run, value.query);
        return (v) => {
            const id = comparableOf('id', v);
            return (typeof id === 'string' && ids.has(id)) === (op === 'IN');
        };
    }
    const operands = operandsOf(run, value, field, domain);
    const many = op === 'IN' || op === 'NOT IN' || isCollection(run, value);
    if (many) {
        if (op !== '=' && op !== '!=' && op !== 'IN' && op !== 'NOT IN') {
            raise('QueryException', `invalid operator ${op} with a list`);
        }
        const tests = operands.map((o) => operandTest('=', o, domain, field));
        const inside = op === '=' || op === 'IN';
        return (v) => {
            const c = comparableOf(domain, v);
            return tests.some((t) => t(c)) === inside;
        };
    }
    const test = operandTest(op, operands[0], domain, field);
    return (v) => test(comparableOf(domain, v));
}

export interface CompiledWhere {
    readonly test: (record: StoredRecord) => boolean;
    /** Ids the condition limits the rows to (`Id = x`, `Id IN :ids`, alone or ANDed), so no scan is needed. */
    readonly ids?: readonly string[];
}

/** Compiles a WHERE clause on rows of `object`. */
export function compileWhere(run: Run, cond: SoqlCondition, object: ObjectDescribe, alias?: string): CompiledWhere {
    let ids: string[] | undefined;
    const test = compileCondition<StoredRecord>(cond, (c) => {
        if (c.left.kind !== 'field') {
            return raise('QueryException', `Aggregate and other functions are not supported in WHERE: ${c.left.text}`);
        }
        const segments = stripPrefix(run.schema, object, c.left.path, alias);
        const { field } = resolvePath(run.schema, object, segments, run.access, 'filter');
        const test = valueTest(run, field, c.op, c.value);
        if (
            segments.length === 1 &&
            field.type === 'id' &&
            (c.op === '=' || c.op === 'IN') &&
            c.value.kind !== 'subquery'
        ) {
            const pinned = operandsOf(run, c.value, field, 'id').flatMap((o) =>
                o.kind === 'value' && typeof o.value === 'string' ? [o.value] : []
            );
            if (cond === c || (cond.kind === 'and' && cond.operands.includes(c))) ids ??= pinned;
        }
        return (record) => test(readPath(run, record, segments));
    });
    return ids === undefined ? { test } : { test, ids };
}
