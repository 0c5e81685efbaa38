// Bring Your Own Channel, partner-owned routing: the connector's Interaction Service API calls, in Salesforce's
// order, against the official spec served by Prism with request validation (test/helpers/prism.ts). Any request
// the spec refuses is answered 422 and fails the flow with an InteractionApiError.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { InteractionApiError, InteractionClient } from '../src/byoc/interactionClient';
import {
    answerTransfer,
    assignAgent,
    classifyTarget,
    openConversation,
    planRelease,
    planRoutingResult,
    releaseRouting,
    workItemId15,
    type ByocSettings
} from '../src/byoc/routing';
import { startPrism, type PrismServer, type RecordedRequest } from './helpers/prism';
import { ORG_ID } from './helpers/salesforce';

const CHANNEL_DEFINITION = 'Relay_Genesys_Messaging';
const SF_QUEUE_GENESYS = '00G5g000004XyZaEAK'; // mapped to a Genesys queue
const SF_QUEUE_OMNI = '00G5g000004XyZbEAK'; // an Omni-Channel queue, not mapped
const SETTINGS: ByocSettings = {
    channelAddress: 'relay-genesys-messaging-address',
    queueMap: new Map([[SF_QUEUE_GENESYS, '5f0b1a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b']])
};
const WORK_ITEM = '0Mw5g000000AbCdCAK'; // 18 characters; the spec takes the 15-character form
const AGENT = '0055g00000ABcdeAAC';

function client(prism: PrismServer, ids: string[] = []): InteractionClient {
    let n = 0;
    return new InteractionClient({
        baseUrl: prism.url,
        orgId: ORG_ID,
        authorizationContext: CHANNEL_DEFINITION,
        httpTimeoutMs: 5000,
        token: () => Promise.resolve('00D5g000000AbCd!test-token'),
        requestId: () => {
            const id = `6f1c2b3a-0000-4000-8000-${String(++n).padStart(12, '0')}`;
            ids.push(id);
            return id;
        }
    });
}

function calls(requests: RecordedRequest[]): string[] {
    return requests.map((r) => `${r.method} ${r.path}`);
}

/** Every request reached Prism, matched the spec (no violation) and was answered 2xx. */
function assertAccepted(requests: RecordedRequest[]): void {
    for (const r of requests) {
        assert.equal(r.violations, undefined, `${r.method} ${r.path}: ${JSON.stringify(r.violations)}`);
        assert.ok(r.status >= 200 && r.status < 300, `${r.method} ${r.path} answered ${r.status}`);
    }
}

function assertSpecHeaders(r: RecordedRequest, requestId: string | undefined): void {
    assert.equal(r.headers.authorization, 'Bearer 00D5g000000AbCd!test-token');
    assert.equal(r.headers.orgid, ORG_ID);
    assert.equal(r.headers.authorizationcontext, CHANNEL_DEFINITION);
    assert.equal(r.headers.requestid, requestId);
}

test('a new conversation: POST /interactions, PATCH /consent, POST /route, in that order, each accepted', async (t) => {
    const prism = await startPrism(t);
    const ids: string[] = [];
    const opened = await openConversation(client(prism, ids), SETTINGS, {
        endUserClientId: '+353871234567',
        message: {
            id: '57904eb6-5352-4c5e-adf6-5f100572cf5d',
            text: 'Hi, my order is late',
            timestampMs: 1_688_190_840_000
        },
        salesforceQueueId: SF_QUEUE_OMNI
    });
    assert.deepEqual(calls(prism.requests), [
        'POST /api/v1/interactions',
        'PATCH /api/v1/consent',
        'POST /api/v1/route'
    ]);
    assertAccepted(prism.requests);
    const [interactions, consent, route] = prism.requests as [RecordedRequest, RecordedRequest, RecordedRequest];
    prism.requests.forEach((r, i) => assertSpecHeaders(r, ids[i]));
    assert.equal(new Set(ids).size, 3, 'a new RequestId per request');
    assert.match(interactions.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
    assert.deepEqual(interactions.parts, [{ name: 'json', contentType: 'application/json' }]);
    assert.deepEqual(interactions.body, {
        from: '+353871234567',
        to: SETTINGS.channelAddress,
        interactions: [
            {
                interactionType: 'EntryInteraction',
                timestamp: 1_688_190_840_000,
                payload: {
                    id: '57904eb6-5352-4c5e-adf6-5f100572cf5d',
                    entryType: 'Message',
                    abstractMessage: {
                        messageType: 'StaticContentMessage',
                        id: '57904eb6-5352-4c5e-adf6-5f100572cf5d',
                        staticContent: { formatType: 'Text', text: 'Hi, my order is late' }
                    }
                }
            }
        ]
    });
    assert.deepEqual(consent.body, {
        endUserClientId: '+353871234567',
        channelAddressIdentifier: SETTINGS.channelAddress,
        consentStatus: 'ImplicitlyOptedIn'
    });
    // Prism's mock answers with the schema's placeholder values ("string").
    assert.deepEqual(route.body, {
        conversationIdentifier: opened.conversationIdentifier,
        routingType: 'Initial',
        routingInfo: { queueId: SF_QUEUE_OMNI }
    });
});

test('an agent found: a valid POST /agentWork; DELETE /route only while the routing is pending', async (t) => {
    const prism = await startPrism(t);
    const c = client(prism);
    await assignAgent(c, {
        conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000001',
        workItemId: WORK_ITEM,
        userId: AGENT,
        routingCorrelationId: '8a7b6c5d-0000-4000-8000-000000000002',
        routingType: 'Initial'
    });
    assert.equal(await releaseRouting(c, 'c4f3e2d1-0000-4000-8000-000000000001', false), false);
    assert.equal(await releaseRouting(c, 'c4f3e2d1-0000-4000-8000-000000000001', true), true);
    assert.deepEqual(calls(prism.requests), ['POST /api/v1/agentWork', 'DELETE /api/v1/route']);
    assertAccepted(prism.requests);
    assert.deepEqual(prism.requests[0]!.body, {
        userId: AGENT,
        workItemId: WORK_ITEM.slice(0, 15),
        routingContext: {
            conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000001',
            routingType: 'Initial',
            routingCorrelationId: '8a7b6c5d-0000-4000-8000-000000000002'
        }
    });
    assert.deepEqual(prism.requests[1]!.body, { conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000001' });
});

test('a transfer to a Genesys queue: only POST /routingResult, externallyRouted true', async (t) => {
    const prism = await startPrism(t);
    const outcome = await answerTransfer(client(prism), SETTINGS, {
        conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000003',
        workItemId: WORK_ITEM,
        targetQueueId: SF_QUEUE_GENESYS
    });
    assert.deepEqual(outcome, { kind: 'genesys', genesysQueueId: SETTINGS.queueMap.get(SF_QUEUE_GENESYS) });
    assert.deepEqual(calls(prism.requests), ['POST /api/v1/routingResult']);
    assertAccepted(prism.requests);
    assert.deepEqual(prism.requests[0]!.body, {
        workItemId: WORK_ITEM.slice(0, 15),
        conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000003',
        success: true,
        externallyRouted: true,
        routingType: 'Transfer'
    });
});

test('a transfer to an Omni-Channel queue: POST /routingResult, POST /route and POST /agentWork, as Transfer', async (t) => {
    const prism = await startPrism(t);
    const outcome = await answerTransfer(client(prism), SETTINGS, {
        conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000004',
        workItemId: WORK_ITEM,
        targetQueueId: SF_QUEUE_OMNI,
        targetUserId: AGENT
    });
    assert.equal(outcome.kind, 'omni');
    assert.deepEqual(calls(prism.requests), [
        'POST /api/v1/routingResult',
        'POST /api/v1/route',
        'POST /api/v1/agentWork'
    ]);
    assertAccepted(prism.requests);
    const [result, route, work] = prism.requests.map((r) => r.body) as [
        Record<string, unknown>,
        Record<string, unknown>,
        Record<string, unknown>
    ];
    assert.equal(result.externallyRouted, false);
    assert.equal(result.routingType, 'Transfer');
    assert.deepEqual(route, {
        conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000004',
        routingType: 'Transfer',
        routingInfo: { queueId: SF_QUEUE_OMNI }
    });
    assert.deepEqual(work.routingContext, {
        conversationIdentifier: 'c4f3e2d1-0000-4000-8000-000000000004',
        routingType: 'Transfer',
        routingCorrelationId: 'string' // Prism's placeholder for the route answer's routingCorrelationId
    });
});

test('planted defects: requests the spec refuses are answered 422 and raise a clear, non-retryable error', async (t) => {
    const prism = await startPrism(t);
    const c = client(prism);
    // routingResult without externallyRouted (required by RoutingResultRequest).
    const { externallyRouted, ...withoutExternallyRouted } = planRoutingResult(
        { conversationIdentifier: 'c-1', workItemId: WORK_ITEM, targetQueueId: SF_QUEUE_GENESYS },
        classifyTarget(SETTINGS, SF_QUEUE_GENESYS)
    ).body as unknown as Record<string, unknown>;
    assert.equal(externallyRouted, true);
    await assert.rejects(
        c.call({
            operation: 'post-routing-result',
            method: 'POST',
            path: '/routingResult',
            body: withoutExternallyRouted as never
        }),
        (error: unknown) => {
            assert.ok(error instanceof InteractionApiError);
            assert.equal(error.status, 422);
            assert.equal(error.retryable, false);
            assert.equal(error.operation, 'post-routing-result');
            assert.match(error.message, /post-routing-result: POST \/routingResult answered 422/);
            assert.ok(typeof error.body === 'object' && error.body !== null && 'message' in error.body);
            return true;
        }
    );
    // The seed's spelling "ExplicityOptedIn" is not in the spec's ConsentEnum.
    await assert.rejects(
        c.call({
            operation: 'patch-consent-update',
            method: 'PATCH',
            path: '/consent',
            body: { endUserClientId: 'u', channelAddressIdentifier: 'a', consentStatus: 'ExplicityOptedIn' as never }
        }),
        (error: unknown) => error instanceof InteractionApiError && error.status === 422
    );
    // agentWork without userId, and an 18-character workItemId sent as it is.
    await assert.rejects(
        c.call({
            operation: 'post-agent-work',
            method: 'POST',
            path: '/agentWork',
            body: { workItemId: WORK_ITEM } as never
        }),
        (error: unknown) => error instanceof InteractionApiError && error.status === 422
    );
    // An interaction with no `from`.
    await assert.rejects(
        c.call({
            operation: 'post-interaction',
            method: 'POST',
            path: '/interactions',
            body: { to: 'a', interactions: [] } as never
        }),
        (error: unknown) => error instanceof InteractionApiError && error.status === 422
    );
    const messages = prism.requests.map((r) => (r.violations ?? []).map((v) => v.message).join('; '));
    assert.match(messages[0]!, /must have required property 'externallyRouted'/);
    assert.match(messages[1]!, /consentStatus must be equal to one of the allowed values/);
    assert.match(messages[2]!, /must have required property 'userId'/);
    assert.match(messages[2]!, /workItemId must NOT have more than 15 characters/);
    assert.match(messages[3]!, /must have required property 'from'/);
    assert.match(messages[3]!, /interactions must NOT have fewer than 1 items/);
    // A request without the spec's required headers (here Authorization and OrgId) is refused too.
    const bare = await fetch(`${prism.url}/api/v1/route`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ conversationIdentifier: 'c-1', routingType: 'Initial' })
    });
    assert.equal(bare.status, 401);
});

test('the published spec alone would not check agentWork: Prism skips a body schema with type "double"', async (t) => {
    const prism = await startPrism(t, { spec: 'official' });
    const c = client(prism);
    await c.call({
        operation: 'post-agent-work',
        method: 'POST',
        path: '/agentWork',
        body: { workItemId: WORK_ITEM } as never
    });
    assert.equal(prism.requests[0]!.status, 202, 'why test/helpers/prism.ts names the type "number"');
});

test('pure decisions: release only when pending, target by queue map on the 15-character id, 15-character work items', () => {
    assert.equal(planRelease('c', false), null);
    assert.deepEqual(planRelease('c', true)?.body, { conversationIdentifier: 'c' });
    assert.equal(classifyTarget(SETTINGS, SF_QUEUE_GENESYS.slice(0, 15)).kind, 'genesys');
    assert.deepEqual(classifyTarget(SETTINGS, SF_QUEUE_OMNI), { kind: 'omni', salesforceQueueId: SF_QUEUE_OMNI });
    assert.equal(workItemId15(WORK_ITEM), WORK_ITEM.slice(0, 15));
    assert.equal(workItemId15('0Mw5g000000AbCd'), '0Mw5g000000AbCd');
});

test('errors: 429 and 5xx and no answer are retryable, other 4xx are not; Retry-After is kept', async (t) => {
    const answers = [
        { status: 429, headers: { 'retry-after': '7' }, body: '{"code":429,"message":"slow down"}' },
        { status: 503, headers: {}, body: 'unavailable' },
        { status: 400, headers: {}, body: '{"code":10089,"message":"Invalid parameters passed to API."}' }
    ];
    const server = createServer((_req, res) => {
        const next = answers.shift()!;
        res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
        res.end(next.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    t.after(() => new Promise((resolve) => server.close(resolve)));
    const base = { orgId: ORG_ID, authorizationContext: CHANNEL_DEFINITION, httpTimeoutMs: 5000 };
    const c = new InteractionClient({
        ...base,
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        token: () => Promise.resolve('t')
    });
    const route = () => c.postRoute({ conversationIdentifier: 'c', routingType: 'Initial' });
    const caught = async (): Promise<InteractionApiError> => {
        try {
            await route();
        } catch (error) {
            assert.ok(error instanceof InteractionApiError);
            return error;
        }
        throw new Error('expected a rejection');
    };
    const tooMany = await caught();
    assert.deepEqual([tooMany.status, tooMany.retryable, tooMany.retryAfterMs], [429, true, 7000]);
    assert.deepEqual(tooMany.body, { code: 429, message: 'slow down' });
    const unavailable = await caught();
    assert.deepEqual([unavailable.status, unavailable.retryable, unavailable.body], [503, true, 'unavailable']);
    const bad = await caught();
    assert.deepEqual([bad.status, bad.retryable], [400, false]);
    assert.deepEqual(bad.body, { code: 10089, message: 'Invalid parameters passed to API.' });
    // No answer at all: a port nothing listens on.
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const offline = new InteractionClient({
        ...base,
        baseUrl: `http://127.0.0.1:${port}`,
        token: () => Promise.resolve('t')
    });
    await assert.rejects(
        offline.postRoute({ conversationIdentifier: 'c', routingType: 'Initial' }),
        (error: unknown) => {
            assert.ok(error instanceof InteractionApiError);
            assert.deepEqual([error.status, error.retryable], [null, true]);
            return true;
        }
    );
    // A token that cannot be had is retryable, and no request is sent.
    const noToken = new InteractionClient({
        ...base,
        baseUrl: 'http://127.0.0.1:1',
        token: () => Promise.reject(new Error('401 from token endpoint'))
    });
    await assert.rejects(noToken.postRoute({ conversationIdentifier: 'c', routingType: 'Initial' }), /no token: 401/);
});
