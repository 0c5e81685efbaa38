// Preview of RelayWorkItemService: reconciles Relay's interactions with what Genesys Cloud lists for the
// agent (routing new offers to the agent as Omni-Channel work), picks up and disconnects. Callouts first,
// then writes, as Apex requires; the same requests in the same order as the Apex.
import { CalloutError } from '../server/genesysClient';
import { RelayAgentStatusService } from './agentStatus';
import {
    RelayGenesysClient,
    agentParticipant,
    isEnded,
    type GenesysConversation,
    type GenesysParticipant
} from './genesys';
import {
    ALERTING,
    CONNECTED,
    DONE,
    WRAP_UP,
    WRAP_UP_PENDING,
    apply,
    assignedToRunningUser,
    byConversationIds,
    heldByAgentExcept,
    moveTo,
    save,
    takeOver,
    updateInteraction,
    viewOf,
    withTimes,
    workState,
    type Interaction,
    type RelayInteractionView
} from './interactions';
import { RelayWrapUpService } from './wrapUpService';
import { detachedViews, reconcile as reconcileOwedWrapUps, requireFor } from './requiredWrapUps';
import { route, routingOf } from './workItemRouter';
import { RelayWorkItemException } from './workItemErrors';
import type { ApexContext } from './types';

const ROUTABLE_STATES = new Set([ALERTING, CONNECTED]);
const DISCONNECTED_STATES = new Set([WRAP_UP, WRAP_UP_PENDING, DONE]);

/** A JSON-comparable copy of a record's fields (getPopulatedFieldsAsMap). */
const fieldsKey = (record: Interaction): string => JSON.stringify(Object.entries(record).sort());

export class RelayWorkItemService {
    private readonly client: RelayGenesysClient;

    constructor(
        private readonly ctx: ApexContext,
        client?: RelayGenesysClient
    ) {
        this.client = client ?? new RelayGenesysClient(ctx);
    }

    /** Reconciles with Genesys Cloud; returns the views of the agent's interactions, ended ones and wrap-ups held. */
    async sync(): Promise<RelayInteractionView[]> {
        const ctx = this.ctx;
        const userId = ctx.userId;
        const { conversations, agents, routedToAgent } = await this.readSnapshot();

        takeOver(ctx, routedToAgent);
        const existing = byConversationIds(ctx, new Set(agents.keys()));
        const changed: Interaction[] = [];
        const current: Interaction[] = [];
        const newConversations = new Set<string>();
        for (const [conversationId, agent] of agents) {
            const before = existing.get(conversationId) ?? null;
            if (
                before !== null &&
                before.Assigned_Agent__c !== userId &&
                (isEnded(agent) || before.Agent_Participant_Id__c === agent.id)
            ) {
                // The conversation went on to someone else; the agent's ended leg is not theirs to reopen. Nor is a
                // leg the inbox moved away from them (a transfer to an unmapped digital queue): the next join takes it.
                continue;
            }
            const record = apply(ctx, before, conversations.get(conversationId) as GenesysConversation, agent, userId);
            if (before?.Agent_Participant_Id__c !== agent.id) newConversations.add(conversationId);
            if (before === null || fieldsKey(before) !== fieldsKey(record)) changed.push(record);
            else current.push(record);
        }
        current.push(...save(ctx, changed));
        const newOffers = new Set(
            current.filter((r) => newConversations.has(r.External_Conversation_Id__c ?? '')).map((r) => r.Id as string)
        );

        const ended = heldByAgentExcept(ctx, userId, new Set(agents.keys()));
        const endedMessages = new Map<string, string>();
        for (const record of ended) {
            endedMessages.set(
                record.Id as string,
                ctx.label(
                    record.Work_State__c === ALERTING
                        ? 'Relay_Interaction_NotAnswered'
                        : 'Relay_Interaction_EndedElsewhere'
                )
            );
            moveTo(record, DONE);
            updateInteraction(ctx, record);
        }

        const workItems = this.routeNewWork(current, newOffers, userId);
        const views: RelayInteractionView[] = [];
        for (const record of current) {
            const agent = agents.get(record.External_Conversation_Id__c ?? '') as GenesysParticipant;
            const view = withTimes(
                viewOf(record),
                agent.startAlertingTime ?? agent.startTime,
                agent.connectedTime,
                isEnded(agent) ? agent.endTime : null
            );
            view.workItemId = workItems.get(record.Id as string) ?? null;
            views.push(view);
        }
        for (const record of ended)
            views.push({ ...viewOf(record), message: endedMessages.get(record.Id as string) ?? null });
        const wrapUps = new RelayWrapUpService(ctx, this.client);
        const result = withPendingWrapUps(views, wrapUps.pendingViews());
        wrapUps.resumeOverdue();
        return result;
    }

    /**
     * RelayWorkItemService.syncOwedWrapUps: the wrap-ups the agent owes, reconciled with the same read as sync; returns
     * the views of those owed on a leg that is no longer the agent's interaction.
     */
    async syncOwedWrapUps(): Promise<RelayInteractionView[]> {
        const { conversations, agents } = await this.readSnapshot();
        // The wrap-ups the agent owes are the agent's own records: one whose interaction went on to another agent
        // (a transfer accepted before the agent's wrap-up) is still listed, and can still be submitted.
        reconcileOwedWrapUps(this.ctx, agents, conversations);
        return detachedViews(this.ctx);
    }

    // The conversations Genesys Cloud lists for the agent, each with the agent's own participant (callouts only).
    private async readSnapshot(): Promise<{
        conversations: Map<string, GenesysConversation>;
        agents: Map<string, GenesysParticipant>;
        routedToAgent: Map<string, string>;
    }> {
        const genesysUserId = await new RelayAgentStatusService(this.ctx, this.client).genesysUserId();
        const conversations = new Map<string, GenesysConversation>();
        const agents = new Map<string, GenesysParticipant>();
        const routedToAgent = new Map<string, string>();
        for (const conversation of await this.client.getMyMessageConversations()) {
            const agent = agentParticipant(conversation, genesysUserId);
            if (agent && conversation.id?.trim() && agent.id?.trim()) {
                conversations.set(conversation.id, conversation);
                agents.set(conversation.id, agent);
                if (!isEnded(agent)) routedToAgent.set(conversation.id, agent.id);
            }
        }
        return { conversations, agents, routedToAgent };
    }

    /** Picks up an alerting interaction; picking up one already connected changes nothing. */
    async pickUp(interactionId: string): Promise<RelayInteractionView> {
        const record = await assignedToRunningUser(this.ctx, interactionId, true);
        if (record.Work_State__c === CONNECTED) {
            return { ...viewOf(record), workItemId: this.workItemOf(record, true) };
        }
        if (record.Work_State__c !== ALERTING) {
            throw new RelayWorkItemException(this.ctx.label('Relay_PickUp_NotAlerting'));
        }
        await this.client.pickUp(record.External_Conversation_Id__c, record.Agent_Participant_Id__c);
        const connectedAt = this.ctx.now();
        moveTo(record, CONNECTED);
        updateInteraction(this.ctx, record);
        const view = withTimes(viewOf(record), null, connectedAt, null);
        view.workItemId = this.workItemOf(record, true);
        return view;
    }

    /** Disconnects the agent exactly once: already disconnected (here or in Genesys Cloud) is not an error. */
    async disconnect(interactionId: string): Promise<RelayInteractionView> {
        const record = await assignedToRunningUser(this.ctx, interactionId, true);
        if (DISCONNECTED_STATES.has(record.Work_State__c ?? '')) {
            return { ...viewOf(record), workItemId: this.workItemOf(record, false) };
        }
        let nextState = record.Wrap_Up_Required__c ? WRAP_UP : DONE;
        try {
            await this.client.disconnect(record.External_Conversation_Id__c, record.Agent_Participant_Id__c);
        } catch (failure) {
            if (!(failure instanceof CalloutError)) throw failure;
            nextState = await this.stateIfAlreadyDisconnected(record, failure);
        }
        const disconnectedAt = this.ctx.now();
        moveTo(record, nextState);
        updateInteraction(this.ctx, record);
        requireFor(this.ctx, [record]);
        const view = withTimes(viewOf(record), null, null, nextState === WRAP_UP ? disconnectedAt : null);
        view.workItemId = this.workItemOf(record, false);
        return view;
    }

    // Genesys Cloud refuses to disconnect a participant that is gone (404) or already disconnected (4xx); then
    // the conversation says where the participant stands. Any other failure, or a participant still there, is
    // reported.
    private async stateIfAlreadyDisconnected(record: Interaction, failure: CalloutError): Promise<string> {
        if (failure.kind !== 'NOT_FOUND' && failure.kind !== 'BAD_REQUEST') throw failure;
        let conversation: GenesysConversation;
        try {
            conversation = await this.client.getMessageConversation(record.External_Conversation_Id__c);
        } catch (unreadable) {
            if (!(unreadable instanceof CalloutError) || unreadable.kind !== 'NOT_FOUND') throw failure;
            return DONE;
        }
        const participant = conversation.participants.find((p) => p.id === record.Agent_Participant_Id__c);
        if (!participant) return DONE;
        if (!isEnded(participant)) throw failure;
        return workState(null, participant);
    }

    // Omni-Channel work is how the console opens the interaction; when Omni-Channel refuses, the agent keeps
    // working from the panel.
    private routeNewWork(records: Interaction[], newOffers: Set<string>, userId: string): Map<string, string> {
        const routable = records.filter((r) => ROUTABLE_STATES.has(r.Work_State__c ?? ''));
        const workItems = new Map<string, string>();
        if (routable.length === 0) return workItems;
        try {
            const routing = routingOf(this.ctx, new Set(routable.map((r) => r.Id as string)), userId);
            routing.openWork.forEach((work, id) => workItems.set(id, work));
            // Route each offer once: work the agent declined or closed is not pushed again, unless Genesys Cloud
            // offers the conversation again (a new participant). An interaction the agent works in the Digital tab
            // is not Omni-Channel work: a record tab would take them away from it (its open work is still shown).
            const toRoute = routable.filter((r) => {
                const id = r.Id as string;
                return (
                    (newOffers.has(id) || !routing.routed.has(id)) && !routing.openWork.has(id) && !r.Worked_In_Inbox__c
                );
            });
            route(this.ctx, toRoute, userId).forEach((work, id) => workItems.set(id, work));
        } catch (omniFailure) {
            console.error(`preview: Relay could not route Omni-Channel work: ${String(omniFailure)}`);
        }
        return workItems;
    }

    private workItemOf(record: Interaction, routeIfMissing: boolean): string | null {
        const id = record.Id as string;
        if (routeIfMissing) return this.routeNewWork([record], new Set(), this.ctx.userId).get(id) ?? null;
        return routingOf(this.ctx, new Set([id]), this.ctx.userId).openWork.get(id) ?? null;
    }
}

/** A wrap-up Relay still holds is shown as such, on the interaction's own view when the list has one. */
function withPendingWrapUps(views: RelayInteractionView[], pending: RelayInteractionView[]): RelayInteractionView[] {
    const byId = new Map(views.map((v) => [v.id, v]));
    for (const wrapUp of pending) {
        const known = wrapUp.id === null ? undefined : byId.get(wrapUp.id);
        if (known) {
            known.state = wrapUp.state;
            known.message = wrapUp.message;
        } else {
            views.push(wrapUp);
        }
    }
    return views;
}
