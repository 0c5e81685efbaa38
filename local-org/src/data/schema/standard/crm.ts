// The CRM records an agent names an interaction with (the disposition's Name and Relates To): accounts, contacts,
// leads and cases. Only the fields Relay or its tests touch, those a record needs to be saved, and the common
// ones a query shows are declared.
//
// Key prefixes 001, 003, 00Q, 500: Salesforce knowledge article 000005995, as listed in
// https://dfc-org-production.force.com/forums/ForumsMain?id=906F0000000BOVlIAO and
// http://www.fishofprey.com/2011/09/obscure-salesforce-object-key-prefixes.html.
// Organization-wide defaults of a new org (Account Public Read/Write, Contact Controlled by Parent, Lead and Case
// Public Read/Write/Transfer): https://biswajeetsamal.com/blog/owd-for-standard-objects-in-new-org (third party;
// unconfirmed in Salesforce Help).
import { auditFields, f, idField, picklist, ref, text, type StandardField, type StandardObject } from './define';

const OBJECT_REFERENCE = 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/';

function address(prefix: string, label: string): StandardField[] {
    const named = (part: string): string => `${label} ${part}`.trim();
    return [
        f(`${prefix}Street`, named('Street'), 'textarea', 'cun', { length: 255 }),
        text(`${prefix}City`, named('City'), 40, 'cun'),
        text(`${prefix}State`, named('State/Province'), 80, 'cun'),
        text(`${prefix}PostalCode`, named('Zip/Postal Code'), 20, 'cun'),
        text(`${prefix}Country`, named('Country'), 80, 'cun')
    ];
}

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_account.htm
// unconfirmed: the Type values of a new org (Prospect, Customer - Direct...); the picklist is not restricted.
export const ACCOUNT: StandardObject = {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    source: `${OBJECT_REFERENCE}sforce_api_objects_account.htm`,
    sharingModel: 'ReadWrite',
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Account ID'),
        text('Name', 'Account Name', 255, 'cu'),
        text('AccountNumber', 'Account Number', 40, 'cun'),
        picklist('Type', 'Account Type', 'cun', [
            'Prospect',
            'Customer - Direct',
            'Customer - Channel',
            'Channel Partner / Reseller',
            'Installation Partner',
            'Technology Partner',
            'Other'
        ]),
        picklist('Industry', 'Industry', 'cun'),
        f('Phone', 'Account Phone', 'phone', 'cun', { length: 40 }),
        f('Fax', 'Account Fax', 'phone', 'cun', { length: 40 }),
        f('Website', 'Website', 'url', 'cun', { length: 255 }),
        f('Description', 'Account Description', 'textarea', 'cun', { length: 32000 }),
        ...address('Billing', 'Billing'),
        ...address('Shipping', 'Shipping'),
        f('AnnualRevenue', 'Annual Revenue', 'currency', 'cun', { precision: 18, scale: 0 }),
        f('NumberOfEmployees', 'Employees', 'integer', 'cun', { precision: 8 }),
        ref('ParentId', 'Parent Account ID', 'cun', ['Account'], 'Parent', { childRelationshipName: 'ChildAccounts' }),
        ref('OwnerId', 'Owner ID', 'cud', ['User'], 'Owner'),
        f('LastActivityDate', 'Last Activity', 'date', 'n'),
        ...auditFields({ viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm
// Name is the read-only compound of Salutation, FirstName and LastName.
export const CONTACT: StandardObject = {
    name: 'Contact',
    label: 'Contact',
    labelPlural: 'Contacts',
    keyPrefix: '003',
    source: `${OBJECT_REFERENCE}sforce_api_objects_contact.htm`,
    sharingModel: 'ControlledByParent',
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Contact ID'),
        ref('AccountId', 'Account ID', 'cun', ['Account'], 'Account', { childRelationshipName: 'Contacts' }),
        text('LastName', 'Last Name', 80, 'cu'),
        text('FirstName', 'First Name', 40, 'cun'),
        picklist('Salutation', 'Salutation', 'cun', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']),
        text('Name', 'Full Name', 121, ''),
        f('Email', 'Email', 'email', 'cun', { length: 80 }),
        f('Phone', 'Business Phone', 'phone', 'cun', { length: 40 }),
        f('MobilePhone', 'Mobile Phone', 'phone', 'cun', { length: 40 }),
        text('Title', 'Title', 128, 'cun'),
        text('Department', 'Department', 80, 'cun'),
        picklist('LeadSource', 'Lead Source', 'cun', LEAD_SOURCES),
        f('Birthdate', 'Birthdate', 'date', 'cun'),
        f('Description', 'Contact Description', 'textarea', 'cun', { length: 32000 }),
        ...address('Mailing', 'Mailing'),
        ref('ReportsToId', 'Reports To ID', 'cun', ['Contact'], 'ReportsTo'),
        ref('OwnerId', 'Owner ID', 'cud', ['User'], 'Owner'),
        f('LastActivityDate', 'Last Activity', 'date', 'n'),
        ...auditFields({ viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_lead.htm
// LastName and Company are required; Status defaults to the org's default lead status.
// unconfirmed: the Status values of a new org (Open - Not Contacted, Working - Contacted, Closed - Converted,
// Closed - Not Converted).
export const LEAD: StandardObject = {
    name: 'Lead',
    label: 'Lead',
    labelPlural: 'Leads',
    keyPrefix: '00Q',
    source: `${OBJECT_REFERENCE}sforce_api_objects_lead.htm`,
    sharingModel: 'ReadWriteTransfer',
    nameField: 'Name',
    calls: 'cudq',
    fields: [
        idField('Lead ID'),
        text('LastName', 'Last Name', 80, 'cu'),
        text('FirstName', 'First Name', 40, 'cun'),
        picklist('Salutation', 'Salutation', 'cun', ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']),
        text('Name', 'Full Name', 121, ''),
        text('Company', 'Company', 255, 'cu'),
        picklist(
            'Status',
            'Status',
            'cud',
            ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
            { defaultValue: 'Open - Not Contacted' }
        ),
        text('Title', 'Title', 128, 'cun'),
        f('Email', 'Email', 'email', 'cun', { length: 80 }),
        f('Phone', 'Phone', 'phone', 'cun', { length: 40 }),
        f('MobilePhone', 'Mobile Phone', 'phone', 'cun', { length: 40 }),
        picklist('LeadSource', 'Lead Source', 'cun', LEAD_SOURCES),
        picklist('Industry', 'Industry', 'cun'),
        picklist('Rating', 'Rating', 'cun', ['Hot', 'Warm', 'Cold']),
        f('Description', 'Description', 'textarea', 'cun', { length: 32000 }),
        ...address('', ''),
        ref('OwnerId', 'Owner ID', 'cud', ['Group', 'User'], 'Owner'),
        f('IsConverted', 'Converted', 'boolean', 'cd', { defaultValue: false }),
        f('ConvertedDate', 'Converted Date', 'date', 'n'),
        ref('ConvertedAccountId', 'Converted Account ID', 'n', ['Account'], 'ConvertedAccount'),
        ref('ConvertedContactId', 'Converted Contact ID', 'n', ['Contact'], 'ConvertedContact'),
        f('IsUnreadByOwner', 'Unread By Owner', 'boolean', 'cud', { defaultValue: false }),
        f('LastActivityDate', 'Last Activity', 'date', 'n'),
        ...auditFields({ viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_case.htm
// Field lengths: Field Reference "Case" (CaseNumber 30, SuppliedName/SuppliedCompany 80, SuppliedEmail 80,
// Description 32000, Comments 4000). CaseNumber is an auto-number the platform assigns, shown with eight digits.
// unconfirmed: the starting number of a new org's case numbers (here 1: 00000001).
// unconfirmed: the Status, Priority and Origin values and defaults of a new org (New/Working/Escalated/Closed,
// High/Medium/Low, Phone/Email/Web).
export const CASE: StandardObject = {
    name: 'Case',
    label: 'Case',
    labelPlural: 'Cases',
    keyPrefix: '500',
    source: `${OBJECT_REFERENCE}sforce_api_objects_case.htm`,
    sharingModel: 'ReadWriteTransfer',
    nameField: 'CaseNumber',
    calls: 'cudq',
    fields: [
        idField('Case ID'),
        text('CaseNumber', 'Case Number', 30, 'ad', { displayFormat: '{00000000}' }),
        text('Subject', 'Subject', 255, 'cun'),
        f('Description', 'Description', 'textarea', 'cun', { length: 32000 }),
        f('Comments', 'Internal Comments', 'textarea', 'cun', { length: 4000 }),
        picklist('Status', 'Status', 'cud', ['New', 'Working', 'Escalated', 'Closed'], { defaultValue: 'New' }),
        picklist('Priority', 'Priority', 'cud', ['High', 'Medium', 'Low'], { defaultValue: 'Medium' }),
        picklist('Origin', 'Case Origin', 'cun', ['Phone', 'Email', 'Web']),
        picklist('Type', 'Case Type', 'cun'),
        picklist('Reason', 'Case Reason', 'cun'),
        ref('AccountId', 'Account ID', 'cun', ['Account'], 'Account', { childRelationshipName: 'Cases' }),
        ref('ContactId', 'Contact ID', 'cun', ['Contact'], 'Contact', { childRelationshipName: 'Cases' }),
        ref('ParentId', 'Parent Case ID', 'cun', ['Case'], 'Parent', { childRelationshipName: 'Cases' }),
        ref('OwnerId', 'Owner ID', 'cud', ['Group', 'User'], 'Owner'),
        f('IsClosed', 'Closed', 'boolean', 'd', { defaultValue: false }),
        f('ClosedDate', 'Closed Date', 'datetime', 'n'),
        f('IsEscalated', 'Escalated', 'boolean', 'cud', { defaultValue: false }),
        text('SuppliedName', 'Name', 80, 'cun'),
        f('SuppliedEmail', 'Email Address', 'email', 'cun', { length: 80 }),
        f('SuppliedPhone', 'Phone', 'phone', 'cun', { length: 40 }),
        text('SuppliedCompany', 'Company', 80, 'cun'),
        f('ContactEmail', 'Contact Email', 'email', 'n', { length: 80 }),
        f('ContactPhone', 'Contact Phone', 'phone', 'n', { length: 40 }),
        ...auditFields({ viewed: true })
    ]
};

export const CRM_OBJECTS: readonly StandardObject[] = [ACCOUNT, CONTACT, LEAD, CASE];
