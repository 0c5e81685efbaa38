// Deriving Relay's events from Genesys conversation notifications (fixtures typed with the official SDK's models).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    deriveEvents,
    isOpen,
    mergeView,
    readConversation,
    readNotification,
    type ConversationView,
    type DerivedEvent
} from '../src/derive';
import { eventIdFor, uuidV5 } from '../src/events';
import { IDS, at, queueNotification, userMessageNotification, type Scene, type SceneMessage } from './fixtures/genesys';

const OBSERVED = '2026-11-21T13:00:00.000Z';

function view(scene: Scene): ConversationView {
    const v = readNotification(queueNotification(scene));
    assert.ok(v);
    return v;
}

/** Plays scenes in order, as one instance receiving each notification would. */
function play(...scenes: Scene[]): DerivedEvent[][] {
    let previous: ConversationView | undefined;
    return scenes.map((scene) => {
        const next = view(scene);
        const events = deriveEvents(previous, next, OBSERVED);
        previous = next;
        return events;
    });
}

const brief = (events: DerivedEvent[]): string[] =>
    events.map(({ event: e }) => `${e.type} ${e.userId ?? '-'} ${JSON.stringify(e.data)}`);

const queued: Scene = {
    customer: { state: 'connected', connectedAt: 0, messages: [{ id: 'm1', at: 1 }] },
    acd: { state: 'connected', connectedAt: 0 }
};
const offered: Scene = { ...queued, agent: { state: 'alerting' } };
const connected: Scene = {
    ...queued,
    acd: { state: 'disconnected', connectedAt: 0, endedAt: 10, disconnectType: 'transfer' },
    agent: { state: 'connected', connectedAt: 10 }
};
const secondMessage: Scene = {
    ...connected,
    customer: {
        ...queued.customer,
        messages: [
            { id: 'm1', at: 1 },
            { id: 'm2', at: 20 }
        ]
    }
};
const customerLeft: Scene = {
    ...secondMessage,
    customer: { ...secondMessage.customer, state: 'disconnected', endedAt: 30, disconnectType: 'endpoint' },
    agent: {
        state: 'disconnected',
        connectedAt: 10,
        endedAt: 30,
        disconnectType: 'peer',
        wrapupRequired: true,
        acwAt: 30
    }
};
const wrappedUp: Scene = { ...customerLeft, agent: { ...customerLeft.agent!, wrapupCode: 'wc-resolved' } };

test("a conversation's life gives Relay's events in order, each once", () => {
    const steps = play(queued, offered, connected, secondMessage, customerLeft, wrappedUp);
    assert.deepEqual(steps.map(brief), [
        [
            `conversation.customerMessage - {"messageId":"m1","text":"","customerName":"Dana Customer","customerAddress":"+15550100"}`
        ],
        [
            'conversation.alerting u-alex {"alertingTimeoutMs":30000,"customerName":"Dana Customer","customerAddress":"+15550100"}'
        ],
        ['conversation.connected u-alex {}'],
        [
            `conversation.customerMessage u-alex {"messageId":"m2","text":"","customerName":"Dana Customer","customerAddress":"+15550100"}`
        ],
        [
            'conversation.disconnected u-alex {"disconnectedBy":"customer"}',
            'conversation.wrapUpRequired u-alex {"wrapUpPrompt":"mandatory","wrapUpTimeoutMs":60000}'
        ],
        ['conversation.wrapUpSubmitted u-alex {"wrapUpCode":"wc-resolved"}']
    ]);
    const all = steps.flat().map((d) => d.event);
    assert.ok(all.every((e) => e.conversationId === IDS.conversation && e.queueId === IDS.queue));
    assert.ok(all.every((e) => e.channel === 'whatsapp'));
    assert.equal(all[1]?.participantId, IDS.agentLeg);
    assert.equal(all[2]?.occurredAt, at(10), 'connected at the communication connectedTime');
    assert.equal(all[1]?.occurredAt, OBSERVED, 'the queue topic gives no alerting time: when it was observed');
});

test('customer messages name the content still to fetch (notifications carry no text)', () => {
    const [first] = play(queued);
    assert.deepEqual(first?.[0]?.needsMessageContent, { conversationId: IDS.conversation, messageId: 'm1' });
    const media: Scene = {
        ...queued,
        customer: {
            ...queued.customer,
            messages: [
                {
                    id: 'm3',
                    at: 2,
                    media: [
                        {
                            id: 'media-1',
                            url: 'https://media.example.com/photo.jpg?sig=1',
                            mediaType: 'image/jpeg',
                            name: 'photo.jpg',
                            contentLengthBytes: 12345
                        }
                    ]
                }
            ]
        }
    };
    const [events] = play(media);
    assert.deepEqual(events?.[0]?.event.data.attachments, [
        {
            mediaId: 'media-1',
            url: 'https://media.example.com/photo.jpg?sig=1',
            name: 'photo.jpg',
            contentType: 'image/jpeg',
            sizeBytes: 12345
        }
    ]);
});

test('a repeated notification gives nothing; a restarted or other instance gives the same ids', () => {
    assert.deepEqual(deriveEvents(view(connected), view(connected), OBSERVED), []);
    const live = play(queued, offered, connected, secondMessage, customerLeft).flat();
    // An instance that never saw this conversation (fresh, or after losing its snapshot) sees only the last state.
    const cold = deriveEvents(undefined, view(customerLeft), OBSERVED);
    const liveIds = new Set(live.map((d) => d.event.eventId));
    assert.ok(cold.length > 0);
    for (const d of cold) assert.ok(liveIds.has(d.event.eventId), `${d.event.type} has the id the live run gave it`);
    assert.equal(
        live.find((d) => d.event.type === 'conversation.connected')?.event.eventId,
        eventIdFor(IDS.conversation, 'conversation.connected', IDS.agentLeg)
    );
});

test('a notification arriving late (older state) adds nothing new', () => {
    const ids = new Set(
        play(queued, offered, connected)
            .flat()
            .map((d) => d.event.eventId)
    );
    const late = deriveEvents(view(connected), view(offered), OBSERVED);
    assert.ok(
        late.every((d) => ids.has(d.event.eventId)),
        'only ids already sent: the outbox drops them'
    );
});

test('a transfer is reported to the agent it left only when another agent accepts it', () => {
    const transferring: Scene = {
        ...connected,
        agent: {
            state: 'disconnected',
            connectedAt: 10,
            endedAt: 40,
            disconnectType: 'transfer',
            wrapupRequired: true,
            acwAt: 40
        },
        acd2: { state: 'connected', connectedAt: 40 }
    };
    const offeredToOther: Scene = { ...transferring, agent2: { state: 'alerting' } };
    const accepted: Scene = {
        ...transferring,
        acd2: { state: 'disconnected', connectedAt: 40, endedAt: 50, disconnectType: 'transfer' },
        agent2: { state: 'connected', connectedAt: 50 }
    };
    const [, onTransfer, onOffer, onAccept] = play(connected, transferring, offeredToOther, accepted);
    assert.deepEqual(brief(onTransfer ?? []), [
        'conversation.wrapUpRequired u-alex {"wrapUpPrompt":"mandatory","wrapUpTimeoutMs":60000}'
    ]);
    assert.deepEqual(brief(onOffer ?? []), [
        'conversation.alerting u-blake {"alertingTimeoutMs":30000,"customerName":"Dana Customer","customerAddress":"+15550100"}'
    ]);
    assert.deepEqual(brief(onAccept ?? []), [
        'conversation.connected u-blake {}',
        `conversation.transferred u-alex {"targetQueueId":"${IDS.otherQueue}","targetUserId":"${IDS.otherAgent}"}`
    ]);
    assert.equal(onAccept?.[1]?.event.participantId, IDS.agentLeg);

    const customerLeavesFirst: Scene = {
        ...transferring,
        customer: { ...connected.customer, state: 'disconnected', endedAt: 45, disconnectType: 'endpoint' },
        acd2: { state: 'disconnected', connectedAt: 40, endedAt: 45, disconnectType: 'peer' }
    };
    const [, , left] = play(connected, transferring, customerLeavesFirst);
    assert.deepEqual(brief(left ?? []), ['conversation.disconnected u-alex {"disconnectedBy":"customer"}']);
});

test('an offer declined by the agent or not answered in time ends without connect or wrap-up', () => {
    const declined: Scene = { ...offered, agent: { state: 'disconnected', endedAt: 5, disconnectType: 'client' } };
    const timedOut: Scene = {
        ...offered,
        agent: { state: 'disconnected', endedAt: 30, disconnectType: 'timeout', wrapupRequired: true }
    };
    assert.deepEqual(brief(play(offered, declined)[1] ?? []), [
        'conversation.disconnected u-alex {"disconnectedBy":"agent"}'
    ]);
    assert.deepEqual(brief(play(offered, timedOut)[1] ?? []), [
        'conversation.disconnected u-alex {"disconnectedBy":"system"}'
    ]);
});

test('a conversation the customer ends while queued is disconnected without an agent', () => {
    const gone: Scene = {
        customer: { ...queued.customer, state: 'disconnected', endedAt: 8, disconnectType: 'endpoint' },
        acd: { state: 'disconnected', connectedAt: 0, endedAt: 8, disconnectType: 'peer' }
    };
    const [, events] = play(queued, gone);
    assert.deepEqual(brief(events ?? []), ['conversation.disconnected - {"disconnectedBy":"customer"}']);
    assert.equal(events?.[0]?.event.participantId, null);
    assert.equal(events?.[0]?.event.queueId, IDS.queue);
});

test('the .messages topics (state on the participant) give the same events as the all-media topics', () => {
    const scenes = [queued, offered, connected, secondMessage, customerLeft, wrappedUp];
    let previous: ConversationView | undefined;
    const fromMessagesTopic = scenes.flatMap((scene) => {
        const next = readNotification(userMessageNotification(scene));
        assert.ok(next);
        const events = deriveEvents(previous, next, OBSERVED);
        previous = next;
        return events;
    });
    const fromQueueTopic = play(...scenes).flat();
    const strip = (d: DerivedEvent): unknown => ({ ...d.event, occurredAt: undefined });
    assert.deepEqual(
        fromMessagesTopic.map((d) => d.event.type),
        fromQueueTopic.map((d) => d.event.type)
    );
    assert.deepEqual(
        fromMessagesTopic.map((d) => d.event.eventId),
        fromQueueTopic.map((d) => d.event.eventId)
    );
    assert.deepEqual(fromMessagesTopic.map(strip).slice(2), fromQueueTopic.map(strip).slice(2));
});

test('other topics and bodies without a conversation id are ignored', () => {
    assert.equal(
        readNotification({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } }),
        undefined
    );
    assert.equal(readNotification({ topicName: `v2.users.${IDS.agent}.presence`, eventBody: { id: 'x' } }), undefined);
    assert.equal(
        readNotification({ topicName: `v2.routing.queues.${IDS.queue}.conversations`, eventBody: {} }),
        undefined
    );
});

test('merging: a late, older state does not move a leg back, and nothing seen is forgotten', () => {
    // Seen first on the user topic (connected), then the queue topic's older notification (offered) arrives.
    const first = mergeView(undefined, view(secondMessage));
    const merged = mergeView(first, view(offered));
    assert.deepEqual(merged, first, 'the stale state changes nothing');
    assert.deepEqual(deriveEvents(first, merged, OBSERVED), [], 'so no late alerting after connected');
    // Without the merge the older state would be a new fact:
    assert.deepEqual(brief(deriveEvents(view(secondMessage), view(offered), OBSERVED)), [
        'conversation.alerting u-alex {"alertingTimeoutMs":30000,"customerName":"Dana Customer","customerAddress":"+15550100"}'
    ]);
    // A view without the queue (a user topic) keeps the stored queue; a new participant is added after the others.
    const fromUser = { ...view(customerLeft), topicQueueId: null };
    const mergedUser = mergeView(first, fromUser);
    assert.equal(mergedUser.topicQueueId, IDS.queue);
    assert.equal(mergedUser.participants.find((p) => p.purpose === 'customer')?.state, 'disconnected');
});

test('open: while a leg is up or an agent owes a wrap-up; a read-back conversation gives the same events', () => {
    assert.equal(isOpen(view(queued)), true);
    assert.equal(isOpen(view(customerLeft)), true, 'the agent owes a wrap-up');
    assert.equal(isOpen(view(wrappedUp)), false);
    // GET /api/v2/conversations/{id} has the all-media topics' shape.
    const body = queueNotification(wrappedUp).eventBody;
    const read = readConversation(body, IDS.queue);
    assert.deepEqual(read, view(wrappedUp));
    const live = new Set(
        play(queued, offered, connected, secondMessage, customerLeft, wrappedUp)
            .flat()
            .map((d) => d.event.eventId)
    );
    const cold = deriveEvents(undefined, read!, OBSERVED).map((d) => d.event.eventId);
    assert.ok(cold.length > 0);
    assert.ok(
        cold.every((id) => live.has(id)),
        'the ids the live run gave'
    );
});

test('event ids are RFC 4122 version 5 UUIDs', () => {
    // RFC 4122 Appendix B's example namespace (DNS) and name give this well-known v5 UUID.
    assert.equal(
        uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
        '2ed6657d-e927-568b-95e1-2665a8aea6a2'
    );
    assert.match(
        eventIdFor('c', 'conversation.alerting', 'p'),
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    );
});

// ----- an agent's files (conversation.agentFiles) -----------------------------------------------------------------

const file = (n: number): NonNullable<SceneMessage['media']>[number] => ({
    id: `agent-media-${n}`,
    url: `https://media.example.com/agent/${n}.pdf?sig=${n}`,
    mediaType: 'application/pdf',
    name: `invoice-${n}.pdf`,
    contentLengthBytes: 1000 + n
});
const agentSentFile: Scene = {
    ...secondMessage,
    agent: { ...connected.agent!, messages: [{ id: 'a1', at: 25, media: [file(1)] }] }
};
const agentSentText: Scene = {
    ...agentSentFile,
    agent: { ...agentSentFile.agent!, messages: [...agentSentFile.agent!.messages!, { id: 'a2', at: 26 }] }
};

test("an agent's message with files is one conversation.agentFiles, named by the notification, nothing fetched", () => {
    const events = play(connected, agentSentFile, agentSentText);
    const files = events.flat().filter((d) => d.event.type === 'conversation.agentFiles');
    assert.equal(files.length, 1, 'once, however often the message shows again; a text-only message gives none');
    assert.deepEqual(
        events[1]?.map((d) => d.event.type),
        ['conversation.customerMessage', 'conversation.agentFiles']
    );
    assert.deepEqual(events[2], [], 'the text the agent sent next is no event');
    const [derived] = files;
    assert.equal(derived?.needsMessageContent, undefined, 'no GET of the message');
    assert.deepEqual(derived?.event, {
        eventId: eventIdFor(IDS.conversation, 'conversation.agentFiles', 'a1'),
        type: 'conversation.agentFiles',
        occurredAt: at(25),
        conversationId: IDS.conversation,
        participantId: IDS.agentLeg,
        userId: IDS.agent,
        queueId: IDS.queue,
        channel: 'whatsapp',
        data: {
            messageId: 'a1',
            attachments: [
                {
                    mediaId: 'agent-media-1',
                    url: 'https://media.example.com/agent/1.pdf?sig=1',
                    name: 'invoice-1.pdf',
                    contentType: 'application/pdf',
                    sizeBytes: 1001
                }
            ]
        }
    });
});

test("an agent's files: the .messages topics give the same event; at most 10 files; media without id or URL are left out", () => {
    const many: Scene = {
        ...agentSentFile,
        agent: {
            ...agentSentFile.agent!,
            messages: [
                {
                    id: 'a1',
                    at: 25,
                    media: [
                        { url: 'https://media.example.com/no-id' },
                        ...Array.from({ length: 12 }, (_, i) => file(i))
                    ]
                }
            ]
        }
    };
    const fromQueue = deriveEvents(view(connected), view(many), OBSERVED).filter(
        (d) => d.event.type === 'conversation.agentFiles'
    );
    const before = readNotification(userMessageNotification(connected));
    const after = readNotification(userMessageNotification(many));
    assert.ok(after);
    const fromMessages = deriveEvents(before, after, OBSERVED).filter(
        (d) => d.event.type === 'conversation.agentFiles'
    );
    assert.equal(fromQueue.length, 1);
    const ids = (fromQueue[0]?.event.data.attachments as { mediaId: string }[]).map((a) => a.mediaId);
    assert.deepEqual(
        ids,
        Array.from({ length: 10 }, (_, i) => `agent-media-${i}`)
    );
    assert.deepEqual(
        fromMessages.map((d) => d.event),
        fromQueue.map((d) => d.event)
    );
});

test("an agent's files: a restarted or other instance gives the same id; a read without the media takes nothing back", () => {
    const live = play(queued, offered, connected, agentSentFile)
        .flat()
        .filter((d) => d.event.type === 'conversation.agentFiles');
    const cold = deriveEvents(undefined, view(agentSentFile), OBSERVED).filter(
        (d) => d.event.type === 'conversation.agentFiles'
    );
    assert.deepEqual(
        cold.map((d) => d.event.eventId),
        live.map((d) => d.event.eventId)
    );
    assert.equal(live.length, 1);
    // A read that lists the message without its media (as a reconciliation's may), then the media again: nothing new.
    const withoutMedia: Scene = {
        ...agentSentFile,
        agent: { ...agentSentFile.agent!, messages: [{ id: 'a1', at: 25 }] }
    };
    const stored = mergeView(
        view(agentSentFile),
        readConversation(queueNotification(withoutMedia).eventBody, IDS.queue)!
    );
    assert.deepEqual(deriveEvents(view(agentSentFile), stored, OBSERVED), [], 'the read adds nothing');
    assert.deepEqual(
        deriveEvents(stored, mergeView(stored, view(agentSentText)), OBSERVED),
        [],
        'nor the next notification'
    );
});
