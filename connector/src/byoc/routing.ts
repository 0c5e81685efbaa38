// Partner-owned routing and consent for Bring Your Own Channel for CCaaS: the Interaction Service API calls in the
// order Salesforce's procedure gives (docs/byoc-connector.md). The `plan…` functions are pure: they decide which
// call comes next and with which body; the flows below only send them, in order, through an InteractionClient.
import type {
    AgentWorkRequest,
    ConsentStatus,
    InteractionCall,
    InteractionClient,
    InteractionRequestJson,
    PostInteractionResponse,
    PostRouteResponse,
    RoutingResultRequest,
    RoutingType
} from './interactionClient';

export interface ByocSettings {
    /** RELAY_SF_CHANNEL_ADDRESS: the channel address identifier (`to` of an interaction, `channelAddressIdentifier`). */
    channelAddress: string;
    /** RELAY_SF_QUEUE_MAP: Salesforce queue id → Genesys queue id. A transfer to a mapped queue goes to Genesys. */
    queueMap: ReadonlyMap<string, string>;
    /**
     * RELAY_SF_CONSENT_STATUS: the consent status PATCH /consent sets for the channel's end users (default
     * ImplicitlyOptedIn: the customer wrote first). Genesys conveys no opt-out the connector could read instead
     * (docs/open-questions.md, Bring Your Own Channel).
     */
    consentStatus?: ConsentStatus;
}

/** A customer's first message on a new conversation. */
export interface NewConversation {
    /** The end user's client identifier (`from`, `endUserClientId`): their address on the channel. */
    endUserClientId: string;
    message: { id: string; text: string; timestampMs: number };
    /** Default ImplicitlyOptedIn: the customer wrote first. */
    consentStatus?: ConsentStatus;
    /** The Salesforce queue the PendingServiceRouting goes to (routingInfo.queueId); absent: the channel's own. */
    salesforceQueueId?: string;
    routingAttributes?: Record<string, string>;
}

/** What RoutingRequested carries that the answer needs (outbound-custom-event-payload.yaml, RoutingRequestedEvent). */
export interface TransferRequest {
    conversationIdentifier: string;
    /** workRecordId: the work item (MessagingSession) id. */
    workItemId: string;
    /** routingParameters.queueId: the Salesforce queue the agent picked. */
    targetQueueId: string;
    /** routingParameters.userId, when the transfer names an agent: then AgentWork is created at once. */
    targetUserId?: string;
}

export type TransferTarget = { kind: 'genesys'; genesysQueueId: string } | { kind: 'omni'; salesforceQueueId: string };

/** The spec's workItemId is exactly 15 characters: an 18-character Salesforce id loses its 3-character suffix. */
export function workItemId15(id: string): string {
    return /^[a-zA-Z0-9]{18}$/.test(id) ? id.slice(0, 15) : id;
}

export function planInteraction(settings: ByocSettings, input: NewConversation): InteractionCall {
    const json: InteractionRequestJson = {
        from: input.endUserClientId,
        to: settings.channelAddress,
        interactions: [
            {
                interactionType: 'EntryInteraction',
                timestamp: input.message.timestampMs,
                payload: {
                    id: input.message.id,
                    entryType: 'Message',
                    abstractMessage: {
                        messageType: 'StaticContentMessage',
                        id: input.message.id,
                        staticContent: { formatType: 'Text', text: input.message.text }
                    }
                }
            }
        ]
    };
    return { operation: 'post-interaction', method: 'POST', path: '/interactions', body: json };
}

export function planConsent(settings: ByocSettings, input: NewConversation): InteractionCall {
    return {
        operation: 'patch-consent-update',
        method: 'PATCH',
        path: '/consent',
        body: {
            endUserClientId: input.endUserClientId,
            channelAddressIdentifier: settings.channelAddress,
            consentStatus: input.consentStatus ?? settings.consentStatus ?? 'ImplicitlyOptedIn'
        }
    };
}

export function planRoute(
    conversationIdentifier: string,
    routingType: RoutingType,
    queueId?: string,
    routingAttributes?: Record<string, string>
): InteractionCall {
    const routingInfo =
        queueId === undefined && routingAttributes === undefined
            ? undefined
            : {
                  ...(queueId === undefined ? {} : { queueId }),
                  ...(routingAttributes === undefined ? {} : { routingAttributes })
              };
    return {
        operation: 'post-route',
        method: 'POST',
        path: '/route',
        body: { conversationIdentifier, routingType, ...(routingInfo === undefined ? {} : { routingInfo }) }
    };
}

export interface AgentAssignment {
    conversationIdentifier: string;
    workItemId: string;
    /** The Salesforce user id (or external user id) of the agent found. */
    userId: string;
    /** The route answer's routingCorrelationId. */
    routingCorrelationId: string;
    routingType: RoutingType;
}

export function planAgentWork(input: AgentAssignment): InteractionCall {
    const body: AgentWorkRequest = {
        userId: input.userId,
        workItemId: workItemId15(input.workItemId),
        routingContext: {
            conversationIdentifier: input.conversationIdentifier,
            routingType: input.routingType,
            routingCorrelationId: input.routingCorrelationId
        }
    };
    return { operation: 'post-agent-work', method: 'POST', path: '/agentWork', body };
}

/** DELETE /route only while the PendingServiceRouting is still there (Salesforce removes it itself otherwise). */
export function planRelease(conversationIdentifier: string, psrStillPending: boolean): InteractionCall | null {
    if (!psrStillPending) return null;
    return { operation: 'delete-route', method: 'DELETE', path: '/route', body: { conversationIdentifier } };
}

export function classifyTarget(settings: ByocSettings, targetQueueId: string): TransferTarget {
    // Salesforce ids compare on their 15-character (case-sensitive) form: the event may carry either form.
    const id15 = targetQueueId.slice(0, 15);
    const genesysQueueId = [...settings.queueMap].find(([queueId]) => queueId.slice(0, 15) === id15)?.[1];
    return genesysQueueId === undefined
        ? { kind: 'omni', salesforceQueueId: targetQueueId }
        : { kind: 'genesys', genesysQueueId };
}

export function planRoutingResult(request: TransferRequest, target: TransferTarget): InteractionCall {
    return {
        operation: 'post-routing-result',
        method: 'POST',
        path: '/routingResult',
        body: {
            workItemId: workItemId15(request.workItemId),
            conversationIdentifier: request.conversationIdentifier,
            success: true,
            externallyRouted: target.kind === 'genesys',
            routingType: 'Transfer'
        }
    };
}

/**
 * The answer when the transfer could not be carried out (the Genesys transfer was refused): `success` false with the
 * reason in `errorMessage` (RoutingResultRequest, inbound-interaction-api.yaml: "The error message why routing is
 * failed"), so Salesforce does not take the conversation as transferred.
 */
export function planRoutingFailure(
    request: TransferRequest,
    target: TransferTarget,
    errorMessage: string
): InteractionCall {
    const call = planRoutingResult(request, target);
    const body: RoutingResultRequest = {
        ...(call.body as RoutingResultRequest),
        success: false,
        errorMessage: errorMessage.slice(0, 1000)
    };
    return { ...call, body };
}

export interface OpenedConversation {
    conversationIdentifier: string;
    workItemId: string | undefined;
    routingCorrelationId: string | undefined;
    interaction: PostInteractionResponse;
    route: PostRouteResponse;
}

/** New conversation: POST /interactions → PATCH /consent → POST /route, each only after the previous succeeded. */
export async function openConversation(
    client: InteractionClient,
    settings: ByocSettings,
    input: NewConversation
): Promise<OpenedConversation> {
    const interaction = await client.call<PostInteractionResponse>(planInteraction(settings, input));
    const conversationIdentifier = interaction.conversationIdentifier;
    if (typeof conversationIdentifier !== 'string' || conversationIdentifier === '') {
        throw new Error('post-interaction: the answer names no conversationIdentifier; cannot route the conversation');
    }
    await client.call(planConsent(settings, input));
    const route = await client.call<PostRouteResponse>(
        planRoute(conversationIdentifier, 'Initial', input.salesforceQueueId, input.routingAttributes)
    );
    return {
        conversationIdentifier,
        workItemId: route.workItemId ?? interaction.workItemIds?.[0],
        routingCorrelationId: route.routingCorrelationId,
        interaction,
        route
    };
}

/** An agent was found: POST /agentWork. */
export async function assignAgent(client: InteractionClient, input: AgentAssignment): Promise<void> {
    await client.call(planAgentWork(input));
}

/** DELETE /route, only when the PendingServiceRouting was not removed. Returns whether it was called. */
export async function releaseRouting(
    client: InteractionClient,
    conversationIdentifier: string,
    psrStillPending: boolean
): Promise<boolean> {
    const call = planRelease(conversationIdentifier, psrStillPending);
    if (call === null) return false;
    await client.call(call);
    return true;
}

/** The calls of answerTransfer already answered (a retry or another instance carries on after them). */
export interface TransferProgress {
    routingResult?: true;
    route?: PostRouteResponse;
}

export interface TransferResume {
    done?: TransferProgress;
    /** Called after each call that succeeded, before the next: where to store the progress. */
    onStep?: (progress: TransferProgress) => Promise<void>;
}

export type TransferOutcome =
    | { kind: 'genesys'; genesysQueueId: string }
    | { kind: 'omni'; salesforceQueueId: string; route: PostRouteResponse; agentWorkSent: boolean };

/**
 * Answers RoutingRequested (within 60 s): POST /routingResult; for a Genesys queue (externallyRouted) that is all.
 * For an Omni-Channel queue: then POST /route (Transfer) and, when the request names the agent, POST /agentWork
 * (Transfer); otherwise assignAgent with routingType Transfer follows once an agent is found.
 */
export async function answerTransfer(
    client: InteractionClient,
    settings: ByocSettings,
    request: TransferRequest,
    resume: TransferResume = {}
): Promise<TransferOutcome> {
    const target = classifyTarget(settings, request.targetQueueId);
    const progress: TransferProgress = { ...resume.done };
    if (progress.routingResult !== true) {
        await client.call(planRoutingResult(request, target));
        progress.routingResult = true;
        await resume.onStep?.(progress);
    }
    if (target.kind === 'genesys') return target;
    let route = progress.route;
    if (route === undefined) {
        route = await client.call<PostRouteResponse>(
            planRoute(request.conversationIdentifier, 'Transfer', target.salesforceQueueId)
        );
        progress.route = route;
        await resume.onStep?.(progress);
    }
    if (request.targetUserId === undefined) return { ...target, route, agentWorkSent: false };
    if (typeof route.routingCorrelationId !== 'string') {
        throw new Error('post-route: the answer names no routingCorrelationId; cannot create the AgentWork');
    }
    await assignAgent(client, {
        conversationIdentifier: request.conversationIdentifier,
        workItemId: request.workItemId,
        userId: request.targetUserId,
        routingCorrelationId: route.routingCorrelationId,
        routingType: 'Transfer'
    });
    return { ...target, route, agentWorkSent: true };
}
