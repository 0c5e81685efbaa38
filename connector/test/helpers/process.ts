// Runs the connector as its own process, exactly as `npm run connector` does (node --import tsx connector/src/cli.ts),
// reads its JSON log lines, and kills it at the end of the test if it still runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Cleanup } from './salesforce';

export const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'connector', 'src', 'cli.ts');

export interface ConnectorProcess {
    child: ChildProcess;
    /** JSON log lines so far. */
    logs: Record<string, unknown>[];
    stderr: string[];
    /** The /healthz and /metrics base URL, once started. */
    url: Promise<string>;
    exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
    /** Resolves with the first log line so far or to come that `predicate` accepts (rejects if the process exits). */
    waitForLog(predicate: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

export function runCli(
    args: string[],
    env: Record<string, string>
): Promise<{ code: number | null; out: string; err: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

export function startConnectorProcess(t: Cleanup, env: Record<string, string>, configFile?: string): ConnectorProcess {
    const args = configFile === undefined ? [] : ['--config', configFile];
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', RELAY_LOG_LEVEL: 'info', ...env },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    const events = new EventEmitter();
    const logs: Record<string, unknown>[] = [];
    const stderr: string[] = [];
    createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
            const entry = JSON.parse(line) as Record<string, unknown>;
            logs.push(entry);
            events.emit('log', entry);
            if (entry.msg === 'relay connector started') events.emit('started', entry.url);
        } catch {
            stderr.push(line);
        }
    });
    createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal }))
    );
    const url = Promise.race([
        once(events, 'started').then(([u]) => String(u)),
        exited.then((e) => {
            throw new Error(`connector exited before starting (${JSON.stringify(e)}): ${stderr.join('\n')}`);
        })
    ]);
    url.catch(() => undefined);
    const waitForLog = async (predicate: (entry: Record<string, unknown>) => boolean) => {
        const seen = logs.find(predicate);
        if (seen !== undefined) return seen;
        return new Promise<Record<string, unknown>>((resolve, reject) => {
            const onLog = (entry: Record<string, unknown>): void => {
                if (!predicate(entry)) return;
                events.off('log', onLog);
                resolve(entry);
            };
            events.on('log', onLog);
            void exited.then((e) => {
                events.off('log', onLog);
                reject(new Error(`connector exited (${JSON.stringify(e)}) before the log line came`));
            });
        });
    };
    t.after(async () => {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGKILL');
            await exited;
        }
    });
    return { child, logs, stderr, url, exited, waitForLog };
}

/** kill -9: no shutdown code runs. */
export async function killHard(p: ConnectorProcess): Promise<void> {
    p.child.kill('SIGKILL');
    const { signal } = await p.exited;
    if (signal !== 'SIGKILL') throw new Error(`expected SIGKILL, got ${String(signal)}`);
}

/** SIGTERM: graceful stop; resolves with the exit code. */
export async function stopGracefully(p: ConnectorProcess): Promise<number | null> {
    p.child.kill('SIGTERM');
    return (await p.exited).code;
}
