import { LightningElement, api } from 'lwc';
import getTemplates from '@salesforce/apex/RelayConversationController.getTemplates';
import sendTemplate from '@salesforce/apex/RelayConversationController.sendTemplate';
import { messageFor } from 'c/relayErrors';
import { format } from 'c/relayWorkItemStore';
import { missingValue, renderTemplate } from 'c/relayMessageModel';
import type { MessageTemplate } from 'c/relayMessageModel';
import OPEN from '@salesforce/label/c.Relay_Template_Open';
import CHOOSE from '@salesforce/label/c.Relay_Template_Choose';
import PREVIEW from '@salesforce/label/c.Relay_Template_Preview';
import SEND from '@salesforce/label/c.Relay_Template_Send';
import SENDING from '@salesforce/label/c.Relay_Template_Sending';
import NONE from '@salesforce/label/c.Relay_Template_None';
import OUTSIDE_WINDOW from '@salesforce/label/c.Relay_Template_OutsideWindow';
import VALUE_REQUIRED from '@salesforce/label/c.Relay_Template_ValueRequired';
import LOADING from '@salesforce/label/c.Relay_Template_Loading';

/**
 * A WhatsApp conversation's templates (docs/outbound.md, "WhatsApp templates"): outside WhatsApp's 24-hour
 * customer-care window the only message the agent may send. Templates opens the queue's list; the agent chooses one,
 * fills in its values (the text the customer will read shows as they type) and sends it. Fires `templatesent` with
 * the recorded message (RelayMessageView) for the transcript; a refusal keeps the choice and the values.
 */
export default class RelayTemplatePicker extends LightningElement {
    /** The Relay_Interaction__c of a WhatsApp conversation. */
    @api interactionId: string | undefined;
    /** The transcript shows no customer message in the last 24 hours: say a template is needed. */
    @api outsideWindow = false;

    labels = { OPEN, CHOOSE, PREVIEW, NONE, OUTSIDE_WINDOW };
    open = false;
    loading = false;
    sending = false;
    templates: MessageTemplate[] | undefined;
    chosenId = '';
    values: Record<string, string> = {};
    error: string | undefined;

    get chosen(): MessageTemplate | undefined {
        return this.templates?.find((t) => t.id === this.chosenId);
    }

    get options(): Array<{ label: string; value: string }> {
        return (this.templates ?? []).map((t) => ({ label: t.name, value: t.id }));
    }

    get hasTemplates(): boolean {
        return (this.templates ?? []).length > 0;
    }

    get showNone(): boolean {
        return this.templates !== undefined && !this.hasTemplates;
    }

    get parameters(): Array<{ id: string; label: string; value: string }> {
        return (this.chosen?.parameters ?? []).map((p) => ({
            id: p.id,
            label: p.description,
            value: this.values[p.id] ?? ''
        }));
    }

    get preview(): string {
        return renderTemplate(this.chosen?.text ?? null, this.values);
    }

    get sendLabel(): string {
        return this.sending ? SENDING : SEND;
    }

    get sendDisabled(): boolean {
        return this.sending || !this.chosen;
    }

    async handleOpen(): Promise<void> {
        this.open = !this.open;
        if (this.open && this.templates === undefined) {
            await this.load();
        }
    }

    handleChoose(event: CustomEvent<{ value?: string }>): void {
        this.chosenId = event.detail?.value ?? '';
        const template = this.chosen;
        // Each value starts from the one the template offers.
        this.values = Object.fromEntries((template?.parameters ?? []).map((p) => [p.id, p.defaultValue ?? '']));
        this.error = undefined;
    }

    handleValue(event: CustomEvent<{ value?: string }>): void {
        const id = (event.currentTarget as HTMLElement).dataset.parameterId ?? '';
        this.values = { ...this.values, [id]: event.detail?.value ?? '' };
    }

    async handleSend(): Promise<void> {
        const template = this.chosen;
        if (!template || this.sending || !this.interactionId) {
            return;
        }
        const missing = missingValue(template, this.values);
        if (missing) {
            this.error = format(VALUE_REQUIRED, missing.description);
            return;
        }
        this.sending = true;
        this.error = undefined;
        try {
            const sent = await sendTemplate({
                interactionId: this.interactionId,
                templateId: template.id,
                values: this.values
            });
            this.dispatchEvent(new CustomEvent('templatesent', { detail: sent }));
            this.chosenId = '';
            this.values = {};
            this.open = false;
        } catch (error) {
            this.error = messageFor(error);
        } finally {
            this.sending = false;
        }
    }

    private async load(): Promise<void> {
        if (!this.interactionId) {
            return;
        }
        this.loading = true;
        this.error = undefined;
        try {
            this.templates = await getTemplates({ interactionId: this.interactionId });
        } catch (error) {
            this.error = messageFor(error);
        } finally {
            this.loading = false;
        }
    }

    get loadingText(): string {
        return LOADING;
    }
}
