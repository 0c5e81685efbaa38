// Evaluates a parsed formula against a record. Blank numbers stay blank through arithmetic (a validation rule's
// "treat blank fields as blanks"), so a rule over a blank field yields null, which never fires.
import { unsupported } from '../../../runtime/errors';
import { ApexDate, ApexDatetime, ApexDecimal, type ApexValue } from '../../../runtime/values';
import * as dec from './decimal';
import { callFunction } from './functions';
import type { FormulaNode } from './parser';
import {
    FormulaError,
    describeValue,
    formulaCompare,
    formulaEquals,
    formulaText,
    isBlank,
    truth,
    wholeDays
} from './values';

export interface FormulaContext {
    /**
     * The record's value of a field, or of a parent's field through a relationship ('Status__c',
     * 'Account__r.Name'); undefined when the record's object has no such field.
     */
    field(path: string): ApexValue | undefined;
    /** The value a field had before this save (ISCHANGED, PRIORVALUE); not called for a new record. */
    prior?(path: string): ApexValue | undefined;
    /** Whether the record is being inserted (ISNEW). */
    readonly isNew?: boolean;
    /** A global merge field such as '$User.Id' or '$Profile.Name'; undefined when the runtime does not provide it. */
    global?(name: string): ApexValue | undefined;
    /** The current time (NOW, TODAY); the clock when absent. */
    now?(): ApexDatetime;
    /** Today's date in the running user's time zone; NOW()'s GMT date when absent. */
    today?(): ApexDate;
    /** What is being evaluated, for messages: 'validation rule Relay_Interaction__c.Single_Name'. */
    readonly source?: string;
}

export interface Evaluator {
    readonly context: FormulaContext;
    readonly where: string;
    evaluate(node: FormulaNode): ApexValue;
}

function arithmetic(op: string, left: ApexValue, right: ApexValue): ApexValue {
    if (op === '&') return formulaText(left) + formulaText(right);
    if (op === '+' && (typeof left === 'string' || typeof right === 'string')) {
        return formulaText(left) + formulaText(right);
    }
    if (isBlank(left) || isBlank(right)) return null;
    if (dec.isNumeric(left) && dec.isNumeric(right)) {
        const [a, b] = [dec.toDecimal(left), dec.toDecimal(right)];
        switch (op) {
            case '+':
                return dec.add(a, b);
            case '-':
                return dec.subtract(a, b);
            case '*':
                return dec.multiply(a, b);
            case '/':
                return dec.divide(a, b) ?? fail('Division by zero');
            case '^':
                return dec.power(a, b) ?? fail(`${describeValue(left)} ^ ${describeValue(right)} has no value`);
            default:
                break;
        }
    }
    return temporal(op, left, right);
}

function temporal(op: string, left: ApexValue, right: ApexValue): ApexValue {
    const days = dec.isNumeric(right) ? dec.toDecimal(right) : undefined;
    if (left instanceof ApexDate && days && (op === '+' || op === '-')) {
        return new ApexDate(left.epochDay + (op === '+' ? 1 : -1) * wholeDays(days));
    }
    if (left instanceof ApexDatetime && days && (op === '+' || op === '-')) {
        const ms = Math.round(dec.toNumber(days) * 86_400_000);
        return new ApexDatetime(left.epochMs + (op === '+' ? ms : -ms));
    }
    if (dec.isNumeric(left) && op === '+' && (right instanceof ApexDate || right instanceof ApexDatetime)) {
        return temporal('+', right, left);
    }
    if (op === '-' && left instanceof ApexDate && right instanceof ApexDate) {
        return new ApexDecimal(BigInt(left.epochDay - right.epochDay), 0);
    }
    if (op === '-' && left instanceof ApexDatetime && right instanceof ApexDatetime) {
        return dec.divide(dec.toDecimal(left.epochMs - right.epochMs), new ApexDecimal(86_400_000n, 0)) ?? null;
    }
    return fail(`Operator ${op} cannot combine ${describeValue(left)} and ${describeValue(right)}`);
}

function fail(message: string): never {
    throw new FormulaError(message);
}

function comparison(op: string, left: ApexValue, right: ApexValue): ApexValue {
    if (op === '=' || op === '==') return formulaEquals(left, right);
    if (op === '<>' || op === '!=') return !formulaEquals(left, right);
    const order = formulaCompare(left, right);
    if (order === undefined) return null;
    switch (op) {
        case '<':
            return order < 0;
        case '<=':
            return order <= 0;
        case '>':
            return order > 0;
        default:
            return order >= 0;
    }
}

export function createEvaluator(context: FormulaContext): Evaluator {
    const where = context.source ?? 'a formula';
    const evaluator: Evaluator = {
        context,
        where,
        evaluate(node: FormulaNode): ApexValue {
            switch (node.kind) {
                case 'literal':
                    return node.value;
                case 'field':
                    return resolve(node.path);
                case 'unary': {
                    const value = evaluator.evaluate(node.operand);
                    if (node.op === '!') return !truth(value, `! in ${where}`);
                    if (isBlank(value)) return null;
                    if (!dec.isNumeric(value))
                        return fail(`Unary ${node.op} needs a number, not ${describeValue(value)}`);
                    return node.op === '-' ? dec.subtract(new ApexDecimal(0n, 0), dec.toDecimal(value)) : value;
                }
                case 'binary': {
                    if (node.op === '&&') {
                        return (
                            truth(evaluator.evaluate(node.left), `&& in ${where}`) &&
                            truth(evaluator.evaluate(node.right), `&& in ${where}`)
                        );
                    }
                    if (node.op === '||') {
                        return (
                            truth(evaluator.evaluate(node.left), `|| in ${where}`) ||
                            truth(evaluator.evaluate(node.right), `|| in ${where}`)
                        );
                    }
                    const left = evaluator.evaluate(node.left);
                    const right = evaluator.evaluate(node.right);
                    return ['=', '==', '<>', '!=', '<', '<=', '>', '>='].includes(node.op)
                        ? comparison(node.op, left, right)
                        : arithmetic(node.op, left, right);
                }
                case 'call':
                    return callFunction(evaluator, node.name, node.args);
            }
        }
    };

    function resolve(path: string): ApexValue {
        if (path.startsWith('$')) {
            const value = context.global?.(path);
            return value === undefined ? unsupported(`formula global ${path} in ${where}`) : value;
        }
        const value = context.field(path);
        if (value === undefined) throw new FormulaError(`Unknown field ${path} in ${where}`);
        return value;
    }

    return evaluator;
}
