import {
    allowedActions,
    fromSnapshot,
    hasEnded,
    isActive,
    isTerminal,
    keyOf,
    needsAgentAttention,
    newInteraction,
    receive,
    reconcile,
    remainingMs,
    toChannel,
    transition
} from 'c/relayInteractionState';
import type {
    ContactCentreEvent,
    ContactCentreEventBase,
    ContactCentreSnapshot,
    Effect,
    Interaction,
    InteractionEvent,
    ParticipantSnapshot
} from 'c/relayInteractionState';

// Under sfdx-lwc-jest a label import resolves to its own name.
const NOT_ANSWERED = 'c.Relay_Interaction_NotAnswered';
const TRANSFER_NOT_ACCEPTED = 'c.Relay_Interaction_TransferNotAccepted';
const TRANSFER_TARGET_REQUIRED = 'c.Relay_Interaction_TransferTargetRequired';
const WRAP_UP_CODE_REQUIRED = 'c.Relay_Interaction_WrapUpCodeRequired';
const WRAP_UP_SAVED = 'c.Relay_Interaction_WrapUpSaved';
const WRAP_UP_FAILED = 'c.Relay_Interaction_WrapUpFailed';
const ENDED_ELSEWHERE = 'c.Relay_Interaction_EndedElsewhere';
const GENERIC_ERROR = 'c.Relay_Error_Generic';

const T0 = Date.parse('2026-11-21T12:00:00.000Z');
const CONVERSATION = 'conv-1';
const AGENT = 'part-agent-1';
const WORK = '0BzWORK1';
const RECORD = 'a01RECORD1';
const TAB = 'ctab0';
const CODES = [
    { id: 'code-resolved', name: 'Resolved' },
    { id: 'code-callback', name: 'Call back' }
];
const QUEUE_TARGET = { kind: 'queue' as const, id: 'queue-billing', name: 'Billing' };
const target = { conversationId: CONVERSATION, participantId: AGENT };

let eventSequence = 0;
/** The fields of a contact-centre event that happened `seconds` after T0, with a fresh event id. */
function at(seconds: number, participantId = AGENT): ContactCentreEventBase {
    eventSequence += 1;
    return {
        conversationId: CONVERSATION,
        participantId,
        occurredAt: T0 + seconds * 1000,
        eventId: `evt-${eventSequence}`
    };
}

function alertingEvent(seconds = 0, participantId = AGENT): Extract<ContactCentreEvent, { type: 'alerting' }> {
    return {
        type: 'alerting',
        ...at(seconds, participantId),
        channel: 'whatsapp',
        queueId: 'queue-support',
        queueName: 'Support',
        customerName: 'Ana García',
        wrapUpRequired: true,
        alertingTimeoutMs: 30_000
    };
}

interface Played {
    state: Interaction;
    effects: Effect[];
}

function play(start: Interaction, events: InteractionEvent[], now = T0 + 60_000): Played {
    let state = start;
    const effects: Effect[] = [];
    for (const event of events) {
        const result = transition(state, event, now);
        state = result.next;
        effects.push(...result.effects);
    }
    return { state, effects };
}

function typesOf(effects: Effect[]): string[] {
    return effects.map((e) => e.type);
}

function count(effects: Effect[], type: Effect['type']): number {
    return effects.filter((e) => e.type === type).length;
}

const NOTHING = { state: 'unchanged', effects: [] };

/**
 * What an event changes for the agent: NOTHING when the conversation stays as it was (only the record of
 * what the contact centre said may grow) and no effect is asked for.
 */
function whatChanges(state: Interaction, event: InteractionEvent): { state: unknown; effects: Effect[] } {
    const { next, effects } = transition(state, event, T0 + 60_000);
    const same = canonical(next) === canonical(state);
    return { state: same ? 'unchanged' : next, effects };
}

/** The interaction as text, keys sorted and undefined left out, without the record of contact-centre news. */
function canonical(i: Interaction): string {
    const sortKeys = (_: string, value: unknown): unknown => {
        if (value && typeof value === 'object' && !Array.isArray(value)) {
            return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
        }
        return value;
    };
    return JSON.stringify({ ...i, lastEventAt: 0, seenEventIds: [] }, sortKeys);
}

function pendingId(state: Interaction): string {
    if (!state.pending) {
        throw new Error(`no Apex call in flight in ${state.state}`);
    }
    return state.pending.requestId;
}

/**
 * A WhatsApp conversation alerting for the agent, with its Omni-Channel work item offered. The alert says
 * whether the queue wants a wrap-up only when the sender knows; when not, `queueWantsWrapUp` is false.
 */
function alerting(queueWantsWrapUp = true): Interaction {
    const { interactions } = receive([], { ...alertingEvent(), wrapUpRequired: queueWantsWrapUp }, T0);
    return play(interactions[0], [{ type: 'workItemRouted', agentWorkId: WORK, recordId: RECORD }]).state;
}

/** The agent picked it up: work item accepted, tab open. */
function connected(queueWantsWrapUp = true): Interaction {
    const picking = play(alerting(queueWantsWrapUp), [{ type: 'pickUp' }]).state;
    return play(picking, [
        { type: 'callSucceeded', call: 'pickUp', requestId: pendingId(picking) },
        { type: 'tabOpened', tabId: TAB }
    ]).state;
}

/** The customer left; the queue wants a wrap-up with two codes and two minutes. */
function inWrapUp(): Interaction {
    return play(connected(), [
        { type: 'disconnected', ...at(40), disconnectedBy: 'customer' },
        { type: 'wrapUpRequired', ...at(40), codes: CODES, timeoutMs: 120_000 }
    ]).state;
}

function submitted(): Interaction {
    return play(inWrapUp(), [{ type: 'submitWrapUp', codeId: 'code-resolved', notes: 'Refund issued' }]).state;
}

function snapshotEvent(seconds: number, reported?: ParticipantSnapshot): ContactCentreEvent {
    return { type: 'snapshot', ...at(seconds), participant: reported };
}

function participant(overrides: Partial<ParticipantSnapshot>): ParticipantSnapshot {
    return {
        conversationId: CONVERSATION,
        participantId: AGENT,
        channel: 'whatsapp',
        queueId: 'queue-support',
        wrapUpRequired: true,
        state: 'connected',
        ...overrides
    };
}

function fixture(name: string): ContactCentreSnapshot {
    return require(`./data/${name}.json`) as ContactCentreSnapshot;
}

describe('a conversation alerting for the agent', () => {
    it('shows a Pick Up button and counts down from when the contact centre started alerting', () => {
        const state = alerting();

        expect(state.state).toBe('alerting');
        expect(allowedActions(state)).toEqual(['pickUp']);
        expect(needsAgentAttention(state)).toBe(true);
        expect(isActive(state)).toBe(true);
        expect(remainingMs(state, T0 + 12_000)).toBe(18_000);
    });

    it('never shows a negative countdown once the time to answer has passed', () => {
        expect(remainingMs(alerting(), T0 + 45_000)).toBe(0);
    });

    it('shows no countdown when the queue sets no time limit', () => {
        const state = newInteraction({ ...target, channel: 'sms', wrapUpRequired: false }, T0);
        expect(remainingMs(state, T0 + 5_000)).toBeUndefined();
    });

    it('keeps its countdown when the contact centre repeats the alert', () => {
        const first = alerting();
        const { state, effects } = play(first, [{ ...alertingEvent(5), queueName: 'Support (EMEA)' }]);

        expect(state.queueName).toBe('Support (EMEA)');
        expect(state.alertingStartedAt).toBe(first.alertingStartedAt);
        expect(effects).toEqual([]);
    });

    it('alerts a conversation transferred to the agent like any other, as a new participant', () => {
        const earlier: Interaction = { ...connected(), state: 'done', endReason: 'transferred' };
        const transferredBack = alertingEvent(300, 'part-agent-2');

        const { interactions, effects } = receive([earlier], transferredBack, T0 + 300_000);

        expect(interactions).toHaveLength(2);
        expect(interactions[0]).toBe(earlier);
        expect(interactions[1]).toMatchObject({ state: 'alerting', participantId: 'part-agent-2' });
        expect(allowedActions(interactions[1])).toEqual(['pickUp']);
        expect(effects).toEqual([]);
    });

    it('routes contact-centre news to the conversation it is about', () => {
        const other = newInteraction(
            { ...target, participantId: 'part-other', channel: 'sms', wrapUpRequired: false },
            T0
        );
        const { interactions: list } = receive([other], { ...alertingEvent(), eventId: undefined }, T0);
        expect(list[1].seenEventIds).toEqual([]);

        const { interactions, effects } = receive(list, { type: 'connected', ...at(3) }, T0 + 3_000);

        expect(interactions[0]).toBe(other);
        expect(interactions[1].state).toBe('connected');
        expect(effects).toEqual([]);
    });

    it('leaves news about a conversation the console does not know to the next reconciliation', () => {
        const { interactions, effects } = receive([], { type: 'connected', ...at(1) }, T0);
        expect(interactions).toEqual([]);
        expect(effects).toEqual([]);
        expect(receive([], snapshotEvent(1), T0).interactions).toEqual([]);
    });

    it('ignores an event about another participant of the same conversation', () => {
        const state = alerting();
        expect(transition(state, { type: 'connected', ...at(2, 'someone-else') }, T0).next).toBe(state);
    });
});

describe('picking up', () => {
    it('calls Apex once and hides Pick Up until it answers', () => {
        const { state, effects } = play(alerting(), [{ type: 'pickUp' }, { type: 'pickUp' }]);

        expect(effects).toEqual([{ type: 'callPickUp', ...target, requestId: `${CONVERSATION}/${AGENT}/1` }]);
        expect(state.state).toBe('alerting');
        expect(allowedActions(state)).toEqual([]);
        expect(needsAgentAttention(state)).toBe(false);
    });

    it('accepts the work item and opens its tab when the pick-up succeeds', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const { state, effects } = play(picking, [
            { type: 'callSucceeded', call: 'pickUp', requestId: pendingId(picking) }
        ]);

        expect(state.state).toBe('connected');
        expect(effects).toEqual([
            { type: 'acceptWorkItem', agentWorkId: WORK },
            { type: 'openTab', ...target, recordId: RECORD }
        ]);
        expect(allowedActions(state)).toEqual(['transfer', 'disconnect']);
        expect(remainingMs(state, T0)).toBeUndefined();
    });

    it('is not undone by a late failure when the contact centre already reported the conversation connected', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const { state, effects } = play(picking, [
            { type: 'connected', ...at(3) },
            { type: 'callFailed', call: 'pickUp', requestId: pendingId(picking), message: 'Timed out' }
        ]);

        expect(state.state).toBe('connected');
        expect(state.error).toBeUndefined();
        expect(typesOf(effects)).toEqual(['acceptWorkItem', 'openTab']);
    });

    it('leaves the conversation alerting with the error when the pick-up fails, so the agent can try again', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const failed = play(picking, [
            { type: 'callFailed', call: 'pickUp', requestId: pendingId(picking), message: 'The customer left.' }
        ]);

        expect(failed.state.state).toBe('alerting');
        expect(failed.state.error).toBe('The customer left.');
        expect(failed.effects).toEqual([{ type: 'showError', message: 'The customer left.' }]);
        expect(allowedActions(failed.state)).toEqual(['pickUp']);

        const retried = play(failed.state, [{ type: 'pickUp' }]);
        expect(retried.effects).toEqual([{ type: 'callPickUp', ...target, requestId: `${CONVERSATION}/${AGENT}/2` }]);
        expect(retried.state.error).toBeUndefined();
    });

    it('ignores a late answer to an earlier attempt while a new pick-up is on its way', () => {
        const first = play(alerting(), [{ type: 'pickUp' }]).state;
        const firstId = pendingId(first);
        const second = play(first, [
            { type: 'callFailed', call: 'pickUp', requestId: firstId, message: 'Busy' },
            { type: 'pickUp' }
        ]).state;

        const late = transition(second, { type: 'callSucceeded', call: 'pickUp', requestId: firstId }, T0);

        expect(late.next).toBe(second);
        expect(late.effects).toEqual([]);
    });

    it('ignores a result that answers a different call than the one on its way', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const wrong = transition(
            picking,
            { type: 'callSucceeded', call: 'transfer', requestId: pendingId(picking) },
            T0
        );
        expect(wrong.next).toBe(picking);
    });

    it('shows a generic message when a failure comes without one', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const { effects } = play(picking, [
            { type: 'callFailed', call: 'pickUp', requestId: pendingId(picking), message: '  ' }
        ]);
        expect(effects).toEqual([{ type: 'showError', message: GENERIC_ERROR }]);
    });

    it('treats accepting the work item in the Omni-Channel widget as Pick Up, without accepting it twice', () => {
        const picking = play(alerting(), [{ type: 'pickUp', viaWorkItem: true }]);
        expect(typesOf(picking.effects)).toEqual(['callPickUp']);
        expect(picking.state.workItem.status).toBe('accepted');

        const { effects } = play(picking.state, [
            { type: 'callSucceeded', call: 'pickUp', requestId: pendingId(picking.state) }
        ]);
        expect(effects).toEqual([{ type: 'openTab', ...target, recordId: RECORD }]);
    });

    it('records an Omni-Channel accept that arrives while Pick Up is already on its way', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const { state, effects } = play(picking, [{ type: 'pickUp', viaWorkItem: true }]);
        expect(state.workItem.status).toBe('accepted');
        expect(effects).toEqual([]);
    });

    it('sends the conversation back to the queue when nobody answers, telling the agent and Omni-Channel', () => {
        const { state, effects } = play(alerting(), [{ type: 'alertingTimedOut', ...at(30) }]);

        expect(state).toMatchObject({ state: 'done', endReason: 'notAnswered', error: NOT_ANSWERED });
        expect(effects).toEqual([
            { type: 'showError', message: NOT_ANSWERED },
            { type: 'setOmniStatus', status: 'notResponding' },
            { type: 'declineWorkItem', agentWorkId: WORK },
            { type: 'closeTab', recordId: RECORD }
        ]);
        expect(isActive(state)).toBe(false);
        expect(needsAgentAttention(state)).toBe(false);
        expect(allowedActions(state)).toEqual([]);
    });

    it('treats an offer the contact centre withdrew by itself as not answered', () => {
        const { state, effects } = play(alerting(), [{ type: 'disconnected', ...at(30), disconnectedBy: 'system' }]);

        expect(state).toMatchObject({ state: 'done', endReason: 'notAnswered', error: NOT_ANSWERED });
        expect(typesOf(effects)).toEqual(['showError', 'setOmniStatus', 'declineWorkItem', 'closeTab']);
    });

    it('closes an offer the agent declined in the contact-centre client', () => {
        const { state, effects } = play(alerting(), [{ type: 'disconnected', ...at(5), disconnectedBy: 'agent' }]);
        expect(state).toMatchObject({ state: 'done', endReason: 'agentDisconnected' });
        expect(state.error).toBeUndefined();
        expect(typesOf(effects)).toEqual(['declineWorkItem', 'closeTab']);
    });

    it('keeps the alert timed out when a pick-up that was on its way fails afterwards', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const { state, effects } = play(picking, [
            { type: 'alertingTimedOut', ...at(30) },
            { type: 'callFailed', call: 'pickUp', requestId: pendingId(picking), message: 'Not alerting' }
        ]);

        expect(state.state).toBe('done');
        expect(state.endReason).toBe('notAnswered');
        expect(count(effects, 'showError')).toBe(1);
    });

    it('ignores a time-out for a conversation that is already connected', () => {
        expect(whatChanges(connected(), { type: 'alertingTimedOut', ...at(30) })).toEqual(NOTHING);
    });

    it('needs no wrap-up for a conversation the customer abandoned before it was answered', () => {
        const { state, effects } = play(alerting(), [{ type: 'disconnected', ...at(10), disconnectedBy: 'customer' }]);

        expect(state).toMatchObject({ state: 'done', endReason: 'customerLeft' });
        expect(typesOf(effects)).toEqual(['declineWorkItem', 'closeTab']);
    });

    it('closes an alert that another agent took over, without a wrap-up', () => {
        const { state } = play(alerting(), [{ type: 'transferred', ...at(10) }]);
        expect(state).toMatchObject({ state: 'done', endReason: 'transferred' });
    });
});

describe('the Omni-Channel work item and its tab', () => {
    it('declining the work item declines the offer in the contact centre, with no wrap-up', () => {
        const declining = play(alerting(), [
            { type: 'closeWorkItem', closed: 'workItem' },
            { type: 'closeWorkItem', closed: 'workItem' }
        ]);
        expect(count(declining.effects, 'callDecline')).toBe(1);
        expect(declining.state.state).toBe('alerting');
        const declined = play(declining.state, [
            { type: 'callSucceeded', call: 'decline', requestId: pendingId(declining.state) }
        ]);
        expect(declined.state.state).toBe('done');
        expect(typesOf(declined.effects)).not.toContain('openWrapUpPicker');
        expect(declined.effects).toContainEqual({ type: 'setOmniStatus', status: 'notResponding' });
    });

    it('keeps the offer up when declining it fails, with the reason', () => {
        const declining = play(alerting(), [{ type: 'closeWorkItem', closed: 'workItem' }]).state;
        const { state } = play(declining, [
            { type: 'callFailed', call: 'decline', requestId: pendingId(declining), message: 'Try again' }
        ]);
        expect(state.state).toBe('alerting');
        expect(state.error).toBe('Try again');
    });

    it('accepts and opens a work item that arrives after the conversation connected', () => {
        const bare = play(newInteraction({ ...target, channel: 'sms', wrapUpRequired: true }, T0), [
            { type: 'connected', ...at(1) }
        ]).state;

        const { state, effects } = play(bare, [
            { type: 'workItemRouted', agentWorkId: WORK, recordId: RECORD },
            { type: 'workItemRouted', agentWorkId: '0BzOTHER', recordId: RECORD }
        ]);

        expect(effects).toEqual([
            { type: 'acceptWorkItem', agentWorkId: WORK },
            { type: 'openTab', ...target, recordId: RECORD }
        ]);
        expect(state.workItem).toEqual({ status: 'accepted', agentWorkId: WORK, recordId: RECORD });
    });

    it('declines at once a work item that arrives after the conversation already ended', () => {
        const ended = play(newInteraction({ ...target, channel: 'sms', wrapUpRequired: false }, T0), [
            { type: 'alertingTimedOut', ...at(30) }
        ]).state;

        const { effects } = play(ended, [{ type: 'workItemRouted', agentWorkId: WORK }]);

        expect(effects).toEqual([{ type: 'declineWorkItem', agentWorkId: WORK }]);
    });

    it('opens no tab for a work item without a record', () => {
        const bare = play(newInteraction({ ...target, channel: 'sms', wrapUpRequired: true }, T0), [
            { type: 'connected', ...at(1) }
        ]).state;
        const { effects } = play(bare, [{ type: 'workItemRouted', agentWorkId: WORK }]);
        expect(typesOf(effects)).toEqual(['acceptWorkItem']);
    });

    it('closes a tab that was still opening when the conversation ended, as soon as it opens', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const opening = play(picking, [{ type: 'callSucceeded', call: 'pickUp', requestId: pendingId(picking) }]).state;
        expect(opening.tab.status).toBe('opening');

        const ended = play(opening, [{ type: 'disconnected', ...at(20), disconnectedBy: 'customer' }]);
        expect(count(ended.effects, 'closeTab')).toBe(0);

        const { state, effects } = play(ended.state, [
            { type: 'tabOpened', tabId: TAB },
            { type: 'tabOpened', tabId: TAB }
        ]);
        expect(effects).toEqual([{ type: 'closeTab', tabId: TAB }]);
        expect(state.tab).toEqual({ status: 'closed', tabId: TAB });
    });

    it('closes a tab that was still opening when a transfer was accepted, though nothing else was left to close', () => {
        const picking = play(alerting(), [{ type: 'pickUp' }]).state;
        const transferring = play(picking, [
            { type: 'callSucceeded', call: 'pickUp', requestId: pendingId(picking) },
            { type: 'transfer', target: QUEUE_TARGET },
            { type: 'closeWorkItem', closed: 'workItem' }
        ]).state;

        const accepted = play(transferring, [{ type: 'transferred', ...at(70), wrapUpRequired: false }]);
        expect(accepted.effects).toEqual([]);
        expect(accepted.state.tab.status).toBe('closing');

        const { effects } = play(accepted.state, [{ type: 'tabOpened', tabId: TAB }]);
        expect(effects).toEqual([{ type: 'closeTab', tabId: TAB }]);
    });

    it('adopts a tab the console opened by itself', () => {
        const { state } = play(alerting(), [{ type: 'tabOpened', tabId: 'ctab9' }]);
        expect(state.tab).toEqual({ status: 'open', tabId: 'ctab9' });
    });
});

describe('ending the conversation', () => {
    it('asks the contact centre once to disconnect, and closes the work item and tab when it confirms', () => {
        const asked = play(connected(), [{ type: 'disconnect' }, { type: 'disconnect' }]);
        expect(asked.effects).toEqual([{ type: 'callDisconnect', ...target, requestId: `${CONVERSATION}/${AGENT}/2` }]);
        expect(asked.state.state).toBe('disconnecting');
        expect(allowedActions(asked.state)).toEqual([]);
        expect(isActive(asked.state)).toBe(true);

        const { state, effects } = play(
            asked.state,
            [{ type: 'callSucceeded', call: 'disconnect', requestId: pendingId(asked.state) }],
            T0 + 50_000
        );
        expect(state).toMatchObject({
            state: 'wrapUp',
            endReason: 'agentDisconnected',
            wrapUp: { startedAt: T0 + 50_000 }
        });
        expect(effects).toEqual([
            { type: 'closeWorkItem', agentWorkId: WORK },
            { type: 'closeTab', tabId: TAB },
            { type: 'openWrapUpPicker', ...target }
        ]);
    });

    it('keeps the conversation connected with the error when the disconnect fails', () => {
        const asked = play(connected(), [{ type: 'disconnect' }]).state;
        const { state, effects } = play(asked, [
            { type: 'callFailed', call: 'disconnect', requestId: pendingId(asked), message: 'Contact centre down' }
        ]);

        expect(state.state).toBe('connected');
        expect(state.error).toBe('Contact centre down');
        expect(effects).toEqual([{ type: 'showError', message: 'Contact centre down' }]);
        expect(allowedActions(state)).toEqual(['transfer', 'disconnect']);
        expect(needsAgentAttention(state)).toBe(true);
    });

    it('disconnects the conversation when the agent closes its tab, then closes the work item', () => {
        const closing = play(connected(), [{ type: 'closeWorkItem', closed: 'tab' }]);
        expect(typesOf(closing.effects)).toEqual(['callDisconnect']);

        const { effects } = play(closing.state, [{ type: 'disconnected', ...at(50), disconnectedBy: 'agent' }]);
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'openWrapUpPicker']);
    });

    it('disconnects the conversation when the agent closes the work item in Omni-Channel, then closes the tab', () => {
        const closing = play(connected(), [{ type: 'closeWorkItem', closed: 'workItem' }]);
        expect(typesOf(closing.effects)).toEqual(['callDisconnect']);

        const { effects } = play(closing.state, [
            { type: 'callSucceeded', call: 'disconnect', requestId: pendingId(closing.state) }
        ]);
        expect(typesOf(effects)).toEqual(['closeTab', 'openWrapUpPicker']);
    });

    // Each case: the order things happen in, and how often Relay asks to disconnect, close the work item
    // and close the tab. What one side already did is never asked for again.
    it.each([
        [
            'Disconnect, then the contact-centre client disconnects, then the tab is closed',
            'button event tab result',
            1,
            1,
            1
        ],
        [
            'the contact-centre client disconnects, then Disconnect and the tab are clicked',
            'event button tab result',
            0,
            1,
            1
        ],
        [
            'the tab is closed, then Disconnect, then the contact centre confirms twice',
            'tab button result event event',
            1,
            1,
            0
        ],
        ['the work item and the tab are closed, then the contact centre confirms', 'workItem tab event result', 1, 0, 0]
    ])(
        'disconnects at most once and closes the work item and tab once when both sides end it at once: %s',
        (_, order, disconnects, workItemCloses, tabCloses) => {
            let state = connected();
            const effects: Effect[] = [];
            const disconnectedEvent: ContactCentreEvent = { type: 'disconnected', ...at(50), disconnectedBy: 'agent' };
            let requestId = 'none yet';
            const eventFor: Record<string, () => InteractionEvent> = {
                button: () => ({ type: 'disconnect' }),
                tab: () => ({ type: 'closeWorkItem', closed: 'tab' }),
                workItem: () => ({ type: 'closeWorkItem', closed: 'workItem' }),
                event: () => disconnectedEvent,
                result: () => ({ type: 'callSucceeded', call: 'disconnect', requestId })
            };
            for (const step of order.split(' ')) {
                const result = transition(state, eventFor[step](), T0 + 50_000);
                state = result.next;
                effects.push(...result.effects);
                requestId = state.pending?.requestId ?? requestId;
            }

            expect(count(effects, 'callDisconnect')).toBe(disconnects);
            expect(count(effects, 'closeWorkItem')).toBe(workItemCloses);
            expect(count(effects, 'closeTab')).toBe(tabCloses);
            expect(count(effects, 'openWrapUpPicker')).toBe(1);
            expect(count(effects, 'showError')).toBe(0);
            expect(state).toMatchObject({ state: 'wrapUp', workItem: { status: 'closed' }, tab: { status: 'closed' } });
        }
    );

    it('does not disconnect again when Disconnect is clicked after the customer already left', () => {
        const { state, effects } = play(connected(), [
            { type: 'disconnected', ...at(45), disconnectedBy: 'customer' },
            { type: 'disconnect' },
            { type: 'closeWorkItem', closed: 'tab' }
        ]);

        expect(count(effects, 'callDisconnect')).toBe(0);
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'closeTab', 'openWrapUpPicker']);
        expect(state.endReason).toBe('customerLeft');
    });

    it('is not brought back by a late failure once the contact centre confirmed the disconnect', () => {
        const asked = play(connected(), [{ type: 'disconnect' }]).state;
        const { state, effects } = play(asked, [
            { type: 'disconnected', ...at(45), disconnectedBy: 'agent' },
            { type: 'callFailed', call: 'disconnect', requestId: pendingId(asked), message: 'Timed out' }
        ]);

        expect(state.state).toBe('wrapUp');
        expect(count(effects, 'showError')).toBe(0);
    });

    it('opens the wrap-up and closes the work item and tab when the customer leaves', () => {
        const { state, effects } = play(connected(), [
            { type: 'disconnected', ...at(40), disconnectedBy: 'customer', wrapUpTimeoutMs: 90_000 }
        ]);

        expect(state).toMatchObject({
            state: 'wrapUp',
            endReason: 'customerLeft',
            wrapUp: { startedAt: T0 + 40_000, timeoutMs: 90_000 }
        });
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'closeTab', 'openWrapUpPicker']);
        expect(isActive(state)).toBe(false);
        expect(needsAgentAttention(state)).toBe(true);
    });

    it('finishes at once when the queue needs no wrap-up', () => {
        const { state, effects } = play(connected(), [
            { type: 'disconnected', ...at(40), disconnectedBy: 'system', wrapUpRequired: false }
        ]);

        expect(state).toMatchObject({ state: 'done', endReason: 'systemDisconnected' });
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'closeTab']);
        expect(isTerminal(state.state)).toBe(true);
    });

    it('opens the wrap-up the contact centre announces just after the disconnect, as its events arrive', () => {
        const ended = play(connected(false), [{ type: 'disconnected', ...at(40), disconnectedBy: 'customer' }]);
        expect(ended.state).toMatchObject({ state: 'done', wrapUpMayFollow: true });
        expect(typesOf(ended.effects)).toEqual(['closeWorkItem', 'closeTab']);

        const { state, effects } = play(ended.state, [
            { type: 'wrapUpRequired', ...at(40), codes: CODES, timeoutMs: 60_000 }
        ]);

        expect(state).toMatchObject({
            state: 'wrapUp',
            endReason: 'customerLeft',
            wrapUp: { startedAt: T0 + 40_000, timeoutMs: 60_000, codes: CODES }
        });
        expect(state.wrapUpMayFollow).toBeUndefined();
        expect(effects).toEqual([{ type: 'openWrapUpPicker', ...target }]);
    });

    it('never reopens a wrap-up that already landed', () => {
        const landed = play(inWrapUp(), [{ type: 'wrapUpSubmitted', ...at(100) }]).state;
        expect(whatChanges(landed, { type: 'wrapUpRequired', ...at(110) })).toEqual(NOTHING);
        const snapshot = snapshotEvent(120, participant({ state: 'disconnected' }));
        expect(whatChanges(landed, snapshot)).toEqual(NOTHING);
    });

    it('asks no wrap-up for an alert nobody answered', () => {
        const missed = play(alerting(), [{ type: 'alertingTimedOut', ...at(30) }]).state;
        expect(whatChanges(missed, { type: 'wrapUpRequired', ...at(31) })).toEqual(NOTHING);
    });

    it('applies a redelivered event only once', () => {
        const customerLeft: ContactCentreEvent = { type: 'disconnected', ...at(40), disconnectedBy: 'customer' };
        const once = play(connected(), [customerLeft]).state;
        const twice = transition(once, customerLeft, T0);

        expect(twice.next).toBe(once);
        expect(twice.effects).toEqual([]);
    });

    it('never lets an older event override a newer state', () => {
        const state = play(connected(), [{ type: 'connected', ...at(60) }]).state;
        const older = transition(state, { type: 'transferred', ...at(30) }, T0);
        expect(older.next).toBe(state);
    });
});

describe('transferring', () => {
    it('calls Apex once and keeps the conversation until someone accepts it', () => {
        const asked = play(connected(), [
            { type: 'transfer', target: QUEUE_TARGET },
            { type: 'transfer', target: QUEUE_TARGET }
        ]);
        expect(asked.effects).toEqual([
            { type: 'callTransfer', ...target, requestId: `${CONVERSATION}/${AGENT}/2`, target: QUEUE_TARGET }
        ]);

        const { state, effects } = play(asked.state, [
            { type: 'callSucceeded', call: 'transfer', requestId: pendingId(asked.state) }
        ]);
        expect(state.state).toBe('transferring');
        expect(state.transfer?.target).toEqual(QUEUE_TARGET);
        expect(state.pending).toBeUndefined();
        expect(effects).toEqual([]);
        expect(allowedActions(state)).toEqual([]);
        expect(isActive(state)).toBe(true);
    });

    it('returns to connected with the error when the transfer fails', () => {
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const { state, effects } = play(asked, [
            { type: 'callFailed', call: 'transfer', requestId: pendingId(asked), message: 'Queue not found' }
        ]);

        expect(state).toMatchObject({ state: 'connected', error: 'Queue not found', transfer: undefined });
        expect(effects).toEqual([{ type: 'showError', message: 'Queue not found' }]);
    });

    it('closes the work item and tab and opens the wrap-up when the other agent accepts', () => {
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const { state, effects } = play(asked, [
            { type: 'callSucceeded', call: 'transfer', requestId: pendingId(asked) },
            { type: 'transferred', ...at(70) }
        ]);

        expect(state).toMatchObject({ state: 'wrapUp', endReason: 'transferred', transfer: undefined });
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'closeTab', 'openWrapUpPicker']);
    });

    it('keeps the work item and tab while the transfer waits, even when the wrap-up is asked for at once', () => {
        // Genesys Cloud ends the agent's leg (after-call work) when Transfer is clicked; the conversation stays the
        // agent's work item until someone accepts it (seeds 000/001).
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const waiting = play(asked, [
            { type: 'callSucceeded', call: 'transfer', requestId: pendingId(asked) },
            { type: 'wrapUpRequired', ...at(61), codes: CODES, timeoutMs: 90_000 }
        ]);
        expect(waiting.state.state).toBe('transferring');
        expect(waiting.effects).toEqual([]);
        expect(waiting.state.workItem.status).not.toBe('closed');

        const accepted = play(waiting.state, [{ type: 'transferred', ...at(70) }]);
        expect(accepted.state).toMatchObject({ state: 'wrapUp', endReason: 'transferred' });
        expect(accepted.state.wrapUp).toMatchObject({ codes: CODES, timeoutMs: 90_000 });
        expect(typesOf(accepted.effects)).toEqual(['closeWorkItem', 'closeTab', 'openWrapUpPicker']);
    });

    it('opens the owed wrap-up when the customer leaves while the transfer waits', () => {
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const { state } = play(asked, [
            { type: 'callSucceeded', call: 'transfer', requestId: pendingId(asked) },
            { type: 'wrapUpRequired', ...at(61), codes: CODES },
            { type: 'disconnected', ...at(75), disconnectedBy: 'customer' }
        ]);
        expect(state).toMatchObject({ state: 'wrapUp', endReason: 'customerLeft' });
        expect(state.wrapUp?.codes).toEqual(CODES);
    });

    it('finishes without a wrap-up when the transfer is accepted and the queue needs none', () => {
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const { state } = play(asked, [{ type: 'transferred', ...at(70), wrapUpRequired: false }]);
        expect(state).toMatchObject({ state: 'done', endReason: 'transferred' });
    });

    it('gives the conversation back with a message when nobody accepts the transfer', () => {
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const { state, effects } = play(asked, [
            { type: 'callSucceeded', call: 'transfer', requestId: pendingId(asked) },
            { type: 'transferNotAccepted', ...at(90) }
        ]);

        expect(state).toMatchObject({ state: 'connected', error: TRANSFER_NOT_ACCEPTED, transfer: undefined });
        expect(effects).toEqual([{ type: 'showError', message: TRANSFER_NOT_ACCEPTED }]);
        expect(allowedActions(state)).toEqual(['transfer', 'disconnect']);
    });

    it('does not cancel a new transfer because of news about an earlier one that was not accepted', () => {
        const first = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const firstRefusal: ContactCentreEvent = { type: 'transferNotAccepted', ...at(90), eventId: undefined };
        const second = play(first, [firstRefusal, { type: 'transfer', target: QUEUE_TARGET }]).state;

        const replayed = transition(second, firstRefusal, T0);

        expect(replayed.next).toBe(second);
        expect(second.state).toBe('transferring');
    });

    it('does not disconnect the customer when the work item is closed during a transfer', () => {
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const { state, effects } = play(asked, [{ type: 'closeWorkItem', closed: 'workItem' }]);

        expect(effects).toEqual([]);
        expect(state.state).toBe('transferring');
        expect(state.workItem.status).toBe('closed');
    });

    it('refuses a transfer without a queue or agent, with a message', () => {
        const { state, effects } = play(connected(), [{ type: 'transfer', target: { kind: 'agent', id: '  ' } }]);

        expect(state.state).toBe('connected');
        expect(state.error).toBe(TRANSFER_TARGET_REQUIRED);
        expect(effects).toEqual([{ type: 'showError', message: TRANSFER_TARGET_REQUIRED }]);
    });

    it('ends the transfer when the customer leaves meanwhile, and ignores its late result', () => {
        const asked = play(connected(), [{ type: 'transfer', target: QUEUE_TARGET }]).state;
        const { state } = play(asked, [
            { type: 'disconnected', ...at(60), disconnectedBy: 'customer' },
            { type: 'callFailed', call: 'transfer', requestId: pendingId(asked), message: 'Gone' }
        ]);

        expect(state).toMatchObject({ state: 'wrapUp', endReason: 'customerLeft', error: undefined });
    });

    it('ignores news of an accepted transfer once the conversation is in wrap-up', () => {
        expect(whatChanges(inWrapUp(), { type: 'transferred', ...at(80) })).toEqual(NOTHING);
    });

    it('offers no transfer before the conversation is picked up', () => {
        const state = alerting();
        expect(transition(state, { type: 'transfer', target: QUEUE_TARGET }, T0).next).toBe(state);
    });
});

describe('wrap-up', () => {
    it('is offered where the queue only takes a code, and Done without one finishes it with one Apex call', () => {
        const disconnecting = play({ ...connected(false), wrapUpOptional: true }, [{ type: 'disconnect' }]).state;
        const ended = play(disconnecting, [
            { type: 'callSucceeded', call: 'disconnect', requestId: pendingId(disconnecting) }
        ]);
        expect(ended.state.state).toBe('wrapUp');
        expect(typesOf(ended.effects)).toContain('openWrapUpPicker');

        const skipping = play(ended.state, [{ type: 'skipWrapUp' }, { type: 'skipWrapUp' }]);
        expect(count(skipping.effects, 'callSkipWrapUp')).toBe(1);
        const done = play(skipping.state, [
            { type: 'callSucceeded', call: 'skipWrapUp', requestId: pendingId(skipping.state) }
        ]);
        expect(done.state.state).toBe('done');
        expect(typesOf(done.effects)).toContain('closeWrapUpPicker');
    });

    it('never finishes a required wrap-up without a code', () => {
        const { state, effects } = play(inWrapUp(), [{ type: 'skipWrapUp' }]);
        expect(state.state).toBe('wrapUp');
        expect(effects).toEqual([{ type: 'showError', message: WRAP_UP_CODE_REQUIRED }]);
    });

    it('offers an optional wrap-up after a reload when the contact centre has the agent’s leg ended', () => {
        const reloaded = play(connected(false), [
            snapshotEvent(50, participant({ state: 'disconnected', wrapUpRequired: false, wrapUpOptional: true }))
        ]).state;
        expect(reloaded.state).toBe('wrapUp');
    });

    it('shows the codes offered and counts down from when the wrap-up started', () => {
        const state = inWrapUp();

        expect(state.wrapUp?.codes).toEqual(CODES);
        expect(allowedActions(state)).toEqual(['wrapUp']);
        expect(remainingMs(state, T0 + 100_000)).toBe(60_000);
    });

    it('shows no countdown when the wrap-up has no time limit', () => {
        const state = play(connected(), [{ type: 'disconnected', ...at(40), disconnectedBy: 'customer' }]).state;
        expect(remainingMs(state, T0 + 100_000)).toBeUndefined();
    });

    it('sends the chosen code once, with how long wrap-up took, and closes the picker when it lands', () => {
        const asked = play(
            inWrapUp(),
            [
                { type: 'submitWrapUp', codeId: ' code-resolved ', notes: ' Refund issued ' },
                { type: 'submitWrapUp', codeId: 'code-resolved' }
            ],
            T0 + 75_400
        );
        expect(asked.effects).toEqual([
            {
                type: 'callSubmitWrapUp',
                ...target,
                requestId: `${CONVERSATION}/${AGENT}/2`,
                codeId: 'code-resolved',
                notes: 'Refund issued',
                submittedAt: T0 + 75_400,
                durationSeconds: 35
            }
        ]);
        expect(allowedActions(asked.state)).toEqual([]);

        const { state, effects } = play(asked.state, [
            { type: 'callSucceeded', call: 'submitWrapUp', requestId: pendingId(asked.state) }
        ]);
        expect(state).toMatchObject({ state: 'done', endReason: 'customerLeft' });
        expect(effects).toEqual([{ type: 'closeWrapUpPicker', ...target }]);
    });

    it('sends a wrap-up without notes when the agent wrote none', () => {
        const { effects } = play(inWrapUp(), [{ type: 'submitWrapUp', codeId: 'code-callback', notes: '   ' }]);
        expect(effects[0]).not.toHaveProperty('notes');
    });

    it.each([
        ['no code', ''],
        ['a code the queue does not offer', 'code-unknown']
    ])('refuses a wrap-up with %s, with a message', (_, codeId) => {
        const { state, effects } = play(inWrapUp(), [{ type: 'submitWrapUp', codeId }]);

        expect(state.state).toBe('wrapUp');
        expect(state.error).toBe(WRAP_UP_CODE_REQUIRED);
        expect(effects).toEqual([{ type: 'showError', message: WRAP_UP_CODE_REQUIRED }]);
    });

    it('accepts any code when the codes are not known yet (the picker loads them itself)', () => {
        const state = play(connected(), [{ type: 'disconnected', ...at(40), disconnectedBy: 'customer' }]).state;
        const { effects } = play(state, [{ type: 'submitWrapUp', codeId: 'code-from-picker' }]);
        expect(typesOf(effects)).toEqual(['callSubmitWrapUp']);
    });

    it('saves a wrap-up that cannot reach the contact centre for later, so nothing is lost', () => {
        const asked = submitted();
        const { state, effects } = play(asked, [{ type: 'wrapUpStoredForRetry', requestId: pendingId(asked) }]);

        expect(state.state).toBe('wrapUpPending');
        expect(state.wrapUp?.submission).toEqual({ codeId: 'code-resolved', notes: 'Refund issued' });
        expect(effects).toEqual([
            { type: 'showNotice', message: WRAP_UP_SAVED },
            { type: 'closeWrapUpPicker', ...target }
        ]);
        expect(needsAgentAttention(state)).toBe(false);
        expect(remainingMs(state, T0)).toBeUndefined();
    });

    it('finishes when a saved wrap-up lands later', () => {
        const asked = submitted();
        const { state, effects } = play(asked, [
            { type: 'wrapUpStoredForRetry', requestId: pendingId(asked) },
            { type: 'wrapUpSubmitted', ...at(200), wrapUpCode: 'code-resolved' }
        ]);

        expect(state.state).toBe('done');
        expect(count(effects, 'showError')).toBe(0);
    });

    it('shows a failed wrap-up with its message until the agent dismisses it', () => {
        const asked = submitted();
        const failed = play(asked, [
            { type: 'wrapUpStoredForRetry', requestId: pendingId(asked) },
            { type: 'wrapUpFailedForGood', ...at(300), message: 'The wrap-up code was deleted.' }
        ]);

        expect(failed.state).toMatchObject({ state: 'wrapUpFailed', error: 'The wrap-up code was deleted.' });
        expect(failed.effects).toContainEqual({ type: 'showError', message: 'The wrap-up code was deleted.' });
        expect(allowedActions(failed.state)).toEqual(['dismiss']);
        expect(needsAgentAttention(failed.state)).toBe(true);
        expect(isTerminal(failed.state.state)).toBe(true);

        const { state } = play(failed.state, [{ type: 'dismiss' }]);
        expect(state).toMatchObject({ state: 'done', error: undefined });
        expect(needsAgentAttention(state)).toBe(false);
    });

    it('ignores a late "saved for later" answer once the wrap-up already landed', () => {
        const asked = submitted();
        const { state, effects } = play(asked, [
            { type: 'wrapUpSubmitted', ...at(100) },
            { type: 'wrapUpStoredForRetry', requestId: pendingId(asked) }
        ]);
        expect(state.state).toBe('done');
        expect(count(effects, 'showNotice')).toBe(0);
    });

    it('fails for good with a standard message when the contact centre gives none', () => {
        const asked = submitted();
        const { state } = play(asked, [{ type: 'wrapUpFailedForGood', ...at(300) }]);
        expect(state).toMatchObject({ state: 'wrapUpFailed', error: WRAP_UP_FAILED });
    });

    it('ignores a wrap-up failure when the agent has not submitted one', () => {
        expect(whatChanges(inWrapUp(), { type: 'wrapUpFailedForGood', ...at(300) })).toEqual(NOTHING);
    });

    it('keeps the picker open with the error and the choice when Apex refuses the wrap-up', () => {
        const asked = submitted();
        const { state, effects } = play(asked, [
            { type: 'callFailed', call: 'submitWrapUp', requestId: pendingId(asked), message: 'Notes too long' }
        ]);

        expect(state).toMatchObject({ state: 'wrapUp', error: 'Notes too long' });
        expect(state.wrapUp?.submission?.codeId).toBe('code-resolved');
        expect(effects).toEqual([{ type: 'showError', message: 'Notes too long' }]);
        expect(allowedActions(state)).toEqual(['wrapUp']);
    });

    it('finishes and closes the picker when the wrap-up lands before Apex answers', () => {
        const asked = submitted();
        const { state, effects } = play(asked, [
            { type: 'wrapUpSubmitted', ...at(100) },
            { type: 'callFailed', call: 'submitWrapUp', requestId: pendingId(asked), message: 'Timed out' }
        ]);

        expect(state.state).toBe('done');
        expect(effects).toEqual([{ type: 'closeWrapUpPicker', ...target }]);
    });

    it('closes the picker when the agent wraps up in the contact-centre client or the wrap-up times out', () => {
        const { state, effects } = play(inWrapUp(), [
            { type: 'wrapUpSubmitted', ...at(160), wrapUpCode: 'ININ-WRAP-UP-TIMEOUT' }
        ]);
        expect(state.state).toBe('done');
        expect(effects).toEqual([{ type: 'closeWrapUpPicker', ...target }]);
    });

    it('fills in codes and time limit that arrive after the wrap-up opened', () => {
        const opened = play(connected(), [{ type: 'disconnected', ...at(40), disconnectedBy: 'customer' }]).state;
        const { state, effects } = play(opened, [
            { type: 'wrapUpRequired', ...at(41), codes: CODES, timeoutMs: 60_000 }
        ]);

        expect(state.wrapUp).toMatchObject({ startedAt: T0 + 40_000, codes: CODES, timeoutMs: 60_000 });
        expect(effects).toEqual([]);

        const unchanged = play(state, [{ type: 'wrapUpRequired', ...at(42) }]).state;
        expect(unchanged.wrapUp).toMatchObject({ codes: CODES, timeoutMs: 60_000 });
    });

    it('opens the wrap-up when the contact centre asks for one while the agent still looks connected', () => {
        const { state, effects } = play(connected(), [{ type: 'wrapUpRequired', ...at(40), codes: CODES }]);

        expect(state).toMatchObject({ state: 'wrapUp', endReason: 'endedElsewhere', wrapUp: { codes: CODES } });
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'closeTab', 'openWrapUpPicker']);
    });

    it('counts a wrap-up request during the agent’s own disconnect as the agent’s disconnect', () => {
        const asked = play(connected(), [{ type: 'disconnect' }]).state;
        const { state } = play(asked, [{ type: 'wrapUpRequired', ...at(40) }]);
        expect(state.endReason).toBe('agentDisconnected');
    });

    it('ignores a wrap-up request for a conversation that was never answered or is already done', () => {
        const waiting = alerting();
        expect(whatChanges(waiting, { type: 'wrapUpRequired', ...at(40) })).toEqual(NOTHING);
        expect(whatChanges(waiting, { type: 'wrapUpSubmitted', ...at(40) })).toEqual(NOTHING);
        const finished = play(inWrapUp(), [{ type: 'wrapUpSubmitted', ...at(100) }]).state;
        expect(whatChanges(finished, { type: 'wrapUpRequired', ...at(140) })).toEqual(NOTHING);
        expect(whatChanges(finished, { type: 'wrapUpSubmitted', ...at(140) })).toEqual(NOTHING);
    });

    it('finishes a conversation whose wrap-up landed even though its disconnect was missed', () => {
        const { state, effects } = play(connected(), [{ type: 'wrapUpSubmitted', ...at(100) }]);

        expect(state).toMatchObject({ state: 'done', endReason: 'endedElsewhere' });
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'closeTab']);
    });

    it('ignores Done when the picker has no wrap-up details (a hand-made or damaged state)', () => {
        const damaged: Interaction = { ...inWrapUp(), wrapUp: undefined };
        expect(transition(damaged, { type: 'submitWrapUp', codeId: 'code-resolved' }, T0).next).toBe(damaged);
        expect(whatChanges(damaged, { type: 'wrapUpRequired', ...at(50), codes: CODES })).toEqual(NOTHING);
        expect(remainingMs(damaged, T0)).toBeUndefined();
    });
});

describe('dismissing messages', () => {
    it('clears the error shown next to a conversation', () => {
        const asked = play(connected(), [{ type: 'transfer', target: { kind: 'queue', id: '' } }]).state;
        const { state, effects } = play(asked, [{ type: 'dismiss' }]);

        expect(state.error).toBeUndefined();
        expect(state.state).toBe('connected');
        expect(effects).toEqual([]);
    });

    it('does nothing when there is nothing to dismiss', () => {
        const state = connected();
        expect(transition(state, { type: 'dismiss' }, T0).next).toBe(state);
    });
});

describe('reloading the console', () => {
    it('restores the wrap-up picker and its countdown during wrap-up', () => {
        const snapshot = fixture('reload-snapshot');
        const { next, effects } = fromSnapshot(snapshot.participants[0], snapshot.takenAt);

        expect(next).toMatchObject({
            state: 'wrapUp',
            endReason: 'customerLeft',
            customerName: 'Ana García',
            wrapUp: { startedAt: T0 + 30_000, timeoutMs: 120_000 }
        });
        expect(next.wrapUp?.codes).toHaveLength(2);
        expect(effects).toEqual([
            { type: 'openWrapUpPicker', conversationId: 'conv-wrapup', participantId: 'agent-wrapup' }
        ]);
        expect(remainingMs(next, snapshot.takenAt)).toBe(60_000);
    });

    it('restores an alert with the time left to answer', () => {
        const snapshot = fixture('reload-snapshot');
        const { next, effects } = fromSnapshot(snapshot.participants[1], snapshot.takenAt);

        expect(next.state).toBe('alerting');
        expect(remainingMs(next, snapshot.takenAt)).toBe(20_000);
        expect(effects).toEqual([]);
    });

    it('shows a wrap-up Relay still holds as pending and one that failed for good as failed', () => {
        const snapshot = fixture('held-wrap-ups-snapshot');
        const { interactions, effects } = reconcile([], snapshot);

        expect(interactions.map((i) => i.state)).toEqual(['wrapUpPending', 'wrapUpFailed']);
        expect(interactions[1].error).toBe('The wrap-up code was deleted in the contact centre.');
        expect(effects).toEqual([
            { type: 'showError', message: 'The wrap-up code was deleted in the contact centre.' }
        ]);
    });

    it('re-attaches the work items, focuses the open conversation and closes what nothing owns', () => {
        const snapshot = fixture('reload-snapshot');
        const { interactions, effects } = reconcile([], snapshot);

        expect(interactions.map((i) => [i.conversationId, i.state])).toEqual([
            ['conv-wrapup', 'wrapUp'],
            ['conv-alerting', 'alerting'],
            ['conv-live', 'connected']
        ]);
        expect(effects).toEqual([
            { type: 'openWrapUpPicker', conversationId: 'conv-wrapup', participantId: 'agent-wrapup' },
            { type: 'openTab', conversationId: 'conv-live', participantId: 'agent-live', recordId: 'a01LIVE' },
            { type: 'closeWorkItem', agentWorkId: '0BzWRAP' },
            { type: 'closeTab', recordId: 'a01WRAP' },
            { type: 'closeWorkItem', agentWorkId: '0BzGONE' },
            { type: 'closeTab', recordId: 'a01GONE' }
        ]);
    });

    it('asks for nothing more when the same snapshot is reconciled again', () => {
        const snapshot = fixture('reload-snapshot');
        const first = reconcile([], snapshot);
        const withoutOrphan = {
            ...snapshot,
            workItems: snapshot.workItems?.filter((w) => w.agentWorkId !== '0BzGONE')
        };

        const second = reconcile(first.interactions, withoutOrphan);

        expect(second.interactions).toEqual(first.interactions);
        // The wrap-up's work item is still listed as open: Relay closed it and asks again, as the close did not take.
        expect(second.effects).toEqual([{ type: 'closeWorkItem', agentWorkId: '0BzWRAP' }]);
    });

    it('adds a conversation in wrap-up when a snapshot reports one the console does not have', () => {
        const snapshot = fixture('reload-snapshot');
        const { interactions, effects } = receive(
            [],
            {
                type: 'snapshot',
                ...at(90),
                conversationId: 'conv-wrapup',
                participantId: 'agent-wrapup',
                participant: snapshot.participants[0]
            },
            T0
        );
        expect(interactions[0].state).toBe('wrapUp');
        expect(typesOf(effects)).toEqual(['openWrapUpPicker']);
    });
});

describe('reconciling with the contact centre', () => {
    it('applies a wrap-up Relay holds when the contact centre asks for one after all, and once only', () => {
        const ended = play(connected(false), [{ type: 'disconnected', ...at(40), disconnectedBy: 'customer' }]).state;
        expect(ended.state).toBe('done');
        const reported = participant({ state: 'disconnected', storedWrapUp: { status: 'pending' } });
        const restored = play(ended, [snapshotEvent(50, reported)]).state;
        expect(restored.state).toBe('wrapUpPending');
        expect(whatChanges(restored, { ...snapshotEvent(50, reported), eventId: undefined })).toEqual(NOTHING);
    });

    it('closes the work item and tab of a conversation the contact centre no longer has for the agent', () => {
        const { interactions, effects } = reconcile([connected()], { takenAt: T0 + 120_000, participants: [] });

        expect(interactions[0]).toMatchObject({ state: 'done', endReason: 'endedElsewhere' });
        expect(effects).toEqual([
            { type: 'showNotice', message: ENDED_ELSEWHERE },
            { type: 'closeWorkItem', agentWorkId: WORK },
            { type: 'closeTab', tabId: TAB }
        ]);
    });

    it('quietly finishes a saved wrap-up that nothing holds any more: it was delivered', () => {
        const asked = submitted();
        const pending = play(asked, [{ type: 'wrapUpStoredForRetry', requestId: pendingId(asked) }]).state;

        const { interactions, effects } = reconcile([pending], { takenAt: T0 + 400_000, participants: [] });

        expect(interactions[0].state).toBe('done');
        expect(effects).toEqual([]);
    });

    it('leaves a finished conversation alone', () => {
        const finished = play(inWrapUp(), [{ type: 'wrapUpSubmitted', ...at(100) }]).state;
        expect(whatChanges(finished, snapshotEvent(400))).toEqual(NOTHING);
        const { interactions, effects } = reconcile([finished], { takenAt: T0 + 400_000, participants: [] });
        expect(interactions[0].state).toBe('done');
        expect(effects).toEqual([]);
    });

    it('does not close a new alert because of a snapshot taken before it arrived', () => {
        const { interactions: alerts } = receive([], alertingEvent(100), T0 + 100_000);
        const { interactions, effects } = reconcile(alerts, { takenAt: T0 + 99_000, participants: [] });

        expect(interactions[0].state).toBe('alerting');
        expect(effects).toEqual([]);
    });

    it('alerts a conversation the contact centre has for the agent but the console lost', () => {
        const { interactions, effects } = reconcile([], {
            takenAt: T0 + 10_000,
            participants: [participant({ state: 'alerting', alertingStartedAt: T0, alertingTimeoutMs: 30_000 })]
        });

        expect(interactions[0]).toMatchObject({ state: 'alerting', alertingStartedAt: T0 });
        expect(remainingMs(interactions[0], T0 + 10_000)).toBe(20_000);
        expect(effects).toEqual([]);
    });

    it('catches up a missed disconnect: the wrap-up opens and the work item and tab close', () => {
        const { interactions, effects } = reconcile([connected()], {
            takenAt: T0 + 120_000,
            participants: [
                participant({
                    state: 'disconnected',
                    disconnectedBy: 'customer',
                    wrapUpStartedAt: T0 + 100_000,
                    wrapUpCodes: CODES
                })
            ]
        });

        expect(interactions[0]).toMatchObject({
            state: 'wrapUp',
            endReason: 'customerLeft',
            wrapUp: { startedAt: T0 + 100_000 }
        });
        expect(typesOf(effects)).toEqual(['closeWorkItem', 'closeTab', 'openWrapUpPicker']);
    });

    it('catches up a missed transfer', () => {
        const { interactions } = reconcile([connected()], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', transferred: true, wrapUpRequired: false })]
        });
        expect(interactions[0]).toMatchObject({ state: 'done', endReason: 'transferred' });
    });

    it('catches up a missed pick-up done in the contact-centre client', () => {
        const { interactions, effects } = reconcile([alerting()], {
            takenAt: T0 + 20_000,
            participants: [participant({ state: 'connected' })]
        });
        expect(interactions[0].state).toBe('connected');
        expect(typesOf(effects)).toEqual(['acceptWorkItem', 'openTab']);
    });

    it('changes nothing when the contact centre agrees with the console', () => {
        const live = connected();
        const { interactions, effects } = reconcile([live], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'connected' })]
        });
        expect(interactions[0].state).toBe('connected');
        expect(effects).toEqual([]);

        const wrapping = inWrapUp();
        const again = reconcile([wrapping], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', disconnectedBy: 'customer' })]
        });
        expect(again.interactions[0].state).toBe('wrapUp');
        expect(again.effects).toEqual([]);
    });

    it('finishes a wrap-up the contact centre already has', () => {
        const { interactions, effects } = reconcile([inWrapUp()], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', wrapUpDone: true })]
        });
        expect(interactions[0].state).toBe('done');
        expect(effects).toEqual([{ type: 'closeWrapUpPicker', ...target }]);
    });

    it('ends a conversation the contact centre reports ended with no wrap-up needed', () => {
        const { interactions } = reconcile([connected()], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', wrapUpRequired: false })]
        });
        expect(interactions[0]).toMatchObject({ state: 'done', endReason: 'endedElsewhere' });
    });

    it('shows a wrap-up saved for later after the agent clicked Done and the page reloaded', () => {
        const { interactions, effects } = reconcile([inWrapUp()], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', storedWrapUp: { status: 'pending' } })]
        });
        expect(interactions[0].state).toBe('wrapUpPending');
        expect(effects).toEqual([{ type: 'closeWrapUpPicker', ...target }]);
    });

    it('opens a wrap-up the snapshot reports owed for a conversation that ended without one', () => {
        const ended = play(connected(), [
            { type: 'disconnected', ...at(40), disconnectedBy: 'agent', wrapUpRequired: false }
        ]).state;
        const { interactions, effects } = reconcile([ended], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', wrapUpStartedAt: T0 + 40_000, wrapUpCodes: CODES })]
        });

        expect(interactions[0]).toMatchObject({ state: 'wrapUp', wrapUp: { startedAt: T0 + 40_000, codes: CODES } });
        expect(effects).toEqual([{ type: 'openWrapUpPicker', ...target }]);

        const timed = reconcile([ended], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', wrapUpTimeoutMs: 90_000 })]
        });
        expect(timed.interactions[0].wrapUp).toMatchObject({ startedAt: T0 + 120_000, timeoutMs: 90_000 });
    });

    it('shows the standard message for a stored wrap-up that failed without one', () => {
        const { interactions } = reconcile([inWrapUp()], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'disconnected', storedWrapUp: { status: 'failed' } })]
        });
        expect(interactions[0]).toMatchObject({ state: 'wrapUpFailed', error: WRAP_UP_FAILED });
    });

    it('ignores snapshot news about a conversation that is already over', () => {
        const failed: Interaction = { ...inWrapUp(), state: 'wrapUpFailed', error: WRAP_UP_FAILED };
        expect(
            whatChanges(failed, snapshotEvent(120, participant({ state: 'disconnected', wrapUpDone: true })))
        ).toEqual(NOTHING);
    });

    it('ignores a snapshot that reports an answered conversation as still alerting', () => {
        const live = connected();
        const { interactions } = reconcile([live], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'alerting' })]
        });
        expect(interactions[0].state).toBe('connected');
    });

    it('gives a work item whose conversation the console knows to that conversation', () => {
        const bare = play(newInteraction({ ...target, channel: 'sms', wrapUpRequired: true }, T0), [
            { type: 'connected', ...at(1) }
        ]).state;
        const { interactions, effects } = reconcile([bare], {
            takenAt: T0 + 5_000,
            participants: [participant({ state: 'connected' })],
            workItems: [{ agentWorkId: WORK, recordId: RECORD, conversationId: CONVERSATION, accepted: false }]
        });

        expect(interactions[0].workItem).toEqual({ status: 'accepted', agentWorkId: WORK, recordId: RECORD });
        expect(typesOf(effects)).toEqual(['acceptWorkItem', 'openTab']);
    });

    it('gives a work item to the current participant rather than to an earlier, finished one', () => {
        const earlier: Interaction = {
            ...newInteraction({ ...target, participantId: 'part-old', channel: 'sms', wrapUpRequired: false }, T0),
            state: 'done',
            lastEventAt: T0
        };
        const current = alerting();
        const currentWithoutWork: Interaction = { ...current, workItem: { status: 'none' } };

        const { interactions } = reconcile([earlier, currentWithoutWork], {
            takenAt: T0 + 5_000,
            participants: [participant({ state: 'alerting' })],
            workItems: [{ agentWorkId: WORK, conversationId: CONVERSATION, accepted: false }]
        });

        expect(interactions[0].workItem.status).toBe('none');
        expect(interactions[1].workItem).toMatchObject({ status: 'offered', agentWorkId: WORK });
    });

    it('closes a work item that only a finished conversation could own', () => {
        const finished: Interaction = {
            ...newInteraction({ ...target, channel: 'sms', wrapUpRequired: false }, T0),
            state: 'done',
            lastEventAt: T0
        };
        const { effects } = reconcile([finished], {
            takenAt: T0 + 5_000,
            participants: [],
            workItems: [{ agentWorkId: WORK, conversationId: CONVERSATION, accepted: true }]
        });
        expect(effects).toEqual([{ type: 'closeWorkItem', agentWorkId: WORK }]);
    });

    it('declines an unaccepted work item nothing owns, even without a record or conversation', () => {
        const { effects } = reconcile([], {
            takenAt: T0,
            participants: [],
            workItems: [{ agentWorkId: '0BzLOST', accepted: false }]
        });
        expect(effects).toEqual([{ type: 'declineWorkItem', agentWorkId: '0BzLOST' }]);
    });

    it('leaves alone a work item the console already handles', () => {
        const { effects } = reconcile([connected()], {
            takenAt: T0 + 120_000,
            participants: [participant({ state: 'connected' })],
            workItems: [{ agentWorkId: WORK, recordId: RECORD, conversationId: CONVERSATION, accepted: true }]
        });
        expect(effects).toEqual([]);
    });

    it('asks again to decline an unaccepted work item that Relay declined but Salesforce still offers', () => {
        const missed = play(alerting(), [{ type: 'alertingTimedOut', ...at(30) }]).state;
        const { effects } = reconcile([missed], {
            takenAt: T0 + 60_000,
            participants: [],
            workItems: [{ agentWorkId: WORK, conversationId: CONVERSATION, accepted: false }]
        });
        expect(effects).toEqual([{ type: 'declineWorkItem', agentWorkId: WORK }]);
    });
});

describe('helpers for the panel', () => {
    it('identifies a conversation by conversation and participant', () => {
        expect(keyOf(alerting())).toBe(`${CONVERSATION}/${AGENT}`);
    });

    it('tells which states are over for the agent', () => {
        expect(hasEnded('connected')).toBe(false);
        expect(hasEnded('wrapUpPending')).toBe(true);
        expect(isTerminal('wrapUpPending')).toBe(false);
        expect(isTerminal('done')).toBe(true);
    });

    it('does not ask for attention for a conversation going well', () => {
        expect(needsAgentAttention(connected())).toBe(false);
        expect(needsAgentAttention(submitted())).toBe(false);
    });

    it.each([
        ['webmessaging', 'webchat'],
        ['WhatsApp', 'whatsapp'],
        [' SMS ', 'sms'],
        ['x', 'twitter'],
        ['email', 'email'],
        ['carrier-pigeon', undefined],
        ['constructor', undefined],
        ['', undefined],
        [null, undefined]
    ])('reads the channel %p as %p', (raw, channel) => {
        expect(toChannel(raw)).toBe(channel);
    });
});
