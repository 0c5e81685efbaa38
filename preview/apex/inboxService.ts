// Preview of RelayInboxService, RelayInboxDispositions and RelayInboxItemView: the rules of the digital inbox.
// An interaction waits in a digital queue (the queue owns it); clicking it makes the agent its owner and
// Assigned_Agent__c; Set as Resolved needs no reply; End unassigns it, gives it back to its queue and closes
// it until the customer writes again; a transfer moves it to another digital queue (straight back to the
// agent when they are its only member). Each change locks the interaction first and saves in one update.
import type { StoredRecord } from '../server/recordStore';
import { insertRecord, updateRecord } from './dml';
import { formatDatetime } from './genesys';
import {
    STATUS_CLOSED,
    STATUS_NEW,
    STATUS_RESOLVED,
    byIdVisible,
    digitalQueues,
    holderFor,
    inbox,
    isOnlyMember,
    isQueue,
    labelOf,
    latestMessageOf,
    lockedById,
    myNotesAbout,
    queuesOf,
    sobjectOf,
    type InboxRecord
} from './inboxSelector';
import { RelayConversationJoin, recordJoin } from './conversationJoin';
import { DONE, WRAP_UP, WRAP_UP_PENDING, byId, interactionOf } from './interactions';
import { requireFor } from './requiredWrapUps';
import { RelayWrapUpService } from './wrapUpService';
import type { GenesysParticipant } from './genesys';
import { genesysQueueIdFor } from './queueMapping';
import { RelayWorkItemException } from './workItemErrors';
import type { ApexContext } from './types';

export const PREVIEW_LENGTH = 200;
/** Relay_Note__c.Body__c length. */
export const NOTE_MAX_LENGTH = 32768;
const NAME_TYPES = new Set(['Account', 'Contact', 'Lead']);
const CHANNEL_BY_PICKLIST: Record<string, string> = {
    Chat: 'chat',
    Email: 'email',
    Facebook: 'facebook',
    Instagram: 'instagram',
    SMS: 'sms',
    Twitter: 'twitter',
    WhatsApp: 'whatsapp'
};

export interface RelayInboxItemView {
    id: string;
    name: string | null;
    channel: string;
    status: string;
    priority: number;
    tags: string[];
    receivedAt: string | null;
    unread: boolean;
    customerName: string;
    digitalId: string;
    assignedAgentId: string | null;
    assignedAgentName: string | null;
    queueId: string | null;
    queueName: string | null;
    lastMessagePreview: string;
    conversationId: string | null;
    wrapUpNeeded: boolean;
}

export interface RelayInboxWrapUpResult {
    status: string;
    message: string | null;
    item: RelayInboxItemView | null;
}

export interface RelayAssignResult {
    assigned: boolean;
    assignedToName: string | null;
    item: RelayInboxItemView | null;
}

export interface RelayNoteView {
    id: string;
    body: string;
    createdAt: string | null;
}

export interface RelayInteractionDetail {
    item: RelayInboxItemView;
    nameId: string | null;
    nameLabel: string | null;
    relatesToId: string | null;
    relatesToLabel: string | null;
    notes: RelayNoteView[];
}

export interface RelayQueueView {
    id: string;
    name: string;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function tagsOf(value: unknown): string[] {
    return (text(value) ?? '')
        .split(';')
        .filter((t) => t.trim() !== '')
        .map((t) => t.trim());
}

/** String.normalizeSpace().abbreviate(200). */
function preview(value: string | null): string {
    const normal = (value ?? '').trim().replace(/\s+/g, ' ');
    return normal.length > PREVIEW_LENGTH ? `${normal.slice(0, PREVIEW_LENGTH - 3)}...` : normal;
}

function userName(ctx: ApexContext): string | null {
    return text(ctx.store.get(ctx.userId)?.fields.Name);
}

/** RelayInboxService.viewOf: RelayInboxItemView.of(record).withQueueName(queues).withPreview(latest). */
export function viewOf(
    ctx: ApexContext,
    { record, assignedAgentName }: InboxRecord,
    queueNames: Map<string, string>,
    latest: string | null
): RelayInboxItemView {
    const f = record.fields;
    const owner = text(f.OwnerId);
    const queueId = owner && isQueue(ctx, owner) ? owner : (text(f.Routing_Queue_Id__c)?.trim() ?? null) || null;
    const agent = text(f.Assigned_Agent__c);
    return {
        id: record.id,
        name: text(f.Name),
        channel: CHANNEL_BY_PICKLIST[text(f.Channel__c) ?? ''] ?? 'chat',
        status: text(f.Status__c)?.trim() ? String(f.Status__c) : STATUS_NEW,
        priority: typeof f.Priority__c === 'number' ? f.Priority__c : 0,
        tags: tagsOf(f.Tags__c),
        receivedAt: formatDatetime(text(f.Received_At__c) ?? text(f.CreatedDate)),
        unread: f.Unread__c === true,
        customerName: text(f.Customer_Name__c) ?? '',
        digitalId: text(f.Digital_Id__c) ?? '',
        assignedAgentId: agent,
        assignedAgentName: agent === null ? null : agent === ctx.userId ? userName(ctx) : assignedAgentName,
        queueId,
        queueName: queueId === null ? null : (queueNames.get(queueId) ?? null),
        lastMessagePreview: preview(latest),
        conversationId: text(f.External_Conversation_Id__c),
        wrapUpNeeded: f.Work_State__c === WRAP_UP
    };
}

/** RelayInboxService.save: one update of the changed fields, applied to the record the view is built from. */
function save(ctx: ApexContext, found: InboxRecord, changes: Record<string, unknown>): void {
    updateRecord(ctx, found.record.id, changes);
    Object.assign(found.record.fields, changes);
}

async function assignedToMe(ctx: ApexContext, interactionId: string): Promise<InboxRecord> {
    const found = await lockedById(ctx, interactionId);
    if (!found) throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
    if (found.record.fields.Assigned_Agent__c !== ctx.userId) {
        throw new RelayWorkItemException(ctx.label('Relay_Inbox_NotAssignedToYou'));
    }
    return found;
}

export function getInbox(ctx: ApexContext): RelayInboxItemView[] {
    const queues = digitalQueues(ctx);
    const owners = new Set([...queuesOf(ctx, ctx.userId)].filter((id) => queues.has(id)));
    owners.add(ctx.userId);
    return inbox(ctx, owners, ctx.userId).map((r) => viewOf(ctx, r, queues, latestMessageOf(ctx, r.record.id)));
}

export async function assign(ctx: ApexContext, interactionId: string): Promise<RelayAssignResult> {
    const found = await lockedById(ctx, interactionId);
    if (!found) {
        // The usual race: another member of the queue took it, became its owner, and this user lost sight of it.
        const holder = holderFor(ctx, interactionId, queuesOf(ctx, ctx.userId));
        if (holder === null) throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
        return { assigned: false, assignedToName: holder, item: null };
    }
    const queues = digitalQueues(ctx);
    const f = found.record.fields;
    if (f.Assigned_Agent__c && f.Assigned_Agent__c !== ctx.userId) {
        const seen = viewOf(ctx, found, queues, latestMessageOf(ctx, found.record.id));
        return { assigned: false, assignedToName: seen.assignedAgentName, item: seen };
    }
    if (f.Status__c === STATUS_CLOSED) throw new RelayWorkItemException(ctx.label('Relay_Inbox_InteractionEnded'));
    const latest = latestMessageOf(ctx, found.record.id);
    // Worked here, in the Digital tab: the work-item panel must not route it as Omni-Channel work (a record tab would
    // take the agent away from the Digital tab).
    const changes: Record<string, unknown> = {
        Assigned_Agent__c: ctx.userId,
        OwnerId: ctx.userId,
        Unread__c: false,
        Worked_In_Inbox__c: true
    };
    if (isQueue(ctx, text(f.OwnerId))) changes.Routing_Queue_Id__c = f.OwnerId;
    // Someone else's recorded leg is not this agent's: the work-item sync must not close it before they join.
    if (f.Assigned_Agent__c !== ctx.userId) changes.Agent_Participant_Id__c = null;
    save(ctx, found, changes);
    return { assigned: true, assignedToName: userName(ctx), item: viewOf(ctx, found, queues, latest) };
}

/** RelayInboxService.join: the assigned agent joins the conversation in Genesys Cloud, then the leg is recorded. */
export async function join(ctx: ApexContext, interactionId: string): Promise<void> {
    const record = byId(ctx, interactionId);
    if (!record || !byIdVisible(ctx, interactionId)) {
        throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
    }
    if (record.Assigned_Agent__c !== ctx.userId) {
        throw new RelayWorkItemException(ctx.label('Relay_Inbox_NotAssignedToYou'));
    }
    // Ended, with its wrap-up code still owed: joining again would take the conversation back.
    if (record.Work_State__c === WRAP_UP) throw new RelayWorkItemException(ctx.label('Relay_Inbox_WrapUpFirst'));
    const joined = await new RelayConversationJoin(ctx).connect(record);
    recordJoin(ctx, record, joined);
}

export async function resolve(ctx: ApexContext, interactionId: string): Promise<RelayInboxItemView> {
    const found = await assignedToMe(ctx, interactionId);
    const latest = latestMessageOf(ctx, interactionId);
    save(ctx, found, { Status__c: STATUS_RESOLVED });
    return viewOf(ctx, found, digitalQueues(ctx), latest);
}

export async function endInteraction(ctx: ApexContext, interactionId: string): Promise<RelayInboxItemView> {
    const found = await assignedToMe(ctx, interactionId);
    // The contact centre first: no callout may follow the update, and a failed disconnect must change nothing.
    const left = await new RelayConversationJoin(ctx).endLeg(text(found.record.fields.External_Conversation_Id__c));
    const leg = left.wrapUpLeg;
    if (leg && !heldByRelay(found, leg)) return waitForWrapUp(ctx, found, leg);
    return close(ctx, found);
}

/** RelayInboxService.submitWrapUp: the code through RelayWrapUpService (never lost), then the End is finished. */
export async function submitWrapUp(
    ctx: ApexContext,
    interactionId: string,
    codeId: unknown,
    notes: unknown
): Promise<RelayInboxWrapUpResult> {
    const outcome = await new RelayWrapUpService(ctx).submit(interactionId, codeId, notes);
    const found = await lockedById(ctx, interactionId);
    // Routed on to another agent meanwhile: the wrap-up is the agent's own record and is kept; the interaction is theirs.
    if (!found) return { status: outcome.status, message: outcome.message, item: null };
    const item =
        found.record.fields.Assigned_Agent__c === ctx.userId
            ? close(ctx, found)
            : viewOf(ctx, found, digitalQueues(ctx), latestMessageOf(ctx, interactionId));
    return { status: outcome.status, message: outcome.message, item };
}

/** The agent's leg waits for a wrap-up code: the interaction stays theirs, with the leg, until submitWrapUp. */
function waitForWrapUp(ctx: ApexContext, found: InboxRecord, leg: GenesysParticipant): RelayInboxItemView {
    const latest = latestMessageOf(ctx, found.record.id);
    const changes: Record<string, unknown> = {
        Work_State__c: WRAP_UP,
        Agent_Participant_Id__c: leg.id,
        Wrap_Up_Required__c: true,
        Wrap_Up_Timeout_Ms__c: leg.wrapupTimeoutMs
    };
    // The queue's codes are the fallback list of RelayWrapUpService.getCodes.
    if (leg.queueId?.trim()) changes.Queue_Id__c = leg.queueId;
    save(ctx, found, changes);
    // The wrap-up owed is the agent's own record, so it survives the contact centre routing the conversation on.
    requireFor(ctx, [interactionOf(ctx.store.get(found.record.id) as StoredRecord)]);
    return viewOf(ctx, found, digitalQueues(ctx), latest);
}

/** Relay already holds this leg's wrap-up (Pending): End only finishes in Salesforce. */
function heldByRelay(found: InboxRecord, leg: GenesysParticipant): boolean {
    const f = found.record.fields;
    return f.Agent_Participant_Id__c === leg.id && (f.Work_State__c === WRAP_UP_PENDING || f.Work_State__c === DONE);
}

function close(ctx: ApexContext, found: InboxRecord): RelayInboxItemView {
    const latest = latestMessageOf(ctx, found.record.id);
    const queues = digitalQueues(ctx);
    const changes: Record<string, unknown> = {
        Assigned_Agent__c: null,
        Status__c: STATUS_CLOSED,
        Worked_In_Inbox__c: false
    };
    const queueId = text(found.record.fields.Routing_Queue_Id__c)?.trim();
    if (queueId && queues.has(queueId)) changes.OwnerId = queueId;
    save(ctx, found, changes);
    return viewOf(ctx, found, queues, latest);
}

export function queueViews(ctx: ApexContext): RelayQueueView[] {
    const byName = (a: string, b: string): number => {
        const x = a.toLowerCase();
        const y = b.toLowerCase();
        return x !== y ? (x < y ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0;
    };
    return [...digitalQueues(ctx)].map(([id, name]) => ({ id, name })).sort((a, b) => byName(a.name, b.name));
}

export async function transfer(ctx: ApexContext, interactionId: string, queueId: unknown): Promise<RelayInboxItemView> {
    const queues = digitalQueues(ctx);
    if (typeof queueId !== 'string' || !queues.has(queueId)) {
        throw new RelayWorkItemException(ctx.label('Relay_Inbox_QueueNotDigital'));
    }
    const found = await assignedToMe(ctx, interactionId);
    // The agent's leg has ended and waits for its code: a transfer would leave that wrap-up behind.
    if (found.record.fields.Work_State__c === WRAP_UP) {
        throw new RelayWorkItemException(ctx.label('Relay_Inbox_WrapUpFirst'));
    }
    const latest = latestMessageOf(ctx, interactionId);
    const backToMe = isOnlyMember(ctx, queueId, ctx.userId);
    const genesysQueueId = backToMe ? null : genesysQueueIdFor(ctx, queueId);
    if (genesysQueueId !== null) {
        // Before the update; without a mapping the agent's leg stays until the next agent's join replaces it.
        await new RelayConversationJoin(ctx).handOver(
            text(found.record.fields.External_Conversation_Id__c),
            genesysQueueId
        );
    }
    save(ctx, found, {
        OwnerId: backToMe ? ctx.userId : queueId,
        Assigned_Agent__c: backToMe ? ctx.userId : null,
        Routing_Queue_Id__c: queueId,
        // Still worked in the Digital tab only when it came straight back to the agent.
        Worked_In_Inbox__c: backToMe
    });
    return viewOf(ctx, found, queues, latest);
}

// ----- RelayInboxDispositions -----

function noteView(record: StoredRecord): RelayNoteView {
    return {
        id: record.id,
        body: text(record.fields.Body__c) ?? '',
        createdAt: formatDatetime(text(record.fields.CreatedDate))
    };
}

export function detail(ctx: ApexContext, interactionId: string): RelayInteractionDetail {
    const found = byIdVisible(ctx, interactionId);
    if (!found) throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
    const f = found.record.fields;
    const nameId = text(f.Account__c) ?? text(f.Contact__c) ?? text(f.Lead__c);
    const relatesToId = text(f.Case__c);
    return {
        item: viewOf(ctx, found, digitalQueues(ctx), latestMessageOf(ctx, interactionId)),
        nameId,
        nameLabel: labelOf(ctx, nameId),
        relatesToId,
        relatesToLabel: labelOf(ctx, relatesToId),
        notes: myNotesAbout(ctx, text(f.Digital_Id__c), text(f.Channel__c)).map(noteView)
    };
}

const optionalId = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export async function saveDisposition(
    ctx: ApexContext,
    interactionId: string,
    params: Record<string, unknown>
): Promise<RelayInboxItemView> {
    const nameId = optionalId(params.nameId);
    const relatesToId = optionalId(params.relatesToId);
    const notes = typeof params.notes === 'string' ? params.notes : null;
    if (nameId !== null && (!NAME_TYPES.has(sobjectOf(ctx, nameId) ?? '') || labelOf(ctx, nameId) === null)) {
        throw new RelayWorkItemException(ctx.label('Relay_Inbox_NameInvalid'));
    }
    if (relatesToId !== null && (sobjectOf(ctx, relatesToId) !== 'Case' || labelOf(ctx, relatesToId) === null)) {
        throw new RelayWorkItemException(ctx.label('Relay_Inbox_RelatesToInvalid'));
    }
    if (notes !== null && notes.length > NOTE_MAX_LENGTH) {
        throw new RelayWorkItemException(
            ctx
                .label('Relay_Inbox_NotesTooLong')
                .replace('{0}', String(NOTE_MAX_LENGTH))
                .replace('{1}', String(notes.length))
        );
    }
    const found = await lockedById(ctx, interactionId);
    if (!found) throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
    const latest = latestMessageOf(ctx, interactionId);
    const nameType = sobjectOf(ctx, nameId);
    save(ctx, found, {
        Account__c: nameType === 'Account' ? nameId : null,
        Contact__c: nameType === 'Contact' ? nameId : null,
        Lead__c: nameType === 'Lead' ? nameId : null,
        Case__c: relatesToId
    });
    if (notes !== null && notes.trim() !== '') {
        insertRecord(ctx, 'Relay_Note__c', {
            Body__c: notes,
            Digital_Id__c: found.record.fields.Digital_Id__c ?? null,
            Channel__c: found.record.fields.Channel__c ?? null,
            Interaction__c: interactionId
        });
    }
    return viewOf(ctx, found, digitalQueues(ctx), latest);
}
