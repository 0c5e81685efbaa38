import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import { messageFor } from 'c/relayErrors';
import { browserScheduler, debounce, detached, LatestRequest } from 'c/relayWorkItemStore';
import type { Debounced, RelayQueueView } from 'c/relayWorkItemStore';
import TRANSFER from '@salesforce/label/c.Relay_WorkItem_Transfer';
import TRANSFERRING from '@salesforce/label/c.Relay_WorkItem_Transferring';
import CANCEL from '@salesforce/label/c.Relay_Action_Cancel';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';

/** The wait after the last keystroke before the queues are searched. */
export const SEARCH_DELAY_MS = 300;

/** What the dialog needs of the interaction. */
export interface TransferDialogInteraction {
    id: string;
    customerName?: string | null;
}

/** The words that differ between routes (custom labels). */
export interface TransferRouteLabels {
    heading: string;
    intro: string;
    queue: string;
    loading: string;
    /** Shown when no queue is offered (or, with a search, none matches). */
    empty: string;
    /** The search field's label; a route without one lists its queues once, with no search field. */
    search?: string;
}

/**
 * Where a transfer can go, given by the caller: the queues offered, the call that transfers, and the words.
 * The dialog closes with what `transfer` resolved to.
 */
export interface TransferRoute<Outcome> {
    labels: TransferRouteLabels;
    /** The queues to offer; searchTerm is null when the agent has not typed one (and always without a search). */
    loadQueues: (searchTerm: string | null) => Promise<RelayQueueView[] | null | undefined>;
    transfer: (interactionId: string, queue: RelayQueueView) => Promise<Outcome>;
}

/** RelayTransferDialog.open(...) options. */
export interface TransferDialogOptions<Outcome> {
    interaction: TransferDialogInteraction;
    route: TransferRoute<Outcome>;
    size?: 'small' | 'medium' | 'large' | 'full';
    label: string;
}

/**
 * Transfer an interaction to a queue: a contact-centre queue from the work-item panel, a digital routing queue
 * from the interaction view (each caller passes its TransferRoute). Opened with
 * `RelayTransferDialog.open({ interaction, route, size: 'small', label: route.labels.heading })`; closes with
 * the route's outcome once its one `transfer` call succeeded, or undefined when cancelled (Cancel, Escape or
 * the close button). A refused transfer keeps the dialog open with the reason, the chosen queue still selected.
 */
export default class RelayTransferDialog extends LightningModal {
    /** Typed here: @salesforce/lightning-types declares the modal but not its static open(). */
    declare static open: <Outcome>(options: TransferDialogOptions<Outcome>) => Promise<Outcome | undefined>;

    @api interaction: TransferDialogInteraction | undefined;
    @api route: TransferRoute<unknown> | undefined;

    actionLabels = { CANCEL, RETRY };
    queues: RelayQueueView[] = [];
    searchTerm = '';
    selectedQueueId: string | undefined;
    searching = false;
    sending = false;
    searchFailed = false;
    error: string | undefined;

    private chosenQueue: RelayQueueView | undefined;
    private readonly latest = new LatestRequest();
    private readonly search: Debounced<string> = debounce(
        (term) => detached(this.loadQueues(term)),
        SEARCH_DELAY_MS,
        browserScheduler
    );

    override connectedCallback(): void {
        detached(this.loadQueues(''));
    }

    override disconnectedCallback(): void {
        this.search.cancel();
    }

    get labels(): Partial<TransferRouteLabels> {
        return this.route?.labels ?? {};
    }

    get searchable(): boolean {
        return !!this.labels.search;
    }

    get options(): Array<{ label: string; value: string }> {
        // The chosen queue stays listed while the agent searches on, so it is never chosen out of sight.
        const chosen = this.chosenQueue;
        const list = chosen && !this.queues.some((q) => q.id === chosen.id) ? [chosen, ...this.queues] : this.queues;
        return list.map((q) => ({ label: q.name, value: q.id }));
    }

    get hasOptions(): boolean {
        return this.options.length > 0;
    }

    get statusText(): string | undefined {
        if (this.sending) {
            return TRANSFERRING;
        }
        if (this.searching) {
            return this.labels.loading;
        }
        return !this.searchFailed && this.queues.length === 0 ? this.labels.empty : undefined;
    }

    get transferLabel(): string {
        return this.sending ? TRANSFERRING : TRANSFER;
    }

    get transferDisabled(): boolean {
        return !this.selectedQueueId || this.sending;
    }

    get radioName(): string {
        return `relayTransferQueue-${this.interaction?.id ?? ''}`;
    }

    handleSearch(event: CustomEvent<{ value?: string }>): void {
        this.searchTerm = event.detail?.value ?? '';
        this.search.schedule(this.searchTerm);
    }

    /** Enter searches at once instead of waiting for the pause. */
    handleSearchKeyUp(event: KeyboardEvent): void {
        if (event.key === 'Enter') {
            this.search.schedule(this.searchTerm);
            this.search.flush();
        }
    }

    handleRetry(): void {
        detached(this.loadQueues(this.searchTerm));
    }

    handleQueue(event: CustomEvent<{ value?: string }>): void {
        this.selectedQueueId = event.detail?.value || undefined;
        this.chosenQueue = this.queues.find((q) => q.id === this.selectedQueueId) ?? this.chosenQueue;
        this.error = undefined;
    }

    async handleCancel(): Promise<void> {
        // LightningModal.close() returns nothing at run time (lightning-types says a Promise), so no .catch on it.
        await this.close(undefined);
    }

    async handleTransfer(): Promise<void> {
        const interactionId = this.interaction?.id;
        const queue = this.chosenQueue;
        const route = this.route;
        if (!interactionId || !queue || !route || this.sending) {
            return;
        }
        this.sending = true;
        this.error = undefined;
        // Closing mid-call would hide whether the transfer happened.
        this.disableClose = true;
        try {
            const outcome = await route.transfer(interactionId, queue);
            this.disableClose = false;
            await this.close(outcome);
        } catch (error) {
            this.error = messageFor(error);
            this.disableClose = false;
        } finally {
            this.sending = false;
        }
    }

    private async loadQueues(term: string): Promise<void> {
        const route = this.route;
        if (!route) {
            return;
        }
        const ticket = this.latest.next();
        this.searching = true;
        this.searchFailed = false;
        try {
            const queues = await route.loadQueues(term.trim() || null);
            if (this.latest.isLatest(ticket)) {
                this.queues = queues ?? [];
                this.error = undefined;
            }
        } catch (error) {
            if (this.latest.isLatest(ticket)) {
                this.queues = [];
                this.searchFailed = true;
                this.error = messageFor(error);
            }
        } finally {
            if (this.latest.isLatest(ticket)) {
                this.searching = false;
            }
        }
    }
}
