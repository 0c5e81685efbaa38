import { LightningElement, api } from 'lwc';
import USER_ID from '@salesforce/user/Id';
import getInteractionDetail from '@salesforce/apex/RelayInboxController.getInteractionDetail';
import setResolved from '@salesforce/apex/RelayInboxController.setResolved';
import saveDisposition from '@salesforce/apex/RelayInboxController.saveDisposition';
import endInteraction from '@salesforce/apex/RelayInboxController.endInteraction';
import submitWrapUp from '@salesforce/apex/RelayInboxController.submitWrapUp';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import { capabilitiesOf } from 'c/relayChannels';
import { messageFor } from 'c/relayErrors';
import { detached, filterByName, format, LatestRequest } from 'c/relayWorkItemStore';
import type { RelayWrapUpCodeView } from 'c/relayWorkItemStore';
import {
    customerOf,
    digitalIdLabel,
    DispositionFlow,
    NAME_OBJECTS,
    nameObjectOf,
    statusLabel
} from 'c/relayInboxStore';
import type {
    NameObject,
    RelayInboxItemView,
    RelayInboxWrapUpResult,
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
import NAME_TYPE from '@salesforce/label/c.Relay_Inbox_NameType';
import RELATES_TO from '@salesforce/label/c.Relay_Inbox_RelatesTo';
import NOTES from '@salesforce/label/c.Relay_Inbox_Notes';
import NOTES_HELP from '@salesforce/label/c.Relay_Inbox_NotesHelp';
import MY_NOTES from '@salesforce/label/c.Relay_Inbox_MyNotes';
import NO_NOTES from '@salesforce/label/c.Relay_Inbox_NoNotes';
import NONE from '@salesforce/label/c.Relay_Inbox_None';
import LOADING from '@salesforce/label/c.Relay_Inbox_DetailLoading';
import DISPOSITIONS from '@salesforce/label/c.Relay_Inbox_Dispositions';
import DISPOSITIONS_INTRO from '@salesforce/label/c.Relay_Inbox_DispositionsIntro';
import SAVE from '@salesforce/label/c.Relay_Inbox_Save';
import SAVING from '@salesforce/label/c.Relay_Inbox_Saving';
import END_AGAIN from '@salesforce/label/c.Relay_Inbox_EndAgain';
import SAVED_END_FAILED from '@salesforce/label/c.Relay_Inbox_SavedEndFailed';
import OBJECT_CONTACT from '@salesforce/label/c.Relay_Inbox_Object_Contact';
import OBJECT_ACCOUNT from '@salesforce/label/c.Relay_Inbox_Object_Account';
import OBJECT_LEAD from '@salesforce/label/c.Relay_Inbox_Object_Lead';
import WRAP_UP_HEADING from '@salesforce/label/c.Relay_Inbox_WrapUpHeading';
import WRAP_UP_INTRO from '@salesforce/label/c.Relay_Inbox_WrapUpIntro';
import WRAP_UP_NOTES from '@salesforce/label/c.Relay_Inbox_WrapUpNotes';
import WRAP_UP_SEARCH from '@salesforce/label/c.Relay_WrapUpPicker_Search';
import WRAP_UP_CODE from '@salesforce/label/c.Relay_WrapUpPicker_Code';
import WRAP_UP_LOADING from '@salesforce/label/c.Relay_WrapUpPicker_Loading';
import WRAP_UP_NO_CODES from '@salesforce/label/c.Relay_WrapUpPicker_NoCodes';
import WRAP_UP_NO_MATCH from '@salesforce/label/c.Relay_WrapUpPicker_NoMatch';
import WRAP_UP_CODE_REQUIRED from '@salesforce/label/c.Relay_Interaction_WrapUpCodeRequired';
import WRAP_UP_NOTES_TOO_LONG from '@salesforce/label/c.Relay_WrapUp_NotesTooLong';
import CANCEL from '@salesforce/label/c.Relay_Action_Cancel';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';

/** The Apex calls of the dispositions page. */
const ports = {
    saveDisposition(
        interactionId: string,
        nameId: string | null,
        relatesToId: string | null,
        notes: string | null
    ): Promise<RelayInboxItemView | null> {
        return saveDisposition({ interactionId, nameId, relatesToId, notes });
    },
    endInteraction(interactionId: string): Promise<RelayInboxItemView | null> {
        return endInteraction({ interactionId });
    },
    submitWrapUp(interactionId: string, codeId: string, notes: string | null): Promise<RelayInboxWrapUpResult | null> {
        return submitWrapUp({ interactionId, codeId, notes });
    }
};

/** The most notes the contact centre keeps with a wrap-up (RelayWrapUpService.MAX_NOTES_LENGTH). */
const WRAP_UP_NOTES_MAX_LENGTH = 2000;

const OBJECT_LABELS: Record<NameObject, string> = {
    Contact: OBJECT_CONTACT,
    Account: OBJECT_ACCOUNT,
    Lead: OBJECT_LEAD
};

/**
 * An open digital interaction: its case number (with Set as Resolved), Home, the switch menu with the unread
 * bubble, Transfer, End, the conversation (c/relayConversation), and Show Contact Details. End opens the
 * dispositions page; Save records them and ends the interaction. When the contact centre then waits for a
 * wrap-up code (after-call work), the page asks for it (the codes RelayWrapUpController offers, searchable)
 * and Save submits it, which finishes the End; until then the interaction stays the agent's, and opening it
 * again opens this page. The inbox owns the item: every change made
 * here is reported to it with an event (itemchange, transferred, ended), and it hands the new item back.
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
        NAME_TYPE,
        RELATES_TO,
        NOTES,
        NOTES_HELP,
        MY_NOTES,
        NO_NOTES,
        LOADING,
        DISPOSITIONS,
        DISPOSITIONS_INTRO,
        CANCEL,
        RETRY,
        WRAP_UP_HEADING,
        WRAP_UP_INTRO,
        WRAP_UP_NOTES,
        WRAP_UP_SEARCH,
        WRAP_UP_CODE,
        WRAP_UP_LOADING,
        WRAP_UP_CODE_REQUIRED,
        WRAP_UP_NOTES_TOO_LONG
    };
    wrapUpNotesMaxLength = WRAP_UP_NOTES_MAX_LENGTH;

    detail: RelayInteractionDetail | undefined;
    detailLoading = false;
    detailError: string | undefined;
    detailsShown = false;
    resolving = false;
    transferring = false;
    actionError: string | undefined;
    notice: string | undefined;

    disposing = false;
    saving = false;
    dispositionError: string | undefined;
    nameObject: NameObject = 'Contact';
    nameId: string | null = null;
    relatesToId: string | null = null;
    notes = '';

    /** The contact centre waits for a wrap-up code before the End is finished. */
    wrapUpNeeded = false;
    wrapUpCodes: RelayWrapUpCodeView[] = [];
    wrapUpCodesLoading = false;
    wrapUpCodesError: string | undefined;
    wrapUpSearch = '';
    wrapUpCodeId: string | undefined;
    wrapUpNotes = '';

    private current: RelayInboxItemView | undefined;
    private flow: DispositionFlow | undefined;
    private readonly latest = new LatestRequest();
    private focusTarget: string | undefined;

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
            if (value?.id && value.wrapUpNeeded === true && value.assignedAgentId === USER_ID) {
                // Ended earlier, its wrap-up code still owed: straight back to the page that asks for it.
                this.flow = DispositionFlow.awaitingWrapUp(ports, value.id);
                this.disposing = true;
                this.startWrapUp(value.id);
            }
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

    get wrapUpOptions(): Array<{ label: string; value: string }> {
        return filterByName(this.wrapUpCodes, this.wrapUpSearch, this.wrapUpCodeId).map((code) => ({
            label: code.name,
            value: code.id
        }));
    }

    get hasWrapUpOptions(): boolean {
        return this.wrapUpOptions.length > 0;
    }

    get wrapUpEmptyText(): string {
        return this.wrapUpCodes.length === 0 ? WRAP_UP_NO_CODES : WRAP_UP_NO_MATCH;
    }

    get wrapUpCodesReady(): boolean {
        return this.wrapUpNeeded && !this.wrapUpCodesLoading && !this.wrapUpCodesError;
    }

    get wrapUpRadioName(): string {
        return `relayInboxWrapUpCode-${this.current?.id ?? ''}`;
    }

    /** Ended in the contact centre already: there is nothing to cancel back to. */
    get cancelShown(): boolean {
        return !this.wrapUpNeeded;
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

    get notesList(): RelayNoteView[] {
        return this.detail?.notes ?? [];
    }

    get hasNotes(): boolean {
        return this.notesList.length > 0;
    }

    get nameObjectOptions(): Array<{ label: string; value: string }> {
        return NAME_OBJECTS.map((value) => ({ label: OBJECT_LABELS[value], value }));
    }

    /** Once the dispositions are saved they are kept as saved; only End is retried. */
    get dispositionLocked(): boolean {
        return this.saving || this.flow?.saved === true;
    }

    get saveLabel(): string {
        if (this.saving) {
            return SAVING;
        }
        return this.flow?.saved && !this.wrapUpNeeded ? END_AGAIN : SAVE;
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
        this.dispositionError = undefined;
        this.focusTarget = 'disposition-heading';
    }

    handleNameObject(event: CustomEvent<{ value?: string }>): void {
        const value = event.detail?.value as NameObject;
        if (NAME_OBJECTS.includes(value) && value !== this.nameObject) {
            this.nameObject = value;
            this.nameId = null; // an id of the other object would not be found by the new picker
        }
    }

    handleNamePick(event: CustomEvent<{ recordId?: string | null }>): void {
        this.nameId = event.detail?.recordId ?? null;
    }

    handleRelatesToPick(event: CustomEvent<{ recordId?: string | null }>): void {
        this.relatesToId = event.detail?.recordId ?? null;
    }

    handleNotes(event: CustomEvent<{ value?: string }>): void {
        this.notes = event.detail?.value ?? '';
    }

    handleWrapUpSearch(event: CustomEvent<{ value?: string }>): void {
        this.wrapUpSearch = event.detail?.value ?? '';
    }

    /** Enter in the search field chooses the code when exactly one matches. */
    handleWrapUpSearchKeyUp(event: KeyboardEvent): void {
        const options = this.wrapUpOptions;
        if (event.key === 'Enter' && options.length === 1 && !this.saving) {
            this.wrapUpCodeId = options[0].value;
            this.dispositionError = undefined;
        }
    }

    handleWrapUpCode(event: CustomEvent<{ value?: string }>): void {
        this.wrapUpCodeId = event.detail?.value || undefined;
        this.dispositionError = undefined;
    }

    handleWrapUpNotes(event: CustomEvent<{ value?: string }>): void {
        this.wrapUpNotes = event.detail?.value ?? '';
    }

    handleRetryWrapUpCodes(): void {
        if (this.current?.id) {
            detached(this.loadWrapUpCodes(this.current.id));
        }
    }

    handleDispositionKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Escape' && !this.saving && !this.wrapUpNeeded) {
            event.stopPropagation();
            this.handleCancelDisposition();
        }
    }

    handleCancelDisposition(): void {
        if (this.saving || this.wrapUpNeeded) {
            return;
        }
        this.disposing = false;
        this.dispositionError = undefined;
        this.focusTarget = 'end';
    }

    async handleSave(): Promise<void> {
        const id = this.current?.id;
        if (!id || this.saving) {
            return;
        }
        if (this.wrapUpNeeded && !this.wrapUpCodeId) {
            // Refused here: the contact centre would keep the agent in after-call work without a code.
            this.dispositionError = WRAP_UP_CODE_REQUIRED;
            this.focusTarget = 'wrap-up-search';
            return;
        }
        if (this.wrapUpNotes.length > WRAP_UP_NOTES_MAX_LENGTH) {
            this.dispositionError = WRAP_UP_NOTES_TOO_LONG;
            return;
        }
        this.flow = this.flow ?? new DispositionFlow(ports, id);
        this.saving = true;
        this.dispositionError = undefined;
        try {
            const outcome = await this.flow.submit({
                nameId: this.nameId,
                relatesToId: this.relatesToId,
                notes: this.notes,
                wrapUpCodeId: this.wrapUpCodeId ?? null,
                wrapUpNotes: this.wrapUpNotes
            });
            if (outcome?.kind === 'ended') {
                const message = outcome.wrapUp?.message ?? undefined;
                this.dispatchEvent(new CustomEvent('ended', { detail: { item: outcome.item, message } }));
            } else if (outcome?.kind === 'wrapUpNeeded') {
                if (outcome.item) {
                    this.current = outcome.item;
                    this.dispatchEvent(new CustomEvent('itemchange', { detail: { item: outcome.item } }));
                }
                this.startWrapUp(id);
            } else if (outcome?.kind === 'failed') {
                this.dispositionError =
                    outcome.stage === 'end' ? format(SAVED_END_FAILED, outcome.message) : outcome.message;
            }
        } finally {
            this.saving = false;
        }
    }

    /** The contact centre waits for a wrap-up code: the page asks for it and loads the codes. */
    private startWrapUp(id: string): void {
        this.wrapUpNeeded = true;
        this.focusTarget = 'wrap-up-heading';
        detached(this.loadWrapUpCodes(id));
    }

    private async loadWrapUpCodes(id: string): Promise<void> {
        this.wrapUpCodesLoading = true;
        this.wrapUpCodesError = undefined;
        try {
            const codes = await getWrapUpCodes({ interactionId: id });
            if (id === this.current?.id) {
                this.wrapUpCodes = [...(codes ?? [])].sort((a, b) => a.name.localeCompare(b.name));
            }
        } catch (error) {
            if (id === this.current?.id) {
                this.wrapUpCodesError = messageFor(error);
            }
        } finally {
            if (id === this.current?.id) {
                this.wrapUpCodesLoading = false;
            }
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

    /** Reads the interaction's details; what it read, unless it failed or a newer read overtook it. */
    private async loadDetail(id: string): Promise<RelayInteractionDetail | undefined> {
        const ticket = this.latest.next();
        this.detailLoading = true;
        this.detailError = undefined;
        try {
            const detail = await getInteractionDetail({ interactionId: id });
            if (this.latest.isLatest(ticket)) {
                this.detail = detail ?? undefined;
                this.nameId = detail?.nameId ?? null;
                this.nameObject = nameObjectOf(detail?.nameId);
                this.relatesToId = detail?.relatesToId ?? null;
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
        this.actionError = undefined;
        this.notice = undefined;
        this.disposing = false;
        this.dispositionError = undefined;
        this.flow = undefined;
        this.nameObject = 'Contact';
        this.nameId = null;
        this.relatesToId = null;
        this.notes = '';
        this.wrapUpNeeded = false;
        this.wrapUpCodes = [];
        this.wrapUpCodesLoading = false;
        this.wrapUpCodesError = undefined;
        this.wrapUpSearch = '';
        this.wrapUpCodeId = undefined;
        this.wrapUpNotes = '';
        this.focusTarget = 'customer';
    }
}
