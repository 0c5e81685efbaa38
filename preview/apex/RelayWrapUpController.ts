// Preview of RelayWrapUpController: the codes to choose from, the submission (wrap-up and back On Queue in
// one call, never lost: a retryable failure is kept Pending and retried by a queueable), the wrap-ups the
// agent owes and the ones Relay still holds. Rules are in wrapUpService.ts and requiredWrapUps.ts; every
// failure reaches the component as a label.
import { RelayWorkItemService } from './workItemService';
import { RelayWrapUpService } from './wrapUpService';
import { guarded, requireWrapUpTargetId } from './workItemErrors';
import type { ApexClassPreview } from './types';

export const RelayWrapUpController: ApexClassPreview = {
    className: 'RelayWrapUpController',
    methods: {
        getWrapUpCodes: (params, ctx) =>
            guarded(ctx, () => new RelayWrapUpService(ctx).getCodes(requireWrapUpTargetId(ctx, params.interactionId))),
        submitWrapUp: (params, ctx) =>
            guarded(ctx, () =>
                new RelayWrapUpService(ctx).submit(
                    requireWrapUpTargetId(ctx, params.interactionId),
                    params.codeId,
                    params.notes
                )
            ),
        syncOwedWrapUps: (_params, ctx) => guarded(ctx, () => new RelayWorkItemService(ctx).syncOwedWrapUps()),
        getPendingWrapUps: (_params, ctx) =>
            guarded(ctx, () => {
                const service = new RelayWrapUpService(ctx);
                const views = service.pendingViews();
                service.resumeOverdue();
                return Promise.resolve(views);
            })
    }
};
