// The Bring Your Own Channel settings (docs/byoc-connector.md): optional, all or nothing, each error names its setting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, parseConfig } from '../src/config';
import { SIGNING_KEY_ID, signingKeyFile } from './helpers/salesforce';

const BASE: Record<string, string> = {
    RELAY_GENESYS_API_URL: 'https://api.mypurecloud.ie',
    RELAY_GENESYS_LOGIN_URL: 'https://login.mypurecloud.ie',
    RELAY_GENESYS_CLIENT_ID: 'genesys-client',
    RELAY_GENESYS_CLIENT_SECRET: 'genesys-secret',
    RELAY_GENESYS_QUEUE_IDS: 'q-support',
    RELAY_SF_TOKEN_URL: 'https://relay.my.salesforce.com/services/oauth2/token',
    RELAY_SF_CLIENT_ID: 'consumer-key',
    RELAY_SF_CLIENT_SECRET: 'consumer-secret',
    RELAY_SF_INSTANCE_URL: 'https://relay.my.salesforce.com',
    RELAY_SF_ORG_ID: '00D5g000000AbCdEAK',
    RELAY_SF_SIGNING_KEY_FILE: signingKeyFile(),
    RELAY_SF_SIGNING_KEY_ID: SIGNING_KEY_ID
};

const BYOC: Record<string, string> = {
    RELAY_SF_INTERACTION_URL: 'https://relay.my.salesforce-scrt.com/',
    RELAY_SF_CHANNEL_ADDRESS: 'relay-genesys-messaging-address',
    RELAY_SF_CHANNEL_DEFINITION: 'Relay_Genesys_Messaging',
    RELAY_SF_QUEUE_MAP: '00G5g000004XyZaEAK=5f0b1a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b, 00G5g000004XyZc = q-billing'
};

const parse = (values: Record<string, string>) => parseConfig(new Map(Object.entries(values)));

function refuses(values: Record<string, string>, setting: string, message: RegExp): void {
    assert.throws(
        () => parse(values),
        (error: unknown) => error instanceof ConfigError && error.setting === setting && message.test(error.message)
    );
}

test('without RELAY_SF_INTERACTION_URL Bring Your Own Channel is off', () => {
    assert.equal(parse(BASE).byoc, undefined);
    refuses({ ...BASE, RELAY_SF_CHANNEL_ADDRESS: 'x' }, 'RELAY_SF_CHANNEL_ADDRESS', /needs RELAY_SF_INTERACTION_URL/);
});

test('the settings, read and checked', () => {
    const byoc = parse({ ...BASE, ...BYOC }).byoc;
    assert.deepEqual(byoc, {
        interactionUrl: 'https://relay.my.salesforce-scrt.com',
        channelAddress: 'relay-genesys-messaging-address',
        channelDefinition: 'Relay_Genesys_Messaging',
        queueMap: new Map([
            ['00G5g000004XyZaEAK', '5f0b1a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'],
            ['00G5g000004XyZc', 'q-billing']
        ])
    });
    assert.equal(parse({ ...BASE, ...BYOC, RELAY_SF_QUEUE_MAP: '' }).byoc?.queueMap.size, 0);
    refuses(
        { ...BASE, ...BYOC, RELAY_SF_INTERACTION_URL: 'http://relay.example.com' },
        'RELAY_SF_INTERACTION_URL',
        /https/
    );
    refuses(
        { ...BASE, ...BYOC, RELAY_SF_INTERACTION_URL: 'https://relay.my.salesforce-scrt.com/api/v1' },
        'RELAY_SF_INTERACTION_URL',
        /without a path/
    );
    refuses({ ...BASE, ...BYOC, RELAY_SF_CHANNEL_ADDRESS: '' }, 'RELAY_SF_CHANNEL_ADDRESS', /is required/);
    refuses({ ...BASE, ...BYOC, RELAY_SF_CHANNEL_ADDRESS: 'a'.repeat(241) }, 'RELAY_SF_CHANNEL_ADDRESS', /240/);
    refuses({ ...BASE, ...BYOC, RELAY_SF_CHANNEL_DEFINITION: '' }, 'RELAY_SF_CHANNEL_DEFINITION', /is required/);
    refuses(
        { ...BASE, ...BYOC, RELAY_SF_CHANNEL_DEFINITION: 'Relay Messaging' },
        'RELAY_SF_CHANNEL_DEFINITION',
        /developer name/
    );
    refuses({ ...BASE, ...BYOC, RELAY_SF_QUEUE_MAP: 'q-billing=00G5g000004XyZa' }, 'RELAY_SF_QUEUE_MAP', /00G/);
    refuses(
        { ...BASE, ...BYOC, RELAY_SF_QUEUE_MAP: '00G5g000004XyZa=a,00G5g000004XyZa=b' },
        'RELAY_SF_QUEUE_MAP',
        /twice/
    );
});

test('RELAY_SF_PUBSUB_URL: the outbound side, as host:port, https only, with Bring Your Own Channel only', () => {
    assert.equal(parse({ ...BASE, ...BYOC }).byoc?.pubSubEndpoint, undefined);
    assert.equal(
        parse({ ...BASE, ...BYOC, RELAY_SF_PUBSUB_URL: 'https://api.pubsub.salesforce.com:7443' }).byoc?.pubSubEndpoint,
        'api.pubsub.salesforce.com:7443'
    );
    assert.equal(
        parse({ ...BASE, ...BYOC, RELAY_SF_PUBSUB_URL: 'https://api.pubsub.salesforce.com/' }).byoc?.pubSubEndpoint,
        'api.pubsub.salesforce.com:443'
    );
    refuses(
        { ...BASE, RELAY_SF_PUBSUB_URL: 'https://api.pubsub.salesforce.com:7443' },
        'RELAY_SF_PUBSUB_URL',
        /needs RELAY_SF_INTERACTION_URL/
    );
    refuses({ ...BASE, ...BYOC, RELAY_SF_PUBSUB_URL: 'http://127.0.0.1:7443' }, 'RELAY_SF_PUBSUB_URL', /must be https/);
    refuses(
        { ...BASE, ...BYOC, RELAY_SF_PUBSUB_URL: 'api.pubsub.salesforce.com:7443' },
        'RELAY_SF_PUBSUB_URL',
        /must be https|must be a URL/
    );
    refuses(
        { ...BASE, ...BYOC, RELAY_SF_PUBSUB_URL: 'https://api.pubsub.salesforce.com:7443/eventbus' },
        'RELAY_SF_PUBSUB_URL',
        /without a path/
    );
});

test("RELAY_SF_CONSENT_STATUS: the channel's consent status, one of the spec's ConsentEnum values but OptedOut", () => {
    assert.equal(parse({ ...BASE, ...BYOC }).byoc?.consentStatus, undefined, 'absent: ImplicitlyOptedIn is sent');
    for (const value of ['ImplicitlyOptedIn', 'ExplicitlyOptedIn', 'DoublyOptedIn']) {
        assert.equal(parse({ ...BASE, ...BYOC, RELAY_SF_CONSENT_STATUS: value }).byoc?.consentStatus, value);
    }
    refuses({ ...BASE, ...BYOC, RELAY_SF_CONSENT_STATUS: 'OptedOut' }, 'RELAY_SF_CONSENT_STATUS', /opt every customer/);
    refuses(
        { ...BASE, ...BYOC, RELAY_SF_CONSENT_STATUS: 'ExplicityOptedIn' },
        'RELAY_SF_CONSENT_STATUS',
        /ExplicitlyOptedIn/
    );
    refuses({ ...BASE, ...BYOC, RELAY_SF_CONSENT_STATUS: 'yes' }, 'RELAY_SF_CONSENT_STATUS', /ConsentEnum/);
    refuses(
        { ...BASE, RELAY_SF_CONSENT_STATUS: 'ExplicitlyOptedIn' },
        'RELAY_SF_CONSENT_STATUS',
        /needs RELAY_SF_INTERACTION_URL/
    );
});
