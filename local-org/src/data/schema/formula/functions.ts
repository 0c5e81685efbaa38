// The formula functions the local org evaluates, as Salesforce Help describes them ("Formula Operators and Functions
// by Context", https://help.salesforce.com/s/articleView?id=platform.customize_functions.htm&type=5, and each
// function's own page). Any other function is refused with unsupported(), naming it and the formula's owner.
import { unsupported } from '../../../runtime/errors';
import { ApexDate, ApexDatetime, ApexDecimal, type ApexValue } from '../../../runtime/values';
import { parseDecimal } from '../literals';
import { isNumeric, toDecimal, toNumber } from './decimal';
import type { Evaluator } from './evaluate';
import type { FormulaNode } from './parser';
import { FormulaError, describeValue, formulaEquals, formulaText, isBlank, truth } from './values';

type Implementation = (evaluator: Evaluator, args: readonly FormulaNode[], name: string) => ApexValue;

function arity(name: string, args: readonly FormulaNode[], min: number, max = min): void {
    if (args.length < min || args.length > max) {
        const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
        throw new FormulaError(`${name} takes ${expected} argument(s), not ${args.length}`);
    }
}

function textArg(evaluator: Evaluator, node: FormulaNode, name: string): string {
    const value = evaluator.evaluate(node);
    if (value === null || value === undefined) return '';
    if (typeof value !== 'string') throw new FormulaError(`${name} needs text, not ${describeValue(value)}`);
    return value;
}

function numberArg(evaluator: Evaluator, node: FormulaNode, name: string): number | undefined {
    const value = evaluator.evaluate(node);
    if (value === null || value === undefined) return undefined;
    if (!isNumeric(value)) throw new FormulaError(`${name} needs a number, not ${describeValue(value)}`);
    return Math.trunc(toNumber(toDecimal(value)));
}

/** The field a function such as ISCHANGED or PRIORVALUE is given: it must name one, not compute a value. */
function fieldPath(node: FormulaNode, name: string): string {
    if (node.kind !== 'field' || node.path.startsWith('$')) throw new FormulaError(`${name} needs a field`);
    return node.path;
}

function count(n: number): ApexDecimal {
    return new ApexDecimal(BigInt(n), 0);
}

function now(evaluator: Evaluator): ApexDatetime {
    return evaluator.context.now?.() ?? new ApexDatetime(Date.now());
}

const FUNCTIONS: Readonly<Record<string, Implementation>> = {
    AND: (e, args) => args.every((arg) => truth(e.evaluate(arg), `AND in ${e.where}`)),
    OR: (e, args) => args.some((arg) => truth(e.evaluate(arg), `OR in ${e.where}`)),
    NOT: (e, args, name) => {
        arity(name, args, 1);
        return !truth(e.evaluate(args[0]), `NOT in ${e.where}`);
    },
    IF: (e, args, name) => {
        arity(name, args, 3);
        return e.evaluate(truth(e.evaluate(args[0]), `IF in ${e.where}`) ? args[1] : args[2]);
    },
    // CASE(expression, value1, result1, ..., else_result): the first value equal to the expression picks its result.
    CASE: (e, args, name) => {
        if (args.length < 4 || args.length % 2 !== 0) {
            throw new FormulaError(`${name} takes an expression, value/result pairs and an else result`);
        }
        const subject = e.evaluate(args[0]);
        for (let i = 1; i < args.length - 1; i += 2) {
            if (formulaEquals(subject, e.evaluate(args[i]))) return e.evaluate(args[i + 1]);
        }
        return e.evaluate(args[args.length - 1]);
    },
    ISBLANK: (e, args, name) => {
        arity(name, args, 1);
        return isBlank(e.evaluate(args[0]));
    },
    // unconfirmed: ISNULL of a blank text field is false in an org ("text fields are never null"); here a blank
    // text field reads as null (as Apex holds it), so ISNULL is true for it.
    ISNULL: (e, args, name) => {
        arity(name, args, 1);
        const value = e.evaluate(args[0]);
        return value === null || value === undefined;
    },
    BLANKVALUE: (e, args, name) => {
        arity(name, args, 2);
        const value = e.evaluate(args[0]);
        return isBlank(value) ? e.evaluate(args[1]) : value;
    },
    NULLVALUE: (e, args, name) => {
        arity(name, args, 2);
        const value = e.evaluate(args[0]);
        return value === null || value === undefined ? e.evaluate(args[1]) : value;
    },
    ISPICKVAL: (e, args, name) => {
        arity(name, args, 2);
        return formulaEquals(e.evaluate(args[0]), textArg(e, args[1], name));
    },
    TEXT: (e, args, name) => {
        arity(name, args, 1);
        return formulaText(e.evaluate(args[0]));
    },
    VALUE: (e, args, name) => {
        arity(name, args, 1);
        const text = textArg(e, args[0], name).trim();
        const value = parseDecimal(text);
        if (!value) throw new FormulaError(`VALUE: "${text}" is not a number`);
        return value;
    },
    LEN: (e, args, name) => {
        arity(name, args, 1);
        return count(formulaText(e.evaluate(args[0])).length);
    },
    BEGINS: (e, args, name) => {
        arity(name, args, 2);
        return textArg(e, args[0], name).startsWith(textArg(e, args[1], name));
    },
    CONTAINS: (e, args, name) => {
        arity(name, args, 2);
        return textArg(e, args[0], name).includes(textArg(e, args[1], name));
    },
    LEFT: (e, args, name) => {
        arity(name, args, 2);
        return textArg(e, args[0], name).slice(0, Math.max(0, numberArg(e, args[1], name) ?? 0));
    },
    RIGHT: (e, args, name) => {
        arity(name, args, 2);
        const text = textArg(e, args[0], name);
        const n = Math.max(0, numberArg(e, args[1], name) ?? 0);
        return n === 0 ? '' : text.slice(-n);
    },
    // MID(text, start_num, num_chars): start_num counts from 1.
    MID: (e, args, name) => {
        arity(name, args, 3);
        const text = textArg(e, args[0], name);
        const start = Math.max(1, numberArg(e, args[1], name) ?? 1) - 1;
        return text.slice(start, start + Math.max(0, numberArg(e, args[2], name) ?? 0));
    },
    LOWER: (e, args, name) => {
        arity(name, args, 1, 2);
        return textArg(e, args[0], name).toLowerCase();
    },
    UPPER: (e, args, name) => {
        arity(name, args, 1, 2);
        return textArg(e, args[0], name).toUpperCase();
    },
    // TRIM removes leading and trailing spaces and tabs. unconfirmed: which whitespace it removes.
    TRIM: (e, args, name) => {
        arity(name, args, 1);
        return textArg(e, args[0], name).replace(/^[ \t]+|[ \t]+$/g, '');
    },
    // REGEX(text, regex_text): whether the whole text matches. unconfirmed: that Salesforce uses Java regular
    // expression syntax; Java-only constructs (possessive quantifiers, \p{javaLowerCase}...) are not translated.
    REGEX: (e, args, name) => {
        arity(name, args, 2);
        const pattern = textArg(e, args[1], name);
        let regex: RegExp;
        try {
            regex = new RegExp(`^(?:${pattern})$`, 'u');
        } catch (error) {
            throw new FormulaError(`REGEX: invalid regular expression ${pattern}: ${(error as Error).message}`);
        }
        return regex.test(textArg(e, args[0], name));
    },
    ISNEW: (e, args, name) => {
        arity(name, args, 0);
        return e.context.isNew === true;
    },
    // A new record has not changed: ISCHANGED is false on insert.
    ISCHANGED: (e, args, name) => {
        arity(name, args, 1);
        const path = fieldPath(args[0], name);
        if (e.context.isNew) return false;
        return !formulaEquals(e.evaluate(args[0]), e.context.prior?.(path) ?? null);
    },
    // "When users create a record, this function returns the value of the field referenced rather than null."
    // (Salesforce Help, PRIORVALUE.)
    PRIORVALUE: (e, args, name) => {
        arity(name, args, 1);
        const path = fieldPath(args[0], name);
        return e.context.isNew ? e.evaluate(args[0]) : (e.context.prior?.(path) ?? null);
    },
    NOW: (e, args, name) => {
        arity(name, args, 0);
        return now(e);
    },
    TODAY: (e, args, name) => {
        arity(name, args, 0);
        return e.context.today?.() ?? new ApexDate(Math.floor(now(e).epochMs / 86_400_000));
    }
};

/** The functions evaluateFormula supports, by upper-case name. */
export const SUPPORTED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

export function callFunction(evaluator: Evaluator, name: string, args: readonly FormulaNode[]): ApexValue {
    const implementation = FUNCTIONS[name];
    if (!implementation) return unsupported(`formula function ${name} in ${evaluator.where}`);
    return implementation(evaluator, args, name);
}
