// The connector started against the simulator and a stand-in org, in this process (tests of the Genesys side).
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import pino, { type Logger } from 'pino';
import type { Clock } from '../../src/clock';
import { parseConfig, type ConnectorConfig } from '../../src/config';
import type { GenesysTuning } from '../../src/genesys/source';
import { startConnector, type Connector, type ConnectorOptions } from '../../src/service';
import { connectorEnv, type FakeSalesforce, type Received } from './salesforce';
import { genesysEnv, type Sim } from './simulator';

export interface Started {
    connector: Connector;
    config: ConnectorConfig;
}

export async function start(
    t: TestContext,
    sim: Sim,
    sf: FakeSalesforce,
    options: {
        clock?: Clock;
        env?: Record<string, string>;
        tuning?: GenesysTuning;
        edit?: (config: ConnectorConfig) => void;
        /** Default: silent (or RELAY_TEST_LOG's level). */
        log?: Logger;
        /** More of startConnector's options (e.g. pubSubRejectUnauthorizedSsl). */
        connector?: Partial<ConnectorOptions>;
    } = {}
): Promise<Started> {
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-genesys-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const env = { ...connectorEnv(sf, `sqlite:${join(dir, 'outbox.db')}`), ...genesysEnv(sim), ...options.env };
    const config = parseConfig(new Map(Object.entries(env)));
    options.edit?.(config);
    const connector = await startConnector(config, {
        ...options.connector,
        log: options.log ?? pino({ level: process.env.RELAY_TEST_LOG ?? 'silent' }),
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        genesys: options.tuning ?? {}
    });
    t.after(() => connector.close());
    return { connector, config };
}

/** The next `name` event of `emitter` that `accept` takes (listening starts now). */
export async function next<T>(
    emitter: EventEmitter,
    name: string,
    accept: (value: T) => boolean = () => true
): Promise<T> {
    for (;;) {
        const [value] = (await once(emitter, name)) as [T];
        if (accept(value)) return value;
    }
}

export const genesysOf = (connector: Connector): EventEmitter => {
    if (connector.genesys === undefined) throw new Error('no Genesys side');
    return connector.genesys;
};

export const ofType = (sf: FakeSalesforce, type: string): Received[] => sf.accepted.filter((r) => r.type === type);

/** Yields to I/O until `condition` holds (what another process, the simulator's socket end, does next). */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
    for (let turns = 0; !condition(); turns++) {
        if (turns > 200_000) throw new Error(`never: ${what}`);
        await new Promise<void>((resolve) => setImmediate(resolve));
    }
}

/** Starts the connector and waits for its first reconciliation (channels up, nothing to catch up). */
export async function startReady(
    t: TestContext,
    sim: Sim,
    sf: FakeSalesforce,
    options: Parameters<typeof start>[3] = {}
) {
    const started = start(t, sim, sf, options);
    const { connector } = await started;
    const genesys = genesysOf(connector);
    const channels = connector.genesys?.channels.channelCount ?? 0;
    const status = connector.genesys?.status();
    if (status?.lastReconcile === null || status?.channels.some((c) => !c.connected)) {
        // Every channel connects and each connection reconciles; wait for the last one.
        await new Promise<void>((resolve) => {
            const check = (): void => {
                const s = connector.genesys?.status();
                if (s !== undefined && s.lastReconcile !== null && s.channels.every((c) => c.connected)) {
                    genesys.off('reconciled', check);
                    resolve();
                }
            };
            genesys.on('reconciled', check);
        });
    }
    assert.equal(sim.notifications.channels().filter((c) => c.connected).length, channels);
    return started;
}
