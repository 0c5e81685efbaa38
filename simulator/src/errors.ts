// Genesys Cloud ErrorBody and the error type the simulator's domain code throws.
import { randomUUID } from 'node:crypto';

export interface ErrorDetail {
    errorCode: string;
    fieldName?: string;
    entityId?: string;
    entityName?: string;
}

/** The Platform API error shape (reference §11.1). */
export interface ErrorBody {
    status: number;
    code: string;
    message: string;
    messageWithParams: string;
    messageParams: Record<string, string>;
    contextId: string;
    details: ErrorDetail[];
    errors: ErrorBody[];
    entityId?: string;
    entityName?: string;
    limit?: { key: string; namespace: string; value: number };
}

/** A refusal the HTTP layer turns into an ErrorBody with this status and code. */
export class SimError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        message: string,
        readonly extra: { details?: ErrorDetail[]; params?: Record<string, string>; entityId?: string } = {}
    ) {
        super(message);
        this.name = 'SimError';
    }
}

export function notFound(kind: string, id: string): SimError {
    return new SimError(404, 'not.found', `The requested ${kind} was not found: ${id}`, {
        entityId: id,
        details: [{ errorCode: 'not.found', entityId: id, entityName: kind }]
    });
}

/** 400 invalid.value for a field; `entityId` names the entity the value refers to (an attachment id, say). */
export function invalidValue(fieldName: string, message: string, entityId?: string): SimError {
    if (entityId === undefined) {
        return new SimError(400, 'invalid.value', message, { details: [{ errorCode: 'invalid.value', fieldName }] });
    }
    return new SimError(400, 'invalid.value', message, {
        entityId,
        details: [{ errorCode: 'invalid.value', fieldName, entityId }]
    });
}

/** Builds an ErrorBody; `messageWithParams` keeps `{name}` placeholders the way Genesys does. */
export function errorBody(
    status: number,
    code: string,
    message: string,
    extra: {
        details?: ErrorDetail[];
        params?: Record<string, string>;
        messageWithParams?: string;
        entityId?: string;
        limit?: ErrorBody['limit'];
    } = {}
): ErrorBody {
    const body: ErrorBody = {
        status,
        code,
        message,
        messageWithParams: extra.messageWithParams ?? message,
        messageParams: extra.params ?? {},
        contextId: randomUUID(),
        details: extra.details ?? [],
        errors: []
    };
    if (extra.entityId !== undefined) body.entityId = extra.entityId;
    if (extra.limit !== undefined) body.limit = extra.limit;
    return body;
}

export function errorBodyFrom(error: SimError): ErrorBody {
    return errorBody(error.status, error.code, error.message, error.extra);
}
