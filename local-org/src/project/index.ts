// Loading an SFDX project's metadata into the model the local org runs from.
export { loadProject, READ_FOLDERS } from './loadProject';
export { customMetadataFieldValues } from './customMetadata';
export { labelValue } from './labels';
export { MetadataError } from '../data/schema/errors';
export type {
    ApexSource,
    CustomLabel,
    CustomMetadataRecord,
    CustomSettingDefinition,
    ExternalCredential,
    ExternalCredentialPrincipal,
    NamedCredential,
    PackageDirectory,
    ProjectModel,
    Queue,
    QueueRoutingConfig,
    ServiceChannel,
    ServicePresenceStatus
} from './types';
