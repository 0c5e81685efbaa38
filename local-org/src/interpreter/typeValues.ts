// System.Type values: what `Foo.class` and Type.forName give (Apex Reference, "Type Class"). Used by
// JSON.deserialize, Type.newInstance and Test.setMock.
import type { ApexValue, TypeRef } from '../runtime/values';
import { typeName } from '../runtime/values';
import type { ClassInfo } from './classes';
import type { Interpreter } from './interpreter';
import type { RType } from './types';
import { rtypeName } from './types';

export class ApexTypeValue {
    readonly apexTypeName = 'System.Type';
    constructor(
        readonly ref: TypeRef,
        readonly type: RType,
        /** The class the type was written in, for resolving its type arguments. */
        readonly context: ClassInfo | null
    ) {}

    /** Type.getName(): the type's name as written for collections, the class name otherwise. */
    get name(): string {
        return this.type.kind === 'list' || this.type.kind === 'set' || this.type.kind === 'map'
            ? typeName(this.ref)
            : rtypeName(this.type);
    }
}

const caches = new WeakMap<Interpreter, Map<string, ApexTypeValue>>();

/** The Type value of a written type (one instance per type, so == compares as Apex does). */
export function newTypeValue(interp: Interpreter, ref: TypeRef, context: ClassInfo | null): ApexValue {
    const type = interp.resolveType(ref, context);
    const key = `${rtypeName(type)}|${typeName(ref).toLowerCase()}`;
    let byKey = caches.get(interp);
    if (!byKey) {
        byKey = new Map();
        caches.set(interp, byKey);
    }
    let value = byKey.get(key);
    if (!value) {
        value = new ApexTypeValue(ref, type, context);
        byKey.set(key, value);
    }
    return value;
}
