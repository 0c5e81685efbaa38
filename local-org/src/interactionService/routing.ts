// POST /route, DELETE /route, POST /agentWork, POST /routingResult, and what Omni-Channel does when the agent
// accepts the work. Sources: Interaction Service API reference, "Route a Conversation"
// (https://developer.salesforce.com/docs/service/interaction-service-api/references/interaction-service-reference/api-route.html):
// "When routing starts, a pending service routing (PSR) record is created ... Once a rep accepts the work, the PSR
// record is deleted. If the PSR record isn't automatically deleted, call the DELETE /route API"; "Clear Routing"
// (api-route-delete.html): "Deletes the Pending Service Routing (PSR) record for the specified conversation";
// "Track the Routing Status of a Conversation" (api-routingResult.html): "Use the results to determine whether to
// close the AgentWork record if routing succeeds or initiate another request if routing fails".
import { randomUUID } from 'node:crypto';
import type { StoredRecord } from '../data/schemaTypes';
import type { LocalOrg } from '../org/org';
import { channelOfRecord, id15, queueId, type ServiceContext } from './context';
import { ERRORS } from './errors';
import { get, live, now, platformDelete, platformInsert, platformUpdate } from './records';

const OPEN_WORK = new Set(['Assigned', 'Opened']);

/** The conversation's current session (the newest), checked against the request's AuthorizationContext. */
function sessionOfConversation(context: ServiceContext, conversationIdentifier: string): StoredRecord {
    const { org } = context;
    const conversation = live(
        org,
        'Conversation',
        (v) => v.get('conversationidentifier') === conversationIdentifier
    )[0];
    if (!conversation) throw ERRORS.conversation();
    channelOfRecord(context, String(get(conversation, 'ConversationChannelId')));
    const sessions = live(org, 'MessagingSession', (v) => v.get('conversationid') === conversation.id);
    if (sessions.length === 0) throw ERRORS.conversation();
    return sessions[sessions.length - 1];
}

/** The MessagingSession a 15-character workItemId names (ERRORCODES.md 10012 otherwise). */
function sessionOfWorkItem(context: ServiceContext, workItemId: string): StoredRecord {
    const session = live(context.org, 'MessagingSession', (v) => id15(String(v.get('id'))) === workItemId)[0];
    if (!session) throw ERRORS.workItem();
    channelOfRecord(context, String(get(session, 'MessagingChannelId')));
    return session;
}

const pendingRoutings = (org: LocalOrg, sessionId: string) =>
    live(org, 'PendingServiceRouting', (v) => v.get('workitemid') === sessionId);

/**
 * POST /route: a PSR for the session on the queue routingInfo names (a flow's fallback queue: the local org runs no
 * Omni-Channel flows), else on the channel's routing setting. A Transfer replaces the session's pending PSR.
 * unconfirmed: the PSR's RoutingType (QueueBased), IsReadyForRouting true, and the capacity taken from the queue's
 * routing configuration; the session's Status Waiting; that the answer's psrId and workItemId are 18 characters.
 */
export function postRoute(
    context: ServiceContext,
    body: {
        conversationIdentifier: string;
        routingType: string;
        routingInfo?: { queueId?: string; flow?: { flowId?: string; queueId?: string } };
    }
) {
    const { org } = context;
    if (body.routingType === 'Conference') throw ERRORS.conference();
    const session = sessionOfConversation(context, body.conversationIdentifier);
    const info = body.routingInfo;
    if (info?.flow && (!info.flow.flowId || !info.flow.queueId)) throw ERRORS.flow();
    const requested = info?.queueId ?? info?.flow?.queueId;
    const channel = org.store.get(String(get(session, 'MessagingChannelId')))!;
    const queue =
        requested !== undefined ? queueId(org, requested) : (get(channel, 'FallbackQueueId') as string | null);
    if (requested !== undefined && queue === null) throw ERRORS.queue();
    if (queue === null) throw ERRORS.noRouting();
    const pending = pendingRoutings(org, session.id);
    if (body.routingType === 'Initial' && pending.length > 0) {
        // Omni-Channel keeps one PSR per work item: a repeated Initial route answers the one waiting.
        return routeAnswer(context, pending[0], session);
    }
    for (const psr of pending) platformDelete(org, psr.id);
    const config = org.store.get(String(get(org.store.get(queue)!, 'QueueRoutingConfigId') ?? ''));
    const psrId = platformInsert(org, 'PendingServiceRouting', {
        WorkItemId: session.id,
        ServiceChannelId: context.serviceChannelId,
        RoutingType: 'QueueBased',
        RoutingModel: config ? get(config, 'RoutingModel') : null,
        RoutingPriority: config ? get(config, 'RoutingPriority') : null,
        CapacityWeight: config ? get(config, 'CapacityWeight') : null,
        CapacityPercentage: config ? get(config, 'CapacityPercentage') : null,
        GroupId: queue,
        IsReadyForRouting: true,
        IsTransfer: body.routingType === 'Transfer'
    });
    platformUpdate(org, session.id, { Status: 'Waiting' });
    return routeAnswer(context, org.store.get(psrId)!, session);
}

function routeAnswer(context: ServiceContext, psr: StoredRecord, session: StoredRecord) {
    const routingCorrelationId = randomUUID();
    context.correlations.set(routingCorrelationId, { psrId: psr.id, sessionId: session.id });
    return { success: true, routingCorrelationId, psrId: psr.id, workItemId: session.id };
}

/** DELETE /route: deletes the conversation's pending PSRs; `success` false when there was none. */
export function deleteRoute(context: ServiceContext, body: { conversationIdentifier: string }) {
    const session = sessionOfConversation(context, body.conversationIdentifier);
    const pending = pendingRoutings(context.org, session.id);
    for (const psr of pending) platformDelete(context.org, psr.id);
    return { success: pending.length > 0 };
}

/**
 * POST /agentWork: an AgentWork for the user on the session, Status Assigned (Omni-Channel pushes it to the agent,
 * who accepts it in the console: acceptWork). The pending PSR stays until then ("Once a rep accepts the work, the PSR
 * record is deleted"). Capacity: the request's, else the PSR's. agentWorkDetails only with a routingContext, which
 * the spec's AgentWorkDetails requires.
 * unconfirmed: the answer for an unknown or inactive user and for a routingCorrelationId this conversation was not
 * given (10089 here: ERRORCODES.md lists no closer code).
 */
export function postAgentWork(
    context: ServiceContext,
    body: {
        userId: string;
        workItemId: string;
        capacityWeight?: number;
        capacityPercentage?: number;
        routingContext?: { conversationIdentifier: string; routingType: string; routingCorrelationId: string };
    }
) {
    const { org } = context;
    if (body.capacityWeight !== undefined && body.capacityPercentage !== undefined) throw ERRORS.bothCapacities();
    if (body.capacityWeight !== undefined && body.capacityWeight < 0) throw ERRORS.capacityWeight();
    const percentage = body.capacityPercentage;
    if (percentage !== undefined && (percentage < 0 || percentage > 100)) throw ERRORS.capacityPercentage();
    const session = sessionOfWorkItem(context, body.workItemId);
    const user = live(org, 'User', (v) => id15(String(v.get('id'))) === id15(body.userId))[0];
    if (!user || get(user, 'IsActive') !== true) throw ERRORS.parameters(`No active user ${body.userId}.`);
    const routing = body.routingContext;
    if (routing) {
        if (sessionOfConversation(context, routing.conversationIdentifier).id !== session.id)
            throw ERRORS.conversation();
        if (context.correlations.get(routing.routingCorrelationId)?.sessionId !== session.id) {
            throw ERRORS.parameters(`Unknown routingCorrelationId ${routing.routingCorrelationId}.`);
        }
    }
    const psr = pendingRoutings(org, session.id)[0] ?? null;
    const weight =
        body.capacityWeight ?? (body.capacityPercentage === undefined && psr ? get(psr, 'CapacityWeight') : null);
    const percent = percentage ?? (body.capacityWeight === undefined && psr ? get(psr, 'CapacityPercentage') : null);
    const agentWorkId = platformInsert(org, 'AgentWork', {
        UserId: user.id,
        OwnerId: user.id,
        WorkItemId: session.id,
        ServiceChannelId: psr ? get(psr, 'ServiceChannelId') : context.serviceChannelId,
        PendingServiceRoutingId: psr?.id ?? null,
        Status: 'Assigned',
        CapacityWeight: weight,
        CapacityPercentage: percent,
        RoutingModel: psr ? get(psr, 'RoutingModel') : null,
        RoutingPriority: psr ? get(psr, 'RoutingPriority') : null,
        OriginalQueueId: psr ? get(psr, 'GroupId') : null,
        RequestDateTime: psr ? get(psr, 'CreatedDate') : null,
        AssignedDateTime: now(org)
    });
    return {
        success: true,
        agentWorkId,
        ...(routing
            ? {
                  agentWorkDetails: {
                      existPsr: psr !== null,
                      ...(psr ? { psrId: psr.id } : {}),
                      ...(typeof weight === 'number' ? { capacityWeight: weight } : {}),
                      ...(typeof percent === 'number' ? { capacityPercentage: percent } : {}),
                      routingContext: routing
                  }
              }
            : {})
    };
}

/**
 * POST /routingResult, the answer to a RoutingRequested event. Recorded as a ConversationEntry of type
 * RoutingResult (an entry type of the spec's EntryType and of the Messaging Object Model's entries). A successful
 * external routing closes the agents' open AgentWork: the conversation left Salesforce. Otherwise nothing is
 * routed here: a transfer inside Salesforce follows with POST /route and /agentWork, and a failure leaves the
 * work with the agent.
 * unconfirmed: the entry's fields; that the AgentWork closes (Status Closed) at once for an external target.
 */
export function postRoutingResult(
    context: ServiceContext,
    body: {
        workItemId: string;
        conversationIdentifier: string;
        success: boolean;
        externallyRouted: boolean;
        routingType?: string;
        errorMessage?: string;
    }
) {
    const { org } = context;
    if (body.success && body.errorMessage !== undefined) throw ERRORS.errorOnSuccess();
    if (!body.success && !body.errorMessage) throw ERRORS.noErrorOnFailure();
    const session = sessionOfWorkItem(context, body.workItemId);
    if (sessionOfConversation(context, body.conversationIdentifier).id !== session.id) throw ERRORS.conversation();
    platformInsert(org, 'ConversationEntry', {
        ConversationId: session.id,
        ActorType: 'System',
        EntryType: 'RoutingResult',
        EntryTime: now(org),
        Message: JSON.stringify({
            success: body.success,
            externallyRouted: body.externallyRouted,
            routingType: body.routingType ?? null,
            errorMessage: body.errorMessage ?? null
        })
    });
    if (body.success && body.externallyRouted) {
        for (const work of openWork(org, session.id)) {
            platformUpdate(org, work.id, { Status: 'Closed', CloseDateTime: now(org) });
        }
    }
    return { success: true };
}

const openWork = (org: LocalOrg, sessionId: string) =>
    live(org, 'AgentWork', (v) => v.get('workitemid') === sessionId && OPEN_WORK.has(String(v.get('status'))));

function ownedByQueue(org: LocalOrg, record: StoredRecord): boolean {
    const owner = org.store.get(String(get(record, 'OwnerId') ?? ''));
    return owner?.objectName === 'Group' && get(owner, 'Type') === 'Queue';
}

/**
 * What Omni-Channel does when the agent accepts the AgentWork (the console's Accept): the work is Opened, the
 * session's PSR deleted ("Once a rep accepts the work, the PSR record is deleted": Route a Conversation), the
 * session Active, accepted and owned by the agent; after a transfer the previous agent's work closes ("the work
 * item closes on your side when the other agent accepts": shared seed 001). Runs as its own transaction.
 * Any other work item (Relay's interactions) loses its PSR too ("Omni-Channel deletes the PendingServiceRouting after
 * Agent accepts the work": Expected Behavior for External Routing) and goes from its queue to the agent.
 * unconfirmed: the session's Status Active and OwnerId; that the previous agent's AgentWork becomes Closed.
 */
export function acceptWork(org: LocalOrg, agentWorkId: string): void {
    org.executor.transaction({ userId: org.adminUserId }, () => {
        const work = org.store.get(agentWorkId);
        if (!work || work.objectName !== 'AgentWork' || get(work, 'Status') !== 'Assigned') {
            throw new Error(`No assigned AgentWork ${agentWorkId}`);
        }
        const sessionId = String(get(work, 'WorkItemId'));
        const stamp = now(org);
        platformUpdate(org, work.id, { Status: 'Opened', AcceptDateTime: stamp });
        for (const psr of pendingRoutings(org, sessionId)) platformDelete(org, psr.id);
        const session = org.store.get(sessionId);
        if (session?.objectName === 'MessagingSession') {
            for (const other of openWork(org, sessionId)) {
                if (other.id !== work.id) platformUpdate(org, other.id, { Status: 'Closed', CloseDateTime: stamp });
            }
            platformUpdate(org, sessionId, {
                Status: 'Active',
                AcceptTime: get(session, 'AcceptTime') ?? stamp,
                OwnerId: get(work, 'UserId')
            });
        } else if (session && ownedByQueue(org, session)) {
            // Any other work item a queue routed (Relay's interactions, through the external-routing queue): "When the
            // work item is assigned to a service rep, the owner of the object changes from the queue to the service
            // rep" (Salesforce Help, "Routing Configuration Settings").
            platformUpdate(org, sessionId, { OwnerId: get(work, 'UserId') });
        }
    });
}
