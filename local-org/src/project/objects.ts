// Reads an `objects/<Name>/` folder in source format (Metadata API Developer Guide, "CustomObject" and
// "CustomField"): <Name>.object-meta.xml, fields/*.field-meta.xml, validationRules/*.validationRule-meta.xml,
// sharingReasons/*.sharingReason-meta.xml. Other subfolders (listViews, compactLayouts...) are reported unread.
import fs from 'node:fs';
import path from 'node:path';
import type {
    FieldDefinition,
    ObjectDefinition,
    ObjectDefinitionKind,
    PicklistDefinition,
    ValidationRule
} from '../data/schema/definitions';
import { MetadataError } from '../data/schema/errors';
import { bool, filesEndingWith, int, list, readXml, text, type XmlElement } from './xml';

const READ_SUBFOLDERS = new Set(['fields', 'validationRules', 'sharingReasons']);

function kindOf(name: string, object: XmlElement | undefined): ObjectDefinitionKind {
    if (/__mdt$/i.test(name)) return 'customMetadata';
    if (/__e$/i.test(name)) return 'platformEvent';
    if (!/__c$/i.test(name)) return 'standard';
    return text(object, 'customSettingsType') ? 'customSetting' : 'custom';
}

function picklistOf(field: XmlElement): PicklistDefinition | undefined {
    const valueSet = field.valueSet as XmlElement | undefined;
    if (!valueSet) return undefined;
    const definition = valueSet.valueSetDefinition as XmlElement | undefined;
    const values = list(definition, 'value').filter((value) => bool(value, 'isActive', true));
    return {
        values: values.map((value) => text(value, 'fullName') ?? ''),
        restricted: bool(valueSet, 'restricted'),
        defaultValue: text(
            values.find((value) => bool(value, 'default')),
            'fullName'
        ),
        globalValueSet: text(valueSet, 'valueSetName')
    };
}

export function readField(file: string, objectName: string): FieldDefinition {
    const field = readXml(file, 'CustomField');
    const fullName = text(field, 'fullName') ?? path.basename(file, '.field-meta.xml');
    const type = text(field, 'type');
    if (!type) throw new MetadataError(file, `field ${objectName}.${fullName} has no <type>`);
    return {
        fullName,
        label: text(field, 'label') ?? fullName,
        type,
        length: int(field, 'length'),
        precision: int(field, 'precision'),
        scale: int(field, 'scale'),
        required: bool(field, 'required'),
        unique: bool(field, 'unique'),
        externalId: bool(field, 'externalId'),
        caseSensitive: bool(field, 'caseSensitive'),
        defaultValue: text(field, 'defaultValue'),
        formula: text(field, 'formula'),
        picklist: picklistOf(field),
        referenceTo: text(field, 'referenceTo'),
        relationshipName: text(field, 'relationshipName'),
        deleteConstraint: text(field, 'deleteConstraint'),
        reparentableMasterDetail: bool(field, 'reparentableMasterDetail'),
        displayFormat: text(field, 'displayFormat'),
        source: file
    };
}

function readValidationRule(file: string, objectName: string): ValidationRule {
    const rule = readXml(file, 'ValidationRule');
    const name = text(rule, 'fullName') ?? path.basename(file, '.validationRule-meta.xml');
    const formula = text(rule, 'errorConditionFormula');
    if (formula === undefined) throw new MetadataError(file, `validation rule ${name} has no errorConditionFormula`);
    return {
        name,
        objectName,
        active: bool(rule, 'active'),
        errorConditionFormula: formula,
        errorMessage: text(rule, 'errorMessage') ?? '',
        errorDisplayField: text(rule, 'errorDisplayField'),
        description: text(rule, 'description'),
        source: file
    };
}

export interface ReadObjectResult {
    readonly definition: ObjectDefinition;
    /** Subfolders of the object folder the local org does not read. */
    readonly unread: readonly string[];
}

/** Reads one object folder; `dir` is `.../objects/<Name>`. */
export function readObjectFolder(dir: string): ReadObjectResult {
    const name = path.basename(dir);
    const metaFile = path.join(dir, `${name}.object-meta.xml`);
    const object = fs.existsSync(metaFile) ? readXml(metaFile, 'CustomObject') : undefined;
    const kind = kindOf(name, object);
    if (!object && kind !== 'standard') throw new MetadataError(dir, `object ${name} has no ${name}.object-meta.xml`);
    const nameField = object?.nameField as XmlElement | undefined;
    const fields = filesEndingWith(path.join(dir, 'fields'), '.field-meta.xml').map((file) => readField(file, name));
    const validationRules = filesEndingWith(path.join(dir, 'validationRules'), '.validationRule-meta.xml').map((file) =>
        readValidationRule(file, name)
    );
    const sharingReasons = filesEndingWith(path.join(dir, 'sharingReasons'), '.sharingReason-meta.xml').map((file) =>
        path.basename(file, '.sharingReason-meta.xml').replace(/__c$/i, '')
    );
    const label = text(object, 'label') ?? name;
    const settingsType = text(object, 'customSettingsType');
    const definition: ObjectDefinition = {
        name,
        kind,
        label,
        pluralLabel: text(object, 'pluralLabel') ?? label,
        sharingModel: text(object, 'sharingModel'),
        customSettingsType: settingsType === 'Hierarchy' || settingsType === 'List' ? settingsType : undefined,
        nameField: nameField
            ? {
                  label: text(nameField, 'label') ?? 'Name',
                  type: text(nameField, 'type') ?? 'Text',
                  displayFormat: text(nameField, 'displayFormat')
              }
            : undefined,
        enableActivities: bool(object, 'enableActivities'),
        visibility: text(object, 'visibility'),
        eventType: text(object, 'eventType'),
        publishBehavior: text(object, 'publishBehavior'),
        fields,
        validationRules,
        sharingReasons,
        source: object ? metaFile : dir
    };
    if (settingsType && !definition.customSettingsType) {
        throw new MetadataError(metaFile, `customSettingsType "${settingsType}" is neither Hierarchy nor List`);
    }
    const unread = fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && !READ_SUBFOLDERS.has(entry.name))
        .map((entry) => path.join(dir, entry.name))
        .sort();
    return { definition, unread };
}
