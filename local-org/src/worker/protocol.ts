// Messages between a LocalOrg running in a worker thread (orgWorker.ts) and its owner (orgClient.ts). The org
// runs Apex synchronously, as the platform does; a callout blocks the worker (Atomics.wait) while the owner
// sends the HTTP request on its own event loop and hands the response back (receiveMessageOnPort), so the
// owner's servers (the contact-centre simulator, the console) keep serving while Apex waits for them.
import type { StoredRecord } from '../data/schemaTypes';
import type { AuraOutcome } from '../org/entry/aura';
import type { CreateResult } from '../org/entry/create';
import type { RestCall, RestReply } from '../org/entry/rest';
import type { CalloutRequest } from '../org/org';
import type { SentAgentMessage } from '../interactionService/agentMessage';
import type { EndedSession } from '../interactionService/endSession';
import type { RequestedTransfer } from '../interactionService/transfer';
import type { ChannelSettings } from '../interactionService/context';

export interface WorkerOptions {
    readonly projectDir: string;
    /** Named Credential API name -> the URL callouts through it go to (the simulator's, in the console). */
    readonly namedCredentialUrls: Readonly<Record<string, string>>;
    /** Apex to run once the org is loaded (the console's seed), as the administrator. */
    readonly seedApex?: string;
    /** More SFDX projects deployed beside it (test fixtures' Apex and permission sets). */
    readonly extraProjects?: readonly string[];
    /** Custom metadata records deployed beside the project's (`*.md-meta.xml` files). */
    readonly customMetadataFiles?: readonly string[];
    /** Objects whose committed changes are reported (`changes` notices). */
    readonly watch?: readonly string[];
}

/** A record as the owner sees it: its fields as JSON values (Dates and Datetimes as ISO strings). */
export interface PlainRecord {
    readonly id: string;
    readonly objectName: string;
    readonly fields: Record<string, unknown>;
}

/** The Interaction Service the worker runs beside its org (see interactionHost.ts). */
export interface WorkerInteractionServiceOptions {
    readonly channels: readonly ChannelSettings[];
    /** 0 or absent: a free port, on 127.0.0.1. */
    readonly port?: number;
    /** The user the tokens were issued to (the connector's integration user): the records' CreatedById. */
    readonly userId?: string;
}

export interface InteractionServiceStarted {
    /** The service's base URL (put Prism in front of it: startPrismProxy). */
    readonly url: string;
    /** Each channel's MessagingChannel Id, by channel address identifier. */
    readonly channelIds: Record<string, string>;
}

/** Owner -> worker: calls that run Apex, each one answered by a `reply` with the same id. */
export type Request =
    | {
          readonly id: number;
          readonly kind: 'aura';
          readonly name: string;
          readonly params: Record<string, unknown>;
          readonly userId: string;
      }
    | { readonly id: number; readonly kind: 'rest'; readonly call: RestCall; readonly userId: string }
    | { readonly id: number; readonly kind: 'anonymous'; readonly source: string; readonly userId?: string }
    | { readonly id: number; readonly kind: 'query'; readonly soql: string; readonly userId?: string }
    | { readonly id: number; readonly kind: 'runJob'; readonly jobId: string }
    /** A record as `userId` may see it (sharing), or null. */
    | { readonly id: number; readonly kind: 'record'; readonly recordId: string; readonly userId?: string }
    /** What the platform itself changes on a record (Omni-Channel's AgentWork status), not Apex DML. */
    | {
          readonly id: number;
          readonly kind: 'platformUpdate';
          readonly recordId: string;
          readonly fields: Record<string, unknown>;
      }
    /**
     * The REST API's sObject create (`POST /services/data/vXX.X/sobjects/<Object>`) as `userId`: user mode, DML with
     * triggers and validation rules, its own transaction. `blobFields`: a multipart request's binary parts by field.
     */
    | {
          readonly id: number;
          readonly kind: 'create';
          readonly objectName: string;
          readonly fields: Record<string, unknown>;
          readonly userId: string;
          readonly blobFields?: Record<string, Uint8Array>;
      }
    /** Moves the org's clock forward (the console's tests do not wait real minutes). */
    | { readonly id: number; readonly kind: 'advanceClock'; readonly ms: number }
    /** Starts the Interaction Service in the worker; answered once it listens. */
    | {
          readonly id: number;
          readonly kind: 'startInteractionService';
          readonly options: WorkerInteractionServiceOptions;
      }
    | { readonly id: number; readonly kind: 'stopInteractionService' }
    /** A bearer token the owner issued: accepted from the service's next request on. */
    | { readonly id: number; readonly kind: 'acceptInteractionToken'; readonly token: string }
    | { readonly id: number; readonly kind: 'revokeInteractionTokens' }
    /** Omni-Channel's accept of an AgentWork (the interaction service's acceptWork), its own transaction. */
    | { readonly id: number; readonly kind: 'acceptWork'; readonly agentWorkId: string }
    /** An agent writes in a BYOC Messaging Session: the entry and the outbound custom event. */
    | {
          readonly id: number;
          readonly kind: 'sendAgentMessage';
          readonly sessionId: string;
          readonly userId: string;
          readonly text: string;
      }
    /** Why the agent may not write in the session now (string), or null. */
    | {
          readonly id: number;
          readonly kind: 'agentMessageRefusal';
          readonly sessionId: string;
          readonly userId: string;
      }
    /** An agent ends a BYOC Messaging Session: Ended, and the outbound SessionStatusChanged event. */
    | {
          readonly id: number;
          readonly kind: 'endMessagingSession';
          readonly sessionId: string;
          readonly userId: string;
      }
    /** An agent transfers a BYOC Messaging Session to a queue: the outbound RoutingRequested event. */
    | {
          readonly id: number;
          readonly kind: 'transferMessagingSession';
          readonly sessionId: string;
          readonly userId: string;
          readonly queueId: string;
      };

export type Reply =
    | {
          readonly kind: 'reply';
          readonly id: number;
          readonly ok: true;
          readonly value:
              | AuraOutcome
              | RestReply
              | CreateResult
              | string
              | string[]
              | Record<string, unknown>[]
              | PlainRecord
              | InteractionServiceStarted
              | SentAgentMessage
              | EndedSession
              | RequestedTransfer
              | null;
      }
    | {
          readonly kind: 'reply';
          readonly id: number;
          readonly ok: false;
          readonly error: string;
          /** The org refused what was asked for a reason of the platform's (AgentMessageRefused), not a failure. */
          readonly refused?: true;
      };

export type { CreateError, CreateResult } from '../org/entry/create';

/** Worker -> owner, unprompted. */
export type Notice =
    | { readonly kind: 'ready'; readonly loadMs: number; readonly users: Record<string, string> }
    | { readonly kind: 'callout'; readonly request: CalloutRequest & { readonly userId: string } }
    | { readonly kind: 'events'; readonly events: readonly StoredRecord[] }
    | { readonly kind: 'changes'; readonly records: readonly PlainRecord[] }
    | { readonly kind: 'jobQueued'; readonly jobId: string; readonly className: string; readonly delayMinutes: number }
    | { readonly kind: 'log'; readonly line: string };

/** What the owner sends back for a callout: the response, or why there is none. */
export type CalloutAnswer =
    | {
          readonly ok: true;
          readonly status: number;
          readonly statusText: string;
          readonly headers: [string, string][];
          readonly body: Uint8Array;
      }
    | { readonly ok: false; readonly reason: 'timeout' | 'unreachable'; readonly message: string };
