// Outbound custom events of Bring Your Own Channel for CCaaS (issue 14): what Salesforce publishes on
// Relay_Byoc_Event__e (EventType__c + Payload__c), decoded and validated against the schemas of Salesforce's own
// outbound-custom-event-payload.yaml (copied into connector/spec/, see its README.md), then mapped to what the
// connector should do. `decodeOutboundEvent` and `decideOutbound` are pure; docs/byoc-outbound.md explains them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parse as parseYaml } from 'yaml';
import type { TransferRequest } from './routing';

export const SPEC_PATH = path.join(__dirname, '..', '..', 'spec', 'outbound-custom-event-payload.yaml');
const SPEC_ID = 'outbound-custom-event-payload';

export type OutboundEventType = 'Interaction' | 'RoutingRequested';

export interface Participant {
    appType: string;
    subject: string;
    role: string;
}

/** StaticContentText, as far as the connector reads it. */
export interface StaticContent {
    formatType: string;
    text?: string;
    [key: string]: unknown;
}

export interface AbstractMessage {
    id: string;
    messageType: string;
    staticContent?: StaticContent;
    [key: string]: unknown;
}

export interface ConversationEntry {
    identifier: string;
    entryType: string;
    entryPayload: { id: string; entryType: string; abstractMessage?: AbstractMessage; [key: string]: unknown };
    sender: Participant;
    senderDisplayName?: string;
    transcriptedTimestamp: number;
    clientTimestamp: number;
    clientDuration: number;
    [key: string]: unknown;
}

/** The spec's InteractionEvent (EventType Interaction). */
export interface InteractionEvent {
    conversationIdentifier: string;
    channelAddressIdentifier: string;
    recipient: Participant;
    payload: ConversationEntry;
}

export interface RoutingParameter {
    queueId?: string;
    userId?: string;
    flowId?: string;
    isTransfer?: boolean;
    channelData?: string;
    [key: string]: unknown;
}

/** The spec's RoutingRequested (EventType RoutingRequested). */
export interface RoutingRequestedEvent {
    channelAddressIdentifier: string;
    recipient: Participant;
    payload: {
        conversationIdentifier?: string;
        routingParameters?: RoutingParameter;
        routingType?: string;
        workRecordId?: string;
    };
}

export type OutboundEvent =
    | { eventType: 'Interaction'; event: InteractionEvent }
    | { eventType: 'RoutingRequested'; event: RoutingRequestedEvent };

export class OutboundEventError extends Error {
    constructor(
        message: string,
        /** JSON pointer into the payload (or `EventType`) of the first violation. */
        readonly path: string,
        readonly violations: readonly string[]
    ) {
        super(message);
        this.name = 'OutboundEventError';
    }
}

interface CompiledSpec {
    validate(schemaName: string, value: unknown, at: string): void;
    has(schemaName: string): boolean;
}

let compiled: CompiledSpec | undefined;

/**
 * The spec as published is OpenAPI-flavoured JSON Schema. Three things are adjusted before ajv compiles it, each
 * counted so a new spec version that changes them is noticed: `type: float/double/int` (not JSON Schema types)
 * become number/integer; `discriminator`, `example` are annotations ajv must not reject; the int32/int64/double
 * formats are OpenAPI's, checked as numbers by `type` already.
 */
function normalise(node: unknown, counts: { types: number }): unknown {
    if (Array.isArray(node)) return node.map((item) => normalise(item, counts));
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
        if (key === 'type' && (value === 'float' || value === 'double' || value === 'int')) {
            counts.types += 1;
            out[key] = value === 'int' ? 'integer' : 'number';
        } else {
            out[key] = normalise(value, counts);
        }
    }
    return out;
}

function describe(errors: readonly ErrorObject[] | null | undefined, at: string): string[] {
    return (errors ?? []).map((error) => {
        const base = `${at}${error.instancePath}`;
        if (error.keyword === 'required') {
            return `${base}/${String((error.params as { missingProperty: string }).missingProperty)}: required`;
        }
        const where = base === '' ? '/' : base;
        if (error.keyword === 'enum') {
            const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
            return `${where}: must be one of ${allowed.map(String).join(', ')}`;
        }
        return `${where}: ${error.message ?? error.keyword}`;
    });
}

function firstPath(violation: string): string {
    return violation.slice(0, violation.indexOf(':'));
}

export function loadSpec(specPath: string = SPEC_PATH): CompiledSpec {
    const document = parseYaml(readFileSync(specPath, 'utf8')) as { components?: { schemas?: object } };
    if (document.components?.schemas === undefined) throw new Error(`${specPath}: no components.schemas`);
    const counts = { types: 0 };
    const schemas = normalise(document.components.schemas, counts) as Record<string, unknown>;
    if (counts.types !== 2) {
        throw new Error(
            `${specPath}: expected 2 non-JSON-Schema types (float), found ${counts.types}: review normalise()`
        );
    }
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
    ajv.addKeyword('discriminator');
    ajv.addKeyword('example');
    ajv.addKeyword('components');
    for (const format of ['int32', 'int64', 'double', 'float']) ajv.addFormat(format, true);
    ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);
    // Kept at components.schemas so the spec's own $refs (#/components/schemas/X) resolve inside this document.
    ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
    const cache = new Map<string, ValidateFunction>();
    const spec: CompiledSpec = {
        has: (name) => Object.hasOwn(schemas, name),
        validate(name, value, at) {
            let fn = cache.get(name);
            if (fn === undefined) {
                if (!spec.has(name)) throw new Error(`${specPath}: no schema ${name}`);
                fn = ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` });
                cache.set(name, fn);
            }
            if (!fn(value)) {
                const violations = describe(fn.errors, at);
                throw new OutboundEventError(
                    `outbound event refused: ${violations.join('; ')} (schema ${name})`,
                    firstPath(violations[0] ?? `${at}:`),
                    violations
                );
            }
        }
    };
    return spec;
}

function specOnce(): CompiledSpec {
    compiled ??= loadSpec();
    return compiled;
}

/**
 * Salesforce's own examples (the spec's README) send `null` for optional fields it leaves empty (`queueId: null`,
 * `messageReason: null`), which no schema of the spec allows. Null-valued properties are dropped before
 * validation: an absent optional field is fine, an absent required one is still refused.
 */
export function dropNulls(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(dropNulls);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = dropNulls(item);
    return out;
}

function record(value: unknown): Record<string, unknown> | undefined {
    return value !== null && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
}

/** JSON Schema validation does not follow the spec's discriminators: follow them for the parts Relay reads. */
function validateDiscriminated(spec: CompiledSpec, entry: Record<string, unknown>): void {
    const entryPayload = record(entry.entryPayload);
    if (entryPayload === undefined) return;
    if (entryPayload.entryType !== entry.entryType) {
        throw new OutboundEventError(
            `outbound event refused: /payload/entryPayload/entryType (${String(entryPayload.entryType)}) differs from /payload/entryType (${String(entry.entryType)})`,
            '/payload/entryPayload/entryType',
            ['/payload/entryPayload/entryType: differs from /payload/entryType']
        );
    }
    const entryType = String(entryPayload.entryType);
    if (spec.has(entryType)) spec.validate(entryType, entryPayload, '/payload/entryPayload');
    const message = record(entryPayload.abstractMessage);
    if (entryType !== 'Message' || message === undefined) return;
    const messageType = String(message.messageType);
    if (spec.has(messageType)) spec.validate(messageType, message, '/payload/entryPayload/abstractMessage');
    const content = record(message.staticContent);
    if (messageType !== 'StaticContentMessage' || content === undefined) return;
    const contentSchema = `StaticContent${String(content.formatType)}`;
    if (spec.has(contentSchema)) {
        spec.validate(contentSchema, content, '/payload/entryPayload/abstractMessage/staticContent');
    }
}

/** Decodes one outbound custom event: EventType__c and Payload__c as the Pub/Sub API delivers them. */
export function decodeOutboundEvent(eventType: unknown, payloadJson: unknown): OutboundEvent {
    const spec = specOnce();
    spec.validate('EventType', eventType, 'EventType');
    if (typeof payloadJson !== 'string') {
        throw new OutboundEventError('outbound event refused: Payload is not a string', '/', ['/: not a string']);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(payloadJson);
    } catch (error) {
        throw new OutboundEventError(`outbound event refused: Payload is not JSON (${(error as Error).message})`, '/', [
            '/: not JSON'
        ]);
    }
    const payload = dropNulls(parsed);
    if (eventType === 'Interaction') {
        spec.validate('InteractionEvent', payload, '');
        spec.validate('ConversationEntry', (payload as { payload: unknown }).payload, '/payload');
        validateDiscriminated(spec, (payload as { payload: Record<string, unknown> }).payload);
        return { eventType: 'Interaction', event: payload as InteractionEvent };
    }
    spec.validate('RoutingRequested', payload, '');
    return { eventType: 'RoutingRequested', event: payload as RoutingRequestedEvent };
}

/** The test-side encoder: EventType__c and Payload__c for a typed event; throws if the spec refuses it. */
export function encodeOutboundEvent(event: OutboundEvent): { eventType: OutboundEventType; payload: string } {
    const encoded = { eventType: event.eventType, payload: JSON.stringify(event.event) };
    decodeOutboundEvent(encoded.eventType, encoded.payload);
    return encoded;
}

export interface AgentText {
    conversationIdentifier: string;
    channelAddressIdentifier: string;
    /** The end user (recipient.subject). */
    recipientSubject: string;
    /** The sending agent's Salesforce user id (sender.subject) and display name. */
    agentSubject: string;
    agentDisplayName: string | undefined;
    /** abstractMessage.id: the message's own id (the entry's identifier is `entryId`). */
    messageId: string;
    entryId: string;
    text: string;
    transcriptedTimestamp: number;
}

/** The spec's SessionStatusChanged entry, as far as the connector reads it. */
export interface SessionStatusChanged {
    id: string;
    entryType: 'SessionStatusChanged';
    sessionId: string;
    conversationIdentifier: string;
    channelAddressIdentifier: string;
    sessionStatus: string;
    sessionStatusPrev?: string;
    sessionEndedByRole?: string;
    sessionStartTime: number;
    sessionEndTime?: number;
}

/** A Messaging Session an agent ended in Salesforce: the agent's side of the Genesys conversation ends too. */
export interface AgentEnd {
    conversationIdentifier: string;
    /** The agent's Salesforce user id (sender.subject when the sender's role is Agent; else undefined). */
    agentSubject: string | undefined;
    senderRole: string;
    /** The entry's identifier: Salesforce's identity of this ending (the claim's key). */
    entryId: string;
    sessionId: string;
}

export type OutboundDecision =
    | { kind: 'send-text'; message: AgentText }
    | { kind: 'end-conversation'; end: AgentEnd }
    | { kind: 'answer-transfer'; request: TransferRequest; channelAddressIdentifier: string }
    /** A RoutingRequested that cannot be answered with answerTransfer (a field it needs is absent). */
    | { kind: 'unanswerable-transfer'; conversationIdentifier: string | undefined; reason: string }
    | { kind: 'ignore'; reason: string };

export function decideOutbound(decoded: OutboundEvent): OutboundDecision {
    if (decoded.eventType === 'RoutingRequested') return decideRouting(decoded.event);
    const { event } = decoded;
    const entry = event.payload;
    if (entry.entryType === 'SessionStatusChanged') return decideSessionStatus(event);
    if (entry.entryType !== 'Message') return { kind: 'ignore', reason: `entry type ${entry.entryType}` };
    if (entry.sender.role !== 'Agent')
        return { kind: 'ignore', reason: `message from ${entry.sender.role}, not an agent` };
    const message = entry.entryPayload.abstractMessage;
    if (message === undefined || message.messageType !== 'StaticContentMessage') {
        return { kind: 'ignore', reason: `message type ${message?.messageType ?? 'none'} is not sent yet` };
    }
    const content = message.staticContent;
    if (content?.formatType !== 'Text' || typeof content.text !== 'string') {
        return { kind: 'ignore', reason: `static content ${content?.formatType ?? 'none'} is not sent yet` };
    }
    return {
        kind: 'send-text',
        message: {
            conversationIdentifier: event.conversationIdentifier,
            channelAddressIdentifier: event.channelAddressIdentifier,
            recipientSubject: event.recipient.subject,
            agentSubject: entry.sender.subject,
            agentDisplayName: entry.senderDisplayName,
            messageId: message.id,
            entryId: entry.identifier,
            text: content.text,
            transcriptedTimestamp: entry.transcriptedTimestamp
        }
    };
}

/**
 * The spec's SessionStatusChanged (outbound-custom-event-payload.yaml, components.schemas.SessionStatusChanged:
 * AbstractEntry plus sessionId, conversationIdentifier, channelAddressIdentifier, sessionStatus and sessionStartTime
 * required; sessionStatusPrev, sessionEndedByRole (ParticipantRole), sessionEndTime optional; SessionStatus is
 * Active | Ended | Waiting | New | Consent | Inactive | Error | Paused). decodeOutboundEvent has validated the entry
 * against it (the entryType discriminator). Only an agent's end is carried to Genesys: an end by the EndUser or
 * the System is the connector's own POST /messagingSession End after the customer left Genesys (later.ts), or
 * Salesforce's, and answering it would loop.
 */
function decideSessionStatus(event: InteractionEvent): OutboundDecision {
    const entry = event.payload;
    // Validated against SessionStatusChanged by the decoder: these fields are there, with these types.
    const status = entry.entryPayload as unknown as SessionStatusChanged;
    if (status.sessionStatus !== 'Ended') {
        return { kind: 'ignore', reason: `session status ${status.sessionStatus}, not Ended` };
    }
    if (status.sessionEndedByRole !== 'Agent') {
        return {
            kind: 'ignore',
            reason: `session ended by ${status.sessionEndedByRole ?? 'no role'}, not an agent`
        };
    }
    return {
        kind: 'end-conversation',
        end: {
            conversationIdentifier: event.conversationIdentifier,
            agentSubject: entry.sender.role === 'Agent' ? entry.sender.subject : undefined,
            senderRole: entry.sender.role,
            entryId: entry.identifier,
            sessionId: status.sessionId
        }
    };
}

function decideRouting(event: RoutingRequestedEvent): OutboundDecision {
    const { conversationIdentifier, routingParameters, routingType, workRecordId } = event.payload;
    if (routingType !== undefined && routingType !== 'Transfer') {
        return { kind: 'ignore', reason: `RoutingRequested with routingType ${routingType}, not Transfer` };
    }
    const missing = [
        conversationIdentifier === undefined ? 'payload.conversationIdentifier' : undefined,
        workRecordId === undefined ? 'payload.workRecordId' : undefined,
        routingParameters?.queueId === undefined ? 'payload.routingParameters.queueId' : undefined
    ].filter((field): field is string => field !== undefined);
    if (
        conversationIdentifier === undefined ||
        workRecordId === undefined ||
        routingParameters?.queueId === undefined
    ) {
        const flow =
            routingParameters?.flowId === undefined ? '' : ` (routingParameters.flowId ${routingParameters.flowId})`;
        return { kind: 'unanswerable-transfer', conversationIdentifier, reason: `no ${missing.join(', ')}${flow}` };
    }
    return {
        kind: 'answer-transfer',
        channelAddressIdentifier: event.channelAddressIdentifier,
        request: {
            conversationIdentifier,
            workItemId: workRecordId,
            targetQueueId: routingParameters.queueId,
            ...(routingParameters.userId === undefined ? {} : { targetUserId: routingParameters.userId })
        }
    };
}
