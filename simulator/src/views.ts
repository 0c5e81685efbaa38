// Renders the simulator's state as Genesys Cloud Platform API models (field names from the JS SDK's
// index.d.ts). Undefined fields are left out of the JSON, as Genesys omits unset fields.
import { acwPending } from './acd';
import type { ContactCentre } from './engine';
import type { AttachmentRef, Media } from './media';
import { AGENT_ROLE, outboundEmailOf } from './model';
import type {
    Conversation,
    ExternalContactSeed,
    Participant,
    QueueSeed,
    ResponseLibrarySeed,
    ResponseSeed,
    TranscriptEntry,
    UserState,
    WrapUpCodeSeed
} from './model';

type Json = Record<string, unknown>;

const HOME_DIVISION = { id: '5eed0000-0000-4000-8000-f00000000001', name: 'Home' };
const division = { ...HOME_DIVISION, selfUri: `/api/v2/authorization/divisions/${HOME_DIVISION.id}` };
const SEED_DATE = '2025-01-01T00:00:00.000Z';

const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());
const ref = (id: string, name: string, selfUri: string): Json => ({ id, name, selfUri });

/**
 * GET /api/v2/users/me: the SDK's UserMe. With `expand` naming `authorization` it carries `authorization`
 * (UserAuthorization: `roles` as DomainRole {id, name}, and `permissions`, the user's permission strings); without,
 * no `authorization` field. The role is the simulator's (one per agent, AGENT_ROLE).
 */
export function userMe(centre: ContactCentre, user: UserState, expand: string[] = []): Json {
    const { agent } = user;
    const authorization = expand.includes('authorization')
        ? { authorization: { roles: [{ ...AGENT_ROLE }], permissions: [...centre.permissionsOf(user)] } }
        : {};
    return {
        id: agent.id,
        name: agent.name,
        division,
        email: agent.email,
        username: agent.email,
        title: agent.title,
        state: 'active',
        version: 1,
        acdAutoAnswer: false,
        presence: userPresence(centre, user),
        routingStatus: routingStatus(user),
        ...authorization,
        selfUri: `/api/v2/users/${agent.id}`
    };
}

export function userPresence(centre: ContactCentre, user: UserState): Json {
    const definition = centre.presenceOf(user);
    return {
        id: 'purecloud',
        name: 'PureCloud',
        source: 'PURECLOUD',
        sourceId: 'purecloud',
        primary: true,
        presenceDefinition: {
            id: definition.id,
            systemPresence: definition.systemPresence,
            selfUri: `/api/v2/presence/definitions/${definition.id}`
        },
        message: user.presenceMessage,
        modifiedDate: iso(user.presenceModified),
        selfUri: `/api/v2/users/${user.agent.id}/presences/purecloud`
    };
}

export function routingStatus(user: UserState): Json {
    return { userId: user.agent.id, status: user.routingStatus, startTime: iso(user.routingSince) };
}

export function presenceDefinitions(centre: ContactCentre): Json {
    const entities = [...centre.presences.values()].map((p) => ({
        id: p.id,
        name: p.label,
        type: 'System',
        languageLabels: { en_US: p.label },
        systemPresence: p.systemPresence,
        divisionId: '*',
        deactivated: false,
        selfUri: `/api/v2/presence/definitions/${p.id}`
    }));
    return { total: entities.length, entities, selfUri: '/api/v2/presence/definitions' };
}

export function wrapUpCode(code: WrapUpCodeSeed): Json {
    return {
        id: code.id,
        name: code.name,
        division,
        description: code.description,
        dateCreated: SEED_DATE,
        createdBy: 'system',
        selfUri: `/api/v2/routing/wrapupcodes/${code.id}`
    };
}

export function queue(q: QueueSeed, joined?: boolean): Json {
    return {
        id: q.id,
        name: q.name,
        division,
        description: q.description,
        dateCreated: SEED_DATE,
        memberCount: q.members.length,
        userMemberCount: q.members.length,
        joinedMemberCount: q.members.filter((m) => m.joined).length,
        mediaSettings: {
            message: {
                alertingTimeoutSeconds: q.alertingTimeoutSeconds,
                enableAutoAnswer: false,
                serviceLevel: { percentage: 0.8, durationMs: 20000 }
            }
        },
        acwSettings: { wrapupPrompt: q.acw.wrapupPrompt, timeoutMs: q.acw.timeoutMs },
        ...queueOutbound(q),
        cannedResponseLibraries: cannedResponseLibraries(q),
        joined,
        selfUri: `/api/v2/routing/queues/${q.id}`
    };
}

/**
 * The Response Management libraries the queue's agents use, as the SDK's Queue and UserQueue carry them
 * (CannedResponseLibraries {mode, libraryIds}): libraryIds only with mode SelectedOnly ("Set of canned response library
 * IDs associated with the queue only when mode is SelectedOnly"); nothing when the queue's seed says nothing.
 */
function cannedResponseLibraries(q: QueueSeed): Json | undefined {
    const libraries = q.cannedResponseLibraries;
    if (libraries === undefined) return undefined;
    return libraries.mode === 'SelectedOnly'
        ? { mode: libraries.mode, libraryIds: [...(libraries.libraryIds ?? [])] }
        : { mode: libraries.mode };
}

/**
 * A queue's outbound addresses as the SDK's Queue and UserQueue carry them, each only when the queue has it:
 * `outboundEmailAddress` (QueueEmailAddress: the domain and the InboundRoute whose `pattern`@`domain` is the address
 * emails go out from) and `outboundMessagingAddresses` (QueueMessagingAddresses: `smsAddress`, the number outbound
 * SMS go out from, and `whatsAppRecipient`, the WhatsApp messaging recipient outbound WhatsApp messages go out from;
 * both DomainEntityRef).
 */
function queueOutbound(q: QueueSeed): Json {
    const email = q.outbound?.email;
    const sms = q.outbound?.sms;
    const whatsapp = q.outbound?.whatsapp;
    const messaging: Json = {
        ...(sms === undefined
            ? {}
            : { smsAddress: ref(sms.id, sms.number, `/api/v2/routing/sms/phonenumbers/${sms.id}`) }),
        ...(whatsapp === undefined
            ? {}
            : {
                  whatsAppRecipient: ref(
                      whatsapp.id,
                      whatsapp.name,
                      `/api/v2/routing/message/recipients/${whatsapp.id}`
                  )
              })
    };
    const domainUri = (domain: string): string => `/api/v2/routing/email/domains/${encodeURIComponent(domain)}`;
    return {
        ...(email === undefined
            ? {}
            : {
                  outboundEmailAddress: {
                      domain: { id: email.domain, selfUri: domainUri(email.domain) },
                      route: {
                          id: email.routeId,
                          name: outboundEmailOf(email),
                          pattern: email.pattern,
                          fromName: email.fromName,
                          fromEmail: outboundEmailOf(email),
                          selfUri: `${domainUri(email.domain)}/routes/${email.routeId}`
                      }
                  }
              }),
        ...(Object.keys(messaging).length === 0 ? {} : { outboundMessagingAddresses: messaging })
    };
}

/** A Genesys `*EntityListing` page of `items` (pageNumber is 1-based). */
export function page<T>(
    items: T[],
    pageSize: number,
    pageNumber: number,
    baseUri: string,
    render: (t: T) => Json
): Json {
    const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
    const uri = (n: number): string =>
        `${baseUri}${baseUri.includes('?') ? '&' : '?'}pageSize=${pageSize}&pageNumber=${n}`;
    return {
        entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map(render),
        pageSize,
        pageNumber,
        total: items.length,
        pageCount,
        firstUri: uri(1),
        selfUri: uri(pageNumber),
        lastUri: uri(pageCount),
        nextUri: pageNumber < pageCount ? uri(pageNumber + 1) : undefined,
        previousUri: pageNumber > 1 ? uri(pageNumber - 1) : undefined
    };
}

const libraryUri = (id: string): string => `/api/v2/responsemanagement/libraries/${id}`;

/** A Response Management library (the SDK's Library). */
export function responseLibrary(l: ResponseLibrarySeed): Json {
    return { id: l.id, name: l.name, version: 1, dateCreated: SEED_DATE, division, selfUri: libraryUri(l.id) };
}

/**
 * A Response Management response (the SDK's Response): its libraries (DomainEntityRef), one text (ResponseText
 * {content, contentType text/plain}) and its substitutions (ResponseSubstitution {id, description, defaultValue}); a
 * WhatsApp template also has responseType MessagingTemplate (Response.responseType's values: MessagingTemplate,
 * CampaignSmsTemplate, ...; a plain canned response has none) and messagingTemplate.whatsApp (WhatsAppDefinition
 * {name, namespace, language, templateStatus}). `expand=substitutionsSchema` adds substitutionsSchema
 * (JsonSchemaDocument): an object with one string property per substitution, all required.
 */
export function response(centre: ContactCentre, r: ResponseSeed, expand: string[] = []): Json {
    const substitutions = r.substitutions ?? [];
    const whatsApp = r.whatsApp;
    return {
        id: r.id,
        name: r.name,
        version: 1,
        libraries: r.libraryIds.map((id) => ref(id, centre.responseLibrary(id).name, libraryUri(id))),
        texts: [{ content: r.text, contentType: 'text/plain' }],
        dateCreated: SEED_DATE,
        substitutions: substitutions.map((x) => ({
            id: x.id,
            description: x.description,
            defaultValue: x.defaultValue
        })),
        substitutionsSchema: expand.includes('substitutionsSchema')
            ? {
                  $schema: 'http://json-schema.org/draft-04/schema#',
                  title: r.name,
                  type: 'object',
                  required: substitutions.map((x) => x.id),
                  properties: Object.fromEntries(
                      substitutions.map((x) => [x.id, { type: 'string', description: x.description }])
                  )
              }
            : undefined,
        responseType: whatsApp === undefined ? undefined : 'MessagingTemplate',
        messagingTemplate:
            whatsApp === undefined
                ? undefined
                : {
                      whatsApp: {
                          name: whatsApp.name,
                          namespace: whatsApp.namespace,
                          language: whatsApp.language,
                          templateStatus: whatsApp.templateStatus
                      }
                  },
        selfUri: `/api/v2/responsemanagement/responses/${r.id}`
    };
}

export function externalContact(c: ExternalContactSeed): Json {
    const phone = (e164: string | undefined): Json | undefined =>
        e164 === undefined ? undefined : { display: e164, e164, acceptsSMS: true, userInput: e164 };
    return {
        id: c.id,
        division,
        firstName: c.firstName,
        lastName: c.lastName,
        cellPhone: phone(c.cellPhone),
        workEmail: c.workEmail,
        whatsAppId:
            c.whatsAppId === undefined
                ? undefined
                : { phoneNumber: phone(`+${c.whatsAppId}`), displayName: `${c.firstName} ${c.lastName}` },
        type: 'Customer',
        createDate: SEED_DATE,
        modifyDate: SEED_DATE,
        selfUri: `/api/v2/externalcontacts/contacts/${c.id}`
    };
}

// ----- conversations ---------------------------------------------------------------------------

/** GET /api/v2/conversations/messages/{id}: MessageConversation (no communication ids, by design). */
export function messageConversation(centre: ContactCentre, c: Conversation): Json {
    return {
        id: c.id,
        participants: c.participants.map((p) => messageMediaParticipant(centre, c, p)),
        otherMediaUris: [],
        recentTransfers: recentTransfers(centre, c),
        divisions: [{ division, entities: [] }],
        selfUri: `/api/v2/conversations/messages/${c.id}`
    };
}

function messageMediaParticipant(centre: ContactCentre, c: Conversation, p: Participant): Json {
    const user = p.userId === undefined ? undefined : centre.users.get(p.userId);
    const q = p.queueId === undefined ? undefined : centre.queues.get(p.queueId);
    return {
        id: p.id,
        name: p.name,
        address: p.address,
        startTime: iso(p.startTime),
        startAlertingTime: iso(p.startAlertingTime),
        connectedTime: iso(p.connectedTime),
        endTime: iso(p.endTime),
        purpose: p.purpose,
        state: p.state,
        direction: p.direction,
        disconnectType: p.disconnectType,
        held: false,
        ...wrapUpFields(p),
        user: user === undefined ? undefined : ref(user.agent.id, user.agent.name, `/api/v2/users/${user.agent.id}`),
        queue: q === undefined ? undefined : ref(q.id, q.name, `/api/v2/routing/queues/${q.id}`),
        attributes: attributes(c, p),
        alertingTimeoutMs: p.alertingTimeoutMs,
        provider: 'PureCloud Messaging',
        externalContact:
            p.purpose === 'customer' && c.externalContactId !== undefined ? { id: c.externalContactId } : undefined,
        ...addresses(centre, c, p),
        messages: messageDetails(c, p),
        type: c.messengerType
    };
}

/** GET /api/v2/conversations/{id}: Conversation; `participants[].messages[].id` is the communication id. */
export function conversation(centre: ContactCentre, c: Conversation): Json {
    return {
        id: c.id,
        startTime: iso(c.startTime),
        endTime: iso(c.endTime),
        participants: c.participants.map((p) => participant(centre, c, p)),
        recentTransfers: recentTransfers(centre, c),
        divisions: [{ division, entities: [] }],
        selfUri: `/api/v2/conversations/${c.id}`
    };
}

function participant(centre: ContactCentre, c: Conversation, p: Participant): Json {
    const q = p.queueId === undefined ? undefined : centre.queues.get(p.queueId);
    return {
        id: p.id,
        startTime: iso(p.startTime),
        endTime: iso(p.endTime),
        connectedTime: iso(p.connectedTime),
        name: p.name,
        userId: p.userId,
        userUri: p.userId === undefined ? undefined : `/api/v2/users/${p.userId}`,
        externalContactId: p.purpose === 'customer' ? c.externalContactId : undefined,
        queueId: q?.id,
        queueName: q?.name,
        purpose: p.purpose,
        participantType: p.purpose === 'customer' ? 'External' : 'Internal',
        address: p.address,
        ...wrapUpFields(p),
        alertingTimeoutMs: p.alertingTimeoutMs,
        attributes: attributes(c, p),
        ...(c.mediaType === 'email'
            ? { emails: [emailCommunication(c, p)] }
            : { messages: [messageCommunication(centre, c, p)] })
    };
}

/** A participant's Message communication on the generic conversation. */
function messageCommunication(centre: ContactCentre, c: Conversation, p: Participant): Json {
    return {
        id: p.communicationId,
        state: p.state,
        initialState: p.startAlertingTime !== undefined ? 'alerting' : 'connected',
        held: false,
        direction: p.direction,
        disconnectType: p.disconnectType,
        startAlertingTime: iso(p.startAlertingTime),
        connectedTime: iso(p.connectedTime),
        disconnectedTime: iso(p.endTime),
        provider: 'PureCloud Messaging',
        type: c.messengerType,
        ...addresses(centre, c, p),
        messages: messageDetails(c, p),
        wrapup: p.wrapup,
        afterCallWork: afterCallWork(p),
        afterCallWorkRequired: p.purpose === 'agent' ? p.wrapupRequired === true : undefined
    };
}

/** A participant's Email communication on the generic conversation (the SDK's Email). */
function emailCommunication(c: Conversation, p: Participant): Json {
    return {
        id: p.communicationId,
        state: p.state,
        initialState: p.startAlertingTime !== undefined ? 'alerting' : 'connected',
        held: false,
        subject: c.email?.subject,
        messagesSent: p.messageIds.length,
        direction: p.direction,
        disconnectType: p.disconnectType,
        startAlertingTime: iso(p.startAlertingTime),
        connectedTime: iso(p.connectedTime),
        disconnectedTime: iso(p.endTime),
        autoGenerated: false,
        provider: EMAIL_PROVIDER,
        messageId: p.messageIds.at(-1),
        spam: false,
        wrapup: p.wrapup,
        afterCallWork: afterCallWork(p),
        afterCallWorkRequired: p.purpose === 'agent' ? p.wrapupRequired === true : undefined
    };
}

const EMAIL_PROVIDER = 'PureCloud Email';

/** GET /api/v2/conversations/emails/{id}: EmailConversation, its participants EmailMediaParticipant. */
export function emailConversation(centre: ContactCentre, c: Conversation): Json {
    return {
        id: c.id,
        participants: c.participants.map((p) => emailMediaParticipant(centre, c, p)),
        otherMediaUris: [],
        recentTransfers: recentTransfers(centre, c),
        divisions: [{ division, entities: [] }],
        selfUri: `/api/v2/conversations/emails/${c.id}`
    };
}

function emailMediaParticipant(centre: ContactCentre, c: Conversation, p: Participant): Json {
    const user = p.userId === undefined ? undefined : centre.users.get(p.userId);
    const q = p.queueId === undefined ? undefined : centre.queues.get(p.queueId);
    return {
        id: p.id,
        name: p.name,
        address: p.address,
        startTime: iso(p.startTime),
        startAlertingTime: iso(p.startAlertingTime),
        connectedTime: iso(p.connectedTime),
        endTime: iso(p.endTime),
        purpose: p.purpose,
        state: p.state,
        direction: p.direction,
        disconnectType: p.disconnectType,
        held: false,
        ...wrapUpFields(p),
        user: user === undefined ? undefined : ref(user.agent.id, user.agent.name, `/api/v2/users/${user.agent.id}`),
        queue: q === undefined ? undefined : ref(q.id, q.name, `/api/v2/routing/queues/${q.id}`),
        attributes: attributes(c, p),
        alertingTimeoutMs: p.alertingTimeoutMs,
        provider: EMAIL_PROVIDER,
        externalContact:
            p.purpose === 'customer' && c.externalContactId !== undefined ? { id: c.externalContactId } : undefined,
        subject: c.email?.subject,
        messagesSent: p.messageIds.length,
        autoGenerated: false,
        spam: false,
        messageId: p.messageIds.at(-1)
    };
}

/** The fields EmailMessage, EmailMessagePreview and EmailMessageReply share, for one email of the thread. */
function emailFields(entry: TranscriptEntry): Json {
    return {
        to: entry.email?.to ?? [],
        from: entry.email?.from ?? {},
        subject: entry.email?.subject,
        attachments: (entry.attachments ?? []).map(emailAttachment),
        time: iso(entry.timestamp)
    };
}

/** The SDK's Attachment: the file, downloadable at contentUri like a message's media. */
function emailAttachment(a: AttachmentRef): Json {
    return {
        attachmentId: a.mediaId,
        name: a.name,
        contentUri: a.url,
        contentType: a.contentType,
        contentLength: a.sizeBytes,
        inlineImage: false
    };
}

const emailUri = (c: Conversation, entry: TranscriptEntry): string =>
    `/api/v2/conversations/emails/${c.id}/messages/${entry.id}`;

/** GET …/emails/{id}/messages/{messageId}: EmailMessage. */
export function emailMessage(c: Conversation, entry: TranscriptEntry): Json {
    return {
        id: entry.id,
        ...emailFields(entry),
        textBody: entry.text,
        htmlBody: entry.email?.htmlBody,
        selfUri: emailUri(c, entry)
    };
}

/** Characters of the text body an EmailMessagePreview carries. */
export const TEXT_BODY_PREVIEW_LENGTH = 200;

/** GET …/emails/{id}/messages: EmailMessagePreviewListing, the thread oldest first on one page. */
export function emailMessagePreviews(c: Conversation): Json {
    const entities = c.transcript.map((entry) => ({
        id: entry.id,
        ...emailFields(entry),
        textBodyPreview: entry.text.slice(0, TEXT_BODY_PREVIEW_LENGTH),
        selfUri: emailUri(c, entry)
    }));
    const selfUri = `/api/v2/conversations/emails/${c.id}/messages`;
    return {
        entities,
        pageSize: entities.length,
        pageNumber: 1,
        total: entities.length,
        pageCount: 1,
        firstUri: selfUri,
        selfUri,
        lastUri: selfUri
    };
}

/** POST …/emails/{id}/messages: EmailMessageReply, the reply as sent. */
export function emailMessageReply(entry: TranscriptEntry): Json {
    const { to, from, subject, attachments, time } = emailFields(entry);
    return { to, from, subject, attachments, textBody: entry.text, htmlBody: entry.email?.htmlBody, time };
}

function wrapUpFields(p: Participant): Json {
    return {
        wrapupRequired: p.wrapupRequired,
        wrapupPrompt: p.wrapupPrompt,
        wrapupTimeoutMs: p.wrapupTimeoutMs,
        wrapupSkipped: p.purpose === 'agent' && p.state === 'disconnected' ? false : undefined,
        wrapup: p.wrapup,
        startAcwTime: iso(p.startAcwTime),
        endAcwTime: iso(p.endAcwTime)
    };
}

function afterCallWork(p: Participant): Json | undefined {
    if (p.purpose !== 'agent' || p.state !== 'disconnected') return undefined;
    if (p.wrapupRequired !== true) return { state: 'notApplicable' };
    return {
        state: acwPending(p) ? 'pending' : 'complete',
        startTime: iso(p.startAcwTime),
        endTime: iso(p.endAcwTime)
    };
}

/** The channel travels as a participant attribute: it is the only place email (type `open`) is told apart. */
function attributes(c: Conversation, p: Participant): Json | undefined {
    return p.purpose === 'customer' ? { 'relay.channel': c.channel } : undefined;
}

function addresses(centre: ContactCentre, c: Conversation, p: Participant): Json {
    const q = centre.queues.get(c.queueId);
    // An outbound SMS or WhatsApp message goes out from the queue's outbound number, not from its inbound address.
    const outbound =
        c.direction !== 'outbound'
            ? undefined
            : c.messengerType === 'sms'
              ? q?.outbound?.sms?.number
              : c.messengerType === 'whatsapp'
                ? q?.outbound?.whatsapp?.number
                : undefined;
    const org = outbound ?? q?.addresses?.[c.messengerType] ?? q?.name ?? 'Relay';
    const customer = { name: c.customerName, addressNormalized: c.customerAddress, addressRaw: c.customerAddress };
    const ours = { name: q?.name, addressNormalized: org, addressRaw: org };
    const fromCustomer = p.purpose === 'customer' && c.direction === 'inbound';
    return fromCustomer ? { fromAddress: customer, toAddress: ours } : { fromAddress: ours, toAddress: customer };
}

function messageDetails(c: Conversation, p: Participant): Json[] {
    return p.messageIds.flatMap((id) => {
        const entry = c.transcript.find((e) => e.id === id);
        return entry === undefined
            ? []
            : [
                  {
                      messageId: entry.id,
                      messageURI: `/api/v2/conversations/messages/${c.id}/messages/${entry.id}`,
                      messageStatus: entry.status,
                      messageSegmentCount: 1,
                      messageTime: iso(entry.timestamp)
                  }
              ];
    });
}

function recentTransfers(centre: ContactCentre, c: Conversation): Json[] {
    return c.transfers.map((t) => ({
        id: t.id,
        state: t.state,
        dateIssued: iso(t.dateIssued),
        initiator: { userId: t.initiatorUserId },
        destination: { address: centre.queues.get(t.toQueueId)?.name },
        transferType: t.transferType
    }));
}

/**
 * MessageData for one transcript entry (the reply to sendText, and GET …/messages/{messageId}): the content in
 * normalizedMessage as the SDK models it (ConversationNormalizedMessage: `text`, and `content[]` items of contentType
 * Attachment whose ConversationContentAttachment has `id`, `mediaType`, `url`, `mime`, `filename`,
 * `contentSizeBytes`), and, while `centre.legacyMessageFields` is on, the deprecated `textBody` and `media`
 * (MessageMedia: `url`, `mediaType`, `contentLengthBytes`, `name`, `id`) that map onto it as Genesys's announcement
 * says. The simulator has no stickers, so `stickers` never appears.
 */
export function messageData(centre: ContactCentre, c: Conversation, entry: TranscriptEntry): Json {
    const p = c.participants.find((x) => x.id === entry.participantId);
    const addr = p === undefined ? {} : addresses(centre, c, p);
    const name = (a: unknown): string | undefined =>
        (a as { addressNormalized?: string } | undefined)?.addressNormalized;
    const user = entry.userId === undefined ? undefined : centre.users.get(entry.userId);
    const files = entry.attachments ?? [];
    const legacy = centre.legacyMessageFields
        ? {
              textBody: entry.text,
              media:
                  files.length === 0
                      ? undefined
                      : files.map((a) => ({
                            url: a.url,
                            mediaType: a.contentType,
                            contentLengthBytes: a.sizeBytes,
                            name: a.name,
                            id: a.mediaId
                        }))
          }
        : {};
    return {
        id: entry.id,
        timestamp: iso(entry.timestamp),
        fromAddress: name(addr.fromAddress),
        toAddress: name(addr.toAddress),
        direction: entry.direction,
        messengerType: c.messengerType,
        ...legacy,
        status: entry.status,
        normalizedMessage: {
            id: entry.id,
            type: 'Text',
            text: entry.text,
            direction: cap(entry.direction),
            content:
                files.length === 0
                    ? undefined
                    : files.map((a) => ({
                          contentType: 'Attachment',
                          attachment: {
                              id: a.mediaId,
                              mediaType: a.contentType.startsWith('image/') ? 'Image' : 'File',
                              url: a.url,
                              mime: a.contentType,
                              filename: a.name,
                              contentSizeBytes: a.sizeBytes
                          }
                      }))
        },
        createdBy: user === undefined ? undefined : { id: user.agent.id, name: user.agent.name },
        conversationId: c.id,
        selfUri: `/api/v2/conversations/messages/${c.id}/messages/${entry.id}`
    };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** MessageMediaUploadData: the answer to createMediaUpload. */
export function mediaUpload(centre: ContactCentre, m: Media): Json {
    return {
        id: m.id,
        name: m.name,
        uploadUrl: centre.media.uploadUrl(m),
        uploadHeaders: centre.media.uploadHeaders(m),
        selfUri: mediaUri(m)
    };
}

/** UploadAttachmentResponse: the answer to createEmailDraftAttachmentUpload. */
export function draftAttachmentUpload(centre: ContactCentre, m: Media): Json {
    return {
        attachmentId: m.id,
        name: m.name,
        url: centre.media.uploadUrl(m),
        headers: centre.media.uploadHeaders(m),
        conversationId: m.conversationId
    };
}

/** MessageMediaData: the answer to getMedia (url once the bytes are there). */
export function mediaData(centre: ContactCentre, m: Media): Json {
    return {
        id: m.id,
        name: m.name,
        url: m.bytes === undefined ? undefined : centre.media.downloadUrl(m),
        mediaType: m.contentType,
        contentLengthBytes: m.contentLengthBytes,
        status: m.status,
        conversationId: m.conversationId,
        communicationId: m.communicationId,
        selfUri: mediaUri(m)
    };
}

const mediaUri = (m: Media): string =>
    `/api/v2/conversations/messages/${m.conversationId}/communications/${m.communicationId ?? ''}/messages/media/${m.id}`;

export interface TranscriptSnapshot {
    id: string;
    direction: 'inbound' | 'outbound';
    text: string;
    timestamp: string;
    status: string;
    participantId: string;
    userId?: string;
    attachments?: AttachmentRef[];
    /** An email's addresses, subject and HTML body (media type email). */
    email?: TranscriptEntry['email'];
}

export interface ConversationSnapshot {
    id: string;
    channel: Conversation['channel'];
    messengerType: Conversation['messengerType'];
    /** message (every channel, the `email` stand-in included) or email (a Genesys email conversation). */
    mediaType: Conversation['mediaType'];
    /** The thread's subject (media type email). */
    subject?: string;
    direction: Conversation['direction'];
    /**
     * queued (waiting in a queue for an agent), alerting, connected, unassigned (open, the customer still connected,
     * but neither in a queue nor with an agent: the control API's leaveOpen), or ended.
     */
    state: 'queued' | 'alerting' | 'connected' | 'unassigned' | 'ended';
    customer: { name: string; address: string; externalContactId?: string };
    queue: { id: string; name?: string };
    startTime: string;
    endTime?: string;
    participants: {
        id: string;
        purpose: Participant['purpose'];
        state: Participant['state'];
        name: string;
        userId?: string;
        queueId?: string;
        communicationId: string;
        disconnectType?: string;
        wrapupRequired?: boolean;
        wrapupPending: boolean;
        wrapup?: Participant['wrapup'];
    }[];
    transcript: TranscriptSnapshot[];
}

/** The control API's plain view of a conversation, transcript included. */
export function snapshot(centre: ContactCentre, c: Conversation): ConversationSnapshot {
    const agent = c.participants.filter((p) => p.purpose === 'agent').at(-1);
    const active = agent !== undefined && agent.state !== 'disconnected' ? agent.state : undefined;
    return {
        id: c.id,
        channel: c.channel,
        messengerType: c.messengerType,
        mediaType: c.mediaType,
        ...(c.email !== undefined ? { subject: c.email.subject } : {}),
        direction: c.direction,
        state:
            c.endTime !== undefined
                ? 'ended'
                : (active ??
                  (c.participants.some((p) => p.purpose === 'acd' && p.state === 'connected')
                      ? 'queued'
                      : 'unassigned')),
        customer: { name: c.customerName, address: c.customerAddress, externalContactId: c.externalContactId },
        queue: { id: c.queueId, name: centre.queues.get(c.queueId)?.name },
        startTime: new Date(c.startTime).toISOString(),
        endTime: iso(c.endTime),
        participants: c.participants.map((p) => ({
            id: p.id,
            purpose: p.purpose,
            state: p.state,
            name: p.name,
            userId: p.userId,
            queueId: p.queueId,
            communicationId: p.communicationId,
            disconnectType: p.disconnectType,
            wrapupRequired: p.wrapupRequired,
            wrapupPending: acwPending(p),
            wrapup: p.wrapup
        })),
        transcript: c.transcript.map((e) => ({
            id: e.id,
            direction: e.direction,
            text: e.text,
            timestamp: new Date(e.timestamp).toISOString(),
            status: e.status,
            participantId: e.participantId,
            userId: e.userId,
            ...(e.attachments ? { attachments: e.attachments.map((a) => ({ ...a })) } : {}),
            ...(e.email ? { email: structuredClone(e.email) } : {})
        }))
    };
}
