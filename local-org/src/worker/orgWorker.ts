// The local org in a worker thread (see protocol.ts). Apex runs here, one request at a time, as the
// platform runs one transaction per request; a callout blocks this thread until the owner answers it.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { StoredRecord } from '../data/schemaTypes';
import { parseSoql } from '../data/soql';
import { ApexPlatformError } from '../runtime/errors';
import { invokeAura } from '../org/entry/aura';
import { toAuraJson } from '../org/entry/marshal';
import { invokeRest } from '../org/entry/rest';
import { createRecord } from '../org/entry/create';
import { LocalOrg, type CalloutRequest, type CalloutResponse } from '../org/org';
import { runQuery } from '../org/query';
import type { QueuedJob } from '../org/transaction';
import { ApexDatetime, SObjectValue, type ApexList } from '../runtime/values';
import { AgentMessageRefused } from '../interactionService/agentMessage';
import { acceptWork } from '../interactionService/routing';
import { InteractionHost } from './interactionHost';
import type { CalloutAnswer, Notice, PlainRecord, Reply, Request, WorkerOptions } from './protocol';

interface WorkerData {
    readonly options: WorkerOptions;
    /** Int32 word the owner sets to 1 when a callout's answer is on `answers`. */
    readonly signal: SharedArrayBuffer;
    readonly answers: MessagePort;
}

const data = workerData as WorkerData;
const signal = new Int32Array(data.signal);
const port = parentPort!;
const jobs = new Map<string, { job: QueuedJob; run: () => void }>();
const notify = (notice: Notice): void => port.postMessage(notice);

/** A callout: the owner sends it and answers on `answers`; this thread waits (the platform's callout blocks too). */
function transport(request: CalloutRequest): CalloutResponse {
    Atomics.store(signal, 0, 0);
    notify({ kind: 'callout', request });
    // The owner always answers, a timeout included; the extra second only guards against a lost owner.
    const woke = Atomics.wait(signal, 0, 0, request.timeoutMs + 1000);
    const message = receiveMessageOnPort(data.answers)?.message as CalloutAnswer | undefined;
    if (woke === 'timed-out' || !message) throw new ApexPlatformError('CalloutException', 'Read timed out');
    if (!message.ok) {
        throw new ApexPlatformError(
            'CalloutException',
            message.reason === 'timeout' ? 'Read timed out' : message.message
        );
    }
    return {
        status: message.status,
        statusText: message.statusText,
        headers: new Map(message.headers),
        body: message.body
    };
}

/** A stored record with its fields as JSON values, under their API names. */
function plain(target: LocalOrg, record: StoredRecord): PlainRecord {
    const value = new SObjectValue(record.objectName, false);
    for (const [key, field] of record.values) {
        if (key === 'isdeleted' && field !== true) continue;
        value.set(target.schema.field(record.objectName, key)?.name ?? key, field);
    }
    return {
        id: record.id,
        objectName: record.objectName,
        fields: toAuraJson(target, value) as Record<string, unknown>
    };
}

/** Platform event messages as the event bus carries them: the payload's fields, JSON-typed. */
function plainEvents(org: LocalOrg, events: readonly StoredRecord[]): StoredRecord[] {
    return events.map((event) => {
        const record = new SObjectValue(event.objectName, false);
        for (const [key, value] of event.values)
            record.set(org.schema.field(event.objectName, key)?.name ?? key, value);
        const fields = toAuraJson(org, record) as Record<string, unknown>;
        return { id: event.id, objectName: event.objectName, values: new Map(Object.entries(fields)) };
    });
}

const started = performance.now();
let clockOffset = 0;
const watched = new Set((data.options.watch ?? []).map((name) => name.toLowerCase()));
const org = LocalOrg.load(
    data.options.projectDir,
    {
        now: () => Date.now() + clockOffset,
        onCommit: (records) => {
            const changed = records.filter((r) => watched.has(r.objectName.toLowerCase())).map((r) => plain(org, r));
            if (changed.length > 0) notify({ kind: 'changes', records: changed });
        },
        calloutTransport: transport,
        namedCredentialUrls: new Map(Object.entries(data.options.namedCredentialUrls)),
        eventSink: (events) => notify({ kind: 'events', events: plainEvents(org, events) }),
        scheduleJob: (job, run) => {
            jobs.set(job.id, { job, run });
            notify({
                kind: 'jobQueued',
                jobId: job.id,
                className: job.job.cls.displayName,
                delayMinutes: job.delayMinutes
            });
        },
        onAsyncError: (error) =>
            notify({ kind: 'log', line: `Queueable failed: ${error instanceof Error ? error.message : String(error)}` })
    },
    data.options.extraProjects ?? []
);
for (const file of data.options.customMetadataFiles ?? []) org.deployCustomMetadata(file);
if (data.options.seedApex) org.executeAnonymous(data.options.seedApex);
notify({ kind: 'ready', loadMs: Math.round(performance.now() - started), users: usersByUsername(org) });

function usersByUsername(target: LocalOrg): Record<string, string> {
    const users: Record<string, string> = {};
    for (const user of target.store.records('User')) users[String(user.values.get('username'))] = user.id;
    return users;
}

const interaction = new InteractionHost(org);

/** A call's answer: most are synchronous (Apex runs to the end); starting and stopping a server is not. */
function handle(request: Request): Reply | Promise<Reply> {
    const ok = (value: Extract<Reply, { ok: true }>['value']): Reply => ({
        kind: 'reply',
        id: request.id,
        ok: true,
        value
    });
    try {
        switch (request.kind) {
            case 'aura':
                return {
                    kind: 'reply',
                    id: request.id,
                    ok: true,
                    value: invokeAura(org, request.name, request.params, request.userId)
                };
            case 'rest': {
                const call = { ...request.call, body: new Uint8Array(request.call.body) };
                return { kind: 'reply', id: request.id, ok: true, value: invokeRest(org, call, request.userId) };
            }
            case 'anonymous':
                return {
                    kind: 'reply',
                    id: request.id,
                    ok: true,
                    value: org.executeAnonymous(request.source, { userId: request.userId })
                };
            case 'query':
                return { kind: 'reply', id: request.id, ok: true, value: query(request.soql, request.userId) };
            case 'record': {
                const record = org.store.get(request.recordId);
                const userId = request.userId ?? org.adminUserId;
                const visible =
                    record &&
                    record.values.get('isdeleted') !== true &&
                    org.recordAccess.canAccess(record, userId, org.checker(userId), 'read');
                return { kind: 'reply', id: request.id, ok: true, value: visible ? plain(org, record) : null };
            }
            case 'platformUpdate': {
                const record = org.store.get(request.recordId);
                if (!record) throw new Error(`No record ${request.recordId}`);
                const mark = org.store.mark();
                const values = new Map<string, unknown>();
                for (const [k, v] of Object.entries(request.fields))
                    values.set(k.toLowerCase(), fromPlain(record.objectName, k, v));
                org.store.update(request.recordId, values);
                org.version++;
                const changed = org.store.changedSince(mark).filter((r) => watched.has(r.objectName.toLowerCase()));
                if (changed.length > 0) notify({ kind: 'changes', records: changed.map((r) => plain(org, r)) });
                return { kind: 'reply', id: request.id, ok: true, value: null };
            }
            case 'create': {
                const { objectName, fields, userId, blobFields } = request;
                return {
                    kind: 'reply',
                    id: request.id,
                    ok: true,
                    value: createRecord(org, objectName, fields, userId, blobFields)
                };
            }
            case 'advanceClock':
                clockOffset += request.ms;
                return { kind: 'reply', id: request.id, ok: true, value: null };
            case 'runJob': {
                const entry = jobs.get(request.jobId);
                jobs.delete(request.jobId);
                entry?.run();
                return { kind: 'reply', id: request.id, ok: true, value: null };
            }
            case 'startInteractionService':
                return interaction.start(request.options).then(ok, (error: unknown) => failure(request.id, error));
            case 'stopInteractionService':
                return interaction.stop().then(
                    () => ok(null),
                    (error: unknown) => failure(request.id, error)
                );
            case 'acceptInteractionToken':
                interaction.accept(request.token);
                return ok(null);
            case 'revokeInteractionTokens':
                interaction.revokeAll();
                return ok(null);
            case 'acceptWork':
                acceptWork(org, request.agentWorkId);
                return ok(null);
            case 'sendAgentMessage':
                return ok(interaction.sendAgentMessage(request.sessionId, request.userId, request.text));
            case 'agentMessageRefusal':
                return ok(interaction.agentMessageRefusal(request.sessionId, request.userId));
            case 'endMessagingSession':
                return ok(interaction.endSession(request.sessionId, request.userId));
            case 'transferMessagingSession':
                return ok(interaction.requestTransfer(request.sessionId, request.userId, request.queueId));
        }
    } catch (error) {
        return failure(request.id, error);
    }
}

function failure(id: number, error: unknown): Reply {
    const thrown = org.executor.asApex(error);
    const message = thrown
        ? `${thrown.typeName}: ${thrown.message ?? ''}`
        : error instanceof Error
          ? error.message
          : String(error);
    return error instanceof AgentMessageRefused
        ? { kind: 'reply', id, ok: false, error: message, refused: true }
        : { kind: 'reply', id, ok: false, error: message };
}

/** A value the owner sends for a field, in the field's Apex type (a Datetime from its ISO string). */
function fromPlain(objectName: string, field: string, value: unknown): unknown {
    const describe = org.schema.field(objectName, field);
    if (describe?.type === 'datetime' && typeof value === 'string') return new ApexDatetime(Date.parse(value));
    return value;
}

/** SOQL as a user, with sharing, in user mode: what the console's record pages and pickers may show them. */
function query(soql: string, userId?: string): Record<string, unknown>[] {
    return org.executor.transaction({ userId: userId ?? org.adminUserId }, () => {
        const rows = runQuery(org, parseSoql(soql), { enforceSharing: true, userMode: true, resolveBind: () => null });
        return (toAuraJson(org, rows as ApexList) as Record<string, unknown>[]) ?? [];
    });
}

port.on('message', (request: Request) => {
    const reply = handle(request);
    if (reply instanceof Promise) void reply.then((answer) => port.postMessage(answer));
    else port.postMessage(reply);
});
