import { APPLICATION_SCOPE, publish, subscribe, unsubscribe } from 'lightning/messageService';
import type { MessageContextValue, MessageSubscription } from 'lightning/messageService';
import { createOmniClient, DEFAULT_TIMEOUT_MS, RelayOmniError } from 'c/relayOmniChannel';
import type { OmniClient, OmniEvent, OmniRequestMessage } from 'c/relayOmniChannel';

// Under sfdx-lwc-jest a label import resolves to its own name, and a message channel import to its name.
const CHANNEL = 'Relay_Omni__c';
const LABEL_RELAY_MISSING = 'c.Relay_Error_Omni_Relay_Missing';
const LABEL_TIMEOUT = 'c.Relay_Error_Omni_Timeout';
const LABEL_ACTION_FAILED = 'c.Relay_Error_Omni_Action_Failed';

/** The Lightning Message Service, reduced to one synchronous in-memory channel. */
type Listener = (message: unknown) => void;
let listeners: Set<Listener>;
let published: Array<{ channel: unknown; message: unknown }>;

function broadcast(message: unknown): void {
    for (const listener of [...listeners]) {
        listener(message);
    }
}

/** A stand-in for the Aura relay: answers each request with whatever `answer` returns (nothing = silence). */
function fakeRelay(answer: (request: OmniRequestMessage) => { ok: boolean; result?: unknown; error?: string } | void) {
    listeners.add((message) => {
        const request = message as OmniRequestMessage;
        if (request.kind !== 'request') {
            return;
        }
        const reply = answer(request);
        if (reply) {
            broadcast({ kind: 'response', requestId: request.requestId, ...reply });
        }
    });
}

const requests = (): OmniRequestMessage[] =>
    published.map((p) => p.message as OmniRequestMessage).filter((m) => m.kind === 'request');

async function failureOf(promise: Promise<unknown>): Promise<RelayOmniError> {
    try {
        await promise;
    } catch (error) {
        expect(error).toBeInstanceOf(RelayOmniError);
        return error as RelayOmniError;
    }
    throw new Error('expected the request to fail');
}

const context = {} as MessageContextValue;
let client: OmniClient;

beforeEach(() => {
    jest.useFakeTimers();
    listeners = new Set();
    published = [];
    jest.mocked(subscribe).mockImplementation((_ctx, _channel, listener) => {
        listeners.add(listener);
        return { listener } as unknown as MessageSubscription;
    });
    jest.mocked(unsubscribe).mockImplementation((subscription) => {
        listeners.delete((subscription as unknown as { listener: Listener }).listener);
    });
    jest.mocked(publish).mockImplementation((_ctx, channel, message) => {
        published.push({ channel, message });
        broadcast(message);
    });
});

afterEach(() => {
    client?.dispose();
    jest.useRealTimers();
    jest.clearAllMocks();
});

describe('c/relayOmniChannel requests', () => {
    it('asks the relay to accept the work item and resolves once Omni-Channel accepts it', async () => {
        fakeRelay(() => ({ ok: true, result: true }));
        client = createOmniClient(context);

        await expect(client.acceptWork('0Bz000000000001')).resolves.toBeUndefined();

        expect(published[0].channel).toBe(CHANNEL);
        expect(requests()).toEqual([
            {
                kind: 'request',
                requestId: expect.any(String),
                action: 'acceptWork',
                params: { workId: '0Bz000000000001' }
            }
        ]);
    });

    it('listens in application scope so a component on a background tab still gets its answers', () => {
        client = createOmniClient(context);

        expect(subscribe).toHaveBeenCalledWith(context, CHANNEL, expect.any(Function), { scope: APPLICATION_SCOPE });
    });

    it('shows the action-failed label when Omni-Channel refuses to close the work, keeping the reason for logs', async () => {
        fakeRelay(() => ({ ok: false, error: 'Work item not found' }));
        client = createOmniClient(context);

        const error = await failureOf(client.closeWork('0Bz000000000001'));

        expect(error.code).toBe('OMNI_REJECTED');
        expect(error.message).toBe(LABEL_ACTION_FAILED);
        expect(error.detail).toBe('Work item not found');
    });

    it('treats a toolkit answer of false as a failure, never as a silent success', async () => {
        fakeRelay(() => ({ ok: true, result: false }));
        client = createOmniClient(context);

        expect((await failureOf(client.acceptWork('0Bz000000000001'))).code).toBe('OMNI_REJECTED');
    });

    it('says the relay is missing from the utility bar when nothing ever answers', async () => {
        client = createOmniClient(context);
        const accepting = failureOf(client.acceptWork('0Bz000000000001'));

        jest.advanceTimersByTime(DEFAULT_TIMEOUT_MS);
        const error = await accepting;

        expect(error.code).toBe('RELAY_MISSING');
        expect(error.message).toBe(LABEL_RELAY_MISSING);
    });

    it('says Omni-Channel did not answer in time when the relay is there but silent, and not a moment earlier', async () => {
        client = createOmniClient(context, { timeoutMs: 5000 });
        broadcast({ kind: 'event', name: 'relayReady', detail: {} });
        let settled = false;
        const closing = failureOf(client.closeWork('0Bz000000000001')).finally(() => {
            settled = true;
        });

        jest.advanceTimersByTime(4999);
        await Promise.resolve();
        expect(settled).toBe(false);
        jest.advanceTimersByTime(1);
        const error = await closing;

        expect(error.code).toBe('TIMEOUT');
        expect(error.message).toBe(LABEL_TIMEOUT);
    });

    it('matches each answer to its own request when several components share the channel', async () => {
        const waiting: OmniRequestMessage[] = [];
        fakeRelay((request) => {
            waiting.push(request);
        });
        client = createOmniClient(context);
        const other = createOmniClient(context);
        const mine = client.getStatus();
        const theirs = other.getStatus();

        // The relay answers in the opposite order.
        broadcast({ kind: 'response', requestId: waiting[1].requestId, ok: true, result: { statusId: '0N5B' } });
        broadcast({ kind: 'response', requestId: waiting[0].requestId, ok: true, result: { statusId: '0N5A' } });

        await expect(mine).resolves.toMatchObject({ statusId: '0N5A' });
        await expect(theirs).resolves.toMatchObject({ statusId: '0N5B' });
        other.dispose();
    });

    it('refuses to send a request without a work id', async () => {
        client = createOmniClient(context);

        const error = await failureOf(client.acceptWork('  '));

        expect(error.code).toBe('INVALID_REQUEST');
        expect(requests()).toEqual([]);
    });

    it.each([
        ['a JSON string in works', { works: '[{"workId":"0Bz1","workItemId":"a01","isEngaged":true}]' }],
        ['a list in works', { works: [{ workId: '0Bz1', workItemId: 'a01', isEngaged: true }] }],
        ['a bare list', [{ workId: '0Bz1', workItemId: 'a01', isEngaged: true }]]
    ])('reads the agent works when the toolkit returns %s', async (_form, result) => {
        fakeRelay(() => ({ ok: true, result }));
        client = createOmniClient(context);

        await expect(client.getAgentWorks()).resolves.toEqual([{ workId: '0Bz1', workItemId: 'a01', isEngaged: true }]);
    });

    it.each([
        ['works that are not JSON', { works: '{oops' }],
        ['a work without its record id', { works: [{ workId: '0Bz1' }] }],
        ['no works at all', { status: 'ok' }]
    ])('rejects %s instead of inventing work items', async (_case, result) => {
        fakeRelay(() => ({ ok: true, result }));
        client = createOmniClient(context);

        const error = await failureOf(client.getAgentWorks());

        expect(error.code).toBe('MALFORMED_RESPONSE');
        expect(error.message).toBe(LABEL_ACTION_FAILED);
    });

    it('sets the presence status by id and returns the channels the status opens', async () => {
        fakeRelay(() => ({
            ok: true,
            result: {
                statusId: '0N5000000000001',
                statusName: 'Online',
                statusApiName: 'Relay_Online',
                channels: '[{"channelId":"0N9000000000001","developerName":"Relay_Interaction"}]'
            }
        }));
        client = createOmniClient(context);

        await expect(client.setStatus('0N5000000000001')).resolves.toEqual({
            statusId: '0N5000000000001',
            statusName: 'Online',
            statusApiName: 'Relay_Online',
            channels: [{ channelId: '0N9000000000001', developerName: 'Relay_Interaction' }]
        });
        expect(requests()[0]).toMatchObject({ action: 'setStatus', params: { statusId: '0N5000000000001' } });
    });

    it('fails the requests still waiting and stops listening when disposed', async () => {
        client = createOmniClient(context);
        const closing = failureOf(client.closeWork('0Bz000000000001'));

        client.dispose();

        expect((await closing).code).toBe('DISPOSED');
        expect(unsubscribe).toHaveBeenCalledTimes(1);
        expect((await failureOf(client.logout())).code).toBe('DISPOSED');
    });
});

describe('c/relayOmniChannel events', () => {
    it('hands every Omni-Channel event to each handler until that handler unsubscribes', () => {
        client = createOmniClient(context);
        const first: OmniEvent[] = [];
        const second: OmniEvent[] = [];
        const stopFirst = client.onEvent((e) => first.push(e));
        client.onEvent((e) => second.push(e));

        broadcast({ kind: 'event', name: 'workAccepted', detail: { workId: '0Bz1', workItemId: 'a01' } });
        stopFirst();
        broadcast({ kind: 'event', name: 'workClosed', detail: { workId: '0Bz1', workItemId: 'a01' } });

        expect(first).toEqual([{ name: 'workAccepted', workId: '0Bz1', workItemId: 'a01' }]);
        expect(second.map((e) => e.name)).toEqual(['workAccepted', 'workClosed']);
    });

    it('still delivers an event to later handlers when an earlier handler throws', () => {
        client = createOmniClient(context);
        const seen: string[] = [];
        client.onEvent(() => {
            throw new Error('broken handler');
        });
        client.onEvent((e) => seen.push(e.name));

        expect(() => broadcast({ kind: 'event', name: 'logout', detail: { reason: 'DuplicateLogin' } })).toThrow(
            'broken handler'
        );
        expect(seen).toEqual(['logout']);
    });

    it('reads a status change with the channels the new status opens', () => {
        client = createOmniClient(context);
        const seen: OmniEvent[] = [];
        client.onEvent((e) => seen.push(e));

        broadcast({
            kind: 'event',
            name: 'statusChanged',
            detail: {
                statusId: '0N5000000000002',
                statusName: 'Busy',
                statusApiName: 'Relay_Busy',
                channels: '[]',
                reason: 'OmniManualStatusChange'
            }
        });

        expect(seen).toEqual([
            {
                name: 'statusChanged',
                statusId: '0N5000000000002',
                statusName: 'Busy',
                statusApiName: 'Relay_Busy',
                channels: [],
                reason: 'OmniManualStatusChange'
            }
        ]);
    });

    it('reads workload numbers even when Omni-Channel sends them as text', () => {
        client = createOmniClient(context);
        const seen: OmniEvent[] = [];
        client.onEvent((e) => seen.push(e));

        broadcast({
            kind: 'event',
            name: 'workloadChanged',
            detail: { configuredCapacity: '5', previousWorkload: 1, newWorkload: '2' }
        });

        expect(seen).toEqual([{ name: 'workloadChanged', configuredCapacity: 5, previousWorkload: 1, newWorkload: 2 }]);
    });

    it('ignores events it does not know and work events that lack a work id', () => {
        client = createOmniClient(context);
        const seen: OmniEvent[] = [];
        client.onEvent((e) => seen.push(e));

        broadcast({ kind: 'event', name: 'workFlagRaised', detail: { workId: '0Bz1' } });
        broadcast({ kind: 'event', name: 'workAssigned', detail: { workItemId: 'a01' } });
        broadcast('not a message');

        expect(seen).toEqual([]);
    });
});
