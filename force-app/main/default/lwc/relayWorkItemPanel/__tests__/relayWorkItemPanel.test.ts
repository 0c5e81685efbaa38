/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import { createMessageContext, publish, subscribe, unsubscribe } from 'lightning/messageService';
import type { MessageSubscription } from 'lightning/messageService';
import { onError, subscribe as empSubscribe, unsubscribe as empUnsubscribe } from 'lightning/empApi';
import type { EmpSubscription } from 'lightning/empApi';
import { closeTab, getAllTabInfo, openTab } from 'lightning/platformWorkspaceApi';
import type { TabInfo } from 'lightning/platformWorkspaceApi';
import LightningModal from 'lightning/modal';
import RelayWorkItemPanel from 'c/relayWorkItemPanel';
import { CONTACT_CENTRE_ROUTE } from '../transferRoute';
import getAgentStatus from '@salesforce/apex/RelayWorkItemController.getAgentStatus';
import setOnQueue from '@salesforce/apex/RelayWorkItemController.setOnQueue';
import syncInteractions from '@salesforce/apex/RelayWorkItemController.syncInteractions';
import pickUp from '@salesforce/apex/RelayWorkItemController.pickUp';
import disconnect from '@salesforce/apex/RelayWorkItemController.disconnect';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import syncOwedWrapUps from '@salesforce/apex/RelayWrapUpController.syncOwedWrapUps';
import type { OmniRequestMessage } from 'c/relayOmniChannel';
import type { RelayAgentStatus, RelayInteractionView, WrapUpOutcome } from 'c/relayWorkItemStore';
import VIEWS from './data/views.json';
import EVENTS from './data/events.json';
import AGENT from './data/agent.json';

jest.mock('@salesforce/apex/RelayWorkItemController.getAgentStatus', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWorkItemController.setOnQueue', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWorkItemController.syncInteractions', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayWorkItemController.pickUp', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWorkItemController.disconnect', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWrapUpController.getPendingWrapUps', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayWrapUpController.syncOwedWrapUps', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayWrapUpController.getWrapUpCodes', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWrapUpController.submitWrapUp', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayTransferController.getTransferQueues', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayTransferController.transfer', () => ({ default: jest.fn() }), { virtual: true });
// Labels with a value in them, in English, so the tests read what the agent sees.
jest.mock('@salesforce/label/c.Relay_WorkItem_AnswerWithin', () => ({ default: 'Answer within {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Relay_WorkItem_Elapsed', () => ({ default: 'Elapsed time: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_WorkItem_Queue', () => ({ default: 'Queue: {0}' }), { virtual: true });
// sfdx-lwc-jest has no lightning/modal: a LightningElement with the modal's static open().
// lightning/modal is jest-mocks/lightning/modal.js (jest.config.js).

const T0 = Date.parse('2026-11-21T12:00:00.000Z');
const ANA = 'conv-ana/agent-ana';
const CHAT = 'conv-chat/agent-chat';
const view = (name: keyof typeof VIEWS, changes: Partial<RelayInteractionView> = {}): RelayInteractionView => ({
    ...(VIEWS[name] as RelayInteractionView),
    ...changes
});
const Modal = LightningModal as unknown as { open: jest.Mock };

// ----- Lightning Message Service, reduced to synchronous in-memory channels, and the Omni-Channel relay on it.

type Listener = (message: unknown) => void;
let channels: Map<unknown, Set<Listener>>;
let omniRequests: OmniRequestMessage[];
let omniStatus: typeof AGENT.omniBusy;
let openWorks: Array<{ workId: string; workItemId: string; isEngaged: boolean }>;

function broadcast(channel: unknown, message: unknown): void {
    [...(channels.get(channel) ?? [])].forEach((listener) => listener(message));
}

/** What the Aura relay in the utility bar answers; requests are kept to assert on. */
function omniRelay(message: unknown): void {
    const request = message as OmniRequestMessage;
    if (request.kind !== 'request') {
        return;
    }
    omniRequests.push(request);
    const results: Record<string, unknown> = {
        acceptWork: true,
        closeWork: true,
        getStatus: omniStatus,
        getAgentWorks: openWorks,
        setStatus: request.params.statusId === AGENT.omniOnline.statusId ? AGENT.omniOnline : AGENT.omniBusy
    };
    broadcast('Relay_Omni__c', {
        kind: 'response',
        requestId: request.requestId,
        ok: true,
        result: results[request.action] ?? true
    });
}

const omniEvent = (name: string, detail: Record<string, unknown>): void =>
    broadcast('Relay_Omni__c', { kind: 'event', name, detail });
const sentToOmni = (action: string): Array<Record<string, string>> =>
    omniRequests.filter((r) => r.action === action).map((r) => r.params);

// ----- the event stream

let deliverEvent: (message: unknown) => void;
let failStream: (error: unknown) => void;

/** Lets the Apex promises, the store and LWC's re-render all finish. */
async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.resolve();
}

type Panel = HTMLElement & {
    showOnQueueToggle?: boolean;
    openTabOnPickUp?: boolean;
    recordId?: string;
    objectApiName?: string;
};

async function mount(
    views: RelayInteractionView[],
    props: Partial<Panel> = {},
    owed: RelayInteractionView[] = []
): Promise<Panel> {
    jest.mocked(syncInteractions).mockResolvedValue(views);
    jest.mocked(syncOwedWrapUps).mockResolvedValue(owed);
    const element = createElement('c-relay-work-item-panel', { is: RelayWorkItemPanel }) as Panel;
    Object.assign(element, props);
    document.body.appendChild(element);
    await settle();
    return element;
}

const root = (element: HTMLElement): ShadowRoot => element.shadowRoot!;
const rowOf = (element: HTMLElement, key: string): HTMLElement | null =>
    Array.from(root(element).querySelectorAll<HTMLElement>('li[data-key]')).find((li) => li.dataset.key === key) ??
    null;
const textIn = (scope: ParentNode | null, id: string): string =>
    scope?.querySelector(`[data-id="${id}"]`)?.textContent?.trim() ?? '';
const buttonsIn = (row: HTMLElement | null): string[] =>
    Array.from(row?.querySelectorAll<HTMLElement & { label: string }>('lightning-button') ?? []).map((b) => b.label);

async function click(row: HTMLElement | null, id: string): Promise<void> {
    row!.querySelector<HTMLElement>(`[data-id="${id}"]`)!.click();
    await settle();
}

beforeEach(() => {
    jest.spyOn(Date, 'now').mockReturnValue(T0 + 12_000);
    channels = new Map();
    omniRequests = [];
    omniStatus = AGENT.omniBusy;
    openWorks = [];
    jest.mocked(createMessageContext).mockReturnValue({});
    jest.mocked(subscribe).mockImplementation((_context, channel, listener) => {
        const listeners = channels.get(channel) ?? new Set<Listener>();
        listeners.add(listener);
        channels.set(channel, listeners);
        return { channel, listener } as unknown as MessageSubscription;
    });
    jest.mocked(unsubscribe).mockImplementation((subscription) => {
        const { channel, listener } = subscription as unknown as { channel: unknown; listener: Listener };
        channels.get(channel)?.delete(listener);
    });
    jest.mocked(publish).mockImplementation((_context, channel, message) => broadcast(channel, message));
    subscribe({}, 'Relay_Omni__c' as never, omniRelay);

    jest.mocked(empSubscribe).mockImplementation((_channel, _replay, onMessage) => {
        deliverEvent = onMessage as (message: unknown) => void;
        return Promise.resolve({ id: 'sub-1', channel: '/event/Relay_Conversation_Event__e' } as EmpSubscription);
    });
    jest.mocked(empUnsubscribe).mockResolvedValue(true);
    jest.mocked(onError).mockImplementation((listener) => {
        failStream = listener;
    });
    jest.mocked(openTab).mockResolvedValue('tab-ana');
    jest.mocked(closeTab).mockResolvedValue(true);
    jest.mocked(getAllTabInfo).mockResolvedValue([] as TabInfo[]);

    jest.mocked(getAgentStatus).mockResolvedValue(AGENT.offQueue as RelayAgentStatus);
    jest.mocked(setOnQueue).mockImplementation((params) =>
        Promise.resolve((params?.onQueue ? AGENT.onQueue : AGENT.offQueue) as RelayAgentStatus)
    );
    jest.mocked(pickUp).mockResolvedValue(view('connected'));
    jest.mocked(disconnect).mockResolvedValue(view('wrapUp'));
    jest.mocked(getWrapUpCodes).mockResolvedValue([{ id: 'code-resolved', name: 'Resolved' }]);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.restoreAllMocks();
    jest.resetAllMocks();
});

describe('c-relay-work-item-panel', () => {
    it('shows each conversation with its channel, customer, queue, state and how long it has lasted', async () => {
        const element = await mount([view('chat'), view('alerting')]);
        const keys = Array.from(root(element).querySelectorAll<HTMLElement>('li[data-key]')).map(
            (li) => li.dataset.key
        );
        expect(keys).toEqual([ANA, CHAT]);
        const alert = rowOf(element, ANA);
        expect(textIn(alert, 'channel')).toBe('c.Relay_Channel_WhatsApp');
        expect(alert!.querySelector<HTMLElement & { iconName: string }>('lightning-icon')!.iconName).toBe(
            'standard:whatsapp'
        );
        expect(textIn(alert, 'customer')).toBe('Ana García');
        expect(textIn(alert, 'queue')).toBe('Queue: Support');
        expect(textIn(alert, 'state')).toBe('c.Relay_WorkItem_State_Alerting');
        expect(textIn(alert, 'elapsed')).toBe('Elapsed time: 0:12');
        expect(textIn(alert, 'countdown')).toBe('Answer within 0:18');
        expect(buttonsIn(alert)).toEqual(['c.Relay_WorkItem_PickUp']);
        const chat = rowOf(element, CHAT);
        expect(textIn(chat, 'customer')).toBe('visitor-17');
        expect(textIn(chat, 'elapsed')).toBe('Elapsed time: 10:02');
        expect(buttonsIn(chat)).toEqual(['c.Relay_WorkItem_Transfer', 'c.Relay_WorkItem_Disconnect']);
        expect(syncInteractions).toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('says there is nothing to do, with the agent Off Queue, when there are no conversations', async () => {
        const element = await mount([]);
        expect(textIn(root(element), 'empty')).toBe('c.Relay_WorkItem_Empty');
        const toggle = root(element).querySelector<HTMLElement & { checked: boolean; disabled: boolean }>(
            '[data-id="queue-toggle"]'
        )!;
        expect(toggle.checked).toBe(false);
        expect(toggle.disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('turns the alert countdown urgent in its last seconds', async () => {
        jest.spyOn(Date, 'now').mockReturnValue(T0 + 25_000);
        const element = await mount([view('alerting')]);
        const countdown = rowOf(element, ANA)!.querySelector('[data-id="countdown"]')!;
        expect(countdown.textContent).toBe('Answer within 0:05');
        expect(countdown.className).toContain('slds-text-color_error');
    });

    it('picks up an alert with one Apex call, accepts the Omni-Channel work item and opens the conversation in a tab', async () => {
        const element = await mount([view('alerting')]);
        await click(rowOf(element, ANA), 'pick-up');
        expect(pickUp).toHaveBeenCalledTimes(1);
        expect(pickUp).toHaveBeenCalledWith({ interactionId: 'a01ANA' });
        expect(sentToOmni('acceptWork')).toEqual([{ workId: '0BzANA' }]);
        expect(openTab).toHaveBeenCalledWith({ recordId: 'a01ANA', focus: true });
        const row = rowOf(element, ANA);
        expect(textIn(row, 'state')).toBe('c.Relay_WorkItem_State_Connected');
        expect(buttonsIn(row)).toEqual(['c.Relay_WorkItem_Transfer', 'c.Relay_WorkItem_Disconnect']);
    });

    it('opens no tab on Pick Up when the admin turned that off, and still closes the one Omni-Channel opened', async () => {
        const element = await mount([view('alerting')], { openTabOnPickUp: false });
        jest.mocked(getAllTabInfo).mockResolvedValue([
            {
                tabId: 'ws-account',
                recordId: '001ACC',
                subtabs: [{ tabId: 'sub-ana', recordId: 'a01ANA', subtabs: [] }]
            }
        ] as unknown as TabInfo[]);
        await click(rowOf(element, ANA), 'pick-up');
        expect(sentToOmni('acceptWork')).toHaveLength(1);
        expect(openTab).not.toHaveBeenCalled();
        await click(rowOf(element, ANA), 'disconnect');
        expect(closeTab).toHaveBeenCalledWith('sub-ana');
        expect(closeTab).toHaveBeenCalledTimes(1);
    });

    it('shows why Pick Up failed in a live region the agent can dismiss, and keeps the alert', async () => {
        jest.mocked(pickUp).mockRejectedValueOnce({
            body: { message: 'This conversation is no longer waiting to be picked up.' }
        });
        const element = await mount([view('alerting')]);
        await click(rowOf(element, ANA), 'pick-up');
        const errors = root(element).querySelector('[data-id="errors"]')!;
        expect(errors.getAttribute('aria-live')).toBe('assertive');
        expect(errors.textContent).toContain('This conversation is no longer waiting to be picked up.');
        expect(buttonsIn(rowOf(element, ANA))).toEqual(['c.Relay_WorkItem_PickUp']);
        await expect(element).toBeAccessible();
        errors.querySelector<HTMLElement>('lightning-button')!.click();
        await settle();
        expect(errors.textContent).toBe('');
    });

    it('disconnects once, closes the work item and the tab, and moves the focus into the wrap-up that opens', async () => {
        openWorks = [{ workId: '0BzANA', workItemId: 'a01ANA', isEngaged: true }];
        const element = await mount([view('connected')]);
        await click(rowOf(element, ANA), 'disconnect');
        expect(disconnect).toHaveBeenCalledTimes(1);
        expect(disconnect).toHaveBeenCalledWith({ interactionId: 'a01ANA' });
        expect(sentToOmni('closeWork')).toEqual([{ workId: '0BzANA' }]);
        const row = rowOf(element, ANA);
        expect(textIn(row, 'state')).toBe('c.Relay_WorkItem_State_WrapUp');
        const picker = row!.querySelector<HTMLElement & { interaction: unknown }>('c-relay-wrap-up-picker')!;
        expect(picker.interaction).toEqual({
            id: 'a01ANA',
            customerName: 'Ana García',
            wrapUpStartedAt: '2026-11-21T12:05:00.000Z',
            wrapUpTimeoutMs: 120000,
            optional: false
        });
        expect(root(element).activeElement).toBe(picker);
        expect(picker.shadowRoot!.activeElement).toBe(picker.shadowRoot!.querySelector('[data-id="heading"]'));
        await expect(element).toBeAccessible();
    });

    it('opens the wrap-up the agent owes on a conversation another agent took over, named by the agent’s own record', async () => {
        const element = await mount([], {}, [view('wrapUp', { id: 'a05OWED' })]);
        expect(syncInteractions).toHaveBeenCalled();
        expect(syncOwedWrapUps).toHaveBeenCalled();
        const picker = rowOf(element, ANA)!.querySelector<HTMLElement & { interaction: { id: string } }>(
            'c-relay-wrap-up-picker'
        );
        expect(picker?.interaction.id).toBe('a05OWED');
        await expect(element).toBeAccessible();
    });

    it('leaves the focus where the agent is typing when a wrap-up opens because the customer left', async () => {
        const composer = document.createElement('textarea');
        document.body.appendChild(composer);
        const element = await mount([view('connected')]);
        composer.focus();
        jest.mocked(syncInteractions).mockResolvedValue([view('wrapUp')]);
        deliverEvent(EVENTS.customerLeft);
        await settle();
        expect(rowOf(element, ANA)!.querySelector('c-relay-wrap-up-picker')).not.toBeNull();
        expect(document.activeElement).toBe(composer);
    });

    it('finishes the conversation when the wrap-up is delivered and gives the focus back to the panel', async () => {
        const element = await mount([view('wrapUp')]);
        const picker = rowOf(element, ANA)!.querySelector<HTMLElement>('c-relay-wrap-up-picker')!;
        const outcome: WrapUpOutcome = {
            interactionId: 'a01ANA',
            status: 'Submitted',
            codeId: 'code-resolved',
            onQueue: true
        };
        picker.dispatchEvent(new CustomEvent('wrapupcomplete', { detail: outcome }));
        await settle();
        expect(rowOf(element, ANA)).toBeNull();
        expect(textIn(root(element), 'empty')).toBe('c.Relay_WorkItem_Empty');
        expect(root(element).activeElement).toBe(root(element).querySelector('[data-id="heading"]'));
        const toggle = root(element).querySelector<HTMLElement & { checked: boolean }>('[data-id="queue-toggle"]')!;
        expect(toggle.checked).toBe(true);
    });

    it('shows a wrap-up Relay holds for retry with its message', async () => {
        const element = await mount([view('wrapUp')]);
        const picker = rowOf(element, ANA)!.querySelector<HTMLElement>('c-relay-wrap-up-picker')!;
        const message = 'Your wrap-up is saved and will be sent to Genesys Cloud as soon as it is reachable.';
        picker.dispatchEvent(
            new CustomEvent('wrapupcomplete', {
                detail: { interactionId: 'a01ANA', status: 'Pending', codeId: 'code-resolved', message }
            })
        );
        await settle();
        const row = rowOf(element, ANA);
        expect(textIn(row, 'state')).toBe('c.Relay_WorkItem_State_WrapUpPending');
        expect(textIn(row, 'message')).toBe(message);
        expect(row!.querySelector('c-relay-wrap-up-picker')).toBeNull();
        expect(buttonsIn(row)).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows why a wrap-up could not be delivered until the agent dismisses it', async () => {
        const element = await mount([view('wrapUp')]);
        const picker = rowOf(element, ANA)!.querySelector<HTMLElement>('c-relay-wrap-up-picker')!;
        const message = 'Your wrap-up couldn’t be delivered to Genesys Cloud. It is kept in Salesforce for your admin.';
        picker.dispatchEvent(
            new CustomEvent('wrapupcomplete', {
                detail: { interactionId: 'a01ANA', status: 'Failed', codeId: 'code-resolved', message }
            })
        );
        await settle();
        const row = rowOf(element, ANA);
        expect(textIn(row, 'state')).toBe('c.Relay_WorkItem_State_WrapUpFailed');
        expect(textIn(row, 'message')).toBe(message);
        expect(buttonsIn(row)).toEqual(['c.Relay_WorkItem_Dismiss']);
        await expect(element).toBeAccessible();
        await click(row, 'dismiss');
        expect(rowOf(element, ANA)).toBeNull();
    });

    it('ends the conversation once when the agent closes its tab', async () => {
        const element = await mount([view('alerting')]);
        await click(rowOf(element, ANA), 'pick-up');
        broadcast('lightning__tabClosed', { tabId: 'tab-ana' });
        broadcast('lightning__tabClosed', { tabId: 'tab-ana' });
        broadcast('lightning__tabClosed', { nothing: true });
        await settle();
        expect(disconnect).toHaveBeenCalledTimes(1);
        expect(disconnect).toHaveBeenCalledWith({ interactionId: 'a01ANA' });
        expect(closeTab).not.toHaveBeenCalled();
    });

    it('ends the conversation when the agent closes the work item in Omni-Channel', async () => {
        const element = await mount([view('connected')]);
        omniEvent('workClosed', { workId: '0BzANA', workItemId: 'a01ANA' });
        await settle();
        expect(disconnect).toHaveBeenCalledTimes(1);
        expect(textIn(rowOf(element, ANA), 'state')).toBe('c.Relay_WorkItem_State_WrapUp');
    });

    it('closes the work item and the tab when the contact centre reports the customer left', async () => {
        const element = await mount([view('alerting')]);
        await click(rowOf(element, ANA), 'pick-up');
        jest.mocked(syncInteractions).mockResolvedValue([view('wrapUp')]);
        deliverEvent(EVENTS.customerLeft);
        await settle();
        expect(disconnect).not.toHaveBeenCalled();
        expect(sentToOmni('closeWork')).toEqual([{ workId: '0BzANA' }]);
        expect(closeTab).toHaveBeenCalledWith('tab-ana');
        expect(textIn(rowOf(element, ANA), 'state')).toBe('c.Relay_WorkItem_State_WrapUp');
    });

    it('shows Transferring… until an agent in the other queue accepts, then closes the work item by itself', async () => {
        openWorks = [{ workId: '0BzCHAT', workItemId: 'a01CHAT', isEngaged: true }];
        const element = await mount([view('chat')]);
        Modal.open.mockResolvedValue({
            queue: { id: 'q-billing', name: 'Billing' },
            interaction: view('chatTransferring')
        });
        await click(rowOf(element, CHAT), 'transfer');
        expect(Modal.open).toHaveBeenCalledWith({
            interaction: { id: 'a01CHAT', customerName: 'visitor-17' },
            route: CONTACT_CENTRE_ROUTE,
            size: 'small',
            label: 'c.Relay_TransferDialog_Title'
        });
        const row = rowOf(element, CHAT);
        expect(textIn(row, 'state')).toBe('c.Relay_WorkItem_Transferring');
        expect(buttonsIn(row)).toEqual([]);
        jest.mocked(syncInteractions).mockResolvedValue([]);
        deliverEvent(EVENTS.chatTransferAccepted);
        await settle();
        expect(rowOf(element, CHAT)).toBeNull();
        expect(sentToOmni('closeWork')).toEqual([{ workId: '0BzCHAT' }]);
    });

    it('sends a message on behalf of a queue while Off Queue: the conversation started is listed and opens in front', async () => {
        const element = await mount([]);
        const button = root(element).querySelector<HTMLElement & { label: string }>('[data-id="send-message"]')!;
        expect(button.label).toBe('c.Relay_Message_Open');
        Modal.open.mockResolvedValueOnce({ conversationId: 'conv-ana' });
        jest.mocked(syncInteractions).mockResolvedValue([view('alerting', { state: 'connected' })]);
        button.click();
        await settle();
        await settle();
        expect(Modal.open).toHaveBeenCalledWith({ size: 'small', label: 'c.Relay_Message_Open' });
        expect(setOnQueue).not.toHaveBeenCalled();
        expect(textIn(rowOf(element, ANA), 'state')).toBe('c.Relay_WorkItem_State_Connected');
        expect(openTab).toHaveBeenCalledWith({ recordId: 'a01ANA', focus: true });
    });

    it('changes nothing when Send message is cancelled', async () => {
        const element = await mount([]);
        jest.mocked(syncInteractions).mockClear();
        Modal.open.mockResolvedValueOnce(undefined);
        root(element).querySelector<HTMLElement>('[data-id="send-message"]')!.click();
        await settle();
        expect(syncInteractions).not.toHaveBeenCalled();
        expect(textIn(root(element), 'empty')).toBe('c.Relay_WorkItem_Empty');
    });

    it('holds the conversation’s buttons while the transfer dialog is open, and gives them back when it is cancelled', async () => {
        let answer: (outcome: undefined) => void = () => undefined;
        Modal.open.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        const element = await mount([view('chat')]);
        await click(rowOf(element, CHAT), 'transfer');
        expect(buttonsIn(rowOf(element, CHAT))).toEqual([]);
        answer(undefined);
        await settle();
        expect(buttonsIn(rowOf(element, CHAT))).toEqual(['c.Relay_WorkItem_Transfer', 'c.Relay_WorkItem_Disconnect']);
        expect(textIn(rowOf(element, CHAT), 'state')).toBe('c.Relay_WorkItem_State_Connected');
    });

    it('follows Omni-Channel going Online, and going Off Queue from the toggle puts Omni-Channel back to Busy', async () => {
        const element = await mount([]);
        omniEvent('statusChanged', { ...AGENT.omniOnline, reason: null });
        await settle();
        expect(setOnQueue).toHaveBeenCalledWith({ onQueue: true });
        const toggle = root(element).querySelector<HTMLElement & { checked: boolean }>('[data-id="queue-toggle"]')!;
        expect(toggle.checked).toBe(true);
        toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
        await settle();
        expect(setOnQueue).toHaveBeenLastCalledWith({ onQueue: false });
        expect(sentToOmni('setStatus')).toEqual([{ statusId: AGENT.omniBusy.statusId }]);
        expect(toggle.checked).toBe(false);
    });

    it('shows only the page’s conversation on a Relay interaction record page, and all of them elsewhere', async () => {
        const onInteraction = await mount([view('alerting'), view('chat')], {
            recordId: 'a01CHAT',
            objectApiName: 'Relay_Interaction__c'
        });
        expect(
            Array.from(root(onInteraction).querySelectorAll<HTMLElement>('li[data-key]')).map((li) => li.dataset.key)
        ).toEqual([CHAT]);
        // Only that conversation's controls: no second heading, queue status or empty list beside the utility's.
        expect(root(onInteraction).querySelector('[data-id="heading"]')).toBeNull();
        expect(root(onInteraction).querySelector('[data-id="queue-toggle"]')).toBeNull();
        await expect(onInteraction).toBeAccessible();
        const onEndedInteraction = createElement('c-relay-work-item-panel', { is: RelayWorkItemPanel }) as Panel;
        Object.assign(onEndedInteraction, { recordId: 'a01GONE', objectApiName: 'Relay_Interaction__c' });
        document.body.appendChild(onEndedInteraction);
        await settle();
        expect(root(onEndedInteraction).querySelector('article')).toBeNull();
        const onAccount = createElement('c-relay-work-item-panel', { is: RelayWorkItemPanel }) as Panel;
        Object.assign(onAccount, { recordId: '001ACC', objectApiName: 'Account' });
        document.body.appendChild(onAccount);
        await settle();
        expect(root(onAccount).querySelectorAll('li[data-key]')).toHaveLength(2);
    });

    it('moves the focus into the wrap-up only in the panel where the agent disconnected', async () => {
        const utilityBar = await mount([view('connected')]);
        const recordPage = createElement('c-relay-work-item-panel', { is: RelayWorkItemPanel }) as Panel;
        Object.assign(recordPage, { recordId: 'a01ANA', objectApiName: 'Relay_Interaction__c' });
        document.body.appendChild(recordPage);
        await settle();
        await click(rowOf(recordPage, ANA), 'disconnect');
        const picker = rowOf(recordPage, ANA)!.querySelector('c-relay-wrap-up-picker');
        expect(root(recordPage).activeElement).toBe(picker);
        expect(root(utilityBar).activeElement).toBeNull();
        expect(rowOf(utilityBar, ANA)!.querySelector('c-relay-wrap-up-picker')).not.toBeNull();
    });

    it('going On Queue from the toggle puts Omni-Channel Online by the status id Relay reports', async () => {
        jest.mocked(setOnQueue).mockResolvedValueOnce({ ...AGENT.onQueue, omniStatusId: AGENT.omniOnline.statusId });
        const element = await mount([]);
        const toggle = root(element).querySelector<HTMLElement & { checked: boolean }>('[data-id="queue-toggle"]')!;
        toggle.checked = true;
        toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        await settle();
        expect(setOnQueue).toHaveBeenCalledWith({ onQueue: true });
        // Omni-Channel had reported only Busy: the Online id came from Relay's status.
        expect(sentToOmni('setStatus')).toEqual([{ statusId: AGENT.omniOnline.statusId }]);
        expect(toggle.checked).toBe(true);
    });

    it('puts the toggle back Off Queue and says why when going On Queue fails', async () => {
        jest.mocked(setOnQueue).mockRejectedValueOnce({
            body: { message: 'Relay is not configured: ask your admin.' }
        });
        const element = await mount([]);
        const toggle = root(element).querySelector<HTMLElement & { checked: boolean }>('[data-id="queue-toggle"]')!;
        toggle.checked = true; // what the base toggle does by itself when clicked
        toggle.dispatchEvent(new CustomEvent('change', { detail: { checked: true } }));
        await settle();
        expect(setOnQueue).toHaveBeenCalledWith({ onQueue: true });
        expect(toggle.checked).toBe(false);
        expect(textIn(root(element), 'errors')).toBe('Relay is not configured: ask your admin.');
        expect(sentToOmni('setStatus')).toEqual([]);
    });

    it('hides the On Queue toggle when the admin turned it off', async () => {
        const element = await mount([], { showOnQueueToggle: false });
        expect(root(element).querySelector('[data-id="queue-toggle"]')).toBeNull();
    });

    it('says so while live updates are interrupted', async () => {
        const element = await mount([]);
        expect(textIn(root(element), 'reconnecting')).toBe('');
        failStream({ error: '403::Unknown client' });
        await settle();
        const notices = root(element).querySelector('[data-id="notices"]')!;
        expect(notices.getAttribute('aria-live')).toBe('polite');
        expect(textIn(notices, 'reconnecting')).toBe('c.Relay_WorkItem_Reconnecting');
        await expect(element).toBeAccessible();
    });

    it('shares one set of subscriptions between two panels, so each event is acted on once', async () => {
        const first = await mount([view('connected')]);
        const second = createElement('c-relay-work-item-panel', { is: RelayWorkItemPanel });
        document.body.appendChild(second);
        await settle();
        expect(empSubscribe).toHaveBeenCalledTimes(1);
        expect(textIn(rowOf(second, ANA), 'customer')).toBe('Ana García');
        omniEvent('workClosed', { workId: '0BzANA', workItemId: 'a01ANA' });
        await settle();
        expect(disconnect).toHaveBeenCalledTimes(1);
        document.body.removeChild(second);
        expect(empUnsubscribe).not.toHaveBeenCalled();
        document.body.removeChild(first);
        expect(empUnsubscribe).toHaveBeenCalledTimes(1);
    });
});
