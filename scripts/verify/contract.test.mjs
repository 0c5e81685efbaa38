// Unit tests for `npm run verify:contract`, one tiny project per defect under fixtures/contract/.
// Run: node --test scripts/verify/contract.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkContract } from './contract-lib/check.mjs';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'contract');
const CLI = path.join(import.meta.dirname, 'contract.mjs');
const LWC = 'force-app/main/default/lwc/relayFixtureInbox/relayFixtureInbox.ts';
const DTS = 'types/apex.d.ts';

async function check(fixture) {
    return checkRoot(path.join(FIXTURES, fixture));
}

async function checkRoot(root) {
    const result = await checkContract(root);
    const lines = result.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`);
    return { ...result, lines };
}

/** Asserts the problems are exactly these, each given as [location prefix, message pattern]. */
function assertProblems(lines, expected) {
    assert.equal(lines.length, expected.length, `expected ${expected.length} problem(s), got:\n${lines.join('\n')}`);
    for (const [location, pattern] of expected) {
        const found = lines.some((l) => l.startsWith(`${location} `) && pattern.test(l));
        assert.ok(found, `no problem at ${location} matching ${pattern} in:\n${lines.join('\n')}`);
    }
}

function runCli(fixture) {
    return spawnSync(process.execPath, [CLI, path.join(FIXTURES, fixture)], { encoding: 'utf8' });
}

describe('a component and its Apex that agree', () => {
    test('pass: inner and top-level data classes, enums, maps, sets, inheritance, wire and imperative calls', async () => {
        const { problems, stats } = await check('matching');
        assert.deepEqual(problems, []);
        assert.deepEqual(
            { imports: stats.imports, callSites: stats.callSites, declarations: stats.declarations },
            { imports: 3, callSites: 3, declarations: 3 }
        );
    });

    test('pass with a note when no component imports Apex', async () => {
        const { problems, notes } = await check('no-imports');
        assert.deepEqual(problems, []);
        assert.ok(notes.some((n) => /no LWC imports an Apex method/.test(n)));
    });

    test('the CLI exits 0 and prints an OK summary', () => {
        const run = runCli('matching');
        assert.equal(run.status, 0, run.stdout + run.stderr);
        assert.match(run.stdout, /^verify:contract: OK; 3 Apex method\(s\) imported/m);
    });
});

describe('an import the Apex cannot serve', () => {
    test('fails when the Apex method does not exist, at the import and at its declaration', async () => {
        assertProblems((await check('missing-method')).lines, [
            [`${LWC}:3:25`, /Apex method RelayFixtureController\.getArchived not found/],
            [`${DTS}:6:16`, /dangling declaration: Apex method RelayFixtureController\.getArchived not found/]
        ]);
    });

    test('fails when the Apex class does not exist', async () => {
        assertProblems((await check('missing-class')).lines, [
            [`${LWC}:2:22`, /Apex class RelayFixtureMissing not found in force-app/],
            [`${DTS}:1:16`, /dangling declaration: Apex class RelayFixtureMissing not found/]
        ]);
    });

    test('fails when the method is not @AuraEnabled', async () => {
        assertProblems((await check('not-aura-enabled')).lines, [
            [`${LWC}:2:22`, /RelayFixtureController\.getItems is not @AuraEnabled/]
        ]);
    });

    test('fails when the method is not static', async () => {
        assertProblems((await check('not-static')).lines, [
            [`${LWC}:2:22`, /RelayFixtureController\.getItems is not static/]
        ]);
    });

    test('fails at the syntax error when the Apex class cannot be parsed', async (t) => {
        // Built in a temporary copy: a committed fixture with broken Apex would fail the repository's format check.
        const root = mkdtempSync(path.join(tmpdir(), 'relay-contract-'));
        t.after(() => rmSync(root, { recursive: true, force: true }));
        cpSync(path.join(FIXTURES, 'not-static'), root, { recursive: true });
        const cls = 'force-app/main/default/classes/RelayFixtureController.cls';
        writeFileSync(
            path.join(root, cls),
            'public with sharing class RelayFixtureController {\n    public void x( }\n'
        );
        const { lines } = await checkRoot(root);
        assertProblems(lines, [
            [`${cls}:2:20`, /Apex syntax error, the LWC contract cannot be checked against this class/],
            [`${LWC}:2:22`, /Apex class RelayFixtureController could not be parsed/]
        ]);
    });

    test('fails when an imported method is not declared in apex.d.ts', async () => {
        assertProblems((await check('undeclared-import')).lines, [
            [
                `${LWC}:2:22`,
                /'@salesforce\/apex\/RelayFixtureController\.getItems' is not declared in types\/apex\.d\.ts/
            ]
        ]);
    });
});

describe('call sites', () => {
    test('fail on parameter names the Apex does not have, through @wire, a call and a cast, even when apex.d.ts agrees with them', async () => {
        assertProblems((await check('call-site-param-mismatch')).lines, [
            [
                `${LWC}:7:23`,
                /'owner' is not a parameter of Apex RelayFixtureController\.getItems \(parameters: ownerId\)/
            ],
            [`${LWC}:7:21`, /call to Apex RelayFixtureController\.getItems does not pass ownerId/],
            [`${LWC}:11:27`, /'owner' is not a parameter/],
            [`${LWC}:11:25`, /does not pass ownerId/],
            [`${LWC}:15:27`, /'ownerID' is not a parameter/],
            [`${LWC}:15:25`, /does not pass ownerId/],
            [`${DTS}:3:32`, /params: keys \(owner\) must be the Apex parameter names \(ownerId\)/]
        ]);
    });
});

describe('apex.d.ts declarations', () => {
    test('fail when a parameter type does not match the Apex type', async () => {
        assertProblems((await check('dts-param-type-mismatch')).lines, [
            [`${DTS}:2:34`, /params\.ownerId: TypeScript declares number but Apex Id needs string/]
        ]);
    });

    test('fail when a parameter name does not match the Apex name', async () => {
        assertProblems((await check('dts-param-name-mismatch')).lines, [
            [`${DTS}:2:32`, /params: keys \(userId\) must be the Apex parameter names \(ownerId\)/]
        ]);
    });

    test('fail when result fields differ from the @AuraEnabled fields of the Apex data class', async () => {
        assertProblems((await check('dts-result-field-mismatch')).lines, [
            [
                `${DTS}:2:15`,
                /result\[\]: Item does not match .* Apex RelayFixtureController\.Item .*missing in TypeScript: receivedAt; not @AuraEnabled public fields in Apex: received/
            ],
            [`${DTS}:4:9`, /result\[\]\.unread: TypeScript declares string but Apex Integer needs number/]
        ]);
    });

    test('fail when a declaration has no Apex method behind it', async () => {
        assertProblems((await check('dangling-declaration')).lines, [
            [`${DTS}:6:16`, /dangling declaration: Apex method RelayFixtureController\.getRemoved not found/]
        ]);
    });

    test('fail when a declaration is not imported by any component', async () => {
        assertProblems((await check('unused-declaration')).lines, [
            [`${DTS}:6:16`, /unused declaration: no LWC imports '@salesforce\/apex\/RelayFixtureController\.getLabel'/]
        ]);
    });

    test('the CLI prints path:line:col lines and a summary, and exits 1', () => {
        const run = runCli('dts-param-type-mismatch');
        assert.equal(run.status, 1, run.stdout + run.stderr);
        assert.match(run.stdout, /^types\/apex\.d\.ts:2:34 RelayFixtureController\.getItems params\.ownerId: /m);
        assert.match(run.stdout, /^verify:contract: 1 problem\(s\); /m);
    });
});

describe('the generated request contract', () => {
    test('fails when the generated class exists but its generator does not', async () => {
        assertProblems((await check('generator-missing')).lines, [
            ['force-app/main/default/classes/genesys/RelayGenesysContract.cls:1:1', /contract generator missing/]
        ]);
    });

    test('fails with the generator output when --check reports the class stale', async () => {
        assertProblems((await check('generator-out-of-sync')).lines, [
            [
                'contract/genesys-cloud.contract.json:1:1',
                /out of sync with the request contract[\s\S]*RelayGenesysContract\.cls is stale: operation getConversation changed/
            ]
        ]);
    });

    test('passes when --check succeeds', async () => {
        const { problems, notes } = await check('generator-in-sync');
        assert.deepEqual(problems, []);
        assert.ok(notes.some((n) => /request contract: in sync/.test(n)));
    });

    test('is skipped with a note before the contract class exists', async () => {
        const { notes } = await check('no-imports');
        assert.ok(notes.some((n) => /request contract: skipped/.test(n)));
    });
});
