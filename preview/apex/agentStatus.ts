// Preview of RelayPresenceMappingService and RelayAgentStatusService: the admin's presence mapping
// (Relay_Presence_Mapping__mdt records from customMetadata/, as `SELECT ... ORDER BY DeveloperName` reads
// them) and the agent's Genesys Cloud presence through it. On Queue is a presence (the definition whose
// system presence is OnQueue), never a routing-status change.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { readPresenceStatuses, type PresenceStatus } from '../lib/metadata';
import { ROOT } from '../lib/paths';
import { RelayGenesysClient, isBlank, type GenesysPresence, type PresenceDefinition } from './genesys';
import { RelayWorkItemException } from './workItemErrors';
import type { ApexContext } from './types';

export interface PresenceMapping {
    DeveloperName: string;
    MasterLabel: string;
    Genesys_Presence_Definition_Id__c: string | null;
    Genesys_System_Presence__c: string | null;
    Is_Default_For_Omni_Status__c: boolean;
    Is_On_Queue__c: boolean;
    Omni_Status__c: string | null;
}

/** RelayAgentStatus. */
export interface RelayAgentStatus {
    onQueue: boolean;
    genesysUserId: string | null;
    presenceName: string | null;
    omniStatusApiName: string | null;
    omniStatusId: string | null;
}

const CUSTOM_METADATA_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'customMetadata');
const PREFIX = 'Relay_Presence_Mapping.';
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'values' });

/** The org's mappings: the Relay_Presence_Mapping__mdt records in the project. */
export function readPresenceMappings(dir: string = CUSTOM_METADATA_DIR): PresenceMapping[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => f.startsWith(PREFIX) && f.endsWith('.md-meta.xml'))
        .map((file) => {
            const record = (parser.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>)
                .CustomMetadata as Record<string, unknown>;
            const values = new Map<string, string | null>();
            for (const v of (record.values as Record<string, unknown>[] | undefined) ?? []) {
                const value = v.value as Record<string, unknown> | string | undefined;
                const text =
                    typeof value === 'string' ? value : typeof value?.['#text'] === 'string' ? value['#text'] : null;
                values.set(String(v.field), text);
            }
            return {
                DeveloperName: file.slice(PREFIX.length, -'.md-meta.xml'.length),
                MasterLabel: String(record.label ?? ''),
                Genesys_Presence_Definition_Id__c: values.get('Genesys_Presence_Definition_Id__c') ?? null,
                Genesys_System_Presence__c: values.get('Genesys_System_Presence__c') ?? null,
                Is_Default_For_Omni_Status__c: values.get('Is_Default_For_Omni_Status__c') === 'true',
                Is_On_Queue__c: values.get('Is_On_Queue__c') === 'true',
                Omni_Status__c: values.get('Omni_Status__c') ?? null
            };
        })
        .sort((a, b) => (a.DeveloperName < b.DeveloperName ? -1 : a.DeveloperName > b.DeveloperName ? 1 : 0));
}

let orgMappings: PresenceMapping[] | undefined;
let orgPresenceStatuses: PresenceStatus[] | undefined;

/**
 * RelayAgentStatusService.withOmniStatusId: `SELECT Id FROM ServicePresenceStatus WHERE DeveloperName = :apiName`
 * against the project's servicePresenceStatuses/, with the ids the preview's Omni-Channel simulator uses.
 */
export function withOmniStatusId(
    status: RelayAgentStatus,
    statuses: PresenceStatus[] = (orgPresenceStatuses ??= readPresenceStatuses())
): RelayAgentStatus {
    if (isBlank(status.omniStatusApiName)) return status;
    return { ...status, omniStatusId: statuses.find((s) => s.apiName === status.omniStatusApiName)?.id ?? null };
}

export class RelayPresenceMappingService {
    constructor(
        private readonly ctx: ApexContext,
        private readonly mappings: PresenceMapping[] = (orgMappings ??= readPresenceMappings())
    ) {}

    isConfigured(): boolean {
        return this.mappings.length > 0;
    }

    notConfigured(): RelayWorkItemException {
        return new RelayWorkItemException(this.ctx.label('Relay_Error_NotConfigured'));
    }

    /** The mapping naming the definition id, else the one for its system presence without a definition id. */
    mappingFor(definitionId: string | null, systemPresence: string | null): PresenceMapping | null {
        let bySystemPresence: PresenceMapping | null = null;
        for (const m of this.mappings) {
            if (!isBlank(definitionId) && m.Genesys_Presence_Definition_Id__c === definitionId) return m;
            if (
                bySystemPresence === null &&
                isBlank(m.Genesys_Presence_Definition_Id__c) &&
                m.Genesys_System_Presence__c === systemPresence
            ) {
                bySystemPresence = m;
            }
        }
        return bySystemPresence;
    }

    onQueue(): PresenceMapping {
        return this.best(true, 'OnQueue');
    }

    offQueue(): PresenceMapping {
        return this.best(false, 'Available');
    }

    needsDefinitions(mapping: PresenceMapping): boolean {
        return isBlank(mapping.Genesys_Presence_Definition_Id__c);
    }

    /** The mapping's own definition id, else the active definition with its system presence (System first). */
    definitionIdFor(mapping: PresenceMapping, definitions: PresenceDefinition[] | null): string {
        if (!this.needsDefinitions(mapping)) return mapping.Genesys_Presence_Definition_Id__c ?? '';
        let chosen: PresenceDefinition | null = null;
        for (const d of definitions ?? []) {
            if (!d.deactivated && d.systemPresence === mapping.Genesys_System_Presence__c) {
                if (chosen === null || (chosen.definitionType !== 'System' && d.definitionType === 'System')) {
                    chosen = d;
                }
            }
        }
        if (chosen?.id == null) throw this.notConfigured();
        return chosen.id;
    }

    statusFor(genesysUserId: string | null, presence: GenesysPresence): RelayAgentStatus {
        const mapping = this.mappingFor(presence.presenceDefinitionId, presence.systemPresence);
        return {
            genesysUserId,
            onQueue: mapping ? mapping.Is_On_Queue__c : presence.systemPresence === 'OnQueue',
            presenceName: mapping && !isBlank(mapping.MasterLabel) ? mapping.MasterLabel : presence.systemPresence,
            omniStatusApiName: mapping?.Omni_Status__c ?? null,
            omniStatusId: null
        };
    }

    private best(isOnQueue: boolean, preferredSystemPresence: string): PresenceMapping {
        let chosen: PresenceMapping | null = null;
        let chosenScore = -1;
        for (const m of this.mappings) {
            if (m.Is_On_Queue__c !== isOnQueue) continue;
            const score =
                (m.Genesys_System_Presence__c === preferredSystemPresence ? 4 : 0) +
                (m.Is_Default_For_Omni_Status__c ? 2 : 0) +
                (!isBlank(m.Genesys_Presence_Definition_Id__c) ? 1 : 0);
            // Off Queue must be a presence the agent can work in; an unmatched Offline mapping would log them out.
            if (!isOnQueue && score < 4 && m.Genesys_System_Presence__c === 'Offline') continue;
            if (score > chosenScore) {
                chosen = m;
                chosenScore = score;
            }
        }
        if (chosen === null) throw this.notConfigured();
        return chosen;
    }
}

export class RelayAgentStatusService {
    private readonly mappings: RelayPresenceMappingService;

    constructor(
        ctx: ApexContext,
        private readonly client: RelayGenesysClient = new RelayGenesysClient(ctx)
    ) {
        this.mappings = new RelayPresenceMappingService(ctx);
    }

    /** The agent's Genesys Cloud user id: one getMe call. */
    async genesysUserId(): Promise<string | null> {
        return (await this.client.getMe()).id;
    }

    async getStatus(): Promise<RelayAgentStatus> {
        if (!this.mappings.isConfigured()) throw this.mappings.notConfigured();
        const userId = await this.genesysUserId();
        return withOmniStatusId(this.mappings.statusFor(userId, await this.client.getPresence(userId)));
    }

    async setOnQueue(onQueue: boolean): Promise<RelayAgentStatus> {
        // The mapping is checked before any callout, so a configuration gap costs the agent no request.
        const target = onQueue ? this.mappings.onQueue() : this.mappings.offQueue();
        const userId = await this.genesysUserId();
        const definitions = this.mappings.needsDefinitions(target)
            ? await this.client.getPresenceDefinitions(null)
            : null;
        const definitionId = this.mappings.definitionIdFor(target, definitions);
        const presence = await this.client.setPresence(userId, definitionId);
        if (isBlank(presence.presenceDefinitionId)) {
            // PATCH answers with the new presence; an answer without one still means the change was accepted.
            presence.presenceDefinitionId = definitionId;
            presence.systemPresence = target.Genesys_System_Presence__c;
        }
        return withOmniStatusId(this.mappings.statusFor(userId, presence));
    }
}
