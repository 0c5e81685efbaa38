// The webhook signature Relay's Apex endpoint verifies. The vector is the worked example of
// docs/events.md §3, which RelayEventSignature_Test checks on the Apex side.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sign, signedHeaders, verify } from '../src/signing';

const SECRET = 'relay-docs-example-secret';
const BODY = JSON.stringify({
    eventId: '5f0c1f9e-8d7b-4a51-9a43-1c2f0e6b7d21',
    type: 'conversation.disconnected',
    occurredAt: '2026-11-21T12:00:00.000Z',
    conversationId: 'c5b1d0a4-2f6e-4c8b-9e3a-7d1f2b4c6e80',
    participantId: 'p-agent-1',
    userId: 'u-agent-1',
    queueId: 'q-support',
    channel: 'whatsapp',
    data: { disconnectedBy: 'customer' }
});
const TIMESTAMP = 1795262401;
const SIGNATURE = 'sha256=7e1f43b727d6c90620260c47ca76389d889899ef01340b887c7418b0aa09ae12';

test('the signature is sha256= plus the hex HMAC-SHA256 of timestamp.body (the docs/events.md example)', () => {
    assert.equal(sign(SECRET, TIMESTAMP, BODY), SIGNATURE);
    assert.deepEqual(signedHeaders(SECRET, BODY, TIMESTAMP * 1000 + 999), {
        'X-Relay-Timestamp': String(TIMESTAMP),
        'X-Relay-Signature': SIGNATURE
    });
});

test('verification accepts the genuine request and rejects a changed body, secret, timestamp or stale request', () => {
    const nowMs = (TIMESTAMP + 10) * 1000;
    const headers = { timestamp: String(TIMESTAMP), signature: SIGNATURE };
    assert.equal(verify(SECRET, BODY, headers, { nowMs }), true);
    assert.equal(verify(SECRET, BODY.replace('customer', 'agent'), headers, { nowMs }), false);
    assert.equal(verify('another-secret', BODY, headers, { nowMs }), false);
    assert.equal(verify(SECRET, BODY, { ...headers, timestamp: String(TIMESTAMP + 1) }, { nowMs }), false);
    assert.equal(verify(SECRET, BODY, headers, { nowMs: (TIMESTAMP + 301) * 1000 }), false, 'older than 5 minutes');
    assert.equal(verify(SECRET, BODY, { timestamp: undefined, signature: SIGNATURE }, { nowMs }), false);
});
