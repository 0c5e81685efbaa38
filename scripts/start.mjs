// `npm start`: builds the local console (the project's LWCs compiled by the LWC compiler) and serves it
// with the embedded contact-centre simulator on http://127.0.0.1:4173 (PORT overrides). Ctrl+C stops it.
import { tsImport } from 'tsx/esm/api';

const load = async (file) => {
    const module = await tsImport(file, import.meta.url);
    return module.default ?? module;
};

const { buildPreview } = await load('../preview/build.ts');
const { startPreviewServer } = await load('../preview/server/server.ts');

const port = process.env.PORT === undefined ? 4173 : Number(process.env.PORT);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number (0-65535), got "${process.env.PORT}"`);
    process.exit(1);
}

let server;
try {
    await buildPreview();
    const started = Date.now();
    server = await startPreviewServer({ port });
    console.log(`Relay local console: ${server.url}  (started in ${Date.now() - started} ms)`);
} catch (error) {
    // A component that does not compile, a missing label or a busy port: say which, without a stack trace.
    console.error(`The local console did not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
}
console.log(`  simulated contact centre (Genesys Cloud API subset): ${server.sim.url}`);
console.log('  Ctrl+C to stop');

const stop = () => {
    server.close().then(
        () => process.exit(0),
        () => process.exit(1)
    );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
