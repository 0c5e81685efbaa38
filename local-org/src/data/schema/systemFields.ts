// The fields the platform gives every object a project defines, before its custom fields.
import type { ObjectDefinition } from './definitions';
import { auditFields, f, idField, picklist, ref, text, type StandardField } from './standard/define';

/**
 * A custom object's standard fields (Object Reference, "Custom Object__c":
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_custom_object__c.htm
 * — "System fields and properties behave the same on custom objects as they do on standard objects"; and "System
 * Fields": .../system_fields.htm). OwnerId is polymorphic (User, Group: a queue can own a record) and absent on a
 * master-detail child, whose owner is its master's. Name is text (80) or an auto-number (30) the platform assigns.
 * unconfirmed: Name text length 80 and the Name of a text name field being defaulted (to the record Id) when omitted.
 */
export function customObjectFields(object: ObjectDefinition, isDetail: boolean): StandardField[] {
    const fields: StandardField[] = [idField('Record ID')];
    if (!isDetail) fields.push(ref('OwnerId', 'Owner ID', 'cud', ['Group', 'User'], 'Owner'));
    const nameLabel = object.nameField?.label ?? `${object.label} Name`;
    fields.push(
        object.nameField?.type === 'AutoNumber'
            ? text('Name', nameLabel, 30, 'ad')
            : text('Name', nameLabel, 80, 'cud', { permissionable: false })
    );
    fields.push(...auditFields({ viewed: true }));
    if (object.enableActivities) fields.push(f('LastActivityDate', 'Last Activity Date', 'date', 'n'));
    return fields;
}

/**
 * A custom metadata type's standard fields (Object Reference, "CustomMetadataType__mdt":
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_custommetadatatype__mdt.htm).
 * Apex may set them on a record built in memory (Relay's tests do: new Relay_Queue_Mapping__mdt(DeveloperName = ...))
 * but never save it with DML.
 * unconfirmed: lengths DeveloperName/MasterLabel/Label 40, QualifiedApiName 70, NamespacePrefix 15; Language as a
 * picklist (the page lists Label as a picklist and Language as a string, which looks swapped).
 */
export function customMetadataFields(): StandardField[] {
    return [
        idField('Custom Metadata Record ID'),
        text('DeveloperName', 'Custom Metadata Record Name', 40, 'cu'),
        text('MasterLabel', 'Label', 40, 'cu'),
        text('Label', 'Label', 40, 'cun'),
        picklist('Language', 'Master Language', 'cun', [], { length: 40 }),
        text('NamespacePrefix', 'Namespace Prefix', 15, 'cun'),
        text('QualifiedApiName', 'Qualified API Name', 70, 'cun')
    ];
}

/**
 * A custom setting's standard fields. A hierarchy setting's records belong to the organization, a profile or a user
 * (SetupOwnerId); a list setting's are named (Name). Apex Developer Guide, "Custom Settings Methods":
 * https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_custom_settings.htm.
 * unconfirmed: Name length 38; SetupOwnerId defaulting to the organization when an inserted record has none.
 */
export function customSettingFields(type: 'Hierarchy' | 'List'): StandardField[] {
    const fields: StandardField[] = [idField('Record ID')];
    if (type === 'Hierarchy') {
        fields.push(text('Name', 'Name', 38, 'cud', { permissionable: false }));
        // One record per owner: "inserting a hierarchy custom setting record with the same SetupOwnerId [as one
        // inserted in a testSetup method] throws a DUPLICATE_VALUE exception" (Apex Reference, "Hierarchy Custom
        // Setting Methods").
        fields.push(
            ref('SetupOwnerId', 'Location', 'cud', ['Organization', 'Profile', 'User'], 'SetupOwner', { unique: true })
        );
    } else {
        fields.push(text('Name', 'Name', 38, 'cu'));
    }
    fields.push(...auditFields());
    return fields;
}

/**
 * A platform event's standard fields (Field Reference of standard events, e.g.
 * https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-remotekeycalloutevent.html:
 * ReplayId string(1000), EventUuid string(36), CreatedDate, CreatedById). The platform sets them on publish.
 */
export function platformEventFields(): StandardField[] {
    return [
        text('ReplayId', 'Replay ID', 1000, 'n'),
        text('EventUuid', 'Event UUID', 36, 'n'),
        ref('CreatedById', 'Created By ID', 'd', ['User'], 'CreatedBy'),
        f('CreatedDate', 'Created Date', 'datetime', 'd')
    ];
}

/**
 * The share object of a custom object whose sharing model is Private or Public Read Only (Object Reference,
 * "StandardObjectNameShare" / "CustomObject__Share": AccessLevel picklist Create/Update/Restricted, ParentId and
 * UserOrGroupId Create, RowCause Create/Nillable/Restricted; Field Reference lengths: AccessLevel and RowCause 40).
 * Apex Developer Guide, "Sharing a Record Using Apex"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/apex_bulk_sharing_creating_with_apex.htm):
 * AccessLevel is Read, Edit or All (All only for the owner's row); RowCause defaults to Manual; Apex sharing
 * reasons add RowCause values named Reason__c.
 * unconfirmed: the built-in RowCause values of a custom object (Owner, Manual, Rule).
 */
export function shareObjectFields(parent: string, sharingReasons: readonly string[]): StandardField[] {
    return [
        idField('Share ID'),
        ref('ParentId', 'Parent ID', 'c', [parent], 'Parent', { childRelationshipName: 'Shares', cascadeDelete: true }),
        ref('UserOrGroupId', 'User/Group ID', 'c', ['User', 'Group'], 'UserOrGroup'),
        picklist('AccessLevel', 'Access Level', 'cu', ['Read', 'Edit', 'All'], {
            length: 40,
            restrictedPicklist: true
        }),
        picklist('RowCause', 'Row Cause', 'cnd', ['Owner', 'Manual', 'Rule', ...sharingReasons.map((r) => `${r}__c`)], {
            length: 40,
            restrictedPicklist: true,
            defaultValue: 'Manual'
        }),
        ref('LastModifiedById', 'Last Modified By ID', 'd', ['User'], 'LastModifiedBy'),
        f('LastModifiedDate', 'Last Modified Date', 'datetime', 'd'),
        f('IsDeleted', 'Deleted', 'boolean', 'd', { defaultValue: false })
    ];
}
