// A custom field's metadata (CustomField, Metadata API Developer Guide:
// https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customfield.htm) as the field describe
// Apex sees. The describe type names are Schema.DisplayType's; the default lengths are those Setup gives a field
// that has none in its metadata.
import type { ApexValue } from '../../runtime/values';
import type { FieldDescribe, FieldType } from '../schemaTypes';
import type { FieldDefinition, ObjectDefinitionKind } from './definitions';
import { MetadataError } from './errors';
import { parseBoolean, parseDecimal, withScale } from './literals';

interface TypeInfo {
    readonly type: FieldType;
    /** Length when the metadata gives none. */
    readonly length?: number;
}

// unconfirmed: default lengths Email 80, Phone 40, Url 255, TextArea 255, MultiselectPicklist 4099 (the describe
// lengths of such fields in orgs; the Metadata API does not write them).
const TYPES: Readonly<Record<string, TypeInfo>> = {
    Text: { type: 'string' },
    TextArea: { type: 'textarea', length: 255 },
    LongTextArea: { type: 'textarea' },
    Html: { type: 'textarea' },
    EncryptedText: { type: 'encryptedstring' },
    Email: { type: 'email', length: 80 },
    Phone: { type: 'phone', length: 40 },
    Url: { type: 'url', length: 255 },
    Checkbox: { type: 'boolean' },
    Number: { type: 'double' },
    Currency: { type: 'currency' },
    Percent: { type: 'percent' },
    Date: { type: 'date' },
    DateTime: { type: 'datetime' },
    Time: { type: 'time' },
    Picklist: { type: 'picklist', length: 255 },
    MultiselectPicklist: { type: 'multipicklist', length: 4099 },
    Lookup: { type: 'reference', length: 18 },
    MasterDetail: { type: 'reference', length: 18 },
    Hierarchy: { type: 'reference', length: 18 },
    MetadataRelationship: { type: 'string', length: 255 },
    AutoNumber: { type: 'string', length: 30 },
    Location: { type: 'location' },
    // A roll-up summary's result type depends on the field it summarises; a number is the common case.
    Summary: { type: 'double' }
};

/** The metadata field types the local org understands. */
export const KNOWN_FIELD_TYPES: readonly string[] = Object.keys(TYPES);

/** A field describe that also carries an auto-number's display format (not in FieldDescribe; see displayFormatOf). */
export interface ProjectFieldDescribe extends FieldDescribe {
    readonly displayFormat?: string;
}

/** An auto-number field's display format, e.g. 'RI-{00000000}', when the schema came from the project. */
export function displayFormatOf(field: FieldDescribe): string | undefined {
    return (field as ProjectFieldDescribe).displayFormat;
}

/** The `__r` name a lookup or master-detail field is traversed by: Interaction__c -> Interaction__r. */
export function parentRelationshipName(fieldName: string): string {
    return fieldName.replace(/__c$/i, '__r');
}

function defaultValueOf(field: FieldDefinition, info: TypeInfo, warn: (message: string) => void): ApexValue {
    if (field.type === 'Checkbox' && !field.formula) {
        return field.defaultValue === undefined ? false : (parseBoolean(field.defaultValue) ?? unsupportedDefault());
    }
    if (field.picklist?.defaultValue !== undefined) return field.picklist.defaultValue;
    if (field.defaultValue === undefined) return undefined;
    const text = field.defaultValue.trim();
    if (info.type === 'double' || info.type === 'currency' || info.type === 'percent') {
        const decimal = parseDecimal(text);
        if (decimal) return field.scale === undefined ? decimal : withScale(decimal, field.scale);
    }
    const quoted = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/.exec(text);
    if (
        quoted &&
        (info.type === 'string' || info.type === 'textarea' || info.type === 'email' || info.type === 'url')
    ) {
        return (quoted[1] ?? quoted[2]).replace(/\\(.)/g, '$1');
    }
    return unsupportedDefault();

    function unsupportedDefault(): undefined {
        // A default computed when a record is created (TODAY(), $User.Id...) has no static value here.
        warn(`${field.source}: default value formula "${field.defaultValue}" is not applied by the local org`);
        return undefined;
    }
}

// A text formula's result is at most 1,300 characters. unconfirmed: that describe reports 1300 as its length.
const TEXT_FORMULA_LENGTH = 1300;

function lengthOf(field: FieldDefinition, info: TypeInfo): number | undefined {
    if (info.type === 'double' || info.type === 'currency' || info.type === 'percent') return undefined;
    if (field.formula !== undefined && info.type === 'string') return TEXT_FORMULA_LENGTH;
    return field.length ?? info.length;
}

/**
 * The describe of a custom field. `kind` is the kind of object it belongs to: field-level security applies only to
 * fields of custom and standard objects (custom metadata types, custom settings and platform events have none).
 */
export function customFieldDescribe(
    field: FieldDefinition,
    kind: ObjectDefinitionKind,
    warn: (message: string) => void = () => undefined
): ProjectFieldDescribe {
    const info = TYPES[field.type];
    if (!info) {
        throw new MetadataError(
            field.source,
            `field ${field.fullName} has type "${field.type}", which the local org does not know ` +
                `(known: ${KNOWN_FIELD_TYPES.join(', ')})`
        );
    }
    const masterDetail = field.type === 'MasterDetail';
    const calculated = field.formula !== undefined || field.type === 'Summary';
    const autoNumber = field.type === 'AutoNumber';
    const defaultValue = calculated ? undefined : defaultValueOf(field, info, warn);
    const required = field.required || masterDetail;
    const relationship = info.type === 'reference';
    const referenceTo = field.type === 'Hierarchy' ? ['User'] : field.referenceTo ? [field.referenceTo] : undefined;
    if (relationship && !referenceTo)
        throw new MetadataError(field.source, `field ${field.fullName} has no referenceTo`);
    const writable = !calculated && !autoNumber;
    return {
        name: field.fullName,
        label: field.label,
        type: info.type,
        length: lengthOf(field, info),
        precision: field.precision,
        scale: field.scale,
        nillable: !required || defaultValue !== undefined,
        createable: writable,
        updateable: writable && (!masterDetail || field.reparentableMasterDetail === true),
        calculated,
        autoNumber,
        defaultValue,
        picklistValues: field.picklist?.values,
        restrictedPicklist: field.picklist ? field.picklist.restricted : undefined,
        referenceTo,
        relationshipName: relationship ? parentRelationshipName(field.fullName) : undefined,
        cascadeDelete: relationship ? masterDetail || field.deleteConstraint === 'Cascade' : undefined,
        unique: field.unique,
        externalId: field.externalId,
        caseSensitive: field.caseSensitive,
        permissionable: (kind === 'custom' || kind === 'standard') && !required,
        custom: true,
        formula: field.formula,
        displayFormat: field.displayFormat
    };
}
