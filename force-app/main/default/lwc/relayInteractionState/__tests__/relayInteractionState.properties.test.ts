/*
 * Properties of the interaction state machine under any order, duplication and lateness of events from
 * the agent, Apex, Omni-Channel and the contact centre.
 */
import fc from 'fast-check';
import { hasEnded, isActive, isTerminal, newInteraction, remainingMs, transition } from 'c/relayInteractionState';
import type {
    ApexCall,
    ContactCentreEvent,
    ContactCentreEventBase,
    Effect,
    Interaction,
    InteractionEvent,
    ParticipantSnapshot
} from 'c/relayInteractionState';

const T0 = Date.parse('2026-11-21T12:00:00.000Z');
const CONVERSATION = 'conv-1';
const AGENT = 'part-agent-1';
const CODES = [{ id: 'code-resolved', name: 'Resolved' }];

/** A scripted step: an event, or an Apex answer to a call made earlier (the latest or a late one). */
type Step =
    | { kind: 'event'; event: InteractionEvent }
    | { kind: 'answer'; which: number; outcome: 'succeeded' | 'failed' | 'stored' };

const base: fc.Arbitrary<ContactCentreEventBase> = fc
    .record({
        seconds: fc.integer({ min: 0, max: 30 }),
        eventId: fc.option(fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'), { nil: undefined })
    })
    .map(({ seconds, eventId }) => ({
        conversationId: CONVERSATION,
        participantId: AGENT,
        occurredAt: T0 + seconds * 1000,
        eventId
    }));

const snapshotParticipant: fc.Arbitrary<ParticipantSnapshot> = fc
    .record({
        state: fc.constantFrom('alerting' as const, 'connected' as const, 'disconnected' as const),
        wrapUpRequired: fc.boolean(),
        wrapUpDone: fc.boolean(),
        stored: fc.constantFrom(undefined, 'pending' as const, 'failed' as const),
        transferred: fc.boolean()
    })
    .map(({ state, wrapUpRequired, wrapUpDone, stored, transferred }) => ({
        conversationId: CONVERSATION,
        participantId: AGENT,
        channel: 'webchat' as const,
        wrapUpRequired,
        state,
        wrapUpDone,
        transferred,
        storedWrapUp: stored ? { status: stored } : undefined
    }));

const contactCentreEvent: fc.Arbitrary<ContactCentreEvent> = fc.oneof(
    base.map((b): ContactCentreEvent => ({ ...b, type: 'alerting', channel: 'webchat', wrapUpRequired: true })),
    base.map((b): ContactCentreEvent => ({ ...b, type: 'connected' })),
    fc
        .tuple(base, fc.constantFrom('customer' as const, 'agent' as const, 'system' as const), fc.boolean())
        .map(([b, disconnectedBy, wrapUpRequired]): ContactCentreEvent => ({
            ...b,
            type: 'disconnected',
            disconnectedBy,
            wrapUpRequired
        })),
    base.map((b): ContactCentreEvent => ({ ...b, type: 'transferred' })),
    base.map((b): ContactCentreEvent => ({ ...b, type: 'transferNotAccepted' })),
    base.map((b): ContactCentreEvent => ({ ...b, type: 'wrapUpRequired', codes: CODES, timeoutMs: 60_000 })),
    base.map((b): ContactCentreEvent => ({ ...b, type: 'wrapUpSubmitted' })),
    base.map((b): ContactCentreEvent => ({ ...b, type: 'wrapUpFailedForGood' })),
    base.map((b): ContactCentreEvent => ({ ...b, type: 'alertingTimedOut' })),
    fc
        .tuple(base, fc.option(snapshotParticipant, { nil: undefined }))
        .map(([b, participant]): ContactCentreEvent => ({ ...b, type: 'snapshot', participant }))
);

const agentIntent: fc.Arbitrary<InteractionEvent> = fc.oneof(
    fc.boolean().map((viaWorkItem): InteractionEvent => ({ type: 'pickUp', viaWorkItem })),
    fc.constant<InteractionEvent>({ type: 'disconnect' }),
    fc
        .constantFrom('workItem' as const, 'tab' as const)
        .map((closed): InteractionEvent => ({ type: 'closeWorkItem', closed })),
    fc.constantFrom('code-resolved', '', 'code-unknown').map((codeId): InteractionEvent => ({ type: 'submitWrapUp', codeId })),
    fc
        .constantFrom('queue-billing', '')
        .map((id): InteractionEvent => ({ type: 'transfer', target: { kind: 'queue', id } })),
    fc.constant<InteractionEvent>({ type: 'dismiss' })
);

const consoleEvent: fc.Arbitrary<InteractionEvent> = fc.oneof(
    fc
        .tuple(fc.constantFrom('0BzA', '0BzB'), fc.boolean())
        .map(([agentWorkId, accepted]): InteractionEvent => ({
            type: 'workItemRouted',
            agentWorkId,
            recordId: 'a01REC',
            accepted
        })),
    fc.constantFrom('ctab1', 'ctab2').map((tabId): InteractionEvent => ({ type: 'tabOpened', tabId }))
);

const answer: fc.Arbitrary<Step> = fc.record({
    kind: fc.constant('answer' as const),
    which: fc.nat({ max: 5 }),
    outcome: fc.constantFrom('succeeded' as const, 'failed' as const, 'stored' as const)
});

const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 3, arbitrary: contactCentreEvent.map((event): Step => ({ kind: 'event', event })) },
    { weight: 3, arbitrary: agentIntent.map((event): Step => ({ kind: 'event', event })) },
    { weight: 1, arbitrary: consoleEvent.map((event): Step => ({ kind: 'event', event })) },
    { weight: 3, arbitrary: answer }
);

/** A script, with some of its events delivered twice, the way a retried Platform Event would be. */
const script: fc.Arbitrary<Step[]> = fc
    .array(fc.tuple(step, fc.boolean()), { maxLength: 40 })
    .map((pairs) => pairs.flatMap(([s, twice]) => (twice ? [s, s] : [s])));

interface Call {
    call: ApexCall;
    requestId: string;
}

interface Moment {
    /** Which step of the script this is. */
    index: number;
    before: Interaction;
    event: InteractionEvent;
    after: Interaction;
    effects: Effect[];
}

function start(): Interaction {
    const alerting = newInteraction(
        { conversationId: CONVERSATION, participantId: AGENT, channel: 'webchat', wrapUpRequired: true, alertingTimeoutMs: 30_000 },
        T0
    );
    return transition(alerting, { type: 'workItemRouted', agentWorkId: '0BzA', recordId: 'a01REC' }, T0).next;
}

function callOf(effect: Effect): Call | undefined {
    switch (effect.type) {
        case 'callPickUp':
            return { call: 'pickUp', requestId: effect.requestId };
        case 'callDisconnect':
            return { call: 'disconnect', requestId: effect.requestId };
        case 'callTransfer':
            return { call: 'transfer', requestId: effect.requestId };
        case 'callSubmitWrapUp':
            return { call: 'submitWrapUp', requestId: effect.requestId };
        default:
            return undefined;
    }
}

function answerTo(made: Call[], s: Extract<Step, { kind: 'answer' }>): InteractionEvent | undefined {
    if (made.length === 0) {
        return undefined;
    }
    // which = 0 answers the latest call; higher numbers answer older calls, arriving late.
    const { call, requestId } = made[Math.max(0, made.length - 1 - s.which)];
    if (s.outcome === 'stored') {
        return { type: 'wrapUpStoredForRetry', requestId };
    }
    return s.outcome === 'succeeded'
        ? { type: 'callSucceeded', call, requestId }
        : { type: 'callFailed', call, requestId, message: 'The contact centre did not answer.' };
}

function run(steps: Step[]): Moment[] {
    let state = start();
    const made: Call[] = [];
    const moments: Moment[] = [];
    steps.forEach((s, index) => {
        const event = s.kind === 'event' ? s.event : answerTo(made, s);
        if (!event) {
            return;
        }
        const { next, effects } = transition(state, event, T0 + index * 1000);
        effects.forEach((effect) => {
            const call = callOf(effect);
            if (call) {
                made.push(call);
            }
        });
        moments.push({ index, before: state, event, after: next, effects });
        state = next;
    });
    return moments;
}

function emitted(moments: Moment[], type: Effect['type']): number {
    return moments.reduce((sum, m) => sum + m.effects.filter((e) => e.type === type).length, 0);
}

/** The agent's own disconnect failed and the conversation came back to them: a retry is legitimate. */
function disconnectFailed(m: Moment): boolean {
    return m.event.type === 'callFailed' && m.event.call === 'disconnect' && m.before.pending?.requestId === m.event.requestId;
}

const RUNS = { numRuns: 300 };

describe('whatever the order, duplication and lateness of events', () => {
    it('never asks the contact centre to disconnect twice, unless the first disconnect failed', () => {
        fc.assert(
            fc.property(script, (steps) => {
                let outstanding = false;
                for (const m of run(steps)) {
                    if (disconnectFailed(m)) {
                        outstanding = false;
                    }
                    const asks = m.effects.filter((e) => e.type === 'callDisconnect').length;
                    expect(asks).toBeLessThanOrEqual(1);
                    if (asks === 1) {
                        expect(outstanding).toBe(false);
                        outstanding = true;
                    }
                }
            }),
            RUNS
        );
    });

    it('never asks to disconnect once the contact centre reported the conversation ended', () => {
        fc.assert(
            fc.property(script, (steps) => {
                const moments = run(steps);
                const endedAt = moments.findIndex((m) => hasEnded(m.after.state));
                const later = endedAt < 0 ? [] : moments.slice(endedAt);
                expect(emitted(later, 'callDisconnect')).toBe(0);
            }),
            RUNS
        );
    });

    it('accepts, closes or declines the work item at most once and closes the tab at most once', () => {
        fc.assert(
            fc.property(script, (steps) => {
                const moments = run(steps);
                expect(emitted(moments, 'acceptWorkItem')).toBeLessThanOrEqual(1);
                expect(emitted(moments, 'closeWorkItem') + emitted(moments, 'declineWorkItem')).toBeLessThanOrEqual(1);
                expect(emitted(moments, 'closeTab')).toBeLessThanOrEqual(1);
                expect(emitted(moments, 'openTab')).toBeLessThanOrEqual(1);
            }),
            RUNS
        );
    });

    it('never leaves a work item or tab open once the conversation has ended', () => {
        fc.assert(
            fc.property(script, (steps) => {
                for (const m of run(steps)) {
                    if (hasEnded(m.after.state)) {
                        expect(['none', 'closed']).toContain(m.after.workItem.status);
                        expect(['none', 'closing', 'closed']).toContain(m.after.tab.status);
                    }
                }
            }),
            RUNS
        );
    });

    it('never brings a terminal conversation back, and never makes an ended one active again', () => {
        fc.assert(
            fc.property(script, (steps) => {
                for (const m of run(steps)) {
                    if (isTerminal(m.before.state)) {
                        expect(isTerminal(m.after.state)).toBe(true);
                    }
                    if (hasEnded(m.before.state)) {
                        expect(isActive(m.after)).toBe(false);
                    }
                }
            }),
            RUNS
        );
    });

    it('has at most one Apex call on its way, and none once the conversation is terminal', () => {
        fc.assert(
            fc.property(script, (steps) => {
                for (const m of run(steps)) {
                    const calls = m.effects.filter((e) => callOf(e) !== undefined);
                    expect(calls.length).toBeLessThanOrEqual(1);
                    if (calls.length === 1) {
                        expect(m.before.pending).toBeUndefined();
                        expect(m.after.pending?.requestId).toBe(callOf(calls[0])?.requestId);
                    }
                    if (isTerminal(m.after.state)) {
                        expect(m.after.pending).toBeUndefined();
                    }
                }
            }),
            RUNS
        );
    });

    it('opens the wrap-up picker only on entering wrap-up and closes it only on leaving it', () => {
        fc.assert(
            fc.property(script, (steps) => {
                for (const m of run(steps)) {
                    const opened = m.effects.some((e) => e.type === 'openWrapUpPicker');
                    const closed = m.effects.some((e) => e.type === 'closeWrapUpPicker');
                    expect(opened).toBe(m.before.state !== 'wrapUp' && m.after.state === 'wrapUp');
                    expect(closed).toBe(m.before.state === 'wrapUp' && m.after.state !== 'wrapUp');
                }
            }),
            RUNS
        );
    });

    it('treats a redelivered contact-centre event, Apex answer or Omni-Channel event as a no-op', () => {
        const repeatable = fc.oneof(
            contactCentreEvent.map((event): Step => ({ kind: 'event', event })),
            consoleEvent.map((event): Step => ({ kind: 'event', event })),
            answer
        );
        fc.assert(
            fc.property(script, repeatable, (steps, last) => {
                const moments = run([...steps, last]);
                const final = moments[moments.length - 1];
                if (final?.index !== steps.length) {
                    return; // an Apex answer before any call was made: nothing was delivered
                }
                const again = transition(final.after, final.event, T0 + 999_000);
                expect(again.next).toEqual(final.after);
                expect(again.effects).toEqual([]);
            }),
            RUNS
        );
    });

    it('counts down without ever going below zero or back up', () => {
        fc.assert(
            fc.property(script, fc.nat({ max: 200_000 }), fc.nat({ max: 200_000 }), (steps, a, b) => {
                const moments = run(steps);
                const state = moments.length > 0 ? moments[moments.length - 1].after : start();
                const [earlier, later] = a <= b ? [a, b] : [b, a];
                const first = remainingMs(state, T0 + earlier);
                const second = remainingMs(state, T0 + later);
                if (first === undefined || second === undefined) {
                    expect(first).toBe(second);
                    return;
                }
                expect(second).toBeGreaterThanOrEqual(0);
                expect(second).toBeLessThanOrEqual(first);
            }),
            RUNS
        );
    });
});
