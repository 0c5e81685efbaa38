// Permission sets: permissionsets/<Name>.permissionset-meta.xml (Metadata API "PermissionSet"). Only enabled
// grants are kept: a disabled classAccesses entry grants nothing.
import path from 'node:path';
import type { ObjectPermission, PermissionSetModel } from '../data/schema/permissions';
import { bool, list, readXml, text, type XmlElement } from './xml';

/** The names of entries whose <enabled> is true: `<classAccesses><apexClass>X</apexClass><enabled>true...`. */
function enabled(root: XmlElement, tag: string, nameTag: string): string[] {
    return list(root, tag)
        .filter((entry) => bool(entry, 'enabled'))
        .map((entry) => text(entry, nameTag) ?? '')
        .filter((name) => name !== '');
}

function objectPermission(entry: XmlElement): ObjectPermission {
    return {
        object: text(entry, 'object') ?? '',
        allowCreate: bool(entry, 'allowCreate'),
        allowRead: bool(entry, 'allowRead'),
        allowEdit: bool(entry, 'allowEdit'),
        allowDelete: bool(entry, 'allowDelete'),
        viewAllRecords: bool(entry, 'viewAllRecords'),
        modifyAllRecords: bool(entry, 'modifyAllRecords')
    };
}

export function readPermissionSet(file: string): PermissionSetModel {
    const root = readXml(file, 'PermissionSet');
    const name = path.basename(file, '.permissionset-meta.xml');
    return {
        name,
        label: text(root, 'label') ?? name,
        description: text(root, 'description'),
        license: text(root, 'license'),
        hasActivationRequired: bool(root, 'hasActivationRequired'),
        isProfile: false,
        objectPermissions: list(root, 'objectPermissions').map(objectPermission),
        fieldPermissions: list(root, 'fieldPermissions').map((entry) => ({
            field: text(entry, 'field') ?? '',
            readable: bool(entry, 'readable'),
            editable: bool(entry, 'editable')
        })),
        classAccesses: enabled(root, 'classAccesses', 'apexClass'),
        pageAccesses: enabled(root, 'pageAccesses', 'apexPage'),
        customPermissions: enabled(root, 'customPermissions', 'name'),
        userPermissions: enabled(root, 'userPermissions', 'name'),
        customMetadataTypeAccesses: enabled(root, 'customMetadataTypeAccesses', 'name'),
        customSettingAccesses: enabled(root, 'customSettingAccesses', 'name'),
        externalCredentialPrincipalAccesses: enabled(
            root,
            'externalCredentialPrincipalAccesses',
            'externalCredentialPrincipal'
        ),
        servicePresenceStatusAccesses: enabled(root, 'servicePresenceStatusAccesses', 'servicePresenceStatus'),
        tabSettings: list(root, 'tabSettings').map((entry) => ({
            tab: text(entry, 'tab') ?? '',
            visibility: text(entry, 'visibility') ?? 'None'
        })),
        applicationVisibilities: list(root, 'applicationVisibilities').map((entry) => ({
            application: text(entry, 'application') ?? '',
            visible: bool(entry, 'visible')
        })),
        source: file
    };
}
