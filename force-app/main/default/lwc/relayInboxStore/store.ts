/*
 * The digital inbox's orchestration, kept out of the component: the first load, one interaction re-read per
 * event about the agent's own work (their signal rang), the queues read again every INBOX_REFRESH_MS while the inbox
 * is on screen (what waits in a queue concerns all its members, and no event goes to each of them: docs/events.md,
 * Delivery), the click that assigns an interaction, and catching up after the event stream was interrupted. Every
 * change reaches the sorted list as one InboxView.upsert or remove, never a re-sort.
 */
import { InboxView } from 'c/relayInboxModel';
import type { InboxChange, InboxItem, InboxSort } from 'c/relayInboxModel';
import { messageFor } from 'c/relayErrors';
import { debounce, detached, readPayload } from 'c/relayWorkItemStore';
import type { Debounced } from 'c/relayWorkItemStore';
import type { Scheduler } from 'c/relayOmniChannel';
import type { RelayAssignResult, RelayInboxItemView, RelayInteractionDetail } from './apexTypes';
import { belongsInInbox, sameView, toInboxItem } from './items';

/** The Apex the store calls (RelayInboxController), one method each. */
export interface InboxPorts {
    getInbox(): Promise<RelayInboxItemView[] | null>;
    getInteractionDetail(interactionId: string): Promise<RelayInteractionDetail | null>;
    assignToMe(interactionId: string): Promise<RelayAssignResult | null>;
}

export interface InboxStoreOptions {
    /** The running Salesforce user: what "assigned to me" compares with. */
    userId: string;
    scheduler: Scheduler;
    sort?: InboxSort;
    /** How long a burst of events about conversations the list does not have waits before one catch-up read. */
    catchUpDelayMs?: number;
    /** How often the queues are read again while the inbox is on screen (startPolling). */
    refreshMs?: number;
}

/** What a click on an interaction achieved. */
export type OpenOutcome =
    | { kind: 'opened'; item: RelayInboxItemView }
    | { kind: 'taken'; assignedToName: string | null }
    | { kind: 'failed'; message: string };

/** `change` is what one interaction did to the list; null when the whole list was replaced or re-filtered. */
export type InboxListener = (change: InboxChange | null) => void;

export const CATCH_UP_DELAY_MS = 500;
/**
 * How often the inbox reads the agent's queues again while it is on screen: a new conversation, or a customer's message
 * on one nobody has taken yet, shows within this time. (The agent's own interactions show at once: their signal rings.)
 */
export const INBOX_REFRESH_MS = 10_000;

export class InboxStore {
    readonly view: InboxView;
    loading = true;
    loadError: string | undefined;
    /** Interactions the Apex returned that could not be sorted in (a missing channel, status or time). */
    skipped = 0;

    private readonly userId: string;
    private readonly views = new Map<string, RelayInboxItemView>();
    private readonly byConversation = new Map<string, string>();
    private readonly mine = new Set<string>();
    private readonly listeners = new Set<InboxListener>();
    /** Counts the writes to each interaction, so an answer older than the latest write is not applied. */
    private readonly writes = new Map<string, number>();
    /** Interactions being re-read; true when another event asked for one more read meanwhile. */
    private readonly rereading = new Map<string, boolean>();
    private readonly catchUpLater: Debounced<null>;
    private loaded = false;
    /** A first read (load) is waiting for the Apex. */
    private reading = false;
    private catchUpAfterLoad = false;
    private catchingUp = false;
    private catchUpAgain = false;
    private disposed = false;
    private readonly scheduler: Scheduler;
    private readonly refreshMs: number;
    private pollTimer: unknown = null;

    constructor(
        private readonly ports: InboxPorts,
        options: InboxStoreOptions
    ) {
        this.userId = options.userId;
        this.scheduler = options.scheduler;
        this.refreshMs = options.refreshMs ?? INBOX_REFRESH_MS;
        this.view = new InboxView([], { sort: options.sort ?? 'received', filter: { statuses: [], tags: [] } });
        this.catchUpLater = debounce(
            () => detached(this.catchUp()),
            options.catchUpDelayMs ?? CATCH_UP_DELAY_MS,
            options.scheduler
        );
    }

    subscribe(listener: InboxListener): () => void {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    dispose(): void {
        this.disposed = true;
        this.stopPolling();
        this.catchUpLater.cancel();
        this.listeners.clear();
    }

    /**
     * Reads the agent's queues again every refreshMs while `visible()` says the inbox is on screen (a hidden browser
     * tab reads nothing), applying only what differs. Until dispose or stopPolling.
     */
    startPolling(visible: () => boolean = () => true): void {
        this.stopPolling();
        const next = (): void => {
            this.pollTimer = this.scheduler.setTimeout(() => {
                this.pollTimer = null;
                if (this.disposed) {
                    return;
                }
                if (this.loaded && visible()) {
                    detached(this.catchUp());
                }
                next();
            }, this.refreshMs);
        };
        next();
    }

    stopPolling(): void {
        if (this.pollTimer !== null) {
            this.scheduler.clearTimeout(this.pollTimer);
            this.pollTimer = null;
        }
    }

    /** The first read of the inbox (and Retry after it failed). */
    async load(): Promise<void> {
        this.loading = true;
        this.notify(null);
        try {
            this.reading = true;
            const fetched = (await this.ports.getInbox()) ?? [];
            const accepted = this.acceptAll(fetched);
            this.views.clear();
            this.byConversation.clear();
            this.mine.clear();
            accepted.forEach(({ view }) => this.remember(view));
            this.view.replaceAll(accepted.map(({ item }) => item));
            this.loaded = true;
            this.loadError = undefined;
            if (this.catchUpAfterLoad) {
                this.catchUpAfterLoad = false;
                this.catchUpNow();
            }
        } catch (error) {
            this.loadError = messageFor(error);
        } finally {
            this.reading = false;
            this.loading = false;
            this.notify(null);
        }
    }

    /** The interaction as the Apex last described it. */
    get(id: string): RelayInboxItemView | undefined {
        return this.views.get(id);
    }

    /**
     * Puts one interaction's latest view into the list: moved to its place, or taken out when it no longer
     * belongs there (ended, closed, or resolved and not the agent's).
     */
    apply(view: RelayInboxItemView): InboxChange | null {
        const accepted = toInboxItem(view);
        if ('problem' in accepted) {
            return null;
        }
        this.writes.set(view.id, (this.writes.get(view.id) ?? 0) + 1);
        let change: InboxChange;
        if (belongsInInbox(accepted.item, this.userId)) {
            this.remember(view);
            change = this.view.upsert(accepted.item);
        } else {
            this.forget(view.id);
            change = this.view.remove(view.id);
        }
        this.notify(change);
        return change;
    }

    /** One interaction read again (a conversation event, or the agent left it). Reads of one id never overlap. */
    async refreshItem(id: string): Promise<void> {
        if (this.rereading.has(id)) {
            this.rereading.set(id, true);
            return;
        }
        this.rereading.set(id, false);
        try {
            const before = this.writes.get(id);
            const detail = await this.ports.getInteractionDetail(id);
            if (this.disposed) {
                return;
            }
            if (this.writes.get(id) !== before) {
                this.rereading.set(id, true); // an assignment landed meanwhile: this answer may predate it
            } else if (detail?.item) {
                this.apply(detail.item);
            } else {
                this.scheduleCatchUp();
            }
        } catch {
            // No longer readable (taken by someone else, out of the agent's queues) or the call failed: the
            // inbox as a whole knows which.
            this.scheduleCatchUp();
        } finally {
            const again = this.rereading.get(id) === true;
            this.rereading.delete(id);
            if (again && !this.disposed) {
                await this.refreshItem(id);
            }
        }
    }

    /**
     * The agent's signal rang (empApi, /topic/RelayAgentSignals): an event about their own work. A conversation in
     * the list is re-read on its own; a customer message in a conversation the list does not have may be one that came
     * back to the agent, found by one catch-up read.
     */
    platformEvent(message: unknown): void {
        const event = readPayload(message);
        if (!event || this.disposed) {
            return;
        }
        const id = this.byConversation.get(event.conversationId);
        if (id) {
            detached(this.refreshItem(id));
        } else if (event.type === 'conversation.customerMessage') {
            this.scheduleCatchUp();
        }
    }

    /**
     * The event stream is (again) subscribed: what happened while it was not is read once. A first read still
     * under way may have been taken before the subscription began, so it is followed by one more.
     */
    streamConnected(): void {
        if (this.loaded) {
            this.catchUpNow();
        } else if (this.reading) {
            this.catchUpAfterLoad = true;
        }
    }

    private catchUpNow(): void {
        this.catchUpLater.schedule(null);
        this.catchUpLater.flush();
    }

    /** Reads the whole inbox once, shortly, and applies what differs (after a transfer, say). */
    scheduleCatchUp(): void {
        if (this.loaded && !this.disposed) {
            this.catchUpLater.schedule(null);
        }
    }

    /** A click (or Enter) on an interaction: assign it to the agent, or learn who got it first. */
    async open(id: string): Promise<OpenOutcome> {
        try {
            const result = await this.ports.assignToMe(id);
            if (result?.item) {
                this.apply(result.item);
            }
            if (result?.assigned === true) {
                const item = result.item ?? this.views.get(id);
                if (item) {
                    return { kind: 'opened', item };
                }
                return { kind: 'failed', message: messageFor(null) };
            }
            if (!result?.item) {
                detached(this.refreshItem(id));
            }
            return { kind: 'taken', assignedToName: result?.assignedToName ?? result?.item?.assignedAgentName ?? null };
        } catch (error) {
            return { kind: 'failed', message: messageFor(error) };
        }
    }

    setSort(sort: InboxSort): void {
        this.view.setSort(sort);
        this.notify(null);
    }

    /** Shows the interactions that have any of these tags; none: every interaction. */
    setTags(tags: readonly string[]): void {
        this.view.setFilter({ statuses: [], tags });
        this.notify(null);
    }

    /**
     * The interactions the agent can switch to from an open one: theirs first, then the top of the list
     * (what nobody else has), up to `limit` in all, in the list's order.
     */
    switchChoices(currentId: string | undefined, limit: number): RelayInboxItemView[] {
        const position = (id: string): number => this.view.indexOf(id);
        const mine = [...this.mine]
            .filter((id) => id !== currentId && position(id) >= 0)
            .sort((a, b) => position(a) - position(b));
        const others = this.view
            .visibleSlice(0, limit + mine.length + 1)
            .filter((item) => item.id !== currentId && !this.mine.has(item.id) && item.assignedAgentId === null)
            .map((item) => item.id);
        return [...mine, ...others].slice(0, limit).map((id) => this.views.get(id) as RelayInboxItemView);
    }

    /** Reads the whole inbox and applies only what differs, one interaction at a time. */
    private async catchUp(): Promise<void> {
        if (this.catchingUp) {
            this.catchUpAgain = true;
            return;
        }
        this.catchingUp = true;
        this.catchUpAgain = false;
        try {
            const writesBefore = new Map(this.writes);
            this.reading = true;
            const fetched = (await this.ports.getInbox()) ?? [];
            if (this.disposed) {
                return;
            }
            const untouched = (id: string): boolean => this.writes.get(id) === writesBefore.get(id);
            const seen = new Set<string>();
            for (const { view } of this.acceptAll(fetched)) {
                seen.add(view.id);
                const known = this.views.get(view.id);
                if (untouched(view.id) && (!known || !sameView(known, view))) {
                    this.apply(view);
                }
            }
            for (const id of [...this.views.keys()]) {
                if (!seen.has(id) && untouched(id)) {
                    this.forget(id);
                    this.notify(this.view.remove(id));
                }
            }
        } catch {
            // The list stays as it is; the next event or reconnection tries again.
        } finally {
            this.catchingUp = false;
        }
        if (this.catchUpAgain && !this.disposed) {
            await this.catchUp();
        }
    }

    private acceptAll(fetched: readonly RelayInboxItemView[]): Array<{ view: RelayInboxItemView; item: InboxItem }> {
        const accepted: Array<{ view: RelayInboxItemView; item: InboxItem }> = [];
        let skipped = 0;
        for (const view of fetched) {
            const result = toInboxItem(view);
            if ('item' in result && belongsInInbox(result.item, this.userId)) {
                accepted.push({ view, item: result.item });
            } else if ('problem' in result) {
                skipped++;
            }
        }
        this.skipped = skipped;
        return accepted;
    }

    private remember(view: RelayInboxItemView): void {
        const previous = this.views.get(view.id);
        if (previous?.conversationId && previous.conversationId !== view.conversationId) {
            this.byConversation.delete(previous.conversationId);
        }
        this.views.set(view.id, view);
        if (view.conversationId) {
            this.byConversation.set(view.conversationId, view.id);
        }
        if (view.assignedAgentId === this.userId) {
            this.mine.add(view.id);
        } else {
            this.mine.delete(view.id);
        }
    }

    private forget(id: string): void {
        const previous = this.views.get(id);
        if (previous?.conversationId) {
            this.byConversation.delete(previous.conversationId);
        }
        this.views.delete(id);
        this.mine.delete(id);
    }

    private notify(change: InboxChange | null): void {
        this.listeners.forEach((listener) => listener(change));
    }
}
