// The contact centre's side of the demo inbox: customers waiting on every channel, started in the simulator once the
// org is ready, so each reaches Salesforce the way a real one does (a signed event, Relay's Apex, the queue
// mapping) and can be opened, joined and answered. `demoInbox.apex` then adds what agents had already done in
// Salesforce (tags, priority, status). Support is mapped to Relay Digital, Billing to Relay Billing.
import type { Channel } from '../../simulator/src/model';

export interface DemoConversation {
    readonly channel: Channel;
    readonly customerName: string;
    readonly customerAddress: string;
    readonly queue: 'Support' | 'Billing';
    readonly text: string;
    /** An email's subject: the Email channel is a Genesys email conversation, the others are messages. */
    readonly subject?: string;
}

export const DEMO_CONVERSATIONS: readonly DemoConversation[] = [
    {
        channel: 'webchat',
        customerName: 'Ava Thompson',
        customerAddress: 'ava.thompson@example.com',
        queue: 'Support',
        text: 'Hi! My parcel was due yesterday and the tracking has not moved since Monday.'
    },
    {
        channel: 'email',
        customerName: 'Ben Carter',
        customerAddress: 'ben.carter@example.com',
        queue: 'Support',
        subject: 'Invoice for March',
        text: 'Thanks for the invoice. Could you also send the one for March? I cannot find it in my account.'
    },
    {
        channel: 'facebook',
        customerName: 'Chloe Martin',
        customerAddress: 'chloe.martin.fb',
        queue: 'Support',
        text: 'The courier left my order with a neighbour I do not know. Who do I talk to?'
    },
    {
        channel: 'instagram',
        customerName: 'Farah Khan',
        customerAddress: '@farah.khan',
        queue: 'Support',
        text: 'Can I return the blue jacket in store, or only by post?'
    },
    {
        channel: 'sms',
        customerName: 'Emma Wilson',
        customerAddress: '+447700900456',
        queue: 'Billing',
        text: 'I was charged twice for order 48213.'
    },
    {
        channel: 'whatsapp',
        customerName: 'Diego Alvarez',
        customerAddress: '34600123456',
        queue: 'Support',
        text: 'Hola, the shoes are too small. How do I exchange them for a bigger size?'
    }
];
