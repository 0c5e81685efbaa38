// Request contract matcher and validator. Pure (no Node APIs) so the simulator and the local console's
// preview adapters check requests with the same code against contract/genesys-cloud.contract.json.

/** The JSON-schema subset the contract uses. Unknown keywords are rejected by parseContract. */
export interface JsonSchema {
    type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';
    required?: string[];
    properties?: Record<string, JsonSchema>;
    additionalProperties?: boolean;
    enum?: unknown[];
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    minimum?: number;
    maximum?: number;
    items?: JsonSchema;
    minItems?: number;
    maxItems?: number;
}

export interface ContractOperation {
    id: string;
    summary?: string;
    method: string;
    path: string;
    sdkMethod?: string;
    query: string[];
    body: JsonSchema | null;
    success: number;
    response: 'json' | 'empty';
    /** True for routes the simulator accepts for compatibility although Relay's contract does not use them. */
    compat?: boolean;
}

export interface Contract {
    version: number;
    operations: Record<string, ContractOperation>;
}

export interface SchemaIssue {
    /** Dotted location of the problem, e.g. `body.wrapup.code`. */
    path: string;
    rule: 'type' | 'required' | 'additionalProperties' | 'enum' | 'length' | 'pattern' | 'range' | 'items';
    message: string;
}

export interface ContractRequest {
    method: string;
    /** Path, optionally with a query string: `/api/v2/users/u-1/queues?joined=true`. */
    url: string;
    /** Parsed JSON body; `undefined` when the request has no body. */
    body?: unknown;
}

export type ContractCheck =
    | {
          ok: true;
          operation: ContractOperation;
          pathParams: Record<string, string>;
          query: Record<string, string>;
      }
    | {
          ok: false;
          /** 404: no route for this method and path; 400: the route exists but the request breaks it. */
          status: 404 | 400;
          message: string;
          issues: SchemaIssue[];
          /** The operations the method and path matched (empty for 404). */
          candidates: ContractOperation[];
      };

const SCHEMA_KEYWORDS = new Set([
    'type',
    'required',
    'properties',
    'additionalProperties',
    'enum',
    'minLength',
    'maxLength',
    'pattern',
    'minimum',
    'maximum',
    'items',
    'minItems',
    'maxItems',
    'description',
    '$comment'
]);
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Checks the contract file's shape, so a typo in it fails loudly instead of validating nothing. */
export function parseContract(json: unknown, options: { compat?: boolean } = {}): Contract {
    const root = asRecord(json, 'contract');
    const operations: Record<string, ContractOperation> = {};
    for (const [id, raw] of Object.entries(asRecord(root.operations, 'contract.operations'))) {
        const op = asRecord(raw, `operation ${id}`);
        const where = `operation ${id}`;
        const method = String(op.method);
        if (!METHODS.has(method)) throw new Error(`${where}: unsupported method ${method}`);
        if (typeof op.path !== 'string' || !op.path.startsWith('/'))
            throw new Error(`${where}: path must start with /`);
        if (!Array.isArray(op.query) || op.query.some((q) => typeof q !== 'string')) {
            throw new Error(`${where}: query must be a list of parameter names`);
        }
        if (op.body !== null) checkSchema(op.body, `${where}.body`);
        if (typeof op.success !== 'number') throw new Error(`${where}: success must be an HTTP status`);
        if (op.response !== 'json' && op.response !== 'empty') throw new Error(`${where}: response must be json|empty`);
        operations[id] = {
            id,
            summary: typeof op.summary === 'string' ? op.summary : undefined,
            method,
            path: op.path,
            sdkMethod: typeof op.sdkMethod === 'string' ? op.sdkMethod : undefined,
            query: op.query as string[],
            body: op.body as JsonSchema | null,
            success: op.success,
            response: op.response,
            compat: options.compat === true ? true : undefined
        };
    }
    return { version: typeof root.version === 'number' ? root.version : 1, operations };
}

function checkSchema(schema: unknown, where: string): void {
    const s = asRecord(schema, where);
    for (const key of Object.keys(s)) {
        if (!SCHEMA_KEYWORDS.has(key)) throw new Error(`${where}: unsupported schema keyword "${key}"`);
    }
    if (s.properties !== undefined) {
        for (const [name, sub] of Object.entries(asRecord(s.properties, `${where}.properties`))) {
            checkSchema(sub, `${where}.properties.${name}`);
        }
    }
    if (s.items !== undefined) checkSchema(s.items, `${where}.items`);
}

function asRecord(value: unknown, where: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new Error(`${where} must be an object`);
    }
    return value as Record<string, unknown>;
}

/** Validates a value against the schema subset; returns every problem found (empty when valid). */
export function validateSchema(schema: JsonSchema, value: unknown, path = 'body'): SchemaIssue[] {
    const issues: SchemaIssue[] = [];
    if (schema.type !== undefined && !hasType(value, schema.type)) {
        issues.push({ path, rule: 'type', message: `${path} must be ${article(schema.type)}` });
        return issues;
    }
    if (schema.enum !== undefined && !schema.enum.includes(value)) {
        const allowed = schema.enum.map((v) => JSON.stringify(v)).join(', ');
        issues.push({ path, rule: 'enum', message: `${path} must be one of: ${allowed}` });
    }
    if (typeof value === 'string') checkString(schema, value, path, issues);
    if (typeof value === 'number') checkNumber(schema, value, path, issues);
    if (Array.isArray(value)) checkArray(schema, value, path, issues);
    else if (typeof value === 'object' && value !== null) {
        checkObject(schema, value as Record<string, unknown>, path, issues);
    }
    return issues;
}

function checkString(schema: JsonSchema, value: string, path: string, issues: SchemaIssue[]): void {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
        const message =
            schema.minLength === 1
                ? `${path} must not be empty`
                : `${path} must be at least ${schema.minLength} characters`;
        issues.push({ path, rule: 'length', message });
    }
    if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        issues.push({ path, rule: 'length', message: `${path} must be at most ${schema.maxLength} characters` });
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
        issues.push({ path, rule: 'pattern', message: `${path} must match ${schema.pattern}` });
    }
}

function checkNumber(schema: JsonSchema, value: number, path: string, issues: SchemaIssue[]): void {
    if (schema.minimum !== undefined && value < schema.minimum) {
        issues.push({ path, rule: 'range', message: `${path} must be at least ${schema.minimum}` });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
        issues.push({ path, rule: 'range', message: `${path} must be at most ${schema.maximum}` });
    }
}

function checkArray(schema: JsonSchema, value: unknown[], path: string, issues: SchemaIssue[]): void {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
        issues.push({ path, rule: 'items', message: `${path} must have at least ${schema.minItems} items` });
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        issues.push({ path, rule: 'items', message: `${path} must have at most ${schema.maxItems} items` });
    }
    const items = schema.items;
    if (items !== undefined) value.forEach((item, i) => issues.push(...validateSchema(items, item, `${path}[${i}]`)));
}

function checkObject(schema: JsonSchema, value: Record<string, unknown>, path: string, issues: SchemaIssue[]): void {
    for (const name of schema.required ?? []) {
        if (value[name] === undefined) {
            issues.push({ path: `${path}.${name}`, rule: 'required', message: `${path}.${name} is required` });
        }
    }
    const properties = schema.properties ?? {};
    for (const [name, child] of Object.entries(value)) {
        const sub = properties[name];
        if (sub !== undefined) {
            if (child !== undefined) issues.push(...validateSchema(sub, child, `${path}.${name}`));
        } else if (schema.additionalProperties === false) {
            issues.push({
                path: `${path}.${name}`,
                rule: 'additionalProperties',
                message: `${path}.${name} is not an allowed property`
            });
        }
    }
}

function hasType(value: unknown, type: NonNullable<JsonSchema['type']>): boolean {
    switch (type) {
        case 'object':
            return typeof value === 'object' && value !== null && !Array.isArray(value);
        case 'array':
            return Array.isArray(value);
        case 'integer':
            return typeof value === 'number' && Number.isInteger(value);
        case 'number':
            return typeof value === 'number' && Number.isFinite(value);
        case 'null':
            return value === null;
        default:
            return typeof value === type;
    }
}

function article(type: string): string {
    return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

interface CompiledRoute {
    operation: ContractOperation;
    segments: string[];
}

/**
 * Matches requests to operations. When several templates fit a path, literal segments win over
 * parameters (`/conversations/messages` is not `/conversations/{conversationId}`); when several
 * operations share a method and path (pick up, disconnect and wrap-up are all one PATCH), the body
 * decides.
 */
export class ContractChecker {
    private readonly routes: CompiledRoute[];

    constructor(...contracts: Contract[]) {
        this.routes = contracts.flatMap((c) =>
            Object.values(c.operations).map((operation) => ({ operation, segments: split(operation.path) }))
        );
    }

    get operations(): ContractOperation[] {
        return this.routes.map((r) => r.operation);
    }

    /** Operations whose method and path template fit, most specific template first, with their path parameters. */
    match(method: string, path: string): { operations: ContractOperation[]; pathParams: Record<string, string> } {
        const segments = split(path);
        let best: { score: number[]; operations: ContractOperation[]; pathParams: Record<string, string> } | undefined;
        for (const route of this.routes) {
            if (route.operation.method !== method.toUpperCase()) continue;
            const fit = fitSegments(route.segments, segments);
            if (fit === undefined) continue;
            const order = best === undefined ? 1 : compareScores(fit.score, best.score);
            if (order > 0 || best === undefined)
                best = { score: fit.score, operations: [route.operation], pathParams: fit.params };
            else if (order === 0) best.operations.push(route.operation);
        }
        return best === undefined ? { operations: [], pathParams: {} } : best;
    }

    /** Finds the operation a request is for and validates its query and body against it. */
    check(request: ContractRequest): ContractCheck {
        const { path, query } = splitUrl(request.url);
        const { operations, pathParams } = this.match(request.method, path);
        if (operations.length === 0) {
            return {
                ok: false,
                status: 404,
                message: `No operation matches ${request.method.toUpperCase()} ${path}`,
                issues: [],
                candidates: []
            };
        }
        const attempts = operations.map((operation) => ({
            operation,
            issues: [...queryIssues(operation, query), ...bodyIssues(operation, request.body)]
        }));
        const passed = attempts.find((a) => a.issues.length === 0);
        if (passed !== undefined) return { ok: true, operation: passed.operation, pathParams, query };
        const fewest = Math.min(...attempts.map((a) => a.issues.length));
        const closest = attempts.filter((a) => a.issues.length === fewest);
        const issues = mergeIssues(closest.flatMap((a) => a.issues));
        const names = operations.map((o) => o.id).join(' | ');
        return {
            ok: false,
            status: 400,
            message: `Invalid request for ${names}: ${issues.map((i) => i.message).join('; ')}`,
            issues,
            candidates: operations
        };
    }
}

function queryIssues(operation: ContractOperation, query: Record<string, string>): SchemaIssue[] {
    const issues: SchemaIssue[] = [];
    for (const name of Object.keys(query)) {
        if (!operation.query.includes(name)) {
            issues.push({
                path: `query.${name}`,
                rule: 'additionalProperties',
                message: `query.${name} is not allowed`
            });
        }
    }
    return issues;
}

function bodyIssues(operation: ContractOperation, body: unknown): SchemaIssue[] {
    if (operation.body === null) {
        return body === undefined ? [] : [{ path: 'body', rule: 'type', message: 'body is not allowed' }];
    }
    if (body === undefined) return [{ path: 'body', rule: 'required', message: 'body is required' }];
    return validateSchema(operation.body, body);
}

/** Folds enum issues on the same field (one per candidate operation) into one message listing every value. */
function mergeIssues(issues: SchemaIssue[]): SchemaIssue[] {
    const out: SchemaIssue[] = [];
    for (const issue of issues) {
        const same = out.find((o) => o.path === issue.path && o.rule === issue.rule);
        if (same === undefined) out.push({ ...issue });
        else if (issue.rule === 'enum' && same.message !== issue.message) {
            const values = new Set([...enumValues(same.message), ...enumValues(issue.message)]);
            same.message = `${issue.path} must be one of: ${[...values].join(', ')}`;
        }
    }
    return out;
}

function enumValues(message: string): string[] {
    return message.slice(message.indexOf(': ') + 2).split(', ');
}

function split(path: string): string[] {
    return path.split('/').filter((s, i) => i > 0 || s !== '');
}

function fitSegments(
    template: string[],
    actual: string[]
): { score: number[]; params: Record<string, string> } | undefined {
    if (template.length !== actual.length) return undefined;
    const params: Record<string, string> = {};
    const score: number[] = [];
    for (let i = 0; i < template.length; i++) {
        const t = template[i];
        const a = actual[i];
        if (t.startsWith('{') && t.endsWith('}')) {
            let value: string;
            try {
                value = decodeURIComponent(a);
            } catch {
                return undefined;
            }
            if (value === '') return undefined;
            params[t.slice(1, -1)] = value;
            score.push(0);
        } else if (t === a) score.push(1);
        else return undefined;
    }
    return { score, params };
}

function compareScores(a: number[], b: number[]): number {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
}

/** Array parameters arrive comma-joined (JS SDK) or repeated (`multi`); both end up comma-joined. */
export function splitUrl(url: string): { path: string; query: Record<string, string> } {
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query: Record<string, string> = {};
    if (q !== -1) {
        for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
            query[name] = name in query ? `${query[name]},${value}` : value;
        }
    }
    return { path, query };
}
