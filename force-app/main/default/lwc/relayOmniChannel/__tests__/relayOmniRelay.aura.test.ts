import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { publish, subscribe } from 'lightning/messageService';
import type { MessageContextValue, MessageSubscription } from 'lightning/messageService';
import { createOmniClient, DEFAULT_TIMEOUT_MS, RelayOmniError } from 'c/relayOmniChannel';
import type { OmniClient, OmniEvent } from 'c/relayOmniChannel';

// The real Aura relay (controller + helper from force-app/main/default/aura/relayOmniRelay) talking to the real
// TypeScript client over an in-memory message channel, with a fake lightning:omniToolkitAPI underneath. This is
// the contract between the two halves: action names, toolkit argument names, event names and payload shapes.

type AuraFunctions = Record<string, (...args: unknown[]) => unknown>;
const AURA_DIR = path.join(__dirname, '..', '..', '..', 'aura', 'relayOmniRelay');

function loadAura(file: string): AuraFunctions {
    // An Aura JS file is one object literal, `({ ... });`: evaluate it as an expression.
    const source = fs.readFileSync(path.join(AURA_DIR, file), 'utf8').trim().replace(/;$/, '');
    // Aura runs $A.getCallback-wrapped callbacks in its own loop; here they run directly.
    const $A = { getCallback: (fn: unknown) => fn };
    return vm.runInNewContext(`(${source})`, { $A, Promise, JSON, Error, String }) as AuraFunctions;
}

const controller = loadAura('relayOmniRelayController.js');
const helper = loadAura('relayOmniRelayHelper.js');

type Listener = (message: unknown) => void;
let listeners: Set<Listener>;
let relayPublished: unknown[];
let toolkit: Record<string, jest.Mock>;
let client: OmniClient;

function broadcast(message: unknown): void {
    for (const listener of [...listeners]) {
        listener(message);
    }
}

/** lightning:messageChannel hands the relay a message whose fields are read with getParam. */
const asAuraMessage = (message: unknown) => ({
    getParam: (name: string) => (message as Record<string, unknown>)[name]
});

const component = {
    find(auraId: string): unknown {
        if (auraId === 'omniToolkit') {
            return toolkit;
        }
        if (auraId === 'relayChannel') {
            return {
                publish(message: unknown) {
                    relayPublished.push(message);
                    broadcast(message);
                }
            };
        }
        return undefined;
    }
};

/** An Aura application event as the relay's handlers receive it. */
const auraEvent = (params: Record<string, unknown>) => ({ getParams: () => params });

/** Lets every promise the relay chained settle: a macrotask runs after all pending microtasks. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
    listeners = new Set();
    relayPublished = [];
    toolkit = {
        acceptAgentWork: jest.fn().mockResolvedValue(true),
        closeAgentWork: jest.fn().mockResolvedValue(true),
        setServicePresenceStatus: jest.fn(),
        getServicePresenceStatusId: jest.fn(),
        getAgentWorks: jest.fn(),
        logout: jest.fn().mockResolvedValue(true)
    };
    jest.mocked(subscribe).mockImplementation((_ctx, _channel, listener) => {
        listeners.add(listener);
        const subscription: MessageSubscription = {};
        return subscription;
    });
    jest.mocked(publish).mockImplementation((_ctx, _channel, message) => broadcast(message));
    // The relay's onMessage subscription (lightning:messageChannel scope="APPLICATION").
    listeners.add((message) => controller.onMessage(component, asAuraMessage(message), helper));
    const context: MessageContextValue = {};
    client = createOmniClient(context);
});

afterEach(() => {
    client.dispose();
    jest.useRealTimers();
    jest.clearAllMocks();
});

describe('relayOmniRelay (Aura) with c/relayOmniChannel', () => {
    it('accepts work through acceptAgentWork with the work id the component asked for', async () => {
        await client.acceptWork('0Bz000000000001');

        expect(toolkit.acceptAgentWork).toHaveBeenCalledWith({ workId: '0Bz000000000001' });
    });

    it('closes work through closeAgentWork and reports a toolkit rejection as a failed action', async () => {
        toolkit.closeAgentWork.mockRejectedValue(new Error('Invalid workId'));

        const error = await client.closeWork('0Bz000000000001').catch((e: unknown) => e);

        expect(toolkit.closeAgentWork).toHaveBeenCalledWith({ workId: '0Bz000000000001' });
        expect(error).toBeInstanceOf(RelayOmniError);
        expect(error).toMatchObject({ code: 'OMNI_REJECTED', detail: 'Invalid workId' });
    });

    it('passes the status id to setServicePresenceStatus and returns the channels that status opens', async () => {
        toolkit.setServicePresenceStatus.mockResolvedValue({
            statusId: '0N5000000000001',
            statusName: 'Online',
            statusApiName: 'Relay_Online',
            channels: '[{"channelId":"0N9000000000001","developerName":"Relay_Interaction"}]'
        });

        const status = await client.setStatus('0N5000000000001');

        expect(toolkit.setServicePresenceStatus).toHaveBeenCalledWith({ statusId: '0N5000000000001' });
        expect(status.channels).toEqual([{ channelId: '0N9000000000001', developerName: 'Relay_Interaction' }]);
    });

    it('reads the current status from getServicePresenceStatusId', async () => {
        toolkit.getServicePresenceStatusId.mockResolvedValue({
            statusId: '0N5000000000002',
            statusName: 'Busy',
            statusApiName: 'Relay_Busy'
        });

        await expect(client.getStatus()).resolves.toEqual({
            statusId: '0N5000000000002',
            statusName: 'Busy',
            statusApiName: 'Relay_Busy'
        });
    });

    it('reads getAgentWorks results that carry the works as a JSON string', async () => {
        toolkit.getAgentWorks.mockResolvedValue({
            works: JSON.stringify([{ workId: '0Bz1', workItemId: 'a01000000000001', isEngaged: false }])
        });

        await expect(client.getAgentWorks()).resolves.toEqual([
            { workId: '0Bz1', workItemId: 'a01000000000001', isEngaged: false }
        ]);
    });

    it('logs the agent out of Omni-Channel through logout', async () => {
        await client.logout();

        expect(toolkit.logout).toHaveBeenCalledTimes(1);
    });

    it('forwards an Omni-Channel work event with its work and record ids to the components', () => {
        const seen: OmniEvent[] = [];
        client.onEvent((e) => seen.push(e));

        controller.onWorkClosed(component, auraEvent({ workId: '0Bz1', workItemId: 'a01000000000001' }), helper);
        controller.onStatusChanged(
            component,
            auraEvent({
                statusId: '0N5000000000001',
                statusName: 'Online',
                statusApiName: 'Relay_Online',
                channels: '[]'
            }),
            helper
        );
        controller.onLogout(component, auraEvent({ reason: 'OmniSupervisorLogout' }), helper);

        expect(seen).toEqual([
            { name: 'workClosed', workId: '0Bz1', workItemId: 'a01000000000001' },
            expect.objectContaining({ name: 'statusChanged', statusApiName: 'Relay_Online' }),
            { name: 'logout', reason: 'OmniSupervisorLogout' }
        ]);
    });

    it('announces itself on start, so a later silence reads as a timeout rather than a missing relay', async () => {
        jest.useFakeTimers();
        toolkit.acceptAgentWork.mockReturnValue(new Promise(() => {})); // Omni-Channel never answers

        controller.onInit(component, {}, helper);
        const accepting = client.acceptWork('0Bz000000000001').catch((e: unknown) => e);
        jest.advanceTimersByTime(DEFAULT_TIMEOUT_MS);

        await expect(accepting).resolves.toMatchObject({ code: 'TIMEOUT' });
    });

    it('answers an unknown action with a failure instead of staying silent', async () => {
        broadcast({ kind: 'request', requestId: 'r-1', action: 'transferWork', params: {} });
        await settle();

        expect(relayPublished).toEqual([
            { kind: 'response', requestId: 'r-1', ok: false, error: 'Unknown action: transferWork' }
        ]);
    });

    it('never answers its own responses or events, so the channel cannot loop', async () => {
        await client.acceptWork('0Bz000000000001');
        await settle();

        expect(relayPublished).toHaveLength(1);
        expect(toolkit.acceptAgentWork).toHaveBeenCalledTimes(1);
    });
});
