import getDigitalQueues from '@salesforce/apex/RelayInboxController.getDigitalQueues';
import transferToQueue from '@salesforce/apex/RelayInboxController.transferToQueue';
import type { TransferRoute } from 'c/relayTransferDialog';
import type { RelayInboxItemView, RelayQueueView } from 'c/relayInboxStore';
import HEADING from '@salesforce/label/c.Relay_InboxTransfer_Title';
import INTRO from '@salesforce/label/c.Relay_InboxTransfer_Intro';
import QUEUE from '@salesforce/label/c.Relay_InboxTransfer_Queue';
import NONE from '@salesforce/label/c.Relay_InboxTransfer_None';
import LOADING from '@salesforce/label/c.Relay_InboxTransfer_Loading';

/** What a transfer from the inbox achieved: the queue chosen and the interaction as it is now. */
export interface InboxTransferOutcome {
    queue: RelayQueueView;
    item: RelayInboxItemView | null;
}

/**
 * The transfer dialog's route from the interaction view: the digital routing queues (Salesforce queues that own
 * Relay interactions, never an omnichannel one), listed once with no search; transferToQueue moves it.
 */
export const DIGITAL_QUEUE_ROUTE: TransferRoute<InboxTransferOutcome> = {
    labels: { heading: HEADING, intro: INTRO, queue: QUEUE, empty: NONE, loading: LOADING },
    loadQueues: () => getDigitalQueues(),
    transfer: async (interactionId, queue) => {
        const item = await transferToQueue({ interactionId, queueId: queue.id });
        return { queue, item: item ?? null };
    }
};
