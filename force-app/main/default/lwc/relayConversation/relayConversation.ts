import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe } from 'lightning/empApi';
import type { EmpSubscription } from 'lightning/empApi';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import CONVERSATION_ID from '@salesforce/schema/Relay_Interaction__c.External_Conversation_Id__c';
import CHANNEL from '@salesforce/schema/Relay_Interaction__c.Channel__c';
import CUSTOMER_NAME from '@salesforce/schema/Relay_Interaction__c.Customer_Name__c';
import { messageFor } from 'c/relayErrors';
import { capabilitiesOf } from 'c/relayChannels';
import {
    CONVERSATION_EVENT_CHANNEL,
    format,
    isCustomerMessage,
    isCustomerMessageFor,
    isSendShortcut,
    replyProblem,
    toRows,
    withMessage
} from './transcript';
import type { MessageRow, RelayMessageView } from './transcript';
import { EMOJI, fitsEmoji } from './emoji';
import type { EmojiChoice } from './emoji';
import TITLE from '@salesforce/label/c.Relay_Conversation_Title';
import TRANSCRIPT from '@salesforce/label/c.Relay_Conversation_Transcript';
import EMPTY from '@salesforce/label/c.Relay_Conversation_Empty';
import LOADING from '@salesforce/label/c.Relay_Conversation_Loading';
import REPLY from '@salesforce/label/c.Relay_Conversation_Reply';
import SEND from '@salesforce/label/c.Relay_Conversation_Send';
import SENDING from '@salesforce/label/c.Relay_Conversation_Sending';
import SEND_HINT from '@salesforce/label/c.Relay_Conversation_SendHint';
import COUNTER from '@salesforce/label/c.Relay_Conversation_Counter';
import EMOJI_LABEL from '@salesforce/label/c.Relay_Conversation_Emoji';
import EMOJI_NO_ROOM from '@salesforce/label/c.Relay_Conversation_EmojiNoRoom';

export type { MessageRow, RelayMessageView } from './transcript';

interface WiredRecord {
    data?: RecordRepresentation;
    error?: unknown;
}

/**
 * The conversation of one Relay interaction, on its record page: the transcript (customer messages
 * left, agent replies right, new customer messages live) and a reply box. Send is one sendReply call;
 * when it fails the draft stays and the reason is shown. Ctrl+Enter (Cmd+Enter) sends. Where the channel
 * takes emoji, a menu inserts common ones at the cursor.
 *
 * Events: replysent ({ interactionId, message }) after each reply the contact centre accepted, so the page
 * around it can read the interaction again (a reply makes it Resolved).
 */
export default class RelayConversation extends LightningElement {
    @api recordId: string | undefined;

    labels = { TITLE, TRANSCRIPT, EMPTY, LOADING, REPLY, SEND_HINT, EMOJI: EMOJI_LABEL };
    readonly emojiChoices: readonly EmojiChoice[] = EMOJI;

    messages: RelayMessageView[] = [];
    draft = '';
    loading = true;
    sending = false;
    loadError: string | undefined;
    sendError: string | undefined;

    private conversationId: string | undefined;
    private channel: string | undefined;
    private customerName: string | undefined;
    private subscription: EmpSubscription | undefined;
    private connected = false;
    private refreshing = false;
    private refreshAgain = false;
    // A customer message that arrived before the record told which conversation this is.
    private missedEvent = false;
    private renderedCount = 0;

    @wire(getRecord, { recordId: '$recordId', fields: [CONVERSATION_ID, CHANNEL], optionalFields: [CUSTOMER_NAME] })
    wiredRecord({ data }: WiredRecord): void {
        if (!data) {
            return;
        }
        this.conversationId = textOf(getFieldValue(data, CONVERSATION_ID));
        this.channel = textOf(getFieldValue(data, CHANNEL));
        this.customerName = textOf(getFieldValue(data, CUSTOMER_NAME));
        if (this.missedEvent) {
            this.missedEvent = false;
            detached(this.refresh());
        }
    }

    override connectedCallback(): void {
        this.connected = true;
        detached(this.refresh());
        detached(this.listen());
    }

    override disconnectedCallback(): void {
        this.connected = false;
        const subscription = this.subscription;
        this.subscription = undefined;
        if (subscription) {
            unsubscribe(subscription).catch(() => undefined);
        }
    }

    override renderedCallback(): void {
        // Keep the newest message in view when messages arrive.
        if (this.messages.length !== this.renderedCount) {
            this.renderedCount = this.messages.length;
            const log = this.template?.querySelector<HTMLElement>('[data-id="log"]');
            if (log) {
                log.scrollTop = log.scrollHeight;
            }
        }
    }

    get channelInfo(): ReturnType<typeof capabilitiesOf> {
        return capabilitiesOf(this.channel);
    }

    get rows(): MessageRow[] {
        return toRows(this.messages, this.customerName);
    }

    get hasMessages(): boolean {
        return this.messages.length > 0;
    }

    get showEmpty(): boolean {
        return !this.loading && !this.loadError && this.messages.length === 0;
    }

    get counterText(): string {
        return format(COUNTER, this.draft.length, this.channelInfo.maxTextLength);
    }

    get counterClass(): string {
        const over = this.draft.length > this.channelInfo.maxTextLength;
        return `slds-text-body_small relay-counter${over ? ' slds-text-color_error' : ' slds-text-color_weak'}`;
    }

    get showEmoji(): boolean {
        return this.channelInfo.supportsEmoji;
    }

    get sendLabel(): string {
        return this.sending ? SENDING : SEND;
    }

    handleDraftChange(event: CustomEvent<{ value?: string }>): void {
        this.draft = event.detail?.value ?? '';
        if (this.sendError && replyProblem(this.draft, this.channelInfo.maxTextLength) === null) {
            this.sendError = undefined;
        }
    }

    handleKeyDown(event: KeyboardEvent): void {
        if (isSendShortcut(event)) {
            event.preventDefault();
            detached(this.send());
        }
    }

    handleEmoji(event: CustomEvent<{ value?: string }>): void {
        const emoji = event.detail?.value;
        if (!emoji || !this.channelInfo.supportsEmoji) {
            return;
        }
        if (!fitsEmoji(this.draft, emoji, this.channelInfo.maxTextLength)) {
            this.sendError = EMOJI_NO_ROOM;
            return;
        }
        const before = this.draft;
        const reply = this.template?.querySelector<
            HTMLElement & { value?: string; setRangeText?: (text: string) => void }
        >('[data-id="reply"]');
        // lightning-textarea inserts at its cursor (replacing any selection); without one the emoji goes last.
        reply?.setRangeText?.(emoji);
        const after = reply?.value;
        this.draft = typeof after === 'string' && after !== before ? after : before + emoji;
    }

    handleSend(): void {
        detached(this.send());
    }

    private async send(): Promise<void> {
        if (this.sending || !this.recordId) {
            return;
        }
        const text = this.draft;
        const problem = replyProblem(text, this.channelInfo.maxTextLength);
        if (problem) {
            this.sendError = problem;
            return;
        }
        this.sending = true;
        this.sendError = undefined;
        try {
            const sent = await sendReply({ interactionId: this.recordId, text });
            this.messages = withMessage(this.messages, sent);
            // Only what was sent leaves the box: the agent may have typed on while it was on its way.
            this.draft = this.draft === text ? '' : this.draft;
            this.dispatchEvent(
                new CustomEvent('replysent', { detail: { interactionId: this.recordId, message: sent } })
            );
            detached(this.refresh());
        } catch (error) {
            this.sendError = messageFor(error);
        } finally {
            this.sending = false;
        }
    }

    // One transcript read at a time; events arriving meanwhile ask for one more read afterwards.
    private async refresh(): Promise<void> {
        if (!this.recordId) {
            return;
        }
        if (this.refreshing) {
            this.refreshAgain = true;
            return;
        }
        this.refreshing = true;
        this.refreshAgain = false;
        try {
            this.messages = await getTranscript({ interactionId: this.recordId });
            this.loadError = undefined;
        } catch (error) {
            this.loadError = messageFor(error);
        } finally {
            this.refreshing = false;
            this.loading = false;
        }
        if (this.refreshAgain && this.connected) {
            await this.refresh();
        }
    }

    private async listen(): Promise<void> {
        try {
            const subscription = await subscribe(CONVERSATION_EVENT_CHANNEL, -1, (message) => this.onEvent(message));
            if (this.connected) {
                this.subscription = subscription;
            } else {
                await unsubscribe(subscription);
            }
        } catch {
            // Without the event stream the transcript still loads and shows every reply sent from here.
        }
    }

    private onEvent(message: unknown): void {
        if (!this.connected) {
            return;
        }
        if (isCustomerMessageFor(message, this.conversationId)) {
            detached(this.refresh());
        } else if (!this.conversationId && isCustomerMessage(message)) {
            this.missedEvent = true;
        }
    }
}

// The component reports failures itself; a promise it does not wait for must still never reject unhandled.
function detached(work: Promise<unknown>): void {
    work.catch(() => undefined);
}

function textOf(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
