/**
 * Relay's digital inbox (the Digital tab), as pure logic: the interaction type, the Received / Priority /
 * Channel sorts, the tag and status filters, the status rules (Send resolves, a customer reply reopens,
 * End unassigns), the unread badge, and InboxView, the sorted list that takes one change at a time.
 * No DOM: components render what this module decides.
 */
export { INBOX_CHANNELS, INBOX_SORTS, INBOX_STATUSES, QUEUE_FILTER, QUEUE_STATUSES } from './types';
export type { InboxChange, InboxChannel, InboxFilter, InboxItem, InboxSort, InboxStatus } from './types';
export { channelRank, compareIds, compareItems, matchesFilter, receivedTime, sortAndFilter } from './order';
export {
    countsAsUnread,
    endInteraction,
    isBold,
    isInQueue,
    openByAgent,
    receiveCustomerReply,
    sendReply,
    setAsResolved,
    transferToQueue,
    unreadCount
} from './rules';
export { assertInboxItem, inboxItemProblem, parseTags, toInboxChannel } from './input';
export { InboxView } from './inboxView';
export type { InboxViewOptions } from './inboxView';
