// Compiles the benchmark page with the local console's pipeline (preview/build/plugins.ts: TypeScript
// stripped before the LWC compiler, org-only modules from the preview runtime; @lwc/rollup-plugin with
// lightning-base-components and synthetic shadow). Every force-app bundle is resolvable as c/<name>, plus
// the bench fixtures in bench/fixtures/lwc; only what the page imports is compiled. Apex and empApi, which
// the preview serves through its local server, come from the page's own adapters (bench/page/runtime) so the
// bench can answer and deliver them from in-page data.
import path from 'node:path';
import fs from 'node:fs';
import { rollup, type Plugin, type RollupLog } from 'rollup';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { listBundles } from '../preview/lib/bundles';
import { readLabels } from '../preview/lib/labels';
import { LWC_DIR, ROOT } from '../preview/lib/paths';
import { orgModules, typescriptStrip } from '../preview/build/plugins';

export const BENCH_DIR = __dirname;
/** Under the root dist/, which git, ESLint and Prettier already ignore. */
export const BENCH_DIST = path.join(ROOT, 'dist', 'bench');
const FIXTURES_DIR = path.join(BENCH_DIR, 'fixtures', 'lwc');
const BENCH_RUNTIME = path.join(BENCH_DIR, 'page', 'runtime');
const BENCH_APEX = '\0relay-bench-apex:';
// lightning-base-components' stub opens every gate. With this one open, lightning-combobox calls
// attachInternals, which synthetic shadow refuses: the combobox fails to render and each later patch of it
// throws. The page runs synthetic shadow, so the gate is closed, as a synthetic-shadow page needs it.
const CLOSED_GATES = new Set(['@salesforce/gate/bc.260.enableComboboxElementInternals']);
const CLOSED_GATE = '\0relay-bench-closed-gate';

/**
 * Claims `@salesforce/apex/Class.method` and `lightning/empApi` before the preview's orgModules does, and
 * the gates in CLOSED_GATES before the LWC plugin does.
 */
function benchAdapters(): Plugin {
    return {
        name: 'relay-bench-adapters',
        resolveId(id) {
            if (CLOSED_GATES.has(id)) return CLOSED_GATE;
            if (id === 'lightning/empApi') return path.join(BENCH_RUNTIME, 'empApi.ts');
            return id.startsWith('@salesforce/apex/') ? BENCH_APEX + id.slice('@salesforce/apex/'.length) : null;
        },
        load(id) {
            if (id === CLOSED_GATE) return 'export default { isOpen: () => false };';
            if (!id.startsWith(BENCH_APEX)) return null;
            const runtime = JSON.stringify(path.join(BENCH_RUNTIME, 'apex.ts'));
            return `import { apexMethod } from ${runtime};\nexport default apexMethod(${JSON.stringify(id.slice(BENCH_APEX.length))});`;
        }
    };
}

export interface BenchBuildOptions {
    /** 'production' (default) is the LWC engine an org runs; 'development' adds the engine's dev checks. */
    mode?: 'production' | 'development';
    outDir?: string;
}

export async function buildBench(options: BenchBuildOptions = {}): Promise<{ ms: number; warnings: string[] }> {
    const started = Date.now();
    const mode = options.mode ?? 'production';
    const outDir = options.outDir ?? BENCH_DIST;
    const bundles = [...listBundles(), ...listBundles(FIXTURES_DIR)];
    const warnings: string[] = [];
    const bundle = await rollup({
        input: path.join(BENCH_DIR, 'page', 'main.ts'),
        plugins: [
            benchAdapters(),
            orgModules(readLabels()),
            typescriptStrip(),
            replace({
                preventAssignment: true,
                values: { 'process.env.NODE_ENV': JSON.stringify(mode), 'import.meta.env.SSR': 'false' }
            }),
            lwc({
                rootDir: LWC_DIR,
                apiVersion: 65,
                // lightning-datatable imports lightning/multiColumnSortingModal, which uses lwc:is.
                enableDynamicComponents: true,
                modules: [
                    ...bundles.map((b) => ({ name: b.specifier, path: b.entry })),
                    { npm: 'lightning-base-components' }
                ]
            }),
            nodeResolve({ extensions: ['.mjs', '.js', '.ts', '.json'] })
        ],
        onwarn(log: RollupLog) {
            // lightning-base-components' own templates warn (keys, attributes) in every build: not ours to fix.
            const fromLbc = (log.id ?? '').includes(`${path.sep}lightning-base-components${path.sep}`);
            if (log.code !== 'CIRCULAR_DEPENDENCY' && !fromLbc) warnings.push(`${log.code ?? ''} ${log.message}`);
        }
    });
    fs.rmSync(outDir, { recursive: true, force: true });
    await bundle.write({ dir: outDir, entryFileNames: 'main.js', format: 'esm', sourcemap: false });
    await bundle.close();
    return { ms: Date.now() - started, warnings };
}
