// Expressions. Names resolve as Apex resolves them: a local variable, then a field or property of `this`,
// then a static of the class (and its superclasses and outer classes), then a type or namespace
// (Apex Developer Guide, "Expressions and Operators", "Understanding Expression Operators").
import type * as A from '../apex/ast';
import { ApexPlatformError, UnsupportedError } from '../runtime/errors';
import { arith, bitNot, bitwise, negate } from '../runtime/numbers';
import { ApexList, ApexMap, ApexSet, SObjectValue, T, typeRef, type ApexValue, type TypeRef } from '../runtime/values';
import { ApexObject, typeKey, type ClassInfo, type FieldInfo, type MethodInfo } from './classes';
import { apexEquals, compareForOperator, referenceEquals } from './equality';
import { ApexThrown } from './exceptions';
import type { Frame } from './frame';
import { Frame as NewFrame, RETURN } from './frame';
import type { Interpreter } from './interpreter';
import { callMethod, callStatic, construct } from './calls';
import { nullPointer } from './errors';
import { execute } from './execute';
import { newTypeValue } from './typeValues';
import { fieldValueType, readSObjectField, writeSObjectField } from './sobjects';
import { stringOf } from './strings';
import type { RType } from './types';
import { addToDate } from './dateArith';

/** What the left of a dot denotes: a value, a type, or a namespace such as `System` or `Schema`. */
export type Target =
    | { readonly kind: 'value'; readonly value: ApexValue }
    | { readonly kind: 'type'; readonly type: RType; readonly name: string }
    | { readonly kind: 'namespace'; readonly name: string };

const NAMESPACES = new Set([
    'system',
    'schema',
    'database',
    'auth',
    'messaging',
    'connectapi',
    'eventbus',
    'test',
    'dom',
    'apexpages',
    'flow',
    'approval',
    'cache',
    'reports',
    'search',
    'site',
    'support',
    'process',
    'sfc',
    'wave',
    'txnsecurity',
    'lxscheduler',
    'quickaction',
    'commercepayments',
    'dataweave',
    'invocable',
    'functions',
    'slack',
    'userprovisioning',
    'visualeditor',
    'kbmanagement',
    'territorymgmt',
    'metadata'
]);

/**
 * Safe navigation short-circuits the whole chain (Apex Developer Guide, "Safe Navigation Operator": if the left
 * side is null, the rest of the chain is not evaluated and the expression is null). Inside a chain, a null met
 * by `?.` travels up as SHORT; the outermost expression turns it into null.
 */
const SHORT = Symbol('short-circuit');

export function evaluateExpr(interp: Interpreter, frame: Frame, expr: A.Expr): ApexValue {
    const value = evaluateRaw(interp, frame, expr);
    return value === SHORT ? null : value;
}

function evaluateRaw(interp: Interpreter, frame: Frame, expr: A.Expr): ApexValue {
    switch (expr.kind) {
        case 'literal':
            return expr.value;
        case 'name':
            return readName(interp, frame, expr);
        case 'this':
        case 'super':
            return frame.self;
        case 'field':
            return readField(interp, frame, expr);
        case 'call':
            return evaluateCall(interp, frame, expr);
        case 'index':
            return readIndex(interp, frame, expr);
        case 'new':
            return construct(interp, frame, expr);
        case 'newCollection':
            return newCollection(interp, frame, expr);
        case 'cast': {
            const value = evaluateExpr(interp, frame, expr.expr);
            return interp.registry.cast(value, interp.resolveType(expr.type, frame.cls));
        }
        case 'unary':
            return unary(interp, frame, expr);
        case 'incDec':
            return incDec(interp, frame, expr);
        case 'binary':
            return binary(interp, frame, expr);
        case 'assign':
            return assign(interp, frame, expr);
        case 'conditional':
            return truthy(interp, evaluateExpr(interp, frame, expr.cond))
                ? evaluateExpr(interp, frame, expr.then)
                : evaluateExpr(interp, frame, expr.otherwise);
        case 'instanceof': {
            const value = evaluateExpr(interp, frame, expr.expr);
            return interp.registry.isInstance(value, interp.resolveType(expr.type, frame.cls));
        }
        case 'typeLiteral':
            return newTypeValue(interp, expr.type, frame.cls);
        case 'soql':
            return interp.host.query(interp, frame, expr);
    }
}

export function truthy(interp: Interpreter, value: ApexValue): boolean {
    if (value === null || value === undefined) nullPointer(interp);
    return value === true;
}

// --- names --------------------------------------------------------------------------------------------

interface StaticSlot {
    readonly cls: ClassInfo;
    readonly field: FieldInfo;
}

/** Finds a static field visible from `cls` by name: its own and inherited, then its outer classes'. */
export function findStatic(cls: ClassInfo, key: string): StaticSlot | undefined {
    for (let scope: ClassInfo | null = cls; scope; scope = scope.outer) {
        for (let c: ClassInfo | null = scope; c; c = c.superclass) {
            const field = c.fields.get(key);
            if (field?.isStatic) return { cls: c, field };
        }
    }
    return undefined;
}

function readName(interp: Interpreter, frame: Frame, expr: A.NameExpr): ApexValue {
    const local = frame.scope.lookup(expr.key);
    if (local) return local.value;
    const found = lookupMember(interp, frame, expr.key);
    if (found) return found.read();
    throw new UnsupportedError(`Variable does not exist: ${expr.name} (${frame.cls.file}:${expr.line})`);
}

interface MemberRef {
    read(): ApexValue;
    write(value: ApexValue): void;
}

/** A field or property of `this`, or a static, named `key` as seen from the running frame. */
function lookupMember(interp: Interpreter, frame: Frame, key: string): MemberRef | undefined {
    if (frame.self) {
        const field = frame.self.cls.findField(key);
        if (field && !field.isStatic) return instanceMember(interp, frame, frame.self, field);
    }
    const slot = findStatic(frame.cls, key);
    if (slot) return staticMember(interp, frame, slot.cls, slot.field);
    return undefined;
}

function instanceMember(interp: Interpreter, frame: Frame, obj: ApexObject, field: FieldInfo): MemberRef {
    const property = field.property;
    const insideAccessor = frame.propertyKey === field.key && frame.self === obj;
    if (!property || insideAccessor || (property.getter === 'auto' && property.setter === 'auto')) {
        return {
            read: () => obj.fields.get(field.key) ?? null,
            write: (value) => {
                obj.fields.set(field.key, interp.registry.coerce(value, interp.resolveType(field.type, field.owner)));
            }
        };
    }
    return {
        read: () => runAccessor(interp, frame, field, obj, 'get', null),
        write: (value) => {
            runAccessor(interp, frame, field, obj, 'set', value);
        }
    };
}

function staticMember(interp: Interpreter, frame: Frame, cls: ClassInfo, field: FieldInfo): MemberRef {
    const property = field.property;
    const insideAccessor = frame.propertyKey === field.key && frame.self === null && frame.cls === cls;
    if (!property || insideAccessor || (property.getter === 'auto' && property.setter === 'auto')) {
        return {
            read: () => interp.staticsOf(cls).get(field.key) ?? null,
            write: (value) => {
                interp
                    .staticsOf(cls)
                    .set(field.key, interp.registry.coerce(value, interp.resolveType(field.type, cls)));
            }
        };
    }
    return {
        read: () => runAccessor(interp, frame, field, null, 'get', null),
        write: (value) => {
            runAccessor(interp, frame, field, null, 'set', value);
        }
    };
}

/** Runs a property's get or set block; inside it, the property's own name is its storage. */
function runAccessor(
    interp: Interpreter,
    caller: Frame,
    field: FieldInfo,
    obj: ApexObject | null,
    which: 'get' | 'set',
    value: ApexValue
): ApexValue {
    const property = field.property!;
    const block = which === 'get' ? property.getter : property.setter;
    const storage = obj ? obj.fields : interp.staticsOf(field.owner);
    const type = interp.resolveType(field.type, field.owner);
    if (block === 'auto') {
        if (which === 'get') return storage.get(field.key) ?? null;
        storage.set(field.key, interp.registry.coerce(value, type));
        return null;
    }
    if (block === null) throw new UnsupportedError(`Property ${field.owner.name}.${field.name} has no ${which}ter`);
    const frame = new NewFrame(
        field.owner,
        obj,
        `${which}${field.name}`,
        interp.sharingFor(field.owner, caller),
        field.key,
        which === 'get' ? field.type : null,
        property.line
    );
    if (which === 'set') frame.scope.vars.set('value', { value: interp.registry.coerce(value, type), type });
    return interp.withFrame(frame, () => {
        const completion = execute(interp, frame, block);
        return which === 'get' && completion === RETURN ? frame.returnValue : null;
    });
}

// --- targets of a dot ---------------------------------------------------------------------------------

export function evaluateTarget(interp: Interpreter, frame: Frame, expr: A.Expr): Target {
    if (expr.kind === 'name') {
        const local = frame.scope.lookup(expr.key);
        if (local) return { kind: 'value', value: local.value };
        const cached = interp.targetCache.get(expr);
        if (cached) return cached;
        const member = lookupMember(interp, frame, expr.key);
        if (member) return { kind: 'value', value: member.read() };
        const type = interp.registry.tryResolve(expr.name, frame.cls);
        const target: Target | undefined = type
            ? { kind: 'type', type, name: type.kind === 'class' ? type.cls.name : expr.name }
            : NAMESPACES.has(expr.key)
              ? { kind: 'namespace', name: expr.name }
              : undefined;
        if (!target)
            throw new UnsupportedError(`Variable does not exist: ${expr.name} (${frame.cls.file}:${expr.line})`);
        interp.targetCache.set(expr, target);
        return target;
    }
    if (expr.kind === 'field') {
        const cached = interp.targetCache.get(expr);
        if (cached) return cached;
        // `[SELECT ...].Parent__r.Field__c`: a query dereferenced by a field is one record (QueryException unless
        // exactly one row); a method call on it (`[SELECT ...].size()`) is on the list.
        const inner: Target =
            expr.target.kind === 'soql'
                ? {
                      kind: 'value',
                      value: interp.registry.coerce(evaluateExpr(interp, frame, expr.target), {
                          kind: 'sobject',
                          name: null
                      })
                  }
                : evaluateTarget(interp, frame, expr.target);
        if (inner.kind === 'value') {
            return {
                kind: 'value',
                value: inner.value === SHORT ? SHORT : memberOfValue(interp, frame, inner.value, expr)
            };
        }
        const qualified = `${inner.name}.${expr.name}`;
        const nested =
            interp.registry.tryResolve(qualified, null) ??
            (inner.kind === 'type' && inner.type.kind === 'class'
                ? interp.registry.tryResolve(expr.name, inner.type.cls)
                : undefined);
        if (nested && !(inner.kind === 'type' && nested.kind !== 'class' && hasStaticMember(inner, expr.key))) {
            const target: Target = {
                kind: 'type',
                type: nested,
                name: nested.kind === 'class' ? nested.cls.name : qualified
            };
            interp.targetCache.set(expr, target);
            return target;
        }
        if (inner.kind === 'namespace') {
            throw new UnsupportedError(
                `Not supported by the local org: type ${qualified} (${frame.cls.file}:${expr.line})`
            );
        }
        return { kind: 'value', value: staticMemberOf(interp, frame, inner, expr) };
    }
    return { kind: 'value', value: evaluateRaw(interp, frame, expr) };
}

function hasStaticMember(target: Target & { kind: 'type' }, key: string): boolean {
    return target.type.kind === 'class' && !!target.type.cls.findField(key)?.isStatic;
}

function readField(interp: Interpreter, frame: Frame, expr: A.FieldExpr): ApexValue {
    if (expr.target.kind === 'soql') {
        // `[SELECT Id FROM X LIMIT 1].Id`: a query dereferenced as one record (QueryException unless one row).
        const row = interp.registry.coerce(evaluateExpr(interp, frame, expr.target), { kind: 'sobject', name: null });
        return memberOfValue(interp, frame, row, expr);
    }
    const target = evaluateTarget(interp, frame, expr.target);
    if (target.kind === 'value')
        return target.value === SHORT ? SHORT : memberOfValue(interp, frame, target.value, expr);
    const qualified = evaluateTarget(interp, frame, expr);
    if (qualified.kind === 'value') return qualified.value;
    throw new UnsupportedError(`${qualified.name} is a type, not a value (${frame.cls.file}:${expr.line})`);
}

/** `value.name` for a value. */
function memberOfValue(interp: Interpreter, frame: Frame, value: ApexValue, expr: A.FieldExpr): ApexValue {
    if (value === null || value === undefined) {
        if (expr.safe) return SHORT;
        nullPointer(interp);
    }
    if (value instanceof ApexObject) {
        const field = value.cls.findField(expr.key);
        if (!field || field.isStatic)
            throw new UnsupportedError(
                `Variable does not exist: ${expr.name} on ${value.cls.name} (${frame.cls.file}:${expr.line})`
            );
        return instanceMember(interp, frame, value, field).read();
    }
    if (value instanceof SObjectValue) return readSObjectField(interp, value, expr.name);
    const native = interp.host.nativeProperty?.(interp, value, expr.name);
    if (native !== undefined) return native;
    throw new UnsupportedError(
        `Not supported by the local org: property ${expr.name} of ${interp.registry.typeNameOf(value)} (${frame.cls.file}:${expr.line})`
    );
}

/** `Type.name` for a type: a static field or property, an enum value, or a platform static. */
function staticMemberOf(
    interp: Interpreter,
    frame: Frame,
    target: Target & { kind: 'type' },
    expr: A.FieldExpr
): ApexValue {
    const type = target.type;
    if (type.kind === 'class') {
        const enumValue = type.cls.enumValue(expr.name);
        if (enumValue) return enumValue;
        const field = type.cls.findField(expr.key);
        if (field?.isStatic) return staticMember(interp, frame, field.owner, field).read();
        throw new UnsupportedError(
            `Variable does not exist: ${type.cls.name}.${expr.name} (${frame.cls.file}:${expr.line})`
        );
    }
    return interp.host.staticProperty(interp, type, expr.name, frame);
}

// --- calls --------------------------------------------------------------------------------------------

/**
 * The declared type of an argument expression, where it can be known without running anything: a variable, a
 * field or property (of `this`, of a typed variable, of a class, of an SObject), a method's return type, a
 * cast, a `new`, a literal. Used only to choose between overloads when the argument's value is null, as Apex's
 * compiler chooses by declared types.
 */
export function staticTypeOf(interp: Interpreter, frame: Frame, expr: A.Expr): RType | null {
    switch (expr.kind) {
        case 'name':
        case 'this':
            return ownerTypeOf(interp, frame, expr)?.type ?? null;
        case 'field': {
            const owner = ownerTypeOf(interp, frame, expr.target);
            return owner ? memberTypeOf(interp, owner, expr) : null;
        }
        case 'call':
            return returnTypeOf(interp, frame, expr);
        case 'cast':
        case 'new':
        case 'newCollection':
            return interp.resolveType(expr.type, frame.cls);
        case 'literal':
            return typeof expr.value === 'string' ? interp.resolveType(T.String, null) : null;
        case 'index':
            return elementTypeOf(interp, staticTypeOf(interp, frame, expr.target), 'get');
        case 'conditional':
            return staticTypeOf(interp, frame, expr.then) ?? staticTypeOf(interp, frame, expr.otherwise);
        case 'binary':
            return expr.op === '??'
                ? (staticTypeOf(interp, frame, expr.left) ?? staticTypeOf(interp, frame, expr.right))
                : null;
        default:
            return null;
    }
}

/** What list[i], list.get(i) and map.get(key) (or remove) return: the element or value type. */
function elementTypeOf(interp: Interpreter, collection: RType | null, method: string): RType | null {
    if (method !== 'get' && method !== 'remove') return null;
    const element =
        collection?.kind === 'list'
            ? collection.ref.args[0]
            : collection?.kind === 'map'
              ? collection.ref.args[1]
              : null;
    return element ? (interp.registry.tryResolve(element.name, null) ?? null) : null;
}

/** The declared type of the left of a dot; `isType` when it names a type (`Foo.staticField`). */
function ownerTypeOf(interp: Interpreter, frame: Frame, expr: A.Expr): { type: RType; isType: boolean } | null {
    if (expr.kind === 'this') return frame.self ? { type: { kind: 'class', cls: frame.cls }, isType: false } : null;
    if (expr.kind !== 'name') {
        const type = staticTypeOf(interp, frame, expr);
        return type ? { type, isType: false } : null;
    }
    const local = frame.scope.lookup(expr.key);
    if (local) {
        // A variable declared as Object still holds an object of a known class.
        if (local.type.kind === 'object' && local.value instanceof ApexObject)
            return { type: { kind: 'class', cls: local.value.cls }, isType: false };
        return { type: local.type, isType: false };
    }
    const field =
        (frame.self ? frame.self.cls.findField(expr.key) : undefined) ?? findStatic(frame.cls, expr.key)?.field;
    if (field) return { type: interp.resolveType(field.type, field.owner), isType: false };
    const type = interp.registry.tryResolve(expr.name, frame.cls);
    return type ? { type, isType: true } : null;
}

/** The declared type of `owner.name`: a field or property of a class, an SObject field or parent record. */
function memberTypeOf(interp: Interpreter, owner: { type: RType; isType: boolean }, expr: A.FieldExpr): RType | null {
    const { type } = owner;
    if (type.kind === 'class') {
        if (type.cls.enumValue(expr.name)) return type;
        const field = type.cls.findField(expr.key);
        return field ? interp.resolveType(field.type, field.owner) : null;
    }
    if (type.kind === 'sobject' && type.name && !owner.isType) {
        const field = interp.registry.schema.field(type.name, expr.name);
        if (field) return { kind: 'primitive', name: fieldValueType(field) };
        const parent = interp.registry.schema.parentRelationship(type.name, expr.name);
        const target = parent?.referenceTo?.length === 1 ? parent.referenceTo[0] : null;
        return target ? { kind: 'sobject', name: target } : null;
    }
    return null;
}

/** The declared return type of the methods a call can reach, when they all return the same type. */
function returnTypeOf(interp: Interpreter, frame: Frame, expr: A.CallExpr): RType | null {
    let candidates: readonly MethodInfo[];
    if (expr.target === null) candidates = (frame.self?.cls ?? frame.cls).methodsNamed(expr.key);
    else if (expr.target.kind === 'super') candidates = frame.cls.superclass?.methodsNamed(expr.key) ?? [];
    else {
        const owner = ownerTypeOf(interp, frame, expr.target);
        if (owner?.type.kind === 'list' || owner?.type.kind === 'map')
            return elementTypeOf(interp, owner.type, expr.key);
        candidates = owner?.type.kind === 'class' ? owner.type.cls.methodsNamed(expr.key) : [];
    }
    const reachable = candidates.filter((m) => m.params.length === expr.args.length);
    const returns = new Set(reachable.map((m) => (m.returnType ? typeKey(m.returnType) : 'void')));
    if (reachable.length === 0 || returns.size !== 1 || !reachable[0].returnType) return null;
    return interp.resolveType(reachable[0].returnType, reachable[0].owner);
}

function argTypesOf(interp: Interpreter, frame: Frame, args: readonly A.Expr[]): () => (RType | null)[] {
    return () => args.map((a) => staticTypeOf(interp, frame, a));
}

function evaluateCall(interp: Interpreter, frame: Frame, expr: A.CallExpr): ApexValue {
    frame.line = expr.line;
    if (expr.target === null) {
        const args = expr.args.map((a) => evaluateExpr(interp, frame, a));
        return callUnqualified(interp, frame, expr, args);
    }
    if (expr.target.kind === 'super') {
        const args = expr.args.map((a) => evaluateExpr(interp, frame, a));
        const parent = frame.cls.superclass;
        const method = parent
            ? interp.selectOverload(parent.methodsNamed(expr.key), args, argTypesOf(interp, frame, expr.args))
            : undefined;
        if (!method)
            throw new UnsupportedError(`Method does not exist: super.${expr.name} (${frame.cls.file}:${expr.line})`);
        return interp.invoke(method, frame.self, args, expr.line);
    }
    if (expr.key === 'adderror' && expr.target.kind === 'field' && interp.host.addFieldError) {
        // `record.Field__c.addError('...')` marks that field of the record (Apex Reference, "SObject Class",
        // addError on a field), rather than calling a String method on the field's value.
        const owner = evaluateTarget(interp, frame, expr.target.target);
        if (owner.kind === 'value' && owner.value instanceof SObjectValue) {
            const args = expr.args.map((a) => evaluateExpr(interp, frame, a));
            interp.host.addFieldError(interp, owner.value, expr.target.name, args);
            return null;
        }
    }
    const target = evaluateTarget(interp, frame, expr.target);
    if (target.kind === 'value' && target.value === SHORT) return SHORT;
    if (target.kind === 'value' && (target.value === null || target.value === undefined)) {
        if (expr.safe) return SHORT;
        nullPointer(interp);
    }
    const args = expr.args.map((a) => evaluateExpr(interp, frame, a));
    frame.line = expr.line;
    const argTypes = argTypesOf(interp, frame, expr.args);
    if (target.kind === 'value') return callMethod(interp, frame, target.value, expr.name, args, expr.line, argTypes);
    return callStatic(interp, frame, target, expr.name, args, expr.line, argTypes);
}

function callUnqualified(interp: Interpreter, frame: Frame, expr: A.CallExpr, args: ApexValue[]): ApexValue {
    if (frame.self) {
        const method = interp.selectOverload(
            frame.self.cls.methodsNamed(expr.key),
            args,
            argTypesOf(interp, frame, expr.args)
        );
        if (method) return interp.invoke(method, method.isStatic ? null : frame.self, args, expr.line);
    }
    for (let scope: ClassInfo | null = frame.cls; scope; scope = scope.outer) {
        const candidates = scope
            .methodsNamed(expr.key)
            .filter((m) => m.isStatic || (frame.self && scope === frame.cls));
        const method = interp.selectOverload(candidates, args, argTypesOf(interp, frame, expr.args));
        if (method) return interp.invoke(method, method.isStatic ? null : frame.self, args, expr.line);
    }
    throw new UnsupportedError(
        `Method does not exist: ${expr.name}(${args.length} argument(s)) in ${frame.cls.name} (${frame.cls.file}:${expr.line})`
    );
}

// --- indexing, collections ----------------------------------------------------------------------------

function readIndex(interp: Interpreter, frame: Frame, expr: A.IndexExpr): ApexValue {
    const list = evaluateRaw(interp, frame, expr.target);
    if (list === SHORT) return SHORT;
    const index = evaluateExpr(interp, frame, expr.index);
    return listGet(interp, list, index);
}

export function listGet(interp: Interpreter, list: ApexValue, index: ApexValue): ApexValue {
    if (list === null || index === null) nullPointer(interp);
    if (!(list instanceof ApexList))
        throw new UnsupportedError(`Not supported by the local org: indexing a ${interp.registry.typeNameOf(list)}`);
    const i = index as number;
    if (i < 0 || i >= list.items.length) interp.throwPlatform(listIndexError(i));
    return list.items[i];
}

/** Apex Reference, "List Class": an index outside the list is ListException "List index out of bounds: n". */
export function listIndexError(index: number): ApexPlatformError {
    return new ApexPlatformError('ListException', `List index out of bounds: ${index}`);
}

function newCollection(interp: Interpreter, frame: Frame, expr: A.NewCollectionExpr): ApexValue {
    const type = interp.resolveType(expr.type, frame.cls);
    const args = expr.type.args;
    const elementType = (ref: TypeRef): RType => interp.resolveType(ref, frame.cls);
    switch (type.kind) {
        case 'list': {
            const element = args[0] ?? T.Object;
            const list = new ApexList(element, []);
            if (expr.size) {
                const size = evaluateExpr(interp, frame, expr.size) as number;
                if (size === null) nullPointer(interp);
                list.items = new Array<ApexValue>(size).fill(null);
                return list;
            }
            const et = elementType(element);
            list.items = expr.elements.map((e) => interp.registry.coerce(evaluateExpr(interp, frame, e), et));
            return list;
        }
        case 'set': {
            const element = args[0] ?? T.Object;
            const et = elementType(element);
            return new ApexSet(
                element,
                expr.elements.map((e) => interp.registry.coerce(evaluateExpr(interp, frame, e), et))
            );
        }
        case 'map': {
            const map = new ApexMap(args[0] ?? T.Object, args[1] ?? T.Object);
            const kt = elementType(map.keyType);
            const vt = elementType(map.valueType);
            for (const [k, v] of expr.pairs) {
                map.set(
                    interp.registry.coerce(evaluateExpr(interp, frame, k), kt),
                    interp.registry.coerce(evaluateExpr(interp, frame, v), vt)
                );
            }
            return map;
        }
        default:
            throw new UnsupportedError(`Not supported by the local org: collection initialiser of ${expr.type.name}`);
    }
}

// --- operators ----------------------------------------------------------------------------------------

function unary(interp: Interpreter, frame: Frame, expr: A.UnaryExpr): ApexValue {
    const value = evaluateExpr(interp, frame, expr.expr);
    if (value === null || value === undefined) nullPointer(interp);
    switch (expr.op) {
        case '!':
            return !truthy(interp, value);
        case '-':
            return negate(value);
        case '+':
            return value;
        case '~':
            return bitNot(value);
    }
}

function incDec(interp: Interpreter, frame: Frame, expr: A.IncDecExpr): ApexValue {
    const ref = reference(interp, frame, expr.target);
    const old = ref.read();
    if (old === null || old === undefined) nullPointer(interp);
    const updated = arith(expr.op === '++' ? '+' : '-', old, 1);
    ref.write(updated);
    return expr.prefix ? ref.read() : old;
}

function binary(interp: Interpreter, frame: Frame, expr: A.BinaryExpr): ApexValue {
    switch (expr.op) {
        case '&&':
            return (
                truthy(interp, evaluateExpr(interp, frame, expr.left)) &&
                truthy(interp, evaluateExpr(interp, frame, expr.right))
            );
        case '||':
            return (
                truthy(interp, evaluateExpr(interp, frame, expr.left)) ||
                truthy(interp, evaluateExpr(interp, frame, expr.right))
            );
        case '??': {
            const left = evaluateExpr(interp, frame, expr.left);
            return left !== null && left !== undefined ? left : evaluateExpr(interp, frame, expr.right);
        }
        default:
            return applyBinary(
                interp,
                expr.op,
                evaluateExpr(interp, frame, expr.left),
                evaluateExpr(interp, frame, expr.right)
            );
    }
}

/** A binary operator on two evaluated operands (also used by compound assignment). */
export function applyBinary(interp: Interpreter, op: A.BinaryOp, left: ApexValue, right: ApexValue): ApexValue {
    switch (op) {
        case '==':
            return apexEquals(interp, left, right);
        case '!=':
            return !apexEquals(interp, left, right);
        case '===':
            return referenceEquals(left, right);
        case '!==':
            return !referenceEquals(left, right);
        case '<':
        case '>':
        case '<=':
        case '>=':
            return compareForOperator(interp, op, left, right);
        case '+':
            if (typeof left === 'string' || typeof right === 'string')
                return stringOf(interp, left, 'concat') + stringOf(interp, right, 'concat');
            break;
        default:
            break;
    }
    if (left === null || left === undefined || right === null || right === undefined) nullPointer(interp);
    if (op === '+' || op === '-') {
        const dated = addToDate(left, right, op);
        if (dated !== undefined) return dated;
    }
    if ((op === '&' || op === '|' || op === '^') && typeof left === 'boolean' && typeof right === 'boolean') {
        return op === '&' ? left && right : op === '|' ? left || right : left !== right;
    }
    switch (op) {
        case '+':
        case '-':
        case '*':
        case '/':
            return arith(op, left, right);
        case '&':
        case '|':
        case '^':
        case '<<':
        case '>>':
        case '>>>':
            return bitwise(op, left, right);
        default:
            throw new UnsupportedError(`Not supported by the local org: operator ${op}`);
    }
}

// --- assignment ---------------------------------------------------------------------------------------

function assign(interp: Interpreter, frame: Frame, expr: A.AssignExpr): ApexValue {
    const ref = reference(interp, frame, expr.target);
    let value: ApexValue;
    if (expr.op === '=') {
        value = evaluateExpr(interp, frame, expr.value);
    } else {
        const current = ref.read();
        const operand = evaluateExpr(interp, frame, expr.value);
        value = applyBinary(interp, expr.op, current, operand);
    }
    ref.write(value);
    return ref.read();
}

/** An assignable place: a local, a field, a static, an SObject field or a list element. */
export function reference(interp: Interpreter, frame: Frame, target: A.Expr): MemberRef {
    switch (target.kind) {
        case 'name': {
            const local = frame.scope.lookup(target.key);
            if (local) {
                return {
                    read: () => local.value,
                    write: (value) => {
                        local.value = interp.registry.coerce(value, local.type);
                    }
                };
            }
            const member = lookupMember(interp, frame, target.key);
            if (member) return member;
            throw new UnsupportedError(`Variable does not exist: ${target.name} (${frame.cls.file}:${target.line})`);
        }
        case 'field': {
            const owner = evaluateTarget(interp, frame, target.target);
            if (owner.kind === 'value') {
                const value = owner.value;
                if (value === null || value === undefined) nullPointer(interp);
                if (value instanceof SObjectValue) {
                    return {
                        read: () => readSObjectField(interp, value, target.name),
                        write: (v) => writeSObjectField(interp, value, target.name, v)
                    };
                }
                if (value instanceof ApexObject) {
                    const field = value.cls.findField(target.key);
                    if (field && !field.isStatic) return instanceMember(interp, frame, value, field);
                }
                throw new UnsupportedError(
                    `Not supported by the local org: assigning ${target.name} on ${interp.registry.typeNameOf(value)}`
                );
            }
            if (owner.kind === 'type' && owner.type.kind === 'class') {
                const field = owner.type.cls.findField(target.key);
                if (field?.isStatic) return staticMember(interp, frame, field.owner, field);
            }
            throw new UnsupportedError(`Not supported by the local org: assigning ${owner.name}.${target.name}`);
        }
        case 'index': {
            const list = evaluateExpr(interp, frame, target.target);
            const index = evaluateExpr(interp, frame, target.index);
            return {
                read: () => listGet(interp, list, index),
                write: (value) => {
                    listGet(interp, list, index);
                    const l = list as ApexList;
                    l.items[index as number] = interp.coerceToElement(value, l.elementType);
                }
            };
        }
        default:
            throw new UnsupportedError(`Not supported by the local org: assignment to ${target.kind}`);
    }
}

export { ApexThrown, typeRef };
