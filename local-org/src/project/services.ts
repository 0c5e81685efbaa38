// Callout credentials and Omni-Channel setup: named credentials, external credentials, queues, routing
// configurations, service channels and presence statuses (Metadata API "NamedCredential", "ExternalCredential",
// "Queue", "QueueRoutingConfig", "ServiceChannel", "ServicePresenceStatus").
import path from 'node:path';
import { bool, int, list, readXml, text, texts } from './xml';
import type {
    ExternalCredential,
    NamedCredential,
    Queue,
    QueueRoutingConfig,
    ServiceChannel,
    ServicePresenceStatus
} from './types';

const nameOf = (file: string, suffix: string): string => path.basename(file, suffix);

/**
 * A named credential. A secured-endpoint credential (API 56.0 and later) keeps its URL and external credential in
 * namedCredentialParameters (parameterType Url and Authentication); a legacy one has <endpoint>.
 */
export function readNamedCredential(file: string): NamedCredential {
    const root = readXml(file, 'NamedCredential');
    const parameters = list(root, 'namedCredentialParameters');
    const url = parameters.find((p) => text(p, 'parameterType') === 'Url');
    const authentication = parameters.find((p) => text(p, 'parameterType') === 'Authentication');
    return {
        name: nameOf(file, '.namedCredential-meta.xml'),
        label: text(root, 'label') ?? nameOf(file, '.namedCredential-meta.xml'),
        type: text(root, 'namedCredentialType') ?? 'Legacy',
        url: text(url, 'parameterValue') ?? text(root, 'endpoint'),
        externalCredential: text(authentication, 'externalCredential'),
        generateAuthorizationHeader: bool(root, 'generateAuthorizationHeader'),
        allowMergeFieldsInHeader: bool(root, 'allowMergeFieldsInHeader'),
        allowMergeFieldsInBody: bool(root, 'allowMergeFieldsInBody'),
        calloutStatus: text(root, 'calloutStatus'),
        path: file
    };
}

/** An external credential: principals are the parameters of type NamedPrincipal or PerUserPrincipal. */
export function readExternalCredential(file: string): ExternalCredential {
    const root = readXml(file, 'ExternalCredential');
    const principals = [];
    const parameters = new Map<string, string>();
    for (const parameter of list(root, 'externalCredentialParameters')) {
        const type = text(parameter, 'parameterType') ?? '';
        const name = text(parameter, 'parameterName') ?? '';
        if (type === 'NamedPrincipal' || type === 'PerUserPrincipal') {
            principals.push({ name, type, sequenceNumber: int(parameter, 'sequenceNumber') });
        } else {
            const value =
                text(parameter, 'parameterValue') ??
                text(parameter, 'externalAuthIdentityProvider') ??
                text(parameter, 'authProvider');
            if (value !== undefined) parameters.set(name, value);
        }
    }
    return {
        name: nameOf(file, '.externalCredential-meta.xml'),
        label: text(root, 'label') ?? nameOf(file, '.externalCredential-meta.xml'),
        protocol: text(root, 'authenticationProtocol') ?? '',
        principals,
        parameters,
        path: file
    };
}

export function readQueue(file: string): Queue {
    const root = readXml(file, 'Queue');
    const members = list(root, 'queueMembers')[0];
    const names = (tag: string, inner: string): string[] => list(members, tag).flatMap((group) => texts(group, inner));
    const developerName = nameOf(file, '.queue-meta.xml');
    return {
        developerName,
        name: text(root, 'name') ?? developerName,
        email: text(root, 'email'),
        doesSendEmailToMembers: bool(root, 'doesSendEmailToMembers'),
        queueSobjects: list(root, 'queueSobject').map((entry) => text(entry, 'sobjectType') ?? ''),
        members: {
            users: names('users', 'user'),
            publicGroups: names('publicGroups', 'publicGroup'),
            roles: [...names('roles', 'role'), ...names('roleAndSubordinates', 'roleAndSubordinate')]
        },
        queueRoutingConfig: text(root, 'queueRoutingConfig'),
        path: file
    };
}

export function readQueueRoutingConfig(file: string): QueueRoutingConfig {
    const root = readXml(file, 'QueueRoutingConfig');
    const developerName = nameOf(file, '.queueRoutingConfig-meta.xml');
    const number = (tag: string): number | undefined => {
        const value = text(root, tag);
        return value === undefined ? undefined : Number(value);
    };
    return {
        developerName,
        label: text(root, 'label') ?? developerName,
        routingModel: text(root, 'routingModel') ?? '',
        routingPriority: number('routingPriority'),
        capacityWeight: number('capacityWeight'),
        capacityPercentage: number('capacityPercentage'),
        pushTimeout: number('pushTimeout'),
        path: file
    };
}

export function readServiceChannel(file: string): ServiceChannel {
    const root = readXml(file, 'ServiceChannel');
    const developerName = nameOf(file, '.serviceChannel-meta.xml');
    return {
        developerName,
        label: text(root, 'label') ?? developerName,
        relatedEntityType: text(root, 'relatedEntityType') ?? '',
        path: file
    };
}

export function readServicePresenceStatus(file: string): ServicePresenceStatus {
    const root = readXml(file, 'ServicePresenceStatus');
    const developerName = nameOf(file, '.servicePresenceStatus-meta.xml');
    return {
        developerName,
        label: text(root, 'label') ?? developerName,
        channels: list(root, 'channels').flatMap((group) => texts(group, 'channel')),
        path: file
    };
}
