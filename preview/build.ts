// Builds the local console: the project's LWCs compiled from their TypeScript by the LWC compiler, with
// lightning-base-components, synthetic shadow and the preview runtime, into preview/dist. Components are
// placed where the console's flexipages place them.
//   npx tsx preview/build.ts
import fs from 'node:fs';
import path from 'node:path';
import { rollup, type RollupLog } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { listBundles } from './lib/bundles';
import { readLabels } from './lib/labels';
import { readConsoleLayout, readPresenceStatuses } from './lib/metadata';
import { DIST_DIR, LWC_DIR, PREVIEW_DIR, ROOT } from './lib/paths';
import { consoleModule, describePlacement, orgModules, typescriptStrip } from './build/plugins';
import { hashBuildInputs } from './build/inputs';

export interface BuildReport {
    ms: number;
    outDir: string;
    /** LWC bundles in force-app (components and shared modules). */
    bundles: string[];
    /** Placed components and what the preview does with each: lwc, omni (the Omni simulator) or unsupported. */
    placements: { componentName: string; where: string; kind: string }[];
    warnings: string[];
}

/** A module no plugin resolves: an org-only module the preview has no stand-in for, or a typo. */
export class UnresolvedImportError extends Error {
    constructor(log: RollupLog) {
        const module = log.exporter ?? log.id ?? 'a module';
        super(
            `The preview build cannot resolve ${module} (imported by ${log.id ? path.relative(ROOT, log.id) : 'a bundle'}). ` +
                'If the platform provides it, add a stand-in to RUNTIME_MODULES in preview/build/plugins.ts ' +
                '(a module, or an LWC, under preview/runtime/).'
        );
        this.name = 'UnresolvedImportError';
    }
}

export interface BuildOptions {
    outDir?: string;
    quiet?: boolean;
    /** More SFDX-style lwc folders (<name>/<name>.ts) to compile in: test fixtures, never the app's own. */
    extraLwcDirs?: string[];
}

export async function buildPreview(options: BuildOptions = {}): Promise<BuildReport> {
    const started = Date.now();
    const outDir = options.outDir ?? DIST_DIR;
    const bundles = [listBundles(), ...(options.extraLwcDirs ?? []).map((dir) => listBundles(dir))].flat();
    const labels = readLabels();
    const layout = readConsoleLayout();
    const warnings: string[] = [];

    const bundle = await rollup({
        input: path.join(PREVIEW_DIR, 'shell', 'main.ts'),
        plugins: [
            orgModules(labels), // before lwc(): claims @salesforce/* and the org-only lightning/* modules
            consoleModule({ layout, bundles, presenceStatuses: readPresenceStatuses(), labels }),
            typescriptStrip(), // before lwc(): transform hooks run in plugin order
            replace({
                preventAssignment: true,
                values: {
                    'process.env.NODE_ENV': JSON.stringify('development'),
                    'import.meta.env.SSR': 'false' // lightning-base-components uses Vite's flag
                }
            }),
            lwc({
                rootDir: LWC_DIR,
                apiVersion: 65,
                // lightning-combobox attaches ElementInternals (a form-associated element); under synthetic
                // shadow the engine allows that only for components compiled with this flag, as the platform does.
                enableSyntheticElementInternals: true,
                modules: [
                    // SFDX layout is <name>/<name>.ts with an implicit "c" namespace: one alias per bundle.
                    ...bundles.map((b) => ({ name: b.specifier, path: b.entry })),
                    { npm: 'lightning-base-components' }
                ]
            }),
            nodeResolve({ extensions: ['.mjs', '.js', '.ts', '.json'] })
        ],
        onwarn(log: RollupLog) {
            // An import nothing resolves would stay a bare `import 'lightning/x'` in the bundle, and the page
            // would throw when it loads: fail the build instead, as a deployment fails on an unknown module.
            if (log.code === 'UNRESOLVED_IMPORT') throw new UnresolvedImportError(log);
            if (log.code !== 'CIRCULAR_DEPENDENCY') warnings.push(`${log.code ?? ''} ${log.message}`);
        }
    });
    fs.rmSync(outDir, { recursive: true, force: true });
    await bundle.write({ dir: outDir, entryFileNames: 'main.js', format: 'esm', sourcemap: true });
    await bundle.close();
    await buildStreamWorker(outDir);

    const place = (where: string) => (c: { componentName: string }) => ({
        componentName: c.componentName,
        where,
        kind: describePlacement({ componentName: c.componentName, decorators: {}, properties: {} }, bundles)
    });
    const report: BuildReport = {
        ms: Date.now() - started,
        outDir,
        bundles: bundles.map((b) => b.name),
        placements: [
            ...layout.utilityItems.map(place('utility bar')),
            ...layout.backgroundComponents.map(place('utility bar (background)')),
            ...Object.entries(layout.recordPages).flatMap(([sobject, list]) =>
                list.map(place(`${sobject} record page`))
            ),
            ...layout.appPages.flatMap((p) => p.components.map(place(`${p.label} tab`)))
        ],
        warnings
    };
    if (!options.quiet) {
        // lightning-base-components' own template warnings are not ours to fix; count them only.
        const ours = warnings.filter((w) => !w.includes('node_modules/'));
        for (const w of ours) console.warn(`preview build warning: ${w}`);
        if (warnings.length > ours.length) {
            console.warn(`preview build: ${warnings.length - ours.length} warning(s) from node_modules not shown`);
        }
        const placed = report.placements.map((p) => `${p.componentName} (${p.where}: ${p.kind})`).join(', ');
        console.log(
            `preview: built ${path.relative(ROOT, outDir)} in ${(report.ms / 1000).toFixed(1)}s; ` +
                `LWC bundles: ${report.bundles.join(', ') || 'none'}; placed: ${placed || 'nothing'}`
        );
    }
    return report;
}

/**
 * The SharedWorker every tab of a browser shares its server streams through (preview/runtime/streamWorker.ts),
 * as a classic script: dist/stream-worker.js.
 */
async function buildStreamWorker(outDir: string): Promise<void> {
    const bundle = await rollup({
        input: path.join(PREVIEW_DIR, 'runtime', 'streamWorker.ts'),
        plugins: [typescriptStrip(), nodeResolve({ extensions: ['.mjs', '.js', '.ts'] })],
        onwarn(log: RollupLog) {
            throw new Error(`preview build: the stream worker: ${log.message}`);
        }
    });
    await bundle.write({ file: path.join(outDir, 'stream-worker.js'), format: 'iife', sourcemap: true });
    await bundle.close();
}

const INPUTS_FILE = '.inputs-hash';

/**
 * The bundle in preview/dist, built only when its inputs changed since it was written (a second `npm start` on
 * the same sources serves the bundle it has).
 */
export async function buildPreviewIfChanged(): Promise<{ cached: boolean; ms: number }> {
    const hash = hashBuildInputs();
    const marker = path.join(DIST_DIR, INPUTS_FILE);
    if (
        fs.existsSync(path.join(DIST_DIR, 'main.js')) &&
        fs.existsSync(marker) &&
        fs.readFileSync(marker, 'utf8') === hash
    ) {
        return { cached: true, ms: 0 };
    }
    const report = await buildPreview();
    fs.writeFileSync(marker, hash);
    return { cached: false, ms: report.ms };
}

if (require.main === module) {
    buildPreview().catch((error: unknown) => {
        console.error(error);
        process.exitCode = 1;
    });
}
