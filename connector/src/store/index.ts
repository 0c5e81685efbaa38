// Opens the configured outbox (RELAY_STORE).
import type { StoreConfig } from '../config';
import { PostgresOutbox } from './postgres';
import { SqliteOutbox } from './sqlite';
import type { OutboxStore } from './types';

export type {
    AppendResult,
    ByocIntentUpdate,
    ByocOutboundClaim,
    ByocOutboundClaimResult,
    ByocOutboundRecord,
    ByocOutboundSettlement,
    ByocRecord,
    ByocSettlement,
    ClaimedEvent,
    ObserveResult,
    OutboxStats,
    OutboxStore,
    PruneResult,
    PruneRetention
} from './types';

export async function openStore(config: StoreConfig): Promise<OutboxStore> {
    const store = config.kind === 'postgres' ? new PostgresOutbox(config.location) : new SqliteOutbox(config.location);
    try {
        await store.init();
    } catch (error) {
        await store.close().catch(() => undefined);
        throw error;
    }
    return store;
}
