// `insert` and `update` as the platform does them for Relay's custom objects: the auto-number Name, the
// owner (the running user), CreatedDate and LastModifiedDate, and the picklist defaults of the object
// metadata. Datetimes are stored as ISO-8601 texts, as the preview's records are JSON.
import type { Fields, StoredRecord } from '../server/recordStore';
import type { ApexContext } from './types';

/** The nameField display formats (objects/<Object>/<Object>.object-meta.xml). */
const AUTO_NUMBER: Record<string, { prefix: string; digits: number }> = {
    Relay_Interaction__c: { prefix: 'RI-', digits: 8 },
    Relay_Message__c: { prefix: 'MSG-', digits: 8 },
    Relay_Wrap_Up__c: { prefix: 'WU-', digits: 8 },
    Relay_Note__c: { prefix: 'NOTE-', digits: 8 }
};

/** Picklist and checkbox defaults applied to fields an insert leaves empty. */
const DEFAULTS: Record<string, Fields> = {
    Relay_Interaction__c: {
        Work_State__c: 'Alerting',
        Status__c: 'New',
        Unread__c: false,
        Wrap_Up_Required__c: false,
        Worked_In_Inbox__c: false
    },
    Relay_Wrap_Up__c: { Status__c: 'Pending' }
};

export function nowIso(ctx: ApexContext): string {
    return ctx.now().toISOString();
}

export function insertRecord(ctx: ApexContext, sobject: string, fields: Fields): StoredRecord {
    const now = nowIso(ctx);
    const values: Fields = { ...fields };
    for (const [name, value] of Object.entries(DEFAULTS[sobject] ?? {})) {
        if (values[name] === undefined || values[name] === null) values[name] = value;
    }
    const format = AUTO_NUMBER[sobject];
    if (format) {
        const next = ctx.store.query(sobject).length + 1;
        values.Name = `${format.prefix}${String(next).padStart(format.digits, '0')}`;
    }
    return ctx.store.insert(sobject, { OwnerId: ctx.userId, ...values, CreatedDate: now, LastModifiedDate: now });
}

export function updateRecord(ctx: ApexContext, id: string, fields: Fields): StoredRecord {
    const changes = { ...fields };
    delete changes.Id;
    delete changes.CreatedDate;
    return ctx.store.update(id, { ...changes, LastModifiedDate: nowIso(ctx) });
}

/** Newest first by CreatedDate; records created in the same millisecond by insertion order, newest first. */
export function newestFirst(records: StoredRecord[]): StoredRecord[] {
    return records
        .map((r, i) => ({ r, i }))
        .sort((a, b) => String(b.r.fields.CreatedDate).localeCompare(String(a.r.fields.CreatedDate)) || b.i - a.i)
        .map(({ r }) => r);
}
