// The loaded form of an Apex type: its methods by name, its fields and properties, its place in the
// inheritance tree. Built once per class from its declaration; per-transaction state (static variables)
// lives in the Execution, not here, because each Apex transaction starts with fresh statics.
import type * as A from '../apex/ast';
import type { ApexValue, TypeRef } from '../runtime/values';
import { ApexEnumValue, enumValue } from '../runtime/values';

/** A method implemented in TypeScript on a built-in class (the Exception family). */
export type BuiltinMethod = (self: ApexObject, args: ApexValue[]) => ApexValue;

export interface MethodInfo {
    readonly owner: ClassInfo;
    readonly name: string;
    readonly key: string;
    readonly isStatic: boolean;
    readonly params: readonly A.Param[];
    readonly returnType: TypeRef | null;
    readonly body: A.BlockStmt | null;
    readonly modifiers: A.Modifiers;
    readonly line: number;
    readonly builtin?: BuiltinMethod;
}

export interface ConstructorInfo {
    readonly owner: ClassInfo;
    readonly params: readonly A.Param[];
    readonly body: A.BlockStmt | null;
    readonly line: number;
    readonly builtin?: BuiltinMethod;
}

export interface FieldInfo {
    readonly owner: ClassInfo;
    readonly name: string;
    readonly key: string;
    readonly type: TypeRef;
    readonly isStatic: boolean;
    readonly isFinal: boolean;
    readonly property: A.PropertyDecl | null;
    readonly line: number;
}

export class ClassInfo {
    readonly key: string;
    readonly simpleKey: string;
    readonly methods = new Map<string, MethodInfo[]>();
    readonly fields = new Map<string, FieldInfo>();
    readonly constructors: ConstructorInfo[] = [];
    readonly inner = new Map<string, ClassInfo>();
    readonly enumValues: ApexEnumValue[] = [];
    superclass: ClassInfo | null = null;
    interfaces: ClassInfo[] = [];
    /** True for Exception and everything that extends it. */
    isException = false;
    /** For a platform class written in TypeScript: sets up a new instance (its fields are already null). */
    builtinInit: ((self: ApexObject, args: ApexValue[]) => void) | null = null;
    private readonly dispatchCache = new Map<string, MethodInfo[]>();

    constructor(
        /** Canonical full name, 'RelayFoo' or 'RelayFoo.Inner' or 'System.NullPointerException'. */
        readonly name: string,
        readonly kind: 'class' | 'interface' | 'enum',
        readonly decl: A.TypeDecl | null,
        readonly outer: ClassInfo | null,
        /** The name `getTypeName()` and stack traces print. */
        readonly displayName: string = name
    ) {
        this.key = name.toLowerCase();
        const dot = name.lastIndexOf('.');
        this.simpleKey = (dot >= 0 ? name.slice(dot + 1) : name).toLowerCase();
    }

    get file(): string {
        return this.decl?.file ?? '(built-in)';
    }

    get modifiers(): A.Modifiers | null {
        return this.decl?.modifiers ?? null;
    }

    get memberInits(): readonly A.MemberInit[] {
        return this.decl?.members ?? [];
    }

    /** The sharing keyword of this class (inner classes do not inherit their outer class's). */
    get sharing(): 'with' | 'without' | 'inherited' | null {
        return this.decl?.modifiers.sharing ?? null;
    }

    get isAbstract(): boolean {
        return this.kind === 'interface' || !!this.decl?.modifiers.keywords.has('abstract');
    }

    hasAnnotation(key: string): boolean {
        return !!this.decl?.modifiers.annotations.some((a) => a.key === key);
    }

    /** The top-level class this one is declared in (itself for a top-level class). */
    get topLevel(): ClassInfo {
        return this.outer ? this.outer.topLevel : this;
    }

    isSubclassOf(other: ClassInfo): boolean {
        const seen = new Set<ClassInfo>();
        const visit = (cls: ClassInfo | null): boolean => {
            if (!cls || seen.has(cls)) return false;
            if (cls === other) return true;
            seen.add(cls);
            return visit(cls.superclass) || cls.interfaces.some((i) => visit(i));
        };
        return visit(this);
    }

    /** This class and its superclasses, nearest first. */
    ancestry(): ClassInfo[] {
        return this.superclass ? [this, ...this.superclass.ancestry()] : [this];
    }

    addMethod(method: MethodInfo): void {
        const list = this.methods.get(method.key);
        if (list) list.push(method);
        else this.methods.set(method.key, [method]);
    }

    /**
     * Every method named `key` visible on this class for dispatch: its own first, then its superclasses'
     * (an override shadows the inherited method with the same parameter types), then interface methods
     * for abstract declarations.
     */
    methodsNamed(key: string): MethodInfo[] {
        const cached = this.dispatchCache.get(key);
        if (cached) return cached;
        const result: MethodInfo[] = [];
        const signatures = new Set<string>();
        const add = (method: MethodInfo): void => {
            const signature = method.params.map((p) => typeKey(p.type)).join(',');
            if (signatures.has(signature)) return;
            signatures.add(signature);
            result.push(method);
        };
        for (const cls of this.ancestry()) {
            for (const method of cls.methods.get(key) ?? []) add(method);
        }
        const visitInterfaces = (cls: ClassInfo | null): void => {
            for (; cls; cls = cls.superclass) {
                for (const iface of cls.interfaces) {
                    for (const method of iface.methods.get(key) ?? []) add(method);
                    visitInterfaces(iface);
                }
            }
        };
        visitInterfaces(this);
        this.dispatchCache.set(key, result);
        return result;
    }

    /** The field or property `key` declared here or inherited. */
    findField(key: string): FieldInfo | undefined {
        for (const cls of this.ancestry()) {
            const field = cls.fields.get(key);
            if (field) return field;
        }
        return undefined;
    }

    enumValue(name: string): ApexEnumValue | undefined {
        const key = name.toLowerCase();
        return this.enumValues.find((v) => v.name.toLowerCase() === key);
    }

    defineEnumValues(names: readonly string[]): void {
        names.forEach((name, ordinal) => this.enumValues.push(enumValue(this.name, name, ordinal)));
    }
}

export function typeKey(type: TypeRef): string {
    return type.args.length === 0
        ? type.name.toLowerCase()
        : `${type.name.toLowerCase()}<${type.args.map(typeKey).join(',')}>`;
}

/** An instance of an Apex class. Fields (and auto-property storage) by lower-cased name. */
export class ApexObject {
    readonly fields = new Map<string, ApexValue>();
    /** For exceptions: the message, cause and where it was thrown. */
    exception?: ExceptionData;
    constructor(readonly cls: ClassInfo) {}
}

export interface ExceptionData {
    message: string | null;
    /**
     * AuraHandledException: the message its constructor was given, which the Lightning component receives;
     * getMessage() answers 'Script-thrown exception' until setMessage (Apex Reference, "AuraHandledException").
     */
    clientMessage?: string | null;
    cause: ApexObject | null;
    line: number;
    column: number;
    stackTrace: string;
    /** Where each frame of the stack trace is, innermost first: for tools that link to the source. */
    sourceFrames?: readonly { readonly file: string; readonly line: number }[];
    /** DmlException details, one per failed row. */
    dml?: DmlFailure[];
}

export interface DmlFailure {
    readonly index: number;
    readonly id: string | null;
    readonly statusCode: string;
    readonly message: string;
    readonly fields: readonly string[];
}
