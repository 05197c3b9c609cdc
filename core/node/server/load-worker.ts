import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { errorCount } from '../../import/problem.ts';
import { toPortable } from '../../rules/mark-columns.ts';
import { loadDataDirectory, type LoadOptions } from '../import/load.ts';

/**
 * Reads a data directory again (a refresh) in a worker thread, so that neither the time nor the memory the
 * import takes holds up the server, and the worker's memory is returned when it ends. It reads with this
 * one thread only (no `parallel`), at a lower CPU priority, so the server's own thread keeps answering
 * first. (Start-up reads on the server's own thread: nothing is served yet.)
 *
 * The children go back a slice at a time (`LOAD_SLICE` to a message), so that taking each message in
 * never holds the server's thread for long; their attendance marks follow in one buffer (moved, not
 * copied), with the file summaries and error count.
 */
export const LOAD_SLICE = 500;
/** The niceness of a refresh's thread (0 normal, 19 lowest). */
export const REFRESH_NICENESS = 10;

z.config({ jitless: true });
const { dir, options } = workerData as { dir: string; options: LoadOptions };
try {
  // On Linux this thread alone: the server's own thread keeps its priority. Lower, not the lowest: on a
  // busy machine a refresh still finishes in reasonable time.
  setPriority(REFRESH_NICENESS);
} catch {
  // Not allowed here: the refresh runs at normal priority.
}
const result = await loadDataDirectory(dir, options);
const { message, transfer } = toPortable(result.records);
for (let start = 0; start < message.records.length; start += LOAD_SLICE) parentPort?.postMessage({ records: message.records.slice(start, start + LOAD_SLICE) });
parentPort?.postMessage({ done: { ...message, records: [] }, files: result.files, errors: errorCount(result.problems) }, transfer);
