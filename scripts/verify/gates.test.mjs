// `npm run verify:gates`: proves that every gate can fail. Each test copies the project into .tmp/gates/,
// plants ONE defect, runs the gate that must catch it (the command from package.json, as npm would run
// it), and asserts that the gate exits non-zero AND names the planted file and line. A gate that passes
// anything would fail here.
//
// The passing side: the "unmodified copy" test runs verify:metadata, verify:contract and typecheck on a
// pristine copy. verify:apex is not re-run on a pristine copy (Code Analyzer alone takes ~20 s): `npm test`
// runs it on the real tree.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isAlive, ROOT } from './lib/project.mjs';

const WORK = path.join(ROOT, '.tmp', 'gates', `run-${process.pid}`);
// Not copied: dependencies (symlinked instead), history, outputs and local org state.
const SKIP_TOP = new Set(['node_modules', '.git', 'coverage', '.tmp', 'dist', '.sf', '.sfdx', 'screenshots']);
const CLASSES = 'force-app/main/default/classes';
const LWC = 'force-app/main/default/lwc';
const CLASS_META = `<?xml version="1.0" encoding="UTF-8" ?>
<ApexClass xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <status>Active</status>
</ApexClass>
`;
const SCRIPTS = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;

let copies = 0;

/** A fresh copy of the project (node_modules symlinked), returned as its absolute path. */
function copyProject(name) {
    const dest = path.join(WORK, `${++copies}-${name}`);
    fs.mkdirSync(dest, { recursive: true });
    // Entry by entry: the copies live inside the project, and cpSync refuses to copy a folder into itself.
    for (const entry of fs.readdirSync(ROOT)) {
        if (SKIP_TOP.has(entry)) continue;
        fs.cpSync(path.join(ROOT, entry), path.join(dest, entry), {
            recursive: true,
            filter: (src) => path.basename(src) !== 'node_modules'
        });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
    return dest;
}

/** Writes a file into a copy, creating its folder. */
function write(copy, file, text) {
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.writeFileSync(path.join(copy, file), text);
}

/** Adds an Apex class and its -meta.xml to a copy. */
function writeClass(copy, name, source, meta = CLASS_META) {
    write(copy, `${CLASSES}/${name}.cls`, source);
    write(copy, `${CLASSES}/${name}.cls-meta.xml`, meta);
    return `${CLASSES}/${name}.cls`;
}

/** 1-based line of the only line of `text` containing `needle`. */
function lineOf(text, needle) {
    const lines = text.split('\n');
    const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
    assert.equal(hits.length, 1, `planting error: '${needle}' must occur on exactly one line`);
    return hits[0];
}

/**
 * Runs an npm script of the copy the way npm does (sh -c with node_modules/.bin on PATH), without npm's
 * own start-up cost and log files. Resolves to { code, output } with stdout and stderr together.
 */
/** Runs a package.json script in a copy; `testOptions` go to node's test runner (`--test-name-pattern=...`). */
function runGate(copy, script, testOptions = []) {
    const script_ = SCRIPTS[script];
    assert.ok(script_, `package.json has no "${script}" script`);
    const command = testOptions.length === 0 ? script_ : script_.replace('--test ', `--test ${testOptions.join(' ')} `);
    const env = {
        ...process.env,
        PATH: `${path.join(copy, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}`
    };
    for (const key of Object.keys(env)) if (key.startsWith('NODE_TEST')) delete env[key];
    return new Promise((resolve) => {
        const child = spawn('sh', ['-c', command], { cwd: copy, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (d) => (output += d));
        child.stderr.on('data', (d) => (output += d));
        child.on('close', (code) => resolve({ code, output }));
    });
}

/**
 * The failing tests' reports in a node:test TAP output (each "not ok" line and its indented YAML block), so a gate
 * that failed for another reason than the planted one says which, without the whole run.
 */
function failures(output) {
    const lines = output.split('\n');
    const picked = [];
    lines.forEach((line, i) => {
        if (!/^\s*not ok /.test(line)) return;
        picked.push(line);
        for (let j = i + 1; j < lines.length && j < i + 40 && !/^\s*(ok|not ok|# Subtest:) /.test(lines[j]); j++) {
            picked.push(lines[j]);
        }
    });
    return picked.length > 0 ? picked.join('\n') : output.slice(-4000);
}

/**
 * The gate failed, and its output names `file` at `line` (`file:line` or tsc's `file(line,col)`); the
 * naming line is echoed as a test diagnostic, so the test output shows what each gate said.
 */
function assertCaught(t, result, file, line, gate) {
    const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const named = new RegExp(`${escaped}(:${line}(?![0-9])|\\(${line},)`);
    assert.notEqual(result.code, 0, `${gate} passed although ${file}:${line} is broken. Output:\n${result.output}`);
    assert.match(result.output, named, `${gate} failed but never named ${file}:${line}. Output:\n${result.output}`);
    t.diagnostic(`${gate} (exit ${result.code}): ${result.output.split('\n').find((l) => named.test(l))}`);
}

/** The first custom object in the copy whose name starts with Relay, or null. */
function findRelayObject(copy) {
    const dir = path.join(copy, 'force-app/main/default/objects');
    if (!fs.existsSync(dir)) return null;
    const name = fs
        .readdirSync(dir)
        .sort()
        .find((n) => /^Relay_\w+__c$/.test(n) && fs.existsSync(path.join(dir, n, `${n}.object-meta.xml`)));
    return name ?? null;
}

/**
 * Adds a consistent LWC-to-Apex pair: Apex RelayPlantedController.greet(String name), and LWC relayPlanted
 * importing `method` and running `callLine`, declared in types/apex.d.ts and tsconfig.base.json like a
 * real bundle. Returns the LWC source and its path.
 */
function writePlantedPair(copy, { method, callLine }) {
    writeClass(
        copy,
        'RelayPlantedController',
        `/**
 * Planted by scripts/verify/gates.test.mjs: the Apex half of an LWC-to-Apex pair.
 */
public with sharing class RelayPlantedController {
    /**
     * Greets someone.
     * @param name who to greet
     * @return the greeting
     */
    @AuraEnabled
    public static String greet(String name) {
        return 'Hello ' + name;
    }
}
`
    );
    const ts = `import { LightningElement } from 'lwc';
import ${method} from '@salesforce/apex/RelayPlantedController.${method}';

export default class RelayPlanted extends LightningElement {
    message = '';

    async connectedCallback(): Promise<void> {
        ${callLine}
    }
}
`;
    write(copy, `${LWC}/relayPlanted/relayPlanted.ts`, ts);
    write(copy, `${LWC}/relayPlanted/relayPlanted.html`, '<template>\n    <p>{message}</p>\n</template>\n');
    write(
        copy,
        `${LWC}/relayPlanted/relayPlanted.js-meta.xml`,
        `<?xml version="1.0" encoding="UTF-8" ?>
<LightningComponentBundle xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>65.0</apiVersion>
    <isExposed>false</isExposed>
</LightningComponentBundle>
`
    );
    const dts = path.join(copy, 'types/apex.d.ts');
    fs.appendFileSync(
        dts,
        `
declare module '@salesforce/apex/RelayPlantedController.${method}' {
    const ${method}: ApexMethod<{ name: string }, string>;
    export default ${method};
}
`
    );
    const tsconfig = path.join(copy, 'tsconfig.base.json');
    const config = fs.readFileSync(tsconfig, 'utf8');
    const entry = `"c/relayPlanted": ["./${LWC}/relayPlanted/relayPlanted.ts"],`;
    assert.match(config, /"paths": \{/, 'tsconfig.base.json has no "paths" object to extend');
    fs.writeFileSync(tsconfig, config.replace(/"paths": \{/, `"paths": {\n      ${entry}`));
    return { lwc: `${LWC}/relayPlanted/relayPlanted.ts`, ts };
}

before(() => {
    const parent = path.dirname(WORK);
    for (const old of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
        const pid = Number(/^run-(\d+)$/.exec(old)?.[1]);
        if (pid && !isAlive(pid)) fs.rmSync(path.join(parent, old), { recursive: true, force: true });
    }
    fs.mkdirSync(WORK, { recursive: true });
});
after(() => {
    if (!process.env.KEEP_GATE_COPIES) fs.rmSync(WORK, { recursive: true, force: true });
});

// Two at a time: the Code Analyzer test (the slow one, first so it starts at once) overlaps the quick ones.
describe('gates', { concurrency: 2 }, () => {
    test('verify:apex fails on a High Code Analyzer violation (SOQL injection)', async (t) => {
        // Here the copy keeps the project's gate, config and tools but none of its source: Code Analyzer runs
        // only on code that compiles, and its graph engine takes longer with every class. With the planted
        // class alone, this test proves the analyzer step can fail whatever state the rest of the tree is in.
        const copy = copyProject('apex-analyzer');
        const project = JSON.parse(fs.readFileSync(path.join(copy, 'sfdx-project.json'), 'utf8'));
        for (const dir of project.packageDirectories) fs.rmSync(path.join(copy, dir.path), { recursive: true });
        const source = `/**
 * Planted by scripts/verify/gates.test.mjs: dynamic SOQL built from its input.
 */
public with sharing class RelayPlantedQuery {
    /**
     * Finds accounts by name.
     * @param name the name
     * @return the accounts
     */
    public static List<Account> byName(String name) {
        return Database.query('SELECT Id FROM Account WHERE Name = \\'' + name + '\\'');
    }
}
`;
        const file = writeClass(copy, 'RelayPlantedQuery', source);
        const result = await runGate(copy, 'verify:apex');
        assertCaught(t, result, file, lineOf(source, 'Database.query'), 'verify:apex');
        assert.match(result.output, /\(High\) pmd:ApexSOQLInjection \S*RelayPlantedQuery\.cls:/);
    });

    test('an unmodified copy passes verify:metadata, verify:contract and typecheck', async () => {
        const copy = copyProject('pristine');
        for (const gate of ['verify:metadata', 'verify:contract', 'typecheck']) {
            const result = await runGate(copy, gate);
            assert.equal(result.code, 0, `${gate} fails on an unmodified copy:\n${result.output}`);
        }
    });

    test('verify:apex catches an Apex syntax error (apex-parser)', async (t) => {
        const copy = copyProject('apex-syntax');
        const source = `/**
 * Planted by scripts/verify/gates.test.mjs: a syntax error.
 */
public with sharing class RelayPlantedSyntax {
    /**
     * Adds.
     * @return the total
     */
    public static Integer total() {
        Integer total = 1 + ;
        return total;
    }
}
`;
        const file = writeClass(copy, 'RelayPlantedSyntax', source);
        assertCaught(t, await runGate(copy, 'verify:apex'), file, lineOf(source, '1 + ;'), 'verify:apex');
    });

    test('verify:apex catches a call to a method that does not exist (apex-ls)', async (t) => {
        const copy = copyProject('apex-method');
        const source = `/**
 * Planted by scripts/verify/gates.test.mjs: a call to a method nobody defined.
 */
public with sharing class RelayPlantedCaller {
    /**
     * Runs.
     * @return a number
     */
    public static Integer run() {
        return RelayPlantedCaller.notDefinedAnywhere(42);
    }
}
`;
        const file = writeClass(copy, 'RelayPlantedCaller', source);
        const result = await runGate(copy, 'verify:apex');
        assertCaught(t, result, file, lineOf(source, 'notDefinedAnywhere'), 'verify:apex');
        assert.match(result.output, /notDefinedAnywhere/);
    });

    test('verify:apex catches an unknown custom field on a Relay object (apex-ls)', async (t) => {
        const copy = copyProject('apex-field');
        let object = findRelayObject(copy);
        if (!object) {
            // No custom object in the tree yet: plant a valid one, so the only defect is the field reference.
            object = 'Relay_Planted__c';
            write(
                copy,
                `force-app/main/default/objects/${object}/${object}.object-meta.xml`,
                `<?xml version="1.0" encoding="UTF-8" ?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Relay Planted</label>
    <nameField>
        <label>Name</label>
        <type>Text</type>
    </nameField>
    <pluralLabel>Relay Planted</pluralLabel>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>
`
            );
            write(
                copy,
                `force-app/main/default/objects/${object}/fields/Channel__c.field-meta.xml`,
                `<?xml version="1.0" encoding="UTF-8" ?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Channel__c</fullName>
    <label>Channel</label>
    <length>40</length>
    <type>Text</type>
</CustomField>
`
            );
        }
        const source = `/**
 * Planted by scripts/verify/gates.test.mjs: a field the object does not have.
 */
public with sharing class RelayPlantedFieldUse {
    /**
     * Reads a field.
     * @param record the record
     * @return the value
     */
    public static Object read(${object} record) {
        return record.Planted_No_Such_Field__c;
    }
}
`;
        const file = writeClass(copy, 'RelayPlantedFieldUse', source);
        const result = await runGate(copy, 'verify:apex');
        assertCaught(t, result, file, lineOf(source, 'Planted_No_Such_Field__c'), 'verify:apex');
        assert.match(result.output, /Planted_No_Such_Field__c/);
    });

    test('verify:metadata catches a malformed -meta.xml', async (t) => {
        const copy = copyProject('metadata-xml');
        const meta = CLASS_META.replace('<apiVersion>65.0</apiVersion>', '<apiVersion>65.0</apiVersoin>');
        writeClass(
            copy,
            'RelayPlantedMeta',
            '/**\n * Planted by scripts/verify/gates.test.mjs: its -meta.xml is malformed.\n */\npublic with sharing class RelayPlantedMeta {\n}\n',
            meta
        );
        const file = `${CLASSES}/RelayPlantedMeta.cls-meta.xml`;
        assertCaught(t, await runGate(copy, 'verify:metadata'), file, lineOf(meta, '</apiVersoin>'), 'verify:metadata');
    });

    test('verify:contract catches an LWC import of an Apex method that does not exist', async (t) => {
        const copy = copyProject('contract-missing-method');
        const { lwc, ts } = writePlantedPair(copy, {
            method: 'farewell',
            callLine: "this.message = await farewell({ name: 'Ada' });"
        });
        const line = lineOf(ts, "from '@salesforce/apex/RelayPlantedController.farewell'");
        assertCaught(t, await runGate(copy, 'verify:contract'), lwc, line, 'verify:contract');
    });

    test('verify:contract catches a parameter name that differs from the Apex method', async (t) => {
        const copy = copyProject('contract-param-name');
        const { lwc, ts } = writePlantedPair(copy, {
            method: 'greet',
            callLine: "this.message = await greet({ fullName: 'Ada' } as unknown as { name: string });"
        });
        assertCaught(t, await runGate(copy, 'verify:contract'), lwc, lineOf(ts, 'fullName'), 'verify:contract');
    });

    test('test:apex:local catches an Apex service reading a field its query did not select', async (t) => {
        // Relay's own tests find it when they run: the view reads Interaction__r.Work_State__c, which the planted
        // query no longer selects, so the local org raises the SObjectException an org raises.
        const copy = copyProject('apex-unqueried-field');
        const file = `${CLASSES}/wrapup/RelayWrapUpService.cls`;
        const source = fs.readFileSync(path.join(copy, file), 'utf8');
        const planted = 'Interaction__r.Work_State__c,';
        lineOf(source, planted);
        write(copy, file, source.replace(planted, ''));
        const result = await runGate(copy, 'test:apex:local');
        assert.notEqual(result.code, 0, `test:apex:local passed with ${planted} missing:\n${result.output}`);
        assert.match(
            result.output,
            /System\.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Relay_Interaction__c\.Work_State__c/
        );
        assert.match(result.output, new RegExp(`${file.replace(/[.]/g, '\\.')}:\\d+`), 'names the service and line');
        assert.match(result.output, /\d+ passed, [1-9]\d* failed/);
        t.diagnostic(result.output.split('\n').find((l) => l.includes('SObjectException')));
    });

    test('test:apex:local catches DML before a callout in an Apex service', async (t) => {
        // An org refuses a callout after uncommitted DML in the same transaction; so does the local org.
        const copy = copyProject('apex-dml-before-callout');
        const file = `${CLASSES}/genesys/RelayGenesysClient.cls`;
        const source = fs.readFileSync(path.join(copy, file), 'utf8');
        const call = 'return RelayGenesysUser.parse(call(RelayGenesysContract.GET_ME, null, null, null));';
        const line = lineOf(source, call);
        const receipt = "insert new Relay_Event_Receipt__c(Event_Id__c = 'planted-' + Crypto.getRandomLong());";
        write(copy, file, source.replace(call, `${receipt} ${call}`));
        const result = await runGate(copy, 'test:apex:local');
        assert.notEqual(result.code, 0, `test:apex:local passed with DML before getMe's callout:\n${result.output}`);
        assert.match(result.output, /You have uncommitted work pending\. Please commit or rollback before calling out/);
        assertCaught(t, result, file, line, 'test:apex:local');
    });

    test('typecheck catches a TypeScript type error', async (t) => {
        const copy = copyProject('typecheck');
        const source = `// Planted by scripts/verify/gates.test.mjs: a type error.
export function count(): number {
    const total: number = 'three';
    return total;
}
`;
        const file = `${LWC}/relayPlantedTypes/relayPlantedTypes.ts`;
        write(copy, file, source);
        assertCaught(t, await runGate(copy, 'typecheck'), file, lineOf(source, "'three'"), 'typecheck');
    });
});

// These gates start the console (simulator, connector, local org, and for the browser gate Chromium). On two cores,
// next to the other gates, a browser step can outlast its wait, so they run one at a time, after the rest.
describe('gates that start the console', { concurrency: 1 }, () => {
    test('test:preview catches a planted flaw in the Apex the console runs (a forged event signature accepted)', async (t) => {
        // The console has no stand-in of its own for Relay: its server runs the package's Apex in the local org, so a
        // flaw planted in a class fails the console's tests too.
        const copy = copyProject('console-runs-relay-apex');
        const file = `${CLASSES}/events/RelayEventSignature.cls`;
        const source = fs.readFileSync(path.join(copy, file), 'utf8');
        const check = 'return Crypto.verify(key.algorithm, data, signature, key.publicKey);';
        lineOf(source, check);
        write(copy, file, source.replace(check, 'return true;'));
        const result = await runGate(copy, 'test:preview');
        assert.notEqual(result.code, 0, `test:preview passed with forged signatures accepted:\n${result.output}`);
        assert.match(
            result.output,
            /not ok \d+ - contact-centre events reach Relay’s REST resource only through the connector/,
            `test:preview failed elsewhere:\n${failures(result.output)}`
        );
        t.diagnostic(result.output.split('\n').find((l) => /^not ok/.test(l)));
    });

    test('test:browser catches a planted change in what an Apex service sends (wrap-up notes dropped)', async (t) => {
        // The agent types notes in the wrap-up picker; the planted service sends the code without them. The browser
        // test that works a chat end to end reads the wrap-up the contact centre received.
        const copy = copyProject('browser-runs-relay-apex');
        const file = `${CLASSES}/wrapup/RelayWrapUpService.cls`;
        const source = fs.readFileSync(path.join(copy, file), 'utf8');
        const sent = 'body.notes = wrapUp.Notes__c;';
        lineOf(source, sent);
        write(copy, file, source.replace(sent, 'body.notes = null;'));
        const result = await runGate(copy, 'test:browser', ["--test-name-pattern='^On Queue: an inbound chat'"]);
        assert.notEqual(result.code, 0, `test:browser passed with the notes dropped:\n${result.output}`);
        assert.match(
            result.output,
            /Shipping delay explained\./,
            `the browser test failed before the wrap-up:\n${failures(result.output)}`
        );
        t.diagnostic(result.output.split('\n').find((l) => /^not ok/.test(l)));
    });
});
