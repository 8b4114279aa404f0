// Entry of dist/server.js. The same bundle also runs the workspace scan's lint worker thread,
// so the extension ships one server file.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';

if (!isMainThread && parentPort && (workerData as { role?: string } | undefined)?.role === 'file-linter') {
  (require('./fileLinter') as typeof import('./fileLinter')).runFileLinterWorker(parentPort);
} else {
  // The server starts its lint worker from this very file.
  (globalThis as { kubeTlsLintServerScript?: string }).kubeTlsLintServerScript = __filename;
  require('./server');
}
