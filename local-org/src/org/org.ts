// The local org: an SFDX project's metadata and Apex, an in-memory database seeded with what a new org has
// (the organization, the standard profiles, an administrator, the project's permission sets, queues and
// Omni-Channel setup), and the interpreter running the project's Apex against it. Every entry point (a
// test method, an @AuraEnabled call, a REST request, a Queueable) runs as one transaction (transactions.ts).
import { parseAnonymous, parseClass, parseTrigger } from '../apex/build';
import { execute } from '../interpreter/execute';
import { Frame } from '../interpreter/frame';
import { StaticState } from '../interpreter/interpreter';
import type * as A from '../apex/ast';
import type { OrgSchema, StoredRecord } from '../data/schemaTypes';
import { STANDARD_PROFILES } from '../data/schema/profiles';
import { userAccess, type PermissionSetModel, type UserAccess } from '../data/schema/permissions';
import { loadProject } from '../project';
import { readCustomMetadataRecord } from '../project/customMetadata';
import type { ProjectModel } from '../project/types';
import { ApexDatetime, type ApexValue } from '../runtime/values';
import { installEqualityHooks } from '../interpreter/equality';
import { IdGenerator } from '../interpreter/ids';
import { Interpreter } from '../interpreter/interpreter';
import { OrgHost } from './host';
import { registerPlatform } from './natives/register';
import { SchemaTokens } from './natives/schema';
import { RecordAccess, type AccessChecker } from './security';
import { RecordStore } from './store';

// The metadata's routingModel (LEAST_ACTIVE, MOST_AVAILABLE, EXTERNAL_ROUTING: Metadata API, QueueRoutingConfig) as
// the object's RoutingModel picklist holds it.
const ROUTING_MODELS: Record<string, string> = {
    LEAST_ACTIVE: 'LeastActive',
    MOST_AVAILABLE: 'MostAvailable',
    EXTERNAL_ROUTING: 'ExternalRouting'
};
import { Transaction, type QueuedJob } from './transaction';
import { parseCache } from './parseCache';
import { AsyncJobs } from './async';
import { Callouts } from './callouts';
import { PlatformEvents } from './events';
import { Executor, Testing } from './executor';
import type { PlatformClasses } from './natives/platformClasses';
import { ApexPlatformError } from '../runtime/errors';
import { SObjectValue } from '../runtime/values';

export interface CalloutRequest {
    readonly method: string;
    /** The endpoint after the Named Credential was resolved to its URL. */
    readonly url: string;
    readonly namedCredential: string | null;
    readonly headers: ReadonlyMap<string, string>;
    readonly body: Uint8Array | null;
    readonly timeoutMs: number;
    /**
     * The running user: a Named Credential whose External Credential has a per-user principal authenticates
     * as this user ("Named Credentials", Salesforce Help), so the transport picks their credentials.
     */
    readonly userId: string;
}

export interface CalloutResponse {
    readonly status: number;
    readonly statusText: string;
    readonly headers: ReadonlyMap<string, string>;
    readonly body: Uint8Array;
}

export interface LocalOrgOptions {
    /** The clock Apex sees (Datetime.now, CreatedDate); the real time by default. */
    readonly now?: () => number;
    /** Outside tests: sends a callout (the console sends them to the simulator). */
    readonly calloutTransport?: (request: CalloutRequest) => CalloutResponse;
    /** Named Credential URLs to use instead of the metadata's (the console points them at the simulator). */
    readonly namedCredentialUrls?: ReadonlyMap<string, string>;
    /** Receives platform events after their transaction commits (the console's empApi). */
    readonly eventSink?: (events: readonly StoredRecord[]) => void;
    /**
     * Outside tests: when a committed Queueable runs (`run`), e.g. on the console's clock; by default after its
     * delay on a real timer.
     */
    readonly scheduleJob?: (job: QueuedJob, run: () => void) => void;
    /** Outside tests: the records a transaction changed, once it committed (the console's record pages and Omni). */
    readonly onCommit?: (records: readonly StoredRecord[]) => void;
    /** An asynchronous job failed outside a test (the console logs it). */
    readonly onAsyncError?: (error: unknown) => void;
}

/**
 * The grants a permission set holds as ObjectPermissions and FieldPermissions records (Object Reference,
 * "ObjectPermissions", "FieldPermissions"): what Apex tests insert to build a permission set of their own.
 */
function permissionSetFromRecords(store: RecordStore, set: StoredRecord): PermissionSetModel {
    const flag = (record: StoredRecord, field: string) => record.values.get(field) === true;
    const live = (object: string) =>
        [...store.records(object)].filter(
            (r) => r.values.get('parentid') === set.id && r.values.get('isdeleted') !== true
        );
    return {
        name: String(set.values.get('name')),
        label: String(set.values.get('label') ?? set.values.get('name')),
        hasActivationRequired: false,
        isProfile: false,
        objectPermissions: live('ObjectPermissions').map((r) => ({
            object: String(r.values.get('sobjecttype')),
            allowCreate: flag(r, 'permissionscreate'),
            allowRead: flag(r, 'permissionsread'),
            allowEdit: flag(r, 'permissionsedit'),
            allowDelete: flag(r, 'permissionsdelete'),
            viewAllRecords: flag(r, 'permissionsviewallrecords'),
            modifyAllRecords: flag(r, 'permissionsmodifyallrecords')
        })),
        fieldPermissions: live('FieldPermissions').map((r) => ({
            field: String(r.values.get('field')),
            readable: flag(r, 'permissionsread'),
            editable: flag(r, 'permissionsedit')
        })),
        classAccesses: [],
        pageAccesses: [],
        customPermissions: [],
        userPermissions: [],
        customMetadataTypeAccesses: [],
        customSettingAccesses: [],
        externalCredentialPrincipalAccesses: [],
        servicePresenceStatusAccesses: [],
        tabSettings: [],
        applicationVisibilities: [],
        source: `PermissionSet record ${set.id}`
    };
}

export const ADMIN_USERNAME = 'admin@relay.local.org';

export class LocalOrg {
    readonly store = new RecordStore();
    readonly ids = new IdGenerator();
    readonly interp: Interpreter;
    readonly host: OrgHost;
    readonly tokens: SchemaTokens;
    readonly recordAccess: RecordAccess;
    readonly orgId: string;
    readonly adminUserId: string;
    readonly classDecls = new Map<string, A.TypeDecl>();
    readonly triggers: A.TriggerDecl[] = [];
    tx: Transaction | null = null;
    readonly userStack: string[] = [];
    /** Incremented by every DML: caches of access and group membership check it. */
    version = 0;
    private readonly accessCache = new Map<string, { version: number; access: UserAccess }>();
    readonly now: () => number;
    readonly autoNumbers = new Map<string, number>();
    private anonymousRuns = 0;
    /** System.debug output since the last entry point began (the test runner shows it for a failed test). */
    readonly debugLog: string[] = [];
    readonly executor = new Executor(this);
    readonly testing = new Testing(this);
    readonly async = new AsyncJobs(this);
    readonly events = new PlatformEvents(this);
    readonly callouts = new Callouts(this);
    readonly platform: PlatformClasses;

    constructor(
        readonly project: ProjectModel,
        readonly options: LocalOrgOptions = {}
    ) {
        this.now = options.now ?? Date.now;
        this.host = new OrgHost(this);
        this.interp = new Interpreter(this.host);
        installEqualityHooks(this.interp);
        this.tokens = new SchemaTokens(this.schema, () => this.checker());
        this.recordAccess = new RecordAccess(
            this.store,
            (name) => this.schema.object(name),
            () => this.version
        );
        this.platform = registerPlatform(this);
        this.loadApex();
        this.orgId = this.ids.next('00D');
        this.adminUserId = this.seed();
        this.userStack.push(this.adminUserId);
    }

    /**
     * Loads an SFDX project; `extraProjects` deploys more Apex, permission sets, labels and custom metadata
     * beside it (a test fixture's classes), as a second deployment to the same org would.
     */
    static load(dir: string, options: LocalOrgOptions = {}, extraProjects: readonly string[] = []): LocalOrg {
        const project = loadProject(dir);
        const extras = extraProjects.map((extra) => loadProject(extra));
        for (const extra of extras) {
            if (extra.objects.length > 0) throw new Error(`${extra.root}: an extra project may not define objects`);
        }
        return new LocalOrg(
            extras.length === 0
                ? project
                : {
                      ...project,
                      classes: [...project.classes, ...extras.flatMap((e) => e.classes)],
                      triggers: [...project.triggers, ...extras.flatMap((e) => e.triggers)],
                      permissionSets: [...project.permissionSets, ...extras.flatMap((e) => e.permissionSets)],
                      labels: [...project.labels, ...extras.flatMap((e) => e.labels)],
                      customMetadata: [...project.customMetadata, ...extras.flatMap((e) => e.customMetadata)]
                  },
            options
        );
    }

    get schema(): OrgSchema {
        return this.project.schema;
    }

    private loadApex(): void {
        const decls: A.TypeDecl[] = [];
        for (const source of this.project.classes) {
            const decl = parseCache(source, () => parseClass(source.source, source.path));
            decls.push(decl);
            this.classDecls.set(decl.key, decl);
        }
        this.interp.load(decls);
        for (const source of this.project.triggers) {
            const trigger = parseTrigger(source.source, source.path);
            this.triggers.push(trigger);
            this.interp.load([trigger.type]);
        }
        this.interp.finishLoading();
    }

    // --- users and access -------------------------------------------------------------------------------

    get runningUserId(): string {
        return this.userStack[this.userStack.length - 1];
    }

    user(id: string = this.runningUserId): StoredRecord {
        const user = this.store.get(id);
        if (!user) throw new Error(`No user ${id}`);
        return user;
    }

    userValue(field: string, id: string = this.runningUserId): ApexValue {
        return this.user(id).values.get(field.toLowerCase()) ?? null;
    }

    /** The running user's object and field permissions: their profile and assigned permission sets. */
    access(userId: string = this.runningUserId): UserAccess {
        const cached = this.accessCache.get(userId);
        if (cached && cached.version === this.version) return cached.access;
        const profileId = this.userValue('ProfileId', userId) as string;
        const profileName = this.store.get(profileId)?.values.get('name') as string;
        const profile = STANDARD_PROFILES.find((p) => p.name === profileName) ?? STANDARD_PROFILES[1];
        const assigned: PermissionSetModel[] = [];
        for (const assignment of this.store.records('PermissionSetAssignment')) {
            if (assignment.values.get('assigneeid') !== userId || assignment.values.get('isdeleted') === true) continue;
            const set = this.store.get(assignment.values.get('permissionsetid') as string);
            if (!set) continue;
            const model = this.project.permissionSets.find((p) => p.name === set.values.get('name'));
            if (model) assigned.push(model);
            assigned.push(permissionSetFromRecords(this.store, set));
        }
        const access = userAccess(this.schema, profile, assigned);
        this.accessCache.set(userId, { version: this.version, access });
        return access;
    }

    checker(userId: string = this.runningUserId): AccessChecker {
        const access = this.access(userId);
        return {
            objectAccess: (object, op) =>
                op === 'read'
                    ? access.canRead(object)
                    : op === 'create'
                      ? access.canCreate(object)
                      : op === 'edit'
                        ? access.canEdit(object)
                        : access.canDelete(object),
            fieldAccess: (object, field, op) =>
                op === 'read' ? access.canReadField(object, field) : access.canEditField(object, field),
            seesAll: (object, op) =>
                op === 'read'
                    ? access.hasUserPermission('ViewAllData') ||
                      access.hasUserPermission('ModifyAllData') ||
                      access.viewAll(object)
                    : access.hasUserPermission('ModifyAllData') || access.modifyAll(object),
            hasUserPermission: (name) => access.hasUserPermission(name)
        };
    }

    /**
     * Execute Anonymous: runs Apex statements (and the methods and classes they declare) as one transaction, as
     * the given user (the administrator by default), like the Developer Console's "Execute Anonymous". With
     * `asTest` it runs as a test method does (Test.setMock, Test.startTest, System.runAs), rolled back afterwards.
     * Returns the System.debug output; an uncaught exception is rethrown after the rollback.
     */
    executeAnonymous(source: string, options: { userId?: string; asTest?: boolean } = {}): string[] {
        const { body, type } = parseAnonymous(source, `anonymous-${++this.anonymousRuns}.apex`);
        const decl = {
            ...type,
            name: `AnonymousBlock${this.anonymousRuns}`,
            key: `anonymousblock${this.anonymousRuns}`,
            fullName: `AnonymousBlock${this.anonymousRuns}`
        };
        const [cls] = this.interp.load([decl]);
        this.interp.finishLoading();
        this.debugLog.length = 0;
        const run = (): void => {
            // "Apex code that is executed with the executeAnonymous call ... always execute[s] using the sharing
            // rules of the current user" (Apex Developer Guide, "Using the with sharing, without sharing, and
            // inherited sharing Keywords").
            const frame = new Frame(cls, null, 'execute', true, null, null, 1);
            this.interp.withFrame(frame, () => execute(this.interp, frame, body));
        };
        if (!options.asTest) {
            this.executor.transaction({ userId: options.userId ?? this.adminUserId }, run);
            return [...this.debugLog];
        }
        const mark = this.store.mark();
        this.testing.running = true;
        this.callouts.reset();
        this.async.waiting.length = 0;
        this.events.reset();
        this.interp.statics = new StaticState();
        this.tx = new Transaction(mark, false, true);
        this.userStack.push(options.userId ?? this.adminUserId);
        try {
            run();
            return [...this.debugLog];
        } finally {
            this.userStack.pop();
            this.store.rollback(mark);
            this.version++;
            this.tx = null;
            this.testing.running = false;
            this.interp.stack.length = 0;
        }
    }

    /**
     * Deploys a custom metadata record (`*.md-meta.xml`) beside the project's, as a Metadata API deployment would:
     * custom metadata records are metadata, never DML.
     */
    deployCustomMetadata(file: string): void {
        const record = readCustomMetadataRecord(file, this.schema, this.project.namespace);
        const values: Record<string, ApexValue> = {
            DeveloperName: record.developerName,
            MasterLabel: record.masterLabel,
            Label: record.label,
            Language: record.language,
            NamespacePrefix: record.namespacePrefix,
            QualifiedApiName: record.qualifiedApiName
        };
        for (const [k, v] of record.values) values[k] = v;
        this.insertRaw(record.type, values);
    }

    /** System.runAs(user) { ... }: only in tests (Apex Developer Guide, "Using the runAs Method"). */
    runAs(args: ApexValue[], body: () => void): void {
        if (!this.testing.running)
            throw new ApexPlatformError('UnexpectedException', 'System.runAs can only be used in test methods');
        const user = args[0];
        if (!(user instanceof SObjectValue) || user.objectName !== 'User') {
            throw new ApexPlatformError('UnexpectedException', 'System.runAs requires a User');
        }
        const id = user.get('Id') as string | null;
        if (!id || !this.store.get(id))
            throw new ApexPlatformError('UnexpectedException', 'System.runAs requires an inserted User');
        this.userStack.push(id);
        try {
            body();
        } finally {
            this.userStack.pop();
        }
    }

    /** Outside tests: a committed Queueable runs after its delay (the console's clock decides when). */
    scheduleJob(job: QueuedJob): void {
        const run = (): void => {
            try {
                this.async.run(job);
            } catch (error) {
                this.options.onAsyncError?.(error);
            }
        };
        if (this.options.scheduleJob) {
            this.options.scheduleJob(job, run);
            return;
        }
        const timer = setTimeout(run, job.delayMinutes * 60_000);
        timer.unref?.();
    }

    // --- seed data --------------------------------------------------------------------------------------

    /** Inserts a record directly (seed data; no Apex rules). Returns its Id. */
    insertRaw(objectName: string, values: Record<string, ApexValue>): string {
        const object = this.schema.object(objectName);
        if (!object) throw new Error(`Unknown object ${objectName}`);
        const id = this.ids.next(object.keyPrefix);
        const now = new ApexDatetime(this.now());
        const map = new Map<string, ApexValue>([
            ['id', id],
            ['createddate', now],
            ['lastmodifieddate', now],
            ['systemmodstamp', now],
            ['isdeleted', false]
        ]);
        for (const field of object.fields.values()) {
            if (field.defaultValue !== undefined && !map.has(field.name.toLowerCase()))
                map.set(field.name.toLowerCase(), field.defaultValue);
        }
        for (const [k, v] of Object.entries(values)) map.set(k.toLowerCase(), v);
        this.store.put({ id, objectName: object.name, values: map });
        this.version++;
        return id;
    }

    private seed(): string {
        this.insertRaw('Organization', { Id: this.orgId, Name: 'Relay Local Org' });
        // insertRaw generated a fresh Id; keep the organization's own.
        const org = [...this.store.records('Organization')][0];
        this.store.remove(org.id);
        this.store.put({
            id: this.orgId,
            objectName: 'Organization',
            values: new Map([...org.values, ['id', this.orgId]])
        });
        const profileIds = new Map<string, string>();
        for (const profile of STANDARD_PROFILES)
            profileIds.set(profile.name, this.insertRaw('Profile', { Name: profile.name }));
        const admin = this.insertRaw('User', {
            Username: ADMIN_USERNAME,
            LastName: 'Admin',
            FirstName: 'Local',
            Name: 'Local Admin',
            Alias: 'ladmin',
            Email: 'admin@example.com',
            ProfileId: profileIds.get('System Administrator')!,
            TimeZoneSidKey: 'GMT',
            LocaleSidKey: 'en_US',
            LanguageLocaleKey: 'en_US',
            EmailEncodingKey: 'UTF-8',
            IsActive: true,
            UserType: 'Standard'
        });
        for (const set of this.project.permissionSets) {
            this.insertRaw('PermissionSet', { Name: set.name, Label: set.label ?? set.name, IsOwnedByProfile: false });
        }
        for (const channel of this.project.serviceChannels) {
            this.insertRaw('ServiceChannel', {
                DeveloperName: channel.developerName,
                MasterLabel: channel.label,
                RelatedEntity: channel.relatedEntityType
            });
        }
        for (const status of this.project.servicePresenceStatuses) {
            this.insertRaw('ServicePresenceStatus', { DeveloperName: status.developerName, MasterLabel: status.label });
        }
        const routingConfigs = new Map<string, string>();
        for (const config of this.project.queueRoutingConfigs) {
            const id = this.insertRaw('QueueRoutingConfig', {
                DeveloperName: config.developerName,
                MasterLabel: config.label,
                RoutingModel: ROUTING_MODELS[config.routingModel] ?? null,
                RoutingPriority: config.routingPriority ?? null
            });
            routingConfigs.set(config.developerName, id);
        }
        for (const queue of this.project.queues) {
            const groupId = this.insertRaw('Group', {
                Name: queue.name,
                DeveloperName: queue.developerName,
                Type: 'Queue',
                OwnerId: admin,
                QueueRoutingConfigId: queue.queueRoutingConfig
                    ? (routingConfigs.get(queue.queueRoutingConfig) ?? null)
                    : null
            });
            for (const sobjectType of queue.queueSobjects) {
                this.insertRaw('QueueSobject', { QueueId: groupId, SobjectType: sobjectType });
            }
        }
        for (const source of this.project.classes) this.insertRaw('ApexClass', { Name: source.name, Status: 'Active' });
        for (const record of this.project.customMetadata) {
            const values: Record<string, ApexValue> = {
                DeveloperName: record.developerName,
                MasterLabel: record.masterLabel,
                Label: record.label,
                Language: record.language,
                NamespacePrefix: record.namespacePrefix,
                QualifiedApiName: record.qualifiedApiName
            };
            for (const [k, v] of record.values) values[k] = v;
            this.insertRaw(record.type, values);
        }
        this.store.commit();
        return admin;
    }
}

export type { ApexValue };
