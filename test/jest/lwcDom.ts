// Shared helpers for the LWC Jest tests: reading a component's shadow DOM the way the tests assert on it, and
// driving it with the events its children send. jest.mock(...) calls stay in each test file (Jest hoists them
// per file). This lives outside force-app so it is never deployed, and outside __tests__ so Jest does not run
// it as a test suite.

/** Lets pending promises and re-renders settle (one macrotask). */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The element with a data-id in a component's shadow root. */
export const $ = (element: HTMLElement, id: string): HTMLElement | null =>
    element.shadowRoot!.querySelector<HTMLElement>(`[data-id="${id}"]`);

/** A node's text as the user reads it (whitespace collapsed). */
export const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A property a component sets on a child (e.g. a lightning-input's value). */
export const prop = <T>(node: HTMLElement | null, name: string): T => (node as unknown as Record<string, T>)[name];

/** Records the detail of every `name` event the element fires. */
export function record(element: HTMLElement, name: string): jest.Mock {
    const listener = jest.fn();
    element.addEventListener(name, (event) => listener((event as CustomEvent).detail));
    return listener;
}

/** Fires the change event a base component (lightning-input, -combobox...) sends. */
export function change(node: HTMLElement | null, detail: Record<string, unknown>): void {
    node!.dispatchEvent(new CustomEvent('change', { detail }));
}
