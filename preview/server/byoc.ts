// Bring Your Own Channel for CCaaS in the console (issue 14; docs/byoc-setup.md, docs/local-org-interaction-service.md):
// what Salesforce runs for a partner-owned channel, beside the console's org. The org's Interaction Service (in the
// org's worker) behind Prism in proxy mode with --errors, so every call the connector makes and every answer is
// checked against the official spec; and the org's Pub/Sub API, which streams the channel's outbound custom events
// (Relay_Byoc_Event__e, published when an agent writes in the session) to the connector. The connector is the same
// service as everywhere else, given the BYOC settings an admin would set (docs/byoc-connector.md).
import { randomUUID } from 'node:crypto';
import type { SeedData } from '../../simulator/src/model';
import { startPrismProxy, type PrismProxy } from '../../local-org/src/interactionService';
import { startPubSubServer, type PubSubServer } from '../../local-org/src/pubsub/server';
import { CONSOLE_MY_DOMAIN } from './oauth';
import type { ConsoleOrg } from './org';

/** The Genesys Cloud queue whose conversations open Messaging Sessions in the console (added to its seed). */
export const MESSAGING_QUEUE = {
    id: '5eed0000-0000-4000-8000-b00000000009',
    name: 'Messaging',
    address: 'messaging@relay.example'
};
/** The channel definition's developer name (docs/byoc-setup.md), sent as AuthorizationContext. */
export const CHANNEL_DEFINITION = 'Relay_Genesys_Messaging';
/** The platform event the channel definition names, as the Pub/Sub topic carries it. */
export const BYOC_EVENT = 'Relay_Byoc_Event__e';

/** The console's seed with the Messaging queue, its members the agents of the Support queue. */
export function withMessagingQueue(seed: SeedData): SeedData {
    const support = seed.queues[0];
    return {
        ...seed,
        queues: [
            ...seed.queues,
            {
                id: MESSAGING_QUEUE.id,
                name: MESSAGING_QUEUE.name,
                description: 'Bring Your Own Channel: each conversation opens a Messaging Session in Salesforce.',
                acw: { wrapupPrompt: 'OPTIONAL' },
                alertingTimeoutSeconds: 45,
                wrapUpCodeIds: support?.wrapUpCodeIds ?? [],
                members: (support?.members ?? []).map((m) => ({ ...m, joined: true })),
                addresses: { open: MESSAGING_QUEUE.address }
            }
        ]
    };
}

export interface ConsoleByocOptions {
    org: ConsoleOrg;
    orgId: string;
    /** The integration user the connector's tokens are issued to (the Interaction Service's API user). */
    apiUserId: string;
    /** Whether the console's OAuth endpoint issued this token (the Pub/Sub API accepts the same tokens). */
    tokenValid: (token: string) => boolean;
    /** Genesys user id -> Salesforce user id of each agent. */
    agents: ReadonlyMap<string, string>;
    log: (line: string) => void;
}

export interface ConsoleByoc {
    /** The connector's BYOC settings (RELAY_SF_*). */
    readonly settings: Record<string, string>;
    readonly salesforceQueueId: string;
    readonly proxy: PrismProxy;
    readonly pubsub: PubSubServer;
    /** Streams one of the org's platform events to the Pub/Sub subscribers when it is the channel's. */
    forward(objectName: string, values: ReadonlyMap<string, unknown>): void;
    close(): Promise<void>;
}

export async function startConsoleByoc(options: ConsoleByocOptions): Promise<ConsoleByoc> {
    const { org } = options;
    const [queue] = await org.query(
        "SELECT Id FROM Group WHERE DeveloperName = 'Relay_Messaging' AND Type = 'Queue' LIMIT 1"
    );
    if (!queue) throw new Error('preview/seed/org.apex did not create the Relay_Messaging queue');
    const salesforceQueueId = String(queue.Id);
    const channelAddress = randomUUID();
    const service = await org.client.startInteractionService({
        userId: options.apiUserId,
        channels: [
            {
                channelAddressIdentifier: channelAddress,
                authorizationContext: CHANNEL_DEFINITION,
                label: 'Genesys Cloud Messaging',
                queue: salesforceQueueId,
                consentOwner: 'Partner',
                consentType: 'ImplicitOptIn'
            }
        ]
    });
    const proxy = await startPrismProxy(service.url);
    const pubsub = await startPubSubServer(
        {
            accessToken: '(any token the console issued)',
            instanceUrl: CONSOLE_MY_DOMAIN,
            organizationId: options.orgId
        },
        { accepts: options.tokenValid }
    );
    return {
        salesforceQueueId,
        proxy,
        pubsub,
        settings: {
            RELAY_SF_INTERACTION_URL: proxy.url,
            RELAY_SF_CHANNEL_ADDRESS: channelAddress,
            RELAY_SF_CHANNEL_DEFINITION: CHANNEL_DEFINITION,
            RELAY_SF_QUEUE_MAP: `${salesforceQueueId}=${MESSAGING_QUEUE.id}`,
            RELAY_SF_USER_MAP: [...options.agents].map(([genesys, salesforce]) => `${genesys}=${salesforce}`).join(','),
            RELAY_SF_PUBSUB_URL: `https://${pubsub.endpoint}`
        },
        forward(objectName, values) {
            if (objectName !== BYOC_EVENT) return;
            const field = (name: string): string | null => {
                const value = values.get(name);
                return typeof value === 'string' ? value : null;
            };
            pubsub.publish({ eventType: field('EventType__c'), payload: field('Payload__c') });
        },
        async close() {
            await pubsub.close();
            await proxy.stop();
            await org.client.stopInteractionService();
        }
    };
}
