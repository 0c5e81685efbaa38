// Statements (Apex Developer Guide, "Control Flow Statements", "Exception Statements", "SOQL For Loops").
import type * as A from '../apex/ast';
import { ApexPlatformError, UnsupportedError } from '../runtime/errors';
import { numbersEqual, numericTypeOf } from '../runtime/numbers';
import { ApexEnumValue, ApexList, ApexSet, typeRef, type ApexValue } from '../runtime/values';
import { ApexObject } from './classes';
import { callMethod } from './calls';
import { nullPointer } from './errors';
import { evaluateExpr, truthy } from './evaluate';
import { ApexThrown, UNCATCHABLE } from './exceptions';
import { BREAK, CONTINUE, NORMAL, RETURN, Scope, type Completion, type Frame } from './frame';
import type { Interpreter } from './interpreter';

/** Batch size of a SOQL for loop over a list variable (Apex Developer Guide, "SOQL For Loops"). */
const SOQL_FOR_BATCH = 200;

export function execute(interp: Interpreter, frame: Frame, stmt: A.Stmt): Completion {
    frame.line = stmt.line;
    interp.host.tick?.();
    switch (stmt.kind) {
        case 'block':
            return block(interp, frame, stmt.body);
        case 'local':
            declare(interp, frame, stmt);
            return NORMAL;
        case 'expr':
            evaluateExpr(interp, frame, stmt.expr);
            return NORMAL;
        case 'if':
            if (truthy(interp, evaluateExpr(interp, frame, stmt.cond))) return execute(interp, frame, stmt.then);
            return stmt.otherwise ? execute(interp, frame, stmt.otherwise) : NORMAL;
        case 'return':
            frame.returnValue = stmt.expr ? returnValue(interp, frame, evaluateExpr(interp, frame, stmt.expr)) : null;
            return RETURN;
        case 'throw': {
            const value = evaluateExpr(interp, frame, stmt.expr);
            if (value === null || value === undefined) nullPointer(interp);
            if (!(value instanceof ApexObject) || !value.cls.isException) {
                throw new UnsupportedError(`throw of a non-exception value (${frame.cls.file}:${stmt.line})`);
            }
            throw new ApexThrown(value);
        }
        case 'break':
            return BREAK;
        case 'continue':
            return CONTINUE;
        case 'for':
            return forLoop(interp, frame, stmt);
        case 'forEach':
            return forEach(interp, frame, stmt);
        case 'while':
            while (truthy(interp, evaluateExpr(interp, frame, stmt.cond))) {
                const completion = stmt.body ? execute(interp, frame, stmt.body) : NORMAL;
                if (completion === BREAK) break;
                if (completion === RETURN) return RETURN;
            }
            return NORMAL;
        case 'doWhile':
            do {
                const completion = execute(interp, frame, stmt.body);
                if (completion === BREAK) break;
                if (completion === RETURN) return RETURN;
            } while (truthy(interp, evaluateExpr(interp, frame, stmt.cond)));
            return NORMAL;
        case 'try':
            return tryStatement(interp, frame, stmt);
        case 'switch':
            return switchStatement(interp, frame, stmt);
        case 'dml': {
            const records = evaluateExpr(interp, frame, stmt.expr);
            const mergeWith = stmt.mergeWith ? evaluateExpr(interp, frame, stmt.mergeWith) : null;
            frame.line = stmt.line;
            interp.host.dml(interp, frame, stmt, records, mergeWith);
            return NORMAL;
        }
        case 'runAs': {
            const args = stmt.args.map((a) => evaluateExpr(interp, frame, a));
            let completion: Completion = NORMAL;
            interp.host.runAs(interp, frame, args, () => {
                completion = execute(interp, frame, stmt.body);
            });
            return completion;
        }
    }
}

function block(interp: Interpreter, frame: Frame, body: readonly A.Stmt[]): Completion {
    const outer = frame.scope;
    frame.scope = new Scope(outer);
    try {
        for (const stmt of body) {
            const completion = execute(interp, frame, stmt);
            if (completion !== NORMAL) return completion;
        }
        return NORMAL;
    } finally {
        frame.scope = outer;
    }
}

function declare(interp: Interpreter, frame: Frame, stmt: A.LocalStmt): void {
    const type = interp.resolveType(stmt.type, frame.cls);
    for (const decl of stmt.decls) {
        const value = decl.init ? interp.registry.coerce(evaluateExpr(interp, frame, decl.init), type) : null;
        frame.scope.vars.set(decl.key, { value, type });
    }
}

function returnValue(interp: Interpreter, frame: Frame, value: ApexValue): ApexValue {
    return frame.returnType ? interp.registry.coerce(value, interp.resolveType(frame.returnType, frame.cls)) : value;
}

function forLoop(interp: Interpreter, frame: Frame, stmt: A.ForStmt): Completion {
    const outer = frame.scope;
    frame.scope = new Scope(outer);
    try {
        if (stmt.init && 'kind' in stmt.init) declare(interp, frame, stmt.init);
        else if (stmt.init) for (const e of stmt.init as readonly A.Expr[]) evaluateExpr(interp, frame, e);
        while (!stmt.cond || truthy(interp, evaluateExpr(interp, frame, stmt.cond))) {
            const completion = stmt.body ? execute(interp, frame, stmt.body) : NORMAL;
            if (completion === BREAK) break;
            if (completion === RETURN) return RETURN;
            for (const update of stmt.update) evaluateExpr(interp, frame, update);
        }
        return NORMAL;
    } finally {
        frame.scope = outer;
    }
}

function forEach(interp: Interpreter, frame: Frame, stmt: A.ForEachStmt): Completion {
    const type = interp.resolveType(stmt.type, frame.cls);
    const source = evaluateExpr(interp, frame, stmt.iterable);
    if (source === null || source === undefined) nullPointer(interp);
    let items: Iterable<ApexValue>;
    if (stmt.iterable.kind === 'soql' && type.kind === 'list' && source instanceof ApexList) {
        const batches: ApexValue[] = [];
        for (let i = 0; i < source.items.length; i += SOQL_FOR_BATCH) {
            batches.push(new ApexList(source.elementType, source.items.slice(i, i + SOQL_FOR_BATCH)));
        }
        items = batches;
    } else if (source instanceof ApexList) {
        items = source.items.slice();
    } else if (source instanceof ApexSet) {
        items = [...source.values()];
    } else if (source instanceof ApexObject) {
        items = iterate(interp, frame, callMethod(interp, frame, source, 'iterator', [], stmt.line));
    } else {
        items = iterate(interp, frame, source);
    }
    const outer = frame.scope;
    try {
        for (const item of items) {
            frame.scope = new Scope(outer);
            frame.scope.vars.set(stmt.key, { value: interp.registry.coerce(item, type), type });
            const completion = stmt.body ? execute(interp, frame, stmt.body) : NORMAL;
            if (completion === BREAK) break;
            if (completion === RETURN) return RETURN;
        }
        return NORMAL;
    } finally {
        frame.scope = outer;
    }
}

/** Walks an Apex Iterator (hasNext/next). */
function* iterate(interp: Interpreter, frame: Frame, iterator: ApexValue): Generator<ApexValue> {
    while (callMethod(interp, frame, iterator, 'hasNext', [], frame.line) === true) {
        yield callMethod(interp, frame, iterator, 'next', [], frame.line);
    }
}

/** An Apex exception from anything thrown while Apex ran; null for errors of the runtime itself. */
export function asApexThrown(interp: Interpreter, error: unknown): ApexThrown | null {
    if (error instanceof ApexThrown) return error;
    if (error instanceof ApexPlatformError) return interp.fromPlatformError(error);
    return null;
}

function isUncatchable(thrown: ApexThrown): boolean {
    return UNCATCHABLE.has(thrown.exception.cls.key);
}

function tryStatement(interp: Interpreter, frame: Frame, stmt: A.TryStmt): Completion {
    let completion: Completion = NORMAL;
    let pending: ApexThrown | null = null;
    try {
        completion = execute(interp, frame, stmt.body);
    } catch (error) {
        const thrown = asApexThrown(interp, error);
        if (!thrown || isUncatchable(thrown)) throw thrown ?? error;
        const clause = stmt.catches.find((c) =>
            interp.registry.isInstance(thrown.exception, interp.resolveType(c.type, frame.cls))
        );
        if (clause) {
            const outer = frame.scope;
            frame.scope = new Scope(outer);
            frame.scope.vars.set(clause.key, {
                value: thrown.exception,
                type: interp.resolveType(clause.type, frame.cls)
            });
            try {
                completion = execute(interp, frame, clause.body);
            } catch (inner) {
                const rethrown = asApexThrown(interp, inner);
                if (!rethrown || isUncatchable(rethrown)) throw rethrown ?? inner;
                pending = rethrown;
            } finally {
                frame.scope = outer;
            }
        } else {
            pending = thrown;
        }
    }
    if (stmt.finally) {
        const finalCompletion = execute(interp, frame, stmt.finally);
        if (finalCompletion !== NORMAL) return finalCompletion;
    }
    if (pending) throw pending;
    return completion;
}

function switchStatement(interp: Interpreter, frame: Frame, stmt: A.SwitchStmt): Completion {
    const value = evaluateExpr(interp, frame, stmt.expr);
    for (const when of stmt.whens) {
        if (when.kind === 'else') return execute(interp, frame, when.body);
        if (when.kind === 'type') {
            const type = interp.resolveType(when.type, frame.cls);
            if (!interp.registry.isInstance(value, type)) continue;
            const outer = frame.scope;
            frame.scope = new Scope(outer);
            frame.scope.vars.set(when.key, { value, type });
            try {
                return execute(interp, frame, when.body);
            } finally {
                frame.scope = outer;
            }
        }
        if (when.values.some((literal) => whenMatches(value, literal))) return execute(interp, frame, when.body);
    }
    return NORMAL;
}

/** Apex Developer Guide, "Switch Statements": when values match exactly; an enum value by its name. */
function whenMatches(value: ApexValue, literal: A.WhenLiteral): boolean {
    if (literal.kind === 'enum') {
        const name = literal.name.slice(literal.name.lastIndexOf('.') + 1).toLowerCase();
        return value instanceof ApexEnumValue && value.name.toLowerCase() === name;
    }
    if (literal.value === null) return value === null || value === undefined;
    // An Integer literal matches a Long expression of the same value (`when 5` in a switch on a Long).
    if (numericTypeOf(literal.value) && numericTypeOf(value)) return numbersEqual(value, literal.value);
    return value === literal.value;
}

export { typeRef };
