// What Salesforce does when an agent writes in a Bring Your Own Channel for CCaaS Messaging Session (the send of
// Salesforce's conversation component, which the console stands in for): the agent's ConversationEntry, and the
// channel definition's outbound custom event (docs/byoc-setup.md: `Relay_Byoc_Event__e`, EventType__c
// `Interaction`, Payload__c the InteractionEvent of outbound-custom-event-payload.yaml) published through the org's
// event bus as EventBus.publish does, so it reaches subscribers (the connector, through the console) after commit.
// The payload follows the Spring '24 example of the spec's README ("The outbound message without attachment
// (Recommended latest schema structure)"): one UUID as the entry's identifier, entryPayload.id and
// abstractMessage.id; `messageReason` null; the sender the agent's user id; the recipient the end user.
// unconfirmed: every value Salesforce fills (see docs/local-org-interaction-service.md, "Unconfirmed").
import { randomUUID } from 'node:crypto';
import type { StoredRecord } from '../data/schemaTypes';
import type { LocalOrg } from '../org/org';
import { SObjectValue } from '../runtime/values';
import { id15, OUTBOUND_EVENT_DEFAULTS, type ChannelSettings } from './context';
import { get, live, now, platformInsert } from './records';

/** Why the agent may not write: the console shows the message; nothing was written or published. */
export class AgentMessageRefused extends Error {
    override name = 'AgentMessageRefused';
}

export interface SentAgentMessage {
    /** The agent's ConversationEntry record. */
    readonly entryId: string;
    /** The entry's UUID in the event: payload.identifier, entryPayload.id and abstractMessage.id. */
    readonly identifier: string;
    /** The published event's Id. */
    readonly eventId: string;
}

export interface Checked {
    session: StoredRecord;
    user: StoredRecord;
    endUser: StoredRecord;
    channel: ChannelSettings;
    event: OutboundEvent;
}

/** The channel's outbound event as the org declares it: its API name and the two fields' names. */
export interface OutboundEvent {
    objectName: string;
    typeField: string;
    payloadField: string;
}

/** The checks of a send; throws AgentMessageRefused with the reason. */
function check(org: LocalOrg, channels: readonly ChannelSettings[], sessionId: string, userId: string): Checked {
    const checked = checkAgentSession(org, channels, sessionId, userId);
    // What PATCH /consent sets: an end user who opted out receives no message.
    if (get(checked.endUser, 'MessagingConsentStatus') === 'OptedOut')
        throw new AgentMessageRefused('The customer opted out of messages on this channel.');
    return checked;
}

/**
 * What the agent must hold to act in the session (write, end it): an Active session on a channel the service serves,
 * whose opened work is theirs; throws AgentMessageRefused with the reason.
 */
export function checkAgentSession(
    org: LocalOrg,
    channels: readonly ChannelSettings[],
    sessionId: string,
    userId: string
): Checked {
    const session = org.store.get(sessionId);
    if (!session || session.objectName !== 'MessagingSession' || get(session, 'IsDeleted') === true)
        throw new AgentMessageRefused(`No messaging session ${sessionId}.`);
    const user = live(org, 'User', (v) => id15(String(v.get('id'))) === id15(userId))[0];
    if (!user || get(user, 'IsActive') !== true) throw new AgentMessageRefused(`No active user ${userId}.`);
    const channelRecord = org.store.get(String(get(session, 'MessagingChannelId')));
    const address = channelRecord ? get(channelRecord, 'ChannelAddressIdentifier') : null;
    const channel = channels.find((c) => c.channelAddressIdentifier === address);
    if (!channel) throw new AgentMessageRefused('The session is not on a channel the Interaction Service serves.');
    const event = outboundEvent(org, channel);
    const status = String(get(session, 'Status'));
    if (status !== 'Active') throw new AgentMessageRefused(`The messaging session is not active (${status}).`);
    // The agent writes in the work Omni-Channel gave them and they accepted (acceptWork also makes them the owner);
    // once that work closes (a transfer accepted by another agent, an external routing) they can no longer write.
    const opened = live(
        org,
        'AgentWork',
        (v) => v.get('workitemid') === session.id && v.get('userid') === user.id && v.get('status') === 'Opened'
    );
    if (opened.length === 0 || get(session, 'OwnerId') !== user.id)
        throw new AgentMessageRefused('The messaging session is not yours: accept its work first.');
    const endUser = org.store.get(String(get(session, 'MessagingEndUserId')));
    if (!endUser) throw new AgentMessageRefused('The messaging session has no end user.');
    return { session, user, endUser, channel, event };
}

/** Why `userId` may not write in the session now, or null (the console disables its send then). */
export function agentMessageRefusal(
    org: LocalOrg,
    channels: readonly ChannelSettings[],
    sessionId: string,
    userId: string
): string | null {
    try {
        check(org, channels, sessionId, userId);
        return null;
    } catch (error) {
        if (error instanceof AgentMessageRefused) return error.message;
        throw error;
    }
}

/**
 * The agent's text in the session: refused (AgentMessageRefused, nothing written) unless the session is Active, the
 * user holds its opened AgentWork and owns it, and the end user has not opted out; else, in one transaction as the
 * agent, the ConversationEntry and the outbound event, published after commit.
 */
export function sendAgentMessage(
    org: LocalOrg,
    channels: readonly ChannelSettings[],
    message: { sessionId: string; userId: string; text: string }
): SentAgentMessage {
    if (message.text.trim() === '') throw new AgentMessageRefused('The message is empty.');
    const checked = check(org, channels, message.sessionId, message.userId);
    return org.executor.transaction({ userId: checked.user.id }, () => write(org, checked, message.text));
}

function write(org: LocalOrg, { session, user, endUser, channel, event }: Checked, text: string): SentAgentMessage {
    const identifier = randomUUID();
    const name = displayName(user);
    const stamp = now(org);
    const entryId = platformInsert(org, 'ConversationEntry', {
        ConversationId: session.id,
        ActorId: user.id,
        ActorName: name,
        ActorType: 'Agent',
        EntryType: 'Text',
        EntryTime: stamp,
        ClientTimestamp: stamp,
        Message: text,
        MessageIdentifier: identifier,
        HasAttachments: false
    });
    const conversation = org.store.get(String(get(session, 'ConversationId')));
    const at = org.now();
    const payload = {
        conversationIdentifier: conversation ? String(get(conversation, 'ConversationIdentifier')) : null,
        channelAddressIdentifier: channel.channelAddressIdentifier,
        // The end user's client identifier, the `from` of their interactions (README: MessageDeliveryFailed's
        // recipient `{ appType: custom, subject: <EndUserClientIdentifier>, role: EndUser }`).
        recipient: { appType: 'custom', subject: String(get(endUser, 'MessagingPlatformKey')), role: 'EndUser' },
        payload: {
            senderDisplayName: name,
            identifier,
            entryType: 'Message',
            entryPayload: {
                entryType: 'Message',
                id: identifier,
                abstractMessage: {
                    messageType: 'StaticContentMessage',
                    id: identifier,
                    staticContent: { formatType: 'Text', text }
                },
                messageReason: null
            },
            sender: { appType: 'agent', subject: id15(user.id), role: 'Agent' },
            transcriptedTimestamp: at,
            clientTimestamp: at,
            clientDuration: 0
        }
    };
    const record = new SObjectValue(event.objectName, false);
    record.set(event.typeField, 'Interaction');
    record.set(event.payloadField, JSON.stringify(payload));
    // EventBus.publish: delivered to subscribers once this transaction commits, with the entry.
    const [eventId] = org.events.publish([record]);
    return { entryId, identifier, eventId };
}

/** The channel definition's event and fields, checked against the org's schema (a setup error, not a refusal). */
function outboundEvent(org: LocalOrg, channel: ChannelSettings): OutboundEvent {
    const eventName = channel.customPlatformEvent ?? OUTBOUND_EVENT_DEFAULTS.customPlatformEvent;
    const object = org.schema.object(eventName);
    if (object?.kind !== 'platformEvent') throw new Error(`No platform event ${eventName} in the org`);
    const field = (name: string): string => {
        const describe = org.schema.field(object.name, name);
        if (!describe) throw new Error(`${object.name} has no field ${name}`);
        return describe.name;
    };
    return {
        objectName: object.name,
        typeField: field(channel.customEventTypeField ?? OUTBOUND_EVENT_DEFAULTS.customEventTypeField),
        payloadField: field(channel.customEventPayloadField ?? OUTBOUND_EVENT_DEFAULTS.customEventPayloadField)
    };
}

/** The user's Name, or First and Last Name for a user saved without it (the Name a save computes). */
export function displayName(user: StoredRecord): string {
    const name = get(user, 'Name');
    if (typeof name === 'string' && name !== '') return name;
    return [get(user, 'FirstName'), get(user, 'LastName')].filter((p) => typeof p === 'string' && p !== '').join(' ');
}
