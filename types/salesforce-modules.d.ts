// Ambient declarations for platform-scoped modules that no npm package types.
// Apex methods are declared one by one in apex.d.ts: `npm run verify:contract` checks them against the Apex.
// Keep this file free of top-level import/export so the `declare module` blocks stay ambient.

/** An Apex method: callable imperatively and usable as a wire adapter (`@wire(method, {...})`). */
type ApexMethod<Params extends Record<string, unknown>, Result> = ((params?: Params) => Promise<Result>) &
    import('lwc').WireAdapterConstructor<Params, { data?: Result; error?: unknown }>;

declare module '@salesforce/apex' {
    export function refreshApex(wiredValue: unknown): Promise<void>;
}

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/schema/*' {
    const id: { objectApiName: string; fieldApiName: string };
    export default id;
}
