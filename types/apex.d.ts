// The Apex methods Relay's components call, one module each. `npm run verify:contract` checks every
// declaration here against the @AuraEnabled method in force-app (parameter names and types, result fields).

// ----- Work-item flow (.tmp/API_WORKITEM.md): RelayWorkItemController, RelayWrapUpController, RelayTransferController.

declare module '@salesforce/apex/RelayWorkItemController.getAgentStatus' {
    import type { RelayAgentStatus } from 'c/relayWorkItemStore';
    const getAgentStatus: ApexMethod<Record<string, never>, RelayAgentStatus>;
    export default getAgentStatus;
}

declare module '@salesforce/apex/RelayWorkItemController.setOnQueue' {
    import type { RelayAgentStatus } from 'c/relayWorkItemStore';
    const setOnQueue: ApexMethod<{ onQueue: boolean }, RelayAgentStatus>;
    export default setOnQueue;
}

declare module '@salesforce/apex/RelayWorkItemController.resumeRouting' {
    import type { RelayAgentStatus } from 'c/relayWorkItemStore';
    const resumeRouting: ApexMethod<Record<string, never>, RelayAgentStatus>;
    export default resumeRouting;
}

declare module '@salesforce/apex/RelayWorkItemController.syncInteractions' {
    import type { RelayInteractionView } from 'c/relayWorkItemStore';
    const syncInteractions: ApexMethod<Record<string, never>, RelayInteractionView[]>;
    export default syncInteractions;
}

declare module '@salesforce/apex/RelayWorkItemController.pickUp' {
    import type { RelayInteractionView } from 'c/relayWorkItemStore';
    const pickUp: ApexMethod<{ interactionId: string }, RelayInteractionView>;
    export default pickUp;
}

declare module '@salesforce/apex/RelayWorkItemController.disconnect' {
    import type { RelayInteractionView } from 'c/relayWorkItemStore';
    const disconnect: ApexMethod<{ interactionId: string }, RelayInteractionView>;
    export default disconnect;
}

declare module '@salesforce/apex/RelayWrapUpController.getWrapUpCodes' {
    import type { RelayWrapUpCodeView } from 'c/relayWorkItemStore';
    const getWrapUpCodes: ApexMethod<{ interactionId: string }, RelayWrapUpCodeView[]>;
    export default getWrapUpCodes;
}

declare module '@salesforce/apex/RelayWrapUpController.submitWrapUp' {
    import type { RelayWrapUpResult } from 'c/relayWorkItemStore';
    const submitWrapUp: ApexMethod<{ interactionId: string; codeId: string; notes: string | null }, RelayWrapUpResult>;
    export default submitWrapUp;
}

declare module '@salesforce/apex/RelayWrapUpController.skipWrapUp' {
    import type { RelayInteractionView } from 'c/relayWorkItemStore';
    const skipWrapUp: ApexMethod<{ interactionId: string }, RelayInteractionView>;
    export default skipWrapUp;
}

declare module '@salesforce/apex/RelayWrapUpController.syncOwedWrapUps' {
    import type { RelayInteractionView } from 'c/relayWorkItemStore';
    const syncOwedWrapUps: ApexMethod<Record<string, never>, RelayInteractionView[]>;
    export default syncOwedWrapUps;
}

declare module '@salesforce/apex/RelayWrapUpController.getPendingWrapUps' {
    import type { RelayInteractionView } from 'c/relayWorkItemStore';
    const getPendingWrapUps: ApexMethod<Record<string, never>, RelayInteractionView[]>;
    export default getPendingWrapUps;
}

declare module '@salesforce/apex/RelayTransferController.getTransferQueues' {
    import type { RelayQueueView } from 'c/relayWorkItemStore';
    const getTransferQueues: ApexMethod<{ searchTerm: string | null }, RelayQueueView[]>;
    export default getTransferQueues;
}

declare module '@salesforce/apex/RelayTransferController.transfer' {
    import type { RelayInteractionView } from 'c/relayWorkItemStore';
    const transfer: ApexMethod<{ interactionId: string; queueId: string }, RelayInteractionView>;
    export default transfer;
}

// ----- Conversation (RelayConversationController): the transcript and the reply box of an interaction.

declare module '@salesforce/apex/RelayConversationController.getTranscript' {
    import type { RelayMessageView } from 'c/relayConversation';
    const getTranscript: ApexMethod<{ interactionId: string }, RelayMessageView[]>;
    export default getTranscript;
}

declare module '@salesforce/apex/RelayConversationController.sendReply' {
    import type { RelayMessageView, RelayReplyAttachment } from 'c/relayConversation';
    const sendReply: ApexMethod<
        {
            interactionId: string;
            text: string;
            attachments: RelayReplyAttachment[] | null;
            subject?: string | null;
            htmlBody?: string | null;
        },
        RelayMessageView
    >;
    export default sendReply;
}

declare module '@salesforce/apex/RelayConversationController.startAttachmentUpload' {
    import type { RelayAttachmentUpload } from 'c/relayConversation';
    const startAttachmentUpload: ApexMethod<
        { interactionId: string; fileName: string; sizeBytes: number; contentType: string | null },
        RelayAttachmentUpload
    >;
    export default startAttachmentUpload;
}

// ----- Digital inbox (.tmp/API_INBOX.md): RelayInboxController.

declare module '@salesforce/apex/RelayInboxController.getInbox' {
    import type { RelayInboxItemView } from 'c/relayInboxStore';
    const getInbox: ApexMethod<Record<string, never>, RelayInboxItemView[]>;
    export default getInbox;
}

declare module '@salesforce/apex/RelayInboxController.assignToMe' {
    import type { RelayAssignResult } from 'c/relayInboxStore';
    const assignToMe: ApexMethod<{ interactionId: string }, RelayAssignResult>;
    export default assignToMe;
}

declare module '@salesforce/apex/RelayInboxController.joinConversation' {
    const joinConversation: ApexMethod<{ interactionId: string }, void>;
    export default joinConversation;
}

declare module '@salesforce/apex/RelayInboxController.getInteractionDetail' {
    import type { RelayInteractionDetail } from 'c/relayInboxStore';
    const getInteractionDetail: ApexMethod<{ interactionId: string }, RelayInteractionDetail>;
    export default getInteractionDetail;
}

declare module '@salesforce/apex/RelayInboxController.getContactNotes' {
    import type { RelayNoteView } from 'c/relayInboxStore';
    const getContactNotes: ApexMethod<{ interactionId: string }, RelayNoteView[]>;
    export default getContactNotes;
}

declare module '@salesforce/apex/RelayInboxController.addNote' {
    import type { RelayNoteView } from 'c/relayInboxStore';
    const addNote: ApexMethod<{ interactionId: string; body: string }, RelayNoteView[]>;
    export default addNote;
}

declare module '@salesforce/apex/RelayInboxController.setResolved' {
    import type { RelayInboxItemView } from 'c/relayInboxStore';
    const setResolved: ApexMethod<{ interactionId: string }, RelayInboxItemView>;
    export default setResolved;
}

declare module '@salesforce/apex/RelayInboxController.endInteraction' {
    import type { RelayInboxItemView } from 'c/relayInboxStore';
    const endInteraction: ApexMethod<{ interactionId: string }, RelayInboxItemView>;
    export default endInteraction;
}

declare module '@salesforce/apex/RelayInboxController.saveDisposition' {
    import type { RelayInboxItemView } from 'c/relayInboxStore';
    const saveDisposition: ApexMethod<
        { interactionId: string; nameId: string | null; relatesToId: string | null; notes: string | null },
        RelayInboxItemView
    >;
    export default saveDisposition;
}

declare module '@salesforce/apex/RelayInboxController.submitWrapUp' {
    import type { RelayInboxWrapUpResult } from 'c/relayInboxStore';
    const submitWrapUp: ApexMethod<
        { interactionId: string; codeId: string; notes: string | null },
        RelayInboxWrapUpResult
    >;
    export default submitWrapUp;
}

declare module '@salesforce/apex/RelayInboxController.getDigitalQueues' {
    import type { RelayQueueView } from 'c/relayInboxStore';
    const getDigitalQueues: ApexMethod<Record<string, never>, RelayQueueView[]>;
    export default getDigitalQueues;
}

declare module '@salesforce/apex/RelayInboxController.transferToQueue' {
    import type { RelayInboxItemView } from 'c/relayInboxStore';
    const transferToQueue: ApexMethod<{ interactionId: string; queueId: string }, RelayInboxItemView>;
    export default transferToQueue;
}

// ----- Contact-centre events (docs/events.md, Delivery): RelayAgentSignalController.

declare module '@salesforce/apex/RelayAgentSignalController.register' {
    /** The agent's own Relay_Agent_Signal__c id, registered with their Genesys Cloud user id. */
    const register: ApexMethod<Record<string, never>, string>;
    export default register;
}

// ----- Outbound email and SMS (docs/outbound.md): RelayOutboundController.

declare module '@salesforce/apex/RelayOutboundController.getOutboundChannels' {
    import type { OutboundChannels } from 'c/relayOutboundModel';
    const getOutboundChannels: ApexMethod<Record<string, never>, OutboundChannels>;
    export default getOutboundChannels;
}

declare module '@salesforce/apex/RelayOutboundController.startOutbound' {
    import type { OutboundRequest } from 'c/relayOutboundModel';
    import type { RelayInboxItemView } from 'c/relayInboxStore';
    const startOutbound: ApexMethod<{ request: OutboundRequest }, RelayInboxItemView>;
    export default startOutbound;
}

// ----- A message on behalf of a queue (docs/outbound.md): RelayMessageController.

declare module '@salesforce/apex/RelayMessageController.getMessageOptions' {
    import type { MessageOptions } from 'c/relayMessageModel';
    const getMessageOptions: ApexMethod<Record<string, never>, MessageOptions>;
    export default getMessageOptions;
}

declare module '@salesforce/apex/RelayMessageController.findMessageContacts' {
    import type { MessageContact } from 'c/relayMessageModel';
    const findMessageContacts: ApexMethod<{ text: string }, MessageContact[]>;
    export default findMessageContacts;
}

declare module '@salesforce/apex/RelayMessageController.startMessage' {
    import type { MessageRequest, MessageStart } from 'c/relayMessageModel';
    const startMessage: ApexMethod<{ request: MessageRequest }, MessageStart>;
    export default startMessage;
}

// ----- WhatsApp templates (docs/outbound.md): RelayConversationController.

declare module '@salesforce/apex/RelayConversationController.getTemplates' {
    import type { MessageTemplate } from 'c/relayMessageModel';
    const getTemplates: ApexMethod<{ interactionId: string }, MessageTemplate[]>;
    export default getTemplates;
}

declare module '@salesforce/apex/RelayConversationController.sendTemplate' {
    import type { RelayMessageView } from 'c/relayConversation';
    const sendTemplate: ApexMethod<
        { interactionId: string; templateId: string; values: Record<string, string> },
        RelayMessageView
    >;
    export default sendTemplate;
}
