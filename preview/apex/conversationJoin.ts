// Preview of RelayConversationJoin: Genesys Cloud follows the digital inbox's assignment. Join (the agent
// becomes a connected participant: already connected, pick up their offer, or replace whoever holds the
// conversation, then pick up), leave (End) and hand over to a queue (transfer) send exactly the Apex's
// requests, callouts only; recordJoin is the one write, after them.
import { CalloutError } from '../server/genesysClient';
import { RelayAgentStatusService } from './agentStatus';
import { updateRecord } from './dml';
import {
    RelayGenesysClient,
    agentParticipant,
    communicationIdOf,
    isBlank,
    isEnded,
    type GenesysConversation,
    type GenesysParticipant
} from './genesys';
import { RelayWorkItemException } from './workItemErrors';
import type { ApexContext } from './types';

const CONNECTED = 'connected';
const ALERTING = 'alerting';
/** RelayInteractionRecords.CONNECTED */
const WORK_STATE_CONNECTED = 'Connected';

export interface JoinTarget {
    Id?: string | null;
    External_Conversation_Id__c: string | null;
    Assigned_Agent__c: string | null;
    Agent_Participant_Id__c?: string | null;
    Work_State__c?: string | null;
}

/** RelayConversationJoin.Left: whether End sent a disconnect, and the agent's leg when it waits for a wrap-up code. */
export interface Left {
    disconnected: boolean;
    wrapUpLeg: GenesysParticipant | null;
}

/** RelayConversationJoin.awaitsWrapUp: ended, wrapupRequired without a wrap-up, and not an optional prompt. */
export function awaitsWrapUp(p: GenesysParticipant | null): p is GenesysParticipant {
    return (
        p !== null &&
        isEnded(p) &&
        p.wrapupRequired === true &&
        p.wrapup === null &&
        (p.wrapupPrompt ?? '').toLowerCase() !== 'optional'
    );
}

export interface Joined {
    conversation: GenesysConversation;
    participant: GenesysParticipant;
    changed: boolean;
}

const isActive = (p: GenesysParticipant): boolean => p.state === CONNECTED || p.state === ALERTING;
const activeOrNull = (p: GenesysParticipant | null): GenesysParticipant | null => (p && isActive(p) ? p : null);

function hasEnded(conversation: GenesysConversation): boolean {
    const customer = conversation.participants.find((p) => p.purpose === 'customer');
    return !customer || isEnded(customer);
}

/** The queue while the conversation waits (connected acd), else the latest active agent who is not `me`. */
function holderOf(conversation: GenesysConversation, me: string | null): GenesysParticipant | null {
    let agent: GenesysParticipant | null = null;
    for (const p of conversation.participants) {
        if (p.purpose === 'acd' && p.state === CONNECTED) return p;
        if (p.purpose === 'agent' && p.userId !== me && isActive(p)) agent = p;
    }
    return agent;
}

export function communicationIdOfJoined(joined: Joined): string {
    const id = communicationIdOf(joined.participant);
    if (id === null) {
        throw new CalloutError(
            'NOT_FOUND',
            `Participant ${joined.participant.id ?? ''} has no message communication in ${joined.conversation.id ?? ''}`
        );
    }
    return id;
}

export class RelayConversationJoin {
    private genesysUserIdValue: string | null = null;

    constructor(
        private readonly ctx: ApexContext,
        private readonly client: RelayGenesysClient = new RelayGenesysClient(ctx)
    ) {}

    async genesysUserId(): Promise<string | null> {
        if (this.genesysUserIdValue === null) {
            this.genesysUserIdValue = await new RelayAgentStatusService(this.ctx, this.client).genesysUserId();
        }
        return this.genesysUserIdValue;
    }

    async connect(interaction: JoinTarget): Promise<Joined> {
        const conversationId = interaction.External_Conversation_Id__c;
        if (isBlank(conversationId))
            throw new RelayWorkItemException(this.ctx.label('Relay_Error_InteractionNotFound'));
        const me = await this.genesysUserId();
        let conversation = await this.client.getConversation(conversationId);
        let mine = activeOrNull(agentParticipant(conversation, me));
        if (mine && mine.state === CONNECTED) return { conversation, participant: mine, changed: false };
        if (interaction.Assigned_Agent__c !== this.ctx.userId) {
            throw new RelayWorkItemException(this.ctx.label('Relay_Inbox_NotAssignedToYou'));
        }
        if (hasEnded(conversation)) throw new RelayWorkItemException(this.ctx.label('Relay_Inbox_CustomerLeft'));
        if (!mine) {
            const holder = holderOf(conversation, me);
            if (!holder) throw new RelayWorkItemException(this.ctx.label('Relay_Inbox_JoinNotYet'));
            await this.client.replaceWithAgent(conversationId, holder.id, me);
            conversation = await this.client.getConversation(conversationId);
            mine = activeOrNull(agentParticipant(conversation, me));
            if (!mine) throw new RelayWorkItemException(this.ctx.label('Relay_Inbox_JoinNotYet'));
        }
        if (mine.state !== CONNECTED) {
            await this.client.pickUp(conversationId, mine.id);
            mine.state = CONNECTED;
        }
        return { conversation, participant: mine, changed: true };
    }

    async leave(conversationId: string | null): Promise<boolean> {
        return (await this.endLeg(conversationId)).disconnected;
    }

    /** End: disconnect when active, then read again (Genesys Cloud decides about after-call work at the disconnect). */
    async endLeg(conversationId: string | null): Promise<Left> {
        let mine = await this.myParticipant(conversationId);
        let disconnected = false;
        if (mine && isActive(mine)) {
            await this.client.disconnect(conversationId, mine.id);
            disconnected = true;
            const id = mine.id;
            mine = (await this.myConversation(conversationId))?.participants.find((p) => p.id === id) ?? null;
        }
        return { disconnected, wrapUpLeg: awaitsWrapUp(mine) ? mine : null };
    }

    async handOver(conversationId: string | null, genesysQueueId: string): Promise<boolean> {
        const mine = await this.myActiveParticipant(conversationId);
        if (!mine) return false;
        if (mine.state !== CONNECTED) await this.client.pickUp(conversationId, mine.id);
        await this.client.transferToQueue(conversationId, mine.id, genesysQueueId);
        return true;
    }

    private async myActiveParticipant(conversationId: string | null): Promise<GenesysParticipant | null> {
        return activeOrNull(await this.myParticipant(conversationId));
    }

    /** The agent's latest participant, active or not; null when there is none or the conversation is gone. */
    private async myParticipant(conversationId: string | null): Promise<GenesysParticipant | null> {
        if (isBlank(conversationId)) return null;
        const me = await this.genesysUserId();
        const conversation = await this.myConversation(conversationId);
        return conversation ? agentParticipant(conversation, me) : null;
    }

    private async myConversation(conversationId: string | null): Promise<GenesysConversation | null> {
        try {
            return await this.client.getConversation(conversationId);
        } catch (failure) {
            if (failure instanceof CalloutError && failure.kind === 'NOT_FOUND') return null;
            throw failure;
        }
    }
}

/** RelayConversationJoin.recordJoin: the joined leg on the interaction, after the callouts (best effort). */
export function recordJoin(ctx: ApexContext, interaction: JoinTarget, joined: Joined): void {
    if (
        !interaction.Id ||
        (interaction.Agent_Participant_Id__c === joined.participant.id &&
            interaction.Work_State__c === WORK_STATE_CONNECTED)
    ) {
        return;
    }
    updateRecord(ctx, interaction.Id, {
        Agent_Participant_Id__c: joined.participant.id,
        Work_State__c: WORK_STATE_CONNECTED
    });
    interaction.Agent_Participant_Id__c = joined.participant.id;
    interaction.Work_State__c = WORK_STATE_CONNECTED;
}
