// The contact centre: presence, routing status, ACD offers, conversations, transfers and after-call work.
// Transport-free: the HTTP layer and the control API call these methods; refusals are SimErrors.
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import { SimError, invalidValue, notFound } from './errors';
import type { SimEventInput, SimEventType } from './events';
import {
    CHANNELS,
    MESSENGER_TYPE,
    WRAP_UP_TIMEOUT_CODE,
    type AcwPrompt,
    type Channel,
    type Conversation,
    type ExternalContactSeed,
    type InboundStart,
    type Participant,
    type PresenceDefinitionSeed,
    type QueueSeed,
    type RoutingStatus,
    type SeedData,
    type TranscriptEntry,
    type UserState,
    type WrapUpCodeSeed
} from './model';

export interface WrapUpInput {
    code: string;
    name?: string;
    notes?: string;
    tags?: string[];
    durationSeconds?: number;
    endTime?: string;
}

export interface OutboundInput {
    queueId: string;
    toAddress: string;
    toAddressMessengerType: 'sms' | 'open' | 'whatsapp';
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
const OUTBOUND_CHANNEL: Record<OutboundInput['toAddressMessengerType'], Channel> = {
    sms: 'sms',
    whatsapp: 'whatsapp',
    open: 'email'
};
const SMS_MAX_LENGTH = 765;

export class ContactCentre {
    readonly users = new Map<string, UserState>();
    readonly queues = new Map<string, QueueSeed>();
    readonly wrapUpCodes = new Map<string, WrapUpCodeSeed>();
    readonly presences = new Map<string, PresenceDefinitionSeed>();
    readonly contacts: ExternalContactSeed[];
    readonly conversations = new Map<string, Conversation>();
    readonly defaultAgentId: string;

    constructor(
        private readonly clock: Clock,
        seedData: SeedData,
        private readonly publish: (event: SimEventInput) => void
    ) {
        const seed = structuredClone(seedData);
        const available = seed.presenceDefinitions.find((p) => p.systemPresence === 'Available');
        if (available === undefined) throw new Error('seed: an Available presence definition is required');
        if (!seed.presenceDefinitions.some((p) => p.systemPresence === 'OnQueue')) {
            throw new Error('seed: an OnQueue presence definition is required');
        }
        for (const p of seed.presenceDefinitions) this.presences.set(p.id, p);
        for (const c of seed.wrapUpCodes) this.wrapUpCodes.set(c.id, c);
        for (const q of seed.queues) this.queues.set(q.id, q);
        const now = clock.now();
        for (const agent of seed.agents) {
            this.users.set(agent.id, {
                agent,
                presenceId: available.id,
                presenceModified: now,
                notResponding: false,
                routingStatus: 'OFF_QUEUE',
                routingSince: now
            });
        }
        if (!this.users.has(seed.defaultAgentId)) throw new Error('seed: defaultAgentId is not an agent');
        this.defaultAgentId = seed.defaultAgentId;
        this.contacts = seed.externalContacts;
        for (const start of seed.conversations) this.startInbound(start);
    }

    /** Cancels every pending alerting and wrap-up timer (reset and shutdown). */
    dispose(): void {
        for (const c of this.conversations.values()) {
            for (const p of c.participants) {
                this.clock.clearTimer(p.alertTimer);
                this.clock.clearTimer(p.wrapUpTimer);
            }
        }
    }

    // ----- lookups -------------------------------------------------------------------------------

    user(userId: string): UserState {
        const user = this.users.get(userId);
        if (user === undefined) throw notFound('user', userId);
        return user;
    }

    queue(queueId: string): QueueSeed {
        const queue = this.queues.get(queueId);
        if (queue === undefined) throw notFound('queue', queueId);
        return queue;
    }

    findQueue(idOrName: string): QueueSeed | undefined {
        const wanted = idOrName.toLowerCase();
        return this.queues.get(idOrName) ?? [...this.queues.values()].find((q) => q.name.toLowerCase() === wanted);
    }

    conversation(conversationId: string): Conversation {
        const conversation = this.conversations.get(conversationId);
        if (conversation === undefined) throw notFound('conversation', conversationId);
        return conversation;
    }

    participant(conversation: Conversation, participantId: string): Participant {
        const participant = conversation.participants.find((p) => p.id === participantId);
        if (participant === undefined) throw notFound('participant', participantId);
        return participant;
    }

    presenceOf(user: UserState): PresenceDefinitionSeed {
        const presence = this.presences.get(user.presenceId);
        if (presence === undefined) throw new Error(`presence ${user.presenceId} vanished`);
        return presence;
    }

    codesForQueue(queueId: string | undefined): WrapUpCodeSeed[] {
        const queue = queueId === undefined ? undefined : this.queues.get(queueId);
        return (queue?.wrapUpCodeIds ?? []).flatMap((id) => this.wrapUpCodes.get(id) ?? []);
    }

    /** Message conversations the agent is working: alerting, connected, or waiting for their wrap-up. */
    activeConversationsFor(userId: string): Conversation[] {
        return [...this.conversations.values()].filter((c) =>
            c.participants.some((p) => p.userId === userId && (isActive(p) || acwPending(p)))
        );
    }

    // ----- presence and routing status ------------------------------------------------------------

    setPresence(userId: string, presenceId: string, message?: string): UserState {
        const user = this.user(userId);
        const presence = this.presences.get(presenceId);
        if (presence === undefined) {
            throw invalidValue('presenceDefinition.id', `Presence definition ${presenceId} does not exist`);
        }
        user.presenceId = presence.id;
        user.presenceMessage = message;
        user.presenceModified = this.clock.now();
        user.notResponding = false;
        this.publish({
            type: 'user.presence_changed',
            conversationId: null,
            participantId: null,
            userId,
            queueId: null,
            channel: null,
            data: { presenceDefinitionId: presence.id, systemPresence: presence.systemPresence, label: presence.label }
        });
        if (presence.systemPresence !== 'OnQueue') this.withdrawOffers(userId, 'offQueue');
        this.settle();
        return user;
    }

    setPresenceBySystemName(userId: string, systemPresence: string): UserState {
        const presence = [...this.presences.values()].find((p) => p.systemPresence === systemPresence);
        if (presence === undefined) throw invalidValue('systemPresence', `No presence definition for ${systemPresence}`);
        return this.setPresence(userId, presence.id);
    }

    /** PUT routingstatus: IDLE clears NOT_RESPONDING while On Queue; OFF_QUEUE takes the user off queue. */
    setRoutingStatus(userId: string, status: RoutingStatus): UserState {
        const user = this.user(userId);
        const onQueue = this.presenceOf(user).systemPresence === 'OnQueue';
        if (status === 'IDLE') {
            if (!onQueue) {
                throw invalidValue('status', 'Routing status cannot put a user on queue; set an On Queue presence instead');
            }
            user.notResponding = false;
        } else if (status === 'OFF_QUEUE') {
            if (onQueue) return this.setPresenceBySystemName(userId, 'Available');
        } else {
            throw invalidValue('status', `Routing status ${status} is set by the system, not by a request`);
        }
        this.settle();
        return user;
    }

    setQueueMembership(userId: string, queueId: string, joined: boolean): void {
        this.user(userId);
        const queue = this.queue(queueId);
        const member = queue.members.find((m) => m.userId === userId);
        if (member === undefined) queue.members.push({ userId, joined });
        else member.joined = joined;
        this.settle();
    }

    // ----- customer side ----------------------------------------------------------------------

    startInbound(start: InboundStart): Conversation {
        if (!CHANNELS.includes(start.channel)) {
            throw invalidValue('channel', `Channel must be one of: ${CHANNELS.join(', ')}`);
        }
        const queue = this.findQueue(start.queue);
        if (queue === undefined) throw invalidValue('queue', `Queue ${start.queue} does not exist`);
        const now = this.clock.now();
        const conversation: Conversation = {
            id: randomUUID(),
            channel: start.channel,
            messengerType: MESSENGER_TYPE[start.channel],
            direction: 'inbound',
            customerName: start.customerName,
            customerAddress: start.customerAddress,
            externalContactId: this.contactFor(start.customerAddress)?.id,
            queueId: queue.id,
            queuedSince: now,
            startTime: now,
            participants: [],
            transcript: [],
            transfers: []
        };
        this.conversations.set(conversation.id, conversation);
        const customer = this.addParticipant(conversation, {
            purpose: 'customer',
            state: 'connected',
            direction: 'inbound',
            name: start.customerName,
            address: start.customerAddress,
            connectedTime: now
        });
        this.addParticipant(conversation, {
            purpose: 'acd',
            state: 'connected',
            direction: 'inbound',
            name: queue.name,
            queueId: queue.id,
            connectedTime: now
        });
        this.emit('conversation.queued', conversation, customer, {
            reason: 'inbound',
            customerName: start.customerName,
            customerAddress: start.customerAddress
        });
        if (start.text !== undefined && start.text !== '') this.appendCustomerMessage(conversation, customer, start.text);
        this.settle();
        return conversation;
    }

    customerReply(conversationId: string, text: string): TranscriptEntry {
        const conversation = this.conversation(conversationId);
        const customer = this.customerOf(conversation);
        if (customer.state !== 'connected') {
            throw new SimError(409, 'conversation.error.conversation.state', `Conversation ${conversationId} has ended`);
        }
        const entry = this.appendCustomerMessage(conversation, customer, text);
        this.settle();
        return entry;
    }

    customerDisconnect(conversationId: string): Conversation {
        const conversation = this.conversation(conversationId);
        const customer = this.customerOf(conversation);
        if (customer.state === 'disconnected') return conversation;
        const ended: Participant[] = [];
        for (const p of conversation.participants) {
            if (p.purpose === 'agent' && p.state === 'alerting') this.endLeg(p, 'peer');
            else if (p.purpose === 'agent' && p.state === 'connected') {
                this.endAgentLeg(p, 'peer');
                ended.push(p);
            } else if (p.state !== 'disconnected') this.endLeg(p, p === customer ? 'endpoint' : 'peer');
        }
        conversation.endTime = this.clock.now();
        this.emit('conversation.disconnected', conversation, ended[0] ?? customer, { by: 'customer' });
        ended.forEach((p) => this.announceWrapUp(conversation, p));
        this.settle();
        return conversation;
    }

    // ----- agent actions -----------------------------------------------------------------------

    pickUp(conversationId: string, participantId: string): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (p.state === 'connected') return; // a retried pick-up is not an error
        if (p.state !== 'alerting') throw stateConflict(p, 'connected');
        this.clock.clearTimer(p.alertTimer);
        p.state = 'connected';
        p.connectedTime = this.clock.now();
        for (const acd of conversation.participants) {
            if (acd.purpose === 'acd' && acd.state === 'connected') this.endLeg(acd, 'transfer');
        }
        this.emit('conversation.connected', conversation, p, { direction: conversation.direction });
        this.settle();
    }

    /** Agent disconnect: ends a connected conversation (ACW follows), or declines an alerting offer. */
    disconnect(conversationId: string, participantId: string): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (p.state === 'disconnected') return; // a retried disconnect is not an error
        if (p.state === 'alerting') {
            this.endLeg(p, 'client');
            this.user(p.userId ?? '').notResponding = true;
            this.emit('conversation.not_answered', conversation, p, { reason: 'declined' });
            this.settle();
            return;
        }
        this.endAgentLeg(p, 'client');
        for (const other of conversation.participants) {
            if (other !== p && other.state !== 'disconnected') {
                if (other.purpose === 'agent') this.endAgentLeg(other, 'peer');
                else this.endLeg(other, 'peer');
            }
        }
        conversation.endTime = this.clock.now();
        this.emit('conversation.disconnected', conversation, p, { by: 'agent', disconnectType: 'client' });
        this.announceWrapUp(conversation, p);
        this.settle();
    }

    submitWrapUp(conversationId: string, participantId: string, input: WrapUpInput, communicationId?: string): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (communicationId !== undefined && communicationId !== p.communicationId) {
            throw notFound('communication', communicationId);
        }
        if (p.connectedTime === undefined) {
            throw new SimError(
                409,
                'conversation.error.participant.state',
                `Participant ${p.id} was never connected, so it has nothing to wrap up`,
                { params: { participantId: p.id, state: p.state } }
            );
        }
        if (p.wrapup !== undefined) {
            if (p.wrapup.code === input.code && p.wrapup.notes === input.notes) return; // a retry
            throw new SimError(
                409,
                'conversation.error.wrapup.already.applied',
                `Participant ${p.id} already has wrap-up code ${p.wrapup.name}`,
                { params: { participantId: p.id, code: p.wrapup.code } }
            );
        }
        const code = this.codesForQueue(p.queueId).find((c) => c.id === input.code);
        if (code === undefined) {
            const queueName = this.queues.get(p.queueId ?? '')?.name ?? 'this queue';
            throw invalidValue('wrapup.code', `Wrap-up code ${input.code} is not a wrap-up code of ${queueName}`);
        }
        const now = this.clock.now();
        p.wrapup = {
            code: code.id,
            name: code.name,
            notes: input.notes,
            tags: input.tags,
            durationSeconds:
                input.durationSeconds ?? Math.round((now - (p.startAcwTime ?? p.endTime ?? now)) / 1000),
            endTime: input.endTime ?? new Date(now).toISOString()
        };
        if (p.state === 'disconnected' && !this.isForced(p)) this.endAcw(p);
        this.emit('conversation.wrapup_applied', conversation, p, {
            code: code.id,
            name: code.name,
            notes: input.notes ?? null,
            source: 'agent'
        });
        this.settle();
    }

    transferToQueue(
        conversationId: string,
        participantId: string,
        target: { queueId?: string; queueName?: string; transferType?: 'Attended' | 'Unattended' },
        initiatorUserId?: string
    ): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (p.state !== 'connected') {
            throw new SimError(
                409,
                'conversation.error.participant.state',
                `Participant ${p.id} is ${p.state}; only a connected agent can transfer`,
                { params: { participantId: p.id, state: p.state } }
            );
        }
        const queue =
            target.queueId !== undefined
                ? this.queues.get(target.queueId)
                : this.findQueue(target.queueName ?? '');
        if (queue === undefined) {
            const field = target.queueId !== undefined ? 'queueId' : 'queueName';
            throw invalidValue(field, `Queue ${target.queueId ?? target.queueName ?? ''} does not exist`);
        }
        const fromQueueId = p.queueId;
        this.endAgentLeg(p, 'transfer');
        const now = this.clock.now();
        this.addParticipant(conversation, {
            purpose: 'acd',
            state: 'connected',
            direction: conversation.direction,
            name: queue.name,
            queueId: queue.id,
            connectedTime: now
        });
        conversation.queueId = queue.id;
        conversation.queuedSince = now;
        const transferType = target.transferType ?? 'Unattended';
        conversation.transfers.push({
            id: randomUUID(),
            state: 'Complete',
            dateIssued: now,
            initiatorUserId: initiatorUserId ?? p.userId,
            fromQueueId,
            toQueueId: queue.id,
            transferType
        });
        this.emit('conversation.transferred', conversation, p, {
            fromQueueId: fromQueueId ?? null,
            toQueueId: queue.id,
            toQueueName: queue.name,
            transferType
        });
        this.announceWrapUp(conversation, p);
        this.settle();
    }

    sendText(conversationId: string, communicationId: string, text: string): TranscriptEntry {
        const conversation = this.conversation(conversationId);
        const p = conversation.participants.find((x) => x.communicationId === communicationId);
        if (p === undefined) throw notFound('communication', communicationId);
        if (p.purpose !== 'agent') {
            throw invalidValue('communicationId', `Communication ${communicationId} is not an agent communication`);
        }
        if (p.state !== 'connected') {
            throw new SimError(
                409,
                'conversation.error.participant.state',
                `Participant ${p.id} is ${p.state}; messages can only be sent while connected`,
                { params: { participantId: p.id, state: p.state } }
            );
        }
        if (conversation.messengerType === 'sms' && text.length > SMS_MAX_LENGTH) {
            throw invalidValue('textBody', `SMS messages are limited to ${SMS_MAX_LENGTH} characters`);
        }
        const entry = this.appendEntry(conversation, p, 'outbound', text);
        this.emit('conversation.agent_message', conversation, p, { messageId: entry.id, text });
        return entry;
    }

    /** An agent's message on behalf of a queue; refused while the contact has a queued or assigned conversation. */
    createOutbound(userId: string, input: OutboundInput): Conversation {
        const user = this.user(userId);
        const queue = this.queues.get(input.queueId);
        if (queue === undefined) throw invalidValue('queueId', `Queue ${input.queueId} does not exist`);
        if (!queue.members.some((m) => m.userId === userId)) {
            throw invalidValue('queueId', `${user.agent.name} is not a member of ${queue.name}`);
        }
        const address = normalizeAddress(input.toAddress);
        const existing = [...this.conversations.values()].find(
            (c) => c.endTime === undefined && normalizeAddress(c.customerAddress) === address
        );
        if (existing !== undefined) {
            const state = existing.participants.some((p) => p.purpose === 'agent' && isActive(p)) ? 'assigned' : 'queued';
            throw new SimError(
                409,
                'conversation.error.outbound.active.conversation',
                `Cannot send an outbound message to ${input.toAddress}: conversation ${existing.id} with this contact is ${state}`,
                {
                    entityId: existing.id,
                    params: { address: input.toAddress, conversationId: existing.id, state },
                    details: [{ errorCode: 'conversation.exists', entityId: existing.id, entityName: 'conversation' }]
                }
            );
        }
        const now = this.clock.now();
        const channel = OUTBOUND_CHANNEL[input.toAddressMessengerType];
        const contact = this.contactFor(input.toAddress);
        const customerName = contact === undefined ? input.toAddress : `${contact.firstName} ${contact.lastName}`;
        const conversation: Conversation = {
            id: randomUUID(),
            channel,
            messengerType: MESSENGER_TYPE[channel],
            direction: 'outbound',
            customerName,
            customerAddress: input.toAddress,
            externalContactId: contact?.id,
            queueId: queue.id,
            queuedSince: now,
            startTime: now,
            participants: [],
            transcript: [],
            transfers: []
        };
        this.conversations.set(conversation.id, conversation);
        const agent = this.addParticipant(conversation, {
            purpose: 'agent',
            state: 'connected',
            direction: 'outbound',
            name: user.agent.name,
            userId,
            queueId: queue.id,
            connectedTime: now
        });
        this.addParticipant(conversation, {
            purpose: 'customer',
            state: 'connected',
            direction: 'outbound',
            name: customerName,
            address: input.toAddress,
            connectedTime: now
        });
        this.emit('conversation.connected', conversation, agent, { direction: 'outbound' });
        this.settle();
        return conversation;
    }

    // ----- routing ---------------------------------------------------------------------------

    /** Recomputes routing statuses, then offers queued conversations (oldest first) to idle agents. */
    private settle(): void {
        this.refreshStatuses();
        const queued = [...this.conversations.values()]
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
        if (this.presenceOf(user).systemPresence !== 'OnQueue') return 'OFF_QUEUE';
        if (user.notResponding) return 'NOT_RESPONDING';
        const busy = [...this.conversations.values()].some((c) =>
            c.participants.some((p) => p.userId === user.agent.id && (isActive(p) || acwPending(p)))
        );
        return busy ? 'INTERACTING' : 'IDLE';
    }

    private refreshStatuses(): void {
        for (const user of this.users.values()) {
            const status = this.routingStatusOf(user);
            if (status === user.routingStatus) continue;
            user.routingStatus = status;
            user.routingSince = this.clock.now();
            this.publish({
                type: 'user.routing_status_changed',
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
        const queue = this.queues.get(queueId);
        return (queue?.members ?? [])
            .filter((m) => m.joined)
            .flatMap((m) => this.users.get(m.userId) ?? [])
            .filter((u) => u.routingStatus === 'IDLE')
            .sort((a, b) => a.routingSince - b.routingSince || a.agent.id.localeCompare(b.agent.id))[0];
    }

    private offer(conversation: Conversation, user: UserState): void {
        const queue = this.queue(conversation.queueId);
        const alertingTimeoutMs = queue.alertingTimeoutSeconds * 1000;
        const p = this.addParticipant(conversation, {
            purpose: 'agent',
            state: 'alerting',
            direction: conversation.direction,
            name: user.agent.name,
            userId: user.agent.id,
            queueId: queue.id,
            startAlertingTime: this.clock.now(),
            alertingTimeoutMs
        });
        p.alertTimer = this.clock.setTimer(() => this.onAlertTimeout(conversation.id, p.id), alertingTimeoutMs);
        this.emit('conversation.alerting', conversation, p, {
            alertingTimeoutMs,
            customerName: conversation.customerName,
            customerAddress: conversation.customerAddress,
            transferred: conversation.transfers.length > 0
        });
    }

    private onAlertTimeout(conversationId: string, participantId: string): void {
        const conversation = this.conversations.get(conversationId);
        const p = conversation?.participants.find((x) => x.id === participantId);
        if (conversation === undefined || p === undefined || p.state !== 'alerting') return;
        this.endLeg(p, 'timeout');
        const user = this.users.get(p.userId ?? '');
        if (user !== undefined) user.notResponding = true;
        this.emit('conversation.not_answered', conversation, p, { reason: 'timeout' });
        this.settle();
    }

    private withdrawOffers(userId: string, reason: string): void {
        for (const conversation of this.conversations.values()) {
            for (const p of conversation.participants) {
                if (p.userId === userId && p.state === 'alerting') {
                    this.endLeg(p, 'client');
                    this.emit('conversation.not_answered', conversation, p, { reason });
                }
            }
        }
    }

    // ----- participants and after-call work -------------------------------------------------

    private addParticipant(
        conversation: Conversation,
        fields: Pick<Participant, 'purpose' | 'state' | 'direction' | 'name'> & Partial<Participant>
    ): Participant {
        const participant: Participant = {
            id: randomUUID(),
            communicationId: randomUUID(),
            startTime: this.clock.now(),
            messageIds: [],
            ...fields
        };
        conversation.participants.push(participant);
        return participant;
    }

    private endLeg(p: Participant, disconnectType: string): void {
        this.clock.clearTimer(p.alertTimer);
        p.state = 'disconnected';
        p.endTime = this.clock.now();
        p.disconnectType = disconnectType;
    }

    /** Ends a connected agent leg and starts after-call work per the queue's ACW settings. */
    private endAgentLeg(p: Participant, disconnectType: string): void {
        this.endLeg(p, disconnectType);
        const acw = this.queues.get(p.queueId ?? '')?.acw ?? { wrapupPrompt: 'OPTIONAL' };
        p.wrapupPrompt = PARTICIPANT_PROMPT[acw.wrapupPrompt];
        p.wrapupRequired = REQUIRES_WRAP_UP.has(acw.wrapupPrompt);
        if (!p.wrapupRequired) return;
        p.startAcwTime = this.clock.now();
        const timed = acw.wrapupPrompt === 'MANDATORY_TIMEOUT' || acw.wrapupPrompt === 'MANDATORY_FORCED_TIMEOUT';
        if (timed && acw.timeoutMs !== undefined) {
            p.wrapupTimeoutMs = acw.timeoutMs;
            const conversationId = this.conversationIdOf(p);
            p.wrapUpTimer = this.clock.setTimer(() => this.onWrapUpTimeout(conversationId, p.id), acw.timeoutMs);
        }
        // A code chosen while connected completes ACW at once, unless the queue forbids leaving early.
        if (p.wrapup !== undefined && !this.isForced(p)) this.endAcw(p);
    }

    private announceWrapUp(conversation: Conversation, p: Participant): void {
        if (!acwPending(p)) return;
        this.emit('conversation.wrapup_required', conversation, p, {
            wrapupPrompt: p.wrapupPrompt ?? null,
            wrapupTimeoutMs: p.wrapupTimeoutMs ?? null,
            codes: this.codesForQueue(p.queueId).map((c) => ({ id: c.id, name: c.name }))
        });
    }

    private onWrapUpTimeout(conversationId: string, participantId: string): void {
        const conversation = this.conversations.get(conversationId);
        const p = conversation?.participants.find((x) => x.id === participantId);
        if (conversation === undefined || p === undefined || p.endAcwTime !== undefined) return;
        const applied = p.wrapup === undefined;
        if (applied) {
            p.wrapup = {
                code: WRAP_UP_TIMEOUT_CODE,
                name: WRAP_UP_TIMEOUT_CODE,
                durationSeconds: Math.round((p.wrapupTimeoutMs ?? 0) / 1000),
                endTime: new Date(this.clock.now()).toISOString()
            };
        }
        this.endAcw(p);
        if (applied) {
            this.emit('conversation.wrapup_applied', conversation, p, {
                code: WRAP_UP_TIMEOUT_CODE,
                name: WRAP_UP_TIMEOUT_CODE,
                notes: null,
                source: 'timeout'
            });
        }
        this.settle();
    }

    private endAcw(p: Participant): void {
        this.clock.clearTimer(p.wrapUpTimer);
        p.wrapUpTimer = undefined;
        p.endAcwTime = this.clock.now();
    }

    private isForced(p: Participant): boolean {
        return p.wrapupPrompt === PARTICIPANT_PROMPT.MANDATORY_FORCED_TIMEOUT;
    }

    private agentParticipant(conversation: Conversation, participantId: string): Participant {
        const p = this.participant(conversation, participantId);
        if (p.purpose !== 'agent') {
            throw invalidValue('participantId', `Participant ${participantId} is the ${p.purpose}, not an agent`);
        }
        return p;
    }

    private customerOf(conversation: Conversation): Participant {
        const customer = conversation.participants.find((p) => p.purpose === 'customer');
        if (customer === undefined) throw new Error(`conversation ${conversation.id} has no customer`);
        return customer;
    }

    private conversationIdOf(p: Participant): string {
        for (const c of this.conversations.values()) if (c.participants.includes(p)) return c.id;
        throw new Error(`participant ${p.id} belongs to no conversation`);
    }

    private contactFor(address: string): ExternalContactSeed | undefined {
        const wanted = normalizeAddress(address);
        return this.contacts.find((c) =>
            [c.cellPhone, c.workEmail, c.whatsAppId].some((a) => a !== undefined && normalizeAddress(a) === wanted)
        );
    }

    private appendCustomerMessage(conversation: Conversation, customer: Participant, text: string): TranscriptEntry {
        const entry = this.appendEntry(conversation, customer, 'inbound', text);
        this.emit('conversation.customer_message', conversation, customer, {
            messageId: entry.id,
            text,
            customerName: conversation.customerName
        });
        return entry;
    }

    private appendEntry(
        conversation: Conversation,
        p: Participant,
        direction: 'inbound' | 'outbound',
        text: string
    ): TranscriptEntry {
        const entry: TranscriptEntry = {
            id: randomUUID(),
            direction,
            text,
            timestamp: this.clock.now(),
            status: direction === 'inbound' ? 'received' : 'sent',
            participantId: p.id,
            userId: p.userId
        };
        conversation.transcript.push(entry);
        p.messageIds.push(entry.id);
        return entry;
    }

    private emit(type: SimEventType, conversation: Conversation, p: Participant, data: Record<string, unknown>): void {
        const agent = p.purpose === 'agent' ? p : conversation.participants.filter((x) => x.purpose === 'agent').at(-1);
        this.publish({
            type,
            conversationId: conversation.id,
            participantId: p.id,
            userId: agent?.userId ?? null,
            queueId: p.queueId ?? conversation.queueId,
            channel: conversation.channel,
            data
        });
    }
}

export function isActive(p: Participant): boolean {
    return p.state === 'alerting' || p.state === 'connected';
}

/** Disconnected after being connected, wrap-up required, and ACW not finished yet. */
export function acwPending(p: Participant): boolean {
    return p.purpose === 'agent' && p.state === 'disconnected' && p.wrapupRequired === true && p.endAcwTime === undefined;
}

function isQueued(c: Conversation): boolean {
    return (
        c.endTime === undefined &&
        c.participants.some((p) => p.purpose === 'acd' && p.state === 'connected') &&
        !c.participants.some((p) => p.purpose === 'agent' && isActive(p))
    );
}

function stateConflict(p: Participant, requested: string): SimError {
    return new SimError(
        409,
        'conversation.error.participant.state',
        `Participant ${p.id} is ${p.state}; it cannot become ${requested}`,
        { params: { participantId: p.id, state: p.state, requested } }
    );
}

/** Phone-like addresses compare by digits (+1 317-555-0100 = 13175550100); others case-insensitively. */
export function normalizeAddress(address: string): string {
    const trimmed = address.trim();
    return /^[+\d\s().-]+$/.test(trimmed) ? trimmed.replace(/\D/g, '') : trimmed.toLowerCase();
}
