// The rig of the BYOC outbound tests (byoc-outbound-service*.test.ts): the simulator as Genesys Cloud, the stand-in
// org (events, and the token the connector uses for the Interaction Service and Pub/Sub), Prism with request
// validation behind the proxy that gives answers real-looking ids, and the local Pub/Sub API that accepts the
// org's tokens. A conversation is opened in Salesforce by the bridge and picked up in Genesys by Alex, whose
// Salesforce user then "writes" through Relay_Byoc_Event__e.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pino, { type Logger } from 'pino';
import type { ByocProgress } from '../../src/byoc/bridge';
import { encodeOutboundEvent, type RoutingRequestedEvent } from '../../src/byoc/outboundEvent';
import type { Connector } from '../../src/service';
import { ofType, start, type Started } from './connector';
import { startFailingProxy, type FailingProxy } from './failing-proxy';
import { startPrism, type PrismServer, type RecordedRequest } from './prism';
import { agentText, CONVERSATION, sessionEnded, transfer } from './pubsubEvents';
import { startPubSubServer, type PubSubServer } from '../../../local-org/src/pubsub/server';
import { ORG_ID, startFakeSalesforce, type FakeSalesforce } from './salesforce';
import { SEED, pickUp, startSimulator, type Sim } from './simulator';

export const ALEX = SEED.users.alex;
export const SF_ALEX = '0055g00000ABcdeAAC';
/** Mapped to Genesys's Support queue (conversations open there) and Billing queue (a transfer target). */
export const SF_SUPPORT = '00G5g000004XyZaEAK';
export const SF_BILLING = '00G5g000004XyZbEAK';
/** In no map: an Omni-Channel queue. */
export const SF_OMNI = '00G5g000004XyZcEAK';
export const SF_OMNI_AGENT = '0055g00000ABcdfAAC';
export const WORK_ITEM = '0Mw5g000000AbCdCAK';
export const INSTANCE_URL = 'https://relay-test.my.salesforce.com';

export interface OutboundRig {
    sim: Sim;
    sf: FakeSalesforce;
    prism: PrismServer;
    proxy: FailingProxy;
    pubsub: PubSubServer;
    env: Record<string, string>;
    /** The connectors started on the rig: closed before the Pub/Sub server (else they reconnect while it stops). */
    connectors: Connector[];
}

export async function outboundRig(t: TestContext, env: Record<string, string> = {}): Promise<OutboundRig> {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    sf.tokenInstanceUrl = INSTANCE_URL;
    const prism = await startPrism(t);
    // Prism answers the schema's placeholder "string" for ids: the conversation gets the identifier the outbound
    // events name, post-route a workItemId of the spec's 15-character rule.
    const proxy = await startFailingProxy(
        t,
        prism.url,
        () => undefined,
        (call, status, body) => {
            if (status < 200 || status >= 300) return body;
            if (call === 'POST /api/v1/interactions') {
                return JSON.stringify({ ...JSON.parse(body), conversationIdentifier: CONVERSATION });
            }
            if (call === 'POST /api/v1/route') return JSON.stringify({ ...JSON.parse(body), workItemId: WORK_ITEM });
            return body;
        }
    );
    const pubsub = await startPubSubServer(
        { accessToken: '(any token the org issued)', instanceUrl: INSTANCE_URL, organizationId: ORG_ID },
        { accepts: (token) => sf.tokenValid(token) }
    );
    const connectors: Connector[] = [];
    t.after(async () => {
        for (const connector of connectors) await connector.close();
        await pubsub.close();
    });
    // One store for every connector of the rig (restarts, several instances), unless `env` names another.
    const dir = mkdtempSync(join(tmpdir(), 'relay-byoc-outbound-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    return {
        sim,
        sf,
        prism,
        proxy,
        pubsub,
        connectors,
        env: {
            RELAY_STORE: `sqlite:${join(dir, 'outbox.db')}`,
            RELAY_SF_INTERACTION_URL: proxy.url,
            RELAY_SF_CHANNEL_ADDRESS: 'relay-genesys-messaging-address',
            RELAY_SF_CHANNEL_DEFINITION: 'Relay_Genesys_Messaging',
            RELAY_SF_QUEUE_MAP: `${SF_SUPPORT}=${SEED.queues.support},${SF_BILLING}=${SEED.queues.billing}`,
            RELAY_SF_USER_MAP: `${ALEX}=${SF_ALEX}`,
            RELAY_SF_PUBSUB_URL: `https://${pubsub.endpoint}`,
            RELAY_RETRY_BASE_MS: '20',
            RELAY_RETRY_MAX_MS: '100',
            RELAY_POLL_MS: '50',
            ...env
        }
    };
}

/** A log that keeps every line (JSON objects) as well as printing at RELAY_TEST_LOG's level. */
export function recordingLog(): { log: Logger; lines: Record<string, unknown>[] } {
    const lines: Record<string, unknown>[] = [];
    const log = pino(
        { level: 'debug' },
        { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }
    );
    return { log, lines };
}

/** Starts a connector of the rig (Pub/Sub with the local server's certificate) and waits for its subscription. */
export async function startOutbound(
    t: TestContext,
    rig: OutboundRig,
    options: { env?: Record<string, string>; log?: Logger; subscriptions?: number } = {}
): Promise<Started> {
    const before = rig.pubsub.open;
    const started = await start(t, rig.sim, rig.sf, {
        env: { ...rig.env, ...options.env },
        ...(options.log === undefined ? {} : { log: options.log }),
        connector: { pubSubRejectUnauthorizedSsl: false }
    });
    rig.connectors.push(started.connector);
    await until(() => rig.pubsub.open > before, 'the connector subscribed');
    await until(() => started.connector.genesys?.status().lastReconcile != null, 'the Genesys side listens');
    return started;
}

/** Polls (yielding to I/O, no timer) until `condition` holds or 30 s pass. */
export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`never: ${what}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
    }
}

export const calls = (prism: PrismServer): string[] => prism.requests.map((r) => `${r.method} ${r.path}`);

export function violations(requests: RecordedRequest[]): string[] {
    return requests
        .filter((r) => r.violations !== undefined || r.status < 200 || r.status >= 300)
        .map((r) => `${r.method} ${r.path} ${r.status} ${JSON.stringify(r.violations)}`);
}

/**
 * A customer's message on Support opens the conversation in Salesforce (the bridge: interactions, consent, route),
 * Alex picks it up in Genesys (agentWork, release). Resolves with the Genesys conversation id once all is stored.
 */
export async function openedAndPickedUp(rig: OutboundRig, connector: Connector): Promise<string> {
    const { sim, sf, prism } = rig;
    sim.control.setPresence(ALEX, 'OnQueue');
    const before = ofType(sf, 'conversation.alerting').length;
    const started = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support',
        text: 'Hi, my order is late'
    });
    const calls0 = prism.requests.length;
    await until(() => prism.requests.length >= calls0 + 3, 'the conversation opened in Salesforce');
    await sf.until(() => ofType(sf, 'conversation.alerting').length > before);
    await pickUp(sim, started.id, ALEX);
    await until(async () => {
        const record = await connector.store.byocRecord(started.id);
        return (record?.progress as ByocProgress | undefined)?.release !== undefined && record?.leaseOwner === null;
    }, 'agentWork made and the route released');
    return started.id;
}

/** Alex's Salesforce user writes `text` (message id `id`) in the conversation. */
export function agentMessage(text: string, id: string): { eventType: string; payload: string } {
    const event = agentText(text, id);
    event.payload.sender = { ...event.payload.sender, subject: SF_ALEX };
    return encodeOutboundEvent({ eventType: 'Interaction', event });
}

/** Alex ends the Messaging Session in Salesforce (entry `id`); `endedBy` another role for the ends Relay ignores. */
export function sessionEndedBy(
    id: string,
    endedBy: 'Agent' | 'EndUser' | 'System' = 'Agent'
): { eventType: string; payload: string } {
    // The local org names the agent by the 15-character user id.
    return encodeOutboundEvent({ eventType: 'Interaction', event: sessionEnded(id, endedBy, SF_ALEX.slice(0, 15)) });
}

/** A participant as the simulator's control API shows it, with the wrap-up fields helpers/simulator.ts leaves out. */
export interface SimLeg {
    id: string;
    state: string;
    wrapupRequired?: boolean;
    /** Disconnected, a wrap-up required and after-call work not finished (simulator/src/views.ts snapshot). */
    wrapupPending?: boolean;
}

/** Alex's participants in the simulator's conversation, oldest first. */
export function alexLegs(sim: Sim, conversationId: string): SimLeg[] {
    return sim.control
        .conversation(conversationId)
        .participants.filter((p) => p.purpose === 'agent' && p.userId === ALEX) as SimLeg[];
}

/**
 * The simulator's control API leaveOpen (simulator/src/control.ts): every agent leaves (after-call work where due),
 * the customer stays and the conversation stays open. Not in helpers/simulator.ts's description of the control API,
 * hence the narrow view here.
 */
export function agentsLeave(sim: Sim, conversationId: string): void {
    (sim.control as unknown as { leaveOpen(id: string): unknown }).leaveOpen(conversationId);
}

/** A RoutingRequested event: a transfer to `queueId`, naming the agent when `userId` is given. */
export function transferRequest(queueId: string, userId?: string): { eventType: string; payload: string } {
    const event: RoutingRequestedEvent = transfer(queueId, WORK_ITEM);
    if (userId !== undefined) event.payload.routingParameters = { ...event.payload.routingParameters, userId };
    return encodeOutboundEvent({ eventType: 'RoutingRequested', event });
}

/** The outbound texts the customer received in the simulator. */
export function outboundTexts(sim: Sim, conversationId: string): string[] {
    return sim.control
        .conversation(conversationId)
        .transcript.filter((e) => e.direction === 'outbound')
        .map((e) => e.text);
}

/** A counter's value in the connector's /metrics text. */
export async function metric(connector: Connector, series: string): Promise<number> {
    const text = await (await fetch(`${connector.url}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
}
