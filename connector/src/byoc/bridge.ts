// Bring Your Own Channel, inbound side (docs/byoc-connector.md, "The bridge"): drives the Interaction Service flows
// of routing.ts from the connector's derived events, through one durable record per conversation in the store.
//
// - Intent (what Genesys showed) is written in the same transaction as the conversation's view and events
//   (byocIntentUpdate, passed to OutboxStore.observe): a customer's first message on a mapped queue creates the
//   record; the first agent connected, or the customer leaving before any agent, changes it. Nothing derived is lost
//   between the view and the record, whatever crashes when.
// - Progress (what the Interaction Service answered: the conversationIdentifier, each step done) is written by the
//   instance holding the record's lease, after each call that succeeded, before the next one is made.
// - Records are claimed like outbox events: a lease, taken in one statement (PostgreSQL: FOR UPDATE SKIP LOCKED), so
//   two instances never work on one record at once; a restart under the same instance name takes its leases back.
// - The MessagingSession POST /interactions answered (workItemIds[0]) is named to Relay's Salesforce package by one
//   conversation.messagingSession event in the outbox (the 'link' step, right after the opening): nothing on the
//   Salesforce side names the Genesys conversation, and the connector holds both ids. Its id is deterministic and the
//   outbox keeps an event id once, so a repeated step (a crash before `linked` was stored) appends nothing more.
// - Once the session is open, later.ts takes over: each later customer message and file as a conversation entry,
//   the agents Genesys connects after a transfer, and the end of the conversation.
import type { Logger } from 'pino';
import { backoffDelay, type BackoffPolicy } from '../backoff';
import type { Clock } from '../clock';
import type { Enricher } from '../delivery';
import type { ConversationView, DerivedEvent } from '../derive';
import { eventIdFor, type RelayEvent } from '../events';
import type { ByocIntentUpdate, ByocRecord, OutboxStore } from '../store';
import {
    InteractionApiError,
    type InteractionClient,
    type PostInteractionResponse,
    type PostRouteResponse
} from './interactionClient';
import {
    ByocRetry,
    ByocStepError,
    byocMessage,
    contentOf,
    endingOf,
    filesOf,
    nextLaterStep,
    runLater,
    textOf,
    type LaterAgent,
    type LaterIntent,
    type LaterProgress,
    type LaterStep
} from './later';
import {
    planAgentWork,
    planConsent,
    planInteraction,
    planRelease,
    planRoute,
    type ByocSettings,
    type NewConversation
} from './routing';

/** What Genesys showed of the conversation (written with its view). */
export interface ByocIntent extends LaterIntent {
    genesysQueueId: string;
    /** The Salesforce queue of RELAY_SF_QUEUE_MAP mapped to the Genesys queue: routingInfo.queueId. */
    salesforceQueueId: string;
    /** The customer's address on the channel (the customerMessage's data.customerAddress): `from`, endUserClientId. */
    endUserClientId: string | null;
    /** The customer's first message: its event as derived (its text is fetched like delivery's enricher does). */
    message: {
        id: string;
        timestampMs: number;
        payload: string;
        needsMessageContent: DerivedEvent['needsMessageContent'] | null;
    };
    /** The first agent who connected in Genesys. */
    agent?: { genesysUserId: string; participantId: string | null };
    /** The customer left before any agent connected. */
    endedBeforeAgent?: boolean;
    /** The customer's later messages, in the order derived (later.ts sends each as a conversation entry). */
    messages?: ByocIntent['message'][];
    /** The agents Genesys connected after the first (transfers), in order. */
    agents?: LaterAgent[];
}

/** What the Interaction Service answered (written by the lease holder, after each call). */
export interface ByocProgress extends LaterProgress {
    conversationIdentifier?: string;
    workItemId?: string;
    /**
     * The MessagingSession POST /interactions opened: its `workItemIds[0]`, exactly as answered (`workItemId` may
     * later take post-route's), and when it answered. `linked`: its conversation.messagingSession event is in the
     * outbox. Absent when the answer named no work item (and in records opened before this field existed).
     */
    messagingSession?: { id: string; openedAt: string; linked?: true };
    consent?: true;
    route?: { routingCorrelationId: string | null; psrId: string | null; success: boolean };
    /** `skipped`: no AgentWork for this agent (no RELAY_SF_USER_MAP entry, …), logged; messages still go on. */
    agentWork?: { salesforceUserId: string | null; agentWorkId: string | null; skipped?: string };
    /** DELETE /route sent (released), or not needed (the PendingServiceRouting was not pending). */
    release?: 'released' | 'not-pending';
}

export type ByocStep = 'interaction' | 'link' | 'consent' | 'route' | 'agentWork' | 'release' | LaterStep;

/**
 * The next call a record needs, or null: nothing until Genesys shows more. Pure. The opening first (with the link
 * that names its MessagingSession, which calls nothing); then the messages waiting for it, in order; then the first
 * agent's steps; then later agents; the end last.
 */
export function nextStep(intent: ByocIntent, progress: ByocProgress): ByocStep | null {
    if (progress.conversationIdentifier === undefined) return 'interaction';
    if (progress.messagingSession !== undefined && progress.messagingSession.linked !== true) return 'link';
    if (progress.consent === undefined) return 'consent';
    if (progress.route === undefined) return 'route';
    const later = nextLaterStep(intent, progress);
    if (later === 'entry') return later;
    if (progress.release === undefined) {
        if (intent.agent !== undefined) return progress.agentWork === undefined ? 'agentWork' : 'release';
        if (intent.endedBeforeAgent === true) return 'release';
    }
    return later;
}

/**
 * The event that tells Relay's Salesforce package which MessagingSession belongs to the Genesys conversation
 * (docs/events.md §2.2): one per conversation and session (deterministic id), no agent, no customer content.
 */
export function messagingSessionEvent(
    conversationId: string,
    intent: ByocIntent,
    session: { id: string; openedAt: string }
): RelayEvent {
    return {
        eventId: eventIdFor(conversationId, 'conversation.messagingSession', session.id),
        type: 'conversation.messagingSession',
        occurredAt: session.openedAt,
        conversationId,
        participantId: null,
        userId: null,
        queueId: intent.genesysQueueId,
        channel: channelOf(intent.message.payload),
        data: { messagingSessionId: session.id }
    };
}

/** The channel of the first customer message's derived event (null if it cannot be read). */
function channelOf(payload: string): RelayEvent['channel'] {
    try {
        return (JSON.parse(payload) as Partial<RelayEvent>).channel ?? null;
    } catch {
        return null;
    }
}

/** The PendingServiceRouting is taken as pending when POST /route created one (docs/byoc-connector.md, question 6). */
export function psrStillPending(progress: ByocProgress): boolean {
    return progress.route !== undefined && progress.route.success && progress.route.psrId !== null;
}

/**
 * The intent change a batch of derived events makes (undefined: none). A customer's message on a Genesys queue
 * mapped in RELAY_SF_QUEUE_MAP opens the record (messaging only; email conversations are not BYOC's); the first
 * agent connected, or the customer leaving before any agent, changes it.
 */
export function byocIntentUpdate(
    settings: ByocSettings,
    events: DerivedEvent[],
    view?: ConversationView
): ByocIntentUpdate | undefined {
    const ending = endingOf(view);
    if (events.length === 0 && ending === undefined) return undefined;
    const salesforceQueueOf = new Map<string, string>();
    for (const [salesforceQueueId, genesysQueueId] of settings.queueMap) {
        if (!salesforceQueueOf.has(genesysQueueId)) salesforceQueueOf.set(genesysQueueId, salesforceQueueId);
    }
    const relevant = events.some(({ event }) =>
        ['conversation.customerMessage', 'conversation.connected', 'conversation.disconnected'].includes(event.type)
    );
    if (!relevant && ending === undefined) return undefined;
    return (stored) => {
        const previous = stored as ByocIntent | undefined;
        let intent = previous;
        for (const { event, needsMessageContent } of events) {
            if (intent === undefined) {
                const opened = open(event, needsMessageContent, salesforceQueueOf);
                if (opened !== undefined) intent = opened;
                continue;
            }
            if (event.type === 'conversation.connected' && event.userId !== null && intent.agent === undefined) {
                intent = { ...intent, agent: { genesysUserId: event.userId, participantId: event.participantId } };
            } else if (event.type === 'conversation.connected' && event.userId !== null) {
                // Another agent leg connected: a transfer in Genesys (later.ts gives them their AgentWork).
                const known = [intent.agent!, ...(intent.agents ?? [])].some(
                    (a) => a.participantId === event.participantId
                );
                if (!known) {
                    const agent = {
                        genesysUserId: event.userId,
                        participantId: event.participantId,
                        genesysQueueId: event.queueId
                    };
                    intent = { ...intent, agents: [...(intent.agents ?? []), agent] };
                }
            } else if (event.type === 'conversation.customerMessage' && event.channel !== 'email') {
                const message = byocMessage(event, needsMessageContent);
                const known = [intent.message, ...(intent.messages ?? [])].some((m) => m.id === message.id);
                if (!known) intent = { ...intent, messages: [...(intent.messages ?? []), message] };
            } else if (
                event.type === 'conversation.disconnected' &&
                event.userId === null &&
                intent.agent === undefined &&
                intent.endedBeforeAgent !== true
            ) {
                intent = { ...intent, endedBeforeAgent: true };
            }
        }
        if (intent !== undefined && ending !== undefined && intent.ended === undefined) {
            intent = { ...intent, ended: ending };
        }
        return intent === previous ? undefined : intent;
    };
}

function open(
    event: RelayEvent,
    needsMessageContent: DerivedEvent['needsMessageContent'],
    salesforceQueueOf: Map<string, string>
): ByocIntent | undefined {
    if (event.type !== 'conversation.customerMessage' || event.channel === 'email' || event.queueId === null) {
        return undefined;
    }
    const salesforceQueueId = salesforceQueueOf.get(event.queueId);
    if (salesforceQueueId === undefined) return undefined;
    const address = event.data.customerAddress;
    return {
        genesysQueueId: event.queueId,
        salesforceQueueId,
        endUserClientId: typeof address === 'string' && address !== '' ? address : null,
        message: byocMessage(event, needsMessageContent)
    };
}

export interface BridgeOptions {
    store: OutboxStore;
    client: InteractionClient;
    settings: ByocSettings;
    /** RELAY_SF_USER_MAP: Genesys user id → Salesforce user id. */
    userMap: ReadonlyMap<string, string>;
    clock: Clock;
    owner: string;
    concurrency: number;
    leaseMs: number;
    pollMs: number;
    backoff: BackoffPolicy;
    log: Logger;
    /** Fetches messages' text and files (the Genesys side's message content enricher). */
    enrich?: Enricher;
    /** Each file download's timeout (RELAY_HTTP_TIMEOUT_MS). */
    httpTimeoutMs?: number;
    /** A 401 answered: the token is dropped and fetched again. */
    onUnauthorized?: () => void;
    /** One per call made (metrics). */
    onCall?: (operation: string, outcome: 'ok' | 'retry' | 'failed') => void;
    /** An event was appended to the outbox (the 'link' step): delivery may look at once. */
    onAppended?: () => void;
}

/** The worker: claims due records, makes their next calls in order, and settles them. */
export class Bridge {
    private inFlight = new Set<Promise<void>>();
    private wakeup = new AbortController();
    private running: Promise<void> | undefined;
    private stopping = false;

    constructor(private readonly options: BridgeOptions) {}

    /** The intent change of one observe (see byocIntentUpdate). */
    intentFor(events: DerivedEvent[], view?: ConversationView): ByocIntentUpdate | undefined {
        return byocIntentUpdate(this.options.settings, events, view);
    }

    kick(): void {
        this.wakeup.abort();
    }

    start(): void {
        this.running ??= this.loop();
    }

    /** Claims what fits and starts working on it; resolves with the claimed records. */
    async pump(): Promise<ByocRecord[]> {
        const { store, owner, concurrency, leaseMs, clock } = this.options;
        const free = concurrency - this.inFlight.size;
        if (free <= 0 || this.stopping) return [];
        const claimed = await store.byocClaim(owner, free, leaseMs, clock.now());
        for (const record of claimed) {
            const work = this.process(record).finally(() => {
                this.inFlight.delete(work);
                this.kick();
            });
            this.inFlight.add(work);
        }
        return claimed;
    }

    async drain(): Promise<void> {
        while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    }

    /** Stops claiming, lets the records in flight settle, releases the leases. */
    async stop(): Promise<void> {
        this.stopping = true;
        this.kick();
        await this.running;
        await this.drain();
        await this.options.store.byocReleaseClaims(this.options.owner);
    }

    private async loop(): Promise<void> {
        const { store, clock, pollMs, log } = this.options;
        while (!this.stopping) {
            this.wakeup = new AbortController();
            let wait = pollMs;
            try {
                const claimed = await this.pump();
                if (claimed.length > 0) continue;
                if (this.inFlight.size === 0) {
                    const due = await store.byocNextDueAt();
                    if (due !== null) wait = Math.max(0, Math.min(pollMs, due - clock.now()));
                }
            } catch (error) {
                log.error({ err: error }, 'byoc claim failed; retrying');
            }
            if (this.stopping) break;
            await clock.wait(wait, this.wakeup.signal);
        }
    }

    private async process(record: ByocRecord): Promise<void> {
        const { store, clock, owner, leaseMs, backoff, log } = this.options;
        const conversationId = record.conversationId;
        let intent = record.intent as ByocIntent;
        let progress = record.progress as ByocProgress;
        let rev = record.rev;
        let step: ByocStep | null = null;
        try {
            for (;;) {
                step = nextStep(intent, progress);
                if (step === null || this.stopping) {
                    await store.byocSettle(
                        conversationId,
                        owner,
                        step === null
                            ? { kind: 'idle', rev }
                            : { kind: 'retry', notBefore: clock.now(), error: 'stopping' },
                        clock.now()
                    );
                    return;
                }
                try {
                    progress = await this.run(step, conversationId, intent, progress);
                } catch (error) {
                    await this.failed(record, step, error);
                    return;
                }
                const saved = await store.byocSave(conversationId, owner, progress, clock.now() + leaseMs);
                if (saved === null) {
                    log.warn({ conversationId, step }, 'byoc lease lost after a call; another instance has the record');
                    return;
                }
                log.info({ conversationId, step }, 'byoc step done');
                intent = saved.intent as ByocIntent;
                rev = saved.rev;
            }
        } catch (error) {
            // The store failed: the lease runs out and the record is claimed again (the step done is then repeated
            // only if its progress was not stored).
            log.error(
                { conversationId, step, err: error, retryIn: backoffDelay(backoff, 1) },
                'byoc record not settled; the lease will expire'
            );
        }
    }

    private async failed(record: ByocRecord, step: ByocStep, error: unknown): Promise<void> {
        const { store, clock, owner, backoff, log, onUnauthorized, onCall } = this.options;
        const conversationId = record.conversationId;
        const now = clock.now();
        const attempt = record.attempts + 1;
        const reason = (error as Error).message;
        let retryAt: number | null = null;
        if (error instanceof InteractionApiError) {
            if (error.status === 401) onUnauthorized?.();
            if (error.retryable || error.status === 401)
                retryAt = now + (error.retryAfterMs ?? backoffDelay(backoff, attempt));
        } else if (error instanceof ByocRetry) {
            retryAt = error.retryAt ?? now + backoffDelay(backoff, attempt);
        }
        if (error instanceof InteractionApiError || error instanceof ByocStepError) {
            onCall?.(step, retryAt === null ? 'failed' : 'retry');
        }
        if (retryAt !== null) {
            await store.byocSettle(conversationId, owner, { kind: 'retry', notBefore: retryAt, error: reason }, now);
            log.warn({ conversationId, step, attempt, retryInMs: retryAt - now, reason }, 'byoc step will be retried');
        } else {
            await store.byocSettle(conversationId, owner, { kind: 'failed', error: `${step}: ${reason}` }, now);
            log.error(
                { conversationId, step, attempt, reason },
                'byoc step failed for good; the conversation is not routed in Salesforce'
            );
        }
    }

    /** One step: its call, and the progress it makes. */
    private async run(
        step: ByocStep,
        conversationId: string,
        intent: ByocIntent,
        progress: ByocProgress
    ): Promise<ByocProgress> {
        const { client, settings, userMap, onCall, clock, enrich, log, store, onAppended } = this.options;
        const ok = (): void => onCall?.(step, 'ok');
        if (step === 'entry' || step === 'transfer' || step === 'end') {
            const ctx = { client, settings, userMap, clock, log, httpTimeoutMs: this.options.httpTimeoutMs ?? 30_000 };
            return runLater(
                step,
                { ...ctx, ...(enrich === undefined ? {} : { enrich }), ...(onCall === undefined ? {} : { onCall }) },
                conversationId,
                intent,
                progress
            );
        }
        const input = (): NewConversation => {
            if (intent.endUserClientId === null) {
                throw new ByocStepError('the customer has no address on the channel (endUserClientId)');
            }
            return {
                endUserClientId: intent.endUserClientId,
                message: { id: intent.message.id, text: '', timestampMs: intent.message.timestampMs },
                salesforceQueueId: intent.salesforceQueueId,
                ...(settings.consentStatus === undefined ? {} : { consentStatus: settings.consentStatus })
            };
        };
        const conversationIdentifier = progress.conversationIdentifier ?? '';
        switch (step) {
            case 'interaction': {
                const base = input();
                const event = await contentOf(intent.message, enrich, clock);
                const text = textOf(event);
                const answer = await client.call<PostInteractionResponse>(
                    planInteraction(settings, { ...base, message: { ...base.message, text } })
                );
                ok();
                if (typeof answer.conversationIdentifier !== 'string' || answer.conversationIdentifier === '') {
                    throw new ByocStepError('post-interaction: the answer names no conversationIdentifier');
                }
                const workItemId = answer.workItemIds?.[0];
                // The MessagingSession opened: the 'link' step names it to Relay's package (messagingSessionEvent).
                const session =
                    typeof workItemId === 'string' && workItemId !== ''
                        ? { id: workItemId, openedAt: new Date(clock.now()).toISOString() }
                        : undefined;
                // The first message's files follow the opening as entries of their own (later.ts).
                const files = filesOf(event).length;
                return {
                    ...progress,
                    conversationIdentifier: answer.conversationIdentifier,
                    ...(workItemId === undefined ? {} : { workItemId }),
                    ...(session === undefined ? {} : { messagingSession: session }),
                    ...(files === 0 ? {} : { firstFiles: files })
                };
            }
            case 'link': {
                // No call: the outbox takes the event (a second append of its id changes nothing), then `linked`.
                const session = progress.messagingSession!;
                try {
                    await store.append(
                        [{ event: messagingSessionEvent(conversationId, intent, session) }],
                        clock.now()
                    );
                } catch (error) {
                    throw new ByocRetry(`the outbox did not take the event: ${(error as Error).message}`, null);
                }
                onAppended?.();
                return { ...progress, messagingSession: { ...session, linked: true } };
            }
            case 'consent':
                await client.call(planConsent(settings, input()));
                ok();
                return { ...progress, consent: true };
            case 'route': {
                const answer = await client.call<PostRouteResponse>(
                    planRoute(conversationIdentifier, 'Initial', intent.salesforceQueueId)
                );
                ok();
                const workItemId = answer.workItemId ?? progress.workItemId;
                if (answer.success === false) {
                    this.options.log.warn(
                        { conversationId, reason: answer.reasonForNotRouting },
                        'byoc post-route answered success false'
                    );
                }
                return {
                    ...progress,
                    ...(workItemId === undefined ? {} : { workItemId }),
                    route: {
                        routingCorrelationId: answer.routingCorrelationId ?? null,
                        psrId: answer.psrId ?? null,
                        success: answer.success !== false
                    }
                };
            }
            case 'agentWork': {
                const agent = intent.agent!;
                const salesforceUserId = userMap.get(agent.genesysUserId);
                if (salesforceUserId === undefined) {
                    // Recorded and logged, not a failed record: the customer's messages must go on reaching the session.
                    const skipped = `no RELAY_SF_USER_MAP entry for the Genesys user ${agent.genesysUserId}`;
                    log.error(
                        { conversationId, genesysUserId: agent.genesysUserId },
                        `byoc agent gets no AgentWork: ${skipped}`
                    );
                    return { ...progress, agentWork: { salesforceUserId: null, agentWorkId: null, skipped } };
                }
                if (progress.workItemId === undefined || progress.route?.routingCorrelationId == null) {
                    throw new ByocStepError('post-route named no workItemId or routingCorrelationId');
                }
                const answer = await client.call<{ agentWorkId?: string }>(
                    planAgentWork({
                        conversationIdentifier,
                        workItemId: progress.workItemId,
                        userId: salesforceUserId,
                        routingCorrelationId: progress.route.routingCorrelationId,
                        routingType: 'Initial'
                    })
                );
                ok();
                return { ...progress, agentWork: { salesforceUserId, agentWorkId: answer.agentWorkId ?? null } };
            }
            case 'release': {
                const call = planRelease(conversationIdentifier, psrStillPending(progress));
                if (call === null) return { ...progress, release: 'not-pending' };
                await client.call(call);
                ok();
                return { ...progress, release: 'released' };
            }
        }
    }
}
