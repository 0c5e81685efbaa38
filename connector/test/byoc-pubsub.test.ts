// The Relay_Byoc_Event__e subscriber end to end: the real salesforce-pubsub-api-client against a local Pub/Sub API
// (gRPC over TLS on 127.0.0.1, test/helpers/pubsubServer.ts), events Avro-encoded with the topic's schema and
// decoded by the client with the schema GetSchema returns, then decoded and decided by outboundEvent.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideOutbound, decodeOutboundEvent, encodeOutboundEvent } from '../src/byoc/outboundEvent';
import { ByocEventSubscriber, type ByocEventMessage, type PubSubConnection } from '../src/byoc/pubsub';
import { agentText, transfer } from './helpers/pubsubEvents';
import { presetName, SCHEMA_ID, startPubSubServer, type PubSubServer } from '../../local-org/src/pubsub/server';

const AUTH = {
    accessToken: '00D5g000004ABCDEAZ!local-test-token',
    instanceUrl: 'https://relay-test.my.salesforce.com',
    organizationId: '00D5g000004ABCDEAZ'
};

function connection(server: PubSubServer, accessToken = AUTH.accessToken): PubSubConnection {
    return { ...AUTH, accessToken, pubSubEndpoint: server.endpoint, rejectUnauthorizedSsl: false };
}

/** Collects delivered events; `next(n)` resolves once n have arrived. */
function collector(): {
    messages: ByocEventMessage[];
    next(n: number): Promise<void>;
    onEvent(m: ByocEventMessage): void;
} {
    const messages: ByocEventMessage[] = [];
    const waiters: { n: number; resolve: () => void }[] = [];
    return {
        messages,
        next: (n) =>
            messages.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })),
        onEvent(message) {
            messages.push(message);
            for (const waiter of waiters.filter((w) => messages.length >= w.n)) waiter.resolve();
        }
    };
}

test('events arrive decoded, in order, with replay ids; a resubscription after the last one gets only what followed', async (t) => {
    const server = await startPubSubServer(AUTH);
    t.after(() => server.close());
    const message = encodeOutboundEvent({ eventType: 'Interaction', event: agentText('Hi, how are you?') });
    const routing = encodeOutboundEvent({
        eventType: 'RoutingRequested',
        event: transfer('00G5g000004XyZaEAK', '0Mw5g000000AbCdCAK')
    });
    const first = server.publish(message);
    const second = server.publish(routing);

    const got = collector();
    const handled: number[] = [];
    const errors: unknown[] = [];
    const subscriber = new ByocEventSubscriber({
        connection: connection(server),
        onEvent: got.onEvent,
        onHandled: (replayId) => void handled.push(replayId),
        onError: (error) => void errors.push(error)
    });
    await subscriber.start('earliest');
    await got.next(2);
    assert.deepEqual(
        got.messages.map((m) => [m.replayId, m.eventType, m.payload]),
        [
            [first, 'Interaction', message.payload],
            [second, 'RoutingRequested', routing.payload]
        ]
    );
    assert.deepEqual(
        got.messages.map((m) => decideOutbound(decodeOutboundEvent(m.eventType, m.payload)).kind),
        ['send-text', 'answer-transfer']
    );
    // A live event on the open subscription.
    const third = server.publish(
        encodeOutboundEvent({ eventType: 'Interaction', event: agentText('Anything else?', 'm-3') })
    );
    await got.next(3);
    assert.equal(got.messages[2]!.replayId, third);
    await subscriber.close();
    assert.deepEqual(handled, [first, second, third]);
    assert.equal(subscriber.lastHandledReplayId(), third);
    assert.deepEqual(errors, []);
    // The client decoded with the schema it asked the server for.
    assert.ok(
        server.requests.some((r) => r.method === 'GetSchema' && (r.body as { schemaId: string }).schemaId === SCHEMA_ID)
    );

    // While no one listens, two more; the restart from the persisted replay id gets exactly those.
    const fourth = server.publish(encodeOutboundEvent({ eventType: 'Interaction', event: agentText('Bye', 'm-4') }));
    const fifth = server.publish(
        encodeOutboundEvent({
            eventType: 'RoutingRequested',
            event: transfer('00G5g000004XyZbEAK', '0Mw5g000000AbCeCAK')
        })
    );
    const again = collector();
    const resumed = new ByocEventSubscriber({ connection: connection(server), onEvent: again.onEvent });
    await resumed.start({ afterReplayId: third });
    await again.next(2);
    await resumed.close();
    assert.deepEqual(
        again.messages.map((m) => m.replayId),
        [fourth, fifth]
    );
    const presets = server.requests
        .filter((r) => r.method === 'Subscribe')
        .map((r) => r.body as { replayPreset?: number; replayId?: Buffer });
    assert.deepEqual(
        presets
            .filter((r) => r.replayPreset !== undefined && r.replayPreset !== 0)
            .map((r) => presetName(r.replayPreset)),
        ['EARLIEST', 'CUSTOM']
    );
});

test('a handler failure stops delivery and keeps the replay id on the last event handled', async (t) => {
    const server = await startPubSubServer(AUTH);
    t.after(() => server.close());
    const ok = server.publish(encodeOutboundEvent({ eventType: 'Interaction', event: agentText('one', 'm-1') }));
    server.publish(encodeOutboundEvent({ eventType: 'Interaction', event: agentText('two', 'm-2') }));
    server.publish(encodeOutboundEvent({ eventType: 'Interaction', event: agentText('three', 'm-3') }));
    const seen: number[] = [];
    let failed: (value: ByocEventMessage | undefined) => void = () => {};
    const failure = new Promise<ByocEventMessage | undefined>((resolve) => (failed = resolve));
    const subscriber = new ByocEventSubscriber({
        connection: connection(server),
        onEvent: async (m) => {
            seen.push(m.replayId);
            if (seen.length === 2) throw new Error('Genesys is down');
        },
        onError: (_error, m) => failed(m)
    });
    await subscriber.start('earliest');
    const failedOn = await failure;
    await subscriber.close();
    assert.equal(seen.length, 2);
    assert.equal(failedOn?.replayId, seen[1]);
    assert.equal(subscriber.lastHandledReplayId(), ok);
});

test('a wrong token is refused by the server and reported as an error', async (t) => {
    const server = await startPubSubServer(AUTH);
    t.after(() => server.close());
    let reported: (error: unknown) => void = () => {};
    const error = new Promise<unknown>((resolve) => (reported = resolve));
    const subscriber = new ByocEventSubscriber({
        connection: connection(server, '00D5g000004ABCDEAZ!wrong'),
        onEvent: () => assert.fail('no event expected'),
        onError: (e) => reported(e)
    });
    await subscriber.start('earliest');
    const received = (await error) as { code?: number };
    await subscriber.close();
    assert.equal(received.code, 16); // UNAUTHENTICATED
});
