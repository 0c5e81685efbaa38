// Preview of RelayInboxSelector: the digital inbox's queries as the running user. The preview keeps the
// sharing the inbox relies on: Relay_Interaction__c is Private, so a user sees the interactions they own and
// those owned by a queue they belong to (directly or through a public group); Relay_Note__c likewise (owner only).
import type { Fields, StoredRecord } from '../server/recordStore';
import { lockRecords } from './transaction';
import type { ApexContext } from './types';

export const INBOX_LIMIT = 1000;
export const NOTES_LIMIT = 50;
export const STATUS_NEW = 'New';
export const STATUS_OPEN = 'Open';
export const STATUS_RESOLVED = 'Resolved';
export const STATUS_CLOSED = 'Closed';

const QUEUE = 'Queue';
const PUBLIC_GROUP = 'Regular';

/** The sObject of an id, as `Id.getSObjectType()` (the preview knows it for the records it holds). */
export function sobjectOf(ctx: ApexContext, id: string | null | undefined): string | null {
    return id ? (ctx.store.get(id)?.sobject ?? null) : null;
}

export const isQueue = (ctx: ApexContext, id: string | null | undefined): boolean =>
    sobjectOf(ctx, id) === 'Group' && ctx.store.get(id as string)?.fields.Type === QUEUE;

/** digitalQueues(): queues that support Relay_Interaction__c and have no routing configuration. */
export function digitalQueues(ctx: ApexContext): Map<string, string> {
    const names = new Map<string, string>();
    for (const binding of ctx.store.query('QueueSobject', (f) => f.SobjectType === 'Relay_Interaction__c')) {
        const queue = ctx.store.get(String(binding.fields.QueueId));
        if (queue && queue.fields.Type === QUEUE && !queue.fields.QueueRoutingConfigId) {
            names.set(queue.id, String(queue.fields.Name));
        }
    }
    return names;
}

const groupType = (ctx: ApexContext, id: unknown): unknown => ctx.store.get(String(id))?.fields.Type;

/** queuesOf(userId): direct queue memberships and those through a public group the user is directly in. */
export function queuesOf(ctx: ApexContext, userId: string | null): Set<string> {
    const queueIds = new Set<string>();
    if (!userId) return queueIds;
    const publicGroups = new Set<string>();
    for (const m of ctx.store.query('GroupMember', (f) => f.UserOrGroupId === userId)) {
        const type = groupType(ctx, m.fields.GroupId);
        if (type === QUEUE) queueIds.add(String(m.fields.GroupId));
        else if (type === PUBLIC_GROUP) publicGroups.add(String(m.fields.GroupId));
    }
    for (const m of ctx.store.query('GroupMember', (f) => publicGroups.has(String(f.UserOrGroupId)))) {
        if (groupType(ctx, m.fields.GroupId) === QUEUE) queueIds.add(String(m.fields.GroupId));
    }
    return queueIds;
}

/** isOnlyMember: a role, nested group or any other kind of member counts as other agents. */
export function isOnlyMember(ctx: ApexContext, queueId: string, userId: string): boolean {
    const userIds = new Set<string>();
    const groupIds = new Set<string>();
    for (const m of ctx.store.query('GroupMember', (f) => f.GroupId === queueId)) {
        const id = String(m.fields.UserOrGroupId);
        (sobjectOf(ctx, id) === 'User' ? userIds : groupIds).add(id);
    }
    for (const groupId of groupIds) {
        if (groupType(ctx, groupId) !== PUBLIC_GROUP) return false;
    }
    for (const m of ctx.store.query('GroupMember', (f) => groupIds.has(String(f.GroupId)))) {
        const id = String(m.fields.UserOrGroupId);
        if (sobjectOf(ctx, id) !== 'User') return false;
        userIds.add(id);
    }
    const active = [...userIds].filter((id) => ctx.store.get(id)?.fields.IsActive === true).slice(0, 2);
    return active.length === 1 && active[0] === userId;
}

/** What `WITH USER_MODE` lets the running user read of a Private object: their own and their queues' records. */
export function visibleTo(ctx: ApexContext): (f: Fields) => boolean {
    const owners = queuesOf(ctx, ctx.userId);
    owners.add(ctx.userId);
    return (f) => owners.has(String(f.OwnerId));
}

export interface InboxRecord {
    record: StoredRecord;
    /** Assigned_Agent__r.Name */
    assignedAgentName: string | null;
}

function withAgent(ctx: ApexContext, record: StoredRecord): InboxRecord {
    const agent = record.fields.Assigned_Agent__c;
    const name = agent ? ctx.store.get(String(agent))?.fields.Name : null;
    return { record, assignedAgentName: typeof name === 'string' ? name : null };
}

/** inbox(ownerIds, userId): waiting interactions of the owners, and the user's own that are not Closed. */
export function inbox(ctx: ApexContext, ownerIds: Set<string>, userId: string): InboxRecord[] {
    const visible = visibleTo(ctx);
    const received = (r: StoredRecord): string => String(r.fields.Received_At__c ?? '');
    return ctx.store
        .query(
            'Relay_Interaction__c',
            (f) =>
                visible(f) &&
                ((ownerIds.has(String(f.OwnerId)) && (f.Status__c === STATUS_NEW || f.Status__c === STATUS_OPEN)) ||
                    (f.Assigned_Agent__c === userId && f.Status__c !== STATUS_CLOSED))
        )
        .sort((a, b) => {
            // ORDER BY Received_At__c DESC NULLS LAST, Id DESC
            const x = received(a);
            const y = received(b);
            if (x !== y) return !x ? 1 : !y ? -1 : y.localeCompare(x);
            return b.id.localeCompare(a.id);
        })
        .slice(0, INBOX_LIMIT)
        .map((r) => withAgent(ctx, r));
}

/** lockedById: FOR UPDATE, then the record if the user can see it. */
export async function lockedById(ctx: ApexContext, interactionId: string): Promise<InboxRecord | null> {
    await lockRecords(ctx.store, [interactionId]);
    return byIdVisible(ctx, interactionId);
}

/** withDisposition / a user-mode read of one interaction. */
export function byIdVisible(ctx: ApexContext, interactionId: string): InboxRecord | null {
    const record = ctx.store.get(interactionId);
    if (!record || record.sobject !== 'Relay_Interaction__c' || !visibleTo(ctx)(record.fields)) return null;
    return withAgent(ctx, record);
}

/**
 * An interaction's messages newest first, as the Apex orders them: ORDER BY Sent_At__c DESC NULLS LAST, CreatedDate
 * DESC, Id DESC (the store keeps insertion order, so the later stored record is the newer one).
 */
export function messagesLatestFirst(ctx: ApexContext, interactionId: string): StoredRecord[] {
    return ctx.store
        .query('Relay_Message__c', (f) => f.Interaction__c === interactionId)
        .map((record, order) => ({ record, order }))
        .sort((a, b) => {
            const x = a.record.fields.Sent_At__c;
            const y = b.record.fields.Sent_At__c;
            if (x !== y) {
                if (typeof x !== 'string') return 1;
                if (typeof y !== 'string') return -1;
                return y.localeCompare(x);
            }
            return b.order - a.order;
        })
        .map(({ record }) => record);
}

/** latestMessageOf: the text of the first of messagesLatestFirst (LIMIT 1). */
export function latestMessageOf(ctx: ApexContext, interactionId: string): string | null {
    const [latest] = messagesLatestFirst(ctx, interactionId);
    const text = latest?.fields.Text__c;
    return typeof text === 'string' ? text : null;
}

/** myNotesAbout: the running user's notes about a contact, newest first. */
export function myNotesAbout(ctx: ApexContext, digitalId: string | null, channel: string | null): StoredRecord[] {
    if (!digitalId?.trim()) return [];
    return ctx.store
        .query(
            'Relay_Note__c',
            (f) => f.OwnerId === ctx.userId && f.Digital_Id__c === digitalId && (f.Channel__c ?? null) === channel
        )
        .map((record, order) => ({ record, order }))
        .sort(
            (a, b) =>
                String(b.record.fields.CreatedDate).localeCompare(String(a.record.fields.CreatedDate)) ||
                b.order - a.order
        )
        .slice(0, NOTES_LIMIT)
        .map(({ record }) => record);
}

/** labelOf: a case's number, an account's, contact's or lead's name; null for anything else. */
export function labelOf(ctx: ApexContext, recordId: string | null): string | null {
    const record = recordId ? ctx.store.get(recordId) : undefined;
    if (!record) return null;
    const field = { Case: 'CaseNumber', Account: 'Name', Contact: 'Name', Lead: 'Name' }[record.sobject];
    const value = field ? record.fields[field] : undefined;
    return typeof value === 'string' ? value : null;
}

/**
 * holderFor: who took an interaction the user cannot see any more, only when it came from one of the user's
 * queues (the one system-mode read of the inbox).
 */
export function holderFor(ctx: ApexContext, interactionId: string, queueIds: Set<string>): string | null {
    if (queueIds.size === 0) return null;
    const record = ctx.store.get(interactionId);
    const f = record?.fields;
    if (!f || record?.sobject !== 'Relay_Interaction__c' || !f.Assigned_Agent__c) return null;
    if (!queueIds.has(String(f.Routing_Queue_Id__c))) return null;
    const name = ctx.store.get(String(f.Assigned_Agent__c))?.fields.Name;
    return typeof name === 'string' ? name : null;
}
