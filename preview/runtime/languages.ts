// The languages the local console speaks: English (the custom labels' own values) and the languages of the
// project's translation files (force-app/main/default/translations/<code>.translation-meta.xml). The server writes
// the chosen one into the page (`window.__relayLanguage`, from the `relay_language` cookie the header's language
// menu sets), as the platform renders the console in the user's language. Shared by the build, the server and
// the page: no DOM and no Node here.

export interface ConsoleLanguage {
    /** The translation file's name and `<html lang>`: `fr` for fr.translation-meta.xml. */
    code: 'en' | 'fr' | 'es';
    /** The language's name in itself, as a language menu shows it. */
    name: string;
    /** `@salesforce/i18n/lang` and `@salesforce/i18n/locale` (the base components format dates with them). */
    lang: string;
    locale: string;
    /** What the header's language menu is called, in this language (the shell's strings are not custom labels). */
    menuLabel: string;
}

export type LanguageCode = ConsoleLanguage['code'];

/** English first: a label with no translation shows its English value, as in an org. */
export const LANGUAGES: readonly ConsoleLanguage[] = [
    // `lang` and `locale` for English are lightning-base-components' own defaults.
    { code: 'en', name: 'English', lang: 'en', locale: 'en-US', menuLabel: 'Language' },
    { code: 'fr', name: 'Français', lang: 'fr', locale: 'fr-FR', menuLabel: 'Langue' },
    { code: 'es', name: 'Español', lang: 'es', locale: 'es-ES', menuLabel: 'Idioma' }
];

export const ENGLISH = LANGUAGES[0] as ConsoleLanguage;

/** The cookie that keeps a browser's choice across reloads. */
export const LANGUAGE_COOKIE = 'relay_language';

/** The console language of `code`, or English for anything else (an unknown or missing cookie). */
export function consoleLanguage(code: unknown): ConsoleLanguage {
    return LANGUAGES.find((language) => language.code === code) ?? ENGLISH;
}

/** The page's language, as the server wrote it (English where it wrote none). */
export function pageLanguage(): ConsoleLanguage {
    return consoleLanguage((globalThis as { __relayLanguage?: unknown }).__relayLanguage);
}

/** One text in the page's language, from its texts by language code (English when it has none in it). */
export function localized(texts: Partial<Record<LanguageCode, string>> & { en: string }): string {
    return texts[pageLanguage().code] ?? texts.en;
}
