// Reply attachments in the local console, in Debian's Chromium: the agent attaches files in the conversation of
// the Digital tab, the browser uploads them to the contact centre's presigned URL (the simulator), the reply
// carries them to the customer, and the Relay Connector puts them in Salesforce Files (a message's and an email's).
// Every wait is on a condition.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    inboxOf,
    label,
    operationCount,
    recordCondition,
    records,
    seriousA11yViolations,
    simulatorCondition,
    withConsole
} from './harness.mjs';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const MB = 1024 * 1024;

// The conversation the agent sees: in the Digital tab, where they opened the interaction.
const conversationOf = (page) => inboxOf(page).locator('c-relay-interaction-view c-relay-conversation');

/**
 * A customer writes on web chat; the agent opens it from the Digital tab, which joins them to it in the contact
 * centre; they work it there, with its conversation (no Omni-Channel work opens a record tab over it).
 */
async function openConversation(page, server, sim) {
    await page.getByRole('navigation', { name: 'App navigation' }).getByRole('button', { name: 'Digital' }).click();
    await page.getByRole('tab', { name: 'Digital', selected: true }).waitFor();
    const conversation = sim.control.startConversation({
        channel: 'webchat',
        customerName: 'Rosa Diaz',
        customerAddress: 'rosa@example.com',
        queue: 'Support',
        text: 'My parcel arrived damaged.'
    });
    await inboxOf(page).getByRole('option').filter({ hasText: 'My parcel arrived damaged.' }).click();
    await simulatorCondition(
        sim,
        () =>
            sim.control
                .conversation(conversation.id)
                .participants.some((p) => p.purpose === 'agent' && p.state === 'connected'),
        'the agent joined to the conversation'
    );
    await conversationOf(page).getByText('My parcel arrived damaged.').waitFor();
    return conversation;
}

/** Picks files with the attach button, from the keyboard, through the browser's file chooser. */
async function attach(page, ...files) {
    const button = conversationOf(page).getByRole('button', { name: label('Relay_Inbox_Attach'), exact: true });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.press('Enter')]);
    await chooser.setFiles(files);
}

const pills = (page) => conversationOf(page).locator('[data-id="chosen-name"]');
const reply = (page) => conversationOf(page).getByRole('textbox', { name: label('Relay_Conversation_Reply') });
const send = (page) =>
    conversationOf(page).getByRole('button', { name: label('Relay_Conversation_Send'), exact: true });

test('the agent attaches a file and sends it; the customer receives it and the transcript opens it from Files under the name the agent chose', async () => {
    await withConsole(async ({ page, server, sim, screenshot }) => {
        const conversation = await openConversation(page, server, sim);

        // A space: Genesys Cloud refuses it in a file name, so the contact centre gets returns_label.png.
        await attach(page, { name: 'returns label.png', mimeType: 'image/png', buffer: PNG });
        await pills(page).filter({ hasText: 'returns label.png' }).waitFor();
        await reply(page).fill('Here is your returns label.');
        assert.deepEqual(await seriousA11yViolations(page), [], 'the reply box with a file passes axe');
        await send(page).click();

        // One body per message: the file goes as a message of its own, then the text.
        await simulatorCondition(
            sim,
            () =>
                sim.control
                    .conversation(conversation.id)
                    .transcript.some((m) => m.direction === 'outbound' && m.text === 'Here is your returns label.'),
            'the customer receiving the file and the text'
        );
        const [file, text] = sim.control.conversation(conversation.id).transcript.slice(-2);
        assert.deepEqual(
            [file.text, file.attachments?.map((a) => a.name), text.text, text.attachments ?? []],
            ['', ['returns_label.png'], 'Here is your returns label.', []]
        );
        assert.deepEqual(Buffer.from(await (await fetch(file.attachments[0].url)).arrayBuffer()), PNG);
        await pills(page).first().waitFor({ state: 'detached' });
        assert.equal(await reply(page).inputValue(), '');

        const [copied] = await recordCondition(
            server,
            "SELECT Name, File_Id__c FROM Relay_Attachment__c WHERE Copy_Status__c = 'Copied'",
            (rows) => rows.length === 1,
            'the file copied into Salesforce Files'
        );
        // The transcript and Files keep the agent's name, not the contact centre's safe one.
        const open = conversationOf(page).getByRole('button', { name: 'returns label.png', exact: true });
        await open.waitFor();
        await screenshot('inbox-attachment-sent');
        const [version] = await records(
            server,
            `SELECT Title, PathOnClient FROM ContentVersion WHERE ContentDocumentId = '${copied.File_Id__c}'`
        );
        // The connector saved it under the contact centre's name; Relay gives Files the agent's.
        assert.deepEqual([copied.Name, version.Title], ['returns label.png', 'returns label.png']);
        await open.click();
        // The file preview opens the file's ContentDocument in its own workspace tab.
        const fileTab = page.getByRole('tab', { name: String(copied.File_Id__c), selected: true });
        await fileTab.waitFor();
    });
});

test('a 10 MB file the agent sends lands whole in Salesforce Files on their message, copied by the connector, not by Apex', async () => {
    await withConsole(async ({ page, server, sim }) => {
        const conversation = await openConversation(page, server, sim);
        const manual = Buffer.alloc(10 * MB, 7);
        await attach(page, { name: 'manual.pdf', mimeType: 'application/pdf', buffer: manual });
        await pills(page).filter({ hasText: 'manual.pdf' }).waitFor();
        await send(page).click();

        await simulatorCondition(
            sim,
            () => sim.control.conversation(conversation.id).transcript.some((m) => m.attachments?.length),
            'the customer receiving the file'
        );
        const [copied] = await recordCondition(
            server,
            'SELECT Name, Copy_Status__c, Copy_Error__c, File_Id__c FROM Relay_Attachment__c',
            (rows) => rows.length === 1 && rows[0].Copy_Status__c !== 'Pending',
            'the file settled'
        );
        assert.equal(copied.Copy_Status__c, 'Copied', String(copied.Copy_Error__c));
        const [version] = await records(
            server,
            `SELECT ContentSize, Title FROM ContentVersion WHERE ContentDocumentId = '${copied.File_Id__c}'`
        );
        assert.deepEqual([version.ContentSize, version.Title], [10 * MB, 'manual.pdf'], 'every byte is in Files');
        assert.deepEqual(
            server.org.sent.filter((c) => c.path.startsWith('/media/')),
            [],
            'Relay’s Apex never downloaded it'
        );
        await conversationOf(page).getByRole('button', { name: 'manual.pdf', exact: true }).waitFor();
    });
});

test('a 10 MB file on an email reply lands whole in Salesforce Files on the reply, copied by the connector, not by Apex', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await page.getByRole('navigation', { name: 'App navigation' }).getByRole('button', { name: 'Digital' }).click();
        await page.getByRole('tab', { name: 'Digital', selected: true }).waitFor();
        const { id: conversationId } = sim.control.startEmail({
            queue: 'Support',
            fromAddress: 'rosa@example.com',
            fromName: 'Rosa Diaz',
            subject: 'Manual for order 1042',
            textBody: 'Could you send me the manual?'
        });
        await inboxOf(page).getByRole('option').filter({ hasText: 'Manual for order 1042' }).click();
        await simulatorCondition(
            sim,
            () =>
                sim.control
                    .conversation(conversationId)
                    .participants.some((p) => p.purpose === 'agent' && p.state === 'connected'),
            'the agent joined to the email'
        );
        await conversationOf(page).getByText('Could you send me the manual?').waitFor();

        const manual = Buffer.alloc(10 * MB, 9);
        await attach(page, { name: 'manual.pdf', mimeType: 'application/pdf', buffer: manual });
        await pills(page).filter({ hasText: 'manual.pdf' }).waitFor();
        await reply(page).fill('Here is the manual.');
        await send(page).click();

        await simulatorCondition(
            sim,
            () => sim.control.conversation(conversationId).transcript.some((m) => m.attachments?.length),
            'the customer receiving the email with the file'
        );
        const sent = sim.control.conversation(conversationId).transcript.find((m) => m.text === 'Here is the manual.');
        assert.deepEqual(
            (sent?.attachments ?? []).map((a) => a.name),
            ['manual.pdf'],
            'one email carries the text and the file'
        );
        const [copied] = await recordCondition(
            server,
            'SELECT Name, Copy_Status__c, Copy_Error__c, File_Id__c, Message__r.External_Message_Id__c FROM Relay_Attachment__c',
            (rows) => rows.length === 1 && rows[0].Copy_Status__c !== 'Pending',
            'the file settled'
        );
        assert.equal(copied.Copy_Status__c, 'Copied', String(copied.Copy_Error__c));
        const [version] = await records(
            server,
            `SELECT ContentSize, Title FROM ContentVersion WHERE ContentDocumentId = '${copied.File_Id__c}'`
        );
        assert.deepEqual([version.ContentSize, version.Title], [10 * MB, 'manual.pdf'], 'every byte is in Files');
        assert.deepEqual(
            server.org.sent.filter((c) => c.path.startsWith('/media/')),
            [],
            'Relay’s Apex never downloaded it'
        );
        assert.equal(
            copied.Message__r?.External_Message_Id__c,
            sent?.id,
            'the reply took the email’s id from the connector’s event'
        );
        // The thread's email shows the reply's file, from Files.
        await conversationOf(page).getByRole('button', { name: 'manual.pdf', exact: true }).waitFor();
    });
});

test('a file over 10 MB is refused in the browser before anything is uploaded', async () => {
    await withConsole(async ({ page, server, sim }) => {
        await openConversation(page, server, sim);

        await attach(page, { name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(10 * MB + 1) });

        await conversationOf(page)
            .getByRole('alert')
            .getByText(label('Relay_Inbox_AttachTooLarge', 'video.mp4', '10.1', '10'))
            .waitFor();
        assert.equal(await pills(page).count(), 0, 'not among the files to send');
        assert.equal(operationCount(server, 'createMediaUpload'), 0, 'no upload was asked for');
        assert.deepEqual(sim.control.media(), [], 'nothing reached the contact centre');
    });
});

test('when the upload fails, the draft and the files stay, and the next Send goes through', async () => {
    await withConsole(
        async ({ page, server, sim, errors }) => {
            const conversation = await openConversation(page, server, sim);
            // The storage refuses the PUT (as an expired or mis-signed S3 URL does).
            await page.route(`${sim.url}/uploads/**`, (route) =>
                route.fulfill({
                    status: 403,
                    headers: { 'access-control-allow-origin': new URL(page.url()).origin },
                    body: 'SignatureDoesNotMatch'
                })
            );

            await attach(page, { name: 'photo.png', mimeType: 'image/png', buffer: PNG });
            await reply(page).fill('A photo of the damage, for your records.');
            await send(page).click();

            await conversationOf(page)
                .getByRole('alert')
                .getByText(label('Relay_Conversation_UploadFailed', 'photo.png'))
                .waitFor();
            assert.equal(await reply(page).inputValue(), 'A photo of the damage, for your records.');
            assert.deepEqual(await pills(page).allTextContents(), ['photo.png']);
            assert.equal(sim.control.conversation(conversation.id).transcript.length, 1, 'nothing was sent');
            assert.ok(
                errors.every((e) => e.includes('/uploads/') || e.includes('403')),
                `only the refused upload is reported: ${errors.join('\n')}`
            );

            await page.unroute(`${sim.url}/uploads/**`);
            await send(page).click();
            await simulatorCondition(
                sim,
                () => sim.control.conversation(conversation.id).transcript.length === 3,
                'the reply, its file then its text, sent on the second try'
            );
            const [file, text] = sim.control.conversation(conversation.id).transcript.slice(-2);
            assert.deepEqual(
                [file.attachments.map((a) => a.name), text.text],
                [['photo.png'], 'A photo of the damage, for your records.']
            );
        },
        // The refused PUT is a failed request in the browser console, which is what this test is about.
        { allowErrors: true }
    );
});
