/*
 * End and the dispositions page: the agent's Name, Relates To and notes are saved first, while the
 * interaction is still theirs, and only then is it ended (unassigned and out of the queue). When ending
 * fails after the save, the saved dispositions are not sent twice: the retry only ends.
 * When the contact centre then waits for a wrap-up code (after-call work), the End is finished by the
 * wrap-up: the interaction stays the agent's until its code is submitted (kept Pending and retried by Relay
 * when the contact centre cannot take it now), so the wrap-up is never lost.
 */
import { messageFor } from 'c/relayErrors';
import type { RelayInboxItemView, RelayInboxWrapUpResult } from './apexTypes';

/** The Apex calls of the dispositions page (RelayInboxController). */
export interface DispositionPorts {
    saveDisposition(
        interactionId: string,
        nameId: string | null,
        relatesToId: string | null,
        notes: string | null
    ): Promise<RelayInboxItemView | null>;
    endInteraction(interactionId: string): Promise<RelayInboxItemView | null>;
    submitWrapUp(interactionId: string, codeId: string, notes: string | null): Promise<RelayInboxWrapUpResult | null>;
}

/** What the agent entered on the dispositions page. */
export interface DispositionDraft {
    nameId: string | null;
    relatesToId: string | null;
    notes: string;
    /** The contact centre's wrap-up code, once it asks for one. */
    wrapUpCodeId?: string | null;
    /** Notes sent with the wrap-up code (not the private notes). */
    wrapUpNotes?: string;
}

/** The wrap-up's outcome: Submitted, Pending or Failed, with the label to show. */
export interface WrapUpNews {
    status: string;
    message: string | null;
}

export type DispositionOutcome =
    | { kind: 'ended'; item: RelayInboxItemView | null; wrapUp?: WrapUpNews }
    | { kind: 'wrapUpNeeded'; item: RelayInboxItemView | null }
    | { kind: 'failed'; stage: 'save' | 'end' | 'wrapUp'; message: string };

/** What the dispositions page starts from: the Name and Relates To the interaction has already. */
export interface DispositionPrefill {
    nameId: string | null;
    relatesToId: string | null;
}

/**
 * An interaction the agent ended earlier whose wrap-up code the contact centre still waits for: opening it
 * goes straight back to the dispositions page, which asks for the code.
 */
export function owesWrapUp(item: RelayInboxItemView | null | undefined, userId: string): boolean {
    return Boolean(item?.id) && item?.wrapUpNeeded === true && item.assignedAgentId === userId;
}

/** The objects the Name field looks up, in the order the picker offers them. */
export const NAME_OBJECTS = ['Contact', 'Account', 'Lead'] as const;
export type NameObject = (typeof NAME_OBJECTS)[number];

// Key prefixes of the standard objects: the same in every org.
const PREFIXES: Readonly<Record<string, NameObject>> = { '003': 'Contact', '001': 'Account', '00Q': 'Lead' };

/** Which object a saved Name id belongs to, so the picker opens on it; Contact when unknown. */
export function nameObjectOf(id: string | null | undefined): NameObject {
    return PREFIXES[(id ?? '').slice(0, 3)] ?? 'Contact';
}

export class DispositionFlow {
    /** The dispositions are saved; only ending is left. */
    saved = false;
    /** End disconnected the agent and the contact centre waits for a wrap-up code: only the wrap-up is left. */
    wrapUpNeeded = false;
    private busy = false;

    constructor(
        private readonly ports: DispositionPorts,
        private readonly interactionId: string
    ) {}

    /** An interaction already ended and waiting for its wrap-up code (reopened from the list): only the code is left. */
    static awaitingWrapUp(ports: DispositionPorts, interactionId: string): DispositionFlow {
        const flow = new DispositionFlow(ports, interactionId);
        flow.saved = true;
        flow.wrapUpNeeded = true;
        return flow;
    }

    /**
     * Saves the dispositions (once), ends the interaction and, when the contact centre waits for a wrap-up
     * code, submits it. Never runs twice at the same time.
     */
    async submit(draft: DispositionDraft): Promise<DispositionOutcome | null> {
        if (this.busy) {
            return null;
        }
        this.busy = true;
        try {
            if (!this.saved) {
                try {
                    const notes = draft.notes.trim() === '' ? null : draft.notes;
                    await this.ports.saveDisposition(this.interactionId, draft.nameId, draft.relatesToId, notes);
                    this.saved = true;
                } catch (error) {
                    return { kind: 'failed', stage: 'save', message: messageFor(error) };
                }
            }
            if (!this.wrapUpNeeded) {
                let item: RelayInboxItemView | null;
                try {
                    item = await this.ports.endInteraction(this.interactionId);
                } catch (error) {
                    return { kind: 'failed', stage: 'end', message: messageFor(error) };
                }
                if (item?.wrapUpNeeded !== true) {
                    return { kind: 'ended', item };
                }
                this.wrapUpNeeded = true;
                if (!draft.wrapUpCodeId) {
                    return { kind: 'wrapUpNeeded', item };
                }
            }
            return await this.submitWrapUp(draft);
        } finally {
            this.busy = false;
        }
    }

    private async submitWrapUp(draft: DispositionDraft): Promise<DispositionOutcome> {
        const codeId = draft.wrapUpCodeId;
        if (!codeId) {
            return { kind: 'wrapUpNeeded', item: null };
        }
        const notes = (draft.wrapUpNotes ?? '').trim();
        try {
            const result = await this.ports.submitWrapUp(this.interactionId, codeId, notes || null);
            return {
                kind: 'ended',
                item: result?.item ?? null,
                wrapUp: { status: result?.status ?? '', message: result?.message?.trim() || null }
            };
        } catch (error) {
            // Refused (a code the contact centre does not accept) or not sent: nothing was saved, the agent
            // chooses again or retries.
            return { kind: 'failed', stage: 'wrapUp', message: messageFor(error) };
        }
    }
}
