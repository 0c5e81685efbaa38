// From Genesys Cloud conversation notifications to Relay events: pure functions, no I/O.
//
// Topics and payload classes (the official SDK's notificationMappings.json, MyPureCloud/platform-client-sdk-javascript;
// models in purecloud-platform-client-v2@262.0.0 index.d.ts):
//   v2.routing.queues.{id}.conversations           -> QueueConversationEventTopicConversation
//   v2.users.{id}.conversations                    -> ConversationEventTopicConversation
//   v2.routing.queues.{id}.conversations.messages  -> QueueConversationMessageEventTopicMessageConversation
//   v2.users.{id}.conversations.messages           -> ConversationMessageEventTopicMessageConversation
// In the first two (all media), a participant's state, disconnectType, channel type and messages are on its
// message communications (`participants[].messages[]`, *EventTopicMessage); in the `.messages` topics they are on
// the participant itself (*MessageMediaParticipant). Both are read into one view (ConversationView).
//
// Email conversations (media type email) come through the first two topics as well, and through GET
// /api/v2/conversations/{id}: their participants hold `emails[]` communications instead
// (QueueConversationEventTopicEmail and the SDK's Email: state, subject, messagesSent, messageId of the participant's
// latest email, disconnectType, afterCallWorkRequired, wrapup). An agent's email leg gives the same events as a message
// leg. The emails themselves are not in the notification: the customer's `messagesSent` and `messageId` only say that
// one arrived, so the connector reads the thread (ConversationsApi.getConversationsEmailMessages) whenever the view
// knows fewer inbound emails than the customer sent (emailThreadWanted), and puts them into the view
// (withEmailThread); each becomes one customer message fact like a message's.
//
// An agent's outbound message that carries files (its `media[]` in the notification, on the agent participant's
// communication in the all-media topics and on the participant in the `.messages` topics: the SDK's
// *EventTopicMessageDetails.media, MessageMedia {id, url, mediaType, contentLengthBytes, name}) becomes one
// `conversation.agentFiles`, so the connector copies those files into Salesforce Files (files.ts) as it does a
// customer's. Its text is not needed (Salesforce recorded it when the agent sent it), so nothing is fetched for it; a
// notification without the media gives no such event.
//
// An agent's email that carries files becomes one `conversation.agentFiles` too (docs/events.md §2.5, the email form).
// The notification says only that the agent sent an email: the agent's email communication counts them
// (`messagesSent`) and names the latest (`messageId`), the same fields as the customer's (SDK 262,
// QueueConversationEventTopicEmail and ConversationEventTopicEmail; the Email of GET /api/v2/conversations/{id}). So
// a new agent email makes the thread wanted as a customer's does (emailThreadWanted), and the listing's emails that
// are not the customer's go to the agent participant who sent them (withEmailThread), each with its attachments
// (EmailMessagePreview.attachments, the SDK's Attachment {attachmentId, name, contentUri, contentType,
// contentLength}). Salesforce recorded the reply without Genesys's email id (EmailMessageReply has no id), so the
// event names each file by its attachment id, which the reply chose; its `messageId` is the email's id.
//
// Derivation is a diff of facts: each view implies a set of facts (this agent leg is alerting, connected,
// disconnected, wrap-up is due, this customer message exists...), and the events are the facts of the new view
// that the previous view did not have. Each fact has a deterministic event id (events.ts), so the same change gives
// the same id whichever instance sees it, after any restart, and however often Genesys repeats the state.
import {
    MAX_ATTACHMENTS,
    MAX_SUBJECT,
    MAX_TEXT,
    eventIdFor,
    type RelayChannel,
    type RelayEvent,
    type RelayEventType
} from './events';

/** One notification as it arrives on the WebSocket: Genesys's envelope. */
export interface NotificationEnvelope {
    topicName: string;
    version?: string;
    eventBody: unknown;
    metadata?: { CorrelationId?: string };
}

export interface MessageRef {
    id: string;
    time: string | null;
    status: string | null;
    /** An email's subject (email conversations; absent for messages). */
    subject?: string | null;
    /** What the thread listing has of an email's text body (textBodyPreview); the enricher fetches it whole. */
    text?: string | null;
    media: {
        id: string | null;
        url: string | null;
        mediaType: string | null;
        name: string | null;
        bytes: number | null;
    }[];
}

export interface ParticipantView {
    id: string;
    purpose: string;
    userId: string | null;
    queueId: string | null;
    name: string | null;
    address: string | null;
    state: string;
    disconnectType: string | null;
    /** Genesys messenger type of the communication: webmessaging, sms, whatsapp, facebook, instagram, twitter, open... */
    messengerType: string | null;
    startTime: string | null;
    connectedTime: string | null;
    endTime: string | null;
    wrapupRequired: boolean;
    wrapupPrompt: string | null;
    wrapupTimeoutMs: number | null;
    wrapupCode: string | null;
    wrapupEndTime: string | null;
    startAcwTime: string | null;
    alertingTimeoutMs: number | null;
    messages: MessageRef[];
    /** 'email' for a participant of an email conversation (`emails[]`); absent for messages (and older views). */
    media?: 'email';
    /** Email: the communication's subject. */
    subject?: string | null;
    /** Email: how many emails this participant has sent (messagesSent) and the id of the latest (messageId). */
    emailsSent?: number | null;
    lastEmailId?: string | null;
}

/** What the connector keeps of a conversation between notifications (its snapshot in the store). */
export interface ConversationView {
    conversationId: string;
    /** The queue of the topic it came from, when it came from a queue topic. */
    topicQueueId: string | null;
    participants: ParticipantView[];
}

/** A derived event, with what must still be fetched before it can be sent. */
export interface DerivedEvent {
    event: RelayEvent;
    /**
     * A customer message's text and files come from GET .../messages/{messageId} (the notification has none). An
     * agent's message files (conversation.agentFiles) need nothing more: the notification's media are what is copied.
     * An agent email's files are read again from GET …/emails/{id}/messages/{messageId} just before they are copied,
     * for a fresh `contentUri` (the event may wait in the outbox).
     */
    needsMessageContent?: { conversationId: string; messageId: string };
}

const TOPIC = /^v2\.(routing\.queues|users)\.([^.]+)\.conversations(\.messages)?$/;

/** Whether Relay reads this topic (the conversation topics above; other media-specific topics are ignored). */
export function isConversationTopic(topicName: string): boolean {
    return TOPIC.test(topicName);
}

type Json = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Json | null =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Reads a notification of one of the four conversation topics into a view; undefined for anything else. */
export function readNotification(envelope: NotificationEnvelope): ConversationView | undefined {
    const match = TOPIC.exec(envelope.topicName);
    if (match === null) return undefined;
    const topicQueueId = match[1] === 'routing.queues' ? (match[2] ?? null) : null;
    return readBody(envelope.eventBody, match[3] !== undefined, topicQueueId);
}

/**
 * Reads a conversation as GET /api/v2/conversations/{conversationId} returns it (the SDK's Conversation model: its
 * participants hold their message communications in `messages[]`, like the all-media topics), for reconciliation.
 * `queueId`: the queue it was found in, when known.
 */
export function readConversation(body: unknown, queueId: string | null): ConversationView | undefined {
    return readBody(body, false, queueId);
}

function readBody(
    eventBody: unknown,
    messageTopic: boolean,
    topicQueueId: string | null
): ConversationView | undefined {
    const body = obj(eventBody);
    const conversationId = str(body?.id);
    if (body === null || conversationId === null) return undefined;
    const participants: ParticipantView[] = [];
    for (const raw of arr(body.participants)) {
        const p = obj(raw);
        if (p === null) continue;
        const view = messageTopic ? readMessageParticipant(p) : readParticipant(p);
        if (view !== undefined) participants.push(view);
    }
    return { conversationId, topicQueueId, participants };
}

function messageRefs(list: unknown, idOf: (m: Json) => string | null): MessageRef[] {
    const out: MessageRef[] = [];
    for (const raw of arr(list)) {
        const m = obj(raw);
        const id = m === null ? null : idOf(m);
        if (m === null || id === null) continue;
        out.push({
            id,
            time: str(m.messageTime),
            status: str(m.messageStatus),
            media: arr(m.media).flatMap((x) => {
                const media = obj(x);
                return media === null
                    ? []
                    : [
                          {
                              id: str(media.id),
                              url: str(media.url),
                              mediaType: str(media.mediaType),
                              name: str(media.name),
                              bytes: num(media.contentLengthBytes)
                          }
                      ];
            })
        });
    }
    return out;
}

const communicationsOf = (list: unknown): Json[] =>
    arr(list)
        .map(obj)
        .filter((c): c is Json => c !== null);

/**
 * *EventTopicParticipant (all-media topics) and the SDK's Participant (GET /conversations/{id}): the message or email
 * communication holds state and messages.
 */
function readParticipant(p: Json): ParticipantView | undefined {
    const id = str(p.id);
    const messages = communicationsOf(p.messages);
    const emails = messages.length === 0 ? communicationsOf(p.emails) : [];
    const email = emails.length > 0;
    // A participant without a message or email communication is on another medium (call, callback...): not Relay's.
    const communication = email ? emails[emails.length - 1] : messages[messages.length - 1];
    if (id === null || communication === undefined) return undefined;
    const wrapup = obj(p.wrapup);
    const view: ParticipantView = {
        id,
        purpose: str(p.purpose) ?? 'unknown',
        userId: str(p.userId),
        queueId: str(p.queueId),
        name: str(p.name),
        address: str(p.address) ?? str(obj(communication.fromAddress)?.addressNormalized),
        state: (str(communication.state) ?? 'unknown').toLowerCase(),
        disconnectType: str(communication.disconnectType),
        messengerType: str(communication.type),
        startTime: null,
        connectedTime: str(communication.connectedTime) ?? str(p.connectedTime),
        endTime: str(communication.disconnectedTime) ?? str(p.endTime),
        wrapupRequired: p.wrapupRequired === true || communication.afterCallWorkRequired === true,
        wrapupPrompt: str(p.wrapupPrompt),
        wrapupTimeoutMs: num(p.wrapupTimeoutMs),
        wrapupCode: str(wrapup?.code),
        wrapupEndTime: str(wrapup?.endTime) ?? str(p.endAcwTime),
        startAcwTime: str(p.startAcwTime),
        alertingTimeoutMs: num(p.alertingTimeoutMs),
        // An email communication lists no emails: the thread is read separately (withEmailThread).
        messages: email ? [] : messageRefs(communication.messages, (m) => str(m.messageId))
    };
    if (email) {
        view.media = 'email';
        view.subject = str(communication.subject);
        view.emailsSent = num(communication.messagesSent);
        view.lastEmailId = str(communication.messageId);
    }
    return view;
}

/** *MessageMediaParticipant (`.messages` topics): state and messages on the participant. */
function readMessageParticipant(p: Json): ParticipantView | undefined {
    const id = str(p.id);
    if (id === null) return undefined;
    const wrapup = obj(p.wrapup);
    return {
        id,
        purpose: str(p.purpose) ?? 'unknown',
        userId: str(obj(p.user)?.id),
        queueId: str(obj(p.queue)?.id),
        name: str(p.name),
        address: str(p.address),
        state: (str(p.state) ?? 'unknown').toLowerCase(),
        disconnectType: str(p.disconnectType),
        messengerType: str(p.type),
        startTime: str(p.startTime),
        connectedTime: str(p.connectedTime),
        endTime: str(p.endTime),
        wrapupRequired: p.wrapupRequired === true,
        wrapupPrompt: str(p.wrapupPrompt),
        wrapupTimeoutMs: num(p.wrapupTimeoutMs),
        wrapupCode: str(wrapup?.code),
        wrapupEndTime: str(wrapup?.endTime) ?? str(p.endAcwTime),
        startAcwTime: str(p.startAcwTime),
        alertingTimeoutMs: num(p.alertingTimeoutMs),
        messages: messageRefs(p.messages, (m) => str(obj(m.message)?.id))
    };
}

/** Genesys messenger type -> Relay channel (docs/events.md §2.1); other types are sent without a channel. */
const CHANNELS: Record<string, RelayChannel> = {
    webmessaging: 'webchat',
    sms: 'sms',
    whatsapp: 'whatsapp',
    facebook: 'facebook',
    instagram: 'instagram',
    twitter: 'twitter'
};

const AGENT_PURPOSES = new Set(['agent', 'user']);
const isAgent = (p: ParticipantView): boolean => AGENT_PURPOSES.has(p.purpose) && p.userId !== null;
const isCustomer = (p: ParticipantView): boolean => p.purpose === 'customer';
const isTransfer = (p: ParticipantView): boolean => p.disconnectType?.startsWith('transfer') === true;
const isEmail = (view: ConversationView): boolean => view.participants.some((p) => p.media === 'email');
/** Inbound message statuses on the customer's communication (outbound ones are sent/queued/delivery-*). */
const isInbound = (m: MessageRef): boolean => m.status === null || m.status === 'received';
/** An agent's own message: anything on the agent's communication but a received one. */
const isOutbound = (m: MessageRef): boolean => m.status !== 'received';

/** A message's files as an event lists them (docs/events.md §2.4): those with an id and a URL, at most 10. */
function attachmentsOf(m: MessageRef): Record<string, unknown>[] {
    return m.media
        .filter((x) => x.id !== null && x.url !== null)
        .map((x) => ({
            mediaId: x.id,
            url: x.url,
            ...(x.name === null ? {} : { name: x.name }),
            ...(x.mediaType === null ? {} : { contentType: x.mediaType }),
            ...(x.bytes === null ? {} : { sizeBytes: x.bytes })
        }))
        .slice(0, MAX_ATTACHMENTS);
}

/**
 * Who ended a leg, from the participant's disconnectType (enum of *MessageMediaParticipant.disconnectType in the
 * SDK's API docs: endpoint, client, system, timeout, transfer*, transport.failure, error, peer, other, spam,
 * uncallable): the agent's own client, the customer's side (endpoint/peer), or the platform.
 */
function disconnectedBy(p: ParticipantView, customerGone: boolean): 'agent' | 'customer' | 'system' {
    switch (p.disconnectType) {
        case 'client':
            return 'agent';
        case 'endpoint':
        case 'peer':
            return 'customer';
        default:
            return customerGone && p.disconnectType === null ? 'customer' : 'system';
    }
}

const RANK: Record<RelayEventType, number> = {
    'conversation.alerting': 0,
    'conversation.connected': 1,
    'conversation.customerMessage': 2,
    'conversation.agentFiles': 3,
    'conversation.transferred': 4,
    'conversation.disconnected': 5,
    'conversation.wrapUpRequired': 6,
    'conversation.wrapUpSubmitted': 7,
    // Never derived (byoc/bridge.ts appends it); ranked last for completeness.
    'conversation.messagingSession': 8
};

/** Every fact a view implies, as events (ids deterministic); `observedAt` stands in for times Genesys omits. */
export function factsOf(view: ConversationView, observedAt: string): DerivedEvent[] {
    const out: DerivedEvent[] = [];
    const { conversationId, participants } = view;
    const customer = participants.find(isCustomer);
    const customerGone = customer?.state === 'disconnected';
    const email = isEmail(view);
    const channel = email ? 'email' : (CHANNELS[(customer ?? participants[0])?.messengerType ?? ''] ?? null);
    // Email: the media type and the thread's subject on alerting, connected and customer messages (docs/events.md §2).
    const threadSubject = participants.find((p) => p.subject != null)?.subject ?? null;
    const emailData = (subject: string | null | undefined = threadSubject): Record<string, unknown> =>
        !email ? {} : { mediaType: 'email', ...(subject == null ? {} : { subject: subject.slice(0, MAX_SUBJECT) }) };
    const queueOf = (p: ParticipantView | undefined): string | null =>
        p?.queueId ??
        [...participants].reverse().find((x) => x.purpose === 'acd' && x.queueId !== null)?.queueId ??
        view.topicQueueId;
    const make = (
        type: RelayEventType,
        subject: string,
        p: ParticipantView | undefined,
        occurredAt: string | null,
        data: Record<string, unknown> = {}
    ): RelayEvent => ({
        eventId: eventIdFor(conversationId, type, subject),
        type,
        occurredAt: normalizeTime(occurredAt) ?? observedAt,
        conversationId,
        participantId: p?.id ?? null,
        userId: p?.userId ?? null,
        queueId: queueOf(p),
        channel,
        data
    });
    const agents = participants.filter(isAgent);
    for (const [index, p] of agents.entries()) {
        if (p.state === 'alerting') {
            // Who the offer is from, so the agent's panel names it before Relay reads the conversation (§2.2).
            const data: Record<string, unknown> = {};
            if (p.alertingTimeoutMs !== null) data.alertingTimeoutMs = p.alertingTimeoutMs;
            if (customer?.name != null) data.customerName = customer.name.slice(0, 255);
            if (customer?.address != null) data.customerAddress = customer.address.slice(0, 255);
            out.push({ event: make('conversation.alerting', p.id, p, p.startTime, { ...data, ...emailData() }) });
            continue;
        }
        const everConnected = p.state === 'connected' || (p.state === 'disconnected' && p.connectedTime !== null);
        if (everConnected) {
            out.push({ event: make('conversation.connected', p.id, p, p.connectedTime, emailData()) });
        }
        if (p.state !== 'disconnected') continue;
        if (isTransfer(p) && everConnected) {
            // Relay keeps the work item until another agent accepts the transfer (docs/events.md §2.2).
            const accepter = agents.slice(index + 1).find((q) => q.connectedTime !== null || q.state === 'connected');
            if (accepter !== undefined) {
                out.push({
                    event: make('conversation.transferred', p.id, p, accepter.connectedTime, {
                        targetQueueId: accepter.queueId,
                        targetUserId: accepter.userId
                    })
                });
            } else if (customerGone) {
                out.push({
                    event: make('conversation.disconnected', p.id, p, customer?.endTime ?? null, {
                        disconnectedBy: 'customer'
                    })
                });
            }
        } else {
            out.push({
                event: make('conversation.disconnected', p.id, p, p.endTime, {
                    disconnectedBy: disconnectedBy(p, customerGone)
                })
            });
        }
        if (p.wrapupCode !== null) {
            out.push({
                event: make('conversation.wrapUpSubmitted', p.id, p, p.wrapupEndTime, { wrapUpCode: p.wrapupCode })
            });
        } else if (p.wrapupRequired && everConnected) {
            const data: Record<string, unknown> = {};
            if (p.wrapupPrompt !== null) data.wrapUpPrompt = p.wrapupPrompt;
            if (p.wrapupTimeoutMs !== null) data.wrapUpTimeoutMs = p.wrapupTimeoutMs;
            out.push({ event: make('conversation.wrapUpRequired', p.id, p, p.startAcwTime ?? p.endTime, data) });
        }
    }
    // An agent's files, one event per message or email that carries any, for the connector to copy (files.ts). A
    // message's notification names them and no text is fetched (Salesforce recorded the agent's message when it was
    // sent); an email's come from the thread listing, and are read again from the email before the copy.
    for (const p of agents) {
        for (const m of p.messages.filter(isOutbound)) {
            const attachments = attachmentsOf(m);
            if (attachments.length === 0) continue;
            const data = { messageId: m.id, attachments, ...(email ? { mediaType: 'email' } : {}) };
            const event = make('conversation.agentFiles', m.id, p, m.time, data);
            out.push(email ? { event, needsMessageContent: { conversationId, messageId: m.id } } : { event });
        }
    }
    if (customer !== undefined) {
        // The agent concerned by a customer message is the one offered or holding the conversation now.
        const holder = [...agents].reverse().find((p) => p.state === 'alerting' || p.state === 'connected');
        for (const m of customer.messages.filter(isInbound)) {
            const data: Record<string, unknown> = { messageId: m.id, text: (m.text ?? '').slice(0, MAX_TEXT) };
            if (customer.name !== null) data.customerName = customer.name.slice(0, 255);
            if (customer.address !== null) data.customerAddress = customer.address.slice(0, 255);
            const attachments = attachmentsOf(m);
            if (attachments.length > 0) data.attachments = attachments;
            const event = make('conversation.customerMessage', m.id, holder, m.time, {
                ...data,
                ...emailData(m.subject ?? threadSubject)
            });
            if (holder === undefined) event.queueId = queueOf(undefined);
            out.push({ event, needsMessageContent: { conversationId, messageId: m.id } });
        }
        // A conversation that ends before any agent had it (docs/events.md §2.2: userId omitted).
        if (customerGone && agents.length === 0) {
            out.push({
                event: make('conversation.disconnected', customer.id, undefined, customer.endTime, {
                    disconnectedBy: customer.disconnectType === 'client' ? 'customer' : disconnectedBy(customer, true)
                })
            });
        }
    }
    return out;
}

/**
 * The events for going from `previous` (undefined: never seen, or seen by no instance yet) to `next`, in the order
 * they happened: by time, then by the order of a leg's life (alerting, connected, messages, end, wrap-up).
 */
export function deriveEvents(
    previous: ConversationView | undefined,
    next: ConversationView,
    observedAt: string
): DerivedEvent[] {
    const before = new Set(previous === undefined ? [] : factsOf(previous, observedAt).map((d) => d.event.eventId));
    const fresh = factsOf(next, observedAt).filter((d) => !before.has(d.event.eventId));
    return fresh
        .map((d, i) => ({ d, i, t: Date.parse(d.event.occurredAt) }))
        .sort((a, b) => a.t - b.t || RANK[a.d.event.type] - RANK[b.d.event.type] || a.i - b.i)
        .map((x) => x.d);
}

/**
 * Merges a view read from one topic (or from a reconciliation read) with the stored one. A user topic shows the
 * same conversation as a queue topic on another channel, and a read may cross a notification, so an older state
 * can arrive after a newer one: a leg's state only moves forward (alerting, connected, disconnected), a message
 * seen stays seen, a participant seen stays, and the stored queue id is kept when the new view has none.
 */
export function mergeView(previous: ConversationView | undefined, next: ConversationView): ConversationView {
    if (previous === undefined) return next;
    const incoming = new Map(next.participants.map((p) => [p.id, p]));
    const merged = previous.participants.map((old) => {
        const p = incoming.get(old.id);
        incoming.delete(old.id);
        return p === undefined ? old : mergeParticipant(old, p);
    });
    return {
        conversationId: next.conversationId,
        topicQueueId: next.topicQueueId ?? previous.topicQueueId,
        participants: [...merged, ...incoming.values()]
    };
}

const STATE_RANK: Record<string, number> = {
    alerting: 1,
    contacting: 1,
    offering: 1,
    dialing: 1,
    connected: 2,
    disconnected: 3,
    terminated: 3
};

function mergeParticipant(old: ParticipantView, next: ParticipantView): ParticipantView {
    const stale = (STATE_RANK[next.state] ?? 0) < (STATE_RANK[old.state] ?? 0);
    const base = stale ? old : next;
    const other = stale ? next : old;
    // Every message either view lists, in the order first seen; the fresher view's record of each, with the files
    // either record names (a read that omits a message's media does not take back the files seen).
    const fresher = new Map(base.messages.map((m) => [m.id, m]));
    const staler = new Map(other.messages.map((m) => [m.id, m]));
    const seen = new Set<string>();
    const messages: MessageRef[] = [];
    for (const m of [...old.messages, ...next.messages]) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
        const record = fresher.get(m.id) ?? m;
        const media = record.media.length > 0 ? record.media : (staler.get(m.id)?.media ?? []);
        messages.push(media === record.media ? record : { ...record, media });
    }
    return {
        ...base,
        userId: base.userId ?? other.userId,
        queueId: base.queueId ?? other.queueId,
        name: base.name ?? other.name,
        address: base.address ?? other.address,
        messengerType: base.messengerType ?? other.messengerType,
        startTime: base.startTime ?? other.startTime,
        connectedTime: base.connectedTime ?? other.connectedTime,
        alertingTimeoutMs: base.alertingTimeoutMs ?? other.alertingTimeoutMs,
        wrapupCode: base.wrapupCode ?? other.wrapupCode,
        wrapupEndTime: base.wrapupEndTime ?? other.wrapupEndTime,
        startAcwTime: base.startAcwTime ?? other.startAcwTime,
        messages,
        ...(base.media === 'email' || other.media === 'email'
            ? {
                  media: 'email' as const,
                  subject: base.subject ?? other.subject ?? null,
                  emailsSent: Math.max(base.emailsSent ?? 0, other.emailsSent ?? 0),
                  lastEmailId: base.lastEmailId ?? other.lastEmailId ?? null
              }
            : {})
    };
}

/**
 * Whether the thread of an email conversation must be read: the customer or an agent sent an email the view does not
 * know yet (its `messageId` is not among the view's emails of that side, or the side's `messagesSent` counts more
 * than the view has). The agents' emails are counted together: the listing does not say which agent wrote which, so
 * an email put with the wrong agent still counts once.
 */
export function emailThreadWanted(view: ConversationView): boolean {
    const customer = view.participants.find(isCustomer);
    if (customer?.media !== 'email') return false;
    const known = customer.messages.filter(isInbound);
    if (customer.lastEmailId != null && !known.some((m) => m.id === customer.lastEmailId)) return true;
    if ((customer.emailsSent ?? 0) > known.length) return true;
    const agents = view.participants.filter((p) => isAgent(p) && p.media === 'email');
    const replies = new Set(agents.flatMap((p) => p.messages.filter(isOutbound).map((m) => m.id)));
    if (agents.some((p) => p.lastEmailId != null && !replies.has(p.lastEmailId))) return true;
    return agents.reduce((sum, p) => sum + (p.emailsSent ?? 0), 0) > replies.size;
}

/** One email of the thread listing as a message of the view (its files from `attachments`, the SDK's Attachment). */
function emailRef(e: Json, status: 'received' | 'sent'): MessageRef {
    return {
        id: str(e.id) ?? '',
        time: str(e.time),
        status,
        subject: str(e.subject),
        text: typeof e.textBodyPreview === 'string' ? e.textBodyPreview : null,
        media: arr(e.attachments).flatMap((x) => {
            const a = obj(x);
            return a === null
                ? []
                : [
                      {
                          id: str(a.attachmentId),
                          url: str(a.contentUri),
                          mediaType: str(a.contentType),
                          name: str(a.name),
                          bytes: num(a.contentLength)
                      }
                  ];
        })
    };
}

/** `known` with the `listed` record of each email it has, then the listed emails it lacks, in listing order. */
function withListed(known: MessageRef[], listed: MessageRef[]): MessageRef[] {
    const fresh = new Map(listed.map((m) => [m.id, m]));
    const kept = known.map((m) => {
        const record = fresh.get(m.id);
        fresh.delete(m.id);
        return record ?? m;
    });
    return [...kept, ...fresh.values()];
}

/**
 * The view with the emails of the thread, as GET /api/v2/conversations/emails/{id}/messages lists them
 * (EmailMessagePreviewListing of EmailMessagePreview: id, from, subject, textBodyPreview, attachments, time). The
 * listing says nothing of direction: an email is the customer's when it comes from the customer participant's
 * address (or is the customer's latest, `messageId`). Every other email is an agent's reply, from the queue's address,
 * and goes to the agent participant who sent it: the one whose `messageId` names it, else the one it is already with,
 * else the last agent connected when it was sent (the last agent at all when times do not tell). Emails already in the
 * view keep their place; the listing's record of each wins.
 */
export function withEmailThread(view: ConversationView, listing: unknown): ConversationView {
    const customer = view.participants.find(isCustomer);
    if (customer === undefined) return view;
    const entries = arr(obj(listing)?.entities)
        .map(obj)
        .filter((e): e is Json => e !== null && str(e.id) !== null);
    const sender = (e: Json | undefined): string | undefined => str(obj(e?.from)?.email)?.toLowerCase();
    const address = customer.address?.toLowerCase() ?? sender(entries[0]);
    const fromCustomer = (e: Json): boolean =>
        (address !== undefined && sender(e) === address) || str(e.id) === customer.lastEmailId;
    const emails = entries.filter(fromCustomer).map((e) => emailRef(e, 'received'));
    const agents = view.participants.filter(isAgent);
    const replies = new Map<ParticipantView, MessageRef[]>();
    for (const e of entries.filter((x) => !fromCustomer(x))) {
        const reply = emailRef(e, 'sent');
        const agent = senderOf(agents, reply);
        if (agent !== undefined) replies.set(agent, [...(replies.get(agent) ?? []), reply]);
    }
    const updated = (p: ParticipantView): ParticipantView => {
        if (p === customer) return { ...p, messages: withListed(p.messages, emails) };
        const listed = replies.get(p);
        return listed === undefined ? p : { ...p, messages: withListed(p.messages, listed) };
    };
    return { ...view, participants: view.participants.map(updated) };
}

/** The agent participant who sent an agent's email of the thread (see withEmailThread); undefined without agents. */
function senderOf(agents: ParticipantView[], email: MessageRef): ParticipantView | undefined {
    const named = agents.find((p) => p.lastEmailId === email.id);
    if (named !== undefined) return named;
    const holder = agents.find((p) => p.messages.some((m) => m.id === email.id));
    if (holder !== undefined) return holder;
    const sent = email.time === null ? NaN : Date.parse(email.time);
    const time = (value: string | null): number => (value === null ? NaN : Date.parse(value));
    const connectedThen = agents.filter((p) => time(p.connectedTime) <= sent && !(time(p.endTime) < sent));
    return connectedThen.at(-1) ?? agents.at(-1);
}

/**
 * Whether the conversation may still change in a way Relay reports: a leg is still up, or an agent who had it still
 * owes a wrap-up. Reconciliation reads the open ones again after a gap.
 */
export function isOpen(view: ConversationView): boolean {
    const ended = (p: ParticipantView): boolean => p.state === 'disconnected' || p.state === 'terminated';
    if (view.participants.length === 0 || view.participants.some((p) => !ended(p))) return true;
    return view.participants.some(
        (p) => isAgent(p) && p.wrapupRequired && p.wrapupCode === null && p.connectedTime !== null
    );
}

function normalizeTime(value: string | null): string | null {
    if (value === null) return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
