// The local console's Relay Connector: the same service a real deployment runs beside Genesys Cloud
// (connector/), pointed at the simulator's notifications API and at this console's org. Events reach the org only
// through it, as in production: the simulator posts nothing itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../../connector/src/config';
import { generateSigningKey, signingKeyRecordXml } from '../../connector/src/salesforce/signing';
import { startConnector, type Connector } from '../../connector/src/service';

export interface ConsoleSigningKey {
    dir: string;
    keyId: string;
    /** The private key (PKCS #8 PEM), read only by the connector. */
    keyFile: string;
    /** customMetadata/Relay_Event_Signing_Key.<keyId>.md-meta.xml with the public key, deployed into the org. */
    recordFile: string;
}

/** A new key pair for one console run, written as the connector and the admin would keep it. */
export function createConsoleSigningKey(): ConsoleSigningKey {
    const dir = mkdtempSync(join(tmpdir(), 'relay-console-key-'));
    const keyId = 'Local_Console';
    const key = generateSigningKey();
    const keyFile = join(dir, 'relay-signing-key.pem');
    writeFileSync(keyFile, key.privateKeyPem, { mode: 0o600 });
    const recordFile = join(dir, `Relay_Event_Signing_Key.${keyId}.md-meta.xml`);
    writeFileSync(recordFile, signingKeyRecordXml(keyId, key.publicKeyBase64, 'ECDSA-SHA256'));
    return { dir, keyId, keyFile, recordFile };
}

export interface ConsoleConnectorOptions {
    /** The simulator's base URL (its API and its login endpoint). */
    genesysUrl: string;
    genesysClient: { id: string; secret: string };
    queueIds: string[];
    userIds: string[];
    /** The console's base URL: its /services/oauth2/token and /services/apexrest. */
    orgUrl: string;
    orgId: string;
    salesforceClient: { id: string; secret: string };
    signingKey: ConsoleSigningKey;
    /** More settings (Bring Your Own Channel's RELAY_SF_*, preview/server/byoc.ts). */
    extraSettings?: Record<string, string>;
    log: (line: string) => void;
}

export interface ConsoleConnector {
    readonly connector: Connector;
    /** Resolves once the connector listens to every topic and has read back what was already there. */
    readonly ready: Promise<void>;
    /**
     * Resolves once the connector has seen each of these conversations and Salesforce has acknowledged every event
     * it derived so far (the demo's waiting customers are in the org before the console opens).
     */
    settled(conversationIds: readonly string[], timeoutMs?: number): Promise<void>;
    close(): Promise<void>;
}

export async function startConsoleConnector(options: ConsoleConnectorOptions): Promise<ConsoleConnector> {
    // A fresh outbox per console: the console's contact centre and org start empty too.
    const dir = mkdtempSync(join(tmpdir(), 'relay-console-connector-'));
    const config = parseConfig(
        new Map(
            Object.entries({
                RELAY_GENESYS_API_URL: options.genesysUrl,
                RELAY_GENESYS_LOGIN_URL: options.genesysUrl,
                RELAY_GENESYS_CLIENT_ID: options.genesysClient.id,
                RELAY_GENESYS_CLIENT_SECRET: options.genesysClient.secret,
                RELAY_GENESYS_QUEUE_IDS: options.queueIds.join(','),
                RELAY_GENESYS_USER_IDS: options.userIds.join(','),
                RELAY_SF_TOKEN_URL: `${options.orgUrl}/services/oauth2/token`,
                RELAY_SF_CLIENT_ID: options.salesforceClient.id,
                RELAY_SF_CLIENT_SECRET: options.salesforceClient.secret,
                RELAY_SF_INSTANCE_URL: options.orgUrl,
                RELAY_SF_ORG_ID: options.orgId,
                RELAY_SF_SIGNING_KEY_FILE: options.signingKey.keyFile,
                RELAY_SF_SIGNING_KEY_ID: options.signingKey.keyId,
                RELAY_STORE: `sqlite:${join(dir, 'outbox.db')}`,
                RELAY_PORT: '0',
                RELAY_INSTANCE_ID: 'local-console',
                // Nothing else shares this outbox, and a retry should not leave a demo waiting for seconds.
                RELAY_POLL_MS: '200',
                RELAY_RETRY_BASE_MS: '100',
                RELAY_RETRY_MAX_MS: '2000',
                RELAY_LOG_LEVEL: 'warn',
                ...options.extraSettings
            })
        )
    );
    const destination = {
        write: (line: string): void => {
            const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
            options.log(`connector: ${entry.msg ?? line}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
        }
    };
    const connector = await startConnector(config, {
        log: pino({ level: config.logLevel }, destination),
        // The console's Pub/Sub API has a self-signed certificate (local-org/src/pubsub/server.ts).
        ...(config.byoc?.pubSubEndpoint === undefined ? {} : { pubSubRejectUnauthorizedSsl: false })
    });
    const genesys = connector.genesys;
    const ready =
        genesys === undefined
            ? Promise.resolve()
            : genesys.status().lastReconcile !== null
              ? Promise.resolve()
              : new Promise<void>((resolve) => genesys.once('reconciled', () => resolve()));
    const settled = async (conversationIds: readonly string[], timeoutMs = 30_000): Promise<void> => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const seen = new Set((await connector.store.openConversations(0, 10_000)).map((c) => c.conversationId));
            const stats = await connector.store.stats(Date.now());
            if (conversationIds.every((id) => seen.has(id)) && stats.pending === 0) return;
            if (Date.now() > deadline) {
                throw new Error(
                    `connector: ${conversationIds.filter((id) => !seen.has(id)).length} conversation(s) not seen and ` +
                        `${stats.pending} event(s) undelivered after ${timeoutMs} ms (see the log above)`
                );
            }
            // The outbox is a database, not an event source: look again shortly.
            await new Promise((resolve) => setTimeout(resolve, 50));
        }
    };
    return {
        connector,
        ready,
        settled,
        async close() {
            await connector.close();
            rmSync(dir, { recursive: true, force: true });
            rmSync(options.signingKey.dir, { recursive: true, force: true });
        }
    };
}
