import { LightningElement, api } from 'lwc';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import submitWrapUp from '@salesforce/apex/RelayWrapUpController.submitWrapUp';
import skipWrapUp from '@salesforce/apex/RelayWrapUpController.skipWrapUp';
import { messageFor } from 'c/relayErrors';
import { detached, filterByName, format, formatCountdown, timeOf } from 'c/relayWorkItemStore';
import type { RelayWrapUpCodeView, WrapUpOutcome, WrapUpTarget } from 'c/relayWorkItemStore';
import TITLE from '@salesforce/label/c.Relay_WrapUpPicker_Title';
import SEARCH from '@salesforce/label/c.Relay_WrapUpPicker_Search';
import CODE from '@salesforce/label/c.Relay_WrapUpPicker_Code';
import NO_MATCH from '@salesforce/label/c.Relay_WrapUpPicker_NoMatch';
import NO_CODES from '@salesforce/label/c.Relay_WrapUpPicker_NoCodes';
import NOTES from '@salesforce/label/c.Relay_WrapUpPicker_Notes';
import DONE from '@salesforce/label/c.Relay_WrapUpPicker_Done';
import OPTIONAL from '@salesforce/label/c.Relay_WrapUpPicker_Optional';
import TIME_LEFT from '@salesforce/label/c.Relay_WrapUpPicker_TimeLeft';
import LOADING from '@salesforce/label/c.Relay_WrapUpPicker_Loading';
import SENDING from '@salesforce/label/c.Relay_WrapUpPicker_Sending';
import SUBMITTED from '@salesforce/label/c.Relay_WrapUpPicker_Submitted';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';
import CODE_REQUIRED from '@salesforce/label/c.Relay_Interaction_WrapUpCodeRequired';
import NOTES_TOO_LONG from '@salesforce/label/c.Relay_WrapUp_NotesTooLong';
import PENDING from '@salesforce/label/c.Relay_WrapUp_Pending';
import REJECTED from '@salesforce/label/c.Relay_WrapUp_Rejected';
import WRAP_UP_FAILED from '@salesforce/label/c.Relay_WrapUp_Failed';
import UNKNOWN_CUSTOMER from '@salesforce/label/c.Relay_WorkItem_UnknownCustomer';

/** The most notes the contact centre keeps with a wrap-up. */
export const NOTES_MAX_LENGTH = 2000;

const PHASE_OF = { Submitted: 'submitted', Pending: 'pending', Failed: 'failed' } as const;

type Phase = 'loading' | 'loadFailed' | 'ready' | 'sending' | 'pending' | 'submitted' | 'failed';

/**
 * The wrap-up for one interaction: choose a code (searchable), add optional notes, Done. Done is one
 * submitWrapUp call; whatever happens, the chosen code and the notes stay until the wrap-up went through.
 * Fires `wrapupcomplete` (detail: WrapUpOutcome) when it was delivered or held by Relay for retry.
 */
export default class RelayWrapUpPicker extends LightningElement {
    labels = { SEARCH, CODE, NOTES, DONE, RETRY, NOTES_TOO_LONG, CODE_REQUIRED, OPTIONAL };
    notesMaxLength = NOTES_MAX_LENGTH;

    codes: RelayWrapUpCodeView[] = [];
    searchTerm = '';
    selectedCodeId: string | undefined;
    notes = '';
    phase: Phase = 'loading';
    error: string | undefined;
    /** The Apex's message about the outcome (why it is pending, or what is left to do). */
    resultMessage: string | undefined;
    now = Date.now();

    private target: WrapUpTarget | undefined;
    private ticker: ReturnType<typeof setInterval> | undefined;
    private loadedFor: string | undefined;

    /** The interaction in wrap-up (RelayInteractionView fields: id, customerName, wrapUpStartedAt, wrapUpTimeoutMs). */
    @api
    get interaction(): WrapUpTarget | undefined {
        return this.target;
    }
    set interaction(value: WrapUpTarget | undefined) {
        this.target = value;
        // The panel re-renders every second; codes are loaded again only for another interaction.
        if (this.isConnected && value?.id && value.id !== this.loadedFor) {
            detached(this.loadCodes());
        }
    }

    /** Moves the focus to the picker's heading, so a screen reader announces what it is for. */
    @api
    focus(): void {
        this.template?.querySelector<HTMLElement>('[data-id="heading"]')?.focus();
    }

    override connectedCallback(): void {
        if (this.target?.id && this.target.id !== this.loadedFor) {
            detached(this.loadCodes());
        }
        // The countdown is derived from timestamps; the ticker only asks for a fresh render.
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        this.ticker = setInterval(() => {
            this.now = Date.now();
        }, 1000);
    }

    override disconnectedCallback(): void {
        clearInterval(this.ticker);
    }

    /** Radio names are page-wide under synthetic shadow: one group per interaction. */
    get radioName(): string {
        return `relayWrapUpCode-${this.target?.id ?? ''}`;
    }

    get headingText(): string {
        return format(TITLE, this.target?.customerName?.trim() || UNKNOWN_CUSTOMER);
    }

    get timeLeftText(): string | undefined {
        const startedAt = timeOf(this.target?.wrapUpStartedAt);
        const timeoutMs = this.target?.wrapUpTimeoutMs;
        if (startedAt === undefined || typeof timeoutMs !== 'number' || this.finished) {
            return undefined;
        }
        return format(TIME_LEFT, formatCountdown(startedAt + timeoutMs - this.now));
    }

    get options(): Array<{ label: string; value: string }> {
        return filterByName(this.codes, this.searchTerm, this.selectedCodeId).map((c) => ({
            label: c.name,
            value: c.id
        }));
    }

    get isLoading(): boolean {
        return this.phase === 'loading';
    }

    get loadFailed(): boolean {
        return this.phase === 'loadFailed';
    }

    get showForm(): boolean {
        return this.phase !== 'loading' && this.phase !== 'loadFailed';
    }

    get hasOptions(): boolean {
        return this.options.length > 0;
    }

    get emptyText(): string {
        return this.codes.length === 0 ? NO_CODES : NO_MATCH;
    }

    get finished(): boolean {
        return this.phase === 'pending' || this.phase === 'submitted' || this.phase === 'failed';
    }

    get inputsDisabled(): boolean {
        return this.phase === 'sending' || this.finished;
    }

    /** The queue takes a code without requiring one. */
    get optional(): boolean {
        return this.target?.optional === true;
    }

    get codeRequired(): boolean {
        return !this.optional;
    }

    get doneDisabled(): boolean {
        return (!this.selectedCodeId && !this.optional) || this.notes.length > NOTES_MAX_LENGTH || this.inputsDisabled;
    }

    /** What the live region says: sending, delivered, or held for retry with the Apex's reason. */
    get statusText(): string | undefined {
        switch (this.phase) {
            case 'loading':
                return LOADING;
            case 'sending':
                return SENDING;
            case 'submitted':
                return this.resultMessage ?? SUBMITTED;
            case 'pending':
                return this.resultMessage ?? PENDING;
            case 'failed':
                return undefined; // the reason is in the error region
            default:
                return undefined;
        }
    }

    get showCodeHint(): boolean {
        return this.phase === 'ready' && !this.selectedCodeId && this.codes.length > 0 && !this.optional;
    }

    handleSearch(event: CustomEvent<{ value?: string }>): void {
        this.searchTerm = event.detail?.value ?? '';
    }

    /** Enter in the search field chooses the code when exactly one matches. */
    handleSearchKeyUp(event: KeyboardEvent): void {
        const options = this.options;
        if (event.key === 'Enter' && options.length === 1 && !this.inputsDisabled) {
            this.selectedCodeId = options[0].value;
        }
    }

    handleCode(event: CustomEvent<{ value?: string }>): void {
        this.selectedCodeId = event.detail?.value || undefined;
        this.error = undefined;
    }

    handleNotes(event: CustomEvent<{ value?: string }>): void {
        this.notes = event.detail?.value ?? '';
    }

    handleRetry(): void {
        detached(this.loadCodes());
    }

    async handleDone(): Promise<void> {
        const interactionId = this.target?.id;
        const codeId = this.selectedCodeId;
        if (!interactionId || this.doneDisabled) {
            return;
        }
        if (!codeId) {
            await this.finishWithoutCode(interactionId);
            return;
        }
        const notes = this.notes.trim();
        this.phase = 'sending';
        this.error = undefined;
        try {
            const result = await submitWrapUp({ interactionId, codeId, notes: notes || null });
            if (result?.status === 'Submitted' || result?.status === 'Pending' || result?.status === 'Failed') {
                this.phase = PHASE_OF[result.status];
                this.resultMessage = result.message?.trim() || undefined;
                if (result.status === 'Failed') {
                    // The contact centre can never take it (the participant is gone): Relay keeps it for the admin.
                    this.error = result.message?.trim() || WRAP_UP_FAILED;
                }
                const detail: WrapUpOutcome = {
                    interactionId,
                    status: result.status,
                    codeId,
                    ...(notes ? { notes } : {}),
                    ...(result.message ? { message: result.message } : {}),
                    ...(typeof result.onQueue === 'boolean' ? { onQueue: result.onQueue } : {})
                };
                this.dispatchEvent(new CustomEvent<WrapUpOutcome>('wrapupcomplete', { detail }));
            } else {
                this.phase = 'ready';
                this.error = result?.message?.trim() || REJECTED;
            }
        } catch (error) {
            // Refused (e.g. a code the contact centre does not accept) or not sent: nothing is lost, the agent
            // picks another code or tries again.
            this.phase = 'ready';
            this.error = messageFor(error);
        }
    }

    /** An optional wrap-up ends without a code: nothing goes to the contact centre, the interaction is done. */
    private async finishWithoutCode(interactionId: string): Promise<void> {
        this.phase = 'sending';
        this.error = undefined;
        try {
            await skipWrapUp({ interactionId });
            this.phase = 'submitted';
            const detail: WrapUpOutcome = { interactionId, status: 'Skipped', codeId: '' };
            this.dispatchEvent(new CustomEvent<WrapUpOutcome>('wrapupcomplete', { detail }));
        } catch (error) {
            this.phase = 'ready';
            this.error = messageFor(error);
        }
    }

    private async loadCodes(): Promise<void> {
        const interactionId = this.target?.id;
        if (!interactionId) {
            return;
        }
        this.loadedFor = interactionId;
        this.phase = 'loading';
        this.error = undefined;
        try {
            const codes = await getWrapUpCodes({ interactionId });
            if (this.loadedFor !== interactionId) {
                return; // answer for an interaction this picker no longer shows
            }
            this.codes = [...(codes ?? [])].sort((a, b) => a.name.localeCompare(b.name));
            this.phase = 'ready';
        } catch (error) {
            if (this.loadedFor === interactionId) {
                this.phase = 'loadFailed';
                this.error = messageFor(error);
            }
        }
    }
}
