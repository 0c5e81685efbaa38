// Bring Your Own Channel, inbound side after the opening (docs/byoc-connector.md, "The bridge"): the calls the bridge
// makes once the messaging session is open. Each step returns the progress it made; bridge.ts stores it (under the
// record's lease) before the next step, so a restart or another instance carries on after the last stored step.
//
// - Every later customer message, and every customer file, becomes a conversation entry: POST /interactions with the
//   same `from` and `to` (inbound-interaction-api.yaml, InteractionRequestJson: "interactions to add to the
//   conversation between to and from"), a text as an EntryInteraction, a file as an AttachmentInteraction with its
//   bytes in the `attachments` part (at most one per request: InteractionRequest.attachments maxItems 1; at most
//   25 MB: ERRORCODES.md 10008). The entry's id is the Genesys message id, which the service refuses to take twice
//   (ERRORCODES.md 10073, "Provide a unique ID for each message entry"): such an answer means it has the entry.
// - Each agent Genesys connects after the first (a transfer in Genesys, e.g. one Salesforce asked for with
//   externallyRouted): POST /route and POST /agentWork with routingType Transfer, as the procedure orders them for a
//   transfer (shared/seeds/004: "Call the Route API … set RoutingType to Transfer. Call the agentWork API … set
//   RoutingType to Transfer"), then DELETE /route under releaseRouting's rule.
// - The conversation ending in Genesys (the customer's leg disconnected): POST /messagingSession with operation End
//   (the spec's PostMessagingSessionRequest; its README: "This API Allows partner to End or Inactivate a Messaging
//   Session. Partner can optionally specify who ended").
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Enricher } from '../delivery';
import type { ConversationView, DerivedEvent } from '../derive';
import type { RelayEvent } from '../events';
import {
    InteractionApiError,
    type AttachmentInteraction,
    type InteractionCall,
    type InteractionClient,
    type InteractionRequestJson,
    type MessagingSessionRequest,
    type PostRouteResponse
} from './interactionClient';
import { planAgentWork, planInteraction, planRelease, planRoute, type ByocSettings } from './routing';

/** ERRORCODES.md 10008: "The file size exceeds the maximum limit of 25 MB." */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;
/** ERRORCODES.md 10073: the message id was taken already (the service has this entry). */
export const DUPLICATE_MESSAGE_ID = 10073;

/** A step that cannot succeed as the record stands: recorded as failed and logged, not retried. */
export class ByocStepError extends Error {}

/** A step to try again later (no message text yet, a file not downloaded yet). */
export class ByocRetry extends Error {
    constructor(
        message: string,
        readonly retryAt: number | null
    ) {
        super(message);
    }
}

/** A customer message as derived (its text and files are fetched like delivery's enricher does). */
export interface ByocMessage {
    id: string;
    timestampMs: number;
    payload: string;
    needsMessageContent: DerivedEvent['needsMessageContent'] | null;
}

/** An agent Genesys connected after the first one. */
export interface LaterAgent {
    genesysUserId: string;
    participantId: string | null;
    /** The Genesys queue of the agent's leg: its Salesforce queue (RELAY_SF_QUEUE_MAP) is the route's queueId. */
    genesysQueueId: string | null;
}

/** Where the entries stand: every part before `part` of message `index` is sent (index 0: the first message). */
export interface EntryCursor {
    index: number;
    part: number;
}

export interface RouteProgress {
    routingCorrelationId: string | null;
    psrId: string | null;
    success: boolean;
}

/** One later agent's calls. `skipped`: none will be made (no RELAY_SF_USER_MAP entry, no correlation id). */
export interface AgentProgress {
    skipped?: string;
    route?: RouteProgress;
    workItemId?: string;
    agentWork?: { salesforceUserId: string; agentWorkId: string | null };
    release?: 'released' | 'not-pending';
}

/** What these steps read of the bridge's intent and progress (bridge.ts ByocIntent, ByocProgress). */
export interface LaterIntent {
    salesforceQueueId: string;
    endUserClientId: string | null;
    message: ByocMessage;
    messages?: ByocMessage[];
    agents?: LaterAgent[];
    ended?: { by: 'EndUser' | 'System' };
}

export interface LaterProgress {
    conversationIdentifier?: string;
    workItemId?: string;
    /** Files of the first message (its text went with the opening): they are its parts 1… */
    firstFiles?: number;
    entries?: EntryCursor;
    /** Files not sent (too large, gone from Genesys): recorded, logged, and the message goes on without them. */
    skippedFiles?: { messageId: string; mediaId: string; reason: string }[];
    agents?: AgentProgress[];
    ended?: 'EndUser' | 'System';
}

export type LaterStep = 'entry' | 'transfer' | 'end';

/** Every part of the first message but the text is a file; a record stored before files were counted has none. */
export function entryCursor(progress: LaterProgress): EntryCursor {
    return progress.entries ?? ((progress.firstFiles ?? 0) > 0 ? { index: 0, part: 1 } : { index: 1, part: 0 });
}

export function entriesPending(intent: LaterIntent, progress: LaterProgress): boolean {
    return entryCursor(progress).index < 1 + (intent.messages?.length ?? 0);
}

const agentDone = (p: AgentProgress | undefined): boolean => p?.skipped !== undefined || p?.release !== undefined;

/** The index of the first later agent whose calls are not all made (-1: none). */
export function pendingAgent(intent: LaterIntent, progress: LaterProgress): number {
    return (intent.agents ?? []).findIndex((_, k) => !agentDone(progress.agents?.[k]));
}

/** The next of these steps, in order: entries, later agents, the end. Pure. */
export function nextLaterStep(intent: LaterIntent, progress: LaterProgress): LaterStep | null {
    if (entriesPending(intent, progress)) return 'entry';
    if (pendingAgent(intent, progress) >= 0) return 'transfer';
    if (intent.ended !== undefined && progress.ended === undefined) return 'end';
    return null;
}

/**
 * Who ended the conversation, when the view shows the customer's leg ended: the customer (disconnectType endpoint,
 * or client as derive.ts reads it for a customer) or the platform (anything else: an agent ending it, a timeout).
 */
export function endingOf(view: ConversationView | undefined): LaterIntent['ended'] | undefined {
    const customer = view?.participants.find((p) => p.purpose === 'customer');
    if (customer === undefined || (customer.state !== 'disconnected' && customer.state !== 'terminated')) {
        return undefined;
    }
    return {
        by: customer.disconnectType === 'endpoint' || customer.disconnectType === 'client' ? 'EndUser' : 'System'
    };
}

/** The customer message event a derived event makes into a ByocMessage. */
export function byocMessage(event: RelayEvent, needsMessageContent: DerivedEvent['needsMessageContent']): ByocMessage {
    const at = Date.parse(event.occurredAt);
    return {
        id: typeof event.data.messageId === 'string' ? event.data.messageId : event.eventId,
        timestampMs: Number.isFinite(at) ? at : 0,
        payload: JSON.stringify(event),
        needsMessageContent: needsMessageContent ?? null
    };
}

/** The message's event with its text and files, as delivery's enricher fetches them. */
export async function contentOf(message: ByocMessage, enrich: Enricher | undefined, clock: Clock): Promise<RelayEvent> {
    let payload = message.payload;
    if (message.needsMessageContent !== null && enrich !== undefined) {
        const enriched = await enrich({
            seq: 0,
            event: JSON.parse(payload) as RelayEvent,
            payload,
            needsMessageContent: message.needsMessageContent,
            attempts: 0,
            appendedAt: clock.now()
        });
        if (enriched === null) throw new ByocRetry('message content not fetched yet', null);
        if (typeof enriched === 'object') throw new ByocRetry('message content not fetched yet', enriched.retryAt);
        payload = enriched;
    }
    return JSON.parse(payload) as RelayEvent;
}

export const textOf = (event: RelayEvent): string => (typeof event.data.text === 'string' ? event.data.text : '');

interface EventFile {
    mediaId: string;
    url: string;
    name?: string;
    contentType?: string;
    sizeBytes?: number;
}

export function filesOf(event: RelayEvent): EventFile[] {
    const list = Array.isArray(event.data.attachments) ? (event.data.attachments as unknown[]) : [];
    return list.filter(
        (a): a is EventFile =>
            typeof a === 'object' &&
            a !== null &&
            typeof (a as EventFile).mediaId === 'string' &&
            typeof (a as EventFile).url === 'string'
    );
}

/** A message's parts: its text (the first message's went with the opening), or its files with the text on the first. */
type Part = { kind: 'text'; text: string } | { kind: 'file'; file: EventFile; text: string | undefined };

function partsOf(event: RelayEvent, first: boolean): Part[] {
    const text = textOf(event);
    const files = filesOf(event);
    if (first)
        return [{ kind: 'text', text }, ...files.map((file) => ({ kind: 'file' as const, file, text: undefined }))];
    if (files.length === 0) return [{ kind: 'text', text }];
    return files.map((file, k) => ({ kind: 'file' as const, file, text: k === 0 && text !== '' ? text : undefined }));
}

/** Part k's entry id: the message id for the first part, unique ones for the others (10073). */
const partId = (messageId: string, part: number): string => (part === 0 ? messageId : `${messageId}-${part}`);

export interface LaterContext {
    client: InteractionClient;
    settings: ByocSettings;
    userMap: ReadonlyMap<string, string>;
    clock: Clock;
    log: Logger;
    httpTimeoutMs: number;
    enrich?: Enricher;
    onCall?: (operation: string, outcome: 'ok' | 'retry' | 'failed') => void;
}

/** One step of these: its call (if any), and the progress it makes. */
export async function runLater(
    step: LaterStep,
    ctx: LaterContext,
    conversationId: string,
    intent: LaterIntent,
    progress: LaterProgress
): Promise<LaterProgress> {
    switch (step) {
        case 'entry':
            return sendEntry(ctx, conversationId, intent, progress);
        case 'transfer':
            return assignLaterAgent(ctx, conversationId, intent, progress);
        case 'end': {
            const ended = intent.ended!;
            await ctx.client.call(planEndSession(ctx.settings, intent, progress, ended.by));
            ctx.onCall?.(step, 'ok');
            return { ...progress, ended: ended.by };
        }
    }
}

export function planEndSession(
    settings: ByocSettings,
    intent: LaterIntent,
    progress: LaterProgress,
    by: 'EndUser' | 'System'
): InteractionCall {
    const body: MessagingSessionRequest = {
        channelAddressIdentifier: settings.channelAddress,
        endUserClientId: intent.endUserClientId ?? '',
        conversationIdentifier: progress.conversationIdentifier ?? '',
        operation: 'End',
        operationBy: by
    };
    return { operation: 'post-messaging-session', method: 'POST', path: '/messagingSession', body };
}

async function sendEntry(
    ctx: LaterContext,
    conversationId: string,
    intent: LaterIntent,
    progress: LaterProgress
): Promise<LaterProgress> {
    const cursor = entryCursor(progress);
    const message = [intent.message, ...(intent.messages ?? [])][cursor.index]!;
    const event = await contentOf(message, ctx.enrich, ctx.clock);
    const parts = partsOf(event, cursor.index === 0);
    const advance = (extra: Partial<LaterProgress> = {}): LaterProgress => ({
        ...progress,
        ...extra,
        entries:
            cursor.part + 1 < parts.length ? { ...cursor, part: cursor.part + 1 } : { index: cursor.index + 1, part: 0 }
    });
    const part = parts[cursor.part];
    if (part === undefined) return { ...progress, entries: { index: cursor.index + 1, part: 0 } };
    const id = partId(message.id, cursor.part);
    const base = { from: intent.endUserClientId ?? '', to: ctx.settings.channelAddress };
    if (part.kind === 'text') {
        // A later message with neither text nor a file (a sticker, an unsupported type) has nothing to show.
        if (part.text === '') return advance();
        const call = planInteraction(ctx.settings, {
            endUserClientId: base.from,
            message: { id, text: part.text, timestampMs: message.timestampMs }
        });
        await send(ctx, call, conversationId, id);
        return advance();
    }
    const file = await download(ctx, part.file);
    if ('skipped' in file) {
        ctx.log.warn(
            { conversationId, messageId: message.id, mediaId: part.file.mediaId, reason: file.skipped },
            'byoc file not sent'
        );
        const skippedFiles = [
            ...(progress.skippedFiles ?? []),
            { messageId: message.id, mediaId: part.file.mediaId, reason: file.skipped }
        ];
        // The text that went with the file still goes, alone.
        if (part.text !== undefined) {
            const call = planInteraction(ctx.settings, {
                endUserClientId: base.from,
                message: { id, text: part.text, timestampMs: message.timestampMs }
            });
            await send(ctx, call, conversationId, id);
        }
        return advance({ skippedFiles });
    }
    const interaction: AttachmentInteraction = {
        interactionType: 'AttachmentInteraction',
        timestamp: message.timestampMs,
        id,
        attachmentIndex: 0,
        contentLength: file.bytes.length,
        ...(part.text === undefined ? {} : { text: part.text })
    };
    const json: InteractionRequestJson = { ...base, interactions: [interaction] };
    await send(
        ctx,
        {
            operation: 'post-interaction',
            method: 'POST',
            path: '/interactions',
            body: json,
            attachment: { name: file.name, contentType: file.contentType, bytes: file.bytes }
        },
        conversationId,
        id
    );
    return advance();
}

/** Sends an entry; an answer that the id was taken (10073) means the service has it (a repeat after a crash). */
async function send(ctx: LaterContext, call: InteractionCall, conversationId: string, id: string): Promise<void> {
    try {
        await ctx.client.call(call);
    } catch (error) {
        const code = error instanceof InteractionApiError ? (error.body as { code?: unknown } | null)?.code : undefined;
        if (Number(code) !== DUPLICATE_MESSAGE_ID) throw error;
        ctx.log.info({ conversationId, entryId: id }, 'byoc entry already taken by the Interaction Service (10073)');
    }
    ctx.onCall?.('entry', 'ok');
}

type Downloaded = { name: string; contentType: string; bytes: Uint8Array } | { skipped: string };

/**
 * The file's bytes from the URL Genesys gave (pre-signed, no token: files.ts). Too large, or refused (4xx: gone or
 * expired; the next content fetch gives a fresh URL only until the message is sent): skipped. 5xx or no answer: retry.
 */
async function download(ctx: LaterContext, file: EventFile): Promise<Downloaded> {
    if (file.sizeBytes !== undefined && file.sizeBytes > MAX_ATTACHMENT_BYTES) {
        return { skipped: `larger than the Interaction Service's 25 MB (${file.sizeBytes} bytes)` };
    }
    let response: Response;
    let bytes: Uint8Array;
    try {
        response = await fetch(file.url, { signal: AbortSignal.timeout(ctx.httpTimeoutMs), redirect: 'follow' });
        if (response.status >= 400 && response.status < 500) {
            return { skipped: `the download answered ${response.status}` };
        }
        if (!response.ok) throw new Error(`the download answered ${response.status}`);
        bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
        throw new ByocRetry(`file ${file.mediaId} not downloaded: ${(error as Error).message}`, null);
    }
    if (bytes.length > MAX_ATTACHMENT_BYTES) {
        return { skipped: `larger than the Interaction Service's 25 MB (${bytes.length} bytes)` };
    }
    const type = file.contentType ?? response.headers.get('content-type') ?? '';
    // Only a plain type/subtype goes into the part's header (no parameters, nothing that could break the header).
    const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(type.split(';')[0]!.trim())
        ? type.split(';')[0]!.trim()
        : 'application/octet-stream';
    return { name: file.name ?? file.mediaId, contentType, bytes };
}

/** The Salesforce queue of RELAY_SF_QUEUE_MAP for a Genesys queue (the first entry naming it). */
function salesforceQueueOf(settings: ByocSettings, genesysQueueId: string | null): string | undefined {
    return [...settings.queueMap].find(([, genesys]) => genesys === genesysQueueId)?.[0];
}

export const psrPending = (route: RouteProgress | undefined): boolean =>
    route !== undefined && route.success && route.psrId !== null;

async function assignLaterAgent(
    ctx: LaterContext,
    conversationId: string,
    intent: LaterIntent,
    progress: LaterProgress
): Promise<LaterProgress> {
    const k = pendingAgent(intent, progress);
    const agent = intent.agents![k]!;
    const done = progress.agents?.[k] ?? {};
    const save = (next: AgentProgress): LaterProgress => {
        const agents = [...(progress.agents ?? [])];
        while (agents.length < k) agents.push({ skipped: 'not recorded' });
        agents[k] = next;
        return { ...progress, agents };
    };
    const skip = (reason: string): LaterProgress => {
        ctx.log.error(
            { conversationId, genesysUserId: agent.genesysUserId, reason },
            'byoc agent after a transfer gets no AgentWork'
        );
        return save({ ...done, skipped: reason });
    };
    const salesforceUserId = ctx.userMap.get(agent.genesysUserId);
    if (salesforceUserId === undefined) {
        return skip(`no RELAY_SF_USER_MAP entry for the Genesys user ${agent.genesysUserId}`);
    }
    const conversationIdentifier = progress.conversationIdentifier ?? '';
    if (done.route === undefined) {
        const queueId = salesforceQueueOf(ctx.settings, agent.genesysQueueId) ?? intent.salesforceQueueId;
        const answer = await ctx.client.call<PostRouteResponse>(planRoute(conversationIdentifier, 'Transfer', queueId));
        ctx.onCall?.('transfer', 'ok');
        const workItemId = answer.workItemId ?? progress.workItemId;
        return save({
            ...done,
            ...(workItemId === undefined ? {} : { workItemId }),
            route: {
                routingCorrelationId: answer.routingCorrelationId ?? null,
                psrId: answer.psrId ?? null,
                success: answer.success !== false
            }
        });
    }
    if (done.agentWork === undefined) {
        if (done.workItemId === undefined || done.route.routingCorrelationId === null) {
            return skip('post-route (Transfer) named no workItemId or routingCorrelationId');
        }
        const answer = await ctx.client.call<{ agentWorkId?: string }>(
            planAgentWork({
                conversationIdentifier,
                workItemId: done.workItemId,
                userId: salesforceUserId,
                routingCorrelationId: done.route.routingCorrelationId,
                routingType: 'Transfer'
            })
        );
        ctx.onCall?.('transfer', 'ok');
        return save({ ...done, agentWork: { salesforceUserId, agentWorkId: answer.agentWorkId ?? null } });
    }
    const call = planRelease(conversationIdentifier, psrPending(done.route));
    if (call === null) return save({ ...done, release: 'not-pending' });
    await ctx.client.call(call);
    ctx.onCall?.('transfer', 'ok');
    return save({ ...done, release: 'released' });
}
