import { api } from 'lwc';
import LightningModal from 'lightning/modal';
import getDigitalQueues from '@salesforce/apex/RelayInboxController.getDigitalQueues';
import transferToQueue from '@salesforce/apex/RelayInboxController.transferToQueue';
import { messageFor } from 'c/relayErrors';
import { detached } from 'c/relayWorkItemStore';
import type { RelayInboxItemView, RelayQueueView } from 'c/relayInboxStore';
import TITLE from '@salesforce/label/c.Relay_InboxTransfer_Title';
import INTRO from '@salesforce/label/c.Relay_InboxTransfer_Intro';
import QUEUE from '@salesforce/label/c.Relay_InboxTransfer_Queue';
import NONE from '@salesforce/label/c.Relay_InboxTransfer_None';
import LOADING from '@salesforce/label/c.Relay_InboxTransfer_Loading';
import TRANSFER from '@salesforce/label/c.Relay_WorkItem_Transfer';
import TRANSFERRING from '@salesforce/label/c.Relay_WorkItem_Transferring';
import CANCEL from '@salesforce/label/c.Relay_Action_Cancel';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';

/** What the dialog needs of the interaction. */
export interface InboxTransferTarget {
    id: string;
    customerName?: string | null;
}

/** What a transfer achieved: the queue chosen and the interaction as it is now. */
export interface InboxTransferOutcome {
    queue: RelayQueueView;
    item: RelayInboxItemView | null;
}

/** RelayInboxTransferDialog.open(...) options. */
export interface InboxTransferOptions {
    interaction: InboxTransferTarget;
    size?: 'small' | 'medium' | 'large' | 'full';
    label: string;
}

/**
 * Transfer a digital interaction to another digital routing queue (a Salesforce queue that owns Relay
 * interactions, never an omnichannel one). Opened with `RelayInboxTransferDialog.open({ interaction, size:
 * 'small', label })`; closes with an InboxTransferOutcome once transferToQueue succeeded, or undefined when
 * cancelled (Cancel, Escape or the close button). A refused transfer keeps the dialog open with the reason.
 */
export default class RelayInboxTransferDialog extends LightningModal {
    /** Typed here: @salesforce/lightning-types declares the modal but not its static open(). */
    declare static open: (options: InboxTransferOptions) => Promise<InboxTransferOutcome | undefined>;

    @api interaction: InboxTransferTarget | undefined;

    labels = { TITLE, INTRO, QUEUE, CANCEL, RETRY };
    queues: RelayQueueView[] = [];
    selectedQueueId: string | undefined;
    loading = true;
    loadFailed = false;
    sending = false;
    error: string | undefined;

    override connectedCallback(): void {
        detached(this.loadQueues());
    }

    get options(): Array<{ label: string; value: string }> {
        return this.queues.map((q) => ({ label: q.name, value: q.id }));
    }

    get hasOptions(): boolean {
        return this.queues.length > 0;
    }

    get statusText(): string | undefined {
        if (this.sending) {
            return TRANSFERRING;
        }
        if (this.loading) {
            return LOADING;
        }
        return !this.loadFailed && this.queues.length === 0 ? NONE : undefined;
    }

    get transferLabel(): string {
        return this.sending ? TRANSFERRING : TRANSFER;
    }

    get transferDisabled(): boolean {
        return !this.selectedQueueId || this.sending;
    }

    get radioName(): string {
        return `relayInboxTransfer-${this.interaction?.id ?? ''}`;
    }

    handleQueue(event: CustomEvent<{ value?: string }>): void {
        this.selectedQueueId = event.detail?.value || undefined;
        this.error = undefined;
    }

    handleRetry(): void {
        detached(this.loadQueues());
    }

    handleCancel(): void {
        detached(this.close(undefined));
    }

    async handleTransfer(): Promise<void> {
        const interactionId = this.interaction?.id;
        const queue = this.queues.find((q) => q.id === this.selectedQueueId);
        if (!interactionId || !queue || this.sending) {
            return;
        }
        this.sending = true;
        this.error = undefined;
        // Closing mid-call would hide whether the transfer happened.
        this.disableClose = true;
        try {
            const item = await transferToQueue({ interactionId, queueId: queue.id });
            this.disableClose = false;
            await this.close({ queue, item: item ?? null } satisfies InboxTransferOutcome);
        } catch (error) {
            this.error = messageFor(error);
            this.disableClose = false;
        } finally {
            this.sending = false;
        }
    }

    private async loadQueues(): Promise<void> {
        this.loading = true;
        this.loadFailed = false;
        this.error = undefined;
        try {
            this.queues = (await getDigitalQueues()) ?? [];
        } catch (error) {
            this.queues = [];
            this.loadFailed = true;
            this.error = messageFor(error);
        } finally {
            this.loading = false;
        }
    }
}
