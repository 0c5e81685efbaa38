/*
 * End and the dispositions page: the agent's Name, Relates To and notes are saved first, while the
 * interaction is still theirs, and only then is it ended (unassigned and out of the queue). When ending
 * fails after the save, the saved dispositions are not sent twice: the retry only ends.
 */
import { messageFor } from 'c/relayErrors';
import type { RelayInboxItemView } from './apexTypes';

/** The Apex calls of the dispositions page (RelayInboxController). */
export interface DispositionPorts {
    saveDisposition(
        interactionId: string,
        nameId: string | null,
        relatesToId: string | null,
        notes: string | null
    ): Promise<RelayInboxItemView | null>;
    endInteraction(interactionId: string): Promise<RelayInboxItemView | null>;
}

/** What the agent entered on the dispositions page. */
export interface DispositionDraft {
    nameId: string | null;
    relatesToId: string | null;
    notes: string;
}

export type DispositionOutcome =
    { kind: 'ended'; item: RelayInboxItemView | null } | { kind: 'failed'; stage: 'save' | 'end'; message: string };

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
    private busy = false;

    constructor(
        private readonly ports: DispositionPorts,
        private readonly interactionId: string
    ) {}

    /** Saves the dispositions (once) and ends the interaction. Never runs twice at the same time. */
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
            try {
                return { kind: 'ended', item: await this.ports.endInteraction(this.interactionId) };
            } catch (error) {
                return { kind: 'failed', stage: 'end', message: messageFor(error) };
            }
        } finally {
            this.busy = false;
        }
    }
}
