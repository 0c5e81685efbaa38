// `lightning/inputRichText` in the preview. lightning-base-components (the open-source base components) does not
// ship lightning-input-rich-text (the platform's editor). This stand-in has the surface Relay uses (label,
// label-visible, value, formats, disabled, placeholder; focus) and the same `change` event (detail.value: the HTML),
// over a contenteditable area with a toolbar of the formats asked for (bold, italic, underline, list), which the
// browser applies itself (Ctrl+B, Ctrl+I and Ctrl+U work as in the platform's editor).
import { LightningElement, api } from 'lwc';

interface Tool {
    format: string;
    command: string;
    label: string;
    icon: string;
}

const TOOLS: readonly Tool[] = [
    { format: 'bold', command: 'bold', label: 'Bold', icon: 'B' },
    { format: 'italic', command: 'italic', label: 'Italic', icon: 'I' },
    { format: 'underline', command: 'underline', label: 'Underline', icon: 'U' },
    { format: 'list', command: 'insertUnorderedList', label: 'Bulleted list', icon: '•' }
];

export default class InputRichText extends LightningElement {
    @api label = '';
    @api labelVisible = false;
    @api placeholder: string | undefined;
    @api disabled = false;
    @api formats: string[] | undefined;

    private html = '';
    private written = false;

    @api
    get value(): string {
        return this.html;
    }
    set value(html: string | undefined) {
        this.html = html ?? '';
        this.written = false;
    }

    @api
    focus(): void {
        this.editor()?.focus();
    }

    get tools(): Tool[] {
        const wanted = this.formats;
        return TOOLS.filter((t) => !wanted || wanted.includes(t.format));
    }

    get labelClass(): string {
        return this.labelVisible ? 'slds-form-element__label' : 'slds-assistive-text';
    }

    override renderedCallback(): void {
        const editor = this.editor();
        // The editor's content is the user's while they type; only a value set from outside is written into it.
        if (editor && !this.written) {
            if (editor.innerHTML !== this.html) {
                editor.innerHTML = this.html;
            }
            this.written = true;
        }
    }

    handleTool(event: Event): void {
        const command = (event.currentTarget as HTMLElement).dataset.command;
        if (command && !this.disabled) {
            this.editor()?.focus();
            document.execCommand(command);
            this.handleInput();
        }
    }

    handleInput(): void {
        this.html = this.editor()?.innerHTML ?? '';
        this.dispatchEvent(new CustomEvent('change', { detail: { value: this.html } }));
    }

    private editor(): HTMLElement | null {
        return this.template?.querySelector<HTMLElement>('[data-id="editor"]') ?? null;
    }
}
