// Parses Salesforce formula text (validation rules, simple formula fields) into a tree. Operators follow Salesforce
// Help, "Formula Operators and Functions by Context"
// (https://help.salesforce.com/s/articleView?id=platform.customize_functions.htm&type=5): + - * / ^ & ( ),
// = and == (equal, interchangeable), <> and != (not equal), < > <= >=, && and || (alternatives to AND and OR).
// Precedence, loosest first: ||, &&, comparisons, + - &, * /, unary - + !, ^.
// unconfirmed: that & binds like + and - (the page lists the operators, not their precedence).
import type { ApexValue } from '../../../runtime/values';
import { parseDecimal } from '../literals';

export type FormulaNode =
    | { readonly kind: 'literal'; readonly value: ApexValue }
    | { readonly kind: 'field'; readonly path: string }
    | { readonly kind: 'unary'; readonly op: string; readonly operand: FormulaNode }
    | { readonly kind: 'binary'; readonly op: string; readonly left: FormulaNode; readonly right: FormulaNode }
    | { readonly kind: 'call'; readonly name: string; readonly args: readonly FormulaNode[] };

/** Formula text that does not parse. */
export class FormulaSyntaxError extends Error {
    constructor(message: string, formula: string, position: number) {
        super(`${message} at position ${position + 1} of formula: ${formula}`);
        this.name = 'FormulaSyntaxError';
    }
}

type TokenKind = 'number' | 'string' | 'name' | 'op' | 'end';

interface Token {
    readonly kind: TokenKind;
    readonly text: string;
    readonly position: number;
}

const OPERATORS = [
    '==',
    '!=',
    '<>',
    '<=',
    '>=',
    '&&',
    '||',
    '+',
    '-',
    '*',
    '/',
    '^',
    '&',
    '=',
    '<',
    '>',
    '!',
    '(',
    ')',
    ','
];
const NAME = /^[A-Za-z_$][A-Za-z0-9_]*(?:\.[A-Za-z_$][A-Za-z0-9_]*)*/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)/;

function tokenize(formula: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < formula.length) {
        const rest = formula.slice(i);
        const space = /^(?:\s+|\/\*[\s\S]*?\*\/)/.exec(rest);
        if (space) {
            i += space[0].length;
            continue;
        }
        const char = formula[i];
        if (char === '"' || char === "'") {
            let text = '';
            let j = i + 1;
            while (j < formula.length && formula[j] !== char) {
                if (formula[j] === '\\' && j + 1 < formula.length) {
                    const escaped = formula[j + 1];
                    text += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped === 'r' ? '\r' : escaped;
                    j += 2;
                } else {
                    text += formula[j++];
                }
            }
            if (j >= formula.length) throw new FormulaSyntaxError('Unterminated string', formula, i);
            tokens.push({ kind: 'string', text, position: i });
            i = j + 1;
            continue;
        }
        const number = NUMBER.exec(rest);
        if (number) {
            tokens.push({ kind: 'number', text: number[0], position: i });
            i += number[0].length;
            continue;
        }
        const name = NAME.exec(rest);
        if (name) {
            tokens.push({ kind: 'name', text: name[0], position: i });
            i += name[0].length;
            continue;
        }
        const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
        if (!op) throw new FormulaSyntaxError(`Unexpected character "${char}"`, formula, i);
        tokens.push({ kind: 'op', text: op, position: i });
        i += op.length;
    }
    tokens.push({ kind: 'end', text: '', position: formula.length });
    return tokens;
}

const LEVELS: readonly (readonly string[])[] = [
    ['||'],
    ['&&'],
    ['=', '==', '<>', '!=', '<', '<=', '>', '>='],
    ['+', '-', '&'],
    ['*', '/']
];

export function parseFormula(formula: string): FormulaNode {
    const tokens = tokenize(formula);
    let index = 0;
    const peek = (): Token => tokens[index];
    const fail = (message: string): never => {
        throw new FormulaSyntaxError(message, formula, peek().position);
    };
    const expectOp = (text: string): void => {
        if (peek().kind !== 'op' || peek().text !== text) fail(`Expected "${text}"`);
        index++;
    };

    function binary(level: number): FormulaNode {
        if (level === LEVELS.length) return unary();
        let left = binary(level + 1);
        while (peek().kind === 'op' && LEVELS[level].includes(peek().text)) {
            const op = tokens[index++].text;
            left = { kind: 'binary', op, left, right: binary(level + 1) };
        }
        return left;
    }

    function unary(): FormulaNode {
        const token = peek();
        if (token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '!')) {
            index++;
            return { kind: 'unary', op: token.text, operand: unary() };
        }
        return powerOf();
    }

    function powerOf(): FormulaNode {
        const base = primary();
        if (peek().kind === 'op' && peek().text === '^') {
            index++;
            return { kind: 'binary', op: '^', left: base, right: unary() };
        }
        return base;
    }

    function primary(): FormulaNode {
        const token = tokens[index++];
        switch (token.kind) {
            case 'number':
                return { kind: 'literal', value: parseDecimal(token.text) };
            case 'string':
                return { kind: 'literal', value: token.text };
            case 'name':
                return nameOrCall(token);
            case 'op':
                if (token.text === '(') {
                    const inner = binary(0);
                    expectOp(')');
                    return inner;
                }
                break;
            default:
                break;
        }
        index--;
        return fail(token.kind === 'end' ? 'Unexpected end of formula' : `Unexpected "${token.text}"`);
    }

    function nameOrCall(token: Token): FormulaNode {
        const upper = token.text.toUpperCase();
        if (peek().kind === 'op' && peek().text === '(') {
            index++;
            const args: FormulaNode[] = [];
            if (!(peek().kind === 'op' && peek().text === ')')) {
                args.push(binary(0));
                while (peek().kind === 'op' && peek().text === ',') {
                    index++;
                    args.push(binary(0));
                }
            }
            expectOp(')');
            return { kind: 'call', name: upper, args };
        }
        if (upper === 'TRUE') return { kind: 'literal', value: true };
        if (upper === 'FALSE') return { kind: 'literal', value: false };
        if (upper === 'NULL') return { kind: 'literal', value: null };
        return { kind: 'field', path: token.text };
    }

    const tree = binary(0);
    if (peek().kind !== 'end') fail(`Unexpected "${peek().text}"`);
    return tree;
}
