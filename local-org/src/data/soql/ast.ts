// The SOQL abstract syntax tree. Built from inline SOQL in Apex (build.ts, binds are Apex expressions the
// interpreter evaluates) or from a dynamic SOQL string (parse.ts, binds are variable names). The evaluator
// (evaluate.ts) never sees parser contexts, so one tree serves both. Grammar followed: "SOQL SELECT Syntax",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm

/** A field path as written, without the FROM alias or object-name prefix: ['Owner', 'Name'] for Owner.Name. */
export type SoqlPath = readonly string[];

/**
 * `:expr`. Inline SOQL keeps whatever the interpreter's bind callback returned in `ref`; dynamic SOQL keeps the
 * variable name or dotted path in `name`. `text` is the expression as written, for messages.
 */
export interface SoqlBind {
    readonly kind: 'bind';
    readonly ref?: unknown;
    readonly name?: string;
    readonly text: string;
}

export type SoqlAggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';

/** Functions the grammar accepts that the evaluator does not emulate (toLabel, FORMAT, CALENDAR_YEAR...). */
export interface SoqlOtherFunction {
    readonly kind: 'function';
    readonly name: string;
    readonly text: string;
}

export interface SoqlFieldExpr {
    readonly kind: 'field';
    readonly path: SoqlPath;
    readonly text: string;
}

/** COUNT() has no field. */
export interface SoqlAggregateExpr {
    readonly kind: 'aggregate';
    readonly fn: SoqlAggregateFunction;
    readonly path: SoqlPath | null;
    readonly text: string;
}

/** What may stand left of an operator, in GROUP BY or in ORDER BY. */
export type SoqlOperand = SoqlFieldExpr | SoqlAggregateExpr | SoqlOtherFunction;

export type SoqlSelectItem =
    | (SoqlFieldExpr & { readonly alias?: string })
    | (SoqlAggregateExpr & { readonly alias?: string })
    | (SoqlOtherFunction & { readonly alias?: string })
    | { readonly kind: 'fields'; readonly which: 'ALL' | 'STANDARD' | 'CUSTOM'; readonly text: string }
    | { readonly kind: 'subquery'; readonly query: SoqlQuery }
    | { readonly kind: 'typeof'; readonly text: string };

export type SoqlDateLiteralName =
    | 'YESTERDAY'
    | 'TODAY'
    | 'TOMORROW'
    | 'LAST_WEEK'
    | 'THIS_WEEK'
    | 'NEXT_WEEK'
    | 'LAST_MONTH'
    | 'THIS_MONTH'
    | 'NEXT_MONTH'
    | 'LAST_90_DAYS'
    | 'NEXT_90_DAYS'
    | 'LAST_N_DAYS'
    | 'NEXT_N_DAYS'
    | 'N_DAYS_AGO'
    | 'NEXT_N_WEEKS'
    | 'LAST_N_WEEKS'
    | 'N_WEEKS_AGO'
    | 'NEXT_N_MONTHS'
    | 'LAST_N_MONTHS'
    | 'N_MONTHS_AGO'
    | 'THIS_QUARTER'
    | 'LAST_QUARTER'
    | 'NEXT_QUARTER'
    | 'NEXT_N_QUARTERS'
    | 'LAST_N_QUARTERS'
    | 'N_QUARTERS_AGO'
    | 'THIS_YEAR'
    | 'LAST_YEAR'
    | 'NEXT_YEAR'
    | 'NEXT_N_YEARS'
    | 'LAST_N_YEARS'
    | 'N_YEARS_AGO'
    | 'THIS_FISCAL_QUARTER'
    | 'LAST_FISCAL_QUARTER'
    | 'NEXT_FISCAL_QUARTER'
    | 'NEXT_N_FISCAL_QUARTERS'
    | 'LAST_N_FISCAL_QUARTERS'
    | 'N_FISCAL_QUARTERS_AGO'
    | 'THIS_FISCAL_YEAR'
    | 'LAST_FISCAL_YEAR'
    | 'NEXT_FISCAL_YEAR'
    | 'NEXT_N_FISCAL_YEARS'
    | 'LAST_N_FISCAL_YEARS'
    | 'N_FISCAL_YEARS_AGO';

export type SoqlValue =
    | { readonly kind: 'null' }
    | { readonly kind: 'boolean'; readonly value: boolean }
    /** The literal's digits, so a Decimal keeps its scale ('1.50'). */
    | { readonly kind: 'number'; readonly text: string }
    /** `value` is the decoded string; `pattern` keeps \% and \_ escaped, for LIKE. */
    | { readonly kind: 'string'; readonly value: string; readonly pattern: string }
    | { readonly kind: 'date'; readonly epochDay: number; readonly text: string }
    | { readonly kind: 'datetime'; readonly epochMs: number; readonly text: string }
    | { readonly kind: 'time'; readonly text: string }
    | { readonly kind: 'dateLiteral'; readonly name: SoqlDateLiteralName; readonly n?: number; readonly text: string }
    | { readonly kind: 'list'; readonly values: readonly SoqlValue[] }
    | { readonly kind: 'subquery'; readonly query: SoqlQuery }
    | SoqlBind;

export type SoqlOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

export type SoqlCondition =
    | { readonly kind: 'and'; readonly operands: readonly SoqlCondition[] }
    | { readonly kind: 'or'; readonly operands: readonly SoqlCondition[] }
    | { readonly kind: 'not'; readonly operand: SoqlCondition }
    | {
          readonly kind: 'compare';
          readonly left: SoqlOperand;
          readonly op: SoqlOperator;
          readonly value: SoqlValue;
          readonly text: string;
      }
    /** WITH DATA CATEGORY, FORMULA(...) filters: parsed, not emulated. */
    | { readonly kind: 'unsupported'; readonly text: string };

export interface SoqlOrderItem {
    readonly expr: SoqlOperand;
    readonly descending: boolean;
    /** Undefined when the query does not say (nulls first ascending, last descending). */
    readonly nullsLast?: boolean;
}

export type SoqlSecurityMode = 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED' | null;

/** A top-level query, a child subquery in SELECT, or a semi-join subquery in WHERE (the latter two use fewer fields). */
export interface SoqlQuery {
    readonly select: readonly SoqlSelectItem[];
    readonly from: string;
    readonly fromAlias?: string;
    readonly usingScope?: string;
    readonly where?: SoqlCondition;
    readonly security: SoqlSecurityMode;
    /** Why the evaluator refuses the query (WITH DATA CATEGORY, several FROM objects...), when it does. */
    readonly unsupported?: string;
    readonly groupBy?: { readonly kind: 'plain' | 'rollup' | 'cube'; readonly items: readonly SoqlOperand[] };
    readonly having?: SoqlCondition;
    readonly orderBy: readonly SoqlOrderItem[];
    readonly limit?: SoqlValue;
    readonly offset?: SoqlValue;
    readonly allRows: boolean;
    readonly forUpdate: boolean;
    readonly forView: boolean;
    readonly forReference: boolean;
    /** The query as written. */
    readonly text: string;
}
