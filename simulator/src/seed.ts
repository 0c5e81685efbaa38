// Demo data: three agents, the Support, Billing and Sales queues with their wrap-up codes, the system
// presence definitions, a few external contacts, two Response Management libraries (Support's WhatsApp templates)
// and some waiting conversations. Ids are fixed UUIDs so
// the local console, docs and tests can refer to them.
import type { SeedData } from './model';

const id = (kind: string, n: number): string => `5eed0000-0000-4000-8000-${kind}${String(n).padStart(11, '0')}`;

export const SEED_IDS = {
    users: { alex: id('a', 1), blake: id('a', 2), casey: id('a', 3) },
    queues: { support: id('b', 1), billing: id('b', 2), sales: id('b', 3) },
    presence: {
        available: id('d', 1),
        away: id('d', 2),
        busy: id('d', 3),
        offline: id('d', 4),
        onQueue: id('d', 5),
        meal: id('d', 6),
        training: id('d', 7),
        meeting: id('d', 8),
        break: id('d', 9),
        idle: id('d', 10)
    },
    codes: {
        resolved: id('c', 101),
        followUp: id('c', 102),
        escalated: id('c', 103),
        paymentTaken: id('c', 201),
        refundIssued: id('c', 202),
        invoiceExplained: id('c', 203),
        saleMade: id('c', 301),
        quoteSent: id('c', 302),
        notInterested: id('c', 303)
    },
    contacts: { jane: id('e', 1), maria: id('e', 2), sam: id('e', 3), priya: id('e', 4) },
    /** The queues' outbound email routes, outbound SMS addresses and outbound WhatsApp senders. */
    outbound: {
        supportEmailRoute: id('7', 1),
        billingEmailRoute: id('7', 2),
        supportSms: id('8', 1),
        salesSms: id('8', 3),
        supportWhatsApp: id('9', 1)
    },
    /** Response Management libraries: Support's WhatsApp templates, and one holding no template. */
    libraries: { supportWhatsApp: id('6', 1), general: id('6', 2) },
    /** The responses: two WhatsApp templates and two plain canned responses. */
    responses: { orderUpdate: id('6', 101), followUp: id('6', 102), closing: id('6', 103), holidayHours: id('6', 201) }
} as const;

/** The namespace Meta gives a WhatsApp Business Account's templates (WhatsAppDefinition.namespace): a made-up one. */
export const WHATSAPP_TEMPLATE_NAMESPACE = 'relay_demo_3f2a9c1e_5b7d_4e8f_a1c2_9d0e6b4a7c31';

/** The email domain of the queues' outbound addresses. */
export const OUTBOUND_EMAIL_DOMAIN = 'relay.example';

/** Password of every seeded agent for the simulator's `password` grant. */
export const DEMO_AGENT_PASSWORD = 'relay-local-agent';

/** The demo contact centre; `conversations: false` leaves the queues empty (what the tests use). */
export function demoSeed(options: { conversations?: boolean } = {}): SeedData {
    const { users, queues, presence, codes, contacts, outbound, libraries, responses } = SEED_IDS;
    return {
        defaultAgentId: users.alex,
        agents: [
            { id: users.alex, name: 'Alex Rivera', email: 'alex.rivera@relay.example', password: DEMO_AGENT_PASSWORD },
            { id: users.blake, name: 'Blake Chen', email: 'blake.chen@relay.example', password: DEMO_AGENT_PASSWORD },
            {
                id: users.casey,
                name: 'Casey Morgan',
                email: 'casey.morgan@relay.example',
                password: DEMO_AGENT_PASSWORD
            }
        ],
        presenceDefinitions: [
            { id: presence.available, systemPresence: 'Available', label: 'Available' },
            { id: presence.away, systemPresence: 'Away', label: 'Away' },
            { id: presence.busy, systemPresence: 'Busy', label: 'Busy' },
            { id: presence.offline, systemPresence: 'Offline', label: 'Offline' },
            { id: presence.onQueue, systemPresence: 'OnQueue', label: 'On Queue' },
            { id: presence.meal, systemPresence: 'Meal', label: 'Meal' },
            { id: presence.training, systemPresence: 'Training', label: 'Training' },
            { id: presence.meeting, systemPresence: 'Meeting', label: 'Meeting' },
            { id: presence.break, systemPresence: 'Break', label: 'Break' },
            { id: presence.idle, systemPresence: 'Idle', label: 'Idle' }
        ],
        wrapUpCodes: [
            { id: codes.resolved, name: 'Resolved', description: 'Customer issue resolved' },
            { id: codes.followUp, name: 'Follow-up required' },
            { id: codes.escalated, name: 'Escalated to tier 2' },
            { id: codes.paymentTaken, name: 'Payment taken' },
            { id: codes.refundIssued, name: 'Refund issued' },
            { id: codes.invoiceExplained, name: 'Invoice explained' },
            { id: codes.saleMade, name: 'Sale made' },
            { id: codes.quoteSent, name: 'Quote sent' },
            { id: codes.notInterested, name: 'Not interested' }
        ],
        queues: [
            {
                id: queues.support,
                name: 'Support',
                description: 'Product help. Mandatory, time-boxed wrap-up (2 minutes).',
                acw: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: 120_000 },
                alertingTimeoutSeconds: 30,
                wrapUpCodeIds: [codes.resolved, codes.followUp, codes.escalated],
                members: [
                    { userId: users.alex, joined: true },
                    { userId: users.blake, joined: true },
                    { userId: users.casey, joined: true }
                ],
                addresses: { sms: '+13175550199', whatsapp: '13175550199', open: 'support@relay.example' },
                emailAddress: 'support@relay.example',
                outbound: {
                    email: {
                        domain: OUTBOUND_EMAIL_DOMAIN,
                        routeId: outbound.supportEmailRoute,
                        pattern: 'support',
                        fromName: 'Relay Support'
                    },
                    sms: { id: outbound.supportSms, number: '+13175550199' },
                    whatsapp: { id: outbound.supportWhatsApp, name: 'Relay Support WhatsApp', number: '13175550199' }
                },
                // Support's agents use the one library of WhatsApp templates.
                cannedResponseLibraries: { mode: 'SelectedOnly', libraryIds: [libraries.supportWhatsApp] }
            },
            {
                id: queues.billing,
                name: 'Billing',
                description: 'Invoices and payments. Mandatory wrap-up, no time limit.',
                acw: { wrapupPrompt: 'MANDATORY' },
                alertingTimeoutSeconds: 30,
                wrapUpCodeIds: [codes.paymentTaken, codes.refundIssued, codes.invoiceExplained],
                members: [
                    { userId: users.alex, joined: true },
                    { userId: users.blake, joined: true }
                ],
                addresses: { sms: '+13175550198', open: 'billing@relay.example' },
                emailAddress: 'billing@relay.example',
                // Outbound email only: Billing sends no outbound SMS or WhatsApp.
                outbound: {
                    email: {
                        domain: OUTBOUND_EMAIL_DOMAIN,
                        routeId: outbound.billingEmailRoute,
                        pattern: 'billing',
                        fromName: 'Relay Billing'
                    }
                },
                // No library: said outright (mode None); Sales says nothing, which reads the same.
                cannedResponseLibraries: { mode: 'None' }
            },
            {
                id: queues.sales,
                name: 'Sales',
                description: 'New business. Optional wrap-up.',
                acw: { wrapupPrompt: 'OPTIONAL' },
                alertingTimeoutSeconds: 45,
                wrapUpCodeIds: [codes.saleMade, codes.quoteSent, codes.notInterested],
                members: [
                    { userId: users.alex, joined: true },
                    { userId: users.casey, joined: true },
                    { userId: users.blake, joined: false }
                ],
                addresses: { sms: '+13175550197', whatsapp: '13175550197', open: 'sales@relay.example' },
                emailAddress: 'sales@relay.example',
                // Outbound SMS only: Sales sends no outbound email, and no outbound WhatsApp although customers
                // reach it on WhatsApp (its inbound address).
                outbound: { sms: { id: outbound.salesSms, number: '+13175550197' } }
            }
        ],
        externalContacts: [
            {
                id: contacts.jane,
                firstName: 'Jane',
                lastName: 'Doe',
                cellPhone: '+13175550100',
                workEmail: 'jane.doe@example.com',
                whatsAppId: '13175550100'
            },
            { id: contacts.maria, firstName: 'Maria', lastName: 'Garcia', workEmail: 'maria.garcia@example.com' },
            {
                id: contacts.sam,
                firstName: 'Sam',
                lastName: 'Lee',
                cellPhone: '+13175550123',
                whatsAppId: '13175550123'
            },
            { id: contacts.priya, firstName: 'Priya', lastName: 'Patel', workEmail: 'priya.patel@example.com' }
        ],
        responseLibraries: [
            { id: libraries.supportWhatsApp, name: 'Relay Support WhatsApp' },
            { id: libraries.general, name: 'Relay General' }
        ],
        responses: [
            {
                id: responses.orderUpdate,
                name: 'Order update',
                libraryIds: [libraries.supportWhatsApp],
                text: 'Hello {{1}}, this is Relay Support about your order {{2}}. Reply to this message to continue.',
                substitutions: [
                    { id: '1', description: 'Customer name' },
                    { id: '2', description: 'Order number' }
                ],
                // templateStatus: the SDK types it as a plain string and lists no values ("Template status of whatsApp
                // carousels template."); APPROVED, Meta's name for a template it accepted, is the simulator's choice.
                whatsApp: {
                    name: 'order_update',
                    namespace: WHATSAPP_TEMPLATE_NAMESPACE,
                    language: 'en_US',
                    templateStatus: 'APPROVED'
                }
            },
            {
                id: responses.followUp,
                name: 'Follow up',
                libraryIds: [libraries.supportWhatsApp],
                text: 'Hello {{1}}, we have an update for you. Reply to this message to hear it.',
                substitutions: [{ id: '1', description: 'Customer name' }],
                whatsApp: {
                    name: 'follow_up',
                    namespace: WHATSAPP_TEMPLATE_NAMESPACE,
                    language: 'en_US',
                    templateStatus: 'APPROVED'
                }
            },
            {
                // A plain canned response beside the templates: a reader of the library keeps only the templates.
                id: responses.closing,
                name: 'Closing',
                libraryIds: [libraries.supportWhatsApp],
                text: 'Thank you for contacting Relay Support. Is there anything else I can help you with?'
            },
            {
                id: responses.holidayHours,
                name: 'Holiday hours',
                libraryIds: [libraries.general],
                text: 'Our support team is available from 9 am to 5 pm on public holidays.'
            }
        ],
        conversations:
            options.conversations === false
                ? []
                : [
                      {
                          channel: 'webchat',
                          customerName: 'Maria Garcia',
                          customerAddress: 'maria.garcia@example.com',
                          queue: 'Support',
                          text: "Hi, my order #1042 hasn't arrived yet. Can you check where it is?"
                      },
                      {
                          channel: 'sms',
                          customerName: 'Jane Doe',
                          customerAddress: '+13175550100',
                          queue: 'Billing',
                          text: 'I was charged twice for my March invoice.'
                      },
                      {
                          channel: 'whatsapp',
                          customerName: 'Sam Lee',
                          customerAddress: '13175550123',
                          queue: 'Sales',
                          text: 'Do you offer a discount on annual plans?'
                      },
                      {
                          channel: 'email',
                          customerName: 'Priya Patel',
                          customerAddress: 'priya.patel@example.com',
                          queue: 'Support',
                          text: 'Subject: Password reset link expired\n\nThe reset link in your email says it has expired.'
                      }
                  ]
    };
}
