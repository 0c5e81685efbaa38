/**
 * The logic behind Relay's digital inbox components (relayDigitalInbox, relayInteractionView,
 * relayDispositions), kept out of the components so it is tested directly:
 * - store: the inbox list fed by Apex, the agent's signals (one interaction at a time) and a read of the queues while on screen;
 * - virtualList: which rows a fixed-height virtualized list renders, and where the arrow keys go;
 * - display: rows, status and channel names, the switch menu;
 * - disposition: End and the dispositions page (save once, then end);
 * - attachments: the channel and 10 MB rules, checked before any upload;
 * - notes: which open contact details a saved private note concerns.
 * The sorting and the status rules themselves are c/relayInboxModel's.
 */
export { InboxStore, CATCH_UP_DELAY_MS, INBOX_REFRESH_MS } from './store';
export type { InboxListener, InboxPorts, InboxStoreOptions, OpenOutcome } from './store';
export { belongsInInbox, sameView, toInboxItem } from './items';
export { isRendered, moveActive, scrollToReveal, windowAt } from './virtualList';
export type { ListWindow } from './virtualList';
export {
    assignmentOf,
    customerOf,
    digitalIdLabel,
    statusLabel,
    takenMessage,
    toRows,
    toSwitchChoices
} from './display';
export type { InboxRow, SwitchChoice } from './display';
export { DispositionFlow, NAME_OBJECTS, nameObjectOf, owesWrapUp } from './disposition';
export type {
    DispositionDraft,
    DispositionOutcome,
    DispositionPorts,
    DispositionPrefill,
    NameObject,
    WrapUpNews
} from './disposition';
export { attachmentProblem } from './attachments';
export { concernsContactOf, notesChangedOn, readNotesChanged } from './notes';
export type { NotesChangedMessage } from './notes';
export type {
    RelayAssignResult,
    RelayInboxChannel,
    RelayInboxItemView,
    RelayInboxStatus,
    RelayInboxWrapUpResult,
    RelayInteractionDetail,
    RelayNoteView,
    RelayQueueView
} from './apexTypes';
