// `npm run simulator -- --port 9393`: the contact-centre simulator on 127.0.0.1 with real time.
import { parseArgs } from 'node:util';
import { clientFromEnv } from './auth';
import { SEED_IDS, DEMO_AGENT_PASSWORD, demoSeed } from './seed';
import { createSimulator } from './server';

const USAGE = `Usage: npm run simulator -- [--port 9393] [--no-demo-conversations] [--quiet]

Environment:
  RELAY_SIM_CLIENT_ID / RELAY_SIM_CLIENT_SECRET   OAuth client (default relay-local / relay-local-secret)`;

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            port: { type: 'string', default: '9393' },
            'no-demo-conversations': { type: 'boolean', default: false },
            quiet: { type: 'boolean', default: false },
            help: { type: 'boolean', default: false }
        }
    });
    if (values.help) {
        console.log(USAGE);
        return;
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`--port must be 0-65535, got ${values.port}`);
    const client = clientFromEnv();
    const simulator = await createSimulator({
        port,
        clients: [client],
        seed: demoSeed({ conversations: !values['no-demo-conversations'] }),
        log: values.quiet
            ? undefined
            : (e) =>
                  console.log(`${e.method} ${e.url} -> ${e.status}${e.operation ? ` (${e.operation})` : ''} ${e.ms}ms`)
    });
    console.log(`Relay contact-centre simulator listening on ${simulator.url}`);
    console.log(`  API:          ${simulator.url}/api/v2/...   token: POST ${simulator.url}/oauth/token`);
    console.log(`  OAuth client: ${client.clientId} / ${client.clientSecret} (client credentials act as Alex Rivera)`);
    console.log(`  Agents:       alex.rivera@relay.example, blake.chen@relay.example, casey.morgan@relay.example`);
    console.log(`                password grant password: ${DEMO_AGENT_PASSWORD}`);
    console.log(`  Control API:  ${simulator.url}/__sim/state   events (SSE): ${simulator.url}/__sim/events`);
    console.log(
        `  Queues:       Support ${SEED_IDS.queues.support}, Billing ${SEED_IDS.queues.billing}, Sales ${SEED_IDS.queues.sales}`
    );
    const stop = (): void => {
        void simulator.close().then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(1);
});
