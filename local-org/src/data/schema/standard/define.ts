// A compact way to declare standard objects as the Salesforce Object Reference lists them. Each field carries the
// reference's "Properties" in short form, so a declaration reads like the page it cites:
//   c = Create, u = Update, n = Nillable, d = Defaulted on create, a = Autonumber, k = Calculated (system-computed).
// Field lengths and labels follow the Salesforce Field Reference
// (https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/...), which lists
// "Field Name | Field Label | Type | Length" for each standard object.
import type { ApexValue } from '../../../runtime/values';
import type { FieldDescribe, FieldType, ObjectDescribe, ObjectKind, SharingModel } from '../../schemaTypes';

export interface StandardField {
    readonly name: string;
    readonly label: string;
    readonly type: FieldType;
    readonly props: string;
    readonly length?: number;
    readonly precision?: number;
    readonly scale?: number;
    /** Objects the reference may point to; an empty list means any object (WorkItemId, LinkedEntityId...). */
    readonly referenceTo?: readonly string[];
    readonly relationshipName?: string;
    /** The parent's name for the children through this field ('Contacts' for Contact.AccountId). */
    readonly childRelationshipName?: string;
    readonly cascadeDelete?: boolean;
    readonly picklistValues?: readonly string[];
    readonly restrictedPicklist?: boolean;
    readonly defaultValue?: ApexValue;
    readonly unique?: boolean;
    readonly externalId?: boolean;
    /** Overrides the default rule (field-level security applies to nillable, non-system fields). */
    readonly permissionable?: boolean;
    /** An auto-number's display format, as in a custom field's metadata ('{00000000}'). */
    readonly displayFormat?: string;
}

export interface StandardObject {
    readonly name: string;
    readonly label: string;
    readonly labelPlural: string;
    readonly keyPrefix: string;
    /** The Object Reference page the declaration follows. */
    readonly source: string;
    /** Listed in "sObjects That Can't Be Used Together in DML Operations" (Apex Developer Guide). */
    readonly setup?: boolean;
    readonly sharingModel?: SharingModel;
    readonly nameField?: string;
    /** Supported calls, as c(reate) u(pdate) d(elete) q(uery): 'cudq' for an ordinary object. */
    readonly calls: string;
    readonly fields: readonly StandardField[];
}

type Extra = Omit<Partial<StandardField>, 'name' | 'label' | 'type' | 'props'>;

export function f(name: string, label: string, type: FieldType, props: string, extra: Extra = {}): StandardField {
    return { name, label, type, props, ...extra };
}

export function text(name: string, label: string, length: number, props: string, extra: Extra = {}): StandardField {
    return f(name, label, 'string', props, { length, ...extra });
}

export function picklist(
    name: string,
    label: string,
    props: string,
    values: readonly string[] = [],
    extra: Extra = {}
) {
    return f(name, label, 'picklist', props, { length: 255, picklistValues: values, ...extra });
}

export function ref(
    name: string,
    label: string,
    props: string,
    referenceTo: readonly string[],
    relationshipName: string,
    extra: Extra = {}
): StandardField {
    return f(name, label, 'reference', props, { length: 18, referenceTo, relationshipName, ...extra });
}

export const idField = (label: string): StandardField => f('Id', label, 'id', 'd', { length: 18 });

/**
 * The audit fields most objects carry (Object Reference, "System Fields":
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/system_fields.htm):
 * set by the platform, never by the caller.
 */
export function auditFields(options: { isDeleted?: boolean; viewed?: boolean } = {}): StandardField[] {
    const fields = [
        ref('CreatedById', 'Created By ID', 'd', ['User'], 'CreatedBy'),
        f('CreatedDate', 'Created Date', 'datetime', 'd'),
        ref('LastModifiedById', 'Last Modified By ID', 'd', ['User'], 'LastModifiedBy'),
        f('LastModifiedDate', 'Last Modified Date', 'datetime', 'd'),
        f('SystemModstamp', 'System Modstamp', 'datetime', 'd')
    ];
    if (options.isDeleted !== false) fields.push(f('IsDeleted', 'Deleted', 'boolean', 'd', { defaultValue: false }));
    if (options.viewed) {
        fields.push(f('LastViewedDate', 'Last Viewed Date', 'datetime', 'n'));
        fields.push(f('LastReferencedDate', 'Last Referenced Date', 'datetime', 'n'));
    }
    return fields;
}

const SYSTEM_FIELDS = new Set([
    'id',
    'createdbyid',
    'createddate',
    'lastmodifiedbyid',
    'lastmodifieddate',
    'systemmodstamp',
    'isdeleted'
]);

/** Whether field-level security applies: not to system fields nor to fields a record must have (not nillable). */
export function isPermissionable(name: string, props: string): boolean {
    return !SYSTEM_FIELDS.has(name.toLowerCase()) && props.includes('n');
}

export function toFieldDescribe(field: StandardField): FieldDescribe {
    const createable = field.props.includes('c');
    return {
        name: field.name,
        label: field.label,
        type: field.type,
        length: field.length,
        precision: field.precision,
        scale: field.scale,
        // schemaTypes: nillable is false only when a value is required on create.
        nillable: field.props.includes('n') || field.props.includes('d') || !createable,
        createable,
        updateable: field.props.includes('u'),
        calculated: field.props.includes('k') || field.props.includes('a'),
        autoNumber: field.props.includes('a'),
        defaultValue: field.defaultValue,
        picklistValues: field.picklistValues,
        restrictedPicklist: field.restrictedPicklist,
        referenceTo: field.referenceTo,
        relationshipName: field.relationshipName,
        cascadeDelete: field.cascadeDelete,
        unique: field.unique,
        externalId: field.externalId,
        permissionable: field.permissionable ?? isPermissionable(field.name, field.props),
        custom: false,
        ...(field.displayFormat ? { displayFormat: field.displayFormat } : {})
    } as FieldDescribe;
}

export function toObjectDescribe(object: StandardObject, kind: ObjectKind = object.setup ? 'setup' : 'standard') {
    const fields = new Map<string, FieldDescribe>();
    for (const field of object.fields) fields.set(field.name.toLowerCase(), toFieldDescribe(field));
    const describe: ObjectDescribe = {
        name: object.name,
        label: object.label,
        labelPlural: object.labelPlural,
        keyPrefix: object.keyPrefix,
        kind,
        custom: false,
        setup: object.setup === true,
        fields,
        childRelationships: [],
        sharingModel: object.sharingModel,
        nameField: object.nameField,
        createable: object.calls.includes('c'),
        updateable: object.calls.includes('u'),
        deleteable: object.calls.includes('d'),
        queryable: object.calls.includes('q'),
        source: object.source
    };
    return describe;
}
