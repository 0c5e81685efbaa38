// Check 1: the Apex generated from contract/genesys-cloud.contract.json is in sync with it. The generator owns
// the comparison (`--check`); this only runs it, in parallel with the rest of the gate.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const GENERATOR = 'scripts/contract/generate-apex.mjs';
export const GENERATED_CLASS = 'force-app/main/default/classes/genesys/RelayGenesysContract.cls';
const CONTRACT = 'contract/genesys-cloud.contract.json';
const TIMEOUT_MS = 30_000;

/** @returns {Promise<{ problems: object[], notes: string[] }>} */
export function checkGeneratedContract(root) {
    const generator = path.join(root, GENERATOR);
    if (!existsSync(generator)) {
        if (existsSync(path.join(root, GENERATED_CLASS))) {
            return Promise.resolve({
                problems: [
                    {
                        file: GENERATED_CLASS,
                        line: 1,
                        col: 1,
                        message: `contract generator missing: ${GENERATOR} must exist to keep this class in sync with ${CONTRACT}`
                    }
                ],
                notes: []
            });
        }
        return Promise.resolve({
            problems: [],
            notes: [`request contract: skipped, neither ${GENERATOR} nor ${GENERATED_CLASS} exists yet`]
        });
    }
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [generator, '--check'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
        const finish = (outcome) => {
            clearTimeout(timer);
            if (outcome === 0) {
                resolve({ problems: [], notes: [`request contract: in sync (${GENERATOR} --check)`] });
                return;
            }
            const details = output
                .trim()
                .split('\n')
                .filter((l) => l.trim() !== '')
                .map((l) => `    ${l}`);
            resolve({
                problems: [
                    {
                        file: CONTRACT,
                        line: 1,
                        col: 1,
                        message:
                            `the generated Apex is out of sync with the request contract (${GENERATOR} --check ${outcome}); ` +
                            `run \`npm run contract:apex\`${details.length ? `\n${details.join('\n')}` : ''}`
                    }
                ],
                notes: []
            });
        };
        child.on('error', (error) => finish(`failed to start: ${error.message}`));
        child.on('close', (code, signal) => finish(code === 0 ? 0 : `exited with ${signal ?? code}`));
    });
}
