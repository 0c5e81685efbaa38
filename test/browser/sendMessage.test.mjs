// Send message on behalf of a queue (seed 003; docs/outbound.md), from the work-item panel in the local console and
// Debian's Chromium: RelayMessageController's Apex in the local org against the embedded simulator, which enforces
// Genesys Cloud's rules (permissions, the queue's senders, a contact's existing conversation). Every wait is on a
// condition, never on time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SEED_IDS } from '../../simulator/src/seed.ts';
import { AGENT_PERMISSIONS } from '../../simulator/src/model.ts';
import {
    chooseCodeAndFinish,
    chooseRadio,
    disconnectIntoWrapUp,
    label,
    panelOf,
    panelRowOf,
    seriousA11yViolations,
    simulatorCondition,
    withConsole
} from './harness.mjs';

const { users, queues, codes } = SEED_IDS;

/** Send message from the panel's header: the dialog, once it has read the agent's queues. */
async function openSendMessage(page) {
    await panelOf(page)
        .getByRole('button', { name: label('Relay_Message_Open') })
        .click();
    return page.getByRole('dialog', { name: label('Relay_Message_Open') });
}

const agentLegs = (sim, conversationId) =>
    sim.control.conversation(conversationId).participants.filter((p) => p.purpose === 'agent');
const conversationWith = (sim, address) =>
    sim.control.state().conversations.find((c) => c.customer.address === address && c.state !== 'ended');

test('Send message while Off Queue: a number without its country code is refused, then an SMS on behalf of Support to Jane Doe, found by name, opens as the agent’s conversation, is answered, and ending it leads to the wrap-up', async () => {
    await withConsole(async ({ page, sim }) => {
        const dialog = await openSendMessage(page);
        await chooseRadio(dialog.locator('[data-id="channel"]'), label('Relay_Message_Sms'));
        await dialog.getByRole('searchbox', { name: label('Relay_Message_Queue') }).fill('Sup');
        await chooseRadio(dialog.locator('[data-id="queues"]'), 'Support (+13175550199)');
        const to = dialog.getByRole('textbox', { name: label('Relay_Message_To') });
        await to.fill('317 555 0100');
        await dialog.getByRole('button', { name: label('Relay_Message_Start') }).click();
        await dialog.getByText(label('Relay_Outbound_PhoneInvalid')).waitFor();
        await to.fill('Jane');
        await chooseRadio(dialog.locator('[data-id="people"]'), 'Jane Doe (+13175550100)');
        assert.deepEqual(await seriousA11yViolations(page), [], 'Send message passes axe');
        await dialog.getByRole('button', { name: label('Relay_Message_Start') }).click();
        await dialog.waitFor({ state: 'detached' });

        await panelRowOf(page, 'Jane Doe', 'connected').waitFor();
        await page.getByRole('tab', { name: 'Jane Doe', selected: true }).waitFor();
        const started = conversationWith(sim, '+13175550100');
        assert.equal(started.queue.id, queues.support, 'credited to the queue');
        assert.equal(agentLegs(sim, started.id).at(-1)?.userId, users.alex);
        assert.notEqual(
            sim.control.state().users.find((u) => u.id === users.alex)?.presence.systemPresence,
            'OnQueue',
            'without going On Queue'
        );

        const conversation = page.getByRole('tabpanel').locator('c-relay-conversation');
        await conversation.getByLabel(label('Relay_Conversation_Reply')).fill('Your parcel ships today.');
        await conversation.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).click();
        await conversation
            .getByRole('log', { name: label('Relay_Conversation_Transcript') })
            .getByText('Your parcel ships today.')
            .waitFor();
        assert.deepEqual(
            sim.control.conversation(started.id).transcript.map((m) => [m.direction, m.text]),
            [['outbound', 'Your parcel ships today.']]
        );

        const picker = await disconnectIntoWrapUp(page, 'Jane Doe');
        await chooseCodeAndFinish(picker, 'Resolved');
        await panelRowOf(page, 'Jane Doe').waitFor({ state: 'detached' });
        assert.equal(agentLegs(sim, started.id).at(-1)?.wrapup?.code, codes.resolved);
    });
});

test('Send message refuses a WhatsApp number with +, names the queue a contact’s conversation waits in and the agent it is offered to, and offers to take over one left open without anyone', async () => {
    await withConsole(async ({ page, sim }) => {
        const waiting = sim.control.startConversation({
            channel: 'whatsapp',
            queue: 'Support',
            customerName: 'Sam Lee',
            customerAddress: '13175550123',
            text: 'Is my order on its way?'
        }).id;
        const dialog = await openSendMessage(page);
        await chooseRadio(dialog.locator('[data-id="channel"]'), label('Relay_Message_WhatsApp'));
        await chooseRadio(dialog.locator('[data-id="queues"]'), 'Support (Relay Support WhatsApp)');
        const to = dialog.getByRole('textbox', { name: label('Relay_Message_To') });
        await to.fill('+13175550123');
        const start = dialog.getByRole('button', { name: label('Relay_Message_Start') });
        await start.click();
        await dialog.getByText(label('Relay_Message_WhatsAppInvalid')).waitFor();
        assert.equal(await to.inputValue(), '+13175550123', 'nothing typed is lost');

        await to.fill('13175550123');
        await start.click();
        await dialog.getByText(label('Relay_Message_ContactQueued', '13175550123', 'Support')).waitFor();
        assert.equal(await to.inputValue(), '13175550123', 'nothing typed is lost');

        // Blake goes On Queue and is offered it: now it is assigned, and the refusal names him.
        sim.control.setPresence(users.blake, 'OnQueue');
        await simulatorCondition(
            sim,
            () => agentLegs(sim, waiting).some((p) => p.userId === users.blake && p.state === 'alerting'),
            'the offer to Blake'
        );
        await start.click();
        await dialog.getByText(label('Relay_Message_ContactAssigned', '13175550123', 'Blake Chen')).waitFor();

        // Genesys keeps a message conversation open within its threading window after its agents and queue leave it.
        sim.control.leaveOpen(waiting);
        await start.click();
        await dialog.getByText(label('Relay_Message_OpenUnassigned', '13175550123')).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'the take-over question passes axe');
        await dialog.getByRole('button', { name: label('Relay_Message_TakeOver') }).click();
        await dialog.waitFor({ state: 'detached' });

        await panelRowOf(page, 'Sam Lee', 'connected').waitFor();
        await simulatorCondition(
            sim,
            () => agentLegs(sim, waiting).some((p) => p.userId === users.alex && p.state === 'connected'),
            'Alex in the conversation taken over'
        );
    });
});

test('Send message says which Genesys Cloud permission the agent lacks and offers nothing to fill in', async () => {
    await withConsole(async ({ page, sim }) => {
        sim.control.setPermissions(
            users.alex,
            AGENT_PERMISSIONS.filter((p) => p !== 'routing:queue:view')
        );
        const dialog = await openSendMessage(page);
        await dialog.getByText(label('Relay_Message_MissingPermissions', 'routing:queue:view')).waitFor();
        assert.equal(await dialog.getByRole('radio').count(), 0, 'no channel to choose');
    });
});

test('a WhatsApp message to a customer outside the 24-hour window: free text is refused with the draft kept, the queue’s template goes with its values, and once the customer replies the agent writes freely', async () => {
    await withConsole(async ({ page, sim }) => {
        const dialog = await openSendMessage(page);
        await chooseRadio(dialog.locator('[data-id="channel"]'), label('Relay_Message_WhatsApp'));
        await chooseRadio(dialog.locator('[data-id="queues"]'), 'Support (Relay Support WhatsApp)');
        await dialog.getByRole('textbox', { name: label('Relay_Message_To') }).fill('Jane');
        await chooseRadio(dialog.locator('[data-id="people"]'), 'Jane Doe (13175550100)');
        await dialog.getByRole('button', { name: label('Relay_Message_Start') }).click();
        await dialog.waitFor({ state: 'detached' });
        await page.getByRole('tab', { name: 'Jane Doe', selected: true }).waitFor();
        const started = conversationWith(sim, '13175550100');

        const conversation = page.getByRole('tabpanel').locator('c-relay-conversation');
        await conversation.getByText(label('Relay_Template_OutsideWindow')).waitFor();
        const reply = conversation.getByLabel(label('Relay_Conversation_Reply'));
        await reply.fill('Hi Jane, your order shipped.');
        await conversation.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).click();
        await conversation.locator('[data-id="send-error"]').getByText(/\S/).waitFor();
        assert.equal(await reply.inputValue(), 'Hi Jane, your order shipped.', 'the refused text is kept');
        assert.deepEqual(sim.control.conversation(started.id).transcript, [], 'nothing reached the customer');

        // The picker sits low in the record page, under the local console's footer: keys, as an agent would use.
        await conversation.getByRole('button', { name: label('Relay_Template_Open') }).press('Enter');
        const orderUpdate = conversation.locator('[data-id="templates"]').getByRole('radio', { name: 'Order update' });
        await orderUpdate.focus();
        await orderUpdate.press('Space');
        assert.equal(await orderUpdate.isChecked(), true, 'Order update is chosen');
        await conversation.getByRole('textbox', { name: /Customer name/ }).fill('Jane');
        await conversation.getByRole('textbox', { name: /Order number/ }).fill('5531');
        const expected = 'Hello Jane, this is Relay Support about your order 5531. Reply to this message to continue.';
        await conversation.locator('[data-id="preview"]').getByText(expected).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'the templates pass axe');
        await conversation.getByRole('button', { name: label('Relay_Template_Send') }).press('Enter');
        const transcript = conversation.getByRole('log', { name: label('Relay_Conversation_Transcript') });
        await transcript.getByText(expected).waitFor();
        assert.deepEqual(
            sim.control.conversation(started.id).transcript.map((m) => [m.direction, m.text]),
            [['outbound', expected]]
        );

        sim.control.customerReply(started.id, 'Thanks! When will it arrive?');
        await transcript.getByText('Thanks! When will it arrive?').waitFor();
        await conversation.getByText(label('Relay_Template_OutsideWindow')).waitFor({ state: 'detached' });
        await conversation.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).press('Enter');
        await transcript.getByText('Hi Jane, your order shipped.').waitFor();
    });
});
