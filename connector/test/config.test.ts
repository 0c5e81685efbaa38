// `npm run connector -- --config FILE`: settings from the file, overridden by the environment; errors name the setting.
import assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, SETTINGS, loadConfig } from '../src/config';
import { keySigner } from '../src/salesforce/signing';
import { runCli } from './helpers/process';
import {
    SIGNING_KEY_ID,
    SIGNING_PRIVATE_KEY_PEM,
    SIGNING_PUBLIC_KEY,
    publicKeyOf,
    signingKeyFile
} from './helpers/salesforce';

const VALID: Record<string, string> = {
    RELAY_GENESYS_API_URL: 'https://api.mypurecloud.ie',
    RELAY_GENESYS_LOGIN_URL: 'https://login.mypurecloud.ie',
    RELAY_GENESYS_CLIENT_ID: 'genesys-client',
    RELAY_GENESYS_CLIENT_SECRET: 'genesys-secret',
    RELAY_GENESYS_QUEUE_IDS: 'q-support, q-billing',
    RELAY_SF_TOKEN_URL: 'https://relay.my.salesforce.com/services/oauth2/token',
    RELAY_SF_CLIENT_ID: 'consumer-key',
    RELAY_SF_CLIENT_SECRET: 'consumer-secret',
    RELAY_SF_INSTANCE_URL: 'https://relay.my.salesforce.com',
    RELAY_SF_ORG_ID: '00D5g000000AbCdEAK',
    RELAY_SF_SIGNING_KEY_FILE: signingKeyFile(),
    RELAY_SF_SIGNING_KEY_ID: SIGNING_KEY_ID
};

function withFile(t: { after(fn: () => void): void }, content: unknown, name = 'connector.json'): string {
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-config-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
}

test('--help lists every setting', async () => {
    const { code, out } = await runCli(['--help'], {});
    assert.equal(code, 0);
    for (const s of SETTINGS) assert.match(out, new RegExp(`^  ${s.name} `, 'm'), s.name);
    assert.match(out, /--config FILE/);
});

test('the file gives the settings and the environment overrides it', (t) => {
    const file = withFile(t, { ...VALID, RELAY_PORT: 9999, RELAY_STORE: 'sqlite:/var/lib/relay/outbox.db' });
    const config = loadConfig(file, { RELAY_PORT: '9000', RELAY_GENESYS_USER_IDS: 'u-1,u-2', HOME: '/root' });
    assert.equal(config.port, 9000);
    assert.deepEqual(config.genesys.queueIds, ['q-support', 'q-billing']);
    assert.deepEqual(config.genesys.userIds, ['u-1', 'u-2']);
    assert.deepEqual(config.store, { kind: 'sqlite', location: '/var/lib/relay/outbox.db' });
    assert.equal(config.salesforce.eventsPath, '/services/apexrest/relay/v1/events');
    const pg = loadConfig(file, { RELAY_STORE: 'postgres://relay@db.internal:5432/relay' });
    assert.equal(pg.store.kind, 'postgres');
});

test('a bad or missing setting is refused with its name', (t) => {
    const cases: [Record<string, string>, string, RegExp][] = [
        [{ RELAY_SF_ORG_ID: '' }, 'RELAY_SF_ORG_ID', /required/],
        [{ RELAY_SF_INSTANCE_URL: 'http://relay.my.salesforce.com' }, 'RELAY_SF_INSTANCE_URL', /https/],
        [{ RELAY_SF_SIGNING_KEY_ID: 'Relay__Key' }, 'RELAY_SF_SIGNING_KEY_ID', /API name/],
        [{ RELAY_PORT: '70000' }, 'RELAY_PORT', /0 to 65535/],
        [{ RELAY_GENESYS_QUEUE_IDS: ' , ' }, 'RELAY_GENESYS_QUEUE_IDS', /at least one queue/],
        [{ RELAY_STORE: 'mysql://x' }, 'RELAY_STORE', /sqlite:<file> or a postgres/],
        [{ RELAY_SF_ORG_ID: '005000000000001' }, 'RELAY_SF_ORG_ID', /org id/],
        [{ RELAY_LEASE_MS: '5000', RELAY_HTTP_TIMEOUT_MS: '5000' }, 'RELAY_HTTP_TIMEOUT_MS', /below RELAY_LEASE_MS/]
    ];
    for (const [change, setting, message] of cases) {
        assert.throws(
            () => loadConfig(undefined, { ...VALID, ...change }),
            (error: unknown) =>
                error instanceof ConfigError && error.setting === setting && message.test(error.message),
            setting
        );
    }
    const typo = withFile(t, { ...VALID, RELAY_SF_ORGID: 'x' });
    assert.throws(() => loadConfig(typo, {}), /RELAY_SF_ORGID: unknown setting/);
});

test('the command line reports a bad setting and exits 2; --check prints the settings without secrets', async (t) => {
    const file = withFile(t, VALID);
    const bad = await runCli(['--config', file], { RELAY_SF_INSTANCE_URL: 'not a url' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /bad configuration: RELAY_SF_INSTANCE_URL: must be a URL/);
    const check = await runCli(['--config', file, '--check'], {
        RELAY_STORE: 'postgres://relay:pg-password@db.internal:5432/relay'
    });
    assert.equal(check.code, 0);
    const shown = JSON.parse(check.out) as Record<string, string>;
    assert.equal(shown.RELAY_SF_CLIENT_SECRET, '<hidden>');
    assert.equal(shown.RELAY_SF_SIGNING_KEY_FILE, signingKeyFile(), 'the path, never the key');
    assert.equal(shown.RELAY_STORE, 'postgres://relay:<hidden>@db.internal:5432/relay');
    assert.ok(!check.out.includes('pg-password') && !check.out.includes('consumer-secret'));
    assert.ok(!check.out.includes('PRIVATE KEY') && !check.out.includes(SIGNING_PRIVATE_KEY_PEM.split('\n')[1] ?? '-'));
});

test('the signing key is read and checked at start: a missing, unreadable or unusable key file is a clear error', (t) => {
    const { privateKey: ed25519 } = generateKeyPairSync('ed25519');
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const cases: [Record<string, string>, RegExp][] = [
        [{ RELAY_SF_SIGNING_KEY_FILE: '' }, /is required/],
        [{ RELAY_SF_SIGNING_KEY_FILE: join(tmpdir(), 'relay-no-such-dir', 'key.pem') }, /does not exist.*keygen --out/],
        [{ RELAY_SF_SIGNING_KEY_FILE: tmpdir() }, /cannot be read/],
        [
            { RELAY_SF_SIGNING_KEY_FILE: withFile(t, publicKey.export({ format: 'pem', type: 'spki' }), 'pub.pem') },
            /no PEM private key/
        ],
        [
            {
                RELAY_SF_SIGNING_KEY_FILE: withFile(
                    t,
                    '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n',
                    'junk.pem'
                )
            },
            /not a PEM private key/
        ],
        [
            { RELAY_SF_SIGNING_KEY_FILE: withFile(t, ed25519.export({ format: 'pem', type: 'pkcs8' }), 'ed.pem') },
            /ed25519 key cannot be used/
        ]
    ];
    for (const [change, message] of cases) {
        assert.throws(
            () => loadConfig(undefined, { ...VALID, ...change }),
            (error: unknown) =>
                error instanceof ConfigError &&
                error.setting === 'RELAY_SF_SIGNING_KEY_FILE' &&
                message.test(error.message),
            String(message)
        );
    }
    const config = loadConfig(undefined, VALID);
    assert.equal(config.salesforce.signingKeyPem, SIGNING_PRIVATE_KEY_PEM);
    assert.equal(config.salesforce.signingKeyId, SIGNING_KEY_ID);
    assert.equal(config.salesforce.signingAlgorithm, 'ECDSA-SHA256');
});

test('keygen writes a private key only its owner can read, and prints the public key and the record to deploy', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-keygen-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'signing-key.pem');
    const made = await runCli(['keygen', '--out', file, '--key-id', 'Relay_Connector_2027'], {});
    assert.equal(made.code, 0, made.err);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const publicKey = /Public key \(Public_Key__c\): (\S+)/.exec(made.out)?.[1] ?? '';
    assert.match(made.out, /Relay_Event_Signing_Key\.Relay_Connector_2027\.md-meta\.xml/);
    assert.match(made.out, /<field>Algorithm__c<\/field>\s*<value xsi:type="xsd:string">ECDSA-SHA256<\/value>/);
    assert.ok(made.out.includes(`<value xsi:type="xsd:string">${publicKey}</value>`));
    assert.ok(!made.out.includes('PRIVATE KEY'), 'the private key is never printed');

    // The key works: the connector accepts it, and what it signs verifies with the printed public key.
    const config = loadConfig(undefined, {
        ...VALID,
        RELAY_SF_SIGNING_KEY_FILE: file,
        RELAY_SF_SIGNING_KEY_ID: 'Relay_Connector_2027'
    });
    const headers = keySigner(config.salesforce.signingKeyPem, config.salesforce.signingKeyId)(
        '{"a":1}',
        1795000000_000
    );
    assert.equal(headers['X-Relay-Key-Id'], 'Relay_Connector_2027');
    const data = Buffer.from('1795000000.{"a":1}', 'utf8');
    const signature = Buffer.from(headers['X-Relay-Signature'] ?? '', 'base64');
    assert.ok(verify('sha256', data, publicKeyOf(publicKey), signature));
    assert.ok(!verify('sha256', data, publicKeyOf(SIGNING_PUBLIC_KEY), signature), 'a new key, not the test key');

    const again = await runCli(['keygen', '--out', file], {});
    assert.equal(again.code, 1, 'an existing key is never overwritten');
    assert.match(again.err, /cannot write/);
    assert.equal(readFileSync(file, 'utf8'), config.salesforce.signingKeyPem);
    const badId = await runCli(['keygen', '--out', join(dir, 'other.pem'), '--key-id', 'not-a-name'], {});
    assert.equal(badId.code, 2);
    assert.match(badId.err, /--key-id must be a record API name/);
});
