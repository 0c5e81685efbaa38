// HTTP callouts (Apex Developer Guide, "Invoking Callouts Using Apex", "Named Credentials as Callout
// Endpoints", "Testing HTTP Callouts by Implementing the HttpCalloutMock Interface"). A callout after
// uncommitted DML is refused and releases FOR UPDATE locks (transaction.ts). In a test, the mock registered
// with Test.setMock answers and receives the endpoint as written ('callout:Name/path'); a test without a mock
// cannot call out. Outside tests, 'callout:Name' becomes the Named Credential's URL and the request goes to the
// transport the org was given (the console's simulator).
import { ApexPlatformError } from '../runtime/errors';
import { ApexBlob } from '../runtime/values';
import type { ApexObject } from '../interpreter/classes';
import { callMethod } from '../interpreter/calls';
import type { ApexTypeValue } from '../interpreter/typeValues';
import { get, set } from './natives/builtinClass';
import type { HeaderMap } from './natives/platformClasses';
import type { LocalOrg } from './org';

export class Callouts {
    private httpMock: ApexObject | null = null;

    constructor(private readonly org: LocalOrg) {}

    /** Test.setMock(HttpCalloutMock.class, mock). */
    setMock(type: ApexTypeValue, mock: ApexObject): void {
        if (!type || !/httpcalloutmock$/i.test(type.name)) {
            throw new ApexPlatformError(
                'TypeException',
                `Test.setMock supports HttpCalloutMock here, not ${type?.name}`
            );
        }
        this.httpMock = mock;
    }

    /** Forgets the mock (each test method starts without one). */
    reset(): void {
        this.httpMock = null;
    }

    send(request: ApexObject): ApexObject {
        const org = this.org;
        if (!request) throw new ApexPlatformError('NullPointerException', 'Argument cannot be null.');
        const endpoint = get(request, '$endpoint');
        if (typeof endpoint !== 'string' || endpoint === '')
            throw new ApexPlatformError('CalloutException', 'Endpoint is not set');
        org.tx!.beforeCallout();
        if (org.testing.running) {
            if (!this.httpMock) {
                throw new ApexPlatformError(
                    'TypeException',
                    'Methods defined as TestMethod do not support Web service callouts'
                );
            }
            const frame = org.interp.currentFrame!;
            const response = callMethod(org.interp, frame, this.httpMock, 'respond', [request], frame.line);
            if (!response) throw new ApexPlatformError('CalloutException', 'The HttpCalloutMock returned no response');
            return response as ApexObject;
        }
        return this.transport(request, endpoint);
    }

    private transport(request: ApexObject, endpoint: string): ApexObject {
        const org = this.org;
        const { url, namedCredential } = this.resolve(endpoint);
        const transport = org.options.calloutTransport;
        if (!transport)
            throw new ApexPlatformError(
                'CalloutException',
                `Unable to reach ${url}: this local org has no network transport`
            );
        const headers = new Map<string, string>();
        const requestHeaders = request.fields.get('$headers') as HeaderMap | undefined;
        for (const { name, value } of requestHeaders?.entries.values() ?? []) headers.set(name, value);
        const body = get(request, '$body');
        const reply = transport({
            method: String(get(request, '$method') ?? 'GET'),
            url,
            namedCredential,
            headers,
            body: body === null ? null : body instanceof ApexBlob ? body.bytes : new TextEncoder().encode(String(body)),
            timeoutMs: (get(request, '$timeout') as number) ?? 10_000,
            userId: org.runningUserId
        });
        const response = org.interp.instantiate(org.platform.httpResponse, [], 0);
        set(response, '$statusCode', reply.status);
        set(response, '$status', reply.statusText);
        set(response, '$body', new ApexBlob(reply.body));
        for (const [name, value] of reply.headers)
            callMethod(org.interp, org.interp.currentFrame!, response, 'setHeader', [name, value], 0);
        return response;
    }

    /** 'callout:Name/path?q' -> the Named Credential's URL + '/path?q'. */
    private resolve(endpoint: string): { url: string; namedCredential: string | null } {
        const match = /^callout:([A-Za-z][A-Za-z0-9_]*)(.*)$/.exec(endpoint);
        if (!match) return { url: endpoint, namedCredential: null };
        const [, name, rest] = match;
        const override = this.org.options.namedCredentialUrls?.get(name);
        const credential = this.org.project.namedCredentials.find((c) => c.name.toLowerCase() === name.toLowerCase());
        if (!credential) throw new ApexPlatformError('CalloutException', `Unable to find the Named Credential ${name}`);
        const base = override ?? credential.url;
        if (!base) throw new ApexPlatformError('CalloutException', `The Named Credential ${name} has no URL`);
        return { url: base.replace(/\/$/, '') + rest, namedCredential: credential.name };
    }
}
