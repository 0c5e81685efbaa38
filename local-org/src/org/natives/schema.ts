// Schema describe (Apex Reference, "Schema Namespace": SObjectType, SObjectField, DescribeSObjectResult,
// DescribeFieldResult, PicklistEntry; "Schema Class" getGlobalDescribe). Access answers (isAccessible,
// isCreateable...) are the running user's, from their profile and permission sets, as in an org.
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../../data/schemaTypes';
import { UnsupportedError } from '../../runtime/errors';
import { ApexList, ApexMap, SObjectValue, T, enumValue, typeRef, type ApexValue } from '../../runtime/values';
import type { AccessChecker } from '../security';

export class SObjectTypeToken {
    readonly apexTypeName = 'Schema.SObjectType';
    constructor(readonly describe: ObjectDescribe) {}
    toApexString(): string {
        return this.describe.name;
    }
}

export class SObjectFieldToken {
    readonly apexTypeName = 'Schema.SObjectField';
    constructor(
        readonly object: ObjectDescribe,
        readonly field: FieldDescribe
    ) {}
    toApexString(): string {
        return this.field.name;
    }
}

export class DescribeSObjectResult {
    readonly apexTypeName = 'Schema.DescribeSObjectResult';
    constructor(readonly describe: ObjectDescribe) {}
}

/** The `fields` member of a DescribeSObjectResult: `.Name` gives a DescribeFieldResult; getMap() the tokens. */
export class FieldsAccessor {
    readonly apexTypeName = 'Schema.SObjectTypeFields';
    constructor(readonly describe: ObjectDescribe) {}
}

export class DescribeFieldResult {
    readonly apexTypeName = 'Schema.DescribeFieldResult';
    constructor(
        readonly object: ObjectDescribe,
        readonly field: FieldDescribe
    ) {}
}

export class PicklistEntry {
    readonly apexTypeName = 'Schema.PicklistEntry';
    constructor(
        readonly value: string,
        readonly isDefault: boolean
    ) {}
}

/** Schema.DisplayType values (Apex Reference, "DisplayType Enum"), in their declared order. */
export const DISPLAY_TYPES = [
    'ADDRESS',
    'ANYTYPE',
    'BASE64',
    'BOOLEAN',
    'COMBOBOX',
    'COMPLEXVALUE',
    'CURRENCY',
    'DATACATEGORYGROUPREFERENCE',
    'DATE',
    'DATETIME',
    'DOUBLE',
    'EMAIL',
    'ENCRYPTEDSTRING',
    'ID',
    'INTEGER',
    'JSON',
    'LOCATION',
    'LONG',
    'MULTIPICKLIST',
    'PERCENT',
    'PHONE',
    'PICKLIST',
    'REFERENCE',
    'SOBJECT',
    'STRING',
    'TEXTAREA',
    'TIME',
    'URL'
];

/** Interned tokens, so Set<Schema.SObjectType> and Map<Schema.SObjectField, Object> compare as in an org. */
export class SchemaTokens {
    private readonly objects = new Map<string, SObjectTypeToken>();
    private readonly fieldTokens = new Map<string, SObjectFieldToken>();

    constructor(
        readonly schema: OrgSchema,
        private readonly access: () => AccessChecker
    ) {}

    objectToken(name: string): SObjectTypeToken {
        const describe = this.schema.object(name);
        if (!describe) throw new UnsupportedError(`Invalid type: ${name}`);
        const key = describe.name.toLowerCase();
        let token = this.objects.get(key);
        if (!token) {
            token = new SObjectTypeToken(describe);
            this.objects.set(key, token);
        }
        return token;
    }

    fieldToken(objectName: string, fieldName: string): SObjectFieldToken | undefined {
        const object = this.schema.object(objectName);
        const field = object && this.schema.field(objectName, fieldName);
        if (!object || !field) return undefined;
        const key = `${object.name}.${field.name}`.toLowerCase();
        let token = this.fieldTokens.get(key);
        if (!token) {
            token = new SObjectFieldToken(object, field);
            this.fieldTokens.set(key, token);
        }
        return token;
    }

    globalDescribe(): ApexMap {
        const map = new ApexMap(T.String, typeRef('Schema.SObjectType'), true);
        for (const object of this.schema.objects.values()) {
            if (object.kind === 'aggregate') continue;
            map.set(object.name.toLowerCase(), this.objectToken(object.name));
        }
        return map;
    }

    /** Members of the schema values; undefined when `value` is not one of them. */
    call(value: ApexValue, name: string, args: ApexValue[]): ApexValue | undefined {
        const key = name.toLowerCase();
        if (value instanceof SObjectTypeToken) {
            switch (key) {
                case 'getdescribe':
                    return new DescribeSObjectResult(value.describe);
                case 'newsobject':
                    return newRecord(value.describe, args);
                case 'tostring':
                    return value.describe.name;
                default:
                    return undefined;
            }
        }
        if (value instanceof SObjectFieldToken) {
            if (key === 'getdescribe') return new DescribeFieldResult(value.object, value.field);
            if (key === 'tostring') return value.field.name;
            return undefined;
        }
        if (value instanceof DescribeSObjectResult) return this.describeObject(value.describe, key);
        if (value instanceof DescribeFieldResult) return this.describeField(value.object, value.field, key);
        if (value instanceof FieldsAccessor && key === 'getmap') {
            const map = new ApexMap(T.String, typeRef('Schema.SObjectField'), true);
            for (const field of value.describe.fields.values())
                map.set(field.name.toLowerCase(), this.fieldToken(value.describe.name, field.name));
            return map;
        }
        if (value instanceof PicklistEntry) {
            switch (key) {
                case 'getvalue':
                case 'getlabel':
                    return value.value;
                case 'isactive':
                    return true;
                case 'isdefaultvalue':
                    return value.isDefault;
                default:
                    return undefined;
            }
        }
        return undefined;
    }

    /** `describe.fields` and `fields.Name`: properties of the schema values. */
    property(value: ApexValue, name: string): ApexValue | undefined {
        if (value instanceof DescribeSObjectResult && name.toLowerCase() === 'fields')
            return new FieldsAccessor(value.describe);
        if (value instanceof FieldsAccessor) {
            const field = this.schema.field(value.describe.name, name);
            if (!field) throw new UnsupportedError(`Invalid field ${name} for ${value.describe.name}`);
            return new DescribeFieldResult(value.describe, field);
        }
        return undefined;
    }

    private describeObject(object: ObjectDescribe, key: string): ApexValue | undefined {
        const access = this.access();
        switch (key) {
            case 'getname':
            case 'getlocalname':
                return object.name;
            case 'getlabel':
                return object.label;
            case 'getlabelplural':
                return object.labelPlural;
            case 'getkeyprefix':
                return object.keyPrefix;
            case 'getsobjecttype':
                return this.objectToken(object.name);
            case 'iscustom':
                return object.custom;
            case 'iscustomsetting':
                return object.kind === 'customSetting';
            case 'isaccessible':
            case 'isqueryable':
                return access.objectAccess(object.name, 'read');
            case 'iscreateable':
                return object.createable && access.objectAccess(object.name, 'create');
            case 'isupdateable':
                return object.updateable && access.objectAccess(object.name, 'edit');
            case 'isdeletable':
                return object.deleteable && access.objectAccess(object.name, 'delete');
            case 'fields':
                return new FieldsAccessor(object);
            default:
                return undefined;
        }
    }

    private describeField(object: ObjectDescribe, field: FieldDescribe, key: string): ApexValue | undefined {
        const access = this.access();
        switch (key) {
            case 'getname':
            case 'getlocalname':
                return field.name;
            case 'getlabel':
                return field.label;
            case 'gettype':
                return enumValue(
                    'Schema.DisplayType',
                    field.type.toUpperCase(),
                    DISPLAY_TYPES.indexOf(field.type.toUpperCase())
                );
            case 'getlength':
                return field.length ?? 0;
            case 'getprecision':
                return field.precision ?? 0;
            case 'getscale':
                return field.scale ?? 0;
            case 'isaccessible':
                return access.fieldAccess(object.name, field.name, 'read');
            case 'iscreateable':
                return field.createable && access.fieldAccess(object.name, field.name, 'edit');
            case 'isupdateable':
                return field.updateable && access.fieldAccess(object.name, field.name, 'edit');
            case 'isnillable':
                return field.nillable;
            case 'iscustom':
                return field.custom;
            case 'iscalculated':
                return field.calculated;
            case 'isautonumber':
                return field.autoNumber;
            case 'isunique':
                return !!field.unique;
            case 'isexternalid':
                return !!field.externalId;
            case 'getrelationshipname':
                return field.relationshipName ?? null;
            case 'getreferenceto':
                return new ApexList(
                    typeRef('Schema.SObjectType'),
                    (field.referenceTo ?? []).filter((n) => this.schema.object(n)).map((n) => this.objectToken(n))
                );
            case 'getpicklistvalues':
                return new ApexList(
                    typeRef('Schema.PicklistEntry'),
                    (field.picklistValues ?? []).map((v) => new PicklistEntry(v, field.defaultValue === v))
                );
            case 'getsobjectfield':
                return this.fieldToken(object.name, field.name);
            case 'getdefaultvalue':
                return field.defaultValue ?? null;
            default:
                return undefined;
        }
    }
}

/** SObjectType.newSObject([recordTypeId, loadDefaults]) / newSObject(Id). */
function newRecord(object: ObjectDescribe, args: ApexValue[]): SObjectValue {
    const record = new SObjectValue(object.name, false);
    if (args.length === 1 && typeof args[0] === 'string') record.set('Id', args[0]);
    if (args.length === 2 && args[1] === true) {
        for (const field of object.fields.values()) {
            if (field.defaultValue !== undefined) record.set(field.name, field.defaultValue);
        }
    }
    return record;
}
