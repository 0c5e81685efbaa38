// PushTopic streaming in the console (Streaming API Developer Guide, "PushTopic Events (Legacy)"): the org's
// PushTopics turn committed record changes into notifications on `/topic/<Name>`, and each subscriber receives a
// notification only for a record it can read ("Receive change notifications for only the records a user has access
// to based on sharing rules"; Object Reference, PushTopic: "users must have read access on both the object in the
// PushTopic query and the PushTopic itself"), with the fields of the topic's SELECT clause ("The fields that you specify
// in the PushTopic SELECT clause make up the body of the notification"), as the subscriber's field-level security
// lets them see them.
//
// A PushTopic is a record, not metadata: an admin creates Relay's with RelayAgentSignals.createPushTopic()
// (docs/events.md). The console reads that method's definition from the class, so the emulation follows what the
// org gets. The local org has no PushTopic object, so the definition lives here rather than in its records.
//
// How a change is judged (the guide's "Event Notification Rules"): a create notifies when NotifyForOperationCreate, an
// update when NotifyForOperationUpdate and, with NotifyForFields Referenced (SELECT and WHERE fields), Select or
// Where, when one of those fields changed value; All notifies every update. Deletes and undeletes are not emulated
// (Relay's topic asks for neither). Who may read the record is the org's own answer: the topic's query, restricted to
// the record, run as each user with their sharing and field permissions; a user it returns no row for gets nothing.
import fs from 'node:fs';
import path from 'node:path';
import type { PlainRecord } from '../../local-org/src/worker/protocol';
import { ROOT } from '../lib/paths';
import type { PlatformEventBus } from './eventBus';

export type NotifyForFields = 'All' | 'Referenced' | 'Select' | 'Where';

export interface PushTopicDefinition {
    readonly name: string;
    readonly query: string;
    readonly objectName: string;
    /** The SELECT clause's fields, as written. */
    readonly selectFields: readonly string[];
    /** The fields the WHERE clause names (empty without one). */
    readonly whereFields: readonly string[];
    readonly notifyForFields: NotifyForFields;
    readonly notifyForOperationCreate: boolean;
    readonly notifyForOperationUpdate: boolean;
}

/** Where Relay's PushTopic is defined: the Apex an admin runs to create it. */
export const RELAY_PUSH_TOPIC_SOURCE = path.join(
    ROOT,
    'force-app',
    'main',
    'default',
    'classes',
    'events',
    'RelayAgentSignals.cls'
);

/** Relay's PushTopics, as RelayAgentSignals.createPushTopic() creates them. */
export function relayPushTopics(source = fs.readFileSync(RELAY_PUSH_TOPIC_SOURCE, 'utf8')): PushTopicDefinition[] {
    const constant = (name: string): string => {
        const match = new RegExp(`${name}\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'`).exec(source);
        if (!match) throw new Error(`RelayAgentSignals.cls has no ${name}`);
        return match[1];
    };
    const put = (field: string): string => {
        const match = new RegExp(`topic\\.put\\('${field}',\\s*([^)]*)\\)`).exec(source);
        if (!match) throw new Error(`RelayAgentSignals.createPushTopic() does not set ${field}`);
        return match[1].trim().replace(/^'(.*)'$/, '$1');
    };
    const notifyForFields = put('NotifyForFields');
    if (!['All', 'Referenced', 'Select', 'Where'].includes(notifyForFields)) {
        throw new Error(`NotifyForFields ${notifyForFields} is not one the PushTopic object takes`);
    }
    return [
        definePushTopic({
            name: constant('PUSH_TOPIC_NAME'),
            query: constant('PUSH_TOPIC_QUERY'),
            notifyForFields: notifyForFields as NotifyForFields,
            notifyForOperationCreate: put('NotifyForOperationCreate') === 'true',
            notifyForOperationUpdate: put('NotifyForOperationUpdate') === 'true'
        })
    ];
}

/** A PushTopic from its record's fields; its query is read for the object and the fields it names. */
export function definePushTopic(fields: {
    name: string;
    query: string;
    notifyForFields: NotifyForFields;
    notifyForOperationCreate: boolean;
    notifyForOperationUpdate: boolean;
}): PushTopicDefinition {
    const match = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+))?\s*$/is.exec(fields.query);
    if (!match) throw new Error(`PushTopic ${fields.name}: the query must be SELECT ... FROM Object [WHERE ...]`);
    const selectFields = match[1].split(',').map((f) => f.trim());
    if (!selectFields.some((f) => f.toLowerCase() === 'id')) {
        throw new Error(`PushTopic ${fields.name}: the SELECT clause must include Id`);
    }
    const where = match[3] ?? '';
    const whereFields = [
        ...where.replace(/'(?:[^'\\]|\\.)*'/g, '').matchAll(/\b([A-Za-z]\w*)\s*(?:=|!=|<|>|\bIN\b|\bLIKE\b)/gi)
    ].map((m) => m[1]);
    return { ...fields, objectName: match[2], selectFields, whereFields };
}

export interface PushTopicOrg {
    /** SOQL as a user, with their sharing and field permissions. */
    query(soql: string, userId?: string): Promise<Record<string, unknown>[]>;
}

/**
 * Turns the org's committed changes into PushTopic notifications on the bus, each with the view of every user who may
 * receive it. `users` names who a notification is judged for (the org's users who can hold a console).
 */
export class PushTopicStreams {
    /** The last values seen of each record of a topic's object: what tells a create from an update, and what changed. */
    private readonly seen = new Map<string, Record<string, unknown>>();
    private queue: Promise<void> = Promise.resolve();

    constructor(
        private readonly topics: readonly PushTopicDefinition[],
        private readonly org: PushTopicOrg,
        private readonly bus: PlatformEventBus,
        private readonly users: () => Iterable<string>
    ) {}

    /** The objects whose changes the topics follow. */
    get objectNames(): string[] {
        return [...new Set(this.topics.map((t) => t.objectName))];
    }

    /** Committed changes, in commit order; notifications are published one change after the other. */
    changes(records: readonly PlainRecord[]): Promise<void> {
        const run = this.queue.then(() => this.judge(records));
        this.queue = run.catch(() => undefined);
        return run;
    }

    /** Resolves once every change handed over so far has been judged (tests). */
    settled(): Promise<void> {
        return this.queue;
    }

    private async judge(records: readonly PlainRecord[]): Promise<void> {
        for (const record of records) {
            const topics = this.topics.filter((t) => t.objectName.toLowerCase() === record.objectName.toLowerCase());
            if (topics.length === 0) continue;
            const before = this.seen.get(record.id);
            const after = normalized(record.fields);
            this.seen.set(record.id, after);
            if (after.isdeleted === true) continue; // deletes are not emulated (no Relay topic asks for them)
            for (const topic of topics) {
                const type = before === undefined ? 'created' : 'updated';
                if (!notifies(topic, type, before, after)) continue;
                await this.notify(topic, type, record.id);
            }
        }
    }

    private async notify(topic: PushTopicDefinition, type: 'created' | 'updated', recordId: string): Promise<void> {
        const soql = restrictedTo(topic.query, recordId);
        const views = new Map<string, Record<string, unknown>>();
        for (const userId of new Set(this.users())) {
            const [row] = await this.org.query(soql, userId).catch(() => []);
            if (row) views.set(userId, withoutAttributes(row));
        }
        this.bus.publishTopic(topic.name, type, views);
    }
}

function notifies(
    topic: PushTopicDefinition,
    type: 'created' | 'updated',
    before: Record<string, unknown> | undefined,
    after: Record<string, unknown>
): boolean {
    if (type === 'created') return topic.notifyForOperationCreate;
    if (!topic.notifyForOperationUpdate) return false;
    const fields =
        topic.notifyForFields === 'All'
            ? Object.keys(after)
            : topic.notifyForFields === 'Select'
              ? topic.selectFields
              : topic.notifyForFields === 'Where'
                ? topic.whereFields
                : [...topic.selectFields, ...topic.whereFields];
    return fields
        .map((f) => f.toLowerCase())
        .filter((f) => f !== 'id')
        .some((f) => JSON.stringify(before?.[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/** The topic's query for one record: its own WHERE clause (if any) and the record's id. */
export function restrictedTo(query: string, recordId: string): string {
    if (!/^[A-Za-z0-9]{15,18}$/.test(recordId)) throw new Error(`Not a record id: ${recordId}`);
    const where = /\s+WHERE\s+(.+)$/is.exec(query);
    return where
        ? `${query.slice(0, where.index)} WHERE (${where[1]}) AND Id = '${recordId}'`
        : `${query} WHERE Id = '${recordId}'`;
}

function normalized(fields: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
}

function withoutAttributes(row: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'attributes'));
}
