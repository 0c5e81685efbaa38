/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import RelayWrapUpPicker from 'c/relayWrapUpPicker';
import getWrapUpCodes from '@salesforce/apex/RelayWrapUpController.getWrapUpCodes';
import submitWrapUp from '@salesforce/apex/RelayWrapUpController.submitWrapUp';
import skipWrapUp from '@salesforce/apex/RelayWrapUpController.skipWrapUp';
import type { RelayWrapUpResult, WrapUpOutcome, WrapUpTarget } from 'c/relayWorkItemStore';
import CODES from './data/codes.json';
import INTERACTION from './data/interaction.json';
import RESULTS from './data/results.json';

jest.mock('@salesforce/apex/RelayWrapUpController.getWrapUpCodes', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWrapUpController.submitWrapUp', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/RelayWrapUpController.skipWrapUp', () => ({ default: jest.fn() }), { virtual: true });
// The labels the agent reads with a value in them, in English, so the tests read what the agent sees.
jest.mock('@salesforce/label/c.Relay_WrapUpPicker_TimeLeft', () => ({ default: 'Time left: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Relay_WrapUpPicker_Title', () => ({ default: 'Wrap-up: {0}' }), { virtual: true });

const getCodes = jest.mocked(getWrapUpCodes);
const submit = jest.mocked(submitWrapUp);
const skip = jest.mocked(skipWrapUp);
const STARTED = Date.parse(INTERACTION.wrapUpStartedAt);

type Picker = HTMLElement & { interaction?: WrapUpTarget; focus(): void };
interface BaseInput extends HTMLElement {
    value?: string;
    disabled?: boolean;
    label?: string;
    options?: Array<{ label: string; value: string }>;
}

/** Lets Apex promises settle and LWC re-render (without timers, which some tests fake). */
async function settle(): Promise<void> {
    // A few microtask turns: the Apex promise, the component's own await, then LWC's re-render.
    await Promise.resolve().then().then().then().then().then();
}

async function mount(interaction: WrapUpTarget = INTERACTION): Promise<Picker> {
    const element = createElement('c-relay-wrap-up-picker', { is: RelayWrapUpPicker }) as Picker;
    element.interaction = interaction;
    document.body.appendChild(element);
    await settle();
    return element;
}

const find = <T extends HTMLElement = BaseInput>(element: HTMLElement, id: string): T | null =>
    element.shadowRoot!.querySelector<T>(`[data-id="${id}"]`);
const text = (element: HTMLElement, id: string): string => find(element, id)?.textContent?.trim() ?? '';
const codeNames = (element: HTMLElement): string[] => (find(element, 'codes')?.options ?? []).map((o) => o.label);

function type(element: HTMLElement, id: string, value: string): void {
    const input = find(element, id)!;
    input.value = value;
    input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

async function choose(element: HTMLElement, codeId: string): Promise<void> {
    find(element, 'codes')!.dispatchEvent(new CustomEvent('change', { detail: { value: codeId } }));
    await settle();
}

async function clickDone(element: HTMLElement): Promise<void> {
    find(element, 'done')!.click();
    await settle();
}

/** The wrapupcomplete events the picker fires. */
function outcomes(element: HTMLElement): WrapUpOutcome[] {
    const seen: WrapUpOutcome[] = [];
    element.addEventListener('wrapupcomplete', (e) => seen.push((e as CustomEvent<WrapUpOutcome>).detail));
    return seen;
}

beforeEach(() => {
    // Five seconds into wrap-up. The accessibility checks need real timers, so the clock is pinned instead.
    jest.spyOn(Date, 'now').mockReturnValue(STARTED + 5_000);
    getCodes.mockResolvedValue(CODES);
});

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
    jest.useRealTimers();
    jest.restoreAllMocks();
    jest.resetAllMocks();
});

describe('c-relay-wrap-up-picker', () => {
    it('shows the codes in name order, the time left, and keeps Done disabled until a code is chosen', async () => {
        const element = await mount();
        expect(getCodes).toHaveBeenCalledWith({ interactionId: 'a01ANA' });
        expect(text(element, 'heading')).toBe('Wrap-up: Ana García');
        expect(codeNames(element)).toEqual(['Billing question', 'Call back later', 'Résolu', 'Sale']);
        expect(text(element, 'time-left')).toBe('Time left: 1:55');
        expect(find(element, 'done')!.disabled).toBe(true);
        expect(text(element, 'hint')).toBe('c.Relay_Interaction_WrapUpCodeRequired');
        await expect(element).toBeAccessible();
        await choose(element, 'code-resolved');
        expect(find(element, 'done')!.disabled).toBe(false);
        expect(find(element, 'hint')).toBeNull();
    });

    it('where a code is optional, says so and lets Done finish without one', async () => {
        skip.mockResolvedValue({} as never);
        const element = await mount({ ...INTERACTION, optional: true });
        const seen = outcomes(element);
        expect(text(element, 'optional')).toBe('c.Relay_WrapUpPicker_Optional');
        expect(find(element, 'hint')).toBeNull();
        expect(find(element, 'done')!.disabled).toBe(false);
        await expect(element).toBeAccessible();
        await clickDone(element);
        expect(skip).toHaveBeenCalledWith({ interactionId: 'a01ANA' });
        expect(submit).not.toHaveBeenCalled();
        expect(seen).toEqual([{ interactionId: 'a01ANA', status: 'Skipped', codeId: '' }]);
    });

    it('where a code is optional, sends the one the agent chose', async () => {
        submit.mockResolvedValue(RESULTS.submitted as RelayWrapUpResult);
        const element = await mount({ ...INTERACTION, optional: true });
        await choose(element, 'code-sale');
        await clickDone(element);
        expect(submit).toHaveBeenCalledWith({ interactionId: 'a01ANA', codeId: 'code-sale', notes: null });
        expect(skip).not.toHaveBeenCalled();
    });

    it('counts the time left down from when wrap-up started', async () => {
        jest.restoreAllMocks();
        jest.useFakeTimers();
        jest.setSystemTime(STARTED + 5_000);
        const element = await mount();
        jest.advanceTimersByTime(60_000);
        await settle();
        expect(text(element, 'time-left')).toBe('Time left: 0:55');
        jest.advanceTimersByTime(120_000);
        await settle();
        expect(text(element, 'time-left')).toBe('Time left: 0:00');
    });

    it('narrows the codes as the agent types, ignoring accents, and keeps the chosen code in view', async () => {
        const element = await mount();
        await choose(element, 'code-sale');
        type(element, 'search', 'resolu');
        await settle();
        expect(codeNames(element)).toEqual(['Résolu', 'Sale']);
        type(element, 'search', 'nothing like this');
        await settle();
        expect(codeNames(element)).toEqual(['Sale']);
    });

    it('says so when nothing matches the search', async () => {
        const element = await mount();
        type(element, 'search', 'zzz');
        await settle();
        expect(find(element, 'codes')).toBeNull();
        expect(text(element, 'empty')).toBe('c.Relay_WrapUpPicker_NoMatch');
        await expect(element).toBeAccessible();
    });

    it('chooses the only matching code when the agent presses Enter in the search field', async () => {
        const element = await mount();
        const search = find(element, 'search')!;
        type(element, 'search', 'call');
        search.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
        await settle();
        expect(find(element, 'codes')!.value).toBe('code-callback');
        expect(find(element, 'done')!.disabled).toBe(false);
        type(element, 'search', 'a');
        search.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter' }));
        search.dispatchEvent(new KeyboardEvent('keyup', { key: 'a' }));
        await settle();
        expect(find(element, 'codes')!.value).toBe('code-callback');
    });

    it('moves the focus to its heading when the panel opens it', async () => {
        const element = await mount();
        element.focus();
        expect(element.shadowRoot!.activeElement).toBe(find(element, 'heading'));
    });

    it('sends the code and the notes in one call and tells the panel the wrap-up was delivered', async () => {
        let answer: (result: RelayWrapUpResult) => void = () => undefined;
        submit.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        const element = await mount();
        const completed = outcomes(element);
        await choose(element, 'code-resolved');
        type(element, 'notes', '  Refund sent.  ');
        await settle();
        await clickDone(element);
        expect(text(element, 'status')).toBe('c.Relay_WrapUpPicker_Sending');
        expect(find(element, 'done')!.disabled).toBe(true);
        await clickDone(element);
        answer(RESULTS.submitted as RelayWrapUpResult);
        await settle();
        expect(submit).toHaveBeenCalledTimes(1);
        expect(submit).toHaveBeenCalledWith({
            interactionId: 'a01ANA',
            codeId: 'code-resolved',
            notes: 'Refund sent.'
        });
        expect(completed).toEqual([
            {
                interactionId: 'a01ANA',
                status: 'Submitted',
                codeId: 'code-resolved',
                notes: 'Refund sent.',
                onQueue: true
            }
        ]);
        expect(text(element, 'status')).toBe('c.Relay_WrapUpPicker_Submitted');
        expect(find(element, 'time-left')).toBeNull();
        expect(find(element, 'codes')!.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('sends no notes when the agent wrote none', async () => {
        submit.mockResolvedValue(RESULTS.submitted as RelayWrapUpResult);
        const element = await mount();
        await choose(element, 'code-sale');
        type(element, 'notes', '   ');
        await clickDone(element);
        expect(submit).toHaveBeenCalledWith({ interactionId: 'a01ANA', codeId: 'code-sale', notes: null });
    });

    it('shows the pending message when Relay keeps the wrap-up to send it later', async () => {
        submit.mockResolvedValue(RESULTS.pending as RelayWrapUpResult);
        const element = await mount();
        const completed = outcomes(element);
        await choose(element, 'code-resolved');
        await clickDone(element);
        expect(text(element, 'status')).toBe(RESULTS.pending.message);
        expect(completed[0]).toMatchObject({ status: 'Pending', message: RESULTS.pending.message, onQueue: false });
        expect(find(element, 'done')!.disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('keeps the chosen code and the notes and says why when the wrap-up is refused', async () => {
        submit.mockRejectedValueOnce(RESULTS.rejected);
        const element = await mount();
        const completed = outcomes(element);
        await choose(element, 'code-billing');
        type(element, 'notes', 'Asked about the invoice.');
        await clickDone(element);
        expect(text(element, 'error')).toBe(RESULTS.rejected.body.message);
        expect(find(element, 'codes')!.value).toBe('code-billing');
        expect(find(element, 'notes')!.value).toBe('Asked about the invoice.');
        expect(find(element, 'done')!.disabled).toBe(false);
        expect(completed).toEqual([]);
        await expect(element).toBeAccessible();

        submit.mockResolvedValueOnce(RESULTS.submitted as RelayWrapUpResult);
        await choose(element, 'code-sale');
        expect(text(element, 'error')).toBe('');
        await clickDone(element);
        expect(submit).toHaveBeenLastCalledWith({
            interactionId: 'a01ANA',
            codeId: 'code-sale',
            notes: 'Asked about the invoice.'
        });
        expect(completed).toHaveLength(1);
    });

    it('shows a refusal without a message as the wrap-up rejected', async () => {
        submit.mockResolvedValueOnce({ status: null, onQueue: null, message: null, interaction: null });
        const element = await mount();
        await choose(element, 'code-sale');
        await clickDone(element);
        expect(text(element, 'error')).toBe('c.Relay_WrapUp_Rejected');
        expect(find(element, 'done')!.disabled).toBe(false);
    });

    it('says the wrap-up is kept for the admin when the contact centre can never take it', async () => {
        submit.mockResolvedValue(RESULTS.failed as RelayWrapUpResult);
        const element = await mount();
        const completed = outcomes(element);
        await choose(element, 'code-sale');
        await clickDone(element);
        expect(text(element, 'error')).toBe(RESULTS.failed.message);
        expect(find(element, 'done')!.disabled).toBe(true);
        expect(completed[0]).toMatchObject({ status: 'Failed', message: RESULTS.failed.message });
    });

    it('says why the codes could not be loaded and lets the agent try again', async () => {
        getCodes.mockRejectedValueOnce({ body: { message: 'The contact centre isn’t responding right now.' } });
        const element = await mount();
        expect(text(element, 'error')).toBe('The contact centre isn’t responding right now.');
        expect(find(element, 'done')).toBeNull();
        await expect(element).toBeAccessible();
        find(element, 'retry')!.click();
        await settle();
        expect(getCodes).toHaveBeenCalledTimes(2);
        expect(text(element, 'error')).toBe('');
        expect(codeNames(element)).toHaveLength(4);
    });

    it('tells the agent when the contact centre offers no codes', async () => {
        getCodes.mockResolvedValue([]);
        const element = await mount({ ...INTERACTION, customerName: null, wrapUpTimeoutMs: null });
        expect(text(element, 'empty')).toBe('c.Relay_WrapUpPicker_NoCodes');
        expect(text(element, 'heading')).toBe('Wrap-up: c.Relay_WorkItem_UnknownCustomer');
        expect(find(element, 'time-left')).toBeNull();
        expect(find(element, 'done')!.disabled).toBe(true);
    });

    it('loads the codes again only when it is given another interaction', async () => {
        const element = await mount();
        element.interaction = { ...INTERACTION };
        await settle();
        expect(getCodes).toHaveBeenCalledTimes(1);
        let answer: (codes: typeof CODES) => void = () => undefined;
        getCodes.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
        element.interaction = { ...INTERACTION, id: 'a01OTHER' };
        await settle();
        expect(text(element, 'status')).toBe('c.Relay_WrapUpPicker_Loading');
        element.interaction = { ...INTERACTION, id: 'a01THIRD' };
        answer([{ id: 'stale', name: 'Stale' }]);
        await settle();
        expect(getCodes).toHaveBeenLastCalledWith({ interactionId: 'a01THIRD' });
        expect(codeNames(element)).not.toContain('Stale');
    });
});
