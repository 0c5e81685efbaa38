import getTransferQueues from '@salesforce/apex/RelayTransferController.getTransferQueues';
import transfer from '@salesforce/apex/RelayTransferController.transfer';
import type { TransferRoute } from 'c/relayTransferDialog';
import type { TransferOutcome } from 'c/relayWorkItemStore';
import HEADING from '@salesforce/label/c.Relay_TransferDialog_Title';
import INTRO from '@salesforce/label/c.Relay_TransferDialog_Intro';
import SEARCH from '@salesforce/label/c.Relay_TransferDialog_Search';
import QUEUE from '@salesforce/label/c.Relay_TransferDialog_Queue';
import NO_MATCH from '@salesforce/label/c.Relay_TransferDialog_NoMatch';
import LOADING from '@salesforce/label/c.Relay_TransferDialog_Loading';

/** The transfer dialog's route from the work-item panel: searchable contact-centre queues, one Genesys transfer. */
export const CONTACT_CENTRE_ROUTE: TransferRoute<TransferOutcome> = {
    labels: { heading: HEADING, intro: INTRO, search: SEARCH, queue: QUEUE, empty: NO_MATCH, loading: LOADING },
    loadQueues: (searchTerm) => getTransferQueues({ searchTerm }),
    transfer: async (interactionId, queue) => {
        const view = await transfer({ interactionId, queueId: queue.id });
        return { queue, interaction: view ?? null };
    }
};
