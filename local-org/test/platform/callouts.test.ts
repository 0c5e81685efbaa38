// HTTP callouts (Apex Developer Guide, "Invoking Callouts Using Apex", "Named Credentials as Callout Endpoints",
// "Testing HTTP Callouts by Implementing the HttpCalloutMock Interface", "Performing DML Operations and Mock
// Callouts", "Execution Governors and Limits": 100 callouts; "Locking Statements"). The fixture's Named
// Credential Widget_Api has the URL https://widgets.example.com/api.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CalloutRequest, LocalOrg } from '../../src/org/org';
import { Transaction } from '../../src/org/transaction';
import { apexError, expectTestThrows, loadOrg, runTest } from './helpers';

let org: LocalOrg;
const sent: CalloutRequest[] = [];

before(() => {
    org = loadOrg({
        calloutTransport: (request) => {
            sent.push(request);
            return {
                status: 201,
                statusText: 'Created',
                headers: new Map([['X-Echo', request.url]]),
                body: new TextEncoder().encode(`sent ${request.method}`)
            };
        }
    });
});

const UNCOMMITTED = 'You have uncommitted work pending. Please commit or rollback before calling out';

describe('callouts in tests ("Testing HTTP Callouts by Implementing the HttpCalloutMock Interface")', () => {
    test('without Test.setMock a test cannot call out', () => {
        // The message as orgs report it ("... Web service callouts, test skipped"): community sources, e.g.
        // github.com/joeferraro/MavensMate/issues/470; the guide says only that tests can't make callouts.
        expectTestThrows(
            org,
            `WidgetApi.get('/widgets');`,
            'System.TypeException',
            /^Methods defined as TestMethod do not support Web service callouts/
        );
    });

    test('the mock receives the endpoint as written: callout:Name/path', () => {
        assert.deepEqual(
            runTest(
                org,
                `Test.setMock(HttpCalloutMock.class, new EchoMock());
                 HttpResponse response = WidgetApi.get('/widgets?page=2');
                 System.debug(response.getStatusCode() + ' ' + response.getBody());`
            ),
            ['200 GET callout:Widget_Api/widgets?page=2']
        );
        assert.equal(sent.length, 0, 'the transport is not used in tests');
    });

    test('a callout after DML in the same transaction fails with CalloutException', () => {
        expectTestThrows(
            org,
            `Test.setMock(HttpCalloutMock.class, new EchoMock());
             insert new Event_Log__c(Name = 'pending');
             WidgetApi.get('/widgets');`,
            'System.CalloutException',
            UNCOMMITTED
        );
    });

    test('Test.startTest starts afresh: DML before it does not block a callout inside it', () => {
        assert.deepEqual(
            runTest(
                org,
                `insert new Event_Log__c(Name = 'setup');
                 Test.startTest();
                 Test.setMock(HttpCalloutMock.class, new EchoMock());
                 System.debug(WidgetApi.get('/widgets').getStatusCode());
                 Test.stopTest();`
            ),
            ['200']
        );
    });

    test('DML inside the Test.startTest block does block a later callout', () => {
        expectTestThrows(
            org,
            `Test.startTest();
             Test.setMock(HttpCalloutMock.class, new EchoMock());
             insert new Event_Log__c(Name = 'inside');
             WidgetApi.get('/widgets');`,
            'System.CalloutException',
            UNCOMMITTED
        );
    });

    test('the 101st callout throws LimitException "Too many callouts: 101"', () => {
        expectTestThrows(
            org,
            `Test.setMock(HttpCalloutMock.class, new EchoMock());
             for (Integer i = 0; i < 101; i++) WidgetApi.get('/n');`,
            'System.LimitException',
            'Too many callouts: 101'
        );
    });
});

describe('callouts outside tests ("Named Credentials as Callout Endpoints")', () => {
    test("callout:Name is resolved to the Named Credential's URL and sent through the transport", () => {
        sent.length = 0;
        assert.deepEqual(
            org.executeAnonymous(
                `HttpRequest request = new HttpRequest();
                 request.setMethod('POST');
                 request.setEndpoint('callout:Widget_Api/widgets?x=1');
                 request.setHeader('Content-Type', 'application/json');
                 request.setBody('{"a":1}');
                 HttpResponse response = new Http().send(request);
                 System.debug(response.getStatusCode() + ' ' + response.getStatus() + ' ' + response.getBody());
                 System.debug(response.getHeader('X-Echo'));`
            ),
            ['201 Created sent POST', 'https://widgets.example.com/api/widgets?x=1']
        );
        assert.equal(sent.length, 1);
        assert.equal(sent[0].url, 'https://widgets.example.com/api/widgets?x=1');
        assert.equal(sent[0].namedCredential, 'Widget_Api');
        assert.equal(sent[0].headers.get('Content-Type'), 'application/json');
        assert.equal(new TextDecoder().decode(sent[0].body!), '{"a":1}');
    });

    test('the org may point a Named Credential elsewhere (namedCredentialUrls)', () => {
        const urls: string[] = [];
        const local = loadOrg({
            namedCredentialUrls: new Map([['Widget_Api', 'http://127.0.0.1:9999/sim']]),
            calloutTransport: (request) => {
                urls.push(request.url);
                return { status: 200, statusText: 'OK', headers: new Map(), body: new Uint8Array() };
            }
        });
        local.executeAnonymous(`WidgetApi.get('/widgets');`);
        assert.deepEqual(urls, ['http://127.0.0.1:9999/sim/widgets']);
    });

    test('outside tests too, DML before a callout fails, and the transaction is rolled back', () => {
        sent.length = 0;
        const thrown = apexError(() =>
            org.executeAnonymous(`insert new Event_Log__c(Name = 'before callout'); WidgetApi.get('/widgets');`)
        );
        assert.equal(thrown.typeName, 'System.CalloutException');
        assert.equal(thrown.message, UNCOMMITTED);
        assert.equal(sent.length, 0);
        assert.deepEqual(
            org.executeAnonymous(`System.debug([SELECT COUNT() FROM Event_Log__c WHERE Name = 'before callout']);`),
            ['0']
        );
    });

    test('an unknown Named Credential fails with CalloutException', () => {
        const thrown = apexError(() =>
            org.executeAnonymous(
                `HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Nope/x'); new Http().send(r);`
            )
        );
        assert.equal(thrown.typeName, 'System.CalloutException');
    });

    test('rows locked FOR UPDATE are released at a callout ("Locking Statements")', () => {
        // Seen from the runtime: the transaction's lock set just before the callout, then at the transport.
        const original = Transaction.prototype.beforeCallout;
        const lockedBefore: number[] = [];
        const lockedAtTransport: number[] = [];
        Transaction.prototype.beforeCallout = function (this: Transaction) {
            lockedBefore.push(this.locked.size);
            original.call(this);
            lockedAtTransport.push(this.locked.size);
        };
        try {
            org.executeAnonymous(`insert new Event_Log__c(Name = 'to lock');`);
            org.executeAnonymous(
                `List<Event_Log__c> rows = [SELECT Id FROM Event_Log__c FOR UPDATE]; WidgetApi.get('/after-lock');`
            );
        } finally {
            Transaction.prototype.beforeCallout = original;
        }
        assert.ok(lockedBefore[0] > 0);
        assert.deepEqual(lockedAtTransport, [0]);
    });
});
