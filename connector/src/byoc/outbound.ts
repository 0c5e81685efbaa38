// Bring Your Own Channel, outbound side (docs/byoc-outbound.md): what the connector does with each Relay_Byoc_Event__e
// the subscriber hands over. The event is decoded and decided (outboundEvent.ts); a decision to act is first
// claimed in the store, keyed by Salesforce's identity of it (the message's id, the RoutingRequested event's uuid),
// so that two instances receiving the same event, or a replay after a restart, act once; then it is carried out:
// - send-text: the agent's text goes to the customer through the Genesys agent's message communication;
// - answer-transfer: POST /routingResult within 60 s (routing.ts answerTransfer); a target queue of
//   RELAY_SF_QUEUE_MAP is a Genesys queue: the conversation is first transferred there in Genesys;
// - end-conversation: an agent ended the Messaging Session; the agent's participant in Genesys is disconnected
//   (endConversation.ts), already disconnected counting as done;
// - unanswerable-transfer and events the decoder refuses: recorded as refused and logged.
// Progress is stored after each call that succeeded, so a retry or the instance taking over carries on after it.
import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import type { Clock } from '../clock';
import { GenesysApiError } from '../genesys/api';
import { StoppedError } from '../genesys/auth';
import type { ByocOutboundClaim, ByocOutboundRecord, OutboxStore } from '../store';
import { endAgentSide } from './endConversation';
import { connectedAgentLeg, type GenesysActions } from './genesysActions';
import { InteractionApiError, type InteractionClient } from './interactionClient';
import {
    decideOutbound,
    decodeOutboundEvent,
    OutboundEventError,
    type AgentEnd,
    type AgentText
} from './outboundEvent';
import type { ByocEventMessage } from './pubsub';
import {
    answerTransfer,
    classifyTarget,
    planRoutingFailure,
    type ByocSettings,
    type TransferProgress,
    type TransferRequest
} from './routing';

/** A RoutingRequested is due an answer within 60 s (docs/byoc-connector.md, "A transfer"; the brief of issue 14). */
export const TRANSFER_DEADLINE_MS = 60_000;

/** Carried out for good, or refused for good: the outcome recorded with the claim. */
export type OutboundOutcome = 'done' | 'refused' | 'failed' | 'retry' | 'duplicate' | 'ignored';

export interface OutboundOptions {
    store: OutboxStore;
    genesys: GenesysActions;
    interaction: InteractionClient;
    settings: ByocSettings;
    /** RELAY_SF_USER_MAP: Genesys user id → Salesforce user id (read backwards here: who sent the message). */
    userMap: ReadonlyMap<string, string>;
    clock: Clock;
    owner: string;
    leaseMs: number;
    /** How often a decision another instance holds is looked at again. */
    pollMs: number;
    backoff: BackoffPolicy;
    /** Tries of one decision within one delivery of its event; then the event is handed back (OutboundRetry). */
    maxAttempts?: number;
    log: Logger;
    signal: AbortSignal;
    /** The Interaction Service answered 401: its token is dropped. */
    onUnauthorized?: () => void;
    onOutcome?: (kind: string, outcome: OutboundOutcome) => void;
    /** A transfer answered: the time from the event's creation (else its receipt) to the answer. */
    onTransferAnswered?: (ms: number, target: 'genesys' | 'omni', late: boolean) => void;
}

/** Not carried out yet, to be tried again later: the event is not marked handled (the subscriber delivers it again). */
export class OutboundRetry extends Error {
    override name = 'OutboundRetry';
}

/** Cannot be carried out as things stand (no mapping, no connected agent, a 4xx): recorded as refused. */
class Refusal extends Error {}

interface SendProgress {
    sent?: { genesysConversationId: string; genesysMessageId: string | null };
}

interface EndProgress {
    disconnected?: { genesysConversationId: string; participantId: string; already: boolean };
}

interface TransferStepProgress {
    genesysTransfer?: { genesysConversationId: string; participantId: string; genesysQueueId: string };
    answer?: TransferProgress;
}

export class OutboundHandler {
    constructor(private readonly options: OutboundOptions) {}

    /** The subscriber's onEvent: resolves once the event is settled (by this instance or another). */
    async handle(message: ByocEventMessage): Promise<void> {
        const { log, onOutcome } = this.options;
        const receivedAt = this.options.clock.now();
        let decision;
        try {
            decision = decideOutbound(decodeOutboundEvent(message.eventType, message.payload));
        } catch (error) {
            if (!(error instanceof OutboundEventError)) throw error;
            const claim = { key: `event:${message.id}`, kind: 'invalid-event', replayId: message.replayId };
            await this.refuseAtOnce({ ...claim, conversationIdentifier: null }, error.message);
            log.error({ eventId: message.id, replayId: message.replayId, err: error }, 'byoc outbound event refused');
            return;
        }
        switch (decision.kind) {
            case 'ignore':
                onOutcome?.('ignore', 'ignored');
                log.debug({ eventId: message.id, reason: decision.reason }, 'byoc outbound event ignored');
                return;
            case 'unanswerable-transfer': {
                const claim = {
                    key: `routing:${message.id}`,
                    kind: 'unanswerable-transfer',
                    replayId: message.replayId,
                    conversationIdentifier: decision.conversationIdentifier ?? null
                };
                await this.refuseAtOnce(claim, decision.reason);
                log.error(
                    {
                        eventId: message.id,
                        conversationIdentifier: decision.conversationIdentifier,
                        reason: decision.reason
                    },
                    'byoc transfer request cannot be answered; recorded'
                );
                return;
            }
            case 'send-text': {
                const text = decision.message;
                const claim = {
                    key: `message:${text.messageId}`,
                    kind: 'send-text',
                    replayId: message.replayId,
                    conversationIdentifier: text.conversationIdentifier
                };
                await this.carryOut(claim, null, (record) => this.sendText(record, text));
                return;
            }
            case 'end-conversation': {
                const { end } = decision;
                const claim = {
                    // The entry's identifier is the same on every delivery: one ending, one disconnect.
                    key: `entry:${end.entryId}`,
                    kind: 'end-conversation',
                    replayId: message.replayId,
                    conversationIdentifier: end.conversationIdentifier
                };
                await this.carryOut(claim, null, (record) => this.endConversation(record, end));
                return;
            }
            case 'answer-transfer': {
                const startedAt = message.createdAt ?? receivedAt;
                const claim = {
                    key: `routing:${message.id}`,
                    kind: 'answer-transfer',
                    replayId: message.replayId,
                    conversationIdentifier: decision.request.conversationIdentifier
                };
                await this.carryOut(claim, startedAt + TRANSFER_DEADLINE_MS, (record) =>
                    this.transfer(record, decision.request, startedAt)
                );
                return;
            }
        }
    }

    /** Records a decision that cannot be carried out (once: a replay finds it settled). */
    private async refuseAtOnce(claim: ByocOutboundClaim, reason: string): Promise<void> {
        const { store, clock, owner, leaseMs, onOutcome } = this.options;
        const claimed = await store.byocOutboundClaim(claim, owner, clock.now() + leaseMs, clock.now());
        if (claimed.kind !== 'claimed') return;
        await store.byocOutboundSettle(claim.key, owner, { status: 'refused', error: reason }, clock.now());
        onOutcome?.(claim.kind, 'refused');
    }

    /** Claims the decision (waiting while another instance holds it), then tries it until settled or handed back. */
    private async carryOut(
        claim: ByocOutboundClaim,
        deadlineAt: number | null,
        work: (record: ByocOutboundRecord) => Promise<void>
    ): Promise<void> {
        const { store, clock, owner, backoff, log, onOutcome } = this.options;
        const maxAttempts = this.options.maxAttempts ?? 5;
        for (let attempt = 1; ; attempt++) {
            const record = await this.claim(claim);
            if (record === null) return;
            const context = { key: claim.key, conversationIdentifier: claim.conversationIdentifier, attempt };
            try {
                await work(record);
                await store.byocOutboundSettle(claim.key, owner, { status: 'done' }, clock.now());
                onOutcome?.(claim.kind, 'done');
                log.info(context, `byoc ${claim.kind} done`);
                return;
            } catch (error) {
                if (error instanceof StoppedError) throw new OutboundRetry('stopping');
                const refused = refusal(error);
                if (refused !== undefined) {
                    await store.byocOutboundSettle(
                        claim.key,
                        owner,
                        { status: 'refused', error: refused },
                        clock.now()
                    );
                    onOutcome?.(claim.kind, 'refused');
                    log.error({ ...context, reason: refused }, `byoc ${claim.kind} refused; recorded`);
                    return;
                }
                if (error instanceof InteractionApiError && error.status === 401) this.options.onUnauthorized?.();
                const reason = (error as Error).message;
                if (deadlineAt !== null && clock.now() >= deadlineAt) {
                    await store.byocOutboundSettle(claim.key, owner, { status: 'failed', error: reason }, clock.now());
                    onOutcome?.(claim.kind, 'failed');
                    log.error({ ...context, reason }, `byoc ${claim.kind} failed: its 60 s are over; recorded`);
                    return;
                }
                onOutcome?.(claim.kind, 'retry');
                if (attempt >= maxAttempts || this.options.signal.aborted) {
                    log.warn({ ...context, reason }, `byoc ${claim.kind} not done; the event will be delivered again`);
                    throw new OutboundRetry(`${claim.kind}: ${reason}`);
                }
                const wait = backoffDelay(backoff, attempt);
                const waitUntil = deadlineAt === null ? wait : Math.max(0, Math.min(wait, deadlineAt - clock.now()));
                log.warn({ ...context, reason, retryInMs: waitUntil }, `byoc ${claim.kind} will be retried`);
                await clock.wait(waitUntil, this.options.signal);
            }
        }
    }

    /** The claimed record, or null when it is settled already; waits while another instance's lease is current. */
    private async claim(claim: ByocOutboundClaim): Promise<ByocOutboundRecord | null> {
        const { store, clock, owner, leaseMs, pollMs, signal, onOutcome } = this.options;
        for (;;) {
            const now = clock.now();
            const result = await store.byocOutboundClaim(claim, owner, now + leaseMs, now);
            if (result.kind === 'claimed') return result.record;
            if (result.kind === 'settled') {
                onOutcome?.(claim.kind, 'duplicate');
                return null;
            }
            // Another instance is on it: its outcome, or its lease running out (then this one takes over), decides.
            await clock.wait(Math.max(1, Math.min(pollMs, result.leaseUntil - now)), signal);
            if (signal.aborted) throw new OutboundRetry('stopping');
        }
    }

    private async save(key: string, progress: unknown): Promise<void> {
        const { store, clock, owner, leaseMs } = this.options;
        if (!(await store.byocOutboundSave(key, owner, progress, clock.now() + leaseMs, clock.now()))) {
            throw new OutboundRetry('the claim was taken over by another instance');
        }
    }

    /** Salesforce user (sender.subject) → Genesys user, comparing Salesforce ids on their 15-character form. */
    private genesysUserOf(salesforceUserId: string): string | undefined {
        const id15 = salesforceUserId.slice(0, 15);
        return [...this.options.userMap].find(([, sf]) => sf.slice(0, 15) === id15)?.[0];
    }

    private async genesysConversationOf(conversationIdentifier: string): Promise<string> {
        const record = await this.options.store.byocFind(conversationIdentifier);
        if (record === undefined) {
            throw new Refusal(`no Genesys conversation is known for conversationIdentifier ${conversationIdentifier}`);
        }
        return record.conversationId;
    }

    private async sendText(record: ByocOutboundRecord, message: AgentText): Promise<void> {
        const progress = record.progress as SendProgress;
        if (progress.sent !== undefined) return;
        const { genesys } = this.options;
        const conversationId = await this.genesysConversationOf(message.conversationIdentifier);
        const userId = this.genesysUserOf(message.agentSubject);
        if (userId === undefined) {
            throw new Refusal(`no RELAY_SF_USER_MAP entry for the Salesforce user ${message.agentSubject}`);
        }
        const leg = connectedAgentLeg(await genesys.conversation(conversationId), userId);
        if (leg === undefined) {
            throw new Refusal(`the Genesys user ${userId} is not connected to conversation ${conversationId}`);
        }
        const genesysMessageId = await genesys.sendText(conversationId, leg.communicationId, message.text);
        await this.save(record.key, { sent: { genesysConversationId: conversationId, genesysMessageId } });
    }

    private async endConversation(record: ByocOutboundRecord, end: AgentEnd): Promise<void> {
        const progress = record.progress as EndProgress;
        if (progress.disconnected !== undefined) return;
        if (end.agentSubject === undefined) {
            throw new Refusal(`the session was ended by an agent but the event's sender is a ${end.senderRole}`);
        }
        const conversationId = await this.genesysConversationOf(end.conversationIdentifier);
        const userId = this.genesysUserOf(end.agentSubject);
        if (userId === undefined) {
            throw new Refusal(`no RELAY_SF_USER_MAP entry for the Salesforce user ${end.agentSubject}`);
        }
        const outcome = await endAgentSide(this.options.genesys, conversationId, userId);
        if (outcome.kind === 'refused') throw new Refusal(outcome.reason);
        const already = outcome.kind === 'already-disconnected';
        if (already) {
            this.options.log.info(
                { key: record.key, conversationId, participantId: outcome.participantId },
                "byoc end-conversation: the agent's participant had ended already"
            );
        }
        await this.save(record.key, {
            disconnected: { genesysConversationId: conversationId, participantId: outcome.participantId, already }
        });
    }

    private async transfer(record: ByocOutboundRecord, request: TransferRequest, startedAt: number): Promise<void> {
        const { interaction, settings, genesys, clock, log } = this.options;
        const progress: TransferStepProgress = { ...(record.progress as TransferStepProgress) };
        const target = classifyTarget(settings, request.targetQueueId);
        if (target.kind === 'genesys' && progress.genesysTransfer === undefined) {
            try {
                const conversationId = await this.genesysConversationOf(request.conversationIdentifier);
                const leg = connectedAgentLeg(await genesys.conversation(conversationId));
                if (leg === undefined) throw new Refusal(`no agent is connected to conversation ${conversationId}`);
                await genesys.transferToQueue(conversationId, leg.participantId, target.genesysQueueId);
                progress.genesysTransfer = {
                    genesysConversationId: conversationId,
                    participantId: leg.participantId,
                    genesysQueueId: target.genesysQueueId
                };
                await this.save(record.key, progress);
            } catch (error) {
                // Refused in Genesys: Salesforce is told the transfer failed (success false), then it is recorded.
                const refused = refusal(error);
                if (refused !== undefined) await interaction.call(planRoutingFailure(request, target, refused));
                throw error;
            }
        }
        await answerTransfer(interaction, settings, request, {
            ...(progress.answer === undefined ? {} : { done: progress.answer }),
            onStep: async (answer) => {
                progress.answer = answer;
                await this.save(record.key, progress);
            }
        });
        const ms = clock.now() - startedAt;
        const late = ms > TRANSFER_DEADLINE_MS;
        this.options.onTransferAnswered?.(ms, target.kind, late);
        if (late) log.warn({ key: record.key, ms }, 'byoc transfer answered after its 60 s');
    }
}

/** The reason when `error` means the decision can never be carried out as it stands; undefined: try again. */
function refusal(error: unknown): string | undefined {
    if (error instanceof Refusal) return error.message;
    // GenesysApi retries 429, 5xx, timeouts and one 401 itself: a GenesysApiError is Genesys's refusal, except a
    // 401 that persists (a token problem, not the request's).
    if (error instanceof GenesysApiError && error.status !== 401 && error.status !== 408) return error.message;
    if (error instanceof InteractionApiError && !error.retryable && error.status !== 401) return error.message;
    return undefined;
}
