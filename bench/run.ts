// The inbox benchmark: Relay's inbox list against lightning-datatable showing the same rows, in one run.
//   npx tsx bench/run.ts [--runs=5] [--first-rows=5000] [--update-rows=10000] [--mode=production|development]
// Prints one JSON object per line on stdout: {"name", "relay_ms", "baseline_ms", "ratio", ...}, where
// ratio = relay_ms / baseline_ms (below 1: Relay is faster) and each figure is the median of --runs samples.
// Then the local org's Apex suite ({"name": "apex tests", "wall_ms", ...}, bench/apex.ts), the console's start, and
// the Relay Connector on SQLite and PostgreSQL (bench/connector.ts).
// Progress goes to stderr. The Relay side is the product's c/relayDigitalInbox ("subject": "relayDigitalInbox"),
// its Apex and empApi answered in the page (bench/page/runtime); see bench/README.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { benchApexTests } from './apex';
import { benchConsoleStart } from './consoleStart';
import { buildBench } from './build';
import { startBenchServer } from './server';
import type { BenchApi, Sample, SubjectName } from './page/protocol';

const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

type BenchWindow = Window & { __bench?: BenchApi };

interface Options {
    runs: number;
    firstRows: number;
    updateRows: number;
    mode: 'production' | 'development';
}

function parseOptions(argv: string[]): Options {
    const options: Options = { runs: 5, firstRows: 5000, updateRows: 10000, mode: 'production' };
    for (const arg of argv) {
        const [key, value = ''] = arg.replace(/^--/, '').split('=');
        const count = Number(value);
        if (key === 'mode' && (value === 'production' || value === 'development')) options.mode = value;
        else if (key === 'runs' && Number.isInteger(count) && count > 0) options.runs = count;
        else if (key === 'first-rows' && Number.isInteger(count) && count > 0) options.firstRows = count;
        else if (key === 'update-rows' && Number.isInteger(count) && count > 0) options.updateRows = count;
        else throw new Error(`Unknown or invalid option ${arg}; see the comment at the top of bench/run.ts`);
    }
    return options;
}

const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (ms: number): number => Math.round(ms * 10) / 10;
const log = (message: string): void => void process.stderr.write(`bench: ${message}\n`);

async function openPage(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await page.waitForFunction(() => (window as BenchWindow).__bench?.ready === true);
}

const mount = (page: Page, subject: SubjectName, rows: number): Promise<Sample> =>
    page.evaluate(([s, n]) => (window as BenchWindow).__bench!.mount(s, n), [subject, rows] as const);
const update = (page: Page, index: number): Promise<Sample> =>
    page.evaluate((i) => (window as BenchWindow).__bench!.update(i), index);

type Samples = Record<SubjectName, Sample[]>;

/** First render: a fresh page for every sample, subjects alternating so drift hits both alike. */
async function firstRender(page: Page, url: string, options: Options): Promise<Samples> {
    const samples: Samples = { relay: [], baseline: [] };
    for (let run = 0; run < options.runs; run++) {
        const order: SubjectName[] = run % 2 === 0 ? ['relay', 'baseline'] : ['baseline', 'relay'];
        for (const subject of order) {
            await openPage(page, url);
            const sample = await mount(page, subject, options.firstRows);
            samples[subject].push(sample);
            log(`first render ${options.firstRows} rows, ${subject}, run ${run + 1}: ${round(sample.ms)} ms`);
        }
    }
    return samples;
}

/** One new message at a time into an inbox of updateRows interactions, after one warm-up message. */
async function newMessage(page: Page, url: string, options: Options): Promise<Samples> {
    const samples: Samples = { relay: [], baseline: [] };
    for (const subject of ['relay', 'baseline'] as SubjectName[]) {
        await openPage(page, url);
        const mounted = await mount(page, subject, options.updateRows);
        log(`mounted ${options.updateRows} rows in ${subject}: ${round(mounted.ms)} ms`);
        await update(page, 0);
        for (let run = 1; run <= options.runs; run++) {
            const sample = await update(page, run);
            samples[subject].push(sample);
            log(`new message at ${options.updateRows} rows, ${subject}, run ${run}: ${round(sample.ms)} ms`);
        }
    }
    return samples;
}

type Relay = BenchApi['relay'];

function line(name: string, rows: number, samples: Samples, options: Options, relaySide: Relay): string {
    const relay = median(samples.relay.map((s) => s.ms));
    const baseline = median(samples.baseline.map((s) => s.ms));
    return JSON.stringify({
        name,
        relay_ms: round(relay),
        baseline_ms: round(baseline),
        ratio: Number((relay / baseline).toPrecision(3)),
        subject: relaySide.subject,
        relay_component: relaySide.component,
        baseline_component: 'lightning-datatable (default render mode), same rows in the same order',
        rows,
        runs: options.runs,
        statistic: 'median',
        ratio_is: 'relay_ms / baseline_ms',
        baseline_over_relay: Math.round((baseline / relay) * 10) / 10,
        timed_from: 'a change made at the start of a frame (in a requestAnimationFrame callback)',
        timed_until: 'rows in the DOM and the frame showing them produced',
        relay_dom_ms: round(median(samples.relay.map((s) => s.domMs))),
        baseline_dom_ms: round(median(samples.baseline.map((s) => s.domMs))),
        relay_in_start_frame: `${samples.relay.filter((s) => s.inStartFrame).length}/${samples.relay.length}`,
        relay_samples_ms: samples.relay.map((s) => round(s.ms)),
        baseline_samples_ms: samples.baseline.map((s) => round(s.ms)),
        lwc_mode: options.mode
    });
}

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    const built = await buildBench({ mode: options.mode });
    built.warnings.forEach((w) => log(`build warning: ${w}`));
    log(`built the page in ${(built.ms / 1000).toFixed(1)} s (LWC ${options.mode} mode)`);

    const server = await startBenchServer();
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-bench-'));
    try {
        const context = await chromium.launchPersistentContext(userDataDir, {
            executablePath: '/usr/bin/chromium',
            headless: true,
            args: CHROMIUM_ARGS,
            viewport: { width: 1280, height: 800 }
        });
        try {
            const page = context.pages()[0] ?? (await context.newPage());
            page.on('pageerror', (error) => log(`page error: ${error.message}`));
            page.setDefaultTimeout(600_000);
            await openPage(page, server.url);
            const relaySide = await page.evaluate(() => (window as BenchWindow).__bench!.relay);
            const first = await firstRender(page, server.url, options);
            const firstName = `inbox first-render ${options.firstRows} rows`;
            console.log(line(firstName, options.firstRows, first, options, relaySide));
            const updated = await newMessage(page, server.url, options);
            const updateName = `inbox update: one new message at ${options.updateRows} rows`;
            console.log(line(updateName, options.updateRows, updated, options, relaySide));
        } finally {
            await context.close();
        }
    } finally {
        await server.close();
        fs.rmSync(userDataDir, { recursive: true, force: true });
    }
    log('running the Apex test suite in the local org');
    console.log(JSON.stringify(benchApexTests(Math.min(options.runs, 3))));
    log('starting the local console cold, then warm');
    console.log(JSON.stringify(await benchConsoleStart()));
    benchConnector();
}

/**
 * The Relay Connector's figures (bench/connector.ts prints its own JSON lines): on SQLite, and on PostgreSQL where
 * Debian's postgresql is installed (scripts/install-system-deps.sh), each in its own process.
 */
function benchConnector(): void {
    const stores = ['sqlite'];
    if (fs.existsSync('/usr/lib/postgresql')) stores.push('postgres');
    for (const store of stores) {
        log(`the connector on ${store}`);
        const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'connector.ts'), store], {
            stdio: ['ignore', 'inherit', 'inherit']
        });
        if (run.status !== 0) throw new Error(`bench/connector.ts ${store} exited with ${run.status}`);
    }
}

if (require.main === module) {
    main().catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
    });
}
