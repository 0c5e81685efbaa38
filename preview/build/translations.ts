// The project's translations (force-app/main/default/translations/<code>.translation-meta.xml, Metadata API
// "Translations"), for the console's language menu: each custom label's text, the app's label and the tabs'
// labels in French and Spanish. The build writes them into the bundle; the page picks its language at runtime.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths';
import { LANGUAGES, type LanguageCode } from '../runtime/languages';

export const TRANSLATIONS_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'translations');
const APPLICATIONS_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'applications');

export interface Translation {
    /** Custom label name (without `c.`) -> text. */
    labels: Map<string, string>;
    /** CustomApplication API name -> label. */
    applications: Map<string, string>;
    /** CustomTab API name -> label. */
    tabs: Map<string, string>;
}

const unescapeXml = (s: string): string =>
    s
        .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
        .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');

/** One language's translations; empty when the project has no file for it. */
export function readTranslation(code: string, dir: string = TRANSLATIONS_DIR): Translation {
    const translation: Translation = { labels: new Map(), applications: new Map(), tabs: new Map() };
    const file = path.join(dir, `${code}.translation-meta.xml`);
    if (!fs.existsSync(file)) return translation;
    const xml = fs.readFileSync(file, 'utf8');
    const into = {
        customLabels: translation.labels,
        customApplications: translation.applications,
        customTabs: translation.tabs
    };
    for (const match of xml.matchAll(/<(customLabels|customApplications|customTabs)>([\s\S]*?)<\/\1>/g)) {
        const body = match[2] ?? '';
        const name = /<name>([\s\S]*?)<\/name>/.exec(body)?.[1]?.trim();
        const label = /<label>([\s\S]*?)<\/label>/.exec(body)?.[1];
        if (name && label !== undefined) into[match[1] as keyof typeof into].set(name, unescapeXml(label));
    }
    return translation;
}

/** Every console language but English (whose texts are the labels' own), by code. */
export function readTranslations(dir: string = TRANSLATIONS_DIR): Map<LanguageCode, Translation> {
    return new Map(
        LANGUAGES.filter((language) => language.code !== 'en').map((language) => [
            language.code,
            readTranslation(language.code, dir)
        ])
    );
}

/**
 * The label table of each language: English has every label; another language has the labels it translates
 * (the page falls back to English for the others, as the platform does). A translation of a label that does
 * not exist is left out.
 */
export function labelTables(
    english: ReadonlyMap<string, string>,
    translations: ReadonlyMap<LanguageCode, Translation>
): Record<string, Record<string, string>> {
    const tables: Record<string, Record<string, string>> = { en: Object.fromEntries(english) };
    for (const [code, translation] of translations) {
        tables[code] = Object.fromEntries([...translation.labels].filter(([name]) => english.has(name)));
    }
    return tables;
}

/** The API name of the console app (the first Console app, as preview/lib/metadata.ts reads the layout). */
export function consoleAppName(dir: string = APPLICATIONS_DIR): string | undefined {
    if (!fs.existsSync(dir)) return undefined;
    const file = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.app-meta.xml'))
        .sort()
        .find((f) => /<navType>\s*Console\s*<\/navType>/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    return file === undefined ? undefined : file.slice(0, -'.app-meta.xml'.length);
}
