// Who may see and change what. Object and field permissions come from the user's profile and assigned
// permission sets (the union); record access from the org-wide default, ownership, queue and group
// membership and share records (Salesforce Help, "Sharing Settings", "Organization-Wide Sharing Defaults",
// "Record Access via Queues"; Apex Developer Guide, "Understanding Apex Managed Sharing"). Role hierarchies,
// sharing rules, territories and teams are not modelled: only an org can prove behaviour that depends on them.
import type { ObjectDescribe, StoredRecord } from '../data/schemaTypes';
import type { RecordStore } from './store';

export type ObjectOperation = 'read' | 'create' | 'edit' | 'delete';
export type FieldOperation = 'read' | 'edit';

export interface AccessChecker {
    objectAccess(objectName: string, op: ObjectOperation): boolean;
    fieldAccess(objectName: string, fieldName: string, op: FieldOperation): boolean;
    /** View All Data / Modify All Data, or View All / Modify All on the object. */
    seesAll(objectName: string, op: 'read' | 'edit'): boolean;
    /** A system permission such as 'ViewSetup', 'ModifyAllData'. */
    hasUserPermission(name: string): boolean;
}

/** Ids of the groups (queues and public groups) a user belongs to, directly or through nested groups. */
export function groupsOf(store: RecordStore, userId: string): Set<string> {
    const groups = new Set<string>();
    const members = [...store.records('GroupMember')].filter((m) => m.values.get('isdeleted') !== true);
    let frontier = new Set([userId]);
    while (frontier.size > 0) {
        const next = new Set<string>();
        for (const member of members) {
            const memberOf = member.values.get('userorgroupid') as string;
            const group = member.values.get('groupid') as string;
            if (frontier.has(memberOf) && !groups.has(group)) {
                groups.add(group);
                next.add(group);
            }
        }
        frontier = next;
    }
    return groups;
}

export class RecordAccess {
    private groupCache: { userId: string; version: number; groups: Set<string> } | null = null;

    constructor(
        private readonly store: RecordStore,
        private readonly describe: (objectName: string) => ObjectDescribe | undefined,
        private readonly version: () => number
    ) {}

    private groups(userId: string): Set<string> {
        const version = this.version();
        if (!this.groupCache || this.groupCache.userId !== userId || this.groupCache.version !== version) {
            this.groupCache = { userId, version, groups: groupsOf(this.store, userId) };
        }
        return this.groupCache.groups;
    }

    /**
     * Whether `userId` may read, edit or delete `record`, as record sharing decides. Deleting takes Full Access:
     * the owner's ("The record owner is automatically granted Full Access, allowing them to view, edit,
     * transfer, share, and delete the record": Apex Developer Guide, "Understanding Sharing"), a share with
     * AccessLevel All, or Modify All; a Read/Write default or an Edit share lets a user edit but not delete.
     * A detail record of a master-detail relationship is deleted by whoever may edit its master.
     */
    canAccess(record: StoredRecord, userId: string, access: AccessChecker, op: 'read' | 'edit' | 'delete'): boolean {
        const object = this.describe(record.objectName);
        const model = object?.sharingModel;
        if (!object || !model) return true;
        if (access.seesAll(object.name, op === 'read' ? 'read' : 'edit')) return true;
        if (model === 'FullAccess') return true;
        if ((model === 'ReadWrite' || model === 'ReadWriteTransfer') && op !== 'delete') return true;
        if (model === 'Read' && op === 'read') return true;
        if (model === 'ControlledByParent') {
            const master = [...object.fields.values()].find((f) => f.cascadeDelete && f.type === 'reference');
            const parentId = master ? (record.values.get(master.name.toLowerCase()) as string | null) : null;
            const parent = parentId ? this.store.get(parentId) : undefined;
            return !parent || this.canAccess(parent, userId, access, op === 'delete' ? 'edit' : op);
        }
        const owner = record.values.get('ownerid') as string | null | undefined;
        if (owner === userId) return true;
        const groups = this.groups(userId);
        if (owner && groups.has(owner)) return true;
        return this.sharedWith(record, object, userId, groups, op);
    }

    private sharedWith(
        record: StoredRecord,
        object: ObjectDescribe,
        userId: string,
        groups: Set<string>,
        op: 'read' | 'edit' | 'delete'
    ): boolean {
        const shareObject = object.custom ? object.name.replace(/__c$/i, '__Share') : `${object.name}Share`;
        const parentField = object.custom ? 'parentid' : `${object.name.toLowerCase()}id`;
        for (const share of this.store.records(shareObject)) {
            if (share.values.get(parentField) !== record.id || share.values.get('isdeleted') === true) continue;
            const to = share.values.get('userorgroupid') as string;
            if (to !== userId && !groups.has(to)) continue;
            const level = String(
                share.values.get('accesslevel') ?? share.values.get(`${object.name.toLowerCase()}accesslevel`) ?? 'Read'
            );
            if (op === 'read' || level === 'All' || (op === 'edit' && level === 'Edit')) return true;
        }
        return false;
    }
}
