// Members of SObject types themselves: Account.SObjectType and field tokens (Apex Developer Guide,
// "Understanding Apex Describe Information"), custom settings' getInstance/getOrgDefaults/getValues/getAll
// (Apex Reference, "Custom Settings Methods"), custom metadata's getAll/getInstance ("Custom Metadata Type
// Methods"), and Share objects' RowCause values.
import { UnsupportedError } from '../../runtime/errors';
import { ApexMap, SObjectValue, T, typeRef, type ApexValue } from '../../runtime/values';
import type { StoredRecord } from '../../data/schemaTypes';
import type { LocalOrg } from '../org';

/** `Relay_Interaction__Share.RowCause.Manual`: the picklist's values by name. */
export class PicklistConstants {
    readonly apexTypeName = 'Schema.PicklistConstants';
    constructor(private readonly values: readonly string[]) {}
    value(name: string): string {
        const found = this.values.find((v) => v.toLowerCase() === name.toLowerCase());
        if (!found) throw new UnsupportedError(`Variable does not exist: ${name}`);
        return found;
    }
}

export function sobjectStaticProperty(org: LocalOrg, objectName: string, name: string): ApexValue {
    if (name.toLowerCase() === 'sobjecttype') return org.tokens.objectToken(objectName);
    const token = org.tokens.fieldToken(objectName, name);
    if (token) {
        if (token.field.type === 'picklist' && objectName.toLowerCase().endsWith('share')) {
            return new PicklistConstants(token.field.picklistValues ?? []);
        }
        return token;
    }
    throw new UnsupportedError(`Variable does not exist: ${objectName}.${name}`);
}

function toRecord(stored: StoredRecord): SObjectValue {
    const record = new SObjectValue(stored.objectName, false);
    const object = stored.objectName;
    for (const [key, value] of stored.values) {
        if (key === 'isdeleted') continue;
        record.set(canonical(object, key), value);
    }
    return record;
}

let schemaOf: LocalOrg | null = null;
function canonical(objectName: string, key: string): string {
    return schemaOf?.schema.field(objectName, key)?.name ?? key;
}

function live(org: LocalOrg, objectName: string): StoredRecord[] {
    return [...org.store.records(objectName)].filter((r) => r.values.get('isdeleted') !== true);
}

export function sobjectStatic(org: LocalOrg, objectName: string, key: string, args: ApexValue[]): ApexValue {
    schemaOf = org;
    const object = org.schema.object(objectName);
    if (!object) throw new UnsupportedError(`Invalid type: ${objectName}`);
    if (object.kind === 'customMetadata') {
        const rows = live(org, object.name);
        switch (`${key}/${args.length}`) {
            case 'getall/0': {
                const map = new ApexMap(T.String, typeRef(object.name));
                for (const row of rows) map.set(row.values.get('developername'), toRecord(row));
                return map;
            }
            case 'getinstance/1': {
                const wanted = String(args[0]).toLowerCase();
                const row = rows.find(
                    (r) => String(r.values.get('developername')).toLowerCase() === wanted || r.id === args[0]
                );
                return row ? toRecord(row) : null;
            }
            default:
                break;
        }
    }
    if (object.kind === 'customSetting') {
        const rows = live(org, object.name);
        const byOwner = (ownerId: ApexValue): StoredRecord | undefined =>
            rows.find((r) => r.values.get('setupownerid') === ownerId);
        const empty = (): SObjectValue => {
            const record = new SObjectValue(object.name, false);
            for (const field of object.fields.values()) {
                if (field.custom && field.defaultValue !== undefined) record.set(field.name, field.defaultValue);
            }
            return record;
        };
        switch (`${key}/${args.length}`) {
            case 'getorgdefaults/0': {
                const row = byOwner(org.orgId);
                return row ? toRecord(row) : empty();
            }
            case 'getinstance/0':
            case 'getinstance/1': {
                if (object.customSettingType === 'List' && args.length === 1) {
                    const named = rows.find((r) => r.values.get('name') === args[0]);
                    return named ? toRecord(named) : null;
                }
                // Hierarchy (Apex Reference, "Hierarchy Custom Setting Methods", getInstance): the owner's record,
                // its empty fields filled from higher in the hierarchy (user, then profile, then organization);
                // without a record of its own, a new one with a null Id, the merged fields and SetupOwnerId set.
                const ownerId = (args[0] as string | undefined) ?? org.runningUserId;
                const profileId = org.store.get(ownerId)?.values.get('profileid');
                const chain = [byOwner(ownerId), byOwner(profileId), byOwner(org.orgId)];
                const own = chain[0];
                const record = own ? toRecord(own) : empty();
                if (!own) record.set('SetupOwnerId', ownerId);
                for (const field of object.fields.values()) {
                    if (!field.custom || (record.get(field.name) ?? null) !== null) continue;
                    const higher = chain.find((row) => (row?.values.get(field.name.toLowerCase()) ?? null) !== null);
                    if (higher) record.set(field.name, higher.values.get(field.name.toLowerCase()) ?? null);
                }
                return record;
            }
            case 'getvalues/1': {
                const row =
                    object.customSettingType === 'List'
                        ? rows.find((r) => r.values.get('name') === args[0])
                        : byOwner(args[0]);
                return row ? toRecord(row) : null;
            }
            case 'getall/0': {
                const map = new ApexMap(T.String, typeRef(object.name));
                for (const row of rows) map.set(row.values.get('name'), toRecord(row));
                return map;
            }
            default:
                break;
        }
    }
    throw new UnsupportedError(`Not supported by the local org: ${objectName}.${key}(...)`);
}
