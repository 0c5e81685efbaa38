// The test runner (Apex Developer Guide, "Testing Apex", "Using Test Setup Methods": records a @TestSetup method
// creates are available to every test method and each test method's changes are rolled back; "Isolation of Test
// Data from Organization Data in Unit Tests"). `npm run apex -- test --project DIR [--class C] [--method M]`
// prints a PASS or FAIL line per test method, then "N passed, N failed", and exits 1 when a test failed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import { runTests } from '../../src/testRunner';
import { FIXTURE, loadOrg } from './helpers';

const REPO = path.resolve(__dirname, '..', '..', '..');

function apexTest(...args: string[]): { status: number | null; stdout: string } {
    const result = spawnSync('npm', ['run', '--silent', 'apex', '--', 'test', '--project', FIXTURE, ...args], {
        cwd: REPO,
        encoding: 'utf8'
    });
    return { status: result.status, stdout: result.stdout };
}

describe('npm run apex -- test', () => {
    test('a passing class: one PASS line per method, "3 passed, 0 failed", exit code 0', () => {
        const { status, stdout } = apexTest('--class', 'RunnerSetup_Test');
        assert.equal(status, 0, stdout);
        assert.match(stdout, /^PASS {2}RunnerSetup_Test\.seesSetupDataAndAddsOne \(\d+ ms\)$/m);
        assert.match(stdout, /^PASS {2}RunnerSetup_Test\.doesNotSeeTheOtherMethodsRecord \(\d+ ms\)$/m);
        assert.match(stdout, /^PASS {2}RunnerSetup_Test\.updatesSetupDataWithoutLeakingIt \(\d+ ms\)$/m);
        assert.match(stdout, /^3 passed, 0 failed$/m);
    });

    test('a failing method: a FAIL line with the exception, its stack and debug output, and exit code 1', () => {
        const { status, stdout } = apexTest('--class', 'RunnerFailing_Test');
        assert.equal(status, 1, stdout);
        assert.match(stdout, /^PASS {2}RunnerFailing_Test\.passes/m);
        assert.match(stdout, /^FAIL {2}RunnerFailing_Test\.fails/m);
        assert.match(
            stdout,
            /System\.AssertException: Assertion Failed: deliberate failure\. Expected: expected, Actual: actual/
        );
        assert.match(stdout, /Class\.RunnerFailing_Test\.fails: line \d+/);
        assert.match(stdout, /about to fail/);
        assert.match(stdout, /^1 passed, 1 failed$/m);
    });

    test('--method runs one method of the class', () => {
        const { status, stdout } = apexTest('--class', 'RunnerFailing_Test', '--method', 'passes');
        assert.equal(status, 0, stdout);
        assert.doesNotMatch(stdout, /RunnerFailing_Test\.fails/);
        assert.match(stdout, /^1 passed, 0 failed$/m);
    });

    test('without --class every test class of the project runs; one failure fails the run', () => {
        const { status, stdout } = apexTest();
        assert.equal(status, 1);
        assert.match(stdout, /^4 passed, 1 failed$/m);
    });

    test('an unknown class runs nothing and fails', () => {
        const { status, stdout } = apexTest('--class', 'NoSuchClass_Test');
        assert.equal(status, 1);
        assert.match(stdout, /^0 passed, 0 failed$/m);
    });
});

describe('runTests (Apex Developer Guide, "Using Test Setup Methods")', () => {
    test("@TestSetup data is seen by every method, each method's changes are undone, and nothing stays in the org", () => {
        const org = loadOrg();
        const results = runTests(org, { className: 'RunnerSetup_Test' });
        assert.deepEqual(
            results.map((r) => [r.methodName, r.passed, r.message]),
            [
                ['seesSetupDataAndAddsOne', true, undefined],
                ['doesNotSeeTheOtherMethodsRecord', true, undefined],
                ['updatesSetupDataWithoutLeakingIt', true, undefined]
            ]
        );
        assert.deepEqual(org.executeAnonymous(`System.debug([SELECT COUNT() FROM Widget__c]);`), ['0']);
    });
});
