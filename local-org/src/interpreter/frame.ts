// A method activation: the class whose code runs (for name resolution), `this`, local variables in nested
// block scopes, and the line being executed (for stack traces and exception line numbers).
import type { ApexValue, TypeRef } from '../runtime/values';
import type { ApexObject, ClassInfo } from './classes';
import type { RType } from './types';

export interface Variable {
    value: ApexValue;
    readonly type: RType;
}

export class Scope {
    readonly vars = new Map<string, Variable>();
    constructor(readonly parent: Scope | null) {}

    lookup(key: string): Variable | undefined {
        return this.vars.get(key) ?? this.parent?.lookup(key);
    }
}

export class Frame {
    scope: Scope;
    line: number;
    returnValue: ApexValue = null;
    constructor(
        /** The class whose code is running: names resolve against it. */
        readonly cls: ClassInfo,
        readonly self: ApexObject | null,
        /** 'method' name as a stack trace prints it. */
        readonly method: string,
        /** Whether record sharing applies to SOQL and DML run from this frame. */
        readonly enforceSharing: boolean,
        /** Inside a property accessor: its key, so the property's own name reads its storage. */
        readonly propertyKey: string | null,
        /** The declared return type of the method, for converting `return` values. */
        readonly returnType: TypeRef | null,
        line: number
    ) {
        this.scope = new Scope(null);
        this.line = line;
    }
}

/** Completion of a statement: normal, break, continue, or return (the value is in frame.returnValue). */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Completion = typeof NORMAL | typeof BREAK | typeof CONTINUE | typeof RETURN;
