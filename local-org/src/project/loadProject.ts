// Loads an SFDX project: sfdx-project.json, then every package directory. Metadata is found by its folder name
// (classes, objects, labels...) anywhere under a package directory, as source format allows; a folder of any
// other metadata is listed in unknownFolders, so the runtime can say what it does not read.
import fs from 'node:fs';
import path from 'node:path';
import type { ObjectDefinition, ValidationRule } from '../data/schema/definitions';
import { buildOrgSchema } from '../data/schema/build';
import { MetadataError } from '../data/schema/errors';
import type { PermissionSetModel } from '../data/schema/permissions';
import { readClasses, readTriggers } from './apex';
import { readCustomMetadataRecord } from './customMetadata';
import { readLabels, readLabelTranslations } from './labels';
import { readObjectFolder } from './objects';
import { readPermissionSet } from './permissionSets';
import {
    readExternalCredential,
    readNamedCredential,
    readQueue,
    readQueueRoutingConfig,
    readServiceChannel,
    readServicePresenceStatus
} from './services';
import { filesEndingWith, list, readXml, text } from './xml';
import type { CustomLabel, PackageDirectory, ProjectModel } from './types';

/** The metadata folders the local org reads. */
export const READ_FOLDERS = [
    'classes',
    'triggers',
    'objects',
    'labels',
    'translations',
    'customMetadata',
    'permissionsets',
    'namedCredentials',
    'externalCredentials',
    'queues',
    'queueRoutingConfigs',
    'serviceChannels',
    'servicePresenceStatuses',
    'globalValueSets'
] as const;

type Folder = (typeof READ_FOLDERS)[number];
const READ: ReadonlySet<string> = new Set(READ_FOLDERS);

interface Found {
    readonly folders: Map<Folder, string[]>;
    readonly unknown: string[];
}

function containsReadFolder(dir: string): boolean {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .some(
            (entry) => entry.isDirectory() && (READ.has(entry.name) || containsReadFolder(path.join(dir, entry.name)))
        );
}

function scan(dir: string, found: Found): void {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        if (READ.has(entry.name)) {
            const folder = entry.name as Folder;
            found.folders.set(folder, [...(found.folders.get(folder) ?? []), full]);
        } else if (containsReadFolder(full)) {
            scan(full, found);
        } else if (fs.readdirSync(full).length > 0) {
            found.unknown.push(full);
        }
    }
}

function readProjectFile(root: string): {
    name?: string;
    namespace: string;
    sourceApiVersion?: string;
    packageDirectories: PackageDirectory[];
} {
    const file = path.join(root, 'sfdx-project.json');
    if (!fs.existsSync(file)) throw new MetadataError(file, 'not found: is this an SFDX project?');
    let json: unknown;
    try {
        json = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
        throw new MetadataError(file, `malformed JSON: ${(error as Error).message}`);
    }
    const project = json as {
        name?: string;
        namespace?: string;
        sourceApiVersion?: string;
        packageDirectories?: unknown;
    };
    if (!Array.isArray(project.packageDirectories) || project.packageDirectories.length === 0) {
        throw new MetadataError(file, 'packageDirectories is missing or empty');
    }
    const packageDirectories = project.packageDirectories.map((entry: { path?: unknown; default?: unknown }) => {
        if (typeof entry?.path !== 'string') throw new MetadataError(file, 'a package directory has no path');
        return { path: entry.path, default: entry.default === true };
    });
    return {
        name: project.name,
        namespace: project.namespace ?? '',
        sourceApiVersion: project.sourceApiVersion,
        packageDirectories
    };
}

/** Reads global value sets (globalValueSets/*.globalValueSet-meta.xml) and fills the picklists that use one. */
function resolveGlobalValueSets(
    objects: ObjectDefinition[],
    dirs: readonly string[],
    warn: (m: string) => void
): ObjectDefinition[] {
    const sets = new Map<string, { values: string[]; defaultValue?: string }>();
    for (const file of dirs.flatMap((dir) => filesEndingWith(dir, '.globalValueSet-meta.xml'))) {
        const root = readXml(file, 'GlobalValueSet');
        const values = list(root, 'customValue').filter((value) => text(value, 'isActive') !== 'false');
        sets.set(path.basename(file, '.globalValueSet-meta.xml'), {
            values: values.map((value) => text(value, 'fullName') ?? ''),
            defaultValue: text(
                values.find((value) => text(value, 'default') === 'true'),
                'fullName'
            )
        });
    }
    return objects.map((object) => ({
        ...object,
        fields: object.fields.map((field) => {
            const name = field.picklist?.globalValueSet;
            if (!field.picklist || !name) return field;
            const set = sets.get(name);
            if (!set)
                warn(`${field.source}: global value set ${name} is not in the project; the picklist has no values`);
            return {
                ...field,
                picklist: {
                    ...field.picklist,
                    restricted: true,
                    values: set?.values ?? [],
                    defaultValue: set?.defaultValue
                }
            };
        })
    }));
}

/** Reads the SFDX project at `dir` into the model the local org runs from. */
export function loadProject(dir: string): ProjectModel {
    const root = path.resolve(dir);
    const project = readProjectFile(root);
    const found: Found = { folders: new Map(), unknown: [] };
    for (const pkg of project.packageDirectories) {
        const pkgDir = path.join(root, pkg.path);
        if (!fs.existsSync(pkgDir)) throw new MetadataError(pkgDir, 'package directory not found');
        scan(pkgDir, found);
    }
    const dirs = (folder: Folder): string[] => found.folders.get(folder) ?? [];
    const files = (folder: Folder, suffix: string): string[] => dirs(folder).flatMap((d) => filesEndingWith(d, suffix));
    const warnings: string[] = [];
    const warn = (message: string): void => void warnings.push(message);

    const objectResults = dirs('objects').flatMap((objectsDir) =>
        fs
            .readdirSync(objectsDir, { withFileTypes: true })
            .filter((entry) => entry.isDirectory())
            .map((entry) => readObjectFolder(path.join(objectsDir, entry.name)))
    );
    const objects = resolveGlobalValueSets(
        objectResults.map((result) => result.definition),
        dirs('globalValueSets'),
        warn
    );
    const schema = buildOrgSchema(objects, { warn });
    const validationRules = new Map<string, ValidationRule[]>();
    for (const object of objects) {
        if (object.validationRules.length > 0)
            validationRules.set(object.name.toLowerCase(), [...object.validationRules]);
    }

    const labels: CustomLabel[] = files('labels', '.labels-meta.xml').flatMap(readLabels);
    const labelTranslations = new Map<string, Map<string, string>>();
    for (const file of files('translations', '.translation-meta.xml')) readLabelTranslations(file, labelTranslations);

    const permissionSets: PermissionSetModel[] = files('permissionsets', '.permissionset-meta.xml').map(
        readPermissionSet
    );
    const relative = (full: string): string => path.relative(root, full).split(path.sep).join('/');

    return {
        root,
        ...project,
        classes: dirs('classes').flatMap(readClasses),
        triggers: dirs('triggers').flatMap(readTriggers),
        objects,
        schema,
        validationRules,
        labels,
        labelTranslations,
        customMetadata: files('customMetadata', '.md-meta.xml').map((file) =>
            readCustomMetadataRecord(file, schema, project.namespace)
        ),
        customSettings: objects
            .filter((object) => object.kind === 'customSetting')
            .map((object) => ({
                name: object.name,
                type: object.customSettingsType ?? 'List',
                visibility: object.visibility ?? 'Public',
                records: []
            })),
        permissionSets,
        namedCredentials: files('namedCredentials', '.namedCredential-meta.xml').map(readNamedCredential),
        externalCredentials: files('externalCredentials', '.externalCredential-meta.xml').map(readExternalCredential),
        queues: files('queues', '.queue-meta.xml').map(readQueue),
        queueRoutingConfigs: files('queueRoutingConfigs', '.queueRoutingConfig-meta.xml').map(readQueueRoutingConfig),
        serviceChannels: files('serviceChannels', '.serviceChannel-meta.xml').map(readServiceChannel),
        servicePresenceStatuses: files('servicePresenceStatuses', '.servicePresenceStatus-meta.xml').map(
            readServicePresenceStatus
        ),
        unknownFolders: [...found.unknown, ...objectResults.flatMap((result) => result.unread)].map(relative).sort(),
        warnings
    };
}
