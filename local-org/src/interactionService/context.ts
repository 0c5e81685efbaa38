// What the local org's Interaction Service knows beside the org's records: the channels it serves (each a
// MessagingChannel record plus the values of its ConversationChannelDefinition, a setup object the local org does
// not declare), the API user, and the routing correlation ids it handed out.
import { randomUUID } from 'node:crypto';
import type { StoredRecord } from '../data/schemaTypes';
import type { LocalOrg } from '../org/org';
import { ERRORS } from './errors';
import { get, live, platformInsert } from './records';

/** One Bring Your Own Channel for CCaaS channel: its MessagingChannel and its definition's values. */
export interface ChannelSettings {
    /** MessagingChannel.ChannelAddressIdentifier: `to` of an interaction, `channelAddressIdentifier` of consent. */
    readonly channelAddressIdentifier: string;
    /** The ConversationChannelDefinition's developer name, sent as the AuthorizationContext header. */
    readonly authorizationContext: string;
    readonly developerName?: string;
    readonly label?: string;
    /** ConversationChannelDefinition.consentOwner: PATCH /consent is refused unless Partner (10022). */
    readonly consentOwner?: 'Partner' | 'Salesforce';
    /** MessagingChannel.ConsentType: what IsFullyOptedIn compares the end user's consent with. */
    readonly consentType?: 'ImplicitOptIn' | 'ExplicitOptIn' | 'DoubleOptIn';
    /** The channel's routing setting (a queue's DeveloperName or Id): POST /route without routingInfo uses it. */
    readonly queue?: string;
    readonly isActive?: boolean;
    /**
     * The definition's customPlatformEvent, customEventTypeField and customEventPayloadField: where the channel's
     * outbound events are published. Defaults: what Relay deploys (docs/byoc-setup.md, step 4).
     */
    readonly customPlatformEvent?: string;
    readonly customEventTypeField?: string;
    readonly customEventPayloadField?: string;
}

/** The outbound custom event Relay's package ships, as its ConversationChannelDefinition names it. */
export const OUTBOUND_EVENT_DEFAULTS = {
    customPlatformEvent: 'Relay_Byoc_Event__e',
    customEventTypeField: 'EventType__c',
    customEventPayloadField: 'Payload__c'
} as const;

/** A token set the caller keeps: a `Set<string>` the console's own OAuth endpoint adds the tokens it issues to. */
export interface AcceptedTokens {
    has(token: string): boolean;
}

export interface InteractionServiceOptions {
    /** The bearer token to accept; by default `<15-character org id>!<random>`, the form the spec's README shows. */
    readonly accessToken?: string;
    /**
     * The bearer tokens to accept, asked at each request, when they are issued elsewhere (the console's OAuth
     * endpoint): then `accessToken` must not be given and the service has none of its own.
     */
    readonly acceptedTokens?: AcceptedTokens;
    /** The user the token was issued to (JWT bearer flow as a named user): the records' CreatedById. Default: the admin. */
    readonly userId?: string;
    readonly channels: readonly ChannelSettings[];
    /** 0 (the default) picks a free port. */
    readonly port?: number;
}

export interface Channel {
    readonly settings: ChannelSettings;
    readonly record: StoredRecord;
}

export interface ServiceContext {
    readonly org: LocalOrg;
    readonly userId: string;
    /** The service's own token, or null when the tokens are `acceptedTokens`. */
    readonly accessToken: string | null;
    /** Whether a bearer token is one the service accepts. */
    readonly accepts: (token: string) => boolean;
    readonly channels: readonly Channel[];
    /** The messaging ServiceChannel (RelatedEntity MessagingSession) PSRs and AgentWork name. */
    readonly serviceChannelId: string;
    /** routingCorrelationId -> the PSR POST /route created. */
    readonly correlations: Map<string, { psrId: string; sessionId: string }>;
    /** The AuthorizationContext header of the request being answered. */
    authorizationContext: string;
}

/** The 15-character form of an Id (the spec's workItemId; the OrgId header). */
export const id15 = (id: string): string => id.slice(0, 15);

/**
 * Sets up what an admin creates in Setup before the connector calls (docs/byoc-setup.md, steps 5 and 6): each
 * channel's MessagingChannel, active, enhanced, with its consent type and fallback queue; and the Messaging
 * service channel if the project has none.
 * unconfirmed: that an org with Messaging has a ServiceChannel with RelatedEntity MessagingSession
 * (DeveloperName sfdc_livemessage) that Messaging's PSRs and AgentWork name.
 */
export function setUp(org: LocalOrg, options: InteractionServiceOptions): Omit<ServiceContext, 'authorizationContext'> {
    const userId = options.userId ?? org.adminUserId;
    if (options.acceptedTokens && options.accessToken !== undefined)
        throw new Error('Give the Interaction Service either accessToken or acceptedTokens, not both');
    const tokens = options.acceptedTokens;
    const accessToken = tokens
        ? null
        : (options.accessToken ?? `${id15(org.orgId)}!${randomUUID().replaceAll('-', '')}`);
    const accepts = tokens ? (token: string) => tokens.has(token) : (token: string) => token === accessToken;
    return org.executor.transaction({ userId }, () => {
        const serviceChannelId =
            live(org, 'ServiceChannel', (v) => v.get('relatedentity') === 'MessagingSession')[0]?.id ??
            platformInsert(org, 'ServiceChannel', {
                DeveloperName: 'sfdc_livemessage',
                MasterLabel: 'Messaging',
                RelatedEntity: 'MessagingSession'
            });
        const channels = options.channels.map((settings) => {
            const existing = live(
                org,
                'MessagingChannel',
                (v) => v.get('channeladdressidentifier') === settings.channelAddressIdentifier
            )[0];
            const id =
                existing?.id ??
                platformInsert(org, 'MessagingChannel', {
                    DeveloperName: settings.developerName ?? settings.authorizationContext,
                    MasterLabel: settings.label ?? settings.authorizationContext,
                    ChannelAddressIdentifier: settings.channelAddressIdentifier,
                    MessagingPlatformKey: settings.channelAddressIdentifier,
                    MessageType: 'Custom',
                    PlatformType: 'Enhanced',
                    ConsentType: settings.consentType ?? 'ImplicitOptIn',
                    FallbackQueueId: settings.queue ? queueId(org, settings.queue) : null,
                    IsActive: settings.isActive ?? true
                });
            return { settings, record: org.store.get(id)! };
        });
        return { org, userId, accessToken, accepts, channels, serviceChannelId, correlations: new Map() };
    });
}

/** A queue by Id (15 or 18 characters) or DeveloperName, or null. */
export function queueId(org: LocalOrg, idOrName: string): string | null {
    const queue = live(
        org,
        'Group',
        (v) =>
            v.get('type') === 'Queue' &&
            (v.get('developername') === idOrName ||
                (typeof v.get('id') === 'string' && id15(String(v.get('id'))) === id15(idOrName)))
    )[0];
    return queue?.id ?? null;
}

/** The channel of a channel address identifier, if the request's AuthorizationContext may use it. */
export function channelFor(context: ServiceContext, channelAddressIdentifier: string): Channel {
    const channel = context.channels.find((c) => c.settings.channelAddressIdentifier === channelAddressIdentifier);
    if (!channel) throw ERRORS.noChannel();
    if (channel.settings.authorizationContext !== context.authorizationContext) throw ERRORS.wrongContextForChannel();
    if (get(context.org.store.get(channel.record.id) ?? channel.record, 'IsActive') !== true)
        throw ERRORS.inactiveChannel();
    return channel;
}

/** The channel a record (MessagingSession, Conversation) belongs to, checked against the AuthorizationContext. */
export function channelOfRecord(context: ServiceContext, channelId: string): Channel {
    const channel = context.channels.find((c) => c.record.id === channelId);
    if (!channel || channel.settings.authorizationContext !== context.authorizationContext)
        throw ERRORS.wrongContextForChannel();
    return channel;
}
