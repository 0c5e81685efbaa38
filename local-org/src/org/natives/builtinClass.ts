// Platform classes whose instances behave like Apex objects: public properties Apex code reads and assigns
// (RestRequest.requestBody, RestContext.response) and methods written in TypeScript. Defining them as
// classes lets the interpreter treat them exactly like user classes (fields, statics per transaction).
import type { ApexValue, TypeRef } from '../../runtime/values';
import { T, typeRef } from '../../runtime/values';
import { ApexObject, ClassInfo } from '../../interpreter/classes';
import type { TypeRegistry } from '../../interpreter/types';

export interface BuiltinClassSpec {
    /** Canonical name, e.g. 'System.HttpRequest' or 'Database.SaveResult'. */
    readonly name: string;
    /** Other names it may be written as ('HttpRequest'). */
    readonly aliases?: readonly string[];
    readonly fields?: readonly { readonly name: string; readonly type: TypeRef; readonly isStatic?: boolean }[];
    /** Methods by name; `arity` -1 accepts any number of arguments. */
    readonly methods?: readonly {
        readonly name: string;
        readonly arity: number;
        readonly call: (self: ApexObject, args: ApexValue[]) => ApexValue;
    }[];
    /** Sets initial field values of a new instance. */
    readonly init?: (self: ApexObject, args: ApexValue[]) => void;
    /** Interfaces it implements, by name. */
    readonly superclass?: ClassInfo;
}

const PUBLIC = { keywords: new Set(['public']), annotations: [], sharing: null } as const;

export function defineBuiltinClass(registry: TypeRegistry, spec: BuiltinClassSpec): ClassInfo {
    const display = spec.name.startsWith('System.') ? spec.name.slice(7) : spec.name;
    const cls = new ClassInfo(spec.name, 'class', null, null, display);
    if (spec.superclass) cls.superclass = spec.superclass;
    for (const field of spec.fields ?? []) {
        cls.fields.set(field.name.toLowerCase(), {
            owner: cls,
            name: field.name,
            key: field.name.toLowerCase(),
            type: field.type,
            isStatic: !!field.isStatic,
            isFinal: false,
            property: null,
            line: 0
        });
    }
    for (const method of spec.methods ?? []) {
        const arity = Math.max(method.arity, 0);
        cls.addMethod({
            owner: cls,
            name: method.name,
            key: method.name.toLowerCase(),
            isStatic: false,
            params: Array.from({ length: arity }, (_, i) => ({ type: T.Object, name: `p${i}`, key: `p${i}` })),
            returnType: null,
            body: null,
            modifiers: PUBLIC,
            line: 0,
            builtin: method.call
        });
    }
    cls.builtinInit = spec.init ?? (() => undefined);
    registry.addClass(cls, ...(spec.aliases ?? []), display);
    return cls;
}

export function get(self: ApexObject, field: string): ApexValue {
    return self.fields.get(field.toLowerCase()) ?? null;
}

export function set(self: ApexObject, field: string, value: ApexValue): null {
    self.fields.set(field.toLowerCase(), value);
    return null;
}

export { typeRef };
