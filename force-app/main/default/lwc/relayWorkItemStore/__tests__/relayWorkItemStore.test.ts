import { newInteraction } from 'c/relayInteractionState';
import type { Interaction } from 'c/relayInteractionState';
import { RelayOmniError } from 'c/relayOmniChannel';
import type { AgentWork, OmniEvent, PresenceStatusWithChannels, Scheduler } from 'c/relayOmniChannel';
import {
    acquireStore,
    AGENT_SIGNAL_CHANNEL,
    ConversationStream,
    debounce,
    ENDED_KEPT,
    filterByName,
    format,
    formatCountdown,
    formatDuration,
    HELD_WRAP_UP_REFRESH_MS,
    isForAgent,
    LatestRequest,
    omniStatusIsOnQueue,
    readPayload,
    releaseStore,
    RETRY_DELAYS_MS,
    StatusDirectory,
    toContactCentreEvent,
    toParticipant,
    toRows,
    toSnapshot,
    WorkItemStore
} from 'c/relayWorkItemStore';
import type { RelayAgentStatus, RelayInteractionView, StorePorts } from 'c/relayWorkItemStore';
import VIEWS from './data/views.json';
import EVENTS from './data/events.json';
import AGENT from './data/agent.json';

// Under sfdx-lwc-jest a label import resolves to its own name.
const LABEL = (name: string): string => `c.${name}`;
const T0 = Date.parse('2026-11-21T12:00:00.000Z');
const ANA = 'conv-ana/agent-ana';
const CHAT = 'conv-chat/agent-chat';

type ViewName = keyof typeof VIEWS;
const view = (name: ViewName, changes: Partial<RelayInteractionView> = {}): RelayInteractionView => ({
    ...(VIEWS[name] as RelayInteractionView),
    ...changes
});
const status = (name: 'offQueue' | 'onQueue', changes: Partial<RelayAgentStatus> = {}): RelayAgentStatus => ({
    ...AGENT[name],
    ...changes
});

type EventName = keyof typeof EVENTS;
/** A platform event message from the fixtures, with payload fields changed. */
function event(name: EventName, payload: Record<string, unknown> = {}): unknown {
    const base = EVENTS[name];
    return { ...base, data: { ...base.data, payload: { ...base.data.payload, ...payload } } };
}

/**
 * The same event as the agent's console receives it: their signal rang, a PushTopic notification on
 * /topic/RelayAgentSignals whose sobject holds the topic's fields (docs/events.md, Delivery).
 */
function signal(name: EventName, fields: Record<string, unknown> = {}): unknown {
    const base = EVENTS[name];
    return {
        channel: AGENT_SIGNAL_CHANNEL,
        data: {
            event: {
                type: 'updated',
                createdDate: base.data.payload.Occurred_At__c,
                replayId: base.data.event.replayId
            },
            sobject: { Id: 'a0S000000000001AAA', Sequence__c: 1, ...base.data.payload, ...fields }
        }
    };
}

/** Timers that run only when the test says time passed. */
class FakeScheduler implements Scheduler {
    private timers: Array<{ id: number; at: number; callback: () => void }> = [];
    private next = 0;
    private clock = 0;

    setTimeout(callback: () => void, ms: number): unknown {
        const id = ++this.next;
        this.timers.push({ id, at: this.clock + ms, callback });
        return id;
    }

    clearTimeout(handle: unknown): void {
        this.timers = this.timers.filter((t) => t.id !== handle);
    }

    get waiting(): number[] {
        return this.timers.map((t) => t.at - this.clock);
    }

    advance(ms: number): void {
        this.clock += ms;
        const due = this.timers.filter((t) => t.at <= this.clock);
        this.timers = this.timers.filter((t) => t.at > this.clock);
        due.forEach((t) => t.callback());
    }
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function fakePorts() {
    let clock = T0 + 1_000;
    const scheduler = new FakeScheduler();
    const ports = {
        apex: {
            getAgentStatus: jest.fn().mockResolvedValue(status('offQueue')),
            setOnQueue: jest.fn((on: boolean) => Promise.resolve(status(on ? 'onQueue' : 'offQueue'))),
            resumeRouting: jest.fn(() =>
                Promise.resolve(status('onQueue', { omniStatusId: AGENT.omniOnline.statusId, notResponding: false }))
            ),
            syncInteractions: jest.fn().mockResolvedValue([]),
            syncOwedWrapUps: jest.fn().mockResolvedValue([]),
            getPendingWrapUps: jest.fn().mockResolvedValue([]),
            pickUp: jest.fn().mockResolvedValue(view('connected')),
            disconnect: jest.fn().mockResolvedValue(view('wrapUp'))
        },
        omni: {
            acceptWork: jest.fn().mockResolvedValue(undefined),
            closeWork: jest.fn().mockResolvedValue(undefined),
            setStatus: jest.fn((id: string) =>
                Promise.resolve(id === AGENT.omniOnline.statusId ? AGENT.omniOnline : AGENT.omniBusy)
            ),
            getStatus: jest.fn().mockResolvedValue(AGENT.omniBusy),
            getAgentWorks: jest.fn().mockResolvedValue([] as AgentWork[])
        },
        workspace: {
            openTab: jest.fn().mockResolvedValue('tab-ana'),
            closeTab: jest.fn().mockResolvedValue(true),
            tabsOf: jest.fn().mockResolvedValue([] as string[]),
            labelTab: jest.fn().mockResolvedValue(undefined)
        },
        scheduler,
        now: () => clock
    };
    return {
        ports: ports satisfies StorePorts,
        scheduler,
        tick: (ms: number) => {
            clock += ms;
        }
    };
}

async function startedStore(views: RelayInteractionView[] = [view('alerting')]) {
    const fake = fakePorts();
    fake.ports.apex.syncInteractions.mockResolvedValue(views);
    const store = new WorkItemStore(fake.ports);
    await store.start();
    await flush();
    return { store, ...fake };
}

const stateOf = (store: WorkItemStore, key: string): Interaction | undefined =>
    store.state.interactions.find((i) => `${i.conversationId}/${i.participantId}` === key);
const messages = (store: WorkItemStore): string[] => store.state.messages.map((m) => m.text);

describe('reading contact-centre events', () => {
    it('reads a platform event as the panel receives it, with or without a namespace prefix', () => {
        const plain = readPayload(EVENTS.alerting);
        expect(plain).toEqual({
            eventId: 'evt-alerting',
            type: 'conversation.alerting',
            conversationId: 'conv-ana',
            participantId: 'agent-ana',
            userId: 'user-agent',
            queueId: 'q-support',
            channel: 'whatsapp',
            occurredAt: T0,
            data: { alertingTimeoutMs: 30000 }
        });
        const namespaced = Object.fromEntries(
            Object.entries(EVENTS.alerting.data.payload).map(([k, v]) => [`relay__${k}`, v])
        );
        expect(readPayload({ data: { payload: namespaced } })).toEqual(plain);
    });

    it('reads the agent’s signal (a PushTopic notification) as it reads a platform event', () => {
        expect(readPayload(signal('alerting'))).toEqual(readPayload(EVENTS.alerting));
        expect(readPayload(signal('alerting', { Customer_Name__c: 'Ana García' }))?.data).toEqual({
            alertingTimeoutMs: 30000,
            customerName: 'Ana García'
        });
        // A signal registered but never rung has no event in it.
        expect(
            readPayload({ channel: AGENT_SIGNAL_CHANNEL, data: { sobject: { Id: 'a0S', Sequence__c: 0 } } })
        ).toBeNull();
    });

    it('ignores messages that are not usable conversation events', () => {
        expect(readPayload(null)).toBeNull();
        expect(readPayload({ data: {} })).toBeNull();
        expect(readPayload(event('alerting', { Type__c: '  ' }))).toBeNull();
        expect(readPayload(event('alerting', { Occurred_At__c: 'yesterday' }))).toBeNull();
        expect(readPayload(event('alerting', { Data__c: '{not json' }))?.data).toEqual({});
        expect(readPayload(event('alerting', { Data__c: '[1,2]' }))?.data).toEqual({});
    });

    it('keeps events about the agent, or naming nobody about a conversation the agent has', () => {
        const held = [
            newInteraction(
                { conversationId: 'conv-ana', participantId: 'agent-ana', channel: 'sms', wrapUpRequired: false },
                T0
            )
        ];
        const mine = readPayload(EVENTS.alerting)!;
        expect(isForAgent(mine, 'user-agent', [])).toBe(true);
        expect(isForAgent(mine, 'someone-else', held)).toBe(false);
        expect(isForAgent(mine, undefined, held)).toBe(false);
        const anonymous = readPayload(EVENTS.customerMessage)!;
        expect(isForAgent(anonymous, 'user-agent', held)).toBe(true);
        expect(isForAgent(anonymous, 'user-agent', [])).toBe(false);
    });

    it('turns each event type into what the state machine understands', () => {
        const known = newInteraction(
            {
                conversationId: 'conv-ana',
                participantId: 'agent-ana',
                channel: 'sms',
                wrapUpRequired: true,
                customerName: 'Ana',
                queueName: 'Support'
            },
            T0
        );
        const read = (name: EventName, payload: Record<string, unknown> = {}) =>
            toContactCentreEvent(readPayload(event(name, payload))!, [known]);

        expect(read('alerting')).toEqual({
            type: 'alerting',
            conversationId: 'conv-ana',
            participantId: 'agent-ana',
            occurredAt: T0,
            eventId: 'evt-alerting',
            channel: 'whatsapp',
            queueId: 'q-support',
            queueName: 'Support',
            customerName: 'Ana',
            wrapUpRequired: true,
            alertingTimeoutMs: 30000
        });
        // A new offer is named by who wrote, when the event says so, rather than shown as an unknown customer.
        expect(
            toContactCentreEvent(
                readPayload(event('alerting', { Data__c: '{"customerName":"Mateo Ruiz","alertingTimeoutMs":30000}' }))!,
                []
            )
        ).toMatchObject({ type: 'alerting', customerName: 'Mateo Ruiz' });
        expect(read('customerLeft')).toMatchObject({ type: 'disconnected', disconnectedBy: 'customer' });
        expect(read('customerLeft', { Data__c: '{"disconnectedBy":"robot"}' })).toMatchObject({
            disconnectedBy: 'system'
        });
        expect(read('customerLeft', { Data__c: '{"disconnectType":"transfer"}' })).toMatchObject({
            type: 'transferred'
        });
        expect(read('transferAccepted')).toMatchObject({ type: 'transferred' });
        expect(read('alerting', { Type__c: 'conversation.connected' })).toMatchObject({ type: 'connected' });
        expect(
            read('alerting', { Type__c: 'conversation.wrapUpRequired', Data__c: '{"wrapUpTimeoutMs":60000}' })
        ).toMatchObject({
            type: 'wrapUpRequired',
            timeoutMs: 60000
        });
        expect(
            read('alerting', { Type__c: 'conversation.wrapUpSubmitted', Data__c: '{"wrapUpCode":"c-1"}' })
        ).toMatchObject({
            type: 'wrapUpSubmitted',
            wrapUpCode: 'c-1'
        });
        expect(read('customerMessage')).toBeNull();
    });

    it('places an event without a participant on the agent’s own leg, but never guesses a new alert', () => {
        const ended = {
            ...newInteraction(
                { conversationId: 'conv-ana', participantId: 'old-leg', channel: 'sms', wrapUpRequired: false },
                T0
            ),
            state: 'done' as const
        };
        const live = newInteraction(
            { conversationId: 'conv-ana', participantId: 'new-leg', channel: 'sms', wrapUpRequired: false },
            T0
        );
        const leaving = readPayload(event('customerLeft', { Participant_Id__c: null }))!;
        expect(toContactCentreEvent(leaving, [ended, live])).toMatchObject({ participantId: 'new-leg' });
        expect(toContactCentreEvent(leaving, [ended])).toMatchObject({ participantId: 'old-leg' });
        expect(toContactCentreEvent(leaving, [])).toBeNull();
        expect(toContactCentreEvent(readPayload(event('alerting', { Participant_Id__c: '' }))!, [live])).toBeNull();
        const unknownChannel = readPayload(event('alerting', { Channel__c: 'pigeon', Data__c: '{}' }))!;
        expect(toContactCentreEvent(unknownChannel, [])).toMatchObject({ channel: 'webchat', wrapUpRequired: false });
    });
});

describe('reading the Apex views', () => {
    it('reads each interaction state as a reconciliation snapshot', () => {
        expect(toParticipant(view('alerting'))).toMatchObject({
            state: 'alerting',
            alertingStartedAt: T0,
            channel: 'whatsapp'
        });
        expect(toParticipant(view('connected', { state: 'transferring' }))).toMatchObject({ state: 'connected' });
        expect(toParticipant(view('wrapUp'))).toMatchObject({
            state: 'disconnected',
            wrapUpRequired: true,
            wrapUpStartedAt: Date.parse('2026-11-21T12:05:00.000Z'),
            wrapUpTimeoutMs: 120000
        });
        expect(toParticipant(view('wrapUpPending'))).toMatchObject({
            storedWrapUp: { status: 'pending', message: VIEWS.wrapUpPending.message }
        });
        expect(toParticipant(view('chatEndedElsewhere'))).toMatchObject({ state: 'disconnected', wrapUpDone: true });
        expect(toParticipant(view('heldFailed'), 'heldWrapUps')).toMatchObject({
            storedWrapUp: { status: 'failed', message: VIEWS.heldFailed.message }
        });
        expect(toParticipant(view('wrapUpPending'), 'heldWrapUps')).toMatchObject({
            storedWrapUp: { status: 'pending' }
        });
        expect(toParticipant(view('alerting', { participantId: null }))).toBeNull();
        expect(toParticipant(view('alerting', { state: null }))).toBeNull();
        expect(toParticipant(view('chat', { channel: 'telegram' }))).toMatchObject({ channel: 'webchat' });
    });

    it('attaches only Relay’s own Omni-Channel work, accepted when Omni-Channel has it open', () => {
        const works: AgentWork[] = [
            { workId: '0BzCHAT', workItemId: 'a01CHAT', isEngaged: true },
            { workId: '0BzCASE', workItemId: '500CASE', isEngaged: true }
        ];
        const snapshot = toSnapshot(
            [
                view('alerting'),
                view('chat'),
                view('chatEndedElsewhere', { id: 'a01GONE', conversationId: 'conv-gone', participantId: 'agent-gone' })
            ],
            works,
            T0
        );
        expect(snapshot.workItems).toEqual([
            { agentWorkId: '0BzANA', recordId: 'a01ANA', conversationId: 'conv-ana', accepted: false },
            { agentWorkId: '0BzCHAT', recordId: 'a01CHAT', conversationId: 'conv-chat', accepted: true }
        ]);
        // Work Omni-Channel no longer lists for a conversation that ended was closed: nothing to close again.
        expect(toSnapshot([view('wrapUp')], [], T0).workItems).toEqual([]);
        expect(toSnapshot([view('connected')], [], T0).workItems).toEqual([
            { agentWorkId: '0BzANA', recordId: 'a01ANA', conversationId: 'conv-ana', accepted: false }
        ]);
        // Without Omni-Channel's answer, a conversation past alerting was accepted when it was picked up.
        expect(toSnapshot([view('chat')], undefined, T0).workItems).toEqual([
            { agentWorkId: '0BzCHAT', recordId: 'a01CHAT', conversationId: 'conv-chat', accepted: true }
        ]);
        // A Bring Your Own Channel conversation's work routes its Messaging Session, open in the workspace or not.
        const byoc = view('connected', { workItemId: null, workRecordId: '0MwSESSION' });
        const sessionWork: AgentWork = { workId: '0BzSESSION', workItemId: '0MwSESSION', isEngaged: true };
        expect(toSnapshot([byoc], [sessionWork], T0).workItems).toEqual([
            { agentWorkId: '0BzSESSION', recordId: '0MwSESSION', conversationId: 'conv-ana', accepted: true }
        ]);
        expect(toSnapshot([{ ...byoc, workItemId: '0BzSESSION' }], [], T0).workItems).toEqual([
            { agentWorkId: '0BzSESSION', recordId: '0MwSESSION', conversationId: 'conv-ana', accepted: false }
        ]);
    });
});

describe('what the panel shows', () => {
    it('formats elapsed times and countdowns the way agents read clocks', () => {
        expect(formatDuration(0)).toBe('0:00');
        expect(formatDuration(65_999)).toBe('1:05');
        expect(formatDuration(3_725_000)).toBe('1:02:05');
        expect(formatDuration(-5_000)).toBe('0:00');
        expect(formatCountdown(500)).toBe('0:01');
        expect(formatCountdown(0)).toBe('0:00');
        expect(format('Answer within {0} ({1}) {2}', '0:23', 'x')).toBe('Answer within 0:23 (x) {2}');
    });

    it('finds names by every word typed, ignoring case and accents, and keeps the chosen one listed', () => {
        const codes = [
            { id: '1', name: 'Résolu' },
            { id: '2', name: 'Call back later' },
            { id: '3', name: 'Sale' }
        ];
        expect(filterByName(codes, 'resolu').map((c) => c.id)).toEqual(['1']);
        expect(filterByName(codes, '  BACK call ').map((c) => c.id)).toEqual(['2']);
        expect(filterByName(codes, '').map((c) => c.id)).toEqual(['1', '2', '3']);
        expect(filterByName(codes, 'sale', '2').map((c) => c.id)).toEqual(['2', '3']);
    });

    it('lists alerts first with their countdown, and hides what is over', async () => {
        const { store } = await startedStore([view('chat'), view('alerting')]);
        const rows = toRows(store.state.interactions, store.state.meta, T0 + 25_000);
        expect(rows.map((r) => r.key)).toEqual([ANA, CHAT]);
        expect(rows[0]).toMatchObject({
            customer: 'Ana García',
            channelLabel: LABEL('Relay_Channel_WhatsApp'),
            channelIcon: 'standard:whatsapp',
            queueText: LABEL('Relay_WorkItem_Queue'),
            stateLabel: LABEL('Relay_WorkItem_State_Alerting'),
            canPickUp: true,
            canTransfer: false,
            urgent: true,
            recordId: 'a01ANA'
        });
        // Labels resolve to their names in tests: the {0} of the real label is where the time goes.
        expect(format('{0}', rows[0].countdownText ?? '')).toBe(LABEL('Relay_WorkItem_AnswerWithin'));
        expect(rows[1]).toMatchObject({
            customer: 'visitor-17',
            canTransfer: true,
            canDisconnect: true,
            countdownText: undefined
        });
        const busy = toRows(store.state.interactions, store.state.meta, T0, { busyKeys: new Set([CHAT]) });
        expect(busy[1]).toMatchObject({ hasActions: false, canDisconnect: false });
    });
});

describe('Omni-Channel presence', () => {
    it('counts a status as On Queue when it carries Relay’s channel or is the mapped On Queue status', () => {
        expect(omniStatusIsOnQueue(AGENT.omniOnline)).toBe(true);
        expect(
            omniStatusIsOnQueue({
                statusApiName: 'X',
                channels: [{ channelId: '1', developerName: 'ns__Relay_Interaction' }]
            })
        ).toBe(true);
        expect(omniStatusIsOnQueue(AGENT.omniBusy)).toBe(false);
        expect(omniStatusIsOnQueue({ statusApiName: 'Relay_Online' }, 'Relay_Online')).toBe(true);
        const directory = new StatusDirectory();
        directory.learn(AGENT.omniOnline);
        directory.learn({ statusId: '', statusApiName: 'Nothing' });
        expect(directory.idOf('Relay_Online')).toBe('0N5ONLINE');
        expect(directory.idOf('Nothing')).toBeUndefined();
        expect(directory.idOf(null)).toBeUndefined();
    });
});

describe('search as you type', () => {
    it('searches once the agent pauses, at once on flush, and never after cancel', () => {
        const scheduler = new FakeScheduler();
        const searched: string[] = [];
        const search = debounce((term: string) => searched.push(term), 300, scheduler);
        search.schedule('s');
        search.schedule('su');
        scheduler.advance(299);
        expect(searched).toEqual([]);
        scheduler.advance(1);
        expect(searched).toEqual(['su']);
        search.schedule('sup');
        search.flush();
        search.flush();
        expect(searched).toEqual(['su', 'sup']);
        search.schedule('supp');
        search.cancel();
        scheduler.advance(1_000);
        expect(searched).toEqual(['su', 'sup']);
    });

    it('uses only the answer to the latest question', () => {
        const latest = new LatestRequest();
        const first = latest.next();
        const second = latest.next();
        expect(latest.isLatest(first)).toBe(false);
        expect(latest.isLatest(second)).toBe(true);
    });
});

describe('the event stream', () => {
    function fakeEmp() {
        const errorListeners: Array<(e: unknown) => void> = [];
        const handlers: Array<(m: unknown) => void> = [];
        const emp = {
            subscribe: jest.fn((_channel: string, _replay: number, onMessage: (m: unknown) => void) => {
                handlers.push(onMessage);
                return Promise.resolve({ id: `sub-${handlers.length}` });
            }),
            unsubscribe: jest.fn().mockResolvedValue(true),
            onError: jest.fn((listener: (e: unknown) => void) => errorListeners.push(listener))
        };
        const listener = { message: jest.fn(), connected: jest.fn(), interrupted: jest.fn() };
        return {
            emp,
            listener,
            fail: (e: unknown) => errorListeners.forEach((l) => l(e)),
            deliver: (m: unknown) => handlers.at(-1)?.(m)
        };
    }

    it('subscribes to the agent’s own signal, never to the platform event every agent would receive', async () => {
        const { emp, listener, deliver } = fakeEmp();
        const stream = new ConversationStream(emp, new FakeScheduler(), listener);
        stream.start();
        stream.start();
        await flush();
        expect(emp.subscribe).toHaveBeenCalledTimes(1);
        expect(emp.subscribe).toHaveBeenCalledWith('/topic/RelayAgentSignals', -1, expect.any(Function));
        expect(emp.subscribe).not.toHaveBeenCalledWith('/event/Relay_Conversation_Event__e', -1, expect.any(Function));
        expect(listener.connected).toHaveBeenCalledTimes(1);
        deliver(EVENTS.alerting);
        expect(listener.message).toHaveBeenCalledWith(EVENTS.alerting);
        stream.stop();
        deliver(EVENTS.alerting);
        expect(listener.message).toHaveBeenCalledTimes(1);
        expect(emp.unsubscribe).toHaveBeenCalledWith({ id: 'sub-1' });
    });

    it('subscribes again after a failure, waiting longer each time, and reports each reconnection', async () => {
        const { emp, listener, fail } = fakeEmp();
        const scheduler = new FakeScheduler();
        const stream = new ConversationStream(emp, scheduler, listener);
        emp.subscribe.mockRejectedValueOnce(new Error('handshake'));
        stream.start();
        await flush();
        expect(listener.interrupted).toHaveBeenCalledTimes(1);
        expect(scheduler.waiting).toEqual([RETRY_DELAYS_MS[0]]);
        emp.subscribe.mockRejectedValueOnce(new Error('handshake'));
        scheduler.advance(RETRY_DELAYS_MS[0]);
        await flush();
        expect(scheduler.waiting).toEqual([RETRY_DELAYS_MS[1]]);
        scheduler.advance(RETRY_DELAYS_MS[1]);
        await flush();
        expect(listener.connected).toHaveBeenCalledTimes(1);
        fail({ error: '403::Unknown client' });
        fail({ error: 'again' });
        expect(listener.interrupted).toHaveBeenCalledTimes(3);
        expect(scheduler.waiting).toEqual([RETRY_DELAYS_MS[0]]);
        expect(emp.unsubscribe).toHaveBeenCalledTimes(1);
        scheduler.advance(RETRY_DELAYS_MS[0]);
        await flush();
        expect(listener.connected).toHaveBeenCalledTimes(2);
        stream.stop();
        fail({ error: 'after stop' });
        expect(scheduler.waiting).toEqual([]);
    });

    it('registers the agent’s signal before subscribing, and treats a failed registration as a failed subscription', async () => {
        const { emp, listener } = fakeEmp();
        const scheduler = new FakeScheduler();
        const order: string[] = [];
        const prepare = jest
            .fn<Promise<unknown>, []>()
            .mockImplementationOnce(() => {
                order.push('register');
                return Promise.reject(new Error('not authenticated'));
            })
            .mockImplementation(() => {
                order.push('register');
                return Promise.resolve('a0S');
            });
        emp.subscribe.mockImplementation(() => {
            order.push('subscribe');
            return Promise.resolve({ id: 'sub-1' });
        });
        const stream = new ConversationStream(emp, scheduler, listener, prepare);
        stream.start();
        await flush();
        expect(emp.subscribe).not.toHaveBeenCalled();
        expect(listener.interrupted).toHaveBeenCalledTimes(1);

        scheduler.advance(RETRY_DELAYS_MS[0]);
        await flush();
        expect(order).toEqual(['register', 'register', 'subscribe']);
        expect(listener.connected).toHaveBeenCalledTimes(1);
        stream.stop();
    });

    it('drops a subscription that answers after the stream stopped', async () => {
        const { emp, listener } = fakeEmp();
        let answer: (value: { id: string }) => void = () => undefined;
        emp.subscribe.mockImplementationOnce(() => new Promise<{ id: string }>((resolve) => (answer = resolve)));
        const stream = new ConversationStream(emp, new FakeScheduler(), listener);
        stream.start();
        stream.stop();
        answer({ id: 'late' });
        await flush();
        expect(listener.connected).not.toHaveBeenCalled();
        expect(emp.unsubscribe).toHaveBeenCalledWith({ id: 'late' });
    });
});

describe('the work-item store', () => {
    it('loads the agent’s presence and conversations, and shows them', async () => {
        const { store, ports } = await startedStore([view('alerting')]);
        expect(ports.apex.getAgentStatus).toHaveBeenCalled();
        expect(store.state).toMatchObject({ loading: false, onQueue: false, agent: status('offQueue') });
        expect(stateOf(store, ANA)).toMatchObject({
            state: 'alerting',
            customerName: 'Ana García',
            workItem: { status: 'offered', agentWorkId: '0BzANA' }
        });
        expect(store.state.meta.get(ANA)).toMatchObject({ recordId: 'a01ANA', customerAddress: '+34600000001' });
    });

    it('picks up with one Apex call, then accepts the work item and opens its tab', async () => {
        const { store, ports } = await startedStore();
        store.pickUp(ANA);
        store.pickUp(ANA);
        await flush();
        expect(ports.apex.pickUp).toHaveBeenCalledTimes(1);
        expect(ports.apex.pickUp).toHaveBeenCalledWith('a01ANA');
        expect(ports.omni.acceptWork).toHaveBeenCalledWith('0BzANA');
        expect(ports.workspace.openTab).toHaveBeenCalledWith('a01ANA', true);
        expect(ports.workspace.labelTab).toHaveBeenCalledWith('tab-ana', 'Ana García');
        expect(stateOf(store, ANA)).toMatchObject({ state: 'connected', tab: { status: 'open', tabId: 'tab-ana' } });
        expect(store.state.meta.get(ANA)?.connectedAt).toBe(Date.parse('2026-11-21T12:00:05.000Z'));
    });

    it('keeps the alert and says why when Pick Up fails, and lets the agent try again', async () => {
        const { store, ports } = await startedStore();
        ports.apex.pickUp.mockRejectedValueOnce({ body: { message: 'The contact centre is busy right now.' } });
        store.pickUp(ANA);
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('alerting');
        expect(messages(store)).toEqual(['The contact centre is busy right now.']);
        store.pickUp(ANA);
        await flush();
        expect(ports.apex.pickUp).toHaveBeenCalledTimes(2);
        expect(stateOf(store, ANA)?.state).toBe('connected');
    });

    it('opens no tab on Pick Up when the admin turned that off, but still closes the one Omni-Channel opened', async () => {
        const fake = fakePorts();
        fake.ports.apex.syncInteractions.mockResolvedValue([view('alerting')]);
        fake.ports.workspace.tabsOf.mockResolvedValue(['tab-by-omni']);
        const store = new WorkItemStore({ ...fake.ports, openTabOnPickUp: false });
        await store.start();
        store.pickUp(ANA);
        await flush();
        expect(fake.ports.omni.acceptWork).toHaveBeenCalled();
        expect(fake.ports.workspace.openTab).not.toHaveBeenCalled();
        store.disconnect(ANA);
        await flush();
        expect(fake.ports.workspace.closeTab).toHaveBeenCalledWith('tab-by-omni');
    });

    it('disconnects once, closes the work item and the tab, and opens the wrap-up the Apex asks for', async () => {
        const { store, ports } = await startedStore([view('connected')]);
        ports.omni.getAgentWorks.mockResolvedValue([{ workId: '0BzANA', workItemId: 'a01ANA', isEngaged: true }]);
        store.disconnect(ANA);
        store.disconnect(ANA);
        await flush();
        expect(ports.apex.disconnect).toHaveBeenCalledTimes(1);
        expect(ports.apex.disconnect).toHaveBeenCalledWith('a01ANA');
        expect(ports.omni.closeWork).toHaveBeenCalledWith('0BzANA');
        expect(stateOf(store, ANA)).toMatchObject({
            state: 'wrapUp',
            wrapUp: { startedAt: Date.parse('2026-11-21T12:05:00.000Z'), timeoutMs: 120000 }
        });
        expect(store.pendingFocus).toBe(ANA);
        store.focusTaken(CHAT);
        expect(store.pendingFocus).toBe(ANA);
        store.focusTaken(ANA);
        expect(store.pendingFocus).toBeUndefined();
    });

    it('ends the conversation once when the agent closes its tab, and not again when Omni-Channel reports the close', async () => {
        const { store, ports } = await startedStore();
        store.pickUp(ANA);
        await flush();
        store.tabClosed('some-other-tab');
        store.tabClosed('tab-ana');
        await flush();
        store.omniEvent({ name: 'workClosed', workId: '0BzANA', workItemId: 'a01ANA' });
        await flush();
        expect(ports.apex.disconnect).toHaveBeenCalledTimes(1);
        expect(ports.workspace.closeTab).not.toHaveBeenCalled();
    });

    it('ends the conversation when the agent closes the work item in Omni-Channel', async () => {
        const { store, ports } = await startedStore([view('connected')]);
        store.omniEvent({ name: 'workClosed', workId: '0BzANA', workItemId: 'a01ANA' });
        await flush();
        expect(ports.apex.disconnect).toHaveBeenCalledTimes(1);
        expect(stateOf(store, ANA)?.state).toBe('wrapUp');
    });

    it('counts accepting the work item in Omni-Channel as Pick Up', async () => {
        const { store, ports } = await startedStore([view('alerting', { workItemId: null })]);
        store.omniEvent({ name: 'workAssigned', workId: '0BzNEW', workItemId: 'a01ANA' });
        store.omniEvent({ name: 'workAccepted', workId: '0BzNEW', workItemId: 'a01ANA' });
        store.omniEvent({ name: 'workAccepted', workId: '0BzOTHER', workItemId: '500CASE' });
        await flush();
        expect(ports.apex.pickUp).toHaveBeenCalledTimes(1);
        expect(ports.omni.acceptWork).not.toHaveBeenCalled();
        expect(stateOf(store, ANA)?.state).toBe('connected');
    });

    it('accepts the Messaging Session work that follows Pick Up of a Bring Your Own Channel conversation', async () => {
        // No work of Relay's own: Omni-Channel offers the conversation's session once the contact centre connects.
        const byoc = view('alerting', { workItemId: null, workRecordId: '0MwSESSION' });
        const { store, ports } = await startedStore([byoc]);
        store.pickUp(ANA);
        await flush();
        store.omniEvent({ name: 'workAssigned', workId: '0BzSESSION', workItemId: '0MwSESSION' });
        await flush();
        expect(ports.omni.acceptWork).toHaveBeenCalledWith('0BzSESSION');
        expect(ports.workspace.openTab).toHaveBeenCalledWith('0MwSESSION', true);
        expect(stateOf(store, ANA)?.workItem).toMatchObject({ status: 'accepted', recordId: '0MwSESSION' });
        // Work on another session is not this conversation's.
        store.omniEvent({ name: 'workAssigned', workId: '0BzOTHER', workItemId: '0MwOTHER' });
        await flush();
        expect(ports.omni.acceptWork).toHaveBeenCalledTimes(1);
    });

    it('closes the Messaging Session work and its tab when the customer leaves a Bring Your Own Channel conversation', async () => {
        const connected = view('connected', { workItemId: '0BzSESSION', workRecordId: '0MwSESSION' });
        const { store, ports } = await startedStore([connected]);
        await flush();
        ports.apex.syncInteractions.mockResolvedValue([view('wrapUp', { workRecordId: '0MwSESSION' })]);
        store.platformEvent(event('customerLeft'));
        await flush();
        expect(ports.apex.disconnect).not.toHaveBeenCalled();
        expect(ports.omni.closeWork).toHaveBeenCalledWith('0BzSESSION');
        // The tab the panel found open on the session (a reload) closes with it.
        expect(ports.workspace.openTab).toHaveBeenCalledWith('0MwSESSION', false);
        expect(ports.workspace.closeTab).toHaveBeenCalledWith('tab-ana');
        expect(stateOf(store, ANA)).toMatchObject({ state: 'wrapUp', endReason: 'customerLeft' });
    });

    it('closes the work item and the tab when the customer leaves, without disconnecting again', async () => {
        const { store, ports } = await startedStore();
        store.pickUp(ANA);
        await flush();
        ports.apex.syncInteractions.mockResolvedValue([view('wrapUp')]);
        store.platformEvent(event('customerLeft'));
        await flush();
        expect(ports.apex.disconnect).not.toHaveBeenCalled();
        expect(ports.omni.closeWork).toHaveBeenCalledWith('0BzANA');
        expect(ports.workspace.closeTab).toHaveBeenCalledWith('tab-ana');
        expect(stateOf(store, ANA)).toMatchObject({ state: 'wrapUp', endReason: 'customerLeft' });
    });

    it('ignores events for other agents and a redelivered event, and reconciles on every event that changes work', async () => {
        const { store, ports } = await startedStore();
        const syncs = ports.apex.syncInteractions.mock.calls.length;
        store.platformEvent(event('customerLeft', { Genesys_User_Id__c: 'another-agent' }));
        store.platformEvent(event('customerMessage'));
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('alerting');
        expect(ports.apex.syncInteractions).toHaveBeenCalledTimes(syncs);
        store.platformEvent(
            event('alerting', { Type__c: 'conversation.connected', Occurred_At__c: '2026-11-21T12:00:03.000Z' })
        );
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('connected');
        expect(ports.apex.syncInteractions).toHaveBeenCalledTimes(syncs + 1);
        store.platformEvent({ data: { payload: { Type__c: 'conversation.connected' } } });
        expect(store.state.interactions).toHaveLength(1);
    });

    it('shows a new alert at once and brings its record with the next reconciliation', async () => {
        const { store, ports } = await startedStore([]);
        ports.apex.syncInteractions.mockResolvedValue([view('alerting')]);
        store.platformEvent(EVENTS.alerting);
        expect(stateOf(store, ANA)).toMatchObject({ state: 'alerting', channel: 'whatsapp', alertingTimeoutMs: 30000 });
        await flush();
        expect(store.state.meta.get(ANA)?.recordId).toBe('a01ANA');
        expect(stateOf(store, ANA)?.customerName).toBe('Ana García');
    });

    it('shows an offer its agent’s signal rang for at once, named by who it is from', async () => {
        const { store, ports } = await startedStore([]);
        ports.apex.syncInteractions.mockResolvedValue([view('alerting')]);
        store.platformEvent(signal('alerting', { Customer_Name__c: 'Ana García' }));
        expect(stateOf(store, ANA)).toMatchObject({
            state: 'alerting',
            channel: 'whatsapp',
            alertingTimeoutMs: 30000,
            customerName: 'Ana García'
        });
        await flush();
        expect(store.state.meta.get(ANA)?.recordId).toBe('a01ANA');
    });

    it('waits for the reconciliation when Pick Up comes before the record is known', async () => {
        const { store, ports } = await startedStore([]);
        let answer: (views: RelayInteractionView[]) => void = () => undefined;
        ports.apex.syncInteractions.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        store.platformEvent(EVENTS.alerting);
        store.pickUp(ANA);
        await flush();
        expect(ports.apex.pickUp).not.toHaveBeenCalled();
        answer([view('alerting')]);
        await flush();
        answer([view('alerting')]);
        await flush();
        expect(ports.apex.pickUp).toHaveBeenCalledWith('a01ANA');
    });

    it('says so when Pick Up cannot find the record because reconciling failed', async () => {
        const { store, ports } = await startedStore([]);
        ports.apex.syncInteractions.mockRejectedValue({ body: { message: 'The contact centre isn’t responding.' } });
        store.platformEvent(EVENTS.alerting);
        store.pickUp(ANA);
        await flush();
        expect(ports.apex.pickUp).not.toHaveBeenCalled();
        expect(stateOf(store, ANA)).toMatchObject({
            state: 'alerting',
            error: LABEL('Relay_Error_InteractionNotFound')
        });
        expect(messages(store)).toEqual([
            'The contact centre isn’t responding.',
            LABEL('Relay_Error_InteractionNotFound')
        ]);
    });

    it('folds a burst of events into one more reconciliation', async () => {
        const { store, ports } = await startedStore();
        let answer: (views: RelayInteractionView[]) => void = () => undefined;
        ports.apex.syncInteractions.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
        const before = ports.apex.syncInteractions.mock.calls.length;
        for (let i = 1; i <= 3; i++) {
            store.platformEvent(
                event('alerting', { Event_Id__c: `burst-${i}`, Type__c: 'conversation.wrapUpSubmitted' })
            );
        }
        await flush();
        answer([view('alerting')]);
        await flush();
        answer([view('alerting')]);
        await flush();
        expect(ports.apex.syncInteractions).toHaveBeenCalledTimes(before + 2);
    });

    it('marks the interaction as transferring until the contact centre reports the transfer accepted', async () => {
        const { store, ports } = await startedStore();
        store.pickUp(ANA);
        await flush();
        store.transferCompleted(ANA, { queue: { id: 'q-billing', name: 'Billing' } });
        expect(stateOf(store, ANA)).toMatchObject({ state: 'transferring', pending: undefined });
        ports.apex.syncInteractions.mockResolvedValue([view('wrapUp')]);
        store.platformEvent(event('transferAccepted'));
        await flush();
        expect(stateOf(store, ANA)).toMatchObject({ state: 'wrapUp', endReason: 'transferred' });
        expect(ports.omni.closeWork).toHaveBeenCalledWith('0BzANA');
        expect(ports.workspace.closeTab).toHaveBeenCalledWith('tab-ana');
    });

    it('finishes the interaction when the wrap-up was delivered, and mirrors On Queue to Omni-Channel', async () => {
        const { store, ports } = await startedStore([view('wrapUp')]);
        ports.omni.setStatus.mockClear();
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        store.omniEvent({ name: 'statusChanged', ...(AGENT.omniBusy as PresenceStatusWithChannels), reason: null });
        await flush();
        ports.apex.setOnQueue.mockClear();
        store.wrapUpCompleted(ANA, { interactionId: 'a01ANA', status: 'Submitted', codeId: 'resolved', onQueue: true });
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('done');
        expect(store.state.onQueue).toBe(true);
        expect(ports.omni.setStatus).toHaveBeenCalledWith('0N5ONLINE');
        expect(ports.apex.setOnQueue).not.toHaveBeenCalled();
    });

    it('tells the agent what is left to do when the wrap-up went through with a message', async () => {
        const { store } = await startedStore([view('wrapUp')]);
        store.wrapUpCompleted(ANA, {
            interactionId: 'a01ANA',
            status: 'Submitted',
            codeId: 'resolved',
            message: 'Set your status to On Queue.'
        });
        expect(messages(store)).toEqual(['Set your status to On Queue.']);
    });

    it('shows a held wrap-up with its message until it lands', async () => {
        const { store, ports, scheduler } = await startedStore([view('wrapUp')]);
        store.wrapUpCompleted(ANA, {
            interactionId: 'a01ANA',
            status: 'Pending',
            codeId: 'resolved',
            message: VIEWS.wrapUpPending.message
        });
        expect(stateOf(store, ANA)?.state).toBe('wrapUpPending');
        expect(store.state.meta.get(ANA)?.message).toBe(VIEWS.wrapUpPending.message);
        expect(toRows(store.state.interactions, store.state.meta, T0)[0].message).toBe(VIEWS.wrapUpPending.message);
        ports.apex.getPendingWrapUps.mockResolvedValueOnce([view('wrapUpPending')]);
        scheduler.advance(HELD_WRAP_UP_REFRESH_MS);
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('wrapUpPending');
        ports.apex.getPendingWrapUps.mockRejectedValueOnce(new Error('offline'));
        scheduler.advance(HELD_WRAP_UP_REFRESH_MS);
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('wrapUpPending');
        ports.apex.getPendingWrapUps.mockResolvedValueOnce([]);
        scheduler.advance(HELD_WRAP_UP_REFRESH_MS);
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('done');
        expect(messages(store)).not.toContain(LABEL('Relay_Interaction_EndedElsewhere'));
        expect(scheduler.waiting).toEqual([]);
    });

    it('shows a wrap-up the agent owes on a conversation another agent took over, read after the reconciliation', async () => {
        const fake = fakePorts();
        // The interaction is now the other agent's: only the agent's own wrap-up record names it.
        fake.ports.apex.syncOwedWrapUps.mockResolvedValue([view('wrapUp', { id: 'a05OWED' })]);
        const store = new WorkItemStore(fake.ports);
        await store.start();
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('wrapUp');
        expect(store.state.meta.get(ANA)?.recordId).toBe('a05OWED');
        const [synced] = fake.ports.apex.syncInteractions.mock.invocationCallOrder;
        const [owed] = fake.ports.apex.syncOwedWrapUps.mock.invocationCallOrder;
        expect(owed).toBeGreaterThan(synced);
        await store.sync();
        await flush();
        expect(fake.ports.apex.syncOwedWrapUps).toHaveBeenCalledTimes(
            fake.ports.apex.syncInteractions.mock.calls.length
        );
        expect(stateOf(store, ANA)?.state).toBe('wrapUp');
    });

    it('keeps what it shows and says why when the wrap-ups the agent owes cannot be read', async () => {
        const { store, ports } = await startedStore([view('wrapUp')]);
        ports.apex.syncInteractions.mockResolvedValue([]);
        ports.apex.syncOwedWrapUps.mockRejectedValueOnce({ body: { message: 'The contact centre isn’t responding.' } });
        await store.sync();
        await flush();
        expect(stateOf(store, ANA)?.state).toBe('wrapUp');
        expect(messages(store)).toEqual(['The contact centre isn’t responding.']);
    });

    it('shows why a held wrap-up failed for good, until the agent dismisses it', async () => {
        const { store, ports, scheduler } = await startedStore([view('wrapUp')]);
        store.wrapUpCompleted(ANA, { interactionId: 'a01ANA', status: 'Pending', codeId: 'resolved' });
        ports.apex.getPendingWrapUps.mockResolvedValueOnce([view('heldFailed')]);
        scheduler.advance(HELD_WRAP_UP_REFRESH_MS);
        await flush();
        expect(stateOf(store, ANA)).toMatchObject({ state: 'wrapUpFailed', error: VIEWS.heldFailed.message });
        expect(toRows(store.state.interactions, store.state.meta, T0)[0]).toMatchObject({
            canDismiss: true,
            message: VIEWS.heldFailed.message
        });
        store.dismiss(ANA);
        expect(stateOf(store, ANA)?.state).toBe('done');
    });

    it('shows a wrap-up the contact centre can never take as failed', async () => {
        const { store } = await startedStore([view('wrapUp')]);
        store.wrapUpCompleted(ANA, {
            interactionId: 'a01ANA',
            status: 'Failed',
            codeId: 'resolved',
            message: 'Kept for your admin.'
        });
        expect(stateOf(store, ANA)).toMatchObject({ state: 'wrapUpFailed', error: 'Kept for your admin.' });
    });

    it('closes the work item and the tab a reload left behind for a conversation that ended meanwhile', async () => {
        const fake = fakePorts();
        fake.ports.apex.syncInteractions.mockResolvedValue([view('chatEndedElsewhere')]);
        fake.ports.omni.getAgentWorks.mockResolvedValue([
            { workId: '0BzCHAT', workItemId: 'a01CHAT', isEngaged: true }
        ]);
        fake.ports.workspace.tabsOf.mockResolvedValue(['tab-chat']);
        const store = new WorkItemStore(fake.ports);
        await store.start();
        await flush();
        expect(fake.ports.omni.closeWork).toHaveBeenCalledWith('0BzCHAT');
        expect(fake.ports.workspace.tabsOf).toHaveBeenCalledWith('a01CHAT');
        expect(fake.ports.workspace.closeTab).toHaveBeenCalledWith('tab-chat');
        // It ended before this page loaded: nothing to announce.
        expect(messages(store)).toEqual([]);
    });

    it('finds a conversation the agent was in after a reload without taking the focus, and says why it ended later', async () => {
        const fake = fakePorts();
        fake.ports.apex.syncInteractions.mockResolvedValue([view('chat')]);
        fake.ports.omni.getAgentWorks.mockResolvedValue([
            { workId: '0BzCHAT', workItemId: 'a01CHAT', isEngaged: true }
        ]);
        fake.ports.workspace.openTab.mockResolvedValue('tab-chat');
        const store = new WorkItemStore(fake.ports);
        await store.start();
        await flush();
        expect(fake.ports.omni.acceptWork).not.toHaveBeenCalled();
        expect(fake.ports.workspace.openTab).toHaveBeenCalledWith('a01CHAT', false);
        fake.ports.apex.syncInteractions.mockResolvedValue([view('chatEndedElsewhere')]);
        await store.sync();
        await flush();
        expect(stateOf(store, CHAT)?.state).toBe('done');
        expect(fake.ports.omni.closeWork).toHaveBeenCalledWith('0BzCHAT');
        expect(fake.ports.workspace.closeTab).toHaveBeenCalledWith('tab-chat');
        expect(messages(store)).toEqual([VIEWS.chatEndedElsewhere.message]);
    });

    it('shows the Apex message when reconciling fails, and an Omni-Channel problem once', async () => {
        const { store, ports } = await startedStore([]);
        ports.apex.syncInteractions.mockRejectedValueOnce({
            body: { message: 'The contact centre isn’t responding.' }
        });
        ports.omni.getAgentWorks.mockRejectedValue(new RelayOmniError('RELAY_MISSING'));
        await store.sync();
        await store.sync();
        await store.sync();
        expect(messages(store)).toHaveLength(2);
        expect(messages(store)).toEqual(
            expect.arrayContaining(['The contact centre isn’t responding.', LABEL('Relay_Error_Omni_Relay_Missing')])
        );
        store.dismissMessage(store.state.messages.find((m) => m.text.startsWith('The contact'))!.id);
        expect(messages(store)).toEqual([LABEL('Relay_Error_Omni_Relay_Missing')]);
    });

    it('shows on the interaction why Omni-Channel did not open it, until a later sync routes it', async () => {
        const notRouted = LABEL('Relay_Omni_RoutingFailed');
        const { store, ports } = await startedStore([
            view('alerting', { workItemId: null, message: notRouted }),
            view('chat', { state: 'connected', workItemId: null, message: notRouted })
        ]);
        const rows = toRows(store.state.interactions, store.state.meta, T0);
        expect(rows.map((r) => r.message)).toEqual([notRouted, notRouted]);
        ports.apex.syncInteractions.mockResolvedValueOnce([view('alerting'), view('chat', { state: 'connected' })]);
        await store.sync();
        expect(toRows(store.state.interactions, store.state.meta, T0).map((r) => r.message)).toEqual([
            undefined,
            undefined
        ]);
    });

    it('says nothing when closing a work item another close already closed, but reports one still open', async () => {
        const { store, ports } = await startedStore([view('connected')]);
        ports.omni.getAgentWorks.mockResolvedValue([{ workId: '0BzANA', workItemId: 'a01ANA', isEngaged: true }]);
        await store.sync();
        ports.omni.closeWork.mockRejectedValueOnce(new RelayOmniError('OMNI_REJECTED'));
        ports.omni.getAgentWorks.mockResolvedValue([]);
        store.disconnect(ANA);
        await flush();
        expect(ports.omni.closeWork).toHaveBeenCalledWith('0BzANA');
        expect(messages(store)).toEqual([]);

        const other = await startedStore([view('connected')]);
        other.ports.omni.getAgentWorks.mockResolvedValue([{ workId: '0BzANA', workItemId: 'a01ANA', isEngaged: true }]);
        await other.store.sync();
        other.ports.omni.closeWork.mockRejectedValueOnce(new RelayOmniError('OMNI_REJECTED'));
        other.store.disconnect(ANA);
        await flush();
        expect(messages(other.store)).toEqual([LABEL('Relay_Error_Omni_Action_Failed')]);
    });

    it('reports an Omni-Channel failure to accept the work item', async () => {
        const { store, ports } = await startedStore();
        ports.omni.acceptWork.mockRejectedValueOnce(new RelayOmniError('TIMEOUT'));
        store.pickUp(ANA);
        await flush();
        expect(messages(store)).toEqual([LABEL('Relay_Error_Omni_Timeout')]);
    });

    it('goes On Queue in the contact centre first, then puts Omni-Channel Online', async () => {
        const { store, ports } = await startedStore([]);
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        await flush();
        store.omniEvent({ name: 'statusChanged', ...(AGENT.omniBusy as PresenceStatusWithChannels), reason: null });
        await flush();
        ports.apex.setOnQueue.mockClear();
        ports.omni.setStatus.mockClear();
        await store.setOnQueue(true);
        expect(ports.apex.setOnQueue).toHaveBeenCalledWith(true);
        expect(ports.omni.setStatus).toHaveBeenCalledWith('0N5ONLINE');
        expect(store.state).toMatchObject({ onQueue: true, queueBusy: false });
        // Omni-Channel's own confirmation does not bounce back to the contact centre.
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        expect(ports.apex.setOnQueue).toHaveBeenCalledTimes(1);
    });

    it('sets Omni-Channel by the status id the Apex reports, before Omni-Channel ever reported that status', async () => {
        const { store, ports } = await startedStore([]);
        ports.apex.setOnQueue.mockResolvedValueOnce(status('onQueue', { omniStatusId: AGENT.omniOnline.statusId }));
        await store.setOnQueue(true);
        await flush();
        expect(ports.omni.setStatus).toHaveBeenCalledWith('0N5ONLINE');
        expect(messages(store)).toEqual([]);
    });

    it('asks the agent to set Omni-Channel by hand when neither the Apex nor Omni-Channel gave the status id', async () => {
        const { store, ports } = await startedStore([]);
        await store.setOnQueue(true);
        expect(ports.omni.setStatus).not.toHaveBeenCalled();
        expect(messages(store)).toEqual([LABEL('Relay_WorkItem_OmniStatusManual')]);
    });

    it('follows Omni-Channel: Online goes On Queue, logging out goes Off Queue', async () => {
        const { store, ports } = await startedStore([]);
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        await flush();
        expect(ports.apex.setOnQueue).toHaveBeenLastCalledWith(true);
        store.omniEvent({ name: 'logout', reason: null });
        await flush();
        expect(ports.apex.setOnQueue).toHaveBeenLastCalledWith(false);
        expect(store.state.onQueue).toBe(false);
    });

    it('goes On Queue when the agent chose Online before their contact-centre status had loaded', async () => {
        const fake = fakePorts();
        let answerAgent: (value: RelayAgentStatus) => void = () => {};
        fake.ports.apex.getAgentStatus.mockReturnValueOnce(new Promise((resolve) => (answerAgent = resolve)));
        const store = new WorkItemStore(fake.ports);
        const started = store.start();
        await flush();
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        answerAgent(status('offQueue'));
        await started;
        await flush();
        expect(fake.ports.apex.setOnQueue).toHaveBeenCalledWith(true);
        expect(fake.ports.omni.setStatus).not.toHaveBeenCalled();
        expect(store.state.onQueue).toBe(true);
    });

    it('after a missed offer shows the agent Not Responding, Omni-Channel follows, and On Queue clears it', async () => {
        const { store, ports } = await startedStore([view('alerting')]);
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        await flush();
        ports.apex.getAgentStatus.mockResolvedValue(
            status('onQueue', {
                notResponding: true,
                omniStatusApiName: 'Relay_Busy',
                omniStatusId: AGENT.omniBusy.statusId
            })
        );
        ports.omni.setStatus.mockClear();
        ports.apex.setOnQueue.mockClear();

        // The offer timed out in the contact centre.
        store.platformEvent(event('customerLeft', { Data__c: '{"disconnectedBy":"system"}' }));
        await flush();

        expect(store.state).toMatchObject({ notResponding: true, onQueue: false });
        expect(ports.omni.setStatus).toHaveBeenCalledWith(AGENT.omniBusy.statusId);
        expect(ports.apex.setOnQueue).not.toHaveBeenCalled();

        await store.setOnQueue(true);
        expect(ports.apex.resumeRouting).toHaveBeenCalledTimes(1);
        expect(ports.apex.setOnQueue).not.toHaveBeenCalled();
        expect(store.state).toMatchObject({ notResponding: false, onQueue: true });
        expect(ports.omni.setStatus).toHaveBeenLastCalledWith(AGENT.omniOnline.statusId);
    });

    it('keeps the toggle where it was and says why when going On Queue fails', async () => {
        const { store, ports } = await startedStore([]);
        ports.apex.setOnQueue.mockRejectedValueOnce({ body: { message: 'Relay is not configured.' } });
        await store.setOnQueue(true);
        expect(store.state.onQueue).toBe(false);
        expect(messages(store)).toEqual(['Relay is not configured.']);
    });

    it('says why the presence could not be read, and leaves the toggle alone', async () => {
        const fake = fakePorts();
        fake.ports.apex.getAgentStatus.mockRejectedValue({ body: { message: 'Relay is not configured.' } });
        const store = new WorkItemStore(fake.ports);
        await store.start();
        expect(store.state).toMatchObject({ agent: undefined, onQueue: false, loading: false });
        expect(messages(store)).toEqual(['Relay is not configured.']);
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        expect(fake.ports.apex.setOnQueue).not.toHaveBeenCalled();
    });

    it('puts Omni-Channel Online on load when the agent is already On Queue in the contact centre', async () => {
        const fake = fakePorts();
        fake.ports.apex.getAgentStatus.mockResolvedValue(status('onQueue'));
        fake.ports.omni.getStatus.mockResolvedValue(AGENT.omniOnline);
        const store = new WorkItemStore(fake.ports);
        await store.start();
        await flush();
        expect(fake.ports.omni.setStatus).not.toHaveBeenCalled();
        fake.ports.omni.getStatus.mockRejectedValue(new RelayOmniError('OMNI_REJECTED'));
        store.omniEvent({ name: 'relayReady' });
        await flush();
        expect(fake.ports.omni.setStatus).toHaveBeenCalledWith('0N5ONLINE');
    });

    it('shows a failed Omni-Channel status change and leaves the contact centre alone', async () => {
        const { store, ports } = await startedStore([]);
        store.omniEvent({ name: 'statusChanged', ...AGENT.omniOnline, reason: null });
        await flush();
        store.omniEvent({ name: 'statusChanged', ...(AGENT.omniBusy as PresenceStatusWithChannels), reason: null });
        await flush();
        ports.omni.setStatus.mockRejectedValueOnce(new RelayOmniError('OMNI_REJECTED'));
        await store.setOnQueue(true);
        await flush();
        expect(messages(store)).toEqual([LABEL('Relay_Error_Omni_Action_Failed')]);
    });

    it('reconciles and refreshes the presence whenever the event stream reconnects', async () => {
        const { store, ports } = await startedStore([]);
        store.streamInterrupted();
        expect(store.state.live).toBe(false);
        const syncs = ports.apex.syncInteractions.mock.calls.length;
        const statuses = ports.apex.getAgentStatus.mock.calls.length;
        store.streamConnected();
        await flush();
        expect(store.state.live).toBe(true);
        expect(ports.apex.syncInteractions).toHaveBeenCalledTimes(syncs + 1);
        expect(ports.apex.getAgentStatus).toHaveBeenCalledTimes(statuses + 1);
    });

    it('keeps contact-centre time when the agent’s clock is wrong', async () => {
        const { store, tick } = await startedStore([]);
        // The browser clock runs 60 s ahead: the event occurred "a minute ago" by the browser's clock.
        tick(60_000);
        store.platformEvent(event('alerting', { Occurred_At__c: new Date(T0 + 1_000).toISOString() }));
        expect(store.now()).toBe(T0 + 1_000);
        const row = toRows(store.state.interactions, store.state.meta, store.now())[0];
        expect(row.elapsedText).toBe(LABEL('Relay_WorkItem_Elapsed'));
        expect(row.urgent).toBe(false);
    });

    it('forgets the oldest ended conversations beyond what it needs to recognise late events', async () => {
        const views = Array.from({ length: ENDED_KEPT + 2 }, (_, n) =>
            view('chatEndedElsewhere', {
                id: `a01${n}`,
                conversationId: `conv-${n}`,
                participantId: `p-${n}`,
                message: null
            })
        );
        const { store } = await startedStore(views);
        expect(store.state.interactions).toHaveLength(ENDED_KEPT);
        expect(store.state.interactions[0].conversationId).toBe('conv-2');
    });

    it('stops telling anyone anything once disposed', async () => {
        const { store, ports } = await startedStore([]);
        const listener = jest.fn();
        store.subscribe(listener);
        store.dispose();
        ports.apex.syncInteractions.mockResolvedValue([view('alerting')]);
        await store.sync();
        store.platformEvent(EVENTS.alerting);
        expect(listener).not.toHaveBeenCalled();
        expect(store.state.interactions).toHaveLength(0);
    });

    it('shares one store between the panels of a page and stops it with the last one', () => {
        const release = jest.fn();
        const made = new WorkItemStore(fakePorts().ports);
        const create = jest.fn(() => ({ store: made, release }));
        const first = acquireStore(create);
        const second = acquireStore(create);
        expect(second).toBe(first);
        expect(create).toHaveBeenCalledTimes(1);
        releaseStore(first);
        releaseStore(new WorkItemStore(fakePorts().ports));
        expect(release).not.toHaveBeenCalled();
        releaseStore(second);
        expect(release).toHaveBeenCalledTimes(1);
        releaseStore(second);
        expect(release).toHaveBeenCalledTimes(1);
    });

    it('ignores Omni-Channel news that is not about Relay work', async () => {
        const { store, ports } = await startedStore();
        const events: OmniEvent[] = [
            { name: 'workClosed', workId: '0BzCASE', workItemId: '500CASE' },
            { name: 'loginSuccess', statusId: '0N5ONLINE' },
            { name: 'connectionError' }
        ];
        events.forEach((e) => store.omniEvent(e));
        await flush();
        expect(ports.apex.disconnect).not.toHaveBeenCalled();
        expect(stateOf(store, ANA)?.state).toBe('alerting');
    });
});
