// Matching arguments to a native method's declared parameter types, and converting them as Apex does when
// it passes an Integer to a Decimal parameter or a String to an Id parameter.
import type { NativeMethod } from '../runtime/native';
import { convertNumber, numericTypeOf } from '../runtime/numbers';
import {
    ApexBlob,
    ApexDate,
    ApexDatetime,
    ApexEnumValue,
    ApexList,
    ApexMap,
    ApexSet,
    ApexTime,
    SObjectValue,
    type ApexValue
} from '../runtime/values';
import { ApexObject } from './classes';
import { isIdForm, normalizeId } from './ids';
import type { Interpreter } from './interpreter';

const NUMERIC_ORDER = ['Integer', 'Long', 'Decimal', 'Double'];

function baseName(param: string): string {
    const lt = param.indexOf('<');
    const name = (lt >= 0 ? param.slice(0, lt) : param).trim();
    return name.startsWith('System.') ? name.slice(7) : name;
}

/** Whether a runtime value may be passed for a parameter declared as `param`. */
export function acceptsParam(interp: Interpreter, value: ApexValue, param: string): boolean {
    if (value === null || value === undefined) return true;
    const name = baseName(param);
    switch (name) {
        case 'Object':
            return true;
        case 'String':
            return typeof value === 'string';
        case 'Id':
            return typeof value === 'string' && isIdForm(value);
        case 'Boolean':
            return typeof value === 'boolean';
        case 'Integer':
        case 'Long':
        case 'Decimal':
        case 'Double': {
            const actual = numericTypeOf(value);
            return !!actual && NUMERIC_ORDER.indexOf(actual) <= NUMERIC_ORDER.indexOf(name);
        }
        case 'Date':
            return value instanceof ApexDate;
        case 'Datetime':
            return value instanceof ApexDatetime;
        case 'Time':
            return value instanceof ApexTime;
        case 'Blob':
            return value instanceof ApexBlob;
        case 'List':
            return value instanceof ApexList;
        case 'Set':
            return value instanceof ApexSet;
        case 'Map':
            return value instanceof ApexMap;
        case 'SObject':
            return value instanceof SObjectValue;
        case 'Iterable':
            return value instanceof ApexList || value instanceof ApexSet || value instanceof ApexObject;
        default: {
            const resolved = interp.registry.tryResolve(name, null);
            if (!resolved) return value instanceof ApexEnumValue && value.enumName.toLowerCase() === name.toLowerCase();
            return interp.registry.isInstance(value, resolved);
        }
    }
}

export function acceptsNative(interp: Interpreter, method: NativeMethod, args: ApexValue[]): boolean {
    if (method.params === null) return true;
    if (method.params.length !== args.length) return false;
    return method.params.every((param, i) => acceptsParam(interp, args[i], param));
}

/**
 * How many numeric arguments have exactly the type of their parameter. Among the overloads that accept the
 * arguments, the one matching most of them is chosen, as Apex's compiler chooses by declared types: Math.round(2.5)
 * takes round(Decimal), which rounds half-even (Apex Reference, "Math Class"), not round(Double).
 */
export function exactNumericMatches(method: NativeMethod, args: ApexValue[]): number {
    if (method.params === null) return 0;
    return args.filter((arg, i) => {
        const actual = numericTypeOf(arg);
        return !!actual && actual === baseName(method.params![i]);
    }).length;
}

export function convertNativeArgs(_interp: Interpreter, method: NativeMethod, args: ApexValue[]): ApexValue[] {
    if (method.params === null) return args;
    return args.map((arg, i) => {
        if (arg === null || arg === undefined) return null;
        const name = baseName(method.params![i]);
        if (name === 'Id' && typeof arg === 'string') return normalizeId(arg);
        if ((name === 'Integer' || name === 'Long' || name === 'Decimal' || name === 'Double') && numericTypeOf(arg)) {
            return convertNumber(arg, name);
        }
        return arg;
    });
}
