import { APPLICATION_SCOPE, publish, subscribe, unsubscribe } from 'lightning/messageService';
import type { MessageContextValue, MessageSubscription } from 'lightning/messageService';
import RELAY_OMNI from '@salesforce/messageChannel/Relay_Omni__c';
import RELAY_MISSING from '@salesforce/label/c.Relay_Error_Omni_Relay_Missing';
import TIMED_OUT from '@salesforce/label/c.Relay_Error_Omni_Timeout';
import ACTION_FAILED from '@salesforce/label/c.Relay_Error_Omni_Action_Failed';
import GENERIC_ERROR from '@salesforce/label/c.Relay_Error_Generic';

/*
 * The one way Relay components talk to Omni-Channel. The Omni-Channel Toolkit exists only for Aura, so the
 * relayOmniRelay Aura component in the console's utility bar owns lightning:omniToolkitAPI and the
 * lightning:omniChannel* events; this module speaks to it over the Relay_Omni__c message channel:
 *
 *   component -> relay   { kind: 'request', requestId, action, params }
 *   relay -> component   { kind: 'response', requestId, ok, result, error }
 *   relay -> everyone    { kind: 'event', name, detail }
 *
 * Every component's client sees every message on the channel, so responses are matched by requestId and
 * requests from other clients are ignored. A request nobody answers fails after a timeout instead of hanging
 * the agent's action forever.
 */

export const DEFAULT_TIMEOUT_MS = 10_000;

export type OmniAction = 'acceptWork' | 'closeWork' | 'setStatus' | 'getStatus' | 'getAgentWorks' | 'logout' | 'ping';

export interface OmniRequestMessage {
    kind: 'request';
    requestId: string;
    action: OmniAction;
    params: Record<string, string>;
}

/** An Omni-Channel work assignment (AgentWork) in the agent's workspace. */
export interface AgentWork {
    /** AgentWork ID. */
    workId: string;
    /** ID of the routed record (here a Relay_Interaction__c). */
    workItemId: string;
    isEngaged: boolean;
}

export interface PresenceStatus {
    statusId: string;
    statusName: string;
    statusApiName: string;
}

export interface PresenceChannel {
    channelId: string;
    developerName: string;
}

export interface PresenceStatusWithChannels extends PresenceStatus {
    channels: PresenceChannel[];
}

export type WorkEventName = 'workAssigned' | 'workAccepted' | 'workDeclined' | 'workClosed';

export type OmniEvent =
    | { name: WorkEventName; workId: string; workItemId: string }
    | (PresenceStatusWithChannels & { name: 'statusChanged'; reason: string | null })
    | { name: 'loginSuccess'; statusId: string }
    | { name: 'logout'; reason: string | null }
    | {
          name: 'workloadChanged';
          configuredCapacity: number | null;
          previousWorkload: number | null;
          newWorkload: number | null;
      }
    | { name: 'connectionError' }
    | { name: 'relayReady' };

export type OmniErrorCode =
    'RELAY_MISSING' | 'TIMEOUT' | 'OMNI_REJECTED' | 'MALFORMED_RESPONSE' | 'INVALID_REQUEST' | 'DISPOSED';

/** What the agent reads for each failure. */
const MESSAGES: Record<OmniErrorCode, string> = {
    RELAY_MISSING: RELAY_MISSING,
    TIMEOUT: TIMED_OUT,
    OMNI_REJECTED: ACTION_FAILED,
    MALFORMED_RESPONSE: ACTION_FAILED,
    INVALID_REQUEST: GENERIC_ERROR,
    DISPOSED: GENERIC_ERROR
};

/** A failed Omni-Channel request. `message` is a translated label an agent can read; `detail` is for logs. */
export class RelayOmniError extends Error {
    readonly code: OmniErrorCode;
    readonly detail: string | undefined;

    constructor(code: OmniErrorCode, detail?: string) {
        super(MESSAGES[code]);
        this.name = 'RelayOmniError';
        this.code = code;
        this.detail = detail;
    }
}

export interface Scheduler {
    setTimeout(callback: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export interface OmniClientOptions {
    /** How long a request may wait for the relay's response. */
    timeoutMs?: number;
    /** Timer functions; defaults to the browser's setTimeout and clearTimeout. */
    scheduler?: Scheduler;
    /** Request ID generator; must be unique across every client in the browser tab. */
    newRequestId?: () => string;
}

export interface OmniClient {
    acceptWork(workId: string): Promise<void>;
    closeWork(workId: string): Promise<void>;
    /** `statusId` is the ServicePresenceStatus record ID (0N5...), not its developer name. */
    setStatus(statusId: string): Promise<PresenceStatusWithChannels>;
    getStatus(): Promise<PresenceStatus>;
    getAgentWorks(): Promise<AgentWork[]>;
    logout(): Promise<void>;
    /** Resolves when the relay answers: proves it is in the utility bar. */
    ping(): Promise<void>;
    /** Calls `handler` for every Omni-Channel event; returns the function that stops it. */
    onEvent(handler: (event: OmniEvent) => void): () => void;
    /** Stops listening and fails every request still waiting. */
    dispose(): void;
}

interface Pending {
    resolve: (result: unknown) => void;
    reject: (error: RelayOmniError) => void;
    timer: unknown;
}

const browserScheduler: Scheduler = {
    // A deadline for the relay's answer is the point of this module: the timer is the feature.
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

let requestCounter = 0;
const clientTag = Math.random().toString(36).slice(2, 10);
const defaultRequestId = (): string => `relay-${clientTag}-${++requestCounter}`;

export function createOmniClient(messageContext: MessageContextValue, options: OmniClientOptions = {}): OmniClient {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const scheduler = options.scheduler ?? browserScheduler;
    const newRequestId = options.newRequestId ?? defaultRequestId;
    const pending = new Map<string, Pending>();
    const handlers = new Set<(event: OmniEvent) => void>();
    // Whether the relay has ever spoken to this client: a silent relay that never answered is most likely
    // missing from the utility bar, which needs an administrator rather than a retry.
    let relaySeen = false;
    let subscription: MessageSubscription | null = subscribe(messageContext, RELAY_OMNI, receive, {
        scope: APPLICATION_SCOPE
    });

    function receive(message: unknown): void {
        if (!isRecord(message)) {
            return;
        }
        if (message.kind === 'response' && typeof message.requestId === 'string') {
            relaySeen = true;
            settle(message.requestId, message.ok === true, message.result, message.error);
        } else if (message.kind === 'event' && typeof message.name === 'string') {
            relaySeen = true;
            const event = toEvent(message.name, isRecord(message.detail) ? message.detail : {});
            if (event) {
                dispatch(event);
            }
        }
    }

    function settle(requestId: string, ok: boolean, result: unknown, error: unknown): void {
        const waiting = pending.get(requestId);
        if (!waiting) {
            return; // another client's request, or one that already timed out
        }
        pending.delete(requestId);
        scheduler.clearTimeout(waiting.timer);
        if (ok) {
            waiting.resolve(result);
        } else {
            waiting.reject(new RelayOmniError('OMNI_REJECTED', typeof error === 'string' ? error : undefined));
        }
    }

    function dispatch(event: OmniEvent): void {
        // Every handler gets the event even if an earlier one throws; the first failure is rethrown afterwards.
        let failure: Error | null = null;
        for (const handler of [...handlers]) {
            try {
                handler(event);
            } catch (e) {
                failure ??= e instanceof Error ? e : new Error('An Omni-Channel event handler failed');
            }
        }
        if (failure !== null) {
            throw failure;
        }
    }

    function request(action: OmniAction, params: Record<string, string> = {}): Promise<unknown> {
        if (!subscription) {
            return Promise.reject(new RelayOmniError('DISPOSED'));
        }
        const requestId = newRequestId();
        return new Promise((resolve, reject) => {
            const timer = scheduler.setTimeout(() => {
                pending.delete(requestId);
                reject(new RelayOmniError(relaySeen ? 'TIMEOUT' : 'RELAY_MISSING', `${action} after ${timeoutMs} ms`));
            }, timeoutMs);
            pending.set(requestId, { resolve, reject, timer });
            const message: OmniRequestMessage = { kind: 'request', requestId, action, params };
            publish(messageContext, RELAY_OMNI, message);
        });
    }

    async function succeed(action: OmniAction, params?: Record<string, string>): Promise<void> {
        // The toolkit resolves true on success; an explicit false is a failure, never a silent no-op.
        if ((await request(action, params)) === false) {
            throw new RelayOmniError('OMNI_REJECTED', `${action} returned false`);
        }
    }

    return {
        acceptWork: (workId) => withId('workId', workId, (params) => succeed('acceptWork', params)),
        closeWork: (workId) => withId('workId', workId, (params) => succeed('closeWork', params)),
        setStatus: (statusId) =>
            withId('statusId', statusId, async (params) => toStatusWithChannels(await request('setStatus', params))),
        getStatus: async () => toStatus(await request('getStatus')),
        getAgentWorks: async () => toAgentWorks(await request('getAgentWorks')),
        logout: () => succeed('logout'),
        ping: async () => {
            await request('ping');
        },
        onEvent(handler) {
            handlers.add(handler);
            return () => {
                handlers.delete(handler);
            };
        },
        dispose() {
            if (subscription) {
                unsubscribe(subscription);
                subscription = null;
            }
            handlers.clear();
            for (const [requestId, waiting] of pending) {
                scheduler.clearTimeout(waiting.timer);
                pending.delete(requestId);
                waiting.reject(new RelayOmniError('DISPOSED'));
            }
        }
    };
}

function withId<T>(
    name: 'workId' | 'statusId',
    value: string,
    send: (params: Record<string, string>) => Promise<T>
): Promise<T> {
    if (typeof value !== 'string' || value.trim() === '') {
        return Promise.reject(new RelayOmniError('INVALID_REQUEST', `${name} is required`));
    }
    return send({ [name]: value.trim() });
}

// ---- Parsing what the relay forwards from the toolkit. Shapes follow the Omni-Channel Toolkit docs; some
// values arrive as JSON strings (works, channels), so both forms are accepted.

function toStatus(result: unknown): PresenceStatus {
    if (!isRecord(result) || !isNonEmptyString(result.statusId)) {
        throw malformed('status without statusId');
    }
    return {
        statusId: result.statusId,
        statusName: stringOr(result.statusName, ''),
        statusApiName: stringOr(result.statusApiName, '')
    };
}

function toStatusWithChannels(result: unknown): PresenceStatusWithChannels {
    const status = toStatus(result);
    return { ...status, channels: toChannels((result as Record<string, unknown>).channels) };
}

function toChannels(value: unknown): PresenceChannel[] {
    const list = parseJsonList(value);
    return list
        .filter(isRecord)
        .filter((c) => isNonEmptyString(c.channelId))
        .map((c) => ({ channelId: c.channelId as string, developerName: stringOr(c.developerName, '') }));
}

function toAgentWorks(result: unknown): AgentWork[] {
    const raw = Array.isArray(result) ? result : isRecord(result) ? result.works : undefined;
    if (raw === undefined) {
        throw malformed('no works in getAgentWorks result');
    }
    return parseJsonList(raw).map((work) => {
        if (!isRecord(work) || !isNonEmptyString(work.workId) || !isNonEmptyString(work.workItemId)) {
            throw malformed('work without workId or workItemId');
        }
        return { workId: work.workId, workItemId: work.workItemId, isEngaged: work.isEngaged === true };
    });
}

function toEvent(name: string, detail: Record<string, unknown>): OmniEvent | null {
    switch (name) {
        case 'workAssigned':
        case 'workAccepted':
        case 'workDeclined':
        case 'workClosed':
            return isNonEmptyString(detail.workId)
                ? { name, workId: detail.workId, workItemId: stringOr(detail.workItemId, '') }
                : null;
        case 'statusChanged':
            return isNonEmptyString(detail.statusId)
                ? {
                      name,
                      statusId: detail.statusId,
                      statusName: stringOr(detail.statusName, ''),
                      statusApiName: stringOr(detail.statusApiName, ''),
                      channels: toChannels(detail.channels),
                      reason: isNonEmptyString(detail.reason) ? detail.reason : null
                  }
                : null;
        case 'loginSuccess':
            return isNonEmptyString(detail.statusId) ? { name, statusId: detail.statusId } : null;
        case 'logout':
            return { name, reason: isNonEmptyString(detail.reason) ? detail.reason : null };
        case 'workloadChanged':
            return {
                name,
                configuredCapacity: numberOrNull(detail.configuredCapacity),
                previousWorkload: numberOrNull(detail.previousWorkload),
                newWorkload: numberOrNull(detail.newWorkload)
            };
        case 'connectionError':
        case 'relayReady':
            return { name };
        default:
            return null; // an event this version does not know: ignored rather than guessed at
    }
}

function parseJsonList(value: unknown): unknown[] {
    if (Array.isArray(value)) {
        return value;
    }
    if (typeof value === 'string' && value.trim() !== '') {
        try {
            const parsed: unknown = JSON.parse(value);
            if (Array.isArray(parsed)) {
                return parsed;
            }
        } catch {
            // fall through to the malformed error below
        }
        throw malformed('not a JSON list');
    }
    return [];
}

function malformed(detail: string): RelayOmniError {
    return new RelayOmniError('MALFORMED_RESPONSE', detail);
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
    return typeof value === 'string' && value !== '';
}

function stringOr(value: unknown, fallback: string): string {
    return typeof value === 'string' ? value : fallback;
}

function numberOrNull(value: unknown): number | null {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
    return Number.isFinite(n) ? n : null;
}
