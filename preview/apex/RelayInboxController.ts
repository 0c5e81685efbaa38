// Preview of RelayInboxController: the digital inbox (the Digital tab). One call per agent action, one
// transaction each; the rules are in inboxService.ts (RelayInboxService, RelayInboxDispositions) and the
// queries in inboxSelector.ts, and every failure reaches the component as an AuraHandledException with a label.
import {
    assign,
    detail,
    endInteraction,
    getInbox,
    join,
    queueViews,
    resolve,
    saveDisposition,
    submitWrapUp,
    transfer
} from './inboxService';
import { guarded, requireInteractionId } from './workItemErrors';
import type { ApexClassPreview } from './types';

export const RelayInboxController: ApexClassPreview = {
    className: 'RelayInboxController',
    methods: {
        getInbox: (_params, ctx) => guarded(ctx, () => Promise.resolve(getInbox(ctx))),
        assignToMe: (params, ctx) => guarded(ctx, () => assign(ctx, requireInteractionId(ctx, params.interactionId))),
        joinConversation: (params, ctx) =>
            guarded(ctx, async () => {
                await join(ctx, requireInteractionId(ctx, params.interactionId));
                return null;
            }),
        getInteractionDetail: (params, ctx) =>
            guarded(ctx, () => Promise.resolve(detail(ctx, requireInteractionId(ctx, params.interactionId)))),
        setResolved: (params, ctx) => guarded(ctx, () => resolve(ctx, requireInteractionId(ctx, params.interactionId))),
        endInteraction: (params, ctx) =>
            guarded(ctx, () => endInteraction(ctx, requireInteractionId(ctx, params.interactionId))),
        saveDisposition: (params, ctx) =>
            guarded(ctx, () => saveDisposition(ctx, requireInteractionId(ctx, params.interactionId), params)),
        submitWrapUp: (params, ctx) =>
            guarded(ctx, () =>
                submitWrapUp(ctx, requireInteractionId(ctx, params.interactionId), params.codeId, params.notes)
            ),
        getDigitalQueues: (_params, ctx) => guarded(ctx, () => Promise.resolve(queueViews(ctx))),
        transferToQueue: (params, ctx) =>
            guarded(ctx, () => transfer(ctx, requireInteractionId(ctx, params.interactionId), params.queueId))
    }
};
