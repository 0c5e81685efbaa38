// `npm run connector -- --config FILE`: the Relay Connector with real time. SIGTERM/SIGINT stop it gracefully.
import { parseArgs } from 'node:util';
import { ConfigError, describeConfig, helpText, parseConfig, readSettings } from './config';
import { startConnector } from './service';

async function main(): Promise<number> {
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
