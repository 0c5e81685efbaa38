// Preview of RelayWorkItemRouter: Omni-Channel external routing. An interaction is routed to the agent
// Genesys Cloud chose by a PendingServiceRouting (RoutingType ExternalRouting) and an AgentWork for the
// user on the Relay_Interaction service channel. Inserting the AgentWork is what makes the page's
// Omni-Channel widget offer the work (preview/server/omni.ts watches AgentWork inserts), as in an org.
import { readServiceChannels } from '../lib/metadata';
import { insertRecord, newestFirst } from './dml';
import type { Interaction } from './interactions';
import type { ApexContext } from './types';

export const SERVICE_CHANNEL = 'Relay_Interaction';
const OPEN_STATUSES = new Set(['Assigned', 'Opened']);

export interface Routing {
    /** The open work item (AgentWork Assigned or Opened) of each interaction. */
    openWork: Map<string, string>;
    /** The interactions routed to the agent at least once. */
    routed: Set<string>;
}

let channelIdCache: string | null | undefined;

/** `SELECT Id FROM ServiceChannel WHERE DeveloperName = 'Relay_Interaction'`: the project's channel. */
function channelId(): string | null {
    channelIdCache ??= readServiceChannels().find((c) => c.developerName === SERVICE_CHANNEL)?.id ?? null;
    return channelIdCache;
}

/** The work items Omni-Channel has for some interactions and a user (newest AgentWork first). */
export function routingOf(ctx: ApexContext, interactionIds: Set<string>, userId: string): Routing {
    const result: Routing = { openWork: new Map(), routed: new Set() };
    if (interactionIds.size === 0) return result;
    const works = newestFirst(
        ctx.store.query('AgentWork', (f) => interactionIds.has(String(f.WorkItemId)) && f.UserId === userId)
    );
    for (const work of works) {
        const interactionId = String(work.fields.WorkItemId);
        // Newest first: the first AgentWork seen for an interaction is its current one.
        if (!result.routed.has(interactionId) && OPEN_STATUSES.has(String(work.fields.Status))) {
            result.openWork.set(interactionId, work.id);
        }
        result.routed.add(interactionId);
    }
    return result;
}

/** Routes interactions to a user: the PendingServiceRouting still waiting or a new one, then the AgentWork. */
export function route(ctx: ApexContext, interactions: Interaction[], userId: string): Map<string, string> {
    const routed = new Map<string, string>();
    const channel = interactions.length === 0 ? null : channelId();
    if (channel === null) return routed;
    const ids = new Set(interactions.map((i) => i.Id).filter((id): id is string => id !== undefined));
    const pending = new Map<string, string>();
    for (const waiting of ctx.store.query('PendingServiceRouting', (f) => ids.has(String(f.WorkItemId)))) {
        pending.set(String(waiting.fields.WorkItemId), waiting.id);
    }
    for (const id of ids) {
        if (!pending.has(id)) {
            const created = insertRecord(ctx, 'PendingServiceRouting', {
                WorkItemId: id,
                ServiceChannelId: channel,
                RoutingType: 'ExternalRouting',
                CapacityWeight: 1,
                IsReadyForRouting: true,
                RoutingModel: 'ExternalRouting',
                RoutingPriority: 1
            });
            pending.set(id, created.id);
        }
    }
    for (const [interactionId, pendingId] of pending) {
        const work = insertRecord(ctx, 'AgentWork', {
            UserId: userId,
            WorkItemId: interactionId,
            ServiceChannelId: channel,
            PendingServiceRoutingId: pendingId
        });
        routed.set(interactionId, work.id);
    }
    return routed;
}
