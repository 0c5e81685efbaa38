// The interpreter's core: loads class declarations into ClassInfo, keeps the call stack, initialises
// statics on first use (Apex Developer Guide, "Static and Instance Methods, Variables, and Initialization
// Code"), invokes methods (overloads by the arguments' runtime types, virtual dispatch), constructs objects
// (superclass first, then field initialisers, then the constructor body), and turns platform errors into
// Apex exceptions. Expressions and statements are in evaluate.ts and execute.ts.
import type * as A from '../apex/ast';
import { ApexPlatformError, UnsupportedError } from '../runtime/errors';
import type { NativeContext, NativeMethod, NativeType } from '../runtime/native';
import { numericTypeOf } from '../runtime/numbers';
import { T, type ApexValue, type TypeRef } from '../runtime/values';
import { ApexObject, ClassInfo, typeKey, type ConstructorInfo, type MethodInfo } from './classes';
import { classForPlatformError, exceptionData, registerExceptionClasses, ApexThrown } from './exceptions';
import { execute } from './execute';
import { Frame, RETURN } from './frame';
import type { Host } from './host';
import { acceptsNative, convertNativeArgs, exactNumericMatches } from './nativeCalls';
import { TypeRegistry, type RType } from './types';

export const MAX_STACK_DEPTH = 1000;

/** Per-transaction state of the interpreter: static variables start fresh in every transaction. */
export class StaticState {
    readonly values = new Map<ClassInfo, Map<string, ApexValue>>();
    readonly initialized = new Set<ClassInfo>();
}

export class Interpreter {
    readonly registry: TypeRegistry;
    readonly exceptionClass: ClassInfo;
    readonly stack: Frame[] = [];
    statics = new StaticState();
    /** What a dotted name's head resolved to (a type or namespace), per syntax node. */
    readonly targetCache = new WeakMap<A.Node, import('./evaluate').Target>();

    constructor(readonly host: Host) {
        this.registry = new TypeRegistry(host.schema);
        this.exceptionClass = registerExceptionClasses(this.registry);
    }

    // --- loading ----------------------------------------------------------------------------------------

    /** Loads top-level type declarations (and their inner types), then links inheritance. */
    load(decls: readonly A.TypeDecl[]): ClassInfo[] {
        const loaded: ClassInfo[] = [];
        const create = (decl: A.TypeDecl, outer: ClassInfo | null): ClassInfo => {
            const cls = new ClassInfo(decl.fullName, decl.kind, decl, outer);
            this.registry.addClass(cls);
            loaded.push(cls);
            for (const inner of decl.inner) cls.inner.set(inner.key, create(inner, cls));
            return cls;
        };
        for (const decl of decls) create(decl, null);
        for (const cls of loaded) this.link(cls);
        return loaded;
    }

    private link(cls: ClassInfo): void {
        const decl = cls.decl!;
        if (decl.extends) {
            const parent = this.registry.resolve(decl.extends, cls.outer ?? cls);
            if (parent.kind !== 'class')
                throw new UnsupportedError(`${cls.name} extends a non-class ${decl.extends.name}`);
            cls.superclass = parent.cls;
        }
        for (const iface of decl.implements) {
            const resolved = this.registry.tryResolve(iface.name, cls.outer ?? cls);
            if (resolved?.kind === 'class') cls.interfaces.push(resolved.cls);
            // Platform interfaces (Queueable, Comparable, HttpCalloutMock...) are checked by name when needed.
        }
        if (decl.kind === 'enum') cls.defineEnumValues(decl.enumValues);
        for (const method of decl.methods) {
            cls.addMethod({
                owner: cls,
                name: method.name,
                key: method.key,
                isStatic: method.isStatic,
                params: method.params,
                returnType: method.returnType,
                body: method.body,
                modifiers: method.modifiers,
                line: method.line
            });
        }
        for (const ctor of decl.constructors) {
            cls.constructors.push({ owner: cls, params: ctor.params, body: ctor.body, line: ctor.line });
        }
        for (const member of decl.members) {
            if (member.kind === 'initializer') continue;
            cls.fields.set(member.key, {
                owner: cls,
                name: member.name,
                key: member.key,
                type: member.type,
                isStatic: member.isStatic,
                isFinal: member.modifiers.keywords.has('final'),
                property: member.kind === 'property' ? member : null,
                line: member.line
            });
        }
    }

    /** Marks exception classes once every class is linked (a class extends Exception through any chain). */
    finishLoading(): void {
        for (const cls of new Set(this.registry.classes.values())) {
            for (let c: ClassInfo | null = cls; c; c = c.superclass) {
                if (c === this.exceptionClass) {
                    cls.isException = true;
                    break;
                }
            }
        }
    }

    /** Whether a class implements a platform interface such as Queueable or HttpCalloutMock. */
    implementsNamed(cls: ClassInfo, interfaceName: string): boolean {
        const wanted = interfaceName.toLowerCase();
        for (let c: ClassInfo | null = cls; c; c = c.superclass) {
            for (const iface of c.decl?.implements ?? []) {
                const name = iface.name.toLowerCase();
                if (name === wanted || name === `system.${wanted}` || name === `database.${wanted}`) return true;
            }
            for (const iface of c.interfaces) if (this.implementsNamed(iface, interfaceName)) return true;
        }
        return false;
    }

    // --- statics ----------------------------------------------------------------------------------------

    /** Static storage of a class, running its static initialisation the first time. */
    staticsOf(cls: ClassInfo): Map<string, ApexValue> {
        let values = this.statics.values.get(cls);
        if (!values) {
            values = new Map();
            this.statics.values.set(cls, values);
        }
        if (!this.statics.initialized.has(cls)) this.initializeStatics(cls, values);
        return values;
    }

    private initializeStatics(cls: ClassInfo, values: Map<string, ApexValue>): void {
        this.statics.initialized.add(cls);
        if (cls.superclass) this.staticsOf(cls.superclass);
        if (cls.outer) this.staticsOf(cls.outer);
        for (const field of cls.fields.values()) if (field.isStatic) values.set(field.key, null);
        const frame = new Frame(cls, null, '<clinit>', this.sharingFor(cls, null), null, null, cls.decl?.line ?? 0);
        this.withFrame(frame, () => {
            for (const member of cls.memberInits) {
                if (!member.isStatic) continue;
                frame.line = member.line;
                if (member.kind === 'initializer') {
                    execute(this, frame, member.body);
                } else if (member.kind === 'field' && member.init) {
                    const type = this.resolveType(member.type, cls);
                    values.set(member.key, this.registry.coerce(this.evaluate(frame, member.init), type));
                }
            }
        });
    }

    // --- frames and types -------------------------------------------------------------------------------

    withFrame<R>(frame: Frame, body: () => R): R {
        if (this.stack.length >= MAX_STACK_DEPTH) {
            this.throwPlatform(new ApexPlatformError('LimitException', 'Maximum stack depth reached: 1001'));
        }
        this.stack.push(frame);
        try {
            return body();
        } catch (error) {
            // A platform error becomes its Apex exception here, while the frame that raised it is on the stack,
            // so getLineNumber and getStackTraceString point at the Apex line that failed.
            if (error instanceof ApexPlatformError) throw this.fromPlatformError(error);
            // A construct the runtime refuses names where it is: native members raise these without knowing
            // the Apex line, so the innermost frame adds it.
            if (error instanceof UnsupportedError && !/:\d+\)$/.test(error.message)) {
                error.message += ` (${frame.cls.file}:${frame.line})`;
            }
            // Each Apex call takes a few dozen JavaScript frames, so deep recursion can exhaust Node's stack
            // before the platform's limit of 1000 frames: stop loudly rather than report a LimitException the
            // org would not have thrown at this depth.
            if (error instanceof RangeError && error.message === 'Maximum call stack size exceeded') {
                throw new UnsupportedError(
                    `Not supported by the local org: Apex calls ${this.stack.length} deep exhaust the JavaScript stack before the platform's limit of ${MAX_STACK_DEPTH} (${frame.cls.file}:${frame.line})`
                );
            }
            throw error;
        } finally {
            this.stack.pop();
        }
    }

    /** `file:line` of the running code, for errors about the construct at `line`. */
    where(line: number): string {
        const frame = this.currentFrame;
        return `${frame?.cls.file ?? '(no Apex frame)'}:${line || frame?.line || 0}`;
    }

    get currentFrame(): Frame | undefined {
        return this.stack[this.stack.length - 1];
    }

    resolveType(ref: TypeRef, context: ClassInfo | null): RType {
        return this.registry.resolve(ref, context);
    }

    /**
     * Converts a value for a collection's element type, which is held without the class it was written in:
     * only the platform's conversions (numbers, Ids) apply, so a name that does not resolve globally (an inner
     * class) needs none.
     */
    coerceToElement(value: ApexValue, ref: TypeRef): ApexValue {
        const type = this.registry.tryResolve(ref.name, null);
        return type ? this.registry.coerce(value, type) : value;
    }

    /**
     * Whether SOQL and DML in code of `cls` enforce sharing: `with sharing` yes, `without sharing` no,
     * `inherited sharing` and no keyword take the caller's mode; an entry point without a keyword runs
     * without sharing (Apex Developer Guide, "Using the with sharing, without sharing, and inherited sharing
     * Keywords"). Inner classes do not inherit the outer class's keyword.
     */
    sharingFor(cls: ClassInfo, caller: Frame | null | undefined): boolean {
        switch (cls.sharing) {
            case 'with':
                return true;
            case 'without':
                return false;
            case 'inherited':
                // "Apex with inherited sharing ... runs as with sharing when it is the entry point" (Apex Developer
                // Guide, "Using the with sharing, without sharing, and inherited sharing Keywords").
                return caller?.enforceSharing ?? true;
            default:
                return caller?.enforceSharing ?? false;
        }
    }

    evaluate(frame: Frame, expr: A.Expr): ApexValue {
        return evaluateExpr(this, frame, expr);
    }

    // --- invocation -------------------------------------------------------------------------------------

    /**
     * Picks the overload whose parameters best accept the arguments: by their runtime values, and for a null
     * argument by the static type of the expression that gave it (`argTypes`, computed only when needed), as
     * Apex's compiler chooses by declared types.
     */
    selectOverload<M extends { params: readonly A.Param[]; owner: ClassInfo }>(
        candidates: readonly M[],
        args: ApexValue[],
        argTypes?: () => readonly (RType | null)[]
    ): M | undefined {
        const sameArity = candidates.filter((m) => m.params.length === args.length);
        if (sameArity.length <= 1) return sameArity[0];
        const types = args.some((a) => a === null || a === undefined) && argTypes ? argTypes() : null;
        let best: M | undefined;
        let bestScore = -1;
        const accepted: M[] = [];
        for (const method of sameArity) {
            let score = 0;
            let ok = true;
            for (let i = 0; i < args.length; i++) {
                const s = this.paramScore(args[i], types?.[i] ?? null, method.params[i].type, method.owner);
                if (s < 0) {
                    ok = false;
                    break;
                }
                score += s;
            }
            if (ok) accepted.push(method);
            if (ok && score > bestScore) {
                best = method;
                bestScore = score;
            }
        }
        // A null whose declared type is unknown here would make the choice a guess: stop loudly instead.
        const guessed = args.some(
            (a, i) =>
                (a === null || a === undefined) &&
                !types?.[i] &&
                new Set(accepted.map((m) => typeKey(m.params[i].type))).size > 1
        );
        if (guessed) {
            const name = (best as { name?: string } | undefined)?.name ?? 'the constructor';
            throw new UnsupportedError(
                `Not supported by the local org: choosing an overload of ${name} for a null argument whose declared type is not known`
            );
        }
        return best ?? sameArity[0];
    }

    /** Whether every argument is accepted by the corresponding parameter of `method`. */
    private accepts(
        method: { params: readonly A.Param[]; owner: ClassInfo },
        args: ApexValue[],
        argTypes?: () => readonly (RType | null)[]
    ): boolean {
        if (method.params.length !== args.length) return false;
        const types = args.some((a) => a === null || a === undefined) && argTypes ? argTypes() : null;
        return method.params.every(
            (param, i) => this.paramScore(args[i], types?.[i] ?? null, param.type, method.owner) >= 0
        );
    }

    /** -1: not accepted; higher is a closer match. */
    private paramScore(value: ApexValue, staticType: RType | null, type: TypeRef, context: ClassInfo): number {
        const resolved = this.registry.tryResolve(type.name, context);
        if (!resolved) return 0;
        const full =
            resolved.kind === 'list' || resolved.kind === 'set' || resolved.kind === 'map'
                ? { ...resolved, ref: type }
                : resolved;
        if (value === null || value === undefined) return staticType ? staticScore(this.registry, staticType, full) : 1;
        if (resolved.kind === 'object') return 1;
        if (this.registry.isInstance(value, full)) {
            if (resolved.kind === 'sobject' && resolved.name === null) return 2;
            return 3;
        }
        if (resolved.kind === 'primitive' && numericTypeOf(value) && numericTypeOf(value) !== resolved.name) {
            const order = ['Integer', 'Long', 'Decimal', 'Double'];
            const from = order.indexOf(numericTypeOf(value)!);
            const to = order.indexOf(resolved.name);
            return to > from ? 2 : -1;
        }
        if (resolved.kind === 'primitive' && resolved.name === 'Id' && typeof value === 'string') return 2;
        if (resolved.kind === 'primitive' && resolved.name === 'String' && typeof value === 'string') return 3;
        return -1;
    }

    /** Runs a method with its arguments (already evaluated). `self` is null for a static method. */
    invoke(method: MethodInfo, self: ApexObject | null, args: ApexValue[], line: number): ApexValue {
        if (method.builtin) return method.builtin(self!, args);
        if (!method.body) {
            throw new UnsupportedError(
                `Abstract method ${method.owner.name}.${method.name} has no implementation for ${self?.cls.name ?? 'a static call'}`
            );
        }
        if (method.isStatic) this.staticsOf(method.owner);
        const caller = this.currentFrame;
        const frame = new Frame(
            method.owner,
            method.isStatic ? null : self,
            method.name,
            this.sharingFor(method.owner, caller),
            null,
            method.returnType,
            method.line
        );
        this.bindParams(frame, method.params, args, method.owner);
        return this.withFrame(frame, () => {
            const completion = execute(this, frame, method.body!);
            return completion === RETURN ? frame.returnValue : null;
        });
        void line;
    }

    private bindParams(frame: Frame, params: readonly A.Param[], args: ApexValue[], owner: ClassInfo): void {
        for (let i = 0; i < params.length; i++) {
            const type = this.resolveType(params[i].type, owner);
            frame.scope.vars.set(params[i].key, { value: this.registry.coerce(args[i], type), type });
        }
    }

    /** `new C(args)`: a new instance, fully constructed. */
    instantiate(
        cls: ClassInfo,
        args: ApexValue[],
        line: number,
        argTypes?: () => readonly (RType | null)[]
    ): ApexObject {
        if (cls.isAbstract)
            throw new UnsupportedError(`Abstract class ${cls.name} cannot be constructed (${this.where(line)})`);
        this.staticsOf(cls);
        const obj = new ApexObject(cls);
        if (cls.isException) exceptionData(obj);
        this.construct(cls, obj, args, line, argTypes);
        if (cls.isException) this.stampException(obj);
        return obj;
    }

    /** Runs the constructor of `cls` selected by `args` on `obj` (superclass chain first). */
    construct(
        cls: ClassInfo,
        obj: ApexObject,
        args: ApexValue[],
        line: number,
        argTypes?: () => readonly (RType | null)[]
    ): void {
        if (!cls.decl) {
            if (cls.builtinInit) {
                for (const field of cls.fields.values()) if (!field.isStatic) obj.fields.set(field.key, null);
                cls.builtinInit(obj, args);
            } else {
                this.constructBuiltinException(obj, args);
            }
            return;
        }
        const ctor = this.selectConstructor(cls, args, line, argTypes);
        const caller = this.currentFrame;
        const frame = new Frame(
            cls,
            obj,
            cls.decl.name,
            this.sharingFor(cls, caller),
            null,
            null,
            ctor?.line ?? cls.decl.line
        );
        if (ctor) this.bindParams(frame, ctor.params, args, cls);
        this.withFrame(frame, () => {
            const body = ctor?.body?.body ?? [];
            const first = body[0];
            const chained =
                first?.kind === 'expr' && first.expr.kind === 'call' && first.expr.target === null ? first.expr : null;
            let rest = body;
            if (chained && chained.key === 'this') {
                this.construct(
                    cls,
                    obj,
                    chained.args.map((a) => this.evaluate(frame, a)),
                    chained.line
                );
                rest = body.slice(1);
            } else {
                if (chained && chained.key === 'super') {
                    const superArgs = chained.args.map((a) => this.evaluate(frame, a));
                    if (cls.superclass) this.construct(cls.superclass, obj, superArgs, chained.line);
                    rest = body.slice(1);
                } else if (cls.superclass) {
                    this.construct(cls.superclass, obj, cls.isException && !ctor ? args : [], line);
                }
                this.initializeInstance(cls, obj, frame);
            }
            if (rest.length > 0) {
                execute(this, frame, { kind: 'block', line: frame.line, body: rest });
            }
        });
    }

    private selectConstructor(
        cls: ClassInfo,
        args: ApexValue[],
        line: number,
        argTypes?: () => readonly (RType | null)[]
    ): ConstructorInfo | undefined {
        if (cls.constructors.length === 0) {
            // Exceptions get the four implicit constructors (Apex Developer Guide, "Create Custom Exceptions").
            if (args.length === 0 || cls.isException) return undefined;
            throw new UnsupportedError(
                `${cls.name} has no constructor taking ${args.length} argument(s) (${this.where(line)})`
            );
        }
        const ctor = this.selectOverload(cls.constructors, args, argTypes);
        // An exception keeps the four implicit constructors beside its own (Apex Developer Guide, "Create Custom
        // Exceptions"), so arguments its declared constructors do not accept go to the implicit ones.
        if (cls.isException && (!ctor || !this.accepts(ctor, args, argTypes))) return undefined;
        if (!ctor) {
            if (args.length === 0 && !cls.constructors.some((c) => c.params.length === 0)) {
                throw new UnsupportedError(`${cls.name} has no constructor taking no arguments (${this.where(line)})`);
            }
            throw new UnsupportedError(
                `${cls.name} has no constructor taking ${args.length} argument(s) (${this.where(line)})`
            );
        }
        return ctor;
    }

    private constructBuiltinException(obj: ApexObject, args: ApexValue[]): void {
        const data = exceptionData(obj);
        for (const arg of args) {
            if (typeof arg === 'string' || arg === null) data.message = arg as string | null;
            else if (arg instanceof ApexObject && arg.cls.isException) data.cause = arg;
        }
        if (obj.cls.key === 'system.aurahandledexception') {
            // The component receives the constructor's message; getMessage() does not (Apex Reference,
            // "AuraHandledException": use setMessage so that logs and tests can read it).
            data.clientMessage = data.message;
            data.message = 'Script-thrown exception';
        }
    }

    private initializeInstance(cls: ClassInfo, obj: ApexObject, frame: Frame): void {
        for (const field of cls.fields.values()) {
            if (!field.isStatic && !obj.fields.has(field.key)) obj.fields.set(field.key, null);
        }
        for (const member of cls.memberInits) {
            if (member.isStatic) continue;
            frame.line = member.line;
            if (member.kind === 'initializer') execute(this, frame, member.body);
            else if (member.kind === 'field' && member.init) {
                obj.fields.set(
                    member.key,
                    this.registry.coerce(this.evaluate(frame, member.init), this.resolveType(member.type, cls))
                );
            }
        }
    }

    // --- exceptions -------------------------------------------------------------------------------------

    /** Records where an exception was created: its line and the stack trace getStackTraceString prints. */
    stampException(obj: ApexObject): void {
        const data = exceptionData(obj);
        const frames = this.stack.filter((f) => f.cls.decl);
        const top = frames[frames.length - 1];
        data.line = top?.line ?? 0;
        data.stackTrace = this.stackTrace();
        data.sourceFrames = this.stack
            .filter((f) => f.cls.decl)
            .reverse()
            .map((f) => ({ file: f.cls.file, line: f.line }));
    }

    /** Apex-style stack trace of the current call stack, innermost first. */
    stackTrace(): string {
        return this.stack
            .filter((f) => f.cls.decl)
            .reverse()
            .map((f) => `Class.${f.cls.name}.${f.method}: line ${f.line}, column 1`)
            .join('\n');
    }

    /** Creates an exception of `cls` with a message, stamped at the current line. */
    newException(cls: ClassInfo, message: string | null): ApexObject {
        const obj = new ApexObject(cls);
        exceptionData(obj).message = message;
        this.stampException(obj);
        return obj;
    }

    /** Converts a platform error raised by native code into the Apex exception it names. */
    fromPlatformError(error: ApexPlatformError): ApexThrown {
        const obj = this.newException(classForPlatformError(this.registry, error), error.message);
        // LOCAL_ORG_TRACE=1 prints where every platform exception starts, even those Apex code catches.
        if (process.env.LOCAL_ORG_TRACE)
            console.error(`[trace] System.${error.exceptionName}: ${error.message}\n${this.stackTrace()}`);
        const dml = (error as { dml?: import('./classes').DmlFailure[] }).dml;
        if (dml) exceptionData(obj).dml = dml;
        return new ApexThrown(obj);
    }

    throwPlatform(error: ApexPlatformError): never {
        throw this.fromPlatformError(error);
    }

    // --- natives ----------------------------------------------------------------------------------------

    /** Calls a native method: picks the overload accepting the arguments, converting numbers as Apex does. */
    callNative(
        type: NativeType,
        overloads: readonly NativeMethod[] | undefined,
        name: string,
        self: ApexValue,
        args: ApexValue[]
    ): ApexValue {
        if (!overloads) throw new UnsupportedError(`Not supported by the local org: ${type.name}.${name}(...)`);
        let method: NativeMethod | undefined;
        let best = -1;
        for (const candidate of overloads) {
            if (!acceptsNative(this, candidate, args)) continue;
            const score = exactNumericMatches(candidate, args);
            if (score > best) [method, best] = [candidate, score];
        }
        if (!method) {
            throw new UnsupportedError(
                `Not supported by the local org: ${type.name}.${name} with ${args.length} argument(s) of these types`
            );
        }
        return method.call(convertNativeArgs(this, method, args), this.nativeContext(), self);
    }

    nativeContext(): NativeContext {
        return this.host.nativeContext(this);
    }
}

/** How well a declared (static) type matches a parameter type: the rules the compiler applies to overloads. */
function staticScore(registry: TypeRegistry, actual: RType, param: RType): number {
    if (param.kind === 'object') return 1;
    if (actual.kind !== param.kind) {
        if (param.kind === 'sobject' && param.name === null && actual.kind === 'sobject') return 2;
        return -1;
    }
    switch (actual.kind) {
        case 'primitive': {
            // As for a value (paramScore): an Id is a String, and a number widens to a higher numeric type.
            const wanted = (param as typeof actual).name;
            if (actual.name === wanted) return 3;
            if (actual.name === 'Id' && wanted === 'String') return 2;
            const order = ['Integer', 'Long', 'Decimal', 'Double'];
            return order.indexOf(actual.name) >= 0 && order.indexOf(wanted) > order.indexOf(actual.name) ? 2 : -1;
        }
        case 'list':
        case 'set':
        case 'map': {
            const wanted = (param as typeof actual).ref.args.map((a) => a.name.toLowerCase()).join(',');
            const have = actual.ref.args.map((a) => a.name.toLowerCase()).join(',');
            return wanted === have || wanted === '' || have === ''
                ? 3
                : wanted === 'object' || wanted === 'sobject'
                  ? 2
                  : -1;
        }
        case 'sobject':
            return (param as typeof actual).name === null
                ? 2
                : actual.name?.toLowerCase() === (param as typeof actual).name?.toLowerCase()
                  ? 3
                  : -1;
        case 'class':
            return actual.cls === (param as typeof actual).cls
                ? 3
                : actual.cls.isSubclassOf((param as typeof actual).cls)
                  ? 2
                  : -1;
        default:
            return registry === null ? 0 : 1;
    }
}

// Imported last: evaluate.ts imports this module's classes.
import { evaluateExpr } from './evaluate';
export { ApexThrown, T };
