/**
 * The logic behind Relay's work-item components (relayWorkItemPanel, relayWrapUpPicker, relayTransferDialog),
 * kept out of the components so it is tested directly:
 * - store: the panel's orchestration around the interaction state machine (events in, effects out);
 * - signals: the agent's own doorbell (/topic/RelayAgentSignals), registered once per page;
 * - platformEvents / snapshot: the agent's signals and the Apex views read as state-machine input;
 * - presence: On Queue mirrored with Omni-Channel;
 * - stream: the empApi subscription to the agent's signal, kept alive;
 * - display: the rows, durations and countdowns the components render;
 * - debounce: search-as-you-type.
 */
import type { WorkItemStore } from './store';

export { WorkItemStore, HELD_WRAP_UP_REFRESH_MS, ENDED_KEPT } from './store';
export type {
    ApexPort,
    OmniPort,
    WorkspacePort,
    StorePorts,
    StoreState,
    PanelMessage,
    TransferOutcome,
    WrapUpOutcome
} from './store';
export { ConversationStream, RETRY_DELAYS_MS } from './stream';
export { AGENT_SIGNAL_CHANNEL, registerAgentSignal, resetAgentSignalRegistration } from './signals';
export type { EmpPort, StreamListener } from './stream';
export {
    CONVERSATION_EVENT_CHANNEL,
    readPayload,
    isForAgent,
    changesWork,
    toContactCentreEvent
} from './platformEvents';
export type { ConversationEventPayload } from './platformEvents';
export { toParticipant, toSnapshot, metaOf, timeOf } from './snapshot';
export type { InteractionMeta, ViewSource } from './snapshot';
export { omniStatusIsOnQueue, StatusDirectory, RELAY_SERVICE_CHANNEL } from './presence';
export { toRows, toRow, format, formatDuration, formatCountdown, filterByName, ALERT_URGENT_MS } from './display';
export type { InteractionRow, WrapUpTarget, RowOptions } from './display';
export { browserScheduler, debounce, detached, LatestRequest } from './debounce';
export type { Debounced } from './debounce';
export type {
    RelayAgentStatus,
    RelayInteractionView,
    RelayQueueView,
    RelayViewState,
    RelayWrapUpCodeView,
    RelayWrapUpResult,
    RelayWrapUpStatus
} from './apexTypes';

/**
 * One store per browser tab, shared by every panel on the page (utility bar, record page, ...), so a
 * contact-centre event, an Omni-Channel event or a closed tab is acted on once, not once per panel.
 */
interface Shared {
    store: WorkItemStore;
    release: () => void;
    users: number;
}

let shared: Shared | null = null;

/** The page's store, made by `create` for the first panel; pair every call with releaseStore. */
export function acquireStore(create: () => { store: WorkItemStore; release: () => void }): WorkItemStore {
    if (!shared) {
        shared = { ...create(), users: 0 };
    }
    shared.users++;
    return shared.store;
}

/** A panel is gone; the last one stops the store (subscriptions, timers). */
export function releaseStore(store: WorkItemStore): void {
    if (!shared || shared.store !== store) {
        return;
    }
    shared.users--;
    if (shared.users === 0) {
        const { release } = shared;
        shared = null;
        release();
    }
}
