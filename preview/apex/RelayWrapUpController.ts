// Preview of RelayWrapUpController: the codes to choose from, the submission (wrap-up and back On Queue in
// one call, never lost: a retryable failure is kept Pending and retried by a queueable) and the wrap-ups
// Relay still holds. Rules are in wrapUpService.ts; every failure reaches the component as a label.
import { RelayWrapUpService } from './wrapUpService';
import { guarded, requireInteractionId } from './workItemErrors';
import type { ApexClassPreview } from './types';

export const RelayWrapUpController: ApexClassPreview = {
    className: 'RelayWrapUpController',
    methods: {
        getWrapUpCodes: (params, ctx) =>
            guarded(ctx, () => new RelayWrapUpService(ctx).getCodes(requireInteractionId(ctx, params.interactionId))),
        submitWrapUp: (params, ctx) =>
            guarded(ctx, () =>
                new RelayWrapUpService(ctx).submit(
                    requireInteractionId(ctx, params.interactionId),
                    params.codeId,
                    params.notes
                )
            ),
        getPendingWrapUps: (_params, ctx) =>
            guarded(ctx, () => {
                const service = new RelayWrapUpService(ctx);
                const views = service.pendingViews();
                service.resumeOverdue();
                return Promise.resolve(views);
            })
    }
};
