// Users, profiles, permission sets, groups and queues: the objects Relay's tests create users and queues with and
// its selectors read queue membership from. Only the fields Relay or its tests touch, plus those a record cannot be
// saved without, are declared; each object cites its Object Reference page.
//
// Key prefixes: 005 User, 00e Profile, 00G Group, 011 GroupMember, 00D Organization are listed in "Obscure
// Salesforce object key prefixes" (http://www.fishofprey.com/2011/09/obscure-salesforce-object-key-prefixes.html)
// and Salesforce knowledge article 000005995 as quoted by
// http://salesforcegenius.com/salesforce-object-id-prefixes-decoder-cereal-box-decoder-ring-salesforce-ids/.
import { auditFields, f, idField, picklist, ref, text, type StandardObject } from './define';

const OBJECT_REFERENCE = 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/';

/** The user permissions Relay's profiles and permission sets speak of, as Profile/PermissionSet fields. */
const PERMISSION_FIELDS = [
    ['PermissionsModifyAllData', 'Modify All Data'],
    ['PermissionsViewAllData', 'View All Data'],
    ['PermissionsViewSetup', 'View Setup and Configuration'],
    ['PermissionsAuthorApex', 'Author Apex'],
    ['PermissionsApiEnabled', 'API Enabled'],
    ['PermissionsCustomizeApplication', 'Customize Application'],
    ['PermissionsManageUsers', 'Manage Users']
].map(([name, label]) => f(name, label, 'boolean', 'cud', { defaultValue: false }));

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm
// Field lengths: Field Reference "User" (Alias 8, Username 80, FirstName 40, LastName 80, CommunityNickname 40,
// EmailEncodingKey 40, Email 128 per the 234.0 Field Reference table).
// Organization-wide default for users: Public Read Only (https://biswajeetsamal.com/blog/owd-for-standard-objects-in-new-org).
export const USER: StandardObject = {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    source: `${OBJECT_REFERENCE}sforce_api_objects_user.htm`,
    setup: true,
    sharingModel: 'Read',
    nameField: 'Name',
    // Users are deactivated, never deleted.
    calls: 'cuq',
    fields: [
        idField('User ID'),
        text('Username', 'Username', 80, 'cu', { unique: true }),
        text('LastName', 'Last Name', 80, 'cu'),
        text('FirstName', 'First Name', 40, 'cun'),
        text('Name', 'Full Name', 121, 'k'),
        text('Alias', 'Alias', 8, 'cu'),
        f('Email', 'Email', 'email', 'cu', { length: 128 }),
        text('CommunityNickname', 'Nickname', 40, 'cud'),
        picklist('EmailEncodingKey', 'Email Encoding', 'cu', [], { length: 40 }),
        picklist('LanguageLocaleKey', 'Language', 'cu', [], { length: 40 }),
        picklist('LocaleSidKey', 'Locale', 'cu', [], { length: 40 }),
        picklist('TimeZoneSidKey', 'Time Zone', 'cu', [], { length: 40 }),
        ref('ProfileId', 'Profile ID', 'cu', ['Profile'], 'Profile', { childRelationshipName: 'Users' }),
        ref('ManagerId', 'Manager ID', 'cun', ['User'], 'Manager', { childRelationshipName: 'ManagedUsers' }),
        ref('ContactId', 'Contact ID', 'cn', ['Contact'], 'Contact'),
        ref('AccountId', 'Account ID', 'n', ['Account'], 'Account'),
        f('IsActive', 'Active', 'boolean', 'cud', { defaultValue: true }),
        picklist('UserType', 'User Type', 'd', ['Standard', 'PowerPartner', 'CspLitePortal', 'CustomerSuccess'], {
            length: 40,
            restrictedPicklist: true
        }),
        text('Title', 'Title', 80, 'cun'),
        text('Department', 'Department', 80, 'cun'),
        text('CompanyName', 'Company Name', 80, 'cun'),
        f('Phone', 'Phone', 'phone', 'cun', { length: 40 }),
        f('MobilePhone', 'Mobile', 'phone', 'cun', { length: 40 }),
        text('FederationIdentifier', 'SAML Federation ID', 512, 'cun'),
        f('LastLoginDate', 'Last Login', 'datetime', 'n'),
        f('SmallPhotoUrl', 'Photo', 'url', 'n', { length: 1024 }),
        f('FullPhotoUrl', 'Url for full-sized Photo', 'url', 'n', { length: 1024 }),
        // Users have no IsDeleted: they are never deleted.
        ...auditFields({ isDeleted: false, viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_profile.htm
// unconfirmed: whether Apex may insert profiles (declared query/update only, as Relay never creates one).
export const PROFILE: StandardObject = {
    name: 'Profile',
    label: 'Profile',
    labelPlural: 'Profiles',
    keyPrefix: '00e',
    source: `${OBJECT_REFERENCE}sforce_api_objects_profile.htm`,
    nameField: 'Name',
    calls: 'uq',
    fields: [
        idField('Profile ID'),
        text('Name', 'Name', 255, 'cu'),
        text('Description', 'Description', 255, 'cun'),
        picklist('UserType', 'User Type', 'n', [], { length: 40 }),
        ...PERMISSION_FIELDS,
        ...auditFields({ isDeleted: false, viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionset.htm
// Field lengths: Field Reference "PermissionSet" (Name 80, Label 80, Description 255, NamespacePrefix 15).
// Key prefix 0PS: used by public Salesforce tooling code; unconfirmed in Salesforce's own documentation.
export const PERMISSION_SET: StandardObject = {
    name: 'PermissionSet',
    label: 'Permission Set',
    labelPlural: 'Permission Sets',
    keyPrefix: '0PS',
    source: `${OBJECT_REFERENCE}sforce_api_objects_permissionset.htm`,
    setup: true,
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Permission Set ID'),
        text('Name', 'Permission Set Name', 80, 'cu'),
        text('Label', 'Permission Set Label', 80, 'cu'),
        text('Description', 'Description', 255, 'cun'),
        f('IsOwnedByProfile', 'Is Owned By Profile', 'boolean', 'd', { defaultValue: false }),
        f('IsCustom', 'Is Custom', 'boolean', 'd', { defaultValue: true }),
        f('HasActivationRequired', 'Session Activation Required', 'boolean', 'cud', { defaultValue: false }),
        ref('ProfileId', 'Profile ID', 'n', ['Profile'], 'Profile'),
        text('NamespacePrefix', 'Namespace Prefix', 15, 'n'),
        ...PERMISSION_FIELDS,
        ...auditFields({ isDeleted: false })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_permissionsetassignment.htm
// It has no CreatedDate or LastModified fields, only SystemModstamp.
// unconfirmed: key prefix 0Pa (as the brief gives it; not found in the documentation searched).
export const PERMISSION_SET_ASSIGNMENT: StandardObject = {
    name: 'PermissionSetAssignment',
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    keyPrefix: '0Pa',
    source: `${OBJECT_REFERENCE}sforce_api_objects_permissionsetassignment.htm`,
    setup: true,
    calls: 'cudq',
    fields: [
        idField('Permission Set Assignment ID'),
        ref('AssigneeId', 'Assignee ID', 'c', ['User'], 'Assignee', {
            childRelationshipName: 'PermissionSetAssignments'
        }),
        ref('PermissionSetId', 'Permission Set ID', 'c', ['PermissionSet'], 'PermissionSet', {
            childRelationshipName: 'Assignments'
        }),
        f('IsActive', 'Is Active', 'boolean', 'd', { defaultValue: true }),
        f('ExpirationDate', 'Expiration Date', 'datetime', 'cun'),
        f('SystemModstamp', 'System Modstamp', 'datetime', 'd')
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_objectpermissions.htm
// The object access a permission set grants, as records: Apex tests create permission sets this way. Key prefix
// 110 (unconfirmed; from third-party prefix lists).
export const OBJECT_PERMISSIONS: StandardObject = {
    name: 'ObjectPermissions',
    label: 'Object Permissions',
    labelPlural: 'Object Permissions',
    keyPrefix: '110',
    source: `${OBJECT_REFERENCE}sforce_api_objects_objectpermissions.htm`,
    setup: true,
    calls: 'cudq',
    fields: [
        idField('Object Permissions ID'),
        ref('ParentId', 'Parent ID', 'c', ['PermissionSet'], 'Parent', { childRelationshipName: 'ObjectPerms' }),
        text('SobjectType', 'Sobject Type Name', 40, 'c'),
        f('PermissionsCreate', 'Create Records', 'boolean', 'cud', { defaultValue: false }),
        f('PermissionsRead', 'Read Records', 'boolean', 'cud', { defaultValue: false }),
        f('PermissionsEdit', 'Edit Records', 'boolean', 'cud', { defaultValue: false }),
        f('PermissionsDelete', 'Delete Records', 'boolean', 'cud', { defaultValue: false }),
        f('PermissionsViewAllRecords', 'View All Records', 'boolean', 'cud', { defaultValue: false }),
        f('PermissionsModifyAllRecords', 'Modify All Records', 'boolean', 'cud', { defaultValue: false }),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fieldpermissions.htm
// Field-level security a permission set grants; Field is 'Object.Field'. Key prefix 01k (unconfirmed).
export const FIELD_PERMISSIONS: StandardObject = {
    name: 'FieldPermissions',
    label: 'Field Permissions',
    labelPlural: 'Field Permissions',
    keyPrefix: '01k',
    source: `${OBJECT_REFERENCE}sforce_api_objects_fieldpermissions.htm`,
    setup: true,
    calls: 'cudq',
    fields: [
        idField('Field Permissions ID'),
        ref('ParentId', 'Parent ID', 'c', ['PermissionSet'], 'Parent', { childRelationshipName: 'FieldPerms' }),
        text('SobjectType', 'Sobject Type Name', 40, 'c'),
        text('Field', 'Field Name', 121, 'c'),
        f('PermissionsRead', 'Read Access', 'boolean', 'cud', { defaultValue: false }),
        f('PermissionsEdit', 'Edit Access', 'boolean', 'cud', { defaultValue: false }),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_group.htm
// Type values from the Object Reference (Regular, Queue, Role, RoleAndSubordinates, Organization, Manager...).
// QueueRoutingConfigId: the Omni-Channel routing configuration of a queue (Relay selects queues without one).
// unconfirmed: that Type is required on insert (Relay always sets it).
export const GROUP: StandardObject = {
    name: 'Group',
    label: 'Group',
    labelPlural: 'Groups',
    keyPrefix: '00G',
    source: `${OBJECT_REFERENCE}sforce_api_objects_group.htm`,
    setup: true,
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Group ID'),
        text('Name', 'Name', 40, 'cun'),
        text('DeveloperName', 'Developer Name', 80, 'cud'),
        picklist(
            'Type',
            'Type',
            'c',
            [
                'Regular',
                'Queue',
                'Role',
                'RoleAndSubordinates',
                'RoleAndSubordinatesInternal',
                'Organization',
                'Manager',
                'ManagerAndSubordinatesInternal',
                'Territory',
                'TerritoryAndSubordinates'
            ],
            { length: 40, restrictedPicklist: true }
        ),
        f('Email', 'Email', 'email', 'cun', { length: 255 }),
        f('DoesSendEmailToMembers', 'Send Email to Members', 'boolean', 'cud', { defaultValue: false }),
        f('DoesIncludeBosses', 'Include Bosses', 'boolean', 'cud', { defaultValue: true }),
        ref('OwnerId', 'Owner ID', 'cud', ['User', 'Organization'], 'Owner'),
        ref('RelatedId', 'Related ID', 'n', ['User'], 'Related'),
        ref('QueueRoutingConfigId', 'Routing Configuration ID', 'cun', ['QueueRoutingConfig'], 'QueueRoutingConfig'),
        ...auditFields({ isDeleted: false })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_groupmember.htm
// A membership is created or deleted, never edited.
export const GROUP_MEMBER: StandardObject = {
    name: 'GroupMember',
    label: 'Group Member',
    labelPlural: 'Group Members',
    keyPrefix: '011',
    source: `${OBJECT_REFERENCE}sforce_api_objects_groupmember.htm`,
    setup: true,
    calls: 'cdq',
    fields: [
        idField('Group Member ID'),
        ref('GroupId', 'Group ID', 'c', ['Group'], 'Group', {
            childRelationshipName: 'GroupMembers',
            cascadeDelete: true
        }),
        ref('UserOrGroupId', 'User/Group ID', 'c', ['User', 'Group'], 'UserOrGroup'),
        f('SystemModstamp', 'System Modstamp', 'datetime', 'd')
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_queuesobject.htm
// unconfirmed: key prefix 03g.
export const QUEUE_SOBJECT: StandardObject = {
    name: 'QueueSobject',
    label: 'Queue Sobject',
    labelPlural: 'Queue Sobjects',
    keyPrefix: '03g',
    source: `${OBJECT_REFERENCE}sforce_api_objects_queuesobject.htm`,
    setup: true,
    calls: 'cdq',
    fields: [
        idField('Queue Sobject ID'),
        ref('QueueId', 'Group ID', 'c', ['Group'], 'Queue', {
            childRelationshipName: 'QueueSobjects',
            cascadeDelete: true
        }),
        picklist('SobjectType', 'Sobject Type', 'c', [], { length: 40 }),
        ref('CreatedById', 'Created By ID', 'd', ['User'], 'CreatedBy'),
        f('SystemModstamp', 'System Modstamp', 'datetime', 'd')
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_organization.htm
// The one record of the org; Apex reads it, never writes it.
export const ORGANIZATION: StandardObject = {
    name: 'Organization',
    label: 'Organization',
    labelPlural: 'Organizations',
    keyPrefix: '00D',
    source: `${OBJECT_REFERENCE}sforce_api_objects_organization.htm`,
    nameField: 'Name',
    calls: 'q',
    fields: [
        idField('Organization ID'),
        text('Name', 'Name', 80, ''),
        text('Division', 'Division', 80, 'n'),
        text('InstanceName', 'Instance Name', 5, 'n'),
        f('IsSandbox', 'Is Sandbox', 'boolean', 'd', { defaultValue: false }),
        picklist('OrganizationType', 'Edition', 'n', [], { length: 40 }),
        text('NamespacePrefix', 'Namespace Prefix', 15, 'n'),
        picklist('TimeZoneSidKey', 'Default Time Zone', '', [], { length: 40 }),
        picklist('LanguageLocaleKey', 'Language', '', [], { length: 40 }),
        picklist('DefaultLocaleSidKey', 'Default Locale', '', [], { length: 40 }),
        f('TrialExpirationDate', 'Trial Expiration Date', 'datetime', 'n'),
        ...auditFields({ isDeleted: false })
    ]
};

export const IDENTITY_OBJECTS: readonly StandardObject[] = [
    USER,
    PROFILE,
    PERMISSION_SET,
    PERMISSION_SET_ASSIGNMENT,
    OBJECT_PERMISSIONS,
    FIELD_PERMISSIONS,
    GROUP,
    GROUP_MEMBER,
    QUEUE_SOBJECT,
    ORGANIZATION
];
