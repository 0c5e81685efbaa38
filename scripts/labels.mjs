// Adds or updates a Relay custom label with its French and Spanish translations in one step, keeping
// CustomLabels and the translation files sorted and consistently formatted.
//   node scripts/labels.mjs add <Name> "<English>" "<French>" "<Spanish>" ["<short description>"]
//   node scripts/labels.mjs check     (every label has fr and es translations, none is orphaned)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const DIR = 'force-app/main/default';
const LABELS = `${DIR}/labels/CustomLabels.labels-meta.xml`;
const LANGS = ['fr', 'es'];
const translationFile = (lang) => `${DIR}/translations/${lang}.translation-meta.xml`;

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const unescapeXml = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function readLabels() {
    const xml = fs.readFileSync(LABELS, 'utf8');
    return [...xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)].map((m) => ({
        name: /<fullName>(.*?)<\/fullName>/.exec(m[1])[1],
        value: unescapeXml(/<value>([\s\S]*?)<\/value>/.exec(m[1])[1]),
        description: unescapeXml(/<shortDescription>([\s\S]*?)<\/shortDescription>/.exec(m[1])[1])
    }));
}

function readTranslations(lang) {
    const xml = fs.readFileSync(translationFile(lang), 'utf8');
    return new Map(
        [...xml.matchAll(/<customLabels>([\s\S]*?)<\/customLabels>/g)].map((m) => [
            /<name>(.*?)<\/name>/.exec(m[1])[1],
            unescapeXml(/<label>([\s\S]*?)<\/label>/.exec(m[1])[1])
        ])
    );
}

function writeLabels(labels) {
    const body = labels
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(
            (l) => `    <labels>
        <fullName>${l.name}</fullName>
        <categories>Relay</categories>
        <language>en_US</language>
        <protected>false</protected>
        <shortDescription>${escapeXml(l.description)}</shortDescription>
        <value>${escapeXml(l.value)}</value>
    </labels>`
        )
        .join('\n');
    fs.writeFileSync(
        LABELS,
        `<?xml version="1.0" encoding="UTF-8" ?>\n<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">\n${body}\n</CustomLabels>\n`
    );
}

// Rewrites only the <customLabels> entries: other translations in the file (the app's label, for example)
// are kept as they are.
function writeTranslations(lang, map) {
    const existing = fs.readFileSync(translationFile(lang), 'utf8');
    const inner = existing
        .replace(/^[\s\S]*?<Translations[^>]*>/, '')
        .replace(/<\/Translations>[\s\S]*$/, '')
        .replace(/ *<customLabels>[\s\S]*?<\/customLabels>\n?/g, '');
    const others = [...inner.matchAll(/ *<(\w+)>[\s\S]*?<\/\1>/g)].map((m) => ({ element: m[1], xml: m[0] }));
    const labels = [...map.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
            ([name, label]) =>
                `    <customLabels>\n        <label>${escapeXml(label)}</label>\n        <name>${name}</name>\n    </customLabels>`
        );
    // The Translations schema is a sequence in element-name order (customApplications, customLabels,
    // customTabs, ...): a deploy rejects elements out of that order.
    const entries = [...others, ...labels.map((xml) => ({ element: 'customLabels', xml }))]
        .sort((a, b) => (a.element < b.element ? -1 : a.element > b.element ? 1 : 0))
        .map((e) => e.xml);
    fs.writeFileSync(
        translationFile(lang),
        `<?xml version="1.0" encoding="UTF-8" ?>\n<Translations xmlns="http://soap.sforce.com/2006/04/metadata">\n${entries.join('\n')}\n</Translations>\n`
    );
}

const [command, name, en, fr, es, description] = process.argv.slice(2);
if (command === 'add') {
    if (!/^Relay_[A-Za-z0-9_]+$/.test(name ?? '') || !en || !fr || !es) {
        console.error(
            'usage: node scripts/labels.mjs add Relay_<Name> "<English>" "<French>" "<Spanish>" ["<description>"]'
        );
        process.exit(2);
    }
    if (name.length > 80 || en.length > 1000) {
        console.error('label name must be at most 80 characters and its value at most 1000');
        process.exit(2);
    }
    const labels = readLabels().filter((l) => l.name !== name);
    labels.push({
        name,
        value: en,
        description: (description ?? `Relay: ${name.slice(6).replace(/_/g, ' ')}`).slice(0, 80)
    });
    writeLabels(labels);
    for (const [lang, value] of [
        ['fr', fr],
        ['es', es]
    ]) {
        const map = readTranslations(lang);
        map.set(name, value);
        writeTranslations(lang, map);
    }
    // Prettier (XML plugin) is the project's formatter, so the files stay as `npm run lint` expects.
    execFileSync('node_modules/.bin/prettier', [
        '--write',
        '--log-level',
        'warn',
        LABELS,
        ...LANGS.map(translationFile)
    ]);
    console.log(`label ${name} saved (en, fr, es)`);
} else if (command === 'check') {
    const labels = readLabels();
    const names = new Set(labels.map((l) => l.name));
    const problems = [];
    // A line break inside a value reaches the agent as-is (it is how a formatter wrapping the XML shows up).
    for (const l of labels) if (/\n/.test(l.value)) problems.push(`${LABELS}: ${l.name} has a line break in its value`);
    for (const lang of LANGS) {
        const map = readTranslations(lang);
        for (const n of names) if (!map.has(n)) problems.push(`${translationFile(lang)}: no translation for ${n}`);
        for (const n of map.keys()) if (!names.has(n)) problems.push(`${translationFile(lang)}: ${n} is not a label`);
        for (const [n, v] of map)
            if (/\n/.test(v)) problems.push(`${translationFile(lang)}: ${n} has a line break in its value`);
    }
    problems.forEach((p) => console.error(p));
    console.log(`${names.size} labels, ${problems.length} translation problem(s)`);
    process.exit(problems.length ? 1 : 0);
} else {
    console.error('usage: node scripts/labels.mjs add|check ...');
    process.exit(2);
}
