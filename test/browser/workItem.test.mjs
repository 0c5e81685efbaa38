// The work-item flow in the local console, in Debian's Chromium, as an agent works it: the Relay
// Conversations utility (relayWorkItemPanel), the wrap-up picker, the transfer dialog and the conversation
// on the interaction's record page, against preview Apex, the embedded simulator and the Omni-Channel
// simulator. Every wait is on a condition (the page, the simulator or the records), never on time.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SEED_IDS, demoSeed } from '../../simulator/src/seed.ts';
import {
    SCREENSHOTS,
    SCREENSHOTS_WANTED,
    chooseCodeAndFinish,
    chooseRadio as choose,
    disconnectIntoWrapUp,
    fieldsOf,
    fieldsWhen,
    label,
    panelOf,
    panelRowOf as rowOf,
    recordCondition,
    records,
    seriousA11yViolations,
    simulatorCondition,
    withConsole
} from './harness.mjs';

const { users, queues, codes } = SEED_IDS;

const userState = (sim, id) => sim.control.state().users.find((u) => u.id === id);
const agentLegs = (sim, conversationId) =>
    sim.control.conversation(conversationId).participants.filter((p) => p.purpose === 'agent');

/** Blake is offered the conversation and accepts it in his own Genesys Cloud client (the public API). */
async function blakeAccepts(sim, conversationId) {
    await simulatorCondition(
        sim,
        () => agentLegs(sim, conversationId).some((p) => p.userId === users.blake && p.state === 'alerting'),
        'the offer to Blake'
    );
    const blakeLeg = agentLegs(sim, conversationId).find((p) => p.userId === users.blake);
    const token = sim.control.issueToken(users.blake).access_token;
    const accepted = await fetch(
        `${sim.url}/api/v2/conversations/messages/${conversationId}/participants/${blakeLeg.id}`,
        {
            method: 'PATCH',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ state: 'connected' })
        }
    );
    assert.ok(accepted.ok, `Blake's pick-up answered ${accepted.status}`);
}

/** The agent goes online in Omni-Channel; the panel puts them On Queue in the contact centre. */
async function goOnQueue(page, sim) {
    await page
        .getByRole('region', { name: 'Omni-Channel' })
        .getByLabel('Presence status')
        .selectOption({ label: 'Online' });
    await simulatorCondition(
        sim,
        () => userState(sim, users.alex)?.routingStatus === 'IDLE',
        'Alex On Queue and idle in the contact centre'
    );
    await panelOf(page).getByText(label('Relay_WorkItem_OnQueue'), { exact: true }).waitFor();
}

/** A customer writes in on web chat to a queue (the control API, as the Customer panel does). */
function customerWrites(sim, queue, customerName, text) {
    return sim.control.startConversation({
        channel: 'webchat',
        queue,
        customerName,
        customerAddress: `${customerName.toLowerCase().replace(/\W+/g, '.')}@example.com`,
        text
    }).id;
}

/** Pick Up in the panel: the row connects and the interaction's record opens in a focused tab. */
async function pickUp(page, server, customer) {
    await rowOf(page, customer, 'alerting')
        .getByRole('button', { name: label('Relay_WorkItem_PickUp') })
        .click();
    await rowOf(page, customer, 'connected').waitFor();
    const [interaction] = await records(
        server,
        `SELECT Id, Name, External_Conversation_Id__c FROM Relay_Interaction__c WHERE Customer_Name__c = '${customer}' ORDER BY CreatedDate DESC LIMIT 1`
    );
    // The tab is named after the customer, not the record's number (issue 11, item 8).
    await page.getByRole('tab', { name: customer, selected: true }).waitFor();
    return { ...interaction, tabName: customer };
}

/** Waits until the interaction's Omni-Channel work has the status (Opened when accepted, Closed at the end). */
const workReaches = (server, interaction, status) =>
    recordCondition(
        server,
        `SELECT Status FROM AgentWork WHERE WorkItemId = '${interaction.Id}'`,
        (rows) => rows.length === 1 && rows[0].Status === status,
        `the work item ${status}`
    );

/** Waits until the interaction's Work_State__c is `state`. */
const workStateReaches = (server, interaction, state) =>
    fieldsWhen(server, interaction.Id, (f) => f.Work_State__c === state, `the interaction ${state}`);

/** The Status__c of the wrap-ups saved, oldest first. */
const wrapUpStatuses = async (server) =>
    (await records(server, 'SELECT Status__c FROM Relay_Wrap_Up__c ORDER BY CreatedDate')).map((w) => w.Status__c);

/**
 * screenshots/readme-console.png (committed, shown in the README): the conversation open in its tab and the
 * Relay Conversations utility, the Omni-Channel utility minimized as an agent would, on a taller window.
 */
async function readmeScreenshot(page) {
    if (!SCREENSHOTS_WANTED) return;
    const omniButton = page.getByRole('button', { name: /^Omni-Channel/ });
    const viewport = page.viewportSize();
    await omniButton.click();
    await page.getByRole('region', { name: 'Omni-Channel' }).waitFor({ state: 'hidden' });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.evaluate(() => document.activeElement?.blur());
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'readme-console.png') });
    await page.setViewportSize(viewport);
    await omniButton.click();
    await page.getByRole('region', { name: 'Omni-Channel' }).waitFor();
}

test('On Queue: an inbound chat alerts, is picked up, answered, disconnected and wrapped up, and the agent is On Queue again', async () => {
    await withConsole(async ({ page, server, sim, screenshot }) => {
        await goOnQueue(page, sim);

        // The customer writes in from the Customer panel.
        const customerPanel = page.getByRole('complementary');
        await customerPanel.getByLabel('Customer name').fill('Maria Garcia');
        await customerPanel.getByLabel('First message').fill('Hello, my order is late.');
        await customerPanel.getByRole('button', { name: 'Start conversation' }).click();
        const alerting = rowOf(page, 'Maria Garcia', 'alerting');
        await alerting.waitFor();
        assert.equal(
            (await alerting.locator('[data-id="state"]').textContent()).trim(),
            label('Relay_WorkItem_State_Alerting')
        );
        const countdown = new RegExp(`^${label('Relay_WorkItem_AnswerWithin', '0:[0-3][0-9]')}$`);
        assert.match((await alerting.locator('[data-id="countdown"]').textContent()).trim(), countdown);
        // Omni-Channel offers the work item too (external routing: preview Apex inserted the AgentWork).
        await page.getByRole('region', { name: 'Omni-Channel' }).getByText('Incoming').waitFor();
        await screenshot('work-item-alerting');

        const interaction = await pickUp(page, server, 'Maria Garcia');
        const conversationId = String(interaction.External_Conversation_Id__c);
        assert.equal(agentLegs(sim, conversationId).at(-1)?.state, 'connected');
        // Pick Up accepts the Omni-Channel work item.
        await workReaches(server, interaction, 'Opened');

        // The record page's conversation: the customer's first message, the agent's reply, the customer's answer.
        const conversation = page.getByRole('tabpanel').locator('c-relay-conversation');
        const transcript = conversation.getByRole('log', { name: label('Relay_Conversation_Transcript') });
        await transcript.getByText('Hello, my order is late.').waitFor();
        await conversation.getByLabel(label('Relay_Conversation_Reply')).fill('Sorry about that, let me check.');
        await conversation.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).click();
        await transcript.getByText('Sorry about that, let me check.').waitFor();
        const card = customerPanel.locator(`[data-conversation-id="${conversationId}"]`);
        await card.getByText('Agent: Sorry about that, let me check.').waitFor();
        await card.getByLabel('Reply as Maria Garcia').fill('Thank you!');
        await card.getByRole('button', { name: 'Send reply' }).click();
        await transcript.getByText('Thank you!').waitFor();
        assert.deepEqual(
            sim.control.conversation(conversationId).transcript.map((m) => [m.direction, m.text]),
            [
                ['inbound', 'Hello, my order is late.'],
                ['outbound', 'Sorry about that, let me check.'],
                ['inbound', 'Thank you!']
            ]
        );
        await screenshot('work-item-connected');
        await readmeScreenshot(page);

        const picker = await disconnectIntoWrapUp(page, 'Maria Garcia');
        await picker.getByRole('radio', { name: 'Resolved' }).waitFor();
        await screenshot('work-item-wrap-up');
        await chooseCodeAndFinish(picker, 'Resolved', 'Shipping delay explained.');
        await rowOf(page, 'Maria Garcia').waitFor({ state: 'detached' });

        await simulatorCondition(
            sim,
            () => userState(sim, users.alex)?.routingStatus === 'IDLE',
            'Alex idle after the wrap-up'
        );
        const leg = agentLegs(sim, conversationId).at(-1);
        assert.deepEqual([leg?.wrapup?.code, leg?.wrapup?.notes], [codes.resolved, 'Shipping delay explained.']);
        assert.equal(userState(sim, users.alex)?.presence.systemPresence, 'OnQueue');
        // The panel hears the contact centre's wrapUpSubmitted event before submitWrapUp has saved its records.
        await workStateReaches(server, interaction, 'Done');
        assert.deepEqual(await wrapUpStatuses(server), ['Submitted']);
        await panelOf(page).getByText(label('Relay_WorkItem_OnQueue'), { exact: true }).waitFor();
        // The work item and its tab close with the interaction.
        await page.getByRole('tab', { name: interaction.tabName }).waitFor({ state: 'detached' });
        await workReaches(server, interaction, 'Closed');
    });
});

test('a transfer to a queue shows Transferring until another agent accepts, then the work item closes by itself', async () => {
    await withConsole(async ({ page, server, sim, screenshot }) => {
        // Blake is On Queue in Billing (Alex is the only agent on Sales).
        sim.control.setPresence(users.blake, 'OnQueue');
        await goOnQueue(page, sim);
        const conversationId = customerWrites(sim, 'Sales', 'Sam Lee', 'Can I upgrade my plan?');
        const interaction = await pickUp(page, server, 'Sam Lee');

        await rowOf(page, 'Sam Lee', 'connected')
            .getByRole('button', { name: label('Relay_WorkItem_Transfer') })
            .click();
        const dialog = page.getByRole('dialog', { name: label('Relay_TransferDialog_Title') });
        await dialog.getByLabel(label('Relay_TransferDialog_Search')).fill('Bil');
        await choose(dialog, 'Billing');
        await dialog.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
        await dialog.waitFor({ state: 'detached' });
        const transferring = rowOf(page, 'Sam Lee', 'transferring');
        await transferring.waitFor();
        assert.equal(
            (await transferring.locator('[data-id="state"]').textContent()).trim(),
            label('Relay_WorkItem_Transferring')
        );
        assert.equal((await fieldsOf(server, interaction.Id)).Work_State__c, 'Transferring');
        await screenshot('work-item-transferring');

        // Billing offers it to Blake: the agent's leg has ended in the contact centre, but until Blake accepts, the
        // conversation is still Alex's work item, with its tab (seeds 000/001).
        await simulatorCondition(
            sim,
            () => agentLegs(sim, conversationId).some((p) => p.userId === users.blake && p.state === 'alerting'),
            'the offer to Blake'
        );
        assert.equal(agentLegs(sim, conversationId).find((p) => p.userId === users.alex)?.state, 'disconnected');
        assert.equal(await rowOf(page, 'Sam Lee').getAttribute('data-state'), 'transferring');
        await page.getByRole('tab', { name: interaction.tabName }).waitFor();
        assert.deepEqual(
            sim.control
                .events()
                .filter((e) => e.type === 'conversation.transferred')
                .map((e) => e.conversationId),
            [],
            'not transferred while nobody accepted'
        );

        // Blake accepts in his own Genesys Cloud client: the work item, its row and its tab close by themselves.
        await blakeAccepts(sim, conversationId);
        const transferred = sim.control
            .events()
            .find((e) => e.type === 'conversation.transferred' && e.conversationId === conversationId);
        assert.equal(transferred?.data.targetQueueId, queues.billing);
        assert.equal(transferred?.data.targetUserId, users.blake);
        await rowOf(page, 'Sam Lee').waitFor({ state: 'detached' });
        await page.getByRole('tab', { name: interaction.tabName }).waitFor({ state: 'detached' });
        await workReaches(server, interaction, 'Closed');
        assert.equal(sim.control.conversation(conversationId).state, 'connected');
        assert.equal(agentLegs(sim, conversationId).at(-1)?.userId, users.blake);
    });
});

test('a transfer out of a queue with mandatory wrap-up opens the wrap-up, and the agent completes it', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await goOnQueue(page, sim);
        const conversationId = customerWrites(sim, 'Support', 'Lee Wong', 'I need help with an invoice.');
        const interaction = await pickUp(page, server, 'Lee Wong');
        const alexLeg = agentLegs(sim, conversationId).at(-1);
        // Blake (Support and Billing) comes On Queue only now, so Support offered the chat to Alex.
        sim.control.setPresence(users.blake, 'OnQueue');

        await rowOf(page, 'Lee Wong', 'connected')
            .getByRole('button', { name: label('Relay_WorkItem_Transfer') })
            .click();
        const dialog = page.getByRole('dialog', { name: label('Relay_TransferDialog_Title') });
        await dialog.getByLabel(label('Relay_TransferDialog_Search')).fill('Bil');
        await choose(dialog, 'Billing');
        await dialog.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
        await dialog.waitFor({ state: 'detached' });

        // Blake accepts in his own Genesys Cloud client.
        await blakeAccepts(sim, conversationId);

        // Support requires a wrap-up: Alex's transferred leg is in after-call work, and the picker opens.
        const picker = rowOf(page, 'Lee Wong', 'wrapUp').locator('c-relay-wrap-up-picker');
        await picker.getByRole('heading', { name: label('Relay_WrapUpPicker_Title', 'Lee Wong') }).waitFor();
        const leg = () => agentLegs(sim, conversationId).find((p) => p.id === alexLeg.id);
        assert.deepEqual([leg()?.disconnectType, leg()?.wrapupRequired], ['transfer', true]);
        await workStateReaches(server, interaction, 'Wrap_Up');
        await chooseCodeAndFinish(picker, 'Escalated to tier 2', 'Passed to Billing.');
        await rowOf(page, 'Lee Wong').waitFor({ state: 'detached' });

        await simulatorCondition(
            sim,
            () => leg()?.wrapup?.code === codes.escalated,
            'the wrap-up in the contact centre'
        );
        assert.equal(leg()?.wrapup?.notes, 'Passed to Billing.');
        await simulatorCondition(
            sim,
            () => userState(sim, users.alex)?.routingStatus === 'IDLE',
            'Alex On Queue and idle after the wrap-up'
        );
        await workStateReaches(server, interaction, 'Done');
        assert.deepEqual(await wrapUpStatuses(server), ['Submitted']);
        assert.equal(agentLegs(sim, conversationId).at(-1)?.userId, users.blake);
        await workReaches(server, interaction, 'Closed');
    });
});

test('a customer who leaves ends the work item and opens the wrap-up by itself', async () => {
    await withConsole(async ({ page, server, sim, screenshot }) => {
        await goOnQueue(page, sim);
        const conversationId = customerWrites(sim, 'Billing', 'Jane Doe', 'Was I charged twice?');
        await pickUp(page, server, 'Jane Doe');

        // The customer leaves (the Customer panel's button does this; console.test.mjs covers the panel itself).
        sim.control.customerDisconnect(conversationId);
        const picker = rowOf(page, 'Jane Doe', 'wrapUp').locator('c-relay-wrap-up-picker');
        await picker.getByRole('heading', { name: label('Relay_WrapUpPicker_Title', 'Jane Doe') }).waitFor();
        await picker.getByRole('radio', { name: 'Invoice explained' }).waitFor();
        await screenshot('work-item-customer-left');
        await chooseCodeAndFinish(picker, 'Invoice explained');
        await rowOf(page, 'Jane Doe').waitFor({ state: 'detached' });
        await simulatorCondition(
            sim,
            () => agentLegs(sim, conversationId).at(-1)?.wrapup?.code === codes.invoiceExplained,
            'the wrap-up in the contact centre'
        );
    });
});

test('a wrap-up the contact centre cannot take now is shown pending, then lands when the retry runs', async () => {
    await withConsole(async ({ page, server, sim, screenshot }) => {
        await goOnQueue(page, sim);
        const conversationId = customerWrites(sim, 'Support', 'Priya Patel', 'My refund has not arrived.');
        await pickUp(page, server, 'Priya Patel');
        const picker = await disconnectIntoWrapUp(page, 'Priya Patel');

        // Genesys Cloud rate-limits the next wrap-up and asks Relay to come back in 1 second.
        sim.control.injectFault({ operation: 'submitWrapUp', status: 429, retryAfterSeconds: 1 });
        await chooseCodeAndFinish(picker, 'Follow-up required', 'Refund chased with finance.');
        const pending = rowOf(page, 'Priya Patel', 'wrapUpPending');
        await pending.waitFor();
        assert.equal(
            (await pending.locator('[data-id="state"]').textContent()).trim(),
            label('Relay_WorkItem_State_WrapUpPending')
        );
        await pending.getByText(label('Relay_WrapUp_Pending')).first().waitFor();
        const [wrapUp] = await records(server, 'SELECT Id, Status__c, Code_Id__c FROM Relay_Wrap_Up__c');
        assert.deepEqual([wrapUp?.Status__c, wrapUp?.Code_Id__c], ['Pending', codes.followUp]);
        assert.equal(agentLegs(sim, conversationId).at(-1)?.wrapup, undefined);
        await screenshot('work-item-wrap-up-pending');

        // The queueable waits Retry-After rounded up to a minute, as System.enqueueJob does: move its clock.
        const [job] = server.jobs.pending();
        assert.equal(job?.name, 'RelayWrapUpRetryJob');
        await server.jobs.advance(job.dueAt - server.jobs.now());
        assert.equal((await fieldsOf(server, wrapUp.Id)).Status__c, 'Submitted');
        await pending.waitFor({ state: 'detached' });
        const leg = agentLegs(sim, conversationId).at(-1);
        assert.deepEqual([leg?.wrapup?.code, leg?.wrapup?.notes], [codes.followUp, 'Refund chased with finance.']);
        await simulatorCondition(
            sim,
            () => userState(sim, users.alex)?.routingStatus === 'IDLE',
            'Alex On Queue and idle after the retry'
        );
        await panelOf(page).getByText(label('Relay_WorkItem_OnQueue'), { exact: true }).waitFor();
    });
});

test('the console passes axe with the panel alerting, connected, transferring a conversation and wrapping up', async () => {
    // The simulator offers an agent one conversation at a time (routing status IDLE), so the panel is checked
    // in each state in turn rather than with an alerting and a connected row at once.
    await withConsole(async ({ page, server, sim }) => {
        await goOnQueue(page, sim);
        customerWrites(sim, 'Support', 'Maria Garcia', 'Where is my parcel?');
        await rowOf(page, 'Maria Garcia', 'alerting').waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'alerting');

        await pickUp(page, server, 'Maria Garcia');
        await page.getByRole('tabpanel').locator('c-relay-conversation').getByText('Where is my parcel?').waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'connected, with the conversation open');

        await rowOf(page, 'Maria Garcia', 'connected')
            .getByRole('button', { name: label('Relay_WorkItem_Transfer') })
            .click();
        const dialog = page.getByRole('dialog', { name: label('Relay_TransferDialog_Title') });
        await dialog.getByRole('radio', { name: 'Billing' }).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'the transfer dialog');
        await dialog.getByRole('button', { name: label('Relay_Action_Cancel'), exact: true }).click();
        await dialog.waitFor({ state: 'detached' });

        const picker = await disconnectIntoWrapUp(page, 'Maria Garcia');
        await picker.getByRole('radio', { name: 'Resolved' }).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'the wrap-up picker');
    });
});

test('an offer that runs out leaves the agent Not Responding, shown in the panel with Omni-Channel Busy, until On Queue again', async () => {
    // Sales offers for 2 seconds here, so the offer runs out while the test waits on it.
    const seed = demoSeed({ conversations: false });
    const sales = seed.queues.find((q) => q.id === queues.sales);
    sales.alertingTimeoutSeconds = 2;
    await withConsole(
        async ({ page, sim }) => {
            await goOnQueue(page, sim);
            customerWrites(sim, 'Sales', 'Nico Park', 'Is the annual plan cheaper?');
            await rowOf(page, 'Nico Park', 'alerting').waitFor();
            await simulatorCondition(
                sim,
                () => userState(sim, users.alex)?.routingStatus === 'NOT_RESPONDING',
                'the offer running out in the contact centre'
            );

            // The panel says why nothing comes any more, and Omni-Channel no longer shows Online.
            await panelOf(page).getByText(label('Relay_WorkItem_NotResponding')).waitFor();
            await page.getByRole('button', { name: /Omni-Channel \(Busy\)/ }).waitFor();
            // lightning-input's toggle: its checkbox, inside the base component.
            const toggle = panelOf(page).locator('[data-id="queue-toggle"] input[type="checkbox"]');
            assert.equal(await toggle.isChecked(), false, 'not On Queue for routing');
            assert.deepEqual(await seriousA11yViolations(page), []);

            // Back On Queue from the panel: the contact centre routes to the agent again, Omni-Channel is Online.
            await toggle.focus();
            await page.keyboard.press('Space');
            await simulatorCondition(
                sim,
                () => userState(sim, users.alex)?.routingStatus !== 'NOT_RESPONDING',
                'routable again'
            );
            await page.getByRole('button', { name: /Omni-Channel \(Online\)/ }).waitFor();
            await panelOf(page).getByText(label('Relay_WorkItem_NotResponding')).waitFor({ state: 'detached' });
        },
        { seed }
    );
});

test('where wrap-up is optional the wrap-up still opens: the agent gives a code, or finishes without one', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await goOnQueue(page, sim);
        // Sales asks for no code, but takes one: the agent records a sale.
        const sale = customerWrites(sim, 'Sales', 'Omar Haddad', 'I would like the annual plan.');
        const first = await pickUp(page, server, 'Omar Haddad');
        const picker = await disconnectIntoWrapUp(page, 'Omar Haddad');
        // It says a code is optional.
        await picker.getByText(label('Relay_WrapUpPicker_Optional')).waitFor();
        await chooseCodeAndFinish(picker, 'Sale made', 'Annual plan.');
        await rowOf(page, 'Omar Haddad').waitFor({ state: 'detached' });
        await simulatorCondition(
            sim,
            () => agentLegs(sim, sale).at(-1)?.wrapup?.code === codes.saleMade,
            'the optional code in the contact centre'
        );
        await workStateReaches(server, first, 'Done');

        // The next one ends without a code: Done is enough, nothing is sent, the work is closed.
        const quick = customerWrites(sim, 'Sales', 'Nina Park', 'Just browsing, thanks.');
        const second = await pickUp(page, server, 'Nina Park');
        const skipped = await disconnectIntoWrapUp(page, 'Nina Park');
        await skipped.getByRole('button', { name: label('Relay_WrapUpPicker_Done') }).click();
        await rowOf(page, 'Nina Park').waitFor({ state: 'detached' });
        await workStateReaches(server, second, 'Done');
        await workReaches(server, second, 'Closed');
        assert.equal(agentLegs(sim, quick).at(-1)?.wrapup, undefined, 'no code sent');
        assert.equal(userState(sim, users.alex)?.routingStatus, 'IDLE', 'still routable');
    });
});

test('declining the work in Omni-Channel declines the offer in the contact centre too, so nothing is left to pick up', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await goOnQueue(page, sim);
        const conversationId = customerWrites(sim, 'Support', 'Dee Park', 'Is the store open on Sunday?');
        await rowOf(page, 'Dee Park', 'alerting').waitFor();
        const omni = page.getByRole('region', { name: 'Omni-Channel' });
        await omni.getByRole('button', { name: 'Decline' }).click();

        await rowOf(page, 'Dee Park').waitFor({ state: 'detached' });
        await simulatorCondition(
            sim,
            () => agentLegs(sim, conversationId).at(-1)?.state === 'disconnected',
            'the offer declined in the contact centre'
        );
        const [interaction] = await records(
            server,
            "SELECT Id, Work_State__c FROM Relay_Interaction__c WHERE Customer_Name__c = 'Dee Park'"
        );
        await workStateReaches(server, interaction, 'Done');
        assert.equal(await panelOf(page).locator('c-relay-wrap-up-picker').count(), 0, 'no wrap-up for an offer');
        // The contact centre holds an agent who declined as Not Responding: the panel says so (item 2).
        await panelOf(page).getByText(label('Relay_WorkItem_NotResponding')).waitFor();
    });
});

test('the wrap-up’s Done is in view in the utility panel without scrolling, even with the queue’s longest code list', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await goOnQueue(page, sim);
        customerWrites(sim, 'Support', 'Rhea Voss', 'Where is my refund?');
        await pickUp(page, server, 'Rhea Voss');
        const picker = await disconnectIntoWrapUp(page, 'Rhea Voss');
        await picker.getByRole('radio').first().waitFor();
        const done = picker.getByRole('button', { name: label('Relay_WrapUpPicker_Done') });
        // What the agent sees of the panel: its scrolling body, where the panel's own scroll position leaves it.
        const visible = await page
            .getByRole('region', { name: 'Relay Conversations' })
            .locator('.slds-utility-panel__body')
            .boundingBox();
        const box = await done.boundingBox();
        assert.ok(
            box.y >= visible.y && box.y + box.height <= visible.y + visible.height,
            `Done at ${Math.round(box.y)}..${Math.round(box.y + box.height)}, panel shows ${Math.round(visible.y)}..${Math.round(visible.y + visible.height)}`
        );
    });
});

test('after a reload, Disconnect closes the work item and its tab without an Omni-Channel error', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await goOnQueue(page, sim);
        const conversationId = customerWrites(sim, 'Billing', 'Omar Reyes', 'My invoice is wrong.');
        const interaction = await pickUp(page, server, 'Omar Reyes');
        await workReaches(server, interaction, 'Opened');
        await page.reload();
        await page.locator('body[data-preview-ready="true"]').waitFor();
        await rowOf(page, 'Omar Reyes', 'connected')
            .getByRole('button', { name: label('Relay_WorkItem_Disconnect') })
            .click();
        await rowOf(page, 'Omar Reyes', 'wrapUp').waitFor();
        await workReaches(server, interaction, 'Closed');
        await page.getByRole('tab', { name: interaction.tabName }).waitFor({ state: 'detached' });
        await simulatorCondition(
            sim,
            () => agentLegs(sim, conversationId).at(-1)?.state === 'disconnected',
            'the agent disconnected in the contact centre'
        );
        assert.deepEqual(
            (await panelOf(page).locator('[data-id="errors"]').allInnerTexts()).filter((t) => t.trim() !== ''),
            [],
            'no error shown'
        );
    });
});

test('an Omni-Channel status chosen while the event stream was down still puts the agent On Queue once it is back', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await panelOf(page).getByText(label('Relay_WorkItem_OffQueue'), { exact: true }).waitFor();
        // The stream drops, and Omni-Channel goes Online before the browser is back: its event reaches nobody.
        for (const stream of [...server.streams]) stream.close();
        server.omni(server.org.users.alex).setStatus('Relay_Online');
        await simulatorCondition(
            sim,
            () => userState(sim, users.alex)?.routingStatus === 'IDLE',
            'Alex On Queue and idle in the contact centre'
        );
        await panelOf(page).getByText(label('Relay_WorkItem_OnQueue'), { exact: true }).waitFor();
    });
});

test('an email is offered, picked up, read under its subject, answered as an email, and wrapped up like any work item', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await goOnQueue(page, sim);

        // The customer emails the Support queue from the Customer panel: a Genesys email conversation, not a message.
        const customerPanel = page.getByRole('complementary');
        await customerPanel.getByLabel('Channel').selectOption({ label: 'Email' });
        await customerPanel.getByLabel('Customer name').fill('Priya Patel');
        await customerPanel.getByLabel('Subject').fill('Refund for order 1042');
        await customerPanel.getByLabel('First message').fill('The parcel arrived damaged. Can I get a refund?');
        await customerPanel.getByRole('button', { name: 'Start conversation' }).click();
        await rowOf(page, 'Priya Patel', 'alerting').waitFor();

        const interaction = await pickUp(page, server, 'Priya Patel');
        const conversationId = String(interaction.External_Conversation_Id__c);
        assert.equal(sim.control.conversation(conversationId).mediaType, 'email');
        assert.equal(agentLegs(sim, conversationId).at(-1)?.state, 'connected', 'picked up through the email API');
        const fields = await fieldsOf(server, interaction.Id);
        assert.deepEqual([fields.Media_Type__c, fields.Subject__c], ['Email', 'Refund for order 1042']);

        // The thread, each email under its subject; the agent's reply goes back as an email.
        const conversation = page.getByRole('tabpanel').locator('c-relay-conversation');
        const transcript = conversation.getByRole('log', { name: label('Relay_Conversation_Transcript') });
        await transcript.getByText('The parcel arrived damaged. Can I get a refund?').waitFor();
        await transcript.locator('[data-id="subject"]', { hasText: 'Refund for order 1042' }).first().waitFor();
        await conversation
            .getByLabel(label('Relay_Conversation_Reply'))
            .fill('Sorry to hear that. A refund is on its way.');
        await conversation.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).click();
        await transcript.getByText('Sorry to hear that. A refund is on its way.').waitFor();
        const reply = sim.control
            .conversation(conversationId)
            .transcript.find((m) => m.direction === 'outbound' && m.text.startsWith('Sorry to hear that'));
        assert.equal(reply?.email?.subject, 'Re: Refund for order 1042');
        assert.deepEqual(
            reply?.email?.to.map((a) => a.email),
            ['jane.doe@example.com'],
            'to the address the customer wrote from'
        );
        const card = customerPanel.locator(`[data-conversation-id="${conversationId}"]`);
        await card
            .getByText('Agent: [Re: Refund for order 1042] Sorry to hear that. A refund is on its way.')
            .waitFor();

        const picker = await disconnectIntoWrapUp(page, 'Priya Patel');
        await chooseCodeAndFinish(picker, 'Resolved', 'Refund issued.');
        await rowOf(page, 'Priya Patel').waitFor({ state: 'detached' });
        await simulatorCondition(
            sim,
            () => agentLegs(sim, conversationId).at(-1)?.wrapup?.code === codes.resolved,
            'the email’s wrap-up in the contact centre'
        );
        await simulatorCondition(
            sim,
            () => userState(sim, users.alex)?.routingStatus === 'IDLE',
            'Alex idle after the wrap-up'
        );
    });
});
