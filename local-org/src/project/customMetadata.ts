// Custom metadata records: customMetadata/<Type>.<Record>.md-meta.xml (Metadata API "CustomMetadata": label,
// protected, values[field, value]). A value carries xsi:type (xsd:string, xsd:boolean, xsd:double...) or xsi:nil;
// it is typed by the field's definition on the type, so a Number field holds a Decimal whatever the XML says.
import path from 'node:path';
import type { ApexValue } from '../runtime/values';
import type { OrgSchema } from '../data/schemaTypes';
import { MetadataError } from '../data/schema/errors';
import { parseBoolean, parseDate, parseDatetime, parseDecimal, withScale } from '../data/schema/literals';
import { attribute, bool, list, readXml, text, type XmlElement } from './xml';
import type { CustomMetadataRecord } from './types';

function typedValue(file: string, schema: OrgSchema, type: string, fieldName: string, raw: unknown): ApexValue {
    const field = schema.field(type, fieldName);
    if (!field || !field.custom) throw new MetadataError(file, `${type} has no field ${fieldName}`);
    if (attribute(raw, 'xsi:nil') === 'true') return null;
    const value = typeof raw === 'string' ? raw : String((raw as XmlElement | undefined)?.['#text'] ?? '');
    const bad = (what: string): never => {
        throw new MetadataError(file, `${fieldName}: "${value}" is not a ${what}`);
    };
    switch (field.type) {
        case 'boolean':
            return parseBoolean(value) ?? bad('Boolean');
        case 'double':
        case 'currency':
        case 'percent': {
            const decimal = parseDecimal(value) ?? bad('number');
            return field.scale === undefined ? decimal : withScale(decimal, field.scale);
        }
        case 'integer':
            return Number(value);
        case 'date':
            return parseDate(value) ?? bad('date');
        case 'datetime':
            return parseDatetime(value) ?? bad('date/time');
        default:
            return value;
    }
}

/** Reads one record; the type must be in `schema` (its fields decide the values' types). */
export function readCustomMetadataRecord(file: string, schema: OrgSchema, namespace: string): CustomMetadataRecord {
    const base = path.basename(file, '.md-meta.xml');
    const dot = base.indexOf('.');
    if (dot < 0) throw new MetadataError(file, 'a custom metadata record file is named <Type>.<Record>.md-meta.xml');
    const type = `${base.slice(0, dot)}__mdt`;
    const developerName = base.slice(dot + 1);
    const describe = schema.object(type);
    if (!describe || describe.kind !== 'customMetadata') {
        throw new MetadataError(file, `custom metadata type ${type} is not defined in the project`);
    }
    const root = readXml(file, 'CustomMetadata');
    const values = new Map<string, ApexValue>();
    for (const entry of list(root, 'values')) {
        const fieldName = text(entry, 'field');
        if (!fieldName) throw new MetadataError(file, 'a <values> entry has no <field>');
        const canonical = describe.fields.get(fieldName.toLowerCase())?.name ?? fieldName;
        values.set(canonical, typedValue(file, schema, describe.name, fieldName, (entry as XmlElement).value));
    }
    // Fields the record leaves out take their default (a checkbox's false), as in an org.
    for (const field of describe.fields.values()) {
        if (field.custom && !values.has(field.name)) values.set(field.name, field.defaultValue ?? null);
    }
    const label = text(root, 'label') ?? developerName;
    const prefix = namespace === '' ? null : namespace;
    return {
        type: describe.name,
        developerName,
        masterLabel: label,
        label,
        // unconfirmed: a record's Language is the org's default language (en_US here).
        language: 'en_US',
        namespacePrefix: prefix,
        qualifiedApiName: prefix ? `${prefix}__${developerName}` : developerName,
        protected: bool(root, 'protected'),
        values,
        path: file
    };
}

/** The record as field values by canonical API name, standard fields included (what a SOQL query returns). */
export function customMetadataFieldValues(record: CustomMetadataRecord): Map<string, ApexValue> {
    const values = new Map<string, ApexValue>([
        ['DeveloperName', record.developerName],
        ['MasterLabel', record.masterLabel],
        ['Label', record.label],
        ['Language', record.language],
        ['NamespacePrefix', record.namespacePrefix],
        ['QualifiedApiName', record.qualifiedApiName]
    ]);
    for (const [name, value] of record.values) values.set(name, value);
    return values;
}
