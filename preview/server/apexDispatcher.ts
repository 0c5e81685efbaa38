// Runs preview Apex: `/__apex/Class.method` (an LWC's @AuraEnabled call) and `/services/apexrest/...`
// (an @RestResource, e.g. the signed events the simulator posts). Errors come back as the platform
// returns them: an AuraHandledException's message (a label) in `body.message`, never a stack trace.
import { APEX_CLASSES } from '../apex/index';
import {
    AuraHandledException,
    type ApexClassPreview,
    type ApexContext,
    type RestRequest,
    type RestResponse
} from '../apex/types';

export interface ApexOutcome {
    status: number;
    payload: { result?: unknown; body?: { message: string; exceptionType: string } };
}

export class ApexDispatcher {
    constructor(
        private readonly context: ApexContext,
        private readonly classes: ApexClassPreview[] = APEX_CLASSES,
        private readonly log: (line: string) => void = (line) => console.error(line)
    ) {}

    /** `Class.method` names that have a preview handler. */
    methods(): string[] {
        return this.classes.flatMap((c) => Object.keys(c.methods ?? {}).map((m) => `${c.className}.${m}`));
    }

    /** Runs `Class.method`; `asUser` runs it as another Salesforce user (tests: a second agent). */
    async invoke(name: string, params: Record<string, unknown>, asUser?: string): Promise<ApexOutcome> {
        const [className, method] = name.split('.');
        const handler = this.classes.find((c) => c.className === className)?.methods?.[method ?? ''];
        if (!handler) {
            this.log(`preview: no preview handler for Apex ${name} (add it under preview/apex/)`);
            return fail(404, `The preview has no handler for Apex method ${name}.`, 'System.NoSuchMethodException');
        }
        try {
            // Apex receives a deserialized copy of the parameters, never the caller's objects.
            const context = asUser === undefined ? this.context : { ...this.context, userId: asUser };
            const result = await handler(structuredClone(params), context);
            return { status: 200, payload: { result: result === undefined ? null : structuredClone(result) } };
        } catch (error) {
            if (error instanceof AuraHandledException) {
                return fail(400, error.message, 'System.AuraHandledException');
            }
            this.log(
                `preview: Apex ${name} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
            );
            return fail(500, error instanceof Error ? error.message : String(error), 'System.UnexpectedException');
        }
    }

    async rest(method: string, urlPath: string, request: RestRequest): Promise<RestResponse | undefined> {
        const owner = this.classes.find((c) => c.rest && matches(c.rest.urlMapping, urlPath));
        if (!owner?.rest) return undefined;
        const handler = owner.rest.handlers[method as keyof typeof owner.rest.handlers];
        if (!handler) return { statusCode: 405, body: JSON.stringify([{ errorCode: 'METHOD_NOT_ALLOWED' }]) };
        try {
            return await handler(request, this.context);
        } catch (error) {
            this.log(
                `preview: REST ${method} ${urlPath} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
            );
            return {
                statusCode: 500,
                body: JSON.stringify([{ errorCode: 'APEX_ERROR', message: 'Unexpected error' }])
            };
        }
    }
}

function fail(status: number, message: string, exceptionType: string): ApexOutcome {
    return { status, payload: { body: { message, exceptionType } } };
}

/** @RestResource urlMapping semantics: exact, or a trailing `*` wildcard. */
function matches(urlMapping: string, urlPath: string): boolean {
    return urlMapping.endsWith('*') ? urlPath.startsWith(urlMapping.slice(0, -1)) : urlPath === urlMapping;
}
