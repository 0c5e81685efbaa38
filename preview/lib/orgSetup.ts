// The org setup the digital inbox depends on, read from the project's metadata: the Salesforce queues
// (queues/*.queue-meta.xml: which objects each supports, and whether it has an Omni-Channel routing
// configuration) and the Relay Queue Mapping custom metadata records (customMetadata/Relay_Queue_Mapping.*).
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ROOT } from './paths';

const DEFAULT = path.join(ROOT, 'force-app', 'main', 'default');
const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    isArray: (name) => name === 'queueSobject' || name === 'values'
});
type Xml = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface QueueMetadata {
    developerName: string;
    name: string;
    sobjectTypes: string[];
    /** The routing configuration's API name: set for Omni-Channel queues, never for digital queues. */
    routingConfig: string | null;
}

export interface QueueMappingMetadata {
    developerName: string;
    label: string;
    genesysQueueId: string | null;
    salesforceQueue: string | null;
    isDefault: boolean;
}

function filesIn(dir: string, test: (name: string) => boolean): string[] {
    return fs.existsSync(dir)
        ? fs
              .readdirSync(dir)
              .filter(test)
              .sort()
              .map((f) => path.join(dir, f))
        : [];
}

export function readQueues(base: string = DEFAULT): QueueMetadata[] {
    return filesIn(path.join(base, 'queues'), (f) => f.endsWith('.queue-meta.xml')).map((file) => {
        const queue = (parser.parse(fs.readFileSync(file, 'utf8')) as Xml).Queue as Xml;
        const developerName = path.basename(file, '.queue-meta.xml');
        return {
            developerName,
            name: str(queue.name) ?? developerName,
            sobjectTypes: ((queue.queueSobject as Xml[] | undefined) ?? []).map((q) => str(q.sobjectType) ?? ''),
            routingConfig: str(queue.queueRoutingConfig) ?? null
        };
    });
}

export function readQueueMappings(base: string = DEFAULT): QueueMappingMetadata[] {
    const prefix = 'Relay_Queue_Mapping.';
    return filesIn(path.join(base, 'customMetadata'), (f) => f.startsWith(prefix) && f.endsWith('.md-meta.xml')).map(
        (file) => {
            const record = (parser.parse(fs.readFileSync(file, 'utf8')) as Xml).CustomMetadata as Xml;
            const values = new Map(
                ((record.values as Xml[] | undefined) ?? []).map((v) => [str(v.field) ?? '', str(v.value) ?? null])
            );
            return {
                developerName: path.basename(file, '.md-meta.xml').slice(prefix.length),
                label: str(record.label) ?? '',
                genesysQueueId: values.get('Genesys_Queue_Id__c') || null,
                salesforceQueue: values.get('Salesforce_Queue__c') || null,
                isDefault: values.get('Is_Default__c') === 'true'
            };
        }
    );
}
