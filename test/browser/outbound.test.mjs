// Outbound email and SMS from the Digital tab's New menu (docs/outbound.md), in the local console and Debian's
// Chromium: the New pages (relayOutboundComposer) against RelayOutboundController's Apex in the local org and the
// embedded simulator, which enforces Genesys Cloud's rules. Every wait is on a condition, never on time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    choose,
    fieldsWhen,
    inboxOf,
    label,
    openDigitalTab,
    operationCount,
    recordCondition,
    records,
    seriousA11yViolations,
    simulatorCondition,
    withConsole
} from './harness.mjs';

const composerOf = (page) => inboxOf(page).locator('c-relay-outbound-composer');
const viewOf = (page) => inboxOf(page).locator('c-relay-interaction-view');

/** New > Email or SMS on the Digital tab, from the keyboard-reachable menu button. */
async function startNew(page, item) {
    await inboxOf(page)
        .getByRole('button', { name: label('Relay_Inbox_New') })
        .click();
    await inboxOf(page)
        .getByRole('menuitem', { name: label(item) })
        .click();
}

/** The interaction Relay filed for the conversation the agent started with `recipient`. */
async function filedFor(server, recipient) {
    const [record] = await records(
        server,
        `SELECT Id, External_Conversation_Id__c FROM Relay_Interaction__c WHERE Digital_Id__c = '${recipient}'`
    );
    return record;
}

test('an SMS from New: a number without its country code is refused with the reason, then the text goes on behalf of Support, is answered in the inbox, and a second SMS to the same customer is refused', async () => {
    await withConsole(async ({ page, server, sim }) => {
        const alex = server.org.users.alex;
        await openDigitalTab(page);
        await startNew(page, 'Relay_Inbox_NewSms');
        const composer = composerOf(page);
        await composer.getByRole('heading', { name: label('Relay_Outbound_SmsTitle') }).waitFor();

        await choose(composer.locator('[data-id="channel"]'), '+13175550199 (Support)');
        const number = composer.getByRole('textbox', { name: label('Relay_Outbound_SmsTo') });
        await number.fill('317 555 0100');
        const message = composer.getByRole('textbox', { name: label('Relay_Outbound_Message') });
        await message.fill('Your parcel ships today.');
        await composer.getByRole('button', { name: label('Relay_Outbound_Next') }).click();
        await composer.getByText(label('Relay_Outbound_PhoneInvalid')).waitFor();
        assert.equal(await message.inputValue(), 'Your parcel ships today.', 'nothing typed is lost');
        assert.deepEqual(await seriousA11yViolations(page), [], 'the New SMS page passes axe');

        await number.fill('+1 317 555 0100');
        await composer.getByRole('button', { name: label('Relay_Outbound_Next') }).click();
        await composer.getByRole('heading', { name: label('Relay_Outbound_ContactDetails') }).waitFor();
        await composer.getByRole('textbox', { name: label('Relay_Inbox_Notes') }).fill('Asked for tracking.');
        assert.deepEqual(await seriousA11yViolations(page), [], 'the contact details page passes axe');
        await composer.getByRole('button', { name: label('Relay_Outbound_SaveAndSend') }).click();

        // The new interaction opens, its text in the transcript.
        const view = viewOf(page);
        await view.getByText('Your parcel ships today.').waitFor();
        const filed = await filedFor(server, '+13175550100');
        const conversationId = filed.External_Conversation_Id__c;
        const conversation = sim.control.conversation(conversationId);
        assert.deepEqual(
            conversation.transcript.map((m) => [m.direction, m.text]),
            [['outbound', 'Your parcel ships today.']],
            'the customer received the text'
        );
        const agent = conversation.participants.find((p) => p.purpose === 'agent');
        assert.equal(agent?.state, 'connected');
        const record = await fieldsWhen(server, filed.Id, (f) => f.Status__c === 'Resolved', 'filed as answered');
        assert.equal(record.OwnerId, alex);
        assert.equal(record.Assigned_Agent__c, alex);
        assert.equal(record.Sender_Address__c, '+13175550199');
        assert.equal(record.Worked_In_Inbox__c, true, 'worked in the Digital tab, no Omni-Channel offer');
        assert.deepEqual(await records(server, `SELECT Id FROM AgentWork WHERE WorkItemId = '${filed.Id}'`), []);
        const [note] = await records(server, `SELECT Body__c FROM Relay_Note__c WHERE Interaction__c = '${filed.Id}'`);
        assert.equal(note?.Body__c, 'Asked for tracking.');

        // The customer answers: the interaction is Open again, live.
        sim.control.customerReply(conversationId, 'Thanks, what is the tracking number?');
        await view.getByText('Thanks, what is the tracking number?').waitFor();
        await fieldsWhen(server, filed.Id, (f) => f.Status__c === 'Open', 'reopened by the reply');

        // A second SMS to a customer whose conversation is with an agent: Genesys Cloud refuses, the agent learns why.
        await view.getByRole('button', { name: label('Relay_Inbox_Home') }).click();
        await startNew(page, 'Relay_Inbox_NewSms');
        await choose(composer.locator('[data-id="channel"]'), '+13175550199 (Support)');
        await composer.getByRole('textbox', { name: label('Relay_Outbound_SmsTo') }).fill('+13175550100');
        await composer.getByRole('textbox', { name: label('Relay_Outbound_Message') }).fill('One more thing.');
        await composer.getByRole('button', { name: label('Relay_Outbound_Next') }).click();
        await composer.getByRole('button', { name: label('Relay_Outbound_SaveAndSend') }).click();
        await composer.getByText(label('Relay_Outbound_ContactBusy')).waitFor();
        assert.equal(
            sim.control.state().conversations.filter((c) => c.customer.address === '+13175550100').length,
            1,
            'the contact centre started no second conversation'
        );
        assert.equal(
            (await records(server, "SELECT Id FROM Relay_Interaction__c WHERE Digital_Id__c = '+13175550100'")).length,
            1,
            'nothing more was filed'
        );
    });
});

test('an email from New goes from the chosen queue’s address under the agent’s subject, with the contact details, and the customer’s reply reopens it', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await openDigitalTab(page);
        await startNew(page, 'Relay_Inbox_NewEmail');
        const composer = composerOf(page);
        await composer.getByRole('heading', { name: label('Relay_Outbound_EmailTitle') }).waitFor();

        await choose(composer.locator('[data-id="channel"]'), 'billing@relay.example (Billing)');
        await composer.getByRole('textbox', { name: label('Relay_Outbound_EmailTo') }).fill('jane.doe@example.com');
        await composer.getByRole('button', { name: label('Relay_Outbound_Next') }).click();
        await composer.getByText(label('Relay_Outbound_SubjectRequired')).waitFor();
        await composer.getByText(label('Relay_Outbound_MessageRequired')).waitFor();
        await composer.getByRole('textbox', { name: label('Relay_Outbound_Subject') }).fill('Your refund');
        await composer
            .getByRole('textbox', { name: label('Relay_Outbound_Message') })
            .fill('Your refund of $40 is on its way.');
        await composer.getByRole('button', { name: label('Relay_Outbound_Next') }).click();

        const name = composer.getByRole('combobox', { name: label('Relay_Inbox_Name'), exact: true });
        await name.fill('Dana');
        await composer.getByRole('option', { name: 'Dana Whitfield' }).click();
        await composer.getByRole('button', { name: label('Relay_Outbound_SaveAndSend') }).click();

        const view = viewOf(page);
        await view.getByText('Your refund of $40 is on its way.').waitFor();
        await view.getByText('Your refund', { exact: true }).first().waitFor();
        const filed = await filedFor(server, 'jane.doe@example.com');
        const conversation = sim.control.conversation(filed.External_Conversation_Id__c);
        assert.equal(conversation.mediaType, 'email');
        const [sent] = conversation.transcript;
        assert.deepEqual(
            [sent.direction, sent.text, sent.email?.subject, sent.email?.from?.email],
            ['outbound', 'Your refund of $40 is on its way.', 'Your refund', 'billing@relay.example'],
            'sent from the chosen queue’s address under the subject as typed'
        );
        const [dana] = await records(server, "SELECT Id FROM Contact WHERE Name = 'Dana Whitfield'");
        const record = await fieldsWhen(server, filed.Id, (f) => f.Status__c === 'Resolved', 'filed as answered');
        assert.equal(record.Contact__c, dana.Id, 'Name saved with it');
        assert.equal(record.Subject__c, 'Your refund');

        sim.control.customerEmail(filed.External_Conversation_Id__c, { textBody: 'Thank you, received.' });
        await view.getByText('Thank you, received.').waitFor();
        await fieldsWhen(server, filed.Id, (f) => f.Status__c === 'Open', 'reopened by the reply');
        assert.equal(operationCount(server, 'createOutboundEmail'), 1);
    });
});

test('an email with a file and format controls: a file over 10 MB is refused before any upload, the first email carries the file into Files, and the customer’s reply is answered under a subject the agent wrote, with a file', async () => {
    const MB = 1024 * 1024;
    const QUOTE = Buffer.from('%PDF-1.4\n% Relay quote for Jane Doe\n');
    const TERMS = Buffer.from('Terms: 30 days.\n');
    await withConsole(async ({ page, server, sim }) => {
        await openDigitalTab(page);
        await startNew(page, 'Relay_Inbox_NewEmail');
        const composer = composerOf(page);
        await composer.getByRole('heading', { name: label('Relay_Outbound_EmailTitle') }).waitFor();
        await choose(composer.locator('[data-id="channel"]'), 'support@relay.example (Support)');
        await composer.getByRole('textbox', { name: label('Relay_Outbound_EmailTo') }).fill('jane.doe@example.com');
        await composer.getByRole('textbox', { name: label('Relay_Outbound_Subject') }).fill('Your quote');
        await composer.getByRole('textbox', { name: label('Relay_Outbound_Message') }).fill('Your quote is attached.');
        // Show Format Controls: the text moves into the rich-text editor, where Ctrl+B makes the rest bold.
        await composer.getByRole('button', { name: label('Relay_Outbound_ShowFormat') }).press('Enter');
        const editor = composer.getByRole('textbox', { name: label('Relay_Outbound_Message') });
        await editor.focus();
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Control+B');
        await page.keyboard.type(' Thanks!');

        const attachButton = composer.getByRole('button', { name: label('Relay_Inbox_Attach'), exact: true });
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), attachButton.press('Enter')]);
        await chooser.setFiles([
            { name: 'scan.tiff', mimeType: 'image/tiff', buffer: Buffer.alloc(10 * MB + 1) },
            { name: 'quote 1042.pdf', mimeType: 'application/pdf', buffer: QUOTE }
        ]);
        await composer.getByText(label('Relay_Inbox_AttachTooLarge', 'scan.tiff', '10.1', '10')).waitFor();
        await composer.locator('[data-id="chosen-name"]').filter({ hasText: 'quote 1042.pdf' }).waitFor();
        assert.equal(await composer.locator('[data-id="chosen-name"]').count(), 1, 'only the refused file is left out');
        assert.deepEqual(await seriousA11yViolations(page), [], 'the New Email page with a file passes axe');
        await composer.getByRole('button', { name: label('Relay_Outbound_Next') }).click();
        await composer.getByRole('button', { name: label('Relay_Outbound_SaveAndSend') }).click();

        const view = viewOf(page);
        await view.getByText('Your quote is attached. Thanks!').waitFor();
        const filed = await filedFor(server, 'jane.doe@example.com');
        const conversationId = filed.External_Conversation_Id__c;
        const [first] = sim.control.conversation(conversationId).transcript;
        assert.deepEqual(
            [first.text, first.email?.subject, (first.attachments ?? []).map((a) => a.name)],
            ['Your quote is attached. Thanks!', 'Your quote', ['quote_1042.pdf']],
            'one email carries the text and the file'
        );
        assert.match(
            first.email?.htmlBody ?? '',
            /Your quote is attached\.\s*<b>(&nbsp;|\s)*Thanks!<\/b>/,
            'and its formatting'
        );
        assert.deepEqual(Buffer.from(await (await fetch(first.attachments[0].url)).arrayBuffer()), QUOTE);
        await recordCondition(
            server,
            `SELECT Name FROM Relay_Attachment__c WHERE Copy_Status__c = 'Copied' AND Message__r.Interaction__c = '${filed.Id}'`,
            (rows) => rows.length === 1 && rows[0].Name === 'quote 1042.pdf',
            'the file copied into Salesforce Files under the agent’s name'
        );
        await fieldsWhen(server, filed.Id, (f) => f.Status__c === 'Resolved', 'answered once the email went');

        // The customer answers; the agent replies under a subject of their own, with a file.
        sim.control.customerEmail(conversationId, { textBody: 'Can you add the terms?' });
        const conversation = view.locator('c-relay-conversation');
        await conversation.getByText('Can you add the terms?').waitFor();
        const subject = conversation.getByRole('textbox', { name: label('Relay_Email_Subject') });
        assert.equal(await subject.inputValue(), 'Re: Your quote', 'prefilled with the subject the reply goes under');
        await subject.fill('Your quote, with terms');
        await conversation.getByRole('textbox', { name: label('Relay_Conversation_Reply') }).fill('Here they are.');
        const replyAttach = conversation.getByRole('button', { name: label('Relay_Inbox_Attach'), exact: true });
        const [replyChooser] = await Promise.all([page.waitForEvent('filechooser'), replyAttach.press('Enter')]);
        await replyChooser.setFiles([{ name: 'terms.txt', mimeType: 'text/plain', buffer: TERMS }]);
        await conversation.locator('[data-id="chosen-name"]').filter({ hasText: 'terms.txt' }).waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'the email reply box passes axe');
        await conversation.getByRole('button', { name: label('Relay_Conversation_Send'), exact: true }).click();

        await simulatorCondition(
            sim,
            () => sim.control.conversation(conversationId).transcript.length === 3,
            'the reply reached the customer'
        );
        const reply = sim.control.conversation(conversationId).transcript[2];
        assert.deepEqual(
            [reply.direction, reply.text, reply.email?.subject, (reply.attachments ?? []).map((a) => a.name)],
            ['outbound', 'Here they are.', 'Your quote, with terms', ['terms.txt']]
        );
        assert.deepEqual(Buffer.from(await (await fetch(reply.attachments[0].url)).arrayBuffer()), TERMS);
        assert.equal(operationCount(server, 'createEmailDraftAttachmentUpload'), 2, 'no upload for the refused file');
    });
});
