import { LightningElement, api, wire } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
import type { RecordRepresentation } from 'lightning/uiRecordApi';
import { subscribe, unsubscribe } from 'lightning/empApi';
import type { EmpSubscription } from 'lightning/empApi';
import getTranscript from '@salesforce/apex/RelayConversationController.getTranscript';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import startAttachmentUpload from '@salesforce/apex/RelayConversationController.startAttachmentUpload';
import CONVERSATION_ID from '@salesforce/schema/Relay_Interaction__c.External_Conversation_Id__c';
import CHANNEL from '@salesforce/schema/Relay_Interaction__c.Channel__c';
import CUSTOMER_NAME from '@salesforce/schema/Relay_Interaction__c.Customer_Name__c';
import SUBJECT from '@salesforce/schema/Relay_Interaction__c.Subject__c';
import { outsideCareWindow } from 'c/relayMessageModel';
import { messageFor } from 'c/relayErrors';
import { capabilitiesOf } from 'c/relayChannels';
import { registerAgentSignal } from 'c/relayWorkItemStore';
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
import { MAX_SUBJECT_LENGTH, defaultReplySubject, emailReplyProblem } from './emailReply';
import type { EmojiChoice } from './emoji';
import { chooseFiles } from './files';
import type { ChosenFile } from './files';
import { UploadError, pause, sendWhenReady, uploadAll } from './upload';
import type { RelayReplyAttachment } from './upload';
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
import ATTACH from '@salesforce/label/c.Relay_Inbox_Attach';
import ATTACHMENTS from '@salesforce/label/c.Relay_Conversation_Attachments';
import UPLOADING from '@salesforce/label/c.Relay_Conversation_Uploading';
import WAITING_FOR_FILES from '@salesforce/label/c.Relay_Conversation_WaitingForFiles';
import UPLOAD_FAILED from '@salesforce/label/c.Relay_Conversation_UploadFailed';
import PROCESSING from '@salesforce/label/c.Relay_Conversation_AttachmentProcessing';
import SUBJECT_LABEL from '@salesforce/label/c.Relay_Email_Subject';

export type { MessageRow, RelayMessageView } from './transcript';
export type { AttachmentRow, ChosenFile, RelayAttachmentView } from './files';
export type { RelayAttachmentUpload, RelayReplyAttachment, UploadFetch } from './upload';
export { PROCESSING_DELAYS_MS, UploadError, pause, putFile, sendWhenReady, uploadAll } from './upload';
export { chooseFiles } from './files';

/** When the transcript is read again while a file is still being copied into Salesforce Files. */
export const COPY_CHECK_DELAYS_MS: readonly number[] = [2000, 4000, 8000, 16000, 30000];

interface WiredRecord {
    data?: RecordRepresentation;
    error?: unknown;
}

/**
 * The conversation of one Relay interaction, on its record page: the transcript (customer messages
 * left, agent replies right, new customer messages live, each with its files) and a reply box. Where the
 * channel takes attachments the agent adds files (each checked before anything is uploaded); Send uploads
 * them (startAttachmentUpload, then a PUT of the bytes to the contact centre's storage) and then calls
 * sendReply, again while the contact centre is still checking the files. When anything fails the draft and
 * the files stay and the reason is shown; when the reply went only in part (each file and the text are messages of
 * their own), only what did not go stays. Ctrl+Enter (Cmd+Enter) sends. Where the channel takes emoji, a
 * menu inserts common ones at the cursor.
 *
 * Events: replysent ({ interactionId, message }) after each reply the contact centre accepted, so the page
 * around it can read the interaction again (a reply makes it Resolved).
 */
export default class RelayConversation extends NavigationMixin(LightningElement) {
    @api recordId: string | undefined;

    labels = {
        TITLE,
        TRANSCRIPT,
        EMPTY,
        LOADING,
        REPLY,
        SEND_HINT,
        EMOJI: EMOJI_LABEL,
        ATTACH,
        ATTACHMENTS,
        SUBJECT: SUBJECT_LABEL
    };
    readonly maxSubjectLength = MAX_SUBJECT_LENGTH;
    readonly emojiChoices: readonly EmojiChoice[] = EMOJI;

    messages: RelayMessageView[] = [];
    draft = '';
    loading = true;
    sending = false;
    loadError: string | undefined;
    sendError: string | undefined;
    chosenFiles: ChosenFile[] = [];
    /** What the reply is doing while it is on its way (said politely to screen readers). */
    progress = '';
    /** An email reply's subject as the agent edited it; undefined while untouched (the thread's is used). */
    subjectDraft: string | undefined;

    private conversationId: string | undefined;
    private channel: string | undefined;
    private customerName: string | undefined;
    private interactionSubject: string | undefined;
    private subscription: EmpSubscription | undefined;
    private connected = false;
    private refreshing = false;
    private refreshAgain = false;
    // A customer message that arrived before the record told which conversation this is.
    private missedEvent = false;
    private renderedCount = 0;
    // Files still being copied into Salesforce Files: the transcript is read again a few times, further apart.
    private copyChecks = 0;
    private copyCheckScheduled = false;

    @wire(getRecord, {
        recordId: '$recordId',
        fields: [CONVERSATION_ID, CHANNEL],
        optionalFields: [CUSTOMER_NAME, SUBJECT]
    })
    wiredRecord({ data }: WiredRecord): void {
        if (!data) {
            return;
        }
        this.conversationId = textOf(getFieldValue(data, CONVERSATION_ID));
        this.channel = textOf(getFieldValue(data, CHANNEL));
        this.customerName = textOf(getFieldValue(data, CUSTOMER_NAME));
        this.interactionSubject = textOf(getFieldValue(data, SUBJECT));
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

    /** An email reply has a subject line, prefilled with the one the reply would go under. */
    /** A WhatsApp conversation offers the queue's templates (the only messages outside the care window). */
    get isWhatsApp(): boolean {
        return this.channel?.toLowerCase() === 'whatsapp';
    }

    get outsideWindow(): boolean {
        return outsideCareWindow(this.messages, Date.now());
    }

    handleTemplateSent(event: CustomEvent<RelayMessageView>): void {
        this.messages = withMessage(this.messages, event.detail);
    }

    get isEmail(): boolean {
        return this.channel?.toLowerCase() === 'email';
    }

    get subjectValue(): string {
        return this.subjectDraft ?? defaultReplySubject(this.interactionSubject, this.messages);
    }

    handleSubjectChange(event: CustomEvent<{ value?: string }>): void {
        this.subjectDraft = event.detail?.value ?? '';
    }

    get showEmoji(): boolean {
        return this.channelInfo.supportsEmoji;
    }

    get sendLabel(): string {
        return this.sending ? SENDING : SEND;
    }

    get showAttach(): boolean {
        return this.channelInfo.supportsAttachments;
    }

    get attachClass(): string {
        return this.showEmoji ? 'slds-m-right_x-small' : 'slds-col_bump-left slds-m-right_x-small';
    }

    get hasChosenFiles(): boolean {
        return this.chosenFiles.length > 0;
    }

    handleDraftChange(event: CustomEvent<{ value?: string }>): void {
        this.draft = event.detail?.value ?? '';
        if (
            this.sendError &&
            replyProblem(this.draft, this.channelInfo.maxTextLength, this.chosenFiles.length) === null
        ) {
            this.sendError = undefined;
        }
    }

    handleAttachClick(): void {
        this.template?.querySelector<HTMLInputElement>('[data-id="file-input"]')?.click();
    }

    /** Each chosen file is checked at once: a refused one is named and left out, the others are kept. */
    handleFilesChosen(event: Event): void {
        const input = event.target as HTMLInputElement;
        const files = Array.from(input.files ?? []);
        // Cleared so choosing the same file again (after removing it) is a change too.
        input.value = '';
        const { accepted, problems } = chooseFiles(files, this.channel);
        this.chosenFiles = [...this.chosenFiles, ...accepted];
        this.sendError = problems || undefined;
    }

    handleRemoveFile(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key;
        this.chosenFiles = this.chosenFiles.filter((chosen) => chosen.key !== key);
        // Back to the attach control, so the keyboard is not left on a button that is gone.
        this.template?.querySelector<HTMLElement>('[data-id="attach"]')?.focus();
    }

    handleOpenFile(event: Event): void {
        const fileId = (event.currentTarget as HTMLElement).dataset.fileId;
        if (!fileId) {
            return;
        }
        this[NavigationMixin.Navigate]({
            type: 'standard__namedPage',
            attributes: { pageName: 'filePreview' },
            state: { selectedRecordId: fileId }
        });
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
        const interactionId = this.recordId;
        const draft = this.draft;
        const files = this.chosenFiles;
        const subject = this.isEmail ? this.subjectDraft : undefined;
        const problem =
            (this.isEmail ? emailReplyProblem(draft, subject) : null) ??
            replyProblem(draft, this.channelInfo.maxTextLength, files.length);
        if (problem) {
            this.sendError = problem;
            return;
        }
        this.sending = true;
        this.sendError = undefined;
        try {
            const attachments = await this.upload(interactionId, files);
            this.progress = SENDING;
            const text = draft.trim() === '' ? '' : draft;
            const sent = await sendWhenReady(
                () => sendReply({ interactionId, text, attachments, subject: subject ?? null }),
                (error) => messageFor(error) === PROCESSING,
                pause,
                () => {
                    this.progress = WAITING_FOR_FILES;
                }
            );
            this.messages = withMessage(this.messages, sent);
            // Only what was sent leaves the box: the agent may have typed or added files while it was on its way. A
            // reply goes as one message per file and one for the text; when only part of it went, what did not go stays.
            const unsent = new Set(sent.unsentMediaIds ?? []);
            const went = files.filter((_chosen, index) => !unsent.has(attachments[index]?.mediaId ?? ''));
            if (sent.textUnsent !== true) {
                this.draft = this.draft === draft ? '' : this.draft;
                // The next reply starts from the thread's subject again, unless the agent edited it meanwhile.
                this.subjectDraft = this.subjectDraft === subject ? undefined : this.subjectDraft;
            }
            this.chosenFiles = this.chosenFiles.filter((chosen) => !went.includes(chosen));
            if (sent.unsentReason) {
                this.sendError = sent.unsentReason;
            }
            this.dispatchEvent(
                new CustomEvent('replysent', { detail: { interactionId: this.recordId, message: sent } })
            );
            detached(this.refresh());
        } catch (error) {
            this.sendError = error instanceof UploadError ? format(UPLOAD_FAILED, error.fileName) : messageFor(error);
        } finally {
            this.sending = false;
            this.progress = '';
        }
    }

    /** Uploads the files in order, the status naming the one going up (uploadAll). */
    private upload(interactionId: string, files: readonly ChosenFile[]): Promise<RelayReplyAttachment[]> {
        return uploadAll(interactionId, files, startAttachmentUpload, (name, index) => {
            this.progress = format(UPLOADING, name, index + 1, files.length);
        });
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
            this.watchCopies();
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

    /** Nothing announces a finished copy, so while a file is Pending the transcript is read again (bounded). */
    private watchCopies(): void {
        const pending = this.messages.some((m) => (m.attachments ?? []).some((a) => a.status === 'Pending'));
        if (!pending) {
            this.copyChecks = 0;
            return;
        }
        const delay = COPY_CHECK_DELAYS_MS[this.copyChecks];
        if (this.copyCheckScheduled || delay === undefined) {
            return;
        }
        this.copyChecks += 1;
        this.copyCheckScheduled = true;
        detached(
            pause(delay).then(() => {
                this.copyCheckScheduled = false;
                return this.connected ? this.refresh() : undefined;
            })
        );
    }

    // The agent's own signal rings when the customer writes (docs/events.md, Delivery): it names the conversation, and
    // the transcript is read again through Apex, as the agent.
    private async listen(): Promise<void> {
        try {
            await registerAgentSignal();
            if (!this.connected) {
                return;
            }
            const subscription = await subscribe(CONVERSATION_EVENT_CHANNEL, -1, (message) => this.onEvent(message));
            if (this.connected) {
                this.subscription = subscription;
            } else {
                await unsubscribe(subscription);
            }
        } catch {
            // Without the signal the transcript still loads and shows every reply sent from here.
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
