// What loadProject reads from an SFDX project: the model the local org runtime starts from.
import type { ApexValue } from '../runtime/values';
import type { OrgSchema } from '../data/schemaTypes';
import type { ObjectDefinition, ValidationRule } from '../data/schema/definitions';
import type { PermissionSetModel } from '../data/schema/permissions';

export interface ApexSource {
    /** The class or trigger name: the file name without its suffix. */
    readonly name: string;
    readonly path: string;
    readonly source: string;
    /** From the -meta.xml: '65.0'; undefined when the file has none. */
    readonly apiVersion?: string;
    /** 'Active', 'Inactive' or 'Deleted'. */
    readonly status: string;
}

export interface CustomLabel {
    readonly name: string;
    readonly value: string;
    readonly language: string;
    readonly categories: readonly string[];
    readonly protected: boolean;
    readonly shortDescription?: string;
}

export interface CustomMetadataRecord {
    /** The type's API name: 'Relay_Presence_Mapping__mdt'. */
    readonly type: string;
    readonly developerName: string;
    readonly masterLabel: string;
    readonly label: string;
    readonly language: string;
    readonly namespacePrefix: string | null;
    readonly qualifiedApiName: string;
    readonly protected: boolean;
    /** Custom field values by canonical API name, typed by the field definitions (null for xsi:nil). */
    readonly values: ReadonlyMap<string, ApexValue>;
    readonly path: string;
}

export interface NamedCredential {
    readonly name: string;
    readonly label: string;
    /** 'SecuredEndpoint' or 'Legacy'. */
    readonly type: string;
    /** The endpoint URL (the Url parameter, or <endpoint> of a legacy credential). */
    readonly url?: string;
    readonly externalCredential?: string;
    readonly generateAuthorizationHeader: boolean;
    readonly allowMergeFieldsInHeader: boolean;
    readonly allowMergeFieldsInBody: boolean;
    readonly calloutStatus?: string;
    readonly path: string;
}

export interface ExternalCredentialPrincipal {
    readonly name: string;
    /** 'NamedPrincipal' or 'PerUserPrincipal'. */
    readonly type: string;
    readonly sequenceNumber?: number;
}

/** An external credential: its protocol and principals. Secrets are entered in Setup and never in metadata. */
export interface ExternalCredential {
    readonly name: string;
    readonly label: string;
    readonly protocol: string;
    readonly principals: readonly ExternalCredentialPrincipal[];
    /** The other parameters (AuthProviderUrl, the OAuth flow...) by parameter name. */
    readonly parameters: ReadonlyMap<string, string>;
    readonly path: string;
}

export interface Queue {
    readonly developerName: string;
    readonly name: string;
    readonly email?: string;
    readonly doesSendEmailToMembers: boolean;
    /** Objects the queue may own records of. */
    readonly queueSobjects: readonly string[];
    /** Members by kind, as the metadata lists them (users by username, public groups, roles...). */
    readonly members: {
        readonly users: readonly string[];
        readonly publicGroups: readonly string[];
        readonly roles: readonly string[];
    };
    readonly queueRoutingConfig?: string;
    readonly path: string;
}

export interface QueueRoutingConfig {
    readonly developerName: string;
    readonly label: string;
    readonly routingModel: string;
    readonly routingPriority?: number;
    readonly capacityWeight?: number;
    readonly capacityPercentage?: number;
    readonly pushTimeout?: number;
    readonly path: string;
}

export interface ServiceChannel {
    readonly developerName: string;
    readonly label: string;
    readonly relatedEntityType: string;
    readonly path: string;
}

export interface ServicePresenceStatus {
    readonly developerName: string;
    readonly label: string;
    /** Service channels an agent in this status is available for; none means busy (away). */
    readonly channels: readonly string[];
    readonly path: string;
}

/** A custom setting: the object is in the schema; records are data, which source metadata never holds. */
export interface CustomSettingDefinition {
    readonly name: string;
    readonly type: 'Hierarchy' | 'List';
    readonly visibility: string;
    /** Always empty: the local org starts a custom setting with no records, as a newly deployed org does. */
    readonly records: readonly ReadonlyMap<string, ApexValue>[];
}

export interface PackageDirectory {
    readonly path: string;
    readonly default: boolean;
}

export interface ProjectModel {
    readonly root: string;
    readonly name?: string;
    readonly namespace: string;
    readonly sourceApiVersion?: string;
    readonly packageDirectories: readonly PackageDirectory[];
    readonly classes: readonly ApexSource[];
    readonly triggers: readonly (ApexSource & { readonly object?: string })[];
    readonly objects: readonly ObjectDefinition[];
    readonly schema: OrgSchema;
    /** Validation rules by lower-cased object API name. */
    readonly validationRules: ReadonlyMap<string, readonly ValidationRule[]>;
    readonly labels: readonly CustomLabel[];
    /** Label name -> language -> translated text, from translations/*.translation-meta.xml. */
    readonly labelTranslations: ReadonlyMap<string, ReadonlyMap<string, string>>;
    readonly customMetadata: readonly CustomMetadataRecord[];
    readonly customSettings: readonly CustomSettingDefinition[];
    readonly permissionSets: readonly PermissionSetModel[];
    readonly namedCredentials: readonly NamedCredential[];
    readonly externalCredentials: readonly ExternalCredential[];
    readonly queues: readonly Queue[];
    readonly queueRoutingConfigs: readonly QueueRoutingConfig[];
    readonly serviceChannels: readonly ServiceChannel[];
    readonly servicePresenceStatuses: readonly ServicePresenceStatus[];
    /** Metadata folders the local org does not read (relative to the project root), e.g. 'force-app/main/default/lwc'. */
    readonly unknownFolders: readonly string[];
    /** What was read but is not applied (a default value formula...). */
    readonly warnings: readonly string[];
}
