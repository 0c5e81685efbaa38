// The Genesys request contract (contract/genesys-cloud.contract.json) checked against the installed official SDK,
// purecloud-platform-client-v2, and for the authorization facts every operation must record.
//  - No drift: every operation's sdkMethod exists; its HTTP method, path and path parameters are the SDK's; each
//    query parameter is one the SDK sends; each body field (nested objects and arrays of objects included) is a
//    field of the SDK's body model (index.d.ts), with a compatible type, and every field the model requires is there.
//    The SDK's calls are read from src/purecloud-platform-client-v2/api/*.js, where each method ends in
//    `this.apiClient.callApi('/api/v2/...', 'POST', pathParams, queryParams, headerParams, formParams, body, ...)`.
//  - Authorization: every operation records the OAuth scopes a token may carry to call it (`oauthScopes`, any of),
//    the Genesys permissions the user (or a client-credentials client's role) needs (`permissions`: ANY, ALL or
//    NONE, as the SDK documentation states them) and where that was read (`permissionsSource`, an https URL).
// Returns problems as { operation, message }; the caller places them in the contract file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SDK_PACKAGE = 'purecloud-platform-client-v2';

/** The OAuth scopes Genesys Cloud defines that Relay's operations may use (developer.genesys.cloud, OAuth scopes). */
export const KNOWN_SCOPES = new Set([
    'conversations',
    'conversations:readonly',
    'presence',
    'presence:readonly',
    'routing',
    'routing:readonly',
    'users',
    'users:readonly',
    'user-basic-info',
    'external-contacts',
    'external-contacts:readonly',
    'analytics',
    'analytics:readonly',
    'response-management',
    'response-management:readonly'
]);

const PERMISSION = /^[a-zA-Z]+:[a-zA-Z]+:[a-zA-Z]+$/;

// ---------------------------------------------------------------------------------------------------------------
// Reading the SDK

function objectKeys(literal) {
    return [...literal.matchAll(/'([A-Za-z0-9_]+)'\s*:/g)].map((m) => m[1]);
}

/** Every `Api.method` of the SDK's api/*.js: { path, method, pathParams, query, bodyArg }. */
export function readSdkOperations(apiDir) {
    const operations = new Map();
    for (const file of readdirSync(apiDir).filter((f) => f.endsWith('Api.js'))) {
        const api = path.basename(file, '.js');
        const source = readFileSync(path.join(apiDir, file), 'utf8');
        const method = /^\t(\w+)\([^)]*\) \{\s*$/gm;
        const starts = [...source.matchAll(method)];
        for (let i = 0; i < starts.length; i++) {
            const body = source.slice(starts[i].index, starts[i + 1]?.index ?? source.length);
            const call = body.match(
                /this\.apiClient\.callApi\(\s*'([^']+)',\s*'([A-Z]+)',\s*\{([^}]*)\},\s*\{([^}]*)\},\s*\{([^}]*)\},\s*\{([^}]*)\},\s*([^,]+),/
            );
            if (!call) continue;
            operations.set(`${api}.${starts[i][1]}`, {
                path: call[1],
                method: call[2],
                pathParams: objectKeys(call[3]),
                query: objectKeys(call[4]),
                bodyArg: call[7].trim()
            });
        }
    }
    return operations;
}

/**
 * The SDK's typings: { params: Map<'Api.method', Map<parameter, type>> (the positional parameters and the options'
 * body as "opts['body']"), models: Map<name, Map<field, {type, required}>> }.
 */
export function readSdkTypings(dtsFile) {
    const text = readFileSync(dtsFile, 'utf8');
    const params = new Map();
    for (const block of text.matchAll(/^declare class (\w+) \{([\s\S]*?)^\}/gm)) {
        for (const sig of block[2].matchAll(/^\s+(\w+)\(([^)]*)\): Promise</gm)) {
            const types = new Map();
            for (const p of sig[2].matchAll(/(\w+)\??: ([^,]+)/g)) types.set(p[1], p[2].trim());
            params.set(`${block[1]}.${sig[1]}`, types);
        }
    }
    for (const block of text.matchAll(/^declare namespace (\w+Api) \{([\s\S]*?)^\}/gm)) {
        for (const opt of block[2].matchAll(/export interface (\w+)Options \{([^}]*)\}/g)) {
            const body = opt[2].match(/"body"\?: ([^;]+);/);
            if (body) params.get(`${block[1]}.${opt[1]}`)?.set("opts['body']", body[1].trim());
        }
    }
    const models = new Map();
    const start = text.indexOf('declare namespace Models {');
    const modelText = start >= 0 ? text.slice(start) : '';
    // A model ends at the `}` on a line of its own: a field's inline type (a map, `{ [key: string]: string; }`) has
    // braces and semicolons of its own, so a field is its whole line.
    for (const model of modelText.matchAll(/export interface (\w+) \{([\s\S]*?)^\s*\}\s*$/gm)) {
        const fields = new Map();
        for (const f of model[2].matchAll(/^\s*"([^"]+)"(\?)?: (.+);\s*$/gm)) {
            fields.set(f[1], { type: f[3].trim(), required: f[2] !== '?' });
        }
        models.set(model[1], fields);
    }
    return { params, models };
}

/** The installed SDK under `root`, or null when it is not installed. */
export function loadSdk(root) {
    const dir = path.join(root, 'node_modules', SDK_PACKAGE);
    const apiDir = path.join(dir, 'src', SDK_PACKAGE, 'api');
    const dts = path.join(dir, 'index.d.ts');
    if (!existsSync(apiDir) || !existsSync(dts)) return null;
    const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    return { version, operations: readSdkOperations(apiDir), ...readSdkTypings(dts) };
}

// ---------------------------------------------------------------------------------------------------------------
// Drift

function typeMatches(schemaType, tsType) {
    switch (schemaType) {
        case 'string':
            return tsType === 'string';
        case 'integer':
        case 'number':
            return tsType === 'number';
        case 'boolean':
            return tsType === 'boolean';
        case 'array':
            return /^Array<.+>$/.test(tsType);
        case 'object':
            return /^Models\.\w+$/.test(tsType) || /^\{ \[key: string\]: .+; \}$/.test(tsType);
        default:
            return false;
    }
}

function checkSchema(schema, modelName, models, where, problems) {
    const fields = models.get(modelName);
    if (!fields) {
        problems.push(`${where}: the SDK has no model ${modelName}`);
        return;
    }
    const properties = schema.properties ?? {};
    for (const [name, child] of Object.entries(properties)) {
        const field = fields.get(name);
        if (!field) {
            problems.push(
                `${where}.${name} is not a field of the SDK's ${modelName} (fields: ${[...fields.keys()].join(', ')})`
            );
            continue;
        }
        if (!typeMatches(child.type, field.type)) {
            problems.push(
                `${where}.${name} is ${child.type} in the contract but ${field.type} in the SDK's ${modelName}`
            );
            continue;
        }
        const nested = field.type.match(/^Models\.(\w+)$/);
        if (child.type === 'object' && nested) checkSchema(child, nested[1], models, `${where}.${name}`, problems);
        const items = field.type.match(/^Array<(.+)>$/);
        if (child.type === 'array' && items && child.items) {
            const itemModel = items[1].match(/^Models\.(\w+)$/);
            if (!typeMatches(child.items.type, items[1])) {
                problems.push(`${where}.${name}[] is ${child.items.type} in the contract but ${items[1]} in the SDK`);
            } else if (itemModel && child.items.type === 'object') {
                checkSchema(child.items, itemModel[1], models, `${where}.${name}[]`, problems);
            }
        }
    }
    for (const [name, field] of fields) {
        if (field.required && !(name in properties)) {
            problems.push(
                `${where}: the SDK's ${modelName} requires "${name}", which the contract's body does not have`
            );
        }
    }
}

/** Problems between each contract operation and the installed SDK. */
export function checkSdkDrift(contract, sdk) {
    const problems = [];
    for (const [name, op] of Object.entries(contract.operations ?? {})) {
        const add = (message) => problems.push({ operation: name, message: `${name}: ${message}` });
        const sdkOp = sdk.operations.get(op.sdkMethod);
        if (!sdkOp) {
            add(`sdkMethod ${op.sdkMethod ?? '(none)'} is not a method of ${SDK_PACKAGE}@${sdk.version}`);
            continue;
        }
        const label = `${op.sdkMethod} (${SDK_PACKAGE}@${sdk.version})`;
        if (op.method !== sdkOp.method) add(`method ${op.method} but ${label} sends ${sdkOp.method}`);
        if (op.path !== sdkOp.path) add(`path ${op.path} but ${label} calls ${sdkOp.path}`);
        const placeholders = [...(op.path ?? '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        if (placeholders.join(',') !== sdkOp.pathParams.join(',')) {
            add(`path parameters (${placeholders.join(', ')}) but ${label} has (${sdkOp.pathParams.join(', ')})`);
        }
        for (const q of op.query ?? []) {
            if (!sdkOp.query.includes(q)) {
                add(
                    `query parameter "${q}" is not sent by ${label} (its query parameters: ${sdkOp.query.join(', ') || 'none'})`
                );
            }
        }
        const sdkHasBody = sdkOp.bodyArg !== 'null';
        if (op.body && !sdkHasBody) add(`has a body but ${label} sends none`);
        if (!op.body && sdkHasBody && !sdkOp.bodyArg.startsWith('opts[')) add(`has no body but ${label} requires one`);
        if (op.body && sdkHasBody) {
            const type = sdk.params.get(op.sdkMethod)?.get(sdkOp.bodyArg);
            const model = type?.match(/^Models\.(\w+)$/)?.[1];
            const messages = [];
            if (!model) messages.push(`body: ${label} declares no body model in index.d.ts (${type ?? 'no type'})`);
            else checkSchema(op.body, model, sdk.models, 'body', messages);
            for (const m of messages) add(m);
        }
    }
    return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Authorization

/** Problems with the scopes and permissions each operation must record. */
export function checkAuthorization(contract) {
    const problems = [];
    for (const [name, op] of Object.entries(contract.operations ?? {})) {
        const add = (message) => problems.push({ operation: name, message: `${name}: ${message}` });
        const scopes = op.oauthScopes;
        if (!Array.isArray(scopes) || scopes.length === 0) {
            add('records no oauthScopes (the OAuth scopes, any of, a token needs to call it)');
        } else {
            for (const s of scopes) if (!KNOWN_SCOPES.has(s)) add(`oauthScopes: "${s}" is not a known Genesys scope`);
            const writes = op.method !== 'GET';
            if (writes && scopes.every((s) => s.endsWith(':readonly'))) {
                add(`oauthScopes: a ${op.method} cannot be called with read-only scopes alone`);
            }
        }
        const p = op.permissions;
        if (!p || typeof p !== 'object' || !['ANY', 'ALL', 'NONE'].includes(p.type)) {
            add('records no permissions ({ "type": "ANY" | "ALL" | "NONE", "permissions": [...] }, from the SDK docs)');
        } else if (!Array.isArray(p.permissions)) {
            add('permissions.permissions must be an array');
        } else if (p.type === 'NONE' && p.permissions.length > 0) {
            add('permissions: type NONE lists permissions');
        } else if (p.type !== 'NONE' && p.permissions.length === 0) {
            add(`permissions: type ${p.type} lists no permission`);
        } else {
            for (const perm of p.permissions) {
                if (!PERMISSION.test(perm)) add(`permissions: "${perm}" is not domain:entity:action`);
            }
        }
        if (typeof op.permissionsSource !== 'string' || !/^https:\/\/\S+$/.test(op.permissionsSource)) {
            add('records no permissionsSource (the https URL of the documentation its permissions come from)');
        }
    }
    return problems;
}

/** 1-based line of `"name": {` in the contract text, or 1. */
export function operationLine(text, name) {
    const index = text.indexOf(`"${name}": {`);
    return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

/**
 * The whole Genesys check for a project root. Returns { problems, notes } with problems as
 * { file, line, col, message }; a root without the contract is skipped with a note.
 */
export function checkGenesysContract(root, { sdkRoot = root } = {}) {
    const file = 'contract/genesys-cloud.contract.json';
    const abs = path.join(root, file);
    if (!existsSync(abs)) return { problems: [], notes: [`Genesys contract vs SDK: skipped, no ${file}`] };
    const text = readFileSync(abs, 'utf8');
    const contract = JSON.parse(text);
    const found = checkAuthorization(contract);
    const notes = [];
    const sdk = loadSdk(sdkRoot);
    if (!sdk) {
        found.push({ operation: null, message: `${SDK_PACKAGE} is not installed: the contract cannot be checked` });
    } else {
        found.push(...checkSdkDrift(contract, sdk));
        notes.push(
            `Genesys contract vs SDK: ${Object.keys(contract.operations).length} operation(s) checked against ` +
                `${SDK_PACKAGE}@${sdk.version} (${sdk.operations.size} SDK operations)`
        );
    }
    const problems = found.map((p) => ({
        file,
        line: p.operation ? operationLine(text, p.operation) : 1,
        col: 1,
        message: p.message
    }));
    return { problems, notes };
}
