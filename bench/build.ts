// Compiles the benchmark page with the local console's pipeline (preview/build/plugins.ts: TypeScript
// stripped before the LWC compiler, org-only modules from the preview runtime; @lwc/rollup-plugin with
// lightning-base-components and synthetic shadow). Every force-app bundle is resolvable as c/<name>, plus
// the bench fixtures in bench/fixtures/lwc; only what the page imports is compiled.
import path from 'node:path';
import fs from 'node:fs';
import { rollup, type RollupLog } from 'rollup';
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
