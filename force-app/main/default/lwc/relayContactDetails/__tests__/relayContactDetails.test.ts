/// <reference types="@sa11y/jest" />
import { createElement } from 'lwc';
import RelayContactDetails from 'c/relayContactDetails';
import type { ContactDetails } from 'c/relayContactDetails';
import { $, change, flush, prop, record } from '../../../../../../test/jest/lwcDom';

type Details = HTMLElement & Partial<ContactDetails> & { disabled?: boolean };

const ACCOUNT_ID = '001000000000003AAA';
const CONTACT_ID = '003000000000001AAA';
const CASE_ID = '500000000000042AAA';

async function mount(values: Partial<ContactDetails> & { disabled?: boolean } = {}): Promise<Details> {
    const element = createElement('c-relay-contact-details', { is: RelayContactDetails }) as Details;
    Object.assign(element, values);
    document.body.appendChild(element);
    await flush();
    return element;
}

afterEach(() => {
    while (document.body.firstChild) {
        document.body.removeChild(document.body.firstChild);
    }
});

describe('c-relay-contact-details', () => {
    it('shows the Name of the chosen kind, the Case it relates to and the notes it is given', async () => {
        const element = await mount({ nameObject: 'Contact', nameId: CONTACT_ID, relatesToId: CASE_ID, notes: 'VIP' });
        expect(prop<string>($(element, 'name-type'), 'value')).toBe('Contact');
        expect(prop<Array<{ value: string }>>($(element, 'name-type'), 'options').map((o) => o.value)).toEqual([
            'Contact',
            'Account',
            'Lead'
        ]);
        expect(prop<string>($(element, 'name'), 'objectApiName')).toBe('Contact');
        expect(prop<string>($(element, 'name'), 'value')).toBe(CONTACT_ID);
        expect(prop<string>($(element, 'relates-to'), 'objectApiName')).toBe('Case');
        expect(prop<string>($(element, 'relates-to'), 'value')).toBe(CASE_ID);
        expect(prop<string>($(element, 'notes'), 'value')).toBe('VIP');
        await expect(element).toBeAccessible();
    });

    it('says what changed, and clears the Name when its kind changes since the old record is not of the new kind', async () => {
        const element = await mount({ nameObject: 'Contact', nameId: CONTACT_ID });
        const changes = record(element, 'detailschange');
        change($(element, 'name-type'), { value: 'Account' });
        change($(element, 'name'), { recordId: ACCOUNT_ID });
        change($(element, 'relates-to'), { recordId: null });
        change($(element, 'notes'), { value: 'Wants a call back.' });
        expect(changes.mock.calls.map(([detail]: [Partial<ContactDetails>]) => detail)).toEqual([
            { nameObject: 'Account', nameId: null },
            { nameId: ACCOUNT_ID },
            { relatesToId: null },
            { notes: 'Wants a call back.' }
        ]);
    });

    it('ignores choosing the kind already shown, and a kind it does not offer', async () => {
        const element = await mount({ nameObject: 'Lead', nameId: '00Q000000000001AAA' });
        const changes = record(element, 'detailschange');
        change($(element, 'name-type'), { value: 'Lead' });
        change($(element, 'name-type'), { value: 'Opportunity' });
        expect(changes).not.toHaveBeenCalled();
    });

    it('locks every field while the parent saves', async () => {
        const element = await mount({ disabled: true });
        for (const id of ['name-type', 'name', 'relates-to', 'notes']) {
            expect(prop<boolean>($(element, id), 'disabled')).toBe(true);
        }
    });
});
