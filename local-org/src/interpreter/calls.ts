// Method calls on a value or a type, and `new`. User classes dispatch on the receiver's runtime class;
// everything the platform owns (String, List, SObject, HttpRequest...) goes to the host's native members.
import type * as A from '../apex/ast';
import { UnsupportedError } from '../runtime/errors';
import { ApexEnumValue, ApexList, T, enumValue, typeRef, type ApexValue } from '../runtime/values';
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
                const found = typeof args[0] === 'string' ? cls.enumValue(args[0]) : undefined;
                return found ?? unknownEnumValue(cls.name, args[0]);
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
    if (target.type.kind === 'nativeEnum' && key === 'valueof' && args.length === 1) {
        // Every enum, the platform's included, has valueOf (Apex Reference, "Enum Methods"; its example is
        // StatusCode.valueOf('delete_failed'), so the name matches in any case).
        const { nativeEnum } = target.type;
        const wanted = typeof args[0] === 'string' ? args[0].toLowerCase() : null;
        const index = nativeEnum.values.findIndex((v) => v.toLowerCase() === wanted);
        if (index < 0) return unknownEnumValue(nativeEnum.name, args[0]);
        return enumValue(nativeEnum.name, nativeEnum.values[index], index);
    }
    return interp.host.callStatic(interp, target.type, name, args, frame);
}

/**
 * Apex Reference, "Enum Methods": valueOf throws when the name matches no value. Which exception an org throws
 * is not documented, so the run stops loudly instead of guessing.
 */
function unknownEnumValue(enumName: string, name: ApexValue): never {
    throw new UnsupportedError(
        `${enumName}.valueOf('${String(name)}'): no such value (the org's exception for this is not emulated)`
    );
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
