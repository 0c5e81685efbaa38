import { LightningElement, api } from 'lwc';
import USER_ID from '@salesforce/user/Id';
import saveDisposition from '@salesforce/apex/RelayInboxController.saveDisposition';
import endInteraction from '@salesforce/apex/RelayInboxController.endInteraction';
import submitWrapUp from '@salesforce/apex/RelayInboxController.submitWrapUp';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import { messageFor } from 'c/relayErrors';
import { detached, filterByName, format } from 'c/relayWorkItemStore';
import type { RelayWrapUpCodeView } from 'c/relayWorkItemStore';
import { DispositionFlow, nameObjectOf, owesWrapUp } from 'c/relayInboxStore';
import type { ContactDetails } from 'c/relayContactDetails';
import type {
    DispositionPorts,
    DispositionPrefill,
    NameObject,
    RelayInboxItemView,
    RelayInboxWrapUpResult
} from 'c/relayInboxStore';
import CASE_LABEL from '@salesforce/label/c.Relay_Inbox_Case';
import DISPOSITIONS from '@salesforce/label/c.Relay_Inbox_Dispositions';
import DISPOSITIONS_INTRO from '@salesforce/label/c.Relay_Inbox_DispositionsIntro';
import SAVE from '@salesforce/label/c.Relay_Inbox_Save';
import SAVING from '@salesforce/label/c.Relay_Inbox_Saving';
import END_AGAIN from '@salesforce/label/c.Relay_Inbox_EndAgain';
import SAVED_END_FAILED from '@salesforce/label/c.Relay_Inbox_SavedEndFailed';
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
const ports: DispositionPorts = {
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

/**
 * The dispositions page of one interaction, shown after End (c/relayInteractionView decides when): Name,
 * Relates To and private notes; Save records them and ends the interaction (DispositionFlow). When the
 * contact centre then waits for a wrap-up code (after-call work), the page asks for it (the codes
 * RelayWrapUpController offers, searchable) and Save submits it, which finishes the End. An interaction
 * that still owes its code opens on it straight away. The page keeps what the agent entered while it is
 * closed (Cancel), so one instance serves one interaction.
 *
 * Events: savingchange ({ saving }), notesaved ({ item }: the private notes are stored, before the End),
 * wrapupneeded ({ item }: End left the agent in after-call work), saved ({ item, message }: ended;
 * message says a wrap-up is pending or failed), cancelled.
 */
export default class RelayDispositions extends LightningElement {
    labels = {
        CASE_LABEL,
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
        WRAP_UP_NOTES_TOO_LONG
    };
    wrapUpNotesMaxLength = WRAP_UP_NOTES_MAX_LENGTH;

    shown = false;
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
    private defaults: DispositionPrefill | undefined;
    private flow: DispositionFlow | undefined;
    private focusTarget: string | undefined;

    /** The interaction whose dispositions these are. */
    @api
    get item(): RelayInboxItemView | undefined {
        return this.current;
    }
    set item(value: RelayInboxItemView | undefined) {
        const switched = value?.id !== this.current?.id;
        this.current = value;
        if (switched && value?.id && owesWrapUp(value, USER_ID)) {
            // Ended earlier, its wrap-up code still owed: only the code is left to ask for.
            this.flow = DispositionFlow.awaitingWrapUp(ports, value.id);
            this.startWrapUp(value.id);
        }
    }

    /** The Name and Relates To the interaction has, each time they are read: the page starts from them. */
    @api
    get prefill(): DispositionPrefill | undefined {
        return this.defaults;
    }
    set prefill(value: DispositionPrefill | undefined) {
        this.defaults = value;
        this.nameId = value?.nameId ?? null;
        this.nameObject = nameObjectOf(value?.nameId);
        this.relatesToId = value?.relatesToId ?? null;
    }

    /** Shown (after End); closed, it keeps what the agent entered. */
    @api
    get open(): boolean {
        return this.shown;
    }
    set open(value: boolean) {
        const opening = Boolean(value) && !this.shown;
        this.shown = Boolean(value);
        if (opening) {
            this.dispositionError = undefined;
            this.focusTarget = this.wrapUpNeeded ? 'wrap-up-heading' : 'disposition-heading';
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

    get caseNumber(): string {
        return this.current?.name ?? '';
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

    handleDetails(event: CustomEvent<Partial<ContactDetails>>): void {
        const change = event.detail;
        this.nameObject = change.nameObject ?? this.nameObject;
        this.nameId = change.nameId !== undefined ? change.nameId : this.nameId;
        this.relatesToId = change.relatesToId !== undefined ? change.relatesToId : this.relatesToId;
        this.notes = change.notes ?? this.notes;
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

    handleKeyDown(event: KeyboardEvent): void {
        if (event.key === 'Escape' && !this.saving && !this.wrapUpNeeded) {
            event.stopPropagation();
            this.handleCancel();
        }
    }

    handleCancel(): void {
        if (this.saving || this.wrapUpNeeded) {
            return;
        }
        this.dispositionError = undefined;
        this.dispatchEvent(new CustomEvent('cancelled'));
    }

    async handleSave(): Promise<void> {
        const item = this.current;
        if (!item?.id || this.saving) {
            return;
        }
        const id = item.id;
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
        this.flow = this.flow ?? new DispositionFlow(this.portsFor(item), id);
        this.setSaving(true);
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
                this.dispatchEvent(new CustomEvent('saved', { detail: { item: outcome.item, message } }));
            } else if (outcome?.kind === 'wrapUpNeeded') {
                if (outcome.item) {
                    this.current = outcome.item;
                }
                this.dispatchEvent(new CustomEvent('wrapupneeded', { detail: { item: outcome.item } }));
                this.startWrapUp(id);
            } else if (outcome?.kind === 'failed') {
                this.dispositionError =
                    outcome.stage === 'end' ? format(SAVED_END_FAILED, outcome.message) : outcome.message;
            }
        } finally {
            this.setSaving(false);
        }
    }

    // The notes are stored once the save returns, while the End may still take its time (contact-centre
    // callouts): open contact details of this contact should not wait for it.
    private portsFor(item: RelayInboxItemView): DispositionPorts {
        return {
            ...ports,
            saveDisposition: async (interactionId, nameId, relatesToId, notes) => {
                const saved = await ports.saveDisposition(interactionId, nameId, relatesToId, notes);
                if (notes !== null) {
                    this.dispatchEvent(new CustomEvent('notesaved', { detail: { item } }));
                }
                return saved;
            }
        };
    }

    private setSaving(saving: boolean): void {
        this.saving = saving;
        this.dispatchEvent(new CustomEvent('savingchange', { detail: { saving } }));
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
}
