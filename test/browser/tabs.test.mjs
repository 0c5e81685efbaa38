// The console in many tabs of one browser (issue 11, item 4). A browser opens at most six HTTP/1.1 connections to a
// host; when each tab held a stream per empApi subscription and one for its page events, two or three tabs took
// them all and every Apex call waited for ever. Now every tab's streams share one connection (a SharedWorker,
// preview/runtime/streamHub.ts): Apex answers in every tab, events reach every tab, and a tab that closes ends
// its own subscriptions only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed.ts';
import { withConsole } from './harness.mjs';

const CHANNEL = '/event/Relay_Conversation_Event__e';
const TABS = 7; // the console's first tab and six more

/** Resolves when `check()` holds, checking again whenever the server's streams change; fails after `timeoutMs`. */
function streamsWhen(server, check, what, timeoutMs = 15_000) {
    return new Promise((resolve, reject) => {
        if (check()) return resolve();
        const timer = setTimeout(() => {
            stop();
            reject(
                new Error(
                    `Timed out waiting for ${what}; streams: ${server.streams.count}, subscriptions: ${server.streams.subscriptions}`
                )
            );
        }, timeoutMs);
        const stop = server.streams.onChange(() => {
            if (check()) {
                clearTimeout(timer);
                stop();
                resolve();
            }
        });
    });
}

/** Another tab of the same browser on the console, its problems reported like the first tab's. */
async function openTab(page, server, errors, { withoutSharedWorker = false } = {}) {
    const tab = await page.context().newPage();
    tab.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error (tab): ${m.text()}`);
    });
    tab.on('pageerror', (e) => errors.push(`page error (tab): ${e.message}`));
    tab.on('requestfailed', (r) => {
        const reason = r.failure()?.errorText ?? '';
        if (!r.url().includes('/__e') && reason !== 'net::ERR_ABORTED')
            errors.push(`request failed (tab): ${r.url()} ${reason}`);
    });
    if (withoutSharedWorker) await tab.addInitScript(() => delete window.SharedWorker);
    await tab.goto(server.url, { waitUntil: 'load' });
    await tab.locator('body[data-preview-ready="true"]').waitFor();
    return tab;
}

/** Subscribes the tab's empApi to `channel`; its messages collect in window.empMessages, its errors in window.empErrors. */
function subscribeIn(tab, channel, replayId = -1) {
    return tab.evaluate(
        async ({ channel, replayId }) => {
            window.empMessages ??= [];
            if (!window.empErrors) {
                window.empErrors = [];
                window.__relayPreview.empApi.onError((e) => window.empErrors.push(e));
            }
            const subscription = await window.__relayPreview.empApi.subscribe(channel, replayId, (m) =>
                window.empMessages.push(m)
            );
            return subscription.id;
        },
        { channel, replayId }
    );
}

/** An Apex call as a component makes it; fails rather than waits for ever when no connection is free. */
function apexIn(tab) {
    return tab.evaluate(async () => {
        const response = await fetch('/__apex/RelayWorkItemController.getAgentStatus', {
            method: 'POST',
            body: '{}',
            headers: { 'content-type': 'application/json' },
            signal: AbortSignal.timeout(10_000)
        });
        return response.json();
    });
}

/** The Relay_Conversation_Event__e messages of `type` for `conversationId` a tab got, once it got one. */
async function eventsIn(tab, conversationId, type) {
    await tab.waitForFunction(
        ({ conversationId, type }) =>
            window.empMessages.some(
                (m) => m.data.payload.Conversation_Id__c === conversationId && m.data.payload.Type__c === type
            ),
        { conversationId, type }
    );
    return tab.evaluate(
        ({ conversationId, type }) =>
            window.empMessages.filter(
                (m) => m.data.payload.Conversation_Id__c === conversationId && m.data.payload.Type__c === type
            ),
        { conversationId, type }
    );
}

test('seven console tabs share one stream: Apex answers in each, an event reaches each, a closed tab disturbs none', async () => {
    await withConsole(async ({ page, server, sim, errors }) => {
        const tabs = [page];
        while (tabs.length < TABS) tabs.push(await openTab(page, server, errors));
        for (const tab of tabs) await subscribeIn(tab, CHANNEL);
        // Every tab's components and test subscriptions, and every tab's page events: one connection.
        assert.equal(server.streams.count, 1);
        const subscriptions = server.streams.subscriptions;
        assert.ok(subscriptions >= TABS, `at least one subscription per tab, got ${subscriptions}`);

        // (a) Apex answers in every tab at once.
        const answers = await Promise.all(tabs.map((tab) => apexIn(tab)));
        for (const answer of answers) assert.equal(answer.ok, true, JSON.stringify(answer));

        // (b) One event reaches every tab, once.
        sim.control.setPresence(SEED_IDS.users.alex, 'OnQueue');
        const first = sim.control.startConversation({
            channel: 'webchat',
            queue: 'Sales',
            customerName: 'Sam Lee',
            customerAddress: 'sam@example.com',
            text: 'Hi'
        });
        for (const tab of tabs) {
            const got = await eventsIn(tab, first.id, 'conversation.alerting');
            assert.equal(got.length, 1);
            assert.equal(got[0].channel, CHANNEL);
        }

        // (c) A tab closes: its subscriptions end, the others' stay, still on one connection.
        const closing = tabs.splice(3, 1)[0];
        await closing.close();
        await streamsWhen(server, () => server.streams.subscriptions < subscriptions, 'the closed tab to unsubscribe');
        assert.equal(server.streams.subscriptions, subscriptions - subscriptions / TABS);
        assert.equal(server.streams.count, 1);
        sim.control.customerDisconnect(first.id);
        for (const tab of tabs) assert.equal((await eventsIn(tab, first.id, 'conversation.disconnected')).length, 1);
        for (const answer of await Promise.all(tabs.map((tab) => apexIn(tab)))) assert.equal(answer.ok, true);
        for (const tab of tabs) assert.deepEqual(await tab.evaluate(() => window.empErrors), []);
    });
});

test('without SharedWorker a tab still holds one stream for all its subscriptions', async () => {
    await withConsole(async ({ page, server, errors }) => {
        await subscribeIn(page, CHANNEL);
        assert.equal(server.streams.count, 1);
        const tab = await openTab(page, server, errors, { withoutSharedWorker: true });
        assert.equal(await tab.evaluate(() => typeof window.SharedWorker), 'undefined');
        await subscribeIn(tab, CHANNEL);
        await subscribeIn(tab, '/event/Preview_Other__e', -2);
        // The tab's own stream, whatever it subscribes to.
        assert.equal(server.streams.count, 2);
        const message = server.bus.publish('Preview_Other__e', { Note__c: 'to the tab without a worker' });
        await tab.waitForFunction(
            (replayId) => window.empMessages.some((m) => m.data.event.replayId === replayId),
            message.data.event.replayId
        );
        assert.equal((await apexIn(tab)).ok, true);
    });
});

test('after the stream drops, onError hears of it and each subscription resumes after the last event it got', async () => {
    await withConsole(async ({ page, server, errors }) => {
        const other = await openTab(page, server, errors);
        const payloads = (tab) => tab.evaluate(() => window.empMessages.map((m) => m.data.payload.Note__c));
        await subscribeIn(page, '/event/Preview_Probe__e', -1);
        const one = server.bus.publish('Preview_Probe__e', { Note__c: 'one' });
        await page.waitForFunction(() => window.empMessages.length === 1);
        // -2: every retained event, then the new ones.
        await subscribeIn(other, '/event/Preview_Probe__e', -2);
        await other.waitForFunction(() => window.empMessages.length === 1);

        // The server drops the stream; what is published before the browser is back comes after it.
        for (const stream of [...server.streams]) stream.close();
        server.bus.publish('Preview_Probe__e', { Note__c: 'two' });
        server.bus.publish('Preview_Probe__e', { Note__c: 'three' });
        for (const tab of [page, other]) {
            await tab.waitForFunction(() => window.empMessages.length >= 3);
            assert.deepEqual(await payloads(tab), ['one', 'two', 'three']);
            // The console's own subscriptions hear of it too: onError is for every channel.
            const tabErrors = await tab.evaluate(() =>
                window.empErrors.filter((e) => e.channel === '/event/Preview_Probe__e')
            );
            assert.ok(tabErrors.length >= 1, 'onError heard of the drop');
            assert.equal(tabErrors[0].successful, false);
        }
        assert.equal(server.streams.count, 1);
        const four = server.bus.publish('Preview_Probe__e', { Note__c: 'four' });
        for (const tab of [page, other]) {
            await tab.waitForFunction(() => window.empMessages.length >= 4);
            assert.deepEqual(await payloads(tab), ['one', 'two', 'three', 'four']);
        }
        assert.ok(four.data.event.replayId > one.data.event.replayId);
    });
});
