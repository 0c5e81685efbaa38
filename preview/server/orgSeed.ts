// The Salesforce org the preview stands in for, beyond Relay's own records: the users, the queues of the
// project's metadata plus two more an admin would create for the digital inbox, who belongs to which
// (directly or through a public group), the Relay Queue Mapping records, and a few accounts, contacts, leads
// and cases for the dispositions page. `demoInbox` adds waiting digital interactions so `npm start` opens
// on a populated Digital tab.
import { SEED_IDS } from '../../simulator/src/seed';
import { DEMO_USER_ID } from '../lib/demo';
import { readQueueMappings, readQueues } from '../lib/orgSetup';
import { insertRecord } from '../apex/dml';
import { EVENT_BRIDGE_USER_ID } from '../apex/RelayConversationInbound';
import type { ApexContext } from '../apex/types';
import type { Fields, RecordStore } from './recordStore';

/** Another agent of the digital queues (a second Salesforce user; tests act as them). */
export const SECOND_AGENT_ID = '005000000000003AAA';
export const SECOND_AGENT_NAME = 'Sam Okafor';
export const PUBLIC_GROUP_NAME = 'Relay_Agents';
/** Digital queues only the preview has (an admin creates them in Setup > Queues). */
export const DEMO_QUEUES = [
    // Billing has the demo agent and Sam; VIP has only the demo agent, so a transfer there comes straight back.
    { developerName: 'Relay_Billing', name: 'Relay Billing' },
    { developerName: 'Relay_VIP', name: 'Relay VIP' }
];

export interface OrgIds {
    queues: Record<string, string>;
    accounts: string[];
    contacts: string[];
    leads: string[];
    cases: string[];
}

function group(store: RecordStore, fields: Fields): string {
    return store.insert('Group', fields).id;
}

export function seedOrg(store: RecordStore): OrgIds {
    store.insert('User', { Name: SECOND_AGENT_NAME, IsActive: true }, SECOND_AGENT_ID);
    const queues: Record<string, string> = {};
    const allQueues = [
        ...readQueues().map((q) => ({ ...q })),
        ...DEMO_QUEUES.map((q) => ({ ...q, sobjectTypes: ['Relay_Interaction__c'], routingConfig: null }))
    ];
    for (const q of allQueues) {
        const id = group(store, {
            Name: q.name,
            DeveloperName: q.developerName,
            Type: 'Queue',
            // Any non-null value: the id of the routing configuration the queue metadata names.
            QueueRoutingConfigId: q.routingConfig ? `0K9${q.developerName.slice(0, 12)}` : null
        });
        queues[q.developerName] = id;
        for (const sobjectType of q.sobjectTypes)
            store.insert('QueueSobject', { QueueId: id, SobjectType: sobjectType });
    }
    // Relay Digital's members come through a public group; Billing and VIP have direct members.
    const agents = group(store, { Name: 'Relay Agents', DeveloperName: PUBLIC_GROUP_NAME, Type: 'Regular' });
    const member = (groupId: string | undefined, userOrGroupId: string): void => {
        if (groupId) store.insert('GroupMember', { GroupId: groupId, UserOrGroupId: userOrGroupId });
    };
    member(agents, DEMO_USER_ID);
    member(agents, SECOND_AGENT_ID);
    member(queues.Relay_Digital, agents);
    member(queues.Relay_Billing, DEMO_USER_ID);
    member(queues.Relay_Billing, SECOND_AGENT_ID);
    member(queues.Relay_VIP, DEMO_USER_ID);

    for (const m of readQueueMappings()) {
        store.insert('Relay_Queue_Mapping__mdt', {
            DeveloperName: m.developerName,
            Label: m.label,
            Genesys_Queue_Id__c: m.genesysQueueId,
            Salesforce_Queue__c: m.salesforceQueue,
            Is_Default__c: m.isDefault
        });
    }
    // What an admin adds for a contact-centre queue with its own digital queue.
    store.insert('Relay_Queue_Mapping__mdt', {
        DeveloperName: 'Billing',
        Label: 'Billing',
        Genesys_Queue_Id__c: SEED_IDS.queues.billing,
        Salesforce_Queue__c: 'Relay_Billing',
        Is_Default__c: false
    });

    const accounts = ['Acme Corporation', 'Globex Retail', 'Initech Services'].map(
        (Name) => store.insert('Account', { Name }).id
    );
    const contacts = [
        { FirstName: 'Dana', LastName: 'Whitfield', AccountId: accounts[0] },
        { FirstName: 'Luis', LastName: 'Ortega', AccountId: accounts[1] },
        { FirstName: 'Priya', LastName: 'Natarajan', AccountId: accounts[2] }
    ].map((c) => store.insert('Contact', { ...c, Name: `${c.FirstName} ${c.LastName}` }).id);
    const leads = [{ Name: 'Morgan Blake', Company: 'Blake Design' }].map((l) => store.insert('Lead', l).id);
    const cases = [
        { CaseNumber: '00001001', Subject: 'Parcel not delivered', Status: 'New' },
        { CaseNumber: '00001002', Subject: 'Refund for a damaged item', Status: 'Working' }
    ].map((c) => store.insert('Case', c).id);
    return { queues, accounts, contacts, leads, cases };
}

/** The records lightning/recordPicker finds: an object's records whose name contains the term. */
export function searchRecords(
    store: RecordStore,
    objectApiName: string,
    term: string,
    limit: number
): { id: string; name: string }[] {
    const wanted = term.trim().toLowerCase();
    const nameOf = (f: Fields): string => String((objectApiName === 'Case' ? f.CaseNumber : f.Name) ?? '');
    return store
        .query(objectApiName)
        .filter((r) => {
            const f = r.fields;
            const haystack = objectApiName === 'Case' ? `${nameOf(f)} ${String(f.Subject ?? '')}` : nameOf(f);
            return haystack.toLowerCase().includes(wanted);
        })
        .sort((a, b) => nameOf(a.fields).localeCompare(nameOf(b.fields)))
        .slice(0, limit)
        .map((r) => ({ id: r.id, name: nameOf(r.fields) }));
}

interface DemoInteraction {
    channel: string;
    status: 'New' | 'Open';
    customer: string;
    digitalId: string;
    tags: string;
    priority: number;
    minutesAgo: number;
    queue: string;
    text: string;
}

/** Waiting digital interactions across the channels, for `npm start`'s Digital tab. */
export const DEMO_INBOX: DemoInteraction[] = [
    {
        channel: 'Chat',
        status: 'New',
        customer: 'Ava Thompson',
        digitalId: 'ava.thompson@example.com',
        tags: 'Delivery;VIP',
        priority: 2,
        minutesAgo: 3,
        queue: 'Relay_Digital',
        text: 'Hi! My parcel was due yesterday and the tracking has not moved since Monday.'
    },
    {
        channel: 'Email',
        status: 'Open',
        customer: 'Ben Carter',
        digitalId: 'ben.carter@example.com',
        tags: 'Billing',
        priority: 1,
        minutesAgo: 12,
        queue: 'Relay_Digital',
        text: 'Thanks for the invoice. Could you also send the one for March? I cannot find it in my account.'
    },
    {
        channel: 'Facebook',
        status: 'New',
        customer: 'Chloe Martin',
        digitalId: 'chloe.martin.fb',
        tags: 'Delivery',
        priority: 3,
        minutesAgo: 25,
        queue: 'Relay_Digital',
        text: 'The courier left my order with a neighbour I do not know. Who do I talk to?'
    },
    {
        channel: 'Instagram',
        status: 'New',
        customer: 'Farah Khan',
        digitalId: '@farah.khan',
        tags: 'Returns',
        priority: 0,
        minutesAgo: 41,
        queue: 'Relay_Digital',
        text: 'Can I return the blue jacket in store, or only by post?'
    },
    {
        channel: 'SMS',
        status: 'Open',
        customer: 'Emma Wilson',
        digitalId: '+44 7700 900456',
        tags: 'Billing;VIP',
        priority: 2,
        minutesAgo: 58,
        queue: 'Relay_Billing',
        text: 'I was charged twice for order 48213.'
    },
    {
        channel: 'WhatsApp',
        status: 'New',
        customer: 'Diego Alvarez',
        digitalId: '+34 600 123 456',
        tags: 'Returns',
        priority: 1,
        minutesAgo: 75,
        queue: 'Relay_Digital',
        text: 'Hola, the shoes are too small. How do I exchange them for a bigger size?'
    }
];

/** Inserts DEMO_INBOX: each interaction owned by its digital queue, with the customer's message. */
export function seedDemoInbox(store: RecordStore, queues: Record<string, string>, now: Date = new Date()): string[] {
    const ctx = { store, userId: EVENT_BRIDGE_USER_ID, now: () => now } as ApexContext;
    return DEMO_INBOX.map((demo, i) => {
        const queueId = queues[demo.queue];
        const at = new Date(now.getTime() - demo.minutesAgo * 60_000).toISOString();
        const interaction = insertRecord(ctx, 'Relay_Interaction__c', {
            OwnerId: queueId,
            Routing_Queue_Id__c: queueId,
            // Demo conversations the simulator does not hold: replying to them reports the contact centre's answer.
            External_Conversation_Id__c: `demo-conversation-${i + 1}`,
            Channel__c: demo.channel,
            Customer_Name__c: demo.customer,
            Digital_Id__c: demo.digitalId,
            Tags__c: demo.tags,
            Priority__c: demo.priority,
            Received_At__c: at,
            Status__c: demo.status,
            Unread__c: true
        });
        insertRecord(ctx, 'Relay_Message__c', {
            Interaction__c: interaction.id,
            Direction__c: 'Inbound',
            Text__c: demo.text,
            Sent_At__c: at,
            Delivery_Status__c: 'Received',
            External_Message_Id__c: `demo-message-${i + 1}`
        });
        return interaction.id;
    });
}
