// The local org's side of Salesforce's Interaction Service API (Bring Your Own Channel for CCaaS, partner-owned
// routing): docs/local-org-interaction-service.md.
export { startInteractionService, API_PREFIX, type InteractionService } from './server';
export type { ChannelSettings, InteractionServiceOptions } from './context';
export { acceptWork } from './routing';
export { startPrismProxy, type PrismProxy } from './prismProxy';
