// Preview of RelayWrapUpService and RelayWrapUpRetryJob: the codes an agent may choose, and a wrap-up that is
// never lost. It is sent to Genesys Cloud and the agent put back On Queue in one call; when Genesys Cloud is
// rate limiting, failing or slow, it is kept as a Pending Relay_Wrap_Up__c and a queueable delivers it
// later (after Retry-After, in whole minutes as System.enqueueJob delays), first checking whether an earlier
// attempt landed. After MAX_ATTEMPTS it is Failed and kept for the admin.
import { CalloutError } from '../server/genesysClient';
import { RelayAgentStatusService } from './agentStatus';
import { insertRecord, nowIso, updateRecord } from './dml';
import { RelayGenesysClient, isBlank } from './genesys';
import {
    DONE,
    WRAP_UP,
    WRAP_UP_PENDING,
    interactionOf,
    moveTo,
    updateInteraction,
    viewOf,
    type Interaction,
    type RelayInteractionView
} from './interactions';
import { REQUIRED, newFor, wrapUpView } from './requiredWrapUps';
import { inTransaction, lockRecords } from './transaction';
import { RelayWorkItemException } from './workItemErrors';
import type { ApexContext } from './types';
import type { Fields, StoredRecord } from '../server/recordStore';

export const PENDING = 'Pending';
export const SUBMITTED = 'Submitted';
export const FAILED = 'Failed';
export const MAX_ATTEMPTS = 5;
export const MAX_DELAY_MINUTES = 10;
export const MAX_NOTES_LENGTH = 2000;
const OVERDUE_AFTER_MINUTES = 2;
const MAX_RESUMED = 5;
const MAX_CODE_ID_LENGTH = 64;
const MINUTE = 60_000;

export interface RelayWrapUpCodeView {
    id: string;
    name: string;
}

export interface RelayWrapUpResult {
    status: string;
    onQueue: boolean | null;
    message: string | null;
    interaction: RelayInteractionView;
}

interface Attempt {
    status: string | null;
    delayMinutes: number;
    failure: CalloutError | null;
}

/** RelayQueueView.compareNames: case-insensitive, blank names last. */
export function compareNames(left: string | null, right: string | null): number {
    if (isBlank(left) || isBlank(right)) return (isBlank(left) ? 1 : 0) - (isBlank(right) ? 1 : 0);
    const l = left.toLowerCase();
    const r = right.toLowerCase();
    if (l !== r) return l < r ? -1 : 1;
    return left === right ? 0 : left < right ? -1 : 1;
}

/** Retry-After rounded up to whole minutes, else 1, 2, 4, 8 minutes by attempt; 1 to MAX_DELAY_MINUTES. */
export function delayMinutes(failure: CalloutError | null, attempts: number): number {
    const seconds = failure?.retryAfterSeconds;
    const minutes =
        seconds !== undefined ? Math.floor((seconds + 59) / 60) : 1 << Math.min(Math.max(attempts - 1, 0), 4);
    return Math.max(1, Math.min(MAX_DELAY_MINUTES, minutes));
}

const fieldText = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export class RelayWrapUpService {
    private readonly client: RelayGenesysClient;

    constructor(
        private readonly ctx: ApexContext,
        client?: RelayGenesysClient
    ) {
        this.client = client ?? new RelayGenesysClient(ctx);
    }

    /** The codes for a wrap-up the agent owes (an interaction or the agent's Relay_Wrap_Up__c): the participant's, else the queue's. */
    async getCodes(id: string): Promise<RelayWrapUpCodeView[]> {
        const { wrapUp } = await this.owed(id, false);
        const queueId = fieldText(wrapUp.Queue_Id__c);
        const hasQueue = !isBlank(queueId);
        let codes: { id: string | null; name: string | null }[] = [];
        try {
            codes = await this.client.getParticipantWrapUpCodes(
                fieldText(wrapUp.Conversation_Id__c),
                fieldText(wrapUp.Participant_Id__c)
            );
        } catch (failure) {
            if (!(failure instanceof CalloutError) || failure.kind !== 'NOT_FOUND' || !hasQueue) throw failure;
        }
        if (codes.length === 0 && hasQueue) codes = await this.client.getQueueWrapUpCodes(queueId);
        const byId = new Map<string, RelayWrapUpCodeView>();
        for (const code of codes) {
            if (!isBlank(code.id) && !byId.has(code.id)) {
                byId.set(code.id, { id: code.id, name: isBlank(code.name) ? code.id : code.name });
            }
        }
        return [...byId.values()].sort((a, b) => compareNames(a.name, b.name));
    }

    /**
     * Submits the wrap-up the agent owes (the agent's own record, so it goes through after another agent took the
     * interaction over) and puts the agent back On Queue; Pending (retried later) or Failed when it cannot. The
     * interaction changes only while it is still the agent's leg.
     */
    async submit(id: string, codeId: unknown, notes: unknown): Promise<RelayWrapUpResult> {
        const { code, text } = this.checkInput(codeId, notes);
        const owed = await this.owed(id, true);
        const wrapUp = owed.wrapUp;
        const view = (state: string): RelayInteractionView => {
            if (owed.interaction) {
                const v = viewOf(owed.interaction);
                return state === 'wrapUpPending' ? { ...v, state } : v;
            }
            return wrapUpView(
                this.ctx,
                { id: owed.id ?? '', sobject: 'Relay_Wrap_Up__c', fields: wrapUp },
                state,
                null
            );
        };
        if (wrapUp.Status__c === PENDING) {
            return this.result(PENDING, false, this.ctx.label('Relay_WrapUp_Pending'), view('wrapUpPending'));
        }
        if (wrapUp.Status__c === SUBMITTED) return this.result(SUBMITTED, null, null, view('done'));
        if (wrapUp.Status__c !== REQUIRED) {
            throw new RelayWorkItemException(this.ctx.label('Relay_WrapUp_NotInWrapUp'));
        }
        const attempt: Fields = {
            ...wrapUp,
            Code_Id__c: code,
            Notes__c: text,
            End_Time__c: nowIso(this.ctx),
            Attempts__c: 0
        };
        const outcome = await this.attempt(attempt, false);
        if (outcome.failure !== null && outcome.status === null) {
            // Refused for a reason only the agent can fix: nothing is saved, the agent still has the form.
            if (outcome.failure.kind === 'BAD_REQUEST' || outcome.failure.kind === 'INVALID_REQUEST') {
                throw new RelayWorkItemException(this.ctx.label('Relay_WrapUp_Rejected'), outcome.failure);
            }
            throw outcome.failure;
        }
        const onQueue = outcome.status === SUBMITTED ? await this.putOnQueue() : false;
        const savedId = owed.id
            ? updateRecord(this.ctx, owed.id, attempt).id
            : insertRecord(this.ctx, 'Relay_Wrap_Up__c', attempt).id;
        owed.id = savedId;
        Object.assign(wrapUp, attempt);
        if (owed.interaction) {
            moveTo(owed.interaction, outcome.status === PENDING ? WRAP_UP_PENDING : DONE);
            updateInteraction(this.ctx, owed.interaction);
        }
        if (outcome.status === PENDING) {
            this.schedule([savedId], outcome.delayMinutes);
            return this.result(PENDING, false, this.ctx.label('Relay_WrapUp_Pending'), view('wrapUpPending'));
        }
        if (outcome.status === FAILED) {
            const failed = this.ctx.label('Relay_WrapUp_Failed');
            return this.result(FAILED, false, failed, { ...view('done'), message: failed });
        }
        return this.result(
            SUBMITTED,
            onQueue,
            onQueue ? null : this.ctx.label('Relay_WrapUp_OnQueueFailed'),
            view('done')
        );
    }

    /** RelayWrapUpRetryJob.execute: delivers the wrap-ups still Pending, and queues itself again if need be. */
    async deliverPending(wrapUpIds: string[]): Promise<void> {
        const ids = new Set(wrapUpIds);
        await lockRecords(this.ctx.store, wrapUpIds);
        const due = this.ctx.store.query('Relay_Wrap_Up__c', (f) => ids.has(String(f.Id)) && f.Status__c === PENDING);
        const outcomes = new Map<string, Attempt>();
        let delivered = false;
        for (const wrapUp of due) {
            const outcome = await this.attempt(wrapUp.fields, mayHaveLanded(wrapUp.fields));
            // In the background nobody can fix a refusal, so it is kept as Failed for the admin.
            outcome.status ??= FAILED;
            outcomes.set(wrapUp.id, outcome);
            delivered ||= outcome.status === SUBMITTED;
        }
        if (delivered) await this.putOnQueue();
        const retry: string[] = [];
        let delay = 1;
        const finished = new Map<string, unknown>();
        for (const wrapUp of due) {
            const outcome = outcomes.get(wrapUp.id);
            if (outcome?.status === PENDING) {
                retry.push(wrapUp.id);
                delay = Math.max(delay, outcome.delayMinutes);
            } else if (typeof wrapUp.fields.Interaction__c === 'string') {
                finished.set(wrapUp.fields.Interaction__c, wrapUp.fields.Participant_Id__c);
            }
        }
        for (const wrapUp of due) updateRecord(this.ctx, wrapUp.id, wrapUp.fields);
        // A late wrap-up finishes only the agent's own leg: an interaction another agent has taken since is theirs.
        const interactions = this.ctx.store
            .query(
                'Relay_Interaction__c',
                (f) =>
                    finished.has(String(f.Id)) &&
                    f.Work_State__c === WRAP_UP_PENDING &&
                    f.Assigned_Agent__c === this.ctx.userId &&
                    f.Agent_Participant_Id__c === finished.get(String(f.Id))
            )
            .map(interactionOf);
        for (const interaction of interactions) updateInteraction(this.ctx, moveTo(interaction, DONE));
        if (retry.length > 0) this.schedule(retry, delay);
    }

    /** The running agent's Pending wrap-ups, and those Failed in the last day. */
    pendingViews(): RelayInteractionView[] {
        const failedSince = new Date(this.ctx.now().getTime() - 24 * 60 * MINUTE).toISOString();
        return this.ctx.store
            .query(
                'Relay_Wrap_Up__c',
                (f) =>
                    f.OwnerId === this.ctx.userId &&
                    (f.Status__c === PENDING || (f.Status__c === FAILED && String(f.LastModifiedDate) >= failedSince))
            )
            .slice(0, 50)
            .map((wrapUp) => {
                // On its interaction while that is the agent's leg, else named by the wrap-up itself.
                const pending = wrapUp.fields.Status__c === PENDING;
                return wrapUpView(
                    this.ctx,
                    wrapUp,
                    pending ? 'wrapUpPending' : 'done',
                    this.ctx.label(pending ? 'Relay_WrapUp_Pending' : 'Relay_WrapUp_Failed')
                );
            });
    }

    /** Queues again the agent's Pending wrap-ups whose retry is overdue (their job was lost). */
    resumeOverdue(): void {
        const overdue = new Date(this.ctx.now().getTime() - OVERDUE_AFTER_MINUTES * MINUTE).toISOString();
        const stuck = this.ctx.store
            .query(
                'Relay_Wrap_Up__c',
                (f) =>
                    f.OwnerId === this.ctx.userId &&
                    f.Status__c === PENDING &&
                    (f.Next_Attempt_At__c === null ||
                        f.Next_Attempt_At__c === undefined ||
                        String(f.Next_Attempt_At__c) < overdue)
            )
            .sort((a, b) =>
                String(a.fields.Next_Attempt_At__c ?? '').localeCompare(String(b.fields.Next_Attempt_At__c ?? ''))
            )
            .slice(0, MAX_RESUMED);
        if (stuck.length === 0) return;
        const claimedUntil = new Date(this.ctx.now().getTime() + MINUTE).toISOString();
        // Claimed for the job queued below, so the next reconciliation does not queue it again.
        for (const wrapUp of stuck) updateRecord(this.ctx, wrapUp.id, { Next_Attempt_At__c: claimedUntil });
        this.schedule(
            stuck.map((w) => w.id),
            0
        );
    }

    /**
     * System.enqueueJob(new RelayWrapUpRetryJob(ids), delay). The job runs as the agent, in its own
     * transaction; when it cannot be queued the wrap-ups stay Pending and resumeOverdue queues them again.
     */
    private schedule(wrapUpIds: string[], minutes: number): void {
        const ctx = this.ctx;
        ctx.jobs?.enqueue('RelayWrapUpRetryJob', Math.min(MAX_DELAY_MINUTES, minutes), () =>
            inTransaction(ctx.store, () => new RelayWrapUpService(ctx).deliverPending(wrapUpIds))
        );
    }

    /** One delivery attempt: only callouts; it sets the wrap-up's status, attempts, error and next attempt. */
    private async attempt(wrapUp: Fields, confirmFirst: boolean): Promise<Attempt> {
        const outcome: Attempt = { status: null, delayMinutes: 1, failure: null };
        wrapUp.Attempts__c = (typeof wrapUp.Attempts__c === 'number' ? wrapUp.Attempts__c : 0) + 1;
        try {
            if (!(confirmFirst && (await this.landed(wrapUp)))) {
                await this.client.submitWrapUp(
                    fieldText(wrapUp.Conversation_Id__c),
                    fieldText(wrapUp.Participant_Id__c),
                    {
                        code: String(wrapUp.Code_Id__c),
                        notes: fieldText(wrapUp.Notes__c),
                        durationSeconds:
                            typeof wrapUp.Duration_Seconds__c === 'number'
                                ? Math.trunc(wrapUp.Duration_Seconds__c)
                                : null,
                        endTime: typeof wrapUp.End_Time__c === 'string' ? new Date(wrapUp.End_Time__c) : null
                    }
                );
            }
            outcome.status = SUBMITTED;
            wrapUp.Status__c = SUBMITTED;
            wrapUp.Next_Attempt_At__c = null;
            return outcome;
        } catch (failure) {
            if (!(failure instanceof CalloutError)) throw failure;
            outcome.failure = failure;
            wrapUp.Last_Error__c = `${failure.kind}: ${failure.message}`.slice(0, 1000);
        }
        const attempts = Number(wrapUp.Attempts__c);
        const failure = outcome.failure;
        if (failure.retryable && attempts < MAX_ATTEMPTS) {
            outcome.status = PENDING;
            outcome.delayMinutes = delayMinutes(failure, attempts);
            wrapUp.Next_Attempt_At__c = new Date(
                this.ctx.now().getTime() + outcome.delayMinutes * MINUTE
            ).toISOString();
        } else if (failure.retryable || failure.kind === 'NOT_FOUND') {
            // Out of attempts, or the participant is gone (its after-contact work ended): kept for the admin.
            outcome.status = FAILED;
        }
        wrapUp.Status__c = outcome.status ?? FAILED;
        return outcome;
    }

    /** Whether the wrap-up is already assigned to the participant (getParticipantWrapUp, not provisional). */
    private async landed(wrapUp: Fields): Promise<boolean> {
        try {
            const assigned = await this.client.getParticipantWrapUp(
                fieldText(wrapUp.Conversation_Id__c),
                fieldText(wrapUp.Participant_Id__c)
            );
            return assigned !== null && assigned.code === wrapUp.Code_Id__c;
        } catch (failure) {
            if (failure instanceof CalloutError && failure.kind === 'NOT_FOUND') return false;
            throw failure;
        }
    }

    private async putOnQueue(): Promise<boolean> {
        try {
            return (await new RelayAgentStatusService(this.ctx, this.client).setOnQueue(true)).onQueue;
        } catch (failure) {
            if (failure instanceof CalloutError || failure instanceof RelayWorkItemException) return false;
            throw failure;
        }
    }

    /** The wrap-up owed at an id (the agent's own record, or the interaction's leg), and the interaction while it is the agent's leg. */
    private async owed(
        id: string,
        lock: boolean
    ): Promise<{ id: string | null; wrapUp: Fields; interaction: Interaction | null }> {
        const ctx = this.ctx;
        const own = (f: Fields): boolean => f.OwnerId === ctx.userId;
        let found: StoredRecord | undefined;
        let fresh: Fields | null = null;
        const target = ctx.store.get(id);
        if (target?.sobject === 'Relay_Wrap_Up__c') {
            found = own(target.fields) ? target : undefined;
        } else {
            if (lock) await lockRecords(ctx.store, [id]);
            const record = target?.sobject === 'Relay_Interaction__c' ? interactionOf(target) : null;
            const mine = record !== null && record.Assigned_Agent__c === ctx.userId;
            const leg = mine ? record.Agent_Participant_Id__c : null;
            found = ctx.store
                .query(
                    'Relay_Wrap_Up__c',
                    (f) => own(f) && f.Interaction__c === id && (isBlank(leg) || f.Participant_Id__c === leg)
                )
                .at(-1); // ORDER BY CreatedDate DESC
            // The codes need only the leg: the panel may ask for them on the contact centre's event, before the
            // sync has recorded the wrap-up. A submission needs the interaction in wrap-up.
            if (!found && mine && (record.Work_State__c === WRAP_UP || !lock)) fresh = newFor(record);
            else if (!found && mine && !isBlank(leg)) {
                throw new RelayWorkItemException(ctx.label('Relay_WrapUp_NotInWrapUp'));
            }
        }
        if (!found && !fresh) throw new RelayWorkItemException(ctx.label('Relay_Error_InteractionNotFound'));
        if (lock && found) await lockRecords(ctx.store, [found.id]);
        const wrapUp: Fields = found ? { ...found.fields } : (fresh as Fields);
        let interaction: Interaction | null = null;
        if (typeof wrapUp.Interaction__c === 'string') {
            const related = ctx.store.get(wrapUp.Interaction__c);
            if (
                related?.sobject === 'Relay_Interaction__c' &&
                related.fields.Assigned_Agent__c === ctx.userId &&
                related.fields.Agent_Participant_Id__c === wrapUp.Participant_Id__c
            ) {
                interaction = interactionOf(related);
            }
        }
        return { id: found?.id ?? null, wrapUp, interaction };
    }

    private result(
        status: string,
        onQueue: boolean | null,
        message: string | null,
        interaction: RelayInteractionView
    ): RelayWrapUpResult {
        return { status, onQueue, message, interaction };
    }

    private checkInput(codeId: unknown, notes: unknown): { code: string; text: string | null } {
        if (typeof codeId !== 'string' || isBlank(codeId)) {
            throw new RelayWorkItemException(this.ctx.label('Relay_Interaction_WrapUpCodeRequired'));
        }
        if (
            codeId.trim().length > MAX_CODE_ID_LENGTH ||
            (notes !== null && notes !== undefined && typeof notes !== 'string')
        ) {
            throw new RelayWorkItemException(this.ctx.label('Relay_Error_InvalidRequest'));
        }
        if (typeof notes === 'string' && notes.length > MAX_NOTES_LENGTH) {
            throw new RelayWorkItemException(this.ctx.label('Relay_WrapUp_NotesTooLong'));
        }
        return { code: codeId.trim(), text: typeof notes === 'string' && !isBlank(notes) ? notes : null };
    }
}

/** Only a rate-limit refusal is certain not to have been applied; any other earlier failure is checked first. */
function mayHaveLanded(wrapUp: Fields): boolean {
    const attempts = typeof wrapUp.Attempts__c === 'number' ? wrapUp.Attempts__c : 0;
    return attempts > 0 && !String(wrapUp.Last_Error__c ?? 'null').startsWith('RATE_LIMITED');
}
