// The simulator's domain types: seed data and the live contact-centre state.
import type { TimerHandle } from './clock';
import type { AttachmentRef } from './media';

/** Customer-facing channels. Email has no Genesys message type, so it is an `open` messaging conversation. */
export type Channel = 'webchat' | 'sms' | 'whatsapp' | 'facebook' | 'instagram' | 'twitter' | 'email';
export type MessengerType = 'webmessaging' | 'sms' | 'whatsapp' | 'facebook' | 'instagram' | 'twitter' | 'open';

export const CHANNELS: readonly Channel[] = ['webchat', 'sms', 'whatsapp', 'facebook', 'instagram', 'twitter', 'email'];

export const MESSENGER_TYPE: Record<Channel, MessengerType> = {
    webchat: 'webmessaging',
    sms: 'sms',
    whatsapp: 'whatsapp',
    facebook: 'facebook',
    instagram: 'instagram',
    twitter: 'twitter',
    email: 'open'
};

/**
 * A conversation's Genesys media type: `message` (every Channel, the `email` stand-in included, served under
 * /api/v2/conversations/messages) or `email` (a real Genesys email, served under /api/v2/conversations/emails).
 */
export type MediaType = 'message' | 'email';

/** An address of an email (the SDK's EmailAddress). */
export interface EmailAddress {
    email: string;
    name?: string;
}

/** Queue-level ACW setting (Queue.acwSettings.wrapupPrompt). */
export type AcwPrompt = 'MANDATORY' | 'OPTIONAL' | 'MANDATORY_TIMEOUT' | 'MANDATORY_FORCED_TIMEOUT' | 'AGENT_REQUESTED';

export type SystemPresence =
    'Available' | 'Away' | 'Busy' | 'Offline' | 'Idle' | 'OnQueue' | 'Meal' | 'Training' | 'Meeting' | 'Break';

export type RoutingStatus = 'OFF_QUEUE' | 'IDLE' | 'INTERACTING' | 'NOT_RESPONDING' | 'COMMUNICATING';

export const WRAP_UP_TIMEOUT_CODE = 'ININ-WRAP-UP-TIMEOUT';

export interface AgentSeed {
    id: string;
    name: string;
    email: string;
    /** Password for the simulator's `password` grant (a local-only convenience; Genesys has no such grant). */
    password: string;
    title?: string;
    /**
     * The Genesys permissions the agent's roles grant (default AGENT_PERMISSIONS). The simulator checks them for
     * assignConversation, createOutboundMessage, getUserQueues, searchExternalContacts, getResponses and
     * getResponseLibraries, and answers them in
     * GET /api/v2/users/me?expand=authorization; the control API's setPermissions changes them until the next reset.
     */
    permissions?: string[];
}

/** Taking a message conversation from its queue for oneself (Conversation > Message > Pull). */
export const MESSAGE_PULL = 'conversation:message:pull';
/** Assigning a message conversation from its queue to any agent (Conversation > Message > Assign). */
export const MESSAGE_ASSIGN = 'conversation:message:assign';
/** Starting a message conversation on behalf of a queue, and replying (Conversation > Message > Create). */
export const MESSAGE_CREATE = 'conversation:message:create';
/** Reading queues, the agent's own among them (Routing > Queue > View). */
export const QUEUE_VIEW = 'routing:queue:view';
/** Reading and searching external contacts (External Contacts > Contact > View). */
export const EXTERNAL_CONTACT_VIEW = 'externalContacts:contact:view';
/**
 * Reading the responses of a Response Management library, WhatsApp templates among them (Responses > Response > View;
 * the SDK documentation of ResponseManagementApi.getResponsemanagementResponses: "Requires ANY permissions:
 * responses:response:view").
 */
export const RESPONSE_VIEW = 'responses:response:view';
/**
 * Listing the Response Management libraries (Responses > Library > View; ResponseManagementApi.getResponsemanagementLibraries:
 * "Requires ANY permissions: responses:library:view").
 */
export const LIBRARY_VIEW = 'responses:library:view';

/**
 * What a seeded agent's roles grant unless the seed says otherwise: the least role docs/genesys-permissions.md asks
 * admins to give Relay's agents (one permission out of each "ANY of" list of the operations Relay calls), so that
 * everything Relay does works for a seeded agent. No conversation:message:assign: an agent pulls a conversation to
 * themselves, a supervisor assigns it to others.
 */
export const AGENT_PERMISSIONS: readonly string[] = [
    'conversation:communication:view',
    'conversation:participant:wrapup',
    'conversation:communication:disconnect',
    MESSAGE_CREATE,
    'conversation:message:view',
    'conversation:communication:blindTransfer',
    MESSAGE_PULL,
    'conversation:email:create',
    'conversation:email:send',
    'conversation:emailAttachment:add',
    QUEUE_VIEW,
    'presence:presenceDefinition:view',
    EXTERNAL_CONTACT_VIEW,
    RESPONSE_VIEW,
    LIBRARY_VIEW
];

/** The role a seeded agent holds (UserAuthorization.roles in GET /users/me?expand=authorization): the simulator's. */
export const AGENT_ROLE = { id: '5eed0000-0000-4000-8000-f00000000002', name: 'Relay Agent' } as const;

export interface WrapUpCodeSeed {
    id: string;
    name: string;
    description?: string;
}

export interface QueueSeed {
    id: string;
    name: string;
    description?: string;
    acw: { wrapupPrompt: AcwPrompt; timeoutMs?: number };
    alertingTimeoutSeconds: number;
    wrapUpCodeIds: string[];
    /** Queue members; `joined` members are the ones routing offers interactions to. */
    members: { userId: string; joined: boolean }[];
    /** The queue's own address per messenger type (used as the org side of a conversation). */
    addresses?: Partial<Record<MessengerType, string>>;
    /** The queue's inbound email address (where customers' emails arrive and replies come from). */
    emailAddress?: string;
    /**
     * What the queue starts outbound conversations from, apart from its inbound `addresses` (the SDK's Queue
     * `outboundEmailAddress` and `outboundMessagingAddresses`): an agent's outbound email needs `email`, an outbound
     * SMS needs `sms`.
     */
    outbound?: QueueOutboundSeed;
    /**
     * The Response Management libraries the queue's agents use (the SDK's Queue and UserQueue
     * `cannedResponseLibraries`, CannedResponseLibraries {mode, libraryIds}). The mode's values are the API's enum
     * (the SDK's model documentation; index.d.ts types it as a plain string): All (every library), SelectedOnly (the
     * `libraryIds`, "associated with the queue only when mode is SelectedOnly") and None. Absent: the queue's view
     * carries no cannedResponseLibraries, which a reader takes as None.
     */
    cannedResponseLibraries?: { mode: CannedResponseMode; libraryIds?: string[] };
}

export type CannedResponseMode = 'All' | 'SelectedOnly' | 'None';

/** A Response Management library (the SDK's Library: id, name, version, dateCreated, ...). */
export interface ResponseLibrarySeed {
    id: string;
    name: string;
}

/**
 * A Response Management response (the SDK's Response): a canned response, or, with `whatsApp`, a WhatsApp messaging
 * template (responseType MessagingTemplate and messagingTemplate.whatsApp, the SDK's WhatsAppDefinition). Its text
 * (ResponseText.content, contentType text/plain) holds placeholders {{id}}, one per substitution
 * (ResponseSubstitution {id, description, defaultValue}).
 */
export interface ResponseSeed {
    id: string;
    name: string;
    /** The libraries it belongs to (Response.libraries, required by the SDK). */
    libraryIds: string[];
    text: string;
    substitutions?: { id: string; description?: string; defaultValue?: string }[];
    /** The WhatsApp template definition; absent for a plain canned response. */
    whatsApp?: { name: string; namespace?: string; language: string; templateStatus?: string };
}

/** A queue's outbound configuration (Admin > Contact Center > Queues > the queue > Outbound). */
export interface QueueOutboundSeed {
    /** The outbound email address: the route `pattern`@`domain` of an email domain (QueueEmailAddress). */
    email?: { domain: string; routeId: string; pattern: string; fromName: string };
    /** The outbound SMS number (QueueMessagingAddresses.smsAddress): the SMS address's id and its E.164 number. */
    sms?: { id: string; number: string };
    /**
     * The outbound WhatsApp sender (QueueMessagingAddresses.whatsAppRecipient, a DomainEntityRef to the WhatsApp
     * messaging recipient): its id and name, and the WhatsApp number (a WhatsApp ID, no +) messages go out from.
     */
    whatsapp?: { id: string; name: string; number: string };
}

/** The address a queue's outbound emails go out from: `pattern`@`domain` of its outbound route. */
export function outboundEmailOf(email: NonNullable<QueueOutboundSeed['email']>): string {
    return `${email.pattern}@${email.domain}`;
}

export interface PresenceDefinitionSeed {
    id: string;
    systemPresence: SystemPresence;
    label: string;
}

export interface ExternalContactSeed {
    id: string;
    firstName: string;
    lastName: string;
    cellPhone?: string;
    workEmail?: string;
    whatsAppId?: string;
}

export interface InboundStart {
    channel: Channel;
    customerName: string;
    customerAddress: string;
    /** Queue id or queue name. */
    queue: string;
    /** The customer's first message (optional: a conversation can start without text). */
    text?: string;
}

/** An inbound email that starts an email conversation on a queue. */
export interface InboundEmailStart {
    /** Queue id or queue name. */
    queue: string;
    fromAddress: string;
    fromName?: string;
    /** Default: the queue's inbound address. */
    toAddress?: string;
    subject: string;
    textBody: string;
    htmlBody?: string;
}

export interface SeedData {
    agents: AgentSeed[];
    /** The agent a client-credentials token acts as for user-context calls (`/users/me`, `me`). */
    defaultAgentId: string;
    presenceDefinitions: PresenceDefinitionSeed[];
    wrapUpCodes: WrapUpCodeSeed[];
    queues: QueueSeed[];
    externalContacts: ExternalContactSeed[];
    /** Response Management libraries and their responses (canned responses and WhatsApp templates); default none. */
    responseLibraries?: ResponseLibrarySeed[];
    responses?: ResponseSeed[];
    /** Inbound conversations started (queued) when the simulator starts or resets. */
    conversations: InboundStart[];
}

export interface UserState {
    agent: AgentSeed;
    presenceId: string;
    presenceMessage?: string;
    presenceModified: number;
    /** Set when an offer times out; cleared by a presence change or PUT routingstatus IDLE. */
    notResponding: boolean;
    routingStatus: RoutingStatus;
    routingSince: number;
}

export interface WrapUp {
    code: string;
    name: string;
    notes?: string;
    tags?: string[];
    durationSeconds?: number;
    endTime?: string;
}

export interface TranscriptEntry {
    id: string;
    direction: 'inbound' | 'outbound';
    text: string;
    timestamp: number;
    status: 'received' | 'sent';
    participantId: string;
    userId?: string;
    /** The files the message carries. */
    attachments?: AttachmentRef[];
    /** What an email (media type email) has beside its text body. */
    email?: { from: EmailAddress; to: EmailAddress[]; subject: string; htmlBody?: string };
}

export type ParticipantState = 'alerting' | 'connected' | 'disconnected';

export interface Participant {
    id: string;
    purpose: 'customer' | 'acd' | 'agent';
    state: ParticipantState;
    direction: 'inbound' | 'outbound';
    name: string;
    address?: string;
    userId?: string;
    queueId?: string;
    /** The participant's communication (`participants[].messages[].id`, or `emails[].id`, on the generic conversation). */
    communicationId: string;
    startTime: number;
    startAlertingTime?: number;
    connectedTime?: number;
    endTime?: number;
    disconnectType?: string;
    alertingTimeoutMs?: number;
    wrapupRequired?: boolean;
    wrapupPrompt?: string;
    wrapupTimeoutMs?: number;
    wrapup?: WrapUp;
    startAcwTime?: number;
    endAcwTime?: number;
    /** Transcript entries this participant sent. */
    messageIds: string[];
    alertTimer?: TimerHandle;
    wrapUpTimer?: TimerHandle;
}

export interface TransferRecord {
    id: string;
    state: 'Complete';
    dateIssued: number;
    initiatorUserId?: string;
    fromQueueId?: string;
    toQueueId: string;
    transferType: 'Attended' | 'Unattended';
}

export interface Conversation {
    id: string;
    channel: Channel;
    messengerType: MessengerType;
    mediaType: MediaType;
    /**
     * An email conversation's subject and the queue address it was sent to, or (outbound) sent from, with the
     * name shown for it (media type email only).
     */
    email?: { subject: string; queueAddress: string; queueName?: string };
    direction: 'inbound' | 'outbound';
    customerName: string;
    customerAddress: string;
    externalContactId?: string;
    /** The queue the conversation is (or was last) routed through. */
    queueId: string;
    /** When the conversation last entered a queue: routing serves the oldest first. */
    queuedSince: number;
    startTime: number;
    endTime?: number;
    participants: Participant[];
    transcript: TranscriptEntry[];
    transfers: TransferRecord[];
    /**
     * A transfer to a queue that no agent has accepted yet: the agent it left hears `conversation.transferred` once
     * another agent connects (Relay keeps its work item until then), or `conversation.disconnected` when the
     * customer leaves first. Not part of the API's conversation resource.
     */
    awaitingAcceptance?: { participant: Participant; data: Record<string, unknown> };
}
