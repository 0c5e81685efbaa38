import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import getTransferQueues from '@salesforce/apex/RelayTransferController.getTransferQueues';
import transfer from '@salesforce/apex/RelayTransferController.transfer';
import { messageFor } from 'c/relayErrors';
import { browserScheduler, debounce, detached, LatestRequest } from 'c/relayWorkItemStore';
import type { Debounced, RelayQueueView, TransferOutcome } from 'c/relayWorkItemStore';
import TITLE from '@salesforce/label/c.Relay_TransferDialog_Title';
import INTRO from '@salesforce/label/c.Relay_TransferDialog_Intro';
import SEARCH from '@salesforce/label/c.Relay_TransferDialog_Search';
import QUEUE from '@salesforce/label/c.Relay_TransferDialog_Queue';
import NO_MATCH from '@salesforce/label/c.Relay_TransferDialog_NoMatch';
import LOADING from '@salesforce/label/c.Relay_TransferDialog_Loading';
import TRANSFER from '@salesforce/label/c.Relay_WorkItem_Transfer';
import TRANSFERRING from '@salesforce/label/c.Relay_WorkItem_Transferring';
import CANCEL from '@salesforce/label/c.Relay_Action_Cancel';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';

/** The wait after the last keystroke before the queues are searched. */
export const SEARCH_DELAY_MS = 300;

/** What the dialog needs of the interaction (RelayInteractionView fields). */
export interface TransferDialogInteraction {
    id: string;
    customerName?: string | null;
}

/** RelayTransferDialog.open(...) options. */
export interface TransferDialogOptions {
    interaction: TransferDialogInteraction;
    size?: 'small' | 'medium' | 'large' | 'full';
    label: string;
}

/**
 * Transfer an interaction to a contact-centre queue. Opened with
 * `RelayTransferDialog.open({ interaction, size: 'small', label })`; closes with a TransferOutcome once the
 * contact centre took the transfer (one `transfer` call), or undefined when cancelled. A refused transfer
 * keeps the dialog open with the reason, the chosen queue still selected.
 */
export default class RelayTransferDialog extends LightningModal {
    /** Typed here: @salesforce/lightning-types declares the modal but not its static open(). */
    declare static open: (options: TransferDialogOptions) => Promise<TransferOutcome | undefined>;

    @api interaction: TransferDialogInteraction | undefined;

    labels = { TITLE, INTRO, SEARCH, QUEUE, CANCEL, RETRY };
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
            return LOADING;
        }
        return !this.searchFailed && this.queues.length === 0 ? NO_MATCH : undefined;
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
        if (!interactionId || !queue || this.sending) {
            return;
        }
        this.sending = true;
        this.error = undefined;
        // Closing mid-call would hide whether the transfer happened.
        this.disableClose = true;
        try {
            const view = await transfer({ interactionId, queueId: queue.id });
            this.disableClose = false;
            const outcome: TransferOutcome = { queue, interaction: view ?? null };
            await this.close(outcome);
        } catch (error) {
            this.error = messageFor(error);
            this.disableClose = false;
        } finally {
            this.sending = false;
        }
    }

    private async loadQueues(term: string): Promise<void> {
        const ticket = this.latest.next();
        this.searching = true;
        this.searchFailed = false;
        try {
            const queues = await getTransferQueues({ searchTerm: term.trim() || null });
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
