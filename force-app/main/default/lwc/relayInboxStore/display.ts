/*
 * What the inbox and the interaction view render: the rows of the list, the status and channel names, the
 * name of a channel's digital ID, and the entries of the switch menu. Labels only, no DOM.
 */
import { capabilitiesOf } from 'c/relayChannels';
import { isBold } from 'c/relayInboxModel';
import type { InboxItem } from 'c/relayInboxModel';
import { format } from 'c/relayWorkItemStore';
import type { RelayInboxItemView } from './apexTypes';
import STATUS_NEW from '@salesforce/label/c.Relay_Inbox_Status_New';
import STATUS_OPEN from '@salesforce/label/c.Relay_Inbox_Status_Open';
import STATUS_RESOLVED from '@salesforce/label/c.Relay_Inbox_Status_Resolved';
import STATUS_CLOSED from '@salesforce/label/c.Relay_Inbox_Status_Closed';
import ASSIGNED_TO from '@salesforce/label/c.Relay_Inbox_AssignedTo';
import ASSIGNED_TO_YOU from '@salesforce/label/c.Relay_Inbox_AssignedToYou';
import TAKEN_BY from '@salesforce/label/c.Relay_Inbox_TakenBy';
import TAKEN_BY_SOMEONE from '@salesforce/label/c.Relay_Inbox_TakenBySomeone';
import UNKNOWN_CUSTOMER from '@salesforce/label/c.Relay_Inbox_UnknownCustomer';
import PRIORITY from '@salesforce/label/c.Relay_Inbox_Priority';
import SWITCH_ITEM from '@salesforce/label/c.Relay_Inbox_SwitchItem';
import SWITCH_ITEM_UNREAD from '@salesforce/label/c.Relay_Inbox_SwitchItemUnread';
import DIGITAL_ID_CHAT from '@salesforce/label/c.Relay_Inbox_DigitalId_Chat';
import DIGITAL_ID_EMAIL from '@salesforce/label/c.Relay_Inbox_DigitalId_Email';
import DIGITAL_ID_FACEBOOK from '@salesforce/label/c.Relay_Inbox_DigitalId_Facebook';
import DIGITAL_ID_INSTAGRAM from '@salesforce/label/c.Relay_Inbox_DigitalId_Instagram';
import DIGITAL_ID_SMS from '@salesforce/label/c.Relay_Inbox_DigitalId_Sms';
import DIGITAL_ID_TWITTER from '@salesforce/label/c.Relay_Inbox_DigitalId_Twitter';
import DIGITAL_ID_WHATSAPP from '@salesforce/label/c.Relay_Inbox_DigitalId_WhatsApp';
import WRAP_UP_NEEDED from '@salesforce/label/c.Relay_Inbox_WrapUpNeeded';

const STATUS_LABELS: Readonly<Record<string, string>> = {
    New: STATUS_NEW,
    Open: STATUS_OPEN,
    Resolved: STATUS_RESOLVED,
    Closed: STATUS_CLOSED
};

// What the digital ID is on each channel (the seed's Show Contact Details table).
const DIGITAL_ID_LABELS: Readonly<Record<string, string>> = {
    webchat: DIGITAL_ID_CHAT,
    email: DIGITAL_ID_EMAIL,
    facebook: DIGITAL_ID_FACEBOOK,
    instagram: DIGITAL_ID_INSTAGRAM,
    sms: DIGITAL_ID_SMS,
    twitter: DIGITAL_ID_TWITTER,
    whatsapp: DIGITAL_ID_WHATSAPP
};

/** One row of the inbox list as the template renders it. */
export interface InboxRow {
    id: string;
    /** Position in the sorted, filtered list (0-based). */
    index: number;
    /** aria-posinset: 1-based, so a screen reader says "3 of 2,000" although only a window is rendered. */
    position: number;
    customer: string;
    /** An email's subject, above its preview; empty for a message. */
    subject: string;
    preview: string;
    caseNumber: string;
    status: string;
    priority: string;
    /** ISO-8601, or epoch ms. */
    receivedAt: string | number;
    channelIcon: string;
    channelLabel: string;
    /** "Assigned to you", "Assigned to Ada", or empty. */
    assignment: string;
    /** "Wrap-up needed" when the agent ended it and still owes the contact centre a wrap-up code, else empty. */
    wrapUp: string;
    unread: boolean;
    active: boolean;
    tabIndex: string;
    rowClass: string;
}

export function statusLabel(status: string | null | undefined): string {
    return STATUS_LABELS[status ?? ''] ?? status ?? '';
}

/** The name of the contact's digital ID on the channel: "WhatsApp phone number", "Email address"... */
export function digitalIdLabel(channel: string | null | undefined): string {
    return DIGITAL_ID_LABELS[capabilitiesOf(channel).name];
}

export function customerOf(view: Pick<RelayInboxItemView, 'customerName' | 'digitalId'> | undefined): string {
    const name = view?.customerName?.trim();
    return name || view?.digitalId?.trim() || UNKNOWN_CUSTOMER;
}

export function assignmentOf(view: RelayInboxItemView | undefined, userId: string): string {
    if (!view?.assignedAgentId) {
        return '';
    }
    if (view.assignedAgentId === userId) {
        return ASSIGNED_TO_YOU;
    }
    return view.assignedAgentName ? format(ASSIGNED_TO, view.assignedAgentName) : '';
}

/** What the agent reads when another agent opened the interaction first. */
export function takenMessage(assignedToName: string | null | undefined): string {
    return assignedToName ? format(TAKEN_BY, assignedToName) : TAKEN_BY_SOMEONE;
}

/**
 * The rows of the list from a slice of the model's items, starting at `start`. `views` gives the fields
 * the model does not sort by (case number, who has it).
 */
export function toRows(
    items: readonly InboxItem[],
    start: number,
    views: (id: string) => RelayInboxItemView | undefined,
    userId: string,
    activeId: string | undefined
): InboxRow[] {
    return items.map((item, offset) => {
        const view = views(item.id);
        const channel = capabilitiesOf(item.channel);
        const unread = isBold(item);
        const active = item.id === activeId;
        return {
            id: item.id,
            index: start + offset,
            position: start + offset + 1,
            customer: customerOf(item),
            subject: view?.subject ?? '',
            preview: item.lastMessagePreview,
            caseNumber: view?.name ?? '',
            status: statusLabel(item.status),
            priority: format(PRIORITY, item.priority),
            receivedAt: item.receivedAt,
            channelIcon: channel.icon,
            channelLabel: channel.label,
            assignment: assignmentOf(view, userId),
            wrapUp: view?.wrapUpNeeded === true && view.assignedAgentId === userId ? WRAP_UP_NEEDED : '',
            unread,
            active,
            tabIndex: active ? '0' : '-1',
            rowClass: `relay-row slds-grid slds-grid_vertical-align-center${unread ? ' relay-row_unread' : ''}${
                active ? ' relay-row_active' : ''
            }`
        };
    });
}

/** One entry of the switch menu. */
export interface SwitchChoice {
    id: string;
    label: string;
    unread: boolean;
}

export function toSwitchChoices(views: readonly RelayInboxItemView[]): SwitchChoice[] {
    return views.map((view) => {
        const unread = view.unread === true;
        return {
            id: view.id,
            unread,
            label: format(
                unread ? SWITCH_ITEM_UNREAD : SWITCH_ITEM,
                customerOf(view),
                capabilitiesOf(view.channel).label,
                statusLabel(view.status)
            )
        };
    });
}
