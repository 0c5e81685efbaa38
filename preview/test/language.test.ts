// The console's language: the header's language menu sets a cookie (`/__preview/language/<code>`), and the page is
// served in that language (`<html lang>`, `window.__relayLanguage`, which the custom labels read). The label
// tables come from the project's translation files; a label with no translation shows its English value.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { labelTables, readTranslation, readTranslations } from '../build/translations';
import { readLabels } from '../lib/labels';
import { LANGUAGE_COOKIE } from '../runtime/languages';
import { preview } from './support';

/** The page as a browser with `cookie` gets it: its `<html lang>` and the language written into it. */
async function page(url: string, cookie?: string): Promise<{ lang: string | undefined; language: unknown }> {
    const response = await fetch(url, { headers: cookie ? { cookie } : {} });
    assert.equal(response.status, 200);
    const html = await response.text();
    return {
        lang: /<html lang="([^"]*)">/.exec(html)?.[1],
        language: JSON.parse(/window\.__relayLanguage = ("[^"]*");/.exec(html)?.[1] ?? 'null') as unknown
    };
}

test('the language menu’s link sets the language cookie, and the page is served in that language', async (t) => {
    const server = await preview(t);
    assert.deepEqual(await page(server.url), { lang: 'en', language: 'en' }, 'English without a cookie');

    for (const code of ['fr', 'es', 'en']) {
        const response = await fetch(`${server.url}/__preview/language/${code}`, { redirect: 'manual' });
        await response.arrayBuffer();
        assert.equal(response.status, 302);
        assert.equal(response.headers.get('location'), '/');
        const cookie = response.headers.get('set-cookie') ?? '';
        assert.match(cookie, new RegExp(`^${LANGUAGE_COOKIE}=${code}; Path=/;`));
        assert.match(cookie, /Max-Age=\d+/, 'kept across browser restarts, not only reloads');
        assert.deepEqual(await page(server.url, cookie.split(';')[0]), { lang: code, language: code });
    }

    // With the sign-in cookie of the other agent: both hold.
    const blake = server.signInCookie('blake');
    const both = await fetch(server.url, {
        headers: { cookie: `${blake.name}=${blake.value}; ${LANGUAGE_COOKIE}=es` }
    });
    const html = await both.text();
    assert.match(html, /<html lang="es">/);
    assert.match(html, new RegExp(`window.__relayUser = \\{"id":"${server.org.users.blake}"`));

    // A language the console does not have: no route, and a forged cookie is English.
    const unknown = await fetch(`${server.url}/__preview/language/de`, { redirect: 'manual' });
    await unknown.arrayBuffer();
    assert.equal(unknown.status, 404);
    assert.deepEqual(await page(server.url, `${LANGUAGE_COOKIE}=de`), { lang: 'en', language: 'en' });
    assert.deepEqual(await page(server.url, `${LANGUAGE_COOKIE}="><script>`), { lang: 'en', language: 'en' });
});

test('the label tables: English has every label, French and Spanish their translations, none dropped', () => {
    const english = readLabels();
    const tables = labelTables(english, readTranslations());
    assert.deepEqual(Object.keys(tables).sort(), ['en', 'es', 'fr']);
    assert.equal(Object.keys(tables.en).length, english.size);
    // `npm run labels -- check` keeps every label translated: the tables have them all.
    assert.equal(Object.keys(tables.fr).length, english.size);
    assert.equal(Object.keys(tables.es).length, english.size);
    assert.notEqual(tables.fr.Relay_Inbox_Title, tables.en.Relay_Inbox_Title);
    // The XML's escapes are read (fr: "Paramètres > Informations d'identification externes").
    assert.ok(Object.values(tables.fr).some((text) => text.includes('>') && !text.includes('&gt;')));
});

test('a label with no translation falls back to English; a translation of a label that does not exist is dropped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relay-translations-'));
    try {
        fs.writeFileSync(
            path.join(dir, 'fr.translation-meta.xml'),
            `<?xml version="1.0" encoding="UTF-8" ?>
<Translations xmlns="http://soap.sforce.com/2006/04/metadata">
    <customApplications><label>Console Relay</label><name>Relay_Console</name></customApplications>
    <customLabels><label>Bonjour &amp; bienvenue</label><name>Hello</name></customLabels>
    <customLabels><label>Orpheline</label><name>Gone</name></customLabels>
    <customTabs><label>Numérique</label><name>Relay_Digital_Inbox</name></customTabs>
</Translations>
`
        );
        const french = readTranslation('fr', dir);
        assert.equal(french.applications.get('Relay_Console'), 'Console Relay');
        assert.equal(french.tabs.get('Relay_Digital_Inbox'), 'Numérique');
        const tables = labelTables(
            new Map([
                ['Hello', 'Hello & welcome'],
                ['Bye', 'Goodbye']
            ]),
            readTranslations(dir)
        );
        assert.deepEqual(tables.fr, { Hello: 'Bonjour & bienvenue' }, 'Bye falls back to English in the page');
        assert.deepEqual(tables.es, {}, 'no es file: every label in English');
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

test('the Apex speaks the console’s language: a refusal comes back in French, then in English again', async (t) => {
    const server = await preview(t);
    const alex = server.signInCookie('alex');
    const refusal = async (code: string): Promise<unknown> => {
        const response = await fetch(`${server.url}/__apex/RelayWrapUpController.getWrapUpCodes`, {
            method: 'POST',
            headers: {
                'content-type': 'application/json',
                cookie: `${alex.name}=${alex.value}; ${LANGUAGE_COOKIE}=${code}`
            },
            body: JSON.stringify({ interactionId: null })
        });
        const envelope = (await response.json()) as { ok: boolean; body?: { message?: string } };
        assert.equal(envelope.ok, false);
        return envelope.body?.message;
    };
    const french = readTranslation('fr').labels.get('Relay_Error_InvalidRequest');
    const english = readLabels().get('Relay_Error_InvalidRequest');
    assert.ok(french && english && french !== english);
    assert.equal(await refusal('fr'), french);
    assert.equal(await refusal('en'), english);
});
