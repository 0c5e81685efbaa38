// Shared test setup: an in-process simulator on a manual clock (stopped by t.after), and the official
// Genesys Cloud JS SDK pointed at it. The SDK's ApiClient is a process-wide singleton; every test
// re-points it (setGateway + a fresh login) so no state leaks from the previous test's server.
import type { TestContext } from 'node:test';
import * as platformClient from 'purecloud-platform-client-v2';
import { ManualClock } from '../src/clock';
import { DEFAULT_CLIENT } from '../src/auth';
import { SEED_IDS, demoSeed } from '../src/seed';
import { createSimulator, type Simulator, type SimulatorOptions } from '../src/server';

export { SEED_IDS, platformClient };

export type SdkClient = typeof platformClient.ApiClient;

export interface Sdk {
    client: SdkClient;
    conversations: platformClient.ConversationsApi;
    presence: platformClient.PresenceApi;
    routing: platformClient.RoutingApi;
    users: platformClient.UsersApi;
    externalContacts: platformClient.ExternalContactsApi;
    responseManagement: platformClient.ResponseManagementApi;
}

export async function startSimulator(
    t: TestContext,
    options: SimulatorOptions = {}
): Promise<{ sim: Simulator; clock: ManualClock }> {
    const clock = new ManualClock();
    const sim = await createSimulator({ clock, seed: demoSeed({ conversations: false }), ...options });
    t.after(() => sim.close());
    return { sim, clock };
}

function apis(client: SdkClient): Sdk {
    return {
        client,
        conversations: new platformClient.ConversationsApi(client),
        presence: new platformClient.PresenceApi(client),
        routing: new platformClient.RoutingApi(client),
        users: new platformClient.UsersApi(client),
        externalContacts: new platformClient.ExternalContactsApi(client),
        responseManagement: new platformClient.ResponseManagementApi(client)
    };
}

/** The SDK singleton, pointed at `sim` and logged in with client credentials (acts as Alex Rivera). */
export async function sdkForDefaultAgent(sim: Simulator): Promise<Sdk> {
    const client = platformClient.ApiClient.instance;
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: sim.port });
    client.setReturnExtendedResponses(false);
    await client.loginClientCredentialsGrant(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret);
    return apis(client);
}

/** A second, separate SDK client acting as another agent (token from the control API). */
export function sdkForAgent(sim: Simulator, agentEmail: string): Sdk {
    const ApiClientClass = platformClient.ApiClient.constructor as new () => SdkClient;
    const client = new ApiClientClass();
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: sim.port });
    client.setAccessToken(sim.control.issueToken(agentEmail).access_token);
    return apis(client);
}

export async function goOnQueue(sdk: Sdk, userId = 'me'): Promise<void> {
    const definitions = await sdk.presence.getPresenceDefinitions0({ localeCode: 'en_US' });
    const onQueue = definitions.entities?.find((d) => d.systemPresence === 'OnQueue');
    if (onQueue?.id === undefined) throw new Error('no OnQueue presence definition');
    await sdk.presence.patchUserPresencesPurecloud(userId, { presenceDefinition: { id: onQueue.id } });
}

/** The agent participant currently offered to or connected with `userId`. */
export async function agentParticipant(sdk: Sdk, conversationId: string, userId: string) {
    const conversation = await sdk.conversations.getConversationsMessage(conversationId);
    const participant = (conversation.participants ?? [])
        .filter((p) => p.purpose === 'agent' && p.user?.id === userId)
        .at(-1);
    if (participant?.id === undefined) throw new Error(`no agent participant for ${userId}`);
    return participant as typeof participant & { id: string };
}

/** The agent's communication id: only the generic conversation exposes it (reference §0 #4). */
export async function communicationId(sdk: Sdk, conversationId: string, participantId: string): Promise<string> {
    const conversation = await sdk.conversations.getConversation(conversationId);
    const id = conversation.participants.find((p) => p.id === participantId)?.messages?.[0]?.id;
    if (id === undefined) throw new Error('no communication id');
    return id;
}

export const ALEX = SEED_IDS.users.alex;
export const BLAKE = SEED_IDS.users.blake;
export const CASEY = SEED_IDS.users.casey;
