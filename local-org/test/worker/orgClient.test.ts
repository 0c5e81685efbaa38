// The local org in a worker thread: Apex calls answered, a callout sent over the owner's network while the org
// waits (the owner's own HTTP server keeps serving), committed events and queued jobs handed to the owner.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { OrgClient, fetchCallout } from '../../src/worker/orgClient';

const PROJECT = path.join(__dirname, '..', 'fixtures', 'platform');
let server: http.Server;
let url: string;
let client: OrgClient;
const seen: string[] = [];

before(async () => {
    server = http.createServer((req, res) => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
        res.writeHead(200, { 'content-type': 'application/json', 'x-served-by': 'owner' });
        res.end(JSON.stringify({ ok: true, path: req.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = await OrgClient.start({
        projectDir: PROJECT,
        namedCredentialUrls: {},
        send: (request) =>
            fetchCallout(
                { ...request, url: request.url.replace(/^https?:\/\/[^/]+/, url) },
                { authorization: `Bearer for-${request.userId}` }
            )
    });
});

after(async () => {
    await client.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('Execute Anonymous runs in the worker and returns System.debug output', async () => {
    assert.deepEqual(await client.executeAnonymous("System.debug(1 + 1); System.debug('two');"), ['2', 'two']);
});

test("a callout blocks the org while the owner's HTTP server answers it, with the caller's credentials", async () => {
    const debug = await client.executeAnonymous(`
        HttpRequest request = new HttpRequest();
        request.setEndpoint('https://example.com/hello?x=1');
        request.setMethod('GET');
        HttpResponse response = new Http().send(request);
        System.debug(response.getStatusCode() + ' ' + response.getHeader('X-Served-By') + ' ' + response.getBody());
    `);
    assert.deepEqual(debug, ['200 owner {"ok":true,"path":"/hello?x=1"}']);
    assert.match(seen.at(-1) ?? '', /^GET \/hello\?x=1 Bearer for-005/);
});

test('an Apex exception outside any entry point rejects with its type and message', async () => {
    await assert.rejects(
        client.executeAnonymous('Integer zero = 0; Integer x = 1 / zero;'),
        /System\.MathException: Divide by 0/
    );
});
