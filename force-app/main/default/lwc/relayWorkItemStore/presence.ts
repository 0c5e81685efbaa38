import type { PresenceStatusWithChannels } from 'c/relayOmniChannel';

/*
 * On Queue in the contact centre and Online in Omni-Channel mirror each other. Only that one bit is
 * mirrored: which Omni-Channel status the agent picks (Busy, Away, ...) is theirs, Relay only makes sure
 * an agent who is On Queue can receive Relay work and one who is not does not.
 */

/** The developer name of Relay's service channel (with or without a namespace prefix). */
export const RELAY_SERVICE_CHANNEL = 'Relay_Interaction';

/**
 * Whether an Omni-Channel status lets Relay work in: it carries Relay's service channel, or it is the
 * status the presence mapping names for On Queue.
 */
export function omniStatusIsOnQueue(
    status: Pick<PresenceStatusWithChannels, 'statusApiName'> & { channels?: PresenceStatusWithChannels['channels'] },
    onQueueApiName?: string
): boolean {
    if (onQueueApiName && status.statusApiName === onQueueApiName) {
        return true;
    }
    return (status.channels ?? []).some(
        (c) => c.developerName === RELAY_SERVICE_CHANNEL || c.developerName.endsWith(`__${RELAY_SERVICE_CHANNEL}`)
    );
}

/**
 * Omni-Channel sets a status by record id (0N5...), while the presence mapping names statuses by API
 * name. The Apex reports the id with the agent's status (omniStatusId); when it could not read it, the
 * ids learned from what Omni-Channel reports are the fallback.
 */
export class StatusDirectory {
    private readonly ids = new Map<string, string>();

    learn(status: { statusId: string; statusApiName: string }): void {
        if (status.statusId && status.statusApiName) {
            this.ids.set(status.statusApiName, status.statusId);
        }
    }

    idOf(apiName: string | null | undefined): string | undefined {
        return apiName ? this.ids.get(apiName) : undefined;
    }
}
