// POST /api/v2/analytics/conversations/details/query: the simulator's conversations as the details query shows them,
// filtered by segment (queue, user, media type) and conversation dimensions, paged, and a bad interval refused with
// Genesys's error body.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Simulator } from '../src/server';
import { ALEX, SEED_IDS, startSimulator } from './helpers';

const PATH = '/api/v2/analytics/conversations/details/query';

async function query(sim: Simulator, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const token = sim.control.issueToken(ALEX).access_token;
    const response = await fetch(`${sim.url}${PATH}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body)
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

interface Found {
    conversationId: string;
    conversationStart: string;
    conversationEnd?: string;
    participants: {
        purpose: string;
        userId?: string;
        sessions: { mediaType: string; segments: { segmentType: string; queueId?: string; wrapUpCode?: string }[] }[];
    }[];
}

const ids = (json: Record<string, unknown>): string[] =>
    ((json.conversations ?? []) as Found[]).map((c) => c.conversationId);

test('the details query: conversations of a day the interval touches, by queue and user, paged, ordered', async (t) => {
    const { sim, clock } = await startSimulator(t);
    const interval = (from: number, to: number): string =>
        `${new Date(from).toISOString()}/${new Date(to).toISOString()}`;
    const begin = clock.now();
    sim.control.setPresence(ALEX, 'OnQueue');
    const support = sim.control.startConversation({
        channel: 'sms',
        customerName: 'Jane Doe',
        customerAddress: '+13175550100',
        queue: 'Support',
        text: 'Hi'
    });
    clock.advance(1000);
    const billing = [1, 2, 3].map((n) => {
        clock.advance(1000);
        return sim.control.startConversation({
            channel: 'webchat',
            customerName: `Customer ${n}`,
            customerAddress: `c${n}@example.com`,
            queue: 'Billing',
            text: 'Hello'
        });
    });
    sim.control.customerDisconnect(billing[0]!.id);
    const now = clock.now();

    // Every conversation: ascending by start.
    const all = await query(sim, { interval: interval(begin, now + 1) });
    assert.equal(all.status, 200);
    assert.equal(all.json.totalHits, 4);
    assert.deepEqual(ids(all.json), [support.id, ...billing.map((c) => c.id)]);
    const ended = (all.json.conversations as Found[])[1]!;
    assert.ok(ended.conversationEnd !== undefined, 'the ended conversation has its conversationEnd');
    assert.equal((all.json.conversations as Found[])[2]?.conversationEnd, undefined);
    const acd = ended.participants.find((p) => p.purpose === 'acd');
    assert.equal(acd?.sessions[0]?.mediaType, 'message');
    assert.equal(acd?.sessions[0]?.segments[0]?.queueId, SEED_IDS.queues.billing);

    // Segment filters: the queue, or the user (Alex was offered the Support conversation), and the media type.
    const byQueue = await query(sim, {
        interval: interval(begin, now + 1),
        segmentFilters: [
            {
                type: 'and',
                predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'message' }],
                clauses: [{ type: 'or', predicates: [{ dimension: 'queueId', value: SEED_IDS.queues.billing }] }]
            }
        ]
    });
    assert.deepEqual(
        ids(byQueue.json),
        billing.map((c) => c.id)
    );
    const byUser = await query(sim, {
        interval: interval(begin, now + 1),
        segmentFilters: [{ type: 'or', predicates: [{ dimension: 'userId', value: ALEX }] }]
    });
    assert.deepEqual(ids(byUser.json), [support.id]);
    const voice = await query(sim, {
        interval: interval(begin, now + 1),
        segmentFilters: [{ type: 'and', predicates: [{ dimension: 'mediaType', value: 'voice' }] }]
    });
    assert.deepEqual(voice.json, { totalHits: 0 });
    // Conversation filters: the ones still going on.
    const open = await query(sim, {
        interval: interval(begin, now + 1),
        conversationFilters: [{ type: 'and', predicates: [{ dimension: 'conversationEnd', operator: 'notExists' }] }]
    });
    assert.deepEqual(ids(open.json), [support.id, billing[1]!.id, billing[2]!.id]);

    // Paging, newest first.
    const pages = [];
    for (let pageNumber = 1; pageNumber <= 3; pageNumber++) {
        const page = await query(sim, {
            interval: interval(begin, now + 1),
            order: 'desc',
            paging: { pageSize: 3, pageNumber }
        });
        assert.equal(page.json.totalHits, 4);
        pages.push(ids(page.json));
    }
    assert.deepEqual(pages, [[billing[2]!.id, billing[1]!.id, billing[0]!.id], [support.id], []]);

    // "Started on a day touched by the interval": a later interval on the same day still finds them; the next day not.
    assert.equal((await query(sim, { interval: interval(now + 1, now + 2) })).json.totalHits, 4);
    const nextDay = Math.floor(now / 86_400_000) * 86_400_000 + 86_400_000;
    assert.equal((await query(sim, { interval: interval(nextDay, nextDay + 1000) })).json.totalHits, 0);
});

test('the details query refuses a bad interval or page size with 400 and the error body', async (t) => {
    const { sim } = await startSimulator(t);
    for (const interval of [
        'yesterday',
        '2026-11-21T12:00:00.000Z',
        '2026-11-21T12:00:00.000Z/2026-11-21T11:00:00.000Z'
    ]) {
        const { status, json } = await query(sim, { interval });
        assert.equal(status, 400, interval);
        assert.equal(json.status, 400);
        assert.equal(json.code, 'bad.request');
        assert.match(String(json.message), /interval/);
        assert.deepEqual(json.details, [{ errorCode: 'bad.request', fieldName: 'interval' }]);
        assert.equal(typeof json.contextId, 'string');
    }
    const missing = await query(sim, {});
    assert.equal(missing.status, 400, 'interval is required');
    const page = await query(sim, {
        interval: '2026-11-21T00:00:00.000Z/2026-11-22T00:00:00.000Z',
        paging: { pageSize: 101, pageNumber: 1 }
    });
    assert.equal(page.status, 400);
    assert.equal(page.json.code, 'bad.request');
});
