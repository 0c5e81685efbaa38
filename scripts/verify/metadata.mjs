// `npm run verify:metadata`: the offline metadata gate. It catches what a deploy would reject and what
// `sf project convert` lets through silently:
//   - files SDR cannot resolve (unknown types, files in the wrong folder);
//   - XML that is not well formed, and root elements that do not match the metadata type;
//   - source files without their -meta.xml, LWC TypeScript not compiled to the .js that is deployed, and
//     files no component claims (the deploy drops them silently);
//     files that .forceignore excludes (TypeScript sources, __tests__, tsconfig.json) are expected;
//   - API versions other than the project's sourceApiVersion;
//   - dangling references between components (lib/references.mjs);
//   - custom labels without their French or Spanish translation (scripts/labels.mjs check);
//   - custom objects, fields, picklist values, validation messages, apps and tabs without their French or Spanish
//     translation (lib/translations.mjs);
//   - a scratch-org definition (config/*scratch-def.json) naming a feature, setting or setting field that
//     scripts/verify/scratch-org-reference.json does not list from the Salesforce documentation, or a setting
//     without the feature it needs (lib/scratch-org.mjs, docs/scratch-org.md);
//   - and finally `sf project convert source` itself (output in dist/verify-metadata).
// Problems print as `path[:line[:col]] message`; the exit code is non-zero when there is any.
import fs from 'node:fs';
import path from 'node:path';
import sdr from '@salesforce/source-deploy-retrieve';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkReferences, lineOf } from './lib/references.mjs';
import { checkScratchOrg } from './lib/scratch-org.mjs';
import { checkTranslations } from './lib/translations.mjs';
import { packageDirs, rel, relPaths, Report, ROOT, run, sandboxEnv, walk } from './lib/project.mjs';

const { ComponentSet, ForceIgnore } = sdr;
const report = new Report('verify:metadata');
const sandbox = sandboxEnv('metadata');
const project = JSON.parse(fs.readFileSync(path.join(ROOT, 'sfdx-project.json'), 'utf8'));
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

const wellFormed = await report.step('well-formed XML', async () => checkWellFormed());
const unresolved = new Set();
const components = await report.step('resolve (source-deploy-retrieve)', async () => resolve());
const docs = await report.step('meta files, root elements, unclaimed files', async () => checkFiles(components));
await report.step('cross-references', async () => {
    const names = components
        .flatMap((c) => [c, ...c.getChildren()])
        .map((c) => ({ type: c.type.name, fullName: c.fullName }));
    for (const p of checkReferences(names, docs)) report.problem(p.location, p.message);
});
await report.step('label translations', checkLabels);
await report.step('object, app and tab translations', async () => {
    const { problems, objects, fields } = checkTranslations(ROOT);
    for (const p of problems) report.problem(`${p.file}:${p.line}`, p.message);
    console.log(`${objects} custom objects, ${fields} fields, ${problems.length} translation problem(s)`);
});
await report.step('scratch-org definition', async () => {
    const { problems, files } = checkScratchOrg(ROOT);
    for (const p of problems) report.problem(`${p.file}:${p.line}`, p.message);
    console.log(`${files.length} scratch-org definition(s), ${problems.length} problem(s)`);
});
if (unresolved.size === 0 && wellFormed) await report.step('sf project convert source', () => convert(components));
else console.log('[verify:metadata] skipping sf project convert until the problems above are fixed');
report.finish();

/** Every .xml file under the package directories must parse; returns true when all do. */
function checkWellFormed() {
    let ok = true;
    for (const file of packageDirs().flatMap(walk)) {
        if (!file.endsWith('.xml')) continue;
        const text = read(file);
        if (text === null) continue;
        const result = XMLValidator.validate(text);
        if (result === true) continue;
        ok = false;
        const { line, col, msg } = result.err;
        report.problem(`${rel(file)}:${line ?? 1}${col === undefined ? '' : `:${col}`}`, `malformed XML: ${msg}`);
    }
    return ok;
}

/**
 * Resolves each package directory with SDR (which applies .forceignore). SDR stops at the first file it
 * cannot place, so a failing directory is resolved again entry by entry: every bad file gets reported and
 * the rest of the tree is still checked. Returns the components found.
 */
function resolve() {
    const found = new Map();
    const visit = (target) => {
        try {
            for (const c of ComponentSet.fromSource(target).getSourceComponents().toArray()) {
                found.set(`${c.type.name}:${c.fullName}`, c);
            }
        } catch (error) {
            if (fs.statSync(target).isDirectory()) {
                for (const entry of fs.readdirSync(target).sort()) visit(path.join(target, entry));
                return;
            }
            unresolved.add(target);
            // SDR names the file by absolute path at the start of its message.
            const message = relPaths(error.message);
            const file = /^(\S+): /.exec(message);
            if (file) report.problem(file[1], message.slice(file[0].length));
            else report.problem(rel(target), message);
            if (error.actions?.length) console.log(`    ${error.actions.join('\n    ').split('\n')[0]}`);
        }
    };
    packageDirs().forEach(visit);
    return [...found.values()];
}

/**
 * Checks each component's own files and returns the parsed documents for the cross-reference check:
 * [{ type, fullName, parentName, file, text, xml }].
 */
function checkFiles(roots) {
    const docs = [];
    const claimed = new Set();
    const needsMeta = new Set(['bundle', 'matchingContentFile', 'mixedContent']);
    for (const root of roots) {
        for (const component of [root, ...root.getChildren()]) {
            const { type, fullName, content } = component;
            // Resolved file by file (see resolve()), SDR names the -meta.xml a content file should have.
            const xml = component.xml && fs.existsSync(component.xml) ? component.xml : undefined;
            if (xml) claimed.add(xml);
            for (const file of component.walkContent()) claimed.add(file);
            if (type.name === 'LightningComponentBundle' && content) {
                // Only the tsc-emitted .js is deployed (.forceignore drops the .ts).
                for (const source of walk(content).filter((f) => /(?<!\.d)\.ts$/.test(f) && !f.includes('__tests__'))) {
                    const js = source.replace(/\.ts$/, '.js');
                    if (!fs.existsSync(js))
                        report.problem(rel(source), `has no compiled ${path.basename(js)}: run npm run build`);
                }
            }
            if (!xml) {
                if (content && needsMeta.has(type.strategies?.adapter)) {
                    const meta = component.xml ? path.basename(component.xml) : '-meta.xml file';
                    report.problem(rel(content), `${type.name} ${fullName} has no ${meta}, so it is not deployed`);
                }
                continue;
            }
            // Non-decomposed children (one CustomLabel inside CustomLabels) share their parent's file.
            if (component !== root && xml === root.xml) continue;
            const text = read(xml);
            if (text === null || XMLValidator.validate(text) !== true) continue; // reported already
            const parsed = parser.parse(text);
            const rootElement = Object.keys(parsed).find((k) => k !== '?xml');
            if (rootElement !== type.name) {
                report.problem(
                    `${rel(xml)}:${lineOf(text, `<${rootElement}`)}`,
                    `root element <${rootElement}> does not match the metadata type ${type.name}`
                );
                continue;
            }
            const body = parsed[rootElement] || {};
            const version = body.apiVersion;
            if (version !== undefined && version !== project.sourceApiVersion) {
                report.problem(
                    `${rel(xml)}:${lineOf(text, '<apiVersion>')}`,
                    `apiVersion ${version} differs from the project's sourceApiVersion ${project.sourceApiVersion}`
                );
            }
            const parentName = component === root ? undefined : root.fullName;
            docs.push({ type: type.name, fullName, parentName, file: rel(xml), text, xml: body });
        }
    }
    for (const dir of packageDirs()) {
        const ignore = ForceIgnore.findAndCreate(dir);
        for (const file of walk(dir)) {
            if (claimed.has(file) || unresolved.has(file) || ignore.denies(file)) continue;
            const meta = `${file}-meta.xml`;
            const hint = fs.existsSync(meta) ? '' : ` (no ${path.basename(meta)} beside it?)`;
            report.problem(rel(file), `is not part of any component, so the deploy silently skips it${hint}`);
        }
    }
    return docs;
}

/** A file's text, or null (reported) when it vanished since the tree was listed, e.g. mid-rename. */
function read(file) {
    try {
        return fs.readFileSync(file, 'utf8');
    } catch (error) {
        report.problem(rel(file), `could not be read (${error.code}); was it being changed? Run again.`);
        return null;
    }
}

/** Every custom label has its French and Spanish translation (the labels tool owns that rule). */
async function checkLabels() {
    const result = await run(process.execPath, [path.join(ROOT, 'scripts/labels.mjs'), 'check'], { env: sandbox.env });
    for (const line of result.stderr.split('\n').filter(Boolean)) {
        const m = /^([^:]+): (.*)$/.exec(line);
        if (m) report.problem(m[1], m[2]);
        else report.problem('scripts/labels.mjs', line);
    }
    if (result.code !== 0 && !result.stderr.trim()) report.problem('scripts/labels.mjs', `check exited ${result.code}`);
    process.stdout.write(result.stdout);
}

/**
 * The CLI's own conversion to Metadata API format. The output goes to dist/ (git-ignored), not .tmp/:
 * SDR's writer silently skips every output path that has a segment starting with a dot (default ignore).
 */
async function convert(components) {
    const sf = path.join(ROOT, 'node_modules/.bin/sf');
    for (const dir of packageDirs()) {
        const out = path.join(ROOT, 'dist', 'verify-metadata', path.basename(dir));
        fs.rmSync(out, { recursive: true, force: true });
        const args = ['project', 'convert', 'source', '--root-dir', rel(dir), '--output-dir', out, '--json'];
        const result = await run(sf, args, { env: sandbox.env });
        if (result.code === 0) {
            const written = walk(out).filter((f) => path.basename(f) !== 'package.xml').length;
            const expected = components.filter((c) => c.xml?.startsWith(dir + path.sep)).length;
            if (expected > 0 && written === 0) {
                report.problem(rel(dir), `sf project convert source wrote only package.xml into ${rel(out)}`);
            }
            continue;
        }
        let message = `${result.stdout}${result.stderr}`.trim();
        try {
            const json = JSON.parse(result.stdout);
            message = `${json.name ?? 'error'}: ${json.message}`;
        } catch {
            // not JSON: keep the raw output
        }
        report.problem(rel(dir), `sf project convert source failed (exit ${result.code}): ${message}`);
    }
}
