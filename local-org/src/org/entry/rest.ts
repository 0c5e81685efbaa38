// An Apex REST request (Apex Developer Guide, "Exposing Apex Classes as REST Web Services", "RestContext
// Class"): the @RestResource class whose urlMapping matches the path below /services/apexrest (exactly, or a
// trailing '*'), its method annotated for the HTTP method, run as the calling user in one transaction with
// RestContext.request and RestContext.response set. The response is what the method put in
// RestContext.response (status 200 by default); an uncaught exception is 500 with errorCode APEX_ERROR.
import { ApexBlob, ApexMap, T, type ApexValue } from '../../runtime/values';
import type { ApexObject, ClassInfo, MethodInfo } from '../../interpreter/classes';
import type { LocalOrg } from '../org';
import { get, set } from '../natives/builtinClass';
import { toAuraJson } from './marshal';

export interface RestCall {
    readonly method: string;
    /** The path below /services/apexrest, e.g. '/relay/v1/events'. */
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly params?: Readonly<Record<string, string>>;
    readonly body: Uint8Array;
    readonly remoteAddress?: string;
}

export interface RestReply {
    readonly status: number;
    readonly headers: Record<string, string>;
    readonly body: Uint8Array;
}

const ANNOTATION: Record<string, string> = {
    GET: 'httpget',
    POST: 'httppost',
    PUT: 'httpput',
    PATCH: 'httppatch',
    DELETE: 'httpdelete'
};

function urlMapping(cls: ClassInfo): string | undefined {
    const annotation = cls.decl?.modifiers.annotations.find((a) => a.key === 'restresource');
    const mapping = annotation?.params.get('urlmapping') ?? annotation?.params.get('value');
    return typeof mapping === 'string' ? mapping : undefined;
}

function matches(mapping: string, path: string): boolean {
    return mapping.endsWith('*') ? path.startsWith(mapping.slice(0, -1)) : path === mapping;
}

function json(status: number, body: unknown): RestReply {
    return {
        status,
        headers: { 'Content-Type': 'application/json' },
        body: new TextEncoder().encode(JSON.stringify(body))
    };
}

export function invokeRest(org: LocalOrg, call: RestCall, userId: string): RestReply {
    const classes = [...new Set(org.interp.registry.classes.values())].filter((c) => c.decl && !c.outer);
    const cls = classes.find((c) => {
        const mapping = urlMapping(c);
        return mapping !== undefined && matches(mapping, call.path);
    });
    if (!cls) return json(404, [{ errorCode: 'NOT_FOUND', message: `Could not find a match for URL ${call.path}` }]);
    const annotation = ANNOTATION[call.method.toUpperCase()];
    const method: MethodInfo | undefined = [...cls.methods.values()]
        .flat()
        .find((m) => m.isStatic && m.modifiers.annotations.some((a) => a.key === annotation));
    if (!method)
        return json(405, [
            { errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${call.method}' not allowed. Allowed are ` }
        ]);
    if (!org.access(userId).hasClassAccess(cls.name)) {
        return json(403, [
            { errorCode: 'FORBIDDEN', message: `You do not have access to the Apex class named: ${cls.name}` }
        ]);
    }
    try {
        return org.executor.transaction({ userId }, () => {
            const request = org.interp.instantiate(org.platform.restRequest, [], 0);
            set(request, 'requestBody', new ApexBlob(call.body));
            set(request, 'httpMethod', call.method.toUpperCase());
            set(request, 'requestURI', call.path);
            set(request, 'resourcePath', `/services/apexrest${urlMapping(cls)}`);
            set(request, 'remoteAddress', call.remoteAddress ?? '127.0.0.1');
            const headers = new ApexMap(T.String, T.String);
            for (const [k, v] of Object.entries(call.headers)) headers.set(k, v);
            set(request, 'headers', headers);
            const params = new ApexMap(T.String, T.String);
            for (const [k, v] of Object.entries(call.params ?? {})) params.set(k, v);
            set(request, 'params', params);
            const response = org.interp.instantiate(org.platform.restResponse, [], 0);
            const statics = org.interp.staticsOf(org.interp.registry.findClass('system.restcontext', null)!);
            statics.set('request', request);
            statics.set('response', response);
            const returned = org.interp.invoke(method, null, [], method.line);
            return reply(org, response, returned);
        });
    } catch (error) {
        const thrown = org.executor.asApex(error);
        if (!thrown) throw error;
        const data = thrown.exception.exception;
        return json(500, [
            {
                errorCode: 'APEX_ERROR',
                message: `${thrown.typeName}: ${data?.message ?? ''}\n\n${data?.stackTrace ?? ''}`
            }
        ]);
    }
}

function reply(org: LocalOrg, response: ApexObject, returned: ApexValue): RestReply {
    const headers: Record<string, string> = {};
    const headerMap = get(response, 'headers');
    if (headerMap instanceof ApexMap) for (const [k, v] of headerMap.entries()) headers[String(k)] = String(v);
    const status = (get(response, 'statusCode') as number | null) ?? 200;
    const body = get(response, 'responseBody');
    if (body instanceof ApexBlob) return { status, headers, body: body.bytes };
    if (returned !== null && returned !== undefined) {
        headers['Content-Type'] ??= 'application/json';
        return { status, headers, body: new TextEncoder().encode(JSON.stringify(toAuraJson(org, returned))) };
    }
    return { status, headers, body: new Uint8Array() };
}
