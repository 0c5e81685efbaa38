// POST /api/v2/analytics/conversations/details/query (AnalyticsApi.postAnalyticsConversationsDetailsQuery), built from
// the simulator's own conversation history: what the Relay Connector reads after a gap to find the conversations that
// started and ended while none of its notification channels listened.
//
// The request is a ConversationQuery and the answer an AnalyticsConversationQueryResponse {conversations, totalHits}
// (models of purecloud-platform-client-v2): each conversation with conversationStart/End and its participants, each
// participant with one message session (mediaType `message`) and its segments (alert, interact, wrapup), each
// segment with the queueId it belongs to.
//
// As the SDK's model documentation states it: "Results will only include conversations that started on a day
// touched by the interval" (UTC days here); paging {pageSize, pageNumber}, "Default page size is 25"; order asc
// (default) or desc by orderBy conversationStart (default), segmentStart or segmentEnd.
// The simulator's choices where Genesys publishes no number: pageSize 1 to 100; no maximum interval.
import type { ApiContext } from './api';
import { SimError } from './errors';
import type { Conversation, Participant } from './model';

interface Predicate {
    type?: string;
    dimension?: string;
    operator?: string;
    value?: string;
}

interface Filter {
    type: string;
    predicates?: Predicate[];
    clauses?: { type: string; predicates: Predicate[] }[];
}

interface DetailsQuery {
    interval: string;
    order?: 'asc' | 'desc';
    orderBy?: 'conversationStart' | 'segmentStart' | 'segmentEnd';
    conversationFilters?: Filter[];
    segmentFilters?: Filter[];
    paging?: { pageSize: number; pageNumber: number };
}

interface Segment {
    segmentType: 'alert' | 'interact' | 'wrapup';
    segmentStart: string;
    segmentEnd?: string;
    queueId?: string;
    disconnectType?: string;
    wrapUpCode?: string;
    wrapUpNote?: string;
}

interface Session {
    sessionId: string;
    mediaType: 'message';
    messageType: string;
    direction: string;
    addressFrom?: string;
    segments: Segment[];
}

interface AnalyticsParticipant {
    participantId: string;
    participantName: string;
    purpose: string;
    userId?: string;
    externalContactId?: string;
    sessions: Session[];
}

export interface AnalyticsConversation {
    conversationId: string;
    conversationStart: string;
    conversationEnd?: string;
    originatingDirection: string;
    participants: AnalyticsParticipant[];
}

/** Flat values a predicate's dimension is looked up in. */
type Row = Record<string, string | undefined>;

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 25;
const DAY_MS = 24 * 60 * 60 * 1000;

function badRequest(fieldName: string, message: string): SimError {
    return new SimError(400, 'bad.request', message, { details: [{ errorCode: 'bad.request', fieldName }] });
}

/** `start/end`, both ISO-8601 instants, start before end. */
export function parseInterval(interval: string): { start: number; end: number } {
    const parts = interval.split('/');
    const start = parts.length === 2 ? Date.parse(parts[0] ?? '') : NaN;
    const end = parts.length === 2 ? Date.parse(parts[1] ?? '') : NaN;
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
        throw badRequest(
            'interval',
            `Invalid interval '${interval}': expected ISO-8601 start and end, e.g. 2026-11-21T00:00:00.000Z/2026-11-22T00:00:00.000Z`
        );
    }
    if (end <= start) throw badRequest('interval', `Invalid interval '${interval}': its end is not after its start`);
    return { start, end };
}

/** The handler (api.ts): the contract has already checked the body's shape. */
export function conversationDetailsQuery(ctx: ApiContext): unknown {
    const query = ctx.body as DetailsQuery;
    const { start, end } = parseInterval(query.interval);
    const pageSize = query.paging?.pageSize ?? DEFAULT_PAGE_SIZE;
    const pageNumber = query.paging?.pageNumber ?? 1;
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw badRequest('paging.pageSize', `pageSize must be from 1 to ${MAX_PAGE_SIZE}`);
    }
    if (pageNumber < 1) throw badRequest('paging.pageNumber', 'pageNumber must be 1 or more');
    for (const filter of [...(query.conversationFilters ?? []), ...(query.segmentFilters ?? [])]) {
        const predicates = [...(filter.predicates ?? []), ...(filter.clauses ?? []).flatMap((c) => c.predicates)];
        if (predicates.some((p) => (p.type ?? 'dimension') !== 'dimension' || p.dimension === undefined)) {
            throw badRequest('filters', 'The simulator filters on dimension predicates only');
        }
    }
    // "Conversations that started on a day touched by the interval" (UTC days).
    const firstDay = Math.floor(start / DAY_MS) * DAY_MS;
    const lastDay = Math.floor((end - 1) / DAY_MS) * DAY_MS + DAY_MS;
    const matching = [...ctx.centre.conversations.values()]
        .filter((c) => c.startTime >= firstDay && c.startTime < lastDay)
        .map(details)
        .filter((c) => (query.conversationFilters ?? []).every((f) => matchesFilter([conversationRow(c)], f)))
        .filter((c) => (query.segmentFilters ?? []).every((f) => matchesFilter(segmentRows(c), f)));
    const key = sortKey(query.orderBy ?? 'conversationStart');
    const sign = query.order === 'desc' ? -1 : 1;
    matching.sort((a, b) => sign * key(a).localeCompare(key(b)) || a.conversationId.localeCompare(b.conversationId));
    const page = matching.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    return page.length === 0 ? { totalHits: matching.length } : { conversations: page, totalHits: matching.length };
}

function sortKey(orderBy: string): (c: AnalyticsConversation) => string {
    const segments = (c: AnalyticsConversation): Segment[] =>
        c.participants.flatMap((p) => p.sessions.flatMap((s) => s.segments));
    if (orderBy === 'segmentStart') {
        return (c) => segments(c).reduce((min, s) => (s.segmentStart < min ? s.segmentStart : min), '\uffff');
    }
    if (orderBy === 'segmentEnd') {
        return (c) =>
            segments(c).reduce((max, s) => ((s.segmentEnd ?? '\uffff') > max ? (s.segmentEnd ?? '\uffff') : max), '');
    }
    return (c) => c.conversationStart;
}

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** One conversation as the details query shows it. */
export function details(c: Conversation): AnalyticsConversation {
    return withoutUndefined({
        conversationId: c.id,
        conversationStart: iso(c.startTime) ?? '',
        conversationEnd: iso(c.endTime),
        originatingDirection: c.direction,
        participants: c.participants.map((p) =>
            withoutUndefined({
                participantId: p.id,
                participantName: p.name,
                purpose: p.purpose,
                userId: p.userId,
                externalContactId: p.purpose === 'customer' ? c.externalContactId : undefined,
                sessions: [
                    withoutUndefined({
                        sessionId: p.communicationId,
                        mediaType: 'message' as const,
                        messageType: c.messengerType,
                        direction: p.direction,
                        addressFrom: p.purpose === 'customer' ? c.customerAddress : undefined,
                        segments: segmentsOf(c, p)
                    })
                ]
            })
        )
    });
}

function segmentsOf(c: Conversation, p: Participant): Segment[] {
    const queueId = p.purpose === 'customer' ? undefined : (p.queueId ?? (p.purpose === 'acd' ? c.queueId : undefined));
    const out: Segment[] = [];
    if (p.purpose === 'agent') {
        if (p.startAlertingTime !== undefined) {
            out.push({
                segmentType: 'alert',
                segmentStart: iso(p.startAlertingTime) ?? '',
                segmentEnd: iso(p.connectedTime ?? p.endTime),
                queueId
            });
        }
        if (p.connectedTime !== undefined) {
            out.push({
                segmentType: 'interact',
                segmentStart: iso(p.connectedTime) ?? '',
                segmentEnd: iso(p.endTime),
                queueId
            });
        }
    } else {
        out.push({
            segmentType: 'interact',
            segmentStart: iso(p.startTime) ?? '',
            segmentEnd: iso(p.endTime),
            queueId
        });
    }
    const last = out[out.length - 1];
    if (last !== undefined && p.endTime !== undefined && p.disconnectType !== undefined) {
        last.disconnectType = p.disconnectType;
    }
    if (p.purpose === 'agent' && (p.wrapup !== undefined || p.startAcwTime !== undefined)) {
        out.push({
            segmentType: 'wrapup',
            segmentStart: iso(p.startAcwTime ?? p.endTime) ?? '',
            segmentEnd: iso(p.endAcwTime),
            queueId,
            wrapUpCode: p.wrapup?.code,
            wrapUpNote: p.wrapup?.notes
        });
    }
    return out.map(withoutUndefined);
}

function conversationRow(c: AnalyticsConversation): Row {
    return {
        conversationId: c.conversationId,
        conversationStart: c.conversationStart,
        conversationEnd: c.conversationEnd,
        originatingDirection: c.originatingDirection
    };
}

/** One row per segment, with its session's, participant's and conversation's dimensions. */
function segmentRows(c: AnalyticsConversation): Row[] {
    return c.participants.flatMap((p) =>
        p.sessions.flatMap((s) =>
            s.segments.map((g) => ({
                ...conversationRow(c),
                participantId: p.participantId,
                purpose: p.purpose,
                userId: p.userId,
                externalContactId: p.externalContactId,
                sessionId: s.sessionId,
                mediaType: s.mediaType,
                messageType: s.messageType,
                direction: s.direction,
                addressFrom: s.addressFrom,
                segmentType: g.segmentType,
                queueId: g.queueId,
                disconnectType: g.disconnectType,
                wrapUpCode: g.wrapUpCode
            }))
        )
    );
}

function matchesPredicate(row: Row, p: Predicate): boolean {
    const actual = row[p.dimension ?? ''];
    switch (p.operator ?? 'matches') {
        case 'exists':
            return actual !== undefined;
        case 'notExists':
            return actual === undefined;
        default:
            return actual !== undefined && actual === p.value;
    }
}

function matchesAll(row: Row, type: string, predicates: Predicate[]): boolean {
    if (predicates.length === 0) return true;
    return type === 'or'
        ? predicates.some((p) => matchesPredicate(row, p))
        : predicates.every((p) => matchesPredicate(row, p));
}

/** A filter holds for a conversation when one of its rows (a segment, for a segment filter) satisfies it whole. */
function matchesFilter(rows: Row[], filter: Filter): boolean {
    return rows.some((row) => {
        const parts = [
            ...(filter.predicates === undefined ? [] : [matchesAll(row, filter.type, filter.predicates)]),
            ...(filter.clauses ?? []).map((c) => matchesAll(row, c.type, c.predicates))
        ];
        if (parts.length === 0) return true;
        return filter.type === 'or' ? parts.some(Boolean) : parts.every(Boolean);
    });
}

function withoutUndefined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
