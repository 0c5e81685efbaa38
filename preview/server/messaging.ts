// The server half of the console's stand-in for Salesforce's conversation component on a Bring Your Own Channel
// Messaging Session (preview/shell/messagingSession.ts): the session's entries as the local org's Interaction
// Service recorded them, and the agent's message, which the org writes and turns into the channel's outbound
// custom event as Salesforce does (OrgClient.sendAgentMessage). Salesforce's component runs with the platform's
// access, not the agent's object permissions, so the entries are read as the platform.
import { OrgRefusal } from '../../local-org/src/worker/orgClient';
import type { PlainRecord } from '../../local-org/src/worker/protocol';
import type { ConsoleOrg } from './org';

export interface MessagingEntryView {
    id: string;
    actorType: string;
    actorName: string | null;
    message: string | null;
    entryTime: string;
}

export interface MessagingSessionView {
    id: string;
    status: string | null;
    endUserName: string | null;
    cannotSend: string | null;
    entries: MessagingEntryView[];
    /** The queues the session may be transferred to (queues that take Messaging Sessions). */
    transferQueues: { id: string; name: string }[];
}

/** The objects whose commits change what a session's page shows. */
export const MESSAGING_OBJECTS = ['MessagingSession', 'ConversationEntry', 'MessagingEndUser'];

const SESSION_ID = /^0Mw[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** What the org refuses an agent's message for (the page shows it and keeps the text). */
export class MessagingRefusal extends Error {
    readonly status = 409;
}

/** The org's refusal shown on the page; any other failure stays one (the server answers 500 and logs it). */
function asRefusal(error: unknown): unknown {
    return error instanceof OrgRefusal ? new MessagingRefusal(error.message) : error;
}

export class MessagingConsole {
    constructor(private readonly org: ConsoleOrg) {}

    /** The session as the agent's page shows it; `userId` decides whether they may write. */
    async session(sessionId: string, userId: string): Promise<MessagingSessionView> {
        const id = this.checked(sessionId);
        const [session] = await this.org.query(
            `SELECT Id, Status, OwnerId, MessagingEndUserId, MessagingEndUser.Name FROM MessagingSession WHERE Id = '${id}'`
        );
        if (!session) throw new MessagingRefusal(`No Messaging Session with id ${id}`);
        const entries = await this.org.query(
            `SELECT Id, ActorType, ActorName, Message, EntryTime FROM ConversationEntry WHERE ConversationId = '${id}' ORDER BY EntryTime ASC, Id ASC`
        );
        const endUser = (session.MessagingEndUser ?? null) as Record<string, unknown> | null;
        const queueIds = (
            await this.org.query("SELECT QueueId FROM QueueSobject WHERE SobjectType = 'MessagingSession'")
        ).map((q) => `'${String(q.QueueId)}'`);
        const queues =
            queueIds.length === 0
                ? []
                : await this.org.query(`SELECT Id, Name FROM Group WHERE Id IN (${queueIds.join(',')}) ORDER BY Name`);
        return {
            id,
            status: text(session.Status),
            endUserName: text(endUser?.Name),
            cannotSend: await this.org.client.agentMessageRefusal(id, userId),
            entries: entries.map((e) => ({
                id: String(e.Id),
                actorType: String(e.ActorType),
                actorName: text(e.ActorName),
                message: text(e.Message),
                entryTime: String(e.EntryTime)
            })),
            transferQueues: queues.map((q) => ({ id: String(q.Id), name: String(q.Name) }))
        };
    }

    /** The agent writes: the org refuses what Salesforce would (not their session, not active, opted out). */
    async send(sessionId: string, userId: string, message: string): Promise<void> {
        const trimmed = message.trim();
        if (trimmed === '') throw new MessagingRefusal('Write a message first.');
        try {
            await this.org.client.sendAgentMessage(this.checked(sessionId), userId, trimmed);
        } catch (error) {
            throw asRefusal(error);
        }
    }

    /** The agent ends the session (End Conversation): refused as the org refuses it (not theirs, not active). */
    async end(sessionId: string, userId: string): Promise<void> {
        try {
            await this.org.client.endMessagingSession(this.checked(sessionId), userId);
        } catch (error) {
            throw asRefusal(error);
        }
    }

    /** The agent transfers the session to a queue (Omni-Channel's Transfer): the org publishes RoutingRequested. */
    async transfer(sessionId: string, userId: string, queueId: string): Promise<void> {
        try {
            await this.org.client.transferMessagingSession(this.checked(sessionId), userId, queueId);
        } catch (error) {
            throw asRefusal(error);
        }
    }

    /** The sessions of some end users: a change of their consent changes what those pages allow. */
    async sessionsOf(endUserIds: ReadonlySet<string>): Promise<string[]> {
        const ids = [...endUserIds].filter((id) => /^[A-Za-z0-9]{15,18}$/.test(id)).map((id) => `'${id}'`);
        if (ids.length === 0) return [];
        const sessions = await this.org.query(
            `SELECT Id FROM MessagingSession WHERE MessagingEndUserId IN (${ids.join(',')})`
        );
        return sessions.map((s) => String(s.Id));
    }

    /** The end users a batch of commits changed (their consent, for example). */
    static endUsersChangedBy(records: readonly PlainRecord[]): Set<string> {
        return new Set(records.filter((r) => r.objectName === 'MessagingEndUser').map((r) => r.id));
    }

    /** The sessions whose page a batch of commits changes. */
    static sessionsChangedBy(records: readonly PlainRecord[]): Set<string> {
        const sessions = new Set<string>();
        for (const record of records) {
            if (record.objectName === 'MessagingSession') sessions.add(record.id);
            if (record.objectName === 'ConversationEntry' && typeof record.fields.ConversationId === 'string')
                sessions.add(record.fields.ConversationId);
        }
        return sessions;
    }

    private checked(sessionId: string): string {
        if (!SESSION_ID.test(sessionId)) throw new MessagingRefusal(`Not a Messaging Session id: ${sessionId}`);
        return sessionId;
    }
}
