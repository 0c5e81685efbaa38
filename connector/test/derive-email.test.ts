// Deriving Relay's events from email conversations (media type email): participants' `emails[]` in the queue topic
// and in GET /api/v2/conversations/{id}, and the thread as GET …/emails/{id}/messages lists it (fixtures typed with
// the official SDK's models).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
    deriveEvents,
    emailThreadWanted,
    mergeView,
    readConversation,
    readNotification,
    withEmailThread,
    type ConversationView,
    type DerivedEvent
} from '../src/derive';
import type { Models } from 'purecloud-platform-client-v2';
import { MAX_TEXT, eventIdFor } from '../src/events';
import { withEmailContent, withEmailFiles } from '../src/genesys/content';
import {
    EMAIL_SUBJECT,
    IDS,
    at,
    emailConversationRead,
    emailPreview,
    emailThread,
    queueEmailNotification,
    type EmailScene
} from './fixtures/genesys';

const OBSERVED = '2026-11-21T13:00:00.000Z';
const brief = (events: DerivedEvent[]): string[] =>
    events.map(({ event: e }) => `${e.type} ${e.userId ?? '-'} ${JSON.stringify(e.data)}`);

function view(scene: EmailScene): ConversationView {
    const v = readNotification(queueEmailNotification(scene));
    assert.ok(v);
    return v;
}

const queued: EmailScene = {
    customer: { state: 'connected', connectedAt: 0, emailsSent: 1, lastEmailId: 'e1' },
    acd: { state: 'connected', connectedAt: 0 }
};
const offered: EmailScene = { ...queued, agent: { state: 'alerting' } };
const connected: EmailScene = {
    ...queued,
    acd: { state: 'disconnected', connectedAt: 0, endedAt: 10, disconnectType: 'transfer' },
    agent: { state: 'connected', connectedAt: 10 }
};
const replied: EmailScene = { ...connected, agent: { ...connected.agent!, emailsSent: 1, lastEmailId: 'r1' } };
const secondEmail: EmailScene = { ...replied, customer: { ...queued.customer, emailsSent: 2, lastEmailId: 'e2' } };
const ended: EmailScene = {
    ...secondEmail,
    customer: { ...secondEmail.customer, state: 'disconnected', endedAt: 40, disconnectType: 'peer' },
    agent: {
        ...replied.agent!,
        state: 'disconnected',
        endedAt: 40,
        disconnectType: 'client',
        wrapupRequired: true,
        acwAt: 40
    }
};
const PHOTO = {
    attachmentId: 'att-1',
    name: 'vase.jpg',
    contentType: 'image/jpeg',
    contentLength: 29,
    contentUri: 'https://files.example.com/att-1'
};
const thread1 = emailThread(emailPreview('e1', 0, 'customer', 'The vase is broken.', [PHOTO]));
const thread2 = emailThread(
    emailPreview('e1', 0, 'customer', 'The vase is broken.', [PHOTO]),
    emailPreview('r1', 20, 'queue', 'A new one is on its way.'),
    emailPreview('e2', 30, 'customer', 'Thanks!')
);

/** One instance's life: each notification merged into the stored view, the thread read whenever it is wanted. */
function play(steps: [EmailScene, unknown][]): DerivedEvent[][] {
    let stored: ConversationView | undefined;
    return steps.map(([scene, thread]) => {
        let next = mergeView(stored, view(scene));
        if (emailThreadWanted(next)) next = withEmailThread(next, thread);
        const events = deriveEvents(stored, next, OBSERVED);
        stored = next;
        return events;
    });
}

test("an email conversation's life: the agent's legs as for messages, with mediaType email and the subject", () => {
    const steps = play([
        [queued, thread1],
        [offered, thread1],
        [connected, thread1],
        [replied, thread1],
        [secondEmail, thread2],
        [ended, thread2]
    ]);
    const customer = '"customerName":"Sam Lee","customerAddress":"sam.lee@example.com"';
    const email = `"mediaType":"email","subject":"${EMAIL_SUBJECT}"`;
    assert.deepEqual(steps.map(brief), [
        [
            `conversation.customerMessage - {"messageId":"e1","text":"The vase is broken.",${customer},"attachments":[{"mediaId":"att-1","url":"https://files.example.com/att-1","name":"vase.jpg","contentType":"image/jpeg","sizeBytes":29}],${email}}`
        ],
        [`conversation.alerting u-alex {"alertingTimeoutMs":30000,${customer},${email}}`],
        [`conversation.connected u-alex {${email}}`],
        [],
        [
            `conversation.customerMessage u-alex {"messageId":"e2","text":"Thanks!",${customer},"mediaType":"email","subject":"Re: ${EMAIL_SUBJECT}"}`
        ],
        [
            'conversation.disconnected u-alex {"disconnectedBy":"agent"}',
            'conversation.wrapUpRequired u-alex {"wrapUpPrompt":"mandatory"}'
        ]
    ]);
    const all = steps.flat();
    assert.ok(all.every((d) => d.event.channel === 'email' && d.event.queueId === IDS.queue));
    assert.equal(all[0]?.event.eventId, eventIdFor(IDS.conversation, 'conversation.customerMessage', 'e1'));
    assert.equal(all[1]?.event.eventId, eventIdFor(IDS.conversation, 'conversation.alerting', IDS.agentLeg));
    assert.deepEqual(all[0]?.needsMessageContent, { conversationId: IDS.conversation, messageId: 'e1' });
});

test("the thread is read only when the customer's or an agent's messagesSent or messageId is new", () => {
    assert.equal(emailThreadWanted(view(queued)), true, 'a new conversation: its first email');
    const known = withEmailThread(view(queued), thread1);
    assert.equal(emailThreadWanted(known), false);
    assert.equal(emailThreadWanted(mergeView(known, view(connected))), false, 'a pick-up is no email');
    const reply = mergeView(known, view(replied));
    assert.equal(emailThreadWanted(reply), true, "the agent's reply: read for its files");
    assert.equal(emailThreadWanted(withEmailThread(reply, thread2)), false, 'the reply is known once read');
    assert.equal(emailThreadWanted(mergeView(known, view(secondEmail))), true);
    const sameCount: EmailScene = { ...queued, customer: { ...queued.customer, lastEmailId: 'e9' } };
    assert.equal(emailThreadWanted(mergeView(known, view(sameCount))), true, 'a new messageId alone');
    const countOnly: EmailScene = { ...queued, customer: { state: 'connected', connectedAt: 0, emailsSent: 2 } };
    assert.equal(emailThreadWanted(mergeView(known, view(countOnly))), true, 'a higher messagesSent alone');
    // Read whole, the thread gives the customer's emails only.
    const all = withEmailThread(view(secondEmail), thread2);
    const messages = all.participants.find((p) => p.purpose === 'customer')?.messages.map((m) => m.id);
    assert.deepEqual(messages, ['e1', 'e2']);
    // Message conversations never want it.
    const asMessages: ConversationView = {
        ...known,
        participants: known.participants.map((p) => ({ ...p, media: undefined }))
    };
    assert.equal(emailThreadWanted(asMessages), false);
});

test('a repeated notification, a restart or reconciliation give the same ids and nothing twice', () => {
    const live = play([
        [queued, thread1],
        [offered, thread1],
        [connected, thread1],
        [secondEmail, thread2],
        [ended, thread2]
    ]).flat();
    // Read back by reconciliation (GET /conversations/{id}) by an instance that saw nothing.
    const read = readConversation(emailConversationRead(ended), IDS.queue);
    assert.ok(read);
    assert.equal(emailThreadWanted(read), true);
    const cold = deriveEvents(undefined, withEmailThread(read, thread2), OBSERVED);
    const liveIds = new Set(live.map((d) => d.event.eventId));
    assert.ok(
        cold.every((d) => liveIds.has(d.event.eventId)),
        'no id the live instance did not have'
    );
    assert.deepEqual(
        cold.map((d) => d.event.type),
        [
            'conversation.customerMessage',
            'conversation.connected',
            'conversation.customerMessage',
            'conversation.disconnected',
            'conversation.wrapUpRequired'
        ]
    );
    // The same view again: nothing new.
    const stored = withEmailThread(read, thread2);
    assert.deepEqual(deriveEvents(stored, mergeView(stored, view(ended)), OBSERVED), []);
});

test('a subject over 255 characters is cut to 255', () => {
    const long = 'S'.repeat(300);
    const scene = view(offered);
    const longView: ConversationView = {
        ...scene,
        participants: scene.participants.map((p) => ({ ...p, subject: long }))
    };
    const [alerting] = deriveEvents(undefined, longView, OBSERVED).filter(
        (d) => d.event.type === 'conversation.alerting'
    );
    assert.equal(alerting?.event.data.subject, 'S'.repeat(255));
});

test("an email's content (EmailMessage): its text body, never the HTML, its subject and files; 32,768 characters", () => {
    const [derived] = deriveEvents(undefined, withEmailThread(view(queued), thread1), OBSERVED);
    assert.ok(derived);
    const email: Models.EmailMessage = {
        id: 'e1',
        from: { email: 'sam.lee@example.com' },
        to: [{ email: 'support@relay.example' }],
        subject: EMAIL_SUBJECT,
        textBody: 'x'.repeat(MAX_TEXT + 10),
        htmlBody: '<p>HTML</p>',
        attachments: [{ ...PHOTO, contentUri: 'https://files.example.com/att-1?fresh' }]
    };
    const { data } = withEmailContent(derived.event, email);
    assert.equal(data.text, 'x'.repeat(MAX_TEXT));
    assert.equal(data.subject, EMAIL_SUBJECT);
    assert.equal(data.mediaType, 'email');
    assert.deepEqual(data.attachments, [
        {
            mediaId: 'att-1',
            url: 'https://files.example.com/att-1?fresh',
            name: 'vase.jpg',
            contentType: 'image/jpeg',
            sizeBytes: 29
        }
    ]);
});

const INVOICE: Models.Attachment = {
    attachmentId: 'att-r1',
    name: 'Invoice_March.pdf',
    contentType: 'application/pdf',
    contentLength: 10 * 1024 * 1024,
    contentUri: 'https://files.example.com/att-r1?signature=one'
};
const threadWithFiles = emailThread(
    emailPreview('e1', 0, 'customer', 'The vase is broken.', [PHOTO]),
    emailPreview('r1', 20, 'queue', 'Your invoice is attached.', [INVOICE])
);
const threadWithFilesThenThanks = emailThread(
    emailPreview('e1', 0, 'customer', 'The vase is broken.', [PHOTO]),
    emailPreview('r1', 20, 'queue', 'Your invoice is attached.', [INVOICE]),
    emailPreview('e2', 30, 'customer', 'Thanks!')
);
const agentFiles = (events: DerivedEvent[]): DerivedEvent[] =>
    events.filter((d) => d.event.type === 'conversation.agentFiles');

test("an agent's email with files is one agentFiles naming the email and each file by its attachment id", () => {
    const [, , , reply] = play([
        [queued, thread1],
        [offered, thread1],
        [connected, thread1],
        [replied, threadWithFiles]
    ]);
    assert.equal(reply?.length, 1);
    const [derived] = reply ?? [];
    assert.deepEqual(derived?.event, {
        eventId: eventIdFor(IDS.conversation, 'conversation.agentFiles', 'r1'),
        type: 'conversation.agentFiles',
        occurredAt: at(20),
        conversationId: IDS.conversation,
        participantId: IDS.agentLeg,
        userId: IDS.agent,
        queueId: IDS.queue,
        channel: 'email',
        data: {
            messageId: 'r1',
            attachments: [
                {
                    mediaId: 'att-r1',
                    url: 'https://files.example.com/att-r1?signature=one',
                    name: 'Invoice_March.pdf',
                    contentType: 'application/pdf',
                    sizeBytes: 10 * 1024 * 1024
                }
            ],
            mediaType: 'email'
        }
    });
    assert.deepEqual(
        derived?.needsMessageContent,
        { conversationId: IDS.conversation, messageId: 'r1' },
        'read again before the copy, for a fresh contentUri'
    );
});

test("an agent's email without files is no event, and the customer's files are never the agent's", () => {
    const steps = play([
        [connected, thread1],
        [replied, thread2]
    ]);
    assert.deepEqual(agentFiles(steps.flat()), []);
    const all = play([
        [connected, thread1],
        [replied, threadWithFiles]
    ]).flat();
    assert.deepEqual(
        agentFiles(all).map((d) => d.event.data.messageId),
        ['r1'],
        "e1's photo stays the customer's"
    );
});

test("a restart or reconciliation gives an agent's email files the same id, and nothing twice", () => {
    const live = play([
        [connected, thread1],
        [replied, threadWithFiles],
        [ended, threadWithFilesThenThanks]
    ]).flat();
    const read = readConversation(emailConversationRead(ended), IDS.queue);
    assert.ok(read);
    assert.equal(emailThreadWanted(read), true);
    const cold = agentFiles(deriveEvents(undefined, withEmailThread(read, threadWithFilesThenThanks), OBSERVED));
    assert.deepEqual(
        cold.map((d) => d.event.eventId),
        agentFiles(live).map((d) => d.event.eventId)
    );
    assert.equal(cold.length, 1);
    const stored = withEmailThread(read, threadWithFilesThenThanks);
    assert.equal(emailThreadWanted(stored), false, 'nothing more to read');
    assert.deepEqual(
        deriveEvents(stored, withEmailThread(mergeView(stored, view(ended)), threadWithFilesThenThanks), OBSERVED),
        []
    );
});

test('with two agents, an email goes to the agent whose messageId names it, else to the one connected when it was sent', () => {
    const base = view(replied);
    const first = base.participants.find((p) => p.id === IDS.agentLeg);
    assert.ok(first);
    const second = {
        ...first,
        id: IDS.agentLeg2,
        userId: IDS.otherAgent,
        connectedTime: at(25),
        emailsSent: 1,
        lastEmailId: 'r2'
    };
    const twoAgents: ConversationView = {
        ...base,
        participants: [
            ...base.participants.map((p) => (p === first ? { ...first, endTime: at(22), emailsSent: 2 } : p)),
            second
        ]
    };
    const listing = emailThread(
        emailPreview('e1', 0, 'customer', 'The vase is broken.'),
        emailPreview('r0', 15, 'queue', 'First, the form.', [{ ...INVOICE, attachmentId: 'att-r0' }]),
        emailPreview('r1', 20, 'queue', 'Your invoice is attached.', [INVOICE]),
        emailPreview('r2', 30, 'queue', 'And the label.', [{ ...INVOICE, attachmentId: 'att-r2' }])
    );
    assert.equal(emailThreadWanted(twoAgents), true);
    const read = withEmailThread(twoAgents, listing);
    assert.equal(emailThreadWanted(read), false, 'three agent emails counted, three known');
    const owners = agentFiles(deriveEvents(undefined, read, OBSERVED)).map(
        (d) => `${String(d.event.data.messageId)} ${d.event.userId ?? '-'}`
    );
    assert.deepEqual(owners, ['r0 u-alex', 'r1 u-alex', 'r2 u-blake']);
});

test("reading an agent's email again refreshes each file's contentUri, keeps what was copied, and adds no text", () => {
    const [derived] = agentFiles(deriveEvents(undefined, withEmailThread(view(replied), threadWithFiles), OBSERVED));
    assert.ok(derived);
    const copied = {
        ...derived.event,
        data: {
            ...derived.event.data,
            attachments: [
                { ...(derived.event.data.attachments as object[])[0], contentVersionId: '068000000000001AAA' }
            ]
        }
    };
    const email: Models.EmailMessage = {
        id: 'r1',
        from: { email: 'support@relay.example' },
        to: [{ email: 'sam.lee@example.com' }],
        subject: `Re: ${EMAIL_SUBJECT}`,
        textBody: 'Your invoice is attached.',
        attachments: [
            { ...INVOICE, contentUri: 'https://files.example.com/att-r1?signature=two' },
            { ...PHOTO, attachmentId: 'inline-logo' }
        ]
    };
    const { data } = withEmailFiles(copied, email);
    assert.deepEqual(data, {
        messageId: 'r1',
        mediaType: 'email',
        attachments: [
            {
                mediaId: 'att-r1',
                url: 'https://files.example.com/att-r1?signature=two',
                name: 'Invoice_March.pdf',
                contentType: 'application/pdf',
                sizeBytes: 10 * 1024 * 1024,
                contentVersionId: '068000000000001AAA'
            }
        ]
    });
});
