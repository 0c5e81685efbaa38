// `npm start`: builds the local console (the project's LWCs compiled by the LWC compiler) and serves it
// with the embedded contact-centre simulator on http://127.0.0.1:4173 (PORT overrides). Ctrl+C stops it.
import { tsImport } from 'tsx/esm/api';

const load = async (file) => {
    const module = await tsImport(file, import.meta.url);
    return module.default ?? module;
};

const { buildPreviewIfChanged } = await load('../preview/build.ts');
const { startPreviewServer } = await load('../preview/server/server.ts');

const port = process.env.PORT === undefined ? 4173 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}"`);
    process.exit(1);
}

let server;
try {
    // The bundle and the org are independent: the build runs here while the org loads Relay's Apex in its worker.
    const started = Date.now();
    console.log("Starting the local console: building the page and loading Relay's Apex into the local org...");
    // Bring Your Own Channel's side of Salesforce (docs/local-console.md): RELAY_CONSOLE_BYOC=0 leaves it out.
    const serverStarting = startPreviewServer({ port, byoc: process.env.RELAY_CONSOLE_BYOC !== '0' });
    const build = await buildPreviewIfChanged().catch(async (error) => {
        await (await serverStarting.catch(() => undefined))?.close();
        throw error;
    });
    console.log(
        build.cached ? '  page: unchanged since the last build' : `  page: built in ${(build.ms / 1000).toFixed(1)} s`
    );
    server = await serverStarting;
    console.log(`Relay local console: ${server.url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
    // A component that does not compile, a missing label or a busy port: say which, without a stack trace.
    console.error(`The local console did not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
}
console.log(`  simulated contact centre (Genesys Cloud API subset): ${server.sim.url}`);
if (server.byoc) {
    console.log(
        `  Bring Your Own Channel: Interaction Service (through Prism) ${server.byoc.proxy.url}, queue Messaging`
    );
}
console.log('  Ctrl+C to stop');

const stop = () => {
    server.close().then(
        () => process.exit(0),
        () => process.exit(1)
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
