// A small model of the Apex classes the LWC contract depends on: classes with their inner classes and enums,
// member modifiers and annotations, method signatures and @AuraEnabled fields. A class file is parsed the
// first time it is needed (the gate only pays for the controllers the components call and their data types).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';

const PRIMITIVES = new Map([
    ['string', 'string'],
    ['id', 'string'],
    ['integer', 'number'],
    ['long', 'number'],
    ['decimal', 'number'],
    ['double', 'number'],
    ['boolean', 'boolean'],
    ['date', 'string'],
    ['datetime', 'string'],
    ['time', 'string'],
    ['blob', 'string'],
    ['object', 'unknown']
]);

class CollectingErrorListener extends ApexErrorListener {
    errors = [];
    apexSyntaxError(line, column, msg) {
        // ANTLR lists every token it would have accepted; the position says more than that list.
        this.errors.push({
            line,
            col: column + 1,
            message: msg.replace(/ expecting \{.{60,}\}$/, ' (unexpected here)')
        });
    }
}

/** Lower-cased modifier keywords and annotation names of a member or type declaration. */
function readModifiers(modifierContexts) {
    const keywords = new Set();
    const annotations = new Set();
    for (const m of modifierContexts) {
        const annotation = m.annotation();
        if (annotation) annotations.add(annotation.id().getText().toLowerCase());
        else keywords.add(m.getText().toLowerCase());
    }
    return { keywords, annotations };
}

/** `List<RelayX.Item>[]` -> { parts: [{ name: 'List', args: [...] }], dims: 1, text }. */
function readTypeRef(ctx) {
    const parts = ctx.typeName_list().map((tn) => {
        const keyword = tn.LIST() ?? tn.SET() ?? tn.MAP();
        const name = keyword ? keyword.getText() : tn.id().getText();
        const typeArgs = tn.typeArguments();
        const args = typeArgs ? typeArgs.typeList().typeRef_list().map(readTypeRef) : [];
        return { name, args };
    });
    const dims = ctx.arraySubscripts()?.LBRACK_list().length ?? 0;
    return { parts, dims, text: ctx.getText() };
}

function position(ctx) {
    return { line: ctx.start.line, col: ctx.start.column + 1 };
}

function newType(kind, name, outer, file, ctx, modifiers) {
    return {
        kind,
        name,
        fullName: outer ? `${outer.fullName}.${name}` : name,
        outer,
        file,
        ...position(ctx),
        modifiers,
        inner: new Map(),
        fields: [],
        methods: [],
        enumValues: [],
        superType: null
    };
}

function readClass(classCtx, modifiers, outer, file) {
    const type = newType('class', classCtx.id().getText(), outer, file, classCtx, modifiers);
    if (classCtx.EXTENDS()) type.superType = readTypeRef(classCtx.typeRef());
    for (const decl of classCtx.classBody().classBodyDeclaration_list()) {
        const member = decl.memberDeclaration();
        if (!member) continue;
        const mods = readModifiers(decl.modifier_list());
        const method = member.methodDeclaration();
        const field = member.fieldDeclaration();
        const property = member.propertyDeclaration();
        const innerClass = member.classDeclaration();
        const innerEnum = member.enumDeclaration();
        const innerInterface = member.interfaceDeclaration();
        if (method) {
            const params = method.formalParameters().formalParameterList()?.formalParameter_list() ?? [];
            type.methods.push({
                name: method.id().getText(),
                params: params.map((p) => ({ name: p.id().getText(), type: readTypeRef(p.typeRef()) })),
                returnType: method.VOID() ? null : readTypeRef(method.typeRef()),
                modifiers: mods,
                ...position(method.id())
            });
        } else if (field) {
            for (const v of field.variableDeclarators().variableDeclarator_list()) {
                type.fields.push({
                    name: v.id().getText(),
                    type: readTypeRef(field.typeRef()),
                    modifiers: mods,
                    ...position(v.id())
                });
            }
        } else if (property) {
            type.fields.push({
                name: property.id().getText(),
                type: readTypeRef(property.typeRef()),
                modifiers: mods,
                ...position(property.id())
            });
        } else if (innerClass) {
            const inner = readClass(innerClass, mods, type, file);
            type.inner.set(inner.name.toLowerCase(), inner);
        } else if (innerEnum) {
            const inner = readEnum(innerEnum, mods, type, file);
            type.inner.set(inner.name.toLowerCase(), inner);
        } else if (innerInterface) {
            const inner = newType('interface', innerInterface.id().getText(), type, file, innerInterface, mods);
            type.inner.set(inner.name.toLowerCase(), inner);
        }
    }
    return type;
}

function readEnum(enumCtx, modifiers, outer, file) {
    const type = newType('enum', enumCtx.id().getText(), outer, file, enumCtx, modifiers);
    type.enumValues =
        enumCtx
            .enumConstants()
            ?.id_list()
            .map((id) => id.getText()) ?? [];
    return type;
}

/** True when the member is visible to Lightning: public or global. */
export function isPublic(modifiers) {
    return modifiers.keywords.has('public') || modifiers.keywords.has('global');
}

export function isAuraEnabled(modifiers) {
    return modifiers.annotations.has('auraenabled');
}

/** Every class file in the package directories, parsed on demand by top-level class name. */
export class ApexIndex {
    /**
     * @param {string} root project root
     * @param {string[]} classFiles absolute paths of the .cls files
     */
    constructor(root, classFiles) {
        this.root = root;
        this.files = new Map(classFiles.map((f) => [path.basename(f, '.cls').toLowerCase(), f]));
        this.parsed = new Map();
        this.problems = [];
    }

    /** True when `<name>.cls` exists, even if it could not be parsed. */
    hasFile(name) {
        return this.files.has(name.toLowerCase());
    }

    get parsedCount() {
        return this.parsed.size;
    }

    /** The top-level class (or enum/interface) declared in `<name>.cls`, or null when there is none. */
    topLevel(name) {
        const key = name.toLowerCase();
        if (this.parsed.has(key)) return this.parsed.get(key);
        const file = this.files.get(key);
        const type = file ? this.#parse(file) : null;
        this.parsed.set(key, type);
        return type;
    }

    #parse(absFile) {
        const file = path.relative(this.root, absFile);
        const listener = new CollectingErrorListener();
        const { parser } = ApexParserFactory.createLexerAndParser(readFileSync(absFile, 'utf8'), listener);
        const unit = parser.compilationUnit();
        if (listener.errors.length > 0) {
            const first = listener.errors[0];
            this.problems.push({
                file,
                line: first.line,
                col: first.col,
                message: `Apex syntax error, the LWC contract cannot be checked against this class: ${first.message}`
            });
            return null;
        }
        const decl = unit.typeDeclaration();
        const mods = readModifiers(decl.modifier_list());
        if (decl.classDeclaration()) return readClass(decl.classDeclaration(), mods, null, file);
        if (decl.enumDeclaration()) return readEnum(decl.enumDeclaration(), mods, null, file);
        const iface = decl.interfaceDeclaration();
        return iface ? newType('interface', iface.id().getText(), null, file, iface, mods) : null;
    }

    /** Resolves a (possibly dotted) class name as Apex would from inside `context`: inner classes first. */
    resolveClass(names, context) {
        const [first, ...rest] = names.map((n) => n.toLowerCase());
        let found = null;
        for (let scope = context; scope && !found; scope = scope.outer) {
            if (scope.name.toLowerCase() === first) found = scope;
            else found = scope.inner.get(first) ?? null;
        }
        found ??= this.topLevel(first);
        for (const part of rest) found = found?.inner.get(part) ?? null;
        return found;
    }

    /**
     * What an Apex type looks like once serialized to the LWC:
     * { kind: 'string'|'number'|'boolean'|'unknown'|'array'|'map'|'class'|'enum'|'sobject', ... }.
     */
    shapeOf(typeRef, context) {
        if (typeRef.dims > 0) return { kind: 'array', of: { ...typeRef, dims: typeRef.dims - 1 }, context };
        let parts = typeRef.parts;
        if (parts.length === 2 && parts[0].name.toLowerCase() === 'system') parts = parts.slice(1);
        const last = parts[parts.length - 1];
        if (parts.length === 1) {
            const lower = last.name.toLowerCase();
            if (PRIMITIVES.has(lower)) return { kind: PRIMITIVES.get(lower), apexName: last.name };
            if ((lower === 'list' || lower === 'set') && last.args.length === 1)
                return { kind: 'array', of: last.args[0], context };
            if (lower === 'map' && last.args.length === 2) return { kind: 'map', of: last.args[1], context };
        }
        const type = this.resolveClass(
            parts.map((p) => p.name),
            context
        );
        if (type?.kind === 'class') return { kind: 'class', type };
        if (type?.kind === 'enum') return { kind: 'enum', type };
        if (type?.kind === 'interface') return { kind: 'interface', type };
        // Not a class in force-app: a standard or custom SObject (or another platform type), serialized as an object.
        return { kind: 'sobject', apexName: typeRef.text };
    }

    /** The fields Lightning serializes for a class: public, non-static, @AuraEnabled, inherited ones included. */
    auraFields(type, seen = new Set()) {
        if (seen.has(type)) return [];
        seen.add(type);
        const inherited = [];
        if (type.superType) {
            const parent = this.resolveClass(
                type.superType.parts.map((p) => p.name),
                type
            );
            if (parent?.kind === 'class') inherited.push(...this.auraFields(parent, seen));
        }
        const own = type.fields.filter(
            (f) => isAuraEnabled(f.modifiers) && isPublic(f.modifiers) && !f.modifiers.keywords.has('static')
        );
        return [...inherited.filter((f) => !own.some((o) => o.name === f.name)), ...own].map((f) => ({
            ...f,
            owner: f.owner ?? type
        }));
    }
}
