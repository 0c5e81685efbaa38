// Messaging: the records Salesforce's Interaction Service creates for a Bring Your Own Channel for CCaaS
// conversation (local-org/src/interactionService/, docs/local-org-interaction-service.md). Field lists, labels and
// lengths follow the Field Reference pages
// (https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-<object>.html)
// and the properties the Object Reference pages cited per object; only the fields the Interaction Service sets
// or an agent's console reads are declared.
// Storage: the Messaging Object Model (https://developer.salesforce.com/docs/service/messaging-object-model/guide/messaging_object_model.html)
// keeps MessagingChannel, MessagingEndUser, MessagingSession and Conversation on platform; ConversationEntry is
// "Varies" for enhanced channels ("accessible only via the Connect API. Your location can determine whether the
// ConversationEntry object is used"). The local org stores entries as ConversationEntry records.
// unconfirmed: key prefixes 0Mj MessagingChannel, 0PA MessagingEndUser, 0Mw MessagingSession, 0dw Conversation,
// 0XZ ConversationEntry (not found in the documentation searched).
import { auditFields, f, idField, picklist, ref, text, type StandardObject } from './define';

const OBJECT_REFERENCE = 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/';

// unconfirmed: the MessageType values beyond Text, Facebook and Phone (older Object Reference pages); "Custom" is
// the type ERRORCODES.md 10035 of the Interaction Service API names ("not a type of CUSTOM").
const MESSAGE_TYPES = [
    'Text',
    'Facebook',
    'Phone',
    'WhatsApp',
    'EmbeddedMessaging',
    'AppleBusinessChat',
    'Line',
    'Custom'
];

/** ConsentEnum of the Interaction Service API spec; the same values as MessagingConsentStatus. */
export const CONSENT_STATUSES = ['OptedOut', 'ImplicitlyOptedIn', 'ExplicitlyOptedIn', 'DoublyOptedIn'] as const;

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_messagingchannel.htm
// Supported calls: create, query, update (no delete). ChannelAddressIdentifier string(36): "A UUID that identifies a
// deployed messaging channel" (API 59.0), not createable. ConsentType DoubleOptIn, ExplicitOptIn, ImplicitOptIn
// (the default). ChannelDefinitionId (the ConversationChannelDefinition, a setup object the local org does not
// declare) is left out: the service's options carry the definition's values.
// unconfirmed: MasterLabel's length (80, as DeveloperName), MessagingPlatformKey's length, PlatformType's values.
export const MESSAGING_CHANNEL: StandardObject = {
    name: 'MessagingChannel',
    label: 'Messaging Channel',
    labelPlural: 'Messaging Channels',
    keyPrefix: '0Mj',
    source: `${OBJECT_REFERENCE}sforce_api_objects_messagingchannel.htm`,
    nameField: 'MasterLabel',
    calls: 'cuq',
    fields: [
        idField('Messaging Channel ID'),
        text('DeveloperName', 'Developer Name', 80, 'cu'),
        text('MasterLabel', 'Channel Name', 80, 'cu'),
        text('ChannelAddressIdentifier', 'Channel Address Identifier', 36, 'n'),
        text('MessagingPlatformKey', 'Messaging Platform Key', 255, 'c'),
        picklist('MessageType', 'Message Type', 'c', MESSAGE_TYPES, { restrictedPicklist: true }),
        picklist('PlatformType', 'Platform Type', 'cn', ['Standard', 'Enhanced'], { restrictedPicklist: true }),
        picklist('ConsentType', 'Consent Type', 'cun', ['DoubleOptIn', 'ExplicitOptIn', 'ImplicitOptIn'], {
            restrictedPicklist: true
        }),
        ref('FallbackQueueId', 'Queue ID', 'cun', ['Group'], 'FallbackQueue'),
        f('IsActive', 'Active', 'boolean', 'cud', { defaultValue: false }),
        ...auditFields({ isDeleted: false })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_messagingenduser.htm
// "Represents a single address ... communicating with a single Messaging channel." IsFullyOptedIn (Defaulted on
// create, not createable) compares the user's consent with the channel's ConsentType.
// unconfirmed: Name's and MessagingPlatformKey's lengths (255), MessagingConsentStatus's properties and default
// (the values are the API's ConsentEnum).
export const MESSAGING_END_USER: StandardObject = {
    name: 'MessagingEndUser',
    label: 'Messaging User',
    labelPlural: 'Messaging Users',
    keyPrefix: '0PA',
    source: `${OBJECT_REFERENCE}sforce_api_objects_messagingenduser.htm`,
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Messaging User ID'),
        text('Name', 'Name', 255, 'cu'),
        ref('MessagingChannelId', 'Messaging Channel ID', 'c', ['MessagingChannel'], 'MessagingChannel'),
        text('MessagingPlatformKey', 'Messaging Platform Key', 255, 'c'),
        picklist('MessageType', 'Message Type', 'c', MESSAGE_TYPES, { restrictedPicklist: true }),
        picklist('MessagingConsentStatus', 'Messaging Consent Status', 'cud', CONSENT_STATUSES, {
            restrictedPicklist: true,
            defaultValue: 'ImplicitlyOptedIn'
        }),
        f('IsFullyOptedIn', 'Opted In', 'boolean', 'd', { defaultValue: false }),
        f('HasInitialResponseSent', 'Has Initial Response Been Sent', 'boolean', 'cud', { defaultValue: false }),
        ref('AccountId', 'Account ID', 'cun', ['Account'], 'Account'),
        ref('ContactId', 'Contact ID', 'cun', ['Contact'], 'Contact'),
        ref('LeadId', 'Lead ID', 'cun', ['Lead'], 'Lead'),
        text('IsoCountryCode', 'ISO Country Code', 2, 'cn'),
        text('Locale', 'Locale', 20, 'cn'),
        ref('OwnerId', 'Owner ID', 'cud', ['Group', 'User'], 'Owner'),
        ...auditFields({ viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_conversation.htm
// "A collection of one or more messaging sessions involving a specific messaging user and messaging channel"
// (Messaging Object Model). Supported calls: describeSObjects, query, retrieve: only the platform creates it.
// ConversationIdentifier string(255): "A unique identifier generated for the conversation" (the API's
// conversationIdentifier). ConversationChannelId refers to a messaging channel or a call center.
export const CONVERSATION: StandardObject = {
    name: 'Conversation',
    label: 'Conversation',
    labelPlural: 'Conversations',
    keyPrefix: '0dw',
    source: `${OBJECT_REFERENCE}sforce_api_objects_conversation.htm`,
    nameField: 'Name',
    calls: 'q',
    fields: [
        idField('Conversation ID'),
        text('Name', 'Conversation Name', 80, 'ad'),
        ref('ConversationChannelId', 'Conversation Channel ID', '', ['MessagingChannel'], 'ConversationChannel'),
        text('ConversationIdentifier', 'Conversation Identifier', 255, ''),
        f('StartTime', 'Conversation Start time', 'datetime', 'n'),
        f('EndTime', 'Conversation End time', 'datetime', 'n'),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_messagingsession.htm
// AgentType Agent, Bot, BotToAgent, System; AcceptTime "when an agent accepts an incoming Messaging session";
// SessionKey string(36), ChannelKey string(150), ChannelName string(80) (Field Reference).
// unconfirmed: the Status values (New, Waiting, Active, Inactive, Paused, Ended, Error, Consent) and Origin's
// (InboundInitiated, OutboundInitiated, TriggeredOutbound); that Name is an auto-number.
export const MESSAGING_SESSION: StandardObject = {
    name: 'MessagingSession',
    label: 'Messaging Session',
    labelPlural: 'Messaging Sessions',
    keyPrefix: '0Mw',
    source: `${OBJECT_REFERENCE}sforce_api_objects_messagingsession.htm`,
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Messaging Session ID'),
        text('Name', 'Messaging Session Name', 255, 'ad'),
        ref('MessagingChannelId', 'Messaging Channel ID', 'c', ['MessagingChannel'], 'MessagingChannel'),
        ref('MessagingEndUserId', 'Messaging User ID', 'c', ['MessagingEndUser'], 'MessagingEndUser'),
        ref('ConversationId', 'Conversation ID', 'n', ['Conversation'], 'Conversation'),
        picklist(
            'Status',
            'Status',
            'cu',
            ['New', 'Waiting', 'Active', 'Inactive', 'Paused', 'Ended', 'Error', 'Consent'],
            {
                restrictedPicklist: true
            }
        ),
        picklist('Origin', 'Origin', 'cn', ['InboundInitiated', 'OutboundInitiated', 'TriggeredOutbound'], {
            restrictedPicklist: true
        }),
        picklist('AgentType', 'Agent Type', 'cdn', ['Agent', 'Bot', 'BotToAgent', 'System'], {
            restrictedPicklist: true,
            defaultValue: 'Agent'
        }),
        picklist('ChannelType', 'Channel Type', 'n', MESSAGE_TYPES, { restrictedPicklist: true }),
        text('ChannelName', 'Channel Name', 80, 'n'),
        text('ChannelKey', 'Channel Key', 150, 'n'),
        text('SessionKey', 'Session Key', 36, 'n'),
        f('StartTime', 'Start Time', 'datetime', 'cn'),
        f('AcceptTime', 'Accept Time', 'datetime', 'cun'),
        f('EndTime', 'End Time', 'datetime', 'cn'),
        ref('CaseId', 'Case ID', 'cun', ['Case'], 'Case'),
        ref('EndUserAccountId', 'Account ID', 'cun', ['Account'], 'EndUserAccount'),
        ref('EndUserContactId', 'Contact ID', 'cun', ['Contact'], 'EndUserContact'),
        ref('OwnerId', 'Owner ID', 'cud', ['Group', 'User'], 'Owner'),
        ...auditFields({ viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_conversationentry.htm
// "Represents a message or event in a voice call or messaging session." ActorType Agent, Bot, EndUser, Supervisor,
// System (picklist(40)); ActorName string(650); ConversationId "The MessagingSession ID this entry belongs to"
// (also VoiceCall, not declared here); EntryType picklist(40) "a message (text) or an event". Special access:
// the "Access Conversation Entries" user permission (API 50.0).
// unconfirmed: EntryType values beyond Text, AdminOptedIn, AdminOptedOut, BotEscalated (RoutingResult is the spec's
// EntryType, used for POST /routingResult); Message's type and length;
// MessageIdentifier (the partner's entry id) and HasAttachments' properties.
export const CONVERSATION_ENTRY: StandardObject = {
    name: 'ConversationEntry',
    label: 'Conversation Entry',
    labelPlural: 'Conversation Entries',
    keyPrefix: '0XZ',
    source: `${OBJECT_REFERENCE}sforce_api_objects_conversationentry.htm`,
    calls: 'cudq',
    fields: [
        idField('Conversation Entry ID'),
        ref('ConversationId', 'Conversation ID', 'c', ['MessagingSession'], 'Conversation'),
        ref('ActorId', 'Actor ID', 'cn', ['MessagingEndUser', 'User'], 'Actor'),
        text('ActorName', 'Actor Name', 650, 'cn'),
        picklist('ActorType', 'Actor Type', 'c', ['Agent', 'Bot', 'EndUser', 'Supervisor', 'System'], {
            length: 40,
            restrictedPicklist: true
        }),
        picklist(
            'EntryType',
            'Entry Type',
            'c',
            ['Text', 'AdminOptedIn', 'AdminOptedOut', 'BotEscalated', 'RoutingResult'],
            {
                length: 40,
                restrictedPicklist: true
            }
        ),
        f('EntryTime', 'Entry Start Time', 'datetime', 'c'),
        f('ClientTimestamp', 'ClientTimestamp', 'datetime', 'cn'),
        f('Message', 'Message', 'textarea', 'cn', { length: 32000 }),
        text('MessageIdentifier', 'Message Identifier', 255, 'cn'),
        f('HasAttachments', 'Has Attachments', 'boolean', 'cd', { defaultValue: false }),
        ...auditFields()
    ]
};

export const MESSAGING_OBJECTS: readonly StandardObject[] = [
    MESSAGING_CHANNEL,
    MESSAGING_END_USER,
    CONVERSATION,
    MESSAGING_SESSION,
    CONVERSATION_ENTRY
];
