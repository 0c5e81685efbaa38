/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import LightningModal from 'lightning/modal';
import RelayInboxTransferDialog from 'c/relayInboxTransferDialog';
import getDigitalQueues from '@salesforce/apex/RelayInboxController.getDigitalQueues';
import transferToQueue from '@salesforce/apex/RelayInboxController.transferToQueue';
import type { RelayInboxItemView } from 'c/relayInboxStore';
import DATA from './data/queues.json';

jest.mock('@salesforce/apex/RelayInboxController.getDigitalQueues', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayInboxController.transferToQueue', () => ({ default: jest.fn() }), { virtual: true });
// sfdx-lwc-jest has no lightning/modal: a LightningElement with the modal's close() and its close lock.
jest.mock(
    'lightning/modal',
    () => {
        const { LightningElement } = require('lwc');
        class MockLightningModal extends LightningElement {
            static open = jest.fn();
            static closed = jest.fn();
            /** What the dialog set disableClose to, in order. */
            static closeLocks = jest.fn();
            set disableClose(locked: boolean) {
                MockLightningModal.closeLocks(locked);
            }
            get disableClose(): boolean {
                return MockLightningModal.closeLocks.mock.calls.at(-1)?.[0] === true;
            }
            close(result: unknown): Promise<void> {
                MockLightningModal.closed(result);
                return Promise.resolve();
            }
        }
        return { __esModule: true, default: MockLightningModal };
    },
    { virtual: true }
);

const Modal = LightningModal as unknown as { closed: jest.Mock; closeLocks: jest.Mock };
const queuesMock = jest.mocked(getDigitalQueues);
const transferMock = jest.mocked(transferToQueue);
const TRANSFERRED = DATA.transferred as RelayInboxItemView;
const [SUPPORT, TEATIME] = DATA.queues;

type Dialog = HTMLElement & { interaction?: { id: string; customerName?: string | null } };

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const $ = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);
const text = (node: Element | null): string => node?.textContent?.trim() ?? '';
const prop = <T>(node: HTMLElement | null, name: string): T => (node as unknown as Record<string, T>)[name];

async function open(): Promise<Dialog> {
    const element = createElement('c-relay-inbox-transfer-dialog', { is: RelayInboxTransferDialog }) as Dialog;
    element.interaction = DATA.interaction;
    document.body.appendChild(element);
    await flush();
    return element;
}

async function choose(element: Dialog, queueId: string): Promise<void> {
    $(element, 'queues')!.dispatchEvent(new CustomEvent('change', { detail: { value: queueId } }));
    await flush();
}

beforeEach(() => {
    queuesMock.mockResolvedValue(DATA.queues);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
});

describe('c-relay-inbox-transfer-dialog', () => {
    it('lists the digital queues to choose from, with Transfer waiting for a choice', async () => {
        const element = await open();

        expect(queuesMock).toHaveBeenCalledTimes(1);
        const options = prop<Array<{ label: string; value: string }>>($(element, 'queues'), 'options');
        expect(options).toEqual([
            { label: 'Support', value: SUPPORT.id },
            { label: 'Teatime', value: TEATIME.id }
        ]);
        expect(prop<boolean>($(element, 'transfer'), 'disabled')).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('transfers to the chosen queue and closes with the queue and the interaction as it is now', async () => {
        transferMock.mockResolvedValue(TRANSFERRED);
        const element = await open();
        await choose(element, TEATIME.id);
        expect(prop<boolean>($(element, 'transfer'), 'disabled')).toBe(false);

        $(element, 'transfer')!.click();
        await flush();

        expect(transferMock).toHaveBeenCalledWith({ interactionId: DATA.interaction.id, queueId: TEATIME.id });
        expect(Modal.closed).toHaveBeenCalledWith({ queue: TEATIME, item: TRANSFERRED });
    });

    it('cannot be closed (Escape, the close button) while the transfer is on its way', async () => {
        let finish!: (item: RelayInboxItemView) => void;
        transferMock.mockReturnValue(new Promise((resolve) => (finish = resolve)));
        const element = await open();
        await choose(element, TEATIME.id);

        $(element, 'transfer')!.click();
        await flush();
        expect(Modal.closeLocks.mock.calls).toEqual([[true]]);
        expect(prop<boolean>($(element, 'cancel'), 'disabled')).toBe(true);
        expect(text($(element, 'status'))).toBe('c.Relay_WorkItem_Transferring');

        finish(TRANSFERRED);
        await flush();
        expect(Modal.closeLocks.mock.calls).toEqual([[true], [false]]);
        expect(Modal.closed).toHaveBeenCalledTimes(1);
    });

    it('stays open with the reason and the queue still chosen when the transfer is refused', async () => {
        transferMock.mockRejectedValue({ body: { message: 'Teatime does not take Instagram interactions.' } });
        const element = await open();
        await choose(element, TEATIME.id);

        $(element, 'transfer')!.click();
        await flush();

        expect(text($(element, 'error'))).toBe('Teatime does not take Instagram interactions.');
        expect(prop<string>($(element, 'queues'), 'value')).toBe(TEATIME.id);
        expect(Modal.closed).not.toHaveBeenCalled();
        expect(Modal.closeLocks.mock.calls.at(-1)).toEqual([false]);
        await expect(element).toBeAccessible();
    });

    it('closes with nothing on Cancel', async () => {
        const element = await open();
        $(element, 'cancel')!.click();
        await flush();
        expect(Modal.closed).toHaveBeenCalledWith(undefined);
        expect(transferMock).not.toHaveBeenCalled();
    });

    it('says when there is no digital queue, and offers a retry when the queues could not be read', async () => {
        queuesMock.mockResolvedValueOnce([]);
        const empty = await open();
        expect(text($(empty, 'status'))).toBe('c.Relay_InboxTransfer_None');
        expect($(empty, 'queues')).toBeNull();

        queuesMock.mockRejectedValueOnce({ body: { message: 'Relay cannot read the queues.' } });
        const failed = await open();
        expect(text($(failed, 'error'))).toBe('Relay cannot read the queues.');
        await expect(failed).toBeAccessible();

        $(failed, 'retry')!.click();
        await flush();
        expect($(failed, 'retry')).toBeNull();
        expect(prop<unknown[]>($(failed, 'queues'), 'options')).toHaveLength(2);
    });
});
