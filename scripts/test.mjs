// `npm test`: every gate, in the order that fails fastest and most usefully. Each step is an npm script
// that can also be run on its own. Prints one line per step and a closing "N passed, N failed" line.
import { spawnSync } from 'node:child_process';

const STEPS = [
    'build',
    'typecheck',
    'lint',
    'test:unit',
    'test:scripts',
    'verify:metadata',
    'verify:contract',
    'verify:apex',
    'test:local-org',
    'test:apex:local',
    'verify:gates',
    'test:simulator',
    'test:connector',
    'test:preview',
    'test:browser'
];

const results = [];
for (const step of STEPS) {
    const started = Date.now();
    console.log(`\n=== npm run ${step}`);
    const run = spawnSync('npm', ['run', '--silent', step], { stdio: 'inherit' });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ step, ok: run.status === 0, seconds });
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.step.padEnd(18)} ${r.seconds}s`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
