// What the console's bundle is made of. When none of it changed since the last build, the bundle on disk is the
// bundle a build would write again: `npm start` and the browser tests reuse it instead of rebuilding.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/paths';

export const BUILD_INPUTS = [
    'force-app/main/default/lwc',
    'force-app/main/default/labels',
    'force-app/main/default/translations',
    'force-app/main/default/flexipages',
    'force-app/main/default/applications',
    'force-app/main/default/tabs',
    'force-app/main/default/messageChannels',
    'force-app/main/default/serviceChannels',
    'force-app/main/default/servicePresenceStatuses',
    'force-app/main/default/aura',
    'preview/build.ts',
    'preview/build',
    'preview/lib',
    'preview/runtime',
    'preview/shell',
    'package-lock.json'
];

/** A short hash of the build inputs' paths and contents, plus `extra` folders (relative to the project root). */
export function hashBuildInputs(extra: readonly string[] = []): string {
    const hash = createHash('sha256');
    const visit = (rel: string): void => {
        const full = path.join(ROOT, rel);
        if (!fs.existsSync(full)) return;
        if (fs.statSync(full).isDirectory()) {
            for (const name of fs.readdirSync(full).sort()) {
                // Jest tests, and tsc's generated .js beside each component's .ts, are not inputs of the bundle.
                if (name !== '__tests__' && !(rel.includes('/lwc') && name.endsWith('.js')))
                    visit(path.join(rel, name));
            }
        } else {
            hash.update(rel).update(fs.readFileSync(full));
        }
    };
    [...BUILD_INPUTS, ...extra].forEach(visit);
    return hash.digest('hex').slice(0, 16);
}
