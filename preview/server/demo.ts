// What the console's contact centre has waiting when it starts: the seed's conversations and, with the demo inbox,
// the customers of preview/seed/demoConversations.ts. They start only once the org is ready, so each one reaches
// Salesforce as a real conversation does (a Genesys notification, the connector's signed event, Relay's Apex); then
// preview/seed/demoInbox.apex adds
// what agents had already done with them in Salesforce.
import fs from 'node:fs';
import path from 'node:path';
import type { SeedData } from '../../simulator/src/model';
import type { Simulator } from '../../simulator/src/server';
import { DEMO_CONVERSATIONS } from '../seed/demoConversations';
import { ROOT } from '../lib/paths';
import type { ConsoleOrg } from './org';
import type { ConsoleConnector } from './connector';

export async function startWaitingConversations(
    sim: Simulator,
    org: ConsoleOrg,
    connector: ConsoleConnector,
    seed: SeedData,
    demoInbox: boolean
): Promise<void> {
    const started = seed.conversations.map((c) => sim.control.startConversation(c).id);
    if (demoInbox) {
        for (const c of DEMO_CONVERSATIONS) {
            const conversation =
                c.channel === 'email'
                    ? sim.control.startEmail({
                          queue: c.queue,
                          fromName: c.customerName,
                          fromAddress: c.customerAddress,
                          subject: c.subject ?? `Message from ${c.customerName}`,
                          textBody: c.text
                      })
                    : sim.control.startConversation(c);
            started.push(conversation.id);
        }
    }
    await connector.settled(started);
    if (!demoInbox) return;
    await org.client.executeAnonymous(fs.readFileSync(path.join(ROOT, 'preview', 'seed', 'demoInbox.apex'), 'utf8'));
}
