// Preview of RelayRequiredWrapUps: the wrap-ups an agent owes. When the agent's leg ends and the contact centre
// waits for a code, a Relay_Wrap_Up__c with Status Required, owned by (private to) the agent, carries the
// conversation, the leg, its queue and the interaction; the picker, the submission and the retry work from it,
// so a transfer another agent accepts (and their sync taking the interaction over) loses nothing.
import { insertRecord, updateRecord } from './dml';
import { customerParticipant, isEnded, type GenesysConversation, type GenesysParticipant } from './genesys';
import { WRAP_UP, byConversationIds, interactionOf, viewOf as interactionView } from './interactions';
import type { Interaction, RelayInteractionView } from './interactions';
import type { ApexContext } from './types';
import type { Fields, StoredRecord } from '../server/recordStore';

export const REQUIRED = 'Required';
export const NOT_NEEDED = 'Not_Needed';
const MAX_OWED = 50;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Ended, wrap-up required, none assigned yet (RelayInteractionRecords.workState's rule). */
export function owedFor(agent: GenesysParticipant | undefined): boolean {
    return agent !== undefined && isEnded(agent) && agent.wrapupRequired === true && !agent.wrapup;
}

/** A new Required wrap-up for the agent's leg of an interaction. */
export function newFor(record: Interaction): Fields {
    return {
        Interaction__c: record.Id ?? null,
        Conversation_Id__c: record.External_Conversation_Id__c,
        Participant_Id__c: record.Agent_Participant_Id__c,
        Queue_Id__c: record.Queue_Id__c,
        Customer_Name__c: record.Customer_Name__c,
        Status__c: REQUIRED
    };
}

/** The agent's interactions in wrap-up (a disconnect, an End in the Digital tab) owe a wrap-up. */
export function requireFor(ctx: ApexContext, records: Interaction[]): void {
    keep(
        ctx,
        records
            .filter(
                (r) => r.Work_State__c === WRAP_UP && r.Assigned_Agent__c === ctx.userId && !!r.Agent_Participant_Id__c
            )
            .map(newFor)
    );
}

/** The sync: one Required record per leg that waits for a code; one whose leg no longer waits is Not Needed. */
export function reconcile(
    ctx: ApexContext,
    agents: Map<string, GenesysParticipant>,
    conversations: Map<string, GenesysConversation>
): void {
    const waiting = new Set<string>();
    const conversationIds = new Set<string>();
    for (const [conversationId, agent] of agents) {
        if (owedFor(agent)) {
            waiting.add(agent.id as string);
            conversationIds.add(conversationId);
        }
    }
    const visible = byConversationIds(ctx, conversationIds);
    const owed: Fields[] = [];
    for (const conversationId of conversationIds) {
        const agent = agents.get(conversationId) as GenesysParticipant;
        const record = visible.get(conversationId);
        const conversation = conversations.get(conversationId);
        const customerName = conversation ? customerParticipant(conversation)?.fromAddress?.name : null;
        owed.push({
            Interaction__c: record?.Id ?? null,
            Conversation_Id__c: conversationId,
            Participant_Id__c: agent.id,
            Queue_Id__c: agent.queueId?.trim() ? agent.queueId : (record?.Queue_Id__c ?? null),
            Customer_Name__c: (customerName?.trim() ? customerName : (record?.Customer_Name__c ?? null))?.slice(0, 255),
            Status__c: REQUIRED
        });
    }
    keep(ctx, owed);
    for (const wrapUp of owedByRunningUser(ctx)) {
        if (!waiting.has(String(wrapUp.fields.Participant_Id__c))) {
            updateRecord(ctx, wrapUp.id, { Status__c: NOT_NEEDED });
        }
    }
}

/** The views of wrap-ups owed on a leg that is no longer the agent's interaction's, named by the wrap-up. */
export function detachedViews(ctx: ApexContext): RelayInteractionView[] {
    return owedByRunningUser(ctx)
        .filter((w) => !isOnOwnInteraction(ctx, w.fields))
        .map((w) => wrapUpView(ctx, w, 'wrapUp', null));
}

/** Whether a wrap-up's interaction is still the running agent's, on the same leg. */
export function isOnOwnInteraction(ctx: ApexContext, wrapUp: Fields): boolean {
    const related = typeof wrapUp.Interaction__c === 'string' ? ctx.store.get(wrapUp.Interaction__c) : undefined;
    return (
        related !== undefined &&
        related.fields.Assigned_Agent__c === ctx.userId &&
        related.fields.Agent_Participant_Id__c === wrapUp.Participant_Id__c
    );
}

/** A wrap-up's view: its interaction's while that is the agent's leg, else one named by the wrap-up. */
export function wrapUpView(
    ctx: ApexContext,
    wrapUp: StoredRecord,
    state: string,
    message: string | null
): RelayInteractionView {
    let view: RelayInteractionView;
    if (isOnOwnInteraction(ctx, wrapUp.fields)) {
        view = interactionView(interactionOf(ctx.store.get(String(wrapUp.fields.Interaction__c)) as StoredRecord));
    } else {
        view = interactionView({
            ...interactionOf({ id: '', sobject: 'Relay_Interaction__c', fields: {} }),
            External_Conversation_Id__c: text(wrapUp.fields.Conversation_Id__c),
            Agent_Participant_Id__c: text(wrapUp.fields.Participant_Id__c),
            Queue_Id__c: text(wrapUp.fields.Queue_Id__c),
            Customer_Name__c: text(wrapUp.fields.Customer_Name__c),
            Channel__c: 'Chat',
            Wrap_Up_Required__c: true
        });
        view.id = wrapUp.id;
    }
    view.state = state;
    view.message = message;
    return view;
}

function keep(ctx: ApexContext, owed: Fields[]): void {
    for (const wrapUp of owed) {
        const held = ctx.store.query(
            'Relay_Wrap_Up__c',
            (f) => f.OwnerId === ctx.userId && f.Participant_Id__c === wrapUp.Participant_Id__c
        );
        const live = held.find((w) => w.fields.Status__c !== NOT_NEEDED);
        if (live) continue;
        if (held[0]) updateRecord(ctx, held[0].id, { Status__c: REQUIRED });
        else insertRecord(ctx, 'Relay_Wrap_Up__c', wrapUp);
    }
}

function owedByRunningUser(ctx: ApexContext): StoredRecord[] {
    return ctx.store
        .query('Relay_Wrap_Up__c', (f) => f.OwnerId === ctx.userId && f.Status__c === REQUIRED)
        .slice(0, MAX_OWED);
}
