// The local org as the interpreter's host: SOQL, DML and System.runAs against the org, and the dispatch of
// every platform member (String.isBlank, list.add, Schema describe, HttpRequest...) to its TypeScript
// implementation.
import type * as A from '../apex/ast';
import { UnsupportedError } from '../runtime/errors';
import type { NativeContext, NativeMethod, NativeType } from '../runtime/native';
import { numericTypeOf } from '../runtime/numbers';
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
    enumValue,
    type ApexValue,
    type TypeRef
} from '../runtime/values';
import type { Host } from '../interpreter/host';
import { callMethod } from '../interpreter/calls';
import { ApexObject } from '../interpreter/classes';
import { apexEquals, hashCodeOf } from '../interpreter/equality';
import { evaluateExpr } from '../interpreter/evaluate';
import type { Frame } from '../interpreter/frame';
import type { Interpreter } from '../interpreter/interpreter';
import { newSObject, writeSObjectField } from '../interpreter/sobjects';
import { stringOf } from '../interpreter/strings';
import type { RType } from '../interpreter/types';
import { ApexTypeValue } from '../interpreter/typeValues';
import { runDml } from './dml';
import { ApexIterator, callIterator, callList, callMap, callSet, copyCollection } from './natives/collections';
import { callSObject } from './natives/sobject';
import { callType } from './natives/typeMembers';
import { sobjectStatic, sobjectStaticProperty, PicklistConstants } from './natives/sobjectStatics';
import type { LocalOrg } from './org';
import { runQuery } from './query';
import { callId } from './natives/idMembers';

/** A native type's methods by lower-cased name (the bindings use the documented spelling). */
const lowered = new WeakMap<object, Map<string, readonly NativeMethod[]>>();
function methodsOf(
    table: Readonly<Record<string, readonly NativeMethod[]>> | undefined
): Map<string, readonly NativeMethod[]> {
    if (!table) return new Map();
    let map = lowered.get(table);
    if (!map) {
        map = new Map();
        for (const [name, overloads] of Object.entries(table)) {
            const key = name.toLowerCase();
            map.set(key, [...(map.get(key) ?? []), ...overloads]);
        }
        lowered.set(table, map);
    }
    return map;
}

export class OrgHost implements Host {
    /** Native types by canonical name (lower case): String, Math, Pattern, HttpRequest... */
    readonly natives = new Map<string, NativeType>();
    /** Natives whose instances are JS objects, checked in order with isInstance. */
    readonly instanceNatives: NativeType[] = [];

    constructor(private readonly org: LocalOrg) {}

    get schema() {
        return this.org.schema;
    }

    addNative(native: NativeType): void {
        this.natives.set(native.name.toLowerCase(), native);
        if (native.isInstance) this.instanceNatives.push(native);
        this.org.interp.registry.addNative(native);
    }

    private native(name: string): NativeType {
        const native = this.natives.get(name.toLowerCase());
        if (!native) throw new UnsupportedError(`Not supported by the local org: the ${name} class`);
        return native;
    }

    query(interp: Interpreter, frame: Frame, expr: A.SoqlExpr): ApexValue {
        return runQuery(this.org, expr.query, {
            enforceSharing: frame.enforceSharing,
            resolveBind: (bind) => evaluateExpr(interp, frame, bind.ref as A.Expr)
        });
    }

    dml(_interp: Interpreter, frame: Frame, stmt: A.DmlStmt, records: ApexValue): void {
        if (stmt.op === 'merge')
            throw new UnsupportedError(`Not supported by the local org: merge (${frame.cls.file}:${stmt.line})`);
        runDml(this.org, stmt.op, records, {
            allOrNone: true,
            userMode: stmt.access === 'user',
            enforceSharing: frame.enforceSharing,
            upsertField: stmt.upsertField
        });
    }

    runAs(_interp: Interpreter, _frame: Frame, args: ApexValue[], body: () => void): void {
        this.org.runAs(args, body);
    }

    staticProperty(interp: Interpreter, type: RType, name: string, frame: Frame): ApexValue {
        switch (type.kind) {
            case 'sobject':
                return sobjectStaticProperty(this.org, type.name ?? 'SObject', name);
            case 'nativeEnum': {
                const index = type.nativeEnum.values.findIndex((v) => v.toLowerCase() === name.toLowerCase());
                if (index < 0) throw new UnsupportedError(`Variable does not exist: ${type.nativeEnum.name}.${name}`);
                return enumValue(type.nativeEnum.name, type.nativeEnum.values[index], index);
            }
            case 'native': {
                const property = Object.entries(type.native.staticProperties ?? {}).find(
                    ([k]) => k.toLowerCase() === name.toLowerCase()
                );
                if (property) return property[1](this.nativeContext(interp));
                const dynamic = type.native.staticProperty?.(name, this.nativeContext(interp));
                if (dynamic !== undefined) return dynamic;
                break;
            }
            default:
                break;
        }
        void frame;
        throw new UnsupportedError(
            `Not supported by the local org: static ${name} of ${type.kind === 'native' ? type.native.name : type.kind}`
        );
    }

    nativeProperty(_interp: Interpreter, value: ApexValue, name: string): ApexValue | undefined {
        if (value instanceof PicklistConstants) return value.value(name);
        if (value instanceof ApexList && value.items.length > 0 && value.items[0] instanceof SObjectValue) {
            return undefined;
        }
        return this.org.tokens.property(value, name);
    }

    callStatic(interp: Interpreter, type: RType, name: string, args: ApexValue[]): ApexValue {
        const key = name.toLowerCase();
        switch (type.kind) {
            case 'primitive':
            case 'native': {
                const native = type.kind === 'native' ? type.native : this.native(type.name);
                return interp.callNative(native, methodsOf(native.staticMethods).get(key), name, null, args);
            }
            case 'sobject':
                return sobjectStatic(this.org, type.name ?? 'SObject', key, args);
            case 'nativeEnum':
                if (key === 'values') {
                    return new ApexList(
                        { name: type.nativeEnum.name, args: [] },
                        type.nativeEnum.values.map((v, i) => enumValue(type.nativeEnum.name, v, i))
                    );
                }
                break;
            default:
                break;
        }
        throw new UnsupportedError(`Not supported by the local org: ${name}(...) on ${type.kind}`);
    }

    callInstance(interp: Interpreter, value: ApexValue, name: string, args: ApexValue[], frame: Frame): ApexValue {
        const key = name.toLowerCase();
        let result: ApexValue | undefined;
        if (value instanceof ApexList) {
            return callList(interp, frame, value, name, args);
        }
        if (value instanceof ApexSet) return callSet(interp, value, name, args);
        if (typeof value === 'string') {
            const idResult = callId(this.org, value, key, args);
            if (idResult !== undefined) return idResult;
        }
        if (value instanceof ApexMap) return callMap(interp, value, name, args);
        if (value instanceof SObjectValue) result = callSObject(interp, this.org.tokens, value, name, args);
        else if (value instanceof ApexIterator) return callIterator(value, name);
        else if (value instanceof ApexTypeValue) result = callType(this.org, value, key, args);
        else result = this.org.tokens.call(value, name, args);
        if (result !== undefined) return result;
        const native = this.nativeFor(value);
        if (native) {
            const overloads = methodsOf(native.instanceMethods).get(key);
            if (overloads) return interp.callNative(native, overloads, name, value, args);
        }
        switch (`${key}/${args.length}`) {
            case 'equals/1':
                return apexEquals(interp, value, args[0]);
            case 'hashcode/0':
                return hashCodeOf(interp, value);
            case 'tostring/0':
                return stringOf(interp, value);
            default:
                throw new UnsupportedError(
                    `Not supported by the local org: ${interp.registry.typeNameOf(value)}.${name}(${args.length} argument(s))`
                );
        }
    }

    /** The native type of a platform value: String for a string, Decimal for an ApexDecimal... */
    private nativeFor(value: ApexValue): NativeType | undefined {
        if (typeof value === 'string') return this.natives.get('string');
        if (typeof value === 'boolean') return this.natives.get('boolean');
        const numeric = numericTypeOf(value);
        if (numeric) return this.natives.get(numeric.toLowerCase());
        if (value instanceof ApexDate) return this.natives.get('date');
        if (value instanceof ApexDatetime) return this.natives.get('datetime');
        if (value instanceof ApexTime) return this.natives.get('time');
        if (value instanceof ApexBlob) return this.natives.get('blob');
        if (value instanceof ApexEnumValue) return undefined;
        return this.instanceNatives.find((n) => n.isInstance!(value));
    }

    constructNative(interp: Interpreter, type: RType, ref: TypeRef, argExprs: A.Expr[], frame: Frame): ApexValue {
        if (type.kind === 'sobject') {
            const record = newSObject(type.name ?? 'SObject');
            for (const arg of argExprs) {
                if (arg.kind !== 'assign' || arg.target.kind !== 'name') {
                    throw new UnsupportedError(
                        `Not supported by the local org: SObject constructor argument (${frame.cls.file}:${arg.line})`
                    );
                }
                writeSObjectField(interp, record, arg.target.name, evaluateExpr(interp, frame, arg.value));
            }
            return record;
        }
        const args = argExprs.map((a) => evaluateExpr(interp, frame, a));
        if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map')
            return copyCollection(interp, type.kind, ref, args);
        if (type.kind === 'native' && type.native.constructors) {
            return interp.callNative(type.native, type.native.constructors, 'new', null, args);
        }
        throw new UnsupportedError(
            `Not supported by the local org: new ${ref.name}(...) (${frame.cls.file}:${frame.line})`
        );
    }

    nativeContext(interp: Interpreter): NativeContext {
        const org = this.org;
        return {
            userTimeZone: String(org.userValue('TimeZoneSidKey') ?? 'GMT'),
            userLocale: String(org.userValue('LocaleSidKey') ?? 'en_US'),
            userLanguage: String(org.userValue('LanguageLocaleKey') ?? 'en_US'),
            now: () => org.now(),
            invoke: (target, method, args) => {
                const frame = interp.currentFrame;
                if (!frame) throw new UnsupportedError('A native callback outside any Apex frame');
                return callMethod(interp, frame, target, method, args, frame.line);
            },
            stringOf: (value) => stringOf(interp, value),
            convert: (value, to) => interp.registry.coerce(value, interp.resolveType(to, null))
        };
    }

    addFieldError(interp: Interpreter, record: SObjectValue, field: string, args: ApexValue[]): void {
        callSObject(interp, this.org.tokens, record, 'addError', [field, ...args]);
    }

    tick(): void {
        this.org.tx?.limits.tick();
    }
}

export { ApexObject };
