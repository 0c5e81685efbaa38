// What Omni-Channel does when a queue with a routing configuration comes to own a record: the record waits for an
// agent as a PendingServiceRouting on the queue (Salesforce Help, "Routing Configuration Settings": a routing
// configuration decides how "work items from the queue" are routed; Omni-Channel Developer Guide, "Expected Behavior
// for External Routing for Omni-Channel": "PendingServiceRouting is created. Partner is notified ... Partner creates
// AgentWork using the PSR"). With the External Routing model Omni-Channel routes nothing itself and waits for the
// partner's AgentWork ("If this PSR's RoutingModel field is set to ExternalRouting, Omni-Channel won't route the PSR",
// Service Cloud Voice for Partner Telephony, "External Routing"); the local org routes no other model either.
// unconfirmed (docs/open-questions.md, "Omni-Channel external routing"): that the PSR exists before the owner change's
// transaction ends (so the same Apex reads it back), its RoutingType (QueueBased), and that a record moved from the
// queue loses its waiting PSR (not emulated: the PSR stays).
import type { StoredRecord } from '../data/schemaTypes';
import { get, live, platformInsert } from '../interactionService/records';
import type { ApexValue } from '../runtime/values';
import type { LocalOrg } from './org';

/** After a save: a record now owned by a routed queue gets its PendingServiceRouting, once. */
export function routeToOwningQueue(
    org: LocalOrg,
    objectName: string,
    recordId: string,
    ownerId: ApexValue,
    priorOwnerId: ApexValue
): void {
    if (typeof ownerId !== 'string' || ownerId === priorOwnerId) return;
    const queue = org.store.get(ownerId);
    if (!queue || queue.objectName !== 'Group' || get(queue, 'Type') !== 'Queue') return;
    const config = org.store.get(String(get(queue, 'QueueRoutingConfigId') ?? ''));
    if (!config) return;
    const channel = serviceChannelOf(org, objectName);
    if (!channel) return;
    if (live(org, 'PendingServiceRouting', (v) => v.get('workitemid') === recordId).length > 0) return;
    platformInsert(org, 'PendingServiceRouting', {
        WorkItemId: recordId,
        ServiceChannelId: channel.id,
        RoutingType: 'QueueBased',
        RoutingModel: get(config, 'RoutingModel'),
        RoutingPriority: get(config, 'RoutingPriority'),
        GroupId: queue.id,
        IsReadyForRouting: true
    });
}

function serviceChannelOf(org: LocalOrg, objectName: string): StoredRecord | undefined {
    const name = objectName.toLowerCase();
    return live(org, 'ServiceChannel', (v) => String(v.get('relatedentity') ?? '').toLowerCase() === name)[0];
}
