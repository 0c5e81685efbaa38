// Omni-Channel in the preview (the server half; the page's Omni widget is the other): the agent's
// presence status among the project's ServicePresenceStatus metadata, and the AgentWork assigned to the
// agent. As with external routing in an org, work reaches the agent when (preview) Apex inserts an
// AgentWork for them; the agent accepts, declines or closes it here, as the Omni toolkit would.
import { EventEmitter } from 'node:events';
import type { PresenceStatus, ServiceChannel } from '../lib/metadata';
import type { RecordChange, RecordStore } from './recordStore';

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

export class OmniSimulator extends EventEmitter {
    private current: OmniStatus | null = null;
    private readonly stopWatching: () => void;

    constructor(
        private readonly store: RecordStore,
        readonly statuses: PresenceStatus[],
        readonly serviceChannels: ServiceChannel[],
        private readonly userId: string,
        private readonly now: () => Date = () => new Date()
    ) {
        super();
        this.stopWatching = store.onChange((change) => this.onRecordChange(change));
    }

    close(): void {
        this.stopWatching();
    }

    private announce(name: string, detail: Record<string, unknown>): void {
        this.emit('event', { name, detail } satisfies OmniEvent);
    }

    private onRecordChange({ kind, record }: RecordChange): void {
        if (kind === 'insert' && record.sobject === 'AgentWork' && record.fields.UserId === this.userId) {
            if (!record.fields.Status) this.store.update(record.id, { Status: 'Assigned' });
            this.announce('workAssigned', { workId: record.id, workItemId: record.fields.WorkItemId });
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
        return this.store
            .query('AgentWork', (f) => f.UserId === this.userId && (f.Status === 'Assigned' || f.Status === 'Opened'))
            .map((r) => ({
                workId: r.id,
                workItemId: String(r.fields.WorkItemId),
                isEngaged: r.fields.Status === 'Opened',
                status: String(r.fields.Status),
                serviceChannelId: (r.fields.ServiceChannelId as string | undefined) ?? null
            }));
    }

    private work(workId: string, allowed: string[]): OmniWork {
        const work = this.works().find((w) => w.workId === workId);
        if (!work || !allowed.includes(work.status)) {
            throw new OmniError(`No ${allowed.join(' or ').toLowerCase()} work with id ${workId} for this agent`);
        }
        return work;
    }

    accept(workId: string): true {
        const work = this.work(workId, ['Assigned']);
        this.store.update(workId, { Status: 'Opened', AcceptDateTime: this.now().toISOString() });
        this.announce('workAccepted', { workId, workItemId: work.workItemId });
        return true;
    }

    decline(workId: string): true {
        const work = this.work(workId, ['Assigned']);
        this.store.update(workId, { Status: 'Declined', DeclineDateTime: this.now().toISOString() });
        this.announce('workDeclined', { workId, workItemId: work.workItemId });
        return true;
    }

    closeWork(workId: string): true {
        const work = this.work(workId, ['Assigned', 'Opened']);
        this.store.update(workId, { Status: 'Closed', CloseDateTime: this.now().toISOString() });
        this.announce('workClosed', { workId, workItemId: work.workItemId });
        return true;
    }
}
