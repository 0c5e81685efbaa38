// A throwaway PostgreSQL cluster for a test: initdb + pg_ctl from Debian's postgresql package, in a temp dir,
// on 127.0.0.1 and a free port, as the `postgres` user when the tests run as root (PostgreSQL refuses root).
// Stopped (immediate mode) and deleted by t.after.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A test (t.after) or a suite ({ after } from node:test): where the cluster's stop is registered. */
export interface Cleanup {
    after(fn: () => unknown): void;
}

export interface PostgresCluster {
    url: string;
    stop(): Promise<void>;
}

function binDir(): string {
    const root = '/usr/lib/postgresql';
    const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
    const found = versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'initdb')));
    if (found === undefined) {
        throw new Error('PostgreSQL is not installed: run `bash scripts/install-system-deps.sh` (Debian postgresql)');
    }
    return found;
}

async function freePort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
}

export async function startPostgres(t: Cleanup): Promise<PostgresCluster> {
    const bin = binDir();
    const dir = mkdtempSync(join(tmpdir(), 'relay-connector-pg-'));
    const asRoot = process.getuid?.() === 0;
    const as = async (command: string, args: string[]): Promise<void> => {
        if (asRoot) await run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]);
        else await run(join(bin, command), args);
    };
    if (asRoot) {
        const { stdout } = await run('id', ['-u', 'postgres']);
        const { stdout: gid } = await run('id', ['-g', 'postgres']);
        chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    chmodSync(dir, 0o700);
    const data = join(dir, 'data');
    await as('initdb', ['-D', data, '-A', 'trust', '-U', 'relay', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    const port = await freePort();
    let running = false;
    const stop = async (): Promise<void> => {
        if (running) {
            running = false;
            await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
        }
        rmSync(dir, { recursive: true, force: true });
    };
    t.after(stop);
    await as('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'log'),
        '-w',
        '-o',
        `-h 127.0.0.1 -p ${port} -k ${dir} -F -c max_connections=50`,
        'start'
    ]);
    running = true;
    return { url: `postgres://relay@127.0.0.1:${port}/postgres`, stop };
}
