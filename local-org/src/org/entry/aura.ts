// An @AuraEnabled call from a Lightning web component (Lightning Web Components Developer Guide, "Call Apex
// Methods", "Apex Types Supported for LWC"): only a static @AuraEnabled method of a class the user may run
// (class access from the profile and permission sets); the parameters are converted from JSON to the declared
// types by name; the call is one transaction as the user; the result goes back as JSON with only the
// @AuraEnabled members of Apex objects; an AuraHandledException's message reaches the component, any other
// exception its type and message. A cacheable method may not do DML ("Too many DML statements: 1").
import { UnsupportedError } from '../../runtime/errors';
import { ApexObject, type ClassInfo, type MethodInfo } from '../../interpreter/classes';
import type { ApexThrown } from '../../interpreter/exceptions';
import type { LocalOrg } from '../org';
import { fromPlainJson, toAuraJson } from './marshal';

export interface AuraError {
    readonly message: string;
    readonly exceptionType: string;
    readonly stackTrace?: string;
}

export type AuraOutcome =
    | { readonly ok: true; readonly status: 200; readonly result: unknown }
    | { readonly ok: false; readonly status: number; readonly error: AuraError };

function failure(status: number, message: string, exceptionType: string, stackTrace?: string): AuraOutcome {
    return { ok: false, status, error: { message, exceptionType, stackTrace } };
}

function auraMethod(cls: ClassInfo | undefined, name: string): MethodInfo | undefined {
    return cls?.methods
        .get(name.toLowerCase())
        ?.find((m) => m.isStatic && m.modifiers.annotations.some((a) => a.key === 'auraenabled'));
}

/** Runs `Class.method(params)` as `userId`, as the platform runs an LWC's Apex call. */
export function invokeAura(org: LocalOrg, name: string, params: Record<string, unknown>, userId: string): AuraOutcome {
    const [className, methodName] = name.split('.');
    const cls = className ? org.interp.registry.findClass(className.toLowerCase(), null) : undefined;
    const method = auraMethod(cls, methodName ?? '');
    if (!cls || !method) {
        return failure(404, `Unable to find Apex action ${name}`, 'System.NoSuchMethodException');
    }
    if (!org.access(userId).hasClassAccess(cls.topLevel.name)) {
        return failure(
            403,
            `You do not have access to the Apex class named '${cls.topLevel.name}'.`,
            'System.NoAccessException'
        );
    }
    const cacheable =
        method.modifiers.annotations.find((a) => a.key === 'auraenabled')?.params.get('cacheable') === true;
    try {
        const result = org.executor.transaction({ userId, cacheable }, () => {
            const args = method.params.map((p) => fromPlainJson(org, params[p.name] ?? null, p.type, cls));
            return org.interp.invoke(method, null, args, method.line);
        });
        return { ok: true, status: 200, result: toAuraJson(org, result) };
    } catch (error) {
        const thrown = org.executor.asApex(error);
        if (thrown) return fromException(thrown);
        if (error instanceof UnsupportedError)
            return failure(500, `local org: ${error.message}`, 'LocalOrg.UnsupportedError');
        throw error;
    }
}

function fromException(thrown: ApexThrown): AuraOutcome {
    const data = thrown.exception.exception;
    if (thrown.exception.cls.key === 'system.aurahandledexception') {
        return failure(400, data?.clientMessage ?? data?.message ?? '', 'System.AuraHandledException');
    }
    return failure(500, data?.message ?? thrown.typeName, thrown.typeName, data?.stackTrace);
}

export { ApexObject };
