/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import joinConversation from '@salesforce/apex/RelayInboxController.joinConversation';
import RelayInboxJoin from 'c/relayInboxJoin';

jest.mock('@salesforce/apex/RelayInboxController.joinConversation', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_Inbox_JoinFailed', () => ({ default: 'Not connected yet: {0}' }), {
    virtual: true
});

const join = joinConversation as unknown as jest.Mock;

function deferred(): { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } {
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<void>((ok, fail) => {
        resolve = ok;
        reject = fail;
    });
    return { promise, resolve, reject };
}

const apexError = (message: string) => ({ body: { message }, status: 500 });
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function mount(interactionId?: string): HTMLElement & { interactionId?: string } {
    const element = createElement('c-relay-inbox-join', { is: RelayInboxJoin }) as HTMLElement & {
        interactionId?: string;
    };
    element.interactionId = interactionId;
    document.body.appendChild(element);
    return element;
}

const find = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot?.querySelector<HTMLElement>(`[data-id="${id}"]`) ?? null;

afterEach(() => {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
    jest.clearAllMocks();
});

test('joins the assigned interaction once and says so while it works', async () => {
    const pending = deferred();
    join.mockReturnValue(pending.promise);
    const element = mount('a00000000000001AAA');
    await flush();

    expect(join).toHaveBeenCalledWith({ interactionId: 'a00000000000001AAA' });
    expect(find(element, 'joining')?.textContent).toContain('c.Relay_Inbox_Joining');
    expect(find(element, 'join-status')?.textContent).toContain('c.Relay_Inbox_Joining');
    await expect(element).toBeAccessible();

    pending.resolve();
    await flush();
    expect(find(element, 'joining')).toBeNull();
    expect(find(element, 'join-error')).toBeNull();
    element.interactionId = 'a00000000000001AAA';
    await flush();
    expect(join).toHaveBeenCalledTimes(1);
});

test('shows why a join failed and joins again on Retry', async () => {
    join.mockRejectedValueOnce(apexError('The customer has left this conversation.')).mockResolvedValueOnce(undefined);
    const element = mount('a00000000000001AAA');
    await flush();

    const error = find(element, 'join-error');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(error?.textContent).toContain('Not connected yet: The customer has left this conversation.');
    await expect(element).toBeAccessible();

    find(element, 'join-retry')?.click();
    await flush();
    expect(join).toHaveBeenCalledTimes(2);
    expect(find(element, 'join-error')).toBeNull();
});

test('joins nothing without an interaction, and drops the answer for an interaction it no longer shows', async () => {
    const element = mount(undefined);
    await flush();
    expect(join).not.toHaveBeenCalled();

    const first = deferred();
    join.mockReturnValueOnce(first.promise).mockResolvedValueOnce(undefined);
    element.interactionId = 'a00000000000001AAA';
    await flush();
    element.interactionId = 'a00000000000002AAA';
    await flush();
    first.reject(apexError('late failure'));
    await flush();

    expect(join).toHaveBeenLastCalledWith({ interactionId: 'a00000000000002AAA' });
    expect(find(element, 'join-error')).toBeNull();
});
