// The webhook signature Relay's Apex endpoint verifies; the vector below is also in simulator/README.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sign, signedHeaders, verify } from '../src/signing';

const SECRET = 'relay-local-webhook-secret';
const BODY = '{"eventId":"e-1","type":"conversation.connected"}';
const TIMESTAMP = 1736154000;
const SIGNATURE = 'sha256=090ab0f71634d6d7c4d4b83f440ae1ff0f2824944a8e363171563f3afe448739';

test('the signature is sha256= plus the hex HMAC-SHA256 of timestamp.body (published test vector)', () => {
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
    assert.equal(verify(SECRET, BODY.replace('connected', 'disconnected'), headers, { nowMs }), false);
    assert.equal(verify('another-secret', BODY, headers, { nowMs }), false);
    assert.equal(verify(SECRET, BODY, { ...headers, timestamp: String(TIMESTAMP + 1) }, { nowMs }), false);
    assert.equal(verify(SECRET, BODY, headers, { nowMs: (TIMESTAMP + 301) * 1000 }), false, 'older than 5 minutes');
    assert.equal(verify(SECRET, BODY, { timestamp: undefined, signature: SIGNATURE }, { nowMs }), false);
});
