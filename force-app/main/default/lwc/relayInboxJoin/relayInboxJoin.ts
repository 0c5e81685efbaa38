import { LightningElement, api } from 'lwc';
import joinConversation from '@salesforce/apex/RelayInboxController.joinConversation';
import { messageFor } from 'c/relayErrors';
import { detached, format } from 'c/relayWorkItemStore';
import JOINING from '@salesforce/label/c.Relay_Inbox_Joining';
import JOIN_FAILED from '@salesforce/label/c.Relay_Inbox_JoinFailed';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';

type JoinState = 'idle' | 'joining' | 'joined' | 'failed';

/**
 * Connects the agent to an inbox interaction's conversation in the contact centre once Salesforce assigned it
 * to them (RelayInboxController.joinConversation): Genesys Cloud follows Salesforce's assignment. While it
 * works it says so; when it fails it shows why with Retry. Nothing else waits for it: a reply joins on its own.
 *
 * Give it the id of an interaction assigned to the agent (nothing for any other): each new id is joined once.
 */
export default class RelayInboxJoin extends LightningElement {
    labels = { JOINING, RETRY };

    state: JoinState = 'idle';
    failure: string | undefined;

    private current: string | undefined;
    /** Counts the joins asked for, so the answer to an older one (another interaction) is dropped. */
    private attempt = 0;

    /** The interaction to join, or nothing. */
    @api
    get interactionId(): string | undefined {
        return this.current;
    }
    set interactionId(value: string | undefined) {
        if (value === this.current) {
            return;
        }
        this.current = value || undefined;
        this.attempt++;
        this.state = 'idle';
        this.failure = undefined;
        if (this.current) {
            detached(this.join(this.current));
        }
    }

    get joining(): boolean {
        return this.state === 'joining';
    }

    get failed(): boolean {
        return this.state === 'failed';
    }

    get failureText(): string {
        return format(JOIN_FAILED, this.failure ?? '');
    }

    retry(): void {
        if (this.current && this.state !== 'joining') {
            this.attempt++;
            detached(this.join(this.current));
        }
    }

    private async join(id: string): Promise<void> {
        const attempt = this.attempt;
        this.state = 'joining';
        this.failure = undefined;
        try {
            await joinConversation({ interactionId: id });
            if (attempt === this.attempt) {
                this.state = 'joined';
            }
        } catch (error) {
            if (attempt === this.attempt) {
                this.failure = messageFor(error);
                this.state = 'failed';
            }
        }
    }
}
