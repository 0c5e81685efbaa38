// Every Apex method a Relay LWC imports must have a preview handler, or the local console would fail at
// the first click. The second test proves the check finds a missing handler.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { APEX_CLASSES } from '../apex/index';
import { apexImports } from '../lib/bundles';

function missingHandlers(lwcDir?: string): string[] {
    const handled = new Set(
        APEX_CLASSES.flatMap((c) => Object.keys(c.methods ?? {}).map((m) => `${c.className}.${m}`))
    );
    return [...apexImports(lwcDir).entries()]
        .filter(([method]) => !handled.has(method))
        .map(([method, files]) => `${method} (imported by ${files.join(', ')})`);
}

test('every Apex method imported by an LWC has a preview handler under preview/apex', () => {
    assert.deepEqual(missingHandlers(), [], 'add the handler to the class module in preview/apex and to APEX_CLASSES');
});

test('an LWC importing an Apex method without a preview handler is reported with its file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-lwc-'));
    try {
        fs.mkdirSync(path.join(dir, 'relayProbe', '__tests__'), { recursive: true });
        fs.writeFileSync(
            path.join(dir, 'relayProbe', 'relayProbe.ts'),
            "import probe from '@salesforce/apex/RelayProbeController.probe';\nexport default probe;\n"
        );
        // Tests may mock Apex freely: only component code counts.
        fs.writeFileSync(
            path.join(dir, 'relayProbe', '__tests__', 'relayProbe.test.ts'),
            "import x from '@salesforce/apex/RelayTestOnly.method';\n"
        );
        assert.deepEqual(missingHandlers(dir), [
            `RelayProbeController.probe (imported by ${path.join('relayProbe', 'relayProbe.ts')})`
        ]);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
