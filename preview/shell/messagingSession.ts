// A Bring Your Own Channel Messaging Session's record page: a stand-in for Salesforce's own conversation component
// (docs/byoc-setup.md), which Relay does not ship and the console cannot load. It shows the session's entries as
// the local org's Interaction Service recorded them and lets the agent write, which the org turns into the channel's
// outbound custom event for the connector (local-org/src/interactionService, docs/local-org-interaction-service.md).
import { api, h, onServerEvent, onStreamReady } from './dom';

interface EntryView {
    id: string;
    actorType: string;
    actorName: string | null;
    message: string | null;
    entryTime: string;
}

export interface SessionView {
    id: string;
    status: string | null;
    endUserName: string | null;
    /** Why the agent cannot write (the session is not theirs or not active, the customer opted out), or null. */
    cannotSend: string | null;
    entries: EntryView[];
    transferQueues: { id: string; name: string }[];
}

const time = (iso: string): string => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

function entryItem(entry: EntryView): HTMLElement {
    const fromAgent = entry.actorType === 'Agent';
    return h(
        'li',
        {
            class: `slds-chat-listitem ${fromAgent ? 'slds-chat-listitem_outbound' : 'slds-chat-listitem_inbound'}`,
            'data-entry': entry.id,
            'data-actor': entry.actorType
        },
        h(
            'div',
            { class: 'slds-chat-message' },
            h(
                'div',
                { class: 'slds-chat-message__body' },
                h(
                    'div',
                    {
                        class: `slds-chat-message__text ${fromAgent ? 'slds-chat-message__text_outbound' : 'slds-chat-message__text_inbound'}`
                    },
                    h('span', {}, entry.message ?? `(${entry.actorType})`)
                ),
                h(
                    'div',
                    { class: 'slds-chat-message__meta' },
                    `${entry.actorName ?? entry.actorType} • ${time(entry.entryTime)}`
                )
            )
        )
    );
}

/** Mounts the conversation stand-in for `sessionId` into the record page's panel. */
export function mountMessagingSession(panel: HTMLElement, sessionId: string): void {
    const path = `/__messaging/sessions/${encodeURIComponent(sessionId)}`;
    const transcript = h('ul', { class: 'slds-chat-list', 'data-id': 'byoc-entries' });
    const notice = h('p', { class: 'slds-text-color_weak slds-m-vertical_x-small', 'data-id': 'byoc-notice' });
    const status = h('p', { class: 'slds-assistive-text', role: 'status', 'aria-live': 'polite' });
    const textarea = h('textarea', {
        id: `byoc-message-${sessionId}`,
        class: 'slds-textarea',
        rows: 2,
        'data-id': 'byoc-message'
    });
    const send = h(
        'button',
        { class: 'slds-button slds-button_brand', type: 'submit', 'data-id': 'byoc-send' },
        'Send'
    );
    const transferTo = h('select', { id: `byoc-transfer-${sessionId}`, class: 'slds-select', 'data-id': 'byoc-queue' });
    const transfer = h(
        'button',
        { class: 'slds-button slds-button_neutral', type: 'button', 'data-id': 'byoc-transfer' },
        'Transfer'
    );
    const end = h(
        'button',
        { class: 'slds-button slds-button_neutral', type: 'button', 'data-id': 'byoc-end' },
        'End Conversation'
    );
    const form = h(
        'form',
        { class: 'slds-m-top_small' },
        h(
            'div',
            { class: 'slds-form-element' },
            h('label', { class: 'slds-form-element__label', for: `byoc-message-${sessionId}` }, 'Message'),
            h('div', { class: 'slds-form-element__control' }, textarea)
        ),
        h('div', { class: 'slds-m-top_x-small' }, send, ' ', end),
        h(
            'div',
            { class: 'slds-form-element slds-m-top_small' },
            h('label', { class: 'slds-form-element__label', for: `byoc-transfer-${sessionId}` }, 'Transfer to queue'),
            h('div', { class: 'slds-form-element__control' }, h('div', { class: 'slds-select_container' }, transferTo)),
            h('div', { class: 'slds-m-top_x-small' }, transfer)
        )
    );
    const refresh = (): void => {
        api<SessionView>(path).then(
            (view) => {
                transcript.replaceChildren(...view.entries.map(entryItem));
                notice.textContent = view.cannotSend ?? '';
                notice.hidden = view.cannotSend === null;
                textarea.disabled = view.cannotSend !== null;
                send.disabled = view.cannotSend !== null;
                // Ending needs no consent: only an active session (the org refuses another agent's).
                end.disabled = view.status !== 'Active';
                const chosen = transferTo.value;
                transferTo.replaceChildren(
                    ...view.transferQueues.map((q) => h('option', { value: q.id, selected: q.id === chosen }, q.name))
                );
                transfer.disabled = view.status !== 'Active' || view.transferQueues.length === 0;
            },
            (error: unknown) => {
                notice.hidden = false;
                notice.textContent = error instanceof Error ? error.message : String(error);
            }
        );
    };
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const text = textarea.value.trim();
        if (text === '') return;
        send.disabled = true;
        api(`${path}/messages`, { body: { text } }).then(
            () => {
                textarea.value = '';
                status.textContent = 'Sent';
                send.disabled = false;
                refresh();
            },
            (error: unknown) => {
                // The text stays in the box: nothing the agent wrote is lost to a refusal.
                status.textContent = '';
                notice.hidden = false;
                notice.textContent = error instanceof Error ? error.message : String(error);
                send.disabled = false;
            }
        );
    });
    transfer.addEventListener('click', () => {
        transfer.disabled = true;
        api(`${path}/transfer`, { body: { queueId: transferTo.value } }).then(
            () => {
                status.textContent = 'Transfer requested';
                refresh();
            },
            (error: unknown) => {
                notice.hidden = false;
                notice.textContent = error instanceof Error ? error.message : String(error);
                transfer.disabled = false;
            }
        );
    });
    end.addEventListener('click', () => {
        end.disabled = true;
        api(`${path}/end`, { body: {} }).then(
            () => {
                status.textContent = 'Conversation ended';
                refresh();
            },
            (error: unknown) => {
                notice.hidden = false;
                notice.textContent = error instanceof Error ? error.message : String(error);
                end.disabled = false;
            }
        );
    });
    panel.append(
        h(
            'section',
            { class: 'slds-box slds-theme_default', 'aria-label': 'Conversation', 'data-id': 'byoc-conversation' },
            h(
                'p',
                { class: 'slds-text-body_small slds-text-color_weak slds-m-bottom_x-small' },
                "Stand-in for Salesforce's conversation component (Bring Your Own Channel)"
            ),
            transcript,
            notice,
            form,
            status
        )
    );
    onServerEvent<{ sessionId: string }>('messaging', (data) => {
        if (data.sessionId === sessionId) refresh();
    });
    onStreamReady(refresh);
    refresh();
}
