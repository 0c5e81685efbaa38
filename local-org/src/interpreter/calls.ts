// Method calls on a value or a type, and `new`. User classes dispatch on the receiver's runtime class;
// everything the platform owns (String, List, SObject, HttpRequest...) goes to the host's native members.
import type * as A from '../apex/ast';
import { UnsupportedError } from '../runtime/errors';
import { ApexEnumValue, ApexList, T, typeRef, type ApexValue } from '../runtime/values';
import { ApexObject } from './classes';
import { apexEquals, hashCodeOf } from './equality';
import type { Target } from './evaluate';
import { evaluateExpr, staticTypeOf } from './evaluate';
import type { Frame } from './frame';
import type { Interpreter } from './interpreter';
import { stringOf } from './strings';
import type { RType } from './types';

export function callMethod(
    interp: Interpreter,
    frame: Frame,
    value: ApexValue,
    name: string,
    args: ApexValue[],
    line: number,
    argTypes?: () => readonly (RType | null)[]
): ApexValue {
    const key = name.toLowerCase();
    if (value instanceof ApexObject) {
        const method = interp.selectOverload(value.cls.methodsNamed(key), args, argTypes);
        if (method) return interp.invoke(method, method.isStatic ? null : value, args, line);
        // Every object has equals, hashCode and toString (Apex Developer Guide, "Using Custom Types in Map Keys and Sets").
        if (key === 'equals' && args.length === 1) return apexEquals(interp, value, args[0]);
        if (key === 'hashcode' && args.length === 0) return hashCodeOf(interp, value);
        if (key === 'tostring' && args.length === 0) return stringOf(interp, value);
        throw new UnsupportedError(
            `Method does not exist: ${value.cls.name}.${name}(${args.length} argument(s)) (${frame.cls.file}:${line})`
        );
    }
    if (value instanceof ApexEnumValue) {
        // Apex Developer Guide, "Enums": name(), ordinal(), plus equals/hashCode.
        switch (key) {
            case 'name':
                return value.name;
            case 'ordinal':
                return value.ordinal;
            case 'equals':
                return value === args[0];
            case 'hashcode':
                return hashCodeOf(interp, value);
            case 'tostring':
                return value.name;
            default:
                break;
        }
    }
    return interp.host.callInstance(interp, value, name, args, frame);
}

export function callStatic(
    interp: Interpreter,
    frame: Frame,
    target: Target,
    name: string,
    args: ApexValue[],
    line: number,
    argTypes?: () => readonly (RType | null)[]
): ApexValue {
    const key = name.toLowerCase();
    if (target.kind === 'type' && target.type.kind === 'class') {
        const cls = target.type.cls;
        const method = interp.selectOverload(
            cls.methodsNamed(key).filter((m) => m.isStatic),
            args,
            argTypes
        );
        if (method) return interp.invoke(method, null, args, line);
        if (cls.kind === 'enum') {
            if (key === 'values' && args.length === 0) return new ApexList(typeRef(cls.name), [...cls.enumValues]);
            if (key === 'valueof' && args.length === 1) {
                // Apex Reference, "Enum Methods": valueOf returns the value whose name matches, else null? The
                // platform throws for an unknown name; which exception is only settled in an org, so say so loudly.
                const found = typeof args[0] === 'string' ? cls.enumValue(args[0]) : undefined;
                if (found) return found;
                throw new UnsupportedError(
                    `${cls.name}.valueOf('${String(args[0])}'): no such value (the org's exception for this is not emulated)`
                );
            }
        }
        throw new UnsupportedError(
            `Method does not exist: ${cls.name}.${name}(${args.length} argument(s)) (${frame.cls.file}:${line})`
        );
    }
    if (target.kind === 'namespace') {
        throw new UnsupportedError(
            `Not supported by the local org: ${target.name}.${name} (${frame.cls.file}:${line})`
        );
    }
    if (target.kind !== 'type') throw new UnsupportedError(`Not a type: ${name}`);
    return interp.host.callStatic(interp, target.type, name, args, frame);
}

export function construct(interp: Interpreter, frame: Frame, expr: A.NewExpr): ApexValue {
    frame.line = expr.line;
    const type = interp.resolveType(expr.type, frame.cls);
    if (type.kind === 'class') {
        const args = expr.args.map((a) => evaluateExpr(interp, frame, a));
        return interp.instantiate(type.cls, args, expr.line, () =>
            expr.args.map((a) => staticTypeOf(interp, frame, a))
        );
    }
    return interp.host.constructNative(interp, type, expr.type, expr.args as A.Expr[], frame);
}

export { T };
