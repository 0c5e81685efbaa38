// Rollup plugins of the preview build: strip TypeScript before the LWC compiler, and serve the org-only
// modules (`@salesforce/*`, `lightning/empApi`, ...) from the preview runtime so the real components run.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'rollup';
import { PREVIEW_DIR, ROOT } from '../lib/paths';
import type { LwcBundle } from '../lib/bundles';
import type { ConsoleLayout, PlacedComponent, PresenceStatus } from '../lib/metadata';
import { LANGUAGES, type LanguageCode } from '../runtime/languages';
import { consoleAppName, labelTables, readTranslations, type Translation } from './translations';

const RUNTIME = path.join(PREVIEW_DIR, 'runtime');
const MESSAGE_CHANNELS = path.join(ROOT, 'force-app', 'main', 'default', 'messageChannels');
const AURA_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'aura');
const VIRTUAL = '\0relay-preview:';
/** The label tables of every console language, which each `@salesforce/label/c.X` module reads from. */
const LABELS_MODULE = 'relay-preview:labels';
const LANGUAGES_RUNTIME = path.join(RUNTIME, 'languages.ts');

/**
 * Same compiler settings as the deploy build (tsconfig.base.json): ESNext keeps @api/@track/@wire as
 * standard decorators, which the LWC compiler then compiles. The LWC compiler does not parse TypeScript.
 */
export function typescriptStrip(): Plugin {
    return {
        name: 'relay-ts-strip',
        transform(code, id) {
            const file = id.split('?')[0] ?? id; // LWC ids look like ".../x.ts?specifier=c%2Fx"
            if (!file.endsWith('.ts') || id.startsWith('\0')) {
                return null;
            }
            const out = ts.transpileModule(code, {
                fileName: file,
                compilerOptions: {
                    target: ts.ScriptTarget.ESNext,
                    module: ts.ModuleKind.ESNext,
                    experimentalDecorators: false,
                    useDefineForClassFields: true,
                    verbatimModuleSyntax: true,
                    sourceMap: true
                }
            });
            return { code: out.outputText, map: out.sourceMapText ?? null };
        }
    };
}

/** Runtime modules that stand in for the platform's, by the specifier the components import. */
const RUNTIME_MODULES: Record<string, string> = {
    '@salesforce/apex': 'apex.ts',
    'lightning/messageService': 'messageService.ts',
    'lightning/empApi': 'empApi.ts',
    'lightning/platformWorkspaceApi': 'workspaceApi.ts',
    'lightning/platformShowToastEvent': 'showToastEvent.ts',
    'lightning/navigation': 'navigation.ts',
    'lightning/uiRecordApi': 'uiRecordApi.ts',
    // A component (template and all) that lightning-base-components does not ship: compiled like any LWC.
    'lightning/recordPicker': 'lwc/lightning/recordPicker/recordPicker.ts',
    'lightning/inputRichText': 'lwc/lightning/inputRichText/inputRichText.ts'
};

/** `@salesforce/user/*`: the signed-in user, which the server writes into the page (window.__relayUser). */
const USER_MODULES: Record<string, string> = {
    Id: 'globalThis.__relayUser?.id ?? null',
    isGuest: 'false'
};

/**
 * `@salesforce/i18n/*` that follow the console's language (window.__relayLanguage): the base components format
 * dates with the locale. The others stay lightning-base-components' own (en-US) stubs.
 */
const I18N_MODULES: Record<string, string> = {
    lang: 'pageLanguage().lang',
    locale: 'pageLanguage().locale'
};

const isOrgOnly = (id: string): boolean =>
    id in RUNTIME_MODULES ||
    id.startsWith('@salesforce/apex/') ||
    id.startsWith('@salesforce/label/c.') ||
    id.startsWith('@salesforce/schema/') ||
    id.startsWith('@salesforce/user/') ||
    id.startsWith('@salesforce/messageChannel/') ||
    id === LABELS_MODULE ||
    (id.startsWith('@salesforce/i18n/') && id.slice(17) in I18N_MODULES);

/**
 * `relay-preview:labels`: every label's English value and its translations, and `label(name)`, the text in the
 * page's language (English when the label has no translation in it, as in an org).
 */
function labelTableModule(
    labels: ReadonlyMap<string, string>,
    translations: ReadonlyMap<LanguageCode, Translation>
): string {
    return [
        `import { pageLanguage } from ${JSON.stringify(LANGUAGES_RUNTIME)};`,
        `const tables = ${JSON.stringify(labelTables(labels, translations))};`,
        'const english = tables.en;',
        'const chosen = tables[pageLanguage().code] ?? english;',
        'const has = (table, name) => Object.prototype.hasOwnProperty.call(table, name);',
        'export function label(name) {',
        '    return has(chosen, name) ? chosen[name] : english[name];',
        '}'
    ].join('\n');
}

/**
 * Claims the org-only specifiers before the LWC plugin does. A label reads its text in the page's language from
 * the label tables (English, and the translations of force-app/main/default/translations); a missing label or
 * message channel fails the build as it would fail a deployment.
 * LBC's own `@salesforce/label/Lightning*` stubs are left to LBC's module map (they stay in English).
 */
export function orgModules(
    labels: Map<string, string>,
    translations: ReadonlyMap<LanguageCode, Translation> = readTranslations()
): Plugin {
    return {
        name: 'relay-org-modules',
        resolveId(id) {
            if (id in RUNTIME_MODULES) {
                return path.join(RUNTIME, RUNTIME_MODULES[id]);
            }
            return isOrgOnly(id) ? VIRTUAL + id : null;
        },
        load(id) {
            if (!id.startsWith(VIRTUAL) || id === VIRTUAL + 'console') {
                return null;
            }
            const spec = id.slice(VIRTUAL.length);
            const json = JSON.stringify;
            if (spec === LABELS_MODULE) {
                return labelTableModule(labels, translations);
            }
            if (spec.startsWith('@salesforce/i18n/')) {
                return `import { pageLanguage } from ${json(LANGUAGES_RUNTIME)};\nexport default ${I18N_MODULES[spec.slice(17)]};`;
            }
            if (spec.startsWith('@salesforce/apex/')) {
                const apexRuntime = json(path.join(RUNTIME, 'apex.ts'));
                return `import { apexMethod } from ${apexRuntime};\nexport default apexMethod(${json(spec.slice(17))});`;
            }
            if (spec.startsWith('@salesforce/label/c.')) {
                const name = spec.slice('@salesforce/label/c.'.length);
                const value = labels.get(name);
                if (value === undefined) {
                    this.error(`Custom label c.${name} does not exist in CustomLabels.labels-meta.xml`);
                }
                return `import { label } from ${json(LABELS_MODULE)};\nexport default label(${json(name)});`;
            }
            if (spec.startsWith('@salesforce/schema/')) {
                const [objectApiName, ...rest] = spec.slice(19).split('.');
                const value = rest.length ? { objectApiName, fieldApiName: rest.join('.') } : { objectApiName };
                return `export default ${json(value)};`;
            }
            if (spec.startsWith('@salesforce/user/')) {
                const key = spec.slice(17);
                if (!(key in USER_MODULES)) {
                    this.error(
                        `The preview does not provide ${spec}; add it to USER_MODULES in preview/build/plugins.ts`
                    );
                }
                return `export default ${USER_MODULES[key]};`;
            }
            if (spec.startsWith('@salesforce/messageChannel/')) {
                const channel = spec.slice(27);
                const meta = path.join(MESSAGE_CHANNELS, `${channel.replace(/__c$/, '')}.messageChannel-meta.xml`);
                // lightning__tabClosed and the other standard channels come with the platform.
                if (!channel.startsWith('lightning__') && !fs.existsSync(meta)) {
                    this.error(`Message channel ${channel} has no metadata file ${path.relative(ROOT, meta)}`);
                }
                return `export default Object.freeze({ channel: ${json(channel)} });`;
            }
            return null;
        }
    };
}

export interface ConsoleModuleInput {
    layout: ConsoleLayout;
    bundles: LwcBundle[];
    presenceStatuses: PresenceStatus[];
    labels: Map<string, string>;
    /** French and Spanish: the app's and tabs' labels (default: the project's translation files). */
    translations?: ReadonlyMap<LanguageCode, Translation>;
}

/** Where each placed component ends up in the preview: an LWC to mount, the Omni widget, or nothing. */
export function describePlacement(
    component: PlacedComponent,
    bundles: LwcBundle[]
): 'lwc' | 'omni' | 'aura' | 'unsupported' {
    if (component.componentName === 'runtime_service_omnichannel:omniWidget') return 'omni';
    const [namespace, name = ''] = component.componentName.split(':');
    if (namespace === 'c' && bundles.some((b) => b.name === name && b.hasTemplate)) return 'lwc';
    // Aura has no compiler outside an org; the Omni-Channel relay's job is done by the preview's Omni simulator.
    return namespace === 'c' && fs.existsSync(path.join(AURA_DIR, name)) ? 'aura' : 'unsupported';
}

/**
 * `{!$Label.c.X}` in a flexipage decorator reads the label in the page's language, as the platform renders it:
 * the source of the decorator's value in the console module.
 */
function decoratorSource(value: string | undefined, labels: Map<string, string>): string {
    const match = value === undefined ? null : /^\{!\$Label\.c\.(\w+)\}$/.exec(value);
    if (match && labels.has(match[1])) return `label(${JSON.stringify(match[1])})`;
    return value === undefined ? 'undefined' : JSON.stringify(value);
}

/** The source of a metadata label in the page's language: `localized({ en, fr, es })`. */
function localizedSource(
    english: string,
    translated: (t: Translation) => string | undefined,
    translations: ReadonlyMap<LanguageCode, Translation>
): string {
    const texts: Record<string, string> = { en: english };
    for (const language of LANGUAGES) {
        const translation = translations.get(language.code);
        const text = translation ? translated(translation) : undefined;
        if (text !== undefined) texts[language.code] = text;
    }
    return `localized(${JSON.stringify(texts)})`;
}

/**
 * `relay-preview:console`: the console as the project's metadata describes it (app, utility bar, record
 * pages, presence statuses), importing exactly the LWCs the flexipages place. A component plugs into the
 * preview by being placed on a flexipage, with no change to the shell.
 */
export function consoleModule(input: ConsoleModuleInput): Plugin {
    return {
        name: 'relay-console',
        resolveId: (id) => (id === 'relay-preview:console' ? VIRTUAL + 'console' : null),
        load(id) {
            if (id !== VIRTUAL + 'console') {
                return null;
            }
            const translations = input.translations ?? readTranslations();
            const appName = consoleAppName();
            const imports: string[] = [
                `import { label } from ${JSON.stringify(LABELS_MODULE)};`,
                `import { localized } from ${JSON.stringify(LANGUAGES_RUNTIME)};`
            ];
            const ctorFor = new Map<string, string>();
            const describe = (c: PlacedComponent): string => {
                const kind = describePlacement(c, input.bundles);
                const name = c.componentName.split(':')[1] ?? '';
                let ctor = 'undefined';
                let tag = 'undefined';
                if (kind === 'lwc') {
                    const bundle = input.bundles.find((b) => b.name === name) as LwcBundle;
                    if (!ctorFor.has(name)) {
                        ctorFor.set(name, `C${ctorFor.size}`);
                        imports.push(`import ${ctorFor.get(name) as string} from ${JSON.stringify(bundle.specifier)};`);
                    }
                    ctor = ctorFor.get(name) as string;
                    tag = JSON.stringify(bundle.tag);
                }
                const decorators = Object.entries(c.decorators)
                    .map(([k, v]) => `${JSON.stringify(k)}: ${decoratorSource(v, input.labels)}`)
                    .join(', ');
                return (
                    `{ kind: ${JSON.stringify(kind)}, componentName: ${JSON.stringify(c.componentName)}, ` +
                    `decorators: { ${decorators} }, properties: ${JSON.stringify(c.properties)}, ` +
                    `tag: ${tag}, ctor: ${ctor} }`
                );
            };
            const list = (components: PlacedComponent[]): string => `[${components.map(describe).join(', ')}]`;
            const appPages = input.layout.appPages
                .map(
                    (p) =>
                        `{ apiName: ${JSON.stringify(p.apiName)}, label: ${localizedSource(p.label, (t) => t.tabs.get(p.apiName), translations)}, components: ${list(p.components)} }`
                )
                .join(', ');
            const recordPages = Object.entries(input.layout.recordPages)
                .map(([sobject, components]) => `${JSON.stringify(sobject)}: ${list(components)}`)
                .join(', ');
            // Every bundle, placed or not, is compiled (a bundle that does not compile fails the build, as a
            // deployment would) and reachable from tests through window.__relayPreview.bundles.
            input.bundles.forEach((b, i) => imports.push(`import * as B${i} from ${JSON.stringify(b.specifier)};`));
            const bundles = input.bundles.map((b, i) => `${JSON.stringify(b.name)}: B${i}`).join(', ');
            const tags = input.bundles.map((b) => `${JSON.stringify(b.name)}: ${JSON.stringify(b.tag)}`).join(', ');
            const body = [
                `export const bundles = { ${bundles} };`,
                `export const bundleTags = { ${tags} };`,
                `export const app = { label: ${localizedSource(input.layout.appLabel, (t) => (appName === undefined ? undefined : t.applications.get(appName)), translations)}, headerColor: ${JSON.stringify(input.layout.headerColor)} };`,
                `export const utilityItems = ${list(input.layout.utilityItems)};`,
                `export const backgroundComponents = ${list(input.layout.backgroundComponents)};`,
                `export const recordPages = { ${recordPages} };`,
                `export const appPages = [${appPages}];`,
                `export const presenceStatuses = ${JSON.stringify(input.presenceStatuses)};`
            ];
            return `${imports.join('\n')}\n${body.join('\n')}\n`;
        }
    };
}
