// The org's schema as the runtime sees it: one ObjectDescribe per object, built from the project's object
// metadata (custom objects, custom metadata types, custom settings, platform events, share objects) and from
// declarations of the standard objects (each citing its Salesforce Object Reference page). SOQL, DML,
// validation, sharing, user mode and Schema.describe all read it. Names are looked up case-insensitively.
import type { ApexValue } from '../runtime/values';

/** Field types as DescribeFieldResult.getType() names them (Schema.DisplayType), lower-cased. */
export type FieldType =
    | 'id'
    | 'string'
    | 'textarea'
    | 'email'
    | 'phone'
    | 'url'
    | 'picklist'
    | 'multipicklist'
    | 'combobox'
    | 'boolean'
    | 'integer'
    | 'long'
    | 'double'
    | 'currency'
    | 'percent'
    | 'date'
    | 'datetime'
    | 'time'
    | 'reference'
    | 'base64'
    | 'encryptedstring'
    | 'address'
    | 'location'
    | 'anytype';

export interface FieldDescribe {
    /** Canonical API name, e.g. 'Work_State__c', 'OwnerId'. */
    readonly name: string;
    readonly label: string;
    readonly type: FieldType;
    /** Maximum length of text fields (characters). */
    readonly length?: number;
    /** Total digits and digits after the point of number, currency and percent fields. */
    readonly precision?: number;
    readonly scale?: number;
    /** False when a value is required on create (the field is not nillable and has no default). */
    readonly nillable: boolean;
    readonly createable: boolean;
    readonly updateable: boolean;
    /** Formula, roll-up, auto-number and system fields the platform computes. */
    readonly calculated: boolean;
    readonly autoNumber: boolean;
    /** The value a new record gets when none is given (an Apex value: false for a checkbox...). */
    readonly defaultValue?: ApexValue;
    /** Active picklist values, in order; `restrictedPicklist` refuses any other value on save. */
    readonly picklistValues?: readonly string[];
    readonly restrictedPicklist?: boolean;
    /** Objects a lookup or master-detail may point to (several for a polymorphic field such as OwnerId). */
    readonly referenceTo?: readonly string[];
    /** The parent relationship name, e.g. 'Interaction__r', 'Owner'. */
    readonly relationshipName?: string;
    /** Master-detail: the child is deleted with its parent, and sharing is controlled by the parent. */
    readonly cascadeDelete?: boolean;
    readonly unique?: boolean;
    readonly externalId?: boolean;
    readonly caseSensitive?: boolean;
    /** Whether field-level security applies (false for required fields and system fields, as in an org). */
    readonly permissionable: boolean;
    readonly custom: boolean;
    /** Formula text, for calculated fields whose value the runtime computes (only simple ones are supported). */
    readonly formula?: string;
}

export interface ChildRelationship {
    /** The child object, e.g. 'Relay_Message__c'. */
    readonly childObject: string;
    /** The child's field pointing to the parent, e.g. 'Interaction__c'. */
    readonly field: string;
    /** The name used in a subquery, e.g. 'Relay_Messages__r'. */
    readonly relationshipName: string;
    readonly cascadeDelete: boolean;
}

/** Org-wide default access, as the object's sharingModel (ControlledByParent for a master-detail child). */
export type SharingModel = 'Private' | 'Read' | 'ReadWrite' | 'ReadWriteTransfer' | 'FullAccess' | 'ControlledByParent';

export type ObjectKind =
    'standard' | 'custom' | 'customMetadata' | 'customSetting' | 'platformEvent' | 'share' | 'setup' | 'aggregate';

export interface ObjectDescribe {
    /** Canonical API name, e.g. 'Relay_Interaction__c', 'User', 'Relay_Interaction__Share'. */
    readonly name: string;
    readonly label: string;
    readonly labelPlural: string;
    /** The three-character Id prefix, e.g. '005' for User, 'a00'.. for custom objects. */
    readonly keyPrefix: string;
    readonly kind: ObjectKind;
    readonly custom: boolean;
    /** Setup objects (User, Group, GroupMember, PermissionSetAssignment...) cannot be mixed with others in DML. */
    readonly setup: boolean;
    /** Fields by lower-cased API name. */
    readonly fields: ReadonlyMap<string, FieldDescribe>;
    readonly childRelationships: readonly ChildRelationship[];
    /** Organisation-wide default for internal access; undefined for objects without record sharing. */
    readonly sharingModel?: SharingModel;
    /** The field holding the record's name ('Name', 'CaseNumber', 'Title'...). */
    readonly nameField?: string;
    readonly createable: boolean;
    readonly updateable: boolean;
    readonly deleteable: boolean;
    readonly queryable: boolean;
    /** For a custom setting: 'Hierarchy' or 'List'. */
    readonly customSettingType?: 'Hierarchy' | 'List';
    /** Where the declaration comes from: a metadata file path or an Object Reference URL. */
    readonly source: string;
}

export interface OrgSchema {
    /** Every object, by lower-cased API name. */
    readonly objects: ReadonlyMap<string, ObjectDescribe>;
    object(name: string): ObjectDescribe | undefined;
    objectByKeyPrefix(prefix: string): ObjectDescribe | undefined;
    field(objectName: string, fieldName: string): FieldDescribe | undefined;
    /** The field whose relationshipName is `relationshipName` (e.g. 'Owner' -> OwnerId). */
    parentRelationship(objectName: string, relationshipName: string): FieldDescribe | undefined;
    childRelationship(objectName: string, relationshipName: string): ChildRelationship | undefined;
}

/** A record as the org stores it. `values` holds field values by lower-cased API name (Apex values). */
export interface StoredRecord {
    readonly id: string;
    /** Canonical object API name. */
    readonly objectName: string;
    readonly values: Map<string, ApexValue>;
}
