// The customer panel's API (/__customer/...): the customer's side of a conversation, through the
// simulator's control API. Responses are small views the panel renders.
import { CHANNELS, type Channel } from '../../simulator/src/model';
import type { CustomerAttachment, SimulatorControl } from '../../simulator/src/control';
import type { ConversationSnapshot } from '../../simulator/src/views';

export class BadRequest extends Error {
    constructor(
        message: string,
        readonly status = 400
    ) {
        super(message);
    }
}

export interface CustomerConversation {
    conversationId: string;
    channel: string;
    /** An email conversation's subject (the Email channel is a Genesys email conversation); null otherwise. */
    subject: string | null;
    customerName: string;
    customerAddress: string;
    queueName: string;
    state: string;
    /** inbound (the customer started it) or outbound (an agent emailed or texted the customer first). */
    direction: 'inbound' | 'outbound';
    transcript: {
        id: string;
        direction: 'inbound' | 'outbound';
        text: string;
        /** An email's subject; null for a message. */
        subject: string | null;
        /** The files of the message, each downloadable from the simulator. */
        attachments: { name: string; contentType: string; sizeBytes: number; url: string }[];
    }[];
}

function view(c: ConversationSnapshot): CustomerConversation {
    return {
        conversationId: c.id,
        channel: c.channel,
        subject: c.subject ?? null,
        customerName: c.customer.name,
        customerAddress: c.customer.address,
        queueName: c.queue.name ?? c.queue.id,
        state: c.state,
        direction: c.direction,
        transcript: c.transcript.map((t) => ({
            id: t.id,
            direction: t.direction,
            text: t.text,
            subject: t.email?.subject ?? null,
            attachments: (t.attachments ?? []).map((a) => ({
                name: a.name,
                contentType: a.contentType,
                sizeBytes: a.sizeBytes,
                url: a.url
            }))
        }))
    };
}

const text = (body: Record<string, unknown>, key: string, required = true): string | undefined => {
    const value = body[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || (required && value.trim() === '')) throw new BadRequest(`${key} is required`);
    return value;
};

function attachments(value: unknown): CustomerAttachment[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new BadRequest('attachments must be an array');
    return value.map((entry: unknown) => {
        const file = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
        const contentType = text(file, 'contentType', false);
        return {
            name: text(file, 'name') as string,
            ...(contentType ? { contentType } : {}),
            dataBase64: text(file, 'dataBase64') as string
        };
    });
}

export function customerApi(control: SimulatorControl) {
    return {
        queues: () => ({ queues: control.state().queues.map((q) => ({ id: q.id, name: q.name })) }),
        /** Every conversation, newest first: the ones customers started and the ones agents started (outbound). */
        conversations: () => ({ conversations: [...control.state().conversations].reverse().map(view) }),
        start(body: Record<string, unknown>): CustomerConversation {
            const channel = text(body, 'channel') as string;
            if (!(CHANNELS as readonly string[]).includes(channel)) {
                throw new BadRequest(`channel must be one of ${CHANNELS.join(', ')}`);
            }
            const queue = text(body, 'queue') as string;
            const customerName = text(body, 'customerName') as string;
            const customerAddress = text(body, 'customerAddress') as string;
            if (channel === 'email') {
                // A Genesys email conversation, as a customer's email to the queue's address starts one.
                const subject = text(body, 'subject', false)?.trim();
                return view(
                    control.startEmail({
                        queue,
                        fromName: customerName,
                        fromAddress: customerAddress,
                        subject: subject !== undefined && subject !== '' ? subject : `Message from ${customerName}`,
                        textBody: text(body, 'text', false) ?? ''
                    })
                );
            }
            return view(
                control.startConversation({
                    channel: channel as Channel,
                    queue,
                    customerName,
                    customerAddress,
                    text: text(body, 'text', false)
                })
            );
        },
        /** The customer's message (an email in an email conversation): text, files (base64), or both. */
        reply(conversationId: string, body: Record<string, unknown>): CustomerConversation {
            const files = attachments(body.attachments);
            const message = text(body, 'text', files.length === 0) ?? '';
            if (control.conversation(conversationId).mediaType === 'email') {
                control.customerEmail(conversationId, { textBody: message, attachments: files });
            } else {
                control.customerReply(conversationId, message, files);
            }
            return view(control.conversation(conversationId));
        },
        disconnect: (conversationId: string): CustomerConversation => view(control.customerDisconnect(conversationId))
    };
}
