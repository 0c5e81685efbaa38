// `npm run connector -- --config FILE`: settings from the file, overridden by the environment; errors name the setting.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, SETTINGS, loadConfig } from '../src/config';
import { runCli } from './helpers/process';

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
    RELAY_SF_SIGNING_SECRET: 'a'.repeat(64)
};

function withFile(t: { after(fn: () => void): void }, content: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-config-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'connector.json');
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
        [{ RELAY_SF_SIGNING_SECRET: 'short' }, 'RELAY_SF_SIGNING_SECRET', /32 characters/],
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
    assert.equal(shown.RELAY_SF_SIGNING_SECRET, '<hidden>');
    assert.equal(shown.RELAY_STORE, 'postgres://relay:<hidden>@db.internal:5432/relay');
    assert.ok(!check.out.includes('pg-password') && !check.out.includes('consumer-secret'));
});
