// The connector's settings: one table (name, meaning, default, parser) drives the --help text, the config file,
// the environment and validation. A config file is a JSON object keyed by the same names as the environment
// variables; the environment overrides the file. Every error names the setting it is about.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isDeveloperName, readSigningKey, type SigningAlgorithm } from './salesforce/signing';

export interface StoreConfig {
    kind: 'sqlite' | 'postgres';
    /** The sqlite file path, or the postgres connection URL. */
    location: string;
}

export interface ConnectorConfig {
    genesys: {
        apiUrl: string;
        loginUrl: string;
        clientId: string;
        clientSecret: string;
        queueIds: string[];
        userIds: string[];
        /** A channel that sends nothing (not even its 30 s heartbeat) for this long is dropped and replaced. */
        heartbeatTimeoutMs: number;
        /** A channel is replaced this long before it expires (Genesys channels live 24 hours). */
        renewBeforeMs: number;
    };
    salesforce: {
        tokenUrl: string;
        clientId: string;
        clientSecret: string;
        instanceUrl: string;
        orgId: string;
        eventsPath: string;
        /** The private key events are signed with (PKCS #8 PEM, read from RELAY_SF_SIGNING_KEY_FILE at start). */
        signingKeyPem: string;
        /** The DeveloperName of the org's Relay_Event_Signing_Key__mdt record holding its public key. */
        signingKeyId: string;
        /** The Algorithm__c that record must have. */
        signingAlgorithm: SigningAlgorithm;
    };
    store: StoreConfig;
    host: string;
    port: number;
    instanceId: string;
    delivery: {
        concurrency: number;
        leaseMs: number;
        httpTimeoutMs: number;
        retryBaseMs: number;
        retryMaxMs: number;
        pollMs: number;
    };
    /** Pruning of the outbox (store prune): what is kept, how long, and how often it runs. */
    housekeeping: {
        /** Delivered events (by delivery time) and closed conversations' views (by last change) older than this go. */
        retentionMs: number;
        /** Failed events older than this go (kept longer: the admin looks at them). */
        failedRetentionMs: number;
        intervalMs: number;
    };
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    /**
     * Bring Your Own Channel for CCaaS, partner-owned routing (docs/byoc-connector.md): present when
     * RELAY_SF_INTERACTION_URL is set (the bridge, byoc/bridge.ts; with RELAY_SF_PUBSUB_URL the outbound side too).
     */
    byoc?: ByocConfig;
}

export interface ByocConfig {
    /** The Interaction Service base URL; requests go to <interactionUrl>/api/v1/... */
    interactionUrl: string;
    /** The channel address identifier (`to`, `channelAddressIdentifier` in the Interaction Service API). */
    channelAddress: string;
    /** The conversation channel definition's developer name, sent as the AuthorizationContext header. */
    channelDefinition: string;
    /** Salesforce queue id -> Genesys queue id: a transfer to one of these queues is routed in Genesys. */
    queueMap: Map<string, string>;
    /**
     * RELAY_SF_USER_MAP: Genesys user id -> Salesforce user id (005...), the agent an AgentWork is created for.
     * Present only when set (byoc/bridge.ts: an agent without an entry gets no AgentWork, and it is logged).
     */
    userMap?: Map<string, string>;
    /**
     * RELAY_SF_PUBSUB_URL: the Pub/Sub API endpoint as host:port (byoc/outboundRunner.ts subscribes to
     * Relay_Byoc_Event__e there). Absent: the outbound side (agents' messages, transfers) does not run.
     */
    pubSubEndpoint?: string;
    /**
     * RELAY_SF_CONSENT_STATUS: the consent status PATCH /consent sets for this channel's end users (the spec's
     * ConsentEnum, without OptedOut). Absent: ImplicitlyOptedIn.
     */
    consentStatus?: 'ImplicitlyOptedIn' | 'ExplicitlyOptedIn' | 'DoublyOptedIn';
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Reconciliation reads back the conversations the store holds as open and changed within this window (48 h). */
export const RECONCILE_TRACK_WINDOW_MS = 2 * DAY_MS;

/** The longest gap the analytics details query is asked to cover (older gaps are cut, with a warning). */
export const MAX_GAP_QUERY_MS = 7 * DAY_MS;

/**
 * How far back reconciliation may read a conversation: the gap query's 7 days. A closed view is pruned only after
 * RELAY_RETENTION_DAYS, which must be longer by at least a day (clock skew between Genesys and the connector), so a
 * view is never pruned while its conversation can still be read back (it would re-derive and re-send old events).
 */
export const READ_BACK_WINDOW_MS = Math.max(RECONCILE_TRACK_WINDOW_MS, MAX_GAP_QUERY_MS) + DAY_MS;

export class ConfigError extends Error {
    constructor(
        readonly setting: string,
        message: string
    ) {
        super(`${setting}: ${message}`);
        this.name = 'ConfigError';
    }
}

interface Setting {
    name: string;
    help: string;
    /** Absent: required. */
    default?: string;
    secret?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const SETTINGS: readonly Setting[] = [
    {
        name: 'RELAY_GENESYS_API_URL',
        help: 'Genesys Cloud API base URL of your region, e.g. https://api.mypurecloud.com (https; http only on loopback)'
    },
    {
        name: 'RELAY_GENESYS_LOGIN_URL',
        help: 'Genesys Cloud login (OAuth) base URL of your region, e.g. https://login.mypurecloud.com'
    },
    { name: 'RELAY_GENESYS_CLIENT_ID', help: 'Genesys Cloud OAuth client (Client Credentials grant) id' },
    { name: 'RELAY_GENESYS_CLIENT_SECRET', help: 'its secret', secret: true },
    {
        name: 'RELAY_GENESYS_QUEUE_IDS',
        help: 'comma-separated Genesys queue ids whose conversations are watched (at least one queue or user)',
        default: ''
    },
    {
        name: 'RELAY_GENESYS_USER_IDS',
        help: 'comma-separated Genesys user ids whose conversations are watched (at least one queue or user)',
        default: ''
    },
    {
        name: 'RELAY_GENESYS_HEARTBEAT_TIMEOUT_MS',
        help: 'a notification channel silent this long (Genesys sends a heartbeat every 30 s) is dropped and replaced',
        default: '45000'
    },
    {
        name: 'RELAY_GENESYS_RENEW_BEFORE_MS',
        help: 'a notification channel is replaced this long before it expires (channels live 24 h)',
        default: '3600000'
    },
    {
        name: 'RELAY_SF_TOKEN_URL',
        help: 'Salesforce OAuth token endpoint, e.g. https://<my-domain>.my.salesforce.com/services/oauth2/token'
    },
    { name: 'RELAY_SF_CLIENT_ID', help: 'consumer key of the External Client App (client credentials flow)' },
    { name: 'RELAY_SF_CLIENT_SECRET', help: 'its consumer secret', secret: true },
    {
        name: 'RELAY_SF_INSTANCE_URL',
        help: 'the org URL events are posted to, e.g. https://<my-domain>.my.salesforce.com'
    },
    {
        name: 'RELAY_SF_ORG_ID',
        help: 'the org id (00D..., 15 or 18 characters); a token issued for another org is refused'
    },
    {
        name: 'RELAY_SF_EVENTS_PATH',
        help: "the event endpoint's path (a namespaced package: /services/apexrest/<ns>/relay/v1/events)",
        default: '/services/apexrest/relay/v1/events'
    },
    {
        name: 'RELAY_SF_SIGNING_KEY_FILE',
        help: 'path of the private key events are signed with (PKCS #8 PEM, from `keygen`; readable only by the connector)'
    },
    {
        name: 'RELAY_SF_SIGNING_KEY_ID',
        help: "the key id: API name (DeveloperName) of the org's Relay Event Signing Key record holding its public key"
    },
    {
        name: 'RELAY_STORE',
        help: 'the durable outbox: sqlite:<file> (one instance) or postgres://user@host:port/db (several instances)',
        default: 'sqlite:relay-connector.db'
    },
    { name: 'RELAY_HOST', help: 'address /healthz and /metrics listen on', default: '127.0.0.1' },
    { name: 'RELAY_PORT', help: 'port /healthz and /metrics listen on (0: any free port)', default: '9470' },
    {
        name: 'RELAY_INSTANCE_ID',
        help: "this instance's name: unique per running instance; a restart under the same name takes its claims back at once",
        default: '<hostname>'
    },
    { name: 'RELAY_DELIVERY_CONCURRENCY', help: 'conversations delivered in parallel per instance', default: '16' },
    {
        name: 'RELAY_LEASE_MS',
        help: 'how long a claimed event is reserved for this instance before another may take it',
        default: '30000'
    },
    {
        name: 'RELAY_HTTP_TIMEOUT_MS',
        help: 'timeout of one POST to Salesforce (below RELAY_LEASE_MS)',
        default: '10000'
    },
    { name: 'RELAY_RETRY_BASE_MS', help: 'first retry delay; doubles per attempt, with jitter', default: '1000' },
    { name: 'RELAY_RETRY_MAX_MS', help: 'longest retry delay', default: '300000' },
    { name: 'RELAY_POLL_MS', help: 'how often the outbox is checked for work from other instances', default: '1000' },
    {
        name: 'RELAY_RETENTION_DAYS',
        help: 'delivered events and closed conversations are kept this long, then pruned (at least 8: reconciliation reads up to 7 days back)',
        default: '8'
    },
    {
        name: 'RELAY_FAILED_RETENTION_DAYS',
        help: 'failed (refused) events are kept this long for the admin, then pruned (at least RELAY_RETENTION_DAYS)',
        default: '30'
    },
    {
        name: 'RELAY_PRUNE_INTERVAL_MS',
        help: 'how often the outbox is pruned (the first run is a minute after start)',
        default: '3600000'
    },
    { name: 'RELAY_LOG_LEVEL', help: 'fatal, error, warn, info, debug, trace or silent', default: 'info' },
    {
        name: 'RELAY_SF_INTERACTION_URL',
        help: 'Bring Your Own Channel: the Interaction Service base URL, e.g. https://<my-domain>.my.salesforce-scrt.com (empty: off)',
        default: ''
    },
    {
        name: 'RELAY_SF_CHANNEL_ADDRESS',
        help: 'Bring Your Own Channel: the channel address identifier of the messaging channel (required with RELAY_SF_INTERACTION_URL)',
        default: ''
    },
    {
        name: 'RELAY_SF_CHANNEL_DEFINITION',
        help: 'Bring Your Own Channel: developer name of the conversation channel definition, sent as AuthorizationContext (required with RELAY_SF_INTERACTION_URL)',
        default: ''
    },
    {
        name: 'RELAY_SF_QUEUE_MAP',
        help: 'Bring Your Own Channel: comma-separated <Salesforce queue id>=<Genesys queue id>; a transfer to such a queue is routed in Genesys',
        default: ''
    },
    {
        name: 'RELAY_SF_USER_MAP',
        help: 'Bring Your Own Channel: comma-separated <Genesys user id>=<Salesforce user id 005...>: the agent each AgentWork is created for',
        default: ''
    },
    {
        name: 'RELAY_SF_CONSENT_STATUS',
        help: "Bring Your Own Channel: the consent status sent for the channel's customers (PATCH /consent): ImplicitlyOptedIn, ExplicitlyOptedIn or DoublyOptedIn (empty: ImplicitlyOptedIn)",
        default: ''
    },
    {
        name: 'RELAY_SF_PUBSUB_URL',
        help: "Bring Your Own Channel: the Pub/Sub API, https://api.pubsub.salesforce.com:7443; set, agents' messages and transfers (Relay_Byoc_Event__e) are carried out in Genesys (empty: off)",
        default: ''
    }
];

const NAMES = new Set(SETTINGS.map((s) => s.name));

export function helpText(): string {
    const width = Math.max(...SETTINGS.map((s) => s.name.length));
    const lines = SETTINGS.map((s) => {
        const tail = s.default === undefined ? ' (required)' : s.default === '' ? '' : ` (default ${s.default})`;
        return `  ${s.name.padEnd(width)}  ${s.help}${tail}`;
    });
    return [
        'Usage: npm run connector -- [--config FILE] [--check] [--help]',
        '       npm run connector -- keygen --out FILE [--key-id NAME]',
        '',
        'Relay Connector: turns Genesys Cloud conversation notifications into Relay events and delivers them,',
        'signed, in order per conversation, to the Salesforce org, through a durable outbox.',
        '',
        '  --config FILE  a JSON object with any of the settings below, by name; the environment overrides it',
        '  --check        validate the settings, print them (secrets hidden) and exit',
        '  --help         this text',
        '',
        '  keygen         write a new P-256 private key to FILE (mode 0600) and print its public key and the',
        '                 Relay_Event_Signing_Key custom metadata record to deploy (key id NAME, default Relay_Connector_<date>)',
        '',
        'Settings:',
        ...lines
    ].join('\n');
}

/** Raw values: the file's, overridden by the environment's RELAY_* variables. */
export function readSettings(file: string | undefined, env: NodeJS.ProcessEnv): Map<string, string> {
    const values = new Map<string, string>();
    if (file !== undefined) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(readFileSync(file, 'utf8'));
        } catch (error) {
            throw new ConfigError('--config', `cannot read ${file} as JSON: ${(error as Error).message}`);
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            throw new ConfigError('--config', `${file} must hold a JSON object of settings`);
        }
        for (const [key, value] of Object.entries(parsed)) {
            if (!NAMES.has(key)) throw new ConfigError(key, `unknown setting in ${file} (see --help)`);
            if (typeof value === 'string') values.set(key, value);
            else if (typeof value === 'number' || typeof value === 'boolean') values.set(key, String(value));
            else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
                values.set(key, value.join(','));
            else throw new ConfigError(key, `must be a string, number or list of strings in ${file}`);
        }
    }
    for (const [key, value] of Object.entries(env)) {
        if (!key.startsWith('RELAY_') || value === undefined) continue;
        if (NAMES.has(key)) values.set(key, value);
    }
    return values;
}

export function loadConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): ConnectorConfig {
    return parseConfig(readSettings(file, env));
}

export function parseConfig(values: Map<string, string>): ConnectorConfig {
    const raw = (name: string): string => {
        const value = values.get(name)?.trim();
        if (value !== undefined && value !== '') return value;
        const setting = SETTINGS.find((s) => s.name === name);
        if (setting?.default === undefined) throw new ConfigError(name, 'is required (see --help)');
        return setting.default;
    };
    const queueIds = list(raw('RELAY_GENESYS_QUEUE_IDS'));
    const userIds = list(raw('RELAY_GENESYS_USER_IDS'));
    if (queueIds.length === 0 && userIds.length === 0) {
        throw new ConfigError(
            'RELAY_GENESYS_QUEUE_IDS',
            'watch at least one queue (or a user with RELAY_GENESYS_USER_IDS)'
        );
    }
    // Genesys: at most 1,000 topics per channel and 20 channels per user and app, one kept for renewals.
    if (queueIds.length + userIds.length > 19_000) {
        throw new ConfigError(
            'RELAY_GENESYS_QUEUE_IDS',
            `${queueIds.length + userIds.length} queues and users exceed the 19,000 topics one OAuth client can hold`
        );
    }
    const signing = signingKey(raw('RELAY_SF_SIGNING_KEY_FILE'));
    const signingKeyId = raw('RELAY_SF_SIGNING_KEY_ID');
    if (!isDeveloperName(signingKeyId)) {
        throw new ConfigError(
            'RELAY_SF_SIGNING_KEY_ID',
            `must be the API name of a Relay Event Signing Key record (letters, digits and single underscores, at most 40), got "${signingKeyId}"`
        );
    }
    const orgId = raw('RELAY_SF_ORG_ID');
    if (!/^00D[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?$/.test(orgId)) {
        throw new ConfigError('RELAY_SF_ORG_ID', `must be a Salesforce org id (00D followed by 12 or 15 characters)`);
    }
    const eventsPath = raw('RELAY_SF_EVENTS_PATH');
    if (!eventsPath.startsWith('/')) throw new ConfigError('RELAY_SF_EVENTS_PATH', 'must start with /');
    const instanceId = raw('RELAY_INSTANCE_ID');
    const delivery = {
        concurrency: integer(raw, 'RELAY_DELIVERY_CONCURRENCY', 1, 1024),
        leaseMs: integer(raw, 'RELAY_LEASE_MS', 100, 3_600_000),
        httpTimeoutMs: integer(raw, 'RELAY_HTTP_TIMEOUT_MS', 50, 600_000),
        retryBaseMs: integer(raw, 'RELAY_RETRY_BASE_MS', 1, 3_600_000),
        retryMaxMs: integer(raw, 'RELAY_RETRY_MAX_MS', 1, 86_400_000),
        pollMs: integer(raw, 'RELAY_POLL_MS', 10, 600_000)
    };
    if (delivery.httpTimeoutMs >= delivery.leaseMs) {
        throw new ConfigError('RELAY_HTTP_TIMEOUT_MS', `must be below RELAY_LEASE_MS (${delivery.leaseMs})`);
    }
    const housekeeping = {
        retentionMs: integer(raw, 'RELAY_RETENTION_DAYS', 1, 3650) * DAY_MS,
        failedRetentionMs: integer(raw, 'RELAY_FAILED_RETENTION_DAYS', 1, 3650) * DAY_MS,
        intervalMs: integer(raw, 'RELAY_PRUNE_INTERVAL_MS', 1000, 7 * DAY_MS)
    };
    if (housekeeping.retentionMs < READ_BACK_WINDOW_MS) {
        throw new ConfigError(
            'RELAY_RETENTION_DAYS',
            `must be at least ${READ_BACK_WINDOW_MS / DAY_MS} days: reconciliation reads conversations up to ${MAX_GAP_QUERY_MS / DAY_MS} days back, got "${raw('RELAY_RETENTION_DAYS')}": a conversation's view pruned sooner would make its old events be derived and sent again`
        );
    }
    if (housekeeping.failedRetentionMs < housekeeping.retentionMs) {
        throw new ConfigError(
            'RELAY_FAILED_RETENTION_DAYS',
            `must be at least RELAY_RETENTION_DAYS (${housekeeping.retentionMs / DAY_MS}): failed events are kept longer for the admin, got "${raw('RELAY_FAILED_RETENTION_DAYS')}"`
        );
    }
    const logLevel = raw('RELAY_LOG_LEVEL');
    const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
    if (!(levels as readonly string[]).includes(logLevel)) {
        throw new ConfigError('RELAY_LOG_LEVEL', `must be one of ${levels.join(', ')}`);
    }
    return {
        genesys: {
            apiUrl: url(raw, 'RELAY_GENESYS_API_URL'),
            loginUrl: url(raw, 'RELAY_GENESYS_LOGIN_URL'),
            clientId: raw('RELAY_GENESYS_CLIENT_ID'),
            clientSecret: raw('RELAY_GENESYS_CLIENT_SECRET'),
            queueIds,
            userIds,
            heartbeatTimeoutMs: integer(raw, 'RELAY_GENESYS_HEARTBEAT_TIMEOUT_MS', 1000, 600_000),
            renewBeforeMs: integer(raw, 'RELAY_GENESYS_RENEW_BEFORE_MS', 60_000, 43_200_000)
        },
        salesforce: {
            tokenUrl: url(raw, 'RELAY_SF_TOKEN_URL'),
            clientId: raw('RELAY_SF_CLIENT_ID'),
            clientSecret: raw('RELAY_SF_CLIENT_SECRET'),
            instanceUrl: url(raw, 'RELAY_SF_INSTANCE_URL'),
            orgId,
            eventsPath,
            signingKeyPem: signing.pem,
            signingKeyId,
            signingAlgorithm: signing.algorithm
        },
        store: store(raw('RELAY_STORE')),
        host: raw('RELAY_HOST'),
        port: integer(raw, 'RELAY_PORT', 0, 65535),
        instanceId: instanceId === '<hostname>' ? hostname() : instanceId,
        delivery,
        housekeeping,
        logLevel: logLevel as ConnectorConfig['logLevel'],
        byoc: byocConfig(raw)
    };
}

/** The Bring Your Own Channel settings: all or nothing, checked like the others. */
function byocConfig(raw: (n: string) => string): ByocConfig | undefined {
    const set = [
        'RELAY_SF_CHANNEL_ADDRESS',
        'RELAY_SF_CHANNEL_DEFINITION',
        'RELAY_SF_QUEUE_MAP',
        'RELAY_SF_USER_MAP',
        'RELAY_SF_PUBSUB_URL',
        'RELAY_SF_CONSENT_STATUS'
    ].filter((name) => raw(name) !== '');
    if (raw('RELAY_SF_INTERACTION_URL') === '') {
        if (set.length > 0) throw new ConfigError(set[0]!, 'needs RELAY_SF_INTERACTION_URL (Bring Your Own Channel)');
        return undefined;
    }
    const interactionUrl = url(raw, 'RELAY_SF_INTERACTION_URL');
    if (new URL(interactionUrl).pathname.replace(/\/+$/, '') !== '') {
        throw new ConfigError(
            'RELAY_SF_INTERACTION_URL',
            `must be the base URL without a path (requests go to <url>/api/v1/...), got "${interactionUrl}"`
        );
    }
    const channelAddress = raw('RELAY_SF_CHANNEL_ADDRESS');
    if (channelAddress === '') {
        throw new ConfigError('RELAY_SF_CHANNEL_ADDRESS', 'is required with RELAY_SF_INTERACTION_URL');
    }
    if (channelAddress.length > 240) {
        throw new ConfigError('RELAY_SF_CHANNEL_ADDRESS', 'must be at most 240 characters (the API says so)');
    }
    const channelDefinition = raw('RELAY_SF_CHANNEL_DEFINITION');
    if (channelDefinition === '') {
        throw new ConfigError('RELAY_SF_CHANNEL_DEFINITION', 'is required with RELAY_SF_INTERACTION_URL');
    }
    if (!/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(channelDefinition)) {
        throw new ConfigError(
            'RELAY_SF_CHANNEL_DEFINITION',
            `must be a developer name (letters, digits, underscores; namespace__Name in a package), got "${channelDefinition}"`
        );
    }
    const queueMap = new Map<string, string>();
    for (const pair of list(raw('RELAY_SF_QUEUE_MAP'))) {
        const match = /^(00G[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\s*=\s*(\S+)$/.exec(pair);
        if (match === null) {
            throw new ConfigError(
                'RELAY_SF_QUEUE_MAP',
                `each entry must be <Salesforce queue id 00G...>=<Genesys queue id>, got "${pair}"`
            );
        }
        const [, salesforceQueueId, genesysQueueId] = match as unknown as [string, string, string];
        if (queueMap.has(salesforceQueueId)) {
            throw new ConfigError('RELAY_SF_QUEUE_MAP', `names the Salesforce queue ${salesforceQueueId} twice`);
        }
        queueMap.set(salesforceQueueId, genesysQueueId);
    }
    const userMap = new Map<string, string>();
    for (const pair of list(raw('RELAY_SF_USER_MAP'))) {
        const match = /^([^\s=]+)\s*=\s*(005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)$/.exec(pair);
        if (match === null) {
            throw new ConfigError(
                'RELAY_SF_USER_MAP',
                `each entry must be <Genesys user id>=<Salesforce user id 005...>, got "${pair}"`
            );
        }
        const [, genesysUserId, salesforceUserId] = match as unknown as [string, string, string];
        if (userMap.has(genesysUserId)) {
            throw new ConfigError('RELAY_SF_USER_MAP', `names the Genesys user ${genesysUserId} twice`);
        }
        userMap.set(genesysUserId, salesforceUserId);
    }
    const pubSubEndpoint = pubSub(raw('RELAY_SF_PUBSUB_URL'));
    const consentStatus = consent(raw('RELAY_SF_CONSENT_STATUS'));
    return {
        interactionUrl,
        channelAddress,
        channelDefinition,
        queueMap,
        ...(userMap.size === 0 ? {} : { userMap }),
        ...(pubSubEndpoint === undefined ? {} : { pubSubEndpoint }),
        ...(consentStatus === undefined ? {} : { consentStatus })
    };
}

/**
 * RELAY_SF_CONSENT_STATUS: a value of the spec's ConsentEnum (inbound-interaction-api.yaml). OptedOut is refused: it
 * would set every customer of the channel opted out as soon as they write. The seed's spelling "ExplicityOptedIn"
 * (shared/seeds/004) is not the spec's value, which Prism refuses too (docs/byoc-connector.md).
 */
function consent(text: string): ByocConfig['consentStatus'] {
    if (text === '') return undefined;
    if (text === 'ImplicitlyOptedIn' || text === 'ExplicitlyOptedIn' || text === 'DoublyOptedIn') return text;
    const why =
        text === 'OptedOut'
            ? 'OptedOut would opt every customer of the channel out'
            : text === 'ExplicityOptedIn'
              ? "the spelling of the procedure page is not the API's value: ExplicitlyOptedIn"
              : `got "${text}"`;
    throw new ConfigError(
        'RELAY_SF_CONSENT_STATUS',
        `must be ImplicitlyOptedIn, ExplicitlyOptedIn or DoublyOptedIn (the spec's ConsentEnum): ${why}`
    );
}

/**
 * RELAY_SF_PUBSUB_URL as the host:port the Pub/Sub client takes. The API is gRPC over TLS only
 * (api.pubsub.salesforce.com, port 7443 or 443: "Pub/Sub API Endpoint", Pub/Sub API developer guide), so https only,
 * no path; the port defaults to 443.
 */
function pubSub(text: string): string | undefined {
    if (text === '') return undefined;
    let parsed: URL;
    try {
        parsed = new URL(text);
    } catch {
        throw new ConfigError(
            'RELAY_SF_PUBSUB_URL',
            `must be a URL like https://api.pubsub.salesforce.com:7443, got "${text}"`
        );
    }
    if (parsed.protocol !== 'https:') {
        throw new ConfigError('RELAY_SF_PUBSUB_URL', `must be https (the Pub/Sub API is gRPC over TLS), got "${text}"`);
    }
    if (parsed.pathname.replace(/\/+$/, '') !== '' || parsed.search !== '' || parsed.username !== '') {
        throw new ConfigError('RELAY_SF_PUBSUB_URL', `must be the host and port only, without a path, got "${text}"`);
    }
    return `${parsed.hostname}:${parsed.port === '' ? '443' : parsed.port}`;
}

/** The settings with secrets replaced, for --check and the start-up log. */
export function describeConfig(values: Map<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of SETTINGS) {
        const value = values.get(s.name) ?? s.default ?? '';
        out[s.name] = s.secret && value !== '' ? '<hidden>' : redactUrl(value);
    }
    return out;
}

/** Reads and checks the private key at start, so a bad key stops the connector before it signs anything. */
function signingKey(file: string): { pem: string; algorithm: SigningAlgorithm } {
    let pem: string;
    try {
        pem = readFileSync(file, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : 'cannot be read';
        throw new ConfigError(
            'RELAY_SF_SIGNING_KEY_FILE',
            `${file} ${why} (${(error as Error).message}); create one with: npm run connector -- keygen --out ${file}`
        );
    }
    if (!/-----BEGIN (?:EC |RSA |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
        throw new ConfigError(
            'RELAY_SF_SIGNING_KEY_FILE',
            `${file} holds no PEM private key (-----BEGIN PRIVATE KEY-----); a public key or certificate cannot sign`
        );
    }
    try {
        return { pem, algorithm: readSigningKey(pem).algorithm };
    } catch (error) {
        throw new ConfigError('RELAY_SF_SIGNING_KEY_FILE', `${file}: ${(error as Error).message}`);
    }
}

function redactUrl(value: string): string {
    return value.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:<hidden>@');
}

function list(value: string): string[] {
    return value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '');
}

function integer(raw: (n: string) => string, name: string, min: number, max: number): number {
    const text = raw(name);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
        throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return value;
}

function url(raw: (n: string) => string, name: string): string {
    const text = raw(name);
    let parsed: URL;
    try {
        parsed = new URL(text);
    } catch {
        throw new ConfigError(name, `must be a URL, got "${text}"`);
    }
    const loopback = LOOPBACK.has(parsed.hostname);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
        throw new ConfigError(name, `must be an https URL (http only for 127.0.0.1 or localhost), got "${text}"`);
    }
    return text.replace(/\/+$/, '');
}

function store(text: string): StoreConfig {
    if (/^postgres(ql)?:\/\//.test(text)) {
        try {
            new URL(text);
        } catch {
            throw new ConfigError('RELAY_STORE', 'is not a valid postgres:// URL');
        }
        return { kind: 'postgres', location: text };
    }
    const path = text.startsWith('sqlite:') ? text.slice('sqlite:'.length) : text;
    if (path === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
        throw new ConfigError('RELAY_STORE', `must be sqlite:<file> or a postgres:// URL, got "${text}"`);
    }
    return { kind: 'sqlite', location: path };
}
