// Platform classes with properties or per-instance state: HttpRequest, HttpResponse, Http (Apex Reference,
// "HttpRequest Class", "HttpResponse Class", "Http Class"), RestContext, RestRequest, RestResponse ("RestContext
// Class", "RestRequest Class", "RestResponse Class"), the Database result classes ("SaveResult Class",
// "UpsertResult Class", "DeleteResult Class", "Error Class"), Savepoint, QueueableContext and FinalizerContext.
import { ApexPlatformError, UnsupportedError } from '../../runtime/errors';
import { ApexBlob, ApexList, ApexMap, T, enumValue, typeRef, type ApexValue } from '../../runtime/values';
import type { ApexObject, ClassInfo, DmlFailure } from '../../interpreter/classes';
import type { LocalOrg } from '../org';
import { defineBuiltinClass, get, set } from './builtinClass';
import { STATUS_CODES } from '../../runtime/statusCodes';

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** Headers kept in insertion order, looked up case-insensitively. */
export class HeaderMap {
    readonly apexTypeName = 'HttpHeaders';
    readonly entries = new Map<string, { name: string; value: string }>();
    set(name: string, value: string): void {
        this.entries.set(name.toLowerCase(), { name, value });
    }
    get(name: string): string | null {
        return this.entries.get(name.toLowerCase())?.value ?? null;
    }
    keys(): string[] {
        return [...this.entries.values()].map((e) => e.name);
    }
}

function headers(self: ApexObject): HeaderMap {
    let map = self.fields.get('$headers') as HeaderMap | undefined;
    if (!map) {
        map = new HeaderMap();
        self.fields.set('$headers', map);
    }
    return map;
}

function bodyText(self: ApexObject): string | null {
    const body = get(self, '$body');
    if (body === null) return null;
    return body instanceof ApexBlob ? fromUtf8.decode(body.bytes) : (body as string);
}

function bodyBlob(self: ApexObject): ApexBlob | null {
    const body = get(self, '$body');
    if (body === null) return null;
    return body instanceof ApexBlob ? body : new ApexBlob(utf8.encode(body as string));
}

function requireString(value: ApexValue, what: string): string {
    if (typeof value !== 'string') throw new ApexPlatformError('NullPointerException', `${what} cannot be null`);
    return value;
}

export interface PlatformClasses {
    readonly httpRequest: ClassInfo;
    readonly httpResponse: ClassInfo;
    readonly restRequest: ClassInfo;
    readonly restResponse: ClassInfo;
    readonly saveResult: ClassInfo;
    readonly upsertResult: ClassInfo;
    readonly deleteResult: ClassInfo;
    readonly undeleteResult: ClassInfo;
    readonly error: ClassInfo;
    readonly savepoint: ClassInfo;
    readonly queueableContext: ClassInfo;
    readonly finalizerContext: ClassInfo;
}

export function definePlatformClasses(org: LocalOrg): PlatformClasses {
    const registry = org.interp.registry;
    const httpRequest = defineBuiltinClass(registry, {
        name: 'System.HttpRequest',
        methods: [
            { name: 'setEndpoint', arity: 1, call: (s, [v]) => set(s, '$endpoint', v) },
            { name: 'getEndpoint', arity: 0, call: (s) => get(s, '$endpoint') },
            { name: 'setMethod', arity: 1, call: (s, [v]) => set(s, '$method', v) },
            { name: 'getMethod', arity: 0, call: (s) => get(s, '$method') },
            {
                name: 'setHeader',
                arity: 2,
                call: (s, [k, v]) => (headers(s).set(requireString(k, 'Header key'), String(v ?? '')), null)
            },
            { name: 'getHeader', arity: 1, call: (s, [k]) => headers(s).get(String(k)) },
            { name: 'setBody', arity: 1, call: (s, [v]) => set(s, '$body', v) },
            { name: 'getBody', arity: 0, call: (s) => bodyText(s) ?? '' },
            { name: 'setBodyAsBlob', arity: 1, call: (s, [v]) => set(s, '$body', v) },
            { name: 'getBodyAsBlob', arity: 0, call: (s) => bodyBlob(s) },
            { name: 'setTimeout', arity: 1, call: (s, [v]) => setTimeoutMs(s, v) },
            { name: 'setCompressed', arity: 1, call: (s, [v]) => set(s, '$compressed', v) },
            { name: 'getCompressed', arity: 0, call: (s) => get(s, '$compressed') === true },
            {
                name: 'toString',
                arity: 0,
                call: (s) =>
                    `System.HttpRequest[Endpoint=${String(get(s, '$endpoint'))}, Method=${String(get(s, '$method'))}]`
            }
        ],
        init: (s) => set(s, '$timeout', 10_000)
    });
    const httpResponse = defineBuiltinClass(registry, {
        name: 'System.HttpResponse',
        methods: [
            { name: 'setStatusCode', arity: 1, call: (s, [v]) => set(s, '$statusCode', v) },
            { name: 'getStatusCode', arity: 0, call: (s) => get(s, '$statusCode') ?? 0 },
            { name: 'setStatus', arity: 1, call: (s, [v]) => set(s, '$status', v) },
            { name: 'getStatus', arity: 0, call: (s) => get(s, '$status') },
            {
                name: 'setHeader',
                arity: 2,
                call: (s, [k, v]) => (headers(s).set(requireString(k, 'Header key'), String(v ?? '')), null)
            },
            { name: 'getHeader', arity: 1, call: (s, [k]) => headers(s).get(String(k)) },
            { name: 'getHeaderKeys', arity: 0, call: (s) => new ApexList(T.String, headers(s).keys()) },
            { name: 'setBody', arity: 1, call: (s, [v]) => set(s, '$body', v) },
            { name: 'getBody', arity: 0, call: (s) => bodyText(s) },
            { name: 'setBodyAsBlob', arity: 1, call: (s, [v]) => set(s, '$body', v) },
            { name: 'getBodyAsBlob', arity: 0, call: (s) => bodyBlob(s) },
            {
                name: 'toString',
                arity: 0,
                call: (s) =>
                    `System.HttpResponse[Status=${String(get(s, '$status'))}, StatusCode=${String(get(s, '$statusCode') ?? 0)}]`
            }
        ]
    });
    defineBuiltinClass(registry, {
        name: 'System.Http',
        methods: [{ name: 'send', arity: 1, call: (_s, [request]) => org.callouts.send(request as ApexObject) }]
    });
    const stringMap = (): ApexMap => new ApexMap(T.String, T.String);
    const restRequest = defineBuiltinClass(registry, {
        name: 'System.RestRequest',
        fields: [
            { name: 'requestBody', type: T.Blob },
            { name: 'headers', type: T.map(T.String, T.String) },
            { name: 'params', type: T.map(T.String, T.String) },
            { name: 'requestURI', type: T.String },
            { name: 'resourcePath', type: T.String },
            { name: 'httpMethod', type: T.String },
            { name: 'remoteAddress', type: T.String }
        ],
        methods: [
            { name: 'addHeader', arity: 2, call: (s, [k, v]) => ((get(s, 'headers') as ApexMap).set(k, v), null) },
            { name: 'addParameter', arity: 2, call: (s, [k, v]) => ((get(s, 'params') as ApexMap).set(k, v), null) }
        ],
        init: (s) => {
            set(s, 'headers', stringMap());
            set(s, 'params', stringMap());
        }
    });
    const restResponse = defineBuiltinClass(registry, {
        name: 'System.RestResponse',
        fields: [
            { name: 'responseBody', type: T.Blob },
            { name: 'statusCode', type: T.Integer },
            { name: 'headers', type: T.map(T.String, T.String) }
        ],
        methods: [
            { name: 'addHeader', arity: 2, call: (s, [k, v]) => ((get(s, 'headers') as ApexMap).set(k, v), null) }
        ],
        init: (s) => set(s, 'headers', stringMap())
    });
    defineBuiltinClass(registry, {
        name: 'System.RestContext',
        fields: [
            { name: 'request', type: typeRef('RestRequest'), isStatic: true },
            { name: 'response', type: typeRef('RestResponse'), isStatic: true }
        ]
    });
    const errors = (s: ApexObject) => get(s, '$errors') ?? new ApexList(typeRef('Database.Error'), []);
    const resultMethods = [
        { name: 'getId', arity: 0, call: (s: ApexObject) => get(s, '$id') },
        { name: 'isSuccess', arity: 0, call: (s: ApexObject) => get(s, '$success') === true },
        { name: 'getErrors', arity: 0, call: errors }
    ];
    const saveResult = defineBuiltinClass(registry, { name: 'Database.SaveResult', methods: resultMethods });
    const upsertResult = defineBuiltinClass(registry, {
        name: 'Database.UpsertResult',
        methods: [...resultMethods, { name: 'isCreated', arity: 0, call: (s) => get(s, '$created') === true }]
    });
    const deleteResult = defineBuiltinClass(registry, { name: 'Database.DeleteResult', methods: resultMethods });
    const undeleteResult = defineBuiltinClass(registry, { name: 'Database.UndeleteResult', methods: resultMethods });
    const error = defineBuiltinClass(registry, {
        name: 'Database.Error',
        methods: [
            { name: 'getMessage', arity: 0, call: (s) => get(s, '$message') },
            { name: 'getStatusCode', arity: 0, call: (s) => statusCodeValue(get(s, '$statusCode') as string) },
            { name: 'getFields', arity: 0, call: (s) => get(s, '$fields') ?? new ApexList(T.String, []) }
        ]
    });
    const savepoint = defineBuiltinClass(registry, { name: 'System.Savepoint' });
    const queueableContext = defineBuiltinClass(registry, {
        name: 'System.QueueableContext',
        aliases: ['QueueableContextImpl'],
        methods: [{ name: 'getJobId', arity: 0, call: (s) => get(s, '$jobId') }]
    });
    const finalizerContext = defineBuiltinClass(registry, {
        name: 'System.FinalizerContext',
        methods: [
            { name: 'getResult', arity: 0, call: (s) => get(s, '$result') },
            { name: 'getException', arity: 0, call: (s) => get(s, '$exception') },
            { name: 'getAsyncApexJobId', arity: 0, call: (s) => get(s, '$jobId') },
            { name: 'getRequestId', arity: 0, call: (s) => get(s, '$requestId') }
        ]
    });
    return {
        httpRequest,
        httpResponse,
        restRequest,
        restResponse,
        saveResult,
        upsertResult,
        deleteResult,
        undeleteResult,
        error,
        savepoint,
        queueableContext,
        finalizerContext
    };
}

function setTimeoutMs(self: ApexObject, value: ApexValue): null {
    // Apex Reference, "HttpRequest Class", setTimeout: 1 to 120,000 milliseconds.
    const ms = value as number;
    if (ms === null || ms < 1 || ms > 120_000) {
        throw new ApexPlatformError(
            'CalloutException',
            `Timeout value must be between 1 and 120000 milliseconds: ${String(ms)}`
        );
    }
    return set(self, '$timeout', ms);
}

export function statusCodeValue(code: string): ApexValue {
    const ordinal = STATUS_CODES.indexOf(code);
    if (ordinal < 0) throw new UnsupportedError(`Unknown StatusCode ${code}`);
    return enumValue('StatusCode', code, ordinal);
}

/** Builds Database.SaveResult-like results from DML outcomes. */
export function newResult(
    org: LocalOrg,
    cls: ClassInfo,
    id: string | null,
    failure: DmlFailure | null,
    created?: boolean
): ApexObject {
    const result = org.interp.instantiate(cls, [], 0);
    set(result, '$id', id);
    set(result, '$success', failure === null);
    if (created !== undefined) set(result, '$created', created);
    const errorList = new ApexList(typeRef('Database.Error'), []);
    if (failure) {
        const error = org.interp.instantiate(org.platform.error, [], 0);
        set(error, '$message', failure.message);
        set(error, '$statusCode', failure.statusCode);
        set(error, '$fields', new ApexList(T.String, [...failure.fields]));
        errorList.items.push(error);
    }
    set(result, '$errors', errorList);
    return result;
}
