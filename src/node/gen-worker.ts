import { parentPort, workerData } from 'node:worker_threads';
import { StoreError } from '../core/storage/object-store.js';
import { DatasetMismatchError } from '../core/storage/store-dataset.js';
import { InputError } from '../core/errors.js';
import { runJob, type GenerateJob } from './generate-job.js';

/** Worker-thread entry: runs the jobs the main thread sends, one at a time. */
const port = parentPort;
if (!port) throw new Error('gen-worker must run in a worker thread');
void workerData;
port.on('message', async (msg: { id: number; job: GenerateJob; parquet?: WebAssembly.Module }) => {
  try {
    // The main thread's compiled Parquet module: this thread compiles none.
    if (msg.parquet) await (await import('./parquet-node.js')).initParquetForNodeAsync(msg.parquet);
    const entries = await runJob(msg.job, (done, total) => port.postMessage({ id: msg.id, type: 'progress', done, total }));
    port.postMessage({ id: msg.id, type: 'done', entries });
  } catch (e) {
    // The user's to fix (credentials, bucket, another dataset there): reported as such by the main thread.
    const usage = e instanceof StoreError || e instanceof DatasetMismatchError || e instanceof InputError;
    port.postMessage({ id: msg.id, type: 'error', message: e instanceof Error ? e.message : String(e), usage });
  }
});
