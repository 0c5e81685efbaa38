import { LightningElement, api } from 'lwc';
import {
    APPLICATION_SCOPE,
    createMessageContext,
    releaseMessageContext,
    subscribe,
    unsubscribe
} from 'lightning/messageService';
import { onError, subscribe as empSubscribe, unsubscribe as empUnsubscribe } from 'lightning/empApi';
import { closeTab, getAllTabInfo, openTab, setTabLabel } from 'lightning/platformWorkspaceApi';
import type { TabInfo } from 'lightning/platformWorkspaceApi';
import TAB_CLOSED from '@salesforce/messageChannel/lightning__tabClosed';
import getAgentStatus from '@salesforce/apex/RelayWorkItemController.getAgentStatus';
import setOnQueue from '@salesforce/apex/RelayWorkItemController.setOnQueue';
import resumeRouting from '@salesforce/apex/RelayWorkItemController.resumeRouting';
import syncInteractions from '@salesforce/apex/RelayWorkItemController.syncInteractions';
import pickUp from '@salesforce/apex/RelayWorkItemController.pickUp';
import disconnect from '@salesforce/apex/RelayWorkItemController.disconnect';
import getPendingWrapUps from '@salesforce/apex/RelayWrapUpController.getPendingWrapUps';
import syncOwedWrapUps from '@salesforce/apex/RelayWrapUpController.syncOwedWrapUps';
import { createOmniClient } from 'c/relayOmniChannel';
import {
    acquireStore,
    browserScheduler,
    ConversationStream,
    detached,
    registerAgentSignal,
    releaseStore,
    toRows,
    WorkItemStore
} from 'c/relayWorkItemStore';
import type { InteractionRow, PanelMessage, WrapUpOutcome, WrapUpTarget } from 'c/relayWorkItemStore';
import RelayTransferDialog from 'c/relayTransferDialog';
import RelaySendMessageDialog from 'c/relaySendMessageDialog';
import { CONTACT_CENTRE_ROUTE } from './transferRoute';
import TITLE from '@salesforce/label/c.Relay_WorkItem_Title';
import LIST from '@salesforce/label/c.Relay_WorkItem_List';
import QUEUE_STATUS from '@salesforce/label/c.Relay_WorkItem_QueueStatus';
import ON_QUEUE from '@salesforce/label/c.Relay_WorkItem_OnQueue';
import OFF_QUEUE from '@salesforce/label/c.Relay_WorkItem_OffQueue';
import EMPTY from '@salesforce/label/c.Relay_WorkItem_Empty';
import LOADING from '@salesforce/label/c.Relay_WorkItem_Loading';
import PICK_UP from '@salesforce/label/c.Relay_WorkItem_PickUp';
import DISCONNECT from '@salesforce/label/c.Relay_WorkItem_Disconnect';
import TRANSFER from '@salesforce/label/c.Relay_WorkItem_Transfer';
import DISMISS from '@salesforce/label/c.Relay_WorkItem_Dismiss';
import RECONNECTING from '@salesforce/label/c.Relay_WorkItem_Reconnecting';
import NOT_RESPONDING from '@salesforce/label/c.Relay_WorkItem_NotResponding';
import SEND_MESSAGE from '@salesforce/label/c.Relay_Message_Open';

interface PanelRow extends InteractionRow {
    countdownClass: string;
}

/**
 * The agent's externally routed conversations: On Queue / Off Queue, Pick Up, Transfer, Disconnect and the
 * wrap-up, for the utility bar and Lightning pages. The logic lives in c/relayWorkItemStore (one store per
 * page, shared by every panel); this component renders it and passes the agent's clicks on.
 */
export default class RelayWorkItemPanel extends LightningElement {
    /** Show the On Queue / Off Queue toggle (App Builder; default true). */
    @api showOnQueueToggle: boolean | undefined;
    /** Open the conversation's record in a console tab on Pick Up (App Builder; default true). */
    @api openTabOnPickUp: boolean | undefined;
    /** On a Relay_Interaction__c record page, the panel shows that conversation only. */
    @api recordId: string | undefined;
    @api objectApiName: string | undefined;

    labels = {
        TITLE,
        LIST,
        QUEUE_STATUS,
        ON_QUEUE,
        OFF_QUEUE,
        EMPTY,
        LOADING,
        PICK_UP,
        DISCONNECT,
        TRANSFER,
        DISMISS,
        RECONNECTING,
        NOT_RESPONDING,
        SEND_MESSAGE
    };

    rows: PanelRow[] = [];
    errors: PanelMessage[] = [];
    notices: PanelMessage[] = [];
    loading = true;
    live = true;
    onQueue = false;
    notResponding = false;
    queueBusy = false;
    agentKnown = false;
    /** Send message is open: its button waits. */
    messageOpen = false;

    private store: WorkItemStore | undefined;
    private stopListening: (() => void) | undefined;
    private ticker: ReturnType<typeof setInterval> | undefined;
    /** The interaction whose transfer dialog is open: its buttons wait. */
    private transferKey: string | undefined;
    private focusHeading = false;
    /** The interaction the agent last acted on in this panel: only then may its wrap-up take the focus. */
    private actedOn: string | undefined;
    private readonly wrapUpTargets = new Map<string, WrapUpTarget>();

    override connectedCallback(): void {
        const openTabs = this.openTabOnPickUp !== false;
        this.store = acquireStore(() => createStore(openTabs));
        this.stopListening = this.store.subscribe(() => this.refresh());
        this.refresh();
        // Elapsed times and countdowns are derived from timestamps; the ticker only re-renders them.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.ticker = setInterval(() => this.refresh(), 1000);
    }

    override disconnectedCallback(): void {
        clearInterval(this.ticker);
        this.stopListening?.();
        if (this.store) {
            releaseStore(this.store);
            this.store = undefined;
        }
    }

    override renderedCallback(): void {
        const key = this.store?.pendingFocus;
        const picker = key && key === this.actedOn ? this.pickerOf(key) : undefined;
        if (key && picker) {
            this.actedOn = undefined;
            this.store?.focusTaken(key);
            if (this.focusIsHereOrLost()) {
                picker.focus();
            }
        }
        if (this.focusHeading) {
            this.focusHeading = false;
            this.template?.querySelector<HTMLElement>('[data-id="heading"]')?.focus();
        }
        // The toggle flips itself when clicked; when the contact centre refused, it must flip back.
        const toggle = this.template?.querySelector<HTMLElement & { checked: boolean }>('[data-id="queue-toggle"]');
        if (toggle && toggle.checked !== this.onQueue) {
            toggle.checked = this.onQueue;
        }
    }

    get toggleVisible(): boolean {
        return this.showOnQueueToggle !== false;
    }

    /**
     * On a Relay interaction's record page the panel is that conversation's controls only: the list, its heading,
     * the queue status and "no conversations" belong to the utility bar's panel, which is always there.
     */
    get onInteractionPage(): boolean {
        return !!this.recordId && !!this.objectApiName?.endsWith('Relay_Interaction__c');
    }

    get showHeader(): boolean {
        return !this.onInteractionPage;
    }

    get panelVisible(): boolean {
        return !this.onInteractionPage || this.rows.length > 0;
    }

    get toggleDisabled(): boolean {
        return this.queueBusy || !this.agentKnown;
    }

    get showLoading(): boolean {
        return this.loading && this.rows.length === 0 && !this.onInteractionPage;
    }

    get isEmpty(): boolean {
        return !this.loading && this.rows.length === 0 && !this.onInteractionPage;
    }

    get reconnecting(): boolean {
        return !this.live && !this.onInteractionPage;
    }

    get showNotResponding(): boolean {
        return this.notResponding && !this.onInteractionPage;
    }

    handleQueueToggle(event: CustomEvent<{ checked?: boolean }>): void {
        if (this.store) {
            detached(this.store.setOnQueue(event.detail?.checked === true));
        }
    }

    handlePickUp(event: Event): void {
        this.actedOn = keyOf(event);
        this.store?.pickUp(this.actedOn);
    }

    handleDisconnect(event: Event): void {
        this.actedOn = keyOf(event);
        this.store?.disconnect(this.actedOn);
    }

    handleDismiss(event: Event): void {
        this.store?.dismiss(keyOf(event));
    }

    handleDismissMessage(event: Event): void {
        this.store?.dismissMessage(Number((event.currentTarget as HTMLElement).dataset.messageId));
    }

    /**
     * Send message on behalf of a queue: needs no On Queue. Once the conversation is the agent's, the panel lists it
     * and opens it like one picked up, where the agent writes the message.
     */
    async handleSendMessage(): Promise<void> {
        if (this.messageOpen) {
            return;
        }
        this.messageOpen = true;
        try {
            const outcome = await RelaySendMessageDialog.open({ size: 'small', label: SEND_MESSAGE });
            if (outcome && this.store) {
                await this.store.conversationStarted(outcome.conversationId);
            }
        } finally {
            this.messageOpen = false;
        }
    }

    async handleTransfer(event: Event): Promise<void> {
        const key = keyOf(event);
        const row = this.rows.find((r) => r.key === key);
        if (!row?.recordId || this.transferKey) {
            return;
        }
        this.transferKey = key;
        this.refresh();
        try {
            const outcome = await RelayTransferDialog.open({
                interaction: { id: row.recordId, customerName: row.customer },
                route: CONTACT_CENTRE_ROUTE,
                size: 'small',
                label: CONTACT_CENTRE_ROUTE.labels.heading
            });
            if (outcome) {
                this.store?.transferCompleted(key, outcome);
            }
        } finally {
            this.transferKey = undefined;
            this.refresh();
        }
    }

    handleWrapUpComplete(event: CustomEvent<WrapUpOutcome>): void {
        const picker = event.currentTarget as HTMLElement;
        // The picker goes away: focus inside it must not fall to the page.
        this.focusHeading = this.focusIsHereOrLost();
        this.store?.wrapUpCompleted(picker.dataset.key ?? '', event.detail);
    }

    private refresh(): void {
        const store = this.store;
        if (!store) {
            return;
        }
        const state = store.state;
        const busyKeys = this.transferKey ? new Set([this.transferKey]) : undefined;
        const onRecordPage = this.onInteractionPage;
        const rows = toRows(state.interactions, state.meta, store.now(), { busyKeys });
        this.rows = rows
            .filter((row) => !onRecordPage || row.recordId === this.recordId)
            .map((row) => ({
                ...row,
                wrapUp: row.wrapUp ? this.stableTarget(row.key, row.wrapUp) : undefined,
                countdownClass: row.urgent ? 'slds-text-body_small slds-text-color_error' : 'slds-text-body_small'
            }));
        this.errors = state.messages.filter((m) => m.kind === 'error');
        this.notices = state.messages.filter((m) => m.kind === 'notice');
        this.loading = state.loading;
        this.live = state.live;
        this.onQueue = state.onQueue;
        this.queueBusy = state.queueBusy;
        this.notResponding = state.notResponding;
        this.agentKnown = state.agent !== undefined;
    }

    /** The same object while nothing changed, so the picker is not handed a new interaction every second. */
    private stableTarget(key: string, target: WrapUpTarget): WrapUpTarget {
        const previous = this.wrapUpTargets.get(key);
        if (
            previous &&
            previous.id === target.id &&
            previous.customerName === target.customerName &&
            previous.wrapUpStartedAt === target.wrapUpStartedAt &&
            previous.wrapUpTimeoutMs === target.wrapUpTimeoutMs
        ) {
            return previous;
        }
        this.wrapUpTargets.set(key, target);
        return target;
    }

    private pickerOf(key: string): (HTMLElement & { focus(): void }) | undefined {
        const pickers = this.template?.querySelectorAll<HTMLElement>('c-relay-wrap-up-picker') ?? [];
        return Array.from(pickers).find((p) => p.dataset.key === key);
    }

    /**
     * Focus is moved only when the agent is working in the panel, or when what they used just disappeared;
     * never away from where they are typing.
     */
    private focusIsHereOrLost(): boolean {
        const active = document.activeElement;
        return !!this.template?.activeElement || !active || active === document.body;
    }
}

function keyOf(event: Event): string {
    return (event.currentTarget as HTMLElement).dataset.key ?? '';
}

/** Builds the page's store and connects it to Omni-Channel, the console, the Apex and the event stream. */
function createStore(openTabOnPickUp: boolean): { store: WorkItemStore; release: () => void } {
    const context = createMessageContext();
    const omni = createOmniClient(context);
    const store = new WorkItemStore({
        apex: {
            getAgentStatus: () => getAgentStatus(),
            setOnQueue: (onQueue) => setOnQueue({ onQueue }),
            resumeRouting: () => resumeRouting({}),
            syncInteractions: () => syncInteractions(),
            syncOwedWrapUps: () => syncOwedWrapUps(),
            getPendingWrapUps: () => getPendingWrapUps(),
            pickUp: (interactionId) => pickUp({ interactionId }),
            disconnect: (interactionId) => disconnect({ interactionId })
        },
        omni,
        workspace: {
            openTab: (recordId, focus) => openTab({ recordId, focus }),
            closeTab: (tabId) => closeTab(tabId),
            tabsOf: async (recordId) => tabsShowing(await getAllTabInfo(), recordId),
            labelTab: (tabId, label) => setTabLabel(tabId, label)
        },
        scheduler: browserScheduler,
        now: () => Date.now(),
        openTabOnPickUp
    });
    const stopOmni = omni.onEvent((event) => store.omniEvent(event));
    const tabs = subscribe(
        context,
        TAB_CLOSED,
        (message) => {
            const tabId = (message as { tabId?: unknown } | null)?.tabId;
            if (typeof tabId === 'string') {
                store.tabClosed(tabId);
            }
        },
        { scope: APPLICATION_SCOPE }
    );
    const stream = new ConversationStream(
        { subscribe: empSubscribe, unsubscribe: empUnsubscribe, onError },
        browserScheduler,
        {
            message: (message) => store.platformEvent(message),
            connected: () => store.streamConnected(),
            interrupted: () => store.streamInterrupted()
        },
        registerAgentSignal
    );
    detached(store.start());
    stream.start();
    return {
        store,
        release: () => {
            stream.stop();
            stopOmni();
            unsubscribe(tabs);
            omni.dispose();
            store.dispose();
            releaseMessageContext(context);
        }
    };
}

/** Tabs and subtabs showing the record. */
function tabsShowing(tabs: readonly TabInfo[], recordId: string): string[] {
    return tabs.flatMap((tab) => [
        ...(tab.recordId === recordId ? [tab.tabId] : []),
        ...tabsShowing(tab.subtabs ?? [], recordId)
    ]);
}
