// A small in-memory org for the SOQL tests: a hand-built schema (Account, Contact, User, Group, two custom
// objects, QueueSobject, AsyncApexJob, ApexClass), a record store, and helpers to run dynamic and inline SOQL.
import {
    ApexParserFactory,
    SoqlLiteralContext,
    type ApexParserRuleContext,
    type ApexParseTree
} from '@apexdevtools/apex-parser';
import type {
    ChildRelationship,
    FieldDescribe,
    FieldType,
    ObjectDescribe,
    OrgSchema,
    StoredRecord
} from '../../src/data/schemaTypes';
import type { SoqlBind, SoqlQuery } from '../../src/data/soql/ast';
import { soqlFromContext } from '../../src/data/soql/build';
import { runSoql, type SoqlResult, type SoqlRunOptions } from '../../src/data/soql/evaluate';
import { normalizeId } from '../../src/data/soql/ids';
import { parseSoql } from '../../src/data/soql/parse';
import { SObjectValue, type ApexValue } from '../../src/runtime/values';

type FieldExtra = Partial<Omit<FieldDescribe, 'name' | 'type'>>;

export function field(name: string, type: FieldType, extra: FieldExtra = {}): FieldDescribe {
    const system = name === 'Id' || name === 'IsDeleted' || name === 'CreatedDate';
    return {
        name,
        label: name,
        type,
        nillable: true,
        createable: !system,
        updateable: !system,
        calculated: false,
        autoNumber: false,
        permissionable: !system && name !== 'Name',
        custom: name.endsWith('__c'),
        ...extra
    };
}

function ref(name: string, to: string[], relationshipName: string): FieldDescribe {
    return field(name, 'reference', { referenceTo: to, relationshipName });
}

function object(
    name: string,
    keyPrefix: string,
    fields: FieldDescribe[],
    children: ChildRelationship[] = []
): ObjectDescribe {
    const all = [field('Id', 'id'), field('IsDeleted', 'boolean'), field('CreatedDate', 'datetime'), ...fields];
    return {
        name,
        label: name,
        labelPlural: `${name}s`,
        keyPrefix,
        kind: name.endsWith('__c') ? 'custom' : 'standard',
        custom: name.endsWith('__c'),
        setup: name === 'User' || name === 'Group',
        fields: new Map(all.map((f) => [f.name.toLowerCase(), f])),
        childRelationships: children,
        createable: true,
        updateable: true,
        deleteable: true,
        queryable: true,
        source: 'test'
    };
}

const child = (childObject: string, fieldName: string, relationshipName: string): ChildRelationship => ({
    childObject,
    field: fieldName,
    relationshipName,
    cascadeDelete: false
});

export function buildSchema(): OrgSchema {
    const objects = [
        object(
            'Account',
            '001',
            [
                field('Name', 'string'),
                field('Industry', 'picklist'),
                field('AnnualRevenue', 'currency'),
                field('NumberOfEmployees', 'integer'),
                field('Rating__c', 'double', { permissionable: true }),
                field('Tags__c', 'multipicklist'),
                field('Active__c', 'boolean'),
                field('Founded__c', 'date'),
                field('Secret__c', 'string'),
                field('Code__c', 'string', { caseSensitive: true, unique: true }),
                ref('OwnerId', ['Group', 'User'], 'Owner'),
                ref('ParentId', ['Account'], 'Parent')
            ],
            [child('Contact', 'AccountId', 'Contacts'), child('Relay_Interaction__c', 'Account__c', 'Interactions__r')]
        ),
        object('Contact', '003', [
            field('FirstName', 'string'),
            field('LastName', 'string'),
            field('Email', 'email'),
            ref('AccountId', ['Account'], 'Account'),
            ref('OwnerId', ['User'], 'Owner')
        ]),
        object('User', '005', [
            field('Name', 'string'),
            field('Email', 'email'),
            ref('ManagerId', ['User'], 'Manager')
        ]),
        object('Group', '00G', [field('Name', 'string'), field('Type', 'picklist')]),
        object(
            'Relay_Interaction__c',
            'a01',
            [
                field('Name', 'string'),
                field('External_Conversation_Id__c', 'string'),
                field('Started__c', 'datetime'),
                ref('Account__c', ['Account'], 'Account__r')
            ],
            [child('Relay_Message__c', 'Interaction__c', 'Relay_Messages__r')]
        ),
        object('Relay_Message__c', 'a02', [
            field('Body__c', 'textarea'),
            field('Sequence__c', 'double'),
            ref('Interaction__c', ['Relay_Interaction__c'], 'Interaction__r')
        ]),
        object('QueueSobject', '03g', [field('SobjectType', 'picklist'), ref('QueueId', ['Group'], 'Queue')]),
        object('ApexClass', '01p', [field('Name', 'string')]),
        object('AsyncApexJob', '707', [field('Status', 'picklist'), ref('ApexClassId', ['ApexClass'], 'ApexClass')])
    ];
    const byName = new Map(objects.map((o) => [o.name.toLowerCase(), o]));
    const schema: OrgSchema = {
        objects: byName,
        object: (name) => byName.get(name.toLowerCase()),
        objectByKeyPrefix: (prefix) => objects.find((o) => o.keyPrefix === prefix),
        field: (objectName, fieldName) => byName.get(objectName.toLowerCase())?.fields.get(fieldName.toLowerCase()),
        parentRelationship: (objectName, relationshipName) =>
            [...(byName.get(objectName.toLowerCase())?.fields.values() ?? [])].find(
                (f) => f.relationshipName?.toLowerCase() === relationshipName.toLowerCase()
            ),
        childRelationship: (objectName, relationshipName) =>
            byName
                .get(objectName.toLowerCase())
                ?.childRelationships.find((c) => c.relationshipName.toLowerCase() === relationshipName.toLowerCase())
    };
    return schema;
}

/** An in-memory store with the hooks runSoql needs; counts how rows are fetched, for the performance tests. */
export class Org {
    readonly schema = buildSchema();
    readonly rows = new Map<string, StoredRecord>();
    readonly byObject = new Map<string, StoredRecord[]>();
    hidden = new Set<string>();
    unreadableFields = new Set<string>();
    unreadableObjects = new Set<string>();
    scans = 0;
    lookups = 0;
    private counter = 0;

    /** Inserts a row; `values` by API name (any case). Returns its 18-character Id. */
    insert(objectName: string, values: Record<string, ApexValue> = {}): string {
        const describe = this.schema.object(objectName)!;
        const id15 = describe.keyPrefix + String(++this.counter).padStart(12, '0');
        const id = normalizeId(id15)!;
        const record: StoredRecord = {
            id,
            objectName: describe.name,
            values: new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v]))
        };
        this.rows.set(id, record);
        const list = this.byObject.get(describe.name) ?? [];
        list.push(record);
        this.byObject.set(describe.name, list);
        return id;
    }

    options(binds: Record<string, ApexValue> = {}, extra: Partial<SoqlRunOptions> = {}): SoqlRunOptions {
        return {
            schema: this.schema,
            records: (name) => {
                this.scans++;
                return this.byObject.get(this.schema.object(name)?.name ?? name) ?? [];
            },
            byId: (id) => {
                this.lookups++;
                return this.rows.get(id);
            },
            resolveBind: (bind: SoqlBind) => {
                const key = bind.name ?? String(bind.ref);
                if (!(key in binds)) throw new Error(`no bind ${key}`);
                return binds[key];
            },
            isVisible: (record) => !this.hidden.has(record.id),
            canReadField: (o, f) => !this.unreadableFields.has(`${o}.${f}`),
            canReadObject: (o) => !this.unreadableObjects.has(o),
            nowMs: Date.UTC(2024, 5, 15, 12, 0, 0),
            userTimeZone: 'America/Los_Angeles',
            userId: '005000000000001AAA',
            ...extra
        };
    }

    /** Runs dynamic SOQL. */
    query(text: string, binds: Record<string, ApexValue> = {}, extra: Partial<SoqlRunOptions> = {}): SoqlResult {
        return runSoql(parseSoql(text), this.options(binds, extra));
    }

    /** Runs dynamic SOQL and returns its rows (fails on a COUNT() result). */
    rowsOf(text: string, binds: Record<string, ApexValue> = {}, extra: Partial<SoqlRunOptions> = {}): SObjectValue[] {
        const { rows } = this.query(text, binds, extra);
        if (!Array.isArray(rows)) throw new Error('expected rows');
        return rows;
    }

    /** The Ids of the rows a query returns, in order. */
    ids(text: string, binds: Record<string, ApexValue> = {}): string[] {
        return this.rowsOf(text, binds).map((row) => row.get('Id') as string);
    }
}

/** Builds the AST of the first inline SOQL in an Apex snippet; a bind's `ref` is its expression text. */
export function inlineQuery(apex: string): SoqlQuery {
    const parser = ApexParserFactory.createParser(apex, true);
    const unit = parser.block();
    const find = (node: ApexParseTree): SoqlLiteralContext | undefined => {
        if (node instanceof SoqlLiteralContext) return node;
        for (const child of (node as ApexParserRuleContext).children ?? []) {
            const found = find(child);
            if (found) return found;
        }
        return undefined;
    };
    const literal = find(unit);
    if (!literal) throw new Error('no SOQL in snippet');
    return soqlFromContext(literal.query(), (expr) => expr.getText());
}
