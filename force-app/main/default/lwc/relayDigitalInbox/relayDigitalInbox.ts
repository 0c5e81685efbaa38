import { LightningElement } from 'lwc';
import { onError, subscribe as empSubscribe, unsubscribe as empUnsubscribe } from 'lightning/empApi';
import USER_ID from '@salesforce/user/Id';
import getInbox from '@salesforce/apex/RelayInboxController.getInbox';
import getInteractionDetail from '@salesforce/apex/RelayInboxController.getInteractionDetail';
import assignToMe from '@salesforce/apex/RelayInboxController.assignToMe';
import { INBOX_SORTS } from 'c/relayInboxModel';
import type { InboxSort } from 'c/relayInboxModel';
import { browserScheduler, ConversationStream, detached, format, registerAgentSignal } from 'c/relayWorkItemStore';
import {
    InboxStore,
    isRendered,
    moveActive,
    scrollToReveal,
    takenMessage,
    toRows,
    toSwitchChoices,
    windowAt
} from 'c/relayInboxStore';
import type { InboxRow, ListWindow, RelayInboxItemView, SwitchChoice } from 'c/relayInboxStore';
import TITLE from '@salesforce/label/c.Relay_Inbox_Title';
import TAGS from '@salesforce/label/c.Relay_Inbox_Tags';
import ALL_TAGS from '@salesforce/label/c.Relay_Inbox_AllTags';
import TAGS_SELECTED from '@salesforce/label/c.Relay_Inbox_TagsSelected';
import SELECTED_TAGS from '@salesforce/label/c.Relay_Inbox_SelectedTags';
import SORT from '@salesforce/label/c.Relay_Inbox_Sort';
import SORT_RECEIVED from '@salesforce/label/c.Relay_Inbox_Sort_Received';
import SORT_PRIORITY from '@salesforce/label/c.Relay_Inbox_Sort_Priority';
import SORT_CHANNEL from '@salesforce/label/c.Relay_Inbox_Sort_Channel';
import UNREAD from '@salesforce/label/c.Relay_Inbox_Unread';
import UNREAD_ROW from '@salesforce/label/c.Relay_Inbox_UnreadRow';
import LIST from '@salesforce/label/c.Relay_Inbox_List';
import LIST_HINT from '@salesforce/label/c.Relay_Inbox_ListHint';
import COUNT from '@salesforce/label/c.Relay_Inbox_Count';
import EMPTY from '@salesforce/label/c.Relay_Inbox_Empty';
import EMPTY_FILTERED from '@salesforce/label/c.Relay_Inbox_EmptyFiltered';
import LOADING from '@salesforce/label/c.Relay_Inbox_Loading';
import OPENING from '@salesforce/label/c.Relay_Inbox_Opening';
import SKIPPED from '@salesforce/label/c.Relay_Inbox_Skipped';
import TRANSFERRED from '@salesforce/label/c.Relay_Inbox_Transferred';
import ENDED from '@salesforce/label/c.Relay_Inbox_EndedNotice';
import RECONNECTING from '@salesforce/label/c.Relay_WorkItem_Reconnecting';
import RETRY from '@salesforce/label/c.Relay_Action_Retry';
import DISMISS from '@salesforce/label/c.Relay_WorkItem_Dismiss';
import NEW from '@salesforce/label/c.Relay_Inbox_New';
import NEW_EMAIL from '@salesforce/label/c.Relay_Inbox_NewEmail';
import NEW_SMS from '@salesforce/label/c.Relay_Inbox_NewSms';

/** Every row is this tall (px, the same as .relay-row in the CSS): the list computes rows from pixels. */
export const ROW_HEIGHT = 72;
/** Rows rendered above and below the viewport. */
export const OVERSCAN = 5;
/** The viewport's height before the browser has laid it out (and in tests): ten rows. */
const FALLBACK_VIEWPORT = ROW_HEIGHT * 10;
/** Entries of the switch menu in an open interaction. */
const SWITCH_LIMIT = 15;

const SORT_LABELS: Record<InboxSort, string> = {
    received: SORT_RECEIVED,
    priority: SORT_PRIORITY,
    channel: SORT_CHANNEL
};

interface Pill {
    name: string;
    label: string;
}

interface ListRow extends InboxRow {
    selected: string;
}

/**
 * The Digital tab: the interactions of the agent's digital queues and their own, filtered by tags and
 * sorted by Received, Priority or Channel. A click (or Enter) assigns the interaction to the agent and opens
 * it. The list is virtualized (only the rows in view exist) and kept current by conversation events, one
 * interaction at a time. The logic is c/relayInboxStore's; this component renders it.
 */
export default class RelayDigitalInbox extends LightningElement {
    labels = {
        TITLE,
        TAGS,
        SELECTED_TAGS,
        SORT,
        LIST,
        LIST_HINT,
        LOADING,
        RETRY,
        DISMISS,
        UNREAD_ROW,
        RECONNECTING,
        NEW,
        NEW_EMAIL,
        NEW_SMS
    };

    rows: ListRow[] = [];
    rowCount = 0;
    unreadCount = 0;
    tagOptions: Array<{ label: string; value: string }> = [];
    selectedTags: string[] = [];
    sort: InboxSort = 'received';
    loading = true;
    loadError: string | undefined;
    skipped = 0;
    alert: string | undefined;
    notice: string | undefined;
    live = true;
    openingId: string | undefined;
    openId: string | undefined;
    openItem: RelayInboxItemView | undefined;
    switchChoices: SwitchChoice[] = [];
    viewMessage: string | undefined;
    /** The New page on screen (Email or SMS), instead of the list. */
    composing: 'Email' | 'SMS' | undefined;

    private store: InboxStore | undefined;
    private stream: ConversationStream | undefined;
    private stopListening: (() => void) | undefined;
    private activeId: string | undefined;
    private scrollTop = 0;
    private listWindow: ListWindow = { start: 0, count: 0 };
    private focusActive = false;

    override connectedCallback(): void {
        const store = new InboxStore(
            {
                getInbox: () => getInbox(),
                getInteractionDetail: (interactionId) => getInteractionDetail({ interactionId }),
                assignToMe: (interactionId) => assignToMe({ interactionId })
            },
            { userId: USER_ID, scheduler: browserScheduler }
        );
        this.store = store;
        this.stopListening = store.subscribe(() => this.refresh());
        this.stream = new ConversationStream(
            { subscribe: empSubscribe, unsubscribe: empUnsubscribe, onError },
            browserScheduler,
            {
                message: (message) => store.platformEvent(message),
                connected: () => {
                    this.live = true;
                    store.streamConnected();
                },
                interrupted: () => {
                    this.live = false;
                }
            },
            registerAgentSignal
        );
        this.stream.start();
        detached(store.load());
        // What waits in the agent's digital queues concerns every member: no event tells each of them (docs/events.md,
        // Delivery), so the inbox reads the queues again while it is on screen.
        store.startPolling(() => document.visibilityState !== 'hidden');
    }

    override disconnectedCallback(): void {
        this.stream?.stop();
        this.stopListening?.();
        this.store?.dispose();
        this.store = undefined;
    }

    override renderedCallback(): void {
        if (this.focusActive && !this.openId) {
            const row = this.rowElement(this.activeId);
            if (row) {
                this.focusActive = false;
                row.focus();
            }
        }
    }

    get reconnecting(): boolean {
        return !this.live;
    }

    get showList(): boolean {
        return !this.openItem;
    }

    get hasRows(): boolean {
        return this.rowCount > 0;
    }

    get emptyText(): string | undefined {
        if (this.loading || this.loadError || this.rowCount > 0) {
            return undefined;
        }
        return this.selectedTags.length > 0 ? EMPTY_FILTERED : EMPTY;
    }

    get unreadText(): string {
        return format(UNREAD, this.unreadCount);
    }

    get countText(): string {
        return format(COUNT, this.rowCount);
    }

    get skippedText(): string | undefined {
        return this.skipped > 0 ? format(SKIPPED, this.skipped) : undefined;
    }

    get openingText(): string | undefined {
        return this.openingId ? OPENING : undefined;
    }

    get sortOptions(): Array<{ label: string; value: string }> {
        return INBOX_SORTS.map((value) => ({ label: SORT_LABELS[value], value }));
    }

    get tagPlaceholder(): string {
        return this.selectedTags.length === 0 ? ALL_TAGS : format(TAGS_SELECTED, this.selectedTags.length);
    }

    get tagPills(): Pill[] {
        return this.selectedTags.map((tag) => ({ name: tag, label: tag }));
    }

    get hasSelectedTags(): boolean {
        return this.selectedTags.length > 0;
    }

    get tagsDisabled(): boolean {
        return this.tagOptions.length === 0;
    }

    /** The list is as tall as all its rows; the rendered ones sit at their place in it. */
    get listStyle(): string {
        return `height:${this.rowCount * ROW_HEIGHT}px;padding-top:${this.listWindow.start * ROW_HEIGHT}px`;
    }

    handleSort(event: CustomEvent<{ value?: string }>): void {
        const sort = event.detail?.value as InboxSort;
        if (INBOX_SORTS.includes(sort)) {
            this.sort = sort;
            this.store?.setSort(sort);
            this.revealActive(false);
        }
    }

    handleTagPick(event: CustomEvent<{ value?: string }>): void {
        const tag = event.detail?.value;
        // The picker only adds: it goes back to its placeholder for the next tag.
        (event.target as HTMLElement & { value: string }).value = '';
        if (tag && !this.selectedTags.includes(tag)) {
            this.setTags([...this.selectedTags, tag]);
        }
    }

    handleTagRemove(event: CustomEvent<{ item?: Pill }>): void {
        const tag = event.detail?.item?.name;
        this.setTags(this.selectedTags.filter((t) => t !== tag));
    }

    handleRetry(): void {
        if (this.store) {
            detached(this.store.load());
        }
    }

    handleDismissAlert(): void {
        this.alert = undefined;
    }

    handleScroll(event: Event): void {
        this.scrollTop = (event.currentTarget as HTMLElement).scrollTop;
        this.refreshRows();
    }

    handleRowFocus(event: FocusEvent): void {
        const id = (event.currentTarget as HTMLElement).dataset.item;
        if (id && id !== this.activeId) {
            this.activeId = id;
            this.refreshRows();
        }
    }

    handleRowClick(event: MouseEvent): void {
        const id = (event.currentTarget as HTMLElement).dataset.item;
        if (id) {
            this.activeId = id;
            detached(this.open(id));
        }
    }

    handleKeyDown(event: KeyboardEvent): void {
        const store = this.store;
        if (!store || this.rowCount === 0) {
            return;
        }
        if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            if (this.activeId) {
                detached(this.open(this.activeId));
            }
            return;
        }
        const index = this.activeId ? store.view.indexOf(this.activeId) : -1;
        const next = moveActive(event.key, index, this.rowCount, Math.floor(this.viewportHeight() / ROW_HEIGHT));
        if (next === null) {
            return;
        }
        event.preventDefault();
        this.activeId = store.view.visibleSlice(next, 1)[0]?.id;
        this.revealActive(true);
    }

    /** New > Email or SMS: the page that starts an outbound conversation. */
    handleNew(event: CustomEvent<{ value?: string }>): void {
        const value = event.detail?.value;
        if (value === 'Email' || value === 'SMS') {
            this.alert = undefined;
            this.notice = undefined;
            this.composing = value;
        }
    }

    handleOutboundCancel(): void {
        this.composing = undefined;
        this.focusActive = true;
        this.refresh();
    }

    /** Started from New: the interaction is the agent's, and opens as if they had clicked it. */
    handleOutboundSent(event: CustomEvent<{ item?: RelayInboxItemView }>): void {
        const item = event.detail?.item;
        this.composing = undefined;
        if (item) {
            this.store?.apply(item);
            detached(this.open(item.id));
        }
        // Read again: its first message has gone since it was filed (New, then Resolved).
        if (this.store) {
            detached(this.store.load());
        }
        this.refresh();
    }

    handleHome(): void {
        this.leave();
        this.focusActive = true;
        this.refresh();
    }

    handleSwitch(event: CustomEvent<{ id?: string }>): void {
        const id = event.detail?.id;
        if (id && id !== this.openId) {
            detached(this.open(id));
        }
    }

    handleItemChange(event: CustomEvent<{ item?: RelayInboxItemView }>): void {
        const item = event.detail?.item;
        if (item) {
            this.store?.apply(item);
        }
    }

    /**
     * Transferred to another queue. Unless it came straight back to the agent, the list is shown again;
     * whether the interaction is still in one of the agent's queues is for the inbox's catch-up read to say.
     */
    handleTransferred(
        event: CustomEvent<{ item?: RelayInboxItemView | null; queueName?: string; stillMine?: boolean }>
    ): void {
        const detail = event.detail ?? {};
        if (detail.item) {
            this.store?.apply(detail.item);
        }
        this.store?.scheduleCatchUp();
        if (!detail.stillMine) {
            this.handleHome();
            this.notice = format(TRANSFERRED, detail.queueName ?? '');
        }
    }

    /** Ended; `message` says what became of the contact centre's wrap-up when it is not simply delivered. */
    handleEnded(event: CustomEvent<{ item?: RelayInboxItemView | null; message?: string }>): void {
        const item = event.detail?.item;
        if (item) {
            this.store?.apply(item);
        }
        this.handleHome();
        const message = event.detail?.message?.trim();
        this.notice = message ? `${ENDED} ${message}` : ENDED;
    }

    /** Assigns the interaction to the agent and opens it, or says who got it first. */
    private async open(id: string): Promise<void> {
        const store = this.store;
        if (!store || this.openingId) {
            return;
        }
        this.openingId = id;
        this.alert = undefined;
        this.notice = undefined;
        this.viewMessage = undefined;
        try {
            const outcome = await store.open(id);
            if (outcome.kind === 'opened') {
                this.leave();
                this.openId = id;
                this.activeId = id;
            } else {
                const message = outcome.kind === 'taken' ? takenMessage(outcome.assignedToName) : outcome.message;
                if (this.openId) {
                    this.viewMessage = message;
                } else {
                    this.alert = message;
                }
            }
        } finally {
            this.openingId = undefined;
            this.refresh();
        }
    }

    /** Leaves the open interaction; its row is read again (a reply sent from it resolved it). */
    private leave(): void {
        const left = this.openId;
        this.openId = undefined;
        this.viewMessage = undefined;
        if (left && this.store) {
            detached(this.store.refreshItem(left));
        }
    }

    private setTags(tags: string[]): void {
        this.selectedTags = tags;
        this.store?.setTags(tags);
        this.revealActive(false);
    }

    /** Scrolls the active row into view after the list moved; `focus` also moves the focus to it. */
    private revealActive(focus: boolean): void {
        const store = this.store;
        const index = this.activeId && store ? store.view.indexOf(this.activeId) : -1;
        if (index >= 0) {
            const viewport = this.viewport();
            this.scrollTop = scrollToReveal(index, this.scrollTop, this.viewportHeight(), ROW_HEIGHT);
            if (viewport) {
                viewport.scrollTop = this.scrollTop;
            }
        }
        this.focusActive = focus;
        this.refresh();
    }

    private refresh(): void {
        const store = this.store;
        if (!store) {
            return;
        }
        const view = store.view;
        this.rowCount = view.size;
        this.unreadCount = view.unreadCount;
        this.loading = store.loading;
        this.loadError = store.loadError;
        this.skipped = store.skipped;
        this.tagOptions = view
            .tags()
            .filter((tag) => !this.selectedTags.includes(tag))
            .map((tag) => ({ label: tag, value: tag }));
        if (this.activeId && view.indexOf(this.activeId) < 0 && this.activeId !== this.openId) {
            this.activeId = undefined;
        }
        this.refreshRows();
        this.openItem = this.openId ? store.get(this.openId) : undefined;
        if (this.openId && !this.openItem) {
            this.openId = undefined; // gone from the inbox (ended or transferred away)
        }
        this.switchChoices = this.openId ? toSwitchChoices(store.switchChoices(this.openId, SWITCH_LIMIT)) : [];
    }

    /** Only the rendered rows: what a scroll or a focus change needs. */
    private refreshRows(): void {
        const store = this.store;
        if (!store) {
            return;
        }
        const view = store.view;
        this.listWindow = windowAt(this.scrollTop, this.viewportHeight(), ROW_HEIGHT, this.rowCount, OVERSCAN);
        const items = view.visibleSlice(this.listWindow.start, this.listWindow.count);
        const activeIndex = this.activeId ? view.indexOf(this.activeId) : -1;
        // One row is in the Tab order: the active one, or the first rendered one when it is out of view.
        const tabbable = isRendered(activeIndex, this.listWindow) ? this.activeId : items[0]?.id;
        this.rows = toRows(items, this.listWindow.start, (id) => store.get(id), USER_ID, this.activeId).map((row) => ({
            ...row,
            tabIndex: row.id === tabbable ? '0' : '-1',
            selected: row.active ? 'true' : 'false'
        }));
    }

    private viewport(): HTMLElement | null {
        return this.template?.querySelector<HTMLElement>('[data-id="viewport"]') ?? null;
    }

    private viewportHeight(): number {
        return this.viewport()?.clientHeight || FALLBACK_VIEWPORT;
    }

    private rowElement(id: string | undefined): HTMLElement | null {
        if (!id) {
            return null;
        }
        const rows = this.template?.querySelectorAll<HTMLElement>('[data-id="row"]') ?? [];
        return Array.from(rows).find((row) => row.dataset.item === id) ?? null;
    }
}
