// The console's SharedWorker (built to dist/stream-worker.js): one StreamHub, so every tab of the browser shares
// one connection for its server streams. See streamHub.ts.
import { StreamHub } from './streamHub';

const hub = new StreamHub({ watchLocks: true });
(self as unknown as { onconnect: (event: MessageEvent) => void }).onconnect = (event) => {
    const port = event.ports[0];
    if (port) hub.connect(port);
};
