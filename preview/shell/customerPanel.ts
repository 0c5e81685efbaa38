// The customer's side of the simulated contact centre: start an inbound conversation on any channel,
// reply as the customer, or leave. Everything goes through the simulator's control API, so the agent's
// side (Relay) sees exactly what Genesys Cloud would show it.
import { api, h, onServerEvent, onStreamReady } from './dom';

export const CHANNELS: { value: string; label: string; address: string; addressLabel: string }[] = [
    { value: 'webchat', label: 'Web chat', address: 'visitor-4821', addressLabel: 'Visitor id' },
    { value: 'sms', label: 'SMS', address: '+15550100123', addressLabel: 'Phone number' },
    { value: 'whatsapp', label: 'WhatsApp', address: '+447700900123', addressLabel: 'WhatsApp number' },
    { value: 'facebook', label: 'Facebook', address: 'jane.doe.fb', addressLabel: 'Facebook id' },
    { value: 'instagram', label: 'Instagram', address: 'jane.doe.ig', addressLabel: 'Instagram handle' },
    { value: 'twitter', label: 'X (Twitter)', address: 'janedoe', addressLabel: 'X handle' },
    { value: 'email', label: 'Email', address: 'jane.doe@example.com', addressLabel: 'Email address' }
];

interface CustomerConversation {
    conversationId: string;
    channel: string;
    subject: string | null;
    customerName: string;
    customerAddress: string;
    queueName: string;
    state: string;
    direction: 'inbound' | 'outbound';
    transcript: {
        id: string;
        direction: 'inbound' | 'outbound';
        text: string;
        subject: string | null;
        attachments: { name: string; sizeBytes: number; url: string }[];
    }[];
}

/** A file's bytes as base64, for the JSON the customer API takes. */
async function base64Of(file: File): Promise<string> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
}

async function customerMessage(text: string, files: File[]): Promise<Record<string, unknown>> {
    const attachments = await Promise.all(
        files.map(async (f) => ({
            name: f.name,
            ...(f.type ? { contentType: f.type } : {}),
            dataBase64: await base64Of(f)
        }))
    );
    return attachments.length > 0 ? { text, attachments } : { text };
}

let fieldCount = 0;
function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLElement {
    const id = control.id || `customer-field-${++fieldCount}`;
    control.id = id;
    const wrapped =
        control instanceof HTMLSelectElement ? h('div', { class: 'slds-select_container' }, control) : control;
    return h(
        'div',
        { class: 'slds-form-element slds-m-bottom_x-small' },
        h('label', { class: 'slds-form-element__label', for: id }, label),
        h('div', { class: 'slds-form-element__control' }, wrapped)
    );
}

function conversationCard(c: CustomerConversation, act: (p: Promise<unknown>) => void): HTMLElement {
    const channel = CHANNELS.find((x) => x.value === c.channel)?.label ?? c.channel;
    const ended = c.state === 'disconnected';
    const reply = h('textarea', { class: 'slds-textarea', rows: 2 });
    const files = h('input', { type: 'file', class: 'slds-input', multiple: true });
    const base = `/__customer/conversations/${encodeURIComponent(c.conversationId)}`;
    return h(
        'li',
        { class: 'slds-item preview-conversation', 'data-conversation-id': c.conversationId },
        h('h3', { class: 'slds-text-title_bold' }, `${c.customerName} · ${channel}`),
        h('p', { class: 'slds-text-body_small slds-text-color_weak' }, `${c.queueName} · ${c.state}`),
        c.direction === 'outbound'
            ? h(
                  'p',
                  { class: 'slds-text-body_small slds-text-color_weak preview-conversation__outbound' },
                  `Started by the agent (outbound ${c.channel === 'email' ? 'email' : 'message'})`
              )
            : null,
        h(
            'ol',
            { class: 'preview-transcript', 'aria-label': `Transcript with ${c.customerName}` },
            c.transcript.map((m) =>
                h(
                    'li',
                    { class: `preview-transcript__${m.direction}` },
                    `${m.direction === 'inbound' ? c.customerName : 'Agent'}: ${m.subject === null ? '' : `[${m.subject}] `}${m.text}`,
                    m.attachments.map((a) =>
                        h(
                            'a',
                            { class: 'preview-attachment', href: a.url, target: '_blank', rel: 'noopener' },
                            `📎 ${a.name} (${a.sizeBytes} bytes)`
                        )
                    )
                )
            )
        ),
        ended
            ? null
            : [
                  field(`Reply as ${c.customerName}`, reply),
                  field(`Files from ${c.customerName}`, files),
                  h(
                      'div',
                      {
                          class: 'slds-button-group',
                          role: 'group',
                          'aria-label': `Customer actions for ${c.customerName}`
                      },
                      h(
                          'button',
                          {
                              type: 'button',
                              class: 'slds-button slds-button_neutral',
                              onclick: () => {
                                  const chosen = Array.from(files.files ?? []);
                                  if (reply.value.trim() || chosen.length > 0) {
                                      act(
                                          customerMessage(reply.value, chosen).then((body) =>
                                              api(`${base}/messages`, { body })
                                          )
                                      );
                                  }
                              }
                          },
                          'Send reply'
                      ),
                      h(
                          'button',
                          {
                              type: 'button',
                              class: 'slds-button slds-button_text-destructive',
                              onclick: () => act(api(`${base}/disconnect`, { method: 'POST', body: {} }))
                          },
                          'Leave conversation'
                      )
                  )
              ]
    );
}

export function renderCustomerPanel(root: HTMLElement): void {
    const channel = h(
        'select',
        { id: 'customer-channel', class: 'slds-select', name: 'channel' },
        CHANNELS.map((c) => h('option', { value: c.value }, c.label))
    );
    const queue = h('select', { id: 'customer-queue', class: 'slds-select', name: 'queue' });
    const name = h('input', {
        id: 'customer-name',
        class: 'slds-input',
        name: 'customerName',
        value: 'Jane Doe',
        required: true
    });
    const address = h('input', {
        id: 'customer-address',
        class: 'slds-input',
        name: 'customerAddress',
        required: true
    });
    const addressField = field('Phone number', address);
    const subject = h('input', { id: 'customer-subject', class: 'slds-input', name: 'subject', value: 'My order' });
    const subjectField = field('Subject', subject);
    const text = h('textarea', { id: 'customer-text', class: 'slds-textarea', name: 'text', rows: 2 });
    text.value = 'Hello, I need help with my order.';
    const status = h('p', { class: 'slds-text-body_small', role: 'status' });
    const list = h('ul', { class: 'slds-has-dividers_top-space', 'aria-label': 'Customer conversations' });

    const syncAddress = (): void => {
        const c = CHANNELS.find((x) => x.value === channel.value) ?? CHANNELS[0];
        address.value = c.address;
        (addressField.querySelector('label') as HTMLLabelElement).textContent = c.addressLabel;
        // An email has a subject; the other channels' messages do not.
        subjectField.hidden = c.value !== 'email';
    };
    channel.addEventListener('change', syncAddress);
    syncAddress();

    const act = (p: Promise<unknown>): void => {
        status.textContent = '';
        p.catch((e: unknown) => (status.textContent = e instanceof Error ? e.message : String(e)));
    };
    const draw = async (): Promise<void> => {
        const { conversations } = await api<{ conversations: CustomerConversation[] }>('/__customer/conversations');
        list.replaceChildren(...conversations.map((c) => conversationCard(c, act)));
    };

    const form = h(
        'form',
        {
            'aria-label': 'Start an inbound conversation',
            onsubmit: (e: Event) => {
                e.preventDefault();
                act(
                    api<{ conversationId: string }>('/__customer/conversations', {
                        body: {
                            channel: channel.value,
                            queue: queue.value,
                            customerName: name.value,
                            customerAddress: address.value,
                            ...(channel.value === 'email' ? { subject: subject.value } : {}),
                            text: text.value
                        }
                    }).then(({ conversationId }) => {
                        status.textContent = `Conversation ${conversationId} started.`;
                        return draw();
                    })
                );
            }
        },
        field('Channel', channel),
        field('Queue', queue),
        field('Customer name', name),
        addressField,
        subjectField,
        field('First message', text),
        h('button', { type: 'submit', class: 'slds-button slds-button_brand slds-m-top_x-small' }, 'Start conversation')
    );

    root.replaceChildren(
        h(
            'h2',
            { id: 'customer-heading', class: 'slds-text-heading_small slds-m-bottom_small' },
            'Customer (simulated)'
        ),
        form,
        status,
        list
    );
    void api<{ queues: { id: string; name: string }[] }>('/__customer/queues').then(({ queues }) =>
        queue.replaceChildren(...queues.map((q) => h('option', { value: q.id }, q.name)))
    );
    onServerEvent('customer', () => void draw());
    onStreamReady(() => void draw());
    void draw();
}
