// Omni-Channel: Relay routes an interaction to an agent with external routing (the external-routing queue takes it,
// Omni-Channel creates its PendingServiceRouting: org/omniQueueRouting.ts; Relay then creates the AgentWork),
// reads the agent's presence status, and checks queues for a routing configuration. Field lists and lengths follow the Field Reference pages
// (https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-pendingservicerouting.html,
// ...-agentwork.html, ...-servicepresencestatus.html) and the Object Reference pages cited per object.
// unconfirmed: key prefixes 0JR PendingServiceRouting, 0Bz AgentWork, 0N9 ServiceChannel, 0N5 ServicePresenceStatus,
// 0K9 QueueRoutingConfig, 0Hn UserServicePresence (not found in the documentation searched).
import { auditFields, f, idField, picklist, ref, text, type StandardObject } from './define';

const OBJECT_REFERENCE = 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/';

const ROUTING_MODELS = ['LeastActive', 'MostAvailable', 'ExternalRouting'];

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_pendingservicerouting.htm
// CapacityWeight double(10,2), CapacityPercentage percent(5,2), DropAdditionalSkillsTimeout int(9) per the Field
// Reference. unconfirmed: the RoutingType values (QueueBased, SkillsBased; no Salesforce document lists an
// ExternalRouting routing type: external routing is a RoutingModel, ../shared/reference/reviews/salesforce-review.md A1),
// that RoutingModel and RoutingPriority are createable in API 65.0.
export const PENDING_SERVICE_ROUTING: StandardObject = {
    name: 'PendingServiceRouting',
    label: 'Pending Service Routing',
    labelPlural: 'Pending Service Routing',
    keyPrefix: '0JR',
    source: `${OBJECT_REFERENCE}sforce_api_objects_pendingservicerouting.htm`,
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Pending Service Routing ID'),
        text('Name', 'Name', 255, 'ad'),
        ref('WorkItemId', 'Work Item ID', 'c', [], 'WorkItem'),
        ref('ServiceChannelId', 'Service Channel ID', 'c', ['ServiceChannel'], 'ServiceChannel'),
        picklist('RoutingType', 'Routing Type', 'c', ['QueueBased', 'SkillsBased'], {
            restrictedPicklist: true
        }),
        picklist('RoutingModel', 'Routing Model', 'cn', ROUTING_MODELS, { restrictedPicklist: true }),
        f('RoutingPriority', 'Routing Priority', 'integer', 'cn', { precision: 9 }),
        f('CapacityWeight', 'Capacity Weight', 'double', 'cun', { precision: 10, scale: 2 }),
        f('CapacityPercentage', 'Capacity Percentage', 'percent', 'cun', { precision: 5, scale: 2 }),
        f('IsReadyForRouting', 'Is Ready For Routing', 'boolean', 'cud', { defaultValue: false }),
        ref('GroupId', 'Group ID', 'cn', ['Group'], 'Group'),
        ref('PreferredUserId', 'Preferred User ID', 'cun', ['User'], 'PreferredUser'),
        f('IsPreferredUserRequired', 'Is Preferred User Required', 'boolean', 'cud', { defaultValue: false }),
        f('IsPushed', 'Is Pushed', 'boolean', 'd', { defaultValue: false }),
        f('IsPushAttempted', 'Is Push Attempted', 'boolean', 'd', { defaultValue: false }),
        f('IsTransfer', 'Is Transfer', 'boolean', 'd', { defaultValue: false }),
        f('CustomRequestedDateTime', 'Custom Requested Date', 'datetime', 'cun'),
        f('DropAdditionalSkillsTimeout', 'Drop Additional Skills Time-Out', 'integer', 'cun', { precision: 9 }),
        ref('OwnerId', 'Owner ID', 'd', ['Group', 'User'], 'Owner'),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_agentwork.htm
// Created by the routing application (Omni-Channel Developer Guide, "Step 4: Create AgentWork":
// ServiceChannelId, WorkItemId, UserId, PendingServiceRoutingId). Status is set by Omni-Channel.
// unconfirmed: the Status values (Assigned, Unavailable, Declined, Opened, Closed, DeclinedOnPushTimeout, Canceled,
// Transferred).
export const AGENT_WORK: StandardObject = {
    name: 'AgentWork',
    label: 'Agent Work',
    labelPlural: 'Agent Work',
    keyPrefix: '0Bz',
    source: `${OBJECT_REFERENCE}sforce_api_objects_agentwork.htm`,
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Agent Work ID'),
        text('Name', 'Name', 255, 'ad'),
        ref('UserId', 'User ID', 'c', ['User'], 'User'),
        ref('WorkItemId', 'Work Item ID', 'c', [], 'WorkItem'),
        ref('ServiceChannelId', 'Service Channel ID', 'c', ['ServiceChannel'], 'ServiceChannel'),
        ref(
            'PendingServiceRoutingId',
            'Pending Service Routing ID',
            'cn',
            ['PendingServiceRouting'],
            'PendingServiceRouting'
        ),
        picklist(
            'Status',
            'Status',
            'd',
            [
                'Assigned',
                'Unavailable',
                'Declined',
                'Opened',
                'Closed',
                'DeclinedOnPushTimeout',
                'Canceled',
                'Transferred'
            ],
            { restrictedPicklist: true, defaultValue: 'Assigned' }
        ),
        f('CapacityWeight', 'Units of Capacity', 'double', 'cn', { precision: 10, scale: 2 }),
        f('CapacityPercentage', 'Percentage of Capacity', 'percent', 'cn', { precision: 5, scale: 2 }),
        picklist('RoutingModel', 'Routing Model', 'n', ROUTING_MODELS),
        f('RoutingPriority', 'Routing Priority', 'integer', 'n', { precision: 9 }),
        f('AcceptDateTime', 'Accept Date', 'datetime', 'n'),
        f('AssignedDateTime', 'Assign Date', 'datetime', 'n'),
        f('CloseDateTime', 'Close Date', 'datetime', 'n'),
        f('DeclineDateTime', 'Decline Date', 'datetime', 'n'),
        f('RequestDateTime', 'Request Date', 'datetime', 'n'),
        ref('OriginalQueueId', 'Original Queue ID', 'n', ['Group'], 'OriginalQueue'),
        ref('OwnerId', 'Owner ID', 'd', ['User'], 'Owner'),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_servicechannel.htm
// Defined by metadata (serviceChannels/); Apex only reads it. RelatedEntity is the object the channel routes.
export const SERVICE_CHANNEL: StandardObject = {
    name: 'ServiceChannel',
    label: 'Service Channel',
    labelPlural: 'Service Channels',
    keyPrefix: '0N9',
    source: `${OBJECT_REFERENCE}sforce_api_objects_servicechannel.htm`,
    nameField: 'MasterLabel',
    calls: 'q',
    fields: [
        idField('Service Channel ID'),
        text('DeveloperName', 'Developer Name', 80, ''),
        text('MasterLabel', 'Label', 80, ''),
        picklist('Language', 'Master Language', 'n', [], { length: 40 }),
        picklist('RelatedEntity', 'Salesforce Object', '', []),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_servicepresencestatus.htm
// Supported calls: create, query, update, retrieve. Field Reference: DeveloperName 80, MasterLabel 80, Language 40.
export const SERVICE_PRESENCE_STATUS: StandardObject = {
    name: 'ServicePresenceStatus',
    label: 'Presence Status',
    labelPlural: 'Presence Statuses',
    keyPrefix: '0N5',
    source: `${OBJECT_REFERENCE}sforce_api_objects_servicepresencestatus.htm`,
    nameField: 'MasterLabel',
    calls: 'cuq',
    fields: [
        idField('Service Presence Status ID'),
        text('DeveloperName', 'Developer Name', 80, 'cu'),
        text('MasterLabel', 'Status Name', 80, 'cu'),
        picklist('Language', 'Master Language', 'cund', [], { length: 40 }),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_queueroutingconfig.htm
// Defined by metadata (queueRoutingConfigs/); Apex only reads it.
// unconfirmed: field lengths (DeveloperName and MasterLabel 80, as on the other Omni-Channel setup objects).
export const QUEUE_ROUTING_CONFIG: StandardObject = {
    name: 'QueueRoutingConfig',
    label: 'Routing Configuration',
    labelPlural: 'Routing Configurations',
    keyPrefix: '0K9',
    source: `${OBJECT_REFERENCE}sforce_api_objects_queueroutingconfig.htm`,
    nameField: 'MasterLabel',
    calls: 'q',
    fields: [
        idField('Queue Routing Config ID'),
        text('DeveloperName', 'Developer Name', 80, ''),
        text('MasterLabel', 'Routing Configuration Name', 80, ''),
        picklist('Language', 'Master Language', 'n', [], { length: 40 }),
        picklist('RoutingModel', 'Routing Model', '', ROUTING_MODELS),
        f('RoutingPriority', 'Routing Priority', 'integer', '', { precision: 9 }),
        f('CapacityWeight', 'Units of Capacity', 'double', 'n', { precision: 10, scale: 2 }),
        f('CapacityPercentage', 'Percentage of Capacity', 'percent', 'n', { precision: 5, scale: 2 }),
        f('PushTimeout', 'Push Time-Out', 'integer', 'n', { precision: 9 }),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_userservicepresence.htm
// Omni-Channel records an agent's presence; Apex reads it.
export const USER_SERVICE_PRESENCE: StandardObject = {
    name: 'UserServicePresence',
    label: 'User Presence',
    labelPlural: 'User Presences',
    keyPrefix: '0Hn',
    source: `${OBJECT_REFERENCE}sforce_api_objects_userservicepresence.htm`,
    nameField: 'Name',
    calls: 'q',
    fields: [
        idField('User Service Presence ID'),
        text('Name', 'Name', 255, 'ad'),
        ref('UserId', 'User ID', '', ['User'], 'User'),
        ref('ServicePresenceStatusId', 'Presence Status ID', '', ['ServicePresenceStatus'], 'ServicePresenceStatus'),
        f('IsCurrentState', 'Is Current State', 'boolean', 'd', { defaultValue: false }),
        f('IsAway', 'Is Away', 'boolean', 'd', { defaultValue: false }),
        f('StatusStartDate', 'Status Start Date', 'datetime', 'n'),
        f('StatusEndDate', 'Status End Date', 'datetime', 'n'),
        f('StatusDuration', 'Status Duration', 'integer', 'n', { precision: 9 }),
        f('ConfiguredCapacity', 'Configured Capacity', 'integer', 'n', { precision: 9 }),
        ref('OwnerId', 'Owner ID', 'd', ['User'], 'Owner'),
        ...auditFields()
    ]
};

export const OMNI_OBJECTS: readonly StandardObject[] = [
    PENDING_SERVICE_ROUTING,
    AGENT_WORK,
    SERVICE_CHANNEL,
    SERVICE_PRESENCE_STATUS,
    QUEUE_ROUTING_CONFIG,
    USER_SERVICE_PRESENCE
];
