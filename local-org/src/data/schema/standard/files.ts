// Salesforce Files: Relay copies message attachments into ContentVersion records published on the message
// (FirstPublishLocationId), which creates the ContentDocument and its ContentDocumentLink.
// Field lengths: Field Reference "ContentVersion", "ContentDocument" and "ContentDocumentLink"
// (https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-contentversion.html,
// .../salesforce-field-reference-contentdocumentlink.html).
// unconfirmed: key prefixes 068 ContentVersion, 069 ContentDocument, 06A ContentDocumentLink (as the brief gives
// them; not found in the documentation searched).
import { auditFields, f, idField, picklist, ref, text, type StandardObject } from './define';

const OBJECT_REFERENCE = 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/';

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contentversion.htm
// Supported calls: create, describeLayout, describeSObjects, query, retrieve, search, update, upsert (no delete:
// a file is deleted through its ContentDocument).
// unconfirmed: PathOnClient length 500; ContentLocation S/E/L and Origin C/H values.
export const CONTENT_VERSION: StandardObject = {
    name: 'ContentVersion',
    label: 'Content Version',
    labelPlural: 'Content Versions',
    keyPrefix: '068',
    source: `${OBJECT_REFERENCE}sforce_api_objects_contentversion.htm`,
    nameField: 'Title',
    calls: 'cuq',
    fields: [
        idField('ContentVersion ID'),
        text('Title', 'Title', 255, 'cud'),
        text('PathOnClient', 'Path On Client', 500, 'cn'),
        f('VersionData', 'Version Data', 'base64', 'cun'),
        f('Description', 'Description', 'textarea', 'cun', { length: 1000 }),
        ref('ContentDocumentId', 'Content Document ID', 'cd', ['ContentDocument'], 'ContentDocument', {
            childRelationshipName: 'ContentVersions',
            cascadeDelete: true
        }),
        // Any record a file can be shared with; the polymorphic reference names no single object.
        ref('FirstPublishLocationId', 'First Publish Location ID', 'cn', [], 'FirstPublishLocation'),
        text('VersionNumber', 'Version Number', 20, 'n'),
        f('IsLatest', 'Is Latest', 'boolean', 'd', { defaultValue: true }),
        f('ContentSize', 'Size', 'integer', 'n', { precision: 9 }),
        text('FileExtension', 'File Extension', 40, 'n'),
        text('FileType', 'File Type', 20, 'n'),
        text('Checksum', 'Checksum', 50, 'n'),
        picklist('ContentLocation', 'Content Location', 'cd', ['S', 'E', 'L'], { length: 40, defaultValue: 'S' }),
        picklist('Origin', 'Content Origin', 'cd', ['C', 'H'], { length: 40, defaultValue: 'C' }),
        text('ReasonForChange', 'Reason For Change', 255, 'cun'),
        ref('OwnerId', 'Owner ID', 'cud', ['User'], 'Owner'),
        ...auditFields()
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contentdocument.htm
// Created by inserting a ContentVersion, never directly.
export const CONTENT_DOCUMENT: StandardObject = {
    name: 'ContentDocument',
    label: 'Content Document',
    labelPlural: 'Content Documents',
    keyPrefix: '069',
    source: `${OBJECT_REFERENCE}sforce_api_objects_contentdocument.htm`,
    nameField: 'Title',
    calls: 'udq',
    fields: [
        idField('ContentDocument ID'),
        text('Title', 'Title', 255, 'u'),
        f('Description', 'Description', 'textarea', 'un', { length: 1000 }),
        text('FileType', 'File Type', 20, 'n'),
        text('FileExtension', 'File Extension', 40, 'n'),
        f('ContentSize', 'Size', 'integer', 'n', { precision: 9 }),
        ref(
            'LatestPublishedVersionId',
            'Latest Published Version ID',
            'n',
            ['ContentVersion'],
            'LatestPublishedVersion'
        ),
        picklist('PublishStatus', 'Publish Status', '', ['U', 'P', 'R'], { length: 40 }),
        f('IsArchived', 'Is Archived', 'boolean', 'd', { defaultValue: false }),
        f('ArchivedDate', 'Archived Date', 'date', 'n'),
        f('ContentModifiedDate', 'Content Modified Date', 'datetime', 'n'),
        ref('OwnerId', 'Owner ID', 'ud', ['User'], 'Owner'),
        ...auditFields({ viewed: true })
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contentdocumentlink.htm
// ShareType: V (Viewer), C (Collaborator), I (Inferred); Visibility: AllUsers, InternalUsers, SharedUsers.
// It has no audit fields but SystemModstamp and IsDeleted.
export const CONTENT_DOCUMENT_LINK: StandardObject = {
    name: 'ContentDocumentLink',
    label: 'Content Document Link',
    labelPlural: 'Content Document Links',
    keyPrefix: '06A',
    source: `${OBJECT_REFERENCE}sforce_api_objects_contentdocumentlink.htm`,
    calls: 'cudq',
    fields: [
        idField('ContentDocumentLink ID'),
        ref('ContentDocumentId', 'Content Document ID', 'c', ['ContentDocument'], 'ContentDocument', {
            childRelationshipName: 'ContentDocumentLinks',
            cascadeDelete: true
        }),
        // Any record that supports files; the polymorphic reference names no single object.
        ref('LinkedEntityId', 'Linked Entity ID', 'c', [], 'LinkedEntity'),
        picklist('ShareType', 'Share Type', 'cun', ['V', 'C', 'I'], { length: 40, restrictedPicklist: true }),
        picklist('Visibility', 'Visibility', 'cund', ['AllUsers', 'InternalUsers', 'SharedUsers'], {
            length: 40,
            restrictedPicklist: true
        }),
        f('IsDeleted', 'Is Deleted', 'boolean', 'd', { defaultValue: false }),
        f('SystemModstamp', 'System Modstamp', 'datetime', 'd')
    ]
};

export const FILE_OBJECTS: readonly StandardObject[] = [CONTENT_VERSION, CONTENT_DOCUMENT, CONTENT_DOCUMENT_LINK];
