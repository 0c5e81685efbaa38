// ACD routing and after-call work: who is IDLE, who gets the next offer, what happens when an offer or
// a wrap-up times out. Works on the ContactCentre's state; ContactCentre calls it after every change.
import type { Clock } from './clock';
import type { SimEventInput, SimEventType } from './events';
import {
    WRAP_UP_TIMEOUT_CODE,
    type AcwPrompt,
    type Conversation,
    type Participant,
    type PresenceDefinitionSeed,
    type QueueSeed,
    type RoutingStatus,
    type UserState,
    type WrapUpCodeSeed
} from './model';

/** What Acd needs from the ContactCentre. */
export interface AcdHost {
    readonly clock: Clock;
    readonly users: Map<string, UserState>;
    readonly queues: Map<string, QueueSeed>;
    readonly conversations: Map<string, Conversation>;
    readonly publish: (event: SimEventInput) => void;
    queue(queueId: string): QueueSeed;
    presenceOf(user: UserState): PresenceDefinitionSeed;
    codesForQueue(queueId: string | undefined): WrapUpCodeSeed[];
    addParticipant(
        conversation: Conversation,
        fields: Pick<Participant, 'purpose' | 'state' | 'direction' | 'name'> & Partial<Participant>
    ): Participant;
    conversationIdOf(p: Participant): string;
    emit(type: SimEventType, conversation: Conversation, p: Participant, data: Record<string, unknown>): void;
}

/** Participant-level prompt strings (reference §4, unverified upstream but stable here). */
const PARTICIPANT_PROMPT: Record<AcwPrompt, string> = {
    MANDATORY: 'mandatory',
    OPTIONAL: 'optional',
    MANDATORY_TIMEOUT: 'timeout',
    MANDATORY_FORCED_TIMEOUT: 'forcedTimeout',
    AGENT_REQUESTED: 'agentRequested'
};
const REQUIRES_WRAP_UP = new Set<AcwPrompt>(['MANDATORY', 'MANDATORY_TIMEOUT', 'MANDATORY_FORCED_TIMEOUT']);

export class Acd {
    constructor(private readonly host: AcdHost) {}

    // ----- routing -------------------------------------------------------------------------------

    /** Recomputes routing statuses, then offers queued conversations (oldest first) to idle agents. */
    settle(): void {
        this.refreshStatuses();
        const queued = [...this.host.conversations.values()]
            .filter((c) => isQueued(c))
            .sort((a, b) => a.queuedSince - b.queuedSince);
        for (const conversation of queued) {
            const agent = this.nextAgent(conversation.queueId);
            if (agent === undefined) continue;
            this.offer(conversation, agent);
            this.refreshStatuses();
        }
    }

    routingStatusOf(user: UserState): RoutingStatus {
        if (this.host.presenceOf(user).systemPresence !== 'OnQueue') return 'OFF_QUEUE';
        if (user.notResponding) return 'NOT_RESPONDING';
        const busy = [...this.host.conversations.values()].some((c) =>
            c.participants.some((p) => p.userId === user.agent.id && (isActive(p) || acwPending(p)))
        );
        return busy ? 'INTERACTING' : 'IDLE';
    }

    private refreshStatuses(): void {
        for (const user of this.host.users.values()) {
            const status = this.routingStatusOf(user);
            if (status === user.routingStatus) continue;
            user.routingStatus = status;
            user.routingSince = this.host.clock.now();
            this.host.publish({
                type: 'user.routingStatusChanged',
                conversationId: null,
                participantId: null,
                userId: user.agent.id,
                queueId: null,
                channel: null,
                data: { status }
            });
        }
    }

    /** The joined, idle member who has been idle longest. */
    private nextAgent(queueId: string): UserState | undefined {
        const queue = this.host.queues.get(queueId);
        return (queue?.members ?? [])
            .filter((m) => m.joined)
            .flatMap((m) => this.host.users.get(m.userId) ?? [])
            .filter((u) => u.routingStatus === 'IDLE')
            .sort((a, b) => a.routingSince - b.routingSince || a.agent.id.localeCompare(b.agent.id))[0];
    }

    /** Offers a conversation to one agent, whoever routing would pick (a replace with an agent). */
    offerTo(conversation: Conversation, user: UserState): void {
        this.offer(conversation, user);
    }

    private offer(conversation: Conversation, user: UserState): void {
        const queue = this.host.queue(conversation.queueId);
        const alertingTimeoutMs = queue.alertingTimeoutSeconds * 1000;
        const p = this.host.addParticipant(conversation, {
            purpose: 'agent',
            state: 'alerting',
            direction: conversation.direction,
            name: user.agent.name,
            userId: user.agent.id,
            queueId: queue.id,
            startAlertingTime: this.host.clock.now(),
            alertingTimeoutMs,
            // Genesys lists the queue's wrap-up settings on the agent participant from the offer on (reference §9.1).
            ...wrapUpSettings(queue)
        });
        p.alertTimer = this.host.clock.setTimer(() => this.onAlertTimeout(conversation.id, p.id), alertingTimeoutMs);
        this.host.emit('conversation.alerting', conversation, p, {
            alertingTimeoutMs,
            customerName: conversation.customerName,
            customerAddress: conversation.customerAddress,
            transferred: conversation.transfers.length > 0
        });
    }

    private onAlertTimeout(conversationId: string, participantId: string): void {
        const conversation = this.host.conversations.get(conversationId);
        const p = conversation?.participants.find((x) => x.id === participantId);
        if (conversation === undefined || p === undefined || p.state !== 'alerting') return;
        this.endLeg(p, 'timeout');
        const user = this.host.users.get(p.userId ?? '');
        if (user !== undefined) user.notResponding = true;
        this.host.emit('conversation.disconnected', conversation, p, { disconnectedBy: 'system', reason: 'timeout' });
        this.settle();
    }

    withdrawOffers(userId: string, reason: string): void {
        for (const conversation of this.host.conversations.values()) {
            for (const p of conversation.participants) {
                if (p.userId === userId && p.state === 'alerting') {
                    this.endLeg(p, 'client');
                    this.host.emit('conversation.disconnected', conversation, p, { disconnectedBy: 'agent', reason });
                }
            }
        }
    }

    // ----- legs and after-call work -------------------------------------------------------------

    endLeg(p: Participant, disconnectType: string): void {
        this.host.clock.clearTimer(p.alertTimer);
        p.state = 'disconnected';
        p.endTime = this.host.clock.now();
        p.disconnectType = disconnectType;
    }

    /** Ends a connected agent leg and starts after-call work per the queue's ACW settings. */
    endAgentLeg(p: Participant, disconnectType: string): void {
        this.endLeg(p, disconnectType);
        Object.assign(p, wrapUpSettings(this.host.queues.get(p.queueId ?? '')));
        if (!p.wrapupRequired) return;
        p.startAcwTime = this.host.clock.now();
        if (p.wrapupTimeoutMs !== undefined) {
            const conversationId = this.host.conversationIdOf(p);
            p.wrapUpTimer = this.host.clock.setTimer(
                () => this.onWrapUpTimeout(conversationId, p.id),
                p.wrapupTimeoutMs
            );
        }
        // A code chosen while connected completes ACW at once, unless the queue forbids leaving early.
        if (p.wrapup !== undefined && !this.isForced(p)) this.endAcw(p);
    }

    announceWrapUp(conversation: Conversation, p: Participant): void {
        if (!acwPending(p)) return;
        this.host.emit('conversation.wrapUpRequired', conversation, p, {
            wrapUpPrompt: p.wrapupPrompt ?? null,
            wrapUpTimeoutMs: p.wrapupTimeoutMs ?? null,
            codes: this.host.codesForQueue(p.queueId).map((c) => ({ id: c.id, name: c.name }))
        });
    }

    private onWrapUpTimeout(conversationId: string, participantId: string): void {
        const conversation = this.host.conversations.get(conversationId);
        const p = conversation?.participants.find((x) => x.id === participantId);
        if (conversation === undefined || p === undefined || p.endAcwTime !== undefined) return;
        const applied = p.wrapup === undefined;
        if (applied) {
            p.wrapup = {
                code: WRAP_UP_TIMEOUT_CODE,
                name: WRAP_UP_TIMEOUT_CODE,
                durationSeconds: Math.round((p.wrapupTimeoutMs ?? 0) / 1000),
                endTime: new Date(this.host.clock.now()).toISOString()
            };
        }
        this.endAcw(p);
        if (applied) {
            this.host.emit('conversation.wrapUpSubmitted', conversation, p, {
                wrapUpCode: WRAP_UP_TIMEOUT_CODE,
                wrapUpName: WRAP_UP_TIMEOUT_CODE,
                notes: null,
                source: 'timeout'
            });
        }
        this.settle();
    }

    endAcw(p: Participant): void {
        this.host.clock.clearTimer(p.wrapUpTimer);
        p.wrapUpTimer = undefined;
        p.endAcwTime = this.host.clock.now();
    }

    isForced(p: Participant): boolean {
        return p.wrapupPrompt === PARTICIPANT_PROMPT.MANDATORY_FORCED_TIMEOUT;
    }
}

export function activeAgent(c: Conversation): Participant | undefined {
    return c.participants.find((p) => p.purpose === 'agent' && isActive(p));
}

export function isActive(p: Participant): boolean {
    return p.state === 'alerting' || p.state === 'connected';
}

/** Disconnected after being connected, wrap-up required, and ACW not finished yet. */
export function acwPending(p: Participant): boolean {
    return (
        p.purpose === 'agent' &&
        p.state === 'disconnected' &&
        p.wrapupRequired === true &&
        p.startAcwTime !== undefined &&
        p.endAcwTime === undefined
    );
}

/**
 * The participant's wrap-up fields for a queue's ACW setting (the timeout only for a time-boxed wrap-up): an agent
 * routed from the queue, or one who started or took over a conversation on its behalf (seed 003: "complete any
 * after call work necessary for the interaction").
 */
export function wrapUpSettings(
    queue: QueueSeed | undefined
): Pick<Participant, 'wrapupPrompt' | 'wrapupRequired' | 'wrapupTimeoutMs'> {
    const acw = queue?.acw ?? { wrapupPrompt: 'OPTIONAL' };
    const timed = acw.wrapupPrompt === 'MANDATORY_TIMEOUT' || acw.wrapupPrompt === 'MANDATORY_FORCED_TIMEOUT';
    return {
        wrapupPrompt: PARTICIPANT_PROMPT[acw.wrapupPrompt],
        wrapupRequired: REQUIRES_WRAP_UP.has(acw.wrapupPrompt),
        wrapupTimeoutMs: timed ? acw.timeoutMs : undefined
    };
}

function isQueued(c: Conversation): boolean {
    return (
        c.endTime === undefined &&
        c.participants.some((p) => p.purpose === 'acd' && p.state === 'connected') &&
        !c.participants.some((p) => p.purpose === 'agent' && isActive(p))
    );
}
