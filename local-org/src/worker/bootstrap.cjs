// The worker thread's entry: registers tsx's require hook, then loads the TypeScript worker (worker threads do
// not inherit a loader given with --import on this Node version).
require('tsx/cjs');
require('./orgWorker.ts');
