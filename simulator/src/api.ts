// One handler per contract (and compatibility) operation. The request has already been matched and
// validated against the contract, so bodies are read with the shapes their schemas guarantee.
import { conversationDetailsQuery } from './analytics';
import type { TokenInfo } from './auth';
import type {
    ContactCentre,
    EmailReplyInput,
    OutboundEmailInput,
    OutboundInput,
    PermissionRule,
    TemplateInput,
    WrapUpInput
} from './engine';
import { invalidValue, notFound } from './errors';
import type { Conversation, MediaType, RoutingStatus, UserState } from './model';
import { compatContract, contractPermissions, relayContract } from './relay-contract';
import { normalizeAddress } from './engine';
import * as view from './views';

export interface ApiContext {
    centre: ContactCentre;
    token: TokenInfo;
    pathParams: Record<string, string>;
    query: Record<string, string>;
    body: unknown;
}

/** Returns the JSON response body (ignored for `response: "empty"` operations). */
export type ApiHandler = (ctx: ApiContext) => unknown;

/** `{userId}` may be `me`: the token's user (the default demo agent for client credentials). */
function pathUser(ctx: ApiContext): UserState {
    const id = ctx.pathParams.userId;
    return ctx.centre.user(id === 'me' ? ctx.token.userId : id);
}

function paging(ctx: ApiContext, defaultPageSize = 25): { pageSize: number; pageNumber: number } {
    const number = (name: string, fallback: number, max: number): number => {
        const raw = ctx.query[name];
        if (raw === undefined) return fallback;
        const value = Number(raw);
        if (!Number.isInteger(value) || value < 1 || value > max) {
            throw invalidValue(name, `${name} must be an integer from 1 to ${max}`);
        }
        return value;
    };
    return { pageSize: number('pageSize', defaultPageSize, 500), pageNumber: number('pageNumber', 1, 100000) };
}

/** Genesys name filters: exact (case-insensitive), or a prefix with a trailing `*`. */
function nameMatches(name: string, filter: string | undefined): boolean {
    if (filter === undefined) return true;
    const n = name.toLowerCase();
    const f = filter.toLowerCase();
    return f.endsWith('*') ? n.startsWith(f.slice(0, -1)) : n === f;
}

/** The agent's active conversations of one media type, as the one-page listing Genesys answers with. */
function myConversations(
    ctx: ApiContext,
    mediaType: MediaType,
    toView: (c: Conversation) => unknown,
    selfUri: string
): unknown {
    const entities = ctx.centre
        .activeConversationsFor(ctx.token.userId)
        .filter((c) => c.mediaType === mediaType)
        .map(toView);
    return { entities, pageSize: 25, pageNumber: 1, total: entities.length, pageCount: 1, selfUri };
}

function conversationAndParticipant(ctx: ApiContext) {
    const conversation = ctx.centre.conversation(ctx.pathParams.conversationId);
    return { conversation, participant: ctx.centre.participant(conversation, ctx.pathParams.participantId) };
}

function participantWrapUpCodes(ctx: ApiContext): unknown {
    const { participant } = conversationAndParticipant(ctx);
    if (participant.purpose !== 'agent') return [];
    return ctx.centre.codesForQueue(participant.queueId).map(view.wrapUpCode);
}

/** The participant's AssignedWrapupCode; no wrap-up yet reads as an empty one, not an error. */
function assignedWrapUp(ctx: ApiContext): unknown {
    const { participant } = conversationAndParticipant(ctx);
    const w = participant.wrapup;
    return w === undefined
        ? {}
        : { code: w.code, notes: w.notes, tags: w.tags, durationSeconds: w.durationSeconds, endTime: w.endTime };
}

function submitWrapUp(ctx: ApiContext, input: WrapUpInput): undefined {
    const { conversationId, participantId, communicationId } = ctx.pathParams;
    ctx.centre.submitWrapUp(conversationId, participantId, input, communicationId);
    return undefined;
}

/** sendText and sendMedia: one operation of the SDK, one body per message (the contract tells them apart). */
const send: ApiHandler = (ctx) => {
    const { conversationId, communicationId } = ctx.pathParams;
    const { textBody, mediaIds } = ctx.body as { textBody: string; mediaIds?: string[] };
    const entry = ctx.centre.sendText(conversationId, communicationId, textBody, mediaIds);
    return view.messageData(ctx.centre, ctx.centre.conversation(conversationId), entry);
};

/**
 * sendTemplate: the same operation with AdditionalMessage.messagingTemplate (the contract tells it apart by that
 * field). The SDK requires textBody beside it and says "Only one message body field can be accepted, per request.
 * Example: 1 textBody, 1 mediaId, or 1 messageTemplate"; what Genesys does with a textBody sent with a template (refuse
 * it, ignore it, send it too) is not documented. The simulator accepts any textBody, empty or not, and sends the
 * template alone.
 */
const sendTemplate: ApiHandler = (ctx) => {
    const { conversationId, communicationId } = ctx.pathParams;
    const { messagingTemplate } = ctx.body as { textBody: string; messagingTemplate: TemplateInput };
    const entry = ctx.centre.sendTemplate(conversationId, communicationId, messagingTemplate);
    return view.messageData(ctx.centre, ctx.centre.conversation(conversationId), entry);
};

/** Query values the SDK documents as an enum: refused (400 invalid.value) when another value is given. */
function enumQuery(ctx: ApiContext, name: string, allowed: readonly string[]): string | undefined {
    const value = ctx.query[name];
    if (value !== undefined && !allowed.includes(value)) {
        throw invalidValue(name, `${name} must be one of: ${allowed.join(', ')}`);
    }
    return value;
}

const pickUp: ApiHandler = (ctx) => ctx.centre.pickUp(ctx.pathParams.conversationId, ctx.pathParams.participantId);
const disconnect: ApiHandler = (ctx) =>
    ctx.centre.disconnect(ctx.pathParams.conversationId, ctx.pathParams.participantId);
const patchWrapUp: ApiHandler = (ctx) => submitWrapUp(ctx, (ctx.body as { wrapup: WrapUpInput }).wrapup);
const postWrapUp: ApiHandler = (ctx) => submitWrapUp(ctx, ctx.body as WrapUpInput);

export const apiHandlers: Record<string, ApiHandler> = {
    getMe: (ctx) =>
        view.userMe(
            ctx.centre,
            ctx.centre.user(ctx.token.userId),
            (ctx.query.expand ?? '').split(',').map((e) => e.trim())
        ),
    /** The Relay Connector's gap query (analytics.ts). */
    queryConversationDetails: conversationDetailsQuery,
    getPresenceDefinitions: (ctx) => view.presenceDefinitions(ctx.centre),
    getPresence: (ctx) => view.userPresence(ctx.centre, pathUser(ctx)),
    setPresence: (ctx) => {
        const body = ctx.body as { presenceDefinition: { id: string }; message?: string };
        const user = ctx.centre.setPresence(pathUser(ctx).agent.id, body.presenceDefinition.id, body.message);
        return view.userPresence(ctx.centre, user);
    },
    getRoutingStatus: (ctx) => view.routingStatus(pathUser(ctx)),
    setRoutingStatus: (ctx) => {
        const { status } = ctx.body as { status: RoutingStatus };
        return view.routingStatus(ctx.centre.setRoutingStatus(pathUser(ctx).agent.id, status));
    },
    getUserQueues: (ctx) => {
        const user = pathUser(ctx);
        const joined = ctx.query.joined !== 'false';
        const { pageSize, pageNumber } = paging(ctx);
        const queues = [...ctx.centre.queues.values()].filter((q) =>
            q.members.some((m) => m.userId === user.agent.id && m.joined === joined)
        );
        return view.page(queues, pageSize, pageNumber, `/api/v2/users/${user.agent.id}/queues?joined=${joined}`, (q) =>
            view.queue(q, joined)
        );
    },
    getMyMessageConversations: (ctx) =>
        myConversations(
            ctx,
            'message',
            (c) => view.messageConversation(ctx.centre, c),
            '/api/v2/conversations/messages'
        ),
    getMessageConversation: (ctx) =>
        view.messageConversation(ctx.centre, ctx.centre.conversation(ctx.pathParams.conversationId)),
    getConversation: (ctx) => view.conversation(ctx.centre, ctx.centre.conversation(ctx.pathParams.conversationId)),
    pickUp,
    disconnect,
    submitWrapUp: patchWrapUp,
    getParticipantWrapUp: assignedWrapUp,
    getParticipantWrapUpCodes: participantWrapUpCodes,
    getQueueWrapUpCodes: (ctx) => {
        const queue = ctx.centre.queue(ctx.pathParams.queueId);
        const { pageSize, pageNumber } = paging(ctx);
        const codes = ctx.centre.codesForQueue(queue.id).filter((c) => nameMatches(c.name, ctx.query.name));
        return view.page(
            codes,
            pageSize,
            pageNumber,
            `/api/v2/routing/queues/${queue.id}/wrapupcodes`,
            view.wrapUpCode
        );
    },
    listQueues: (ctx) => {
        const { pageSize, pageNumber } = paging(ctx);
        const descending = ['desc', 'descending'].includes(ctx.query.sortOrder?.toLowerCase() ?? '');
        const queues = [...ctx.centre.queues.values()]
            .filter((q) => nameMatches(q.name, ctx.query.name))
            .sort((a, b) => (descending ? -1 : 1) * a.name.localeCompare(b.name));
        return view.page(queues, pageSize, pageNumber, '/api/v2/routing/queues', (q) => view.queue(q));
    },
    transferToQueue: (ctx) => {
        const body = ctx.body as { queueId: string; transferType?: 'Attended' | 'Unattended' };
        const { conversationId, participantId } = ctx.pathParams;
        ctx.centre.transferToQueue(conversationId, participantId, body, ctx.token.userId);
    },
    assignConversation: (ctx) => {
        const { id } = ctx.body as { id: string };
        ctx.centre.assignConversation(ctx.pathParams.conversationId, id, ctx.token.userId);
    },
    replaceWithAgent: (ctx) => {
        const { conversationId, participantId } = ctx.pathParams;
        const { userId } = ctx.body as { userId: string };
        ctx.centre.replaceWithAgent(conversationId, participantId, userId, ctx.token.userId);
    },
    createOutboundMessage: (ctx) => {
        const conversation = ctx.centre.createOutbound(ctx.token.userId, ctx.body as OutboundInput);
        return { id: conversation.id, selfUri: `/api/v2/conversations/messages/${conversation.id}` };
    },
    sendText: send,
    sendMedia: send,
    sendTemplate,
    getResponses: (ctx) => {
        // libraryId is required: the SDK throws without it (getResponsemanagementResponses); a request without it
        // (or with it empty, which the SDK lets through) is refused like a missing required value.
        const libraryId = ctx.query.libraryId ?? '';
        if (libraryId === '') throw invalidValue('libraryId', 'libraryId is required');
        // expand: the SDK documents one value, substitutionsSchema.
        const expand = enumQuery(ctx, 'expand', ['substitutionsSchema']);
        const { pageSize, pageNumber } = paging(ctx);
        const base = `/api/v2/responsemanagement/responses?libraryId=${encodeURIComponent(libraryId)}`;
        return view.page(ctx.centre.responsesOf(libraryId), pageSize, pageNumber, base, (r) =>
            view.response(ctx.centre, r, expand === undefined ? [] : [expand])
        );
    },
    getResponseLibraries: (ctx) => {
        // messagingTemplateFilter: the SDK documents one value, whatsapp ("Returns a list of libraries that contain
        // responses with at least one messaging template defined for a specific message channel"). libraryPrefix:
        // "Returns a list of libraries that contain the prefix provided", read as a name starting with it, ignoring case.
        const filter = enumQuery(ctx, 'messagingTemplateFilter', ['whatsapp']);
        const prefix = ctx.query.libraryPrefix?.toLowerCase();
        const { pageSize, pageNumber } = paging(ctx);
        const libraries = [...ctx.centre.responseLibraries.values()].filter(
            (l) =>
                (prefix === undefined || l.name.toLowerCase().startsWith(prefix)) &&
                (filter === undefined || ctx.centre.responsesOf(l.id).some((r) => r.whatsApp !== undefined))
        );
        return view.page(libraries, pageSize, pageNumber, '/api/v2/responsemanagement/libraries', view.responseLibrary);
    },
    createMediaUpload: (ctx) => {
        const { conversationId, communicationId } = ctx.pathParams;
        const { fileName, contentLengthBytes } = ctx.body as { fileName: string; contentLengthBytes: number };
        const media = ctx.centre.createMediaUpload(conversationId, communicationId, fileName, contentLengthBytes);
        return view.mediaUpload(ctx.centre, media);
    },
    getMedia: (ctx) => {
        const { conversationId, communicationId, mediaId } = ctx.pathParams;
        return view.mediaData(ctx.centre, ctx.centre.getMedia(conversationId, communicationId, mediaId));
    },
    lookupExternalContact: (ctx) => {
        const { type, value } = ctx.body as { type: string; value: string };
        const wanted = normalizeAddress(value);
        const matches = (a: string | undefined): boolean => a !== undefined && normalizeAddress(a) === wanted;
        const contact = ctx.centre.contacts.find((c) =>
            type === 'Phone'
                ? matches(c.cellPhone)
                : type === 'Email'
                  ? matches(c.workEmail)
                  : type === 'SocialWhatsapp' && matches(c.whatsAppId)
        );
        if (contact === undefined) throw notFound('external contact', `${type}:${value}`);
        return view.externalContact(contact);
    },
    searchExternalContacts: (ctx) => {
        // The SDK: "limited to fetching first 1,000 records; pageNumber * pageSize must be <= 1,000" (default 20).
        const { pageSize, pageNumber } = paging(ctx, 20);
        if (pageNumber * pageSize > 1000) {
            throw invalidValue('pageNumber', 'pageNumber * pageSize must be <= 1,000: only the first 1,000 records');
        }
        const q = ctx.query.q;
        const base = `/api/v2/externalcontacts/contacts${q === undefined ? '' : `?q=${encodeURIComponent(q)}`}`;
        return view.page(ctx.centre.searchContacts(q), pageSize, pageNumber, base, view.externalContact);
    },

    // Email conversations (media type email; docs/email.md).
    createOutboundEmail: (ctx) =>
        view.emailConversation(
            ctx.centre,
            ctx.centre.createOutboundEmail(ctx.token.userId, ctx.body as OutboundEmailInput)
        ),
    getMyEmailConversations: (ctx) =>
        myConversations(ctx, 'email', (c) => view.emailConversation(ctx.centre, c), '/api/v2/conversations/emails'),
    getEmailConversation: (ctx) =>
        view.emailConversation(ctx.centre, ctx.centre.conversation(ctx.pathParams.conversationId)),
    getEmailMessages: (ctx) => view.emailMessagePreviews(ctx.centre.conversation(ctx.pathParams.conversationId)),
    getEmailMessage: (ctx) => {
        const conversation = ctx.centre.conversation(ctx.pathParams.conversationId);
        const entry = conversation.transcript.find((e) => e.id === ctx.pathParams.messageId);
        if (entry === undefined) throw notFound('message', ctx.pathParams.messageId);
        return view.emailMessage(conversation, entry);
    },
    pickUpEmail: pickUp,
    disconnectEmail: disconnect,
    submitEmailWrapUp: patchWrapUp,
    getEmailParticipantWrapUpCodes: participantWrapUpCodes,
    getEmailParticipantWrapUp: assignedWrapUp,
    submitEmailCommunicationWrapUp: postWrapUp,
    transferEmailToQueue: (ctx) => {
        const body = ctx.body as { queueId: string; transferType?: 'Attended' | 'Unattended' };
        const { conversationId, participantId } = ctx.pathParams;
        ctx.centre.transferToQueue(conversationId, participantId, body, ctx.token.userId);
    },
    sendEmailReply: (ctx) => {
        const { conversationId } = ctx.pathParams;
        const entry = ctx.centre.sendEmailReply(conversationId, ctx.token.userId, ctx.body as EmailReplyInput);
        return view.emailMessageReply(entry);
    },
    createEmailDraftAttachmentUpload: (ctx) => {
        const { conversationId } = ctx.pathParams;
        const { name, contentLengthBytes } = ctx.body as { name: string; contentLengthBytes: number };
        const media = ctx.centre.createEmailDraftAttachmentUpload(
            conversationId,
            ctx.token.userId,
            name,
            contentLengthBytes
        );
        return view.draftAttachmentUpload(ctx.centre, media);
    },

    // Accepted for compatibility (compatContract).
    postMessageCommunicationWrapUp: postWrapUp,
    postCommunicationWrapUp: postWrapUp,
    replaceToQueue: (ctx) => {
        const body = ctx.body as { queueId?: string; queueName?: string; transferType?: 'Attended' | 'Unattended' };
        if (body.queueId === undefined && body.queueName === undefined) {
            throw invalidValue('queueId', 'queueId or queueName is required');
        }
        const { conversationId, participantId } = ctx.pathParams;
        ctx.centre.transferToQueue(conversationId, participantId, body, ctx.token.userId);
    },
    patchParticipantPickUp: pickUp,
    patchParticipantDisconnect: disconnect,
    patchParticipantWrapUp: patchWrapUp,
    getParticipantWrapUpCodesGeneric: participantWrapUpCodes,
    getConversationMessage: (ctx) => {
        const conversation = ctx.centre.conversation(ctx.pathParams.conversationId);
        const entry = conversation.transcript.find((e) => e.id === ctx.pathParams.messageId);
        if (entry === undefined) throw notFound('message', ctx.pathParams.messageId);
        return view.messageData(ctx.centre, conversation, entry);
    }
};

/**
 * The operations whose permissions the simulator checks as the contract records them (ALL: `missing.permissions`,
 * ANY: `missing.any.permissions`), for the caller (the token's user). assignConversation checks its own (the
 * permission depends on whom the conversation is assigned to).
 */
const PERMISSION_CHECKED = [
    'createOutboundMessage',
    'getUserQueues',
    'searchExternalContacts',
    'getResponses',
    'getResponseLibraries'
];
for (const id of PERMISSION_CHECKED) {
    const handler = apiHandlers[id];
    if (handler === undefined) throw new Error(`no handler for ${id}`);
    const rule: PermissionRule = contractPermissions(id);
    apiHandlers[id] = (ctx) => {
        ctx.centre.requirePermissions(ctx.token.userId, rule);
        return handler(ctx);
    };
}

/**
 * Genesys serves a conversation under the path of its media type only: a messaging operation
 * (/api/v2/conversations/messages/{conversationId}/…) on an email conversation, or an email operation on a
 * messaging conversation, answers 404 as for a conversation that does not exist.
 */
const MEDIA_PATHS: [prefix: string, media: MediaType][] = [
    ['/api/v2/conversations/messages/{conversationId}', 'message'],
    ['/api/v2/conversations/emails/{conversationId}', 'email']
];
for (const [id, operation] of Object.entries({ ...relayContract.operations, ...compatContract.operations })) {
    const media = MEDIA_PATHS.find(([prefix]) => operation.path.startsWith(prefix))?.[1];
    const handler = apiHandlers[id];
    if (media === undefined || handler === undefined) continue;
    apiHandlers[id] = (ctx) => {
        const { conversationId } = ctx.pathParams;
        if (ctx.centre.conversation(conversationId).mediaType !== media) throw notFound('conversation', conversationId);
        return handler(ctx);
    };
}
