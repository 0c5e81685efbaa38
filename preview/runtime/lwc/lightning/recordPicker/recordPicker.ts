// `lightning/recordPicker` in the preview. lightning-base-components (the open-source base components) does not
// ship lightning-record-picker: it searches records through the org's UI API. This stand-in has the same
// public surface Relay uses (label, object-api-name, value, placeholder, disabled, required, variant; focus,
// clearSelection, checkValidity, reportValidity) and the same `change` event ({ recordId }), and searches the
// preview's in-memory records (GET /__records?objectApiName=&q=) in an SLDS lookup combobox.
import { LightningElement, api } from 'lwc';

interface Match {
    id: string;
    name: string;
}

interface Option extends Match {
    domId: string;
    className: string;
    ariaSelected: string;
}

const ICONS: Record<string, string> = {
    Account: 'standard:account',
    Contact: 'standard:contact',
    Lead: 'standard:lead',
    Case: 'standard:case'
};
const PLURALS: Record<string, string> = { Account: 'Accounts', Contact: 'Contacts', Lead: 'Leads', Case: 'Cases' };
const MAX_RESULTS = 10;

/** The name the picker shows for a record: a case's number, anything else's Name. */
export function displayName(fields: Record<string, unknown>): string {
    const value = fields.CaseNumber ?? fields.Name;
    return typeof value === 'string' ? value : '';
}

async function search(objectApiName: string, term: string): Promise<Match[]> {
    const query = new URLSearchParams({ objectApiName, q: term, limit: String(MAX_RESULTS) });
    const response = await fetch(`/__records?${query.toString()}`);
    if (!response.ok) return [];
    const body = (await response.json()) as { records?: Match[] };
    return body.records ?? [];
}

async function nameOf(recordId: string): Promise<string> {
    const response = await fetch(`/__records/${encodeURIComponent(recordId)}`);
    if (!response.ok) return recordId;
    const record = (await response.json()) as { fields: Record<string, unknown> };
    return displayName(record.fields) || recordId;
}

export default class RecordPicker extends LightningElement {
    @api label = '';
    @api placeholder: string | undefined;
    @api disabled = false;
    @api required = false;
    /** `label-hidden` keeps the label for assistive technology only. */
    @api variant = 'standard';

    term = '';
    matches: Match[] = [];
    open = false;
    activeIndex = -1;
    selectedName = '';
    invalid = false;

    private object = '';
    private selectedId: string | null = null;
    private request = 0;

    @api
    get objectApiName(): string {
        return this.object;
    }
    set objectApiName(value: string) {
        if (value !== this.object) {
            this.object = value;
            this.matches = [];
            this.term = '';
        }
    }

    @api
    get value(): string | null {
        return this.selectedId;
    }
    set value(recordId: string | null | undefined) {
        const next = recordId || null;
        if (next === this.selectedId) return;
        this.selectedId = next;
        this.selectedName = '';
        if (next) {
            void nameOf(next).then((name) => {
                if (this.selectedId === next) this.selectedName = name;
            });
        }
    }

    @api
    focus(): void {
        this.template?.querySelector<HTMLElement>('[data-id="input"]')?.focus();
    }

    @api
    clearSelection(): void {
        this.select(null);
    }

    @api
    checkValidity(): boolean {
        return !(this.required && !this.selectedId);
    }

    @api
    reportValidity(): boolean {
        this.invalid = !this.checkValidity();
        return !this.invalid;
    }

    get hasSelection(): boolean {
        return this.selectedId !== null;
    }

    get formElementClass(): string {
        return `slds-form-element${this.invalid ? ' slds-has-error' : ''}`;
    }

    get labelClass(): string {
        return `slds-form-element__label${this.variant === 'label-hidden' ? ' slds-assistive-text' : ''}`;
    }

    get comboboxClass(): string {
        const base = 'slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click';
        return this.listShown ? `${base} slds-is-open` : base;
    }

    /** The list shows while there is something in it; "No results." is said in the help text instead. */
    get listShown(): boolean {
        return this.open && this.matches.length > 0;
    }

    get formElementInnerClass(): string {
        const icons = this.hasSelection ? 'slds-input-has-icon_left-right' : 'slds-input-has-icon_right';
        return `slds-combobox__form-element slds-input-has-icon ${icons}`;
    }

    get inputClass(): string {
        return `slds-input slds-combobox__input${this.hasSelection ? ' slds-combobox__input-value' : ''}`;
    }

    get inputValue(): string {
        return this.hasSelection ? this.selectedName : this.term;
    }

    get containerClass(): string {
        return `slds-combobox_container${this.hasSelection ? ' slds-has-selection' : ''}`;
    }

    get iconName(): string {
        return ICONS[this.object] ?? 'standard:record';
    }

    get searchPlaceholder(): string {
        return this.placeholder ?? `Search ${PLURALS[this.object] ?? this.object}...`;
    }

    get expanded(): string {
        return this.listShown ? 'true' : 'false';
    }

    get options(): Option[] {
        return this.matches.map((match, index) => ({
            ...match,
            domId: `option-${index}`,
            className: `slds-media slds-listbox__option slds-listbox__option_entity${
                index === this.activeIndex ? ' slds-has-focus' : ''
            }`,
            ariaSelected: index === this.activeIndex ? 'true' : 'false'
        }));
    }

    get activeDescendant(): string | undefined {
        return this.listShown && this.activeIndex >= 0 ? `option-${this.activeIndex}` : undefined;
    }

    get noMatches(): boolean {
        return this.open && this.matches.length === 0;
    }

    get hasMatches(): boolean {
        return this.matches.length > 0;
    }

    get errorText(): string {
        return this.invalid ? 'Complete this field.' : '';
    }

    handleInput(event: Event): void {
        if (this.hasSelection) return;
        this.term = (event.target as HTMLInputElement).value;
        void this.runSearch();
    }

    handleKeyDown(event: KeyboardEvent): void {
        if (this.hasSelection) {
            // The selection is removed with Backspace or Delete, as in the platform's lookup.
            if (event.key === 'Backspace' || event.key === 'Delete') {
                event.preventDefault();
                this.handleRemove();
            }
            return;
        }
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            if (!this.open) {
                void this.runSearch();
                return;
            }
            const step = event.key === 'ArrowDown' ? 1 : -1;
            const count = this.matches.length;
            if (count > 0) this.activeIndex = (this.activeIndex + step + count) % count;
        } else if (event.key === 'Enter' && this.open && this.activeIndex >= 0) {
            event.preventDefault();
            this.select(this.matches[this.activeIndex] ?? null);
        } else if (event.key === 'Escape' && this.open) {
            // The picker's own listbox closes; a dialog around it stays open.
            event.preventDefault();
            event.stopPropagation();
            this.open = false;
        }
    }

    handleBlur(): void {
        if (this.hasSelection) return;
        this.open = false;
        this.reportValidity();
    }

    /** mousedown, not click: the input's blur (which closes the list) would otherwise come first. */
    handleOptionDown(event: MouseEvent): void {
        event.preventDefault();
        const id = (event.currentTarget as HTMLElement).dataset.recordId;
        this.select(this.matches.find((m) => m.id === id) ?? null);
    }

    handleRemove(): void {
        this.select(null);
        // The search box replaces the pill: focus it once it is rendered.
        void Promise.resolve().then(() => this.focus());
    }

    private async runSearch(): Promise<void> {
        const ticket = ++this.request;
        const found = this.object ? await search(this.object, this.term.trim()) : [];
        if (ticket !== this.request) return;
        this.matches = found;
        this.activeIndex = found.length > 0 ? 0 : -1;
        this.open = true;
    }

    private select(match: Match | null): void {
        this.open = false;
        this.term = '';
        this.matches = [];
        this.activeIndex = -1;
        this.selectedId = match?.id ?? null;
        this.selectedName = match?.name ?? '';
        this.invalid = false;
        this.dispatchEvent(new CustomEvent('change', { detail: { recordId: this.selectedId } }));
    }
}
