/*
 * Private notes stay live in the browser. Whoever saves a note (the dispositions page, Add note in the
 * contact details) says so on the Relay_Notes__c message channel, and every contact details open on the
 * same contact reads its notes again from the Apex, as the agent. The message names the contact, never
 * the note: nothing private travels, and nothing leaves the agent's browser (a platform event would reach
 * every subscriber, and events have no sharing).
 */
import type { RelayInboxItemView } from './apexTypes';

/** What a Relay_Notes__c message carries: the contact a note was saved about, and where. */
export interface NotesChangedMessage {
    interactionId: string;
    digitalId: string | null;
    channel: string | null;
}

/** The message that says a note was saved on this interaction. */
export function notesChangedOn(item: RelayInboxItemView): NotesChangedMessage {
    return { interactionId: item.id, digitalId: item.digitalId ?? null, channel: item.channel ?? null };
}

/** A Relay_Notes__c message as received; null when it is not one. */
export function readNotesChanged(message: unknown): NotesChangedMessage | null {
    const value = message as Partial<Record<keyof NotesChangedMessage, unknown>> | null | undefined;
    if (!value || typeof value.interactionId !== 'string' || value.interactionId === '') {
        return null;
    }
    const textOrNull = (field: unknown): string | null => (typeof field === 'string' && field !== '' ? field : null);
    return {
        interactionId: value.interactionId,
        digitalId: textOrNull(value.digitalId),
        channel: textOrNull(value.channel)
    };
}

/**
 * Whether the note concerns the contact of this interaction: written on it, or about the same digital ID on
 * the same channel (what the contact details list notes by; a blank digital ID names nobody).
 */
export function concernsContactOf(message: NotesChangedMessage, item: RelayInboxItemView | undefined): boolean {
    if (!item?.id) {
        return false;
    }
    if (message.interactionId === item.id) {
        return true;
    }
    return message.digitalId !== null && message.digitalId === item.digitalId && message.channel === item.channel;
}
