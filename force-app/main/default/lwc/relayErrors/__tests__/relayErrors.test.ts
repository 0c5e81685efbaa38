import { messageFor } from 'c/relayErrors';

// Under sfdx-lwc-jest a label import resolves to its own name.
const GENERIC = 'c.Relay_Error_Generic';

describe('c/relayErrors', () => {
    it('shows the message an Apex controller threw, which is already a translated label', () => {
        expect(messageFor({ body: { message: 'The customer has already left.' } })).toBe(
            'The customer has already left.'
        );
    });

    it('joins the messages of a UI API error that carries several bodies', () => {
        expect(messageFor({ body: [{ message: 'First.' }, { message: 'Second.' }] })).toBe('First. Second.');
    });

    it('never shows a JavaScript error or stack trace to the agent', () => {
        const error = new TypeError("Cannot read properties of undefined (reading 'id')");
        expect(messageFor(error)).toBe(GENERIC);
    });

    it.each([undefined, null, 'boom', 42, { body: {} }, { body: { message: '   ' } }])(
        'falls back to the generic label for %p',
        (error) => {
            expect(messageFor(error)).toBe(GENERIC);
        }
    );
});
