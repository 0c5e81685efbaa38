// `@salesforce/apex/Class.method` in the benchmark page: answered from in-page data by the handler the page
// registered for that method, in a microtask, so the measurement covers the component and not a network.
// Same contract as the local console's runtime (preview/runtime/apex.ts): a promise of the result, and a
// failure rejects with the platform's `{ body: { message } }` object. No wire adapter: the benchmarked
// component calls its Apex imperatively.
import type { ApexFailure } from '../../../preview/runtime/apex';

type Params = Record<string, unknown>;
export type ApexHandler = (params: Params) => unknown;

const handlers = new Map<string, ApexHandler>();

/** What `Class.method` answers in this page from now on. */
export function setApexHandler(name: string, handler: ApexHandler): void {
    handlers.set(name, handler);
}

function failure(message: string): ApexFailure {
    return { ok: false, status: 500, statusText: 'Error', body: { message } };
}

/** An Apex import, called imperatively as `method(params)`. */
export function apexMethod(name: string): (params?: Params) => Promise<unknown> {
    return (params: Params = {}) =>
        Promise.resolve().then(() => {
            const handler = handlers.get(name);
            if (!handler) {
                // A call the bench did not plan for fails loudly, as an Apex exception would.
                throw failure(`The benchmark page has no handler for ${name}`);
            }
            return handler(params) ?? null;
        });
}
