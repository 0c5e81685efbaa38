import { LightningElement, api } from 'lwc';
import getOutboundChannels from '@salesforce/apex/RelayOutboundController.getOutboundChannels';
import startOutbound from '@salesforce/apex/RelayOutboundController.startOutbound';
import sendReply from '@salesforce/apex/RelayConversationController.sendReply';
import startAttachmentUpload from '@salesforce/apex/RelayConversationController.startAttachmentUpload';
import { messageFor } from 'c/relayErrors';
import { detached, format } from 'c/relayWorkItemStore';
import { UploadError, chooseFiles, uploadAll } from 'c/relayConversation';
import type { ChosenFile } from 'c/relayConversation';
import type { NameObject, RelayInboxItemView } from 'c/relayInboxStore';
import type { ContactDetails } from 'c/relayContactDetails';
import {
    EMAIL_FORMATS,
    channelOptions,
    channelsOf,
    draftErrors,
    messageLimit,
    plainTextOf,
    toRequest
} from 'c/relayOutboundModel';
import type {
    DraftError,
    DraftField,
    OutboundChannel,
    OutboundChannels,
    OutboundDraft,
    OutboundMediaType,
    OutboundRequest
} from 'c/relayOutboundModel';
import EMAIL_TITLE from '@salesforce/label/c.Relay_Outbound_EmailTitle';
import SMS_TITLE from '@salesforce/label/c.Relay_Outbound_SmsTitle';
import CHANNEL from '@salesforce/label/c.Relay_Outbound_Channel';
import CHANNEL_PLACEHOLDER from '@salesforce/label/c.Relay_Outbound_ChannelPlaceholder';
import EMAIL_TO from '@salesforce/label/c.Relay_Outbound_EmailTo';
import SMS_TO from '@salesforce/label/c.Relay_Outbound_SmsTo';
import SMS_TO_HELP from '@salesforce/label/c.Relay_Outbound_SmsToHelp';
import SUBJECT from '@salesforce/label/c.Relay_Outbound_Subject';
import MESSAGE from '@salesforce/label/c.Relay_Outbound_Message';
import NEXT from '@salesforce/label/c.Relay_Outbound_Next';
import BACK from '@salesforce/label/c.Relay_Outbound_Back';
import SAVE_AND_SEND from '@salesforce/label/c.Relay_Outbound_SaveAndSend';
import SENDING from '@salesforce/label/c.Relay_Outbound_Sending';
import CONTACT_DETAILS from '@salesforce/label/c.Relay_Outbound_ContactDetails';
import CASE_AFTER_SEND from '@salesforce/label/c.Relay_Outbound_CaseAfterSend';
import NO_EMAIL_CHANNEL from '@salesforce/label/c.Relay_Outbound_NoEmailChannel';
import NO_SMS_CHANNEL from '@salesforce/label/c.Relay_Outbound_NoSmsChannel';
import LOADING_CHANNELS from '@salesforce/label/c.Relay_Outbound_LoadingChannels';
import UNSENT from '@salesforce/label/c.Relay_Outbound_Unsent';
import SEND_AGAIN from '@salesforce/label/c.Relay_Outbound_SendAgain';
import OPEN_IN_INBOX from '@salesforce/label/c.Relay_Outbound_OpenInInbox';
import FIX_FIELDS from '@salesforce/label/c.Relay_Outbound_FixFields';
import CHANNEL_REQUIRED from '@salesforce/label/c.Relay_Outbound_ChannelRequired';
import EMAIL_INVALID from '@salesforce/label/c.Relay_Outbound_EmailInvalid';
import PHONE_INVALID from '@salesforce/label/c.Relay_Outbound_PhoneInvalid';
import SUBJECT_REQUIRED from '@salesforce/label/c.Relay_Outbound_SubjectRequired';
import SUBJECT_TOO_LONG from '@salesforce/label/c.Relay_Outbound_SubjectTooLong';
import MESSAGE_REQUIRED from '@salesforce/label/c.Relay_Outbound_MessageRequired';
import MESSAGE_TOO_LONG from '@salesforce/label/c.Relay_Conversation_ReplyTooLong';
import COUNTER from '@salesforce/label/c.Relay_Conversation_Counter';
import CASE_LABEL from '@salesforce/label/c.Relay_Inbox_Case';
import CANCEL from '@salesforce/label/c.Relay_Action_Cancel';
import ATTACH from '@salesforce/label/c.Relay_Inbox_Attach';
import ATTACHMENTS from '@salesforce/label/c.Relay_Conversation_Attachments';
import UPLOADING from '@salesforce/label/c.Relay_Conversation_Uploading';
import UPLOAD_FAILED from '@salesforce/label/c.Relay_Conversation_UploadFailed';
import SHOW_FORMAT from '@salesforce/label/c.Relay_Outbound_ShowFormat';
import HIDE_FORMAT from '@salesforce/label/c.Relay_Outbound_HideFormat';

type Step = 'compose' | 'details' | 'unsent';

const PROBLEM_LABELS: Record<DraftError['problem'], string> = {
    channelRequired: CHANNEL_REQUIRED,
    emailInvalid: EMAIL_INVALID,
    phoneInvalid: PHONE_INVALID,
    subjectRequired: SUBJECT_REQUIRED,
    subjectTooLong: SUBJECT_TOO_LONG,
    messageRequired: MESSAGE_REQUIRED,
    messageTooLong: MESSAGE_TOO_LONG
};

/**
 * The Digital tab's New Email and New SMS pages (seed 002): the channel (a queue and the address it sends from),
 * the recipient, the subject (email) and the message, then Next to the contact details (Case #, Name, Relates
 * To, notes) and Save and Send, which starts the conversation on behalf of the queue (RelayOutboundController).
 * Nothing the agent typed is lost: a refusal keeps the page as it is and says why; a conversation that started
 * but whose message did not go keeps the message to send again. The checks are c/relayOutboundModel's.
 *
 * Events: sent ({ item }: the new interaction, its message sent), opened ({ item }: the agent opens a started
 * conversation whose message did not go), cancel.
 */
export default class RelayOutboundComposer extends LightningElement {
    labels = {
        CHANNEL,
        CHANNEL_PLACEHOLDER,
        SUBJECT,
        MESSAGE,
        NEXT,
        BACK,
        SAVE_AND_SEND,
        SENDING,
        CONTACT_DETAILS,
        CASE_AFTER_SEND,
        LOADING_CHANNELS,
        SEND_AGAIN,
        OPEN_IN_INBOX,
        CASE_LABEL,
        CANCEL,
        ATTACH,
        ATTACHMENTS
    };

    /** Email or SMS. */
    @api mediaType: OutboundMediaType = 'Email';

    channels: OutboundChannels | undefined;
    loading = true;
    saving = false;
    step: Step = 'compose';
    alertText: string | undefined;
    errors: DraftError[] = [];

    queueId = '';
    recipient = '';
    subject = '';
    message = '';
    nameObject: NameObject = 'Contact';
    nameId: string | null = null;
    relatesToId: string | null = null;
    notes = '';
    /** An email's files: checked when chosen, uploaded once the conversation has started. */
    chosenFiles: ChosenFile[] = [];
    /** Which file is going up (said politely to screen readers). */
    progress = '';
    /** Show Format Controls: the email's message is written in the rich-text editor, as HTML. */
    showFormat = false;
    /** The formatted message while the format controls are shown; `message` then holds its plain text. */
    htmlMessage = '';
    readonly formats: string[] = [...EMAIL_FORMATS];

    private started: RelayInboxItemView | undefined;
    private focusTarget: string | undefined;

    override connectedCallback(): void {
        detached(this.loadChannels());
    }

    override renderedCallback(): void {
        if (this.focusTarget) {
            const target = this.template?.querySelector<HTMLElement>(`[data-id="${this.focusTarget}"]`);
            if (target) {
                this.focusTarget = undefined;
                target.focus();
            }
        }
    }

    get isEmail(): boolean {
        return this.mediaType === 'Email';
    }

    get headingText(): string {
        return this.isEmail ? EMAIL_TITLE : SMS_TITLE;
    }

    get available(): string[] {
        return channelsOf(this.channels, this.mediaType).map((c: OutboundChannel) => c.queueId);
    }

    get channelOptions(): Array<{ label: string; value: string }> {
        return channelOptions(channelsOf(this.channels, this.mediaType));
    }

    /** Why the agent cannot send this kind of message, once the channels are known. */
    get noChannelText(): string | undefined {
        if (this.loading || !this.channels || this.available.length > 0) {
            return undefined;
        }
        return this.isEmail ? NO_EMAIL_CHANNEL : NO_SMS_CHANNEL;
    }

    get composing(): boolean {
        return this.step === 'compose' && !this.loading && this.available.length > 0;
    }

    get inDetails(): boolean {
        return this.step === 'details';
    }

    get unsent(): boolean {
        return this.step === 'unsent';
    }

    get recipientType(): string {
        return this.isEmail ? 'email' : 'tel';
    }

    get recipientLabel(): string {
        return this.isEmail ? EMAIL_TO : SMS_TO;
    }

    get recipientHelp(): string | undefined {
        return this.isEmail ? undefined : SMS_TO_HELP;
    }

    get counterText(): string {
        return format(COUNTER, this.message.length, messageLimit(this.mediaType));
    }

    get channelError(): string | undefined {
        return this.errorFor('channel');
    }

    get recipientError(): string | undefined {
        return this.errorFor('recipient');
    }

    get subjectError(): string | undefined {
        return this.errorFor('subject');
    }

    get messageError(): string | undefined {
        return this.errorFor('message');
    }

    get formatToggleLabel(): string {
        return this.showFormat ? HIDE_FORMAT : SHOW_FORMAT;
    }

    /** Shows or hides the format controls, keeping what was written (as plain text once they are hidden). */
    handleToggleFormat(): void {
        if (this.showFormat) {
            this.message = plainTextOf(this.htmlMessage);
            this.htmlMessage = '';
        } else {
            this.htmlMessage = htmlOf(this.message);
        }
        this.showFormat = !this.showFormat;
        this.focusTarget = 'message';
    }

    handleRichMessage(event: CustomEvent<{ value?: string }>): void {
        this.htmlMessage = event.detail?.value ?? '';
        this.message = plainTextOf(this.htmlMessage);
        this.recheck();
    }

    get hasChosenFiles(): boolean {
        return this.chosenFiles.length > 0;
    }

    handleChannel(event: CustomEvent<{ value?: string }>): void {
        this.queueId = event.detail?.value ?? '';
        this.recheck();
    }

    handleRecipient(event: CustomEvent<{ value?: string }>): void {
        this.recipient = event.detail?.value ?? '';
        this.recheck();
    }

    handleSubject(event: CustomEvent<{ value?: string }>): void {
        this.subject = event.detail?.value ?? '';
        this.recheck();
    }

    handleMessage(event: CustomEvent<{ value?: string }>): void {
        this.message = event.detail?.value ?? '';
        this.recheck();
    }

    handleAttachClick(): void {
        this.template?.querySelector<HTMLInputElement>('[data-id="file-input"]')?.click();
    }

    /** Each chosen file is checked at once (up to 10 MB, not empty): a refused one is named and left out. */
    handleFilesChosen(event: Event): void {
        const input = event.target as HTMLInputElement;
        const files = Array.from(input.files ?? []);
        // Cleared so choosing the same file again (after removing it) is a change too.
        input.value = '';
        const { accepted, problems } = chooseFiles(files, this.mediaType);
        this.chosenFiles = [...this.chosenFiles, ...accepted];
        this.alertText = problems || undefined;
    }

    handleRemoveFile(event: Event): void {
        const key = (event.currentTarget as HTMLElement).dataset.key;
        this.chosenFiles = this.chosenFiles.filter((chosen) => chosen.key !== key);
        this.focusTarget = 'attach';
    }

    handleDetails(event: CustomEvent<Partial<ContactDetails>>): void {
        const change = event.detail;
        this.nameObject = change.nameObject ?? this.nameObject;
        this.nameId = change.nameId !== undefined ? change.nameId : this.nameId;
        this.relatesToId = change.relatesToId !== undefined ? change.relatesToId : this.relatesToId;
        this.notes = change.notes ?? this.notes;
    }

    handleCancel(): void {
        this.dispatchEvent(new CustomEvent('cancel'));
    }

    /** Next: the contact details, once the message page is complete; otherwise every field to correct says why. */
    handleNext(): void {
        this.errors = draftErrors(this.draft());
        if (this.errors.length > 0) {
            this.alertText = FIX_FIELDS;
            this.focusTarget = this.errors[0].field;
            return;
        }
        this.alertText = undefined;
        this.step = 'details';
        this.focusTarget = 'details-heading';
    }

    handleBack(): void {
        this.step = 'compose';
        this.alertText = undefined;
        this.focusTarget = 'message';
    }

    handleSend(): void {
        detached(this.send());
    }

    handleSendAgain(): void {
        detached(this.sendAgain());
    }

    handleOpenUnsent(): void {
        if (this.started) {
            this.dispatchEvent(new CustomEvent('opened', { detail: { item: this.started } }));
        }
    }

    private async loadChannels(): Promise<void> {
        this.loading = true;
        try {
            this.channels = await getOutboundChannels();
            this.alertText = undefined;
        } catch (error) {
            this.alertText = messageFor(error);
        } finally {
            this.loading = false;
            this.focusTarget = this.available.length > 0 ? 'channel' : 'heading';
        }
    }

    /**
     * Save and Send: the conversation starts and is filed (startOutbound), then the message goes, with its files, as
     * the new interaction's first reply. When that fails the interaction is there: everything is kept to send again.
     */
    private async send(): Promise<void> {
        if (this.saving) {
            return;
        }
        const request: OutboundRequest = toRequest(this.draft(), {
            nameId: this.nameId,
            relatesToId: this.relatesToId,
            notes: this.notes
        });
        this.saving = true;
        this.alertText = undefined;
        try {
            this.started = await startOutbound({ request });
        } catch (error) {
            // Refused before anything started: the page stays as it is, with the reason.
            this.alertText = messageFor(error);
            this.saving = false;
            return;
        }
        await this.deliver(this.started);
    }

    /** The message of a conversation that started without it, sent again with its files. */
    private async sendAgain(): Promise<void> {
        if (this.started && !this.saving) {
            this.saving = true;
            await this.deliver(this.started);
        }
    }

    private async deliver(item: RelayInboxItemView): Promise<void> {
        try {
            await this.sendWithFiles(item);
            this.dispatchEvent(new CustomEvent('sent', { detail: { item } }));
        } catch (error) {
            this.step = 'unsent';
            this.alertText = format(UNSENT, this.reasonOf(error));
            this.focusTarget = 'send-again';
        } finally {
            this.saving = false;
            this.progress = '';
        }
    }

    /**
     * Uploads the files one after the other (an email's draft attachments need its conversation), then sends the
     * message with them as the interaction's first reply. A file is uploaded again on each try: a draft attachment
     * belongs to the email it was uploaded for.
     */
    private async sendWithFiles(item: RelayInboxItemView): Promise<void> {
        const attachments = await uploadAll(item.id, this.chosenFiles, startAttachmentUpload, (name, index) => {
            this.progress = format(UPLOADING, name, index + 1, this.chosenFiles.length);
        });
        this.progress = '';
        const htmlBody = this.isEmail && this.showFormat ? this.htmlMessage : null;
        await sendReply({ interactionId: item.id, text: this.message, attachments, subject: null, htmlBody });
    }

    private reasonOf(error: unknown): string {
        return error instanceof UploadError ? format(UPLOAD_FAILED, error.fileName) : messageFor(error);
    }

    private draft(): OutboundDraft {
        return {
            mediaType: this.mediaType,
            queueId: this.queueId,
            recipient: this.recipient,
            subject: this.subject,
            message: this.message
        };
    }

    /** After a refused Next, each change re-checks, so a corrected field's message goes away at once. */
    private recheck(): void {
        if (this.errors.length > 0) {
            this.errors = draftErrors(this.draft());
            if (this.errors.length === 0) {
                this.alertText = undefined;
            }
        }
    }

    private errorFor(field: DraftField): string | undefined {
        const error = this.errors.find((e) => e.field === field);
        if (!error) {
            return undefined;
        }
        const label = PROBLEM_LABELS[error.problem];
        return error.values ? format(label, error.values[0], error.values[1]) : label;
    }
}

/** Plain text as the editor's HTML: escaped, one line break per new line. */
function htmlOf(text: string): string {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return escaped === '' ? '' : `<p>${escaped.replace(/\n/g, '<br>')}</p>`;
}
