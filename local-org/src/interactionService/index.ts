// The local org's side of Salesforce's Interaction Service API (Bring Your Own Channel for CCaaS, partner-owned
// routing): docs/local-org-interaction-service.md.
export { startInteractionService, API_PREFIX, type InteractionService } from './server';
export {
    OUTBOUND_EVENT_DEFAULTS,
    type AcceptedTokens,
    type ChannelSettings,
    type InteractionServiceOptions
} from './context';
export { acceptWork } from './routing';
export { agentMessageRefusal, AgentMessageRefused, sendAgentMessage, type SentAgentMessage } from './agentMessage';
export { endSession, type EndedSession } from './endSession';
export { requestTransfer, type RequestedTransfer } from './transfer';
export { startPrismProxy, type PrismProxy } from './prismProxy';
