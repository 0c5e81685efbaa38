// Bring Your Own Channel, an agent ending the Messaging Session in Salesforce (docs/byoc-outbound.md, decision
// end-conversation): the agent's participant of the Genesys conversation is disconnected with the operation Relay's
// Apex uses for Disconnect (genesysActions.ts `disconnect`), so Genesys applies the queue's wrap-up rule (after-call
// work) and Relay's panel shows the wrap-up as after any disconnect. Idempotent as RelayWorkItemService.disconnect
// is: an agent whose participant has ended already needs nothing, and a 400/404 answered to the disconnect is read
// as "already gone" when the conversation then shows the participant ended (or is gone itself).
import { GenesysApiError } from '../genesys/api';
import { agentStanding, type GenesysActions } from './genesysActions';

export type EndOutcome =
    | { kind: 'disconnected'; participantId: string }
    /** Nothing was sent, or Genesys refused because the participant had just ended: the same outcome. */
    | { kind: 'already-disconnected'; participantId: string }
    | { kind: 'refused'; reason: string };

/**
 * Ends the agent `userId`'s side of `conversationId`. Errors other than the "already gone" answers propagate (the
 * caller retries or records them, as for the other decisions).
 */
export async function endAgentSide(
    genesys: GenesysActions,
    conversationId: string,
    userId: string
): Promise<EndOutcome> {
    const standing = agentStanding(await genesys.conversation(conversationId), userId);
    switch (standing.kind) {
        case 'absent':
            return { kind: 'refused', reason: `the Genesys user ${userId} has no participant in ${conversationId}` };
        case 'ended':
            return { kind: 'already-disconnected', participantId: standing.participantId };
        case 'other':
            return {
                kind: 'refused',
                reason: `the Genesys user ${userId} is ${standing.state} in ${conversationId}, not connected`
            };
        case 'connected':
            break;
    }
    const { participantId } = standing.leg;
    try {
        await genesys.disconnect(conversationId, participantId);
        return { kind: 'disconnected', participantId };
    } catch (error) {
        if (!(error instanceof GenesysApiError) || (error.status !== 400 && error.status !== 404)) throw error;
        // Genesys refuses to disconnect a participant that is gone (404) or already disconnected (400): the
        // conversation says which. A participant still there means the refusal stands.
        if (await endedMeanwhile(genesys, conversationId, userId)) {
            return { kind: 'already-disconnected', participantId };
        }
        throw error;
    }
}

async function endedMeanwhile(genesys: GenesysActions, conversationId: string, userId: string): Promise<boolean> {
    try {
        return agentStanding(await genesys.conversation(conversationId), userId).kind === 'ended';
    } catch (error) {
        if (error instanceof GenesysApiError && error.status === 404) return true;
        throw error;
    }
}
