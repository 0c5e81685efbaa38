// Conversation notification bodies as Genesys Cloud's notification service sends them, typed with the official SDK's
// topic models (purecloud-platform-client-v2@262.0.0 index.d.ts; topic -> class from notificationMappings.json in
// MyPureCloud/platform-client-sdk-javascript):
//   v2.routing.queues.{id}.conversations            QueueConversationEventTopicConversation
//   v2.users.{id}.conversations                     ConversationEventTopicConversation
//   v2.routing.queues.{id}.conversations.messages   QueueConversationMessageEventTopicMessageConversation
//   v2.users.{id}.conversations.messages            ConversationMessageEventTopicMessageConversation
// The queue and user classes of a pair have the same fields, so one renderer serves both (typed against both).
// In the all-media topics a participant's state, times and messages are on its message communication
// (`participants[].messages[]`), or for an email conversation on its email communication (`participants[].emails[]`,
// QueueConversationEventTopicEmail); in the `.messages` topics (message conversations only) they are on the
// participant. Bodies carry no message text.
import type { Models } from 'purecloud-platform-client-v2';
import { acwPending } from './acd';
import type { ContactCentre } from './engine';
import type { Conversation, Participant } from './model';

type AllMediaConversation = Models.QueueConversationEventTopicConversation & Models.ConversationEventTopicConversation;
type AllMediaParticipant = Models.QueueConversationEventTopicParticipant & Models.ConversationEventTopicParticipant;
type MessageConversation = Models.QueueConversationMessageEventTopicMessageConversation &
    Models.ConversationMessageEventTopicMessageConversation;
type MessageParticipant = Models.QueueConversationMessageEventTopicMessageMediaParticipant &
    Models.ConversationMessageEventTopicMessageMediaParticipant;

const HOME_DIVISION_ID = '5eed0000-0000-4000-8000-f00000000001';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Drops undefined fields, as Genesys omits unset fields (JSON.stringify would too; tests compare objects). */
function compact<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function address(centre: ContactCentre, c: Conversation, p: Participant) {
    const q = centre.queues.get(c.queueId);
    const org = q?.addresses?.[c.messengerType] ?? q?.name ?? 'Relay';
    const customer = { name: c.customerName, addressNormalized: c.customerAddress, addressRaw: c.customerAddress };
    const ours = compact({ name: q?.name, addressNormalized: org, addressRaw: org });
    const fromCustomer = p.purpose === 'customer' && c.direction === 'inbound';
    return fromCustomer ? { fromAddress: customer, toAddress: ours } : { fromAddress: ours, toAddress: customer };
}

/** The transcript entries a participant sent, with their files (no text: notifications never carry it). */
function messageEntries(c: Conversation, p: Participant) {
    return p.messageIds.flatMap((id) => {
        const entry = c.transcript.find((e) => e.id === id);
        if (entry === undefined) return [];
        const media = (entry.attachments ?? []).map((a) => ({
            id: a.mediaId,
            url: a.url,
            mediaType: a.contentType,
            name: a.name,
            contentLengthBytes: a.sizeBytes
        }));
        return [{ entry, media }];
    });
}

function wrapup(p: Participant): Models.QueueConversationEventTopicWrapup | undefined {
    if (p.wrapup === undefined) return undefined;
    const { code, notes, tags, durationSeconds, endTime } = p.wrapup;
    return compact({ code, notes, tags, durationSeconds, endTime });
}

function afterCallWork(p: Participant): Models.QueueConversationEventTopicAfterCallWork | undefined {
    if (p.purpose !== 'agent' || p.state !== 'disconnected') return undefined;
    if (p.wrapupRequired !== true) return { state: 'notApplicable' };
    return compact({
        state: acwPending(p) ? 'pending' : 'complete',
        startTime: iso(p.startAcwTime),
        endTime: iso(p.endAcwTime)
    });
}

/** The body of a v2.routing.queues.{id}.conversations or v2.users.{id}.conversations notification. */
export function allMediaConversation(centre: ContactCentre, c: Conversation): AllMediaConversation {
    const participants: AllMediaParticipant[] = c.participants.map((p) =>
        compact({
            id: p.id,
            connectedTime: iso(p.connectedTime),
            endTime: iso(p.endTime),
            userId: p.userId,
            externalContactId: p.purpose === 'customer' ? c.externalContactId : undefined,
            name: p.name,
            queueId: p.queueId,
            purpose: p.purpose,
            address: p.address,
            wrapupRequired: p.wrapupRequired,
            wrapupPrompt: p.wrapupPrompt,
            wrapupTimeoutMs: p.wrapupTimeoutMs,
            wrapup: wrapup(p),
            startAcwTime: iso(p.startAcwTime),
            endAcwTime: iso(p.endAcwTime),
            alertingTimeoutMs: p.alertingTimeoutMs,
            attributes: p.purpose === 'customer' ? { 'relay.channel': c.channel } : undefined,
            ...(c.mediaType === 'email'
                ? { emails: [emailCommunication(c, p)] }
                : { messages: [messageCommunication(centre, c, p)] })
        })
    );
    return {
        id: c.id,
        participants,
        recentTransfers: c.transfers.map((t) =>
            compact({
                id: t.id,
                state: t.state,
                dateIssued: iso(t.dateIssued),
                initiator: compact({ userId: t.initiatorUserId }),
                destination: { address: centre.queues.get(t.toQueueId)?.name ?? t.toQueueId },
                transferType: t.transferType
            })
        ),
        divisions: [{ division: { id: HOME_DIVISION_ID }, entities: [] }]
    };
}

/** A participant's email communication in the all-media topics. */
function emailCommunication(c: Conversation, p: Participant): Models.QueueConversationEventTopicEmail {
    return compact({
        id: p.communicationId,
        state: p.state,
        initialState: p.startAlertingTime !== undefined ? 'alerting' : 'connected',
        held: false,
        autoGenerated: false,
        subject: c.email?.subject,
        provider: 'PureCloud Email',
        messagesSent: p.messageIds.length,
        disconnectType: p.disconnectType,
        connectedTime: iso(p.connectedTime),
        disconnectedTime: iso(p.endTime),
        messageId: p.messageIds.at(-1),
        direction: p.direction,
        spam: false,
        wrapup: wrapup(p),
        afterCallWork: afterCallWork(p),
        afterCallWorkRequired: p.purpose === 'agent' ? p.wrapupRequired === true : undefined
    });
}

/** A participant's message communication in the all-media topics. */
function messageCommunication(
    centre: ContactCentre,
    c: Conversation,
    p: Participant
): Models.QueueConversationEventTopicMessage {
    return compact({
        id: p.communicationId,
        state: p.state,
        initialState: p.startAlertingTime !== undefined ? 'alerting' : 'connected',
        direction: p.direction,
        held: false,
        provider: 'PureCloud Messaging',
        disconnectType: p.disconnectType,
        connectedTime: iso(p.connectedTime),
        disconnectedTime: iso(p.endTime),
        ...address(centre, c, p),
        type: c.messengerType,
        messages: messageEntries(c, p).map(({ entry, media }) =>
            compact({
                messageId: entry.id,
                messageTime: iso(entry.timestamp),
                messageStatus: entry.status,
                messageSegmentCount: 1,
                media: media.length > 0 ? media : undefined
            })
        ),
        wrapup: wrapup(p),
        afterCallWork: afterCallWork(p),
        afterCallWorkRequired: p.purpose === 'agent' ? p.wrapupRequired === true : undefined
    });
}

/** The body of a v2.routing.queues.{id}.conversations.messages or v2.users.{id}.conversations.messages notification. */
export function messageConversation(centre: ContactCentre, c: Conversation): MessageConversation {
    const participants: MessageParticipant[] = c.participants.map((p) => {
        const user = p.userId === undefined ? undefined : centre.users.get(p.userId);
        const queue = p.queueId === undefined ? undefined : centre.queues.get(p.queueId);
        return compact({
            id: p.id,
            name: p.name,
            address: p.address,
            startTime: iso(p.startTime),
            connectedTime: iso(p.connectedTime),
            endTime: iso(p.endTime),
            purpose: p.purpose,
            state: p.state,
            initialState: p.startAlertingTime !== undefined ? 'alerting' : 'connected',
            direction: p.direction,
            disconnectType: p.disconnectType,
            held: false,
            wrapupRequired: p.wrapupRequired,
            wrapupPrompt: p.wrapupPrompt,
            user: user === undefined ? undefined : { id: user.agent.id, name: user.agent.name },
            queue: queue === undefined ? undefined : { id: queue.id, name: queue.name },
            attributes: p.purpose === 'customer' ? { 'relay.channel': c.channel } : undefined,
            wrapupTimeoutMs: p.wrapupTimeoutMs,
            alertingTimeoutMs: p.alertingTimeoutMs,
            provider: 'PureCloud Messaging',
            externalContact:
                p.purpose === 'customer' && c.externalContactId !== undefined ? { id: c.externalContactId } : undefined,
            wrapup: wrapup(p),
            startAcwTime: iso(p.startAcwTime),
            endAcwTime: iso(p.endAcwTime),
            messages: messageEntries(c, p).map(({ entry, media }) =>
                compact({
                    message: { id: entry.id },
                    messageTime: iso(entry.timestamp),
                    messageSegmentCount: 1,
                    messageStatus: entry.status,
                    media: media.length > 0 ? media : undefined
                })
            ),
            type: c.messengerType
        });
    });
    return { id: c.id, participants };
}
