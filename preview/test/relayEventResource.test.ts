// The preview of RelayEventResource applies the Apex endpoint's rules (signature, freshness, size,
// payload, one delivery per event id) and publishes Relay_Conversation_Event__e for lightning/empApi.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoSeed, SEED_IDS } from '../../simulator/src/seed';
import fs from 'node:fs';
import path from 'node:path';
import { RELAY_EVENT_TYPES } from '../../simulator/src/events';
import { EVENT_TYPES, RelayEventResource, signEvent } from '../apex/RelayEventResource';
import { ROOT } from '../lib/paths';
import type { ApexContext, RestResponse } from '../apex/types';
import { labelText } from '../lib/labels';
import { PlatformEventBus, type PlatformEventMessage } from '../server/eventBus';
import { GenesysClient } from '../server/genesysClient';
import { RecordStore } from '../server/recordStore';
import { startPreviewServer, type PreviewServer } from '../server/server';

const SECRET = 'test-signing-secret';
const NOW = new Date('2026-03-02T10:00:00.000Z');
const nowSeconds = String(NOW.getTime() / 1000);

function contextWithSecret(secret: string | null) {
    const store = new RecordStore();
    if (secret !== null) store.insert('Relay_Settings__c', { Signing_Secret__c: secret });
    const bus = new PlatformEventBus('005000000000001AAA', () => NOW);
    const context: ApexContext = {
        userId: '005000000000001AAA',
        store,
        bus,
        genesys: new GenesysClient({ baseUrl: 'http://127.0.0.1:9', authorization: () => 'Bearer x' }),
        label: (name) => labelText(name),
        now: () => NOW
    };
    return { store, bus, context };
}

const alerting = {
    eventId: 'evt-1',
    type: 'conversation.alerting',
    occurredAt: '2026-03-02T09:59:58.120Z',
    conversationId: 'conv-1',
    participantId: 'part-1',
    userId: 'user-1',
    queueId: 'queue-1',
    channel: 'whatsapp',
    data: { alertingTimeoutMs: 30000 }
};

async function post(
    context: ApexContext,
    body: unknown,
    headers: Record<string, string | undefined> = {}
): Promise<RestResponse & { json: { status: string; error: string | null } }> {
    const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const signed = { 'X-Relay-Timestamp': nowSeconds, 'X-Relay-Signature': signEvent(SECRET, nowSeconds, raw) };
    const handler = RelayEventResource.rest?.handlers.POST;
    assert.ok(handler);
    const response = await handler({ method: 'POST', headers: { ...signed, ...headers }, body: raw }, context);
    return { ...response, json: JSON.parse(response.body) as { status: string; error: string | null } };
}

describe('RelayEventResource (preview)', () => {
    test('accepts exactly the event types RelayEventPayload.cls accepts and the simulator sends', () => {
        const apex = fs.readFileSync(path.join(ROOT, 'force-app/main/default/classes/RelayEventPayload.cls'), 'utf8');
        const block = /Set<String> TYPES = new Set<String>\{([^}]*)\}/.exec(apex)?.[1] ?? '';
        const apexTypes = [...block.matchAll(/'([^']+)'/g)].map((m) => m[1]).sort();
        assert.ok(apexTypes.length > 0, 'TYPES not found in RelayEventPayload.cls');
        assert.deepEqual([...EVENT_TYPES].sort(), apexTypes);
        assert.deepEqual([...RELAY_EVENT_TYPES].sort(), apexTypes);
    });

    test('a signed event is accepted and published as Relay_Conversation_Event__e', async () => {
        const { bus, store, context } = contextWithSecret(SECRET);
        const response = await post(context, alerting);
        assert.equal(response.statusCode, 202);
        assert.equal(response.json.status, 'accepted');
        const [message] = bus.replay('/event/Relay_Conversation_Event__e', -2);
        assert.ok(message);
        assert.deepEqual(
            { ...message.data.payload, CreatedDate: undefined },
            {
                Event_Id__c: 'evt-1',
                Type__c: 'conversation.alerting',
                Occurred_At__c: '2026-03-02T09:59:58.120Z',
                Conversation_Id__c: 'conv-1',
                Participant_Id__c: 'part-1',
                Genesys_User_Id__c: 'user-1',
                Queue_Id__c: 'queue-1',
                Channel__c: 'whatsapp',
                Data__c: '{"alertingTimeoutMs":30000}',
                CreatedDate: undefined,
                CreatedById: '005000000000001AAA'
            }
        );
        assert.equal(store.query('Relay_Event_Receipt__c').length, 1);
    });

    test('the same event id delivered twice is published once', async () => {
        const { bus, context } = contextWithSecret(SECRET);
        await post(context, alerting);
        const again = await post(context, alerting);
        assert.equal(again.statusCode, 200);
        assert.equal(again.json.status, 'duplicate');
        assert.equal(bus.replay('/event/Relay_Conversation_Event__e', -2).length, 1);
    });

    const refusals: [string, unknown, Record<string, string | undefined>, number, string][] = [
        ['a wrong signature', alerting, { 'X-Relay-Signature': `sha256=${'0'.repeat(64)}` }, 401, 'invalid_signature'],
        ['no signature', alerting, { 'X-Relay-Signature': undefined }, 401, 'missing_signature'],
        [
            'a timestamp over five minutes old',
            alerting,
            { 'X-Relay-Timestamp': String(Number(nowSeconds) - 301) },
            401,
            'timestamp_out_of_range'
        ],
        ['an unknown event type', { ...alerting, type: 'conversation.queued' }, {}, 400, 'unknown_type'],
        ['an alerting event without its agent', { ...alerting, userId: undefined }, {}, 400, 'invalid_payload'],
        ['a body that is not JSON', '{"eventId":', {}, 400, 'malformed_json'],
        ['a body over 64 KB', { ...alerting, data: { note: 'x'.repeat(70000) } }, {}, 413, 'payload_too_large']
    ];
    for (const [what, body, headers, status, error] of refusals) {
        test(`refuses ${what} and publishes nothing`, async () => {
            const { bus, store, context } = contextWithSecret(SECRET);
            const response = await post(context, body, headers);
            assert.equal(response.statusCode, status);
            assert.equal(response.json.error, error);
            assert.equal(bus.replay('/event/Relay_Conversation_Event__e', -2).length, 0);
            assert.equal(store.query('Relay_Event_Receipt__c').length, 0);
        });
    }

    test('refuses every event while no signing secret is configured', async () => {
        const { context } = contextWithSecret(null);
        const response = await post(context, alerting);
        assert.equal(response.statusCode, 503);
        assert.equal(response.json.error, 'not_configured');
    });
});

describe('the embedded simulator posts signed events the preview endpoint accepts', () => {
    let server: PreviewServer;
    before(async () => {
        server = await startPreviewServer({ port: 0, seed: demoSeed({ conversations: false }), log: () => undefined });
    });
    after(() => server.close());

    test('an inbound conversation offered to the agent arrives as a conversation.alerting platform event', async () => {
        const published = new Promise<PlatformEventMessage>((resolve) => {
            const stop = server.bus.subscribe('/event/Relay_Conversation_Event__e', (m) => {
                if (m.data.payload.Type__c === 'conversation.alerting') {
                    stop();
                    resolve(m);
                }
            });
        });
        server.sim.control.setPresence(SEED_IDS.users.alex, 'OnQueue');
        const conversation = server.sim.control.startConversation({
            channel: 'sms',
            queue: 'Support',
            customerName: 'Jane Doe',
            customerAddress: '+15550100123',
            text: 'Hello'
        });
        const message = await published;
        assert.equal(message.data.payload.Conversation_Id__c, conversation.id);
        assert.equal(message.data.payload.Genesys_User_Id__c, SEED_IDS.users.alex);
        assert.equal(message.data.payload.Channel__c, 'sms');
        await server.sim.control.flushWebhooks();
        const deliveries = server.sim.control.webhookDeliveries().filter((d) => d.type === 'conversation.alerting');
        assert.deepEqual(
            deliveries.map((d) => d.status),
            [202]
        );
    });
});
