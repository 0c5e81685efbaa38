// Shared plumbing for the verify gates: where the project is, its package directories, a sandboxed
// environment so tools write nothing outside the project, and uniform problem/timing output.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: two levels above scripts/verify/lib, so a copied project verifies itself. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Path relative to the project root with forward slashes, the form every gate prints. */
export const rel = (file) => path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');

/** `text` with every absolute path inside the project rewritten relative to the root (tools print absolute ones). */
export const relPaths = (text) => text.split(`${ROOT}${path.sep}`).join('');

/** The sfdx package directories (absolute), from sfdx-project.json. */
export function packageDirs() {
    const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
    return project.packageDirectories.map((d) => path.resolve(ROOT, d.path));
}

/** Every file under `dir` (absolute paths, sorted), skipping nothing. */
export function walk(dir) {
    if (!fs.existsSync(dir)) return [];
    const out = [];
    const visit = (d) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, entry.name);
            if (entry.isDirectory()) visit(p);
            else out.push(p);
        }
    };
    visit(dir);
    return out.sort();
}

/** Whether a process with this id is running. */
export function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    } catch (error) {
        return error.code === 'EPERM';
    }
}

/**
 * Environment for child tools (and this process) with HOME, TMPDIR and XDG dirs under .tmp/verify/<name>,
 * because sf, @salesforce/core, Code Analyzer and the JVM otherwise write to ~ and /tmp. TMPDIR is per run
 * (gates may run concurrently): it is removed when the run passes, kept for its logs when it fails, and
 * those of runs that are no longer alive are pruned at the next start.
 */
export function sandboxEnv(name) {
    const base = path.join(ROOT, '.tmp', 'verify', name);
    const runs = path.join(base, 'tmp');
    fs.mkdirSync(runs, { recursive: true });
    for (const entry of fs.readdirSync(runs)) {
        const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
        if (pid && pid !== process.pid && !isAlive(pid))
            fs.rmSync(path.join(runs, entry), { recursive: true, force: true });
    }
    const dirs = {
        HOME: path.join(base, 'home'),
        TMPDIR: path.join(runs, `run-${process.pid}`),
        XDG_DATA_HOME: path.join(base, 'home', '.local', 'share'),
        XDG_CACHE_HOME: path.join(base, 'home', '.cache'),
        XDG_CONFIG_HOME: path.join(base, 'home', '.config'),
        XDG_STATE_HOME: path.join(base, 'home', '.local', 'state')
    };
    for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
    process.on('exit', (code) => {
        if (code === 0) fs.rmSync(dirs.TMPDIR, { recursive: true, force: true });
    });
    return {
        base,
        env: {
            ...process.env,
            ...dirs,
            TMP: dirs.TMPDIR,
            TEMP: dirs.TMPDIR,
            SF_DISABLE_TELEMETRY: 'true',
            SFDX_DISABLE_TELEMETRY: 'true',
            SF_AUTOUPDATE_DISABLE: 'true',
            SFDX_AUTOUPDATE_DISABLE: 'true',
            SF_SKIP_NEW_VERSION_CHECK: 'true',
            SF_HIDE_RELEASE_NOTES: 'true',
            SF_USE_PROGRESS_BAR: 'false',
            SF_DISABLE_LOG_FILE: 'true'
        }
    };
}

/** Runs a command to completion, capturing stdout and stderr. Never throws on a non-zero exit. */
export function run(command, args, options = {}) {
    return new Promise((resolve) => {
        const child = spawn(command, args, { cwd: ROOT, ...options, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('error', (error) => resolve({ code: -1, stdout, stderr: `${stderr}${error.message}\n` }));
        child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr }));
    });
}

/** Collects problems and step timings, and prints the closing summary line. */
export class Report {
    constructor(gate) {
        this.gate = gate;
        this.started = Date.now();
        this.failures = 0;
        this.timings = [];
    }

    /** A problem that fails the gate, printed as `path[:line[:col]] message`. */
    problem(location, message) {
        this.failures++;
        console.log(`${location} ${message}`);
    }

    /** Times an async step and prints `[gate] step: N.Ns`. */
    async step(name, fn) {
        const t0 = Date.now();
        try {
            return await fn();
        } finally {
            const seconds = (Date.now() - t0) / 1000;
            this.timings.push({ name, seconds });
            console.log(`[${this.gate}] ${name}: ${seconds.toFixed(1)}s`);
        }
    }

    /** Prints the summary and exits: 0 only when no problem was recorded. */
    finish() {
        const total = ((Date.now() - this.started) / 1000).toFixed(1);
        const verdict = this.failures === 0 ? 'PASS' : `FAIL (${this.failures} problem(s))`;
        console.log(`[${this.gate}] ${verdict} in ${total}s`);
        process.exit(this.failures === 0 ? 0 : 1);
    }
}
