// Preview of RelayGenesysClient and the response classes it parses into (RelayGenesysConversation,
// RelayGenesysPresence, ...): one method per contract operation, sending exactly what the Apex client sends
// (same operation, path parameters, query and body, nulls left out) through the contract-checked
// `ctx.genesys`, and reading the answers the way the Apex classes read them.
import { CalloutError } from '../server/genesysClient';
import type { ApexContext } from './types';
import { mediaOf, mediaUploadOf, type GenesysMedia } from './attachments';

export const AGENT_NAMED_CREDENTIAL = 'Relay_Genesys_Cloud';
export const SERVICE_NAMED_CREDENTIAL = 'Relay_Genesys_Cloud_Service';
/** RelayGenesysClient.PAGE_SIZE and MAX_PAGES. */
export const PAGE_SIZE = 100;
export const MAX_PAGES = 10;

type Json = Record<string, unknown>;

// ----- RelayGenesysJson -----

const isObject = (value: unknown): value is Json =>
    typeof value === 'object' && value !== null && !Array.isArray(value);

const invalid = (message: string): CalloutError => new CalloutError('INVALID_RESPONSE', message);

export function objectAt(source: Json | undefined, key: string): Json {
    const value = source?.[key];
    return isObject(value) ? value : {};
}

export function objectsAt(source: Json | undefined, key: string): Json[] {
    const value = source?.[key];
    return Array.isArray(value) ? value.filter(isObject) : [];
}

export function textAt(source: Json | undefined, key: string): string | null {
    const value = source?.[key];
    if (value === undefined || value === null || typeof value === 'object') return null;
    return String(value);
}

function integerAt(source: Json | undefined, key: string): number | null {
    const value = source?.[key];
    return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : null;
}

function booleanAt(source: Json | undefined, key: string): boolean {
    return source?.[key] === true;
}

/** A Datetime read from an ISO-8601 text, or null (RelayGenesysJson.datetimeAt). */
export function datetimeAt(source: Json | undefined, key: string): Date | null {
    const value = textAt(source, key);
    if (!value?.trim()) return null;
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/** RelayGenesysJson.formatDatetime: `yyyy-MM-ddTHH:mm:ss.SSSZ` in GMT, or null. */
export function formatDatetime(value: Date | string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    const date = typeof value === 'string' ? new Date(value) : value;
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export const isBlank = (value: string | null | undefined): value is null | undefined | '' =>
    value === null || value === undefined || value.trim() === '';

export const firstOf = (preferred: string | null | undefined, fallback: string | null | undefined): string | null =>
    !isBlank(preferred) ? preferred : (fallback ?? null);

function rootObject(body: unknown, what: string): Json {
    if (!isObject(body)) throw invalid(`Expected a ${what} object in the response`);
    return body;
}

function rootList(body: unknown, what: string): Json[] {
    if (!Array.isArray(body)) throw invalid(`Expected a list of ${what} in the response`);
    return body.filter(isObject);
}

// ----- RelayGenesysConversation -----

const ENDED_STATES = new Set(['disconnected', 'terminated']);

export interface GenesysAddress {
    name: string | null;
    /** Normalized, else raw, else displayable (Address.value()). */
    value: string | null;
}

export interface GenesysCommunication {
    id: string | null;
    state: string | null;
    channel: string | null;
    direction: string | null;
    connectedTime: Date | null;
    disconnectedTime: Date | null;
    fromAddress: GenesysAddress | null;
}

export interface GenesysWrapUp {
    code: string | null;
    name: string | null;
    notes: string | null;
}

export interface GenesysParticipant {
    id: string | null;
    purpose: string | null;
    state: string | null;
    userId: string | null;
    queueId: string | null;
    queueName: string | null;
    channel: string | null;
    disconnectType: string | null;
    wrapupRequired: boolean;
    /** The participant's wrap-up prompt (free text in Genesys Cloud, e.g. mandatory or optional). */
    wrapupPrompt: string | null;
    wrapupTimeoutMs: number | null;
    alertingTimeoutMs: number | null;
    startTime: Date | null;
    startAlertingTime: Date | null;
    connectedTime: Date | null;
    endTime: Date | null;
    fromAddress: GenesysAddress | null;
    wrapup: GenesysWrapUp | null;
    communications: GenesysCommunication[];
}

export interface GenesysConversation {
    id: string | null;
    participants: GenesysParticipant[];
}

function addressOf(value: unknown): GenesysAddress | null {
    if (typeof value === 'string') return isBlank(value) ? null : { name: null, value };
    if (!isObject(value) || Object.keys(value).length === 0) return null;
    return {
        name: textAt(value, 'name'),
        value: firstOf(
            firstOf(textAt(value, 'addressNormalized'), textAt(value, 'addressRaw')),
            textAt(value, 'addressDisplayable')
        )
    };
}

/** RelayGenesysWrapUp.fromMap: null for an empty object. */
export function wrapUpOf(source: Json): GenesysWrapUp | null {
    if (Object.keys(source).length === 0) return null;
    return { code: textAt(source, 'code'), name: textAt(source, 'name'), notes: textAt(source, 'notes') };
}

function communicationOf(source: Json): GenesysCommunication {
    return {
        id: textAt(source, 'id'),
        state: textAt(source, 'state'),
        channel: textAt(source, 'type'),
        direction: textAt(source, 'direction'),
        connectedTime: datetimeAt(source, 'connectedTime'),
        disconnectedTime: datetimeAt(source, 'disconnectedTime'),
        fromAddress: addressOf(source.fromAddress)
    };
}

/** Reads a MessageMediaParticipant or a Participant, as the Participant constructor does. */
function participantOf(source: Json): GenesysParticipant {
    // Media participants list message details; generic participants list communications holding them.
    const communications = objectsAt(source, 'messages')
        .filter((item) => !('messageId' in item))
        .map(communicationOf);
    const latest = communications.at(-1);
    return {
        id: textAt(source, 'id'),
        purpose: textAt(source, 'purpose'),
        state: firstOf(textAt(source, 'state'), latest?.state),
        userId: firstOf(textAt(objectAt(source, 'user'), 'id'), textAt(source, 'userId')),
        queueId: firstOf(textAt(objectAt(source, 'queue'), 'id'), textAt(source, 'queueId')),
        queueName: firstOf(textAt(objectAt(source, 'queue'), 'name'), textAt(source, 'queueName')),
        channel: firstOf(textAt(source, 'type'), latest?.channel),
        disconnectType: textAt(source, 'disconnectType'),
        wrapupRequired: booleanAt(source, 'wrapupRequired'),
        wrapupPrompt: textAt(source, 'wrapupPrompt'),
        wrapupTimeoutMs: integerAt(source, 'wrapupTimeoutMs'),
        alertingTimeoutMs: integerAt(source, 'alertingTimeoutMs'),
        startTime: datetimeAt(source, 'startTime'),
        startAlertingTime: datetimeAt(source, 'startAlertingTime'),
        connectedTime: datetimeAt(source, 'connectedTime') ?? latest?.connectedTime ?? null,
        endTime: datetimeAt(source, 'endTime') ?? latest?.disconnectedTime ?? null,
        fromAddress: addressOf(source.fromAddress) ?? latest?.fromAddress ?? null,
        wrapup: wrapUpOf(objectAt(source, 'wrapup')),
        communications
    };
}

export function conversationOf(source: Json): GenesysConversation {
    return { id: textAt(source, 'id'), participants: objectsAt(source, 'participants').map(participantOf) };
}

export const isEnded = (p: GenesysParticipant): boolean => p.state !== null && ENDED_STATES.has(p.state);

/** The agent participant of a user: the one still in the conversation if any, else the latest. */
export function agentParticipant(c: GenesysConversation, userId: string | null): GenesysParticipant | null {
    let latest: GenesysParticipant | null = null;
    for (const p of c.participants) {
        if (p.purpose === 'agent' && userId !== null && p.userId === userId) {
            if (latest === null || isEnded(latest) || !isEnded(p)) latest = p;
        }
    }
    return latest;
}

export function customerParticipant(c: GenesysConversation): GenesysParticipant | null {
    return c.participants.find((p) => p.purpose === 'customer') ?? null;
}

/** Participant.communicationId(): the latest communication still connected, else the latest. */
export function communicationIdOf(p: GenesysParticipant): string | null {
    let chosen: GenesysCommunication | undefined;
    for (const communication of p.communications) {
        if (!chosen || ENDED_STATES.has(chosen.state ?? '') || !ENDED_STATES.has(communication.state ?? '')) {
            chosen = communication;
        }
    }
    return chosen?.id ?? null;
}

// ----- the client -----

export interface PresenceDefinition {
    id: string | null;
    systemPresence: string | null;
    definitionType: string | null;
    deactivated: boolean;
}

export interface GenesysPresence {
    presenceDefinitionId: string | null;
    systemPresence: string | null;
}

export interface GenesysQueue {
    id: string | null;
    name: string | null;
}

export interface GenesysMessage {
    id: string | null;
    status: string | null;
    timestamp: Date | null;
}

/** Optional fields left null are not sent at all (compactBody): the contract's schemas do not accept null. */
function compact(value: Json): Json {
    const result: Json = {};
    for (const [key, v] of Object.entries(value)) {
        if (isObject(v)) result[key] = compact(v);
        else if (v !== null && v !== undefined) result[key] = v;
    }
    return result;
}

function compactQuery(query: Record<string, string | null> | undefined): Record<string, string> | undefined {
    if (!query) return undefined;
    return Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== null));
}

function presenceOf(body: unknown): GenesysPresence {
    const definition = objectAt(rootObject(body, 'presence'), 'presenceDefinition');
    return { presenceDefinitionId: textAt(definition, 'id'), systemPresence: textAt(definition, 'systemPresence') };
}

export class RelayGenesysClient {
    constructor(
        private readonly ctx: ApexContext,
        readonly namedCredential: string = AGENT_NAMED_CREDENTIAL
    ) {}

    private call(
        operation: string,
        pathParams?: Record<string, string | null>,
        query?: Record<string, string | null>,
        body?: Json
    ): Promise<unknown> {
        return this.ctx.genesys.send(this.namedCredential, {
            operation,
            // A missing path parameter is left empty: the client refuses the request, as the Apex contract does.
            pathParams: pathParams
                ? Object.fromEntries(Object.entries(pathParams).map(([k, v]) => [k, v ?? '']))
                : undefined,
            query: compactQuery(query),
            body: body === undefined ? undefined : compact(body)
        });
    }

    private async readPages(
        operation: string,
        pathParams: Record<string, string | null> | undefined,
        filterName: string | null,
        filterValue: string | null
    ): Promise<Json[]> {
        const entities: Json[] = [];
        for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
            const query: Record<string, string | null> = {
                pageSize: String(PAGE_SIZE),
                pageNumber: String(pageNumber)
            };
            if (filterName !== null) query[filterName] = filterValue;
            const page = rootObject(await this.call(operation, pathParams, query), `${operation} listing`);
            const found = objectsAt(page, 'entities');
            entities.push(...found);
            const number = integerAt(page, 'pageNumber');
            const count = integerAt(page, 'pageCount');
            if (!(number !== null && count !== null && number < count) || found.length === 0) break;
        }
        return entities;
    }

    async getMe(): Promise<{ id: string | null; name: string | null }> {
        const user = rootObject(await this.call('getMe'), 'user');
        return { id: textAt(user, 'id'), name: textAt(user, 'name') };
    }

    async getPresenceDefinitions(localeCode: string | null): Promise<PresenceDefinition[]> {
        const listing = rootObject(
            await this.call('getPresenceDefinitions', undefined, { localeCode }),
            'presence definition listing'
        );
        return objectsAt(listing, 'entities').map((d) => ({
            id: textAt(d, 'id'),
            systemPresence: textAt(d, 'systemPresence'),
            definitionType: textAt(d, 'type'),
            deactivated: booleanAt(d, 'deactivated')
        }));
    }

    async getPresence(userId: string | null): Promise<GenesysPresence> {
        return presenceOf(await this.call('getPresence', { userId }));
    }

    async setPresence(userId: string | null, presenceDefinitionId: string | null): Promise<GenesysPresence> {
        return presenceOf(
            await this.call('setPresence', { userId }, undefined, { presenceDefinition: { id: presenceDefinitionId } })
        );
    }

    async getMyMessageConversations(): Promise<GenesysConversation[]> {
        const listing = rootObject(await this.call('getMyMessageConversations'), 'conversation listing');
        return objectsAt(listing, 'entities').map(conversationOf);
    }

    async getMessageConversation(conversationId: string | null): Promise<GenesysConversation> {
        return conversationOf(
            rootObject(await this.call('getMessageConversation', { conversationId }), 'conversation')
        );
    }

    async getConversation(conversationId: string | null): Promise<GenesysConversation> {
        return conversationOf(rootObject(await this.call('getConversation', { conversationId }), 'conversation'));
    }

    /** The agent's message communication id (one getConversation); NOT_FOUND when the user has none. */
    async communicationIdFor(conversationId: string | null, userId: string | null): Promise<string> {
        const agent = agentParticipant(await this.getConversation(conversationId), userId);
        const communicationId = agent ? communicationIdOf(agent) : null;
        if (communicationId === null) {
            throw new CalloutError(
                'NOT_FOUND',
                `Genesys Cloud user ${userId ?? ''} has no message communication in conversation ${conversationId ?? ''}`
            );
        }
        return communicationId;
    }

    async pickUp(conversationId: string | null, participantId: string | null): Promise<void> {
        await this.call('pickUp', { conversationId, participantId }, undefined, { state: 'connected' });
    }

    async disconnect(conversationId: string | null, participantId: string | null): Promise<void> {
        await this.call('disconnect', { conversationId, participantId }, undefined, { state: 'disconnected' });
    }

    /** PATCH {"wrapup": {code, notes?, durationSeconds?, endTime?}} (RelayGenesysWrapUp.toRequest). */
    async submitWrapUp(
        conversationId: string | null,
        participantId: string | null,
        wrapUp: { code: string; notes: string | null; durationSeconds: number | null; endTime: Date | null }
    ): Promise<void> {
        const wrapup = {
            code: wrapUp.code,
            notes: wrapUp.notes,
            durationSeconds: wrapUp.durationSeconds,
            endTime: formatDatetime(wrapUp.endTime)
        };
        await this.call('submitWrapUp', { conversationId, participantId }, undefined, { wrapup });
    }

    async getParticipantWrapUp(
        conversationId: string | null,
        participantId: string | null
    ): Promise<GenesysWrapUp | null> {
        const body = await this.call(
            'getParticipantWrapUp',
            { conversationId, participantId },
            { provisional: 'false' }
        );
        return body === null ? null : wrapUpOf(rootObject(body, 'wrap-up'));
    }

    async getParticipantWrapUpCodes(
        conversationId: string | null,
        participantId: string | null
    ): Promise<{ id: string | null; name: string | null }[]> {
        const codes = rootList(
            await this.call('getParticipantWrapUpCodes', { conversationId, participantId }),
            'wrap-up codes'
        );
        return codes.map((c) => ({ id: textAt(c, 'id'), name: textAt(c, 'name') }));
    }

    async getQueueWrapUpCodes(queueId: string | null): Promise<{ id: string | null; name: string | null }[]> {
        const codes = await this.readPages('getQueueWrapUpCodes', { queueId }, null, null);
        return codes.map((c) => ({ id: textAt(c, 'id'), name: textAt(c, 'name') }));
    }

    /** POST .../participants/{id}/replace/agent {"userId"}: the digital inbox's join. */
    async replaceWithAgent(
        conversationId: string | null,
        participantId: string | null,
        userId: string | null
    ): Promise<void> {
        await this.call('replaceWithAgent', { conversationId, participantId }, undefined, { userId });
    }

    async transferToQueue(conversationId: string | null, participantId: string | null, queueId: string): Promise<void> {
        await this.call('transferToQueue', { conversationId, participantId }, undefined, { queueId });
    }

    /** sendText {textBody, mediaIds?}: the files go only when there are any (mediaIds left out otherwise). */
    async sendText(
        conversationId: string | null,
        communicationId: string,
        text: string,
        mediaIds: string[] = []
    ): Promise<GenesysMessage> {
        const body: Json = { textBody: text };
        if (mediaIds.length > 0) body.mediaIds = mediaIds;
        const message = rootObject(
            await this.call('sendText', { conversationId, communicationId }, undefined, body),
            'message'
        );
        return {
            id: textAt(message, 'id'),
            status: textAt(message, 'status'),
            timestamp: datetimeAt(message, 'timestamp')
        };
    }

    /** POST .../messages/media/uploads {fileName, contentLengthBytes}: where the browser uploads one file. */
    async createMediaUpload(
        conversationId: string | null,
        communicationId: string,
        fileName: string,
        contentLengthBytes: number
    ): Promise<ReturnType<typeof mediaUploadOf>> {
        const body = await this.call('createMediaUpload', { conversationId, communicationId }, undefined, {
            fileName,
            contentLengthBytes
        });
        return mediaUploadOf(rootObject(body, 'media upload'));
    }

    /** GET .../messages/media/{mediaId}: an uploaded file and its status. */
    async getMedia(conversationId: string | null, communicationId: string, mediaId: string): Promise<GenesysMedia> {
        return mediaOf(rootObject(await this.call('getMedia', { conversationId, communicationId, mediaId }), 'media'));
    }

    /** The organization's queues; `nameFilter` with a trailing * for a prefix search, null for all. */
    async listQueues(nameFilter: string | null): Promise<GenesysQueue[]> {
        const queues = await this.readPages('listQueues', undefined, 'name', isBlank(nameFilter) ? null : nameFilter);
        return queues.map((q) => ({ id: textAt(q, 'id'), name: textAt(q, 'name') }));
    }
}
