// How long `npm start` takes until the console is served: cold (no bundle on disk: the page is built while the
// local org loads Relay's Apex) and warm (the bundle's inputs are unchanged, so only the org loads). Goals: cold
// under 60 s, warm under 15 s on this machine. Each run is the real `node scripts/start.mjs` on a free port.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

export interface ConsoleStartLine {
    name: 'console start';
    cold_ms: number;
    warm_ms: number;
    goal_cold_ms: number;
    goal_warm_ms: number;
}

/** Runs `npm start` until it prints the console's URL, then stops it; resolves with the time taken. */
function timeStart(): Promise<number> {
    return new Promise((resolve, reject) => {
        const started = performance.now();
        const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs')], {
            cwd: ROOT,
            env: { ...process.env, PORT: '0' },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        let output = '';
        const onData = (chunk: Buffer): void => {
            output += chunk.toString();
            if (output.includes('Relay local console: http')) {
                const ms = Math.round(performance.now() - started);
                child.once('exit', () => resolve(ms));
                child.kill('SIGTERM');
            }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.once('exit', (code) => {
            if (!output.includes('Relay local console: http'))
                reject(new Error(`npm start exited ${code}:\n${output}`));
        });
    });
}

export async function benchConsoleStart(): Promise<ConsoleStartLine> {
    // preview/dist is the build's output (git-ignored): removing it is what a fresh clone has.
    fs.rmSync(path.join(ROOT, 'preview', 'dist'), { recursive: true, force: true });
    const cold = await timeStart();
    const warm = await timeStart();
    return { name: 'console start', cold_ms: cold, warm_ms: warm, goal_cold_ms: 60_000, goal_warm_ms: 15_000 };
}
