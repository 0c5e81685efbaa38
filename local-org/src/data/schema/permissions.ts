// What a user may do, from their profile and permission sets: object access (CRUD, View All, Modify All), field
// access, Apex class access, user and custom permissions. Access is the union of everything granted (Salesforce
// Help, "Permission Sets": permission sets grant additional access; they never take any away).
import type { FieldDescribe, ObjectDescribe, OrgSchema } from '../schemaTypes';

export interface ObjectPermission {
    readonly object: string;
    readonly allowCreate: boolean;
    readonly allowRead: boolean;
    readonly allowEdit: boolean;
    readonly allowDelete: boolean;
    readonly viewAllRecords: boolean;
    readonly modifyAllRecords: boolean;
}

export interface FieldPermission {
    /** 'Object.Field', as permission set metadata writes it. */
    readonly field: string;
    readonly readable: boolean;
    readonly editable: boolean;
}

/** A permission set (PermissionSet metadata) or a profile: only enabled grants are kept. */
export interface PermissionSetModel {
    /** API name (the file name): 'Relay_Agent', or a profile's name: 'Standard User'. */
    readonly name: string;
    readonly label: string;
    readonly description?: string;
    readonly license?: string;
    readonly hasActivationRequired: boolean;
    readonly isProfile: boolean;
    readonly objectPermissions: readonly ObjectPermission[];
    readonly fieldPermissions: readonly FieldPermission[];
    readonly classAccesses: readonly string[];
    readonly pageAccesses: readonly string[];
    readonly customPermissions: readonly string[];
    /** User permission names without the 'Permissions' prefix: 'ModifyAllData', 'ViewSetup'. */
    readonly userPermissions: readonly string[];
    readonly customMetadataTypeAccesses: readonly string[];
    readonly customSettingAccesses: readonly string[];
    readonly externalCredentialPrincipalAccesses: readonly string[];
    readonly servicePresenceStatusAccesses: readonly string[];
    readonly tabSettings: readonly { readonly tab: string; readonly visibility: string }[];
    readonly applicationVisibilities: readonly { readonly application: string; readonly visible: boolean }[];
    /**
     * Field access a declared profile gives to the standard fields of the standard objects it can read (profiles
     * are not read from metadata, so their field-level security is summarised this way).
     */
    readonly standardFieldAccess?: 'read' | 'edit';
    /** Where it came from: a metadata file, or the documentation a declared profile follows. */
    readonly source: string;
}

type Grant = { create: boolean; read: boolean; edit: boolean; del: boolean; viewAll: boolean; modifyAll: boolean };

const NONE: Grant = { create: false, read: false, edit: false, del: false, viewAll: false, modifyAll: false };

/**
 * Implied permissions, as Setup enforces them when a permission is enabled: Modify All implies View All, Delete and
 * Edit; View All and Delete imply Read (and Delete implies Edit); Create and Edit imply Read.
 */
function implied(p: ObjectPermission): Grant {
    const modifyAll = p.modifyAllRecords;
    const del = p.allowDelete || modifyAll;
    const edit = p.allowEdit || del;
    const viewAll = p.viewAllRecords || modifyAll;
    return {
        create: p.allowCreate,
        read: p.allowRead || edit || viewAll || p.allowCreate,
        edit,
        del,
        viewAll,
        modifyAll
    };
}

function union(a: Grant, b: Grant): Grant {
    return {
        create: a.create || b.create,
        read: a.read || b.read,
        edit: a.edit || b.edit,
        del: a.del || b.del,
        viewAll: a.viewAll || b.viewAll,
        modifyAll: a.modifyAll || b.modifyAll
    };
}

const lower = (values: readonly string[]): Set<string> => new Set(values.map((v) => v.toLowerCase()));

/** A user's access: their profile and permission sets together. */
export class UserAccess {
    private readonly objects = new Map<string, Grant>();
    private readonly fields = new Map<string, { readable: boolean; editable: boolean }>();
    private readonly classes: Set<string>;
    private readonly userPermissions: Set<string>;
    private readonly customPermissions: Set<string>;
    private readonly metadataTypes: Set<string>;
    private readonly settings: Set<string>;
    private readonly standardFields: 'read' | 'edit' | undefined;

    constructor(
        private readonly schema: OrgSchema,
        readonly sets: readonly PermissionSetModel[]
    ) {
        for (const set of sets) {
            for (const p of set.objectPermissions) {
                const key = p.object.toLowerCase();
                this.objects.set(key, union(this.objects.get(key) ?? NONE, implied(p)));
            }
            for (const p of set.fieldPermissions) {
                const key = p.field.toLowerCase();
                const was = this.fields.get(key) ?? { readable: false, editable: false };
                this.fields.set(key, {
                    readable: was.readable || p.readable || p.editable,
                    editable: was.editable || p.editable
                });
            }
        }
        this.classes = lower(sets.flatMap((s) => s.classAccesses));
        this.userPermissions = lower(sets.flatMap((s) => s.userPermissions));
        this.customPermissions = lower(sets.flatMap((s) => s.customPermissions));
        this.metadataTypes = lower(sets.flatMap((s) => s.customMetadataTypeAccesses));
        this.settings = lower(sets.flatMap((s) => s.customSettingAccesses));
        const standard = sets.map((s) => s.standardFieldAccess);
        this.standardFields = standard.includes('edit') ? 'edit' : standard.includes('read') ? 'read' : undefined;
    }

    /** A user permission ('ModifyAllData' or 'PermissionsModifyAllData'), case-insensitive. */
    hasUserPermission(name: string): boolean {
        return this.userPermissions.has(name.toLowerCase().replace(/^permissions/, ''));
    }

    hasCustomPermission(name: string): boolean {
        return this.customPermissions.has(name.toLowerCase());
    }

    /**
     * Access to an Apex class (classAccesses). Author Apex opens every class.
     * unconfirmed: that Author Apex grants access to all classes.
     */
    hasClassAccess(className: string): boolean {
        return this.hasUserPermission('AuthorApex') || this.classes.has(className.toLowerCase());
    }

    private get modifyAllData(): boolean {
        return this.hasUserPermission('ModifyAllData');
    }

    private get viewAllData(): boolean {
        return this.modifyAllData || this.hasUserPermission('ViewAllData');
    }

    private grant(objectName: string): Grant {
        const object = this.schema.object(objectName);
        if (!object) return NONE;
        if (this.modifyAllData)
            return { create: true, read: true, edit: true, del: true, viewAll: true, modifyAll: true };
        const explicit = this.objects.get(object.name.toLowerCase()) ?? NONE;
        const base = this.viewAllData ? union(explicit, { ...NONE, read: true, viewAll: true }) : explicit;
        switch (object.kind) {
            // Custom metadata types: customMetadataTypeAccesses, or Customize Application.
            // unconfirmed: that the org restricts custom metadata type access (the "Restrict access to custom
            // metadata types" setting); without it every user could read every type.
            case 'customMetadata':
                return this.metadataTypes.has(object.name.toLowerCase()) ||
                    this.hasUserPermission('CustomizeApplication')
                    ? union(base, { ...NONE, read: true })
                    : base;
            // Custom settings: customSettingAccesses or View All Custom Settings to read; Customize Application to edit.
            case 'customSetting': {
                const read =
                    this.settings.has(object.name.toLowerCase()) || this.hasUserPermission('ViewAllCustomSettings');
                const manage = this.hasUserPermission('CustomizeApplication');
                return union(base, { ...NONE, read: read || manage, create: manage, edit: manage, del: manage });
            }
            // A share object has no permissions of its own: sharing a record needs access to the record.
            // unconfirmed: the exact rule (in an org only the owner, or a user with Modify All, may share).
            case 'share': {
                const parent = object.fields.get('parentid')?.referenceTo?.[0];
                const read = parent !== undefined && this.grant(parent).read;
                return { ...NONE, create: read, read, edit: read, del: read };
            }
            default:
                return base;
        }
    }

    private object(objectName: string): ObjectDescribe | undefined {
        return this.schema.object(objectName);
    }

    canRead(objectName: string): boolean {
        return this.grant(objectName).read && this.object(objectName)?.queryable !== false;
    }

    canCreate(objectName: string): boolean {
        return this.grant(objectName).create && this.object(objectName)?.createable === true;
    }

    canEdit(objectName: string): boolean {
        return this.grant(objectName).edit && this.object(objectName)?.updateable === true;
    }

    canDelete(objectName: string): boolean {
        return this.grant(objectName).del && this.object(objectName)?.deleteable === true;
    }

    viewAll(objectName: string): boolean {
        return this.grant(objectName).viewAll;
    }

    modifyAll(objectName: string): boolean {
        return this.grant(objectName).modifyAll;
    }

    private fieldAccess(
        objectName: string,
        fieldName: string
    ): { field?: FieldDescribe; readable: boolean; editable: boolean } {
        const object = this.object(objectName);
        const field = object?.fields.get(fieldName.toLowerCase());
        if (!object || !field || !this.grant(objectName).read) return { field, readable: false, editable: false };
        // Field-level security covers only permissionable fields of objects that have it.
        const secured =
            field.permissionable && (object.kind === 'custom' || object.kind === 'standard' || object.kind === 'setup');
        // The System Administrator profile sees and edits every field; modelled here as Modify All Data's.
        // unconfirmed: that Modify All Data bypasses field-level security in a custom profile.
        if (this.modifyAllData || !secured) return { field, readable: true, editable: true };
        const granted = this.fields.get(`${object.name}.${field.name}`.toLowerCase());
        const standard = !field.custom && !object.custom ? this.standardFields : undefined;
        return {
            field,
            readable: granted?.readable === true || standard !== undefined,
            editable: granted?.editable === true || standard === 'edit'
        };
    }

    /** Field-level read access; required and other non-permissionable fields are readable with their object. */
    canReadField(objectName: string, fieldName: string): boolean {
        return this.fieldAccess(objectName, fieldName).readable;
    }

    /** Field-level edit access, for a field the platform lets anyone write (createable or updateable). */
    canEditField(objectName: string, fieldName: string): boolean {
        const { field, editable } = this.fieldAccess(objectName, fieldName);
        if (!field || !editable || !(field.createable || field.updateable)) return false;
        return this.canCreate(objectName) || this.canEdit(objectName);
    }
}

/** The access of a user with `profile` and `permissionSets` assigned. */
export function userAccess(
    schema: OrgSchema,
    profile: PermissionSetModel,
    permissionSets: readonly PermissionSetModel[] = []
): UserAccess {
    return new UserAccess(schema, [profile, ...permissionSets]);
}
