// What the preview's handler tests share: a preview server per test (stopped when the test ends), and preview
// Apex called the way an LWC calls it.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { demoSeed } from '../../simulator/src/seed';
import { startPreviewServer, type PreviewServer } from '../server/server';

export type Json = Record<string, unknown>;

/** A preview server on 127.0.0.1 with the demo seed and no demo conversations, closed once the test ends. */
export async function preview(t: TestContext, options: { demoInbox?: boolean } = {}): Promise<PreviewServer> {
    const server = await startPreviewServer({
        port: 0,
        seed: demoSeed({ conversations: false }),
        log: () => {},
        ...options
    });
    t.after(() => server.close());
    return server;
}

/** Calls preview Apex as an LWC does; resolves with the result, rejects with the AuraHandledException text. */
export async function apex<T = Json>(
    server: PreviewServer,
    name: string,
    params: Json = {},
    asUser?: string
): Promise<T> {
    const outcome = await server.apex.invoke(name, params, asUser);
    if (outcome.status !== 200) throw new Error(outcome.payload.body?.message ?? 'no message');
    return outcome.payload.result as T;
}

/** The text a call is refused with; fails the test when the call succeeds. */
export async function refusal(
    server: PreviewServer,
    name: string,
    params: Json = {},
    asUser?: string
): Promise<string> {
    return apex(server, name, params, asUser).then(
        () => assert.fail(`${name} succeeded`),
        (error: Error) => error.message
    );
}

/** The contact-centre operations sent from `mark` on, in order. */
export const operations = (server: PreviewServer, mark: number): string[] =>
    server.genesys.sent.slice(mark).map((r) => r.operation);
