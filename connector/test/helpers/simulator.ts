// The contact-centre simulator (simulator/), in the test's process, as the connector's Genesys Cloud: OAuth, the
// notification service (channels, the WebSocket, heartbeats, expiry) and the REST API, on 127.0.0.1.
//
// It is loaded with require() and described by the interface below rather than imported: an import would make the
// connector's type-check (stricter: noUncheckedIndexedAccess) cover the simulator's sources, which the simulator's
// own tsconfig checks. The interface lists only what these tests use; a mismatch fails the tests that use it.
import type { Cleanup } from './salesforce';

export interface SimConversation {
    id: string;
    state: 'queued' | 'alerting' | 'connected' | 'ended';
    participants: { id: string; purpose: 'customer' | 'acd' | 'agent'; state: string; userId?: string }[];
    transcript: { id: string; direction: 'inbound' | 'outbound'; text: string; participantId: string }[];
}

export interface SimAttachment {
    name: string;
    contentType?: string;
    dataBase64: string;
}

export interface SimChannel {
    id: string;
    connectUri: string;
    expires: string;
    topics: string[];
    connected: boolean;
}

export interface SimSent {
    channelId: string;
    topicName: string;
    conversationId: string;
    sentAt: number;
}

export interface SimRequest {
    method: string;
    url: string;
    status: number;
    operation?: string;
}

export interface SimClock {
    now(): number;
    /** ManualClock only. */
    advance?(ms: number): void;
}

export interface Sim {
    url: string;
    port: number;
    clock: SimClock;
    control: {
        startConversation(start: {
            channel: 'webchat' | 'sms' | 'whatsapp' | 'facebook' | 'instagram' | 'twitter' | 'email';
            customerName: string;
            customerAddress: string;
            queue: string;
            text?: string;
        }): SimConversation;
        conversation(id: string): SimConversation;
        customerReply(
            id: string,
            text: string,
            attachments?: { name: string; contentType?: string; dataBase64: string }[]
        ): { id: string; text: string };
        /** An inbound email to a queue's address: a conversation of media type email. */
        startEmail(start: {
            queue: string;
            fromAddress: string;
            fromName?: string;
            subject: string;
            textBody: string;
            htmlBody?: string;
            attachments?: SimAttachment[];
        }): SimConversation;
        /** A further email of the customer in the thread. */
        customerEmail(
            id: string,
            email: { textBody: string; htmlBody?: string; attachments?: SimAttachment[] }
        ): { id: string; text: string };
        customerDisconnect(id: string): SimConversation;
        issueToken(agent: string): { access_token: string };
        setPresence(userId: string, systemPresence: string): unknown;
        injectFault(spec: {
            operation: string;
            count?: number;
            status?: number;
            retryAfterSeconds?: number;
            delayMs?: number;
        }): unknown;
        clearFaults(): void;
        setRateLimit(config: { limit: number; windowSeconds: number } | undefined): void;
        state(): { conversations: SimConversation[] };
    };
    notifications: {
        channels(): SimChannel[];
        drop(channelId?: string): number;
        silence(channelId?: string, silent?: boolean): number;
        closeForMaintenance(channelId?: string): number;
        expire(channelId?: string): number;
        onNotification(listener: (sent: SimSent) => void): () => void;
    };
    close(): Promise<void>;
}

export const SIM_CLIENT = { id: 'relay-local', secret: 'relay-local-secret' };

interface SimModules {
    server: { createSimulator(options: Record<string, unknown>): Promise<Sim> };
    clock: { ManualClock: new (start?: number | string) => SimClock };
    seed: {
        demoSeed(options?: { conversations?: boolean }): unknown;
        SEED_IDS: {
            users: { alex: string; blake: string; casey: string };
            queues: { support: string; billing: string; sales: string };
        };
    };
}

function modules(): SimModules {
    /* eslint-disable @typescript-eslint/no-require-imports -- see the header: keep the simulator out of this type-check */
    return {
        server: require('../../../simulator/src/server') as SimModules['server'],
        clock: require('../../../simulator/src/clock') as SimModules['clock'],
        seed: require('../../../simulator/src/seed') as SimModules['seed']
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
}

export const SEED = modules().seed.SEED_IDS;

export interface SimOptions {
    /** Default true: the simulator's time moves only with clock.advance (heartbeats, expiry, timeouts). */
    manualClock?: boolean;
    /** Called once per request the simulator answers. */
    log?: (entry: SimRequest) => void;
}

/** A simulator with the demo agents and queues and no waiting conversations; closed by t.after. */
export async function startSimulator(t: Cleanup, options: SimOptions = {}): Promise<Sim> {
    const m = modules();
    const sim = await m.server.createSimulator({
        ...(options.manualClock === false
            ? {}
            : { clock: new m.clock.ManualClock(Date.parse('2026-11-21T12:00:00.000Z')) }),
        seed: m.seed.demoSeed({ conversations: false }),
        ...(options.log === undefined ? {} : { log: options.log })
    });
    t.after(() => sim.close());
    return sim;
}

/** The connector's Genesys settings for `sim`: its demo client, the three queues, and the given users. */
export function genesysEnv(sim: Sim, extra: Record<string, string> = {}): Record<string, string> {
    return {
        RELAY_GENESYS_API_URL: sim.url,
        RELAY_GENESYS_LOGIN_URL: sim.url,
        RELAY_GENESYS_CLIENT_ID: SIM_CLIENT.id,
        RELAY_GENESYS_CLIENT_SECRET: SIM_CLIENT.secret,
        RELAY_GENESYS_QUEUE_IDS: [SEED.queues.support, SEED.queues.billing, SEED.queues.sales].join(','),
        RELAY_GENESYS_USER_IDS: SEED.users.alex,
        ...extra
    };
}

/** A request to the simulator's API as the agent `userId` (a token the control API issues). */
export async function asAgent(
    sim: Sim,
    userId: string,
    method: string,
    path: string,
    body: unknown
): Promise<{ status: number; body: unknown }> {
    const token = sim.control.issueToken(userId).access_token;
    const response = await fetch(`${sim.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The agent's leg of an email conversation: picked up, or ended (PATCH …/conversations/emails/{id}/participants/{pid}). */
export async function setEmailLeg(
    sim: Sim,
    conversationId: string,
    userId: string,
    state: 'connected' | 'disconnected'
): Promise<void> {
    const leg = sim.control
        .conversation(conversationId)
        .participants.filter((p) => p.purpose === 'agent' && p.userId === userId)
        .at(-1);
    if (leg === undefined) throw new Error(`${userId} has no leg in ${conversationId}`);
    const path = `/api/v2/conversations/emails/${conversationId}/participants/${leg.id}`;
    const answer = await asAgent(sim, userId, 'PATCH', path, { state });
    if (answer.status !== 202)
        throw new Error(`PATCH ${state} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** An agent picks up the conversation offered to them (PATCH as the Genesys agent client does). */
export async function pickUp(sim: Sim, conversationId: string, userId: string): Promise<void> {
    const offer = sim.control
        .conversation(conversationId)
        .participants.find((p) => p.purpose === 'agent' && p.userId === userId && p.state === 'alerting');
    if (offer === undefined) throw new Error(`nothing offered to ${userId} in ${conversationId}`);
    const token = sim.control.issueToken(userId).access_token;
    const response = await fetch(
        `${sim.url}/api/v2/conversations/messages/${conversationId}/participants/${offer.id}`,
        {
            method: 'PATCH',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ state: 'connected' })
        }
    );
    if (response.status !== 202) throw new Error(`pick up answered ${response.status}: ${await response.text()}`);
}
