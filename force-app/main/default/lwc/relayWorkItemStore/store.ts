import { keyOf, reconcile, receive, transition } from 'c/relayInteractionState';
import type {
    Effect,
    EffectTarget,
    Interaction,
    InteractionEvent,
    InteractionState,
    TransferTarget
} from 'c/relayInteractionState';
import { RelayOmniError } from 'c/relayOmniChannel';
import type { AgentWork, OmniClient, OmniEvent, Scheduler } from 'c/relayOmniChannel';
import { messageFor } from 'c/relayErrors';
import INTERACTION_NOT_FOUND from '@salesforce/label/c.Relay_Error_InteractionNotFound';
import GENERIC_ERROR from '@salesforce/label/c.Relay_Error_Generic';
import OMNI_STATUS_MANUAL from '@salesforce/label/c.Relay_WorkItem_OmniStatusManual';
import type { RelayAgentStatus, RelayInteractionView, RelayQueueView } from './apexTypes';
import { changesWork, isForAgent, readPayload, toContactCentreEvent } from './platformEvents';
import { omniStatusIsOnQueue, StatusDirectory } from './presence';
import { metaOf, toParticipant, toSnapshot } from './snapshot';
import { detached } from './debounce';
import type { InteractionMeta } from './snapshot';

/*
 * The work-item panel's orchestration: feeds the state machine (relayInteractionState) with what the agent,
 * the contact centre (platform events, reconciliation), Omni-Channel and the console report, and carries
 * out the effects it returns: the one Apex call per action, accepting and closing the work item, opening
 * and closing the tab. Everything it touches comes in as ports, so it is tested without a browser.
 */

/** The Apex methods the panel calls (RelayWorkItemController, RelayWrapUpController). */
export interface ApexPort {
    getAgentStatus(): Promise<RelayAgentStatus>;
    setOnQueue(onQueue: boolean): Promise<RelayAgentStatus>;
    /** Clears the contact centre's Not Responding after a missed offer (RelayWorkItemController.resumeRouting). */
    resumeRouting(): Promise<RelayAgentStatus>;
    syncInteractions(): Promise<RelayInteractionView[]>;
    /** The wrap-ups the agent owes on a conversation that is no longer their interaction (RelayWrapUpController). */
    syncOwedWrapUps(): Promise<RelayInteractionView[]>;
    getPendingWrapUps(): Promise<RelayInteractionView[]>;
    pickUp(interactionId: string): Promise<RelayInteractionView>;
    disconnect(interactionId: string): Promise<RelayInteractionView>;
}

export type OmniPort = Pick<OmniClient, 'acceptWork' | 'closeWork' | 'setStatus' | 'getStatus' | 'getAgentWorks'>;

/** Console tabs (lightning/platformWorkspaceApi). */
export interface WorkspacePort {
    /** Opens the record's tab (or finds the one open), focused or in the background; resolves with its tab id. */
    openTab(recordId: string, focus: boolean): Promise<string>;
    closeTab(tabId: string): Promise<unknown>;
    /** The ids of the tabs showing the record. */
    tabsOf(recordId: string): Promise<string[]>;
    /** Names a tab (a record tab is otherwise titled with the record's number). */
    labelTab(tabId: string, label: string): Promise<unknown>;
}

export interface StorePorts {
    apex: ApexPort;
    omni: OmniPort;
    workspace: WorkspacePort;
    scheduler: Scheduler;
    /** The browser's clock (ms since epoch). */
    now(): number;
    /**
     * Open the record's console tab when the agent picks up (App Builder setting; default true). When false,
     * Relay opens no tab but still closes the one Omni-Channel or the agent opened, when the conversation ends.
     */
    openTabOnPickUp?: boolean;
}

/** A message in the panel's live region: a translated label or an Apex message, never a stack trace. */
export interface PanelMessage {
    id: number;
    kind: 'error' | 'notice';
    text: string;
}

export interface StoreState {
    /** The first reconciliation has not answered yet. */
    loading: boolean;
    /** Subscribed to contact-centre events; false while reconnecting. */
    live: boolean;
    interactions: readonly Interaction[];
    meta: ReadonlyMap<string, InteractionMeta>;
    agent: RelayAgentStatus | undefined;
    /** On Queue and routable: false while the contact centre holds the agent Not Responding. */
    onQueue: boolean;
    /** On Queue, but nothing is routed to the agent since they missed an offer (routing status NOT_RESPONDING). */
    notResponding: boolean;
    /** A change of On Queue is on its way. */
    queueBusy: boolean;
    messages: readonly PanelMessage[];
}

/** What the transfer dialog reports when the contact centre took the transfer request. */
export interface TransferOutcome {
    queue: RelayQueueView;
    interaction?: RelayInteractionView | null;
}

/**
 * What the wrap-up picker reports after Done: delivered, held by Relay to retry, or kept in Salesforce for
 * the admin because the contact centre can never take it (the participant is gone).
 */
/** The Apex calls the transfer dialog and the wrap-up picker make themselves, by the effect that asks for them. */
const CALL_OF_EFFECT = {
    callTransfer: 'transfer',
    callSubmitWrapUp: 'submitWrapUp',
    callSkipWrapUp: 'skipWrapUp'
} as const;

export interface WrapUpOutcome {
    interactionId: string;
    /** Skipped: an optional wrap-up finished without a code (skipWrapUp). */
    status: 'Submitted' | 'Pending' | 'Failed' | 'Skipped';
    /** The code sent; empty when Skipped. */
    codeId: string;
    notes?: string;
    message?: string;
    onQueue?: boolean;
}

/** How often the panel asks whether held wrap-ups landed or failed, while it shows one. */
export const HELD_WRAP_UP_REFRESH_MS = 30_000;
/** Ended interactions kept to recognise late or redelivered events; older ones are forgotten. */
export const ENDED_KEPT = 50;
const MESSAGES_KEPT = 3;
const CLOCK_SAMPLES = 20;
const LIVE_STATES = new Set<InteractionState>(['connected', 'transferring', 'disconnecting']);

type Settle = (effect: Effect) => InteractionEvent | undefined;

export class WorkItemStore {
    private interactions: Interaction[] = [];
    private readonly meta = new Map<string, InteractionMeta>();
    private agent: RelayAgentStatus | undefined;
    private onQueue = false;
    private queueBusy = false;
    /** Whether Omni-Channel lets Relay work in; undefined until known. */
    private omniOnQueue: boolean | undefined;
    /** An Omni-Channel status the agent chose before their contact-centre status was known: it wins at start. */
    private omniChoice: boolean | undefined;
    private onQueueApiName: string | undefined;
    private readonly statuses = new StatusDirectory();
    private messages: PanelMessage[] = [];
    private messageCount = 0;
    private loading = true;
    private live = true;
    private syncRun: Promise<void> | null = null;
    private syncAgain = false;
    private agentRun: Promise<void> | null = null;
    private heldTimer: unknown = null;
    private focusRequest: string | undefined;
    /** Interactions the agent picked up in this page: only their tabs take the focus when they open. */
    private readonly pickedUp = new Set<string>();
    /** Conversations the agent started (or took over) with Send message: their tabs take the focus too. */
    private readonly startedHere = new Set<string>();
    /** Browser time minus contact-centre time, as seen on recent events (latency included). */
    private readonly clockSamples: number[] = [];
    private readonly listeners = new Set<() => void>();
    private cached: StoreState | undefined;
    private disposed = false;

    constructor(private readonly ports: StorePorts) {}

    // ----- reading -----

    subscribe(listener: () => void): () => void {
        this.listeners.add(listener);
        return () => {
            this.listeners.delete(listener);
        };
    }

    get state(): StoreState {
        this.cached ??= {
            loading: this.loading,
            live: this.live,
            interactions: this.interactions,
            meta: this.meta,
            agent: this.agent,
            onQueue: this.onQueue,
            notResponding: this.agent?.notResponding === true,
            queueBusy: this.queueBusy,
            messages: this.messages
        };
        return this.cached;
    }

    /**
     * Contact-centre time now. Every time in the interactions is contact-centre time, so countdowns and the
     * staleness rules do not depend on the agent's clock being right.
     */
    now(): number {
        const offset = this.clockSamples.length > 0 ? Math.min(...this.clockSamples) : 0;
        return this.ports.now() - offset;
    }

    /**
     * The interaction whose wrap-up picker opened and may take the focus. Every panel on the page sees it;
     * the one the agent was working in takes it (focusTaken), and it lapses when the picker closes.
     */
    get pendingFocus(): string | undefined {
        return this.focusRequest;
    }

    focusTaken(key: string): void {
        if (this.focusRequest === key) {
            this.focusRequest = undefined;
        }
    }

    // ----- lifecycle -----

    /** Loads the agent's presence and reconciles with the contact centre. Resolves once both answered. */
    async start(): Promise<void> {
        const agent = this.refreshAgent();
        const omni = this.refreshOmniStatus();
        detached(Promise.all([agent, omni]).then(() => this.settleOmni()));
        await Promise.all([agent, this.sync()]);
        this.loading = false;
        this.changed();
    }

    dispose(): void {
        this.disposed = true;
        if (this.heldTimer !== null) {
            this.ports.scheduler.clearTimeout(this.heldTimer);
            this.heldTimer = null;
        }
        this.listeners.clear();
    }

    // ----- the contact centre -----

    /** The event stream is (re)subscribed: what happened meanwhile is fetched. */
    streamConnected(): void {
        this.live = true;
        this.changed();
        detached(this.refreshAgent());
        detached(this.sync());
    }

    streamInterrupted(): void {
        this.live = false;
        this.changed();
    }

    /** One empApi message: the agent's signal rang (/topic/RelayAgentSignals). */
    platformEvent(message: unknown): void {
        const event = readPayload(message);
        if (!event || this.disposed) {
            return;
        }
        this.clockSamples.push(this.ports.now() - event.occurredAt);
        if (this.clockSamples.length > CLOCK_SAMPLES) {
            this.clockSamples.shift();
        }
        if (!isForAgent(event, this.agent?.genesysUserId, this.interactions)) {
            return;
        }
        const ccEvent = toContactCentreEvent(event, this.interactions);
        if (ccEvent) {
            const outcome = receive(this.interactions, ccEvent, this.now());
            this.interactions = outcome.interactions;
            this.afterChange();
            this.run(outcome.effects);
        }
        if (changesWork(event)) {
            // The event is the news; the reconciliation brings what it does not carry (the routed work item,
            // the customer's name) and repairs anything missed.
            detached(this.sync());
        }
    }

    /**
     * Reconciles with the contact centre (syncInteractions, then syncOwedWrapUps) and Omni-Channel (open work).
     * Calls made while one runs are folded into one more run after it, so a burst of events costs two runs, not one
     * each.
     */
    sync(): Promise<void> {
        if (this.syncRun) {
            this.syncAgain = true;
            return this.syncRun;
        }
        const run = async (): Promise<void> => {
            this.syncAgain = false;
            await this.syncOnce();
            if (this.syncAgain && !this.disposed) {
                await run();
            }
        };
        this.syncRun = run().finally(() => {
            this.syncRun = null;
        });
        return this.syncRun;
    }

    /** Asks which held wrap-ups are still pending; those gone have landed, those failed say why. */
    async refreshHeldWrapUps(): Promise<void> {
        const takenAt = this.now();
        let views: RelayInteractionView[];
        try {
            views = await this.ports.apex.getPendingWrapUps();
        } catch {
            this.scheduleHeldWrapUps(); // a background check: try again later rather than alarm the agent
            return;
        }
        if (this.disposed) {
            return;
        }
        views.forEach((view) => this.learnView(view));
        const held = new Map(views.filter((v) => v.participantId).map((v) => [keyOf(v as EffectTarget), v]));
        const effects: Effect[] = [];
        this.interactions = this.interactions.map((i) => {
            if (i.state !== 'wrapUpPending') {
                return i;
            }
            const view = held.get(keyOf(i));
            const participant = view ? (toParticipant(view, 'heldWrapUps') ?? undefined) : undefined;
            const step = transition(i, { type: 'snapshot', ...targetOf(i), occurredAt: takenAt, participant }, takenAt);
            effects.push(...step.effects);
            return step.next;
        });
        this.afterChange();
        this.run(effects);
        this.scheduleHeldWrapUps();
    }

    // ----- the agent -----

    pickUp(key: string): void {
        this.pickedUp.add(key);
        this.update(key, { type: 'pickUp' });
    }

    disconnect(key: string): void {
        this.update(key, { type: 'disconnect' });
    }

    /**
     * Send message started (or took over) a conversation, the agent already connected in it: the reconciliation
     * files it, and it opens like a conversation picked up here, its tab in front.
     */
    conversationStarted(conversationId: string): Promise<void> {
        this.startedHere.add(conversationId);
        return this.sync();
    }

    dismiss(key: string): void {
        this.update(key, { type: 'dismiss' });
    }

    dismissMessage(id: number): void {
        this.messages = this.messages.filter((m) => m.id !== id);
        this.changed();
    }

    /** The transfer dialog made the one transfer call and the contact centre took it. */
    transferCompleted(key: string, outcome: TransferOutcome): void {
        const target: TransferTarget = { kind: 'queue', id: outcome.queue.id, name: outcome.queue.name };
        this.update(key, { type: 'transfer', target }, (effect) => {
            return effect.type === 'callTransfer'
                ? { type: 'callSucceeded', call: 'transfer', requestId: effect.requestId }
                : undefined;
        });
    }

    /** The wrap-up picker made the one submitWrapUp call; the interaction follows its outcome. */
    wrapUpCompleted(key: string, outcome: WrapUpOutcome): void {
        if (outcome.status === 'Skipped') {
            this.update(key, { type: 'skipWrapUp' }, (effect) => {
                return effect.type === 'callSkipWrapUp'
                    ? { type: 'callSucceeded', call: 'skipWrapUp', requestId: effect.requestId }
                    : undefined;
            });
            return;
        }
        if (outcome.status === 'Pending' && outcome.message) {
            this.meta.set(key, { ...this.meta.get(key), message: outcome.message });
        }
        this.update(key, { type: 'submitWrapUp', codeId: outcome.codeId, notes: outcome.notes }, (effect) => {
            if (effect.type !== 'callSubmitWrapUp') {
                return undefined;
            }
            switch (outcome.status) {
                case 'Pending':
                    return { type: 'wrapUpStoredForRetry', requestId: effect.requestId };
                case 'Failed':
                    // Final, as if the contact centre said so; it claims no newer time than the interaction has.
                    return {
                        type: 'wrapUpFailedForGood',
                        conversationId: effect.conversationId,
                        participantId: effect.participantId,
                        occurredAt: this.interactions.find((i) => keyOf(i) === key)?.lastEventAt ?? 0,
                        message: outcome.message
                    };
                default:
                    return { type: 'callSucceeded', call: 'submitWrapUp', requestId: effect.requestId };
            }
        });
        if (outcome.status === 'Submitted' && outcome.message) {
            // Delivered, but something still needs the agent (e.g. Relay could not put them back On Queue).
            this.showError(outcome.message);
        }
        if (typeof outcome.onQueue === 'boolean' && this.agent) {
            // submitWrapUp also puts the agent back On Queue: Omni-Channel follows.
            this.applyAgent({ ...this.agent, onQueue: outcome.onQueue });
            this.alignOmni();
        }
        this.scheduleHeldWrapUps();
    }

    /** The On Queue toggle: the contact centre first, then Omni-Channel follows what it answered. */
    async setOnQueue(onQueue: boolean): Promise<void> {
        if (this.queueBusy) {
            return;
        }
        this.queueBusy = true;
        this.changed();
        try {
            // On Queue but Not Responding: going On Queue is clearing that, as in the contact centre's own client.
            const resume = onQueue && this.agent?.onQueue === true && this.agent.notResponding === true;
            this.applyAgent(await (resume ? this.ports.apex.resumeRouting() : this.ports.apex.setOnQueue(onQueue)));
            this.alignOmni();
        } catch (error) {
            this.showError(messageFor(error));
        } finally {
            this.queueBusy = false;
            this.changed();
        }
    }

    // ----- Omni-Channel and the console -----

    omniEvent(event: OmniEvent): void {
        switch (event.name) {
            case 'statusChanged': {
                this.statuses.learn(event);
                const on = omniStatusIsOnQueue(event, this.onQueueApiName);
                this.omniOnQueue = on;
                if (!this.agent) {
                    this.omniChoice = on;
                } else if (on !== this.onQueue && !this.queueBusy) {
                    detached(this.setOnQueue(on));
                }
                return;
            }
            case 'logout':
                this.omniOnQueue = false;
                if (!this.agent) {
                    this.omniChoice = false;
                } else if (this.onQueue && !this.queueBusy) {
                    detached(this.setOnQueue(false));
                }
                return;
            case 'workAssigned':
            case 'workAccepted': {
                const key = this.keyOfWork(event.workId, event.workItemId);
                if (key) {
                    const accepted = event.name === 'workAccepted';
                    this.update(key, {
                        type: 'workItemRouted',
                        agentWorkId: event.workId,
                        recordId: event.workItemId,
                        accepted
                    });
                    if (accepted) {
                        // Accepting the work item in the Omni-Channel widget is the agent's Pick Up.
                        this.pickedUp.add(key);
                        this.update(key, { type: 'pickUp', viaWorkItem: true });
                    }
                }
                return;
            }
            case 'workDeclined':
            case 'workClosed': {
                const key = this.keyOfWork(event.workId, event.workItemId);
                if (key) {
                    this.update(key, { type: 'closeWorkItem', closed: 'workItem' });
                }
                return;
            }
            case 'relayReady':
                detached(this.refreshOmniStatus().then(() => this.alignOmni()));
                break;
            default:
                break;
        }
    }

    /** A console tab closed (lightning__tabClosed): closing an interaction's tab ends it, as in the client. */
    tabClosed(tabId: string): void {
        const owner = this.interactions.find((i) => i.tab.status === 'open' && i.tab.tabId === tabId);
        if (owner) {
            this.update(keyOf(owner), { type: 'closeWorkItem', closed: 'tab' });
        }
    }

    // ----- internals -----

    private async syncOnce(): Promise<void> {
        const takenAt = this.now();
        let views: RelayInteractionView[];
        let works: AgentWork[] | undefined;
        try {
            [views, works] = await Promise.all([this.syncViews(), this.openWorks()]);
        } catch (error) {
            this.showError(messageFor(error));
            return;
        }
        if (this.disposed) {
            return;
        }
        views.forEach((view) => this.learnView(view));
        const ongoing = new Set(this.interactions.filter((i) => i.state !== 'done').map(keyOf));
        const outcome = reconcile(this.interactions, toSnapshot(views, works, takenAt));
        this.interactions = outcome.interactions;
        this.afterChange();
        this.run(outcome.effects);
        // A conversation that ended while the panel looked away: the Apex says why (not answered, ended elsewhere).
        for (const view of views) {
            const key = view.participantId ? keyOf(view as EffectTarget) : '';
            const after = this.interactions.find((i) => keyOf(i) === key);
            if (view.state === 'done' && view.message && ongoing.has(key) && after?.state === 'done') {
                this.showNotice(view.message);
            }
        }
        this.scheduleHeldWrapUps();
    }

    // The contact centre's view in one: the interactions, then the wrap-ups the agent owes (a call of its own, after
    // the interactions are reconciled, so it links each wrap-up to the agent's interaction when there is one).
    private async syncViews(): Promise<RelayInteractionView[]> {
        const views = await this.ports.apex.syncInteractions();
        return [...views, ...(await this.ports.apex.syncOwedWrapUps())];
    }

    private async openWorks(): Promise<AgentWork[] | undefined> {
        try {
            return await this.ports.omni.getAgentWorks();
        } catch (error) {
            this.showError(omniMessage(error));
            return undefined;
        }
    }

    private refreshAgent(): Promise<void> {
        this.agentRun ??= this.ports.apex
            .getAgentStatus()
            .then((status) => this.applyAgent(status))
            .catch((error: unknown) => this.showError(messageFor(error)))
            .finally(() => {
                this.agentRun = null;
            });
        return this.agentRun;
    }

    private async refreshOmniStatus(): Promise<void> {
        try {
            const status = await this.ports.omni.getStatus();
            this.statuses.learn(status);
            this.omniOnQueue = omniStatusIsOnQueue(status, this.onQueueApiName);
        } catch {
            this.omniOnQueue = false; // not logged in to Omni-Channel (or the relay is missing, reported by sync)
        }
    }

    private applyAgent(status: RelayAgentStatus): void {
        this.agent = status;
        // Omni-Channel, the toggle and the panel follow whether the contact centre routes to the agent.
        this.onQueue = status.onQueue === true && status.notResponding !== true;
        if (this.onQueue && status.omniStatusApiName) {
            this.onQueueApiName = status.omniStatusApiName;
        }
        this.changed();
    }

    /**
     * Once the agent's contact-centre status and Omni-Channel's are both known: a status the agent chose meanwhile
     * is followed in the contact centre; otherwise Omni-Channel is put where the contact centre says.
     */
    private settleOmni(): void {
        const choice = this.omniChoice;
        this.omniChoice = undefined;
        if (choice === undefined) {
            this.alignOmni();
            return;
        }
        this.omniOnQueue = choice;
        if (this.agent && choice !== this.onQueue && !this.queueBusy) {
            detached(this.setOnQueue(choice));
        }
    }

    /** Puts Omni-Channel where the contact centre says the agent is (On Queue or not). */
    private alignOmni(): void {
        if (this.disposed || !this.agent || this.omniOnQueue === undefined || this.omniOnQueue === this.onQueue) {
            return;
        }
        // The Apex reads the status's record id; an org where it could not (no read access) still has the ids
        // Omni-Channel reported.
        const statusId = this.agent.omniStatusId || this.statuses.idOf(this.agent.omniStatusApiName);
        if (!statusId) {
            // Omni-Channel sets a status by id and has not reported this one yet: the agent sets it once.
            this.showNotice(OMNI_STATUS_MANUAL);
            return;
        }
        const wanted = this.onQueue;
        this.omniOnQueue = wanted;
        this.ports.omni
            .setStatus(statusId)
            .then((status) => this.statuses.learn(status))
            .catch((error: unknown) => {
                this.omniOnQueue = !wanted;
                this.showError(omniMessage(error));
            });
    }

    private update(key: string, event: InteractionEvent, settle?: Settle): void {
        const current = this.interactions.find((i) => keyOf(i) === key);
        if (!current) {
            return;
        }
        const step = transition(current, event, this.now());
        this.interactions = this.interactions.map((i) => (i === current ? step.next : i));
        this.afterChange();
        for (const effect of step.effects) {
            const result = settle?.(effect);
            if (result) {
                this.update(key, result);
            } else {
                this.perform(effect);
            }
        }
    }

    private run(effects: readonly Effect[]): void {
        effects.forEach((effect) => this.perform(effect));
    }

    private perform(effect: Effect): void {
        switch (effect.type) {
            case 'callPickUp':
                detached(this.call(effect, 'pickUp', (id) => this.ports.apex.pickUp(id)));
                break;
            case 'callDisconnect':
                detached(this.call(effect, 'disconnect', (id) => this.ports.apex.disconnect(id)));
                break;
            case 'callDecline':
                // The Apex disconnect of a leg still alerting declines the offer in the contact centre.
                detached(this.call(effect, 'decline', (id) => this.ports.apex.disconnect(id)));
                break;
            case 'callTransfer':
            case 'callSubmitWrapUp':
            case 'callSkipWrapUp': {
                // The transfer dialog and the wrap-up picker make these calls and report the outcome; a request
                // from anywhere else is a bug, answered rather than left pending.
                const call = CALL_OF_EFFECT[effect.type];
                this.update(keyOf(effect), {
                    type: 'callFailed',
                    call,
                    requestId: effect.requestId,
                    message: GENERIC_ERROR
                });
                break;
            }
            case 'acceptWorkItem':
                detached(this.omniCall(() => this.ports.omni.acceptWork(effect.agentWorkId)));
                break;
            case 'closeWorkItem':
                detached(this.closeWork(effect.agentWorkId));
                break;
            case 'declineWorkItem':
                // An offer that ended before it was accepted: Omni-Channel withdraws it itself when it can't be
                // closed, so a refusal here is nothing the agent must act on.
                detached(this.ports.omni.closeWork(effect.agentWorkId));
                break;
            case 'openTab':
                detached(this.openTab(effect));
                break;
            case 'closeTab':
                detached(this.closeTab(effect));
                break;
            case 'openWrapUpPicker':
                this.focusRequest = keyOf(effect);
                this.changed();
                break;
            case 'closeWrapUpPicker':
                if (this.focusRequest === keyOf(effect)) {
                    this.focusRequest = undefined;
                }
                break;
            case 'showError':
                this.showError(effect.message);
                break;
            case 'showNotice':
                this.showNotice(effect.message);
                break;
            case 'setOmniStatus':
                // A missed offer: the contact centre stops routing to the agent (Not Responding). The panel shows it
                // from the agent's status, and Omni-Channel follows it there.
                detached(this.refreshAgent().then(() => this.alignOmni()));
                break;
            default:
                break;
        }
    }

    private async call(
        effect: EffectTarget & { requestId: string },
        call: 'pickUp' | 'disconnect' | 'decline',
        send: (recordId: string) => Promise<RelayInteractionView>
    ): Promise<void> {
        const key = keyOf(effect);
        try {
            const recordId = await this.recordIdOf(key);
            if (!recordId) {
                this.update(key, {
                    type: 'callFailed',
                    call,
                    requestId: effect.requestId,
                    message: INTERACTION_NOT_FOUND
                });
                return;
            }
            const view = await send(recordId);
            if (call !== 'decline') {
                // A declined offer is simply over: its answer, not the view, says what follows (Not Responding).
                this.applyView(key, view);
            }
            this.update(key, { type: 'callSucceeded', call, requestId: effect.requestId });
        } catch (error) {
            this.update(key, { type: 'callFailed', call, requestId: effect.requestId, message: messageFor(error) });
        }
    }

    /**
     * What an action's answer says about the interaction, applied before the call counts as done: the Apex
     * knows whether a wrap-up follows a disconnect. It claims no newer time than the interaction already
     * has, so contact-centre events that come later still apply.
     */
    private applyView(key: string, view: RelayInteractionView): void {
        this.learnView(view);
        const current = this.interactions.find((i) => keyOf(i) === key);
        const participant = toParticipant(view);
        if (!current || !participant || view.conversationId !== current.conversationId) {
            return;
        }
        const at = current.lastEventAt;
        this.update(key, {
            type: 'snapshot',
            ...targetOf(current),
            occurredAt: at,
            participant: {
                ...participant,
                participantId: current.participantId,
                wrapUpStartedAt: participant.wrapUpStartedAt ?? this.now()
            }
        });
    }

    private async recordIdOf(key: string): Promise<string | undefined> {
        if (!this.meta.get(key)?.recordId) {
            await this.sync(); // an alert the panel heard of before the reconciliation brought its record
        }
        return this.meta.get(key)?.recordId;
    }

    /**
     * Closes a work item. Closing one that is already closed (another close got there first: after a reload the
     * console and Relay can both close it) is what was wanted, so only a work item still open is an error.
     */
    private async closeWork(agentWorkId: string): Promise<void> {
        try {
            await this.ports.omni.closeWork(agentWorkId);
        } catch (error) {
            const open = await this.ports.omni.getAgentWorks().catch(() => undefined);
            if (open && !open.some((work) => work.workId === agentWorkId)) {
                return;
            }
            this.showError(omniMessage(error));
        }
    }

    private async omniCall(send: () => Promise<unknown>): Promise<void> {
        try {
            await send();
        } catch (error) {
            this.showError(omniMessage(error));
        }
    }

    private async openTab(effect: EffectTarget & { recordId: string }): Promise<void> {
        const key = keyOf(effect);
        try {
            const tabId =
                this.ports.openTabOnPickUp === false
                    ? (await this.ports.workspace.tabsOf(effect.recordId))[0]
                    : // A tab re-opened for a conversation found after a reload stays in the background.
                      await this.ports.workspace.openTab(effect.recordId, this.pickedUp.has(key));
            if (tabId) {
                this.update(key, { type: 'tabOpened', tabId });
                this.labelTab(key, tabId);
            }
        } catch {
            // Outside a console app there are no tabs: the work item is still in Omni-Channel.
        }
    }

    /** The agent reads who the tab is about: the customer's name, or their digital ID when Relay knows none. */
    private labelTab(key: string, tabId: string): void {
        const interaction = this.interactions.find((i) => keyOf(i) === key);
        const label = interaction?.customerName?.trim() || this.meta.get(key)?.customerAddress?.trim();
        if (label) {
            // A tab that keeps its record number still works: nothing for the agent to act on.
            this.ports.workspace.labelTab(tabId, label).catch(() => undefined);
        }
    }

    private async closeTab(effect: { tabId?: string; recordId?: string }): Promise<void> {
        try {
            const tabIds = effect.tabId
                ? [effect.tabId]
                : effect.recordId
                  ? await this.ports.workspace.tabsOf(effect.recordId)
                  : [];
            await Promise.all(tabIds.map((tabId) => this.ports.workspace.closeTab(tabId)));
        } catch {
            // A tab the agent already closed, or no console: nothing is left open.
        }
    }

    private keyOfWork(workId: string, recordId: string): string | undefined {
        const byWork = this.interactions.find((i) => i.workItem.status !== 'none' && i.workItem.agentWorkId === workId);
        if (byWork) {
            return keyOf(byWork);
        }
        for (const [key, meta] of this.meta) {
            const routes = meta.workRecordId ?? meta.recordId;
            if (recordId && routes === recordId && this.interactions.some((i) => keyOf(i) === key)) {
                return key;
            }
        }
        return undefined;
    }

    private learnView(view: RelayInteractionView): void {
        if (view.conversationId && view.participantId) {
            const key = keyOf(view as EffectTarget);
            this.meta.set(key, metaOf(view, this.meta.get(key)));
            if (this.startedHere.delete(view.conversationId)) {
                this.pickedUp.add(key);
            }
        }
    }

    private scheduleHeldWrapUps(): void {
        if (this.disposed || this.heldTimer !== null || !this.interactions.some((i) => i.state === 'wrapUpPending')) {
            return;
        }
        this.heldTimer = this.ports.scheduler.setTimeout(() => {
            this.heldTimer = null;
            detached(this.refreshHeldWrapUps());
        }, HELD_WRAP_UP_REFRESH_MS);
    }

    /** Book-keeping after the interactions changed: when a leg connected, and forgetting old endings. */
    private afterChange(): void {
        const now = this.now();
        for (const i of this.interactions) {
            const key = keyOf(i);
            const meta = this.meta.get(key);
            if (LIVE_STATES.has(i.state) && meta?.connectedAt === undefined) {
                this.meta.set(key, { ...meta, connectedAt: now });
            }
        }
        const ended = this.interactions.filter((i) => i.state === 'done');
        if (ended.length > ENDED_KEPT) {
            const forget = new Set(ended.slice(0, ended.length - ENDED_KEPT));
            forget.forEach((i) => {
                this.meta.delete(keyOf(i));
                this.pickedUp.delete(keyOf(i));
            });
            this.interactions = this.interactions.filter((i) => !forget.has(i));
        }
        this.changed();
    }

    private showError(text: string): void {
        this.addMessage('error', text);
    }

    private showNotice(text: string): void {
        this.addMessage('notice', text);
    }

    private addMessage(kind: PanelMessage['kind'], text: string): void {
        if (this.disposed || !text || this.messages.some((m) => m.text === text)) {
            return;
        }
        this.messages = [...this.messages, { id: ++this.messageCount, kind, text }].slice(-MESSAGES_KEPT);
        this.changed();
    }

    private changed(): void {
        this.cached = undefined;
        this.listeners.forEach((listener) => listener());
    }
}

/** Omni-Channel errors carry their own translated label; anything else goes through relayErrors. */
function omniMessage(error: unknown): string {
    return error instanceof RelayOmniError ? error.message : messageFor(error);
}

function targetOf(i: EffectTarget): EffectTarget {
    return { conversationId: i.conversationId, participantId: i.participantId };
}
