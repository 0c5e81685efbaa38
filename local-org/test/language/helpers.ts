// Runs Apex snippets through Execute Anonymous in a local org loaded from the `language` fixture (a minimal
// SFDX project whose classes the tests call). One org per test file: loading takes about a second.
import assert from 'node:assert/strict';
import path from 'node:path';
import { ApexThrown } from '../../src/interpreter/exceptions';
import { LocalOrg } from '../../src/org/org';

export const FIXTURE = path.join(__dirname, '..', 'fixtures', 'language');

let shared: LocalOrg | undefined;

/** The fixture's org, loaded once per test file (each file runs in its own process). */
export function org(): LocalOrg {
    shared ??= LocalOrg.load(FIXTURE);
    return shared;
}

/** Runs anonymous Apex as one transaction and returns its System.debug lines. */
export function run(source: string, options: { asTest?: boolean } = {}): string[] {
    return org().executeAnonymous(source, options);
}

/**
 * Runs anonymous Apex and asserts its System.debug lines. With `asTest` it runs as a test method does, its
 * records rolled back afterwards (use it for snippets that insert records, so other tests do not see them).
 */
export function expectDebug(source: string, expected: readonly string[], options: { asTest?: boolean } = {}): void {
    assert.deepEqual(run(source, options), expected);
}

/** Runs anonymous Apex that must end in an uncaught Apex exception; returns it. */
export function runThrows(source: string): ApexThrown {
    try {
        run(source);
    } catch (error) {
        if (error instanceof ApexThrown) return error;
        throw error;
    }
    assert.fail('expected an uncaught Apex exception');
}

/** Asserts that anonymous Apex ends in the Apex exception `typeName` (e.g. 'System.ListException'). */
export function expectThrows(source: string, typeName: string, message?: string | RegExp): void {
    const thrown = runThrows(source);
    assert.equal(thrown.typeName, typeName);
    if (typeof message === 'string') assert.equal(thrown.message, message);
    else if (message) assert.match(thrown.message ?? '', message);
}

/** Asserts that the runtime refuses the snippet with an error (not an Apex exception) matching `pattern`. */
export function expectUnsupported(source: string, pattern: RegExp): void {
    assert.throws(
        () => run(source),
        (error: unknown) => {
            assert.ok(!(error instanceof ApexThrown), 'expected a runtime error, not an Apex exception');
            assert.match((error as Error).message, pattern);
            return true;
        }
    );
}
