// The console's `POST /services/data/vXX.X/sobjects/<Object>` (preview/server/sobjectRest.ts): the JSON or
// multipart body read as the REST API reads it and handed to the org, Salesforce-style errors for bodies it cannot
// read. The org is a fake here; local-org/test/worker/createRecord.test.ts covers the save itself.
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { handleSObjectCreate, type CreateAnswer, type RecordCreator } from '../server/sobjectRest';

const PATH = '/services/data/v62.0/sobjects/ContentVersion';
const USER = '005000000000001AAA';

interface Call {
    objectName: string;
    fields: Record<string, unknown>;
    userId: string;
    blobs?: Record<string, Uint8Array>;
}

function fakeOrg(answer: CreateAnswer = { ok: true, id: '068000000000001AAA' }): RecordCreator & { calls: Call[] } {
    const calls: Call[] = [];
    return {
        calls,
        createRecord: (objectName, fields, userId, blobs) => {
            calls.push({ objectName, fields, userId, blobs });
            return Promise.resolve(answer);
        }
    };
}

function request(body: Buffer | string, contentType?: string, method = 'POST'): IncomingMessage {
    const req = Readable.from([Buffer.from(body)]) as unknown as IncomingMessage;
    req.method = method;
    req.headers = contentType ? { 'content-type': contentType } : {};
    return req;
}

function multipart(boundary: string, parts: { headers: string[]; data: Buffer | string }[]): Buffer {
    const chunks: Buffer[] = [];
    for (const part of parts) {
        chunks.push(
            Buffer.from(`--${boundary}\r\n${part.headers.join('\r\n')}\r\n\r\n`),
            Buffer.from(part.data),
            Buffer.from('\r\n')
        );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return Buffer.concat(chunks);
}

const ENTITY = {
    headers: ['Content-Disposition: form-data; name="entity_content"', 'Content-Type: application/json'],
    data: JSON.stringify({ Title: 'Transcript', PathOnClient: 'transcript.pdf' })
};

test('a multipart body gives the JSON part’s fields and the binary part’s exact bytes under its field', async () => {
    // Bytes that look like a delimiter or CRLF inside the file must survive.
    const bytes = Buffer.concat([
        Buffer.from([0, 255, 13, 10, 45, 45]),
        Buffer.from('--boundar'),
        Buffer.alloc(4096, 7)
    ]);
    const org = fakeOrg();
    const body = multipart('b0und', [
        ENTITY,
        {
            headers: [
                'Content-Disposition: form-data; name="VersionData"; filename="transcript.pdf"',
                'Content-Type: application/pdf'
            ],
            data: bytes
        }
    ]);

    const reply = await handleSObjectCreate(
        request(body, 'multipart/form-data; boundary="b0und"'),
        PATH,
        USER,
        org,
        1 << 20
    );

    assert.deepEqual(reply, { status: 201, body: { id: '068000000000001AAA', success: true, errors: [] } });
    assert.equal(org.calls.length, 1);
    const [call] = org.calls;
    assert.deepEqual(
        [call.objectName, call.fields, call.userId],
        ['ContentVersion', { Title: 'Transcript', PathOnClient: 'transcript.pdf' }, USER]
    );
    assert.deepEqual(Object.keys(call.blobs ?? {}), ['VersionData']);
    assert.ok(Buffer.from(call.blobs!.VersionData).equals(bytes));
});

test('a JSON body is the record’s fields, with no blobs', async () => {
    const org = fakeOrg();
    const reply = await handleSObjectCreate(
        request(JSON.stringify({ Name: 'Acme' }), 'application/json; charset=UTF-8'),
        '/services/data/v62.0/sobjects/Account/',
        USER,
        org,
        1024
    );

    assert.equal(reply?.status, 201);
    assert.deepEqual(org.calls, [{ objectName: 'Account', fields: { Name: 'Acme' }, userId: USER, blobs: {} }]);
});

test('the org’s refusal is passed on with its status and Salesforce’s error list', async () => {
    const errors = [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND', fields: [] }];
    const reply = await handleSObjectCreate(
        request('{}', 'application/json'),
        PATH,
        USER,
        fakeOrg({ ok: false, status: 404, errors }),
        1024
    );

    assert.deepEqual(reply, { status: 404, body: errors });
});

test('other paths and methods are not this handler’s', async () => {
    const org = fakeOrg();
    for (const [path, method] of [
        ['/services/data/v62.0/sobjects/Account/001000000000001', 'POST'],
        ['/services/data/v62.0/query', 'POST'],
        [PATH, 'GET']
    ]) {
        assert.equal(
            await handleSObjectCreate(request('{}', 'application/json', method), path, USER, org, 1024),
            undefined
        );
    }
    assert.equal(org.calls.length, 0);
});

test('bodies it cannot read are refused with Salesforce-style errors and reach no org', async () => {
    const org = fakeOrg();
    const binaryOnly = multipart('x', [
        {
            headers: [
                'Content-Disposition: form-data; name="VersionData"; filename="a.bin"',
                'Content-Type: application/octet-stream'
            ],
            data: 'abc'
        }
    ]);
    const unterminated = multipart('x', [ENTITY]).subarray(0, -10);
    const noFilename = multipart('x', [
        ENTITY,
        { headers: ['Content-Disposition: form-data; name="VersionData"'], data: 'abc' }
    ]);
    const cases: [IncomingMessage, number, string][] = [
        [request('{"Title": ', 'application/json'), 400, 'JSON_PARSER_ERROR'],
        [request('[1]', 'application/json'), 400, 'JSON_PARSER_ERROR'],
        [request(binaryOnly, 'multipart/form-data; boundary=x'), 400, 'INVALID_MULTIPART_REQUEST'],
        [request(unterminated, 'multipart/form-data; boundary=x'), 400, 'INVALID_MULTIPART_REQUEST'],
        [request(noFilename, 'multipart/form-data; boundary=x'), 400, 'INVALID_MULTIPART_REQUEST'],
        [request(multipart('x', [ENTITY]), 'multipart/form-data'), 400, 'INVALID_MULTIPART_REQUEST'],
        [request('Title=x', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
        [request(Buffer.alloc(2048, 32), 'application/json'), 413, 'REQUEST_TOO_LARGE']
    ];
    for (const [req, status, errorCode] of cases) {
        const reply = await handleSObjectCreate(req, PATH, USER, org, 1024);
        assert.equal(reply?.status, status, errorCode);
        assert.equal((reply?.body as { errorCode: string }[])[0].errorCode, errorCode);
    }
    const [missing] = (await handleSObjectCreate(
        request(binaryOnly, 'multipart/form-data; boundary=x'),
        PATH,
        USER,
        org,
        1024
    ))!.body as { message: string }[];
    assert.equal(missing.message, 'Multipart message must include a non-binary part');
    assert.equal(org.calls.length, 0);
});
