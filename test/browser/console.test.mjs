// The local console in a real browser (Debian Chromium): the page, the customer panel driving the
// simulator, the Omni-Channel simulator answering the real Relay Omni client, platform events reaching
// lightning/empApi, the workspace tabs, and an axe accessibility check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed.ts';
import { labelText } from '../../preview/lib/labels.ts';
import { apexAs, recordCondition, records, seriousA11yViolations, withConsole } from './harness.mjs';

const CHANNELS = [
    ['webchat', 'Web chat'],
    ['sms', 'SMS'],
    ['whatsapp', 'WhatsApp'],
    ['facebook', 'Facebook'],
    ['instagram', 'Instagram'],
    ['twitter', 'X (Twitter)'],
    ['email', 'Email']
];

test('the console loads without errors, says it is a local preview and shows the Omni-Channel utility', async () => {
    await withConsole(async ({ page, screenshot }) => {
        await assert.doesNotReject(
            page.getByRole('banner').getByText('Local preview — simulated contact centre').waitFor()
        );
        // The app name comes from the Relay Console app metadata, the utility item from its utility bar flexipage.
        assert.equal(await page.locator('#app-name').textContent(), 'Relay Console');
        const omni = page.getByRole('region', { name: 'Omni-Channel' });
        assert.equal(await omni.getByLabel('Presence status').inputValue(), '');
        assert.deepEqual(await omni.getByLabel('Presence status').locator('option').allTextContents(), [
            'Offline',
            'Busy',
            'Online'
        ]);
        await screenshot('console-home');
    });
});

test('a TypeScript LWC compiles with base components and SLDS, shows real labels and calls preview Apex', async () => {
    // previewProbe is a test fixture (test/browser/fixtures/lwc), not a Relay component.
    await withConsole(async ({ page, screenshot }) => {
        await page.evaluate(() => window.__relayPreview.mount('previewProbe'));
        const probe = page.locator('c-preview-probe');
        assert.equal(await probe.locator('p.label').textContent(), labelText('Relay_Error_Generic'));
        await probe.locator('p.wired').filter({ hasText: 'Wired: wired' }).waitFor();
        const echo = probe.getByRole('button', { name: 'Echo' });
        // lightning-button rendered by lightning-base-components, styled by the global SLDS stylesheet.
        assert.match(await echo.getAttribute('class'), /slds-button_brand/);
        assert.equal(await echo.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(1, 118, 211)');
        await echo.click();
        await probe.getByRole('status').filter({ hasText: 'Echo: ping' }).waitFor();
        await probe.getByRole('button', { name: 'Refuse' }).click();
        // The AuraHandledException's label reaches the component as body.message, shown as it is.
        await probe
            .getByRole('status')
            .filter({ hasText: labelText('Relay_Error_RateLimited') })
            .waitFor();
        await screenshot('preview-probe');
    });
});

test('the customer panel starts an inbound conversation on every channel in the simulator', async () => {
    await withConsole(async ({ page, sim, screenshot }) => {
        const panel = page.getByRole('complementary');
        for (const [, label] of CHANNELS) {
            await panel.getByLabel('Channel').selectOption({ label });
            await panel.getByLabel('Queue').selectOption({ label: 'Billing' });
            await panel.getByLabel('Customer name').fill(`Customer ${label}`);
            await panel.getByLabel('First message').fill(`Hello over ${label}`);
            await panel.getByRole('button', { name: 'Start conversation' }).click();
            await panel
                .getByRole('status')
                .filter({ hasText: /^Conversation .+ started\.$/ })
                .waitFor();
            await panel.getByRole('heading', { name: `Customer ${label} · ${label}` }).waitFor();
        }
        const conversations = sim.control.state().conversations;
        assert.deepEqual(
            conversations.map((c) => [c.channel, c.customer.name, c.queue.name, c.transcript[0]?.text]),
            CHANNELS.map(([channel, label]) => [channel, `Customer ${label}`, 'Billing', `Hello over ${label}`])
        );
        // Each channel gets an address of its kind (phone number, handle, e-mail) prefilled for the customer.
        const address = (channel) => conversations.find((c) => c.channel === channel)?.customer.address;
        assert.match(address('sms'), /^\+\d+$/);
        assert.match(address('email'), /@/);
        await screenshot('console-customer-conversations');
    });
});

test('a customer reply and a customer leaving reach the simulator from the panel', async () => {
    await withConsole(async ({ page, sim }) => {
        const started = sim.control.startConversation({
            channel: 'whatsapp',
            queue: 'Support',
            customerName: 'Maria Garcia',
            customerAddress: '+34600111222',
            text: 'Hola'
        });
        const card = page.locator(`[data-conversation-id="${started.id}"]`);
        await card.getByLabel('Reply as Maria Garcia').fill('Are you there?');
        await card.getByRole('button', { name: 'Send reply' }).click();
        await card.getByText('Maria Garcia: Are you there?').waitFor();
        await card.getByRole('button', { name: 'Leave conversation' }).click();
        await card.getByText('Support · ended').waitFor();
        const after = sim.control.conversation(started.id);
        assert.deepEqual(
            after.transcript.map((t) => t.text),
            ['Hola', 'Are you there?']
        );
        assert.equal(after.state, 'ended');
    });
});

test('the Omni-Channel simulator answers the real Relay Omni client over Relay_Omni__c', async () => {
    await withConsole(async ({ page, server }) => {
        const omniOfAlex = server.omni(server.org.users.alex);
        const online = omniOfAlex.statuses.find((s) => s.apiName === 'Relay_Online');
        const result = await page.evaluate(async (statusId) => {
            const { bundles, messageService } = window.__relayPreview;
            const client = bundles.relayOmniChannel.createOmniClient(messageService.createMessageContext(), {
                timeoutMs: 5000
            });
            const events = [];
            client.onEvent((e) => events.push(e.name));
            await client.ping();
            // Signed out of Omni-Channel, the toolkit rejects getServicePresenceStatusId.
            const offline = await client.getStatus().then(
                () => 'resolved',
                (e) => e.code
            );
            const set = await client.setStatus(statusId);
            const status = await client.getStatus();
            const works = await client.getAgentWorks();
            client.dispose();
            return { offline, set, status, works, events };
        }, online.id);
        assert.equal(result.offline, 'OMNI_REJECTED');
        assert.deepEqual(result.set, {
            statusId: online.id,
            statusName: 'Online',
            statusApiName: 'Relay_Online',
            channels: [{ channelId: omniOfAlex.serviceChannels[0].id, developerName: 'Relay_Interaction' }]
        });
        assert.equal(result.status.statusApiName, 'Relay_Online');
        assert.deepEqual(result.works, []);
        assert.deepEqual(result.events, ['loginSuccess', 'statusChanged']);
        // The widget shows what the client set.
        await page.getByRole('button', { name: /Omni-Channel \(Online\)/ }).waitFor();
    });
});

test('work assigned to the agent can be accepted in the Omni-Channel widget, which opens its record in a tab', async () => {
    await withConsole(async ({ page, server, screenshot }) => {
        await page.getByLabel('Presence status').selectOption({ label: 'Online' });
        await page.getByRole('button', { name: /Omni-Channel \(Online\)/ }).waitFor();
        // What external routing does in an org: Apex inserts the AgentWork for the chosen agent.
        const alex = server.org.users.alex;
        await server.org.client.executeAnonymous(`
            Relay_Interaction__c item = new Relay_Interaction__c(OwnerId = '${alex}', Customer_Name__c = 'Routed work item');
            insert item;
            Id channel = [SELECT Id FROM ServiceChannel WHERE DeveloperName = 'Relay_Interaction'].Id;
            insert new AgentWork(UserId = '${alex}', WorkItemId = item.Id, ServiceChannelId = channel);
        `);
        const [item] = await server.org.query(
            "SELECT Id, Name FROM Relay_Interaction__c WHERE Customer_Name__c = 'Routed work item'"
        );
        const omni = page.getByRole('region', { name: 'Omni-Channel' });
        await omni.getByText(item.Name).waitFor();
        await omni.getByRole('button', { name: 'Accept' }).click();
        await page.getByRole('tab', { name: item.Name, selected: true }).waitFor();
        const [work] = await server.org.query(`SELECT Status FROM AgentWork WHERE WorkItemId = '${item.Id}'`);
        assert.equal(work.Status, 'Opened');
        await screenshot('console-work-accepted');
    });
});

test('closing a workspace tab publishes lightning__tabClosed to components', async () => {
    await withConsole(async ({ page }) => {
        const tabId = await page.evaluate(async () => {
            const { workspaceApi, messageService } = window.__relayPreview;
            window.tabMessages = [];
            messageService.subscribe(messageService.createMessageContext(), { channel: 'lightning__tabClosed' }, (m) =>
                window.tabMessages.push(m)
            );
            return workspaceApi.openTab({ recordId: window.__relayUser.id, focus: true });
        });
        const tab = page.getByRole('tab', { name: 'Alex Rivera' });
        await tab.waitFor();
        assert.equal(await tab.getAttribute('aria-selected'), 'true');
        // The keyboard way (Delete on the focused tab) and the mouse way (its ×) both go through closeTab.
        await tab.focus();
        await page.keyboard.press('Delete');
        await tab.waitFor({ state: 'detached' });
        const second = await page.evaluate(() =>
            window.__relayPreview.workspaceApi.openTab({ url: '/lightning/n/Relay_Console', label: 'Second' })
        );
        await page.locator(`[data-close-tab="${second}"]`).click();
        await page.getByRole('tab', { name: 'Second' }).waitFor({ state: 'detached' });
        assert.deepEqual(await page.evaluate(() => window.tabMessages), [{ tabId }, { tabId: second }]);
        assert.deepEqual(await page.evaluate(() => window.__relayPreview.workspaceApi.getAllTabInfo()), []);
    });
});

test('a contact-centre event reaches the agent’s console through the connector and the signed endpoint as a ring of their own signal', async () => {
    await withConsole(async ({ page, server, sim }) => {
        // The page's panel registered Alex's signal (RelayAgentSignalController.register) before it subscribed.
        await recordCondition(
            server,
            `SELECT Id FROM Relay_Agent_Signal__c WHERE OwnerId = '${server.org.users.alex}'`,
            (rows) => rows.length === 1,
            'Alex’s signal registered'
        );
        await page.evaluate(async () => {
            window.empMessages = [];
            await window.__relayPreview.empApi.subscribe('/topic/RelayAgentSignals', -1, (m) =>
                window.empMessages.push(m)
            );
        });
        sim.control.setPresence(SEED_IDS.users.alex, 'OnQueue');
        const conversation = sim.control.startConversation({
            channel: 'facebook',
            queue: 'Sales',
            customerName: 'Sam Lee',
            customerAddress: 'sam.lee.fb',
            text: 'Hi'
        });
        const handle = await page.waitForFunction(
            (id) =>
                window.empMessages.find(
                    (m) =>
                        m.data.sobject.Conversation_Id__c === id && m.data.sobject.Type__c === 'conversation.alerting'
                ),
            conversation.id
        );
        const message = await handle.jsonValue();
        assert.equal(message.channel, '/topic/RelayAgentSignals');
        assert.equal(message.data.event.type, 'updated');
        assert.equal(message.data.sobject.Channel__c, 'facebook');
        assert.equal(message.data.sobject.Genesys_User_Id__c, SEED_IDS.users.alex);
        assert.equal(message.data.sobject.Customer_Name__c, 'Sam Lee', 'the offer names who it is from, to its agent');
        assert.ok(message.data.event.replayId > 0);
    });
});

test('the console has no serious or critical accessibility violations (axe)', async () => {
    await withConsole(async ({ page, sim }) => {
        sim.control.startConversation({
            channel: 'email',
            queue: 'Support',
            customerName: 'Priya Patel',
            customerAddress: 'priya@example.com',
            text: 'Subject: Refund'
        });
        await page.locator('[data-conversation-id]').first().waitFor();
        await page.evaluate(() => window.__relayPreview.workspaceApi.openTab({ recordId: window.__relayUser.id }));
        await page.getByRole('tab', { name: 'Alex Rivera' }).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), []);
    });
});

test('the header says who is signed in, and the other agent can sign in from it, their Apex running as them', async () => {
    await withConsole(async ({ page, server }) => {
        const header = page.getByRole('banner');
        await header.getByText('Signed in as Alex Rivera').waitFor();
        assert.equal(await page.evaluate(() => window.__relayUser.id), server.org.users.alex);
        await header.getByRole('link', { name: 'Sign in as Blake Chen' }).click();
        await header.getByText('Signed in as Blake Chen').waitFor();
        assert.equal(await page.evaluate(() => window.__relayUser.id), server.org.users.blake);
        // The Omni-Channel widget is Blake's own: signed out, whatever Alex chose.
        assert.equal(await page.getByLabel('Presence status').inputValue(), '');
        await page.getByRole('region', { name: 'Relay Conversations' }).waitFor();
        // The panel's first Apex call may still be under way: a callout leaves no event to wait on, so look again.
        const deadline = Date.now() + 15_000;
        while (!server.org.sent.some((c) => c.userId === server.org.users.blake)) {
            assert.ok(Date.now() < deadline, 'the panel called the contact centre as Blake');
            await new Promise((resolve) => setTimeout(resolve, 25));
        }
    });
});

test('a utility the agent minimized stays minimized after a reload, so it does not cover the record', async () => {
    await withConsole(async ({ page }) => {
        const button = page.getByRole('button', { name: /^Relay Conversations/ });
        await page.getByRole('region', { name: 'Relay Conversations' }).waitFor();
        await button.click();
        await page.getByRole('region', { name: 'Relay Conversations' }).waitFor({ state: 'hidden' });
        await page.reload();
        await page.locator('body[data-preview-ready="true"]').waitFor();
        assert.equal(await button.getAttribute('aria-expanded'), 'false');
        assert.equal(await page.getByRole('region', { name: 'Relay Conversations' }).isVisible(), false);
        // The Omni-Channel utility, which the agent left open, is open again.
        await page.getByRole('region', { name: 'Omni-Channel' }).waitFor();
    });
});

// The console in the agent's language: the header's language menu (English, Français, Español) reloads the page
// with every custom label in that language, from the project's translation files.
import fs from 'node:fs';
import { inboxOf, label } from './harness.mjs';

/**
 * What an agent whose language is `code` reads: the custom labels and the tabs' labels of
 * force-app/main/default/translations/<code>.translation-meta.xml (whitespace collapsed), dates in `locale`.
 */
function translation(code, locale) {
    const file = new URL(`../../force-app/main/default/translations/${code}.translation-meta.xml`, import.meta.url);
    const xml = fs.readFileSync(file, 'utf8');
    const text = (s) =>
        s
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&apos;/g, "'")
            .replace(/&amp;/g, '&')
            .trim()
            .replace(/\s+/g, ' ');
    const entries = (kind) =>
        Object.fromEntries(
            [...xml.matchAll(new RegExp(`<${kind}>([\\s\\S]*?)</${kind}>`, 'g'))].map((m) => [
                /<name>([\s\S]*?)<\/name>/.exec(m[1])[1].trim(),
                text(/<label>([\s\S]*?)<\/label>/.exec(m[1])[1])
            ])
        );
    return { lang: code, locale, labels: entries('customLabels'), tabs: entries('customTabs') };
}

const ENGLISH = {
    lang: 'en',
    locale: 'en-US',
    labels: new Proxy({}, { get: (_, name) => label(String(name)) }),
    tabs: { Relay_Digital_Inbox: 'Digital' }
};

test('the header’s language menu shows the console in French and Spanish from the translations, and keeps the choice', async () => {
    await withConsole(
        async ({ page }) => {
            const header = page.getByRole('banner');
            const conversations = page.getByRole('region', { name: 'Relay Conversations' });
            /** The page, loaded in `texts`' language: the work-item panel and the Digital tab say it. */
            const expectLanguage = async (texts) => {
                await page.locator(`html[lang="${texts.lang}"] body[data-preview-ready="true"]`).waitFor();
                const t = texts.labels;
                await conversations.getByRole('heading', { name: t.Relay_WorkItem_Title, exact: true }).waitFor();
                await conversations.getByText(t.Relay_WorkItem_Empty, { exact: true }).waitFor();
                await conversations.getByText(t.Relay_WorkItem_QueueStatus, { exact: true }).waitFor();
                // Longer words do not run into each other: the heading and the queue toggle do not overlap.
                const heading = await conversations.locator('[data-id="heading"]').boundingBox();
                const toggle = await conversations.locator('[data-id="queue-toggle"]').boundingBox();
                const apart =
                    heading.x + heading.width <= toggle.x ||
                    toggle.x + toggle.width <= heading.x ||
                    heading.y + heading.height <= toggle.y ||
                    toggle.y + toggle.height <= heading.y;
                assert.ok(apart, `heading ${JSON.stringify(heading)} overlaps the toggle ${JSON.stringify(toggle)}`);
                const digital = texts.tabs.Relay_Digital_Inbox;
                await page
                    .getByRole('navigation', { name: 'App navigation' })
                    .getByRole('button', { name: digital })
                    .click();
                await page.getByRole('tab', { name: digital, selected: true }).waitFor();
                const inbox = inboxOf(page);
                await inbox.getByRole('heading', { name: t.Relay_Inbox_Title, exact: true }).waitFor();
                await inbox.getByRole('listbox', { name: t.Relay_Inbox_List }).waitFor();
                await inbox.getByText(t.Relay_Inbox_Sort, { exact: true }).waitFor();
                // lightning-formatted-date-time formats in the language's locale (@salesforce/i18n/locale).
                const date = inbox.locator('lightning-formatted-date-time').first();
                const [shown, expected] = await date.evaluate(
                    (el, locale) => [
                        el.innerText,
                        new Intl.DateTimeFormat(locale, {
                            month: 'short',
                            day: 'numeric',
                            hour: '2-digit',
                            minute: '2-digit'
                        }).format(new Date(el.value))
                    ],
                    texts.locale
                );
                assert.equal(shown, expected);
            };
            /** Chooses a language in the header's menu, with the mouse. */
            const choose = async (name) => {
                await header.getByRole('button', { expanded: false }).click();
                await header.getByRole('link', { name, exact: true }).click();
            };

            await expectLanguage(ENGLISH);
            assert.equal(await header.getByRole('button').textContent(), 'Language: English');

            const french = translation('fr', 'fr-FR');
            await choose('Français');
            await expectLanguage(french);
            // Kept by the browser: a reload is still in French.
            await page.reload();
            await expectLanguage(french);
            // The menu, open, has no serious accessibility violation either.
            await header.getByRole('button', { name: 'Langue: Français' }).click();
            await header.getByRole('link', { name: 'Français' }).waitFor();
            assert.equal(await header.getByRole('link', { name: 'Français' }).getAttribute('aria-current'), 'true');
            assert.deepEqual(await seriousA11yViolations(page), []);

            // With the keyboard: Escape closes the menu on its button; Enter opens it, Tab reaches Español.
            await page.keyboard.press('Escape');
            await header.getByRole('link', { name: 'Français' }).waitFor({ state: 'hidden' });
            const button = header.getByRole('button', { name: 'Langue: Français' });
            assert.equal(await button.evaluate((el) => el === document.activeElement), true);
            await page.keyboard.press('Enter');
            await page.keyboard.press('Tab'); // English
            await page.keyboard.press('Tab'); // Français
            await page.keyboard.press('Tab');
            assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Español');
            await page.keyboard.press('Enter');
            await expectLanguage(translation('es', 'es-ES'));

            await choose('English');
            await expectLanguage(ENGLISH);
        },
        { demoInbox: true }
    );
});

// Events go only to those they concern (docs/events.md, Delivery; issue 12 item 2): each console hears of the contact
// centre only through its own agent's signal, which the PushTopic streams to the users who can read it, and reads
// what the customer wrote through Apex, as its agent. What the browsers received is what the console's server sent
// them for lightning/empApi (server.streams.deliveries). (The Customer panel, which plays the customer in every
// preview page, has its own simulator events: it is not Relay.)
test('events go only to those they concern: Blake’s browser receives none of Alex’s conversation events or customer text, while Alex’s console updates live', async () => {
    await withConsole(async ({ page, server, sim, signInAs }) => {
        const { alex, blake } = server.org.users;
        const blakePage = await signInAs('blake');
        await recordCondition(
            server,
            'SELECT OwnerId FROM Relay_Agent_Signal__c',
            (rows) => [alex, blake].every((id) => rows.some((r) => r.OwnerId === id)),
            'both agents’ consoles registered their signal'
        );
        await blakePage.getByRole('region', { name: 'Relay Conversations' }).waitFor();
        for (const userId of [alex, blake]) {
            const channels = server.streams.channelsOf(userId);
            assert.ok(channels.includes('/topic/RelayAgentSignals'), `${userId} listens to their own signal`);
            assert.ok(!channels.includes('/event/Relay_Conversation_Event__e'), 'no console listens to every event');
        }
        const mark = server.streams.deliveries.length;

        // Alex alone is On Queue: Sales offers him the chat; the panel shows it live, named by who wrote.
        sim.control.setPresence(SEED_IDS.users.alex, 'OnQueue');
        const first = 'My account number is 55-0192-77, please keep it private.';
        const conversation = sim.control.startConversation({
            channel: 'webchat',
            queue: 'Sales',
            customerName: 'Nadia Rahman',
            customerAddress: 'nadia@example.com',
            text: first
        });
        const alexPanel = page.getByRole('region', { name: 'Relay Conversations' }).locator('c-relay-work-item-panel');
        const row = (state) =>
            alexPanel
                .locator(`li.relay-row[data-state="${state}"]`)
                .filter({ has: page.locator('[data-id="customer"]', { hasText: 'Nadia Rahman' }) });
        await row('alerting')
            .getByRole('button', { name: label('Relay_WorkItem_PickUp') })
            .click();
        await row('connected').waitFor();
        await page.getByRole('tab', { name: 'Nadia Rahman', selected: true }).waitFor();
        const transcript = page.locator('c-relay-conversation').filter({ hasText: first });
        await transcript.waitFor();

        // The customer writes again: Alex's transcript shows it live, read through Apex when his signal rang.
        const second = 'And my date of birth is 12 March 1988.';
        sim.control.customerReply(conversation.id, second);
        await page.locator('c-relay-conversation').getByText(second).waitFor();

        const toAlex = server.streams.deliveries.slice(mark).filter((d) => d.userId === alex);
        const toBlake = server.streams.deliveries.slice(mark).filter((d) => d.userId === blake);
        const types = toAlex
            .filter((d) => d.message.data.sobject?.Conversation_Id__c === conversation.id)
            .map((d) => d.message.data.sobject.Type__c);
        assert.ok(types.includes('conversation.alerting'), `Alex was told of the offer: ${types}`);
        assert.ok(types.includes('conversation.customerMessage'), `Alex was told the customer wrote: ${types}`);
        for (const delivery of toAlex) {
            assert.equal(delivery.message.channel, '/topic/RelayAgentSignals');
            const sent = JSON.stringify(delivery.message);
            assert.ok(!sent.includes('55-0192-77') && !sent.includes('12 March 1988'), `no customer text: ${sent}`);
        }
        const toBlakeText = JSON.stringify(toBlake);
        assert.ok(
            !toBlakeText.includes(conversation.id),
            `Blake received nothing of Alex’s conversation: ${toBlakeText}`
        );
        assert.ok(!toBlakeText.includes('Nadia') && !toBlakeText.includes('55-0192-77'), 'nor its customer or text');
        assert.deepEqual(toBlake, [], 'Blake’s console was told nothing: nothing concerned him');
        // Nor does Blake's own console show it, or his Apex read it.
        const blakePanel = blakePage.getByRole('region', { name: 'Relay Conversations' });
        assert.ok(!(await blakePanel.textContent()).includes('Nadia Rahman'));
        const [interaction] = await records(
            server,
            `SELECT Id FROM Relay_Interaction__c WHERE External_Conversation_Id__c = '${conversation.id}'`
        );
        assert.deepEqual(
            await apexAs(server, 'blake', 'RelayConversationController.getTranscript', {
                interactionId: interaction.Id
            }).catch(() => []),
            [],
            'Blake cannot read the transcript through Apex'
        );
    });
});
