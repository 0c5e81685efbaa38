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

function weighted<T>(weight: number, arbitrary: fc.Arbitrary<T>): fc.WeightedArbitrary<T> {
    return { weight, arbitrary };
}

// Events that end a conversation are rarer than in life's worst day, so scripts reach wrap-up and transfers.
const contactCentreEvent: fc.Arbitrary<ContactCentreEvent> = fc.oneof(
    weighted(
        1,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'alerting', channel: 'webchat', wrapUpRequired: true }))
    ),
    weighted(
        2,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'connected' }))
    ),
    weighted(
        2,
        fc
            .tuple(
                base,
                fc.constantFrom('customer' as const, 'agent' as const, 'system' as const),
                fc.option(fc.boolean(), { nil: undefined })
            )
            .map(([b, disconnectedBy, wrapUpRequired]): ContactCentreEvent => ({
                ...b,
                type: 'disconnected',
                disconnectedBy,
                wrapUpRequired,
                wrapUpTimeoutMs: 60_000
            }))
    ),
    weighted(
        1,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'transferred' }))
    ),
    weighted(
        2,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'transferNotAccepted' }))
    ),
    weighted(
        2,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'wrapUpRequired', codes: CODES, timeoutMs: 60_000 }))
    ),
    weighted(
        1,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'wrapUpSubmitted' }))
    ),
    weighted(
        2,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'wrapUpFailedForGood' }))
    ),
    weighted(
        1,
        base.map((b): ContactCentreEvent => ({ ...b, type: 'alertingTimedOut' }))
    ),
    weighted(
        1,
        fc
            .tuple(base, fc.option(snapshotParticipant, { nil: undefined }))
            .map(([b, participant]): ContactCentreEvent => ({ ...b, type: 'snapshot', participant }))
    )
);

const agentIntent: fc.Arbitrary<InteractionEvent> = fc.oneof(
    fc.boolean().map((viaWorkItem): InteractionEvent => ({ type: 'pickUp', viaWorkItem })),
    fc.constant<InteractionEvent>({ type: 'disconnect' }),
    fc
        .constantFrom('workItem' as const, 'tab' as const)
        .map((closed): InteractionEvent => ({ type: 'closeWorkItem', closed })),
    fc
        .constantFrom('code-resolved', '', 'code-unknown')
        .map((codeId): InteractionEvent => ({ type: 'submitWrapUp', codeId })),
    fc
        .constantFrom('queue-billing', '')
        .map((id): InteractionEvent => ({ type: 'transfer', target: { kind: 'queue', id } })),
    fc.constant<InteractionEvent>({ type: 'dismiss' })
);

const consoleEvent: fc.Arbitrary<InteractionEvent> = fc.oneof(
    fc.tuple(fc.constantFrom('0BzA', '0BzB'), fc.boolean()).map(([agentWorkId, accepted]): InteractionEvent => ({
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
    weighted(
        3,
        contactCentreEvent.map((event): Step => ({ kind: 'event', event }))
    ),
    weighted(
        3,
        agentIntent.map((event): Step => ({ kind: 'event', event }))
    ),
    weighted(
        1,
        consoleEvent.map((event): Step => ({ kind: 'event', event }))
    ),
    weighted(3, answer)
);

/** Where the script starts: the happy path up to that point. */
type Start = 'alerting' | 'connected' | 'transferring' | 'wrapUp' | 'wrapUpSubmitted';

/** A script from some point of the journey, some events delivered twice as a retried Platform Event would be. */
const script: fc.Arbitrary<Script> = fc.record({
    from: fc.constantFrom<Start>('alerting', 'connected', 'transferring', 'wrapUp', 'wrapUpSubmitted'),
    // Whether the alert said the queue wants a wrap-up (the Platform Event does not, so often it is not known).
    queueWantsWrapUp: fc.boolean(),
    steps: fc
        .array(fc.tuple(step, fc.boolean()), { maxLength: 30 })
        .map((pairs) => pairs.flatMap(([s, twice]) => (twice ? [s, s] : [s])))
});

interface Script {
    from: Start;
    queueWantsWrapUp: boolean;
    steps: Step[];
}

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

const HAPPY_PATH: Record<Start, InteractionEvent[]> = {
    alerting: [],
    connected: [{ type: 'pickUp' }, { type: 'tabOpened', tabId: 'ctab1' }],
    transferring: [{ type: 'pickUp' }, { type: 'transfer', target: { kind: 'queue', id: 'queue-billing' } }],
    wrapUp: [{ type: 'pickUp' }, { type: 'disconnect' }],
    wrapUpSubmitted: [{ type: 'pickUp' }, { type: 'disconnect' }, { type: 'submitWrapUp', codeId: 'code-resolved' }]
};

/** The conversation alerting with its work item, then taken along the happy path, each call succeeding. */
function start(from: Start, queueWantsWrapUp = true): { state: Interaction; made: Call[] } {
    let state = newInteraction(
        {
            conversationId: CONVERSATION,
            participantId: AGENT,
            channel: 'webchat',
            wrapUpRequired: queueWantsWrapUp,
            alertingTimeoutMs: 30_000
        },
        T0
    );
    state = transition(state, { type: 'workItemRouted', agentWorkId: '0BzA', recordId: 'a01REC' }, T0).next;
    const made: Call[] = [];
    const steps = HAPPY_PATH[from];
    steps.forEach((event, index) => {
        state = transition(state, event, T0).next;
        const pending = state.pending;
        if (pending) {
            made.push({ call: pending.call, requestId: pending.requestId });
            // The last call of the path stays on its way; earlier ones succeed.
            if (index < steps.length - 1 || from === 'wrapUp') {
                const { call, requestId } = pending;
                state = transition(state, { type: 'callSucceeded', call, requestId }, T0).next;
            }
        }
    });
    return { state, made };
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

function run({ from, queueWantsWrapUp, steps }: Script): Moment[] {
    const initial = start(from, queueWantsWrapUp);
    const made = initial.made;
    let state = initial.state;
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
    return (
        m.event.type === 'callFailed' &&
        m.event.call === 'disconnect' &&
        m.before.pending?.requestId === m.event.requestId
    );
}

const RUNS = { numRuns: 500 };

/** The moments of a run that break `rule`, for a readable failure. */
function breaking(moments: Moment[], rule: (m: Moment) => boolean): Array<{ index: number; event: InteractionEvent }> {
    return moments.filter((m) => !rule(m)).map(({ index, event }) => ({ index, event }));
}

/** Asks to disconnect while an earlier disconnect is still outstanding (it neither failed nor came back). */
function repeatedDisconnects(moments: Moment[]): number[] {
    let outstanding = false;
    const repeats: number[] = [];
    for (const m of moments) {
        if (disconnectFailed(m)) {
            outstanding = false;
        }
        const asks = m.effects.filter((e) => e.type === 'callDisconnect').length;
        if (asks > 1 || (asks === 1 && outstanding)) {
            repeats.push(m.index);
        }
        outstanding = outstanding || asks > 0;
    }
    return repeats;
}

describe('whatever the order, duplication and lateness of events', () => {
    it('never asks the contact centre to disconnect twice, unless the first disconnect failed', () => {
        fc.assert(
            fc.property(script, (sc) => {
                expect(repeatedDisconnects(run(sc))).toEqual([]);
            }),
            RUNS
        );
    });

    it('never asks to disconnect once the conversation has ended', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const moments = run(sc);
                const endedAt = moments.findIndex((m) => hasEnded(m.after.state));
                const later = endedAt < 0 ? [] : moments.slice(endedAt);
                expect(emitted(later, 'callDisconnect')).toBe(0);
            }),
            RUNS
        );
    });

    it('accepts, closes or declines the work item at most once and opens and closes the tab at most once', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const moments = run(sc);
                expect(emitted(moments, 'acceptWorkItem')).toBeLessThanOrEqual(1);
                expect(emitted(moments, 'closeWorkItem') + emitted(moments, 'declineWorkItem')).toBeLessThanOrEqual(1);
                expect(emitted(moments, 'openTab')).toBeLessThanOrEqual(1);
                expect(emitted(moments, 'closeTab')).toBeLessThanOrEqual(1);
            }),
            RUNS
        );
    });

    it('never leaves a work item or tab open once the conversation has ended', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const stuck = breaking(
                    run(sc),
                    (m) =>
                        !hasEnded(m.after.state) ||
                        ((m.after.workItem.status === 'none' || m.after.workItem.status === 'closed') &&
                            m.after.tab.status !== 'open' &&
                            m.after.tab.status !== 'opening')
                );
                expect(stuck).toEqual([]);
            }),
            RUNS
        );
    });

    it('never makes an ended conversation active again', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const revived = breaking(run(sc), (m) => !hasEnded(m.before.state) || !isActive(m.after));
                expect(revived).toEqual([]);
            }),
            RUNS
        );
    });

    it('never brings a terminal conversation back, except to the wrap-up announced right after it ended', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const revived = breaking(run(sc), (m) => {
                    const lateWrapUp =
                        m.before.state === 'done' &&
                        m.before.wrapUpMayFollow === true &&
                        // ...or to the retry Relay already holds for that wrap-up.
                        (m.after.state === 'wrapUp' || m.after.state === 'wrapUpPending') &&
                        (m.event.type === 'wrapUpRequired' || m.event.type === 'snapshot');
                    return !isTerminal(m.before.state) || isTerminal(m.after.state) || lateWrapUp;
                });
                expect(revived).toEqual([]);
            }),
            RUNS
        );
    });

    it('has at most one Apex call on its way, and none once the conversation is terminal', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const overlapping = breaking(run(sc), (m) => {
                    const calls = m.effects.map(callOf).filter((c) => c !== undefined);
                    const oneAtATime =
                        calls.length === 0 ||
                        (calls.length === 1 &&
                            m.before.pending === undefined &&
                            m.after.pending?.requestId === calls[0].requestId);
                    return oneAtATime && (!isTerminal(m.after.state) || m.after.pending === undefined);
                });
                expect(overlapping).toEqual([]);
            }),
            RUNS
        );
    });

    it('ignores an Apex answer to a call the conversation is no longer waiting for', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const undone = breaking(run(sc), (m) => {
                    const answered =
                        m.event.type === 'callSucceeded' ||
                        m.event.type === 'callFailed' ||
                        m.event.type === 'wrapUpStoredForRetry'
                            ? m.event.requestId
                            : undefined;
                    const stale = answered !== undefined && answered !== m.before.pending?.requestId;
                    return !stale || (m.after === m.before && m.effects.length === 0);
                });
                expect(undone).toEqual([]);
            }),
            RUNS
        );
    });

    it('opens the wrap-up picker only on entering wrap-up and closes it only on leaving it', () => {
        fc.assert(
            fc.property(script, (sc) => {
                const misplaced = breaking(run(sc), (m) => {
                    const opened = m.effects.some((e) => e.type === 'openWrapUpPicker');
                    const closed = m.effects.some((e) => e.type === 'closeWrapUpPicker');
                    return (
                        opened === (m.before.state !== 'wrapUp' && m.after.state === 'wrapUp') &&
                        closed === (m.before.state === 'wrapUp' && m.after.state !== 'wrapUp')
                    );
                });
                expect(misplaced).toEqual([]);
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
            fc.property(script, repeatable, (sc, last) => {
                const moments = run({ ...sc, steps: [...sc.steps, last] });
                const final = moments[moments.length - 1];
                // An Apex answer before any call was made delivers nothing: the last moment is then an earlier step.
                const delivered = final?.index === sc.steps.length ? final : undefined;
                const again = delivered ? transition(delivered.after, delivered.event, T0 + 999_000) : undefined;
                expect(again?.next).toEqual(delivered?.after);
                expect(again?.effects ?? []).toEqual([]);
            }),
            RUNS
        );
    });

    it('counts down without ever going below zero or back up', () => {
        fc.assert(
            fc.property(script, fc.nat({ max: 200_000 }), fc.nat({ max: 200_000 }), (sc, a, b) => {
                const moments = run(sc);
                const state =
                    moments.length > 0 ? moments[moments.length - 1].after : start(sc.from, sc.queueWantsWrapUp).state;
                const [earlier, later] = a <= b ? [a, b] : [b, a];
                const first = remainingMs(state, T0 + earlier);
                const second = remainingMs(state, T0 + later);
                expect(first === undefined).toBe(second === undefined);
                expect(second ?? 0).toBeGreaterThanOrEqual(0);
                expect(second ?? 0).toBeLessThanOrEqual(first ?? 0);
            }),
            RUNS
        );
    });
});
