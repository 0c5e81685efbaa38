// Preview of RelayInteractionRecords, RelayInteractionSelector and RelayInteractionView: one
// Relay_Interaction__c per Genesys Cloud conversation (External_Conversation_Id__c, unique), assigned to the
// agent Genesys Cloud routed it to, with the agent's Work_State__c derived from the agent participant, and
// the view the work-item panel receives.
import type { StoredRecord } from '../server/recordStore';
import { insertRecord, updateRecord } from './dml';
import {
    customerParticipant,
    firstOf,
    formatDatetime,
    isEnded,
    type GenesysConversation,
    type GenesysParticipant
} from './genesys';
import { lockRecords } from './transaction';
import { RelayWorkItemException } from './workItemErrors';
import type { ApexContext } from './types';

export const ALERTING = 'Alerting';
export const CONNECTED = 'Connected';
export const DISCONNECTING = 'Disconnecting';
export const WRAP_UP = 'Wrap_Up';
export const WRAP_UP_PENDING = 'Wrap_Up_Pending';
export const TRANSFERRING = 'Transferring';
export const DONE = 'Done';
export const STATUS_CLOSED = 'Closed';
/** Where the agent still holds the interaction in the contact centre (a pending wrap-up is Relay's own). */
export const HELD_STATES = new Set([ALERTING, CONNECTED, DISCONNECTING, TRANSFERRING, WRAP_UP]);

const OFFERED_STATES = new Set(['alerting', 'offering', 'contacting', 'dialing']);
const CHANNEL_BY_TYPE: Record<string, string> = {
    webmessaging: 'Chat',
    sms: 'SMS',
    whatsapp: 'WhatsApp',
    facebook: 'Facebook',
    instagram: 'Instagram',
    twitter: 'Twitter',
    email: 'Email'
};

/** The fields RelayInteractionSelector reads. */
export interface Interaction {
    Id?: string;
    External_Conversation_Id__c: string | null;
    Agent_Participant_Id__c: string | null;
    Channel__c: string | null;
    Customer_Name__c: string | null;
    Digital_Id__c: string | null;
    Queue_Id__c: string | null;
    Queue_Name__c: string | null;
    Work_State__c: string | null;
    Status__c: string | null;
    Wrap_Up_Required__c: boolean;
    Wrap_Up_Timeout_Ms__c: number | null;
    Alerting_Timeout_Ms__c: number | null;
    Assigned_Agent__c: string | null;
    Received_At__c: string | null;
    /** The agent works it in the Digital tab: not routed as Omni-Channel work. */
    Worked_In_Inbox__c: boolean;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export function interactionOf(record: StoredRecord): Interaction {
    const f = record.fields;
    return {
        Id: record.id,
        External_Conversation_Id__c: text(f.External_Conversation_Id__c),
        Agent_Participant_Id__c: text(f.Agent_Participant_Id__c),
        Channel__c: text(f.Channel__c),
        Customer_Name__c: text(f.Customer_Name__c),
        Digital_Id__c: text(f.Digital_Id__c),
        Queue_Id__c: text(f.Queue_Id__c),
        Queue_Name__c: text(f.Queue_Name__c),
        Work_State__c: text(f.Work_State__c),
        Status__c: text(f.Status__c),
        Wrap_Up_Required__c: f.Wrap_Up_Required__c === true,
        Wrap_Up_Timeout_Ms__c: num(f.Wrap_Up_Timeout_Ms__c),
        Alerting_Timeout_Ms__c: num(f.Alerting_Timeout_Ms__c),
        Assigned_Agent__c: text(f.Assigned_Agent__c),
        Received_At__c: text(f.Received_At__c),
        Worked_In_Inbox__c: f.Worked_In_Inbox__c === true
    };
}

const abbreviate = (value: string | null, max: number): string | null =>
    value !== null && value.length > max ? `${value.slice(0, max - 3)}...` : value;

// ----- RelayInteractionRecords -----

/** The agent's work state from the agent participant; Relay's own Done and pending wrap-up are not reopened. */
export function workState(current: string | null, agent: GenesysParticipant): string {
    if (current === DONE || current === WRAP_UP_PENDING) return current;
    if (isEnded(agent)) {
        // However the leg ended (the agent, the customer, or a transfer), a participant that requires wrap-up is
        // in after-call work until a code is assigned.
        return agent.wrapupRequired && agent.wrapup === null ? WRAP_UP : DONE;
    }
    if (agent.state === 'connected') {
        // A transfer or disconnect Relay asked for stays visible until the contact centre reports its outcome.
        return current === TRANSFERRING || current === DISCONNECTING ? current : CONNECTED;
    }
    return OFFERED_STATES.has(agent.state ?? '') || current === null ? ALERTING : current;
}

/** The Channel__c value of a Genesys Cloud participant type; Chat for web messaging and unknown types. */
export function channelOf(genesysType: string | null | undefined): string {
    return CHANNEL_BY_TYPE[(genesysType ?? '').toLowerCase()] ?? 'Chat';
}

/** The record for an agent participant: the existing one brought up to date (a copy), or a new one. */
export function apply(
    ctx: ApexContext,
    existing: Interaction | null,
    conversation: GenesysConversation,
    agent: GenesysParticipant,
    userId: string
): Interaction {
    const customer = customerParticipant(conversation);
    const started = customer?.startTime ?? agent.startAlertingTime ?? agent.startTime;
    const record: Interaction = existing
        ? { ...existing }
        : {
              External_Conversation_Id__c: conversation.id,
              Received_At__c: formatDatetime(started ?? ctx.now()),
              Agent_Participant_Id__c: null,
              Channel__c: null,
              Customer_Name__c: null,
              Digital_Id__c: null,
              Queue_Id__c: null,
              Queue_Name__c: null,
              Work_State__c: null,
              Status__c: null,
              Wrap_Up_Required__c: false,
              Wrap_Up_Timeout_Ms__c: null,
              Alerting_Timeout_Ms__c: null,
              Assigned_Agent__c: null,
              Worked_In_Inbox__c: false
          };
    const sameParticipant = existing !== null && existing.Agent_Participant_Id__c === agent.id;
    record.Work_State__c = workState(sameParticipant ? existing.Work_State__c : null, agent);
    record.Agent_Participant_Id__c = agent.id;
    record.Assigned_Agent__c = userId;
    record.Queue_Id__c = firstOf(agent.queueId, record.Queue_Id__c);
    record.Queue_Name__c = firstOf(agent.queueName, record.Queue_Name__c);
    record.Alerting_Timeout_Ms__c = agent.alertingTimeoutMs;
    record.Wrap_Up_Required__c = agent.wrapupRequired;
    record.Wrap_Up_Timeout_Ms__c = agent.wrapupTimeoutMs;
    record.Channel__c = channelOf(firstOf(customer?.channel, agent.channel));
    record.Customer_Name__c = abbreviate(firstOf(customer?.fromAddress?.name, record.Customer_Name__c), 255);
    record.Digital_Id__c = abbreviate(firstOf(customer?.fromAddress?.value, record.Digital_Id__c), 255);
    if (record.Work_State__c === DONE) {
        record.Status__c = STATUS_CLOSED;
    } else if (record.Status__c === STATUS_CLOSED) {
        // Offered again (a transfer back): the conversation is open in the inbox again.
        record.Status__c = 'Open';
    }
    return record;
}

/** Sets the work state; an interaction that is done is also closed in the inbox, and no longer worked in the Digital tab. */
export function moveTo(record: Interaction, state: string): Interaction {
    record.Work_State__c = state;
    if (state === DONE) {
        record.Status__c = STATUS_CLOSED;
        // Closed, it is in nobody's Digital tab: the contact centre's next offer of it is Omni-Channel work again.
        record.Worked_In_Inbox__c = false;
    }
    return record;
}

/** The record's fields for DML, without the Id. */
function fieldsOf(record: Interaction): Record<string, unknown> {
    const fields: Record<string, unknown> = { ...record };
    delete fields.Id;
    return fields;
}

/** `update as user`. */
export function updateInteraction(ctx: ApexContext, record: Interaction): void {
    if (!record.Id) throw new Error('update needs an Id');
    updateRecord(ctx, record.Id, fieldsOf(record));
}

/**
 * Upserts as the running user (allOrNone false): a new record for a conversation another record already
 * holds is refused by the unique conversation id and left out, rather than failing the others.
 */
export function save(ctx: ApexContext, records: Interaction[]): Interaction[] {
    const saved: Interaction[] = [];
    for (const record of records) {
        if (record.Id) {
            updateInteraction(ctx, record);
        } else {
            const duplicate = ctx.store.query(
                'Relay_Interaction__c',
                (f) => f.External_Conversation_Id__c === record.External_Conversation_Id__c
            );
            if (duplicate.length > 0) continue; // DUPLICATE_VALUE
            record.Id = insertRecord(ctx, 'Relay_Interaction__c', fieldsOf(record)).id;
        }
        saved.push(record);
    }
    return saved;
}

/**
 * Hands conversations Genesys Cloud now routes to the running user over to them (owner and assigned agent),
 * except a record that already names the user's participant: the digital inbox moved that one away from them.
 * Routed by the contact centre, not clicked in the Digital tab, it is Omni-Channel work for them (Worked_In_Inbox__c
 * false), whoever worked it in the Digital tab before.
 */
export function takeOver(ctx: ApexContext, participantIdByConversation: Map<string, string>): void {
    if (participantIdByConversation.size === 0) return;
    const owned = ctx.store.query(
        'Relay_Interaction__c',
        (f) => participantIdByConversation.has(String(f.External_Conversation_Id__c)) && f.OwnerId !== ctx.userId
    );
    for (const r of owned) {
        const participantId = participantIdByConversation.get(String(r.fields.External_Conversation_Id__c));
        if (r.fields.Agent_Participant_Id__c === participantId) continue;
        updateRecord(ctx, r.id, { OwnerId: ctx.userId, Assigned_Agent__c: ctx.userId, Worked_In_Inbox__c: false });
    }
}

// ----- RelayInteractionSelector -----

export function byId(ctx: ApexContext, id: string): Interaction | null {
    const record = ctx.store.get(id);
    return record && record.sobject === 'Relay_Interaction__c' ? interactionOf(record) : null;
}

/** The interaction an agent acts on: visible, assigned to them, with a participant; `lock` is FOR UPDATE. */
export async function assignedToRunningUser(ctx: ApexContext, id: string, lock: boolean): Promise<Interaction> {
    if (lock) await lockRecords(ctx.store, [id]);
    const record = byId(ctx, id);
    if (!record || record.Assigned_Agent__c !== ctx.userId || !record.Agent_Participant_Id__c?.trim()) {
        throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
    }
    return record;
}

export function byConversationIds(ctx: ApexContext, ids: Set<string>): Map<string, Interaction> {
    const result = new Map<string, Interaction>();
    if (ids.size === 0) return result;
    for (const r of ctx.store.query('Relay_Interaction__c', (f) => ids.has(String(f.External_Conversation_Id__c)))) {
        result.set(String(r.fields.External_Conversation_Id__c), interactionOf(r));
    }
    return result;
}

/** The agent's interactions the contact centre should still hold for them, apart from some conversations. */
export function heldByAgentExcept(ctx: ApexContext, userId: string, conversationIds: Set<string>): Interaction[] {
    return ctx.store
        .query(
            'Relay_Interaction__c',
            (f) =>
                f.Assigned_Agent__c === userId &&
                typeof f.Agent_Participant_Id__c === 'string' &&
                f.Agent_Participant_Id__c !== '' &&
                HELD_STATES.has(String(f.Work_State__c)) &&
                !conversationIds.has(String(f.External_Conversation_Id__c))
        )
        .map(interactionOf)
        .sort((a, b) => (a.Received_At__c ?? '').localeCompare(b.Received_At__c ?? '')) // NULLS FIRST
        .slice(0, 200);
}

// ----- RelayInteractionView -----

export interface RelayInteractionView {
    id: string | null;
    conversationId: string | null;
    participantId: string | null;
    channel: string;
    customerName: string | null;
    customerAddress: string | null;
    queueId: string | null;
    queueName: string | null;
    state: string;
    alertingStartedAt: string | null;
    alertingTimeoutMs: number | null;
    connectedAt: string | null;
    wrapUpRequired: boolean;
    wrapUpTimeoutMs: number | null;
    wrapUpStartedAt: string | null;
    workItemId: string | null;
    message: string | null;
}

const STATE_BY_WORK_STATE: Record<string, string> = {
    [ALERTING]: 'alerting',
    [CONNECTED]: 'connected',
    [DISCONNECTING]: 'disconnecting',
    [WRAP_UP]: 'wrapUp',
    [WRAP_UP_PENDING]: 'wrapUpPending',
    [TRANSFERRING]: 'transferring',
    [DONE]: 'done'
};
const CHANNEL_BY_PICKLIST: Record<string, string> = {
    Chat: 'webchat',
    SMS: 'sms',
    WhatsApp: 'whatsapp',
    Facebook: 'facebook',
    Instagram: 'instagram',
    Twitter: 'twitter',
    Email: 'email'
};

/** RelayInteractionView.of: the times stay null until the caller sets them. */
export function viewOf(record: Interaction): RelayInteractionView {
    return {
        id: record.Id ?? null,
        conversationId: record.External_Conversation_Id__c,
        participantId: record.Agent_Participant_Id__c,
        channel: CHANNEL_BY_PICKLIST[record.Channel__c ?? ''] ?? 'webchat',
        customerName: record.Customer_Name__c,
        customerAddress: record.Digital_Id__c,
        queueId: record.Queue_Id__c,
        queueName: record.Queue_Name__c,
        state: STATE_BY_WORK_STATE[record.Work_State__c ?? ''] ?? 'alerting',
        alertingStartedAt: null,
        alertingTimeoutMs: record.Alerting_Timeout_Ms__c === null ? null : Math.trunc(record.Alerting_Timeout_Ms__c),
        connectedAt: null,
        wrapUpRequired: record.Wrap_Up_Required__c,
        wrapUpTimeoutMs: record.Wrap_Up_Timeout_Ms__c === null ? null : Math.trunc(record.Wrap_Up_Timeout_Ms__c),
        wrapUpStartedAt: null,
        workItemId: null,
        message: null
    };
}

/** RelayInteractionView.withTimes. */
export function withTimes(
    view: RelayInteractionView,
    alertingStartedAt: Date | string | null,
    connectedAt: Date | string | null,
    wrapUpStartedAt: Date | string | null
): RelayInteractionView {
    view.alertingStartedAt = formatDatetime(alertingStartedAt);
    view.connectedAt = formatDatetime(connectedAt);
    view.wrapUpStartedAt = formatDatetime(wrapUpStartedAt);
    return view;
}
