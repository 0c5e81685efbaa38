// What the console's server tests share: a server per test (stopped when the test ends), and Apex called the way
// an LWC calls it, as one of the org's users.
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { demoSeed } from '../../simulator/src/seed';
import { startPreviewServer, type PreviewServer } from '../server/server';

export type Json = Record<string, unknown>;

/** A console server on 127.0.0.1 with the demo seed and no demo conversations, closed once the test ends. */
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

/** Calls Relay's Apex as an LWC does (as Alex unless `asUser` says otherwise); rejects with the message shown. */
export async function apex<T = Json>(
    server: PreviewServer,
    name: string,
    params: Json = {},
    asUser?: string
): Promise<T> {
    const outcome = await server.org.client.invokeAura(name, params, asUser ?? server.org.users.alex);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.result as T;
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

/** The contact-centre requests (method and path) sent from `mark` on, in order. */
export const requests = (server: PreviewServer, mark: number): string[] =>
    server.org.sent.slice(mark).map((r) => `${r.method} ${r.path.split('?')[0]}`);

/** The rows of `soql` (as the administrator sees them) once `check` holds, read again after each committed change. */
export async function rowsWhen(
    server: PreviewServer,
    soql: string,
    check: (rows: Json[]) => boolean,
    what: string,
    timeoutMs = 30_000
): Promise<Json[]> {
    let rows = await server.org.query(soql);
    if (check(rows)) return rows;
    return new Promise((resolve, reject) => {
        let busy = Promise.resolve();
        const timer = setTimeout(() => {
            stop();
            reject(new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(rows)}`));
        }, timeoutMs);
        const stop = server.org.onChanges(() => {
            busy = busy.then(async () => {
                rows = await server.org.query(soql);
                if (check(rows)) {
                    clearTimeout(timer);
                    stop();
                    resolve(rows);
                }
            });
        });
    });
}
