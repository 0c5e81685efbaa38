// The console's Salesforce org: Relay's own Apex and metadata in the local org (local-org/), in a worker thread,
// seeded by Apex scripts as an admin sets an org up (preview/seed/). Every callout the Apex makes goes to the
// contact-centre simulator with the credentials the Named Credential would add for the running user: each
// agent's own token (a per-user External Credential principal).
import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { OrgClient, fetchCallout } from '../../local-org/src/worker/orgClient';
import type { PlainRecord } from '../../local-org/src/worker/protocol';
import type { CalloutRequest } from '../../local-org/src/org/org';
import type { StoredRecord } from '../../local-org/src/data/schemaTypes';
import type { Simulator } from '../../simulator/src/server';
import { SEED_IDS } from '../../simulator/src/seed';
import { ROOT } from '../lib/paths';
import { MESSAGING_OBJECTS } from './messaging';

export const USER_NAMED_CREDENTIAL = 'Relay_Genesys_Cloud';
export const MEDIA_NAMED_CREDENTIAL = 'Relay_Genesys_Media';
const SEED_DIR = path.join(ROOT, 'preview', 'seed');

/** The console's Salesforce users, by role, and the contact-centre agent each one is. */
export const CONSOLE_USERS = {
    alex: { username: 'alex.rivera@relay.local', name: 'Alex Rivera', genesysAgentId: SEED_IDS.users.alex },
    blake: { username: 'blake.chen@relay.local', name: 'Blake Chen', genesysAgentId: SEED_IDS.users.blake },
    bridge: { username: 'event.bridge@relay.local', name: 'Relay Event Bridge', genesysAgentId: null }
} as const;
export type ConsoleUserKey = keyof typeof CONSOLE_USERS;

/** Objects whose committed changes the console follows (Omni-Channel's work, PushTopics, tests waiting for records). */
const WATCHED = [
    'AgentWork',
    'Relay_Interaction__c',
    'Relay_Message__c',
    'Relay_Wrap_Up__c',
    'Relay_Attachment__c',
    'Relay_Note__c',
    'ContentVersion',
    // The agents' doorbells, which the PushTopic RelayAgentSignals streams (pushTopics.ts).
    'Relay_Agent_Signal__c',
    // A Bring Your Own Channel Messaging Session's page follows its entries (messaging.ts).
    ...MESSAGING_OBJECTS
];

export interface ConsoleOrgOptions {
    readonly sim: Simulator;
    /** The customMetadata file of the connector's public signing key (Relay_Event_Signing_Key__mdt). */
    readonly signingKeyRecord: string;
    readonly log: (line: string) => void;
    readonly onEvents: (events: readonly StoredRecord[]) => void;
    readonly onJobQueued: (jobId: string, className: string, delayMinutes: number) => void;
    /** More SFDX projects deployed into the org (the browser tests' probe component's Apex). */
    readonly extraProjects?: readonly string[];
}

/** A callout the org made, as the contact centre received it. */
export interface SentCallout {
    readonly method: string;
    /** Path and query below the Named Credential's URL. */
    readonly path: string;
    readonly namedCredential: string | null;
    readonly userId: string;
    readonly status: number;
}

export class ConsoleOrg extends EventEmitter {
    /** Every callout the org made, oldest first (tests assert on what Relay's Apex sent). */
    readonly sent: SentCallout[] = [];

    private constructor(
        readonly client: OrgClient,
        /** Salesforce user ids by role. */
        readonly users: Record<ConsoleUserKey, string>
    ) {
        super();
    }

    static async start(options: ConsoleOrgOptions): Promise<ConsoleOrg> {
        const { sim } = options;
        const tokens = new Map<string, string>();
        const tokenFor = (agentId: string): string => {
            let token = tokens.get(agentId);
            if (!token) {
                token = sim.control.issueToken(agentId).access_token;
                tokens.set(agentId, token);
            }
            return token;
        };
        let agentsByUserId = new Map<string, string>();
        const send = (request: CalloutRequest) => {
            const headers: Record<string, string> = {};
            if (request.namedCredential === USER_NAMED_CREDENTIAL) {
                const agentId = agentsByUserId.get(request.userId);
                if (!agentId) {
                    return Promise.resolve({
                        ok: false as const,
                        reason: 'unreachable' as const,
                        message: 'This user has not authenticated the Relay_Genesys_Cloud External Credential'
                    });
                }
                headers.Authorization = `Bearer ${tokenFor(agentId)}`;
            }
            return fetchCallout(request, headers).then((answer) => {
                started.org?.sent.push({
                    method: request.method,
                    path: request.url.slice(sim.url.length),
                    namedCredential: request.namedCredential,
                    userId: request.userId,
                    status: answer.ok ? answer.status : 0
                });
                return answer;
            });
        };
        // The org's callbacks may fire while it loads (the seed's callouts and changes), before it exists.
        const started: { org?: ConsoleOrg } = {};
        const seed = [fs.readFileSync(path.join(SEED_DIR, 'org.apex'), 'utf8')];
        const client = await OrgClient.start({
            projectDir: ROOT,
            namedCredentialUrls: {
                [USER_NAMED_CREDENTIAL]: sim.url,
                [MEDIA_NAMED_CREDENTIAL]: sim.url
            },
            seedApex: seed.join('\n'),
            customMetadataFiles: fs
                .readdirSync(path.join(SEED_DIR, 'customMetadata'))
                .map((file) => path.join(SEED_DIR, 'customMetadata', file))
                .concat(options.signingKeyRecord),
            watch: WATCHED,
            extraProjects: options.extraProjects,
            send,
            onEvents: options.onEvents,
            onJobQueued: options.onJobQueued,
            // What the seed changes is nobody's news: only changes after the start are followed.
            onChanges: (records) => started.org?.emit('changes', records),
            log: options.log
        });
        const users = {
            alex: client.users[CONSOLE_USERS.alex.username],
            blake: client.users[CONSOLE_USERS.blake.username],
            bridge: client.users[CONSOLE_USERS.bridge.username]
        };
        agentsByUserId = new Map([
            [users.alex, CONSOLE_USERS.alex.genesysAgentId],
            [users.blake, CONSOLE_USERS.blake.genesysAgentId]
        ]);
        const org = new ConsoleOrg(client, users);
        started.org = org;
        options.log(`local org: Relay's Apex loaded in ${(client.loadMs / 1000).toFixed(1)} s`);
        return org;
    }

    /** Committed changes to the watched objects. */
    onChanges(listener: (records: readonly PlainRecord[]) => void): () => void {
        this.on('changes', listener);
        return () => this.off('changes', listener);
    }

    /** SOQL as the administrator (tests' assertions) or as a user. */
    query(soql: string, userId?: string): Promise<Record<string, unknown>[]> {
        return this.client.query(soql, userId);
    }

    close(): Promise<void> {
        return this.client.close();
    }
}
