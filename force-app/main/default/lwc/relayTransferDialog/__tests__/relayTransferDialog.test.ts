/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import LightningModal from 'lightning/modal';
import RelayTransferDialog, { SEARCH_DELAY_MS } from 'c/relayTransferDialog';
import type { TransferRoute } from 'c/relayTransferDialog';
import getTransferQueues from '@salesforce/apex/RelayTransferController.getTransferQueues';
import transfer from '@salesforce/apex/RelayTransferController.transfer';
import getDigitalQueues from '@salesforce/apex/RelayInboxController.getDigitalQueues';
import transferToQueue from '@salesforce/apex/RelayInboxController.transferToQueue';
import type { RelayInteractionView, RelayQueueView } from 'c/relayWorkItemStore';
import type { RelayInboxItemView } from 'c/relayInboxStore';
// The callers' routes, so these tests see what the agent sees from each caller, down to the Apex calls.
import { CONTACT_CENTRE_ROUTE } from '../../relayWorkItemPanel/transferRoute';
import { DIGITAL_QUEUE_ROUTE } from '../../relayInteractionView/transferRoute';
import QUEUES from './data/queues.json';
import INTERACTION from './data/interaction.json';
import DIGITAL from './data/digitalQueues.json';

jest.mock('@salesforce/apex/RelayTransferController.getTransferQueues', () => ({ default: jest.fn() }), {
    virtual: true
});
jest.mock('@salesforce/apex/RelayTransferController.transfer', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.getDigitalQueues', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.transferToQueue', () => ({ default: jest.fn() }), { virtual: true });
// lightning/modal is jest-mocks/lightning/modal.js (jest.config.js): it records open, close and disableClose.

const Modal = LightningModal as unknown as { closed: jest.Mock; closeLocks: jest.Mock };
const search = jest.mocked(getTransferQueues);
const transferCall = jest.mocked(transfer);
const digitalQueues = jest.mocked(getDigitalQueues);
const transferToQueueCall = jest.mocked(transferToQueue);
const TRANSFERRED = INTERACTION.transferred as RelayInteractionView;
const DIGITAL_TRANSFERRED = DIGITAL.transferred as RelayInboxItemView;
const [SUPPORT, TEATIME] = DIGITAL.queues;

type Dialog = HTMLElement & {
    interaction?: { id: string; customerName?: string | null };
    route?: TransferRoute<unknown>;
};
interface BaseInput extends HTMLElement {
    value?: string;
    label?: string;
    disabled?: boolean;
    options?: Array<{ label: string; value: string }>;
}

async function settle(): Promise<void> {
    // A few microtask turns: the Apex promise, the route's and the component's own awaits, then LWC's re-render.
    await Promise.resolve().then().then().then().then().then().then();
}

async function open(
    route: TransferRoute<unknown> = CONTACT_CENTRE_ROUTE,
    interaction: { id: string; customerName?: string | null } = INTERACTION
): Promise<Dialog> {
    const element = createElement('c-relay-transfer-dialog', { is: RelayTransferDialog }) as Dialog;
    element.interaction = { id: interaction.id, customerName: interaction.customerName };
    element.route = route;
    document.body.appendChild(element);
    await settle();
    return element;
}

const find = (element: HTMLElement, id: string): BaseInput | null =>
    element.shadowRoot!.querySelector<BaseInput>(`[data-id="${id}"]`);
const text = (element: HTMLElement, id: string): string => find(element, id)?.textContent?.trim() ?? '';
const queueNames = (element: HTMLElement): string[] => (find(element, 'queues')?.options ?? []).map((o) => o.label);

function type(element: HTMLElement, value: string): void {
    const input = find(element, 'search')!;
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function choose(element: HTMLElement, queueId: string): Promise<void> {
    find(element, 'queues')!.dispatchEvent(new CustomEvent('change', { detail: { value: queueId } }));
    await settle();
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.resetAllMocks();
});

describe('c-relay-transfer-dialog to a contact-centre queue (work-item panel)', () => {
    beforeEach(() => {
        search.mockImplementation((params) => Promise.resolve(params?.searchTerm === 'sup' ? QUEUES.sup : QUEUES.all));
    });

    it('lists the queues when it opens and keeps Transfer disabled until a queue is chosen', async () => {
        const element = await open();
        expect(search).toHaveBeenCalledWith({ searchTerm: null });
        expect(queueNames(element)).toEqual(['Billing', 'Sales', 'Support']);
        expect(text(element, 'intro')).toBe('c.Relay_TransferDialog_Intro');
        expect(find(element, 'search')!.label).toBe('c.Relay_TransferDialog_Search');
        expect(find(element, 'transfer')!.disabled).toBe(true);
        await expect(element).toBeAccessible();
        await choose(element, 'q-billing');
        expect(find(element, 'transfer')!.disabled).toBe(false);
    });

    it('searches the queues once the agent stops typing', async () => {
        jest.useFakeTimers();
        const element = await open();
        search.mockClear();
        type(element, 's');
        type(element, 'su');
        type(element, 'sup');
        jest.advanceTimersByTime(SEARCH_DELAY_MS - 1);
        expect(search).not.toHaveBeenCalled();
        jest.advanceTimersByTime(1);
        await settle();
        expect(search).toHaveBeenCalledTimes(1);
        expect(search).toHaveBeenCalledWith({ searchTerm: 'sup' });
        expect(queueNames(element)).toEqual(['Support']);
    });

    it('searches at once when the agent presses Enter in the search field', async () => {
        const element = await open();
        search.mockClear();
        type(element, 'sup');
        find(element, 'search')!.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
        find(element, 'search')!.dispatchEvent(new KeyboardEvent('keyup', { key: 'p' }));
        await settle();
        expect(search).toHaveBeenCalledTimes(1);
        expect(queueNames(element)).toEqual(['Support']);
    });

    it('shows only the answer to the latest search', async () => {
        const answers: Array<(queues: RelayQueueView[]) => void> = [];
        const element = await open();
        search.mockImplementation(() => new Promise((resolve) => answers.push(resolve)));
        type(element, 'bill');
        find(element, 'search')!.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
        type(element, 'sup');
        find(element, 'search')!.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
        expect(text(element, 'status')).toBe('');
        await settle();
        expect(text(element, 'status')).toBe('c.Relay_TransferDialog_Loading');
        answers[1](QUEUES.sup);
        answers[0]([{ id: 'q-billing', name: 'Billing' }]);
        await settle();
        expect(queueNames(element)).toEqual(['Support']);
        expect(text(element, 'status')).toBe('');
    });

    it('keeps the chosen queue listed while the agent searches for another', async () => {
        const element = await open();
        await choose(element, 'q-billing');
        type(element, 'sup');
        find(element, 'search')!.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
        await settle();
        expect(queueNames(element)).toEqual(['Billing', 'Support']);
        expect(find(element, 'queues')!.value).toBe('q-billing');
    });

    it('transfers in one call and closes with the queue and the interaction', async () => {
        let answer: (view: RelayInteractionView) => void = () => undefined;
        transferCall.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        const element = await open();
        await choose(element, 'q-support');
        find(element, 'transfer')!.click();
        await settle();
        expect(find(element, 'transfer')!.label).toBe('c.Relay_WorkItem_Transferring');
        expect(find(element, 'transfer')!.disabled).toBe(true);
        expect(find(element, 'cancel')!.disabled).toBe(true);
        // The agent cannot close the dialog while the transfer is on its way.
        expect(Modal.closeLocks.mock.calls).toEqual([[true]]);
        find(element, 'transfer')!.click();
        answer(TRANSFERRED);
        await settle();
        expect(transferCall).toHaveBeenCalledTimes(1);
        expect(transferCall).toHaveBeenCalledWith({ interactionId: 'a01ANA', queueId: 'q-support' });
        expect(Modal.closed).toHaveBeenCalledWith({
            queue: { id: 'q-support', name: 'Support' },
            interaction: TRANSFERRED
        });
        expect(Modal.closeLocks.mock.calls).toEqual([[true], [false]]);
    });

    it('stays open with the reason and the chosen queue when the transfer fails', async () => {
        transferCall.mockRejectedValueOnce({ body: { message: 'That queue no longer exists in Genesys Cloud.' } });
        const element = await open();
        await choose(element, 'q-sales');
        find(element, 'transfer')!.click();
        await settle();
        expect(Modal.closed).not.toHaveBeenCalled();
        expect(text(element, 'error')).toBe('That queue no longer exists in Genesys Cloud.');
        expect(find(element, 'queues')!.value).toBe('q-sales');
        expect(find(element, 'transfer')!.disabled).toBe(false);
        expect(Modal.closeLocks.mock.calls).toEqual([[true], [false]]);
        await expect(element).toBeAccessible();
        await choose(element, 'q-support');
        expect(text(element, 'error')).toBe('');
    });

    it('says when no queue matches the search', async () => {
        search.mockResolvedValue([]);
        const element = await open();
        expect(find(element, 'queues')).toBeNull();
        expect(text(element, 'status')).toBe('c.Relay_TransferDialog_NoMatch');
        await expect(element).toBeAccessible();
    });

    it('says why the queues could not be loaded and lets the agent try again', async () => {
        search.mockRejectedValueOnce({ body: { message: 'The contact centre isn’t responding right now.' } });
        const element = await open();
        expect(text(element, 'error')).toBe('The contact centre isn’t responding right now.');
        expect(text(element, 'status')).toBe('');
        await expect(element).toBeAccessible();
        find(element, 'retry')!.click();
        await settle();
        expect(queueNames(element)).toEqual(['Billing', 'Sales', 'Support']);
        expect(text(element, 'error')).toBe('');
        expect(find(element, 'retry')).toBeNull();
    });

    it('closes without transferring when the agent cancels', async () => {
        const element = await open();
        find(element, 'cancel')!.click();
        await settle();
        expect(Modal.closed).toHaveBeenCalledWith(undefined);
        expect(transferCall).not.toHaveBeenCalled();
    });
});

describe('c-relay-transfer-dialog to a digital queue (interaction view)', () => {
    const openDigital = (): Promise<Dialog> => open(DIGITAL_QUEUE_ROUTE, DIGITAL.interaction);

    beforeEach(() => {
        digitalQueues.mockResolvedValue(DIGITAL.queues);
    });

    it('lists the digital queues to choose from, with no search field and Transfer waiting for a choice', async () => {
        const element = await openDigital();

        expect(digitalQueues).toHaveBeenCalledTimes(1);
        expect(find(element, 'queues')!.options).toEqual([
            { label: 'Support', value: SUPPORT.id },
            { label: 'Teatime', value: TEATIME.id }
        ]);
        expect(text(element, 'intro')).toBe('c.Relay_InboxTransfer_Intro');
        expect(find(element, 'search')).toBeNull();
        expect(find(element, 'transfer')!.disabled).toBe(true);
        expect(search).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('transfers to the chosen queue and closes with the queue and the interaction as it is now', async () => {
        transferToQueueCall.mockResolvedValue(DIGITAL_TRANSFERRED);
        const element = await openDigital();
        await choose(element, TEATIME.id);
        expect(find(element, 'transfer')!.disabled).toBe(false);

        find(element, 'transfer')!.click();
        await settle();

        expect(transferToQueueCall).toHaveBeenCalledWith({
            interactionId: DIGITAL.interaction.id,
            queueId: TEATIME.id
        });
        expect(transferCall).not.toHaveBeenCalled();
        expect(Modal.closed).toHaveBeenCalledWith({ queue: TEATIME, item: DIGITAL_TRANSFERRED });
    });

    it('cannot be closed (Escape, the close button) while the transfer is on its way', async () => {
        let finish!: (item: RelayInboxItemView) => void;
        transferToQueueCall.mockReturnValue(new Promise((resolve) => (finish = resolve)));
        const element = await openDigital();
        await choose(element, TEATIME.id);

        find(element, 'transfer')!.click();
        await settle();
        expect(Modal.closeLocks.mock.calls).toEqual([[true]]);
        expect(find(element, 'cancel')!.disabled).toBe(true);
        expect(text(element, 'status')).toBe('c.Relay_WorkItem_Transferring');

        finish(DIGITAL_TRANSFERRED);
        await settle();
        expect(Modal.closeLocks.mock.calls).toEqual([[true], [false]]);
        expect(Modal.closed).toHaveBeenCalledTimes(1);
    });

    it('stays open with the reason and the queue still chosen when the transfer is refused', async () => {
        transferToQueueCall.mockRejectedValue({ body: { message: 'Teatime does not take Instagram interactions.' } });
        const element = await openDigital();
        await choose(element, TEATIME.id);

        find(element, 'transfer')!.click();
        await settle();

        expect(text(element, 'error')).toBe('Teatime does not take Instagram interactions.');
        expect(find(element, 'queues')!.value).toBe(TEATIME.id);
        expect(Modal.closed).not.toHaveBeenCalled();
        expect(Modal.closeLocks.mock.calls.at(-1)).toEqual([false]);
        await expect(element).toBeAccessible();
    });

    it('closes with nothing on Cancel', async () => {
        const element = await openDigital();
        find(element, 'cancel')!.click();
        await settle();
        expect(Modal.closed).toHaveBeenCalledWith(undefined);
        expect(transferToQueueCall).not.toHaveBeenCalled();
    });

    it('says when there is no digital queue, and offers a retry when the queues could not be read', async () => {
        digitalQueues.mockResolvedValueOnce([]);
        const empty = await openDigital();
        expect(text(empty, 'status')).toBe('c.Relay_InboxTransfer_None');
        expect(find(empty, 'queues')).toBeNull();

        digitalQueues.mockRejectedValueOnce({ body: { message: 'Relay cannot read the queues.' } });
        const failed = await openDigital();
        expect(text(failed, 'error')).toBe('Relay cannot read the queues.');
        await expect(failed).toBeAccessible();

        find(failed, 'retry')!.click();
        await settle();
        expect(find(failed, 'retry')).toBeNull();
        expect(find(failed, 'queues')!.options).toHaveLength(2);
    });
});
