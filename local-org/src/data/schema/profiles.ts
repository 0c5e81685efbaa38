// The two standard profiles a runtime needs: the System Administrator tests run as, and the Standard User Relay's
// tests create agents with. Standard profiles cannot be edited and are not part of a project's metadata, so they
// are declared here.
//
// Salesforce Help, "Standard Profiles" (https://help.salesforce.com/s/articleView?id=platform.standard_profiles.htm&type=5):
//   System Administrator: "Can configure and customize the application. Has access to all functionality that
//   doesn't require an extra license."
//   Standard User: "Can create and edit most major types of records, run reports, and view the org's setup."
// Force.com Fundamentals, "Standard Profiles"
// (https://developer.salesforce.com/docs/atlas.en-us.198.0.fundamentals.meta/fundamentals/adg_securing_data_standard_profiles.htm):
//   "When a custom object is created, most profiles (except those with 'Modify All Data') don't give access to the
//   object." So the Standard User gets nothing on the project's custom objects; Relay grants that with permission
//   sets.
import type { ObjectPermission, PermissionSetModel } from './permissions';

const STANDARD_PROFILES_HELP = 'https://help.salesforce.com/s/articleView?id=platform.standard_profiles.htm&type=5';

function profile(
    name: string,
    userPermissions: readonly string[],
    objectPermissions: readonly ObjectPermission[],
    standardFieldAccess: 'read' | 'edit'
): PermissionSetModel {
    return {
        name,
        label: name,
        hasActivationRequired: false,
        isProfile: true,
        objectPermissions,
        fieldPermissions: [],
        classAccesses: [],
        pageAccesses: [],
        customPermissions: [],
        userPermissions,
        customMetadataTypeAccesses: [],
        customSettingAccesses: [],
        externalCredentialPrincipalAccesses: [],
        servicePresenceStatusAccesses: [],
        tabSettings: [],
        applicationVisibilities: [],
        standardFieldAccess,
        source: STANDARD_PROFILES_HELP
    };
}

/** Object permissions from a short form: c(reate) r(ead) e(dit) d(elete). */
function access(object: string, crud: string): ObjectPermission {
    return {
        object,
        allowCreate: crud.includes('c'),
        allowRead: crud.includes('r'),
        allowEdit: crud.includes('e'),
        allowDelete: crud.includes('d'),
        viewAllRecords: false,
        modifyAllRecords: false
    };
}

/**
 * Modify All Data gives every object and field (see UserAccess); View Setup, Author Apex, Customize Application and
 * Manage Users are the administrator's configuration rights.
 */
export const SYSTEM_ADMINISTRATOR: PermissionSetModel = profile(
    'System Administrator',
    [
        'ModifyAllData',
        'ViewAllData',
        'ViewSetup',
        'AuthorApex',
        'CustomizeApplication',
        'ManageUsers',
        'ApiEnabled',
        'ViewAllCustomSettings'
    ],
    [],
    'edit'
);

/**
 * "Can create and edit most major types of records": read, create, edit and delete on accounts, contacts, leads and
 * cases; read on the users, groups, queues and setup records every user sees; files a user uploads.
 * unconfirmed: the exact object permissions of the Enterprise Edition Standard User profile (Delete on the CRM
 * objects, the Omni-Channel and file objects' rights, ApiEnabled); only "create and edit most major types of
 * records, run reports, and view the org's setup" is documented in the pages found.
 */
export const STANDARD_USER: PermissionSetModel = profile(
    'Standard User',
    ['ViewSetup', 'RunReports', 'ApiEnabled', 'EditTask', 'EditEvent', 'ConvertLeads'],
    [
        access('Account', 'cred'),
        access('Contact', 'cred'),
        access('Lead', 'cred'),
        access('Case', 'cred'),
        access('User', 'r'),
        access('Profile', 'r'),
        access('PermissionSet', 'r'),
        access('PermissionSetAssignment', 'r'),
        access('Group', 'r'),
        access('GroupMember', 'r'),
        access('QueueSobject', 'r'),
        access('Organization', 'r'),
        access('ContentVersion', 'cre'),
        access('ContentDocument', 'red'),
        access('ContentDocumentLink', 'crd'),
        access('PendingServiceRouting', 'cred'),
        access('AgentWork', 'cre'),
        access('ServiceChannel', 'r'),
        access('ServicePresenceStatus', 'r'),
        access('QueueRoutingConfig', 'r'),
        access('UserServicePresence', 'r'),
        access('AsyncApexJob', 'r'),
        access('ApexClass', 'r'),
        access('CronTrigger', 'r')
    ],
    'edit'
);

export const STANDARD_PROFILES: readonly PermissionSetModel[] = [SYSTEM_ADMINISTRATOR, STANDARD_USER];
