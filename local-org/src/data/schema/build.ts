// Builds the org schema: the standard objects the local org declares, then the project's objects (custom objects,
// custom metadata types, custom settings, platform events, custom fields on standard objects), the share objects
// of privately shared custom objects, and every child relationship.
import type { ChildRelationship, FieldDescribe, ObjectDescribe, OrgSchema, SharingModel } from '../schemaTypes';
import type { ObjectDefinition } from './definitions';
import { MetadataError } from './errors';
import { customFieldDescribe, type ProjectFieldDescribe } from './fieldTypes';
import { STANDARD_OBJECTS } from './standard';
import { toFieldDescribe, toObjectDescribe, type StandardField } from './standard/define';
import {
    customMetadataFields,
    customObjectFields,
    customSettingFields,
    platformEventFields,
    shareObjectFields
} from './systemFields';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Generated key prefixes: custom objects and custom settings 'a00', 'a01'... (the pattern of custom object Ids in
 * orgs: "Your custom objects get assigned a key prefix as well. They usually start with a lowercase a",
 * https://freelikeapuppy.tech/post/id-key-prefixes), custom metadata types 'm00'..., platform events 'e00'....
 * unconfirmed: the 'm' and 'e' first letters (as the brief gives them), and share objects' prefixes, for which the
 * local org uses 'x00'... so that they never collide with a standard object's.
 */
export function generatedKeyPrefix(letter: string, index: number): string {
    if (index >= BASE62.length * BASE62.length) throw new Error(`Too many objects for key prefix ${letter}`);
    return `${letter}${BASE62[Math.floor(index / BASE62.length)]}${BASE62[index % BASE62.length]}`;
}

const SHARING_MODELS: ReadonlySet<string> = new Set([
    'Private',
    'Read',
    'ReadWrite',
    'ReadWriteTransfer',
    'FullAccess',
    'ControlledByParent'
]);

interface Draft {
    describe: ObjectDescribe;
    fields: Map<string, FieldDescribe>;
    /** Child relationship names of this object's reference fields, by lower-cased field name. */
    childNames: Map<string, string>;
}

function draftOf(describe: ObjectDescribe, standardFields: readonly StandardField[] = []): Draft {
    const childNames = new Map<string, string>();
    for (const field of standardFields) {
        if (field.childRelationshipName) childNames.set(field.name.toLowerCase(), field.childRelationshipName);
    }
    return { describe, fields: new Map(describe.fields), childNames };
}

function addFields(draft: Draft, fields: readonly StandardField[]): void {
    // Field-level security exists only on custom and standard objects.
    const secured =
        draft.describe.kind === 'custom' || draft.describe.kind === 'standard' || draft.describe.kind === 'setup';
    for (const field of fields) {
        const describe = toFieldDescribe(field);
        draft.fields.set(field.name.toLowerCase(), secured ? describe : { ...describe, permissionable: false });
        if (field.childRelationshipName) draft.childNames.set(field.name.toLowerCase(), field.childRelationshipName);
    }
}

function addCustomFields(draft: Draft, definition: ObjectDefinition, warn: (message: string) => void): void {
    for (const field of definition.fields) {
        const key = field.fullName.toLowerCase();
        if (draft.fields.has(key)) throw new MetadataError(field.source, `field ${field.fullName} is defined twice`);
        draft.fields.set(key, customFieldDescribe(field, definition.kind, warn));
        // The parent's name for the children: <relationshipName>__r (SOQL and SOSL Reference, "Understanding
        // Relationship Names, Custom Objects, and Custom Fields").
        if (field.relationshipName) draft.childNames.set(key, `${field.relationshipName}__r`);
    }
}

function sharingModelOf(definition: ObjectDefinition, isDetail: boolean): SharingModel {
    if (isDetail) return 'ControlledByParent';
    const model = definition.sharingModel ?? 'ReadWrite';
    if (!SHARING_MODELS.has(model)) {
        throw new MetadataError(definition.source, `sharingModel "${model}" is not one the local org knows`);
    }
    return model as SharingModel;
}

function projectObject(definition: ObjectDefinition, keyPrefix: string): { draft: Draft; share?: Draft } {
    const base = {
        name: definition.name,
        label: definition.label,
        labelPlural: definition.pluralLabel,
        keyPrefix,
        custom: true,
        setup: false,
        fields: new Map<string, FieldDescribe>(),
        childRelationships: [],
        source: definition.source
    };
    if (definition.kind === 'customMetadata') {
        // Records are deployed as metadata, never saved with DML. unconfirmed: MasterLabel as the name field.
        const draft = draftOf({
            ...base,
            kind: 'customMetadata',
            nameField: 'MasterLabel',
            createable: false,
            updateable: false,
            deleteable: false,
            queryable: true
        });
        addFields(draft, customMetadataFields());
        return { draft };
    }
    if (definition.kind === 'customSetting') {
        const type = definition.customSettingsType ?? 'List';
        const draft = draftOf({
            ...base,
            kind: 'customSetting',
            customSettingType: type,
            nameField: 'Name',
            createable: true,
            updateable: true,
            deleteable: true,
            queryable: true
        });
        addFields(draft, customSettingFields(type));
        return { draft };
    }
    if (definition.kind === 'platformEvent') {
        // Events are published (EventBus.publish, insert in a test), never queried, updated or deleted.
        const draft = draftOf({
            ...base,
            kind: 'platformEvent',
            createable: true,
            updateable: false,
            deleteable: false,
            queryable: false
        });
        addFields(draft, platformEventFields());
        return { draft };
    }
    const isDetail = definition.fields.some((field) => field.type === 'MasterDetail');
    const sharingModel = sharingModelOf(definition, isDetail);
    const draft = draftOf({
        ...base,
        kind: 'custom',
        sharingModel,
        nameField: 'Name',
        createable: true,
        updateable: true,
        deleteable: true,
        queryable: true
    });
    addFields(draft, customObjectFields(definition, isDetail));
    const name = draft.fields.get('name');
    if (name && definition.nameField?.displayFormat) {
        const withFormat: ProjectFieldDescribe = { ...name, displayFormat: definition.nameField.displayFormat };
        draft.fields.set('name', withFormat);
    }
    if (sharingModel !== 'Private' && sharingModel !== 'Read') return { draft };
    const shareName = definition.name.replace(/__c$/i, '__Share');
    const share = draftOf({
        name: shareName,
        label: `${definition.label} Share`,
        labelPlural: `${definition.label} Share`,
        keyPrefix: '',
        kind: 'share',
        custom: true,
        setup: false,
        fields: new Map(),
        childRelationships: [],
        createable: true,
        updateable: true,
        deleteable: true,
        queryable: true,
        source: `${definition.source} (share object)`
    });
    addFields(share, shareObjectFields(definition.name, definition.sharingReasons));
    return { draft, share };
}

function kindLetter(definition: ObjectDefinition): string {
    return definition.kind === 'customMetadata' ? 'm' : definition.kind === 'platformEvent' ? 'e' : 'a';
}

export interface BuildOptions {
    /** Told about what the local org reads but does not apply (default value formulas...). */
    readonly warn?: (message: string) => void;
}

export function buildOrgSchema(definitions: readonly ObjectDefinition[], options: BuildOptions = {}): OrgSchema {
    const warn = options.warn ?? (() => undefined);
    const drafts = new Map<string, Draft>();
    for (const object of STANDARD_OBJECTS)
        drafts.set(object.name.toLowerCase(), draftOf(toObjectDescribe(object), object.fields));

    const sorted = [...definitions].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const counters = new Map<string, number>();
    const next = (letter: string): string => {
        const index = counters.get(letter) ?? 0;
        counters.set(letter, index + 1);
        return generatedKeyPrefix(letter, index);
    };
    for (const definition of sorted) {
        const key = definition.name.toLowerCase();
        if (definition.kind === 'standard') {
            const existing = drafts.get(key);
            if (!existing) {
                warn(
                    `${definition.source}: standard object ${definition.name} is not declared by the local org; its fields are ignored`
                );
                continue;
            }
            addCustomFields(existing, definition, warn);
            continue;
        }
        if (drafts.has(key)) throw new MetadataError(definition.source, `object ${definition.name} is defined twice`);
        const { draft, share } = projectObject(definition, next(kindLetter(definition)));
        addCustomFields(draft, definition, warn);
        drafts.set(key, draft);
        if (share)
            drafts.set(share.describe.name.toLowerCase(), {
                ...share,
                describe: { ...share.describe, keyPrefix: next('x') }
            });
    }
    return new ProjectSchema(finish(drafts));
}

function finish(drafts: Map<string, Draft>): Map<string, ObjectDescribe> {
    const children = new Map<string, ChildRelationship[]>();
    for (const draft of drafts.values()) {
        for (const [key, relationshipName] of draft.childNames) {
            const field = draft.fields.get(key);
            for (const parent of field?.referenceTo ?? []) {
                const list = children.get(parent.toLowerCase()) ?? [];
                list.push({
                    childObject: draft.describe.name,
                    field: field?.name ?? key,
                    relationshipName,
                    cascadeDelete: field?.cascadeDelete === true
                });
                children.set(parent.toLowerCase(), list);
            }
        }
    }
    const objects = new Map<string, ObjectDescribe>();
    for (const [key, draft] of drafts) {
        objects.set(key, { ...draft.describe, fields: draft.fields, childRelationships: children.get(key) ?? [] });
    }
    return objects;
}

/** The org schema: lookups by name are case-insensitive, by key prefix case-sensitive (Ids are). */
export class ProjectSchema implements OrgSchema {
    private readonly byPrefix = new Map<string, ObjectDescribe>();

    constructor(readonly objects: ReadonlyMap<string, ObjectDescribe>) {
        for (const object of objects.values()) {
            const clash = this.byPrefix.get(object.keyPrefix);
            if (clash) throw new Error(`Key prefix ${object.keyPrefix} of ${object.name} is already ${clash.name}'s`);
            this.byPrefix.set(object.keyPrefix, object);
        }
    }

    object(name: string): ObjectDescribe | undefined {
        return this.objects.get(name.toLowerCase());
    }

    objectByKeyPrefix(prefix: string): ObjectDescribe | undefined {
        return this.byPrefix.get(prefix);
    }

    field(objectName: string, fieldName: string): FieldDescribe | undefined {
        return this.object(objectName)?.fields.get(fieldName.toLowerCase());
    }

    parentRelationship(objectName: string, relationshipName: string): FieldDescribe | undefined {
        const wanted = relationshipName.toLowerCase();
        for (const field of this.object(objectName)?.fields.values() ?? []) {
            if (field.relationshipName?.toLowerCase() === wanted) return field;
        }
        return undefined;
    }

    childRelationship(objectName: string, relationshipName: string): ChildRelationship | undefined {
        const wanted = relationshipName.toLowerCase();
        return this.object(objectName)?.childRelationships.find((r) => r.relationshipName.toLowerCase() === wanted);
    }
}
