import register from '@salesforce/apex/RelayAgentSignalController.register';

/*
 * The agent's doorbell (docs/events.md, Delivery). The contact centre's events reach a console only through the
 * agent's own Relay_Agent_Signal__c: the event endpoint updates the signals of the agents an event concerns, and the
 * PushTopic RelayAgentSignals streams each update to the users who can read that record, its owner alone. A platform
 * event reaches every subscriber (events have no sharing), so no console subscribes to one. A signal carries the
 * event's type, ids and non-content data, never what the customer wrote: the console reads that through Apex, as
 * the agent, when it is rung.
 */

/** The PushTopic channel of the agents' signals (RelayAgentSignals.PUSH_TOPIC_NAME). */
export const AGENT_SIGNAL_CHANNEL = '/topic/RelayAgentSignals';

let registration: Promise<unknown> | null = null;

/**
 * Registers the agent's signal (RelayAgentSignalController.register: the Apex reads the agent's Genesys Cloud user id
 * with their own credential) once per page, before the page subscribes; a registration that failed is tried again by
 * the next caller.
 */
export function registerAgentSignal(): Promise<unknown> {
    registration ??= Promise.resolve()
        .then(() => register())
        .catch((error: unknown) => {
            registration = null;
            throw error;
        });
    return registration;
}

/** Forgets the page's registration (tests). */
export function resetAgentSignalRegistration(): void {
    registration = null;
}
