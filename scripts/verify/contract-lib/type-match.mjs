// Compares a TypeScript type (from types/apex.d.ts) with the Apex type it stands for, the way Lightning
// serializes Apex to JSON: String/Id/Date/... -> string, numbers -> number, List/Set/X[] -> array,
// Map<K, V> -> Record<string, V>, Object -> unknown, a class -> an object with exactly its @AuraEnabled fields.
// `| null` and optional members are accepted everywhere: any Apex value can be null.
import path from 'node:path';
import ts from 'typescript';
import { where } from './ts-source.mjs';

const NULLISH = ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void;
const SCALAR_FLAGS = {
    string: ts.TypeFlags.StringLike,
    number: ts.TypeFlags.NumberLike,
    boolean: ts.TypeFlags.BooleanLike
};

function apexLocation(type, line = type.line) {
    return `${type.file}:${line}`;
}

/**
 * @param {string} root project root
 * @param {ts.TypeChecker} checker
 * @param {import('./apex-model.mjs').ApexIndex} apex
 */
export function createTypeMatcher(root, checker, apex) {
    const seen = new WeakMap();
    const show = (type) => checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation);
    const nonNull = (type) => (type.isUnion() ? type.types : [type]).filter((t) => !(t.flags & NULLISH));
    const isObject = (type) =>
        (type.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection)) !== 0 &&
        !checker.isArrayType(type) &&
        !checker.isTupleType(type);

    /** A node inside the project to point at, preferring the declaration of what is being compared. */
    function nodeFor(symbol, fallback) {
        const decl = symbol?.valueDeclaration ?? symbol?.declarations?.[0];
        if (!decl) return fallback;
        const file = path.resolve(decl.getSourceFile().fileName);
        const inProject = file.startsWith(root + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);
        return inProject ? (decl.name ?? decl) : fallback;
    }

    function stringIndexValue(type) {
        const info = checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
        return info?.type ?? null;
    }

    /**
     * @param {object} ctx { typeRef, context: Apex class the reference appears in, tsType, label, node, out }
     */
    function matchRef(ctx) {
        const { typeRef, context, tsType, label, node, out } = ctx;
        const shape = apex.shapeOf(typeRef, context);
        const members = nonNull(tsType);
        const report = (expected) =>
            out.push({
                ...where(root, node),
                message: `${label}: TypeScript declares ${show(tsType)} but Apex ${typeRef.text} needs ${expected}`
            });
        if (tsType.flags & ts.TypeFlags.Any) return report(`a precise type (any hides the contract)`);
        switch (shape.kind) {
            case 'string':
            case 'number':
            case 'boolean': {
                const ok = members.length > 0 && members.every((m) => m.flags & SCALAR_FLAGS[shape.kind]);
                if (!ok) report(shape.kind);
                return;
            }
            case 'unknown':
                if (!(tsType.flags & ts.TypeFlags.Unknown)) report('unknown');
                return;
            case 'array': {
                const [only] = members;
                if (members.length !== 1 || !checker.isArrayType(only)) return report('an array (X[])');
                const [element] = checker.getTypeArguments(only);
                matchRef({ ...ctx, typeRef: shape.of, tsType: element, label: `${label}[]` });
                return;
            }
            case 'map': {
                const [only] = members;
                const value = members.length === 1 && isObject(only) ? stringIndexValue(only) : null;
                if (!value || checker.getPropertiesOfType(only).length > 0)
                    return report('Record<string, ...> (an Apex Map)');
                matchRef({ ...ctx, typeRef: shape.of, tsType: value, label: `${label}[key]` });
                return;
            }
            case 'enum': {
                const values = new Set(shape.type.enumValues);
                const ok =
                    members.length > 0 &&
                    members.every(
                        (m) => m.flags & ts.TypeFlags.StringLike && (!m.isStringLiteral() || values.has(m.value))
                    );
                if (!ok) report(`string or a union of its values (${[...values].join(', ')})`);
                return;
            }
            case 'sobject':
            case 'interface':
                if (members.length !== 1 || !isObject(members[0])) report('an object type');
                return;
            case 'class':
                if (members.length !== 1 || !isObject(members[0])) return report(`an object type`);
                matchClass({ ...ctx, cls: shape.type, tsType: members[0] });
                return;
            default:
                report(`a known type (unhandled Apex shape ${shape.kind})`);
        }
    }

    function matchClass({ cls, tsType, label, node, out }) {
        // Once per (Apex class, TS type) pair: stops recursion and repeats when several methods share a type.
        const compared = seen.get(tsType) ?? new Set();
        if (compared.has(cls)) return;
        seen.set(tsType, compared.add(cls));
        const fields = apex.auraFields(cls);
        const props = checker.getPropertiesOfType(tsType);
        const tsNames = new Set(props.map((p) => p.name));
        const apexNames = new Set(fields.map((f) => f.name));
        const missing = [...apexNames].filter((n) => !tsNames.has(n));
        const extra = [...tsNames].filter((n) => !apexNames.has(n));
        if (missing.length > 0 || extra.length > 0) {
            const parts = [];
            if (missing.length) parts.push(`missing in TypeScript: ${missing.join(', ')}`);
            if (extra.length) parts.push(`not @AuraEnabled public fields in Apex: ${extra.join(', ')}`);
            out.push({
                ...where(root, nodeFor(tsType.aliasSymbol ?? tsType.getSymbol(), node)),
                message:
                    `${label}: ${show(tsType)} does not match the @AuraEnabled fields of Apex ${cls.fullName} ` +
                    `(${apexLocation(cls)}): ${parts.join('; ')}`
            });
        }
        for (const field of fields) {
            const prop = props.find((p) => p.name === field.name);
            if (!prop) continue;
            matchRef({
                typeRef: field.type,
                context: field.owner,
                tsType: checker.getTypeOfSymbol(prop),
                label: `${label}.${field.name}`,
                node: nodeFor(prop, node),
                out
            });
        }
    }

    /** Problems between an Apex method and the Params/Result of its ApexMethod declaration. */
    function matchMethod({ label, cls, method, typed }) {
        const out = [];
        const props = checker.getPropertiesOfType(typed.params);
        const tsNames = props.map((p) => p.name);
        const apexNames = method.params.map((p) => p.name);
        const missing = apexNames.filter((n) => !tsNames.includes(n));
        const extra = tsNames.filter((n) => !apexNames.includes(n));
        if (missing.length > 0 || extra.length > 0) {
            out.push({
                ...where(root, typed.paramsNode),
                message:
                    `${label} params: keys (${tsNames.join(', ') || 'none'}) must be the Apex parameter names ` +
                    `(${apexNames.join(', ') || 'none'}) of ${cls.name}.${method.name} (${apexLocation(cls, method.line)})`
            });
        }
        for (const param of method.params) {
            const prop = props.find((p) => p.name === param.name);
            if (!prop) continue;
            matchRef({
                typeRef: param.type,
                context: cls,
                tsType: checker.getTypeOfSymbol(prop),
                label: `${label} params.${param.name}`,
                node: nodeFor(prop, typed.paramsNode),
                out
            });
        }
        if (method.returnType === null) {
            if (nonNull(typed.result).length > 0) {
                out.push({
                    ...where(root, typed.resultNode),
                    message: `${label} result: TypeScript declares ${show(typed.result)} but Apex returns void (use void or null)`
                });
            }
        } else {
            matchRef({
                typeRef: method.returnType,
                context: cls,
                tsType: typed.result,
                label: `${label} result`,
                node: typed.resultNode,
                out
            });
        }
        return out;
    }

    return { matchMethod };
}
