// The tests' setting: Relay's own project loaded as a local org, its Interaction Service on 127.0.0.1 behind Prism
// in proxy mode (the official spec validating every request and response), and the connector's own
// InteractionClient talking to it. Each test starts the two and stops them when it ends.
import path from 'node:path';
import type { TestContext } from 'node:test';
import { InteractionClient } from '../../../connector/src/byoc/interactionClient';
import { parseSoql } from '../../src/data/soql';
import {
    startInteractionService,
    startPrismProxy,
    type AcceptedTokens,
    type ChannelSettings,
    type InteractionService,
    type PrismProxy
} from '../../src/interactionService';
import { LocalOrg, type LocalOrgOptions } from '../../src/org/org';
import { runQuery } from '../../src/org/query';
import { toAuraJson } from '../../src/org/entry/marshal';
import type { ApexList } from '../../src/runtime/values';

export const PROJECT = path.join(__dirname, '..', '..', '..');
export const CHANNEL = '6b2f8d4e-1a3c-4e5f-9a7b-0c1d2e3f4a5b';
export const DEFINITION = 'Relay_GenesysMessaging';
/** The queue Relay ships for externally routed work (force-app/main/default/queues). */
export const QUEUE = 'Relay_Externally_Routed';

export function loadOrg(options: LocalOrgOptions = {}): LocalOrg {
    return LocalOrg.load(PROJECT, options);
}

/** An active Standard User (an agent); their Id. */
export function agent(org: LocalOrg, alias: string): string {
    const profile = [...org.store.records('Profile')].find((p) => p.values.get('name') === 'Standard User')!;
    return org.insertRaw('User', {
        Username: `${alias}@relay.local.org`,
        LastName: alias,
        Alias: alias,
        Email: `${alias}@example.com`,
        ProfileId: profile.id,
        TimeZoneSidKey: 'GMT',
        LocaleSidKey: 'en_US',
        LanguageLocaleKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        IsActive: true,
        UserType: 'Standard'
    });
}

export interface Setting {
    service: InteractionService;
    proxy: PrismProxy;
    client: InteractionClient;
}

/** The channel the tests serve (the connector's RELAY_SF_CHANNEL_ADDRESS and RELAY_SF_CHANNEL_DEFINITION). */
export const CHANNELS: ChannelSettings[] = [
    {
        channelAddressIdentifier: CHANNEL,
        authorizationContext: DEFINITION,
        label: 'Genesys Cloud Messaging',
        queue: QUEUE
    }
];

/**
 * The service (its own token, or `tokens` issued elsewhere, the client then sending `token`), Prism in front, and the
 * connector's client.
 */
export async function start(
    t: TestContext,
    org: LocalOrg,
    issued?: { tokens: AcceptedTokens; token: () => string }
): Promise<Setting> {
    const service = await startInteractionService(org, {
        acceptedTokens: issued?.tokens,
        channels: CHANNELS
    });
    t.after(() => service.stop());
    const proxy = await startPrismProxy(service.url);
    t.after(() => proxy.stop());
    const client = new InteractionClient({
        baseUrl: proxy.url,
        orgId: org.orgId.slice(0, 15),
        authorizationContext: DEFINITION,
        httpTimeoutMs: 10_000,
        token: () => Promise.resolve(issued ? issued.token() : service.accessToken!)
    });
    return { service, proxy, client };
}

/**
 * SOQL as the administrator, rows as JSON (what the console's record pages read); the Id only when selected (the
 * JSON form always carries it).
 */
export function query(org: LocalOrg, soql: string): Record<string, unknown>[] {
    const fields = soql.slice('SELECT'.length, soql.search(/\sFROM\s/i)).split(',');
    const selectsId = fields.some((field) => field.trim().toLowerCase() === 'id');
    return org.executor.transaction({ userId: org.adminUserId }, () => {
        const rows = runQuery(org, parseSoql(soql), { enforceSharing: false, resolveBind: () => null });
        const json = (toAuraJson(org, rows as ApexList) as Record<string, unknown>[]) ?? [];
        return json.map(({ Id, ...rest }) => (selectsId ? { Id, ...rest } : rest));
    });
}

/** A customer's first message, as the connector's bridge sends it. */
export function message(from: string, text: string, id: string) {
    return {
        from,
        to: CHANNEL,
        interactions: [
            {
                interactionType: 'EntryInteraction' as const,
                timestamp: Date.UTC(2026, 0, 5, 9, 30, 0),
                payload: {
                    id,
                    entryType: 'Message' as const,
                    abstractMessage: {
                        messageType: 'StaticContentMessage' as const,
                        id,
                        staticContent: { formatType: 'Text' as const, text }
                    }
                }
            }
        ] as [
            {
                interactionType: 'EntryInteraction';
                timestamp: number;
                payload: {
                    id: string;
                    entryType: 'Message';
                    abstractMessage: {
                        messageType: 'StaticContentMessage';
                        id: string;
                        staticContent: { formatType: 'Text'; text: string };
                    };
                };
            }
        ]
    };
}

/**
 * A conversation opened, routed to `queueId` and assigned to `userId` through the service, in the procedure's order
 * (interactions, route, agentWork): its ids. The agent has not accepted it yet (acceptWork).
 */
export async function assignedConversation({ client }: Setting, from: string, userId: string, queueId: string) {
    const opened = await client.postInteraction(message(from, 'Hello', `${from}-1`));
    const conversationIdentifier = opened.conversationIdentifier!;
    const sessionId = opened.workItemIds![0];
    const route = await client.postRoute({ conversationIdentifier, routingType: 'Initial', routingInfo: { queueId } });
    const work = await client.postAgentWork({
        userId,
        workItemId: sessionId.slice(0, 15),
        routingContext: {
            conversationIdentifier,
            routingType: 'Initial',
            routingCorrelationId: route.routingCorrelationId!
        }
    });
    return { conversationIdentifier, sessionId, agentWorkId: work.agentWorkId! };
}
