// `lightning/navigation` in the preview. In a console app, navigating to a record opens (or focuses) its
// workspace tab, which is what this does; other page types open a tab titled with the page they name, and a
// file preview (standard__namedPage filePreview) opens the ContentDocument record of its selectedRecordId.
import { openTab, type PageReference } from './workspaceApi';

const NAVIGATE = Symbol('Navigate');
const GENERATE_URL = Symbol('GenerateUrl');

export function urlFor(ref: PageReference): string {
    const a = ref.attributes ?? {};
    const attr = (name: string, fallback: string): string => {
        const value = a[name];
        return typeof value === 'string' && value !== '' ? value : fallback;
    };
    switch (ref.type) {
        case 'standard__recordPage':
            return `/lightning/r/${attr('objectApiName', 'sObject')}/${attr('recordId', '')}/${attr('actionName', 'view')}`;
        case 'standard__objectPage':
            return `/lightning/o/${attr('objectApiName', '')}/${attr('actionName', 'home')}`;
        case 'standard__navItemPage':
            return `/lightning/n/${attr('apiName', '')}`;
        case 'standard__webPage':
            return attr('url', '');
        default:
            return `/lightning/page/${ref.type}`;
    }
}

function navigate(ref: PageReference): void {
    // The file preview of Salesforce Files: the preview shows the file's ContentDocument record in its tab.
    const selected = ref.attributes?.pageName === 'filePreview' ? ref.state?.selectedRecordId : undefined;
    const recordId = ref.attributes?.recordId ?? selected;
    void openTab({
        pageReference: ref,
        recordId: typeof recordId === 'string' ? recordId : undefined,
        url: urlFor(ref),
        label: typeof recordId === 'string' ? undefined : urlFor(ref),
        focus: true
    });
}

// A mixin's constructor must accept any arguments (TypeScript's mixin pattern requires any[] here).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Constructor<T = object> = new (...args: any[]) => T;

/** `NavigationMixin(LightningElement)`: adds `[NavigationMixin.Navigate]` and `[NavigationMixin.GenerateUrl]`. */
export function NavigationMixin<TBase extends Constructor>(Base: TBase) {
    return class extends Base {
        [NAVIGATE](pageReference: PageReference, replace?: boolean): void {
            void replace;
            navigate(pageReference);
        }
        [GENERATE_URL](pageReference: PageReference): Promise<string> {
            return Promise.resolve(urlFor(pageReference));
        }
    };
}
NavigationMixin.Navigate = NAVIGATE;
NavigationMixin.GenerateUrl = GENERATE_URL;

/** `@wire(CurrentPageReference)`: the preview page is the Relay console app's home. */
export class CurrentPageReference {
    constructor(private readonly dataCallback: (ref: PageReference) => void) {}
    connect(): void {
        this.dataCallback({ type: 'standard__navItemPage', attributes: { apiName: 'Relay_Console' }, state: {} });
    }
    disconnect(): void {}
    update(): void {}
}
