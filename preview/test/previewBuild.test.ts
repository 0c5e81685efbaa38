// The preview build fails on an import nothing resolves, instead of leaving a bare `import 'lightning/x'`
// in the bundle that throws when the page loads (as lightning-record-picker once did: the open-source base
// components do not ship it). One build of the whole console plus a component using a tag nobody provides.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { UnresolvedImportError, buildPreview } from '../build';

const FIXTURE = path.join(__dirname, 'fixtures', 'lwc');

test('a component using a base component the preview cannot resolve fails the build, naming it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-unresolved-'));
    try {
        await assert.rejects(
            buildPreview({ outDir: path.join(dir, 'dist'), quiet: true, extraLwcDirs: [FIXTURE] }),
            (error: unknown) => {
                assert.ok(error instanceof UnresolvedImportError, `not an UnresolvedImportError: ${String(error)}`);
                assert.match(error.message, /lightning\/notShippedAnywhere/);
                assert.match(error.message, /previewUnshipped\.html/);
                assert.match(error.message, /RUNTIME_MODULES/);
                return true;
            }
        );
        assert.equal(fs.existsSync(path.join(dir, 'dist', 'main.js')), false, 'no bundle is written');
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
