// The project's object metadata as read from source format (objects/<Object>/...), before it becomes an
// ObjectDescribe. The project loader produces these; buildOrgSchema turns them into the org schema. Keeping the
// metadata words (Text, MasterDetail, AutoNumber...) here lets the schema builder be tested without files.

/** What an `objects/<Name>` folder defines, told apart by the API name's suffix and customSettingsType. */
export type ObjectDefinitionKind = 'custom' | 'customMetadata' | 'customSetting' | 'platformEvent' | 'standard';

export interface PicklistDefinition {
    /** Active values' API names (fullName), in metadata order. */
    readonly values: readonly string[];
    readonly restricted: boolean;
    /** The value marked `<default>true</default>`, if any. */
    readonly defaultValue?: string;
    /** A global value set the values come from (`<valueSetName>`), resolved by the project loader. */
    readonly globalValueSet?: string;
}

export interface FieldDefinition {
    /** API name, e.g. 'Work_State__c'. */
    readonly fullName: string;
    readonly label: string;
    /** Metadata API field type: Text, TextArea, LongTextArea, Html, Checkbox, Number, Currency, Percent, Date, DateTime,
     * Time, Email, Phone, Url, Picklist, MultiselectPicklist, Lookup, MasterDetail, AutoNumber, EncryptedText,
     * Location, Summary... Formula fields keep their result type here and the formula in `formula`. */
    readonly type: string;
    readonly length?: number;
    readonly precision?: number;
    readonly scale?: number;
    readonly required: boolean;
    readonly unique: boolean;
    readonly externalId: boolean;
    readonly caseSensitive: boolean;
    /** The `<defaultValue>` formula text ('true', '0', '"text"', 'TODAY()'). */
    readonly defaultValue?: string;
    readonly formula?: string;
    readonly picklist?: PicklistDefinition;
    readonly referenceTo?: string;
    /** `<relationshipName>` as written (without '__r'): the child relationship name on the parent. */
    readonly relationshipName?: string;
    readonly deleteConstraint?: string;
    readonly reparentableMasterDetail?: boolean;
    readonly displayFormat?: string;
    /** The file the field came from, for error messages. */
    readonly source: string;
}

export interface ValidationRule {
    /** The rule's API name (fullName), e.g. 'Single_Name'. */
    readonly name: string;
    /** Canonical API name of the object the rule belongs to. */
    readonly objectName: string;
    readonly active: boolean;
    readonly errorConditionFormula: string;
    readonly errorMessage: string;
    readonly errorDisplayField?: string;
    readonly description?: string;
    readonly source: string;
}

export interface NameFieldDefinition {
    readonly label: string;
    /** 'Text' or 'AutoNumber'. */
    readonly type: string;
    readonly displayFormat?: string;
}

export interface ObjectDefinition {
    /** Canonical API name: the folder name, e.g. 'Relay_Interaction__c'. */
    readonly name: string;
    readonly kind: ObjectDefinitionKind;
    readonly label: string;
    readonly pluralLabel: string;
    /** `<sharingModel>` as written (Private, Read, ReadWrite, ControlledByParent...). */
    readonly sharingModel?: string;
    readonly customSettingsType?: 'Hierarchy' | 'List';
    readonly nameField?: NameFieldDefinition;
    readonly enableActivities: boolean;
    /** Public or Protected (custom settings and custom metadata types). */
    readonly visibility?: string;
    /** Platform events: HighVolume or StandardVolume; PublishAfterCommit or PublishImmediately. */
    readonly eventType?: string;
    readonly publishBehavior?: string;
    readonly fields: readonly FieldDefinition[];
    readonly validationRules: readonly ValidationRule[];
    /** Apex sharing reasons (`sharingReasons/`), the RowCause values Apex may use on the share object. */
    readonly sharingReasons: readonly string[];
    /** The folder or .object-meta.xml file the object came from. */
    readonly source: string;
}
