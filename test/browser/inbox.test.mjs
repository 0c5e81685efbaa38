// The digital inbox in the local console, in Debian's Chromium: the Digital tab (the Relay_Digital_Inbox app
// page, relayDigitalInbox), the interaction view with its conversation, dispositions and transfer, against the
// preview of RelayInboxController, the org's digital queues and the embedded simulator. Every wait is on a
// condition (the page, the simulator or the records), never on time.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed.ts';
import {
    apexAs,
    choose,
    fieldsOf,
    fieldsWhen,
    inboxOf,
    label,
    openDigitalTab,
    operationCount,
    queueIds,
    records,
    seriousA11yViolations,
    simulatorCondition,
    withConsole
} from './harness.mjs';

const rowsOf = (page) => inboxOf(page).getByRole('option');
const rowOf = (page, customer) => rowsOf(page).filter({ hasText: customer });
const viewOf = (page) => inboxOf(page).locator('c-relay-interaction-view');

/** The customer names of the rows, top to bottom (without the "Unread" said to screen readers). */
async function customers(page) {
    const unread = label('Relay_Inbox_UnreadRow');
    const texts = await rowsOf(page)
        .locator('[data-id="customer"]')
        .evaluateAll((els) => els.map((el) => el.textContent.replace(/\s+/g, ' ').trim()));
    return texts.map((t) => (t.startsWith(unread) ? t.slice(unread.length).trim() : t));
}

/** Minimizes every open utility panel, as an agent would: they open over the Digital tab's lower rows. */
async function minimizeUtilities(page) {
    const openUtility = page.locator('#utility-bar button[aria-expanded="true"]');
    while ((await openUtility.count()) > 0) await openUtility.first().click();
}

/** Blake, the other agent of the queues, calling the inbox's Apex. */
const asBlake = (server, method, params = {}) => apexAs(server, 'blake', `RelayInboxController.${method}`, params);

test('the Digital tab lists the digital queues’ interactions, filtered by tags and sorted by channel', async () => {
    await withConsole(
        async ({ page, screenshot }) => {
            await openDigitalTab(page);
            const inbox = inboxOf(page);
            // Six waiting interactions in Relay Digital (through the Relay Agents group) and Relay Billing.
            await rowsOf(page).nth(5).waitFor();
            assert.equal(await rowsOf(page).count(), 6);

            await choose(inbox.locator('[data-id="sort"]'), label('Relay_Inbox_Sort_Channel'));
            await inbox.locator('[data-id="customer"]').first().filter({ hasText: 'Ava Thompson' }).waitFor();
            assert.deepEqual(
                await customers(page),
                ['Ava Thompson', 'Ben Carter', 'Chloe Martin', 'Farah Khan', 'Emma Wilson', 'Diego Alvarez'],
                'chat, email, Facebook, Instagram, SMS, WhatsApp'
            );

            // screenshots/readme-inbox.png (committed, for the README): the whole inbox, utility panels closed.
            await minimizeUtilities(page);
            const file = await screenshot('readme-inbox');
            if (file) assert.ok(fs.statSync(file).size > 10_000);

            // Tags: any of the selected ones; the channel order stays.
            await choose(inbox.locator('[data-id="tag-picker"]'), 'VIP');
            await rowOf(page, 'Ben Carter').waitFor({ state: 'detached' });
            await inbox.locator('[data-id="tag-pills"]').getByText('VIP', { exact: true }).waitFor();
            assert.deepEqual(await customers(page), ['Ava Thompson', 'Emma Wilson']);
            await choose(inbox.locator('[data-id="tag-picker"]'), 'Returns');
            await rowsOf(page).nth(3).waitFor();
            assert.deepEqual(await customers(page), ['Ava Thompson', 'Farah Khan', 'Emma Wilson', 'Diego Alvarez']);

            await inbox.getByRole('button', { name: 'Remove VIP' }).click();
            await rowOf(page, 'Ava Thompson').waitFor({ state: 'detached' });
            assert.deepEqual(await customers(page), ['Farah Khan', 'Diego Alvarez']);

            assert.deepEqual(await seriousA11yViolations(page), [], 'the inbox passes axe');
        },
        { demoInbox: true }
    );
});

test('a new conversation reaches the queue live; the agent takes it, replies, the customer answers, and End saves the dispositions and the required wrap-up', async () => {
    await withConsole(async ({ page, server, sim }) => {
        const alex = server.org.users.alex;
        const digitalQueue = (await queueIds(server)).Relay_Digital;
        await openDigitalTab(page);
        await inboxOf(page).locator('[data-id="empty"]').waitFor();

        // The customer writes on the Support queue: the Default mapping puts it in Relay Digital, and the open
        // inbox shows it without a reload.
        const conversation = sim.control.startConversation({
            channel: 'webchat',
            customerName: 'Quinn Harper',
            customerAddress: 'quinn@example.com',
            queue: 'Support',
            text: 'Is my order 5531 on its way?'
        });
        await rowOf(page, 'Is my order 5531').waitFor();
        // The row names the customer before anyone opened it (the event said who wrote).
        await rowOf(page, 'Is my order 5531').locator('[data-id="customer"]', { hasText: 'Quinn Harper' }).waitFor();
        const [interaction] = await records(
            server,
            `SELECT Id, OwnerId, Status__c FROM Relay_Interaction__c WHERE External_Conversation_Id__c = '${conversation.id}'`
        );
        assert.equal(interaction.OwnerId, digitalQueue);
        assert.equal(interaction.Status__c, 'New');
        const interactionId = interaction.Id;

        // Click: assigned to the agent, who now owns it; a second agent of the queue is told who has it.
        await rowOf(page, 'Is my order 5531').click();
        await viewOf(page).waitFor();
        const assigned = await fieldsWhen(
            server,
            interactionId,
            (f) => f.Assigned_Agent__c === alex,
            'the interaction assigned to the agent'
        );
        assert.equal(assigned.OwnerId, alex);
        assert.equal(assigned.Routing_Queue_Id__c, digitalQueue);
        const late = await asBlake(server, 'assignToMe', { interactionId });
        assert.deepEqual(
            { assigned: late.assigned, assignedToName: late.assignedToName },
            { assigned: false, assignedToName: 'Alex Rivera' }
        );
        assert.equal((await fieldsOf(server, interactionId)).Assigned_Agent__c, alex, 'nothing changed');
        assert.deepEqual(
            (await asBlake(server, 'getInbox')).map((i) => i.id),
            [],
            'out of the other agent’s inbox'
        );
        assert.deepEqual(await seriousA11yViolations(page), [], 'the interaction view passes axe');

        // Genesys Cloud follows the assignment: the view joins the agent to the conversation waiting in Support (no
        // On Queue, no work-item pick-up), and the agent replies.
        const alexLegs = () =>
            sim.control.conversation(conversation.id).participants.filter((p) => p.purpose === 'agent');
        await simulatorCondition(
            sim,
            () => alexLegs().some((p) => p.state === 'connected'),
            'the agent connected to the conversation in the contact centre'
        );

        const view = viewOf(page);
        await view.getByRole('textbox', { name: label('Relay_Conversation_Reply') }).fill('Yes, it arrives tomorrow.');
        await view.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).click();
        await simulatorCondition(
            sim,
            () =>
                sim.control
                    .conversation(conversation.id)
                    .transcript.some((m) => m.direction === 'outbound' && m.text === 'Yes, it arrives tomorrow.'),
            'the reply in the contact centre’s transcript'
        );
        // Worked in the Digital tab (Worked_In_Inbox__c): no Omni-Channel work opens its record tab over the view.
        assert.deepEqual(await records(server, `SELECT Id FROM AgentWork WHERE WorkItemId = '${interactionId}'`), []);
        await page.getByRole('tab', { name: 'Digital', selected: true }).waitFor();
        // Answered: Resolved (the agent stays assigned), out of the queue for everyone else.
        const resolved = await fieldsWhen(
            server,
            interactionId,
            (f) => f.Status__c === 'Resolved',
            'the interaction resolved by the reply'
        );
        assert.equal(resolved.Assigned_Agent__c, alex);
        // The contact centre logs a request once it has answered it, so these are counted after the reply's Apex
        // has finished (it resolved the interaction).
        // Taken from the queue with the operation Genesys Cloud documents for it (POST .../conversations/{id}/assign).
        assert.equal(operationCount(server, 'assignConversation'), 1, 'assigned from the queue once');
        assert.equal(operationCount(server, 'replaceWithAgent'), 0, 'no transfer of the queue');
        assert.equal(operationCount(server, 'pickUp'), 1);
        assert.equal(operationCount(server, 'sendText'), 1, 'one sendText');
        assert.deepEqual(await asBlake(server, 'getInbox'), []);

        // The customer answers: Open again, live.
        sim.control.customerReply(conversation.id, 'Great, thanks! Can it be left with a neighbour?');
        await view
            .locator('span[data-id="status"]', { hasText: label('Relay_Inbox_Status_Open') })
            .first()
            .waitFor();
        await view.getByText('Can it be left with a neighbour?').waitFor();

        // End: the dispositions page; Name and Relates To from the record pickers, notes; Save ends it.
        await view.getByRole('button', { name: label('Relay_Inbox_End'), exact: true }).click();
        await view.getByRole('heading', { name: label('Relay_Inbox_Dispositions') }).waitFor();
        const name = view.getByRole('combobox', { name: label('Relay_Inbox_Name'), exact: true });
        await name.fill('Dana');
        await view.getByRole('option', { name: 'Dana Whitfield' }).click();
        const relatesTo = view.getByRole('combobox', { name: label('Relay_Inbox_RelatesTo'), exact: true });
        const [parcelCase] = await records(
            server,
            "SELECT Id, CaseNumber FROM Case WHERE Subject = 'Parcel not delivered'"
        );
        await relatesTo.fill('Parcel');
        await view.getByRole('option', { name: parcelCase.CaseNumber }).click();
        await view.getByRole('textbox', { name: label('Relay_Inbox_Notes') }).fill('Prefers delivery to a neighbour.');
        assert.deepEqual(await seriousA11yViolations(page), [], 'the dispositions page passes axe');
        const save = view.getByRole('button', { name: label('Relay_Inbox_Save'), exact: true });
        await save.click();

        // Support requires a wrap-up: End disconnected the agent, who is now in after-call work, and the page asks
        // for the contact centre's code; Save is refused without one.
        await view.getByRole('heading', { name: label('Relay_Inbox_WrapUpHeading') }).waitFor();
        const leg = () => alexLegs().at(-1);
        assert.deepEqual([leg()?.state, leg()?.wrapupPending], ['disconnected', true], 'in ACW in the contact centre');
        await save.click();
        await view.getByText(label('Relay_Interaction_WrapUpCodeRequired')).waitFor();
        assert.equal(leg()?.wrapup, undefined, 'nothing sent without a code');

        // The agent leaves without saving: the interaction stays in their list, marked, and opens on the code again.
        await view.getByRole('button', { name: label('Relay_Inbox_Home') }).click();
        const marked = rowOf(page, 'Can it be left with a neighbour?');
        await marked.getByText(label('Relay_Inbox_WrapUpNeeded')).waitFor();
        await marked.click();
        await view.getByRole('heading', { name: label('Relay_Inbox_WrapUpHeading') }).waitFor();
        const search = view.getByRole('searchbox', { name: label('Relay_WrapUpPicker_Search') });
        await search.fill('resol');
        await search.press('Enter');
        assert.equal(await view.getByRole('radio', { name: 'Resolved' }).isChecked(), true, 'chosen from the keyboard');
        await view.getByRole('textbox', { name: label('Relay_Inbox_WrapUpNotes') }).fill('Delivery note added.');
        assert.deepEqual(await seriousA11yViolations(page), [], 'the wrap-up page passes axe');
        await save.click();

        await inboxOf(page).getByText(label('Relay_Inbox_EndedNotice')).waitFor();
        await simulatorCondition(
            sim,
            () => leg()?.wrapup?.code === SEED_IDS.codes.resolved && leg()?.wrapupPending === false,
            'the wrap-up in the contact centre, the agent out of after-call work'
        );
        assert.equal(leg()?.wrapup?.notes, 'Delivery note added.');
        const [wrapUp] = await records(server, 'SELECT Status__c FROM Relay_Wrap_Up__c');
        assert.equal(wrapUp?.Status__c, 'Submitted');
        const ended = await fieldsOf(server, interactionId);
        assert.equal(ended.Assigned_Agent__c, null, 'unassigned');
        assert.equal(ended.OwnerId, digitalQueue, 'back with its digital queue');
        assert.equal(ended.Status__c, 'Closed');
        const [dana] = await records(server, "SELECT Id FROM Contact WHERE Name = 'Dana Whitfield'");
        assert.equal(ended.Contact__c, dana.Id);
        assert.equal(ended.Case__c, parcelCase.Id);
        const [note] = await records(
            server,
            `SELECT Body__c, OwnerId FROM Relay_Note__c WHERE Interaction__c = '${interactionId}'`
        );
        assert.equal(note.Body__c, 'Prefers delivery to a neighbour.');
        assert.equal(note.OwnerId, alex);
        await rowOf(page, 'Can it be left with a neighbour?').waitFor({ state: 'detached' });
        assert.deepEqual(
            alexLegs().map((p) => p.state),
            ['disconnected'],
            'End disconnected the agent in the contact centre too'
        );
    });
});

test('an interaction transferred to a digital queue leaves the agent, and comes back when they are its only agent', async () => {
    await withConsole(
        async ({ page, server }) => {
            await openDigitalTab(page);
            await rowOf(page, 'Ava Thompson').click();
            const view = viewOf(page);
            await view.locator('[data-id="customer"]', { hasText: 'Ava Thompson' }).waitFor();
            const alex = server.org.users.alex;
            const queues = await queueIds(server);
            const [ava] = await records(
                server,
                "SELECT Id FROM Relay_Interaction__c WHERE Customer_Name__c = 'Ava Thompson'"
            );
            await fieldsWhen(
                server,
                ava.Id,
                (f) => f.Assigned_Agent__c === alex,
                'Ava’s interaction assigned to the agent'
            );

            // Relay VIP has only this agent: the interaction comes straight back, assigned.
            await view.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
            let dialog = page.getByRole('dialog');
            await dialog.getByText('Relay VIP', { exact: true }).click();
            await dialog.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
            await view.getByText(label('Relay_InboxTransfer_BackToYou', 'Relay VIP')).waitFor();
            const back = await fieldsOf(server, ava.Id);
            assert.equal(back.OwnerId, alex);
            assert.equal(back.Routing_Queue_Id__c, queues.Relay_VIP);

            // Relay Billing has another agent: the queue owns it, nobody is assigned, the list is shown again.
            await view.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
            dialog = page.getByRole('dialog');
            await dialog.getByText('Relay Billing', { exact: true }).click();
            await dialog.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
            await inboxOf(page).getByText(label('Relay_Inbox_Transferred', 'Relay Billing')).waitFor();
            const moved = await fieldsOf(server, ava.Id);
            assert.equal(moved.OwnerId, queues.Relay_Billing);
            assert.equal(moved.Assigned_Agent__c, null);
            assert.equal(moved.Status__c, 'New', 'the status is kept');
            assert.ok(
                (await asBlake(server, 'getInbox')).some((i) => i.id === ava.Id),
                'waiting in Relay Billing for its other agent'
            );
        },
        { demoInbox: true }
    );
});

test('two agents of a queue: the one who opens an interaction first has it, the other is told who, and cannot read it', async () => {
    await withConsole(
        async ({ page, server, signInAs }) => {
            const blake = await signInAs('blake');
            await blake.getByRole('banner').getByText('Signed in as Blake Chen').waitFor();
            await openDigitalTab(page);
            await openDigitalTab(blake);
            // Both see Ava's interaction waiting in Relay Digital.
            await rowOf(page, 'Ava Thompson').waitFor();
            await rowOf(blake, 'Ava Thompson').waitFor();

            // Alex opens it first: it is his.
            await rowOf(page, 'Ava Thompson').click();
            await viewOf(page).locator('[data-id="customer"]', { hasText: 'Ava Thompson' }).waitFor();
            const [ava] = await records(
                server,
                "SELECT Id FROM Relay_Interaction__c WHERE Customer_Name__c = 'Ava Thompson'"
            );
            await fieldsWhen(
                server,
                ava.Id,
                (f) => f.Assigned_Agent__c === server.org.users.alex,
                'Ava assigned to Alex'
            );

            // Blake's list still showed it: he clicks, and is told Alex has it; nothing of it opens for him.
            await rowOf(blake, 'Ava Thompson').click();
            await inboxOf(blake).getByText(label('Relay_Inbox_TakenBy', 'Alex Rivera')).waitFor();
            assert.equal(await viewOf(blake).count(), 0, 'no interaction view for Blake');
            assert.equal((await fieldsOf(server, ava.Id)).Assigned_Agent__c, server.org.users.alex, 'still Alex’s');
            // Alex's interaction is now private to him (owner Alex): Blake's Apex cannot read its conversation.
            await assert.rejects(
                apexAs(server, 'blake', 'RelayInboxController.getInteractionDetail', { interactionId: ava.Id })
            );
        },
        { demoInbox: true }
    );
});

test('the demo inbox works out of the box: a waiting customer opens without an error, gets a reply, and is found by name', async () => {
    await withConsole(
        async ({ page, server, sim }) => {
            await openDigitalTab(page);
            // The utility panels open over the lower rows (issue 11, item 10): minimized, as an agent would.
            await minimizeUtilities(page);
            // Ben emailed (a Genesys email conversation): the list shows its subject.
            await rowOf(page, 'Ben Carter').locator('[data-id="subject"]', { hasText: 'Invoice for March' }).waitFor();
            await rowOf(page, 'Ben Carter').click();
            const view = viewOf(page);
            await view.getByText('Could you also send the one for March?').waitFor();
            const [ben] = await records(
                server,
                "SELECT External_Conversation_Id__c FROM Relay_Interaction__c WHERE Customer_Name__c = 'Ben Carter'"
            );
            // A real conversation in the contact centre: the agent is joined to it, and the reply reaches Ben.
            await simulatorCondition(
                sim,
                () =>
                    sim.control
                        .conversation(ben.External_Conversation_Id__c)
                        .participants.some((p) => p.purpose === 'agent' && p.state === 'connected'),
                'the agent joined to Ben’s conversation'
            );
            assert.deepEqual(
                (await inboxOf(page).getByRole('alert').allInnerTexts()).filter((t) => t.trim() !== ''),
                [],
                'no error shown'
            );
            await view
                .getByRole('textbox', { name: label('Relay_Conversation_Reply') })
                .fill('Here is March’s invoice.');
            await view.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).click();
            await simulatorCondition(
                sim,
                () =>
                    sim.control
                        .conversation(ben.External_Conversation_Id__c)
                        .transcript.some((m) => m.direction === 'outbound' && m.text === 'Here is March’s invoice.'),
                'the reply in Ben’s conversation'
            );
            // The dispositions page finds the demo customer by name.
            await view.getByRole('button', { name: label('Relay_Inbox_End'), exact: true }).click();
            const name = view.getByRole('combobox', { name: label('Relay_Inbox_Name'), exact: true });
            await name.fill('Ben');
            await view.getByRole('option', { name: 'Ben Carter' }).waitFor();
        },
        { demoInbox: true }
    );
});

test('an inbox chat transferred to another queue and taken again: the first leg’s wrap-up stays with the agent, after a reload too, until they give it', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await openDigitalTab(page);
        const conversation = sim.control.startConversation({
            channel: 'webchat',
            customerName: 'Rosa Lind',
            customerAddress: 'rosa@example.com',
            queue: 'Support',
            text: 'My refund has not arrived.'
        });
        const legs = () => sim.control.conversation(conversation.id).participants.filter((p) => p.purpose === 'agent');
        await rowOf(page, 'My refund has not arrived').click();
        const view = viewOf(page);
        await view.locator('[data-id="customer"]', { hasText: 'Rosa Lind' }).waitFor();
        await simulatorCondition(sim, () => legs()[0]?.state === 'connected', 'Alex joined to the conversation');
        const firstLeg = () => legs()[0];

        // To Relay Billing, which maps to the contact centre's Billing: Alex's first leg ends in a transfer, and
        // Support waits for its wrap-up code.
        await view.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByText('Relay Billing', { exact: true }).click();
        await dialog.getByRole('button', { name: label('Relay_WorkItem_Transfer'), exact: true }).click();
        await inboxOf(page).getByText(label('Relay_Inbox_Transferred', 'Relay Billing')).waitFor();
        assert.deepEqual([firstLeg()?.disconnectType, firstLeg()?.wrapupPending], ['transfer', true]);

        // Alex is in Relay Billing too: he takes it again, ends it and gives Billing's code for his second leg.
        await rowOf(page, 'My refund has not arrived').click();
        await simulatorCondition(
            sim,
            () => legs().length === 2 && legs()[1].state === 'connected',
            'Alex joined again, on a second leg'
        );
        await view.getByRole('button', { name: label('Relay_Inbox_End'), exact: true }).click();
        await view.getByRole('heading', { name: label('Relay_Inbox_Dispositions') }).waitFor();
        const save = view.getByRole('button', { name: label('Relay_Inbox_Save'), exact: true });
        await save.click();
        await view.getByRole('heading', { name: label('Relay_Inbox_WrapUpHeading') }).waitFor();
        const search = view.getByRole('searchbox', { name: label('Relay_WrapUpPicker_Search') });
        await search.fill('refund');
        await search.press('Enter');
        await save.click();
        await inboxOf(page).getByText(label('Relay_Inbox_EndedNotice')).waitFor();
        await simulatorCondition(
            sim,
            () => legs()[1].wrapup?.code === SEED_IDS.codes.refundIssued,
            'leg two wrapped up'
        );

        // The contact centre still holds Alex in after-call work for the first leg: Relay says so, after a reload
        // too, and the code he gives there frees him.
        assert.equal(firstLeg().wrapupPending, true, 'the first leg still waits for its code');
        await page.reload();
        await page.locator('body[data-preview-ready="true"]').waitFor();
        const panel = page.getByRole('region', { name: 'Relay Conversations' }).locator('c-relay-work-item-panel');
        const picker = panel
            .locator('li.relay-row[data-state="wrapUp"]')
            .filter({ has: page.locator('[data-id="customer"]', { hasText: 'Rosa Lind' }) })
            .locator('c-relay-wrap-up-picker');
        await picker.getByRole('heading', { name: label('Relay_WrapUpPicker_Title', 'Rosa Lind') }).waitFor();
        await picker.locator('label').filter({ hasText: 'Escalated to tier 2' }).click();
        await picker.getByRole('button', { name: label('Relay_WrapUpPicker_Done') }).click();
        await simulatorCondition(
            sim,
            () => firstLeg().wrapup?.code === SEED_IDS.codes.escalated && firstLeg().wrapupPending === false,
            'the first leg wrapped up in the contact centre'
        );
        const owed = await records(
            server,
            `SELECT Participant_Id__c, Status__c FROM Relay_Wrap_Up__c WHERE Conversation_Id__c = '${conversation.id}' AND Participant_Id__c = '${firstLeg().id}'`
        );
        assert.deepEqual(
            owed.map((w) => w.Status__c),
            ['Submitted']
        );
    });
});

test('notes are live: a note saved on one conversation’s dispositions page shows in the contact’s other conversation, and Contact Details adds one', async () => {
    await withConsole(async ({ page, server, sim }) => {
        const alex = server.org.users.alex;
        await openDigitalTab(page);
        await inboxOf(page).locator('[data-id="empty"]').waitFor();
        // The utility panels open over the lower rows (issue 11, item 10): minimized, as an agent would.
        await minimizeUtilities(page);
        // The same contact writes twice (same channel, same number): two interactions in the inbox.
        const contact = {
            channel: 'sms',
            customerName: 'Noor Haddad',
            customerAddress: '+13175550188',
            queue: 'Support'
        };
        const first = sim.control.startConversation({ ...contact, text: 'Where is my parcel?' });
        await rowOf(page, 'Where is my parcel?').waitFor();
        const second = sim.control.startConversation({ ...contact, text: 'Can I change the delivery address?' });
        await rowOf(page, 'Can I change the delivery address?').waitFor();
        const interactionOf = async (conversation) =>
            (
                await records(
                    server,
                    `SELECT Id FROM Relay_Interaction__c WHERE External_Conversation_Id__c = '${conversation.id}'`
                )
            )[0].Id;
        const firstId = await interactionOf(first);
        const secondId = await interactionOf(second);
        const view = viewOf(page);
        const details = view.getByRole('region', { name: label('Relay_Inbox_ContactDetails') });
        const notes = details.locator('[data-id="note"]');

        // The first conversation: End, and a note on the dispositions page. Its Save is held at the network until the
        // agent has switched to the contact's other conversation and read its contact details, so the note is
        // stored while that conversation is on screen.
        await rowOf(page, 'Where is my parcel?').click();
        await view.getByText('Where is my parcel?').first().waitFor();
        await fieldsWhen(server, firstId, (f) => f.Assigned_Agent__c === alex, 'the first interaction assigned');
        await view.getByRole('button', { name: label('Relay_Inbox_End'), exact: true }).click();
        await view.getByRole('heading', { name: label('Relay_Inbox_Dispositions') }).waitFor();
        await view.getByRole('textbox', { name: label('Relay_Inbox_Notes') }).fill('Leave parcels at the back door.');
        let releaseSave;
        const saveReleased = new Promise((resolve) => (releaseSave = resolve));
        let saveHeld;
        const saveArrived = new Promise((resolve) => (saveHeld = resolve));
        await page.route('**/__apex/RelayInboxController.saveDisposition', async (route) => {
            saveHeld();
            await saveReleased;
            await route.continue();
        });
        await view.getByRole('button', { name: label('Relay_Inbox_Save'), exact: true }).click();
        await saveArrived;

        await view.locator('[data-id="switch"]').getByRole('button').click();
        await view.getByRole('menuitem', { name: /Noor Haddad/ }).click();
        await view.getByText('Can I change the delivery address?').first().waitFor();
        await fieldsWhen(server, secondId, (f) => f.Assigned_Agent__c === alex, 'the second interaction assigned');
        await view.getByRole('button', { name: label('Relay_Inbox_ShowDetails') }).click();
        await details.getByText(label('Relay_Inbox_NoNotes')).waitFor();

        // The Save goes through: the note appears in the open contact details, without a reload.
        releaseSave();
        await notes.filter({ hasText: 'Leave parcels at the back door.' }).waitFor();
        await page.unroute('**/__apex/RelayInboxController.saveDisposition');
        const [saved] = await records(
            server,
            `SELECT OwnerId, Interaction__c FROM Relay_Note__c WHERE Body__c = 'Leave parcels at the back door.'`
        );
        assert.deepEqual([saved?.OwnerId, saved?.Interaction__c], [alex, firstId]);

        // A note added from the contact details: listed at once (newest first), stored as the agent's private note
        // about the contact, on this interaction.
        const newNote = details.getByRole('textbox', { name: label('Relay_Inbox_NewNote') });
        await newNote.fill('Asked to change the address to 5 Elm Street.');
        await details.getByRole('button', { name: label('Relay_Inbox_AddNote'), exact: true }).click();
        await notes.first().filter({ hasText: 'Asked to change the address to 5 Elm Street.' }).waitFor();
        assert.equal(await notes.count(), 2, 'both notes listed');
        assert.equal(await newNote.inputValue(), '', 'the box is emptied for the next note');
        const [added] = await records(
            server,
            `SELECT OwnerId, Interaction__c, Digital_Id__c, Channel__c FROM Relay_Note__c WHERE Body__c = 'Asked to change the address to 5 Elm Street.'`
        );
        assert.deepEqual(
            [added?.OwnerId, added?.Interaction__c, added?.Digital_Id__c],
            [alex, secondId, '+13175550188'],
            'the agent’s note about the contact, on this interaction'
        );
        assert.deepEqual(await seriousA11yViolations(page), [], 'the contact details pass axe');
    });
});

test('a chat the agent works in the Digital tab is not also in the Relay Conversations panel, with a second Transfer and Disconnect', async () => {
    await withConsole(
        async ({ page, server, sim }) => {
            await openDigitalTab(page);
            // The utility panels open over the lower rows: minimized, as an agent would.
            await minimizeUtilities(page);
            await rowOf(page, 'Ben Carter').click();
            await viewOf(page).getByText('Could you also send the one for March?').waitFor();
            const [ben] = await records(
                server,
                "SELECT External_Conversation_Id__c FROM Relay_Interaction__c WHERE Customer_Name__c = 'Ben Carter'"
            );
            await simulatorCondition(
                sim,
                () =>
                    sim.control
                        .conversation(ben.External_Conversation_Id__c)
                        .participants.some((p) => p.purpose === 'agent' && p.state === 'connected'),
                'the agent joined to Ben’s conversation'
            );
            // After a reload the panel has read what the contact centre lists for the agent, Ben's chat included.
            await page.reload();
            await page.locator('body[data-preview-ready="true"]').waitFor();
            await page.getByRole('button', { name: /^Relay Conversations/ }).click();
            const panel = page.getByRole('region', { name: 'Relay Conversations' }).locator('c-relay-work-item-panel');
            await panel.locator('[data-id="empty"]', { hasText: label('Relay_WorkItem_Empty') }).waitFor();
            assert.equal(await panel.locator('li.relay-row').count(), 0, 'no row, so no second set of controls');
        },
        { demoInbox: true }
    );
});
