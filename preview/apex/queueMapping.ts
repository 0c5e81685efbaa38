// Preview of RelayQueueMappingService: the digital queue a new inbound interaction waits in, from the admin's
// Relay_Queue_Mapping__mdt records (kept in the preview's records, read like getAll()): the mapping whose
// Genesys Queue ID is the event's queue id, else the one marked Is Default, in DeveloperName order. A mapping
// counts only when its queue is a digital queue; otherwise the next is tried, and the detail says why.
import type { Fields } from '../server/recordStore';
import type { ApexContext } from './types';

export interface Routing {
    queueId: string | null;
    detail: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const keyOf = (queueName: string | null): string | null => (queueName === null ? null : queueName.trim().toLowerCase());

function candidatesFor(ctx: ApexContext, genesysQueueId: string | null): Fields[] {
    const mappings = ctx.store
        .query('Relay_Queue_Mapping__mdt')
        .map((r) => r.fields)
        .sort((a, b) => String(a.DeveloperName).localeCompare(String(b.DeveloperName)));
    const wanted = genesysQueueId?.trim() ? genesysQueueId.trim().toLowerCase() : null;
    const matching: Fields[] = [];
    const defaults: Fields[] = [];
    for (const m of mappings) {
        if (wanted !== null && wanted === text(m.Genesys_Queue_Id__c)?.trim().toLowerCase()) matching.push(m);
        else if (m.Is_Default__c === true) defaults.push(m);
    }
    return [...matching, ...defaults];
}

/** The digital queues the candidates name, by lower-case DeveloperName (the one system-mode query). */
function digitalQueuesNamed(ctx: ApexContext, candidates: Fields[]): Map<string, string> {
    const names = new Set(candidates.map((c) => keyOf(text(c.Salesforce_Queue__c))).filter((n) => n));
    const ids = new Map<string, string>();
    for (const binding of ctx.store.query('QueueSobject', (f) => f.SobjectType === 'Relay_Interaction__c')) {
        const queue = ctx.store.get(String(binding.fields.QueueId));
        const key = keyOf(text(queue?.fields.DeveloperName));
        if (queue && key && names.has(key) && queue.fields.Type === 'Queue' && !queue.fields.QueueRoutingConfigId) {
            ids.set(key, queue.id);
        }
    }
    return ids;
}

/**
 * RelayQueueMappingService.genesysQueueIdFor: the contact-centre queue a digital queue is mapped from (only a
 * mapping naming a Genesys Queue ID counts), in DeveloperName order; null when none.
 */
export function genesysQueueIdFor(ctx: ApexContext, salesforceQueueId: string | null): string | null {
    const queue = salesforceQueueId ? ctx.store.get(salesforceQueueId) : undefined;
    if (!queue || queue.fields.Type !== 'Queue') return null;
    const wanted = keyOf(text(queue.fields.DeveloperName));
    const mapping = ctx.store
        .query('Relay_Queue_Mapping__mdt')
        .map((r) => r.fields)
        .sort((a, b) => String(a.DeveloperName).localeCompare(String(b.DeveloperName)))
        .find(
            (m) =>
                wanted !== null && keyOf(text(m.Salesforce_Queue__c)) === wanted && text(m.Genesys_Queue_Id__c)?.trim()
        );
    return mapping ? (text(mapping.Genesys_Queue_Id__c)?.trim() ?? null) : null;
}

export function routeFor(ctx: ApexContext, genesysQueueId: string | null): Routing {
    const candidates = candidatesFor(ctx, genesysQueueId);
    const queues = digitalQueuesNamed(ctx, candidates);
    const problems: string[] = [];
    for (const candidate of candidates) {
        const queueId = queues.get(keyOf(text(candidate.Salesforce_Queue__c)) ?? '');
        if (queueId) return { queueId, detail: problems.length === 0 ? null : problems.join(' ') };
        problems.push(
            `Relay Queue Mapping ${String(candidate.DeveloperName)} names the queue "${String(candidate.Salesforce_Queue__c)}", ` +
                'which is not a digital queue (a queue that supports Relay Interaction and has no routing configuration).'
        );
    }
    if (candidates.length === 0) {
        problems.push(
            'No Relay Queue Mapping names the contact-centre queue ' +
                (genesysQueueId?.trim() ? `"${genesysQueueId}"` : '(the event has none)') +
                ' and none is marked Is Default.'
        );
    }
    return { queueId: null, detail: problems.join(' ') };
}
