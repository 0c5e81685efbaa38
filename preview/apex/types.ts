// What a preview Apex handler gets: the same collaborators the Apex class has in an org (records, the
// event bus, the contact-centre client behind the Named Credentials, custom labels, the clock).
import type { GenesysClient } from '../server/genesysClient';
import type { PlatformEventBus } from '../server/eventBus';
import type { RecordStore } from '../server/recordStore';
import type { AsyncApexJobs } from '../server/asyncApex';

export interface ApexContext {
    /** The running user (`UserInfo.getUserId()`): the demo agent. */
    userId: string;
    store: RecordStore;
    bus: PlatformEventBus;
    genesys: GenesysClient;
    /** `System.Label.X`: the English text from CustomLabels.labels-meta.xml. */
    label: (name: string) => string;
    now: () => Date;
    /** `System.enqueueJob`: Queueable jobs. Without it a job cannot be queued (as when Apex hits its limit). */
    jobs?: AsyncApexJobs;
    /**
     * A GET through a Named Credential other than the contact centre's API (`callout:Relay_Genesys_Media` + path):
     * the status and at most `maxBytes` of the body (a longer body fails, as RelayHttpClient.download does).
     */
    callout?: (namedCredential: string, pathAndQuery: string, maxBytes: number) => Promise<CalloutResponse>;
}

export interface CalloutResponse {
    status: number;
    body: Buffer;
}

/** `AuraHandledException`: its message (a label's text) is what the component receives in `body.message`. */
export class AuraHandledException extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'AuraHandledException';
    }
}

export type ApexMethodHandler = (params: Record<string, unknown>, context: ApexContext) => unknown;

export interface RestRequest {
    method: string;
    headers: Record<string, string | undefined>;
    body: Buffer;
}
export interface RestResponse {
    statusCode: number;
    body: string;
}
export type RestHandler = (request: RestRequest, context: ApexContext) => RestResponse | Promise<RestResponse>;

/** The preview of one Apex class: its @AuraEnabled methods and, for an @RestResource, its URL mapping. */
export interface ApexClassPreview {
    className: string;
    methods?: Record<string, ApexMethodHandler>;
    rest?: { urlMapping: string; handlers: Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', RestHandler>> };
}
