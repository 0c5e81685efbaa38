// Salesforce formulas, for validation rules and simple formula fields: parse once, evaluate per record.
import type { ApexValue } from '../../../runtime/values';
import type { ObjectDescribe } from '../../schemaTypes';
import type { ValidationRule } from '../definitions';
import { createEvaluator, type FormulaContext } from './evaluate';
import { parseFormula, type FormulaNode } from './parser';

export { FormulaSyntaxError, parseFormula, type FormulaNode } from './parser';
export { FormulaError } from './values';
export { SUPPORTED_FUNCTIONS } from './functions';
export type { FormulaContext } from './evaluate';

const compiled = new Map<string, FormulaNode>();

/** The parsed formula, cached by its text (a rule's formula is evaluated for every record saved). */
export function compileFormula(formula: string): FormulaNode {
    let tree = compiled.get(formula);
    if (!tree) {
        tree = parseFormula(formula);
        compiled.set(formula, tree);
    }
    return tree;
}

/**
 * The value of `formula` for the record `context` describes: a Boolean, text, an ApexDecimal, an ApexDate, an
 * ApexDatetime, or null. Throws FormulaSyntaxError for text that does not parse, FormulaError for a formula that
 * fails as it runs, and UnsupportedError (runtime/errors) for a function or global the local org does not evaluate.
 */
export function evaluateFormula(formula: string, context: FormulaContext): ApexValue {
    return createEvaluator(context).evaluate(compileFormula(formula));
}

export interface RecordContextOptions extends Omit<FormulaContext, 'field' | 'prior'> {
    /** The record's values before an update, keyed like `values`. */
    readonly prior?: ReadonlyMap<string, ApexValue>;
    /**
     * The record's object: a field it has that `values` lacks reads as null (a record built with `new` holds only
     * the fields set), and a name it does not have is an unknown field. Without it every missing name reads as null.
     */
    readonly object?: ObjectDescribe;
}

function knownPath(object: ObjectDescribe, path: string): boolean {
    const [first, ...rest] = path.toLowerCase().split('.');
    if (rest.length === 0) return object.fields.has(first);
    return [...object.fields.values()].some((field) => field.relationshipName?.toLowerCase() === first);
}

/**
 * A FormulaContext over a map of field values keyed by lower-cased API name or relationship path (as StoredRecord
 * holds them: 'status__c', 'account__r.name'), with the prior values of an update.
 */
export function recordFormulaContext(
    values: ReadonlyMap<string, ApexValue>,
    options: RecordContextOptions = {}
): FormulaContext {
    const { prior, object, ...rest } = options;
    const read = (map: ReadonlyMap<string, ApexValue>, path: string): ApexValue | undefined => {
        const key = path.toLowerCase();
        if (map.has(key)) return map.get(key);
        return object && !knownPath(object, path) ? undefined : null;
    };
    return {
        ...rest,
        field: (path) => read(values, path),
        prior: prior ? (path) => read(prior, path) : undefined
    };
}

// Delegates rather than spreads, so a context whose methods live on a class prototype keeps them.
function withSource(context: Omit<FormulaContext, 'source'>, source: string): FormulaContext {
    return {
        field: (path) => context.field(path),
        prior: context.prior ? (path) => context.prior?.(path) : undefined,
        isNew: context.isNew,
        global: context.global ? (name) => context.global?.(name) : undefined,
        now: context.now ? () => context.now!() : undefined,
        today: context.today ? () => context.today!() : undefined,
        source
    };
}

export interface ValidationFailure {
    /** The rule's API name. */
    readonly rule: string;
    readonly message: string;
    /** The field the message is shown on; undefined for the top of the page. */
    readonly field?: string;
}

/**
 * The active rules whose error condition is true for the record: each is a save error (Apex sees a DmlException
 * with StatusCode FIELD_CUSTOM_VALIDATION_EXCEPTION). Inactive rules are skipped; a condition that is blank (null)
 * does not fire.
 */
export function evaluateValidationRules(
    rules: readonly ValidationRule[],
    context: Omit<FormulaContext, 'source'>
): ValidationFailure[] {
    const failures: ValidationFailure[] = [];
    for (const rule of rules) {
        if (!rule.active) continue;
        const source = `validation rule ${rule.objectName}.${rule.name}`;
        const fired = evaluateFormula(rule.errorConditionFormula, withSource(context, source));
        if (fired === true)
            failures.push({ rule: rule.name, message: rule.errorMessage, field: rule.errorDisplayField });
    }
    return failures;
}
