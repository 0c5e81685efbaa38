// Omni-Channel in the console (the server half; the page's Omni widget is the other), for one agent: their
// presence status among the project's ServicePresenceStatus metadata, and the AgentWork assigned to them. As with
// external routing in an org, work reaches the agent when Relay's Apex inserts an AgentWork for them in the
// local org; the platform marks it Assigned, and the agent accepts, declines or closes it here, as the Omni
// toolkit would (the platform, not Apex, changes an AgentWork's status: Object Reference, "AgentWork").
import { EventEmitter } from 'node:events';
import type { PlainRecord } from '../../local-org/src/worker/protocol';
import type { PresenceStatus, ServiceChannel } from '../lib/metadata';
import type { ConsoleOrg } from './org';

export interface OmniStatus {
    statusId: string;
    statusName: string;
    statusApiName: string;
    channels: { channelId: string; developerName: string }[];
}
export interface OmniWork {
    workId: string;
    workItemId: string;
    isEngaged: boolean;
    status: string;
    serviceChannelId: string | null;
}
/** An Omni-Channel event, named as the Relay_Omni__c relay forwards it. */
export interface OmniEvent {
    name: string;
    detail: Record<string, unknown>;
}

export class OmniError extends Error {}

const OPEN = new Set(['Assigned', 'Opened']);

export class OmniSimulator extends EventEmitter {
    private current: OmniStatus | null = null;
    private readonly open = new Map<string, OmniWork>();
    private readonly stopWatching: () => void;

    constructor(
        private readonly org: ConsoleOrg,
        readonly statuses: PresenceStatus[],
        readonly serviceChannels: ServiceChannel[],
        readonly userId: string,
        private readonly now: () => Date = () => new Date()
    ) {
        super();
        this.stopWatching = org.onChanges((records) => this.onRecords(records));
    }

    close(): void {
        this.stopWatching();
    }

    private announce(name: string, detail: Record<string, unknown>): void {
        this.emit('event', { name, detail } satisfies OmniEvent);
    }

    private onRecords(records: readonly PlainRecord[]): void {
        for (const record of records) {
            if (record.objectName !== 'AgentWork' || record.fields.UserId !== this.userId) continue;
            const status = typeof record.fields.Status === 'string' ? record.fields.Status : null;
            const workItemId = String(record.fields.WorkItemId);
            const known = this.open.has(record.id);
            if (!known && (status === null || status === 'Assigned')) {
                // A new AgentWork: Omni-Channel assigns it and tells the agent's console.
                this.open.set(record.id, {
                    workId: record.id,
                    workItemId,
                    isEngaged: false,
                    status: 'Assigned',
                    serviceChannelId: channelOf(record)
                });
                if (status === null) void this.org.client.platformUpdate(record.id, { Status: 'Assigned' });
                this.announce('workAssigned', { workId: record.id, workItemId });
            } else if (status !== null && OPEN.has(status)) {
                this.open.set(record.id, {
                    workId: record.id,
                    workItemId,
                    isEngaged: status === 'Opened',
                    status,
                    serviceChannelId: channelOf(record)
                });
            } else {
                this.open.delete(record.id);
            }
        }
    }

    /** getServicePresenceStatusId: rejects while the agent is signed out of Omni-Channel, as the toolkit does. */
    status(): OmniStatus {
        if (!this.current) throw new OmniError('The agent is not logged in to Omni-Channel');
        return structuredClone(this.current);
    }

    isOnline(): boolean {
        return this.current !== null;
    }

    setStatus(statusId: string): OmniStatus {
        const status = this.statuses.find((s) => s.id === statusId || s.apiName === statusId);
        if (!status) throw new OmniError(`No presence status with id ${statusId}`);
        const wasOffline = this.current === null;
        this.current = {
            statusId: status.id,
            statusName: status.label,
            statusApiName: status.apiName,
            channels: status.channels.map((developerName) => ({
                channelId: this.serviceChannels.find((c) => c.developerName === developerName)?.id ?? developerName,
                developerName
            }))
        };
        if (wasOffline) this.announce('loginSuccess', { statusId: status.id });
        this.announce('statusChanged', { ...this.current });
        return this.status();
    }

    logout(): true {
        if (this.current) {
            this.current = null;
            this.announce('logout', {});
        }
        return true;
    }

    works(): OmniWork[] {
        return [...this.open.values()].map((w) => ({ ...w }));
    }

    private work(workId: string, allowed: string[]): OmniWork {
        const work = this.open.get(workId);
        if (!work || !allowed.includes(work.status)) {
            throw new OmniError(`No ${allowed.join(' or ').toLowerCase()} work with id ${workId} for this agent`);
        }
        return work;
    }

    async accept(workId: string): Promise<true> {
        const work = this.work(workId, ['Assigned']);
        this.open.set(workId, { ...work, status: 'Opened', isEngaged: true });
        // Omni-Channel's accept also removes the work item's PendingServiceRouting and makes the work item the agent's
        // (local-org/src/interactionService/routing.ts, acceptWork).
        await this.org.client.acceptWork(workId);
        this.announce('workAccepted', { workId, workItemId: work.workItemId });
        return true;
    }

    async decline(workId: string): Promise<true> {
        const work = this.work(workId, ['Assigned']);
        this.open.delete(workId);
        await this.org.client.platformUpdate(workId, { Status: 'Declined', DeclineDateTime: this.now().toISOString() });
        this.announce('workDeclined', { workId, workItemId: work.workItemId });
        return true;
    }

    async closeWork(workId: string): Promise<true> {
        const work = this.work(workId, ['Assigned', 'Opened']);
        this.open.delete(workId);
        await this.org.client.platformUpdate(workId, { Status: 'Closed', CloseDateTime: this.now().toISOString() });
        this.announce('workClosed', { workId, workItemId: work.workItemId });
        return true;
    }
}

function channelOf(record: PlainRecord): string | null {
    return typeof record.fields.ServiceChannelId === 'string' ? record.fields.ServiceChannelId : null;
}
