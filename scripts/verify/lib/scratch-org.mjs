// The scratch-org definition part of `npm run verify:metadata`. `sf org create scratch` sends the definition to the
// Dev Hub as it is, so a feature that does not exist, a setting the Metadata API does not have, or a setting whose
// feature is missing is only found when an org is created. This check refuses anything that
// scripts/verify/scratch-org-reference.json does not list, and that file lists only what the Salesforce DX
// Developer Guide ("Scratch Org Features", "Scratch Org Settings") and the Metadata API Developer Guide (each
// settings type's page) document, with the page beside each entry. docs/scratch-org.md has the sources.
import fs from 'node:fs';
import path from 'node:path';

/** The reference file, relative to the project root. */
export const REFERENCE = 'scripts/verify/scratch-org-reference.json';

/** The scratch-org definition files of a project (relative paths): config/*scratch-def.json. */
export function scratchDefinitions(root) {
    const dir = path.join(root, 'config');
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((name) => /scratch-def\.json$/.test(name))
        .sort()
        .map((name) => `config/${name}`);
}

/** The reference (scratch-org-reference.json) of a project. */
export function readReference(root) {
    return JSON.parse(fs.readFileSync(path.join(root, REFERENCE), 'utf8'));
}

/**
 * Checks every scratch-org definition of the project against the reference. Returns the problems as
 * [{ file, line, message }] (file relative to the root, line 1-based) and what was checked.
 */
export function checkScratchOrg(root, reference = readReference(root)) {
    const problems = [...checkReference(reference)];
    const files = scratchDefinitions(root);
    for (const file of files)
        problems.push(...checkDefinition(file, fs.readFileSync(path.join(root, file), 'utf8'), reference));
    return { problems, files };
}

/** Every entry of the reference names the page that documents it. */
function checkReference(reference) {
    const problems = [];
    const needsSource = (what, entry) => {
        if (!/^https:\/\/\S+$/.test(entry?.source ?? '')) {
            problems.push({
                file: REFERENCE,
                line: 1,
                message: `${what} has no source URL: cite the page that documents it`
            });
        }
    };
    needsSource('topLevelKeys', reference.topLevelKeys);
    needsSource('editions', reference.editions);
    for (const [name, entry] of Object.entries(reference.features ?? {})) needsSource(`feature ${name}`, entry);
    for (const [name, entry] of Object.entries(reference.settings ?? {})) {
        needsSource(`setting ${name}`, entry);
        if (entry.requiresFeature) needsSource(`setting ${name}'s requiresFeature`, entry.requiresFeature);
    }
    return problems;
}

/** 1-based line of the first line at or after `from` (1-based) holding the JSON key or string `"name"`; else `from`. */
function lineOf(text, name, from = 1) {
    const lines = text.split('\n');
    for (let i = from - 1; i < lines.length; i++) if (lines[i].includes(`"${name}"`)) return i + 1;
    return from;
}

const typeOf = (value) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);

/** The problems of one definition file's text. */
export function checkDefinition(file, text, reference) {
    const problems = [];
    const problem = (line, message) => problems.push({ file, line, message });
    let definition;
    try {
        definition = JSON.parse(text);
    } catch (error) {
        const position = Number(/position (\d+)/.exec(error.message)?.[1]);
        const line = Number.isFinite(position) ? text.slice(0, position).split('\n').length : 1;
        problem(line, `is not valid JSON: ${error.message}`);
        return problems;
    }
    if (typeOf(definition) !== 'object') {
        problem(1, 'must be a JSON object');
        return problems;
    }
    const cite = (url) => `(${url}; allowed values: ${REFERENCE})`;

    const keys = new Set(reference.topLevelKeys.names);
    for (const key of Object.keys(definition)) {
        if (!keys.has(key)) {
            problem(
                lineOf(text, key),
                `unknown scratch-org definition key "${key}" ${cite(reference.topLevelKeys.source)}`
            );
        }
    }
    if (!reference.editions.names.includes(definition.edition)) {
        problem(
            lineOf(text, 'edition'),
            `unknown scratch-org edition ${JSON.stringify(definition.edition ?? null)} ${cite(reference.editions.source)}`
        );
    }

    // Features are not case-sensitive, and a quantity follows a colon (AddCustomObjects:5).
    const features = new Map(
        Object.entries(reference.features).map(([name, entry]) => [name.toLowerCase(), { name, ...entry }])
    );
    const enabled = new Set();
    const listed = definition.features ?? [];
    if (!Array.isArray(listed)) {
        problem(lineOf(text, 'features'), '"features" must be an array of feature names');
    } else {
        for (const feature of listed) {
            const name = typeof feature === 'string' ? feature.split(':')[0].trim() : '';
            const known = features.get(name.toLowerCase());
            if (known) {
                enabled.add(known.name);
                continue;
            }
            problem(
                lineOf(text, String(feature), lineOf(text, 'features')),
                `unknown scratch-org feature "${feature}": not in the Salesforce DX Developer Guide's Scratch Org Features ` +
                    `list as recorded in ${REFERENCE}; use a documented feature (or enable it through a setting)`
            );
        }
    }

    const settings = definition.settings ?? {};
    if (typeOf(settings) !== 'object') {
        problem(lineOf(text, 'settings'), '"settings" must be an object of Metadata API settings');
        return problems;
    }
    const settingsLine = lineOf(text, 'settings');
    for (const [name, fields] of Object.entries(settings)) {
        const line = lineOf(text, name, settingsLine);
        const known = reference.settings[name];
        if (!known) {
            problem(
                line,
                `unknown scratch-org setting "${name}": not a Metadata API settings type recorded in ${REFERENCE} ` +
                    '(settings are the Metadata API Settings types in lower camel case, for example omniChannelSettings)'
            );
            continue;
        }
        if (known.requiresFeature && !enabled.has(known.requiresFeature.name)) {
            problem(
                line,
                `setting "${name}" needs the scratch-org feature "${known.requiresFeature.name}" in "features" ` +
                    `(${known.requiresFeature.source})`
            );
        }
        if (typeOf(fields) !== 'object') {
            problem(line, `setting "${name}" must be an object of its fields (${known.source})`);
            continue;
        }
        for (const [field, value] of Object.entries(fields)) {
            const type = known.fields[field];
            const fieldLine = lineOf(text, field, line);
            if (!type) {
                problem(
                    fieldLine,
                    `unknown field "${field}" of setting "${name}": ${REFERENCE} records ` +
                        `${Object.keys(known.fields).join(', ')} from ${known.source}`
                );
            } else if (typeOf(value) !== type) {
                problem(
                    fieldLine,
                    `field "${name}.${field}" must be a ${type}, not ${typeOf(value)} (${known.source})`
                );
            }
        }
    }
    return problems;
}
