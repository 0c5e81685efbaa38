// Preview of RelayWorkItemController: the agent's contact-centre status, reconciliation, pick up and
// disconnect. One call per agent action; the rules are in agentStatus.ts and workItemService.ts, and every
// failure reaches the component as an AuraHandledException carrying a custom label.
import { RelayAgentStatusService } from './agentStatus';
import { RelayWorkItemService } from './workItemService';
import { RelayWorkItemException, guarded, requireInteractionId } from './workItemErrors';
import type { ApexClassPreview } from './types';

export const RelayWorkItemController: ApexClassPreview = {
    className: 'RelayWorkItemController',
    methods: {
        getAgentStatus: (_params, ctx) => guarded(ctx, () => new RelayAgentStatusService(ctx).getStatus()),
        setOnQueue: (params, ctx) =>
            guarded(ctx, () => {
                if (typeof params.onQueue !== 'boolean') {
                    throw new RelayWorkItemException(ctx.label('Relay_Error_InvalidRequest'));
                }
                return new RelayAgentStatusService(ctx).setOnQueue(params.onQueue);
            }),
        syncInteractions: (_params, ctx) => guarded(ctx, () => new RelayWorkItemService(ctx).sync()),
        pickUp: (params, ctx) =>
            guarded(ctx, () => new RelayWorkItemService(ctx).pickUp(requireInteractionId(ctx, params.interactionId))),
        disconnect: (params, ctx) =>
            guarded(ctx, () =>
                new RelayWorkItemService(ctx).disconnect(requireInteractionId(ctx, params.interactionId))
            )
    }
};
