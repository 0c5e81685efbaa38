// Tests of the scratch-org and translation checks of `npm run verify:metadata` (lib/scratch-org.mjs,
// lib/translations.mjs, scripts/verify/scratch-org-reference.json). Run: node --test scripts/verify/metadata.test.mjs
//
// - The real project passes both checks.
// - The definition Relay had before issue 12 (a feature no list has, a setting field the Metadata API does not
//   have, a setting without its feature) is refused, each named at its line.
// - The reference itself agrees with the two machine-readable Salesforce sources installed with the CLI: the
//   scratch-definition JSON schema of @salesforce/core (features, settings types) and the Metadata API types of
//   @salesforce/types (generated from the Metadata WSDL: each settings type's fields).
// - End to end: verify:metadata run on a copy of the project with defects planted fails and names each one.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkDefinition, checkScratchOrg, readReference, REFERENCE } from './lib/scratch-org.mjs';
import { checkTranslations } from './lib/translations.mjs';
import { ROOT } from './lib/project.mjs';

const DEFAULT = 'force-app/main/default';

/** The scratch-org definition as it was before issue 12. */
const BEFORE_ISSUE_12 = `{
  "orgName": "Relay development",
  "edition": "Enterprise",
  "features": ["ServiceCloud", "LightningServiceConsole", "OmniChannel", "EnableSetPasswordInApi"],
  "settings": {
    "lightningExperienceSettings": { "enableS1DesktopEnabled": true },
    "omniChannelSettings": { "enableOmniChannel": true, "enableOmniStatusCapacityUpdate": true },
    "liveMessageSettings": { "enableLiveMessage": true },
    "mobileSettings": { "enableS1EncryptedStoragePref2": false }
  }
}
`;

/** 1-based line of the only line of `text` containing `needle`. */
function lineOf(text, needle) {
    const hits = text.split('\n').flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
    assert.equal(hits.length, 1, `'${needle}' must occur on exactly one line`);
    return hits[0];
}

/** Asserts one problem at `line` whose message matches `pattern`. */
function assertProblem(problems, line, pattern) {
    const lines = problems.map((p) => `${p.file}:${p.line} ${p.message}`);
    assert.ok(
        problems.some((p) => p.line === line && pattern.test(p.message)),
        `no problem at line ${line} matching ${pattern} in:\n${lines.join('\n')}`
    );
}

describe('the scratch-org definition check', () => {
    const reference = readReference(ROOT);

    test("the project's definition passes", () => {
        const { problems, files } = checkScratchOrg(ROOT);
        assert.deepEqual(files, ['config/project-scratch-def.json']);
        assert.deepEqual(problems, []);
    });

    test('the definition before issue 12 is refused, each defect named at its line', () => {
        const problems = checkDefinition('config/project-scratch-def.json', BEFORE_ISSUE_12, reference);
        assertProblem(problems, lineOf(BEFORE_ISSUE_12, '"OmniChannel"'), /unknown scratch-org feature "OmniChannel"/);
        assertProblem(
            problems,
            lineOf(BEFORE_ISSUE_12, 'enableOmniStatusCapacityUpdate'),
            /unknown field "enableOmniStatusCapacityUpdate" of setting "omniChannelSettings".*meta_omnichannelsettings\.htm/
        );
        assertProblem(
            problems,
            lineOf(BEFORE_ISSUE_12, 'liveMessageSettings'),
            /setting "liveMessageSettings" needs the scratch-org feature "LiveMessage"/
        );
        assert.equal(problems.length, 3, problems.map((p) => p.message).join('\n'));
    });

    test('an unknown settings type, a wrong value type, an unknown key and edition are refused', () => {
        const text = JSON.stringify(
            {
                orgName: 'x',
                edition: 'Ultimate',
                snapshotOf: 'y',
                features: ['servicecloud'],
                settings: {
                    omniSettings: { enableOmniChannel: true },
                    omniChannelSettings: { enableOmniChannel: 'yes' }
                }
            },
            null,
            2
        );
        const problems = checkDefinition('config/x-scratch-def.json', text, reference);
        assertProblem(problems, lineOf(text, '"omniSettings"'), /unknown scratch-org setting "omniSettings"/);
        assertProblem(
            problems,
            lineOf(text, '"yes"'),
            /"omniChannelSettings\.enableOmniChannel" must be a boolean, not string/
        );
        assertProblem(problems, lineOf(text, '"snapshotOf"'), /unknown scratch-org definition key "snapshotOf"/);
        assertProblem(problems, lineOf(text, '"Ultimate"'), /unknown scratch-org edition "Ultimate"/);
        // Features are not case-sensitive (Scratch Org Features): servicecloud is ServiceCloud.
        assert.equal(problems.length, 4, problems.map((p) => p.message).join('\n'));
    });

    test('JSON that does not parse is reported at its line', () => {
        const text = '{\n  "orgName": "x",\n  "edition": "Enterprise",,\n}\n';
        const problems = checkDefinition('config/x-scratch-def.json', text, reference);
        assert.equal(problems.length, 1);
        assert.match(problems[0].message, /is not valid JSON/);
        assert.equal(problems[0].line, 3);
    });

    test('every reference entry names its source page', () => {
        for (const [name, entry] of Object.entries(reference.features)) {
            assert.match(entry.source, /^https:\/\/developer\.salesforce\.com\/docs\//, `feature ${name}`);
        }
        for (const [name, entry] of Object.entries(reference.settings)) {
            assert.match(entry.source, /^https:\/\/developer\.salesforce\.com\/docs\//, `setting ${name}`);
        }
        const broken = structuredClone(reference);
        delete broken.features.ServiceCloud.source;
        const { problems } = checkScratchOrg(ROOT, broken);
        assert.ok(
            problems.some((p) => p.file === REFERENCE && /feature ServiceCloud has no source URL/.test(p.message))
        );
    });
});

describe("the reference agrees with Salesforce's machine-readable sources", () => {
    const reference = readReference(ROOT);

    test('every feature and settings type is in the CLI scratch-definition schema (@salesforce/core); OmniChannel is not', () => {
        const schema = JSON.parse(
            fs.readFileSync(
                path.join(ROOT, 'node_modules/@salesforce/core/schemas/project-scratch-def.schema.json'),
                'utf8'
            )
        );
        const features = new Set();
        const collect = (node) => {
            if (Array.isArray(node)) node.forEach(collect);
            else if (node && typeof node === 'object') {
                if (Array.isArray(node.enum)) node.enum.forEach((f) => features.add(String(f).toLowerCase()));
                if (typeof node.title === 'string' && node.pattern)
                    features.add(node.title.split(':')[0].toLowerCase());
                Object.values(node).forEach(collect);
            }
        };
        collect(schema.properties.features);
        assert.ok(features.size > 100, `found only ${features.size} features in the schema`);
        for (const name of Object.keys(reference.features))
            assert.ok(features.has(name.toLowerCase()), `feature ${name}`);
        assert.ok(!features.has('omnichannel'), 'the schema lists no OmniChannel feature');
        const settings = schema.properties.settings.properties;
        for (const [name, entry] of Object.entries(reference.settings)) {
            assert.ok(settings[name], `settings type ${name}`);
            // The schema links each settings type to its Metadata API page; the reference cites that same page.
            assert.ok(settings[name].description.includes(entry.source.split('/').at(-1)), `${name} cites its page`);
        }
    });

    test('every settings field is a field of its Metadata API type (@salesforce/types, from the Metadata WSDL)', () => {
        const types = metadataTypes();
        for (const [name, entry] of Object.entries(reference.settings)) {
            const typeName = name[0].toUpperCase() + name.slice(1);
            const fields = types.get(typeName);
            assert.ok(fields, `the Metadata API has no type ${typeName}`);
            for (const field of Object.keys(entry.fields)) assert.ok(fields.has(field), `${typeName}.${field}`);
        }
        assert.ok(!types.get('OmniChannelSettings').has('enableOmniStatusCapacityUpdate'));
        assert.ok(types.get('OmniChannelSettings').has('enableOmniStatusCapModel'));
    });
});

describe('the translation check', () => {
    test('the project passes: every custom object, field, picklist value, app and tab has fr and es', () => {
        const { problems, objects, fields } = checkTranslations(ROOT);
        assert.deepEqual(problems, []);
        assert.ok(objects >= 6 && fields >= 50, `checked ${objects} objects and ${fields} fields`);
    });
});

describe('verify:metadata on a copy with planted defects', () => {
    test('fails and names each planted scratch-org and translation defect', (t) => {
        const copy = copyProject();
        t.after(() => fs.rmSync(copy, { recursive: true, force: true }));

        // Scratch org: a feature no list has, a setting field the Metadata API does not have, a setting without its
        // feature, and a settings type that does not exist.
        const definitionFile = path.join(copy, 'config/project-scratch-def.json');
        const definition = JSON.parse(fs.readFileSync(definitionFile, 'utf8'));
        definition.features.push('OmniChannel');
        definition.settings.omniChannelSettings.enableOmniStatusCapacityUpdate = true;
        definition.settings.liveMessageSettings = { enableLiveMessage: true };
        definition.settings.omniPlantedSettings = { enableEverything: true };
        const definitionText = `${JSON.stringify(definition, null, 2)}\n`;
        fs.writeFileSync(definitionFile, definitionText);

        // Translations: a field translation removed, a picklist value's translation removed, a new field without any,
        // and the app's Spanish label removed.
        const wrapUpFr = `${DEFAULT}/objectTranslations/Relay_Wrap_Up__c-fr/Status__c.fieldTranslation-meta.xml`;
        fs.rmSync(path.join(copy, wrapUpFr));
        const wrapUpEs = `${DEFAULT}/objectTranslations/Relay_Wrap_Up__c-es/Status__c.fieldTranslation-meta.xml`;
        const statusEs = fs.readFileSync(path.join(copy, wrapUpEs), 'utf8');
        const notNeeded = /\s*<picklistValues>\s*<masterLabel>Not_Needed<\/masterLabel>[\s\S]*?<\/picklistValues>/;
        assert.match(statusEs, notNeeded, 'planting error: no Not_Needed translation to remove');
        fs.writeFileSync(path.join(copy, wrapUpEs), statusEs.replace(notNeeded, ''));
        const plantedField = `${DEFAULT}/objects/Relay_Note__c/fields/Planted_Label__c.field-meta.xml`;
        fs.writeFileSync(
            path.join(copy, plantedField),
            `<?xml version="1.0" encoding="UTF-8" ?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Planted_Label__c</fullName>
    <label>Planted Label</label>
    <length>40</length>
    <type>Text</type>
</CustomField>
`
        );
        const esFile = path.join(copy, `${DEFAULT}/translations/es.translation-meta.xml`);
        const es = fs.readFileSync(esFile, 'utf8');
        const app = /\s*<customApplications>[\s\S]*?<\/customApplications>/;
        assert.match(es, app, 'planting error: no app translation to remove');
        fs.writeFileSync(esFile, es.replace(app, ''));

        const result = spawnSync(process.execPath, [path.join(copy, 'scripts/verify/metadata.mjs')], {
            cwd: copy,
            encoding: 'utf8'
        });
        const output = `${result.stdout}${result.stderr}`;
        assert.notEqual(result.status, 0, `verify:metadata passed with the defects planted:\n${output}`);
        const named = (location, pattern) =>
            assert.ok(
                output.split('\n').some((l) => l.startsWith(`${location} `) && pattern.test(l)),
                `verify:metadata never named ${location} (${pattern}):\n${output}`
            );
        const def = 'config/project-scratch-def.json';
        named(`${def}:${lineOf(definitionText, '"OmniChannel"')}`, /unknown scratch-org feature "OmniChannel"/);
        named(
            `${def}:${lineOf(definitionText, 'enableOmniStatusCapacityUpdate')}`,
            /unknown field "enableOmniStatusCapacityUpdate"/
        );
        named(
            `${def}:${lineOf(definitionText, '"liveMessageSettings"')}`,
            /needs the scratch-org feature "LiveMessage"/
        );
        named(
            `${def}:${lineOf(definitionText, '"omniPlantedSettings"')}`,
            /unknown scratch-org setting "omniPlantedSettings"/
        );
        named(
            `${DEFAULT}/objects/Relay_Wrap_Up__c/fields/Status__c.field-meta.xml:1`,
            /Status__c has no French translation/
        );
        named(`${wrapUpEs}:1`, /picklist value "Not Needed" of Relay_Wrap_Up__c\.Status__c has no Spanish translation/);
        named(`${plantedField}:1`, /Relay_Note__c\.Planted_Label__c has no French translation/);
        named(`${plantedField}:1`, /Relay_Note__c\.Planted_Label__c has no Spanish translation/);
        named(`${DEFAULT}/translations/es.translation-meta.xml:1`, /app Relay_Console has no Spanish label/);
    });
});

/** A copy of what verify:metadata reads (node_modules symlinked), in a temporary directory. */
function copyProject() {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-verify-metadata-'));
    for (const entry of ['scripts', 'config', 'force-app', 'sfdx-project.json', '.forceignore', 'package.json']) {
        fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    return copy;
}

/**
 * The Metadata API types as @salesforce/types declares them (lib/metadata.d.ts, generated from the Metadata WSDL):
 * type name -> field names. Of the copies npm installed, the newest is used.
 */
function metadataTypes() {
    const candidates = [path.join(ROOT, 'node_modules/@salesforce/types')];
    for (const scope of ['@salesforce']) {
        const dir = path.join(ROOT, 'node_modules', scope);
        for (const pkg of fs.readdirSync(dir)) candidates.push(path.join(dir, pkg, 'node_modules/@salesforce/types'));
    }
    const installed = candidates
        .filter((dir) => fs.existsSync(path.join(dir, 'lib/metadata.d.ts')))
        .map((dir) => ({ dir, version: JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version }))
        .sort((a, b) => b.version.localeCompare(a.version, undefined, { numeric: true }));
    assert.ok(installed.length > 0, '@salesforce/types is not installed (it comes with @salesforce/cli)');
    const source = fs.readFileSync(path.join(installed[0].dir, 'lib/metadata.d.ts'), 'utf8');
    const types = new Map();
    for (const m of source.matchAll(/^export type (\w+) = (?:Metadata & )?\{\n([\s\S]*?)^\};/gm)) {
        types.set(m[1], new Set([...m[2].matchAll(/^ {4}(\w+)\??:/gm)].map((f) => f[1])));
    }
    return types;
}
