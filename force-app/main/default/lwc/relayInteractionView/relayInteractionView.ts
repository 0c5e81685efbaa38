import { LightningElement, api } from 'lwc';
import {
    APPLICATION_SCOPE,
    createMessageContext,
    publish,
    releaseMessageContext,
    subscribe,
    unsubscribe
} from 'lightning/messageService';
import type { MessageContextValue, MessageSubscription } from 'lightning/messageService';
import RELAY_NOTES from '@salesforce/messageChannel/Relay_Notes__c';
import USER_ID from '@salesforce/user/Id';
import getInteractionDetail from '@salesforce/apex/RelayInboxController.getInteractionDetail';
import getContactNotes from '@salesforce/apex/RelayInboxController.getContactNotes';
import addNote from '@salesforce/apex/RelayInboxController.addNote';
import setResolved from '@salesforce/apex/RelayInboxController.setResolved';
import { capabilitiesOf } from 'c/relayChannels';
import { messageFor } from 'c/relayErrors';
import { detached, format, LatestRequest } from 'c/relayWorkItemStore';
import {
    concernsContactOf,
    customerOf,
    digitalIdLabel,
    notesChangedOn,
    owesWrapUp,
    readNotesChanged,
    statusLabel
} from 'c/relayInboxStore';
import type {
    DispositionPrefill,
    RelayInboxItemView,
    RelayInteractionDetail,
    RelayNoteView,
    SwitchChoice
} from 'c/relayInboxStore';
import RelayTransferDialog from 'c/relayTransferDialog';
import { DIGITAL_QUEUE_ROUTE } from './transferRoute';
import CASE_NUMBER from '@salesforce/label/c.Relay_Inbox_CaseNumber';
import SET_RESOLVED from '@salesforce/label/c.Relay_Inbox_SetResolved';
import RESOLVED_NOTICE from '@salesforce/label/c.Relay_Inbox_ResolvedNotice';
import HOME from '@salesforce/label/c.Relay_Inbox_Home';
import SWITCH from '@salesforce/label/c.Relay_Inbox_Switch';
import NO_OTHERS from '@salesforce/label/c.Relay_Inbox_NoOthers';
import END from '@salesforce/label/c.Relay_Inbox_End';
import TRANSFER from '@salesforce/label/c.Relay_WorkItem_Transfer';
import TRANSFERRED_BACK from '@salesforce/label/c.Relay_InboxTransfer_BackToYou';
import SHOW_DETAILS from '@salesforce/label/c.Relay_Inbox_ShowDetails';
import HIDE_DETAILS from '@salesforce/label/c.Relay_Inbox_HideDetails';
import CONTACT_DETAILS from '@salesforce/label/c.Relay_Inbox_ContactDetails';
import CASE_LABEL from '@salesforce/label/c.Relay_Inbox_Case';
import CUSTOMER from '@salesforce/label/c.Relay_Inbox_Customer';
import NAME from '@salesforce/label/c.Relay_Inbox_Name';
import MY_NOTES from '@salesforce/label/c.Relay_Inbox_MyNotes';
import NO_NOTES from '@salesforce/label/c.Relay_Inbox_NoNotes';
import NONE from '@salesforce/label/c.Relay_Inbox_None';
import LOADING from '@salesforce/label/c.Relay_Inbox_DetailLoading';
import RELATES_TO from '@salesforce/label/c.Relay_Inbox_RelatesTo';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';
import NEW_NOTE from '@salesforce/label/c.Relay_Inbox_NewNote';
import ADD_NOTE from '@salesforce/label/c.Relay_Inbox_AddNote';
import ADDING_NOTE from '@salesforce/label/c.Relay_Inbox_AddingNote';
import NOTE_ADDED from '@salesforce/label/c.Relay_Inbox_NoteAdded';
import NOTE_BLANK from '@salesforce/label/c.Relay_Inbox_NoteBlank';
import NOTES_HELP from '@salesforce/label/c.Relay_Inbox_NotesHelp';

/** Nothing read yet: the dispositions page starts empty. */
const NO_PREFILL: DispositionPrefill = { nameId: null, relatesToId: null };

/** What a Relay_Note__c body holds (Body__c's length): the box takes no more. */
const NOTE_MAX_LENGTH = 32768;

/**
 * An open digital interaction: its case number (with Set as Resolved), Home, the switch menu with the unread
 * bubble, Transfer, End, the conversation (c/relayConversation), and Show Contact Details. End opens the
 * dispositions page (c/relayDispositions) in place of the conversation; it saves them and ends the
 * interaction, and when the contact centre then waits for a wrap-up code, asks for it. Until the code is
 * submitted the interaction stays the agent's, and opening it again opens that page. The inbox owns the
 * item: every change made here is reported to it with an event (itemchange, transferred, ended), and it
 * hands the new item back.
 *
 * The contact details list the agent's private notes about the contact and add one (Add note). The notes
 * are never taken from a cache: they are read again each time the details are shown, and whenever a note
 * about the same contact is saved in this browser (here, or on any interaction's dispositions page), which
 * the Relay_Notes__c message channel tells every open view (c/relayInboxStore notes).
 *
 * Events: home, switch ({ id }), itemchange ({ item }; also after a reply is sent), transferred ({ item,
 * queueName, stillMine }), ended ({ item, message }: message says a wrap-up is pending or failed).
 */
export default class RelayInteractionView extends LightningElement {
    /** Interactions to switch to, with their labels (the inbox's). */
    @api choices: SwitchChoice[] = [];
    /** The blue bubble on the list icon. */
    @api unreadCount = 0;
    /** A message from the inbox to show here (e.g. who got the interaction the agent tried to switch to). */
    @api message: string | undefined;

    labels = {
        SET_RESOLVED,
        HOME,
        NO_OTHERS,
        END,
        TRANSFER,
        CONTACT_DETAILS,
        CASE_LABEL,
        CUSTOMER,
        NAME,
        RELATES_TO,
        MY_NOTES,
        NO_NOTES,
        LOADING,
        RETRY,
        NEW_NOTE,
        NOTES_HELP
    };
    noteMaxLength = NOTE_MAX_LENGTH;

    detail: RelayInteractionDetail | undefined;
    detailLoading = false;
    detailError: string | undefined;
    detailsShown = false;
    /** The agent's notes about the contact, newest first, as last read. */
    notes: RelayNoteView[] = [];
    /** What the agent is writing in the contact details' New note box. */
    newNote = '';
    addingNote = false;
    noteError: string | undefined;
    /** Said to screen readers once a note is added. */
    noteNotice: string | undefined;
    resolving = false;
    transferring = false;
    actionError: string | undefined;
    notice: string | undefined;

    /** The dispositions page is shown in place of the conversation. */
    disposing = false;
    /** What the dispositions page starts from: replaced each time the details are read. */
    dispositionPrefill: DispositionPrefill = NO_PREFILL;
    /** The dispositions page is saving: the header waits. */
    saving = false;
    /** The contact centre waits for a wrap-up code before the End is finished: only that page is left. */
    wrapUpNeeded = false;

    private current: RelayInboxItemView | undefined;
    private readonly latest = new LatestRequest();
    /** Every read or write of the notes takes a ticket: only the latest one's answer is shown. */
    private readonly latestNotes = new LatestRequest();
    private focusTarget: string | undefined;
    private messageContext: MessageContextValue | undefined;
    private notesSubscription: MessageSubscription | undefined;

    /** The interaction, as the inbox last read it. */
    @api
    get item(): RelayInboxItemView | undefined {
        return this.current;
    }
    set item(value: RelayInboxItemView | undefined) {
        const switched = value?.id !== this.current?.id;
        this.current = value;
        if (switched) {
            this.reset();
            if (value?.id) {
                detached(this.loadDetail(value.id));
            }
            if (owesWrapUp(value, USER_ID)) {
                // Ended earlier, its wrap-up code still owed: straight back to the page that asks for it,
                // which takes the focus.
                this.disposing = true;
                this.wrapUpNeeded = true;
                this.focusTarget = undefined;
            }
        }
    }

    override connectedCallback(): void {
        this.messageContext = createMessageContext();
        this.notesSubscription = subscribe(
            this.messageContext,
            RELAY_NOTES,
            (message) => this.handleNotesChanged(message),
            { scope: APPLICATION_SCOPE }
        );
    }

    override disconnectedCallback(): void {
        if (this.notesSubscription) {
            unsubscribe(this.notesSubscription);
            this.notesSubscription = undefined;
        }
        if (this.messageContext) {
            releaseMessageContext(this.messageContext);
            this.messageContext = undefined;
        }
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

    get interactionId(): string | undefined {
        return this.current?.id;
    }

    /** The interaction to connect the agent to in the contact centre: one assigned to them and not ended. */
    get joinInteractionId(): string | undefined {
        const item = this.current;
        return item && item.assignedAgentId === USER_ID && item.status !== 'Closed' ? item.id : undefined;
    }

    /** One entry: the conversation is created again for another interaction (it reads its record once). */
    get conversationIds(): string[] {
        return this.current?.id ? [this.current.id] : [];
    }

    get conversationShown(): boolean {
        return !this.disposing;
    }

    get customer(): string {
        return customerOf(this.current);
    }

    get caseNumber(): string {
        return this.current?.name ?? '';
    }

    get caseMenuLabel(): string {
        return format(CASE_NUMBER, this.caseNumber);
    }

    get statusText(): string {
        return statusLabel(this.current?.status);
    }

    get channel(): ReturnType<typeof capabilitiesOf> {
        return capabilitiesOf(this.current?.channel);
    }

    get resolveDisabled(): boolean {
        const status = this.current?.status;
        return this.resolving || status === 'Resolved' || status === 'Closed';
    }

    get switchLabel(): string {
        return format(SWITCH, this.unreadCount ?? 0);
    }

    get hasChoices(): boolean {
        return (this.choices ?? []).length > 0;
    }

    get headerDisabled(): boolean {
        return this.saving || this.transferring || this.wrapUpNeeded;
    }

    get detailsToggleLabel(): string {
        return this.detailsShown ? HIDE_DETAILS : SHOW_DETAILS;
    }

    get detailsExpanded(): string {
        return this.detailsShown ? 'true' : 'false';
    }

    get digitalIdLabel(): string {
        return digitalIdLabel(this.current?.channel);
    }

    get digitalId(): string {
        return this.current?.digitalId || NONE;
    }

    get nameText(): string {
        return this.detail?.nameLabel || NONE;
    }

    get relatesToText(): string {
        return this.detail?.relatesToLabel || NONE;
    }

    get hasNotes(): boolean {
        return this.notes.length > 0;
    }

    get addNoteLabel(): string {
        return this.addingNote ? ADDING_NOTE : ADD_NOTE;
    }

    handleHome(): void {
        this.dispatchEvent(new CustomEvent('home'));
    }

    handleSwitch(event: CustomEvent<{ value?: string }>): void {
        const id = event.detail?.value;
        if (id) {
            this.dispatchEvent(new CustomEvent('switch', { detail: { id } }));
        }
    }

    handleCaseMenu(event: CustomEvent<{ value?: string }>): void {
        if (event.detail?.value === 'resolve') {
            detached(this.resolve());
        }
    }

    /** A reply changes the interaction's status (to Resolved): read it again and hand it to the inbox. */
    handleReplySent(event: CustomEvent<{ interactionId?: string }>): void {
        const id = event.detail?.interactionId;
        if (id && id === this.current?.id) {
            detached(this.refreshItem(id));
        }
    }

    handleRetryDetail(): void {
        if (this.current?.id) {
            detached(this.loadDetail(this.current.id));
        }
    }

    toggleDetails(): void {
        this.detailsShown = !this.detailsShown;
        if (this.detailsShown && this.current?.id) {
            detached(this.reloadNotes(this.current.id));
        }
    }

    handleNewNote(event: CustomEvent<{ value?: string }>): void {
        this.newNote = event.detail?.value ?? '';
        this.noteError = undefined;
        this.noteNotice = undefined;
    }

    /** Ctrl+Enter (Cmd+Enter) in the New note box adds the note, as Add note does. */
    handleNewNoteKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            detached(this.addNote());
        }
    }

    handleAddNote(): void {
        detached(this.addNote());
    }

    /** The dispositions page saved a note (maybe of the interaction the agent just switched away from). */
    handleNotesSaved(event: CustomEvent<{ item?: RelayInboxItemView | null }>): void {
        const item = event.detail?.item;
        if (item?.id) {
            this.announceNotesChanged(item);
        }
    }

    async handleTransfer(): Promise<void> {
        const item = this.current;
        if (!item || this.transferring) {
            return;
        }
        this.transferring = true;
        this.actionError = undefined;
        try {
            const outcome = await RelayTransferDialog.open({
                interaction: { id: item.id, customerName: item.customerName },
                route: DIGITAL_QUEUE_ROUTE,
                size: 'small',
                label: DIGITAL_QUEUE_ROUTE.labels.heading
            });
            if (outcome) {
                // Only the only agent of the target queue gets the interaction straight back.
                const stillMine = outcome.item?.assignedAgentId === USER_ID;
                this.notice = stillMine ? format(TRANSFERRED_BACK, outcome.queue.name) : undefined;
                this.dispatchEvent(
                    new CustomEvent('transferred', {
                        detail: { item: outcome.item, queueName: outcome.queue.name, stillMine }
                    })
                );
            }
        } catch (error) {
            this.actionError = messageFor(error);
        } finally {
            this.transferring = false;
        }
    }

    handleEnd(): void {
        this.disposing = true;
    }

    /** Cancel on the dispositions page: back to the conversation, the focus back on End. */
    handleDispositionsCancelled(): void {
        this.disposing = false;
        this.focusTarget = 'end';
    }

    handleSavingChange(event: CustomEvent<{ saving?: boolean }>): void {
        this.saving = event.detail?.saving === true;
    }

    /** End left the agent in after-call work: the item says so, and only the wrap-up page is left. */
    handleWrapUpNeeded(event: CustomEvent<{ item?: RelayInboxItemView | null }>): void {
        const item = event.detail?.item;
        if (this.isFromAnotherInteraction(event)) {
            this.forwardItem(item);
            return;
        }
        if (item) {
            this.current = item;
            this.dispatchEvent(new CustomEvent('itemchange', { detail: { item } }));
        }
        this.wrapUpNeeded = true;
    }

    handleDispositionsSaved(event: CustomEvent<{ item?: RelayInboxItemView | null; message?: string }>): void {
        const { item, message } = event.detail ?? {};
        if (this.isFromAnotherInteraction(event)) {
            this.forwardItem(item);
            return;
        }
        this.dispatchEvent(new CustomEvent('ended', { detail: { item, message } }));
    }

    // A Save still running when the agent switched finishes for the interaction they left: the inbox row learns
    // the outcome, but the interaction now on screen is neither replaced nor closed.
    private isFromAnotherInteraction(event: Event): boolean {
        const source = (event.currentTarget as HTMLElement | null)?.dataset?.interactionId;
        return source !== undefined && source !== this.current?.id;
    }

    private forwardItem(item: RelayInboxItemView | null | undefined): void {
        if (item) {
            this.dispatchEvent(new CustomEvent('itemchange', { detail: { item } }));
        }
    }

    private async resolve(): Promise<void> {
        const id = this.current?.id;
        if (!id || this.resolving) {
            return;
        }
        this.resolving = true;
        this.actionError = undefined;
        try {
            const item = await setResolved({ interactionId: id });
            this.notice = RESOLVED_NOTICE;
            if (item) {
                this.dispatchEvent(new CustomEvent('itemchange', { detail: { item } }));
            }
        } catch (error) {
            this.actionError = messageFor(error);
        } finally {
            this.resolving = false;
        }
    }

    private async refreshItem(id: string): Promise<void> {
        const item = (await this.loadDetail(id))?.item;
        if (item && item.id === this.current?.id) {
            this.current = item;
            this.dispatchEvent(new CustomEvent('itemchange', { detail: { item } }));
        }
    }

    private async addNote(): Promise<void> {
        const item = this.current;
        const body = this.newNote;
        if (!item?.id || this.addingNote) {
            return;
        }
        if (body.trim() === '') {
            this.noteError = NOTE_BLANK;
            return;
        }
        this.addingNote = true;
        this.noteError = undefined;
        this.noteNotice = undefined;
        const ticket = this.latestNotes.next();
        try {
            const notes = await addNote({ interactionId: item.id, body });
            this.announceNotesChanged(item);
            if (item.id !== this.current?.id) {
                return;
            }
            if (this.latestNotes.isLatest(ticket)) {
                this.notes = notes ?? [];
            }
            if (this.newNote === body) {
                this.newNote = ''; // what the agent typed meanwhile is the start of their next note
            }
            this.noteNotice = NOTE_ADDED;
        } catch (error) {
            if (item.id === this.current?.id) {
                this.noteError = messageFor(error);
            }
        } finally {
            this.addingNote = false;
        }
    }

    /** Tells every open view (this one too) that the contact of this interaction has a new note. */
    private announceNotesChanged(item: RelayInboxItemView): void {
        if (this.messageContext) {
            publish(this.messageContext, RELAY_NOTES, notesChangedOn(item));
        }
    }

    // Read again only while the details are shown: showing them reads the notes anyway.
    private handleNotesChanged(message: unknown): void {
        const changed = readNotesChanged(message);
        const id = this.current?.id;
        if (changed && id && this.detailsShown && concernsContactOf(changed, this.current)) {
            detached(this.reloadNotes(id));
        }
    }

    /** Reads the agent's notes about the contact again; a failure keeps the list as it was. */
    private async reloadNotes(id: string): Promise<void> {
        const ticket = this.latestNotes.next();
        try {
            const notes = await getContactNotes({ interactionId: id });
            if (this.latestNotes.isLatest(ticket) && id === this.current?.id) {
                this.notes = notes ?? [];
            }
        } catch {
            // The notes shown stay; the next time the details are shown they are read again.
        }
    }

    /** Reads the interaction's details; what it read, unless it failed or a newer read overtook it. */
    private async loadDetail(id: string): Promise<RelayInteractionDetail | undefined> {
        const ticket = this.latest.next();
        const notesTicket = this.latestNotes.next();
        this.detailLoading = true;
        this.detailError = undefined;
        try {
            const detail = await getInteractionDetail({ interactionId: id });
            if (this.latest.isLatest(ticket)) {
                this.detail = detail ?? undefined;
                this.dispositionPrefill = { nameId: detail?.nameId ?? null, relatesToId: detail?.relatesToId ?? null };
                if (this.latestNotes.isLatest(notesTicket)) {
                    this.notes = detail?.notes ?? [];
                }
                return detail ?? undefined;
            }
        } catch (error) {
            if (this.latest.isLatest(ticket)) {
                this.detailError = messageFor(error);
            }
        } finally {
            if (this.latest.isLatest(ticket)) {
                this.detailLoading = false;
            }
        }
        return undefined;
    }

    /** Another interaction: nothing of the previous one's page carries over. */
    private reset(): void {
        this.detail = undefined;
        this.detailError = undefined;
        this.detailsShown = false;
        this.notes = [];
        this.newNote = '';
        this.noteError = undefined;
        this.noteNotice = undefined;
        this.actionError = undefined;
        this.notice = undefined;
        // The dispositions page is created again for the other interaction (one per interaction).
        this.disposing = false;
        this.dispositionPrefill = NO_PREFILL;
        this.saving = false;
        this.wrapUpNeeded = false;
        this.focusTarget = 'customer';
    }
}
