// The TypeScript side of the contract: the `@salesforce/apex/*` declarations in types/apex.d.ts (read through
// a Program + TypeChecker so interfaces, aliases and imported types resolve), and the Apex imports and call
// sites in LWC sources (read syntactically, one file at a time, which is all a call-site check needs).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const APEX_PREFIX = '@salesforce/apex/';

/** 1-based position of a node, with its file relative to the project root. */
export function where(root, node) {
    const source = node.getSourceFile();
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { file: path.relative(root, source.fileName), line: line + 1, col: character + 1 };
}

function compilerOptions(root) {
    const base = path.join(root, 'tsconfig.base.json');
    const fallback = {
        strict: true,
        target: ts.ScriptTarget.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler
    };
    if (!existsSync(base)) return fallback;
    const read = ts.readConfigFile(base, ts.sys.readFile);
    if (read.error) return fallback;
    return ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, base).options;
}

// Library files (TypeScript's lib, lwc's types) do not change between runs in one process: parsing them once
// keeps repeated checks (the unit tests run one per fixture) fast.
const libraryFiles = new Map();

function cachingHost(options) {
    const host = ts.createCompilerHost(options);
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) => {
        if (!fileName.includes('/node_modules/')) return getSourceFile(fileName, languageVersion, ...rest);
        const key = `${JSON.stringify(languageVersion)}:${fileName}`;
        if (!libraryFiles.has(key)) libraryFiles.set(key, getSourceFile(fileName, languageVersion, ...rest));
        return libraryFiles.get(key);
    };
    return host;
}

/** The const typed in `export default` of an ambient module, or null. */
function defaultExportDeclaration(checker, moduleDecl) {
    const moduleSymbol = checker.getSymbolAtLocation(moduleDecl.name);
    if (!moduleSymbol) return null;
    const exported = checker.getExportsOfModule(moduleSymbol).find((s) => s.escapedName === 'default');
    if (!exported) return null;
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    return target.valueDeclaration ?? target.declarations?.[0] ?? null;
}

/** `ApexMethod<Params, Result>` written directly, or through a type alias of it. */
function apexMethodTypeArguments(checker, typeNode) {
    if (
        ts.isTypeReferenceNode(typeNode) &&
        typeNode.typeName.getText() === 'ApexMethod' &&
        typeNode.typeArguments?.length === 2
    ) {
        const [paramsNode, resultNode] = typeNode.typeArguments;
        return {
            paramsNode,
            resultNode,
            params: checker.getTypeFromTypeNode(paramsNode),
            result: checker.getTypeFromTypeNode(resultNode)
        };
    }
    const type = checker.getTypeFromTypeNode(typeNode);
    if (type.aliasSymbol?.escapedName === 'ApexMethod' && type.aliasTypeArguments?.length === 2) {
        const [params, result] = type.aliasTypeArguments;
        return { paramsNode: typeNode, resultNode: typeNode, params, result };
    }
    return null;
}

/**
 * Reads every `declare module '@salesforce/apex/...'` in types/apex.d.ts.
 * @returns {{ checker: ts.TypeChecker | null, declarations: object[], problems: object[] }}
 */
export function readApexDeclarations(root) {
    const typesDir = path.join(root, 'types');
    const apexFile = path.join(typesDir, 'apex.d.ts');
    if (!existsSync(apexFile)) return { checker: null, declarations: [], problems: [] };
    const rootNames = readdirSync(typesDir)
        .filter((f) => f.endsWith('.d.ts'))
        .map((f) => path.join(typesDir, f));
    const options = { ...compilerOptions(root), noEmit: true, types: [], skipLibCheck: true };
    const program = ts.createProgram(rootNames, options, cachingHost(options));
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(apexFile);
    const declarations = [];
    const problems = [];
    for (const statement of source.statements) {
        if (!ts.isModuleDeclaration(statement) || !ts.isStringLiteral(statement.name)) continue;
        const module = statement.name.text;
        if (!module.startsWith(APEX_PREFIX)) continue;
        const at = where(root, statement.name);
        if (module.includes('*')) {
            problems.push({ ...at, message: `wildcard '${module}' hides the Apex contract: declare each method` });
            continue;
        }
        const decl = defaultExportDeclaration(checker, statement);
        const typeNode = decl && ts.isVariableDeclaration(decl) ? decl.type : undefined;
        const typed = typeNode ? apexMethodTypeArguments(checker, typeNode) : null;
        if (!typed) {
            problems.push({
                ...at,
                message: `'${module}' must default-export a const typed ApexMethod<Params, Result>`
            });
        }
        declarations.push({ module, at, typed });
    }
    return { checker, declarations, problems };
}

function propertyKey(name) {
    if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
    return null;
}

/** Keys of an object literal passed to an Apex method; spreads and computed keys make the key set open. */
function readKeys(root, literal) {
    const keys = [];
    let open = false;
    for (const property of literal.properties) {
        const key = property.name ? propertyKey(property.name) : null;
        if (key === null) open = true;
        else keys.push({ name: key, ...where(root, property.name) });
    }
    return { keys, open };
}

/** The expression under casts and parentheses: `({ a } as Params)` still passes the key `a` to Apex. */
function unwrap(expression) {
    let e = expression;
    while (
        e &&
        (ts.isParenthesizedExpression(e) ||
            ts.isAsExpression(e) ||
            ts.isSatisfiesExpression(e) ||
            ts.isTypeAssertionExpression(e) ||
            ts.isNonNullExpression(e))
    ) {
        e = e.expression;
    }
    return e;
}

/**
 * Apex imports and the object literals passed to them, imperatively (`fn({ a })`) or through `@wire(fn, { a })`.
 * @param {string} root project root
 * @param {string[]} files absolute paths of LWC TypeScript sources
 */
export function scanLwcSources(root, files) {
    const imports = [];
    const calls = [];
    for (const file of files) {
        const text = readFileSync(file, 'utf8');
        if (!text.includes(APEX_PREFIX)) continue;
        const source = ts.createSourceFile(file, text, ts.ScriptTarget.ESNext, true, ts.ScriptKind.TS);
        const apexLocals = new Map();
        let wireLocal = null;
        for (const statement of source.statements) {
            if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
            const module = statement.moduleSpecifier.text;
            const clause = statement.importClause;
            if (module.startsWith(APEX_PREFIX)) {
                imports.push({ module, at: where(root, statement.moduleSpecifier) });
                if (clause?.name) apexLocals.set(clause.name.text, module);
            } else if (module === 'lwc' && clause?.namedBindings && ts.isNamedImports(clause.namedBindings)) {
                const wire = clause.namedBindings.elements.find((e) => (e.propertyName ?? e.name).text === 'wire');
                if (wire) wireLocal = wire.name.text;
            }
        }
        if (apexLocals.size === 0) continue;
        const visit = (node) => {
            if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
                const callee = node.expression.text;
                let module = null;
                let argument;
                if (apexLocals.has(callee)) {
                    module = apexLocals.get(callee);
                    argument = unwrap(node.arguments[0]);
                } else if (callee === wireLocal && node.arguments[0] && ts.isIdentifier(node.arguments[0])) {
                    module = apexLocals.get(node.arguments[0].text) ?? null;
                    argument = unwrap(node.arguments[1]);
                }
                if (module && (argument === undefined || ts.isObjectLiteralExpression(argument))) {
                    const { keys, open } = argument ? readKeys(root, argument) : { keys: [], open: false };
                    calls.push({ module, keys, open, at: where(root, argument ?? node) });
                }
            }
            ts.forEachChild(node, visit);
        };
        visit(source);
    }
    return { imports, calls };
}
