import GENERIC_ERROR from '@salesforce/label/c.Relay_Error_Generic';

/**
 * Turns whatever an Apex call, a wire adapter or a platform API rejected with into one sentence an agent
 * can read. Relay's Apex controllers throw AuraHandledException whose message is already a translated
 * custom label, so that message is shown as it is; anything else (a JavaScript error, a network failure,
 * an unexpected shape) becomes the generic label, never a stack trace.
 */
export function messageFor(error: unknown): string {
    const fromApex = apexMessages(error);
    return fromApex.length > 0 ? fromApex.join(' ') : GENERIC_ERROR;
}

function apexMessages(error: unknown): string[] {
    if (!isObject(error) || !('body' in error)) {
        return [];
    }
    const body = error.body;
    const bodies: unknown[] = Array.isArray(body) ? body : [body];
    return bodies
        .map((b) => (isObject(b) && typeof b.message === 'string' ? b.message.trim() : ''))
        .filter((m) => m.length > 0);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null;
}
