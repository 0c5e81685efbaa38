// The contact centre's state and every action on it: presence, the customer side, pick up, disconnect,
// wrap-up, transfer, send, outbound. Routing and after-call-work rules are in acd.ts. Transport-free:
// the HTTP layer and the control API call these methods; refusals are SimErrors.
import { randomUUID } from 'node:crypto';
import { Acd, acwPending, activeAgent, isActive, wrapUpSettings } from './acd';
import type { Clock } from './clock';
import { SimError, invalidValue, notFound } from './errors';
import type { SimEventInput, SimEventType } from './events';
import { MediaStore, type AttachmentRef, type Media } from './media';
import {
    AGENT_PERMISSIONS,
    CHANNELS,
    MESSAGE_ASSIGN,
    MESSAGE_PULL,
    MESSENGER_TYPE,
    outboundEmailOf,
    type Channel,
    type Conversation,
    type EmailAddress,
    type ExternalContactSeed,
    type InboundEmailStart,
    type InboundStart,
    type Participant,
    type PresenceDefinitionSeed,
    type QueueSeed,
    type ResponseLibrarySeed,
    type ResponseSeed,
    type RoutingStatus,
    type SeedData,
    type TranscriptEntry,
    type UserState,
    type WrapUpCodeSeed
} from './model';

export interface WrapUpInput {
    code: string;
    name?: string;
    notes?: string;
    tags?: string[];
    durationSeconds?: number;
    endTime?: string;
}

/** A file the customer sends (the control API's customer side). */
export interface CustomerFile {
    name: string;
    contentType?: string;
    bytes: Buffer;
}

/** An agent's email reply (the SDK's EmailMessage as postConversationsEmailMessages takes it). */
export interface EmailReplyInput {
    to: EmailAddress[];
    from: EmailAddress;
    subject?: string;
    textBody: string;
    htmlBody?: string;
    /** Draft attachments of this conversation, uploaded and not sent yet (createEmailDraftAttachmentUpload). */
    attachments?: EmailReplyAttachment[];
}

/**
 * A file of an email reply (the SDK's Attachment as the reply names it): the draft attachment's id; the name, content
 * type and length the email carries are the upload's.
 */
export interface EmailReplyAttachment {
    attachmentId: string;
    name?: string;
    contentType?: string;
    contentLength?: number;
}

/** A further inbound email of the customer in an email conversation's thread. */
export interface CustomerEmailInput {
    textBody: string;
    htmlBody?: string;
}

/** POST /api/v2/conversations/messages (the SDK's CreateOutboundMessagingConversationRequest), as the simulator reads it. */
export interface OutboundInput {
    queueId: string;
    toAddress: string;
    toAddressMessengerType: 'sms' | 'open' | 'whatsapp';
    /** Take over the contact's open conversation that no agent holds (reference §8.1); default false. */
    useExistingConversation?: boolean;
}

/**
 * The template of sendTemplate: AdditionalMessage.messagingTemplate, the SDK's SendMessagingTemplateRequest, of which
 * the contract accepts `responseId` (the Response Management response of the template) and `parameters`
 * (TemplateParameter {id, value}: the value of each substitution). headerParameters, bodyParameters,
 * buttonUrlParameters and carouselParameters, for templates with a header, buttons or a carousel, are outside the
 * contract (Relay's templates are text).
 */
export interface TemplateInput {
    responseId: string;
    parameters?: { id: string; value: string }[];
}

/** A placeholder of a response's text: {{1}}, {{2}}, ... (WhatsApp's syntax), named by a substitution id. */
const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;

/** A permission check as the contract records it: ALL of the permissions, or ANY one of them. */
export interface PermissionRule {
    type: 'ALL' | 'ANY' | 'NONE';
    permissions: readonly string[];
}

/**
 * POST /api/v2/conversations/emails (the SDK's CreateEmailRequest), the fields the simulator reads: an agent's
 * outbound email on behalf of a queue. The others the contract accepts (flowId, skills, priority, attributes, from,
 * bodies, ...) do not change what it creates: the first email is sent afterwards, with sendEmailReply.
 */
export interface OutboundEmailInput {
    provider: string;
    direction?: 'INBOUND' | 'OUTBOUND';
    queueId?: string;
    toAddress?: string;
    toName?: string;
    subject?: string;
    externalContactId?: string;
}

/** The provider of Genesys Cloud's own email (an INBOUND email conversation needs a third-party one). */
export const GENESYS_EMAIL_PROVIDER = 'PureCloud Email';

/** An E.164 phone number: what an outbound SMS is sent to. */
export const E164 = /^\+[1-9][0-9]{6,14}$/;

/**
 * A WhatsApp ID: what an outbound WhatsApp message is sent to. Genesys asks for the "WhatsApp ID without +" (reference
 * §8.1, the SDK's toAddress), which is the number in international form: digits only, the country code first, no `+`
 * and no international dialling prefix (00, 011), so never a leading 0. The length bound is E.164's, as for SMS
 * above (7 to 15 digits, country code included: Niue's numbers, +683 and four digits, are among the shortest in
 * use); Genesys documents no bound of its own.
 */
export const WHATSAPP_ID = /^[1-9][0-9]{6,14}$/;

/**
 * WhatsApp's customer care window: a business may send a free-form message only within 24 hours of the customer's
 * last message to it (Meta's rule); outside it, only an approved message template.
 */
export const WHATSAPP_CARE_WINDOW_MS = 24 * 60 * 60 * 1000;

/** An email address as an outbound email's recipient: one `@`, a domain with a dot, no spaces or brackets. */
const EMAIL_ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]+$/;

const OUTBOUND_CHANNEL: Record<OutboundInput['toAddressMessengerType'], Channel> = {
    sms: 'sms',
    whatsapp: 'whatsapp',
    open: 'email'
};
const SMS_MAX_LENGTH = 765;

export class ContactCentre {
    readonly users = new Map<string, UserState>();
    readonly queues = new Map<string, QueueSeed>();
    readonly wrapUpCodes = new Map<string, WrapUpCodeSeed>();
    readonly presences = new Map<string, PresenceDefinitionSeed>();
    readonly contacts: ExternalContactSeed[];
    /** Response Management: the libraries and their responses (canned responses and WhatsApp templates). */
    readonly responseLibraries = new Map<string, ResponseLibrarySeed>();
    readonly responses = new Map<string, ResponseSeed>();
    readonly conversations = new Map<string, Conversation>();
    readonly defaultAgentId: string;
    private readonly acd: Acd;
    /** Message attachments: agents' uploads and customers' files. */
    readonly media: MediaStore;
    /**
     * Whether MessageData still carries the legacy textBody, media and stickers beside normalizedMessage. Genesys
     * deprecated them on 2025-11-07 and planned their removal for 2026-03-31 (Developer Announcements, "Deprecation
     * and Removal of textBody, media, and stickers Fields from Messaging API Responses"); the SDK's MessageData (262)
     * no longer has them. On until the control API turns them off (setMessageFormat); a reset turns them back on.
     */
    legacyMessageFields = true;

    constructor(
        readonly clock: Clock,
        seedData: SeedData,
        readonly publish: (event: SimEventInput) => void,
        /** The simulator's origin, for the upload and download URLs of attachments. */
        baseUrl: () => string = () => 'http://127.0.0.1'
    ) {
        this.acd = new Acd(this);
        this.media = new MediaStore(clock, baseUrl);
        const seed = structuredClone(seedData);
        const available = seed.presenceDefinitions.find((p) => p.systemPresence === 'Available');
        if (available === undefined) throw new Error('seed: an Available presence definition is required');
        if (!seed.presenceDefinitions.some((p) => p.systemPresence === 'OnQueue')) {
            throw new Error('seed: an OnQueue presence definition is required');
        }
        for (const p of seed.presenceDefinitions) this.presences.set(p.id, p);
        for (const c of seed.wrapUpCodes) this.wrapUpCodes.set(c.id, c);
        for (const q of seed.queues) this.queues.set(q.id, q);
        for (const l of seed.responseLibraries ?? []) this.responseLibraries.set(l.id, l);
        for (const r of seed.responses ?? []) {
            const missing = r.libraryIds.find((l) => !this.responseLibraries.has(l));
            if (missing !== undefined) throw new Error(`seed: response ${r.name} names an unknown library ${missing}`);
            this.responses.set(r.id, r);
        }
        for (const q of seed.queues) {
            const missing = q.cannedResponseLibraries?.libraryIds?.find((l) => !this.responseLibraries.has(l));
            if (missing !== undefined) throw new Error(`seed: queue ${q.name} names an unknown library ${missing}`);
        }
        const now = clock.now();
        for (const agent of seed.agents) {
            this.users.set(agent.id, {
                agent,
                presenceId: available.id,
                presenceModified: now,
                notResponding: false,
                routingStatus: 'OFF_QUEUE',
                routingSince: now
            });
        }
        if (!this.users.has(seed.defaultAgentId)) throw new Error('seed: defaultAgentId is not an agent');
        this.defaultAgentId = seed.defaultAgentId;
        this.contacts = seed.externalContacts;
        for (const start of seed.conversations) this.startInbound(start);
    }

    /** Cancels every pending alerting and wrap-up timer (reset and shutdown). */
    dispose(): void {
        for (const c of this.conversations.values()) {
            for (const p of c.participants) {
                this.clock.clearTimer(p.alertTimer);
                this.clock.clearTimer(p.wrapUpTimer);
            }
        }
    }

    // ----- lookups -------------------------------------------------------------------------------

    user(userId: string): UserState {
        const user = this.users.get(userId);
        if (user === undefined) throw notFound('user', userId);
        return user;
    }

    queue(queueId: string): QueueSeed {
        const queue = this.queues.get(queueId);
        if (queue === undefined) throw notFound('queue', queueId);
        return queue;
    }

    /**
     * A Response Management library; an unknown id is 404 not.found, as Genesys answers for an entity that does not
     * exist (the SDK documents no other answer for GET /api/v2/responsemanagement/responses?libraryId=).
     */
    responseLibrary(libraryId: string): ResponseLibrarySeed {
        const library = this.responseLibraries.get(libraryId);
        if (library === undefined) throw notFound('library', libraryId);
        return library;
    }

    /** The responses of a library (404 for an unknown library), in the seed's order. */
    responsesOf(libraryId: string): ResponseSeed[] {
        this.responseLibrary(libraryId);
        return [...this.responses.values()].filter((r) => r.libraryIds.includes(libraryId));
    }

    findQueue(idOrName: string): QueueSeed | undefined {
        const wanted = idOrName.toLowerCase();
        return this.queues.get(idOrName) ?? [...this.queues.values()].find((q) => q.name.toLowerCase() === wanted);
    }

    conversation(conversationId: string): Conversation {
        const conversation = this.conversations.get(conversationId);
        if (conversation === undefined) throw notFound('conversation', conversationId);
        return conversation;
    }

    participant(conversation: Conversation, participantId: string): Participant {
        const participant = conversation.participants.find((p) => p.id === participantId);
        if (participant === undefined) throw notFound('participant', participantId);
        return participant;
    }

    presenceOf(user: UserState): PresenceDefinitionSeed {
        const presence = this.presences.get(user.presenceId);
        if (presence === undefined) throw new Error(`presence ${user.presenceId} vanished`);
        return presence;
    }

    codesForQueue(queueId: string | undefined): WrapUpCodeSeed[] {
        const queue = queueId === undefined ? undefined : this.queues.get(queueId);
        return (queue?.wrapUpCodeIds ?? []).flatMap((id) => this.wrapUpCodes.get(id) ?? []);
    }

    /** The permissions the user's roles grant (the seed's, else AGENT_PERMISSIONS; setPermissions changes them). */
    permissionsOf(user: UserState): readonly string[] {
        return user.agent.permissions ?? AGENT_PERMISSIONS;
    }

    /**
     * Refuses (403) a caller whose roles do not grant what an operation requires: ALL of the permissions
     * (`missing.permissions`) or ANY one of them (`missing.any.permissions`), as the contract records each operation's.
     */
    requirePermissions(userId: string, rule: PermissionRule): void {
        const granted = this.permissionsOf(this.user(userId));
        if (rule.type === 'ALL') {
            const missing = rule.permissions.filter((p) => !granted.includes(p));
            if (missing.length > 0) throw missingPermissions(missing);
        } else if (rule.type === 'ANY' && !rule.permissions.some((p) => granted.includes(p))) {
            throw missingAnyPermissions([...rule.permissions]);
        }
    }

    /** Replaces what the user's roles grant (until the next reset): each permission domain:entity:action. */
    setPermissions(userId: string, permissions: string[]): UserState {
        const user = this.user(userId);
        const bad = permissions.find((p) => !/^[A-Za-z0-9]+:[A-Za-z0-9*]+:[A-Za-z0-9*]+$/.test(p));
        if (bad !== undefined) {
            throw invalidValue(
                'permissions',
                `Permission ${bad} is not domain:entity:action, as conversation:message:create`
            );
        }
        user.agent.permissions = [...new Set(permissions)];
        return user;
    }

    /**
     * GET /api/v2/externalcontacts/contacts?q=: the external contacts whose names, phone numbers (cell phone and
     * WhatsApp number) or email address match `q`, ordered by last then first name. Genesys searches "by name, phone
     * number, email" with "no special syntax"; how it matches is not documented, so this is the simulator's
     * approximation: case-insensitive; a `q` that looks like a phone number matches the contacts whose numbers contain
     * its digits; any other `q` matches the contacts for whom each of its words is part of the first name, the last
     * name or the email address. No `q` (or a blank one) lists every contact.
     */
    searchContacts(q: string | undefined): ExternalContactSeed[] {
        const query = (q ?? '').trim().toLowerCase();
        const matches = (c: ExternalContactSeed): boolean => {
            if (query === '') return true;
            if (/^[+\d\s().-]+$/.test(query)) {
                const digits = query.replace(/\D/g, '');
                return (
                    digits !== '' &&
                    [c.cellPhone, c.whatsAppId].some((n) => n !== undefined && n.replace(/\D/g, '').includes(digits))
                );
            }
            const fields = [c.firstName, c.lastName, c.workEmail].flatMap((f) =>
                f === undefined ? [] : [f.toLowerCase()]
            );
            return query.split(/\s+/).every((word) => fields.some((f) => f.includes(word)));
        };
        return this.contacts
            .filter(matches)
            .sort((a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName));
    }

    /** Message conversations the agent is working: alerting, connected, or waiting for their wrap-up. */
    activeConversationsFor(userId: string): Conversation[] {
        return [...this.conversations.values()].filter((c) =>
            c.participants.some((p) => p.userId === userId && (isActive(p) || acwPending(p)))
        );
    }

    // ----- presence and routing status ------------------------------------------------------------

    setPresence(userId: string, presenceId: string, message?: string): UserState {
        const user = this.user(userId);
        const presence = this.presences.get(presenceId);
        if (presence === undefined) {
            throw invalidValue('presenceDefinition.id', `Presence definition ${presenceId} does not exist`);
        }
        user.presenceId = presence.id;
        user.presenceMessage = message;
        user.presenceModified = this.clock.now();
        user.notResponding = false;
        this.publish({
            type: 'user.presenceChanged',
            conversationId: null,
            participantId: null,
            userId,
            queueId: null,
            channel: null,
            data: { presenceDefinitionId: presence.id, systemPresence: presence.systemPresence, label: presence.label }
        });
        if (presence.systemPresence !== 'OnQueue') this.acd.withdrawOffers(userId, 'offQueue');
        this.acd.settle();
        return user;
    }

    setPresenceBySystemName(userId: string, systemPresence: string): UserState {
        const presence = [...this.presences.values()].find((p) => p.systemPresence === systemPresence);
        if (presence === undefined)
            throw invalidValue('systemPresence', `No presence definition for ${systemPresence}`);
        return this.setPresence(userId, presence.id);
    }

    /** PUT routingstatus: IDLE clears NOT_RESPONDING while On Queue; OFF_QUEUE takes the user off queue. */
    setRoutingStatus(userId: string, status: RoutingStatus): UserState {
        const user = this.user(userId);
        const onQueue = this.presenceOf(user).systemPresence === 'OnQueue';
        if (status === 'IDLE') {
            if (!onQueue) {
                throw invalidValue(
                    'status',
                    'Routing status cannot put a user on queue; set an On Queue presence instead'
                );
            }
            user.notResponding = false;
        } else if (status === 'OFF_QUEUE') {
            if (onQueue) return this.setPresenceBySystemName(userId, 'Available');
        } else {
            throw invalidValue('status', `Routing status ${status} is set by the system, not by a request`);
        }
        this.acd.settle();
        return user;
    }

    setQueueMembership(userId: string, queueId: string, joined: boolean): void {
        this.user(userId);
        const queue = this.queue(queueId);
        const member = queue.members.find((m) => m.userId === userId);
        if (member === undefined) queue.members.push({ userId, joined });
        else member.joined = joined;
        this.acd.settle();
    }

    // ----- customer side ----------------------------------------------------------------------

    startInbound(start: InboundStart): Conversation {
        if (!CHANNELS.includes(start.channel)) {
            throw invalidValue('channel', `Channel must be one of: ${CHANNELS.join(', ')}`);
        }
        // Email is its own media type in Genesys Cloud, never a message: an email start is an inbound email, its
        // subject from a leading "Subject: ..." line when the text has one.
        if (start.channel === 'email') return this.startEmail(emailOf(start));
        const queue = this.findQueue(start.queue);
        if (queue === undefined) throw invalidValue('queue', `Queue ${start.queue} does not exist`);
        const conversation = this.newConversation({
            channel: start.channel,
            direction: 'inbound',
            customerName: start.customerName,
            customerAddress: start.customerAddress,
            queueId: queue.id
        });
        const customer = this.enqueueInbound(conversation, queue);
        if (start.text !== undefined && start.text !== '') {
            this.appendCustomerMessage(conversation, customer, start.text);
        }
        this.acd.settle();
        return conversation;
    }

    /**
     * An inbound email to a queue's address: an email conversation (media type email, served under
     * /api/v2/conversations/emails), its customer and the queue's acd participant, routed like messages.
     */
    startEmail(start: InboundEmailStart, files: CustomerFile[] = []): Conversation {
        const queue = this.findQueue(start.queue);
        if (queue === undefined) throw invalidValue('queue', `Queue ${start.queue} does not exist`);
        if (start.textBody === '' && (start.htmlBody ?? '') === '' && files.length === 0) {
            throw invalidValue('textBody', 'An email needs a body or an attachment');
        }
        const customerName = start.fromName ?? start.fromAddress;
        const conversation = this.newConversation({
            channel: 'email',
            mediaType: 'email',
            email: { subject: start.subject, queueAddress: start.toAddress ?? queueEmailAddress(queue) },
            direction: 'inbound',
            customerName,
            customerAddress: start.fromAddress,
            queueId: queue.id
        });
        const customer = this.enqueueInbound(conversation, queue);
        this.appendCustomerEmail(conversation, customer, start.subject, start, files);
        this.acd.settle();
        return conversation;
    }

    /** A further email of the customer in the thread (its subject the thread's, with `Re: `). */
    customerEmail(conversationId: string, input: CustomerEmailInput, files: CustomerFile[] = []): TranscriptEntry {
        const conversation = this.conversation(conversationId);
        if (conversation.email === undefined) {
            throw invalidValue('conversationId', `Conversation ${conversationId} is not an email conversation`);
        }
        const customer = this.customerOf(conversation);
        if (customer.state !== 'connected') {
            throw new SimError(
                409,
                'conversation.error.conversation.state',
                `Conversation ${conversationId} has ended`
            );
        }
        if (input.textBody === '' && (input.htmlBody ?? '') === '' && files.length === 0) {
            throw invalidValue('textBody', 'An email needs a body or an attachment');
        }
        const entry = this.appendCustomerEmail(
            conversation,
            customer,
            reSubject(conversation.email.subject),
            input,
            files
        );
        this.acd.settle();
        return entry;
    }

    /** The customer and the queue's acd participant of a new inbound conversation, and its queued event. */
    private enqueueInbound(conversation: Conversation, queue: QueueSeed): Participant {
        const now = this.clock.now();
        const customer = this.addParticipant(conversation, {
            purpose: 'customer',
            state: 'connected',
            direction: 'inbound',
            name: conversation.customerName,
            address: conversation.customerAddress,
            connectedTime: now
        });
        this.addParticipant(conversation, {
            purpose: 'acd',
            state: 'connected',
            direction: 'inbound',
            name: queue.name,
            queueId: queue.id,
            connectedTime: now
        });
        this.emit('conversation.queued', conversation, customer, {
            reason: 'inbound',
            customerName: conversation.customerName,
            customerAddress: conversation.customerAddress,
            ...emailData(conversation)
        });
        return customer;
    }

    customerReply(conversationId: string, text: string, files: CustomerFile[] = []): TranscriptEntry {
        const conversation = this.conversation(conversationId);
        const customer = this.customerOf(conversation);
        if (conversation.email !== undefined) {
            throw invalidValue('conversationId', `Conversation ${conversationId} is an email conversation`);
        }
        if (customer.state !== 'connected') {
            throw new SimError(
                409,
                'conversation.error.conversation.state',
                `Conversation ${conversationId} has ended`
            );
        }
        if (text === '' && files.length === 0) throw invalidValue('text', 'A message needs text or a file');
        const media = files.map((f) => this.media.addCustomerFile(conversation.id, f.name, f.contentType, f.bytes));
        const entry = this.appendCustomerMessage(conversation, customer, text, media);
        this.acd.settle();
        return entry;
    }

    customerDisconnect(conversationId: string): Conversation {
        const conversation = this.conversation(conversationId);
        const customer = this.customerOf(conversation);
        if (customer.state === 'disconnected') return conversation;
        // The agent concerned is the one alerting or connected when the customer left (none while queued).
        const agent = activeAgent(conversation);
        for (const p of conversation.participants) {
            if (p === agent && p.state === 'connected') this.acd.endAgentLeg(p, 'peer');
            else if (p.state !== 'disconnected') this.acd.endLeg(p, p === customer ? 'endpoint' : 'peer');
        }
        conversation.endTime = this.clock.now();
        this.emit('conversation.disconnected', conversation, agent ?? customer, {
            disconnectedBy: 'customer',
            disconnectType: 'endpoint'
        });
        // The customer left while the transfer waited in the queue: it ends for the agent who transferred too.
        const waiting = conversation.awaitingAcceptance;
        if (waiting !== undefined) {
            conversation.awaitingAcceptance = undefined;
            this.emit('conversation.disconnected', conversation, waiting.participant, {
                disconnectedBy: 'customer',
                disconnectType: 'endpoint'
            });
        }
        if (agent !== undefined) this.acd.announceWrapUp(conversation, agent);
        this.acd.settle();
        return conversation;
    }

    // ----- agent actions -----------------------------------------------------------------------

    pickUp(conversationId: string, participantId: string): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (p.state === 'connected') return; // a retried pick-up is not an error
        if (p.state !== 'alerting')
            throw stateError(p, `Participant ${p.id} is ${p.state}; it cannot become connected`);
        this.clock.clearTimer(p.alertTimer);
        p.state = 'connected';
        p.connectedTime = this.clock.now();
        for (const acd of conversation.participants) {
            if (acd.purpose === 'acd' && acd.state === 'connected') this.acd.endLeg(acd, 'transfer');
        }
        this.emit('conversation.connected', conversation, p, { direction: conversation.direction });
        this.completeTransfer(conversation, p);
        this.acd.settle();
    }

    /** Another agent connected: a transfer waiting for acceptance is complete for the agent it left. */
    private completeTransfer(conversation: Conversation, accepter: Participant): void {
        const waiting = conversation.awaitingAcceptance;
        if (waiting === undefined || waiting.participant === accepter) return;
        conversation.awaitingAcceptance = undefined;
        this.emit('conversation.transferred', conversation, waiting.participant, {
            ...waiting.data,
            targetUserId: accepter.userId ?? null
        });
    }

    /** Agent disconnect: ends a connected conversation (ACW follows), or declines an alerting offer. */
    disconnect(conversationId: string, participantId: string): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (p.state === 'disconnected') return; // a retried disconnect is not an error
        if (p.state === 'alerting') {
            this.acd.endLeg(p, 'client');
            this.user(p.userId ?? '').notResponding = true;
            this.emit('conversation.disconnected', conversation, p, { disconnectedBy: 'agent', reason: 'declined' });
            this.acd.settle();
            return;
        }
        this.acd.endAgentLeg(p, 'client');
        for (const other of conversation.participants) {
            if (other.state !== 'disconnected') this.acd.endLeg(other, 'peer');
        }
        conversation.endTime = this.clock.now();
        this.emit('conversation.disconnected', conversation, p, { disconnectedBy: 'agent', disconnectType: 'client' });
        this.acd.announceWrapUp(conversation, p);
        this.acd.settle();
    }

    submitWrapUp(conversationId: string, participantId: string, input: WrapUpInput, communicationId?: string): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (communicationId !== undefined && communicationId !== p.communicationId) {
            throw notFound('communication', communicationId);
        }
        if (p.connectedTime === undefined) {
            throw stateError(p, `Participant ${p.id} was never connected, so it has nothing to wrap up`);
        }
        if (p.wrapup !== undefined) {
            if (p.wrapup.code === input.code && p.wrapup.notes === input.notes) return; // a retry
            throw new SimError(
                409,
                'conversation.error.wrapup.already.applied',
                `Participant ${p.id} already has wrap-up code ${p.wrapup.name}`,
                { params: { participantId: p.id, code: p.wrapup.code } }
            );
        }
        const code = this.codesForQueue(p.queueId).find((c) => c.id === input.code);
        if (code === undefined) {
            const queueName = this.queues.get(p.queueId ?? '')?.name ?? 'this queue';
            throw invalidValue('wrapup.code', `Wrap-up code ${input.code} is not a wrap-up code of ${queueName}`);
        }
        const now = this.clock.now();
        p.wrapup = {
            code: code.id,
            name: code.name,
            notes: input.notes,
            tags: input.tags,
            durationSeconds: input.durationSeconds ?? Math.round((now - (p.startAcwTime ?? p.endTime ?? now)) / 1000),
            endTime: input.endTime ?? new Date(now).toISOString()
        };
        if (p.state === 'disconnected' && !this.acd.isForced(p)) this.acd.endAcw(p);
        this.emit('conversation.wrapUpSubmitted', conversation, p, {
            wrapUpCode: code.id,
            wrapUpName: code.name,
            notes: input.notes ?? null,
            source: 'agent'
        });
        this.acd.settle();
    }

    transferToQueue(
        conversationId: string,
        participantId: string,
        target: { queueId?: string; queueName?: string; transferType?: 'Attended' | 'Unattended' },
        initiatorUserId?: string
    ): void {
        const conversation = this.conversation(conversationId);
        const p = this.agentParticipant(conversation, participantId);
        if (p.state !== 'connected') {
            throw stateError(p, `Participant ${p.id} is ${p.state}; only a connected agent can transfer`);
        }
        const queue =
            target.queueId !== undefined ? this.queues.get(target.queueId) : this.findQueue(target.queueName ?? '');
        if (queue === undefined) {
            const field = target.queueId !== undefined ? 'queueId' : 'queueName';
            throw invalidValue(field, `Queue ${target.queueId ?? target.queueName ?? ''} does not exist`);
        }
        const fromQueueId = p.queueId;
        this.acd.endAgentLeg(p, 'transfer');
        const now = this.clock.now();
        this.addParticipant(conversation, {
            purpose: 'acd',
            state: 'connected',
            direction: conversation.direction,
            name: queue.name,
            queueId: queue.id,
            connectedTime: now
        });
        conversation.queueId = queue.id;
        conversation.queuedSince = now;
        const transferType = target.transferType ?? 'Unattended';
        conversation.transfers.push({
            id: randomUUID(),
            state: 'Complete',
            dateIssued: now,
            initiatorUserId: initiatorUserId ?? p.userId,
            fromQueueId,
            toQueueId: queue.id,
            transferType
        });
        // The agent's leg ended now (after-call work starts now), but the transfer completes when an agent of the queue
        // accepts it: only then does the agent it left hear `conversation.transferred` (docs/events.md).
        conversation.awaitingAcceptance = {
            participant: p,
            data: {
                targetQueueId: queue.id,
                targetQueueName: queue.name,
                fromQueueId: fromQueueId ?? null,
                transferType
            }
        };
        this.acd.announceWrapUp(conversation, p);
        this.acd.settle();
    }

    /**
     * POST .../participants/{id}/replace/agent: the queue's acd participant (waiting) or an agent's participant
     * (offered or connected) leaves with disconnectType transfer, and the user is offered the conversation
     * (alerting), whatever their routing status: the digital inbox's join.
     */
    replaceWithAgent(conversationId: string, participantId: string, userId: string, initiatorUserId?: string): void {
        const conversation = this.conversation(conversationId);
        const p = this.participant(conversation, participantId);
        const user = this.users.get(userId);
        if (user === undefined) throw invalidValue('userId', `User ${userId} does not exist`);
        if (p.purpose === 'customer') {
            throw invalidValue('participantId', `Participant ${participantId} is the customer; it cannot be replaced`);
        }
        if (p.state === 'disconnected' || this.customerOf(conversation).state !== 'connected') {
            throw stateError(p, `Participant ${p.id} is ${p.state}; only an active participant can be replaced`);
        }
        if (p.purpose === 'agent' && p.userId === userId) {
            throw invalidValue('userId', `${user.agent.name} already holds participant ${p.id}`);
        }
        if (p.purpose === 'agent' && p.state === 'connected') this.acd.endAgentLeg(p, 'transfer');
        else this.acd.endLeg(p, 'transfer');
        if (p.purpose === 'agent') {
            this.emit('conversation.disconnected', conversation, p, {
                disconnectedBy: initiatorUserId === undefined ? 'system' : 'agent',
                reason: 'transfer',
                disconnectType: 'transfer'
            });
            this.acd.announceWrapUp(conversation, p);
        }
        this.acd.offerTo(conversation, user);
        this.acd.settle();
    }

    /**
     * POST /api/v2/conversations/{conversationId}/assign {id}: manual assignment of a conversation waiting in queue (SDK
     * postConversationAssign, "Attempts to manually assign a specified conversation to a specified user. Ignores
     * bullseye ring, PAR score, skills, and languages"). The caller needs conversation:message:pull to take it for
     * themselves or conversation:message:assign (either way); the user is offered it (alerting) whatever their routing
     * status, and the queue keeps it (its acd participant stays connected) until they pick it up, so an offer that times
     * out returns it to the queue. Refused when the conversation is no longer waiting: offered to or held by an agent,
     * or ended.
     */
    assignConversation(conversationId: string, userId: string, callerUserId: string): void {
        const needed = userId === callerUserId ? [MESSAGE_PULL, MESSAGE_ASSIGN] : [MESSAGE_ASSIGN];
        this.requirePermissions(callerUserId, { type: 'ANY', permissions: needed });
        const conversation = this.conversation(conversationId);
        const user = this.users.get(userId);
        if (user === undefined) throw invalidValue('id', `User ${userId} does not exist`);
        const agent = activeAgent(conversation);
        const queued = conversation.participants.some((p) => p.purpose === 'acd' && p.state === 'connected');
        if (conversation.endTime !== undefined || this.customerOf(conversation).state !== 'connected') {
            throw notWaiting(conversation, 'ended');
        }
        if (agent !== undefined) throw notWaiting(conversation, agent.state === 'alerting' ? 'offered' : 'assigned');
        if (!queued) throw notWaiting(conversation, 'not queued');
        this.acd.offerTo(conversation, user);
        this.acd.settle();
    }

    sendText(conversationId: string, communicationId: string, text: string, mediaIds: string[] = []): TranscriptEntry {
        const { conversation, agent: p } = this.connectedAgentCommunication(conversationId, communicationId);
        if (conversation.messengerType === 'sms' && text.length > SMS_MAX_LENGTH) {
            throw invalidValue('textBody', `SMS messages are limited to ${SMS_MAX_LENGTH} characters`);
        }
        if (text === '' && mediaIds.length === 0)
            throw invalidValue('textBody', 'A message needs textBody or mediaIds');
        // One body per message (SDK postConversationsMessageCommunicationMessages). The contract refuses these bodies
        // before they get here; the engine holds the rule for every caller.
        if (mediaIds.length > 1 || (text !== '' && mediaIds.length > 0)) throw oneBodyPerMessage();
        if (conversation.messengerType === 'whatsapp') this.requireCareWindow(conversation);
        // Only media uploaded to this conversation and checked valid go out with a message.
        const media = mediaIds.map((id) => {
            const found = this.media.get(id);
            if (found === undefined || found.conversationId !== conversation.id) throw notFound('media', id);
            if (found.status !== 'valid') {
                throw invalidValue('mediaIds', `Media ${id} is ${found.status}; only valid media can be sent`);
            }
            return found;
        });
        const entry = this.appendEntry(conversation, p, 'outbound', text, media);
        this.emit('conversation.agentMessage', conversation, p, {
            messageId: entry.id,
            text,
            ...(entry.attachments ? { attachments: entry.attachments } : {})
        });
        return entry;
    }

    /**
     * POST .../communications/{communicationId}/messages with AdditionalMessage.messagingTemplate (sendTemplate): the
     * agent sends an approved WhatsApp template, the one message Meta lets a business send outside the 24-hour
     * customer care window, so the window is not checked. The template is a Response Management response with
     * responseType MessagingTemplate and messagingTemplate.whatsApp (the SDK's Response and WhatsAppDefinition); each
     * of its substitutions needs a parameter of that id (TemplateParameter {id, value}), and each parameter must name
     * one of them. The customer reads the response's text with each placeholder {{id}} replaced by its value, which
     * the transcript records as the agent's outbound message. Refusals, each 400 invalid.value (Genesys documents no
     * error for them; the codes and messages are the simulator's): a conversation other than WhatsApp (SMS and the
     * other messengers have no templates), an unknown response id, a response that is not a WhatsApp template, a
     * substitution without a parameter, a parameter naming no substitution, twice the same parameter, an empty value.
     */
    sendTemplate(conversationId: string, communicationId: string, template: TemplateInput): TranscriptEntry {
        const { conversation, agent: p } = this.connectedAgentCommunication(conversationId, communicationId);
        if (conversation.messengerType !== 'whatsapp') {
            throw invalidValue(
                'messagingTemplate',
                `Messaging templates are sent on WhatsApp only: conversation ${conversation.id} is ${conversation.messengerType}, which has no templates`
            );
        }
        const { responseId } = template;
        const response = this.responses.get(responseId);
        if (response === undefined) {
            throw invalidValue('messagingTemplate.responseId', `Response ${responseId} does not exist`, responseId);
        }
        if (response.whatsApp === undefined) {
            throw invalidValue(
                'messagingTemplate.responseId',
                `Response ${response.name} (${responseId}) is not a WhatsApp messaging template`,
                responseId
            );
        }
        const substitutions = response.substitutions ?? [];
        const named = substitutions.map((x) => x.id);
        const values = new Map<string, string>();
        for (const { id, value } of template.parameters ?? []) {
            if (!named.includes(id)) {
                const expected = named.length === 0 ? 'it has none' : `its substitutions are ${named.join(', ')}`;
                throw invalidValue(
                    'messagingTemplate.parameters',
                    `Template ${response.name} has no substitution ${id}: ${expected}`,
                    responseId
                );
            }
            if (values.has(id)) {
                throw invalidValue(
                    'messagingTemplate.parameters',
                    `Parameter ${id} of template ${response.name} is given more than once`,
                    responseId
                );
            }
            if (value.trim() === '') {
                throw invalidValue(
                    'messagingTemplate.parameters',
                    `Parameter ${id} of template ${response.name} has no value`,
                    responseId
                );
            }
            values.set(id, value);
        }
        const missing = substitutions.find((x) => !values.has(x.id));
        if (missing !== undefined) {
            const what = missing.description === undefined ? '' : ` (${missing.description})`;
            throw invalidValue(
                'messagingTemplate.parameters',
                `Template ${response.name} needs a parameter for substitution ${missing.id}${what}`,
                responseId
            );
        }
        const text = response.text.replace(PLACEHOLDER, (placeholder, id: string) => values.get(id) ?? placeholder);
        const entry = this.appendEntry(conversation, p, 'outbound', text);
        this.emit('conversation.agentMessage', conversation, p, { messageId: entry.id, text });
        return entry;
    }

    /**
     * POST /api/v2/conversations/emails/{id}/messages: the email reply of `userId`, who must hold the conversation's
     * connected agent participant.
     */
    sendEmailReply(conversationId: string, userId: string, reply: EmailReplyInput): TranscriptEntry {
        const { conversation, agent, thread } = this.connectedEmailAgent(
            conversationId,
            userId,
            'an email can only be sent while connected'
        );
        // An email carries text and files together (unlike a message); the files are draft attachments.
        const media = this.draftAttachments(conversation, reply.attachments ?? []);
        if (reply.textBody === '' && (reply.htmlBody ?? '') === '' && media.length === 0) {
            throw invalidValue('textBody', 'An email reply needs textBody, htmlBody or an attachment');
        }
        // The first email of an outbound conversation opens the thread: its subject is the conversation's (a given
        // one becomes the conversation's when it had none), and it goes out from the queue's outbound address.
        const first = conversation.transcript.length === 0;
        const subject = reply.subject ?? (first ? thread.subject : reSubject(thread.subject));
        if (first && thread.subject === '' && reply.subject !== undefined) thread.subject = reply.subject;
        const outbound = conversation.direction === 'outbound';
        const fromQueue = sameAddress(reply.from.email, thread.queueAddress);
        const from =
            !outbound || fromQueue
                ? { ...reply.from, ...(outbound && reply.from.name === undefined ? { name: thread.queueName } : {}) }
                : { email: thread.queueAddress, name: thread.queueName };
        const email = {
            from,
            to: reply.to,
            subject,
            ...(reply.htmlBody !== undefined ? { htmlBody: reply.htmlBody } : {})
        };
        const entry = this.appendEntry(conversation, agent, 'outbound', reply.textBody, media, email);
        for (const m of media) m.sentInMessageId = entry.id;
        this.emit('conversation.agentMessage', conversation, agent, {
            messageId: entry.id,
            text: reply.textBody,
            ...(entry.attachments ? { attachments: entry.attachments } : {}),
            ...emailData(conversation, email.subject)
        });
        return entry;
    }

    /**
     * POST /api/v2/conversations/emails/{id}/messages/draft/attachments/uploads: an upload slot for one file of the
     * next email of `userId`, who must hold the conversation's connected agent participant (as to send it).
     */
    createEmailDraftAttachmentUpload(conversationId: string, userId: string, name: string, length: number): Media {
        const { conversation } = this.connectedEmailAgent(
            conversationId,
            userId,
            'a file can only be attached while connected'
        );
        return this.media.createDraftAttachment(conversation.id, name, length);
    }

    /** The email conversation and the user's agent participant on it, which must be connected. */
    private connectedEmailAgent(conversationId: string, userId: string, rule: string) {
        const conversation = this.conversation(conversationId);
        const thread = conversation.email;
        if (thread === undefined) throw notFound('conversation', conversationId);
        const agent = conversation.participants.filter((x) => x.purpose === 'agent' && x.userId === userId).at(-1);
        if (agent?.state !== 'connected') {
            throw new SimError(
                409,
                'conversation.error.participant.state',
                `The user ${userId} is not connected to conversation ${conversationId}; ${rule}`,
                { params: { conversationId, userId, state: agent?.state ?? 'none' } }
            );
        }
        return { conversation, agent, thread };
    }

    /**
     * The files a reply names: each a draft attachment of this conversation whose bytes arrived and that no email
     * carried yet, named once. Checked all before any is sent, so a refused reply consumes none.
     */
    private draftAttachments(conversation: Conversation, attachments: EmailReplyAttachment[]): Media[] {
        const named = new Set<string>();
        return attachments.map(({ attachmentId: id }) => {
            const media = this.media.get(id);
            if (media?.kind !== 'emailDraft' || media.conversationId !== conversation.id) {
                throw invalidValue(
                    'attachments',
                    `Attachment ${id} is not a draft attachment of conversation ${conversation.id}`,
                    id
                );
            }
            if (media.sentInMessageId !== undefined) {
                throw invalidValue(
                    'attachments',
                    `Attachment ${id} was already sent with email ${media.sentInMessageId}; upload the file again`,
                    id
                );
            }
            if (named.has(id)) throw invalidValue('attachments', `Attachment ${id} is named more than once`, id);
            if (media.bytes === undefined) {
                throw invalidValue(
                    'attachments',
                    `Attachment ${id} has no content: its file was never uploaded to the upload URL`,
                    id
                );
            }
            named.add(id);
            return media;
        });
    }

    /** POST .../messages/media/uploads: an upload slot on the agent's connected communication. */
    createMediaUpload(conversationId: string, communicationId: string, fileName: string, length: number): Media {
        const { conversation } = this.connectedAgentCommunication(conversationId, communicationId);
        return this.media.createUpload(conversation.id, communicationId, fileName, length);
    }

    /** GET .../messages/media/{mediaId}: the media of this conversation, its check one read further. */
    getMedia(conversationId: string, communicationId: string, mediaId: string): Media {
        const conversation = this.conversation(conversationId);
        if (!conversation.participants.some((x) => x.communicationId === communicationId)) {
            throw notFound('communication', communicationId);
        }
        return this.media.read(mediaId, conversation.id);
    }

    /**
     * WhatsApp's customer care window: an agent's free-form message (a text or a file) goes out only when the customer
     * sent a WhatsApp message (in any conversation from their address) within the last 24 hours of the simulator's
     * clock. An inbound WhatsApp conversation starts with the customer's message, so it is inside the window; an
     * outbound one is inside it only when the customer wrote within the day. Outside it Meta accepts only an approved
     * template (sendTemplate, which this rule does not apply to), so the simulator sends nothing.
     * Genesys's answer to a free-form message outside the window is not documented: the 400, its code
     * `conversation.error.whatsapp.outside.customer.care.window` and its body are the simulator's assumption.
     */
    private requireCareWindow(conversation: Conversation): void {
        const address = normalizeAddress(conversation.customerAddress);
        const last = [...this.conversations.values()]
            .filter((c) => c.messengerType === 'whatsapp' && normalizeAddress(c.customerAddress) === address)
            .flatMap((c) => c.transcript.filter((e) => e.direction === 'inbound').map((e) => e.timestamp))
            .reduce<number | undefined>((latest, t) => (latest === undefined || t > latest ? t : latest), undefined);
        const now = this.clock.now();
        if (last !== undefined && now - last < WHATSAPP_CARE_WINDOW_MS) return;
        const since =
            last === undefined
                ? `${conversation.customerAddress} has sent no WhatsApp message`
                : `the last WhatsApp message from ${conversation.customerAddress} was at ${new Date(last).toISOString()}`;
        throw new SimError(
            400,
            'conversation.error.whatsapp.outside.customer.care.window',
            `Cannot send a free-form WhatsApp message outside the 24-hour customer care window: ${since}; only an approved message template can be sent`,
            {
                entityId: conversation.id,
                params: {
                    conversationId: conversation.id,
                    address: conversation.customerAddress,
                    lastCustomerMessageTime: last === undefined ? '' : new Date(last).toISOString()
                },
                details: [
                    {
                        errorCode: 'conversation.error.whatsapp.outside.customer.care.window',
                        fieldName: 'textBody'
                    }
                ]
            }
        );
    }

    private connectedAgentCommunication(conversationId: string, communicationId: string) {
        const conversation = this.conversation(conversationId);
        const agent = conversation.participants.find((x) => x.communicationId === communicationId);
        if (agent === undefined) throw notFound('communication', communicationId);
        if (agent.purpose !== 'agent') {
            throw invalidValue('communicationId', `Communication ${communicationId} is not an agent communication`);
        }
        if (agent.state !== 'connected') {
            throw stateError(
                agent,
                `Participant ${agent.id} is ${agent.state}; messages can only be sent while connected`
            );
        }
        return { conversation, agent };
    }

    /**
     * POST /api/v2/conversations/messages: an agent's message on behalf of a queue they are a member of (joined or not:
     * they need not be On Queue), from the queue's outbound SMS number or WhatsApp sender. The caller's roles must grant
     * conversation:message:create (the API layer checks it). A contact who already has an open message conversation:
     * - queued (waiting in a queue) or assigned (an agent alerting or connected): refused with 409, whatever
     *   useExistingConversation says (reference §8.1: "It fails anyway if the existing conversation is alerting or
     *   connected");
     * - unassigned (open, the customer connected, no queue and no agent: Genesys keeps a message conversation open
     *   within the messaging threading timeline after its agents leave): useExistingConversation true takes it over
     *   (the caller joins it, connected, on behalf of the queue, and its id is the answer), false or absent refuses it
     *   with the same 409 (reference §8.1: "false makes the call fail").
     */
    createOutbound(userId: string, input: OutboundInput): Conversation {
        const user = this.user(userId);
        const queue = this.outboundQueue(user, input.queueId);
        if (input.toAddressMessengerType === 'sms') {
            if (queue.outbound?.sms === undefined) {
                throw invalidValue(
                    'queueId',
                    `Queue ${queue.name} has no outbound SMS number: an outbound SMS is sent from the queue's outbound SMS number`
                );
            }
            if (!E164.test(input.toAddress)) {
                throw invalidValue(
                    'toAddress',
                    `toAddress ${input.toAddress} is not an E.164 phone number: an SMS needs the number with its country code, as +13175550100`
                );
            }
        }
        if (input.toAddressMessengerType === 'whatsapp') {
            if (queue.outbound?.whatsapp === undefined) {
                throw invalidValue(
                    'queueId',
                    `Queue ${queue.name} has no outbound WhatsApp sender: an outbound WhatsApp message is sent from the queue's WhatsApp sender`
                );
            }
            if (!WHATSAPP_ID.test(input.toAddress)) {
                throw invalidValue(
                    'toAddress',
                    `toAddress ${input.toAddress} is not a WhatsApp ID: WhatsApp needs the number as digits only, the country code first, without + or an international dialling prefix such as 00, as 13175550100`
                );
            }
        }
        const channel = OUTBOUND_CHANNEL[input.toAddressMessengerType];
        const address = normalizeAddress(input.toAddress);
        const open = [...this.conversations.values()]
            .filter(
                (c) =>
                    c.endTime === undefined &&
                    c.mediaType === 'message' &&
                    normalizeAddress(c.customerAddress) === address
            )
            .map((c) => ({ conversation: c, state: openState(c) }));
        // A queued or assigned conversation refuses first; then an unassigned one, unless it is taken over.
        const existing = open.find((o) => o.state !== 'unassigned') ?? open[0];
        if (existing !== undefined) {
            const takeOver =
                existing.state === 'unassigned' &&
                input.useExistingConversation === true &&
                existing.conversation.channel === channel;
            if (!takeOver) throw activeConversation(input.toAddress, existing.conversation, existing.state);
            this.joinOpenConversation(existing.conversation, user, queue);
            return existing.conversation;
        }
        const contact = this.contactFor(input.toAddress);
        const customerName = contact === undefined ? input.toAddress : `${contact.firstName} ${contact.lastName}`;
        const conversation = this.newConversation({
            channel,
            direction: 'outbound',
            customerName,
            customerAddress: input.toAddress,
            queueId: queue.id
        });
        this.connectOutbound(conversation, user, queue);
        return conversation;
    }

    /**
     * The take-over of an open conversation no agent holds (createOutbound with useExistingConversation): the user
     * joins it as a new agent participant, connected at once, on behalf of the queue, with the connected event of an
     * outbound start.
     */
    private joinOpenConversation(conversation: Conversation, user: UserState, queue: QueueSeed): void {
        const agent = this.addParticipant(conversation, {
            purpose: 'agent',
            state: 'connected',
            direction: 'outbound',
            name: user.agent.name,
            userId: user.agent.id,
            queueId: queue.id,
            connectedTime: this.clock.now(),
            ...wrapUpSettings(queue)
        });
        this.emit('conversation.connected', conversation, agent, { direction: 'outbound' });
        this.acd.settle();
    }

    /**
     * The control API's leaveOpen: a message conversation stays open without anyone working it, as Genesys keeps a
     * message conversation open within the messaging threading timeline after its agents leave. Every agent leg
     * ends (a connected agent's with after-call work, as a disconnect), the queue lets go of it, the customer stays
     * connected and the conversation does not end: it is unassigned, and an agent may take it over
     * (createOutbound with useExistingConversation).
     */
    leaveOpen(conversationId: string): Conversation {
        const conversation = this.conversation(conversationId);
        if (conversation.mediaType !== 'message') {
            throw invalidValue(
                'conversationId',
                `Conversation ${conversationId} is an email conversation; only a message conversation stays open without an agent`
            );
        }
        if (conversation.endTime !== undefined || this.customerOf(conversation).state !== 'connected') {
            throw new SimError(
                409,
                'conversation.error.conversation.state',
                `Conversation ${conversationId} has ended`,
                { entityId: conversationId, params: { conversationId, state: 'ended' } }
            );
        }
        for (const p of conversation.participants) {
            if (p.state === 'disconnected' || p.purpose === 'customer') continue;
            if (p.purpose === 'acd') {
                this.acd.endLeg(p, 'system');
            } else if (p.state === 'alerting') {
                this.acd.endLeg(p, 'system');
                this.emit('conversation.disconnected', conversation, p, {
                    disconnectedBy: 'system',
                    reason: 'leftOpen'
                });
            } else {
                this.acd.endAgentLeg(p, 'client');
                this.emit('conversation.disconnected', conversation, p, {
                    disconnectedBy: 'agent',
                    disconnectType: 'client',
                    conversationOpen: true
                });
                this.acd.announceWrapUp(conversation, p);
            }
        }
        // A transfer that waited for acceptance will not be accepted: it ends for the agent who transferred.
        const waiting = conversation.awaitingAcceptance;
        if (waiting !== undefined) {
            conversation.awaitingAcceptance = undefined;
            this.emit('conversation.disconnected', conversation, waiting.participant, {
                disconnectedBy: 'system',
                reason: 'leftOpen'
            });
        }
        this.emit('conversation.unassigned', conversation, this.customerOf(conversation), {
            customerName: conversation.customerName,
            customerAddress: conversation.customerAddress
        });
        this.acd.settle();
        return conversation;
    }

    /**
     * POST /api/v2/conversations/emails, direction OUTBOUND: an email conversation on behalf of a queue the user is a
     * member of (joined or not), from the queue's outbound email address, the user connected as its agent. It holds
     * no email yet: the agent sends the first one with sendEmailReply.
     */
    createOutboundEmail(userId: string, input: OutboundEmailInput): Conversation {
        const user = this.user(userId);
        if (input.direction !== 'OUTBOUND') {
            const direction = input.direction ?? 'INBOUND (the default)';
            throw invalidValue(
                'direction',
                input.provider.toLowerCase() === GENESYS_EMAIL_PROVIDER.toLowerCase()
                    ? `direction ${direction} creates an external conversation with a third-party email provider, and provider ${input.provider} is not one: send direction OUTBOUND to email on behalf of a queue`
                    : `direction ${direction} creates an external conversation with a third-party email provider, and provider ${input.provider} is not an email integration of this organization: send direction OUTBOUND to email on behalf of a queue`
            );
        }
        if (input.queueId === undefined || input.queueId === '') {
            throw invalidValue('queueId', 'queueId is required: an OUTBOUND email is sent on behalf of a queue');
        }
        const queue = this.outboundQueue(user, input.queueId);
        const from = queue.outbound?.email;
        if (from === undefined) {
            throw invalidValue(
                'queueId',
                `Queue ${queue.name} has no outbound email address: an outbound email is sent from the queue's outbound email address`
            );
        }
        const toAddress = input.toAddress?.trim() ?? '';
        if (toAddress === '') throw invalidValue('toAddress', 'toAddress is required: the email address to send to');
        if (!EMAIL_ADDRESS.test(toAddress)) {
            throw invalidValue('toAddress', `toAddress ${toAddress} is not a valid email address`);
        }
        let contact = this.contactFor(toAddress);
        if (input.externalContactId !== undefined) {
            contact = this.contacts.find((c) => c.id === input.externalContactId);
            if (contact === undefined) {
                throw invalidValue('externalContactId', `External contact ${input.externalContactId} does not exist`);
            }
        }
        const toName = input.toName?.trim() ?? '';
        const customerName =
            toName !== '' ? toName : contact !== undefined ? `${contact.firstName} ${contact.lastName}` : toAddress;
        const conversation = this.newConversation({
            channel: 'email',
            mediaType: 'email',
            email: { subject: input.subject ?? '', queueAddress: outboundEmailOf(from), queueName: from.fromName },
            direction: 'outbound',
            customerName,
            customerAddress: toAddress,
            queueId: queue.id
        });
        conversation.externalContactId = contact?.id;
        this.connectOutbound(conversation, user, queue);
        return conversation;
    }

    /** The queue an outbound conversation is started on behalf of: it exists and the user is a member of it. */
    private outboundQueue(user: UserState, queueId: string): QueueSeed {
        const queue = this.queues.get(queueId);
        if (queue === undefined) throw invalidValue('queueId', `Queue ${queueId} does not exist`);
        if (!queue.members.some((m) => m.userId === user.agent.id)) {
            throw invalidValue('queueId', `${user.agent.name} is not a member of ${queue.name}`);
        }
        return queue;
    }

    /** The agent (connected) and the customer of a new outbound conversation, and its connected event. */
    private connectOutbound(conversation: Conversation, user: UserState, queue: QueueSeed): void {
        const now = this.clock.now();
        const agent = this.addParticipant(conversation, {
            purpose: 'agent',
            state: 'connected',
            direction: 'outbound',
            name: user.agent.name,
            userId: user.agent.id,
            queueId: queue.id,
            connectedTime: now,
            ...wrapUpSettings(queue)
        });
        this.addParticipant(conversation, {
            purpose: 'customer',
            state: 'connected',
            direction: 'outbound',
            name: conversation.customerName,
            address: conversation.customerAddress,
            connectedTime: now
        });
        this.emit('conversation.connected', conversation, agent, { direction: 'outbound' });
        this.acd.settle();
    }

    // ----- shared with Acd ---------------------------------------------------------------------

    private newConversation(
        fields: Pick<Conversation, 'channel' | 'direction' | 'customerName' | 'customerAddress' | 'queueId'> &
            Partial<Pick<Conversation, 'mediaType' | 'email'>>
    ): Conversation {
        const now = this.clock.now();
        const conversation: Conversation = {
            id: randomUUID(),
            messengerType: MESSENGER_TYPE[fields.channel],
            mediaType: 'message',
            externalContactId: this.contactFor(fields.customerAddress)?.id,
            queuedSince: now,
            startTime: now,
            participants: [],
            transcript: [],
            transfers: [],
            ...fields
        };
        this.conversations.set(conversation.id, conversation);
        return conversation;
    }

    addParticipant(
        conversation: Conversation,
        fields: Pick<Participant, 'purpose' | 'state' | 'direction' | 'name'> & Partial<Participant>
    ): Participant {
        const participant: Participant = {
            id: randomUUID(),
            communicationId: randomUUID(),
            startTime: this.clock.now(),
            messageIds: [],
            ...fields
        };
        conversation.participants.push(participant);
        return participant;
    }

    private agentParticipant(conversation: Conversation, participantId: string): Participant {
        const p = this.participant(conversation, participantId);
        if (p.purpose !== 'agent') {
            throw invalidValue('participantId', `Participant ${participantId} is the ${p.purpose}, not an agent`);
        }
        return p;
    }

    private customerOf(conversation: Conversation): Participant {
        const customer = conversation.participants.find((p) => p.purpose === 'customer');
        if (customer === undefined) throw new Error(`conversation ${conversation.id} has no customer`);
        return customer;
    }

    conversationIdOf(p: Participant): string {
        for (const c of this.conversations.values()) if (c.participants.includes(p)) return c.id;
        throw new Error(`participant ${p.id} belongs to no conversation`);
    }

    private contactFor(address: string): ExternalContactSeed | undefined {
        const wanted = normalizeAddress(address);
        return this.contacts.find((c) =>
            [c.cellPhone, c.workEmail, c.whatsAppId].some((a) => a !== undefined && normalizeAddress(a) === wanted)
        );
    }

    private appendCustomerMessage(
        conversation: Conversation,
        customer: Participant,
        text: string,
        media: Media[] = []
    ): TranscriptEntry {
        const entry = this.appendEntry(conversation, customer, 'inbound', text, media);
        this.emit('conversation.customerMessage', conversation, customer, {
            messageId: entry.id,
            text,
            customerName: conversation.customerName,
            customerAddress: conversation.customerAddress,
            ...(entry.attachments ? { attachments: entry.attachments } : {})
        });
        return entry;
    }

    private appendCustomerEmail(
        conversation: Conversation,
        customer: Participant,
        subject: string,
        body: CustomerEmailInput,
        files: CustomerFile[]
    ): TranscriptEntry {
        const media = files.map((f) => this.media.addCustomerFile(conversation.id, f.name, f.contentType, f.bytes));
        const email = {
            from: { email: conversation.customerAddress, name: conversation.customerName },
            to: [
                {
                    email: conversation.email?.queueAddress ?? '',
                    name: conversation.email?.queueName ?? this.queues.get(conversation.queueId)?.name
                }
            ],
            subject,
            ...(body.htmlBody !== undefined ? { htmlBody: body.htmlBody } : {})
        };
        const entry = this.appendEntry(conversation, customer, 'inbound', body.textBody, media, email);
        this.emit('conversation.customerMessage', conversation, customer, {
            messageId: entry.id,
            text: body.textBody,
            customerName: conversation.customerName,
            customerAddress: conversation.customerAddress,
            ...(entry.attachments ? { attachments: entry.attachments } : {}),
            ...emailData(conversation, subject)
        });
        return entry;
    }

    private appendEntry(
        conversation: Conversation,
        p: Participant,
        direction: 'inbound' | 'outbound',
        text: string,
        media: Media[] = [],
        email?: TranscriptEntry['email']
    ): TranscriptEntry {
        const attachments: AttachmentRef[] = media.map((m) => this.media.ref(m));
        const entry: TranscriptEntry = {
            id: randomUUID(),
            direction,
            text,
            timestamp: this.clock.now(),
            status: direction === 'inbound' ? 'received' : 'sent',
            participantId: p.id,
            userId: p.userId,
            ...(attachments.length > 0 ? { attachments } : {}),
            ...(email !== undefined ? { email } : {})
        };
        conversation.transcript.push(entry);
        p.messageIds.push(entry.id);
        return entry;
    }

    /** For a customer's event the agent concerned is whoever has the conversation now (none while queued). */
    emit(type: SimEventType, conversation: Conversation, p: Participant, data: Record<string, unknown>): void {
        const agent = p.purpose === 'agent' ? p : activeAgent(conversation);
        this.publish({
            type,
            conversationId: conversation.id,
            participantId: agent?.id ?? null,
            userId: agent?.userId ?? null,
            queueId: p.queueId ?? conversation.queueId,
            channel: conversation.channel,
            data
        });
    }
}

/** 403 as Genesys answers a caller whose roles lack permissions an operation requires all of. */
function missingPermissions(permissions: string[]): SimError {
    const list = `[${permissions.join(', ')}]`;
    return new SimError(
        403,
        'missing.permissions',
        `Unable to perform the requested action. You are missing the following permission(s): ${list}`,
        { params: { permissions: list } }
    );
}

/**
 * An open message conversation as createOutbound sees it: assigned (an agent alerting or connected), queued (waiting
 * in a queue) or unassigned (neither).
 */
function openState(c: Conversation): 'assigned' | 'queued' | 'unassigned' {
    if (c.participants.some((p) => p.purpose === 'agent' && isActive(p))) return 'assigned';
    if (c.participants.some((p) => p.purpose === 'acd' && p.state === 'connected')) return 'queued';
    return 'unassigned';
}

/**
 * 409 for an outbound message to a contact who has an open conversation (`state`: queued, assigned or unassigned).
 * The code is the simulator's; that the body names the conversation (entityId, params.conversationId) is the
 * simulator's assumption too: Genesys documents the refusal (reference §8.1), not its body.
 */
function activeConversation(toAddress: string, existing: Conversation, state: string): SimError {
    return new SimError(
        409,
        'conversation.error.outbound.active.conversation',
        `Cannot send an outbound message to ${toAddress}: conversation ${existing.id} with this contact is ${state}`,
        {
            entityId: existing.id,
            params: { address: toAddress, conversationId: existing.id, state },
            details: [{ errorCode: 'conversation.exists', entityId: existing.id, entityName: 'conversation' }]
        }
    );
}

/** 403 as Genesys answers a caller whose roles grant none of the permissions an operation accepts. */
function missingAnyPermissions(permissions: string[]): SimError {
    const list = `[${permissions.join(', ')}]`;
    return new SimError(
        403,
        'missing.any.permissions',
        `Unable to perform the requested action. You must have at least one of the following permissions assigned: ${list}`,
        { params: { permissions: list } }
    );
}

/** 409 for an assignment of a conversation that is not waiting in queue (`state`: offered, assigned, ended, not queued). */
function notWaiting(conversation: Conversation, state: string): SimError {
    return new SimError(
        409,
        'conversation.error.conversation.state',
        `Conversation ${conversation.id} is ${state}; only a conversation waiting in queue can be assigned`,
        { entityId: conversation.id, params: { conversationId: conversation.id, state } }
    );
}

/** The SDK's rule for sending: one of textBody, one media id or a template per request. */
export const ONE_BODY_PER_MESSAGE =
    'Only one message body field can be accepted, per request. Example: 1 textBody, 1 mediaId, or 1 messageTemplate.';

function oneBodyPerMessage(): SimError {
    return new SimError(400, 'bad.request', ONE_BODY_PER_MESSAGE, {
        details: [{ errorCode: 'bad.request', fieldName: 'mediaIds' }]
    });
}

/** 409 for a request the participant's current state does not allow. */
function stateError(p: Participant, message: string): SimError {
    return new SimError(409, 'conversation.error.participant.state', message, {
        params: { participantId: p.id, state: p.state }
    });
}

/** The queue's inbound email address: its own, else its `open` address, else one made from its name. */
export function queueEmailAddress(queue: QueueSeed): string {
    return (
        queue.emailAddress ??
        queue.addresses?.open ??
        `${queue.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@relay.example`
    );
}

/** A reply's subject: the thread's, with `Re: ` unless it has one. */
function reSubject(subject: string): string {
    return subject === '' || /^re:/i.test(subject) ? subject : `Re: ${subject}`;
}

/** Email addresses compare case-insensitively. */
function sameAddress(a: string, b: string): boolean {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** What an email conversation's events carry beside a message conversation's (nothing for a message conversation). */
function emailData(conversation: Conversation, subject?: string): Record<string, unknown> {
    if (conversation.email === undefined) return {};
    return { mediaType: 'email', subject: subject ?? conversation.email.subject };
}

/** Phone-like addresses compare by digits (+1 317-555-0100 = 13175550100); others case-insensitively. */
export function normalizeAddress(address: string): string {
    const trimmed = address.trim();
    return /^[+\d\s().-]+$/.test(trimmed) ? trimmed.replace(/\D/g, '') : trimmed.toLowerCase();
}

/** An inbound start on the email channel as the inbound email it stands for. */
function emailOf(start: InboundStart): InboundEmailStart {
    const text = start.text ?? '';
    const headed = /^Subject:[ \t]*(.*)\r?\n(?:\r?\n)?([\s\S]*)$/.exec(text);
    const subject = headed?.[1]?.trim() || `Message from ${start.customerName}`;
    const body = headed === null ? text : (headed[2] ?? '');
    return {
        queue: start.queue,
        fromName: start.customerName,
        fromAddress: start.customerAddress,
        subject,
        textBody: body === '' ? subject : body
    };
}
