/*
 * Send message on behalf of a queue: the queues offered as the agent types, how To is read (a number or a name to
 * look up), and what Start refuses before asking the server. The options fixture (data/options.json) is what
 * RelayMessageController.getMessageOptions returns for an agent in Support (SMS and WhatsApp), Sales and VIP Support.
 */
import {
    addressOf,
    isIdentifier,
    matchingQueues,
    messageErrors,
    missingValue,
    normalizedRecipient,
    outsideCareWindow,
    queuesFor,
    reachableOn,
    recipientOf,
    renderTemplate,
    searchesContacts
} from 'c/relayMessageModel';
import type { MessageContact, MessageOptions, MessageTemplate } from 'c/relayMessageModel';
import options from './data/options.json';

const fixture = options as MessageOptions;
const JANE: MessageContact = { id: 'ec-jane', name: 'Jane Doe', sms: '+13175550100', whatsApp: '13175550100' };
const SAM: MessageContact = { id: 'ec-sam', name: 'Sam Lee', sms: '+13175550102', whatsApp: null };

describe('the queues offered', () => {
    it('are those that send the chosen channel, none before one is chosen', () => {
        expect(queuesFor(fixture, 'SMS').map((q) => q.queueName)).toEqual(['Support', 'Sales', 'VIP Support']);
        expect(queuesFor(fixture, 'WhatsApp').map((q) => q.queueName)).toEqual(['Support']);
        expect(queuesFor(fixture, '')).toEqual([]);
        expect(queuesFor(undefined, 'SMS')).toEqual([]);
    });

    it('narrow to the names, or a word of them, starting with what the agent types, in any case', () => {
        const sms = queuesFor(fixture, 'SMS');
        expect(matchingQueues(sms, 'su').map((q) => q.queueId)).toEqual(['q-support', 'q-vip']);
        expect(matchingQueues(sms, ' SAL').map((q) => q.queueId)).toEqual(['q-sales']);
        expect(matchingQueues(sms, 'port')).toEqual([]);
        expect(matchingQueues(sms, '')).toHaveLength(3);
    });
});

describe('what To holds', () => {
    it('is a message identifier when it is a number, and a name to look up otherwise', () => {
        expect(isIdentifier('+1 (317) 555-0100')).toBe(true);
        expect(isIdentifier('13175550100')).toBe(true);
        expect(isIdentifier('Jane')).toBe(false);
        expect(searchesContacts('Ja')).toBe(true);
        expect(searchesContacts('J')).toBe(false);
        expect(searchesContacts('1317')).toBe(false);
    });

    it('is sent without the separators agents type in a number', () => {
        expect(normalizedRecipient(' +1 (317) 555-0100 ')).toBe('+13175550100');
        expect(normalizedRecipient(' Jane Doe ')).toBe('Jane Doe');
    });

    it('offers only the people who can be messaged on the channel, at their identifier for it', () => {
        expect(reachableOn([JANE, SAM], 'WhatsApp')).toEqual([JANE]);
        expect(reachableOn([JANE, SAM], 'SMS')).toEqual([JANE, SAM]);
        expect(addressOf(JANE, 'WhatsApp')).toBe('13175550100');
        expect(addressOf(JANE, 'SMS')).toBe('+13175550100');
        expect(addressOf(SAM, 'WhatsApp')).toBeUndefined();
    });

    it('messages a chosen person at their identifier for the channel, and associates them', () => {
        expect(recipientOf('Jane', JANE, 'WhatsApp')).toEqual({
            recipient: '13175550100',
            externalContactId: 'ec-jane'
        });
        expect(recipientOf('Jane', JANE, 'SMS')).toEqual({ recipient: '+13175550100', externalContactId: 'ec-jane' });
    });

    it('messages the number as typed, without separators, when no one reachable on the channel was chosen', () => {
        expect(recipientOf(' +1 (317) 555-0199 ', undefined, 'SMS')).toEqual({
            recipient: '+13175550199',
            externalContactId: null
        });
        expect(recipientOf('Sam Lee', SAM, 'WhatsApp')).toEqual({ recipient: 'Sam Lee', externalContactId: null });
    });
});

describe('Start', () => {
    it('names every choice still to make', () => {
        expect(messageErrors({ channel: '', queueId: '', recipient: '' })).toEqual([
            { field: 'channel', problem: 'channelRequired' },
            { field: 'queue', problem: 'queueRequired' }
        ]);
    });

    it('refuses an SMS number without its country code', () => {
        expect(messageErrors({ channel: 'SMS', queueId: 'q-support', recipient: '317 555 0100' })).toEqual([
            { field: 'recipient', problem: 'phoneInvalid' }
        ]);
        expect(messageErrors({ channel: 'SMS', queueId: 'q-support', recipient: '+1 317 555 0100' })).toEqual([]);
    });

    it('refuses a WhatsApp number with + or an international dialling prefix, and a name no one was chosen for', () => {
        const whatsApp = (recipient: string) => messageErrors({ channel: 'WhatsApp', queueId: 'q-support', recipient });
        expect(whatsApp('+13175550100')).toEqual([{ field: 'recipient', problem: 'whatsAppInvalid' }]);
        expect(whatsApp('0013175550100')).toEqual([{ field: 'recipient', problem: 'whatsAppInvalid' }]);
        expect(whatsApp('Jane')).toEqual([{ field: 'recipient', problem: 'whatsAppInvalid' }]);
        expect(whatsApp('1 317 555 0100')).toEqual([]);
    });
});

describe('WhatsApp templates', () => {
    const NOW = Date.parse('2026-12-07T12:00:00.000Z');
    const inbound = (sentAt: string) => ({ direction: 'inbound', sentAt });
    const ORDER: MessageTemplate = {
        id: 'resp-order',
        name: 'Order update',
        text: 'Hello {{1}}, your order {{2}} shipped.',
        parameters: [
            { id: '1', description: 'Customer name' },
            { id: '2', description: 'Order number' }
        ]
    };

    it('expects a template when the customer never wrote or last wrote more than 24 hours ago', () => {
        expect(outsideCareWindow([], NOW)).toBe(true);
        expect(outsideCareWindow([{ direction: 'outbound', sentAt: '2026-12-07T11:00:00.000Z' }], NOW)).toBe(true);
        expect(outsideCareWindow([inbound('2026-12-06T11:59:59.000Z')], NOW)).toBe(true);
        expect(outsideCareWindow([inbound('2026-12-05T09:00:00.000Z'), inbound('2026-12-07T09:00:00.000Z')], NOW)).toBe(
            false
        );
    });

    it('shows the text the customer will read, with the values filled in so far', () => {
        expect(renderTemplate(ORDER.text, { '1': ' Jane ' })).toBe('Hello Jane, your order {{2}} shipped.');
        expect(renderTemplate(ORDER.text, { '1': 'Jane', '2': '5531' })).toBe('Hello Jane, your order 5531 shipped.');
        expect(renderTemplate(null, {})).toBe('');
    });

    it('names the first value still to fill in', () => {
        expect(missingValue(ORDER, { '1': 'Jane', '2': ' ' })?.description).toBe('Order number');
        expect(missingValue(ORDER, { '1': 'Jane', '2': '5531' })).toBeUndefined();
    });
});
