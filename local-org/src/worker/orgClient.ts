// The owner's side of a local org in a worker thread (see protocol.ts): starts it, sends it Apex to run, answers
// its callouts over the owner's network (the org waits), and receives its committed platform events and its
// Queueable jobs to run when they fall due.
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { StoredRecord } from '../data/schemaTypes';
import type { AuraOutcome } from '../org/entry/aura';
import type { RestCall, RestReply } from '../org/entry/rest';
import type { CalloutRequest } from '../org/org';
import type { SentAgentMessage } from '../interactionService/agentMessage';
import type { EndedSession } from '../interactionService/endSession';
import type { RequestedTransfer } from '../interactionService/transfer';
import type {
    CalloutAnswer,
    CreateResult,
    InteractionServiceStarted,
    Notice,
    PlainRecord,
    Reply,
    Request,
    WorkerInteractionServiceOptions,
    WorkerOptions
} from './protocol';

/** A request in a form a request carries over a message, minus its id. */
type Call = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface OrgClientOptions extends WorkerOptions {
    /** Sends a callout the org makes (its URL already resolved from the Named Credential). */
    readonly send: (request: CalloutRequest) => Promise<CalloutAnswer>;
    /** Platform events after their transaction committed. */
    readonly onEvents?: (events: readonly StoredRecord[]) => void;
    /** Committed changes to the watched objects (`watch`). */
    readonly onChanges?: (records: readonly PlainRecord[]) => void;
    /** A Queueable committed: its class and delay; call `runJob(jobId)` when it falls due. */
    readonly onJobQueued?: (jobId: string, className: string, delayMinutes: number) => void;
    readonly log?: (line: string) => void;
}

/** Sends a callout with fetch, as the platform's HTTP client would, within the request's timeout. */
export async function fetchCallout(
    request: CalloutRequest,
    extraHeaders: Record<string, string> = {}
): Promise<CalloutAnswer> {
    try {
        const response = await fetch(request.url, {
            method: request.method,
            headers: { ...Object.fromEntries(request.headers), ...extraHeaders },
            body: request.body && request.method !== 'GET' ? request.body : undefined,
            signal: AbortSignal.timeout(request.timeoutMs)
        });
        const body = new Uint8Array(await response.arrayBuffer());
        return {
            ok: true,
            status: response.status,
            statusText: response.statusText,
            headers: [...response.headers.entries()],
            body
        };
    } catch (error) {
        const timeout = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        return {
            ok: false,
            reason: timeout ? 'timeout' : 'unreachable',
            message: `Unable to reach ${request.url}: ${error instanceof Error ? error.message : String(error)}`
        };
    }
}

/** The org refused a request as the platform would (not the agent's session, not active, opted out): no failure. */
export class OrgRefusal extends Error {
    override name = 'OrgRefusal';
}

export class OrgClient {
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    private closed = false;
    private closing: Promise<void> | undefined;

    private constructor(
        private readonly worker: Worker,
        private readonly signal: Int32Array,
        private readonly answers: MessagePort,
        /** Salesforce users by username, as the org was seeded. */
        readonly users: Record<string, string>,
        readonly loadMs: number
    ) {}

    static start(options: OrgClientOptions): Promise<OrgClient> {
        const shared = new SharedArrayBuffer(4);
        const { port1, port2 } = new MessageChannel();
        const worker = new Worker(path.join(__dirname, 'bootstrap.cjs'), {
            workerData: {
                options: {
                    projectDir: options.projectDir,
                    namedCredentialUrls: options.namedCredentialUrls,
                    seedApex: options.seedApex,
                    customMetadataFiles: options.customMetadataFiles,
                    extraProjects: options.extraProjects,
                    watch: options.watch
                },
                signal: shared,
                answers: port2
            },
            transferList: [port2]
        });
        const log = options.log ?? ((line: string) => console.error(line));
        return new Promise((resolve, reject) => {
            let client: OrgClient | undefined;
            worker.on('error', (error) => {
                if (!client) reject(error);
                else client.failAll(error);
            });
            worker.on('exit', (code) => {
                if (!client) reject(new Error(`The local org stopped while loading (exit ${code})`));
                else client.failAll(new Error(`The local org stopped (exit ${code})`));
            });
            worker.on('message', (message: Notice | Reply) => {
                switch (message.kind) {
                    case 'ready':
                        client = new OrgClient(worker, new Int32Array(shared), port1, message.users, message.loadMs);
                        resolve(client);
                        break;
                    case 'callout':
                        void options.send(message.request).then((answer) => client?.answer(answer));
                        break;
                    case 'events':
                        options.onEvents?.(message.events);
                        break;
                    case 'changes':
                        options.onChanges?.(message.records);
                        break;
                    case 'jobQueued':
                        options.onJobQueued?.(message.jobId, message.className, message.delayMinutes);
                        break;
                    case 'log':
                        log(message.line);
                        break;
                    case 'reply':
                        client?.settle(message);
                        break;
                }
            });
        });
    }

    private answer(answer: CalloutAnswer): void {
        this.answers.postMessage(answer);
        Atomics.store(this.signal, 0, 1);
        Atomics.notify(this.signal, 0);
    }

    private settle(reply: Reply): void {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        if (reply.ok) waiting.resolve(reply.value);
        else waiting.reject(reply.refused ? new OrgRefusal(reply.error) : new Error(reply.error));
    }

    private failAll(error: Error): void {
        this.closed = true;
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
    }

    private call<T>(request: Call): Promise<T> {
        if (this.closed) return Promise.reject(new Error('The local org is closed'));
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
            this.worker.postMessage({ ...request, id });
        });
    }

    /** An @AuraEnabled call from a component, as `userId`. */
    invokeAura(name: string, params: Record<string, unknown>, userId: string): Promise<AuraOutcome> {
        return this.call({ kind: 'aura', name, params, userId });
    }

    /** An Apex REST request, as `userId` (the connected app's integration user). */
    invokeRest(call: RestCall, userId: string): Promise<RestReply> {
        return this.call({ kind: 'rest', call, userId });
    }

    /** Execute Anonymous: the System.debug lines. */
    executeAnonymous(source: string, userId?: string): Promise<string[]> {
        return this.call({ kind: 'anonymous', source, userId });
    }

    /** SOQL as a user, with their sharing and permissions: rows as plain objects. */
    query(soql: string, userId?: string): Promise<Record<string, unknown>[]> {
        return this.call({ kind: 'query', soql, userId });
    }

    /** A record as `userId` may see it, or null (none, or not shared with them). */
    record(recordId: string, userId?: string): Promise<PlainRecord | null> {
        return this.call({ kind: 'record', recordId, userId });
    }

    /** A change the platform itself makes (Omni-Channel accepting work), outside Apex. */
    platformUpdate(recordId: string, fields: Record<string, unknown>): Promise<void> {
        return this.call({ kind: 'platformUpdate', recordId, fields });
    }

    /**
     * The REST API's sObject create as `userId` (the connected app's integration user): object and field
     * permissions enforced, triggers and validation rules run, committed on its own. `fields` are the JSON body's
     * values; `blobFields` a multipart request's binary parts by field (ContentVersion.VersionData).
     */
    createRecord(
        objectName: string,
        fields: Record<string, unknown>,
        userId: string,
        blobFields?: Record<string, Uint8Array>
    ): Promise<CreateResult> {
        return this.call({ kind: 'create', objectName, fields, userId, blobFields });
    }

    /** Moves the org's clock (Datetime.now, CreatedDate) forward. */
    advanceClock(ms: number): Promise<void> {
        return this.call({ kind: 'advanceClock', ms });
    }

    /** Runs a Queueable the org queued (see `onJobQueued`). */
    runJob(jobId: string): Promise<void> {
        return this.call({ kind: 'runJob', jobId });
    }

    /**
     * Starts Salesforce's Interaction Service beside the org, in the worker, on 127.0.0.1 (docs/
     * local-org-interaction-service.md): it accepts the tokens registered with `acceptInteractionToken`, and stops
     * with `stopInteractionService` or when the org closes (the worker ends, and its server with it).
     */
    startInteractionService(options: WorkerInteractionServiceOptions): Promise<InteractionServiceStarted> {
        return this.call({ kind: 'startInteractionService', options });
    }

    stopInteractionService(): Promise<void> {
        return this.call({ kind: 'stopInteractionService' });
    }

    /** A bearer token the owner issued: resolves once the service accepts it (register it before handing it out). */
    acceptInteractionToken(token: string): Promise<void> {
        return this.call({ kind: 'acceptInteractionToken', token });
    }

    /** Every registered token refused from now on. */
    revokeInteractionTokens(): Promise<void> {
        return this.call({ kind: 'revokeInteractionTokens' });
    }

    /** Omni-Channel's accept of an AgentWork on a MessagingSession (the agent's Accept), as the platform writes it. */
    acceptWork(agentWorkId: string): Promise<void> {
        return this.call({ kind: 'acceptWork', agentWorkId });
    }

    /**
     * The agent writes in a BYOC Messaging Session: the ConversationEntry and the channel's outbound custom event
     * (delivered through `onEvents` before this resolves). Rejects with the reason when they may not write.
     */
    sendAgentMessage(sessionId: string, userId: string, text: string): Promise<SentAgentMessage> {
        return this.call({ kind: 'sendAgentMessage', sessionId, userId, text });
    }

    /** Why `userId` may not write in the session now, or null. */
    agentMessageRefusal(sessionId: string, userId: string): Promise<string | null> {
        return this.call({ kind: 'agentMessageRefusal', sessionId, userId });
    }

    /**
     * The agent ends a BYOC Messaging Session: Ended, and the channel's outbound event with a SessionStatusChanged
     * entry (delivered through `onEvents` before this resolves). Rejects with the reason when they may not.
     */
    endMessagingSession(sessionId: string, userId: string): Promise<EndedSession> {
        return this.call({ kind: 'endMessagingSession', sessionId, userId });
    }

    /**
     * The agent transfers a BYOC Messaging Session to a queue: the channel's outbound RoutingRequested event, which
     * the partner answers with POST /routingResult. Rejects with the reason when they may not.
     */
    transferMessagingSession(sessionId: string, userId: string, queueId: string): Promise<RequestedTransfer> {
        return this.call({ kind: 'transferMessagingSession', sessionId, userId, queueId });
    }

    /** Ends the worker, and with it the Interaction Service it runs; a second call waits for the first. */
    close(): Promise<void> {
        this.closing ??= (async () => {
            this.closed = true;
            this.answers.close();
            await this.worker.terminate();
        })();
        return this.closing;
    }
}
