// The preview's Omni-Channel: what the org's Omni-Channel widget and the relayOmniRelay Aura utility do
// together. It answers Relay_Omni__c requests ({kind:'request', requestId, action, params}) with responses
// shaped like the Omni-Channel Toolkit's results, forwards Omni-Channel events ({kind:'event', name,
// detail}), and shows the agent's presence and work in a utility-bar panel.
import { createMessageContext, publish, subscribe } from '../runtime/messageService';
import { openTab } from '../runtime/workspaceApi';
import { presenceStatuses } from 'relay-preview:console';
import { api, h, onServerEvent, onStreamReady } from './dom';

const CHANNEL = { channel: 'Relay_Omni__c' };
const context = createMessageContext();

interface Work {
    workId: string;
    workItemId: string;
    isEngaged: boolean;
    status: string;
}
interface OmniState {
    status: { statusId: string; statusName: string; statusApiName: string } | null;
    works: Work[];
}

/** One relay action, one Omni endpoint; results are what the toolkit resolves with. */
function perform(action: string, params: Record<string, unknown>): Promise<unknown> {
    const work = (verb: string): Promise<unknown> =>
        api(`/__omni/works/${encodeURIComponent(typeof params.workId === 'string' ? params.workId : '')}/${verb}`, {
            method: 'POST',
            body: {}
        });
    switch (action) {
        case 'acceptWork':
            return work('accept');
        case 'closeWork':
            return work('close');
        case 'setStatus':
            return api('/__omni/status', { body: { statusId: params.statusId } });
        case 'getStatus':
            return api('/__omni/status');
        case 'getAgentWorks':
            // The toolkit returns the works as a JSON string.
            return api<{ works: Work[] }>('/__omni/works').then(({ works }) => ({
                works: JSON.stringify(
                    works.map(({ workId, workItemId, isEngaged }) => ({ workId, workItemId, isEngaged }))
                )
            }));
        case 'logout':
            return api('/__omni/logout', { method: 'POST', body: {} });
        case 'ping':
            return Promise.resolve(true);
        default:
            return Promise.reject(new Error(`Unknown action: ${action}`));
    }
}

function answerRequests(): void {
    subscribe(context, CHANNEL, (message) => {
        const m = message as { kind?: string; requestId?: unknown; action?: unknown; params?: unknown };
        // Responses and events on the channel (this relay's own included) are for the clients.
        if (m?.kind !== 'request' || typeof m.requestId !== 'string' || m.requestId === '') return;
        const requestId = m.requestId;
        perform(String(m.action), (m.params as Record<string, unknown>) ?? {}).then(
            (result) => publish(context, CHANNEL, { kind: 'response', requestId, ok: true, result: result ?? null }),
            (error: unknown) =>
                publish(context, CHANNEL, {
                    kind: 'response',
                    requestId,
                    ok: false,
                    error: error instanceof Error ? error.message : String(error)
                })
        );
    });
}

async function recordName(recordId: string): Promise<string> {
    try {
        const record = await api<{ fields: Record<string, unknown> }>(`/__records/${encodeURIComponent(recordId)}`);
        return typeof record.fields.Name === 'string' ? record.fields.Name : recordId;
    } catch {
        return recordId;
    }
}

export function renderOmniWidget(panel: HTMLElement, onStatus: (text: string) => void): void {
    const statusSelect = h(
        'select',
        { id: 'omni-status', class: 'slds-select' },
        h('option', { value: '' }, 'Offline'),
        // By API name: the ids are the org's, which the page learns only from the server.
        presenceStatuses.map((s) => h('option', { value: s.apiName }, s.label))
    );
    const workList = h('ul', { class: 'slds-has-dividers_bottom-space', 'aria-label': 'Omni-Channel work' });
    const error = h('p', { class: 'slds-text-color_error', role: 'alert' });

    const act = (promise: Promise<unknown>): void => {
        error.textContent = '';
        promise.catch((e: unknown) => (error.textContent = e instanceof Error ? e.message : String(e)));
    };
    statusSelect.addEventListener('change', () =>
        act(
            statusSelect.value
                ? api('/__omni/status', { body: { statusId: statusSelect.value } })
                : api('/__omni/logout', { method: 'POST', body: {} })
        )
    );

    const draw = async (): Promise<void> => {
        const state = await api<OmniState>('/__omni/state');
        statusSelect.value = state.status?.statusApiName ?? '';
        onStatus(state.status?.statusName ?? 'Offline');
        const items = await Promise.all(
            state.works.map(async (work) => {
                const name = await recordName(work.workItemId);
                const path = `/__omni/works/${encodeURIComponent(work.workId)}`;
                const button = (label: string, verb: string, brand = false): HTMLButtonElement =>
                    h(
                        'button',
                        {
                            type: 'button',
                            class: `slds-button ${brand ? 'slds-button_brand' : 'slds-button_neutral'}`,
                            onclick: () => act(api(`${path}/${verb}`, { method: 'POST', body: {} }))
                        },
                        label
                    );
                return h(
                    'li',
                    { class: 'slds-item' },
                    h('p', { class: 'slds-text-title_bold' }, name),
                    h('p', { class: 'slds-text-body_small' }, work.isEngaged ? 'Accepted' : 'Incoming'),
                    h(
                        'div',
                        {
                            class: 'slds-button-group slds-m-top_x-small',
                            role: 'group',
                            'aria-label': `Actions for ${name}`
                        },
                        work.isEngaged
                            ? [button('Close', 'close')]
                            : [button('Accept', 'accept', true), button('Decline', 'decline')]
                    )
                );
            })
        );
        workList.replaceChildren(
            ...(items.length ? items : [h('li', { class: 'slds-item slds-text-color_weak' }, 'No work assigned.')])
        );
    };

    panel.setAttribute('lang', 'en'); // the preview's own widget: English, whatever the console's language
    panel.replaceChildren(
        h(
            'div',
            { class: 'slds-form-element slds-m-bottom_small' },
            h('label', { class: 'slds-form-element__label', for: 'omni-status' }, 'Presence status'),
            h(
                'div',
                { class: 'slds-form-element__control' },
                h('div', { class: 'slds-select_container' }, statusSelect)
            )
        ),
        error,
        h('h3', { class: 'slds-text-heading_small slds-m-vertical_x-small' }, 'My work'),
        workList
    );

    onServerEvent<{ name: string; detail: Record<string, unknown> }>('omni', (event) => {
        publish(context, CHANNEL, { kind: 'event', name: event.name, detail: event.detail });
        // As in the console, accepting a work item opens its record in a workspace tab.
        if (event.name === 'workAccepted' && typeof event.detail.workItemId === 'string') {
            void openTab({ recordId: event.detail.workItemId, focus: true });
        }
        void draw();
    });
    // Omni-Channel's events reach the page over the server's stream: one sent before it (re)connected (the agent
    // chose a status the moment the page loaded) was never heard. The console's Omni-Channel never loses its own
    // status, so on every (re)connect the widget redraws and tells Relay the status it is in.
    onStreamReady(() => {
        void draw();
        void api<OmniState>('/__omni/state').then((state) => {
            if (state.status) publish(context, CHANNEL, { kind: 'event', name: 'statusChanged', detail: state.status });
        });
    });
    answerRequests();
    publish(context, CHANNEL, { kind: 'event', name: 'relayReady', detail: {} });
    void draw();
}
