// Parse tree -> SOQL AST. One builder serves inline SOQL (binds are Apex expressions handed to the
// interpreter's callback) and dynamic SOQL (parse.ts, binds are variable names); they differ only in how a
// `:bind` becomes a SoqlBind. Clause grammar: "SOQL SELECT Syntax",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
import type {
    ApexParserRuleContext,
    BoundExpressionContext,
    ConditionalExpressionContext,
    DateFormulaContext,
    ExpressionContext,
    FieldNameContext,
    FieldOrderContext,
    LimitClauseContext,
    LogicalExpressionContext,
    OffsetClauseContext,
    QueryContext,
    SelectEntryContext,
    SoqlFunctionContext,
    SubFieldEntryContext,
    SubQueryContext,
    ValueContext,
    WhereConditionalExpressionContext,
    WhereLogicalExpressionContext
} from '@apexdevtools/apex-parser';
import type {
    SoqlAggregateFunction,
    SoqlBind,
    SoqlCondition,
    SoqlDateLiteralName,
    SoqlOperand,
    SoqlOperator,
    SoqlOrderItem,
    SoqlQuery,
    SoqlSelectItem,
    SoqlValue
} from './ast';
import { decodeStringLiteral, parseDateLiteral, parseDateTimeLiteral } from './literals';

export type BindFactory = (ctx: BoundExpressionContext) => SoqlBind;

/** The source text of a context, whitespace and all (getText() drops whitespace). */
export function sourceText(ctx: ApexParserRuleContext): string {
    const stop = ctx.stop ?? ctx.start;
    return ctx.start.getInputStream().getText(ctx.start.start, stop.stop);
}

/** Inline SOQL in Apex: `bind` turns each `:expr` into whatever the interpreter later evaluates. */
export function soqlFromContext(ctx: QueryContext, bind: (expr: ExpressionContext) => unknown): SoqlQuery {
    return buildQuery(ctx, (b) => ({ kind: 'bind', ref: bind(b.expression()), text: sourceText(b.expression()) }));
}

const AGGREGATES: ReadonlySet<string> = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

function path(ctx: FieldNameContext): string[] {
    return ctx.soqlId_list().map((id) => id.getText());
}

function functionOperand(ctx: SoqlFunctionContext): SoqlOperand {
    const name = ctx.getChild(0).getText().toUpperCase();
    const text = sourceText(ctx);
    if (AGGREGATES.has(name)) {
        const field = ctx.fieldName();
        return { kind: 'aggregate', fn: name as SoqlAggregateFunction, path: field ? path(field) : null, text };
    }
    return { kind: 'function', name, text };
}

function selectItem(ctx: SelectEntryContext | SubFieldEntryContext, binds: BindFactory): SoqlSelectItem {
    const alias = ctx.soqlId()?.getText();
    const withAlias = <T extends object>(item: T): T & { alias?: string } => (alias ? { ...item, alias } : item);
    const sub = ctx.subQuery();
    if (sub) return { kind: 'subquery', query: buildSubquery(sub, binds) };
    if (ctx.typeOf()) return { kind: 'typeof', text: sourceText(ctx) };
    const fn = ctx.soqlFunction();
    if (fn) {
        const fields = fn.soqlFieldsParameter();
        if (fields) {
            const which = fields.getText().toUpperCase() as 'ALL' | 'STANDARD' | 'CUSTOM';
            return { kind: 'fields', which, text: sourceText(fn) };
        }
        return withAlias(functionOperand(fn));
    }
    const field = ctx.fieldName();
    return withAlias({ kind: 'field', path: path(field), text: sourceText(field) });
}

function operator(text: string): SoqlOperator {
    const op = text.replace(/\s+/g, '').toUpperCase();
    if (op === '<>') return '!=';
    if (op === 'NOTIN') return 'NOT IN';
    return op as SoqlOperator;
}

function dateFormula(ctx: DateFormulaContext): SoqlValue {
    const text = sourceText(ctx);
    const [name, n] = text.split(':');
    const literal = name.trim().toUpperCase() as SoqlDateLiteralName;
    return n === undefined
        ? { kind: 'dateLiteral', name: literal, text }
        : { kind: 'dateLiteral', name: literal, n: Number(n.trim()), text };
}

function value(ctx: ValueContext, binds: BindFactory): SoqlValue {
    if (ctx.NULL()) return { kind: 'null' };
    const bool = ctx.BooleanLiteral();
    if (bool) return { kind: 'boolean', value: bool.getText().toLowerCase() === 'true' };
    const num = ctx.signedNumber();
    if (num) return { kind: 'number', text: num.getText() };
    const str = ctx.StringLiteral() ?? ctx.MultilineStringLiteral();
    if (str) return { kind: 'string', ...decodeStringLiteral(str.getText()) };
    const date = ctx.DateLiteral();
    if (date) return { kind: 'date', epochDay: parseDateLiteral(date.getText()), text: date.getText() };
    const datetime = ctx.DateTimeLiteral();
    if (datetime) {
        return { kind: 'datetime', epochMs: parseDateTimeLiteral(datetime.getText()), text: datetime.getText() };
    }
    const time = ctx.TimeLiteral();
    if (time) return { kind: 'time', text: time.getText() };
    const formula = ctx.dateFormula();
    if (formula) return dateFormula(formula);
    // Currency-prefixed numbers (USD100.5) in multi-currency orgs; the amount is what is compared here.
    if (ctx.IntegralCurrencyLiteral()) return { kind: 'number', text: ctx.getText().replace(/^[a-z]{3}/i, '') };
    const sub = ctx.subQuery();
    if (sub) return { kind: 'subquery', query: buildSubquery(sub, binds) };
    const list = ctx.valueList();
    if (list) return { kind: 'list', values: list.value_list().map((v) => value(v, binds)) };
    return binds(ctx.boundExpression());
}

type LogicalContext = WhereLogicalExpressionContext | LogicalExpressionContext;
type ConditionalContext = WhereConditionalExpressionContext | ConditionalExpressionContext;

function logical(ctx: LogicalContext, binds: BindFactory): SoqlCondition {
    const parts: ConditionalContext[] =
        'whereConditionalExpression_list' in ctx
            ? ctx.whereConditionalExpression_list()
            : ctx.conditionalExpression_list();
    const operands = parts.map((part) => conditional(part, binds));
    if (ctx.NOT()) return { kind: 'not', operand: operands[0] };
    if (ctx.SOQLAND_list().length > 0) return { kind: 'and', operands };
    if (ctx.SOQLOR_list().length > 0) return { kind: 'or', operands };
    return operands[0];
}

function conditional(ctx: ConditionalContext, binds: BindFactory): SoqlCondition {
    const nested = 'whereLogicalExpression' in ctx ? ctx.whereLogicalExpression() : ctx.logicalExpression();
    if (nested) return logical(nested, binds);
    const wrapper = 'whereFieldExpression' in ctx ? ctx.whereFieldExpression() : null;
    const field = wrapper ? wrapper.fieldExpression() : (ctx as ConditionalExpressionContext).fieldExpression();
    if (!field) return { kind: 'unsupported', text: sourceText(ctx) };
    const name = field.fieldName();
    const left: SoqlOperand = name
        ? { kind: 'field', path: path(name), text: sourceText(name) }
        : functionOperand(field.soqlFunction());
    return {
        kind: 'compare',
        left,
        op: operator(sourceText(field.comparisonOperator())),
        value: value(field.value(), binds),
        text: sourceText(field)
    };
}

function orderItem(ctx: FieldOrderContext): SoqlOrderItem {
    const name = ctx.fieldName();
    const expr: SoqlOperand = name
        ? { kind: 'field', path: path(name), text: sourceText(name) }
        : functionOperand(ctx.soqlFunction());
    const descending = Boolean(ctx.DESC());
    if (!ctx.NULLS()) return { expr, descending };
    return { expr, descending, nullsLast: Boolean(ctx.LAST()) };
}

function count(ctx: LimitClauseContext | OffsetClauseContext | null, binds: BindFactory): SoqlValue | undefined {
    if (!ctx) return undefined;
    const literal = ctx.IntegerLiteral();
    return literal ? { kind: 'number', text: literal.getText() } : binds(ctx.boundExpression());
}

function fromOf(ctx: QueryContext | SubQueryContext): { from: string; fromAlias?: string; unsupported?: string } {
    const names = ctx.fromNameList().fieldName_list();
    const alias = ctx.fromNameList().soqlId_list()[0]?.getText();
    const from = names[0].getText();
    const unsupported = names.length > 1 ? `several objects in FROM (${sourceText(ctx.fromNameList())})` : undefined;
    return { from, ...(alias ? { fromAlias: alias } : {}), ...(unsupported ? { unsupported } : {}) };
}

function forFlags(ctx: QueryContext | SubQueryContext): Pick<SoqlQuery, 'forUpdate' | 'forView' | 'forReference'> {
    const clauses = ctx.forClauses();
    return {
        forUpdate: clauses.UPDATE_list().length > 0,
        forView: clauses.VIEW_list().length > 0,
        forReference: clauses.REFERENCE_list().length > 0
    };
}

function buildSubquery(ctx: SubQueryContext, binds: BindFactory): SoqlQuery {
    const where = ctx.whereClause();
    const order = ctx.orderByClause();
    return {
        select: ctx
            .subFieldList()
            .subFieldEntry_list()
            .map((entry) => selectItem(entry, binds)),
        ...fromOf(ctx),
        ...(where ? { where: logical(where.whereLogicalExpression(), binds) } : {}),
        security: null,
        orderBy: order ? order.fieldOrderList().fieldOrder_list().map(orderItem) : [],
        ...optional('limit', count(ctx.limitClause(), binds)),
        allRows: false,
        ...forFlags(ctx),
        text: sourceText(ctx)
    };
}

function optional<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
    return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

/** Builds the AST of a top-level query; `binds` decides what a `:bind` becomes. */
export function buildQuery(ctx: QueryContext, binds: BindFactory): SoqlQuery {
    const where = ctx.whereClause();
    const withClause = ctx.withClause();
    const group = ctx.groupByClause();
    const order = ctx.orderByClause();
    const from = fromOf(ctx);
    let security: SoqlQuery['security'] = null;
    let unsupported = from.unsupported;
    if (withClause?.USER_MODE()) security = 'USER_MODE';
    else if (withClause?.SYSTEM_MODE()) security = 'SYSTEM_MODE';
    else if (withClause?.SECURITY_ENFORCED()) security = 'SECURITY_ENFORCED';
    else if (withClause) unsupported ??= `the WITH filter (${sourceText(withClause)})`;
    const scope = ctx.usingScope()?.soqlId().getText();
    const having = group?.logicalExpression();
    return {
        select: ctx
            .selectList()
            .selectEntry_list()
            .map((entry) => selectItem(entry, binds)),
        from: from.from,
        ...optional('fromAlias', from.fromAlias),
        ...optional('usingScope', scope),
        ...(where ? { where: logical(where.whereLogicalExpression(), binds) } : {}),
        security,
        ...optional('unsupported', unsupported),
        ...(group
            ? {
                  groupBy: {
                      kind: group.ROLLUP() ? 'rollup' : group.CUBE() ? 'cube' : 'plain',
                      items: group
                          .fieldGroupByList()
                          .fieldGroupBy_list()
                          .map((item): SoqlOperand => {
                              const name = item.fieldName();
                              return name
                                  ? { kind: 'field', path: path(name), text: sourceText(name) }
                                  : functionOperand(item.soqlFunction());
                          })
                  }
              }
            : {}),
        ...(having ? { having: logical(having, binds) } : {}),
        orderBy: order ? order.fieldOrderList().fieldOrder_list().map(orderItem) : [],
        ...optional('limit', count(ctx.limitClause(), binds)),
        ...optional('offset', count(ctx.offsetClause(), binds)),
        allRows: Boolean(ctx.allRowsClause()),
        ...forFlags(ctx),
        text: sourceText(ctx)
    };
}
