import LightningModal from 'lightning/modal';
import getMessageOptions from '@salesforce/apex/RelayMessageController.getMessageOptions';
import findMessageContacts from '@salesforce/apex/RelayMessageController.findMessageContacts';
import startMessage from '@salesforce/apex/RelayMessageController.startMessage';
import { messageFor } from 'c/relayErrors';
import { browserScheduler, debounce, detached, format, LatestRequest } from 'c/relayWorkItemStore';
import type { Debounced } from 'c/relayWorkItemStore';
import type { OutboundChannel } from 'c/relayOutboundModel';
import {
    addressOf,
    matchingQueues,
    messageErrors,
    queuesFor,
    reachableOn,
    recipientOf,
    searchesContacts
} from 'c/relayMessageModel';
import type { MessageChannel, MessageContact, MessageOptions, MessageProblem } from 'c/relayMessageModel';
import HEADING from '@salesforce/label/c.Relay_Message_Open';
import INTRO from '@salesforce/label/c.Relay_Message_Intro';
import CHANNEL from '@salesforce/label/c.Relay_Message_Channel';
import SMS from '@salesforce/label/c.Relay_Message_Sms';
import WHATSAPP from '@salesforce/label/c.Relay_Message_WhatsApp';
import QUEUE from '@salesforce/label/c.Relay_Message_Queue';
import QUEUE_MATCHES from '@salesforce/label/c.Relay_Message_QueueMatches';
import NO_QUEUE from '@salesforce/label/c.Relay_Message_NoQueue';
import TO from '@salesforce/label/c.Relay_Message_To';
import TO_HELP from '@salesforce/label/c.Relay_Message_ToHelp';
import PEOPLE from '@salesforce/label/c.Relay_Message_People';
import NO_PEOPLE from '@salesforce/label/c.Relay_Message_NoPeople';
import SEARCHING from '@salesforce/label/c.Relay_Message_Searching';
import START from '@salesforce/label/c.Relay_Message_Start';
import STARTING from '@salesforce/label/c.Relay_Message_Starting';
import TAKE_OVER from '@salesforce/label/c.Relay_Message_TakeOver';
import MISSING_PERMISSIONS from '@salesforce/label/c.Relay_Message_MissingPermissions';
import CHANNEL_REQUIRED from '@salesforce/label/c.Relay_Message_ChannelRequired';
import QUEUE_REQUIRED from '@salesforce/label/c.Relay_Message_QueueRequired';
import WHATSAPP_INVALID from '@salesforce/label/c.Relay_Message_WhatsAppInvalid';
import PHONE_INVALID from '@salesforce/label/c.Relay_Outbound_PhoneInvalid';
import CANCEL from '@salesforce/label/c.Relay_Action_Cancel';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';

/** The wait after the last keystroke in To before the contacts are searched. */
export const CONTACT_SEARCH_DELAY_MS = 300;

const PROBLEM_LABELS: Record<MessageProblem, string> = {
    channelRequired: CHANNEL_REQUIRED,
    queueRequired: QUEUE_REQUIRED,
    phoneInvalid: PHONE_INVALID,
    whatsAppInvalid: WHATSAPP_INVALID
};

/** What the dialog closes with once the conversation is the agent's. */
export interface SendMessageOutcome {
    conversationId: string;
}

/**
 * Send a message on behalf of a queue (seed 003), opened from the work-item panel with
 * `RelaySendMessageDialog.open({ size: 'small', label })`: the channel, the queue (the agent's own, narrowed as they
 * type), and To (a number, or a person found by name). Start asks RelayMessageController.startMessage; the dialog
 * closes with the conversation once it is the agent's, and keeps every choice with the reason when it is refused.
 * A contact's open, unassigned conversation is offered for take-over first. The agent writes the message in the
 * conversation, as in any other.
 */
export default class RelaySendMessageDialog extends LightningModal {
    /** Typed here: @salesforce/lightning-types declares the modal but not its static open(). */
    declare static open: (options: { size?: string; label: string }) => Promise<SendMessageOutcome | undefined>;

    labels = {
        HEADING,
        INTRO,
        CHANNEL,
        QUEUE,
        QUEUE_MATCHES,
        NO_QUEUE,
        TO,
        TO_HELP,
        PEOPLE,
        NO_PEOPLE,
        SEARCHING,
        TAKE_OVER,
        CANCEL,
        RETRY
    };
    channelOptions = [
        { label: SMS, value: 'SMS' },
        { label: WHATSAPP, value: 'WhatsApp' }
    ];

    options: MessageOptions | undefined;
    loading = true;
    loadFailed = false;
    channel: MessageChannel | '' = '';
    queueSearch = '';
    queueId = '';
    recipient = '';
    contacts: MessageContact[] = [];
    contactId = '';
    searchingContacts = false;
    starting = false;
    errors: string[] = [];
    /** The question about the contact's open, unassigned conversation, while it is asked. */
    takeOverQuestion: string | undefined;

    private readonly latestSearch = new LatestRequest();
    private readonly contactSearch: Debounced<string> = debounce(
        (text) => detached(this.searchContacts(text)),
        CONTACT_SEARCH_DELAY_MS,
        browserScheduler
    );

    override connectedCallback(): void {
        detached(this.loadOptions());
    }

    override disconnectedCallback(): void {
        this.contactSearch.cancel();
    }

    get missingPermissionsText(): string | undefined {
        const missing = this.options?.missingPermissions ?? [];
        return missing.length > 0 ? format(MISSING_PERMISSIONS, missing.join(', ')) : undefined;
    }

    get showForm(): boolean {
        return !this.loading && !this.loadFailed && !this.missingPermissionsText;
    }

    get queueOptions(): Array<{ label: string; value: string }> {
        const all = queuesFor(this.options, this.channel);
        const matches = matchingQueues(all, this.queueSearch);
        // The chosen queue stays listed while the agent types on, so it is never chosen out of sight.
        const chosen = all.find((q) => q.queueId === this.queueId);
        const list = chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
        return list.map((q: OutboundChannel) => ({ label: `${q.queueName} (${q.address})`, value: q.queueId }));
    }

    get hasQueueOptions(): boolean {
        return this.queueOptions.length > 0;
    }

    get showNoQueue(): boolean {
        return this.channel !== '' && !this.hasQueueOptions;
    }

    get peopleOptions(): Array<{ label: string; value: string }> {
        return reachableOn(this.contacts, this.channel).map((c) => ({
            label: `${c.name} (${addressOf(c, this.channel) ?? ''})`,
            value: c.id
        }));
    }

    get hasPeople(): boolean {
        return this.peopleOptions.length > 0;
    }

    get showNoPeople(): boolean {
        return !this.searchingContacts && searchesContacts(this.recipient) && !this.hasPeople;
    }

    get startLabel(): string {
        return this.starting ? STARTING : START;
    }

    get startDisabled(): boolean {
        return this.starting || !this.showForm;
    }

    get hasErrors(): boolean {
        return this.errors.length > 0;
    }

    handleChannel(event: CustomEvent<{ value?: string }>): void {
        this.channel = (event.detail?.value as MessageChannel) ?? '';
        // A queue that does not send this channel is no choice any more.
        if (!queuesFor(this.options, this.channel).some((q) => q.queueId === this.queueId)) {
            this.queueId = '';
        }
        this.takeOverQuestion = undefined;
    }

    handleQueueSearch(event: CustomEvent<{ value?: string }>): void {
        this.queueSearch = event.detail?.value ?? '';
    }

    handleQueue(event: CustomEvent<{ value?: string }>): void {
        this.queueId = event.detail?.value ?? '';
        this.takeOverQuestion = undefined;
    }

    handleRecipient(event: CustomEvent<{ value?: string }>): void {
        this.recipient = event.detail?.value ?? '';
        this.contactId = '';
        this.takeOverQuestion = undefined;
        if (searchesContacts(this.recipient)) {
            this.contactSearch.schedule(this.recipient);
        } else {
            this.contactSearch.cancel();
            this.latestSearch.next();
            this.contacts = [];
            this.searchingContacts = false;
        }
    }

    handlePerson(event: CustomEvent<{ value?: string }>): void {
        this.contactId = event.detail?.value ?? '';
    }

    handleRetry(): void {
        detached(this.loadOptions());
    }

    async handleCancel(): Promise<void> {
        // LightningModal.close() returns nothing at run time (lightning-types says a Promise), so no .catch on it.
        await this.close(undefined);
    }

    handleStart(): Promise<void> {
        return this.start(false);
    }

    handleTakeOver(): Promise<void> {
        return this.start(true);
    }

    private async start(takeOver: boolean): Promise<void> {
        if (this.starting) {
            return;
        }
        const { recipient, externalContactId } = recipientOf(
            this.recipient,
            this.contacts.find((c) => c.id === this.contactId),
            this.channel
        );
        const problems = messageErrors({ channel: this.channel, queueId: this.queueId, recipient });
        if (problems.length > 0) {
            this.errors = problems.map((p) => PROBLEM_LABELS[p.problem]);
            return;
        }
        this.starting = true;
        this.errors = [];
        // Closing mid-call would hide whether the conversation started.
        this.disableClose = true;
        try {
            const result = await startMessage({
                request: {
                    channel: this.channel as MessageChannel,
                    queueId: this.queueId,
                    recipient,
                    externalContactId,
                    takeOver
                }
            });
            this.disableClose = false;
            if (result.outcome === 'Started') {
                await this.close({ conversationId: result.conversationId });
                return;
            }
            this.takeOverQuestion = result.message ?? undefined;
        } catch (error) {
            this.takeOverQuestion = undefined;
            this.errors = [messageFor(error)];
            this.disableClose = false;
        } finally {
            this.starting = false;
        }
    }

    private async loadOptions(): Promise<void> {
        this.loading = true;
        this.loadFailed = false;
        this.errors = [];
        try {
            this.options = await getMessageOptions();
        } catch (error) {
            this.loadFailed = true;
            this.errors = [messageFor(error)];
        } finally {
            this.loading = false;
        }
    }

    private async searchContacts(text: string): Promise<void> {
        const ticket = this.latestSearch.next();
        this.searchingContacts = true;
        try {
            const found = await findMessageContacts({ text });
            if (this.latestSearch.isLatest(ticket)) {
                this.contacts = found ?? [];
            }
        } catch (error) {
            if (this.latestSearch.isLatest(ticket)) {
                this.contacts = [];
                this.errors = [messageFor(error)];
            }
        } finally {
            if (this.latestSearch.isLatest(ticket)) {
                this.searchingContacts = false;
            }
        }
    }
}
