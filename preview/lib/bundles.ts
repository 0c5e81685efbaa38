// The project's LWC bundles as the preview sees them: each force-app/main/default/lwc/<name>/<name>.ts,
// whether it has a template (a component) or not (a shared module), and which Apex methods it imports.
import fs from 'node:fs';
import path from 'node:path';
import { LWC_DIR } from './paths';

export interface LwcBundle {
    name: string;
    /** The module specifier components use: `c/<name>`. */
    specifier: string;
    /** The custom element tag the platform gives it: `c-<kebab-name>`. */
    tag: string;
    entry: string;
    hasTemplate: boolean;
    metaFile: string;
}

export const tagFor = (name: string): string => `c-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function listBundles(lwcDir: string = LWC_DIR): LwcBundle[] {
    if (!fs.existsSync(lwcDir)) {
        return [];
    }
    return fs
        .readdirSync(lwcDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && fs.existsSync(path.join(lwcDir, d.name, `${d.name}.ts`)))
        .map((d) => ({
            name: d.name,
            specifier: `c/${d.name}`,
            tag: tagFor(d.name),
            entry: path.join(lwcDir, d.name, `${d.name}.ts`),
            hasTemplate: fs.existsSync(path.join(lwcDir, d.name, `${d.name}.html`)),
            metaFile: path.join(lwcDir, d.name, `${d.name}.js-meta.xml`)
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
}

/** `masterLabel` from the bundle's js-meta.xml: the name an admin sees in the utility bar, if any. */
export function masterLabel(bundle: LwcBundle): string | undefined {
    if (!fs.existsSync(bundle.metaFile)) {
        return undefined;
    }
    return /<masterLabel>([\s\S]*?)<\/masterLabel>/.exec(fs.readFileSync(bundle.metaFile, 'utf8'))?.[1]?.trim();
}

const APEX_IMPORT = /from\s+['"]@salesforce\/apex\/([A-Za-z0-9_]+\.[A-Za-z0-9_]+)['"]/g;

/** Every `Class.method` imported from `@salesforce/apex/...` by the bundles' TypeScript (tests excluded). */
export function apexImports(lwcDir: string = LWC_DIR): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const visit = (dir: string): void => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            if (entry.isDirectory()) {
                if (entry.name !== '__tests__' && entry.name !== 'node_modules') visit(full);
            } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
                for (const m of fs.readFileSync(full, 'utf8').matchAll(APEX_IMPORT)) {
                    const method = m[1];
                    found.set(method, [...(found.get(method) ?? []), path.relative(lwcDir, full)]);
                }
            }
        }
    };
    if (fs.existsSync(lwcDir)) visit(lwcDir);
    return found;
}
