// The Interaction Service inside the worker, beside its LocalOrg (docs/local-org-interaction-service.md): its
// requests run on this thread's event loop between the owner's calls, each one its own transaction, so what they
// commit reaches the owner as `changes` and `events` like any commit. The tokens it accepts are the ones the owner
// registers (the console's OAuth endpoint issues them on the main thread); the set lives here so that a token
// registered before the service starts, or while it runs, counts from the next request on.
import { agentMessageRefusal, sendAgentMessage, type SentAgentMessage } from '../interactionService/agentMessage';
import { endSession, type EndedSession } from '../interactionService/endSession';
import { requestTransfer, type RequestedTransfer } from '../interactionService/transfer';
import { startInteractionService, type InteractionService } from '../interactionService/server';
import type { LocalOrg } from '../org/org';
import type { InteractionServiceStarted, WorkerInteractionServiceOptions } from './protocol';

export class InteractionHost {
    private readonly tokens = new Set<string>();
    private service: InteractionService | null = null;

    constructor(private readonly org: LocalOrg) {}

    /** Starts the service on 127.0.0.1 (one at a time), accepting the registered tokens. */
    async start(options: WorkerInteractionServiceOptions): Promise<InteractionServiceStarted> {
        if (this.service) throw new Error(`The Interaction Service already runs at ${this.service.url}`);
        const service = await startInteractionService(this.org, {
            channels: options.channels,
            port: options.port,
            userId: options.userId,
            acceptedTokens: this.tokens
        });
        this.service = service;
        return { url: service.url, channelIds: Object.fromEntries(service.channelIds) };
    }

    async stop(): Promise<void> {
        const service = this.service;
        this.service = null;
        await service?.stop();
    }

    accept(token: string): void {
        if (token === '') throw new Error('An empty token cannot be accepted');
        this.tokens.add(token);
    }

    revokeAll(): void {
        this.tokens.clear();
    }

    sendAgentMessage(sessionId: string, userId: string, text: string): SentAgentMessage {
        return sendAgentMessage(this.org, this.running().channels, { sessionId, userId, text });
    }

    agentMessageRefusal(sessionId: string, userId: string): string | null {
        return agentMessageRefusal(this.org, this.running().channels, sessionId, userId);
    }

    endSession(sessionId: string, userId: string): EndedSession {
        return endSession(this.org, this.running().channels, sessionId, userId);
    }

    requestTransfer(sessionId: string, userId: string, queueId: string): RequestedTransfer {
        return requestTransfer(this.org, this.running().channels, { sessionId, userId, queueId });
    }

    /** The agent's message needs the channels' outbound event settings, which the service was started with. */
    private running(): InteractionService {
        if (!this.service) throw new Error('The Interaction Service is not running');
        return this.service;
    }
}
