import { allowedActions, keyOf, remainingMs } from 'c/relayInteractionState';
import type { Channel, Interaction, InteractionState } from 'c/relayInteractionState';
import type { InteractionMeta } from './snapshot';
import CHANNEL_WEBCHAT from '@salesforce/label/c.Relay_Channel_Webchat';
import CHANNEL_SMS from '@salesforce/label/c.Relay_Channel_Sms';
import CHANNEL_WHATSAPP from '@salesforce/label/c.Relay_Channel_WhatsApp';
import CHANNEL_FACEBOOK from '@salesforce/label/c.Relay_Channel_Facebook';
import CHANNEL_INSTAGRAM from '@salesforce/label/c.Relay_Channel_Instagram';
import CHANNEL_TWITTER from '@salesforce/label/c.Relay_Channel_Twitter';
import CHANNEL_EMAIL from '@salesforce/label/c.Relay_Channel_Email';
import STATE_ALERTING from '@salesforce/label/c.Relay_WorkItem_State_Alerting';
import STATE_CONNECTED from '@salesforce/label/c.Relay_WorkItem_State_Connected';
import STATE_DISCONNECTING from '@salesforce/label/c.Relay_WorkItem_State_Disconnecting';
import STATE_TRANSFERRING from '@salesforce/label/c.Relay_WorkItem_Transferring';
import STATE_WRAP_UP from '@salesforce/label/c.Relay_WorkItem_State_WrapUp';
import STATE_WRAP_UP_PENDING from '@salesforce/label/c.Relay_WorkItem_State_WrapUpPending';
import STATE_WRAP_UP_FAILED from '@salesforce/label/c.Relay_WorkItem_State_WrapUpFailed';
import STATE_DONE from '@salesforce/label/c.Relay_WorkItem_State_Done';
import ANSWER_WITHIN from '@salesforce/label/c.Relay_WorkItem_AnswerWithin';
import ELAPSED from '@salesforce/label/c.Relay_WorkItem_Elapsed';
import QUEUE from '@salesforce/label/c.Relay_WorkItem_Queue';
import UNKNOWN_CUSTOMER from '@salesforce/label/c.Relay_WorkItem_UnknownCustomer';
import WRAP_UP_SAVED from '@salesforce/label/c.Relay_Interaction_WrapUpSaved';

/*
 * What the work-item panel shows for each interaction, derived from the state machine, the Apex's extra
 * facts and the time. Pure: the component only renders these rows.
 */

/** The wrap-up picker's input: the fields of RelayInteractionView it needs. */
export interface WrapUpTarget {
    id: string;
    customerName: string | null;
    wrapUpStartedAt: string | null;
    wrapUpTimeoutMs: number | null;
    /** The queue takes a code without requiring one: Done without a code finishes it. */
    optional?: boolean;
}

/** One interaction as the panel renders it. */
export interface InteractionRow {
    key: string;
    recordId?: string;
    customer: string;
    channelLabel: string;
    channelIcon: string;
    queueText?: string;
    state: InteractionState;
    stateLabel: string;
    elapsedText: string;
    /** "Answer within 0:23" while alerting with a timeout. */
    countdownText?: string;
    /** Less than ALERT_URGENT_MS left to answer. */
    urgent: boolean;
    canPickUp: boolean;
    canTransfer: boolean;
    canDisconnect: boolean;
    canDismiss: boolean;
    hasActions: boolean;
    /** Why a wrap-up is pending or was not delivered, or why Omni-Channel did not open the interaction. */
    message?: string;
    /** Set while the wrap-up picker is open for this interaction. */
    wrapUp?: WrapUpTarget;
}

/** Below this, the alert countdown is shown as urgent. */
export const ALERT_URGENT_MS = 10_000;

const CHANNELS: Record<Channel, { label: string; icon: string }> = {
    webchat: { label: CHANNEL_WEBCHAT, icon: 'standard:live_chat' },
    sms: { label: CHANNEL_SMS, icon: 'standard:sms' },
    whatsapp: { label: CHANNEL_WHATSAPP, icon: 'standard:whatsapp' },
    facebook: { label: CHANNEL_FACEBOOK, icon: 'standard:social' },
    instagram: { label: CHANNEL_INSTAGRAM, icon: 'standard:social' },
    twitter: { label: CHANNEL_TWITTER, icon: 'standard:social' },
    email: { label: CHANNEL_EMAIL, icon: 'standard:email' }
};

const STATE_LABELS: Record<InteractionState, string> = {
    alerting: STATE_ALERTING,
    connected: STATE_CONNECTED,
    transferring: STATE_TRANSFERRING,
    disconnecting: STATE_DISCONNECTING,
    wrapUp: STATE_WRAP_UP,
    wrapUpPending: STATE_WRAP_UP_PENDING,
    wrapUpFailed: STATE_WRAP_UP_FAILED,
    done: STATE_DONE
};

/** Alerts first (the agent must act on them), then the rest in the order they arrived. */
const ORDER: Record<InteractionState, number> = {
    alerting: 0,
    connected: 1,
    transferring: 1,
    disconnecting: 1,
    wrapUp: 1,
    wrapUpPending: 2,
    wrapUpFailed: 2,
    done: 3
};

export interface RowOptions {
    /** Interactions whose actions are held back (e.g. while the transfer dialog is open for them). */
    busyKeys?: ReadonlySet<string>;
}

/** The rows to show at `now` (contact-centre time): every interaction that is not over. */
export function toRows(
    interactions: readonly Interaction[],
    meta: ReadonlyMap<string, InteractionMeta>,
    now: number,
    options: RowOptions = {}
): InteractionRow[] {
    return interactions
        .filter((i) => i.state !== 'done')
        .map((i, index) => ({ i, index }))
        .sort(
            (a, b) =>
                ORDER[a.i.state] - ORDER[b.i.state] ||
                a.i.alertingStartedAt - b.i.alertingStartedAt ||
                a.index - b.index
        )
        .map(({ i }) => toRow(i, meta.get(keyOf(i)) ?? {}, now, options.busyKeys?.has(keyOf(i)) ?? false));
}

export function toRow(i: Interaction, meta: InteractionMeta, now: number, busy = false): InteractionRow {
    const actions = busy ? [] : allowedActions(i);
    const channel = CHANNELS[i.channel] ?? CHANNELS.webchat;
    const left = i.state === 'alerting' ? remainingMs(i, now) : undefined;
    const canTransfer = actions.includes('transfer') && meta.recordId !== undefined;
    const row: InteractionRow = {
        key: keyOf(i),
        recordId: meta.recordId,
        customer: i.customerName?.trim() || meta.customerAddress?.trim() || UNKNOWN_CUSTOMER,
        channelLabel: channel.label,
        channelIcon: channel.icon,
        queueText: i.queueName ? format(QUEUE, i.queueName) : undefined,
        state: i.state,
        stateLabel: STATE_LABELS[i.state],
        elapsedText: format(ELAPSED, formatDuration(now - startOf(i, meta))),
        countdownText: left === undefined ? undefined : format(ANSWER_WITHIN, formatCountdown(left)),
        urgent: left !== undefined && left < ALERT_URGENT_MS,
        canPickUp: actions.includes('pickUp'),
        canTransfer,
        canDisconnect: actions.includes('disconnect'),
        canDismiss: actions.includes('dismiss'),
        hasActions: false,
        message: messageOf(i, meta),
        wrapUp: i.state === 'wrapUp' && !i.pending && meta.recordId ? wrapUpTarget(i, meta.recordId) : undefined
    };
    row.hasActions = row.canPickUp || row.canTransfer || row.canDisconnect || row.canDismiss;
    return row;
}

/** Since when the current state has lasted: the alert, the connection, or the wrap-up. */
function startOf(i: Interaction, meta: InteractionMeta): number {
    switch (i.state) {
        case 'alerting':
            return i.alertingStartedAt;
        case 'connected':
        case 'transferring':
        case 'disconnecting':
            return meta.connectedAt ?? i.alertingStartedAt;
        default:
            return i.wrapUp?.startedAt ?? meta.connectedAt ?? i.alertingStartedAt;
    }
}

function messageOf(i: Interaction, meta: InteractionMeta): string | undefined {
    if (i.state === 'wrapUpPending') {
        return meta.message?.trim() || WRAP_UP_SAVED;
    }
    if (i.state === 'alerting' || i.state === 'connected') {
        // What the Apex says of an offer or a live conversation: Omni-Channel could not open it as a work item.
        return meta.message?.trim() || undefined;
    }
    return i.state === 'wrapUpFailed' ? i.error : undefined;
}

function wrapUpTarget(i: Interaction, recordId: string): WrapUpTarget {
    return {
        id: recordId,
        customerName: i.customerName ?? null,
        wrapUpStartedAt: i.wrapUp ? new Date(i.wrapUp.startedAt).toISOString() : null,
        wrapUpTimeoutMs: i.wrapUp?.timeoutMs ?? null,
        optional: !i.wrapUpRequired && i.wrapUpOptional === true
    };
}

/** A label with {0}, {1}, ... replaced by the arguments, as Salesforce's format does. */
export function format(template: string, ...args: Array<string | number>): string {
    return template.replace(/\{(\d+)\}/g, (whole, n: string) => {
        return Number(n) < args.length ? String(args[Number(n)]) : whole;
    });
}

/** Elapsed time as m:ss, or h:mm:ss from an hour on. Negative (clock skew) reads as 0:00. */
export function formatDuration(ms: number): string {
    const total = Math.max(0, Math.floor(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const seconds = String(total % 60).padStart(2, '0');
    return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Time left, rounded up: 0:00 only once nothing is left. */
export function formatCountdown(ms: number): string {
    return formatDuration(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}

/**
 * The items whose name contains every word of the search, ignoring case and accents ("resolu" finds
 * "Résolu"). `keep` stays in the list whatever the search, so a chosen item never silently disappears.
 */
export function filterByName<T extends { id: string; name: string }>(
    items: readonly T[],
    search: string,
    keep?: string
): T[] {
    const words = fold(search).split(/\s+/).filter(Boolean);
    return items.filter((item) => item.id === keep || words.every((word) => fold(item.name).includes(word)));
}

function fold(text: string): string {
    return text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .trim();
}
