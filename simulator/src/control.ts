// The control API: the customer side (start a conversation, reply, hang up), agent tokens, presence,
// fault injection, rate limits, the event history and time. In-process as `simulator.control`, over HTTP under /__sim/.
import type { Auth, TokenResponse } from './auth';
import { ManualClock, type Clock } from './clock';
import { ContractChecker, parseContract } from './contract';
import type { ContactCentre } from './engine';
import { SimError, notFound } from './errors';
import type { EventHub, SimEvent } from './events';
import type { ActiveFault, FaultSpec, Faults, RateLimitConfig, RateLimiter } from './faults';
import type { MediaProcessing, MediaStatus } from './media';
import { CHANNELS, type InboundEmailStart, type InboundStart, type SeedData } from './model';
import { snapshot, type ConversationSnapshot, type TranscriptSnapshot } from './views';

export interface UserSnapshot {
    id: string;
    name: string;
    email: string;
    presence: { id: string; systemPresence: string; label: string };
    routingStatus: string;
    routingSince: string;
    queues: { id: string; name: string; joined: boolean }[];
    /** What the user's roles grant (GET /api/v2/users/me?expand=authorization answers the same). */
    permissions: string[];
}

export interface SimState {
    now: string;
    manualClock: boolean;
    defaultAgentId: string;
    users: UserSnapshot[];
    queues: {
        id: string;
        name: string;
        acwSettings: { wrapupPrompt: string; timeoutMs?: number };
        alertingTimeoutSeconds: number;
        wrapUpCodes: { id: string; name: string }[];
        members: { userId: string; joined: boolean }[];
    }[];
    presenceDefinitions: { id: string; systemPresence: string; label: string }[];
    conversations: ConversationSnapshot[];
    faults: ActiveFault[];
    rateLimit: RateLimitConfig | null;
}

/**
 * What message answers (MessageData) carry: normalizedMessage always; the legacy textBody, media and stickers
 * (deprecated by Genesys, removal planned 2026-03-31) only while `legacyFields` is true, the default after a reset.
 */
export interface MessageFormat {
    legacyFields: boolean;
}

/** A file the customer sends, its bytes in base64 (the control API is JSON). */
export interface CustomerAttachment {
    name: string;
    contentType?: string;
    dataBase64: string;
}

/** An inbound email (control API `startEmail`): the queue's id or name, the sender, the email. */
export interface EmailStart extends InboundEmailStart {
    attachments?: CustomerAttachment[];
}

/** A further email of the customer (control API `customerEmail`). */
export interface CustomerEmail {
    textBody: string;
    htmlBody?: string;
    attachments?: CustomerAttachment[];
}

/** An attachment the contact centre holds (an agent's upload or a customer's file). */
export interface MediaSnapshot {
    id: string;
    conversationId: string;
    name: string;
    contentType: string;
    sizeBytes: number;
    status: MediaStatus;
    /** Whether the bytes arrived (an agent's upload slot may still be empty). */
    uploaded: boolean;
}

export interface SimulatorControl {
    state(): SimState;
    /** Back to the seed (the one given at creation unless another is passed); tokens stay valid. */
    reset(seed?: SeedData): void;
    startConversation(start: InboundStart): ConversationSnapshot;
    conversation(conversationId: string): ConversationSnapshot;
    customerReply(conversationId: string, text: string, attachments?: CustomerAttachment[]): TranscriptSnapshot;
    /** An inbound email to a queue: a conversation of media type email (served under /api/v2/conversations/emails). */
    startEmail(start: EmailStart): ConversationSnapshot;
    /** A further inbound email of the customer in an email conversation's thread. */
    customerEmail(conversationId: string, email: CustomerEmail): TranscriptSnapshot;
    /** Every attachment, oldest first. */
    media(): MediaSnapshot[];
    /** What the check of the next uploads comes to (fault injection); default valid at once. */
    setMediaProcessing(processing: Partial<MediaProcessing>): MediaProcessing;
    messageFormat(): MessageFormat;
    /** Whether message answers still carry the legacy textBody and media (until the next reset). */
    setMessageFormat(format: MessageFormat): MessageFormat;
    customerDisconnect(conversationId: string): ConversationSnapshot;
    /**
     * Leaves a message conversation open but unassigned, as Genesys keeps one open within the messaging threading
     * timeline after its agents leave: every agent and acd participant disconnected (a connected agent's leg with
     * after-call work), the customer still connected, the conversation not ended (state `unassigned`). An agent may
     * then take it over with POST /api/v2/conversations/messages and useExistingConversation true.
     */
    leaveOpen(conversationId: string): ConversationSnapshot;
    /**
     * Replaces the permissions the agent's roles grant (until the next reset), e.g. to take conversation:message:create
     * away; the simulator refuses what they no longer grant with 403.
     */
    setPermissions(userId: string, permissions: string[]): UserSnapshot;
    /** A bearer token acting as this agent (id or e-mail). */
    issueToken(agent: string): TokenResponse;
    setPresence(userId: string, systemPresence: string): UserSnapshot;
    setQueueMembership(userId: string, queueId: string, joined: boolean): UserSnapshot;
    injectFault(spec: FaultSpec): ActiveFault;
    faults(): ActiveFault[];
    clearFaults(): void;
    setRateLimit(config: RateLimitConfig | undefined): void;
    events(sinceEventId?: string): SimEvent[];
    subscribe(listener: (event: SimEvent) => void): () => void;
    /** Moves a ManualClock forward (409 with the real clock). */
    advanceClock(ms: number): void;
}

export interface ControlDeps {
    clock: Clock;
    centre: () => ContactCentre;
    reset: (seed?: SeedData) => void;
    auth: Auth;
    events: EventHub;
    faults: Faults;
    rateLimiter: RateLimiter;
}

export function createControl(deps: ControlDeps): SimulatorControl {
    const userSnapshot = (userId: string): UserSnapshot => {
        const centre = deps.centre();
        const user = centre.user(userId);
        const presence = centre.presenceOf(user);
        return {
            id: user.agent.id,
            name: user.agent.name,
            email: user.agent.email,
            presence: { id: presence.id, systemPresence: presence.systemPresence, label: presence.label },
            routingStatus: user.routingStatus,
            routingSince: new Date(user.routingSince).toISOString(),
            permissions: [...centre.permissionsOf(user)],
            queues: [...centre.queues.values()].flatMap((q) => {
                const member = q.members.find((m) => m.userId === userId);
                return member === undefined ? [] : [{ id: q.id, name: q.name, joined: member.joined }];
            })
        };
    };
    const conversationSnapshot = (id: string): ConversationSnapshot =>
        snapshot(deps.centre(), deps.centre().conversation(id));
    const files = (attachments: CustomerAttachment[] = []) =>
        attachments.map((a) => ({
            name: a.name,
            contentType: a.contentType,
            bytes: Buffer.from(a.dataBase64, 'base64')
        }));
    const transcriptSnapshot = (conversationId: string, entryId: string): TranscriptSnapshot => {
        const found = conversationSnapshot(conversationId).transcript.find((e) => e.id === entryId);
        if (found === undefined) throw new Error('entry vanished from the transcript');
        return found;
    };
    const badRequest = (error: unknown): never => {
        throw new SimError(400, 'bad.request', error instanceof Error ? error.message : String(error));
    };

    return {
        state: () => {
            const centre = deps.centre();
            return {
                now: new Date(deps.clock.now()).toISOString(),
                manualClock: deps.clock instanceof ManualClock,
                defaultAgentId: centre.defaultAgentId,
                users: [...centre.users.keys()].map(userSnapshot),
                queues: [...centre.queues.values()].map((q) => ({
                    id: q.id,
                    name: q.name,
                    acwSettings: { ...q.acw },
                    alertingTimeoutSeconds: q.alertingTimeoutSeconds,
                    wrapUpCodes: centre.codesForQueue(q.id).map((c) => ({ id: c.id, name: c.name })),
                    members: q.members.map((m) => ({ ...m }))
                })),
                presenceDefinitions: [...centre.presences.values()].map((p) => ({ ...p })),
                conversations: [...centre.conversations.values()].map((c) => snapshot(centre, c)),
                faults: deps.faults.list(),
                rateLimit: deps.rateLimiter.current() ?? null
            };
        },
        reset: (seed) => deps.reset(seed),
        startConversation: (start) => snapshot(deps.centre(), deps.centre().startInbound(start)),
        conversation: conversationSnapshot,
        customerReply: (conversationId, text, attachments = []) => {
            const files = attachments.map((a) => ({
                name: a.name,
                contentType: a.contentType,
                bytes: Buffer.from(a.dataBase64, 'base64')
            }));
            const entry = deps.centre().customerReply(conversationId, text, files);
            const found = conversationSnapshot(conversationId).transcript.find((e) => e.id === entry.id);
            if (found === undefined) throw new Error('reply vanished from the transcript');
            return found;
        },
        startEmail: ({ attachments, ...start }) =>
            snapshot(deps.centre(), deps.centre().startEmail(start, files(attachments))),
        customerEmail: (conversationId, { attachments, ...email }) =>
            transcriptSnapshot(
                conversationId,
                deps.centre().customerEmail(conversationId, email, files(attachments)).id
            ),
        media: () =>
            deps
                .centre()
                .media.all()
                .map((m) => ({
                    id: m.id,
                    conversationId: m.conversationId,
                    name: m.name,
                    contentType: m.contentType,
                    sizeBytes: m.contentLengthBytes,
                    status: m.status,
                    uploaded: m.bytes !== undefined
                })),
        setMediaProcessing: (processing) => {
            const store = deps.centre().media;
            const next = { ...store.processing, ...processing };
            if (!['valid', 'invalid', 'uploading'].includes(next.outcome)) {
                badRequest(new Error('outcome must be valid, invalid or uploading'));
            }
            if (!Number.isInteger(next.uploadingReads) || next.uploadingReads < 0) {
                badRequest(new Error('uploadingReads must be a whole number, 0 or more'));
            }
            store.processing = next;
            return { ...next };
        },
        messageFormat: () => ({ legacyFields: deps.centre().legacyMessageFields }),
        setMessageFormat: (format) => {
            if (typeof format?.legacyFields !== 'boolean') badRequest(new Error('legacyFields must be true or false'));
            deps.centre().legacyMessageFields = format.legacyFields;
            return { legacyFields: deps.centre().legacyMessageFields };
        },
        customerDisconnect: (conversationId) => {
            deps.centre().customerDisconnect(conversationId);
            return conversationSnapshot(conversationId);
        },
        leaveOpen: (conversationId) => snapshot(deps.centre(), deps.centre().leaveOpen(conversationId)),
        setPermissions: (userId, permissions) => {
            if (!Array.isArray(permissions) || permissions.some((p) => typeof p !== 'string')) {
                badRequest(new Error('permissions must be a list of strings'));
            }
            deps.centre().setPermissions(userId, permissions);
            return userSnapshot(userId);
        },
        issueToken: (agent) => {
            const centre = deps.centre();
            const user =
                centre.users.get(agent) ??
                [...centre.users.values()].find((u) => u.agent.email.toLowerCase() === agent.toLowerCase());
            if (user === undefined) throw notFound('user', agent);
            return deps.auth.issue(user.agent.id, 'simulator-control', 'simulator');
        },
        setPresence: (userId, systemPresence) => {
            deps.centre().setPresenceBySystemName(userId, systemPresence);
            return userSnapshot(userId);
        },
        setQueueMembership: (userId, queueId, joined) => {
            deps.centre().setQueueMembership(userId, queueId, joined);
            return userSnapshot(userId);
        },
        injectFault: (spec) => {
            try {
                return deps.faults.add(spec);
            } catch (error) {
                return badRequest(error);
            }
        },
        faults: () => deps.faults.list(),
        clearFaults: () => deps.faults.clear(),
        setRateLimit: (config) => {
            try {
                deps.rateLimiter.configure(config);
            } catch (error) {
                badRequest(error);
            }
        },
        events: (since) => deps.events.events(since),
        subscribe: (listener) => deps.events.subscribe(listener),
        advanceClock: (ms) => {
            if (!(deps.clock instanceof ManualClock)) {
                throw new SimError(
                    409,
                    'clock.not.manual',
                    'The simulator runs on real time; only a manual clock can be advanced'
                );
            }
            deps.clock.advance(ms);
        }
    };
}

// ----- HTTP form of the control API ----------------------------------------------------------------

const str = { type: 'string', minLength: 1 } as const;
const op = (
    method: string,
    path: string,
    body: Record<string, unknown> | null,
    success = 200,
    query: string[] = []
) => ({
    method,
    path: `/__sim${path}`,
    query,
    body,
    success,
    response: 'json'
});
const object = (properties: Record<string, unknown>, required: string[] = []) => ({
    type: 'object',
    additionalProperties: false,
    required,
    properties
});

const attachmentsSchema = {
    type: 'array',
    items: object({ name: str, contentType: str, dataBase64: str }, ['name', 'dataBase64'])
};

const controlChecker = new ContractChecker(
    parseContract({
        operations: {
            state: op('GET', '/state', null),
            reset: op('POST', '/reset', null),
            startConversation: op(
                'POST',
                '/conversations',
                object(
                    {
                        channel: { type: 'string', enum: [...CHANNELS] },
                        customerName: str,
                        customerAddress: str,
                        queue: str,
                        text: { type: 'string', maxLength: 4000 }
                    },
                    ['channel', 'customerName', 'customerAddress', 'queue']
                ),
                201
            ),
            conversation: op('GET', '/conversations/{conversationId}', null),
            customerReply: op(
                'POST',
                '/conversations/{conversationId}/customer/messages',
                object(
                    {
                        text: { type: 'string', maxLength: 4000 },
                        attachments: {
                            type: 'array',
                            items: object({ name: str, contentType: str, dataBase64: str }, ['name', 'dataBase64'])
                        }
                    },
                    ['text']
                ),
                201
            ),
            startEmail: op(
                'POST',
                '/emails',
                object(
                    {
                        queue: str,
                        fromAddress: str,
                        fromName: str,
                        toAddress: str,
                        subject: { type: 'string', maxLength: 998 },
                        textBody: { type: 'string', maxLength: 100000 },
                        htmlBody: { type: 'string', maxLength: 100000 },
                        attachments: attachmentsSchema
                    },
                    ['queue', 'fromAddress', 'subject', 'textBody']
                ),
                201
            ),
            customerEmail: op(
                'POST',
                '/conversations/{conversationId}/customer/emails',
                object(
                    {
                        textBody: { type: 'string', maxLength: 100000 },
                        htmlBody: { type: 'string', maxLength: 100000 },
                        attachments: attachmentsSchema
                    },
                    ['textBody']
                ),
                201
            ),
            media: op('GET', '/media', null),
            setMediaProcessing: op(
                'PUT',
                '/media/processing',
                object({
                    outcome: { type: 'string', enum: ['valid', 'invalid', 'uploading'] },
                    uploadingReads: { type: 'integer', minimum: 0 }
                })
            ),
            messageFormat: op('GET', '/messages/format', null),
            setMessageFormat: op(
                'PUT',
                '/messages/format',
                object({ legacyFields: { type: 'boolean' } }, ['legacyFields'])
            ),
            customerDisconnect: op('POST', '/conversations/{conversationId}/customer/disconnect', null),
            leaveOpen: op('POST', '/conversations/{conversationId}/leave-open', null),
            setPermissions: op(
                'PUT',
                '/users/{userId}/permissions',
                object({ permissions: { type: 'array', items: str } }, ['permissions'])
            ),
            issueToken: op('POST', '/tokens', object({ agent: str }, ['agent'])),
            setPresence: op('PUT', '/users/{userId}/presence', object({ systemPresence: str }, ['systemPresence'])),
            setQueueMembership: op(
                'PUT',
                '/users/{userId}/queues/{queueId}',
                object({ joined: { type: 'boolean' } }, ['joined'])
            ),
            faults: op('GET', '/faults', null),
            injectFault: op(
                'POST',
                '/faults',
                object(
                    {
                        operation: str,
                        count: { type: 'integer', minimum: 1 },
                        status: { type: 'integer', minimum: 400, maximum: 599 },
                        code: str,
                        message: str,
                        retryAfterSeconds: { type: 'integer', minimum: 0 },
                        delayMs: { type: 'integer', minimum: 0 },
                        malformed: { type: 'boolean' }
                    },
                    ['operation']
                ),
                201
            ),
            clearFaults: op('DELETE', '/faults', null),
            setRateLimit: op(
                'PUT',
                '/rate-limit',
                object({ limit: { type: 'integer', minimum: 1 }, windowSeconds: { type: 'integer', minimum: 1 } }, [
                    'limit',
                    'windowSeconds'
                ])
            ),
            clearRateLimit: op('DELETE', '/rate-limit', null),
            recentEvents: op('GET', '/events/recent', null, 200, ['since']),
            advanceClock: op('POST', '/clock/advance', object({ ms: { type: 'integer', minimum: 0 } }, ['ms']))
        }
    })
);

export interface ControlReply {
    status: number;
    body: unknown;
}

/** Serves one /__sim/ request (everything but the SSE stream). */
export function handleControl(control: SimulatorControl, method: string, url: string, body: unknown): ControlReply {
    const check = controlChecker.check({ method, url, body });
    if (!check.ok) {
        if (check.status === 404) throw new SimError(404, 'not.found', check.message);
        throw new SimError(400, 'bad.request', check.message, {
            details: check.issues.map((i) => ({ errorCode: 'bad.request', fieldName: i.path }))
        });
    }
    const p = check.pathParams;
    // The body matched the operation's schema above, so these reads are safe.
    const b = body as Record<string, unknown>;
    const ok = (value: unknown): ControlReply => ({ status: check.operation.success, body: value });
    switch (check.operation.id) {
        case 'state':
            return ok(control.state());
        case 'reset':
            control.reset();
            return ok(control.state());
        case 'startConversation':
            return ok(control.startConversation(b as unknown as InboundStart));
        case 'conversation':
            return ok(control.conversation(p.conversationId));
        case 'customerReply':
            return ok(
                control.customerReply(
                    p.conversationId,
                    b.text as string,
                    b.attachments as CustomerAttachment[] | undefined
                )
            );
        case 'startEmail':
            return ok(control.startEmail(b as unknown as EmailStart));
        case 'customerEmail':
            return ok(control.customerEmail(p.conversationId, b as unknown as CustomerEmail));
        case 'media':
            return ok(control.media());
        case 'setMediaProcessing':
            return ok(control.setMediaProcessing(b as Partial<MediaProcessing>));
        case 'messageFormat':
            return ok(control.messageFormat());
        case 'setMessageFormat':
            return ok(control.setMessageFormat({ legacyFields: b.legacyFields as boolean }));
        case 'customerDisconnect':
            return ok(control.customerDisconnect(p.conversationId));
        case 'leaveOpen':
            return ok(control.leaveOpen(p.conversationId));
        case 'setPermissions':
            return ok(control.setPermissions(p.userId, b.permissions as string[]));
        case 'issueToken':
            return ok(control.issueToken(b.agent as string));
        case 'setPresence':
            return ok(control.setPresence(p.userId, b.systemPresence as string));
        case 'setQueueMembership':
            return ok(control.setQueueMembership(p.userId, p.queueId, b.joined as boolean));
        case 'faults':
            return ok(control.faults());
        case 'injectFault':
            return ok(control.injectFault(b as unknown as FaultSpec));
        case 'clearFaults':
            control.clearFaults();
            return ok(control.faults());
        case 'setRateLimit':
            control.setRateLimit(b as unknown as RateLimitConfig);
            return ok(control.state().rateLimit);
        case 'clearRateLimit':
            control.setRateLimit(undefined);
            return ok(null);
        case 'recentEvents':
            return ok(control.events(check.query.since));
        case 'advanceClock':
            control.advanceClock(b.ms as number);
            return ok({ now: control.state().now });
        default:
            throw new Error(`unhandled control operation ${check.operation.id}`);
    }
}
