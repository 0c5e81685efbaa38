// Custom labels (labels/*.labels-meta.xml, Metadata API "CustomLabels") and their translations
// (translations/<language>.translation-meta.xml, Metadata API "Translations": <customLabels><name/><label/>).
import path from 'node:path';
import { bool, list, readXml, text, texts } from './xml';
import type { CustomLabel } from './types';

export function readLabels(file: string): CustomLabel[] {
    const root = readXml(file, 'CustomLabels');
    return list(root, 'labels').map((label) => ({
        name: text(label, 'fullName') ?? '',
        value: text(label, 'value') ?? '',
        language: text(label, 'language') ?? 'en_US',
        // A label has categories as one comma-separated text in the UI; metadata may repeat the element.
        categories: texts(label, 'categories')
            .flatMap((value) => value.split(','))
            .map((value) => value.trim())
            .filter((value) => value !== ''),
        protected: bool(label, 'protected'),
        shortDescription: text(label, 'shortDescription')
    }));
}

/** Adds a translation file's custom labels to `translations` (label -> language -> text). */
export function readLabelTranslations(file: string, translations: Map<string, Map<string, string>>): void {
    const language = path.basename(file, '.translation-meta.xml');
    const root = readXml(file, 'Translations');
    for (const entry of list(root, 'customLabels')) {
        const name = text(entry, 'name');
        const label = text(entry, 'label');
        if (!name || label === undefined) continue;
        const byLanguage = translations.get(name) ?? new Map<string, string>();
        byLanguage.set(language, label);
        translations.set(name, byLanguage);
    }
}

/** A label in `language`: its translation when there is one, else its own value (as System.Label does). */
export function labelValue(
    labels: readonly CustomLabel[],
    translations: ReadonlyMap<string, ReadonlyMap<string, string>>,
    name: string,
    language: string
): string | undefined {
    const label = labels.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (!label) return undefined;
    return translations.get(label.name)?.get(language) ?? label.value;
}
