// Browser-test harness for the local console: builds the preview (once per set of sources), starts the
// preview server and its embedded simulator on 127.0.0.1 (a free port), drives Debian's Chromium with
// playwright-core, and stops everything afterwards. Run the tests with `node --import tsx --test test/browser/`.
//
//   await withConsole(async ({ page, server, sim, errors, screenshot }) => { ... });
//
// Every test fails if the page logged a console error or threw, unless it passes { allowErrors: true }.
// screenshot(name) writes only when RELAY_SCREENSHOTS=1 (`npm run screenshots`), so a test run leaves the tree
// as it was (screenshots/readme-*.png are committed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildPreview } from '../../preview/build.ts';
import { hashBuildInputs } from '../../preview/build/inputs.ts';
import { startPreviewServer } from '../../preview/server/server.ts';
import { demoSeed } from '../../simulator/src/seed.ts';
import { labelText } from '../../preview/lib/labels.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = path.join(ROOT, 'screenshots');
export const SCREENSHOTS_WANTED = process.env.RELAY_SCREENSHOTS === '1';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
];

/** Test-only LWCs compiled into the test build (never into `npm start`'s): see fixtures/lwc. */
export const FIXTURE_LWC_DIR = path.join(ROOT, 'test', 'browser', 'fixtures', 'lwc');

/** Builds of older sources, left by earlier runs: removed after an hour (a running test may still use one). */
function pruneOldBuilds() {
    const hourAgo = Date.now() - 60 * 60 * 1000;
    for (const name of fs.readdirSync(os.tmpdir())) {
        const full = path.join(os.tmpdir(), name);
        if (name.startsWith('relay-preview-build-') && fs.statSync(full).mtimeMs < hourAgo) {
            fs.rmSync(full, { recursive: true, force: true });
        }
    }
}

let built;
/** The built bundle for the current sources: built once, then shared by every test process on the machine. */
export function previewBuild() {
    built ??= (async () => {
        const dir = path.join(os.tmpdir(), `relay-preview-build-${hashBuildInputs(['test/browser/fixtures'])}`);
        if (fs.existsSync(path.join(dir, 'main.js'))) return { dir, ms: 0, cached: true };
        pruneOldBuilds();
        const staging = `${dir}.${process.pid}.tmp`;
        const report = await buildPreview({ outDir: staging, quiet: true, extraLwcDirs: [FIXTURE_LWC_DIR] });
        try {
            fs.renameSync(staging, dir);
        } catch {
            fs.rmSync(staging, { recursive: true, force: true }); // another process finished the same build first
        }
        return { dir, ms: report.ms, cached: false };
    })();
    return built;
}

export async function launchChromium() {
    const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-chromium-'));
    // A persistent context is how playwright takes a --user-data-dir: a fresh one per launch.
    const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1366, height: 860 }
    });
    return {
        context,
        async close() {
            await context.close();
            fs.rmSync(userDataDir, { recursive: true, force: true });
        }
    };
}

/**
 * Runs `test` against a fresh local console: its own server, simulator (demo seed without waiting
 * conversations unless `seed` says otherwise) and browser. Resolves with what the test returned.
 */
export async function withConsole(test, options = {}) {
    const build = await previewBuild();
    const serverLog = [];
    const server = await startPreviewServer({
        port: 0,
        distDir: build.dir,
        seed: options.seed ?? demoSeed({ conversations: false }),
        log: (line) => serverLog.push(line),
        // The previewProbe fixture's Apex (test/browser/fixtures/org), which the agent may run.
        extraProjects: [path.join(ROOT, 'test', 'browser', 'fixtures', 'org')],
        demoInbox: options.demoInbox,
        byoc: options.byoc
    });
    await server.org.client.executeAnonymous(
        `insert new PermissionSetAssignment(AssigneeId = '${server.org.users.alex}', PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Preview_Probe'].Id);`
    );
    const browser = await launchChromium();
    const errors = [];
    const others = [];
    /**
     * The console in a second browser of its own, signed in as another of the org's agents ('blake'): their own
     * cookies, Omni-Channel and Apex user. Closed with the test.
     */
    const signInAs = async (user) => {
        const other = await launchChromium();
        others.push(other);
        await other.context.addCookies([server.signInCookie(user)]);
        const otherPage = other.context.pages()[0] ?? (await other.context.newPage());
        otherPage.on('pageerror', (e) => errors.push(`page error (${user}): ${e.message}`));
        await otherPage.goto(server.url, { waitUntil: 'load' });
        await otherPage.locator('body[data-preview-ready="true"]').waitFor();
        return otherPage;
    };
    try {
        const page = browser.context.pages()[0] ?? (await browser.context.newPage());
        page.on('console', (m) => {
            if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
        });
        page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
        page.on('requestfailed', (r) => {
            // EventSource streams are cut when the page closes, and a navigation (signing in as another agent)
            // cancels what was in flight (net::ERR_ABORTED); any other failed request is a defect.
            const reason = r.failure()?.errorText ?? '';
            if (!r.url().includes('/__e') && reason !== 'net::ERR_ABORTED')
                errors.push(`request failed: ${r.url()} ${reason}`);
        });
        const started = Date.now();
        await page.goto(server.url, { waitUntil: 'load' });
        await page.locator('body[data-preview-ready="true"]').waitFor();
        const loadMs = Date.now() - started;
        /** The file written, or undefined when screenshots were not asked for. */
        const screenshot = async (name) => {
            if (!SCREENSHOTS_WANTED) return undefined;
            fs.mkdirSync(SCREENSHOTS, { recursive: true });
            const file = path.join(SCREENSHOTS, `${name}.png`);
            await page.screenshot({ path: file, fullPage: true });
            return file;
        };
        const result = await test({
            page,
            server,
            sim: server.sim,
            errors,
            serverLog,
            screenshot,
            loadMs,
            build,
            signInAs
        });
        if (!options.allowErrors && errors.length > 0) {
            throw new Error(`The page reported errors:\n${errors.join('\n')}`);
        }
        return result;
    } finally {
        for (const other of others) await other.close();
        await browser.close();
        await server.close();
    }
}

/** axe-core on the page; returns the serious and critical violations (what fails a test). */
export async function seriousA11yViolations(page) {
    const results = await new AxeBuilder({ page }).analyze();
    return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/**
 * Resolves when `check()` holds, re-checking each time `subscribe` reports a change; fails after `timeoutMs`.
 * Tests wait on conditions like this, never on fixed sleeps.
 */
function waitUntil(subscribe, check, what, timeoutMs) {
    return new Promise((resolve, reject) => {
        if (check()) return resolve();
        const timer = setTimeout(() => {
            stop();
            reject(new Error(`Timed out waiting for ${what}`));
        }, timeoutMs);
        const stop = subscribe(() => {
            if (check()) {
                clearTimeout(timer);
                stop();
                resolve();
            }
        });
    });
}

/** Resolves when `check()` holds, re-checking on every simulator event. */
export function simulatorCondition(sim, check, what, timeoutMs = 15_000) {
    return waitUntil((listener) => sim.control.subscribe(listener), check, what, timeoutMs);
}

/**
 * Resolves with `read()`'s value once `check(value)` holds, reading again each time the org commits a change to
 * the records the console follows.
 */
async function orgCondition(server, read, check, what, timeoutMs) {
    let value = await read();
    if (check(value)) return value;
    return new Promise((resolve, reject) => {
        let busy = Promise.resolve();
        const timer = setTimeout(() => {
            stop();
            reject(new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`));
        }, timeoutMs);
        const stop = server.org.onChanges(() => {
            busy = busy.then(async () => {
                value = await read();
                if (check(value)) {
                    clearTimeout(timer);
                    stop();
                    resolve(value);
                }
            });
        });
    });
}

/** The rows of `soql` (run as the administrator), once `check(rows)` holds. */
export const recordCondition = (server, soql, check, what, timeoutMs = 15_000) =>
    orgCondition(server, () => server.org.query(soql), check, what, timeoutMs);

/** One record's fields (as the administrator sees them), once `check(fields)` holds. */
export const fieldsWhen = (server, id, check, what, timeoutMs = 15_000) =>
    orgCondition(server, () => fieldsOf(server, id), check, what, timeoutMs);

/** Rows of `soql`, as the administrator sees them. */
export const records = (server, soql) => server.org.query(soql);

/** One record's fields, as the administrator sees them. */
export async function fieldsOf(server, id) {
    const record = await server.org.client.record(id);
    assert.ok(record, `no record ${id}`);
    return record.fields;
}

/** The org's queues' ids by developer name (Relay_Digital, Relay_Billing, Relay_VIP). */
export async function queueIds(server) {
    const rows = await server.org.query("SELECT Id, DeveloperName FROM Group WHERE Type = 'Queue'");
    return Object.fromEntries(rows.map((r) => [r.DeveloperName, r.Id]));
}

/** How many requests of a contract operation (pickUp, sendText...) the contact centre has answered. */
export const operationCount = (server, operation) => server.received.filter((r) => r.operation === operation).length;

/** Relay's Apex called as an LWC calls it, as `user` ('alex' or 'blake'); the result, or the refusal thrown. */
export async function apexAs(server, user, name, params = {}) {
    const outcome = await server.org.client.invokeAura(name, params, server.org.users[user]);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result;
}

/** A label as the agent reads it (whitespace collapsed), with {0}, {1}... filled in. */
export function label(name, ...args) {
    return labelText(name)
        .trim()
        .replace(/\s+/g, ' ')
        .replace(/\{(\d+)\}/g, (whole, i) => args[Number(i)] ?? whole);
}

/** The Digital tab's inbox (relayDigitalInbox). */
export const inboxOf = (page) => page.locator('c-relay-digital-inbox');

/** The Digital tab from the app's navigation: a workspace tab with the inbox, loaded. */
export async function openDigitalTab(page) {
    await page.getByRole('navigation', { name: 'App navigation' }).getByRole('button', { name: 'Digital' }).click();
    await page.getByRole('tab', { name: 'Digital', selected: true }).waitFor();
    await inboxOf(page)
        .getByRole('heading', { name: label('Relay_Inbox_Title') })
        .waitFor();
}

/** Picks an option of a lightning-combobox by the combobox's label. */
export async function choose(combobox, option) {
    await combobox.getByRole('combobox').click();
    await combobox.getByRole('option', { name: option, exact: true }).click();
}

// ----- the work-item panel (utility bar)

export const panelOf = (page) =>
    page.getByRole('region', { name: 'Relay Conversations' }).locator('c-relay-work-item-panel');

/** The panel's row of a customer's interaction, in a given state (data-state is the state machine's state). */
export const panelRowOf = (page, customer, state) =>
    panelOf(page)
        .locator(state ? `li.relay-row[data-state="${state}"]` : 'li.relay-row')
        .filter({ has: page.locator('[data-id="customer"]', { hasText: customer }) });

/** Chooses an option of an SLDS radio group the way an agent does: by clicking its label. */
export async function chooseRadio(container, name) {
    await container.locator('label').filter({ hasText: name }).click();
    assert.equal(await container.getByRole('radio', { name }).isChecked(), true, `${name} is chosen`);
}

/** The agent disconnects; the wrap-up picker opens by itself in the row. */
export async function disconnectIntoWrapUp(page, customer) {
    await panelRowOf(page, customer, 'connected')
        .getByRole('button', { name: label('Relay_WorkItem_Disconnect') })
        .click();
    const picker = panelRowOf(page, customer, 'wrapUp').locator('c-relay-wrap-up-picker');
    await picker.getByRole('heading', { name: label('Relay_WrapUpPicker_Title', customer) }).waitFor();
    return picker;
}

export async function chooseCodeAndFinish(picker, codeName, notes) {
    await chooseRadio(picker, codeName);
    if (notes) await picker.getByLabel(label('Relay_WrapUpPicker_Notes')).fill(notes);
    await picker.getByRole('button', { name: label('Relay_WrapUpPicker_Done') }).click();
}
