// The local org's Salesforce Pub/Sub API (gRPC) on 127.0.0.1, for the connector's tests and the local console, built
// from the pubsub_api.proto that salesforce-pubsub-api-client ships, so the real client talks to it unchanged. It
// implements what the client's subscriber calls: GetTopic, GetSchema and Subscribe (replay presets LATEST, EARLIEST, CUSTOM; flow control by
// num_requested), for the one topic /event/Relay_Byoc_Event__e, with the Avro schema Salesforce publishes for a
// platform event with two custom text fields. Events are Avro-encoded with avro-js, the library the client decodes
// with. TLS: the client always opens a TLS channel, so the server uses a self-signed certificate made with the
// openssl command at start (node:crypto cannot make certificates); the client must run with rejectUnauthorizedSsl
// false. Auth: the metadata the client sends (accesstoken, instanceurl, tenantid) must match.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import avro from 'avro-js';

// The package's exports map hides package.json; its main entry is dist/client.cjs, the proto sits at the root.
export const PUBSUB_PROTO = path.join(
    path.dirname(require.resolve('salesforce-pubsub-api-client')),
    '..',
    'pubsub_api.proto'
);
export const TOPIC = '/event/Relay_Byoc_Event__e';
export const SCHEMA_ID = 'RelayByocEventSchema1';

/** The schema the Pub/Sub API gives a platform event: CreatedDate, CreatedById, then each custom field, nullable. */
export const RELAY_BYOC_EVENT_SCHEMA = {
    type: 'record',
    name: 'Relay_Byoc_Event__e',
    namespace: 'com.sforce.eventbus',
    fields: [
        { name: 'CreatedDate', type: 'long', doc: 'CreatedDate:DateTime' },
        { name: 'CreatedById', type: 'string', doc: 'CreatedBy:EntityId' },
        { name: 'EventType__c', type: ['null', 'string'], doc: 'Data:Text:00N000000000001', default: null },
        { name: 'Payload__c', type: ['null', 'string'], doc: 'Data:LongTextArea:00N000000000002', default: null }
    ]
};

export interface PubSubAuth {
    accessToken: string;
    instanceUrl: string;
    organizationId: string;
}

interface StoredEvent {
    id: string;
    replayId: number;
    payload: Buffer;
}

interface FetchRequest {
    topicName?: string;
    replayPreset?: string | number;
    replayId?: Buffer;
    numRequested?: number;
}

interface Subscriber {
    call: grpc.ServerDuplexStream<FetchRequest, unknown>;
    accessToken: string;
    position: number;
    pending: number;
}

export interface PubSubServer {
    endpoint: string;
    auth: PubSubAuth;
    /** Publishes one event as Salesforce would (CreatedById the Automated Process user); returns its replay id. */
    publish(fields: { eventType: string | null; payload: string | null }): number;
    /** Resolves once `count` Subscribe streams have sent their first FetchRequest in total. */
    subscribed(count: number): Promise<void>;
    /** Every FetchRequest and GetSchema call, for assertions. */
    readonly requests: { method: string; body: unknown }[];
    /**
     * Ends with UNAUTHENTICATED every open subscription whose token is no longer accepted (as Salesforce ends a
     * stream whose session expired); returns how many.
     */
    refuseExpiredSessions(): number;
    /** Open subscriptions. */
    readonly open: number;
    close(): Promise<void>;
}

function encodeReplayId(replayId: number): Buffer {
    const buffer = Buffer.alloc(8);
    buffer.writeBigUInt64BE(BigInt(replayId));
    return buffer;
}

/** proto-loader's defaults give enums as numbers (ReplayPreset: LATEST 0, EARLIEST 1, CUSTOM 2). */
export function presetName(preset: string | number | undefined): 'LATEST' | 'EARLIEST' | 'CUSTOM' {
    if (preset === 1 || preset === 'EARLIEST') return 'EARLIEST';
    if (preset === 2 || preset === 'CUSTOM') return 'CUSTOM';
    return 'LATEST';
}

function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
    const dir = mkdtempSync(path.join(tmpdir(), 'relay-pubsub-'));
    try {
        const key = path.join(dir, 'key.pem');
        const cert = path.join(dir, 'cert.pem');
        execFileSync(
            'openssl',
            [
                'req',
                '-x509',
                '-newkey',
                'ec',
                '-pkeyopt',
                'ec_paramgen_curve:prime256v1',
                '-nodes',
                '-keyout',
                key,
                '-out',
                cert,
                '-days',
                '1',
                '-subj',
                '/CN=127.0.0.1',
                '-addext',
                'subjectAltName=IP:127.0.0.1'
            ],
            { stdio: 'pipe' }
        );
        return { key: readFileSync(key), cert: readFileSync(cert) };
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

export interface PubSubServerOptions {
    /** Which access tokens are valid (default: auth.accessToken only), e.g. the stand-in org's issued tokens. */
    accepts?: (accessToken: string) => boolean;
}

export async function startPubSubServer(auth: PubSubAuth, options: PubSubServerOptions = {}): Promise<PubSubServer> {
    // The client loads the proto with proto-loader's defaults (camelCase field names); so does the server.
    const definition = protoLoader.loadSync(PUBSUB_PROTO, {});
    const eventbus = (
        grpc.loadPackageDefinition(definition) as unknown as {
            eventbus: { v1: { PubSub: grpc.ServiceClientConstructor } };
        }
    ).eventbus.v1;
    const avroType = avro.parse(RELAY_BYOC_EVENT_SCHEMA);
    const events: StoredEvent[] = [];
    const subscribers = new Set<Subscriber>();
    const requests: { method: string; body: unknown }[] = [];
    let firstRequests = 0;
    const waiters: { count: number; resolve: () => void }[] = [];
    let nextReplayId = 1000;

    function authorised(metadata: grpc.Metadata): boolean {
        const token = metadata.get('accesstoken')[0];
        const accepted =
            typeof token === 'string' &&
            (options.accepts === undefined ? token === auth.accessToken : options.accepts(token));
        return (
            accepted &&
            metadata.get('instanceurl')[0] === auth.instanceUrl &&
            metadata.get('tenantid')[0] === auth.organizationId
        );
    }
    const unauthenticated = { code: grpc.status.UNAUTHENTICATED, details: 'invalid accesstoken/tenantid' };

    function flush(subscriber: Subscriber): void {
        const batch: StoredEvent[] = [];
        while (subscriber.pending > 0 && subscriber.position < events.length) {
            batch.push(events[subscriber.position++]!);
            subscriber.pending -= 1;
        }
        if (batch.length === 0) return;
        subscriber.call.write({
            events: batch.map((event) => ({
                event: { id: event.id, schemaId: SCHEMA_ID, payload: event.payload },
                replayId: encodeReplayId(event.replayId)
            })),
            latestReplayId: encodeReplayId(batch.at(-1)!.replayId),
            rpcId: `rpc-${batch.at(-1)!.replayId}`,
            pendingNumRequested: subscriber.pending
        });
    }

    const implementation: grpc.UntypedServiceImplementation = {
        GetTopic(call: grpc.ServerUnaryCall<{ topicName: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
            requests.push({ method: 'GetTopic', body: call.request });
            if (!authorised(call.metadata)) return callback(unauthenticated);
            if (call.request.topicName !== TOPIC) {
                return callback({ code: grpc.status.NOT_FOUND, details: `no topic ${call.request.topicName}` });
            }
            callback(null, {
                topicName: TOPIC,
                tenantGuid: auth.organizationId,
                canPublish: false,
                canSubscribe: true,
                schemaId: SCHEMA_ID
            });
        },
        GetSchema(call: grpc.ServerUnaryCall<{ schemaId: string }, unknown>, callback: grpc.sendUnaryData<unknown>) {
            requests.push({ method: 'GetSchema', body: call.request });
            if (!authorised(call.metadata)) return callback(unauthenticated);
            if (call.request.schemaId !== SCHEMA_ID) {
                return callback({ code: grpc.status.NOT_FOUND, details: `no schema ${call.request.schemaId}` });
            }
            callback(null, { schemaJson: JSON.stringify(RELAY_BYOC_EVENT_SCHEMA), schemaId: SCHEMA_ID });
        },
        Subscribe(call: grpc.ServerDuplexStream<FetchRequest, unknown>) {
            if (!authorised(call.metadata)) {
                call.emit('error', unauthenticated);
                return;
            }
            let subscriber: Subscriber | undefined;
            call.on('data', (request: FetchRequest) => {
                requests.push({ method: 'Subscribe', body: request });
                if (subscriber === undefined) {
                    if (request.topicName !== TOPIC) {
                        call.emit('error', { code: grpc.status.NOT_FOUND, details: `no topic ${request.topicName}` });
                        return;
                    }
                    let position = events.length; // LATEST, the default
                    const preset = presetName(request.replayPreset);
                    if (preset === 'EARLIEST') position = 0;
                    if (preset === 'CUSTOM') {
                        const after = Number(request.replayId!.readBigUInt64BE());
                        const index = events.findIndex((event) => event.replayId === after);
                        if (index < 0) {
                            call.emit('error', {
                                code: grpc.status.INVALID_ARGUMENT,
                                details: `replay id ${after} is not in the retention window`
                            });
                            return;
                        }
                        position = index + 1;
                    }
                    subscriber = {
                        call,
                        accessToken: String(call.metadata.get('accesstoken')[0]),
                        position,
                        pending: 0
                    };
                    subscribers.add(subscriber);
                    firstRequests += 1;
                    for (const waiter of waiters.filter((w) => w.count <= firstRequests)) waiter.resolve();
                }
                subscriber.pending += request.numRequested ?? 0;
                flush(subscriber);
            });
            const drop = (): void => {
                if (subscriber !== undefined) subscribers.delete(subscriber);
            };
            call.on('cancelled', drop);
            call.on('error', drop);
            call.on('end', () => {
                drop();
                call.end();
            });
        }
    };

    const server = new grpc.Server();
    server.addService(eventbus.PubSub.service, implementation);
    const { key, cert } = selfSignedCertificate();
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync(
            '127.0.0.1:0',
            grpc.ServerCredentials.createSsl(null, [{ private_key: key, cert_chain: cert }], false),
            (error, boundPort) => (error ? reject(error) : resolve(boundPort))
        )
    );

    return {
        endpoint: `127.0.0.1:${port}`,
        auth,
        requests,
        get open() {
            return subscribers.size;
        },
        refuseExpiredSessions() {
            let refused = 0;
            for (const subscriber of [...subscribers]) {
                const valid =
                    options.accepts === undefined
                        ? subscriber.accessToken === auth.accessToken
                        : options.accepts(subscriber.accessToken);
                if (valid) continue;
                subscribers.delete(subscriber);
                subscriber.call.emit('error', unauthenticated);
                refused += 1;
            }
            return refused;
        },
        publish({ eventType, payload }) {
            const replayId = nextReplayId;
            nextReplayId += 7; // replay ids are opaque and need not be consecutive
            events.push({
                id: `e${replayId}-${events.length}`,
                replayId,
                payload: avroType.toBuffer({
                    CreatedDate: Date.now(),
                    CreatedById: '005000000000001AAA',
                    EventType__c: eventType === null ? null : { string: eventType },
                    Payload__c: payload === null ? null : { string: payload }
                })
            });
            for (const subscriber of subscribers) flush(subscriber);
            return replayId;
        },
        subscribed(count) {
            return count <= firstRequests
                ? Promise.resolve()
                : new Promise((resolve) => {
                      waiters.push({ count, resolve });
                  });
        },
        close() {
            for (const subscriber of subscribers) subscriber.call.end();
            subscribers.clear();
            return new Promise((resolve) => server.tryShutdown(() => resolve()));
        }
    };
}
