// `npm run connector -- --config FILE`: the Relay Connector with real time. SIGTERM/SIGINT stop it gracefully.
// `npm run connector -- keygen --out FILE [--key-id NAME]`: a new signing key (docs/connector.md, Signing key).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, describeConfig, helpText, parseConfig, readSettings } from './config';
import { generateSigningKey, isDeveloperName, signingKeyRecordXml } from './salesforce/signing';
import { startConnector } from './service';

/**
 * Writes a new P-256 private key to `--out` (mode 0600, never over an existing file) and prints, for the admin, the
 * public key and the Relay_Event_Signing_Key custom metadata record that holds it.
 */
function keygen(argv: string[]): number {
    let args;
    try {
        args = parseArgs({ args: argv, options: { out: { type: 'string' }, 'key-id': { type: 'string' } } }).values;
    } catch (error) {
        console.error(`${(error as Error).message}\n\n${helpText()}`);
        return 2;
    }
    if (args.out === undefined || args.out === '') {
        console.error(`keygen: --out FILE is required (where the private key is written)\n\n${helpText()}`);
        return 2;
    }
    const keyId = args['key-id'] ?? `Relay_Connector_${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
    if (!isDeveloperName(keyId)) {
        console.error(
            `keygen: --key-id must be a record API name: a letter, then letters, digits and single underscores, at most 40 (got "${keyId}")`
        );
        return 2;
    }
    const key = generateSigningKey();
    try {
        // wx: refuse to overwrite a key that may still be in use.
        writeFileSync(args.out, key.privateKeyPem, { mode: 0o600, flag: 'wx' });
    } catch (error) {
        console.error(`keygen: cannot write ${args.out}: ${(error as Error).message}`);
        return 1;
    }
    console.log(
        [
            `Private key written to ${args.out} (mode 0600). Keep it on the connector's host only; never send it anywhere.`,
            '',
            `Key id (RELAY_SF_SIGNING_KEY_ID): ${keyId}`,
            'Algorithm: ECDSA-SHA256',
            `Public key (Public_Key__c): ${key.publicKeyBase64}`,
            '',
            `The record for the org: force-app/main/default/customMetadata/Relay_Event_Signing_Key.${keyId}.md-meta.xml`,
            '(or Setup > Custom Metadata Types > Relay Event Signing Key > Manage Records > New, with the values above):',
            '',
            signingKeyRecordXml(keyId, key.publicKeyBase64, 'ECDSA-SHA256')
        ].join('\n')
    );
    return 0;
}

async function main(): Promise<number> {
    if (process.argv[2] === 'keygen') return keygen(process.argv.slice(3));
    let args;
    try {
        args = parseArgs({
            options: {
                config: { type: 'string' },
                check: { type: 'boolean', default: false },
                help: { type: 'boolean', default: false }
            }
        }).values;
    } catch (error) {
        console.error(`${(error as Error).message}\n\n${helpText()}`);
        return 2;
    }
    if (args.help) {
        console.log(helpText());
        return 0;
    }
    let config;
    let values;
    try {
        values = readSettings(args.config, process.env);
        config = parseConfig(values);
    } catch (error) {
        if (error instanceof ConfigError) {
            console.error(`relay connector: bad configuration: ${error.message}`);
            return 2;
        }
        throw error;
    }
    if (args.check) {
        console.log(JSON.stringify(describeConfig(values), null, 2));
        return 0;
    }
    const connector = await startConnector(config);
    await new Promise<void>((resolve) => {
        const stop = (): void => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            void connector.close().then(resolve, (error: unknown) => {
                console.error(error);
                resolve();
            });
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
    });
    return 0;
}

main().then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        console.error(`relay connector: ${(error as Error).stack ?? String(error)}`);
        process.exitCode = 1;
    }
);
