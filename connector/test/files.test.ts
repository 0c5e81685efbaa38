// Customers' files: the connector copies each one into Salesforce Files (a ContentVersion created through the REST
// API as the integration user) before the message's event is sent, and the event names the ContentVersion. A retry
// never uploads a file twice; a file that cannot be copied is named in copyError and the message still goes.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { MAX_FILE_BYTES } from '../src/files';
import { ofType, startReady } from './helpers/connector';
import { startFakeSalesforce, type FakeSalesforce } from './helpers/salesforce';
import { startSimulator, type Sim } from './helpers/simulator';

interface SentAttachment {
    mediaId: string;
    name: string;
    contentVersionId?: string;
    copyError?: string;
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function customerSends(sim: Sim, files: { name: string; contentType: string; bytes: Buffer }[]): Promise<string> {
    const started = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: '+13175550123',
        queue: 'Sales',
        text: 'Hello'
    });
    sim.control.customerReply(
        started.id,
        'My documents',
        files.map((f) => ({ name: f.name, contentType: f.contentType, dataBase64: f.bytes.toString('base64') }))
    );
    return started.id;
}

async function attachmentsDelivered(sf: FakeSalesforce): Promise<SentAttachment[]> {
    await sf.until(() => ofType(sf, 'conversation.customerMessage').length === 2);
    const data = ofType(sf, 'conversation.customerMessage')[1]?.body.data as { attachments: SentAttachment[] };
    return data.attachments;
}

test('a 10 MB file a customer sends lands in Salesforce Files byte for byte, and its event names the ContentVersion', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf);
    const big = randomBytes(MAX_FILE_BYTES);
    const small = Buffer.from('%PDF-1.7 receipt');

    await customerSends(sim, [
        { name: 'scan.tiff', contentType: 'image/tiff', bytes: big },
        { name: 'receipt.pdf', contentType: 'application/pdf', bytes: small }
    ]);
    const attachments = await attachmentsDelivered(sf);

    assert.equal(sf.files.length, 2, 'one ContentVersion per file');
    assert.deepEqual(
        sf.files.map((f) => [f.fields.Title, f.fields.PathOnClient, f.contentType, f.bytes.length, sha(f.bytes)]),
        [
            ['scan.tiff', 'scan.tiff', 'image/tiff', MAX_FILE_BYTES, sha(big)],
            ['receipt.pdf', 'receipt.pdf', 'application/pdf', small.length, sha(small)]
        ]
    );
    assert.deepEqual(
        attachments.map((a) => [a.name, a.contentVersionId, a.copyError]),
        [
            ['scan.tiff', sf.files[0]?.id, undefined],
            ['receipt.pdf', sf.files[1]?.id, undefined]
        ]
    );
});

test('when Salesforce refuses the event after the files were copied, the retry sends it without uploading them again', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf, { env: { RELAY_RETRY_BASE_MS: '1', RELAY_RETRY_MAX_MS: '5' } });
    let refusedOnce = false;
    sf.script = (request) => {
        if (request.type !== 'conversation.customerMessage' || refusedOnce) return undefined;
        if (!JSON.stringify(request.body).includes('contentVersionId')) return undefined;
        refusedOnce = true;
        return { status: 503, body: { status: 'unavailable', error: 'server_unavailable', detail: null } };
    };

    await customerSends(sim, [{ name: 'a.png', contentType: 'image/png', bytes: Buffer.from('png bytes') }]);
    const attachments = await attachmentsDelivered(sf);

    assert.ok(refusedOnce, 'the first delivery with the file was refused');
    assert.equal(sf.files.length, 1, 'the file was uploaded once');
    assert.equal(attachments[0]?.contentVersionId, sf.files[0]?.id);
});

test('a file Salesforce Files refuses is named in copyError, and the message still reaches the org', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf);
    sf.fileScript = () => ({
        status: 400,
        body: [{ message: 'File extension not allowed', errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: [] }]
    });

    await customerSends(sim, [{ name: 'tool.exe', contentType: 'application/octet-stream', bytes: Buffer.from('MZ') }]);
    const attachments = await attachmentsDelivered(sf);

    assert.equal(sf.files.length, 0);
    assert.equal(attachments[0]?.contentVersionId, undefined);
    assert.match(
        String(attachments[0]?.copyError),
        /^Salesforce Files refused the file: 400 .*File extension not allowed/
    );
});

test('a file Salesforce cannot take for a moment (503) is copied on a later attempt, once', async (t) => {
    const sim = await startSimulator(t);
    const sf = await startFakeSalesforce(t);
    await startReady(t, sim, sf, { env: { RELAY_RETRY_BASE_MS: '1', RELAY_RETRY_MAX_MS: '5' } });
    sf.fileScript = (nth) => (nth === 1 ? { status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE' }] } : undefined);

    await customerSends(sim, [{ name: 'a.png', contentType: 'image/png', bytes: Buffer.from('png bytes') }]);
    const attachments = await attachmentsDelivered(sf);

    assert.equal(sf.files.length, 1);
    assert.equal(attachments[0]?.contentVersionId, sf.files[0]?.id);
    assert.equal(attachments[0]?.copyError, undefined);
});
