// The Apex benchmark: the wall time of Relay's whole Apex test suite in the local org (loading the project,
// parsing every class, then every test method), median of several runs in this process. Goal: under 60 s.
import path from 'node:path';
import { LocalOrg } from '../local-org/src/org/org';
import { runTests } from '../local-org/src/testRunner';

export interface ApexBenchLine {
    name: 'apex tests';
    wall_ms: number;
    load_ms: number;
    run_ms: number;
    tests: number;
    passed: number;
    goal_ms: number;
    samples_ms: number[];
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1];

export function benchApexTests(runs: number): ApexBenchLine {
    const root = path.join(__dirname, '..');
    const samples: { load: number; run: number; tests: number; passed: number }[] = [];
    for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const org = LocalOrg.load(root);
        const loaded = performance.now();
        const results = runTests(org);
        const done = performance.now();
        samples.push({
            load: loaded - started,
            run: done - loaded,
            tests: results.length,
            passed: results.filter((r) => r.passed).length
        });
    }
    const walls = samples.map((s) => Math.round(s.load + s.run));
    const middle = samples[walls.indexOf(median(walls))];
    return {
        name: 'apex tests',
        wall_ms: median(walls),
        load_ms: Math.round(middle.load),
        run_ms: Math.round(middle.run),
        tests: middle.tests,
        passed: middle.passed,
        goal_ms: 60_000,
        samples_ms: walls
    };
}
