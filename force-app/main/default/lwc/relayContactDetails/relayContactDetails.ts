import { LightningElement, api } from 'lwc';
import { NAME_OBJECTS } from 'c/relayInboxStore';
import type { NameObject } from 'c/relayInboxStore';
import NAME from '@salesforce/label/c.Relay_Inbox_Name';
import NAME_TYPE from '@salesforce/label/c.Relay_Inbox_NameType';
import RELATES_TO from '@salesforce/label/c.Relay_Inbox_RelatesTo';
import NOTES from '@salesforce/label/c.Relay_Inbox_Notes';
import NOTES_HELP from '@salesforce/label/c.Relay_Inbox_NotesHelp';
import OBJECT_CONTACT from '@salesforce/label/c.Relay_Inbox_Object_Contact';
import OBJECT_ACCOUNT from '@salesforce/label/c.Relay_Inbox_Object_Account';
import OBJECT_LEAD from '@salesforce/label/c.Relay_Inbox_Object_Lead';

/** What the fields hold; a `detailschange` event carries the fields that changed. */
export interface ContactDetails {
    nameObject: NameObject;
    nameId: string | null;
    relatesToId: string | null;
    notes: string;
}

const OBJECT_LABELS: Record<NameObject, string> = {
    Contact: OBJECT_CONTACT,
    Account: OBJECT_ACCOUNT,
    Lead: OBJECT_LEAD
};

/**
 * Name (a Contact, Account or Lead), Relates To (a Case) and private notes: what the Digital tab's dispositions and a
 * new outbound conversation both record. The parent owns the values and passes them back after each
 * `detailschange` (not `change`: the base components' own change events cross this component's shadow boundary),
 * so it decides what is kept (for example nothing once the dispositions are saved). The event names only what
 * changed: changes made before the parent renders again must not undo each other.
 */
export default class RelayContactDetails extends LightningElement {
    @api nameObject: NameObject = 'Contact';
    @api nameId: string | null = null;
    @api relatesToId: string | null = null;
    @api notes = '';
    @api disabled = false;

    labels = { NAME, NAME_TYPE, RELATES_TO, NOTES, NOTES_HELP };

    get nameObjectOptions(): Array<{ label: string; value: string }> {
        return NAME_OBJECTS.map((value) => ({ label: OBJECT_LABELS[value], value }));
    }

    handleNameObject(event: CustomEvent<{ value?: string }>): void {
        const value = event.detail?.value as NameObject;
        if (NAME_OBJECTS.includes(value) && value !== this.nameObject) {
            // An id of the other object would not be found by the new picker.
            this.notify({ nameObject: value, nameId: null });
        }
    }

    handleNamePick(event: CustomEvent<{ recordId?: string | null }>): void {
        this.notify({ nameId: event.detail?.recordId ?? null });
    }

    handleRelatesToPick(event: CustomEvent<{ recordId?: string | null }>): void {
        this.notify({ relatesToId: event.detail?.recordId ?? null });
    }

    handleNotes(event: CustomEvent<{ value?: string }>): void {
        this.notify({ notes: event.detail?.value ?? '' });
    }

    private notify(change: Partial<ContactDetails>): void {
        this.dispatchEvent(new CustomEvent<Partial<ContactDetails>>('detailschange', { detail: change }));
    }
}
