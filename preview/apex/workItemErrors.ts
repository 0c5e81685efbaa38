// Preview of RelayWorkItemErrors, RelayWorkItemException and RelayCalloutException.userMessage(): every
// failure of a work-item controller reaches the component as an AuraHandledException whose message is a
// custom label, never a stack trace or an English contact-centre message.
import { CalloutError, type CalloutKind } from '../server/genesysClient';
import { inTransaction } from './transaction';
import { AuraHandledException, type ApexContext } from './types';

/** A work-item rule said no; its message is always a label's text. */
export class RelayWorkItemException extends Error {
    constructor(
        message: string,
        override readonly cause?: unknown
    ) {
        super(message);
        this.name = 'RelayWorkItemException';
    }
}

const LABEL_BY_KIND: Partial<Record<CalloutKind, string>> = {
    RATE_LIMITED: 'Relay_Error_RateLimited',
    UNAUTHORIZED: 'Relay_Error_Unauthorized',
    FORBIDDEN: 'Relay_Error_Forbidden',
    NOT_FOUND: 'Relay_Error_NotFound',
    BAD_REQUEST: 'Relay_Error_BadRequest',
    INVALID_REQUEST: 'Relay_Error_BadRequest',
    TIMEOUT: 'Relay_Error_Timeout'
};

/** RelayCalloutException.userMessage(): the label for a failure kind. */
export function calloutMessage(ctx: ApexContext, kind: CalloutKind): string {
    return ctx.label(LABEL_BY_KIND[kind] ?? 'Relay_Error_ContactCentreUnavailable');
}

/** An Id parameter as the platform hands it over: an Apex Id is 15 or 18 letters and digits. */
const ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * RelayWorkItemErrors.requireInteractionId. An id of a record of another object is refused here; an unknown
 * id is left to the selector (Relay_Error_InteractionNotFound), as the preview cannot tell its object.
 */
export function requireInteractionId(ctx: ApexContext, value: unknown): string {
    if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
        throw new RelayWorkItemException(ctx.label('Relay_Error_InvalidRequest'));
    }
    const record = ctx.store.get(value);
    if (record && record.sobject !== 'Relay_Interaction__c') {
        throw new RelayWorkItemException(ctx.label('Relay_Error_InvalidRequest'));
    }
    return value;
}

/** RelayWorkItemErrors.requireWrapUpTargetId: an interaction, or the agent's Relay_Wrap_Up__c. */
export function requireWrapUpTargetId(ctx: ApexContext, value: unknown): string {
    if (typeof value === 'string' && ctx.store.get(value)?.sobject === 'Relay_Wrap_Up__c') return value;
    return requireInteractionId(ctx, value);
}

/** RelayWorkItemErrors.toAura: the AuraHandledException a controller throws for a failure. */
export function toAura(ctx: ApexContext, failure: unknown): AuraHandledException {
    if (failure instanceof AuraHandledException) return failure;
    if (failure instanceof RelayWorkItemException) return new AuraHandledException(failure.message);
    if (failure instanceof CalloutError) return new AuraHandledException(calloutMessage(ctx, failure.kind));
    // System.debug(LoggingLevel.ERROR, ...) in the Apex: the agent sees the generic label only.
    console.error(
        `preview: Relay work item failed: ${failure instanceof Error ? (failure.stack ?? failure.message) : String(failure)}`
    );
    return new AuraHandledException(ctx.label('Relay_Error_Generic'));
}

/**
 * A controller method: one transaction, every failure turned into a label
 * (`try { ... } catch (Exception failure) { throw RelayWorkItemErrors.toAura(failure); }`).
 */
export async function guarded<T>(ctx: ApexContext, body: () => Promise<T>): Promise<T> {
    try {
        return await inTransaction(ctx.store, body);
    } catch (failure) {
        throw toAura(ctx, failure);
    }
}
