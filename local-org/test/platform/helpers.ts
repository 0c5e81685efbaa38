// The platform conformance tests run Apex through Execute Anonymous in a local org loaded from the `platform`
// fixture (an SFDX project with the objects, permission sets, metadata and classes the tests name). Each test
// file loads its own org once: loading takes about a second.
import assert from 'node:assert/strict';
import path from 'node:path';
import { ApexThrown } from '../../src/interpreter/exceptions';
import { LocalOrg, type LocalOrgOptions } from '../../src/org/org';

export const FIXTURE = path.join(__dirname, '..', 'fixtures', 'platform');

export function loadOrg(options: LocalOrgOptions = {}): LocalOrg {
    return LocalOrg.load(FIXTURE, options);
}

/** Runs `source` as a test method does (Test.startTest, System.runAs, Test.setMock), rolled back afterwards. */
export function runTest(org: LocalOrg, source: string, userId?: string): string[] {
    return org.executeAnonymous(source, { asTest: true, userId });
}

/** Runs `source` and returns the uncaught Apex exception it must end in. */
export function apexError(run: () => unknown): ApexThrown {
    try {
        run();
    } catch (error) {
        if (error instanceof ApexThrown) return error;
        throw error;
    }
    assert.fail('expected an uncaught Apex exception');
}

/** Asserts that a test-context snippet ends in `typeName` (e.g. 'System.QueryException') with `message`. */
export function expectTestThrows(org: LocalOrg, source: string, typeName: string, message?: string | RegExp): void {
    const thrown = apexError(() => runTest(org, source));
    assert.equal(thrown.typeName, typeName, thrown.message ?? '');
    if (typeof message === 'string') assert.equal(thrown.message, message);
    else if (message) assert.match(thrown.message ?? '', message);
}

/**
 * A committed Standard User with the fixture's permission sets `sets`, in language `language` (outside any test,
 * so the user stays in the org for the rest of the file). Returns the user's Id.
 */
export function createUser(org: LocalOrg, alias: string, sets: readonly string[] = [], language = 'en_US'): string {
    const names = sets.map((s) => `'${s}'`).join(', ');
    const [id] = org.executeAnonymous(
        `System.debug(TestUsers.create('${alias}', new List<String>{ ${names} }, '${language}').Id);`
    );
    return id;
}
