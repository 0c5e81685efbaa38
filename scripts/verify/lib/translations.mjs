// The translation part of `npm run verify:metadata`: every label of Relay's custom objects, app and tabs that an
// agent or admin sees has its French and Spanish translation, so a new field or picklist value cannot ship in
// English only. Custom labels are checked by scripts/labels.mjs.
//
// What the Metadata API can translate, and so what is checked (Metadata API Developer Guide):
//   - CustomObjectTranslation (objectTranslations/<Object>-<lang>/): the object's names (caseValues), its name
//     field, its validation rule messages, and per field (CustomFieldTranslation, <Field>.fieldTranslation-meta.xml)
//     the label, help text, relationship label and every picklist value;
//     https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_customobjecttranslation.htm
//   - Translations (translations/<lang>.translation-meta.xml): customApplications (each app's label) and customTabs
//     (each tab that is not an object's tab; an object tab shows the object's name);
//     https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_translations.htm
// Checked: the custom objects (__c) that are not custom settings. Custom settings, custom metadata types (__mdt) and
// platform events (__e) are left out until an org shows their translations deploy (docs/open-questions.md).
// Presence statuses, utility bar items and list views have no translation element in the Metadata API; see
// docs/open-questions.md.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** The languages every label must have besides English. */
export const LANGUAGES = { fr: 'French', es: 'Spanish' };

const REPEATED = new Set([
    'caseValues',
    'picklistValues',
    'validationRules',
    'value',
    'customApplications',
    'customTabs',
    'customLabels'
]);
const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name)
});

/** The text of a parsed element ('' when absent or empty). */
const text = (value) => (value === undefined || value === null ? '' : String(value).trim());

/** 1-based line of the first line containing `needle`, else 1. */
function lineOf(source, needle) {
    const index = source.indexOf(needle);
    return index < 0 ? 1 : source.slice(0, index).split('\n').length;
}

/** The parsed root element of an XML file and its text, or null when the file does not exist. */
function readXml(file, rootElement) {
    if (!fs.existsSync(file)) return null;
    const source = fs.readFileSync(file, 'utf8');
    return { source, xml: parser.parse(source)[rootElement] ?? {} };
}

/** The package directories (absolute) of the project at `root`. */
function packageDirs(root) {
    const project = JSON.parse(fs.readFileSync(path.join(root, 'sfdx-project.json'), 'utf8'));
    return project.packageDirectories.map((d) => path.resolve(root, d.path));
}

/** Every directory named `name` under `dir`. */
function dirsNamed(dir, name) {
    const found = [];
    const visit = (d) => {
        for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
            if (!entry.isDirectory() || entry.name === 'node_modules') continue;
            const p = path.join(d, entry.name);
            if (entry.name === name) found.push(p);
            else visit(p);
        }
    };
    if (fs.existsSync(dir)) visit(dir);
    return found.sort();
}

/** The `.xml` files directly in `dir` whose name ends with `suffix`, sorted. */
const filesIn = (dir, suffix) =>
    fs.existsSync(dir)
        ? fs
              .readdirSync(dir)
              .filter((n) => n.endsWith(suffix))
              .sort()
        : [];

/**
 * Checks the project at `root`. Returns { problems: [{ file, line, message }], objects, fields } with paths
 * relative to the root.
 */
export function checkTranslations(root, languages = LANGUAGES) {
    const problems = [];
    const rel = (file) => path.relative(root, file).split(path.sep).join('/');
    const problem = (file, line, message) => problems.push({ file: rel(file), line, message });
    let objects = 0;
    let fields = 0;

    for (const dir of packageDirs(root)) {
        for (const objectsDir of dirsNamed(dir, 'objects')) {
            const translationsDir = path.join(path.dirname(objectsDir), 'objectTranslations');
            for (const object of fs.readdirSync(objectsDir).sort()) {
                const objectFile = path.join(objectsDir, object, `${object}.object-meta.xml`);
                if (!/__c$/.test(object) || !fs.existsSync(objectFile)) continue;
                const definition = readXml(objectFile, 'CustomObject');
                if (definition.xml.customSettingsType !== undefined) continue;
                objects++;
                const fieldFiles = filesIn(path.join(objectsDir, object, 'fields'), '.field-meta.xml');
                fields += fieldFiles.length;
                for (const [lang, language] of Object.entries(languages)) {
                    checkObject({
                        objectsDir,
                        translationsDir,
                        object,
                        definition,
                        fieldFiles,
                        lang,
                        language,
                        problem,
                        rel
                    });
                }
            }
        }
        for (const [lang, language] of Object.entries(languages)) checkAppsAndTabs(dir, lang, language, problem);
    }
    return { problems, objects, fields };
}

/** One object in one language: the object translation, then each field's. */
function checkObject({ objectsDir, translationsDir, object, definition, fieldFiles, lang, language, problem, rel }) {
    const objectFile = path.join(objectsDir, object, `${object}.object-meta.xml`);
    const dir = path.join(translationsDir, `${object}-${lang}`);
    const translationFile = path.join(dir, `${object}-${lang}.objectTranslation-meta.xml`);
    const translation = readXml(translationFile, 'CustomObjectTranslation');
    const where = (name) => rel(path.join(dir, name));
    if (!translation) {
        problem(
            objectFile,
            1,
            `${object} has no ${language} translation: ${where(`${object}-${lang}.objectTranslation-meta.xml`)} is missing`
        );
    } else {
        const cases = translation.xml.caseValues ?? [];
        for (const plural of ['false', 'true']) {
            if (!cases.some((c) => text(c.plural) === plural && text(c.value))) {
                const which =
                    plural === 'true'
                        ? `plural label (${text(definition.xml.pluralLabel)})`
                        : `label (${text(definition.xml.label)})`;
                problem(
                    translationFile,
                    1,
                    `${object} has no ${language} ${which}: add <caseValues> with <plural>${plural}</plural>`
                );
            }
        }
        if (definition.xml.nameField && !text(translation.xml.nameFieldLabel)) {
            problem(translationFile, 1, `${object} has no ${language} name field label (<nameFieldLabel>)`);
        }
        const ruleTranslations = new Map(
            (translation.xml.validationRules ?? []).map((r) => [text(r.name), text(r.errorMessage)])
        );
        for (const ruleFile of filesIn(path.join(objectsDir, object, 'validationRules'), '.validationRule-meta.xml')) {
            const rule = ruleFile.replace(/\.validationRule-meta\.xml$/, '');
            if (!ruleTranslations.get(rule)) {
                problem(
                    translationFile,
                    1,
                    `validation rule ${object}.${rule} has no ${language} error message (<validationRules>)`
                );
            }
        }
    }

    const fieldNames = new Set();
    for (const fieldFileName of fieldFiles) {
        const field = fieldFileName.replace(/\.field-meta\.xml$/, '');
        fieldNames.add(field);
        const fieldFile = path.join(objectsDir, object, 'fields', fieldFileName);
        const fieldTranslationFile = path.join(dir, `${field}.fieldTranslation-meta.xml`);
        const source = readXml(fieldFile, 'CustomField').xml;
        const translated = readXml(fieldTranslationFile, 'CustomFieldTranslation');
        if (!translated) {
            problem(
                fieldFile,
                1,
                `${object}.${field} has no ${language} translation: ${where(`${field}.fieldTranslation-meta.xml`)} is missing`
            );
            continue;
        }
        const t = translated.xml;
        const at = (needle) => lineOf(translated.source, needle);
        if (text(t.name) !== field) problem(fieldTranslationFile, at('<name>'), `<name> must be ${field}`);
        if (!text(t.label)) problem(fieldTranslationFile, 1, `${object}.${field} has no ${language} label (<label>)`);
        if (text(source.inlineHelpText) && !text(t.help)) {
            problem(fieldTranslationFile, 1, `${object}.${field} has help text but no ${language} one (<help>)`);
        }
        if (text(source.relationshipLabel) && !text(t.relationshipLabel)) {
            problem(
                fieldTranslationFile,
                1,
                `${object}.${field} has a relationship label but no ${language} one (<relationshipLabel>)`
            );
        }
        const values = source.valueSet?.valueSetDefinition?.value ?? [];
        const picklist = t.picklistValues ?? [];
        for (const value of values) {
            const names = [text(value.fullName), text(value.label)].filter(Boolean);
            const match = picklist.find((p) => names.includes(text(p.masterLabel)));
            if (!match || !text(match.translation)) {
                problem(
                    fieldTranslationFile,
                    match ? at(`<masterLabel>${text(match.masterLabel)}</masterLabel>`) : 1,
                    `picklist value "${names.at(-1)}" of ${object}.${field} has no ${language} translation (<picklistValues>)`
                );
            }
        }
        for (const p of picklist) {
            const known = values.some((v) => [text(v.fullName), text(v.label)].includes(text(p.masterLabel)));
            if (!known) {
                problem(
                    fieldTranslationFile,
                    at(`<masterLabel>${text(p.masterLabel)}</masterLabel>`),
                    `translates picklist value "${text(p.masterLabel)}", which ${object}.${field} does not have`
                );
            }
        }
    }
    for (const name of filesIn(dir, '.fieldTranslation-meta.xml')) {
        const field = name.replace(/\.fieldTranslation-meta\.xml$/, '');
        if (!fieldNames.has(field))
            problem(path.join(dir, name), 1, `translates ${object}.${field}, which does not exist`);
    }
}

/** Each app's label and each tab that is not an object's tab have a translation in translations/<lang>. */
function checkAppsAndTabs(packageDir, lang, language, problem) {
    for (const defaultDir of dirsNamed(packageDir, 'applications').map(path.dirname)) {
        const file = path.join(defaultDir, 'translations', `${lang}.translation-meta.xml`);
        const translations = readXml(file, 'Translations');
        const apps = filesIn(path.join(defaultDir, 'applications'), '.app-meta.xml').map((n) =>
            n.replace(/\.app-meta\.xml$/, '')
        );
        const tabs = filesIn(path.join(defaultDir, 'tabs'), '.tab-meta.xml')
            .filter((n) => text(readXml(path.join(defaultDir, 'tabs', n), 'CustomTab').xml.customObject) !== 'true')
            .map((n) => n.replace(/\.tab-meta\.xml$/, ''));
        if (!translations) {
            if (apps.length + tabs.length > 0)
                problem(file, 1, `is missing: the ${language} labels of the apps and tabs go there`);
            continue;
        }
        const labelled = (element) =>
            new Map((translations.xml[element] ?? []).map((e) => [text(e.name), text(e.label)]));
        const appLabels = labelled('customApplications');
        for (const app of apps) {
            if (!appLabels.get(app)) problem(file, 1, `app ${app} has no ${language} label (<customApplications>)`);
        }
        const tabLabels = labelled('customTabs');
        for (const tab of tabs)
            if (!tabLabels.get(tab)) problem(file, 1, `tab ${tab} has no ${language} label (<customTabs>)`);
    }
}
