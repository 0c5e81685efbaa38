// The whole LWC-to-Apex contract check for one project root. Returns problems ({ file, line, col, message },
// file relative to the root) and notes; printing and the exit code are the CLI's job.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ApexIndex, isAuraEnabled, isPublic } from './apex-model.mjs';
import { checkGeneratedContract } from './generator.mjs';
import { APEX_PREFIX, readApexDeclarations, scanLwcSources } from './ts-source.mjs';
import { createTypeMatcher } from './type-match.mjs';

const SKIPPED_DIRS = new Set(['node_modules', '.sfdx', '.sf', '__tests__']);

function readProject(root) {
    const file = path.join(root, 'sfdx-project.json');
    const project = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    const dirs = project.packageDirectories?.map((d) => d.path) ?? ['force-app'];
    return { dirs, namespace: project.namespace ?? '' };
}

function walk(dir, out) {
    if (!existsSync(dir)) return out;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIPPED_DIRS.has(entry.name)) walk(full, out);
        } else out.push(full);
    }
    return out;
}

function collectSources(root, dirs) {
    const files = dirs.flatMap((d) => walk(path.join(root, d), []));
    const inLwc = (f) => f.split(path.sep).includes('lwc');
    return {
        classFiles: files.filter((f) => f.endsWith('.cls')),
        lwcFiles: files.filter((f) => inLwc(f) && f.endsWith('.ts') && !f.endsWith('.d.ts'))
    };
}

/** Finds the Apex method behind `@salesforce/apex/[ns.]Class.method`, with what stops LWC from calling it. */
function resolveApexMethod(apex, module, namespace) {
    let parts = module.slice(APEX_PREFIX.length).split('.');
    if (parts.length === 3 && namespace && parts[0] === namespace) parts = parts.slice(1);
    if (parts.length !== 2 || parts.some((p) => p === '')) {
        return { error: `'${module}' is not of the form '@salesforce/apex/Class.method'` };
    }
    const [className, methodName] = parts;
    const cls = apex.topLevel(className);
    if (!cls && apex.hasFile(className)) {
        return {
            error: `Apex class ${className} could not be parsed (see its syntax error) for ${module}`,
            unparsable: true
        };
    }
    if (!cls) return { error: `Apex class ${className} not found in force-app (${module})` };
    if (cls.kind !== 'class') return { error: `Apex ${cls.name} is an ${cls.kind}, not a class (${module})` };
    const candidates = cls.methods.filter((m) => m.name.toLowerCase() === methodName.toLowerCase());
    if (candidates.length === 0) {
        return { error: `Apex method ${cls.name}.${methodName} not found (${cls.file}) for ${module}` };
    }
    const method = candidates[0];
    const issues = [];
    const where = `${cls.file}:${method.line}`;
    if (cls.name !== className) issues.push(`class is spelled ${cls.name} in Apex`);
    if (method.name !== methodName) issues.push(`method is spelled ${method.name} in Apex`);
    if (candidates.length > 1) issues.push(`${method.name} is overloaded; @AuraEnabled methods cannot be`);
    if (!isPublic(cls.modifiers)) issues.push(`class ${cls.name} is not public or global`);
    if (!isAuraEnabled(method.modifiers)) issues.push(`${cls.name}.${method.name} is not @AuraEnabled`);
    if (!method.modifiers.keywords.has('static')) issues.push(`${cls.name}.${method.name} is not static`);
    if (!isPublic(method.modifiers)) issues.push(`${cls.name}.${method.name} is not public or global`);
    return {
        cls,
        method,
        error: issues.length ? `${module} cannot be called from LWC: ${issues.join('; ')} (${where})` : null
    };
}

function checkCallSite(call, resolved, declaredParams) {
    const problems = [];
    const apexNames = resolved.method.params.map((p) => p.name);
    const label = `${resolved.cls.name}.${resolved.method.name}`;
    const list = apexNames.join(', ') || 'none';
    for (const key of call.keys) {
        if (!apexNames.includes(key.name)) {
            problems.push({
                file: call.at.file,
                line: key.line,
                col: key.col,
                message: `'${key.name}' is not a parameter of Apex ${label} (parameters: ${list})`
            });
        }
    }
    if (!call.open) {
        const passed = new Set(call.keys.map((k) => k.name));
        const missing = apexNames.filter((n) => !passed.has(n) && !declaredParams?.optional.has(n));
        if (missing.length > 0) {
            problems.push({
                ...call.at,
                message: `call to Apex ${label} does not pass ${missing.join(', ')} (parameters: ${list})`
            });
        }
    }
    return problems;
}

/**
 * Runs every check of `npm run verify:contract` on the project at `root`.
 * @returns {Promise<{ problems: object[], notes: string[], stats: object }>}
 */
export async function checkContract(projectRoot) {
    const root = path.resolve(projectRoot);
    const generated = checkGeneratedContract(root);
    const problems = [];
    const notes = [];
    const { dirs, namespace } = readProject(root);
    const { classFiles, lwcFiles } = collectSources(root, dirs);
    const apex = new ApexIndex(root, classFiles);
    const { imports, calls } = scanLwcSources(root, lwcFiles);

    const apexDtsPath = path.join(root, 'types', 'apex.d.ts');
    const dtsMentionsApex = existsSync(apexDtsPath) && readFileSync(apexDtsPath, 'utf8').includes(APEX_PREFIX);
    const dts =
        imports.length > 0 || dtsMentionsApex
            ? readApexDeclarations(root)
            : { checker: null, declarations: [], problems: [] };
    problems.push(...dts.problems);

    const resolvedByModule = new Map();
    const resolve = (module) => {
        if (!resolvedByModule.has(module)) resolvedByModule.set(module, resolveApexMethod(apex, module, namespace));
        return resolvedByModule.get(module);
    };
    const declared = new Map();
    for (const decl of dts.declarations) {
        if (declared.has(decl.module)) {
            problems.push({ ...decl.at, message: `'${decl.module}' is declared more than once` });
        } else declared.set(decl.module, decl);
    }
    const imported = new Set(imports.map((i) => i.module));

    for (const imp of imports) {
        const resolved = resolve(imp.module);
        if (resolved.error) problems.push({ ...imp.at, message: resolved.error });
        if (!declared.has(imp.module)) {
            problems.push({
                ...imp.at,
                message: `'${imp.module}' is not declared in types/apex.d.ts (declare it as ApexMethod<Params, Result>)`
            });
        }
    }

    const matcher = dts.checker ? createTypeMatcher(root, dts.checker, apex) : null;
    const declaredParams = new Map();
    for (const decl of declared.values()) {
        const resolved = resolve(decl.module);
        if (!resolved.method) {
            if (!resolved.unparsable) problems.push({ ...decl.at, message: `dangling declaration: ${resolved.error}` });
            continue;
        }
        if (!imported.has(decl.module)) {
            problems.push({
                ...decl.at,
                message: `unused declaration: no LWC imports '${decl.module}' (remove it)`
            });
        }
        if (!decl.typed) continue;
        const optional = new Set(
            dts.checker
                .getPropertiesOfType(decl.typed.params)
                .filter((p) => p.flags & ts.SymbolFlags.Optional)
                .map((p) => p.name)
        );
        declaredParams.set(decl.module, { optional });
        const label = decl.module.slice(APEX_PREFIX.length);
        problems.push(...matcher.matchMethod({ label, cls: resolved.cls, method: resolved.method, typed: decl.typed }));
    }

    for (const call of calls) {
        const resolved = resolve(call.module);
        if (resolved.method) problems.push(...checkCallSite(call, resolved, declaredParams.get(call.module)));
    }

    problems.push(...apex.problems);
    const contract = await generated;
    problems.push(...contract.problems);
    notes.push(...contract.notes);
    if (imports.length === 0) notes.push('no LWC imports an Apex method (@salesforce/apex/*): nothing to match');

    const unique = new Map(problems.map((p) => [`${p.file}:${p.line}:${p.col} ${p.message}`, p]));
    const sorted = [...unique.values()].sort(
        (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message)
    );
    return {
        problems: sorted,
        notes,
        stats: {
            imports: imported.size,
            callSites: calls.length,
            declarations: dts.declarations.length,
            apexClassesParsed: apex.parsedCount
        }
    };
}
