// A small client for the Salesforce Interaction Service API (Bring Your Own Channel for CCaaS, partner-owned
// routing), built from the official OpenAPI spec `inbound-interaction-api.yaml` (docs/byoc-connector.md):
// servers `/api/v1/`; every operation used here requires the headers Authorization (Bearer), OrgId,
// AuthorizationContext and RequestId (a UUID per request). Bodies carry the spec's required fields and enums.
import { randomUUID } from 'node:crypto';
import { retryAfterMs } from '../backoff';

/** The spec's `servers` entry: every path below is relative to `<RELAY_SF_INTERACTION_URL>/api/v1`. */
export const API_PREFIX = '/api/v1';

/** `RoutingType` in the spec. */
export type RoutingType = 'Initial' | 'Transfer' | 'Conference';
/** `ConsentEnum` in the spec (what `ConsentRequest.consentStatus` takes). */
export type ConsentStatus = 'OptedOut' | 'ImplicitlyOptedIn' | 'ExplicitlyOptedIn' | 'DoublyOptedIn';
/** `CancelReason` in the spec (DELETE /route). */
export type CancelReason = 'Unknown' | 'Unavailable' | 'Decline' | 'Cancel';

/** `InteractionRequestJson`: the `json` part of POST /interactions (multipart/form-data). */
export interface InteractionRequestJson {
    /** The end user's client identifier. */
    from: string;
    /** The channel address identifier. */
    to: string;
    routingAttributes?: Record<string, string>;
    /** Exactly one (the spec: minItems 1, maxItems 1). */
    interactions: [EntryInteraction | AttachmentInteraction];
}

/**
 * `AttachmentInteraction`: one customer file, whose bytes travel as the request's `attachments` part (the spec's
 * InteractionRequest: at most one; ERRORCODES.md 10011: as many AttachmentInteractions as files). `attachmentIndex`
 * is the file's index among the parts (0), `contentLength` its size in bytes (10051 when wrong).
 */
export interface AttachmentInteraction {
    interactionType: 'AttachmentInteraction';
    timestamp: number;
    id: string;
    attachmentIndex: number;
    contentLength: number;
    /** "Text message to send with the file." */
    text?: string;
}

/** A file sent as the `attachments` part of POST /interactions. */
export interface InteractionAttachment {
    name: string;
    contentType: string;
    bytes: Uint8Array;
}

/** `PostMessagingSessionRequest` (POST /messagingSession): End or Inactivate a messaging session. */
export interface MessagingSessionRequest {
    channelAddressIdentifier: string;
    endUserClientId: string;
    conversationIdentifier: string;
    /** Not required for End (the spec's README: "Messaging Session ID is not required for End operation"). */
    sessionId?: string;
    operation: 'End' | 'Inactivate';
    operationBy?: 'EndUser' | 'System';
}

export interface EntryInteraction {
    interactionType: 'EntryInteraction';
    /** Milliseconds since the epoch. */
    timestamp: number;
    payload: {
        id: string;
        entryType: 'Message';
        abstractMessage: {
            messageType: 'StaticContentMessage';
            id: string;
            staticContent: { formatType: 'Text'; text: string };
        };
    };
}

/** `ConsentRequest` (PATCH /consent). */
export interface ConsentRequest {
    endUserClientId: string;
    channelAddressIdentifier: string;
    consentStatus: ConsentStatus;
}

/** `PostRouteRequest` (POST /route). */
export interface PostRouteRequest {
    conversationIdentifier: string;
    routingType: RoutingType;
    routingInfo?: { queueId?: string; routingAttributes?: Record<string, string> };
}

/** `DeleteRouteRequest` (DELETE /route). */
export interface DeleteRouteRequest {
    conversationIdentifier: string;
    cancelReason?: CancelReason;
}

/** `AgentWorkRequest` (POST /agentWork). */
export interface AgentWorkRequest {
    userId: string;
    /** Exactly 15 characters in the spec. */
    workItemId: string;
    routingContext?: { conversationIdentifier: string; routingType: RoutingType; routingCorrelationId: string };
}

/** `RoutingResultRequest` (POST /routingResult). */
export interface RoutingResultRequest {
    workItemId: string;
    conversationIdentifier: string;
    success: boolean;
    externallyRouted: boolean;
    routingType?: RoutingType;
    errorMessage?: string;
}

/** `PostInteractionResponse`. */
export interface PostInteractionResponse {
    conversationIdentifier?: string;
    id?: string;
    workItemIds?: string[];
    success?: boolean;
}

/** `PostRouteResponse`. */
export interface PostRouteResponse {
    success?: boolean;
    routingCorrelationId?: string;
    psrId?: string;
    workItemId?: string;
    reasonForNotRouting?: string;
}

export type Operation =
    | 'post-interaction'
    | 'patch-consent-update'
    | 'post-route'
    | 'delete-route'
    | 'post-agent-work'
    | 'post-routing-result'
    | 'post-messaging-session';

/** A request as the client sends it (what the pure flows in routing.ts produce, and what a test can compare). */
export interface InteractionCall {
    operation: Operation;
    method: 'POST' | 'PATCH' | 'DELETE';
    /** Relative to the API prefix, e.g. `/route`. */
    path: string;
    body:
        | InteractionRequestJson
        | ConsentRequest
        | PostRouteRequest
        | DeleteRouteRequest
        | AgentWorkRequest
        | RoutingResultRequest
        | MessagingSessionRequest;
    /** post-interaction only: the file of its AttachmentInteraction (the `attachments` part). */
    attachment?: InteractionAttachment;
}

export interface InteractionSettings {
    /** RELAY_SF_INTERACTION_URL, e.g. https://<my-domain>.my.salesforce-scrt.com (no trailing slash). */
    baseUrl: string;
    /** The org id, sent as the OrgId header. */
    orgId: string;
    /** The AuthorizationContext header: the conversation channel definition's developer name. */
    authorizationContext: string;
    /** RELAY_HTTP_TIMEOUT_MS. */
    httpTimeoutMs: number;
    /** A bearer token with the interaction_api scope. */
    token: () => Promise<string>;
    /** A new RequestId per request (a UUID); replaceable in tests. */
    requestId?: () => string;
}

/** A request the Interaction Service (or the network) did not accept. */
export class InteractionApiError extends Error {
    constructor(
        readonly operation: Operation,
        /** The HTTP status, or null when no answer came (network error, timeout). */
        readonly status: number | null,
        /** The answer's body: the spec's `Error` ({ code, message }) when it is JSON, else the raw text. */
        readonly body: unknown,
        /** 429, 5xx and network errors are worth retrying; any other 4xx means the request is wrong. */
        readonly retryable: boolean,
        message: string,
        /** Retry-After of a 429 or 503, in milliseconds. */
        readonly retryAfterMs: number | null = null
    ) {
        super(message);
        this.name = 'InteractionApiError';
    }
}

export function isRetryableStatus(status: number): boolean {
    return status === 429 || status >= 500;
}

export class InteractionClient {
    constructor(private readonly settings: InteractionSettings) {}

    /** POST /interactions (post-interaction): creates the messaging session and MessagingEndUser if new. */
    postInteraction(json: InteractionRequestJson): Promise<PostInteractionResponse> {
        return this.call({ operation: 'post-interaction', method: 'POST', path: '/interactions', body: json });
    }

    /** PATCH /consent (patch-consent-update). */
    patchConsent(body: ConsentRequest): Promise<{ success?: boolean }> {
        return this.call({ operation: 'patch-consent-update', method: 'PATCH', path: '/consent', body });
    }

    /** POST /route (post-route): creates the PendingServiceRouting. */
    postRoute(body: PostRouteRequest): Promise<PostRouteResponse> {
        return this.call({ operation: 'post-route', method: 'POST', path: '/route', body });
    }

    /** DELETE /route (delete-route): removes the PendingServiceRouting. */
    deleteRoute(body: DeleteRouteRequest): Promise<{ success?: boolean }> {
        return this.call({ operation: 'delete-route', method: 'DELETE', path: '/route', body });
    }

    /** POST /agentWork (post-agent-work). */
    postAgentWork(body: AgentWorkRequest): Promise<{ agentWorkId?: string; success?: boolean }> {
        return this.call({ operation: 'post-agent-work', method: 'POST', path: '/agentWork', body });
    }

    /** POST /routingResult (post-routing-result): the answer to a RoutingRequested event (within 60 s). */
    postRoutingResult(body: RoutingResultRequest): Promise<{ success?: boolean }> {
        return this.call({ operation: 'post-routing-result', method: 'POST', path: '/routingResult', body });
    }

    /** Sends one call; resolves with the parsed 2xx answer, or rejects with an InteractionApiError. */
    async call<T>(request: InteractionCall): Promise<T> {
        const { operation, method, path, body, attachment } = request;
        let token: string;
        try {
            token = await this.settings.token();
        } catch (error) {
            throw new InteractionApiError(
                operation,
                null,
                null,
                true,
                `${operation}: no token: ${(error as Error).message}`
            );
        }
        const headers: Record<string, string> = {
            Authorization: `Bearer ${token}`,
            OrgId: this.settings.orgId,
            AuthorizationContext: this.settings.authorizationContext,
            RequestId: (this.settings.requestId ?? randomUUID)(),
            Accept: 'application/json'
        };
        let payload: string | Buffer;
        if (operation === 'post-interaction') {
            // multipart/form-data with one part named "json" of type application/json, as the spec's
            // InteractionRequest and its README's curl (-F "json=...;type=application/json") send it; a file goes in
            // the part "attachments" (the README's -F "attachments=@<file>").
            const boundary = `relay-${randomUUID()}`;
            headers['Content-Type'] = `multipart/form-data; boundary=${boundary}`;
            payload = multipart(boundary, JSON.stringify(body), attachment);
        } else {
            headers['Content-Type'] = 'application/json';
            payload = JSON.stringify(body);
        }
        const url = `${this.settings.baseUrl}${API_PREFIX}${path}`;
        let response: Response;
        let text: string;
        try {
            response = await fetch(url, {
                method,
                headers,
                body: payload,
                signal: AbortSignal.timeout(this.settings.httpTimeoutMs)
            });
            text = await response.text();
        } catch (error) {
            const why = (error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message;
            throw new InteractionApiError(operation, null, null, true, `${operation}: ${method} ${path}: ${why}`);
        }
        const parsed = parseJson(text);
        if (!response.ok) {
            const retryable = isRetryableStatus(response.status);
            const detail =
                parsed !== undefined && typeof parsed === 'object' && parsed !== null
                    ? JSON.stringify(parsed).slice(0, 500)
                    : text.slice(0, 500);
            throw new InteractionApiError(
                operation,
                response.status,
                parsed ?? text,
                retryable,
                `${operation}: ${method} ${path} answered ${response.status}${retryable ? ' (retryable)' : ''}: ${detail}`,
                retryAfterMs(response.headers.get('retry-after'), Date.now())
            );
        }
        return (parsed ?? {}) as T;
    }
}

function multipart(boundary: string, json: string, attachment: InteractionAttachment | undefined): string | Buffer {
    const head =
        `--${boundary}\r\n` +
        'Content-Disposition: form-data; name="json"\r\n' +
        'Content-Type: application/json\r\n' +
        '\r\n' +
        `${json}\r\n`;
    if (attachment === undefined) return `${head}--${boundary}--\r\n`;
    // A quoted filename: quotes, backslashes and line breaks would end it early, so they are replaced.
    const filename = attachment.name.replace(/["\\\r\n]/g, '_');
    return Buffer.concat([
        Buffer.from(
            `${head}--${boundary}\r\n` +
                `Content-Disposition: form-data; name="attachments"; filename="${filename}"\r\n` +
                `Content-Type: ${attachment.contentType}\r\n` +
                '\r\n',
            'utf8'
        ),
        Buffer.from(attachment.bytes),
        Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')
    ]);
}

function parseJson(text: string): unknown {
    if (text === '') return undefined;
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}
