// What the console's contact centre has waiting when it starts: the seed's conversations and, with the demo inbox,
// the customers of preview/seed/demoConversations.ts. They start only once the org is ready, so each one reaches
// Salesforce as a real conversation does (the signed event, Relay's Apex); then preview/seed/demoInbox.apex adds
// what agents had already done with them in Salesforce.
import fs from 'node:fs';
import path from 'node:path';
import type { SeedData } from '../../simulator/src/model';
import type { Simulator } from '../../simulator/src/server';
import { DEMO_CONVERSATIONS } from '../seed/demoConversations';
import { ROOT } from '../lib/paths';
import type { ConsoleOrg } from './org';

export async function startWaitingConversations(
    sim: Simulator,
    org: ConsoleOrg,
    seed: SeedData,
    demoInbox: boolean
): Promise<void> {
    for (const conversation of seed.conversations) sim.control.startConversation(conversation);
    if (!demoInbox) {
        await sim.control.flushWebhooks();
        return;
    }
    for (const conversation of DEMO_CONVERSATIONS) sim.control.startConversation(conversation);
    await sim.control.flushWebhooks();
    await org.client.executeAnonymous(fs.readFileSync(path.join(ROOT, 'preview', 'seed', 'demoInbox.apex'), 'utf8'));
}
