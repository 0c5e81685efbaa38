// Customers' files in the console, end to end: the simulator holds the file, the Relay Connector copies it into the
// org's Salesforce Files through the REST API as the integration user, and Relay's Apex records it on the message.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { preview, rowsWhen } from './support';

const TEN_MB = 10 * 1024 * 1024;

test('a 10 MB file a customer sends lands in Salesforce Files on their message, copied by the connector', async (t) => {
    const server = await preview(t);
    const conversation = server.sim.control.startConversation({
        channel: 'whatsapp',
        queue: 'Billing',
        customerName: 'Ines Duarte',
        customerAddress: '+351912345678',
        text: 'My invoice scan follows'
    });
    const scan = randomBytes(TEN_MB);
    server.sim.control.customerReply(conversation.id, '', [
        { name: 'invoice-scan.tiff', contentType: 'image/tiff', dataBase64: scan.toString('base64') }
    ]);

    const [attachment] = await rowsWhen(
        server,
        'SELECT Name, Copy_Status__c, Copy_Error__c, File_Id__c, Message__c FROM Relay_Attachment__c',
        (rows) => rows.length === 1 && rows[0]?.Copy_Status__c !== 'Pending',
        'the customer’s file recorded on the message'
    );
    assert.equal(attachment?.Copy_Status__c, 'Copied', String(attachment?.Copy_Error__c));
    assert.equal(attachment?.Name, 'invoice-scan.tiff');
    const [version] = await server.org.query(
        `SELECT ContentSize, Title FROM ContentVersion WHERE ContentDocumentId = '${String(attachment?.File_Id__c)}'`
    );
    assert.equal(version?.ContentSize, TEN_MB, 'every byte is in Files');
    assert.equal(version?.Title, 'invoice-scan.tiff');
    const links = await server.org.query(
        `SELECT Id FROM ContentDocumentLink WHERE ContentDocumentId = '${String(attachment?.File_Id__c)}' AND LinkedEntityId = '${String(attachment?.Message__c)}'`
    );
    assert.equal(links.length, 1, 'shared with whoever sees the message');
    assert.deepEqual(
        server.org.sent.filter((c) => c.path.startsWith('/media/')),
        [],
        'Relay’s Apex never downloaded it'
    );
});
